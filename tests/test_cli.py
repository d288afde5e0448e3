"""The command line, run in-process: exit codes, the exact Error lines, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("demo") / "store"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return str(store)


def _err(result) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_missing_path(runner, tmp_path):
    r = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1
    assert _err(r) == f"Error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert "Traceback" not in r.output


def test_unknown_timeline_format(runner, demo_store):
    r = runner.invoke(app, ["timeline", "--store", demo_store, "--format", "pdf"])
    assert r.exit_code == 2
    assert _err(r).startswith("Error: unknown timeline format 'pdf'")


def test_malformed_sparql(runner, demo_store):
    r = runner.invoke(app, ["sparql", "SELECT ?x WHERE { ?x", "--store", demo_store])
    assert r.exit_code == 1
    assert _err(r).startswith("Error: malformed SPARQL")


def test_update_needs_flag(runner, demo_store):
    r = runner.invoke(app, ["sparql", "DROP ALL", "--store", demo_store])
    assert r.exit_code == 2
    assert _err(r) == "Error: this is a SPARQL update; pass --update to change the store"


def test_missing_store_for_reading(runner, tmp_path):
    r = runner.invoke(app, ["stats", "--store", str(tmp_path / "none")])
    assert r.exit_code == 1
    assert _err(r).startswith(f"Error: no kb store at {tmp_path / 'none'}")


def test_unreachable_endpoint(runner, monkeypatch):
    import kb.store.remote as remote

    monkeypatch.setattr(remote, "RETRIES", 0)
    r = runner.invoke(app, ["stats", "--store", "http://127.0.0.1:9/query"])
    assert r.exit_code == 1
    assert _err(r).startswith("Error: cannot reach SPARQL endpoint http://127.0.0.1:9/query")


def test_locked_store(runner, tmp_path):
    from kb.store import open_store

    holder = open_store(str(tmp_path / "s"))
    try:
        r = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(tmp_path / "s")])
        assert r.exit_code == 1
        assert "is locked by another kb process (pid " in _err(r)
    finally:
        holder.close()


def test_unknown_query_and_parameter(runner, demo_store):
    r = runner.invoke(app, ["query", "nope", "--store", demo_store])
    assert r.exit_code == 1 and _err(r).startswith("Error: no query named 'nope'")
    r = runner.invoke(app, ["query", "actor-timeline", "--store", demo_store])
    assert r.exit_code == 2
    assert _err(r) == "Error: query 'actor-timeline' needs -p actor=... (actor)"


def test_stats_and_validate(runner, demo_store):
    r = runner.invoke(app, ["stats", "--store", demo_store, "--format", "json"])
    counts = json.loads(r.stdout)
    # Eight article files and two JSON Lines articles; examples/README.md is no article.
    assert counts["articles"] == 10 and counts["events"] > 5
    r = runner.invoke(app, ["validate", "--store", demo_store])
    assert r.exit_code == 0, r.stdout
    assert r.stdout.startswith("conforms")


def test_validate_fails_on_broken_store(runner, tmp_path):
    store = str(tmp_path / "broken")
    r = runner.invoke(
        app,
        ["ingest", str(EXAMPLES / "01-anah-rawa-arrests.txt"), "--store", store],
    )
    assert r.exit_code == 0, r.output
    # Break one incident: earliest after latest and a certainty outside the allowed values.
    r = runner.invoke(
        app,
        [
            "sparql",
            "--update",
            "--store",
            store,
            'DELETE { GRAPH ?g { ?e kb:certainty ?c } } INSERT { GRAPH ?g { ?e kb:certainty "sure" } } '
            "WHERE { GRAPH ?g { ?e a sem:Event ; kb:certainty ?c } }",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["validate", "--store", store])
    assert r.exit_code == 1
    assert "kb:certainty" in r.stdout or "certainty" in r.stdout
    assert "https://w3id.org/kb/id/event/" in r.stdout


def test_events_jsonl_carries_extract_keys(runner, demo_store):
    r = runner.invoke(app, ["events", "--store", demo_store, "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert events
    keys = {
        "article",
        "type",
        "types",
        "trigger",
        "actors",
        "targets",
        "places",
        "date",
        "attribution",
        "certainty",
        "negated",
        "quantities",
        "mention",
        "mentions",
        "sources",
    }
    for ev in events:
        assert keys <= set(ev)
        assert ev["sources"] == len({m["article"]["id"] for m in ev["mentions"]})


def test_timeline_filters_and_related(runner, demo_store):
    r = runner.invoke(
        app, ["timeline", "--store", demo_store, "--actor", "Islamic State", "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    entries = doc["entries"] + doc["undated"]
    assert entries
    for e in entries:
        names = [a["id"] for a in e["actors"]] + [t["id"] for t in e["targets"]]
        assert any("islamic-state" in n for n in names), names
    r = runner.invoke(
        app, ["timeline", "--store", demo_store, "--place", "Iraq", "--format", "json"]
    )
    doc = json.loads(r.stdout)
    for e in doc["entries"] + doc["undated"]:
        ids = {p["id"] for p in e["places"]} | {w["id"] for p in e["places"] for w in p["within"]}
        assert "geonames:99237" in ids
    first = entries[0]["key"]
    r = runner.invoke(app, ["related", first, "--store", demo_store, "--format", "json"])
    assert r.exit_code == 0, r.output


def test_extract_ttl_parses(runner):
    from rdflib import Graph

    r = runner.invoke(
        app, ["extract", str(EXAMPLES / "01-anah-rawa-arrests.txt"), "--format", "ttl"]
    )
    assert r.exit_code == 0, r.output
    g = Graph().parse(data=r.stdout, format="turtle")
    assert len(g) > 20


def test_every_command_has_help_with_example(runner):
    for name in [
        "init",
        "stats",
        "validate",
        "export",
        "load",
        "sparql",
        "query",
        "extract",
        "ingest",
        "remove",
        "events",
        "related",
        "timeline",
        "actors",
        "eval",
    ]:
        r = runner.invoke(app, [name, "--help"])
        assert r.exit_code == 0, name
        assert "Example:" in r.stdout, name
    for group, names in (("actor", ["alias", "merge", "split"]), ("import", ["gdelt", "acled"])):
        for name in names:
            r = runner.invoke(app, [group, name, "--help"])
            assert r.exit_code == 0, (group, name)
            assert "Example:" in r.stdout, (group, name)


def test_ingest_force_rewrites_unchanged_articles_and_keeps_the_store(runner, tmp_path):
    """`--force` re-extracts unchanged articles (after an upgrade) without duplicating."""
    import re

    store = str(tmp_path / "s")
    article = str(EXAMPLES / "01-anah-rawa-arrests.txt")
    first = runner.invoke(app, ["ingest", article, "--store", store])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", article, "--store", store])
    assert "0 stored, 1 unchanged" in again.output
    counts = runner.invoke(app, ["stats", "--store", store, "--format", "json"]).output
    forced = runner.invoke(app, ["ingest", article, "--store", store, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "1 stored, 0 unchanged" in forced.output
    assert int(re.search(r"(\d+) incidents? written", forced.output).group(1)) >= 1
    assert runner.invoke(app, ["stats", "--store", store, "--format", "json"]).output == counts


def test_a_border_or_sea_is_found_by_any_name_the_news_gives_it(runner, demo_store):
    from kb.errors import NotFoundError
    from kb.namespaces import place_iri
    from kb.resolve import place_iri_for

    border = str(place_iri("border:IQ-SY"))
    for name in ("Iraq–Syria border", "Iraq-Syria border", "the Syrian-Iraqi border"):
        assert place_iri_for(name) == border, name
    assert place_iri_for("the Red Sea") == str(place_iri("sea:red-sea"))
    with pytest.raises(NotFoundError):
        place_iri_for("Iraq-Syria border town")  # more than a border: no guess
    shown = {}
    for name in ("Iraq–Syria border", "Iraq-Syria border", "border between Iraq and Syria"):
        r = runner.invoke(app, ["timeline", "--store", demo_store, "--place", name, "-f", "json"])
        assert r.exit_code == 0, r.output
        shown[name] = [e["id"] for e in json.loads(r.stdout)["entries"]]
    assert shown["Iraq–Syria border"]  # the examples tell of strikes on that border
    assert len({tuple(v) for v in shown.values()}) == 1
