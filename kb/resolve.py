"""Resolve what users type (actor names, place names, type keys, event ids) to IRIs."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kb.errors import NotFoundError
from kb.namespaces import BASE, actor_iri, event_iri, place_iri, type_iri
from kb.store.base import Store


def actor_keys(store: Store | None, name: str) -> list[str]:
    """Canonical actor keys a name stands for, the user's corrections included.

    Resolution order: an exact key; a user alias stored in the corrections graph;
    the registry (names, aliases, fuzzy match). Actors merged into the result come
    along, so a timeline of the survivor shows the events of both.
    """
    from kb.actors import ActorRegistry

    registry = ActorRegistry.default()
    keys: list[str] = []
    if store is not None:
        rows = store.select(
            "SELECT ?a WHERE { ?a kb:userAlias ?name }", {"name": Literal(name.strip())}
        ).rows
        keys = [str(r["a"]).rsplit("/", 1)[-1] for r in rows]
    if not keys:
        keys = [name] if registry.get(name) is not None else [registry.resolve(name).key]
    if store is not None:
        merged = store.select(
            "SELECT ?a WHERE { ?a kb:mergedInto ?b }", {"b": [actor_iri(k) for k in keys]}
        ).rows
        keys += [str(r["a"]).rsplit("/", 1)[-1] for r in merged]
    return sorted(set(keys))


def actor_iris(store: Store | None, name: str) -> list[URIRef]:
    """IRIs of :func:`actor_keys`."""
    return [actor_iri(k) for k in actor_keys(store, name)]


def place_iri_for(name: str) -> URIRef:
    """The place a name stands for: a gazetteer id (geonames:99237) or a name."""
    from kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    place = gaz.get(name) if ":" in name else None
    if place is None:
        place = gaz.lookup(name)
    if place is None:
        raise NotFoundError(f"no place named {name!r} in the gazetteer; try its English name")
    return place_iri(place.id)


def type_iris(key: str) -> list[URIRef]:
    """The IRI of an event type and of every narrower type."""
    from kb.eventtypes import event_types, lineage

    lineage(key)  # raises a clear error for an unknown key
    return [type_iri(k) for k in event_types() if key in lineage(k)]


def event_iri_for(raw: str) -> URIRef:
    """An event key (e-...) or a full event IRI."""
    raw = raw.strip()
    if re.search(r"[\s<>\"{}|^`\\]", raw):
        raise NotFoundError(f"{raw!r} is not an event key or IRI; list them with 'kb events'")
    if raw.startswith(BASE):
        return URIRef(raw)
    if raw.startswith(("http://", "https://")):
        raise NotFoundError(f"{raw!r} is not a kb event IRI")
    return event_iri(raw)
