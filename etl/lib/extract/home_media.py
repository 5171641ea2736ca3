"""Home-media releases of a film, read from the article's home-media sections.

API:

- ``read_home_media(article, ctx=None) -> (list[HomeMedia], list[CompanyRole])``: both of the
  below from one reading of the sections (what the parse stage calls);
- ``parse_home_media(code, ctx=None) -> list[HomeMedia]``: one row per format per distinct
  release (the same format again at another date, in another region or from another company is
  another row), in the order the text first names them.
- ``home_media_distributors(code, ctx=None) -> list[CompanyRole]``: the companies those sections
  say released or distributed a home-media format, role ``home_media_distributor``.

Where it reads: sections titled "Home media", "Home video", "Home release", "Home media
release", "Video release", "Home entertainment" (also "DVD release"...), at any level, wherever
they sit (top level or under Release, Reception, Legacy, ...), with their subsections. Of each
section only the paragraphs that can change what is found (``might_hold``: a digit, "edition" or
a format word) are parsed and rendered by ``wikitext.render`` (citations and comments gone),
then read sentence by sentence, each list item on its own; the links are read from the whole
section (``releases.link_names``).

Formats (``FORMATS``): VHS (also "video cassette(s)", "videocassette", "videotape"), Betamax,
LaserDisc, CED, Video CD, DVD, HD DVD, Blu-ray, 3D Blu-ray, 4K Ultra HD ("Ultra HD Blu-ray",
"UHD Blu-ray", "4K UHD", "4K Blu-ray"), UMD and digital ("digital download/copy/HD/release",
"download", "streaming", "available to stream", "video on demand", "released digitally", and the
streaming and download stores: "released on Disney+", "available on Netflix", "on iTunes").
"Home video" alone is not a format; "DVD player" is not a DVD; "4K" alone (a resolution) is not
4K Ultra HD.

Rules:

- Clauses. A sentence is cut at "; ", ", while", ", whereas", ", but", at "and" before a new
  verb phrase ("and was re-released", "and became", "and sold"), at "and in"/"and on", and at
  ", "/"and" before "the <format> was". A prepositional piece ("and in Germany", "and on
  Betamax") stays with the clause before it unless both have their own date. A clause naming no
  format takes the formats named earlier in the sentence when it has a release word or a date
  ("..., and in the UK on October 31, 2011"); a clause naming no place takes the places of the
  clause before it ("released in the UK ... and was later released on DVD ...").
- Release statements. A clause counts (date, languages, regions, company, notes) only when it
  has a release word (released, re-released, reissued, issued, published, distributed,
  distribution, release, available, launched, delayed, came out, followed, put out, "included
  in", packaged), is a list item opening with a date, or is a dated continuation of a release
  clause. A clause about sales or charts ("sold", "units", "chart", ...) or without a release
  word only records that the format exists (its row, if new, is undated). A negated release
  ("has never been released on HD DVD") records nothing.
- Dates come from ``dates.find_dates(years=True)``. A bare year counts only after "in", "on",
  "from", "since", "by", "of", "during", ... or opening its list item ("1982 – CED"): "the 2005
  anthology" and "1989-1997" are not release dates. A date right after "announced",
  "premiered", "screened", "aired", "broadcast", "week ending", "as of" belongs to that other
  event. A day without a year ("on November 26") takes the year of the sentence's previous
  date, and is skipped when there is none. "On the same day" / "simultaneously" is the date
  named last before it (in the sentence or the one before). One date in a clause goes to every
  format of the clause; with several, each format takes the nearest one in its own phrase (a comma or
  parenthesis between counts as far). A list item that opens with a date ("* March 24, 1997
  (DVD)") gives it to every format in the item.
- Languages: in a clause that says "language(s)", every language named; otherwise languages
  after "in" ("in English") or before "audio/dub/subtitles/language/track" ("English and French
  audio").
- Regions: places after "in", "for", "throughout", "across" (several joined by "and" or
  commas), a place before "release/edition/version" ("another UK release"), and DVD/Blu-ray
  region codes ("Region 1", "region A" -> "Region A"). Kept as displayed without "the": "USA",
  "Canada", "the UK" -> "UK".
- Company: "released|distributed|published|issued|... by NAME", "through [independent]
  distributor NAME", "NAME released|re-issued|published ..." (NAME linked, or opening its
  clause), "<linked NAME> release"; a "by NAME" closing a continuation without a verb ("..., and
  on Blu-ray and DVD on Y, by NAME") names the company of every clause of the sentence. The
  link target is kept as ``Name.wiki_title``; possessives and sentence words are dropped
  (``releases.company_name``).
- Notes: edition phrases with their descriptive words ("two-disc Special Edition", "35th
  anniversary edition", "Limited Edition Tin"; not "the previous ... edition" and not "Movie
  Download edition", which names a format), box sets, "Criterion Collection", Steelbook,
  Digibook, "rental"; several joined with "; ". A sentence with "edition(s)" and a release verb
  but no format and no date ("Australian and UK editions later were released") is a note on the
  rows of the last sentence that named formats.
- Rows. A dated mention joins a row with the same format and date, or fills an undated row of
  the format that it does not contradict (regions, company, and the row has no note or the same
  one); otherwise it is a new row. An undated mention joins the latest row of the format that it
  does not contradict; when it brings an edition note, only an undated note-less row or a row
  with the same note will do. Joining fills what the row lacks (company) and adds languages,
  regions and notes.
- ``home_media_distributors``: one row per company and territory, in order of mention; the
  territory is set when the clause names exactly one place that is not a region code
  (normalised by ``releases.normalise_territory``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Tag, Text
from mwparserfromhell.wikicode import Wikicode

from etl.lib.extract.releases import (
    NAME_RE,
    PLACE_RE,
    company_name,
    is_home_media_title,
    link_names,
    normalise_territory,
)
from etl.lib.model import DAY, CompanyRole, HomeMedia, Name, PartialDate
from etl.lib.text import dates
from etl.lib.text.sentences import clause_breaks, clauses, sentences
from etl.lib.wiki import paragraphs
from etl.lib.wiki import wikitext as W
from etl.lib.wiki.article import Article

__all__ = ["read_home_media", "parse_home_media", "home_media_distributors", "FORMATS"]

# --------------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------------

_BR = r"Blu[-\s]?rays?(?:\s+Discs?)?"
# Streaming and download stores: "released on Disney+", "available on Netflix" are digital releases.
_SERVICES = (
    r"(?-i:Netflix|Disney\+(?:\s+Hotstar)?|Disney\s+Plus|Hulu|(?:Amazon\s+)?Prime\s+Video|"
    r"Amazon\s+Video|HBO\s+Max|Peacock|Paramount\+|Apple\s+TV\+|iTunes|Google\s+Play|Vudu|"
    r"Fandango\s+at\s+Home|Crunchyroll|Hotstar|JioCinema|ZEE5|SonyLIV|MUBI|Tubi|Shudder|"
    r"Criterion\s+Channel)"
)
# (label, pattern), tried in this order at each position: longer names first.
FORMATS: list[tuple[str, str]] = [
    (
        "4K Ultra HD",
        rf"4K\s*(?:Ultra\s*HD|UHD)(?:\s*{_BR})?|(?:Ultra\s*HD|UHD)\s*{_BR}|"
        rf"4K\s*{_BR}|Ultra\s+HD\b",
    ),
    ("3D Blu-ray", rf"{_BR}\s*3D|3D\s*{_BR}"),
    ("HD DVD", r"HD[\s-]DVDs?"),
    ("Blu-ray", _BR),
    ("DVD", r"(?-i:DVD)(?:-Video)?s?(?!\s+(?:players?|drives?|recorders?)\b)"),
    ("VHS", r"(?-i:VHS)|(?-i:D-VHS)|video[\s-]?cassettes?|video[\s-]?tapes?"),
    ("Betamax", r"Betamax"),
    ("LaserDisc", r"laser[\s-]?discs?"),
    ("CED", r"(?-i:CED)(?:\s+video\s?discs?)?|Capacitance\s+Electronic\s+Discs?|SelectaVision"),
    ("Video CD", r"Video\s+CDs?|(?-i:VCDs?)"),
    ("UMD", r"(?-i:UMDs?)|Universal\s+Media\s+Discs?"),
    (
        "digital",
        r"digital(?:ly)?[\s-]+(?:downloads?|copy|copies|HD|releases?|retail(?:ers)?|"
        r"platforms?|formats?|storefronts?|distribution|rentals?|purchases?|streaming|"
        r"sell-through)|(?:released|available)\s+digitally|digitally\s+released|"
        r"(?:movie\s+)?downloads?\b(?!ed)|streaming|video[\s-]on[\s-]demand|(?-i:VOD)|"
        r"on[\s-]demand|electronic\s+sell-through|(?<=to\s)stream\b|(?<=for\s)stream\b|"
        r"streamed\b|" + _SERVICES,
    ),
]
_FORMAT_RE = re.compile("|".join(f"(?P<f{i}>{pattern})" for i, (_, pattern) in enumerate(FORMATS)), re.I)
_FORMAT_WORD_RE = rf"(?:{'|'.join(p for _, p in FORMATS)})"


def _formats(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every format mention."""
    out = []
    for m in _FORMAT_RE.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            continue
        if m.end() < len(text) and text[m.end()].isalnum() and not text[m.end() - 1] == " ":
            continue
        for i, (label, _) in enumerate(FORMATS):
            if m.group(f"f{i}") is not None:
                out.append((label, m.start(), m.end()))
                break
    return out


