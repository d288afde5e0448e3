"""Helpers the timeline exporters share: dates, periods, sources, places and safe URLs.

Every exporter reads timeline entries as plain dicts (the ``--format json``
shape documented in :mod:`kb.timeline.exporters.json_export`). These helpers are
forgiving about missing keys because entries may come from older JSON files or
hand-written fixtures: a missing field is treated as unknown, never as an error.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UNKNOWN_LABEL = "Date unknown"
#: Separator of multi-valued cells (CSV, GeoJSON properties, table cells).
JOIN = "; "


def plural(count: int, noun: str) -> str:
    """ "1 event", "3 events": a count with its noun in agreement (regular plurals)."""
    return f"{count} {noun if count == 1 else noun + 's'}"


def generated_at(generated: dt.datetime | None) -> dt.datetime:
    """The generation time in UTC, to the second (now when not given).

    A naive datetime is taken to be UTC already, so that tests and callers that
    pass ``datetime(2025, 1, 1)`` get exactly that instant.
    """
    if generated is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if generated.tzinfo is None:
        return generated.replace(tzinfo=dt.UTC, microsecond=0)
    return generated.astimezone(dt.UTC).replace(microsecond=0)


def iso_utc(generated: dt.datetime | None) -> str:
    """The generation time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return generated_at(generated).strftime("%Y-%m-%dT%H:%M:%SZ")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def value_bounds(value: Any) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value."""
    if not isinstance(value, str):
        return None, None
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if len(parts) == 3:
            day = dt.date.fromisoformat(value)
            return day, day
    except ValueError:
        return None, None
    return None, None


def date_of(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry's ``date`` object (an empty dict when absent)."""
    date = entry.get("date")
    return date if isinstance(date, dict) else {}


def bounds(entry: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest possible day of an entry, or ``(None, None)`` if undated.

    ``earliest``/``latest`` win; when they are missing the bounds are derived
    from ``value`` so an entry that only says ``2025-07`` still spans July.
    """
    date = date_of(entry)
    earliest, latest = _as_date(date.get("earliest")), _as_date(date.get("latest"))
    if earliest is None or latest is None:
        v_first, v_last = value_bounds(date.get("value"))
        earliest = earliest or v_first
        latest = latest or v_last
    if earliest is None and latest is None:
        return None, None
    earliest = earliest or latest
    latest = latest or earliest
    assert earliest is not None and latest is not None
    if latest < earliest:  # a malformed interval: keep it usable rather than fail
        earliest, latest = latest, earliest
    return earliest, latest


def precision(entry: dict[str, Any]) -> str | None:
    """``day``, ``month``, ``year`` or None (undated); inferred from ``value`` if missing."""
    date = date_of(entry)
    prec = date.get("precision")
    if prec in ("day", "month", "year"):
        return prec
    value = date.get("value")
    if isinstance(value, str):
        return {1: "year", 2: "month", 3: "day"}.get(len(value.split("-")))
    earliest, latest = bounds(entry)
    if earliest is None:
        return None
    return "day" if earliest == latest else None


def is_dated(entry: dict[str, Any]) -> bool:
    """Whether the entry has a usable date."""
    return bounds(entry)[0] is not None


def _sort_key(entry: dict[str, Any]) -> tuple[dt.date, dt.date]:
    earliest, latest = bounds(entry)
    assert earliest is not None and latest is not None
    return earliest, latest


def split_dated(
    entries: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dated entries in time order (stable), and undated entries in input order."""
    dated = [e for e in entries if is_dated(e)]
    undated = [e for e in entries if not is_dated(e)]
    dated.sort(key=_sort_key)
    return dated, undated


def display_date(entry: dict[str, Any]) -> str:
    """How a reader should see the date, never more precise than it is."""
    date = date_of(entry)
    if date.get("display"):
        return str(date["display"])
    value = date.get("value")
    prec = precision(entry)
    start, _ = value_bounds(value)
    if start is None:
        start, _ = bounds(entry)
    if start is None:
        return "date unknown"
    if prec == "year":
        return str(start.year)
    if prec == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{start.day} {MONTHS[start.month - 1]} {start.year}"


def period(entry: dict[str, Any]) -> tuple[str, str, tuple[dt.date, int]]:
    """The heading an entry is filed under: ``(key, label, sort key)``.

    Day- and month-precision entries go under their month; year-precision
    entries under the year (they cannot honestly be filed under a month);
    undated entries under "Date unknown", sorted last.
    """
    prec = precision(entry)
    start, _ = value_bounds(date_of(entry).get("value"))
    if start is None:
        start, _ = bounds(entry)
    if start is None:
        return "unknown", UNKNOWN_LABEL, (dt.date.max, 0)
    if prec == "year":
        # Sorted before the months of the same year: it may be any of them.
        return f"{start.year:04d}", f"{start.year} (month unknown)", (dt.date(start.year, 1, 1), 0)
    return (
        f"{start.year:04d}-{start.month:02d}",
        f"{MONTHS[start.month - 1]} {start.year}",
        (dt.date(start.year, start.month, 1), 1),
    )


@dataclass
class Group:
    """Entries filed under one heading."""

    key: str
    label: str
    entries: list[dict[str, Any]] = field(default_factory=list)


def group_by_period(entries: list[dict[str, Any]]) -> list[Group]:
    """Entries grouped by month (or year, or "Date unknown"), in time order."""
    dated, undated = split_dated(entries)
    groups: dict[str, Group] = {}
    order: dict[str, tuple[dt.date, int]] = {}
    for entry in dated + undated:
        key, label, sort = period(entry)
        if key not in groups:
            groups[key] = Group(key, label)
            order[key] = sort
        groups[key].entries.append(entry)
    return [groups[k] for k in sorted(groups, key=lambda k: order[k])]


#: Characters kept as they are when a URL is made a valid URI (reserved ones and %).
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None.

    Only these are ever turned into links: a ``javascript:`` or ``data:`` URL
    in a feed must not become something a reader can click. Characters a URI
    cannot hold (spaces, quotes, angle brackets, non-ASCII) are percent-encoded
    so the result is usable as an iCalendar URI, an IRI or an ``href``.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 32 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URI_SAFE)


