"""ACLED's notes (the analyst's description of an event) reach every timeline output.

The ACLED fixtures are imported through the CLI; each output is read back with a real
parser (json, csv, icalendar, geojson, rdflib, an HTML parser and headless Chromium)
and compared with the fixtures' ``notes`` column, read here with the csv module. Stores
of article-derived or GDELT incidents must keep their outputs without notes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import geojson
import pytest
import rdflib
from icalendar import Calendar
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from kb.cli import app

HERE = Path(__file__).parent
ACLED = HERE / "fixtures" / "acled"
FILES = [ACLED / "acled-iraq-2024.csv", ACLED / "acled-iraq-2024-05-duplicate-codings.csv"]
GDELT = HERE / "fixtures" / "gdelt" / "20240305.export.CSV"
#: Rows the importer must skip (a latitude and a date that are not ones).
BAD_ROWS = {"IRQ9005", "IRQ9006"}
#: The rows coded twice or by several sources: one incident (see test_import_notes.py).
MERGED = {"IRQ9301": ["IRQ9301", "IRQ9302", "IRQ9303"]}
FORMATS_WITH_NOTES = ("json", "csv", "md", "html", "timelinejs", "ics", "geojson", "jsonld")
#: The keys of an entry of `kb timeline -f json` as documented before notes existed.
ENTRY_KEYS = {
    "id", "key", "date", "type", "types", "type_label", "headline", "actors", "targets",
    "places", "certainty", "negated", "quantities", "sources", "outlets", "mentions",
}  # fmt: skip
CSV_COLUMNS = [
    "id", "date_display", "date_value", "precision", "earliest", "latest", "type",
    "headline", "agents", "targets", "places", "countries", "lat", "lon", "certainty",
    "negated", "sources", "outlets", "first_source_url",
]  # fmt: skip
RDFS_COMMENT = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#comment")
EV = "https://w3id.org/kb/id/event/"
# An article of our own about the event the duplicate codings describe (7 May, Ramadi).
ARTICLE = """title: Fighting at an army post near Ramadi
url: https://example.org/iraq/ramadi-army-post
published: 2024-05-08
outlet: Example Wire
id: wire-ramadi-post
---
RAMADI, Iraq, May 8 (Example Wire) - Islamic State fighters clashed with Iraqi soldiers at \
an army post near Ramadi on 7 May 2024, security officials said.
"""


# --- what the fixtures say, read without kb -----------------------------------------------
def fixture_notes() -> dict[str, str]:
    """ACLED event id -> its notes, for every row of the fixtures."""
    out: dict[str, str] = {}
    for path in FILES:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["event_id_cnty"]] = row["notes"].strip()
    return out


def expected_notes() -> dict[str, str]:
    """Incident key -> the notes it must show: a row's own text, or (merged rows) one
    line per distinct text naming the rows that give it, in row order."""
    notes = fixture_notes()
    in_merged = {i for rows in MERGED.values() for i in rows}
    out = {f"acled-{i}": text for i, text in notes.items() if i not in BAD_ROWS | in_merged}
    for first, rows in MERGED.items():
        by_text: dict[str, list[str]] = {}
        for i in rows:
            by_text.setdefault(notes[i], []).append(i)
        out[f"acled-{first}"] = "\n".join(f"[{', '.join(ids)}] {t}" for t, ids in by_text.items())
    assert all(out.values()) and len(out) == 6
    return out


# --- stores ---------------------------------------------------------------------------------
def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def export(store: Path, fmt: str, tmp: Path) -> str:
    """`kb timeline -f fmt` written to a file (as a user exports), read back as text."""
    out = tmp / f"timeline-{store.parent.name}.{fmt}"
    run("timeline", "--store", str(store), "-f", fmt, "-o", str(out))
    return out.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def article_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "ramadi.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def acled_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("acled") / "store"
    run("import", "acled", *map(str, FILES), "--store", str(store))
    return store


@pytest.fixture(scope="module")
def promoted_store(tmp_path_factory, article_file) -> Path:
    """The duplicate codings, then an article about the same event: it promotes them."""
    store = tmp_path_factory.mktemp("promoted") / "store"
    run("import", "acled", str(FILES[1]), "--store", str(store))
    run("ingest", str(article_file), "--store", str(store), "--quiet")
    return store


@pytest.fixture(scope="module")
def article_store(tmp_path_factory, article_file) -> Path:
    store = tmp_path_factory.mktemp("article") / "store"
    run("ingest", str(article_file), "--store", str(store), "--quiet")
    return store


@pytest.fixture(scope="module")
def gdelt_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("gdelt") / "store"
    run("import", "gdelt", str(GDELT), "--store", str(store))
    return store


def timeline_json(store: Path) -> list[dict[str, Any]]:
    doc = json.loads(run("timeline", "--store", str(store), "-f", "json"))
    return doc["entries"] + doc["undated"]


def promoted_key(store: Path) -> str:
    """The incident the article and the merged ACLED rows became (found by its reports)."""
    (key,) = [
        e["key"]
        for e in timeline_json(store)
        if {"acled-IRQ9301", "wire-ramadi-post"} <= {m["article"]["id"] for m in e["mentions"]}
    ]
    return key


@pytest.fixture(scope="module")
def cases(acled_store, promoted_store) -> dict[str, tuple[Path, dict[str, str]]]:
    """Store name -> (store, incident key -> expected notes)."""
    expected = expected_notes()
    promoted = {
        promoted_key(promoted_store): expected["acled-IRQ9301"],
        "acled-IRQ9304": expected["acled-IRQ9304"],
    }
    return {"compact": (acled_store, expected), "promoted": (promoted_store, promoted)}


# --- reading each format back -------------------------------------------------------------
def _md_unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]<>#|~&!])", r"\1", text)


def _md_items(text: str) -> list[list[str]]:
    """Each bullet of a Markdown timeline as its lines (continuations unindented)."""
    items: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append([line])
        elif line.startswith("  ") and items:
            items[-1].append(line[2:])
    return items


def notes_in(fmt: str, text: str, entries: list[dict[str, Any]]) -> dict[str, str | None]:
    """Incident key -> the notes a format's output shows for it (None: none shown)."""
    if fmt == "json":
        doc = json.loads(text)
        return {e["key"]: e.get("notes") for e in doc["entries"] + doc["undated"]}
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        return {r["id"].rsplit("/", 1)[1]: r.get("notes") or None for r in rows}
    if fmt == "ics":
        cal = Calendar.from_ical(text)
        out: dict[str, str | None] = {}
        for ev in cal.walk("VEVENT"):
            desc = str(ev["DESCRIPTION"])
            head = desc.split("\n\n", 1)[0]
            out[str(ev["UID"]).removesuffix("@kb")] = None if head.startswith("Date: ") else head
        return out
    if fmt == "geojson":
        fc = geojson.loads(text)
        assert fc.is_valid, fc.errors()
        out = {}
        for feature in fc["features"]:
            props = feature["properties"]
            assert out.get(props["key"], props.get("notes")) == props.get("notes")
            out[props["key"]] = props.get("notes")
        return out
    if fmt == "jsonld":
        g = rdflib.Graph().parse(data=text, format="json-ld")
        comments = {str(s): str(o) for s, o in g.subject_objects(RDFS_COMMENT)}
        return {e["key"]: comments.get(e["id"]) for e in entries}
    if fmt == "timelinejs":
        out = {}
        for slide in json.loads(text)["events"]:
            p = HTMLParser(slide["text"]["text"]).css_first("p.kb-notes")
            out[slide["unique_id"]] = p.text(separator="\n") if p else None
        return out
    if fmt == "md":
        by_headline = {e["headline"]: e["key"] for e in entries}
        assert len(by_headline) == len(entries)
        out = {}
        for item in _md_items(text):
            head = _md_unescape(item[0])
            (key,) = [k for h, k in by_headline.items() if f": {h} [" in head]
            lines = [_md_unescape(x.removesuffix(" \\")) for x in item[1:]]
            lines = [x for x in lines if not x.startswith("Sources: ")]
            out[key] = "\n".join(lines) or None
        return out
    if fmt == "html":
        island = HTMLParser(text).css_first("script#kb-data").text()
        return {e["key"]: e.get("notes") for e in json.loads(island)["entries"]}
    raise AssertionError(fmt)


