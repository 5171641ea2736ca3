"""The lean builder makes mwparserfromhell's tree, node for node: the same kinds, texts and
fields at every depth, for texts of every node kind, random token soups and every page of
the shared corpus; and its trees edit like mwparserfromhell's."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import mwparserfromhell as mwp
import pytest
from hypothesis import given
from mwparserfromhell.nodes import Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Wikilink

from etl.lib.wiki import builder
from tests.conftest import CORPUS, CORPUS_MORE, NEEDS_CORPUS
from tests.test_fuzz import FUZZ, wiki


def _fields(node) -> tuple:
    """What a reader of the node reads besides its children: names, flags, markup."""
    if isinstance(node, Template):
        return (str(node.name), [(str(p.name), str(p.value), p.showkey) for p in node.params])
    if isinstance(node, Wikilink):
        return (str(node.title), None if node.text is None else str(node.text))
    if isinstance(node, Comment):
        return (node.contents,)
    if isinstance(node, Tag):
        attrs = [(str(a.name), None if a.value is None else str(a.value), a.quotes) for a in node.attributes]
        markup = (node.wiki_markup, node.closing_wiki_markup, node.wiki_style_separator)
        flags = (node.self_closing, node.invalid, node.implicit, node.padding)
        return (str(node.tag), str(node.closing_tag), str(node.contents), markup, flags, attrs)
    if isinstance(node, ExternalLink):
        return (str(node.url), None if node.title is None else str(node.title), node.brackets)
    if isinstance(node, HTMLEntity):
        return (node.value, node.named, node.hexadecimal, node.normalize())
    if isinstance(node, Heading):
        return (str(node.title), node.level)
    return ()


def _tree(code) -> list:
    """Every node at every depth: kind, text, fields and children, in order."""
    return [
        (type(n).__name__, str(n), _fields(n), [_tree(child) for child in n.__children__()])
        for n in code.nodes
    ]


def assert_same_tree(text: str, skip_style_tags: bool = True) -> None:
    lean = builder.parse(text, skip_style_tags=skip_style_tags)
    theirs = mwp.parse(text, skip_style_tags=skip_style_tags)
    assert str(lean) == str(theirs)
    assert _tree(lean) == _tree(theirs)


KINDS = [
    "plain text, nothing else",
    "[[Target]] and [[Target (film)|shown text]] and [[a|]]",
    "{{Infobox film\n| name = X\n| starring = {{Plainlist|\n* [[A]]\n* [[B|b]]\n}}\n| 3 }}",
    "{{a|positional|named=value|=empty name|another}}{{b}}",
    "{{{argument|default}}} and {{{bare}}}",
    "text<!-- a comment [[with a link]] -->more<!--unclosed",
    '<ref name="x">{{cite web|url=http://x.org|title=T}}</ref> and <ref name=y />',
    'a<br>b<br />c<small>note</small><span style="display:none">hidden</span>',
    "&nbsp;&amp;&#123;&#x7B;&bogus;",
    "[http://example.org label] http://bare.example.org [//proto.relative]",
    "== Heading ==\ntext\n=== Sub [[link]] ===\n",
    "* item\n** deeper\n# numbered\n; term\n: description\n----\n",
    '{| class="wikitable"\n|-\n! Year !! Award\n|-\n| 1999 || [[Won]]\n|}',
    "''italic'' and '''bold''' and '''''both'''''",
    "[[File:Poster.jpg|thumb|The [[poster]] of {{film|x}}]]",
    "{{unclosed [[also unclosed <ref>never closed",
    "<nowiki>{{not a template}}</nowiki><pre>[[no link]]</pre>",
]


@pytest.mark.parametrize("text", KINDS)
@pytest.mark.parametrize("skip_style_tags", [True, False])
def test_every_node_kind_builds_as_mwparserfromhell(text, skip_style_tags):
    assert_same_tree(text, skip_style_tags)


@FUZZ
@given(wiki)
def test_any_token_soup_builds_as_mwparserfromhell(text):
    assert_same_tree(text)


def test_a_lean_tree_edits_as_mwparserfromhell():
    text = "{{a|1|k=v}} [[T|shown]] <!--c--> tail"
    lean, theirs = builder.parse(text), mwp.parse(text)
    for code in (lean, theirs):
        link = code.filter_wikilinks()[0]
        link.text = None
        link.title = "Other"
        template = code.filter_templates()[0]
        template.add("k", "new")
        template.add("extra", "[[x]]")
        code.remove(code.filter_comments()[0])
    assert str(lean) == str(theirs) == "{{a|1|k=new|extra=[[x]]}} [[Other]]  tail"
    assert _tree(lean) == _tree(theirs)


def _corpus_texts() -> list[str]:
    paths = sorted(CORPUS.glob("*.xml")) + sorted(CORPUS_MORE.glob("*.xml"))
    return [ET.parse(p).getroot().findtext("./revision/text") or "" for p in paths]


def test_every_corpus_page_builds_as_mwparserfromhell():
    texts = _corpus_texts()
    if not texts:
        pytest.skip(NEEDS_CORPUS)
    assert len(texts) == 62  # 12 films and 3 non-films, then 47 more films
    for text in texts:
        assert_same_tree(text)
