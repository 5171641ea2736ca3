"""IMDb-style pages saved as text: the title page and the user-reviews page.

Pure Python (no Dagster, no Polars). Everything keys on labels and on the shape of lines,
never on line numbers, so fields may be missing, reordered or repeated and noise lines
("No valid json found", image captions, trivia, quotes) are ignored.

Public API
----------
- ``is_imdb_title_page(text) -> bool`` / ``is_imdb_reviews_page(text) -> bool``: detection
  from content.
- ``parse_imdb_title(text) -> FilmFacts``: title, year, IMDb user rating, critic score,
  release date(s), directors, writers, stars, cast, budget and gross.
- ``filming_locations(text) -> list[str]``: the "Filming Locations:" values (``FilmFacts`` has
  no field for them).
- ``parse_imdb_reviews(text) -> FilmFacts``: title and year from the header and every review.

Title page rules
----------------
- The film's rating is only the "Rating: x/10 (n voted)" line; a "Rating: 9/10" without a vote
  count belongs to an embedded user review and is ignored, as is everything inside a
  "User Review(s)" block.
- The embedded user review is not returned in ``FilmFacts.reviews``: it has no author or date
  and the same review is on the reviews page, where it is read with both.
- "Critic's Score: 82/100" (or "Metascore: 82") is read as ``Rating("Metacritic",
  "score", 82, 100)``.
- A line holding only a date (the date printed under the title) is the same event as the
  "Release Date:" field; it only becomes a release when no labelled release has that date.
- Cast lines are "Actor - Character" (also "–", "—", "...", "…"). A lone line of that shape is
  taken only under a "Cast" heading or next to another cast line, so a stray review title such
  as "Cage - brilliant" is not a credit. Credit notes ("(as Al Henderson)", "(uncredited)",
  "(voice)", ...) go to ``Credit.note``, never into the name or the character.
- Territories written as "USA", "U.S.", "United States" become "US" (the contract's spelling),
  "UK"/"United Kingdom" become "UK"; others stay as written.

Reviews page rules
------------------
- A review starts at a line "<author><date>" (the author runs straight into the date, e.g.
  "mstomaso3 June 2005"); the line right above it is the review's title. The body runs to the
  "n out of m found this helpful" line (or to the next review / the page footer).
- **Date ambiguity rule.** When the author ends in digits, the day can be the last two digits or
  only the last one ("flipgirl3815 May 2005": "flipgirl38" + 15 May, or "flipgirl381" + 5 May).
  Rule: *take the two-digit day whenever it is a valid day of that month* (10-31; days are
  never zero-padded, so "05" is not a two-digit day), else the one-digit day. Justification:
  with days spread evenly over the month, both splits give one specific day, so the choice only
  depends on which username is likelier, and the two-digit reading always yields the username
  with fewer trailing digits; usernames that end in a letter ("hitchcockthelegend", "noahk",
  "tedg") are far more common than the same name plus one stray digit. When both splits are
  valid dates, ``Review.date_ambiguous`` is set to True.
- Ratings are taken only where the text states one, with its scale: "8/10", "Rating: 1/10",
  "9.5 out of 10", "10 out of 10", "7 stars out of 10", "***** out of *****" (5 of 5),
  "**** (out of 4)", "***½ out of ****" (3.5 of 4) and "my 10 star rating" (an "N star rating"
  with no scale is read on IMDb's 10-star scale). A rating written with a label ("Rating:",
  "Grade:", "Score:", "Verdict:") wins; otherwise the last rating stated in the body. A bare run
  of stars with no scale ("(1995) ****") is not a rating (stars are also used for emphasis and
  censoring, and the scale is unknown). Fractions whose denominator is not 4, 5, 10 or 100, or
  whose numerator exceeds it ("24/7"), are not ratings.
"""

from __future__ import annotations

import re

from etl.lib.extract.releases import normalise_territory
from etl.lib.model import DAY, MONTH, BoxOffice, Credit, FilmFacts, Name, Rating, Release, Review
from etl.lib.text.dates import find_dates
from etl.lib.text.kinds import (
    REVIEWS_MARKERS,
    TITLE_LABELS,
    VOTED_RE,
    is_imdb_reviews_page,
    is_imdb_title_page,
    label_key,
    split_author_date,
    text_lines,
)
from etl.lib.text.money import normalize_territory, parse_amounts