# --------------------------------------------------------------------------------------------
# Words around the formats
# --------------------------------------------------------------------------------------------

_RELEASE_CUE = re.compile(
    r"\b(?:re-?released|released?|re-?issued|reissues?|issued|published|distributed|"
    r"distribution|available|launched|delayed|came out|followed|put out|hit shelves|"
    r"included in|packaged|(?:began|begins|started|starts)\s+streaming|streamed|added to)\b",
    re.I,
)
# A clause about sales or charts is not a release statement (its dates are chart weeks).
_SALES = re.compile(
    r"\b(?:sold|sales|selling|sells|charts?|units|copies|grossed|grossing|"
    r"generating|revenue|earned|topped|best-?selling|rentals chart)\b",
    re.I,
)
# "never released on", "not yet available on": no release.
_NEGATED = re.compile(
    r"\b(?:never|not|no)\s+(?:(?:yet|been|officially|commercially|ever|"
    r"legally|widely)\s+)*(?:re-?released|released|issued|available|published)\b",
    re.I,
)
# A sentence that is an edition note: "Australian and UK editions later were released".
_NOTE_VERB = re.compile(
    r"\b(?:re-?released|released|re-?issued|issued|published|distributed|"
    r"made available)\b",
    re.I,
)
_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:announced|announcement|premiered?|screened|screenings?|aired|broadcast|telecast|"
    r"week ending|ending|weekend of|chart dated|as of)\b[\s,]*(?:on\s+|in\s+)?$",
    re.I,
)