def sources(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The distinct articles the entry's mentions come from, in mention order.

    Each item is the article dict plus ``safe_url`` (None unless http/https)
    and the first mention's ``attribution``.
    """
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for mention in entry.get("mentions") or []:
        article = mention.get("article") or {}
        ident = str(article.get("id") or article.get("url") or article.get("path") or len(out))
        if ident in seen:
            continue
        seen.add(ident)
        item = dict(article)
        item["safe_url"] = safe_url(article.get("url"))
        item["attribution"] = mention.get("attribution") or {}
        out.append(item)
    return out


def source_label(source: dict[str, Any]) -> str:
    """``Outlet: Title`` (or whichever of them is known) of one source article."""
    outlet, title = source.get("outlet"), source.get("title")
    if outlet and title:
        return f"{outlet}: {title}"
    return str(outlet or title or source.get("url") or source.get("path") or source.get("id"))


def first_source_url(entry: dict[str, Any]) -> str | None:
    """The first http(s) source URL of an entry."""
    for source in sources(entry):
        if source["safe_url"]:
            return source["safe_url"]
    return None


def coords(place: dict[str, Any]) -> tuple[float, float] | None:
    """``(lat, lon)`` of a place when both are real, in-range numbers."""
    lat, lon = place.get("lat"), place.get("lon")
    for v in (lat, lon):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            return None
    assert lat is not None and lon is not None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lat), float(lon)


def places(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry's places (dicts only)."""
    return [p for p in entry.get("places") or [] if isinstance(p, dict)]


def first_located(entry: dict[str, Any]) -> tuple[dict[str, Any], float, float] | None:
    """The first place with coordinates, with its lat and lon."""
    for place in places(entry):
        point = coords(place)
        if point:
            return place, point[0], point[1]
    return None


def agents(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Actors in the agent role (an actor without a role counts as agent)."""
    return [
        a
        for a in entry.get("actors") or []
        if isinstance(a, dict) and a.get("role", "agent") == "agent"
    ]


def names(items: list[dict[str, Any]]) -> list[str]:
    """The names (or ids) of actors or places, without duplicates."""
    out: list[str] = []
    for item in items:
        name = str(item.get("name") or item.get("id") or "")
        if name and name not in out:
            out.append(name)
    return out


def countries(entry: dict[str, Any]) -> list[str]:
    """Country codes of the entry's places, without duplicates.

    A border place has no single country; its codes come from its id
    (``border:LB-SY``) so the CSV still says which countries are involved.
    """
    out: list[str] = []
    for place in places(entry):
        codes = [place.get("country")] if place.get("country") else []
        pid = str(place.get("id") or "")
        if not codes and pid.startswith("border:"):
            codes = pid.split(":", 1)[1].split("-")
        for code in codes:
            if code and code not in out:
                out.append(code)
    return out


def type_label(entry: dict[str, Any]) -> str:
    """The human label of the entry's event type."""
    if entry.get("type_label"):
        return str(entry["type_label"])
    return humanize(entry.get("type"))


def type_name(key: str) -> str:
    """The vocabulary's label of an event type key (any key, broader types too).

    A key the vocabulary does not know (entries read from another kb's JSON) is shown
    humanized.
    """
    from kb.errors import KbError
    from kb.eventtypes import label

    try:
        return label(key)
    except KbError:
        return humanize(key)


def humanize(key: Any) -> str:
    """``deployment_or_mobilization`` -> ``Deployment or mobilization``."""
    if not key:
        return "Unknown type"
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def headline(entry: dict[str, Any]) -> str:
    """The entry's headline, or a stand-in built from its type."""
    return str(entry.get("headline") or type_label(entry))


def quantities_text(entry: dict[str, Any]) -> str:
    """``killed: 2, wounded: 5`` (empty when there are none)."""
    quantities = entry.get("quantities") or {}
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in quantities.items())


def status_notes(entry: dict[str, Any]) -> list[str]:
    """Short caveats a reader must see next to the headline."""
    notes = []
    if entry.get("certainty") == "hedged":
        notes.append("hedged")
    if entry.get("negated"):
        notes.append("reported as not having happened")
    return notes


def notes(entry: dict[str, Any]) -> str | None:
    """The dataset's description of the event (ACLED's notes), or None.

    Only imported incidents have one (see :func:`kb.timeline.build.entries_for`); a
    merged incident's has one line per distinct text, each naming its rows.
    """
    text = entry.get("notes")
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip()


def note_lines(entry: dict[str, Any]) -> list[str]:
    """The notes' lines, blank ones left out (empty when the entry has no notes)."""
    text = notes(entry)
    return [line.strip() for line in text.splitlines() if line.strip()] if text else []
