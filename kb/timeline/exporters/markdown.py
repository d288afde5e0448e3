"""The timeline as Markdown (``--format md``): a heading per month, a bullet per event.

Year-precision events get a heading of their own ("2025 (month unknown)")
rather than being filed under a month they may not belong to; undated events
come last under "Date unknown". An imported incident's bullet has the dataset's
description of the event (ACLED's notes) on its next lines, one per distinct text
of a merged incident's rows, before its sources. Text from articles and datasets
is backslash-escaped so a headline cannot inject Markdown or raw HTML, and only
http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TextIO

from kb.timeline.exporters._common import (
    display_date,
    group_by_period,
    headline,
    iso_utc,
    names,
    note_lines,
    places,
    plural,
    source_label,
    sources,
    status_notes,
    type_label,
)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the
# characters that can start markup or raw HTML inside a line.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
_URL_UNSAFE = re.compile(r"[\s<>]")


def escape(text: Any) -> str:
    """Escape text for a Markdown line (newlines become spaces)."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def _link(label: str, url: str | None) -> str:
    if not url:
        return escape(label)
    # The <...> destination form tolerates parentheses; percent-encode what it cannot hold.
    dest = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)
    return f"[{escape(label)}](<{dest}>)"


def _bullet(entry: dict[str, Any]) -> str:
    parts = [f"- **{escape(display_date(entry))}**: {escape(headline(entry))}"]
    notes = status_notes(entry)
    if notes:
        parts.append(f" _({escape(', '.join(notes))})_")
    details = [escape(type_label(entry))]
    where = names(places(entry))
    if where:
        details.append(escape(", ".join(where)))
    # Escaped brackets: a literal "[Type · Place]" that can never become a link.
    parts.append(" \\[" + " · ".join(details) + "\\]")
    described = note_lines(entry)
    if described:
        # Continuation lines of the item; a trailing backslash is a hard line break
        # (escape() has escaped every backslash of the text itself).
        parts.append("\n  " + " \\\n  ".join(escape(line) for line in described))
    links = [_link(source_label(s), s["safe_url"]) for s in sources(entry)]
    if links:
        parts.append("\n  Sources: " + "; ".join(links))
    return "".join(parts)


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as a Markdown document."""
    lines = [
        f"# {escape(title)}",
        "",
        f"{plural(len(entries), 'event')}, generated {iso_utc(generated)}.",
    ]
    if not entries:
        lines += ["", "No events."]
    for group in group_by_period(entries):
        lines += ["", f"## {escape(group.label)}", ""]
        lines += [_bullet(entry) for entry in group.entries]
    out.write("\n".join(lines) + "\n")
