"""From a page to what it says about a film: the parse stage.

``parse_page`` turns one ``intake.Page`` into a ``ParsedDocument`` (the film facts of that
document) or a ``Rejection`` with a reason (a redirect, a person, a TV series, a page with no
recognisable film). The wikitext article is assembled here from the per-family extractors;
each of them lives in its own module.
"""

from __future__ import annotations

import re
import traceback
import typing
from dataclasses import dataclass, field
from pathlib import Path

from etl.lib.extract import accolades, home_media, imdb, infobox, prose, releases, soundtrack
from etl.lib.model import FilmFacts
from etl.lib.pipeline.intake import (
    EXTRACT,
    IMDB_REVIEWS,
    IMDB_TITLE,
    WIKI_KINDS,
    Page,
    Rejection,
    SourceFile,
)
from etl.lib.wiki import paragraphs
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.article import Article


@dataclass
class ParsedDocument:
    source: SourceFile
    kind: str
    facts: FilmFacts
    page_title: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    accolade_rows_seen: int = 0
    accolade_rows_skipped: dict = field(default_factory=dict)
    # A page about one aspect of a film ("List of accolades received by X"): it joins the film
    # of X like an IMDb page does and is never the film's master record.
    supplementary: bool = False

    @property
    def is_wikipedia_article(self) -> bool:
        return self.kind in WIKI_KINDS and not self.supplementary


_OTHER_INFOBOXES = (
    (re.compile(r"\{\{\s*infobox\s+(television|tv)", re.I), "a television series (Infobox television)"),
    (
        re.compile(
            r"\{\{\s*infobox\s+(person|actor|director|writer|musical artist|officeholder|scientist|artist)",
            re.I,
        ),
        "a person (Infobox person)",
    ),
    (re.compile(r"\{\{\s*infobox\s+(album|song|single)", re.I), "a music release (Infobox album/song)"),
    (re.compile(r"\{\{\s*infobox\s+(book|novel)", re.I), "a book (Infobox book)"),
    (re.compile(r"\{\{\s*infobox\s+(video game)", re.I), "a video game (Infobox video game)"),
    (re.compile(r"\{\{\s*infobox\s+(company|organization)", re.I), "an organisation (Infobox company)"),
    (re.compile(r"\{\{\s*(disambiguation|disambig|dab|set index)", re.I), "a disambiguation page"),
)


