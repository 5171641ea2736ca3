"""Facts stated in running English prose.

Used on Wikipedia plain-text extracts (whole article or loose sentences) and on the
Reception / Release prose of wikitext once its markup is stripped. Pure Python; dates come
from ``etl.lib.text.dates`` and money from ``etl.lib.text.money``, never parsed here.

Public API
----------
- ``ratings_from_prose(text) -> list[Rating]``
- ``box_office_from_prose(text) -> list[BoxOffice]``
- ``releases_from_prose(text) -> list[Release]``
- ``parse_extract(text) -> FilmFacts`` and ``is_wikipedia_extract(text) -> bool``

Rules and choices
-----------------
Text is read sentence by sentence (citation marks such as "[13]" are dropped first), and a
figure is only taken with the words of its own sentence, so a date or an amount is never paired
with a keyword of another sentence.

Ratings
    - Rotten Tomatoes (sentence names "Rotten Tomatoes", or starts with "The site"/"The
      website"/"It" right after one that did): the first percentage is
      ``Rating("Rotten Tomatoes", "approval", p, 100, n)`` ("audience score of 88%" gives metric
      "audience"); "average rating/score of 7.6/10" (or "7.6 out of 10") gives metric "average",
      same sample size. The sample is "based on 53 reviews", "of 53 critics", "53 reviews".
    - Metacritic (sentence names "Metacritic"/"Metascore", or says "weighted average"): "score
      of 82 out of 100", "82/100", "a score of 82" → ``Rating("Metacritic", "score", 82, 100,
      n)`` with n from "based on 23 critics" / "from 23 reviews".
    - CinemaScore: the letter grade is mapped to a number on a 0-12 scale, one step per grade:
      F=0, D−=1, D=2, D+=3, C−=4, C=5, C+=6, B−=7, B=8, B+=9, A−=10, A=11, A+=12, so
      ``Rating("CinemaScore", "grade", 10, 12)`` for "A–". The scale words "on an A+ to F scale"
      are never read as the grade.
    - PostTrak: the first percentage → ``Rating("PostTrak", "positive", p, 100)``.

Box office
    Every amount ``parse_amounts`` finds in a sentence is classed by the nearest keyword before
    it (in the same sentence, after the previous amount) or right after it: budget ("budget of",
    "cost", "made on a budget of"), marketing ("marketing", "advertising", "promotion", "P&A")
    or gross ("grossed", "grossing", "earned", "took in", "box office"). "Opening weekend"
    figures, salaries, fees, prizes and settlements are not kept. An amount with no keyword of
    its own that follows another in a list ("grossed $X in North America and $Y worldwide")
    takes the previous amount's measure. The territory comes from the words right after the
    amount ("in North America", "worldwide", "in the United States", "internationally"), else
    from the same clause before it; it is written as the contract spells it: "worldwide",
    "North America" (also "domestic", "US and Canada"), "US", "international", or the place as
    written. The amount is kept as ``parse_amounts`` read it ("less than $2 million" keeps its
    upper bound).

Releases
    Every date ``find_dates`` finds (bare years are not events) is a release only when a release
    word stands in its own clause, before it (after the previous date), or right after it when
    the date opens its clause ("On May 1, 2000, the film was re-released"); the type comes from
    that word, by priority: re-release ("re-released", "reissued") > premiere ("premiered",
    "debuted") > festival ("festival", "screened") > limited > wide ("wide", "nationwide",
    "general release", "expanded") > theatrical ("released", "opened", "in theaters"). A date
    is skipped when the words before it (up to 120 characters, same clause, after the previous
    date) name home media, a soundtrack, a book, a trailer, television, a death or filming, and
    citation dates ("Retrieved …", "Archived …", "(October 28, 2015).") are skipped too. The
    territory is the place after "in"/"throughout"/"across" in the same window, as written
    ("United States"). A festival name goes to ``Release.note``. The same date and type stated
    twice gives one release (the territory is kept when one of them has it).

Extract
    Title and year come from the lead sentence "<Title> is a <year> ... film"; the soundtrack
    release is the date of a sentence that says a soundtrack (album) "was released" / "was
    issued". ``wiki_title`` stays None: a plain extract does not carry its page title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.lib.model import Amount, BoxOffice, FilmFacts, PartialDate, Rating, Release
from etl.lib.text.dates import find_dates
from etl.lib.text.kinds import is_wikipedia_extract, lead_sentence
from etl.lib.text.money import parse_amounts
from etl.lib.text.sentences import clause_spans, sentences

__all__ = [
    "box_office_from_prose",
    "is_wikipedia_extract",
    "parse_extract",
    "might_carry",
    "might_rate",
    "ratings_from_prose",
    "releases_from_prose",
]

# --------------------------------------------------------------------------------------------
# sentences
# --------------------------------------------------------------------------------------------


def _clause_start(sentence: str, pos: int) -> int:
    """Start of the clause (cut at semicolons) that holds ``pos``."""
    for a, b in clause_spans(sentence):
        if a <= pos <= b:
            return a
    return 0


def _clause_end(sentence: str, pos: int) -> int:
    for a, b in clause_spans(sentence):
        if a <= pos <= b:
            return b
    return len(sentence)


def _int(text: str) -> int:
    return int(text.replace(",", ""))


# --------------------------------------------------------------------------------------------
# ratings
# --------------------------------------------------------------------------------------------

_RT_RE = re.compile(r"Rotten\s*Tomatoes", re.I)
_MC_RE = re.compile(r"Metacritic|Metascore|weighted average", re.I)
_CS_RE = re.compile(r"CinemaScore", re.I)
_PT_RE = re.compile(r"PostTrak", re.I)
_CARRY_RE = re.compile(r"^(?:The (?:site|website|aggregator)|It|Its)\b")
_PERCENT_RE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)")
_SAMPLE_RE = re.compile(
    r"(?:based on|from|of|surveyed|sampled|out of)\s+(?:the\s+)?(\d[\d,]*)\s+"
    r"(?:(?:professional|contemporary|top|selected|mainstream)\s+)?"
    r"(?:critic(?:s|s')?|review(?:s|ers)?|critical reviews|publications)\b"
    r"|(\d[\d,]*)\s+(?:critic(?:s)?|review(?:s|ers)?)\b",
    re.I,
)
_RT_AVG_RE = re.compile(
    r"average\s+(?:rating|score)\s+(?:of\s+|is\s+|was\s+)?(\d+(?:\.\d+)?)\s*(?:/\s*|\s+out\s+of\s+)(10|5)\b",
    re.I,
)
_MC_SCORE_RES = [
    re.compile(r"(?<![\d.])(\d{1,3})\s*(?:/\s*|\s+out\s+of\s+)100\b", re.I),
    re.compile(
        r"(?:score|metascore|rating)\s+(?:of\s+|is\s+|was\s+)?(\d{1,3})\b(?!\s*(?:%|percent|/|\.\d|out of (?!100)))",
        re.I,
    ),
]
_GRADES = ["F", "D−", "D", "D+", "C−", "C", "C+", "B−", "B", "B+", "A−", "A", "A+"]
_GRADE_VALUE = {g: float(i) for i, g in enumerate(_GRADES)}
_GRADE_RE = re.compile(r"grade\s+(?:of\s+)?(?:an?\s+)?[\"“'‘]?([A-F])\s?([+\-–−]?)(?![\w+])", re.I)
_QUOTED_GRADE_RE = re.compile(r"[\"“'‘]([A-F])\s?([+\-–−]?)[\"”'’]")


def _sample(sentence: str) -> int | None:
    m = _SAMPLE_RE.search(sentence)
    if not m:
        return None
    return _int(m.group(1) or m.group(2))


def _grade_value(letter: str, sign: str) -> float | None:
    sign = {"-": "−", "–": "−", "−": "−", "+": "+"}.get(sign, "")
    return _GRADE_VALUE.get(letter.upper() + sign)


_SOURCE_RE = re.compile("|".join(p.pattern for p in (_RT_RE, _MC_RE, _CS_RE, _PT_RE)), re.I)
_CARRY_WORD_RE = re.compile(r"\b(?:The\s+(?:site|website|aggregator)|It|Its)\b")


def might_rate(text: str) -> bool:
    """A cheap test on a paragraph's wikitext: can it name a source ``ratings_from_prose`` reads?"""
    return _SOURCE_RE.search(text) is not None


