"""Measure kb's performance against the targets of the "Performance and scale" issue.

What ``make bench`` runs. Default: a 10k-incident store, quick. ``--size 100k`` or
``--size 1m`` for the bigger ones (generated on first use into ``bench/out/``).

Figures (each timed at least ``--runs`` times after one untimed warm-up run; median,
min and max reported):

* whole-process CLI calls on the embedded store (``.venv/bin/kb`` through
  ``subprocess``, start-up included, warm cache): ``kb timeline --actor`` for the most
  frequent actor (with ``--limit``), a typical and a rare actor, ``kb timeline --place
  Iraq``, ``kb related``; peak memory (max RSS) of each;
* start-up: ``kb --help`` and the import time of ``kb.cli`` and of a ``kb timeline`` run;
* the alias trap: alias resolution by property path inside the main pattern versus
  resolved first and bound as VALUES;
* bulk loading versus transactional inserts (time and store size);
* extraction alone (one core) and end-to-end ``kb ingest`` on a synthetic corpus;
* the same queries on rdflib's in-memory store, side by side (load time included);
* the same CLI calls through a real ``oxigraph serve`` loaded with the same data.

Results go to ``bench/out/results-<size>.json`` and a markdown table on stdout (also
``bench/out/results-<size>.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from bench.generate import SIZES, du, generate  # noqa: E402

OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
KB = str(BIN / "kb")
OXIGRAPH = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")


# --- timing helpers ---------------------------------------------------------------------
def summarize(times: Sequence[float]) -> dict[str, Any]:
    """Median, min, max and count of some durations (seconds)."""
    if not times:
        return {"n": 0}
    return {
        "n": len(times),
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
    }


#: GNU time measures the max RSS of a process it forked itself. os.wait4 on a child of
#: this (big) process reports this process's RSS at the fork instead (Linux carries the
#: high-water mark of the forked address space across exec).
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_process(args: Sequence[str], timeout: float = 300.0) -> dict[str, Any]:
    """Run a command once; wall time, max RSS, output size."""
    fd, rss_path = tempfile.mkstemp(suffix=".rss")
    os.close(fd)
    cmd = list(args)
    if GNU_TIME:
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_path, *cmd]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                os.unlink(rss_path)
                return {"seconds": None, "timeout": timeout, "rc": -9}
            time.sleep(0.0005)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        data = out.read()
        err.seek(0)
        errors = err.read().decode("utf-8", "replace")[-300:]
    rss_kb = usage.ru_maxrss
    if GNU_TIME:
        text = Path(rss_path).read_text().strip().splitlines()
        rss_kb = int(text[-1]) if text and text[-1].isdigit() else rss_kb
    os.unlink(rss_path)
    return {
        "seconds": seconds,
        "rss_mb": rss_kb / 1024,
        "rc": proc.returncode,
        "out_bytes": len(data),
        "out_lines": data.count(b"\n"),
        "stderr": errors if proc.returncode else "",
    }


def time_cli(args: Sequence[str], runs: int, timeout: float = 300.0) -> dict[str, Any]:
    """One untimed warm-up run, then `runs` timed runs of a whole kb process."""
    warm = run_process(args, timeout)
    if warm.get("seconds") is None or warm["rc"] != 0:
        error = warm.get("stderr") or f"no answer within {timeout:.0f} s"
        return {"cmd": _shell(args), "error": error, **summarize([])}
    results = [run_process(args, timeout) for _ in range(runs)]
    ok = [r for r in results if r.get("seconds") is not None and r["rc"] == 0]
    return {
        "cmd": _shell(args),
        **summarize([r["seconds"] for r in ok]),
        "rss_mb": max(r["rss_mb"] for r in ok) if ok else None,
        "out_lines": ok[0]["out_lines"] if ok else None,
        "failures": len(results) - len(ok),
    }


def time_call(fn: Callable[[], Any], runs: int, warm: int = 1) -> dict[str, Any]:
    """Time an in-process call: `warm` untimed calls, then `runs` timed ones."""
    result = None
    for _ in range(warm):
        result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    out = summarize(times)
    if isinstance(result, int):
        out["rows"] = result
    return out


def _shell(args: Sequence[str]) -> str:
    import shlex

    parts = [os.path.relpath(a, ROOT) if a.startswith(str(ROOT)) else a for a in args]
    return " ".join(shlex.quote(p) for p in parts)


def machine() -> dict[str, Any]:
    """Where the figures were measured."""
    mem = 0
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), ""
            )
    except OSError:
        pass
    import pyoxigraph
    import rdflib

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], capture_output=True, text=True, cwd=ROOT, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "git_head": git("rev-parse", "--short", "HEAD"),
        "git_dirty": git("status", "--short", "--untracked-files=no", "kb").splitlines(),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_mb": mem,
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "loadavg_start": os.getloadavg(),
    }


# --- the data ---------------------------------------------------------------------------
def dataset(size: str, *, nq: bool) -> tuple[Path, dict[str, Any]]:
    """The generated knowledge base of a size (generated now if missing)."""
    out_dir = OUT / f"kb-{size}"
    meta_file = out_dir / "meta.json"
    have_nq = (out_dir / "data.nq").exists()
    if not meta_file.exists() or not (out_dir / "store").exists() or (nq and not have_nq):
        print(f"generating {size} ({SIZES[size]} incidents) into {out_dir} ...", flush=True)
        generate(SIZES[size], out_dir, nq=nq)
    return out_dir, json.loads(meta_file.read_text(encoding="utf-8"))


# --- sections ----------------------------------------------------------------------------
def cli_queries(
    store: str,
    meta: dict[str, Any],
    runs: int,
    limit: int,
    timeout: float = 60.0,
    related: bool = True,
) -> dict[str, Any]:
    """Whole-process timeline and related calls against one store (a path or a URL)."""
    q = meta["queries"]
    samples = q["sample_events"]
    popular = q["popular_actor"]["name"]
    # A "typical" related call: an event of a mid-ranked actor; the worst one: an event of
    # the most frequent actor (its candidates are every event that actor took part in).
    typical_key = q["typical_actor"]["key"]
    typical_event = next(
        (s for s in samples if s["agent"] == typical_key), samples[len(samples) // 2]
    )
    worst_event = next((s for s in samples if s["agent"] == q["popular_actor"]["key"]), samples[0])
    cases = {
        "timeline_actor_popular_limit": ["timeline", "--actor", popular, "--limit", str(limit)],
        "timeline_actor_typical": ["timeline", "--actor", q["typical_actor"]["name"]],
        "timeline_actor_rare": ["timeline", "--actor", q["rare_actor"]["name"]],
        "timeline_place_iraq_limit": ["timeline", "--place", "Iraq", "--limit", str(limit)],
    }
    if related:
        cases["related_typical"] = ["related", typical_event["event"]]
        cases["related_popular_actor_event"] = ["related", worst_event["event"]]
    if meta["events"] <= 100_000:
        cases["timeline_actor_popular_all"] = ["timeline", "--actor", popular]
        cases["timeline_place_iraq_all"] = ["timeline", "--place", "Iraq"]
    out: dict[str, Any] = {}
    for name, args in cases.items():
        print(f"  {name} ...", flush=True)
        out[name] = time_cli([KB, *args, "--store", store], runs, timeout=timeout)
    out["_events"] = {
        "popular_actor": q["popular_actor"],
        "typical_actor": q["typical_actor"],
        "rare_actor": q["rare_actor"],
        # (older meta files counted incident-place pairs: an upper bound)
        "iraq_events": q["place"].get("events", q["place"].get("events_at_or_below_max")),
        "related_typical_event": typical_event,
        "related_worst_event": worst_event,
    }
    return out


def library_breakdown(store_dir: Path, meta: dict[str, Any], runs: int, limit: int) -> dict:
    """The same queries in-process (no start-up): selection and details apart."""
    from kb.store.embedded import EmbeddedStore
    from kb.timeline.build import TimelineFilter, entries_for, select_events

    q = meta["queries"]
    out: dict[str, Any] = {}
    with EmbeddedStore(store_dir, read_only=True) as st:
        filters = {
            "actor_popular_limit": TimelineFilter(actors=[q["popular_actor"]["name"]], limit=limit),
            "actor_typical": TimelineFilter(actors=[q["typical_actor"]["name"]]),
            "place_iraq_limit": TimelineFilter(places=["Iraq"], limit=limit),
        }
        for name, f in filters.items():
            events = select_events(st, f)
            out[name + "_select"] = time_call(lambda f=f: len(select_events(st, f)), runs)
            out[name + "_details"] = time_call(lambda ev=events: len(entries_for(st, ev)), runs)
    # `related` is timed whole-process only (with a timeout): a bad plan inside the
    # engine cannot be interrupted in-process.
    return out


def startup(store: str, meta: dict[str, Any], runs: int) -> dict[str, Any]:
    """`kb --help` and where the import time of a `kb timeline` process goes."""
    out: dict[str, Any] = {"kb_help": time_cli([KB, "--help"], runs)}
    py = sys.executable
    out["python_bare"] = time_cli([py, "-c", "pass"], runs)
    out["import_kb_cli"] = time_cli([py, "-c", "import kb.cli"], runs)
    proc = subprocess.run(
        [py, "-X", "importtime", "-m", "kb", "timeline", "--store", store, "--actor",
         meta["queries"]["rare_actor"]["name"]],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:") :].split("|")
        rows.append((int(cum_us), int(self_us), name.rstrip()))
    # Top-level imports have one leading space; nested ones are indented further.
    top = [r for r in rows if not r[2].startswith("  ")]
    out["import_total_ms"] = round(sum(r[0] for r in top) / 1000, 1)
    out["import_top"] = [
        {"module": n.strip(), "cumulative_ms": round(c / 1000, 1), "self_ms": round(s / 1000, 1)}
        for c, s, n in sorted(rows, reverse=True)[:25]
    ]
    return out


def alias_trap(store_dir: Path, meta: dict[str, Any], runs: int) -> dict[str, Any]:
    """Alias resolution inside the main pattern (property paths) versus VALUES first."""
    from rdflib import Literal

    from kb.resolve import actor_iris
    from kb.store.embedded import EmbeddedStore

    q = meta["queries"]
    alias = "ISIS" if q["popular_actor"]["key"] == "islamic-state" else q["popular_actor"]["name"]
    typical = q["typical_actor"]["name"]
    opt = (
        "  ?event a sem:Event .\n"
        "  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?earliest }\n"
        "  OPTIONAL { ?event sem:hasLatestEndTimeStamp ?latest }\n}"
    )
    path_query = (
        "SELECT DISTINCT ?event ?earliest ?latest WHERE {\n"
        "  ?actor (skos:prefLabel|skos:altLabel|kb:userAlias) ?name .\n"
        "  ?member (kb:mergedInto|owl:sameAs|^owl:sameAs)* ?actor .\n"
        "  ?event sem:hasActor ?member .\n" + opt
    )
    # The selection `kb timeline --actor` runs, with the actors resolved first.
    values_query = (
        "SELECT DISTINCT ?event ?earliest ?latest WHERE {\n  ?event sem:hasActor ?actor .\n" + opt
    )
    # The trap: the merge/sameAs closure walked inside the main pattern.
    same_as_query = (
        "SELECT DISTINCT ?event ?earliest ?latest WHERE {\n"
        "  ?event sem:hasActor ?x .\n"
        "  ?x (owl:sameAs|^owl:sameAs|kb:mergedInto|^kb:mergedInto)* ?actor .\n" + opt
    )
    out: dict[str, Any] = {}
    with EmbeddedStore(store_dir, read_only=True) as st:
        for label, name in (("popular", q["popular_actor"]["name"]), ("typical", typical)):
            iris = actor_iris(st, name)
            out[label + "_sameas_path"] = time_call(
                lambda iris=iris: len(st.select(same_as_query, {"actor": iris})), runs
            )
        for label, name in (("popular_by_alias", alias), ("typical", typical)):
            out[label + "_path"] = time_call(
                lambda name=name: len(st.select(path_query, {"name": Literal(name)})), runs
            )

            def resolved(name: str = name) -> int:
                iris = actor_iris(st, name)
                return len(st.select(values_query, {"actor": iris}))

            out[label + "_values"] = time_call(resolved, runs)
        out["alias"] = alias
        out["typical"] = typical
    return out


#: The query `kb related` starts with, rewritten so Oxigraph binds the event before the
#: UNION (see RESULTS.md, "related"): proposed replacement of build._Q_EVENT_KEYS.
PROPOSED_EVENT_KEYS = """
SELECT ?actor ?kind ?roleType ?place ?anc ?level ?earliest ?latest WHERE {
  ?event a sem:Event .
  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?earliest }
  OPTIONAL { ?event sem:hasLatestEndTimeStamp ?latest }
  { ?event kb:hasRole ?r . ?r rdf:value ?actor ; sem:roleType ?roleType .
    OPTIONAL { ?actor kb:actorKind ?kind } }
  UNION
  { ?event sem:hasPlace ?place . OPTIONAL { ?place kb:placeLevel ?level }
    OPTIONAL { ?place geo:sfWithin ?anc } }
}"""
#: Names resolved from the store's canonical graph instead of the registry and gazetteer.
PROPOSED_ACTOR_BY_NAME = """
SELECT DISTINCT ?a WHERE { { ?a skos:prefLabel ?name } UNION { ?a skos:altLabel ?name }
  UNION { ?a kb:userAlias ?name } ?a a sem:Actor }"""
PROPOSED_PLACE_BY_NAME = """
SELECT ?p ?level WHERE { ?p rdfs:label ?name ; a sem:Place ; kb:placeLevel ?level }"""


def proposals(store_dir: Path, meta: dict[str, Any], runs: int) -> dict[str, Any]:
    """In-process timings of the query rewrites RESULTS.md proposes, on this store."""
    from rdflib import Literal

    from kb.namespaces import event_iri
    from kb.store.embedded import EmbeddedStore

    q = meta["queries"]
    out: dict[str, Any] = {}
    with EmbeddedStore(store_dir, read_only=True) as st:
        for label, sample in (
            ("event_keys_typical", next((s for s in q["sample_events"] if s["agent"] == q["typical_actor"]["key"]), q["sample_events"][0])),
            ("event_keys_popular", next((s for s in q["sample_events"] if s["agent"] == q["popular_actor"]["key"]), q["sample_events"][0])),
        ):  # fmt: skip
            ev = event_iri(sample["event"])
            out[label] = time_call(
                lambda ev=ev: len(st.select(PROPOSED_EVENT_KEYS, {"event": ev})), runs
            )
        for label, name in (("actor_rare", q["rare_actor"]["name"]), ("actor_alias", "ISIS")):
            out["name_" + label] = time_call(
                lambda name=name: len(st.select(PROPOSED_ACTOR_BY_NAME, {"name": Literal(name)})),
                runs,
            )
        out["name_place_iraq"] = time_call(
            lambda: len(st.select(PROPOSED_PLACE_BY_NAME, {"name": Literal("Iraq")})), runs
        )
    return out


def bulk_vs_inserts(nq_file: Path, runs: int) -> dict[str, Any]:
    """Load the same N-Quads by Oxigraph's bulk loader and by transactions of graphs.

    The transactional path is what ``kb ingest`` does: one ``Store.extend`` per batch
    of article and incident graphs.
    """
    import pyoxigraph as ox

    work = OUT / "load-compare"
    out: dict[str, Any] = {"quads": 0}
    bulk_t, bulk_size, ins_t, ins_size = [], [], [], []
    for _ in range(runs):
        shutil.rmtree(work, ignore_errors=True)
        t0 = time.perf_counter()
        st = ox.Store(str(work))
        st.bulk_load(path=str(nq_file), format=ox.RdfFormat.N_QUADS)
        st.flush()
        del st
        bulk_t.append(time.perf_counter() - t0)
        bulk_size.append(du(work))
        shutil.rmtree(work, ignore_errors=True)
        t0 = time.perf_counter()
        st = ox.Store(str(work))
        batch: list[Any] = []
        n = 0
        with open(nq_file, "rb") as fh:
            for quad in ox.parse(fh, format=ox.RdfFormat.N_QUADS):
                batch.append(quad)
                if len(batch) >= 5000:  # about 50 articles' graphs, like ingest's BATCH
                    st.extend(batch)
                    n += len(batch)
                    batch = []
        st.extend(batch)
        n += len(batch)
        st.flush()
        del st
        ins_t.append(time.perf_counter() - t0)
        ins_size.append(du(work))
        out["quads"] = n
    shutil.rmtree(work, ignore_errors=True)
    out["bulk"] = {**summarize(bulk_t), "bytes": statistics.median(bulk_size)}
    out["inserts"] = {**summarize(ins_t), "bytes": statistics.median(ins_size)}
    return out


def extraction(corpus: Path, runs: int) -> dict[str, Any]:
    """Extractor().extract alone, on one core (process CPU time and wall time)."""
    from kb.extract.pipeline import Extractor
    from kb.readers import ReadOptions, read_paths

    articles = list(read_paths([str(corpus)], ReadOptions()))
    ex = Extractor()
    ex.extract(articles[0])
    walls, cpus, events = [], [], 0
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        events = sum(len(ex.extract(a)) for a in articles)
        walls.append(len(articles) / (time.perf_counter() - w0))
        cpus.append(len(articles) / (time.process_time() - c0))
    return {
        "articles": len(articles),
        "events": events,
        "bytes_avg": round(sum(len(a.text) for a in articles) / len(articles)),
        "articles_per_s_wall": summarize(walls),
        "articles_per_s_cpu": summarize(cpus),
    }


def ingest(corpus: Path, runs: int) -> dict[str, Any]:
    """`kb ingest DIR --store NEW` as a whole process, into a new store each run."""
    n = len(list(corpus.glob("*.txt")))
    store = OUT / "ingest-store"
    rates, seconds, rss = [], [], []
    for _ in range(runs):
        shutil.rmtree(store, ignore_errors=True)
        r = run_process([KB, "ingest", str(corpus), "--store", str(store), "--quiet"], 1800)
        if r.get("seconds") is None or r["rc"] != 0:
            return {"error": r.get("stderr") or "timeout", "articles": n}
        seconds.append(r["seconds"])
        rates.append(n / r["seconds"])
        rss.append(r["rss_mb"])
    size = du(store)
    shutil.rmtree(store, ignore_errors=True)
    return {
        "cmd": _shell([KB, "ingest", str(corpus), "--store", str(store), "--quiet"]),
        "articles": n,
        "seconds": summarize(seconds),
        "articles_per_s": summarize(rates),
        "rss_mb": max(rss),
        "store_bytes": size,
    }


def rdflib_store(nq_file: Path, kind: str = "simple", intern: bool = True) -> Any:
    """A kb Store over an rdflib in-memory store loaded from N-Quads (bench/rdflib_side.py)."""
    from bench.rdflib_side import load_rdflib
    from bench.rdflib_side import rdflib_store as over

    graph, _ = load_rdflib(nq_file, kind, intern=intern)
    return over(graph, str(nq_file))


def rdflib_side_by_side(
    store_dir: Path,
    nq_file: Path,
    meta: dict[str, Any],
    runs: int,
    limit: int,
    budget: float,
    with_related: bool = False,
    with_place: bool = False,
    kind: str = "simple",
    intern: bool = True,
    with_raw: bool = True,
    timeout: float | None = 900.0,
) -> dict[str, Any]:
    """The library's timeline and related calls, and raw named queries, on rdflib and on
    Oxigraph, same data, back to back in this process (see bench/rdflib_side.py)."""
    from bench.rdflib_side import side_by_side

    return side_by_side(
        store_dir,
        nq_file,
        meta,
        runs=runs,
        limit=limit,
        budget=budget,
        timeout=timeout,
        kind=kind,
        intern=intern,
        with_related=with_related,
        with_place=with_place,
        with_raw=with_raw,
        log=lambda m: print(m, flush=True),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server(nq_file: Path, meta: dict[str, Any], runs: int, limit: int) -> dict[str, Any]:
    """The same CLI calls through `oxigraph serve`, loaded by its own bulk loader."""
    if OXIGRAPH is None:
        return {"error": "oxigraph CLI not found"}
    loc = OUT / "server-store"
    shutil.rmtree(loc, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(
        [OXIGRAPH, "load", "--location", str(loc), "--file", str(nq_file)],
        check=True, capture_output=True,
    )  # fmt: skip
    out: dict[str, Any] = {
        "load_cmd": _shell([OXIGRAPH, "load", "--location", str(loc), "--file", str(nq_file)]),
        "load_seconds": time.perf_counter() - t0,
        "store_bytes": du(loc),
    }
    port = _free_port()
    serve = [OXIGRAPH, "serve", "--location", str(loc), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"]  # fmt: skip
    proc = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        out["serve_cmd"] = _shell(serve)
        out["queries"] = cli_queries(f"http://127.0.0.1:{port}", meta, runs, limit)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(loc, ignore_errors=True)
    return out


# --- report -------------------------------------------------------------------------------
def _ms(x: float | None) -> str:
    if x is None:
        return "-"
    if x < 0.01:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _row(name: str, r: dict[str, Any], target: float | None = None) -> str:
    if not r.get("n"):
        return f"| {name} | failed: {str(r.get('error', ''))[:60]} | | | | | |"
    met = "" if target is None else ("yes" if r["median"] <= target else "**no**")
    rss = f"{r['rss_mb']:.0f} MB" if r.get("rss_mb") else ""
    return (
        f"| {name} | {_ms(r['median'])} | {_ms(r['min'])} | {_ms(r['max'])} | {r['n']} | "
        f"{rss} | {'' if target is None else '≤ ' + _ms(target)} {met} |"
    )


def markdown(res: dict[str, Any]) -> str:
    """The results as markdown tables."""
    size = res["size"]
    big = res["meta"]["events"] >= 1_000_000
    lines = [
        f"## kb benchmark, {res['meta']['events']:,} incidents ({size})",
        "",
        f"Machine: {res['machine']['nproc']} cores ({res['machine']['cpu']}), "
        f"{res['machine']['ram_mb']} MB RAM, Python {res['machine']['python']}, pyoxigraph "
        f"{res['machine']['pyoxigraph']}, rdflib {res['machine']['rdflib']}; "
        f"{res['machine']['date']}; load average at start {res['machine']['loadavg_start']}, "
        f"at end {res['machine'].get('loadavg_end')}; kb at {res['machine']['git_head']}"
        + (
            " with local changes in " + ", ".join(res["machine"]["git_dirty"])
            if res["machine"]["git_dirty"]
            else ""
        )
        + ".",
        "",
        f"Store: {res['meta']['quads']:,} quads, {res['meta']['articles']:,} articles, "
        f"{res['meta']['reports']:,} reports; {res['meta'].get('store_bytes', 0) / 2**20:.0f} MB "
        f"on disk; generated in {res['meta']['seconds']} s, bulk-loaded in "
        f"{res['meta'].get('load_seconds')} s.",
        "",
    ]
    if "cli" in res:
        tl = 1.0 if big else 0.3
        ev = res["cli"]["_events"]
        lines += [
            "| embedded store, whole process | median | min | max | runs | max RSS | target |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        labels = {
            "timeline_actor_popular_limit": f"timeline --actor '{ev['popular_actor']['name']}' "
            f"--limit {res['limit']} ({ev['popular_actor']['events']} events)",
            "timeline_actor_popular_all": f"timeline --actor '{ev['popular_actor']['name']}' (all)",
            "timeline_actor_typical": f"timeline --actor '{ev['typical_actor']['name']}' "
            f"({ev['typical_actor']['events']} events)",
            "timeline_actor_rare": f"timeline --actor '{ev['rare_actor']['name']}' "
            f"({ev['rare_actor']['events']} events)",
            "timeline_place_iraq_limit": f"timeline --place Iraq --limit {res['limit']} "
            f"({ev['iraq_events']} events)",
            "timeline_place_iraq_all": "timeline --place Iraq (all)",
            "related_typical": f"related {ev['related_typical_event']['event']} "
            f"({ev['related_typical_event']['agent']} event)",
            "related_popular_actor_event": f"related {ev['related_worst_event']['event']} "
            f"({ev['related_worst_event']['agent']} event)",
        }
        for key, label in labels.items():
            if key in res["cli"]:
                target = (
                    None if key.endswith("_all") else (0.3 if key.startswith("related") else tl)
                )
                if key.startswith("related") and not big:
                    target = 0.3
                lines.append(_row(label, res["cli"][key], target))
        lines.append("")
    if "server" in res and "queries" in res["server"]:
        s = res["server"]
        lines += [
            f"oxigraph serve (bulk-loaded by `oxigraph load` in {s['load_seconds']:.1f} s, "
            f"{s['store_bytes'] / 2**20:.0f} MB):",
            "",
            "| via oxigraph serve, whole process | median | min | max | runs | max RSS | |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for key, r in s["queries"].items():
            if not key.startswith("_"):
                lines.append(_row(key, r))
        lines.append("")
    if "startup" in res:
        s = res["startup"]
        lines += [
            "| start-up | median | min | max | runs | max RSS | |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            _row("python -c pass", s["python_bare"]),
            _row("python -c 'import kb.cli'", s["import_kb_cli"]),
            _row("kb --help", s["kb_help"]),
            "",
            "Largest imports of a `kb timeline --actor` process (python -X importtime, "
            "cumulative ms): "
            + ", ".join(f"{m['module']} {m['cumulative_ms']}" for m in s["import_top"][:12]),
            "",
        ]
    if "library" in res:
        lines += [
            "| in-process (no start-up) | median | min | max | runs | rows | |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for k, r in res["library"].items():
            lines.append(_row(k, r).replace(" |  | ", f" | {r.get('rows', '')} | ", 1))
        lines.append("")
    if "proposals" in res:
        lines += [
            "| proposed rewrite (in-process) | median | min | max | runs | rows | |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for k, r in res["proposals"].items():
            lines.append(_row(k, r).replace(" |  | ", f" | {r.get('rows', '')} | ", 1))
        lines.append("")
    if "alias" in res:
        a = res["alias"]
        lines += [
            "| alias resolution (in-process) | median | min | max | runs | rows | |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for k in (
            "popular_sameas_path",
            "popular_by_alias_path",
            "popular_by_alias_values",
            "typical_sameas_path",
            "typical_path",
            "typical_values",
        ):
            lines.append(_row(k, a[k]).replace(" |  | ", f" | {a[k].get('rows', '')} | ", 1))
        lines.append("")
    if "load" in res:
        b = res["load"]
        lines += [
            f"Loading {b['quads']:,} quads ({b.get('events', '')} incidents): bulk loader "
            f"{_ms(b['bulk']['median'])} ({b['quads'] / b['bulk']['median']:,.0f} quads/s), "
            f"{b['bulk']['bytes'] / 2**20:.0f} MB; transactions of 5,000 quads "
            f"{_ms(b['inserts']['median'])} ({b['quads'] / b['inserts']['median']:,.0f} quads/s), "
            f"{b['inserts']['bytes'] / 2**20:.0f} MB "
            f"(bulk {b['inserts']['median'] / b['bulk']['median']:.1f}x faster, "
            f"{b['inserts']['bytes'] / b['bulk']['bytes']:.1f}x smaller).",
            "",
        ]
    if "extract" in res:
        e = res["extract"]
        c = e["articles_per_s_cpu"]
        lines += [
            f"Extraction alone: {e['articles']} articles ({e['bytes_avg']} characters on "
            f"average, {e['events']} events): median {c['median']:.0f} articles/s of CPU time "
            f"(min {c['min']:.0f}, max {c['max']:.0f}; wall "
            f"{e['articles_per_s_wall']['median']:.0f}/s); target 200/s: "
            f"{'met' if c['median'] >= 200 else '**not met**'}.",
            "",
        ]
    if "ingest" in res and "articles_per_s" in res["ingest"]:
        g = res["ingest"]
        r = g["articles_per_s"]
        lines += [
            f"End-to-end `{g['cmd']}`: {g['articles']} articles, median {r['median']:.0f} "
            f"articles/s (min {r['min']:.0f}, max {r['max']:.0f}, {r['n']} runs), max RSS "
            f"{g['rss_mb']:.0f} MB; target 100/s: {'met' if r['median'] >= 100 else '**not met**'}.",
            "",
        ]
    if "rdflib" in res:
        from bench.rdflib_side import markdown as rdflib_markdown

        lines += rdflib_markdown(res["rdflib"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description="Run kb's benchmarks.")
    ap.add_argument("--size", choices=["10k", "100k", "1m"], default="10k")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=100, help="--limit of the limited timelines")
    ap.add_argument("--only", help="comma-separated sections: cli,library,startup,alias,"
                    "load,extract,ingest,rdflib,server")  # fmt: skip
    ap.add_argument("--skip", default="", help="comma-separated sections to leave out")
    ap.add_argument("--articles", type=int, default=300, help="corpus size for extract/ingest")
    ap.add_argument("--rdflib-size", choices=["10k", "100k"], default="10k",
                    help="store size for the rdflib comparison (100k: about 8 GB with the "
                    "default `simple` store)")  # fmt: skip
    ap.add_argument("--rdflib-store", choices=["simple", "graph", "dataset"], default="simple",
                    help="rdflib store: Graph(store='SimpleMemory') (default), Graph() or "
                    "Dataset(default_union=True); see bench/rdflib_side.py")  # fmt: skip
    ap.add_argument("--rdflib-no-intern", action="store_true",
                    help="one rdflib term object per occurrence (more memory)")  # fmt: skip
    ap.add_argument("--rdflib-budget", type=float, default=120.0, help="seconds per rdflib query")
    ap.add_argument("--rdflib-timeout", type=float, default=900.0,
                    help="stop one rdflib call after this many seconds")  # fmt: skip
    ap.add_argument("--rdflib-related", action="store_true", help="also compare `related`")
    ap.add_argument(
        "--rdflib-place", action="store_true", help="also compare --place Iraq (minutes)"
    )
    ap.add_argument("--rdflib-no-raw", action="store_true",
                    help="leave out the raw named queries (queries/*.rq)")  # fmt: skip
    ap.add_argument("--no-related", action="store_true", help="leave out `kb related` calls")
    ap.add_argument("--load-runs", type=int, help="runs of the load comparison (default --runs)")
    args = ap.parse_args(argv)
    sections = (
        args.only or "cli,library,startup,proposals,alias,load,extract,ingest,rdflib,server"
    ).split(",")
    sections = [s for s in sections if s not in args.skip.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    # "Warm cache": a user's kb has its bytecode after the first run. Compile it now, also
    # where PYTHONDONTWRITEBYTECODE is set (else every timed process compiles kb: ~80 ms).
    import compileall

    compileall.compile_dir(str(ROOT / "kb"), quiet=1)
    res: dict[str, Any] = {"size": args.size, "runs": args.runs, "limit": args.limit}
    res["machine"] = machine()
    big = args.size == "1m"
    out_dir, meta = dataset(args.size, nq=not big)
    res["meta"] = {k: v for k, v in meta.items() if k != "actor_events"}
    store = str(out_dir / "store")
    if "cli" in sections:
        print("whole-process queries ...", flush=True)
        res["cli"] = cli_queries(store, meta, args.runs, args.limit, related=not args.no_related)
    if "library" in sections:
        print("in-process breakdown ...", flush=True)
        res["library"] = library_breakdown(out_dir / "store", meta, args.runs, args.limit)
    if "startup" in sections:
        print("start-up ...", flush=True)
        res["startup"] = startup(store, meta, args.runs)
    if "proposals" in sections:
        print("proposed rewrites ...", flush=True)
        res["proposals"] = proposals(out_dir / "store", meta, args.runs)
    if "alias" in sections:
        print("alias trap ...", flush=True)
        res["alias"] = alias_trap(out_dir / "store", meta, args.runs)
    if "load" in sections:
        print("bulk load versus inserts (10k data) ...", flush=True)
        small, small_meta = dataset("10k", nq=True)
        res["load"] = {
            **bulk_vs_inserts(small / "data.nq", args.load_runs or args.runs),
            "events": small_meta["events"],
        }
    if "extract" in sections or "ingest" in sections:
        from bench.articles import write_corpus

        corpus = OUT / f"articles-{args.articles}"
        if not corpus.exists():
            write_corpus(corpus, args.articles)
        if "extract" in sections:
            print("extraction ...", flush=True)
            res["extract"] = extraction(corpus, args.runs)
        if "ingest" in sections:
            print("ingest ...", flush=True)
            res["ingest"] = ingest(corpus, args.runs)
    if "rdflib" in sections:
        print(f"rdflib side by side ({args.rdflib_size}) ...", flush=True)
        rd_dir, rd_meta = dataset(args.rdflib_size, nq=True)
        res["rdflib"] = rdflib_side_by_side(
            rd_dir / "store",
            rd_dir / "data.nq",
            rd_meta,
            args.runs,
            args.limit,
            args.rdflib_budget,
            args.rdflib_related,
            args.rdflib_place,
            kind=args.rdflib_store,
            intern=not args.rdflib_no_intern,
            with_raw=not args.rdflib_no_raw,
            timeout=args.rdflib_timeout,
        )
    if "server" in sections and not big:
        print("oxigraph serve ...", flush=True)
        res["server"] = server(out_dir / "data.nq", meta, args.runs, args.limit)
    res["machine"]["loadavg_end"] = os.getloadavg()
    # A partial run (--only) does not overwrite the results of a full one.
    name = f"results-{args.size}" + (f"-{args.only.replace(',', '-')}" if args.only else "")
    (OUT / f"{name}.json").write_text(json.dumps(res, indent=2, default=str))
    text = markdown(res)
    (OUT / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
