"""Release-section text and distributors named in release prose (etl.lib.extract.releases).

Expected values were established by reading the Release sections' wikitext, not by running the
code.
"""

from __future__ import annotations

import pytest

from etl.lib.extract.releases import (
    distributors_from_release_prose,
    normalise_territory,
    release_prose,
    release_prose_text,
    release_section_text,
)
from etl.lib.model import CompanyRole, Name
from etl.lib.wiki.paragraphs import SKIPPED
from tests.conftest import FIXTURES as FIXTURE_ROOT
from tests.conftest import corpus_more_wikitext, corpus_wikitext, seed_wikitext

FIXTURES = FIXTURE_ROOT / "releases"


def dist(name: str, wiki: str | None, territory: str | None) -> CompanyRole:
    return CompanyRole("distributor", Name(name, wiki), territory)


# --------------------------------------------------------------------------------------------
# Distributors
# --------------------------------------------------------------------------------------------


def test_seed_distributors():
    # "[[United Artists]] distributed the film in North America, while RCV Film Distribution and
    # Atalanta Filmes handled the European release, and [[21st Century Film Corporation]]
    # distributed the film in Australia." MGM/UA's marketing spend is not a distribution.
    assert distributors_from_release_prose(seed_wikitext()) == [
        dist("United Artists", "United Artists", "North America"),
        dist("RCV Film Distribution", None, "Europe"),
        dist("Atalanta Filmes", None, "Europe"),
        dist("21st Century Film Corporation", "21st Century Film Corporation", "Australia"),
    ]


CORPUS_DISTRIBUTORS = {
    # "... was released on July 20, 2018 by [[Universal Pictures]], in the UK, US and other
    # selected countries"
    "Mamma Mia! Here We Go Again": [
        dist("Universal Pictures", "Universal Pictures", "United Kingdom"),
        dist("Universal Pictures", "Universal Pictures", "United States"),
    ],
    # ===Box office and theatrical release=== under ==Release==: "released theatrically in
    # Japan on 20 July 2001 by distributor [[Toho]]". "dubbed into English by [[Walt Disney
    # Pictures]]" is not a distribution; the ===Home media=== subsection is not read.
    "Spirited Away": [dist("Toho", "Toho", "Japan")],
    # Release dates, a premiere and theater counts, but no distributor named.
    "Cars 2": [],
    # Theatrical dates and a television premiere; no distributor named ("broadcast ... on PBS"
    # is television).
    "Monty Python and the Holy Grail": [],
    # ==Release and reception==: a premiere and promotional partners; "Executives at 20th
    # Century Fox stated ..." is no distribution statement.
    "X-Men: First Class": [],
    # No Release section.
    "Taxi Driver": [],
    "Rocky": [],
}


@pytest.mark.parametrize("title", sorted(CORPUS_DISTRIBUTORS))
def test_corpus_distributors(title):
    assert distributors_from_release_prose(corpus_wikitext(title)) == CORPUS_DISTRIBUTORS[title]


def test_fixture_distributors():
    text = (FIXTURES / "release_rules.wiki").read_text(encoding="utf-8")
    assert distributors_from_release_prose(text) == [
        dist("Lionsgate", "Lionsgate Films", "North America"),  # "In North America, ... by"
        dist("Momentum Pictures", "Momentum Pictures", "United Kingdom"),  # "the British release"
        dist("Pathé", "Pathé", "France"),
        dist("Constantin Film", "Constantin Film", "Germany"),  # "... and in Germany by ..."
        # The soundtrack's label, the trailer (Marketing) and the DVD (Home media) are not
        # theatrical distributors.
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "[[Miramax]] acquired the North American distribution rights to the film in 1996.",
            [dist("Miramax", "Miramax", "North America")],
        ),
        (
            "[[Warner Bros. Pictures|Warner Bros.]] released the film theatrically in the United States "
            "and Canada on June 3, 2005.",
            [
                dist("Warner Bros.", "Warner Bros. Pictures", "United States"),
                dist("Warner Bros.", "Warner Bros. Pictures", "Canada"),
            ],
        ),
        (
            "[[Sony Pictures Classics]] picked up the film for distribution in the US, while "
            "[[Metrodome]] handled the British release.",
            [
                dist("Sony Pictures Classics", "Sony Pictures Classics", "United States"),
                dist("Metrodome", "Metrodome", "United Kingdom"),
            ],
        ),
        ("[[Toho]] handled distribution in Japan.", [dist("Toho", "Toho", "Japan")]),
        (
            "It was distributed internationally by [[20th Century Fox]].",
            [dist("20th Century Fox", "20th Century Fox", "International")],
        ),
        ("The film, which stars [[John Smith]], was released on June 1, 2001.", []),
        ("The soundtrack was released by [[Sony Music]] on June 1, 2001.", []),
    ],
)
def test_sentences(sentence, expected):
    text = f"==Release==\n{sentence}\n\n==Reception==\nGood.\n"
    assert distributors_from_release_prose(text) == expected


