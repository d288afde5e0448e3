"""What a quad costs pyoxigraph's bulk loader, by layout: the ceiling of ``kb import``.

Usage::

    .venv/bin/python bench/bench_loader.py [--rows 100000]

Generates a synthetic GDELT 2.0 export (``bench_import.generate``), runs kb's importer
with a loader that only keeps the RDF text it is handed, then loads that same data into
a new embedded store in each of the ways pyoxigraph offers, each in a fresh process:
TriG as kb writes it (two loads side by side, as the importer runs them), two batches a
load ("pairs"), N-Quads, one load of everything, one load at a time, ``bulk_extend`` of
``Quad`` objects, and the same triples in the default graph (three index orders instead
of six). It prints wall and CPU time (both cores), CPU per quad, the rows per second the
loader alone would allow, the CPU RocksDB's compaction threads took meanwhile and the
peak memory. Results: bench/RESULTS.md, "What a quad costs the bulk loader".
"""

from __future__ import annotations

import argparse
import os
import pickle
import queue
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LAYOUTS = ("trig", "pairs", "nquads", "one", "serial", "objects", "default")


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rocksdb_cpu() -> float:
    """CPU seconds of RocksDB's background threads (compaction), alive ones (Linux)."""
    import glob

    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for task in glob.glob("/proc/self/task/*"):
        try:
            with open(task + "/comm") as fh:
                if not fh.read().startswith("rocksdb"):
                    continue
            with open(task + "/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def capture(gdelt: Path, out: Path) -> int:
    """Import `gdelt` with a loader that keeps the text; pickle the batches to `out`."""
    import kb.importers.pipeline as pipeline
    from kb.store import open_store

    texts: list[bytes] = []
    pipeline._bulk_loader = lambda _store: lambda data, fmt: texts.append(data)  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as where:
        summary = pipeline.import_files(open_store(where), "gdelt", [str(gdelt)], quiet=True)
    out.write_bytes(pickle.dumps(texts))
    return summary.rows_read


def load(batches: Path, layout: str, rows: int) -> str:
    """Load the captured batches in one layout into a new store; one line of figures."""
    import pyoxigraph as ox

    texts: list[bytes] = pickle.loads(batches.read_bytes())
    items: list[tuple[object, object]] = []
    for data in texts:
        if layout in ("trig", "serial"):
            items.append((data, ox.RdfFormat.TRIG))
            continue
        quads = list(ox.parse(data, format=ox.RdfFormat.TRIG, lenient=True))
        if layout == "nquads":
            items.append((ox.serialize(quads, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS))
        elif layout == "objects":
            items.append((quads, None))
        elif layout == "default":
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            items.append(
                (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.N_TRIPLES)
            )
    if layout == "one":
        items = [(b"".join(texts), ox.RdfFormat.TRIG)]  # repeated @prefix lines are valid TriG
    elif layout == "pairs":  # two batches a load (kb.importers.pipeline.LOAD_BYTES at 40 MB)
        items = [(b"".join(texts[i : i + 2]), ox.RdfFormat.TRIG) for i in range(0, len(texts), 2)]
    loaders = 1 if layout in ("one", "serial") else 2
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as where:
        store = ox.Store(where)
        todo: queue.Queue = queue.Queue()
        for item in items:
            todo.put(item)

        def run(store: ox.Store) -> None:
            while True:
                try:
                    data, fmt = todo.get_nowait()
                except queue.Empty:
                    return
                if fmt is None:
                    store.bulk_extend(data)
                else:
                    store.bulk_load(data, format=fmt, lenient=True)

        cpu, started = _cpu(), time.perf_counter()
        threads = [threading.Thread(target=run, args=(store,)) for _ in range(loaders)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
        compaction = _rocksdb_cpu()
        n = len(store)
        # Closed before its folder is removed: compaction may still be writing files.
        del store

    return (
        f"| {layout} | {wall:.1f} s | {cpu:.1f} s | {cpu / n * 1e6:.2f} us | "
        f"{rows / wall:,.0f} | {n:,} quads, RocksDB's own threads (compaction) "
        f"{compaction:.1f} s of the CPU, peak "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB, "
        f"load average {os.getloadavg()[0]:.1f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--layout", choices=LAYOUTS, help=argparse.SUPPRESS)
    ap.add_argument("--batches", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.layout:  # a child process: one layout
        print(load(args.batches, args.layout, args.rows), flush=True)
        return
    from bench_import import generate

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        gdelt, batches = Path(tmp) / "export.CSV", Path(tmp) / "batches.pickle"
        generate(gdelt, args.rows)
        rows = capture(gdelt, batches)
        print("| layout | wall | CPU | CPU a quad | rows/s (loader alone) | |")
        print("| --- | --- | --- | --- | --- | --- |")
        for layout in LAYOUTS:
            cmd = [sys.executable, __file__, "--rows", str(rows), "--layout", layout]
            subprocess.run([*cmd, "--batches", str(batches)], check=True)


if __name__ == "__main__":
    main()
