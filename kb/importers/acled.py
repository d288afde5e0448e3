"""ACLED CSV exports, in the current column layout and older ones.

Columns are found by name in the header (case and spacing ignored), so the layout since
March 2023 (event_id_cnty, event_date, year, time_precision, disorder_type, event_type,
sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3, location,
latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags,
timestamp) and the older ones (with data_id, event_id_no_cnty and iso3; upper-case names;
"05 March 2019" dates; pre-2019 event types) all read.

Codebook values used:

* ``time_precision`` 1: the day is known; 2: the source gives a week or so and ACLED
  codes a day inside it (bounds: three days either side, precision day); 3: only the
  month is known (precision month, bounds the whole month).
* ``geo_precision`` 1: the town itself; 2: near the town or part of it; 3: only a larger
  region, coded at its centroid or capital, so the report is placed in the admin1 region
  with ``kb:centroid true``.
* ``inter1``/``inter2`` (actor types, numbers before 2024, labels since) do not set an
  actor's kind: a minted actor gets the kind its name gives, so that it is described
  alike wherever it appears (one ``kb:actorKind``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from kb.eventtypes import from_acled, top_key
from kb.importers.base import (
    ActorIn,
    ArticleIn,
    Canonical,
    ImportedReport,
    Names,
    RowError,
    far_from,
    iso2_from_alpha3,
    iso2_from_numeric,
    mention_iri,
    minted_place,
    month_bounds,
    parse_float,
    report_iri,
    slug,
)
from kb.model import Place
from kb.namespaces import actor_iri

DATASET = "acled"
#: Columns an ACLED export must have (one name of each tuple).
REQUIRED = (
    ("event_id_cnty", "data_id", "event_id_no_cnty"),
    ("event_date",),
    ("event_type",),
    ("country", "iso", "iso3"),
)
_MILITARY_TOPS = {"air_or_drone_strike", "attack", "armed_clash", "killing"}
#: Days either side of the coded day for time_precision 2 ("a week or so").
WEEK_SLACK = 3
TOWN_RADIUS_KM = 30.0
_PERIOD = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$")
_QUALIFIER = re.compile(r"\s*\(([^()]*)\)\s*$")
_BODY = re.compile(r"^(Military|Police|Government) (?:Forces )?of (.+)$", re.IGNORECASE)
# ACLED writes some groups as "<short name>: <long name>" ("JNIM: Group for Support of
# Islam and Muslims", "M23: March 23 Movement"); either half may be the name kb knows.
_ABBREVIATED = re.compile(r"^([^:]{1,40}):\s*(\S.*)$")
_BODY_OF = {"military": "military", "police": "police", "government": "government"}
_DATE_FORMATS = (
    "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
    "%Y/%m/%d", "%d.%m.%Y", "%d-%b-%y", "%d %b %y",
)  # fmt: skip
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$")
_NUMBER = re.compile(r"^\d+(?:\.0*)?$")


def normalise_header(names: list[str]) -> list[str]:
    """Header names as the codebook writes them: lower case, underscores."""
    return [re.sub(r"[\s-]+", "_", n.strip().lstrip("\ufeff").lower()) for n in names]


def missing_columns(header: list[str]) -> list[str]:
    """Required columns the header lacks (each as "a or b")."""
    have = set(header)
    return [" or ".join(opts) for opts in REQUIRED if not have & set(opts)]


def slash_order(dates: list[str]) -> str:
    """``"dmy"`` or ``"mdy"``: how a file writes dates like 05/03/2019.

    Spreadsheets write the machine's locale: 15/01/2019 in most of the world, 1/15/2019
    in the US. The first date whose day is over 12 tells; without one, day first.
    """
    for text in dates:
        m = _SLASHED.match(text.strip())
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                return "dmy"
            if b > 12 >= a:
                return "mdy"
    return "dmy"


def parse_date(text: str, order: str = "dmy") -> dt.date:
    """An ACLED event_date in any of the formats exports have used.

    "2019-01-15", "15 January 2019", "15-January-2019", "15-Jan-19", "2019-01-15
    00:00:00" (a spreadsheet's date and time), and 15/01/2019 or 1/15/2019 as `order`
    says (:func:`slash_order`).
    """
    text = text.strip()
    m = _SLASHED.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 2000 if y < 70 else 1900
        day, month = (a, b) if order == "dmy" else (b, a)
        try:
            return dt.date(y, month, day)
        except ValueError:
            raise RowError(f"event_date {text!r} is not a date") from None
    t = _ISO_TIME.match(text)
    if t:
        text = t.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"event_date {text!r} is not a date")


def whole_number(text: str, what: str) -> int | None:
    """A count: None when empty; "3" and "3.0" (a spreadsheet's number) are 3."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise RowError(f"{what} {text!r} is not a whole number")
    return int(text.split(".", 1)[0])


class AcledMapper:
    """Turns ACLED rows (dicts by column name) into imported reports."""

    def __init__(self, registry: Any, gazetteer: Any, canonical: Canonical) -> None:
        self.registry = registry
        self.gazetteer = gazetteer
        self.canonical = canonical
        self.names = Names(registry)
        self._dates: dict[str, dt.date] = {}
        self._actors: dict[tuple[str, ...], Any] = {}
        self._countries: dict[tuple[str, str, str], Place | None] = {}
        self._regions: dict[tuple[str, str], Place | None] = {}
        self._towns: dict[tuple[Any, ...], Place | None] = {}
        self._outlets: dict[str, Any] = {}
        #: How the file being read writes dates like 05/03/2019 (see slash_order).
        self.order = "dmy"

    def event(self, row: dict[str, str], line: int, canon_out: list[str]) -> ImportedReport:
        """One ACLED row as a report.

        Raises:
            RowError: no event id, a bad date, precision or coordinate.
        """
        g = row.get
        event_id = (g("event_id_cnty") or "").strip()
        if not event_id:
            no_cnty = (g("event_id_no_cnty") or "").strip()
            iso3 = (g("iso3") or "").strip()
            event_id = (iso3 + no_cnty) if no_cnty else (g("data_id") or "").strip()
        if not event_id:
            raise RowError("the row has no event_id_cnty (nor data_id)")
        text = g("event_date") or ""
        day = self._dates.get(text)
        if day is None:
            day = parse_date(text, self.order)
            if len(self._dates) < 100_000:
                self._dates[text] = day
        precision_code = (g("time_precision") or "1").strip() or "1"
        if precision_code not in ("1", "2", "3"):
            number = whole_number(precision_code, "time_precision") if precision_code else None
            precision_code = str(number)
            if precision_code not in ("1", "2", "3"):
                raise RowError(f"time_precision {g('time_precision')!r} is not 1, 2 or 3")
        if precision_code == "3":
            earliest, latest = month_bounds(day.year, day.month)
            value, precision = day.strftime("%Y-%m"), "month"
        else:
            slack = dt.timedelta(days=WEEK_SLACK if precision_code == "2" else 0)
            earliest, latest = day - slack, day + slack
            value, precision = day.isoformat(), "day"
        event_type = (g("event_type") or "").strip()
        sub_type = (g("sub_event_type") or "").strip()
        type_key = from_acled(event_type, sub_type or None)
        top = top_key(type_key)
        military = top in _MILITARY_TOPS
        lat = parse_float(g("latitude") or "", "latitude", -90, 90)
        lon = parse_float(g("longitude") or "", "longitude", -180, 180)
        cc_place = self._country(g("iso") or "", g("iso3") or "", g("country") or "")
        places, centroid = self._places(row, cc_place, lat, lon)
        for p in places:
            self.canonical.place(p, canon_out)
        iri = report_iri(DATASET, event_id)
        actors: list[ActorIn] = []
        for col, inter, role in (("actor1", "inter1", "agent"), ("actor2", "inter2", "target")):
            name = (g(col) or "").strip()
            if name:
                self._add_actor(actors, name, role, g(inter) or "", military, iri, canon_out)
        for col in ("assoc_actor_1", "assoc_actor_2", "ally_actor_1", "ally_actor_2"):
            for name in (g(col) or "").split(";"):
                if name.strip():
                    self._add_actor(
                        actors, name.strip(), "participant", "", military, iri, canon_out
                    )
        quantities: dict[str, int] = {}
        killed = whole_number(g("fatalities") or "", "fatalities")
        if killed is not None:
            quantities["killed"] = killed
        notes = " ".join((g("notes") or "").split())
        source = " ".join((g("source") or "").split()) or None
        where = places[0].name if places else (g("country") or "").strip()
        title = f"ACLED {event_id}: {sub_type or event_type or 'event'}"
        title += f" in {where}" if where else ""
        text = notes or title
        publishers = self._publishers(source, canon_out) if source else ()
        article = ArticleIn(
            id=f"{DATASET}-{event_id}",
            outlet=source,
            publishers=publishers,
            title=title,
        )
        if notes:
            from kb.rdfmap import content_hash

            article.body_hash = content_hash(notes)
        return ImportedReport(
            dataset=DATASET,
            dataset_id=event_id,
            iri=iri,
            type=type_key,
            top=top,
            trigger=sub_type or event_type or "ACLED event",
            article=article,
            mention_iri=mention_iri(DATASET, event_id),
            mention_text=text,
            mention_start=0,
            mention_end=len(text) if notes else 0,
            actors=actors,
            places=places,
            centroid=centroid,
            date_value=value,
            precision=precision,
            earliest=earliest,
            latest=latest,
            date_text=(g("event_date") or "").strip(),
            quantities=quantities,
            line=line,
        )

    # -- actors ----------------------------------------------------------------------------
    def _add_actor(
        self,
        actors: list[ActorIn],
        name: str,
        role: str,
        inter: str,
        military: bool,
        report: str,
        out: list[str],
    ) -> None:
        bare = _PERIOD.sub("", name)
        if bare.lower().startswith("unidentified"):
            # Never shared between reports (docs/rdf-model.md): minted per report.
            node = report.replace("/report/", "/actor/unidentified/", 1) + f"/{len(actors)}"
            label = _QUALIFIER.sub("", bare)
            actors.append(ActorIn(node, label, role, text=name, unidentified=True))
            return
        key = (bare, inter.strip().lower(), military)
        actor = self._actors.get(key)
        if actor is None:
            actor = self._actors[key] = self._resolve(bare, inter.strip().lower(), military)
            self.canonical.actor(actor, out)
        iri = str(actor_iri(actor.key))
        if any(a.iri == iri for a in actors):
            return
        actors.append(ActorIn(iri, actor.label, role, text=name))

    def _resolve(self, name: str, inter: str, military: bool) -> Any:
        family = "military" if military else "political"
        body = _BODY.match(name)
        if body:
            # ACLED's "Military Forces of Iraq", "Police Forces of Iraq", "Government of Iraq"
            cc = self._country_code(_QUALIFIER.sub("", body.group(2)))
            if cc:
                return self.registry.country_body(cc, _BODY_OF[body.group(1).lower()])
        qualifier = _QUALIFIER.search(name)
        cc = self._country_code(qualifier.group(1)) if qualifier else None
        actor = self.names.resolve(name, family)
        if not actor.minted:
            return actor
        if qualifier:
            # "Protesters (Iraq)": the country says where, not who.
            plain = self.names.resolve(_QUALIFIER.sub("", name), family)
            if not plain.minted:
                return plain
            actor = plain
        halves = _ABBREVIATED.match(_QUALIFIER.sub("", name))
        if halves:
            for half in (halves.group(2), halves.group(1)):
                known = self.names.resolve(half.strip(), family)
                if not known.minted:
                    return known
        # The kind is the one the name gives (not inter1/inter2, which vary by row): a
        # minted actor is described alike wherever it appears.
        if cc and not actor.country:
            actor = dataclasses.replace(actor, country=cc)
        return actor

    def _country_code(self, name: str) -> str | None:
        place = self._country("", "", name)
        return place.country if place else None

    def _publishers(self, source: str, out: list[str]) -> tuple[str, ...]:
        keys: list[str] = []
        for name in source.split(";"):
            name = name.strip()
            if not name:
                continue
            actor = self._outlets.get(name)
            if actor is None:
                actor = self._outlets[name] = self.registry.outlet(name)
                self.canonical.actor(actor, out)
            if actor.key not in keys:
                keys.append(actor.key)
        return tuple(keys)

    # -- places ----------------------------------------------------------------------------
    def _country(self, iso: str, iso3: str, name: str) -> Place | None:
        key = (iso.strip(), iso3.strip(), name.strip())
        if key not in self._countries:
            gaz = self.gazetteer
            iso_code = key[0][:-2] if key[0].endswith(".0") else key[0]  # "368.0"
            if iso_code.isalpha() and len(iso_code) == 3:
                key = (key[0], key[1] or iso_code, key[2])  # an alpha-3 code in "iso"
                iso_code = ""
            cc = iso2_from_numeric(iso_code) if iso_code else None
            cc = cc or (iso2_from_alpha3(key[1]) if key[1] else None)
            place = gaz.country(cc) if cc else None
            if place is None and key[2]:
                found = gaz.lookup(key[2])
                place = found if found is not None and found.level == "country" else None
            self._countries[(iso.strip(), iso3.strip(), name.strip())] = place
            return place
        return self._countries[key]

    def _region(self, name: str, country: Place) -> Place | None:
        key = (name, country.id)
        if key not in self._regions:
            found = self.gazetteer.lookup(name, country.country)
            if found is None or found.level != "region":
                # The gazetteer lacks this admin1: mint it so its towns have a region.
                found = minted_place(
                    f"{DATASET}:{slug(country.country or '', name)}",
                    name,
                    "region",
                    country,
                    None,
                    None,
                    None,
                )
                self.canonical.minted[found.id] = found
            self._regions[key] = found
        return self._regions[key]

    def _places(
        self, row: dict[str, str], country: Place | None, lat: float | None, lon: float | None
    ) -> tuple[list[Place], bool]:
        if country is None:
            return [], False
        admin1 = (row.get("admin1") or "").strip()
        location = (row.get("location") or "").strip()
        geo = (row.get("geo_precision") or "").strip()
        region = self._region(admin1, country) if admin1 else None
        if geo == "3":
            return [region or country], True
        if not location:
            return [region or country], True
        key = (location, region.id if region else country.id, lat, lon)
        if key not in self._towns:
            self._towns[key] = self._town(location, country, region, lat, lon)
        town = self._towns[key]
        return [town or region or country], town is None

    def _town(
        self,
        name: str,
        country: Place,
        region: Place | None,
        lat: float | None,
        lon: float | None,
    ) -> Place | None:
        gaz = self.gazetteer
        # A town by that name first: "Kirkuk" is also a governorate, "Basra" too.
        found = gaz.lookup(name, country.country, level="city") or gaz.lookup(
            name, country.country, level="district"
        )
        if found is None:
            other = gaz.lookup(name, country.country)
            if other is not None and region is not None and other.id == region.id:
                return None  # the location is the region itself, with no town of its name
        if found is not None and far_from(found, lat, lon, TOWN_RADIUS_KM):
            found = None  # a namesake elsewhere in the country
        if found is not None:
            return found
        local = slug(country.country or "", region.name if region else "", name)
        return minted_place(f"{DATASET}:{local}", name, "city", country, region, lat, lon)
