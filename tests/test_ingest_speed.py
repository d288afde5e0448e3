"""The fast ingest path: a helper process extracts while the ingest stores and links.

Whatever the helper does, the store must end exactly as a serial ingest leaves it, and
failures must leave what a serial ingest leaves. Crash cases (SIGKILL) are in
tests/test_reliability.py.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kb.ingest as ingest_module
import kb.ingest_parallel as parallel
from kb.actors import ActorRegistry
from kb.errors import KbError
from kb.extract.pipeline import Extractor
from kb.ingest import ingest_articles
from kb.model import Article
from kb.readers import read_paths
from kb.store.embedded import LOCK_NAME, EmbeddedStore

pytestmark = pytest.mark.skipif(not parallel.available(), reason="needs Linux fork, two cores")

CORPUS = Path(__file__).parent / "corpus" / "articles"
N = 30  # articles of the corpus used: several batches of BATCH


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return list(read_paths([str(CORPUS)]))[:N]


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    # Several batches and a helper from the 5th article on: every path runs on a small input.
    monkeypatch.setattr(ingest_module, "BATCH", 8)
    monkeypatch.setattr(ingest_module, "HELPER_AFTER", 4)


@pytest.fixture
def helpers(monkeypatch) -> list[parallel.ExtractionHelper]:
    """Every helper process started (the spy keeps them)."""
    started: list[parallel.ExtractionHelper] = []
    real = parallel.ExtractionHelper

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(parallel, "ExtractionHelper", Spy)
    return started


def snapshot(path: Path) -> dict[str, frozenset[str]]:
    """Every named graph of an embedded store as a set of N-Triples statements."""
    graphs: dict[str, set[str]] = {}
    st = ox.Store.read_only(str(path))
    for q in st.quads_for_pattern(None, None, None, None):
        graphs.setdefault(q.graph_name.value, set()).add(f"{q.subject} {q.predicate} {q.object}")
    del st
    return {g: frozenset(t) for g, t in graphs.items()}


def fresh_extractor(cls=Extractor) -> Extractor:
    # A registry of its own: the actors minted by one run must not leak into the next.
    return cls(actors=ActorRegistry.load())


def ingest(path: Path, arts, *, helper: bool, monkeypatch, extractor=None, force=False):
    monkeypatch.setenv("KB_INGEST_HELPER", "1" if helper else "0")
    extractor = extractor or fresh_extractor()
    with EmbeddedStore(path) as st:
        summary = ingest_articles(st, arts, extractor=extractor, force=force)
    return extractor, summary


def counts(summary) -> tuple:
    return (summary.read, summary.stored, summary.unchanged, summary.events,
            summary.incidents_written, summary.incidents_dropped)  # fmt: skip


def test_helper_writes_the_store_a_serial_ingest_writes(tmp_path, articles, monkeypatch, helpers):
    calls = []

    class Counting(Extractor):
        def extract(self, article):
            calls.append(os.getpid())
            return super().extract(article)

    first, second = articles[:20], articles[12:]  # the second run re-reads 8 articles
    serial, parallel_ = tmp_path / "serial", tmp_path / "parallel"
    ex_s, sum_s = ingest(serial, first, helper=False, monkeypatch=monkeypatch)
    ex_p, sum_p = ingest(
        parallel_, first, helper=True, monkeypatch=monkeypatch, extractor=fresh_extractor(Counting)
    )
    assert len(helpers) == 1
    assert calls == []  # this process extracted nothing: the helper did it all
    assert counts(sum_p) == counts(sum_s)
    assert snapshot(parallel_) == snapshot(serial)
    # The actors the helper minted are this process's now, as after a serial run.
    assert ex_p.actors._minted == ex_s.actors._minted
    assert len(ex_s.actors._minted) > 5  # the corpus makes the registry mint actors
    # A second run links against what is stored; then a forced rewrite of everything.
    _, sum_s = ingest(serial, second, helper=False, monkeypatch=monkeypatch, extractor=ex_s)
    _, sum_p = ingest(parallel_, second, helper=True, monkeypatch=monkeypatch, extractor=ex_p)
    assert sum_s.unchanged == 8 and counts(sum_p) == counts(sum_s)
    assert snapshot(parallel_) == snapshot(serial)
    _, sum_s = ingest(serial, articles, helper=False, monkeypatch=monkeypatch, force=True)
    _, sum_p = ingest(parallel_, articles, helper=True, monkeypatch=monkeypatch, force=True)
    assert counts(sum_p) == counts(sum_s)
    assert snapshot(parallel_) == snapshot(serial)


class Stateful(Extractor):
    """Events that depend on the articles extracted before, as minted actors can."""

    seen = 0

    def extract(self, article):
        events = super().extract(article)
        self.seen += 1
        for ev in events:
            ev.quantities["arrested"] = self.seen
        return events


def test_the_helper_extracts_in_input_order_with_the_parent_s_history(
    tmp_path, articles, monkeypatch, helpers
):
    serial, parallel_ = tmp_path / "serial", tmp_path / "parallel"
    ingest(serial, articles, helper=False, monkeypatch=monkeypatch, extractor=Stateful())
    ingest(parallel_, articles, helper=True, monkeypatch=monkeypatch, extractor=Stateful())
    assert len(helpers) == 1
    snap = snapshot(parallel_)
    assert snap == snapshot(serial)
    assert f'"{N}"^^<http://www.w3.org/2001/XMLSchema#integer>' in " ".join(
        t for ts in snap.values() for t in ts
    )


def test_small_inputs_and_kb_ingest_helper_0_stay_in_process(
    tmp_path, articles, monkeypatch, helpers
):
    ingest(tmp_path / "a", articles[:4], helper=True, monkeypatch=monkeypatch)
    assert helpers == []  # no more than HELPER_AFTER articles
    ingest(tmp_path / "b", articles, helper=False, monkeypatch=monkeypatch)
    assert helpers == []
    ingest(tmp_path / "c", articles[:5], helper=True, monkeypatch=monkeypatch)
    assert len(helpers) == 1


class Failing(Extractor):
    """Raises on one article, as a bug in a rule would."""

    def extract(self, article):
        if article.id == FAIL_AT:
            raise ValueError(f"rule broke on {article.id}")
        return super().extract(article)


FAIL_AT = ""


@pytest.mark.parametrize("helper", [False, True])
def test_an_extraction_error_stores_the_batches_before_it_and_is_raised_as_is(
    tmp_path, articles, monkeypatch, helper
):
    global FAIL_AT
    FAIL_AT = articles[19].id  # in the third batch of 8
    store = tmp_path / "store"
    with pytest.raises(ValueError, match=f"rule broke on {FAIL_AT}"):
        ingest(
            store,
            articles,
            helper=helper,
            monkeypatch=monkeypatch,
            extractor=fresh_extractor(Failing),
        )
    clean = tmp_path / "clean"
    ingest(clean, articles[:16], helper=False, monkeypatch=monkeypatch)
    assert snapshot(store) == snapshot(clean)


@pytest.mark.parametrize("helper", [False, True])
def test_a_failing_reader_stores_the_whole_batches_read_before_it(
    tmp_path, articles, monkeypatch, helper
):
    def reading():
        yield from articles[:21]
        raise OSError("disk gone")

    store = tmp_path / "store"
    with pytest.raises(OSError, match="disk gone"):
        ingest(store, reading(), helper=helper, monkeypatch=monkeypatch)
    clean = tmp_path / "clean"
    ingest(clean, articles[:16], helper=False, monkeypatch=monkeypatch)
    assert snapshot(store) == snapshot(clean)


class Dying(Extractor):
    """The helper process is killed (out of memory, say) on one article."""

    def extract(self, article):
        if article.id == FAIL_AT and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract(article)


PARENT = os.getpid()


def test_a_dead_helper_is_an_error_and_a_rerun_finishes_the_job(
    tmp_path, articles, monkeypatch, helpers
):
    global FAIL_AT
    FAIL_AT = articles[19].id
    store = tmp_path / "store"
    with pytest.raises(KbError, match=r"extraction helper process stopped unexpectedly \(killed"):
        ingest(
            store, articles, helper=True, monkeypatch=monkeypatch, extractor=fresh_extractor(Dying)
        )
    arts = {g for g in snapshot(store) if "/graph/article/" in g}
    assert len(arts) == 16  # the whole batches before the article
    ingest(store, articles, helper=True, monkeypatch=monkeypatch)
    clean = tmp_path / "clean"
    ingest(clean, articles, helper=False, monkeypatch=monkeypatch)
    assert snapshot(store) == snapshot(clean)
    with pytest.raises(ChildProcessError):
        os.waitpid(helpers[0].pid, 0)  # the dead helper was reaped


def open_files(_) -> list[str]:
    out = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the descriptor listdir used, closed again
            out.append(os.readlink(f"/proc/self/fd/{fd}"))
    return out


def test_the_helper_holds_no_file_of_the_parent(tmp_path):
    """Not the store's files, not its write lock: a killed ingest frees the store at once."""
    with EmbeddedStore(tmp_path / "store") as st:
        st.triple_count()
        helper = parallel.ExtractionHelper(open_files, lambda: "bye")
        try:
            helper.submit(None)
            files = helper.result()
            assert helper.close() == "bye"
        finally:
            helper.kill()
    assert files and not [f for f in files if str(tmp_path) in f], files
    assert not [f for f in files if f.endswith(LOCK_NAME)]
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, 0)  # reaped


