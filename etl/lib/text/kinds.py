"""What kind of plain-text document a text is: an IMDb-style title page, an IMDb-style
user-reviews page, or a Wikipedia extract (prose). Pure string tests, used by intake to detect
a file's kind and by the extractors that read those kinds.

It sits in the text layer, below both: intake (pipeline) must not import the extractors to
detect kinds, and the extractors reuse the same labels, line shapes and lead sentence that
detection keys on (one place for each).
"""

from __future__ import annotations

import re

from etl.lib.model import DAY
from etl.lib.text.dates import MONTH_PATTERN, parse_date
from etl.lib.text.sentences import strip_citations

# --------------------------------------------------------------------------------------------
# shared by detection and the IMDb readers
# --------------------------------------------------------------------------------------------

_WIKITEXT_RE = re.compile(r"\{\{|\[\[|^\s*==.*==\s*$|'''", re.M)


def _is_wikitext_or_markup(text: str) -> bool:
    head = text.lstrip()[:1]
    if head in ("{", "<"):  # JSON or XML
        return True
    return bool(_WIKITEXT_RE.search(text))


def label_key(label: str) -> str:
    return re.sub(r"[^a-z&]+", " ", label.lower().replace("’", "'").replace("'", "")).strip()


def text_lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# Label (normalised, see label_key) -> field.
TITLE_LABELS: dict[str, str] = {
    "release year": "year",
    "year": "year",
    "rating": "rating",
    "imdb rating": "rating",
    "user rating": "rating",
    "critics score": "critic",
    "critic score": "critic",
    "metascore": "critic",
    "director": "director",
    "directors": "director",
    "directed by": "director",
    "writer": "writer",
    "writers": "writer",
    "written by": "writer",
    "writing credits": "writer",
    "star": "starring",
    "stars": "starring",
    "starring": "starring",
    "cast": "cast",
    "release date": "release",
    "release dates": "release",
    "released": "release",
    "filming locations": "locations",
    "filming location": "locations",
    "budget": "budget",
    "gross": "gross",
    "gross usa": "gross_us",
    "gross us": "gross_us",
    "gross us & canada": "gross_na",
    "gross us and canada": "gross_na",
    "gross worldwide": "gross_world",
    "cumulative worldwide gross": "gross_world",
    "worldwide gross": "gross_world",
    "opening weekend": "opening",
    "opening weekend usa": "opening",
    "opening weekend us & canada": "opening",
    "runtime": "runtime",
    "country": "country",
    "countries": "country",
    "country of origin": "country",
    "countries of origin": "country",
    "language": "language",
    "languages": "language",
    "official website": "ignore",
    "official websites": "ignore",
    "official sites": "ignore",
    "genres": "ignore",
    "genre": "ignore",
    "also known as": "ignore",
    "production companies": "ignore",
    "production company": "ignore",
    "color": "ignore",
    "sound mix": "ignore",
    "aspect ratio": "ignore",
}


VOTED_RE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*/\s*(?P<scale>\d+)\s*\(\s*(?P<votes>[\d][\d,]*(?:\.\d+)?\s*[KkMm]?)\s*"
    r"(?:voted|votes?|ratings?|users?)\s*\)",
    re.I,
)
_TITLE_PAGE_MARKERS = re.compile(
    r"^\s*(?:Release Year|Critic'?s Score|Metascore|Directors?|Stars|Writers?|Release Date|"
    r"Filming Locations?|Budget|Gross(?: USA| US & Canada| worldwide)?|Cumulative Worldwide Gross|"
    r"Runtime)\s*:",
    re.I | re.M,
)
_TITLE_PAGE_HEADINGS = re.compile(r"^\s*(?:Box Office Details|Technical Specs|Did You Know\?)\s*$", re.M)


# "<author><digits> <Month> <year>": the digit run holds the day and maybe the author's tail.
_AUTHOR_DMY_RE = re.compile(
    rf"^(?P<pre>.*?)(?P<digits>\d+) (?P<month>(?:{MONTH_PATTERN})\.?),? (?P<year>\d{{4}})$"
)
# "<author><Month> <day>, <year>"
_AUTHOR_MDY_RE = re.compile(
    rf"^(?P<pre>.*?)(?P<date>(?:{MONTH_PATTERN})\.? \d{{1,2}}(?:st|nd|rd|th)?, \d{{4}})$"
)


def _valid_day(day: str, month: str, year: str):
    if not day or day.startswith("0"):
        return None
    d = parse_date(f"{day} {month} {year}")
    if d is None or d.precision != DAY or d.date.day != int(day):
        return None
    return d


