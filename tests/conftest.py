"""Shared fixtures: a real `oxigraph serve` process and stores of both backends."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis judges tests by wall-clock time too: a 200 ms deadline per example, and a
# health check that fails a test whose examples are slow to draw. Both fail on a slow or
# busy host and say nothing about kb, so neither applies (the tests' own @settings start
# from this profile).
settings.register_profile("kb", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kb")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_binary() -> str:
    exe = Path(sys.executable).parent / "oxigraph"
    if exe.exists():
        return str(exe)
    found = shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


class OxigraphServer:
    """An `oxigraph serve` process on 127.0.0.1 with a free port."""

    def __init__(self, data_dir: Path) -> None:
        # The port is free when picked, but another process may take it before the server
        # binds it: then the server exits at once, and it starts again on another port.
        for _ in range(5):
            if self._start(data_dir):
                return
        raise RuntimeError(f"oxigraph serve did not start (exit {self.proc.returncode})")

    def _start(self, data_dir: Path) -> bool:
        """Start the server on a free port; False if it exited (its port was taken)."""
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                _oxigraph_binary(),
                "serve",
                "--location",
                str(data_dir),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Only bounds a hang: the server answers within a second or so.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=5).read()
            except OSError:
                time.sleep(0.1)
                continue
            # What answered is this server only if it still runs (it exits when it cannot
            # bind its port, and then another process answered there).
            if self.proc.poll() is None:
                return True
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 120 s")

    def clear(self) -> None:
        req = urllib.request.Request(
            self.url + "/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
        urllib.request.urlopen(req, timeout=60).read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-data"))
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "remote"])
def store_location(request, tmp_path):
    """A fresh, empty store location of each backend."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    server = request.getfixturevalue("oxigraph_server")
    server.clear()
    return server.url


@pytest.fixture
def store(store_location):
    from kb.store import open_store

    st = open_store(store_location)
    yield st
    st.close()


@pytest.fixture(scope="module")
def extractor():
    """A default extractor for the tests of one module (it mints actors as it goes: a
    module's tests share its history, other modules start afresh)."""
    from kb.extract.pipeline import Extractor

    return Extractor()
