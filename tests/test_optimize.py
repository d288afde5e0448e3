"""`kb optimize`: compacting an embedded store keeps every quad and merges its table files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from kb.cli import app
from kb.store.embedded import EmbeddedStore


def _quads(path: Path) -> list[str]:
    store = ox.Store.read_only(str(path))
    try:
        return sorted(str(q) for q in store)
    finally:
        del store


def _loaded_in_pieces(path: Path, pieces: int = 8) -> None:
    """A store written by several bulk loads (as `kb import` writes one): a table file
    set per load."""
    with EmbeddedStore(path) as st:
        for n in range(pieces):
            text = "".join(
                f'<https://example.org/e/{n}/{i}> <https://example.org/p> "v {n} {i}" '
                f"<https://example.org/g/{n}> .\n"
                for i in range(500)
            )
            st.bulk_load_text(text.encode(), ox.RdfFormat.N_QUADS)


def test_optimize_merges_table_files_and_keeps_every_quad(tmp_path):
    path = tmp_path / "store"
    _loaded_in_pieces(path)
    before = _quads(path)
    files_before = len(list(path.glob("*.sst")))
    result = CliRunner().invoke(app, ["optimize", "--store", str(path)])
    assert result.exit_code == 0, result.output
    files_after = len(list(path.glob("*.sst")))
    assert f"{files_before} -> {files_after} table files" in result.output
    assert files_after < files_before
    assert _quads(path) == before and len(before) == 8 * 500


def test_optimize_refuses_an_endpoint_and_a_missing_store(tmp_path):
    result = CliRunner().invoke(app, ["optimize", "--store", "http://127.0.0.1:9/sparql"])
    assert result.exit_code == 2
    assert "compacts the embedded store only" in result.output
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(app, ["optimize", "--store", str(missing)])
    assert result.exit_code == 1
    assert f"no kb store at {missing}" in result.output
    assert not missing.exists()  # nothing created
