"""Release sections of a film article: their rendered text, and the distributors their prose names.

API:

- ``release_section_text(code, ctx=None) -> str``: the rendered text (``wikitext.render``:
  citations and comments removed) of the sections whose title says "release", "distribution",
  "premiere" or "theatrical" ("Release", "Theatrical release", "Distribution", "Release and
  reception", "Box office and theatrical release", ...) but is not a home-media title, with
  the subsections under them, except subsections about something else: home media, marketing,
  promotion, reception, critical response, accolades, soundtrack/music, short films, video
  games, legacy, sequels, adaptations. Sections are joined by a blank line.
- ``release_prose(code, ctx=None)``: the same sections, each with the rendered text of only
  its paragraphs that can state a release fact (a digit, a currency, a distribution verb);
  ``release_prose_text`` joins them. ``prose.releases_from_prose`` and the distributors read it.
- ``distributors_from_release_prose(code) -> list[CompanyRole]``: the distributors
  the same sections name, one ``CompanyRole(role="distributor", territory=...)`` per company
  and territory, in order of mention, link targets kept as ``Name.wiki_title``.

Also used by ``home_media`` and ``soundtrack``: ``link_names`` (displayed text -> link
target), ``company_name`` and ``normalise_territory``. The places it matches are the territory
normaliser's ``territory.PLACES``.

Rules:

- Clauses: a sentence is cut at "; ", ", while", ", whereas", ", but", ", and" before a new
  subject and verb, and "and in"/"and on". A clause that names a home-video format, a
  soundtrack, album, single, song, trailer, poster, book, game, streaming or television is not
  about theatrical distribution and is skipped.
- Active: "NAME[, NAME] and NAME [also|later|...] distributed|handled|released|re-released|
  acquired|picked up|bought|licensed|secured|obtained ..." with the names opening the clause
  (or after a comma or a conjunction); "handled" counts only with "release"/"distribution"
  after it, acquired/picked up/bought/licensed/secured/obtained only with "rights" or
  "distribution".
- Passive: "... distributed|released|re-released|handled ... by [distributor] NAME[, NAME] and
  NAME"; a following "and in PLACE by NAME" shares the verb, a following "and in PLACE" adds a
  territory to the previous statement, and "was released in PLACE on X, and in PLACE on Y, by
  NAME" gives NAME both places.
- A NAME is a run of capitalised words ("of", "de", "the", "&" allowed inside; "Warner Bros."
  keeps its period); a possessive keeps the owned part ("X's Y Pictures" -> "Y Pictures");
  pronouns, sentence adverbs, months, numbers and places are not names.
- The territory is the place after "in", "throughout", "across", "for", "outside" or "to" in
  the statement, else the adjective or place before "release"/"distribution"/"rights"/
  "market"/"debut"/"premiere" ("the European release"), else "internationally"/"overseas" ->
  "overseas", "worldwide" -> "worldwide". Several places give one row each; none gives
  ``territory=None``.
- Territories are normalised by ``territory.normalise`` (adjectives and abbreviations to the
  place's English name: "European" -> "Europe", "the United Kingdom"/"UK"/"British" ->
  "United Kingdom", "US"/"U.S."/"American" -> "United States", "Japanese" -> "Japan", ...);
  any other place keeps its displayed name without a leading "the".
"""

from __future__ import annotations

import re

from etl.lib.model import CompanyRole, Name
from etl.lib.text import sentences as sentences_lib
from etl.lib.text.sentences import sentences
from etl.lib.text.territory import PLACE_ALIASES, PLACES
from etl.lib.text.territory import normalise as _normalise
from etl.lib.wiki import wikitable
from etl.lib.wiki import wikitext as W
from etl.lib.wiki.article import Article, ArticleSection
from etl.lib.wiki.balance import _opaque_spans as opaque_spans
from etl.lib.wiki.paragraphs import render_where

__all__ = [
    "release_section_text",
    "release_prose",
    "release_prose_text",
    "might_state_release",
    "distributors_from_release_prose",
    "is_home_media_title",
    "clauses",
    "link_names",
    "company_name",
    "normalise_territory",
    "NAME_RE",
    "PLACE_RE",
]

# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


