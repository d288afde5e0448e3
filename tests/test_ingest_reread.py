"""Re-reading an article: unchanged when body, publication day and outlet are the same.

The publication day anchors every relative date of the article and the outlet is its
source, so ``kb ingest FILE --published D`` after a first ingest without it must
re-extract the article, not report it unchanged and keep the old dates.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app
from kb.store import open_store

BODY = (
    "Gunmen attacked a police checkpoint in Kirkuk on Tuesday, killing two officers, police said.\n"
)


def _ingest(store: Path, path: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["ingest", str(path), "--store", str(store), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _facts(store: Path) -> set[tuple[str, str]]:
    st = open_store(str(store), read_only=True)
    try:
        rows = st.select(
            "SELECT ?p ?d WHERE { ?a <https://schema.org/datePublished> ?p . "
            "?r a kb:EventReport ; sem:hasEarliestBeginTimeStamp ?d }"
        ).rows
        return {(str(r["p"]), str(r["d"])) for r in rows}
    finally:
        st.close()


def test_a_new_publication_day_re_extracts_the_article(tmp_path: Path) -> None:
    article = tmp_path / "kirkuk.txt"
    article.write_text("title: Checkpoint attack\npublished: 2025-03-07\n---\n" + BODY)
    store = tmp_path / "store"
    _ingest(store, article)
    # Friday 7 March: "on Tuesday" is 4 March.
    assert _facts(store) == {("2025-03-07", "2025-03-04")}
    assert "1 unchanged" in _ingest(store, article)
    # The same file read as published a week later: Tuesday is 11 March.
    out = _ingest(store, article, "--published", "2025-03-14")
    assert "0 unchanged" in out
    assert _facts(store) == {("2025-03-14", "2025-03-11")}
    # Read again with the same override: unchanged now.
    assert "1 unchanged" in _ingest(store, article, "--published", "2025-03-14")


def test_a_new_outlet_is_a_changed_article(tmp_path: Path) -> None:
    article = tmp_path / "kirkuk.txt"
    article.write_text("title: Checkpoint attack\npublished: 2025-03-07\n---\n" + BODY)
    store = tmp_path / "store"
    _ingest(store, article)
    assert "0 unchanged" in _ingest(store, article, "--outlet", "Kurdistan Wire")
    st = open_store(str(store), read_only=True)
    try:
        rows = st.select("SELECT ?o WHERE { ?a kb:outletName ?o }").rows
    finally:
        st.close()
    assert [str(r["o"]) for r in rows] == ["Kurdistan Wire"]