LANGUAGES = [
    "English",
    "Russian",
    "French",
    "German",
    "Spanish",
    "Italian",
    "Japanese",
    "Mandarin",
    "Cantonese",
    "Chinese",
    "Korean",
    "Hindi",
    "Tamil",
    "Telugu",
    "Malayalam",
    "Bengali",
    "Urdu",
    "Portuguese",
    "Dutch",
    "Swedish",
    "Danish",
    "Norwegian",
    "Finnish",
    "Polish",
    "Czech",
    "Hungarian",
    "Greek",
    "Turkish",
    "Arabic",
    "Hebrew",
    "Persian",
    "Thai",
    "Vietnamese",
    "Indonesian",
    "Tagalog",
    "Ukrainian",
    "Romanian",
    "Catalan",
]
_LANG_RE = r"(?:" + "|".join(LANGUAGES) + r")"

_PLACE_LIST = (
    rf"(?:the\s+)?{PLACE_RE}(?:\s*,\s*(?:and\s+)?(?:the\s+)?{PLACE_RE})*"
    rf"(?:,?\s+and\s+(?:the\s+)?{PLACE_RE})?"
)
_REGION_AFTER_PREP = re.compile(rf"\b(?:in|In|for|For|throughout|across)\s+(?P<places>{_PLACE_LIST})")
_REGION_BEFORE_NOUN = re.compile(
    rf"(?P<place>{PLACE_RE})\s+(?:release|releases|edition|editions|version|market)\b"
)
_REGION_CODE = re.compile(r"\b[Rr]egion\s+(?P<code>[0-9]|[A-C])\b")

_EDITION_HEAD = re.compile(r"(?<![\w'’-])(?:[\w'’]+-)?(?:editions?|box(?:ed)?\s+sets?)\b", re.I)
_DESCRIPTOR = re.compile(
    r"(?:\d+(?:st|nd|rd|th)(?:[- ][Aa]nniversary)?|\w+-[Dd]isc|anniversary|special|"
    r"collector['’]s|"
    r"limited|deluxe|ultimate|extended|director['’]s|remastered|restored|definitive|"
    r"steelbook|steelcase|single-disc|double-disc|trilogy|anthology|limited-edition|"
    r"collectors|premium|platinum|diamond|signature|unrated|uncut|theatrical|final|"
    r"[A-Z][\w'’-]*)$"
)
_NOT_DESCRIPTOR = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "Its",
    "Their",
    "Other",
    "Both",
    "In",
    "On",
    "It",
    "All",
    "Each",
    "New",
    "First",
    "Later",
    "Also",
}
_NOTE_WORDS = re.compile(
    r"(?:The\s+)?Criterion\s+Collection|\b(?:Steelbook|SteelBook|steelbook|Digibook|DigiBook|"
    r"digibook)\b|\brental\b",
    re.I,
)


