"""Temporal expressions: find dates in news text and resolve them to :class:`TimeSpan`.

One precompiled regular expression scans a sentence for explicit dates ("13 March 2025",
"June 27", "2025-03-13", "June 2025", "in 2024", "on the 5th of May") and relative ones
("on Tuesday", "yesterday", "last week", "earlier this year", "in early July", "two days
ago"). Each match is resolved in plain Python against the article's publication date.

Rules that decide what a span says (the tests pin every one of them):

* Nothing is invented. `value` has the precision the text gives and `earliest`/`latest`
  carry the real interval: "in early July" is ``2025-07`` with bounds 07-01..07-10.
* Parts of a month: early = days 1-10, mid = 11-20, late = 21-end of month ("the beginning
  of"/"the start of" = early, "the middle of" = mid, "the end of" = late); first half =
  1-15, second half = 16-end. Parts of a year: early = Jan-Apr, mid = May-Aug, late =
  Sep-Dec; halves Jan-Jun and Jul-Dec. Parts of a week: early = Mon-Tue, mid = Wed-Thu,
  late = Fri-Sun. Seasons are northern meteorological ones (spring Mar-May, summer Jun-Aug,
  autumn/fall Sep-Nov); winter is not resolved because it straddles two years.
* Weeks run Monday to Sunday. "last week" is the whole previous calendar week, "the past
  week" the rolling interval publication-7 days .. publication.
* Intervals that are not a calendar day, month or year (weeks, weekends, "the past three
  days", day ranges such as "June 1-5", "between August 1 and August 6", "from May 3 to
  May 9") take the finest calendar unit that contains the
  whole interval as `value`: a day when it is one day, the month when inside one month,
  else the year; an interval across New Year takes the year holding its midpoint. The
  bounds always hold the exact interval.
* Basis ``explicit`` means the text gave the year ("13 March 2025", "June 2025", "mid-2024",
  "the 2003 invasion"); ``relative`` means it was resolved against the publication date.
  Without a publication date a relative expression keeps its text and nothing else
  (basis ``unknown``), unless the caller passes an ``anchor`` (a full date stated elsewhere
  in the article, see :func:`anchor_date`): that gives a year to calendar dates without one
  ("on 5 March"), never a day to "yesterday". ``publication`` is only given by
  :func:`publication_span`.
* News reports the past, so with ``tense="past"`` (the default) an expression without a
  year takes the occurrence on or before the publication date: published 2025-01-10,
  "December 28" is 2024-12-28 and "Tuesday" is the latest Tuesday on or before
  publication; "this week/month/year" ends at the publication date. ``tense="future"``
  flips that for sentences such as "talks will resume on Tuesday". Words that carry their
  own direction ("tomorrow", "next week", "later this month", "last Friday") ignore it.
  "last <weekday>" is the latest such day strictly before publication. "overnight" is
  the publication day (the night ending on it, as wire services date it); "last night" is
  the day before.
* Not dates: bare numbers ("25 people", "Resolution 2254", "F-16", "1,000 troops"), clock
  times alone ("at 3 p.m."), lower-case "may", and month names with neither a day, a year,
  nor a preposition or modifier before them ("May said ..."). A bare year needs a
  preposition ("in 2024", "since 2019") or an attributive "the" ("the 2003 invasion") and
  is refused before a count noun ("in 2000 homes"); so does a span of years ("the
  2020-2022 war", "during 2019-21"), whose value is the year holding its midpoint.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass

from kb.errors import InputError
from kb.extract.prefilter import LazyPattern
from kb.model import TimeSpan

__all__ = [
    "anchor_date",
    "find_dates",
    "normalize_date",
    "parse_published",
    "publication_span",
]

TENSES = ("past", "future")


def _words(text: str) -> list[str]:
    return text.split()


_MONTH_NAMES = _words(
    "January February March April May June July August September October November December"
)
_MONTH_NUM: dict[str, int] = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTH_NUM.update({name.lower()[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)})
_MONTH_NUM["sept"] = 9

_WEEKDAY_NAMES = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_WEEKDAY_NUM: dict[str, int] = {name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)}

_NUM_WORDS: dict[str, int] = {"a": 1, "an": 1} | {
    w: i
    for i, w in enumerate(
        _words("one two three four five six seven eight nine ten eleven twelve"), 1
    )
}


def _ci(*words: str) -> str:
    """Words in lower case or with a capital first letter (sentence start, headlines).

    Cheaper than ``(?i:...)``, which makes the regex engine fold the case of every
    character it compares, and it keeps month names case-sensitive.
    """
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words) + ")"


# Month names are case-sensitive on purpose: "may" is a modal verb, "march" a verb.
_M_FULL = r"(?:" + "|".join(_MONTH_NAMES) + r")\b"
# Abbreviations only appear where a day or a year follows ("Jan 6", "Sept. 2024"),
# because "Jan" and "Sun" alone are as likely to be names.
_M_ANY = r"(?:" + _M_FULL + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
_WD_FULL = r"(?:" + "|".join(_WEEKDAY_NAMES) + r")\b"
_WD_ANY = r"(?:" + _WD_FULL + r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:\.|\b))"
# A day of the month; refuses "2,000", "1.5" and clock times "5:30".
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
# A year in prose; refuses "1990s", "2,0251", "2019-2021" and "2024/25".
_YEAR = r"(?:19|20)\d\d(?![\w:]|[.,]\d|[-\u2013/]\d)"
_NUM_WORD = _ci(r"a\s+couple\s+of", r"couple\s+of", *sorted(_NUM_WORDS, key=len, reverse=True))
_NUM = r"(?:(?<![.,])\d{1,3}|" + _NUM_WORD + ")"
_UNITS = _ci("hours?", "days?", "weeks?", "months?", "years?") + r"\b"
_THE = _ci("the")
_PART = (
    "(?:"
    + _ci("early", "mid", "late")
    + "|(?:"
    + _THE
    + r"\s+)?"
    + _ci("end", "beginning", "start", "middle", r"first\s+half", r"second\s+half")
    + r"\s+[Oo]f)"
)
_TOD = _ci("morning", "afternoon", "evening", "night") + r"\b"
_DASH = r"\s*[-\u2013]\s*"
# Weekday names that start a newspaper title rather than a date.
_NOT_AFTER_WEEKDAY = (
    r"(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Star|Mail|Tribune|Observer|"
    r"Independent|Sport)\b)"
)

_ALTERNATIVES = (
    # 2025-03-13 (also the date part of an ISO datetime)
    r"(?P<iso>(?<![\d-])(?P<iso_y>\d{4})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
    r"(?!\d))",
    # 20.11.2026 / 20/11/2026: day first, as police and press releases in South Asia,
    # Europe and Africa write them (a slash date with both numbers 12 or less is refused
    # in Python: it could be the American month-first order)
    r"(?P<num>(?<![\d./-])(?P<num_d>0?[1-9]|[12]\d|3[01])(?P<num_s>[./])(?P<num_m>0?[1-9]|1[0-2])"
    r"(?P=num_s)(?P<num_y>(?:19|20)\d\d)(?![\d/-]|\.\d))",
    # June 27 / June 27th, 2025 / Tuesday, June 27 / June 1-5, 2025
    rf"(?P<mdy>(?:{_WD_ANY},?\s+)?(?P<mdy_m>{_M_ANY})\s+(?:the\s+)?(?<![.,/:$])(?P<mdy_d>{_DAY})"
    rf"(?:{_DASH}(?P<mdy_d2>{_DAY}))?(?:,?\s+(?P<mdy_y>{_YEAR}))?)",
    # 13 March 2025 / the 5th of May / Tue, 20 May 2025 / 1-5 June
    rf"(?P<dmy>(?:{_WD_ANY},?\s+)?(?:(?P<dmy_the>{_THE})\s+)?(?<![.,/:$])(?P<dmy_d>{_DAY})"
    # ("the intervening night of 21/22 November": a slash joins the two days of a night)
    rf"(?:(?:{_DASH}|/)(?P<dmy_d2>{_DAY}))?\s+(?:(?P<dmy_of>of)\s+)?(?P<dmy_m>{_M_ANY})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR}))?)",
    # early July / mid-June 2025 / the end of May / mid-2024 / late last month
    rf"(?P<part>(?P<part_p>{_PART})[\s-]+(?:(?P<part_m>{_M_FULL})(?:,?\s+(?:of\s+)?"
    rf"(?P<part_my>{_YEAR}))?|(?P<part_y>{_YEAR})|(?:(?P<part_rel>"
    + _ci("last", "this", "next", "the")
    + r")\s+(?P<part_u>"
    + _ci("week", "month", "year")
    + r")\b)))",
    # the first week of June
    rf"(?P<wo>(?:{_THE}\s+)?(?P<wo_n>"
    + _ci("first", "second", "third", "fourth", "last", "final")
    + rf")\s+week\s+of\s+(?P<wo_m>{_M_FULL})(?:,?\s+(?P<wo_y>{_YEAR}))?)",
    # June 2025 / Sept. 2024 / June of 2025
    rf"(?P<my>(?P<my_m>{_M_ANY})(?:\s+of)?,?\s+(?P<my_y>{_YEAR}))",
    # last summer / the summer of 2024 / early spring
    r"(?P<se>(?:(?P<se_mod>"
    + _ci("last", "this", "next", "early", "mid", "late")
    + rf")[\s-]+)?(?:{_THE}\s+)?(?P<se_s>"
    + _ci("spring", "summer", "autumn", "fall")
    + rf")\b(?:\s+(?:of\s+)?(?P<se_y>{_YEAR}))?)",
    # last July / this March
    r"(?P<rm>(?P<rm_mod>"
    + _ci(r"this\s+past", "last", "this", "next")
    + rf")\s+(?P<rm_m>{_M_FULL}))",
    # yesterday / this morning / last night / yesterday afternoon
    r"(?P<rd>(?P<rd_w>"
    + _ci(
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        r"last\s+night",
        "overnight",
        r"this\s+(?:morning|afternoon|evening)",
        r"earlier\s+today",
        r"later\s+today",
    )
    + rf")\b(?:\s+{_TOD})?)",
    # the past week / over the last three days / past 24 hours (not "the last week of June")
    rf"(?P<roll>(?:{_THE}\s+{_ci('past', 'last')}\s+(?:(?P<roll_n1>{_NUM})\s+)?|"
    + _ci("past", "last")
    + rf"\s+(?P<roll_n2>{_NUM})\s+)(?P<roll_u>{_UNITS})(?!\s+of\b))",
    # two days ago / a week ago
    rf"(?P<ago>(?P<ago_n>{_NUM})\s+(?P<ago_u>{_UNITS})\s+ago\b)",
    # last week / earlier this month / this year / next weekend; "accused X last month of
    # failing to ..." too, but not "the last week of June" or "last month of the war"
    r"(?P<rel>(?<![Tt]he\s)(?P<rel_mod>"
    + _ci(r"this\s+past", r"earlier\s+this", r"later\s+this", "last", "this", "next")
    + r")\s+(?P<rel_u>"
    + _ci("weekend", "week", "month", "year")
    + r")\b(?!\s+of\s+(?:the|this|that|an?|his|her|its|their|[A-Z\d])))",
    # over the weekend
    rf"(?P<wkend>{_THE}\s+" + _ci("weekend") + r"\b)",
    # Tuesday / on Sunday night / last Friday / late Wednesday
    r"(?P<wd>(?:(?P<wd_mod>"
    + _ci(r"this\s+past", "last", "this", "next", "late", "early")
    + rf")\s+)?(?P<wd_d>{_WD_FULL}){_NOT_AFTER_WEEKDAY}(?:\s+{_TOD})?)",
    # in July (a preposition is required; checked in Python)
    rf"(?P<bm>{_M_FULL})",
    # the 2020-2022 war / between 2019-21 (context checked in Python, as for a year)
    rf"(?P<yr>(?:(?P<yr_the>{_THE})\s+)?(?<![.,/:$#\u00a3\u20ac\d])(?P<yr_a>(?:19|20)\d\d)[-\u2013]"
    r"(?P<yr_b>(?:19|20)?\d\d)(?![\w\u2013-]|[.,]\d))",
    # in 2024 / the 2003 invasion (context checked in Python)
    rf"(?P<by>(?:(?P<by_the>{_THE})\s+)?(?<![.,/:$#\u00a3\u20ac])(?P<by_y>{_YEAR}))",
)

_PREP_WORDS = _words(
    "on in at during throughout over since until till by before after from through between "
    "around and to or"
)
_PREP = "(?P<prep>" + _ci(*_PREP_WORDS) + ")"


def _trie(words: list[str]) -> str:
    """A regex matching exactly `words`, factored by prefix.

    The regex engine tests the first literal of each branch before entering it, so a
    factored list rejects a non-matching word after one or two character comparisons
    instead of trying every word in turn.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        keys = sorted(k for k in node if k)
        if not keys:
            return ""
        alts = [re.escape(k) + emit(node[k]) for k in keys]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


