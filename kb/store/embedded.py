"""The embedded backend: a persistent Oxigraph store in a directory on disk."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from kb.errors import QueryError, StoreError, StoreLockedError
from kb.namespaces import PREFIXES
from kb.store.base import (
    RDF_FORMATS,
    PatternTerm,
    Quad,
    QueryResult,
    SelectResult,
    Store,
    Triple,
    bind_values,
    delete_data,
)
from kb.store.oxterms import from_ox, to_ox

if TYPE_CHECKING:
    from rdflib import URIRef

LOCK_NAME = "kb.lock"
_OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_MARKER = "kb-store"

#: How long a read-only open keeps retrying a transient error (seconds), and the first
#: and longest pause between tries (the pause doubles).
READ_ONLY_RETRY_SECONDS = 2.0
READ_ONLY_RETRY_PAUSE = (0.01, 0.2)
#: What RocksDB says when a file the MANIFEST lists was deleted by a writer's compaction
#: or flush between reading the file list and opening the file: a table (``.sst``), a
#: write-ahead log (``.log``), a blob or an older MANIFEST. Never a missing store (its
#: ``CURRENT`` is checked first), a permission error or a foreign directory.
_VANISHED_FILE = re.compile(
    r"No such file or directory.*?/(\d+\.(sst|log|blob)|MANIFEST-\d+|OPTIONS-\d+)\b", re.DOTALL
)


def is_transient_open_error(exc: BaseException, path: Path | None = None) -> bool:
    """True when a read-only open failed because a concurrent writer deleted a file.

    RocksDB's read-only open reads ``CURRENT``, the MANIFEST it names and the files that
    lists, then opens each; a compaction or flush in a writing process may delete one in
    between. The same open a moment later reads the new list and succeeds.

    Args:
        exc: what ``pyoxigraph.Store.read_only`` raised.
        path: the store; when given, a missing MANIFEST counts only if ``CURRENT`` now
            names another one (a writer rolled it over), not when it still names the
            missing one (a damaged store).
    """
    if not isinstance(exc, OSError | RuntimeError):
        return False
    found = _VANISHED_FILE.search(str(exc))
    if found is None:
        return False
    if path is not None and found.group(1).startswith("MANIFEST-"):
        try:
            return (path / "CURRENT").read_text().strip() != found.group(1)
        except OSError:
            return False
    return True


def _open_read_only(path: Path) -> ox.Store:
    """Open a store read-only, retrying while a writer's compaction races the open.

    Raises:
        StoreError: no store there, or it cannot be opened (after the retries when the
            error was transient).
    """
    deadline = time.monotonic() + READ_ONLY_RETRY_SECONDS
    pause, longest = READ_ONLY_RETRY_PAUSE
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if not is_transient_open_error(exc, path):
                if isinstance(exc, RuntimeError):
                    # RocksDB's files exist before Oxigraph's column families while a
                    # writer is creating the store: "Column family not found".
                    raise StoreError(
                        f"cannot open store {path}: {exc}; if another kb process is "
                        "creating it, try again in a moment"
                    ) from None
                raise StoreError(f"cannot open store {path}: {exc}") from None
            if time.monotonic() + pause > deadline:
                raise StoreError(
                    f"cannot open store {path}: {_one_line(exc)}; another kb process kept "
                    "compacting its files while this one opened it, try again in a moment"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, longest)


class WriteLock:
    """An advisory lock file that names the process holding the store for writing."""

    def __init__(self, directory: Path, wait: float = 0.0) -> None:
        self.path = directory / LOCK_NAME
        self.fd: int | None = None
        self.wait = wait

    def acquire(self) -> None:
        """Take the lock, waiting up to `wait` seconds, or raise StoreLockedError."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "?"
                    os.close(fd)
                    raise StoreLockedError(
                        f"store {self.path.parent} is locked by another kb process "
                        f"({holder}); wait for it to finish or pass --wait SECONDS"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        self.fd = fd

    def release(self) -> None:
        """Give the lock back."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _remove_stray_bulk_files(path: Path) -> None:
    """Delete the table files a killed bulk load left in the store directory.

    The engine's bulk loader (``kb import``) writes its sorted quads to ``bulk-*.sst``
    files beside the store and then hands them to RocksDB, which takes them over under
    names of its own, all in one ingestion. A process killed before that hand-over leaves
    them behind, unknown to the store (nothing it holds refers to them) and as big as the
    load. Only a writer holding the lock calls this, so no load of another process can
    be under way.
    """
    for stray in path.glob("bulk-*.sst"):
        with contextlib.suppress(OSError):
            stray.unlink()


class EmbeddedStore(Store):
    """A pyoxigraph store on disk.

    Writers take a lock file first, so a second writer gets a clear error naming
    the holder instead of a RocksDB lock message. Readers open the store
    read-only and never block a writer; an open that races a writer's compaction is
    retried for up to :data:`READ_ONLY_RETRY_SECONDS`.
    """

    local_patterns = True

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        wait: float = 0.0,
    ) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        self._lock: WriteLock | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store {self.path} is a file, not a directory; pass a directory")
        if read_only:
            if not (self.path / "CURRENT").exists():
                raise StoreError(
                    f"no kb store at {self.path}; create one with 'kb init --store {self.path}'"
                    " or 'kb ingest'"
                )
            self._store = _open_read_only(self.path)
            return
        if not create and not (self.path / "CURRENT").exists():
            raise StoreError(f"no kb store at {self.path}; create one with 'kb init'")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store directory {self.path}: {exc.strerror}") from None
        self._lock = WriteLock(self.path, wait=wait)
        self._lock.acquire()
        _remove_stray_bulk_files(self.path)
        try:
            self._store = ox.Store(str(self.path))
        except OSError as exc:
            self._lock.release()
            raise StoreError(f"cannot open store {self.path}: {exc}") from None

    # --- reading -----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        def run() -> QueryResult:
            result = self._query(sparql, bindings)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                rows = [{n: from_ox(sol[n]) for n in names} for sol in result]
                return SelectResult(vars=names, rows=rows)
            from rdflib import Graph

            g = Graph()
            for t in result:
                g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
            return g

        return self._reading(run)

    def select_values(
        self, sparql: str, bindings: Mapping[str, Any] | None = None
    ) -> list[dict[str, str | None]]:
        def run() -> list[dict[str, str | None]]:
            result = self._query(sparql, bindings)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("expected a SELECT query")
            names = [v.value for v in result.variables]
            # A solution iterates its values in the order of the variables: by position
            # is twice as fast as by name.
            return [
                {n: (None if t is None else t.value) for n, t in zip(names, sol, strict=True)}
                for sol in result
            ]

        return self._reading(run)

    def _query(self, sparql: str, bindings: Mapping[str, Any] | None) -> Any:
        try:
            # Parameters are bound by the same VALUES block as on a remote endpoint:
            # pyoxigraph's substitutions only accept projected variables.
            text = bind_values(sparql, bindings) if bindings else sparql
            return self._store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        except ValueError as exc:
            raise QueryError(str(exc)) from None
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {_one_line(exc)}") from None

    def _reading(self, run: Callable[[], Any]) -> Any:
        """Run a read, results and all; a read-only store reopens and reads again when a
        writer's compaction deleted a file it had listed (see is_transient_open_error).

        The engine opens table files lazily, so the file may vanish after the open, while
        the results are read. Any other engine error is a StoreError.
        """
        deadline: float | None = None
        while True:
            try:
                return run()
            except (OSError, RuntimeError) as exc:
                # RuntimeError: RocksDB's "Corruption: ...".
                if self.read_only and is_transient_open_error(exc, self.path):
                    if deadline is None:
                        deadline = time.monotonic() + READ_ONLY_RETRY_SECONDS
                    if time.monotonic() < deadline:
                        time.sleep(READ_ONLY_RETRY_PAUSE[0])
                        self._store = _open_read_only(self.path)
                        continue
                raise StoreError(f"cannot read store {self.path}: {_one_line(exc)}") from None

    def graph_names(self) -> list[URIRef]:
        from rdflib import URIRef

        return self._reading(
            lambda: sorted(
                URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
            )
        )

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        g = to_ox(graph) if graph is not None else None
        for q in self._store.quads_for_pattern(None, None, None, g):
            yield (
                from_ox(q.subject),
                from_ox(q.predicate),
                from_ox(q.object),
                from_ox(q.graph_name),
            )  # type: ignore[misc]

    def quads_for_pattern(
        self,
        subject: PatternTerm = None,
        predicate: PatternTerm = None,
        object: PatternTerm = None,  # noqa: A002 - the RDF name, as in pyoxigraph
        graph: PatternTerm = None,
    ) -> Iterator[ox.Quad]:
        # pyoxigraph's own iterator, handed out as it is: the importers read incidents
        # back subject by subject, and a generator around it would cost a frame a quad.
        return self._store.quads_for_pattern(
            None if subject is None else to_ox(subject),
            None if predicate is None else to_ox(predicate),
            None if object is None else to_ox(object),
            None if graph is None else to_ox(graph),
        )

    def triple_count(self) -> int:
        # Counting opens table files too: one a writer's compaction deleted meanwhile
        # makes a read-only store reopen and count again (see _reading).
        return self._reading(lambda: len(self._store))

    # --- writing -----------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        self._writable()
        try:
            text = bind_values(sparql, bindings) if bindings else sparql
            self._store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {_one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None

    def replace_graphs(
        self,
        graphs: Mapping[URIRef, Iterable[Triple]],
        drop: Iterable[URIRef] = (),
        additions: Mapping[URIRef, Iterable[Triple]] | None = None,
    ) -> None:
        self._writable()
        # Build every quad first: a failure while mapping terms must leave the store untouched.
        new = [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))
            for source in (graphs, additions or {})
            for g, triples in source.items()
            for s, p, o in triples
        ]
        replaced = {to_ox(g) for g in graphs}
        gone = [
            node
            for node in dict.fromkeys(to_ox(g) for g in [*graphs, *drop])
            if self._store.contains_named_graph(node)
        ]
        try:
            if not gone:
                # extend is one transaction: the new graphs appear whole or not at all.
                self._store.extend(new)
            else:
                # remove_graph commits once per graph, so a crash between the removals and
                # the extend would lose graphs; one SPARQL update is one transaction. A
                # graph that is replaced, not dropped, changes by what differs (see
                # _replace_update).
                stored = {
                    g: list(self._store.quads_for_pattern(None, None, None, g))
                    for g in gone
                    if g in replaced
                }
                text = _replace_update([g for g in gone if g not in stored], new, stored)
                if text:
                    self._store.update(text)
        except OSError as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None

    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self._writable()
        g = to_ox(graph)
        self._store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples)

    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self._writable()
        g = to_ox(graph)
        for s, p, o in triples:
            self._store.remove(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g))

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        self._writable()
        self._store.bulk_extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads
        )

    def remove_quads(self, quads: Iterable[ox.Quad]) -> int:
        """Remove exactly these quads in one transaction; return how many were given.

        One SPARQL ``DELETE DATA`` update: ``Store.remove`` commits a transaction per
        quad and costs ten times more. The quads are all read before anything is
        removed, so they may come from :meth:`quads_for_pattern` on this store.
        """
        self._writable()
        todo = list(quads)
        if not todo:
            return 0
        try:
            self._store.update(delete_data(todo))
        except OSError as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None
        return len(todo)

    def add_new_graphs(self, text: str, graphs: Iterable[str | ox.NamedNode]) -> bool:
        """Add N-Quads `text` in one transaction if none of `graphs` is stored yet.

        ``kb ingest`` writes each batch's new article graphs and new incident graphs this
        way: the engine parses the text faster than Python builds quads. A transaction,
        not the bulk loader: bulk loading a batch costs about half the CPU (one atomic
        RocksDB ingestion, bench/bench_writes.py), but every load adds its own table
        files, and a store written batch by batch that way answered timelines about 50 %
        slower until it was compacted (bench/RESULTS.md, ninth session).

        Args:
            text: the graphs as N-Quads, every term printed from a pyoxigraph term
                (so the parser's second check of each IRI is skipped).
            graphs: the graphs the text adds, IRIs or nodes (the canonical graph and other
                shared graphs it also adds to need not be listed).

        Returns:
            False, writing nothing, when one of `graphs` is stored already (the caller
            replaces them instead).

        Raises:
            StoreError: the store is read-only or cannot be written.
        """
        self._writable()
        nodes = (g if isinstance(g, ox.NamedNode) else ox.NamedNode(str(g)) for g in graphs)
        if any(self._store.contains_named_graph(g) for g in nodes):
            return False
        try:
            self._store.load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
        except OSError as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None
        return True

    def bulk_load_text(self, data: bytes, fmt: ox.RdfFormat, *, lenient: bool = False) -> None:
        """Load RDF text with pyoxigraph's bulk loader (the importers' fast path).

        Not one transaction: a kill mid-load leaves part of the text stored (the
        importers write incidents so that a rerun replaces them).

        Args:
            data: the RDF text (N-Quads or TriG).
            fmt: its pyoxigraph format.
            lenient: skip IRI validation (text whose IRIs kb minted itself).

        Raises:
            SyntaxError: the text is malformed (kb wrote it: a bug, not a user's error).
            StoreError: the store is read-only or cannot be written.
        """
        self._writable()
        try:
            self._store.bulk_load(input=data, format=fmt, lenient=lenient)
        except OSError as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from None

    def bulk_add_ox(self, quads: Iterable[ox.Quad]) -> None:
        """Add pyoxigraph quads directly (the fast path of bulk importers)."""
        self._writable()
        self._store.bulk_extend(quads)

    def load(self, source: IO[bytes], fmt: str, graph: URIRef | None = None) -> int:
        self._writable()
        if fmt not in _OX_FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        before = len(self._store)
        try:
            self._store.load(
                source,
                format=_OX_FORMATS[fmt],
                to_graph=to_ox(graph) if graph is not None else None,
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed {fmt}: {_one_line(exc)}") from None
        return len(self._store) - before

    def dump(self, out: IO[bytes], fmt: str) -> None:
        if fmt not in _OX_FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        if RDF_FORMATS[fmt][1] and fmt != "jsonld":
            self._store.dump(out, format=_OX_FORMATS[fmt], prefixes=PREFIXES)
        elif fmt == "jsonld":
            super().dump(out, fmt)
        else:
            # Graph formats get the union of all graphs, each triple once.
            triples = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            ox.serialize(triples, out, format=_OX_FORMATS[fmt], prefixes=PREFIXES)

    def flush(self) -> None:
        """Make every write durable now."""
        self._store.flush()

    def optimize(self) -> None:
        """Compact the on-disk files."""
        self._writable()
        self._store.optimize()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                with contextlib.suppress(OSError):
                    self._store.flush()
            del self._store
            self._store = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _replace_update(
    gone: list[ox.NamedNode],
    new: list[ox.Quad],
    stored: Mapping[ox.NamedNode, list[ox.Quad]] | None = None,
) -> str:
    """One SPARQL update that drops `gone`, makes each graph of `stored` hold exactly its
    quads in `new`, and inserts the rest of `new` (terms print as N-Triples).

    A graph of `stored` (its quads as they are now) loses the quads `new` does not
    have and gains those it lacks: dropping a graph and inserting it again in one
    transaction costs the engine two to three times as much as writing the difference,
    and a re-linked incident or a re-read article mostly keeps what it had. A graph with
    blank nodes (which DELETE DATA cannot name) or left empty is dropped instead.
    """
    stored = dict(stored or {})
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for q in new:
        by_graph.setdefault(q.graph_name, []).append(q)
    drop = list(gone)
    deletions: list[ox.Quad] = []
    insertions: list[ox.Quad] = []
    for g, quads in by_graph.items():
        old = stored.pop(g, None)  # type: ignore[call-overload]
        if old is None:
            insertions.extend(quads)
        elif _has_blank(old) or _has_blank(quads):
            drop.append(g)  # type: ignore[arg-type]
            insertions.extend(quads)
        else:
            now, before = set(quads), set(old)
            deletions.extend(q for q in old if q not in now)
            insertions.extend(q for q in dict.fromkeys(quads) if q not in before)
    drop.extend(stored)  # replaced by nothing
    ops = [f"DROP SILENT GRAPH {g}" for g in drop]
    for verb, quads in (("DELETE", deletions), ("INSERT", insertions)):
        if not quads:
            continue
        grouped: dict[str, list[str]] = {}
        for q in quads:
            grouped.setdefault(str(q.graph_name), []).append(
                f"{q.subject} {q.predicate} {q.object} ."
            )
        body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(ts) + "\n}" for g, ts in grouped.items())
        ops.append(f"{verb} DATA {{\n" + body + "\n}")
    return " ;\n".join(ops)


def _has_blank(quads: list[ox.Quad]) -> bool:
    return any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
