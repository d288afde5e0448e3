"""kb import gdelt / acled: formats, mapping to the ontology, linking, errors, backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from support import GivenEvents

from kb.errors import InputError
from kb.importers import import_files
from kb.importers.linking import group
from kb.link.same import ReportInfo, components
from kb.store import open_store

FIX = Path(__file__).parent / "fixtures"
GDELT = FIX / "gdelt"
ACLED = FIX / "acled"
R = "https://w3id.org/kb/id/report/"
EV = "https://w3id.org/kb/id/event/"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "s"))
    yield s
    s.close()


def one(store, query: str, **bindings):
    """Rows of a SELECT with bound parameters."""
    return store.select(query, bindings).rows


def facts(store, iri: str) -> dict[str, list[str]]:
    """Facts of one node, by predicate local name."""
    out: dict[str, list[str]] = {}
    for row in store.select("SELECT ?p ?o WHERE { ?r ?p ?o }", {"r": URIRef(iri)}).rows:
        key = str(row["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out.setdefault(key, []).append(str(row["o"]))
    return out


_Q_HOLDING = """
SELECT DISTINCT ?ev WHERE {
  ?ev kb:dataset ?ds .
  { ?ev kb:datasetId ?id } UNION { ?ev <http://purl.org/dc/terms/identifier> ?id }
}"""


def holding(store, dataset: str, dataset_id: str) -> str:
    """The imported incident that holds a dataset row (compact form)."""
    rows = store.select(_Q_HOLDING, {"ds": Literal(dataset), "id": Literal(dataset_id)}).rows
    assert len(rows) == 1, f"{dataset} {dataset_id} is in {len(rows)} incidents"
    return str(rows[0]["ev"])


def event(store, dataset: str, dataset_id: str) -> dict[str, list[str]]:
    """Facts of the imported incident holding a dataset row."""
    return facts(store, holding(store, dataset, dataset_id))


def incident_of(store, iri: str) -> str | None:
    rows = store.select("SELECT ?ev WHERE { ?ev kb:hasReport ?r }", {"r": URIRef(iri)}).rows
    assert len(rows) <= 1, f"{iri} is in {len(rows)} incidents"
    return str(rows[0]["ev"]) if rows else None


def incident_reports(store, incident: str) -> set[str]:
    rows = store.select("SELECT ?r WHERE { ?ev kb:hasReport ?r }", {"ev": URIRef(incident)})
    return {str(r["r"]) for r in rows}


def conforms(store) -> None:
    from kb.validate import validate_store

    result = validate_store(store)
    assert result.conforms, result.text()


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
    types = {i: event(store, "gdelt", str(i))["typeKey"] for i in (1001, 1003, 1004, 1005)}
    assert types == {
        1001: ["armed_clash"],
        1003: ["air_or_drone_strike"],
        1004: ["bombing"],
        1005: ["arrest"],
    }
    r = event(store, "gdelt", "1001")
    assert holding(store, "gdelt", "1001") == EV + "gdelt-1001"
    assert r["type"] == ["http://semanticweb.cs.vu.nl/2009/11/sem/Event"]
    assert r["eventType"] == ["https://w3id.org/kb/event-type/armed_clash"]
    assert r["datasetId"] == ["1001"] and r["dataset"] == ["gdelt"]
    assert r["dateValue"] == ["2024-03-05"]
    assert r["hasEarliestBeginTimeStamp"] == ["2024-03-05"] == r["hasLatestEndTimeStamp"]
    assert r["unitType"] == ["http://www.w3.org/2006/time#unitDay"]
    assert r["certainty"] == ["asserted"] and r["negated"] == ["false"]
    assert r["label"] == ["Islamic State clashes with Iraqi security forces, Ramadi (Iraq)"]
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
    # Actors resolve through the registry (CAMEO country and type codes help), in roles.
    roles = one(
        store,
        "SELECT ?a ?t WHERE { ?ev kb:hasRole ?r . ?r rdf:value ?a ; sem:roleType ?t }",
        ev=URIRef(EV + "gdelt-1001"),
    )
    by_role = {str(x["t"]).rsplit("#", 1)[-1]: str(x["a"]) for x in roles}
    assert by_role["agentRole"] == "https://w3id.org/kb/id/actor/islamic-state"
    assert len(by_role) == 2 and set(r["hasActor"]) == set(by_role.values())
    assert len(roles) == 2
    # ADM1 (type 5) is the region, country (type 1) the country: both only centroids.
    r3 = event(store, "gdelt", "1003")
    assert r3["hasPlace"] == [PLACE + "iso3166-2/IQ-AN"] and r3["centroid"] == ["true"]
    r4 = event(store, "gdelt", "1004")
    assert r4["centroid"] == ["true"]
    (country,) = r4["hasPlace"]
    level = one(store, "SELECT ?l WHERE { ?p kb:placeLevel ?l }", p=URIRef(country))
    assert str(level[0]["l"]) == "country"
    # The source URLs of its rows, each counted once.
    assert sorted(r["wasDerivedFrom"]) == [
        "https://example.net/world/ramadi-fighting",
        "https://example.org/news/ramadi-clash",
    ]
    assert r["sourceCount"] == ["2"]
    # A village the gazetteer lacks is minted from GDELT's feature, inside its region.
    r9 = event(store, "gdelt", "1009")
    assert r9["hasPlace"] == [PLACE + "gdelt/-9990001"]
    rows = one(
        store,
        "SELECT ?l ?lat WHERE { ?p kb:placeLevel ?l ; wgs:lat ?lat ; kb:parentPlace ?par }",
        p=URIRef(PLACE + "gdelt/-9990001"),
    )
    assert str(rows[0]["l"]) == "city" and float(rows[0]["lat"]) == pytest.approx(33.5101)
    # The lightest form the shapes accept: no per-row report, mention or article node.
    assert not store.query("ASK { ?r a kb:EventReport }")
    assert not store.query("ASK { ?m a kb:Mention }")
    conforms(store)


def test_gdelt_duplicate_rows_collapse_into_one_incident(store):
    s = import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    ev = holding(store, "gdelt", "1001")
    assert ev == holding(store, "gdelt", "1002")
    assert event(store, "gdelt", "1002")["identifier"] == ["1002"]
    # The other events are incidents of their own.
    others = {holding(store, "gdelt", str(i)) for i in (1003, 1004, 1005, 1009)}
    assert len(others) == 4 and ev not in others
    assert s.incidents == 5
    rows = one(store, "SELECT ?ds ?id ?n WHERE { ?ev kb:dataset ?ds ; kb:datasetId ?id ; "
                      "kb:sourceCount ?n }", ev=URIRef(ev))  # fmt: skip
    assert [(str(x["ds"]), str(x["id"]), int(x["n"])) for x in rows] == [("gdelt", "1001", 2)]


def test_rows_of_one_event_far_apart_are_still_one_incident(tmp_path):
    # With a window of one row, 1002 comes after 1001's group has been written: the
    # written incident is written again with it, so the store is what one window gives.
    quads = []
    for n, options in enumerate(({}, {"window": 1, "batch": 1})):
        s = open_store(str(tmp_path / f"s{n}"))
        summary = import_files(s, "gdelt", [str(GDELT / "20240305.export.CSV")], **options)
        assert summary.incidents == 5
        assert holding(s, "gdelt", "1001") == holding(s, "gdelt", "1002") == EV + "gdelt-1001"
        conforms(s)
        quads.append(sorted(s.quads(), key=str))
        s.close()
    assert quads[0] == quads[1]


def test_small_batches_write_the_same_as_one(tmp_path):
    quads = []
    for n, batch in enumerate((2, 3, 10_000)):
        s = open_store(str(tmp_path / f"s{n}"))
        import_files(s, "gdelt", [str(GDELT / "20240305.export.CSV")], batch=batch)
        import_files(s, "acled", [str(ACLED / "acled-iraq-2024.csv")], batch=batch)
        quads.append(sorted(s.quads(), key=str))
        s.close()
    assert quads[0] == quads[1] == quads[2]


def test_gdelt_mentions_attach_articles_to_events(store):
    paths = [
        # Given in the "wrong" order: events files are imported first anyway.
        str(GDELT / "20240305.mentions.CSV"),
        str(GDELT / "20240305.export.CSV"),
    ]
    s = import_files(store, "gdelt", paths)
    assert s.mentions == 3  # 1001 twice (once its own source), 1003 once
    assert any(":4: GLOBALEVENTID 9999 is not in the store" in p for p in s.problems)
    assert any(":5: MentionTimeDate '2024'" in p for p in s.problems)
    r = event(store, "gdelt", "1001")
    assert sorted(r["wasDerivedFrom"]) == [
        "https://example.com/ramadi-report",
        "https://example.net/world/ramadi-fighting",
        "https://example.org/news/ramadi-clash",
    ]
    assert r["sourceCount"] == ["3"]
    r3 = event(store, "gdelt", "1003")
    assert r3["sourceCount"] == ["2"]
    assert "https://example.net/strike-anbar" in r3["wasDerivedFrom"]
    conforms(store)
    # Attaching the same mentions again changes nothing.
    before = sorted(store.quads(), key=str)
    import_files(store, "gdelt", [paths[0]])
    assert sorted(store.quads(), key=str) == before


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
    assert event(store, "gdelt", "301001")["typeKey"] == ["air_or_drone_strike"]
    old = event(store, "gdelt", "201001")
    assert old["dateValue"] == ["2012-07-04"]
    assert old["sourceCount"] == ["1"] and "wasDerivedFrom" not in old  # no SOURCEURL
    assert event(store, "gdelt", "2001")["typeKey"] == ["armed_clash"]
    assert event(store, "gdelt", "2101")["dataset"] == ["gdelt"]
    # Each file is its own named graph.
    graphs = {str(g) for g in store.graph_names()}
    assert "https://w3id.org/kb/graph/dataset/gdelt/20240310.export" in graphs
    assert "https://w3id.org/kb/graph/dataset/gdelt/201207" in graphs
    conforms(store)


def test_reimport_changes_nothing(store):
    path = str(GDELT / "20240305.export.CSV")
    import_files(store, "gdelt", [path])
    before = sorted(store.quads(), key=str)
    s = import_files(store, "gdelt", [path])
    assert s.imported == 6
    assert sorted(store.quads(), key=str) == before


def test_reimport_replaces_what_the_file_wrote(store, tmp_path):
    path = tmp_path / "20240305.export.CSV"
    lines = (GDELT / "20240305.export.CSV").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_files(store, "gdelt", [str(path)])
    # The file again without 1003's row: its incident is gone, nothing is doubled.
    path.write_text("\n".join(x for x in lines if not x.startswith("1003\t")) + "\n")
    s = import_files(store, "gdelt", [str(path)])
    assert s.incidents == 4
    assert not one(store, _Q_HOLDING, ds=Literal("gdelt"), id=Literal("1003"))
    assert len(one(store, "SELECT ?ev WHERE { ?ev a sem:Event }")) == 4


def test_role_nodes_are_read_once_across_files(store, tmp_path):
    # A second file with the same actors: its incidents share no node with the first's,
    # so reading roles through the union of all graphs gives each role once. (Its events
    # are a year earlier: on the same days they would be the same incidents and link.)
    lines = (GDELT / "20240305.export.CSV").read_text(encoding="utf-8").splitlines()
    copy = tmp_path / "20240306.export.CSV"
    later = ("9" + x.replace("2024", "2023") for x in lines)
    copy.write_text("\n".join(later) + "\n", encoding="utf-8")
    import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV"), str(copy)])
    q = "SELECT ?a ?t WHERE { ?ev kb:hasRole ?r . ?r rdf:value ?a ; sem:roleType ?t }"
    assert len(one(store, q, ev=URIRef(EV + "gdelt-1001"))) == 2
    assert len(one(store, q, ev=URIRef(EV + "gdelt-91001"))) == 2
    conforms(store)


def test_groups_vote_on_the_type_and_close_in_row_order():
    from kb.importers.compact import Group, Grouper

    def grp(seq: int) -> Group:
        return Group("gdelt", [str(seq)], seq, "armed_clash", "armed_clash", [], [], False,
                     "2024-03-05", "day", None, None)  # fmt: skip

    g = grp(1)
    g.add("2", "attack", "https://a.example/1")
    assert g.type_key() == "armed_clash"  # a tie keeps the first row's type
    g.add("3", "attack", "https://a.example/1")
    assert g.type_key() == "attack" and g.sources_count() == 1
    grouper = Grouper(window=3)
    for seq in (1, 2, 3):
        grouper.put(("k", seq), grp(seq))
    assert [x.seq for x in grouper.closed(3)] == [1]  # rows 1..3 are 1's window
    assert [x.seq for x in grouper.closed(5)] == [2, 3]
    assert grouper.drain() == []


_Q_IMPORTED = """
SELECT ?ev ?e ?l WHERE {
  ?ev kb:dataset ?ds .
  OPTIONAL { ?ev sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?ev sem:hasLatestEndTimeStamp ?l }
}"""


def test_imported_incidents_carry_month_buckets(store):
    from kb.index import at_subject, bucket_iri, buckets, incident_subjects, month_of

    import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    seen = 0
    for row in one(store, _Q_IMPORTED):
        ev = row["ev"]
        e = str(row["e"]) if row["e"] is not None else None
        lat = str(row["l"]) if row["l"] is not None else None
        actors = {
            str(x["a"])
            for x in one(store, "SELECT ?a WHERE { ?ev sem:hasActor ?a }", ev=ev)
            if "/actor/unidentified/" not in str(x["a"])  # per-incident actors have none
        }
        places, chain = set(), set()
        for x in one(store, "SELECT ?p ?w WHERE { ?ev sem:hasPlace ?p "
                            "OPTIONAL { ?p geo:sfWithin ?w } }", ev=ev):  # fmt: skip
            places.add(str(x["p"]))
            chain.add(str(x["p"]))
            if x["w"] is not None:
                chain.add(str(x["w"]))
        got = {str(x["b"]) for x in one(store, "SELECT ?b WHERE { ?ev kb:inBucket ?b }", ev=ev)}
        subjects = incident_subjects(actors, places, chain)
        assert got == set(buckets(subjects, month_of(e, lat))), ev
        assert got, f"{ev} has no bucket"
        seen += 1
    assert seen == 9  # 5 GDELT and 4 ACLED incidents
    # Concretely: the Ramadi clash is in Anbar's and Islamic State's buckets of March 2024,
    # and ACLED's month-precision event in February's.
    ramadi = {str(x["b"]) for x in one(store, "SELECT ?b WHERE { ?ev kb:inBucket ?b }",
                                       ev=URIRef(EV + "gdelt-1001"))}  # fmt: skip
    assert bucket_iri(PLACE + "iso3166-2/IQ-AN", "2024-03") in ramadi
    assert bucket_iri(at_subject(PLACE + "geonames/98717"), "2024-03") in ramadi
    assert bucket_iri("https://w3id.org/kb/id/actor/islamic-state", "2024-03") in ramadi
    month = {str(x["b"]) for x in one(store, "SELECT ?b WHERE { ?ev kb:inBucket ?b }",
                                      ev=URIRef(EV + "acled-IRQ9002"))}  # fmt: skip
    assert bucket_iri(PLACE + "iso3166-2/IQ-DI", "2024-02") in month
    conforms(store)


def test_progress_shows_rows_and_rate_while_streaming(store, monkeypatch):
    import kb.importers.pipeline as pipeline

    updates: list[dict] = []

    class Bar:
        def add_task(self, description, **fields):
            updates.append({"task": description, **fields})
            return len(updates)

        def update(self, task, **fields):
            updates.append(fields)

    class Progress:
        def __init__(self, quiet):
            pass

        def __enter__(self):
            return Bar()

        def __exit__(self, *exc):
            return None

    monkeypatch.setattr(pipeline, "_progress", Progress)
    import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")], batch=2)
    assert updates[0]["task"] == "20240305.export.CSV"
    shown = [u for u in updates[1:] if "rows" in u]
    assert len(shown) >= 3  # every batch, not only at the end
    assert [u["completed"] for u in shown] == sorted(u["completed"] for u in shown)
    assert shown[-1]["rows"] == "9" and shown[-1]["rate"].endswith(" rows/s")


def test_a_failing_store_write_is_one_clear_error(store, monkeypatch):
    import kb.importers.pipeline as pipeline
    from kb.errors import StoreError

    def loader(_store):
        def load(data, fmt):
            raise OSError("No space left on device")

        return load

    monkeypatch.setattr(pipeline, "_bulk_loader", loader)
    with pytest.raises(StoreError, match="No space left on device.*import stopped at"):
        import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])


def test_quotes_backslashes_and_nul_in_values_are_escaped(store, tmp_path):
    line = (GDELT / "20240305.export.CSV").read_text(encoding="utf-8").splitlines()[0]
    f = line.split("\t")
    f[0] = "7001"
    f[6] = 'THE "NEW\\ORDER\x00" GROUP'  # Actor1Name
    f[60] = 'https://example.org/a"b\\c'
    path = tmp_path / "odd.CSV"
    path.write_text("\t".join(f) + "\n", encoding="utf-8")
    s = import_files(store, "gdelt", [str(path)])
    assert s.imported == 1
    r = event(store, "gdelt", "7001")
    assert r["wasDerivedFrom"] == ['https://example.org/a"b\\c']
    (label,) = r["label"]
    assert '"New\\Order\x00"' in label or "New" in label


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


def test_a_store_without_reports_is_never_searched_for_matches(store, monkeypatch):
    from kb.importers.linking import ReportMatcher

    def boom(*args, **kwargs):
        raise AssertionError("searched a store that holds no event reports")

    monkeypatch.setattr(ReportMatcher, "matching", boom)
    s = import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    s2 = import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert s.incidents == 5 and s2.incidents == 4


# --- ACLED --------------------------------------------------------------------------------
def test_acled_current_layout(store):
    s = import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert (s.rows_read, s.imported, s.skipped) == (6, 4, 2)
    assert any(":6: latitude 'not-a-number' is not a number" in p for p in s.problems)
    assert any(":7: event_date '32 March 2024' is not a date" in p for p in s.problems)
    r1 = event(store, "acled", "IRQ9001")
    assert holding(store, "acled", "IRQ9001") == EV + "acled-IRQ9001"
    assert r1["typeKey"] == ["suicide_bombing"] and r1["killed"] == ["4"]
    assert r1["datasetId"] == ["IRQ9001"] and r1["dataset"] == ["acled"]
    assert r1["dateValue"] == ["2024-03-12"]
    assert r1["comment"][0].startswith("On 12 March 2024, a suicide bomber")
    actors = set(r1["hasActor"])
    assert {"https://w3id.org/kb/id/actor/islamic-state",
            "https://w3id.org/kb/id/actor/iraqi-security-forces"} <= actors  # fmt: skip
    # time_precision 3: the month; geo_precision 3: the admin1 region's centroid.
    r2 = event(store, "acled", "IRQ9002")
    assert r2["dateValue"] == ["2024-02"]
    assert r2["unitType"] == ["http://www.w3.org/2006/time#unitMonth"]
    assert r2["hasEarliestBeginTimeStamp"] == ["2024-02-01"]
    assert r2["hasLatestEndTimeStamp"] == ["2024-02-29"]
    assert r2["centroid"] == ["true"] and r2["hasPlace"] == [PLACE + "iso3166-2/IQ-DI"]
    # time_precision 2: a few days either side.
    r3 = event(store, "acled", "IRQ9003")
    assert (r3["hasEarliestBeginTimeStamp"], r3["hasLatestEndTimeStamp"]) == (
        ["2024-03-17"],
        ["2024-03-23"],
    )
    # An unidentified group is an actor of its own incident only.
    r4 = event(store, "acled", "IRQ9004")
    unid = [a for a in r4["hasActor"] if "/actor/unidentified/" in a]
    assert unid == ["https://w3id.org/kb/id/actor/unidentified/acled/IRQ9004/0"]
    assert facts(store, unid[0])["actorKind"] == ["unidentified"]
    # A village the gazetteer lacks: minted, inside its region.
    (village,) = r4["hasPlace"]
    assert village.startswith(PLACE + "acled/")
    rows = one(store, "SELECT ?w WHERE { ?p geo:sfWithin ?w }", p=URIRef(village))
    assert PLACE + "iso3166-2/IQ-AN" in {str(x["w"]) for x in rows}
    # The outlets ACLED names are credited, each a canonical actor.
    assert len(r1["wasAttributedTo"]) == 2 and r1["sourceCount"] == ["2"]
    names = one(
        store,
        "SELECT ?n WHERE { ?ev prov:wasAttributedTo ?a . ?a skos:prefLabel ?n }",
        ev=URIRef(EV + "acled-IRQ9001"),
    )
    assert {str(x["n"]) for x in names} >= {"Shafaq News"}
    conforms(store)


def test_acled_older_layout_and_zip(store):
    s = import_files(
        store,
        "acled",
        [str(ACLED / "acled-iraq-2019-old-layout.csv"), str(ACLED / "acled-iraq-2024.csv.zip")],
    )
    assert s.files == 2 and s.imported == 6
    r = event(store, "acled", "IRQ4001")
    assert r["dateValue"] == ["2019-03-05"] and r["killed"] == ["3"]
    assert r["typeKey"] != ["other"]
    assert "killed" not in event(store, "acled", "IRQ4002")  # no fatalities given
    assert event(store, "acled", "IRQ9001")["typeKey"] == ["suicide_bombing"]


def _article_event(store, art_id: str, type_key: str, day: dt.date, text: str) -> None:
    """Ingest one article whose one event is IS against Iraqi forces in Ramadi on `day`."""
    from kb.gazetteer import Gazetteer
    from kb.ingest import ingest_articles
    from kb.model import ActorRef, Article, Event, Mention, TimeSpan

    art = Article(id=art_id, text=text, title="Ramadi", published=day + dt.timedelta(days=1))
    ramadi = Gazetteer.default().lookup("Ramadi", "IQ")
    assert ramadi is not None
    event = Event(
        id=art_id + "-0",
        article=art,
        type=type_key,
        types=[type_key],
        trigger="struck",
        mention=Mention(text, 0, len(text)),
        actors=[
            ActorRef(id="islamic-state", name="Islamic State", role="agent"),
            ActorRef(id="iraqi-security-forces", name="Iraqi security forces", role="target"),
        ],
        places=[ramadi],
        date=TimeSpan(
            text="Tuesday",
            value=day.isoformat(),
            precision="day",
            earliest=day,
            latest=day,
            basis="explicit",
        ),  # fmt: skip
    )
    ingest_articles(store, [art], extractor=GivenEvents([event]))


def test_acled_event_joins_the_incident_of_an_article(store):
    text = "A suicide bomber from the Islamic State struck an army checkpoint in Ramadi on Tuesday."
    _article_event(store, "wire-1", "suicide_bombing", dt.date(2024, 3, 12), text)
    s = import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert s.merged == 1 and s.imported == 4
    # The joining row is written as a report, so relinking later keeps it.
    ev = incident_of(store, R + "acled/IRQ9001")
    assert ev is not None
    assert incident_reports(store, ev) == {R + "wire-1/0", R + "acled/IRQ9001"}
    rows = one(store, "SELECT ?id ?n WHERE { ?ev kb:datasetId ?id ; kb:sourceCount ?n }",
               ev=URIRef(ev))  # fmt: skip
    assert [(str(x["id"]), int(x["n"])) for x in rows] == [("IRQ9001", 2)]
    # The other rows stay compact incidents of their own.
    assert holding(store, "acled", "IRQ9002") == EV + "acled-IRQ9002"
    assert not one(store, _Q_HOLDING, ds=Literal("acled"), id=Literal("IRQ9009"))
    conforms(store)
    # Importing the file again gives the same store.
    before = sorted(store.quads(), key=str)
    import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    assert sorted(store.quads(), key=str) == before


def test_gdelt_rows_join_an_article_incident_and_its_mentions_follow(store):
    text = "Islamic State fighters clashed with Iraqi forces in Ramadi on Tuesday."
    _article_event(store, "wire-2", "armed_clash", dt.date(2024, 3, 5), text)
    s = import_files(
        store, "gdelt", [str(GDELT / "20240305.export.CSV"), str(GDELT / "20240305.mentions.CSV")]
    )
    assert s.merged == 3 and s.mentions == 3  # two rows and one further article
    ev = incident_of(store, R + "wire-2/0")
    assert ev is not None
    reports = incident_reports(store, ev)
    assert {R + "wire-2/0", R + "gdelt/1001", R + "gdelt/1002"} <= reports
    assert len(reports) == 4  # and the further article a mentions row names
    assert int(one(store, "SELECT ?n WHERE { ?ev kb:sourceCount ?n }", ev=URIRef(ev))[0]["n"]) == 4
    # Events that match no article are compact incidents as without articles.
    assert holding(store, "gdelt", "1003") == EV + "gdelt-1003"
    assert event(store, "gdelt", "1003")["sourceCount"] == ["2"]
    conforms(store)


def test_an_article_after_the_import_joins_a_promoted_incident(store):
    """An article ingested after an import joins the imported incident it reports:
    kb.ingest promotes the matching compact incident to reports (kb.importers.promote)
    and links the article's report with them by the usual rule."""
    from kb.importers.promote import promote_matching
    from kb.link.incidents import load_reports

    import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    clash = URIRef(EV + "gdelt-1001")
    assert store.query("ASK { ?ev a sem:Event }", {"ev": clash})
    text = "Islamic State fighters clashed with Iraqi forces in Ramadi on Tuesday."
    _article_event(store, "wire-3", "armed_clash", dt.date(2024, 3, 5), text)
    ev = incident_of(store, R + "wire-3/0")
    assert ev is not None
    reports = incident_reports(store, ev)
    # One report per source of the imported incident (1001 and 1002 came from two articles).
    promoted = sorted(r for r in reports if r.startswith(R + "gdelt/"))
    assert promoted[0] == R + "gdelt/1001"
    assert len(promoted) == 2 and all(r.startswith(R + "gdelt/1001") for r in promoted)
    assert reports == {R + "wire-3/0", *promoted}
    assert not store.query("ASK { ?ev ?p ?o }", {"ev": clash})  # the compact node is gone
    rows = one(store, "SELECT ?n WHERE { ?ev kb:sourceCount ?n }", ev=URIRef(ev))
    assert int(rows[0]["n"]) == 3
    assert one(store, "SELECT ?b WHERE { ?ev kb:inBucket ?b }", ev=URIRef(ev))
    # The row ids stay findable; the other imported incidents are untouched.
    ids = one(store, "SELECT ?i WHERE { ?r <http://purl.org/dc/terms/identifier> ?i }",
              r=URIRef(R + "gdelt/1001"))  # fmt: skip
    assert [str(x["i"]) for x in ids] == ["1002"]
    assert holding(store, "gdelt", "1003") == EV + "gdelt-1003"
    assert promote_matching(store, load_reports(store, [R + "wire-3/0"])) == []  # done
    conforms(store)
    # A mentions row naming the promoted event is attached as a further report.
    s = import_files(store, "gdelt", [str(GDELT / "20240305.mentions.CSV")])
    assert not any("1001 is not in the store" in p for p in s.problems)
    assert len(incident_reports(store, ev)) == 4
    conforms(store)


def test_an_acled_incident_is_promoted_for_a_later_article(store):
    import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    text = "A suicide bomber from the Islamic State struck an army checkpoint in Ramadi."
    _article_event(store, "wire-4", "suicide_bombing", dt.date(2024, 3, 12), text)
    ev = incident_of(store, R + "wire-4/0")
    assert ev is not None
    assert incident_reports(store, ev) == {R + "wire-4/0", R + "acled/IRQ9001"}
    killed = one(store, "SELECT ?k WHERE { ?ev kb:killed ?k }", ev=URIRef(ev))
    assert [int(k["k"]) for k in killed] == [4]
    # ACLED's notes are the report's mention; its other events stay compact.
    anchor = one(store, "SELECT ?t WHERE { ?r gaf:denotedBy ?m . ?m nif:anchorOf ?t }",
                 r=URIRef(R + "acled/IRQ9001"))  # fmt: skip
    assert str(anchor[0]["t"]).startswith("On 12 March 2024, a suicide bomber")
    assert holding(store, "acled", "IRQ9002") == EV + "acled-IRQ9002"
    conforms(store)


def test_an_unrelated_article_leaves_imported_incidents_compact(store):
    import_files(store, "acled", [str(ACLED / "acled-iraq-2024.csv")])
    text = "A suicide bomber from the Islamic State struck an army checkpoint in Ramadi."
    _article_event(store, "wire-5", "suicide_bombing", dt.date(2023, 1, 2), text)  # a year off
    ev = incident_of(store, R + "wire-5/0")
    assert ev is not None and incident_reports(store, ev) == {R + "wire-5/0"}
    assert holding(store, "acled", "IRQ9001") == EV + "acled-IRQ9001"


def test_import_on_both_backends(store_location):
    s = open_store(store_location)
    try:
        summary = import_files(s, "acled", [str(ACLED / "acled-iraq-2024.csv")])
        assert summary.imported == 4 and summary.incidents == 4
        assert event(s, "acled", "IRQ9001")["typeKey"] == ["suicide_bombing"]
        summary = import_files(s, "gdelt", [str(GDELT / "20240305.export.CSV")])
        assert holding(s, "gdelt", "1001") == holding(s, "gdelt", "1002")
        summary = import_files(s, "gdelt", [str(GDELT / "20240305.mentions.CSV")])
        assert event(s, "gdelt", "1001")["sourceCount"] == ["3"]
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


@settings(max_examples=60, deadline=None)
@given(_infos())
def test_group_equals_components(infos):
    expected = [[r.iri for r in g] for g in components(list(infos))]
    assert [[r.iri for r in g] for g in group(infos)] == expected


# --- the incidents of a file are the components of the rule over its rows ---------------------
def _place(name: str, cc: str):
    from kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    return gaz.country(cc) if name == "" else gaz.lookup(name, cc)


_ROW_PLACES = [("Mosul", "IQ"), ("Ninawa", "IQ"), ("", "IQ"), ("Basra", "IQ"), ("", "SY")]
_ROW_ACTORS = [
    (),
    (("https://w3id.org/kb/id/actor/islamic-state", "Islamic State", "agent"),),
    (("https://w3id.org/kb/id/actor/islamic-state", "Islamic State", "agent"),
     ("https://w3id.org/kb/id/actor/iraqi-security-forces", "Iraqi forces", "target")),
    (("https://w3id.org/kb/id/actor/x-protester", "Protester", "agent"),),
    (("https://w3id.org/kb/id/actor/iraqi-security-forces", "Iraqi forces", "agent"),),
]  # fmt: skip
_ROW_TYPES = ["armed_clash", "attack", "air_or_drone_strike", "protest", "killing"]


@st.composite
def _file_groups(draw):
    """Groups as the importer makes them: rows alike in what they code, from articles."""
    from kb.eventtypes import top_key
    from kb.importers.compact import Group

    groups = []
    next_id = 100
    for _ in range(draw(st.integers(1, 14))):
        type_key = draw(st.sampled_from(_ROW_TYPES))
        day = dt.date(2024, 4, 15) + dt.timedelta(days=draw(st.integers(0, 4)))
        basis = draw(st.sampled_from(["publication", "relative", "explicit"]))
        place = _place(*draw(st.sampled_from(_ROW_PLACES)))
        sources = draw(st.lists(st.sampled_from(["", "a", "b", "c", "d"]), min_size=1, max_size=3))
        ids = [str(next_id + i) for i in range(len(sources))]
        next_id += len(sources)
        urls = [f"https://{s}.example.com/x" if s else "" for s in sources]
        groups.append(
            Group(
                "gdelt",
                ids,
                1,
                type_key,
                top_key(type_key),
                draw(st.sampled_from(_ROW_ACTORS)),
                [place],
                place.level == "country",
                day.isoformat(),
                "day",
                day,
                day,
                basis,
                dict.fromkeys(u for u in urls if u),
                sum(1 for u in urls if not u),
                row_sources=urls,
            )  # fmt: skip
        )
    cuts = sorted(draw(st.sets(st.integers(1, len(groups)), max_size=3)))
    return groups, cuts


@settings(max_examples=60, deadline=None)
@given(_file_groups())
def test_file_incidents_are_the_components_of_the_rule_over_rows(drawn):
    from kb.importers.compact import Group
    from kb.importers.fileunion import FileUnion

    groups, cuts = drawn
    # What the rule says of the rows, one report each (its own article).
    ref = FileUnion()
    infos = []
    for g in groups:
        for i, url in zip(g.ids, g.row_sources, strict=True):
            row = Group(g.dataset, [i], 1, g.type, g.top, g.actors, g.places, g.centroid,
                        g.value, g.precision, g.earliest, g.latest, g.basis)  # fmt: skip
            infos.append(ref.info(ref.node(row), url or "row:" + i, i))
    expected = sorted(sorted(r.iri for r in c) for c in components(infos))
    # What a FileUnion makes of the groups, in batches (with their rows kept at hand).
    fu = FileUnion(keep=True)
    written: dict[str, list[str]] = {}
    start = 0
    for cut in [*cuts, len(groups)]:
        for g in fu.add([_copy(x) for x in groups[start:cut]]):
            written[g.iri] = list(g.ids)
        start = cut
    for r in fu.finish():
        for iri in r.drop:
            written.pop(iri)
        written[r.group.iri] = list(r.group.ids)
    got = sorted(sorted(ids) for ids in written.values())
    assert got == expected


def _copy(g):
    import copy

    return copy.copy(g)


def test_rows_of_one_incident_far_apart_on_both_backends(store_location, tmp_path):
    # The incident written first is read back and written again with the later row: from
    # the embedded store directly, from a SPARQL endpoint by query.
    reference = open_store(str(tmp_path / "ref"))
    import_files(reference, "gdelt", [str(GDELT / "20240305.export.CSV")])
    expected = sorted(reference.quads(), key=str)
    reference.close()
    s = open_store(store_location)
    try:
        summary = import_files(s, "gdelt", [str(GDELT / "20240305.export.CSV")], window=1, batch=1)
        assert summary.incidents == 5
        assert holding(s, "gdelt", "1002") == EV + "gdelt-1001"
        assert sorted(s.quads(), key=str) == expected
    finally:
        s.close()


def test_gdelt_rows_join_an_article_event_of_the_days_before_their_report(store):
    # GDELT's day is the report's: a clash an article dates two days earlier, at the
    # same place with the same sides, is the one the rows report.
    text = "Islamic State fighters clashed with Iraqi forces in Ramadi on Sunday."
    _article_event(store, "wire-8", "armed_clash", dt.date(2024, 3, 3), text)
    s = import_files(store, "gdelt", [str(GDELT / "20240305.export.CSV")])
    assert s.merged == 2
    ev = incident_of(store, R + "wire-8/0")
    assert ev is not None
    assert {R + "gdelt/1001", R + "gdelt/1002"} <= incident_reports(store, ev)
    # Written as reports dated by their article: the day as the latest end only.
    time = facts(store, R + "gdelt/1001/time")
    assert time["dateBasis"] == ["publication"] and "dateValue" not in time
    report = facts(store, R + "gdelt/1001")
    assert report["hasLatestEndTimeStamp"] == ["2024-03-05"]
    assert "hasEarliestBeginTimeStamp" not in report
    conforms(store)


def test_acled_short_and_long_group_names_resolve_to_the_known_actor(store, tmp_path):
    """ACLED's "<short>: <long>" names ("JNIM: Group for Support ...") are known groups."""
    header = (ACLED / "acled-iraq-2024.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [
        "MLI501,2024-06-02,2024,1,Political violence,Battles,Armed clash,"
        "JNIM: Group for Support of Islam and Muslims,,Rebel group,"
        "Military Forces of Mali (2021-),,State forces,12,,466,Western Africa,Mali,Mopti,"
        "Bandiagara,,Bandiagara,14.35,-3.61,1,Studio Tamani,National,Clashes near Bandiagara.,3,,1",
        "COD502,2024-06-03,2024,1,Political violence,Battles,Armed clash,"
        "M23: March 23 Movement,,Rebel group,Military Forces of the Democratic Republic of Congo"
        " (2019-),,State forces,12,,180,Middle Africa,Democratic Republic of Congo,North Kivu,"
        "Rutshuru,,Rutshuru,-1.18,29.45,1,Radio Okapi,National,Fighting in Rutshuru.,2,,1",
        "MLI503,2024-06-04,2024,1,Political violence,Battles,Armed clash,"
        "XYZ: Some Unheard Of Front,,Rebel group,,,,10,,466,Western Africa,Mali,Mopti,"
        "Bandiagara,,Bandiagara,14.35,-3.61,1,Studio Tamani,National,A new front.,0,,1",
    ]
    path = tmp_path / "acled-sahel.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    s = import_files(store, "acled", [str(path)])
    assert s.imported == 3
    actor = "https://w3id.org/kb/id/actor/"
    assert actor + "jnim" in event(store, "acled", "MLI501")["hasActor"]
    assert actor + "m23" in event(store, "acled", "COD502")["hasActor"]
    # A name kb does not know stays one minted actor, named as ACLED wrote it.
    (minted,) = event(store, "acled", "MLI503")["hasActor"]
    labels = one(store, "SELECT ?n WHERE { ?a skos:prefLabel ?n }", a=URIRef(minted))
    assert [str(x["n"]) for x in labels] == ["XYZ: Some Unheard Of Front"]
    conforms(store)