HOME_MEDIA_TITLE = re.compile(
    r"\bhome[\s-]*(?:media|video|release|entertainment)|\bvideo\s+releases?\b|"
    r"\b(?:dvd|blu-ray|vhs)\s+releases?\b",
    re.I,
)
_RELEASE_TITLE = re.compile(r"\b(?:release|releases|distribution|premiere|premieres|theatrical)\b", re.I)
_NOT_RELEASE_TITLE = re.compile(
    r"\b(?:marketing|promotion|campaign|reception|critical|reviews?|response|accolades?|awards?|"
    r"soundtrack|music|score|short films?|video games?|legacy|merchandise|sequels?|"
    r"adaptations?|novel|book|comics?)\b",
    re.I,
)


def is_home_media_title(title: str) -> bool:
    return bool(HOME_MEDIA_TITLE.search(title))


def _is_release_title(title: str) -> bool:
    return bool(_RELEASE_TITLE.search(title)) and not is_home_media_title(title)


def _release_excluded(title: str) -> bool:
    if is_home_media_title(title):
        return True
    return bool(_NOT_RELEASE_TITLE.search(title)) and not _RELEASE_TITLE.search(title)


def _release_sections(code: Article | W.Code) -> list[ArticleSection]:
    return Article.of(code).select(_is_release_title, _release_excluded)


def release_section_text(code: Article | W.Code, ctx: W.Context | None = None) -> str:
    """Rendered text of the Release / Theatrical release / Distribution sections (and their
    subsections that are about the release), paragraphs separated by blank lines."""
    parts = [W.render(sec.code, ctx) for sec in _release_sections(code)]
    return "\n\n".join(p for p in parts if p)


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def link_names(code: W.Code) -> dict[str, str]:
    """Displayed text of every wiki link in ``code`` -> its target (the first link wins), in
    page order, links inside templates, refs and other links too.

    A text is not parsed whole: a link stands only inside a construct (``wikitable.constructs``:
    templates, links, refs, nowiki; comments and the bodies of tags the parser reads as text,
    such as ``<gallery>``, hidden first). Each top-level link is parsed alone from its own
    brackets (as ``Article.templates`` reads a template; a link inside its text comes with it),
    and the inside of a template or a ref is scanned the same way, so a text without ``[[``
    parses nothing and a citation template is never parsed to find its links."""
    if not isinstance(code, str):
        return _names_of_links(W.wikilinks(W.parse(code)))
    if "[[" not in code:
        return {}
    pieces, done = [], 0
    for start, end in opaque_spans(code):
        pieces += [code[done:start], wikitable.MASK * (end - start)]
        done = end
    masked = "".join([*pieces, code[done:]])
    out: dict[str, str] = {}
    for start, end in _link_spans(masked):
        for shown, target in _names_of_links(W.wikilinks(W.parse(code[start:end]))).items():
            out.setdefault(shown, target)
    return out


_REF_BODY = re.compile(r"<ref\b[^<>]*>(.*)</ref\s*>$", re.I | re.S)


def _link_spans(masked: str, offset: int = 0):
    """The spans (offsets in the whole text) of the top-level links of ``masked`` and of the
    links inside its templates and refs, in order."""
    for start, end in wikitable.constructs(masked):
        body = masked[start:end]
        if "[[" not in body:
            continue
        if body.startswith("[["):
            yield offset + start, offset + end
        elif body.startswith("{{"):
            yield from _link_spans(body[2:-2], offset + start + 2)
        elif m := _REF_BODY.match(body):
            yield from _link_spans(m.group(1), offset + start + m.start(1))


def _names_of_links(links) -> dict[str, str]:
    out: dict[str, str] = {}
    for link in links:
        name = W.name_of(str(link), W.Context())
        if name is not None and name.wiki_title and name.name not in out:
            out[name.name] = name.wiki_title
    return out


_PLACE_ALT = "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
PLACE_RE = rf"(?<![\w.])(?:{_PLACE_ALT})(?![\w])"

# Words of release prose that name a territory: the normaliser's place aliases (adjectives and
# abbreviations), their dotted spellings (the normaliser drops dots before it looks them up), and
# the market words a release can name. Everything else keeps its displayed name.
_PLACE_WORDS = frozenset(PLACE_ALIASES) | {"u.s.", "u.k.", "u.s.a.", "international", "worldwide", "overseas"}
_ADJECTIVES = [
    k
    for k in _PLACE_WORDS
    if not k.isupper() and k not in ("us", "uk", "usa", "u.s.", "u.k.", "u.s.a.", "uae", "ussr")
]
_ADJ_ALT = "|".join(re.escape(a) for a in sorted(_ADJECTIVES, key=len, reverse=True))
TERRITORY_ADJ_RE = rf"(?<![\w.])(?:{_ADJ_ALT})(?![\w])"


