"""Towns sit in the right first-level region (GeoNames admin1 paired with ISO 3166-2).

The facts below are real: a town and the province, state or department it lies in.
They go through the public :class:`kb.gazetteer.Gazetteer` API over the bundled data, so
they fail when the build pairs an admin1 code with the wrong region (Mexico's Michoacán
towns were once in Hidalgo) or with none.
"""

from __future__ import annotations

import pycountry
import pytest

from kb.gazetteer import Gazetteer
from kb.gazetteer.tables import REGION_ANCHORS, REGION_EXONYMS, REGION_PARTS


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def region_of(gaz: Gazetteer, town: str, cc: str) -> str:
    """The ID of the first-level region the town `town` of country `cc` lies in."""
    place = gaz.lookup(town, cc, level="city")
    assert place is not None, f"{town} ({cc}) is not in the gazetteer"
    assert place.within, f"{town} ({cc}) lies in nothing"
    assert place.within[-1].id == gaz.country(cc).id  # type: ignore[union-attr]
    return place.within[0].id


#: (town, country, ISO 3166-2 code of the region it lies in), across conflict countries.
TOWNS_IN_REGIONS = [
    ("Uruapan", "MX", "MX-MIC"),
    ("Apatzingan", "MX", "MX-MIC"),
    ("Culiacán", "MX", "MX-SIN"),
    ("Tijuana", "MX", "MX-BCN"),
    ("Reynosa", "MX", "MX-TAM"),
    ("Acapulco", "MX", "MX-GRO"),
    ("Ecatepec", "MX", "MX-MEX"),
    ("Medellín", "CO", "CO-ANT"),
    ("Cúcuta", "CO", "CO-NSA"),
    ("Popayán", "CO", "CO-CAU"),
    ("Bucaramanga", "CO", "CO-SAN"),
    ("Tumaco", "CO", "CO-NAR"),
    ("Guayaquil", "EC", "EC-G"),
    ("Portoviejo", "EC", "EC-M"),
    ("Maracaibo", "VE", "VE-V"),
    ("San Pedro Sula", "HN", "HN-CR"),
    ("Manaus", "BR", "BR-AM"),
    ("Port-au-Prince", "HT", "HT-OU"),
    ("Marawi", "PH", "PH-14"),
    ("Maiduguri", "NG", "NG-BO"),
    ("Kaduna", "NG", "NG-KD"),
    ("Bamenda", "CM", "CM-NW"),
    ("Goma", "CD", "CD-NK"),
    ("Bukavu", "CD", "CD-SK"),
    ("Bunia", "CD", "CD-IT"),
    ("El Fasher", "SD", "SD-DN"),
    ("Mosul", "IQ", "IQ-NI"),
    ("Kramatorsk", "UA", "UA-14"),
    ("Bakhmut", "UA", "UA-14"),
    ("Peshawar", "PK", "PK-KP"),
    ("Quetta", "PK", "PK-BA"),
    ("Gyumri", "AM", "AM-SH"),
    ("Batumi", "GE", "GE-AJ"),
    # Arba Minch was in the SNNPR, the region ISO 3166-2 still lists; GeoNames already
    # has its successor, South Ethiopia (a REGION_PARTS case).
    ("Arba Minch", "ET", "ET-SN"),
]


@pytest.mark.parametrize(("town", "cc", "region"), TOWNS_IN_REGIONS)
def test_town_lies_in_its_region(gaz: Gazetteer, town: str, cc: str, region: str) -> None:
    assert region_of(gaz, town, cc) == f"iso3166-2:{region}"


