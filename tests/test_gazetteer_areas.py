"""Named areas: places the news names that are no single administrative unit.

Darfur, Kordofan, Somaliland, Puntland, Donbas, Kashmir, the Golan Heights, Sinai,
Catatumbo and the Sahel (kb.gazetteer.tables.NAMED_AREAS) are places of level ``area``
whose parts (regions, or towns) and everything inside them have the area among their
ancestors, so that a timeline of the area finds events at its towns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.gazetteer import Gazetteer
from kb.gazetteer.tables import NAMED_AREAS


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _found(gaz: Gazetteer, text: str, countries: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(p.id, p.text or "") for _, _, p in gaz.find(text, countries)]


@pytest.mark.parametrize(
    ("text", "area", "written"),
    [
        ("Heavy fighting was reported in Darfur on Monday.", "area:darfur", "Darfur"),
        ("Aid convoys reached Kordofan after weeks of delay.", "area:kordofan", "Kordofan"),
        ("Elections were held in Somaliland on Wednesday.", "area:somaliland", "Somaliland"),
        ("Security forces in Puntland arrested six men.", "area:puntland", "Puntland"),
        ("Artillery pounded positions across the Donbas overnight.", "area:donbas", "Donbas"),
        ("Troops are massed in the Donbass, officials said.", "area:donbas", "Donbass"),
        ("Gunmen opened fire on a bus in Kashmir on Sunday.", "area:kashmir", "Kashmir"),
        ("A drone fell in the Golan Heights on Friday.", "area:golan-heights", "Golan Heights"),
        ("Israeli-occupied Golan sirens sounded twice.", "area:golan-heights", "Golan"),
        ("Militants attacked a checkpoint in Sinai on Tuesday.", "area:sinai", "Sinai"),
        ("Troops patrol the Sinai Peninsula.", "area:sinai", "Sinai Peninsula"),
        ("Thousands fled the Catatumbo region this week.", "area:catatumbo", "Catatumbo region"),
        ("Jihadist attacks are spreading across the Sahel.", "area:sahel", "Sahel"),
    ],
)
def test_find_names_each_area(gaz: Gazetteer, text: str, area: str, written: str) -> None:
    assert (area, written) in _found(gaz, text)


def test_every_area_of_the_table_is_in_the_data(gaz: Gazetteer) -> None:
    for spec in NAMED_AREAS:
        place = gaz.get(spec.id)
        assert place is not None and place.level == "area", spec.id
        assert place.name == spec.names[0]
        assert place.lat is not None and place.lon is not None
        assert gaz.lookup(spec.names[0]).id == spec.id  # type: ignore[union-attr]


def _ids(gaz: Gazetteer, place_id: str) -> list[str]:
    place = gaz.get(place_id)
    assert place is not None, place_id
    return [ref.id for ref in place.within]


def test_an_area_in_one_country_lies_in_it(gaz: Gazetteer) -> None:
    darfur = gaz.get("area:darfur")
    assert darfur is not None and darfur.country == "SD"
    assert [ref.id for ref in darfur.within] == [gaz.country("SD").id]  # type: ignore[union-attr]


def test_an_area_across_countries_lies_in_each_like_a_border(gaz: Gazetteer) -> None:
    countries = {cc: gaz.country(cc).id for cc in ("IN", "PK", "SY", "IL")}  # type: ignore[union-attr]
    kashmir = gaz.get("area:kashmir")
    assert kashmir is not None and kashmir.country is None
    assert set(_ids(gaz, "area:kashmir")) == {countries["IN"], countries["PK"]}
    golan = gaz.get("area:golan-heights")
    assert golan is not None and golan.country is None
    assert _ids(gaz, "area:golan-heights") == [countries["SY"], countries["IL"]]


def test_towns_and_regions_have_their_area_among_their_ancestors(gaz: Gazetteer) -> None:
    el_fasher = gaz.find("Shelling hit El Fasher.")[0][2]
    chain = [ref.id for ref in el_fasher.within]
    # the region, the area, then the country, which stays last
    assert chain == ["iso3166-2:SD-DN", "area:darfur", gaz.country("SD").id]  # type: ignore[union-attr]
    assert "area:darfur" in _ids(gaz, "iso3166-2:SD-DW")
    assert "area:kordofan" in [r.id for r in gaz.find("A drone hit Kadugli.")[0][2].within]
    assert "area:donbas" in [r.id for r in gaz.find("Missiles hit Luhansk.")[0][2].within]
    srinagar = gaz.find("A protest in Srinagar.")[0][2]
    assert [r.id for r in srinagar.within][-2:] == ["area:kashmir", gaz.country("IN").id]  # type: ignore[union-attr]
    gilgit = gaz.find("A protest in Gilgit.")[0][2]
    assert "area:kashmir" in [r.id for r in gilgit.within]
    # Catatumbo is part of Norte de Santander: its towns are listed, not the department.
    tibu = gaz.find("An attack in Tibú.")[0][2]
    assert "area:catatumbo" in [r.id for r in tibu.within]
    cucuta = gaz.find("An attack in Cúcuta.")[0][2]
    assert "area:catatumbo" not in [r.id for r in cucuta.within]
    # the Golan's villages, whichever country GeoNames files them under
    for text in ("Rockets landed in Katzrin.", "Rockets landed in Majdal Shams."):
        assert "area:golan-heights" in [r.id for r in gaz.find(text)[0][2].within], text
    assert "area:golan-heights" not in [r.id for r in gaz.find("Rockets hit Haifa.")[0][2].within]
    assert "area:sinai" in _ids(gaz, "iso3166-2:EG-SIN")
    assert "area:sinai" not in [r.id for r in gaz.find("Protests in Cairo.")[0][2].within]


def test_the_sahel_is_the_belt_but_the_sahel_region_of_burkina_faso_is_bf_12(
    gaz: Gazetteer,
) -> None:
    assert ("iso3166-2:BF-12", "Sahel region") in _found(
        gaz, "Gunmen killed 12 people in the Sahel region of Burkina Faso."
    )
    assert _found(gaz, "Gunmen killed 12 people in Burkina Faso's Sahel region.") == [
        ("iso3166-2:BF-12", "Burkina Faso's Sahel region")
    ]
    assert ("area:sahel", "Sahel") in _found(gaz, "Attacks across the Sahel have doubled.")
    # in a story about Burkina Faso the bare belt stays the belt; the region needs its word
    assert _found(gaz, "Attacks across the Sahel have doubled.", ("BF",))[0][0] == "area:sahel"
    assert _found(gaz, "Attacks in the Sahel region rose.", ("BF",))[0][0] == "iso3166-2:BF-12"
    assert _found(gaz, "Attacks in the Sahel region rose.", ("ML",))[0][0] == "area:sahel"
    assert gaz.lookup("Sahel").id == "area:sahel"  # type: ignore[union-attr]
    assert gaz.lookup("Sahel region").id == "iso3166-2:BF-12"  # type: ignore[union-attr]
    # a dataset's "Sahel" in Burkina Faso (an admin1 column) is the region
    assert gaz.lookup("Sahel", "BF").id == "iso3166-2:BF-12"  # type: ignore[union-attr]
    assert gaz.lookup("Darfur", "SD").id == "area:darfur"  # type: ignore[union-attr]
    # a town of the belt's countries lies in it; the bare word is no place
    djibo = gaz.find("An attack in Djibo.")[0][2]
    assert [r.id for r in djibo.within][:2] == ["iso3166-2:BF-12", "area:sahel"]
    assert _found(gaz, "Sahel countries met in Niamey.") == [("geonames:2440485", "Niamey")]


def test_sinai_is_the_peninsula_not_a_hamlet_in_ecuador(gaz: Gazetteer) -> None:
    assert _found(gaz, "Militants crossed into Sinai.") == [("area:sinai", "Sinai")]
    assert _found(gaz, "Gunmen attacked a post in North Sinai.")[0][0] == "iso3166-2:EG-SIN"


def test_hodeidah_alone_is_the_governorate_the_port_city_when_said(gaz: Gazetteer) -> None:
    # News names the whole coast "Hodeidah" ("strikes on Hodeidah"): the governorate, as
    # "Gaza" is the Strip; a settlement word makes it the port city, which carries the
    # same name (so a town and its namesake province read as one place).
    assert _found(gaz, "Strikes hit Hodeidah on Monday.")[0][0] == "iso3166-2:YE-HU"
    for text in (
        "Strikes hit the port of Hodeidah.",
        "Strikes hit the city of Hodeidah.",
        "Strikes hit Hodeidah city.",
    ):
        place = gaz.find(text)[0][2]
        assert (place.id, place.name, place.level) == ("geonames:79415", "Hodeidah", "city")
        assert place.within[0].id == "iso3166-2:YE-HU"
    assert _found(gaz, "Clashes in Hodeidah province.")[0][0] == "iso3166-2:YE-HU"
    assert _found(gaz, "Strikes in Kirkuk.")[0][0] == "geonames:94787"


def test_an_areas_authorities_and_groups_named_after_it_are_no_place(gaz: Gazetteer) -> None:
    assert _found(gaz, "Puntland's president vowed to finish the job.") == []
    assert _found(gaz, "Puntland forces captured the town.") == []
    assert _found(gaz, "It bore the hallmarks of the Islamic State in the Sahel.") == []
    assert _found(gaz, "JNIM, al-Qaeda's branch in the Sahel, said so.") == []
    assert _found(gaz, "In Puntland, the authorities arrested six men.") == [
        ("area:puntland", "Puntland")
    ]


def test_a_possessive_area_qualifies_the_next_name(gaz: Gazetteer) -> None:
    found = gaz.find("Two men were killed in north Kashmir's Kupwara district on Monday.")
    assert [(p.id, p.text) for _, _, p in found] == [
        ("geonames:10002798", "north Kashmir's Kupwara district")
    ]


def test_a_qualifying_area_picks_the_town_inside_it(gaz: Gazetteer) -> None:
    found = gaz.find("Fighting reached the town of Kutum in Darfur.")
    assert [p.id for _, _, p in found] == ["geonames:371745", "area:darfur"]


ARTICLE = """title: Shelling kills civilians in El Fasher
published: 2025-06-10
outlet: Test Wire
id: areas-el-fasher
---
Artillery shelling killed seven civilians in El Fasher on Monday, local medics said.
The paramilitary Rapid Support Forces have besieged the city for months.
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_timeline_of_darfur_finds_an_event_in_el_fasher(tmp_path: Path) -> None:
    article = tmp_path / "el-fasher.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = str(tmp_path / "store")
    _run("ingest", str(article), "--store", store, "--quiet")
    darfur = json.loads(_run("timeline", "--store", store, "--place", "Darfur", "-f", "json"))
    kordofan = json.loads(_run("timeline", "--store", store, "--place", "Kordofan", "-f", "json"))
    assert darfur["entries"], darfur
    names = {p["name"] for e in darfur["entries"] for p in e["places"]}
    assert "El Fasher" in names
    assert kordofan["entries"] == []
    # the limit reads the month buckets of the index, which hold the area too
    limited = json.loads(
        _run("timeline", "--store", store, "--place", "Darfur", "--limit", "1", "-f", "json")
    )
    assert [e["key"] for e in limited["entries"]] == [darfur["entries"][0]["key"]]