def might_carry(text: str) -> bool:
    """Can a sentence of the paragraph go on from a source named before it ("It holds ...")?"""
    return _CARRY_WORD_RE.search(text) is not None


def ratings_from_prose(text: str) -> list[Rating]:
    """Rotten Tomatoes, Metacritic, CinemaScore and PostTrak figures stated in prose."""
    out: list[Rating] = []
    seen: set[tuple] = set()

    def add(r: Rating) -> None:
        key = (r.rating_source, r.metric)
        if key not in seen:
            seen.add(key)
            out.append(r)

    prev_source: str | None = None
    last_rt_sample: int | None = None
    for sentence in sentences(text):
        mentions = {
            name: [m.start() for m in pattern.finditer(sentence)]
            for name, pattern in (("rt", _RT_RE), ("mc", _MC_RE), ("cs", _CS_RE), ("pt", _PT_RE))
        }
        named = {k for k, v in mentions.items() if v}
        carried = False
        if not named and prev_source and _CARRY_RE.match(sentence):
            named = {prev_source}
            mentions[prev_source] = [0]
            carried = True
        elif "rt" in named:
            last_rt_sample = None

        def part(source: str) -> str:
            """The sentence between the other sources' mentions around this source's one."""
            pos = mentions[source][0]
            others = sorted(p for k, v in mentions.items() if k != source for p in v)
            lo = max([p for p in others if p < pos], default=0)
            hi = min([p for p in others if p > pos], default=len(sentence))
            return sentence[lo:hi]

        if "rt" in named:
            rt_part = part("rt")
            sample = _sample(rt_part)
            if sample is None and carried:
                sample = last_rt_sample
            last_rt_sample = sample
            approval_done = False
            for m in _PERCENT_RE.finditer(rt_part):
                before = rt_part[max(0, m.start() - 40) : m.start()].lower()
                value = float(m.group(1))
                if value > 100:
                    continue
                if "audience" in before or "popcornmeter" in before:
                    add(Rating("Rotten Tomatoes", "audience", value, 100.0, None))
                elif not approval_done:
                    add(Rating("Rotten Tomatoes", "approval", value, 100.0, sample))
                    approval_done = True
            am = _RT_AVG_RE.search(rt_part)
            if am:
                add(Rating("Rotten Tomatoes", "average", float(am.group(1)), float(am.group(2)), sample))
        if "mc" in named:
            mc_part = part("mc")
            for pattern in _MC_SCORE_RES:
                m = pattern.search(mc_part)
                if m and 0 <= int(m.group(1)) <= 100:
                    add(Rating("Metacritic", "score", float(m.group(1)), 100.0, _sample(mc_part)))
                    break
        if "cs" in named:
            cs_part = part("cs")
            m = _GRADE_RE.search(cs_part) or _QUOTED_GRADE_RE.search(cs_part)
            if m:
                value = _grade_value(m.group(1), m.group(2))
                if value is not None:
                    add(Rating("CinemaScore", "grade", value, 12.0, None))
        if "pt" in named:
            m = _PERCENT_RE.search(sentence, mentions["pt"][0])
            if m:
                add(Rating("PostTrak", "positive", float(m.group(1)), 100.0, None))
        if "rt" in named and "mc" not in named:
            prev_source = "rt"
        elif "mc" in named and "rt" not in named:
            prev_source = "mc"
        elif not _CARRY_RE.match(sentence):
            prev_source = None
    return out


