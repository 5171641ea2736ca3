"""Results of accolades entries: result templates and words mapped to the contract's values
(``etl.lib.model.RESULTS``), with their placement and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Template

from etl.lib.extract.accolades.markup import notes_text, strip_notes, unparen
from etl.lib.wiki.wikitext import (
    SILENT,
    TEMPLATES,
    TEXT_CELL_TEMPLATES,
    Context,
    collapse_spaces,
    named,
    positional,
    quiet,
    read_without_refs,
    render,
    template_name,
)

# Templates that are a result by themselves: name -> (result, placement).
RESULT_TEMPLATES = {
    "won": ("won", None),
    "won-yes": ("won", None),
    "win": ("won", None),
    "awarded": ("won", None),
    "nom": ("nominated", None),
    "nominated": ("nominated", None),
    "nom-no": ("nominated", None),
    "nominee": ("nominated", None),
    "pending": ("pending", None),
    "tba": ("pending", None),
    "tbd": ("pending", None),
    "tbc": ("pending", None),
    "upcoming": ("pending", None),
    "runner-up": ("runner-up", 2),
    "runner up": ("runner-up", 2),
    "runnerup": ("runner-up", 2),
}

# Table-cell templates whose text says the result ({{yes|Honored}}, {{draw|2nd Place}}).
TEXT_RESULT_TEMPLATES = set(TEXT_CELL_TEMPLATES)

RESULT_WORDS = {
    "won": "won",
    "win": "won",
    "winner": "won",
    "winners": "won",
    "awarded": "won",
    "recipient": "won",
    "won (tie)": "won",
    "co-winner": "won",
    "joint winner": "won",
    "nominated": "nominated",
    "nomination": "nominated",
    "nominee": "nominated",
    "nom": "nominated",
    "honored": "honored",
    "honoured": "honored",
    "honoree": "honored",
    "inducted": "honored",
    "honorable mention": "honored",
    "honourable mention": "honored",
    "special mention": "honored",
    "pending": "pending",
    "tba": "pending",
    "tbd": "pending",
    "tbc": "pending",
    "to be announced": "pending",
    "to be determined": "pending",
    "upcoming": "pending",
    "awaiting": "pending",
    # Group labels heading the entries below them (sub-headings, bold lines, parent bullets).
    "wins": "won",
    "awards won": "won",
    "won awards": "won",
    "nominations": "nominated",
    "nominated for": "nominated",
    "nominees": "nominated",
    "lost": "nominated",  # "Won" / "Lost" tables: a nomination that did not win
    "honorary": "honored",
    "honorary award": "honored",
}

_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        start=1,
    )
}

ORDINAL = r"(\d{1,3})(?:st|nd|rd|th|d)"

_PLACE = re.compile(
    rf"^(?:tied? (?:for )?)?(?:{ORDINAL}|({'|'.join(_ORDINAL_WORDS)}))"
    r"(?: place(?:d)?)?$"
)

_RUNNER_UP = re.compile(rf"^(?:(?:{ORDINAL}|({'|'.join(_ORDINAL_WORDS)})) )?runners?[- ]ups?$")


@dataclass
class Result:
    result: str | None  # None: not a known result (``unknown`` says what it was)
    placement: int | None = None
    note: str | None = None
    unknown: str | None = None


def _ordinal_value(number: str | None, word: str | None) -> int:
    return int(number) if number else _ORDINAL_WORDS[word or ""]


def result_from_text(text: str, bare_ordinal: bool = False) -> tuple[str, int | None] | None:
    """A result word or phrase as (result, placement), or None when it is not one."""
    t = collapse_spaces(text.replace("’", "'")).strip(" .:;!*'\"†‡§¶^").lower()
    if t in RESULT_WORDS:
        return RESULT_WORDS[t], None
    m = _RUNNER_UP.match(t)
    if m:
        rank = _ordinal_value(m.group(1), m.group(2)) if (m.group(1) or m.group(2)) else 1
        return "runner-up", rank + 1
    m = _PLACE.match(t)
    if m and (bare_ordinal or "place" in t):
        place = _ordinal_value(m.group(1), m.group(2))
        return ("won", 1) if place == 1 else ("placed", place)
    return None


def looks_like_result(code: str, ctx: Context) -> bool:
    parsed = read_result(code, quiet(ctx))
    return parsed is not None and parsed.result is not None


def read_result(code: str | None, ctx: Context) -> Result | None:
    """The result of a cell or list segment; None when it holds nothing at all."""
    if code is None:
        return None
    wikicode = read_without_refs(code, ctx)
    for t in wikicode.filter_templates(recursive=False):
        name = template_name(t)
        if name in RESULT_TEMPLATES or name in TEXT_RESULT_TEMPLATES:
            rest = str(wikicode).replace(str(t), " ", 1)
            return _result_of_template(t, name, notes_text(rest, ctx), ctx)
    text, notes = strip_notes(str(wikicode), ctx)
    text = text.split("\n")[0].strip()
    if not text:
        unknown = [
            template_name(t)
            for t in wikicode.filter_templates(recursive=False)
            if template_name(t) not in SILENT and not template_name(t).startswith("cite")
        ]
        return Result(None, unknown=f"{{{{{unknown[0]}}}}}") if unknown else None
    found = result_from_text(text)
    if found is None:
        return Result(None, unknown=text)
    return Result(found[0], found[1], "; ".join(notes) or None)


def _result_of_template(t: Template, name: str, note: str | None, ctx: Context) -> Result:
    if name in RESULT_TEMPLATES:
        result, placement = RESULT_TEMPLATES[name]
        place = named(t, "place")
        if place:
            found = result_from_text(render(place, ctx), bare_ordinal=True)
            placement = found[1] if found else placement
        # The shown text replaces the template's word: {{won|1st place}}, {{nom|Runner-up}}.
        # A text that is a result decides; any other text is a note ({{won|Special Jury}}).
        args = positional(t)
        shown = render(named(t, "text") or (args[0] if args else ""), ctx)
        found = result_from_text(shown, bare_ordinal=True) if shown else None
        if found is not None and not place:
            result, placement = found
        elif shown and found is None:
            note = "; ".join(n for n in (unparen(shown), note) if n) or None
        return Result(result, placement, note)
    text = TEMPLATES[name](t, ctx) if name in TEMPLATES else ""
    found = result_from_text(text, bare_ordinal=True) if text else None
    if found is None:
        return Result(None, unknown=text or f"{{{{{name}}}}}")
    return Result(found[0], found[1], note)
