"""The timeline as Knight Lab TimelineJS3 JSON (``--format timelinejs``).

Shape (https://timeline.knightlab.com/docs/json-format.html)::

    {"title": {"text": {"headline": ..., "text": ...}},
     "events": [{"start_date": {"year": 2025, "month": 7},
                 "end_date": {...},                      # only for real ranges
                 "display_date": "July 2025",
                 "text": {"headline": ..., "text": "<p>...</p>"},
                 "group": "Reinforcement", "unique_id": "e-1a2b3c",
                 "location": {"lat": ..., "lon": ..., "name": ...}}]}

Date objects carry numbers and stop at the known precision: a month-precision
event has no ``day`` (TimelineJS would otherwise show an invented 1st of the
month). TimelineJS needs a start date on every slide, so undated events are
left out; the title slide says how many.

An imported incident's slide text has the dataset's description of the event
(ACLED's notes, a paragraph with a line per distinct text of a merged incident's
rows) after the status (hedged, negated) and before the facts.

``text.text`` is HTML (TimelineJS renders it as such): every piece of article
text is HTML-escaped and only http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any, TextIO

from kb.timeline.exporters._common import (
    bounds,
    display_date,
    first_located,
    headline,
    iso_utc,
    names,
    note_lines,
    places,
    precision,
    quantities_text,
    source_label,
    sources,
    split_dated,
    status_notes,
    type_label,
    value_bounds,
)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _date_obj(day: dt.date, prec: str) -> dict[str, int]:
    obj = {"year": day.year}
    if prec in ("month", "day"):
        obj["month"] = day.month
    if prec == "day":
        obj["day"] = day.day
    return obj


def _truncate(day: dt.date, prec: str) -> tuple[int, ...]:
    return {"year": (day.year,), "month": (day.year, day.month)}.get(
        prec, (day.year, day.month, day.day)
    )


def dates(entry: dict[str, Any]) -> tuple[dict[str, int], dict[str, int] | None]:
    """TimelineJS ``start_date`` and ``end_date`` (None unless a real range)."""
    prec = precision(entry) or "day"
    earliest, latest = bounds(entry)
    assert earliest is not None and latest is not None
    start, _ = value_bounds(entry.get("date", {}).get("value"))
    start = start or earliest
    start_obj = _date_obj(start, prec)
    # An end date only when the interval reaches past the start at the stated
    # precision ("14-16 July"); "early July" at month precision is one month.
    if _truncate(latest, prec) > _truncate(start, prec):
        return start_obj, _date_obj(latest, prec)
    return start_obj, None


def _summary(entry: dict[str, Any]) -> str:
    rows: list[str] = []
    notes = ["hedged report" if n == "hedged" else n for n in status_notes(entry)]
    if notes:
        rows.append(f"<p><em>{escape('; '.join(notes).capitalize())}.</em></p>")
    described = note_lines(entry)
    if described:
        rows.append('<p class="kb-notes">' + "<br>".join(escape(x) for x in described) + "</p>")
    facts = []
    who = names([a for a in entry.get("actors") or [] if isinstance(a, dict)])
    if who:
        facts.append(f"<strong>Actors:</strong> {escape(', '.join(who))}")
    targets = names(entry.get("targets") or [])
    if targets:
        facts.append(f"<strong>Targets:</strong> {escape(', '.join(targets))}")
    where = names(places(entry))
    if where:
        facts.append(f"<strong>Places:</strong> {escape(', '.join(where))}")
    figures = quantities_text(entry)
    if figures:
        facts.append(f"<strong>Figures:</strong> {escape(figures)}")
    if facts:
        rows.append("<p>" + "<br>".join(facts) + "</p>")
    links = []
    for source in sources(entry):
        label = escape(source_label(source))
        url = source["safe_url"]
        links.append(
            f'<li><a href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"{label}</a></li>"
            if url
            else f"<li>{label}</li>"
        )
    if links:
        rows.append("<p><strong>Sources:</strong></p><ul>" + "".join(links) + "</ul>")
    return "".join(rows)


def slide(entry: dict[str, Any]) -> dict[str, Any]:
    """One TimelineJS event slide for a dated entry."""
    start, end = dates(entry)
    out: dict[str, Any] = {"start_date": start}
    if end:
        out["end_date"] = end
    out["display_date"] = display_date(entry)
    out["text"] = {"headline": escape(headline(entry)), "text": _summary(entry)}
    out["group"] = type_label(entry)
    if entry.get("key"):
        out["unique_id"] = str(entry["key"])
    located = first_located(entry)
    if located:
        place, lat, lon = located
        out["location"] = {"lat": lat, "lon": lon, "name": str(place.get("name") or "")}
    return out


def document(
    entries: list[dict[str, Any]], *, title: str, generated: dt.datetime | None
) -> dict[str, Any]:
    """The TimelineJS document as a dict."""
    dated, undated = split_dated(entries)
    intro = f"{_plural(len(dated), 'dated event')}, generated {iso_utc(generated)}."
    if undated:
        intro += f" Not shown: {_plural(len(undated), 'undated event')}."
    return {
        "title": {"text": {"headline": escape(title), "text": f"<p>{escape(intro)}</p>"}},
        "events": [slide(e) for e in dated],
    }


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as TimelineJS JSON (undated events are left out)."""
    json.dump(
        document(entries, title=title, generated=generated), out, ensure_ascii=False, indent=2
    )
    out.write("\n")
