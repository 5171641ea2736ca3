"""Tables read from the wikitext syntax: cells as MediaWiki splits them, the grid a browser
lays out. Every expected grid is drawn by hand from the table's source."""

from __future__ import annotations

import pytest

from etl.lib.wiki import wikitable
from etl.lib.wiki.wikitable import Table


def table(source: str) -> Table:
    (found,) = wikitable.find_tables(source)
    return found


def grid(t: Table) -> list[list[str | None]]:
    """Each slot's text, stripped (None: no cell reaches the slot)."""
    return [[s.text.strip() if s is not None else None for s in row.slots] for row in t.rows]


def copies(t: Table) -> list[list[bool]]:
    return [[row.is_span_copy(c) for c in range(len(row.slots))] for row in t.rows]


def test_rowspan_fills_the_rows_below():
    t = table("{|\n! A !! B !! C\n|-\n| a1 || rowspan=2 | b || c1\n|-\n| a2 || c2\n|-\n| a3 || b3 || c3\n|}")
    assert grid(t) == [["A", "B", "C"], ["a1", "b", "c1"], ["a2", "b", "c2"], ["a3", "b3", "c3"]]
    assert copies(t)[2] == [False, True, False]
    assert t.rows[1].slots[1] is t.rows[2].slots[1]  # one cell in two slots
    assert [r.covered for r in t.rows] == [False, False, True, False]
    assert [c.text.strip() for c in t.rows[2].cells] == ["a2", "c2"]


def test_rowspan_in_the_first_column_and_past_the_last_row():
    t = table("{|\n| rowspan=5 | x || 1\n|-\n| 2\n|}")
    assert grid(t) == [["x", "1"], ["x", "2"]]
    assert copies(t) == [[False, False], [True, False]]


def test_colspan_and_short_rows():
    t = table("{|\n| colspan=2 | ab || c\n|-\n| a\n|-\n| a || b || c || d\n|}")
    assert grid(t) == [["ab", "ab", "c", None], ["a", None, None, None], ["a", "b", "c", "d"]]
    assert copies(t)[0] == [False, True, False, False]
    assert t.width == 4


def test_rowspan_and_colspan_together():
    t = table('{|\n| rowspan="2" colspan="2" | X || a\n|-\n| b\n|-\n| c || d || e\n|}')
    assert grid(t) == [["X", "X", "a"], ["X", "X", "b"], ["c", "d", "e"]]
    assert copies(t)[1] == [True, True, False]


def test_span_values_read_as_a_browser_reads_them():
    t = table('{|\n| rowspan="2;" | a || b\n|-\n| c\n|}')
    assert grid(t) == [["a", "b"], ["a", "c"]]
    t = table("{|\n| rowspan=0 | a || b\n|-\n| c || d\n|}")  # no digit above 0: one row
    assert grid(t) == [["a", "b"], ["c", "d"]]


def test_row_kinds_and_row_headers():
    t = table(
        '{|\n! colspan=2 | 1996\n|-\n! scope="col" | Actor !! Role\n|-\n'
        '! scope="row" | [[Jane Doe]]\n| Alice\n|-\n| colspan=2 | Supporting\n|}'
    )
    assert [r.kind for r in t.rows] == ["title", "header", "data", "title"]
    head = t.rows[2].cells[0]
    assert (head.header, head.row_header, head.text.strip()) == (True, True, "[[Jane Doe]]")
    assert t.rows[1].cells[0].row_header is False


def test_second_header_row_under_rowspan_headers():
    t = table(
        "{|\n! rowspan=2 | Character !! colspan=2 | Voice\n|-\n! Japanese !! English\n|-\n| A || B || C\n|}"
    )
    assert [r.kind for r in t.rows] == ["header", "header", "data"]
    assert grid(t)[:2] == [["Character", "Voice", "Voice"], ["Character", "Japanese", "English"]]


def test_inline_cells_and_pipes_inside_links_and_templates():
    t = table("{|\n! A !! B || C\n|-\n| [[Page|Shown]] || {{sort|x|y}} || plain\n|}")
    assert grid(t) == [["A", "B", "C"], ["[[Page|Shown]]", "{{sort|x|y}}", "plain"]]
    assert all(c.header for c in t.rows[0].cells)
    # "!!" separates header cells only
    t = table("{|\n| wow!! || b\n|}")
    assert grid(t) == [["wow!!", "b"]]


def test_rows_starting_with_double_pipes():
    t = table("{|\n|-\n|| [[Award A]]\n| Category\n|-\n|| B || C\n|}")
    assert grid(t) == [["[[Award A]]", "Category"], ["B", "C"]]
    assert t.rows[0].cells[0].attrs == {}


def test_attributes():
    t = table(
        '{|\n| style="color:red" | a || rowspan=2 {{nom}} || lit. "garbage" | [[Name]]\n|-\n| b || c\n|}'
    )
    first = t.rows[0].cells
    assert first[0].attrs == {"style": "color:red"} and first[0].text.strip() == "a"
    # attributes before a template without a pipe: the template brings the pipe
    assert (first[1].rowspan, first[1].text.strip()) == (2, "{{nom}}")
    # anything before the first top-level pipe is attributes, even when it is not one
    assert first[2].text.strip() == "[[Name]]"
    assert grid(t)[1] == ["b", "{{nom}}", "c"]