__all__ = [
    "filming_locations",
    "is_imdb_reviews_page",
    "is_imdb_title_page",
    "parse_imdb_reviews",
    "parse_imdb_title",
]

# --------------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------------

_LABEL_LINE_RE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z'’ &/.()-]{0,40}?)\s*:\s*(?P<value>.*?)\s*$")
_TITLE_YEAR_RE = re.compile(
    r"^\s*(?P<title>.+?)\s*\((?:(?:TV Movie|TV Film|Video|Film)\s+)?(?P<year>(?:18|19|20)\d{2})\)"
    r"(?:\s*(?:Poster|-\s*IMDb|-\s*User Reviews.*|-\s*Plot.*))?\s*$"
)
_IMDB_SUFFIX_RE = re.compile(r"\s*[-–|]\s*IMDb\s*$")


def _number(text: str) -> float | None:
    """'54,198' -> 54198, '54K' -> 54000, '1.2M' -> 1200000."""
    m = re.fullmatch(r"\s*([\d][\d,]*(?:\.\d+)?)\s*([KkMm])?\s*", text)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    if m.group(2):
        value *= 1_000 if m.group(2) in "Kk" else 1_000_000
    return value


# --------------------------------------------------------------------------------------------
# title page
# --------------------------------------------------------------------------------------------

_CAST_HEADINGS = {"cast", "top cast", "full cast", "cast overview", "cast overview, first billed only:"}
_REVIEW_HEADINGS = {"user review", "user reviews"}
# Sections of trivia and reviews: their lines are no facts of the film.
_NOISE_HEADINGS = {
    "did you know?",
    "did you know",
    "trivia",
    "goofs",
    "quotes",
    "crazy credits",
    "connections",
    "soundtracks",
} | _REVIEW_HEADINGS
# Headings that stand alone on a line and open a section.
_HEADINGS = (
    {
        "box office details",
        "box office",
        "technical specs",
        "storyline",
        "details",
        "comments are closed.",
        "photos",
        "videos",
        "related news",
        "see also",
        "recently viewed",
        "more like this",
        "faq",
        "plot summary",
        "synopsis",
    }
    | _NOISE_HEADINGS
    | _CAST_HEADINGS
)

_NOISE_LINES = re.compile(
    r"^(?:no valid json found|comments are closed\.?|see full cast.*|see more.*|edit|"
    r"poster|photos?|videos?|trailer|play trailer.*|add to watchlist.*)$",
    re.I,
)


def _heading_key(line: str) -> str | None:
    key = line.strip().lower()
    return key if key in _HEADINGS else None


def _field_of(line: str) -> tuple[str, str] | None:
    """('director', 'Mike Figgis') for a known labelled line, else None."""
    m = _LABEL_LINE_RE.match(line)
    if not m:
        return None
    field = TITLE_LABELS.get(label_key(m.group("label")))
    if field is None:
        return None
    return field, m.group("value")


def _split_names(value: str) -> list[tuple[str, str | None]]:
    """'John O'Brien (novel), Mike Figgis' -> [("John O'Brien", 'novel'), ('Mike Figgis', None)]."""
    out: list[tuple[str, str | None]] = []
    value = re.sub(
        r"(?:^|[|,;·•])?\s*(?:See full cast(?: (?:&|and) crew)?|See more|Full cast(?: (?:&|and) crew)?)\b.*$",
        "",
        value,
        flags=re.I,
    )
    for part in re.split(r"\s*[|,;·•]\s*|\s+and\s+|\s+&\s+", value):
        part = part.strip().strip("»").strip()
        if not part or re.search(r"see full cast|full cast|more credits?|see more|^\d+ more", part, re.I):
            continue
        name, notes = _pop_notes(part, all_parentheticals=True)
        if name:
            out.append((name, "; ".join(notes) or None))
    return out