# rdflib's JSON-LD parser uses its own deprecated class (as in test_exporters.py).
JSONLD_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"


# --- imported incidents show their notes ------------------------------------------------------
@pytest.mark.filterwarnings(JSONLD_WARNING)
@pytest.mark.parametrize("fmt", FORMATS_WITH_NOTES)
@pytest.mark.parametrize("case", ["compact", "promoted"])
def test_every_format_shows_each_incidents_own_notes(cases, case, fmt, tmp_path):
    store, expected = cases[case]
    entries = timeline_json(store)
    shown = notes_in(fmt, export(store, fmt, tmp_path), entries)
    # Every incident the format shows (ics and timelinejs leave undated ones out: none here).
    assert set(shown) == {e["key"] for e in entries} == set(expected)
    assert shown == expected


def test_the_promoted_incident_keeps_the_article_text_out_of_its_notes(cases):
    store, expected = cases["promoted"]
    (entry,) = [e for e in timeline_json(store) if e["key"] == promoted_key(store)]
    assert "security officials said" not in entry["notes"]
    assert "security officials said" in " ".join(m["text"] for m in entry["mentions"])
    # The notes come right after the headline in the JSON entry.
    keys = list(entry)
    assert keys[keys.index("headline") + 1] == "notes"


def test_csv_notes_cell_keeps_line_breaks_and_guards_nothing_it_need_not(acled_store, tmp_path):
    text = export(acled_store, "csv", tmp_path)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [*CSV_COLUMNS, "notes"]
    merged = next(r for r in rows if r["id"] == EV + "acled-IRQ9301")
    assert merged["notes"].count("\n") == 1 and merged["notes"].startswith("[IRQ9301, IRQ9303] ")
    assert text.count("\r\n") == len(rows) + 1  # the inner line break is not a row end


