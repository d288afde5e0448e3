"""Limited timelines read the month-bucket index (kb.index) and give the plain query's answer."""

from __future__ import annotations

import datetime as dt
import urllib.request
from pathlib import Path

import pytest
from rdflib import URIRef

from bench.generate import generate
from kb.index import bucket_iri, month_of
from kb.store.embedded import EmbeddedStore
from kb.timeline.build import TimelineFilter, related_events, select_events, timeline

EVENTS = 1500


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("index") / "kb"
    meta = generate(EVENTS, out, seed=11, nq=False, optimize=False)
    return out, meta


class Spy:
    """Counts the queries that go through the bucket index."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.bucket_queries = 0
        self._orig = store.select_values

    def __enter__(self) -> Spy:
        def wrapped(sparql, bindings=None):
            if "kb:inBucket" in sparql:
                self.bucket_queries += 1
            return self._orig(sparql, bindings)

        self.store.select_values = wrapped  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc) -> None:
        del self.store.select_values


def _plain(store: EmbeddedStore, f: TimelineFilter) -> list:
    """The answer without the index: the whole selection, cut afterwards."""
    full = select_events(store, TimelineFilter(**{**f.__dict__, "limit": None}))
    return full[: f.limit]


def _top_actors(meta: dict, n: int) -> list[str]:
    return [k for k, _ in sorted(meta["actor_events"].items(), key=lambda kv: -kv[1])[:n]]


def test_incident_buckets_match_its_actors_places_and_month(built) -> None:
    out, _meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        rows = st.select_values(
            "SELECT ?e ?earliest ?latest WHERE { ?e a sem:Event . "
            "OPTIONAL { ?e sem:hasEarliestBeginTimeStamp ?earliest } "
            "OPTIONAL { ?e sem:hasLatestEndTimeStamp ?latest } } ORDER BY ?e LIMIT 40"
        )
        for r in rows:
            e = r["e"]
            month = month_of(r["earliest"], r["latest"])
            have = {
                x["b"]
                for x in st.select_values("SELECT ?b WHERE { ?e kb:inBucket ?b }", {"e": URIRef(e)})
            }
            actors = {
                x["a"]
                for x in st.select_values(
                    "SELECT ?a WHERE { ?e sem:hasActor ?a FILTER NOT EXISTS "
                    '{ ?a kb:actorKind "unidentified" } }',
                    {"e": URIRef(e)},
                )
            }
            places, chain = set(), set()
            for x in st.select_values(
                "SELECT ?p ?anc WHERE { ?e sem:hasPlace ?p OPTIONAL { ?p geo:sfWithin ?anc } }",
                {"e": URIRef(e)},
            ):
                places.add(x["p"])
                chain.add(x["p"])
                if x["anc"]:
                    chain.add(x["anc"])
            assert places
            subjects = actors | chain | {"at:" + p for p in places}
            assert have == {bucket_iri(s, month) for s in subjects}, e


@pytest.mark.parametrize("limit", [1, 7, 25, 100])
def test_limited_actor_timeline_equals_the_plain_answer(built, limit: int) -> None:
    out, meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        for actor in _top_actors(meta, 4):
            f = TimelineFilter(actors=[actor], limit=limit)
            with Spy(st) as spy:
                got = select_events(st, f)
            want = _plain(st, f)
            assert got == want, actor
            full = select_events(st, TimelineFilter(actors=[actor]))
            if len(full) >= limit:
                assert len(got) == limit
                assert spy.bucket_queries >= 1  # the index was used, not the plain query
            else:
                assert got == full  # fewer than the limit: all of them, undated last


def test_limited_place_timeline_with_other_filters(built) -> None:
    out, _meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        cases = [
            TimelineFilter(places=["Iraq"], limit=30),
            TimelineFilter(places=["Syria"], limit=10, since=dt.date(2019, 3, 1)),
            TimelineFilter(places=["Syria"], limit=10, until=dt.date(2020, 6, 30)),
            TimelineFilter(places=["Iraq"], types=["attack"], limit=5),
        ]
        for f in cases:
            got = select_events(st, f)
            assert got == _plain(st, f), f
            assert got, f


@pytest.fixture(scope="module")
def unindexed(built, tmp_path_factory: pytest.TempPathFactory):
    """The same store without any kb:inBucket triple (as a store written before them)."""
    out, _meta = built
    tmp = tmp_path_factory.mktemp("unindexed")
    nq = tmp / "data.nq"
    with EmbeddedStore(out / "store", read_only=True) as st, nq.open("wb") as fh:
        st.dump(fh, "nq")
    lines = [ln for ln in nq.read_bytes().splitlines(keepends=True) if b"ns#inBucket>" not in ln]
    nq.write_bytes(b"".join(lines))
    with EmbeddedStore(tmp / "store") as old:
        with nq.open("rb") as fh:
            old.load(fh, "nq")
        yield old


def test_store_without_buckets_falls_back_to_the_plain_query(built, unindexed) -> None:
    out, meta = built
    actor = _top_actors(meta, 1)[0]
    f = TimelineFilter(actors=[actor], limit=20)
    with EmbeddedStore(out / "store", read_only=True) as st:
        want = select_events(st, f)
    assert len(want) == 20
    assert select_events(unindexed, f) == want


def test_related_through_buckets_equals_the_plain_answer(built, unindexed) -> None:
    out, _meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        rows = st.select_values(
            "SELECT DISTINCT ?e ?level WHERE { ?e a sem:Event ; sem:hasActor ?a ; sem:hasPlace ?p . "
            "?p kb:placeLevel ?level } ORDER BY ?e"
        )
        by_level: dict[str, list[str]] = {}
        for r in rows:
            by_level.setdefault(r["level"], []).append(r["e"].rsplit("/", 1)[1])
        assert "country" in by_level and "city" in by_level
        nonempty = indexed = 0
        for level, keys in sorted(by_level.items()):
            for key in keys[:: max(1, len(keys) // 12)]:
                for days in (365, 30):
                    with Spy(st) as spy:
                        got = related_events(st, key, days)
                    assert got == related_events(unindexed, key, days), (key, level, days)
                    indexed += spy.bucket_queries >= 2  # the probe and the candidates
                    nonempty += bool(got)
        assert nonempty >= 10
        assert indexed >= nonempty


def test_index_gives_the_same_answers_through_a_sparql_server(built, oxigraph_server) -> None:
    """The bucket queries are plain SPARQL: `oxigraph serve` answers them alike."""
    from kb.store import open_store

    out, meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        nq = out.parent / "server.nq"
        with nq.open("wb") as fh:
            st.dump(fh, "nq")
        oxigraph_server.clear()
        # Bulk-load through the Graph Store Protocol, as one loads a server.
        req = urllib.request.Request(
            oxigraph_server.url + "/store",
            data=nq.read_bytes(),
            headers={"Content-Type": "application/n-quads"},
            method="POST",
        )
        urllib.request.urlopen(req, timeout=120).read()
        remote = open_store(oxigraph_server.url)
        actor = _top_actors(meta, 1)[0]
        for f in (
            TimelineFilter(actors=[actor], limit=15),
            TimelineFilter(places=["Iraq"], limit=15),
        ):
            got = select_events(remote, f)
            assert got == select_events(st, f)
            assert len(got) == 15
        keys = [
            r["e"].rsplit("/", 1)[1]
            for r in st.select_values(
                "SELECT DISTINCT ?e WHERE { ?e a sem:Event ; sem:hasActor ?a } ORDER BY ?e LIMIT 8"
            )
        ]
        for key in keys:
            assert related_events(remote, key) == related_events(st, key)


def test_table_reads_only_what_it_shows_and_prints_the_same(built) -> None:
    """`--format table` reads the incidents' values and place names only; same text."""
    import io

    from kb.timeline.build import entries_for
    from kb.timeline.exporters import get_exporter

    out, meta = built
    export = get_exporter("table")
    generated = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with EmbeddedStore(out / "store", read_only=True) as st:
        events = select_events(st, TimelineFilter(actors=[_top_actors(meta, 1)[0]], limit=80))
        full, slim = entries_for(st, events), entries_for(st, events, ("places",))
        names = entries_for(st, events, ("place_names",))
        assert all(e["mentions"] and e["actors"] for e in full)
        assert not any(e["mentions"] or e["actors"] for e in slim + names)
        # The light place query reads names and levels, not ancestors or coordinates.
        assert any(p["within"] for e in full for p in e["places"])
        assert not any(p["within"] or p["lat"] is not None for e in names for p in e["places"])
        # Without "extras": no date text and no quantities, which a table does not show.
        assert any(e["quantities"] for e in full) and any(e["date"]["text"] for e in full)
        assert not any(e["quantities"] or e["date"]["text"] for e in slim + names)
        assert [[p["name"] for p in e["places"]] for e in names] == [
            [p["name"] for p in e["places"]] for e in full
        ]
        with pytest.raises(ValueError, match="unknown entry parts"):
            entries_for(st, events, ("nonsense",))
        # The CLI's way: the selection's dates passed on, not read again.
        f = TimelineFilter(actors=[_top_actors(meta, 1)[0]], limit=80)
        dated = timeline(st, f, ("place_names",))
        assert [e["id"] for e in dated] == [e["id"] for e in full]
        for key in ("earliest", "latest", "value", "precision", "display"):
            assert [e["date"][key] for e in dated] == [e["date"][key] for e in full], key
        texts = []
        for entries in (full, slim, names, dated):
            buf = io.StringIO()
            export(entries, buf, title="t", generated=generated)
            texts.append(buf.getvalue())
        assert texts[0] == texts[1] == texts[2] == texts[3]
        assert texts[0].count("\n") > 80