# --------------------------------------------------------------------------------------------
# box office
# --------------------------------------------------------------------------------------------

_MEASURE_KEYWORDS: list[tuple[str, re.Pattern]] = [
    (
        "opening",
        re.compile(
            r"opening[- ](?:weekend|day|week|night)|(?:first|debut|its opening) weekend|"
            r"opened (?:to|with|at)|debuted (?:to|with|at)",
            re.I,
        ),
    ),
    (
        "marketing",
        re.compile(
            r"\bmarketing\b|\badvertising\b|\bpromot(?:ion|ional|ing|e)\b|\bP&A\b|"
            r"prints and advertising",
            re.I,
        ),
    ),
    (
        "budget",
        re.compile(
            r"\bbudget(?:ed)?\b|\bcost(?:s|ing)?\b|production costs?|\bto (?:make|produce|film|shoot)\b|"
            r"\bfinanc(?:ed|ing)\b",
            re.I,
        ),
    ),
    (
        "gross",
        re.compile(
            r"\bgross(?:ed|ing|es)?\b|\bearn(?:ed|ing|s)?\b|\btook in\b|\btaking in\b|\btakings\b|"
            r"\bbox[- ]office\b|\brevenue\b|\bin ticket sales\b|\bmade\b|\bmaking\b|\breturned\b|\btotal\b",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"\bsalary\b|\bpaid\b|\bfee\b|\bfor (?:his|her|their|the) (?:role|work|part|performance|rights)\b|"
            r"\blawsuit\b|\bsettle(?:ment|d)\b|\bdamages\b|\bprize\b|\bdonat\w+|\bsevera?nce\b|\bfine[ds]?\b|"
            r"\boffer(?:s|ed)?\b|\bbid\b|\bsold\b|\bbought\b|\bpurchas\w+|\brights\b",
            re.I,
        ),
    ),
]
_AFTER_LIMIT = 25  # an after-keyword must start within this many characters of the amount
_BEFORE_LIMIT = 90

