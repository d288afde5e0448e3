"""Countries as actors: names, demonyms and capitals that stand for a state's bodies.

The table covers the conflict regions kb reads about and the outside powers that act in
them. It is what the sentence scanner looks for, so it is deliberately closed: every word
here is scanned in every sentence. For a demonym outside the table the gazetteer
(:meth:`kb.gazetteer.Gazetteer.demonym_country`) is asked, when that module is installed;
for a country name outside it, pycountry.
"""

from __future__ import annotations

from functools import cache, lru_cache

from kb.errors import KbError

# ISO alpha-2 -> (country names, demonyms, capitals used as metonyms for the government).
# Capitals are left out where the city name is ambiguous or is itself contested as a seat
# of government: Jerusalem, Tripoli (also in Lebanon), Sanaa (held by the Houthis), Aden.
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "IQ": (("Iraq",), ("Iraqi",), ("Baghdad",)),
    "SY": (("Syria",), ("Syrian",), ("Damascus",)),
    "LB": (("Lebanon",), ("Lebanese",), ("Beirut",)),
    "IL": (("Israel",), ("Israeli",), ()),
    "PS": (("Palestine", "State of Palestine"), ("Palestinian",), ("Ramallah",)),
    "IR": (("Iran", "Islamic Republic of Iran"), ("Iranian",), ("Tehran", "Teheran")),
    "TR": (("Turkey", "Turkiye"), ("Turkish",), ("Ankara",)),
    "JO": (("Jordan",), ("Jordanian",), ("Amman",)),
    "SA": (("Saudi Arabia",), ("Saudi", "Saudi Arabian"), ("Riyadh",)),
    "AE": (("United Arab Emirates", "UAE", "the Emirates"), ("Emirati", "UAE"), ("Abu Dhabi",)),
    "QA": (("Qatar",), ("Qatari",), ("Doha",)),
    "KW": (("Kuwait",), ("Kuwaiti",), ()),
    "BH": (("Bahrain",), ("Bahraini",), ("Manama",)),
    "OM": (("Oman",), ("Omani",), ("Muscat",)),
    "YE": (("Yemen",), ("Yemeni",), ()),
    "EG": (("Egypt",), ("Egyptian",), ("Cairo",)),
    "LY": (("Libya",), ("Libyan",), ()),
    "TN": (("Tunisia",), ("Tunisian",), ("Tunis",)),
    "DZ": (("Algeria",), ("Algerian",), ("Algiers",)),
    "MA": (("Morocco",), ("Moroccan",), ("Rabat",)),
    "SD": (("Sudan",), ("Sudanese",), ("Khartoum", "Port Sudan")),
    "SS": (("South Sudan",), ("South Sudanese",), ("Juba",)),
    "SO": (("Somalia",), ("Somali",), ("Mogadishu",)),
    "ET": (("Ethiopia",), ("Ethiopian",), ("Addis Ababa",)),
    "ER": (("Eritrea",), ("Eritrean",), ("Asmara",)),
    "KE": (("Kenya",), ("Kenyan",), ("Nairobi",)),
    "NG": (("Nigeria",), ("Nigerian",), ("Abuja",)),
    "NE": (("Niger",), ("Nigerien",), ("Niamey",)),
    "ML": (("Mali",), ("Malian",), ("Bamako",)),
    "BF": (("Burkina Faso",), ("Burkinabe",), ("Ouagadougou",)),
    "TD": (("Chad",), ("Chadian",), ("N'Djamena",)),
    "CM": (("Cameroon",), ("Cameroonian",), ("Yaounde",)),
    "CD": (("Democratic Republic of the Congo", "DR Congo", "DRC"), ("Congolese",), ("Kinshasa",)),
    "RW": (("Rwanda",), ("Rwandan",), ("Kigali",)),
    "BI": (("Burundi",), ("Burundian",), ("Gitega",)),
    "BJ": (("Benin",), ("Beninese",), ("Porto-Novo",)),
    "TG": (("Togo",), ("Togolese",), ("Lome",)),
    "MZ": (("Mozambique",), ("Mozambican",), ("Maputo",)),
    "AF": (("Afghanistan",), ("Afghan",), ("Kabul",)),
    "PK": (("Pakistan",), ("Pakistani",), ("Islamabad",)),
    "IN": (("India",), ("Indian",), ("New Delhi",)),
    "BD": (("Bangladesh",), ("Bangladeshi",), ("Dhaka",)),
    "AZ": (("Azerbaijan",), ("Azerbaijani",), ("Baku",)),
    "AM": (("Armenia",), ("Armenian",), ("Yerevan",)),
    "GE": (("Georgia",), ("Georgian",), ("Tbilisi",)),
    "RU": (("Russia", "Russian Federation"), ("Russian",), ("Moscow",)),
    "UA": (("Ukraine",), ("Ukrainian",), ("Kyiv", "Kiev")),
    "BY": (("Belarus",), ("Belarusian",), ("Minsk",)),
    "US": (
        ("United States", "United States of America", "US", "U.S.", "USA", "America"),
        ("US", "U.S.", "American"),
        ("Washington",),
    ),
    "GB": (
        ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
        ("British", "UK"),
        ("London",),
    ),
    "FR": (("France",), ("French",), ("Paris",)),
    "DE": (("Germany",), ("German",), ("Berlin",)),
    "IT": (("Italy",), ("Italian",), ("Rome",)),
    "ES": (("Spain",), ("Spanish",), ("Madrid",)),
    "NL": (("Netherlands", "the Netherlands"), ("Dutch",), ("The Hague",)),
    "BE": (("Belgium",), ("Belgian",), ()),
    "GR": (("Greece",), ("Greek",), ("Athens",)),
    "CY": (("Cyprus",), ("Cypriot",), ("Nicosia",)),
    "PL": (("Poland",), ("Polish",), ("Warsaw",)),
    "CN": (("China",), ("Chinese",), ("Beijing",)),
    "KP": (("North Korea",), ("North Korean",), ("Pyongyang",)),
    "KR": (("South Korea",), ("South Korean",), ("Seoul",)),
    "JP": (("Japan",), ("Japanese",), ("Tokyo",)),
    "CA": (("Canada",), ("Canadian",), ("Ottawa",)),
    "AU": (("Australia",), ("Australian",), ("Canberra",)),
}

