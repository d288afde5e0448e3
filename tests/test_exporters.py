"""Timeline exporters: every output is read back with the real parser for its format.

The fixture (tests/fixtures/timeline.json) holds entries of day, month and year
precision, a day range, an undated entry, a hostile headline and article title,
an entry without coordinates and two entries sharing an actor.
"""

from __future__ import annotations

import base64
import copy
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import geojson
import pytest
import rdflib
from icalendar import Calendar
from pyld import jsonld
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from kb.errors import UsageError
from kb.timeline.exporters import EXPORTERS, EXTENSIONS, FORMATS, get_exporter
from kb.timeline.exporters._common import safe_url
from kb.timeline.exporters.csv_export import COLUMNS

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "timeline.json"
ARTIFACTS = HERE / "artifacts"
GENERATED = dt.datetime(2025, 7, 22, 9, 30, tzinfo=dt.UTC)
TITLE = 'Levant <watch> & "friends"'
SEM = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WGS = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
# Plain IRIs: rdflib's closed namespaces (RDF, XSD) at module level make pytest warn.
RDF_TYPE = rdflib.URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#decimal")
HOSTILE_KEY = "e-0e05"
UNDATED_KEY = "e-1007"
LAF = "lebanese-armed-forces"


def load_entries() -> list[dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture()
def entries() -> list[dict[str, Any]]:
    return load_entries()


def export(name: str, entries: list[dict[str, Any]], title: str = TITLE) -> str:
    buf = io.StringIO(newline="")
    get_exporter(name)(entries, buf, title=title, generated=GENERATED)
    return buf.getvalue()


def by_key(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["key"]: e for e in entries}


def located(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in entry["places"] if p.get("lat") is not None and p.get("lon") is not None]


# --- the fixture itself: guard against it losing the cases the tests rely on


def test_fixture_covers_the_cases(entries):
    precisions = {e["date"]["precision"] for e in entries}
    assert {"day", "month", "year", None} <= precisions
    assert any(e["date"]["basis"] == "unknown" for e in entries)
    assert any("<script>" in e["headline"] and '"' in e["headline"] for e in entries)
    assert any(not located(e) for e in entries)
    assert sum(any(a["id"] == LAF for a in e["actors"]) for e in entries) == 2
    assert len(entries) >= 6


# --- registry


def test_registry_is_consistent():
    assert tuple(EXPORTERS) == FORMATS
    assert set(EXTENSIONS) == set(FORMATS)
    assert all(ext.startswith(".") for ext in EXTENSIONS.values())
    assert {"json", "table", "md", "csv", "html", "timelinejs", "ics", "geojson", "jsonld"} == set(
        FORMATS
    )


def test_get_exporter_unknown_name_lists_valid_names():
    with pytest.raises(UsageError) as err:
        get_exporter("pdf")
    message = str(err.value)
    assert "'pdf'" in message
    assert all(name in message for name in FORMATS)


def test_get_exporter_ignores_case_and_space():
    assert get_exporter(" JSON ") is get_exporter("json")


# --- contract, for every registered exporter


@pytest.mark.parametrize("name", FORMATS)
def test_contract_fixture_is_exported_deterministically_without_mutation(name, entries):
    before = copy.deepcopy(entries)
    first = export(name, entries)
    assert first.strip()
    assert export(name, entries) == first  # fixed `generated`: byte-identical
    assert entries == before  # exporters must not change their input


@pytest.mark.parametrize("name", FORMATS)
def test_contract_empty_timeline(name):
    assert export(name, []).strip()


@pytest.mark.parametrize("name", FORMATS)
def test_contract_only_undated(name, entries):
    undated = [e for e in entries if e["key"] == UNDATED_KEY]
    assert export(name, undated).strip()


@pytest.mark.parametrize("name", FORMATS)
def test_contract_generated_defaults_to_now(name, entries):
    buf = io.StringIO(newline="")
    get_exporter(name)(entries[:1], buf)
    assert buf.getvalue().strip()


# --- json


def test_json_document(entries):
    doc = json.loads(export("json", entries))
    assert doc["title"] == TITLE
    assert doc["generated"] == "2025-07-22T09:30:00Z"
    assert doc["count"] == len(entries)
    assert [e["key"] for e in doc["undated"]] == [UNDATED_KEY]
    earliest = [e["date"]["earliest"] for e in doc["entries"]]
    assert earliest == sorted(earliest)
    assert by_key(doc["entries"] + doc["undated"]) == by_key(entries)  # passed through unchanged


def test_json_naive_generated_is_utc(entries):
    buf = io.StringIO()
    get_exporter("json")([], buf, generated=dt.datetime(2025, 1, 2, 3, 4, 5))
    assert json.loads(buf.getvalue())["generated"] == "2025-01-02T03:04:05Z"


def test_json_default_generated_is_now(entries):
    buf = io.StringIO()
    get_exporter("json")([], buf)
    stamp = dt.datetime.fromisoformat(json.loads(buf.getvalue())["generated"])
    assert abs(dt.datetime.now(dt.UTC) - stamp) < dt.timedelta(minutes=5)


# --- table


def test_table_plain_text(entries):
    text = export("table", entries)
    assert "\x1b" not in text  # not a terminal: no colour codes
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "Date unknown (1)" in text
    dated_part, undated_part = text.split("Date unknown (1)")
    assert "checkpoint" in undated_part and "checkpoint" not in dated_part
    assert "14 June 2025" in dated_part and "July 2025" in dated_part
    # Headlines are text, never rich markup, and are folded rather than cut.
    assert "[bold]markup[/bold]" in text
    assert "document.title='pwned'" in text.replace("\n", "").replace(" ", "")
    assert "(hedged)" in text


def test_table_sources_column_explains_reports_over_outlets(entries):
    import copy

    plain = copy.deepcopy(entries)
    for e in plain:
        e["outlets"] = e["sources"]
    assert "Sources: reports" not in export("table", plain)
    # An imported event knows no outlets (0): its one source is not "1/0".
    for e in plain:
        e["sources"], e["outlets"] = 1, 0
    text = export("table", plain)
    assert "1/0" not in text and "Sources: reports" not in text
    split = copy.deepcopy(entries)
    split[0]["sources"], split[0]["outlets"] = 2, 1
    text = export("table", split)
    assert "2/1" in text
    assert text.rstrip().endswith("(2/1: two reports, one outlet).")


# --- markdown


def test_markdown_headings_and_escaping(entries):
    text = export("md", entries)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "December 2024",
        "2025 (month unknown)",
        "May 2025",
        "June 2025",
        "July 2025",
        "Date unknown",
    ]
    assert text.startswith('# Levant \\<watch\\> \\& "friends"\n')
    # No raw HTML gets through: the only unescaped "<" open link destinations.
    raw = [text[m.start() : m.start() + 9] for m in re.finditer(r"(?<!\\)<", text)]
    assert raw and all(r.startswith(("<https://", "<http://")) for r in raw)
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "javascript:" not in text
    assert "[Cedar Post: Two killed as jets strike outskirts of Nabatieh](<https://" in text
    assert "_(hedged)_" in text
    assert "%20(update)" in text  # a space in a URL is percent-encoded
    # The undated entry is listed apart, after every dated one.
    assert text.index("## Date unknown") < text.index("checkpoint")