def normalise_territory(text: str) -> str:
    """The territory's display name: the project's one normaliser, ``territory.normalise``."""
    return _normalise(text)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_WORD = r"(?:[A-Z0-9][\w'’.&/+!-]*)"
NAME_RE = rf"(?<![\w'’&.-]){_WORD}(?:\s+(?:(?:of|de|del|di|du|la|le|von|van|the|&)\s+)?{_WORD})*"
NAME_LIST_RE = rf"{NAME_RE}(?:\s*,\s*{NAME_RE})*(?:,?\s+and\s+{NAME_RE})?"

_STOP_FIRST = {
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "after",
    "before",
    "when",
    "while",
    "as",
    "it",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "also",
    "later",
    "then",
    "however",
    "meanwhile",
    "although",
    "though",
    "since",
    "during",
    "following",
    "initially",
    "originally",
    "eventually",
    "subsequently",
    "both",
    "a",
    "an",
    "he",
    "she",
    "they",
    "we",
    "according",
    "despite",
    "unlike",
    "with",
    "upon",
    "once",
    "there",
    "years",
    "finally",
}
_MONTH_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


_ABBREVIATED_LAST = {
    "bros.",
    "inc.",
    "co.",
    "corp.",
    "ltd.",
    "jr.",
    "llc.",
    "plc.",
    "s.a.",
    "n.v.",
    "pty.",
    "intl.",
}


def company_name(text: str, links: dict[str, str]) -> Name | None:
    """A company as displayed, cleaned (possessive owner, trailing punctuation and leading
    sentence words removed), with the link target when the text is a link's text."""
    text = text.strip(" ,;:")
    if re.search(r"['’]s\s+[A-Z0-9]", text):
        text = re.sub(r"^.*?['’]s\s+(?=[A-Z0-9])", "", text)
    text = re.sub(r"['’]s$", "", text).strip()
    words = text.split()
    while words and words[0].lower() in _STOP_FIRST:
        words = words[1:]
    # A leading "The" stays only when capitalised words follow it ("The Weinstein Company").
    if words and words[0] == "The" and (len(words) < 2 or not words[1][:1].isupper()):
        words = words[1:]
    # A final period ends the sentence, unless it ends an abbreviation ("Warner Bros.").
    if (
        words
        and words[-1].endswith(".")
        and words[-1].lower() not in _ABBREVIATED_LAST
        and " ".join(words) not in links
    ):
        words[-1] = words[-1].rstrip(".")
    words = [w for w in words if w]
    if not words:
        return None
    text = " ".join(words)
    low = text.lower()
    if low in _MONTH_WORDS or re.fullmatch(r"[\d,.\s]+", text) or low in {"the", "film", "it"}:
        return None
    if re.fullmatch(PLACE_RE, text) or low in _PLACE_WORDS:
        return None
    if any(w.lower() in _MONTH_WORDS for w in words) and re.search(r"\d", text):
        return None
    return Name(text, links.get(text))


def split_name_list(text: str) -> list[str]:
    """'A, B and C' -> ['A', 'B', 'C'] (an "and" inside a linked name is not seen here)."""
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text.strip())
    return [p for p in parts if p]


def split_name_list_linked(text: str, links: dict[str, str]) -> list[str]:
    """Like ``split_name_list`` but a linked name containing "and" or "," stays whole."""
    protected = {}
    for i, shown in enumerate(sorted((s for s in links if re.search(r",| and ", s)), key=len, reverse=True)):
        key = f"\x00{i}\x00"
        if shown in text:
            text = text.replace(shown, key)
            protected[key] = shown
    out = []
    for part in split_name_list(text):
        for key, shown in protected.items():
            part = part.replace(key, shown)
        out.append(part)
    return out


# --------------------------------------------------------------------------------------------
# Clauses
# --------------------------------------------------------------------------------------------

# The shared breaks, and ", and <Company> distributed ...": a new distributor's clause.
_CLAUSE_BREAK = sentences_lib.clause_breaks(
    rf",\s+and\s+(?=(?:then\s+|later\s+|also\s+)?(?:{NAME_RE})\s+(?:also\s+|later\s+)?"
    r"(?:distributed|handled|released|re-released|acquired|picked up)\b)"
)


