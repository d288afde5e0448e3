"""The store interface: one contract, implemented by an embedded and a remote backend."""

from __future__ import annotations

import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, ClassVar

import pyoxigraph as ox

# rdflib is imported where terms are built or parsed, never on the read path of a
# timeline or `kb related` (it costs a whole process about 80 ms to import).
if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    Triple = tuple[Node, Node, Node]
    Quad = tuple[Node, Node, Node, Node]
else:
    Triple = Quad = tuple

#: RDF formats kb reads and writes, by short name -> (rdflib format, is a dataset format).
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    "ttl": ("turtle", False),
    "nt": ("nt", False),
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", True),
    "xml": ("xml", False),
}


@dataclass
class SelectResult:
    """The answer to a SELECT query: variable names and rows of rdflib terms."""

    vars: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, var: str) -> list[Node | None]:
        """All values of one variable, in row order."""
        return [row.get(var) for row in self.rows]


if TYPE_CHECKING:
    QueryResult = SelectResult | bool | Graph
    #: A term of a quad pattern: a pyoxigraph or rdflib term, or None for any.
    PatternTerm = ox.NamedNode | ox.Literal | ox.BlankNode | Node | None
else:
    QueryResult = PatternTerm = object

#: Quads per ``DELETE DATA`` request of :meth:`Store.remove_quads` on a remote store.
REMOVE_BATCH = 20_000


def delete_data(quads: Iterable[ox.Quad]) -> str:
    """One SPARQL ``DELETE DATA`` update removing these quads (named graphs only).

    pyoxigraph prints its terms as N-Triples, escapes included, so any literal is safe
    in the update text.
    """
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(ts) + "\n}" for g, ts in by_graph.items())
    return "DELETE DATA {\n" + body + "\n}"


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b(?=\s*(DATA|WHERE|\{|GRAPH|SILENT|"
    r"ALL|DEFAULT|NAMED|<|\w+:))",
    re.IGNORECASE,
)


def scan_sparql(text: str) -> list[tuple[int, str]]:
    """Split SPARQL text into (offset, token) pairs for keywords and braces.

    IRIs, strings and comments are skipped, so a ``{`` or a keyword inside them
    never counts. Only what query-form detection and VALUES placement need is kept.
    """
    tokens: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            i += re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]).end()  # type: ignore[union-attr]
        elif c in "\"'":
            triple = text[i : i + 3]
            if triple in ('"""', "'''"):
                j = text.find(triple, i + 3)
                i = n if j < 0 else j + 3
            else:
                j = i + 1
                while j < n and text[j] != c:
                    j += 2 if text[j] == "\\" else 1
                i = j + 1
        elif c in "{}":
            tokens.append((i, c))
            i += 1
        elif c.isalpha():
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:])
            word = m.group(0) if m else c
            tokens.append((i, word.upper()))
            i += len(word)
        else:
            i += 1
    return tokens


def query_form(text: str) -> str:
    """Return SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE for a SPARQL text."""
    for _, tok in scan_sparql(text):
        if tok in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok
        if tok in (
            "INSERT",
            "DELETE",
            "LOAD",
            "CLEAR",
            "CREATE",
            "DROP",
            "COPY",
            "MOVE",
            "ADD",
            "WITH",
        ):
            return "UPDATE"
    return "UNKNOWN"


