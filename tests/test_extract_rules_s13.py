"""Extraction rules of session 13 (from the error analysis of held-out corpus 9).

Each test uses sentences of its own: a round-up's country heading in capitals scoping its
paragraph ("MALI." over a village the gazetteer lacks), a digest's present-tense items
("- Gunmen kill ..."), a digest's day headings ("March 9, 2026 (Monday)") dating the items
under them, troops "sending"/"rushing"/"ordered" as a reinforcement, reports called
"fabricated", the dead of a gunfight not taken for its sides, armed groups new to the
registry, "Later on Sunday" telling a further strike, an "air operation", "retaliatory
fire", a crowd "protesting", a prisoner "convicted of" (no verdict), a court's "pre-trial
detention" (no arrest), "sentenced ... to death" (no killing), and fire "blamed on" a side
(its doer, not an accusation).
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.pipeline import Extractor
from kb.model import Article

PUB = dt.date(2026, 3, 12)  # a Thursday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = PUB):
    return ex.extract(Article(id="s13", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


def _agent_names(ev) -> set[str]:
    return {a.name for a in ev.agents}


def _countries(ev) -> set[str]:
    return {p.country for p in ev.places if p.country}


# --- a heading country scopes its paragraph --------------------------------------------


ROUNDUP = (
    "Our weekly look at the region.\n\n"
    "NIGERIA. Gunmen abducted 14 farmers near Gusau, Zamfara State, on Monday.\n\n"
    "MALI. Jihadists burned the granaries of Tiguila-Koro village on Tuesday, residents "
    "said.\n\n"
    "OUTLOOK. The dry season will bring more movement."
)


def test_heading_country_places_a_village_the_gazetteer_lacks(ex: Extractor) -> None:
    events = _events(ex, ROUNDUP)
    burned = [e for e in events if "granaries" in e.mention.text]
    assert burned
    # the village is in the paragraph headed MALI, not in the Nigeria of the one before
    assert _countries(burned[0]) == {"ML"}
    abducted = [e for e in events if e.type == "abduction"]
    assert abducted and _countries(abducted[0]) == {"NG"}


def test_a_prose_first_line_is_no_heading(ex: Extractor) -> None:
    text = (
        "Gunmen abducted 14 farmers near Gusau, Zamfara State, on Monday.\n\n"
        "Jihadists burned the granaries of Tiguila-Koro village on Tuesday."
    )
    burned = [e for e in _events(ex, text) if "granaries" in e.mention.text]
    assert burned and "ML" not in _countries(burned[0])


# --- a digest's items in the present, dated by the day heading over them ------------------


DIGEST = (
    "Armed conflicts and attacks\n\n"
    "March 9, 2026 (Monday)\n"
    "- Somali Civil War: Al-Shabaab militants attack a police station in Afgooye, killing "
    "three officers.\n"
    "- Kivu conflict: Soldiers arrest 12 suspected militia members in Beni.\n\n"
    "March 10, 2026 (Tuesday)\n"
    "- Kidnappings in Nigeria: Gunmen abduct 20 passengers on the Abuja-Kaduna highway.\n"
)


def test_digest_items_in_the_present_are_events(ex: Extractor) -> None:
    events = _events(ex, DIGEST)
    attack = [e for e in events if "Afgooye" in e.mention.text]
    assert attack and "al-Shabaab" in _agent_names(attack[0])
    assert [e for e in events if e.type == "arrest"]
    assert [e for e in events if e.type == "abduction"]


def test_digest_day_headings_date_their_items(ex: Extractor) -> None:
    events = _events(ex, DIGEST)
    by_place = {
        "Afgooye": "2026-03-09",
        "Beni": "2026-03-09",
        "Abuja-Kaduna": "2026-03-10",
    }
    for word, day in by_place.items():
        found = [e for e in events if word in e.mention.text]
        assert found, word
        assert found[0].date.value == day, word


def test_present_tense_in_prose_is_no_event(ex: Extractor) -> None:
    text = "Residents fear the militants will attack a village again. Bandits kidnap people here."
    assert not _of(_events(ex, text), "attack")
    assert not [e for e in _events(ex, text) if e.type == "abduction"]


def test_a_date_line_with_more_words_is_no_heading(ex: Extractor) -> None:
    text = (
        "Talks resumed on March 3, 2026, in Doha between the parties\n"
        "- Gunmen kill two traders in Beni, North Kivu.\n"
    )
    found = [e for e in _events(ex, text) if "Beni" in e.mention.text]
    assert found and found[0].date.value != "2026-03-03"


# --- reinforcements told in the progressive, gerund or as an order --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The defence ministry said on Tuesday it was sending additional units to Tillaberi.",
        "The government responded by rushing 12 more companies of police to Jos on Monday.",
        "On Monday the president ordered additional troops to the Lake Chad region.",
    ],
)
def test_reinforcement_in_other_verb_forms(ex: Extractor, text: str) -> None:
    assert [e for e in _events(ex, text) if e.type == "reinforcement"]


# --- a report called untrue is a denial --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The militia called the reports fabricated and said its fighters were far from Tawila.",
        "The militia's spokesman said the reports of a massacre in Tawila were fabricated lies.",
    ],
)
def test_reports_called_fabricated_are_denials(ex: Extractor, text: str) -> None:
    assert [e for e in _events(ex, text) if e.type == "denial"]


# --- the dead of a gunfight are not its sides ---------------------------------------------


def test_the_dead_of_a_gunfight_are_not_its_sides(ex: Extractor) -> None:
    text = "Three men were killed in a gunfight between rival gangs in Tegucigalpa on Monday."
    clashes = _of(_events(ex, text), "armed_clash")
    assert clashes
    assert "civilians" not in _agent_names(clashes[0])


# --- armed groups new to the registry ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Druze militiamen clashed with Bedouin gunmen near Shahba on Monday.",
            "Druze armed factions",
        ),
        ("Police arrested 9 members of Los Choneros in Manta on Monday.", "Los Choneros"),
        (
            "Fighters of the Tariq Bin Ziyad Brigade stormed a checkpoint in Ubari on Monday.",
            "Tariq Bin Ziyad Brigade",
        ),
    ],
)
def test_new_registry_groups(ex: Extractor, text: str, name: str) -> None:
    # ("members of Los Choneros" are the group's members)
    names = {a.name.removesuffix(" member") for e in _events(ex, text) for a in e.actors}
    assert name in names


# --- "Later on Sunday" tells a further strike -------------------------------------------


def test_later_on_the_same_day_is_another_strike(ex: Extractor) -> None:
    text = (
        "An Israeli drone struck a car near Yaroun on Sunday, killing two men. "
        "Later on Sunday, Israeli warplanes carried out strikes on hills near Hermel."
    )
    strikes = _of(_events(ex, text), "air_or_drone_strike")
    assert len(strikes) == 2


# --- military wording: an air operation, retaliatory fire ---------------------------------


def test_air_operation_is_a_strike(ex: Extractor) -> None:
    text = "On 3 March, in an air operation in the Gara region, four PKK members were killed."
    assert _of(_events(ex, text), "air_or_drone_strike")


def test_retaliatory_fire_is_a_fight(ex: Extractor) -> None:
    text = (
        "Militants who fired on the outpost near Tal Tamr on 4 March were hit by retaliatory fire."
    )
    assert _of(_events(ex, text), "armed_clash")


# --- protests, verdicts and court custody --------------------------------------------------


def test_crowd_protesting_is_a_protest(ex: Extractor) -> None:
    text = "Traders shut the Gulu market on Monday, protesting the arrest of a colleague."
    assert _of(_events(ex, text), "protest")


def test_convicted_said_of_a_prisoner_is_no_verdict(ex: Extractor) -> None:
    text = "A man convicted of armed robbery was executed in Qezelhesar prison on Monday."
    events = _events(ex, text)
    assert not [e for e in events if e.type == "other"]
    assert _of(events, "killing")


def test_pre_trial_detention_is_no_arrest(ex: Extractor) -> None:
    text = "On Monday a judge in Quito ordered pre-trial detention for three officers."
    assert not [e for e in _events(ex, text) if e.type == "arrest"]


def test_a_death_sentence_is_no_killing(ex: Extractor) -> None:
    text = "A military court in Kinshasa sentenced four soldiers to death on Monday."
    assert not _of(_events(ex, text), "killing")


# --- fire blamed on a side ---------------------------------------------------------------


def test_act_blamed_on_a_side_is_its_doer_not_an_accusation(ex: Extractor) -> None:
    text = (
        "Shelling blamed on the Rapid Support Forces hit a market in El Obeid on Monday, "
        "killing five people."
    )
    events = _events(ex, text)
    assert not [e for e in events if e.type == "accusation"]
    hits = [e for e in events if e.type == "shelling"]
    assert hits
    assert "Rapid Support Forces" in _agent_names(hits[0])
    assert "Rapid Support Forces" not in {a.name for a in hits[0].targets}


def test_dispatch_of_reinforcements_noun(ex: Extractor) -> None:
    text = "The Interior Ministry announced on Monday the dispatch of reinforcements to Kidal."
    assert [e for e in _events(ex, text) if e.type == "reinforcement"]


# --- a province the headline names picks its namesake town -----------------------------------


def test_headline_province_picks_the_namesake_inside_it(ex: Extractor) -> None:
    text = "Two farmers were shot dead in Bishnupur district on Tuesday, police said."
    plain = _events(ex, text)
    headed = ex.extract(
        Article(id="s13", title="Manipur: fear in the foothills", text=text, published=PUB)
    )
    assert plain and headed

    def regions(ev) -> set[str]:
        return {p.name for p in ev.places if p.level == "region"}

    assert "Manipur" in regions(headed[0])
    assert "Manipur" not in regions(plain[0])


def test_gazetteer_context_regions_break_a_tie_within_a_country() -> None:
    from kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    manipur = gaz.lookup("Manipur", "IN")
    assert manipur is not None
    found = gaz.find("in the Bishnupur hills", ["IN"], context_regions=frozenset({manipur.id}))
    assert found and any(r.id == manipur.id for r in found[0][2].within)


# --- a monitor's tallies, fighters killed on an operation -------------------------------------


def test_tallies_of_coded_events_are_no_incident(ex: Extractor) -> None:
    text = "Protest events in the capital fell to their lowest weekly count since June."
    assert not _events(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers killed nine militants during a clearance operation near Bulo Burde on Monday.",
        "Police said on Monday that seven cadres were killed last week, in an operation in "
        "which 7 cadres were killed near Abujhmarh.",
    ],
)
def test_fighters_killed_on_an_operation_died_in_a_fight(ex: Extractor, text: str) -> None:
    events = _events(ex, text)
    assert [e for e in events if e.type == "armed_clash"]
    assert not [e for e in events if e.type == "killing"]


def test_a_killing_without_an_operation_is_no_fight(ex: Extractor) -> None:
    text = "Soldiers killed nine militants near Bulo Burde on Monday, the army said."
    assert not [e for e in _events(ex, text) if e.type == "armed_clash"]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the governor of Borno banned the movement of motorcycles in Gwoza.",
        "Authorities suspended mobile internet services in Kurram district on Monday.",
    ],
)
def test_bans_and_shutdowns_are_measures(ex: Extractor, text: str) -> None:
    assert [e for e in _events(ex, text) if e.type == "other"]


def test_a_ban_on_a_party_is_no_movement_ban(ex: Extractor) -> None:
    text = "The junta banned the activities of political parties on Monday."
    assert not [e for e in _events(ex, text) if e.type == "other"]


def test_province_heading_places_a_village_in_its_province(ex: Extractor) -> None:
    text = (
        "Daily documentation of incidents.\n\n"
        "Homs governorate:\n"
        "- On 9 March, gunmen shot dead a shepherd near the village of Umm Sharshouh-Tahta.\n\n"
        "Tartus governorate:\n"
        "- On 10 March, gunmen shot dead a farmer near the village of Beit Shakouhi-Fawqa.\n"
    )
    events = _events(ex, text)
    farmer = [e for e in events if "farmer" in e.mention.text]
    assert farmer
    assert "Tartus" in {p.name for p in farmer[0].places if p.level == "region"}
