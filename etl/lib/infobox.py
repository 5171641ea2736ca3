"""``{{Infobox film}}`` and the ``==Cast==`` list or table: the film record, credits, companies, the
infobox release dates and box office.

Parameter aliases follow Template:Infobox film/doc (``producers``, ``directors``,
``production companies``, ``based on``/``based_on``, ...): a parameter name is normalised
(lower case, ``_`` as space) before it is looked up in ``CREDIT_ROLES`` / ``COMPANY_ROLES``.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Template

from etl.lib import wikitable
from etl.lib import wikitext as wt
from etl.lib.model import BoxOffice, CompanyRole, Credit, FilmFacts, Name, Release
from etl.lib.money import parse_amounts

CREDIT_ROLES = {
    "director": "director", "directors": "director", "directed by": "director",
    "producer": "producer", "producers": "producer", "produced by": "producer",
    "writer": "writer", "writers": "writer", "written by": "writer",
    "screenplay": "screenplay", "screenplay by": "screenplay",
    "story": "story", "story by": "story",
    "based on": "based_on",
    "starring": "starring",
    "narrator": "narrator", "narrated by": "narrator",
    "music": "music", "music by": "music",
    "cinematography": "cinematography",
    "editing": "editing", "edited by": "editing", "editor": "editing",
}
COMPANY_ROLES = {
    "studio": "studio", "studios": "studio", "production company": "studio",
    "production companies": "studio", "production_companies": "studio",
    "distributor": "distributor", "distributors": "distributor", "distributed by": "distributor",
}
MONEY_FIELDS = {"budget": "budget", "gross": "gross", "box office": "gross"}

# Countries whose films give amounts in ``¥`` meaning yuan rather than yen.
_YUAN_COUNTRIES = {"china", "people's republic of china", "mainland china"}

_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")


def _param_name(p) -> str:
    return re.sub(r"\s+", " ", str(p.name).replace("_", " ").strip().lower())


def infobox_params(infobox: Template) -> dict[str, object]:
    """Non-blank parameters by normalised name (the first wins when a name repeats)."""
    out: dict[str, object] = {}
    for p in infobox.params:
        name = _param_name(p)
        if name not in out and str(p.value).strip():
            out[name] = p.value
    return out


def parse_article(page_title: str, text: str, ctx: wt.Context | None = None) -> FilmFacts | None:
    """The infobox facts and cast of one article, or None when the page has no film infobox."""
    ctx = ctx if ctx is not None else wt.Context()
    code = wt.parse(text)
    box = wt.film_infobox(code)
    if box is None:
        return None
    params = infobox_params(box)
    title = _title(params, page_title, ctx)
    film = FilmFacts(title=title, wiki_title=page_title)
    film.countries = _plain_items(params.get("country") or params.get("countries"), ctx)
    film.languages = _plain_items(params.get("language") or params.get("languages"), ctx)
    film.runtime_minutes = _runtime(params.get("runtime"), ctx)
    film.credits = _credits(params, ctx)
    film.companies = _companies(params, ctx)
    film.releases = infobox_releases(params.get("released") or params.get("release date")
                                     or params.get("release dates"), ctx, film)
    yen = "CNY" if any(c.lower() in _YUAN_COUNTRIES for c in film.countries) else "JPY"
    for key, measure in MONEY_FIELDS.items():
        if key in params:
            film.box_office.extend(money_facts(measure, params[key], ctx, yen=yen, film=film))
    dated = [r.date for r in film.releases if r.date is not None]
    film.release_year = min(d.year for d in dated) if dated else lead_year(code, ctx)
    film.credits.extend(parse_cast(code, ctx))
    film.unknown_templates.update(ctx.unknown)
    return film


def _title(params: dict, page_title: str, ctx: wt.Context) -> str:
    for key in ("name", "film name", "title"):
        if key in params:
            value = wt.render(params[key], ctx).split("\n")[0].strip()
            if value:
                return value
    return strip_disambiguation(page_title)


def strip_disambiguation(page_title: str) -> str:
    """``Batman (1989 film)`` -> ``Batman``."""
    return re.sub(r"\s*\([^()]*\b(film|movie)\)\s*$", "", page_title).strip()


def _plain_items(value, ctx: wt.Context) -> list[str]:
    if value is None:
        return []
    out = []
    for item in wt.split_items(value):
        text = wt.render(item, ctx).strip(" ,;")
        for part in re.split(r"\s*[,;]\s*", text) if "," in text or ";" in text else [text]:
            part = _NOTE.sub("", part).strip()
            if part and part not in out:
                out.append(part)
    return out


def _runtime(value, ctx: wt.Context) -> int | None:
    if value is None:
        return None
    text = wt.render(value, ctx)
    m = re.search(r"(\d+)\s*(?:h|hours?|hrs?)\.?\s*(\d+)\s*(?:m|min)", text, re.I)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.search(r"(\d+)\s*(?:minutes?|mins?\.?|min\.?)", text, re.I) or re.search(r"\b(\d+)\b", text)
    return int(m.group(1)) if m else None


def _credits(params: dict, ctx: wt.Context) -> list[Credit]:
    credits: list[Credit] = []
    seen: set[tuple[str, str]] = set()
    for key, value in params.items():
        role = CREDIT_ROLES.get(key)
        if role is None:
            continue
        people = _based_on_people(value, ctx) if role == "based_on" else _people(value, ctx)
        for name, note in people:
            if (role, name.name) in seen:
                continue
            seen.add((role, name.name))
            credits.append(Credit(role, name, sum(1 for c in credits if c.role == role) + 1, note=note))
    return credits


def _people(value, ctx: wt.Context) -> list[tuple[Name, str | None]]:
    """Names of a list value, each with a trailing parenthetical moved to a note:
    ``[[Palace Pictures]] (foreign)`` is Palace Pictures, note "foreign"."""
    out = []
    for item in wt.split_items(value):
        name = wt.name_of(item, ctx)
        if name is None:
            continue
        text, note = name.name, None
        m = _NOTE.search(text)
        if m and m.start() > 0:
            text, note = text[: m.start()].strip(), m.group(1).strip()
            name = Name(text, wt.link_for(item, text))
        out.append((name, note))
    return out


def _based_on_people(value, ctx: wt.Context) -> list[tuple[Name, str | None]]:
    """Authors of the source works: ``{{Based on|''Work''|Author|Author 2}}`` (also several of
    them in a list) or ``''Work'' by [[Author]]``."""
    code = wt.remove_refs(str(value))
    templates = [t for t in code.filter_templates(recursive=True) if wt.template_name(t) == "based on"]
    if templates:
        return [(n, None) for t in templates for a in wt.positional(t)[1:] for n in wt.names_of(a, ctx)]
    out = []
    for item in wt.split_items(code):
        m = re.search(r"\bby\b", item)
        if m:
            authors = re.sub(r"\s+(?:and|&)\s+|,\s*", "<br>", item[m.end():])
            out.extend((n, None) for n in wt.names_of(authors, ctx))
    return out


def _companies(params: dict, ctx: wt.Context) -> list[CompanyRole]:
    out: list[CompanyRole] = []
    for key, value in params.items():
        role = COMPANY_ROLES.get(key)
        if role is None:
            continue
        for name, note in _people(value, ctx):
            out.append(CompanyRole(role, name, territory=note if note and _is_place(note) else None))
    return out


def _is_place(note: str) -> bool:
    """A distributor's note names its territory ("(United States)"), or says something else
    ("(foreign)", "(2004 re-release)") that stays out of the territory column."""
    return not re.search(r"\d|uncredited|original|re-?release|home|video|international|foreign|overseas|worldwide", note, re.I)


def infobox_releases(value, ctx: wt.Context, film: FilmFacts | None = None) -> list[Release]:
    """Every date of ``released``: ``{{Film date}}`` groups with their place or label,
    ``{{Start date}}`` and plain dates (with a place in parentheses or on the next line)."""
    from etl.lib.dates import parse_date

    if value is None:
        return []
    releases: list[Release] = []
    code = wt.parse(str(value))
    for t in code.filter_templates(recursive=False):
        if wt.template_name(t) in ("film date", "movie date", "filmdate", "film release date",
                                   "start date", "release date", "start date and age"):
            for when, label in wt.film_date_entries(t):
                releases.append(_release(when, label))
    if releases:
        return releases
    # Plain dates, and date templates nested in a list: each rendered line is one date with
    # its place in parentheses, or a place line that belongs to the date above it.
    lines = [ln.strip() for item in wt.split_items(wt.remove_refs(code))
             for ln in wt.render(item, ctx).split("\n") if ln.strip()]
    place = None
    for text in reversed(lines):
        when = parse_date(text)
        if when is None:
            place = _NOTE.sub("", text).strip() or text.strip("() ") or place
            continue
        m = _NOTE.search(text)
        releases.insert(0, _release(when, m.group(1) if m else place))
        place = None
    if not releases and film is not None and wt.render(code, ctx).strip():
        film.problems["unreadable release date"] += 1
    return releases


_RELEASE_TYPES = {
    "limited": "limited", "wide": "wide", "premiere": "premiere", "world premiere": "premiere",
    "festival": "festival", "re-release": "re-release", "rerelease": "re-release",
    "theatrical": "theatrical", "nationwide": "wide",
}


def _release(when, label: str | None) -> Release:
    """A ``Film date`` label is either a release type (Limited, Wide, Premiere) or a place
    (a country, a city, a festival)."""
    if not label:
        return Release(when, "theatrical")
    low = label.lower().strip()
    for word, kind in _RELEASE_TYPES.items():
        if low == word or low.endswith(" " + word) and len(low.split()) <= 2:
            return Release(when, kind)
    if "festival" in low:
        return Release(when, "festival", note=label)
    if "premiere" in low:
        return Release(when, "premiere", territory=re.sub(r"\s*\(?premiere\)?", "", label, flags=re.I).strip() or None)
    return Release(when, "theatrical", territory=label)


def money_facts(measure: str, value, ctx: wt.Context, *, yen: str = "JPY",
                film: FilmFacts | None = None) -> list[BoxOffice]:
    """Every amount of a budget / gross value, one fact each."""
    text = wt.render(wt.remove_refs(str(value)), ctx)
    amounts = parse_amounts(text, yen=yen)
    if not amounts and text and film is not None:
        film.problems[f"unreadable {measure}"] += 1
    # Template:Infobox film asks for the worldwide gross; a gross with no territory is that.
    default = "worldwide" if measure == "gross" else None
    return [BoxOffice(measure, a, territory=a.territory or default) for a in amounts]


def lead_year(code, ctx: wt.Context) -> int | None:
    """``'''X''' is a 1995 American drama film`` when the infobox has no date."""
    text = wt.render(wt.lead(code), ctx)
    m = re.search(r"\bis an?\s+(?:[\w-]+\s+){0,3}?(\d{4})\b[^.]*?\bfilm\b", text)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------------------------
# Cast
# --------------------------------------------------------------------------------------------
#
# The cast of an article is read from the first section titled with the word "cast" ("Cast",
# "Voice cast", "Cast and characters"; not "Casting" nor "Broadcast") that gives one:
#
# - its top-level bullets, ``* [[Actor]] as Character, description`` (lines inside a table of
#   the section are not bullets of the section);
# - when it has none, its tables (``etl.lib.wikitable``). Columns are found by header text:
#   person columns ("Actor", "Cast", "Performer", "Voice actor", "Japanese voice actor",
#   "Voiced by", ...), one character column ("Role", "Main role", "Character name", "Part"),
#   other-roles columns ("Other roles", "Additional roles") and note columns ("Notes"); other
#   columns are ignored, and a table without a person column is not a cast table. Stacked
#   header rows (``! colspan=2 | Voice actor`` over "Japanese" / "English") name a column
#   together. A row header (``! scope="row" |``) is a data cell like any other.
#
# Decisions for tables:
# - One credit per person of each person column, read row by row and left to right, ordinals
#   counting across the section's tables. A cell spanning rows (one actor for two characters)
#   gives a credit on each row it covers, with that row's character. Empty person cells and
#   cells without a letter ("—") give none; a cell listing several people (``<br>``, list
#   templates) gives one credit each.
# - With several person columns (original and dubbed voices), each credit's note starts with
#   its column's header ("Japanese voice actor"); with one, the header is not repeated.
# - The character is the rendered cell, lines joined with " / ", a trailing parenthetical
#   moved to the note (``Sir Robin (stand-in)``); unlike a bullet line nothing is cut at a
#   comma, as the cell holds the character only (``Frank, the Historian``).
# - A person cell's trailing parentheticals and ``''as X''`` are notes ("as The Wolf").
# - "Other roles" cells go to the note, after the header without its parenthetical
#   ("Other roles: Dead Collector / ..."): the credit keeps one character, the main one, and
#   nothing the table says is lost. "Notes" cells go to the note as they are.
# - Names and their links come from ``wt.render`` / ``wt.link_for``, which follow
#   ``{{ill|Target|ja|...|lt=Shown}}`` and ``{{sortname|First|Last|dab=actor}}``.

_CAST_SPLIT = re.compile(r"\s+(?:as(?: the voice of)?|plays|portrays)\s+|\s+[–—-]\s+|:\s+")
# A character's name ends where its description starts: a comma, a colon, a semicolon, a dash.
_CHARACTER_END = re.compile(r",\s|;\s|:(?:\s|$)|\s+[–—]\s")
_CAST_TITLE = re.compile(r"\bcast\b", re.I)
_BULLET = re.compile(r"^\*(?!\*)")


def parse_cast(code, ctx: wt.Context | None = None) -> list[Credit]:
    """The cast of the first Cast section that gives one: its top-level bullets, or else its
    cast tables (see the notes above), in order."""
    ctx = ctx if ctx is not None else wt.Context()
    for section in wt.sections(code, lambda title: bool(_CAST_TITLE.search(title))):
        text = wikitable.prepare(section.code)
        tables = wikitable.find_tables(text)
        credits: list[Credit] = []
        offset = 0
        for raw in text.split("\n"):
            inside = any(t.start <= offset < t.end for t in tables)
            offset += len(raw) + 1
            if inside or not _BULLET.match(raw):
                continue
            credit = _cast_line(raw[1:].strip(), len(credits) + 1, ctx)
            if credit is not None:
                credits.append(credit)
        if not credits:
            for table in tables:
                credits.extend(_table_cast(table, len(credits), ctx))
        if credits:
            return credits
    return []


def _pop_notes(text: str) -> tuple[str, list[str]]:
    """Trailing parentheticals moved out of a name: ``X (as Y) (uncredited)`` -> X, [as Y, uncredited]."""
    notes: list[str] = []
    while (m := _NOTE.search(text)) and m.start() > 0:
        notes.insert(0, m.group(1))
        text = text[: m.start()].strip()
    return text, notes


def _cast_line(line: str, ordinal: int, ctx: wt.Context) -> Credit | None:
    text = wt.render(line, ctx)
    if not text:
        return None
    parts = _CAST_SPLIT.split(text, maxsplit=1)
    actor, notes = _pop_notes(parts[0].strip())
    character = parts[1].strip() if len(parts) > 1 else None
    if character:
        m = _CHARACTER_END.search(character)
        if m:
            character = character[: m.start()].strip()
        character, character_notes = _pop_notes(character)
        notes += character_notes
        character = character.strip(" .,") or None
    if not actor:
        return None
    return Credit("cast", Name(actor, wt.link_for(line, actor)), ordinal, character=character,
                  note="; ".join(notes) or None)


# Names --------------------------------------------------------------------------------------



# Tables -------------------------------------------------------------------------------------

_COLUMN_KINDS = [  # first match wins, on the lower-cased header
    ("other", re.compile(r"\b(other|additional|also|further|more|minor|secondary)\b.*"
                         r"\b(roles?|parts?|characters?)\b")),
    ("note", re.compile(r"^(notes?|remarks?|comments?)$")),
    ("character", re.compile(r"\b(characters?|roles?|parts?)\b")),
    ("person", re.compile(r"\b(actors?|actress(es)?|cast|cast members?|performers?|voiced by|"
                          r"voices?|played by|portrayed by|dub|dubbing|starring|stars?)\b")),
]


def _column_kind(texts: list[str]) -> str | None:
    """Kind of a column from its header texts, the lowest (most specific) first."""
    for text in reversed(texts):
        low = re.sub(r"\s+", " ", text.lower()).strip(" :")
        for kind, pattern in _COLUMN_KINDS:
            if pattern.search(low):
                return kind
    return None


class _CastColumns:
    def __init__(self, header_rows: list[wikitable.Row], ctx: wt.Context):
        self.people: list[tuple[int, str]] = []  # column, its header
        self.character: int | None = None
        self.notes: list[tuple[int, str | None]] = []  # column, the label its text follows
        width = max(len(r.slots) for r in header_rows)
        for col in range(width):
            texts: list[str] = []
            for row in header_rows:
                cell = row.slots[col] if col < len(row.slots) else None
                text = re.sub(r"\s+", " ", wt.render(cell.text, ctx)).strip() if cell is not None else ""
                if text and text not in texts:
                    texts.append(text)
            kind = _column_kind(texts)
            if kind == "person":
                self.people.append((col, ", ".join(texts)))
            elif kind == "character" and self.character is None:
                self.character = col
            elif kind == "other":
                self.notes.append((col, _NOTE.sub("", texts[-1]).strip(" :")))
            elif kind == "note":
                self.notes.append((col, None))


def _header_like(row: wikitable.Row, ctx: wt.Context) -> bool:
    """A first row of plain cells that only name columns (bold "Actor", "Role")."""
    texts = [wt.render(c.text, ctx) for c in row.cells]
    return len(texts) >= 2 and all(texts) and all(_column_kind([t]) for t in texts) and \
        any(_column_kind([t]) == "person" for t in texts)


def _table_cast(table: wikitable.Table, done: int, ctx: wt.Context) -> list[Credit]:
    """Credits of one cast table; ``done`` credits came before it."""
    credits: list[Credit] = []
    columns: _CastColumns | None = None
    header_rows: list[wikitable.Row] = []
    for row in table.rows:
        kind = row.kind
        if kind == "data" and columns is None and not header_rows and _header_like(row, ctx):
            kind = "header"
        if kind == "header":
            header_rows.append(row)
            columns = _CastColumns(header_rows, ctx)
            continue
        header_rows = []
        if kind == "data" and columns is not None and columns.people:
            credits.extend(_row_credits(row, columns, done + len(credits), ctx))
    return credits


def _slot(row: wikitable.Row, col: int | None) -> wikitable.Cell | None:
    return row.slots[col] if col is not None and col < len(row.slots) else None


def _cell_text(cell: wikitable.Cell | None, ctx: wt.Context) -> str:
    if cell is None:
        return ""
    lines = (re.sub(r"\s+", " ", ln).strip() for ln in wt.render(cell.text, ctx).split("\n"))
    return " / ".join(ln for ln in lines if ln)


def _row_credits(row: wikitable.Row, columns: _CastColumns, done: int, ctx: wt.Context) -> list[Credit]:
    character, character_notes = _pop_notes(_cell_text(_slot(row, columns.character), ctx))
    character = character.strip(" ,;") or None
    extra = []
    for col, label in columns.notes:
        text = _cell_text(_slot(row, col), ctx)
        if text:
            extra.append(f"{label}: {text}" if label else text)
    several = len(columns.people) > 1
    credits: list[Credit] = []
    for col, header in columns.people:
        cell = _slot(row, col)
        if cell is None:
            continue
        for item in wt.split_items(cell.text):
            person, notes = _table_person(item, ctx)
            if person is None:
                continue
            note = ([header] if several else []) + notes + character_notes + extra
            credits.append(Credit("cast", person, done + len(credits) + 1, character=character,
                                  note="; ".join(note) or None))
    return credits


def _table_person(item: str, ctx: wt.Context) -> tuple[Name | None, list[str]]:
    """The person of one item of a person cell, and its notes (trailing parentheticals,
    ``''as X''``)."""
    code = str(wt.remove_refs(item))
    text = re.sub(r"\s+", " ", wt.render(code, ctx)).strip(" ,;")
    text, notes = _pop_notes(text)
    m = re.search(r"\s+(as\s+.+)$", text)
    if m:
        text, notes = text[: m.start()].strip(), [m.group(1)] + notes
    if not re.search(r"\w", text):
        return None, []
    return Name(text, wt.link_for(code, text)), notes
