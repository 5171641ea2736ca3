"""Tests of etl.lib.text.dates: tables of (input, expected), one case per row.

Expected values are read off the input text by hand: (year, month, day, precision).
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.model import DAY, MONTH, YEAR, PartialDate
from etl.lib.text import dates
from etl.lib.text.dates import DateMatch, date_at_start, find_dates, parse_date, parse_date_range


def D(y: int, m: int = 1, d: int = 1, precision: str = DAY) -> PartialDate:
    return PartialDate(dt.date(y, m, d), precision)


def M(y: int, m: int) -> PartialDate:
    return PartialDate(dt.date(y, m, 1), MONTH)


def Y(y: int) -> PartialDate:
    return PartialDate(dt.date(y, 1, 1), YEAR)


# --- parse_date -------------------------------------------------------------------------------

PARSE_DATE_CASES = [
    # label, input, expected
    ("mdy", "October 27, 1995", D(1995, 10, 27)),
    ("mdy abbreviation with period", "Oct. 27, 1995", D(1995, 10, 27)),
    ("mdy abbreviation without period", "Oct 27, 1995", D(1995, 10, 27)),
    ("mdy ordinal", "October 27th, 1995", D(1995, 10, 27)),
    ("mdy no comma", "October 27 1995", D(1995, 10, 27)),
    ("mdy lower case", "october 27, 1995", D(1995, 10, 27)),
    ("mdy upper case", "OCTOBER 27, 1995", D(1995, 10, 27)),
    ("mdy sept", "Sept. 5, 2001", D(2001, 9, 5)),
    ("mdy sep", "Sep 5, 2001", D(2001, 9, 5)),
    ("mdy first of month", "March 1, 2001", D(2001, 3, 1)),
    ("dmy", "27 October 1995", D(1995, 10, 27)),
    ("dmy ordinal of", "27th of October 1995", D(1995, 10, 27)),
    ("dmy abbreviation", "27 Oct 1995", D(1995, 10, 27)),
    ("dmy 1st", "1st March 2001", D(2001, 3, 1)),
    ("dmy 2nd", "2nd June 1953", D(1953, 6, 2)),
    ("dmy 3rd", "3rd Dec. 1999", D(1999, 12, 3)),
    ("dmy comma before year", "27 October, 1995", D(1995, 10, 27)),
    ("iso", "1995-10-27", D(1995, 10, 27)),
    ("iso year-month", "1995-10", M(1995, 10)),
    ("month year", "October 1995", M(1995, 10)),
    ("month abbreviation year", "Oct. 1995", M(1995, 10)),
    ("may as a month", "May 2001", M(2001, 5)),
    ("bare year", "1995", Y(1995)),
    ("circa year", "c. 1995", Y(1995)),
    ("season year", "Spring 1995", Y(1995)),
    ("noise around", "on October 27, 1995.", D(1995, 10, 27)),
    ("weekday and place", "Friday, October 27, 1995 (Tokyo)", D(1995, 10, 27)),
    ("month year with territory", "October 1995 (United States)", M(1995, 10)),
    ("nbsp dmy", "27\xa0October\xa01995", D(1995, 10, 27)),
    ("nbsp mdy", "October\xa027,\xa01995", D(1995, 10, 27)),
    ("leap day", "February 29, 1996", D(1996, 2, 29)),
    ("first of several", "October 27, 1995 (Japan)\nMarch 8, 1996 (United States)", D(1995, 10, 27)),
    ("range gives first day", "June 5–8, 2001", D(2001, 6, 5)),
    # Negative cases.
    ("february 30", "February 30, 1995", None),
    ("not a leap year", "February 29, 1995", None),
    ("iso february 30", "1995-02-30", None),
    ("day 32", "October 32, 1995", None),
    ("empty", "", None),
    ("no date", "TBA", None),
    ("words only", "unknown release date", None),
    ("money is not a year", "$1995", None),
    ("month without year", "October 27", None),
    ("number too long", "19955", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in PARSE_DATE_CASES], ids=[c[0] for c in PARSE_DATE_CASES]
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# --- parse_date_range -------------------------------------------------------------------------

PARSE_RANGE_CASES = [
    ("mdy en dash", "June 5–8, 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("mdy hyphen", "June 5-8, 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("mdy em dash", "June 5—8, 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("mdy to", "June 5 to 8, 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("dmy en dash", "5–8 June 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("dmy spaced hyphen", "5 - 8 June 2001", (D(2001, 6, 5), D(2001, 6, 8))),
    ("mdy across months", "May 30 – June 2, 2001", (D(2001, 5, 30), D(2001, 6, 2))),
    ("dmy across months", "30 May – 2 June 2001", (D(2001, 5, 30), D(2001, 6, 2))),
    ("dmy across months to", "30 May to 2 June 2001", (D(2001, 5, 30), D(2001, 6, 2))),
    ("full dates across years", "December 28, 2001 – January 3, 2002", (D(2001, 12, 28), D(2002, 1, 3))),
    ("dmy full dates across years", "28 December 2001 – 3 January 2002", (D(2001, 12, 28), D(2002, 1, 3))),
    ("first year implied across new year", "December 28 – January 3, 2002", (D(2001, 12, 28), D(2002, 1, 3))),
    ("iso dates", "2001-06-05 – 2001-06-08", (D(2001, 6, 5), D(2001, 6, 8))),
    ("month range", "May–June 2001", (M(2001, 5), M(2001, 6))),
    ("noise around", "held June 5–8, 2001 in Cannes", (D(2001, 6, 5), D(2001, 6, 8))),
    ("nbsp", "June\xa05–8,\xa02001", (D(2001, 6, 5), D(2001, 6, 8))),
    # Negative cases.
    ("single date is not a range", "June 5, 2001", None),
    ("backwards", "June 8–5, 2001", None),
    ("invalid last day", "June 5–31, 2001", None),
    ("no date", "to be announced", None),
    ("empty", "", None),
    ("year span is not read as a date range", "1995–2000", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in PARSE_RANGE_CASES], ids=[c[0] for c in PARSE_RANGE_CASES]
)
def test_parse_date_range(text, expected):
    assert parse_date_range(text) == expected


# --- find_dates -------------------------------------------------------------------------------

# Expected: list of (matched text, date, end_date or None).
FIND_CASES = [
    (
        "day and month dates in prose",
        "The film premiered on October 27, 1995 in Tokyo and opened in the US in March 1996.",
        False,
        [("October 27, 1995", D(1995, 10, 27), None), ("March 1996", M(1996, 3), None)],
    ),
    ("bare year off by default", "It was shot in 1995.", False, []),
    ("bare year on request", "It was shot in 1995.", True, [("1995", Y(1995), None)]),
    ("year after a cue word", "In 1995 people queued for it.", True, [("1995", Y(1995), None)]),
    ("year before punctuation", "Released 1995.", True, [("1995", Y(1995), None)]),
    ("year in parentheses", "Heat (1995 film)", True, [("1995", Y(1995), None)]),
    ("mid-year", "By mid-1995 the script was done", True, [("1995", Y(1995), None)]),
    ("a count is not a year", "About 1995 people attended.", True, []),
    ("money is not a year", "Tickets cost $1995 each", True, []),
    ("pound sign", "a fee of £1995 was paid", True, []),
    ("page number", "see page 1995 of the report", True, []),
    ("abbreviated page number", "see p. 1995, note 3", True, []),
    ("issue number", "No. 1995, the last issue", True, []),
    ("inside a longer number", "serial 12019950 and 219951", True, []),
    ("percentage", "a 1995% rise", True, []),
    ("decimal", "it measured 1995.5 metres", True, []),
    ("grouped number", "1995,000 tickets", True, []),
    ("decade", "The 1990s were good", True, []),
    (
        "ranges in prose",
        "The festival ran 5–8 June 2001 and again May 30 – June 2, 2002.",
        False,
        [
            ("5–8 June 2001", D(2001, 6, 5), D(2001, 6, 8)),
            ("May 30 – June 2, 2002", D(2002, 5, 30), D(2002, 6, 2)),
        ],
    ),
    (
        "longest match first",
        "On 27 October 1995 (October 1995 in Europe, so in 1995)",
        True,
        [
            ("27 October 1995", D(1995, 10, 27), None),
            ("October 1995", M(1995, 10), None),
            ("1995", Y(1995), None),
        ],
    ),
    (
        "iso date in prose",
        "Archived 2019-10-27 from the original",
        False,
        [("2019-10-27", D(2019, 10, 27), None)],
    ),
    ("iso year-month not read in prose", "the 2009-10 season", False, []),
    ("impossible date hides its year", "February 30, 1995 was no day", True, []),
    ("no dates", "Mayor Smith said 2,000 people came in March.", True, []),
    ("empty", "", True, []),
    (
        "nbsp",
        "released on 27\xa0October\xa01995 in Japan",
        False,
        [("27\xa0October\xa01995", D(1995, 10, 27), None)],
    ),
]


@pytest.mark.parametrize(
    ("text", "years", "expected"), [c[1:] for c in FIND_CASES], ids=[c[0] for c in FIND_CASES]
)
def test_find_dates(text, years, expected):
    found = find_dates(text, years=years)
    assert [(f.text, f.date, f.end_date) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.text


def test_find_dates_spans():
    # "On " is 3 characters; "5 June 2001" is 11; " and " 5 more; "June 9–10, 2001" is 15.
    text = "On 5 June 2001 and June 9–10, 2001."
    assert find_dates(text) == [
        DateMatch(date=D(2001, 6, 5), start=3, end=14, text="5 June 2001"),
        DateMatch(date=D(2001, 6, 9), start=19, end=34, text="June 9–10, 2001", end_date=D(2001, 6, 10)),
    ]


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("March 24, 1997 – DVD and VHS", False, ("March 24, 1997", D(1997, 3, 24))),
        ("24 March 1997: DVD", False, ("24 March 1997", D(1997, 3, 24))),
        ("Sept. 2004 (Region 2)", False, ("Sept. 2004", PartialDate(dt.date(2004, 9, 1), MONTH))),
        ("1997 – VHS", True, ("1997", PartialDate(dt.date(1997, 1, 1), YEAR))),
        ("1997 – VHS", False, None),  # a bare year only when years are asked for
        ("The DVD came out on March 24, 1997.", False, None),  # a date, not at the start
        (" March 24, 1997", False, None),  # white space first: no date at the start
        ("Mayhem ensued on March 24, 1997.", False, None),  # "May" inside a word is no month
        ("", True, None),
    ],
)
def test_date_at_start(text, years, expected):
    found = date_at_start(text, years=years)
    assert (None if found is None else (found.text, found.date)) == expected


def test_date_match_is_frozen():
    match = find_dates("5 June 2001")[0]
    with pytest.raises(AttributeError):
        match.start = 0  # type: ignore[misc]


def test_years_is_keyword_only():
    with pytest.raises(TypeError):
        find_dates("in 1995", True)  # type: ignore[misc]


# --- Unseen articles: date values of tests/fixtures/unseen/*.wiki ------------------------------

UNSEEN_DATE_CASES = [
    ("dmy album release", "1 December 2009", D(2009, 12, 1)),
    ("mdy with a place", "January 16, 2014 (Sundance)", D(2014, 1, 16)),
    ("rendered Start date", "August 24, 2016", D(2016, 8, 24)),
    ("dmy in prose", "The soundtrack album was released on 31 October 2011 by Mercury.", D(2011, 10, 31)),
    ("month and year", "A Blu-ray edition followed in May 2010.", M(2010, 5)),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in UNSEEN_DATE_CASES], ids=[c[0] for c in UNSEEN_DATE_CASES]
)
def test_parse_date_unseen_articles(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("1995", "10", "27"), (dt.date(1995, 10, 27), DAY)),
        (("1995", "Oct", "27"), (dt.date(1995, 10, 27), DAY)),
        (("1996", "2", ""), (dt.date(1996, 2, 1), MONTH)),
        (("1996", "2", "30"), (dt.date(1996, 2, 1), MONTH)),  # no such day: the month stands
        (("1996", "", ""), (dt.date(1996, 1, 1), YEAR)),
        (("1996", "Smarch", "3"), (dt.date(1996, 1, 1), YEAR)),
    ],
)
def test_from_parts(parts, expected):
    got = dates.from_parts(*parts)
    assert (got.date, got.precision) == expected


def test_from_parts_needs_a_year():
    assert dates.from_parts("", "10", "27") is None and dates.from_parts("TBA") is None
