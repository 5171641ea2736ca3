"""From pages to film documents, and documents joined to films."""

from __future__ import annotations

import pytest

from etl.lib.model import FilmFacts
from etl.lib.pipeline import documents, resolve
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import API_JSON, EXTRACT, IMDB_TITLE, XML, Page, Rejection, SourceFile
from tests.conftest import FIXTURES, corpus_more_wikitext, corpus_wikitext

SRC = SourceFile("a.json", "0" * 64, 10, API_JSON)


def page(text: str, title: str = "Some Film", **kw) -> Page:
    return Page(SRC, API_JSON, text, title, **kw)


@pytest.mark.parametrize(
    ("text", "kw", "reason"),
    [
        ("#REDIRECT [[Other Film]]", {}, "redirect page (to 'Other Film'), not a film article"),
        (
            "#redirect[[Other Film#Section]] {{R from move}}",
            {},
            "redirect page (to 'Other Film'), not a film article",
        ),
        ("x", {"redirect": "Target"}, "redirect page (to 'Target'), not a film article"),
        (
            "{{Infobox television|name=X}}",
            {},
            "not a film: the page is about a television series (Infobox television) and has no {{Infobox film}}",
        ),
        (
            "{{Infobox person|name=X}}",
            {},
            "not a film: the page is about a person (Infobox person) and has no {{Infobox film}}",
        ),
        (
            "'''X''' may refer to:\n* a\n{{disambiguation}}",
            {},
            "not a film: the page is about a disambiguation page and has no {{Infobox film}}",
        ),
        ("{{Infobox film|name=X}}", {"namespace": 10}, "not an article (namespace 10)"),
        ("Just prose about something.", {}, "not a film article: no {{Infobox film}} on the page"),
    ],
)
def test_not_a_film_reasons(text, kw, reason):
    assert documents.not_a_film_reason(page(text, **kw)) == reason


def test_a_film_page_is_a_film():
    assert documents.not_a_film_reason(page("{{Infobox film|name=X}}")) is None


def test_accolades_list_page_joins_its_film():
    text = (
        "'''''Rocky''''' is a 1976 film.\n==Accolades==\n"
        + (FIXTURES / "accolades" / "row_headers_date_ref.wiki").read_text()
    )
    listed = documents.parse_page(page(text, "List of accolades received by Rocky"))
    assert isinstance(listed, ParsedDocument) and listed.supplementary
    assert (listed.facts.title, listed.facts.release_year) == ("Rocky", 1976)
    assert listed.facts.nominations

    article = documents.parse_page(
        Page(SourceFile("Rocky.xml", "1" * 64, 10, XML), XML, corpus_wikitext("Rocky"), "Rocky")
    )
    films, superseded = resolve.join_films([listed, article])
    assert len(films) == 1 and not superseded
    assert films[0].master is article and films[0].documents == [article, listed]


def test_accolades_list_page_without_entries_is_rejected():
    result = documents.parse_page(page("Nothing here.", "List of awards and nominations received by Rocky"))
    assert isinstance(result, Rejection) and "no readable entry" in result.reason


def doc(title, year, kind=XML, path="a", revision=None, page_title=None) -> ParsedDocument:
    return ParsedDocument(
        SourceFile(path, path * 8, 1, kind),
        kind,
        FilmFacts(title=title, release_year=year),
        page_title=page_title,
        revision_id=revision,
    )


def test_join_rules():
    wiki = doc("Leaving Las Vegas", 1995, page_title="Leaving Las Vegas")
    batman = doc("Batman", 1989, path="b", page_title="Batman (1989 film)")
    batman66 = doc("Batman", 1966, path="c", page_title="Batman (1966 film)")
    imdb = doc("Leaving Las Vegas", 1995, IMDB_TITLE, "d")
    festival_year = doc("Batman", 1990, IMDB_TITLE, "e")  # one year off: still the 1989 film
    no_year = doc("The Leaving Las Vegas", None, EXTRACT, "f")  # leading article, no year
    unknown = doc("Some Other Film", 2001, IMDB_TITLE, "g")
    films, superseded = resolve.join_films([imdb, festival_year, no_year, unknown, wiki, batman, batman66])
    by_master = {
        (f.master.facts.title, f.master.facts.release_year): [d.source.path for d in f.documents]
        for f in films
    }
    assert by_master == {
        ("Leaving Las Vegas", 1995): ["a", "d", "f"],
        ("Batman", 1989): ["b", "e"],
        ("Batman", 1966): ["c"],
        ("Some Other Film", 2001): ["g"],
    }
    assert not superseded


