"""Namespaces and IRI minting shared by the RDF mapping, the store and the queries.

The read path (timelines, ``kb related``, resolving names) works on IRIs as plain
strings and never imports rdflib, which costs a whole-process query about 80 ms of
start-up. The rdflib namespaces (``KB``, ``SEM``, ``RDF`` ...) and the graph IRIs are
therefore built on first use (:func:`__getattr__`); the ``*_ref`` functions mint IRIs
as strings, the ``*_iri`` functions as rdflib terms for the code that builds graphs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

if TYPE_CHECKING:
    from rdflib import URIRef

BASE = "https://w3id.org/kb/"
KB_NS = BASE + "ns#"
KBT_NS = BASE + "event-type/"
KBID_NS = BASE + "id/"
KBG_NS = BASE + "graph/"
TIME_NS = "http://www.w3.org/2006/time#"

#: Prefixes every query and export may use.
PREFIXES: dict[str, str] = {
    "kb": KB_NS,
    "kbt": KBT_NS,
    "kbid": KBID_NS,
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": TIME_NS,
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "schema": "https://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Date precision by OWL-Time unit IRI, and role name by role type IRI.
PRECISION_OF_UNIT = {TIME_NS + "unit" + u.title(): u for u in ("day", "month", "year")}
ROLE_OF = {KB_NS + r + "Role": r for r in ("agent", "target", "participant")}

#: Namespaces kb mints, by the name the code uses (rdflib ``Namespace`` on first use).
_NAMESPACES = {
    "KB": KB_NS,
    "KBT": KBT_NS,
    "KBID": KBID_NS,
    "KBG": KBG_NS,
    "SEM": PREFIXES["sem"],
    "TIME": TIME_NS,
    "WGS": PREFIXES["wgs"],
    "GEO": PREFIXES["geo"],
    "SCHEMA": PREFIXES["schema"],
    "NIF": PREFIXES["nif"],
    "GAF": PREFIXES["gaf"],
}
#: Named graphs kb writes: the canonical actors and places; the linked incidents (one
#: sem:Event per real incident); the user's corrections (aliases, merges, splits); the
#: ontology, event types and actor registry, when loaded.
_GRAPHS = {
    "CANONICAL_GRAPH": "canonical",
    "EVENTS_GRAPH": "events",
    "CORRECTIONS_GRAPH": "corrections",
    "ONTOLOGY_GRAPH": "ontology",
}
_STANDARD = ("OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD")


def __getattr__(name: str) -> Any:
    """The rdflib namespaces, graph IRIs and term maps, built when first asked for."""
    value: Any
    if name in _NAMESPACES:
        from rdflib import Namespace

        value = Namespace(_NAMESPACES[name])
    elif name in _GRAPHS:
        value = _uri(KBG_NS + _GRAPHS[name])
    elif name in _STANDARD:
        import rdflib.namespace

        value = getattr(rdflib.namespace, name)
    elif name == "UNIT":
        value = {u: _uri(iri) for iri, u in PRECISION_OF_UNIT.items()}
    elif name == "ROLE":
        value = {r: _uri(iri) for iri, r in ROLE_OF.items()}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


_URIRef: Any = None


def _uri(value: str) -> URIRef:
    # The minting functions run once per triple on the write paths: look rdflib up once.
    global _URIRef
    if _URIRef is None:
        from rdflib import URIRef

        _URIRef = URIRef
    return _URIRef(value)


_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]")


def segment(value: str) -> str:
    """Make a string safe as one IRI path segment (percent-encoding the rest)."""
    return quote(value, safe="") if _UNSAFE.search(value) else value


def article_iri(article_id: str) -> URIRef:
    """IRI of an article."""
    return _uri(KBID_NS + "article/" + segment(article_id))


def article_graph(article_id: str) -> URIRef:
    """IRI of the named graph holding one article's facts."""
    return _uri(KBG_NS + "article/" + segment(article_id))


def actor_ref(key: str) -> str:
    """IRI of a canonical actor, as a string."""
    return KBID_NS + "actor/" + segment(key)


def actor_iri(key: str) -> URIRef:
    """IRI of a canonical actor."""
    return _uri(actor_ref(key))


def place_ref(place_id: str) -> str:
    """IRI of a gazetteer place as a string: ``geonames:123`` is ``.../place/geonames/123``."""
    scheme, _, local = place_id.partition(":")
    return KBID_NS + "place/" + segment(scheme) + "/" + segment(local)


def place_iri(place_id: str) -> URIRef:
    """IRI of a gazetteer place (see :func:`place_ref`)."""
    return _uri(place_ref(place_id))


def _unquote(text: str) -> str:
    # Most segments have no escapes; unquote costs microseconds per call on long lists.
    return unquote(text) if "%" in text else text


def place_id_from_iri(iri: str) -> str:
    """Inverse of :func:`place_iri`."""
    tail = iri.rsplit("/place/", 1)[-1]
    scheme, _, local = tail.partition("/")
    return _unquote(scheme) + ":" + _unquote(local)


def key_from_iri(iri: str) -> str:
    """The last path segment of a kb IRI (an actor, event or article key)."""
    return _unquote(str(iri).rstrip("/").rsplit("/", 1)[-1])


def event_ref(key: str) -> str:
    """IRI of a linked incident, as a string."""
    return KBID_NS + "event/" + segment(key)


def event_iri(key: str) -> URIRef:
    """IRI of a linked incident."""
    return _uri(event_ref(key))


def report_iri(article_id: str, n: int) -> URIRef:
    """IRI of the n-th event report of an article."""
    return _uri(KBID_NS + "report/" + segment(article_id) + "/" + str(n))


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """IRI of a text span of an article (its character offsets)."""
    return _uri(KBID_NS + "mention/" + segment(article_id) + "/" + f"{start}-{end}")


def type_ref(key: str) -> str:
    """IRI of an event-type concept, as a string."""
    return KBT_NS + key


def type_iri(key: str) -> URIRef:
    """IRI of an event-type concept."""
    return _uri(type_ref(key))
