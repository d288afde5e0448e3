"""The store contract, run on the embedded store and on a real `oxigraph serve`."""

from __future__ import annotations

import io

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kb.errors import QueryError, StoreError, StoreLockedError
from kb.store import open_store
from kb.store.base import bind_values, query_form, where_brace

G1 = URIRef("https://w3id.org/kb/graph/article/t1")
G2 = URIRef("https://w3id.org/kb/graph/article/t2")
S = URIRef("https://w3id.org/kb/id/actor/x")
P = URIRef("https://w3id.org/kb/ns#name")

HOSTILE = [
    '"} ; DROP ALL ; {"',
    'O\'Brien "the" {braced}',
    "line one\nline two\r\n",
    "Ünïcødé — دولة الإسلام 🚀",
    '\\"escaped\\" > < &',
]


def test_replace_graphs_is_exact_and_idempotent(store):
    store.replace_graphs({G1: [(S, P, Literal("a")), (S, P, Literal("b"))]})
    store.replace_graphs({G1: [(S, P, Literal("c"))]})
    store.replace_graphs({G1: [(S, P, Literal("c"))]})
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }").rows
    assert [str(r["o"]) for r in rows] == ["c"]
    assert store.graph_names() == [G1]


def test_drop_removes_only_that_graph(store):
    store.replace_graphs({G1: [(S, P, Literal("a"))], G2: [(S, P, Literal("b"))]})
    store.replace_graphs({}, drop=[G1])
    assert store.graph_names() == [G2]
    assert store.triple_count() == 1


def test_additions_keep_other_triples(store):
    canon = URIRef("https://w3id.org/kb/graph/canonical")
    store.replace_graphs({}, additions={canon: [(S, P, Literal("a"))]})
    store.replace_graphs({G1: [(S, P, Literal("z"))]}, additions={canon: [(S, P, Literal("b"))]})
    assert store.triple_count() == 3


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_values_are_bound_not_spliced(store, name):
    store.replace_graphs({G1: [(S, P, Literal(name)), (S, P, Literal("other"))]})
    rows = store.select("SELECT ?s WHERE { ?s kb:name ?n }", {"n": Literal(name)}).rows
    assert [r["s"] for r in rows] == [S]
    # The store still holds everything: nothing was dropped by the hostile text.
    assert store.triple_count() == 2
    back = store.select("SELECT ?n WHERE { ?s kb:name ?n }").values("n")
    assert Literal(name) in back


def test_list_bindings_and_dates(store):
    d = URIRef("https://w3id.org/kb/ns#day")
    store.replace_graphs(
        {
            G1: [
                (URIRef("urn:e1"), d, Literal("2025-01-05", datatype=XSD.date)),
                (URIRef("urn:e2"), d, Literal("2025-03-05", datatype=XSD.date)),
                (URIRef("urn:e3"), d, Literal("2025-06-05", datatype=XSD.date)),
            ]
        }
    )
    rows = store.select(
        "SELECT ?e WHERE { ?e kb:day ?day FILTER(?day >= ?lo) } ORDER BY ?e",
        {"e": [URIRef("urn:e1"), URIRef("urn:e3")], "lo": Literal("2025-02-01", datatype=XSD.date)},
    ).rows
    assert [str(r["e"]) for r in rows] == ["urn:e3"]


def test_ask_and_construct(store):
    store.replace_graphs({G1: [(S, P, Literal("a"))]})
    assert store.query("ASK { ?s kb:name 'a' }") is True
    assert store.query("ASK { ?s kb:name 'zzz' }") is False
    g = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(g) == 1


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "nt"])
def test_dump_and_load_round_trip(store, fmt, tmp_path):
    store.replace_graphs({G1: [(S, P, Literal('é "q"'))], G2: [(S, P, Literal("2"))]})
    buf = io.BytesIO()
    store.dump(buf, fmt)
    other = open_store(str(tmp_path / "copy"))
    n = other.load(io.BytesIO(buf.getvalue()), fmt)
    assert n == 2
    values = sorted(str(v) for v in other.select("SELECT ?o WHERE { ?s ?p ?o }").values("o"))
    assert values == ["2", 'é "q"']
    other.close()


def test_load_rejects_malformed_rdf_and_keeps_store(store):
    store.replace_graphs({G1: [(S, P, Literal("kept"))]})
    with pytest.raises(QueryError):
        store.load(io.BytesIO(b"<a> <b> 'unterminated ."), "ttl")
    assert store.triple_count() == 1


def test_second_writer_gets_a_clear_error(tmp_path):
    first = open_store(str(tmp_path / "s"))
    with pytest.raises(StoreLockedError, match=r"locked by another kb process \(pid \d+\)"):
        open_store(str(tmp_path / "s"))
    first.close()
    open_store(str(tmp_path / "s")).close()


def test_reader_needs_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no kb store at"):
        open_store(str(tmp_path / "missing"), read_only=True)


