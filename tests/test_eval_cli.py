"""`kb eval` over several corpora: each one's figures, and all of them pooled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app

TESTS = Path(__file__).parent
A, B = str(TESTS / "corpus_heldout2"), str(TESTS / "corpus_heldout4")


def _json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["eval", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def figures() -> dict:
    # B first and alone, then both: B's figures must not depend on what the process
    # read before (the registry mints actors as it meets them).
    alone_b = _json(B)
    both = _json(A, B)
    return {"a": _json(A), "b": alone_b, "both": both}


def test_each_corpus_scores_as_it_does_alone(figures):
    assert set(figures["both"]["corpora"]) == {A, B}
    assert figures["both"]["corpora"][A] == figures["a"]
    assert figures["both"]["corpora"][B] == figures["b"]


def test_all_together_adds_up_the_counts(figures):
    a, b, pooled = figures["a"], figures["b"], figures["both"]["all"]
    for key in ("articles", "gold_events", "predicted_events"):
        assert pooled[key] == a[key] + b[key]
    tp, fp, fn = (a["events"][k] + b["events"][k] for k in ("tp", "fp", "fn"))
    assert (pooled["events"]["tp"], pooled["events"]["fp"], pooled["events"]["fn"]) == (tp, fp, fn)
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert pooled["events"]["f1"] == round(2 * p * r / (p + r), 3)
    agents = [x["arguments"]["agents"]["tp"] for x in (a, b)]
    assert pooled["arguments"]["agents"]["tp"] == sum(agents)


def test_text_table_has_a_line_per_corpus_and_one_for_all(figures):
    result = CliRunner().invoke(app, ["eval", A, B, "--no-linking"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = {line.split()[0]: line.split() for line in lines[2:] if not line.startswith("-")}
    assert set(rows) == {A, B, "all"}
    for name, fig in ((A, figures["a"]), (B, figures["b"])):
        cells = rows[name]
        assert [int(c) for c in cells[1:4]] == [
            fig["articles"],
            fig["gold_events"],
            fig["predicted_events"],
        ]
        assert float(cells[6]) == pytest.approx(fig["events"]["f1"], abs=0.0005)
    assert rows["all"][1] == "(pooled)"
    assert int(rows["all"][2]) == figures["a"]["articles"] + figures["b"]["articles"]


def test_unknown_format_is_one_error_line():
    result = CliRunner().invoke(app, ["eval", A, "--format", "xml"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: --format: 'xml' is not a format of kb eval; use text or json"
    )
