"""Prose read without parsing all of it: only the paragraphs that can hold a fact are parsed.

A section's text (comments removed) is cut into paragraphs at the line breaks MediaWiki sees:
never inside a template, link, ``<ref>``, ``<nowiki>``, an HTML element or a table (found by
``wikitable.constructs``, a linear scan). A reader passes a cheap test (``keep``) that sees a
paragraph's *view*: its wikitext without refs and without the templates that render nothing
(silent or unknown: a track listing, a note), entities decoded, bold/italic quotes dropped.
Only the kept paragraphs are parsed and rendered (with the refs that render drops whole cut
out first); the others cost a regex scan.

The text that comes out reads, sentence for sentence, like ``wikitext.render`` of the whole
text, except that each paragraph left out that shows some text stands as one ``SKIPPED`` line:
a reader that carries something from sentence to sentence ("It holds ...") is not carried over
a paragraph it never saw. The unknown templates of a paragraph left out are counted in the
``Context`` exactly as rendering it would count them: a paragraph whose templates cannot be
told apart without a parse (a template inside a known one's arguments, a template holding an
element other than a line break, a ref or a comment, a link holding a template or an element,
a hidden or dropped element), or whose text is nothing but entities or templates that
render text (does it show any?), is always parsed; an entity in a paragraph that shows other
text needs no parse. A known template that renders text and a table are tested and left out
like any other text by ``render_where``: its view holds the template's arguments and the
table's cells. ``parsed_where``, whose test reads the ``shown`` text (which holds neither),
always parses them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from mwparserfromhell.wikicode import Wikicode

from etl.lib.wiki import wikitable
from etl.lib.wiki import wikitext as wt

SKIPPED = "\x00"  # the line a paragraph left out stands as

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)\b[^<>]*?(/?)>")
_VOID_TAGS = {"br", "hr", "img", "wbr", "meta", "link", "source", "track", "col", "area", "input"}
_TABLE_OPEN = re.compile(r"^[\s:]*\{\|", re.M)
_TABLE_CLOSE = re.compile(r"^\s*\|\}")
_TABLE_LINES = re.compile(r"^[\s:]*(?:\{\||\|\}|\|-).*$", re.M)  # opening, closing, row lines
_TABLE_MARKUP = re.compile(r"^\s*(?:\|\+|[|!])|\|\||!!", re.M)  # cell and caption marks
# Elements render drops or hides whatever they hold: a template inside one is not counted.
_UNSEEN = re.compile(
    r"<\s*(?:" + "|".join(sorted(t for t in wt.DROP_TAGS if t != "ref")) + r")\b|display\s*:\s*none", re.I
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # an unclosed "<!--" is text to the parser
_LIST_MARKS = re.compile(r"^[*#:;]+", re.M)  # list markup renders as line breaks
_QUOTES = re.compile(r"'{2,}")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_FILE_LINK = re.compile(r"\[\[\s*(?:" + "|".join(ns.rstrip(":") for ns in wt.DROP_LINK_NS) + r")\s*:", re.I)


@dataclass(frozen=True)
class Paragraph:
    start: int  # offsets in the comment-free text
    end: int
    view: str  # what a reader's test sees (see the module doc)
    must_parse: bool  # its counts or whether it shows text cannot be told without a parse
    table: bool  # it holds a table: its ``shown`` keeps the table markup, its counts are right
    renders: bool  # a known template renders some of its text: ``shown`` leaves that out
    unknown: tuple[str, ...]  # the unknown templates rendering it counts
    shows_text: bool  # its render holds some text (it makes at least one sentence)
    refs: tuple[tuple[int, int], ...] = ()  # refs that can be cut out before it is parsed
    unrendered: str = ""  # its text, links as their text, templates and refs left out

    @cached_property
    def shown(self) -> str:
        """What rendering it shows when it need not be parsed, up to white space: its text with
        a link as its displayed text (the part after the first ``|``, else its title), a
        template (silent or unknown: one that renders text makes the paragraph ``must_parse``)
        and a ref as nothing, a tag as a space where it breaks a line (``<br>``, ``<p>``,
        ``<li>``, ``<div>``, ``<tr>``) or a cell (``<td>``, ``<th>``) and as nothing elsewhere,
        list marks at a line start as a space, a heading as its title, an external link as its
        label, entities decoded, bold/italic quotes dropped, white space runs as one space. A
        word the render shows is therefore a word of ``shown`` (made when a reader asks)."""
        plain = self.unrendered
        if "=" in plain:
            plain = _HEADING.sub(_heading_title, plain)
        if plain[:1] in _LIST_START or "\n" in plain:
            plain = _LIST_MARKS.sub(" ", plain)
        if "[" in plain:
            plain = _EXTERNAL_LINK.sub(r"\1", plain)
        if "<" in plain:
            plain = _TAG.sub(_tag_shows, plain)
        if "&" in plain:
            plain = html.unescape(plain)
        if "''" in plain:
            plain = _QUOTES.sub("", plain)
        return wt.collapse_spaces(plain)


def _cuts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Offsets of the line breaks a paragraph may end at (outside constructs, elements, tables)."""
    masked = []
    done = 0
    for start, end in spans:
        masked.append(text[done:start])
        masked.append(wikitable.MASK * (end - start))
        done = end
    masked.append(text[done:])
    flat = "".join(masked)
    cuts: list[int] = []
    open_tags: list[str] = []
    tables = 0
    pos = 0
    for line in flat.split("\n"):
        if _TABLE_OPEN.match(line):
            tables += 1
        elif _TABLE_CLOSE.match(line) and tables:
            tables -= 1
        for m in _TAG.finditer(line):
            name = m.group(2).lower()
            if m.group(3) or name in _VOID_TAGS:
                continue
            if not m.group(1):
                open_tags.append(name)
            elif name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
        pos += len(line)
        if pos < len(flat) and not open_tags and not tables:
            cuts.append(pos)
        pos += 1
    return cuts


