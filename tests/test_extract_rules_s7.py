"""General extraction rules written after the fifth held-out corpus.

Each test pins one rule with sentences of our own, written the way news reports such
things, with negative cases that must not fire:

* ", accusing X of ..." / ", blaming X" hung on a report or an act is an accusation by the
  speaker of the sentence (or, with no report verb, by the subject of the clause), dated by
  the report, not by the act; "blaming X" names the doer of an act left unattributed;
* "its fighters", "the militia", "the insurgents", "the rebels" as the subject of an act
  are the armed group the story named before;
* reports posted on platforms ("wrote on X that", "said in a post on Telegram that", "said
  on its Telegram channel that") are reports like "said that";
* an armed group saying its fighters did the act the story told ("had carried out the
  attack", "had fired the mortars"), or giving its toll ("the rebels said their fighters had
  killed 15 soldiers"), claims it;
* air defences that "destroyed 20 drones" count a drone attack; "will pay a heavy price" is
  a threat.
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


def _of_type(events, key: str):
    return [e for e in events if e.type == key]


def _names(refs) -> set[str]:
    return {a.name for a in refs if not a.unidentified}


# --- ", accusing X of ..." after a report or an act ----------------------------------------


def test_accusing_after_a_closing_report_is_the_speakers_accusation(extractor) -> None:
    events = _events(
        extractor,
        "An Israeli drone strike on a motorcycle near Tyre killed a man on Monday, the "
        "Lebanese health ministry said, accusing Israel of breaching the truce.",
    )
    strike = _of_type(events, "drone_strike")
    [acc] = _of_type(events, "accusation")
    assert strike and strike[0].date.value == "2026-03-09"
    assert "Lebanese health ministry" in _names(acc.agents)
    assert any("Israel" in a.name for a in acc.targets)
    # Monday is the strike's day; the accusation has no day of its own
    assert acc.date.value is None


def test_accusing_after_a_condemnation_takes_its_day(extractor) -> None:
    events = _events(
        extractor,
        "Iraq's foreign ministry condemned the shelling on Tuesday, accusing Turkey of "
        "violating Iraqi sovereignty.",
    )
    [acc] = _of_type(events, "accusation")
    assert _of_type(events, "statement")
    assert acc.date.value == "2026-03-10"
    assert any("Turk" in a.name for a in acc.targets)


def test_accusing_after_an_act_is_said_by_its_doer(extractor) -> None:
    events = _events(
        extractor,
        "Al-Shabaab fighters stormed a village near Afgoye on Sunday. On Monday, its fighters "
        "executed two elders in the village square, accusing them of spying for the army.",
    )
    [acc] = _of_type(events, "accusation")
    assert "al-Shabaab" in _names(acc.agents)
    # the killing stays the news; the army named in the accusation was not hit by it
    [killing] = [e for e in events if top_key(e.type) in ("killing", "attack") and e is not acc][
        -1:
    ]
    assert "al-Shabaab" in _names(killing.agents)
    assert not any("army" in a.name.lower() for a in killing.targets)


def test_blaming_names_the_doer_of_an_unattributed_act(extractor) -> None:
    events = _events(
        extractor,
        "A roadside bomb killed four soldiers near Beledweyne on Saturday, the regional "
        "governor said, blaming al-Shabaab.",
    )
    [bomb] = [e for e in events if top_key(e.type) == "attack"]
    assert "al-Shabaab" in _names(bomb.agents)
    assert "al-Shabaab" not in _names(bomb.targets)
    assert _of_type(events, "accusation")


@pytest.mark.parametrize(
    "text",
    [
        # a motive told with the act, not a speech act hung on a report
        "Soldiers detained three traders after accusing them of smuggling fuel to the rebels "
        "near Gao on Friday.",
        '"We are not the ones to blame," he said, instead of blaming the army for the delay.',
    ],
)
def test_gerund_accusing_is_no_accusation(extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if e.trigger.lower() in ("accusing", "blaming")]


# --- coreference to the armed group named before -------------------------------------------


@pytest.mark.parametrize(
    ("second", "verb"),
    [
        ("On Tuesday, its fighters abducted six traders on the road to Bama.", "abducted"),
        ("The militia raided the village of Kasenyi on Tuesday.", "raided"),
        ("Last week, the insurgents attacked a police post near Gwoza.", "attacked"),
    ],
)
def test_its_fighters_and_the_militia_are_the_group_named_before(
    extractor, second: str, verb: str
) -> None:
    text = f"Boko Haram fighters burned a school in Konduga on Sunday.\n\n{second}"
    [ev] = [e for e in _events(extractor, text) if e.trigger.lower().startswith(verb)]
    assert "Boko Haram" in _names(ev.agents)


def test_its_troops_are_no_armed_group(extractor) -> None:
    text = (
        "Boko Haram fighters burned a school in Konduga on Sunday.\n\n"
        "The army said its troops raided a camp near Bama on Tuesday."
    )
    [ev] = [e for e in _events(extractor, text) if e.trigger.lower() == "raided"]
    assert "Boko Haram" not in _names(ev.agents)


# --- reports on platforms --------------------------------------------------------------------


def test_wrote_on_x_that_is_a_report_not_a_doer(extractor) -> None:
    events = _events(
        extractor,
        "The Lebanese army wrote on X that an Israeli drone had dropped a grenade near one of "
        "its patrols in Kfar Kila on Tuesday.",
    )
    [strike] = _of_type(events, "drone_strike")
    assert not any("Lebanese" in a.name for a in strike.agents)


def test_said_on_its_telegram_channel_that_air_defences_destroyed_drones(extractor) -> None:
    events = _events(
        extractor,
        "Russia's Defence Ministry said on its Telegram channel that air defences had "
        "destroyed 23 Ukrainian drones over the Kursk region overnight.",
    )
    [strike] = _of_type(events, "drone_strike")
    assert any("Ukrain" in a.name for a in strike.agents)
    assert not any("Russia" in a.name for a in strike.agents)


def test_said_in_a_post_on_telegram_that_its_forces_did_it(extractor) -> None:
    events = _events(
        extractor,
        "The Russian Defence Ministry said in a post on Telegram that its forces had struck "
        "a Ukrainian ammunition depot near Kupiansk.",
    )
    [ev] = [e for e in events if e.trigger.lower() == "struck"]
    assert any("Russia" in a.name for a in ev.agents)


# --- a group's claim of the act told before ----------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "The group said in a statement on its Radio Andalus that its fighters had carried out "
        "the attack.",
        "Al-Shabaab wrote on Telegram that its fighters had carried out the attack.",
    ],
)
def test_group_says_its_fighters_carried_out_the_attack(extractor, second: str) -> None:
    text = (
        "Al-Shabaab fighters attacked an army base near Balcad on Monday, killing four "
        f"soldiers.\n\n{second}"
    )
    events = _events(extractor, text)
    [claim] = _of_type(events, "claim_of_responsibility")
    assert "al-Shabaab" in _names(claim.agents)
    assert len([e for e in events if top_key(e.type) == "attack"]) == 1


def test_group_says_its_fighters_fired_the_mortars(extractor) -> None:
    text = (
        "Mortar shells landed near the airport in Mogadishu on Tuesday, wounding two guards."
        "\n\nAl-Shabaab said in a statement that its fighters had fired the mortars."
    )
    [claim] = _of_type(_events(extractor, text), "claim_of_responsibility")
    assert "al-Shabaab" in _names(claim.agents)


def test_the_rebels_give_their_toll_a_claim(extractor) -> None:
    text = (
        "Fighters of the Azawad Liberation Front ambushed an army convoy near Anefis on "
        "Tuesday.\n\nThe rebels said in a post on X that their fighters had killed 20 soldiers."
    )
    events = _events(extractor, text)
    [claim] = _of_type(events, "claim_of_responsibility")
    assert claim.quantities.get("killed") == 20
    assert "Azawad Liberation Front" in _names(claim.agents)
    # the claimed toll is not the ambush's own
    assert all(e.quantities.get("killed") != 20 for e in events if e is not claim)


def test_a_group_telling_a_new_act_reports_it(extractor) -> None:
    text = (
        "Fighters of the Azawad Liberation Front ambushed an army convoy near Anefis on "
        "Tuesday.\n\nThe rebels said their fighters had shelled an army camp near Tessalit."
    )
    events = _events(extractor, text)
    assert not _of_type(events, "claim_of_responsibility")
    assert _of_type(events, "shelling")


# --- interceptions and threats -------------------------------------------------------------


def test_air_defences_destroyed_drones_is_a_drone_attack(extractor) -> None:
    events = _events(
        extractor, "Air defences destroyed 14 drones over the Belgorod region on Tuesday night."
    )
    assert _of_type(events, "drone_strike")


def test_will_pay_a_heavy_price_is_a_threat(extractor) -> None:
    events = _events(
        extractor,
        "Israel's defence minister wrote on X on Tuesday that the Houthis would pay a heavy "
        "price for the missile fired at Eilat.",
    )
    assert _of_type(events, "threat")


# --- forces that kill fighters fight them -----------------------------------------------------


def test_a_raid_that_killed_fighters_is_a_clash(extractor) -> None:
    events = _events(
        extractor,
        "On Monday, soldiers raided a camp near Batibo and killed five suspected separatists, "
        "the army said.",
    )
    assert [e.type for e in events if top_key(e.type) in ("armed_clash", "attack")] == [
        "armed_clash"
    ]


def test_a_raid_that_killed_civilians_stays_an_assault(extractor) -> None:
    events = _events(
        extractor, "Troops raided a house in Sokoto on Monday and killed two civilians."
    )
    assert [e.type for e in events if top_key(e.type) in ("armed_clash", "attack")] == [
        "armed_assault"
    ]


# --- what is no event -------------------------------------------------------------------------


def test_a_perfect_negated_since_is_a_state_not_an_act(extractor) -> None:
    assert not _events(extractor, "The militia has not fired at the town since the truce.")
    [ev] = _events(extractor, "The militia did not fire back on Tuesday.")
    assert ev.negated


def test_photographs_of_burned_stalls_are_no_attack(extractor) -> None:
    assert not _events(extractor, "The rebels released photographs of burned stalls.")
    assert _of_type(
        _events(extractor, "Fighters burned dozens of houses in Kasenyi on Monday."), "attack"
    )


def test_troops_deployed_in_the_area_who_fought_are_no_deployment(extractor) -> None:
    events = _events(
        extractor,
        "Rwandan troops deployed in the area exchanged fire with the attackers on Monday.",
    )
    assert not [e for e in events if top_key(e.type) == "deployment_or_mobilization"]
    assert _of_type(events, "armed_clash")
    events = _events(extractor, "Rwandan troops deployed to Palma on Monday.")
    assert [e for e in events if top_key(e.type) == "deployment_or_mobilization"]


# --- speech acts -------------------------------------------------------------------------------


def test_a_charge_the_group_dismissed_is_a_denial(extractor) -> None:
    events = _events(
        extractor,
        "The M23 said the army had shelled Sake on Monday, a claim the militias dismissed.",
    )
    assert [e.trigger for e in _of_type(events, "denial")] == ["dismissed"]
    assert not _events(extractor, "The regional police chief was dismissed on Monday.")


def test_said_it_was_gravely_concerned_is_a_statement(extractor) -> None:
    events = _events(
        extractor,
        'The UN mission said on Wednesday it was "gravely concerned" by the reports from Nasir.',
    )
    assert _of_type(events, "statement")


def test_claimed_that_the_group_had_shot_down_a_drone(extractor) -> None:
    events = _events(
        extractor,
        "The Houthis' military spokesman claimed on Sunday that the group had shot down a US "
        "drone over Marib.",
    )
    [claim] = _of_type(events, "claim_of_responsibility")
    assert "Houthis" in _names(claim.agents)


def test_its_fighters_and_allies_had_killed_is_a_claim(extractor) -> None:
    events = _events(
        extractor,
        "The Depayin PDF said on Tuesday that its fighters and allied groups had killed nine "
        "regime soldiers.",
    )
    [claim] = _of_type(events, "claim_of_responsibility")
    assert claim.quantities.get("killed") == 9


def test_denied_targeting_civilians_is_a_denial(extractor) -> None:
    events = _events(extractor, "In a statement, the RSF denied targeting civilians in El Fasher.")
    assert [e.type for e in events] == ["denial"]
    # a named act denied stays that act, negated
    events = _events(
        extractor, "Turkey's defence ministry denied carrying out a drone strike on the camp."
    )
    assert [(e.type, e.negated) for e in events] == [("drone_strike", True)]


# --- threats ------------------------------------------------------------------------------------


def test_would_pay_a_heavy_price_is_the_speakers_threat(extractor) -> None:
    events = _events(
        extractor,
        'Israel\'s defence minister wrote on X that the Houthis would "pay a heavy price" '
        "for the attack.",
    )
    [threat] = _of_type(events, "threat")
    assert "Houthis" in _names(threat.targets)
    assert "Houthis" not in _names(threat.agents)


def test_will_not_go_unanswered_is_a_threat(extractor) -> None:
    events = _events(
        extractor, 'The Taliban spokesman warned that the "aggression will not go unanswered".'
    )
    assert _of_type(events, "threat")


def test_a_lockdown_declared_by_an_armed_group_is_a_threat(extractor) -> None:
    events = _events(
        extractor,
        "The Ambazonia Defence Forces have declared a ten-day lockdown across the North West "
        "region.",
    )
    assert _of_type(events, "threat")
    assert not _of_type(
        _events(extractor, "The government imposed a two-week lockdown in the capital."), "threat"
    )


def test_a_spokesman_for_the_group_claims_its_fighters_act(extractor) -> None:
    text = (
        "Separatist fighters attacked a gendarmerie post in Kumbo on Sunday. A spokesman for "
        "the Ambazonia Defence Forces wrote on Facebook that its fighters had carried out the "
        "attack."
    )
    assert _of_type(_events(extractor, text), "claim_of_responsibility")


def test_a_charge_rejected_has_its_own_day_not_the_charges(extractor) -> None:
    events = _events(
        extractor,
        "Baghdad accused Damascus last month of failing to secure the border, a charge Syrian "
        "officials rejected.",
    )
    [denial] = _of_type(events, "denial")
    assert denial.date.value is None
    [acc] = _of_type(events, "accusation")
    assert acc.date.value == "2026-02"
    events = _events(
        extractor,
        "India said the attack was staged, an allegation Pakistan's foreign ministry rejected "
        "on Sunday as baseless.",
    )
    [denial] = _of_type(events, "denial")
    assert denial.date.value == "2026-03-08"
