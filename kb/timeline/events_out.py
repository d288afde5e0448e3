"""Output of ``kb events`` and ``kb related``: incidents in the shape of ``kb extract``.

Each object carries the keys of an extracted event (taken from the incident's
consensus and its earliest report) plus ``mentions`` (every report, with its own
attribution and certainty, so reports that disagree stay visible) and ``sources``
(the number of distinct articles). An imported incident that has the dataset's
description of the event (ACLED's notes) also carries ``notes``, after ``headline``
(JSON), or in a last ``notes`` column (CSV, only when some incident has notes); the
table shows headlines only, as before.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any


def event_object(entry: dict[str, Any]) -> dict[str, Any]:
    """One incident as a `kb events --format jsonl` object."""
    first = entry["mentions"][0] if entry["mentions"] else None
    date = {k: v for k, v in entry["date"].items() if k != "display"}
    obj: dict[str, Any] = {
        "id": entry["key"],
        "iri": entry["id"],
        "article": first["article"] if first else None,
        "type": entry["type"],
        "types": entry["types"],
        "trigger": first.get("trigger") if first else None,
        "headline": entry["headline"],
        **({"notes": entry["notes"]} if entry.get("notes") else {}),
        "actors": entry["actors"],
        "targets": entry["targets"],
        "places": entry["places"],
        "date": date,
        "attribution": first["attribution"] if first else {"reported_by": None, "citing": None},
        "certainty": entry["certainty"],
        "negated": entry["negated"],
        "quantities": entry["quantities"],
        "mention": (
            {"text": first["text"], "start": first["start"], "end": first["end"]} if first else None
        ),
        "mentions": [
            {
                "article": m["article"],
                "text": m["text"],
                "start": m["start"],
                "end": m["end"],
                "attribution": m["attribution"],
                "certainty": m["certainty"],
            }
            for m in entry["mentions"]
        ],
        "sources": entry["sources"],
        "outlets": entry["outlets"],
    }
    if "related" in entry:
        obj["related"] = entry["related"]
    return obj


def write_events(
    entries: Sequence[dict[str, Any]], fmt: str, out: IO[str], related: bool = False
) -> None:
    """Write incidents as a table, JSON Lines, a JSON array or CSV."""
    if fmt == "jsonl":
        for e in entries:
            out.write(json.dumps(event_object(e), ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([event_object(e) for e in entries], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        head = [
            "id",
            "date",
            # Sortable in a spreadsheet, unlike the display text ("reported 4 March 2025").
            "earliest",
            "latest",
            "type",
            "headline",
            "actors",
            "targets",
            "places",
            "certainty",
            "sources",
        ]
        if related:
            head.append("score")
        with_notes = any(e.get("notes") for e in entries)
        if with_notes:
            head.append("notes")
        w.writerow(head)
        for e in entries:
            row = [
                e["key"],
                e["date"]["display"],
                e["date"].get("earliest") or "",
                e["date"].get("latest") or "",
                e["type"],
                e["headline"],
                "; ".join(a["name"] for a in e["actors"]),
                "; ".join(a["name"] for a in e["targets"]),
                "; ".join(p["name"] for p in e["places"]),
                e["certainty"] + (" (negated)" if e["negated"] else ""),
                e["sources"],
            ]
            if related:
                row.append(e["related"]["score"])
            if with_notes:
                row.append(e.get("notes") or "")
            w.writerow(row)
    else:
        cols = ["id", "date", "type", "headline", "cert.", "src"]
        if related:
            cols.append("score")
        rows = []
        for e in entries:
            row = [
                e["key"],
                e["date"]["display"],
                e["type"],
                e["headline"],
                e["certainty"] + (" (negated)" if e["negated"] else ""),
                str(e["sources"]),
            ]
            if related:
                row.append(str(e["related"]["score"]))
            rows.append(row)
        from kb.output import is_terminal

        if is_terminal(out):
            from rich.console import Console
            from rich.table import Table

            table = Table(*cols)
            for row in rows:
                table.add_row(*row)
            Console(file=out).print(table)
        else:
            from kb.output import plain_table

            right = (5, 6) if related else (5,)
            lines = plain_table(cols, rows, width=160, wrap=3, right=right)
            out.write("\n".join(lines) + "\n")
        out.write(("1 event" if len(entries) == 1 else f"{len(entries)} events") + "\n")
