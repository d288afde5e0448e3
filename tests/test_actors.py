"""Canonical actors: the curated registry, name resolution and the sentence scanner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.actors import KINDS, ActorMatch, ActorRegistry, CanonicalActor
from kb.actors.normalize import fold, normalize_name
from kb.actors.vocabulary import guess_kind
from kb.errors import InputError, NotFoundError


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    # A private instance: add_alias in one test must not leak into the shared default.
    return ActorRegistry.load()


def found(registry: ActorRegistry, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor.key) for m in registry.find(text)]


def keys(registry: ActorRegistry, text: str) -> list[str]:
    return [m.actor.key for m in registry.find(text)]


# --------------------------------------------------------------------------------------------
# The registry file
# --------------------------------------------------------------------------------------------


def test_registry_loads_at_least_150_actors(registry: ActorRegistry) -> None:
    actors = list(registry)
    assert len(actors) >= 150
    assert {a.kind for a in actors} <= set(KINDS)
    for kind in (
        "state_military",
        "security_service",
        "government",
        "armed_group",
        "coalition",
        "media",
    ):
        assert sum(a.kind == kind for a in actors) >= 5, kind


def test_actor_keys_iris_and_countries_are_well_formed(registry: ActorRegistry) -> None:
    for actor in registry:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", actor.key), actor.key
        assert actor.iri == f"https://w3id.org/kb/id/actor/{actor.key}"
        assert actor.country is None or re.fullmatch(r"[A-Z]{2}", actor.country), actor.key
        if actor.parent is not None:
            assert registry.get(actor.parent) is not None, actor.key


def test_the_actors_conflict_reporting_names_are_there(registry: ActorRegistry) -> None:
    expected = {
        "ISIS": "islamic-state",
        "Daesh": "islamic-state",
        "ISWAP": "islamic-state-west-africa-province",
        "IS-K": "islamic-state-khorasan-province",
        "AQAP": "al-qaeda-in-the-arabian-peninsula",
        "JNIM": "jnim",
        "al-Shabaab": "al-shabaab",
        "Nusra Front": "hayat-tahrir-al-sham",
        "Boko Haram": "boko-haram",
        "TTP": "tehrik-i-taliban-pakistan",
        "Qassam Brigades": "qassam-brigades",
        "Ansar Allah": "houthis",
        "Hashd al-Shaabi": "popular-mobilization-forces",
        "YPG": "ypg",
        "Africa Corps": "russian-africa-corps",
        "RSF": "rapid-support-forces",
        "ISPR": "ispr",
        "Quds Force": "quds-force",
        "MIT": "turkish-national-intelligence-organization",
        "Operation Inherent Resolve": "global-coalition-against-daesh",
        "UNIFIL": "unifil",
        "INA": "iraqi-news-agency",
        "NNA": "national-news-agency",
        "SOHR": "syrian-observatory-for-human-rights",
        "Counter-Terrorism Service": "iraqi-counter-terrorism-service",
        "CENTCOM": "centcom",
    }
    for name, key in expected.items():
        assert registry.resolve(name).key == key, name
    assert registry.get("islamic-state-west-africa-province").parent == "islamic-state"
    assert registry.get("centcom").parent == "us-military"


def test_every_name_and_alias_resolves_to_its_actor(registry: ActorRegistry) -> None:
    checked = 0
    for actor in registry:
        for name in (actor.label, *actor.aliases):
            assert registry.resolve(name).key == actor.key, (name, actor.key)
            checked += 1
    assert checked > 1000


def test_a_name_shared_by_two_actors_is_refused() -> None:
    a = CanonicalActor("alpha-front", "Alpha Front", "armed_group", aliases=("The Front",))
    b = CanonicalActor("beta-front", "Beta Front", "armed_group", aliases=("the front",))
    with pytest.raises(InputError, match="shared by two actors"):
        ActorRegistry([a, b])


def test_a_malformed_registry_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "actors.ttl"
    bad.write_text(
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix kb: <https://w3id.org/kb/ns#> .\n"
        '<https://w3id.org/kb/id/actor/foo> a sem:Actor ; skos:prefLabel "Foo" ; kb:actorKind "militia" .\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"actors\.ttl.*'foo'.*militia"):
        ActorRegistry.load(bad)
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="not valid Turtle"):
        ActorRegistry.load(bad)


def test_default_is_loaded_once() -> None:
    assert ActorRegistry.default() is ActorRegistry.default()


# --------------------------------------------------------------------------------------------
# Normalised and fuzzy resolution
# --------------------------------------------------------------------------------------------


def test_fold_keeps_offsets() -> None:
    text = "Hay\u2019at Ta\u1e25r\u012br al\u2011Sh\u0101m \u2014 \u00c9lys\u00e9e"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Hay'at Tahrir al Sham   Elysee"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the Popular Mobilisation Force", "popular-mobilization-forces"),
        ("AL QAIDA", "al-qaeda"),
        ("Hay\u2019at Ta\u1e25r\u012br al-Sh\u0101m", "hayat-tahrir-al-sham"),
        ("hayat tahrir sham", "hayat-tahrir-al-sham"),
        ("Syrian Democratic Force", "syrian-democratic-forces"),
        ("Israeli Defence Force", "israel-defense-forces"),
        ("the houthi", "houthis"),
        ("Lebanese Armed Forces.", "lebanese-armed-forces"),
    ],
)
def test_normalised_names_resolve(registry: ActorRegistry, name: str, key: str) -> None:
    assert registry.resolve(name).key == key


def test_normalisation_rules() -> None:
    assert normalize_name("The Popular Mobilisation Forces") == "popular mobilisation force"
    assert normalize_name("al-Qa'ida") == normalize_name("Al Qaida") == "qaida"
    assert normalize_name("Hamas") == "hamas"  # no blanket plural stripping: Hamas is not Hama
    assert normalize_name("People's Protection Units") == "people protection unit"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Hayat Tahrir al-Shams", "hayat-tahrir-al-sham"),
        ("Asaib Ahl al-Haqq", "asaib-ahl-al-haq"),
        ("Syrian Observatory for Human Right", "syrian-observatory-for-human-rights"),
        ("Islamic Jihaad", "palestinian-islamic-jihad"),
    ],
)
def test_spelling_variants_resolve_fuzzily(registry: ActorRegistry, name: str, key: str) -> None:
    assert registry.lookup(name) is None  # not an exact or normalised hit...
    assert registry.resolve(name).key == key  # ...but a fuzzy one


def test_near_misses_do_not_match_fuzzily() -> None:
    only_is = ActorRegistry(
        [CanonicalActor("islamic-state", "Islamic State", "armed_group", aliases=("ISIS",))]
    )
    assert only_is.resolve("Islamic Jihad").key == "x-islamic-jihad"
    assert only_is.resolve("Islamic States Party").key != "islamic-state"
    # short acronyms never match fuzzily
    assert only_is.resolve("ISIK").key == "x-isik"
    assert only_is.resolve("is").key != "islamic-state"


def test_islamic_jihad_is_not_islamic_state(registry: ActorRegistry) -> None:
    assert registry.resolve("Islamic Jihad").key == "palestinian-islamic-jihad"
    assert keys(registry, "Islamic Jihad fighters fired rockets.") == ["palestinian-islamic-jihad"]


# --------------------------------------------------------------------------------------------
# Minting
# --------------------------------------------------------------------------------------------


def test_unknown_names_are_minted_deterministically(registry: ActorRegistry) -> None:
    actor = registry.resolve("the Sinjar Resistance Units")
    assert actor.key == "x-sinjar-resistance-unit"
    assert actor.label == "Sinjar Resistance Units"
    assert actor.kind == "armed_group"
    assert actor.minted
    assert registry.get(actor.key) == actor
    assert ActorRegistry.load().resolve("Sinjar Resistance Units").key == actor.key


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Chadian army", "state_military", "TD"),
        ("Tribal Army of the South", "armed_group", None),
        ("Kenyan police", "security_service", "KE"),
        ("Ministry of Water Resources", "government", None),
        ("Radio Dabanga", "media", None),
        ("Kurdish gunmen", "armed_group", None),
        ("displaced residents", "civilians", None),
        ("Abu Ali al-Ansari", "person", None),
        ("Jaish al-Nasr", "armed_group", None),
        ("Nasr Trading Company", "organization", None),
    ],
)
def test_minted_kind_is_guessed_from_the_head_noun(
    name: str, kind: str, country: str | None
) -> None:
    assert guess_kind(name) == (kind, country)


# --------------------------------------------------------------------------------------------
# Demonyms, countries and capitals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "mention", "key"),
    [
        ("Iraqi forces advanced on the town.", "Iraqi forces", "iraqi-security-forces"),
        ("Iraqi troops took the bridge.", "Iraqi troops", "iraqi-security-forces"),
        ("He fled Iraqi security forces.", "Iraqi security forces", "iraqi-security-forces"),
        ("Lebanese troops deployed south.", "Lebanese troops", "lebanese-armed-forces"),
        ("Israeli warplanes pounded the hills.", "Israeli warplanes", "israel-defense-forces"),
        ("Turkish drones hit a car.", "Turkish drones", "turkish-armed-forces"),
        ("The Syrian army shelled the area.", "Syrian army", "syrian-army"),
        ("Syrian government forces shelled it.", "Syrian government forces", "syrian-army"),
        ("Syrian authorities closed the crossing.", "Syrian authorities", "syrian-government"),
        ("Iraqi police arrested him.", "Iraqi police", "iraqi-police"),
        ("Israel's military said so.", "Israel's military", "israel-defense-forces"),
        ("An Israeli strike killed two.", "Israeli", "israel-defense-forces"),
        ("US officials said it was over.", "US officials", "us-government"),
    ],
)
def test_demonym_bodies(registry: ActorRegistry, sentence: str, mention: str, key: str) -> None:
    assert (mention, key) in found(registry, sentence)


def test_a_country_without_a_curated_body_gets_a_minted_one(registry: ActorRegistry) -> None:
    [match] = registry.find("Eritrean troops crossed the border.")
    assert match.actor.key == "x-eritrean-military"
    assert (match.actor.kind, match.actor.country) == ("state_military", "ER")


def test_sponsored_and_opposed_groups_are_not_the_sponsor(registry: ActorRegistry) -> None:
    matches = registry.find(
        "Iran-backed militias and pro-Turkish factions clashed with U.S.-backed forces."
    )
    assert [m.actor.kind for m in matches] == ["armed_group", "armed_group", "armed_group"]
    assert not {m.actor.key for m in matches} & {
        "iranian-armed-forces",
        "turkish-armed-forces",
        "us-military",
    }
    assert keys(registry, "Al-Qaeda-linked fighters raided the base.") == ["al-qaeda"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Damascus said the talks would resume.", [("Damascus", "syrian-government")]),
        ("Washington warned of sanctions.", [("Washington", "us-government")]),
        ("Tehran has denied any role.", [("Tehran", "iranian-government")]),
        ("Moscow launched a new offensive.", [("Moscow", "russian-armed-forces")]),
        ("The Kremlin rejected the offer.", [("Kremlin", "russian-government")]),
        (
            "It marked rare cooperation between Damascus and Beirut.",
            [("Damascus", "syrian-government"), ("Beirut", "lebanese-government")],
        ),
        ("Israel struck targets in Gaza.", [("Israel", "israel-defense-forces")]),
        ("Israel said it would respond.", [("Israel", "israeli-government")]),
        (
            "Israel struck a deal with Hamas.",
            [("Israel", "israeli-government"), ("Hamas", "hamas")],
        ),
        (
            "The truce was mediated by Egypt and Qatar.",
            [("Egypt", "egyptian-government"), ("Qatar", "qatari-government")],
        ),
        (
            "Israel and Hamas agreed to a truce.",
            [("Israel", "israeli-government"), ("Hamas", "hamas")],
        ),
    ],
)
def test_capitals_and_countries_act_as_governments_or_militaries(
    registry: ActorRegistry, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(registry, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The road between Damascus and Beirut was closed.",
        "He was born in Damascus and moved to Beirut.",
        "A strike on the border between Iraq and Syria has sent ripples through the region.",
        "Prices in Turkey rose, and Iran remains under sanctions.",
    ],
)
def test_places_are_not_actors(registry: ActorRegistry, sentence: str) -> None:
    assert found(registry, sentence) == []


@pytest.mark.parametrize(
    ("name", "family", "key"),
    [
        ("Israel", "military", "israel-defense-forces"),
        ("Israel", "political", "israeli-government"),
        ("Israel", None, "israeli-government"),
        ("Damascus", None, "syrian-government"),
        ("Moscow", "military", "russian-armed-forces"),
        ("Beirut", "political", "lebanese-government"),
        ("Lebanese troops", None, "lebanese-armed-forces"),
        ("the Iraqis", "military", "iraqi-security-forces"),
    ],
)
def test_resolving_a_country_follows_the_event_family(
    registry: ActorRegistry, name: str, family: str | None, key: str
) -> None:
    assert registry.resolve(name, event_family=family).key == key


def test_an_unknown_event_family_is_refused(registry: ActorRegistry) -> None:
    with pytest.raises(InputError, match="event_family"):
        registry.resolve("Israel", event_family="war")


# --------------------------------------------------------------------------------------------
# Unidentified actors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("An unidentified drone struck the car.", "unidentified drone"),
        ("Unknown gunmen opened fire.", "Unknown gunmen"),
        ("Gunmen stormed the village.", "Gunmen"),
        ("Unidentified assailants threw a grenade.", "Unidentified assailants"),
        ("A drone of unknown origin hit the truck.", "drone of unknown origin"),
        ("Militants attacked the checkpoint.", "Militants"),
    ],
)
def test_unidentified_perpetrators(registry: ActorRegistry, sentence: str, mention: str) -> None:
    [match] = registry.find(sentence)
    assert match.text == mention
    assert match.unidentified
    assert match.actor.key == "unidentified"
    assert match.actor.kind == "unidentified"
    assert match.to_ref().unidentified


def test_unidentified_is_never_a_named_actor(registry: ActorRegistry) -> None:
    for phrase in (
        "unknown gunmen",
        "an unidentified drone",
        "a drone of unknown origin",
        "militants",
    ):
        assert registry.resolve(phrase).key == "unidentified"
    named = [a for a in registry if a.kind != "unidentified"]
    assert all(a.key != "unidentified" for a in named)
    # a group's members are the group, never "unidentified"; a plain drone is nobody
    [isis] = registry.find("ISIS militants attacked the checkpoint.")
    assert (isis.actor.key, isis.unidentified) == ("islamic-state", False)
    [loyal] = registry.find("Militants loyal to the Islamic State attacked.")
    assert (loyal.actor.key, loyal.unidentified) == ("islamic-state", False)
    assert registry.find("A drone hovered over the base.") == []


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


def test_a_leader_and_his_deputy(registry: ActorRegistry) -> None:
    leader, deputy = registry.find("The strike hit a senior ISIS leader and his deputy.")
    assert leader.text == "senior ISIS leader"
    assert leader.actor.key == "person-islamic-state-leader"
    assert (leader.actor.kind, leader.actor.affiliation, leader.person_role) == (
        "person",
        "islamic-state",
        "leader",
    )
    assert leader.actor.label == "Islamic State leader"
    assert deputy.text == "his deputy"
    assert deputy.actor.key == "person-islamic-state-deputy-leader"
    assert deputy.actor.label == "Islamic State deputy leader"
    assert deputy.to_ref().affiliation == "islamic-state"


@pytest.mark.parametrize(
    ("text", "key", "role"),
    [
        ("an Islamic State commander", "person-islamic-state-commander", "commander"),
        ("a Hezbollah official", "person-hezbollah-official", "official"),
        ("the leader of Hamas", "person-hamas-leader", "leader"),
        (
            "a spokesman for the Lebanese army",
            "person-lebanese-armed-forces-spokesman",
            "spokesman",
        ),
        ("a Taliban fighter", "person-taliban-member", "member"),
    ],
)
def test_people_by_role(registry: ActorRegistry, text: str, key: str, role: str) -> None:
    [match] = registry.find(f"Reports said {text} was killed.")
    assert (match.actor.key, match.actor.kind, match.person_role) == (key, "person", role)
    assert registry.resolve(text).key == key


def test_named_people_with_and_without_the_registry(registry: ActorRegistry) -> None:
    [shukr] = registry.find("Hezbollah commander Fuad Shukr was killed.")
    assert (shukr.actor.key, shukr.actor.parent, shukr.person_role) == (
        "fuad-shukr",
        "hezbollah",
        "commander",
    )
    [new] = registry.find("Hezbollah commander Samir Haddad was killed.")
    assert (new.actor.key, new.actor.kind, new.actor.parent) == (
        "x-samir-haddad",
        "person",
        "hezbollah",
    )
    [pm] = registry.find("Iraqi Prime Minister Mohammed Shia al-Sudani spoke.")
    assert (pm.actor.key, pm.actor.affiliation) == ("mohammed-shia-al-sudani", "iraqi-government")
    assert registry.resolve("Abu Bakr al-Baghdadi").affiliation == "islamic-state"
    assert registry.resolve("Mohammed al-Sudani").key == "mohammed-shia-al-sudani"


# --------------------------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------------------------


def test_find_returns_sorted_non_overlapping_matches_with_offsets(registry: ActorRegistry) -> None:
    text = (
        "Iraqi forces and Hezbollah fighters clashed, AFP reported, citing the Syrian Observatory."
    )
    matches = registry.find(text)
    assert [m.actor.key for m in matches] == [
        "iraqi-security-forces",
        "hezbollah",
        "afp",
        "syrian-observatory-for-human-rights",
    ]
    assert all(isinstance(m, ActorMatch) and text[m.start : m.end] == m.text for m in matches)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))


def test_short_acronyms_are_case_sensitive(registry: ActorRegistry) -> None:
    assert found(registry, "It is what it is, un-named sources said.") == []
    assert keys(registry, "IS fighters and UN staff left.") == ["islamic-state", "united-nations"]
    assert found(registry, "IS IT OVER FOR THE ECONOMY") == []  # a shouted headline


def test_hidden_aliases_resolve_but_are_not_scanned(registry: ActorRegistry) -> None:
    assert registry.resolve("Dawn").key == "dawn"
    assert registry.resolve("Fars").key == "fars-news-agency"
    assert found(registry, "Police raided the house at dawn in Fars province.") == []
    assert keys(registry, "Fars news agency said the blast killed two.") == ["fars-news-agency"]


def test_unknown_organisations_are_minted(registry: ActorRegistry) -> None:
    [free] = registry.find("The Sinjar Resistance Units took the hill.")
    assert (free.text, free.actor.key, free.actor.kind) == (
        "Sinjar Resistance Units",
        "x-sinjar-resistance-unit",
        "armed_group",
    )
    [jaish] = registry.find("Jaish al-Nasr militants attacked a checkpoint.")
    assert (jaish.actor.key, jaish.actor.kind) == ("x-jaish-nasr", "armed_group")
    # an Arabic group word opens a new name even when the rest is a known alias
    assert keys(registry, "Jaish al-Fatah fighters advanced.") == ["x-jaish-fatah"]


def test_add_alias() -> None:
    registry = ActorRegistry.load()
    assert registry.resolve("Tanzim al-Wilayat").key != "islamic-state"
    registry.add_alias("Tanzim al-Wilayat", "islamic-state")
    assert registry.resolve("Tanzim al-Wilayat").key == "islamic-state"
    assert keys(registry, "Tanzim al-Wilayat claimed the bombing.") == ["islamic-state"]
    with pytest.raises(NotFoundError, match="no-such-group"):
        registry.add_alias("Whoever", "no-such-group")
    with pytest.raises(InputError):
        registry.add_alias("  ", "islamic-state")
