"""Canonical actors: every actor mention resolves to one curated or minted actor.

The curated registry is ``ontology/actors.ttl``; :class:`ActorRegistry` loads it, resolves
names (:meth:`ActorRegistry.resolve`) and finds mentions in sentences
(:meth:`ActorRegistry.find`).
"""

from __future__ import annotations

from kb.actors.canonical import ACTOR_NS, UNIDENTIFIED_KEY, ActorMatch, CanonicalActor
from kb.actors.registry import FUZZY_MIN_LENGTH, FUZZY_THRESHOLD, ActorRegistry
from kb.actors.vocabulary import KINDS

__all__ = [
    "ACTOR_NS",
    "FUZZY_MIN_LENGTH",
    "FUZZY_THRESHOLD",
    "KINDS",
    "UNIDENTIFIED_KEY",
    "ActorMatch",
    "ActorRegistry",
    "CanonicalActor",
]
