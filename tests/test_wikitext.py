"""The template registry, the renderer and the list/name helpers."""

from __future__ import annotations

import datetime as dt
import re

import mwparserfromhell as mwp
import pytest
from mwparserfromhell.nodes import Wikilink

from etl.lib.model import DAY, MONTH, YEAR, Name, PartialDate
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.article import Article, heading


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[[Mike Figgis]]", "Mike Figgis"),
        ("[[StudioCanal#Film library|Lumiére Pictures]]", "Lumiére Pictures"),
        ("$49.8 million<ref name=NUM/>", "$49.8 million"),
        ("$3.5–4 million<ref name=x>{{cite web|title=Box Office}}</ref>", "$3.5–4 million"),
        ("16&nbsp;mm", "16 mm"),
        ("A<br>B<br />C", "A\nB\nC"),
        ("''[[Leaving Las Vegas (novel)|Leaving Las Vegas]]''", "Leaving Las Vegas"),
        ("x<!-- hidden -->y", "xy"),
        ("{{ubl|Lila Cazès|Annie Stewart}}", "Lila Cazès\nAnnie Stewart"),
        ("{{Plainlist|\n* [[Nicolas Cage]]\n* [[Elisabeth Shue]]}}", "Nicolas Cage\nElisabeth Shue"),
        ("{{US$|12.3 million}}", "US$12.3 million"),
        ("{{INR}}170 million", "INR 170 million"),
        ("{{¥|600 million}} {{small|(Japan)}}", "JPY 600 million (Japan)"),
        ("{{nowrap|The Rock}}", "The Rock"),
        (
            "{{Film date|1995|10|27|Limited|1996|2|9|Wide}}",
            "October 27, 1995 (Limited)\nFebruary 9, 1996 (Wide)",
        ),
        ("{{won}}", "Won"),
        ("{{nom}}", "Nominated"),
        ("[[File:Poster.jpg|thumb|A poster]]Text", "Text"),
        ("{{cite web|url=http://x|title=T}}", ""),
        ("{{Inflation|US|225|1976}}", ""),
    ],
)
def test_render(source, expected):
    assert wt.render(source) == expected


def test_unknown_templates_are_counted_not_dropped_silently():
    ctx = wt.Context()
    assert wt.render("a {{Some new template|x}} b {{some_new template}}", ctx) == "a b"
    assert ctx.unknown == {"some new template": 2}


