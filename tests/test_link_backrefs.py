"""Coarse back-references ("a drone strike in March") join the one incident they can mean.

A later article often names an incident by its month and place only, without its
attacker. Such a report joins a day-dated incident when that incident is the only
compatible one among all reports; two compatible incidents leave it on its own. The
result must not depend on how the reports arrive: in one run, in several, in any order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random

import pytest
from support import incident_groups

import kb.ingest as ingest_module
from kb.extract.pipeline import Extractor
from kb.importers.linking import group
from kb.ingest import ingest_articles, remove_articles
from kb.link.same import ReportInfo, backref_compatible, coarse_dated, components, same_incident
from kb.model import Article
from kb.store import open_store

ACTOR = "https://w3id.org/kb/id/actor/"
PLACE = "https://w3id.org/kb/id/place/geonames/"
COUNTRY = PLACE + "99237"
REGION = "https://w3id.org/kb/id/place/iso3166-2/IQ-AN"
TOWN = PLACE + "92138"
OTHER_TOWN = PLACE + "98182"
CHAINS = {
    TOWN: {TOWN, REGION, COUNTRY},
    OTHER_TOWN: {OTHER_TOWN, REGION, COUNTRY},
    REGION: {REGION, COUNTRY},
    COUNTRY: {COUNTRY},
}
LEVELS = {TOWN: "city", OTHER_TOWN: "city", REGION: "region", COUNTRY: "country"}


def _report(
    n: str,
    day: dt.date | None,
    *,
    month: bool = False,
    place: str = TOWN,
    agents: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    type_: str = "drone_strike",
    article: str | None = None,
    published: dt.date | None = None,
) -> ReportInfo:
    """A report dated to `day`, or (month=True) to the month of `day`."""
    assert day is not None
    top = "killing" if type_ == "killing" else "air_or_drone_strike"
    first, last = (day.replace(day=1), day.replace(day=28)) if month else (day, day)
    return ReportInfo(
        iri=f"https://w3id.org/kb/id/report/{n}/0",
        article=article or n,
        type=type_,
        top=top,
        earliest=first,
        latest=last,
        precision="month" if month else "day",
        basis="relative",
        published=published or (last + dt.timedelta(days=30 if month else 1)),
        agents=frozenset(ACTOR + a for a in agents),
        targets=frozenset(ACTOR + t for t in targets),
        unidentified_agent=not agents,
        places=frozenset({place}),
        place_chain=frozenset(CHAINS[place]),
        specific_places=frozenset({place} - {COUNTRY}),
        labels={"level:" + place: LEVELS[place]},
    )


MARCH_5 = dt.date(2025, 3, 5)
MARCH_20 = dt.date(2025, 3, 20)


def _groups(reports: list[ReportInfo]) -> list[list[str]]:
    return [[r.iri.split("/")[-2] for r in g] for g in components(reports)]


def test_a_month_reference_joins_the_one_strike_it_can_mean() -> None:
    strike = _report("strike", MARCH_5)
    ref = _report("ref", MARCH_5, month=True)
    killing = _report("killing", MARCH_5, month=True, type_="killing", place=REGION)
    assert not same_incident(strike, ref)  # the evidence alone is too weak
    assert coarse_dated(ref) and backref_compatible(ref, strike)
    assert _groups([strike, ref, killing]) == [["killing", "ref", "strike"]]


def test_two_strikes_of_that_month_leave_the_reference_on_its_own() -> None:
    reports = [
        _report("a-strike", MARCH_5),
        _report("b-strike", MARCH_20),
        _report("ref", MARCH_5, month=True),
    ]
    assert _groups(reports) == [["a-strike"], ["b-strike"], ["ref"]]
    # A strike elsewhere in the region is a second incident the region's reference can
    # mean, but not one the town's reference can.
    other = _report("b-strike", MARCH_20, place=OTHER_TOWN)
    town_ref = _report("ref", MARCH_5, month=True)
    region_ref = _report("region-ref", MARCH_5, month=True, place=REGION)
    got = _groups([reports[0], other, town_ref, region_ref])
    assert got == [["a-strike", "ref"], ["b-strike"], ["region-ref"]]


def test_a_named_target_picks_its_strike_among_several() -> None:
    leader = "abu-bakr-al-baghdadi"
    reports = [
        _report("a-strike", MARCH_5, targets=(leader,)),
        _report("b-strike", MARCH_20),
        # "The leader killed in a strike in March": a killing, placed only by region.
        _report("ref", MARCH_5, month=True, type_="killing", place=REGION, targets=(leader,)),
    ]
    assert not same_incident(reports[0], reports[2])
    assert _groups(reports) == [["a-strike", "ref"], ["b-strike"]]


@pytest.mark.parametrize(
    "change",
    [
        {"agents": ("islamic-state",)},  # the strike's agent is someone else
        {"targets": ("popular-mobilization-forces",)},  # so is its target
        {"published": dt.date(2025, 3, 2)},  # published before the strike
        {"article": "strike"},  # one article told two events
        {"place": OTHER_TOWN},  # another town
    ],
)
def test_what_tells_a_reference_from_the_strike_keeps_them_apart(change: dict) -> None:
    strike = _report("strike", MARCH_5, agents=("iraqi-security-forces",), targets=("isis",))
    ref = _report("ref", MARCH_5, month=True, **change)
    assert not backref_compatible(ref, strike)
    assert len(components([strike, ref])) == 2


def test_two_references_of_one_article_are_two_events_and_join_neither() -> None:
    strike = _report("strike", MARCH_5)
    first = _report("ref", MARCH_5, month=True)
    second = dataclasses.replace(
        _report("ref", MARCH_5, month=True, type_="killing"),
        iri="https://w3id.org/kb/id/report/ref/1",
    )
    assert len(components([strike, first, second])) == 3
    # A reference of another article still joins.
    third = _report("later", MARCH_5, month=True)
    assert _groups([strike, third, first, second]) == [["later", "strike"], ["ref"], ["ref"]]


def test_many_rows_of_a_dataset_per_town_and_month_leave_references_alone() -> None:
    rows = [
        dataclasses.replace(
            _report(f"row{d:02d}", dt.date(2025, 3, d)),
            iri=f"https://w3id.org/kb/id/report/gdelt/{d}",
        )
        for d in range(1, 29)
    ]
    ref = _report("ref", MARCH_5, month=True)
    reports = [*rows, ref]
    assert [g for g in _groups(reports) if "ref" in g] == [["ref"]]
    # The import's grouping is the same rule.
    assert [[r.iri for r in g] for g in group(reports)] == [
        [r.iri for r in g] for g in components(reports)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_grouping_ignores_order_and_equals_the_import_grouping(seed: int) -> None:
    rng = random.Random(seed)
    reports = []
    for i in range(60):
        day = dt.date(2025, rng.choice((3, 4)), rng.randrange(1, 28))
        reports.append(
            _report(
                f"r{i:02d}",
                day,
                month=rng.random() < 0.4,
                place=rng.choice(sorted(CHAINS)),
                agents=tuple(rng.sample(["islamic-state", "iraqi-army"], rng.randrange(2))),
                targets=tuple(rng.sample(["isis-leader", "pmf"], rng.randrange(2))),
                type_=rng.choice(("drone_strike", "killing")),
                article=f"art{rng.randrange(40)}",
            )
        )
    expected = [[r.iri for r in g] for g in components(reports)]
    assert any(len(g) > 1 and any(r.precision == "month" for r in g) for g in components(reports))
    shuffled = reports[:]
    rng.shuffle(shuffled)
    assert [[r.iri for r in g] for g in components(shuffled)] == expected
    assert [[r.iri for r in g] for g in group(shuffled)] == expected


# --- through the store: one run, several runs, every order -----------------------------
TEXTS = {
    "strike": (
        "2025-03-06",
        "BAGHDAD - A drone strike on a car killed two Islamic State fighters near al-Qaim "
        "in western Iraq on Wednesday, security sources said.",
    ),
    "second": (
        "2025-03-21",
        "BAGHDAD - A drone strike hit a pickup truck near al-Qaim in western Iraq on "
        "Thursday, killing three men, police said.",
    ),
    "strike2": (
        "2025-03-07",
        "A drone struck a vehicle on the outskirts of al-Qaim in western Iraq on Wednesday, "
        "killing two suspected Islamic State members, a local official said.",
    ),
    # Two reports of one strike that share too little to be linked (a province and a
    # town, no common actor), and a third, without a place, that links both.
    "province": (
        "2025-03-06",
        "A drone strike hit Islamic State fighters in Anbar province on Wednesday, security "
        "sources said.",
    ),
    "town": (
        "2025-03-06",
        "Kataib Hezbollah launched a drone strike near al-Qaim on Wednesday, security sources "
        "said.",
    ),
    "bridge": (
        "2025-03-07",
        "A Kataib Hezbollah drone strike hit Islamic State fighters on Wednesday, the group said.",
    ),
    "ref1": (
        "2025-04-20",
        "Officials have added checkpoints on the desert roads of western Anbar since a "
        "drone strike near al-Qaim in March killed two militants.",
    ),
    "ref2": (
        "2025-05-14",
        "The border crossing reopened on Tuesday. Traffic had been halted after a drone "
        "strike in al-Qaim in March.",
    ),
}


def _articles(names) -> list[Article]:
    out = []
    for name in names:
        day, text = TEXTS[name]
        out.append(
            Article(
                id=name,
                text=text,
                title=text[:30],
                published=dt.date.fromisoformat(day),
                outlet=name,
            )
        )
    return out


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["strike", "ref1", "ref2"], [["ref1", "ref2", "strike"]]),
        (["strike", "second", "ref1", "ref2"], [["ref1"], ["ref2"], ["second"], ["strike"]]),
    ],
)
def test_one_run_several_runs_and_every_order_agree(
    tmp_path, monkeypatch, extractor, names, expected
) -> None:
    with open_store(str(tmp_path / "once")) as st:
        ingest_articles(st, _articles(names), extractor=extractor)
        assert incident_groups(st) == expected
    monkeypatch.setattr(ingest_module, "BATCH", 1)
    orders = list(itertools.permutations(names))
    for n, order in enumerate(orders[:: max(1, len(orders) // 8)]):
        with open_store(str(tmp_path / f"run{n}")) as st:
            for name in order:  # one run per article: the store holds the rest
                ingest_articles(st, _articles([name]), extractor=extractor)
            assert incident_groups(st) == expected, order


def test_a_second_strike_arriving_later_takes_the_reference_back(tmp_path, extractor) -> None:
    with open_store(str(tmp_path / "s")) as st:
        ingest_articles(st, _articles(["ref1", "strike", "ref2"]), extractor=extractor)
        assert incident_groups(st) == [["ref1", "ref2", "strike"]]
        ingest_articles(st, _articles(["second"]), extractor=extractor)
        assert incident_groups(st) == [["ref1"], ["ref2"], ["second"], ["strike"]]
        # Re-ingesting is idempotent.
        ingest_articles(st, _articles(["ref1", "second"]), extractor=extractor)
        assert incident_groups(st) == [["ref1"], ["ref2"], ["second"], ["strike"]]


def test_a_new_report_of_one_strike_does_not_take_a_reference_two_strikes_share(
    tmp_path, extractor
) -> None:
    # The second report of the 5 March strike finds the reference among its candidates,
    # not the strike of 20 March: the run must read that one too.
    with open_store(str(tmp_path / "s")) as st:
        ingest_articles(st, _articles(["strike", "second", "ref1"]), extractor=extractor)
        ingest_articles(st, _articles(["strike2"]), extractor=extractor)
        assert incident_groups(st) == [["ref1"], ["second"], ["strike", "strike2"]]


def test_a_report_joining_two_incidents_gives_them_the_reference_they_shared(
    tmp_path, extractor
) -> None:
    names = ["province", "town", "ref2"]
    with open_store(str(tmp_path / "s")) as st:
        ingest_articles(st, _articles(names), extractor=extractor)
        assert incident_groups(st) == [["province"], ["ref2"], ["town"]]
        # The bridge finds the two strikes by their actors, not the reference: the run
        # must read the references that could mean what it joined.
        ingest_articles(st, _articles(["bridge"]), extractor=extractor)
        assert incident_groups(st) == [["bridge", "province", "ref2", "town"]]
    with open_store(str(tmp_path / "once")) as st:
        ingest_articles(st, _articles([*names, "bridge"]), extractor=extractor)
        assert incident_groups(st) == [["bridge", "province", "ref2", "town"]]


def test_removing_the_second_strike_gives_the_reference_back(tmp_path, extractor) -> None:
    with open_store(str(tmp_path / "s")) as st:
        ingest_articles(st, _articles(["strike", "second", "ref1"]), extractor=extractor)
        assert incident_groups(st) == [["ref1"], ["second"], ["strike"]]
        remove_articles(st, ["second"])
        assert incident_groups(st) == [["ref1", "strike"]]


TOWNS = ["al-Qaim", "Rutba", "Haditha"]


def _mixed(seed: int, n: int) -> list[Article]:
    """Wire items: strikes dated to the day, and later items that name one by its month."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        town = rng.choice(TOWNS)
        day = dt.date(2025, 3, rng.randrange(2, 27))
        if rng.random() < 0.45:
            text = (
                f"A drone strike hit a car near {town} in western Iraq on {day:%B} {day.day}, "
                f"killing {rng.randrange(2, 6)} men, security sources said."
            )
            published = day + dt.timedelta(days=1)
        else:
            text = (
                f"Checkpoints were added around {town} in western Iraq after a drone strike "
                f"there in March, officials said on Monday."
            )
            published = dt.date(2025, 4, rng.randrange(1, 28))
        out.append(Article(id=f"m-{seed}-{i:02d}", text=text, title=text[:30], published=published))
    return out