_CREDIT_NOTE_RE = re.compile(
    r"^(?:as\s.+|uncredited|voice|credit only|archive footage|archive sound|unconfirmed|"
    r"scenes? deleted|also .+|segment .+|novel|screenplay|story|written by|writer|"
    r"based on .+|adaptation|and .+|in talks|rumored|not confirmed|credited as .+|"
    r"\d+ episodes?.*|voice: .+|singing voice|english version|original .+)$",
    re.I,
)


def _pop_notes(text: str, *, all_parentheticals: bool = False) -> tuple[str, list[str]]:
    """Remove credit-note parentheticals: "Man at Strip Bar (as Al Henderson)" ->
    ("Man at Strip Bar", ["as Al Henderson"]). Other parentheticals stay unless
    ``all_parentheticals`` (for plain name lists, where any parenthetical is a note)."""
    notes: list[str] = []

    def repl(m: re.Match) -> str:
        inner = m.group(1).strip()
        if all_parentheticals or _CREDIT_NOTE_RE.match(inner):
            notes.append(inner)
            return " "
        return m.group(0)

    cleaned = re.sub(r"\(([^()]*)\)", repl, text)
    cleaned = re.sub(r"\s{2,}", " ", cleaned).strip().strip(",;").strip()
    return cleaned, notes


_CAST_LINE_RE = re.compile(r"^\s*(?P<actor>\S.*?)\s+(?:-|–|—|\.\.\.+|…)\s+(?P<character>\S.*?)\s*$")
_PARTICLES = {
    "de",
    "da",
    "das",
    "do",
    "dos",
    "van",
    "von",
    "der",
    "den",
    "del",
    "della",
    "di",
    "du",
    "la",
    "le",
    "y",
    "e",
    "bin",
    "ibn",
    "al",
    "el",
    "ter",
    "ten",
    "st.",
    "of",
}


