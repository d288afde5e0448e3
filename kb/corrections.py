"""The user's corrections of actor resolution: aliases, merges and splits.

Corrections live in the store's corrections graph, so they persist across sessions
and apply to every later ingest; making one also re-links the events already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from kb.errors import NotFoundError, UsageError
from kb.model import Event
from kb.namespaces import CORRECTIONS_GRAPH, KB, SEM, actor_iri, key_from_iri
from kb.store.base import Store


@dataclass
class Corrections:
    """Aliases (lower-cased name -> actor key) and merges (key -> surviving key)."""

    aliases: dict[str, str] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Corrections:
        """Read the corrections stored so far."""
        out = cls()
        for r in store.select("SELECT ?a ?name WHERE { ?a kb:userAlias ?name }").rows:
            out.aliases[str(r["name"]).strip().lower()] = key_from_iri(str(r["a"]))
        for r in store.select("SELECT ?a ?b WHERE { ?a kb:mergedInto ?b }").rows:
            out.merges[key_from_iri(str(r["a"]))] = key_from_iri(str(r["b"]))
        return out

    def key_for(self, key: str) -> str:
        """Follow merges to the surviving actor."""
        seen = set()
        while key in self.merges and key not in seen:
            seen.add(key)
            key = self.merges[key]
        return key

    def apply(self, events: Iterable[Event], registry: Any) -> None:
        """Rewrite the actors of freshly extracted events by the corrections."""
        if not self.aliases and not self.merges:
            return
        for ev in events:
            for a in ev.actors:
                if a.unidentified:
                    continue
                key = self.aliases.get((a.text or "").strip().lower(), a.id)
                key = self.key_for(key)
                if key != a.id:
                    a.id = key
                    actor = registry.get(key)
                    if actor is not None:
                        a.name, a.kind, a.country = actor.label, actor.kind, actor.country


def _resolve_key(store: Store, name: str) -> str:
    from kb.resolve import actor_keys

    keys = actor_keys(store, name)
    if not keys:
        raise NotFoundError(f"no actor {name!r}; list them with 'kb actors --search'")
    return keys[0]


_REWRITE = """
DELETE { GRAPH ?g { ?role rdf:value ?old . ?r sem:hasActor ?old } }
INSERT { GRAPH ?g { ?role rdf:value ?new . ?r sem:hasActor ?new } }
WHERE { GRAPH ?g { ?r kb:hasRole ?role . ?role rdf:value ?old ; kb:surfaceText ?t .
                   FILTER(LCASE(STR(?t)) = LCASE(STR(?name)) && ?old != ?new) } }"""
_REWRITE_KEY = """
DELETE { GRAPH ?g { ?role rdf:value ?old . ?r sem:hasActor ?old } }
INSERT { GRAPH ?g { ?role rdf:value ?new . ?r sem:hasActor ?new } }
WHERE { GRAPH ?g { ?r kb:hasRole ?role . ?role rdf:value ?old } }"""
_AFFECTED_BY_NAME = """
SELECT DISTINCT ?ev WHERE { ?ev kb:hasReport ?r . ?r kb:hasRole ?role .
  ?role kb:surfaceText ?t . FILTER(LCASE(STR(?t)) = LCASE(STR(?name))) }"""
_AFFECTED_BY_KEY = """
SELECT DISTINCT ?ev WHERE { ?ev kb:hasReport ?r . ?r sem:hasActor ?old }"""


def _describe(store: Store, key: str, registry: Any) -> None:
    from kb.namespaces import CANONICAL_GRAPH
    from kb.rdfmap import actor_triples

    actor = registry.get(key)
    if actor is not None:
        store.add(CANONICAL_GRAPH, actor_triples(actor))


def add_alias(store: Store, name: str, canonical: str) -> str:
    """Make `name` resolve to an actor from now on and re-link stored mentions of it.

    Returns:
        The canonical actor's key.
    """
    from kb.actors import ActorRegistry
    from kb.link.incidents import relink

    name = name.strip()
    if not name:
        raise UsageError("the alias must not be empty")
    key = _resolve_key(store, canonical)
    registry = ActorRegistry.default()
    affected = [str(r["ev"]) for r in store.select(_AFFECTED_BY_NAME, {"name": Literal(name)}).rows]
    store.remove(
        CORRECTIONS_GRAPH,
        [(actor_iri(k), KB.userAlias, Literal(name)) for k in _alias_owners(store, name)],
    )
    store.add(CORRECTIONS_GRAPH, [(actor_iri(key), KB.userAlias, Literal(name))])
    _describe(store, key, registry)
    store.update(_REWRITE, {"name": Literal(name), "new": actor_iri(key)})
    relink(store, [], affected)
    return key


def _alias_owners(store: Store, name: str) -> list[str]:
    rows = store.select("SELECT ?a WHERE { ?a kb:userAlias ?n }", {"n": Literal(name)}).rows
    return [key_from_iri(str(r["a"])) for r in rows]


def merge(store: Store, source: str, target: str) -> tuple[str, str]:
    """Merge actor `source` into `target`: every stored event of one becomes the other's."""
    from kb.actors import ActorRegistry
    from kb.link.incidents import relink

    a = _resolve_key(store, source)
    b = _resolve_key(store, target)
    if a == b:
        raise UsageError(f"{source!r} and {target!r} are already the same actor ({a})")
    affected = [str(r["ev"]) for r in store.select(_AFFECTED_BY_KEY, {"old": actor_iri(a)}).rows]
    store.add(CORRECTIONS_GRAPH, [(actor_iri(a), KB.mergedInto, actor_iri(b))])
    _describe(store, b, ActorRegistry.default())
    store.update(_REWRITE_KEY, {"old": actor_iri(a), "new": actor_iri(b)})
    relink(store, [], affected)
    return a, b