# Plural demonyms used as agents ("the Israelis said", "the Americans struck").
PLURAL_DEMONYMS: dict[str, str] = {
    "Iraqis": "IQ",
    "Syrians": "SY",
    "Lebanese": "LB",
    "Israelis": "IL",
    "Palestinians": "PS",
    "Iranians": "IR",
    "Turks": "TR",
    "Jordanians": "JO",
    "Saudis": "SA",
    "Emiratis": "AE",
    "Qataris": "QA",
    "Egyptians": "EG",
    "Yemenis": "YE",
    "Russians": "RU",
    "Ukrainians": "UA",
    "Americans": "US",
    "British": "GB",
    "French": "FR",
    "Germans": "DE",
    "Chinese": "CN",
    "Pakistanis": "PK",
    "Afghans": "AF",
    "Indians": "IN",
}

# Seats of power that stand for a specific actor rather than for a country's government.
METONYMS: dict[str, str] = {
    "Brussels": "european-union",
    "Erbil": "kurdistan-regional-government",
}


@cache
def _indexes() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    demonyms: dict[str, str] = {}
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    first_demonym: dict[str, str] = {}
    for cc, (country_names, country_demonyms, country_capitals) in COUNTRIES.items():
        for name in country_names:
            names[name.lower()] = cc
        for dem in country_demonyms:
            demonyms[dem.lower()] = cc
            first_demonym.setdefault(cc, dem)
        for cap in country_capitals:
            capitals[cap.lower()] = cc
    return demonyms, names, capitals, first_demonym


def demonym_country(word: str) -> str | None:
    """Return the ISO alpha-2 code a demonym belongs to ("Iraqi" -> "IQ").

    The built-in table is tried first, then the gazetteer when it is installed.

    Args:
        word: a demonym as written.

    Returns:
        The country code, or None when neither source knows the word.
    """
    cc = _indexes()[0].get(word.lower())
    if cc is not None:
        return cc
    return _gazetteer_demonym(word)


def country_code(name: str, *, fallback: bool = True) -> str | None:
    """Return the ISO alpha-2 code of a country name ("Syria" -> "SY"), or None.

    Args:
        name: a country name as written.
        fallback: also ask pycountry about names outside the built-in table (slower on
            first use; the sentence scanner passes False).
    """
    key = name.strip()
    cc = _indexes()[1].get(key.lower())
    if cc is not None or not fallback:
        return cc
    return _pycountry_code(key)


def capital_country(name: str) -> str | None:
    """Return the country whose government a capital stands for ("Damascus" -> "SY")."""
    return _indexes()[2].get(name.strip().lower())


def demonym_of(cc: str) -> str | None:
    """Return the first demonym of a country code ("IQ" -> "Iraqi"), or None."""
    return _indexes()[3].get(cc)


def country_label(cc: str) -> str:
    """Return a display name of a country code (the first name, or pycountry's name)."""
    entry = COUNTRIES.get(cc)
    if entry:
        return entry[0][0]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=cc)
    except (ImportError, LookupError, KeyError):
        country = None
    if country is None:
        return cc
    # "Bolivia, Plurinational State of" -> "Bolivia"
    return getattr(country, "common_name", None) or country.name.split(",")[0]


def gazetteer_in_use() -> bool:
    """Whether :mod:`kb.gazetteer` answers demonym look-ups in this installation."""
    return _gazetteer() is not None


@lru_cache(maxsize=4096)
def gazetteer_place(name: str) -> bool:
    """Whether the gazetteer (when installed) knows `name` as a place."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return False
    try:
        return gazetteer.lookup(name) is not None
    except (KbError, LookupError, ValueError):
        return False


@cache
def _gazetteer():  # noqa: ANN202 - the gazetteer type is optional at import time
    try:
        from kb.gazetteer import Gazetteer
    except ImportError:
        return None
    try:
        gazetteer = Gazetteer.default()
    except (KbError, OSError, AttributeError):
        return None
    return gazetteer if hasattr(gazetteer, "demonym_country") else None


@lru_cache(maxsize=4096)
def _gazetteer_demonym(word: str) -> str | None:
    gazetteer = _gazetteer()
    if gazetteer is None:
        return None
    try:
        cc = gazetteer.demonym_country(word)
    except (KbError, LookupError, ValueError):
        return None
    return cc.upper() if isinstance(cc, str) and len(cc) == 2 else None


@lru_cache(maxsize=1024)
def _pycountry_code(name: str) -> str | None:
    if len(name) < 4:  # "US"-like codes are in the table; pycountry would match any code
        return None
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_2
    except (ImportError, LookupError):
        return None