# --- csv


def test_csv_rows(entries):
    text = export("csv", entries)
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(entries)
    assert rows[-1]["id"].endswith(UNDATED_KEY)
    assert rows[-1]["date_display"] == "" and rows[-1]["earliest"] == ""
    row = {r["id"].rsplit("/", 1)[-1]: r for r in rows}
    hostile = by_key(entries)[HOSTILE_KEY]
    assert row[HOSTILE_KEY]["headline"] == hostile["headline"]  # quotes and & round-trip
    assert row[HOSTILE_KEY]["first_source_url"].startswith("https://")  # javascript: skipped
    assert row["e-0d04"]["agents"] == "Lebanese Armed Forces"  # the participant is no agent
    assert row["e-0d04"]["targets"] == "Smuggling network"
    assert row["e-1108"]["places"] == "Nineveh Governorate; Mosul"
    assert (row["e-1108"]["lat"], row["e-1108"]["lon"]) == ("36.335", "43.11889")
    assert row["e-0f06"]["lat"] == "" and row["e-0f06"]["negated"] == "true"
    assert row["e-0c03"]["countries"] == "LB; SY"
    assert row["e-0c03"]["precision"] == "month" and row["e-0c03"]["date_value"] == "2025-07"


def test_csv_guards_against_formulas(entries):
    entry = copy.deepcopy(entries[0])
    entry["headline"] = '=HYPERLINK("http://evil.example")'
    rows = list(csv.DictReader(io.StringIO(export("csv", [entry]), newline="")))
    assert rows[0]["headline"] == "'" + entry["headline"]


