"""Recipients of accolades entries: the persons a cell names, its notes and works, or the film."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.lib.extract.accolades.markup import clean, norm_title, pull_small, pull_top, split_top, unparen
from etl.lib.model import Name
from etl.lib.wiki.wikitext import (
    Context,
    expand_lists,
    name_of,
    render,
    without_refs,
)


@dataclass
class Recipient:
    shown: str
    persons: list[Name]
    notes: list[str]
    is_film: bool


_ROLE_WORDS = r"(?:music|lyrics|words|written|performed|composed|sung|produced|screenplay|story)"

_CONNECTOR = re.compile(rf"^[\s–—:,-]*(?:(?:{_ROLE_WORDS}(?:\s+(?:and|&)\s+\w+)?\s+)?by\b)?[\s–—:,-]*", re.I)

# The same role further in the cell ("Music by [[A]]; Lyrics by [[B]]").
_INNER_CONNECTOR = rf"(?i)(?<=[\n;,])(\s*{_ROLE_WORDS}(?:\s+(?:and|&)\s+\w+)?\s+by)\s"

_SUFFIXES = re.compile(r"^(?:jr|sr|ii|iii|iv|inc|ltd)\.?$", re.I)


def read_recipient(code: str | None, film: set[str], ctx: Context) -> Recipient:
    if code is None or not render(code, ctx).strip():
        return Recipient("", [], [], True)
    code = expand_lists(without_refs(code, ctx), ctx)
    code, notes = pull_small(code, ctx)
    code, parens = pull_top(code, r"\s*\(([^()\n]*)\)")
    notes += [n for n in (unparen(render(p, ctx)) for p in parens) if n]
    # A quoted work, with the "for" tying it to the name before ("[[Singer]] for "Song"").
    code, works = pull_top(code, r"(?:\s+for)?\s*[\"“]([^\"”\n]+)[\"”]")
    works = [clean(render(w, ctx)) for w in works]
    code, characters = pull_top(code, r"\s+as\s+([^\n,;&]+?)(?=\s+and\s+|\s*[\n,;&]|\s*$)")
    notes += [f"as {clean(render(c, ctx))}" for c in characters]
    code = _CONNECTOR.sub("", code)
    code, _ = pull_top(code, _INNER_CONNECTOR)
    persons = []
    for item in split_top(code, r"\n|,|;|&(?![#\w]+;)|\band\b"):
        kind, name = _item(item, film, ctx)
        if kind != "person" or name is None:
            continue
        if persons and _SUFFIXES.match(name.name):
            persons[-1] = Name(f"{persons[-1].name}, {name.name}", persons[-1].wiki_title)
        else:
            persons.append(name)
    shown = _shown(code, ctx)
    shown = "" if _NOBODY.match(shown) else shown
    is_film = not persons and (not works and not shown or norm_title(shown) in film)
    if not shown:  # the entry names only a work ("Song"): that work is the recipient
        return Recipient("; ".join(works), [], notes, is_film)
    return Recipient(shown, persons, notes + works, is_film)


# "The cast", "Ensemble cast", "The cast of ''Film''": the recipients are not named.
_GROUP = re.compile(
    r"^(?:the\s+)?(?:entire\s+|whole\s+|main\s+|principal\s+|ensemble\s+)?"
    r"(?:cast|ensemble)(?:\s+(?:members|of\b.*))?$",
    re.I,
)

# Cells that name nobody ("—", {{N/A}}, "None"): the film is the recipient.
_NOBODY = re.compile(r"^(?:n/?a|none|nil|not applicable|[—–-]+|\?)$", re.I)

# A role label before a name ("Set Decoration: [[Name]]", "Production Design: Name").
_ROLE_LABEL = re.compile(r"^\s*[^:\[\]{}<>\n'\"]{2,40}:\s+(?=\S)")


def _item(item: str, film: set[str], ctx: Context) -> tuple[str, Name | None]:
    """("person" | "work" | "film" | "group" | "none", Name) for one item of a recipient cell;
    an item in italics is a work, a cast named as a whole is a group, not persons."""
    stripped = _ROLE_LABEL.sub("", item.strip(" \n,;:–—-"))
    name = name_of(stripped, ctx) if stripped else None
    if name is None or not re.search(r"\w", name.name):
        return "none", None
    if norm_title(name.name) in film:
        return "film", name
    if _GROUP.match(name.name):
        return "group", name
    if _NOBODY.match(name.name):
        return "none", None
    if re.fullmatch(r"''[^']+(?:'[^']+)*''", stripped) and not stripped.startswith("'''"):
        return "work", name
    return "person", name


def _shown(code: str, ctx: Context) -> str:
    """The cell's text on one line: its lines joined with commas ("A<br>B and C" -> "A, B and
    C"; a line starting with "and" continues the previous one)."""
    text = ""
    for line in render(code, ctx).split("\n"):
        line = re.sub(r"(?:\s+(?:and|&))+$", "", line.strip(" ,;:–—-")).strip(" ,;")
        if line:
            joiner = " " if re.match(r"(?:and|&)\s", line) else ", "
            text = f"{text}{joiner}{line}" if text else line
    return clean(text)