def _both_cases(words: list[str]) -> list[str]:
    return [v for w in words for v in (w, w[0].upper() + w[1:])]


# Every match begins with one of these words (after an optional preposition); the
# lookahead built from them lets the scan skip ordinary words cheaply, which is what
# keeps a sentence without a date at a few microseconds.
_STARTERS = _both_cases(
    [
        *_words(
            """
            early mid late end beginning start middle first second third fourth final last
            this next past earlier later yesterday today tonight tomorrow overnight spring
            summer autumn fall couple
            """
        ),
        *(w for w in _NUM_WORDS if w not in ("a", "an")),  # "a"/"an": see _GATE
    ]
)
_STARTERS += [*_MONTH_NAMES, *_WEEKDAY_NAMES]
_STARTERS += _words(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun"
)
_AFTER_THE = _both_cases(
    _words(
        "end beginning start middle first second third fourth "
        "last final past weekend spring summer autumn fall"
    )
)
_GATE = (
    r"(?=(?:"
    + _trie(_both_cases(_PREP_WORDS))
    + r"\s+)?(?:\d|"
    + _trie(_STARTERS)
    + r"\b|[Tt]he\s+(?:\d|"
    + _trie(_AFTER_THE)
    + r"\b)|[Aa]n?\s+(?:[Cc]ouple|[Hh]our|[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)))"
)
# Compiled on first use: kb.readers imports this module for parse_published, and a
# command that reads no sentence should not pay for compiling the scan.
_RX = LazyPattern(r"\b" + _GATE + r"(?:" + _PREP + r"\s+)?(?:" + "|".join(_ALTERNATIVES) + ")")

