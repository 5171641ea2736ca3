"""One wiki page, read once: the ``Article`` every extractor of the parse stage is handed.

It holds the original text and cuts it into sections at its headings with a line scan (no
parse). Everything else is made when an extractor first asks for it, and only once:

- the ``{{Infobox film}}``'s parameters, cut from its own text without the parser (each value
  parsed when a reader reads it; ``params.split``);
- a tree per section, parsed the first time a reader asks for that section;
- the templates of given names anywhere in the page, each cut from its own braces and split
  at its parameters like the infobox (parsed alone only when ``params.split`` is not sure);
- the lead, parsed alone;
- each section's rendered plain text, and the tables of the parts of the page a reader asks
  for laid out.

A section never asked for is never parsed. The trees are shared by the extractors of this
article only: nothing may edit them (``wikitext.parse_for_edit`` gives a private copy).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from functools import cached_property

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from etl.lib.wiki import wikitable
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.params import Params, of_template
from etl.lib.wiki.params import split as split_params

# A heading line as MediaWiki reads it: ``== Title ==`` alone on its line; the level is the
# shorter run of ``=`` (extra ones belong to the title).
_HEADING = re.compile(r"^(={1,6})(.+?)(={1,6})[ \t]*$", re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TEMPLATE_OPEN = re.compile(r"\{\{([^{}|]*)")


def heading_parts(opening: str, inner: str, closing: str) -> tuple[int, str]:
    """A heading's level and raw title from its ``=`` runs and what lies between: the level is
    the shorter run, the extra ``=`` of the longer one belong to the title."""
    level = min(len(opening), len(closing))
    return level, "=" * (len(opening) - level) + inner + "=" * (len(closing) - level)


def heading(line: str) -> tuple[int, str] | None:
    """The level and raw title of ``line`` when it is a heading line, else None."""
    m = _HEADING.fullmatch(line)
    return heading_parts(*m.groups()) if m else None


class ArticleSection:
    """One section of the page: its own text (no heading, no subsection), parsed lazily."""

    def __init__(self, title: str, level: int, text: str, path: tuple[str, ...], start: int, end: int):
        self.title = title  # rendered heading text
        self.level = level
        self.text = text
        self.path = path  # titles of the enclosing sections, outermost first
        self.start, self.end = start, end  # offsets of the body in the page text

    @cached_property
    def code(self) -> Wikicode:
        return wt.parse(self.text)

    @cached_property
    def plain(self) -> str:
        """The section's text as a reader sees it (rendered once)."""
        return wt.render(self.code, self.ctx)

    ctx: wt.Context | None = None

    def __repr__(self) -> str:
        return f"ArticleSection({self.title!r}, level={self.level}, path={self.path!r})"


class NestedSection:
    """A section with the subsections under it (``code`` is its body without its heading)."""

    def __init__(self, title: str, level: int, text: str):
        self.title, self.level, self.text = title, level, text

    @cached_property
    def code(self) -> Wikicode:
        return wt.parse(self.text)


