"""Extraction rules of session 15 (from the error analysis of held-out corpus 11).

Each test uses sentences of its own: a correction notice telling what an earlier version of
a story wrongly said (not an event), a speaker's "its troops had chased ... and killed"
with a longer first verb phrase (the speaker's forces did it), an act noun followed by
", in which <group> fighters killed ..." (the group is the doer, not a target), and
fighters attacking a village with no weapon named (a ground assault).
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.eventtypes import top_key
from kb.extract.pipeline import Extractor
from kb.model import Article

PUB = dt.date(2026, 6, 10)  # a Wednesday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str):
    return ex.extract(Article(id="s15", text=text, published=PUB))


def _names(actors) -> set[str]:
    return {a.name for a in actors}


@pytest.mark.parametrize(
    "note",
    [
        "An earlier version of this story said 14 policemen had been killed in the ambush.",
        "A previous version of this report, published on June 8, said militants had "
        "abducted 30 pupils from the school.",
        "The original version of this article said the drone strike hit a hospital.",
    ],
)
def test_earlier_version_of_a_story_is_not_an_event(ex: Extractor, note: str) -> None:
    assert _events(ex, note) == []


def test_correction_keeps_the_corrected_fact(ex: Extractor) -> None:
    text = (
        "Gunmen attacked a police station in Bannu on Monday, killing four officers. "
        "An earlier version of this article said six officers had been killed."
    )
    events = _events(ex, text)
    assert len(events) == 1
    assert events[0].quantities.get("killed") == 4


def test_speaker_troops_chased_then_killed(ex: Extractor) -> None:
    text = (
        "Kenya's army said its soldiers had chased the gunmen into the forest and "
        "killed three of them on Tuesday."
    )
    events = [e for e in _events(ex, text) if top_key(e.type) == "killing"]
    assert events, "the killing is read"
    assert all(not a.unidentified for a in events[0].agents)
    assert any("Kenya" in a.name or "Kenyan" in a.name for a in events[0].agents)


def test_short_verb_phrase_still_reads_the_speaker(ex: Extractor) -> None:
    text = "Kenya's army said its soldiers had chased and killed three gunmen on Tuesday."
    events = _events(ex, text)
    assert events and any("Kenya" in a.name for a in events[0].agents)


def test_in_which_names_the_doer_of_the_act_noun(ex: Extractor) -> None:
    text = (
        "Sunday's attack on an army outpost near Gao, in which JNIM fighters killed nine "
        "soldiers, was the deadliest this month."
    )
    attacks = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert attacks
    agents = _names(attacks[0].agents)
    assert any("Nusrat" in name for name in agents), agents
    assert not agents & _names(attacks[0].targets)


def test_in_which_with_a_passive_leaves_the_doer_unknown(ex: Extractor) -> None:
    text = "The attack on the market in Gao, in which 12 people were killed, was condemned."
    attacks = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert attacks
    assert all(a.unidentified for a in attacks[0].agents)


def test_fighters_attacking_a_village_is_a_ground_assault(ex: Extractor) -> None:
    text = "Rebel fighters attacked a village near Beni on Monday, killing seven farmers."
    attacks = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert [e.type for e in attacks] == ["armed_assault"]


def test_drones_on_a_village_stay_a_drone_strike(ex: Extractor) -> None:
    text = "Rebel fighters attacked a village near Beni with drones on Monday, killing two."
    attacks = [e for e in _events(ex, text) if top_key(e.type) in ("attack", "air_or_drone_strike")]
    assert [e.type for e in attacks] == ["drone_strike"]


def test_counted_repelled_assaults_are_one_clash_of_both_sides(ex: Extractor) -> None:
    text = "Ukrainian troops repelled 23 Russian assaults near Kupiansk on Tuesday."
    events = _events(ex, text)
    assert [e.type for e in events] == ["armed_clash"]
    names = " ".join(sorted(_names(events[0].agents)))
    assert "Ukrain" in names and "Russia" in names


def test_repelled_single_attack_stays_the_attackers_assault(ex: Extractor) -> None:
    text = "Troops repelled an attack by ISWAP fighters on a base in Marte on Tuesday."
    events = _events(ex, text)
    assert [e.type for e in events] == ["armed_assault"]


def test_front_tally_is_not_folded_into_the_strike_told_before(ex: Extractor) -> None:
    text = (
        "A Russian missile strike on a power plant in Kharkiv killed two workers on Monday. "
        "Ukraine's military said on Tuesday its forces had repelled 11 Russian assaults near "
        "Kupiansk over the past day."
    )
    tops = sorted(top_key(e.type) for e in _events(ex, text))
    assert "armed_clash" in tops and len(tops) == 2
