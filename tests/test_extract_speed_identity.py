"""The shortcuts of extraction answer what the computations they skip answer.

* :class:`~kb.extract.prefilter.Prefiltered` with one literal head tests it with
  ``str.find``: same answer as the pattern's own search, for any ``pos``/``endpos``;
* :func:`~kb.extract.triggers.find_triggers` remembers the last sentence: asked again it
  gives an equal list that the caller may change without changing the next answer;
* :func:`~kb.extract.pipeline.top_key` is the last type of the type's lineage;
* a sentence read in two passes (the remembered actor scan) gives the same events as
  a fresh extractor reading it.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.eventtypes import lineage
from kb.extract import triggers as trig_mod
from kb.extract.pipeline import Extractor, top_key
from kb.extract.prefilter import Prefiltered
from kb.model import Article

_ONE_HEAD = re.compile(r"\baccording to\s+(?:an?\s+|the\s+)?")
_TEXT = st.text(alphabet="acdginort ,.A", max_size=40) | st.sampled_from(
    ["said, according to the army", "according to", "accordin to", "x according to y"]
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, pos=st.integers(0, 45), endpos=st.integers(0, 45))
def test_one_head_prefilter_answers_as_the_pattern(text: str, pos: int, endpos: int) -> None:
    pf = Prefiltered(_ONE_HEAD)
    assert pf._head is not None  # the str.find path is the one under test
    got = pf.search(text, pos, endpos)
    want = _ONE_HEAD.search(text, pos, endpos)
    assert (got and got.span()) == (want and want.span())
    assert [m.span() for m in pf.finditer(text, pos, endpos)] == [
        m.span() for m in _ONE_HEAD.finditer(text, pos, endpos)
    ]


def test_find_triggers_remembered_answer_is_a_fresh_copy() -> None:
    text = "Gunmen attacked a police post and killed two officers on Monday."
    first = trig_mod.find_triggers(text)
    assert first, "the sentence has triggers"
    first.clear()  # a caller changing its list
    again = trig_mod.find_triggers(text)
    plain = [
        (m.start(), m.end(), trig_mod.LEXICON[int(m.lastgroup[1:])])
        for m in trig_mod.trigger_regex().finditer(text.lower())
    ]
    assert again == plain
    assert trig_mod.find_triggers("Nothing happened here.") == []
    assert trig_mod.find_triggers(text) == plain


@pytest.mark.parametrize("key", ["attack", "air_or_drone_strike", "armed_clash", "statement"])
def test_top_key_is_the_end_of_the_lineage(key: str) -> None:
    assert top_key(key) == lineage(key)[-1]
    assert top_key(key) == top_key(key)


def test_two_pass_sentence_reads_as_with_a_fresh_extractor() -> None:
    # A target described by an earlier deed: the sentence is read in two passes.
    text = (
        "Security forces killed a militant commander who was blamed for last month's "
        "ambush on a convoy near the border, in a raid on Tuesday, the army said."
    )
    art = Article(id="t1", text=text, published=None)
    shared = Extractor()
    shared.extract(Article(id="t0", text="Police arrested two men in Kano.", published=None))
    got = [dataclasses.asdict(e) for e in shared.extract(art)]
    want = [dataclasses.asdict(e) for e in Extractor().extract(art)]
    assert got == want
    assert got, "the sentence reports events"
