"""Extraction in a helper process, so that one core extracts while the other stores.

Extraction is pure Python and holds the GIL: a thread cannot run it beside the store
work, a process can. One helper, forked from the ingest, extracts the articles one at a
time and in input order. One, and in order, because extraction is not a pure function
of the article: the actor registry mints actors for unknown names as it meets them
(the first spelling becomes the label), so an article's events can depend on the
articles extracted before it in the same process. The fork copies the registry exactly
as the parent left it, and the helper goes on from there in the same order, so every
event is the one a serial run extracts.

The helper keeps none of the parent's files open (not the store, not its write lock:
a killed ingest releases the lock at once), ignores Ctrl-C (the parent stops it) and
dies with its parent (Linux ``PR_SET_PDEATHSIG``; otherwise when its input pipe
closes).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from kb.errors import KbError


def available() -> bool:
    """True when a helper process can run beside this one: Linux fork and a second core."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) >= 2


class ExtractionHelper:
    """A forked process that runs `work` on each item sent, in order.

    Args:
        work: called in the helper with each submitted item; what it returns comes back
            from :meth:`result`, in submission order. Its exceptions come back too and are
            raised by :meth:`result`.
        closing: called in the helper when the parent closes it; what it returns is the
            value of :meth:`close` (the helper's state the parent should take over).
        on_result: called in this process (on a thread of its own) whenever an answer
            arrives, or the helper is gone: :meth:`ready` may have changed. May be set
            later, as the attribute of the same name.
        warm: called in the helper as soon as it starts, before it waits for items (to
            build what `work` needs while this process does something else). Its errors
            are ignored: `work` meets them again.
    """

    def __init__(
        self,
        work: Callable[[Any], Any],
        closing: Callable[[], Any],
        on_result: Callable[[], None] | None = None,
        warm: Callable[[], None] | None = None,
    ) -> None:
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        parent = os.getpid()
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork() in a process with threads (the store's own
            # threads): the helper never touches the store nor any lock those threads use.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the helper: never returns
            _helper_main(parent, req_r, res_w, work, closing, warm)
        os.close(req_r)
        os.close(res_w)
        self.pid = pid
        self._tx = Connection(req_w, readable=False)
        self._rx = Connection(res_r, writable=False)
        self._pending = 0
        self._done = False
        self.on_result = on_result
        # Two threads move the bytes, so that neither side ever waits for the other's
        # pipe: one writes the requests, one reads every result as soon as it is sent
        # (the helper goes on while this process waits for a store write).
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._feed, name="kb-extract-feed", daemon=True),
            threading.Thread(target=self._read, name="kb-extract-read", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _feed(self) -> None:
        while True:
            item = self._requests.get()
            try:
                self._tx.send_bytes(item)
            except (OSError, ValueError, TypeError):
                return  # the helper is gone: result() reports it
            if item is _STOP_BYTES:
                return

    def _read(self) -> None:
        while True:
            try:
                self._results.put(self._rx.recv_bytes())
            except (EOFError, OSError, ValueError, TypeError):
                self._results.put(None)  # the helper is gone (or has closed)
                if self.on_result is not None:
                    self.on_result()
                return
            if self.on_result is not None:
                self.on_result()

    def submit(self, item: Any) -> None:
        """Queue an item for the helper (never blocks)."""
        self._requests.put(pickle.dumps((True, item), protocol=pickle.HIGHEST_PROTOCOL))
        self._pending += 1

    @property
    def pending(self) -> int:
        """Items submitted whose result has not been taken yet."""
        return self._pending

    def idle(self) -> bool:
        """True when every submitted item's answer has arrived (the helper has no work)."""
        return self._results.qsize() >= self._pending

    def ready(self) -> bool:
        """True when the next result can be taken without waiting."""
        return self._pending > 0 and not self._results.empty()

    def result(self) -> Any:
        """The result of the oldest submitted item (waits for it); raises its error."""
        if self._pending <= 0:
            raise RuntimeError("no item submitted")
        self._pending -= 1
        kind, value = self._receive()
        if kind == "error":
            raise value
        return value

    def close(self) -> Any:
        """Take the helper's closing value and let it exit (every result must be taken)."""
        if self._done:
            return None
        self._requests.put(_STOP_BYTES)
        try:
            kind, value = self._receive()
        finally:
            self._finish(kill=False)
        if kind == "error":
            raise value
        return value

    def kill(self) -> None:
        """Stop the helper at once (the ingest failed or was interrupted)."""
        self._finish(kill=True)

    def _receive(self) -> tuple[str, Any]:
        data = None if self._done else self._results.get()
        if data is None:
            status = self._finish(kill=True)
            raise KbError(
                f"the extraction helper process stopped unexpectedly ({status}); the whole "
                "batches before the article it stopped on are stored; run the same command "
                "again to finish"
            )
        try:
            return pickle.loads(data)
        except Exception as exc:  # e.g. an exception class that will not unpickle
            return "error", RuntimeError(f"cannot read the extraction helper's answer: {exc}")

    def _finish(self, kill: bool) -> str:
        if self._done:
            return "already stopped"
        self._done = True
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(self.pid, 0)
            if os.WIFSIGNALED(status):
                outcome = f"killed by signal {os.WTERMSIG(status)}"
            else:
                outcome = f"exit status {os.waitstatus_to_exitcode(status)}"
        except ChildProcessError:
            outcome = "exit status unknown"
        # The helper is gone: the reader sees the end of its pipe, the feeder a broken
        # pipe or its stop item. Only then are the pipes closed (a closed descriptor's
        # number is soon reused by another file).
        self._requests.put(_STOP_BYTES)
        for thread in self._threads:
            thread.join(timeout=10)
        for conn in (self._tx, self._rx):
            with contextlib.suppress(OSError):
                conn.close()
        return outcome


#: Asks the helper for its closing value; then it exits (see ExtractionHelper.close).
_STOP_BYTES = pickle.dumps((False, None))


def start_ingest_helper() -> ExtractionHelper | None:
    """Start the helper process of ``kb ingest`` now, before the store is even opened.

    It builds the default extractor at once (about half a second), while this process
    opens the store and reads the first articles, so that extraction can start with the
    first article. Pass it to :func:`kb.ingest.ingest_articles` (``started=``), which
    sends the store's corrections with the first article and stops the helper at the
    end; kill it if the ingest never starts. None where no helper can run (see
    :func:`available`) or when ``KB_INGEST_HELPER=0``.
    """
    if os.environ.get("KB_INGEST_HELPER", "1") == "0" or not available():
        return None
    return ExtractionHelper(_ingest_work, _ingest_closing, warm=_ingest_warm)


#: The helper's state (in the helper process only): its extractor, then its preparer.
_ingest: dict[str, Any] = {}


def _ingest_warm() -> None:
    from kb.extract.pipeline import Extractor

    _ingest["extractor"] = Extractor()


def _ingest_work(item: Any) -> Any:
    # The first item comes with the store's corrections: (corrections, article).
    if isinstance(item, tuple):
        from kb.ingest import _Preparer

        corrections, item = item
        _ingest["preparer"] = _Preparer(corrections, _ingest.get("extractor"))
    return _ingest["preparer"].prepare(item)


def _ingest_closing() -> Any:
    preparer = _ingest.get("preparer")
    return preparer.minted() if preparer is not None else None


def _helper_main(
    parent: int,
    req_r: int,
    res_w: int,
    work: Callable,
    closing: Callable,
    warm: Callable | None = None,
) -> None:
    """The helper process: answer requests until told to stop; never returns."""
    code = 0
    try:
        # Ctrl-C reaches the whole process group: the parent handles it and stops us.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent(parent)
        # Objects inherited from the parent are never collected here: their finalizers
        # (store iterators, files) belong to the parent.
        gc.freeze()
        _close_other_fds({0, 1, 2, req_r, res_w})
        if warm is not None:
            with contextlib.suppress(Exception):
                warm()
        rx = Connection(req_r, writable=False)
        tx = Connection(res_w, readable=False)
        while True:
            try:
                more, item = pickle.loads(rx.recv_bytes())
            except EOFError:
                break  # the parent is gone
            if not more:
                tx.send_bytes(_dumps(closing))
                break
            tx.send_bytes(_dumps(work, item))
    except BaseException:  # whatever happens, never return into the parent's code
        code = 1
    finally:
        os._exit(code)


def _call(fn: Callable, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", fn(*args)
    except Exception as exc:  # shipped to the parent, which raises it
        return "error", exc


def _dumps(fn: Callable, *args: Any) -> bytes:
    kind, value = _call(fn, *args)
    try:
        data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
        if kind == "error":
            pickle.loads(data)  # an exception must also unpickle (rare: check it here)
        return data
    except Exception as exc:  # a result or error that cannot be pickled
        if kind == "ok":
            value = exc
        return pickle.dumps(("error", RuntimeError(f"{type(value).__name__}: {value}")))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when the parent dies (best effort)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _close_other_fds(keep: set[int]) -> None:
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 1024))
    for fd in fds:
        if fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
