"""An outlet named in a header or a dataset is a medium, whatever its name looks like."""

from __future__ import annotations

from pathlib import Path

from kb.actors import ActorRegistry
from kb.ingest import ingest_articles
from kb.model import Article
from kb.store import open_store
from kb.validate import validate_store


def test_unknown_outlets_are_media_and_known_ones_stay_as_listed() -> None:
    registry = ActorRegistry.default()
    # Two capitalised words look like a person's name to the kind guesser; as an
    # outlet the name is a medium.
    for name in ("Le Quotidien", "Kirkuk Now", "Sahel Monitor", "The Levant Daily"):
        actor = registry.outlet(name)
        assert actor.kind == "media", name
        assert actor.key.startswith("x-")
    assert registry.outlet("The Levant Daily").label == "Levant Daily"
    reuters = registry.outlet("Reuters")
    assert not reuters.key.startswith("x-") and reuters.kind == "media"


def test_an_ingested_outlet_is_stored_as_media_and_the_store_validates(tmp_path: Path) -> None:
    import datetime as dt

    article = Article(
        id="quotidien-1",
        text="Gunmen attacked a police post in Kirkuk on Monday, killing two officers.",
        title="Police post attacked",
        published=dt.date(2025, 3, 4),
        outlet="Le Quotidien",
    )
    store = open_store(str(tmp_path / "store"))
    try:
        ingest_articles(store, [article])
        rows = store.select(
            "SELECT ?k WHERE { ?a <https://schema.org/publisher>|prov:wasAttributedTo ?o . "
            "?o kb:actorKind ?k }"
        ).rows
        assert {str(r["k"]) for r in rows} == {"media"}
        assert validate_store(store).conforms
    finally:
        store.close()
