"""GDELT event files: 2.0 exports (61 columns), 1.0 daily files (57/58), 2.0 mentions (16).

All are tab-separated without a header. Column positions follow the GDELT Event
Codebook V2.0 and the GDELT 2.0 Event Database's mentions table:

* 2.0 export: GLOBALEVENTID, SQLDATE (``YYYYMMDD``, the day of the event), ..., Actor1Code,
  Actor1Name, Actor1CountryCode (CAMEO, ISO alpha-3), ..., Actor1Type1-3Code, then the same
  ten for Actor2, IsRootEvent, EventCode (CAMEO), ..., then three geography blocks of 8
  columns (Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code, Lat, Long,
  FeatureID) for Actor1, Actor2 and the action, DATEADDED (``YYYYMMDDHHMMSS``), SOURCEURL.
* 1.0 daily file: the same without the ADM2Code columns (58); files before April 2013
  also lack SOURCEURL (57), and DATEADDED is ``YYYYMMDD``.
* 2.0 mentions: GLOBALEVENTID, EventTimeDate, MentionTimeDate (``YYYYMMDDHHMMSS``),
  MentionType (1 = web), MentionSourceName, MentionIdentifier (the URL), SentenceID,
  Actor1CharOffset, Actor2CharOffset, ActionCharOffset, InRawText, Confidence,
  MentionDocLen, MentionDocTone, MentionDocTranslationInfo, Extras.

Geography: ActionGeo_Type 1 = country, 2 = US state, 3 = US city, 4 = world city,
5 = world state (ADM1). Types 1, 2 and 5 only give a country's or region's centroid, so
the report gets ``kb:centroid true``; type 0 (or none) names no place.

Dates: the codebook calls SQLDATE "the date the event took place", but GDELT dates an
event by the article it found it in unless the text gives another day, and DATEADDED is
when it read that article (the 15-minute update, UTC). So a row whose SQLDATE is the day
of DATEADDED (or the day after: time zones) is dated by its report: basis
``publication``, which the linker reads as "on or up to three days before"
(:data:`kb.link.same.PUBLICATION_WINDOW`), as it reads an article that gives no date.
A row whose SQLDATE lies before DATEADDED's day was dated from the text ("yesterday",
"last month"): basis ``relative``, the day itself. Rows of the 1.0 backfile (57
columns, before April 2013) are dated by their article: ``publication``.

Exports made with BigQuery or other tools may have a header row; its column names
(GDELT's, any case) then say where each column is, and commas or tabs separate them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from kb.eventtypes import from_cameo, label, top_key
from kb.importers.base import (
    ActorIn,
    ArticleIn,
    Canonical,
    ImportedReport,
    Names,
    RowError,
    far_from,
    iso2_from_alpha3,
    mention_iri,
    minted_place,
    parse_float,
    report_iri,
    short_hash,
    url_article_id,
)
from kb.model import Place
from kb.namespaces import actor_iri

DATASET = "gdelt"
EVENTS_V2 = "events-2.0"
EVENTS_V1 = "events-1.0"
EVENTS_V1_NOURL = "events-1.0-nourl"
MENTIONS = "mentions-2.0"
#: Column count of the first good row -> kind of file (mentions files before the
#: Extras and translation columns had 14 or 15).
KINDS = {61: EVENTS_V2, 58: EVENTS_V1, 57: EVENTS_V1_NOURL, 16: MENTIONS, 15: MENTIONS,
         14: MENTIONS}  # fmt: skip
#: Columns a row of each kind has.
WIDTH = {EVENTS_V2: 61, EVENTS_V1: 58, EVENTS_V1_NOURL: 57, MENTIONS: 16}

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: Column names of a 2.0 export (Event Codebook V2.0), in file order.
COLUMNS_V2 = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + ["Actor1" + a for a in _ACTOR]
    + ["Actor2" + a for a in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [p + "Geo_" + g for p in ("Actor1", "Actor2", "Action") for g in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)  # fmt: skip
#: Column names of each kind of file, in file order.
COLUMNS = {
    EVENTS_V2: COLUMNS_V2,
    EVENTS_V1: [c for c in COLUMNS_V2 if not c.endswith("ADM2Code")],
    EVENTS_V1_NOURL: [c for c in COLUMNS_V2 if not c.endswith("ADM2Code")][:-1],
    MENTIONS: ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
               "MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset",
               "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
               "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"],
}  # fmt: skip
#: Other names tools give some columns (BigQuery's "Day" for SQLDATE).
_ALIASES = {"day": "sqldate"}

#: (Actor1 block start, Actor2 block start, action geo start, DATEADDED, SOURCEURL) per kind.
_LAYOUT = {
    EVENTS_V2: (5, 15, 51, 59, 60, True),
    EVENTS_V1: (5, 15, 49, 56, 57, False),
    EVENTS_V1_NOURL: (5, 15, 49, 56, None, False),
}
#: CAMEO actor type codes that stand for a country's own body.
_BODIES = {"MIL": "military", "GOV": "government", "COP": "police", "SPY": "intelligence"}
#: Type tops for which a country name means its military (else its government).
_MILITARY_TOPS = {"air_or_drone_strike", "attack", "armed_clash", "killing"}
#: Kilometres within which a gazetteer town of the same name is taken as GDELT's feature.
TOWN_RADIUS_KM = 30.0


def detect(fields: list[str]) -> str | None:
    """The kind of GDELT file a row belongs to, by its column count; None if not GDELT."""
    kind = KINDS.get(len(fields))
    if kind is None or not fields[0].strip().lstrip("\ufeff").isdigit():
        return None
    return kind


def _norm(name: str) -> str:
    name = re.sub(r"[^a-z0-9]", "", name.strip().lstrip("\ufeff").lower())
    return _ALIASES.get(name, name)


def header_kind(names: list[str]) -> tuple[str, list[int | None]] | None:
    """The kind of file a header row names, and where each of its columns is.

    Returns:
        (kind, positions): ``positions[i]`` is the header's column holding column `i`
        of the kind's layout (None when the header lacks it); None when the names are
        not GDELT's (no GLOBALEVENTID, or too few of a layout's columns).
    """
    have = {_norm(n): i for i, n in reversed(list(enumerate(names)))}
    if "globaleventid" not in have:
        return None
    best: tuple[int, str] | None = None
    for kind in (EVENTS_V2, EVENTS_V1, EVENTS_V1_NOURL, MENTIONS):
        found = sum(1 for c in COLUMNS[kind] if _norm(c) in have)
        if found and (best is None or found > best[0]):
            best = (found, kind)
    if best is None:
        return None
    kind = best[1]
    wanted = COLUMNS[kind]
    needed = ("sqldate", "eventcode") if kind != MENTIONS else ("mentionidentifier",)
    if any(n not in have for n in needed):
        return None
    if kind == EVENTS_V1_NOURL and "sourceurl" in have:
        kind, wanted = EVENTS_V1, COLUMNS[EVENTS_V1]
    return kind, [have.get(_norm(c)) for c in wanted]


def date_basis(day: dt.date, added: dt.date | None, kind: str) -> str:
    """How a row's SQLDATE was obtained: ``publication`` or ``relative`` (module doc)."""
    if added is None or kind == EVENTS_V1_NOURL:
        return "publication"
    gap = (added - day).days
    return "publication" if gap in (0, -1) else "relative"