def _edition_notes(text: str) -> list[str]:
    notes: list[str] = []
    for m in _EDITION_HEAD.finditer(text):
        tokens = re.findall(r"[^\s\"“”()]+", text[: m.start()])
        kept: list[str] = []
        for tok in reversed(tokens[-5:]):
            word = tok.strip(",;:")
            if word != tok and kept:  # a comma ends the phrase
                break
            if (
                word in _NOT_DESCRIPTOR
                or not _DESCRIPTOR.fullmatch(word)
                or re.fullmatch(_FORMAT_WORD_RE, word, re.I)
                or re.fullmatch(PLACE_RE, word)
            ):
                break
            kept.insert(0, word)
            if word != tok:
                break
        head = m.group(0)
        phrase = " ".join(kept + [head])
        # A capitalised word right after "Edition" belongs to it ("Limited Edition Tin").
        after = re.match(r"\s+([A-Z][a-z]+)\b", text[m.end() :])
        if (
            after
            and head[0].isupper()
            and not re.fullmatch(_FORMAT_WORD_RE, after.group(1), re.I)
            and not re.fullmatch(PLACE_RE, after.group(1))
        ):
            phrase += " " + after.group(1)
        if not kept and re.fullmatch(r"editions?", head, re.I):
            continue  # "edition" alone says nothing
        before = tokens[-len(kept) - 1].lower() if len(tokens) > len(kept) else ""
        if before in ("previous", "earlier", "original", "same", "former", "prior"):
            continue  # another release's edition
        if (
            re.search(_FORMAT_WORD_RE, phrase, re.I)
            and kept
            and re.fullmatch(_FORMAT_WORD_RE, kept[-1], re.I)
        ):
            continue
        if phrase not in notes:
            notes.append(phrase)
    for m in _NOTE_WORDS.finditer(text):
        word = m.group(0)
        word = "rental" if word.lower() == "rental" else word
        if not any(word.lower() in n.lower() for n in notes):
            notes.append(re.sub(r"^the\s+", "", word, flags=re.I))
    return notes


def _languages(text: str) -> list[str]:
    if re.search(r"\blanguages?\b", text, re.I):
        found = re.findall(rf"\b{_LANG_RE}\b", text)
    else:
        found = re.findall(rf"\bin\s+(?:both\s+)?({_LANG_RE}(?:\s*(?:,|and|or)\s*{_LANG_RE})*)\b", text)
        found = [w for group in found for w in re.findall(_LANG_RE, group)]
        for group in re.findall(
            rf"\b({_LANG_RE}(?:\s*(?:,|and|or)\s*{_LANG_RE})*)\s+(?:audio|"
            r"dubs?|dubbed|subtitles?|language|tracks?|soundtracks?)\b",
            text,
        ):
            found += re.findall(_LANG_RE, group)
    return list(dict.fromkeys(found))


