"""General extraction rules added after the blind evaluation of the fourth held-out corpus.

Each test pins one rule with sentences of our own, written the way news reports such
things: speakers named by their office, appeals, two speech acts in one sentence, a
speaker denying its own side's act (the act, negated), acts told as not having happened,
and negative cases that must not fire.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.eventtypes import top_key
from kb.extract.pipeline import Extractor
from kb.model import Article

DAY = dt.date(2026, 3, 11)  # a Wednesday


def _events(extractor: Extractor, text: str):
    return extractor.extract(Article(id="t", text=text, published=DAY))


def _of_top(events, top: str):
    return [e for e in events if top_key(e.type) == top]


# --- class 1a: office holders speak ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The governor of Kassala region condemned the attack on the market.",
        "A Sindh government spokesman condemned the killings as barbaric.",
        "Kenya's interior minister denounced the raid on Tuesday.",
        "The minister of internal security condemned the bombing in a televised message.",
    ],
)
def test_an_office_holder_is_a_speaker(extractor: Extractor, text: str) -> None:
    statements = _of_top(_events(extractor, text), "statement")
    assert len(statements) == 1
    assert statements[0].type == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "The Resident Coordinator calls on all parties to spare the hospitals of Gedaref.",
        "A UN spokesman called for an independent inquiry into the shelling of Kharkiv.",
    ],
)
def test_un_office_holders_speak_for_the_un(extractor: Extractor, text: str) -> None:
    (statement,) = [e for e in _events(extractor, text) if e.type == "statement"]
    assert any(a.id == "united-nations" or "United Nations" in a.name for a in statement.agents)


def test_an_office_speaks_for_its_own_country(extractor: Extractor) -> None:
    text = "Norway's foreign minister accused Russia of jamming flights over Finnmark."
    (accusation,) = [e for e in _events(extractor, text) if e.type == "accusation"]
    assert all(a.country != "RU" for a in accusation.agents)


def test_a_quoted_appeal_has_its_speaker_after_the_quote(extractor: Extractor) -> None:
    text = '"We call on the fighters to lay down their weapons," said the battalion commander.'
    assert [e.type for e in _events(extractor, text)] == ["statement"]


@pytest.mark.parametrize(
    "text",
    [
        "Residents called for more police patrols after the robbery.",
        "The funeral was held in the village, where mourners called for calm.",
    ],
)
def test_an_appeal_without_an_office_or_name_is_no_event(extractor: Extractor, text: str) -> None:
    assert not _of_top(_events(extractor, text), "statement")


# --- class 1b: two speech acts in one sentence -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hamas denied involvement in a statement on Monday and accused Fatah of staging the attack.",
        "The ADF accused the army of shelling its camps near Beni, a charge the army denied.",
        "The ministry condemned the ambush and blamed Boko Haram for the killings.",
    ],
)
def test_a_second_speech_act_is_its_own_event(extractor: Extractor, text: str) -> None:
    kinds = {e.type for e in _of_top(_events(extractor, text), "statement")}
    assert len(kinds) == 2


def test_a_standing_charge_and_its_denial_are_not_split(extractor: Extractor) -> None:
    text = "Kabul has repeatedly accused Islamabad of harbouring militants, which Pakistan denies."
    kinds = [e.type for e in _of_top(_events(extractor, text), "statement")]
    assert "accusation" not in kinds or "denial" not in kinds


def test_an_appeal_after_an_accusation_is_not_a_second_event(extractor: Extractor) -> None:
    text = (
        "Lithuania's foreign ministry accused Moscow of striking a hospital in Kherson and "
        "called on allies to send more air defence."
    )
    assert len(_of_top(_events(extractor, text), "statement")) == 1


# --- class 3: a denied act of one's own side, acts that did not happen --------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [
        (
            "The Libyan defence ministry denied that its forces had taken part in the clashes.",
            "armed_clash",
        ),
        (
            "The Nigerian army denied that its troops had shelled the market in Malam Fatori.",
            "attack",
        ),
        (
            "Iraqi police denied a report on a local website that they had detained 15 protesters in Basra.",
            "arrest",
        ),
        (
            "Sudan's army denied carrying out airstrikes on villages in Darfur.",
            "air_or_drone_strike",
        ),
    ],
)
def test_a_denied_own_act_is_the_act_negated(extractor: Extractor, text: str, top: str) -> None:
    events = _events(extractor, text)
    acts = _of_top(events, top)
    assert len(acts) == 1 and acts[0].negated
    assert acts[0].agents
    assert not [e for e in events if e.type == "denial"]


@pytest.mark.parametrize(
    "text",
    [
        "The army denied that the camp near Gao had been overrun.",
        "The ministry denied reports that insurgents had occupied the town of Macomia.",
    ],
)
def test_a_denied_act_of_others_stays_a_denial(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert [e.type for e in events if top_key(e.type) == "statement"] == ["denial"]
    assert not [e for e in events if e.negated]


def test_negation_does_not_cross_into_the_reason(extractor: Extractor) -> None:
    text = "Mali's army denied the claim near Gao, saying fighting for the town was still going on."
    events = _events(extractor, text)
    assert "denial" in [e.type for e in events]
    assert not [e for e in events if e.negated]


@pytest.mark.parametrize(
    "text",
    [
        "Israeli warplanes struck Khiam on Monday. Hezbollah did not fire back, a source said.",
        "Militants shelled the base near Gao on Monday. The troops did not return fire.",
    ],
)
def test_not_firing_back_is_a_negated_attack(extractor: Extractor, text: str) -> None:
    negated = [e for e in _events(extractor, text) if e.negated]
    assert [top_key(e.type) for e in negated] == ["attack"]


def test_firing_back_vowed_is_no_attack(extractor: Extractor) -> None:
    text = "Hezbollah vowed to fire back at any Israeli strike on Khiam."
    assert not [e for e in _events(extractor, text) if top_key(e.type) == "attack"]


def test_no_arrests_is_a_negated_arrest_beside_the_other_news(extractor: Extractor) -> None:
    text = "Kenyan police said they had opened an investigation; no arrests had been made."
    events = _events(extractor, text)
    (arrest,) = [e for e in events if e.type == "arrest"]
    assert arrest.negated and arrest.agents
    assert "other" in [e.type for e in events]


def test_arrests_made_is_an_arrest(extractor: Extractor) -> None:
    text = "Police in Mombasa said four arrests were made on Monday."
    (arrest,) = [e for e in _events(extractor, text) if e.type == "arrest"]
    assert not arrest.negated


# --- class 1c: claims without the word "responsibility" -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Boko Haram said in a statement carried by its news outlet that its fighters had killed "
        "12 soldiers near Bama.",
        "The ADF said through its Telegram channel that its fighters had killed 20 soldiers in Beni.",
    ],
)
def test_a_group_telling_its_fighters_killed_is_a_claim(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert [e.type for e in events] == ["claim_of_responsibility"]
    assert events[0].agents and events[0].agents[0].kind == "armed_group"


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab claims to have destroyed six army vehicles near Jilib.",
        "The Houthis claimed to have shot down a US drone over Marib on Monday.",
    ],
)
def test_claims_to_have_done_is_a_claim(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    (claim,) = [e for e in events if e.type == "claim_of_responsibility"]
    assert claim.agents and claim.agents[0].kind == "armed_group"
    assert not [e for e in events if top_key(e.type) in ("attack", "air_or_drone_strike")]


def test_claiming_to_have_no_link_is_no_claim(extractor: Extractor) -> None:
    text = "The Houthis claimed to have no link to the tanker."
    assert not [e for e in _events(extractor, text) if e.type == "claim_of_responsibility"]


# --- class 2: trigger vocabulary ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Government troops recaptured several villages near Kismayo on Monday.",
        "The army retook two towns in Cabo Delgado last week.",
    ],
)
def test_villages_retaken_are_ground_won(extractor: Extractor, text: str) -> None:
    assert "other" in [e.type for e in _events(extractor, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen burned dozens of lorries on the Gao-Niamey road on Sunday.",
        "Militants burned 14 fuel tankers near Kayes on Monday.",
    ],
)
def test_lorries_burned_are_an_attack(extractor: Extractor, text: str) -> None:
    assert [top_key(e.type) for e in _events(extractor, text)] == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "In May, Bamako announced the mobilisation of 20,000 reservists.",
        "The four states announced a joint force of 3,000 troops in February.",
    ],
)
def test_a_force_raised_is_a_mobilisation(extractor: Extractor, text: str) -> None:
    assert [e.type for e in _events(extractor, text)] == ["deployment_or_mobilization"]


def test_a_force_without_a_size_is_no_mobilisation(extractor: Extractor) -> None:
    text = "The joint force has struggled to secure the border, analysts say."
    assert not _events(extractor, text)


def test_seeking_battles_is_a_strategy_not_a_clash(extractor: Extractor) -> None:
    text = "Instead of seeking battles with the army in March, the group has attacked convoys."
    assert "armed_clash" not in [e.type for e in _events(extractor, text)]


# --- classes 4 and 5: round-ups, acts an arrest is about, references, headline lines -----

ROUNDUP = (
    "QUETTA: Militants carried out a string of attacks across Balochistan on Sunday, "
    "officials said. Here is a summary:\n\n"
    "- Zhob: Gunmen attacked a Levies checkpost, killing two guards.\n"
    "- Sibi: A roadside bomb wounded four soldiers near the railway station.\n"
    "- Gwadar: Unknown men abducted an engineer on his way home.\n"
)


def test_a_round_up_summary_is_not_an_event(extractor: Extractor) -> None:
    events = _events(extractor, ROUNDUP)
    assert all(e.mention.text.startswith("- ") for e in events)


def test_each_round_up_item_is_its_own_event(extractor: Extractor) -> None:
    events = _events(extractor, ROUNDUP)
    assert len(events) == 3
    assert [e.type for e in events] == ["armed_assault", "bombing", "abduction"]


def test_a_string_of_attacks_without_a_list_is_left_as_before(extractor: Extractor) -> None:
    text = "Militants carried out a string of attacks across Balochistan on Sunday, killing nine."
    assert _events(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Police in Nairobi said they had arrested three men in connection with a grenade attack "
        "on a bar in Eastleigh on Saturday that wounded seven people.",
        "Police in Kano arrested two suspects in connection with a bombing at a market on Friday "
        "which killed four traders.",
    ],
)
def test_the_act_an_arrest_is_about_is_its_own_event(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    (arrest,) = [e for e in events if e.type == "arrest"]
    (act,) = [e for e in events if top_key(e.type) == "attack"]
    assert act.date.value is not None
    assert arrest.date.value != act.date.value
    assert "suspects" not in {a.id for a in act.agents}


def test_an_arrest_over_an_act_without_its_own_day_stays_one_event(extractor: Extractor) -> None:
    text = "Police arrested a man in connection with a cyberattack on the port of Mombasa."
    assert [e.type for e in _events(extractor, text)] == ["arrest"]


def test_after_the_ambush_is_a_reference(extractor: Extractor) -> None:
    text = (
        "Jihadists ambushed an army convoy near Douentza on Saturday, killing six soldiers. "
        "After the Douentza ambush, the army said its aircraft had struck a camp near Boni."
    )
    events = _events(extractor, text)
    assert len([e for e in events if e.type == "armed_assault"]) == 1
    assert [top_key(e.type) for e in events].count("air_or_drone_strike") == 1


def test_after_an_act_not_told_before_is_still_news(extractor: Extractor) -> None:
    text = "After the ambush near Douentza on Saturday, six soldiers were missing."
    assert [e for e in _events(extractor, text) if e.type == "armed_assault"]


def test_a_headline_line_over_its_paragraph_is_not_a_second_event(extractor: Extractor) -> None:
    text = (
        "Kursk governor: Ukrainian drones hit fuel depot\n\n"
        "Ukrainian drones struck a fuel depot in Russia's Kursk region overnight, the governor "
        "said. Nobody was hurt."
    )
    events = _events(extractor, text)
    assert len(events) == 1
    assert not events[0].mention.text.startswith("Kursk governor")


# --- classes 6, D and A: booty, counts of nobody, places of a paragraph --------------------


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said they had killed 14 soldiers near Kidal and captured weapons.",
        "Troops killed five militants near Marawi on Monday and seized three armoured vehicles.",
    ],
)
def test_captured_weapons_are_no_arrest(extractor: Extractor, text: str) -> None:
    assert "arrest" not in [e.type for e in _events(extractor, text)]


def test_captured_people_are_an_arrest(extractor: Extractor) -> None:
    text = "Troops captured four suspected militants near Marawi on Monday."
    assert "arrest" in [e.type for e in _events(extractor, text)]


def test_none_of_the_crew_is_no_injured_count(extractor: Extractor) -> None:
    text = (
        "A drone hit a bulk carrier off Hodeidah on Monday. None of the 19 crew members was hurt."
    )
    assert all("injured" not in e.quantities for e in _events(extractor, text))


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Nine villagers, including four children, were killed when a jet bombed Kanpetlet on Monday.",
            9,
        ),
        (
            "Two Frontier Corps (FC) soldiers were martyred when militants attacked a post in Zhob on Monday.",
            2,
        ),
    ],
)
def test_counts_across_an_inclusion_or_an_abbreviation(
    extractor: Extractor, text: str, killed: int
) -> None:
    assert any(e.quantities.get("killed") == killed for e in _events(extractor, text))


def test_a_placeless_act_takes_the_place_of_its_paragraph(extractor: Extractor) -> None:
    text = (
        "On Monday, gunmen attacked a police post in Kismayo, killing two officers. "
        "On Tuesday, a grenade hit the same post, wounding three people."
    )
    events = _events(extractor, text)
    assert len(events) == 2
    assert all("Kismayo" in [p.name for p in e.places] for e in events)


def test_a_new_paragraph_does_not_inherit_the_place(extractor: Extractor) -> None:
    text = (
        "On Monday, gunmen attacked a police post in Kismayo, killing two officers.\n\n"
        "On Tuesday, a grenade hit a bus, wounding three people."
    )
    events = _events(extractor, text)
    assert len(events) == 2
    assert "Kismayo" not in [p.name for p in events[1].places]


def test_not_involved_is_a_denial(extractor: Extractor) -> None:
    text = "UNIFIL said its troops were not involved in the exchange of fire near Naqoura."
    assert "denial" in [e.type for e in _events(extractor, text)]


# --- continuations, patterns since, blockades, gunmen killing several -----------------------


def test_clashes_that_continued_are_the_attack_before(extractor: Extractor) -> None:
    text = (
        "Rebels attacked an army base near Bunia on Saturday, residents said, and clashes "
        "continued into Sunday."
    )
    events = _events(extractor, text)
    assert [top_key(e.type) for e in events] == ["attack"]


def test_clashes_alone_are_still_a_clash(extractor: Extractor) -> None:
    text = "Clashes continued near Bunia on Sunday between the army and CODECO fighters."
    assert "armed_clash" in [e.type for e in _events(extractor, text)]


@pytest.mark.parametrize(
    "text",
    [
        "In May, the group declared a blockade of the city, and since then convoys have been "
        "attacked on every road.",
        "Since then, trucks have been looted near Gao almost every week, traders say.",
    ],
)
def test_acts_since_then_are_a_pattern(extractor: Extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if top_key(e.type) == "attack"]


def test_a_declared_blockade_is_a_threat(extractor: Extractor) -> None:
    text = "In May, al-Shabaab declared a blockade on the town of Baidoa."
    assert [e.type for e in _events(extractor, text)] == ["threat"]


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, gunmen killed five men at a bar in Celaya.",
        "Armed men killed 12 villagers near Jos on Monday.",
    ],
)
def test_gunmen_killing_several_is_an_assault(extractor: Extractor, text: str) -> None:
    assert [e.type for e in _events(extractor, text)] == ["armed_assault"]


def test_gunmen_killing_one_is_a_killing(extractor: Extractor) -> None:
    text = "Gunmen killed a shopkeeper in Celaya on Tuesday."
    assert [top_key(e.type) for e in _events(extractor, text)] == ["killing"]
