"""Facts in running prose (etl.lib.extract.prose): Wikipedia plain-text extracts and stripped wikitext.

Expected values are read by hand from seeds/000_*.txt (loose sentences) and seeds/001_*.txt
(whole article), never copied from the parser's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract.prose import (
    box_office_from_prose,
    is_wikipedia_extract,
    parse_extract,
    ratings_from_prose,
    releases_from_prose,
)
from etl.lib.model import DAY, MONTH, PartialDate, Rating
from etl.lib.text.sentences import sentences
from tests.conftest import seed_text as seed


def day(y, m, d):
    return PartialDate(dt.date(y, m, d), DAY)


def releases(facts_or_list):
    items = getattr(facts_or_list, "releases", facts_or_list)
    return [(r.date, r.release_type, r.territory) for r in items]


def money(items):
    return [
        (b.measure, b.amount.low, b.amount.high, b.amount.currency, b.amount.bound, b.territory)
        for b in items
    ]


# --- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"), [("000", True), ("001", True), ("002", False), ("003", False), ("004", False)]
)
def test_is_wikipedia_extract_on_seeds(prefix, expected):
    assert is_wikipedia_extract(seed(prefix)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "'''Heat''' is a 1995 American crime film written and directed by [[Michael Mann]].",
        "Heat is a 1995 American crime film.\n== Plot ==\nA heist.",
        "{{Infobox film | name = Heat}} Heat is a 1995 American crime film.",
        '{"batchcomplete": "", "query": {"pages": {}}}',
        "John Smith is an American actor born in 1960. He starred in many films.",
        "Heat (1995)\n\nDirector: Michael Mann\n\nStars: Al Pacino, Robert De Niro",
    ],
)
def test_is_wikipedia_extract_rejects(text):
    assert is_wikipedia_extract(text) is False


def test_is_wikipedia_extract_accepts_a_plain_lead():
    assert is_wikipedia_extract("Heat is a 1995 American crime film written and directed by Michael Mann.")


# --- seed 000: loose sentences ----------------------------------------------------------------


@pytest.fixture(scope="module")
def loose():
    return parse_extract(seed("000"))


def test_loose_title_and_year(loose):
    assert (loose.title, loose.release_year) == ("Leaving Las Vegas", 1995)


def test_loose_releases(loose):
    # "After limited release in the United States on October 27, 1995, Leaving Las Vegas was
    # released nationwide on February 9, 1996"; O'Brien's death "in April 1994" is no release.
    assert releases(loose) == [
        (day(1995, 10, 27), "limited", "United States"),
        (day(1996, 2, 9), "wide", None),
    ]


def test_loose_box_office(loose):
    # "MGM/UA reportedly spent less than $2 million marketing the film"
    assert len(loose.box_office) == 1
    (b,) = loose.box_office
    assert (b.measure, b.amount.high, b.amount.currency, b.amount.bound) == (
        "marketing",
        2_000_000,
        "USD",
        "upper",
    )


def test_loose_ratings(loose):
    assert loose.ratings == []  # the consensus quote carries no figures


def test_loose_soundtrack(loose):
    assert loose.soundtrack_release == day(1995, 11, 7)


# --- seed 001: whole article ------------------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    return parse_extract(seed("001"))


def test_article_title_and_year(article):
    assert (article.title, article.release_year) == ("Leaving Las Vegas", 1995)


def test_article_ratings(article):
    # the whole article states 7.7/10 (the loose-sentence extract is older)
    assert article.ratings == [
        Rating("Rotten Tomatoes", "approval", 91, 100, 53),
        Rating("Rotten Tomatoes", "average", 7.7, 10, 53),
        Rating("Metacritic", "score", 82, 100, 23),
    ]


def test_article_box_office(article):
    assert money(article.box_office) == [
        ("marketing", 2_000_000, 2_000_000, "USD", "upper", None),
        ("gross", 49_800_000, 49_800_000, "USD", None, None),
    ]


def test_article_releases_are_not_duplicated(article):
    # stated twice ("After limited release in the United States on October 27, 1995", "had a
    # limited release on October 27, 1995"; "released nationwide on February 9, 1996", "opened
    # nationwide on February 9, 1996"); home media (November 12, 1996; January 1, 1998), the
    # soundtrack (November 7, 1995) and citation dates are not theatrical releases.
    assert releases(article) == [
        (day(1995, 10, 27), "limited", "United States"),
        (day(1996, 2, 9), "wide", None),
    ]


def test_article_soundtrack(article):
    assert article.soundtrack_release == day(1995, 11, 7)


def test_article_has_no_problems(article):
    assert not article.problems


# --- ratings phrasings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Rotten Tomatoes, the film holds a 97% rating based on 120 reviews.",
            [Rating("Rotten Tomatoes", "approval", 97, 100, 120)],
        ),
        (
            "Review aggregator Rotten Tomatoes reports that 85% of 40 critics gave the film a positive review, "
            "with an average rating of 7.2/10.",
            [
                Rating("Rotten Tomatoes", "approval", 85, 100, 40),
                Rating("Rotten Tomatoes", "average", 7.2, 10, 40),
            ],
        ),
        (
            "On Rotten Tomatoes, the film received an approval rating of 91% based on 53 reviews, "
            "with an average rating of 7.6/10.",
            [
                Rating("Rotten Tomatoes", "approval", 91, 100, 53),
                Rating("Rotten Tomatoes", "average", 7.6, 10, 53),
            ],
        ),
        (
            "It also holds a score of 82 out of 100 on Metacritic, based on 23 critics.",
            [Rating("Metacritic", "score", 82, 100, 23)],
        ),
        (
            "On Metacritic, which assigns a weighted average score, the film has a score of 72 out of 100, "
            'based on 40 critics, indicating "generally favorable reviews".',
            [Rating("Metacritic", "score", 72, 100, 40)],
        ),
        (
            "Metacritic gave the film a weighted average score of 64 out of 100 based on 30 critics.",
            [Rating("Metacritic", "score", 64, 100, 30)],
        ),
        (
            'Audiences polled by CinemaScore gave the film an average grade of "A–" on an A+ to F scale.',
            [Rating("CinemaScore", "grade", 10, 12, None)],  # A− is step 10 of F=0 … A+=12
        ),
        (
            'Audiences polled by CinemaScore gave the film an average grade of "B+" on an A+ to F scale, '
            "while those at PostTrak gave it a 78% positive score.",
            [Rating("CinemaScore", "grade", 9, 12, None), Rating("PostTrak", "positive", 78, 100, None)],
        ),
        (
            "It holds 88% on Rotten Tomatoes and a score of 75 out of 100 on Metacritic.",
            [
                Rating("Rotten Tomatoes", "approval", 88, 100, None),
                Rating("Metacritic", "score", 75, 100, None),
            ],
        ),
        (
            "The review aggregator website Rotten Tomatoes surveyed 150 critics. "
            "The site reports 64% gave it a positive review, with an average rating of 6.1/10.",
            [
                Rating("Rotten Tomatoes", "approval", 64, 100, 150),
                Rating("Rotten Tomatoes", "average", 6.1, 10, 150),
            ],
        ),
        ("The film earned 91% of its budget back within a month.", []),
        ("Roger Ebert gave the film 4 out of 4 stars.", []),
    ],
)
def test_ratings_phrasings(text, expected):
    assert ratings_from_prose(text) == expected


# --- box office phrasings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The film was made on a budget of $5 million.", [("budget", 5e6, 5e6, "USD", None, None)]),
        (
            "It grossed $30 million in North America and $75 million worldwide.",
            [
                ("gross", 30e6, 30e6, "USD", None, "North America"),
                ("gross", 75e6, 75e6, "USD", None, "worldwide"),
            ],
        ),
        (
            "The film grossed $100 million against a production budget of $20 million.",
            [("gross", 100e6, 100e6, "USD", None, None), ("budget", 20e6, 20e6, "USD", None, None)],
        ),
        (
            "The film cost $8 million to make and earned $50 million at the box office.",
            [("budget", 8e6, 8e6, "USD", None, None), ("gross", 50e6, 50e6, "USD", None, None)],
        ),
        (
            "Produced on a budget of £2 million, the film grossed £10.5 million in the United Kingdom.",
            [
                ("budget", 2e6, 2e6, "GBP", None, None),
                ("gross", 10.5e6, 10.5e6, "GBP", None, "United Kingdom"),
            ],
        ),
        (
            "MGM/UA reportedly spent less than $2 million marketing the film.",
            [("marketing", 2e6, 2e6, "USD", "upper", None)],
        ),
        ("The studio spent $30 million on marketing.", [("marketing", 30e6, 30e6, "USD", None, None)]),
        ("It grossed $10 million in its opening weekend.", []),  # not the total gross
        ("Cage was paid $240,000 for the role.", []),
        ("He offers her $500 to come to his room for an hour.", []),
        ("The film grossed well at the box office.", []),
    ],
)
def test_box_office_phrasings(text, expected):
    assert money(box_office_from_prose(text)) == expected


# --- release phrasings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "After limited release in the United States on October 27, 1995, Leaving Las Vegas was "
            "released nationwide on February 9, 1996, receiving strong praise.",
            [(day(1995, 10, 27), "limited", "United States"), (day(1996, 2, 9), "wide", None)],
        ),
        (
            "The film premiered at the Toronto International Film Festival on September 10, 1995.",
            [(day(1995, 9, 10), "premiere", None)],
        ),
        (
            "It was screened at the 1995 Venice Film Festival on 5 September 1995.",
            [(day(1995, 9, 5), "festival", None)],
        ),
        ("On May 1, 2000, the film was re-released in theaters.", [(day(2000, 5, 1), "re-release", None)]),
        (
            "The film opened in the United Kingdom on 9 February 1996.",
            [(day(1996, 2, 9), "theatrical", "United Kingdom")],
        ),
        (
            "The film had its world premiere at the Sundance Film Festival on January 20, 2001, and was "
            "released in the United States on March 16, 2001.",
            [(day(2001, 1, 20), "premiere", None), (day(2001, 3, 16), "theatrical", "United States")],
        ),
        (
            "It was released in cinemas in March 1997.",
            [(PartialDate(dt.date(1997, 3, 1), MONTH), "theatrical", None)],
        ),
        (
            "Filming began in April 1994 and the film was released on 3 March 1995.",
            [(day(1995, 3, 3), "theatrical", None)],
        ),
        ("John O'Brien, who died by suicide in April 1994, wrote the novel.", []),
        ("The DVD was released on January 1, 1998.", []),
        ("The video cassettes were distributed on November 12, 1996 in two languages.", []),
        ("A soundtrack album was released November 7, 1995.", []),
        (
            'Ebert, Roger (November 5, 1995). "Leaving Las Vegas". Chicago Sun-Times. Retrieved December 9, 2006.',
            [],
        ),
        ("The film was released in 1995.", []),  # a bare year is not a dated event
    ],
)
def test_release_phrasings(text, expected):
    assert releases(releases_from_prose(text)) == expected


def test_festival_name_goes_to_the_note():
    (r,) = releases_from_prose(
        "The film premiered at the Toronto International Film Festival on September 10, 1995."
    )
    assert r.note == "Toronto International Film Festival"


# --- extracts without a lead, odd input ---------------------------------------------------------


def test_extract_without_lead_sentence():
    f = parse_extract("The film was released nationwide on February 9, 1996. It grossed $49.8 million.")
    assert f.title == "" and f.release_year is None
    assert f.problems["no lead sentence"] == 1
    assert releases(f) == [(day(1996, 2, 9), "wide", None)]
    assert money(f.box_office) == [("gross", 49.8e6, 49.8e6, "USD", None, None)]


def test_lead_with_parenthetical():
    f = parse_extract(
        "Se7en (stylized as SE7EN) is a 1995 American crime thriller film directed by David Fincher."
    )
    assert (f.title, f.release_year) == ("Se7en", 1995)


@pytest.mark.parametrize(
    "text", ["", "\n\n", "$$$ 100% ***", "is a 1995 film", seed("002"), seed("003"), seed("004")]
)
def test_never_crashes(text):
    f = parse_extract(text)
    assert isinstance(f.ratings, list) and isinstance(f.box_office, list) and isinstance(f.releases, list)


def test_an_initial_of_any_script_ends_no_sentence():
    assert sentences("Directed by Ö. Sandoval and J. R. Lee. Released in 1995.") == [
        "Directed by Ö. Sandoval and J. R. Lee.",
        "Released in 1995.",
    ]