# --- TimelineJS


def test_timelinejs_dates_stop_at_precision(entries):
    doc = json.loads(export("timelinejs", entries))
    events = {e["unique_id"]: e for e in doc["events"]}
    assert UNDATED_KEY not in events
    assert len(events) == len(entries) - 1
    assert "1 undated event." in doc["title"]["text"]["text"]
    assert doc["title"]["text"]["headline"] == "Levant &lt;watch&gt; &amp; &quot;friends&quot;"
    assert events["e-0c03"]["start_date"] == {"year": 2025, "month": 7}  # no invented day
    assert "end_date" not in events["e-0c03"]  # "early July" is within its month
    assert events["e-0f06"]["start_date"] == {"year": 2025}
    assert events["e-0b02"]["start_date"] == {"year": 2025, "month": 6, "day": 14}
    assert events["e-0d04"]["end_date"] == {"year": 2025, "month": 7, "day": 16}
    assert events["e-0c03"]["group"] == "Reinforcement"
    assert events["e-0c03"]["display_date"] == "July 2025"
    assert events["e-0b02"]["location"] == {"lat": 33.37889, "lon": 35.48389, "name": "Nabatieh"}
    hostile = events[HOSTILE_KEY]["text"]
    assert "<script" not in hostile["headline"] and "&lt;script&gt;" in hostile["headline"]
    assert "<script" not in hostile["text"] and "javascript:" not in json.dumps(doc)
    assert 'href="https://levant-wire.example.net/hermel-smugglers"' in hostile["text"]


# --- iCalendar


def test_ics_reads_back(entries):
    text = export("ics", entries)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    cal = Calendar.from_ical(text)
    assert str(cal["PRODID"]) and str(cal["VERSION"]) == "2.0"
    events = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    dated = [e for e in entries if e["date"]["earliest"]]
    assert set(events) == {e["key"] + "@kb" for e in dated}  # undated left out
    assert text.count("DTSTART;VALUE=DATE:") == len(dated)
    assert text.count("DTEND;VALUE=DATE:") == len(dated)

    def span(uid: str) -> tuple[dt.date, dt.date]:
        ev = events[uid + "@kb"]
        return ev["DTSTART"].dt, ev["DTEND"].dt

    assert span("e-0b02") == (dt.date(2025, 6, 14), dt.date(2025, 6, 15))  # exclusive end
    assert span("e-0d04") == (dt.date(2025, 7, 14), dt.date(2025, 7, 17))
    assert span("e-0c03") == (dt.date(2025, 7, 1), dt.date(2025, 7, 11))
    assert span("e-1108") == (dt.date(2025, 5, 1), dt.date(2025, 6, 1))  # the whole month
    assert span("e-0f06") == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))  # the whole year
    assert all(not isinstance(span(e["key"])[0], dt.datetime) for e in dated)
    border = events["e-0c03@kb"]
    assert (border["GEO"].latitude, border["GEO"].longitude) == (34.4, 36.4)
    assert str(border["STATUS"]) == "TENTATIVE"
    assert "GEO" not in events["e-0f06@kb"]
    assert events["e-1108@kb"]["GEO"].latitude == 36.335  # first place WITH coordinates
    assert events["e-0b02@kb"]["DTSTAMP"].dt == GENERATED
    hostile = events[HOSTILE_KEY + "@kb"]
    assert str(hostile["SUMMARY"]) == by_key(entries)[HOSTILE_KEY]["headline"]
    assert str(hostile["URL"]) == "https://levant-wire.example.net/hermel-smugglers"
    assert "javascript:" not in text
    assert str(events["e-1108@kb"]["URL"]).endswith("aid-abduction%20(update)")
    description = str(events["e-0b02@kb"]["DESCRIPTION"])
    assert "Cedar Post: Two killed" in description and "https://cedar-post" in description
    assert "Certainty: asserted" in description
    assert events["e-0b02@kb"]["CATEGORIES"].cats == ["airstrike"]


def test_ics_uid_without_key_is_stable(entries):
    entry = copy.deepcopy(entries[0])
    del entry["key"], entry["id"]
    uids = [str(ev["UID"]) for ev in Calendar.from_ical(export("ics", [entry])).walk("VEVENT")]
    assert len(uids) == 1 and uids[0].startswith("kb-") and uids[0].endswith("@kb")
    assert export("ics", [entry]) == export("ics", [copy.deepcopy(entry)])


# --- GeoJSON