def _looks_like_person(name: str) -> bool:
    if not name or len(name) > 60 or ":" in name or re.search(r"\d", name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= 6:
        return False
    for tok in tokens:
        bare = tok.strip("\"'“”‘’.,")
        if not bare:
            continue
        if bare.lower() in _PARTICLES:
            continue
        if not (bare[0].isupper() or bare[0] in "'’"):
            return False
    return tokens[0][:1].isupper() or tokens[0][:1] in "\"'“‘"


def _cast_candidate(line: str) -> tuple[str, str, list[str]] | None:
    if len(line) > 160 or _LABEL_LINE_RE.match(line) and _field_of(line):
        return None
    m = _CAST_LINE_RE.match(line)
    if not m:
        return None
    actor, actor_notes = _pop_notes(m.group("actor"), all_parentheticals=True)
    character, char_notes = _pop_notes(m.group("character"))
    if not _looks_like_person(actor):
        return None
    if not character or len(character.split()) > 14 or character.endswith(("?", "!")):
        return None
    return actor, character, actor_notes + char_notes


def _runtime_minutes(value: str) -> int | None:
    m = re.search(r"(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?", value, re.I)
    if m and (m.group(1) or m.group(2)):
        return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    m = re.search(r"\d+", value)
    return int(m.group(0)) if m else None


def _date_only(line: str):
    """The PartialDate when the line holds nothing but one date (day or month precision)."""
    s = line.strip()
    if not s or len(s) > 40 or ":" in s:
        return None
    matches = find_dates(s)
    if len(matches) != 1:
        return None
    m = matches[0]
    rest = (s[: m.start] + s[m.end :]).strip(" ,.-–()")
    if rest:
        return None
    if m.date.precision not in (DAY, MONTH):
        return None
    return m.date


def _title_from_line(line: str) -> tuple[str, int | None]:
    s = _IMDB_SUFFIX_RE.sub("", line.strip())
    m = _TITLE_YEAR_RE.match(s)
    if m:
        return m.group("title").strip(), int(m.group("year"))
    s = re.sub(r"\s+Poster\s*$", "", s)
    return s, None


def _sections(lines: list[str]) -> list[str | None]:
    """Section heading in force for each line (None before any heading). A labelled field line
    closes noise sections (trivia, user review) since fields may come in any order."""
    current: str | None = None
    out: list[str | None] = []
    for line in lines:
        key = _heading_key(line)
        if key is not None:
            current = key
        elif current in _NOISE_HEADINGS:
            f = _field_of(line)
            if f is not None and f[0] != "rating":
                current = None
            elif f is not None and f[0] == "rating" and VOTED_RE.search(line):
                current = None
        out.append(current)
    return out


def _amount_box_office(measure: str, value: str, territory: str | None) -> list[BoxOffice]:
    out = []
    paren = re.search(r"\(([^()]*)\)\s*$", value)
    if territory is None and paren and not re.search(r"estimat", paren.group(1), re.I):
        territory = normalize_territory(paren.group(1))
    for amount in parse_amounts(value):
        terr = territory or amount.territory
        out.append(BoxOffice(measure, amount, terr))
    return out


def _box_office_field(facts: FilmFacts, measure: str, value: str, territory: str | None) -> list[BoxOffice]:
    items = _amount_box_office(measure, value, territory)
    if not items:
        facts.problems[f"unreadable {measure} {value!r}"] += 1
    return items


class _TitlePage:
    """What a title page has said so far; the field handlers below add to it."""

    def __init__(self) -> None:
        self.facts = FilmFacts(title="")
        self.title: str | None = None
        self.year: int | None = None
        self.credits: dict[str, list[Credit]] = {"director": [], "writer": [], "starring": [], "cast": []}
        self.seen_credit: set[tuple] = set()
        self.release_dates: list[Release] = []
        self.header_dates: list = []
        self.seen_ratings: set[tuple] = set()
        self.seen_box: set[tuple] = set()

    def add_credit(self, role: str, name: str, character: str | None = None, note: str | None = None) -> None:
        key = (role, name.lower(), (character or "").lower())
        if key in self.seen_credit:
            return
        self.seen_credit.add(key)
        lst = self.credits.setdefault(role, [])
        lst.append(Credit(role=role, person=Name(name), ordinal=len(lst) + 1, character=character, note=note))

    def add_rating(self, r: Rating) -> None:
        key = (r.rating_source, r.metric)
        if key not in self.seen_ratings:
            self.seen_ratings.add(key)
            self.facts.ratings.append(r)

    def add_box(self, measure: str, value: str, territory: str | None) -> None:
        for b in _box_office_field(self.facts, measure, value, territory):
            key = (b.measure, b.territory, b.amount.low, b.amount.high, b.amount.currency)
            if key not in self.seen_box:
                self.seen_box.add(key)
                self.facts.box_office.append(b)


def _rating_field(page: _TitlePage, value: str) -> None:
    m = VOTED_RE.search(value)
    if m is None:  # a user review's "Rating: 9/10": not the film's rating
        return
    votes = _number(m.group("votes"))
    page.add_rating(
        Rating(
            "IMDb",
            "user_rating",
            float(m.group("value")),
            float(m.group("scale")),
            int(votes) if votes is not None else None,
        )
    )


def _year_field(page: _TitlePage, value: str) -> None:
    m = re.search(r"\b(1[89]\d{2}|20\d{2})\b", value)
    if m:
        page.year = int(m.group(1))
    else:
        page.facts.problems[f"unreadable release year {value!r}"] += 1


def _critic_field(page: _TitlePage, value: str) -> None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:/\s*(\d+)|out of\s*(\d+))?", value)
    if m:
        scale = float(m.group(2) or m.group(3) or 100)
        page.add_rating(Rating("Metacritic", "score", float(m.group(1)), scale, None))


def _names_field(role: str):
    def handle(page: _TitlePage, value: str) -> None:
        for name, note in _split_names(value):
            page.add_credit(role, name, None, note)

    return handle


def _cast_field(page: _TitlePage, value: str) -> None:
    cand = _cast_candidate(value)
    if cand:
        page.add_credit("cast", cand[0], cand[1], "; ".join(cand[2]) or None)
    else:
        _names_field("cast")(page, value)


