"""The gazetteer at run time: loading the generated files, lookups and place finding.

Only ``kb/data/gazetteer/`` is read here (see ``scripts/build_gazetteer.py``); the
files are loaded once, lazily, and rows are parsed on first use.

How :meth:`Gazetteer.find` reads a sentence:

1. *Scan*: the text is tokenised once; at each capitalised token (or "al-"/"el-" before
   one) the longest run of joined tokens (spaces and hyphens only) whose key is in the
   name index is a match. All-capital short words ("UN") are acronyms, not places,
   except in all-capital headlines.
2. *Annotate* each match: a direction before it ("northern Syria") joins the phrase and
   prefers a region; a region word after it ("Idlib province") joins it and prefers a
   region, a settlement word ("Mosul city") a town; a locative cue before it ("in",
   "near", "the village of", "shelled") or a following place that contains it ("Hit, in
   Anbar") qualifies it.
3. *Patterns*: borders ("the Iraq-Syria border", "the Syrian-Iraqi border", "the border
   between Iraq and Syria", "Syria's border with Turkey", "the border with Syria" with
   `context_country`), a possessive country before a name ("Iraq's Anbar province":
   one phrase, the country disambiguates), a demonym before a place noun ("Syrian
   territory": the country) or "capital" (its capital city). A demonym, country or
   possessive before an actor noun ("Iraqi forces", "Syria's army") is no place.
   Seas, gulfs, straits and lakes (:mod:`kb.gazetteer.seas`: "the southern Red Sea",
   "the Gulf of Aden") are read before the names they contain ("Red Sea State" and
   "the Red Sea port of Port Sudan" stay on land).
4. *Choose* among the readings of a name: a preferred reading ("Gaza" is the Strip),
   countries, readings inside a qualifying place, readings in a country of
   `context_countries` or named in the text, then the level (country > region > town,
   except that a town of 100,000 or more, or the region's namesake capital, beats the
   region: "Aleppo" is the city, "Anbar" the province), the primary name, population.
   Towns under 15,000 inhabitants, common English words ("Hit", "Deal"), personal
   names ("Hassan") and months need a cue or qualifier; sentence-initial common words
   are skipped; a name glued to another capitalised word ("Michael Jordan", "Jerusalem
   Post", "the Jordan Valley", "Northern Samar") is part of a proper name, not a place.
5. *Named areas* (level ``area``: Darfur, Donbas, Kashmir, the Sahel ...; see
   :data:`~kb.gazetteer.tables.NAMED_AREAS`) outrank a region of the same name unless a
   region word asks for the region ("the Sahel region of Burkina Faso" is its region,
   "across the Sahel" the belt). An area's parts and every place inside them list it
   among their ancestors (before the country, which stays last), so containment queries
   over :attr:`Place.within` find a town's events under the area. An area's authorities
   ("Puntland's president", "Puntland forces") and groups named after one ("Islamic
   State in the Sahel") are no place.
6. *Far away*: when the caller knows the article's countries, a town or region in none
   of them, in no neighbour and far from all of them is dropped: an unknown village
   shares its name with a town on another continent more often than the story moves
   there unannounced (see :meth:`_Finder.far_away`).
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from kb.errors import InputError
from kb.gazetteer import tables as T
from kb.gazetteer.normalize import name_key, token_arrays
from kb.gazetteer.seas import BY_ID as SEAS_BY_ID
from kb.gazetteer.seas import BY_NAME as SEAS_BY_NAME
from kb.gazetteer.seas import DIRECTIONS as SEA_DIRECTIONS
from kb.gazetteer.seas import SEAS, Sea
from kb.gazetteer.stoplist import STOPWORDS
from kb.gazetteer.variants import name_keys
from kb.model import Place, PlaceRef
from kb.resources import data_file

#: A named area ("Darfur", "the Sahel") outranks a region of the same name ("Sahel",
#: Burkina Faso's region) unless a region word asks for the region ("the Sahel region of
#: Burkina Faso"): see _AREA_AS_REGION.
_LEVEL_RANK = {
    "country": 3.0, "area": 2.5, "region": 2.0, "district": 1.5, "city": 1.0, "border": 0.0,
    "sea": 0.0,
}  # fmt: skip
#: The rank of an area named with a region word after it: below the region of that name.
_AREA_AS_REGION = 1.9
#: Towns smaller than this need a locative cue or a qualifier to count as a mention.
SMALL_TOWN = 15000
#: A town at least this large beats a region of the same name ("Aleppo" is the city).
LARGE_CITY = 100000
#: Entries kept by each lookup memo of the name index before it starts again.
_MEMO_SIZE = 100_000
#: Only these characters may stand between the words of one name in running text.
_JOINERS = frozenset(" -'’‐‑–—\u00a0")
_JOINER_CHARS = "".join(_JOINERS)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)\]]*\s+['\"“‘(\[]*$|\n\s*['\"“‘(\[]*$")
_DASHES = frozenset("-–—‐‑/")
_STOP_AFTER_DEMONYM = frozenset({"side"})
_ARTICLES = frozenset({"al", "el"})
_MINOR_WORDS = frozenset(
    "the and for with from into over amid after near but nor via per than".split()
)
#: Weapon systems whose names are also place names ("an Iskander missile", "Grad
#: rockets"): without a locative cue before them they name the weapon.
_WEAPON_NAMES = frozenset(
    "iskander kinzhal kalibr tochka grad uragan smerch tornado patriot shahed geran lancet "
    "bayraktar krasnopol himars neptune tomahawk hellfire fateh qassam burkan zolfaghar "
    "toros kornet".split()
)
#: Nouns after a weapon's name that make it the weapon ("Iskander missile", "Shahed drones").
_WEAPON_FOLLOWERS = frozenset(
    "strike strikes missile missiles attack attacks drone drones rocket rockets system systems "
    "launcher launchers m".split()
)
#: "US-backed forces", "Beirut-based group", "Iran-aligned militia": a name glued to
#: one of these words describes an actor, it does not say where something happened.
_ACTOR_SUFFIXES = frozenset(
    "backed led based funded financed brokered allied aligned sponsored supported trained "
    "armed made born linked affiliated bound registered headquartered owned run "
    "installed friendly".split()
)
#: Cue words that take a person as readily as a place ("sent to Lopez", "a call from
#: Hassan", "visited Marcos"): they do not make a person's name a place.
_PERSON_CUES = frozenset("to from toward towards past between beyond via visited left".split())
#: "rebel-held Idlib", "Russian-occupied Vasylivka": the adjective places what follows.
_HELD_WORDS = frozenset("held occupied controlled administered besieged annexed".split())
#: Alternate names of towns outside the article's countries are kept only for large
#: towns ("Kiev"); small namesakes ("Boni" for Bonn) are more often an unknown village.
_ALT_NAME_MIN_POP = 1_000_000
#: Nouns of an armed group's part or ally before "in (the) <area>": "al-Qaeda's affiliate
#: in the Sahel", "Islamic State in the Sahel" name the group, not where an event was.
_AFFILIATE_NOUNS = frozenset(
    "affiliate affiliates branch branches franchise franchises wing offshoot offshoots arm "
    "province state ally allies".split()
)
#: Natural features named after a country that lie across borders ("Jordan Valley").
_FEATURE_WORDS = frozenset("valley river sea gulf basin strait mountains desert".split())
#: A town or region this far from every country of the article (and not in a neighbour
#: of one) is taken for a namesake of an unknown village, see :meth:`_Finder.far_away`.
FAR_AWAY_KM = 1500.0
#: A town lies near the border of its country with another country when a town of that
#: country is this close (see :meth:`Gazetteer.borders_near`). Towns facing each other
#: across a crossing are 2-25 km apart in the table (Qamishli and Nusaybin 2.5 km,
#: al-Qaim and Albu Kamal 9 km, Zakho and Silopi 22 km); the distance to the nearest
#: foreign town bounds the distance to the line from above, and cities 40 km and more
#: from the line (Mosul, Aleppo, Kharkiv) are "on the border" in no report. See
#: docs/linking.md ("Borders and the towns near them").
BORDER_NEAR_KM = 30.0
#: Degrees of latitude and longitude of one cell of the town grid (see _town_grid).
_CELL_DEG = 0.5
#: A town of the grid: (lat, lon, ID).
_Town = tuple[float, float, str]
#: (cell -> country -> towns in it), (country -> towns): see Gazetteer._town_grid.
_TownGrid = tuple[dict[tuple[int, int], dict[str, list[_Town]]], dict[str, list[_Town]]]
#: Arabic articles that join the words of one name ("Wadi al-Shay", "Ras el-Ain").
_ARABIC_ARTICLES = frozenset("al el ad ar as ash at az an ul".split())
_ALLOWED_BEFORE = frozenset(
    "the a an in at near from to of by for on and or but with as after before during "
    "greater occupied old rural upper lower central northern southern eastern western "
    "north south east west".split()
)


@dataclass(slots=True)
class _Row:
    """One parsed line of ``places.tsv.gz``."""

    index: int
    id: str
    level: str
    country: str
    parent: str
    lat: float | None
    lon: float | None
    population: int
    name: str


@dataclass(slots=True)
class _Match:
    """A gazetteer key found in the token list (tokens ``i`` to ``j - 1``)."""

    i: int
    j: int
    key: str
    refs: list[tuple[int, bool]]  # (row index, matched on the primary name or its variants)
    start_i: int = -1  # first token of the phrase (direction word, possessive country)
    end_j: int = -1  # token after the phrase (region word)
    context: set[str] = field(default_factory=set)  # country codes the phrase points to
    holders: set[str] = field(default_factory=set)  # IDs of regions/countries qualifying it
    qualified: bool = False
    cue: bool = False
    prefer: str | None = None  # "region" or "city"
    country_only: str | None = None
    #: A capitalised direction glued before the name ("Northern Samar", "the Northern
    #: Star") that the gazetteer does not know together with it: a longer proper name.
    longer_name: bool = False


def display_name(name: str) -> str:
    """A place name as English news prints it: GeoNames' "Rāwah", "‘Anah" become "Rawah", "Anah".

    Transliteration marks (macrons, dots, ayn and hamza signs) are dropped; the name
    stays recognisable and types on any keyboard.
    """
    if name.isascii():
        return name
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.translate(_MARKS).strip()
    return folded or name


def _gunzip_text(path: Path) -> str:
    """The text of a gzip-compressed UTF-8 file, decompressed in one call."""
    return gzip.decompress(path.read_bytes()).decode("utf-8")


_MARKS = str.maketrans({"‘": "", "’": "'", "ʼ": "'", "ʿ": "", "ʾ": "", "`": "", "´": ""})


class Gazetteer:
    """Places by ID, by name and in running text.

    Use :meth:`default` for the shared instance over ``kb/data/gazetteer``.
    """

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, data_dir: Path | None = None) -> None:
        """Load the generated files in `data_dir` (default: ``kb/data/gazetteer``).

        Raises:
            InputError: when the files are missing or of another format version.
        """
        self.data_dir = Path(data_dir) if data_dir else data_file("gazetteer")
        try:
            meta = json.loads((self.data_dir / "meta.json").read_text(encoding="utf-8"))
            # (One decompression of the whole file costs a third of reading it through
            # gzip.open's text stream; the generated files hold no "\r".)
            places = _gunzip_text(self.data_dir / "places.tsv.gz")
            names = _gunzip_text(self.data_dir / "names.tsv.gz")
        except (OSError, ValueError) as exc:
            raise InputError(
                f"gazetteer data in {self.data_dir} cannot be read ({exc}); "
                "run scripts/build_gazetteer.py to generate it"
            ) from exc
        if meta.get("format") != 1:
            raise InputError(
                f"gazetteer data in {self.data_dir} has format {meta.get('format')!r}, "
                "expected 1; run scripts/build_gazetteer.py to regenerate it"
            )
        lines = places.split("\n")
        self._raw: list[str] = lines[1:-1] if lines[-1] == "" else lines[1:]
        self._rows: dict[int, _Row] = {}
        # The name index stays one text of "key<TAB>refs" lines sorted by key (as
        # build.py writes it), searched by bisection (see _names_from): a dict of its
        # 170,000 lines cost more to build (about 0.15 s per process) than all the
        # lookups of a long run. Both lookups below are memoised.
        self._names = names.strip("\n") + "\n"
        #: first token -> the most tokens of a name starting with it (0: none).
        self._maxlen: dict[str, int] = {}
        #: first token -> the second tokens of the names of several tokens starting with it.
        self._seconds: dict[str, frozenset[str]] = {}
        self._countries: dict[str, dict[str, Any]] = meta["countries"]
        self._fips: dict[str, str] = meta["fips"]
        self._borders: dict[str, list[float]] = meta["borders"]
        self._demonyms: dict[str, str] = meta["demonyms"]
        self._preferred: dict[str, str] = meta["preferred"]
        #: Named areas (build.py, NAMED_AREAS): ID -> countries, and part ID -> areas.
        areas: dict[str, dict[str, list[str]]] = meta.get("areas", {})
        self._area_countries = {aid: tuple(a["countries"]) for aid, a in areas.items()}
        self._area_of: dict[str, tuple[str, ...]] = {}
        for aid, spec in areas.items():
            for part in spec["parts"]:
                self._area_of[part] = (*self._area_of.get(part, ()), aid)
        self._iso3 = {info["iso3"]: cc for cc, info in self._countries.items() if info["iso3"]}
        self._country_rows = {info["id"]: cc for cc, info in self._countries.items()}
        self._demonym_first = {k.split(" ", 1)[0] for k in self._demonyms}
        self._by_id: dict[str, int] | None = None
        self._head_ids: dict[str, int] | None = None  # see _row_by_id
        self._points: dict[str, tuple[float, float] | None] = {}
        self._parsed_refs: dict[str, list[tuple[int, bool]]] = {}
        self._within: dict[int, list[PlaceRef]] = {}
        self._grid: _TownGrid | None = None  # see _town_grid
        self._foreign: dict[str, frozenset[str]] = {}  # town ID -> countries near it
        self._border_towns: dict[str, tuple[str, ...]] = {}

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared gazetteer over ``kb/data/gazetteer``, loaded on first use."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    # -- rows and places ---------------------------------------------------------------

    def _row(self, index: int) -> _Row:
        row = self._rows.get(index)
        if row is None:
            f = self._raw[index].split("\t")
            row = _Row(
                index,
                f[0],
                f[1],
                f[2],
                f[3],
                float(f[4]) if f[4] else None,
                float(f[5]) if f[5] else None,
                int(f[6]),
                display_name(f[7]),
            )
            self._rows[index] = row
        return row

    def _row_by_id(self, place_id: str) -> _Row | None:
        if self._by_id is None:
            # Parent chains and country points ask for countries and regions, which
            # build.py writes before the towns: a dict of the rows before the first town
            # answers them without reading the IDs of all 56,000 rows (20 ms). IDs are
            # unique, so where both dicts answer they agree.
            if self._head_ids is None:
                self._head_ids = {}
                for i, line in enumerate(self._raw):
                    fields = line.split("\t", 2)
                    if len(fields) > 1 and fields[1] == "city":
                        break
                    self._head_ids[fields[0]] = i
            i = self._head_ids.get(place_id)
            if i is not None:
                return self._row(i)
            self._by_id = {line.split("\t", 1)[0]: i for i, line in enumerate(self._raw)}
        i = self._by_id.get(place_id)
        return None if i is None else self._row(i)

    def _chain(self, row: _Row) -> list[PlaceRef]:
        cached = self._within.get(row.index)
        if cached is None:
            cached = []
            parent_id = row.parent
            seen = {row.id}
            while parent_id and parent_id not in seen:
                seen.add(parent_id)
                parent = self._row_by_id(parent_id)
                if parent is None:
                    break
                cached.append(PlaceRef(parent.id, parent.name))
                parent_id = parent.parent
            if row.level != "country" and row.country:
                country = self._countries.get(row.country)
                if country and all(ref.id != country["id"] for ref in cached):
                    cached.append(PlaceRef(country["id"], country["name"]))
            elif row.level == "area":
                # An area in several countries lies in each, like a border.
                for cc in self._area_countries.get(row.id, ()):
                    info = self._countries[cc]
                    cached.append(PlaceRef(info["id"], info["name"]))
            if self._area_of:
                self._add_areas(row, cached)
            self._within[row.index] = cached
        return [PlaceRef(ref.id, ref.name) for ref in cached]

    def _add_areas(self, row: _Row, chain: list[PlaceRef]) -> None:
        """Insert the named areas that `row` or a place of its `chain` is part of.

        They go before the country, which stays last ("El Fasher": North Darfur, Darfur,
        Sudan), so that an event at a town is inside the area in the store too.
        """
        found = [a for pid in (row.id, *(r.id for r in chain)) for a in self._area_of.get(pid, ())]
        if not found:
            return
        refs = []
        for aid in dict.fromkeys(found):
            area = self._row_by_id(aid)
            if area is not None and all(ref.id != aid for ref in chain):
                refs.append(PlaceRef(area.id, area.name))
        at = len(chain)
        if chain and self._country_rows.get(chain[-1].id) == row.country:
            at -= 1
        chain[at:at] = refs

    def area_countries(self, place_id: str) -> tuple[str, ...]:
        """The countries (ISO alpha-2) a named area lies in; empty for anything else."""
        return self._area_countries.get(place_id, ())

    def _in_country(self, row: _Row, cc: str) -> bool:
        """Whether a reading lies in country `cc` (an area may lie in several)."""
        return row.country == cc or (not row.country and cc in self._area_countries.get(row.id, ()))

    def _place(self, row: _Row, text: str | None = None) -> Place:
        return Place(
            id=row.id,
            name=row.name,
            level=row.level,
            country=row.country or None,
            lat=row.lat,
            lon=row.lon,
            within=self._chain(row),
            text=text,
        )

    def _names_from(self, target: str) -> int:
        """Offset in the name index of the first line whose key is `target` or after it
        in sort order (the index's length when there is none)."""
        text = self._names
        lo, hi = 0, len(text)  # both always at the start of a line
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo, mid) + 1 or lo  # the line holding mid
            if text[start : text.find("\t", start)] < target:
                lo = text.find("\n", start) + 1
            else:
                hi = start
        return lo

    def _index_get(self, key: str) -> str | None:
        """The refs field of the name index line of `key`, or None."""
        at = self._names_from(key)
        if not self._names.startswith(key + "\t", at):
            return None
        return self._names[at + len(key) + 1 : self._names.find("\n", at)]

    def _max_tokens(self, first: str) -> int:
        """The most tokens of a name the index holds that starts with the token `first`
        (0 when none does); memoised, with the second tokens of those names."""
        found = self._maxlen.get(first)
        if found is None:
            found = 1 if self._index_get(first) is not None else 0
            # Names of several tokens starting with `first` sort together, right after
            # `first + " "` and before `first + "!"` ("!" follows the space).
            block = self._names[self._names_from(first + " ") : self._names_from(first + "!")]
            seconds: set[str] = set()
            for line in block.split("\n"):
                if line:
                    words = line.partition("\t")[0].split(" ")
                    found = max(found, len(words))
                    seconds.add(words[1])
            if len(self._maxlen) >= _MEMO_SIZE:
                self._maxlen.clear()  # bounded: the tokens of a long run's text
                self._seconds.clear()
            self._maxlen[first] = found
            self._seconds[first] = frozenset(seconds)
        return found

    def _refs(self, key: str) -> list[tuple[int, bool]]:
        """Rows named `key`: (row index, primary name?). Parsed once per key; do not modify."""
        refs = self._parsed_refs.get(key)
        if refs is None:
            raw = self._index_get(key)
            refs = (
                [(int(r[1:]), False) if r[0] == "~" else (int(r), True) for r in raw.split(",")]
                if raw
                else []
            )
            if len(self._parsed_refs) >= _MEMO_SIZE:
                self._parsed_refs.clear()  # bounded: unknown names are remembered too
            self._parsed_refs[key] = refs
        return refs

    def _country_point(self, cc: str) -> tuple[float, float] | None:
        """(lat, lon) of a country's GeoNames point, cached."""
        if cc not in self._points:
            info = self._countries.get(cc)
            row = self._row_by_id(info["id"]) if info else None
            ok = row is not None and row.lat is not None and row.lon is not None
            self._points[cc] = (row.lat, row.lon) if ok else None  # type: ignore[union-attr]
        return self._points[cc]

    def country_code_of(self, place_id: str) -> str | None:
        """The ISO alpha-2 code of a country's place ID ("geonames:99237" -> "IQ")."""
        return self._country_rows.get(place_id)

    def far_apart(self, a: str, b: str) -> bool:
        """Whether two countries (ISO alpha-2) are neither neighbours nor within
        :data:`FAR_AWAY_KM` of each other (a Malian story's "Boni" read as Bonn)."""
        if a == b:
            return False
        info = self._countries.get(a)
        if info is None or b not in self._countries or b in info.get("neighbours", ()):
            return False
        pa, pb = self._country_point(a), self._country_point(b)
        return pa is not None and pb is not None and _km(pa, pb) > FAR_AWAY_KM

    # -- public lookups ----------------------------------------------------------------

    def get(self, place_id: str) -> Place | None:
        """The place with this ID (``geonames:…``, ``iso3166-2:…``, ``area:…``, ``border:…``,
        ``sea:…``)."""
        if place_id.startswith("sea:"):
            sea = SEAS_BY_ID.get(place_id)
            return None if sea is None else sea_place(sea)
        if place_id.startswith("border:"):
            codes = place_id[len("border:") :].split("-")
            try:
                if len(codes) == 1:
                    return self._single_border(codes[0])
                if len(codes) == 2:
                    return self.border(codes[0], codes[1])
            except InputError:
                return None
            return None
        row = self._row_by_id(place_id)
        return None if row is None else self._place(row)

    def country_from_fips(self, fips: str) -> str | None:
        """The ISO alpha-2 code of a FIPS 10-4 country code (GDELT uses them): IZ -> IQ."""
        return self._fips.get(fips.strip().upper())

    def country(self, code: str) -> Place | None:
        """A country by ISO alpha-2 or alpha-3 code, else by FIPS 10-4 code."""
        code = code.strip().upper()
        cc = code if code in self._countries else self._iso3.get(code)
        if cc is None and len(code) == 2:
            cc = self.country_from_fips(code)
        if cc is None:
            return None
        return self.get(self._countries[cc]["id"])

    def demonym_country(self, word: str) -> str | None:
        """The country of a demonym: "Iraqi" -> "IQ"; None for "Kurdish", "Arab" ..."""
        key = name_key(word)
        if not key or key in T.NOT_DEMONYMS:
            return None
        cc = self._demonyms.get(key)
        if cc is None and key.endswith("s"):
            cc = self._demonyms.get(key[:-1])
        return cc

    def _alpha2(self, code: str) -> str:
        """An ISO alpha-2 code from an alpha-2 or alpha-3 code (else the code itself)."""
        code = code.strip().upper()
        return self._iso3.get(code, code) if len(code) == 3 else code

    def _country_code(self, code: str) -> str:
        place = self.country(code)
        if place is None or not place.country:
            raise InputError(
                f"unknown country code {code!r}: use an ISO 3166-1 alpha-2 or alpha-3 code"
            )
        return place.country

    def border(self, a: str, b: str) -> Place:
        """The border area between two countries (codes in any order, ISO or FIPS).

        Raises:
            InputError: for an unknown code or twice the same country.
        """
        ca, cb = sorted((self._country_code(a), self._country_code(b)))
        if ca == cb:
            raise InputError(f"a border needs two different countries, got {a!r} and {b!r}")
        na, nb = self._countries[ca]["name"], self._countries[cb]["name"]
        point = self._borders.get(f"{ca}-{cb}")
        lat = lon = None
        if point:
            lat, lon = point
        else:
            pa, pb = self.country(ca), self.country(cb)
            if pa and pb and pa.lat is not None and pb.lat is not None:
                lat, lon = _midpoint((pa.lat, pa.lon or 0.0), (pb.lat, pb.lon or 0.0))
        return Place(
            id=f"border:{ca}-{cb}",
            name=f"{na}–{nb} border",
            level="border",
            country=None,
            lat=lat,
            lon=lon,
            within=[
                PlaceRef(self._countries[ca]["id"], na),
                PlaceRef(self._countries[cb]["id"], nb),
            ],
        )

    def _single_border(self, code: str) -> Place:
        """A border of one country whose other side the text does not name."""
        cc = self._country_code(code)
        info = self._countries[cc]
        return Place(
            id=f"border:{cc}",
            name=f"{info['name']} border",
            level="border",
            country=cc,
            within=[PlaceRef(info["id"], info["name"])],
        )

    # -- towns near a border -----------------------------------------------------------

    def warm_borders(self) -> None:
        """Build now what :meth:`borders_near` needs (the town grid, about 0.1-0.2 s).

        For a caller with time to spare before its first question (the ingest, while
        its helper process starts extracting).
        """
        self._town_grid()

    def _town_grid(self) -> _TownGrid:
        """The towns (level "city") with a point, by grid cell and country, and by country.

        Built once, on first use (about 0.1 s), then each town's answer is cached: the
        linker compares pairs through it only when one report is placed at a border,
        and the ingest's index of stored reports asks it once for each new town.
        """
        if self._grid is None:
            cells: dict[tuple[int, int], dict[str, list[_Town]]] = {}
            by_country: dict[str, list[_Town]] = {}
            for line in self._raw:
                f = line.split("\t", 6)
                if f[1] != "city" or not f[2] or not f[4] or not f[5]:
                    continue
                town = (float(f[4]), float(f[5]), f[0])
                cell = (math.floor(town[0] / _CELL_DEG), math.floor(town[1] / _CELL_DEG))
                cells.setdefault(cell, {}).setdefault(f[2], []).append(town)
                by_country.setdefault(f[2], []).append(town)
            self._grid = (cells, by_country)
        return self._grid

    def _countries_near(self, lat: float, lon: float, cc: str, town_id: str) -> frozenset[str]:
        """Countries other than `cc` with a town within :data:`BORDER_NEAR_KM` of the point."""
        found = self._foreign.get(town_id)
        if found is not None:
            return found
        cells, _ = self._town_grid()
        reach_lat = math.ceil(BORDER_NEAR_KM / (111.0 * _CELL_DEG))
        # A degree of longitude shrinks with the latitude (capped near the poles).
        shrink = max(math.cos(math.radians(min(abs(lat) + _CELL_DEG, 85.0))), 0.05)
        reach_lon = math.ceil(BORDER_NEAR_KM / (111.0 * shrink * _CELL_DEG))
        c_lat, c_lon = math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)
        near: set[str] = set()
        for d_lat in range(-reach_lat, reach_lat + 1):
            for d_lon in range(-reach_lon, reach_lon + 1):
                for other, towns in cells.get((c_lat + d_lat, c_lon + d_lon), {}).items():
                    if other == cc or other in near:
                        continue
                    if any(_km((lat, lon), (t[0], t[1])) <= BORDER_NEAR_KM for t in towns):
                        near.add(other)
        found = self._foreign[town_id] = frozenset(near)
        return found

    def borders_near(self, place_id: str) -> frozenset[str]:
        """The borders a town lies near: ``border:`` IDs, as :meth:`border` makes them.

        A town of country X is near the X-Y border when a town of Y in the gazetteer's
        town table lies within :data:`BORDER_NEAR_KM` of it; it is then near X's border
        whose other side is not named too (``border:X``, "the border" of X). Only towns:
        a region or a country contains its border areas by the stored containment
        already, and is not "near" one. Containment (:attr:`Place.within`) does not
        change: this is a relation for comparing reports (:mod:`kb.link.same`).

        Returns:
            The IDs, empty for anything but a town with a point.
        """
        row = self._row_by_id(place_id)
        if row is None or row.level != "city" or row.lat is None or row.lon is None:
            return frozenset()
        if not row.country:
            return frozenset()
        near = self._countries_near(row.lat, row.lon, row.country, row.id)
        if not near:
            return frozenset()
        cc = row.country
        return frozenset({f"border:{min(cc, o)}-{max(cc, o)}" for o in near} | {f"border:{cc}"})

    def towns_near_border(self, border_id: str) -> tuple[str, ...]:
        """IDs of the towns near a border (``border:IQ-SY`` or ``border:IQ``), sorted.

        The inverse of :meth:`borders_near`: a town is listed exactly when the border is
        among its :meth:`borders_near`. Empty for an unknown or malformed ID.
        """
        found = self._border_towns.get(border_id)
        if found is not None:
            return found
        codes = border_id.removeprefix("border:").split("-")
        _, by_country = self._town_grid()
        out: list[str] = []
        if len(codes) == 2 and codes[0] != codes[1]:
            for cc, other in (codes, codes[::-1]):
                for lat, lon, town in by_country.get(cc, ()):
                    if other in self._countries_near(lat, lon, cc, town):
                        out.append(town)
        elif len(codes) == 1:
            cc = codes[0]
            for lat, lon, town in by_country.get(cc, ()):
                if self._countries_near(lat, lon, cc, town):
                    out.append(town)
        found = self._border_towns[border_id] = tuple(sorted(out))
        return found

    def lookup(
        self, name: str, country: str | None = None, *, level: str | None = None
    ) -> Place | None:
        """One place by its name, e.g. a dataset's admin1 name ("Ninewa", "Al Anbar").

        Prefers countries, then regions, then towns by population; `country` (ISO or
        FIPS code) restricts the candidates, and so does `level` ("city" for a
        dataset's town column, so that "Kirkuk" is the city, not the governorate).
        Falls back to a fuzzy match among the country's regions when no spelling
        variant matches exactly.

        Raises:
            InputError: for an unknown country code or level.
        """
        if level is not None and level not in _LEVEL_RANK:
            raise InputError(f"unknown place level {level!r}: use one of {sorted(_LEVEL_RANK)}")
        cc = self._country_code(country) if country else None
        sea = _sea_named(name)
        if sea is not None and level is None and (cc is None or cc in sea.shores):
            return sea_place(sea)  # "Red Sea": the sea, not Sudan's Red Sea State
        keys = name_keys(name, arabic=True)
        # "Sahel region": the region of that name, not the belt (a named area otherwise
        # outranks regions: "Sahel" is the belt).
        region_word = not T.REGION_WORDS.isdisjoint(name_key(name).split())
        best: tuple[Any, ...] | None = None
        best_row: _Row | None = None
        for rank, key in enumerate(keys):
            for index, primary in self._refs(key):
                row = self._row(index)
                # (With a country, an area across several is none of its places: a
                # dataset's "Sahel" in Burkina Faso is its region.)
                if (cc and row.country != cc) or (level and row.level != level):
                    continue
                score = (
                    _AREA_AS_REGION
                    if row.level == "area" and region_word
                    else _LEVEL_RANK[row.level],
                    rank == 0,
                    self._preferred.get(key) == row.id,
                    _named(row, primary),
                    row.population,
                )
                if best is None or score > best:
                    best, best_row = score, row
        if best_row is None and cc and level in (None, "region"):
            best_row = self._fuzzy_region(name, cc)
        return None if best_row is None else self._place(best_row)

    def _fuzzy_region(self, name: str, cc: str) -> _Row | None:
        from rapidfuzz import fuzz, process

        key = name_key(name)
        choices: dict[str, _Row] = {}
        for i, line in enumerate(self._raw):
            level, country = line.split("\t", 3)[1:3]
            if country == cc and level == "region":
                row = self._row(i)
                choices[name_key(row.name)] = row
        found = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=85)
        return choices[found[0]] if found else None

    # -- finding places in text --------------------------------------------------------

    def find(
        self,
        text: str,
        context_countries: Sequence[str] = (),
        *,
        context_country: str | None = None,
        context_regions: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, Place]]:
        """All place mentions in `text` (one sentence or a few).

        Args:
            text: running text.
            context_countries: ISO alpha-2 codes of countries the surrounding text is
                about; they break ties between places of the same name.
            context_country: the country on "our" side of a border the text names only
                by the other side ("the border with Syria" said of the Lebanese army).
            context_regions: ids of provinces the surrounding text has named; between two
                places of one name in one country, the one inside them is meant
                ("Bishnupur" in a story about Manipur, not the West Bengal town).

        Returns:
            ``(start, end, place)`` for each mention, in text order, not overlapping;
            ``place.text`` is ``text[start:end]``.
        """
        finder = _Finder(self, text, context_countries, context_country)
        finder.regions = context_regions
        return finder.run()


