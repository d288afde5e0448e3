"""The benchmark generator (bench/generate.py) writes stores kb itself would write."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.generate import KbGenerator, generate
from kb.link.incidents import incident_graph, incident_triples, load_reports
from kb.store.embedded import EmbeddedStore
from kb.timeline.build import TimelineFilter, related_events, select_events, timeline
from kb.validate import validate_store

EVENTS = 500


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "kb"
    meta = generate(EVENTS, out, seed=3, nq=True, optimize=False)
    return out, meta


@pytest.fixture(scope="module")
def store(small: tuple[Path, dict]):
    with EmbeddedStore(small[0] / "store", read_only=True) as st:
        yield st


def test_counts_add_up(small: tuple[Path, dict], store: EmbeddedStore) -> None:
    out, meta = small
    assert meta["events"] == EVENTS
    assert meta["reports"] >= EVENTS  # every incident has at least one report
    assert 0 < meta["articles"] <= meta["reports"]
    assert store.triple_count() == meta["quads"]
    assert (out / "data.nq").stat().st_size == meta["nq_bytes"]
    rows = store.select("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }").rows
    assert int(rows[0]["n"]) == EVENTS
    rows = store.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }").rows
    assert int(rows[0]["n"]) == meta["articles"]


def test_store_conforms_to_the_shapes(store: EmbeddedStore) -> None:
    report = validate_store(store)
    assert report.conforms, report.text()[:2000]


def test_incidents_are_what_the_linker_builds_from_their_reports(store: EmbeddedStore) -> None:
    rows = store.select("SELECT ?ev ?r WHERE { ?ev kb:hasReport ?r }").rows
    members: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        members[str(row["ev"])].append(str(row["r"]))
    assert len(members) == EVENTS
    for ev in sorted(members)[:60]:
        key, triples = incident_triples(load_reports(store, members[ev]))
        assert ev.endswith("/" + key)
        want = {(s.n3(), p.n3(), o.n3()) for s, p, o in triples}
        have = {(s.n3(), p.n3(), o.n3()) for s, p, o, _g in store.quads(incident_graph(key))}
        assert have == want, ev


def test_popular_actor_timeline_and_zipf_skew(small: tuple[Path, dict], store) -> None:
    meta = small[1]
    popular = meta["queries"]["popular_actor"]
    rare = meta["queries"]["rare_actor"]
    assert popular["events"] > 5 * rare["events"]  # a few actors take most incidents
    entries = timeline(store, TimelineFilter(actors=[popular["name"]]))
    assert len(entries) == popular["events"]
    assert all(any(a["id"] == popular["key"] for a in e["actors"] + e["targets"]) for e in entries)
    dates = [e["date"]["earliest"] or "" for e in entries]
    assert dates == sorted(dates)
    limited = select_events(store, TimelineFilter(actors=[popular["name"]], limit=7))
    assert len(limited) == 7


def test_place_query_finds_contained_places(small: tuple[Path, dict], store) -> None:
    meta = small[1]
    events = select_events(store, TimelineFilter(places=["Iraq"]))
    assert len(events) == meta["queries"]["place"]["events"] > 0
    sample = meta["queries"]["sample_events"][0]["event"]
    assert isinstance(related_events(store, sample), list)


def test_same_seed_same_data() -> None:
    first = "".join(KbGenerator(40, seed=9, block=16).iter_nquads())
    again = "".join(KbGenerator(40, seed=9, block=16).iter_nquads())
    other = "".join(KbGenerator(40, seed=10, block=16).iter_nquads())
    assert first == again
    assert first != other
