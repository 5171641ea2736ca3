"""The accolades reader's entry point: every section of the article, its tables, then its lists."""

from __future__ import annotations

from etl.lib.extract.accolades.entries import AccoladesResult, Env, prose_bodies
from etl.lib.extract.accolades.lists import WINS_HEADING, intro_body, read_lists
from etl.lib.extract.accolades.markup import film_names
from etl.lib.extract.accolades.sections import (
    ACCOLADE_HEADING,
    cut_sections,
    heading_headers,
    is_accolade_path,
    year_of_headings,
)
from etl.lib.extract.accolades.tables import read_table
from etl.lib.wiki.article import Article
from etl.lib.wiki.wikitable import Line, Table
from etl.lib.wiki.wikitext import Context


def parse_accolades(code: Article | str, film_title: str, ctx: Context | None = None) -> AccoladesResult:
    """Every award entry of the article's accolades tables and lists (see the module doc)."""
    ctx = ctx if ctx is not None else Context()
    article = Article.of(code)
    env = Env(film_names(film_title), film_title, ctx, AccoladesResult())
    for section in cut_sections(article, ctx):
        accolade = is_accolade_path(section.path)
        if not accolade and not any(isinstance(item, Table) for item in section.items):
            continue  # only accolades sections have lists and prose that are read
        heading_body, heading_result = heading_headers(section.path, ctx)
        wins_only = (
            bool(section.path)
            and bool(WINS_HEADING.match(section.path[-1]))
            and all(WINS_HEADING.match(t) or not ACCOLADE_HEADING.search(t) for t in section.path)
        )
        prose = [item.text for item in section.items if isinstance(item, Line)]
        env.context_bodies = prose_bodies(prose, ctx) if accolade else {}
        env.heading_year = year_of_headings(section.path, ctx)
        above = None  # the line just above a table: "... at the [[12th X Awards]]:"
        for item in section.items:
            if isinstance(item, Table):
                sentence_body = intro_body(above, ctx) if above is not None else None
                read_table(item, accolade, heading_body or sentence_body, heading_result, env)
                above = None
            elif accolade and item.text.strip():
                above = item.text
        if accolade:
            read_lists(section.items, heading_body, heading_result or ("Won" if wins_only else None), env)
    return env.out