def test_the_same_article_twice_keeps_the_newest_revision():
    old = doc("Rocky", 1976, path="old", revision=1, page_title="Rocky")
    new = doc("Rocky", 1976, path="new", revision=2, page_title="Rocky")
    films, superseded = resolve.join_films([old, new])
    assert [f.master for f in films] == [new]
    assert [(s.document, s.master) for s in superseded] == [(old, new)]


# --- Hatnotes before the infobox never hide it (hand-written shapes) --------------------------

_INFOBOX = "{{Infobox film\n| name = Foo\n| director = [[Ada Moreau]]\n}}\n'''Foo''' is a 1990 film."


@pytest.mark.parametrize(
    "hatnote",
    [
        "{{Other uses|Foo (disambiguation){{!}}Foo}}",
        "{{Other uses|Foo (disambiguation){{!}}Foo}}}}",  # one pair of braces too many
        "{{Distinguish|Foo}",  # one brace too few
        "{{For|the band|Foo {{!}} Bar|{{!}}}}",
        "{{About|the film|the novel|Foo (novel){{!}}''Foo''}}<!-- {{Infobox book}} -->",
        "{{Redirect|Foo|the {{lang|fr|''Foo''}} novel|Foo (novel)}}\n{{Use dmy dates|date=May 2020}}",
        "{{About|the film|other uses}}<!--\n{{Infobox television|name=old}}\n-->",
        "{{Hatnote|See [[Foo (disambiguation)|{{!}}Foo{{!}}]] and {{tl|Foo}}}}",
        "<!-- {{Infobox person}} was here -->{{short description|1990 film}}{{Other uses|Foo (disambiguation)|{{!}}}}",
    ],
    ids=[
        "pipe template",
        "extra braces",
        "missing brace",
        "pipes as arguments",
        "comment with another infobox",
        "nested templates",
        "commented-out TV infobox",
        "pipes inside a link",
        "comment first",
    ],
)
def test_hatnotes_do_not_hide_the_infobox(hatnote):
    text = hatnote + "\n" + _INFOBOX
    assert documents.not_a_film_reason(page(text, "Foo")) is None
    parsed = documents.parse_page(page(text, "Foo"))
    assert isinstance(parsed, ParsedDocument)
    assert [c.person.name for c in parsed.facts.credits if c.role == "director"] == ["Ada Moreau"]


# --- Franchise and series pages ---------------------------------------------------------------


def test_media_franchise_page_with_an_entry_infobox_is_rejected():
    text = (
        "{{Infobox media franchise|title=Foo}}\n'''Foo''' is a media franchise.\n==Films==\n"
        "{{Infobox film|name=Foo 2|director=[[Ada Moreau]]}}"
    )
    reason = documents.not_a_film_reason(page(text, "Foo"))
    assert reason == (
        "not a film: the page is about a franchise or series (lead {{Infobox media franchise}}); "
        "its {{Infobox film}} describes one entry"
    )


def test_series_navbox_page_with_an_infobox_in_a_section_is_rejected():
    text = (FIXTURES / "documents" / "franchise_navbox.wiki").read_text(encoding="utf-8")
    result = documents.parse_page(page(text, "Paper Lanterns (film series)"))
    assert isinstance(result, Rejection)
    assert result.reason == (
        "not a film: the page is about a franchise or series (its {{Infobox film}} "
        "stands under the section \"''Paper Lanterns'' (1998)\", not in the lead)"
    )


def test_film_series_page_whose_only_infobox_is_a_film_loads():
    # The corpus's "Alpha and Omega (film series)": one {{Infobox film}} in the lead, named
    # "Alpha and Omega", directors Ben Gluck, Anthony Bell, Richard Rich and Tim Maltby, then a
    # "Films" section with {{main}} links and no infobox.
    text = corpus_more_wikitext("Alpha and Omega (film series)")
    parsed = documents.parse_page(page(text, "Alpha and Omega (film series)"))
    assert isinstance(parsed, ParsedDocument)
    assert parsed.facts.title == "Alpha and Omega"
    assert [c.person.name for c in parsed.facts.credits if c.role == "director"] == [
        "Ben Gluck",
        "Anthony Bell",
        "Richard Rich",
        "Tim Maltby",
    ]