@pytest.mark.parametrize(
    "written, territory",
    [
        ("European", "Europe"),
        ("the United Kingdom", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("British", "United Kingdom"),
        ("U.S.", "United States"),
        ("American", "United States"),
        ("North American", "North America"),
        ("the Netherlands", "Netherlands"),
        ("Japanese", "Japan"),
        ("Australia", "Australia"),
    ],
)
def test_territory_table(written, territory):
    assert normalise_territory(written) == territory


# --------------------------------------------------------------------------------------------
# Release section text
# --------------------------------------------------------------------------------------------


def test_seed_release_section_text():
    text = release_section_text(seed_wikitext())
    assert text.startswith("Leaving Las Vegas had a limited release on October 27, 1995. ")
    assert "it ultimately opened nationwide on February 9, 1996." in text
    assert "United Artists distributed the film in North America" in text
    # Citations are gone (their dates and access-dates with them); other sections are not read.
    assert "2022" not in text and "Weinraub" not in text
    assert "MGM Home Entertainment" not in text and "Rotten Tomatoes" not in text


@pytest.mark.parametrize(
    "title, present, absent",
    [
        # ==Release== with ===Short film=== and ===Home media=== (neither about the film's
        # release: not read).
        (
            "Cars 2",
            ["The US release date was later confirmed to be June 24, 2011"],
            ["preceded by a short film", "November 1, 2011", "Blu-ray"],
        ),
        # == Release == with === Marketing === (not read) and ==Home media== (its own section).
        ("Mamma Mia! Here We Go Again", ["The film premiered on July 16, 2018"], ["trailer", "digital copy"]),
        # ==Release== > ===Box office and theatrical release=== (read) > ===Home media=== (not).
        (
            "Spirited Away",
            [
                "released theatrically in Japan on 20 July 2001",
                "later released in North America on 20 September 2002",
            ],
            ["VHS", "GKIDS"],
        ),
        # ==Release and reception==: own text and ===Box office=== read; ===Critical response===
        # and ===Home media=== not.
        (
            "X-Men: First Class",
            ["took place at the Ziegfeld Theatre", "went on general release on June 3, 2011"],
            ["Rotten Tomatoes", "UHD Blu-ray"],
        ),
        (
            "Monty Python and the Holy Grail",
            ["re-released on 14 October 2015 in the United Kingdom"],
            ["laserdisc", "Criterion"],
        ),
    ],
)
def test_corpus_release_section_text(title, present, absent):
    text = release_section_text(corpus_wikitext(title))
    for fragment in present:
        assert fragment in text
    for fragment in absent:
        assert fragment not in text


def test_no_release_section():
    assert release_section_text("==Plot==\nA story.\n") == ""
    assert release_section_text(corpus_wikitext("Taxi Driver")) == ""


def test_fixture_release_section_text():
    text = release_section_text((FIXTURES / "release_rules.wiki").read_text(encoding="utf-8"))
    assert text.startswith("The film premiered at the Cannes Film Festival on 20 May 2005.")
    assert "trailer" not in text and "DVD" not in text and "Critics" not in text


# --------------------------------------------------------------------------------------------
# Unseen articles (tests/fixtures/unseen/*.wiki), read by hand from each Release section
# --------------------------------------------------------------------------------------------

UNSEEN = FIXTURE_ROOT / "unseen"


def _unseen(name: str) -> str:
    return (UNSEEN / f"{name}.wiki").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # "[[Warner Bros. Pictures|Warner Bros.]] distributed the film worldwide."
        ("inception", [dist("Warner Bros.", "Warner Bros. Pictures", "Worldwide")]),
        (
            "casablanca",
            [
                dist("Warner Bros.", "Warner Bros. Pictures", "United States"),
                dist("Warner Bros.", "Warner Bros. Pictures", "United Kingdom"),
            ],
        ),
        ("three_idiots", [dist("Reliance Big Pictures", "Reliance Entertainment", "India")]),
        (
            "wolf_warrior_2",
            [dist("United Entertainment Partners", "United Entertainment Partners", "North America")],
        ),
        ("your_name", [dist("Funimation", "Funimation", "North America")]),
        ("suzume", [dist("Toho", "Toho", "Japan")]),
        (
            "march_of_the_penguins",
            [
                dist("Buena Vista International", "Buena Vista International", "France"),
                dist("Warner Independent Pictures", "Warner Independent Pictures", "United States"),
            ],
        ),
        (
            "the_intouchables",
            [
                dist("Gaumont", "Gaumont Film Company", "France"),
                dist("The Weinstein Company", "The Weinstein Company", "United States"),
                dist("Entertainment Film Distributors", "Entertainment Film Distributors", "United Kingdom"),
            ],
        ),
        ("whiplash", [dist("Sony Pictures Classics", "Sony Pictures Classics", "United States")]),
        (
            "oppenheimer",
            [
                dist("Universal Pictures", "Universal Pictures", "United States"),
                dist("Universal Pictures", "Universal Pictures", "United Kingdom"),
            ],
        ),
        ("om_shanti_om", [dist("Eros International", "Eros International", "Worldwide")]),
        # "It was released theatrically in Mexico on October 27, 2017, and in the United States
        # on November 22, 2017, by [[Walt Disney Studios Motion Pictures]]."
        (
            "coco",
            [
                dist("Walt Disney Studios Motion Pictures", "Walt Disney Studios Motion Pictures", "Mexico"),
                dist(
                    "Walt Disney Studios Motion Pictures",
                    "Walt Disney Studios Motion Pictures",
                    "United States",
                ),
            ],
        ),
    ],
)
def test_unseen_release_prose_distributors(name, expected):
    assert distributors_from_release_prose(_unseen(name)) == expected


