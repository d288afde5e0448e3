"""ACLED rows merged into one incident keep every row's notes (``rdfs:comment``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kb.importers import import_files
from kb.importers.compact import NOTES_KEPT, Group, merge_groups, merge_notes, notes_of_rows
from kb.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "acled-iraq-2024-05-duplicate-codings.csv"
EV = "https://w3id.org/kb/id/event/"
POST = "On 7 May 2024, IS militants attacked an Iraqi army post near Ramadi"
RAID = "On 7 May 2024, the army repelled an overnight IS raid south of Ramadi"
PROTEST = "On 9 May 2024, residents of Basra demonstrated against power cuts"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "s"))
    yield s
    s.close()


def comments(store, event: str) -> list[str]:
    rows = store.select("SELECT ?c WHERE { ?ev rdfs:comment ?c }", {"ev": URIRef(event)}).rows
    return [str(r["c"]) for r in rows]


def test_a_merged_incident_keeps_every_distinct_note_with_its_rows(store):
    s = import_files(store, "acled", [str(FIXTURE)])
    assert (s.imported, s.incidents) == (4, 2)
    (notes,) = comments(store, EV + "acled-IRQ9301")  # one comment: readers expect one
    lines = notes.split("\n")
    assert len(lines) == 2, notes
    # Rows 9301 and 9303 say the same: one line naming both; 9302's own account follows.
    assert lines[0].startswith("[IRQ9301, IRQ9303] " + POST)
    assert lines[1].startswith("[IRQ9302] " + RAID)
    # An incident of one row keeps its row's text as it is.
    (alone,) = comments(store, EV + "acled-IRQ9304")
    assert alone.startswith(PROTEST) and "\n" not in alone and "[" not in alone


def test_merged_notes_do_not_depend_on_row_order(store, tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    reversed_csv = tmp_path / "reversed.csv"
    reversed_csv.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    import_files(store, "acled", [str(FIXTURE)])
    other = open_store(str(tmp_path / "other"))
    try:
        import_files(other, "acled", [str(reversed_csv)])
        assert comments(other, EV + "acled-IRQ9301") == comments(store, EV + "acled-IRQ9301")
    finally:
        other.close()


def test_a_promoted_incident_shows_every_note_in_its_report(store):
    """An article matching the merged incident promotes it: its ACLED report quotes all."""
    from test_importers import _article_event, incident_of, incident_reports

    import_files(store, "acled", [str(FIXTURE)])
    text = "Islamic State fighters clashed with Iraqi soldiers at an army post near Ramadi."
    _article_event(store, "wire-notes", "armed_clash", dt.date(2024, 5, 7), text)
    ev = incident_of(store, "https://w3id.org/kb/id/report/wire-notes/0")
    assert ev is not None
    acled = sorted(r for r in incident_reports(store, ev) if "/acled/" in r)
    assert acled, incident_reports(store, ev)
    texts = [
        str(row["t"])
        for r in acled
        for row in store.select(
            "SELECT ?t WHERE { ?r gaf:denotedBy ?m . ?m nif:anchorOf ?t }", {"r": URIRef(r)}
        ).rows
    ]
    joined = "\n".join(texts)
    assert POST in joined and RAID in joined, texts


def _group(dataset_id: str, notes: str | None) -> Group:
    return Group(
        dataset="acled", ids=[dataset_id], seq=0, type="armed_clash", top="fight",
        actors=[], places=[], centroid=False, value="2024-05-07", precision="day",
        earliest=dt.date(2024, 5, 7), latest=dt.date(2024, 5, 7), notes=notes,
    )  # fmt: skip


def test_notes_are_bounded_and_merging_again_changes_nothing():
    groups = [_group(f"IRQ{9400 + i}", f"Account number {i} of the clash.") for i in range(13)]
    groups.append(_group("IRQ9399", None))  # a row without notes adds nothing
    merged = merge_groups(groups)
    lines = (merged.notes or "").split("\n")
    assert len(lines) == NOTES_KEPT + 1
    assert lines[0] == "[IRQ9400] Account number 0 of the clash."
    assert lines[-1] == "(notes of 3 more rows not kept)"
    # Merged again with rows it already holds (an incident read back and rewritten).
    again = merge_groups([merged, _group("IRQ9401", "Account number 1 of the clash.")])
    assert again.notes == merged.notes
    # Any order of the same rows gives the same text.
    assert merge_notes(list(reversed(groups))) == merged.notes


def test_a_note_is_given_to_the_rows_it_came_from_when_a_group_is_split():
    merged = merge_groups([_group("IRQ9501", "First account."), _group("IRQ9502", "Second.")])
    assert merged.notes == "[IRQ9501] First account.\n[IRQ9502] Second."
    assert notes_of_rows(merged, ["IRQ9502"]) == "Second."
    assert notes_of_rows(merged, ["IRQ9501", "IRQ9502"]) == merged.notes
    # An incident stored before notes were merged: its one text is its first row's.
    old = merge_groups([_group("IRQ9601", "Old text.")])
    old.ids.append("IRQ9602")
    assert merge_notes([old, _group("IRQ9603", "New.")]) == ("[IRQ9601] Old text.\n[IRQ9603] New.")
    assert Literal(merged.notes).n3()  # one literal, newlines escaped in N-Triples
