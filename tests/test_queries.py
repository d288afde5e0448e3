"""Every named query runs unchanged on the embedded store and on `oxigraph serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.ingest import ingest_articles
from kb.queries import list_queries, run_named
from kb.readers import read_paths
from kb.store import open_store
from kb.store.base import SelectResult

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
QUERIES = list_queries()


def test_query_library_collected():
    assert len(QUERIES) == 8
    for q in QUERIES:
        assert q.description, q.name


@pytest.fixture(scope="module")
def stores(tmp_path_factory, oxigraph_server):
    articles = list(read_paths([str(EXAMPLES)]))
    embedded = open_store(str(tmp_path_factory.mktemp("q") / "store"))
    oxigraph_server.clear()
    remote = open_store(oxigraph_server.url)
    for st in (embedded, remote):
        ingest_articles(st, articles)
    yield {"embedded": embedded, "remote": remote}
    embedded.close()


def _event_key(store) -> str:
    rows = store.select(
        "SELECT ?e (COUNT(?a) AS ?n) WHERE { ?e a sem:Event ; sem:hasActor ?a ; sem:hasPlace ?p } "
        "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"
    ).rows
    return str(rows[0]["e"]).rsplit("/", 1)[-1]


PARAMS = {
    "actor-timeline": {"actor": "Islamic State"},
    "place-timeline": {"place": "Iraq"},
    "events-between": {"since": "2025-01-01", "until": "2025-12-31"},
    "related-events": {"event": None},
    "actor-network": {},
    "place-activity-by-month": {"place": "Iraq"},
    "event-sources": {"event": None},
    "events-of-type": {"type": "attack"},
}


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_query_same_answer_on_both_backends(stores, name):
    answers = {}
    for backend, st in stores.items():
        params = dict(PARAMS[name])
        if "event" in params:
            params["event"] = _event_key(st)
        result = run_named(st, name, params)
        assert isinstance(result, SelectResult)
        answers[backend] = sorted(tuple(str(r.get(v)) for v in result.vars) for r in result.rows)
    assert answers["embedded"] == answers["remote"]
    if name != "related-events":
        assert answers["embedded"], f"{name} returned nothing on the example store"


def test_place_timeline_includes_contained_places(stores):
    st = stores["embedded"]
    rows = run_named(st, "place-timeline", {"place": "Iraq"}).rows
    wheres = {str(r["where"]) for r in rows}
    assert len(wheres) > 1  # towns and regions inside Iraq, not only Iraq itself


def test_hostile_parameter_values(stores):
    for st in stores.values():
        for hostile in ['"} ; DROP ALL ; {"', "x' } INSERT DATA { <a> <b> <c> } #", "\n\u202e"]:
            result = run_named(st, "actor-timeline", {"actor": hostile})
            assert isinstance(result, SelectResult)
        assert st.triple_count() > 100


def test_actor_network_leaves_out_civilians_and_unidentified_actors(stores):
    st = stores["embedded"]
    kinds = {
        str(r["a"]): str(r["k"])
        for r in st.select("SELECT ?a ?k WHERE { ?a kb:actorKind ?k }").rows
    }
    # The examples have civilians taking part alongside named actors.
    assert "civilians" in kinds.values()
    rows = run_named(st, "actor-network", {}).rows
    assert rows
    seen = {str(r[v]) for r in rows for v in ("a", "b")}
    assert not {kinds.get(a) for a in seen} & {"civilians", "unidentified"}