def _release_field(page: _TitlePage, value: str) -> None:
    found = find_dates(value)
    if not found:
        page.facts.problems[f"unreadable release date {value!r}"] += 1
    for dm in found:
        paren = re.match(r"\s*\(([^()]*)\)", value[dm.end :])
        territory = normalise_territory(paren.group(1)) if paren else None
        page.release_dates.append(Release(dm.date, "theatrical", territory))


def _money_field(measure: str, territory: str | None):
    return lambda page, value: page.add_box(measure, value, territory)


def _runtime_field(page: _TitlePage, value: str) -> None:
    page.facts.runtime_minutes = _runtime_minutes(value)


def _list_field(attribute: str):
    def handle(page: _TitlePage, value: str) -> None:
        values = getattr(page.facts, attribute)
        for name, _ in _split_names(value):
            if name not in values:
                values.append(name)

    return handle


# One handler per field label kind (``TITLE_LABELS`` maps the labels to these kinds).
# "locations" are read by filming_locations(); "opening"/"ignore" are not facts we keep.
_FIELD_HANDLERS = {
    "rating": _rating_field,
    "year": _year_field,
    "critic": _critic_field,
    "director": _names_field("director"),
    "writer": _names_field("writer"),
    "starring": _names_field("starring"),
    "cast": _cast_field,
    "release": _release_field,
    "budget": _money_field("budget", None),
    "gross": _money_field("gross", None),
    "gross_us": _money_field("gross", "US"),
    "gross_na": _money_field("gross", "North America"),
    "gross_world": _money_field("gross", "worldwide"),
    "runtime": _runtime_field,
    "country": _list_field("countries"),
    "language": _list_field("languages"),
}


def _unlabelled_line(page: _TitlePage, lines: list[str], i: int, section, cast_cands: list) -> None:
    """A line that is no field: a cast line (by shape and context), the date under the title,
    or the title line itself."""
    s = lines[i].strip()
    cand = cast_cands[i]
    if cand is not None:
        prev_ok = i > 0 and cast_cands[i - 1] is not None
        next_ok = i + 1 < len(lines) and cast_cands[i + 1] is not None
        if prev_ok or next_ok or section in _CAST_HEADINGS:
            actor, character, notes = cand
            page.add_credit("cast", actor, character, "; ".join(notes) or None)
            return
    d = _date_only(s)
    if d is not None:
        page.header_dates.append(d)
        return
    if page.title is None and not _NOISE_LINES.match(s) and not s.lower().startswith("still of "):
        page.title, y = _title_from_line(s)
        if y and page.year is None:
            page.year = y


def parse_imdb_title(text: str) -> FilmFacts:
    """Parse an IMDb-style title page saved as text. Never raises on odd input: unreadable
    values are counted in ``FilmFacts.problems``."""
    lines = text_lines(text or "")
    sections = _sections(lines)
    page = _TitlePage()
    facts = page.facts
    # cast lines: shape + context (a run of >= 2, or under a Cast heading)
    cast_cands = [
        None if sections[i] in _NOISE_HEADINGS else _cast_candidate(line) for i, line in enumerate(lines)
    ]
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or _heading_key(s) is not None:
            continue
        field = _field_of(s)
        if field is None:
            if sections[i] not in _NOISE_HEADINGS:
                _unlabelled_line(page, lines, i, sections[i], cast_cands)
            continue
        # A labelled field closes a noise section (see _sections): it is always read.
        handler = _FIELD_HANDLERS.get(field[0])
        if handler is not None:
            handler(page, field[1])

    # releases: labelled ones first, then header dates not already stated
    seen_rel: set[tuple] = set()
    for r in page.release_dates:
        key = (r.date, r.territory)
        if key not in seen_rel:
            seen_rel.add(key)
            facts.releases.append(r)
    labelled_dates = {r.date for r in facts.releases}
    for d in page.header_dates:
        if d not in labelled_dates:
            labelled_dates.add(d)
            facts.releases.append(Release(d, "theatrical", None))

    year = page.year
    if year is None:
        dated = [r.date for r in facts.releases if r.date is not None]
        if dated:
            year = min(dated, key=lambda d: d.date).year
    facts.title = page.title or ""
    if not facts.title:
        facts.problems["no title"] += 1
    facts.release_year = year
    credits = page.credits
    facts.credits = (
        credits["director"]
        + credits["writer"]
        + credits["starring"]
        + credits["cast"]
        + [
            c
            for role, lst in credits.items()
            if role not in ("director", "writer", "starring", "cast")
            for c in lst
        ]
    )
    return facts


