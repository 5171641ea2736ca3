"""Unclosed and too deeply nested wikitext openers turned into plain text, in one linear pass.

mwparserfromhell's tokenizer tries every opener (``{{``, ``[[``, ``{|``) as a route and, when it
never closes, gives it up only at the end of the text: N unclosed openers cost N times the
length of the page (100,000 ``{{x|`` in an article are minutes of CPU inside its C code). Deep
nesting (``{{a|`` x 5000 ... ``}}`` x 5000) is slow and breaks the renderers, which recurse.

``balance`` reads the text once, per kind of bracket, the way MediaWiki's preprocessor matches
them (a stack of opening runs, each closer matching the innermost opener of its kind), skipping
comments and the bodies of tags whose content is not wikitext (``<nowiki>``, ``<pre>``, ...).
Openers no closer matches are broken by an HTML entity for one bracket of each pair
(``{&#123;``, ``&#91;[``, ``&#123;|``), and pairs nested deeper than ``MAX_DEPTH`` are written
as entities whole: they render as the same characters, but the tokenizer reads them as text. A text whose openers all close within the bound comes back unchanged.
"""

from __future__ import annotations

import re
from typing import TypeVar, cast

from mwparserfromhell.definitions import PARSER_BLACKLIST

# Nesting deeper than this is flattened, counted in the tokenizer's levels: a template takes
# three (name, parameter, value), a table three (table, row, cell), a link one. The tokenizer
# stops at 100 levels and then loses structure it had read (the rest of an enclosing
# infobox); 60 is 20 templates deep, and no article comes near (the corpus: 12).
MAX_DEPTH = 60
TEMPLATE_LEVELS, TABLE_LEVELS, LINK_LEVELS = 3, 3, 1

_ENTITIES = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;"})

_OPAQUE = re.compile(r"<!--|<(" + "|".join(PARSER_BLACKLIST) + r")(?=[\s/>])", re.I)
_TAG_REST = re.compile(r"[^<>]*>")
# A run of braces, or a whole template of two braces a side whose name and arguments hold no
# brace (most templates): matched at once, such a template is one step of the scan, not two.
_BRACE_RUNS = re.compile(r"\{\{([^{}\[\]<>|]*)(?:\|[^{}]*)?\}\}(?!\})|\{{2,}|\}{2,}")
_NAME = re.compile(r"[^{}\[\]<>|]*")
# A run of brackets, or a whole link of two brackets a side whose title and text hold no
# bracket nor brace (most links), matched at once like the simple templates.
_BRACKET_RUNS = re.compile(r"\[\[([^\n\[\]{}<>|]*)(?:\|[^\[\]{}]*)?\]\](?!\])|\[{2,}|\]{2,}")
# What a link's title may hold before its ``|`` or ``]]``: a title that meets a line break or a
# stray bracket first is no link (the tokenizer gives it up right there, cheaply).
_TITLE = re.compile(r"[^\n\[\]{}<>|]*")
_TABLE = re.compile(r"^\s?(\{\||\|\})", re.M)

Span = tuple[int, int]
Pair = tuple[Span, Span, int]  # an opener, its closer, and how many levels deep it nests
T = TypeVar("T")


def balance(text: T) -> T:
    """``text`` with its unmatched and too deeply nested openers as entities (see the module
    docstring); ``text`` itself when there are none, or when it is a node (parsed already)."""
    if not isinstance(text, str):
        return text
    if "{{" not in text and "[[" not in text and "{|" not in text:
        return text
    _, _, edits = _scan(text)
    if not edits:
        return text
    out, at = [], 0
    for start, end in sorted(edits):
        start = max(start, at)
        if start < end:
            out.append(text[at:start])
            out.append(text[start:end].translate(_ENTITIES))
            at = end
    out.append(text[at:])
    return cast(T, "".join(out))


