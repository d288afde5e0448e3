"""The timeline as a terminal table (``--format table``).

Dated entries come first in time order, undated ones in a second table. On a
terminal rich draws it (width and colours); anywhere else (a file, a pipe) the
output is plain text of a fixed width, laid out here, so it diffs and greps well and
stays fast for long timelines (rich measures every cell: about 2 ms per row).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TextIO

from kb.timeline.exporters._common import (
    UNKNOWN_LABEL,
    display_date,
    headline,
    iso_utc,
    names,
    places,
    plural,
    split_dated,
    status_notes,
    type_label,
)

if TYPE_CHECKING:
    from rich.table import Table

#: Width of plain-text output (not a terminal).
PLAIN_WIDTH = 120


#: Printed under a table whose Sources column has a "2/1" cell.
SOURCES_LEGEND = (
    "Sources: reports of the event / outlets they come from (2/1: two reports, one outlet)."
)


def _has_split_sources(entries: list[dict[str, Any]]) -> bool:
    return any("/" in _cells(e)[4] for e in entries)


def _cells(entry: dict[str, Any]) -> tuple[str, str, list[str], str, str]:
    """(type, headline, status notes, places, sources) of one entry, as text."""
    n_sources = entry.get("sources")
    if n_sources is None:
        n_sources = len(entry.get("mentions") or [])
    n_outlets = entry.get("outlets")
    # "reports/outlets" only when they differ and the outlets are known (an imported
    # event has no outlet count: 0 outlets would read as a contradiction).
    sources = f"{n_sources}" if n_outlets in (None, 0, n_sources) else f"{n_sources}/{n_outlets}"
    return (
        type_label(entry),
        headline(entry),
        status_notes(entry),
        ", ".join(names(places(entry))),
        sources,
    )


def _plain(entries: list[dict[str, Any]], caption: str, *, dated: bool) -> list[str]:
    """A table as plain lines of about PLAIN_WIDTH characters; long cells wrap."""
    from kb.output import plain_table

    rows = []
    for entry in entries:
        kind, title, notes, where, sources = _cells(entry)
        if notes:
            title += f" ({', '.join(notes)})"
        row = [kind, title, where, sources]
        if dated:
            row.insert(0, display_date(entry))
        rows.append(row)
    heads = (["Date"] if dated else []) + ["Type", "Headline", "Places", "Sources"]
    d = 1 if dated else 0
    table = plain_table(
        heads,
        rows,
        width=PLAIN_WIDTH,
        caps={d: 20, d + 2: 22},
        wrap=d + 1,
        right=(len(heads) - 1,),
    )
    return [caption, *table]


def _table(entries: list[dict[str, Any]], caption: str, *, dated: bool) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=caption,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_lines=False,
        expand=False,
        pad_edge=False,
    )
    if dated:
        table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Type", style="magenta")
    table.add_column("Headline", ratio=3, overflow="fold")
    table.add_column("Places", ratio=1)
    table.add_column("Sources", justify="right", no_wrap=True)
    for entry in entries:
        kind, text, notes, where, sources = _cells(entry)
        # Text() and never a str: a headline such as "[bold]x" must not be read
        # as rich markup.
        title = Text(text)
        if notes:
            title.append(f" ({', '.join(notes)})", style="yellow")
        row = [Text(kind), title, Text(where), Text(sources)]
        if dated:
            row.insert(0, Text(display_date(entry)))
        table.add_row(*row)
    return table


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as a readable table (Sources column: reports/outlets)."""
    from kb.output import is_terminal

    terminal = is_terminal(out)
    dated, undated = split_dated(entries)
    count = f"{plural(len(dated) + len(undated), 'event')}, generated {iso_utc(generated)}"
    if not terminal:
        lines = [title, count]
        if not entries:
            lines.append("No events.")
        if dated:
            lines += ["", *_plain(dated, f"Dated ({len(dated)})", dated=True)]
        if undated:
            lines += ["", *_plain(undated, f"{UNKNOWN_LABEL} ({len(undated)})", dated=False)]
        if _has_split_sources(entries):
            lines += ["", SOURCES_LEGEND]
        out.write("\n".join(line.rstrip() for line in lines) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out,
        force_terminal=True,
        color_system="auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(Text(title, style="bold"))
    console.print(Text(count, style="dim"))
    if not entries:
        console.print(Text("No events."))
    if dated:
        console.print(_table(dated, f"Dated ({len(dated)})", dated=True))
    if undated:
        console.print(_table(undated, f"{UNKNOWN_LABEL} ({len(undated)})", dated=False))
    if _has_split_sources(entries):
        console.print(Text(SOURCES_LEGEND, style="dim"))
