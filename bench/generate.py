"""Generate realistic synthetic kb knowledge bases (10k, 100k, 1M incidents) for benchmarks.

The output follows ``docs/rdf-model.md`` exactly: one named graph per article (the
article, its event reports, their mentions, roles, time descriptions and unidentified
actors), one named graph per incident (the ``sem:Event`` with its consensus values, as
:func:`kb.link.incidents.incident_triples` builds it from its reports), the canonical
graph (actors from :meth:`kb.actors.ActorRegistry.default` plus minted ones, places
from :meth:`kb.gazetteer.Gazetteer.default` with their ``geo:sfWithin`` closure) and a
small corrections graph (user aliases and one merge).

Distributions are chosen to look like conflict news, not uniform noise: actors are
drawn from a Zipf-like distribution (a few actors take part in a large share of the
incidents, most are rare), places follow their actor's country and the population of
towns, dates cover ten years at day, month and year precision, an incident is
reported by one to eight articles and an article reports one to three incidents.

N-Quads are written as text (no rdflib terms on the hot path, so 1M incidents take
minutes, not hours) and loaded with Oxigraph's bulk loader. Everything is
deterministic for a given seed and needs no network.

Usage::

    python bench/generate.py --events 100000 --out bench/out/kb-100k --nq
    python bench/generate.py --size 1m --out bench/out/kb-1m      # store only, piped
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

if __package__ in (None, ""):  # run as a script: make `bench` and `kb` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.actors import CanonicalActor
from kb.actors.normalize import collapse, slugify
from kb.eventtypes import top_key
from kb.index import buckets, incident_subjects, month_of
from kb.link.headline import headline
from kb.namespaces import (
    CANONICAL_GRAPH,
    CORRECTIONS_GRAPH,
    actor_iri,
    article_graph,
    article_iri,
    event_iri,
    place_iri,
    type_iri,
)

SIZES: dict[str, int] = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}

# --- N-Quads vocabulary (IRIs written once, with their angle brackets) -------------------
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_KB = "https://w3id.org/kb/ns#"
_TIME = "http://www.w3.org/2006/time#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PROV = "http://www.w3.org/ns/prov#"
_SCHEMA = "https://schema.org/"
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_GAF = "http://groundedannotationframework.org/gaf#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

A = f"<{_RDF}type>"
RDF_VALUE = f"<{_RDF}value>"
RDFS_LABEL = f"<{_RDFS}label>"
SKOS_PREF = f"<{_SKOS}prefLabel>"
SEM_EVENT = f"<{_SEM}Event>"
SEM_ACTOR = f"<{_SEM}Actor>"
SEM_ROLE = f"<{_SEM}Role>"
SEM_TIME = f"<{_SEM}Time>"
SEM_EVENT_TYPE = f"<{_SEM}eventType>"
SEM_HAS_ACTOR = f"<{_SEM}hasActor>"
SEM_HAS_PLACE = f"<{_SEM}hasPlace>"
SEM_HAS_TIME = f"<{_SEM}hasTime>"
SEM_ROLE_TYPE = f"<{_SEM}roleType>"
SEM_EARLIEST = f"<{_SEM}hasEarliestBeginTimeStamp>"
SEM_LATEST = f"<{_SEM}hasLatestEndTimeStamp>"
TIME_GDTD = f"<{_TIME}GeneralDateTimeDescription>"
TIME_UNIT_TYPE = f"<{_TIME}unitType>"
UNIT = {
    "day": f"<{_TIME}unitDay>",
    "month": f"<{_TIME}unitMonth>",
    "year": f"<{_TIME}unitYear>",
}
ROLE_IRI = {
    "agent": f"<{_KB}agentRole>",
    "target": f"<{_KB}targetRole>",
    "participant": f"<{_KB}participantRole>",
}
KB_EVENT_REPORT = f"<{_KB}EventReport>"
KB_MENTION = f"<{_KB}Mention>"
KB_TYPE_KEY = f"<{_KB}typeKey>"
KB_TRIGGER = f"<{_KB}trigger>"
KB_CERTAINTY = f"<{_KB}certainty>"
KB_NEGATED = f"<{_KB}negated>"
KB_HAS_ROLE = f"<{_KB}hasRole>"
KB_SURFACE = f"<{_KB}surfaceText>"
KB_ACTOR_KIND = f"<{_KB}actorKind>"
KB_DATE_BASIS = f"<{_KB}dateBasis>"
KB_DATE_TEXT = f"<{_KB}dateText>"
KB_DATE_VALUE = f"<{_KB}dateValue>"
KB_REPORTED_BY = f"<{_KB}reportedByName>"
KB_CITING = f"<{_KB}citing>"
KB_HAS_REPORT = f"<{_KB}hasReport>"
KB_SOURCE_COUNT = f"<{_KB}sourceCount>"
KB_OUTLET_COUNT = f"<{_KB}outletCount>"
KB_FIRST_SEEN = f"<{_KB}firstSeen>"
KB_IN_BUCKET = f"<{_KB}inBucket>"
KB_ARTICLE_ID = f"<{_KB}articleId>"
KB_CONTENT_HASH = f"<{_KB}contentHash>"
KB_OUTLET_NAME = f"<{_KB}outletName>"
KB_SOURCE_PATH = f"<{_KB}sourcePath>"
KB_USER_ALIAS = f"<{_KB}userAlias>"
KB_MERGED_INTO = f"<{_KB}mergedInto>"
KB_QUANTITY = {k: f"<{_KB}{k}>" for k in ("arrested", "injured", "killed")}
GAF_DENOTED_BY = f"<{_GAF}denotedBy>"
PROV_DERIVED = f"<{_PROV}wasDerivedFrom>"
PROV_ATTRIBUTED = f"<{_PROV}wasAttributedTo>"
PROV_ENTITY = f"<{_PROV}Entity>"
NIF_CONTEXT = f"<{_NIF}referenceContext>"
NIF_BEGIN = f"<{_NIF}beginIndex>"
NIF_END = f"<{_NIF}endIndex>"
NIF_ANCHOR = f"<{_NIF}anchorOf>"
SCHEMA_ARTICLE = f"<{_SCHEMA}NewsArticle>"
SCHEMA_HEADLINE = f"<{_SCHEMA}headline>"
SCHEMA_URL = f"<{_SCHEMA}url>"
SCHEMA_PUBLISHED = f"<{_SCHEMA}datePublished>"
SCHEMA_PUBLISHER = f"<{_SCHEMA}publisher>"
SCHEMA_LANG = f"<{_SCHEMA}inLanguage>"
XSD_DATE = f"^^<{_XSD}date>"
XSD_INT = f"^^<{_XSD}integer>"
XSD_NNI = f"^^<{_XSD}nonNegativeInteger>"
XSD_URI = f"^^<{_XSD}anyURI>"
TRUE = f'"true"^^<{_XSD}boolean>'
FALSE = f'"false"^^<{_XSD}boolean>'

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(text: str) -> str:
    """An N-Quads string literal."""
    return '"' + text.translate(_ESCAPES) + '"'


def iri(term: Any) -> str:
    """An IRI (a str or rdflib URIRef) in angle brackets."""
    return f"<{term}>"


# --- what incidents are made of ---------------------------------------------------------
#: Event types with a relative frequency, roughly that of conflict-news wires.
TYPE_WEIGHTS: dict[str, float] = {
    "airstrike": 6, "drone_strike": 6, "air_or_drone_strike": 2, "armed_clash": 10,
    "raid": 5, "attack": 8, "bombing": 4, "suicide_bombing": 1.5, "car_bombing": 1.5,
    "roadside_bombing": 3, "shelling": 6, "rocket_attack": 4, "armed_assault": 4,
    "abduction": 2, "arrest": 8, "killing": 5, "assassination": 1.5, "mass_killing": 0.5,
    "deployment_or_mobilization": 2, "reinforcement": 1, "withdrawal": 1,
    "security_coordination": 1, "agreement": 1, "ceasefire": 0.5,
    "cooperation_or_agreement": 0.5, "statement": 3, "denial": 1,
    "claim_of_responsibility": 2, "threat": 1, "accusation": 1, "condemnation": 1,
    "protest": 3, "riot": 1, "other": 0.5,
}  # fmt: skip
_VIOLENT_TOPS = {"air_or_drone_strike", "armed_clash", "attack", "killing"}
_COOPERATION = {"security_coordination", "agreement", "ceasefire", "cooperation_or_agreement"}
_UNIDENTIFIED_OK = {"attack", "killing", "air_or_drone_strike"}
_TRIGGER = {
    "airstrike": ("airstrike", "carried out an airstrike on"),
    "drone_strike": ("drone strike", "carried out a drone strike on"),
    "air_or_drone_strike": ("strike", "struck"),
    "armed_clash": ("clashed", "clashed with"),
    "raid": ("raided", "raided positions of"),
    "attack": ("attacked", "attacked"),
    "bombing": ("bombing", "bombed a position of"),
    "suicide_bombing": ("suicide bombing", "sent a suicide bomber against"),
    "car_bombing": ("car bomb", "detonated a car bomb against"),
    "roadside_bombing": ("roadside bomb", "hit with a roadside bomb a convoy of"),
    "shelling": ("shelled", "shelled positions of"),
    "rocket_attack": ("rockets", "fired rockets at"),
    "armed_assault": ("stormed", "stormed a post of"),
    "abduction": ("abducted", "abducted members of"),
    "arrest": ("arrested", "arrested members of"),
    "killing": ("killed", "killed members of"),
    "assassination": ("assassinated", "assassinated a commander of"),
    "mass_killing": ("massacre", "massacred members of"),
    "deployment_or_mobilization": ("deployed", "deployed troops near"),
    "reinforcement": ("reinforced", "reinforced its positions facing"),
    "withdrawal": ("withdrew", "withdrew from positions facing"),
    "security_coordination": ("coordinate", "agreed to coordinate security with"),
    "agreement": ("agreement", "signed an agreement with"),
    "ceasefire": ("ceasefire", "agreed a ceasefire with"),
    "cooperation_or_agreement": ("cooperation", "agreed to cooperate with"),
    "statement": ("said", "issued a statement about"),
    "denial": ("denied", "denied any role in the attack on"),
    "claim_of_responsibility": ("claimed", "claimed responsibility for an attack on"),
    "threat": ("threatened", "threatened"),
    "accusation": ("accused", "accused"),
    "condemnation": ("condemned", "condemned the attack on"),
    "protest": ("protested", "protested against"),
    "riot": ("rioted", "rioted against"),
    "other": ("incident", "was involved in an incident with"),
}
#: Countries of the synthetic news, with weights (many incidents in a few countries).
COUNTRY_WEIGHTS: dict[str, float] = {
    "IQ": 14, "SY": 14, "UA": 10, "AF": 7, "YE": 7, "SO": 6, "NG": 6, "ML": 5,
    "PK": 5, "SD": 5, "IL": 4, "PS": 4, "LB": 4, "LY": 3, "CD": 3, "BF": 3, "NE": 2,
    "EG": 2, "IR": 2, "TR": 2, "ET": 2, "MZ": 1,
}  # fmt: skip
BORDERS = (
    "IQ-SY IQ-IR IQ-TR SY-TR SY-LB IL-LB IL-PS AF-PK AF-IR SA-YE KE-SO ET-SO NE-NG ML-NE "
    "BF-ML RU-UA SD-SS CD-RW LY-TN EG-LY"
).split()
#: Actors that take the top ranks of the popularity distribution, in order.
FAMOUS = (
    "islamic-state iraqi-security-forces syrian-army israel-defense-forces houthis "
    "russian-armed-forces ukrainian-armed-forces taliban al-shabaab hezbollah hamas "
    "rapid-support-forces sudanese-armed-forces boko-haram jnim pakistan-army us-military "
    "turkish-armed-forces syrian-democratic-forces popular-mobilization-forces "
    "islamic-state-west-africa-province nigerian-army somali-national-army "
    "hayat-tahrir-al-sham kataib-hezbollah libyan-national-army malian-armed-forces "
    "tehrik-i-taliban-pakistan qassam-brigades palestinian-islamic-jihad"
).split()
FAMOUS_OUTLETS = (
    "reuters associated-press afp al-jazeera bbc anadolu-agency shafaq-news rudaw sana "
    "al-arabiya kyiv-independent xinhua"
).split()
_UNIDENTIFIED_NOUNS = ("gunmen", "drone", "attackers", "assailants", "aircraft")
_CITING = (
    "a security source",
    "local officials",
    "a military spokesman",
    "medical sources",
    "witnesses",
    "an interior ministry official",
)
_SYLLABLES = (
    "al fa ra zi qa ha ma na sa ta ba da ka la ri mu nu hu ja wa sha kha ghu dh "
    "ansar liwa jund saraya kata ib haqq fath nasr sham quds"
).split()
_GROUP_FORMS = (
    "Liwa {x}",
    "Katibat {x}",
    "{X} Brigade",
    "{X} Front",
    "Ansar {x}",
    "Jund {x}",
    "{X} Movement",
    "{X} Battalion",
    "Saraya {x}",
    "{X} Tribal Council",
)
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_LEVEL_RANK = {"city": 0, "district": 1, "border": 2, "region": 3, "country": 4}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
_BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2, "unknown": 3}


@dataclass(slots=True)
class Actor:
    """An actor of the pool with its N-Quads IRI."""

    key: str
    label: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    iri: str  # in angle brackets


@dataclass(slots=True)
class PlaceInfo:
    """A place of the pool: IRI, level and the label the linker gives it."""

    id: str
    name: str
    level: str
    country: str | None
    display: str  # "Anbar (Iraq)"
    iri: str
    ancestors: tuple[str, ...]  # place ids of the geo:sfWithin closure


@dataclass(slots=True)
class Incident:
    """One synthetic incident before its reports are packed into articles."""

    index: int
    day: int
    type: str
    agent: Actor | None
    unidentified: str | None  # the noun of an unidentified agent ("gunmen")
    target: Actor | None
    participants: list[Actor]
    places: list[PlaceInfo]
    precision: str
    basis: str
    negated: bool
    quantities: dict[str, int]
    reports: list[Report] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One article's report of an incident."""

    incident: Incident
    rank: int
    day: int  # the day it was written about (for packing into articles)
    precision: str
    basis: str
    certainty: str
    quantities: dict[str, int]
    keep_target: bool
    surface_alias: bool
    reporter: Actor | None  # agency the article cites as reporting (or None: the outlet)
    citing: str | None
    article: str = ""
    n: int = 0
    iri: str = ""  # without angle brackets (sorted to find the incident key)
    published: int = 0
    outlet: Actor | None = None
    mention: str = ""


