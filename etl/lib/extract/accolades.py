"""Accolades of a film article: every award entry of its accolades tables and lists.

``parse_accolades(code, film_title)`` reads the whole article and returns one ``Nomination`` per
entry, with counts of what it saw and did not load. Nothing here knows about Dagster or Polars.

How the article is read
-----------------------
- ``etl.lib.wiki.wikitable`` cuts the wikitext into logical lines on a *masked* copy, in which
  everything inside templates, links, ``<ref>``s and comments is hidden (headings are thus only
  seen where MediaWiki sees them), and reads the tables (``{|`` ... ``|}``, also inside
  ``<center>``/``<section>`` wrappers, and ``{{Awards table}}`` ... ``{{end}}`` / ``{{Awards
  table end}}`` / ``|}``) into rows and cells laid out on a grid with the HTML table algorithm
  (``rowspan``/``colspan`` in any column).
  A table is read when it stands under an accolade-like heading (Accolades, Awards, Honors,
  Awards and nominations, ... at any level) and has a result column, or anywhere when its
  header names an award column and a category or result column.
- Columns are found by header text, corrected by content: the column whose cells hold results
  (``{{won}}``, "Nominated", ...) is the result column whatever its header says; a column
  linking edition pages (``[[68th Academy Awards|...]]``) is the award column; two "recipient"
  headers without a category header make the first one the category ("Subject" / "Nominee");
  an "Award" column holding ``[[X Award for Y]]`` links is a category column whose body is
  "X Awards"; without any header, years, results and bodies are recognised and the remaining
  columns are category then recipient (only the recipient when the award column links
  ``[[X Award for Y]]``: ``{{Awards table}}``'s Year / Nominee / work / Award / Result). Beside
  an "Award" and a "Category" header, a "Ceremony" header is the edition / date column. Title
  rows (``! colspan=5 | 1996``, ``2006 (78th)``, also above the header row) give the year, a
  result ("Won"), or the body when there is no award column; a caption naming a body
  (``|+ [[Academy Awards]]``), an award-like sub-heading, a year sub-heading (``===2019===``),
  a result sub-heading (``===Wins===``, for tables without result column or with blank result
  cells) or a body linked with an edition in the section's prose ("... at the [[49th Academy
  Awards]]") fill what the rows lack. A row of ``!`` cells holding a result is data.
- Bullet lists are read under accolade-like headings only. Bold lines, ``;`` lines, award-like
  sub-headings and parent bullets without a result are headers (an award body, a year, or a
  result for a "Won"/"Nominated (3)" group), and so is a sentence ending with a colon ("At the
  [[68th Academy Awards]], the film received the following nominations:": the body it links,
  the result it says); entries are split on dashes and colons
  (``* Best Actor (Name) — '''Won'''``, ``* [[Academy Award for Best Actor]] – Name (won)``,
  ``* 1996 MTV Movie Awards: Best Kiss – Name – Nominated``, ``* Best Actor: [[Name]] (won)``,
  ``* 1997 – [[Empire Award for Best Actor]] – Name``); a segment qualifying the category
  ("– Musical or Comedy", "– Drama", "– Motion Picture") stays in the category. Generic group
  headings ("Critics' awards", "Guild awards", "Festival awards") name no body. Prose lines
  end a list. A list line counts as an entry when it has a result or stands under a body.
  A bullet written as a sentence ("* The film won the [[Golden Bear]] at the [[69th Berlin
  International Film Festival]]") is read by its verb, object and "at the" body, and so are
  the clauses of the prose of an accolades section that link a body or an "[[X Award for Y]]"
  category (summaries with counts, "nominated for four Golden Globes", are not entries).
- Rankings and "best of" lists (AFI's lists, "Top Ten Films", critics' polls, "#78") and
  preservation honours (National Film Registry) are not accolades: each such entry is counted
  in ``skipped`` as "ranking or best-of list" or "preservation honour".
- Under a heading that says only "Awards" / "Honours" / "Prizes", an entry stating no result
  is a win (the heading says what they are); elsewhere it is skipped ("no result").

Decisions
---------
- Results map to the contract's values with ``RESULT_WORDS`` / ``RESULT_TEMPLATES``. "Runner-up"
  is ``runner-up`` with placement 2 ("2nd runner-up": placement 3); "2nd place" (plain text,
  ``{{draw|2nd Place}}``, ``{{yes|2nd place}}``) is ``placed`` with its placement; "1st place"
  and ``{{won|place=1st}}`` / ``{{won|1st place}}`` are ``won`` with placement 1 (the text of
  a result template decides when it is a result; other text is a note). "Lost" is
  ``nominated``, "Honorary" / "Honorable mention" ``honored``. Anything else (``{{draw}}``,
  "Finalist", "Shortlisted" / ``{{Sho}}`` -- a shortlist is not a nomination --, "#7") is
  counted in ``unknown_results`` and the row is skipped, never guessed.
- The film is the recipient (``recipient = film_title``, no persons) when the recipient cell is
  empty or missing, names nobody ("—", ``{{N/A}}``), is the same cell as the category (a
  colspan), or names the film / "Film". "The cast (of ...)" is shown as written, with no
  persons.
- An empty award cell repeats the award of the row above (tables written without rowspan);
  an empty year cell the year above.
- Recipients: ``persons`` are the names of the cell split on "and", "&", ",", ";", ``<br>`` and
  list templates, each with its link target; a linked name is one entry even when its text has
  "and" (a duo's page). Items in italics are works, not persons. Notes (parenthesised or
  ``{{small}}`` text, "as Character", quoted song titles with their "for") go to ``note``,
  never in a name; role labels ("Set Decoration:", "Music by", "Lyrics by") are dropped.
- Award body: the name as displayed, whitespace collapsed, an edition ("68th") or year moved to
  ``edition`` / ``ceremony_year`` and a trailing "(BAFTA)" dropped; ``award_body_wiki_title`` is
  the link target without its edition ("68th Academy Awards" -> "Academy Awards"), or the
  English target of an ``{{ill}}``; a ceremony date after the name ("– March 25, 1996") is the
  ceremony date. A body shown as "X Award for Y" is "X Awards" as shown, not as linked.
- A year sub-heading gives a year, a season ("2019–20") none: its ceremonies span two years.
- Rows and list entries that cannot be read are counted in ``skipped`` by reason ("no result",
  "unknown result", "no award body", "no category"): ``rows_seen == len(nominations) +
  sum(skipped.values())``.
"""

from __future__ import annotations

import re
import typing
from collections import Counter
from dataclasses import dataclass, field, replace

from mwparserfromhell.nodes import Tag, Template, Wikilink

from etl.lib.model import Name, Nomination, PartialDate
from etl.lib.text.dates import parse_date
from etl.lib.text.keys import normalise_title
from etl.lib.wiki.article import Article
from etl.lib.wiki.wikitable import Cell, Line, Row, Table, blocks, mask
from etl.lib.wiki.wikitext import (
    INTERLANGUAGE_LINKS,
    LIST_TEMPLATES,
    SILENT,
    TEMPLATES,
    TEXT_CELL_TEMPLATES,
    Context,
    link_target,
    list_template_items,
    name_of,
    named,
    parse,
    positional,
    quiet,
    read_without_refs,
    render,
    template_name,
    without_refs,
)


@dataclass
class AccoladesResult:
    nominations: list[Nomination] = field(default_factory=list)
    rows_seen: int = 0  # table rows / list entries that looked like award entries
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    unknown_results: Counter = field(default_factory=Counter)  # result text -> count


# =============================================================================================
# Results
# =============================================================================================

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
_ORDINAL = r"(\d{1,3})(?:st|nd|rd|th|d)"
_PLACE = re.compile(
    rf"^(?:tied? (?:for )?)?(?:{_ORDINAL}|({'|'.join(_ORDINAL_WORDS)}))"
    r"(?: place(?:d)?)?$"
)
_RUNNER_UP = re.compile(rf"^(?:(?:{_ORDINAL}|({'|'.join(_ORDINAL_WORDS)})) )?runners?[- ]ups?$")


