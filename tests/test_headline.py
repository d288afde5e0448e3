"""Generated incident headlines: subject and verb agree, whatever the actor's name."""

from __future__ import annotations

import pytest

from kb.link.headline import headline


@pytest.mark.parametrize(
    ("type_key", "agents", "targets", "expected"),
    [
        # A plural head noun takes a plural verb ...
        ("arrest", ["Iraqi security forces"], ["smugglers"], "Iraqi security forces arrest smugglers"),
        ("drone_strike", ["Unidentified attackers"], ["a convoy"], "Unidentified attackers strike a convoy"),
        ("airstrike", ["Unidentified attackers"], [], "Unidentified attackers carry out airstrike"),
        ("denial", ["Popular Mobilization Forces"], [], "Popular Mobilization Forces deny involvement"),
        ("claim_of_responsibility", ["Houthis"], ["a tanker"], "Houthis claim responsibility for attack on a tanker"),
        ("armed_clash", ["Kenyan police"], ["gunmen"], "Kenyan police clash with gunmen"),
        ("reinforcement", ["Lebanese Armed Forces"], [], "Lebanese Armed Forces reinforce positions"),
        # ... and so do two subjects ...
        ("attack", ["Islamic State", "al-Qaeda"], ["the army"], "Islamic State and al-Qaeda attack the army"),
        # ... while names that merely end in "s" stay singular.
        ("statement", ["United States"], [], "United States issues statement"),
        ("armed_clash", ["Hamas"], ["Israeli forces"], "Hamas clashes with Israeli forces"),
        ("drone_strike", ["Unidentified drone"], ["a truck"], "Unidentified drone strikes a truck"),
    ],
)  # fmt: skip
def test_subject_and_verb_agree(type_key, agents, targets, expected):
    assert headline(type_key, agents, targets, [], []) == expected


def test_cooperation_agrees_with_its_first_party_and_places_follow():
    text = headline(
        "security_coordination", ["Iraqi security forces"], [], ["Syrian army"], ["Al Qa'im (Iraq)"]
    )
    assert text == "Iraqi security forces coordinate security with Syrian army, Al Qa'im (Iraq)"
    text = headline("agreement", ["Iraqi government"], [], ["Syrian government"], [])
    assert text == "Iraqi government reaches agreement with Syrian government"


@pytest.mark.parametrize(
    ("type_key", "targets", "expected"),
    [
        ("arrest", ["militants"], "Arrests of militants"),
        ("killing", ["a local commander"], "Killing of a local commander"),
        ("abduction", ["aid workers"], "Abduction of aid workers"),
        ("drone_strike", ["a convoy"], "Drone strike targets a convoy"),
        ("arrest", [], "Arrests"),
    ],
)
def test_without_a_doer_the_act_is_named_with_its_target(type_key, targets, expected):
    assert headline(type_key, [], targets, [], []) == expected


@pytest.mark.parametrize(
    ("type_key", "agents", "expected"),
    [
        ("protest", ["Protesters"], "Protesters protest, Abidjan (Ivory Coast)"),
        ("protest", ["Teachers' union"], "Teachers' union protests, Abidjan (Ivory Coast)"),
        ("riot", ["Rioters"], "Rioters riot, Abidjan (Ivory Coast)"),
        (
            "reinforcement",
            ["Lebanese army"],
            "Lebanese army reinforces positions, Abidjan (Ivory Coast)",
        ),
    ],
)
def test_acts_without_an_object_end_without_a_dangling_preposition(type_key, agents, expected):
    """A protest (an ACLED row's "Protesters" and nothing else) names no one it is against."""
    assert headline(type_key, agents, ["the government"], [], ["Abidjan (Ivory Coast)"]) == expected