_TERRITORY_PATTERNS: list[tuple[str | None, re.Pattern]] = [
    (
        "North America",
        re.compile(
            r"\bin (?:the )?(?:United States|U\.?S\.?A?\.?) and Canada\b|\bin (?:the )?US and Canada\b|"
            r"\bin North America\b|\bNorth American\b|\bdomestic(?:ally)?\b|\bin (?:the )?US/Canada\b",
            re.I,
        ),
    ),
    (
        "worldwide",
        re.compile(r"\bworld-?wide\b|\bglobally\b|\bglobal\b|\baround the world\b|\bwordwide\b", re.I),
    ),
    (
        "international",
        re.compile(
            r"\binternational(?:ly)?\b|\boverseas\b|\bin other (?:territories|countries|markets)\b|"
            r"\boutside (?:of )?(?:North America|the United States|the US)\b|\bforeign\b",
            re.I,
        ),
    ),
    ("US", re.compile(r"\bin the (?:United States|U\.S\.|US)\b|\bin (?:U\.S\.|USA)\b", re.I)),
    (None, re.compile(r"\bin (?:the )?((?:[A-Z][\w'’.-]+)(?: (?:and )?[A-Z][\w'’.-]+){0,3})")),
]
_NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Hollywood|Variety|Box Office|Box Office Mojo|The Numbers|Its|His|Her|Their|This|That|It)\b"
)


@dataclass
class _Located:
    amount: Amount
    start: int
    end: int


def _locate_amounts(sentence: str) -> list[_Located]:
    """The amounts ``parse_amounts`` reads in a sentence, with their character spans."""
    try:
        amounts = parse_amounts(sentence)
    except Exception:
        return []
    out: list[_Located] = []
    cursor = 0
    anchors = [
        m for m in re.finditer(r"(?:[A-Z]{0,3}[$£€¥₹₩]|\b(?:USD|EUR|GBP|JPY|CAD|AUD)\s?)\s?\d", sentence)
    ]
    for k, amount in enumerate(amounts):
        written = (getattr(amount, "as_written", "") or "").strip()
        pos = sentence.find(written, cursor) if written else -1
        if pos >= 0:
            out.append(_Located(amount, pos, pos + len(written)))
            cursor = pos + len(written)
            continue
        # as_written not verbatim: fall back to the k-th currency anchor and its number
        if k < len(anchors) and len(anchors) == len(amounts):
            a = anchors[k]
            m = re.match(
                r"[\d.,]+(?:\s*(?:–|-|to)\s*[\d.,]+)?(?:\s*(?:million|billion|thousand|m|bn)\b)?",
                sentence[a.end() - 1 :],
                re.I,
            )
            end = a.end() - 1 + (m.end() if m else 1)
            out.append(_Located(amount, a.start(), end))
            cursor = end
    return out