# A page about a franchise or a film series that describes one of its films with an
# {{Infobox film}} further down is not that film's article:
# - its lead infobox (the first infobox of the page) is a franchise's ({{Infobox media
#   franchise}}, {{Infobox film series}}, ...), or
# - its {{Infobox film}} stands under a section heading, not in the lead (a series page with a
#   navbox and one infobox per entry).
# A "... (film series)" page whose only infobox is an {{Infobox film}} in its lead is the film
# that infobox describes, and loads.
_ANY_INFOBOX = re.compile(r"\{\{\s*(?:template:)?infobox[ _]+([^|}\n<]*)", re.I)
_FRANCHISE_INFOBOX = re.compile(r"^(?:media[ _]+)?franchise|^film[ _]+series|^series\b", re.I)
_HEADING = re.compile(r"^=+[^=\n].*=+[ \t]*$", re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_NOWIKI = re.compile(r"<nowiki>.*?</nowiki>", re.S | re.I)


def _franchise_reason(text: str) -> str | None:
    """Why a page holding an {{Infobox film}} is about a franchise or series (see above)."""
    text = _NOWIKI.sub("", _COMMENT.sub("", text))
    first = _ANY_INFOBOX.search(text)
    if first and _FRANCHISE_INFOBOX.match(first.group(1).strip()):
        name = wt.collapse_spaces(first.group(1).strip())
        return (
            f"not a film: the page is about a franchise or series (lead {{{{Infobox {name}}}}}); "
            f"its {{{{Infobox film}}}} describes one entry"
        )
    film = next(
        (
            m
            for m in _ANY_INFOBOX.finditer(text)
            if "infobox " + re.sub(r"[\s_]+", " ", m.group(1).strip()).lower() in wt.FILM_INFOBOXES
        ),
        None,
    )
    above = [h for h in _HEADING.finditer(text, 0, film.start())] if film else []
    heading = above[-1] if above else None
    if heading is not None:
        return (
            "not a film: the page is about a franchise or series (its {{Infobox film}} stands "
            f"under the section {heading.group(0).strip(' =')!r}, not in the lead)"
        )
    return None


_ACCOLADES_LIST = re.compile(
    r"^List of (?:accolades|awards(?: and nominations)?|honou?rs(?: and awards)?) (?:received by|for) (.+)$",
    re.I,
)


def accolades_list_film(page: Page) -> str | None:
    """The film a "List of accolades received by X" page is about, or None."""
    m = _ACCOLADES_LIST.match(page.title or "")
    return infobox.strip_disambiguation(m.group(1).strip().strip("'")) if m else None


def reason_without_parse(page: Page) -> str | None:
    """Why a wiki page is not a film article when its raw text tells (a redirect, another
    namespace, no film infobox named anywhere), with no parse; None when only reading its
    infobox can tell."""
    if page.redirect or wt.is_redirect(page.text):
        target = page.redirect
        if target is None:
            m = re.search(r"\[\[([^\]|#]+)", page.text)
            target = m.group(1).strip() if m else "another page"
        return f"redirect page (to {target!r}), not a film article"
    if page.namespace not in (None, 0):
        return f"not an article (namespace {page.namespace})"
    if not wt.mentions_film_infobox(page.text):
        return _no_film_infobox_reason(page.text)
    return None


def not_a_film_reason(page: Page, article: Article | None = None) -> str | None:
    """Why a wiki page is not a film article, or None when it is one (``article``: the page
    already read, whose infobox is then looked up once)."""
    reason = reason_without_parse(page)
    if reason is not None:
        return reason
    article = article if article is not None else Article(page.title, page.text)
    if article.infobox is not None:
        return _franchise_reason(page.text)
    return _no_film_infobox_reason(page.text)


def _no_film_infobox_reason(text: str) -> str:
    for rx, what in _OTHER_INFOBOXES:
        if rx.search(text):
            return f"not a film: the page is about {what} and has no {{{{Infobox film}}}}"
    return "not a film article: no {{Infobox film}} on the page"


def _failed(page: Page, exc: Exception) -> Rejection:
    """The rejection of a page a reader raised on. Markup nested deeper than Python's recursion
    limit is named as such, with the reader that went that deep (the last frame of ours)."""
    if isinstance(exc, RecursionError):
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__) if "/etl/lib/" in f.filename.replace("\\", "/")
        ]
        where = f" in {Path(frames[-1].filename).stem}.{frames[-1].name}" if frames else ""
        reason = f"markup nested too deeply to read (Python's recursion limit reached{where})"
    else:
        reason = f"parser failed: {type(exc).__name__}: {exc}"
    return Rejection(page.source.path, page.source.sha256, reason, page.kind, page.title)


def parse_page(page: Page) -> ParsedDocument | Rejection:
    src = page.source
    try:
        if page.kind in WIKI_KINDS:
            return _parse_wiki(page)
        if page.kind == IMDB_TITLE:
            facts = imdb.parse_imdb_title(page.text)
        elif page.kind == IMDB_REVIEWS:
            facts = imdb.parse_imdb_reviews(page.text)
        elif page.kind == EXTRACT:
            facts = prose.parse_extract(page.text)
        else:
            return Rejection(src.path, src.sha256, f"no parser for kind {page.kind!r}", page.kind)
    except Exception as exc:  # one broken document never stops the build
        return _failed(page, exc)
    if not facts.title:
        return Rejection(
            src.path,
            src.sha256,
            "could not find which film the document is about (no title)",
            page.kind,
            page.title,
        )
    return ParsedDocument(src, page.kind, facts, page.title)


def _parse_wiki(page: Page) -> ParsedDocument | Rejection:
    src = page.source
    film_title = accolades_list_film(page)
    if film_title is not None and not wt.is_redirect(page.text) and not page.redirect:
        return _parse_accolades_list(page, film_title)
    article = Article(page.title, page.text)
    reason = not_a_film_reason(page, article)
    if reason is not None:
        return Rejection(src.path, src.sha256, reason, page.kind, page.title)
    try:
        doc = read_article(article)
    except Exception as exc:  # one broken article never stops the build
        return _failed(page, exc)
    doc.source, doc.kind, doc.page_id, doc.revision_id = src, page.kind, page.page_id, page.revision_id
    return doc


