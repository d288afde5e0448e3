"""`kb articles` lists what is stored; `kb remove` takes an id, a URL or a path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app

KIRKUK = (
    "title: Checkpoint attack in Kirkuk\npublished: 2025-03-07\noutlet: Kirkuk Now\n---\n"
    "Gunmen attacked a police checkpoint in Kirkuk on Tuesday, killing two officers.\n"
)
MOSUL = (
    "title: Arrests in Mosul\npublished: 2025-03-09\nurl: https://example.org/mosul-arrests\n"
    "---\nIraqi police arrested three men in Mosul on Saturday.\n"
)


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _store(tmp_path: Path) -> tuple[str, Path, Path]:
    (tmp_path / "in").mkdir()
    kirkuk, mosul = tmp_path / "in" / "kirkuk.txt", tmp_path / "in" / "mosul.txt"
    kirkuk.write_text(KIRKUK, encoding="utf-8")
    mosul.write_text(MOSUL, encoding="utf-8")
    store = str(tmp_path / "store")
    assert _run("ingest", str(tmp_path / "in"), "--store", store).exit_code == 0
    return store, kirkuk, mosul


def test_articles_lists_newest_first_with_events_and_source(tmp_path: Path) -> None:
    store, kirkuk, _ = _store(tmp_path)
    result = _run("articles", "--store", store, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["title"] for r in rows] == ["Arrests in Mosul", "Checkpoint attack in Kirkuk"]
    assert rows[0]["url"] == "https://example.org/mosul-arrests"
    assert rows[1]["outlet"] == "Kirkuk Now" and rows[1]["path"].endswith("kirkuk.txt")
    assert all(r["events"] >= 1 for r in rows)
    table = list(
        csv.DictReader(io.StringIO(_run("articles", "--store", store, "-f", "csv").stdout))
    )
    assert [r["source"] for r in table] == ["https://example.org/mosul-arrests", rows[1]["path"]]
    found = json.loads(
        _run("articles", "--store", store, "--search", "KIRKUK", "-f", "json").stdout
    )
    assert [r["id"] for r in found] == [rows[1]["id"]]


def test_remove_takes_a_url_or_the_path_read(tmp_path: Path) -> None:
    store, kirkuk, _ = _store(tmp_path)
    removed = _run("remove", "https://example.org/mosul-arrests", "--store", store)
    assert removed.exit_code == 0, removed.output
    assert _run("remove", str(kirkuk), "--store", store).exit_code == 0
    assert json.loads(_run("articles", "--store", store, "-f", "json").stdout) == []
    missing = _run("remove", "no-such-article", "--store", store)
    assert missing.exit_code == 1
    assert "list them with 'kb articles'" in missing.output
