"""Read the curated actor registry (``ontology/actors.ttl``) into plain records.

pyoxigraph parses the file in about 15 ms, so no cache is kept on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.actors.canonical import ACTOR_NS
from kb.actors.vocabulary import KINDS
from kb.errors import InputError

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SEM_ACTOR = "http://semanticweb.cs.vu.nl/2009/11/sem/Actor"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_KB = "https://w3id.org/kb/ns#"

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{2}")
_COUNTRY_BODIES = frozenset({"military", "government", "police", "intelligence"})


@dataclass
class ActorRecord:
    """One actor as the Turtle file describes it."""

    key: str
    label: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    country_body: str | None = None


def load_records(path: Path) -> list[ActorRecord]:
    """Parse an actor registry file.

    Args:
        path: a Turtle file in the shape of ``ontology/actors.ttl``.

    Returns:
        One record per ``sem:Actor``, in key order.

    Raises:
        InputError: the file is missing, is not valid Turtle, or an actor lacks a label or
            kind, has an unknown kind, a malformed key or country code, or a parent that
            is not in the file.
    """
    import pyoxigraph

    try:
        quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    except FileNotFoundError:
        raise InputError(f"{path}: actor registry not found; reinstall kb") from None
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not valid Turtle ({exc}); fix the file") from None

    actors: set[str] = set()
    props: dict[str, list[tuple[str, object]]] = {}
    for quad in quads:
        subject = quad.subject
        if not isinstance(subject, pyoxigraph.NamedNode):
            continue
        predicate = quad.predicate.value
        obj = quad.object
        if predicate == _RDF_TYPE and isinstance(obj, pyoxigraph.NamedNode):
            if obj.value == _SEM_ACTOR:
                actors.add(subject.value)
            continue
        props.setdefault(subject.value, []).append((predicate, obj))

    records: dict[str, ActorRecord] = {}
    for iri in sorted(actors):
        if not iri.startswith(ACTOR_NS) or not _KEY.fullmatch(iri[len(ACTOR_NS) :]):
            raise InputError(
                f"{path}: actor <{iri}> must be {ACTOR_NS}<key> with a lowercase ascii slug key"
            )
        record = ActorRecord(key=iri[len(ACTOR_NS) :])
        for predicate, obj in props.get(iri, []):
            _apply(record, predicate, obj, path)
        _check(record, path)
        records[record.key] = record
    for record in records.values():
        if record.parent is not None and record.parent not in records:
            raise InputError(
                f"{path}: actor {record.key!r} points to parent {record.parent!r}, "
                "which is not in the registry; add it or fix the key"
            )
    return list(records.values())


def _apply(record: ActorRecord, predicate: str, obj: object, path: Path) -> None:
    import pyoxigraph

    if isinstance(obj, pyoxigraph.Literal):
        value = obj.value
        if predicate == _SKOS + "prefLabel":
            if record.label is not None and record.label != value:
                raise InputError(f"{path}: actor {record.key!r} has two skos:prefLabel values")
            record.label = value
        elif predicate == _SKOS + "altLabel":
            record.alt_labels.append(value)
        elif predicate == _SKOS + "hiddenLabel":
            record.hidden_labels.append(value)
        elif predicate == _KB + "actorKind":
            record.kind = value
        elif predicate == _KB + "country":
            record.country = value
        elif predicate == _KB + "countryBody":
            record.country_body = value
    elif isinstance(obj, pyoxigraph.NamedNode) and predicate in (
        _KB + "parentOrganization",
        _KB + "affiliation",
    ):
        if not obj.value.startswith(ACTOR_NS):
            raise InputError(f"{path}: actor {record.key!r} has a parent outside {ACTOR_NS}")
        record.parent = obj.value[len(ACTOR_NS) :]


def _check(record: ActorRecord, path: Path) -> None:
    where = f"{path}: actor {record.key!r}"
    if not record.label:
        raise InputError(f"{where} has no skos:prefLabel; add one")
    if record.kind not in KINDS:
        raise InputError(f"{where} has kb:actorKind {record.kind!r}; use one of {', '.join(KINDS)}")
    if record.country is not None and not _COUNTRY.fullmatch(record.country):
        raise InputError(f"{where} has kb:country {record.country!r}; use an ISO alpha-2 code")
    if record.country_body is not None:
        if record.country_body not in _COUNTRY_BODIES:
            raise InputError(
                f"{where} has kb:countryBody {record.country_body!r}; "
                f"use one of {', '.join(sorted(_COUNTRY_BODIES))}"
            )
        if record.country is None:
            raise InputError(f"{where} has kb:countryBody but no kb:country")
