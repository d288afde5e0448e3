"""The timeline as a terminal table (``--format table``), drawn with rich.

Dated entries come first in time order, undated ones in a second table. On a
terminal rich picks the width and colours; anywhere else (a file, a pipe) the
output is plain text of a fixed width so it diffs and greps well.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kb.timeline.exporters._common import (
    UNKNOWN_LABEL,
    display_date,
    headline,
    iso_utc,
    names,
    places,
    split_dated,
    status_notes,
    type_label,
)

#: Width of plain-text output (not a terminal).
PLAIN_WIDTH = 120


def _is_terminal(out: TextIO) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):  # closed or file-like objects without isatty
        return False


def _table(entries: list[dict[str, Any]], caption: str, *, dated: bool) -> Table:
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
        # Text() and never a str: a headline such as "[bold]x" must not be read
        # as rich markup.
        title = Text(headline(entry))
        notes = status_notes(entry)
        if notes:
            title.append(f" ({', '.join(notes)})", style="yellow")
        n_sources = entry.get("sources")
        if n_sources is None:
            n_sources = len(entry.get("mentions") or [])
        n_outlets = entry.get("outlets")
        sources = f"{n_sources}" if n_outlets in (None, n_sources) else f"{n_sources}/{n_outlets}"
        row = [
            Text(type_label(entry)),
            title,
            Text(", ".join(names(places(entry)))),
            Text(sources),
        ]
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
    terminal = _is_terminal(out)
    # Off a terminal, render into a buffer so rich's right padding can be
    # stripped: plain output should diff and grep cleanly.
    target: TextIO = out if terminal else io.StringIO()
    console = Console(
        file=target,
        width=None if terminal else PLAIN_WIDTH,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    dated, undated = split_dated(entries)
    console.print(Text(title, style="bold"))
    console.print(
        Text(f"{len(dated) + len(undated)} events, generated {iso_utc(generated)}", style="dim")
    )
    if not entries:
        console.print(Text("No events."))
    if dated:
        console.print(_table(dated, f"Dated ({len(dated)})", dated=True))
    if undated:
        console.print(_table(undated, f"{UNKNOWN_LABEL} ({len(undated)})", dated=False))
    if not terminal:
        assert isinstance(target, io.StringIO)
        text = "\n".join(line.rstrip() for line in target.getvalue().splitlines())
        out.write(text.rstrip("\n") + "\n")