def parse_day(text: str, what: str) -> dt.date:
    """A ``YYYYMMDD`` (or longer ``YYYYMMDDHHMMSS``) date."""
    text = text.strip()
    if len(text) < 8 or not text[:8].isdigit():
        raise RowError(f"{what} {text!r} is not a date (YYYYMMDD)")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise RowError(f"{what} {text!r} is not a valid date") from None


def _day_or_error(text: str, what: str) -> tuple[dt.date, str] | RowError:
    """(date, ISO text) of a GDELT date, or the error to raise (errors are cached too)."""
    try:
        day = parse_day(text, what)
    except RowError as exc:
        return exc
    return day, day.isoformat()


def report_dates(day: dt.date, basis: str) -> dict[str, Any]:
    """The date fields of a GDELT report as the linker must read them.

    A publication-based day is stored as an article's publication fallback is (basis
    ``publication``, the day as the latest end, no day precision of its own), so that
    :func:`kb.link.incidents.load_reports` reads back what the linker compared.
    """
    if basis == "publication":
        return {"basis": basis, "latest": day, "date_text": day.isoformat()}
    return {
        "basis": basis,
        "date_value": day.isoformat(),
        "precision": "day",
        "earliest": day,
        "latest": day,
    }


#: Second-level labels of country domains ("bbc.co.uk"): the outlet is the label before.
_GENERIC_SLD = {"co", "com", "org", "net", "gov", "ac", "edu", "go", "or", "ne", "gob", "mil"}


