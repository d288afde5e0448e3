"""Plain-text tables (kb.output.plain_table): layout, wrapping and the fast path."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.output import plain_table


def _reference(heads, rows, widths, right=()):
    """Every cell through textwrap: what plain_table must print whatever its shortcuts."""
    out = []
    for cells in [heads, None, *rows]:
        if cells is None:
            out.append("  ".join("-" * w for w in widths))
            continue
        wrapped = [
            textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
            for c, w in zip(cells, widths, strict=True)
        ]
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for i, w in enumerate(wrapped):
                text = w[k] if k < len(w) else ""
                parts.append(text.rjust(widths[i]) if i in right else text.ljust(widths[i]))
            out.append("  ".join(parts).rstrip())
    return out


def test_long_cells_wrap_and_columns_align() -> None:
    rows = [
        ["2024-03-05", "Militants attack an army post near the border crossing at dawn", "3"],
        ["2024-03-06", "Talks", "12"],
    ]
    lines = plain_table(["date", "headline", "n"], rows, width=40, wrap=1, right=(2,))
    assert lines[0].split() == ["date", "headline", "n"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    # The long headline takes several lines, each within its column.
    widths = [len(part) for part in lines[1].split("  ")]
    assert widths == [10, 24, 2]  # 40 wide: the headline takes what the others leave
    assert len(lines) > 4
    assert all(len(line) <= sum(widths) + 4 for line in lines)
    assert lines[-1].endswith("12") and lines[-1].startswith("2024-03-06")
    assert lines == _reference(["date", "headline", "n"], rows, widths, right=(2,))


_cell = st.text(alphabet=st.sampled_from(list("ab cd-\t\n\u00a0xyz ")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=5))
def test_same_lines_as_wrapping_every_cell(rows) -> None:
    heads = ["one", "two", "three"]
    lines = plain_table(heads, [list(r) for r in rows], width=30, caps={0: 8}, wrap=1, right=(2,))
    widths = [len(part) for part in lines[1].split("  ")]
    assert lines == _reference(heads, [list(r) for r in rows], widths, right=(2,))
