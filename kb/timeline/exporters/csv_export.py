"""The timeline as CSV (``--format csv``): one row per event.

Columns: id, date_display, date_value, precision, earliest, latest, type,
headline, agents, targets, places, countries, lat, lon, certainty, negated,
sources, outlets, first_source_url. Multi-valued cells are joined with "; ";
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
#: Columns holding free text from articles (guarded against formula injection).
TEXT_COLUMNS = frozenset({"headline", "agents", "targets", "places"})
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
    """One CSV row (column -> text) for an entry."""
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
    }
    cells = {k: _cell(values[k]) for k in COLUMNS}
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
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in dated + undated:
        writer.writerow(row(entry))
