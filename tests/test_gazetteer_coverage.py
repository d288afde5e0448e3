"""Coverage of the conflict countries added to the small-town list (Latin America, Haiti,
the Philippines ...), the Philippine provinces, and the safeguards that keep everyday
words and people's names from becoming places."""

from __future__ import annotations

import pytest

from kb.gazetteer import Gazetteer
from kb.gazetteer.tables import CONFLICT_COUNTRIES, PROVINCE_SEATS, TOWN_MIN_POPULATION


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _found(gaz: Gazetteer, text: str, *context: str) -> list[tuple[str, str, list[str]]]:
    """(surface text, place ID, names of the containing places) of each mention."""
    return [(p.text or "", p.id, [w.name for w in p.within]) for _, _, p in gaz.find(text, context)]


def test_new_conflict_countries_listed() -> None:
    for cc in "MX CO HT PH VE EC TH BD AM AZ UG RW BI BJ TG MR GN HN GT SV PE".split():
        assert cc in CONFLICT_COUNTRIES
    assert len(set(CONFLICT_COUNTRIES)) == len(CONFLICT_COUNTRIES)
    assert set(TOWN_MIN_POPULATION) <= set(CONFLICT_COUNTRIES)


@pytest.mark.parametrize(
    ("text", "context", "town", "within"),
    [
        # small towns of the new countries, with their region and country
        (
            "Rebels ambushed an army truck near Las Navas, Northern Samar, on Tuesday.",
            "PH",
            "Las Navas",
            ["Eastern Visayas", "Philippines"],
        ),
        (
            "A landmine killed two soldiers in El Tarra on Friday.",
            "CO",
            "El Tarra",
            ["Norte de Santander", "Catatumbo", "Colombia"],
        ),
        (
            "Gunmen set up roadblocks outside Aguililla overnight.",
            "MX",
            "Aguililla",
            ["Michoacan", "Mexico"],
        ),
        (
            "Police traded fire with a gang in Pétion-Ville on Wednesday.",
            "HT",
            "Pétion-Ville",
            ["Ouest", "Haiti"],
        ),
    ],
)
def test_small_towns_of_new_countries(
    gaz: Gazetteer, text: str, context: str, town: str, within: list[str]
) -> None:
    found = _found(gaz, text, context)
    assert found, text
    surface, place_id, chain = found[0]
    assert surface == town
    assert place_id.startswith("geonames:")
    assert chain == within


@pytest.mark.parametrize(
    ("name", "code", "region", "country"),
    [
        ("Northern Samar", "PH-NSA", "Eastern Visayas", "Philippines"),
        ("Maguindanao del Sur", "PH-MGS", "Bangsamoro", "Philippines"),
        ("Sulu", "PH-SLU", "Bangsamoro", "Philippines"),
        ("Basilan", "PH-BAS", "Bangsamoro", "Philippines"),
        ("Samar", "PH-WSA", "Eastern Visayas", "Philippines"),
    ],
)
def test_philippine_provinces_are_regions_in_their_region(
    gaz: Gazetteer, name: str, code: str, region: str, country: str
) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.id == f"iso3166-2:{code}"
    assert place.level == "region" and place.country == "PH"
    assert [w.name for w in place.within] == [region, country]
    assert place.lat is not None  # placed at its seat


def test_every_province_seat_is_a_philippine_code() -> None:
    assert all(code.startswith("PH-") for code in PROVINCE_SEATS)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ouest", "HT-OU"),
        ("Artibonite", "HT-AR"),
        ("Cauca", "CO-CAU"),
        ("Norte de Santander", "CO-NSA"),
        ("Arauca", "CO-ARA"),
        ("Sinaloa", "MX-SIN"),
        ("Michoacán", "MX-MIC"),
        ("Guanajuato", "MX-GUA"),
    ],
)
def test_first_level_regions_of_new_countries(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.lookup(name, code[:2])
    assert place is not None and place.id == f"iso3166-2:{code}"
    assert [w.id for w in place.within] == [gaz.country(code[:2]).id]  # type: ignore[union-attr]


def test_province_in_running_text(gaz: Gazetteer) -> None:
    found = _found(gaz, "Clan fighting in Maguindanao del Sur displaced 600 families.")
    assert [(s, i) for s, i, _ in found] == [("Maguindanao del Sur", "iso3166-2:PH-MGS")]
    # the province, not Samara (Russia), whose alternate name "Samar" was dropped
    found = _found(gaz, "Soldiers clashed with NPA rebels in Samar on Sunday.")
    assert [i for _, i, _ in found] == ["iso3166-2:PH-WSA"]
    # "the department of Arauca" is the department, not its capital
    found = _found(gaz, "The army sent troops to the department of Arauca.", "CO")
    assert [i for _, i, _ in found] == ["iso3166-2:CO-ARA"]


def test_province_qualifies_a_town_of_its_region(gaz: Gazetteer) -> None:
    # Catarman is a town name in several Philippine regions: the province picks one.
    found = _found(gaz, "Troops arrived in Catarman, Northern Samar, on Monday.")
    assert found[0][0] == "Catarman"
    assert found[0][2][0] == "Eastern Visayas"


@pytest.mark.parametrize(
    "text",
    [
        "A shelter run by Esperanza in the capital took in the families.",
        "The report was sent to Lopez and his deputy.",
        "Relatives received a call from Marcos on Friday.",
        "She drove a Mercedes to the checkpoint.",
        "The gang burned the market, Union officials said.",
        "Gang members fled on foot.",
    ],
)
def test_everyday_words_and_names_stay_non_places(gaz: Gazetteer, text: str) -> None:
    assert _found(gaz, text) == []


def test_small_town_with_a_common_name_needs_its_country(gaz: Gazetteer) -> None:
    text = "Gunmen attacked the town of Libertad on Sunday."
    # In a story about Nigeria, a village called "Libertad" elsewhere is no place ...
    assert gaz.find(text, ["NG"]) == []
    # ... but in a story about the Philippines or Mexico, that country's town counts.
    for cc in ("PH", "MX"):
        found = gaz.find(text, [cc])
        assert [(p.text, p.country, p.level) for _, _, p in found] == [("Libertad", cc, "city")]


def test_person_names_are_not_cued_by_to_or_from(gaz: Gazetteer) -> None:
    assert gaz.find("The mayor handed the report to Lopez on Friday.") == []
    found = gaz.find("Fighting broke out in Lopez on Friday.")
    assert [(p.text, p.country) for _, _, p in found] == [("Lopez", "PH")]


def test_a_hamlet_does_not_take_a_city_s_name(gaz: Gazetteer) -> None:
    # Chiapas has a hamlet called Querétaro; the name is the state capital's
    # ("Santiago de Querétaro" in GeoNames).
    found = gaz.find("Gunmen killed three police officers in Querétaro on Monday.", ["MX"])
    assert [(p.text, p.name, p.within[0].name) for _, _, p in found] == [
        ("Querétaro", "Santiago de Queretaro", "Queretaro")
    ]


def test_brooklyn_is_the_new_york_borough(gaz: Gazetteer) -> None:
    found = gaz.find("Police in Brooklyn arrested two men on Tuesday.")
    assert [(p.name, p.country, [w.name for w in p.within]) for _, _, p in found] == [
        ("Brooklyn", "US", ["New York", "United States"])
    ]
