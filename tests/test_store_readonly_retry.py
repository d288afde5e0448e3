"""Read-only opens of the embedded store while another process writes and compacts it.

RocksDB's read-only open reads the MANIFEST's file list, then opens each file; a writer's
flush or compaction can delete one in between, and the open fails with "No such file or
directory" on an ``.sst`` or ``.log`` file. kb retries such opens for a moment; any other
failure (no store, a foreign directory, a damaged store) is still reported at once.
The race itself, with a real writer process, is tested in ``tests/test_reliability.py``
(``test_read_only_opens_succeed_while_a_writer_compacts``).
"""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest

from kb.errors import StoreError
from kb.store.embedded import EmbeddedStore, is_transient_open_error


def test_only_vanished_store_files_count_as_transient():
    vanished = [
        RuntimeError(
            "Corruption: Corruption: IO error: No such file or directory: While open a file "
            "for random read: /data/store/000021.sst: No such file or directory  The file "
            "/data/store/MANIFEST-000005 may be corrupted."
        ),
        FileNotFoundError(
            "IO error: No such file or directory: while stat a file for size: "
            "/data/store/000164.log: No such file or directory"
        ),
    ]
    lasting = [
        FileNotFoundError(
            "IO error: No such file or directory: While opening a file for sequentially "
            "reading: /data/store/CURRENT: No such file or directory"
        ),
        PermissionError(
            "IO error: While open a file for random read: /data/store/000021.sst: Permission denied"
        ),
        RuntimeError("Invalid argument: Column family not found: id2str"),
        ValueError("/data/store/000021.sst: No such file or directory"),
    ]
    assert all(is_transient_open_error(e) for e in vanished)
    assert not any(is_transient_open_error(e) for e in lasting)


def test_a_store_damaged_for_good_fails_after_the_bounded_retry(tmp_path, monkeypatch):
    import kb.store.embedded as embedded

    store = tmp_path / "store"
    with EmbeddedStore(store) as st:
        st.bulk_add_ox(
            [ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                     ox.Literal("x"), ox.NamedNode("https://example.org/g"))]
        )  # fmt: skip
        st.optimize()
    for sst in store.glob("*.sst"):
        sst.unlink()  # a lost table file: looks like the race, but never heals
    monkeypatch.setattr(embedded, "READ_ONLY_RETRY_SECONDS", 0.3)
    start = time.monotonic()
    with pytest.raises(StoreError) as info:
        EmbeddedStore(store, read_only=True)
    took = time.monotonic() - start
    if "compacting" not in str(info.value):
        pytest.skip(f"this RocksDB reports a lost table differently: {info.value}")
    assert 0.1 < took < 1.5, took
    assert "\n" not in str(info.value) and str(store) in str(info.value)


class _Failing:
    """A read-only engine store whose first query fails with `error`."""

    def __init__(self, real: ox.Store, error: Exception) -> None:
        self.real, self.error, self.failed = real, error, False

    def _once(self, call):
        """Fail the first call of any kind, then answer as the real store does."""
        if not self.failed:
            self.failed = True
            raise self.error
        return call()

    def query(self, *args, **kwargs):
        return self._once(lambda: self.real.query(*args, **kwargs))


def _one_quad_store(path):
    """A new embedded store at `path` holding one quad in graph <https://example.org/g>."""
    with EmbeddedStore(path) as st:
        st.add(
            ox.NamedNode("https://example.org/g"),  # type: ignore[arg-type]
            [(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("v"))],
        )  # fmt: skip


def _vanished(path) -> FileNotFoundError:
    """What the engine raises when a table file it listed is gone."""
    return FileNotFoundError(
        "IO error: No such file or directory: While open a file for random read: "
        f"{path}/000391.sst: No such file or directory"
    )


def test_a_read_whose_table_file_vanished_reopens_and_reads_again(tmp_path):
    """The engine opens table files lazily: one a compaction deleted after the open fails
    the read; the store reopens and reads again. Other errors are one StoreError."""
    path = tmp_path / "store"
    _one_quad_store(path)
    vanished = _vanished(path)
    with EmbeddedStore(path, read_only=True) as ro:
        flaky = _Failing(ro._store, vanished)
        ro._store = flaky  # type: ignore[assignment]
        assert ro.select_values("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "v"}]
        assert flaky.failed and ro._store is not flaky  # reopened
        ro._store = _Failing(ro._store, PermissionError("permission denied"))  # type: ignore[assignment]
        with pytest.raises(StoreError, match="cannot read store"):
            ro.select_values("SELECT ?o WHERE { ?s ?p ?o }")


class _FailingCount(_Failing):
    """A read-only engine store whose first count or graph listing fails with `error`."""

    def __len__(self) -> int:
        return self._once(lambda: len(self.real))

    def named_graphs(self):
        return self._once(self.real.named_graphs)


def test_counting_and_listing_graphs_reopen_like_queries(tmp_path):
    """`kb stats` counts the store's quads (a writer's bulk loads make compactions, and so
    vanished table files, frequent): a count or graph listing that meets a vanished table
    file reopens and reads again, as a query does, instead of escaping as an OSError."""
    path = tmp_path / "store"
    _one_quad_store(path)
    vanished = _vanished(path)
    with EmbeddedStore(path, read_only=True) as ro:
        flaky = _FailingCount(ro._store, vanished)
        ro._store = flaky  # type: ignore[assignment]
        assert ro.triple_count() == 1
        assert flaky.failed and ro._store is not flaky
        flaky = _FailingCount(ro._store, vanished)
        ro._store = flaky  # type: ignore[assignment]
        assert [str(g) for g in ro.graph_names()] == ["https://example.org/g"]
        assert flaky.failed and ro._store is not flaky
        ro._store = _FailingCount(ro._store, PermissionError("permission denied"))  # type: ignore[assignment]
        with pytest.raises(StoreError, match="cannot read store"):
            ro.triple_count()


def test_the_next_writer_deletes_a_killed_bulk_loads_files(tmp_path):
    """A bulk load (``kb import``) killed before RocksDB took its table files leaves them
    beside the store: the next writer deletes them, and only them."""
    path = tmp_path / "store"
    _one_quad_store(path)
    stray = [path / "bulk-1234567890.sst", path / "bulk-98765.sst"]
    for f in stray:
        f.write_bytes(b"\0" * 4096)
    with EmbeddedStore(path, read_only=True) as ro:  # a reader leaves them alone
        assert all(f.exists() for f in stray)
        assert ro.triple_count() == 1
    with EmbeddedStore(path) as st:
        assert not any(f.exists() for f in stray)
        assert st.triple_count() == 1
    with EmbeddedStore(path, read_only=True) as ro:  # the store itself is whole
        assert ro.triple_count() == 1
