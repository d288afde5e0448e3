"""The stored quads of a GDELT import do not depend on its batch or window size.

kb.importers.fileunion promises that a file's incidents are the components of the
linking rule over its rows, whatever the batch and window sizes; these tests import the
same rows with several sizes and compare the N-Quads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.importers import import_files
from kb.store import open_store

GDELT = Path(__file__).parent / "fixtures" / "gdelt" / "20240305.export.CSV"

# GDELT 2.0 columns: Actor1 fields 5-14, Actor2 fields 15-24, SOURCEURL 60.
_A1, _A2, _URL = slice(5, 15), slice(15, 25), 60


def _template() -> list[str]:
    """The fixture's first row: Islamic State (agent) clashes with the Iraqi army."""
    first = GDELT.read_text(encoding="utf-8").splitlines()[0]
    fields = first.split("\t")
    assert len(fields) == 61 and fields[6] and fields[16]
    return fields


def _rows() -> list[str]:
    """Rows of one day and place coding the same actors, in either role and alone."""
    base = _template()
    out = []
    # (swap actors, drop Actor2, drop Actor1)
    shapes = [
        (False, False, False),
        (True, False, False),
        (False, False, False),
        (True, False, False),
        (False, True, False),  # Islamic State alone, as agent
        (False, False, True),  # the Iraqi army alone, as target
        (True, True, False),  # the Iraqi army alone, as agent
        (True, False, True),  # Islamic State alone, as target
        (False, False, False),
        (True, False, False),
    ]
    for i, (swap, no2, no1) in enumerate(shapes):
        f = list(base)
        if swap:
            f[_A1], f[_A2] = base[_A2], base[_A1]
        if no2:
            f[_A2] = [""] * 10
        if no1:
            f[_A1] = [""] * 10
        f[0] = str(5000 + i)
        f[_URL] = f"https://example.org/news/batch-{i}"
        out.append("\t".join(f))
    return out


def _dump(tmp_path: Path, name: str, src: Path, batch: int, window: int) -> list[str]:
    store = open_store(str(tmp_path / name))
    try:
        import_files(store, "gdelt", [str(src)], quiet=True, batch=batch, window=window)
        quads = sorted(str(q) for q in store._store.quads_for_pattern(None, None, None, None))
    finally:
        store.close()
    return quads


@pytest.mark.parametrize(("batch", "window"), [(1, 1), (2, 2), (3, 2), (1, 4), (4, 3)])
def test_quads_do_not_depend_on_batch_or_window(tmp_path: Path, batch: int, window: int) -> None:
    src = tmp_path / "20240305.export.CSV"
    src.write_text("\n".join(_rows()) + "\n", encoding="utf-8")
    whole = _dump(tmp_path, "whole", src, batch=1000, window=1000)
    assert whole
    assert _dump(tmp_path, "cut", src, batch=batch, window=window) == whole