class Article:
    """A wiki page and what its extractors read of it, each made once (see the module doc)."""

    def __init__(self, title: str | None, text: str, ctx: wt.Context | None = None):
        self.title = title
        self.text = text
        self.ctx = ctx if ctx is not None else wt.Context()

    @classmethod
    def of(cls, source: Article | wt.Code) -> Article:
        """``source`` itself when it is an Article, else an Article of its text."""
        return source if isinstance(source, Article) else cls(None, str(source))

    # The page ------------------------------------------------------------------------------

    @cached_property
    def code(self) -> Wikicode:
        """The whole page parsed (only a reader of templates anywhere in the page needs it)."""
        return wt.parse(self.text)

    @cached_property
    def infobox(self) -> Params | None:
        """The parameters of the page's ``{{Infobox film}}``: its own text split without the
        parser, else parsed alone, else the parsed page (``wikitext.film_infobox``)."""
        return wt.film_infobox(self.text)

    def templates(self, names: set[str] | frozenset[str]) -> list[Params]:
        """The parameters of the templates named ``names`` anywhere in the page (inside others
        too), in page order: found by their opening text, each read alone from its own braces
        (``template_spans``)."""
        return [t for _, _, t in self.template_spans(names)]

    def template_spans(self, names: set[str] | frozenset[str]) -> list[tuple[int, int, Params]]:
        """``templates(names)`` with the offsets each one spans in the page text. A template's
        text is split at its parameters without the parser (``params.split``, values parsed
        when read), else parsed alone."""
        found = self._templates.get(frozenset(names))
        if found is not None:
            return found
        found = []
        for start, name in self._template_openings:
            if name not in names or self._in_comment(start):
                continue
            chunk = wt.balanced_braces(self.text, start)
            if not chunk:
                continue
            box = split_params(chunk)
            if box is not None:
                if wt.template_name(box) in names:
                    found.append((start, start + len(chunk), box))
                continue
            nodes = wt.parse(chunk, self.ctx).nodes
            if nodes and isinstance(nodes[0], Template) and wt.template_name(nodes[0]) in names:
                found.append((start, start + len(chunk), of_template(nodes[0])))
        self._templates[frozenset(names)] = found
        return found

    @cached_property
    def _template_openings(self) -> list[tuple[int, str]]:
        """Where each ``{{`` of the page opens and the normalised name after it (one scan of
        the page, whatever the names asked for)."""
        return [
            (m.start(), wt.normalise_template_name(m.group(1))) for m in _TEMPLATE_OPEN.finditer(self.text)
        ]

    @cached_property
    def _templates(self) -> dict[frozenset[str], list[tuple[int, int, Params]]]:
        return {}

    @cached_property
    def prepared(self) -> str:
        """The text the table syntax is read on (``wikitable.prepare``)."""
        return wikitable.prepare(self.text)

    @cached_property
    def prepared_lines(self) -> list[str]:
        """``prepared`` cut at every line break (a scan for headings reads it without a layout)."""
        return self.prepared.split("\n")

    @cached_property
    def _line_starts(self) -> list[int]:
        """Where each line of ``prepared_lines`` starts in ``prepared``, and one past its end."""
        return list(itertools.accumulate((len(line) + 1 for line in self.prepared_lines), initial=0))

    def prepared_part(self, first: int, last: int) -> str:
        """Lines ``first`` to ``last`` (excluded) of ``prepared``, joined by their line breaks:
        a slice of ``prepared``, not a join of its lines."""
        if first >= last:
            return ""
        starts = self._line_starts
        return self.prepared[starts[first] : starts[last] - 1]

    def layout(self, first: int, last: int) -> tuple[list[wikitable.Line | wikitable.Table], bool]:
        """Lines ``first`` to ``last`` (excluded) of ``prepared`` as logical lines and top-level
        tables, tables laid out, and whether the last table is left open there
        (``wikitable.prepared_blocks``): each part of the page is cut once, for every reader."""
        found = self._layouts.get((first, last))
        if found is None:
            part = self.prepared_part(first, last)
            found = self._layouts[(first, last)] = wikitable.prepared_blocks(part)
        return found

    @cached_property
    def _layouts(self) -> dict[tuple[int, int], tuple[list[wikitable.Line | wikitable.Table], bool]]:
        return {}

    @cached_property
    def lead(self) -> Wikicode:
        first = self._headings[0].start() if self._headings else len(self.text)
        return wt.parse(self.text[:first])

    # Sections ------------------------------------------------------------------------------

    @cached_property
    def _comments(self) -> tuple[list[int], list[int]]:
        spans = [(m.start(), m.end()) for m in _COMMENT.finditer(self.text)]
        return [s for s, _ in spans], [e for _, e in spans]

    def _in_comment(self, pos: int) -> bool:
        starts, ends = self._comments
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    @cached_property
    def _headings(self) -> list[re.Match]:
        """The heading lines outside comments: ``_HEADING`` tried only where a line opens with
        ``=`` (found by ``str.find``), not at every line of the page."""
        text = self.text
        out = []
        at = 0 if text.startswith("=") else text.find("\n=") + 1 or -1
        while at >= 0:
            m = _HEADING.match(text, at)
            if m is not None and not self._in_comment(at):
                out.append(m)
            at = text.find("\n=", at) + 1 or -1
        return out

    @cached_property
    def sections(self) -> tuple[ArticleSection, ...]:
        """Every section of the page (any level), flat, in page order."""
        out: list[ArticleSection] = []
        stack: list[tuple[int, str]] = []
        heads = self._headings
        for k, m in enumerate(heads):
            opening, inner, closing = m.group(1), m.group(2), m.group(3)
            level, raw_title = heading_parts(opening, inner, closing)
            title = wt.render(raw_title).strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            start = m.start() + len(opening) + len(inner) + len(closing)
            end = heads[k + 1].start() if k + 1 < len(heads) else len(self.text)
            sec = ArticleSection(title, level, self.text[start:end], tuple(t for _, t in stack), start, end)
            sec.ctx = self.ctx
            out.append(sec)
            stack.append((level, title))
        return tuple(out)

    def select(
        self, matches: Callable[[str], bool], excluded: Callable[[str], bool] | None = None
    ) -> list[ArticleSection]:
        """Sections whose title ``matches``, with the subsections under them; a subsection
        whose title is ``excluded`` (and everything under it) is left out."""
        out = []
        for sec in self.sections:
            chain = sec.path + (sec.title,)
            hits = [i for i, t in enumerate(chain) if matches(t)]
            if not hits:
                continue
            below = chain[hits[-1] + 1 :]
            if excluded is not None and any(excluded(t) for t in below):
                continue
            out.append(sec)
        return out

    def nested(self, matches: Callable[[str], bool], outermost: bool = False) -> list[NestedSection]:
        """Every section (any level) whose title ``matches``, each with its subsections; with
        ``outermost``, not a section that stands inside one already given."""
        out = []
        secs = self.sections
        inside = 0  # with outermost: where the last section given ends
        for k, sec in enumerate(secs):
            if not matches(sec.title) or (outermost and sec.start < inside):
                continue
            end = sec.end
            for later in secs[k + 1 :]:
                if later.level <= sec.level:
                    break
                end = later.end
            inside = end
            out.append(NestedSection(sec.title, sec.level, self.text[sec.start : end]))
        return out

    def titled(self, *words: str, outermost: bool = False) -> list[NestedSection]:
        """Sections whose title contains any of ``words`` (case-insensitive), outermost first
        (with ``outermost``, only those that stand in no other one given)."""
        lowered = [w.lower() for w in words]
        return self.nested(lambda title: any(w in title.lower() for w in lowered), outermost)
