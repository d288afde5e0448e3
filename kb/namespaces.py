"""Namespaces and IRI minting shared by the RDF mapping, the store and the queries."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/kb/"

KB = Namespace(BASE + "ns#")
KBT = Namespace(BASE + "event-type/")
KBID = Namespace(BASE + "id/")
KBG = Namespace(BASE + "graph/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")

#: Prefixes every query and export may use.
PREFIXES: dict[str, str] = {
    "kb": str(KB),
    "kbt": str(KBT),
    "kbid": str(KBID),
    "sem": str(SEM),
    "time": str(TIME),
    "wgs": str(WGS),
    "geo": str(GEO),
    "schema": str(SCHEMA),
    "nif": str(NIF),
    "gaf": str(GAF),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

#: Date precision <-> OWL-Time unit, and role name <-> role type.
UNIT = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
PRECISION_OF_UNIT = {str(v): k for k, v in UNIT.items()}
ROLE = {"agent": KB.agentRole, "target": KB.targetRole, "participant": KB.participantRole}
ROLE_OF = {str(v): k for k, v in ROLE.items()}

#: The graph of canonical actors and places.
CANONICAL_GRAPH = KBG["canonical"]
#: The graph of linked incidents (one sem:Event per real incident).
EVENTS_GRAPH = KBG["events"]
#: The graph of the user's corrections (aliases, merges, splits).
CORRECTIONS_GRAPH = KBG["corrections"]
#: The graph of the ontology, event types and actor registry, when loaded.
ONTOLOGY_GRAPH = KBG["ontology"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]")


def segment(value: str) -> str:
    """Make a string safe as one IRI path segment (percent-encoding the rest)."""
    return quote(value, safe="") if _UNSAFE.search(value) else value


def article_iri(article_id: str):
    """IRI of an article."""
    return KBID["article/" + segment(article_id)]


def article_graph(article_id: str):
    """IRI of the named graph holding one article's facts."""
    return KBG["article/" + segment(article_id)]


def actor_iri(key: str):
    """IRI of a canonical actor."""
    return KBID["actor/" + segment(key)]


def place_iri(place_id: str):
    """IRI of a gazetteer place: ``geonames:123`` becomes ``.../place/geonames/123``."""
    scheme, _, local = place_id.partition(":")
    return KBID["place/" + segment(scheme) + "/" + segment(local)]


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


def event_iri(key: str):
    """IRI of a linked incident."""
    return KBID["event/" + segment(key)]


def report_iri(article_id: str, n: int):
    """IRI of the n-th event report of an article."""
    return KBID["report/" + segment(article_id) + "/" + str(n)]


def mention_iri(article_id: str, start: int, end: int):
    """IRI of a text span of an article (its character offsets)."""
    return KBID["mention/" + segment(article_id) + "/" + f"{start}-{end}"]


def type_iri(key: str):
    """IRI of an event-type concept."""
    return KBT[key]