_HOSTILE = """
import sys
from tests.conftest import corpus_wikitext
from etl.lib.pipeline import documents
from etl.lib.wiki import wikitable
from etl.lib.pipeline.intake import XML, Page, SourceFile

text = corpus_wikitext("Rocky")
at = text.index("\\n==", text.index("\\n==") + 1)
line = "\\n" + "[[a " * 100_000 + "\\n"
hostile = text[:at] + line + text[at:]
masked = wikitable.mask(hostile)
assert masked[at:at + len(line)] == line, "the unclosed openers are text"
doc = documents.parse_page(Page(SourceFile("Rocky.xml", "0" * 64, len(hostile), XML), XML, hostile, "Rocky"))
print(type(doc).__name__, doc.facts.title)
"""


def test_100000_unclosed_links_in_a_real_article_parse_within_a_cpu_limit():
    """Every scanner is linear in the page's length: an article with 100,000 ``[[`` that
    never close is read, under a CPU-time limit far above what that takes (about a second)
    and far below what one rescan of the page per opener would take (hours)."""
    import resource
    import subprocess
    import sys

    from tests.conftest import CORPUS, ROOT

    if not (CORPUS / "Rocky.xml").exists():
        pytest.skip("the shared development corpus (../shared/corpus) is not beside this checkout")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))

    done = subprocess.run(
        [sys.executable, "-c", _HOSTILE],
        cwd=ROOT,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ParsedDocument Rocky"


def test_an_article_is_never_parsed_whole_and_no_long_text_twice(monkeypatch):
    """The parse stage reads the seed article through one ``Article``: the page itself is
    never handed to the parser (sections, the lead and the infobox are parsed alone), and no
    text longer than a line or two is parsed twice (no tree turned back into text and parsed
    again)."""
    from collections import Counter

    from mwparserfromhell.parser import Parser

    from tests.conftest import seed_wikitext

    text = seed_wikitext()
    seen: Counter = Counter()
    original = Parser.parse

    def counting(parser, value, *args, **kwargs):
        seen[value] += 1
        return original(parser, value, *args, **kwargs)

    monkeypatch.setattr(Parser, "parse", counting)
    doc = documents.parse_page(page(text, "Leaving Las Vegas"))
    assert isinstance(doc, ParsedDocument) and doc.facts.title == "Leaving Las Vegas"
    assert seen[text] == 0
    assert max(len(t) for t in seen) < len(text) / 2
    assert {t[:60]: n for t, n in seen.items() if len(t) > 300 and n > 1} == {}


def test_a_film_page_is_parsed_less_than_once(monkeypatch):
    """The parser is handed fewer characters than the page holds: prose paragraphs that can
    hold no fact, and texts already parsed for the page, are never parsed (again). The counts
    are deterministic: a change means the page is read differently."""
    from tests.parses import record_parses

    text = corpus_wikitext("Taxi Driver")
    parsed = record_parses(monkeypatch)
    doc = documents.parse_page(page(text, "Taxi Driver"))
    assert isinstance(doc, ParsedDocument) and doc.facts.title == "Taxi Driver"
    assert (len(parsed), sum(map(len, parsed))) == (13, 2826)
    assert sum(map(len, parsed)) < 0.1 * len(text)  # 54,142 characters in the page


def test_markup_nested_past_the_recursion_limit_is_named_as_such(monkeypatch):
    """A reader that recurses as deep as Python allows (as deeply nested markup makes one do)
    gives a rejection that says so, not a bare 'parser failed: RecursionError'."""

    def nest(article, depth=0):
        return nest(article, depth + 1)

    monkeypatch.setattr(documents, "read_article", nest)
    result = documents.parse_page(page("{{Infobox film|name=X}}\nX is a 1999 film.", "X"))
    assert isinstance(result, Rejection)
    assert result.reason == (
        "markup nested too deeply to read (Python's recursion limit reached in documents._parse_wiki)"
    )
