"""kb import gdelt / acled: formats, mapping to the ontology, linking, errors, backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kb.errors import InputError
from kb.importers import import_files
from kb.importers.linking import group
from kb.link.same import ReportInfo, components
from kb.store import open_store

FIX = Path(__file__).parent / "fixtures"
GDELT = FIX / "gdelt"
ACLED = FIX / "acled"
R = "https://w3id.org/kb/id/report/"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "s"))
    yield s
    s.close()


def one(store, query: str, **bindings):
    """Rows of a SELECT with bound parameters."""
    return store.select(query, bindings).rows


def report(store, iri: str) -> dict[str, object]:
    """Scalar facts of one report, by predicate local name."""
    out: dict[str, object] = {}
    for row in store.select("SELECT ?p ?o WHERE { ?r ?p ?o }", {"r": URIRef(iri)}).rows:
        key = str(row["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out.setdefault(key, [])
        out[key].append(str(row["o"]))  # type: ignore[union-attr]
    return out


def incident_of(store, iri: str) -> str | None:
    rows = store.select("SELECT ?ev WHERE { ?ev kb:hasReport ?r }", {"r": URIRef(iri)}).rows
    assert len(rows) <= 1, f"{iri} is in {len(rows)} incidents"
    return str(rows[0]["ev"]) if rows else None


def incident_reports(store, incident: str) -> set[str]:
    rows = store.select("SELECT ?r WHERE { ?ev kb:hasReport ?r }", {"ev": URIRef(incident)})
    return {str(r["r"]) for r in rows}


PLACE = "https://w3id.org/kb/id/place/"


# --- GDELT ------------------------------------------------------------------------------
def test_gdelt_export_types_places_dates_sources(store):
    warned: list[str] = []
    s = import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")], warn=warned.append)
    assert (s.files, s.rows_read, s.imported, s.skipped) == (1, 9, 6, 3)
    # Bad rows are reported with file and line, and skipped.
    assert any("20240305.export.CSV:6: SQLDATE '2024-13-45'" in p for p in s.problems)
    assert any(":7: ActionGeo_Lat 'north' is not a number" in p for p in s.problems)
    assert any(":8: 3 columns, expected 61" in p for p in s.problems)
    assert warned == s.problems
    # CAMEO codes become event-type concepts.
    types = {i: report(store, R + f"gdelt/{i}")["typeKey"] for i in (1001, 1003, 1004, 1005)}
    assert types == {
        1001: ["armed_clash"],
        1003: ["air_or_drone_strike"],
        1004: ["bombing"],
        1005: ["arrest"],
    }
    r = report(store, R + "gdelt/1001")
    assert r["datasetId"] == ["1001"] and r["dataset"] == ["gdelt"]
    assert r["dateValue"] == ["2024-03-05"]
    assert r["hasEarliestBeginTimeStamp"] == ["2024-03-05"] == r["hasLatestEndTimeStamp"]
    assert r["unitType"] == ["http://www.w3.org/2006/time#unitDay"]
    assert "centroid" not in r
    # A world city: the gazetteer's Ramadi, inside Anbar and Iraq.
    (place,) = r["hasPlace"]
    rows = one(
        store,
        "SELECT ?name ?w WHERE { ?p rdfs:label ?name ; geo:sfWithin ?w }",
        p=URIRef(place),
    )
    assert {str(x["name"]) for x in rows} == {"Ramadi"}
    assert {str(x["w"]) for x in rows} >= {PLACE + "iso3166-2/IQ-AN"}
    # Actors resolve through the registry: CAMEO country codes and type codes help.
    actors = set(r["hasActor"])  # type: ignore[arg-type]
    assert "https://w3id.org/kb/id/actor/islamic-state" in actors
    assert len(actors) == 2
    # ADM1 (type 5) is the region, country (type 1) the country: both only centroids.
    r3 = report(store, R + "gdelt/1003")
    assert r3["hasPlace"] == [PLACE + "iso3166-2/IQ-AN"] and r3["centroid"] == ["true"]
    r4 = report(store, R + "gdelt/1004")
    assert r4["centroid"] == ["true"]
    (country,) = r4["hasPlace"]  # type: ignore[misc]
    level = one(store, "SELECT ?l WHERE { ?p kb:placeLevel ?l }", p=URIRef(country))
    assert str(level[0]["l"]) == "country"
    # The source URL is a schema:NewsArticle node.
    rows = one(
        store,
        "SELECT ?url ?outlet WHERE { ?r prov:wasDerivedFrom ?a . ?a a schema:NewsArticle ; "
        "schema:url ?url ; kb:outletName ?outlet }",
        r=URIRef(R + "gdelt/1001"),
    )
    assert [(str(x["url"]), str(x["outlet"])) for x in rows] == [
        ("https://example.org/news/ramadi-clash", "example.org")
    ]
    # A village the gazetteer lacks is minted from GDELT's feature, inside its region.
    r9 = report(store, R + "gdelt/1009")
    assert r9["hasPlace"] == [PLACE + "gdelt/-9990001"]
    rows = one(
        store,
        "SELECT ?l ?lat WHERE { ?p kb:placeLevel ?l ; wgs:lat ?lat ; kb:parentPlace ?par }",
        p=URIRef(PLACE + "gdelt/-9990001"),
    )
    assert str(rows[0]["l"]) == "city" and float(rows[0]["lat"]) == pytest.approx(33.5101)


def test_gdelt_duplicate_rows_collapse_into_one_incident(store):
    s = import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    ev = incident_of(store, R + "gdelt/1001")
    assert ev is not None and ev == incident_of(store, R + "gdelt/1002")
    assert incident_reports(store, ev) == {R + "gdelt/1001", R + "gdelt/1002"}
    # The other events are incidents of their own.
    others = {incident_of(store, R + f"gdelt/{i}") for i in (1003, 1004, 1005, 1009)}
    assert len(others) == 4 and ev not in others
    assert s.incidents == 5
    rows = one(store, "SELECT ?ds ?id ?n WHERE { ?ev kb:dataset ?ds ; kb:datasetId ?id ; "
                      "kb:sourceCount ?n }", ev=URIRef(ev))  # fmt: skip
    assert [(str(x["ds"]), str(x["id"]), int(x["n"])) for x in rows] == [("gdelt", "1001", 2)]


def test_gdelt_mentions_attach_articles_to_events(store):
    s = import_files(
        store,
        "gdelt",
        # Given in the "wrong" order: events files are imported first anyway.
        [str(GDELT / "20240305.mentions.CSV"), str(GDELT / "20240305.export.CSV")],
    )
    assert s.mentions == 3  # 1001 twice (once its own source), 1003 once
    assert any(":4: GLOBALEVENTID 9999 is not in the store" in p for p in s.problems)
    assert any(":5: MentionTimeDate '2024'" in p for p in s.problems)
    ev = incident_of(store, R + "gdelt/1001")
    assert ev is not None
    reports = incident_reports(store, ev)
    assert len(reports) == 3  # two rows + one further article
    rows = one(
        store,
        "SELECT ?url ?pub WHERE { ?ev kb:hasReport ?r . ?r prov:wasDerivedFrom ?a . "
        "?a schema:url ?url ; schema:datePublished ?pub }",
        ev=URIRef(ev),
    )
    urls = {str(x["url"]): str(x["pub"]) for x in rows}
    assert urls["https://example.com/ramadi-report"] == "2024-03-05"
    assert incident_of(store, R + "gdelt/1003") is not None
    assert len(incident_reports(store, incident_of(store, R + "gdelt/1003"))) == 2  # type: ignore[arg-type]


def test_gdelt_1_0_files_and_compressed_files(store):
    s = import_files(
        store,
        "gdelt",
        [
            str(GDELT / "20130405.export.CSV"),  # 58 columns
            str(GDELT / "201207.csv"),  # 57 columns, no SOURCEURL
            str(GDELT / "20240310.export.CSV.zip"),
            str(GDELT / "20240311.export.CSV.gz"),
        ],
    )
    assert (s.files, s.imported, s.skipped) == (4, 5, 0)
    assert report(store, R + "gdelt/301001")["typeKey"] == ["air_or_drone_strike"]
    assert report(store, R + "gdelt/201001")["dateValue"] == ["2012-07-04"]
    assert report(store, R + "gdelt/2001")["typeKey"] == ["armed_clash"]
    assert report(store, R + "gdelt/2101")["dataset"] == ["gdelt"]
    # Each file is its own named graph.
    graphs = {str(g) for g in store.graph_names()}
    assert "https://w3id.org/kb/graph/dataset/gdelt/20240310.export" in graphs
    assert "https://w3id.org/kb/graph/dataset/gdelt/201207" in graphs


def test_reimport_changes_nothing(store):
    path = str(GDELT / "20240305.export.CSV")
    import_files(store, "gdelt", [path])
    before = sorted(store.quads(), key=str)
    s = import_files(store, "gdelt", [path])
    assert s.imported == 6
    assert sorted(store.quads(), key=str) == before


def test_not_a_gdelt_file_is_one_clear_error(store):
    with pytest.raises(InputError, match=r"not-gdelt\.csv: not a GDELT file.*61"):
        import_files(
            store, "gdelt", [str(GDELT / "20240305.export.CSV"), str(GDELT / "not-gdelt.csv")]
        )
    assert store.triple_count() == 0  # checked before anything was written
    with pytest.raises(InputError, match="no such file"):
        import_files(store, "gdelt", [str(GDELT / "missing.CSV")])
    with pytest.raises(InputError, match="not an ACLED CSV export"):
        import_files(store, "acled", [str(GDELT / "20240305.export.CSV")])


# --- ACLED --------------------------------------------------------------------------------
def test_acled_current_layout(store):
    s = import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert (s.rows_read, s.imported, s.skipped) == (6, 4, 2)
    assert any(":6: latitude 'not-a-number' is not a number" in p for p in s.problems)
    assert any(":7: event_date '32 March 2024' is not a date" in p for p in s.problems)
    r1 = report(store, R + "acled/IRQ9001")
    assert r1["typeKey"] == ["suicide_bombing"] and r1["killed"] == ["4"]
    assert r1["datasetId"] == ["IRQ9001"] and r1["dataset"] == ["acled"]
    assert r1["dateValue"] == ["2024-03-12"]
    actors = set(r1["hasActor"])  # type: ignore[arg-type]
    assert {"https://w3id.org/kb/id/actor/islamic-state",
            "https://w3id.org/kb/id/actor/iraqi-security-forces"} <= actors  # fmt: skip
    # time_precision 3: the month; geo_precision 3: the admin1 region's centroid.
    r2 = report(store, R + "acled/IRQ9002")
    assert r2["dateValue"] == ["2024-02"]
    assert r2["unitType"] == ["http://www.w3.org/2006/time#unitMonth"]
    assert r2["hasEarliestBeginTimeStamp"] == ["2024-02-01"]
    assert r2["hasLatestEndTimeStamp"] == ["2024-02-29"]
    assert r2["centroid"] == ["true"] and r2["hasPlace"] == [PLACE + "iso3166-2/IQ-DI"]
    # time_precision 2: a few days either side.
    r3 = report(store, R + "acled/IRQ9003")
    assert (r3["hasEarliestBeginTimeStamp"], r3["hasLatestEndTimeStamp"]) == (
        ["2024-03-17"],
        ["2024-03-23"],
    )
    # An unidentified group is an actor of its own report only.
    r4 = report(store, R + "acled/IRQ9004")
    unid = [a for a in r4["hasActor"] if "/actor/unidentified/" in a]  # type: ignore[union-attr]
    assert unid == ["https://w3id.org/kb/id/actor/unidentified/acled/IRQ9004/0"]
    # A village the gazetteer lacks: minted, inside its region.
    (village,) = r4["hasPlace"]  # type: ignore[misc]
    assert village.startswith(PLACE + "acled/")
    rows = one(store, "SELECT ?w WHERE { ?p geo:sfWithin ?w }", p=URIRef(village))
    assert PLACE + "iso3166-2/IQ-AN" in {str(x["w"]) for x in rows}
    # The record is the source; its outlets are credited.
    rows = one(
        store,
        "SELECT ?outlet ?pub WHERE { ?r prov:wasDerivedFrom ?a . ?a a schema:NewsArticle ; "
        "kb:outletName ?outlet ; schema:publisher ?pub }",
        r=URIRef(R + "acled/IRQ9001"),
    )
    assert [str(x["outlet"]) for x in rows] == ["Shafaq News; Rudaw"]


def test_acled_older_layout_and_zip(store):
    s = import_files(
        store,
        "acled",
        [str(ACLED / "acled-iraq-2019-old-layout.csv"), str(ACLED / "acled-iraq-2024.csv.zip")],
    )
    assert s.files == 2 and s.imported == 6
    r = report(store, R + "acled/IRQ4001")
    assert r["dateValue"] == ["2019-03-05"] and r["killed"] == ["3"]
    assert r["typeKey"] != ["other"]
    assert "killed" not in report(store, R + "acled/IRQ4002")  # no fatalities given
    assert report(store, R + "acled/IRQ9001")["typeKey"] == ["suicide_bombing"]


class _FakeExtractor:
    """Stands in for kb.extract: returns the events it was given for an article."""

    def __init__(self, events):
        from kb.actors import ActorRegistry
        from kb.gazetteer import Gazetteer

        self.events = events
        self.actors = ActorRegistry.default()
        self.gazetteer = Gazetteer.default()

    def extract(self, article):
        return [e for e in self.events if e.article.id == article.id]


def test_acled_event_joins_the_incident_of_an_article(store):
    from kb.gazetteer import Gazetteer
    from kb.ingest import ingest_articles
    from kb.model import ActorRef, Article, Event, Mention, TimeSpan

    text = "A suicide bomber from the Islamic State struck an army checkpoint in Ramadi on Tuesday."
    art = Article(
        id="wire-1", text=text, title="Checkpoint bombing", published=dt.date(2024, 3, 13)
    )
    day = dt.date(2024, 3, 12)
    ramadi = Gazetteer.default().lookup("Ramadi", "IQ")
    assert ramadi is not None
    event = Event(
        id="wire-1-0",
        article=art,
        type="suicide_bombing",
        types=["suicide_bombing"],
        trigger="suicide bomber",
        mention=Mention(text, 0, len(text)),
        actors=[
            ActorRef(id="islamic-state", name="Islamic State", role="agent"),
            ActorRef(id="iraqi-security-forces", name="Iraqi security forces", role="target"),
        ],
        places=[ramadi],
        date=TimeSpan(
            text="Tuesday",
            value="2024-03-12",
            precision="day",
            earliest=day,
            latest=day,
            basis="explicit",
        ),  # fmt: skip
    )
    ingest_articles(store, [art], extractor=_FakeExtractor([event]))
    s = import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert s.merged == 1
    ev = incident_of(store, R + "acled/IRQ9001")
    assert ev is not None
    assert incident_reports(store, ev) == {R + "wire-1/0", R + "acled/IRQ9001"}
    rows = one(store, "SELECT ?id ?n WHERE { ?ev kb:datasetId ?id ; kb:sourceCount ?n }",
               ev=URIRef(ev))  # fmt: skip
    assert [(str(x["id"]), int(x["n"])) for x in rows] == [("IRQ9001", 2)]


def test_import_on_both_backends(store_location):
    s = open_store(store_location)
    try:
        summary = import_files(s, "acled", [str(ACLED / "acled-iraq-2024.csv")])
        assert summary.imported == 4 and summary.incidents == 4
        assert report(s, R + "acled/IRQ9001")["typeKey"] == ["suicide_bombing"]
        assert incident_of(s, R + "acled/IRQ9001") is not None
        summary = import_files(s, "gdelt", [str(GDELT / "20240305.export.CSV")])
        assert incident_of(s, R + "gdelt/1001") == incident_of(s, R + "gdelt/1002")
    finally:
        s.close()


def test_summary_text():
    from kb.importers import ImportSummary

    s = ImportSummary("gdelt", files=2, rows_read=1200, imported=1190, skipped=10, merged=3,
                      incidents=900)  # fmt: skip
    assert s.text() == (
        "gdelt: 2 files, 1,200 rows read, 1,190 imported, 10 skipped, "
        "3 merged with existing events, 900 incidents written"
    )


# --- grouping equals kb.link.same.components ------------------------------------------------
_TYPES = ["armed_clash", "air_or_drone_strike", "suicide_bombing", "bombing", "attack",
          "killing", "arrest", "protest", "statement"]  # fmt: skip
_PLACES = {"IQ": set(), "AN": {"IQ"}, "RA": {"AN", "IQ"}, "NI": {"IQ"}, "SY": set()}


@st.composite
def _infos(draw):
    from kb.eventtypes import top_key

    out = []
    for i in range(draw(st.integers(2, 25))):
        t = draw(st.sampled_from(_TYPES))
        d0 = dt.date(2024, 3, 1) + dt.timedelta(days=draw(st.integers(0, 4)))
        precision = draw(st.sampled_from(["day", "day", "month", None]))
        basis = draw(st.sampled_from(["explicit", "publication", "unknown"]))
        earliest = d0 if draw(st.booleans()) or basis == "explicit" else None
        latest = d0 + dt.timedelta(days=draw(st.integers(0, 2)))
        places = draw(st.sets(st.sampled_from(sorted(_PLACES)), max_size=2))
        chain = set(places) | {a for p in places for a in _PLACES[p]}
        actors = st.sets(
            st.sampled_from(["islamic-state", "x-a", "civilians", "hamas"]), max_size=2
        )
        out.append(
            ReportInfo(
                iri=f"r{i:03d}",
                article=draw(st.sampled_from("vwxyz")),
                type=t,
                top=top_key(t),
                negated=draw(st.booleans()) and draw(st.booleans()),
                earliest=earliest,
                latest=latest,
                precision=precision,
                basis=basis,
                agents=frozenset(draw(actors)),
                targets=frozenset(draw(actors)),
                affiliations=frozenset(draw(st.sets(st.sampled_from(["f1", "f2"]), max_size=1))),
                places=frozenset(places),
                place_chain=frozenset(chain),
                specific_places=frozenset(p for p in places if p not in ("IQ", "SY")),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(_infos())
def test_group_equals_components(infos):
    expected = [[r.iri for r in g] for g in components(list(infos))]
    assert [[r.iri for r in g] for g in group(infos)] == expected
