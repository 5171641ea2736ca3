"""Wikitext helpers of the accolades reader: splitting outside templates, links and refs;
notes pulled out of a text; titles compared loosely; the first link of a text."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template, Wikilink

from etl.lib.text.keys import normalise_title
from etl.lib.wiki.wikitable import mask
from etl.lib.wiki.wikitext import (
    INTERLANGUAGE_LINKS,
    Context,
    link_target,
    parse,
    positional,
    render,
    template_name,
    wikilinks,
)


def split_top(code: str, pattern: str) -> list[str]:
    """``code`` split on ``pattern`` where it occurs outside templates, links and refs."""
    masked = mask(code)
    pieces, start = [], 0
    for m in re.finditer(pattern, masked):
        pieces.append(code[start : m.start()])
        start = m.end()
    pieces.append(code[start:])
    return pieces


def pull_top(code: str, pattern: str) -> tuple[str, list[str]]:
    """Remove the top-level matches of ``pattern`` (group 1 kept) from ``code``."""
    masked = mask(code)
    found, out, start = [], [], 0
    for m in re.finditer(pattern, masked):
        out.append(code[start : m.start()])
        found.append(code[m.start(1) : m.end(1)])
        start = m.end()
    out.append(code[start:])
    return " ".join(out), found


_NOTE_TEMPLATES = {"small", "smaller", "efn", "notetag", "refn", "sup"}


def clean(text: str) -> str:
    return " ".join(text.split())  # a no-break space is white space too


def unparen(text: str) -> str:
    text = clean(text)
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def strip_notes(code: str, ctx: Context) -> tuple[str, list[str]]:
    """Rendered text without its notes (``{{small}}``, ``<small>``, parenthesised text), and
    the notes. Line breaks are kept."""
    code, notes = pull_small(code, ctx)
    code, parens = pull_top(code, r"\s*\(([^()\n]*)\)")
    notes += [n for n in (unparen(render(p, ctx)) for p in parens) if n]
    return render(code, ctx), notes


def notes_text(code: str, ctx: Context) -> str | None:
    text, notes = strip_notes(code, ctx)
    notes = ([unparen(text)] if unparen(text) else []) + notes
    return "; ".join(notes) or None


def pull_small(code: str, ctx: Context) -> tuple[str, list[str]]:
    """``{{small|...}}`` and ``<small>...</small>`` taken out of ``code`` as notes."""
    wikicode = parse(code, ctx)
    notes, kept = [], []
    for node in wikicode.nodes:
        is_note = (isinstance(node, Template) and template_name(node) in _NOTE_TEMPLATES) or (
            isinstance(node, Tag) and str(node.tag).lower() in ("small", "sup")
        )
        if is_note:
            text = unparen(render(node, ctx))
            if text:
                notes.append(text)
        else:
            kept.append(str(node))
    return "".join(kept), notes


def norm_title(text: str) -> str:
    """A title compared without case, accents, punctuation, spaces or a leading article."""
    return normalise_title(text.replace("''", "")).replace(" ", "")


def film_names(film_title: str) -> set[str]:
    bare = re.sub(r"\s*\([^()]*\)$", "", film_title.strip())
    return {norm_title(film_title), norm_title(bare)} | {"film", "movie"}


def links(code: str, ctx: Context) -> list[Wikilink]:
    """The wikilinks of ``code`` (inside templates too); a text without "[[" has none and is
    not parsed."""
    return wikilinks(parse(code, ctx)) if "[[" in code else []


def first_link(code: str, ctx: Context) -> Wikilink | None:
    for link in links(code, ctx):
        target = str(link.title).strip().lower()
        if not target.startswith(("file:", "image:", "category:", "media:")):
            return link
    return None


def first_target(code: str, ctx: Context) -> str | None:
    """The page the code links first: a wikilink, else an interlanguage link's English target
    (``{{ill|Kinema Junpo Best Ten|ja|...}}``)."""
    link = first_link(code, ctx)
    if link is not None:
        return link_target(link)
    if "{{" not in code:
        return None
    for t in parse(code, ctx).filter_templates():
        if template_name(t) in INTERLANGUAGE_LINKS and positional(t) and positional(t)[0]:
            target = clean(positional(t)[0].replace("_", " "))
            return target[:1].upper() + target[1:]
    return None


DASH = r"\s+[–—−-]{1,2}\s+|\s*—\s*"
