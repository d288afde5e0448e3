"""`--actor <country>` means the state's bodies: its army, government, police, agencies."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app

ARTICLES = {
    "raid.txt": (
        "title: Raid near Jenin\npublished: 2025-05-06\n---\n"
        "Israeli troops raided a refugee camp near Jenin on Monday, killing two men, "
        "the Palestinian health ministry said.\n"
    ),
    "arrest.txt": (
        "title: Arrests in Haifa\npublished: 2025-05-08\n---\n"
        "Israeli police arrested four men in Haifa on Wednesday over a planned attack.\n"
    ),
    "rockets.txt": (
        "title: Rockets from Lebanon\npublished: 2025-05-09\n---\n"
        "Hezbollah fired rockets at Kiryat Shmona on Thursday, the group said.\n"
    ),
}


def _store(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = str(tmp_path / "store")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", store])
    assert result.exit_code == 0, result.output
    return store


def _timeline(store: str, actor: str):
    result = CliRunner().invoke(app, ["timeline", "--store", store, "--actor", actor, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["entries"], result.stderr


def test_a_country_name_takes_all_its_state_bodies(tmp_path: Path) -> None:
    store = _store(tmp_path)
    entries, note = _timeline(store, "Israel")
    assert len(entries) == 2
    assert "arrest" in {e["type"] for e in entries}
    agents = {a["id"] for e in entries for a in e["actors"]}
    assert "hezbollah" not in agents
    assert "Israel Defense Forces" in note and "Israel Police" in note
    # A body asked by name stays that body alone, without a note.
    army, note = _timeline(store, "Israel Defense Forces")
    assert len(army) == 1 and note == ""


def test_a_group_takes_the_people_the_store_holds_as_its_members(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tyre.txt").write_text(
        "title: Strike in Tyre\npublished: 2025-05-06\n---\n"
        "An Israeli drone strike killed a Hezbollah commander in Tyre on Monday, the Israeli "
        "military said.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", str(folder), "--store", store]).exit_code == 0
    entries, _ = _timeline(store, "Hezbollah")
    assert len(entries) == 1
    targets = {a["id"] for a in entries[0]["targets"]}
    assert targets and "hezbollah" not in targets  # the commander, a member, was hit


def test_related_ties_a_strike_on_a_groups_commander_to_the_group(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tyre.txt").write_text(
        "title: Strike in Tyre\npublished: 2025-05-06\n---\n"
        "An Israeli drone strike killed a Hezbollah commander in Tyre on Monday, the Israeli "
        "military said.\n",
        encoding="utf-8",
    )
    (folder / "rockets.txt").write_text(
        "title: Rockets from Tyre\npublished: 2025-05-08\n---\n"
        "Hezbollah fired rockets from Tyre at northern Israel on Wednesday, the group said.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", str(folder), "--store", store]).exit_code == 0
    strikes, _ = _timeline(store, "Israel")
    (strike,) = [e for e in strikes if "Tyre" in e["headline"]]
    result = CliRunner().invoke(app, ["related", strike["key"], "--store", store, "-f", "json"])
    assert result.exit_code == 0, result.output
    related = json.loads(result.stdout)
    assert [r["type"] for r in related] == ["shelling"]
    assert "Hezbollah" in related[0]["headline"]