def _regions(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for m in _REGION_AFTER_PREP.finditer(text):
        for p in re.finditer(PLACE_RE, m.group("places")):
            found.append((m.start("places") + p.start(), p.group(0)))
    for m in _REGION_BEFORE_NOUN.finditer(text):
        found.append((m.start(), m.group("place")))
    for m in _REGION_CODE.finditer(text):
        found.append((m.start(), f"Region {m.group('code').upper()}"))
    found.sort()
    return list(dict.fromkeys(re.sub(r"^the\s+", "", r) for _, r in found))


_RELEASE_VERB = re.compile(
    r"\b(?:re-?released|released|distributed|published|re-?issued|issued|"
    r"marketed|handled|done|put out|licensed)\b"
)
_BY = re.compile(
    r"\b(?:by|through)\s+(?:the\s+)?(?:(?:independent|local|home video|video|film)\s+)?"
    rf"(?:distributors?\s+|label\s+|company\s+|studio\s+)?(?P<name>{NAME_RE})"
)
_THROUGH = re.compile(
    r"\bthrough\s+(?:the\s+)?(?:(?:independent|local|home video|video|film)\s+)?"
    rf"(?:distributors?\s+|label\s+|company\s+)(?P<name>{NAME_RE})"
)
# "a commentary by X", "directed by X": a person, not the company releasing the format.
_NOT_COMPANY_BEFORE_BY = re.compile(
    r"\b(?:commentar(?:y|ies)|introduc(?:tion|ed)|intro|featurettes?|documentar(?:y|ies)|"
    r"interviews?|directed|written|narrated|hosted|composed|performed|produced|supervised|"
    r"approved|sung|read|drawn|illustrated|designed|edited|scored|created|made|inspired|"
    r"followed|preceded|accompanied|replaced|dubbed)\s+$",
    re.I,
)
_COMPANY_SUBJECT = re.compile(
    rf"(?P<name>{NAME_RE})\s+(?:(?:also|later|then|first|again|subsequently|eventually)\s+)?"
    r"(?:re-?released|released|published|re-?issued|reissued|issued|distributed|put out)\b"
)


def _companies(text: str, links: dict[str, str]) -> list[Name]:
    found: list[tuple[int, Name]] = []
    verb = _RELEASE_VERB.search(text)
    candidates = []
    if verb is not None:  # "released ... by NAME", "distributed through NAME"
        candidates += [
            m
            for m in _BY.finditer(text, verb.end())
            if m.start() - verb.end() <= 160 and not _NOT_COMPANY_BEFORE_BY.search(text[: m.start()])
        ]
    candidates += list(_THROUGH.finditer(text))
    for m in candidates:
        name = company_name(m.group("name"), links)
        if name is not None and not re.fullmatch(_FORMAT_WORD_RE, name.name, re.I):
            found.append((m.start("name"), name))
    # "NAME released ...": a linked name anywhere, an unlinked one only opening its phrase.
    for m in _COMPANY_SUBJECT.finditer(text):
        name = company_name(m.group("name"), links)
        if name is None or re.fullmatch(_FORMAT_WORD_RE, name.name, re.I):
            continue
        if name.wiki_title is None and not re.search(r"(?:^|[,;(]\s*)$", text[: m.start("name")]):
            continue
        found.append((m.start("name"), name))
    # "<linked company> release"
    for shown in links:
        pattern = rf"(?<![\w]){re.escape(shown)}\s+(?:release|releases|edition)\b"
        for m in re.finditer(pattern, text):
            name = company_name(shown, links)
            if (
                name is not None
                and name.wiki_title
                and not re.fullmatch(PLACE_RE, shown)
                and not re.fullmatch(_FORMAT_WORD_RE, shown, re.I)
            ):
                found.append((m.start(), name))
    found.sort(key=lambda x: x[0])
    out: list[Name] = []
    for _, name in found:
        if name not in out:
            out.append(name)
    return out


# --------------------------------------------------------------------------------------------
# Clauses
# --------------------------------------------------------------------------------------------

# The shared breaks (any case), and an "and" before sales figures or a format's own statement.
_BREAK = clause_breaks(
    r",?\s+and\s+(?=(?:went on to\s+)?(?:sold|topped|debuted|became|grossed|earned)\b)",
    rf"(?:,|\s+and)\s+(?=(?:the\s+|a\s+|an\s+)(?:{_FORMAT_WORD_RE})\s+(?:was|were|is|has|had)\b)",
    ignore_case=True,
)
_PREPOSITIONAL = re.compile(r"(?:then\s+|later\s+|also\s+)?(?:in|on)\s", re.I)


@dataclass
class _Clause:
    text: str
    formats: list[tuple[str, int, int]]
    dates: list[tuple[PartialDate, int, int]]  # (date, start, end)
    cue: bool


# Before a bare year: a cue word, an opening parenthesis, a dash ("Blu-ray – 2010") or a table
# cell boundary.
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|on|from|since|by|of|during|circa|around|until|till)\s+|"
    r"\(\s*|\s[–—-]\s*|\|\s*)$",
    re.I,
)
_MONTH = rf"(?:{dates.MONTH_PATTERN})\.?"
# "on February 26" / "on 26 February" with no year: the year of the sentence's previous date.
_YEARLESS = re.compile(
    rf"\b(?:on|On)\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}))(?![\w,]*\s*,?\s*\d{{4}})"
)


def _clause_dates(text: str) -> list[tuple[PartialDate, int, int]]:
    out = []
    for m in dates.find_dates(text, years=True):
        if m.date is None:
            continue
        # A bare year is a date only after a cue word ("in 2009") or opening the text ("1982 –");
        # "the 2005 anthology" and "1989-1997" (a title) are not release dates.
        if (
            re.fullmatch(r"\d{4}", m.text)
            and m.start > 0
            and not _YEAR_CUE.search(text[max(0, m.start - 12) : m.start])
        ):
            continue
        if _OTHER_EVENT_BEFORE.search(text[max(0, m.start - 30) : m.start]):
            continue
        out.append((m.date, m.start, m.end))
    return out


def _yearless(text: str, year: int) -> list[tuple[PartialDate, int, int]]:
    out = []
    for m in _YEARLESS.finditer(text):
        if _OTHER_EVENT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        month = dates.month_number(m.group("m1") or m.group("m2"))
        day = int(m.group("d1") or m.group("d2"))
        if month is None:  # the pattern only matches month names
            continue
        try:
            when = PartialDate(dt.date(year, month, day), DAY)
        except ValueError:
            continue
        out.append((when, m.start(), m.end()))
    return out


