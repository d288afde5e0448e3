"""Text folding and name normalisation shared by the actor registry and the scanner.

Two levels:

* :func:`fold` is *length-preserving*: every character maps to exactly one character
  (accents dropped, dashes to spaces, curly apostrophes to ``'``), so offsets found in the
  folded text are offsets in the original. The sentence scanner runs on folded text.
* :func:`normalize_name` is the lossy key used to compare names: folded, lowercased,
  possessive ``'s`` and punctuation removed, a leading "the" and the Arabic article
  "al"/"el" dropped, and a plural head noun made singular ("forces" -> "force").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u02be\u02bf`\u00b4\u2032"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\t\r\n\f\v"
_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb"
# Letters NFKD does not decompose but that have an obvious one-letter Latin fallback.
_SPECIAL = {
    "ß": "s",
    "æ": "a",
    "Æ": "A",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "œ": "o",
    "Œ": "O",
    "þ": "t",
    "Þ": "T",
    "ħ": "h",
    "Ħ": "H",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x2000):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    for ch, base in _SPECIAL.items():
        table[ord(ch)] = base
    for ch in _DASHES:
        table[ord(ch)] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _QUOTES:
        table[ord(ch)] = '"'
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Fold accents, dashes, apostrophes and odd spaces, keeping the length unchanged.

    Args:
        text: any text.

    Returns:
        The folded text; ``len(fold(t)) == len(t)`` always holds.
    """
    return text.translate(_FOLD_TABLE)


# Plural head nouns made singular so "Forces"/"Force", "Houthis"/"Houthi" compare equal.
# A closed list on purpose: stripping every final "s" would turn "Hamas" into "Hama" (a city).
SINGULAR = {
    "forces": "force",
    "brigades": "brigade",
    "battalions": "battalion",
    "units": "unit",
    "guards": "guard",
    "militias": "militia",
    "services": "service",
    "authorities": "authority",
    "groups": "group",
    "movements": "movement",
    "committees": "committee",
    "fronts": "front",
    "houthis": "houthi",
    "huthis": "huthi",
    "armies": "army",
    "agencies": "agency",
    "ministries": "ministry",
    "councils": "council",
    "regiments": "regiment",
    "divisions": "division",
    "troops": "troop",
    "soldiers": "soldier",
    "rebels": "rebel",
    "militants": "militant",
    "fighters": "fighter",
    "insurgents": "insurgent",
    "jihadists": "jihadist",
    "civilians": "civilian",
    "residents": "resident",
    "villagers": "villager",
    "protesters": "protester",
    "demonstrators": "demonstrator",
    "settlers": "settler",
    "officials": "official",
    "leaders": "leader",
    "commanders": "commander",
    "cells": "cell",
    "factions": "faction",
    "networks": "network",
    "mercenaries": "mercenary",
    "paramilitaries": "paramilitary",
    "separatists": "separatist",
    "extremists": "extremist",
    "gunmen": "gunman",
    "militiamen": "militiaman",
    "worshippers": "worshipper",
    "farmers": "farmer",
    "fishermen": "fisherman",
    "shepherds": "shepherd",
    "pilgrims": "pilgrim",
    "refugees": "refugee",
    "journalists": "journalist",
    "students": "student",
    "hostages": "hostage",
    "passengers": "passenger",
    "mourners": "mourner",
    "bystanders": "bystander",
    "medics": "medic",
    "paramedics": "paramedic",
    "workers": "worker",
    "nationals": "national",
    "migrants": "migrant",
    "citizens": "citizen",
    "drones": "drone",
    "warplanes": "warplane",
    "jets": "jet",
    "helicopters": "helicopter",
    "policemen": "policeman",
}

_POSSESSIVE = re.compile(r"'s?(?=\s|$)")
_NON_WORD = re.compile(r"[^\w\s]")
_ARTICLES = frozenset({"al", "el"})


def normalize_name(name: str) -> str:
    """Return the comparison key of an actor name.

    Args:
        name: a name as written ("the Popular Mobilisation Forces", "al-Qaida").

    Returns:
        A lowercase key ("popular mobilisation force", "qaida"); empty for a name with
        no letters or digits.
    """
    s = fold(name).lower()
    s = _POSSESSIVE.sub("", s)
    s = s.replace("'", "").replace(".", "")
    s = _NON_WORD.sub(" ", s)
    tokens = s.split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _ARTICLES] or tokens
    if tokens:
        tokens[-1] = SINGULAR.get(tokens[-1], tokens[-1])
    return " ".join(tokens)


_SLUG_BAD = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Return a lowercase ascii slug of a name, stable across runs.

    Names without any Latin letter or digit (Arabic script, say) get ``h`` plus a short
    hash of their normalised form, so the slug is still deterministic.

    Args:
        name: any name; it is normalised first.

    Returns:
        A slug such as ``free-syrian-army``.
    """
    norm = normalize_name(name)
    slug = _SLUG_BAD.sub("-", norm.encode("ascii", "ignore").decode()).strip("-")
    if slug:
        return slug
    return "h" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10]


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())