def test_helper_errors_come_back_in_order_and_unpicklable_ones_as_text():
    class Odd(Exception):
        def __init__(self, a, b):  # pickles badly: one argument is kept
            super().__init__(a)

    def work(n):
        if n == 2:
            raise KeyError("two")
        if n == 3:
            raise Odd("three", 3)
        if n == 4:
            return lambda: None  # a result that cannot be pickled
        return n * 10

    helper = parallel.ExtractionHelper(work, lambda: None)
    try:
        for n in range(6):
            helper.submit(n)
        assert [helper.result(), helper.result()] == [0, 10]
        with pytest.raises(KeyError, match="two"):
            helper.result()
        with pytest.raises(RuntimeError, match="three"):
            helper.result()
        with pytest.raises(RuntimeError):
            helper.result()
        assert helper.result() == 50
        assert helper.close() is None
    finally:
        helper.kill()


def test_quads_as_text_are_the_triples_for_any_literal():
    """The helper sends graphs as N-Quads text: every term must come back unchanged."""
    from kb.store.oxterms import XSD_DATE, XSD_DECIMAL, bool_lit, int_lit

    s = ox.NamedNode("https://w3id.org/kb/id/report/a%20b/0")
    p = ox.NamedNode("https://w3id.org/kb/ns#trigger")
    odd = [
        '"} ; DROP ALL ; {"',
        "back\\slash and \\n not a newline",
        "line\nbreak\rreturn\ttab",
        "nul \x00 and \x1f control",
        "separator \u2028 and \u2029, bidi \u202e",
        "astral \U0001f4a5 and é",
        "<script>alert(1)</script>",
        "",
    ]
    triples = [(s, p, ox.Literal(v)) for v in odd]
    triples += [
        (s, p, ox.Literal("2024-03-05", datatype=XSD_DATE)),
        (s, p, ox.Literal("33.31234", datatype=XSD_DECIMAL)),
        (s, p, int_lit(7)),
        (s, p, bool_lit(True)),
        (s, p, ox.Literal("Bagdad", language="fr")),
        (s, p, ox.NamedNode("https://example.org/x?y=1&z=%22")),
    ]
    graph = "https://w3id.org/kb/graph/article/a%20b"
    text = ingest_module._Lines.quads(triples, graph)
    back = [(q.subject, q.predicate, q.object, q.graph_name) for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]  # fmt: skip
    assert back == [(*t, ox.NamedNode(graph)) for t in triples]
    # Subjects and predicates that change from one triple to the next (each is printed
    # once per run of triples, and each predicate once per run of the ingest).
    s2, p2 = ox.NamedNode("https://w3id.org/kb/id/report/a%20b/1"), ox.NamedNode("urn:x:p")
    mixed = [(s, p2, triples[0][2]), (s2, p2, triples[1][2]), (s2, p, s), (s, p, s2), (s, p2, s)]
    printed: dict = {}
    for _ in range(2):
        text = ingest_module._Lines.quads(mixed, graph, printed)
        back = [(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]  # fmt: skip
        assert back == mixed
    numbering = ingest_module._Lines()
    lines, numbers = numbering.triples(triples + triples[:3])
    assert numbers == list(range(len(triples)))  # repeats dropped
    again = ox.parse("".join(f"{line} .\n" for line in lines), format=ox.RdfFormat.N_TRIPLES)
    assert [(t.subject, t.predicate, t.object) for t in again] == triples
    # Statements sent before keep their numbers; only new ones are sent again.
    extra = (s, p, ox.Literal("one more"))
    more, numbers = numbering.triples([triples[4], extra, triples[0]])
    assert more == [f"{s} {p} {extra[2]}"] and numbers == [4, len(triples), 0]


def test_linking_during_the_article_write_links_as_step_by_step(tmp_path, articles, monkeypatch):
    """A batch of new articles is linked while it is written: the incidents are the same."""
    early: list[int] = []
    real = ingest_module._Run._link_early

    def spy(self, *args):
        ok = real(self, *args)
        early.append(ok)
        return ok

    stepwise, overlapped = tmp_path / "stepwise", tmp_path / "overlapped"
    monkeypatch.setattr(ingest_module._Run, "_link_early", lambda self, *args: False)
    for part in (articles[:14], articles[10:]):
        ingest(stepwise, part, helper=False, monkeypatch=monkeypatch)
    monkeypatch.setattr(ingest_module._Run, "_link_early", spy)
    for part in (articles[:14], articles[10:]):
        ingest(overlapped, part, helper=True, monkeypatch=monkeypatch)
    # The batch holding re-read articles links step by step; the others while written.
    assert early.count(True) >= 3 and False in early
    snap = snapshot(overlapped)
    assert snap == snapshot(stepwise)
    linked = [g for g, ts in snap.items() if "/graph/event/" in g and len(ts) > 0]
    reports = sum(1 for ts in snap.values() for t in ts if "ns#hasReport>" in t)
    assert reports > len(linked)  # some incidents gather several reports


ADOPTION_SCRIPT = """
import os
import sys
import kb.ingest as ingest_module
from kb.actors import registry
from kb.ingest import ingest_articles
from kb.readers import read_paths
from kb.store.embedded import EmbeddedStore

ingest_module.BATCH, ingest_module.HELPER_AFTER = 8, 4
corpus, store, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
arts = list(read_paths([corpus]))[:n]
for part in (arts[:12], arts[12:]):  # two runs: the second helper starts from the first's
    with EmbeddedStore(store) as st:
        ingest_articles(st, part)
# The helpers built the extractor: this process never imported extraction ...
assert "kb.extract.pipeline" not in sys.modules, "the ingest process built an extractor"
assert registry._default_registry.cache_info().currsize == 0
# ... yet its registry holds what a serial ingest of the same articles mints.
adopted = registry.ActorRegistry.default().minted()
from kb.extract.pipeline import Extractor

os.environ["KB_INGEST_HELPER"] = "0"
serial = Extractor(actors=registry.ActorRegistry.load())
for part in (arts[:12], arts[12:]):
    with EmbeddedStore(store + "-serial") as st:
        ingest_articles(st, part, extractor=serial)
assert adopted == serial.actors.minted(), sorted(set(serial.actors.minted()) ^ set(adopted))
assert len(adopted) > 5, adopted
# Once loaded, the registry takes a helper's actors at once.
registry.adopt_into_default({"x-late": serial.actors.get(next(iter(adopted)))})
assert "x-late" in registry.ActorRegistry.default().minted()
print("ok")
"""


def test_without_an_extractor_the_helper_builds_it_and_hands_its_actors_back(tmp_path):
    """``kb ingest``: the ingest process neither imports extraction nor loads the registry.

    Run in a process of its own: this one has loaded the default registry long ago.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    done = subprocess.run(
        [sys.executable, "-c", ADOPTION_SCRIPT, str(CORPUS), str(tmp_path / "store"), str(N)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


def spy_flushes(monkeypatch) -> tuple[list[str], list[int]]:
    """The threads that flush the embedded store, and the most flushes ever at once."""
    names: list[str] = []
    state = [0, 0]  # running now, most at once
    lock = threading.Lock()
    real = EmbeddedStore.flush

    def flush(self) -> None:
        with lock:
            state[0] += 1
            state[1] = max(state)
        try:
            time.sleep(0.02)  # long enough for an overlap to show
            real(self)
        finally:
            with lock:
                state[0] -= 1
            names.append(threading.current_thread().name)

    monkeypatch.setattr(EmbeddedStore, "flush", flush)
    return names, state


def test_the_engine_is_flushed_once_extraction_is_over_and_never_twice_at_once(
    tmp_path, articles, monkeypatch
):
    """One early flush, on its thread, beside the last writes: not more.

    Each flush lets the engine merge and delete table files, which a reader opening the
    store at that moment (``kb stats`` during an ingest) can miss; and two flushes at once
    can hang the engine (RocksDB issue 12094, Oxigraph merges two memory tables per flush).
    """
    names, state = spy_flushes(monkeypatch)
    ingest(tmp_path / "store", articles, helper=True, monkeypatch=monkeypatch)
    assert names == ["kb-flush"] and state[1] == 1


def test_new_incidents_written_as_text_are_the_triples(tmp_path, articles):
    """write_link loads new incident graphs as N-Quads: the store ends as with extend."""
    from kb.link.incidents import infos_from_events, relink, write_link

    extractor = fresh_extractor()
    infos = []
    for art in articles[:12]:
        events = extractor.extract(art)
        infos += infos_from_events(events, {e.id: n for n, e in enumerate(events)})
    with EmbeddedStore(tmp_path / "text") as a, EmbeddedStore(tmp_path / "quads") as b:
        result = relink(a, infos, (), write=False)
        assert len(result.graphs) > 5 and not result.replaced
        write_link(a, result)
        b.replace_graphs(result.graphs)
        # Graphs stored already go the store's own way (replaced, never doubled).
        write_link(a, result)
    assert snapshot(tmp_path / "text") == snapshot(tmp_path / "quads")


PRESTARTED_SCRIPT = """
import os
import sys
from rdflib import Literal
from kb.corrections import CORRECTIONS_GRAPH
from kb.ingest import ingest_articles
from kb.ingest_parallel import start_ingest_helper
from kb.namespaces import KB, actor_iri
from kb.readers import read_paths
from kb.store.embedded import EmbeddedStore

corpus, store, key = sys.argv[1], sys.argv[2], sys.argv[3]
arts = list(read_paths([corpus]))[:3]  # fewer than HELPER_AFTER: the helper does them anyway
for path in (store, store + "-serial"):
    with EmbeddedStore(path) as st:  # a correction the helper must apply: key -> Hamas
        st.add(CORRECTIONS_GRAPH, [(actor_iri(key), KB.mergedInto, actor_iri("hamas"))])
helper = start_ingest_helper()
assert helper is not None
with EmbeddedStore(store) as st:
    summary = ingest_articles(st, arts, started=helper)
assert helper._done, "the ingest stops the helper it was given"
assert "kb.extract.pipeline" not in sys.modules, "the ingest process built an extractor"
print(summary.read, summary.stored, summary.events)
"""


def test_a_helper_started_before_the_store_extracts_everything_as_a_serial_run(tmp_path):
    """``kb ingest`` starts its helper first; every article goes to it, corrections apply."""
    arts = list(read_paths([str(CORPUS)]))[:3]
    extractor = fresh_extractor()
    key = next(
        a.id
        for art in arts
        for ev in extractor.extract(art)
        for a in ev.actors
        if not a.unidentified and a.id != "hamas" and extractor.actors.get(a.id) is not None
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-c", PRESTARTED_SCRIPT, str(CORPUS), str(store), key],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    read, stored, events = map(int, done.stdout.split())
    assert (read, stored) == (3, 3) and events > 0
    # The same articles, extracted in this process with the same correction stored.
    serial = tmp_path / "store-serial"
    with EmbeddedStore(serial) as st:
        ingest_articles(st, arts, extractor=fresh_extractor())
    assert snapshot(store) == snapshot(serial)
    reports = " ".join(t for g, ts in snapshot(store).items() if "/article/" in g for t in ts)
    assert "/actor/hamas>" in reports and f"/actor/{key}>" not in reports


def test_kb_ingest_stops_its_helper_when_the_store_cannot_be_opened(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kb.cli import app

    started: list[parallel.ExtractionHelper] = []
    real = parallel.start_ingest_helper

    def spy() -> parallel.ExtractionHelper | None:
        helper = real()
        if helper is not None:
            started.append(helper)
        return helper

    monkeypatch.setattr(parallel, "start_ingest_helper", spy)
    store = tmp_path / "store"
    with EmbeddedStore(store):  # this process holds the write lock
        result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--store", str(store)])
    assert result.exit_code == 1 and "is locked by another kb process" in result.output
    assert len(started) == 1
    helper = started[0]
    assert helper._done
    # Stopped and reaped (not os.kill(pid, 0): the pid of a reaped process may be reused).
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, 0)


def test_a_long_run_flushes_between_writes_and_never_twice_at_once(tmp_path, articles, monkeypatch):
    """Past FLUSH_AFTER of article text the writer flushes the engine's memory between
    two writes; the store is the one a run without those flushes leaves."""
    plain = tmp_path / "plain"
    ingest(plain, articles, helper=True, monkeypatch=monkeypatch)
    monkeypatch.setattr(ingest_module, "FLUSH_AFTER", 20_000)
    names, state = spy_flushes(monkeypatch)
    flushed = tmp_path / "flushed"
    ingest(flushed, articles, helper=True, monkeypatch=monkeypatch)
    assert names.count("kb-flush") <= 1 and state[1] == 1
    assert sum(name.startswith("kb-writer") for name in names) >= 2
    assert snapshot(flushed) == snapshot(plain)