def split_author_date(line: str) -> tuple[str, object, bool] | None:
    """ "flipgirl3815 May 2005" -> ("flipgirl38", PartialDate(2005-05-15), True); None when the
    line is not "<author><date>". The ambiguity rule is written out in
    the IMDb reader's docstring (``etl.lib.extract.imdb``)."""
    s = line.strip()
    if not s or len(s) > 90:
        return None
    m = _AUTHOR_MDY_RE.match(s)
    if m:
        author = m.group("pre").strip(" -–|·•,")
        d = parse_date(m.group("date"))
        if author and d is not None and d.precision == DAY and _plausible_author(author):
            return author, d, False
        return None
    m = _AUTHOR_DMY_RE.match(s)
    if not m:
        return None
    pre, digits, month, year = m.group("pre"), m.group("digits"), m.group("month"), m.group("year")
    if not pre.strip():
        return None
    separated = pre[-1:].isspace() or pre[-1:] in "-–|·•,"
    candidates = []  # (author, date) with the two-digit day first
    if len(digits) >= 2 and (not separated or len(digits) == 2):
        d2 = _valid_day(digits[-2:], month, year)
        if d2 is not None:
            candidates.append((pre + digits[:-2], d2))
    if not separated or len(digits) == 1:
        d1 = _valid_day(digits[-1:], month, year)
        if d1 is not None:
            candidates.append((pre + digits[:-1], d1))
    candidates = [(a.strip(" -–|·•,"), d) for a, d in candidates]
    candidates = [(a, d) for a, d in candidates if a and _plausible_author(a)]
    if not candidates:
        return None
    author, date = candidates[0]
    return author, date, len(candidates) > 1


def _plausible_author(author: str) -> bool:
    """A username, not a sentence: at most three words, no sentence punctuation at the end."""
    if len(author) > 50 or len(author.split()) > 3:
        return False
    return not author.endswith((".", "!", "?", ":", ";"))


REVIEWS_MARKERS = re.compile(
    r"^\s*(?:User Reviews|Review this title|\d[\d,]*\s+Reviews?|Sort by:?|Filter by Rating:?)\s*$"
    r"|found this helpful|Was this review helpful\?",
    re.I | re.M,
)


# --------------------------------------------------------------------------------------------
# detection
# --------------------------------------------------------------------------------------------


def is_imdb_title_page(text: str) -> bool:
    """True for an IMDb-style title page saved as text (labelled fields such as "Director:",
    "Stars:", "Rating: x/10 (n voted)", "Box Office Details"). Needs at least two distinct
    labels, one of them a field; never true for wikitext, JSON, XML or prose."""
    if not text or not text.strip() or _is_wikitext_or_markup(text):
        return False
    labels = {label_key(m.group(0).split(":")[0]) for m in _TITLE_PAGE_MARKERS.finditer(text)}
    labels = {TITLE_LABELS.get(k, k) for k in labels}
    if any(
        line.strip().lower().startswith(("rating:", "imdb rating:")) and VOTED_RE.search(line)
        for line in text_lines(text)
    ):
        labels.add("rating")
    headings = {m.group(0).strip().lower() for m in _TITLE_PAGE_HEADINGS.finditer(text)}
    return bool(labels) and len(labels) + len(headings) >= 2


def is_imdb_reviews_page(text: str) -> bool:
    """True for an IMDb-style user-reviews page saved as text ("User Reviews", "Review this
    title", "n out of m found this helpful", "<author><date>" lines). False for title pages,
    wikitext, JSON, XML and prose."""
    if not text or not text.strip() or _is_wikitext_or_markup(text) or is_imdb_title_page(text):
        return False
    markers = {re.sub(r"\d[\d,]*", "#", m.group(0).strip().lower()) for m in REVIEWS_MARKERS.finditer(text)}
    if len(markers) >= 2:
        return True
    if markers:
        return any(split_author_date(line) for line in text_lines(text))
    return False


LEAD_RE = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?P<title>[^\s.!?\n][^\n]{0,200}?)\s+(?:is|was)\s+an?\s+"
    r"(?:(?:upcoming|unreleased|lost|short|feature[- ]length)\s+)?(?P<year>(?:18|19|20)\d{2})\s+"
    r"(?P<kind>[^.\n]{0,150}?)\b(?:film|movie|motion picture|documentary|picture)s?\b"
)


def lead_sentence(text: str) -> re.Match | None:
    head = strip_citations(text)[:3000]
    return LEAD_RE.search(head)


def is_wikipedia_extract(text: str) -> bool:
    """Prose whose lead sentence is "<Title> is a <year> ... film", with no wikitext markup
    ("{{", "[[", "== Heading =="), not JSON/XML and not an IMDb page."""
    if not text or not text.strip():
        return False
    if _is_wikitext_or_markup(text):
        return False
    if is_imdb_title_page(text) or is_imdb_reviews_page(text):
        return False
    m = lead_sentence(text)
    if m is None:
        return False
    # the lead sentence is among the first sentences of the text
    return m.start() < 600
