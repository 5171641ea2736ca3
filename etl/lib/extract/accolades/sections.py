"""The sections of an article for the accolades reader, and what their headings say (an
accolade-like heading, a body, a result, a year)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.lib.extract.accolades.bodies import AWARDISH, YEAR
from etl.lib.extract.accolades.markup import clean
from etl.lib.extract.accolades.results import result_from_text
from etl.lib.wiki.article import Article, heading
from etl.lib.wiki.wikitable import Line, Table
from etl.lib.wiki.wikitext import Context, quiet, render, without_refs

ACCOLADE_HEADING = re.compile(r"\b(accolades?|awards?|honou?rs?|nominations?|recognition|prizes?)\b", re.I)

# Words of headings and labels that group bodies without naming one ("Critics' awards",
# "Guild awards", "Industry awards", "Festival awards", "Honorary awards").
GENERIC_WORDS = re.compile(
    r"\b(accolades?|awards?|honou?rs?|honorary|nominations?|recognition|prizes?|and|other|major|"
    r"list|of|received|wins?|won|critical|reception|film|festival|festivals|critics|guilds?|"
    r"industry|associations|societies|circles|groups|international|regional|year-end|"
    r"precursors?|miscellaneous|various)\b|'|’|&",
    re.I,
)


@dataclass
class _Section:
    path: list[str]  # rendered heading titles, outermost first
    items: list = field(default_factory=list)  # Line | Table, in page order


def cut_sections(article: Article, ctx: Context) -> list[_Section]:
    """The article cut at its headings; each section holds its own lines and tables only.

    Only the sections the reader reads are laid out (``Article.layout``): those under an
    accolade-like heading and those that may hold a table. Headings are found by a scan of the
    page's lines; each run of consecutive read sections is laid out as one text, so a heading
    inside a template there is no heading, as in a layout of the whole page, and a table left
    open at the end of a run reads on to the end of the page. A section not read is left out."""
    units = _units(article.prepared_lines, ctx)
    read = [_read(unit, article) for unit in units]
    sections: list[_Section] = []
    k = 0
    while k < len(units):
        if not read[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(units) and read[j + 1]:
            j += 1
        blocks, left_open = article.layout(units[k].first, units[j].last)
        if left_open and j + 1 < len(units):
            j = len(units) - 1
            blocks, _ = article.layout(units[k].first, units[j].last)
        sections += _cut(blocks, units[k].stack, ctx)
        k = j + 1
    return sections


@dataclass
class _Unit:
    """A heading's section in the page's lines: ``first`` is its heading line (0 for the lead),
    ``last`` the line after its body; ``stack`` the (level, title) headings it is under, its own
    last."""

    first: int
    body: int
    last: int
    stack: list[tuple[int, str]]


def _units(lines: list[str], ctx: Context) -> list[_Unit]:
    units = [_Unit(0, 0, len(lines), [])]
    for i, line in enumerate(lines):
        if not line.lstrip().startswith("="):
            continue
        found = heading(line.strip())
        if found is None:
            continue
        units[-1].last = i
        level, text = found[0], line.strip()
        stack = [h for h in units[-1].stack if h[0] < level] + [(level, _title(text, level, ctx))]
        units.append(_Unit(i, i + 1, len(lines), stack))
    return units


def _title(line: str, level: int, ctx: Context) -> str:
    """A heading line's title, rendered: its ``=`` runs cut as written in the line."""
    return render(line[level : len(line) - level], quiet(ctx))


def _read(unit: _Unit, article: Article) -> bool:
    """Whether the accolades reader reads the section: under an accolade-like heading, or with
    something that may open a table."""
    if is_accolade_path([t for _, t in unit.stack]):
        return True
    body = article.prepared_part(unit.body, unit.last)
    return "{|" in body or _TABLE_TEMPLATE.search(body) is not None


_TABLE_TEMPLATE = re.compile(r"awards?[ _]table", re.I)


def _cut(blocks: list[Line | Table], stack: list[tuple[int, str]], ctx: Context) -> list[_Section]:
    """``blocks`` that open with the heading of a section under ``stack`` (or the page's first
    line), cut at their headings."""
    sections = [_Section([t for _, t in stack])]
    for n, block in enumerate(blocks):
        found = heading(block.masked.strip()) if isinstance(block, Line) else None
        if found and isinstance(block, Line):
            level, text = found[0], block.text.strip()
            stack = [h for h in stack if h[0] < level] + [(level, _title(text, level, ctx))]
            if n == 0:
                sections[0] = _Section([t for _, t in stack])  # the heading the blocks open with
            else:
                sections.append(_Section([t for _, t in stack]))
        else:
            sections[-1].items.append(block)
    return sections


def is_accolade_path(path: list[str]) -> bool:
    return any(ACCOLADE_HEADING.search(title) for title in path)


def is_generic(text: str, ctx: Context) -> bool:
    """A heading or label naming no body ("Accolades", "Awards and nominations")."""
    return not re.search(r"\w", GENERIC_WORDS.sub(" ", render(text, quiet(ctx))))


def is_body_name(text: str, ctx: Context, strict: bool = False) -> bool:
    """An award body's name ("Academy Awards", "Saturn Awards"), not a generic label. Strict:
    an award-like word besides the generic ones is needed ("Academy Awards", not "Box office
    and awards")."""
    if is_generic(text, ctx):
        return False
    rendered = render(text, quiet(ctx))
    return bool(AWARDISH.search(GENERIC_WORDS.sub(" ", rendered) if strict else rendered))


def heading_headers(path: list[str], ctx: Context) -> tuple[str | None, str | None]:
    """(body, result) named by the first accolade-like heading (strictly) or the headings
    below it ("==Accolades== / ===Academy Awards===", "===Wins===")."""
    body = result = None
    inside = False
    for title in path:
        first = not inside and bool(ACCOLADE_HEADING.search(title))
        inside = inside or first
        if not inside:
            continue
        if header_result(title, ctx):
            result = header_result(title, ctx)
        elif is_body_name(title, ctx, strict=first):
            body = title
    return body, result


def header_result(text: str, ctx: Context) -> str | None:
    """The result a group label says ("Wins", "Nominated (3)", "12 nominations"), as the
    label without its count; None when the label is no result."""
    label = clean(re.sub(r"\s*[(\[]\d+[)\]]\s*$|^\d+\s+", "", render(without_refs(text, ctx), quiet(ctx))))
    return label if label and result_from_text(label) is not None else None


def year_of_headings(path: list[str], ctx: Context) -> int | None:
    """The year of a heading at or below the first accolade-like heading ("===2019===",
    "===2019 awards==="): the ceremony year of entries that name none. A season ("2019–20")
    is ambiguous and gives none."""
    inside = False
    year = None
    for title in path:
        inside = inside or bool(ACCOLADE_HEADING.search(title))
        if not inside:
            continue
        rest = clean(GENERIC_WORDS.sub(" ", render(title, quiet(ctx))))
        if re.fullmatch(YEAR, rest):
            year = int(rest)
    return year
