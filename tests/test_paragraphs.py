"""Prose parsed only where a fact can be: the paragraphs of a section, and what is left out."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from etl.lib.extract import prose
from etl.lib.text.sentences import sentences
from etl.lib.wiki import paragraphs as P
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.article import Article
from tests.conftest import CORPUS, CORPUS_MORE, NEEDS_CORPUS, corpus_wikitext


def test_paragraphs_are_cut_only_where_no_construct_spans_the_line_break():
    text = "A {{cite web\n|title=x}} b.\nC <ref>d\ne</ref> f.\n<div>g\nh</div>\n[[i]] j."
    clean, paras = P.paragraphs(text)
    assert [clean[p.start : p.end] for p in paras] == [
        "A {{cite web\n|title=x}} b.",
        "C <ref>d\ne</ref> f.",
        "<div>g\nh</div>",
        "[[i]] j.",
    ]
    assert paras[1].view == "C f."  # a ref is never shown, so never seen


def test_a_paragraph_left_out_counts_its_unknown_templates_as_rendering_would():
    text = (
        "Plain words {{some unknown thing}} and {{cn}}.<ref>{{another unknown}}</ref>\nRotten Tomatoes: 50%."
    )
    ctx = wt.Context()
    out = P.render_where(text, prose.might_rate, ctx)
    assert out == P.SKIPPED + "\nRotten Tomatoes: 50%."
    rendered = wt.Context()
    wt.render(text, rendered)
    assert ctx.unknown == rendered.unknown == Counter({"some unknown thing": 1})


def test_refs_are_cut_out_before_a_kept_paragraph_is_parsed():
    text = "Rotten Tomatoes: 50%.<ref>{{cite web|title=x}}</ref> More.<ref name=a/> [[A]]<ref>[b]</ref>[[C]]"
    clean, paras = P.paragraphs(text)
    assert P.without_refs(clean, paras) == "Rotten Tomatoes: 50%. More. [[A]]<ref>[b]</ref>[[C]]"
    assert wt.render(P.without_refs(clean, paras)) == wt.render(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # refs side by side are cut as one: only what stands around the run can join
        ('Metacritic: 70.<ref>{{cite web|title=x}}</ref><ref name="mc" /> It', "Metacritic: 70. It"),
        ("[[A]]<ref>a</ref><ref>b</ref>[[C]]", "[[A]]<ref>a</ref><ref>b</ref>[[C]]"),
    ],
)
def test_refs_side_by_side_are_cut_as_one(text, cut):
    clean, paras = P.paragraphs(text)
    assert P.without_refs(clean, paras) == cut
    assert wt.render(cut) == wt.render(text)


def test_a_template_that_renders_text_is_parsed_when_nothing_else_tells_what_shows():
    text = "It grossed {{US$|5 million}}.\nIt grossed {{cn}} much.\n{{US$|5}}\n{{US$|{{x}}}} it"
    _, paras = P.paragraphs(text)
    assert [(p.renders, p.must_parse) for p in paras] == [
        (True, False),  # its other text shows: it can be left out, its view holds "5 million"
        (False, False),
        (True, True),  # nothing else: does it show anything?
        (True, True),  # a template in its arguments may count as unknown
    ]
    parsed = P.parsed_where(text, lambda shown: False)
    assert [str(tree) for tree in parsed] == ["It grossed {{US$|5 million}}.", "{{US$|5}}\n{{US$|{{x}}}} it"]
    out = P.render_where(text, lambda view: "million" in view)
    assert out.split("\n")[:2] == ["It grossed US$5 million.", P.SKIPPED]


def test_an_entity_needs_a_parse_only_in_a_paragraph_that_shows_nothing_else():
    _, paras = P.paragraphs("It ran 120&nbsp;minutes.\n&nbsp;\nA&amp;B")
    assert [p.must_parse for p in paras] == [False, True, False]
    assert paras[0].view == "It ran 120 minutes." and paras[0].shows_text


def test_a_template_that_renders_nothing_is_not_in_the_view():
    text = "{{Track listing|title1=Song|length1=3:10|note1=released 1999 on the album}}\nIt grossed {{US$|5 million}}{{efn|1999}}."
    _, paras = P.paragraphs(text)
    assert [p.view for p in paras] == ["", "It grossed {{US$|5 million}}."]
    assert [(p.renders, p.must_parse, p.shows_text) for p in paras] == [
        (False, False, False),
        (True, False, True),
    ]


def test_a_table_is_left_out_by_render_where_unless_its_view_is_kept():
    text = (
        "Rotten Tomatoes gives it 91%.\n"
        '{| class="wikitable"\n! Award !! Result\n|-\n| [[Saturn Award]] {{dunno|x}} || Won\n|}\n'
        "It was a hit."
    )
    _, paras = P.paragraphs(text)
    assert [(p.table, p.must_parse) for p in paras] == [(False, False), (True, False), (False, False)]
    ctx = wt.Context()
    out = P.render_where(text, prose.might_rate, ctx)
    assert out.split("\n") == ["Rotten Tomatoes gives it 91%.", P.SKIPPED, P.SKIPPED]
    assert ctx.unknown == Counter({"dunno": 1})  # counted as rendering the table counts it
    kept = P.render_where(text, lambda view: "Saturn" in view)
    assert kept.split("\n")[1:3] == ["Award Result", "Saturn Award Won"]
    assert len(P.parsed_where(text, lambda shown: False)) == 1  # parsed_where parses a table


def test_taxi_driver_reception_is_read_from_one_paragraph_of_twenty():
    article = Article("Taxi Driver", corpus_wikitext("Taxi Driver"))
    (section,) = article.titled("critical response")
    _, paras = P.paragraphs(section.text)
    out = P.render_where(section.text, prose.might_rate, None, prose.might_carry)
    kept = [s for s in out.split("\n") if s != P.SKIPPED]
    assert (len(paras), out.count(P.SKIPPED), len(kept)) == (20, 8, 1)
    assert kept[0].startswith(
        "Rotten Tomatoes gives the film a score of 98% based on reviews from 80 critics"
    )
    assert prose.ratings_from_prose(out) == prose.ratings_from_prose(wt.render(section.code))


def _counts(text: str) -> Counter:
    ctx = wt.Context()
    wt.render(text, ctx)
    return ctx.unknown


def _corpus_texts():
    if not CORPUS.is_dir():
        pytest.skip(NEEDS_CORPUS)
    for folder in (CORPUS, CORPUS_MORE):
        for path in sorted(folder.glob("*.xml")):
            text = ET.parse(path).getroot().findtext("./revision/text") or ""
            article = Article(path.stem, text)
            yield path.stem, text
            for sec in article.sections:
                yield f"{path.stem} / {sec.title}", sec.text


@pytest.mark.slow
def test_every_corpus_section_reads_the_same_paragraph_by_paragraph():
    """Rendered one paragraph at a time, every section of the corpus (and every whole page)
    reads the same sentences and counts the same unknown templates as rendered whole, also
    with its cuttable refs cut out before the parse; a paragraph that can be left out counts what its render counts and shows text exactly when
    its render makes a sentence, and its ``shown`` text holds the characters of its render."""
    texts = left_out = 0
    for where, text in _corpus_texts():
        texts += 1
        whole = wt.Context()
        expected = sentences(wt.render(text, whole))
        clean, paras = P.paragraphs(text)
        pieces = wt.Context()
        rendered = [wt.render(clean[p.start : p.end], pieces) for p in paras]
        assert sentences("\n".join(rendered)) == expected, where
        assert pieces.unknown == whole.unknown, where
        for p, r in zip(paras, rendered, strict=True):
            cut = wt.Context()
            assert wt.render(P.without_refs(clean, [p]), cut) == r, where  # refs cut out first
            assert cut.unknown == _counts(clean[p.start : p.end]), where
            if p.must_parse:
                continue
            left_out += 1
            alone = wt.Context()
            wt.render(clean[p.start : p.end], alone)
            assert (Counter(p.unknown), p.shows_text) == (alone.unknown, bool(sentences(r))), where
            if not (p.table or p.renders):  # shown holds neither (parsed_where parses them)
                assert "".join(p.shown.split()) == "".join(r.split()), where  # what it shows, in order
    assert texts > 600 and left_out > 9000  # 644 texts, 9488 paragraphs that can be left out