def _nearest_measure(before: str, after: str) -> tuple[str | None, int]:
    best: tuple[str | None, int] = (None, 10**9)
    for measure, pattern in _MEASURE_KEYWORDS:
        for m in pattern.finditer(before):
            dist = len(before) - m.end()
            if dist < best[1]:
                best = (measure, dist)
        m = pattern.search(after)
        if m and m.start() <= _AFTER_LIMIT and m.start() < best[1]:
            best = (measure, m.start())
    return best


def _territory_in(text: str, *, nearest_last: bool) -> str | None:
    hits: list[tuple[int, str]] = []
    for name, pattern in _TERRITORY_PATTERNS:
        for m in pattern.finditer(text):
            if name is None:
                place = m.group(1).strip(" .,")
                if _NOT_PLACES.match(place):
                    continue
                name_ = place
            else:
                name_ = name
            hits.append((m.start(), name_))
            break
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if nearest_last else hits[0][1]


def box_office_from_prose(text: str) -> list[BoxOffice]:
    """Budget, gross and marketing amounts stated in prose (see the module docstring)."""
    out: list[BoxOffice] = []
    seen: set[tuple] = set()
    for sentence in sentences(text):
        if not re.search(r"[$£€¥₹₩]|\b(?:USD|EUR|GBP|JPY)\b", sentence):
            continue
        located = _locate_amounts(sentence)
        prev_measure: str | None = None
        prev_end = 0
        for n, loc in enumerate(located):
            start = max(prev_end, _clause_start(sentence, loc.start), loc.start - _BEFORE_LIMIT)
            before = sentence[start : loc.start]
            next_start = located[n + 1].start if n + 1 < len(located) else _clause_end(sentence, loc.end)
            after = sentence[loc.end : next_start]
            measure, _dist = _nearest_measure(before, after)
            opening = _MEASURE_KEYWORDS[0][1]
            om = opening.search(after)
            if (om and om.start() <= 30) or opening.search(before[-40:]):
                measure = "opening"  # an opening-weekend figure, not the total gross
            if (
                measure is None
                and prev_measure
                and n > 0
                and len(before) <= 40
                and re.search(r"\band\b|,|\bor\b|\bwhile\b|\bwith\b", before)
            ):
                measure = prev_measure
            prev_end = loc.end
            prev_measure = measure if measure in ("budget", "gross", "marketing") else None
            if measure not in ("budget", "gross", "marketing"):
                continue
            after_near = re.split(r"[,;]|\band\b|\bwhile\b|\bagainst\b|\bon a\b", after, maxsplit=1)[0][:45]
            territory = _territory_in(after_near, nearest_last=False)
            if territory is None:
                clause_before = sentence[_clause_start(sentence, loc.start) : loc.start]
                clause_before = re.split(r"\band\b|\bwhile\b|\bagainst\b", clause_before)[-1]
                territory = _territory_in(clause_before, nearest_last=True)
            amount = loc.amount
            territory = territory or amount.territory  # "$75 million worldwide": read by parse_amounts
            key = (measure, territory, amount.low, amount.high, amount.currency, amount.bound)
            if key in seen:
                continue
            seen.add(key)
            out.append(BoxOffice(measure, amount, territory))
    return out


# --------------------------------------------------------------------------------------------
# releases
# --------------------------------------------------------------------------------------------

