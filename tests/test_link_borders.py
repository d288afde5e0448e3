"""A border area meets the towns near it: "on the Iraq-Syria border" and "near al-Qaim".

News names one incident by the border and by the border town nearest it. The stored
containment relates neither (a town lies in its province, a border in both countries),
so the linker reads a relation of its own (:func:`kb.link.same.border_meets`): a town of
X is near the X-Y border when a town of Y lies within ``BORDER_NEAR_KM`` of it. A town
far inland, or near another border of the same country, stays apart. The result must
not depend on how the reports arrive: in one run, in several, in any order.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from support import incident_groups

import kb.ingest as ingest_module
from kb.extract.pipeline import Extractor
from kb.gazetteer.core import BORDER_NEAR_KM, Gazetteer
from kb.ingest import ingest_articles
from kb.link.same import (
    ReportInfo,
    backref_compatible,
    border_meets,
    candidate_pairs,
    components,
    evidence,
    same_incident,
)
from kb.model import Article
from kb.namespaces import place_ref
from kb.store import open_store

QAIM = "geonames:92138"  # Al Qa'im, Anbar, Iraq: 8 km from Albu Kamal across the border
ALBU_KAMAL = "geonames:174448"  # Syria's town facing it
RAMADI = "geonames:98717"  # Anbar's capital, 250 km inland
ZAKHO = "geonames:89570"  # Iraq, on the border with Turkey
IRAQ, SYRIA = "geonames:99237", "geonames:163843"
ANBAR = "iso3166-2:IQ-AN"
IQ_SY, IQ_TR, IQ_ONLY = "border:IQ-SY", "border:IQ-TR", "border:IQ"

CHAINS = {
    QAIM: {QAIM, ANBAR, IRAQ},
    RAMADI: {RAMADI, ANBAR, IRAQ},
    ZAKHO: {ZAKHO, IRAQ},
    ALBU_KAMAL: {ALBU_KAMAL, SYRIA},
    ANBAR: {ANBAR, IRAQ},
    IQ_SY: {IQ_SY, IRAQ, SYRIA},
    IQ_TR: {IQ_TR, IRAQ},
    IQ_ONLY: {IQ_ONLY, IRAQ},
}
LEVELS = {QAIM: "city", RAMADI: "city", ZAKHO: "city", ALBU_KAMAL: "city", ANBAR: "region"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


# -- the gazetteer's relation ----------------------------------------------------------


def test_a_border_town_is_near_its_border_and_an_inland_city_is_not(gaz) -> None:
    assert gaz.borders_near(QAIM) == {IQ_SY, IQ_ONLY}
    assert gaz.borders_near(ALBU_KAMAL) == {IQ_SY, "border:SY"}
    assert gaz.borders_near(RAMADI) == frozenset()
    assert IQ_TR in gaz.borders_near(ZAKHO) and IQ_SY not in gaz.borders_near(ZAKHO)
    # Only towns are "near": a province or a country contains border areas or not.
    assert gaz.borders_near(ANBAR) == frozenset() and gaz.borders_near(IRAQ) == frozenset()
    assert gaz.borders_near("geonames:0") == frozenset()


@pytest.mark.parametrize("border", [IQ_SY, IQ_ONLY, "border:IL-LB", "border:SY-TR"])
def test_the_towns_near_a_border_are_the_inverse_relation(gaz, border) -> None:
    towns = gaz.towns_near_border(border)
    assert towns and list(towns) == sorted(towns)
    assert all(border in gaz.borders_near(t) for t in towns)
    assert RAMADI not in towns
    if border == IQ_SY:
        assert {QAIM, ALBU_KAMAL} <= set(towns) and ZAKHO not in towns
    if border == IQ_ONLY:
        assert {QAIM, ZAKHO} <= set(towns)


def test_the_distance_is_a_bound_on_the_nearest_foreign_town(gaz) -> None:
    from kb.gazetteer.core import _km

    qaim, kamal = gaz.get(QAIM), gaz.get(ALBU_KAMAL)
    assert _km((qaim.lat, qaim.lon), (kamal.lat, kamal.lon)) < BORDER_NEAR_KM
    # The stored containment does not change: the town stays in its province.
    assert {w.id for w in qaim.within} == {ANBAR, IRAQ}


# -- the rule on reports ---------------------------------------------------------------


def _report(
    n: str,
    place: str,
    *,
    day: dt.date = dt.date(2025, 6, 3),
    month: bool = False,
    type_: str = "drone_strike",
    article: str | None = None,
    extra: tuple[str, ...] = (),
) -> ReportInfo:
    places = {place_ref(place), *(place_ref(p) for p in extra)}
    chain = {place_ref(q) for p in (place, *extra) for q in CHAINS[p]}
    first, last = (day.replace(day=1), day.replace(day=30)) if month else (day, day)
    return ReportInfo(
        iri=f"https://w3id.org/kb/id/report/{n}/0",
        article=article or n,
        type=type_,
        top="killing" if type_ == "killing" else "air_or_drone_strike",
        earliest=first,
        latest=last,
        precision="month" if month else "day",
        basis="relative",
        published=last + dt.timedelta(days=20 if month else 1),
        unidentified_agent=True,
        places=frozenset(places),
        place_chain=frozenset(chain),
        specific_places=frozenset(p for p in places if not p.endswith(("99237", "163843"))),
        labels={"level:" + place_ref(p): LEVELS.get(p, "border") for p in (place, *extra)},
    )


def test_a_strike_on_the_border_and_one_near_the_border_town_are_one() -> None:
    border, town = _report("border", IQ_SY), _report("town", QAIM)
    assert border_meets(border, town) == {place_ref(IQ_SY)}
    assert same_incident(border, town) and same_incident(town, border)
    # The border is a specific place the two share (no town bonus: it is not a town).
    assert evidence(border, town) == 3
    assert same_incident(_report("side", IQ_SY), _report("kamal", ALBU_KAMAL))
    # "the border" of Iraq, the other side unnamed, meets every Iraqi border town.
    assert same_incident(_report("the-border", IQ_ONLY), town)


@pytest.mark.parametrize(
    ("place", "why"),
    [(RAMADI, "far inland"), (ZAKHO, "near the border with Turkey"), (ANBAR, "a province")],
)
def test_a_border_strike_does_not_join_a_place_away_from_that_border(place, why) -> None:
    border, other = _report("border", IQ_SY), _report("other", place)
    assert not border_meets(border, other), why
    assert not same_incident(border, other), why
    assert (0, 1) not in candidate_pairs(sorted([border, other], key=lambda r: r.iri)) or (
        place == ANBAR
    )


def test_a_border_with_its_neighbour_named_outweighs_the_bare_border() -> None:
    # "Patrols on the border ... the Iraq-Syria border": not the one with Turkey.
    both = _report("both", IQ_SY, extra=(IQ_ONLY,))
    assert not same_incident(both, _report("zakho", ZAKHO))
    assert same_incident(both, _report("town", QAIM))
    assert same_incident(_report("bare", IQ_ONLY), _report("zakho", ZAKHO))


def test_components_group_border_and_town_in_any_order() -> None:
    reports = [
        _report("a-border", IQ_SY),
        _report("b-town", QAIM),
        _report("c-inland", RAMADI),
        _report("d-zakho", ZAKHO),
    ]
    expected = [["a-border", "b-town"], ["c-inland"], ["d-zakho"]]
    for order in itertools.permutations(reports):
        got = [[r.iri.split("/")[-2] for r in g] for g in components(list(order))]
        assert got == expected


def test_a_month_reference_at_the_border_means_the_strike_near_it() -> None:
    strike = _report("strike", QAIM)
    ref = _report("ref", IQ_SY, month=True, day=dt.date(2025, 6, 15))
    assert not same_incident(strike, ref)
    assert backref_compatible(ref, strike)
    groups = [[r.iri.split("/")[-2] for r in g] for g in components([ref, strike])]
    assert groups == [["ref", "strike"]]
    # ... and a reference to the border town means the strike dated at the border.
    town_ref = _report("town-ref", QAIM, month=True, day=dt.date(2025, 6, 15))
    on_border = _report("on-border", IQ_SY)
    groups = [[r.iri.split("/")[-2] for r in g] for g in components([town_ref, on_border])]
    assert groups == [["on-border", "town-ref"]]
    # A strike inland is a second incident only for a reference it is compatible with.
    inland = _report("inland", RAMADI)
    assert not backref_compatible(ref, inland)
    groups = [[r.iri.split("/")[-2] for r in g] for g in components([ref, strike, inland])]
    assert groups == [["inland"], ["ref", "strike"]]


# -- through the store: one run, several runs, any order -------------------------------

TEXTS = {
    "border": (
        "2025-06-04",
        "A drone strike on a truck on the Iraq-Syria border killed two Islamic State "
        "fighters on Tuesday, a security source said.",
    ),
    "town": (
        "2025-06-04",
        "A drone strike hit a truck near al-Qaim in western Iraq on Tuesday, killing two "
        "suspected Islamic State militants, police said.",
    ),
    "inland": (
        "2025-06-04",
        "A drone strike hit a truck in Ramadi on Tuesday, killing two Islamic State "
        "militants, police said.",
    ),
    "zakho": (
        "2025-06-04",
        "A drone strike hit a truck near Zakho in northern Iraq on Tuesday, killing two "
        "Islamic State militants, police said.",
    ),
    "ref": (
        "2025-07-20",
        "Iraqi border guards have added patrols since a drone strike on the Iraq-Syria "
        "border in June killed two militants.",
    ),
}


def _articles(names) -> list[Article]:
    return [
        Article(
            id=name,
            text=TEXTS[name][1],
            title=TEXTS[name][1][:30],
            published=dt.date.fromisoformat(TEXTS[name][0]),
            outlet=name,
        )
        for name in names
    ]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


EXPECTED = [["border", "ref", "town"], ["inland"], ["zakho"]]


def test_one_run_several_runs_and_every_order_agree(tmp_path, monkeypatch, extractor) -> None:
    names = list(TEXTS)
    with open_store(str(tmp_path / "once")) as st:
        ingest_articles(st, _articles(names), extractor=extractor)
        assert incident_groups(st) == EXPECTED
    monkeypatch.setattr(ingest_module, "BATCH", 1)
    orders = list(itertools.permutations(names))
    for n, order in enumerate(orders[:: len(orders) // 6]):
        with open_store(str(tmp_path / f"run{n}")) as st:
            for name in order:  # one run per article: the store holds the rest
                ingest_articles(st, _articles([name]), extractor=extractor)
            assert incident_groups(st) == EXPECTED, order


def test_the_border_report_finds_the_stored_town_report_and_back(tmp_path, extractor) -> None:
    for first, second in (("town", "border"), ("border", "town")):
        with open_store(str(tmp_path / first)) as st:
            ingest_articles(st, _articles([first, "inland"]), extractor=extractor)
            assert incident_groups(st) == sorted([[first], ["inland"]])
            ingest_articles(st, _articles([second]), extractor=extractor)
            assert incident_groups(st) == [["border", "town"], ["inland"]]
            # Re-ingesting is idempotent.
            ingest_articles(st, _articles([first]), extractor=extractor)
            assert incident_groups(st) == [["border", "town"], ["inland"]]
