"""Imports link with each other: ACLED with GDELT, and GDELT files of different days.

A store that holds no articles: rows of one file that are the same incident as what
another file imported (by the rule of kb.link.same) end up in one incident, whichever
file came first, and importing a file again changes nothing.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kb.importers import import_files
from kb.store import open_store

EV = "https://w3id.org/kb/id/event/"
R = "https://w3id.org/kb/id/report/"

# --- fixtures in the documented formats ----------------------------------------------------
#: GDELT 2.0 export columns (Event Codebook V2.0), by position.
_GDELT_COLUMNS = 61


def gdelt_row(
    event_id: int,
    day: str,
    actor1: tuple[str, str, str, str],
    actor2: tuple[str, str, str, str] | None,
    cameo: str,
    geo: tuple[str, str, str, str, float, float, str],
    added: str,
    url: str,
) -> str:
    """One tab-separated GDELT 2.0 event row.

    Args:
        actor1, actor2: (code, name, CAMEO country code, type code).
        geo: ActionGeo (type, full name, FIPS country, ADM1 code, lat, long, feature id).
    """
    f = [""] * _GDELT_COLUMNS
    f[0], f[1], f[2], f[3] = str(event_id), day, day[:6], day[:4]
    f[4] = f"{day[:4]}.{int(day[4:6]) * 8:04d}"
    for start, actor in ((5, actor1), (15, actor2)):
        if actor is not None:
            code, name, country, kind = actor
            f[start], f[start + 1], f[start + 2], f[start + 7] = code, name, country, kind
    f[25], f[26], f[27], f[28] = "1", cameo, cameo, cameo[:2]
    f[29], f[30], f[31], f[32], f[33], f[34] = "4", "-10.0", "6", "1", "6", "-4.2"
    gtype, full, fips, adm1, lat, lon, feature = geo
    f[51:59] = [gtype, full, fips, adm1, "", str(lat), str(lon), feature]
    f[59], f[60] = added, url
    return "\t".join(f)


IS = ("IRQREB", "ISLAMIC STATE", "IRQ", "REB")
ARMY = ("IRQMIL", "IRAQ", "IRQ", "MIL")
PROTESTERS = ("IRQCVL", "PROTESTER", "IRQ", "CVL")
RAMADI = ("4", "Ramadi, Al Anbar, Iraq", "IZ", "IZ01", 33.4206, 43.3078, "-3118029")
BASRA = ("4", "Basra, Al Basrah, Iraq", "IZ", "IZ02", 30.5085, 47.7804, "-3119841")

#: The clash in Ramadi on 4 June 2023, coded from two articles on the day ...
DAY1 = [
    gdelt_row(8101, "20230604", IS, ARMY, "190", RAMADI, "20230604093000",
              "https://news.example.com/2023/06/ramadi-fighting"),
    gdelt_row(8102, "20230604", IS, ARMY, "190", RAMADI, "20230604101500",
              "https://wire.example.org/iraq/anbar-clash-leaves-dead"),
    # ... and an unrelated protest in Basra.
    gdelt_row(8103, "20230604", PROTESTERS, None, "141", BASRA, "20230604110000",
              "https://news.example.com/2023/06/basra-water-protest"),
]  # fmt: skip
#: The next day's file codes the same clash again from a later article (dated the 5th).
DAY2 = [
    gdelt_row(8201, "20230605", IS, ARMY, "190", RAMADI, "20230605080000",
              "https://daily.example.net/ramadi-clashes-continue"),
    gdelt_row(8202, "20230605", PROTESTERS, None, "141", BASRA, "20230605090000",
              "https://daily.example.net/basra-protest-day-two"),
]  # fmt: skip

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
).split(",")


def acled_row(event_id: str, day: str, sub_type: str, event_type: str, actor1: str,
              actor2: str, inter: tuple[str, str], where: tuple[str, str, float, float],
              source: str, notes: str, fatalities: int) -> list[str]:  # fmt: skip
    """One ACLED record in the current column layout (as a list in header order)."""
    admin1, location, lat, lon = where
    values = {
        "event_id_cnty": event_id, "event_date": day, "year": day[:4], "time_precision": "1",
        "disorder_type": "Political violence", "event_type": event_type,
        "sub_event_type": sub_type, "actor1": actor1, "inter1": inter[0], "actor2": actor2,
        "inter2": inter[1], "interaction": "12", "iso": "368", "region": "Middle East",
        "country": "Iraq", "admin1": admin1, "location": location, "latitude": str(lat),
        "longitude": str(lon), "geo_precision": "1", "source": source,
        "source_scale": "National", "notes": notes, "fatalities": str(fatalities),
        "timestamp": "1686000000",
    }  # fmt: skip
    return [values.get(name, "") for name in ACLED_HEADER]


ACLED = [
    acled_row("IRQ77001", "2023-06-04", "Armed clash", "Battles", "Islamic State (Iraq)",
              "Military Forces of Iraq (2022-)", ("Rebel group", "State forces"),
              ("Al Anbar", "Ramadi", 33.4206, 43.3078), "Shafaq News",
              "On 4 June 2023, IS fighters and the Iraqi army fought on the edge of Ramadi; "
              "three soldiers died.", 3),
    # Unrelated: a protest in Basra a week later.
    acled_row("IRQ77002", "2023-06-11", "Peaceful protest", "Protests", "Protesters (Iraq)",
              "", ("Protesters", ""), ("Al Basrah", "Basra", 30.5085, 47.7804), "Rudaw",
              "On 11 June 2023, residents protested power cuts in Basra.", 0),
]  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """The three files, written in their formats: two GDELT days and an ACLED export."""
    d1 = tmp_path / "20230604.export.CSV"
    d1.write_text("\n".join(DAY1) + "\n", encoding="utf-8")
    d2 = tmp_path / "20230605.export.CSV"
    d2.write_text("\n".join(DAY2) + "\n", encoding="utf-8")
    ac = tmp_path / "acled-iraq-2023-06.csv"
    with ac.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(ACLED_HEADER)
        w.writerows(ACLED)
    return {"day1": str(d1), "day2": str(d2), "acled": str(ac)}


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "s"))
    yield s
    s.close()


# --- reading the store back ----------------------------------------------------------------
_Q_INCIDENTS = """
SELECT ?ev ?id ?src WHERE {
  ?ev a sem:Event .
  {
    ?ev kb:hasReport ?r .
    OPTIONAL { { ?r kb:datasetId ?id } UNION { ?r <http://purl.org/dc/terms/identifier> ?id } }
    OPTIONAL { ?r prov:wasDerivedFrom ?a . ?a schema:url ?src }
  } UNION {
    FILTER NOT EXISTS { ?ev kb:hasReport ?any }
    { ?ev kb:datasetId ?id } UNION { ?ev <http://purl.org/dc/terms/identifier> ?id }
    UNION { ?ev prov:wasDerivedFrom ?src }
  }
}"""


def incidents(store) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Every incident: IRI -> (dataset ids of its rows, source URLs)."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    for row in store.select(_Q_INCIDENTS).rows:
        ids, sources = out.setdefault(str(row["ev"]), (set(), set()))
        if row["id"] is not None:
            ids.add(str(row["id"]))
        if row["src"] is not None:
            sources.add(str(row["src"]))
    return {ev: (frozenset(i), frozenset(s)) for ev, (i, s) in out.items()}


def incident_with(store, dataset_id: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """The one incident that holds a dataset row."""
    found = [(ev, i, s) for ev, (i, s) in incidents(store).items() if dataset_id in i]
    assert len(found) == 1, f"{dataset_id} is in {len(found)} incidents"
    return found[0]


def is_compact(store, ev: str) -> bool:
    return not store.query("ASK { ?ev kb:hasReport ?r }", {"ev": URIRef(ev)})


def quads(store) -> list:
    return sorted(store.quads(), key=str)


def conforms(store) -> None:
    from kb.validate import validate_store

    result = validate_store(store)
    assert result.conforms, result.text()


CLASH_URLS = {
    "https://news.example.com/2023/06/ramadi-fighting",
    "https://wire.example.org/iraq/anbar-clash-leaves-dead",
}


# --- ACLED and GDELT ---------------------------------------------------------------------------
def test_acled_then_gdelt_is_one_incident_with_both_datasets(store, files):
    import_files(store, "acled", [files["acled"]])
    s = import_files(store, "gdelt", [files["day1"]])
    assert s.merged == 2 and s.imported == 3  # both rows of the clash
    assert "2 merged with existing events" in s.text()
    ev, ids, sources = incident_with(store, "IRQ77001")
    assert ids == {"IRQ77001", "8101", "8102"}
    assert sources == CLASH_URLS
    assert not is_compact(store, ev)
    # The incident names both datasets' reports and counts every source.
    reports = {str(r["r"]) for r in store.select(
        "SELECT ?r WHERE { ?ev kb:hasReport ?r }", {"ev": URIRef(ev)}).rows}  # fmt: skip
    assert R + "acled/IRQ77001" in reports and R + "gdelt/8101" in reports
    n = store.select("SELECT ?n WHERE { ?ev kb:sourceCount ?n }", {"ev": URIRef(ev)}).rows
    assert int(n[0]["n"]) == 3
    killed = store.select("SELECT ?k WHERE { ?ev kb:killed ?k }", {"ev": URIRef(ev)}).rows
    assert [int(k["k"]) for k in killed] == [3]
    # The unrelated events stay compact incidents of their own.
    assert incident_with(store, "8103")[0] == EV + "gdelt-8103"
    assert is_compact(store, EV + "gdelt-8103")
    assert incident_with(store, "IRQ77002")[0] == EV + "acled-IRQ77002"
    assert len(incidents(store)) == 3
    conforms(store)


def test_kb_events_shows_one_incident_with_both_sources(store, files, tmp_path):
    from kb.cli import app

    import_files(store, "acled", [files["acled"]])
    import_files(store, "gdelt", [files["day1"]])
    store.close()
    day = ["--since", "2023-06-04", "--until", "2023-06-04"]
    result = CliRunner().invoke(
        app, ["events", "--store", str(tmp_path / "s"), "-f", "jsonl", *day]
    )
    assert result.exit_code == 0, result.output
    objs = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    clashes = [o for o in objs if o["type"] == "armed_clash"]
    assert len(clashes) == 1, objs
    clash = clashes[0]
    assert clash["sources"] == 3
    articles = {m["article"]["id"] for m in clash["mentions"]}
    assert "acled-IRQ77001" in articles and len(articles) == 3
    assert {m["article"]["url"] for m in clash["mentions"]} == CLASH_URLS | {None}
    assert clash["quantities"] == {"killed": 3}


def test_the_order_of_the_imports_does_not_matter(tmp_path, files):
    stores = []
    for n, order in enumerate((["acled", "day1"], ["day1", "acled"])):
        s = open_store(str(tmp_path / f"o{n}"))
        for name in order:
            import_files(s, "acled" if name == "acled" else "gdelt", [files[name]])
        stores.append(s)
    a, b = stores
    assert incidents(a) == incidents(b)
    ev, ids, _ = incident_with(b, "8101")
    assert ids == {"IRQ77001", "8101", "8102"} and ev == incident_with(a, "IRQ77001")[0]
    # Not only the same incidents: the same store, quad for quad.
    assert quads(a) == quads(b)
    conforms(b)
    for s in stores:
        s.close()


def test_the_second_import_counts_what_it_merged(store, files):
    import_files(store, "gdelt", [files["day1"]])
    s = import_files(store, "acled", [files["acled"]])
    assert s.merged == 1 and s.imported == 2
    # Two ACLED incidents written, one of them now part of the GDELT clash's incident.
    assert len(incidents(store)) == 3


# --- GDELT files of different days ----------------------------------------------------------
def test_two_gdelt_days_coding_one_event_link(store, files):
    import_files(store, "gdelt", [files["day1"]])
    s = import_files(store, "gdelt", [files["day2"]])
    assert s.merged == 1
    ev, ids, sources = incident_with(store, "8201")
    assert ids == {"8101", "8102", "8201"}
    assert sources == CLASH_URLS | {"https://daily.example.net/ramadi-clashes-continue"}
    # The Basra protests of the two days name no actor the rule counts (protesters):
    # the same town a day apart is too little evidence, so they stay compact and apart.
    assert incident_with(store, "8103")[0] == EV + "gdelt-8103"
    assert incident_with(store, "8202")[0] == EV + "gdelt-8202"
    assert is_compact(store, EV + "gdelt-8103") and is_compact(store, EV + "gdelt-8202")
    conforms(store)


def test_two_gdelt_days_in_one_run_and_in_either_order(tmp_path, files):
    runs = {
        "one run": [[files["day1"], files["day2"]]],
        "one run, day 2 first": [[files["day2"], files["day1"]]],
        "two runs, day 2 first": [[files["day2"]], [files["day1"]]],
    }
    stores = {}
    for name, paths in runs.items():
        s = stores[name] = open_store(str(tmp_path / name.replace(" ", "-")))
        for run in paths:
            import_files(s, "gdelt", run)
    first = quads(stores["one run"])
    assert incident_with(stores["one run"], "8101")[1] == {"8101", "8102", "8201"}
    for s in stores.values():
        assert quads(s) == first
        s.close()


def test_rows_of_one_event_in_several_batches_link_the_same_way(tmp_path, files):
    # A window of one row splits the clash's two rows into two groups, written in two
    # batches: the second finds the first one's promoted reports, not a compact incident.
    stores = []
    for n, order in enumerate((["acled", "day1"], ["day1", "acled"])):
        s = open_store(str(tmp_path / f"w{n}"))
        for name in order:
            dataset = "acled" if name == "acled" else "gdelt"
            import_files(s, dataset, [files[name]], batch=1, window=1)
        stores.append(s)
    a, b = stores
    assert incident_with(a, "8102")[1] == {"IRQ77001", "8101", "8102"}
    assert quads(a) == quads(b)
    for s in stores:
        s.close()


def test_rows_matching_an_article_join_it_row_by_row(store, files):
    import datetime as dt

    from test_importers import _article_event

    text = "Fighting broke out between IS militants and army units outside Ramadi on Sunday."
    _article_event(store, "desk-1", "armed_clash", dt.date(2023, 6, 4), text)
    import_files(store, "acled", [files["acled"]])
    s = import_files(store, "gdelt", [files["day1"], files["day2"]])
    assert s.merged == 3
    ev, ids, _ = incident_with(store, "8101")
    assert ids >= {"IRQ77001", "8101", "8102", "8201"}
    reports = {str(r["r"]) for r in store.select(
        "SELECT ?r WHERE { ?ev kb:hasReport ?r }", {"ev": URIRef(ev)}).rows}  # fmt: skip
    # The article's report, ACLED's row and each GDELT row (rows joining an article's
    # incident are written one report a row).
    assert {R + "desk-1/0", R + "acled/IRQ77001", R + "gdelt/8101", R + "gdelt/8102",
            R + "gdelt/8201"} <= reports  # fmt: skip
    assert is_compact(store, EV + "gdelt-8103")
    conforms(store)


def test_an_unrelated_event_stays_compact(store, files):
    import_files(store, "gdelt", [files["day1"]])
    import_files(store, "acled", [files["acled"]])
    # A protest in Basra on the 4th (GDELT) and one on the 11th (ACLED): a week apart.
    assert incident_with(store, "8103")[0] == EV + "gdelt-8103"
    assert incident_with(store, "IRQ77002")[0] == EV + "acled-IRQ77002"
    assert is_compact(store, EV + "gdelt-8103") and is_compact(store, EV + "acled-IRQ77002")


# --- importing again ------------------------------------------------------------------------
@pytest.mark.parametrize("again", ["acled", "day1", "day2"])
def test_importing_a_file_again_changes_nothing(store, files, again):
    import_files(store, "acled", [files["acled"]])
    import_files(store, "gdelt", [files["day1"]])
    import_files(store, "gdelt", [files["day2"]])
    before = quads(store)
    assert incident_with(store, "8201")[1] == {"IRQ77001", "8101", "8102", "8201"}
    s = import_files(store, "acled" if again == "acled" else "gdelt", [files[again]])
    assert s.merged >= 1
    assert quads(store) == before


# --- the fast path ----------------------------------------------------------------------------
def test_a_store_of_one_file_is_never_compared(store, files, monkeypatch):
    import kb.importers.pipeline as pipeline
    from kb.importers.linking import ReportMatcher

    def boom(*args, **kwargs):
        raise AssertionError("compared a file with a store that holds nothing else")

    monkeypatch.setattr(pipeline, "compact_matches", boom)
    monkeypatch.setattr(ReportMatcher, "matching", boom)
    asked: list[str] = []
    for name in ("query", "select", "select_values"):
        real = getattr(type(store), name)

        def counted(self, text, *args, _real=real, **kwargs):
            asked.append(text)
            return _real(self, text, *args, **kwargs)

        monkeypatch.setattr(type(store), name, counted)
    import_files(store, "gdelt", [files["day1"]], batch=1)
    import_files(store, "gdelt", [files["day1"]], batch=1)  # its own import only
    # Per run: "are there reports?", "is the file's graph there?", "anything imported?";
    # nothing per batch (three batches a run).
    assert len(asked) == 6 and all(q.lstrip().startswith("ASK") for q in asked)
    monkeypatch.undo()
    assert len(incidents(store)) == 2


# --- both backends ------------------------------------------------------------------------
def test_imports_link_on_both_backends(store_location, files):
    s = open_store(store_location)
    try:
        import_files(s, "acled", [files["acled"]])
        import_files(s, "gdelt", [files["day1"], files["day2"]])
        ev, ids, sources = incident_with(s, "IRQ77001")
        assert ids == {"IRQ77001", "8101", "8102", "8201"}
        assert len(sources) == 3
        assert is_compact(s, EV + "gdelt-8103")
        rows = s.select("SELECT ?ds WHERE { ?ev kb:dataset ?ds }", {"ev": URIRef(ev)}).rows
        assert [str(r["ds"]) for r in rows] == ["acled"]
        before = quads(s)
        import_files(s, "gdelt", [files["day1"]])
        assert quads(s) == before
    finally:
        s.close()


def test_dataset_ids_stay_findable(store, files):
    import_files(store, "gdelt", [files["day1"]])
    import_files(store, "acled", [files["acled"]])
    # Every row id of the promoted GDELT incident is on its first report.
    rows = store.select(
        "SELECT ?i WHERE { ?r <http://purl.org/dc/terms/identifier> ?i }",
        {"r": URIRef(R + "gdelt/8101")},
    ).rows
    assert [str(x["i"]) for x in rows] == ["8102"]
    assert store.query("ASK { ?r kb:datasetId ?id }", {"id": Literal("IRQ77001")})