@pytest.mark.browser
def test_the_html_page_shows_the_notes_under_the_headline(acled_store, tmp_path):
    """Rendered by headless Chromium: each card's p.notes has its incident's text."""
    from test_exporters import CHROMIUM_FLAGS, _chromium

    exe = _chromium()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); HTML not rendered")
    page = tmp_path / "timeline.html"
    page.write_text(export(acled_store, "html", tmp_path), encoding="utf-8")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    done = subprocess.run(
        [*cmd, page.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    tree = HTMLParser(done.stdout)
    assert tree.body.attributes.get("data-ready") == "true"
    shown = {}
    for card in tree.css("article.entry"):
        after = card.css_first("h3.headline").next  # the notes follow the headline
        assert after is not None and after.tag == "p", card.html
        assert after.attributes.get("class") == "notes"
        shown[card.attributes["data-key"]] = after.text()
    assert shown == expected_notes()


def test_the_table_stays_one_line_per_incident(acled_store):
    """A plain table lists headlines only; the notes are for md, html and the rest."""
    table = run("timeline", "--store", str(acled_store))
    assert "Islamic State clashes with Iraqi security forces, Ramadi (Iraq)" in table
    for text in fixture_notes().values():
        assert text[:40] not in table


def test_related_and_events_carry_the_notes(acled_store):
    expected = expected_notes()
    lines = run("related", "acled-IRQ9001", "--store", str(acled_store), "-f", "jsonl")
    related = [json.loads(x) for x in lines.splitlines()]
    assert related and {o["id"]: o["notes"] for o in related} == {
        o["id"]: expected[o["id"]] for o in related
    }
    rows = list(
        csv.DictReader(io.StringIO(run("events", "--store", str(acled_store), "-f", "csv")))
    )
    assert {r["id"]: r["notes"] for r in rows} == expected
    objs = json.loads(run("events", "--store", str(acled_store), "-f", "json"))
    assert {o["id"]: o["notes"] for o in objs} == expected


# --- incidents without notes are shown as before ----------------------------------------------
@pytest.mark.filterwarnings(JSONLD_WARNING)
@pytest.mark.parametrize("fmt", FORMATS_WITH_NOTES)
@pytest.mark.parametrize("kind", ["article", "gdelt"])
def test_incidents_without_notes_have_no_notes_anywhere(
    kind, fmt, article_store, gdelt_store, tmp_path
):
    store = article_store if kind == "article" else gdelt_store
    entries = timeline_json(store)
    assert entries and all(set(e) == ENTRY_KEYS for e in entries)
    text = export(store, fmt, tmp_path)
    assert set(notes_in(fmt, text, entries).values()) == {None}
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(text))) == CSV_COLUMNS
    if fmt == "geojson":
        assert all("notes" not in f["properties"] for f in json.loads(text)["features"])
    if fmt == "timelinejs":
        assert "kb-notes" not in text
    if fmt == "jsonld":
        assert "rdfs:comment" not in text


