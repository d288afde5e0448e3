"""Check RDF against kb's SHACL shapes (``ontology/shapes.ttl``) and report in plain words.

The union of all graphs is validated with pySHACL, without inference (the shapes say
exactly what kb writes, so entailments would only slow it down and blur the messages).
The event-type scheme is added to the data so ``sem:eventType`` values can be checked
against it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kb.namespaces import PREFIXES
from kb.resources import ontology_file

if TYPE_CHECKING:
    from rdflib import Dataset

    from kb.store.base import Store

_SHAPES_NS = "https://w3id.org/kb/shapes#"
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass
class Violation:
    """One SHACL validation result.

    Attributes:
        focus: IRI (or blank node id) of the node that fails.
        shape: the label of the node shape it fails ("Place", "Event report").
        path: the property concerned as a prefixed name (``wgs:lat``), None for a
            constraint on the node as a whole.
        message: what is wrong, in words.
        severity: ``Violation``, ``Warning`` or ``Info``.
        value: the offending value, when there is one.
        shape_iri: the IRI of the node shape (``kbsh:PlaceShape``).
    """

    focus: str
    shape: str
    path: str | None
    message: str
    severity: str
    value: str | None
    shape_iri: str = ""


@dataclass
class ValidationReport:
    """The outcome of validating a graph or a store against the shapes."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    checked_triples: int = 0

    def text(self) -> str:
        """A readable report: a verdict line, then one block per result, then a summary."""
        errors = sum(1 for v in self.violations if v.severity == "Violation")
        if not self.violations:
            return f"Conforms: {self.checked_triples} triples checked, no violations.\n"
        verdict = "Conforms" if self.conforms else "Does not conform"
        others = len(self.violations) - errors
        head = f"{verdict}: {self.checked_triples} triples checked, {errors} violation(s)"
        head += f", {others} warning(s)/info.\n" if others else ".\n"
        blocks = [head]
        for v in self.violations:
            lines = [f"[{v.severity}] {v.focus}"]
            shape = f"{v.shape} ({v.shape_iri})" if v.shape_iri else v.shape
            lines.append(f"  shape:   {shape}")
            if v.path:
                lines.append(f"  path:    {v.path}")
            if v.value is not None:
                lines.append(f"  value:   {v.value}")
            lines.append(f"  message: {v.message}")
            blocks.append("\n".join(lines) + "\n")
        if len(self.violations) > 1:
            counts = Counter((v.shape, v.path or "-") for v in self.violations)
            summary = ["Summary by shape and path:"]
            for (shape, path), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                summary.append(f"  {n:6d}  {shape} / {path}")
            blocks.append("\n".join(summary) + "\n")
        return "\n".join(blocks)


@cache
def _shapes() -> Graph:
    g = Graph()
    g.parse(ontology_file("shapes.ttl"), format="turtle")
    return g


@dataclass(frozen=True)
class _SparqlCheck:
    """One SPARQL-based constraint, run once over the whole graph instead of per node."""

    shape: Node
    query: str
    message: str
    severity: str


@cache
def _split_shapes() -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes without their SPARQL constraints, and those constraints as bulk checks.

    pySHACL runs a SPARQL constraint once per focus node and parses the query each
    time (about 20 ms), which makes a store of a few thousand events take minutes. The
    same query without the ``$this`` pre-binding, joined with the shape's targets, finds
    every failing node in one pass and gives the same results.
    """
    shapes = _shapes()
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    checks: list[_SparqlCheck] = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        targets = tuple(sorted(shapes.objects(shape, SH.targetClass)))
        others = [SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf]
        if not targets or any((shape, t, None) in shapes for t in others):
            # Only class targets are rewritten; hand anything else to pySHACL as written.
            core.add((shape, SH.sparql, constraint))
            continue
        prologue = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for ont in shapes.objects(constraint, SH.prefixes)
            for d in shapes.objects(ont, SH.declare)
        )
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        union = " UNION ".join(
            f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{cls}> }}" for cls in targets
        )
        query = f"{prologue}SELECT DISTINCT * WHERE {{ {union} {{ {select} }} }}"
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity)
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        checks.append(
            _SparqlCheck(
                shape=shape,
                query=query,
                message=str(message or "SPARQL constraint not met."),
                severity=str(severity or SH.Violation).rsplit("#", 1)[-1],
            )
        )
    checks.sort(key=lambda c: (str(c.shape), c.query))
    _hoist_property_shapes(core)
    return core, tuple(checks)


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _hoist_property_shapes(shapes: Graph) -> None:
    """Give each property shape its node shape's targets instead of nesting it.

    Same results (the focus nodes and the source shape do not change), but pySHACL
    evaluates a targeted property shape once for all focus nodes, while a nested one is
    set up again for every focus node, which is about five times slower.
    """
    for node_shape, prop in list(shapes.subject_objects(SH.property)):
        owners = set(shapes.subjects(SH.property, prop))
        targets = [(t, o) for t in _TARGETS for o in shapes.objects(node_shape, t)]
        if len(owners) != 1 or not targets:
            continue
        shapes.remove((node_shape, SH.property, prop))
        shapes.add((prop, RDF.type, SH.PropertyShape))
        for t, o in targets:
            shapes.add((prop, t, o))


@cache
def _vocabulary() -> tuple[tuple[Node, Node, Node], ...]:
    # The event-type scheme: sem:eventType values must be concepts of it.
    g = Graph()
    g.parse(ontology_file("event-types.ttl"), format="turtle")
    return tuple(g)


@cache
def _shape_labels() -> dict[Node, tuple[str, str]]:
    """Every shape (property shapes too) -> (label of its node shape, compact IRI)."""
    shapes = _shapes()
    out: dict[Node, tuple[str, str]] = {}
    for node_shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        label = shapes.value(node_shape, RDFS.label) or _compact(node_shape)
        entry = (str(label), _compact(node_shape))
        out[node_shape] = entry
        for prop in shapes.objects(node_shape, SH.property):
            out[prop] = entry
        for constraint in shapes.objects(node_shape, SH.sparql):
            out[constraint] = entry
    return out


def _compact(term: Node) -> str:
    if isinstance(term, BNode):
        return "_:" + str(term)
    text = str(term)
    if text.startswith(_SHAPES_NS):
        return "kbsh:" + text[len(_SHAPES_NS) :]
    # Longest namespace first: kb: must not swallow kbid: IRIs.
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return text


def _path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _compact(path)
    # A sequence path is an RDF list; other complex paths are shown by their node.
    items = list(results.items(path)) if (path, RDF.first, None) in results else []
    return "/".join(_compact(i) for i in items) if items else _compact(path)


def _value_text(value: Node | None) -> str | None:
    """A value as the report shows it: literals by their text, IRIs in full."""
    if value is None:
        return None
    if isinstance(value, Literal | URIRef):
        return str(value)
    return _compact(value)


def _normalise(term: Node) -> Node:
    # "x"^^xsd:string and "x" are the same RDF 1.1 term, but rdflib compares them as
    # different, which would break sh:in on strings written either way.
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _fill(message: str, row: dict[str, Node | None]) -> str:
    """Substitute ``{?var}`` / ``{$var}`` in a SPARQL constraint's message."""
    for name, term in row.items():
        # IRIs are compacted here: a message should stay one readable line.
        if term is None:
            text = ""
        elif isinstance(term, Literal):
            text = str(term)
        else:
            text = _compact(term)
        message = message.replace("{?" + name + "}", text).replace("{$" + name + "}", text)
    return message


