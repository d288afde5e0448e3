"""What `kb ingest`'s writes of new graphs cost: a transaction against the bulk loader.

Usage::

    .venv/bin/python bench/bench_writes.py [--corpus bench/out/articles-300] [--runs 5]
        [--into STORE]

Ingests the corpus once into a scratch store, keeping the N-Quads text of every write of
new graphs (`EmbeddedStore.add_new_graphs`: a batch's article graphs with their
canonical triples and pending-link note, then its new incident graphs). Then, in a fresh
process per run and alternating, writes the same texts into a new store, in the same
order, once as transactions (`Store.load`, what `kb ingest` did before) and once through
the bulk loader (`Store.bulk_load`, what it does now: one atomic RocksDB ingestion per
write), and prints the median wall and CPU time (the engine's threads included) of the
writes, the CPU of the final flush and close (compactions the writes started finish
there), and the quads per second. With ``--into STORE`` the corpus is ingested into a
copy of STORE and each replay writes into a fresh copy of it (a store that holds
articles already: the new table files overlap the old ones). Results:
bench/RESULTS.md ("Targets (ninth session)").
"""

from __future__ import annotations

import argparse
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("transaction", "bulk")


def capture(corpus: Path, texts: Path, into: Path | None = None) -> int:
    """Ingest `corpus` into a scratch store (a copy of `into`, if given); pickle the texts
    of its new-graph writes."""
    from kb.ingest import ingest_articles
    from kb.readers import read_paths
    from kb.store.embedded import EmbeddedStore

    kept: list[str] = []
    real = EmbeddedStore.add_new_graphs

    def keep(self, text, graphs):  # type: ignore[no-untyped-def]
        added = real(self, text, graphs)
        if added:
            kept.append(text)
        return added

    EmbeddedStore.add_new_graphs = keep  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        if into is not None:
            shutil.copytree(into, Path(tmp) / "store")
        store = EmbeddedStore(Path(tmp) / "store")
        try:
            ingest_articles(store, read_paths([str(corpus)]))
        finally:
            store.close()
    texts.write_bytes(pickle.dumps(kept))
    return sum(t.count("\n") for t in kept)


def replay(texts: Path, mode: str, into: Path | None = None) -> None:
    """Write the captured texts into a new store (a copy of `into`, if given); print wall,
    CPU, the CPU of flushing and closing, and the quads stored."""
    import pyoxigraph as ox

    data = pickle.loads(texts.read_bytes())
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        if into is not None:
            shutil.copytree(into, Path(tmp) / "store")
        store = ox.Store(str(Path(tmp) / "store"))
        cpu0, wall0 = _cpu(), time.perf_counter()
        for text in data:
            if mode == "bulk":
                store.bulk_load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
            else:
                store.load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
        wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
        count = len(store)
        store.flush()
        del store  # closed (background compactions end) before the CPU is read
        flush = _cpu() - cpu0 - cpu
        print(f"{wall:.4f} {cpu:.4f} {flush:.4f} {count}")


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "articles-300")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--into", type=Path, help="a store to copy and write into")
    ap.add_argument("--replay", nargs=2, metavar=("TEXTS", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.replay:
        replay(Path(args.replay[0]), args.replay[1], args.into)
        return
    if not args.corpus.is_dir():
        sys.exit(f"Error: no corpus at {args.corpus}; make it with bench/articles.py")
    work = Path(tempfile.mkdtemp(prefix="kb-bench-writes-"))
    try:
        texts = work / "texts.pickle"
        quads = capture(args.corpus, texts, args.into)
        print(f"{args.corpus}: {quads:,} quads in new-graph writes")
        results: dict[str, list[tuple[float, ...]]] = {m: [] for m in MODES}
        for _ in range(args.runs):
            for mode in MODES:
                out = subprocess.run(
                    [sys.executable, __file__, "--replay", str(texts), mode]
                    + (["--into", str(args.into)] if args.into else []),
                    capture_output=True,
                    text=True,
                    check=True,
                )
                results[mode].append(tuple(float(x) for x in out.stdout.split()))
        for mode in MODES:
            rows = results[mode]
            wall = statistics.median(r[0] for r in rows)
            cpu = statistics.median(r[1] for r in rows)
            flush = statistics.median(r[2] for r in rows)
            print(
                f"{mode:12} wall {wall:.2f} s ({min(r[0] for r in rows):.2f}-"
                f"{max(r[0] for r in rows):.2f}), CPU {cpu:.2f} s + flush and close "
                f"{flush:.2f} s, "
                f"{quads / cpu:,.0f} quads per CPU-s, {int(rows[0][3]):,} quads stored"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
