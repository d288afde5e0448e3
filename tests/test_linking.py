"""Linking in a real store: one incident per real event, idempotence, order, removal."""

from __future__ import annotations

import itertools

import pytest

from kb.ingest import ingest_articles, remove_articles
from kb.readers import read_paths
from kb.store import open_store

WIRE = """title: Drone kills IS commander near al-Qaim
published: 2025-03-06
outlet: Desert Wire
id: link-wire
---
An unidentified drone struck a car carrying a senior Islamic State commander near the town of al-Qaim in Iraq's Anbar province on Wednesday, killing him and his driver, two security officials said.
"""
LOCAL = """title: Al-Qaim strike confirmed
published: 2025-03-07
outlet: Euphrates Daily
id: link-local
---
Security sources in Anbar confirmed that an Islamic State commander was killed on March 5 when a drone hit his vehicle on the outskirts of al-Qaim.
"""
NEAR_MISS = """title: Second strike near al-Qaim
published: 2025-04-20
outlet: Desert Wire
id: link-later
---
A drone struck a truck carrying Islamic State fighters near al-Qaim in Anbar province on Saturday, killing three of them, officials said.
"""


def _articles(tmp_path, texts):
    paths = []
    for i, text in enumerate(texts):
        p = tmp_path / f"a{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return list(read_paths(paths))


def _incidents(store):
    rows = store.select(
        "SELECT ?ev ?r WHERE { ?ev a sem:Event ; kb:hasReport ?r } ORDER BY ?ev ?r"
    ).rows
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(str(r["ev"]), set()).add(str(r["r"]))
    return sorted(sorted(g) for g in groups.values())


@pytest.fixture
def embedded(tmp_path):
    st = open_store(str(tmp_path / "store"))
    yield st
    st.close()


def test_two_reports_of_one_strike_are_one_incident(embedded, tmp_path):
    ingest_articles(embedded, _articles(tmp_path, [WIRE, LOCAL, NEAR_MISS]))
    groups = _incidents(embedded)
    joined = [
        g for g in groups if any("link-wire" in r for r in g) and any("link-local" in r for r in g)
    ]
    assert len(joined) == 1
    # The near miss (another day, another target) stays apart.
    assert not any(any("link-later" in r for r in g) and len(g) > 1 for g in groups)
    row = embedded.select(
        "SELECT ?n ?o WHERE { ?ev kb:hasReport ?r ; kb:sourceCount ?n ; kb:outletCount ?o . "
        "FILTER(CONTAINS(STR(?r), 'link-local')) }"
    ).rows[0]
    assert int(row["n"]) == 2 and int(row["o"]) == 2


def test_ingest_is_idempotent(embedded, tmp_path):
    arts = _articles(tmp_path, [WIRE, LOCAL])
    ingest_articles(embedded, arts)
    before = sorted(map(str, embedded.quads()))
    summary = ingest_articles(embedded, arts)
    assert summary.unchanged == 2 and summary.stored == 0
    assert sorted(map(str, embedded.quads())) == before


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_order_does_not_change_incidents(tmp_path, order):
    texts = [WIRE, LOCAL, NEAR_MISS]
    reference = open_store(str(tmp_path / "ref"))
    ingest_articles(reference, _articles(tmp_path, texts))
    expected = _incidents(reference)
    reference.close()
    st = open_store(str(tmp_path / "perm"))
    for i in order:  # one article per ingest call, in this order
        ingest_articles(st, _articles(tmp_path, [texts[i]]))
    assert _incidents(st) == expected
    st.close()


def test_remove_deletes_exactly_one_article(embedded, tmp_path):
    ingest_articles(embedded, _articles(tmp_path, [WIRE, LOCAL]))
    assert remove_articles(embedded, ["link-local"]) == 1
    graphs = [str(g) for g in embedded.graph_names()]
    assert not any("article/link-local" in g for g in graphs)
    assert any("article/link-wire" in g for g in graphs)
    groups = _incidents(embedded)
    assert all(all("link-local" not in r for r in g) for g in groups)
    row = embedded.select(
        "SELECT ?n WHERE { ?ev kb:hasReport ?r ; kb:sourceCount ?n . "
        "FILTER(CONTAINS(STR(?r), 'link-wire')) }"
    ).rows
    assert row and all(int(r["n"]) == 1 for r in row)


def test_linking_on_remote_store(store_location, tmp_path):
    st = open_store(store_location)
    ingest_articles(st, _articles(tmp_path, [WIRE, LOCAL]))
    groups = _incidents(st)
    assert any(len(g) == 2 for g in groups)
    st.close()