def _run_sparql_checks(data: Graph) -> list[Violation]:
    checks = _split_shapes()[1]
    if not checks:
        return []
    import pyoxigraph as ox

    from kb.store.oxterms import from_ox, to_ox

    # Oxigraph answers these whole-graph queries far faster than rdflib's engine.
    engine = ox.Store()
    default = ox.DefaultGraph()
    engine.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in data)
    labels = _shape_labels()
    out: list[Violation] = []
    for check in checks:
        shape_label, shape_iri = labels[check.shape]
        solutions = engine.query(check.query)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {name: from_ox(solution[name]) for name in names}
            focus = row.get("this")
            value = row.get("value")
            path = row.get("path")
            out.append(
                Violation(
                    focus=str(focus),
                    shape=shape_label,
                    path=_compact(path) if path is not None else None,
                    message=_fill(check.message, row),
                    severity=check.severity,
                    value=_value_text(value) if value != focus else None,
                    shape_iri=shape_iri,
                )
            )
    return out


def _validate(triples: Iterable[tuple[Node, Node, Node]]) -> ValidationReport:
    import pyshacl

    data = Graph()
    for s, p, o in triples:
        data.add((s, p, _normalise(o)))
    checked = len(data)
    for triple in _vocabulary():
        data.add(triple)
    core_shapes, _checks = _split_shapes()
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=core_shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        inplace=True,  # `data` is our own copy
    )
    labels = _shape_labels()
    violations = _run_sparql_checks(data)
    # Only the report's own results: those nested under sh:detail repeat an outer
    # result in less readable words.
    top = {
        r
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)
    }
    for result in top:
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        source = results.value(result, SH.sourceShape)
        shape_label, shape_iri = labels.get(source, (_compact(source), _compact(source)))
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        violations.append(
            Violation(
                focus=str(focus),
                shape=shape_label,
                path=_path_text(results, results.value(result, SH.resultPath)),
                message=messages[0] if messages else "Constraint not met.",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                # A node-level constraint reports the focus node as its value: say it once.
                value=_value_text(value) if value != focus else None,
                shape_iri=shape_iri,
            )
        )
    violations.sort(
        key=lambda v: (
            _SEVERITY_ORDER.get(v.severity, 3),
            v.focus,
            v.shape,
            v.path or "",
            v.message,
            v.value or "",
        )
    )
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations, checked_triples=checked)


def validate_graph(data: Graph | Dataset) -> ValidationReport:
    """Validate a graph, or the union of a dataset's graphs, against ``shapes.ttl``.

    The input is not changed. Warnings and infos are reported but do not make the data
    non-conforming; violations do.
    """
    if hasattr(data, "quads"):  # a Dataset: every graph, the default one included
        return _validate((s, p, o) for s, p, o, _g in data.quads((None, None, None, None)))
    return _validate(data.triples((None, None, None)))


def validate_store(store: Store) -> ValidationReport:
    """Validate the union of every named graph in a store against ``shapes.ttl``.

    Raises:
        StoreError: the store cannot be read.
    """
    return _validate((s, p, o) for s, p, o, _g in store.quads())
