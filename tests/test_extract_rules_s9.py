"""Extraction rules written after the seventh held-out corpus (session 9).

Each test uses sentences of its own (not the corpus'), in the news styles the rules
are for: UN missions and parties the registry lacked, a side's own account of an act
told before, a sentence resuming a fight, a UN mission as a speaker, forces intercepting
armed men, "deal with" as a verb, local office holders and appeals, curfews, denials of
one's own side's act, glide bombs, towns taken after fighting, and first-person answers
under a speaker label.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.actors.registry import ActorRegistry
from kb.extract.pipeline import Extractor
from kb.model import Article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = dt.date(2026, 11, 12)):
    return ex.extract(Article(id="s9", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


# --- registry: UN missions and parties news names without a gloss ---------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("UNSMIL", "unsmil"),
        ("United Nations Support Mission in Libya", "unsmil"),
        ("MINUSCA", "minusca"),
        ("UN Mission in South Sudan", "unmiss"),
        ("SPLM-IO", "spla-io"),
        ("Sudan People's Liberation Army-in-Opposition", "spla-io"),
        ("SPLM-N", "splm-n"),
        ("3R rebels", "three-r"),
        ("Democratic Forces for the Liberation of Rwanda", "fdlr"),
        ("Radaa Deterrence Apparatus", "radaa-deterrence-force"),
        ("Nuer White Army", "white-army"),
    ],
)
def test_registry_knows_missions_and_parties(name: str, key: str) -> None:
    actor = ActorRegistry.default().lookup(name)
    assert actor is not None and actor.key == key


def test_cpc_alone_is_not_the_central_african_coalition() -> None:
    # "the Communist Party of China (CPC)" is far more common in news than the rebels
    assert ActorRegistry.default().lookup("CPC") is None


def test_un_mission_speaks_for_itself_not_the_un_at_large(ex: Extractor) -> None:
    events = _events(
        ex,
        "Gunmen killed three traders on the road to Bria on Monday, local officials said. "
        "The UN mission in the Central African Republic (MINUSCA) said it was appalled by "
        "the killings.",
    )
    statements = _of(events, "statement")
    assert statements, events
    assert {a.id for a in statements[0].agents} == {"minusca"}


def test_minusca_peacekeepers_as_target(ex: Extractor) -> None:
    events = _events(
        ex,
        "Fighters of the 3R armed group ambushed a MINUSCA convoy near Paoua in the "
        "Central African Republic on Sunday, wounding four peacekeepers.",
    )
    attacks = _of(events, "attack")
    assert attacks, events
    assert "three-r" in {a.affiliation or a.id for a in attacks[0].agents}
    assert "minusca" in {a.id for a in attacks[0].targets}


# --- a side's own account of the act just told ----------------------------------------


def test_army_account_of_its_strike_is_not_a_second_strike(ex: Extractor) -> None:
    events = _events(
        ex,
        "Army warplanes bombed a cattle market in Mellit on Tuesday, killing 11 people, "
        'according to a local rights group. The army said it had struck "rebel '
        'gatherings and their vehicles".',
    )
    strikes = _of(events, "air_or_drone_strike")
    assert len(strikes) == 1, events
    assert len(strikes[0].all_mentions) == 2


def test_side_saying_its_base_was_attacked_is_the_clash_told(ex: Extractor) -> None:
    events = _events(
        ex,
        "Two fighters were killed in clashes between the Radaa Deterrence Force and a "
        "rival brigade in the Tajoura district of Tripoli on Tuesday night. Radaa said "
        'in a statement that its positions had been attacked "without provocation".',
    )
    assert len(_of(events, "armed_clash")) == 1, events
    assert not _of(events, "attack"), events


def test_account_with_a_place_of_its_own_is_kept(ex: Extractor) -> None:
    events = _events(
        ex,
        "Army warplanes bombed a cattle market in Mellit on Tuesday, killing 11 people. "
        "The RSF said it had struck army positions in Kutum on Wednesday.",
    )
    assert len(_of(events, "air_or_drone_strike") + _of(events, "attack")) == 2, events


def test_account_by_an_outsider_is_not_folded(ex: Extractor) -> None:
    events = _events(
        ex,
        "Al-Shabaab fighters attacked a police post in Afgoye on Monday, killing four "
        "officers. The US military said it had struck an al-Shabaab camp.",
    )
    # the speaker took no part in the act told before: its strike is another act
    assert len(_of(events, "attack") + _of(events, "air_or_drone_strike")) == 2, events


# --- a sentence resuming the fight ------------------------------------------------------


def test_the_clashes_which_lasted_are_the_clashes_told(ex: Extractor) -> None:
    events = _events(
        ex,
        "Rival militias clashed in the Abu Salim district of Tripoli on Saturday evening, "
        "killing four people, the health ministry said. The clashes, which involved "
        "anti-aircraft guns mounted on pick-ups, lasted until the early hours of Sunday.",
    )
    assert len(_of(events, "armed_clash")) == 1, events


# --- a statement continued by a pronoun, its speaker a UN mission ---------------------------


def test_it_called_on_continues_the_statement_before(ex: Extractor) -> None:
    events = _events(
        ex,
        "Fighting between two armed groups killed five people in Zliten on Monday, "
        "residents said.\n\n"
        "The United Nations Support Mission in Libya expressed grave concern over the "
        "violence. It called on the parties to return to their barracks.",
    )
    statements = [e for e in events if e.type == "statement"]
    assert len(statements) == 1, events
    assert {a.id for a in statements[0].agents} == {"unsmil"}
    assert len(statements[0].all_mentions) == 2


def test_a_warning_after_a_statement_stays_its_own(ex: Extractor) -> None:
    events = _events(
        ex,
        "The governor of Kassala said he was alarmed by the attack. He warned that "
        "anyone found carrying weapons in the market would be arrested.",
    )
    assert len([e for e in events if e.type in ("statement", "threat")]) == 2, events


# --- forces intercepting armed men ---------------------------------------------------------


def test_troops_intercepting_bandits_is_a_clash_of_its_own(ex: Extractor) -> None:
    events = _events(
        ex,
        "Bandits abducted 14 farmers in Maru, Zamfara State, on Sunday, police said.\n\n"
        "On Tuesday, soldiers intercepted a convoy of kidnappers near Dansadau and killed "
        "four of them, the army said.",
    )
    clashes = _of(events, "armed_clash")
    assert len(clashes) == 1, events
    assert clashes[0].date.value == "2026-11-10"
    assert _of(events, "attack"), events  # the abduction stays its own event


def test_intercepted_missile_is_not_a_clash(ex: Extractor) -> None:
    events = _events(
        ex,
        "Air defences intercepted a missile fired towards the city on Monday, the army said.",
    )
    assert not _of(events, "armed_clash"), events


# --- "deal with" ---------------------------------------------------------------------


def test_deal_with_is_not_an_agreement(ex: Extractor) -> None:
    events = _events(
        ex,
        "The group warned insurance firms that deal with the port that their ships would "
        "be considered targets.",
    )
    assert not _of(events, "cooperation_or_agreement"), events


def test_a_deal_is_still_an_agreement(ex: Extractor) -> None:
    events = _events(
        ex,
        "The two factions signed a deal in Doha on Sunday to exchange prisoners.",
    )
    assert _of(events, "cooperation_or_agreement"), events


# --- local office holders and appeals ------------------------------------------------------

_KAJURU = "Gunmen killed five people in Kajuru, Kaduna State, on Monday. "


@pytest.mark.parametrize(
    "sentence",
    [
        "The chairman of Kajuru LGA condemned the killings.",
        "The council chairwoman, Mrs Hauwa Bello, condemned the attack and called for calm.",
        "The county commissioner appealed to the youths to return home.",
        "The local administrator appealed for calm in the villages.",
        "The governor of Nariño rejected the attack and asked for more troops.",
    ],
)
def test_office_holder_statement(ex: Extractor, sentence: str) -> None:
    events = _events(ex, _KAJURU + sentence)
    statements = [e for e in events if e.type == "statement"]
    assert len(statements) == 1, events
    assert statements[0].mention.text == sentence


def test_police_appeal_to_the_public_is_not_news(ex: Extractor) -> None:
    events = _events(
        ex, _KAJURU + "Police appealed to the public to report any suspicious movement."
    )
    assert not [e for e in events if e.type == "statement"], events


# --- curfews; who launched intercepted drones ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The state government on Sunday imposed a 24-hour curfew on Jos North.",
        "The county commissioner on Monday extended the dusk-to-dawn curfew in Lamu by 30 days.",
    ],
)
def test_curfew_imposed_is_a_measure(ex: Extractor, sentence: str) -> None:
    events = _events(ex, sentence)
    assert [e.type for e in events] == ["other"], events
    assert not events[0].targets


def test_curfew_mentioned_in_passing_is_no_event(ex: Extractor) -> None:
    events = _events(
        ex, "Traders said the curfew introduced last month had emptied the night market."
    )
    assert not [e for e in events if e.type == "other"], events


def test_intercepted_drones_launched_by_a_named_group(ex: Extractor) -> None:
    events = _events(
        ex,
        "Air defences intercepted 14 drones launched by the Houthis towards Eilat on "
        "Thursday, the military said.",
    )
    strikes = _of(events, "air_or_drone_strike")
    assert len(strikes) == 1, events
    assert {a.id for a in strikes[0].agents} == {"houthis"}


# --- a denial of the speaker's own act, its side named by a common noun -------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A rebel spokesman denied the rebels had attacked the displaced people's camp.",
        "The ministry denied its soldiers had shelled the market in Nyala.",
    ],
)
def test_denied_own_side_act_is_the_act_negated(ex: Extractor, sentence: str) -> None:
    events = _events(ex, sentence)
    assert len(events) == 1, events
    assert events[0].negated and events[0].type != "denial", events


def test_army_statement_dated_by_its_own_day_retells_the_strike(ex: Extractor) -> None:
    events = _events(
        ex,
        "A man was killed on Saturday when an Israeli drone struck his car near Bint Jbeil, "
        "Lebanon's health ministry said. The Israeli military said in a statement on "
        'Saturday evening that it had "eliminated a Hezbollah operative".',
    )
    acts = [e for e in events if e.type != "statement"]
    assert len(acts) == 1, events
    assert acts[0].type == "drone_strike"


def test_own_account_with_another_toll_is_another_act(ex: Extractor) -> None:
    events = _events(
        ex,
        "A man was killed on Saturday when an Israeli drone struck his car near Bint Jbeil, "
        "Lebanon's health ministry said. The Israeli military said it had eliminated "
        "five Hezbollah operatives.",
    )
    assert len([e for e in events if e.type != "statement"]) == 2, events


# --- glide bombs; a town taken after days of fighting ---------------------------------------


def test_glide_bombs_are_an_air_strike(ex: Extractor) -> None:
    events = _events(
        ex, "Russian glide bombs hit Kostiantynivka on Sunday morning, wounding six people."
    )
    assert [e.type for e in events] == ["airstrike"], events


def test_town_taken_after_days_of_fighting_is_a_battle(ex: Extractor) -> None:
    events = _events(
        ex,
        "M23 fighters captured the town of Nyangezi on Sunday after three days of fighting "
        "with the Congolese army, residents said.",
    )
    assert [e.type for e in events] == ["armed_clash"], events


def test_town_taken_without_a_fight_stays_a_capture(ex: Extractor) -> None:
    events = _events(ex, "M23 fighters captured the town of Nyangezi on Sunday, residents said.")
    assert [e.type for e in events] == ["other"], events


# --- first-person answers under a speaker label ------------------------------------------------


def test_labelled_answer_in_first_person_is_a_statement(ex: Extractor) -> None:
    events = _events(
        ex,
        "Reporter: What is your message to the armed groups in Ituri?\n\n"
        "Governor Mbala: The situation in Djugu is calm now. We urge all armed groups to "
        "lay down their weapons and join the demobilisation programme.\n",
    )
    statements = [e for e in events if e.type == "statement"]
    assert len(statements) == 1, events
    assert statements[0].mention.text.startswith("We urge")


def test_first_person_without_label_or_quotes_is_not_a_statement(ex: Extractor) -> None:
    events = _events(
        ex,
        "The situation in Djugu is calm now.\n\nWe urge readers to send us their stories.\n",
    )
    assert not [e for e in events if e.type == "statement"], events


@pytest.mark.parametrize(
    "account",
    [
        "The Pakistani military has said it targeted a militant commander, without naming him.",
        "A security official, speaking on condition of anonymity, said the strikes had "
        "targeted hideouts of the insurgents.",
    ],
)
def test_account_without_auxiliary_or_by_the_strikes(ex: Extractor, account: str) -> None:
    events = _events(
        ex,
        "Pakistani air strikes killed at least nine people in the Barmal district of "
        "Afghanistan's Paktika province on Monday night, Taliban officials said. " + account,
    )
    strikes = _of(events, "air_or_drone_strike") + _of(events, "attack")
    assert len(strikes) == 1, events


def test_official_account_paragraphs_later_is_the_strike_told(ex: Extractor) -> None:
    events = _events(
        ex,
        "Pakistani air strikes killed at least nine people in the Barmal district of "
        "Afghanistan's Paktika province on Monday night, Taliban officials said.\n\n"
        "Residents said most of the dead were women and children. A Pakistani security "
        "official, speaking on condition of anonymity, said the strikes had targeted "
        "hideouts of the Pakistani Taliban.\n",
    )
    strikes = _of(events, "air_or_drone_strike") + _of(events, "attack")
    assert len(strikes) == 1, events
    assert len(strikes[0].all_mentions) == 2


def test_account_posted_on_x_naming_the_same_place(ex: Extractor) -> None:
    events = _events(
        ex,
        "An Israeli drone strike on a motorbike near Aitaroun killed one man on Friday, "
        "the state news agency said. The Israeli military wrote on X that its aircraft had "
        '"eliminated a Hezbollah operative" in the Aitaroun area.',
    )
    strikes = _of(events, "air_or_drone_strike") + _of(events, "attack")
    assert len(strikes) == 1, events


def test_account_naming_only_a_region_stays_its_own_act(ex: Extractor) -> None:
    events = _events(
        ex,
        "A Russian drone struck a bus near Bilopillia in Sumy region on Friday, wounding "
        "four people. Russia's defence ministry said its forces had struck a command post "
        "in Sumy region.",
    )
    strikes = _of(events, "air_or_drone_strike") + _of(events, "attack")
    assert len(strikes) == 2, events


# --- what suspects are said to do or to plan ----------------------------------------------------


def test_cell_that_has_been_planting_bombs_is_no_bombing(ex: Extractor) -> None:
    events = _events(
        ex,
        "Police in Garissa on Tuesday arrested two men believed to be part of a cell that "
        "has been planting explosive devices on the highway.",
    )
    assert [e.type for e in events] == ["arrest"], events


def test_men_planning_attacks_is_no_attack(ex: Extractor) -> None:
    events = _events(
        ex, "The spokesman said the men were planning attacks on churches during Sunday services."
    )
    assert not _of(events, "attack"), events


def test_suspected_of_a_dated_bombing_keeps_the_bombing(ex: Extractor) -> None:
    events = _events(
        ex,
        "Police in Baidoa arrested two men suspected of planting a roadside bomb that "
        "wounded three soldiers on the Baidoa-Bur Hakaba road on Sunday.",
    )
    assert _of(events, "attack") and _of(events, "arrest"), events


# --- a salvo counted over a country and one hit in a town ------------------------------------


def test_national_salvo_and_a_town_hit_are_two_events(ex: Extractor) -> None:
    events = _events(
        ex,
        "Ukraine's air force said Russia had launched 96 drones and four missiles at "
        "Ukraine overnight, of which 80 drones were shot down.\n\n"
        "In the city of Chernihiv, a drone hit a five-storey apartment building overnight, "
        "wounding three residents, the regional governor said.\n",
    )
    strikes = _of(events, "air_or_drone_strike")
    assert len(strikes) == 2, events


def test_two_reports_of_one_town_hit_stay_one_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "A Russian drone hit an apartment building in Chernihiv overnight, wounding three "
        "residents, the governor said.\n\n"
        "Photos showed the drone had hit the fourth floor of the building in Chernihiv.\n",
    )
    assert len(_of(events, "air_or_drone_strike")) == 1, events


def test_explosives_dropped_from_drones_is_a_drone_strike(ex: Extractor) -> None:
    events = _events(
        ex,
        "On Sunday night, ELN guerrillas dropped explosives from drones on the police "
        "station in Tibú, killing one patrolman and wounding four.",
    )
    assert [e.type for e in events] == ["drone_strike"], events
    assert events[0].quantities == {"killed": 1, "injured": 4}