# Prepositions kept inside the span: they do not change what the date means.
_PREP_IN_SPAN = frozenset({"on", "in", "at", "during", "throughout", "over"})
# Prepositions that license a month name alone ("in May") or a year alone ("in 2024").
_MONTH_CONTEXT = frozenset(
    _words("in during throughout since until till by before after from through between around")
)
_YEAR_CONTEXT = _MONTH_CONTEXT
# These only continue a date range or list begun just before ("from 2019 to 2021").
_CHAIN_PREPS = frozenset({"and", "to", "or", "through", "until", "till"})
# "between X and Y", "from X to Y": the two dates bound one interval.
_RANGE_STARTS = frozenset({"between", "from"})
_RANGE_ENDS = frozenset({"and", "to", "through", "until", "till"})
# Words that make a four-digit number a count, not a year ("in 2000 homes").
_COUNT_NOUNS = frozenset(
    _words(
        """
        people persons civilians troops soldiers fighters militants insurgents rebels
        residents refugees families homes houses buildings children women men members
        casualties deaths dead killed wounded injured rockets missiles drones shells rounds
        bombs prisoners detainees hostages migrants workers police officers personnel
        vehicles tanks trucks tons tonnes km kilometres kilometers miles metres meters feet
        dollars euros pounds votes voters cases acres hectares villages targets sorties
        strikes attacks incidents
        """
    )
)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")
_POSSESSIVE = re.compile(r"['\u2019]s\b")


class _Unresolvable(Exception):
    """A relative expression with no publication date to resolve it against."""


@dataclass
class _Res:
    lo: dt.date
    hi: dt.date
    unit: str  # day, month, year or range
    basis: str