def filming_locations(text: str) -> list[str]:
    """Every "Filming Locations:" value of a title page, in order, without duplicates.
    Several locations on one line are separated by "|"; commas belong to addresses."""
    out: list[str] = []
    lines = text_lines(text or "")
    sections = _sections(lines)
    for line, section in zip(lines, sections):
        field = _field_of(line.strip())
        if field is None or field[0] != "locations" or section in _REVIEW_HEADINGS:
            continue
        for part in re.split(r"\s+\|\s*|\s*\|\s+", field[1]):
            part = part.strip().strip("|").strip()
            if part and not re.fullmatch(r"see (?:all|more).*", part, re.I) and part not in out:
                out.append(part)
    return out


# --------------------------------------------------------------------------------------------
# reviews page
# --------------------------------------------------------------------------------------------

_HELPFUL_RE = re.compile(
    r"(?P<helpful>\d[\d,]*)\s+out\s+of\s+(?P<total>\d[\d,]*)\s+found\s+this\s+helpful", re.I
)
_FOOTER_RE = re.compile(
    r"^(?:An error has occ?urr?ed\..*|See also|Recently Viewed|Load More|Permalink|"
    r"Was this review helpful\?.*|Sign in to vote\.?|Comments are closed\.?|Back to top)$",
    re.I,
)
_REVIEW_NOISE_RE = re.compile(r"^(?:Warning: Spoilers|Spoilers?|Permalink|Report this)$", re.I)
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "zero": 0,
}
_NUM = r"(\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|zero)"
_OK_SCALES = {4.0, 5.0, 10.0, 100.0}
_STARS = r"(\*+(?:\s*(?:½|1/2))?)"
_RATING_PATTERNS: list[tuple[re.Pattern, str]] = [
    # ***** out of *****, **** (out of 4), ***½ out of ****
    (re.compile(_STARS + r"\s*\(?\s*out\s+of\s+(\*+|\d+)\s*(?:stars?)?\s*\)?", re.I), "stars"),
    # 7 stars out of 10, 4 stars/5
    (re.compile(r"(?<![\d/.])" + _NUM + r"\s*stars?\s*(?:out\s+of|/)\s*" + _NUM + r"\b", re.I), "num"),
    # 9.5 out of 10 (not "9 out of 10 found this helpful", "4 out of 5 doctors")
    (
        re.compile(
            r"(?<![\d/.])\b" + _NUM + r"\s+out\s+of\s+" + _NUM + r"\b"
            r"(?!\s+(?:found|people|persons|times|viewers|critics|reviewers|users|movies|films|of|"
            r"the|my|his|her|their|americans|men|women|kids|children)\b)",
            re.I,
        ),
        "num",
    ),
    # 8/10 (not dates 3/10/2005, not 24/7)
    (re.compile(r"(?<![\d/.])(\d+(?:\.\d+)?)\s*/\s*(\d+)(?![\d/])"), "num"),
    # my 10 star rating (IMDb's 10-star scale)
    (re.compile(r"(?<![\d/.])\b(\d+(?:\.\d+)?)[\s-]*stars?\s+(?:rating|review)\b", re.I), "imdb_stars"),
]
_RATING_LABEL_RE = re.compile(
    r"\b(?:my\s+)?(?:rating|grade|score|verdict|final\s+(?:rating|grade|score))\s*[:=-]\s*$", re.I
)


def _num(text: str) -> float:
    t = text.lower()
    if t in _NUM_WORDS:
        return float(_NUM_WORDS[t])
    return float(t.replace(",", "."))


def _stars_value(stars: str) -> float:
    s = stars.replace(" ", "")
    half = 0.5 if ("½" in s or "1/2" in s) else 0.0
    return s.count("*") + half