def test_undated_incidents_keep_their_display_in_a_table(tmp_path) -> None:
    """Without extras the basis is read for undated incidents only: they still show it."""
    from kb.ingest import ingest_articles
    from kb.model import Article

    articles = [
        Article(
            id="reported",
            text="Militants attacked an army checkpoint in Ramadi, killing two soldiers, "
            "police said.\n",
            published=dt.date(2024, 3, 5),
            outlet="Wire",
        ),
        Article(
            id="unknown",
            text="Gunmen have attacked a police station in Mosul, officials said.\n",
            outlet="Wire",
        ),
    ]
    with EmbeddedStore(tmp_path / "s") as st:
        ingest_articles(st, articles)
        full = timeline(st, TimelineFilter())
        table = timeline(st, TimelineFilter(), ("place_names",))
    assert sorted(e["date"]["display"] for e in full) == ["date unknown", "reported 5 March 2024"]
    assert [e["date"] for e in table] == [e["date"] for e in full]


def test_named_related_query_finds_what_related_finds_over_all_time(built) -> None:
    # queries/related-events.rq has no time window and reads no buckets: over a window
    # wider than the data, `kb related` and the named query name the same incidents
    # with the same shared actors and places.
    from kb.namespaces import key_from_iri, place_id_from_iri
    from kb.queries import run_named

    out, _meta = built
    with EmbeddedStore(out / "store", read_only=True) as st:
        rows = st.select_values(
            "SELECT DISTINCT ?e ?level WHERE { ?e a sem:Event ; sem:hasActor ?a ; "
            "sem:hasPlace ?p . ?p kb:placeLevel ?level } ORDER BY ?e"
        )
        by_level: dict[str, list[str]] = {}
        for r in rows:
            by_level.setdefault(r["level"], []).append(r["e"].rsplit("/", 1)[1])
        compared = exact = 0
        for keys in by_level.values():
            for key in keys[:: max(1, len(keys) // 6)]:
                lib = {
                    r["event"]: (set(r["shared_actors"]), set(r["shared_places"]))
                    for r in related_events(st, key, 20 * 366)
                }
                named = {
                    str(r["other"]): (
                        {key_from_iri(a) for a in str(r["actors"]).split()},
                        {place_id_from_iri(p) for p in str(r["places"]).split()},
                    )
                    for r in run_named(st, "related-events", {"event": key})
                    if r.get("latest") is not None  # `kb related` leaves undated ones out
                }
                assert named == lib, key
                compared += bool(lib)
                # The case an older version of the query missed: the very same place.
                mine = _places_of(st, key)
                exact += sum(bool(mine & _places_of(st, o.rsplit("/", 1)[1])) for o in lib)
        assert compared >= 5
        assert exact >= 1


def _places_of(st: EmbeddedStore, key: str) -> set[str]:
    rows = st.select_values(
        "SELECT ?p WHERE { ?e sem:hasPlace ?p }",
        {"e": URIRef(f"https://w3id.org/kb/id/event/{key}")},
    )
    return {r["p"] for r in rows}


def test_misdated_future_incidents_sort_last_with_or_without_the_index(tmp_path) -> None:
    """The probe stops a year from today; an incident dated later still gets its place."""
    from kb.ingest import ingest_articles
    from kb.model import Article

    later = dt.date.today() + dt.timedelta(days=5 * 365)
    days = [dt.date(2021, 5, 4), later, dt.date(2022, 8, 9)]
    towns = ["Ramadi", "Fallujah", "Mosul"]
    articles = [
        Article(
            id=f"a{i}",
            text=f"Militants attacked a police checkpoint in {town}, Iraq, killing two "
            "officers, police said.\n",
            published=day,
            outlet="Wire",
        )
        for i, (day, town) in enumerate(zip(days, towns, strict=True))
    ]
    with EmbeddedStore(tmp_path / "s") as st:
        ingest_articles(st, articles)
        everything = select_events(st, TimelineFilter(places=["Iraq"]))
        assert len(everything) == 3
        first_two = select_events(st, TimelineFilter(places=["Iraq"], limit=2))
        all_three = select_events(st, TimelineFilter(places=["Iraq"], limit=3))
        last = timeline(st, TimelineFilter(places=["Iraq"], limit=3), ("place_names",))[-1]
    assert first_two == everything[:2]
    assert all_three == everything
    assert last["date"]["latest"] == later.isoformat()  # "reported" on that day
