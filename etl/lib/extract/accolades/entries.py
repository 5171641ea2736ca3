"""Accolades entries: what a table row or list item says (``Raw``), and how it becomes a
``Nomination`` or a skip reason."""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import dataclass, field

from etl.lib.extract.accolades.bodies import (
    Body,
    apply_link,
    body_from_category,
    body_key,
    edition_from_links,
    edition_of,
    read_body,
    read_category,
    year_of,
)
from etl.lib.extract.accolades.markup import clean, links
from etl.lib.extract.accolades.recipients import Recipient, read_recipient
from etl.lib.extract.accolades.results import Result, read_result
from etl.lib.model import Nomination
from etl.lib.text.dates import parse_date
from etl.lib.wiki.wikitext import Context, link_target, render


@dataclass
class AccoladesResult:
    nominations: list[Nomination] = field(default_factory=list)
    rows_seen: int = 0  # table rows / list entries that looked like award entries
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    unknown_results: Counter = field(default_factory=Counter)  # result text -> count


@dataclass
class Raw:
    body: str | None = None  # wikitext of each field
    category: str | None = None
    recipient: str | None = None  # None: no recipient cell (the film)
    result: str | None = None
    year: str | None = None
    date: str | None = None
    ceremony: str | None = None  # a "Ceremony" column beside the award column ("92nd")
    note: str | None = None
    film_is_recipient: bool = False
    body_in_category: bool = False  # "[[X Award for Y]]" names both
    fallback_body: str | None = None  # from a title row or a sub-heading
    context_year: int | None = None
    not_an_accolade: str | None = None  # a ranking or a preservation honour: the skip reason


@dataclass
class Env:
    film: set[str]
    film_title: str
    ctx: Context
    out: AccoladesResult
    context_bodies: dict[str, Body] = field(default_factory=dict)
    heading_year: int | None = None  # from a year sub-heading ("===2019===")
    tested: dict = field(default_factory=dict)  # (test, text) -> its answer (tables.passes)


def add_entry(raw: Raw, env: Env) -> None:
    env.out.rows_seen += 1
    raw.context_year = raw.context_year or env.heading_year
    built = _build(raw, env)
    if isinstance(built, str):
        env.out.skipped[built] += 1
    else:
        env.out.nominations.append(built)


def _build(raw: Raw, env: Env) -> Nomination | str:
    """A Nomination, or the reason the entry is skipped."""
    ctx = env.ctx
    if raw.not_an_accolade:
        return raw.not_an_accolade
    result = read_result(raw.result, ctx)
    if result is None:
        return "no result"
    if result.result is None:
        env.out.unknown_results[result.unknown] += 1
        return "unknown result"
    body = read_body(raw.body, ctx) if raw.body and not raw.body_in_category else None
    from_category = (
        body is None
        and raw.category is not None
        and (body := body_from_category(raw.category, ctx)) is not None
    )
    if body is None and raw.fallback_body:
        body = read_body(raw.fallback_body, ctx)
    if body is None:
        return "no award body"
    category, category_title, category_notes = read_category(raw.category or "", ctx, from_category)
    if not category:
        return "no category"
    recipient = read_recipient(None if raw.film_is_recipient else raw.recipient, env.film, ctx)
    return _nomination(raw, body, result, (category, category_title, category_notes), recipient, env)


def _nomination(
    raw: Raw, body: Body, result: Result, category: tuple, recipient: Recipient, env: Env
) -> Nomination:
    ctx = env.ctx
    date = parse_date(render(raw.date, ctx)) if raw.date else None
    date = date or body.date or (parse_date(render(raw.ceremony, ctx)) if raw.ceremony else None)
    year = (
        (date.year if date else None)
        or year_of(raw.year, ctx)
        or year_of(raw.date, ctx)
        or year_of(raw.ceremony, ctx)
        or body.year
        or raw.context_year
    )
    body.edition = (
        body.edition
        or edition_from_links(raw.date, ctx)
        or edition_from_links(raw.year, ctx)
        or edition_of(raw.ceremony, ctx)
    )
    _fill_from_context(body, env, dated=year is not None)
    year = year or body.year
    notes = recipient.notes + category[2] + ([result.note] if result.note else [])
    if raw.note and render(raw.note, ctx):
        notes.append(clean(render(raw.note, ctx)))
    return Nomination(
        award_body=body.name,
        category=category[0],
        recipient=env.film_title if recipient.is_film else recipient.shown,
        result=typing.cast(str, result.result),  # entries without a result are skipped before
        award_body_wiki_title=body.wiki_title,
        category_wiki_title=category[1],
        edition=body.edition,
        ceremony_year=year,
        ceremony_date=date,
        persons=[] if recipient.is_film else recipient.persons,
        placement=result.placement,
        note="; ".join(dict.fromkeys(n for n in notes if n)) or None,
    )


def _fill_from_context(body: Body, env: Env, dated: bool) -> None:
    """Wiki title, and edition for an entry that names no edition nor year, from the section's
    prose ("... at the [[49th Academy Awards]]")."""
    known = env.context_bodies.get(body_key(body.name))
    if known is None:
        return
    body.wiki_title = body.wiki_title or known.wiki_title
    if body.edition is None and not dated:
        body.edition, body.year = known.edition, known.year


def prose_bodies(lines: list[str], ctx: Context) -> dict[str, Body]:
    """Bodies linked from a section's prose, by name: wiki title, and the edition or year when
    the prose names only one."""
    found: dict[str, Body] = {}
    editions: dict[str, set] = {}
    for line in lines:
        for link in links(line, ctx):
            body = Body("")
            apply_link(body, link_target(link))
            key = body_key(body.wiki_title or "")
            found.setdefault(key, Body(body.wiki_title or "", body.wiki_title))
            if body.edition or body.year:
                editions.setdefault(key, set()).add((body.edition, body.year))
    for key, seen in editions.items():
        if len(seen) == 1:
            found[key].edition, found[key].year = next(iter(seen))
    return found
