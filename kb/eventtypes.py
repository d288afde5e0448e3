"""kb's event types: the SKOS scheme in ``ontology/event-types.ttl``, read once and cached.

The scheme is a small tree (ten top concepts, narrower ones under them) mapped to CAMEO
codes and ACLED event/sub-event types with ``skos:exactMatch``/``skos:closeMatch``. This
module answers the questions the extractor, linker and importers ask of it, without an
RDF store: a type's label and lineage, and which kb type a CAMEO code or ACLED label is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kb.errors import UsageError
from kb.resources import ontology_file

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_KBT = "https://w3id.org/kb/event-type/"
_CAMEO = "https://w3id.org/kb/cameo/"
_ACLED = "https://w3id.org/kb/acled/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: The key every lookup falls back to when nothing matches.
OTHER = "other"


@dataclass(frozen=True)
class EventType:
    """One concept of the kb event-type scheme.

    Attributes:
        key: the concept's ``skos:notation`` (also the last segment of its IRI).
        label: its English ``skos:prefLabel``.
        broader: the key of its broader concept, None for a top concept.
        definition: its ``skos:definition``.
        cameo: CAMEO codes it matches (exact matches first, then close matches).
        acled: ACLED event or sub-event type labels it matches (same order).
    """

    key: str
    label: str
    broader: str | None
    definition: str
    cameo: tuple[str, ...]
    acled: tuple[str, ...]


@dataclass(frozen=True)
class _Scheme:
    types: dict[str, EventType]
    cameo: dict[str, str]  # CAMEO code -> kb key
    acled_types: dict[str, str]  # normalised ACLED event type label -> kb key
    acled_subtypes: dict[str, str]  # normalised ACLED sub-event type label -> kb key


def _norm(label: str) -> str:
    # ACLED exports differ in case and spacing between versions and tools.
    return " ".join(label.split()).casefold()


@cache
def _scheme() -> _Scheme:
    import pyoxigraph
    from pyoxigraph import RdfFormat

    path = ontology_file("event-types.ttl")
    # subject IRI -> predicate local name -> values (in file order)
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    langs: dict[tuple[str, str], str] = {}
    for triple in pyoxigraph.parse(path=str(path), format=RdfFormat.TURTLE):
        s, p, o = triple.subject, triple.predicate.value, triple.object
        if not isinstance(s, pyoxigraph.NamedNode):
            continue
        if p.startswith(_SKOS):
            name = p[len(_SKOS) :]
        elif p == _RDF_TYPE:
            name = "type"
        else:
            continue
        props[s.value][name].append(o.value)
        if isinstance(o, pyoxigraph.Literal) and o.language:
            langs[(s.value, o.value)] = o.language

    def first(iri: str, name: str, default: str = "") -> str:
        values = props[iri][name]
        english = [v for v in values if langs.get((iri, v), "en").startswith("en")]
        return (english or values or [default])[0]

    def notation(iri: str) -> str:
        return first(iri, "notation") or iri.rsplit("/", 1)[-1]

    types: dict[str, EventType] = {}
    cameo: dict[str, str] = {}
    acled_types: dict[str, str] = {}
    acled_subtypes: dict[str, str] = {}
    for iri, p in props.items():
        if not iri.startswith(_KBT) or _KBT not in p["inScheme"]:
            continue
        key = notation(iri)
        broader = p["broader"][0] if p["broader"] else None
        matches = p["exactMatch"] + p["closeMatch"]
        codes = tuple(notation(m) for m in matches if m.startswith(_CAMEO))
        acled = tuple(notation(m) for m in matches if m.startswith(_ACLED))
        types[key] = EventType(
            key=key,
            label=first(iri, "prefLabel", key),
            broader=notation(broader) if broader else None,
            definition=first(iri, "definition"),
            cameo=codes,
            acled=acled,
        )
        for code in codes:
            cameo.setdefault(code, key)
        for m in matches:
            if not m.startswith(_ACLED):
                continue
            # ACLED event types are the top concepts of their scheme, sub-event types not.
            index = acled_types if props[m]["topConceptOf"] else acled_subtypes
            for name in (notation(m), *props[m]["prefLabel"], *props[m]["hiddenLabel"]):
                index.setdefault(_norm(name), key)
    return _Scheme(types, cameo, acled_types, acled_subtypes)


def event_types() -> dict[str, EventType]:
    """Every kb event type by key, top concepts and narrower ones alike."""
    return _scheme().types


def _get(key: str) -> EventType:
    types = _scheme().types
    # Accept the concept IRI or a kbt: CURIE too: queries and exports hand those around.
    bare = key.removeprefix(_KBT).removeprefix("kbt:")
    if bare not in types:
        valid = ", ".join(sorted(types))
        raise UsageError(f"unknown event type {key!r}; use one of: {valid}")
    return types[bare]


def lineage(key: str) -> list[str]:
    """The key followed by its broader concepts up to the top: ``[key, broader, ...]``.

    Raises:
        UsageError: `key` is not an event type of the scheme (the message lists them).
    """
    chain = [_get(key).key]
    while (broader := _scheme().types[chain[-1]].broader) is not None:
        if broader in chain:  # a cycle would be a broken scheme, not the user's fault
            raise RuntimeError(f"event-types.ttl has a skos:broader cycle at {broader!r}")
        chain.append(broader)
    return chain


def top_key(key: str) -> str:
    """The top concept `key` falls under (itself for a top concept)."""
    return lineage(key)[-1]


def narrower_keys(key: str) -> list[str]:
    """`key` and every concept below it, for filters like "all attacks" (bombings too)."""
    root = _get(key).key
    return [k for k in _scheme().types if root in lineage(k)]


def label(key: str) -> str:
    """The English label of an event type (``air_or_drone_strike`` -> "air or drone strike")."""
    return _get(key).label


def from_cameo(code: str) -> str:
    """The kb type of a CAMEO event code, by longest mapped prefix; ``other`` when none.

    ``"1831"`` maps to suicide bombing; ``"1951"`` has no mapping of its own, so its
    prefix ``"195"`` decides. Leading zeros matter (``"043"`` is not ``"43"``).
    """
    code = code.strip()
    if not code.isdigit():
        return OTHER
    mapping = _scheme().cameo
    for n in range(len(code), 1, -1):
        if code[:n] in mapping:
            return mapping[code[:n]]
    return OTHER


def from_acled(event_type: str, sub_event_type: str | None = None) -> str:
    """The kb type of an ACLED event: by sub-event type first, then event type; else ``other``.

    Labels are matched ignoring case and spacing; the pre-2019 labels ACLED used
    ("Remote violence", "Battle-No change of territory") are understood too.
    """
    scheme = _scheme()
    if sub_event_type and (key := scheme.acled_subtypes.get(_norm(sub_event_type))):
        return key
    if event_type and (key := scheme.acled_types.get(_norm(event_type))):
        return key
    return OTHER
