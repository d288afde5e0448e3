"""Extraction cases: one folder per case, ``article.txt`` + ``expected.json``.

An expected event lists only what it asserts; the extracted events must contain a
match for each expected event (same type), and ``count`` pins the number of events.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.extract.pipeline import Extractor
from kb.readers import read_paths

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def test_cases_collected():
    assert len(CASES) == 3


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _matches(ev, exp: dict) -> list[str]:
    problems = []
    if "agents" in exp and sorted(a.id for a in ev.agents) != sorted(exp["agents"]):
        problems.append(f"agents {[a.id for a in ev.agents]}")
    if exp.get("agent_unidentified") and not any(a.unidentified for a in ev.agents):
        problems.append("no unidentified agent")
    for part in exp.get("target_names_contain", []):
        if not any(part in t.name for t in ev.targets):
            problems.append(f"no target containing {part!r}: {[t.name for t in ev.targets]}")
    for key in exp.get("participants_include", []):
        if key not in {a.id for a in ev.actors}:
            problems.append(f"no participant {key}")
    ids = [p.id for p in ev.places]
    for pid in exp.get("places", []):
        if pid not in ids:
            problems.append(f"no place {pid} in {ids}")
    for name in exp.get("places_include_name", []):
        if name not in [p.name for p in ev.places]:
            problems.append(f"no place named {name}")
    for key, value in (exp.get("date") or {}).items():
        got = getattr(ev.date, key)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        if got != value:
            problems.append(f"date.{key} {got!r} != {value!r}")
    if "reported_by_contains" in exp and exp["reported_by_contains"] not in (
        ev.attribution.reported_by or ""
    ):
        problems.append(f"reported_by {ev.attribution.reported_by!r}")
    if "citing_contains" in exp and exp["citing_contains"] not in (ev.attribution.citing or ""):
        problems.append(f"citing {ev.attribution.citing!r}")
    for key in ("certainty", "negated"):
        if key in exp and getattr(ev, key) != exp[key]:
            problems.append(f"{key} {getattr(ev, key)!r}")
    for key, value in (exp.get("quantities") or {}).items():
        if ev.quantities.get(key) != value:
            problems.append(f"quantity {key} {ev.quantities.get(key)!r} != {value}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, extractor):
    expected = json.loads((case / "expected.json").read_text())
    [article] = list(read_paths([str(case / "article.txt")]))
    events = extractor.extract(article)
    for exp in expected["events"]:
        candidates = [e for e in events if e.type == exp["type"]]
        assert candidates, f"no {exp['type']} event in {[e.type for e in events]}"
        reports = [_matches(e, exp) for e in candidates]
        assert any(not r for r in reports), f"{exp['type']}: {reports}"
    if "count" in expected:
        assert len(events) == expected["count"], [e.type for e in events]
    if "count_at_least" in expected:
        assert len(events) >= expected["count_at_least"]
    for ev in events:
        # Every mention points at its text in the body.
        for m in ev.all_mentions:
            assert article.text[m.start : m.end] == m.text