def test_known_silent_templates_are_not_counted():
    ctx = wt.Context()
    wt.render("x{{efn|a note}}{{sfn|Palin|2006|p=225}}{{citation needed|date=May 2020}}", ctx)
    assert not ctx.unknown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ubl|Lila Cazès|Annie Stewart}}", ["Lila Cazès", "Annie Stewart"]),
        (
            "[[United Artists]]<br>[[StudioCanal#Film library|Lumiére Pictures]]",
            ["[[United Artists]]", "[[StudioCanal#Film library|Lumiére Pictures]]"],
        ),
        (
            "{{Unbulleted list|Ajit Kumar Barjatya<br />Kamal Kumar Barjatya<br />Rajkumar Barjatya}}",
            ["Ajit Kumar Barjatya", "Kamal Kumar Barjatya", "Rajkumar Barjatya"],
        ),
        (
            "{{Plain list|\n* [[Julia Phillips]]\n* [[Michael Phillips (producer)|Michael Phillips]]\n}}",
            ["[[Julia Phillips]]", "[[Michael Phillips (producer)|Michael Phillips]]"],
        ),
        (
            "{{Plainlist|<!-- note -->\n* [[Warner Bros. Pictures]]\n* Guber-Peters Company\n}}",
            ["[[Warner Bros. Pictures]]", "Guber-Peters Company"],
        ),
        ("{{hlist|A|B}}", ["A", "B"]),
        ("{{flatlist|\n* A\n* B\n}}", ["A", "B"]),
        ("Single", ["Single"]),
    ],
)
def test_split_items(source, expected):
    assert wt.split_items(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[[Mike Figgis]]", Name("Mike Figgis", "Mike Figgis")),
        ("Mike Figgis<ref>x</ref>", Name("Mike Figgis", None)),
        ("[[Richard Lewis (comedian)|Richard Lewis]]", Name("Richard Lewis", "Richard Lewis (comedian)")),
        (
            "[[Walt Disney Studios Motion Pictures|Walt Disney Studios<br />Motion Pictures]]",
            Name("Walt Disney Studios Motion Pictures", "Walt Disney Studios Motion Pictures"),
        ),
        ("[[mGM_Home Entertainment]]", Name("mGM_Home Entertainment", "MGM Home Entertainment")),
        ("{{sortname|Graham|Chapman}}", Name("Graham Chapman", "Graham Chapman")),
        ("{{sortname|Terry|Jones|Terry Jones (actor)}}", Name("Terry Jones", "Terry Jones (actor)")),
        ("{{sortname|A|B|nolink=1}}", Name("A B", None)),
    ],
)
def test_name_of(source, expected):
    assert wt.name_of(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "{{Film date|1995|10|27|Limited|1996|2|9|Wide}}",
            [
                (PartialDate(dt.date(1995, 10, 27), DAY), "Limited"),
                (PartialDate(dt.date(1996, 2, 9), DAY), "Wide"),
            ],
        ),
        (
            "{{Film date|df=y|1975|04|03|United Kingdom{{sfn|Palin|2006|p=225}}|1975|04|27|United States}}",
            [
                (PartialDate(dt.date(1975, 4, 3), DAY), "United Kingdom"),
                (PartialDate(dt.date(1975, 4, 27), DAY), "United States"),
            ],
        ),
        ("{{Film date|1999|11|05|df=y}}", [(PartialDate(dt.date(1999, 11, 5), DAY), None)]),
        (
            "{{Film date|2011|06|18|[[Hollywood]]|2011|6|24|United States|ref2=<ref>x</ref>}}",
            [
                (PartialDate(dt.date(2011, 6, 18), DAY), "Hollywood"),
                (PartialDate(dt.date(2011, 6, 24), DAY), "United States"),
            ],
        ),
        ("{{Film date|1987|03}}", [(PartialDate(dt.date(1987, 3, 1), MONTH), None)]),
        ("{{Film date|1987}}", [(PartialDate(dt.date(1987, 1, 1), YEAR), None)]),
        ("{{Start date|1995|10|27}}", [(PartialDate(dt.date(1995, 10, 27), DAY), None)]),
    ],
)
def test_film_date_entries(source, expected):
    (template,) = wt.parse(source).filter_templates(recursive=False)
    assert wt.film_date_entries(template) == expected


def test_film_infobox_found_when_the_page_parse_falls_back_to_text():
    # An unclosed italic quote inside a ref makes the whole-page parse give up on the infobox.
    page = "{{Infobox film\n| name = X\n| runtime = 84 minutes<ref>{{cite web|title=''X' (18)}}</ref>\n}}\n'''X''' is a film."
    box = wt.film_infobox(page)
    assert box is not None
    assert [(p.name.strip(), wt.render(p.value)) for p in box.params] == [
        ("name", "X"),
        ("runtime", "84 minutes"),
    ]


def test_sections_at_any_level():
    page = "lead\n==Release==\nr\n===Home media===\nh\n==Reception==\n===Accolades===\na\n"
    article = Article(None, page)
    assert [(s.title, s.level, s.path) for s in article.sections] == [
        ("Release", 2, ()),
        ("Home media", 3, ("Release",)),
        ("Reception", 2, ()),
        ("Accolades", 3, ("Reception",)),
    ]
    assert [s.text for s in article.sections] == ["\nr\n", "\nh\n", "\n", "\na\n"]
    assert [s.title for s in article.titled("home media", "home video")] == ["Home media"]
    assert [s.text for s in article.titled("release")] == ["\nr\n===Home media===\nh\n"]
    assert str(article.lead) == "lead\n"


def test_outermost_titled_sections_leave_out_the_ones_inside_them():
    page = "==Reception==\nx\n===Critical response===\nc\n==Legacy==\n===Critical reception===\nl\n"
    article = Article(None, page)
    words = ("reception", "critical response")
    assert [s.title for s in article.titled(*words)] == [
        "Reception",
        "Critical response",
        "Critical reception",
    ]
    assert [s.text for s in article.titled(*words, outermost=True)] == [
        "\nx\n===Critical response===\nc\n",
        "\nl\n",
    ]