@dataclass
class GenerationStats:
    """What a generation produced, written to ``meta.json`` beside the store."""

    events: int
    seed: int
    articles: int = 0
    reports: int = 0
    quads: int = 0
    actors: int = 0
    places: int = 0
    seconds: float = 0.0
    actor_events: dict[str, int] = field(default_factory=dict)
    queries: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The stats as a JSON object (actor counts limited to the top 50)."""
        out = dataclasses.asdict(self)
        top = sorted(self.actor_events.items(), key=lambda kv: (-kv[1], kv[0]))[:50]
        out["actor_events"] = dict(top)
        return out


def _date_fields(day: dt.date, precision: str) -> tuple[str, dt.date, dt.date]:
    """(kb:dateValue, earliest, latest) of a day at a precision."""
    if precision == "day":
        return day.isoformat(), day, day
    if precision == "month":
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return day.strftime("%Y-%m"), first, nxt - dt.timedelta(days=1)
    return str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _date_text(day: dt.date, precision: str, basis: str) -> str:
    if precision == "day":
        if basis == "relative":
            return "on " + _WEEKDAYS[day.weekday()]
        return f"on {day.day} {_MONTHS[day.month - 1]}"
    if precision == "month":
        return "earlier this month" if basis == "relative" else f"in {_MONTHS[day.month - 1]}"
    return "last year" if basis == "relative" else f"in {day.year}"


class _Zipf:
    """Draws indexes 0..n-1 with probability proportional to 1 / (rank + 1) ** s."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))
        self.total = self.cum[-1]
        self.rng = rng

    def draw(self) -> int:
        return bisect.bisect_left(self.cum, self.rng.random() * self.total)