def _outlet_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def outlet_name(host: str) -> str:
    """The name part of an outlet's host: "reuters.com" -> "reuters", "bbc.co.uk" -> "bbc"."""
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2:
        return host
    if len(labels) >= 3 and labels[-2] in _GENERIC_SLD:
        return labels[-3]
    return labels[-2]


class GdeltMapper:
    """Turns GDELT rows into imported reports, caching what repeats (actors, places)."""

    def __init__(self, registry: Any, gazetteer: Any, canonical: Canonical) -> None:
        self.registry = registry
        self.gazetteer = gazetteer
        self.canonical = canonical
        self.names = Names(registry)
        self._actors: dict[tuple[str, ...], Any] = {}
        self._places: dict[tuple[str, ...], tuple[list[Place], bool]] = {}
        self._outlets: dict[str, tuple[str, ...]] = {}
        self._types: dict[str, tuple[str, str]] = {}
        self.seen_articles: set[str] = set()
        # Caches of the fast path (:meth:`row`), keyed by the raw column text.
        self._days: dict[str, Any] = {}
        self._codes: dict[str, tuple[str, str, str]] = {}
        self._fast_actors: dict[tuple[Any, ...], Any] = {}
        self._fast_places: dict[tuple[str, ...], Any] = {}
        self._added: dict[str, Any] = {}
        self._bases: dict[tuple[str, str, str], str] = {}

    # -- events, fast ------------------------------------------------------------------
    def row(self, f: list[str], kind: str, canon_out: list[str]) -> tuple[Any, ...]:
        """The parts of an event row that decide its group, every one from a cache.

        Returns:
            (group key, event id, type key, top type, actors, (places, centroid, first
            place id), (day, ISO day), source URL or "", date basis): actors are (IRI,
            label, role) tuples; the key is the day and its basis, the place, the type
            and the sorted actor IRIs.

        Raises:
            RowError: a bad id, date or coordinate (the same checks as :meth:`event`).
        """
        a1, a2, geo, added_col, url_col, adm2 = _LAYOUT[kind]
        event_id = f[0]
        if not event_id.isdigit():
            event_id = event_id.strip()
            if not event_id.isdigit():
                raise RowError(f"GLOBALEVENTID {event_id!r} is not a number")
        day = self._days.get(f[1])
        if day is None:
            day = self._days[f[1]] = _day_or_error(f[1], "SQLDATE")
        if day.__class__ is RowError:
            raise RowError(str(day))
        code = f[26]
        t = self._codes.get(code)
        if t is None:
            key, top = self._type(code.strip())
            t = self._codes[code] = (key, top, code.strip()[:2])
        military = t[1] in _MILITARY_TOPS
        x1 = self._fast_actor(f, a1, military, canon_out)
        x2 = self._fast_actor(f, a2, military, canon_out)
        if x1 is not None:
            actors: tuple[tuple[str, str, str], ...] = (x1,)
            if x2 is not None and x2[0] != x1[0]:
                actors = (x1, (x2[0], x2[1], "target"))
        else:
            actors = ((x2[0], x2[1], "target"),) if x2 is not None else ()
        gkey = tuple(f[geo : geo + 8]) if adm2 else tuple(f[geo : geo + 7])
        place = self._fast_places.get(gkey)
        if place is None:
            place = self._fast_places[gkey] = self._fast_place(gkey, adm2, canon_out)
        if place.__class__ is RowError:
            raise RowError(str(place))
        added = f[added_col]
        when = None
        if added:
            when = self._added.get(added, False)
            if when is False:
                when = self._added[added] = (
                    _day_or_error(added, "DATEADDED") if added.strip() else None
                )
            if when.__class__ is RowError:
                raise RowError(str(when))
        basis_key = (day[1], when[1] if when is not None else "", kind)
        basis = self._bases.get(basis_key)
        if basis is None:
            basis = self._bases[basis_key] = date_basis(
                day[0], when[0] if when is not None else None, kind
            )
        url = f[url_col].strip() if url_col is not None else ""
        # Rows alike in all of this code one event the same way (GDELT repeats an event
        # for every article that reports it); whether they are one incident, and which
        # other rows are too, kb.importers.fileunion decides by the linking rule.
        # The roles are part of the key: a group stands for its rows with its first
        # row's actors and roles, so rows coding the actors the other way round (or one
        # actor as agent, another row as target) must make groups of their own, which
        # kb.importers.fileunion joins or not by the rule. Were they gathered here, the
        # incidents would depend on which rows the window and batches put together.
        if len(actors) == 2:
            group_key: tuple[str, ...] = (day[1], basis, place[2], t[0], actors[0][0], actors[1][0])
        elif actors:
            group_key = (day[1], basis, place[2], t[0], actors[0][0], actors[0][2])
        else:
            group_key = (day[1], basis, place[2], t[0])
        return group_key, event_id, t[0], t[1], actors, place, day, url, basis

    def _fast_actor(
        self, f: list[str], start: int, military: bool, out: list[str]
    ) -> tuple[str, str, str] | None:
        key = (f[start], f[start + 1], f[start + 2], *f[start + 7 : start + 10], military)
        found = self._fast_actors.get(key, False)
        if found is False:
            actor = self._actor(f, start, military, out)
            found = self._fast_actors[key] = (
                (actor.iri, actor.label, "agent") if actor is not None else None
            )
        return found  # type: ignore[return-value]

    def _fast_place(self, g: tuple[str, ...], adm2: bool, out: list[str]) -> Any:
        lat_i, lon_i, feat_i = (5, 6, 7) if adm2 else (4, 5, 6)
        try:
            lat = parse_float(g[lat_i], "ActionGeo_Lat", -90, 90)
            lon = parse_float(g[lon_i], "ActionGeo_Long", -180, 180)
        except RowError as exc:
            return exc
        places, centroid = self._place(
            g[0].strip(), g[1].strip(), g[2].strip(), g[3].strip(), g[feat_i].strip(), lat, lon
        )
        for p in places:
            self.canonical.place(p, out)
        return places, centroid, places[0].id if places else ""

    # -- events, as reports ----------------------------------------------------------------
    def event(self, f: list[str], kind: str, line: int, canon_out: list[str]) -> ImportedReport:
        """One event row as a report.

        Raises:
            RowError: a bad date or coordinate.
        """
        a1, a2, geo, added_col, url_col, adm2 = _LAYOUT[kind]
        event_id = f[0].strip()
        if not event_id.isdigit():
            raise RowError(f"GLOBALEVENTID {event_id!r} is not a number")
        day = parse_day(f[1], "SQLDATE")
        code = f[26].strip()
        type_key, top = self._type(code)
        military = top in _MILITARY_TOPS
        actors: list[ActorIn] = []
        for start, role in ((a1, "agent"), (a2, "target")):
            actor = self._actor(f, start, military, canon_out)
            if actor is not None and all(a.iri != actor.iri for a in actors):
                actors.append(dataclasses.replace(actor, role=role))
        gtype = f[geo].strip()
        full = f[geo + 1].strip()
        fips = f[geo + 2].strip()
        adm1 = f[geo + 3].strip()
        lat_i, lon_i, feat_i = (geo + 5, geo + 6, geo + 7) if adm2 else (geo + 4, geo + 5, geo + 6)
        lat = parse_float(f[lat_i], "ActionGeo_Lat", -90, 90)
        lon = parse_float(f[lon_i], "ActionGeo_Long", -180, 180)
        places, centroid = self._place(gtype, full, fips, adm1, f[feat_i].strip(), lat, lon)
        for p in places:
            self.canonical.place(p, canon_out)
        added = None
        if f[added_col].strip():
            added = parse_day(f[added_col], "DATEADDED")
        basis = date_basis(day, added, kind)
        url = f[url_col].strip() if url_col is not None else ""
        article = self._article(url, event_id, added, canon_out)
        names = [a.label for a in actors]
        where = full or (places[0].name if places else "")
        text = f"GDELT event {event_id}: " + " ".join(
            x
            for x in (
                names[0] if names else "",
                label(type_key),
                names[1] if len(names) > 1 else "",
                f"in {where}" if where else "",
                f"on {day.isoformat()}",
                f"(CAMEO {code})" if code else "",
            )
            if x
        )
        return ImportedReport(
            dataset=DATASET,
            dataset_id=event_id,
            iri=report_iri(DATASET, event_id),
            type=type_key,
            top=top,
            trigger=f"CAMEO {code}" if code else "CAMEO",
            article=article,
            mention_iri=mention_iri(DATASET, event_id),
            mention_text=text,
            actors=actors,
            places=places,
            centroid=centroid,
            line=line,
            **report_dates(day, basis),
        )

    def _type(self, code: str) -> tuple[str, str]:
        found = self._types.get(code)
        if found is None:
            key = from_cameo(code)
            found = self._types[code] = (key, top_key(key))
        return found

    def _article(
        self, url: str, event_id: str, added: dt.date | None, canon_out: list[str]
    ) -> ArticleIn:
        if url:
            art_id = url_article_id(url, DATASET)
            web = url.startswith(("http://", "https://"))
            outlet = _outlet_of(url) if web else url
            title = None
        else:
            # GDELT 1.0 files before April 2013 name no source: the event is its own record.
            art_id = f"{DATASET}-e-{event_id}"
            web, outlet, title = False, None, f"GDELT event {event_id}"
        return ArticleIn(
            id=art_id,
            url=url if web else None,
            outlet=outlet,
            publishers=self._outlet(outlet, canon_out) if outlet else (),
            published=added,
            title=title,
        )

    def _outlet(self, outlet: str, canon_out: list[str]) -> tuple[str, ...]:
        found = self._outlets.get(outlet)
        if found is None:
            # "reuters.com": the registry knows "Reuters", not the domain.
            name = outlet_name(outlet)
            actor = self.registry.lookup(name) or self.registry.outlet(outlet)
            self.canonical.actor(actor, canon_out)
            found = self._outlets[outlet] = (actor.key,)
        return found

    def _actor(self, f: list[str], start: int, military: bool, out: list[str]) -> ActorIn | None:
        code = f[start].strip()
        name = f[start + 1].strip()
        if not code and not name:
            return None
        country = f[start + 2].strip()
        types = tuple(t.strip() for t in f[start + 7 : start + 10] if t.strip())
        key = (code, name, country, types, military)
        actor = self._actors.get(key)
        if actor is None:
            actor = self._actors[key] = self._resolve(code, name, country, types, military)
            self.canonical.actor(actor, out)
        return ActorIn(iri=str(actor_iri(actor.key)), label=actor.label, role="agent", text=name)

    def _resolve(
        self, code: str, name: str, country: str, types: tuple[str, ...], military: bool
    ) -> Any:
        cc = iso2_from_alpha3(country) if country else None
        body = next((_BODIES[t] for t in types if t in _BODIES), None)
        # GDELT writes names in capitals; the registry folds case, labels should not shout.
        display = name.title() if name.isupper() else name
        family = "military" if military else "political"
        if display:
            actor = self.names.resolve(display, family)
            if not actor.minted:
                return actor
        if cc and body:
            # "POLICE" coded IRQCOP, "SOLDIER" coded IRQMIL: the country's own body.
            return self.registry.country_body(cc, body)
        if not display:
            display = code
            actor = self.names.resolve(display, family)
            if not actor.minted:
                return actor
        # A minted actor is described alike by every row, file and run that names it
        # (kb:actorKind and kb:country once each): its kind is the one its name gives,
        # and a country the row adds becomes part of its name, "Protester (Germany)".
        if cc and not actor.country:
            place = self.gazetteer.country(cc)
            if place is not None:
                return self.registry.mint(f"{display} ({place.name})", kind=actor.kind, country=cc)
        return actor

    def _place(
        self,
        gtype: str,
        full: str,
        fips: str,
        adm1: str,
        feature: str,
        lat: float | None,
        lon: float | None,
    ) -> tuple[list[Place], bool]:
        key = (gtype, fips, adm1, feature, full)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = self._resolve_place(
                gtype, full, fips, adm1, feature, lat, lon
            )
        return found

    def _resolve_place(
        self,
        gtype: str,
        full: str,
        fips: str,
        adm1: str,
        feature: str,
        lat: float | None,
        lon: float | None,
    ) -> tuple[list[Place], bool]:
        gaz = self.gazetteer
        if gtype in ("2", "3"):
            fips = fips or "US"
        cc = gaz.country_from_fips(fips) if fips else None
        if cc is None and adm1[:2]:
            cc = gaz.country_from_fips(adm1[:2])
        country = gaz.country(cc) if cc else None
        if country is None:
            return [], False
        parts = [p.strip() for p in full.split(",") if p.strip()]
        region = None
        if gtype in ("2", "3", "4", "5") and adm1 and adm1 != fips:
            # FullName ends "<ADM1 name>, <country>" for cities and ADM1 regions.
            region_name = parts[-2] if len(parts) >= 2 else ""
            if region_name:
                found = gaz.lookup(region_name, cc)
                if found is not None and found.level == "region":
                    region = found
        if gtype in ("1", ""):
            return [country], True
        if gtype in ("2", "5"):
            return [region or country], True
        town_name = parts[0] if parts else ""
        # A town by that name first: "Beirut" is also a governorate, "Kharkiv" an oblast.
        town = _town_named(gaz, town_name, cc) if town_name else None
        if town is not None and far_from(town, lat, lon, TOWN_RADIUS_KM):
            town = None  # a namesake elsewhere in the country
        if town is None and town_name:
            local = feature or f"{cc}-{short_hash(full)}"
            town = minted_place(f"{DATASET}:{local}", town_name, "city", country, region, lat, lon)
        if town is None:
            return [region or country], True
        return [town], False

    # -- mentions ----------------------------------------------------------------------
    def mention_article(self, f: list[str], canon_out: list[str]) -> tuple[ArticleIn, int]:
        """The article a mentions row names, and the action's character offset in it.

        Raises:
            RowError: a bad MentionTimeDate.
        """
        when = parse_day(f[2], "MentionTimeDate")
        ident = f[5].strip()
        if not ident:
            raise RowError("MentionIdentifier is empty")
        source = f[4].strip() or None
        web = ident.startswith(("http://", "https://"))
        outlet = source or (_outlet_of(ident) if web else None)
        article = ArticleIn(
            id=url_article_id(ident, DATASET),
            url=ident if web else None,
            outlet=outlet,
            publishers=self._outlet(outlet, canon_out) if outlet else (),
            published=when,
            title=None if web else ident,
        )
        offset = f[9].strip()
        return article, int(offset) if offset.isdigit() else 0


def _town_named(gaz: Any, name: str, cc: str) -> Place | None:
    """The city (else district) of that name in a country, if the gazetteer has one."""
    for level in ("city", "district"):
        found = gaz.lookup(name, cc, level=level)
        if found is not None:
            return found
    return None


def mention_sub(article_id: str) -> str:
    """The IRI suffix of an event's mention in another article."""
    return short_hash(article_id)