def _clause(text: str, cue: bool | None = None) -> _Clause:
    return _Clause(
        text, _formats(text), _clause_dates(text), bool(_RELEASE_CUE.search(text)) if cue is None else cue
    )


# "on the same day", "the same date": the date named just before.
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+(?:day|date)\b|\bsimultaneously\b", re.I)


def _split(sentence: str, previous: PartialDate | None = None) -> list[_Clause]:
    """The clauses of a sentence; ``previous`` is the date named last before it (for "on the
    same day")."""
    pieces = clauses(sentence, _BREAK)
    merged: list[_Clause] = []
    for piece in pieces:
        c = _clause(piece)
        if merged:
            prev = merged[-1]
            # "in Japan and in the UK in 2014", "on DVD and on Blu-ray on X", "on VHS in 1985
            # and on Betamax": one statement unless both halves have their own date.
            prepositional = bool(_PREPOSITIONAL.match(piece))
            # "... on Blu-ray in Japan" + "the UK in 2014": formats without a date, then a date
            # without formats.
            date_only = c.dates and not c.formats and prev.formats and not prev.dates
            if (prepositional and not (c.dates and prev.dates)) or date_only:
                merged.pop()
                c = _clause(prev.text + " and " + piece, prev.cue or c.cue)
        merged.append(c)
    # A day without a year takes the year of the sentence's previous date; "the same day" the
    # date itself.
    year = None
    last = previous
    for c in merged:
        same = _SAME_DAY.search(c.text) if not c.dates else None
        if same and last is not None:
            c.dates = [(last, same.start(), same.end())]
        elif not c.dates and year is not None:
            c.dates = _yearless(c.text, year)
        if c.dates:
            year = c.dates[-1][0].year
            last = c.dates[-1][0]
    return merged


# --------------------------------------------------------------------------------------------
# Observations and rows
# --------------------------------------------------------------------------------------------


@dataclass
class _Obs:
    format: str
    date: PartialDate | None = None
    languages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    company: Name | None = None
    notes: list[str] = field(default_factory=list)
    territory: str | None = None  # for the distributor list


@dataclass
class _Row:
    format: str
    date: PartialDate | None
    languages: list[str]
    regions: list[str]
    company: Name | None
    notes: list[str]


def _leading_date(line: str) -> PartialDate | None:
    found = dates.date_at_start(line, years=True)
    if found and re.match(r"\s*(?:[-–—:(]|$)", line[found.end :]):
        return found.date
    return None


def _observations(
    sentence: str,
    links: dict[str, str],
    item_date: PartialDate | None,
    is_item: bool = False,
    previous: PartialDate | None = None,
    split: list[_Clause] | None = None,
) -> list[_Obs]:
    """The observations of one sentence (``split``: its clauses, ``_split`` read already)."""
    out: list[_Obs] = []
    earlier: list[str] = []  # formats named earlier in the sentence
    released = False  # an earlier clause of the sentence is a release statement
    last_regions: list[str] = []
    split = _split(sentence, previous) if split is None else split
    # "released on Digital HD on X, and on Blu-ray and DVD on Y, by Z": a by-phrase in a clause
    # without a verb of its own shares the sentence's verb, and names the company of every clause.
    shared = list(
        dict.fromkeys(
            c
            for clause in split
            if clause.formats
            and clause.dates
            and _PREPOSITIONAL.match(clause.text)
            and not _RELEASE_VERB.search(clause.text)
            for c in _companies("released " + clause.text, links)
        )
    )
    shared = shared if len(shared) == 1 else []
    for clause in split:
        own_regions = _regions(clause.text)
        inherited_regions = list(last_regions)
        if own_regions:
            last_regions = own_regions
        labels = [f for f, _, _ in clause.formats]
        positions = clause.formats
        if _NEGATED.search(clause.text):
            continue  # "has never been released on HD DVD"
        sales = bool(_SALES.search(clause.text))
        # A release statement: a release word, a dated list item, or a dated clause continuing
        # one ("released on VHS on X and on DVD on Y").
        statement = not sales and (
            clause.cue or item_date is not None or (bool(clause.dates) and (released or is_item))
        )
        if not labels:
            # "..., and in the UK on October 31, 2011": the formats named before.
            if earlier and not sales and (clause.cue or (released and clause.dates)):
                labels = list(earlier)
                positions = []
                statement = True
            else:
                continue
        earlier = list(dict.fromkeys(earlier + [f for f, _, _ in clause.formats]))
        released = released or statement
        if not statement:
            # A mention only: the format exists.
            out.extend(_Obs(label) for label in dict.fromkeys(labels))
            continue
        languages = _languages(clause.text)
        # A clause naming no place continues the place of the sentence's previous clause
        # ("released in the UK on X, and was later released on DVD ...").
        regions = own_regions or inherited_regions
        companies = _companies(clause.text, links) or shared
        company = companies[0] if companies else None
        notes = _edition_notes(clause.text)
        places = [r for r in regions if not r.startswith("Region ")]
        territory = normalise_territory(places[0]) if len(places) == 1 else None
        for label in dict.fromkeys(labels):
            when = _date_for(label, clause.text, positions, clause.dates) or item_date
            out.append(_Obs(label, when, list(languages), list(regions), company, list(notes), territory))
    return out


