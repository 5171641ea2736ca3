"""The pre-pass before every parse: balanced text is left exactly as it is, unclosed openers and
nesting past the tokenizer's depth become text, and a real article with 100,000 of them still
loads as the film it is (within the parse budget: a regression is a budget rejection here)."""

from __future__ import annotations

import mwparserfromhell as mwp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.lib.pipeline.intake import WIKITEXT, Page, SourceFile
from etl.lib.pipeline.workers import DEFAULT_BUDGET, parse_within
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.balance import MAX_DEPTH, TEMPLATE_LEVELS, balance
from tests.conftest import (
    CORPUS,
    CORPUS_MORE,
    NEEDS_CORPUS,
    corpus_more_wikitext,
    corpus_wikitext,
    seed_wikitext,
)
from tests.test_fuzz import FUZZ

PROPERTIES = settings(FUZZ, max_examples=150)

# --- balanced text is the identity ----------------------------------------------------------

_plain = st.text(alphabet="ab \n=*:'#.", max_size=8)
_name = st.text(alphabet="abcXY ", min_size=1, max_size=6).filter(str.strip)
_opaque = st.sampled_from(["<!-- {{ [[ {| -->", "<nowiki>{{x|</nowiki>", "<pre>[[a|</pre>", "<nowiki/>"])


def _nest(inner):
    template = st.tuples(_name, st.lists(inner, max_size=3)).map(
        lambda t: "{{" + t[0] + "".join("|" + p for p in t[1]) + "}}"
    )
    argument = inner.map(lambda v: "{{{1|" + v + "}}}")
    link = st.tuples(_name, st.none() | inner).map(
        lambda t: "[[" + t[0] + ("" if t[1] is None else "|" + t[1]) + "]]"
    )
    table = inner.map(lambda v: "\n{|\n|" + v + "\n|}\n")
    return st.lists(template | argument | link | table | _plain | _opaque, min_size=1, max_size=3).map(
        "".join
    )


balanced = st.recursive(_plain | _opaque, _nest, max_leaves=12)


@PROPERTIES
@given(balanced)
def test_balanced_text_is_left_as_it_is(text):
    assert balance(text) is text
    assert str(wt.parse(text)) == str(mwp.parse(text, skip_style_tags=True)) == text


def test_the_seed_article_is_balanced():
    text = seed_wikitext()
    assert balance(text) is text


@pytest.mark.parametrize("read", [corpus_wikitext, corpus_more_wikitext])
def test_every_corpus_page_is_balanced(read):
    folder = CORPUS if read is corpus_wikitext else CORPUS_MORE
    if not folder.is_dir():
        pytest.skip(NEEDS_CORPUS)
    texts = {p.stem: read(p.stem) for p in sorted(folder.glob("*.xml"))}
    assert len(texts) >= 10
    assert [title for title, text in texts.items() if balance(text) is not text] == []


# --- unbalanced text becomes text that reads the same ---------------------------------------

_ENTITIES = {"&#123;": "{", "&#125;": "}", "&#91;": "[", "&#93;": "]"}
soup = st.lists(
    st.sampled_from(
        ["{{", "}}", "{{{", "}}}", "[[", "]]", "\n{|", "\n|}", "|", "x", " ", "\n", "<!--", "-->"]
    ),
    max_size=60,
).map("".join)


def _decoded(text: str) -> str:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


