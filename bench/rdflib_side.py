"""kb's queries on rdflib's in-memory stores and on the embedded Oxigraph store, same data.

The "≥ 30x faster than rdflib at 100k" target needs rdflib to hold the 100k store
(11.1 M quads) in memory. ``Dataset`` could not (past 19 GB while loading), so the
loader here offers three rdflib stores, all filled by rdflib's own N-Quads line parser:

* ``dataset``: ``Dataset(default_union=True)`` parsed with ``format="nquads"``, the named
  graphs kept (what the first comparison used);
* ``graph``: a plain ``Graph()`` (the context-aware ``Memory`` store, one context);
* ``simple``: ``Graph(store="SimpleMemory")``, the three triple indexes only.

kb's queries read the union of all graphs (no ``GRAPH`` keyword in ``kb/timeline`` or
``queries/``) and the generated data holds no triple in two graphs, so a triple store
answers them with the same rows; :func:`side_by_side` checks that it does. With
``intern`` (the default) each distinct term is one Python object (the parser makes a new
one per occurrence otherwise); that changes how much memory the indexes take, not what
rdflib's SPARQL evaluator does.

Two kinds of timing, each engine back to back in one process:

* kb's library calls (``kb.timeline.build.timeline``, ``related_events``) on a kb ``Store``
  over each engine: what a ``kb`` user waits for, kb's Python row building included;
* the raw text of named queries (``queries/*.rq``, parameters bound as VALUES) through
  ``pyoxigraph.Store.query`` and ``rdflib.Graph.query``, rows read as text: the engines
  alone.

Memory probe (one loader per process, so the peaks do not mix)::

    prlimit --as=15000000000 .venv/bin/python bench/rdflib_side.py probe \\
        bench/out/kb-10k/data.nq --kind simple
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

KINDS = ("dataset", "graph", "simple")


# --- memory -----------------------------------------------------------------------------
def rss_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    now = peak = 0.0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


# --- loading ----------------------------------------------------------------------------
def _quads(nq_file: Path, intern: bool, max_quads: int | None) -> Iterator[tuple[Any, ...]]:
    """(s, p, o, g) terms of an N-Quads file, parsed by rdflib's own N-Quads line parser.

    rdflib's ``Graph.parse(format="nquads")`` only fills a context-aware store and keeps
    the graphs; this drives the same parser (``NQuadsParser``, one line at a time) and
    hands the terms over, so any rdflib store can be filled from the file.
    """
    from rdflib.plugins.parsers.nquads import NQuadsParser
    from rdflib.plugins.parsers.ntriples import ParseError, r_tail, r_wspace

    parser = NQuadsParser()
    cache: dict[Any, Any] = {}
    n = 0
    with open(nq_file, encoding="utf-8") as f:
        parser.file = f  # type: ignore[assignment]
        parser.buffer = ""
        while max_quads is None or n < max_quads:
            line = parser.line = parser.readline()
            if line is None:
                break
            parser.eat(r_wspace)
            if not parser.line or parser.line.startswith("#"):
                continue
            s = parser.subject()
            parser.eat(r_wspace)
            p = parser.predicate()
            parser.eat(r_wspace)
            o = parser.object()
            parser.eat(r_wspace)
            g = parser.uriref() or parser.nodeid()
            parser.eat(r_tail)
            if parser.line:
                raise ParseError(f"trailing garbage in {nq_file}: {line!r}")
            if intern:
                s = cache.setdefault(s, s)
                p = cache.setdefault(p, p)
                o = cache.setdefault(o, o)
                g = cache.setdefault(g, g) if g else g
            n += 1
            yield s, p, o, g


def load_rdflib(
    nq_file: Path, kind: str = "simple", *, intern: bool = True, max_quads: int | None = None
) -> tuple[Any, dict[str, Any]]:
    """An rdflib in-memory graph (or dataset) holding an N-Quads file, and load figures.

    Args:
        nq_file: the N-Quads file.
        kind: ``dataset``, ``graph`` or ``simple`` (see the module docstring).
        intern: one Python object per distinct term.
        max_quads: read only the first quads (memory probes).

    Returns:
        The graph and ``{"kind", "intern", "quads", "triples", "seconds", "rss_mb",
        "rss_growth_mb", "peak_growth_mb", "bytes_per_quad"}`` (growth of this process's
        resident memory over the load).
    """
    from rdflib import Dataset, Graph

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    gc.collect()
    rss0, peak0 = rss_mb()
    t0 = time.perf_counter()
    n = 0
    if kind == "dataset" and not intern and max_quads is None:
        g: Any = Dataset(default_union=True)
        g.parse(str(nq_file), format="nquads")
    elif kind == "dataset":
        g = Dataset(default_union=True)
        graphs: dict[Any, Any] = {}
        for s, p, o, name in _quads(nq_file, intern, max_quads):
            ctx = graphs.get(name)
            if ctx is None:
                ctx = graphs[name] = g.graph(name) if name else g.default_context
            ctx.add((s, p, o))
            n += 1
    else:
        g = Graph() if kind == "graph" else Graph(store="SimpleMemory")
        add = g.add
        for s, p, o, _ in _quads(nq_file, intern, max_quads):
            add((s, p, o))
            n += 1
    seconds = time.perf_counter() - t0
    if not n:  # rdflib's own parse: count the lines afterwards, untimed
        with open(nq_file, encoding="utf-8") as f:
            n = sum(1 for line in f if line.strip())
    gc.collect()
    rss1, peak1 = rss_mb()
    triples = len(g) if kind != "dataset" else sum(1 for _ in g.triples((None, None, None)))
    return g, {
        "kind": kind,
        "intern": intern,
        "quads": n,
        "triples": triples,
        "seconds": seconds,
        "rss_mb": rss1,
        "rss_growth_mb": rss1 - rss0,
        "peak_growth_mb": peak1 - peak0,
        "bytes_per_quad": (rss1 - rss0) * 2**20 / max(n, 1),
    }


def rdflib_store(graph: Any, location: str) -> Any:
    """A kb Store over an rdflib graph or dataset, read-only: enough to run the queries."""
    from kb.namespaces import PREFIXES
    from kb.store.base import SelectResult, Store, bind_values

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    class RdflibStore(Store):
        def __init__(self) -> None:
            self.location = location
            self.graph = graph

        def query(self, sparql: str, bindings: Any = None) -> Any:
            text = bind_values(sparql, bindings) if bindings else sparql
            res = self.graph.query(prologue + text)
            names = [str(v) for v in res.vars]
            rows = [dict(zip(names, row, strict=True)) for row in res]
            return SelectResult(vars=names, rows=rows)

        def graph_names(self) -> Any:
            raise NotImplementedError

        def quads(self, graph: Any = None) -> Any:
            raise NotImplementedError

        def update(self, sparql: str, bindings: Any = None) -> None:
            raise NotImplementedError

        def replace_graphs(self, graphs: Any, drop: Any = (), additions: Any = None) -> None:
            raise NotImplementedError

        def add(self, graph: Any, triples: Any) -> None:
            raise NotImplementedError

        def remove(self, graph: Any, triples: Any) -> None:
            raise NotImplementedError

        def load(self, source: Any, fmt: str, graph: Any = None) -> int:
            raise NotImplementedError

    return RdflibStore()


# --- cases --------------------------------------------------------------------------------
def library_cases(
    meta: dict[str, Any], limit: int, with_related: bool = True, with_place: bool = False
) -> dict[str, Callable[[Any], Any]]:
    """kb's library calls, each returning something comparable across engines."""
    from kb.timeline.build import ALL_PARTS, TimelineFilter, related_events, timeline

    q = meta["queries"]
    samples = q["sample_events"]
    typical = next(
        (s for s in samples if s["agent"] == q["typical_actor"]["key"]),
        samples[len(samples) // 2],
    )

    def ids(entries: list[dict[str, Any]]) -> list[str]:
        return [e["id"] for e in entries]

    # Two shapes of each timeline: the table `kb timeline` prints (its default output:
    # the incident's own values and place names, as kb.cli asks) and the full entries the
    # exports need (roles, places with coordinates and ancestors, every mention).
    table = {"": ("place_names",), "_export": ALL_PARTS}
    filters: dict[str, TimelineFilter] = {
        "timeline_actor_typical": TimelineFilter(actors=[q["typical_actor"]["name"]]),
        "timeline_actor_rare": TimelineFilter(actors=[q["rare_actor"]["name"]]),
        "timeline_actor_popular_limit": TimelineFilter(
            actors=[q["popular_actor"]["name"]], limit=limit
        ),
    }
    if with_place:  # rdflib needs minutes for this one (205 s at 10k)
        filters["timeline_place_iraq_limit"] = TimelineFilter(places=["Iraq"], limit=limit)
    cases: dict[str, Callable[[Any], Any]] = {}
    for name, f in filters.items():
        for suffix, parts in table.items():
            cases[name + suffix] = lambda st, f=f, parts=parts: ids(timeline(st, f, parts))
    if with_related:
        cases["related_typical"] = lambda st: [
            (str(r["event"]), r["score"]) for r in related_events(st, typical["event"])
        ]
    return cases


def raw_cases(ox_store: Any, meta: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Named queries (``queries/*.rq``) with their parameters bound, as query text.

    Parameters are resolved once, on the Oxigraph store (actor names to IRIs, aliases
    included), and bound as VALUES blocks by kb's own ``bind_values``: the same text goes
    to both engines.
    """
    from kb.queries import bind, get_query
    from kb.store.base import bind_values

    q = meta["queries"]
    samples = q["sample_events"]
    typical = next(
        (s for s in samples if s["agent"] == q["typical_actor"]["key"]),
        samples[len(samples) // 2],
    )
    wanted = {
        "actor-timeline typical": ("actor-timeline", {"actor": q["typical_actor"]["name"]}),
        "actor-timeline rare": ("actor-timeline", {"actor": q["rare_actor"]["name"]}),
        "actor-timeline popular": ("actor-timeline", {"actor": q["popular_actor"]["name"]}),
        "event-sources": ("event-sources", {"event": typical["event"]}),
        "related-events typical": ("related-events", {"event": typical["event"]}),
    }
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for label, (name, values) in wanted.items():
        nq = get_query(name)
        if set(values) - {p.name for p in nq.params}:
            continue  # the query's parameters changed: leave it out rather than guess
        bound = bind(ox_store, nq, values)
        out[label] = (bind_values(nq.text, bound), values)
    return out


def _rows_text(rows: list[dict[str, Any]]) -> list[tuple[str | None, ...]]:
    return sorted(tuple(None if v is None else str(v) for v in r.values()) for r in rows)


class CallTimeout(Exception):
    """A timed call ran past its time limit."""


def _call(fn: Callable[[], Any], timeout: float | None) -> Any:
    """fn(), interrupted by SIGALRM after `timeout` seconds (rdflib evaluates in Python,
    so the signal lands between bytecodes; an hours-long query cannot stall the run)."""
    if not timeout:
        return fn()

    def expire(signum: int, frame: Any) -> None:
        raise CallTimeout

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _timed(
    fn: Callable[[], Any], runs: int, budget: float, timeout: float | None = None
) -> tuple[dict[str, Any], Any]:
    """One untimed warm-up call, then up to `runs` timed ones within `budget` seconds.

    A warm-up over the budget is the only figure (n = 1). A call over `timeout` stops
    the case: ``{"n": 0, "timeout": seconds}`` and no result; so does a call that runs
    out of memory (rdflib's evaluator materialises both sides of a UNION), with
    ``"memory": True``: the run goes on with the next case.
    """
    t0 = time.perf_counter()
    try:
        result = _call(fn, timeout)
    except CallTimeout:
        return {"n": 0, "timeout": time.perf_counter() - t0}, None
    except MemoryError:
        return {"n": 0, "timeout": time.perf_counter() - t0, "memory": True}, None
    warm = time.perf_counter() - t0
    times: list[float] = []
    start = time.perf_counter()
    for _ in range(runs):
        if warm > budget:
            times.append(warm)
            break
        t1 = time.perf_counter()
        try:
            result = _call(fn, timeout)
        except CallTimeout:
            break
        times.append(time.perf_counter() - t1)
        if time.perf_counter() - start > budget:
            break
    return {
        "n": len(times),
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "warmup": warm,
    }, result


def _pair(
    ox_fn: Callable[[], Any],
    rd_fn: Callable[[], Any],
    runs: int,
    budget: float,
    timeout: float | None,
) -> dict[str, Any]:
    """Both engines on one case, back to back, with the load average at the start.

    When rdflib times out, the speed-up is a lower bound (``speedup_at_least``).
    """
    load = os.getloadavg()[0]
    ox_t, ox_r = _timed(ox_fn, runs, budget)
    rd_t, rd_r = _timed(rd_fn, runs, budget, timeout)
    out: dict[str, Any] = {
        "oxigraph": ox_t,
        "rdflib": rd_t,
        "rows": len(ox_r),
        "loadavg": round(load, 2),
    }
    if rd_r is None:
        out.update(speedup=None, speedup_at_least=rd_t["timeout"] / ox_t["median"])
        out.update(rdflib_rows=None, identical=None)
    else:
        out.update(speedup=rd_t["median"] / ox_t["median"], rdflib_rows=len(rd_r))
        out["identical"] = ox_r == rd_r
    return out


def side_by_side(
    store_dir: Path,
    nq_file: Path,
    meta: dict[str, Any],
    runs: int = 5,
    limit: int = 100,
    budget: float = 120.0,
    timeout: float | None = 900.0,
    kind: str = "simple",
    intern: bool = True,
    with_related: bool = True,
    with_place: bool = False,
    with_raw: bool = True,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """kb's library calls and raw named queries on rdflib and on Oxigraph, same data.

    rdflib is loaded first (its load time and memory are reported), then each case runs
    on Oxigraph and on rdflib back to back: one warm-up call each, then up to `runs`
    timed calls within `budget` seconds; an rdflib call past `timeout` seconds is
    stopped and the speed-up reported as a lower bound. A case's result (event IRIs in
    order, related scores, raw rows as sorted text) must be identical on both.
    """
    from rdflib.plugins.sparql import prepareQuery

    from kb.namespaces import PREFIXES
    from kb.store.embedded import EmbeddedStore

    log(f"  loading {nq_file} into rdflib ({kind}, intern={intern}) ...")
    graph, load = load_rdflib(nq_file, kind, intern=intern)
    log(
        f"  rdflib: {load['quads']:,} quads in {load['seconds']:.0f} s, "
        f"+{load['rss_growth_mb']:.0f} MB ({load['bytes_per_quad']:.0f} B/quad)"
    )
    rd = rdflib_store(graph, str(nq_file))
    out: dict[str, Any] = {
        "events": meta["events"],
        "quads": meta.get("quads"),
        "load": load,
        "loadavg_start": os.getloadavg(),
        "library": {},
        "raw": {},
    }
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    with EmbeddedStore(store_dir, read_only=True) as st:
        for name, fn in library_cases(meta, limit, with_related, with_place).items():
            log(f"  library {name} ...")
            out["library"][name] = r = _pair(
                lambda fn=fn: fn(st), lambda fn=fn: fn(rd), runs, budget, timeout
            )
            log(f"    {_fmt(r)}")
        if with_raw:
            raw_store = st._store  # the engine itself: no kb row building

            def on_ox(text: str) -> list[dict[str, Any]]:
                res = raw_store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
                names = [v.value for v in res.variables]
                return [{n: (None if s[n] is None else s[n].value) for n in names} for s in res]

            def on_rd(query: Any) -> list[dict[str, Any]]:
                res = graph.query(prologue + query if isinstance(query, str) else query)
                names = [str(v) for v in res.vars]
                return [
                    {n: (None if v is None else str(v)) for n, v in zip(names, row, strict=True)}
                    for row in res
                ]

            for name, (text, _values) in raw_cases(st, meta).items():
                log(f"  raw {name} ...")
                r = _pair(
                    lambda t=text: _rows_text(on_ox(t)),
                    lambda t=text: _rows_text(on_rd(t)),
                    runs,
                    budget,
                    timeout,
                )
                out["raw"][name] = r
                log(f"    {_fmt(r)}")
                if r["speedup"] is not None:
                    # rdflib parses and translates each query text in Python (pyparsing):
                    # about 0.1 s a query. Prepared once, untimed, only its evaluator is
                    # left: the engines alone, rdflib favoured.
                    t0 = time.perf_counter()
                    prepared = prepareQuery(prologue + text)
                    r["rdflib_prepare_seconds"] = time.perf_counter() - t0
                    prep_t, prep_rows = _timed(
                        lambda p=prepared: _rows_text(on_rd(p)), runs, budget, timeout
                    )
                    r["rdflib_prepared"] = prep_t
                    if prep_rows is not None:
                        r["speedup_prepared"] = prep_t["median"] / r["oxigraph"]["median"]
                        r["identical_prepared"] = prep_rows == _rows_text(on_ox(text))
                    log(
                        f"    rdflib prepared once ({_ms(r['rdflib_prepare_seconds'])}): "
                        f"{_ms(prep_t.get('median', prep_t.get('timeout', 0)))}, "
                        f"{r.get('speedup_prepared', 0):,.0f}x"
                    )
    out["loadavg_end"] = os.getloadavg()
    return out


def _ms(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 0.01 else (f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s")


def _rd(r: Mapping[str, Any]) -> str:
    if r["speedup"] is None:
        why = "out of memory" if r["rdflib"].get("memory") else "stopped"
        return f"over {_ms(r['rdflib']['timeout'])} ({why})"
    return f"{_ms(r['rdflib']['median'])} ({r['rdflib']['n']})"


def _x(r: Mapping[str, Any]) -> str:
    if r["speedup"] is None:
        return f"≥ {r['speedup_at_least']:,.0f}x"
    return f"{r['speedup']:,.0f}x"


def _prepared(r: Mapping[str, Any]) -> str:
    if "speedup_prepared" not in r:
        return ""
    p = r["rdflib_prepared"]
    return (
        f"{_ms(p['median'])} ({p['n']}), {r['speedup_prepared']:,.0f}x, identical "
        f"{r['identical_prepared']}"
    )


def _fmt(r: Mapping[str, Any]) -> str:
    return (
        f"oxigraph {_ms(r['oxigraph']['median'])} ({r['oxigraph']['n']}), rdflib {_rd(r)}, "
        f"{_x(r)}, {r['rows']} rows, identical {r['identical']}, load {r['loadavg']}"
    )


def markdown(res: Mapping[str, Any]) -> list[str]:
    """The side-by-side results as markdown lines (for bench/run.py's report)."""
    ld = res["load"]
    lines = [
        f"rdflib side by side ({res['events']:,} incidents): rdflib `{ld['kind']}` store "
        f"(terms interned: {ld['intern']}), {ld['quads']:,} quads ({ld['triples']:,} distinct "
        f"triples) loaded in {ld['seconds']:.0f} s, +{ld['rss_growth_mb']:.0f} MB RSS "
        f"({ld['bytes_per_quad']:.0f} B/quad); load average {res['loadavg_start'][0]:.1f} at "
        f"the start, {res['loadavg_end'][0]:.1f} at the end.",
        "",
        "| case | oxigraph median (runs) | rdflib median (runs) | speed-up | rows | identical "
        "| load avg | rdflib, query prepared once |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for section in ("library", "raw"):
        for name, r in res.get(section, {}).items():
            lines.append(
                f"| {section}: {name} | {_ms(r['oxigraph']['median'])} ({r['oxigraph']['n']}) "
                f"| {_rd(r)} | {_x(r)} | {r['rows']:,} | {r['identical']} | {r['loadavg']} "
                f"| {_prepared(r)} |"
            )
    lines.append("")
    return lines


# --- command line -----------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """``probe NQ --kind K``: load figures of one rdflib store, as JSON on stdout."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("probe", help="memory and time to load an N-Quads file into rdflib")
    p.add_argument("nq", type=Path)
    p.add_argument("--kind", choices=KINDS, default="simple")
    p.add_argument("--no-intern", action="store_true", help="a term object per occurrence")
    p.add_argument("--max-quads", type=int, help="read only the first quads")
    args = ap.parse_args(argv)
    _, stats = load_rdflib(args.nq, args.kind, intern=not args.no_intern, max_quads=args.max_quads)
    stats["loadavg"] = os.getloadavg()
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
