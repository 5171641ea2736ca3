"""MediaWiki tables read from the wikitext syntax, laid out the way a browser lays them out.

Pure: no Dagster, no Polars; nothing here knows what a table is about. The accolades and the
cast readers ask this module for the tables of a text and interpret their columns themselves.

How a text is read
------------------
- ``prepare``: comments are removed and ``{{!}}`` / ``{{!!}}`` become the pipes they stand for.
- ``mask``: a copy of the same length in which everything inside templates, links, ``<ref>``s
  and ``<nowiki>`` is hidden (``MASK``). Line starts, ``|``/``||``/``!!`` and headings are only
  seen where MediaWiki sees them (a multi-line ``{{cite web}}`` in a cell is not a row), and the
  original text is sliced at the same offsets.
- ``blocks``: the text as logical lines (``Line``), with each top-level table (``{|`` ... ``|}``,
  also behind ``<center>``/``<section>`` wrappers or a ``:`` indent, and ``{{Awards table}}``
  ... ``{{end}}`` / ``{{Awards table end}}`` / ``|}``) read as one ``Table``. A table nested in a
  cell stays in that cell's text.
- ``read_table``: rows and cells split as MediaWiki's ``doTableStuff`` splits them (``|-``,
  ``|`` / ``!`` cells, ``||`` and ``!!`` inline cells, a row written as ``|| cell``,
  ``attributes | content``, attributes before a template without a pipe: ``|rowspan=2 {{nom}}``;
  rows without cells dropped), then laid out with the HTML table-forming algorithm: each cell
  takes the first free slot of its row and fills ``rowspan`` x ``colspan`` slots.

The laid-out grid
-----------------
``Table.rows[r].slots[c]`` is the ``Cell`` covering that slot, or None where no cell reaches
(short rows). A spanning cell is *one* object in every slot it covers, so ``a is b`` tells that
two slots show the same cell; ``Row.is_span_copy(c)`` tells that the slot is filled by a cell
written in an earlier row (rowspan) or further left (colspan). ``Row.cells`` are the cells
written in the row, in order; ``Row.kind`` is "header", "title" or "data". ``Table.caption``
is the text of the ``|+`` caption line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

MASK = "\x01"
_REF_OPEN = re.compile(r"<ref\b[^>]*?(/?)>", re.I)
_REF_CLOSE = re.compile(r"</ref\s*>", re.I)
_NOWIKI_CLOSE = re.compile(r"</nowiki>", re.I)


# =============================================================================================
# Masking: where MediaWiki's line and pipe syntax applies
# =============================================================================================


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def strip_comments(text: str) -> str:
    return _COMMENT.sub("", text) if "<!--" in text else text


def prepare(code) -> str:
    """The text the table syntax is read on: comments removed, ``{{!}}`` and ``{{!!}}`` as the
    pipes they expand to (a table written with them is a table)."""
    return strip_comments(str(code)).replace("{{!!}}", "||").replace("{{!}}", "|")


_GT = re.compile(">")
_SYNTAX_CHARS = "{}[]\n<"
_SYNTAX = re.compile(r"[{}\[\]\n<]")
_OPENER = re.compile(r"\{\{|\[\[|<")


class _Scanner:
    """Where the constructs of one text end, found in one pass: linear in the text's length
    however many openers are left unclosed.

    A ``{{...}}``/``[[...]]`` construct ends where its closer matches, inner constructs
    counted; a ``[[`` not closed on its line is text; a construct that reaches the end of
    the text, or holds an unclosed ``<ref>``, is not closed (plain text, as MediaWiki shows
    it). What a construct's scan found does not depend on what encloses it, so each opener is
    scanned once and every later scan that meets it jumps over it."""

    _CLOSED, _NEWLINE, _UNCLOSED = 0, 1, 2

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends: dict[int, tuple[int, int]] = {}  # opener offset -> (outcome, offset)
        self.gts = [m.start() for m in _GT.finditer(text)]
        closes = [(m.start(), m.end()) for m in _REF_CLOSE.finditer(text)]
        self.ref_closes = [start for start, _ in closes]
        self.ref_close_ends = [end for _, end in closes]
        self.nowiki_closes = [m.start() for m in _NOWIKI_CLOSE.finditer(text)]

    def special_end(self, j: int) -> int | None:
        """End of a ``<ref>`` or ``<nowiki>`` starting at ``j`` (-1: unclosed), None if none."""
        text = self.text
        if text[j] != "<":
            return None
        k = bisect.bisect_left(self.gts, j)
        if k == len(self.gts):
            return None  # no ">" after it: neither a ref nor a nowiki
        m = _REF_OPEN.match(text, j, self.gts[k] + 1)
        if m:
            if m.group(1):
                return m.end()
            c = bisect.bisect_left(self.ref_closes, m.end())
            return self.ref_close_ends[c] if c < len(self.ref_closes) else -1
        if text[j : j + 8].lower() == "<nowiki>":
            c = bisect.bisect_left(self.nowiki_closes, j + 8)
            return self.nowiki_closes[c] + 9 if c < len(self.nowiki_closes) else None
        return None

    def construct_end(self, i: int) -> int:
        """End of the construct opening at ``i``, or -1 when it is not closed."""
        text, ends = self.text, self.ends
        if i in ends:
            outcome, end = ends[i]
            return end if outcome == self._CLOSED else -1
        frames: list[tuple[int, str]] = [(i, text[i : i + 2])]
        j = i + 2
        while frames:
            if j < len(text) and text[j] not in _SYNTAX_CHARS:  # plain text: to the next syntax
                m = _SYNTAX.search(text, j)
                j = m.start() if m else len(text)
            if j >= len(text):
                return self._unclosed(frames)
            special = self.special_end(j)
            if special is not None:
                if special < 0:
                    return self._unclosed(frames)
                j = special
                continue
            two = text[j : j + 2]
            if two in ("{{", "[["):
                done = ends.get(j)
                if done is None:
                    frames.append((j, two))
                    j += 2
                elif done[0] == self._CLOSED:
                    j = done[1]
                elif done[0] == self._NEWLINE:
                    j = done[1] + 1
                else:
                    return self._unclosed(frames)
                continue
            top = frames[-1][1]
            if (two == "}}" and top == "{{") or (two == "]]" and top == "[["):
                ends[frames.pop()[0]] = (self._CLOSED, j + 2)
                j += 2
                continue
            if text[j] == "\n" and top == "[[":
                ends[frames.pop()[0]] = (self._NEWLINE, j)  # links do not span lines: text
                if not frames:
                    return -1
            j += 1
        return j if ends[i][0] == self._CLOSED else -1

    def _unclosed(self, frames: list[tuple[int, str]]) -> int:
        for start, _ in frames:
            self.ends[start] = (self._UNCLOSED, -1)
        return -1


def constructs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the top-level templates, links, refs and nowiki of
    ``text``, in order (what ``mask`` hides). Comments must be removed beforehand. Linear in
    the length of ``text``."""
    if _OPENER.search(text) is None:  # no opener: nothing to scan (most cells and names)
        return []
    scanner = _Scanner(text)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        m = _OPENER.search(text, i)
        if m is None:
            break
        i = m.start()
        end = -1
        if text.startswith(("{{", "[["), i):
            end = scanner.construct_end(i)
        elif text[i] == "<":
            end = scanner.special_end(i) or -1
        if end > i:
            out.append((i, end))
            i = end
            continue
        i += 1
    return out


def mask(text: str) -> str:
    """``text`` with the inside of templates, links, refs and nowiki replaced by ``MASK``
    (same length, so offsets are shared). Comments must be removed beforehand. Linear in the
    length of ``text``."""
    spans = constructs(text)
    if not spans:
        return text
    out: list[str] = []
    done = 0
    for start, end in spans:
        out.append(text[done:start])
        out.append(MASK * (end - start))
        done = end
    out.append(text[done:])
    return "".join(out)


# =============================================================================================
# Lines and blocks
# =============================================================================================

_TABLE_START = re.compile(r"^[\s:]*(?:<[^>\n]*>\s*)*\{\|")
_TABLE_END = re.compile(r"^\s*\|\}")
# Templates that open a table and leave its rows to the page (closed by ``{{end}}``).
_TABLE_START_TEMPLATE = re.compile(
    r"^\s*\{\{\s*(?:template\s*:\s*)?awards?[ _]table(?![ _]*end\b)\s*(?:\||\}\})", re.I
)
# ``{{end}}``, ``{{Awards table end}}``, ``{{table end}}`` (``|}`` closes such tables too).
_END_TEMPLATE = re.compile(
    r"^\s*\{\{\s*(?:template\s*:\s*)?(?:end|(?:awards?[ _])?table[ _]end)\s*\}\}", re.I
)


@dataclass
class Line:
    text: str  # original wikitext of one logical line
    masked: str  # the same, masked
    start: int = 0  # offset of its first character in the text it was cut from


def logical_lines(text: str) -> list[Line]:
    """``text`` cut at the line breaks MediaWiki sees (not those inside templates, links or
    refs). ``text`` should be ``prepare``d."""
    masked = mask(text)
    out, start = [], 0
    for m in re.finditer("\n", masked):
        out.append(Line(text[start : m.start()], masked[start : m.start()], start))
        start = m.end()
    out.append(Line(text[start:], masked[start:], start))
    return out


def opens_table(line: Line) -> bool:
    return bool(_TABLE_START.match(line.masked) or _TABLE_START_TEMPLATE.match(line.text))


def _closes_table(line: Line, depth: int) -> bool:
    return bool(_TABLE_END.match(line.masked) or (depth == 1 and _END_TEMPLATE.match(line.text)))


def table_end(lines: list[Line], start: int) -> int:
    """Index of the line closing the table opened at ``lines[start]`` (nested tables counted);
    the last line when it is never closed."""
    end = _table_close(lines, start)
    return len(lines) - 1 if end is None else end


def _table_close(lines: list[Line], start: int) -> int | None:
    """Index of the line closing the table opened at ``lines[start]``, None when none does."""
    depth = 0
    for i in range(start, len(lines)):
        if opens_table(lines[i]):
            depth += 1
        elif _closes_table(lines[i], depth):
            depth -= 1
            if depth == 0:
                return i
    return None


def blocks(code) -> list[Line | Table]:
    """The ``prepare``d text as logical lines, each top-level table read as one ``Table``,
    in text order. Offsets (``Line.start``, ``Table.start``/``end``) are in ``prepare(code)``,
    which is ``code`` itself when it holds no comment nor ``{{!}}``."""
    return prepared_blocks(prepare(code))[0]


def prepared_blocks(prepared: str) -> tuple[list[Line | Table], bool]:
    """``blocks`` of a text that is already ``prepare``d, and whether its last table is never
    closed (it runs to the end of the text: a reader of part of a page then reads on)."""
    lines = logical_lines(prepared)
    out: list[Line | Table] = []
    i = 0
    left_open = False
    while i < len(lines):
        if opens_table(lines[i]):
            end = _table_close(lines, i)
            left_open = end is None
            end = len(lines) - 1 if end is None else end
            out.append(read_table(lines[i : end + 1]))
            i = end + 1
        else:
            out.append(lines[i])
            i += 1
    return out, left_open


def find_tables(code) -> list[Table]:
    """The top-level tables of ``code``, in text order (offsets in ``prepare(code)``). A text
    with neither ``{|`` nor an awards-table template has none (it is not cut into lines)."""
    prepared = prepare(code)
    if "{|" not in prepared and not _TABLE_TEMPLATE_NAME.search(prepared):
        return []
    return [b for b in prepared_blocks(prepared)[0] if isinstance(b, Table)]


_TABLE_TEMPLATE_NAME = re.compile(r"awards?[ _]table", re.I)


# =============================================================================================
# Tables
# =============================================================================================

_ATTR = re.compile(r"""([A-Za-z][\w:-]*)\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"']+))""")
_ATTRS_BEFORE_TEMPLATE = re.compile(
    r"""^\s*((?:[A-Za-z][\w-]*\s*=\s*(?:"[^"\n]*"?|'[^'\n]*'|[^\s"'{|]+)\s*)+)(?=\{\{)"""
)


_SPAN = re.compile(r"\s*(\d+)")


@dataclass(eq=False)
class Cell:
    header: bool  # written with "!"
    attrs: dict[str, str]  # attribute names lower-cased
    text: str  # raw wikitext of the content (continuation lines included)
    row: int = -1  # where the layout placed it: its first row and column
    col: int = -1

    def span(self, name: str) -> int:
        """``rowspan`` / ``colspan`` as a browser reads it: leading digits (``"2;"`` is 2),
        at least 1, at most 1000."""
        value = self.attrs.get(name)
        m = _SPAN.match(value) if value else None
        return max(1, min(int(m.group(1)), 1000)) if m else 1

    @property
    def rowspan(self) -> int:
        return self.span("rowspan")

    @property
    def colspan(self) -> int:
        return self.span("colspan")

    @property
    def row_header(self) -> bool:
        """``! scope="row" | ...``: a header cell that heads its row, i.e. data of the table."""
        return self.header and self.attrs.get("scope", "").strip().lower() in ("row", "rowgroup")


@dataclass
class Row:
    index: int
    cells: list[Cell]  # written in this row, in order
    slots: list[Cell | None]  # the laid-out row, the table's full width
    covered: bool = False  # some slot was filled by a cell of an earlier row

    def is_span_copy(self, col: int) -> bool:
        """The slot shows a cell written elsewhere: in an earlier row (rowspan) or in a slot
        further left (colspan). False for an empty slot."""
        cell = self.slots[col] if col < len(self.slots) else None
        return cell is not None and (cell.row, cell.col) != (self.index, col)

    @property
    def kind(self) -> str:
        """ "header" (column names; a second header row under ``rowspan=2`` headers too),
        "title" (one cell across the table: ``! colspan=5 | 1996``) or "data" (row header
        cells, ``! scope="row"``, are data)."""
        borrowed = [s for s in self.slots if s is not None and all(s is not c for c in self.cells)]
        if all(c.header and not c.row_header for c in self.cells) and all(s.header for s in borrowed):
            return "title" if len(self.cells) == 1 and not borrowed else "header"
        if (
            not self.covered
            and len(self.cells) == 1
            and len(self.slots) > 1
            and all(s is self.cells[0] for s in self.slots)
        ):
            return "title"
        return "data"


@dataclass
class Table:
    rows: list[Row]
    lines: list[Line] = field(default_factory=list, repr=False)  # as written, "{|" to "|}"
    caption: str | None = None  # content of the ``|+`` line (attributes removed), if any

    @property
    def width(self) -> int:
        return len(self.rows[0].slots) if self.rows else 0

    @property
    def start(self) -> int:
        """Offset of the opening line in the text the lines were cut from (for ``blocks`` and
        ``find_tables``: in ``prepare(code)``)."""
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        """Offset just after the closing line."""
        return self.lines[-1].start + len(self.lines[-1].text) if self.lines else 0


def read_table(lines: list[Line]) -> Table:
    """The table written on ``lines`` (its opening line first), laid out."""
    return Table(layout(parse_rows(lines)), lines, caption(lines))


def caption(lines: list[Line]) -> str | None:
    """The table's caption (``|+ text`` or ``|+ style="..." | text``; continuation lines
    included), or None. Captions of nested tables are theirs, not this table's."""
    depth = 0
    for i, line in enumerate(lines):
        if opens_table(line):
            depth += 1
            continue
        if _closes_table(line, depth):
            depth -= 1
            continue
        masked = line.masked.lstrip()
        if depth != 1 or not masked.startswith("|+"):
            continue
        lead = len(line.masked) - len(masked)
        cell = _make_cell(False, line.text[lead + 2 :], masked[2:])
        text = cell.text
        for more in lines[i + 1 :]:
            if more.masked.lstrip().startswith(("|", "!")) or opens_table(more):
                break
            text += "\n" + more.text
        return text.strip()
    return None


def parse_rows(lines: list[Line]) -> list[list[Cell]]:
    """Rows of cells, as MediaWiki's table syntax defines them (rows without cells dropped).
    Lines of a nested table, and lines that open no cell, continue the current cell."""
    rows: list[list[Cell]] = []
    row: list[Cell] | None = None
    cell: Cell | None = None
    depth = 0
    for line in lines:
        lead = len(line.masked) - len(line.masked.lstrip())
        masked, text = line.masked[lead:], line.text[lead:]
        nested = depth > 1
        if opens_table(line):
            depth += 1
            nested = depth > 1
        elif _closes_table(line, depth):
            depth -= 1
        if nested or depth > 1:
            if cell is not None:
                cell.text += "\n" + line.text
            continue
        if depth != 1 or opens_table(line):
            continue
        if masked.startswith("|-"):
            row = cell = None
        elif masked.startswith("|+"):
            cell = None
        elif masked.startswith(("|", "!")):
            if row is None:
                row = []
                rows.append(row)
            header = masked[0] == "!"
            for cell_masked, cell_text in _split_cells(masked[1:], text[1:], header):
                cell = _make_cell(header, cell_text, cell_masked)
                row.append(cell)
        elif cell is not None:
            cell.text += "\n" + line.text
    return rows


def _split_cells(masked: str, text: str, header: bool) -> list[tuple[str, str]]:
    out, start = [], 0
    for m in re.finditer(r"\|\||!!" if header else r"\|\|", masked):
        out.append((masked[start : m.start()], text[start : m.start()]))
        start = m.end()
    out.append((masked[start:], text[start:]))
    return out


def _make_cell(header: bool, text: str, masked: str) -> Cell:
    """``attributes | content``; attributes written before a template without a pipe
    (``|rowspan=12 {{nom}}``) are attributes too, as the template brings the pipe."""
    k = masked.find("|")
    attrs, content = ("", text)
    if k >= 0 and MASK not in masked[:k]:
        attrs, content = text[:k], text[k + 1 :]
    m = _ATTRS_BEFORE_TEMPLATE.match(content)
    if not attrs and m:
        attrs, content = m.group(1), content[m.end(1) :]
    values = {
        a.group(1).lower(): next(g for g in a.groups()[1:] if g is not None) for a in _ATTR.finditer(attrs)
    }
    return Cell(header, values, content)


def layout(rows: list[list[Cell]]) -> list[Row]:
    """The HTML table algorithm: each cell takes the first free slot of its row and fills
    ``rowspan`` x ``colspan`` slots (a rowspan stops at the last row)."""
    taken: dict[int, dict[int, Cell]] = {}
    covered = []
    for r, row in enumerate(rows):
        covered.append(bool(taken.get(r)))
        col = 0
        for cell in row:
            while col in taken.get(r, {}):
                col += 1
            cell.row, cell.col = r, col
            rowspan, colspan = cell.rowspan, cell.colspan
            for dr in range(min(rowspan, len(rows) - r)):
                slots = taken.setdefault(r + dr, {})
                for dc in range(colspan):
                    slots[col + dc] = cell
            col += colspan
    width = max((max(cols) + 1 for cols in taken.values() if cols), default=0)
    return [
        Row(r, row, [taken.get(r, {}).get(c) for c in range(width)], covered[r]) for r, row in enumerate(rows)
    ]
