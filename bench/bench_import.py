"""Benchmark ``kb import gdelt``: a synthetic GDELT 2.0 export into the embedded store.

Usage::

    .venv/bin/python bench/bench_import.py [--rows 100000] [--runs 5] [--batch N]
        [--keep FILE] [--profile] [--floor]

The generator writes a 61-column GDELT 2.0 export shaped like a real daily file: CAMEO
codes weighted like GDELT's mix (mostly statements and consultations, some fighting),
actors from a pool of a few thousand names and codes, places taken from kb's gazetteer
(country, ADM1 and city geography types, with GDELT's "City, Region, Country" names and
FIPS codes), most events dated on the file's day and some weeks back, several events per
source article, and about a third of violent events repeated by other articles (GDELT's
duplicate rows of one real event: about 9% of the rows).

Each run imports the file into a new embedded store in a fresh process (so peak memory,
``ru_maxrss``, is that run's own), and the script prints the median rows per second and
the median peak resident memory over the runs, the process CPU time (the store's
loader threads included), the load average of the machine around each run, plus the
store size and counts.

Figures on the development machine (2 vCPUs shared with other jobs), 100,000 rows ->
90,954 incidents:

* before (report, time, roles, mention and article per row, ~63 quads a row, then
  linking): 160-400 rows/s;
* compact incidents, 1.77 M quads (17.7 a row), at 284d1fa: median 4,286 rows/s,
  peak memory 818 MB, 24.3 CPU-s a run;
* with month buckets (``kb:inBucket``, 5.4 quads an incident), 2.26 M quads (22.6 a
  row), ``--rows 100000 --runs 5``: medians 6,610, 4,579 and 4,305 rows/s in three sets
  (3,750-7,000 a run as other jobs came and went, load average 2-5), peak memory
  851 MB, 23.7-25 CPU-s a run; 300,000 rows: 5,057 rows/s, 902 MB (flat: kb holds a
  window of groups and a few batches of text, a load at most a batch of incidents).

Seventh session, ``--runs 1`` six times each, the old and the new code alternating
(20:01-20:13, load average 1.9-2.9; the same 2,299,880 quads, stored alike): kb's thread
7.4-8.5 -> 6.3-6.7 CPU-s (the fuzzy actor match sorts the registry's words once; RDF
strings are escaped only when they need it; the end-of-file rewrite reads the incidents
it replaces once), the process 27.8-32.2 -> 25.7-28.8 CPU-s, median 5,860 -> 6,560
rows/s, peak 915 -> 950 MB. The loader and RocksDB take the rest, 20-24 CPU-s (about
10 us a quad: TriG parsing ~15 %, encoding, sorting and writing six index orders
~60 %, compaction of the earlier loads ~20 %).

``--floor`` times the two halves apart. kb's side (reading, grouping, RDF text) runs
at 21,000-22,600 rows/s (4.5 CPU-s). pyoxigraph's bulk loader storing that same text,
two loads side by side and nothing else running in the process, takes 11.7-19.9 s:
5,000-8,500 rows/s, 8.5-8.9 us of CPU a quad (sorting six index orders of every quad
and malloc, see ``perf``). The import as a whole runs at that floor; what bounds it is
the quads an incident needs, not the parsing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: CAMEO root code -> share of rows (roughly GDELT's: verbal cooperation dominates).
ROOT_WEIGHTS = {
    "01": 12, "02": 5, "03": 7, "04": 20, "05": 8, "06": 2, "07": 2, "08": 2, "09": 2,
    "10": 3, "11": 7, "12": 2, "13": 3, "14": 3, "15": 1, "16": 2, "17": 6, "18": 4,
    "19": 6, "20": 1,
}  # fmt: skip
SUBCODES = {
    "01": ["010", "012", "013", "014"], "02": ["020", "023", "028"], "03": ["030", "036"],
    "04": ["040", "042", "043", "046"], "05": ["050", "051", "057"], "06": ["061"],
    "07": ["070", "073"], "08": ["080", "081"], "09": ["090"], "10": ["100"],
    "11": ["111", "112"], "12": ["120", "128"], "13": ["130", "138"], "14": ["140", "141", "145"],
    "15": ["150"], "16": ["160", "163"], "17": ["170", "173", "175"],
    "18": ["180", "181", "183", "1831", "186"], "19": ["190", "193", "194", "195"],
    "20": ["200", "202"],
}  # fmt: skip
COUNTRIES = ["IRQ", "SYR", "USA", "ISR", "PSE", "IRN", "TUR", "LBN", "YEM", "SAU", "RUS",
             "UKR", "GBR", "FRA", "AFG", "PAK", "IND", "CHN", "EGY", "LBY", "SDN", "NGA"]  # fmt: skip
TYPES = ["MIL", "GOV", "COP", "REB", "INS", "CVL", "MED", "SPY", "BUS", "", "", ""]
GROUPS = ["ISLAMIC STATE", "HAMAS", "HEZBOLLAH", "TALIBAN", "AL QAEDA", "HOUTHI",
          "KATAIB HEZBOLLAH", "AL SHABAAB", "BOKO HARAM", "KURDISTAN WORKERS PARTY"]  # fmt: skip
ROLES = ["POLICE", "MILITARY", "SOLDIER", "GOVERNMENT", "MILITANT", "PROTESTER", "STUDENT",
         "PRESIDENT", "PRIME MINISTER", "REBEL", "JOURNALIST", "CIVILIAN", "COURT", "BUSINESS",
         "OPPOSITION", "MINISTRY", "LEGISLATURE", "SECURITY FORCES", "ARMY", "DOCTOR"]  # fmt: skip


def _places(rng: random.Random, n: int) -> list[tuple[str, str, str, str, str, str, str]]:
    """(type, full name, FIPS, ADM1 code, lat, long, feature id) drawn from kb's gazetteer."""
    data = ROOT / "kb" / "data" / "gazetteer"
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    fips_of = {cc: f for f, cc in meta["fips"].items()}
    rows = {}
    with gzip.open(data / "places.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            pid, level, cc, parent, lat, lon, pop, name = line.rstrip("\n").split("\t")
            rows[pid] = (level, cc, parent, lat, lon, int(pop or 0), name)
    iso3 = {cc: info["name"] for cc, info in meta["countries"].items()}
    wanted = {"IQ", "SY", "US", "IL", "PS", "IR", "TR", "LB", "YE", "SA", "RU", "UA", "AF", "PK"}
    cities = [
        (pid, r) for pid, r in rows.items() if r[0] == "city" and r[1] in wanted and r[5] > 20000
    ]
    rng.shuffle(cities)
    out = []
    for i, (pid, (_, cc, parent, lat, lon, _pop, name)) in enumerate(cities[:n]):
        region = rows.get(parent)
        if not region or region[0] != "region" or cc not in fips_of:
            continue
        fips = fips_of[cc]
        adm1 = f"{fips}{i % 40:02d}"
        country = iso3.get(cc, cc)
        out.append(
            ("4", f"{name}, {region[6]}, {country}", fips, adm1, lat, lon, pid.split(":")[1])
        )
        if i % 5 == 0:
            out.append(("5", f"{region[6]}, {country}", fips, adm1, region[3], region[4], adm1))
        if i % 9 == 0:
            out.append(("1", country, fips, fips, lat, lon, fips))
    return out


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a synthetic GDELT 2.0 export of `rows` rows."""
    rng = random.Random(seed)
    places = _places(rng, 3000)
    actors = []
    for cc in COUNTRIES:
        for t in TYPES:
            actors.append((f"{cc}{t}", "", cc, t))
        for role in ROLES:
            actors.append((cc + rng.choice(TYPES), role, cc, rng.choice(TYPES)))
    for g in GROUPS:
        actors.append(("IMGMOSREB", g, "", "REB"))
    for i in range(2500):  # the long tail of names GDELT writes
        cc = rng.choice(COUNTRIES)
        actors.append((cc, f"{rng.choice(ROLES)} {chr(65 + i % 26)}{i}", cc, rng.choice(TYPES)))
    roots = list(ROOT_WEIGHTS)
    weights = [ROOT_WEIGHTS[r] for r in roots]
    day = "20240305"
    back = [f"202402{d:02d}" for d in range(1, 29)] + ["20230612", "20231101"]
    event_id = 1_100_000_000
    url_n = 0
    url = ""
    left_in_url = 0
    out: list[str] = []
    written = 0

    def actor_cols(a: tuple[str, str, str, str] | None) -> list[str]:
        if a is None:
            return [""] * 10
        code, name, cc, t = a
        return [code, name or cc, cc, "", "", "", "", t, "", ""]

    with open(path, "w", encoding="utf-8") as fh:
        while written < rows:
            if left_in_url <= 0:
                url_n += 1
                url = f"https://news{url_n % 400}.example.com/2024/03/05/story-{url_n}.html"
                left_in_url = rng.randint(1, 8)
            left_in_url -= 1
            root = rng.choices(roots, weights)[0]
            code = rng.choice(SUBCODES[root])
            sql = day if rng.random() < 0.8 else rng.choice(back)
            a1 = rng.choice(actors) if rng.random() > 0.03 else None
            a2 = rng.choice(actors) if rng.random() > 0.25 else None
            geo = rng.choice(places)
            copies = 1
            if root in ("18", "19", "20") and rng.random() < 0.35:
                copies = rng.randint(2, 5)
            for c in range(copies):
                if written >= rows:
                    break
                event_id += 1
                src = url if c == 0 else f"https://dup{c}.example.org/{event_id}"
                cols = [str(event_id), sql, sql[:6], sql[:4], f"{sql[:4]}.1781"]
                cols += actor_cols(a1) + actor_cols(a2)
                cols += ["1", code, code[:3], root, "4", "-5.0", "4", "1", "4", "-3.2"]
                cols += [""] * 16
                gtype, full, fips, adm1, lat, lon, feat = geo
                cols += [gtype, full, fips, adm1, "", lat, lon, feat]
                cols += ["20240305120000", src]
                out.append("\t".join(cols))
                written += 1
            if len(out) >= 10000:
                fh.write("\n".join(out) + "\n")
                out.clear()
        if out:
            fh.write("\n".join(out) + "\n")


def _one_run(path: str, batch: int | None, profile: bool, queue: multiprocessing.Queue) -> None:
    from kb.actors import ActorRegistry
    from kb.gazetteer import Gazetteer
    from kb.importers import import_files
    from kb.store import open_store

    ActorRegistry.default()  # loading the registry and gazetteer is not import work
    Gazetteer.default()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    where = tempfile.mkdtemp(prefix="kb-bench-")
    store = open_store(where)
    options = {"quiet": True} if batch is None else {"quiet": True, "batch": batch}
    load_before = os.getloadavg()[0]
    cpu_before = _cpu()
    main_before = time.thread_time()  # kb's side: the importing thread alone
    started = time.perf_counter()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        summary = prof.runcall(import_files, store, "gdelt", [path], **options)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    else:
        summary = import_files(store, "gdelt", [path], **options)
    elapsed = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    main_cpu = time.thread_time() - main_before
    quads = store.triple_count()
    store.close()
    size = sum(f.stat().st_size for f in Path(where).rglob("*") if f.is_file())
    shutil.rmtree(where, ignore_errors=True)
    queue.put(
        {
            "seconds": elapsed,
            "rows": summary.rows_read,
            "imported": summary.imported,
            "incidents": summary.incidents,
            "quads": quads,
            "store_mb": size / 1e6,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "base_mb": base_rss,
            "cpu": cpu,
            "main_cpu": main_cpu,
            "load": (load_before, os.getloadavg()[0]),
        }
    )


def _floor_run(path: str, batch: int | None, queue: multiprocessing.Queue) -> None:
    """The two halves apart: kb's parsing with no store, then the loader alone.

    The import runs with a loader that only keeps the RDF text it is handed; that text
    is then bulk-loaded into a new store the way the importer does it (two loads side
    by side), which is the fastest this pyoxigraph can store what kb writes.
    """
    import queue as queues
    import threading

    import pyoxigraph as ox

    import kb.importers.pipeline as pipeline
    from kb.actors import ActorRegistry
    from kb.gazetteer import Gazetteer
    from kb.store import open_store

    ActorRegistry.default()
    Gazetteer.default()
    texts: list[tuple[bytes, object]] = []

    def keep(_store: object):
        return lambda data, fmt: texts.append((data, fmt))

    pipeline._bulk_loader = keep  # type: ignore[assignment]
    where = tempfile.mkdtemp(prefix="kb-bench-")
    store = open_store(where)
    options = {"quiet": True} if batch is None else {"quiet": True, "batch": batch}
    cpu, started = _cpu(), time.perf_counter()
    summary = pipeline.import_files(store, "gdelt", [path], **options)
    parse = (time.perf_counter() - started, _cpu() - cpu)
    store.close()
    shutil.rmtree(where, ignore_errors=True)
    where = tempfile.mkdtemp(prefix="kb-bench-")
    target = ox.Store(where)
    todo: queues.Queue = queues.Queue()
    for item in texts:
        todo.put(item)

    def load() -> None:
        while True:
            try:
                data, fmt = todo.get_nowait()
            except queues.Empty:
                return
            target.bulk_load(data, format=fmt, lenient=fmt == ox.RdfFormat.TRIG)

    cpu, started = _cpu(), time.perf_counter()
    threads = [threading.Thread(target=load) for _ in range(pipeline.LOADERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    loading = (time.perf_counter() - started, _cpu() - cpu)
    quads = len(target)
    shutil.rmtree(where, ignore_errors=True)  # the process ends right after
    queue.put({"rows": summary.rows_read, "parse": parse, "load": loading, "quads": quads})


def _cpu() -> float:
    """CPU seconds of this process, every thread included."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    """Generate the file, run the imports, print the command and the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--batch", type=int, default=None, help="rows per batch (default: kb.importers.BATCH)"
    )
    parser.add_argument("--keep", help="write the generated file here and keep it")
    parser.add_argument("--profile", action="store_true", help="profile one run instead")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="time parsing (no store) and pyoxigraph's loader (same text) apart instead",
    )
    args = parser.parse_args()
    print("$ " + " ".join([Path(sys.executable).name, *sys.argv]))
    # A folder for the generated file only when it is not kept (it is removed at the end).
    tmp = "" if args.keep else tempfile.mkdtemp(prefix="kb-bench-data-")
    path = Path(args.keep) if args.keep else Path(tmp) / "20240305.export.CSV"
    started = time.perf_counter()
    generate(path, args.rows)
    print(f"generated {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    ctx = multiprocessing.get_context("spawn")
    if args.floor:
        for i in range(args.runs):
            queue = ctx.Queue()
            proc = ctx.Process(target=_floor_run, args=(str(path), args.batch, queue))
            proc.start()
            res = queue.get()
            proc.join()
            (pw, pc), (lw, lc) = res["parse"], res["load"]
            print(
                f"run {i + 1}: parsing alone {pw:.1f} s ({res['rows'] / pw:,.0f} rows/s, "
                f"CPU {pc:.1f} s); loader alone {lw:.1f} s for {res['quads']:,} quads "
                f"({res['quads'] / lw:,.0f} quads/s, {res['rows'] / lw:,.0f} rows/s, "
                f"CPU {lc:.1f} s, {lc / res['quads'] * 1e6:.1f} us a quad)"
            )
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    results = []
    for i in range(1 if args.profile else args.runs):
        queue = ctx.Queue()
        proc = ctx.Process(target=_one_run, args=(str(path), args.batch, args.profile, queue))
        proc.start()
        res = queue.get()
        proc.join()
        results.append(res)
        print(
            f"run {i + 1}: {res['seconds']:.1f} s, {res['rows'] / res['seconds']:,.0f} rows/s, "
            f"CPU {res['cpu']:.1f} s (kb's thread {res['main_cpu']:.1f} s, the loader and "
            f"RocksDB {res['cpu'] - res['main_cpu']:.1f} s), load average {res['load'][0]:.1f}->{res['load'][1]:.1f}, "
            f"peak {res['peak_mb']:,.0f} MB (after loading data {res['base_mb']:,.0f} MB), "
            f"{res['incidents']:,} incidents, {res['quads']:,} quads, "
            f"store {res['store_mb']:,.0f} MB"
        )
    rates = [r["rows"] / r["seconds"] for r in results]
    print(
        f"median of {len(results)} runs at {args.rows:,} rows: "
        f"{statistics.median(rates):,.0f} rows/s, "
        f"peak memory {statistics.median(r['peak_mb'] for r in results):,.0f} MB, "
        f"{statistics.median(r['quads'] / r['seconds'] for r in results):,.0f} quads/s, "
        f"CPU {statistics.median(r['cpu'] for r in results):.1f} s "
        f"({statistics.median(r['quads'] / r['cpu'] for r in results):,.0f} quads per CPU-s)"
    )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