class KbGenerator:
    """Builds the pools (actors, places, outlets) and streams N-Quads for N incidents."""

    def __init__(
        self,
        events: int,
        *,
        seed: int = 1,
        start: dt.date = dt.date(2016, 1, 1),
        years: int = 10,
        block: int = 2000,
    ) -> None:
        from kb.actors import ActorRegistry
        from kb.gazetteer import Gazetteer

        self.events = events
        self.seed = seed
        self.start = start
        self.days = (dt.date(start.year + years, start.month, start.day) - start).days
        self.block = block
        self.rng = random.Random(seed)
        self.registry = ActorRegistry.default()
        self.gazetteer = Gazetteer.default()
        self.stats = GenerationStats(events=events, seed=seed)
        self._article_no = 0
        self._actor_events: Counter[str] = Counter()
        self._place_events: Counter[str] = Counter()
        self._samples: list[dict[str, str]] = []
        self._used_actors: set[str] = set()
        self._iraq = self.gazetteer.country("IQ").id  # the place query of the benchmark
        self._iraq_events = 0
        self._build_actors()
        self._build_places()
        self._types = list(TYPE_WEIGHTS)
        self._type_cum = list(itertools.accumulate(TYPE_WEIGHTS.values()))

    # --- pools ---------------------------------------------------------------------------
    def _actor(self, a: Any, aliases: tuple[str, ...] | None = None) -> Actor:
        return Actor(
            key=a.key,
            label=a.label,
            kind=a.kind,
            country=a.country,
            aliases=tuple(a.aliases if aliases is None else aliases),
            iri=iri(actor_iri(a.key)),
        )

    def _build_actors(self) -> None:
        rng = self.rng
        reg = self.registry
        skip = {"media", "unidentified", "civilians"}
        curated = [a for a in reg if a.kind not in skip]
        famous = [reg.get(k) for k in FAMOUS if reg.get(k) is not None]
        rest = [a for a in curated if a.key not in set(FAMOUS)]
        rng.shuffle(rest)
        ordered = [self._actor(a) for a in famous + rest]
        # The long tail: minted local groups, as the extractor mints unknown names.
        wanted = max(len(ordered) + 60, self.events // 40)
        seen = {a.key for a in ordered}
        ccs = list(COUNTRY_WEIGHTS)
        while len(ordered) < wanted:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
            word = word.capitalize()
            form = rng.choice(_GROUP_FORMS)
            name = form.replace("{x}", word).replace("{X}", word)
            cc = rng.choice(ccs)
            # The key ActorRegistry.mint gives the name (not registered: the shared
            # registry of the process stays untouched).
            minted = CanonicalActor(
                "x-" + slugify(collapse(name)), collapse(name), "armed_group", cc
            )
            if minted.key in seen or reg.lookup(name) is not None:
                continue
            seen.add(minted.key)
            aliases: tuple[str, ...] = ()
            if rng.random() < 0.3:
                initials = "".join(w[0] for w in name.split() if w[0].isupper())
                if len(initials) >= 2:
                    aliases = (f"{name} fighters", f"the {initials} group")
            ordered.append(self._actor(minted, aliases))
        self.actors = ordered
        self.actor_zipf = _Zipf(len(ordered), 1.0, rng)
        civilians = next((a for a in reg if a.kind == "civilians"), None)
        self.civilians = self._actor(civilians) if civilians else None
        media = [a for a in reg if a.kind == "media"]
        top = [reg.get(k) for k in FAMOUS_OUTLETS if reg.get(k) is not None]
        others = [a for a in media if a.key not in set(FAMOUS_OUTLETS)]
        rng.shuffle(others)
        self.outlets = [self._actor(a) for a in top + others]
        self.outlet_zipf = _Zipf(len(self.outlets), 0.8, rng)

    def _build_places(self) -> None:
        import gzip

        gaz = self.gazetteer
        by_country: dict[str, list[tuple[str, str, int]]] = {cc: [] for cc in COUNTRY_WEIGHTS}
        with gzip.open(gaz.data_dir / "places.tsv.gz", "rt", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if f[2] in by_country and f[1] in ("region", "city"):
                    by_country[f[2]].append((f[0], f[1], int(f[6] or 0)))
        self.places: dict[str, PlaceInfo] = {}
        self.country_pools: dict[str, tuple[list[PlaceInfo], list[float]]] = {}
        for cc, rows in by_country.items():
            country = gaz.country(cc)
            if country is None:
                continue
            cities = sorted((r for r in rows if r[1] == "city"), key=lambda r: -r[2])[:300]
            regions = [r for r in rows if r[1] == "region"]
            borders = [b for b in BORDERS if cc in b.split("-")]
            pool: list[tuple[str, float]] = [(country.id, 0.15)]
            pool += [(r[0], 0.30 / max(1, len(regions))) for r in regions]
            total_pop = sum(max(r[2], 1000) ** 0.5 for r in cities) or 1.0
            pool += [(r[0], 0.50 * max(r[2], 1000) ** 0.5 / total_pop) for r in cities]
            pool += [("border:" + b, 0.05 / max(1, len(borders))) for b in borders]
            infos: list[PlaceInfo] = []
            weights: list[float] = []
            for pid, w in pool:
                info = self._place(pid)
                if info is not None:
                    infos.append(info)
                    weights.append(w)
            self.country_pools[cc] = (infos, list(itertools.accumulate(weights)))
        self._countries = [cc for cc in COUNTRY_WEIGHTS if cc in self.country_pools]
        self._country_cum = list(itertools.accumulate(COUNTRY_WEIGHTS[c] for c in self._countries))

    def _place(self, place_id: str) -> PlaceInfo | None:
        from kb.link.incidents import place_display

        if place_id in self.places:
            return self.places[place_id]
        place = self.gazetteer.get(place_id)
        if place is None:
            return None
        info = PlaceInfo(
            id=place.id,
            name=place.name,
            level=place.level,
            country=place.country,
            display=place_display(place),
            iri=iri(place_iri(place.id)),
            ancestors=tuple(w.id for w in place.within),
        )
        # Border ids are normalised (codes sorted): keep both spellings.
        self.places[place_id] = self.places[place.id] = info
        return info

    # --- drawing incidents -----------------------------------------------------------------
    def _draw_actor(self, exclude: Actor | None = None) -> Actor:
        while True:
            a = self.actors[self.actor_zipf.draw()]
            if a is not exclude:
                return a

    def _draw_place(self, actor: Actor | None) -> PlaceInfo:
        rng = self.rng
        cc = actor.country if actor is not None else None
        if cc not in self.country_pools or rng.random() < 0.25:
            cc = self._countries[
                bisect.bisect_left(self._country_cum, rng.random() * self._country_cum[-1])
            ]
        infos, cum = self.country_pools[cc]
        return infos[bisect.bisect_left(cum, rng.random() * cum[-1])]

    def _incident(self, index: int, day: int) -> Incident:
        rng = self.rng
        t = self._types[bisect.bisect_left(self._type_cum, rng.random() * self._type_cum[-1])]
        top = top_key(t)
        agent: Actor | None = None
        unidentified = None
        if top in _UNIDENTIFIED_OK and rng.random() < 0.2:
            unidentified = rng.choice(_UNIDENTIFIED_NOUNS)
        else:
            agent = self._draw_actor()
        target = None
        participants: list[Actor] = []
        if t in _COOPERATION:
            participants = [self._draw_actor(agent)]
        elif top in _VIOLENT_TOPS or top == "arrest":
            roll = rng.random()
            if roll < 0.5:
                target = self._draw_actor(agent)
            elif roll < 0.65 and self.civilians is not None:
                target = self.civilians
        elif rng.random() < 0.4:
            target = self._draw_actor(agent)
        places = [self._draw_place(agent or target)]
        if rng.random() < 0.1:
            # A second place, never one containing the other: the linker keeps only
            # the most specific of those (kb.link.same.reduce_places).
            extra = self._draw_place(agent or target)
            first = places[0]
            unrelated = extra.id not in first.ancestors and first.id not in extra.ancestors
            if extra.id != first.id and unrelated:
                places.append(extra)
        roll = rng.random()
        precision = "day" if roll < 0.85 else ("month" if roll < 0.95 else "year")
        quantities: dict[str, int] = {}
        if top in _VIOLENT_TOPS and rng.random() < 0.6:
            # Heavy-tailed like real casualty counts, capped at a plausible maximum.
            quantities["killed"] = min(300, int(rng.paretovariate(1.3)))
            if rng.random() < 0.4:
                quantities["injured"] = min(500, int(rng.paretovariate(1.2)) + 1)
        if top == "arrest":
            quantities["arrested"] = min(200, int(rng.paretovariate(1.5)) + 1)
        inc = Incident(
            index=index,
            day=day,
            type=t,
            agent=agent,
            unidentified=unidentified,
            target=target,
            participants=participants,
            places=places,
            precision=precision,
            basis="explicit" if rng.random() < 0.6 else "relative",
            negated=rng.random() < 0.02,
            quantities=quantities,
        )
        roll = rng.random()
        n = 1 if roll < 0.6 else 2 if roll < 0.85 else 3 if roll < 0.95 else 4 if roll < 0.98 else 5
        n += rng.randrange(4) if n == 5 else 0
        for rank in range(n):
            precision_r = precision
            if rank and rng.random() < 0.25:
                precision_r = "month" if precision == "day" else "year"
            q = dict(quantities)
            revised = rank and "killed" in q and rng.random() < 0.4
            # A later report that dates the incident only to its month or year names it
            # (the linker's back-reference rule: kb.link.same.backref_members) and is
            # left out of its consensus, so it does not revise the toll here either.
            if revised and precision_r == precision:
                q["killed"] = max(0, q["killed"] + rng.choice((-1, 1, 2)))
            reporter = None
            if rng.random() < 0.3:
                reporter = self.outlets[self.outlet_zipf.draw()]
            inc.reports.append(
                Report(
                    incident=inc,
                    rank=rank,
                    day=day + rank + rng.randrange(3),
                    precision=precision_r,
                    basis=inc.basis if rank == 0 else rng.choice(("explicit", "relative")),
                    certainty="hedged" if rng.random() < 0.1 else "asserted",
                    quantities=q,
                    keep_target=rank == 0 or rng.random() < 0.8,
                    surface_alias=rng.random() < 0.3,
                    reporter=reporter,
                    citing=rng.choice(_CITING) if rng.random() < 0.3 else None,
                )
            )
        return inc

    # --- streaming ------------------------------------------------------------------------
    def iter_nquads(self) -> Iterator[str]:
        """N-Quads text of the whole knowledge base, in chunks of a few MB."""
        t0 = time.perf_counter()
        rng = self.rng
        days = sorted(rng.randrange(self.days) for _ in range(self.events))
        for start in range(0, self.events, self.block):
            incidents = [
                self._incident(i, days[i])
                for i in range(start, min(self.events, start + self.block))
            ]
            out: list[str] = []
            self._pack_articles(incidents, out)
            for inc in incidents:
                self._incident_quads(inc, out)
            self.stats.quads += len(out)
            yield "".join(out)
        out = self._canonical_quads() + self._corrections_quads()
        self.stats.quads += len(out)
        yield "".join(out)
        self.stats.seconds = round(time.perf_counter() - t0, 2)
        self._finish_stats()

    def _pack_articles(self, incidents: list[Incident], out: list[str]) -> None:
        """Group the reports of a block into articles and write the article graphs.

        Reports are ordered by the day they were written; consecutive reports share an
        article (one to three per article) unless they report the same incident, which
        an article reports once.
        """
        rng = self.rng
        reports = [r for inc in incidents for r in inc.reports]
        keyed = [(r.day, rng.random(), r) for r in reports]
        keyed.sort(key=lambda x: (x[0], x[1]))
        pending = [r for _, _, r in keyed]
        current: list[Report] = []
        size = 1
        for r in pending:
            if current and (len(current) >= size or any(c.incident is r.incident for c in current)):
                self._article(current, out)
                current = []
            if not current:
                size = 1 if rng.random() < 0.45 else (2 if rng.random() < 0.7 else 3)
            current.append(r)
        if current:
            self._article(current, out)

    def _article(self, reports: list[Report], out: list[str]) -> None:
        rng = self.rng
        self._article_no += 1
        self.stats.articles += 1
        art_id = f"syn-{self._article_no:07d}"
        a = iri(article_iri(art_id))
        g = " " + iri(article_graph(art_id)) + " .\n"
        outlet = self.outlets[self.outlet_zipf.draw()]
        published = max(r.day for r in reports) + rng.randrange(2)
        pub = self.start + dt.timedelta(days=published)
        first = reports[0].incident
        head = headline(
            first.type,
            [first.agent.label] if first.agent else [],
            [first.target.label] if first.target else [],
            [],
            [first.places[0].name],
        )
        slug = outlet.key
        w = out.append
        w(a + " " + A + " " + SCHEMA_ARTICLE + g)
        w(a + " " + A + " " + PROV_ENTITY + g)
        w(a + " " + KB_ARTICLE_ID + " " + lit(art_id) + g)
        w(a + " " + KB_CONTENT_HASH + ' "' + hashlib.sha1(art_id.encode()).hexdigest() + '"' + g)
        w(a + " " + SCHEMA_HEADLINE + " " + lit(head) + g)
        url = f"https://news.example.org/{slug}/{pub.isoformat()}/{art_id}"
        w(a + " " + SCHEMA_URL + ' "' + url + '"' + XSD_URI + g)
        w(a + " " + SCHEMA_PUBLISHED + ' "' + pub.isoformat() + '"' + XSD_DATE + g)
        w(a + " " + KB_SOURCE_PATH + " " + lit(f"corpus/{pub.year}/{art_id}.txt") + g)
        w(a + " " + SCHEMA_LANG + ' "en"' + g)
        w(a + " " + KB_OUTLET_NAME + " " + lit(outlet.label) + g)
        w(a + " " + SCHEMA_PUBLISHER + " " + outlet.iri + g)
        w(a + " " + PROV_ATTRIBUTED + " " + outlet.iri + g)
        self._used_actors.add(outlet.iri)
        offset = 120 + rng.randrange(200)
        for n, r in enumerate(reports):
            r.article = art_id
            r.n = n
            r.published = published
            r.outlet = outlet
            offset = self._report_quads(r, a, g, offset, out) + 250 + rng.randrange(900)
        self.stats.reports += len(reports)

    def _report_quads(self, r: Report, a: str, g: str, offset: int, out: list[str]) -> int:
        """Write one report (mirrors kb.rdfmap.report_triples); returns its end offset."""
        inc = r.incident
        w = out.append
        rep = f"https://w3id.org/kb/id/report/{r.article}/{r.n}"
        r.iri = rep
        s = "<" + rep + ">"
        day = self.start + dt.timedelta(days=inc.day)
        trigger, verb = _TRIGGER[inc.type]
        date_text = _date_text(day, r.precision, r.basis)
        # The actors as this report names them.
        actors: list[tuple[str, Actor | None, str, str]] = []  # (role, actor, surface, name)
        if inc.agent is not None:
            surface = inc.agent.label
            if r.surface_alias and inc.agent.aliases:
                surface = inc.agent.aliases[inc.index % len(inc.agent.aliases)]
            actors.append(("agent", inc.agent, surface, inc.agent.label))
        elif inc.unidentified:
            actors.append(("agent", None, inc.unidentified, "unidentified " + inc.unidentified))
        for p in inc.participants:
            actors.append(("participant", p, p.label, p.label))
        if inc.target is not None and r.keep_target:
            actors.append(("target", inc.target, inc.target.label, inc.target.label))
        who = actors[0][2] if actors else "Unknown forces"
        whom = next((x[2] for x in actors if x[0] != "agent"), "")
        where = inc.places[0].name
        sentence = f"{who[0].upper()}{who[1:]} {verb} {whom or 'positions'} in {where} {date_text}"
        if r.quantities.get("killed"):
            sentence += f", killing {r.quantities['killed']}"
        if r.citing:
            sentence += f", {r.citing} said"
        sentence += "."
        end = offset + len(sentence)
        mention = f"<https://w3id.org/kb/id/mention/{r.article}/{offset}-{end}>"
        r.mention = mention[1:-1]
        w(s + " " + A + " " + KB_EVENT_REPORT + g)
        w(s + " " + SEM_EVENT_TYPE + " " + iri(type_iri(inc.type)) + g)
        w(s + " " + KB_TYPE_KEY + ' "' + inc.type + '"' + g)
        w(s + " " + KB_TRIGGER + " " + lit(trigger) + g)
        w(s + " " + KB_CERTAINTY + ' "' + r.certainty + '"' + g)
        w(s + " " + KB_NEGATED + " " + (TRUE if inc.negated else FALSE) + g)
        w(s + " " + GAF_DENOTED_BY + " " + mention + g)
        w(s + " " + PROV_DERIVED + " " + a + g)
        w(mention + " " + A + " " + KB_MENTION + g)
        w(mention + " " + NIF_CONTEXT + " " + a + g)
        w(f'{mention} {NIF_BEGIN} "{offset}"{XSD_NNI}{g}')
        w(f'{mention} {NIF_END} "{end}"{XSD_NNI}{g}')
        w(mention + " " + NIF_ANCHOR + " " + lit(sentence) + g)
        for i, (role, actor, surface, _name) in enumerate(actors):
            if actor is None:
                node = f"<https://w3id.org/kb/id/actor/unidentified/{r.article}/{r.n}/{i}>"
            else:
                node = actor.iri
                self._used_actors.add(node)
            role_node = f"<{rep}/role/{i}>"
            w(s + " " + SEM_HAS_ACTOR + " " + node + g)
            w(s + " " + KB_HAS_ROLE + " " + role_node + g)
            w(role_node + " " + A + " " + SEM_ROLE + g)
            w(role_node + " " + RDF_VALUE + " " + node + g)
            w(role_node + " " + SEM_ROLE_TYPE + " " + ROLE_IRI[role] + g)
            w(role_node + " " + KB_SURFACE + " " + lit(surface) + g)
        for i, (_role, actor, _surface, name) in enumerate(actors):
            if actor is None:
                node = f"<https://w3id.org/kb/id/actor/unidentified/{r.article}/{r.n}/{i}>"
                w(node + " " + A + " " + SEM_ACTOR + g)
                w(node + " " + SKOS_PREF + " " + lit(name) + g)
                w(node + " " + KB_ACTOR_KIND + ' "unidentified"' + g)
        for p in inc.places:
            w(s + " " + SEM_HAS_PLACE + " " + p.iri + g)
        value, earliest, latest = _date_fields(day, r.precision)
        t = f"<{rep}/time>"
        w(s + " " + SEM_HAS_TIME + " " + t + g)
        w(t + " " + A + " " + SEM_TIME + g)
        w(t + " " + A + " " + TIME_GDTD + g)
        w(t + " " + KB_DATE_BASIS + ' "' + r.basis + '"' + g)
        w(t + " " + KB_DATE_TEXT + " " + lit(date_text) + g)
        w(t + " " + KB_DATE_VALUE + ' "' + value + '"' + g)
        w(s + " " + KB_DATE_VALUE + ' "' + value + '"' + g)
        w(t + " " + TIME_UNIT_TYPE + " " + UNIT[r.precision] + g)
        w(s + " " + TIME_UNIT_TYPE + " " + UNIT[r.precision] + g)
        w(s + " " + SEM_EARLIEST + ' "' + earliest.isoformat() + '"' + XSD_DATE + g)
        w(s + " " + SEM_LATEST + ' "' + latest.isoformat() + '"' + XSD_DATE + g)
        for key in sorted(r.quantities):
            w(s + " " + KB_QUANTITY[key] + ' "' + str(r.quantities[key]) + '"' + XSD_INT + g)
        reporter = r.reporter
        if reporter is not None:
            w(s + " " + KB_REPORTED_BY + " " + lit(reporter.label) + g)
            w(s + " " + PROV_ATTRIBUTED + " " + reporter.iri + g)
            self._used_actors.add(reporter.iri)
        if r.citing:
            w(s + " " + KB_CITING + " " + lit(r.citing) + g)
        return end

    def _incident_quads(self, inc: Incident, out: list[str]) -> None:
        """Write one incident graph (mirrors kb.link.incidents.incident_triples)."""
        reports = inc.reports
        first = min(r.iri for r in reports)
        key = "e-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]
        ev_plain = str(event_iri(key))
        ev = "<" + ev_plain + ">"
        g = f" <https://w3id.org/kb/graph/event/{key}> ."
        g += "\n"
        w = out.append
        negated = inc.negated
        certainty = (
            "asserted"
            if any(r.certainty == "asserted" and not negated for r in reports)
            else "hedged"
        )
        w(ev + " " + A + " " + SEM_EVENT + g)
        w(ev + " " + SEM_EVENT_TYPE + " " + iri(type_iri(inc.type)) + g)
        w(ev + " " + KB_TYPE_KEY + ' "' + inc.type + '"' + g)
        w(ev + " " + KB_CERTAINTY + ' "' + certainty + '"' + g)
        w(ev + " " + KB_NEGATED + " " + (TRUE if negated else FALSE) + g)
        # Roles: every named actor of any report, sorted by IRI (the agent's unidentified
        # node first when no named actor is an agent).
        named: dict[str, tuple[str, Actor]] = {}
        if inc.agent is not None:
            named[inc.agent.iri[1:-1]] = ("agent", inc.agent)
        for p in inc.participants:
            named.setdefault(p.iri[1:-1], ("participant", p))
        if inc.target is not None and any(r.keep_target for r in reports):
            named.setdefault(inc.target.iri[1:-1], ("target", inc.target))
        roles: list[tuple[str, str, str]] = [  # (actor IRI, role, label)
            (k, named[k][0], named[k][1].label) for k in sorted(named)
        ]
        if inc.unidentified and not any(role == "agent" for _, role, _ in roles):
            unid = ev_plain + "/unidentified"
            label = "Unidentified " + inc.unidentified
            w(f"<{unid}> {A} {SEM_ACTOR}{g}")
            w(f'<{unid}> {KB_ACTOR_KIND} "unidentified"{g}')
            w(f"<{unid}> {SKOS_PREF} {lit(label)}{g}")
            roles.insert(0, (unid, "agent", label))
        for i, (actor, role, _label) in enumerate(roles):
            node = f"<{ev_plain}/role/{i}>"
            w(f"{ev} {SEM_HAS_ACTOR} <{actor}>{g}")
            w(f"{ev} {KB_HAS_ROLE} {node}{g}")
            w(f"{node} {A} {SEM_ROLE}{g}")
            w(f"{node} {RDF_VALUE} <{actor}>{g}")
            w(f"{node} {SEM_ROLE_TYPE} {ROLE_IRI[role]}{g}")
            if not actor.endswith("/unidentified"):
                self._actor_events[actor] += 1
        places = sorted(inc.places, key=lambda p: p.iri)
        for p in places:
            w(ev + " " + SEM_HAS_PLACE + " " + p.iri + g)
            self._place_events[p.id] += 1
        if any(p.id == self._iraq or self._iraq in p.ancestors for p in places):
            self._iraq_events += 1
        best = min(
            reports,
            key=lambda r: (
                _PRECISION_RANK.get(r.precision, 3),
                _BASIS_RANK.get(r.basis, 3),
                _date_fields(self.start + dt.timedelta(days=inc.day), r.precision)[2],
                r.iri,
            ),
        )
        day = self.start + dt.timedelta(days=inc.day)
        value, earliest, latest = _date_fields(day, best.precision)
        t = f"<{ev_plain}/time>"
        w(ev + " " + SEM_HAS_TIME + " " + t + g)
        w(t + " " + A + " " + SEM_TIME + g)
        w(t + " " + A + " " + TIME_GDTD + g)
        w(t + " " + KB_DATE_BASIS + ' "' + best.basis + '"' + g)
        w(t + " " + KB_DATE_TEXT + " " + lit(_date_text(day, best.precision, best.basis)) + g)
        w(ev + " " + KB_DATE_VALUE + ' "' + value + '"' + g)
        w(t + " " + KB_DATE_VALUE + ' "' + value + '"' + g)
        w(ev + " " + TIME_UNIT_TYPE + " " + UNIT[best.precision] + g)
        w(t + " " + TIME_UNIT_TYPE + " " + UNIT[best.precision] + g)
        w(ev + " " + SEM_EARLIEST + ' "' + earliest.isoformat() + '"' + XSD_DATE + g)
        w(ev + " " + SEM_LATEST + ' "' + latest.isoformat() + '"' + XSD_DATE + g)
        chain = {p.iri[1:-1] for p in places}
        for p in places:
            chain.update(str(place_iri(a)) for a in p.ancestors)
        subjects = incident_subjects(
            (actor for actor, _role, _label in roles if not actor.endswith("/unidentified")),
            (p.iri[1:-1] for p in places),
            chain,
        )
        for b in buckets(subjects, month_of(earliest, latest)):
            w(ev + " " + KB_IN_BUCKET + " <" + b + ">" + g)
        quantities: dict[str, int] = {}
        for r in reports:
            for k, v in r.quantities.items():
                quantities[k] = max(quantities.get(k, 0), v)
        for k in sorted(quantities):
            w(ev + " " + KB_QUANTITY[k] + ' "' + str(quantities[k]) + '"' + XSD_INT + g)
        articles = {r.article for r in reports}
        outlets = {r.outlet.label for r in reports if r.outlet is not None}
        w(ev + " " + KB_SOURCE_COUNT + ' "' + str(len(articles)) + '"' + XSD_INT + g)
        w(ev + " " + KB_OUTLET_COUNT + ' "' + str(len(outlets)) + '"' + XSD_INT + g)
        seen = self.start + dt.timedelta(days=min(r.published for r in reports))
        w(ev + " " + KB_FIRST_SEEN + ' "' + seen.isoformat() + '"' + XSD_DATE + g)
        for r in reports:
            w(ev + " " + KB_HAS_REPORT + " <" + r.iri + ">" + g)
            w(ev + " " + GAF_DENOTED_BY + " <" + r.mention + ">" + g)
        by_role: dict[str, list[str]] = {"agent": [], "target": [], "participant": []}
        for _actor, role, label in roles:
            by_role[role].append(label)
        ranked = sorted(places, key=lambda p: (_LEVEL_RANK.get(p.level, 4), p.iri))
        text = headline(
            inc.type,
            by_role["agent"],
            by_role["target"],
            by_role["participant"],
            [p.display for p in ranked],
            negated=negated,
        )
        w(ev + " " + RDFS_LABEL + " " + lit(text) + g)
        if inc.agent is not None and len(self._samples) < 200 and inc.index % 7 == 3:
            self._samples.append({"event": key, "agent": inc.agent.key, "place": places[0].id})

    def _canonical_quads(self) -> list[str]:
        """Actors and places with the library's own mapping (kb.rdfmap): exact by design."""
        from kb import rdfmap

        g = " " + iri(CANONICAL_GRAPH) + " .\n"
        lines: dict[str, None] = {}
        # Like an ingest, only actors and places some report uses are described.
        pool = [*self.actors, *self.outlets]
        if self.civilians is not None:
            pool.append(self.civilians)
        todo = [a for a in pool if a.iri in self._used_actors]
        done: set[str] = set()
        while todo:
            a = todo.pop()
            if a.key in done:
                continue
            done.add(a.key)
            actor = self.registry.get(a.key)
            if actor is None or tuple(actor.aliases) != a.aliases:
                actor = CanonicalActor(a.key, a.label, a.kind, a.country, a.aliases)
            for s, p, o in rdfmap.actor_triples(actor):
                lines[f"{s.n3()} {p.n3()} {o.n3()}{g}"] = None
            # kb:parentOrganization must link a described sem:Actor (the shapes say so).
            parent = self.registry.get(actor.parent) if actor.parent else None
            if parent is not None:
                todo.append(self._actor(parent))
        for pid in sorted(self._place_events):
            place = self.gazetteer.get(pid)
            for s, p, o in rdfmap.place_triples(place, self.gazetteer):
                lines[f"{s.n3()} {p.n3()} {o.n3()}{g}"] = None
        self.stats.actors = len(done)
        self.stats.places = len(self._place_events)
        return list(lines)

    def _corrections_quads(self) -> list[str]:
        """A few user corrections, as `kb actor alias` and `kb actor merge` write them."""
        g = " " + iri(CORRECTIONS_GRAPH) + " .\n"
        top = self.actors[0]
        out = [f"{top.iri} {KB_USER_ALIAS} {lit(top.label + ' fighters')}{g}"]
        minted = [a for a in self.actors if a.key.startswith("x-") and a.iri in self._used_actors]
        if len(minted) >= 2:
            out.append(f"{minted[-1].iri} {KB_MERGED_INTO} {minted[-2].iri}{g}")
        return out

    def _finish_stats(self) -> None:
        by_key = {a.iri[1:-1]: a for a in self.actors}
        counts = {by_key[k].key: n for k, n in self._actor_events.items() if k in by_key}
        self.stats.actor_events = counts
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        labels = {a.key: a.label for a in self.actors}

        def pick(rank: int) -> dict[str, Any]:
            key, n = ranked[min(rank, len(ranked) - 1)]
            return {"key": key, "name": labels[key], "events": n}

        self.stats.queries = {
            "popular_actor": pick(0),
            "typical_actor": pick(49),
            "rare_actor": pick(min(499, len(ranked) - 1)),
            "place": {"name": "Iraq", "id": self._iraq, "events": self._iraq_events},
            "sample_events": self._samples,
        }


class _ChunkReader:
    """A read-only binary file over an iterator of text chunks (for bulk_load)."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._buf = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buf) < size:
            nxt = next(self._chunks, None)
            if nxt is None:
                break
            self._buf += nxt.encode("utf-8")
        if size < 0:
            data, self._buf = self._buf, b""
        else:
            data, self._buf = self._buf[:size], self._buf[size:]
        return data

    def readable(self) -> bool:
        return True


def du(path: Path) -> int:
    """Bytes on disk of a directory tree (or a file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def write_nquads(gen: KbGenerator, out: IO[str]) -> None:
    """Write the whole knowledge base as N-Quads."""
    for chunk in gen.iter_nquads():
        out.write(chunk)


def bulk_load_store(store_dir: Path, source: Path | IO[bytes]) -> float:
    """Bulk-load N-Quads (a file or a binary stream) into a new embedded store; seconds."""
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    if isinstance(source, Path):
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
    else:
        store.bulk_load(input=source, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return time.perf_counter() - t0


def optimize_store(store_dir: Path) -> float:
    """Compact a store (RocksDB compaction); seconds.

    A store fresh from the bulk loader answers the benchmark queries 2-4 times slower
    until it is compacted, which a long-lived store is; measure the steady state.
    """
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.optimize()
    store.flush()
    del store
    return time.perf_counter() - t0


def generate(
    events: int,
    out_dir: Path,
    *,
    seed: int = 1,
    nq: bool = False,
    store: bool = True,
    pipe: bool = True,
    optimize: bool = True,
) -> dict[str, Any]:
    """Generate a knowledge base into ``out_dir``: ``data.nq``, ``store/`` and ``meta.json``.

    Args:
        events: number of incidents.
        out_dir: the directory to (re)create.
        seed: random seed; the same seed gives the same data.
        nq: keep the N-Quads file ``data.nq`` (needed for rdflib and ``oxigraph load``).
        store: bulk-load an embedded store into ``out_dir/store``.
        pipe: without ``nq``, generate in a child process and load from its output, so
            generation and loading use two cores.
        optimize: compact the store after loading (see :func:`optimize_store`).

    Returns:
        The contents of ``meta.json``.
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    store_dir = out_dir / "store"
    nq_path = out_dir / "data.nq"
    t0 = time.perf_counter()
    meta: dict[str, Any]
    load_seconds = None
    if nq or not store:
        gen = KbGenerator(events, seed=seed)
        with open(nq_path, "w", encoding="utf-8") as fh:
            write_nquads(gen, fh)
        meta = gen.stats.as_json()
        meta["nq_bytes"] = nq_path.stat().st_size
        if store:
            load_seconds = bulk_load_store(store_dir, nq_path)
    elif pipe:
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--events",
            str(events),
            "--seed",
            str(seed),
            "--stdout",
            "--meta",
            str(out_dir / "meta.json"),
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, bufsize=1 << 20)
        assert proc.stdout is not None
        load_seconds = bulk_load_store(store_dir, proc.stdout)
        if proc.wait() != 0:
            raise RuntimeError(f"generator failed: {' '.join(cmd)}")
        meta = json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    else:
        gen = KbGenerator(events, seed=seed)
        load_seconds = bulk_load_store(store_dir, _ChunkReader(gen.iter_nquads()))  # type: ignore[arg-type]
        meta = gen.stats.as_json()
    if load_seconds is not None:
        meta["load_seconds"] = round(load_seconds, 2)
        meta["store_bytes_after_load"] = du(store_dir)
        if optimize:
            meta["optimize_seconds"] = round(optimize_store(store_dir), 2)
        meta["store_bytes"] = du(store_dir)
    meta["total_seconds"] = round(time.perf_counter() - t0, 2)
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES), help="10k, 100k or 1m incidents")
    ap.add_argument("--events", type=int, help="number of incidents (instead of --size)")
    ap.add_argument("--out", type=Path, help="output directory (default bench/out/kb-SIZE)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nq", action="store_true", help="keep data.nq beside the store")
    ap.add_argument("--no-store", action="store_true", help="only write data.nq")
    ap.add_argument("--no-optimize", action="store_true", help="leave the store uncompacted")
    ap.add_argument("--stdout", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--meta", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    events = args.events or SIZES.get(args.size or "10k", 10_000)
    if args.stdout:  # the child of a piped generation
        gen = KbGenerator(events, seed=args.seed)
        out = sys.stdout.buffer
        for chunk in gen.iter_nquads():
            out.write(chunk.encode("utf-8"))
        out.flush()
        if args.meta:
            args.meta.write_text(json.dumps(gen.stats.as_json(), indent=2), encoding="utf-8")
        return 0
    name = args.size or (f"{events // 1000}k" if events % 1000 == 0 else str(events))
    out_dir = args.out or Path(__file__).resolve().parent / "out" / f"kb-{name}"
    meta = generate(
        events,
        out_dir,
        seed=args.seed,
        nq=args.nq,
        store=not args.no_store,
        optimize=not args.no_optimize,
    )
    brief = {k: v for k, v in meta.items() if k not in ("actor_events", "queries")}
    print(json.dumps(brief, indent=2))
    print(json.dumps({k: v for k, v in meta["queries"].items() if k != "sample_events"}))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
