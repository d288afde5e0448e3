"""Month buckets: an actor's or a place's incidents, month by month, without reading them all.

Oxigraph has no index that yields an actor's incidents in date order, so
``ORDER BY ?date LIMIT 100`` over a frequent actor reads every one of its incidents
(126,000 for the most frequent actor of a 1M-incident store). Every incident graph
therefore also says which *buckets* it falls in: one per named actor and one per
place of its place chain (its places and everything containing them), one per place
it is exactly at (subject ``at:`` + the place IRI), for the month of its sort date
(earliest bound, else latest); :func:`incident_subjects` lists them::

    <incident> kb:inBucket <https://w3id.org/kb/id/bucket/3f2a9c01d4e5/2016-01> .

The bucket IRI is computed, not looked up: a hash of the actor or place IRI plus the
month. A limited timeline asks which months exist for its actor (one index probe per
month, in the engine), then reads the first months only; ``kb related`` reads the
months of its time window. Buckets live inside the incident graphs, so rewriting or
dropping an incident keeps them right, on the embedded store and on any SPARQL server.
Undated incidents (no bounds) have no bucket; they sort last anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator

from kb.namespaces import KB_NS, KBID_NS

BUCKET_BASE = KBID_NS + "bucket/"
#: The predicate from an incident to its buckets (an IRI string).
IN_BUCKET = KB_NS + "inBucket"
#: Years probed when a query gives no date range; wide enough for GDELT 1.0 (1979) and
#: for the history an article recalls.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def subject_hash(subject: str) -> str:
    """A short stable key for an actor or place IRI (12 hex digits of its SHA-1)."""
    return hashlib.sha1(subject.encode("utf-8")).hexdigest()[:12]


def month_of(earliest: dt.date | str | None, latest: dt.date | str | None) -> str | None:
    """``YYYY-MM`` of an incident's sort date (earliest bound, else latest), or None."""
    value = earliest if earliest is not None else latest
    if value is None:
        return None
    return str(value)[:7]


def at_subject(place: str) -> str:
    """The subject of the "exactly at this place" bucket (not inside it)."""
    return "at:" + place


def incident_subjects(
    actors: Iterable[str], places: Iterable[str], chain: Iterable[str]
) -> set[str]:
    """What an incident is bucketed by.

    Args:
        actors: IRIs of its named actors (never the unidentified ones).
        places: IRIs of its places.
        chain: its places and every place containing them.

    Returns:
        The actors, the chain (so a place's bucket holds what happened at or inside
        it) and ``at:`` + each place (so ``kb related`` finds incidents given only at
        a place that contains the event's place, without reading everything inside).
    """
    exact = set(places)
    return set(actors) | set(chain) | exact | {at_subject(p) for p in exact}


def bucket_prefix(subject: str) -> str:
    """The bucket IRI of one actor or place without its month: ``.../bucket/<hash>/``."""
    return f"{BUCKET_BASE}{subject_hash(subject)}/"


def bucket_iri(subject: str, month: str) -> str:
    """The bucket IRI of one actor or place for one ``YYYY-MM`` month."""
    return bucket_prefix(subject) + month


def buckets(subjects: Iterable[str], month: str | None) -> list[str]:
    """Bucket IRIs of an incident: one per actor or place IRI, for its month."""
    if month is None:
        return []
    return sorted({bucket_iri(s, month) for s in subjects})


def months(start: dt.date, end: dt.date) -> Iterator[str]:
    """Every ``YYYY-MM`` from the month of ``start`` to the month of ``end``, in order."""
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield f"{y:04d}-{m:02d}"
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_range(since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date]:
    """The months to probe for a date filter.

    An incident sorts by its earliest bound but matches ``since`` by its latest, and a
    year-precision date spans twelve months, so the range starts a year before ``since``.
    """
    lo = dt.date(FIRST_YEAR, 1, 1)
    hi = dt.date(LAST_YEAR, 12, 31)
    if since is not None:
        lo = max(lo, since - dt.timedelta(days=366))
    if until is not None:
        hi = min(hi, until)
    return lo, hi
