"""The timeline as JSON-LD (``--format jsonld``): SEM events with their context inline.

Every entry becomes a ``sem:Event`` node::

    {"@id": "https://w3id.org/kb/id/event/e-1a2b3c", "@type": "sem:Event",
     "rdfs:label": "<headline>",
     "rdfs:comment": "<notes>",               # imported incidents with notes only
     "sem:eventType": [{"@id": "https://w3id.org/kb/event-type/reinforcement"}],
     "sem:hasActor": [{"@id": "https://w3id.org/kb/id/actor/<actor id>"}],
     "sem:hasPlace": [{"@id": "https://w3id.org/kb/id/place/<scheme>/<id>"}],
     "sem:hasEarliestBeginTimeStamp": {"@value": "2025-07-01", "@type": "xsd:date"},
     "sem:hasLatestEndTimeStamp": {"@value": "2025-07-10", "@type": "xsd:date"},
     "kb:datePrecision": "month", "kb:certainty": "hedged", "kb:negated": false,
     "prov:wasDerivedFrom": [{"@id": "<article URL>"}]}

followed by one node per event type (``sem:EventType``), actor (``sem:Actor``),
place (``sem:Place`` with ``wgs:lat``/``wgs:long`` as xsd:decimal and
``schema:containedInPlace``) and source article (``schema:NewsArticle``).
``rdfs:comment`` is the dataset's description of an imported incident (ACLED's
notes), the property the store keeps it in. IRIs are minted by :mod:`kb.namespaces`, so they match the store's. A blank
``schema:Dataset`` node carries the title (``schema:name``) and the generation
time (``schema:dateCreated``).

The ``@context`` is embedded (never a remote URL) so the document expands and
parses offline. Undated events have no timestamps.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from kb.namespaces import KB, PREFIXES, SEM, actor_iri, event_iri, place_iri, type_iri
from kb.timeline.exporters._common import (
    bounds,
    coords,
    humanize,
    iso_utc,
    notes,
    places,
    precision,
    sources,
)

CONTEXT: dict[str, str] = {
    "sem": str(SEM),
    "schema": PREFIXES["schema"],
    "prov": PREFIXES["prov"],
    "wgs": PREFIXES["wgs"],
    "kb": str(KB),
    "rdfs": PREFIXES["rdfs"],
    "xsd": PREFIXES["xsd"],
}


def _date(day: dt.date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _decimal(value: float) -> dict[str, str]:
    # Fixed-point text: repr() could give "1e-05", which is not an xsd:decimal.
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return {"@value": "0" if text in ("", "-0") else text, "@type": "xsd:decimal"}


class _Graph:
    """Collects event nodes and the nodes they point to, each once."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.others: dict[str, dict[str, Any]] = {}

    def node(self, iri: str, rdf_type: str, **props: Any) -> dict[str, str]:
        if iri not in self.others:
            node: dict[str, Any] = {"@id": iri, "@type": rdf_type}
            node.update({k: v for k, v in props.items() if v not in (None, "", [])})
            self.others[iri] = node
        return {"@id": iri}

    def place(self, place: dict[str, Any]) -> dict[str, str]:
        props: dict[str, Any] = {"rdfs:label": place.get("name")}
        point = coords(place)
        if point:
            props["wgs:lat"], props["wgs:long"] = _decimal(point[0]), _decimal(point[1])
        within = [w for w in place.get("within") or [] if isinstance(w, dict) and w.get("id")]
        props["schema:containedInPlace"] = [
            self.node(str(place_iri(str(w["id"]))), "sem:Place", **{"rdfs:label": w.get("name")})
            for w in within
        ]
        return self.node(str(place_iri(str(place["id"]))), "sem:Place", **props)

    def add(self, entry: dict[str, Any]) -> None:
        iri = entry.get("id") or str(event_iri(str(entry.get("key"))))
        node: dict[str, Any] = {"@id": iri, "@type": "sem:Event"}
        if entry.get("headline"):
            node["rdfs:label"] = str(entry["headline"])
        described = notes(entry)
        if described is not None:
            node["rdfs:comment"] = described
        if entry.get("key"):
            node["kb:key"] = str(entry["key"])
        types = list(entry.get("types") or ([entry["type"]] if entry.get("type") else []))
        if entry.get("type") and entry["type"] not in types:
            types.insert(0, entry["type"])
        node["sem:eventType"] = [
            self.node(
                str(type_iri(str(t))),
                "sem:EventType",
                **{
                    "rdfs:label": entry.get("type_label")
                    if t == entry.get("type") and entry.get("type_label")
                    else humanize(t)
                },
            )
            for t in types
        ]
        actors = [
            a
            for a in (entry.get("actors") or []) + (entry.get("targets") or [])
            if isinstance(a, dict) and a.get("id")
        ]
        node["sem:hasActor"] = [
            self.node(str(actor_iri(str(a["id"]))), "sem:Actor", **{"rdfs:label": a.get("name")})
            for a in actors
        ]
        node["sem:hasPlace"] = [self.place(p) for p in places(entry) if p.get("id")]
        earliest, latest = bounds(entry)
        if earliest and latest:
            node["sem:hasEarliestBeginTimeStamp"] = _date(earliest)
            node["sem:hasLatestEndTimeStamp"] = _date(latest)
            node["kb:datePrecision"] = precision(entry)
        if entry.get("certainty"):
            node["kb:certainty"] = str(entry["certainty"])
        node["kb:negated"] = bool(entry.get("negated"))
        derived = []
        for source in sources(entry):
            if not source["safe_url"]:
                continue
            published = source.get("published")
            props: dict[str, Any] = {
                "schema:headline": source.get("title"),
                "schema:publisher": source.get("outlet"),
            }
            if isinstance(published, str) and len(published) == 10:
                props["schema:datePublished"] = {"@value": published, "@type": "xsd:date"}
            derived.append(self.node(source["safe_url"], "schema:NewsArticle", **props))
        node["prov:wasDerivedFrom"] = derived
        self.events.append({k: v for k, v in node.items() if v not in (None, [])})


def document(
    entries: list[dict[str, Any]], *, title: str, generated: dt.datetime | None
) -> dict[str, Any]:
    """The JSON-LD document as a dict."""
    graph = _Graph()
    for entry in entries:
        graph.add(entry)
    # The title and time describe the export itself; as extra top-level keys
    # they would turn @graph into a named graph, so they get a node of their own.
    about = {
        "@id": "_:timeline",
        "@type": "schema:Dataset",
        "schema:name": title,
        "schema:dateCreated": {"@value": iso_utc(generated), "@type": "xsd:dateTime"},
    }
    return {
        "@context": dict(CONTEXT),
        "@graph": [about, *graph.events, *(graph.others[k] for k in sorted(graph.others))],
    }


def export(
    entries: list[dict[str, Any]],
    out: TextIO,
    *,
    title: str = "kb timeline",
    generated: dt.datetime | None = None,
) -> None:
    """Write the timeline as one JSON-LD document with an inline context."""
    json.dump(
        document(entries, title=title, generated=generated), out, ensure_ascii=False, indent=2
    )
    out.write("\n")
