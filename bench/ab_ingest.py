"""`kb ingest` of one corpus by two versions of kb, alternating, into new stores.

The host's speed drifts by tens of percent within minutes, so two versions are only
compared fairly run against run. Each checkout's modules are compiled first (a sandbox
with PYTHONDONTWRITEBYTECODE would otherwise compile them in every process).

Usage::

    git worktree add /tmp/old <commit>
    .venv/bin/python bench/ab_ingest.py --old /tmp/old --new . --runs 6 \\
        [--corpus bench/out/articles-300] [--into STORE]

``--into STORE`` ingests into a copy of STORE (made before each run, not timed): the
corpus then joins a knowledge base that holds articles already, where linking reads the
stored reports of the same places and actors.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(
    checkout: Path, corpus: Path, store: Path, into: Path | None = None
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its helper) of one ingest."""
    shutil.rmtree(store, ignore_errors=True)
    if into is not None:
        shutil.copytree(into, store)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    code = (
        "import sys; sys.argv = ['kb', 'ingest', sys.argv[1], '--store', sys.argv[2], "
        "'--quiet']; import kb.cli; kb.cli.main()"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(store)], env=env, cwd=checkout, check=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, required=True, help="checkout of the first version")
    ap.add_argument("--new", type=Path, required=True, help="checkout of the second version")
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "articles-300")
    ap.add_argument("--into", type=Path, help="ingest into a copy of this store")
    args = ap.parse_args(argv)
    versions = {"old": args.old.resolve(), "new": args.new.resolve()}
    for checkout in versions.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "kb")], check=True)
    n = len([p for p in args.corpus.iterdir() if p.is_file()])
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in versions}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for name, checkout in versions.items():
                store = Path(tmp) / "store"
                results[name].append(run_once(checkout, args.corpus, store, args.into))
    where = f"into a copy of {args.into}" if args.into else "into new stores"
    print(f"{n} articles from {args.corpus} {where}, {args.runs} runs each, alternating")
    print(f"load average at the end: {os.getloadavg()}")
    for name, runs in results.items():
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        med = statistics.median(walls)
        print(
            f"{name} ({versions[name]}): wall median {med:.2f} s ({min(walls):.2f}-"
            f"{max(walls):.2f}), {n / med:.0f} articles/s; CPU median {statistics.median(cpus):.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