def test_unreachable_endpoint_is_reported(monkeypatch):
    import kb.store.remote as remote

    monkeypatch.setattr(remote, "RETRIES", 1)
    monkeypatch.setattr(remote, "BACKOFF", 0.01)
    from socket import socket

    # Bound but not listening: connections are refused, and no other process can take the
    # port meanwhile (a port closed again after picking it could be).
    with socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        st = open_store(f"http://127.0.0.1:{port}")
        with pytest.raises(StoreError, match="cannot reach SPARQL endpoint"):
            st.select("SELECT * WHERE { ?s ?p ?o }")


def test_sparql_scanner_ignores_braces_in_strings_and_iris():
    q = 'PREFIX x: <http://e/#{>\nSELECT * WHERE { ?s ?p "WHERE {" # WHERE {\n }'
    assert query_form(q) == "SELECT"
    at = where_brace(q)
    assert q[at - 1] == "{" and q[:at].endswith("WHERE {")
    bound = bind_values(q, {"s": URIRef("http://e/a")})
    assert "VALUES ?s { <http://e/a> }" in bound
    assert query_form("INSERT DATA { <a> <b> <c> }") == "UPDATE"
    assert query_form("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "CONSTRUCT"


# --- quad patterns (the importers' read and removal path) ----------------------------------
def test_quads_for_pattern_and_remove_quads_on_both_backends(store):
    import pyoxigraph as ox

    o2 = URIRef("https://w3id.org/kb/id/actor/y")
    hostile = Literal(HOSTILE[0])
    store.replace_graphs(
        {
            G1: [(S, P, Literal("a")), (S, P, hostile), (o2, P, Literal("a"))],
            G2: [(S, P, Literal("b"))],
        }
    )
    found = list(store.quads_for_pattern(ox.NamedNode(str(S)), None, None, ox.NamedNode(str(G1))))
    assert all(isinstance(q, ox.Quad) for q in found)
    assert sorted(q.object.value for q in found) == sorted(["a", HOSTILE[0]])
    # rdflib terms are taken too; None matches anything, every graph included.
    assert len(list(store.quads_for_pattern(S))) == 3
    by_object = store.quads_for_pattern(object=Literal("a"), graph=G1)
    assert sorted(q.subject.value for q in by_object) == sorted([str(S), str(o2)])
    assert list(store.quads_for_pattern(ox.NamedNode("https://example.org/none"))) == []
    # Removing what a pattern found: exactly those quads, the hostile literal included.
    assert store.remove_quads(found) == 2
    assert store.remove_quads([]) == 0
    left = sorted((q.subject.value, q.object.value, q.graph_name.value)
                  for q in store.quads_for_pattern())  # fmt: skip
    assert left == [(str(S), "b", str(G2)), (str(o2), "a", str(G1))]
    assert store.triple_count() == 2


def test_remove_quads_on_a_read_only_store_is_refused(tmp_path):
    import pyoxigraph as ox

    path = str(tmp_path / "s")
    with open_store(path) as st:
        st.replace_graphs({G1: [(S, P, Literal("a"))]})
    with open_store(path, read_only=True) as ro:
        (q,) = ro.quads_for_pattern(ox.NamedNode(str(S)))
        with pytest.raises(StoreError, match="read-only"):
            ro.remove_quads([q])
        assert ro.triple_count() == 1


def test_replacing_graphs_leaves_each_exactly_its_new_triples(store):
    """Graphs replaced by what overlaps, by nothing, by themselves, and with blank nodes."""
    from rdflib import BNode

    canon = URIRef("https://w3id.org/kb/graph/canonical")
    g3 = URIRef("https://w3id.org/kb/graph/article/t3")
    keep = [(S, P, Literal(str(n))) for n in range(5)]
    hostile = [(S, P, Literal(h)) for h in HOSTILE]
    store.replace_graphs(
        {G1: [*keep, *hostile], G2: [(S, P, Literal("old"))], g3: [(BNode(), P, Literal("b"))]}
    )
    store.replace_graphs(
        {G1: [*keep[1:], (S, P, Literal("new")), hostile[0]], G2: [], g3: [(BNode(), P, S)]},
        additions={canon: [(S, P, Literal("c"))]},
    )
    rows = store.select("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    got = sorted((str(r["g"]), str(r["o"])) for r in rows)
    expected = sorted(
        [(str(G1), str(o)) for _, _, o in [*keep[1:], hostile[0]]]
        + [(str(G1), "new"), (str(canon), "c"), (str(g3), str(S))]
    )
    assert got == expected
    assert store.graph_names() == sorted([G1, canon, g3])
    # Replacing a graph by what it holds changes nothing.
    store.replace_graphs({G1: [*keep[1:], (S, P, Literal("new")), hostile[0]]})
    assert store.triple_count() == len(expected)
