"""Timelines, event lists and `kb related` never import rdflib.

rdflib costs a whole-process query about 80 ms of start-up (bench/RESULTS.md), so the
read path works on IRIs as strings and binds pyoxigraph terms. These tests run the
commands in a fresh interpreter and check what it imported, and that the answers are
the same as the library's through rdflib terms.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "corpus" / "articles"

# Runs one kb command in-process, then reports the modules it imported.
_PROBE = """
import json, sys
from kb import cli
try:
    cli.app(sys.argv[1:], standalone_mode=False)
finally:
    print("\\nMODULES " + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
          ("rdflib", "kb"))))
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("read-path") / "store"
    done = subprocess.run(
        [sys.executable, "-m", "kb", "ingest", str(ARTICLES), "--store", str(path), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return path


def _probe(*args: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    out, _, modules = done.stdout.rpartition("\nMODULES ")
    return out, json.loads(modules)


def _event_with_related(store: Path) -> str:
    from kb.store import open_store
    from kb.timeline.build import TimelineFilter, related_events, select_events

    with open_store(str(store), read_only=True) as st:
        for event in select_events(st, TimelineFilter()):
            if related_events(st, event):
                return event
    raise AssertionError("the corpus has no event with a related incident")


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--actor", "Islamic State"),
        ("timeline", "--place", "Iraq", "--limit", "5"),
        ("timeline", "--actor", "Hezbollah", "--format", "json"),
        ("events", "--place", "Syria", "--since", "2020-01-01", "--format", "jsonl"),
    ],
)
def test_timelines_and_event_lists_do_not_import_rdflib(store: Path, args) -> None:
    out, modules = _probe(*args, "--store", str(store))
    assert "rdflib" not in modules, [m for m in modules if m.startswith("rdflib")][:5]
    assert "kb.timeline.build" in modules  # the probe did run the command
    assert out.strip()


def test_related_does_not_import_rdflib_and_matches_the_library(store: Path) -> None:
    event = _event_with_related(store)
    out, modules = _probe("related", event, "--store", str(store), "--format", "json")
    assert "rdflib" not in modules
    shown = [e["id"] for e in json.loads(out)]
    from kb.namespaces import key_from_iri
    from kb.store import open_store
    from kb.timeline.build import related_events

    with open_store(str(store), read_only=True) as st:
        want = [key_from_iri(r["event"]) for r in related_events(st, event)]
    assert shown and shown == want


def test_rdflib_and_pyoxigraph_terms_bind_alike(store: Path) -> None:
    # The named-query path keeps rdflib terms, the read path binds pyoxigraph's.
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from kb.errors import QueryError
    from kb.store import open_store

    iri = "https://w3id.org/kb/id/actor/islamic-state"
    hostile = 'a "quoted" \\ name\n} ; DROP ALL ; { <x> \u202e'
    q = "SELECT ?x ?o WHERE { ?x a sem:Actor }"
    with open_store(str(store), read_only=True) as st:
        for x, o in ((URIRef(iri), Literal(hostile)), (ox.NamedNode(iri), ox.Literal(hostile))):
            assert st.select_values(q, {"x": x, "o": o}) == [{"x": iri, "o": hostile}]
        with pytest.raises(QueryError, match="only IRIs and literals"):
            st.select_values(q, {"x": iri})  # a bare string is neither