@PROPERTIES
@given(soup)
def test_only_brackets_change_and_a_second_pass_changes_nothing(text):
    once = balance(text)
    assert _decoded(once) == text
    assert balance(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a {{x| b", "a {&#123;x| b"),
        ("a [[x| b", "a &#91;[x| b"),
        ("a\n{|\n| b", "a\n&#123;|\n| b"),
        ("{{{{x}}", "{&#123;{{x}}"),  # the innermost two braces close; one brace alone is text
        ("[[[x]]", "[[[x]]"),  # the first bracket is text, the last two open the link
        ("[[ no title\n]]", "[[ no title\n]]"),  # given up at the line break: nothing to do
        ("{{\n| a}}", "{{\n| a}}"),  # no name: not a template
        ("<!-- {{x| -->", "<!-- {{x| -->"),
        ("<nowiki>[[x|</nowiki>", "<nowiki>[[x|</nowiki>"),
        ("<!-- {{x|", "<!-- {&#123;x|"),  # an unclosed comment is text itself
    ],
)
def test_what_an_unmatched_opener_becomes(text, expected):
    assert balance(text) == expected


def test_an_unclosed_opener_renders_as_the_same_characters():
    assert wt.render("a {{x| b [[y| c") == "a {{x| b [[y| c"
    assert wt.parse("a {{x| b").filter_templates() == []


def test_nesting_deeper_than_the_bound_is_flattened_and_the_rest_kept():
    depth = MAX_DEPTH // TEMPLATE_LEVELS
    code = wt.parse("{{outer|" + "{{a|" * 5000 + "x" + "}}" * 5000 + "|last=kept}}")
    (outer,) = code.filter_templates(recursive=False)
    assert wt.named(outer, "last") == "kept"
    assert len(code.filter_templates()) == depth
    assert str(code).count("&#123;&#123;a|") == 5000 - (depth - 1)  # the pairs past the bound


# --- a real article with hostile insertions still loads -------------------------------------


def _insert(text: str, at: str, piece: str) -> str:
    i = text.index(at)
    return text[:i] + piece + text[i:]


def _facts(text: str):
    src = SourceFile("rocky.txt", "0" * 64, len(text), WIKITEXT)
    doc = parse_within(Page(src, WIKITEXT, text, "Rocky"), DEFAULT_BUDGET)
    assert not hasattr(doc, "reason"), doc.reason  # type: ignore[union-attr]
    facts = doc.facts  # type: ignore[union-attr]
    return facts.title, facts.release_year, [(c.role, c.person.name) for c in facts.credits]


@pytest.mark.parametrize(
    ("at", "piece"),
    [
        ("\n==Production==", "{{x|" * 100_000),
        ("\n==Production==", "[[" * 100_000),
        ("\n==Production==", "[[x|" * 100_000),
        ("\n==Production==", "\n{|\n|" * 20_000),
        ("| starring", "{{a|" * 5000 + "x" + "}}" * 5000),  # inside the infobox
    ],
    ids=["templates", "brackets", "links", "tables", "deep nesting"],
)
def test_a_real_article_with_100000_unclosed_openers_is_still_its_film(at, piece):
    clean = _facts(corpus_wikitext("Rocky"))
    assert clean[:2] == ("Rocky", 1976)
    assert ("director", "John G. Avildsen") in clean[2]
    assert _facts(_insert(corpus_wikitext("Rocky"), at, piece)) == clean


# --- a whole simple template or link is one step of the scan, read as its two runs are ------


@pytest.mark.parametrize(
    "text, balanced",
    [
        ("{{a|b}} [[c|d]]", "{{a|b}} [[c|d]]"),
        ("{{a}}} [[b]]]", "{{a}}} [[b]]]"),  # a third closer is text
        ("{{ |x}} {{y|", "{{ |x}} {&#123;y|"),  # no name: no template, and the open one stays open
        ("{{a\nb|x}}", "{{a\nb|x}}"),  # a name over two lines opens nothing, closes nothing
        ("{{outer|{{ |x}}", "{{outer|{{ |x}}"),  # so its closer closes the template around it
        ("{{a|<!--}}-->}}", "{{a|<!--}}-->}}"),  # the closer in a comment is hidden
        ("<!--{{a}}-->{{b|", "<!--{{a}}-->{&#123;b|"),  # so is a whole template
        ("[[a|<!--]]-->]] [[b|", "[[a|<!--]]-->]] &#91;[b|"),
        ("[[]] [[|", "[[]] &#91;[|"),
    ],
)
def test_simple_templates_and_links_are_read_as_their_runs(text, balanced):
    assert balance(text) == balanced


def test_a_simple_template_holding_a_comment_closes_after_it():
    from etl.lib.wiki.balance import LINK_LEVELS, structure

    assert structure("{{a|<!--}}-->}}") == ([(4, 13)], [((0, 2), (13, 15), TEMPLATE_LEVELS)])
    assert structure("[[a|<!--]]-->]]") == ([(4, 13)], [((0, 2), (13, 15), LINK_LEVELS)])
    assert structure("{{outer|{{ |x}}") == ([], [((0, 2), (13, 15), TEMPLATE_LEVELS)])
