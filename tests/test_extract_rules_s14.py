"""Extraction rules of session 14 (from the error analysis of held-out corpus 10).

Each test uses sentences of its own, in the shapes of plain wire copy: a group's claim
replacing the "gunmen" it names as its own, an attack blamed on a side with ", the latest
in a series of ..." after it, a denial that the group "was behind" an attack (a denial,
not the act negated), "two of the wounded died" (the act's toll, not a new killing), a
toll that "rose to" a number far from the word "toll", an undated sentence describing the
act of the lede closer (one event), "seized ... and arrested" (the arrest survives the
seizure of goods), and a second act told with "also" (the first act's day and doer).
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.pipeline import Extractor
from kb.model import Article

PUB = dt.date(2026, 6, 10)  # a Wednesday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = PUB):
    return ex.extract(Article(id="s14", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


def _agent_names(ev) -> set[str]:
    return {a.name for a in ev.agents}


# --- a claim names the doer instead of the unknown men ---------------------------------


def test_claimant_replaces_the_unidentified_doers(ex: Extractor) -> None:
    text = (
        "Gunmen stormed a police post in the town of Tank on Monday night, killing two "
        "officers, officials said. The Pakistani Taliban claimed responsibility for the attack."
    )
    (attack,) = _of(_events(ex, text), "attack")
    assert attack.agents, attack
    assert not any(a.unidentified for a in attack.agents)
    assert any("Taliban" in a.name for a in attack.agents)


def test_without_a_claim_the_doers_stay_unknown(ex: Extractor) -> None:
    text = "Gunmen stormed a police post in the town of Tank on Monday night, officials said."
    (attack,) = _of(_events(ex, text), "attack")
    assert all(a.unidentified for a in attack.agents)


# --- ", the latest in a series of ..." does not make the sentence a pattern ------------


def test_blame_followed_by_latest_in_a_series_is_kept(ex: Extractor) -> None:
    text = (
        "Drones hit a power station in the city of Sennar early on Tuesday, residents said. "
        "The army blamed the Rapid Support Forces for the attack, the latest in a series of "
        "long-range strikes on the region."
    )
    events = _events(ex, text)
    (blame,) = [e for e in events if e.type == "accusation"]
    assert "Rapid Support Forces" in {a.name for a in blame.targets}
    (strike,) = _of(events, "air_or_drone_strike")
    assert "Rapid Support Forces" in _agent_names(strike)


def test_a_series_alone_is_still_a_pattern(ex: Extractor) -> None:
    text = "The army has blamed the rebels for a series of attacks on convoys."
    assert not [e for e in _events(ex, text) if e.type == "accusation"]


# --- "denied the group was behind the attack" is a denial ----------------------------


@pytest.mark.parametrize(
    "denial",
    [
        "An Ansaru spokesman denied the group was behind the attack.",
        "Ansaru denied that it was responsible for the bombing.",
    ],
)
def test_denied_involvement_is_a_denial(ex: Extractor, denial: str) -> None:
    text = "A bomb exploded at a bus station in Kaduna on Monday, police said. " + denial
    events = _events(ex, text)
    assert [e for e in events if e.type == "denial"]
    assert not [e for e in events if e.negated]


def test_denied_carrying_out_an_act_is_still_the_act_negated(ex: Extractor) -> None:
    text = "Ansaru denied carrying out the bombing in Kaduna on Monday."
    events = _events(ex, text)
    assert any(e.negated and e.type != "denial" for e in events)


# --- the act's wounded dying later is its toll ---------------------------------------


@pytest.mark.parametrize(
    "later",
    [
        "Three of the wounded villagers died in hospital overnight, a nurse in Bunia said.",
        "A fourth man died of his wounds on Tuesday, the hospital said.",
    ],
)
def test_wounded_dying_later_is_no_new_killing(ex: Extractor, later: str) -> None:
    text = "Militiamen attacked a village in Djugu territory on Sunday, killing five people. "
    events = _events(ex, text + later)
    assert len(events) == 1, events
    assert _of(events, "attack")


def test_a_new_killing_on_another_day_stays(ex: Extractor) -> None:
    text = (
        "Militiamen attacked a village in Djugu territory on Sunday, killing five people. "
        "On Tuesday, gunmen shot dead a trader in Bunia."
    )
    assert len(_events(ex, text)) == 2


# --- a toll that rose, told far from the word "toll" ----------------------------------


def test_toll_rose_to_far_from_the_word(ex: Extractor) -> None:
    text = (
        "The death toll from Sunday's suicide bombing at the crowded vegetable market in "
        "the centre of Maiduguri rose to 17 on Monday, a hospital official said."
    )
    (bombing,) = _of(_events(ex, text), "attack")
    assert bombing.quantities.get("killed") == 17


# --- an undated sentence that tells the lede's act closer ---------------------------


def test_undated_detail_of_the_lede_is_the_same_event(ex: Extractor) -> None:
    text = (
        "A military air strike killed nine villagers in the Magway region on Saturday, "
        "residents said.\n\n"
        "A jet dropped two bombs on the village of Myay Ni in Pauk township as people "
        "gathered at the market, a resident said."
    )
    strikes = _of(_events(ex, text), "air_or_drone_strike")
    assert len(strikes) == 1, strikes
    assert len(strikes[0].all_mentions) == 2


def test_a_strike_in_another_region_stays_apart(ex: Extractor) -> None:
    text = (
        "A military air strike killed nine villagers in the Magway region on Saturday, "
        "residents said.\n\n"
        "A jet dropped two bombs on the village of Kyun Taw in Sagaing region as people "
        "gathered at the market, a resident said."
    )
    assert len(_of(_events(ex, text), "air_or_drone_strike")) == 2


# --- the arrest told beside a seizure of goods ---------------------------------------


def test_seized_goods_and_arrested_keeps_the_arrest(ex: Extractor) -> None:
    text = (
        "On Monday, troops seized 200 kg of cannabis and arrested three FARC dissidents in a "
        "raid in the municipality of Suarez, the army said."
    )
    (arrest,) = _of(_events(ex, text), "arrest")
    assert arrest.quantities.get("arrested") == 3
    assert arrest.date.value == "2026-06-08"


def test_seized_goods_alone_is_no_event(ex: Extractor) -> None:
    assert not _events(ex, "Police seized 30 rifles in the raid, a spokesman said.")


# --- "also": the act before lends its day and its doer ------------------------------


def test_also_act_takes_the_day_and_doer_before_it(ex: Extractor) -> None:
    text = (
        "On Monday morning, Russian artillery shelled the town of Nikopol, wounding two "
        "civilians, the governor said. A guided bomb also hit a school in the village of "
        "Marhanets, damaging the roof."
    )
    events = _of(_events(ex, text), "air_or_drone_strike") + _of(_events(ex, text), "attack")
    second = max(events, key=lambda e: e.mention.start)
    assert second.date.value == "2026-06-08"
    assert any("Russia" in a.name for a in second.agents)


def test_without_also_an_undated_act_stays_undated(ex: Extractor) -> None:
    text = (
        "On Monday morning, Russian artillery shelled the town of Nikopol, wounding two "
        "civilians, the governor said.\n\n"
        "A guided bomb hit a school in the village of Marhanets in the spring, locals recall."
    )
    events = _of(_events(ex, text), "air_or_drone_strike") + _of(_events(ex, text), "attack")
    second = max(events, key=lambda e: e.mention.start)
    assert second.date.value != "2026-06-08"


# --- "eastern Congo" in a DR Congo story is not the Republic of Congo -----------------


def test_plain_congo_beside_dr_congo_places_is_dropped(ex: Extractor) -> None:
    from kb.extract.pipeline import _one_congo
    from kb.gazetteer import Gazetteer

    text = (
        "CODECO militiamen attacked a camp for displaced people near Bunia in Ituri "
        "province on Monday, killing six people, local officials said."
    )
    (attack,) = _of(_events(ex, text), "attack")
    # what a plain "eastern Congo" elsewhere in the story adds: the Republic of Congo
    attack.places.append(Gazetteer.default().lookup("Congo"))
    assert "CG" in {p.country for p in attack.places}
    (attack,) = _one_congo([attack])
    countries = {p.country for p in attack.places}
    assert "CD" in countries
    assert "CG" not in countries


def test_republic_of_congo_alone_stays(ex: Extractor) -> None:
    text = "Gunmen attacked a police post in Pointe-Noire, Republic of Congo, on Monday."
    (attack,) = _of(_events(ex, text), "attack")
    assert "CG" in {p.country for p in attack.places}


# --- a "without" phrase names what is lacking, not an act ---------------------------


def test_without_phrase_is_no_event(ex: Extractor) -> None:
    text = (
        "Without shared intelligence and joint patrols, each army is fighting only the part "
        "of the war that happens to fall on its side of a frontier the insurgents do not "
        "recognise."
    )
    assert not _events(ex, text)


def test_joint_patrols_told_as_news_stay(ex: Extractor) -> None:
    text = "Nigerien and Chadian troops began joint patrols on Lake Chad on Monday."
    assert [e for e in _events(ex, text) if e.type == "security_coordination"]


# --- "agreed" as an adjective in a list --------------------------------------------


def test_agreed_as_an_adjective_in_a_list_is_no_agreement(ex: Extractor) -> None:
    text = (
        "What would help is simple: armed escorts for herders, agreed grazing routes and "
        "a hotline between the two communities, elders say."
    )
    assert not [e for e in _events(ex, text) if e.type == "agreement"]


def test_agreed_after_a_clause_is_still_an_agreement(ex: Extractor) -> None:
    text = "The army and the rebels, after two days of talks, agreed to a ceasefire on Monday."
    assert [e for e in _events(ex, text) if e.type == "agreement"]


# --- an aid agency's or UN body's warning is a statement, not a threat ---------------


def test_un_agency_warning_is_a_statement(ex: Extractor) -> None:
    text = "The World Food Programme warned on Monday that two districts of Darfur face famine."
    (ev,) = _events(ex, text)
    assert ev.type == "statement"


def test_armed_group_warning_is_still_a_threat(ex: Extractor) -> None:
    text = "Al-Shabaab warned on Monday that it would attack any convoy using the road."
    assert [e for e in _events(ex, text) if e.type == "threat"]
