"""Timeline exporters: one module per output format, loaded on demand.

Every exporter has the same signature::

    export(entries: list[dict], out: TextIO, *, title: str = "kb timeline",
           generated: datetime.datetime | None = None) -> None

`entries` are timeline entries as plain dicts (the shape of ``--format json``,
see :mod:`kb.timeline.exporters.json_export`); `generated` defaults to now in
UTC. Exporters never change the entries they are given.

Text formats that mandate CRLF line ends (``ics``, ``csv``) write ``\\r\\n``
themselves: open output files with ``newline=""`` so the platform does not
translate them again.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from kb.errors import UsageError

#: Format name -> ``module:function`` of its exporter (imported lazily).
EXPORTERS: dict[str, str] = {
    "json": "kb.timeline.exporters.json_export:export",
    "table": "kb.timeline.exporters.table:export",
    "md": "kb.timeline.exporters.markdown:export",
    "csv": "kb.timeline.exporters.csv_export:export",
    "html": "kb.timeline.exporters.html_page:export",
    "timelinejs": "kb.timeline.exporters.timelinejs:export",
    "ics": "kb.timeline.exporters.ical:export",
    "geojson": "kb.timeline.exporters.geojson_export:export",
    "jsonld": "kb.timeline.exporters.jsonld:export",
}

#: The format names, in a stable order (for ``--format`` choices and help).
FORMATS: tuple[str, ...] = tuple(EXPORTERS)

#: Format name -> file suffix to use when writing to a file.
EXTENSIONS: dict[str, str] = {
    "json": ".json",
    "table": ".txt",
    "md": ".md",
    "csv": ".csv",
    "html": ".html",
    "timelinejs": ".timelinejs.json",
    "ics": ".ics",
    "geojson": ".geojson",
    "jsonld": ".jsonld",
}

#: Other names users give the formats (lower case) -> the format name.
ALIASES: dict[str, str] = {
    "markdown": "md",
    "htm": "html",
    "ical": "ics",
    "icalendar": "ics",
    "json-ld": "jsonld",
    "text": "table",
}

Exporter = Callable[..., None]


def canonical_format(name: str) -> str:
    """The format name of what a user typed: any case, aliases (``markdown``) allowed.

    Raises:
        UsageError: the name is neither a format nor an alias of one.
    """
    key = (name or "").strip().lower()
    key = ALIASES.get(key, key)
    if key not in EXPORTERS:
        raise UsageError(
            f"unknown timeline format {name!r}: choose one of {', '.join(FORMATS)} "
            "(or markdown, htm, ical, json-ld)"
        )
    return key


def get_exporter(name: str) -> Exporter:
    """Return the export function of a format.

    Args:
        name: a format name from :data:`FORMATS` or :data:`ALIASES` (case-insensitive).

    Raises:
        UsageError: the name is not a known format.
    """
    target = EXPORTERS[canonical_format(name)]
    module_name, _, attr = target.partition(":")
    module: Any = importlib.import_module(module_name)
    return getattr(module, attr)


__all__ = ["ALIASES", "EXPORTERS", "EXTENSIONS", "FORMATS", "canonical_format", "get_exporter"]