def _date_for(
    label: str, text: str, positions: list[tuple[str, int, int]], found: list[tuple[PartialDate, int, int]]
) -> PartialDate | None:
    if not found:
        return None
    if len(found) == 1 or not positions:
        return found[0][0]
    spots = [(s, e) for f, s, e in positions if f == label]
    best = None
    for when, d_start, d_end in found:
        for s, e in spots:
            # Characters between the two; a tie goes to the date after the format.
            between = text[e:d_start] if d_start >= e else text[d_end:s]
            distance = len(between) + (0 if d_start >= e else 0.5)
            if re.search(r"[,(]", between):  # another phrase: farther than any in this one
                distance += 1000
            if best is None or distance < best[0]:
                best = (distance, when)
    return best[1] if best else found[0][0]


def _compatible(row: _Row, obs: _Obs) -> bool:
    if row.format != obs.format:
        return False
    if (
        obs.regions
        and row.regions
        and set(obs.regions) != set(row.regions)
        and not set(obs.regions) <= set(row.regions)
    ):
        return False
    if obs.company and row.company and obs.company.name != row.company.name:
        return False
    return True


def _merge(rows: list[_Row], obs: _Obs) -> _Row:
    """Add an observation to the rows: join an existing row or start a new one."""
    target = None
    if obs.date is not None:
        same = [r for r in rows if r.date == obs.date and _compatible(r, obs)]
        undated = [
            r
            for r in rows
            if r.date is None and _compatible(r, obs) and (not r.notes or r.notes == obs.notes)
        ]
        target = same[0] if same else (undated[0] if undated else None)
    else:
        for r in reversed(rows):
            if not _compatible(r, obs):
                continue
            if obs.notes and r.notes and r.notes != obs.notes:
                continue
            if obs.notes and not r.notes and r.date is not None:
                continue
            target = r
            break
    if target is None:
        target = _Row(
            obs.format, obs.date, list(obs.languages), list(obs.regions), obs.company, list(obs.notes)
        )
        rows.append(target)
        return target
    if target.date is None and obs.date is not None:
        target.date = obs.date
    for lang in obs.languages:
        if lang not in target.languages:
            target.languages.append(lang)
    for region in obs.regions:
        if region not in target.regions:
            target.regions.append(region)
    if target.company is None and obs.company is not None:
        target.company = obs.company
    for note in obs.notes:
        if note not in target.notes:
            target.notes.append(note)
    return target


_NOTE_SENTENCE = re.compile(r"\beditions?\b", re.I)


def _home_media_sections(code: Article | W.Code):
    return Article.of(code).select(is_home_media_title)


_ITEM = "\x01"


def _row_text(row: Tag, ctx: W.Context | None) -> str:
    """A table row's cells, rendered, joined by " | "."""
    if row.contents is None:
        return ""
    cells = [c for c in row.contents.filter_tags(recursive=False) if str(c.tag).lower() in ("td", "th")]
    if not cells:
        return W.render(row.contents, ctx).replace("\n", " ")
    return " | ".join(
        W.render(c.contents, ctx).replace("\n", " ") if c.contents is not None else "" for c in cells
    )


def _lines(code, ctx: W.Context | None) -> list[tuple[str, bool]]:
    """The section's rendered lines, each with whether it is a list item or a table row (which
    need no release word: "* DVD – March 24, 1997", "| DVD || Region 1 || 2004")."""
    nodes = []  # the section's nodes, items and table rows marked (the tree is not changed)
    for node in W.parse(code).nodes:
        tag = str(node.tag).lower() if isinstance(node, Tag) else None
        if tag == "li":
            node = Text("\n" + _ITEM)
        elif tag == "table" and isinstance(node, Tag) and node.contents is not None:
            rows = [r for r in node.contents.filter_tags(recursive=False) if str(r.tag).lower() == "tr"]
            if rows:
                node = Text("".join("\n" + _ITEM + _row_text(r, ctx) for r in rows) + "\n")
        nodes.append(node)
    out = []
    for line in W.render(Wikicode(nodes), ctx).split("\n"):
        is_item = line.startswith(_ITEM)
        line = line.replace(_ITEM, "").strip()
        if line:
            out.append((line, is_item))
    return out