def structure(text: str) -> tuple[list[Span], list[Pair]] | None:
    """The opaque spans of ``text`` (comments, bodies of tags read as text) and its matched
    pairs (templates, links, tables), as ``balance`` reads them, when ``balance`` leaves the
    text unchanged; None when it would edit it."""
    opaque, pairs, edits = _scan(text)
    return None if edits else (opaque, pairs)


def _scan(text: str) -> tuple[list[Span], list[Pair], list[Span]]:
    """The opaque spans, the matched pairs and the edits ``balance`` makes, in one pass per
    kind of bracket."""
    opaque = _opaque_spans(text)
    visible = _Visible(opaque)
    pairs: list[Pair] = []
    edits: list[Span] = []
    for scan in (_braces, _brackets, _tables):
        edits += scan(text, visible.reset(), pairs)
    edits += _too_deep(pairs)
    return opaque, pairs, edits


class _Finder:
    """The next occurrence of a pattern at or after a position, for positions that only grow:
    each part of the text is searched once, however many times the question is asked."""

    def __init__(self, text: str, pattern: re.Pattern[str]):
        self.text, self.pattern = text, pattern
        self.since = -1  # the last search started here (none yet) ...
        self.found: re.Match[str] | None = None  # ... and found this

    def find(self, pos: int) -> re.Match[str] | None:
        if 0 <= self.since <= pos and (self.found is None or pos <= self.found.start()):
            return self.found
        self.since, self.found = pos, self.pattern.search(self.text, pos)
        return self.found


def _opaque_spans(text: str) -> list[Span]:
    """Comments and the bodies of tags the tokenizer reads as text, in order. An opening that
    never closes is text itself (so is the tokenizer's reading), and hides nothing."""
    if "<" not in text:
        return []
    spans: list[Span] = []
    finders: dict[str, _Finder] = {}
    pos = 0
    while m := _OPAQUE.search(text, pos):
        name = (m.group(1) or "").lower()
        end = -1
        if not name:
            close = finders.setdefault("", _Finder(text, re.compile("-->"))).find(m.end())
            end = close.end() if close else -1
        elif rest := _TAG_REST.match(text, m.end()):
            if rest.group().endswith("/>"):
                end = rest.end()
            else:
                closer = re.compile(rf"</{name}\s*>", re.I)
                close = finders.setdefault(name, _Finder(text, closer)).find(rest.end())
                end = close.end() if close else -1
        if end < 0:
            pos = m.start() + 1
        else:
            spans.append((m.start(), end))
            pos = end
    return spans


class _Visible:
    """``visible(pos)``: whether ``pos`` lies outside the opaque spans, for growing positions."""

    def __init__(self, opaque: list[Span]):
        self.opaque = opaque
        self.reset()

    def reset(self) -> _Visible:
        self.j = 0
        return self

    def __call__(self, pos: int) -> bool:
        while self.j < len(self.opaque) and self.opaque[self.j][1] <= pos:
            self.j += 1
        return not (self.j < len(self.opaque) and self.opaque[self.j][0] <= pos)

    def clear(self, start: int, end: int) -> bool:
        """Whether ``start`` to ``end`` holds no opaque character (``start`` growing too)."""
        return self(start) and (self.j >= len(self.opaque) or self.opaque[self.j][0] >= end)


def _braces(text: str, visible: _Visible, pairs: list[Pair]) -> list[Span]:
    """``{{``/``}}``: a closing run matches the innermost opening run, two or three braces at a
    time (a template or an argument), as MediaWiki's preprocessor does; an opening run's
    unmatched braces are its leftmost ones (one alone is text already). A run before a name
    the tokenizer refuses (none, a bracket, a second line) opens nothing."""
    stack: list[list[int]] = []  # [start, braces still open]
    hidden = visible.opaque  # no comment nor opaque tag: every position is visible
    pos = 0
    while m := _BRACE_RUNS.search(text, pos):
        at, run = m.span()
        pos = run
        name = m.group(1)
        if name is not None:  # a whole simple template
            bare = name.strip()
            if bare and "\n" not in bare and (not hidden or visible.clear(at, run)):
                pairs.append(((at, at + 2), (run - 2, run), TEMPLATE_LEVELS))
                continue
            pos = run = at + 2  # read as its opening run alone, then what follows it
        if hidden and not visible(at):
            continue
        left = run - at
        if text[at] == "{":
            if _template_name(text, run):
                stack.append([at, left])
            continue
        while left >= 2 and stack:
            piece = stack[-1]
            k = min(left, piece[1], 3)
            opener = piece[0] + piece[1] - k
            pairs.append(((opener, opener + k), (at, at + k), TEMPLATE_LEVELS))
            piece[1] -= k
            at, left = at + k, left - k
            if piece[1] < 2:
                stack.pop()
    # every other brace, the last first: no two stay side by side, nor touch a matched one
    return [(i, i + 1) for start, n in stack if n >= 2 for i in range(start + n - 1, start - 1, -2)]


