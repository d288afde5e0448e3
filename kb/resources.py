"""The one place that knows where kb's ontology and query files live.

From a checkout they are the top-level ``ontology/`` and ``queries/`` folders;
an installed wheel carries them as ``kb/_resources/...``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """Return the folder of a resource kind (``ontology`` or ``queries``).

    Raises:
        FileNotFoundError: when neither the checkout nor the wheel has it.
    """
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kb resource folder {name!r} is missing from the installation")


def ontology_file(name: str) -> Path:
    """Path of a file in ``ontology/`` (e.g. ``kb.ttl``)."""
    return resource_dir("ontology") / name


def query_dir() -> Path:
    """The folder of named SPARQL queries."""
    return resource_dir("queries")


def data_file(name: str) -> Path:
    """Path of a data file shipped inside the package (``kb/data``)."""
    return _PACKAGE / "data" / name
