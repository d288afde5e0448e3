"""Helpers shared by several test modules (pytest puts this folder on the import path)."""

from __future__ import annotations

from typing import Any


class GivenEvents:
    """An extractor that returns the events it was given for each article.

    It stands in for :class:`kb.extract.pipeline.Extractor` where a test needs exact
    events in the store; its registry and gazetteer are kb's defaults, as the ingest
    expects of an extractor.
    """

    def __init__(self, events: list[Any]) -> None:
        from kb.actors import ActorRegistry
        from kb.gazetteer import Gazetteer

        self.events = events
        self.actors = ActorRegistry.default()
        self.gazetteer = Gazetteer.default()

    def extract(self, article: Any) -> list[Any]:
        return [e for e in self.events if e.article.id == article.id]


def incident_groups(store: Any) -> list[list[str]]:
    """The stored incidents as sorted lists of their reports' article ids, sorted."""
    rows = store.select("SELECT ?ev ?r WHERE { ?ev a sem:Event ; kb:hasReport ?r }").rows
    by_event: dict[str, list[str]] = {}
    for row in rows:
        by_event.setdefault(str(row["ev"]), []).append(str(row["r"]).split("/")[-2])
    return sorted(sorted(g) for g in by_event.values())
