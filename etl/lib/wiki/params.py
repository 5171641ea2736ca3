"""A template's parameters read from its text, without the parser.

mwparserfromhell builds every parameter of a template as Python objects, values and all, while
a reader of an infobox reads a dozen of its values. ``split(text)`` reads the parameters of the
one template ``text`` is (``{{...}}``) as mwparserfromhell reads them: names as written, values
as text, in order, a repeated name kept each time. It cuts at the ``|`` and the first ``=`` that
stand at the template's own level (not inside a nested template, link, comment or tag) and parses
nothing: a value is parsed when a reader reads it (``wikitext.parse``), and it parses alone to
the tree mwparserfromhell builds for it inside the template.

It says None, and the caller parses the template whole, for anything it cannot be sure of:

- an opener ``balance`` would edit (unclosed, too deep), ``{{{``, ``[[[``, a table, a line that
  opens with ``=`` (a heading outside a template, text inside one), a ``<nowiki>``-like tag, an
  unclosed comment, a brace alone at the template's level;
- a nested template or link the tokenizer may refuse (a name over two lines, a bracket or a tag
  in a link title, a title that reads as a URL), pairs that cross;
- a ``|`` inside a tag, after an unclosed ``[``, or inside a tag's own ``<...>``; a tag left
  open; a stray ``<``; an external link whose text holds ``}}`` (the tokenizer reads it as text);
- a name (before ``=``) holding a nested construct or a tag, a value that opens with a list
  marker, ``=`` or ``----`` (at the start of a text they open a list, a heading or a rule;
  after ``=`` inside the template they are text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mwparserfromhell.definitions import is_scheme, is_single_only
from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from etl.lib.wiki.balance import LINK_LEVELS, structure


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter: its name as written (``"1"``, ``"2"``, ... for a positional one), its
    value (text, parsed when read; or the tree of a template parsed whole), and whether the
    name is written (``name=value``)."""

    name: str
    value: str | Wikicode
    showkey: bool


@dataclass(frozen=True, slots=True)
class Params:
    """A template's name as written and its parameters, in order."""

    name: str
    params: tuple[Param, ...]


def of_template(template: Template) -> Params:
    """The parameters of a parsed template (values are its trees, never parsed again)."""
    return Params(str(template.name), tuple(Param(str(p.name), p.value, p.showkey) for p in template.params))


_REFUSED = re.compile(r"\{\{\{|\[\[\[|\{\||\n=")
_TEMPLATE_NAME = re.compile(r"(?:[^{}\[\]<>|]|<!--.*?-->)*", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK_TITLE = re.compile(r"[^\n\[\]{}<>|]+")
_URL_START = re.compile(r"\[(?://|([A-Za-z][A-Za-z0-9+.\-]*):)")
_LEVEL_MARK = re.compile(r"[|<]")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]*?)(/?)>")
_LINE_START = ("*", "#", ":", ";", "=", "----")
_NESTED, _HIDDEN = "\x00", "\x01"  # what stands for a nested construct / a comment when masked


def split(text: str) -> Params | None:
    """The parameters of the template ``text`` (``{{name|...}}``), or None when the scanner
    cannot be sure to read them as mwparserfromhell does (see the module docstring)."""
    if not (text.startswith("{{") and text.endswith("}}")) or _REFUSED.search(text):
        return None
    found = structure(text)
    if found is None:
        return None
    opaque, pairs = found
    if text.count("<!--") != len(opaque) or any(not text.startswith("<!--", s) for s, _ in opaque):
        return None  # a tag read as text, or a comment left open
    if not _sure_of_pairs(text, pairs) or not _sure_of_urls(text) or not _tags_close(text, pairs, opaque):
        return None
    masked = _masked(text, pairs, opaque)
    if masked is None or "{" in masked[2:-2] or "}" in masked[2:-2]:
        return None
    cuts = _cuts(masked)
    if cuts is None:
        return None
    edges = [*cuts, len(text) - 2]
    name = text[2 : edges[0]]
    if _NESTED in masked[2 : edges[0]] or not _one_line_name(name):
        return None
    params: list[Param] = []
    index = 0
    for start, end in zip(edges, edges[1:]):
        start += 1
        equals = masked.find("=", start, end)
        if equals >= 0:
            key = masked[start:equals]
            if _NESTED in key or "<" in key or "[" in key:
                return None
            key, value = text[start:equals], text[equals + 1 : end]
        else:
            index += 1
            key, value = str(index), text[start:end]
        if value.startswith(_LINE_START):
            return None
        params.append(Param(key, value, equals >= 0))
    return Params(name, tuple(params))


def _one_line_name(name: str) -> bool:
    """A name the tokenizer takes: some text, on one line once comments are left out."""
    bare = _COMMENT.sub("", name).strip() if "<!--" in name else name.strip()
    return bool(bare) and "\n" not in bare