def _parse_accolades_list(page: Page, film_title: str) -> ParsedDocument | Rejection:
    """A film's accolades moved to their own page: its entries, joined to the film later."""
    src = page.source
    article = Article(page.title, page.text)
    ctx = article.ctx
    result = accolades.parse_accolades(article, film_title, ctx)
    if not result.nominations:
        return Rejection(
            src.path,
            src.sha256,
            f"accolades page of {film_title!r} with no readable entry",
            page.kind,
            page.title,
        )
    facts = FilmFacts(
        title=film_title,
        release_year=infobox.lead_year(article, ctx),
        nominations=result.nominations,
        unknown_templates=ctx.unknown,
    )
    for reason, n in result.skipped.items():
        facts.problems[f"accolade row skipped: {reason}"] += n
    return ParsedDocument(
        src,
        page.kind,
        facts,
        page.title,
        page.page_id,
        page.revision_id,
        accolade_rows_seen=result.rows_seen,
        accolade_rows_skipped=dict(result.skipped),
        supplementary=True,
    )


def parse_article(page_title: str | None, text: str) -> ParsedDocument:
    """Every fact family of a Wikipedia film article (its text)."""
    return read_article(Article(page_title, text))


def read_article(article: Article) -> ParsedDocument:
    """Every fact family of a Wikipedia film article, each read once from the one ``Article``.

    The infobox decides whether the page is a film. Each other family is read on its own: an
    extractor that fails on an unusual article loses only its family, recorded as a problem
    of the document, never the film."""
    ctx, page_title = article.ctx, article.title
    facts = infobox.parse_article(page_title or "", article, ctx)
    if facts is None:  # guarded by not_a_film_reason; kept for direct callers
        raise ValueError("no {{Infobox film}} on the page")
    if page_title is None:
        facts.wiki_title = None
    doc = ParsedDocument(
        source=typing.cast(SourceFile, None), kind="", facts=facts, page_title=page_title
    )  # set by the caller

    def read(family: str, extract, default):
        try:
            return extract()
        except Exception as exc:
            facts.problems[f"{family} extractor failed: {type(exc).__name__}: {exc}"] += 1
            return default

    result = read("accolades", lambda: accolades.parse_accolades(article, facts.title, ctx), None)
    if result is not None:
        facts.nominations = result.nominations
        doc.accolade_rows_seen, doc.accolade_rows_skipped = result.rows_seen, dict(result.skipped)
        for reason, n in result.skipped.items():
            facts.problems[f"accolade row skipped: {reason}"] += n
    facts.home_media, distributors = read(
        "home media", lambda: home_media.read_home_media(article, ctx), ([], [])
    )
    facts.companies.extend(distributors)
    release_prose = read("release", lambda: releases.release_prose(article, ctx), [])
    facts.companies.extend(
        read("release", lambda: releases.distributors_from_release_prose(article, release_prose), [])
    )
    facts.soundtrack_release, facts.tracks = read(
        "soundtrack", lambda: soundtrack.parse_soundtrack(article, ctx, facts.problems), (None, [])
    )
    release_text = releases.release_prose_text(release_prose)
    facts.releases.extend(
        _new_releases(facts, read("release", lambda: prose.releases_from_prose(release_text), []))
    )
    facts.box_office.extend(
        b
        for b in read("release", lambda: prose.box_office_from_prose(release_text), [])
        if b.measure == "marketing"
    )
    reception = read(
        "reception",
        lambda: "\n".join(
            paragraphs.render_where(s.text, prose.might_rate, ctx, prose.might_carry)
            for s in article.titled("reception", "critical response", outermost=True)
        ),
        "",
    )
    facts.ratings = read("ratings", lambda: prose.ratings_from_prose(reception), [])
    facts.unknown_templates = ctx.unknown
    return doc


def _new_releases(facts: FilmFacts, found):
    """Prose release events the infobox does not give. An event the infobox has (same date and
    type, or same date without a type) only lends it the territory the prose names."""
    by_date = {}
    for r in facts.releases:
        by_date.setdefault(r.date, []).append(r)
    for r in found:
        same = [
            k
            for k in by_date.get(r.date, [])
            if k.release_type == r.release_type or r.release_type in (None, "theatrical")
        ]
        if same:
            for k in same:
                k.territory = k.territory or r.territory
                k.company = k.company or r.company
            continue
        by_date.setdefault(r.date, []).append(r)
        yield r
