"""Split an article body into sentences with character offsets.

News copy is full of abbreviations ("U.S.", "Gen.", "Jan.") and initials that a
naive split on full stops would break; quotes and parentheses may close a
sentence after its full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cpt",
    "sgt",
    "cpl",
    "adm",
    "brig",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "rev",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "approx",
    "est",
    "fig",
    "al",
    "mt",
    "ft",
    "pres",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
}
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body: its text and where it starts and ends."""

    text: str
    start: int
    end: int
    paragraph: int


def split_sentences(body: str) -> list[Sentence]:
    """Split a body into sentences; offsets index into `body`."""
    out: list[Sentence] = []
    para_start = 0
    paragraphs: list[tuple[int, int]] = []
    for m in _PARA.finditer(body):
        paragraphs.append((para_start, m.start()))
        para_start = m.end()
    paragraphs.append((para_start, len(body)))
    for p_index, (ps, pe) in enumerate(paragraphs):
        chunk = body[ps:pe]
        start = 0
        for m in _BOUNDARY.finditer(chunk):
            word = _last_word(chunk, start, m.start())
            if m.group(1) == "." and (
                word.rstrip(".") in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)
            ):
                continue
            end = m.end(2)
            _add(out, body, ps + start, ps + end, p_index)
            start = m.end()
        _add(out, body, ps + start, pe, p_index)
    return out


def _last_word(chunk: str, start: int, end: int) -> str:
    """The run of word characters and dots ending at `end` (lower-cased): what
    ``re.search(r"([\\w.]+)$", chunk[start:end])`` finds, read backwards from the end
    instead of trying the pattern at every position of the sentence."""
    if end > start and chunk[end - 1] == "\n":
        end -= 1  # "$" also matches before a final newline
    k = end
    while k > start and (chunk[k - 1].isalnum() or chunk[k - 1] in "_."):
        k -= 1
    return chunk[k:end].lower()


#: A line break that ends a line of its own: after a word that closes no phrase, before
#: a capital, a digit or a bullet ("Key events" lists, headline lists, bylines).
_LINE_END = re.compile(r"(?<=[\w)\].!?:;\"'”’])[ \t]*\n(?=[ \t]*(?:[A-Z0-9\"“]|[-•*–] ))")
_CLOSERS = frozenset(".!?…\"'”’)]:")
_BULLETS = frozenset("-•*–")
#: Words after which a line wraps inside one phrase ("... in the town of\nDiban").
_OPEN_WORDS = frozenset(
    "a an the of in on at to for from by with and or but near into than as that which who "
    "whose when while after before said says told".split()
)


def _add(out: list[Sentence], body: str, start: int, end: int, paragraph: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if body.find("\n", start, end) != -1:
        # Inside a paragraph, single newlines are line wraps: keep offsets, show one line.
        # A line that stands alone is a sentence of its own: a bulleted item, or a line
        # of a block that no full stop ends (a list of headlines, a byline and a time).
        listed = body[end - 1] not in _CLOSERS
        for m in _LINE_END.finditer(body, start, end):
            k = m.start()
            if not listed and body[m.end() : m.end() + 2].rstrip() not in _BULLETS:
                continue
            word_start = k
            while word_start > start and body[word_start - 1].isalpha():
                word_start -= 1
            if body[word_start:k].lower() in _OPEN_WORDS:
                continue  # "... in the town of\nDiban": one phrase
            _add(out, body, start, k, paragraph)
            start = m.end()
            while start < end and body[start].isspace():
                start += 1
    if end > start:
        out.append(Sentence(body[start:end], start, end, paragraph))