_RELEASE_TYPES: list[tuple[str, re.Pattern]] = [
    (
        "re-release",
        re.compile(r"\bre-?releas\w*|\bre-?issu\w*|\breturned to (?:theaters|theatres|cinemas)\b", re.I),
    ),
    (
        "premiere",
        re.compile(
            r"\b(?:world |north american |us |u\.s\. |european )?premi[eè]r\w*|\bdebut(?:ed|s)?\b", re.I
        ),
    ),
    ("festival", re.compile(r"\bfestival\b|\bscreened\b|\bscreening\b", re.I)),
    ("limited", re.compile(r"\blimited(?: theatrical)? release\b|\blimited\b", re.I)),
    (
        "wide",
        re.compile(
            r"\bnation-?wide\b|\bcountry-?wide\b|\bwide(?:r)? release\b|\bwidely released\b|\bwent wide\b|"
            r"\bgeneral release\b|\bexpanded\b|\bexpansion\b|\bwide\b",
            re.I,
        ),
    ),
    (
        "theatrical",
        re.compile(
            r"\breleas(?:e|ed|es|ing)\b|\bopen(?:ed|s)\b|\bin (?:theaters|theatres|cinemas)\b|"
            r"\btheatrical(?:ly)?\b|\bhit (?:theaters|theatres|cinemas)\b",
            re.I,
        ),
    ),
]
_RELEASE_EXCLUDE = re.compile(
    r"\bDVD\b|\bVHS\b|\bBlu-?ray\b|\bLaser ?Disc\b|\bHD DVD\b|\bUHD\b|\b4K\b|\bhome (?:video|media|entertainment)\b|"
    r"\bvideo ?cassettes?\b|\bvideo\b|\bstreaming\b|\bdigital(?:ly)? (?:download|release|HD)\b|\bon demand\b|"
    r"\bsoundtrack\b|\balbum\b|\bsingle\b|\bbook\b|\bnovel\b|\bvideo game\b|\btrailer\b|\bteaser\b|"
    r"\bposter\b|\btelevision\b|\bTV\b|\bbroadcast\b|\baired\b|\bdied\b|\bborn\b|\bdeath\b|\bfilming\b|"
    r"\bprincipal photography\b|\bannounced\b|\bRetrieved\b|\bArchived\b|\baccessed\b|\bpublished\b",
    re.I,
)
_PLACE_RE = re.compile(
    r"(?i:\b(?:in|throughout|across))\s+(?:the\s+)?((?:[A-Z][\w'’.-]*)(?:\s+(?:and\s+|of\s+|&\s+)?[A-Z][\w'’.-]*){0,3})"
)
_FESTIVAL_RE = re.compile(
    r"(?:the\s+)?((?:\d{4}\s+)?(?:[A-Z][\w'’.-]*\s+){1,6}(?:Film\s+)?Festival(?:\s+(?:de|of|in)\s+[A-Z][\w'’.-]*)?)"
)
_NON_TERRITORY = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Theaters|"
    r"Theatres|Cinemas|IMAX|Dolby|Spring|Summer|Autumn|Fall|Winter)\b"
)


def _release_type(window: str) -> tuple[str | None, int]:
    """(type, position of its word) of the highest-priority release word in the window."""
    for rtype, pattern in _RELEASE_TYPES:
        m = pattern.search(window)
        if m:
            return rtype, m.start()
    return None, -1


def _territory_for_release(window: str, title_words: set[str]) -> str | None:
    for m in _PLACE_RE.finditer(window):
        place = m.group(1).strip(" .,")
        place = re.sub(r"\s+(?:on|in|at)$", "", place)
        if _NON_TERRITORY.match(place) or "Festival" in place:
            continue
        if place.lower() in title_words:
            continue
        return place
    return None


def _is_citation_date(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 40) : start]
    after = sentence[end : end + 3]
    if re.search(r"\b(?:Retrieved|Archived|accessed|Accessed)\b[^.]*$", before):
        return True
    if before.rstrip().endswith("(") and after.startswith(")"):
        return True  # "Ebert, Roger (November 5, 1995)."
    return False


