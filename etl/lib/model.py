"""Plain records the extractors produce and the warehouse loads.

Every parser in ``etl.lib`` returns these dataclasses; nothing here knows about Dagster,
DuckDB or Polars. Ids are not assigned here: ``etl.lib.text.keys`` derives them later from the
natural keys these records carry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

# Date precisions of the contract.
DAY, MONTH, YEAR = "day", "month", "year"

# Results of the contract for fact_nomination.result.
RESULTS = ("won", "nominated", "runner-up", "placed", "honored", "pending")


@dataclass(frozen=True, slots=True)
class Name:
    """A person or company as displayed, with its wiki link target when the text is linked."""

    name: str
    wiki_title: str | None = None


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date read from text. ``date`` is the first day of the month or year when
    ``precision`` is ``month`` or ``year``."""

    date: dt.date
    precision: str  # DAY, MONTH or YEAR

    @property
    def year(self) -> int:
        return self.date.year


# --- The calendar vocabulary -------------------------------------------------------------------
# Month names and dates given as separate fields: every layer builds PartialDates with these
# (the wiki layer for date templates, the date parser for prose).

MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2, "febr": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# For other modules' patterns: month names as English prose writes them (capitalised).
MONTH_PATTERN = "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept.", "october") or a number string."""
    name = name.strip().rstrip(".").lower()
    if name.isdigit():
        return int(name) if 1 <= int(name) <= 12 else None
    return MONTHS.get(name)


def from_parts(year: str, month: str = "", day: str = "") -> PartialDate | None:
    """A date given as separate fields (a template's year, month, day): a blank or unreadable
    month or day lowers the precision; no readable year gives None."""
    year, month, day = year.strip(), month.strip(), day.strip()
    if not re.fullmatch(r"\d{3,4}", year):
        return None
    m = month_number(month) if month else None
    if m is None:
        return PartialDate(dt.date(int(year), 1, 1), YEAR)
    if day.isdigit():
        try:
            return PartialDate(dt.date(int(year), m, int(day)), DAY)
        except ValueError:
            pass
    return PartialDate(dt.date(int(year), m, 1), MONTH)


@dataclass(slots=True)
class Credit:
    role: str  # director, producer, writer, screenplay, story, based_on, starring, narrator, music, cinematography, editing, cast, ...
    person: Name
    ordinal: int  # 1-based order within the role
    character: str | None = None
    note: str | None = None


@dataclass(slots=True)
class CompanyRole:
    role: str  # studio, distributor, home_media_distributor, ...
    company: Name
    territory: str | None = None


@dataclass(slots=True)
class Release:
    date: PartialDate | None
    release_type: str | None  # premiere, limited, wide, theatrical, festival, re-release, ...
    territory: str | None = None
    company: Name | None = None
    note: str | None = None


@dataclass(slots=True)
class Amount:
    """One money amount read from text. ``low == high`` for a single figure."""

    low: float | None
    high: float | None
    currency: str | None  # ISO 4217, None when the text names none
    as_written: str
    is_estimate: bool = False
    bound: str | None = None  # "upper" (less than), "lower" (over, at least) or None
    territory: str | None = None


@dataclass(slots=True)
class BoxOffice:
    measure: str  # budget, gross, marketing
    amount: Amount
    territory: str | None = None  # overrides amount.territory when the context names one


@dataclass(slots=True)
class Nomination:
    """One entry of an accolades table or list."""

    award_body: str
    category: str
    recipient: str  # as displayed; the film's title when the film itself is the recipient
    result: str  # one of RESULTS
    award_body_wiki_title: str | None = None
    category_wiki_title: str | None = None
    edition: int | None = None
    ceremony_year: int | None = None
    ceremony_date: PartialDate | None = None
    persons: list[Name] = field(default_factory=list)
    placement: int | None = None
    note: str | None = None


@dataclass(slots=True)
class HomeMedia:
    format: str  # VHS, LaserDisc, DVD, HD DVD, Blu-ray, 4K Ultra HD, digital, ...
    date: PartialDate | None = None
    languages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    company: Name | None = None
    note: str | None = None


@dataclass(slots=True)
class Rating:
    rating_source: str  # Rotten Tomatoes, Metacritic, IMDb, ...
    metric: str  # approval, average, score, user_rating, ...
    value: float
    scale: float | None = None  # 100 for a percentage, 10 for x/10, ...
    sample_size: int | None = None


@dataclass(slots=True)
class Review:
    author: str | None
    review_date: dt.date | None
    title: str | None
    body: str
    rating: float | None = None
    rating_scale: float | None = None
    helpful_votes: int | None = None
    total_votes: int | None = None
    date_ambiguous: bool = False


@dataclass(slots=True)
class Track:
    number: int
    title: str
    writers: list[str] = field(default_factory=list)
    performers: list[str] = field(default_factory=list)
    length_seconds: int | None = None
    is_dialogue: bool = False


@dataclass(slots=True)
class FilmFacts:
    """Everything one document says about one film."""

    title: str
    release_year: int | None = None
    wiki_title: str | None = None  # set only for Wikipedia pages (the master record)
    runtime_minutes: int | None = None
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    companies: list[CompanyRole] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    box_office: list[BoxOffice] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)
    home_media: list[HomeMedia] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    soundtrack_release: PartialDate | None = None
    # What the extractors met but could not interpret: template names and free-form problems
    # ("unreadable date 'Spring 1995'"), counted and surfaced as metadata, never dropped silently.
    unknown_templates: Counter = field(default_factory=Counter)
    problems: Counter = field(default_factory=Counter)