def _template_name(text: str, pos: int) -> bool:
    """Whether what follows an opening run at ``pos`` can be a template's name (or an
    argument's): some text on one line, up to ``|``, ``}}``, a comment or a nested template."""
    name = _NAME.match(text, pos).group()  # type: ignore[union-attr]  # always matches
    stop = text[pos + len(name) : pos + len(name) + 2]
    if stop[:1] == "{" or stop == "<!":
        return True
    return stop[:1] in ("|", "}") and bool(name.strip()) and "\n" not in name.strip()


def _brackets(text: str, visible: _Visible, pairs: list[Pair]) -> list[Span]:
    """``[[``/``]]``: the last two brackets of an opening run open a link when a title follows
    them (a title that meets a line break or a stray bracket first is given up by the tokenizer
    right there, cheaply); a closing run closes links two brackets at a time."""
    stack: list[int] = []  # where the two brackets of each open link start
    hidden = visible.opaque  # no comment nor opaque tag: every position is visible
    title = _TITLE.match
    pos = 0
    while m := _BRACKET_RUNS.search(text, pos):
        at, run = m.span()
        pos = run
        if m.group(1) is not None:  # a whole simple link
            if not hidden or visible.clear(at, run):
                pairs.append(((at, at + 2), (run - 2, run), LINK_LEVELS))
                continue
            pos = run = at + 2  # read as its opening run alone, then what follows it
        if hidden and not visible(at):
            continue
        if text[at] == "[":
            end = title(text, run).end()  # type: ignore[union-attr]  # always matches
            if text[end : end + 1] in ("|", "{", "<") or text.startswith("]]", end):
                stack.append(run - 2)
            continue
        left = run - at
        while left >= 2 and stack:
            start = stack.pop()
            pairs.append(((start, start + 2), (at, at + 2), LINK_LEVELS))
            at, left = at + 2, left - 2
    return [(start, start + 1) for start in stack]  # "[&#91;" would still open a link after "["


def _tables(text: str, visible: _Visible, pairs: list[Pair]) -> list[Span]:
    """Tables: ``{|`` and ``|}`` at the start of a line (after at most one space)."""
    if "{|" not in text:
        return []
    stack: list[int] = []
    for m in _TABLE.finditer(text):
        at = m.start(1)
        if not visible(at):
            continue
        if m.group(1) == "{|":
            stack.append(at)
        elif stack:
            start = stack.pop()
            pairs.append(((start, start + 2), (at, at + 2), TABLE_LEVELS))
    return [(start, start + 1) for start in stack]


def _too_deep(pairs: list[Pair]) -> list[Span]:
    """Both ends of every matched pair that opens ``MAX_DEPTH`` levels deep or deeper."""
    if sum(w for _, _, w in pairs) <= MAX_DEPTH:
        return []  # not enough levels in all to stand that deep
    events = sorted(
        [(o[0], w, i) for i, (o, _, w) in enumerate(pairs)]
        + [(c[0], -w, i) for i, (_, c, w) in enumerate(pairs)]
    )
    depth, edits = 0, []
    for _, weight, i in events:
        if weight > 0 and depth >= MAX_DEPTH:
            edits += pairs[i][:2]
        depth += weight
    return edits