# --- calendar helpers ---------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _month_shift(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _minus_months(day: dt.date, k: int) -> dt.date:
    y, m = _month_shift(day.year, day.month, -k)
    return dt.date(y, m, min(day.day, _month_end(y, m).day))


def _month_part(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    end = _month_end(year, month).day
    lo, hi = {
        "early": (1, 10),
        "mid": (11, 20),
        "late": (21, end),
        "first": (1, 15),
        "second": (16, end),
        "whole": (1, end),
    }[part]
    return dt.date(year, month, lo), dt.date(year, month, hi)


def _year_part(year: int, part: str) -> tuple[dt.date, dt.date]:
    m_lo, m_hi = {
        "early": (1, 4),
        "mid": (5, 8),
        "late": (9, 12),
        "first": (1, 6),
        "second": (7, 12),
        "whole": (1, 12),
    }[part]
    return dt.date(year, m_lo, 1), _month_end(year, m_hi)


def _week_part(monday: dt.date, part: str) -> tuple[dt.date, dt.date]:
    lo, hi = {
        "early": (0, 1),
        "mid": (2, 3),
        "late": (4, 6),
        "first": (0, 2),
        "second": (3, 6),
        "whole": (0, 6),
    }[part]
    return monday + dt.timedelta(days=lo), monday + dt.timedelta(days=hi)


def _part_kind(phrase: str) -> str:
    p = phrase.lower()
    if p.startswith("early") or "beginning" in p or "start" in p:
        return "early"
    if p.startswith("mid") or "middle" in p:
        return "mid"
    if p.startswith("late") or "end" in p:
        return "late"
    return "first" if "first" in p else "second"


def _number(word: str) -> int:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if "couple" in w:
        return 2
    return _NUM_WORDS[w]


def _span(text: str | None, res: _Res) -> TimeSpan:
    """Build the TimeSpan, choosing `value` and `precision` from the unit (see module doc)."""
    lo, hi, unit = res.lo, res.hi, res.unit
    if unit == "range":
        if lo == hi:
            unit = "day"
        elif (lo.year, lo.month) == (hi.year, hi.month):
            unit = "month"
        else:
            unit = "year"
            if lo.year != hi.year:
                # Across New Year: name the year that holds most of the interval.
                lo_for_value = lo + (hi - lo) / 2
                return TimeSpan(text, f"{lo_for_value.year:04d}", "year", lo, hi, res.basis)
    if unit == "day":
        value = lo.isoformat()
    elif unit == "month":
        value = f"{lo.year:04d}-{lo.month:02d}"
    else:
        value = f"{lo.year:04d}"
    return TimeSpan(text, value, unit, lo, hi, res.basis)


# --- resolution ------------------------------------------------------------------------


class _Resolver:
    """Resolves one regex match against a publication date and tense."""

    def __init__(self, published: dt.date | None, tense: str, anchor: dt.date | None) -> None:
        if tense not in TENSES:
            raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
        self.pub = published
        self.past = tense == "past"
        # Only used without a publication date, and only to give a year (see find_dates).
        self.anchor = anchor if published is None else None

    def need_pub(self) -> dt.date:
        if self.pub is None:
            raise _Unresolvable
        return self.pub

    def pick_year(
        self, bounds_for_year: Callable[[int], tuple[dt.date, dt.date]]
    ) -> tuple[dt.date, dt.date] | None:
        """The occurrence on or before publication (past) or on or after it (future).

        `bounds_for_year(year)` returns (lo, hi) or raises ValueError when the date does
        not exist that year (29 February), so leap days look back to the last leap year.
        """
        if self.pub is None and self.anchor is not None:
            return self._nearest_to_anchor(bounds_for_year)
        pub = self.need_pub()
        step = -1 if self.past else 1
        for year in range(pub.year, pub.year + step * 10, step):
            try:
                lo, hi = bounds_for_year(year)
            except ValueError:
                continue
            if (self.past and lo <= pub) or (not self.past and hi >= pub):
                return lo, hi
        return None

    def _nearest_to_anchor(
        self, bounds_for_year: Callable[[int], tuple[dt.date, dt.date]]
    ) -> tuple[dt.date, dt.date] | None:
        """The occurrence closest to the anchor date (earlier one on a tie).

        The anchor is a date the article states elsewhere, not its publication date, so
        the expression may lie on either side of it ("on 4 March 2025 ... on 5 March").
        """
        anchor = self.anchor
        best: tuple[int, tuple[dt.date, dt.date]] | None = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                lo, hi = bounds_for_year(year)
            except ValueError:
                continue
            gap = max((lo - anchor).days, (anchor - hi).days, 0)
            if best is None or gap < best[0]:
                best = (gap, (lo, hi))
        return best[1] if best else None

    def cap(self, lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
        """Cut 'this week/month/year' at publication: in past tense it has not happened yet."""
        pub = self.need_pub()
        if self.past and lo <= pub < hi:
            return lo, pub
        if not self.past and lo < pub <= hi:
            return pub, hi
        return lo, hi

    # Each handler returns a _Res, or None when the match is not a date after all.

    def iso(self, g: dict[str, str | None]) -> _Res | None:
        day = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        return _Res(day, day, "day", "explicit")

    def day_month(self, month_s: str, d1: str, d2: str | None, year_s: str | None) -> _Res | None:
        month = _MONTH_NUM[month_s.rstrip(".").lower()]
        first = int(re.match(r"\d+", d1).group())
        last = int(re.match(r"\d+", d2).group()) if d2 else first
        if last < first:
            return None

        def bounds(year: int) -> tuple[dt.date, dt.date]:
            return dt.date(year, month, first), dt.date(year, month, last)

        unit = "day" if first == last else "range"
        if year_s:
            lo, hi = bounds(int(year_s))
            return _Res(lo, hi, unit, "explicit")
        found = self.pick_year(bounds)
        return _Res(*found, unit, "relative") if found else None

    def month_bounds(self, month: int, year_s: str | None, part: str) -> _Res | None:
        if year_s:
            return _Res(*_month_part(int(year_s), month, part), "month", "explicit")
        found = self.pick_year(lambda y: _month_part(y, month, part))
        return _Res(*found, "month", "relative") if found else None

    def unit_bounds(self, mod: str, unit: str) -> tuple[dt.date, dt.date]:
        """The week, month or year that 'last/this/next <unit>' names (before capping)."""
        pub = self.need_pub()
        k = {"last": -1, "this": 0, "next": 1}[mod]
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=k)
            return monday, monday + dt.timedelta(days=6)
        if unit == "month":
            y, m = _month_shift(pub.year, pub.month, k)
            return dt.date(y, m, 1), _month_end(y, m)
        return dt.date(pub.year + k, 1, 1), dt.date(pub.year + k, 12, 31)

    def part(self, g: dict[str, str | None]) -> _Res | None:
        kind = _part_kind(g["part_p"])
        if g["part_m"]:
            return self.month_bounds(_MONTH_NUM[g["part_m"].lower()], g["part_my"], kind)
        if g["part_y"]:
            return _Res(*_year_part(int(g["part_y"]), kind), "year", "explicit")
        mod = g["part_rel"].lower()
        mod = "this" if mod == "the" else mod
        unit = g["part_u"].lower()
        lo, hi = self.unit_bounds(mod, unit)
        if unit == "week":
            lo, hi = _week_part(lo, kind)
        elif unit == "month":
            lo, hi = _month_part(lo.year, lo.month, kind)
        else:
            lo, hi = _year_part(lo.year, kind)
        if mod == "this":
            lo, hi = self.cap(lo, hi)
        return _Res(lo, hi, "range" if unit == "week" else unit, "relative")

    def week_of_month(self, g: dict[str, str | None]) -> _Res | None:
        month = _MONTH_NUM[g["wo_m"].lower()]
        n = g["wo_n"].lower()

        def bounds(year: int) -> tuple[dt.date, dt.date]:
            if n in ("last", "final"):
                end = _month_end(year, month)
                return end - dt.timedelta(days=6), end
            first = {"first": 1, "second": 8, "third": 15, "fourth": 22}[n]
            return dt.date(year, month, first), dt.date(year, month, first + 6)

        if g["wo_y"]:
            return _Res(*bounds(int(g["wo_y"])), "month", "explicit")
        found = self.pick_year(bounds)
        return _Res(*found, "month", "relative") if found else None

    def season(self, g: dict[str, str | None]) -> _Res | None:
        name = g["se_s"].lower()
        first_month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}[name]
        mod = (g["se_mod"] or "").lower()
        if not mod and not g["se_y"]:
            return None  # "the fall of Kabul", "in the summer": no year to anchor

        def bounds(year: int) -> tuple[dt.date, dt.date]:
            lo, hi = dt.date(year, first_month, 1), _month_end(year, first_month + 2)
            if mod in ("early", "mid", "late"):
                month = first_month + {"early": 0, "mid": 1, "late": 2}[mod]
                lo, hi = dt.date(year, month, 1), _month_end(year, month)
            return lo, hi

        if g["se_y"]:
            return _Res(*bounds(int(g["se_y"])), "year", "explicit")
        pub = self.need_pub()
        if mod == "last":
            # The latest season already over at publication.
            year = pub.year if bounds(pub.year)[1] < pub else pub.year - 1
        elif mod == "next":
            year = pub.year if bounds(pub.year)[0] > pub else pub.year + 1
        elif mod == "this":
            lo, hi = self.cap(*bounds(pub.year))
            return _Res(lo, hi, "year", "relative")
        else:
            found = self.pick_year(bounds)
            return _Res(*found, "year", "relative") if found else None
        return _Res(*bounds(year), "year", "relative")

    def rel_month(self, g: dict[str, str | None]) -> _Res | None:
        pub = self.need_pub()
        month = _MONTH_NUM[g["rm_m"].lower()]
        mod = g["rm_mod"].lower()
        if mod == "this":
            lo, hi = self.cap(dt.date(pub.year, month, 1), _month_end(pub.year, month))
            return _Res(lo, hi, "month", "relative")
        if mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:  # "last July": the latest July before the publication month
            year = pub.year if month < pub.month else pub.year - 1
        return _Res(dt.date(year, month, 1), _month_end(year, month), "month", "relative")

    def rel_day(self, g: dict[str, str | None]) -> _Res | None:
        pub = self.need_pub()
        word = " ".join(g["rd_w"].lower().split())
        one = dt.timedelta(days=1)
        # "overnight" is the night that ends on the publication day; wire services date
        # it by that day, and so do we.
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        day = pub + offset * one
        return _Res(day, day, "day", "relative")

    def rolling(self, g: dict[str, str | None]) -> _Res | None:
        n_s = g["roll_n1"] or g["roll_n2"]
        unit = g["roll_u"].lower().rstrip("s")
        if n_s is None and unit not in ("week", "month", "year"):
            return None  # "the last days of the siege": not a measured interval
        pub = self.need_pub()
        n = _number(n_s) if n_s else 1
        if unit == "hour":
            lo = pub - dt.timedelta(days=-(-n // 24))
        elif unit == "day":
            lo = pub - dt.timedelta(days=n)
        elif unit == "week":
            lo = pub - dt.timedelta(weeks=n)
        elif unit == "month":
            lo = _minus_months(pub, n)
        else:
            lo = _minus_months(pub, 12 * n)
        return _Res(lo, pub, "range", "relative")

    def ago(self, g: dict[str, str | None]) -> _Res | None:
        pub = self.need_pub()
        n = _number(g["ago_n"])
        unit = g["ago_u"].lower().rstrip("s")
        if unit == "hour":
            return _Res(
                pub - dt.timedelta(days=-(-n // 24)),
                pub - dt.timedelta(days=n // 24),
                "range",
                "relative",
            )
        if unit == "day":
            day = pub - dt.timedelta(days=n)
            return _Res(day, day, "day", "relative")
        if unit == "week":
            then = pub - dt.timedelta(weeks=n)
            monday = then - dt.timedelta(days=then.weekday())
            return _Res(monday, monday + dt.timedelta(days=6), "range", "relative")
        if unit == "month":
            y, m = _month_shift(pub.year, pub.month, -n)
            return _Res(dt.date(y, m, 1), _month_end(y, m), "month", "relative")
        year = pub.year - n
        return _Res(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "relative")

    def weekend(self, which: str) -> _Res:
        """which: 'last', 'this' (tense decides), 'coming' or 'next'."""
        pub = self.need_pub()
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # latest Sat <= pub
        in_weekend = pub.weekday() >= 5
        one_week = dt.timedelta(weeks=1)
        if which == "this":
            if self.past:
                return _Res(
                    saturday, min(saturday + dt.timedelta(days=1), pub), "range", "relative"
                )
            which = "coming"
        if which == "last":
            start = saturday - one_week if in_weekend else saturday
        elif which == "coming":
            start = saturday if in_weekend else saturday + one_week
            return _Res(max(start, pub), start + dt.timedelta(days=1), "range", "relative")
        else:  # next
            start = saturday + one_week
        return _Res(start, start + dt.timedelta(days=1), "range", "relative")

    def rel(self, g: dict[str, str | None]) -> _Res | None:
        pub = self.need_pub()
        mod = " ".join(g["rel_mod"].lower().split())
        unit = g["rel_u"].lower()
        if unit == "weekend":
            which = {"this past": "last", "earlier this": "this", "later this": "coming"}
            return self.weekend(which.get(mod, mod))
        if mod == "this past":
            if unit == "week":  # "this past week": the last seven days
                return _Res(pub - dt.timedelta(weeks=1), pub, "range", "relative")
            mod = "last"
        base = "this" if mod in ("earlier this", "later this") else mod
        lo, hi = self.unit_bounds(base, unit)
        if mod == "earlier this":
            hi = pub
        elif mod == "later this":
            lo = pub
        elif mod == "this":
            lo, hi = self.cap(lo, hi)
        return _Res(lo, hi, "range" if unit == "week" else unit, "relative")

    def weekday(self, g: dict[str, str | None]) -> _Res | None:
        pub = self.need_pub()
        target = _WEEKDAY_NUM[g["wd_d"].lower()]
        mod = " ".join((g["wd_mod"] or "").lower().split())
        back = (pub.weekday() - target) % 7  # days back to the latest such day <= pub
        ahead = (target - pub.weekday()) % 7
        if mod in ("last", "this past"):
            offset = -(back or 7)
        elif mod == "next":
            offset = ahead or 7
        else:  # bare, "this", "late", "early": tense decides
            offset = -back if self.past else ahead
        day = pub + dt.timedelta(days=offset)
        return _Res(day, day, "day", "relative")


def _accept_year(text: str, end: int, the: bool, prep: str | None, chained: bool) -> bool:
    """Whether a bare four-digit number is used as a year (see module doc)."""
    nxt = _NEXT_WORD.match(text, end)
    word = nxt.group(1).lower() if nxt else None
    if word in _COUNT_NOUNS:
        return False
    if the:
        return word is not None  # "the 2003 invasion", not "the 2003" alone
    if prep is None:
        return False
    return prep in _YEAR_CONTEXT or (prep in _CHAIN_PREPS and chained)


#: "the night of October 13 to 14", "the night of 13-14 October" (the day it ends on).
_NIGHT_OF = re.compile(r"\bnight\s+of\s+(?:the\s+)?$", re.I)
_NIGHT_TO = re.compile(r"\s*(?:to|into|-|\u2013)\s*(\d{1,2})(?:st|nd|rd|th)?\b", re.I)


def _scan(
    text: str,
    published: dt.date | None,
    tense: str,
    anchor: dt.date | None = None,
    whole_phrase: bool = False,
) -> list[tuple[int, int, TimeSpan]]:
    resolver = _Resolver(published, tense, anchor)
    out: list[tuple[int, int, TimeSpan]] = []
    prev_end: int | None = None
    prev_prep: str | None = None
    for m in _RX.finditer(text):
        kind = m.lastgroup
        g = m.groupdict()
        prep = g["prep"].lower() if g["prep"] else None
        chained = prev_end is not None and text[prev_end : m.start()].strip(" ,") == ""
        start, end = m.start(kind), m.end()
        if kind == "bm":
            ok = prep in _MONTH_CONTEXT or (prep in _CHAIN_PREPS and chained)
            if not (ok or whole_phrase):
                continue
        elif kind == "by":
            the = g["by_the"] is not None
            if not (whole_phrase or _accept_year(text, end, the, prep, chained)):
                continue
            if the:  # "in the 2003 invasion": the span is just "2003"
                start, prep = m.start("by_y"), None
        elif kind == "yr":
            the = g["yr_the"] is not None
            if not (whole_phrase or _accept_year(text, end, the, prep, chained)):
                continue
            if the:  # "the 2020-2022 war": the span is the years
                start, prep = m.start("yr_a"), None
        elif kind == "dmy" and g["dmy_of"] and not (g["dmy_the"] or g["dmy_d"][-1].isalpha()):
            continue  # "5 of May" is a count; "the 5th of May" is a date
        if prep in _PREP_IN_SPAN and not _POSSESSIVE.match(text, end):
            start = m.start("prep")
        try:
            res = _dispatch(resolver, kind, g)
        except _Unresolvable:
            out.append((start, end, TimeSpan(text=text[start:end])))
            prev_end = end
            continue
        except (ValueError, OverflowError):
            # An impossible date ("February 30, 2025") or one beyond datetime's range.
            continue
        if res is None or res.lo > res.hi:
            continue
        if (
            kind in ("mdy", "dmy")
            and res.lo == res.hi
            and "night" in text[max(0, start - 30) : start]
            and _NIGHT_OF.search(text, max(0, start - 30), start)
        ):
            # "on the night of October 13 to 14": the night is dated by the morning it
            # ends on, as "overnight" is
            nxt = _NIGHT_TO.match(text, end)
            following = res.lo + dt.timedelta(days=1)
            if nxt is not None and int(nxt.group(1)) == following.day:
                res = _Res(following, following, "day", res.basis)
                end = nxt.end()
        elif (
            kind in ("mdy", "dmy")
            and res.hi - res.lo == dt.timedelta(days=1)
            and "night" in text[max(0, start - 30) : start]
            and _NIGHT_OF.search(text, max(0, start - 30), start)
        ):
            res = _Res(res.hi, res.hi, "day", res.basis)  # "the night of 13-14 October"
        if chained and prep in _RANGE_ENDS and prev_prep in _RANGE_STARTS and out:
            # "between August 1 and August 6", "from May 3 to May 9": one interval.
            first_start, _, first = out[-1]
            # (Years apart, "from 2019 to 2021" stays two dates: no one year names it.)
            if first.earliest and first.earliest <= res.hi and first.earliest.year == res.hi.year:
                basis = "explicit" if "explicit" in (first.basis, res.basis) else res.basis
                joined = _Res(first.earliest, res.hi, "range", basis)
                out[-1] = (first_start, end, _span(text[first_start:end], joined))
                prev_end, prev_prep = end, prep
                continue
        out.append((start, end, _span(text[start:end], res)))
        prev_end, prev_prep = end, prep
    return out


def _dispatch(r: _Resolver, kind: str | None, g: dict[str, str | None]) -> _Res | None:
    if kind == "iso":
        return r.iso(g)
    if kind == "mdy":
        return r.day_month(g["mdy_m"], g["mdy_d"], g["mdy_d2"], g["mdy_y"])
    if kind == "num":
        day, month = int(g["num_d"]), int(g["num_m"])
        if g["num_s"] == "/" and day <= 12:
            return None  # "11/10/2026": day-first or month-first, nothing tells
        when = dt.date(int(g["num_y"]), month, day)
        return _Res(when, when, "day", "explicit")
    if kind == "dmy":
        return r.day_month(g["dmy_m"], g["dmy_d"], g["dmy_d2"], g["dmy_y"])
    if kind == "part":
        return r.part(g)
    if kind == "wo":
        return r.week_of_month(g)
    if kind == "my":
        month = _MONTH_NUM[g["my_m"].rstrip(".").lower()]
        return r.month_bounds(month, g["my_y"], "whole")
    if kind == "se":
        return r.season(g)
    if kind == "rm":
        return r.rel_month(g)
    if kind == "rd":
        return r.rel_day(g)
    if kind == "roll":
        return r.rolling(g)
    if kind == "ago":
        return r.ago(g)
    if kind == "rel":
        return r.rel(g)
    if kind == "wkend":
        return r.weekend("this")
    if kind == "wd":
        return r.weekday(g)
    if kind == "bm":
        return r.month_bounds(_MONTH_NUM[g["bm"].lower()], None, "whole")
    if kind == "yr":
        first = int(g["yr_a"])
        last = int(g["yr_b"]) if len(g["yr_b"]) == 4 else first // 100 * 100 + int(g["yr_b"])
        if last <= first:
            return None
        return _Res(dt.date(first, 1, 1), dt.date(last, 12, 31), "range", "explicit")
    if kind == "by":
        year = int(g["by_y"])
        return _Res(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit")
    return None


# --- public API ------------------------------------------------------------------------


def find_dates(
    text: str,
    published: dt.date | None,
    *,
    tense: str = "past",
    anchor: dt.date | None = None,
) -> list[tuple[int, int, TimeSpan]]:
    """All time expressions in a sentence.

    Args:
        text: A sentence (any text works; it is scanned once with a precompiled regex).
        published: The article's publication date, used to resolve relative expressions.
            Without it, relative expressions come back with basis ``unknown``.
        tense: ``"past"`` (news default) resolves a date without a year, or a weekday, to
            its occurrence on or before publication; ``"future"`` to one on or after it.
        anchor: Only used when `published` is None: a full date the article states
            elsewhere (see :func:`anchor_date`). It gives a year to calendar dates without
            one ("on 5 March", "in late January"), taking the occurrence nearest to it.
            Expressions that count from the day of writing ("yesterday", "on Tuesday",
            "last week") stay unresolved, because the anchor is not that day.

    Returns:
        ``(start, end, span)`` for each expression in text order, where ``span.text`` is
        ``text[start:end]``. The span includes a leading "on"/"in"/"at"/"during"/"over"/
        "throughout" but not prepositions that change the meaning ("since", "before", ...).

    Raises:
        ValueError: `tense` is not "past" or "future" (a programming error).
    """
    return _scan(text, published, tense, anchor)


def anchor_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) stated in a text, e.g. an article body.

    For articles without a publication date: pass it as ``anchor`` to :func:`find_dates`.

    Args:
        text: The article text (or its first paragraphs).

    Returns:
        The date, or None when the text states no full date.
    """
    for _, _, span in _scan(text, None, "past"):
        if span.basis == "explicit" and span.precision == "day":
            return span.earliest
    return None


def normalize_date(
    phrase: str, published: dt.date | None, *, tense: str = "past"
) -> TimeSpan | None:
    """One date phrase, e.g. a header's or a data set's date string.

    Accepts everything :func:`find_dates` finds, a month or year standing alone ("June",
    "2024"), and any publication-date format :func:`parse_published` reads.

    Args:
        phrase: The phrase; surrounding text is ignored after the first date in it.
        published: Publication date for relative phrases.
        tense: As in :func:`find_dates`.

    Returns:
        The span of the first date in the phrase, or None when it holds no date.
    """
    if not phrase or not phrase.strip():
        return None
    found = _scan(phrase.strip(), published, tense, whole_phrase=True)
    if found:
        return found[0][2]
    try:
        day = parse_published(phrase)
    except InputError:
        return None
    if day is None:
        return None
    return _span(phrase.strip(), _Res(day, day, "day", "explicit"))


_UNKNOWN_WORDS = frozenset({"", "unknown", "none", "null", "n/a", "na", "-", "?", "undated"})
_RFC2822_HINT = re.compile(r"\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}")
_NUMERIC_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")


def parse_published(value: str) -> dt.date | None:
    """A publication date from a header, meta tag or feed.

    Reads ISO 8601 dates and datetimes (with or without zone), RFC 822/2822
    ("Tue, 20 May 2025 10:00:00 GMT"), "20 May 2025", "May 20, 2025" and "2025/05/20";
    dateparser is tried last for other absolute formats. A datetime keeps the calendar
    date written in its own zone, because that is the day the article's "yesterday" and
    "today" refer to.

    Args:
        value: The raw string.

    Returns:
        The date, or None for an empty value or "unknown".

    Raises:
        InputError: The value is not a date, or gives no day (e.g. "May 2025").
    """
    s = (value or "").strip()
    if s.lower() in _UNKNOWN_WORDS:
        return None
    # ISO 8601 first: the common case in JSON, meta tags and Atom feeds.
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        pass
    if _RFC2822_HINT.search(s):
        try:
            return email.utils.parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            pass
    m = _NUMERIC_YMD.fullmatch(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise InputError(f"publication date {value!r} is not a valid date: {exc}") from exc
    found = _scan(s, None, "past", whole_phrase=True)
    for _, _, span in found:
        if span.basis == "explicit" and span.precision == "day" and span.earliest:
            return span.earliest
    if len(found) == 1 and found[0][2].basis == "explicit" and found[0][2].text == s:
        raise InputError(
            f"publication date {value!r} gives no day; give a full date such as 2025-05-20, "
            "or leave it empty if the day is unknown"
        )
    day = _dateparser(s)
    if day is None:
        raise InputError(
            f"cannot read publication date {value!r}: use ISO 8601 (2025-05-20 or "
            "2025-05-20T10:00:00Z), RFC 2822 (Tue, 20 May 2025 10:00:00 GMT) or '20 May 2025'"
        )
    return day


# Languages dateparser may try: the usual languages of conflict and security news. Letting
# it detect among all of its ~200 locales costs seconds on the first call.
_DATEPARSER_LANGUAGES = _words("en fr de es it pt nl ru uk tr ar fa he")


def _dateparser(s: str) -> dt.date | None:
    """Absolute dates in other formats and languages; slow, so only used as a last resort."""
    import dateparser  # imported here: loading its language data costs about a second

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        # Only absolute forms: "yesterday" is not a publication date, and this keeps the
        # result independent of the clock.
        "PARSERS": ["custom-formats", "absolute-time"],
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    }
    try:
        parsed = dateparser.parse(s, languages=_DATEPARSER_LANGUAGES, settings=settings)
    except Exception:  # noqa: BLE001 - a third-party parser; any failure means "not a date"
        return None
    return parsed.date() if parsed else None


def publication_span(published: dt.date | None) -> TimeSpan:
    """The fallback span for an event with no date of its own.

    Args:
        published: The article's publication date.

    Returns:
        Day precision at the publication date with basis ``publication``, or an empty span
        with basis ``unknown`` when there is no publication date.
    """
    if published is None:
        return TimeSpan(basis="unknown")
    return TimeSpan(
        text=None,
        value=published.isoformat(),
        precision="day",
        earliest=published,
        latest=published,
        basis="publication",
    )