# --------------------------------------------------------------------------------------------
# Unseen articles: templates of real film articles (tests/fixtures/unseen/*.wiki)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Indian amounts: the rupee code the money parser reads, with the unit spelled out.
        ("{{INRConvert|460|c}}", "INR 460 crore"),
        ("{{INRConvert|55|c|lk=on}}", "INR 55 crore"),
        ("{{INR convert|3.5|b}}", "INR 3.5 billion"),
        ("{{INRConvert|80|l}}", "INR 80 lakh"),
        ("{{INRConvert|1.2|lc}}", "INR 1.2 lakh crore"),
        ("{{INRConvert|500000}}", "INR 500000"),
        # Native titles in leads and cast lines.
        ("{{lang-fr|Intouchables}}", "Intouchables"),
        ("{{Langx|fr|Intouchables}}", "Intouchables"),
        ("{{lit|The Emperor's Journey}}", 'lit. "The Emperor\'s Journey"'),
        ("{{transl|ja|Kimi no Na wa.}}", "Kimi no Na wa."),
        ("{{zh|s=战狼2|p=Zhàn Láng Èr}}", "战狼2; Zhàn Láng Èr"),
        ("{{IPA-fr|ɛ̃.tu.ʃabl|}}", ""),
        # Voice credits of anime casts.
        (
            "{{Anime voice|[[Nanoka Hara]]|[[Nichole Sakura]]}}",
            "Voiced by: Nanoka Hara (Japanese); Nichole Sakura (English)",
        ),
        ("{{Anime voice|Ann Yamane}}", "Voiced by: Ann Yamane (Japanese)"),
        # Prose helpers.
        ("{{As of|2020}}", "As of 2020"),
        ("{{as of|2019|5|lc=y}}", "as of May 2019"),
        ("''Inception''{{'s}} score", "Inception's score"),
        ("{{Quote|text=Here's looking at you, kid.|author=Rick}}", "Here's looking at you, kid."),
        ("{{Columns-list|colwidth=22em|\n* A\n* B\n}}", "A\nB"),
        ("{{notelist}}", ""),
        ("{{Portal bar|Film|United States}}", ""),
        ("{{pp-extended|small=yes}}", ""),
    ],
)
def test_render_unseen_templates(source, expected):
    ctx = wt.Context()
    assert wt.render(source, ctx) == expected
    assert not ctx.unknown


def test_split_items_columns_list():
    assert wt.split_items("{{Columns-list|colwidth=22em|\n* [[A]]\n* B\n}}") == ["[[A]]", "B"]


_NAVBOXES = {
    "christopher nolan",
    "michael curtiz",
    "rajkumar hirani",
    "makoto shinkai",
    "damien chazelle",
    "olivier nakache and éric toledano",
}


def test_unseen_articles_leave_no_template_unknown():
    """Rendered whole, the unseen articles meet no unknown template but their navboxes (named
    after a person, known to no registry)."""
    from tests.conftest import FIXTURES

    for path in sorted((FIXTURES / "unseen").glob("*.wiki")):
        ctx = wt.Context()
        wt.render(path.read_text(encoding="utf-8"), ctx)
        assert set(ctx.unknown) <= _NAVBOXES, path.name


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{Duration|m=4|s=35}}", "4:35"),
        ("{{Duration|1|2|3}}", "1:02:03"),
        ("{{duration|h=2|m=22}}", "2:22:00"),
        ("{{Runtime|2|22}}", "142 minutes"),
        ("shot on {{convert|70|mm|in}} film", "shot on 70 mm film"),
        ("{{Rating|4|5}}", "4/5"),
        ("{{Album chart|Billboard200|5|artist=X|rowheader=true}}", ""),
        ("{{Listen|filename=Theme.ogg|title=Theme}}", ""),
        ("{{Certification Cite Ref|region=India|type=album}}", ""),
    ],
)
def test_render_unseen_templates_more(source, expected):
    ctx = wt.Context()
    assert wt.render(source, ctx) == expected
    assert not ctx.unknown


def _shape(code):
    """A tree as nested tuples: node type, text, and a link's title and text trees."""
    out = []
    for node in code.nodes:
        if isinstance(node, Wikilink):
            text = None if node.text is None else _shape(node.text)
            out.append(("link", _shape(node.title), text))
        else:
            out.append((type(node).__name__, str(node)))
    return out


