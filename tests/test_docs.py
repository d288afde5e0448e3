"""The README documents every command, query and export format, and the set-up commands."""

from __future__ import annotations

from pathlib import Path

from kb.cli import actor_app, app, import_app
from kb.queries import list_queries
from kb.timeline.exporters import FORMATS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _names(typer_app) -> list[str]:
    return [c.name or c.callback.__name__ for c in typer_app.registered_commands]


def test_every_command_in_readme():
    names = _names(app)
    assert len(names) >= 15
    for name in names:
        assert f"`kb {name}" in README, name
    for group, sub in (("actor", actor_app), ("import", import_app)):
        for name in _names(sub):
            assert f"`kb {group} {name}" in README, (group, name)


def test_every_query_in_readme():
    queries = list_queries()
    assert len(queries) == 8
    for q in queries:
        assert f"`{q.name}`" in README, q.name


def test_every_export_format_in_readme():
    for fmt in FORMATS:
        assert f"`{fmt}`" in README, fmt


def test_setup_commands_match_ci():
    assert "    make demo\n" in README and "    make test\n" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