# Every format spelling of ``FORMATS`` holds one of these words (any case): a text without any
# names no format.
_FORMAT_HINT = (
    r"DVD|VHS|cassette|tape|Blu|Beta|laser|CED|Capacitance|SelectaVision|CD|UMD|Universal|Ultra|"
    r"UHD|digital|download|stream|demand|VOD|sell|Netflix|Disney|Hulu|Prime|Amazon|HBO|Peacock|"
    r"Paramount|Apple|iTunes|Google|Vudu|Fandango|Crunchyroll|Hotstar|JioCinema|SonyLIV|MUBI|"
    r"Tubi|Shudder|Criterion"
)
_MIGHT_HOLD = re.compile(rf"\d|edition|{_FORMAT_HINT}", re.I)


def might_hold(shown: str) -> bool:
    """A cheap test on the text a paragraph shows: can a sentence of it change what the reader
    finds? Only a sentence that names a format gives observations; a date (it needs a digit)
    is the one the next "on the same day" takes; a sentence without either adds a note to the
    rows before it only when it says "edition(s)". A paragraph without a digit, "edition" or a
    format word (``_FORMAT_HINT``) changes nothing, so it is neither parsed nor rendered."""
    return _MIGHT_HOLD.search(shown) is not None


def _read(code: Article | W.Code, ctx: W.Context | None) -> tuple[list[_Row], list[_Obs]]:
    rows: list[_Row] = []
    observations: list[_Obs] = []
    for sec in _home_media_sections(code):
        links = link_names(sec.text)
        last_rows: list[_Row] = []
        previous: PartialDate | None = None  # the date named last ("on the same day")
        lines = [x for tree in paragraphs.parsed_where(sec.text, might_hold, ctx) for x in _lines(tree, ctx)]
        for line, is_item in lines:
            item_date, dated_yet = None, False  # the line's leading date, read when needed
            for sentence in sentences(line):
                if not might_hold(sentence):
                    continue  # no format, date or edition: it changes nothing (see might_hold)
                if not dated_yet:
                    item_date, dated_yet = _leading_date(line), True
                split = _split(sentence, previous)
                found = _observations(sentence, links, item_date, is_item, previous, split)
                dated = [c.dates[-1][0] for c in split if c.dates]
                previous = dated[-1] if dated else previous
                if found:
                    touched = []
                    for obs in found:
                        row = _merge(rows, obs)
                        if row not in touched:
                            touched.append(row)
                    observations.extend(found)
                    last_rows = touched
                elif (
                    last_rows
                    and _NOTE_SENTENCE.search(sentence)
                    and _NOTE_VERB.search(sentence)
                    and not _clause_dates(sentence)
                ):
                    note = sentence.strip().rstrip(".").strip()
                    for row in last_rows:
                        if note not in row.notes:
                            row.notes.append(note)
    return rows, observations


def read_home_media(
    code: Article | W.Code, ctx: W.Context | None = None
) -> tuple[list[HomeMedia], list[CompanyRole]]:
    """The home-media releases the home-media sections name, and the companies they say
    released a home-media format, from one reading of those sections."""
    rows, observations = _read(code, ctx)
    return _releases(rows), _distributors(observations)


def parse_home_media(code: Article | W.Code, ctx: W.Context | None = None) -> list[HomeMedia]:
    """Every home-media release the home-media sections name."""
    return read_home_media(code, ctx)[0]


def home_media_distributors(code: Article | W.Code, ctx: W.Context | None = None) -> list[CompanyRole]:
    """The companies the home-media sections say released a home-media format."""
    return read_home_media(code, ctx)[1]


def _releases(rows: list[_Row]) -> list[HomeMedia]:
    return [
        HomeMedia(r.format, r.date, r.languages, r.regions, r.company, "; ".join(r.notes) or None)
        for r in rows
    ]


def _distributors(observations: list[_Obs]) -> list[CompanyRole]:
    out: list[CompanyRole] = []
    seen: set[tuple[str, str | None]] = set()
    for obs in observations:
        if obs.company is None:
            continue
        key = (obs.company.name, obs.territory)
        if key in seen:
            continue
        seen.add(key)
        out.append(CompanyRole("home_media_distributor", obs.company, obs.territory))
    return out
