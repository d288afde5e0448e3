"""Review how the gazetteer pairs GeoNames admin1 codes with ISO 3166-2 regions.

Usage: python scripts/audit_gazetteer_regions.py [CC ...] [--flagged] [--json]

For each country (default: the conflict countries of :mod:`kb.gazetteer.tables` and
the other countries conflict news is often about) it lists each ISO region, the admin1
it is paired with and the largest towns there, and flags regions left unpaired or whose
anchor town lies in another admin1. A pair is right when the region's capital is among
its towns; add the capital to ``REGION_ANCHORS`` where it is not. Admin1 codes paired
with no region are listed as orphans: their towns have no region.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.gazetteer.build import audit_regions  # noqa: E402
from kb.gazetteer.tables import CONFLICT_COUNTRIES  # noqa: E402

#: Countries conflict news is about beyond the conflict countries (towns from cities15000).
NEWS_COUNTRIES = (
    "MX CO BR VE EC PE HN GT SV PH IN PK BD TH MM NG CM CD ET KE SO SD SS ML BF NE TD LY "
    "YE SY IQ IR AF UA RU IL PS LB TR AZ AM GE HT MZ".split()
)


def _towns(towns: list[list[object]]) -> str:
    return ", ".join(f"{name} {int(pop) // 1000}k" for name, pop in towns)  # type: ignore[call-overload]


def main(argv: list[str]) -> int:
    """Print the audit; exit status 1 when a region is flagged."""
    args = [a for a in argv[1:] if not a.startswith("--")]
    flagged_only = "--flagged" in argv
    countries = [a.upper() for a in args] or list(
        dict.fromkeys([*CONFLICT_COUNTRIES, *NEWS_COUNTRIES])
    )
    report = audit_regions(countries)
    if "--json" in argv:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return int(any(r["flags"] for c in report for r in c["regions"]))
    n_flagged = 0
    for country in report:
        lines = []
        for r in country["regions"]:
            n_flagged += bool(r["flags"])
            if flagged_only and not r["flags"]:
                continue
            anchor = f"  [anchor {r['anchor']} in {r['anchor_admin1']}]" if r["anchor"] else ""
            flags = f"  !! {' '.join(r['flags'])}" if r["flags"] else ""
            lines.append(
                f"  {r['code']:<10} {r['name'][:34]:<34} -> {r['admin1'] or '-':<4} "
                f"{_towns(r['towns'])}{anchor}{flags}"
            )
        for o in country["orphans"]:
            lines.append(f"  orphan admin1 {o['admin1']:<4} {_towns(o['towns'])}")
        if lines:
            print(f"== {country['country']}")
            print("\n".join(lines))
    print(f"{n_flagged} flagged regions in {len(report)} countries")
    return int(n_flagged > 0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
