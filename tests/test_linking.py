"""Linking in a real store: one incident per real event, idempotence, order, removal."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from rdflib import URIRef

import kb.ingest as ingest_module
from kb.errors import StoreError
from kb.extract.pipeline import Extractor
from kb.ingest import PENDING_GRAPH, ingest_articles, remove_articles
from kb.link.incidents import (
    CandidateIndex,
    candidate_reports,
    infos_from_events,
    load_reports,
    report_subjects,
)
from kb.link.same import (
    ReportInfo,
    candidate_pairs,
    coarse_dated,
    components,
    evidence,
    join,
    same_incident,
)
from kb.model import Article
from kb.namespaces import SEM, article_graph, report_iri
from kb.readers import read_paths
from kb.store import open_store
from kb.store.embedded import EmbeddedStore

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


# --- linking equals the rule over all reports, in any order -----------------------------
AGENTS = ["Islamic State fighters", "The Iraqi army", "Kataib Hezbollah"]
TOWNS = ["Ramadi", "Fallujah", "Haditha", "Mosul"]
#: Where a report may be: a town, its region, only the country, or nowhere said.
WHERE = [" near Ramadi", " near Fallujah", " near Mosul", " in Anbar province", " in Iraq", ""]
VERBS = ["attacked a checkpoint", "shelled a village", "ambushed a patrol"]


def _wire(seed: int, n: int) -> list[Article]:
    """Short wire items about a few strikes in a few towns in one week, dated every way
    (weekday, day, month, publication only), some without a place."""
    rng = random.Random(seed)
    base = dt.date(2024, 3, 4)
    out = []
    for i in range(n):
        day = base + dt.timedelta(days=rng.randrange(6))
        when = rng.choice([f"on {day:%A}", f"on {day:%B} {day.day}", "", f"in {day:%B}"])
        where = "" if rng.random() < 0.15 else f" near {rng.choice(TOWNS)}"
        text = (
            f"{rng.choice(AGENTS)} {rng.choice(VERBS)}{where} {when}, killing "
            f"{rng.randrange(2, 9)} soldiers, officials said."
        )
        if rng.random() < 0.4:
            text += (
                f"\n\nIn a separate incident, gunmen kidnapped a local official in "
                f"{rng.choice(TOWNS)} {when}, police said."
            )
        text = " ".join(text.split(" ")).replace("  ", " ").replace(" ,", ",")
        out.append(
            Article(
                id=f"w-{seed}-{i:02d}",
                text=text,
                title=text[:40],
                published=day + dt.timedelta(days=rng.choice((0, 1, 1, 2))),
                outlet=rng.choice(["Wire A", "Wire B", "Wire C"]),
            )
        )
    return out


def _rule_groups(extractor, articles) -> list[list[str]]:
    """Incidents as the linking rule makes them over all reports at once."""
    infos = []
    for art in articles:
        events = extractor.extract(art)
        infos += infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    return sorted(sorted(r.iri for r in g) for g in components(infos))


@pytest.mark.parametrize("seed", [1, 2])
def test_incidents_are_the_rule_over_all_reports_in_any_order(tmp_path, monkeypatch, seed):
    extractor = Extractor()
    articles = _wire(seed, 40)
    expected = _rule_groups(extractor, articles)
    assert any(len(g) > 2 for g in expected) and any(len(g) == 1 for g in expected)
    with open_store(str(tmp_path / "at-once")) as st:
        ingest_articles(st, articles, extractor=extractor)
        assert _incidents(st) == expected
    # One article per batch, several runs, both orders: every pair of reports is linked
    # through the store, each way round.
    monkeypatch.setattr(ingest_module, "BATCH", 1)
    for name, order in (("forward", articles), ("backward", articles[::-1])):
        with open_store(str(tmp_path / name)) as st:
            for start in range(0, len(order), 15):
                ingest_articles(st, order[start : start + 15], extractor=extractor)
            assert _incidents(st) == expected, name
    with open_store(str(tmp_path / "forward")) as st:
        # Read back, a report is what extraction made of it (linking sees the same).
        stored = {r.iri: r for r in load_reports(st, [i for g in expected for i in g])}
        for art in articles:
            events = extractor.extract(art)
            for info in infos_from_events(events, {e.id: n for n, e in enumerate(events)}):
                back = stored[info.iri]
                for name in _RULE_FIELDS:
                    assert getattr(back, name) == getattr(info, name), (info.iri, name)


_RULE_FIELDS = (
    "type",
    "negated",
    "earliest",
    "latest",
    "precision",
    "basis",
    "article",
    "agents",
    "targets",
    "participants",
    "affiliations",
    "unidentified_agent",
    "places",
    "place_chain",
    "specific_places",
    "mention",
)


def _random_reports(rng: random.Random, n: int) -> list[ReportInfo]:
    places = {  # place -> its chain
        "p/town-a": {"p/town-a", "p/region", "p/country"},
        "p/town-b": {"p/town-b", "p/region", "p/country"},
        "p/region": {"p/region", "p/country"},
        "p/country": {"p/country"},
        "p/elsewhere": {"p/elsewhere"},
    }
    actors = ["a/islamic-state", "a/iraqi-army", "a/x-gunmen", "a/civilians"]
    out = []
    for i in range(n):
        chosen = rng.sample(sorted(places), rng.choice((0, 1, 1, 2)))
        chain = set().union(*(places[p] for p in chosen)) if chosen else set()
        day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(8))
        precision = rng.choice(("day", "day", "month", None))
        basis = {"day": "explicit", "month": "relative", None: "publication"}[precision]
        if rng.random() < 0.1:
            basis = "unknown"
        top = rng.choice(("attack", "air_or_drone_strike", "killing", "arrest"))
        out.append(
            ReportInfo(
                iri=f"https://w3id.org/kb/id/report/{i:03d}",
                article=f"art-{rng.randrange(n // 2)}",
                type=top,
                top=top,
                negated=rng.random() < 0.05,
                earliest=day if precision == "day" else (day.replace(day=1) if precision else None),
                latest=day if precision != "month" else dt.date(2024, 3, 31),
                precision=precision,
                basis=basis,
                agents=frozenset(rng.sample(actors, rng.randrange(2))),
                targets=frozenset(rng.sample(actors, rng.randrange(2))),
                places=frozenset(chosen),
                place_chain=frozenset(chain),
                specific_places=frozenset(p for p in chosen if p != "p/country"),
            )
        )
    return out


@pytest.mark.parametrize("seed", range(6))
def test_components_compare_only_pairs_that_can_match(seed):
    reports = _random_reports(random.Random(seed), 120)
    ordered = sorted(reports, key=lambda r: r.iri)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    matching = []
    for i in range(len(ordered)):  # every pair, the plain way
        for j in range(i + 1, len(ordered)):
            if same_incident(ordered[i], ordered[j]):
                matching.append((-evidence(ordered[i], ordered[j]), i, j))
                assert (i, j) in candidate_pairs(ordered)
    assert len(matching) > 10
    # Strongest pairs first; never two reports of one article in one incident.
    articles = {i: {r.article} for i, r in enumerate(ordered)}
    for _, i, j in sorted(matching):
        ri, rj = find(i), find(j)
        if ri != rj and not articles[ri] & articles[rj]:
            parent[rj] = ri
            articles[ri] |= articles.pop(rj)
    expected: dict[int, list[str]] = {}
    for i, r in enumerate(ordered):
        expected.setdefault(find(i), []).append(r.iri)
    got = [[r.iri for r in g] for g in components(reports[::-1])]
    # Every pair the rule accepts, joined by kb.link.same.join: the groups above, then the
    # back-references, which only add whole groups of coarsely dated reports to one group
    # holding a report dated to the day.
    assert got == [[r.iri for r in g] for g in join(ordered, [(i, j) for _, i, j in matching])]
    by_iri = {r.iri: r for r in ordered}
    for group in got:
        parts = [g for g in expected.values() if g[0] in group]
        assert sorted(i for g in parts for i in g) == group
        anchored = [g for g in parts if not all(coarse_dated(by_iri[i]) for i in g)]
        assert len(parts) == 1 or len(anchored) == 1
    for group in got:
        arts = [next(r.article for r in ordered if r.iri == iri) for iri in group]
        assert len(arts) == len(set(arts))
    assert len(candidate_pairs(ordered)) < len(ordered) * (len(ordered) - 1) / 4


def _strike(iri: str, article: str, **kw) -> ReportInfo:
    base = dict(
        iri="https://w3id.org/kb/id/report/" + iri,  # an extracted report (not a dataset's)
        article=article,
        type="drone_strike",
        top="air_or_drone_strike",
        earliest=dt.date(2026, 3, 6),
        latest=dt.date(2026, 3, 6),
        precision="day",
        basis="relative",
        agents=frozenset({"a/israel-defense-forces"}),
        places=frozenset({"p/town"}),
        place_chain=frozenset({"p/town", "p/country"}),
        specific_places=frozenset({"p/town"}),
    )
    base.update(kw)
    return ReportInfo(**base)


def test_two_events_one_article_tells_apart_never_become_one_incident():
    """The extractor keeps apart what it reads as two incidents: the linker follows it.

    An obituary tells the strike that killed a commander; a wire story tells the strike
    (undated, "a drone hit a car near the town") and, separately, a photo caption of a
    strike in the same town that day. Either of the wire's events alone would join the
    obituary's; both cannot, and the one with more evidence does.
    """
    obituary = _strike("obit/0", "obit", targets=frozenset({"a/commander"}))
    caption = _strike(
        "wire-0/0", "wire", type="air_or_drone_strike", targets=frozenset({"a/civilians"})
    )
    report = _strike("wire-1/1", "wire", targets=frozenset({"a/commander"}))
    assert same_incident(obituary, caption) and same_incident(obituary, report)
    assert evidence(obituary, report) > evidence(obituary, caption)
    for order in ([obituary, caption, report], [report, caption, obituary]):
        got = sorted(sorted(r.iri.rsplit("/", 2)[-2] for r in g) for g in components(order))
        assert got == [["obit", "wire-1"], ["wire-0"]]
    # Reports of two articles only: all three would be one incident.
    other = _strike("other/0", "other", type="air_or_drone_strike")
    assert len(components([obituary, other, report])) == 1


def test_crash_between_the_two_incident_writes_is_repaired(embedded, tmp_path, monkeypatch):
    """New incidents are written before the replaced ones are dropped (two transactions).

    LOCAL joins WIRE's incident under a new key (its report IRI sorts first): the new
    incident is written, then the write that drops WIRE's old one fails. The next ingest
    finishes the job exactly as an uninterrupted one does.
    """
    wire, local = _articles(tmp_path, [WIRE, LOCAL])
    with open_store(str(tmp_path / "clean")) as clean:
        ingest_articles(clean, [wire])
        ingest_articles(clean, [local])
        expected = sorted(map(str, clean.quads()))
    ingest_articles(embedded, [wire])
    real = EmbeddedStore.replace_graphs

    def fail_on_drop(self, graphs, drop=(), additions=None):
        if any(str(g) == str(PENDING_GRAPH) for g in drop):
            raise StoreError("disk full")
        return real(self, graphs, drop, additions)

    monkeypatch.setattr(EmbeddedStore, "replace_graphs", fail_on_drop)
    with pytest.raises(StoreError, match="stored but not linked"):
        ingest_articles(embedded, [local])
    listed = embedded.select(
        "SELECT ?r WHERE { ?a kb:hasReport ?r . ?b kb:hasReport ?r FILTER(?a != ?b) }"
    ).rows
    assert listed  # a report in the old and the new incident
    monkeypatch.setattr(EmbeddedStore, "replace_graphs", real)
    summary = ingest_articles(embedded, [local])
    assert summary.unchanged == 1
    assert sorted(map(str, embedded.quads())) == expected


@pytest.mark.parametrize(
    ("stored_where", "new_where", "new_day"),
    [
        (" near Ramadi", " near Ramadi", 5),  # the same town
        (" near Ramadi", " near Ramadi", 6),  # a day apart (time zones, "overnight")
        (" in Anbar province", " near Ramadi", 5),  # stored at the region of the new town
        (" in Iraq", " near Ramadi", 5),  # stored only at the country
        (" near Ramadi", " in Anbar province", 5),  # stored inside the new one's region
        ("only near Ramadi", " in Anbar province", 5),  # ... stored with the town alone
        ("", " near Ramadi", 5),  # stored without a place: shared actors, same day
        (" near Ramadi", "", 5),  # new without a place
    ],
)
def test_candidates_cover_every_way_two_reports_can_meet(
    embedded, tmp_path, monkeypatch, stored_where, new_where, new_day
):
    text = "Islamic State fighters attacked a checkpoint{} on March {}, killing four soldiers."
    only_town = stored_where.startswith("only")
    stored_where = stored_where.removeprefix("only")
    day = dt.date(2024, 3, 7)
    stored = Article(id="stored", text=text.format(stored_where, 5), published=day)
    new = Article(id="new", text=text.format(new_where, new_day), published=day)
    extractor = Extractor()
    events = extractor.extract(new)
    infos = infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    # An index read before the stored report was written learns of it from the run.
    index = CandidateIndex(embedded)
    assert index.candidates(infos) == set()
    ingest_articles(embedded, [stored], extractor=extractor)
    report = URIRef(str(report_iri("stored", 0)))
    if only_town:
        # As an importer may store it: the town alone, its region only in the gazetteer.
        places = embedded.select("SELECT ?p WHERE { ?r sem:hasPlace ?p }", {"r": report}).rows
        embedded.remove(
            article_graph("stored"),
            [(report, SEM.hasPlace, r["p"]) for r in places if _label(r["p"]) != "Ramadi"],
        )
    stored_events = extractor.extract(stored)
    stored_infos = infos_from_events(stored_events, {e.id: n for n, e in enumerate(stored_events)})
    if not only_town:
        index.written(report_subjects(stored_events, stored_infos))
        assert str(report) in index.candidates(infos)
    [stored_report] = load_reports(embedded, [str(report)])
    assert len(infos) == 1 and same_incident(infos[0], stored_report)  # the premise
    assert stored_report.iri in candidate_reports(embedded, infos)
    # A place or actor with too many reports to read whole is read in date windows.
    monkeypatch.setattr(CandidateIndex, "BIG", 0)
    assert stored_report.iri in candidate_reports(embedded, infos)


def _label(place) -> str:
    from kb.gazetteer import Gazetteer
    from kb.namespaces import place_id_from_iri

    found = Gazetteer.default().get(place_id_from_iri(str(place)))
    return found.name if found else ""


def test_failing_reader_leaves_the_whole_batches_read_before_it_stored(embedded, monkeypatch):
    monkeypatch.setattr(ingest_module, "BATCH", 4)
    articles = _wire(3, 9)

    def reading():
        yield from articles
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        ingest_articles(embedded, reading(), extractor=Extractor())
    ids = {str(r["id"]) for r in embedded.select("SELECT ?id WHERE { ?a kb:articleId ?id }").rows}
    assert ids == {a.id for a in articles[:8]}
    assert len({r for g in _incidents(embedded) for r in g}) == len(
        embedded.select("SELECT ?r WHERE { ?r a kb:EventReport }").rows
    )


def test_a_curated_persons_affiliation_survives_the_store(tmp_path) -> None:
    """A curated person (kb:parentOrganization in the store) keeps the group it acts for.

    Linking reads stored reports back (load_reports); their target affiliations must be
    what extraction gave in memory, or linking would depend on how articles are batched.
    """
    text = (
        "KABUL, Aug 1 (Wire) - A US drone strike killed Ayman al-Zawahiri at a house in "
        "Kabul on Sunday, US officials said.\n"
    )
    article = Article(id="zawahiri", text=text, published=dt.date(2022, 8, 1), outlet="Wire")
    extractor = Extractor()
    events = extractor.extract(article)
    infos = infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    target = next(i for i in infos if any("zawahiri" in t for t in i.targets))
    assert any(a.endswith("/al-qaeda") for a in target.affiliations)
    with open_store(str(tmp_path / "s")) as st:
        ingest_articles(st, [article], extractor=extractor)
        (back,) = load_reports(st, [target.iri])
    assert back.affiliations == target.affiliations


def test_candidates_read_whole_equal_those_read_in_date_windows(embedded, monkeypatch) -> None:
    """A key's reports read whole (members, then each report's fields once a run) give the
    candidates the date-window query gives for a key too big to read whole."""
    stored = _wire(11, 30)
    ingest_articles(embedded, stored, extractor=Extractor())
    extractor = Extractor()
    new = _wire(12, 12)
    infos = []
    for article in new:
        events = extractor.extract(
            Article(id="n-" + article.id, text=article.text, published=article.published)
        )
        infos += infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    whole_index = CandidateIndex(embedded)
    whole = [whole_index.candidates([info]) for info in infos]
    assert sum(map(len, whole)) > len(infos)  # the premise: the new reports meet stored ones
    # Each stored report's fields were read once, however many keys it belongs to.
    assert set(whole_index._entries) <= {
        str(r["r"]) for r in embedded.select("SELECT ?r WHERE { ?r a kb:EventReport }").rows
    }
    monkeypatch.setattr(CandidateIndex, "BIG", 0)
    windowed = [CandidateIndex(embedded).candidates([info]) for info in infos]
    assert whole == windowed


def test_a_slot_kept_in_order_as_reports_arrive_equals_one_sorted_whole() -> None:
    """Reports added to a slot after it was first searched land where sorting puts them."""
    from kb.link.incidents import _Entry, _Slot

    rng = random.Random(5)
    families = ["violence", "protest", "arrest"]
    bases = ["day", "publication", "unknown", None]

    def entry(n: int) -> _Entry:
        latest = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(60))
        earliest = rng.choice([None, latest, latest - dt.timedelta(days=rng.randrange(400))])
        return _Entry(
            f"r{rng.randrange(10**6):06d}-{n}",
            rng.choice(families),
            earliest,
            latest,
            rng.choice(bases),
            "day",
            True,
        )

    kept, whole = _Slot(), _Slot()
    for n in range(300):
        e = entry(n)
        kept.add(e)
        whole.add(e)
        if n % 40 == 0:
            list(kept.near("violence", (None, dt.date(2030, 1, 1))))  # builds its views
    fresh = _Slot()
    for e in whole.entries.values():
        fresh.add(e)
    for fam in families:
        for window in [(None, dt.date(2030, 1, 1)), (dt.date(2024, 1, 20), dt.date(2024, 2, 3))]:
            assert list(kept.near(fam, window)) == list(fresh.near(fam, window))
    assert kept._views == fresh._build()


def test_a_run_reads_a_stored_report_again_once_the_store_says_more_of_its_actors(
    embedded, tmp_path
) -> None:
    """The run's copy of a stored report is dropped when a write describes one of its actors
    anew, or replaces its article; otherwise it is read once and its incident every time."""
    from kb.namespaces import CANONICAL_GRAPH, KB

    ingest_articles(embedded, _articles(tmp_path, [WIRE]), extractor=Extractor())
    [report] = [
        str(r["r"]) for r in embedded.select("SELECT ?r WHERE { ?r a kb:EventReport }").rows
    ]
    index = CandidateIndex(embedded)
    listed: dict[str, set[str]] = {}
    [first] = index.reports([report], listed)
    assert first.incident is not None and listed[report] == {first.incident}
    [again] = index.reports([report], {})
    assert again is first  # read once a run
    target = sorted(first.targets)[0]
    group = "https://w3id.org/kb/id/actor/test-group"
    embedded.add(CANONICAL_GRAPH, [(URIRef(target), KB.affiliation, URIRef(group))])
    # A write that said nothing of the report's actors keeps the copy ...
    index.written([], (), {"https://w3id.org/kb/id/actor/somebody-else"})
    assert index.reports([report], {})[0] is first
    # ... one that described its target reads it again, as load_reports would.
    index.written([], (), {target})
    [fresh] = index.reports([report], {})
    assert fresh is not first and group in fresh.affiliations
    assert fresh.affiliations == load_reports(embedded, [report])[0].affiliations
    # Replacing its article forgets it too.
    index.written([], ["link-wire"])
    assert index.reports([report], {})[0] is not fresh


def test_a_run_of_many_batches_links_alike_on_both_stores(store_location, tmp_path, monkeypatch):
    """Batch after batch, what a run keeps of the store (stored reports read once, their
    incidents every time) gives the incidents a fresh read gives, on either backend."""
    monkeypatch.setattr(ingest_module, "BATCH", 4)
    monkeypatch.setattr(ingest_module, "FIRST_BATCH", 4)
    articles = _wire(21, 28)
    st = open_store(store_location)
    try:
        ingest_articles(st, articles, extractor=Extractor())
        got = _incidents(st)
    finally:
        st.close()
    # The same articles, each batch linked by a run of its own (nothing kept in memory).
    fresh = open_store(str(tmp_path / "fresh"))
    try:
        for start in range(0, len(articles), 4):
            ingest_articles(fresh, articles[start : start + 4], extractor=Extractor())
        expected = _incidents(fresh)
    finally:
        fresh.close()
    assert any(len(g) > 1 for g in expected)  # the premise: reports link across batches
    assert got == expected
