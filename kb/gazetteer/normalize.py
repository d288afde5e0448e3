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


# The same tokens with a possessive "'s" split off in the pattern (faster than a check).
_FAST_RE = re.compile(
    r"((?:[^\W\d_]\.){2,}|[^\W\d_]+(?:["
    + APOSTROPHES
    + r"](?![sS]\b)[^\W\d_]+)*)(["
    + APOSTROPHES
    + r"][sS]\b)?"
)


def token_arrays(
    text: str,
) -> tuple[list[int], list[int], list[str], list[str], list[bool]]:
    """:func:`tokenize` as parallel lists (starts, ends, raws, norms, possessives).

    This is the hot path of place finding, so it avoids one object per token.
    """
    starts: list[int] = []
    ends: list[int] = []
    raws: list[str] = []
    poss: list[bool] = []
    for m in _FAST_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end(1))
        raws.append(m.group(1))
        poss.append(m.group(2) is not None)
    return starts, ends, raws, [norm_token(r) for r in raws], poss


def name_key(name: str) -> str:
    """The lookup key of a place name: its normalised tokens joined by spaces.

    Unlike :func:`tokenize` this keeps a trailing "'s" (it is part of a name such as
    "Martha's Vineyard", not a possessive).
    """
    return " ".join(norm_token(m.group()) for m in _TOKEN_RE.finditer(name))
