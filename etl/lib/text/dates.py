"""The one date parser of the project.

API:

- ``parse_date(text: str) -> PartialDate | None``: one date written in any common English form,
  with its precision; None when the text holds no readable date.
- ``parse_date_range(text: str) -> tuple[PartialDate, PartialDate] | None``: "June 5–8, 2001",
  "5–8 June 2001", "May 30 – June 2, 2001": first and last day.
- ``find_dates(text: str, *, years: bool = False) -> list[DateMatch]``: every date written in
  running prose, in order, with its character span, so callers can look at the words around it.
- ``date_at_start(text: str, *, years: bool = False) -> DateMatch | None``: the date a text
  opens with ("March 24, 1997 – DVD"), found without a scan when it opens with no digit nor
  month name.

How it works: a handful of regular expressions, one per written form (month-day-year,
day-month-year, ISO, month-year, the range forms, bare years), each find candidates anywhere in the
text. Candidates are then chosen longest first, skipping any that overlap a longer one already
chosen, so "June 5–8, 2001" beats "8, 2001"-like fragments and "October 27, 1995" beats
"October 1995"-like fragments and the bare year. A candidate that reads as an impossible calendar
date (February 30) still claims its span, so the bare year inside it is not reported instead.

Pure Python: no Dagster, no Polars.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.lib.model import DAY, MONTH, MONTH_PATTERN, MONTHS, YEAR, PartialDate, from_parts, month_number

# The calendar vocabulary (month names, dates from template fields) is defined in
# ``etl.lib.model`` so that the wiki layer below this one can build dates too; it is part of
# this parser's API.
__all__ = [
    "MONTH_PATTERN",
    "DateMatch",
    "date_at_start",
    "find_dates",
    "from_parts",
    "month_number",
    "parse_date",
    "parse_date_range",
]


@dataclass(frozen=True)
class DateMatch:
    """One date found in text. ``end_date`` is set when the text gives a range (then ``date`` is
    its first day). ``start``/``end`` index the text given to ``find_dates``; ``text`` is
    ``text[start:end]``."""

    date: PartialDate
    start: int
    end: int
    text: str
    end_date: PartialDate | None = None


# --- Building blocks --------------------------------------------------------------------------

# Longest first so "september" is tried before "sept" and "sep".
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))


# Same-length replacements only, so spans stay valid for the caller's string.
_SPACES = str.maketrans({c: " " for c in "\xa0\u2007\u2009\u200a\u202f"})

# Years 1000-2099: enough for any film, and keeps 4-digit counts like 5000 out.
_YEAR_RE = r"1\d{3}|20\d{2}"
_ANY_YEAR = re.compile(_YEAR_RE)  # the cheap test before the scan: no year, no date


def _mon(g: str) -> str:
    # A month name or abbreviation as a whole word, optionally followed by a period ("Oct.").
    return rf"(?<![a-z])(?P<{g}>{_MONTH_ALT})(?![a-z])\.?"


def _day(g: str) -> str:
    # 1 or 2 digits, not part of a longer number or a decimal; ordinal suffix allowed ("27th").
    return rf"(?<!\w)(?<!\d[.,])(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?!\w)"


def _year(g: str) -> str:
    # Not part of a longer number, a decimal ("1995.5") or a grouped number ("1995,000").
    return rf"(?<!\w)(?<!\d[.,])(?P<{g}>{_YEAR_RE})(?!\w)(?![.,]\d)"


def _iso(i: int) -> str:
    # 1995-10-27. Month and day are validated later, so "1995-02-30" is a (rejected) date.
    return rf"(?<![\w-])(?P<y{i}>{_YEAR_RE})-(?P<n{i}>\d\d)-(?P<d{i}>\d\d)(?![\w-])"


def _iso_month(i: int) -> str:
    # 1995-10 (only when parsing a single value: in prose "2009-10" is usually a season).
    return rf"(?<![\w-])(?P<y{i}>{_YEAR_RE})-(?P<n{i}>0[1-9]|1[0-2])(?![\w-])"


_TO_YEAR = r"(?:\s*,\s*|\s+)"  # "October 27, 1995", "27 October 1995", "October, 1995"
_OF = r"\s+(?:of\s+)?"  # "27 October", "27th of October"
# Range separators: hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus; words.
_DASH = r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*|\s+(?:to|through|thru|until|till)\s+)"


def _mdy(i: int) -> str:
    return _mon(f"m{i}") + r"\s*" + _day(f"d{i}") + _TO_YEAR + _year(f"y{i}")


def _dmy(i: int) -> str:
    return _day(f"d{i}") + _OF + _mon(f"m{i}") + _TO_YEAR + _year(f"y{i}")


def _my(i: int) -> str:
    return _mon(f"m{i}") + _TO_YEAR + _year(f"y{i}")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Single dates, in prose and in values.
_SINGLE = [_compile(p) for p in (_mdy(1), _dmy(1), _iso(1), _my(1))]
# Only when the whole text is one value (parse_date).
_VALUE_ONLY = [_compile(_iso_month(1))]

# Ranges. Group suffix 1 is the first date, 2 the last; a part the text leaves out (the year of
# the first date, the month of the first day in "5–8 June") is taken from the other date.
_RANGE_SOURCES = [
    # June 5–8, 2001
    _mon("m1") + r"\s*" + _day("d1") + _DASH + _day("d2") + _TO_YEAR + _year("y2"),
    # 5–8 June 2001
    _day("d1") + _DASH + _day("d2") + _OF + _mon("m2") + _TO_YEAR + _year("y2"),
    # May 30 – June 2, 2001
    _mon("m1") + r"\s*" + _day("d1") + _DASH + _mon("m2") + r"\s*" + _day("d2") + _TO_YEAR + _year("y2"),
    # 30 May – 2 June 2001
    _day("d1") + _OF + _mon("m1") + _DASH + _day("d2") + _OF + _mon("m2") + _TO_YEAR + _year("y2"),
    # May–June 2001
    _mon("m1") + _DASH + _mon("m2") + _TO_YEAR + _year("y2"),
    # May 2001 – June 2001
    _my(1) + _DASH + _my(2),
]
# Two complete day dates in any of the written forms: "December 28, 2001 – January 3, 2002".
_RANGE_SOURCES += [a(1) + _DASH + b(2) for a in (_mdy, _dmy, _iso) for b in (_mdy, _dmy, _iso)]
_RANGES = [_compile(p) for p in _RANGE_SOURCES]

# Cheap tests before the scan, each a part every pattern of its kind holds: a month name (the
# patterns with a month group), a range separator (every range).
_ANY_MONTH = _compile(_mon("m"))
_WITH_MONTH = frozenset(p for p in [*_RANGES, *_SINGLE] if "(?P<m" in p.pattern)
_ANY_DASH = _compile(_DASH)

# --- Bare years -------------------------------------------------------------------------------

_BARE_YEAR = _compile(_year("y1"))
# Never a year: money, a number sign, a page/issue/volume number.
_NOT_YEAR_BEFORE = _compile(
    r"(?:[$£€¥₹#№]|\b(?:p|pp|pg|page|pages|no|nos|number|vol|volume|issue|chapter|ch|sec|section|"
    r"track|episode|ep|item|art|article|row|line|lines|fig|figure|col|column)\.?)\s*$"
)
_NOT_YEAR_AFTER = _compile(r"\s*(?:%|percent\b|per\s+cent\b)")
# Words after which a bare number reads as a year even when a word follows it ("in 1995 people
# started..."); "(" too, as in "(1995 film)".
_YEAR_CUE_BEFORE = _compile(
    r"(?:\b(?:in|since|until|till|by|from|during|circa|ca|c|around|before|after|of|year|between|"
    r"early|mid|late|spring|summer|autumn|fall|winter)\.?[\s-]*|\(\s*)$"
)


def _bare_year_ok(text: str, start: int, end: int, strict: bool) -> bool:
    """Whether the 4-digit number at text[start:end] reads as a year.

    Always rejected: after a currency sign, '#', or a page/issue word; before '%'.
    In prose (``strict``) a year must also follow a cue word such as "in" or "since", or be
    followed by something other than a word: "1995 people" is a count, "in 1995" and
    "released 1995." are years.
    """
    before = text[max(0, start - 20) : start]
    if _NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(text, end):
        return False
    if not strict:
        return True
    if _YEAR_CUE_BEFORE.search(before):
        return True
    rest = text[end:].lstrip()
    return not rest or not rest[0].isalnum()


# --- Interpretation ---------------------------------------------------------------------------


class _Invalid(Exception):
    """The text has the shape of a date but names no real calendar day (February 30)."""


def _month_of(g: dict[str, str | None], i: int) -> int | None:
    name, number = g.get(f"m{i}"), g.get(f"n{i}")
    if name:
        return MONTHS[name.lower()]
    if number:
        return int(number)
    return None


def _make(year: int, month: int | None, day: int | None) -> PartialDate:
    try:
        if day is not None:
            if month is None:  # a day needs its month: no pattern yields one without the other
                raise _Invalid(f"day {day} without a month")
            return PartialDate(dt.date(year, month, day), DAY)
        if month is not None:
            return PartialDate(dt.date(year, month, 1), MONTH)
        return PartialDate(dt.date(year, 1, 1), YEAR)
    except ValueError as exc:
        raise _Invalid from exc


def _interpret(m: re.Match[str], is_range: bool) -> tuple[PartialDate, PartialDate | None] | None:
    """The date (and range end) a match names; None when a range runs backwards.
    Raises _Invalid for impossible calendar dates."""
    g = m.groupdict()
    if not is_range:
        d = g.get("d1")
        return _make(int(g["y1"]), _month_of(g, 1), int(d) if d else None), None

    m2 = _month_of(g, 2) or _month_of(g, 1)
    m1 = _month_of(g, 1) or m2
    d1, d2 = g.get("d1"), g.get("d2")
    y2 = int(g["y2"])
    end = _make(y2, m2, int(d2) if d2 else None)
    if g.get("y1"):
        start = _make(int(g["y1"]), m1, int(d1) if d1 else None)
    else:
        # The first date borrows the year of the last one; if that puts it after the last one,
        # the range crosses New Year ("December 28 – January 3, 2002").
        start = _make(y2, m1, int(d1) if d1 else None)
        if start.date > end.date and m1 != m2:
            start = _make(y2 - 1, m1, int(d1) if d1 else None)
    if start.date > end.date:
        return None
    return start, end


def _scan(text: str, *, years: bool, strict_years: bool, value_forms: bool) -> list[DateMatch]:
    """All dates in ``text``: candidates of every form, chosen longest first without overlap."""
    norm = text.translate(_SPACES)
    if not _ANY_YEAR.search(norm):
        return []  # every form holds a year
    # (start, end, date, end_date); date None marks an impossible date that still claims its span.
    candidates: list[tuple[int, int, PartialDate | None, PartialDate | None]] = []

    month = _ANY_MONTH.search(norm) is not None

    def add(patterns: list[re.Pattern[str]], is_range: bool) -> None:
        for pattern in patterns:
            if not month and pattern in _WITH_MONTH:
                continue
            for m in pattern.finditer(norm):
                try:
                    found = _interpret(m, is_range)
                except _Invalid:
                    candidates.append((m.start(), m.end(), None, None))
                    continue
                if found is not None:
                    candidates.append((m.start(), m.end(), *found))

    if _ANY_DASH.search(norm):
        add(_RANGES, True)
    add(_SINGLE, False)
    if value_forms:
        add(_VALUE_ONLY, False)
    if years:
        for m in _BARE_YEAR.finditer(norm):
            if _bare_year_ok(norm, m.start(), m.end(), strict_years):
                candidates.append((m.start(), m.end(), _make(int(m["y1"]), None, None), None))

    # Longest first; at equal length the earlier one.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, PartialDate | None, PartialDate | None]] = []
    claimed = bytearray(len(norm))  # 1 where a chosen candidate already sits
    for c in candidates:
        s, e = c[0], c[1]
        if claimed.find(1, s, e) == -1:
            taken.append(c)
            claimed[s:e] = b"\x01" * (e - s)
    taken.sort()
    return [
        DateMatch(date=d, start=s, end=e, text=text[s:e], end_date=ed)
        for s, e, d, ed in taken
        if d is not None
    ]


# --- Public API -------------------------------------------------------------------------------


def parse_date(text: str) -> PartialDate | None:
    """The first date written in ``text`` (a value such as an infobox field), or None.

    Accepts "October 27, 1995", "Oct. 27, 1995", "27th of October 1995", "1995-10-27",
    "1995-10" and "October 1995" (month precision), "1995" (year precision), with noise around
    ("c. 1995", "on October 27, 1995."). An impossible date ("February 30, 1995") gives None.
    For a range the first day is returned. The first date in the text wins, whatever its
    precision.
    """
    if not text:
        return None
    found = _scan(text, years=True, strict_years=False, value_forms=True)
    return found[0].date if found else None


def parse_date_range(text: str) -> tuple[PartialDate, PartialDate] | None:
    """First and last date of the first range written in ``text``: "June 5–8, 2001",
    "5–8 June 2001", "May 30 – June 2, 2001", "30 May – 2 June 2001",
    "December 28, 2001 – January 3, 2002", "May–June 2001". Separators: hyphen, en dash,
    em dash, "to", "through". None when the text holds no range (a single date is not a range:
    use ``parse_date``) or the range runs backwards.
    """
    if not text:
        return None
    for found in _scan(text, years=False, strict_years=False, value_forms=False):
        if found.end_date is not None:
            return found.date, found.end_date
    return None


def find_dates(text: str, *, years: bool = False) -> list[DateMatch]:
    """Every date written in running prose, in order, non-overlapping, longest form first.

    Day dates and month-year dates ("October 1995") are always found; ranges come back as one
    match with ``end_date`` set. Bare years ("in 1995") only with ``years=True``, and even then
    not after a currency sign or page word, not inside a longer number, and not when a word
    follows without a cue word before ("1995 people").
    ISO year-month ("2009-10") is not read in prose (it usually means a season).
    """
    if not text:
        return []
    return _scan(text, years=years, strict_years=True, value_forms=False)


_OPENS_WITH_MONTH = re.compile(rf"(?:{_MONTH_ALT})(?![a-z])", re.IGNORECASE)


def date_at_start(text: str, *, years: bool = False) -> DateMatch | None:
    """The date ``find_dates`` finds first in ``text`` when it stands at its very start
    ("March 24, 1997 – DVD"), else None. Every written form opens with a digit or a month
    name, so a text that opens with neither is not scanned."""
    if not text or not (text[0].isdigit() or _OPENS_WITH_MONTH.match(text)):
        return None
    found = find_dates(text, years=years)
    return found[0] if found and found[0].start == 0 else None