def test_unseen_release_text_leaves_out_marketing_and_home_media():
    text = release_section_text(_unseen("inception"))
    assert text.startswith("Inception premiered at the Odeon Leicester Square in London on July 8, 2010,")
    assert "viral marketing" not in text and "DVD" not in text


def test_one_clause_splitter_cuts_release_and_home_media_prose():
    """Release prose and home media prose cut their sentences with the one splitter of
    ``etl.lib.text.sentences``: the shared breaks (semicolons here) plus their own."""
    from etl.lib.extract import home_media, releases
    from etl.lib.text import sentences as sentences_lib
    from etl.lib.wiki.article import Article

    article = Article("The Castle of Cagliostro", corpus_wikitext("The Castle of Cagliostro"))
    text = releases.release_section_text(article)
    (sentence,) = [s for s in sentences_lib.sentences(text) if "storyboard format" in s]
    pieces = releases.clauses(sentence)
    assert len(pieces) == 6
    assert pieces[3:] == [
        "an original Japanese trailer",
        "a sketch and still gallery",
        "a 26-minute interview with animation director Yasuo Ōtsuka, and animated menus.",
    ]
    assert [c.text for c in home_media._split(sentence)] == pieces


def test_release_prose_leaves_out_a_paragraph_that_states_no_release_fact():
    # ==Release==: the New Zealand Herald's review ("gave the film three stars, calling it a
    # 'small-scale whodunnit' ...") holds no digit, no currency and no distribution verb: it is
    # not parsed, and stands as one skipped line between the paragraphs around it.
    text = release_prose_text(release_prose(corpus_more_wikitext("I'm Not Harry Jenson")))
    lines = text.split("\n")
    assert lines[3] == SKIPPED and "Herald" not in text
    assert lines[2].startswith("Voxy Movie Review gave it")
    assert lines[4] == (
        "It was released nationwide in theatres throughout New Zealand in 2010, but failed to do"
        " much business at the box office."
    )


@pytest.mark.parametrize("title", ["Mamma Mia! Here We Go Again", "Spirited Away", "Cars 2"])
def test_release_prose_reads_every_paragraph_with_a_date(title):
    text = corpus_wikitext(title)
    assert release_prose_text(release_prose(text)) == release_section_text(text)