def _sure_of_pairs(text: str, pairs) -> bool:
    """Every nested template has a name the tokenizer takes, every link a plain title that is
    no URL."""
    for (start, end), _, levels in pairs:
        if end - start != 2:
            return False
        if levels == LINK_LEVELS:
            m = _LINK_TITLE.match(text, end)
            if m is None or not (text.startswith("|", m.end()) or text.startswith("]]", m.end())):
                return False
            url = _URL_START.match(text, start + 1)
            if url is not None and _is_url(url):
                return False
        elif start:
            m = _TEMPLATE_NAME.match(text, end)
            assert m is not None  # always matches
            if text[m.end() : m.end() + 1] not in ("|", "}") or not _one_line_name(m.group()):
                return False
    return True


def _sure_of_urls(text: str) -> bool:
    """No bracketed external link whose text (up to ``]`` or the line's end) holds ``}}``:
    the tokenizer reads braces there as text."""
    if "[" not in text:
        return True
    for m in _URL_START.finditer(text):
        if not _is_url(m):
            continue
        stop = len(text)
        for ch in ("]", "\n"):
            at = text.find(ch, m.end())
            if 0 <= at < stop:
                stop = at
        if "}}" in text[m.end() : stop]:
            return False
    return True


def _tags_close(text: str, pairs, opaque: list[tuple[int, int]]) -> bool:
    """Inside each nested template and link, every tag opened closes before it ends, and no
    tag's own ``<...>`` reaches over one's end: a tag left open there reads on past the braces
    (``{{c|<small>x}}</small>``). The template's own level is ``_cuts``'s."""
    if "<" not in text:
        return True
    events: list[tuple[int, int, re.Match[str] | None]] = []
    for (start, _), (end, _), _ in pairs:
        if start:
            events += [(start, 1, None), (end, -1, None)]
    if not events:
        return True
    starts = [s for s, _ in opaque]
    for m in _TAG.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or m.start() >= opaque[k][1]:
            events.append((m.start(), 0, m))
    events.sort(key=lambda e: e[0])
    frames: list[list[str]] = []
    for _, step, tag in events:
        if step == 1:
            frames.append([])
        elif step == -1:
            if frames.pop():
                return False
        elif frames and tag is not None:
            token = tag.group()
            if token.count("{{") != token.count("}}") or token.count("[[") != token.count("]]"):
                return False
            if not _tag_step(frames[-1], tag):
                return False
    return True


def _tag_step(open_tags: list[str], tag: re.Match[str]) -> bool:
    """``open_tags`` after ``tag``: an opening tag pushed (unless it closes itself or is never
    closed, ``<br>``), a closing one popped; False when it closes another tag than the last."""
    closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(4)
    if closing:
        return bool(open_tags) and open_tags.pop() == name
    if not self_closing and not is_single_only(name):
        open_tags.append(name)
    return True


def _is_url(m: re.Match[str]) -> bool:
    """Whether ``[`` and what ``_URL_START`` found after it open an external link."""
    scheme = m.group(1)
    return scheme is None or is_scheme(scheme, True) or is_scheme(scheme, False)


def _masked(text: str, pairs, opaque: list[tuple[int, int]]) -> str | None:
    """``text`` with the nested templates and links (``_NESTED``) and the comments at the
    template's own level (``_HIDDEN``) blanked out, same length; None when two pairs cross."""
    spans = sorted((o[0], c[1]) for o, c, _ in pairs)
    if not spans or spans[0] != (0, len(text)):
        return None
    children: list[tuple[int, int]] = []
    ends: list[int] = []
    for start, end in spans[1:]:
        while ends and ends[-1] <= start:
            ends.pop()
        if ends and end > ends[-1]:
            return None
        if not ends:
            children.append((start, end))
        ends.append(end)
    blanks = [(s, e, _NESTED) for s, e in children]
    k = 0
    for s, e in opaque:
        while k < len(children) and children[k][1] <= s:
            k += 1
        if not (k < len(children) and children[k][0] <= s):
            blanks.append((s, e, _HIDDEN))
    blanks.sort()
    out, at = [], 0
    for s, e, mark in blanks:
        out.append(text[at:s])
        out.append(mark * (e - s))
        at = e
    out.append(text[at:])
    return "".join(out)


def _cuts(masked: str) -> list[int] | None:
    """Where the template's own ``|`` stand, or None when one may stand inside a tag or an
    external link, or a tag is left open."""
    cuts: list[int] = []
    tags: list[str] = []
    for m in _LEVEL_MARK.finditer(masked, 2, len(masked) - 2):
        at = m.start()
        if m.group() == "|":
            bracket = masked.rfind("[", 0, at)
            if tags or (
                bracket >= 0 and masked.find("]", bracket, at) < 0 and "\n" not in masked[bracket:at]
            ):
                return None
            cuts.append(at)
            continue
        tag = _TAG.match(masked, at, len(masked) - 2)
        if tag is None or "|" in tag.group() or not _tag_step(tags, tag):
            return None
    return None if tags else cuts
