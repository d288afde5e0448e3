"""Conversion between rdflib terms (kb's model) and pyoxigraph terms (the embedded engine).

The ingest hot path builds pyoxigraph terms directly (:class:`OxNamespace`, :func:`iri`,
:func:`lit`): they cost a tenth of rdflib's and the embedded store takes them as they are
(:func:`to_ox` passes them through). :func:`to_rdflib` turns such triples into rdflib ones
for every other consumer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib.term import Node

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_nn_cache: dict[str, ox.NamedNode] = {}
_OX_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)

#: A triple of pyoxigraph terms.
OxTriple = tuple[
    ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal
]


def iri(value: str) -> ox.NamedNode:
    """A pyoxigraph IRI, built once for IRIs that recur (places, actors, types)."""
    node = _nn_cache.get(value)
    if node is None:
        node = ox.NamedNode(value)
        if len(_nn_cache) < 100_000:
            _nn_cache[value] = node
    return node


class OxNamespace:
    """The pyoxigraph IRIs of one vocabulary: ``KBO.typeKey``, ``KBO["killed"]``.

    Each name is built on first use and kept as an attribute, so later look-ups are
    plain attribute reads.
    """

    def __init__(self, base: str) -> None:
        self._base = str(base)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        self.__dict__[name] = node
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self.__dict__.get(name)
        return node if node is not None else self.__getattr__(name)


#: Datatypes kb writes.
XSD_DATE = ox.NamedNode(_XSD + "date")
XSD_BOOLEAN = ox.NamedNode(_XSD + "boolean")
XSD_INTEGER = ox.NamedNode(_XSD + "integer")
XSD_NON_NEGATIVE_INTEGER = ox.NamedNode(_XSD + "nonNegativeInteger")
XSD_DECIMAL = ox.NamedNode(_XSD + "decimal")
XSD_ANY_URI = ox.NamedNode(_XSD + "anyURI")
TRUE = ox.Literal("true", datatype=XSD_BOOLEAN)
FALSE = ox.Literal("false", datatype=XSD_BOOLEAN)


def lit(value: str) -> ox.Literal:
    """A plain string literal."""
    return ox.Literal(value)


def date_lit(value) -> ox.Literal:
    """An ``xsd:date`` literal of a date (or of an ISO date string)."""
    return ox.Literal(value if isinstance(value, str) else value.isoformat(), datatype=XSD_DATE)


def int_lit(value: int, datatype: ox.NamedNode = XSD_INTEGER) -> ox.Literal:
    """An integer literal (``xsd:integer`` unless told)."""
    return ox.Literal(str(int(value)), datatype=datatype)


def bool_lit(value: bool) -> ox.Literal:
    """An ``xsd:boolean`` literal."""
    return TRUE if value else FALSE


_rdflib_module: Any = None


def _rdflib() -> Any:
    # rdflib only when an rdflib term has to be read or built: reading a timeline
    # never needs it, and importing it costs a whole process about 80 ms.
    global _rdflib_module
    if _rdflib_module is None:
        import rdflib

        _rdflib_module = rdflib
    return _rdflib_module


def to_ox(term):
    """An rdflib term as a pyoxigraph term (pyoxigraph terms pass through)."""
    if isinstance(term, _OX_TERMS):
        return term
    rdflib = _rdflib()
    URIRef, Literal, BNode = rdflib.URIRef, rdflib.Literal, rdflib.BNode  # noqa: N806
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=to_ox(term.datatype))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store {term!r} as an RDF term")


def from_ox(term) -> Node | None:
    """A pyoxigraph term as an rdflib term (None stays None, rdflib terms pass through)."""
    if term is None:
        return None
    rdflib = _rdflib()
    URIRef, Literal, BNode = rdflib.URIRef, rdflib.Literal, rdflib.BNode  # noqa: N806
    if isinstance(term, rdflib.term.Node):
        return term
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in (_XSD_STRING, _RDF_LANG):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


def to_rdflib(triples) -> list[tuple[Node, Node, Node]]:
    """Triples of pyoxigraph terms as triples of rdflib terms."""
    return [(from_ox(s), from_ox(p), from_ox(o)) for s, p, o in triples]  # type: ignore[misc]