def _named(row: _Row, primary: bool) -> bool:
    """Whether a reading counts as matched on its own name when readings are ranked.

    A village's own name does not beat a city's other name: "Querétaro" is the state
    capital (GeoNames' "Santiago de Querétaro"), not a Chiapas hamlet called Querétaro.
    """
    return primary and (row.level != "city" or row.population >= SMALL_TOWN)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    def vec(lat: float, lon: float) -> tuple[float, float, float]:
        la, lo = math.radians(lat), math.radians(lon)
        return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)

    (x1, y1, z1), (x2, y2, z2) = vec(*a), vec(*b)
    x, y, z = x1 + x2, y1 + y2, z1 + z2
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 4),
        round(math.degrees(math.atan2(y, x)), 4),
    )


def sea_place(sea: Sea) -> Place:
    """A water body as a place: in no country, with its representative point."""
    return Place(id=sea.id, name=sea.name, level="sea", country=None, lat=sea.lat, lon=sea.lon)


def _sea_named(name: str) -> Sea | None:
    """The water body a whole name names ("Red Sea", "the Gulf of Aden"), if any."""
    key = " ".join(name.split()).lower()
    return SEAS_BY_NAME.get(key) or SEAS_BY_NAME.get(key.removeprefix("the "))


#: Cheap test before the full pattern: most sentences name no water body.
_SEA_HINT = re.compile(r"Sea\b|Gulf|Strait|Canal|Channel|Bay of|Lake|Mediterranean|Aegean|Bab[ -]")


