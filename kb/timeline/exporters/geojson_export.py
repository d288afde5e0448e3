"""The timeline as GeoJSON (RFC 7946, ``--format geojson``).

A FeatureCollection with one Point Feature per (event, place with coordinates);
coordinates are ``[lon, lat]`` in WGS 84 (RFC 7946 has no ``crs`` member).
Events with no located place have no feature. Undated events are kept, with
null date properties, so a map can still show them. Properties are flat
(strings, numbers, booleans, null) so GIS tools can use them as attributes::

    id, key, headline, type, type_label, date_display, date_value, date_precision,
    date_earliest, date_latest, place_id, place_name, place_level, place_country,
    actors, targets, certainty, negated, sources, outlets, first_source_url

and, after ``headline``, ``notes`` for an imported incident that has them (the
dataset's description of the event, ACLED's ``notes``; line breaks between the
texts of a merged incident's rows). Features of article-derived incidents have no
``notes`` property.

``title`` and ``generated`` are foreign members of the FeatureCollection.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from kb.timeline.exporters._common import (
    JOIN,
    coords,
    date_of,
    display_date,
    first_source_url,
    headline,
    is_dated,
    iso_utc,
    names,
    notes,
    places,
    precision,
    split_dated,
    type_label,
)

#: RFC 7946 section 11.2: six decimals is about 10 cm, more is noise.
DECIMALS = 6


def features(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry's Features, one per place with coordinates."""
    date = date_of(entry)
    dated = is_dated(entry)
    base = {
        "id": entry.get("id"),
        "key": entry.get("key"),
        "headline": headline(entry),
    }
    text = notes(entry)
    if text is not None:
        base["notes"] = text
    base |= {
        "type": entry.get("type"),
        "type_label": type_label(entry),
        "date_display": display_date(entry),
        "date_value": date.get("value") if dated else None,
        "date_precision": precision(entry) if dated else None,
        "date_earliest": date.get("earliest") if dated else None,
        "date_latest": date.get("latest") if dated else None,
    }
    tail = {
        "actors": JOIN.join(names([a for a in entry.get("actors") or [] if isinstance(a, dict)])),
        "targets": JOIN.join(names(entry.get("targets") or [])),
        "certainty": entry.get("certainty"),
        "negated": bool(entry.get("negated")),
        "sources": entry.get("sources"),
        "outlets": entry.get("outlets"),
        "first_source_url": first_source_url(entry),
    }
    out = []
    for place in places(entry):
        point = coords(place)
        if point is None:
            continue
        lat, lon = point
        props = dict(base)
        props.update(
            place_id=place.get("id"),
            place_name=place.get("name"),
            place_level=place.get("level"),
            place_country=place.get("country"),
        )
        props.update(tail)
        feature_id = f"{entry.get('key') or entry.get('id')}@{place.get('id')}"
        out.append(
            {
                "type": "Feature",
                "id": feature_id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)],
                },
                "properties": props,
            }
        )
    return out


def document(
    entries: list[dict[str, Any]], *, title: str, generated: dt.datetime | None
) -> dict[str, Any]:
    """The FeatureCollection as a dict."""
    dated, undated = split_dated(entries)
    feats = [f for entry in dated + undated for f in features(entry)]
    return {
        "type": "FeatureCollection",
        "title": title,
        "generated": iso_utc(generated),
        "features": feats,
    }


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as a GeoJSON FeatureCollection."""
    json.dump(
        document(entries, title=title, generated=generated), out, ensure_ascii=False, indent=2
    )
    out.write("\n")
