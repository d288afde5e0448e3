"""Seas, gulfs, straits and lakes that conflict and security news names as places.

Attacks on shipping, naval clashes, migrant boats and piracy happen at sea: "a tanker was
hit in the Red Sea", "a patrol ship in the Black Sea". The generated gazetteer holds land
places only, and some of them share a sea's name (Sudan's Red Sea State, Eritrea's
Southern Red Sea region, the city of Aden): without this table "in the Red Sea" would put
an incident off the Yemeni coast in Sudan.

Each water body has an id ``sea:<slug>``, the name news prints, the other names it goes
by (an alias written with "the" is read only after "the": "the Mediterranean"), a representative point (rounded, for maps) and the countries on its shores, which
the text uses to tell which country's story it is. A sea lies in no country: it is not
``within`` any place, so a timeline of Yemen does not list a strike in the Red Sea unless
the incident also names a Yemeni place (``kb timeline --place "Red Sea"`` lists it).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Sea:
    """One water body."""

    slug: str
    name: str
    lat: float
    lon: float
    shores: tuple[str, ...]  # ISO alpha-2 codes of the countries on its shores
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"sea:{self.slug}"


SEAS: tuple[Sea, ...] = (
    Sea("red-sea", "Red Sea", 20.0, 38.5, ("EG", "SD", "ER", "DJ", "YE", "SA", "JO", "IL")),
    Sea("gulf-of-aden", "Gulf of Aden", 12.5, 48.0, ("YE", "DJ", "SO")),
    Sea("bab-el-mandeb", "Bab el-Mandeb", 12.6, 43.4, ("YE", "DJ", "ER"),
        ("Bab al-Mandab", "Bab el-Mandeb Strait", "Bab al-Mandab Strait")),
    Sea("arabian-sea", "Arabian Sea", 15.0, 65.0, ("IN", "PK", "IR", "OM", "YE", "SO")),
    Sea("gulf-of-oman", "Gulf of Oman", 24.5, 58.5, ("OM", "IR", "AE"), ("Sea of Oman",)),
    Sea("persian-gulf", "Persian Gulf", 26.5, 52.0,
        ("IR", "IQ", "KW", "SA", "BH", "QA", "AE", "OM"), ("Arabian Gulf",)),
    Sea("strait-of-hormuz", "Strait of Hormuz", 26.6, 56.3, ("IR", "OM", "AE"),
        ("Hormuz Strait",)),
    Sea("suez-canal", "Suez Canal", 30.6, 32.3, ("EG",)),
    Sea("mediterranean-sea", "Mediterranean Sea", 35.0, 18.0,
        ("ES", "FR", "IT", "GR", "TR", "CY", "SY", "LB", "IL", "PS", "EG", "LY", "TN",
         "DZ", "MA", "MT", "HR", "AL", "ME"),
        ("the Mediterranean",)),
    Sea("aegean-sea", "Aegean Sea", 39.0, 25.0, ("GR", "TR"), ("the Aegean",)),
    Sea("black-sea", "Black Sea", 43.4, 34.3, ("UA", "RU", "GE", "TR", "BG", "RO")),
    Sea("sea-of-azov", "Sea of Azov", 46.1, 36.6, ("UA", "RU")),
    Sea("kerch-strait", "Kerch Strait", 45.3, 36.5, ("UA", "RU")),
    Sea("caspian-sea", "Caspian Sea", 41.9, 50.6, ("RU", "KZ", "TM", "IR", "AZ")),
    Sea("baltic-sea", "Baltic Sea", 58.0, 20.0,
        ("SE", "FI", "RU", "EE", "LV", "LT", "PL", "DE", "DK")),
    Sea("south-china-sea", "South China Sea", 12.0, 113.0,
        ("CN", "TW", "PH", "VN", "MY", "BN", "ID")),
    Sea("east-china-sea", "East China Sea", 29.0, 125.0, ("CN", "TW", "JP", "KR")),
    Sea("taiwan-strait", "Taiwan Strait", 24.5, 119.5, ("CN", "TW"),
        ("Strait of Taiwan", "Formosa Strait")),
    Sea("yellow-sea", "Yellow Sea", 35.0, 123.0, ("CN", "KR", "KP")),
    Sea("sea-of-japan", "Sea of Japan", 40.0, 135.0, ("JP", "KR", "KP", "RU")),
    Sea("sulu-sea", "Sulu Sea", 8.0, 120.0, ("PH", "MY")),
    Sea("celebes-sea", "Celebes Sea", 3.0, 122.0, ("PH", "ID", "MY")),
    Sea("strait-of-malacca", "Strait of Malacca", 4.0, 100.5, ("MY", "ID", "SG", "TH"),
        ("Malacca Strait", "Straits of Malacca")),
    Sea("andaman-sea", "Andaman Sea", 10.0, 96.0, ("MM", "TH", "IN", "MY", "ID")),
    Sea("bay-of-bengal", "Bay of Bengal", 15.0, 88.0, ("IN", "BD", "MM", "LK")),
    Sea("gulf-of-guinea", "Gulf of Guinea", 2.0, 4.0,
        ("NG", "BJ", "TG", "GH", "CI", "CM", "GQ", "GA", "ST")),
    Sea("mozambique-channel", "Mozambique Channel", -18.0, 41.0, ("MZ", "MG", "KM")),
    Sea("lake-chad", "Lake Chad", 13.1, 14.5, ("TD", "NG", "NE", "CM")),
    Sea("lake-kivu", "Lake Kivu", -2.0, 29.1, ("CD", "RW")),
    Sea("lake-tanganyika", "Lake Tanganyika", -6.0, 29.5, ("TZ", "CD", "BI", "ZM")),
    Sea("caribbean-sea", "Caribbean Sea", 15.0, -75.0,
        ("VE", "CO", "PA", "HT", "DO", "CU", "JM", "MX", "HN", "NI", "CR", "GT", "BZ")),
    Sea("gulf-of-mexico", "Gulf of Mexico", 25.0, -90.0, ("MX", "US", "CU")),
    Sea("english-channel", "English Channel", 50.2, -1.0, ("GB", "FR")),
)  # fmt: skip

#: Direction words that may come before a sea's name ("the southern Red Sea").
DIRECTIONS = (
    "northern", "southern", "eastern", "western", "central", "north", "south", "east",
    "west", "upper", "lower", "north-eastern", "north-western", "south-eastern",
    "south-western", "northeastern", "northwestern", "southeastern", "southwestern",
)  # fmt: skip

BY_ID: dict[str, Sea] = {sea.id: sea for sea in SEAS}
#: Lower-cased name or alias -> the sea ("the mediterranean" keeps its article).
BY_NAME: dict[str, Sea] = {name.lower(): sea for sea in SEAS for name in (sea.name, *sea.aliases)}


def shore_country_ids(sea_id: str) -> frozenset[str]:
    """The gazetteer ids of the countries on a sea's shores (empty for any other id).

    What happens "in the Red Sea" and "off Hodeidah" can be one incident: a sea meets the
    places of its shore countries (kb.link.same, kb.extract.pipeline).
    """
    sea = BY_ID.get(sea_id)
    if sea is None:
        return frozenset()
    ids = _country_ids()
    return frozenset(ids[cc] for cc in sea.shores if cc in ids)


@functools.cache
def _country_ids() -> dict[str, str]:
    # Only the gazetteer's small metadata file: the linker never loads the whole gazetteer.
    from kb.resources import data_file

    meta = json.loads((data_file("gazetteer") / "meta.json").read_text(encoding="utf-8"))
    return {cc: info["id"] for cc, info in meta["countries"].items()}
