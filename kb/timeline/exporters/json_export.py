"""The timeline as one JSON document (``--format json``).

The document is stable; new keys may be added, existing ones keep their meaning::

    {
      "title": "kb timeline",                 # the title given to the exporter
      "generated": "2025-07-20T12:00:00Z",    # UTC, to the second
      "count": 7,                             # all entries, dated and undated
      "entries": [ ... ],                     # dated entries, earliest first
      "undated": [ ... ]                      # entries without a usable date
    }

Each entry is passed through unchanged::

    {"id": "https://w3id.org/kb/id/event/e-1a2b3c", "key": "e-1a2b3c",
     "date": {"text", "value", "precision", "earliest", "latest", "basis", "display"},
     "type": "reinforcement", "types": [...], "type_label": "Reinforcement",
     "headline": "...",
     "notes": "...",       # only imported incidents with a dataset description
     "actors": [{"id", "name", "role", ...}], "targets": [{"id", "name"}],
     "places": [{"id", "name", "level", "country", "lat", "lon", "within": [...]}],
     "certainty": "asserted" | "hedged", "negated": false, "quantities": {"killed": 2},
     "sources": 2, "outlets": 2,
     "mentions": [{"article": {"id", "path", "url", "title", "published", "outlet"},
                   "text", "start", "end",
                   "attribution": {"reported_by", "citing"}, "certainty"}]}

``notes`` is the dataset's description of an imported incident (ACLED's ``notes``
column; for an incident merged from several rows, one line per distinct text,
``[IRQ9301, IRQ9303] text``). Entries of article-derived incidents have no such key.

Dated entries are ordered by (earliest, latest) with ties kept in input order;
``date.value`` is never more precise than ``date.precision``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from kb.timeline.exporters._common import iso_utc, split_dated


def _default(value: Any) -> Any:
    # Entries are meant to be plain JSON data; dates are the one thing callers
    # plausibly leave as Python objects, so accept them rather than fail.
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"timeline entry value of type {type(value).__name__} is not JSON data")


def document(
    entries: list[dict[str, Any]], *, title: str, generated: dt.datetime | None
) -> dict[str, Any]:
    """The JSON document as a dict (see the module docstring)."""
    dated, undated = split_dated(entries)
    return {
        "title": title,
        "generated": iso_utc(generated),
        "count": len(dated) + len(undated),
        "entries": dated,
        "undated": undated,
    }


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as one indented UTF-8 JSON document."""
    doc = document(entries, title=title, generated=generated)
    json.dump(doc, out, ensure_ascii=False, indent=2, default=_default)
    out.write("\n")