@functools.cache
def _sea_pattern() -> re.Pattern[str]:
    """Sea names as written (case-sensitive), with an optional direction before them."""
    written = [n for sea in SEAS for n in (sea.name, *sea.aliases)]
    names = sorted((n for n in written if not n.startswith("the ")), key=len, reverse=True)
    after_the = sorted((n[4:] for n in written if n.startswith("the ")), key=len, reverse=True)
    dirs = "|".join(sorted(SEA_DIRECTIONS, key=len, reverse=True))
    # A name used as an adjective of a place on land is not the sea.
    land = (
        r"(?!\s+(?:[Ss]tate|[Gg]overnorate|[Pp]rovince|[Rr]egion|[Hh]ills|[Mm]ountains|"
        r"[Pp]ort\b|[Cc]ity|[Tt]own|[Rr]esort|[Cc]ounty|[Dd]istrict|coast|coastline|shore|"
        r"littoral))"
    )
    return re.compile(
        rf"(?:\b(?P<dir>{dirs})\s+)?(?P<name_or_alias>"
        rf"(?P<name>{'|'.join(map(re.escape, names))})"
        rf"|(?<=\b[Tt]he )(?P<the_alias>{'|'.join(map(re.escape, after_the))})"
        rf")\b{land}"
    )


class _Finder:
    """One run of :meth:`Gazetteer.find` over one text."""

    def __init__(
        self,
        gaz: Gazetteer,
        text: str,
        context_countries: Sequence[str],
        context_country: str | None,
    ) -> None:
        self.gaz = gaz
        self.text = text
        self.starts, self.ends, self.raws, self.norms, self.poss = token_arrays(text)
        self.n = len(self.raws)
        # The first letter of each token, picked in C ("r[:1].isupper()" per token costs more).
        if self.n > 1:
            self.caps = list(map(str.isupper, itemgetter(*self.starts)(text)))
        else:
            self.caps = [text[self.starts[0]].isupper()] if self.n else []
        # Unknown codes (an actor of "EU") are ignored rather than failing the sentence.
        self.context = {gaz._alpha2(c) for c in context_countries if c} & gaz._countries.keys()
        mine = gaz._alpha2(context_country) if context_country else None
        self.context_country = mine if mine in gaz._countries else None
        self.regions: frozenset[str] = frozenset()  # provinces named before (see find)
        if self.context_country:
            self.context.add(self.context_country)
        n = self.n
        # Headlines capitalise every word but a few short function words: then
        # capitalisation tells nothing. A sentence full of names still has lower-case
        # verbs ("met", "said").
        self.title_case = n >= 4 and all(
            cap or len(norm) < 3 or norm in _MINOR_WORDS
            for cap, norm in zip(self.caps, self.norms, strict=True)
        )
        self.out: list[tuple[int, int, Place]] = []
        #: Countries the text names (as a country or a demonym before a place noun).
        self.mentioned: set[str] = set()

    # -- token helpers -----------------------------------------------------------------

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        if i <= 0:
            return self.text[: self.starts[0]] if self.n else ""
        if i >= self.n:
            return self.text[self.ends[-1] :]
        return self.text[self.ends[i - 1] : self.starts[i]]

    def joined(self, i: int) -> bool:
        """Whether token i follows token i-1 within one name (only spaces/hyphens)."""
        if self.poss[i - 1]:
            return False
        g = self.gap(i)
        return len(g) <= 3 and not g.strip(_JOINER_CHARS)  # only joiners (or nothing)

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        return bool(_SENTENCE_END.search(self.gap(i)))

    def word(self, i: int) -> str:
        return self.norms[i] if 0 <= i < self.n else ""

    def capitalised(self, i: int) -> bool:
        return self.caps[i]

    # -- pass 1: keys and demonyms -----------------------------------------------------

    def scan(self) -> list[_Match]:
        gaz = self.gaz
        norms, raws, caps = self.norms, self.raws, self.caps
        n = self.n
        out: list[_Match] = []
        # Only a capitalised token, or "al"/"el" before one, can start a name: visit those.
        firsts = list(compress(range(n), caps))
        if not _ARTICLES.isdisjoint(norms):
            firsts = sorted(
                {*firsts, *(i for i in range(n - 1) if norms[i] in _ARTICLES and caps[i + 1])}
            )
        i = 0
        for first in firsts:
            if first < i:
                continue  # inside the name found before
            i = first
            norm = norms[i]
            maxlen = gaz._maxlen.get(norm)
            if maxlen is None:
                maxlen = gaz._max_tokens(norm)
            found: _Match | None = None
            if maxlen:
                limit = 1
                # A longer name needs its second token to be one that follows `norm` in
                # some name ("the" starts names, but none goes on with "army").
                if i + 1 < n and norms[i + 1] in gaz._seconds[norm]:
                    while limit < maxlen and i + limit < n and self.joined(i + limit):
                        limit += 1
                for length in range(limit, 0, -1):
                    last = i + length - 1
                    if length > 1 and not (caps[last] or len(norms[last]) <= 3):
                        continue
                    key = " ".join(norms[i : i + length]) if length > 1 else norm
                    if key in T.ACRONYM_KEYS:
                        if not (raws[last].isupper() or "." in raws[last]):
                            continue
                    elif (
                        length == 1 and not self.title_case and len(norm) > 1 and raws[i].isupper()
                    ):
                        continue  # "UN", "SDF": an acronym, not a place name
                    refs = gaz._refs(key)
                    if refs:
                        found = _Match(i, i + length, key, refs)
                        break
            if found:
                out.append(found)
                i = found.j
        return out

    def demonym_at(self, i: int) -> tuple[str, int] | None:
        """(country, end token) of a capitalised demonym starting at token i."""
        if i >= self.n or not self.caps[i]:
            return None
        norm = self.norms[i]
        if norm not in self.gaz._demonym_first:
            return None
        if i + 1 < self.n and self.joined(i + 1):
            cc = self.gaz._demonyms.get(f"{norm} {self.norms[i + 1]}")
            if cc:
                return cc, i + 2
        if norm in T.NOT_DEMONYMS:
            return None
        cc = self.gaz._demonyms.get(norm)
        return (cc, i + 1) if cc else None

    # -- candidates --------------------------------------------------------------------

    def rows(self, m: _Match) -> list[tuple[_Row, bool]]:
        return [(self.gaz._row(i), primary) for i, primary in m.refs]

    def country_index(self, m: _Match) -> int:
        """The row index of the country a match names (see :meth:`country_of`)."""
        return next(i for i, _ in m.refs if self.gaz._row(i).level == "country")

    def country_of(self, m: _Match) -> str | None:
        """The country a match names when its best reading is a country."""
        for row, _primary in self.rows(m):
            if row.level == "country":
                return row.country
        return None

    def choose(self, m: _Match, mentioned: set[str]) -> _Row | None:
        """The best reading of a match, or None when no reading is acceptable."""
        context = self.context | mentioned | m.context
        # "Gaza" is the Strip, but "Gaza City" the city.
        preferred = self.gaz._preferred.get(m.key) if m.prefer is None else None
        stop = m.key in STOPWORDS or m.key in T.EXTRA_STOPWORDS or m.key in T.NAMES_NEED_CUE
        cued = m.cue or m.qualified or m.prefer is not None
        if m.key in T.CALENDAR_WORDS and not m.qualified:
            return None
        if m.key in T.NOT_PLACES:
            return None
        if m.key in _WEAPON_NAMES and (
            not m.cue or (m.j < self.n and self.norms[m.j] in _WEAPON_FOLLOWERS)
        ):
            # "from an Iskander strike": a cue word does not make the weapon a place
            return None
        rows = self.rows(m)  # (read once: the loop below goes over the same readings)
        regions = [row for row, _ in rows if row.level == "region"]
        region_ids = {row.id for row in regions}
        # A region whose point is a town of the same name is represented by that town.
        region_points = {(row.lat, row.lon) for row in regions if row.lat is not None}
        best: tuple[Any, ...] | None = None
        best_row: _Row | None = None
        for row, primary in rows:
            if m.country_only and not self.gaz._in_country(row, m.country_only):
                continue
            if row.level != "country":
                if stop and not cued:
                    continue
                if m.key in self.gaz._demonyms and m.prefer != "region":
                    continue
            # (a province the story names vouches for a small town in it: "Bishnupur" in a
            # story about Manipur)
            in_region = bool(self.regions) and (
                row.id in self.regions
                or any(ref.id in self.regions for ref in self.gaz._chain(row))
            )
            if row.level == "city" and row.population < SMALL_TOWN and not cued and not in_region:
                continue
            if (
                stop
                and row.level == "city"
                and row.population < SMALL_TOWN
                and row.country not in context
                and not (in_region or m.holders or m.country_only)
            ):
                # "from Esperanza", "to Lopez": a village named with an everyday word or a
                # person's name counts only in a story about its country.
                continue
            if (
                not primary
                and row.level == "city"
                and context
                and row.country not in context
                and row.population < _ALT_NAME_MIN_POP
            ):
                continue
            level = _LEVEL_RANK[row.level]
            if row.level == "city":
                if m.prefer == "region":
                    level = 0.5
                elif m.prefer == "city" or (
                    regions
                    and (
                        row.population >= LARGE_CITY
                        or (primary and row.parent in region_ids)
                        # (a spelling of the same name, not "Santa Fe de Antioquia")
                        or (
                            (row.lat, row.lon) in region_points
                            and (primary or row.name.count(" ") == m.key.count(" "))
                        )
                    )
                ):
                    level = 2.5  # "Aleppo", "Ramallah": the town, not its region
            elif row.level == "region" and m.prefer == "city":
                level = 0.5
            elif row.level == "area" and m.prefer is not None:
                # "the Sahel region" in a story about Burkina Faso is its region;
                # "Darfur town" is no area
                level = _AREA_AS_REGION if m.prefer == "region" else 0.5
            qualified = bool(m.holders) and (
                row.id in m.holders or any(ref.id in m.holders for ref in self.gaz._chain(row))
            )
            if row.country or row.level != "area":
                in_context = row.country in context
            else:
                in_context = not context.isdisjoint(self.gaz.area_countries(row.id))
            score = (
                preferred == row.id,
                row.level == "country",
                qualified or row.country in m.context,
                in_context,
                in_region,
                level,
                _named(row, primary),
                row.population,
            )
            if best is None or score > best:
                best, best_row = score, row
        return best_row

    # -- pass 2: patterns --------------------------------------------------------------

    def run(self) -> list[tuple[int, int, Place]]:
        if not self.n:
            return []
        matches = self.scan()
        by_start = {m.i: m for m in matches}
        mentioned = self.mentioned
        for m in matches:
            cc = self.country_of(m)
            if cc:
                mentioned.add(cc)
        self.annotate(matches)
        norms, caps = self.norms, self.caps
        demonym_first = self.gaz._demonym_first
        n = self.n
        # Only a name, a capitalised demonym or a border noun starts a phrase: visit those.
        demonyms = [i for i in compress(range(n), caps) if norms[i] in demonym_first]
        borders = (
            []
            if T.BORDER_NOUNS.isdisjoint(norms)
            else [i for i in range(n) if norms[i] in T.BORDER_NOUNS]
        )
        seas = self.seas()
        i = 0
        for at in sorted({*by_start, *demonyms, *borders, *seas}):
            if at < i:
                continue  # inside the phrase read before
            i = at
            if i in seas:
                j, sea = seas[i]
                self.emit_place(i, j, sea_place(sea))
                i = j
                continue
            m = by_start.get(i)
            maybe_demonym = caps[i] and norms[i] in demonym_first
            handled = self.border_at(i, by_start)
            if handled:
                i = handled
                continue
            if m is None:
                dem = self.demonym_at(i) if maybe_demonym else None
                i = self.after_demonym(i, dem[0], dem[1], by_start) if dem else i + 1
                continue
            i = self.emit_match(m, by_start, mentioned)
        self.out.sort(key=lambda t: t[0])
        kept: list[tuple[int, int, Place]] = []
        for item in self.out:  # defensive: phrases never overlap
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return kept

    def seas(self) -> dict[int, tuple[int, Sea]]:
        """Water bodies the text names: first token -> (end token, sea).

        "the southern Red Sea" is the sea (a lower-case direction joins it), "the
        Mediterranean" too; "Red Sea State", "the Red Sea port of Port Sudan" name a place
        on land (the gazetteer's reading stands).
        """
        text = self.text
        if not _SEA_HINT.search(text):
            return {}
        out: dict[int, tuple[int, Sea]] = {}
        starts, ends = self.starts, self.ends
        for found in _sea_pattern().finditer(text):
            name = found.group("name") or found.group("the_alias")
            sea = SEAS_BY_NAME.get(name.lower()) or SEAS_BY_NAME.get(f"the {name.lower()}")
            begin = found.start("dir") if found.group("dir") else found.start("name_or_alias")
            i = bisect.bisect_left(starts, begin)
            j = bisect.bisect_left(ends, found.end())
            if sea is None or i >= self.n or starts[i] != begin or j >= self.n:
                continue
            out[i] = (j + 1, sea)
        return out

    def annotate(self, matches: list[_Match]) -> None:
        """Cues before and qualifiers after each match."""
        for k, m in enumerate(matches):
            i = m.i
            m.start_i, m.end_j = m.i, m.j
            # direction word before: "northern Syria", "eastern Deir ez-Zor"; a name that
            # starts with one ("rural Damascus") replaces the shorter name.
            if i > 0 and self.word(i - 1) in T.DIRECTIONS and self.joined(i):
                longer = self.gaz._refs(f"{self.word(i - 1)} {m.key}")
                if longer:
                    m.key, m.refs = f"{self.word(i - 1)} {m.key}", longer
                else:
                    m.prefer = m.prefer or "region"
                    # Prose writes "northern Syria"; a capitalised "Northern Samar" or
                    # "the Northern Star" inside a sentence is one name the gazetteer
                    # lacks, not a direction in Samar.
                    m.longer_name = (
                        self.caps[i - 1] and not self.title_case and not self.sentence_start(i - 1)
                    )
                m.start_i = i - 1
                m.cue = True
                i -= 1
            before = self.word(i - 1)
            stop = m.key in STOPWORDS or m.key in T.EXTRA_STOPWORDS
            if (
                before == "the"
                and self.word(i - 2) in T.LOCATIVE_CUES
                and (not stop or any(self.gaz._row(r).level == "area" for r, _ in m.refs))
            ):
                # "in the Bekaa", "across the Sahel" (the belt, a named area), but not "in
                # the North" (a common word)
                before = self.word(i - 2)
            if before in T.LOCATIVE_CUES or before in T.VERB_CUES:
                # "sent to Lopez", "a call from Hassan": a person as often as a place
                m.cue = not (m.key in T.NAMES_NEED_CUE and before in _PERSON_CUES)
            elif before in _HELD_WORDS and self.gap(i - 1) in ("-", "‑", "–"):
                m.cue = True  # "in rebel-held Idlib", "Russian-occupied Vasylivka"
            elif before == "of" and self.word(i - 2) in T.OF_NOUNS:
                m.cue = True
                if self.word(i - 2) in T.CITY_WORDS or self.word(i - 2) == "port":
                    m.prefer = m.prefer or "city"  # "the city of Hodeidah", "the port of Aden"
                elif self.word(i - 2) in T.REGION_WORDS:
                    m.prefer = m.prefer or "region"  # "the province of Marib"
                dem = self.demonym_at(i - 3) or (
                    self.demonym_at(i - 4) if self.word(i - 3) in T.DIRECTIONS else None
                )
                if dem:
                    m.context.add(dem[0])
            elif before in ("and", "or") or self.gap(i).strip() == ",":
                prev = matches[k - 1] if k else None
                if prev and prev.cue and prev.j >= i - 2:
                    m.cue = True
            # region or settlement word after: "Idlib province", "Mosul city"
            after = self.word(m.j)
            # ... but "the West Bank city of Jenin" names Jenin, not a city West Bank.
            if m.j < self.n and self.joined(m.j) and self.word(m.j + 1) != "of":
                if after in T.REGION_WORDS:
                    m.prefer, m.end_j, m.qualified = "region", m.j + 1, True
                elif after in T.CITY_WORDS:
                    m.prefer, m.end_j, m.qualified = "city", m.j + 1, True
                elif after in T.AREA_WORDS:
                    m.end_j, m.qualified = m.j + 1, True
                    if after == "countryside":  # "Daraa countryside": the province
                        m.prefer = "region"
                elif after == "local" and self.word(m.j + 1) == "government":
                    # "Bokkos Local Government Area": a Nigerian district, the town's name
                    m.end_j = m.j + 3 if self.word(m.j + 2) == "area" else m.j + 2
                    m.qualified = True
            # qualifier after: "Hit, in Anbar", "Hit, Iraq", "Qaim in western Anbar"
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            if nxt is not None:
                between = self.text[self.ends[m.end_j - 1] : self.starts[nxt.i]]
                words = between.replace(",", " ").replace("(", " ").split()
                # "the Sahel region of Burkina Faso": the region word belongs to the name
                # when what follows "of" holds it (checked below), unlike "the West Bank
                # city of Jenin"
                # (Only between a named area and a region of the same name: elsewhere the
                # reading of "the Tillabéri region of western Niger" is left as it was.)
                region_of = (
                    m.end_j == m.j
                    and len(words) >= 2
                    and words[0].lower() in T.REGION_WORDS
                    and words[1].lower() == "of"
                    and self.joined(m.j)
                    and any(self.gaz._row(r).level == "area" for r, _ in m.refs)
                )
                if region_of:
                    words = words[1:]
                if len(words) <= 3 and all(
                    w.lower() in ("in", "of", "near", "the") or w.lower() in T.DIRECTIONS
                    for w in words
                ):
                    holder_rows = [
                        row
                        for row, _ in self.rows(nxt)
                        if row.level in ("country", "region", "area")
                    ]
                    holders = {row.id for row in holder_rows}
                    # A province (kb.gazetteer.tables.PROVINCE_COUNTRIES) holds no towns in
                    # the data, only its region does: "Las Navas, Northern Samar" is a town
                    # of the province's region.
                    holders |= {
                        row.parent
                        for row in holder_rows
                        if row.country in T.PROVINCE_COUNTRIES
                        and row.parent.startswith("iso3166-2:")
                    }
                    inside = {
                        row.id
                        for row, _ in self.rows(m)
                        if row.parent in holders
                        or any(ref.id in holders for ref in self.gaz._chain(row))
                    }
                    if inside:
                        m.qualified = True
                        m.holders |= holders
                        if region_of:
                            m.prefer, m.end_j = "region", m.j + 1
                    elif holders and ("in" in words or "of" in words) and "near" not in words:
                        # "Mahas in the Hiraan region", "the al-Qahira district of Taiz":
                        # the name lies in that place, so a namesake elsewhere is wrong.
                        ccs = {
                            row.country
                            for row, _ in self.rows(nxt)
                            if row.level in ("country", "region", "area") and row.country
                        }
                        if len(ccs) == 1 and not any(
                            row.level == "country" for row, _ in self.rows(m)
                        ):
                            m.country_only = next(iter(ccs))

    def emit_match(self, m: _Match, by_start: dict[int, _Match], mentioned: set[str]) -> int:
        """Resolve one key match (with a possessive country before it); next token."""
        start_i = m.start_i
        # "Iraq's Anbar province": the country qualifies the next name
        country = self.country_of(m)
        if country and self.poss[m.j - 1] and m.j < self.n:
            nxt = by_start.get(m.j)
            if nxt is None and self.norms[m.j] in T.DIRECTIONS:
                nxt = by_start.get(m.j + 1)  # "Iraq's western Anbar"
                if nxt is not None and nxt.start_i != m.j:
                    nxt = None
            if self.actor_follows(m.j):
                return m.j
            if nxt is not None:
                nxt.country_only = country
                nxt.cue = True
                row = self.choose(nxt, mentioned)
                if row is not None:
                    self.emit(start_i, nxt.end_j, row)
                    return nxt.end_j
                # "Yemen's Red Sea port": a feature of that country the gazetteer lacks,
                # not a namesake elsewhere.
                self.emit(start_i, m.end_j, self.gaz._row(self.country_index(m)))
                return nxt.end_j
        if country and self.word(m.j) in T.ACTOR_NOUNS and not self.poss[m.j - 1]:
            return m.j
        if country and self.name_goes_on(m):
            return m.j  # "the Jordan Valley", "UK Maritime Trade Operations"
        if (
            m.end_j < self.n
            and self.word(m.end_j) in _ACTOR_SUFFIXES
            and self.gap(m.end_j)
            in (
                "-",
                "‑",
            )
        ):
            return m.end_j  # "US-backed", "Beirut-based"
        row = self.choose(m, mentioned)
        if row is None:
            return m.j
        if (row.level != "country" or m.key in T.PERSON_NAMES) and not self.plausible_name(m):
            return m.j
        if row.level != "country" and (m.longer_name or self.far_away(row, m, mentioned)):
            return m.j
        if row.level == "area":
            if self.names_a_group(m):
                return m.end_j
            if (self.poss[m.j - 1] or self.joined(m.j)) and self.actor_follows(m.j):
                # "Puntland's president", "Puntland forces": the authorities of a
                # self-governing area, an actor like "Iraq's army"
                return m.j
            if self.poss[m.j - 1]:
                # "north Kashmir's Kupwara district": one phrase, the place inside the area
                nxt = by_start.get(m.j)
                if nxt is not None:
                    nxt.holders.add(row.id)
                    nxt.cue = True
                    inner = self.choose(nxt, mentioned)
                    if inner is not None and any(
                        ref.id == row.id for ref in self.gaz._chain(inner)
                    ):
                        self.emit(start_i, nxt.end_j, inner)
                        return nxt.end_j
        if (
            self.sentence_start(m.i)
            and not m.qualified
            and (m.key in STOPWORDS or m.key in T.EXTRA_STOPWORDS)
        ):
            return m.j
        self.emit(start_i, m.end_j, row)
        return m.end_j

    def far_away(self, row: _Row, m: _Match, mentioned: set[str]) -> bool:
        """Whether a reading lies far from every country the text is about.

        A village the gazetteer lacks often shares its name with a town on another
        continent ("Samar" in Ukraine for the Philippine province, "Fara" in Burkina Faso
        for the Far'a camp in the West Bank). When the caller knows the article's
        countries, a town or region in none of them, in no neighbour of theirs and more
        than :data:`FAR_AWAY_KM` from all of them is dropped: no place is better than a
        wrong one. A country the sentence names, a qualifier ("X, in Iraq"), a capital or
        a city of a million people keep the reading.
        """
        context = self.context
        cc = row.country
        if not context or not cc or cc in context or cc in mentioned or cc in m.context:
            return False
        if m.holders or m.country_only or row.population >= _ALT_NAME_MIN_POP:
            return False
        countries = self.gaz._countries
        info = countries.get(cc)
        if info is None or info.get("capital") == row.id:
            return False
        if any(cc in countries.get(c, {}).get("neighbours", ()) for c in context):
            return False
        # (Regions have no point of their own in the data: their country's stands in.)
        here = (row.lat, row.lon) if row.lat is not None and row.lon is not None else None
        here = here or self.gaz._country_point(cc)
        if here is None:
            return False
        for c in context:
            point = self.gaz._country_point(c)
            if point is None or _km(here, point) <= FAR_AWAY_KM:
                return False
        return True

    def names_a_group(self, m: _Match) -> bool:
        """Whether "in (the) <name>" follows a noun that makes it part of a group's name or
        description ("Islamic State in the Sahel", "al-Qaeda's branch in the Sahel")."""
        k = m.start_i - 1
        if self.word(k) == "the":
            k -= 1
        return self.word(k) == "in" and self.word(k - 1) in _AFFILIATE_NOUNS

    def name_goes_on(self, m: _Match) -> bool:
        """Whether a country's name is the first word of a longer name: "the Jordan
        Valley" (a valley across two countries), "UK Maritime Trade Operations" (an
        agency). A weekday ("in Syria Monday") or a place word ("Syria province") does not
        make one, nor does a headline's capitalisation."""
        j = m.end_j
        if self.title_case or j >= self.n or self.poss[j - 1] or not self.joined(j):
            return False
        if not self.caps[j] or self.raws[j].isupper():
            return False
        word = self.norms[j]
        if word in T.CALENDAR_WORDS or word in T.REGION_WORDS or word in T.ACTOR_NOUNS:
            return False
        return word in _FEATURE_WORDS or word not in T.PLACE_FOLLOWERS

    def actor_follows(self, j: int) -> bool:
        """Whether an actor noun follows within three words ("Sudan's Rapid Support
        Forces", "Iraq's prime minister")."""
        for k in range(j, min(j + 3, self.n)):
            if k > j and not self.joined(k):
                return False
            if self.norms[k] in T.ACTOR_NOUNS:
                return True
        return False

    def plausible_name(self, m: _Match) -> bool:
        """False when capitalised neighbours make the name part of a person's or an
        organisation's name ("Michael Jordan", "Jerusalem Post")."""
        if self.title_case:
            return True
        i, j = m.start_i, m.j
        if i > 0 and self.joined(i) and self.capitalised(i - 1):
            w = self.word(i - 1)
            # A capitalised word that starts the sentence may be any word ("Besieged
            # Aleppo ..."), but before a first name it is probably a name ("Michael").
            if (
                (not self.sentence_start(i - 1) or m.key in T.PERSON_NAMES)
                and w not in _ALLOWED_BEFORE
                and w not in T.DIRECTIONS
                and self.demonym_at(i - 1) is None
            ):
                return False
        if (
            j + 1 < self.n
            and len(m.key.split()) == 1
            and self.joined(j)
            and self.norms[j] in _ARABIC_ARTICLES
            and self.text[self.ends[j] : self.starts[j + 1]] == "-"
        ):
            # "Wadi al-Shay", "Tell al-Abyad": the name goes on with an Arabic article; a
            # place called like its first word is another place.
            return False
        if j < self.n and self.joined(j) and self.capitalised(j):
            w = self.word(j)
            if (
                w not in T.PLACE_FOLLOWERS
                and w not in T.REGION_WORDS
                and w not in T.AREA_WORDS
                and not (w == "local" and self.word(j + 1) == "government")
                and (len(m.key.split()) == 1 or m.key in T.PERSON_NAMES)
            ):
                return False
        return True

    def emit(self, i: int, j: int, row: _Row) -> None:
        start, end = self.starts[i], self.ends[j - 1]
        self.out.append((start, end, self.gaz._place(row, self.text[start:end])))

    def emit_place(self, i: int, j: int, place: Place) -> None:
        start, end = self.starts[i], self.ends[j - 1]
        place.text = self.text[start:end]
        self.out.append((start, end, place))

    # -- demonyms and borders ----------------------------------------------------------

    def country_at(self, i: int, by_start: dict[int, _Match]) -> tuple[str, int] | None:
        """(country, end token) of a country name or demonym at token i."""
        m = by_start.get(i)
        if m is not None:
            cc = self.country_of(m)
            if cc:
                return cc, m.j
        return self.demonym_at(i)

    def border_at(self, i: int, by_start: dict[int, _Match]) -> int | None:
        """Border phrases starting at token i; returns the next token when one is found."""
        gaz = self.gaz
        word = self.word(i)
        if word in T.BORDER_NOUNS:
            # "the border with Syria", "the border between Iraq and Syria"
            nxt = self.word(i + 1)
            if nxt == "with":
                other = self.country_at(i + 2, by_start)
                if other:
                    mine = self.context_country
                    if mine and mine != other[0]:
                        self.emit_place(i, other[1], gaz.border(mine, other[0]))
                    else:
                        self.emit_place(i, other[1], gaz._single_border(other[0]))
                    return other[1]
            if nxt == "between":
                a = self.country_at(i + 2, by_start)
                if a and self.word(a[1]) == "and":
                    b = self.country_at(a[1] + 1, by_start)
                    if b and b[0] != a[0]:
                        self.emit_place(i, b[1], gaz.border(a[0], b[0]))
                        return b[1]
            return None
        first = self.country_at(i, by_start)
        if first is None:
            return None
        cc, j = first
        # "Iraq-Syria border", "the Syrian–Iraqi border"
        if j < self.n and self.gap(j).strip() in _DASHES and self.gap(j).strip():
            second = self.country_at(j, by_start)
            if second and self.word(second[1]) in T.BORDER_NOUNS and second[0] != cc:
                self.emit_place(i, second[1] + 1, gaz.border(cc, second[0]))
                return second[1] + 1
        # "Syria's border with Turkey", "the Syrian border", "Lebanon's southern border"
        k = j
        if self.word(k) in T.DIRECTIONS:
            k += 1
        if (
            self.word(k) in T.BORDER_NOUNS
            and self.joined(k)
            or (self.poss[j - 1] and self.word(k) in T.BORDER_NOUNS)
        ):
            if self.word(k + 1) == "with":
                other = self.country_at(k + 2, by_start)
                if other and other[0] != cc:
                    self.emit_place(i, other[1], gaz.border(cc, other[0]))
                    return other[1]
            mine = self.context_country
            place = gaz.border(cc, mine) if mine and mine != cc else gaz._single_border(cc)
            self.emit_place(i, k + 1, place)
            return k + 1
        return None

    def after_demonym(self, i: int, cc: str, j: int, by_start: dict[int, _Match]) -> int:
        """A demonym is a place only before a place noun ("Syrian territory")."""
        word = self.word(j)
        if word in T.PLACE_NOUNS:
            self.mentioned.add(cc)
            end = j + 1
            # "the Lebanese side of the border"
            if word in _STOP_AFTER_DEMONYM and self.word(end) == "of":
                k = end + 1 + (self.word(end + 1) == "the")
                if self.word(k) in T.BORDER_NOUNS:
                    end = k + 1
            self.emit_place(i, end, self.gaz.country(cc))  # type: ignore[arg-type]
            return end
        if word == "capital":
            capital = self.gaz._countries.get(cc, {}).get("capital")
            place = self.gaz.get(capital) if capital else None
            if place is not None:
                end = j + 1
                # "the Syrian capital, Damascus": one phrase, one place
                named = by_start.get(end)
                if (
                    named is not None
                    and self.gap(end).strip() in ("", ",")
                    and any(self.gaz._row(k).id == capital for k, _ in named.refs)
                ):
                    end = named.j
                self.emit_place(i, end, place)
                return end
        return j