def test_events_without_notes_keep_their_shape(article_store):
    rows = list(csv.reader(io.StringIO(run("events", "--store", str(article_store), "-f", "csv"))))
    assert rows[0] == [
        "id", "date", "earliest", "latest", "type", "headline", "actors", "targets", "places",
        "certainty", "sources",
    ]  # fmt: skip
    # The display text is for reading; latest is an ISO day a spreadsheet sorts.
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[3]) for r in rows[1:] if r[3])
    assert any(r[3] for r in rows[1:])
    objs = json.loads(run("events", "--store", str(article_store), "-f", "json"))
    assert objs and all("notes" not in o for o in objs)


def test_notes_are_text_in_every_format_never_markup_or_a_formula():
    """A dataset is a file from elsewhere: its notes get the escaping article text gets."""
    from kb.timeline.exporters import get_exporter

    hostile = '=HYPERLINK("http://x") <b onclick="x()">bold</b> [link](javascript:x) & *em*'
    entry = json.loads(json.dumps(timeline_entry_without_store()))
    entry["notes"] = hostile + "\n[IRQ1] second line"

    def out(fmt: str) -> str:
        buf = io.StringIO(newline="")
        get_exporter(fmt)([entry], buf, title="t")
        return buf.getvalue()

    (row,) = csv.DictReader(io.StringIO(out("csv"), newline=""))
    assert row["notes"] == "'" + entry["notes"]  # a spreadsheet shows it, never runs it
    slide = json.loads(out("timelinejs"))["events"][0]["text"]["text"]
    tree = HTMLParser(slide)
    assert not tree.css("b, [onclick]") and "<b onclick" in tree.css_first("p.kb-notes").text()
    (item,) = _md_items(out("md"))
    line = item[1].removesuffix(" \\")
    assert not re.search(r"(?<!\\)[<>\[\]*&]", line), line  # every one escaped
    assert _md_unescape(line) == hostile
    page = out("html")
    assert "<b onclick" not in page  # only inside the escaped data island
    island = HTMLParser(page).css_first("script#kb-data").text()
    assert json.loads(island)["entries"][0]["notes"] == entry["notes"]


def timeline_entry_without_store() -> dict[str, Any]:
    """A minimal dated entry of the ``-f json`` shape."""
    return {
        "id": EV + "acled-IRQ1",
        "key": "acled-IRQ1",
        "date": {"value": "2024-05-07", "precision": "day", "earliest": "2024-05-07",
                 "latest": "2024-05-07", "basis": "explicit", "text": None,
                 "display": "7 May 2024"},
        "type": "armed_clash", "types": ["armed_clash"], "type_label": "armed clash",
        "headline": "A clash", "actors": [], "targets": [], "places": [],
        "certainty": "asserted", "negated": False, "quantities": {},
        "sources": 1, "outlets": 0, "mentions": [],
    }  # fmt: skip


def test_an_incident_promoted_from_two_files_names_the_row_of_each_text(tmp_path):
    """The same event in two ACLED files: one incident, each file's text with its row."""
    with FILES[0].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    again = dict(next(r for r in rows if r["event_id_cnty"] == "IRQ9001"))
    again |= {"event_id_cnty": "IRQ9901", "source": "Provincial Radio"}
    again["notes"] = "A provincial station's account of the same checkpoint bombing."
    second = tmp_path / "second.csv"
    with second.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(again)
    store = tmp_path / "store"
    run("import", "acled", str(FILES[0]), "--store", str(store))
    run("import", "acled", str(second), "--store", str(store))
    (entry,) = [
        e
        for e in timeline_json(store)
        if {"acled-IRQ9001", "acled-IRQ9901"} <= {m["article"]["id"] for m in e["mentions"]}
    ]
    first = fixture_notes()["IRQ9001"]
    assert entry["notes"] == f"[IRQ9001] {first}\n[IRQ9901] {again['notes']}"
