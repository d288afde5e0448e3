"""Plain data passed between readers, extractors, the linker, the store and exporters.

Nothing here imports rdflib: :mod:`kb.rdfmap` maps these objects to and from RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

#: Precisions a date can have, coarsest last.
PRECISIONS = ("day", "month", "year")
#: How a date was obtained.
DATE_BASES = ("explicit", "relative", "publication", "unknown")
#: Levels a gazetteer place can have.
PLACE_LEVELS = ("country", "region", "district", "city", "border", "sea", "area")
#: Certainty values of an event report.
CERTAINTIES = ("asserted", "hedged")
#: Roles an actor can play in an event.
ROLES = ("agent", "target", "participant")


@dataclass
class Article:
    """One news article as read from a file, feed or JSON line."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    path: str | None = None
    lang: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    def ref(self) -> dict[str, Any]:
        """The article as the `article` object of the JSON outputs."""
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
        }


@dataclass
class PlaceRef:
    """A link to a gazetteer place (used for containment chains)."""

    id: str
    name: str


@dataclass
class Place:
    """A gazetteer place.

    `id` is stable: ``geonames:<ID>`` where GeoNames has the place, otherwise
    ``iso3166-2:<CODE>`` for a first-level region, ``border:<CC>-<CC>`` for a
    border area between two countries (codes sorted) or ``sea:<slug>`` for a sea, gulf,
    strait or lake (``kb.gazetteer.seas``; in no country).
    """

    id: str
    name: str
    level: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    within: list[PlaceRef] = field(default_factory=list)
    text: str | None = None  # the surface text in the article, when extracted

    def to_json(self) -> dict[str, Any]:
        """The place as the JSON outputs show it."""
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "within": [asdict(w) for w in self.within],
        }


@dataclass
class TimeSpan:
    """When an event happened, as precisely as the text says and no more.

    `value` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` matching `precision`;
    `earliest` and `latest` bound the interval. With basis ``unknown`` all three
    are None.
    """

    text: str | None = None
    value: str | None = None
    precision: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    basis: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        """The date as the JSON outputs show it."""
        return {
            "text": self.text,
            "value": self.value,
            "precision": self.precision,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
            "basis": self.basis,
        }


@dataclass
class ActorRef:
    """An actor as it takes part in one event.

    `id` is the canonical actor's key (see :mod:`kb.actors`); `text` is what the
    article wrote. `affiliation` names the group of a person known only by role.
    """

    id: str
    name: str
    role: str = "agent"
    kind: str | None = None
    country: str | None = None
    text: str | None = None
    affiliation: str | None = None
    unidentified: bool = False

    def to_json(self) -> dict[str, Any]:
        """The actor as the JSON outputs show it."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "role": self.role}
        if self.kind:
            out["kind"] = self.kind
        if self.affiliation:
            out["affiliation"] = self.affiliation
        if self.unidentified:
            out["unidentified"] = True
        return out


@dataclass
class Attribution:
    """Who reports an event and whom they cite."""

    reported_by: str | None = None
    citing: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The attribution as the JSON outputs show it."""
        return {"reported_by": self.reported_by, "citing": self.citing}


@dataclass
class Mention:
    """The text span that reports an event, with character offsets in the body."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """The mention as the JSON outputs show it."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Event:
    """One event as one article reports it."""

    id: str
    article: Article
    type: str
    types: list[str]
    trigger: str
    mention: Mention
    actors: list[ActorRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    date: TimeSpan = field(default_factory=TimeSpan)
    attribution: Attribution = field(default_factory=Attribution)
    certainty: str = "asserted"
    negated: bool = False
    quantities: dict[str, int] = field(default_factory=dict)
    #: Other sentences of the same article reporting this same event.
    other_mentions: list[Mention] = field(default_factory=list)

    @property
    def all_mentions(self) -> list[Mention]:
        """The main mention, then the others in text order."""
        return [self.mention, *self.other_mentions]

    @property
    def agents(self) -> list[ActorRef]:
        """Actors in the agent role."""
        return [a for a in self.actors if a.role == "agent"]

    @property
    def targets(self) -> list[ActorRef]:
        """Actors in the target role."""
        return [a for a in self.actors if a.role == "target"]

    def to_json(self) -> dict[str, Any]:
        """The event as one object of `kb extract --format jsonl`."""
        return {
            "id": self.id,
            "article": self.article.ref(),
            "type": self.type,
            "types": list(self.types),
            "trigger": self.trigger,
            "actors": [a.to_json() for a in self.actors if a.role != "target"],
            "targets": [{"id": a.id, "name": a.name} for a in self.targets],
            "places": [p.to_json() for p in self.places],
            "date": self.date.to_json(),
            "attribution": self.attribution.to_json(),
            "certainty": self.certainty,
            "negated": self.negated,
            "quantities": dict(self.quantities),
            "mention": self.mention.to_json(),
            "other_mentions": [m.to_json() for m in self.other_mentions],
        }
