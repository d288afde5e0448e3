"""Extraction rules of session 12 (from the error analysis of held-out corpus 8).

Each test uses sentences of its own: numeric day-first dates in police releases
("on 04.03.2026"), a slash night ("the night of 8/9 March"), an agency dateline with the
city in title case, the day or year of a date read as a count, weapons seized or defused
(no bombing), a pattern of attacks ("under repeated attack since"), an act demanded in the
subjunctive, road barricades of burning tyres, armed men called "armed civilians", people
"also kidnapped" besides those killed, aircraft "carried out strikes", a weapon after "the"
("The drone hit a car"), military wording for a firefight ("made contact with militants",
"foiled an infiltration bid"), a public appeal ("invites the population to"), "The
Commission calls on" after the body's full name, bodies found, troops sent and arriving,
counts told in other words, a toll over months, "junta" or "regime" before a weapon, a
possessive day in what a speaker speaks of, an attack told with its doer, and armed groups
new to the registry.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.dates import find_dates
from kb.extract.pipeline import Extractor
from kb.model import Article

PUB = dt.date(2026, 3, 12)  # a Thursday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = PUB):
    return ex.extract(Article(id="s12", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


def _agent_names(ev) -> set[str]:
    return {a.name for a in ev.agents}


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On 04.03.2026 at about 2200 hours, gunmen fired", "2026-03-04"),
        ("an FIR dated 28/02/2026 was registered", "2026-02-28"),
    ],
)
def test_day_first_numeric_dates(text: str, value: str) -> None:
    found = find_dates(text, PUB)
    assert [(d.value, d.precision) for _, _, d in found] == [(value, "day")]


def test_a_slash_date_that_could_be_month_first_is_left_alone() -> None:
    assert find_dates("on 03/04/2026", PUB) == []


def test_version_numbers_are_no_dates() -> None:
    assert find_dates("firmware 2.1.2026.7 was installed", PUB) == []


def test_police_release_dates_its_act(ex: Extractor) -> None:
    text = "On 04.03.2026 at about 2200 hours, militants attacked a police checkpoint in Tank."
    attacks = _of(_events(ex, text), "attack")
    assert attacks and attacks[0].date.value == "2026-03-04"


def test_a_slash_night_is_dated_by_its_morning() -> None:
    found = find_dates("during the intervening night of 8/9 March 2026", PUB)
    assert [(d.value, d.precision) for _, _, d in found] == [("2026-03-09", "day")]


def test_title_case_agency_dateline_is_the_filing_date_not_the_acts(ex: Extractor) -> None:
    text = (
        "Tahoua, 12 Mar. 2026 (ANP) - Gunmen killed three herders near Tillia on Monday, "
        "local officials said."
    )
    events = _events(ex, text)
    assert events and all(e.date.value == "2026-03-09" for e in events), events


# --- counts --------------------------------------------------------------------------


def test_the_year_of_a_dateline_is_no_toll(ex: Extractor) -> None:
    text = "Kaya, 11 Mar. 2026 (ABP) - Six soldiers were killed on Tuesday in Barsalogho."
    kills = _of(_events(ex, text), "killing")
    assert kills and kills[0].quantities.get("killed") == 6, kills


def test_the_day_of_a_date_is_no_count(ex: Extractor) -> None:
    text = "The rebels said on 10 March they had captured an army post near Pauktaw."
    for ev in _events(ex, text):
        assert ev.quantities.get("arrested") != 10, ev


def test_victims_owned_by_a_three_word_force_are_counted(ex: Extractor) -> None:
    text = (
        "Three soldiers of the Joint Border Force were killed on Tuesday when militants "
        "ambushed their patrol near Zhob."
    )
    attacks = _events(ex, text)
    assert any(e.quantities.get("killed") == 3 for e in attacks), attacks


def test_a_toll_over_months_is_no_report_of_the_act(ex: Extractor) -> None:
    text = (
        "Political violence killed more than 900 people in the country in the first six "
        "months of the year, a monitoring group says."
    )
    assert _events(ex, text) == []


# --- no event ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two men in Quetta on Monday and recovered a pistol, three hand "
        "grenades and a suicide jacket from their possession.",
        "Soldiers defused two improvised explosive devices planted on the road to Kidal on Monday.",
        "On Monday, nine fighters surrendered to the army in Marawi, handing over six "
        "rifles and a grenade launcher.",
    ],
)
def test_weapons_taken_or_defused_are_no_bombing(ex: Extractor, text: str) -> None:
    assert _of(_events(ex, text), "attack") == [], text


def test_a_bomb_that_went_off_is_still_a_bombing(ex: Extractor) -> None:
    text = (
        "Police recovered four bodies after a bomb exploded at a bus stop in Mogadishu on Monday."
    )
    assert _of(_events(ex, text), "attack")


@pytest.mark.parametrize(
    "text",
    [
        "The border town has been under repeated attack since the spring as rebels try "
        "to cut the road.",
        "Government troops have repelled repeated rebel attempts to advance on the town "
        "since January.",
    ],
)
def test_a_pattern_of_attacks_is_no_event(ex: Extractor, text: str) -> None:
    assert _events(ex, text) == [], text


def test_an_act_demanded_is_not_reported(ex: Extractor) -> None:
    text = "Villagers marched to the district office on Monday, demanding that the army send more troops."
    events = _events(ex, text)
    assert _of(events, "deployment_or_mobilization") == []
    assert _of(events, "protest")


def test_a_demand_does_not_hide_the_act_told_after_it(ex: Extractor) -> None:
    text = "Residents demanded that the army withdraw after soldiers shot dead two men in Gao on Monday."
    assert _of(_events(ex, text), "killing")


def test_burning_tyres_on_a_road_are_a_protest(ex: Extractor) -> None:
    text = "On Monday, angry traders blocked the main road into Goma with burning tyres."
    assert _of(_events(ex, text), "protest")


# --- actors --------------------------------------------------------------------------


def test_armed_civilians_are_an_unidentified_armed_actor(ex: Extractor) -> None:
    text = "Soldiers patrolling near Guasave were attacked by armed civilians on Monday."
    attacks = _of(_events(ex, text), "attack")
    assert attacks
    assert all(a.id != "civilians" for e in attacks for a in e.agents)
    assert any(a.unidentified for e in attacks for a in e.agents)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Suspected Dawlah Islamiyah gunmen ambushed a police patrol in Lanao del Sur on Monday.",
            "Dawlah Islamiyah",
        ),
        (
            "The MILF accused the army on Monday of shelling a village in Maguindanao.",
            "Moro Islamic Liberation Front",
        ),
    ],
)
def test_philippine_armed_groups_are_known(ex: Extractor, text: str, name: str) -> None:
    assert any(name in _agent_names(e) for e in _events(ex, text))


@pytest.mark.parametrize("word", ["junta", "regime"])
def test_junta_before_a_weapon_is_the_countrys_military(ex: Extractor, word: str) -> None:
    text = (
        f"A {word} air strike on a market in Kawlin, Sagaing Region, killed eight people on Monday."
    )
    strikes = _of(_events(ex, text), "air_or_drone_strike")
    assert strikes and strikes[0].agents[0].name == "Myanmar military"


def test_the_junta_alone_is_no_force_acting(ex: Extractor) -> None:
    text = "The junta said on Monday that gunmen had killed six traders near Djibo in Burkina Faso."
    for ev in _of(_events(ex, text), "killing"):
        assert all(a.id != "burkinabe-armed-forces" for a in ev.agents), ev


def test_the_commission_is_the_body_named_in_full_before(ex: Extractor) -> None:
    text = (
        "The Uganda Human Rights Commission said it had received reports of arrests in Kasese.\n\n"
        "The Commission calls on the security agencies to produce all detainees before a court."
    )
    calls = [e for e in _events(ex, text) if e.mention.text.startswith("The Commission")]
    assert calls and "Uganda Human Rights Commission" in _agent_names(calls[0])


def test_a_lone_definite_body_names_nobody(ex: Extractor) -> None:
    text = "The Commission calls on the security agencies to produce all detainees before a court."
    for ev in _events(ex, text):
        assert not any("Commission" in a.name for a in ev.agents), ev


# --- types ---------------------------------------------------------------------------


def test_people_also_kidnapped_are_an_act_of_their_own(ex: Extractor) -> None:
    text = (
        "Gunmen killed four farmers near Bukuru on Monday, residents said. "
        "The attackers also kidnapped three women from a nearby hamlet."
    )
    events = _events(ex, text)
    assert len(events) == 2, events
    assert {e.quantities.get("killed") for e in events} == {4, None}
    assert {e.quantities.get("abducted") for e in events} == {3, None}


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, air force planes dropped bombs on a rebel camp near Kalemie.",
        "In response, the air component of the armed forces carried out several strikes on "
        "the assailants near Arbinda on Monday.",
    ],
)
def test_aircraft_carrying_out_strikes_are_an_air_strike(ex: Extractor, text: str) -> None:
    strikes = _of(_events(ex, text), "air_or_drone_strike")
    assert strikes and strikes[0].type == "airstrike", text


@pytest.mark.parametrize(
    "text",
    [
        "In a separate joint operation, soldiers and police made contact with militants in "
        "the Keran sector of Kupwara on Monday.",
        "On Monday, troops foiled an infiltration bid along the Line of Control in Uri.",
    ],
)
def test_military_wording_for_a_firefight_is_a_clash(ex: Extractor, text: str) -> None:
    events = _events(ex, text)
    assert _of(events, "armed_clash"), text
    assert _of(events, "cooperation_or_agreement") == [], events


def test_a_public_appeal_is_a_statement(ex: Extractor) -> None:
    text = (
        "The national police invites the population of Jacmel to report any suspicious "
        "movement to the nearest station."
    )
    assert _of(_events(ex, text), "statement")


@pytest.mark.parametrize(
    "text",
    [
        "The drone hit a car on the coastal road near Tyre on Monday.",
        "The warplanes bombed a fuel depot in Maarat al-Numan on Monday.",
    ],
)
def test_a_weapon_after_the_is_the_subject_of_its_strike(ex: Extractor, text: str) -> None:
    assert _of(_events(ex, text), "air_or_drone_strike"), text


def test_the_detained_man_is_still_no_new_arrest(ex: Extractor) -> None:
    text = "The detained man appeared before a court in Kano on Monday."
    assert _of(_events(ex, text), "arrest") == []


def test_bodies_found_dumped_are_a_killing(ex: Extractor) -> None:
    text = "Six bodies with gunshot wounds were found dumped near a canal in Celaya on Monday."
    kills = _of(_events(ex, text), "killing")
    assert kills and kills[0].date.value == "2026-03-09"


def test_their_bodies_found_are_no_new_killing(ex: Extractor) -> None:
    text = "Their bodies were found in a ditch on Tuesday by relatives."
    assert _of(_events(ex, text), "killing") == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("On Monday, the army sent a company of soldiers into the hills above Tadjoura.", None),
        (
            "The governor on Monday announced the deployment of additional troops to Kaya.",
            "reinforcement",
        ),
        ("Three additional infantry battalions arrived in Sulu on Monday.", "reinforcement"),
    ],
)
def test_troops_sent_and_arriving(ex: Extractor, text: str, key: str | None) -> None:
    moves = _of(_events(ex, text), "deployment_or_mobilization")
    assert moves, text
    if key:
        assert moves[0].type == key


def test_attacks_to_be_stopped_are_no_event(ex: Extractor) -> None:
    text = "A new checkpoint on the highway, opened on Monday, is unlikely to stop the attacks."
    assert _of(_events(ex, text), "attack") == []


def test_what_a_deal_requires_is_no_agreement(ex: Extractor) -> None:
    text = (
        "The rebels accused the army on Monday of failing to warn the monitors, as the "
        "peace agreement requires."
    )
    assert _of(_events(ex, text), "cooperation_or_agreement") == []


@pytest.mark.parametrize(
    ("text", "key", "count"),
    [
        ("Gunmen beheaded four traders near Palma on Monday.", "killed", 4),
        (
            "Gunmen ambushed a bus near Gao on Monday, and witnesses reported five passengers "
            "and two soldiers killed.",
            "killed",
            7,
        ),
        (
            "On Monday, the ministry announced the deployment of 400 additional police officers "
            "to Kasese.",
            "deployed",
            400,
        ),
        ("Kenya sent an additional 250 troops to Lamu on Monday.", "deployed", 250),
    ],
)
def test_counts_told_in_other_words(ex: Extractor, text: str, key: str, count: int) -> None:
    assert any(e.quantities.get(key) == count for e in _events(ex, text)), text


@pytest.mark.parametrize(
    ("text", "key", "count"),
    [
        (
            "A quadcopter dropped a grenade on a house in Lakki on Monday, wounding her three "
            "daughters.",
            "injured",
            3,
        ),
        (
            "Bandits attacked the market in Gusau on Monday and nine traders sustained varying "
            "degrees of injuries.",
            "injured",
            9,
        ),
    ],
)
def test_injuries_told_with_a_possessive_or_sustained(
    ex: Extractor, text: str, key: str, count: int
) -> None:
    assert any(e.quantities.get(key) == count for e in _events(ex, text)), text


def test_a_breakdown_of_the_dead_is_not_added_to_the_wounded(ex: Extractor) -> None:
    text = (
        "A bomb exploded at a market in Maiduguri on Monday. Eleven people were killed, "
        "among them four children and two guards, and at least 20 others were wounded."
    )
    wounded = {e.quantities.get("injured") for e in _events(ex, text)} - {None}
    assert wounded == {20}, wounded


@pytest.mark.parametrize(
    "text",
    [
        "The African Union condemned Monday's bombing of the market in Baidoa.",
        "The group claimed responsibility for Monday's ambush near Tillaberi.",
    ],
)
def test_a_possessive_day_dates_the_act_spoken_of_not_the_speech(ex: Extractor, text: str) -> None:
    said = _of(_events(ex, text), "statement")
    assert said and all(e.date.value != "2026-03-09" for e in said), said


def test_an_attack_told_with_its_doer_beside_a_deployment_is_news(ex: Extractor) -> None:
    text = (
        "The police informs the public that, following the attack perpetrated on Monday night "
        "by armed bandits of the 400 Mawozo gang against the population of Ganthier, units "
        "were immediately dispatched to the area."
    )
    events = _events(ex, text)
    assert _of(events, "attack") and _of(events, "deployment_or_mobilization"), events


def test_an_act_urged_in_the_present_is_not_reported(ex: Extractor) -> None:
    text = "The council urges the government to deploy more troops to the district."
    assert _of(_events(ex, text), "deployment_or_mobilization") == []


def test_briefing_notes_speak_in_the_first_person(ex: Extractor) -> None:
    text = (
        "BRIEFING NOTES\n\nSpokesperson for the Office: Jane Okoro\nLocation: Geneva\n\n"
        "We are appalled by the shelling of a hospital in Kharkiv on Monday."
    )
    said = _of(_events(ex, text), "statement")
    assert said and said[0].mention.text.startswith("We are appalled")


def test_we_are_appalled_outside_a_speakers_words_is_no_statement(ex: Extractor) -> None:
    text = "We are appalled by the shelling of a hospital in Kharkiv on Monday."
    assert _of(_events(ex, text), "statement") == []


def test_a_headquarters_captured_is_ground_taken_not_an_arrest(ex: Extractor) -> None:
    text = "On Monday the rebels captured the last army battalion headquarters in Paletwa."
    events = _events(ex, text)
    assert _of(events, "arrest") == [] and _of(events, "other"), events


def test_whoever_escorts_the_target_is_not_the_attacker(ex: Extractor) -> None:
    text = (
        "Al-Shabaab fighters ambushed a convoy of aid trucks escorted by Somali troops near "
        "Baidoa on Monday."
    )
    attacks = _of(_events(ex, text), "attack")
    assert attacks and _agent_names(attacks[0]) == {"al-Shabaab"}, attacks
