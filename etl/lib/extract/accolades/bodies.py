"""Award bodies, editions, categories and ceremony dates of accolades entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.lib.extract.accolades.markup import clean, first_link, first_target, links, norm_title, pull_small
from etl.lib.extract.accolades.results import ORDINAL
from etl.lib.model import PartialDate
from etl.lib.text.dates import parse_date
from etl.lib.wiki.wikitext import Context, link_target, render, without_refs

YEAR = r"(?:1[89]|20)\d\d"

AWARDISH = re.compile(
    r"\b(awards?|prizes?|festival|critics|guild|society|association|academy|circle|board|"
    r"oscars?|globes?|bafta|institute|foundation|council|league|union|ceremony|honou?rs?)\b",
    re.I,
)

AWARD_FOR = re.compile(r"^(.*?\bAwards?)\s+for\s+(.+)$")

EDITION_LINK = re.compile(rf"^(?:the\s+)?{ORDINAL}\s+\S|^{YEAR}\s+\S|\S\s+{YEAR}$", re.I)


@dataclass
class Body:
    name: str
    wiki_title: str | None = None
    edition: int | None = None
    year: int | None = None
    date: PartialDate | None = None


_EDITION_PREFIX = re.compile(rf"^(?:the\s+)?{ORDINAL}\s+(?:annual\s+)?(.+)$", re.I)

_YEAR_PREFIX = re.compile(rf"^(?:the\s+)?({YEAR})(?:[–/-]\d{{2,4}})?\s+(.+)$", re.I)

_YEAR_SUFFIX = re.compile(rf"^(.+?)[\s,]+\(?({YEAR})\)?$")


def split_edition(text: str) -> tuple[str, int | None, int | None]:
    """ "68th Academy Awards" -> ("Academy Awards", 68, None); "1996 MTV Movie Awards" and
    "Boston Society of Film Critics Awards 1995" -> (name, None, year)."""
    name, edition, year = clean(text), None, None
    m = _EDITION_PREFIX.match(name)
    if m:
        edition, name = int(m.group(1)), m.group(2)
    m = _YEAR_PREFIX.match(name)
    if m:
        year, name = int(m.group(1)), m.group(2)
    elif m := _YEAR_SUFFIX.match(name):
        name, year = m.group(1), int(m.group(2))
    return name.strip(" ,:;/–-"), edition, year


def read_body(code: str, ctx: Context) -> Body | None:
    code = without_refs(code, ctx)
    lines = [ln for ln in render(code, ctx).split("\n") if ln.strip()]
    if not lines:
        return None
    first, date = _trailing_date(lines[0])
    name, edition, year = split_edition(first)
    name = re.sub(r"\s*\[\d+\]$|\s*\([^()]*\)$", "", name).strip(" :;,")  # "(BAFTA)", "[1]"
    if not name:
        return None
    body = Body(name, None, edition, year, date)
    target = first_target(code, ctx)
    if target is not None:
        apply_link(body, target)
    for extra in lines[1:]:
        body.date = body.date or parse_date(extra)
    return body


def _trailing_date(text: str) -> tuple[str, PartialDate | None]:
    """ "68th Academy Awards – March 25, 1996" / "... (January 21, 1996)" -> the name and the
    ceremony date (a day or a month; a bare year is the name's, see ``split_edition``)."""
    m = re.match(r"^(.+?)(?:\s+[–—-]\s+|,\s+|\s*\()([^()–—]+?)\)?\s*$", text)
    if m:
        date = parse_date(m.group(2))
        if date is not None and date.precision != "year":
            return m.group(1), date
    return text, None


def apply_link(body: Body, target: str) -> None:
    """Body wiki title, edition and year from a link target (an edition page or an anchor)."""
    page, _, anchor = target.partition("#")
    if AWARD_FOR.match(page):
        return  # "[[Academy Award for Best Actor|Academy Awards]]": a category's page
    title, edition, year = split_edition(page)
    body.wiki_title = title or page
    body.edition = body.edition or edition
    body.year = body.year or year
    if anchor:
        _, a_edition, _ = split_edition(anchor)
        a_year = re.search(rf"\b({YEAR})\b", anchor)
        body.edition = body.edition or a_edition
        body.year = body.year or (int(a_year.group(1)) if a_year else None)


def edition_from_links(code: str | None, ctx: Context) -> int | None:
    for link in links(code or "", ctx):
        _, edition, _ = split_edition(link_target(link).partition("#")[0])
        if edition:
            return edition
    return None


def edition_of(code: str | None, ctx: Context) -> int | None:
    """The edition a ceremony cell names: "[[92nd Academy Awards|92nd]]", "92nd", "92nd
    Academy Awards"."""
    if not code:
        return None
    m = re.match(rf"\s*{ORDINAL}\b", render(code, ctx))
    return edition_from_links(code, ctx) or (int(m.group(1)) if m else None)


def body_from_category(code: str, ctx: Context) -> Body | None:
    """ "[[Academy Award for Best Actor|...]]" -> body "Academy Awards" (no wiki title: the
    body's page name is not known from a category link)."""
    link = first_link(code, ctx)
    # The displayed text first ("[[Critics' Choice Movie Award for ...|Critics' Choice Award
    # for ...]]" is shown as the Critics' Choice Awards), then the link target.
    texts = [render(code, ctx)] + ([link_target(link)] if link is not None else [])
    for text in texts:
        m = AWARD_FOR.match(clean(text))
        if m:
            name = m.group(1)
            name, edition, year = split_edition(name + ("s" if name.endswith("Award") else ""))
            return Body(name, None, edition, year)
    return None


def read_category(code: str, ctx: Context, body_from_it: bool) -> tuple[str, str | None, list[str]]:
    """Category as displayed, its link target, and notes (a quoted song title)."""
    code = without_refs(code, ctx)
    text, notes = pull_small(code, ctx)
    text = clean(render(text, ctx))
    works = re.findall(r"[\"“]([^\"”]+)[\"”]", text)
    text = re.sub(r"\s*(?:\bfor\b|[–—:-])?\s*[\"“][^\"”]+[\"”]", "", text).strip(" ,;:–—-")
    link = first_link(code, ctx)
    title = link_target(link) if link is not None else None
    if body_from_it:
        m = AWARD_FOR.match(text)
        linked = AWARD_FOR.match(title or "")
        if m:
            text = m.group(2)
        elif linked and body_key(text) == body_key(linked.group(1)):
            text = linked.group(2)  # "[[Golden Globe Award for Best Actor|Golden Globe Award]]"
    if body_from_it and title and not AWARD_FOR.match(title):
        title = None  # "[[Golden Globe Award]] for Best Actor": the link is the body's
    return text, title, works + notes


def year_of(code: str | None, ctx: Context) -> int | None:
    m = re.search(rf"\b({YEAR})\b", render(code or "", ctx))
    return int(m.group(1)) if m else None


def body_key(name: str) -> str:
    return re.sub(r"s$", "", norm_title(name))