def releases_from_prose(text: str) -> list[Release]:
    """Dated release events (premiere, festival, limited, wide, theatrical, re-release)."""
    out: list[Release] = []
    for sentence in sentences(text):
        try:
            matches = find_dates(sentence)
        except Exception:
            continue
        prev_end = 0
        for n, dm in enumerate(matches):
            date = dm.date
            if _is_citation_date(sentence, dm.start, dm.end):
                prev_end = dm.end
                continue
            cstart = _clause_start(sentence, dm.start)
            before = sentence[max(prev_end, cstart, dm.start - 120) : dm.start]
            next_start = matches[n + 1].start if n + 1 < len(matches) else len(sentence)
            after = sentence[dm.end : min(next_start, _clause_end(sentence, dm.end), dm.end + 90)]
            prev_end = dm.end
            if _RELEASE_EXCLUDE.search(before):
                continue
            rtype, _ = _release_type(before)
            window = before
            if rtype is None:
                # "On September 5, 1995, the film premiered at ..." : a release word right after,
                # only when the date opens its clause
                if not re.fullmatch(
                    r"[\s,]*(?:(?:and|but|then)\s+)?(?:on|in|by|from|as of|beginning|starting)?\s*",
                    before,
                    re.I,
                ):
                    continue
                head = re.match(
                    r"^[\s,]*(?:(?:the|a|its|this)\s+)?(?:[\w'’-]+\s+){0,5}?(?:was\s+|were\s+|had\s+|has\s+)?"
                    r"(?:premi|releas|open|debut|screen|re-?releas|re-?issu)",
                    after,
                    re.I,
                )
                if head is None:
                    continue
                rtype, _ = _release_type(after)
                window = after
            if rtype is None or _RELEASE_EXCLUDE.search(window):
                continue
            territory = _territory_for_release(window, set())
            note = None
            if rtype in ("festival", "premiere"):
                fm = _FESTIVAL_RE.search(window)
                if fm:
                    note = fm.group(1).strip()
                    if rtype == "premiere" and not re.search(r"premi", window, re.I):
                        rtype = "festival"
            _merge_release(out, Release(date, rtype, territory, None, note))
    return out


def _merge_release(out: list[Release], new: Release) -> None:
    for r in out:
        if (
            r.date == new.date
            and r.release_type == new.release_type
            and (r.territory is None or new.territory is None or r.territory == new.territory)
        ):
            r.territory = r.territory or new.territory
            r.note = r.note or new.note
            return
    out.append(new)


# --------------------------------------------------------------------------------------------
# extracts
# --------------------------------------------------------------------------------------------

_SOUNDTRACK_RE = re.compile(r"\bsoundtrack\b", re.I)


def _lead_title(raw: str) -> str:
    title = re.sub(r"\s*\([^()]*\)", "", raw).strip()  # "(also known as ...)", "(stylized as ...)"
    title = title.strip("\"“”'")
    return title


def _soundtrack_release(text: str) -> PartialDate | None:
    for sentence in sentences(text):
        if not _SOUNDTRACK_RE.search(sentence):
            continue
        verb = re.search(
            r"\b(?:was|were|is|been)\s+(?:first\s+|originally\s+|later\s+)?(?:released|issued|published)\b|"
            r"\bcame out\b|\bwent on sale\b",
            sentence,
            re.I,
        )
        if not verb:
            continue
        try:
            dates = find_dates(sentence)
        except Exception:
            continue
        after = [d for d in dates if d.start >= verb.start()]
        pick = after or dates
        if pick:
            return pick[0].date
    return None


def parse_extract(text: str) -> FilmFacts:
    """A Wikipedia plain-text extract (whole article or loose sentences) as FilmFacts."""
    text = text or ""
    m = lead_sentence(text)
    facts = FilmFacts(title=_lead_title(m.group("title")) if m else "")
    if m:
        facts.release_year = int(m.group("year"))
    else:
        facts.problems["no lead sentence"] += 1
    facts.ratings = ratings_from_prose(text)
    facts.box_office = box_office_from_prose(text)
    facts.releases = releases_from_prose(text)
    facts.soundtrack_release = _soundtrack_release(text)
    return facts