@dataclass
class _Result:
    result: str | None  # None: not a known result (``unknown`` says what it was)
    placement: int | None = None
    note: str | None = None
    unknown: str | None = None


def _ordinal_value(number: str | None, word: str | None) -> int:
    return int(number) if number else _ORDINAL_WORDS[word or ""]


def _result_from_text(text: str, bare_ordinal: bool = False) -> tuple[str, int | None] | None:
    """A result word or phrase as (result, placement), or None when it is not one."""
    t = re.sub(r"\s+", " ", text.replace("’", "'")).strip(" .:;!*'\"†‡§¶^").lower()
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


def _looks_like_result(code: str, ctx: Context) -> bool:
    parsed = _read_result(code, quiet(ctx))
    return parsed is not None and parsed.result is not None


def _read_result(code: str | None, ctx: Context) -> _Result | None:
    """The result of a cell or list segment; None when it holds nothing at all."""
    if code is None:
        return None
    wikicode = read_without_refs(code, ctx)
    for t in wikicode.filter_templates(recursive=False):
        name = template_name(t)
        if name in RESULT_TEMPLATES or name in TEXT_RESULT_TEMPLATES:
            rest = str(wikicode).replace(str(t), " ", 1)
            return _result_of_template(t, name, _notes_text(rest, ctx), ctx)
    text, notes = _strip_notes(str(wikicode), ctx)
    text = text.split("\n")[0].strip()
    if not text:
        unknown = [
            template_name(t)
            for t in wikicode.filter_templates(recursive=False)
            if template_name(t) not in SILENT and not template_name(t).startswith("cite")
        ]
        return _Result(None, unknown=f"{{{{{unknown[0]}}}}}") if unknown else None
    found = _result_from_text(text)
    if found is None:
        return _Result(None, unknown=text)
    return _Result(found[0], found[1], "; ".join(notes) or None)


def _result_of_template(t: Template, name: str, note: str | None, ctx: Context) -> _Result:
    if name in RESULT_TEMPLATES:
        result, placement = RESULT_TEMPLATES[name]
        place = named(t, "place")
        if place:
            found = _result_from_text(render(place, ctx), bare_ordinal=True)
            placement = found[1] if found else placement
        # The shown text replaces the template's word: {{won|1st place}}, {{nom|Runner-up}}.
        # A text that is a result decides; any other text is a note ({{won|Special Jury}}).
        args = positional(t)
        shown = render(named(t, "text") or (args[0] if args else ""), ctx)
        found = _result_from_text(shown, bare_ordinal=True) if shown else None
        if found is not None and not place:
            result, placement = found
        elif shown and found is None:
            note = "; ".join(n for n in (_unparen(shown), note) if n) or None
        return _Result(result, placement, note)
    text = TEMPLATES[name](t, ctx) if name in TEMPLATES else ""
    found = _result_from_text(text, bare_ordinal=True) if text else None
    if found is None:
        return _Result(None, unknown=text or f"{{{{{name}}}}}")
    return _Result(found[0], found[1], note)


# =============================================================================================
# Top-level splitting (outside templates, links and refs)
# =============================================================================================


def _split_top(code: str, pattern: str) -> list[str]:
    """``code`` split on ``pattern`` where it occurs outside templates, links and refs."""
    masked = mask(code)
    pieces, start = [], 0
    for m in re.finditer(pattern, masked):
        pieces.append(code[start : m.start()])
        start = m.end()
    pieces.append(code[start:])
    return pieces


def _pull_top(code: str, pattern: str) -> tuple[str, list[str]]:
    """Remove the top-level matches of ``pattern`` (group 1 kept) from ``code``."""
    masked = mask(code)
    found, out, start = [], [], 0
    for m in re.finditer(pattern, masked):
        out.append(code[start : m.start()])
        found.append(code[m.start(1) : m.end(1)])
        start = m.end()
    out.append(code[start:])
    return " ".join(out), found


# =============================================================================================
# Text helpers
# =============================================================================================

