"""Imported events that no article reports still name their sources in every format.

A GDELT or ACLED row that joins no stored article is written as a compact incident
(kb.importers.compact: no event reports), whose sources are its rows' URLs
(``prov:wasDerivedFrom``) and outlets (``prov:wasAttributedTo``). The timeline lists them
as the incident's mentions, as it does a promoted incident's dataset reports.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
from typer.testing import CliRunner

from kb.cli import app

FIX = Path(__file__).parent / "fixtures"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _store(tmp_path: Path) -> str:
    store = str(tmp_path / "store")
    _run("import", "gdelt", str(FIX / "gdelt" / "20240305.export.CSV"), "--store", store)
    _run("import", "acled", str(FIX / "acled" / "acled-iraq-2024.csv"), "--store", store)
    return store


def test_compact_incidents_list_their_urls_and_outlets(tmp_path: Path) -> None:
    store = _store(tmp_path)
    entries = {
        e["key"]: e for e in json.loads(_run("timeline", "--store", store, "-f", "json"))["entries"]
    }
    # Two rows of one event (1001 and 1002), each with its article's URL.
    gdelt = entries["gdelt-1001"]["mentions"]
    assert {(m["article"]["url"], m["article"]["outlet"]) for m in gdelt} == {
        ("https://example.net/world/ramadi-fighting", "example.net"),
        ("https://example.org/news/ramadi-clash", "example.org"),
    }
    assert len({m["article"]["id"] for m in gdelt}) == 2
    (acled,) = entries["acled-IRQ9001"]["mentions"]
    assert acled["article"]["url"] is None
    assert acled["article"]["title"] == "ACLED event IRQ9001"
    assert acled["article"]["outlet"] == "Rudaw; Shafaq News"
    # Every entry names at least one source.
    assert all(e["mentions"] for e in entries.values())


def test_the_urls_reach_markdown_csv_and_icalendar(tmp_path: Path) -> None:
    store = _store(tmp_path)
    url = "https://example.net/world/ramadi-fighting"
    assert url in _run("timeline", "--store", store, "-f", "md")
    rows = list(csv.DictReader(io.StringIO(_run("timeline", "--store", store, "-f", "csv"))))
    assert any(url in " ".join(str(v) for v in row.values()) for row in rows)
    out = tmp_path / "t.ics"
    _run("timeline", "--store", store, "-f", "ics", "-o", str(out))
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    texts = [
        " ".join(str(ev.get(k, "")) for k in ("DESCRIPTION", "URL")) for ev in cal.walk("VEVENT")
    ]
    assert any(url in t for t in texts)