def test_geojson_is_valid_and_lon_lat(entries):
    text = export("geojson", entries)
    doc = geojson.loads(text)
    assert doc.is_valid, doc.errors()
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    features = doc["features"]
    assert len(features) == sum(len(located(e)) for e in entries)
    assert len({f["id"] for f in features}) == len(features)
    basra = next(f for f in features if f["properties"]["place_name"] == "Basra")
    assert basra["geometry"]["coordinates"] == [47.7804, 30.50852]  # [lon, lat]
    undated = next(f for f in features if f["properties"]["key"] == UNDATED_KEY)
    assert undated["properties"]["date_earliest"] is None
    assert undated["properties"]["date_display"] == "date unknown"
    month = next(f for f in features if f["properties"]["key"] == "e-0c03")["properties"]
    assert (month["date_value"], month["date_precision"]) == ("2025-07", "month")
    assert (month["date_earliest"], month["date_latest"]) == ("2025-07-01", "2025-07-10")
    assert month["place_id"] == "border:LB-SY" and month["place_level"] == "border"
    assert month["certainty"] == "hedged" and month["sources"] == 1
    assert not any(f["properties"]["key"] == "e-0f06" for f in features)  # no coordinates


# --- JSON-LD


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_parses_with_rdflib(entries):
    text = export("jsonld", entries)
    assert isinstance(json.loads(text)["@context"], dict)  # inline, never a remote URL
    g = rdflib.Graph().parse(data=text, format="json-ld")
    events = set(g.subjects(RDF_TYPE, SEM.Event))
    assert len(events) == len(entries)
    begins = list(g.objects(None, SEM.hasEarliestBeginTimeStamp))
    ends = list(g.objects(None, SEM.hasLatestEndTimeStamp))
    assert len(begins) == len(ends) == len(entries) - 1  # the undated one has none
    assert all(lit.datatype == XSD_DATE for lit in begins + ends)
    event = rdflib.URIRef(by_key(entries)["e-0c03"]["id"])
    assert g.value(event, SEM.hasEarliestBeginTimeStamp).toPython() == dt.date(2025, 7, 1)
    assert g.value(event, SEM.hasLatestEndTimeStamp).toPython() == dt.date(2025, 7, 10)
    types = set(g.objects(event, SEM.eventType))
    assert rdflib.URIRef("https://w3id.org/kb/event-type/reinforcement") in types
    laf = rdflib.URIRef("https://w3id.org/kb/id/actor/" + LAF)
    assert len(set(g.subjects(SEM.hasActor, laf))) == 2
    place = g.value(event, SEM.hasPlace)
    assert g.value(place, WGS.lat).toPython() == Decimal("34.4")
    assert g.value(place, WGS.long).datatype == XSD_DECIMAL
    sources = {str(o) for o in g.objects(None, PROV.wasDerivedFrom)}
    assert "https://cedar-post.example.org/strike-nabatieh" in sources
    assert not any(s.startswith("javascript") for s in sources)
    hostile = rdflib.URIRef(by_key(entries)[HOSTILE_KEY]["id"])
    assert str(g.value(hostile, rdflib.RDFS.label)) == by_key(entries)[HOSTILE_KEY]["headline"]


def test_jsonld_expands_with_pyld_offline(entries, monkeypatch):
    def no_network(url, options=None):
        raise AssertionError(f"pyld tried to load {url}")

    monkeypatch.setattr(jsonld, "_default_document_loader", no_network, raising=False)
    jsonld.set_document_loader(no_network)
    expanded = jsonld.expand(json.loads(export("jsonld", entries)))
    sem_event = str(SEM.Event)
    nodes = [n for n in expanded if sem_event in n.get("@type", [])]
    assert len(nodes) == len(entries)
    begin = str(SEM.hasEarliestBeginTimeStamp)
    dated = [n for n in nodes if begin in n]
    assert len(dated) == len(entries) - 1
    assert all(n[begin][0]["@type"] == str(XSD_DATE) for n in dated)


