"""Literal prefilters for regular expressions: skip a search when it cannot match.

Python's regex engine tries a pattern at every position of a text. Most cue patterns of
the extractor match in few sentences, and every match of them begins with one of a
small set of literal strings ("reportedly", "allegedly", ...). Those beginnings are read
off the pattern itself (:func:`literal_heads`), so a text that contains none of them is
known not to match without running the pattern: the answer is the same, only cheaper.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

try:  # CPython's own regex parser, to read the beginnings off a pattern
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - a Python without it: no prefilters
    _c = _parser = None

__all__ = ["Prefiltered", "literal_heads", "ordered_trie", "trie_regex", "word_alternatives"]

_REPEATS = (
    {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
    if _c is not None
    else set()
)


def _heads(items: Any, k: int, heads: set[str], done: set[str]) -> set[str] | None:
    """Extend `heads` (texts a match may start with, shorter than `k`) through `items`.

    Heads that reach `k` characters, or meet a construct this reading does not follow
    (a class such as ``\\w``, a negated set), stop growing and move to `done`: a shorter
    beginning is still a true one. Returns the heads still growing after `items`, or None
    when the pattern uses something that makes any beginning uncertain (case flags).
    """
    for op, av in items:
        ready = {h for h in heads if len(h) >= k}
        done |= ready
        heads = heads - ready
        if not heads:
            return heads
        if op is _c.LITERAL:
            heads = {h + chr(av) for h in heads}
        elif op is _c.IN:
            chars: list[str] = []
            for item_op, item in av:
                if item_op is _c.LITERAL:
                    chars.append(chr(item))
                elif item_op is _c.RANGE and item[1] - item[0] < 64:
                    chars.extend(chr(c) for c in range(item[0], item[1] + 1))
                else:
                    chars = []
                    break
            if not chars:
                done |= heads
                return set()
            heads = {h + ch for h in heads for ch in chars}
        elif op is _c.BRANCH:
            merged: set[str] = set()
            for alternative in av[1]:
                found = _heads(alternative, k, set(heads), done)
                if found is None:
                    return None
                merged |= found
            heads = merged
        elif op is _c.SUBPATTERN:
            if av[1] or av[2]:
                return None  # inline flags change what a literal matches
            found = _heads(av[3], k, heads, done)
            if found is None:
                return None
            heads = found
        elif op in _REPEATS:
            low, high, sub = av
            reps = k if high == _c.MAXREPEAT else min(high, k)
            merged = set(heads) if low == 0 else set()
            current = heads
            for count in range(1, reps + 1):
                found = _heads(sub, k, set(current), done)
                if found is None:
                    return None
                current = found
                if count >= low:
                    merged |= current
                if not current:
                    break
            if low > reps:
                done |= current  # long mandatory runs: what is read so far is enough
                merged = set()
            heads = merged
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: consumes nothing
        else:
            done |= heads  # anything else ends what can be read
            return set()
    return heads


def literal_heads(pattern: re.Pattern[str] | str, k: int = 8) -> frozenset[str] | None:
    """Strings of at most `k` characters one of which begins every match of `pattern`.

    None when no such set can be read (a match may begin with any character, or the
    pattern uses case flags); then nothing can be skipped.
    """
    if _parser is None:  # pragma: no cover
        return None
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    if flags & re.IGNORECASE:
        return None
    done: set[str] = set()
    rest = _heads(list(_parser.parse(source)), k, {""}, done)
    if rest is None:
        return None
    heads = done | rest
    if not heads or "" in heads:
        return None
    return frozenset(heads)


def _char_tree(words: Iterable[str]) -> dict[str, dict]:
    """The words as a tree of characters; ``""`` marks where a word ends."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return tree


def trie_regex(words: set[str] | frozenset[str]) -> str:
    """A regex matching any of `words` (and anything they start), factored by prefix."""
    tree = _char_tree(words)

    def emit(node: dict[str, dict]) -> str:
        if "" in node:
            return ""  # a shorter word already admits everything after it
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


