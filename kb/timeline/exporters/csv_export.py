"""The timeline as CSV (``--format csv``): one row per event.

Columns: id, date_display, date_value, precision, earliest, latest, type,
headline, agents, targets, places, countries, lat, lon, certainty, negated,
sources, outlets, first_source_url, and ``notes`` last when any event has notes (the
dataset's description of an imported incident, ACLED's ``notes``; a merged incident's
has one line per distinct text, so the cell may hold line breaks, quoted as RFC 4180
allows); a timeline of article-derived incidents has no such column. Multi-valued
cells are joined with "; ";
lat/lon are those of the first place with coordinates. Dated events come first
in time order, undated ones last with empty date cells.

Rows end in CRLF (RFC 4180): open files with ``newline=""``. Text cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or CR) get a leading apostrophe, since headlines and names come from
untrusted articles.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any, TextIO

from kb.timeline.exporters._common import (
    JOIN,
    agents,
    countries,
    date_of,
    display_date,
    first_located,
    first_source_url,
    headline,
    is_dated,
    names,
    notes,
    places,
    precision,
    split_dated,
)

COLUMNS = (
    "id",
    "date_display",
    "date_value",
    "precision",
    "earliest",
    "latest",
    "type",
    "headline",
    "agents",
    "targets",
    "places",
    "countries",
    "lat",
    "lon",
    "certainty",
    "negated",
    "sources",
    "outlets",
    "first_source_url",
)
#: The column added after `COLUMNS` when an entry has notes.
NOTES_COLUMN = "notes"
#: Columns holding free text from articles (guarded against formula injection).
TEXT_COLUMNS = frozenset({"headline", "agents", "targets", "places", NOTES_COLUMN})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guard(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def row(entry: dict[str, Any]) -> dict[str, str]:
    """One CSV row (column -> text) for an entry: `COLUMNS`, then `NOTES_COLUMN`."""
    date = date_of(entry)
    dated = is_dated(entry)
    located = first_located(entry)
    values: dict[str, Any] = {
        "id": entry.get("id") or entry.get("key"),
        "date_display": display_date(entry) if dated else "",
        "date_value": date.get("value"),
        "precision": precision(entry) if dated else None,
        "earliest": date.get("earliest"),
        "latest": date.get("latest"),
        "type": entry.get("type"),
        "headline": headline(entry),
        "agents": JOIN.join(names(agents(entry))),
        "targets": JOIN.join(names(entry.get("targets") or [])),
        "places": JOIN.join(names(places(entry))),
        "countries": JOIN.join(countries(entry)),
        "lat": located[1] if located else None,
        "lon": located[2] if located else None,
        "certainty": entry.get("certainty"),
        "negated": bool(entry.get("negated")),
        "sources": entry.get("sources"),
        "outlets": entry.get("outlets"),
        "first_source_url": first_source_url(entry),
        NOTES_COLUMN: notes(entry),
    }
    cells = {k: _cell(values[k]) for k in (*COLUMNS, NOTES_COLUMN)}
    for k in TEXT_COLUMNS:
        cells[k] = _guard(cells[k])
    return cells


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as CSV with a header row (title/generated are not written)."""
    dated, undated = split_dated(entries)
    columns = COLUMNS
    if any(notes(e) for e in entries):
        columns = (*COLUMNS, NOTES_COLUMN)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for entry in dated + undated:
        writer.writerow(row(entry))
