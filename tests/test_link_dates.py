"""The linker's day tolerance across articles, and reports without places.

A day's difference between two outlets is one incident only when a date is uncertain
(coarse, taken from publication, near midnight) or the reports share what identifies
an incident (a named agent at the same town, or at the same place against the same named
target). Reports without places need one more point of evidence across articles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.importers.linking import group, link_keys
from kb.link.same import (
    MIN_EVIDENCE,
    PLACELESS_EVIDENCE,
    ReportInfo,
    components,
    date_uncertain,
    day_gap_plausible,
    evidence,
    same_incident,
)
from kb.model import Article

ARMY = "https://w3id.org/kb/id/actor/turkish-armed-forces"
MILITIA = "https://w3id.org/kb/id/actor/kataib-hezbollah"
PKK = "https://w3id.org/kb/id/actor/pkk"
CIVILIANS = "https://w3id.org/kb/id/actor/civilians"
COUNTRY = "https://w3id.org/kb/id/place/geonames/163843"
REGION = "https://w3id.org/kb/id/place/iso3166-2/SY-HA"
TOWN = "https://w3id.org/kb/id/place/geonames/173334"
THU = dt.date(2024, 5, 16)
FRI = dt.date(2024, 5, 17)


def _report(
    iri: str,
    day: dt.date | None,
    *,
    article: str | None = None,
    place: str | None = REGION,
    agents: frozenset[str] = frozenset({ARMY}),
    targets: frozenset[str] = frozenset({CIVILIANS}),
    text: str | None = "",
    basis: str = "relative",
    published: dt.date | None = None,
    type_: str = "drone_strike",
) -> ReportInfo:
    """One report; a town lies in the region, the region in the country."""
    chain = {TOWN: {TOWN, REGION, COUNTRY}, REGION: {REGION, COUNTRY}, COUNTRY: {COUNTRY}}
    levels = {TOWN: "city", REGION: "region", COUNTRY: "country"}
    places = frozenset({place}) if place else frozenset()
    return ReportInfo(
        iri=iri,
        article=article or "art-" + iri,
        type=type_,
        top="air_or_drone_strike" if type_ in ("drone_strike", "airstrike") else type_,
        earliest=day if basis != "publication" else None,
        latest=day if basis != "publication" else published,
        precision="day" if basis != "publication" else None,
        basis=basis,
        date_text=None if basis == "publication" else (text if text != "" else f"on {day:%A}"),
        published=published or day,
        agents=agents,
        targets=targets,
        places=places,
        place_chain=frozenset(chain[place]) if place else frozenset(),
        specific_places=frozenset(p for p in places if p != COUNTRY),
        labels={"level:" + p: levels[p] for p in places},
    )


def _both_ways(a: ReportInfo, b: ReportInfo) -> bool:
    assert same_incident(a, b) == same_incident(b, a)
    return same_incident(a, b)


def test_two_stated_days_in_one_region_are_two_strikes():
    # An army striking in a province on Thursday and again on Friday: agent, region and
    # type agree (4 points), but each outlet gives its own day.
    thu = _report("r/1", THU)
    fri = _report("r/2", FRI)
    assert evidence(thu, fri) >= MIN_EVIDENCE
    assert not day_gap_plausible(thu, fri)
    assert not _both_ways(thu, fri)
    # The same day in two outlets is still one strike.
    assert _both_ways(thu, _report("r/3", THU))


@pytest.mark.parametrize(
    "text", ["overnight", "late Thursday night", "early Friday", "at dawn on Friday", "tonight"]
)
def test_a_date_near_midnight_tolerates_the_next_day(text):
    thu = _report("r/1", THU)
    fri = _report("r/2", FRI, text=text)
    assert date_uncertain(fri)
    assert _both_ways(thu, fri)


def test_a_date_taken_from_publication_tolerates_a_day():
    # Published Thursday and dated by it: [Monday, Thursday]; the other outlet says Friday.
    pub = _report("r/1", None, basis="publication", published=THU)
    assert pub.interval() == (THU - dt.timedelta(days=3), THU)
    assert date_uncertain(pub)
    assert _both_ways(pub, _report("r/2", FRI, text="on Friday"))


def test_two_days_apart_are_never_one_incident():
    far = _report("r/2", FRI + dt.timedelta(days=1), text="overnight", place=TOWN)
    assert not _both_ways(_report("r/1", THU, place=TOWN), far)


def test_the_same_agent_in_the_same_town_tolerates_a_day():
    # A raid "late on Thursday" in one outlet, "on Friday" in another, in one town.
    thu = _report("r/1", THU, place=TOWN, type_="arrest", targets=frozenset())
    fri = _report("r/2", FRI, text="on Friday", place=TOWN, type_="arrest", targets=frozenset())
    assert day_gap_plausible(thu, fri)
    assert _both_ways(thu, fri)
    # Without the agent, or with the agent only in the region, the gap is not tolerated.
    nobody = dataclasses.replace(fri, agents=frozenset())
    assert not day_gap_plausible(thu, nobody)
    in_region = _report("r/3", FRI, text="on Friday", type_="arrest", targets=frozenset())
    assert not day_gap_plausible(thu, in_region)


def test_the_same_named_target_in_one_region_tolerates_a_day():
    # A statement's day taken for the strike's: agent, target and region all agree.
    thu = _report("r/1", THU, targets=frozenset({PKK}))
    fri = _report("r/2", FRI, text="on Friday", targets=frozenset({PKK, CIVILIANS}))
    assert day_gap_plausible(thu, fri)
    assert _both_ways(thu, fri)
    # The target without a shared specific place is not enough.
    elsewhere = _report("r/3", FRI, text="on Friday", place=COUNTRY, targets=frozenset({PKK}))
    assert not day_gap_plausible(thu, elsewhere)
    assert not _both_ways(thu, elsewhere)


def test_the_same_town_counts_double_only_on_the_same_day():
    # No actors named: the town, the day and the type are all the evidence.
    nobody = {"agents": frozenset(), "targets": frozenset(), "place": TOWN}
    thu = _report("r/1", THU, **nobody)
    assert evidence(thu, _report("r/2", THU, **nobody)) == 4  # town 2, day 1, type 1
    assert _both_ways(thu, _report("r/2", THU, **nobody))
    # "Overnight" tolerates the next day, but a town and a type are only 2 points.
    night = _report("r/3", FRI, text="overnight", **nobody)
    assert evidence(thu, night) == 2
    assert not _both_ways(thu, night)
    # Nor does a month in the same town make the town count double.
    month = dataclasses.replace(
        thu, iri="r/4", article="art-r/4", earliest=dt.date(2024, 5, 1), precision="month"
    )
    month = dataclasses.replace(month, latest=dt.date(2024, 5, 31))
    assert evidence(thu, month) == 2
    assert not _both_ways(thu, month)
    # So every pair the rule accepts shares one of the importers' link keys.
    assert not link_keys(thu) & link_keys(night)


def test_inside_one_article_a_day_apart_is_still_two_events():
    thu = _report("r/1", THU, article="a", text="late Thursday night", place=TOWN)
    fri = _report("r/2", FRI, article="a", text="early Friday", place=TOWN)
    assert not _both_ways(thu, fri)


def test_without_a_place_one_agent_and_one_day_are_not_enough_across_articles():
    # One outlet names no place: a shared agent and the same day (3 points) are what all
    # of one army's operations that day share.
    placed = _report("r/1", THU, type_="airstrike", targets=frozenset())
    placeless = _report("r/2", THU, place=None, type_="attack", targets=frozenset())
    assert evidence(placed, placeless) == MIN_EVIDENCE < PLACELESS_EVIDENCE
    assert not _both_ways(placed, placeless)
    # The same specific type is one more point.
    typed = dataclasses.replace(placeless, type="airstrike", top="air_or_drone_strike")
    assert evidence(placed, typed) == PLACELESS_EVIDENCE
    assert _both_ways(placed, typed)
    # Inside one article the same-article points decide, as before.
    same_article = dataclasses.replace(placeless, article=placed.article)
    assert _both_ways(placed, same_article)


def test_a_vague_report_no_longer_bridges_two_strikes_of_one_day():
    # One article tells a drone strike on a motorcycle and gunfire at shepherds (types
    # that cannot match); a placeless "attack" in another article used to join both.
    strike = _report("r/1", FRI, article="a", type_="drone_strike")
    gunfire = _report("r/2", FRI, article="a", type_="armed_assault")
    gunfire = dataclasses.replace(gunfire, top="attack")
    vague = _report("r/3", FRI, place=None, type_="attack", targets=frozenset())
    assert not same_incident(strike, gunfire)
    groups = components([strike, gunfire, vague])
    assert [[r.iri for r in g] for g in groups] == [["r/1"], ["r/2"], ["r/3"]]


# --- through the extractor ------------------------------------------------------------
def _infos(extractor, aid: str, text: str, published: dt.date) -> ReportInfo:
    from kb.link.incidents import infos_from_events

    art = Article(id=aid, text=text, title=text[:30], published=published, outlet="Wire " + aid)
    events = extractor.extract(art)
    infos = infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    assert len(infos) == 1, infos
    return infos[0]


def test_written_reports_a_day_apart():
    from kb.extract.pipeline import Extractor

    ex = Extractor()
    tue = _infos(
        ex,
        "kh-1",
        "Russian forces shelled villages in the Kharkiv region on Tuesday, killing two "
        "civilians, the regional governor said.",
        dt.date(2024, 5, 15),
    )
    wed = _infos(
        ex,
        "kh-2",
        "Russian forces shelled villages in the Kharkiv region on Wednesday, wounding three "
        "civilians, the regional governor said.",
        dt.date(2024, 5, 16),
    )
    night = _infos(
        ex,
        "kh-3",
        "Russian shelling of villages in the Kharkiv region overnight killed two civilians, "
        "the regional governor said.",
        dt.date(2024, 5, 16),
    )
    assert (tue.date_value, wed.date_value, night.date_value) == (
        "2024-05-14",
        "2024-05-15",
        "2024-05-16",
    )
    assert not same_incident(tue, wed)  # two days' shelling in one region
    assert same_incident(wed, night)  # "overnight": the night may have begun on the 15th
    assert not same_incident(tue, night)  # two days apart
    late = _infos(
        ex,
        "qa-1",
        "Turkish forces raided a house in the town of Qamishli late on Thursday and detained "
        "two men, local sources said.",
        dt.date(2024, 5, 17),
    )
    next_day = _infos(
        ex,
        "qa-2",
        "Turkish forces detained two men in a raid on a house in Qamishli on Friday, a "
        "monitoring group said.",
        dt.date(2024, 5, 18),
    )
    assert (late.date_value, next_day.date_value) == ("2024-05-16", "2024-05-17")
    assert same_incident(late, next_day)  # one army, one town: a raid across midnight


# --- symmetry, order independence and the importers' link keys --------------------------
_TEXTS = [None, "on Thursday", "overnight", "late Thursday night", "on Friday", "last week"]


@st.composite
def _reports(draw):
    out = []
    for i in range(draw(st.integers(2, 18))):
        basis = draw(st.sampled_from(["relative", "relative", "explicit", "publication"]))
        day = THU + dt.timedelta(days=draw(st.integers(-1, 2)))
        place = draw(st.sampled_from([TOWN, REGION, COUNTRY, None]))
        report = _report(
            f"r/{i:02d}",
            day,
            article=draw(st.sampled_from("abcde")),
            place=place,
            agents=frozenset(
                draw(st.sets(st.sampled_from([ARMY, MILITIA, CIVILIANS]), max_size=2))
            ),
            targets=frozenset(draw(st.sets(st.sampled_from([PKK, CIVILIANS]), max_size=2))),
            text=draw(st.sampled_from(_TEXTS)),
            basis=basis,
            published=day + dt.timedelta(days=draw(st.integers(0, 2))),
            type_=draw(st.sampled_from(["drone_strike", "airstrike", "attack", "arrest"])),
        )
        if report.type == "attack":
            report = dataclasses.replace(report, top="attack")
        out.append(report)
    return out


@settings(max_examples=80, deadline=None)
@given(_reports(), st.randoms(use_true_random=False))
def test_rule_is_symmetric_and_grouping_ignores_order(reports, rnd):
    for a in reports:
        for b in reports:
            assert same_incident(a, b) == same_incident(b, a)
    expected = [[r.iri for r in g] for g in components(list(reports))]
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert [[r.iri for r in g] for g in components(shuffled)] == expected
    # kb.importers.linking.group compares only pairs that share a link key: every pair
    # the rule accepts must share one.
    assert [[r.iri for r in g] for g in group(shuffled)] == expected


def test_random_reports_link_sometimes_across_a_day():
    # The generator above reaches the tolerated and the refused gaps (the test can fail).
    rng = random.Random(3)
    seen = {True: 0, False: 0}
    for _ in range(400):
        a = _report("r/1", THU, place=rng.choice([TOWN, REGION]), text=rng.choice(_TEXTS[1:]))
        b = _report("r/2", FRI, place=rng.choice([TOWN, REGION]), text=rng.choice(_TEXTS[1:]))
        seen[same_incident(a, b)] += 1
    assert seen[True] > 20 and seen[False] > 20


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        ("accusation", "denial", False),  # a charge and the answer to it
        ("accusation", "accusation", True),
        ("statement", "denial", True),  # a bare statement may be the denial itself
    ],
)
def test_statements_of_two_kinds_are_two_events(first: str, second: str, one: bool) -> None:
    def said(iri: str, kind: str) -> ReportInfo:
        r = _report(iri, THU, type_=kind, agents=frozenset({MILITIA}), targets=frozenset({ARMY}))
        return dataclasses.replace(r, top="statement")

    assert _both_ways(said("r/1", first), said("r/2", second)) is one


_DAYS = st.one_of(
    st.none(), st.integers(0, 12).map(lambda n: dt.date(2024, 5, 10) + dt.timedelta(n))
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            _DAYS,
            _DAYS,
            st.sampled_from(["explicit", "publication", "unknown"]),
            st.sampled_from(["a1", "a2"]),
        ),  # fmt: skip
        min_size=2,
        max_size=6,
    )
)
def test_pairs_left_out_by_their_dates_are_pairs_the_rule_refuses(rows) -> None:
    """candidate_pairs drops pairs by date before same_incident sees them: only pairs
    whose dates the rule refuses, so the incidents are those of every pair compared."""
    from kb.link.same import _dates_compatible, candidate_pairs

    reports = []
    for n, (a, b, basis, article) in enumerate(rows):
        earliest, latest = (a, b) if a is None or b is None or a <= b else (b, a)
        reports.append(
            ReportInfo(
                iri=f"r{n}",
                article=article,
                type="attack",
                top="attack",
                earliest=earliest,
                latest=latest,
                basis=basis,
                places=frozenset([TOWN]),
                place_chain=frozenset([TOWN, COUNTRY]),
            )  # fmt: skip
        )
    pairs = candidate_pairs(reports)
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            assert ((i, j) in pairs) == _dates_compatible(reports[i], reports[j])