def where_brace(text: str) -> int:
    """Offset just after the ``{`` that opens the top-level WHERE group."""
    tokens = scan_sparql(text)
    form = next((t for _, t in tokens if t in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    for k, (_pos, tok) in enumerate(tokens):
        if tok == "WHERE" and k + 1 < len(tokens) and tokens[k + 1][1] == "{":
            return tokens[k + 1][0] + 1
    if form in ("SELECT", "ASK"):
        for pos, tok in tokens:
            if tok == "{":
                return pos + 1
    raise ValueError("query has no WHERE group to bind parameters in")


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind parameters by VALUES blocks opening the query's top-level WHERE group.

    A value may be one RDF term or a list of terms (the variable then ranges over
    them). Values are serialised as RDF terms (N-Triples escaping), so a hostile
    name stays a literal: it can never become query text.
    """
    blocks: list[str] = []
    for name, value in bindings.items():
        if value is None:
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            from kb.errors import QueryError

            raise QueryError(f"invalid parameter name {name!r}")
        terms = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        blocks.append(f"VALUES ?{name} {{ " + " ".join(_term_text(t) for t in terms) + " }")
    if not blocks:
        return sparql
    at = where_brace(sparql)
    return sparql[:at] + " " + " ".join(blocks) + " " + sparql[at:]


def _term_text(term: Any) -> str:
    """An IRI or literal (pyoxigraph's or rdflib's) in N-Triples syntax."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)  # pyoxigraph writes terms as N-Triples, escaping included
    rdf = sys.modules.get("rdflib.term")  # an rdflib term implies rdflib is loaded
    if rdf is not None and isinstance(term, rdf.URIRef | rdf.Literal):
        return term.n3()
    from kb.errors import QueryError

    raise QueryError("only IRIs and literals can be bound as query parameters")


class Store(ABC):
    """An RDF dataset kb reads and writes: every backend passes the same contract tests."""

    #: Where the store lives (a directory or a URL), for messages.
    location: str

    #: True when :meth:`quads_for_pattern` reads an index inside this process, so one
    #: call per subject is cheap (the embedded store); False when every call is a
    #: request to a server, and a caller with many subjects should batch them in one
    #: SPARQL query instead.
    local_patterns: ClassVar[bool] = False

    # --- reading -----------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query over the union of all graphs.

        Args:
            sparql: the query text (a file from ``queries/`` or the user's).
            bindings: variable name -> RDF term; bound as values, never spliced as text.

        Raises:
            QueryError: the query is malformed or failed.
            StoreError: the store cannot be read.
        """

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> SelectResult:
        """Run a SELECT query and return its rows."""
        result = self.query(sparql, bindings)
        if not isinstance(result, SelectResult):
            from kb.errors import QueryError

            raise QueryError("expected a SELECT query")
        return result

    def select_values(
        self, sparql: str, bindings: Mapping[str, Any] | None = None
    ) -> list[dict[str, str | None]]:
        """Run a SELECT query and return each value as plain text (IRI or lexical form).

        The fast path for reports that only need text and numbers: no RDF term objects
        are built (the embedded backend reads the engine's values directly).
        """
        return [
            {k: (None if v is None else str(v)) for k, v in row.items()}
            for row in self.select(sparql, bindings).rows
        ]

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """IRIs of the named graphs in the store."""

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterable[Quad]:
        """Every quad of one named graph, or of the whole store."""

    def quads_for_pattern(
        self,
        subject: PatternTerm = None,
        predicate: PatternTerm = None,
        object: PatternTerm = None,  # noqa: A002 - the RDF name, as in pyoxigraph
        graph: PatternTerm = None,
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern, as pyoxigraph quads (None matches anything).

        The importers' read path: pyoxigraph terms cost a tenth of rdflib's, and the
        embedded store hands out its own without converting. Terms may be pyoxigraph or
        rdflib IRIs and literals. Only named graphs are searched here (kb writes nothing
        to the default graph); the embedded store also matches its default graph.

        Args:
            subject: the subject to match, or None.
            predicate: the predicate to match, or None.
            object: the object to match, or None.
            graph: the named graph to match, or None for every graph.

        Raises:
            QueryError: a blank node was given (it cannot be named in a remote query).
            StoreError: the store cannot be read.
        """
        from kb.store.oxterms import to_ox

        pattern = {"s": subject, "p": predicate, "o": object, "g": graph}
        bound = {k: to_ox(v) for k, v in pattern.items() if v is not None}
        if any(isinstance(v, ox.BlankNode) for v in bound.values()):
            from kb.errors import QueryError

            raise QueryError("a blank node cannot be matched in a query; name it by its IRI")
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", bound)
        for row in rows:
            yield ox.Quad(
                *(bound[k] if k in bound else to_ox(row[k]) for k in ("s", "p", "o", "g"))
            )

    def remove_quads(self, quads: Iterable[ox.Quad]) -> int:
        """Remove exactly these quads (absent ones are ignored); return how many were given.

        The embedded store removes them in one transaction; this default sends one
        ``DELETE DATA`` request per batch of :data:`REMOVE_BATCH` quads (each batch is
        atomic on the server). Quads of the default graph are not removed.

        Raises:
            StoreError: the store is read-only or cannot be written.
        """
        n = 0
        chunk: list[ox.Quad] = []
        for q in quads:
            chunk.append(q)
            n += 1
            if len(chunk) >= REMOVE_BATCH:
                self.update(delete_data(chunk))
                chunk = []
        if chunk:
            self.update(delete_data(chunk))
        return n

    def triple_count(self) -> int:
        """Number of quads in the store."""
        res = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"]) if res.rows else 0  # type: ignore[arg-type]

    # --- writing -----------------------------------------------------------------
    @abstractmethod
    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL 1.1 Update (the user's own ``kb sparql --update``)."""

    @abstractmethod
    def replace_graphs(
        self,
        graphs: Mapping[URIRef, Iterable[Triple]],
        drop: Iterable[URIRef] = (),
        additions: Mapping[URIRef, Iterable[Triple]] | None = None,
    ) -> None:
        """Replace whole named graphs, drop others and add to shared ones, as one write.

        Each graph in `graphs` ends up holding exactly the given triples; each in
        `drop` ends up absent; `additions` are added to graphs that keep their
        other triples (the canonical graph). The embedded backend does all of it
        in one transaction; a remote one in one request per batch.
        """

    @abstractmethod
    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Add triples to a named graph."""

    @abstractmethod
    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Remove triples from a named graph."""

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast (bulk import); not atomic on every backend."""
        by_graph: dict[Node, list[Triple]] = {}
        for s, p, o, g in quads:
            by_graph.setdefault(g, []).append((s, p, o))
        for g, triples in by_graph.items():
            self.add(g, triples)  # type: ignore[arg-type]

    @abstractmethod
    def load(self, source: IO[bytes], fmt: str, graph: URIRef | None = None) -> int:
        """Load RDF from a stream; triples go to `graph` (datasets keep their graphs).

        Returns:
            The number of quads read.
        """

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write the whole store in an RDF format (dataset formats keep graphs)."""
        from rdflib import Dataset

        rdflib_fmt, is_dataset = RDF_FORMATS[fmt]
        ds = Dataset()
        if is_dataset:
            for s, p, o, g in self.quads():
                ds.graph(g).add((s, p, o))  # type: ignore[arg-type]
            from kb.namespaces import PREFIXES

            for prefix, ns in PREFIXES.items():
                ds.bind(prefix, ns)
            out.write(ds.serialize(format=rdflib_fmt).encode("utf-8"))
        else:
            from rdflib import Graph

            from kb.namespaces import PREFIXES

            g = Graph()

            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns)
            for s, p, o, _ in self.quads():
                g.add((s, p, o))
            out.write(g.serialize(format=rdflib_fmt).encode("utf-8"))

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (locks, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