# --- shared helpers


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/a b", "HTTP://example.org/a%20b"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ("/relative/path", None),
        ("https://exa\nmple.org/", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


# --- HTML, without a browser


def _page(entries: list[dict[str, Any]]) -> tuple[str, HTMLParser]:
    text = export("html", entries)
    return text, HTMLParser(text)


def test_html_is_self_contained(entries):
    text, tree = _page(entries)
    assert not tree.css("link, img, iframe, object, embed, script[src]")
    style = "".join(node.text() for node in tree.css("style"))
    assert "url(" not in style and "@import" not in style
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "default-src 'none'" in csp
    app = [s for s in tree.css("script") if s.attributes.get("type") != "application/json"]
    assert len(app) == 1
    digest = base64.b64encode(hashlib.sha256(app[0].text().encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # the CSP admits exactly this script
    assert "innerHTML" not in app[0].text()
    assert tree.css_first("title").text() == TITLE


def test_html_data_island_cannot_break_out(entries):
    text, tree = _page(entries)
    island = text.split('<script type="application/json" id="kb-data">', 1)[1]
    island = island.split("</script>", 1)[0]
    assert not set("<>&") & set(island)
    data = json.loads(island)
    assert by_key(data["entries"]) == by_key(entries)
    assert text.count("</script>") == 2  # only the page's own two script elements end
    assert [g["label"] for g in data["groups"]][-1] == "Date unknown"


# --- HTML in headless Chromium


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",
)
#: URL hash -> keys of the entries that must stay visible.
HASHES: dict[str, set[str]] = {
    "": {e["key"] for e in load_entries()},
    f"actor={LAF}": {"e-0c03", "e-0d04"},
    "type=attack": {"e-0b02", UNDATED_KEY},  # primary or secondary type
    "place=" + quote("geonames:272103"): {"e-0b02", "e-0c03", "e-0d04", HOSTILE_KEY},  # within
    f"actor={LAF}&type=arrest": {"e-0d04"},
    "actor=nobody-at-all": set(),
}


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory) -> dict[str, Any]:
    """Render the page once per hash (in parallel) and take a screenshot."""
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); HTML not rendered")
    tmp = tmp_path_factory.mktemp("html")
    page = tmp / "timeline.html"
    page.write_text(export("html", load_entries()), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "timeline.png"
    shot.unlink(missing_ok=True)

    def run(job: tuple[int, list[str]]) -> str:
        n, extra = job
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp / f'profile-{n}'}", *extra]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    # The unfiltered page is also the screenshot: one browser launch for both.
    shoot = [f"--screenshot={shot}", "--window-size=1280,1600"]
    jobs = [
        (n, [*(shoot if not h else []), "--dump-dom", page.as_uri() + ("#" + h if h else "")])
        for n, h in enumerate(HASHES)
    ]
    with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 2)) as pool:
        outputs = list(pool.map(run, jobs))
    return {"doms": dict(zip(HASHES, outputs, strict=False)), "screenshot": shot}


def _visible(dom: str) -> set[str]:
    tree = HTMLParser(dom)
    return {
        a.attributes["data-key"] for a in tree.css("article.entry") if "hidden" not in a.attributes
    }


@pytest.mark.browser
def test_browser_renders_every_entry_and_no_injected_markup(browser_run, entries):
    dom = browser_run["doms"][""]
    tree = HTMLParser(dom)
    assert tree.body.attributes.get("data-ready") == "true"  # the script ran to the end
    cards = tree.css("article.entry")
    assert len(cards) == len(entries)
    assert _visible(dom) == {e["key"] for e in entries}
    assert tree.css_first("title").text() == TITLE  # no data script changed the title
    # Nothing from the data became an element: only the page's two scripts exist,
    # no <img>/<b>/event-handler attributes.
    assert len(tree.css("script")) == 2
    assert not tree.css("img, b, iframe, [onerror], [onclick]")
    hostile = next(c for c in cards if c.attributes["data-key"] == HOSTILE_KEY)
    assert hostile.css_first("h3").text() == by_key(entries)[HOSTILE_KEY]["headline"]
    hrefs = [a.attributes.get("href") or "" for a in tree.css("a")]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert "Showing 8 of 8 events" in tree.css_first("#kb-status").text()
    labels = [h.text() for h in tree.css("h2.period-title")]
    assert labels[0].startswith("December 2024") and labels[-1].startswith("Date unknown")
    # The map: one dot per distinct located place.
    places = {p["id"] for e in entries for p in located(e)}
    assert len(tree.css("#kb-map svg g.dot circle")) == len(places)


@pytest.mark.browser
@pytest.mark.parametrize("hash_", list(HASHES))
def test_browser_hash_preselects_filters(browser_run, hash_):
    dom = browser_run["doms"][hash_]
    expected = HASHES[hash_]
    assert _visible(dom) == expected
    tree = HTMLParser(dom)
    status = tree.css_first("#kb-status").text()
    assert status.startswith(f"Showing {len(expected)} of ")
    empty = tree.css_first("p.empty")
    assert ("hidden" in empty.attributes) == bool(expected)
    # A period with no visible entry is hidden as a whole.
    for section in tree.css("section.period"):
        keys = {a.attributes["data-key"] for a in section.css("article.entry")}
        assert ("hidden" in section.attributes) == (not keys & expected)