_NAME_END = re.compile(r"\||\}\}")  # where a template's name ends
# Elements a template holds without its reading changing: line breaks, refs, comments.
_HARMLESS_ELEMENTS = re.compile(r"<br\s*/?>|<ref\b[^<>]*/>|<ref\b[^<>]*>.*?</ref\s*>|<!--.*?-->", re.I | re.S)


def _holds_element(body: str) -> bool:
    """Whether a template's wikitext holds an element other than the harmless ones."""
    return "<" in body and "<" in _HARMLESS_ELEMENTS.sub("", body)


_NAME_SYNTAX = re.compile(r"[{}\[\]<>]")


def _paragraph(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Paragraph:
    """One paragraph of ``text`` (see ``Paragraph``)."""
    view: list[str] = []
    residual: list[str] = []
    shown: list[str] = []
    unknown: list[str] = []
    must_parse = bool(_UNSEEN.search(text, start, end))
    table = bool(_TABLE_OPEN.search(text, start, end))
    renders = False
    links = False
    refs: list[tuple[int, int]] = []
    done = start
    for s, e in spans:
        view.append(text[done:s])
        residual.append(text[done:s])
        shown.append(text[done:s])
        done = e
        body = text[s:e]
        if body.startswith("[[") and "<" in body or body.startswith("{{") and _holds_element(body):
            view.append(body)  # an element inside may make the parser read it as text
            must_parse = True
        elif body.startswith("{{"):
            stop = _NAME_END.search(body, 2)
            name = body[2 : stop.start()] if stop else body[2:]
            if not name.strip() or _NAME_SYNTAX.search(name) or body.startswith("{{{"):
                view.append(body)
                must_parse = True
                continue
            key = wt.normalise_template_name(name)
            if key in wt.TEMPLATES or key in wt.LIST_TEMPLATES:
                view.append(body)
                renders = True  # what it renders stands in the view, as its wikitext
                if "{{" in body[2:]:
                    must_parse = True  # a template in its arguments may render, and count
            elif not wt.is_silent(key):
                unknown.append(key)
        elif body.startswith("[["):
            view.append(body)
            if "{{" in body or _FILE_LINK.match(body):
                must_parse = True
            links = True
            shown.append(body[2:-2].split("|", 1)[-1])
        elif body[1:4].lower() == "ref":
            if refs and refs[-1][1] == s:
                refs[-1] = (refs[-1][0], e)  # refs side by side are cut as one
            else:
                refs.append((s, e))
            continue  # a <ref>: render drops it whole
        else:  # <nowiki>
            view.append(body)
            residual.append(body)
            shown.append(body[8:-9])
    refs = [(s, e) for s, e in refs if wt.cuttable_ref(text, s, e)]
    view.append(text[done:end])
    residual.append(text[done:end])
    shown.append(text[done:end])
    rest = _LIST_MARKS.sub("", "".join(residual))
    if "<" in rest:
        rest = _TAG.sub("", rest)
    if "''" in rest:
        rest = _QUOTES.sub("", rest)
    if "&" in rest and not _ENTITY.sub("", rest).strip():
        must_parse = True  # nothing but entities: whether it shows text takes the parser
    seen = "".join(view)
    if "&" in seen:
        seen = html.unescape(seen)
    if "''" in seen:
        seen = _QUOTES.sub("", seen)
    seen = wt.collapse_spaces(seen)
    if table:
        rest = _TABLE_MARKUP.sub("", _TABLE_LINES.sub("", rest))  # a layout table shows nothing
    shows = links or bool(rest.strip())
    if renders and not shows:
        must_parse = True  # whether its templates show any text takes the parser
    return Paragraph(
        start, end, seen, must_parse, table, renders, tuple(unknown), shows, tuple(refs), "".join(shown)
    )


_EXTERNAL_LINK = re.compile(
    r"\[(?:https?:|ftp:|mailto:|//)[^\s\[\]]*\s*([^\[\]]*)\]", re.I
)  # shows its label
_LIST_START = set("*#:;")
_HEADING = re.compile(r"^(={1,6})(.+?)(={1,6})[ \t]*$", re.M)
_BREAKING_TAGS = {"br", "p", "li", "div", "tr", "td", "th"}


def _heading_title(m: re.Match[str]) -> str:
    """A heading line shows its title: the extra ``=`` of the longer side belong to it."""
    opening, inner, closing = m.groups()
    level = min(len(opening), len(closing))
    return "=" * (len(opening) - level) + inner + "=" * (len(closing) - level)


def _tag_shows(m: re.Match[str]) -> str:
    return " " if m.group(2).lower() in _BREAKING_TAGS else ""


def paragraphs(text: str) -> tuple[str, list[Paragraph]]:
    """``text`` without comments, and its paragraphs (offsets in that text)."""
    text = _COMMENT.sub("", text)
    spans = wikitable.constructs(text)
    out = []
    start = 0
    k = 0
    for cut in [*_cuts(text, spans), len(text)]:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        j = k
        while j < len(spans) and spans[j][0] < cut:
            j += 1
        out.append(_paragraph(text, start, cut, spans[k:j]))
        start = cut + 1
    return text, out


def without_refs(text: str, run: list[Paragraph]) -> str:
    """The text of consecutive paragraphs with their cuttable refs cut out (rendered the same:
    render drops a ref whole)."""
    out: list[str] = []
    done = run[0].start
    for p in run:
        for s, e in p.refs:
            out.append(text[done:s])
            done = e
    out.append(text[done : run[-1].end])
    return "".join(out)


def render_where(
    text: str,
    keep: Callable[[str], bool],
    ctx: wt.Context | None = None,
    carry: Callable[[str], bool] | None = None,
) -> str:
    """The rendered text of the paragraphs of ``text`` whose view ``keep`` accepts, in order,
    one ``SKIPPED`` line for each other paragraph that shows text (see the module doc). A
    paragraph that ``carry`` accepts is kept too when the last paragraph before it that shows
    text was kept (or when it is the first): a sentence that goes on from the one before
    ("It ...") is read where that one was read."""
    ctx = ctx if ctx is not None else wt.Context()
    clean, paras = paragraphs(text)
    out: list[str] = []
    run: list[Paragraph] = []  # consecutive kept paragraphs, rendered as one text
    last_kept = True

    def flush() -> None:
        if run:
            rendered = wt.render(without_refs(clean, run), ctx)
            if rendered:
                out.append(rendered)
            run.clear()

    for p in paras:
        if p.must_parse or keep(p.view) or (carry is not None and last_kept and carry(p.view)):
            run.append(p)
            last_kept = last_kept or p.shows_text
            continue
        flush()
        ctx.unknown.update(p.unknown)
        if p.shows_text:
            out.append(SKIPPED)
            last_kept = False
    flush()
    return "\n".join(out)


def _parsed(p: Paragraph) -> bool:
    """Whether ``parsed_where`` parses ``p`` whatever its test says: its ``shown`` text is not
    all it shows (a table, a template that renders text), or it must be parsed anyway."""
    return p.must_parse or p.table or p.renders


def parsed_where(text: str, keep: Callable[[str], bool], ctx: wt.Context | None = None) -> list[Wikicode]:
    """The trees of the runs of consecutive paragraphs of ``text`` whose ``shown`` text ``keep``
    accepts (or that must be parsed), each run parsed once with its cuttable refs cut out, in
    order; the unknown templates of the paragraphs left out are counted in ``ctx``, as rendering
    them would count them. Nothing stands for a paragraph left out: for a reader that carries
    nothing over a paragraph without a fact (a reader that does uses ``render_where``)."""
    ctx = ctx if ctx is not None else wt.Context()
    clean, paras = paragraphs(text)
    out: list[Wikicode] = []
    run: list[Paragraph] = []
    for p in [*paras, None]:
        if p is not None and (_parsed(p) or keep(p.shown) or (run and p.start == p.end)):
            run.append(p)  # an empty line joins the run it stands in
            continue
        if run:
            out.append(wt.parse(without_refs(clean, run), ctx))
            run.clear()
        if p is not None:
            ctx.unknown.update(p.unknown)
    return out
