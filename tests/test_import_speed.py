"""The bulk import's fast paths give what the plain ones gave, and fail as loudly.

Covers the faster fuzzy actor match, the escape shortcut of RDF text, the writer that
loads the batches waiting as one load, and what a pipelined import reports: a bad row
with its line, a failing load or an interruption with what was stored before it.
"""

from __future__ import annotations

import random
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kb.importers.pipeline as pipeline
from kb.errors import StoreError
from kb.importers import import_files
from kb.importers.base import _ESC, escape, n_str
from kb.importers.compact import TRIG_PREFIXES
from kb.store import open_store

ROOT = Path(__file__).resolve().parent.parent


# -- fuzzy actor matching -------------------------------------------------------------------
def _old_fuzzy(registry, name: str):
    """The fuzzy step as it was written before: token_sort_ratio against every key."""
    from rapidfuzz import fuzz, process

    from kb.actors.normalize import normalize_name
    from kb.actors.registry import FUZZY_MIN_LENGTH, FUZZY_THRESHOLD, _words_align

    norm = normalize_name(name)
    if len(norm) < FUZZY_MIN_LENGTH:
        return None
    registry._resolve_fuzzy("warm up the key list")
    best = process.extractOne(
        norm, registry._fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None or not _words_align(norm, best[0]):
        return None
    return registry.get(registry._normal[best[0]])


def _variants(keys: list[str], rng: random.Random) -> list[str]:
    """Names near known ones: words swapped, a letter dropped or doubled, a word added."""
    out = []
    for key in keys:
        words = key.split()
        out.append(" ".join(reversed(words)))
        i = rng.randrange(len(key))
        out.append(key[:i] + key[i + 1 :])
        out.append(key[:i] + key[i] + key[i:])
        out.append(key + " " + rng.choice(["forces", "group", "unit", "x"]))
        out.append(key.title())
    return out


def test_fuzzy_match_is_token_sort_ratio():
    from kb.actors import ActorRegistry

    registry = ActorRegistry.default()
    registry._resolve_fuzzy("warm up the key list")
    rng = random.Random(5)
    keys = rng.sample(registry._fuzzy_keys, 300)
    names = _variants(keys, rng) + ["Police Z441 (China)", "Islamic  State fighters", "zzzzzzz"]
    found = 0
    for name in names:
        new = registry._resolve_fuzzy(name)
        assert new == _old_fuzzy(registry, name), name
        found += new is not None
    assert found > 300  # the variants do reach the fuzzy match


# -- escaping -----------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab "\\\n\r\x00\tç€\U0001f600'), max_size=30))
def test_escape_is_the_translate_it_replaces(text):
    assert escape(text) == text.translate(_ESC)
    assert n_str(text) == '"' + text.translate(_ESC) + '"'


# -- the writer -----------------------------------------------------------------------------
class _Recorder:
    """A store whose bulk loader records each load (and can hold the first one)."""

    def __init__(self, hold: bool = False, fail_at: int | None = None) -> None:
        self.loads: list[tuple[bytes, object]] = []
        self.release = threading.Event()
        self.started = threading.Event()
        self.hold = hold
        self.fail_at = fail_at
        self.location = "/nowhere"

    def bulk_load_text(self, data: bytes, fmt: object, *, lenient: bool = False) -> None:
        self.started.set()
        if self.hold and not self.loads:
            self.release.wait(120)  # bounds only a hang: each test releases it at once
        if self.fail_at is not None and len(self.loads) + 1 == self.fail_at:
            raise OSError("disk full")
        self.loads.append((data, fmt))


def _trig(n: int) -> str:
    return (
        TRIG_PREFIXES
        + f"<https://example.org/g> {{ <https://example.org/s{n}> a <https://example.org/C> . }}\n"
    )


def _held_writer(load_bytes: int = pipeline.LOAD_BYTES) -> tuple[_Recorder, pipeline._Writer]:
    """A one-loader writer whose first load (batch 0) is running and held."""
    store = _Recorder(hold=True)
    writer = pipeline._Writer(store, loaders=1, load_bytes=load_bytes)  # type: ignore[arg-type]
    writer.put_text(_trig(0), trig=True)
    assert store.started.wait(120), "the loader thread never started its first load"
    return store, writer


def test_waiting_batches_are_loaded_as_one():
    store, writer = _held_writer()
    writer.put_text(_trig(1), trig=True)  # two batches wait (the queue holds two)
    writer.put_text(_trig(2), trig=True)
    store.release.set()
    writer.wait()
    writer.close()
    assert writer.loads == 2
    assert [f for _, f in store.loads] == [ox.RdfFormat.TRIG, ox.RdfFormat.TRIG]
    # The second load is both batches that waited, and it parses to both.
    merged = list(ox.parse(store.loads[1][0], format=ox.RdfFormat.TRIG))
    assert sorted(q.subject.value for q in merged) == [f"https://example.org/s{n}" for n in (1, 2)]


def test_other_format_is_loaded_apart_in_order():
    store, writer = _held_writer()
    writer.put(["<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n"])
    writer.put_text(_trig(1), trig=True)
    store.release.set()
    writer.wait()
    writer.close()
    assert [f for _, f in store.loads] == [
        ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG
    ]  # fmt: skip


def test_load_size_cap_keeps_batches_apart():
    size = len(_trig(1).encode())
    store, writer = _held_writer(load_bytes=size + 10)
    writer.put_text(_trig(1), trig=True)
    writer.put_text(_trig(2), trig=True)
    store.release.set()
    writer.wait()
    writer.close()
    assert [len(d) // size for d, _ in store.loads] == [1, 1, 1]


def test_wait_for_counts_batches_inside_a_joint_load():
    store, writer = _held_writer()
    writer.put_text(_trig(1), trig=True)
    writer.put_text(_trig(2), trig=True)
    store.release.set()
    writer.wait_for(3)
    assert writer._stored == 3 and writer.loads == 2
    writer.close()


# -- a pipelined import: problems and interruptions --------------------------------------------
@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """A synthetic GDELT 2.0 export of 600 rows whose row 250 has a bad date."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_import import generate

    path = tmp_path_factory.mktemp("gdelt") / "20240305.export.CSV"
    generate(path, 600)
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[249].split("\t")
    fields[1] = "20241399"  # no such day
    lines[249] = "\t".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_row_reported_with_its_line_while_loads_run(export, tmp_path):
    store = open_store(str(tmp_path / "s"))
    try:
        summary = import_files(store, "gdelt", [str(export)], quiet=True, batch=100, window=50)
        assert summary.rows_read == 600
        assert summary.skipped == 1 and summary.imported == 599
        assert len(summary.problems) == 1
        assert summary.problems[0].startswith(f"{export}:250: ")
        assert "20241399" in summary.problems[0]
        # Every other row is stored (the loads ran while rows were read).
        n = store.select_values(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?e kb:datasetId ?i } UNION "
            "{ ?e <http://purl.org/dc/terms/identifier> ?i } }"
        )
        assert int(str(next(iter(n))["n"])) == 599
    finally:
        store.close()


def test_a_failing_load_says_what_was_stored(export, tmp_path, monkeypatch):
    store = open_store(str(tmp_path / "s"))
    real = pipeline._bulk_loader(store)
    calls = {"n": 0}

    def loader(_store):
        def load(data, fmt):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError("No space left on device")
            real(data, fmt)  # type: ignore[misc]

        return load

    monkeypatch.setattr(pipeline, "_bulk_loader", loader)
    try:
        with pytest.raises(StoreError) as err:
            import_files(store, "gdelt", [str(export)], quiet=True, batch=100, window=50)
        text = str(err.value)
        assert "No space left on device" in text
        assert "import stopped at" in text and "stored before the stop: gdelt:" in text
        assert "rows read" in text
        # The failed load's incidents (and any after it) are said not to be stored.
        assert "of those incidents were not stored yet" in text
    finally:
        store.close()


def test_an_interrupted_import_says_what_was_stored(export, tmp_path, monkeypatch):
    from kb.importers.gdelt import GdeltMapper

    real_row = GdeltMapper.row
    seen = {"n": 0}

    def row(self, *args, **kwargs):
        seen["n"] += 1
        if seen["n"] == 400:
            raise KeyboardInterrupt
        return real_row(self, *args, **kwargs)

    monkeypatch.setattr(GdeltMapper, "row", row)
    warnings: list[str] = []
    store = open_store(str(tmp_path / "s"))
    try:
        with pytest.raises(KeyboardInterrupt):
            import_files(
                store, "gdelt", [str(export)], quiet=True, batch=100, window=50,
                warn=warnings.append,
            )  # fmt: skip
        stop = [w for w in warnings if w.startswith("interrupted;")]
        assert len(stop) == 1
        # The line of the row being read (the 400th call: line 400), not "the start".
        assert f"import stopped at {export}:400;" in stop[0]
        assert "stored before the stop: gdelt: 0 files, " in stop[0]
        # No loader thread is left running once the import gave up.
        assert not [t for t in threading.enumerate() if t.name.startswith("kb-import-load")]
    finally:
        store.close()
