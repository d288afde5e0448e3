"""Tokenising and normalising place names, shared by the build script and the run time.

A name and a phrase in running text match when their *keys* are equal. A key is the
name's tokens, each folded to lower-case ASCII, joined by single spaces:
``"Dayr az-Zawr"`` -> ``"dayr az zawr"``, ``"Dar'ā"`` -> ``"dara"``, ``"U.S."`` -> ``"us"``.
Hyphens, dashes and other punctuation separate tokens; apostrophes and the Arabic
transliteration marks (ʿ ʾ ‘ ’) inside a word are dropped, so "Ma'rib" and "Marib"
share a key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

#: Characters that fold to something other than "base letter + combining marks".
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ŀ": "l",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʿ": "'",
        "ʾ": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)

#: Apostrophe-like characters that may sit inside a word token.
APOSTROPHES = "'’ʼ‘`´ʻʿʾ′"

# A token is an abbreviation with dots ("U.S.", "U.A.E.") or a run of letters that may
# contain apostrophes ("Dar'a", "Iraq's"). Digits and other symbols never start a token.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[" + APOSTROPHES + r"][^\W\d_]+)*",
)


class Token(NamedTuple):
    """One word of a text with its character offsets and normalised form."""

    start: int
    end: int
    raw: str
    norm: str
    possessive: bool


def fold(text: str) -> str:
    """Strip diacritics and map special letters to ASCII look-alikes (case is kept)."""
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm_token(raw: str) -> str:
    """The normalised form of one token: folded, lower-case, no apostrophes or dots."""
    if not raw.isascii():
        raw = fold(raw)
    out = raw.lower()
    if "'" in out or "." in out:
        out = out.replace("'", "").replace(".", "")
    return out


def _is_possessive(raw: str) -> bool:
    return len(raw) > 2 and raw[-1] in "sS" and raw[-2] in APOSTROPHES


def tokenize(text: str) -> list[Token]:
    """Split `text` into word tokens; a trailing "'s" marks a possessive and is dropped."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        start, end = m.span()
        possessive = _is_possessive(raw)
        if possessive:
            raw = raw[:-2]
            end -= 2
        out.append(Token(start, end, raw, norm_token(raw), possessive))
    return out


# The tokens of _TOKEN_RE, read on the ASCII shadow of a text (see _shadow), with a
# possessive "'s" split off in the pattern (faster than a check). The second group always
# takes part (empty when there is no "'s"), so that re.split yields strings only.
_FAST_RE = re.compile(
    r"((?:[a-zA-Z]\.){2,}|[a-zA-Z]+(?:['`](?![sS]\b)[a-zA-Z]+)*)((?:['`][sS]\b)?)"
)
#: The same on text without apostrophes or dotted abbreviations (most sentences).
_LETTERS_RE = re.compile(r"([a-zA-Z]+)()")
#: Where _FAST_RE's dotted abbreviation ("U.S.") could start.
_DOTTED = re.compile(r"[a-zA-Z]\.[a-zA-Z]\.")
#: ASCII stand-ins of the non-ASCII characters met so far (see _shadow).
_SHADOW: dict[int, str] = {}


def _stand_in(ch: str) -> str:
    """The ASCII character playing `ch`'s part in _TOKEN_RE: a letter, a digit, an
    apostrophe or a separator. Letters come first: "ʼ" (U+02BC) is a letter to the regex."""
    if ch.isalnum():
        return "0" if ch.isdecimal() else "a"
    if ch in APOSTROPHES:
        return "'"
    return " "


def _shadow(text: str) -> str:
    """`text` with every non-ASCII character replaced by its ASCII stand-in.

    Same length and the same tokens as far as _TOKEN_RE can tell, but the tokenizer can
    then use ASCII classes, which the regex engine tests several times faster than the
    Unicode class ``[^\\W\\d_]``. Token text is always cut from the original.
    """
    if text.isascii():
        return text
    table = _SHADOW
    for ch in set(text):
        if ch > "\x7f" and ord(ch) not in table:
            table[ord(ch)] = _stand_in(ch)
    return text.translate(table)


def token_arrays(
    text: str,
) -> tuple[list[int], list[int], list[str], list[str], list[bool]]:
    """:func:`tokenize` as parallel lists (starts, ends, raws, norms, possessives).

    This is the hot path of place finding, so it avoids one object per token: one
    ``re.split`` of the ASCII shadow gives gaps, tokens and possessive marks in order,
    the offsets are running sums of their lengths, and every step is a loop in C.
    """
    shadow = _shadow(text)
    letters_only = not ("'" in shadow or "`" in shadow or _DOTTED.search(shadow))
    # gap, token, "'s" or "", gap, ..., gap. Without an apostrophe or a "U.S."-like
    # abbreviation the tokens are simply the runs of letters.
    parts = (_LETTERS_RE if letters_only else _FAST_RE).split(shadow)
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:3]
    ends = offsets[1::3]
    poss = list(map(bool, parts[2::3]))
    if shadow is text:  # ASCII
        raws = parts[1::3]
        # An ASCII run of letters normalises to its lower case.
        norms = list(map(str.lower, raws)) if letters_only else list(map(norm_token, raws))
    else:
        raws = [text[s:e] for s, e in zip(starts, ends, strict=True)]
        norms = list(map(norm_token, raws))
    return starts, ends, raws, norms, poss


def name_key(name: str) -> str:
    """The lookup key of a place name: its normalised tokens joined by spaces.

    Unlike :func:`tokenize` this keeps a trailing "'s" (it is part of a name such as
    "Martha's Vineyard", not a possessive).
    """
    return " ".join(norm_token(m.group()) for m in _TOKEN_RE.finditer(name))
