"""The remote backend: any SPARQL 1.1 endpoint, spoken to through SPARQLWrapper.

Endpoint URLs: ``--store URL`` names the query endpoint. The update endpoint is
derived for the common servers and can be set with ``KB_UPDATE_URL``:

==================  ==================================  ===================================
server              --store URL                         update endpoint (derived)
==================  ==================================  ===================================
Oxigraph server     http://host:7878/query              http://host:7878/update
Oxigraph (root)     http://host:7878                    http://host:7878/update
Apache Jena Fuseki  http://host:3030/DATASET/query      http://host:3030/DATASET/update
                    http://host:3030/DATASET/sparql     http://host:3030/DATASET/update
GraphDB             http://host:7200/repositories/REPO  .../repositories/REPO/statements
Virtuoso            http://host:8890/sparql             the same URL (SPARQL_UPDATE role)
==================  ==================================  ===================================

kb reads the union of all named graphs as the default graph. Start Oxigraph with
``oxigraph serve --union-default-graph``; in Fuseki set ``tdb2:unionDefaultGraph true``;
GraphDB and Virtuoso query the union by default.

Authentication comes from the environment and is never printed: ``KB_STORE_TOKEN``
(bearer token) or ``KB_STORE_USER`` and ``KB_STORE_PASSWORD`` (HTTP basic).
"""

from __future__ import annotations

import base64
import http.client
import os
import time
import urllib.error
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kb.errors import EndpointError, QueryError
from kb.namespaces import PREFIXES
from kb.store.base import (
    RDF_FORMATS,
    Quad,
    QueryResult,
    SelectResult,
    Store,
    Triple,
    bind_values,
    query_form,
)

T = TypeVar("T")

#: Triples per SPARQL update request when writing in batches.
BATCH_TRIPLES = 20_000
RETRIES = 4
BACKOFF = 0.5


def derive_update_url(url: str) -> str:
    """The update endpoint of a server, from its query endpoint URL."""
    env = os.environ.get("KB_UPDATE_URL")
    if env:
        return env
    base = url.rstrip("/")
    for tail in ("/query", "/sparql"):
        if base.endswith(tail) and "/repositories/" not in base and ":8890" not in base:
            return base[: -len(tail)] + "/update"
    if "/repositories/" in base:
        return base + "/statements"
    if base.endswith("/sparql"):
        return base
    return base + "/update"


def derive_query_url(url: str) -> str:
    """The query endpoint for a URL that may name a server's root."""
    base = url.rstrip("/")
    if base.endswith(("/query", "/sparql")) or "/repositories/" in base:
        return base
    return base + "/query"


