"""The named query library (``queries/*.rq``): listing, parameters and running.

Each file starts with a header comment::

    # description: Events an actor took part in, oldest first (aliases resolved).
    # param: actor actor          -- a name, resolved to the canonical actor(s)
    # param: since date optional

Parameter kinds: ``actor`` (a name resolved to canonical actor IRIs, aliases and
merges included), ``place`` (a name resolved through the gazetteer), ``type`` (an
event-type key, narrower types included), ``event`` (an event key or IRI),
``date`` (YYYY-MM-DD, YYYY-MM or YYYY; a month or year is its first day, or its last
in ``until``), ``int``, ``string`` and ``iri``. Values are always bound, never spliced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kb.errors import NotFoundError, UsageError
from kb.resources import query_dir
from kb.store.base import QueryResult, Store

_HEADER = re.compile(r"^#\s*(description|param):\s*(.*)$")
#: Date parameters that end a period: a month or year given there means its last day.
_END_PARAMS = frozenset({"until", "to", "end", "before"})
KINDS = ("actor", "place", "type", "event", "date", "int", "string", "iri")


@dataclass
class Param:
    """One parameter of a named query."""

    name: str
    kind: str
    required: bool = True
    doc: str = ""


@dataclass
class NamedQuery:
    """A query file with its header."""

    name: str
    path: Path
    description: str
    params: list[Param] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The query text."""
        return self.path.read_text(encoding="utf-8")


def _parse(path: Path) -> NamedQuery:
    description = ""
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        if m.group(1) == "description":
            description = (description + " " + m.group(2)).strip()
        else:
            spec, _, doc = m.group(2).partition("--")
            words = spec.split()
            if len(words) < 2 or words[1] not in KINDS:
                raise UsageError(f"{path}: bad param line {line.strip()!r}")
            params.append(Param(words[0], words[1], "optional" not in words[2:], doc.strip()))
    return NamedQuery(path.stem, path, description, params)


@cache
def _all() -> dict[str, NamedQuery]:
    return {p.stem: _parse(p) for p in sorted(query_dir().glob("*.rq"))}


def list_queries() -> list[NamedQuery]:
    """All named queries, by name."""
    return list(_all().values())


def get_query(name: str) -> NamedQuery:
    """One named query, or NotFoundError listing the names."""
    try:
        return _all()[name]
    except KeyError:
        raise NotFoundError(
            f"no query named {name!r}; 'kb query --list' shows them ({', '.join(_all())})"
        ) from None


def bind(store: Store, q: NamedQuery, values: dict[str, str]) -> dict[str, Any]:
    """Turn user strings into RDF terms for a query's parameters."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    known = {p.name for p in q.params}
    for k in values:
        if k not in known:
            raise UsageError(
                f"query {q.name!r} has no parameter {k!r}; it takes: {', '.join(known) or 'none'}"
            )
    out: dict[str, Any] = {}
    for p in q.params:
        raw = values.get(p.name)
        if raw is None or raw == "":
            if p.required:
                raise UsageError(f"query {q.name!r} needs -p {p.name}=... ({p.kind})")
            continue
        if p.kind == "actor":
            from kb.resolve import actor_iris

            out[p.name] = [URIRef(i) for i in actor_iris(store, raw)]
        elif p.kind == "place":
            from kb.resolve import place_iri_for

            out[p.name] = URIRef(place_iri_for(raw, store))
        elif p.kind == "type":
            from kb.resolve import type_iris

            out[p.name] = [URIRef(i) for i in type_iris(raw)]
        elif p.kind == "event":
            from kb.resolve import event_iri_for

            out[p.name] = URIRef(event_iri_for(raw))
        elif p.kind == "date":
            from kb.resolve import period_bound

            # A month or a year stands for its first day, or for its last in a
            # parameter that ends a period ("until"), as --since/--until read them.
            day = period_bound(raw, f"parameter {p.name}", end=p.name in _END_PARAMS)
            out[p.name] = Literal(day.isoformat(), datatype=XSD.date)
        elif p.kind == "int":
            try:
                out[p.name] = Literal(int(raw), datatype=XSD.integer)
            except ValueError:
                raise UsageError(f"parameter {p.name}: {raw!r} is not a whole number") from None
        elif p.kind == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", raw, re.I):
                raise UsageError(f"parameter {p.name}: {raw!r} is not an IRI")
            out[p.name] = URIRef(raw)
        else:
            out[p.name] = Literal(raw)
    since, until = out.get("since"), out.get("until")
    if since is not None and until is not None and since.toPython() > until.toPython():
        raise UsageError(f"since {since} is after until {until}; swap them")
    return out


def run_named(store: Store, name: str, values: dict[str, str]) -> QueryResult:
    """Run a named query with user parameter values."""
    q = get_query(name)
    return store.query(q.text, bind(store, q, values))


def store_stats(store: Store) -> dict[str, int]:
    """Counts of what the store holds."""
    res = store.select(
        """SELECT
          (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a schema:NewsArticle }"""
    )
    counts = {"articles": int(res.rows[0]["articles"]) if res.rows else 0}  # type: ignore[arg-type]
    for key, cls in (
        ("events", "sem:Event"),
        ("reports", "kb:EventReport"),
        ("actors", "sem:Actor"),
        ("places", "sem:Place"),
    ):
        r = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        counts[key] = int(r.rows[0]["n"]) if r.rows else 0  # type: ignore[arg-type]
    counts["triples"] = store.triple_count()
    return counts