def _review_rating(body: str) -> tuple[float, float] | None:
    """(value, scale) stated in a review body, else None (see module docstring)."""
    found: list[tuple[int, bool, float, float]] = []  # (position, labelled, value, scale)
    taken: list[tuple[int, int]] = []
    for pattern, kind in _RATING_PATTERNS:
        for m in pattern.finditer(body):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                if kind == "stars":
                    value = _stars_value(m.group(1))
                    scale_txt = m.group(2)
                    scale = float(len(scale_txt)) if scale_txt.startswith("*") else float(scale_txt)
                elif kind == "imdb_stars":
                    value, scale = float(m.group(1)), 10.0
                else:
                    value, scale = _num(m.group(1)), _num(m.group(2))
            except ValueError:
                continue
            if scale not in _OK_SCALES or value < 0 or value > scale:
                continue
            labelled = bool(_RATING_LABEL_RE.search(body[max(0, m.start() - 25) : m.start()]))
            taken.append((m.start(), m.end()))
            found.append((m.start(), labelled, value, scale))
    if not found:
        return None
    labelled = [f for f in found if f[1]]
    pick = max(labelled or found, key=lambda f: f[0])
    return pick[2], pick[3]


def parse_imdb_reviews(text: str) -> FilmFacts:
    """Parse an IMDb-style user-reviews page: title and year from the header ("Leaving Las
    Vegas (1995) Poster") and every review. Never raises on odd input."""
    lines = text_lines(text or "")
    facts = FilmFacts(title="")

    # header: first "Title (YYYY)" line, else the first non-empty, non-marker line
    starts: list[int] = []
    splits: dict[int, tuple] = {}
    for i, line in enumerate(lines):
        sp = split_author_date(line)
        if sp is None:
            continue
        prev = lines[i - 1].strip() if i > 0 else ""
        if _HELPFUL_RE.search(prev) or _FOOTER_RE.match(prev):
            prev = ""
        # a body line ending in a date is not a review start: the author must look like a
        # username (one token) or the line must follow a short title line
        if " " in sp[0] and (not prev or len(prev) > 150):
            continue
        starts.append(i)
        splits[i] = sp
    first_review_line = (starts[0] - 1) if starts else len(lines)
    for line in lines[: max(first_review_line, 0)]:
        s = line.strip()
        if not s:
            continue
        title, year = _title_from_line(s)
        if year is not None:
            facts.title, facts.release_year = title, year
            break
    if not facts.title:
        for line in lines[: max(first_review_line, 0)]:
            s = line.strip()
            if s and not REVIEWS_MARKERS.match(s) and not _NOISE_LINES.match(s):
                facts.title = _title_from_line(s)[0]
                break
    if not facts.title:
        facts.problems["no title"] += 1

    for n, i in enumerate(starts):
        author, date, ambiguous = splits[i]
        prev = lines[i - 1].strip() if i > 0 else ""
        review_title = prev if prev and not _HELPFUL_RE.search(prev) and not _FOOTER_RE.match(prev) else None
        if review_title and REVIEWS_MARKERS.match(review_title):
            review_title = None
        if n + 1 < len(starts):
            nxt = starts[n + 1]
            above = lines[nxt - 1].strip()
            has_title = bool(above) and not _HELPFUL_RE.search(above) and not _FOOTER_RE.match(above)
            end = nxt - 1 if has_title else nxt
        else:
            end = len(lines)
        helpful = total = None
        body_lines: list[str] = []
        for line in lines[i + 1 : end]:
            hm = _HELPFUL_RE.search(line)
            if hm:
                helpful = int(hm.group("helpful").replace(",", ""))
                total = int(hm.group("total").replace(",", ""))
                break
            if _FOOTER_RE.match(line.strip()):
                break
            if _REVIEW_NOISE_RE.match(line.strip()):
                continue
            body_lines.append(line)
        body = "\n".join(body_lines).strip()
        rating = _review_rating(body)
        facts.reviews.append(
            Review(
                author=author,
                review_date=date.date,
                title=review_title,
                body=body,
                rating=rating[0] if rating else None,
                rating_scale=rating[1] if rating else None,
                helpful_votes=helpful,
                total_votes=total,
                date_ambiguous=ambiguous,
            )
        )
    return facts