def _prefix_block() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint (query + update), written to in batches with retries."""

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.username or parts.password:
            raise EndpointError(
                "the --store URL must not carry a user name or password; set KB_STORE_USER and "
                "KB_STORE_PASSWORD (or KB_STORE_TOKEN) instead"
            )
        self.location = url
        self.query_url = derive_query_url(url)
        self.update_url = derive_update_url(self.query_url)
        self.timeout = timeout

    # --- HTTP ----------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": "kb"}
        token = os.environ.get("KB_STORE_TOKEN")
        user = os.environ.get("KB_STORE_USER")
        if token:
            headers["Authorization"] = "Bearer " + token
        elif user:
            raw = f"{user}:{os.environ.get('KB_STORE_PASSWORD', '')}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(raw).decode("ascii")
        return headers

    def _retry(self, what: str, url: str, call: Callable[[], T]) -> T:
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointInternalError,
            EndPointNotFound,
            QueryBadFormed,
            Unauthorized,
        )

        delay = BACKOFF
        for attempt in range(RETRIES + 1):
            try:
                return call()
            except QueryBadFormed as exc:
                raise QueryError(f"{url} rejected the {what}: {_msg(exc)}") from None
            except Unauthorized:
                raise EndpointError(
                    f"{url} refused access (HTTP 401); set KB_STORE_TOKEN or "
                    "KB_STORE_USER and KB_STORE_PASSWORD"
                ) from None
            except EndPointNotFound:
                raise EndpointError(
                    f"{url} not found (HTTP 404); check the endpoint URL passed to --store"
                ) from None
            except (EndPointInternalError, urllib.error.HTTPError) as exc:
                code = getattr(exc, "code", 500)
                if code >= 500 and attempt < RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                if code == 403:
                    raise EndpointError(
                        f"{url} refused access (HTTP 403); check the credentials in "
                        "KB_STORE_TOKEN or KB_STORE_USER/KB_STORE_PASSWORD"
                    ) from None
                raise EndpointError(f"{url} failed the {what}: {_msg(exc)}") from None
            except (
                urllib.error.URLError,
                ConnectionError,
                TimeoutError,
                http.client.HTTPException,
            ) as exc:
                if attempt < RETRIES:
                    time.sleep(delay)
                    delay *= 2
                    continue
                reason = getattr(exc, "reason", exc)
                raise EndpointError(
                    f"cannot reach SPARQL endpoint {url}: {reason}; check that the server runs "
                    "and the URL is right"
                ) from None
        raise AssertionError("unreachable")

    def _wrapper(self, text: str, *, update: bool, accept: str | None = None):
        from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper

        sw = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        sw.setTimeout(max(1, round(self.timeout)))
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
        for key, value in self._headers().items():
            sw.addCustomHttpHeader(key, value)
        sw.setQuery(text)
        if not update:
            sw.setReturnFormat(TURTLE if accept else JSON)
        return sw

    def _run(self, text: str, *, update: bool, accept: str | None = None) -> Any:
        url = self.update_url if update else self.query_url

        def call() -> Any:
            sw = self._wrapper(text, update=update, accept=accept)
            response = sw.query()
            if update:
                response.response.read()
                return None
            if accept:
                return response.response.read()
            return response.convert()

        return self._retry("update" if update else "query", url, call)

    # --- reading -----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        text = _prefix_block() + bind_values(sparql, bindings or {})
        form = query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            data = self._run(text, update=False, accept="text/turtle")
            g = Graph()
            g.parse(data=data.decode("utf-8"), format="turtle")
            return g
        if form not in ("SELECT", "ASK"):
            raise QueryError("not a query (use --update for SPARQL updates)")
        doc = self._run(text, update=False)
        if "boolean" in doc:
            return bool(doc["boolean"])
        names = doc["head"].get("vars", [])
        rows = [
            {n: _term(b.get(n)) for n in names} for b in doc.get("results", {}).get("bindings", [])
        ]
        return SelectResult(vars=names, rows=rows)

    def graph_names(self) -> list[URIRef]:
        res = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(r["g"])) for r in res.rows if r["g"] is not None)

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        if graph is None:
            res = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            for r in res.rows:
                yield (r["s"], r["p"], r["o"], r["g"])  # type: ignore[misc]
        else:
            res = self.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
            for r in res.rows:
                yield (r["s"], r["p"], r["o"], graph)  # type: ignore[misc]

    # --- writing -----------------------------------------------------------------
    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        text = bind_values(sparql, bindings) if bindings else sparql
        self._run(_prefix_block() + text, update=True)

    def replace_graphs(
        self,
        graphs: Mapping[URIRef, Iterable[Triple]],
        drop: Iterable[URIRef] = (),
        additions: Mapping[URIRef, Iterable[Triple]] | None = None,
    ) -> None:
        # One request carries the drops and inserts of several graphs, so each batch is
        # applied as one transaction by the server; big graphs are split across requests.
        # Shared additions (canonical actors and places) go first: if a later request
        # fails, what was written already is complete.
        parts: list[str] = []
        for g, triples in (additions or {}).items():
            body = [_nt(t) for t in triples]
            if body:
                parts.append(
                    f"INSERT DATA {{ GRAPH {URIRef(g).n3()} {{\n" + "\n".join(body) + "\n} } ;"
                )
        parts += [f"DROP SILENT GRAPH {URIRef(g).n3()} ;" for g in drop]
        size = 0
        for g, triples in graphs.items():
            parts.append(f"DROP SILENT GRAPH {URIRef(g).n3()} ;")
            body = [_nt(t) for t in triples]
            for start in range(0, max(len(body), 1), BATCH_TRIPLES):
                chunk = body[start : start + BATCH_TRIPLES]
                if chunk:
                    parts.append(
                        f"INSERT DATA {{ GRAPH {URIRef(g).n3()} {{\n" + "\n".join(chunk) + "\n} } ;"
                    )
                    size += len(chunk)
                if size >= BATCH_TRIPLES:
                    self._send(parts)
                    parts, size = [], 0
        if parts:
            self._send(parts)

    def _send(self, parts: list[str]) -> None:
        self._run("\n".join(parts).rstrip(" ;\n"), update=True)

    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        body = [_nt(t) for t in triples]
        for start in range(0, len(body), BATCH_TRIPLES):
            chunk = body[start : start + BATCH_TRIPLES]
            self._send(
                [f"INSERT DATA {{ GRAPH {URIRef(graph).n3()} {{\n" + "\n".join(chunk) + "\n} }"]
            )

    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        body = [_nt(t) for t in triples]
        for start in range(0, len(body), BATCH_TRIPLES):
            chunk = body[start : start + BATCH_TRIPLES]
            self._send(
                [f"DELETE DATA {{ GRAPH {URIRef(graph).n3()} {{\n" + "\n".join(chunk) + "\n} }"]
            )

    def load(self, source: IO[bytes], fmt: str, graph: URIRef | None = None) -> int:
        from rdflib import Dataset

        if fmt not in RDF_FORMATS:
            raise QueryError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        rdflib_fmt, is_dataset = RDF_FORMATS[fmt]
        ds = Dataset()
        try:
            ds.parse(source, format=rdflib_fmt)
        except Exception as exc:  # rdflib raises many parser-specific exceptions
            raise QueryError(f"malformed {fmt}: {' '.join(str(exc).split())}") from None
        count = 0
        by_graph: dict[URIRef, list[Triple]] = {}
        default = graph or URIRef("https://w3id.org/kb/graph/loaded")
        for s, p, o, g in ds.quads((None, None, None, None)):
            target = default if (g is None or str(g) == str(ds.default_graph.identifier)) else g
            by_graph.setdefault(URIRef(str(target)), []).append((s, p, o))
            count += 1
        for g, triples in by_graph.items():
            self.add(g, triples)
        return count

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        by_graph: dict[Node, list[Triple]] = {}
        n = 0
        for s, p, o, g in quads:
            by_graph.setdefault(g, []).append((s, p, o))
            n += 1
            if n >= BATCH_TRIPLES:
                self._flush_groups(by_graph)
                by_graph, n = {}, 0
        self._flush_groups(by_graph)

    def _flush_groups(self, by_graph: dict[Node, list[Triple]]) -> None:
        if not by_graph:
            return
        parts = [
            f"INSERT DATA {{ GRAPH {URIRef(str(g)).n3()} {{\n"
            + "\n".join(_nt(t) for t in ts)
            + "\n} } ;"
            for g, ts in by_graph.items()
        ]
        self._send(parts)


def _nt(triple: Triple) -> str:
    s, p, o = triple
    return f"{_n3(s)} {_n3(p)} {_n3(o)} ."


def _n3(term: Node) -> str:
    if isinstance(term, BNode):
        # Blank nodes would be renamed per request; kb mints IRIs instead, so skolemise.
        return URIRef("https://w3id.org/kb/.well-known/genid/" + str(term)).n3()
    return term.n3()  # type: ignore[union-attr]


def _term(b: dict[str, Any] | None) -> Node | None:
    if b is None:
        return None
    kind = b["type"]
    if kind == "uri":
        return URIRef(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    if "xml:lang" in b:
        return Literal(b["value"], lang=b["xml:lang"])
    if "datatype" in b:
        return Literal(b["value"], datatype=URIRef(b["datatype"]))
    return Literal(b["value"])


def _msg(exc: BaseException) -> str:
    """An exception as one line, with any credential kb sent replaced by ***."""
    text = " ".join(str(exc).split())[:300]
    return redact(text)


def redact(text: str) -> str:
    """Replace the values of the credential variables (and their base64 form) by ***."""
    secrets = [os.environ.get(k) for k in ("KB_STORE_TOKEN", "KB_STORE_PASSWORD")]
    user = os.environ.get("KB_STORE_USER")
    if user:
        raw = f"{user}:{os.environ.get('KB_STORE_PASSWORD', '')}".encode()
        secrets.append(base64.b64encode(raw).decode("ascii"))
    for secret in secrets:
        if secret and len(secret) >= 3:
            text = text.replace(secret, "***")
    return text