def word_alternatives(alternation: str) -> list[str]:
    """The strings a plain alternation of words matches, in its order of preference.

    Only literal text, a single character made optional (``soldiers?``) and a class of
    letters (``policem[ae]n``) are read; an optional character is tried first, as the
    greedy ``?`` does ("soldiers", then "soldier").

    Raises:
        ValueError: for any other regex syntax.
    """
    out: list[str] = []
    for alternative in alternation.split("|"):
        options = [""]
        for m in re.finditer(r"\[(\w+)\]|(.)(\?)?", alternative):
            if m.group(1):
                choices = list(m.group(1))
            elif m.group(2) in "\\.^$*+?{}[]()|":
                raise ValueError(f"not a plain word alternation: {alternative!r}")
            else:
                choices = [m.group(2), ""] if m.group(3) else [m.group(2)]
            options = [o + c for o in options for c in choices]
        out.extend(options)
    return out


def ordered_trie(words: list[str]) -> str:
    """A trie-shaped regex matching exactly what the alternation ``w1|w2|...`` matches.

    At a word boundary the engine then tries one branch per next character instead of
    every word in turn. It prefers the longer of two words where one starts the other,
    so it prefers what the alternation prefers only when such words are listed longer
    first; that is checked here.

    Raises:
        ValueError: when a word is listed before a longer word it starts.
    """
    for i, word in enumerate(words):
        for later in words[i + 1 :]:
            if later != word and later.startswith(word):
                raise ValueError(f"{word!r} is listed before {later!r}, which it starts")
    tree = _char_tree(words)

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


class Prefiltered:
    """A compiled pattern that first checks for what every match of it contains.

    ``search``, ``match`` and ``finditer`` answer exactly as the pattern's own methods;
    only a text (or range) that lacks the pattern's literal beginnings (read off the
    pattern), or all of the strings in `needs` (words the caller knows every match
    contains, such as the nouns a pattern ends with), is answered at once.
    """

    __slots__ = ("pattern", "heads", "needs", "_gate", "_needs", "_head")

    def __init__(self, pattern: re.Pattern[str], *, needs: tuple[str, ...] = ()) -> None:
        self.pattern = pattern
        self.heads = literal_heads(pattern)
        self.needs = needs
        # Both tests are literal searches the regex engine runs in C.
        self._gate = re.compile(trie_regex(self.heads)) if self.heads else None
        self._needs = re.compile(trie_regex(frozenset(needs))) if needs else None
        # One head ("according to", "citing "): str.find is the same test without the
        # regex engine's setup ("in text[pos:endpos]" is "find(h, pos, endpos) >= 0").
        self._head = next(iter(self.heads)) if self.heads and len(self.heads) == 1 else None

    def _possible(self, text: str, pos: int, endpos: int) -> bool:
        needs = self._needs
        if needs is not None and needs.search(text, pos, endpos) is None:
            return False
        head = self._head
        if head is not None:
            return text.find(head, pos, endpos) >= 0
        gate = self._gate
        return gate is None or gate.search(text, pos, endpos) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``pattern.search``, skipped when ``text[pos:endpos]`` cannot match."""
        if not self._possible(text, pos, endpos):
            return None
        return self.pattern.search(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """``pattern.finditer``, skipped when ``text[pos:endpos]`` cannot match."""
        if not self._possible(text, pos, endpos):
            return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``pattern.match`` (a match at one place is cheap: no prefilter)."""
        return self.pattern.match(text, pos, endpos)


class LazyPattern:
    """A regular expression compiled on first use, for patterns costly to compile at import.

    After the first use its methods are the compiled pattern's own (bound as attributes),
    so later calls cost nothing extra.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet, i.e. before the first compile.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attr in (
            "search",
            "match",
            "fullmatch",
            "finditer",
            "findall",
            "sub",
            "subn",
            "split",
            "pattern",
            "flags",
            "groups",
            "groupindex",
        ):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)
