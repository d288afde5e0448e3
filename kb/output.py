"""Plain output of query rows and extracted events: terminal tables, JSON, CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any

from kb.errors import UsageError


def term_text(term: Any) -> str | None:
    """A term as plain text for tables and CSV (IRIs and literals as their value)."""
    return None if term is None else str(term)


def term_json(term: Any) -> Any:
    """A term as a JSON value: numbers and booleans as such, the rest as strings."""
    if term is None:
        return None
    from rdflib import Literal

    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        return str(term)
    return str(term)


def write_rows(vars_: Sequence[str], rows: Sequence[dict], fmt: str, out: IO[str]) -> None:
    """Write SELECT rows as a table, JSON (a list of objects) or CSV."""
    if fmt == "json":
        json.dump(
            [{v: term_json(r.get(v)) for v in vars_} for r in rows],
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(vars_)
        for r in rows:
            w.writerow([term_text(r.get(v)) or "" for v in vars_])
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*vars_, show_lines=False)
        for r in rows:
            table.add_row(*[_short(term_text(r.get(v)) or "") for v in vars_])
        Console(file=out, width=None if out.isatty() else 200).print(table)
        out.write(("1 row" if len(rows) == 1 else f"{len(rows)} rows") + "\n")
    else:
        raise UsageError(f"unknown format {fmt!r}; use table, json or csv")


def _short(text: str) -> str:
    for prefix in ("https://w3id.org/kb/id/", "https://w3id.org/kb/event-type/"):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def events_table(events: Sequence[Any], out: IO[str]) -> None:
    """A terminal table of extracted events."""
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "article",
        "type",
        "trigger",
        "agents",
        "targets",
        "places",
        "date",
        "cert.",
        show_lines=True,
    )
    for ev in events:
        table.add_row(
            ev.article.id,
            ev.type + (" (negated)" if ev.negated else ""),
            ev.trigger,
            ", ".join(a.name for a in ev.agents),
            ", ".join(a.name for a in ev.targets),
            ", ".join(p.name for p in ev.places),
            ev.date.value or ev.date.basis,
            ev.certainty,
        )
    Console(file=out, width=None if out.isatty() else 200).print(table)


#: Columns of ``kb extract --format csv``: one row per extracted event.
EXTRACT_CSV_COLUMNS = (
    "article", "event", "type", "negated", "certainty", "trigger", "agents", "targets",
    "places", "date_text", "date_value", "precision", "earliest", "latest", "killed",
    "injured", "arrested", "reported_by", "citing", "start", "end", "text",
)  # fmt: skip


class ExtractCsv:
    """``kb extract --format csv``: a header, then a row per event, written as they come.

    Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
    ``@``) get a leading apostrophe, as in the timeline's CSV; lists are ``; ``-joined.
    """

    def __init__(self, out: IO[str]) -> None:
        self._csv = csv.writer(out)
        self._csv.writerow(EXTRACT_CSV_COLUMNS)

    def write(self, events: Sequence[Any]) -> None:
        for ev in events:
            q = ev.quantities
            cells = (
                ev.article.id, ev.id, ev.type, "true" if ev.negated else "false",
                ev.certainty, ev.trigger,
                "; ".join(a.name for a in ev.agents), "; ".join(a.name for a in ev.targets),
                "; ".join(p.name for p in ev.places), ev.date.text, ev.date.value,
                ev.date.precision,
                ev.date.earliest.isoformat() if ev.date.earliest else None,
                ev.date.latest.isoformat() if ev.date.latest else None,
                q.get("killed"), q.get("injured"), q.get("arrested"),
                ev.attribution.reported_by, ev.attribution.citing,
                ev.mention.start, ev.mention.end, ev.mention.text,
            )  # fmt: skip
            self._csv.writerow([_csv_cell(c) for c in cells])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def is_terminal(out: IO[str]) -> bool:
    """True when `out` is a terminal (colours and rich tables), False for files and pipes."""
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):  # closed, or file-like without isatty
        return False


def plain_table(
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int = 120,
    caps: dict[int, int] | None = None,
    wrap: int | None = None,
    right: Sequence[int] = (),
) -> list[str]:
    """A table as plain lines (no colour, no trailing spaces) for files and pipes.

    Laid out here rather than by rich, which measures every cell (about 2 ms a row: 0.6 s
    for a 300-event timeline). Long cells wrap; words longer than a column are folded.

    Args:
        heads: column headings.
        rows: cells as text, one sequence per row.
        width: the width the table should fit, when it can.
        caps: column index -> the most characters that column may take.
        wrap: index of the column that gets the remaining width (others keep theirs).
        right: indexes of right-aligned columns.
    """
    import textwrap

    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]
    for i, cap in (caps or {}).items():
        widths[i] = min(widths[i], cap)
    if wrap is not None:
        fixed = sum(w for i, w in enumerate(widths) if i != wrap) + 2 * (len(heads) - 1)
        widths[wrap] = max(20, min(widths[wrap], width - fixed))

    def lines_of(cells: Sequence[str]) -> list[str]:
        # Most cells fit their column: textwrap (about 15 us a cell) only for the others.
        # A printable cell that fits and does not end in a space comes out of textwrap
        # unchanged (tests/test_plain_table.py holds the two to the same lines).
        wrapped = [
            [c]
            if len(c) <= w and c.isprintable() and not c.endswith(" ")
            else textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
            for c, w in zip(cells, widths, strict=True)
        ]
        out = []
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for i, w in enumerate(wrapped):
                text = w[k] if k < len(w) else ""
                parts.append(text.rjust(widths[i]) if i in right else text.ljust(widths[i]))
            out.append("  ".join(parts).rstrip())
        return out

    out = [*lines_of(heads), "  ".join("-" * w for w in widths)]
    for row in rows:
        out += lines_of(row)
    return out
