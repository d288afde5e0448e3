"""Extraction on news it was not tuned on: the held-out corpus and the rules added for it.

``tests/corpus_heldout`` holds 20 articles written in styles the development corpus has
few of (datelines and "said in a statement", attributions at the end of sentences,
explainers, live blogs, local papers, translated state media, military press releases,
casualty ranges, denials, claims, relative dates, two countries, sanctions). The first
test scores the extractor on it and asserts floors a little under what it reached; the
others pin each rule with sentences of our own written the way such copy is.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from kb.evaluate import evaluate
from kb.extract.dates import find_dates
from kb.extract.pipeline import Extractor
from kb.gazetteer import Gazetteer
from kb.model import Article

HELDOUT = Path(__file__).parent / "corpus_heldout"
DAY = dt.date(2025, 8, 22)  # a Friday


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _events(extractor: Extractor, text: str, title: str | None = None, day: dt.date = DAY):
    return extractor.extract(Article(id="t", text=text, title=title, published=day))


def _types(events) -> list[str]:
    return [e.type for e in events]


def _ids(refs) -> list[str]:
    return [r.id for r in refs]


# --- the held-out corpus ----------------------------------------------------------------

#: What the extractor reached on tests/corpus_heldout, less a small margin.
FLOORS = {
    "events_f1": 0.78,
    "agents_f1": 0.76,
    "targets_f1": 0.65,
    "places_f1": 0.71,
    "type": 0.90,
    "date": 0.94,
    "certainty": 0.95,
}


@pytest.fixture(scope="module")
def heldout_report():
    return evaluate(HELDOUT, linking=False)


def test_heldout_corpus_is_well_formed():
    sys.path.insert(0, str(Path(__file__).parent / "corpus"))
    try:
        import check_corpus as cc
    finally:
        sys.path.pop(0)
    saved = cc.ARTICLES, cc.GOLD, cc.INCIDENTS
    cc.ARTICLES, cc.GOLD = HELDOUT / "articles", HELDOUT / "gold"
    cc.INCIDENTS = HELDOUT / "incidents.json"
    try:
        errors, figures = cc.check_corpus()
    finally:
        cc.ARTICLES, cc.GOLD, cc.INCIDENTS = saved
    assert errors == []
    assert figures["articles"] == 20 and figures["events"] >= 100


def test_heldout_scores_stay_above_their_floors(heldout_report):
    r = heldout_report
    got = {
        "events_f1": r.events.f1,
        "agents_f1": r.roles["agents"].f1,
        "targets_f1": r.roles["targets"].f1,
        "places_f1": r.roles["places"].f1,
        "type": r.accuracy["type (exact)"][0] / r.accuracy["type (exact)"][1],
        "date": r.accuracy["date"][0] / r.accuracy["date"][1],
        "certainty": r.accuracy["certainty"][0] / r.accuracy["certainty"][1],
    }
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the floor: {low} (floors {FLOORS})"


def test_every_heldout_gold_file_names_its_article():
    for gold in sorted((HELDOUT / "gold").glob("*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        assert (HELDOUT / "articles" / data["article"]).is_file(), gold.name


# --- places: namesakes far away, longer names, datelines ---------------------------------


def test_a_capitalised_direction_makes_a_longer_unknown_name(gaz):
    # "Northern Samar" is the Philippine province, not Samar in Ukraine.
    found = gaz.find("Rebels ambushed a patrol in Northern Samar on Monday.")
    assert [p.id for _, _, p in found] == ["iso3166-2:PH-NSA"]
    assert gaz.find("a second vessel, the Northern Star, was hit") == []
    assert [p.name for _, _, p in gaz.find("Jets struck targets in northern Syria.")] == ["Syria"]


def test_a_far_away_namesake_is_no_place_when_the_country_is_known(gaz):
    assert gaz.find("In the North East, troops repelled an attack.", ["NG"]) == []
    # without context the reading stands, and a neighbour's town is never far away
    assert [p.country for _, _, p in gaz.find("clashes near Bankilare", ["ML"])] == ["NE"]


def test_a_country_opening_a_longer_name_is_no_place(gaz):
    assert gaz.find("a shooting attack in the Jordan Valley in June") == []
    assert gaz.find("according to the UK Maritime Trade Operations agency") == []
    assert [p.name for _, _, p in gaz.find("Two soldiers were killed in Syria Monday.")] == [
        "Syria"
    ]


def test_a_region_is_not_represented_by_a_longer_namesake_town(gaz):
    [(_, _, place)] = gaz.find("fighting in Antioquia", ["CO"])
    assert (place.name, place.level) == ("Antioquia", "region")


def test_a_local_government_area_qualifies_its_town(gaz):
    [(_, _, place)] = gaz.find("attacks on villages in Bokkos Local Government Area of Plateau")[:1]
    assert place.name == "Bokkos" and place.country == "NG"


def test_the_dateline_country_decides_from_the_first_sentence(extractor):
    assert extractor._dateline_countries("ERBIL, Iraq, Oct 16 (Levant Wire) - A drone") == ["IQ"]
    assert extractor._dateline_countries("CATARMAN, Northern Samar - Two soldiers") == ["PH"]
    assert extractor._dateline_countries("08:05 GMT - Good morning") == []
    # unnamed troops belong to the country the report is filed from
    [ev] = _events(
        extractor,
        "NIAMEY - Troops killed 12 militants in an operation on Thursday, the army said.",
    )
    assert _ids(ev.agents) == ["nigerien-armed-forces"]


def test_an_article_about_one_country_is_read_again_with_it(extractor):
    text = (
        "At least nine soldiers were killed when gunmen stormed the army camp in Boni at dawn "
        "on Saturday, a local official said.\n\nThe attackers, whom residents identified as "
        "fighters of JNIM, set fire to part of the camp near Douentza, the official said."
    )
    places = {
        p.country
        for e in _events(extractor, text, title="Toll from Boni attack rises")
        for p in e.places
    }
    assert "DE" not in places, "Boni is a Malian town, not Bonn"


# --- triggers news uses that the lexicon lacked -------------------------------------------


def test_an_interception_is_the_launchers_drone_attack(extractor):
    [ev] = _events(
        extractor,
        "Air defence systems intercepted and destroyed 41 Ukrainian unmanned aerial vehicles "
        "over the Bryansk region overnight, the Defence Ministry said.",
    )
    assert ev.type == "drone_strike"
    assert _ids(ev.agents) == ["ukrainian-armed-forces"] and ev.targets == []


def test_a_drone_dropping_a_munition_is_one_drone_strike(extractor):
    events = _events(
        extractor,
        "A civilian was wounded when a Ukrainian drone dropped an explosive device on a car "
        "in the town of Shebekino on Monday evening, the governor said.",
    )
    assert _types(events) == ["drone_strike"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Houthis' military spokesman claimed both attacks in televised statements.",
        "The attack on the market was claimed the next day by the Islamic State.",
        "A second group, the Baloch Liberation Front, claimed an attack on a police station.",
    ],
)
def test_claims_with_any_determiner_or_in_the_passive(extractor, sentence):
    assert "claim_of_responsibility" in _types(_events(extractor, sentence))


def test_a_claim_names_the_targets_of_the_act_it_claims(extractor):
    [ev] = _events(
        extractor,
        "The Baloch Liberation Army claimed responsibility on Tuesday for a bomb attack on a "
        "Frontier Corps convoy in Kech district.",
    )
    assert "frontier-corps" in _ids(ev.targets)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said its forces had liberated the settlement of Basivka in the Sumy region.",
        "The Arakan Army said on Sunday it had seized a military base in Ann township.",
        "The United States imposed sanctions on Wednesday on three RSF commanders.",
    ],
)
def test_captures_and_sanctions_are_events(extractor, sentence):
    assert "other" in _types(_events(extractor, sentence))


def test_martyred_and_neutralised_count_the_dead(extractor):
    [ev] = _events(
        extractor,
        "Two members of the Basij were martyred in an armed attack by terrorists on their "
        "vehicle near Zahedan on Tuesday.",
    )
    assert ev.quantities.get("killed") == 2
    clash = [
        e
        for e in _events(
            extractor,
            "On August 4, troops on patrol in Maru made contact with bandits and engaged them, "
            "neutralising seven.",
        )
        if e.type == "armed_clash"
    ]
    assert clash and clash[0].quantities.get("killed") == 7


# --- dates --------------------------------------------------------------------------------


def test_between_two_days_is_one_interval():
    [(_, _, span)] = find_dates("Between August 1 and August 6, troops arrested 21 people.", DAY)
    assert (span.value, span.precision) == ("2025-08", "month")
    assert (span.earliest, span.latest) == (dt.date(2025, 8, 1), dt.date(2025, 8, 6))


def test_a_span_of_years_makes_an_old_war_background(extractor):
    [(_, _, span)] = find_dates("during the 2020-2022 war in Tigray", DAY)
    assert span.latest == dt.date(2022, 12, 31)
    events = _events(
        extractor,
        "Fano fought alongside the federal army against the TPLF during the 2020-2022 war in "
        "Tigray.",
        day=dt.date(2025, 9, 12),
    )
    assert events == []


def test_the_day_after_told_outlet_is_the_reports(extractor):
    [ev] = _events(
        extractor,
        "Insurgents beheaded three villagers in Macomia district, residents told Indian Ocean "
        "Desk on Friday.",
    )
    assert ev.date.value is None or ev.date.value != DAY.isoformat()


def test_a_denied_act_is_not_dated_by_the_denial(extractor):
    [ev] = _events(
        extractor,
        "Turkey's defence ministry on Thursday denied carrying out a drone strike on the "
        "Makhmour refugee camp in northern Iraq.",
    )
    assert ev.negated and ev.type == "drone_strike"
    assert ev.date.basis not in ("explicit", "relative")


def test_a_report_day_before_the_act_bounds_it_without_dating_it(extractor):
    [ev] = _events(
        extractor,
        "The army said on Tuesday its forces had repelled an RSF attack on El Fasher.",
    )
    assert ev.date.value is None and ev.date.latest == dt.date(2025, 8, 19)
    # a statement keeps the day it was made
    text = (
        "Jihadist fighters ambushed a military convoy near Kantchari on Sunday.\n\n"
        "The al-Qaeda-linked JNIM said on Monday that its fighters had killed 40 soldiers."
    )
    [claim] = [
        e
        for e in _events(extractor, text, day=dt.date(2025, 10, 22))
        if e.type == "claim_of_responsibility"
    ]
    assert claim.date.value == "2025-10-20"


def test_last_month_before_what_was_said_is_a_date():
    [(_, _, span)] = find_dates("Baghdad accused Damascus last month of failing to act.", DAY)
    assert span.value == "2025-07"
    assert find_dates("in the last month of the war", DAY) == []


def test_the_next_day_counts_from_the_last_day_named(extractor):
    text = (
        "Insurgents raided Mucojo, in Macomia district, on Wednesday evening, residents said."
        "\n\nThey went from house to house looking for people working with the army."
        "\n\nThe attack was claimed the next day by the Islamic State, which said its fighters "
        "had killed four people."
    )
    claims = [e for e in _events(extractor, text) if e.type == "claim_of_responsibility"]
    assert claims and claims[0].date.value == "2025-08-21"


# --- what is no event, and what is one event ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Two soldiers were wounded, but the army did not say whether any soldiers had been "
        "killed in Bannu on Monday.",
        "Police arrested four men who were allegedly planning a car bomb attack on a police "
        "station in Cucuta on Wednesday.",
        "The camp has been targeted by Turkish drones several times.",
        "Atbara had been spared during the two-year war between the army and the RSF, which "
        "has killed tens of thousands of people.",
        "Britain froze the assets of two companies accused of supplying the RSF with weapons.",
        "The ADF is blamed for killing thousands of civilians in North Kivu.",
        "Washington stopped its bombing campaign against the group in May.",
    ],
)
def test_no_event_of_these_kinds(extractor, sentence):
    kinds = {"bombing", "killing", "drone_strike", "accusation", "attack"}
    assert not kinds & set(_types(_events(extractor, sentence))), _types(
        _events(extractor, sentence)
    )


def test_arrests_made_in_a_deadly_clash_are_that_clash(extractor):
    [ev] = _events(
        extractor,
        "Earlier this month, police killed three members of a terrorist team in a clash near "
        "Saravan and arrested two others, the command said.",
    )
    assert ev.type == "armed_clash"
    assert ev.quantities == {"killed": 3, "arrested": 2}


def test_a_toll_update_adds_to_the_act_before(extractor):
    text = (
        "Gunmen attacked the village of Ntoyo in Lubero territory late on Sunday, local "
        "officials said.\n\nThe administrator gave a provisional toll of 38 dead and said 14 "
        "people had been wounded."
    )
    [ev] = _events(extractor, text)
    assert ev.quantities.get("killed") == 38 and ev.quantities.get("injured") == 14


def test_the_fighting_after_an_attack_is_that_attack(extractor):
    text = (
        "On Tuesday, Fano fighters attacked army positions near Debre Tabor in Ethiopia's "
        "Amhara region.\n\nResidents said the fighting lasted several hours and that at least "
        "nine people, including four civilians, were killed."
    )
    assert _types(_events(extractor, text, day=dt.date(2025, 9, 12))) == ["armed_assault"]


def test_another_group_attacking_is_another_event(extractor):
    text = (
        "Gunmen attacked the village of Mushu at about 9pm on Saturday, killing 11 people.\n\n"
        "About an hour later, another group attacked nearby Ruku, where six people were killed."
    )
    assert len(_events(extractor, text)) == 2


def test_events_in_two_towns_joined_through_a_country_stay_two(extractor):
    text = (
        "Russian drones struck energy infrastructure in the Sumy region overnight.\n\n"
        "Russia launched 87 drones at Ukraine overnight, the air force said.\n\n"
        "Two people were killed when a guided aerial bomb hit a building in Kostiantynivka "
        "earlier today, the governor said."
    )
    events = _events(extractor, text)
    sumy = [e for e in events if any(p.name == "Sumy" for p in e.places)]
    assert sumy and not any(p.name == "Kostyantynivka" for p in sumy[0].places)


def test_a_group_saying_its_fighters_killed_claims_the_attack(extractor):
    text = (
        "Jihadist fighters ambushed a military convoy near Kantchari on Sunday.\n\n"
        "The al-Qaeda-linked JNIM said on Monday that its fighters had killed 40 soldiers."
    )
    assert "claim_of_responsibility" in _types(_events(extractor, text, day=dt.date(2025, 10, 22)))


def test_a_rescue_a_campaign_and_an_ensuing_firefight_are_not_events(extractor):
    events = _events(
        extractor,
        "Troops neutralised 12 bandits and rescued 15 kidnapped victims in Zamfara on August 4.",
    )
    assert "abduction" not in _types(events)
    events = _events(
        extractor,
        "On Monday, about 15 rebels opened fire on the patrol near Las Navas, triggering a "
        "30-minute firefight.",
    )
    assert "armed_clash" not in _types(events)


# --- roles --------------------------------------------------------------------------------


def test_repelled_attack_is_the_attackers_assault_on_the_defenders(extractor):
    [ev] = _events(
        extractor,
        "Police repulsed a militant attack on the Tajori police station in Lakki Marwat "
        "district on Tuesday night, officials said.",
    )
    assert ev.type == "armed_assault"
    assert "pakistani-police" in _ids(ev.targets)
    assert "pakistani-police" not in _ids(ev.agents)


def test_an_attack_that_was_repelled_keeps_its_attackers(extractor):
    [ev] = _events(
        extractor,
        "In March, ISWAP fighters attacked the base in Dikwa but were repelled.",
    )
    assert ev.type.startswith("armed_assault") or ev.type == "attack"
    assert "islamic-state-west-africa-province" in _ids(ev.agents)


def test_a_demonym_modifies_only_the_noun_it_stands_before(extractor):
    [ev] = _events(
        extractor,
        "Jihadist fighters killed at least eight Beninese soldiers in an attack on an army "
        "post in Alibori on Thursday.",
    )
    assert not any(a.country == "BJ" for a in ev.agents), "the soldiers did not attack"


def test_its_troops_are_the_possessors_forces(extractor):
    evs = _events(
        extractor,
        "The Israeli military said in a statement that its troops had eliminated two "
        "gunmen who threw explosive devices at soldiers in the Far'a camp near Tubas in the "
        "occupied West Bank.",
    )
    actors = {a.id for e in evs for a in e.actors}
    assert "israel-defense-forces" in actors
    assert not any(a.startswith("palestinian-security") for a in actors)


def test_a_defence_ministry_speaking_of_its_forces_means_the_military(extractor):
    [ev] = _events(
        extractor,
        "Russia's defence ministry said its forces had captured the village of Novopavlivka "
        "in the Donetsk region.",
    )
    assert _ids(ev.agents) == ["russian-armed-forces"]


def test_officials_of_states_are_those_states(extractor):
    [ev] = _events(
        extractor,
        "On Tuesday, the foreign ministers of Egypt and Saudi Arabia met in Cairo and agreed "
        "to coordinate efforts to revive ceasefire talks.",
    )
    assert set(_ids(ev.agents)) == {"egyptian-government", "saudi-government"}


def test_a_named_speaker_keeps_its_statement_beside_an_act(extractor):
    evs = _events(
        extractor,
        "Moscow accused Kyiv of targeting civilian infrastructure and said its forces had "
        "captured the village of Novoserhiivka in the Donetsk region.",
    )
    assert {"accusation", "other"} <= set(_types(evs))


def test_the_source_of_a_statement_ends_at_its_verb(extractor):
    evs = _events(
        extractor,
        "A spokesman for the ruling military council told state media that the army had "
        "targeted fighters of the People's Defence Force and denied that civilians had been "
        "killed.",
    )
    assert "denial" in _types(evs)
    assert evs[0].attribution.citing == "spokesman for the ruling military council"


def test_a_hedge_about_the_object_does_not_hedge_the_arrest(extractor):
    [ev] = _events(
        extractor,
        "Police in Niamey arrested three men on Wednesday suspected of supplying fuel to "
        "armed groups.",
    )
    assert ev.type == "arrest" and ev.certainty == "asserted"


def test_a_second_site_hit_is_a_target_too(extractor):
    [ev] = _events(
        extractor,
        "In Port Sudan, drones struck a fuel depot and the city's airport earlier this month.",
    )
    names = [t.name.lower() for t in ev.targets]
    assert any("depot" in n for n in names) and any("airport" in n for n in names)


def test_words_that_only_describe_are_no_actors(extractor):
    evs = _events(
        extractor,
        "In Port Sudan, the seat of the army-aligned government, drones struck the airport "
        "on Tuesday.",
        day=dt.date(2025, 5, 15),
    )
    assert not any(a.id == "sudanese-armed-forces" for e in evs for a in e.agents)
    evs = _events(
        extractor, "Israel launched a large-scale military operation in Jenin in January."
    )
    assert not any(a.id.startswith("palestinian") for e in evs for a in e.actors)


def test_units_and_local_government_areas(extractor):
    evs = _events(
        extractor,
        "CATARMAN, Northern Samar - Troops of the 20th Infantry Battalion clashed with rebels "
        "near Las Navas town on Monday, killing three.",
    )
    assert not any("battalion" in a.name.lower() for e in evs for a in e.actors)
    evs = _events(
        extractor,
        "In April, gunmen killed 50 people in attacks on villages in Bassa Local Government "
        "Area of Plateau State.",
    )
    assert not any("local government" in a.name.lower() for e in evs for a in e.actors)


def test_an_unknown_village_in_a_one_region_story_gets_the_region(extractor):
    text = (
        "JOS - Gunmen killed at least 17 people in two villages of Bokkos in Plateau State.\n\n"
        "The attackers struck Mushu village at about 9pm on Saturday, shooting residents."
    )
    evs = [e for e in _events(extractor, text) if "Mushu" in e.mention.text]
    assert evs and {"Plateau", "Nigeria"} <= {p.name for p in evs[0].places}


# --- attribution ---------------------------------------------------------------------------


def test_according_to_a_source_is_whom_the_report_quotes(extractor):
    [ev] = _events(
        extractor,
        "Last month, at least 20 civilians were killed in an attack on a weekly market in the "
        "Tillaberi region, according to local sources.",
    )
    assert (ev.attribution.reported_by, ev.attribution.citing) == (None, "local sources")
    [ev] = _events(
        extractor,
        "According to the Sham news network, an unidentified aircraft struck a convoy near "
        "Deir ez-Zor on Friday.",
    )
    assert ev.attribution.reported_by == "Sham news network"


def test_told_by_names_the_source(extractor):
    [ev] = _events(
        extractor,
        "On Saturday, the military also shelled the town of Kyaukmyaung, wounding at least "
        "five people, the Mekong Monitor was told by a local administrator.",
    )
    assert ev.attribution.citing == "local administrator"


# --- a border and a province, and people set aside --------------------------------------


def test_strike_on_a_border_and_in_a_province_of_it_is_one_event(extractor) -> None:
    text = (
        "A rare strike on the border between Iraq and Syria has shaken militant networks "
        "in the region.\n\nAccording to a local news agency, an unidentified drone hit a "
        "car carrying an Islamic State commander as he crossed from Iraq's Anbar province "
        "into Syria."
    )
    strikes = [e for e in _events(extractor, text) if "strike" in e.type]
    assert len(strikes) == 1, [(e.type, [p.name for p in e.places]) for e in strikes]
    names = {p.name for p in strikes[0].places}
    assert "Anbar" in names and any(p.level == "border" for p in strikes[0].places)


def test_a_border_does_not_join_strikes_in_other_countries(extractor) -> None:
    text = (
        "A drone strike on the border between Iraq and Syria killed two militants on "
        "Wednesday, officials said.\n\n"
        "Separately, an air strike in Kandahar province killed three Taliban fighters."
    )
    strikes = [e for e in _events(extractor, text) if "strike" in e.type]
    assert len(strikes) == 2


def test_who_someone_was_not_merely_is_no_second_target(extractor) -> None:
    text = (
        "An unidentified drone hit a car carrying an Islamic State commander near the "
        "Iraq-Syria border on Tuesday, officials said.\n\nThe man targeted was not merely "
        "a local commander but a senior figure in the group, the officials said."
    )
    (strike,) = [e for e in _events(extractor, text) if "strike" in e.type]
    names = [t.name.lower() for t in strike.targets]
    assert any("islamic state" in n for n in names)
    assert not any(n.startswith("local") for n in names), names


@pytest.mark.parametrize(
    ("sentence", "agent"),
    [
        (
            "ELN guerrillas attacked a military base in Arauca on Monday, the army said.",
            "national-liberation-army-colombia",
        ),
        (
            "New People's Army rebels ambushed an army patrol in Northern Samar on Tuesday.",
            "new-peoples-army",
        ),
        ("The Arakan Army captured a border post in Rakhine state on Sunday.", "arakan-army"),
        (
            "Maoist rebels killed two policemen in Bijapur district of Chhattisgarh on Friday.",
            "communist-party-of-india-maoist",
        ),
        (
            "Gunmen from the Sinaloa Cartel shot dead five people in Culiacan on Saturday.",
            "sinaloa-cartel",
        ),
    ],
)
def test_armed_groups_beyond_the_middle_east_are_known(extractor, sentence, agent) -> None:
    events = _events(extractor, sentence)
    assert any(agent in _ids(e.agents) for e in events), [(e.type, _ids(e.agents)) for e in events]


def test_whom_a_target_has_ties_to_is_no_target(extractor) -> None:
    text = (
        "A drone killed a senior Islamic State commander near Deir ez-Zor on Monday. The "
        "man targeted was a veteran fighter with deep ties to al-Qaeda, officials said."
    )
    for e in _events(extractor, text):
        assert "al-qaeda" not in _ids(e.targets), (e.type, _ids(e.targets))


def test_a_dateline_town_is_not_where_it_happened_when_the_sentence_says(extractor) -> None:
    text = "MEXICO CITY - Gunmen killed six people in a bar in Culiacan on Friday, police said."
    (event,) = _events(extractor, text)
    names = [p.name for p in event.places]
    assert "Culiacan" in names and "Mexico City" not in names, names


def test_forces_that_fire_on_protesters_are_not_protesters(extractor) -> None:
    text = "Soldiers opened fire on protesters in Kidal on Monday, killing four, witnesses said."
    events = _events(extractor, text)
    protests = [e for e in events if e.type == "protest"]
    assert protests
    for e in protests:
        assert "malian-armed-forces" not in _ids(e.agents), _ids(e.agents)
    assert any("malian-armed-forces" in _ids(e.agents) for e in events if e.type != "protest")
