"""Accolades tables (read and laid out by ``etl.lib.wiki.wikitable``): rows, the roles of
columns from headers and content, and the entries of rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.lib.extract.accolades.bodies import AWARD_FOR, AWARDISH, EDITION_LINK, YEAR
from etl.lib.extract.accolades.entries import Env, Raw, add_entry
from etl.lib.extract.accolades.markup import DASH, clean, first_link, pull_top, split_top
from etl.lib.extract.accolades.results import RESULT_TEMPLATES, TEXT_RESULT_TEMPLATES, looks_like_result
from etl.lib.extract.accolades.sections import GENERIC_WORDS, header_result, is_body_name, is_generic
from etl.lib.text.dates import parse_date
from etl.lib.wiki.wikitable import Cell, Row, Table
from etl.lib.wiki.wikitext import Context, link_target, parse, quiet, render, template_name


def _row_kinds(grid: list[Row], env: Env) -> list[str]:
    """Kind of each row; a first row of plain cells that only name columns (bold "Award",
    "Result") is the header."""
    ctx = env.ctx
    kinds = [row.kind for row in grid]
    for i, row in enumerate(grid):  # "! [[Academy Awards]] || Best Actor || ... || {{won}}"
        if kinds[i] == "header" and _holds_an_entry(row, env):
            kinds[i] = "data"
    first = next((i for i, kind in enumerate(kinds) if kind != "title"), None)
    if first is not None and kinds[first] == "data":
        texts = [render(c.text, quiet(ctx)) for c in grid[first].cells]
        if len(texts) >= 2 and all(t and _header_role(t) for t in texts):
            kinds[first] = "header"
    return kinds


def _holds_an_entry(row: Row, env: Env) -> bool:
    """A row of header cells that is an entry: it holds a result template, or a result word
    beside a link (a column name such as "Nomination" alone is no entry)."""
    ctx = env.ctx
    results = [c for c in row.cells if passes(looks_like_result, c.text, env)]
    names = {template_name(t) for c in results for t in parse(c.text, ctx).filter_templates(recursive=False)}
    templated = bool(names & (set(RESULT_TEMPLATES) | TEXT_RESULT_TEMPLATES))
    return templated or (bool(results) and any(first_link(c.text, ctx) is not None for c in row.cells))


# Column roles -------------------------------------------------------------------------------

_HEADER_ROLES = [
    ("ref", re.compile(r"^(refs?|references?|sources?|citations?)$")),
    ("date", re.compile(r"\bdate\b")),
    ("year", re.compile(r"\byears?\b")),
    ("result", re.compile(r"\b(results?|outcomes?|status)\b")),
    (
        "recipient",
        re.compile(
            r"\b(recipients?|nominees?|winners?|subjects?|honou?rees?|laureates?|"
            r"nominated work|works?|names?|persons?|people)\b"
        ),
    ),
    ("category", re.compile(r"\b(categor(y|ies)|division|prizes?)\b")),
    (
        "award",
        re.compile(
            r"\b(awards?|organi[sz]ations?|ceremony|ceremonies|associations?|"
            r"festivals?|events?|body|bodies|presenters?|groups?|competitions?)\b"
        ),
    ),
    ("note", re.compile(r"\b(notes?|remarks?|comments?)\b")),
]


def _header_role(text: str) -> str | None:
    t = re.sub(r"\(s\)", "", text.lower())
    t = clean(re.sub(r"[^\w\s]", " ", t))
    for role, pattern in _HEADER_ROLES:
        if pattern.search(t):
            return role
    return None


_CEREMONY_HEADER = re.compile(r"\b(ceremony|ceremonies|editions?|events?)\b", re.I)


def _header_roles(row: Row, ctx: Context) -> dict[str, int]:
    """Column roles named by a header row. Two award-like headers: with a category header too,
    the one saying "Ceremony" / "Edition" is the ceremony column ("Award | Ceremony |
    Category"); without one, the second is the category ("Festival | Award")."""
    found: list[tuple[int, str, str]] = []
    previous = None
    for col, cell in enumerate(row.slots):
        if cell is None or cell is previous:
            continue
        previous = cell
        text = render(cell.text, ctx)
        role = _header_role(text)
        if role is not None:
            found.append((col, role, text))
    has_category = any(role == "category" for _, role, _ in found)
    awards = [(col, text) for col, role, text in found if role == "award"]
    ceremony = None
    if has_category and len(awards) > 1:
        ceremony = next((col for col, text in awards if _CEREMONY_HEADER.search(text)), awards[1][0])
    roles: dict[str, int] = {}
    for col, role, _ in found:
        if col == ceremony:
            roles.setdefault("ceremony", col)
        elif role not in roles:
            roles[role] = col
        elif role == "recipient" and "category" not in roles:
            roles["category"], roles["recipient"] = roles["recipient"], col
        elif role == "award" and "category" not in roles:
            roles["category"] = col
    return roles


def _column_cells(rows: list[Row], col: int) -> list[Cell]:
    seen: list[Cell] = []
    for row in rows:
        cell = row.slots[col] if col < len(row.slots) else None
        if cell is not None and cell.text.strip() and (not seen or seen[-1] is not cell):
            seen.append(cell)
    return seen


def _share(rows: list[Row], col: int, test, env: Env) -> float:
    cells = _column_cells(rows, col)
    return sum(1 for c in cells if passes(test, c.text, env)) / len(cells) if cells else 0.0


def _mostly(rows: list[Row], col: int, test, env: Env) -> bool:
    """``_share(rows, col, test, env) >= 0.5``, decided as soon as the cells left cannot change
    it (half the cells passed, or more than half failed): a long column is rarely read whole."""
    cells = _column_cells(rows, col)
    need = (len(cells) + 1) // 2  # passed / n >= 0.5 when passed >= ceil(n / 2)
    passed = failed = 0
    for cell in cells:
        if passes(test, cell.text, env):
            passed += 1
        else:
            failed += 1
        if passed >= need or failed > len(cells) - need:
            break
    return bool(cells) and passed >= need


def passes(test: Callable[[str, Context], bool], code: str, env: Env) -> bool:
    """``test(code, ctx)`` for a content test of a cell (``looks_like_result``,
    ``is_year_cell``, ...), run once per page for each test and text: the column roles ask
    it of every cell of a column, and of each header row's rows. The tests only look (quiet
    renders), so a result stands for any later call."""
    key = (test, code)
    found = env.tested.get(key)
    if found is None:
        found = env.tested[key] = test(code, env.ctx)
    return found


def _is_edition_cell(code: str, ctx: Context) -> bool:
    """The cell links an edition page ("[[68th Academy Awards|...]]")."""
    link = first_link(code, ctx)
    return link is not None and bool(EDITION_LINK.search(link_target(link).partition("#")[0]))


def _is_award_cell(code: str, ctx: Context) -> bool:
    return _is_edition_cell(code, ctx) or bool(AWARDISH.search(render(code, quiet(ctx))))


def _is_category_cell(code: str, ctx: Context) -> bool:
    return bool(_CATEGORY_START.match(clean(render(code, quiet(ctx))))) and not is_award_for_cell(code, ctx)


def is_year_cell(code: str, ctx: Context) -> bool:
    return bool(re.fullmatch(rf"{YEAR}(?:\s*[–/-]\s*\d{{2,4}})?", render(code, quiet(ctx)).strip()))


def is_award_for_cell(code: str, ctx: Context) -> bool:
    link = first_link(code, ctx)
    texts = ([link_target(link)] if link is not None else []) + [render(code, quiet(ctx))]
    return any(AWARD_FOR.match(clean(t)) for t in texts)


class _Roles(dict):
    """Column index by role ("award", "category", "recipient", "result", "year", ...)."""

    def assign(self, role: str, col: int) -> None:
        for other in [r for r, c in self.items() if c == col]:
            del self[other]
        self[role] = col

    def free(self, width: int) -> list[int]:
        return [c for c in range(width) if c not in self.values()]


def _roles(named: dict[str, int], rows: list[Row], width: int, env: Env) -> dict[str, int]:
    """Column roles from the header, corrected and completed by the cells' content: the
    column holding results is the result column; a column linking edition pages is the award
    column; without a header, a column of years is the year column and the others are
    category and recipient, in this order."""
    roles = _Roles(named)
    named_result = roles.get("result", -1)
    # A result column the header names whose cells are results stays: no other column is tested.
    if not (0 <= named_result < width and _mostly(rows, named_result, looks_like_result, env)):
        shares = {c: _share(rows, c, looks_like_result, env) for c in range(width)}
        best = max(shares, key=lambda c: shares[c], default=None)
        if best is not None and shares[best] >= 0.5 and shares.get(named_result, 0) < 0.5:
            roles.assign("result", best)
    if not named:
        years = [c for c in roles.free(width) if _mostly(rows, c, is_year_cell, env)]
        if years:
            roles.assign("year", years[0])
    _award_by_content(roles, rows, width, env, bool(named))
    if not named:
        filled = [c for c in roles.free(width) if _column_cells(rows, c)]
        # An award column of "[[X Award for Y]]" links names the category too: the other
        # column is the recipient ({{Awards table}}: Year / Nominee / work / Award / Result).
        award_for = "award" in roles and _mostly(rows, roles["award"], is_award_for_cell, env)
        for role, col in zip(("recipient",) if award_for else ("category", "recipient"), filled):
            roles[role] = col
    return dict(roles)


def _award_by_content(roles: _Roles, rows: list[Row], width: int, env: Env, named: bool = True) -> None:
    """The award column when the header names none, or names a column that holds no body
    while another links edition pages."""
    award = roles.get("award")
    if award is not None and _mostly(rows, award, _is_award_cell, env):
        return
    # Header labels that do not match the content ("Award" over "Best Director", the bodies
    # under "Organization"): decided by content. A column whose cells mostly start like a
    # category ("Best ...", "Most ...", "Outstanding ...") is the category column; a column
    # whose cells mostly name a body (an award-like word or an edition link) and no
    # "[[X Award for Y]]" is the award column. The two swap roles when the header has them
    # the wrong way round.
    category = roles.get("category")
    if (
        award is not None
        and category is not None
        and _mostly(rows, award, _is_category_cell, env)
        and _mostly(rows, category, _is_award_cell, env)
        and not _mostly(rows, category, is_award_for_cell, env)
    ):
        roles["award"], roles["category"] = category, award
        return
    others = [
        c
        for c in range(width)
        if c != award and roles.get("result") != c and c not in (roles.get("year"), roles.get("date"))
    ]
    editions = [c for c in others if _mostly(rows, c, _is_edition_cell, env)]
    if editions:
        if award is not None:
            role_there = next((r for r, c in roles.items() if c == editions[0]), None)
            if role_there:
                roles[role_there] = award
        roles["award"] = editions[0]
    elif award is None:
        awardish = [c for c in roles.free(width) if _mostly(rows, c, _is_award_cell, env)]
        if awardish:
            roles.assign("award", awardish[0])
        elif not named:  # "[[Academy Award for Best Actor|Best Actor]]": category and body
            award_for = [c for c in roles.free(width) if _mostly(rows, c, is_award_for_cell, env)]
            if award_for:
                roles.assign("award", award_for[0])


# Rows --------------------------------------------------------------------------------------


@dataclass
class _TableState:
    roles: dict[str, int]
    award_is_category: bool = False
    fallback_body: str | None = None
    year: int | None = None
    result: str | None = None  # for a table without result column: "===Wins===", "! Won"
    last_body: str | None = None  # the award of the row above (an empty award cell repeats it)
    last_year: str | None = None


@dataclass
class _TableContext:
    """What title rows, the caption and the headings above say about the rows below them."""

    fallback: str | None = None
    year: int | None = None
    result: str | None = None


def read_table(
    table: Table, accolade: bool, heading_body: str | None, heading_result: str | None, env: Env
) -> None:
    grid = table.rows
    kinds = _row_kinds(grid, env)
    state: _TableState | None = None
    started = False  # columns are read at each header row, or at the first row without one
    caption = _caption_body(table.caption, env.ctx)
    context = _TableContext(heading_body or caption, None, heading_result)
    for i, (row, kind) in enumerate(zip(grid, kinds)):
        if kind == "header" or (kind == "data" and not started):
            started = True
            state = _table_state(grid, kinds, i, accolade, caption is not None, env)
            if state is not None:
                state.fallback_body, state.year = context.fallback, context.year
                state.result = context.result
        if kind == "title":
            _title_row(row.cells[0].text, state, context, env.ctx)
        if kind == "data" and state is not None and any(render(c.text, env.ctx) for c in row.cells):
            add_entry(_row_raw(row, state, env.ctx), env)


def _caption_body(caption: str | None, ctx: Context) -> str | None:
    """A table caption naming an award body (``|+ [[Academy Awards]]``), else None.
    ("Awards received by ''Film''" names none.)"""
    if not caption or not caption.strip():
        return None
    if is_body_name(caption, ctx, strict=True):
        return caption
    link = first_link(caption, ctx)
    if link is None:
        return None
    rest = clean(render(caption, quiet(ctx)).replace(render(link, quiet(ctx)), " "))
    if is_body_name(str(link), ctx) and not GENERIC_WORDS.sub("", re.sub(rf"{YEAR}|[^\w]", "", rest)):
        return caption
    return None


def _table_state(
    grid: list[Row], kinds: list[str], start: int, accolade: bool, captioned: bool, env: Env
) -> _TableState | None:
    """Roles of the columns for the rows from ``start`` to the next header row; None when the
    table is not an accolades table. A caption naming the body stands for an award column."""
    named = _header_roles(grid[start], env.ctx) if kinds[start] == "header" else {}
    by_header = ("award" in named or captioned) and ("category" in named or "result" in named)
    if not (by_header or accolade):
        return None
    end = next((j for j in range(start + 1, len(grid)) if kinds[j] == "header"), len(grid))
    rows = [grid[j] for j in range(start, end) if kinds[j] == "data"]
    roles = _roles(named, rows, len(grid[start].slots), env)
    if not (by_header or "result" in roles):
        return None
    award_is_category = (
        "award" in roles and "category" not in roles and _mostly(rows, roles["award"], is_award_for_cell, env)
    )
    return _TableState(roles, award_is_category)


def _title_row(code: str, state: _TableState | None, context: _TableContext, ctx: Context) -> None:
    """A title row (``! colspan=5 | 1996``, ``2006 (78th)``): its year; a result ("Won") for
    a table without result column; or the body of the rows below it when the table has no
    award column. A title row above the header row counts for the rows below the header."""
    text = render(code, ctx)
    year = re.fullmatch(rf"\s*({YEAR})\s*(?:\([^()]*\))?\s*", text)
    only_date = not re.sub(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
        r"\d+(?:st|nd|rd|th)?|[\s,./–-]",
        "",
        text,
    )
    when = parse_date(text) if only_date and not year else None  # "! colspan=4 | March 25, 1996"
    if year or (when is not None and when.precision != "year"):
        context.year = int(year.group(1)) if year else (when.year if when is not None else None)
        if state is not None:
            state.year = context.year
        return
    if header_result(code, ctx):
        context.result = header_result(code, ctx)
        if state is not None:
            state.result = context.result
        return
    if not is_generic(code, ctx) and (state is None or "award" not in state.roles or state.award_is_category):
        context.fallback = code
        if state is not None:
            state.fallback_body = code
            state.last_body = None


def _row_raw(row: Row, state: _TableState, ctx: Context) -> Raw:
    def cell(role: str) -> Cell | None:
        col = state.roles.get(role)
        return row.slots[col] if col is not None and col < len(row.slots) else None

    def text(c: Cell | None) -> str | None:
        return c.text if c is not None else None

    body, category, recipient = cell("award"), cell("category"), cell("recipient")
    if state.award_is_category:
        body, category = None, body
    raw = Raw(
        body=text(body),
        category=text(category),
        recipient=text(recipient),
        result=text(cell("result")) if "result" in state.roles else state.result,
        year=text(cell("year")),
        date=text(cell("date")),
        ceremony=text(cell("ceremony")),
        note=text(cell("note")),
        film_is_recipient=recipient is None or recipient is category or recipient is body,
        body_in_category=state.award_is_category,
        fallback_body=state.fallback_body,
        context_year=state.year,
    )
    if state.result and (raw.result is None or not render(raw.result, ctx)):
        raw.result = state.result  # a blank result cell in a table under "===Wins==="
    # An empty award (or year) cell repeats the one above it: tables written without rowspan
    # ("| || Best Director || ..."). Decided so; without it the row would have no body.
    if "award" in state.roles and not state.award_is_category:
        if raw.body is None or not render(raw.body, ctx):
            raw.body = state.last_body
        state.last_body = raw.body
    if "year" in state.roles:
        if raw.year is None or not render(raw.year, ctx):
            raw.year = state.last_year
        state.last_year = raw.year
    if "recipient" not in state.roles and raw.category:
        raw.category, raw.recipient = _recipient_in_category(raw.category, ctx)
        raw.film_is_recipient = raw.recipient is None
    return raw


# Words that qualify a category after a dash ("Best Actress – Musical or Comedy", "Best
# Director – Motion Picture", "Best Actor – Drama"): part of the category, never a recipient.
_QUALIFIER_WORD = (
    r"(?:motion pictures?|drama|musical|comedy|animated|animation|foreign language|"
    r"non-english language|english language|television|tv|documentary|feature|film|"
    r"limited series|miniseries|series|short|live action|action|adventure|fantasy|horror|western|mystery|"
    r"sci-fi|science fiction|thriller|romance|family|leading role|supporting role|"
    r"male|female|actor|actress|international|original|adapted|song|score|"
    r"screenplay|comedy/musical|musical/comedy)"
)

_QUALIFIER = re.compile(rf"^{_QUALIFIER_WORD}(?:\s*(?:or|and|/|&|,)?\s*{_QUALIFIER_WORD})*$", re.I)


def merge_qualifiers(segments: list[str], ctx: Context) -> list[str]:
    """Dash-separated segments with the qualifiers after the first joined to it."""
    segments = list(segments)
    # "Popularity Award - Most Popular Film": an award's name, then its category (a segment
    # opening with "Best", "Most", ...) -- one category, not a category and its recipient.
    if (
        len(segments) > 1
        and _AWARD_NAME.search(clean(render(segments[0], quiet(ctx))))
        and _CATEGORY_START.match(clean(render(segments[1], quiet(ctx))))
        and not _CATEGORY_START.match(clean(render(segments[0], quiet(ctx))))
    ):
        segments[0:2] = [f"{segments[0].rstrip()} – {segments[1].lstrip()}"]
    while len(segments) > 1:
        bare, _ = pull_top(segments[1], r"\s*\(([^()\n]*)\)\s*$")
        if first_link(bare, ctx) is not None or not _QUALIFIER.match(clean(render(bare, quiet(ctx)))):
            break
        segments[0:2] = [f"{segments[0].rstrip()} – {segments[1].lstrip()}"]
    return segments


_AWARD_NAME = re.compile(r"(?i)\b(?:award|prize|trophy|medal)\b")

_CATEGORY_START = re.compile(r"(?:Best|Most|Outstanding|Favou?rite|Excellence|Top)\b")


def _recipient_in_category(code: str, ctx: Context) -> tuple[str, str | None]:
    """A table without a recipient column may name the recipient with the category:
    "Best Actress – [[Frances McDormand]]" or "Best Actress ([[Frances McDormand]])". Only a
    linked name is taken as a recipient ("Best Motion Picture – Drama" stays whole)."""
    segments = merge_qualifiers(split_top(code, DASH), ctx)
    rest = " – ".join(segments[1:])
    if len(segments) > 1 and first_link(rest, ctx) is not None:
        return segments[0], rest
    category, found = pull_top(code, r"\s*\(([^()\n]+)\)\s*$")
    if found and first_link(found[0], ctx) is not None:
        return category, found[0]
    return code, None