def split(store: Store, name: str, from_key: str) -> str:
    """Give `name` an actor of its own again, taking its mentions away from `from_key`."""
    from kb.actors.normalize import slugify
    from kb.link.incidents import relink
    from kb.namespaces import CANONICAL_GRAPH

    old = _resolve_key(store, from_key)
    new = "x-" + (slugify(name) or "actor")
    if new == old:
        raise UsageError(f"{name!r} already has an actor of its own ({old})")
    affected = [str(r["ev"]) for r in store.select(_AFFECTED_BY_NAME, {"name": Literal(name)}).rows]
    store.remove(
        CORRECTIONS_GRAPH,
        [(actor_iri(k), KB.userAlias, Literal(name)) for k in _alias_owners(store, name)],
    )
    store.add(CORRECTIONS_GRAPH, [(actor_iri(new), KB.userAlias, Literal(name))])
    store.add(
        CANONICAL_GRAPH,
        [
            (actor_iri(new), RDF.type, SEM.Actor),
            (actor_iri(new), SKOS.prefLabel, Literal(name)),
            (actor_iri(new), KB.actorKind, Literal("organization")),
        ],
    )
    store.update(_REWRITE, {"name": Literal(name), "new": actor_iri(new)})
    relink(store, [], affected)
    return new


_Q_ACTORS = """
SELECT ?a ?label ?kind ?country (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?a a sem:Actor ; skos:prefLabel ?label .
  OPTIONAL { ?a kb:actorKind ?kind }
  OPTIONAL { ?a kb:country ?country }
  OPTIONAL { ?e sem:hasActor ?a ; a sem:Event }
}
GROUP BY ?a ?label ?kind ?country
ORDER BY DESC(?events) ?label"""


def list_actors(store: Store, search: str | None = None) -> list[dict[str, Any]]:
    """Actors in the store with their aliases and how many incidents each takes part in."""
    from kb.actors import ActorRegistry

    registry = ActorRegistry.default()
    user = Corrections.load(store)
    rows: dict[str, dict[str, Any]] = {}
    for r in store.select(_Q_ACTORS).rows:
        key = key_from_iri(str(r["a"]))
        if key in rows or "/unidentified/" in str(r["a"]) or str(r.get("kind")) == "unidentified":
            continue
        actor = registry.get(key)
        aliases = sorted(set(actor.aliases) - {actor.label}) if actor is not None else []
        aliases += sorted(n for n, k in user.aliases.items() if k == key)
        rows[key] = {
            "key": key,
            "label": str(r["label"]),
            "kind": str(r["kind"]) if r.get("kind") is not None else None,
            "country": str(r["country"]) if r.get("country") is not None else None,
            "aliases": aliases,
            "events": int(r["events"]),  # type: ignore[arg-type]
            "merged_into": user.merges.get(key),
        }
    out = list(rows.values())
    if search:
        needle = search.lower()
        out = [
            a
            for a in out
            if needle in a["label"].lower()
            or needle in a["key"]
            or any(needle in x.lower() for x in a["aliases"])
        ]
    return out


__all__: Sequence[str] = ["Corrections", "add_alias", "merge", "split", "list_actors"]