@pytest.mark.parametrize("seed", [2, 6])
def test_stored_incidents_equal_the_rule_over_all_reports_in_any_order(
    tmp_path, monkeypatch, extractor, seed
) -> None:
    from kb.link.incidents import infos_from_events

    articles = _mixed(seed, 14)
    infos = []
    for art in articles:
        events = extractor.extract(art)
        infos += infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    expected = sorted(sorted(r.iri.split("/")[-2] for r in g) for g in components(infos))
    coarse = {r.iri.split("/")[-2] for r in infos if coarse_dated(r)}
    # Some references join a strike, some stay alone (two strikes in their town).
    assert any(len(g) > 1 and coarse & set(g) for g in expected)
    assert any(len(g) == 1 and coarse & set(g) for g in expected)
    with open_store(str(tmp_path / "once")) as st:
        ingest_articles(st, articles, extractor=extractor)
        assert incident_groups(st) == expected
    monkeypatch.setattr(ingest_module, "BATCH", 1)
    for name, order in (("forward", articles), ("backward", articles[::-1])):
        with open_store(str(tmp_path / name)) as st:
            for art in order:
                ingest_articles(st, [art], extractor=extractor)
            assert incident_groups(st) == expected, name


def test_a_reference_names_the_incident_but_does_not_add_who_or_where() -> None:
    from kb.link.incidents import incident_triples
    from kb.link.same import backref_members

    strike = _report("strike", MARCH_5, targets=("islamic-state",))
    # "Iraqi officials have pressed for cooperation since a drone strike in March": the
    # agent and the region were read from a sentence about something else.
    ref = _report("ref", MARCH_5, month=True, agents=("iraqi-security-forces",), place=REGION)
    (group,) = components([strike, ref])
    assert backref_members(group) == {ref.iri}
    triples = incident_triples(group)[1]
    objects = {str(o) for _, p, o in triples if p.endswith(("hasActor", "hasPlace"))}
    assert ACTOR + "iraqi-security-forces" not in objects
    assert {TOWN, ACTOR + "islamic-state"} <= objects and REGION not in objects
    reports = {str(o) for _, p, o in triples if p.endswith("hasReport")}
    assert reports == {strike.iri, ref.iri}
    # Joined by the rule's evidence, a coarse report speaks like any other.
    close = _report("close", MARCH_5, month=True, targets=("islamic-state",))
    assert same_incident(strike, close) and backref_members([strike, close]) == set()


def test_only_a_narrow_place_makes_a_coarse_date_a_reference() -> None:
    month_town = _report("a", MARCH_5, month=True)
    assert coarse_dated(month_town) and coarse_dated(
        _report("b", MARCH_5, month=True, place=REGION)
    )
    # A whole country in a month, or a region in a year, sums up; it names no incident.
    assert not coarse_dated(_report("c", MARCH_5, month=True, place=COUNTRY))
    year = dataclasses.replace(month_town, precision="year", earliest=dt.date(2025, 1, 1))
    assert coarse_dated(year)
    region = _report("d", MARCH_5, month=True, place=REGION)
    assert not coarse_dated(dataclasses.replace(region, precision="year"))
    # A date taken from the publication is the news of the day, not a reference.
    assert not coarse_dated(dataclasses.replace(month_town, basis="publication"))
    assert not coarse_dated(_report("e", MARCH_5))
    strike = _report("strike", MARCH_5)
    assert len(components([strike, _report("c", MARCH_5, month=True, place=COUNTRY)])) == 2