@pytest.mark.parametrize(
    "source",
    [
        "[[Christopher Nolan]]",
        "[[Variety (magazine)|Variety]]",
        "[[A]], [[B|C]] and D\n[[E]]\n\n",
        "[[a|]]",
        "[[Star Wars: Episode IV]]s",
        "Screenplay: [[Jonathan Nolan]]",
        " English\n",
        "''[[Inception]]''",
        # left to the parser: an external link, a list line, a link that is no simple link
        "see http://example.com",
        "[[mailto:someone]]",
        "[[File:Poster.jpg]]",
        "x\n* [[A]]",
        "[[A|B|C]]",
        "[[a\nb]]",
    ],
)
def test_texts_of_links_only_are_read_as_the_parser_reads_them(source):
    assert _shape(wt.parse(source)) == _shape(mwp.parse(source, skip_style_tags=True))
    assert str(wt.parse(source)) == source


@pytest.mark.parametrize(
    ("source", "shown", "target"),
    [
        ("[[Nicolas Cage]] as Ben Sanderson", "Nicolas Cage as Ben Sanderson", None),
        ("[[Richard Lewis (comedian)|Richard Lewis]] as Peter", "Richard Lewis as Peter", None),
        ("[[Richard Lewis (comedian)| Richard  Lewis ]]", "Richard Lewis", "Richard Lewis (comedian)"),
        ("[[mGM_Home Entertainment]]", "mGM_Home Entertainment", "MGM Home Entertainment"),
        ("[[ :Jean Reno]]", "Jean Reno", None),
        ("[[ Category:1995 films]]Leaving Las Vegas", "Leaving Las Vegas", None),
        ("[[a|]] and B", "and B", None),
        ("Ben   Sanderson\n Sera", "Ben Sanderson\nSera", None),
    ],
)
def test_links_only_texts_render_and_link_without_a_tree(monkeypatch, source, shown, target):
    from tests.parses import record_parses

    assert wt.render(mwp.parse(source, skip_style_tags=True)) == shown  # the tree's reading
    calls = record_parses(monkeypatch)
    ctx = wt.Context()
    assert wt.render(source, ctx) == shown
    assert wt.link_for(source, shown, ctx) == target
    assert ctx.trees == {} and calls == []


def test_a_list_template_value_is_expanded_without_the_parser(monkeypatch):
    from tests.parses import record_parses

    calls = record_parses(monkeypatch)
    assert wt.expand_lists(" {{Plainlist|\n* [[A]]\n* B (c)\n}}\n") == " \n[[A]]\nB (c)\n\n"
    assert wt.expand_lists("{{ubl|[[A]]|B}}") == "\n[[A]]\nB\n"
    assert wt.expand_lists(" {{small|(A)}}") == " {{small|(A)}}"  # one template, not a list
    assert wt.expand_lists("[[A]], B\nC") == "[[A]], B\nC"  # no template, no tag
    assert wt.split_items("{{Plainlist|\n* [[A]]\n* B\n}}") == ["[[A]]", "B"]
    assert calls == []
    # what the scanner leaves to the parser is still expanded: a tag holding a pipe
    assert wt.expand_lists("{{ubl|<ref>p|q</ref>A|B}}") == "\n<ref>p|q</ref>A\nB\n"
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("== Cast ==", (2, " Cast ")),
        ("===Awards===\t", (3, "Awards")),
        ("==Release===", (2, "Release=")),  # the longer run's extra '=' belongs to the title
        ("===Reception==", (2, "=Reception")),
        ("= Plot =", (1, " Plot ")),
        ("== Cast", None),
        ("Plot ==", None),
        ("== Cast == and crew", None),
    ],
)
def test_heading_reads_level_and_title_as_mediawiki(line, expected):
    assert heading(line) == expected


@pytest.mark.parametrize(
    ("page", "parses", "expected"),
    [
        # split at its parameters: nothing parsed; the last of a repeated name is read
        (
            "Intro.\n{{Track listing\n| title1 = [[Dead Man's Curve]]\n| length1 = 2:24\n"
            "| length1 = 2:25\n}}\n",
            0,
            [("Track listing", "[[Dead Man's Curve]]", "2:25")],
        ),
        # inside another template, and one the scanner is not sure of (a "|" in a tag): parsed alone
        (
            "{{Hidden|{{tracklist|title1=A<span title=x|y>B</span>|length1=3:01}}}}",
            1,
            [("tracklist", "A<span title=x|y>B</span>", "3:01")],
        ),
    ],
)
def test_article_templates_read_their_parameters_alone(monkeypatch, page, parses, expected):
    from tests.parses import record_parses

    calls = record_parses(monkeypatch)
    found = Article(None, page).templates({"track listing", "tracklist"})
    assert [(str(t.name).strip(), wt.named(t, "title1"), wt.named(t, "length1")) for t in found] == expected
    assert len(calls) == parses


