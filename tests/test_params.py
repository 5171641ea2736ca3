"""Template parameters read without the parser (``params.split``) are mwparserfromhell's, param
for param: names, values, order, repeated names, and each value parsed alone gives the tree the
template's parse holds for it. What the scanner cannot be sure of gives None (the caller then
parses the template), and every infobox of the shared corpus is read without the parser."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import mwparserfromhell as mwp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.lib.wiki import params
from etl.lib.wiki import wikitext as wt
from tests.conftest import CORPUS, CORPUS_MORE, NEEDS_CORPUS
from tests.test_fuzz import FUZZ


def _shape(code) -> list[tuple[str, str]]:
    """Every node of a tree, at any depth, as (kind, text)."""
    return [(type(n).__name__, str(n)) for n in code.ifilter(recursive=True)]


def assert_reads_as_parser(text: str) -> params.Params | None:
    """``split(text)``, checked against mwparserfromhell's parse of ``text`` when it is not None."""
    got = params.split(text)
    if got is None:
        return None
    nodes = mwp.parse(text, skip_style_tags=True).nodes
    assert len(nodes) == 1 and isinstance(nodes[0], mwp.nodes.Template), text
    template = nodes[0]
    assert got.name == str(template.name)
    assert [(p.name, p.value, p.showkey) for p in got.params] == [
        (str(p.name), str(p.value), p.showkey) for p in template.params
    ]
    for mine, theirs in zip(got.params, template.params):
        assert _shape(wt.parse(mine.value)) == _shape(theirs.value), mine
    return got


def test_names_values_order_and_repeats_as_written():
    text = (
        "{{Infobox film\n| name = Leaving Las Vegas\n|  director  = [[Mike Figgis]]\n"
        "| starring = {{Plainlist|\n* [[Nicolas Cage]]\n* [[Elisabeth Shue]]\n}}\n"
        "| budget = $3.6 million<ref>{{cite web|url=http://x.org/a?b=c|title=Budget}}</ref>\n"
        "| runtime = 112 minutes<br />\n| name = Again\n| positional\n|=empty name\n|b\n = c\n"
        "| caption = [[File:Poster.jpg|thumb|The [[poster]]]]\n| url = http://x.org/?q=1\n}}"
    )
    got = assert_reads_as_parser(text)
    assert got is not None
    assert [(p.name, p.showkey) for p in got.params] == [
        (" name ", True),
        ("  director  ", True),
        (" starring ", True),
        (" budget ", True),
        (" runtime ", True),
        (" name ", True),
        ("1", False),
        ("", True),
        ("b\n ", True),
        (" caption ", True),
        (" url ", True),
    ]
    assert got.params[6].value == " positional\n"
    assert got.params[5].value == " Again\n"


def test_comments_hide_pipes_and_equals():
    text = "{{Infobox film <!-- see the doc -->\n| a = x <!-- | b = y -->\n| c<!-- = -->d = e\n}}"
    got = assert_reads_as_parser(text)
    assert got is not None
    assert [(p.name, p.value) for p in got.params] == [
        (" a ", " x <!-- | b = y -->\n"),
        (" c<!-- = -->d ", " e\n"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "{{x|a=<ref>p|q</ref>}}",  # a pipe inside a tag is the tag's (one parameter)
        "{{x|a=<small>p|q</small>}}",
        "{{x|a=<nowiki>|</nowiki>}}",
        "{{x|a=<pre>{{</pre>}}",
        "{{x|a={{{1|}}}}}",  # an argument
        "{{x|a=[http://x.org p|q]}}",  # a pipe inside an external link's text
        "{{x|a=*p}}",  # a list marker at a value's start is text inside a template
        "{{x|a=p\n== Heading ==\nq}}",
        "{{x|a=\n{| class=wikitable\n|-\n| p || q\n|}\n}}",
        "{{x|a=p <!-- open}}",
        "{{x|a={{c|<small>p}}</small>}}",  # a tag left open in a nested template reads on
        "{{x|a=<li>p|q}}",
        "{{x|a=p{q|b=r}}",  # a brace alone
        "{{x|a={{b|c}}",  # not closed
        "{{x|a={{b\nc|d}}}}",  # a nested name over two lines
        "{{x|a=[http://x.org p}}]}}",  # braces inside an external link's text are text
        "{{x|[[p]]=q}}",  # a name holding a link
        "{{x|a=<span title='p|q'>r</span>}}",
    ],
)
def test_what_the_scanner_cannot_be_sure_of_is_left_to_the_parser(text):
    assert params.split(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "{{x|a=[[p\nq|r]]}}",  # no link (a title over two lines): its pipe is the template's
        "{{x|a=<small>p</small>|b=<br>q<br/>r|c=<ref name=n />}}",
        "{{x|a=[http://x.org p]|b=[[p|q|r]]|c=p]q}}",
        "{{x|{{b}}{{c}}|d}}",
        "{{x|a={{b|<small>c</small>}}|d=<ref>{{e|f=g}}</ref>}}",
        "{{x|a=\n* [[p]]\n* q\n|b = x &lt; y}}",
        "{{x|http://x.org/?q=1|a=b=c}}",
    ],
)
def test_what_the_scanner_is_sure_of_reads_as_the_parser(text):
    assert assert_reads_as_parser(text) is not None


def test_a_template_the_parser_reads_is_given_with_its_trees():
    (template,) = mwp.parse("{{x|a=[[b]]|c}}").filter_templates()
    got = params.of_template(template)
    assert [(p.name, str(p.value), p.showkey) for p in got.params] == [
        ("a", "[[b]]", True),
        ("1", "c", False),
    ]
    assert got.params[0].value is template.params[0].value


_PIECES = st.sampled_from(
    [
        "a",
        "b ",
        "\n",
        "|",
        "=",
        "{{t|",
        "{{t}}",
        "}}",
        "[[l",
        "[[l|",
        "]]",
        "<ref>",
        "</ref>",
        "<ref name=r/>",
        "<small>",
        "</small>",
        "<br>",
        "<!--",
        "-->",
        "*",
        ":",
        "[http://x.org ",
        "]",
        "{",
        "}",
        "''",
        "&nbsp;",
        "http://y.org/",
        "<",
    ]
)


@settings(FUZZ, max_examples=400)
@given(st.lists(_PIECES, max_size=14))
def test_any_template_read_without_the_parser_reads_as_the_parser(pieces):
    assert_reads_as_parser("{{x|" + "".join(pieces) + "}}")


def _corpus_pages() -> list[str]:
    folders = [CORPUS, CORPUS_MORE]
    if not all(f.is_dir() for f in folders):
        pytest.skip(NEEDS_CORPUS)
    return [
        ET.parse(p).getroot().findtext("./revision/text") or ""
        for f in folders
        for p in sorted(f.glob("*.xml"))
    ]


def test_every_infobox_of_the_corpus_is_read_without_the_parser_as_the_parser_reads_it():
    boxes = [
        chunk
        for text in _corpus_pages()
        for m in wt._INFOBOX_START.finditer(text)
        if (chunk := wt.balanced_braces(text, m.start()))
    ]
    assert len(boxes) == 59
    assert all(assert_reads_as_parser(chunk) is not None for chunk in boxes)


def test_every_template_of_the_corpus_reads_as_the_parser_reads_it():
    read = left = 0
    for text in _corpus_pages():
        for m in re.finditer(r"\{\{", text):
            chunk = wt.balanced_braces(text, m.start())
            if chunk:
                if assert_reads_as_parser(chunk) is None:
                    left += 1
                else:
                    read += 1
    assert (read, left) == (2791, 34)
