"""Fixes from a user review of the kb CLI: date filters, options, -o, notes, aliases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app

# Invented articles: a dated event in March, one in April, one dated only by its report
# (10 May), one by its report (3 June), one with a month (February) and one undated.
ARTICLES = {
    "r1": (
        "2025-03-12",
        "BEIRUT, March 12 (Review Wire) - An Israeli drone strike hit a Hezbollah position "
        "near the town of Bint Jbeil in southern Lebanon on Tuesday, killing two fighters, "
        "local officials said.",
    ),
    "r2": (
        "2025-05-10",
        "KIRKUK, Iraq (Review Wire) - Islamic State militants attacked an Iraqi army "
        "checkpoint in Kirkuk province, killing three soldiers, security officials said.",
    ),
    "r3": (
        "2025-06-03",
        "KYIV (Review Wire) - Russian forces shelled the town of Kostiantynivka in Donetsk "
        "region, killing four civilians, Ukrainian officials said.",
    ),
    "r4": (
        "2025-04-20",
        "DAMASCUS (Review Wire) - Syrian warplanes carried out an airstrike on the town of "
        "Saraqib in Idlib province on Friday, killing five people, activists said.",
    ),
    "r5": (
        "unknown",
        "Gunmen attacked a police station in Maiduguri in Borno state, killing two "
        "officers, police said.",
    ),
    "r6": (
        "2025-05-02",
        "NIAMEY (Review Wire) - Jihadists killed twelve soldiers in an attack on an army "
        "post in Tillaberi region of Niger in February, the defence ministry said on Friday.",
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("review")
    for key, (published, body) in ARTICLES.items():
        (folder / f"{key}.txt").write_text(
            f"title: Review article {key}\nurl: https://example.org/{key}\n"
            f"published: {published}\noutlet: Review Wire\nid: review-{key}\n---\n{body}\n",
            encoding="utf-8",
        )
    location = str(tmp_path_factory.mktemp("review-store") / "store")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", location])
    assert result.exit_code == 0, result.output
    return location


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def timeline_json(store: str, *args: str) -> dict:
    result = run("timeline", "--store", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def displays(store: str, *args: str) -> list[str]:
    data = timeline_json(store, *args)
    return [e["date"]["display"] for e in data["entries"] + data["undated"]]


def error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- 1. date filters --------------------------------------------------------------------
def test_range_keeps_only_overlapping_events(store):
    assert displays(store) and "date unknown" in displays(store)
    got = displays(store, "--since", "2025-03-01", "--until", "2025-04-30")
    assert got == ["11 March 2025", "18 April 2025"]


def test_report_dated_event_counts_on_its_report_day(store):
    assert displays(store, "--since", "2025-05-10", "--until", "2025-05-10") == [
        "reported 10 May 2025"
    ]
    assert displays(store, "--since", "2025-05-11", "--until", "2025-05-31") == []


def test_since_alone_leaves_out_undated_events(store):
    assert displays(store, "--since", "2026-01-01") == []
    assert "date unknown" not in displays(store, "--since", "2025-01-01")
    assert "date unknown" not in displays(store, "--until", "2030-01-01")


def test_month_precision_event_overlaps_through_its_month(store):
    assert displays(store, "--since", "2025-02-20", "--until", "2025-03-01") == ["February 2025"]


def test_inverted_range_is_a_usage_error(store):
    result = run("timeline", "--store", store, "--since", "2025-05-01", "--until", "2025-03-01")
    assert result.exit_code == 2
    assert error_line(result).startswith("Error: --since 2025-05-01 is after --until 2025-03-01")
    assert (
        run("events", "--store", store, "--since", "2025-05", "--until", "2025-03").exit_code == 2
    )


def test_timeline_events_and_named_query_agree(store):
    for since, until in (("2025-03-01", "2025-04-30"), ("2025-05", "2025-06"), ("2024", "2025")):
        keys = {
            e["key"] for e in timeline_json(store, "--since", since, "--until", until)["entries"]
        }
        events = run("events", "--store", store, "--since", since, "--until", until, "-f", "jsonl")
        assert events.exit_code == 0, events.output
        event_keys = {json.loads(line)["id"] for line in events.stdout.splitlines()}
        query = run(
            "query", "events-between", "--store", store, "-p", f"since={since}",
            "-p", f"until={until}", "--format", "json",
        )  # fmt: skip
        assert query.exit_code == 0, query.output
        query_keys = {row["event"].rsplit("/", 1)[1] for row in json.loads(query.stdout)}
        assert keys == event_keys == query_keys, (since, until)


@pytest.mark.parametrize(
    ("query", "param"),
    [("place-timeline", "place=Iraq"), ("actor-timeline", "actor=Islamic State")],
)
def test_timeline_queries_use_the_same_date_rule(store, query, param):
    def keys(*bounds: str) -> list[str]:
        args = [a for b in bounds for a in ("-p", b)]
        result = run("query", query, "--store", store, "-p", param, *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return [row["event"] for row in json.loads(result.stdout)]

    assert len(keys()) == 1  # the Kirkuk attack, dated by its report of 10 May 2025
    assert keys("since=2025-03", "until=2025-04") == []
    assert keys("since=2025-05", "until=2025-05") == keys()


# --- 2. months and years ----------------------------------------------------------------
def test_month_and_year_bounds(store):
    assert displays(store, "--since", "2025-04", "--until", "2025-04") == ["18 April 2025"]
    assert len(displays(store, "--since", "2025", "--until", "2025")) == 5
    assert displays(store, "--until", "2025-02") == ["February 2025"]


@pytest.mark.parametrize("bad", ["2025-13", "25", "March 2025", "2025-02-30"])
def test_bad_dates_are_clear_errors(store, bad):
    result = run("timeline", "--store", store, "--since", bad)
    assert result.exit_code == 2
    assert error_line(result) == (
        f"Error: --since: {bad!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
    )


# --- 3. limits --------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["timeline", "events"])
def test_negative_limit_is_a_usage_error(store, command):
    result = run(command, "--store", store, "--limit", "-1")
    assert result.exit_code == 2
    assert error_line(result) == "Error: --limit: -1 is negative; give 0 or a positive number"


def test_limit_zero_means_no_limit_and_says_so(store):
    assert len(displays(store, "--limit", "0")) == 6
    assert "0: no limit" in " ".join(run("timeline", "--help").stdout.split())


# --- 4. -o ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [("timeline",), ("export",), ("events",), ("sparql", "ASK {}")])
def test_output_to_missing_folder_or_folder(store, tmp_path, command):
    missing = tmp_path / "no" / "such" / "out.txt"
    result = run(*command, "--store", store, "-o", str(missing))
    assert result.exit_code == 2, result.output
    assert error_line(result) == (
        f"Error: -o {missing}: the folder {missing.parent} does not exist; create it first "
        f"(mkdir -p {missing.parent}) or write somewhere else"
    )
    result = run(*command, "--store", store, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder; give a file name inside it" in error_line(result)
    assert "unexpected" not in result.stderr


# --- 5. notes on actors and places ------------------------------------------------------
def test_fuzzy_actor_is_noted_on_stderr(store, tmp_path):
    out = tmp_path / "t.json"
    result = run("timeline", "--store", store, "--actor", "Hezbolah", "-f", "json", "-o", str(out))
    assert result.exit_code == 0
    assert "Note: --actor 'Hezbolah': using Hezbollah" in result.stderr.splitlines()
    assert json.loads(out.read_text(encoding="utf-8"))["count"] == 1
    exact = run("events", "--store", store, "--actor", "Hezbollah")  # known as written
    assert exact.exit_code == 0 and "Note:" not in exact.stderr


def test_unknown_actor_is_noted_with_suggestions(store):
    result = run("timeline", "--store", store, "--actor", "Wagnr Grop")
    assert result.exit_code == 0
    assert "No events" in result.stdout
    note = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert note == [
        "Note: --actor 'Wagnr Grop': no actor of that name in the store or the actor "
        "registry; did you mean 'Wagner Group'?"
    ]


def test_place_read_otherwise_is_noted(store):
    result = run("events", "--store", store, "--place", "Southern Lebanon", "-f", "jsonl")
    assert result.exit_code == 0
    assert result.stderr.startswith("Note: --place 'Southern Lebanon': using Lebanon (country")
    assert len(result.stdout.splitlines()) == 1
    # ("Sahel" alone is the belt, a named area; with a region word, Burkina Faso's region)
    result = run("timeline", "--store", store, "--place", "Sahel region")
    assert "using Sahel (region of Burkina Faso" in result.stderr


# --- 6. aliases -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("alias", "marker"),
    [("markdown", "# kb timeline"), ("ICAL", "BEGIN:VCALENDAR"), ("htm", "<html"),
     ("JSON-LD", "@context")],
)  # fmt: skip
def test_timeline_format_aliases(store, alias, marker):
    result = run("timeline", "--store", store, "--format", alias)
    assert result.exit_code == 0, result.output
    assert marker in result.stdout


@pytest.mark.parametrize("alias", ["turtle", "TTL", "json-ld", "rdfxml"])
def test_export_format_aliases(store, alias):
    result = run("export", "--store", store, "--format", alias)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes


def test_export_error_and_help_list_the_same_formats(store):
    listed = error_line(run("export", "--store", store, "--format", "pdf")).split("one of ")[1]
    help_text = " ".join(run("export", "--help").stdout.split())
    assert listed in help_text


@pytest.mark.parametrize(
    ("typed", "display"), [("drone strike", "11 March 2025"), ("Airstrikes", "18 April 2025")]
)
def test_type_names_are_forgiving(store, typed, display):
    assert displays(store, "--type", typed) == [display]


# --- 7-9. version, store scheme, plurals ------------------------------------------------
def test_version():
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kb {version('kb')}"


def test_unsupported_store_scheme():
    result = run("stats", "--store", "ftp://x")
    assert result.exit_code == 2
    assert error_line(result) == (
        "Error: --store ftp://x: the ftp:// scheme is not supported; give a directory "
        "(an embedded store) or an http(s):// SPARQL endpoint"
    )


def test_singular_counts(store, tmp_path):
    result = run("timeline", "--store", store, "--type", "shelling", "-o", str(tmp_path / "t.md"))
    assert result.stderr.strip().endswith("1 event written to " + str(tmp_path / "t.md"))
    table = run("timeline", "--store", store, "--type", "shelling").stdout
    assert re.search(r"\b1 event, generated", table)
    assert (
        run("events", "--store", store, "--type", "shelling").stdout.rstrip().endswith("\n1 event")
    )
    one = Path(tmp_path / "one")
    one.mkdir()
    (one / "a.txt").write_text(
        "title: One\nurl: https://example.org/one\npublished: 2025-03-12\noutlet: W\nid: one-1\n"
        "---\n" + ARTICLES["r4"][1] + "\n",
        encoding="utf-8",
    )
    ingest = run("ingest", str(one), "--store", str(tmp_path / "s"))
    assert ingest.exit_code == 0, ingest.output
    assert ingest.stdout.startswith(
        "1 article read, 1 stored, 0 unchanged, 1 event report, 1 incident"
    )


def test_sparql_dash_f_with_a_format_name_says_what_dash_f_means_here(tmp_path) -> None:
    from typer.testing import CliRunner

    from kb.cli import app

    store = tmp_path / "store"
    CliRunner().invoke(app, ["init", "--store", str(store)])
    result = CliRunner().invoke(
        app, ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-f", "csv", "--store", str(store)]
    )
    assert result.exit_code == 1
    assert "-f is --file here; for the output format use --format csv" in result.output


def test_extract_csv_has_a_row_per_event_that_a_csv_parser_reads(tmp_path) -> None:
    import csv
    import io

    from typer.testing import CliRunner

    from kb.cli import app

    article = tmp_path / "a.txt"
    article.write_text(
        "title: Two incidents\npublished: 2025-03-07\n---\n"
        "Gunmen attacked a police checkpoint in Kirkuk on Tuesday, killing two officers.\n\n"
        "Separately, Iraqi police arrested four men in Mosul on Wednesday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(article), "--format", "CSV"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_type = {r["type"]: r for r in rows}
    assert {"arrest"} <= set(by_type) and len(rows) >= 2
    assert by_type["arrest"]["earliest"] == "2025-03-05"
    assert by_type["arrest"]["places"].startswith("Mosul")
    assert all(r["text"] and int(r["end"]) > int(r["start"]) for r in rows)