@pytest.mark.parametrize(
    ("value", "items", "parses"),
    [
        (
            " \nAjit Kumar Barjatya<br />Kamal Kumar Barjatya<br />Rajkumar Barjatya\n\n",
            ["Ajit Kumar Barjatya", "Kamal Kumar Barjatya", "Rajkumar Barjatya"],
            0,
        ),
        (
            "[[Salman Khan]]<br/>[[Tabu (actress)|Tabu]]<BR>",
            ["[[Salman Khan]]", "[[Tabu (actress)|Tabu]]"],
            0,
        ),
        (" [[Danny Elfman]]<!-- Only credit the film score composer -->\n", ["[[Danny Elfman]]"], 0),
        # a break inside a link's text is no item break: left to the parser
        (
            "[[Walt Disney Studios Motion Pictures|Walt Disney Studios<br />Motion Pictures]]",
            ["[[Walt Disney Studios Motion Pictures|Walt Disney Studios<br />Motion Pictures]]"],
            1,
        ),
    ],
)
def test_items_between_breaks_and_comments(monkeypatch, value, items, parses):
    from tests.parses import record_parses

    calls = record_parses(monkeypatch)
    assert wt.split_items(value) == items
    assert len(calls) == parses


@pytest.mark.parametrize(
    ("value", "expected", "parses"),
    [
        # simple refs at the top level: cut out as text
        ('$3.6 million<ref name="BOM">{{cite web |title=Box Office}}</ref>', "$3.6 million", 0),
        ('$32 million<ref name="bom" /><ref>{{cite web|url=x}}</ref> (US)', "$32 million (US)", 0),
        # a ref inside a template, an element inside a ref, a comment: left to the parser
        ("{{US$|5 million<ref>x</ref>}}", "{{US$|5 million}}", 1),
        ("$1<ref>a <i>b</i></ref>", "$1", 1),
        ("$2<ref>a</ref><!-- note -->", "$2", 1),
        # a ref whose removal would open a list line is not cut as text
        ("A\n<ref>a</ref>* B", "A\n* B", 1),
    ],
)
def test_refs_cut_out_as_text_where_nothing_can_join(monkeypatch, value, expected, parses):
    from tests.parses import record_parses

    calls = record_parses(monkeypatch)
    assert wt.without_refs(value) == expected
    assert len(calls) == parses
    assert str(wt.remove_refs(value)) == expected  # the parser's reading agrees


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("[[A]] and [[B|b]]", ["[[A]]", "[[B|b]]"]),  # text and links: read without the walk
        ("no link", []),
        ("{{x|[[C]]}} [[D]]", ["[[C]]", "[[D]]"]),  # inside a template too, in page order
        ("[[File:x.jpg|a [[E]]]] [[F]]", ["[[File:x.jpg|a [[E]]]]", "[[E]]", "[[F]]"]),
    ],
)
def test_wikilinks_are_every_link_of_the_tree_in_page_order(text, links):
    assert [str(link) for link in wt.wikilinks(wt.parse(text))] == links


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ""),
        ("plain", "plain"),
        ("a  b\tc\n\nd", "a b c d"),
        ("  lead and trail \n", " lead and trail "),
        ("\n\t ", " "),
        ("no\xa0break", "no break"),  # the no-break space an entity decodes to
        ("ideographic\u3000space", "ideographic space"),
    ],
)
def test_collapse_spaces_is_the_regex_sub(text, expected):
    assert wt.collapse_spaces(text) == expected
    assert wt.collapse_spaces(text) == re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    "first, last, expected",
    [
        (0, 1, "Lead line."),
        (1, 3, "== Cast ==\n* [[A]] as B"),
        (2, 5, "* [[A]] as B\n\n== Awards =="),
        (5, 5, ""),
        (4, 7, "== Awards ==\n{| class=wikitable\n|}"),  # to the last line, which has no break after it
        (4, 6, "== Awards ==\n{| class=wikitable"),
        (3, 2, ""),
    ],
)
def test_prepared_part_is_the_join_of_its_lines(first, last, expected):
    article = Article("T", "Lead line.\n== Cast ==\n* [[A]] as B\n\n== Awards ==\n{| class=wikitable\n|}")
    assert article.prepared_part(first, last) == expected
    assert article.prepared_part(first, last) == "\n".join(article.prepared_lines[first:last])
