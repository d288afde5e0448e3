"""Extraction rules written from the bundled examples (session 10).

Each test uses sentences of its own, in the news styles the rules are for: partners an
act was done with ("in coordination with", "backed by"), what a security deal is about,
a search launched after an attack, how cooperation stands, and a side denying that its
fighters killed anyone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.pipeline import Extractor
from kb.model import Article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = dt.date(2026, 11, 24)):
    return ex.extract(Article(id="s10", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


def _ids(refs) -> set[str]:
    return {a.id for a in refs}


def _role(ev, actor_id: str) -> str | None:
    return next((a.role for a in ev.actors if a.id == actor_id), None)


# --- partners of an act are on the doer's side, never its targets ---------------------


def test_coordination_partner_of_an_arrest_is_not_arrested(ex: Extractor) -> None:
    events = _events(
        ex,
        "Jordan's interior ministry said on Sunday its forces had detained three "
        "al-Shabaab suspects in the town of Mafraq in coordination with Iraqi intelligence.",
    )
    arrests = _of(events, "arrest")
    assert len(arrests) == 1, events
    ev = arrests[0]
    assert "al-shabaab" in _ids(ev.targets)
    assert "iraqi-national-intelligence-service" not in _ids(ev.targets)
    assert _role(ev, "iraqi-national-intelligence-service") in ("agent", "participant")


def test_backed_by_partner_is_a_co_agent_not_the_doer(ex: Extractor) -> None:
    events = _events(
        ex,
        "The Nigerian army, backed by Chadian troops, killed 12 Boko Haram fighters near "
        "Monguno on Friday.",
    )
    assert events, events
    ev = events[0]
    # the subject stays the doer; the force backing it acted with it
    assert "nigerian-army" in _ids(ev.agents), ev.actors
    assert "x-chadian-military" in _ids(ev.agents), ev.actors
    assert "x-chadian-military" not in _ids(ev.targets)


def test_support_of_a_coalition_leaves_the_subject_as_doer(ex: Extractor) -> None:
    events = _events(
        ex,
        "Iraqi forces, with the support of the US-led coalition, arrested three Islamic "
        "State suspects in Anbar on Monday.",
    )
    ev = _of(events, "arrest")[0]
    assert "iraqi-security-forces" in _ids(ev.agents), ev.actors
    assert _role(ev, "global-coalition-against-daesh") == "participant"
    assert _ids(ev.targets) == {"islamic-state"}


def test_jointly_with_partner_after_the_object_is_an_agent(ex: Extractor) -> None:
    events = _events(
        ex,
        "Kenyan troops arrested four al-Shabaab suspects near Mandera, working jointly "
        "with Somali forces.",
    )
    ev = _of(events, "arrest")[0]
    assert _ids(ev.agents) >= {"kenya-defence-forces", "somali-national-army"}
    assert _ids(ev.targets) == {"al-shabaab"}


def test_people_held_together_with_a_suspect_are_not_partners(ex: Extractor) -> None:
    events = _events(
        ex,
        "Police arrested an Islamic State emir together with two al-Shabaab recruiters "
        "in Mosul on Monday.",
    )
    ev = _of(events, "arrest")[0]
    # ("together with" joins people held, unless a force or government follows it)
    assert "al-shabaab" not in _ids(ev.agents), ev.actors


def test_partner_in_a_description_is_not_the_doer(ex: Extractor) -> None:
    events = _events(
        ex,
        "Hunters of the Civilian JTF, a vigilante force that fights alongside the "
        "Nigerian army, arrested two suspected informants in Bama on Sunday.",
    )
    ev = _of(events, "arrest")[0]
    assert "nigerian-army" not in _ids(ev.agents), ev.actors


# --- what a cooperation is about is not a party to it ----------------------------------


def test_deal_signed_with_intelligence_sharing_to_come(ex: Extractor) -> None:
    events = _events(
        ex,
        "Jordan and Iraq signed a border security agreement in Amman on Tuesday under "
        "which they will share intelligence on al-Qaeda cells.",
    )
    deals = _of(events, "cooperation_or_agreement")
    assert len(deals) == 1, events
    ev = deals[0]
    assert _ids(ev.agents) == {"jordanian-government", "iraqi-government"}, ev.actors
    assert "al-qaeda" not in _ids(ev.agents)
    assert ev.date.value == "2026-11-24"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lebanon and Syria agreed on Monday to coordinate against Hezbollah smuggling "
        "networks along their border.",
        "Lebanon and Syria agreed on Monday to share intelligence on Hezbollah and "
        "Islamic State cells along their border.",
        "Lebanon and Syria agreed on Monday to step up cooperation to counter Hezbollah "
        "smuggling networks.",
    ],
)
def test_subject_of_a_cooperation_is_not_a_partner(ex: Extractor, sentence: str) -> None:
    events = _events(ex, sentence)
    deals = _of(events, "cooperation_or_agreement")
    assert deals, events
    agents = _ids(deals[0].agents)
    assert {"lebanese-government", "syrian-government"} <= agents
    assert "hezbollah" not in agents and "islamic-state" not in agents


def test_partner_named_after_with_stays_a_party(ex: Extractor) -> None:
    events = _events(
        ex,
        "Kenya agreed on Monday to step up cooperation with the Ugandan army against al-Shabaab.",
    )
    deals = _of(events, "cooperation_or_agreement")
    assert deals, events
    agents = _ids(deals[0].agents)
    assert "al-shabaab" not in agents
    assert "x-uganda-military" in agents, deals[0].actors


# --- a search launched after an attack is not a fight --------------------------------


def test_search_operation_after_an_attack_is_no_clash(ex: Extractor) -> None:
    events = _events(
        ex,
        "Gunmen attacked a police post near Garissa on Sunday, killing two officers. The "
        "police confirmed the attack in a statement on Monday and said they had launched "
        "a search operation.",
    )
    assert not _of(events, "armed_clash"), events
    assert len(_of(events, "attack")) == 1, events


@pytest.mark.parametrize("kind", ["search", "combing", "clearance", "cordon and search"])
def test_search_operation_alone_is_no_event(ex: Extractor, kind: str) -> None:
    events = _events(
        ex,
        f"Troops and police launched a {kind} operation in the forests of Boni on "
        "Tuesday, the county commissioner said.",
    )
    assert not _of(events, "armed_clash"), events


def test_search_operation_that_killed_is_a_clash(ex: Extractor) -> None:
    events = _events(
        ex,
        "Soldiers killed four al-Shabaab fighters during a combing operation near "
        "Garissa on Sunday.",
    )
    clashes = _of(events, "armed_clash")
    assert clashes, events
    assert "al-shabaab" in _ids(clashes[0].actors)


# --- how cooperation stands is not a coordination event --------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        "cooperation with the new authorities in Tripoli has so far been better than expected",
        "security coordination with Niamey remains limited",
        "intelligence sharing with Kabul is still poor",
    ],
)
def test_standing_cooperation_is_no_event(ex: Extractor, tail: str) -> None:
    events = _events(
        ex,
        "The collapse of the former Libyan unity government in January deepened those fears, "
        f"although officials say {tail}.",
    )
    assert not _of(events, "cooperation_or_agreement"), events


def test_cooperation_act_is_still_an_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "Kenyan police said on Monday they had cooperated with Somali intelligence to "
        "track down the cell.",
    )
    assert _of(events, "cooperation_or_agreement"), events


# --- a denial that one's fighters killed anyone -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The RSF denied that its fighters had killed civilians in El Fasher.",
        "An ADF statement denied the rebels had killed the traders near Beni.",
    ],
)
def test_denied_killing_is_a_negated_killing(ex: Extractor, sentence: str) -> None:
    events = _events(ex, sentence)
    assert len(events) == 1, events
    ev = events[0]
    assert ev.type != "denial" and ev.negated, ev
    assert "civilians" in _ids(ev.targets)


def test_denial_with_a_reason_keeps_the_speaker_side_as_doer(ex: Extractor) -> None:
    events = _events(
        ex,
        "Fighters of the M23 killed six farmers near Rutshuru on Sunday, local officials "
        "said. An M23 spokesman denied the rebels had killed anyone, saying the group had "
        "repelled an attack by Wazalendo militiamen.",
    )
    denied = [e for e in events if e.negated]
    assert len(denied) == 1, events
    assert _ids(denied[0].agents) == {"m23"}, denied[0].actors
    # the attack named in the speaker's reason is their account, not a new event
    assert not [e for e in events if "wazalendo" in _ids(e.agents)], events


def test_denied_involvement_stays_a_denial(ex: Extractor) -> None:
    events = _events(
        ex,
        "The RSF denied any involvement in the killing of the aid workers near Nyala.",
    )
    assert [e for e in events if e.type == "denial"], events


# --- "dd/mm" row labels of an NGO incident table ----------------------------------------

_TABLE = (
    "Security incidents, Tahoua region, week 46\n\n"
    "1.1 - 09/11 - Tillia department. Armed men on motorcycles attacked a convoy of "
    "traders near Tillia, killing five people.\n"
    "1.2 - 11/11 - Konni department. Unknown gunmen abducted a teacher from his home in "
    "Konni at night.\n"
)


def test_table_row_label_dates_its_events(ex: Extractor) -> None:
    events = _events(ex, _TABLE, published=dt.date(2026, 11, 16))
    by_type = {e.type: e for e in events}
    assert by_type["abduction"].date.value == "2026-11-11", events
    attacks = _of(events, "attack")
    assert attacks and attacks[0].date.value == "2026-11-09", events


def test_table_row_label_after_new_year_is_last_year(ex: Extractor) -> None:
    text = "Incident log\n\n3 - 28/12 - Diffa. Gunmen abducted two herders near Bosso.\n"
    events = _events(ex, text, published=dt.date(2027, 1, 4))
    assert [e.date.value for e in events] == ["2026-12-28"], events


def test_slash_date_far_from_publication_is_not_taken(ex: Extractor) -> None:
    # month first, or not a date at all: it would lie after publication or months back
    text = "Incident log\n\n3 - 11/12 - Diffa. Gunmen abducted two herders near Bosso.\n"
    events = _events(ex, text, published=dt.date(2026, 11, 16))
    assert events and all(e.date.value != "2026-12-11" for e in events), events
    assert all(e.date.value != "2025-12-11" for e in events), events


# --- terms of a deal and a fighter's past are not events ---------------------------------


def test_terms_of_a_deal_are_not_a_coordination(ex: Extractor) -> None:
    events = _events(
        ex,
        "The accord provides for regular meetings of border commanders and joint patrols "
        "along the Kenya-Somalia border, the ministry said.",
    )
    assert not _of(events, "cooperation_or_agreement"), events


def test_patrols_begun_are_still_a_coordination(ex: Extractor) -> None:
    events = _events(ex, "Kenyan and Somali troops began joint patrols along the border on Monday.")
    assert _of(events, "cooperation_or_agreement"), events


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the emir had fought with al-Shabaab in Somalia before joining the "
        "Islamic State.",
        "Officials said the emir had fought alongside the Taliban in Helmand for years.",
    ],
)
def test_a_fighters_past_side_is_no_clash(ex: Extractor, sentence: str) -> None:
    assert not _of(_events(ex, sentence), "armed_clash")


def test_fought_with_an_enemy_is_a_clash(ex: Extractor) -> None:
    events = _events(ex, "The army fought with al-Shabaab fighters near Afgoye on Monday.")
    assert _of(events, "armed_clash"), events


# --- the weapon an act was done with ------------------------------------------------------


@pytest.mark.parametrize("verb", ["attacked", "struck", "allegedly hit"])
def test_doer_and_target_stand_around_the_verb_not_the_weapon(ex: Extractor, verb: str) -> None:
    events = _events(
        ex,
        f"Militants {verb} an army patrol with a roadside bomb on Tuesday evening near "
        "Rutba, in Iraq's Anbar province.",
        published=dt.date(2026, 11, 26),
    )
    assert len(events) == 1, events
    ev = events[0]
    assert "iraqi-security-forces" in _ids(ev.targets), ev.actors
    assert "iraqi-security-forces" not in _ids(ev.agents), ev.actors


# --- where smuggled goods came from is not where the act was ------------------------------


def test_country_goods_came_from_is_not_the_place_of_an_arrest(ex: Extractor) -> None:
    events = _events(
        ex,
        "Iraqi troops reinforced the border in Anbar last week. Border guards arrested "
        "three smugglers on Sunday as they tried to bring fuel across from Jordan, an "
        "officer said.",
    )
    arrests = _of(events, "arrest")
    assert arrests, events
    assert "Jordan" not in {p.name for p in arrests[0].places}, arrests[0].places
    assert not [a for a in arrests[0].agents if a.country == "JO"], arrests[0].actors


def test_negation_inside_a_relative_clause_is_not_the_acts(ex: Extractor) -> None:
    events = _events(
        ex,
        "A drone, whose origin was not known, hit a car near al-Qaim on Monday, killing two men.",
    )
    strikes = _of(events, "air_or_drone_strike")
    assert strikes and not strikes[0].negated, events


# --- a deal an act was done under, and who informed the doer ------------------------------


def test_strike_under_a_deal_told_before_is_one_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "Iraqi jets killed an Islamic State leader in Anbar on Monday, acting on "
        "information shared by Syria under the security agreement the two countries "
        "signed in May.",
    )
    assert not _of(events, "cooperation_or_agreement"), events
    strikes = _of(events, "air_or_drone_strike")
    assert len(strikes) == 1, events
    assert _ids(strikes[0].agents) == {"iraqi-security-forces"}, strikes[0].actors
    assert not {"syrian-government", "syrian-army"} & _ids(strikes[0].targets)


def test_signing_a_deal_is_still_an_agreement(ex: Extractor) -> None:
    events = _events(ex, "Iraq and Syria signed a security agreement in Baghdad on Monday.")
    assert _of(events, "cooperation_or_agreement"), events


def test_neighbours_frontier_alone_does_not_make_the_army_foreign(ex: Extractor) -> None:
    events = _events(
        ex,
        "Gunmen killed a shepherd near Rutba in Iraq's Anbar province on Monday. Militants "
        "ambushed an army patrol on Tuesday evening near the Jordanian frontier.",
    )
    attacks = _of(events, "attack")
    assert attacks, events
    assert "iraqi-security-forces" in _ids(attacks[-1].targets), attacks[-1].actors


# --- "since last month, when ..." -----------------------------------------------------------


def test_act_in_a_since_when_clause_is_reported(ex: Extractor) -> None:
    events = _events(
        ex,
        "Schools in Djibo have been closed since October, when jihadists attacked the main market.",
    )
    attacks = _of(events, "attack")
    assert len(attacks) == 1, events
    assert attacks[0].date.value == "2026-10", attacks[0].date


def test_killing_in_a_since_when_clause_is_not_the_trend_before(ex: Extractor) -> None:
    events = _events(
        ex,
        "The Far North region has seen a rise in attacks since last month, when jihadists "
        "killed nine herders near Mora.",
    )
    assert len(events) == 1, events
    assert top_is(events[0], "killing") and events[0].date.value == "2026-10", events


def test_trend_since_a_month_is_still_no_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "It was the kind of attack that has become routine in central Mali since "
        "September, when the group declared a blockade.",
    )
    assert not _of(events, "attack"), events


def top_is(ev, top: str) -> bool:
    from kb.eventtypes import top_key

    return top_key(ev.type) == top


def test_unnamed_partner_beside_a_named_group_leaves_the_group_as_doer(ex: Extractor) -> None:
    events = _events(
        ex,
        "JNIM fighters, alongside Ansarul Islam militants, attacked an army base near "
        "Djibo on Sunday.",
    )
    attacks = _of(events, "attack")
    assert attacks, events
    assert _ids(attacks[0].agents) == {"jnim"}, attacks[0].actors