def clauses(sentence: str) -> list[str]:
    return sentences_lib.clauses(sentence, _CLAUSE_BREAK)


# --------------------------------------------------------------------------------------------
# Distributors
# --------------------------------------------------------------------------------------------

_NOT_THEATRICAL = re.compile(
    r"\b(?:DVDs?|Blu-?\s?ray|VHS|Laser\s?disc|video\s?cassettes?|home (?:video|media|release|"
    r"entertainment)|soundtrack|album|single|songs?|trailers?|posters?|books?|novels?|"
    r"(?:video )?games?|streaming|digital download|television|broadcast)\b",
    re.I,
)
_ACTIVE_VERB = re.compile(
    r"\b(?:distributed|handled|released|re-released|acquired|picked up|bought|licensed|"
    r"secured|obtained)\b"
)
_PASSIVE = re.compile(
    r"\b(?:distributed|released|re-released|handled)\b[^;]{0,120}?\bby\s+(?:the\s+)?"
    r"(?:(?:film|independent|local|theatrical|foreign)\s+)?(?:distributors?\s+|studios?\s+|"
    r"companies\s+|company\s+)?"
    rf"(?P<names>{NAME_LIST_RE})"
)
_ADVERBS = (
    r"(?:(?:also|later|then|reportedly|initially|originally|eventually|subsequently|"
    r"jointly|theatrically|separately|ultimately)\s+)*"
)
_SUBJECT = re.compile(rf"(?P<names>{NAME_LIST_RE})\s+{_ADVERBS}$")
# What may stand before a subject: nothing, a comma ("In 1996, X acquired"), a conjunction.
_SUBJECT_START = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|while|whereas|but|then|when|where|after|"
    r"as|which|who)\s+)$"
)
_PLACE_LIST = (
    rf"(?:the\s+)?{PLACE_RE}(?:\s*,\s*(?:and\s+)?(?:the\s+)?{PLACE_RE})*"
    rf"(?:,?\s+and\s+(?:the\s+)?{PLACE_RE})?"
)
_TERRITORY_AFTER_PREP = re.compile(
    r"\b(?:[Ii]n|[Tt]hroughout|[Aa]cross|[Ff]or|[Oo]utside(?:\s+of)?|to)\s+"
    rf"(?P<places>{_PLACE_LIST})"
)
_TERRITORY_ADJ = re.compile(
    rf"(?P<adj>{TERRITORY_ADJ_RE}|{PLACE_RE})\s+(?:theatrical\s+)?(?:release|distribution|rights|"
    r"market|debut|premiere)",
    re.I,
)


def _territories(text: str) -> list[str]:
    m = _TERRITORY_AFTER_PREP.search(text)
    if m:
        places = re.findall(PLACE_RE, m.group("places"))
        return list(dict.fromkeys(normalise_territory(p) for p in places))
    m = _TERRITORY_ADJ.search(text)
    if m:
        return [normalise_territory(m.group("adj"))]
    m = re.search(r"\b(internationally|worldwide|overseas)\b", text, re.I)
    if m:
        return ["Worldwide" if m.group(1).lower() == "worldwide" else "International"]
    return []


def _names(text: str, links: dict[str, str]) -> list[Name]:
    out = []
    for part in split_name_list_linked(text, links):
        name = company_name(part, links)
        if name is not None:
            out.append(name)
    return out


# What a paragraph of release prose must show to hold a fact read from it: a digit or a
# currency (a date, an amount), or a distribution verb (``_ACTIVE_VERB``, ``_PASSIVE``).
_RELEASE_FACT = re.compile(
    r"\d|[$£€¥₹₩]|USD|EUR|GBP|JPY|distributed|handled|released|acquired|picked|bought|licensed|"
    r"secured|obtained"
)


def might_state_release(view: str) -> bool:
    """A cheap test on a paragraph (``paragraphs.render_where``): can it state a release date,
    an amount or a distributor?"""
    return _RELEASE_FACT.search(view) is not None


def release_prose(code: Article | W.Code, ctx: W.Context | None = None) -> list[tuple[ArticleSection, str]]:
    """Each section of ``release_section_text`` with the rendered text of its paragraphs that
    can state a release fact (``might_state_release``), the others left out
    (``paragraphs.render_where``): the text the release readers read, sentence for sentence
    the same facts as the whole section, at the cost of parsing only those paragraphs."""
    return [(sec, render_where(sec.text, might_state_release, ctx)) for sec in _release_sections(code)]