#: The capital of every Mexican state (the country where the pairing went most wrong).
MEXICAN_STATE_CAPITALS = {
    "AGU": "Aguascalientes",
    "BCN": "Mexicali",
    "BCS": "La Paz",
    "CAM": "Campeche",
    "CHH": "Chihuahua",
    "CHP": "Tuxtla Gutiérrez",
    "CMX": "Mexico City",
    "COA": "Saltillo",
    "COL": "Colima",
    "DUR": "Durango",
    "GRO": "Chilpancingo",
    "GUA": "Guanajuato",
    "HID": "Pachuca",
    "JAL": "Guadalajara",
    "MEX": "Toluca",
    "MIC": "Morelia",
    "MOR": "Cuernavaca",
    "NAY": "Tepic",
    "NLE": "Monterrey",
    "OAX": "Oaxaca",
    "PUE": "Puebla",
    "QUE": "Querétaro",
    "ROO": "Chetumal",
    "SIN": "Culiacán",
    "SLP": "San Luis Potosí",
    "SON": "Hermosillo",
    "TAB": "Villahermosa",
    "TAM": "Ciudad Victoria",
    "TLA": "Tlaxcala",
    "VER": "Xalapa",
    "YUC": "Mérida",
    "ZAC": "Zacatecas",
}


def test_every_mexican_state_holds_its_capital(gaz: Gazetteer) -> None:
    states = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="MX")}
    assert set(MEXICAN_STATE_CAPITALS) == states
    wrong = {
        code: region_of(gaz, capital, "MX")
        for code, capital in MEXICAN_STATE_CAPITALS.items()
        if region_of(gaz, capital, "MX") != f"iso3166-2:MX-{code}"
    }
    assert not wrong


def test_a_town_is_not_in_a_namesake_region(gaz: Gazetteer) -> None:
    # Ciudad Hidalgo is in Michoacán, Santander de Quilichao in Cauca: neither town's
    # admin1 belongs to the region it is named after.
    assert region_of(gaz, "Ciudad Hidalgo", "MX") == "iso3166-2:MX-MIC"
    assert region_of(gaz, "Santander de Quilichao", "CO") == "iso3166-2:CO-CAU"


@pytest.mark.parametrize(
    ("name", "cc", "region"),
    [
        ("Michoacan", "MX", "MX-MIC"),
        ("Michoacán", None, "MX-MIC"),
        ("Michoacán de Ocampo", "MX", "MX-MIC"),
        ("Coahuila", "MX", "MX-COA"),
        ("Coahuila de Zaragoza", "MX", "MX-COA"),
        ("Veracruz", "MX", "MX-VER"),
        ("Veracruz de Ignacio de la Llave", "MX", "MX-VER"),
        ("Estado de México", "MX", "MX-MEX"),
        ("Guajira", "CO", "CO-LAG"),
        ("Norte de Santander", "CO", "CO-NSA"),
        ("Metro Manila", "PH", "PH-00"),
        ("Bangsamoro", "PH", "PH-14"),
        ("Syunik", "AM", "AM-SU"),
        ("Nakhchivan", "AZ", "AZ-NX"),
    ],
)
def test_short_region_names_resolve(gaz: Gazetteer, name: str, cc: str | None, region: str) -> None:
    place = gaz.lookup(name, cc)
    assert place is not None and place.id == f"iso3166-2:{region}", place
    assert place.level == "region"


def test_michoacan_in_running_text(gaz: Gazetteer) -> None:
    text = "Gunmen ambushed a police convoy in Michoacan, near the city of Apatzingan."
    found = [(p.text, p.id) for _, _, p in gaz.find(text)]
    assert ("Michoacan", "iso3166-2:MX-MIC") in found
    town = next(p for _, _, p in gaz.find(text) if p.text == "Apatzingan")
    assert town.level == "city" and town.within[0].id == "iso3166-2:MX-MIC"
    state = gaz.find("Troops were sent to the western state of Michoacán.")
    assert [(p.id, p.level) for _, _, p in state] == [("iso3166-2:MX-MIC", "region")]


def test_region_tables_name_real_iso_codes() -> None:
    # A typo in a table key would silently do nothing at build time.
    codes = set(REGION_ANCHORS) | set(REGION_EXONYMS) | set(REGION_PARTS)
    unknown = sorted(c for c in codes if pycountry.subdivisions.get(code=c) is None)
    assert not unknown
