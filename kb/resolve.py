"""Resolve what users type (actor names, place names, type keys, event ids) to IRIs.

IRIs come back as plain strings (rdflib stays off the read path); pass them to a query
as terms with :func:`kb.store.oxterms.iri`.
"""

from __future__ import annotations

import re

from kb.errors import NotFoundError
from kb.namespaces import BASE, actor_ref, event_ref, place_ref, type_ref
from kb.store.base import Store
from kb.store.oxterms import iri, lit


def _keys(rows: list[dict[str, str | None]], var: str = "a") -> list[str]:
    return sorted({str(r[var]).rsplit("/", 1)[-1] for r in rows})


def actor_keys(store: Store | None, name: str) -> list[str]:
    """Canonical actor keys a name stands for, the user's corrections included.

    Resolution order: a user alias stored in the corrections graph; an actor of the
    store whose key, label or alias is exactly the name (one query, no registry to
    load); the registry (names, aliases, normalised and fuzzy match). Actors merged
    into the result come along, so a timeline of the survivor shows the events of both.
    """
    name = name.strip()
    keys: list[str] = []
    if store is not None:
        keys = _keys(
            store.select_values("SELECT ?a WHERE { ?a kb:userAlias ?name }", {"name": lit(name)})
        )
        if not keys:
            keys = _store_actor_keys(store, name)
    if not keys:
        from kb.actors import ActorRegistry

        registry = ActorRegistry.default()
        keys = [name] if registry.get(name) is not None else [registry.resolve(name).key]
    if store is not None:
        merged = store.select_values(
            "SELECT ?a WHERE { ?a kb:mergedInto ?b }", {"b": [iri(actor_ref(k)) for k in keys]}
        )
        keys += _keys(merged)
    return sorted(set(keys))


def _store_actor_keys(store: Store, name: str) -> list[str]:
    """The one actor of the store known by exactly this key, label or alias, if any.

    Ambiguous or unknown names return nothing and go to the registry, whose ranking
    decides; so does every name whose actor the store has not seen yet.
    """
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        rows = store.select_values(
            "SELECT ?a WHERE { ?a a sem:Actor } LIMIT 1", {"a": iri(actor_ref(name))}
        )
        if rows:
            return [name]
    rows = store.select_values(
        "SELECT DISTINCT ?a WHERE { ?a skos:prefLabel|skos:altLabel ?name . ?a a sem:Actor }",
        {"name": lit(name)},
    )
    keys = _keys([r for r in rows if str(r["a"]).startswith(actor_ref(""))])
    return keys if len(keys) == 1 else []


def actor_iris(store: Store | None, name: str) -> list[str]:
    """IRIs of :func:`actor_keys`."""
    return [actor_ref(k) for k in actor_keys(store, name)]


def place_iri_for(name: str, store: Store | None = None) -> str:
    """The place a name stands for: a gazetteer id (geonames:99237) or a name.

    With a store, a place it holds under exactly this id or name (one place only) is
    taken without loading the gazetteer; otherwise the gazetteer decides (its ranking
    prefers countries, then regions, then the most populous town).
    """
    name = name.strip()
    if store is not None:
        if ":" in name:
            ref = place_ref(name)
            if store.select_values("SELECT ?p WHERE { ?p kb:placeLevel ?l }", {"p": iri(ref)}):
                return ref
        else:
            rows = store.select_values(
                "SELECT DISTINCT ?p WHERE { ?p rdfs:label ?name ; kb:placeLevel ?l }",
                {"name": lit(name)},
            )
            if len(rows) == 1:
                return str(rows[0]["p"])
    from kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    place = gaz.get(name) if ":" in name else None
    if place is None:
        place = gaz.lookup(name)
    if place is None:
        # Borders and seas by any of the names the news gives them ("Iraq-Syria border",
        # "the Syrian-Iraqi border", "the Red Sea"): the text finder knows them all.
        found = list(gaz.find(name))
        if len(found) == 1:
            start, end, match = found[0]
            if (name[:start] + name[end:]).strip().lower() in ("", "the"):
                place = match
    if place is None:
        raise NotFoundError(f"no place named {name!r} in the gazetteer; try its English name")
    return place_ref(place.id)


def type_iris(key: str) -> list[str]:
    """The IRI of an event type and of every narrower type."""
    from kb.eventtypes import event_types, lineage

    lineage(key)  # raises a clear error for an unknown key
    return [type_ref(k) for k in event_types() if key in lineage(k)]


def event_iri_for(raw: str) -> str:
    """An event key (e-...) or a full event IRI."""
    raw = raw.strip()
    if re.search(r"[\s<>\"{}|^`\\]", raw):
        raise NotFoundError(f"{raw!r} is not an event key or IRI; list them with 'kb events'")
    if raw.startswith(BASE):
        return raw
    if raw.startswith(("http://", "https://")):
        raise NotFoundError(f"{raw!r} is not a kb event IRI")
    return event_ref(raw)
