"""The annotated corpus is well formed, and extraction stays above a floor on it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_corpus_checks_pass():
    spec = importlib.util.spec_from_file_location("check_corpus", CORPUS / "check_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    errors, stats = module.check_corpus()
    assert errors == []
    assert stats


@pytest.fixture(scope="module")
def report():
    from kb.evaluate import evaluate

    return evaluate(CORPUS)


def test_corpus_size(report):
    assert report.articles >= 40
    assert report.gold_events >= 150


def test_extraction_floor(report):
    # Regression floors, well under the figures reported in the notes.
    assert report.events.recall >= 0.7
    assert report.events.precision >= 0.5
    assert report.linking is not None and report.linking.precision >= 0.7
