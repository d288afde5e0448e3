"""The fast paths of extraction give what the plain computations they replace give.

* the gazetteer's name index is searched by bisection in the sorted names text
  (:meth:`Gazetteer._index_get`, :meth:`Gazetteer._max_tokens`) instead of a dict built
  from every line: same refs, same longest name per first token, same second tokens;
* the actor scanner's trie regex is emitted run by run instead of node by node: the
  pattern text is the same;
* cue patterns rewritten for the regex engine's fast paths (a trie of head nouns, a
  word boundary tested after the first letter) match what their plain forms match.
"""

from __future__ import annotations

import gzip
import re

import pytest

from kb.actors import ActorRegistry
from kb.actors.scanner import _trie_regex
from kb.extract.pipeline import _CLAUSE_BREAK, _GENERIC_HEAD, _GENERIC_HEADS
from kb.extract.prefilter import ordered_trie, word_alternatives
from kb.gazetteer import Gazetteer


def _reference_trie(surfaces, *, word_start: bool = False) -> str:
    """The node-by-node emission the scanner used before (the definition of the pattern)."""
    trie: dict = {}
    for surface in surfaces:
        node = trie
        for ch in surface.lower():
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = True

    def emit(node: dict, top: bool = False) -> str:
        branches = [
            tok + (f"(?<![\\w']{tok})" if top and word_start else "") + emit(child)
            for tok, child in node.items()
            if tok != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie, top=True)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> dict[str, str]:
    """The name index as the dict the gazetteer used to build."""
    text = gzip.decompress((gazetteer.data_dir / "names.tsv.gz").read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.split("\n") if line)


def test_names_file_is_sorted_for_bisection(index: dict[str, str]) -> None:
    keys = list(index)
    assert keys == sorted(keys)


def test_index_lookup_matches_dict(gazetteer: Gazetteer, index: dict[str, str]) -> None:
    fresh = Gazetteer(gazetteer.data_dir)  # empty memos
    keys = list(index)
    for key in keys[::37] + keys[:50] + keys[-50:]:
        assert fresh._index_get(key) == index[key], key
        # Near misses on both sides of a key: a prefix, an extension, a neighbour.
        for probe in (key[:-1], key + "a", key + " x", "0" + key, key + "\t"):
            assert fresh._index_get(probe) == index.get(probe), probe
    assert fresh._index_get("") is None
    assert fresh._index_get("\uffff") is None
    refs = fresh._refs(keys[100])
    assert refs and all(isinstance(i, int) and isinstance(p, bool) for i, p in refs)
    assert fresh._refs("no such place name at all") == []


def test_longest_name_per_first_token_matches_dict(
    gazetteer: Gazetteer, index: dict[str, str]
) -> None:
    longest: dict[str, int] = {}
    seconds: dict[str, set[str]] = {}
    for key in index:
        words = key.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
        if len(words) > 1:
            seconds.setdefault(words[0], set()).add(words[1])
    fresh = Gazetteer(gazetteer.data_dir)
    firsts = sorted(longest)
    sample = firsts[::23] + ["al", "el", "the", "new", "san", "saint", "north"]
    for first in sample:
        assert fresh._max_tokens(first) == longest.get(first, 0), first
        assert fresh._seconds[first] == seconds.get(first, set()), first
    for missing in ("zzzqx", "qqq", "0"):
        assert fresh._max_tokens(missing) == 0
        assert fresh._seconds[missing] == frozenset()


def test_find_is_unchanged_by_memos(gazetteer: Gazetteer) -> None:
    text = "Fighting was reported near Aleppo and in northern Syria, close to the Turkish border."
    first = [(s, e, p.id) for s, e, p in Gazetteer(gazetteer.data_dir).find(text)]
    again = [(s, e, p.id) for s, e, p in gazetteer.find(text)]
    assert first == again
    assert any(text[s:e] == "Aleppo" for s, e, _ in first)


def test_scanner_trie_pattern_unchanged() -> None:
    registry = ActorRegistry.default()
    registry.find("Warm-up sentence.")  # builds the scanner
    surfaces = sorted(registry._scanner._entries)
    assert _trie_regex(surfaces, word_start=True) == _reference_trie(surfaces, word_start=True)
    for words in (["a", "ab", "abc", "b c", "x.y"], [], [""], ["", "a"], ["the", "them"]):
        assert _trie_regex(words) == _reference_trie(words)
        assert _trie_regex(words, word_start=True) == _reference_trie(words, word_start=True)


def test_word_alternatives_reads_plain_alternations_only() -> None:
    assert word_alternatives("soldiers?|policem[ae]n|army patrol|army") == [
        "soldiers",
        "soldier",
        "policeman",
        "policemen",
        "army patrol",
        "army",
    ]
    with pytest.raises(ValueError):
        word_alternatives(r"troops|\w+ed")


def test_ordered_trie_matches_like_the_alternation() -> None:
    words = word_alternatives(_GENERIC_HEADS)
    plain = re.compile(rf"\b(?:{_GENERIC_HEADS})\b(?!-\w)")
    fast = re.compile(rf"\b(?:{ordered_trie(words)})\b(?!-\w)")
    assert _GENERIC_HEAD.pattern == fast.pattern
    for word in words:
        assert re.fullmatch(f"(?:{_GENERIC_HEADS})", word), word
    texts = [
        "Two policemen and a police officer were hurt; police said army patrols left.",
        "The army-held town, where soldiers and civilians-only zones stood, was shelled.",
        "Family members of the tribal elders met a children's charity and the gendarmerie.",
        "A spokesman for the police officers' union and the security forces commander spoke.",
    ]
    for text in texts:
        assert [m.span() for m in fast.finditer(text.lower())] == [
            m.span() for m in plain.finditer(text.lower())
        ]
    with pytest.raises(ValueError):
        ordered_trie(["army", "army patrol"])  # the alternation would prefer "army"


def test_clause_break_matches_its_plain_form() -> None:
    plain = re.compile(
        r"[;:]|,\s+(?:while|whereas|but|and then|although|though|as|where)\b"
        r"|\b(?:while|after|before|when)\b|,\s+(?:the\s+(?:latest|third|second|fourth|"
        r"fifth|deadliest|worst|largest|biggest)|(?:one|part)\s+of\s+(?:a|the|several|many|"
        r"dozens))\b"
    )
    texts = [
        "a, while b; c: d",
        "meanwhile whilst awhile, after-hours before dawn when _when 1when éwhen",
        "Troops fired, the latest in a string of attacks, one of many, part of the plan",
        "while",
        "When it ended, after the strike, and then silence",
    ]
    for text in texts:
        assert [m.span() for m in _CLAUSE_BREAK.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_rows_by_id_agree_with_a_full_index(gazetteer: Gazetteer) -> None:
    ids = [line.split("\t", 1)[0] for line in gazetteer._raw]
    assert len(ids) == len(set(ids))  # what lets the short dict of countries answer first
    fresh = Gazetteer(gazetteer.data_dir)
    sample = ids[:300:7] + ids[3000:5000:97] + ids[-200::13] + ["geonames:0", ""]
    for place_id in sample:
        row = fresh._row_by_id(place_id)
        expected = ids.index(place_id) if place_id in ids else None
        assert (row.index if row else None) == expected, place_id