_NOTE_TEMPLATES = {"small", "smaller", "efn", "notetag", "refn", "sup"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _unparen(text: str) -> str:
    text = _clean(text)
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def _strip_notes(code: str, ctx: Context) -> tuple[str, list[str]]:
    """Rendered text without its notes (``{{small}}``, ``<small>``, parenthesised text), and
    the notes. Line breaks are kept."""
    code, notes = _pull_small(code, ctx)
    code, parens = _pull_top(code, r"\s*\(([^()\n]*)\)")
    notes += [n for n in (_unparen(render(p, ctx)) for p in parens) if n]
    return render(code, ctx), notes


def _notes_text(code: str, ctx: Context) -> str | None:
    text, notes = _strip_notes(code, ctx)
    notes = ([_unparen(text)] if _unparen(text) else []) + notes
    return "; ".join(notes) or None


def _pull_small(code: str, ctx: Context) -> tuple[str, list[str]]:
    """``{{small|...}}`` and ``<small>...</small>`` taken out of ``code`` as notes."""
    wikicode = parse(code, ctx)
    notes, kept = [], []
    for node in wikicode.nodes:
        is_note = (isinstance(node, Template) and template_name(node) in _NOTE_TEMPLATES) or (
            isinstance(node, Tag) and str(node.tag).lower() in ("small", "sup")
        )
        if is_note:
            text = _unparen(render(node, ctx))
            if text:
                notes.append(text)
        else:
            kept.append(str(node))
    return "".join(kept), notes


def _norm_title(text: str) -> str:
    """A title compared without case, accents, punctuation, spaces or a leading article."""
    return normalise_title(text.replace("''", "")).replace(" ", "")


def _film_names(film_title: str) -> set[str]:
    bare = re.sub(r"\s*\([^()]*\)$", "", film_title.strip())
    return {_norm_title(film_title), _norm_title(bare)} | {"film", "movie"}


def _first_link(code: str, ctx: Context) -> Wikilink | None:
    for link in parse(code, ctx).filter_wikilinks():
        target = str(link.title).strip().lower()
        if not target.startswith(("file:", "image:", "category:", "media:")):
            return link
    return None


def _first_target(code: str, ctx: Context) -> str | None:
    """The page the code links first: a wikilink, else an interlanguage link's English target
    (``{{ill|Kinema Junpo Best Ten|ja|...}}``)."""
    link = _first_link(code, ctx)
    if link is not None:
        return link_target(link)
    for t in parse(code, ctx).filter_templates():
        if template_name(t) in INTERLANGUAGE_LINKS and positional(t) and positional(t)[0]:
            target = _clean(positional(t)[0].replace("_", " "))
            return target[:1].upper() + target[1:]
    return None


# =============================================================================================
# Award bodies, editions, categories, dates
# =============================================================================================

_YEAR = r"(?:1[89]|20)\d\d"
_AWARDISH = re.compile(
    r"\b(awards?|prizes?|festival|critics|guild|society|association|academy|circle|board|"
    r"oscars?|globes?|bafta|institute|foundation|council|league|union|ceremony|honou?rs?)\b",
    re.I,
)
_AWARD_FOR = re.compile(r"^(.*?\bAwards?)\s+for\s+(.+)$")
_EDITION_LINK = re.compile(rf"^(?:the\s+)?{_ORDINAL}\s+\S|^{_YEAR}\s+\S|\S\s+{_YEAR}$", re.I)


@dataclass
class _Body:
    name: str
    wiki_title: str | None = None
    edition: int | None = None
    year: int | None = None
    date: PartialDate | None = None


_EDITION_PREFIX = re.compile(rf"^(?:the\s+)?{_ORDINAL}\s+(?:annual\s+)?(.+)$", re.I)
_YEAR_PREFIX = re.compile(rf"^(?:the\s+)?({_YEAR})(?:[–/-]\d{{2,4}})?\s+(.+)$", re.I)
_YEAR_SUFFIX = re.compile(rf"^(.+?)[\s,]+\(?({_YEAR})\)?$")


def split_edition(text: str) -> tuple[str, int | None, int | None]:
    """ "68th Academy Awards" -> ("Academy Awards", 68, None); "1996 MTV Movie Awards" and
    "Boston Society of Film Critics Awards 1995" -> (name, None, year)."""
    name, edition, year = _clean(text), None, None
    m = _EDITION_PREFIX.match(name)
    if m:
        edition, name = int(m.group(1)), m.group(2)
    m = _YEAR_PREFIX.match(name)
    if m:
        year, name = int(m.group(1)), m.group(2)
    elif m := _YEAR_SUFFIX.match(name):
        name, year = m.group(1), int(m.group(2))
    return name.strip(" ,:;/–-"), edition, year


def _read_body(code: str, ctx: Context) -> _Body | None:
    code = without_refs(code)
    lines = [ln for ln in render(code, ctx).split("\n") if ln.strip()]
    if not lines:
        return None
    first, date = _trailing_date(lines[0])
    name, edition, year = split_edition(first)
    name = re.sub(r"\s*\[\d+\]$|\s*\([^()]*\)$", "", name).strip(" :;,")  # "(BAFTA)", "[1]"
    if not name:
        return None
    body = _Body(name, None, edition, year, date)
    target = _first_target(code, ctx)
    if target is not None:
        _apply_link(body, target)
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


def _apply_link(body: _Body, target: str) -> None:
    """Body wiki title, edition and year from a link target (an edition page or an anchor)."""
    page, _, anchor = target.partition("#")
    if _AWARD_FOR.match(page):
        return  # "[[Academy Award for Best Actor|Academy Awards]]": a category's page
    title, edition, year = split_edition(page)
    body.wiki_title = title or page
    body.edition = body.edition or edition
    body.year = body.year or year
    if anchor:
        _, a_edition, _ = split_edition(anchor)
        a_year = re.search(rf"\b({_YEAR})\b", anchor)
        body.edition = body.edition or a_edition
        body.year = body.year or (int(a_year.group(1)) if a_year else None)


def _edition_from_links(code: str | None, ctx: Context) -> int | None:
    for link in parse(code or "", ctx).filter_wikilinks():
        _, edition, _ = split_edition(link_target(link).partition("#")[0])
        if edition:
            return edition
    return None


def _edition_of(code: str | None, ctx: Context) -> int | None:
    """The edition a ceremony cell names: "[[92nd Academy Awards|92nd]]", "92nd", "92nd
    Academy Awards"."""
    if not code:
        return None
    m = re.match(rf"\s*{_ORDINAL}\b", render(code, ctx))
    return _edition_from_links(code, ctx) or (int(m.group(1)) if m else None)


def _body_from_category(code: str, ctx: Context) -> _Body | None:
    """ "[[Academy Award for Best Actor|...]]" -> body "Academy Awards" (no wiki title: the
    body's page name is not known from a category link)."""
    link = _first_link(code, ctx)
    # The displayed text first ("[[Critics' Choice Movie Award for ...|Critics' Choice Award
    # for ...]]" is shown as the Critics' Choice Awards), then the link target.
    texts = [render(code, ctx)] + ([link_target(link)] if link is not None else [])
    for text in texts:
        m = _AWARD_FOR.match(_clean(text))
        if m:
            name = m.group(1)
            name, edition, year = split_edition(name + ("s" if name.endswith("Award") else ""))
            return _Body(name, None, edition, year)
    return None


def _read_category(code: str, ctx: Context, body_from_it: bool) -> tuple[str, str | None, list[str]]:
    """Category as displayed, its link target, and notes (a quoted song title)."""
    code = without_refs(code)
    text, notes = _pull_small(code, ctx)
    text = _clean(render(text, ctx))
    works = re.findall(r"[\"“]([^\"”]+)[\"”]", text)
    text = re.sub(r"\s*(?:\bfor\b|[–—:-])?\s*[\"“][^\"”]+[\"”]", "", text).strip(" ,;:–—-")
    link = _first_link(code, ctx)
    title = link_target(link) if link is not None else None
    if body_from_it:
        m = _AWARD_FOR.match(text)
        linked = _AWARD_FOR.match(title or "")
        if m:
            text = m.group(2)
        elif linked and _body_key(text) == _body_key(linked.group(1)):
            text = linked.group(2)  # "[[Golden Globe Award for Best Actor|Golden Globe Award]]"
    if body_from_it and title and not _AWARD_FOR.match(title):
        title = None  # "[[Golden Globe Award]] for Best Actor": the link is the body's
    return text, title, works + notes


def _year_of(code: str | None, ctx: Context) -> int | None:
    m = re.search(rf"\b({_YEAR})\b", render(code or "", ctx))
    return int(m.group(1)) if m else None


# =============================================================================================
# Recipients
# =============================================================================================


@dataclass
class _Recipient:
    shown: str
    persons: list[Name]
    notes: list[str]
    is_film: bool


_ROLE_WORDS = r"(?:music|lyrics|words|written|performed|composed|sung|produced|screenplay|story)"
_CONNECTOR = re.compile(rf"^[\s–—:,-]*(?:(?:{_ROLE_WORDS}(?:\s+(?:and|&)\s+\w+)?\s+)?by\b)?[\s–—:,-]*", re.I)
# The same role further in the cell ("Music by [[A]]; Lyrics by [[B]]").
_INNER_CONNECTOR = rf"(?i)(?<=[\n;,])(\s*{_ROLE_WORDS}(?:\s+(?:and|&)\s+\w+)?\s+by)\s"
_SUFFIXES = re.compile(r"^(?:jr|sr|ii|iii|iv|inc|ltd)\.?$", re.I)


def _read_recipient(code: str | None, film: set[str], ctx: Context) -> _Recipient:
    if code is None or not render(code, ctx).strip():
        return _Recipient("", [], [], True)
    code = _expand_lines(without_refs(code), ctx)
    code, notes = _pull_small(code, ctx)
    code, parens = _pull_top(code, r"\s*\(([^()\n]*)\)")
    notes += [n for n in (_unparen(render(p, ctx)) for p in parens) if n]
    # A quoted work, with the "for" tying it to the name before ("[[Singer]] for "Song"").
    code, works = _pull_top(code, r"(?:\s+for)?\s*[\"“]([^\"”\n]+)[\"”]")
    works = [_clean(render(w, ctx)) for w in works]
    code, characters = _pull_top(code, r"\s+as\s+([^\n,;&]+?)(?=\s+and\s+|\s*[\n,;&]|\s*$)")
    notes += [f"as {_clean(render(c, ctx))}" for c in characters]
    code = _CONNECTOR.sub("", code)
    code, _ = _pull_top(code, _INNER_CONNECTOR)
    persons = []
    for item in _split_top(code, r"\n|,|;|&(?![#\w]+;)|\band\b"):
        kind, name = _item(item, film, ctx)
        if kind != "person" or name is None:
            continue
        if persons and _SUFFIXES.match(name.name):
            persons[-1] = Name(f"{persons[-1].name}, {name.name}", persons[-1].wiki_title)
        else:
            persons.append(name)
    shown = _shown(code, ctx)
    shown = "" if _NOBODY.match(shown) else shown
    is_film = not persons and (not works and not shown or _norm_title(shown) in film)
    if not shown:  # the entry names only a work ("Song"): that work is the recipient
        return _Recipient("; ".join(works), [], notes, is_film)
    return _Recipient(shown, persons, notes + works, is_film)


def _expand_lines(code: str, ctx: Context) -> str:
    """List templates and ``<br>`` as line breaks."""
    out = []
    for node in parse(code, ctx).nodes:
        if isinstance(node, Template) and template_name(node) in LIST_TEMPLATES:
            out.append("\n" + "\n".join(list_template_items(node)) + "\n")
        elif isinstance(node, Tag) and str(node.tag).lower() == "br":
            out.append("\n")
        else:
            out.append(str(node))
    return "".join(out)


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
    if _norm_title(name.name) in film:
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
    return _clean(text)


# =============================================================================================
# Entries: what a table row or list item says, before interpretation
# =============================================================================================


@dataclass
class _Raw:
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
class _Env:
    film: set[str]
    film_title: str
    ctx: Context
    out: AccoladesResult
    context_bodies: dict[str, _Body] = field(default_factory=dict)
    heading_year: int | None = None  # from a year sub-heading ("===2019===")


def _add(raw: _Raw, env: _Env) -> None:
    env.out.rows_seen += 1
    raw.context_year = raw.context_year or env.heading_year
    built = _build(raw, env)
    if isinstance(built, str):
        env.out.skipped[built] += 1
    else:
        env.out.nominations.append(built)


def _build(raw: _Raw, env: _Env) -> Nomination | str:
    """A Nomination, or the reason the entry is skipped."""
    ctx = env.ctx
    if raw.not_an_accolade:
        return raw.not_an_accolade
    result = _read_result(raw.result, ctx)
    if result is None:
        return "no result"
    if result.result is None:
        env.out.unknown_results[result.unknown] += 1
        return "unknown result"
    body = _read_body(raw.body, ctx) if raw.body and not raw.body_in_category else None
    from_category = (
        body is None
        and raw.category is not None
        and (body := _body_from_category(raw.category, ctx)) is not None
    )
    if body is None and raw.fallback_body:
        body = _read_body(raw.fallback_body, ctx)
    if body is None:
        return "no award body"
    category, category_title, category_notes = _read_category(raw.category or "", ctx, from_category)
    if not category:
        return "no category"
    recipient = _read_recipient(None if raw.film_is_recipient else raw.recipient, env.film, ctx)
    return _nomination(raw, body, result, (category, category_title, category_notes), recipient, env)


def _nomination(
    raw: _Raw, body: _Body, result: _Result, category: tuple, recipient: _Recipient, env: _Env
) -> Nomination:
    ctx = env.ctx
    date = parse_date(render(raw.date, ctx)) if raw.date else None
    date = date or body.date or (parse_date(render(raw.ceremony, ctx)) if raw.ceremony else None)
    year = (
        (date.year if date else None)
        or _year_of(raw.year, ctx)
        or _year_of(raw.date, ctx)
        or _year_of(raw.ceremony, ctx)
        or body.year
        or raw.context_year
    )
    body.edition = (
        body.edition
        or _edition_from_links(raw.date, ctx)
        or _edition_from_links(raw.year, ctx)
        or _edition_of(raw.ceremony, ctx)
    )
    _fill_from_context(body, env, dated=year is not None)
    year = year or body.year
    notes = recipient.notes + category[2] + ([result.note] if result.note else [])
    if raw.note and render(raw.note, ctx):
        notes.append(_clean(render(raw.note, ctx)))
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


def _fill_from_context(body: _Body, env: _Env, dated: bool) -> None:
    """Wiki title, and edition for an entry that names no edition nor year, from the section's
    prose ("... at the [[49th Academy Awards]]")."""
    known = env.context_bodies.get(_body_key(body.name))
    if known is None:
        return
    body.wiki_title = body.wiki_title or known.wiki_title
    if body.edition is None and not dated:
        body.edition, body.year = known.edition, known.year


def _body_key(name: str) -> str:
    return re.sub(r"s$", "", _norm_title(name))


def _context_bodies(lines: list[str], ctx: Context) -> dict[str, _Body]:
    """Bodies linked from a section's prose, by name: wiki title, and the edition or year when
    the prose names only one."""
    found: dict[str, _Body] = {}
    editions: dict[str, set] = {}
    for line in lines:
        for link in parse(line, ctx).filter_wikilinks():
            body = _Body("")
            _apply_link(body, link_target(link))
            key = _body_key(body.wiki_title or "")
            found.setdefault(key, _Body(body.wiki_title or "", body.wiki_title))
            if body.edition or body.year:
                editions.setdefault(key, set()).add((body.edition, body.year))
    for key, seen in editions.items():
        if len(seen) == 1:
            found[key].edition, found[key].year = next(iter(seen))
    return found


# =============================================================================================
# The article: sections, tables and loose lines
# =============================================================================================

_HEADING = re.compile(r"^(={1,6})(.+?)\1\s*$")
_ACCOLADE_HEADING = re.compile(r"\b(accolades?|awards?|honou?rs?|nominations?|recognition|prizes?)\b", re.I)
# Words of headings and labels that group bodies without naming one ("Critics' awards",
# "Guild awards", "Industry awards", "Festival awards", "Honorary awards").
_GENERIC_WORDS = re.compile(
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


def _sections(text: str, ctx: Context) -> list[_Section]:
    """The article cut at its headings; each section holds its own lines and tables only."""
    stack: list[tuple[int, str]] = []
    sections = [_Section([])]
    for block in blocks(text):
        heading = _HEADING.match(block.masked.strip()) if isinstance(block, Line) else None
        if heading and isinstance(block, Line):
            level = len(heading.group(1))
            title = block.text.strip()[level : len(block.text.strip()) - level]
            stack = [h for h in stack if h[0] < level] + [(level, render(title, quiet(ctx)))]
            sections.append(_Section([t for _, t in stack]))
        else:
            sections[-1].items.append(block)
    return sections


def _is_accolade_path(path: list[str]) -> bool:
    return any(_ACCOLADE_HEADING.search(title) for title in path)


def _is_generic(text: str, ctx: Context) -> bool:
    """A heading or label naming no body ("Accolades", "Awards and nominations")."""
    return not re.search(r"\w", _GENERIC_WORDS.sub(" ", render(text, quiet(ctx))))


def _is_body_name(text: str, ctx: Context, strict: bool = False) -> bool:
    """An award body's name ("Academy Awards", "Saturn Awards"), not a generic label. Strict:
    an award-like word besides the generic ones is needed ("Academy Awards", not "Box office
    and awards")."""
    if _is_generic(text, ctx):
        return False
    rendered = render(text, quiet(ctx))
    return bool(_AWARDISH.search(_GENERIC_WORDS.sub(" ", rendered) if strict else rendered))


def _heading_headers(path: list[str], ctx: Context) -> tuple[str | None, str | None]:
    """(body, result) named by the first accolade-like heading (strictly) or the headings
    below it ("==Accolades== / ===Academy Awards===", "===Wins===")."""
    body = result = None
    inside = False
    for title in path:
        first = not inside and bool(_ACCOLADE_HEADING.search(title))
        inside = inside or first
        if not inside:
            continue
        if _header_result(title, ctx):
            result = _header_result(title, ctx)
        elif _is_body_name(title, ctx, strict=first):
            body = title
    return body, result


def _header_result(text: str, ctx: Context) -> str | None:
    """The result a group label says ("Wins", "Nominated (3)", "12 nominations"), as the
    label without its count; None when the label is no result."""
    label = _clean(re.sub(r"\s*[(\[]\d+[)\]]\s*$|^\d+\s+", "", render(without_refs(text), quiet(ctx))))
    return label if label and _result_from_text(label) is not None else None


def _heading_year(path: list[str], ctx: Context) -> int | None:
    """The year of a heading at or below the first accolade-like heading ("===2019===",
    "===2019 awards==="): the ceremony year of entries that name none. A season ("2019–20")
    is ambiguous and gives none."""
    inside = False
    year = None
    for title in path:
        inside = inside or bool(_ACCOLADE_HEADING.search(title))
        rest = _clean(_GENERIC_WORDS.sub(" ", render(title, quiet(ctx))))
        if inside and re.fullmatch(_YEAR, rest):
            year = int(rest)
    return year


# =============================================================================================
# Tables (read and laid out by ``etl.lib.wiki.wikitable``): rows, columns and their roles
# =============================================================================================


def _row_kinds(grid: list[Row], ctx: Context) -> list[str]:
    """Kind of each row; a first row of plain cells that only name columns (bold "Award",
    "Result") is the header."""
    kinds = [row.kind for row in grid]
    for i, row in enumerate(grid):  # "! [[Academy Awards]] || Best Actor || ... || {{won}}"
        if kinds[i] == "header" and _holds_an_entry(row, ctx):
            kinds[i] = "data"
    first = next((i for i, kind in enumerate(kinds) if kind != "title"), None)
    if first is not None and kinds[first] == "data":
        texts = [render(c.text, quiet(ctx)) for c in grid[first].cells]
        if len(texts) >= 2 and all(t and _header_role(t) for t in texts):
            kinds[first] = "header"
    return kinds


def _holds_an_entry(row: Row, ctx: Context) -> bool:
    """A row of header cells that is an entry: it holds a result template, or a result word
    beside a link (a column name such as "Nomination" alone is no entry)."""
    results = [c for c in row.cells if _looks_like_result(c.text, ctx)]
    names = {template_name(t) for c in results for t in parse(c.text, ctx).filter_templates(recursive=False)}
    templated = bool(names & (set(RESULT_TEMPLATES) | TEXT_RESULT_TEMPLATES))
    return templated or (bool(results) and any(_first_link(c.text, ctx) is not None for c in row.cells))


# Column roles ------------------------------------------------------------------------------

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
    t = _clean(re.sub(r"[^\w\s]", " ", t))
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


def _share(rows: list[Row], col: int, test, ctx: Context) -> float:
    cells = _column_cells(rows, col)
    return sum(1 for c in cells if test(c.text, ctx)) / len(cells) if cells else 0.0


def _is_edition_cell(code: str, ctx: Context) -> bool:
    """The cell links an edition page ("[[68th Academy Awards|...]]")."""
    link = _first_link(code, ctx)
    return link is not None and bool(_EDITION_LINK.search(link_target(link).partition("#")[0]))


def _is_award_cell(code: str, ctx: Context) -> bool:
    return _is_edition_cell(code, ctx) or bool(_AWARDISH.search(render(code, quiet(ctx))))


def _is_category_cell(code: str, ctx: Context) -> bool:
    return bool(_CATEGORY_START.match(_clean(render(code, quiet(ctx))))) and not _is_award_for_cell(code, ctx)


def _is_year_cell(code: str, ctx: Context) -> bool:
    return bool(re.fullmatch(rf"{_YEAR}(?:\s*[–/-]\s*\d{{2,4}})?", render(code, quiet(ctx)).strip()))


def _is_award_for_cell(code: str, ctx: Context) -> bool:
    link = _first_link(code, ctx)
    texts = ([link_target(link)] if link is not None else []) + [render(code, quiet(ctx))]
    return any(_AWARD_FOR.match(_clean(t)) for t in texts)


class _Roles(dict):
    """Column index by role ("award", "category", "recipient", "result", "year", ...)."""

    def assign(self, role: str, col: int) -> None:
        for other in [r for r, c in self.items() if c == col]:
            del self[other]
        self[role] = col

    def free(self, width: int) -> list[int]:
        return [c for c in range(width) if c not in self.values()]


def _roles(named: dict[str, int], rows: list[Row], width: int, ctx: Context) -> dict[str, int]:
    """Column roles from the header, corrected and completed by the cells' content: the
    column holding results is the result column; a column linking edition pages is the award
    column; without a header, a column of years is the year column and the others are
    category and recipient, in this order."""
    roles = _Roles(named)
    shares = {c: _share(rows, c, _looks_like_result, ctx) for c in range(width)}
    best = max(shares, key=lambda c: shares[c], default=None)
    if best is not None and shares[best] >= 0.5 and shares.get(roles.get("result", -1), 0) < 0.5:
        roles.assign("result", best)
    if not named:
        years = [c for c in roles.free(width) if _share(rows, c, _is_year_cell, ctx) >= 0.5]
        if years:
            roles.assign("year", years[0])
    _award_by_content(roles, rows, width, ctx, bool(named))
    if not named:
        filled = [c for c in roles.free(width) if _column_cells(rows, c)]
        # An award column of "[[X Award for Y]]" links names the category too: the other
        # column is the recipient ({{Awards table}}: Year / Nominee / work / Award / Result).
        award_for = "award" in roles and _share(rows, roles["award"], _is_award_for_cell, ctx) >= 0.5
        for role, col in zip(("recipient",) if award_for else ("category", "recipient"), filled):
            roles[role] = col
    return dict(roles)


def _award_by_content(roles: _Roles, rows: list[Row], width: int, ctx: Context, named: bool = True) -> None:
    """The award column when the header names none, or names a column that holds no body
    while another links edition pages."""
    award = roles.get("award")
    if award is not None and _share(rows, award, _is_award_cell, ctx) >= 0.5:
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
        and _share(rows, award, _is_category_cell, ctx) >= 0.5
        and _share(rows, category, _is_award_cell, ctx) >= 0.5
        and _share(rows, category, _is_award_for_cell, ctx) < 0.5
    ):
        roles["award"], roles["category"] = category, award
        return
    others = [
        c
        for c in range(width)
        if c != award and roles.get("result") != c and c not in (roles.get("year"), roles.get("date"))
    ]
    editions = [c for c in others if _share(rows, c, _is_edition_cell, ctx) >= 0.5]
    if editions:
        if award is not None:
            role_there = next((r for r, c in roles.items() if c == editions[0]), None)
            if role_there:
                roles[role_there] = award
        roles["award"] = editions[0]
    elif award is None:
        awardish = [c for c in roles.free(width) if _share(rows, c, _is_award_cell, ctx) >= 0.5]
        if awardish:
            roles.assign("award", awardish[0])
        elif not named:  # "[[Academy Award for Best Actor|Best Actor]]": category and body
            award_for = [c for c in roles.free(width) if _share(rows, c, _is_award_for_cell, ctx) >= 0.5]
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


def _read_table(
    table: Table, accolade: bool, heading_body: str | None, heading_result: str | None, env: _Env
) -> None:
    grid = table.rows
    kinds = _row_kinds(grid, env.ctx)
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
            _add(_row_raw(row, state, env.ctx), env)


def _caption_body(caption: str | None, ctx: Context) -> str | None:
    """A table caption naming an award body (``|+ [[Academy Awards]]``), else None.
    ("Awards received by ''Film''" names none.)"""
    if not caption or not caption.strip():
        return None
    if _is_body_name(caption, ctx, strict=True):
        return caption
    link = _first_link(caption, ctx)
    if link is None:
        return None
    rest = _clean(render(caption, quiet(ctx)).replace(render(link, quiet(ctx)), " "))
    if _is_body_name(str(link), ctx) and not _GENERIC_WORDS.sub("", re.sub(rf"{_YEAR}|[^\w]", "", rest)):
        return caption
    return None


def _table_state(
    grid: list[Row], kinds: list[str], start: int, accolade: bool, captioned: bool, env: _Env
) -> _TableState | None:
    """Roles of the columns for the rows from ``start`` to the next header row; None when the
    table is not an accolades table. A caption naming the body stands for an award column."""
    named = _header_roles(grid[start], env.ctx) if kinds[start] == "header" else {}
    by_header = ("award" in named or captioned) and ("category" in named or "result" in named)
    if not (by_header or accolade):
        return None
    end = next((j for j in range(start + 1, len(grid)) if kinds[j] == "header"), len(grid))
    rows = [grid[j] for j in range(start, end) if kinds[j] == "data"]
    roles = _roles(named, rows, len(grid[start].slots), env.ctx)
    if not (by_header or "result" in roles):
        return None
    award_is_category = (
        "award" in roles
        and "category" not in roles
        and _share(rows, roles["award"], _is_award_for_cell, env.ctx) >= 0.5
    )
    return _TableState(roles, award_is_category)


def _title_row(code: str, state: _TableState | None, context: _TableContext, ctx: Context) -> None:
    """A title row (``! colspan=5 | 1996``, ``2006 (78th)``): its year; a result ("Won") for
    a table without result column; or the body of the rows below it when the table has no
    award column. A title row above the header row counts for the rows below the header."""
    text = render(code, ctx)
    year = re.fullmatch(rf"\s*({_YEAR})\s*(?:\([^()]*\))?\s*", text)
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
    if _header_result(code, ctx):
        context.result = _header_result(code, ctx)
        if state is not None:
            state.result = context.result
        return
    if not _is_generic(code, ctx) and (
        state is None or "award" not in state.roles or state.award_is_category
    ):
        context.fallback = code
        if state is not None:
            state.fallback_body = code
            state.last_body = None


def _row_raw(row: Row, state: _TableState, ctx: Context) -> _Raw:
    def cell(role: str) -> Cell | None:
        col = state.roles.get(role)
        return row.slots[col] if col is not None and col < len(row.slots) else None

    def text(c: Cell | None) -> str | None:
        return c.text if c is not None else None

    body, category, recipient = cell("award"), cell("category"), cell("recipient")
    if state.award_is_category:
        body, category = None, body
    raw = _Raw(
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


def _merge_qualifiers(segments: list[str], ctx: Context) -> list[str]:
    """Dash-separated segments with the qualifiers after the first joined to it."""
    segments = list(segments)
    # "Popularity Award - Most Popular Film": an award's name, then its category (a segment
    # opening with "Best", "Most", ...) -- one category, not a category and its recipient.
    if (
        len(segments) > 1
        and _AWARD_NAME.search(_clean(render(segments[0], quiet(ctx))))
        and _CATEGORY_START.match(_clean(render(segments[1], quiet(ctx))))
        and not _CATEGORY_START.match(_clean(render(segments[0], quiet(ctx))))
    ):
        segments[0:2] = [f"{segments[0].rstrip()} – {segments[1].lstrip()}"]
    while len(segments) > 1:
        bare, _ = _pull_top(segments[1], r"\s*\(([^()\n]*)\)\s*$")
        if _first_link(bare, ctx) is not None or not _QUALIFIER.match(_clean(render(bare, quiet(ctx)))):
            break
        segments[0:2] = [f"{segments[0].rstrip()} – {segments[1].lstrip()}"]
    return segments


_AWARD_NAME = re.compile(r"(?i)\b(?:award|prize|trophy|medal)\b")
_CATEGORY_START = re.compile(r"(?:Best|Most|Outstanding|Favou?rite|Excellence|Top)\b")


def _recipient_in_category(code: str, ctx: Context) -> tuple[str, str | None]:
    """A table without a recipient column may name the recipient with the category:
    "Best Actress – [[Frances McDormand]]" or "Best Actress ([[Frances McDormand]])". Only a
    linked name is taken as a recipient ("Best Motion Picture – Drama" stays whole)."""
    segments = _merge_qualifiers(_split_top(code, _DASH), ctx)
    rest = " – ".join(segments[1:])
    if len(segments) > 1 and _first_link(rest, ctx) is not None:
        return segments[0], rest
    category, found = _pull_top(code, r"\s*\(([^()\n]+)\)\s*$")
    if found and _first_link(found[0], ctx) is not None:
        return category, found[0]
    return code, None


# =============================================================================================
# Bullet lists
# =============================================================================================

_BULLET = re.compile(r"^([*#:]+)\s*(.*)$", re.S)
_DASH = r"\s+[–—−-]{1,2}\s+|\s*—\s*"
_DASH_TEMPLATES = re.compile(
    r"\{\{\s*(snd|spnd|spaced ndash|spaced en dash|ndash|en dash|mdash|spaced mdash|em dash|"
    r"dash|–|—)\s*\}\}",
    re.I,
)


@dataclass
class _Header:
    depth: int
    kind: str  # "body", "result" or "category"
    code: str


# A section titled only "Awards" (or "Awards won", "Prizes", "Honours") lists what the film
# won: its list entries that state no result of their own are wins. Under "Accolades",
# "Awards and nominations" and the like they are skipped ("no result"), never guessed.
_WINS_HEADING = re.compile(r"^\s*(?:awards?(?: won)?|prizes?|honou?rs?)\s*$", re.I)


def _read_lists(items: list, heading_body: str | None, heading_result: str | None, env: _Env) -> None:
    base = [_Header(-1, "body", heading_body)] if heading_body else []
    base += [_Header(-1, "result", heading_result)] if heading_result else []
    stack = list(base)
    lines = [item if isinstance(item, Line) else None for item in items]
    for i, line in enumerate(lines):
        if line is None:
            stack = list(base)
            continue
        text = line.text.strip()
        bullet = _BULLET.match(text)
        if not text:
            continue
        if bullet is None:
            headers = _line_headers(text, env.ctx)
            if headers:
                stack = base + headers
            elif render(text, env.ctx):  # prose ends the list; layout templates do not
                stack = list(base)
                for raw in _prose_entries(text, env.film, env.ctx):
                    _add(raw, env)
            continue
        depth, content = len(bullet.group(1)), bullet.group(2)
        stack = [h for h in stack if h.depth < depth]
        if _has_children(lines, i, depth) and _heads_a_group(content, env.ctx):
            stack.append(_bullet_header(depth, content, env.ctx))
            continue
        raw = _bullet_raw(content, stack, env.ctx, env.film)
        if raw is not None:
            _add(raw, env)


_LABEL_SMALL_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "in",
    "at",
    "de",
    "du",
    "la",
    "le",
    "des",
    "del",
    "di",
    "da",
    "on",
    "a",
    "an",
    "by",
    "to",
    "&",
    "y",
    "et",
    "und",
}


def _line_headers(text: str, ctx: Context) -> list[_Header]:
    """A bold line, a ``;`` line or a short "Name:" line heading the bullets below it (a body,
    a result or a year); or a sentence introducing them ("At the [[68th Academy Awards]], the
    film received the following nominations:"): the body it links and the result it says."""
    text = without_refs(text).strip()  # a ref may run over several lines
    m = re.fullmatch(r";\s*(.+)", text) or re.fullmatch(r"'''((?:(?!''').)+)'''\s*:?", text)
    if m is None:
        m = re.fullmatch(r"([^.!?]{1,200}):", text)
        if m is None:
            return []
        if _is_sentence(m.group(1), ctx):
            return _sentence_headers(m.group(1), ctx)
        if len(m.group(1)) > 80 or not (_is_body_name(m.group(1), ctx) or _header_result(m.group(1), ctx)):
            return []
    code = m.group(1).strip()
    if _is_year_cell(code, ctx):
        return [_Header(0, "year", code)]
    if _is_generic(code, ctx) and not _header_result(code, ctx):
        return []
    label = _header_result(code, ctx)
    return [_Header(0, "result", label) if label else _Header(0, "body", code)]


def _is_sentence(code: str, ctx: Context) -> bool:
    """Prose rather than a name: a lower-case word other than "of", "the", "and", ..."""
    words = re.findall(r"[^\W\d_][\w'’-]*", render(code, quiet(ctx)))
    return any(w[0].islower() and w not in _LABEL_SMALL_WORDS for w in words)


def _sentence_headers(code: str, ctx: Context) -> list[_Header]:
    text = render(code, quiet(ctx)).lower()
    won = re.search(r"\b(won|wins?|winning|received the following awards)\b", text)
    nominated = re.search(r"\bnominat", text)
    headers = []
    for link in parse(code, ctx).filter_wikilinks():
        if _is_body_name(str(link), ctx) and not _is_award_for_cell(str(link), ctx):
            headers.append(_Header(0, "body", str(link)))
            break
    if bool(won) != bool(nominated):
        headers.append(_Header(0, "result", "Won" if won else "Nominated"))
    return headers


def _sentence_body(text: str, ctx: Context) -> str | None:
    """The body a prose line introducing a table links, when it links exactly one (an award
    body, not an "[[X Award for Y]]" category): "The film received the following honours at
    the [[12th Tamil Nadu State Film Awards]]:". None for other lines."""
    if not _is_sentence(text, ctx) or _BULLET.match(text.strip()):
        return None
    bodies = [
        str(link)
        for link in parse(without_refs(text), ctx).filter_wikilinks()
        if _is_body_name(str(link), ctx) and not _is_award_for_cell(str(link), ctx)
    ]
    return bodies[0] if len(bodies) == 1 else None


def _has_children(lines: list, i: int, depth: int) -> bool:
    for line in lines[i + 1 :]:
        if line is None:
            return False
        if not line.text.strip():
            continue
        bullet = _BULLET.match(line.text.strip())
        return bullet is not None and len(bullet.group(1)) > depth
    return False


def _heads_a_group(content: str, ctx: Context) -> bool:
    """A parent bullet heads its children ("* Golden Globe Awards", "** Won") unless it is an
    entry itself: a category with its result."""
    segments, result = _bullet_parts(content, ctx)
    return result is None or not segments


def _bullet_header(depth: int, content: str, ctx: Context) -> _Header:
    if result := _header_result(content, ctx):
        return _Header(depth, "result", result)
    if _is_year_cell(content, ctx):
        return _Header(depth, "year", content)
    return _Header(depth, "body" if _is_body_name(content, ctx) else "category", content)


def _bullet_parts(content: str, ctx: Context) -> tuple[list[str], str | None]:
    """The entry's dash-separated segments and its result (template, last segment, trailing
    "(won)", or a leading "'''Won'''" / "Won:")."""
    code = _DASH_TEMPLATES.sub(" – ", without_refs(content))
    code = code.replace("&nbsp;", " ").replace("&ndash;", "–").replace("&mdash;", "—")
    for t in parse(code, ctx).filter_templates(recursive=False):
        if template_name(t) in RESULT_TEMPLATES or template_name(t) in TEXT_RESULT_TEMPLATES:
            rest = code.replace(str(t), " ", 1)
            return [s for s in _split_top(rest, _DASH) if s.strip(" :,")], str(t)
    segments = [s for s in _split_top(code, _DASH) if s.strip()]
    if not segments:
        return [], None
    if _looks_like_result(segments[-1], ctx) and len(segments) > 1:
        return segments[:-1], segments[-1]
    rest, found = _pull_top(segments[-1], r"\s*\(([^()\n]*)\)\s*$")
    if found and _result_from_text(render(found[0], quiet(ctx))):
        return segments[:-1] + [rest], found[0]
    m = re.match(r"^\s*(?:'''(.+?)'''|([^:\[\]{}]+):)\s*(.*)$", segments[0], re.S)
    if m and _looks_like_result(m.group(1) or m.group(2), ctx):
        return [m.group(3)] + segments[1:] if m.group(3).strip() else segments[1:], m.group(1) or m.group(2)
    if _looks_like_result(segments[0], ctx) and len(segments) > 1:
        return segments[1:], segments[0]
    return segments, None


# Rankings, "best of" lists and preservation honours are listed among accolades but are not
# awards: an entry naming one is counted as skipped with the reason, never loaded.
_NOT_ACCOLADES = [
    (
        "preservation honour",
        re.compile(r"(?i)national film registry|film registry|selected for preservation|library of congress"),
    ),
    (
        "ranking or best-of list",
        re.compile(
            r"(?i)\bAFI'?s\b|100 years|\btop\s+(?:\d+|ten|twenty|fifty|hundred)\b|greatest|"
            r"\bbest (?:films|movies|pictures) of\b|critics'? (?:lists?|polls?)|\bpoll\b|"
            r"\branked\b|\branking\b|\blist of the\b|year-end lists?|(?<!\w)#\d+\b"
        ),
    ),
]


def _not_an_accolade(text: str) -> str | None:
    """The reason an entry is no award (see ``_NOT_ACCOLADES``), or None."""
    return next((reason for reason, pattern in _NOT_ACCOLADES if pattern.search(text)), None)


# "The film won the [[Golden Bear]] at the [[69th Berlin International Film Festival]]",
# "[[Name]] was nominated for the [[Academy Award for Best Actor]]": a sentence as an entry.
# The verb gives the result, the object the category, "at / from / by the X" the body, and a
# subject other than the film ("The film", "It", its title) the recipient.
_COUNT_START = re.compile(
    r"(?i)^(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|several|many|numerous|multiple)\b"
)
_SENTENCE_ENTRY = re.compile(
    r"^(?P<subject>.*?)\s*\b(?:(?P<won>won|received|was awarded|were awarded|took home)|"
    r"(?P<nom>(?:was|were) nominated for|received a nomination for|earned a nomination for))\s+"
    r"(?:the\s+|an?\s+)?(?P<object>.+?)(?:\s+(?:at|from|by|in)\s+(?:the\s+)?(?P<body>.+?))?\s*[.;]?\s*$",
    re.S,
)


def _sentence_raw(content: str, film: typing.AbstractSet[str], ctx: Context) -> _Raw | None:
    """An entry written as a sentence (see ``_SENTENCE_ENTRY``); None for other sentences."""
    code = without_refs(content).strip()
    m = _SENTENCE_ENTRY.match(code)
    if m is None or not m.group("object").strip():
        return None
    obj = m.group("object").strip()
    if _COUNT_START.match(render(obj, quiet(ctx))):
        return None  # "nominated for four [[Golden Globe Awards]], including ...": a summary
    body = (m.group("body") or "").strip()
    # "the Asia Star award presented by [[Marie Claire]] at the [[Busan International Film
    # Festival]] 2019": "at" names the body where the award was given; what came before it is
    # the category with its note.
    at = _split_top(f"{obj} {m.group(0)[m.end('object') :]}".strip(), r"\s+at\s+(?:the\s+)?")
    if len(at) == 2 and _is_body_name(at[1], ctx):
        obj, body = at[0].strip(), at[1].strip().rstrip(". ")
    # "the [[Academy Awards|Academy Award]] for [[Academy Award for Best Score|Best Score]]":
    # the body, then its category.
    pieces = _split_top(obj, r"\s+for\s+")
    if len(pieces) == 2 and _is_body_name(pieces[0], ctx) and not body:
        body, obj = pieces[0], pieces[1]
    raw = _Raw(result="Won" if m.group("won") else "Nominated", category=obj)
    if body and _is_body_name(body, ctx):
        raw.body = body
    elif _is_award_for_cell(obj, ctx):
        raw.body_in_category = True
    elif _is_body_name(obj, ctx) and not body:
        raw.body = obj
    else:
        return None
    subject = m.group("subject").strip()
    subject_text = render(subject, quiet(ctx))
    shown = _norm_title(subject_text)
    if (
        not subject
        or shown in film
        or re.fullmatch(r"(?i)(?:the )?(?:film|movie|picture|it)", subject_text.strip(" '"))
    ):
        raw.film_is_recipient = True
    elif subject_text[:1].isupper() and len(subject_text.split()) <= 5:
        raw.recipient = subject
    else:
        return None  # "the producers were nominated ...": no name to credit
    if _first_link(obj, ctx) is None and len(render(obj, quiet(ctx)).split()) > 12:
        return None  # a clause, not a category
    year = re.search(rf"\b({_YEAR})\b", render(code, quiet(ctx)))
    raw.year = year.group(1) if year else None
    return raw


# Prose of an accolades section: each sentence is cut into clauses ("[[A]] won the [[X Award
# for Y]] and [[B]] was nominated for [[Z]]"; "... and won [[X Award for Y|Y]]" keeps the
# subject before it), and a clause is an entry when ``_sentence_raw`` reads it with a linked
# body or "[[X Award for Y]]" category. Other sentences (summaries with counts, rankings,
# reviews) are prose and not counted.
_SENTENCE_END = r"(?<=[.!?])\s+(?=[A-Z\[']|$)"
_CLAUSE = re.compile(
    r",?\s+and\s+(?=[^,]{0,80}?\b(?:won|received|was nominated|were nominated)\b|"
    r"(?:won|was nominated|were nominated|received)\b)"
)


def _prose_entries(text: str, film: set[str], ctx: Context) -> list[_Raw]:
    out: list[_Raw] = []
    for sentence in _split_top(without_refs(text), _SENTENCE_END):
        subject = None
        for clause in _split_top(sentence.strip(), _CLAUSE.pattern):
            clause = clause.strip()
            if subject and re.match(r"(?:won|received|was|were)\b", clause):
                clause = f"{subject} {clause}"
            m = _SENTENCE_ENTRY.match(clause)
            subject = m.group("subject").strip() if m else subject
            if _not_an_accolade(render(clause, quiet(ctx))):
                continue
            raw = _sentence_raw(clause, film, ctx)
            if raw is None or not (
                raw.body_in_category
                or (raw.body and _first_link(raw.body, ctx))
                or _first_link(raw.category or "", ctx)
            ):
                continue
            # "won the [[X Award for Y]] and the [[Z Award for W]]": one entry each.
            objects = _split_top(raw.category or "", r",?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?")
            if raw.body_in_category and len(objects) > 1 and all(_is_award_for_cell(o, ctx) for o in objects):
                out.extend(replace(raw, category=o.strip()) for o in objects)
            else:
                out.append(raw)
    return out


def _bullet_raw(
    content: str, stack: list[_Header], ctx: Context, film: typing.AbstractSet[str] = frozenset()
) -> _Raw | None:
    # The entry or a group heading it (``* [[AFI's 100 Years...100 Songs]]`` over ``** "Song" – #58``).
    reason = _not_an_accolade(
        " ".join(render(without_refs(c), ctx) for c in [content, *(h.code for h in stack if h.depth >= 0)])
    )
    if reason is not None:
        return _Raw(not_an_accolade=reason)
    if _is_sentence(content, ctx) and (sentence := _sentence_raw(content, film, ctx)) is not None:
        return sentence
    segments, result = _bullet_parts(content, ctx)
    headers = {h.kind: h.code for h in stack}
    result = result or headers.get("result")
    year = None
    for k, segment in enumerate(segments):
        segments[k], years = _pull_top(segment, rf"\s*\(({_YEAR})\)")
        year = year or (years[0] if years else None)
    raw = _Raw(result=result, year=year or headers.get("year"), body=headers.get("body"))
    if segments:
        _bullet_body(raw, segments, ctx)
        segments = _split_category_colon(segments, ctx)
    if "category" in headers:
        segments.insert(0, headers["category"])
    segments = _merge_qualifiers(segments, ctx)
    raw.category = segments[0] if segments else None
    raw.recipient = " – ".join(segments[1:]) or None
    if raw.recipient is None and raw.category:
        raw.category, found = _pull_top(raw.category, r"\s*\(([^()\n]+)\)\s*$")
        raw.recipient = found[0] if found else None
    raw.film_is_recipient = raw.recipient is None
    if raw.result is None and raw.body is None and not raw.body_in_category:
        return None
    return raw


def _split_category_colon(segments: list[str], ctx: Context) -> list[str]:
    """ "Best Actor: [[Nicolas Cage]]" is a category and its recipient: the last segment
    written "text: [[link]]" is cut at its colon ("Choice Movie: Fantasy", with no link after
    the colon, stays one category)."""
    for k in range(len(segments) - 1, -1, -1):
        before, after = _colon_split(segments[k])
        if (
            after is not None
            and _first_link(before, ctx) is None
            and _first_link(after, ctx) is not None
            and render(before, quiet(ctx)).strip()
        ):
            return segments[:k] + [before, after] + segments[k + 1 :]
    return segments


def _bullet_body(raw: _Raw, segments: list[str], ctx: Context) -> None:
    """The body named by the entry itself, taken out of its first segment: "1996: ...",
    "[[1996 MTV Movie Awards]]: Best Kiss", "[[Academy Award for Best Actor]]" or
    "Academy Awards – Best Actor – ..."."""
    if len(segments) > 1 and _is_year_cell(segments[0], ctx):  # "1997 – [[Empire Award for ...]]"
        raw.year = segments.pop(0)
    before, after = _colon_split(segments[0])
    if after and _is_year_cell(before, ctx):
        raw.year, segments[0] = before, after
        before, after = _colon_split(segments[0])
    if after and _is_body_name(before, ctx):
        raw.body, segments[0] = before, after
    elif raw.body is None and _is_award_for_cell(segments[0], ctx):
        raw.body_in_category = True
    elif raw.body is None and len(segments) > 1 and _is_body_name(segments[0], ctx):
        raw.body = segments.pop(0)
    elif raw.body is None:
        # "[[Palme d'Or]], [[2019 Cannes Film Festival]]": the category, then the body (an
        # event linked with its edition or year) after a comma.
        pieces = _split_top(segments[0], r",\s+")
        if (
            len(pieces) == 2
            and _is_body_name(pieces[1], ctx)
            and not _is_award_for_cell(pieces[0], ctx)
            and _first_link(pieces[1], ctx) is not None
        ):
            raw.body, segments[0] = pieces[1], pieces[0]


def _colon_split(code: str) -> tuple[str, str | None]:
    pieces = _split_top(code, r":\s")
    if len(pieces) < 2:
        return code, None
    return pieces[0], ": ".join(pieces[1:])


# =============================================================================================
# Entry point
# =============================================================================================


def parse_accolades(code: Article | str, film_title: str, ctx: Context | None = None) -> AccoladesResult:
    """Every award entry of the article's accolades tables and lists (see the module doc)."""
    ctx = ctx if ctx is not None else Context()
    text = Article.of(code).prepared
    env = _Env(_film_names(film_title), film_title, ctx, AccoladesResult())
    for section in _sections(text, ctx):
        accolade = _is_accolade_path(section.path)
        heading_body, heading_result = _heading_headers(section.path, ctx)
        wins_only = (
            bool(section.path)
            and bool(_WINS_HEADING.match(section.path[-1]))
            and all(_WINS_HEADING.match(t) or not _ACCOLADE_HEADING.search(t) for t in section.path)
        )
        prose = [item.text for item in section.items if isinstance(item, Line)]
        env.context_bodies = _context_bodies(prose, ctx) if accolade else {}
        env.heading_year = _heading_year(section.path, ctx)
        sentence_body = None  # "... at the [[12th X Awards]]:" just above a table
        for item in section.items:
            if isinstance(item, Table):
                _read_table(item, accolade, heading_body or sentence_body, heading_result, env)
                sentence_body = None
            elif accolade and item.text.strip():
                sentence_body = _sentence_body(item.text, ctx)
        if accolade:
            _read_lists(section.items, heading_body, heading_result or ("Won" if wins_only else None), env)
    return env.out
