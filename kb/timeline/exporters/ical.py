"""The timeline as iCalendar (RFC 5545, ``--format ics``), built with `icalendar`.

One all-day VEVENT per dated event: ``DTSTART;VALUE=DATE`` is the earliest
possible day and ``DTEND;VALUE=DATE`` the day after the latest (DTEND is
exclusive), so a month-precision event spans its month and a year-precision
event its year rather than pretending to a day. UID is ``<key>@kb`` so
re-exports update events in a calendar instead of duplicating them.

DESCRIPTION starts with the dataset's description of an imported incident (ACLED's
notes, one line per distinct text of a merged incident's rows), the text a calendar
shows first, then the facts: date, type, certainty, actors, figures, sources.

Undated events are left out: a VEVENT without DTSTART is only legal inside a
METHOD-carrying scheduling message, and calendar apps would drop or misplace it.

The output has CRLF line ends as the RFC requires: open files with ``newline=""``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, TextIO

from icalendar import Calendar, Event

from kb.timeline.exporters._common import (
    bounds,
    date_of,
    display_date,
    first_located,
    generated_at,
    headline,
    names,
    note_lines,
    places,
    quantities_text,
    source_label,
    sources,
    split_dated,
    status_notes,
    type_label,
)

PRODID = "-//kb//kb timeline//EN"


def _description(entry: dict[str, Any]) -> str:
    described = note_lines(entry)
    lines = [*described, ""] if described else []
    lines.append(f"Date: {display_date(entry)}")
    text = date_of(entry).get("text")
    if text:
        lines[-1] += f" (text: {text!s})"
    lines.append(f"Type: {type_label(entry)}")
    lines.append(f"Certainty: {entry.get('certainty') or 'unknown'}")
    notes = [n for n in status_notes(entry) if n != "hedged"]
    lines += [f"Note: {n}" for n in notes]
    who = names([a for a in entry.get("actors") or [] if isinstance(a, dict)])
    if who:
        lines.append("Actors: " + ", ".join(who))
    targets = names(entry.get("targets") or [])
    if targets:
        lines.append("Targets: " + ", ".join(targets))
    figures = quantities_text(entry)
    if figures:
        lines.append("Figures: " + figures)
    srcs = sources(entry)
    if srcs:
        lines.append("Sources:")
        for source in srcs:
            line = f"- {source_label(source)}"
            if source.get("published"):
                line += f" ({source['published']})"
            if source["safe_url"]:
                line += f" {source['safe_url']}"
            lines.append(line)
    return "\n".join(lines)


def _uid_base(entry: dict[str, Any]) -> str:
    if entry.get("key") or entry.get("id"):
        return str(entry.get("key") or entry.get("id"))
    # No identity given: a digest of the content keeps re-exports stable.
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)
    return "kb-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def vevent(entry: dict[str, Any], stamp: dt.datetime) -> Event:
    """The VEVENT of one dated entry."""
    earliest, latest = bounds(entry)
    assert earliest is not None and latest is not None
    event = Event()
    event.add("uid", f"{_uid_base(entry)}@kb")
    event.add("dtstamp", stamp)
    event.add("dtstart", earliest)  # a date (not datetime) gives VALUE=DATE
    event.add("dtend", latest + dt.timedelta(days=1))
    event.add("summary", headline(entry))
    # Hedged reports are not confirmed facts; STATUS is how calendars show that.
    event.add("status", "TENTATIVE" if entry.get("certainty") == "hedged" else "CONFIRMED")
    located = first_located(entry)
    if located:
        event.add("geo", (located[1], located[2]))
    where = names(places(entry))
    if where:
        event.add("location", ", ".join(where))
    event.add("description", _description(entry))
    if entry.get("type"):
        event.add("categories", [str(entry["type"])])
    for source in sources(entry):
        if source["safe_url"]:
            event.add("url", source["safe_url"])
            break
    return event


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the dated events as one VCALENDAR (undated events are omitted)."""
    stamp = generated_at(generated)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", title)  # RFC 7986
    cal.add("x-wr-calname", title)  # what most calendar apps read instead
    dated, _undated = split_dated(entries)
    for entry in dated:
        cal.add_component(vevent(entry, stamp))
    out.write(cal.to_ical().decode("utf-8"))