def release_prose_text(prose: list[tuple[ArticleSection, str]]) -> str:
    """The texts of ``release_prose``, sections joined by a blank line."""
    return "\n\n".join(text for _, text in prose if text)


def distributors_from_release_prose(
    code: Article | W.Code, prose: list[tuple[ArticleSection, str]] | None = None
) -> list[CompanyRole]:
    """Distributors the Release sections' prose names, per territory (``prose``: the sections'
    ``release_prose``, read already for the article).

    Without ``prose``, renders with its own ``Context``: the article's release prose is rendered
    (and its unknown templates counted) once, for the release readers. A section's links are
    read (its whole text parsed) only when one of its sentences names a distributor."""
    out: list[CompanyRole] = []
    seen: set[tuple[str, str | None]] = set()
    for sec, text in prose if prose is not None else release_prose(code, W.Context()):
        links: dict[str, str] | None = None
        for sentence in sentences(text):
            for names, territory_text in _sentence_distributors(sentence):
                if links is None:
                    links = link_names(sec.text)
                territories = _territories(territory_text) or [None]
                for name in _names(names, links):
                    for territory in territories:
                        key = (name.name, territory)
                        if key not in seen:
                            seen.add(key)
                            out.append(CompanyRole("distributor", name, territory))
    return out


_PREPOSITIONAL = re.compile(r"(?:then\s+|later\s+|also\s+)?(?:in|on)\s")
_AGENTLESS = re.compile(r"\b(?:was|were|is|be|been)\s+(?:\w+ly\s+)?(?:released|distributed|re-released)\b")
_BY_ONLY = re.compile(rf"\bby\s+(?:the\s+)?(?:distributors?\s+)?(?P<names>{NAME_LIST_RE})")


def _sentence_distributors(sentence: str) -> list[tuple[str, str]]:
    """(names text, text to read the territory from) for each distribution statement."""
    found: list[tuple[str, str]] = []
    previous: list[tuple[str, str]] = []  # the statements of the previous clause
    passive = False
    # Clauses with a passive release verb and no agent: "released in Mexico on X, and in the
    # United States on Y, by Z" names Z for both.
    agentless: list[str] = []
    for clause in clauses(sentence):
        if _NOT_THEATRICAL.search(clause):
            previous, passive, agentless = [], False, []
            continue
        here, kind = _clause_distributors(clause)
        if not here and not previous and _AGENTLESS.search(clause) and not _BY_ONLY.search(clause):
            agentless.append(clause)
            continue
        if not here and agentless and _PREPOSITIONAL.match(clause):
            by = _BY_ONLY.search(clause)
            if by:
                rest = clause[: by.start()] + " " + clause[by.end() :]
                here = [(by.group("names"), t) for t in agentless + [rest]]
                kind = "passive"
            agentless = []
        if not here and previous and _PREPOSITIONAL.match(clause):
            by = _BY_ONLY.search(clause)
            if by and passive:
                # "released in the UK by X and in France by Y": the verb is shared.
                here = [(by.group("names"), clause[: by.start()] + " " + clause[by.end() :])]
            elif not by:
                # "distributed by X in the UK and in Ireland": more territory.
                names, where = previous[-1]
                found[-1] = (names, where + " and " + clause)
                previous[-1] = found[-1]
                continue
        if here:
            found.extend(here)
            previous, passive = here, passive or kind == "passive"
        else:
            previous, passive = [], False
    return found


def _clause_distributors(clause: str) -> tuple[list[tuple[str, str]], str]:
    """(names text, text to read the territory from) for each distribution statement of a
    clause, and whether they are "active" or "passive"."""
    found = []
    for verb in _ACTIVE_VERB.finditer(clause):
        rest = clause[verb.end() :]
        word = verb.group(0)
        if word == "handled" and not re.search(r"\b(?:release|distribution)\b", rest):
            continue
        if word in ("acquired", "picked up", "bought", "licensed", "secured", "obtained") and not re.search(
            r"\b(?:rights|distribution)\b", rest
        ):
            continue
        subject = _SUBJECT.search(clause[: verb.start()])
        if subject is None or not _SUBJECT_START.search(clause[: subject.start()]):
            continue
        found.append((subject.group("names"), rest))
    if found:
        return found, "active"
    m = _PASSIVE.search(clause)
    if m:
        return [(m.group("names"), clause[: m.start("names")] + " " + clause[m.end("names") :])], "passive"
    return [], ""
