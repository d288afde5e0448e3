"""The user's corrections of actor resolution: aliases, merges and splits.

Corrections live in the store's corrections graph, so they persist across sessions
and apply to every later ingest; making one also re-links the events already stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal

from kb.actors.canonical import UNIDENTIFIED_KEY
from kb.actors.normalize import collapse, fold, normalize_name
from kb.errors import InputError, NotFoundError, UsageError
from kb.model import Event
from kb.namespaces import CORRECTIONS_GRAPH, KB, actor_iri, key_from_iri
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


_REGISTRY_HINT = (
    "find actors' keys and names with 'kb actors --search TEXT' (see 'kb actors --help')"
)


def _lookup(store: Store, name: str, registry: Any) -> str | None:
    """The key of the existing actor a user's name stands for, or None.

    The order is :func:`kb.resolve.actor_keys`' (a user alias, an actor of the store by
    key, label or alias, then the registry), but only the one actor named, never those
    merged into it, and never an actor the registry would mint: a correction must name
    an actor that exists, curated in ``ontology/actors.ttl`` or stored by an ingest or
    import.
    """
    wanted = normalize_name(name)
    owners = [
        k for n, k in _user_aliases(store) if n == name or (wanted and normalize_name(n) == wanted)
    ]
    if len(set(owners)) == 1 and _exists(store, owners[0], registry):
        return owners[0]
    if _KEY_RE.fullmatch(name) and _exists(store, name, registry):
        return name
    rows = store.select_values(
        "SELECT DISTINCT ?a WHERE { ?a skos:prefLabel|skos:altLabel ?name . ?a a sem:Actor }",
        {"name": Literal(name)},
    )
    keys = {
        key_from_iri(str(r["a"]))
        for r in rows
        # per-report unidentified actors are never corrected
        if str(r["a"]).startswith(str(actor_iri(""))) and "/unidentified/" not in str(r["a"])
    }
    if len(keys) == 1:
        return keys.pop()
    if registry.get(name) is not None and _exists(store, name, registry):
        return name
    key = _registry_key(registry, name)
    return key if key is not None and _exists(store, key, registry) else None


def _registry_key(registry: Any, name: str) -> str | None:
    """The key the registry resolves a name to (fuzzy and country rules included).

    It may mint an actor, in memory only: callers check that the key exists.
    """
    try:
        return registry.resolve(name).key
    except InputError:
        return None  # no letters at all: no actor's name


_KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


def _exists(store: Store, key: str, registry: Any) -> bool:
    """True for an actor of the bundled registry or one the store describes."""
    if key == UNIDENTIFIED_KEY:
        return False  # one node per report, never corrected (see docs/linking.md)
    if registry.get(key) is not None and key not in registry.minted():
        return True
    rows = store.select_values("SELECT ?a WHERE { ?a a sem:Actor } LIMIT 1", {"a": actor_iri(key)})
    return bool(rows)


def _user_aliases(store: Store) -> list[tuple[str, str]]:
    rows = store.select_values("SELECT ?a ?name WHERE { ?a kb:userAlias ?name }")
    return [(str(r["name"]), key_from_iri(str(r["a"]))) for r in rows]


def _existing_key(store: Store, name: str, registry: Any, outcome: str) -> str:
    """:func:`_lookup`, or a NotFoundError saying that nothing was changed."""
    key = _lookup(store, name.strip(), registry)
    if key is None:
        raise NotFoundError(
            f"no actor {name.strip()!r} in the store or in the actor registry "
            f"(ontology/actors.ttl); {outcome}; {_REGISTRY_HINT}"
        )
    return key


_REWRITE = """
DELETE { GRAPH ?g { ?role rdf:value ?old . ?r sem:hasActor ?old } }
INSERT { GRAPH ?g { ?role rdf:value ?new . ?r sem:hasActor ?new } }
WHERE { GRAPH ?g { ?r kb:hasRole ?role . ?role rdf:value ?old ; kb:surfaceText ?t }
        FILTER(LCASE(STR(?t)) = LCASE(STR(?name)) && ?old != ?new
               && !CONTAINS(STR(?old), "/actor/unidentified/")) }"""
# The FILTER stays outside the GRAPH group: ?name and ?new are bound by VALUES at the top
# of WHERE, and a filter inside a group sees only that group's variables (it matched
# nothing there, so no stored mention was ever re-pointed). Unidentified mentions keep
# their own node, as in Corrections.apply.
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
    """Store the registry's description of an actor the store does not describe yet.

    An actor the store already describes keeps its description: adding the registry's
    (or an actor minted in this process) could give it a second kb:actorKind or label,
    which the shapes forbid.
    """
    from kb.namespaces import CANONICAL_GRAPH
    from kb.rdfmap import actor_triples

    if _described(store, key):
        return
    actor = registry.get(key)
    if actor is not None:
        store.add(CANONICAL_GRAPH, actor_triples(actor))


def _described(store: Store, key: str) -> bool:
    rows = store.select_values(
        "SELECT ?k WHERE { ?a kb:actorKind ?k } LIMIT 1", {"a": actor_iri(key)}
    )
    return bool(rows)


def add_alias(store: Store, name: str, canonical: str) -> str:
    """Make `name` resolve to an actor from now on and re-link stored mentions of it.

    Args:
        store: the store to correct.
        name: the name as articles write it.
        canonical: the actor it stands for: a key, name or alias of an actor of the
            registry or of the store.

    Returns:
        The canonical actor's key.

    Raises:
        UsageError: the alias is empty.
        NotFoundError: no existing actor is called `canonical` (nothing is written).
    """
    from kb.actors import ActorRegistry
    from kb.link.incidents import relink

    name = name.strip()
    if not name:
        raise UsageError("the alias must not be empty; pass the name as articles write it")
    registry = ActorRegistry.default()
    key = _existing_key(store, canonical, registry, f"{name!r} not aliased")
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
    """Merge actor `source` into `target`: every stored event of one becomes the other's.

    Returns:
        The keys of the merged and of the surviving actor.

    Raises:
        NotFoundError: either side is no existing actor (nothing is written).
        UsageError: both already are the same actor, or `target` is merged into `source`.
    """
    from kb.actors import ActorRegistry
    from kb.link.incidents import relink

    registry = ActorRegistry.default()
    found = {n: _lookup(store, n.strip(), registry) for n in (source, target)}
    missing = [n.strip() for n, k in found.items() if k is None]
    if missing:
        names = " and ".join(repr(n) for n in missing)
        raise NotFoundError(
            f"no actor{'s' if len(missing) > 1 else ''} {names} in the store or in the actor registry (ontology/actors.ttl); "
            f"nothing merged; {_REGISTRY_HINT}"
        )
    a, b = found[source], found[target]
    assert a is not None and b is not None
    user = Corrections.load(store)
    if user.key_for(a) == user.key_for(b):
        raise UsageError(
            f"{source!r} and {target!r} are already the same actor ({user.key_for(b)}); "
            "nothing merged"
        )
    affected = [str(r["ev"]) for r in store.select(_AFFECTED_BY_KEY, {"old": actor_iri(a)}).rows]
    store.add(CORRECTIONS_GRAPH, [(actor_iri(a), KB.mergedInto, actor_iri(b))])
    _describe(store, b, registry)
    store.update(_REWRITE_KEY, {"old": actor_iri(a), "new": actor_iri(b)})
    relink(store, [], affected)
    return a, b


_Q_NAMES = """
SELECT DISTINCT ?n WHERE {
  { ?a skos:prefLabel|skos:altLabel|kb:userAlias ?n }
  UNION { ?role rdf:value ?a ; kb:surfaceText ?n } }"""


def _names_of(store: Store, keys: list[str], registry: Any) -> set[str]:
    """Every name the actors `keys` go by: labels, aliases, user aliases, mention texts."""
    names = {
        str(r["n"])
        for r in store.select_values(_Q_NAMES, {"a": [actor_iri(k) for k in keys]})
        if r["n"] is not None
    }
    for key in keys:
        actor = registry.get(key)
        if actor is not None:
            names.update((actor.label, *actor.aliases))
    return names


def _same_name(a: str, b: str) -> bool:
    """Names equal the way resolution compares them: case, diacritics, "the", "al-"."""
    fa, fb = collapse(fold(a)).lower(), collapse(fold(b)).lower()
    if fa == fb:
        return True
    na = normalize_name(a)
    return bool(na) and na == normalize_name(b)


def split(store: Store, name: str, from_key: str) -> str:
    """Give `name` an actor of its own again, taking its mentions away from `from_key`.

    Args:
        store: the store to correct.
        name: a name of `from_key` (label, alias, user alias, or the text of a stored
            mention resolved to it), compared as resolution compares names.
        from_key: the actor the name was resolved to (key, name or alias).

    Returns:
        The key of the name's own actor (``x-<slug>``; an actor the store already holds
        under that key is reused as it is described).

    Raises:
        UsageError: the name is empty, is not a name of `from_key`, or already has an
            actor of its own.
        NotFoundError: `from_key` is no existing actor. Nothing is written on error.
    """
    from kb.actors import ActorRegistry
    from kb.link.incidents import relink
    from kb.namespaces import CANONICAL_GRAPH
    from kb.rdfmap import actor_triples

    name = name.strip()
    if not name:
        raise UsageError("the name to split must not be empty; pass it as articles write it")
    registry = ActorRegistry.default()
    old = _existing_key(store, from_key, registry, f"{name!r} not split")
    user = Corrections.load(store)
    group = sorted({old} | {k for k in user.merges if user.key_for(k) == old})
    names = _names_of(store, group, registry)
    variants = sorted(n for n in names if _same_name(n, name))
    if not variants and _registry_key(registry, name) not in group:
        owner = _lookup(store, name, registry)
        hint = f"pass --from {owner}" if owner else "check the spelling"
        raise UsageError(
            f"{name!r} is not a name of actor {old}: not its label, an alias, a user alias "
            f"or the text of a mention stored for it; nothing split; {hint}, or see the "
            f"actor's names with 'kb actors --search {old}'"
        )
    minted = registry.mint(name)
    new = minted.key
    if new == old:
        raise UsageError(f"{name!r} already has an actor of its own ({old}); nothing split")
    texts = [Literal(t) for t in sorted({name, *variants})]
    affected = [str(r["ev"]) for r in store.select(_AFFECTED_BY_NAME, {"name": texts}).rows]
    store.remove(
        CORRECTIONS_GRAPH,
        [(actor_iri(k), KB.userAlias, Literal(name)) for k in _alias_owners(store, name)]
        # The name's own actor, merged into `old` before, is its own again.
        + [(actor_iri(new), KB.mergedInto, actor_iri(k)) for k in {user.merges.get(new)} if k],
    )
    store.add(CORRECTIONS_GRAPH, [(actor_iri(new), KB.userAlias, Literal(name))])
    if not _described(store, new):
        # Described once, as an ingest would mint it (kind guessed from the name); an
        # actor the store holds already keeps its one kind (the shapes allow one).
        store.add(CANONICAL_GRAPH, actor_triples(minted))
    store.update(_REWRITE, {"name": texts, "new": actor_iri(new)})
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