@pytest.mark.browser
def test_browser_screenshot_artifact(browser_run):
    shot: Path = browser_run["screenshot"]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


@pytest.mark.browser
def test_browser_lists_each_article_once_with_every_passage(tmp_path):
    """An article reporting an incident in two passages is one source with two quotes."""
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); HTML not rendered")
    entries = copy.deepcopy(load_entries())
    entry = by_key(entries)["e-0b02"]
    first, second = entry["mentions"][:2]
    assert first["article"]["id"] != second["article"]["id"]
    detail = copy.deepcopy(first)
    detail.update(text="Two of the wounded died in hospital overnight.", start=900, end=946)
    detail["attribution"] = {"reported_by": None, "citing": "a hospital director"}
    entry["mentions"] = [first, detail, second]
    page = tmp_path / "timeline.html"
    page.write_text(export("html", entries), encoding="utf-8")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    done = subprocess.run(
        [*cmd, page.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    card = next(
        c
        for c in HTMLParser(done.stdout).css("article.entry")
        if c.attributes["data-key"] == "e-0b02"
    )
    items = card.css("div.sources li")
    assert len(items) == 2  # two articles, not three passages
    quotes = [[q.text() for q in li.css("blockquote")] for li in items]
    assert quotes == [[first["text"], detail["text"]], [second["text"]]]
    assert "Quoted text (2 passages)" in items[0].css_first("summary").text()
    # Both passages' attributions are named on the article's line.
    assert "citing a hospital director" in items[0].text()


@pytest.mark.browser
def test_browser_type_chips_use_the_vocabulary_names(browser_run, entries):
    """Broader types (an entry's lineage) are named as the SKOS vocabulary names them."""
    from kb.eventtypes import label

    tree = HTMLParser(browser_run["doms"][""])
    chips = {
        c.css_first("input").attributes["value"]: c.css("span")[0].text()
        for c in tree.css("#f-types label.chip")
    }
    keys = {k for e in entries for k in [e["type"], *e.get("types", [])]}
    assert set(chips) == keys
    known = {"airstrike", "attack", "reinforcement", "deployment_or_mobilization", "arrest"}
    assert known <= keys and "sabotage" in keys  # the fixture has both kinds
    # Known keys: the vocabulary's name (lower case, as in every other output), whatever
    # label an entry carries; keys the vocabulary lacks: the key, readable.
    assert {k: chips[k] for k in known} == {k: label(k) for k in known}
    assert chips["airstrike"] == "airstrike" and chips["sabotage"] == "Sabotage"


@pytest.mark.browser
def test_browser_map_labels_stay_inside_the_map_and_apart(tmp_path):
    """Two places a few km apart at the map's edge: both names readable, none cut off."""
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); HTML not rendered")
    entries = copy.deepcopy(load_entries())[:3]
    spots = [
        ("geonames:1", "Western Town", 34.2, 36.1),
        ("geonames:2", "Edge Town Near The Frontier", 34.4, 41.0),
        ("border:XX-YY", "Long Named Border Area", 34.41, 41.05),
    ]
    for entry, (pid, name, lat, lon) in zip(entries, spots, strict=True):
        entry["places"] = [
            {"id": pid, "name": name, "level": "city", "lat": lat, "lon": lon, "within": []}
        ]
    page = tmp_path / "timeline.html"
    page.write_text(export("html", entries), encoding="utf-8")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    done = subprocess.run(
        [*cmd, page.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    svg = HTMLParser(done.stdout).css_first("#kb-map svg")
    box = svg.attributes.get("viewBox") or svg.attributes["viewbox"]
    width, height = (float(v) for v in box.split()[2:])
    boxes = []
    for text in svg.css("g.dot text"):
        x, y, fs = (float(text.attributes[k]) for k in ("x", "y", "font-size"))
        # The page's own estimate of a label's extent (0.56 em a character).
        boxes.append((x, y - fs * 0.95, x + len(text.text()) * fs * 0.56, y + fs * 0.25))
    assert len(boxes) == 3
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and y0 >= 0
        assert x1 <= width + 0.01 and y1 <= height + 0.01
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