def test_continuation_lines_multi_line_templates_and_nested_tables():
    source = (
        "{|\n|-\n| a {{cite web\n|title=T\n|url=http://x}}\ncontinued\n| b\n"
        "|-\n| outer\n{|\n| inner || cell\n|}\n| c\n|}"
    )
    t = table(source)
    assert len(t.rows) == 2
    assert t.rows[0].cells[0].text == " a {{cite web\n|title=T\n|url=http://x}}\ncontinued"
    assert grid(t)[0][1] == "b"
    assert t.rows[1].cells[0].text == " outer\n{|\n| inner || cell\n|}"  # stays in its cell
    assert grid(t)[1][1] == "c"


def test_captions_empty_rows_comments_and_pipe_templates():
    t = table("{|\n|+ Caption\n|-\n|-\n{{!}} a <!-- | not a cell --> {{!!}} b\n|-\n| x {{!}} y\n|}")
    assert grid(t) == [["a", "b"], ["y", None]]  # "x" is the attributes of "y"


def test_find_tables_offsets_and_wrappers():
    source = (
        "Prose.\n<center>{| class=wikitable\n| a\n|}</center>\nMore prose.\n"
        ":{|\n| b\n|}\n{{Awards table}}\n| 1996 || c\n{{end}}\nEnd"
    )
    tables = wikitable.find_tables(source)
    assert [grid(t) for t in tables] == [[["a"]], [["b"]], [["1996", "c"]]]
    assert source[tables[0].start : tables[0].end] == "<center>{| class=wikitable\n| a\n|}</center>"
    assert source[tables[1].start : tables[1].end] == ":{|\n| b\n|}"
    lines = [b.text for b in wikitable.blocks(source) if isinstance(b, wikitable.Line)]
    assert lines == ["Prose.", "More prose.", "End"]


def test_unclosed_table_runs_to_the_end():
    (t,) = wikitable.find_tables("{|\n| a\n|-\n| b")
    assert grid(t) == [["a"], ["b"]]


def test_mask_hides_constructs_and_keeps_offsets():
    text = "a [[L|x]] {{t|y\n|z}} <ref>r|s</ref> [[unclosed | b"
    masked = wikitable.mask(text)
    assert len(masked) == len(text)
    assert masked.startswith("a ") and "|" not in masked[: masked.index("[[unclosed")]
    assert masked.endswith("[[unclosed | b")


def test_awards_table_end_closes_the_table_and_opens_none():
    source = (
        "{{Awards table}}\n|-\n| 2012 || a\n{{Awards table end}}\n== Next ==\n"
        "{| class=wikitable\n| b\n|}\n{{Awards table|ref=yes}}\n| c\n{{end}}\nEnd"
    )
    tables = wikitable.find_tables(source)
    assert [grid(t) for t in tables] == [[["2012", "a"]], [["b"]], [["c"]]]
    lines = [b.text for b in wikitable.blocks(source) if isinstance(b, wikitable.Line)]
    assert lines == ["== Next ==", "End"]


def test_caption():
    t = table('{| class="wikitable"\n|+ style="text-align:left" | [[Academy Awards]]\n! A\n|-\n| a\n|}')
    assert t.caption == "[[Academy Awards]]" and grid(t) == [["A"], ["a"]]
    assert table("{|\n|+ Plain caption\n| a\n|}").caption == "Plain caption"
    # a nested table's caption is its own
    assert table("{|\n| outer\n{|\n|+ Inner\n| x\n|}\n|}").caption is None


@pytest.mark.parametrize(
    "source, masked",
    [
        ("a {{b|[[c]]}} d", "a " + wikitable.MASK * 11 + " d"),
        ("{{a\n[[b\n}} c", wikitable.MASK * 10 + " c"),  # the [[ ends at its line; the template closes
        ("[[a {{b\n}}]] c", wikitable.MASK * 12 + " c"),  # a line break inside a template keeps the link
        ("{{a <ref>x}}", "{{a <ref>x}}"),  # an unclosed ref leaves the template open: text
        ("{{a}} {{b", wikitable.MASK * 5 + " {{b"),
        ("<nowiki>{{</nowiki>}}", wikitable.MASK * 19 + "}}"),
    ],
)
def test_mask_covers_closed_constructs_only(source, masked):
    assert wikitable.mask(source) == masked


def test_tables_are_found_however_they_open_and_a_list_has_none():
    assert wikitable.find_tables("* [[A]] as B\n* C") == []
    (piped,) = wikitable.find_tables("x\n{{{!}} class=wikitable\n|-\n| a || b\n|}\n")
    assert [c.text.strip() for c in piped.rows[0].cells] == ["a", "b"]
    (awards,) = wikitable.find_tables("x\n{{Awards table}}\n|-\n| a || b\n{{end}}\n")
    assert [c.text.strip() for c in awards.rows[0].cells] == ["a", "b"]
