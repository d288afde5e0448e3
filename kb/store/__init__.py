"""Open the store a command names: a directory (embedded Oxigraph) or a SPARQL endpoint URL.

Backends are registered by name as ``"module:Class"`` and imported when used, so a
command that only reads articles never pays for pyoxigraph or SPARQLWrapper.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from kb.store.base import QueryResult, SelectResult, Store

BACKENDS: dict[str, str] = {
    "embedded": "kb.store.embedded:EmbeddedStore",
    "remote": "kb.store.remote:RemoteStore",
}

#: Environment variable naming the store when --store is not given.
STORE_ENV = "KB_STORE"


def default_location() -> str:
    """The store used when neither --store nor KB_STORE is given.

    ``$XDG_DATA_HOME/kb/store`` (``~/.local/share/kb/store`` by default).
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "kb" / "store")


def resolve_location(location: str | None) -> str:
    """The store location from the option, then KB_STORE, then the default."""
    return location or os.environ.get(STORE_ENV) or default_location()


def backend_name(location: str) -> str:
    """Which backend serves a location."""
    return "remote" if location.startswith(("http://", "https://")) else "embedded"


def _backend(name: str) -> type[Store]:
    module, _, cls = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def open_store(location: str | None = None, *, read_only: bool = False, wait: float = 0.0) -> Store:
    """Open the store at a location (see :func:`resolve_location`).

    Args:
        location: a directory path or an ``http(s)://`` SPARQL endpoint URL.
        read_only: open for reading only (embedded stores then need no lock).
        wait: seconds to wait for another writer's lock (embedded).

    Raises:
        StoreError: the store cannot be opened.
    """
    loc = resolve_location(location)
    name = backend_name(loc)
    if name == "remote":
        return _backend(name)(loc)  # type: ignore[call-arg]
    return _backend(name)(loc, read_only=read_only, wait=wait)  # type: ignore[call-arg]


__all__ = ["Store", "SelectResult", "QueryResult", "open_store", "resolve_location", "BACKENDS"]
