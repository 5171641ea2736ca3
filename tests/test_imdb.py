"""IMDb-style title page: detection and parsing (etl.lib.extract.imdb).

Expected values are read by hand from seeds/002_*.txt, never copied from the parser's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract.imdb import filming_locations, is_imdb_reviews_page, is_imdb_title_page, parse_imdb_title
from etl.lib.model import DAY, PartialDate, Rating
from tests.conftest import seed_text as seed


@pytest.fixture(scope="module")
def title_page():
    return parse_imdb_title(seed("002"))


def credits(facts, role):
    return [c for c in facts.credits if c.role == role]


# --- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title_page_expected", "reviews_page_expected"),
    [
        ("000", False, False),  # Wikipedia extract, loose sentences
        ("001", False, False),  # Wikipedia extract, whole article
        ("002", True, False),  # IMDb title page
        ("003", False, False),  # MediaWiki API JSON with wikitext
        ("004", False, True),  # IMDb user-reviews page
    ],
)
def test_detection_on_seeds(prefix, title_page_expected, reviews_page_expected):
    text = seed(prefix)
    assert is_imdb_title_page(text) is title_page_expected
    assert is_imdb_reviews_page(text) is reviews_page_expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "'''Heat''' is a 1995 American crime film directed by [[Michael Mann]].\n== Plot ==\nDirector: x",
        '{"query": {"pages": {"1": {"title": "Heat"}}}}',
        "Heat is a 1995 American crime film. The director of the film was Michael Mann. "
        "Its stars were Al Pacino and Robert De Niro. Its budget was $60 million.",
        "Rating: 9/10\n\nGreat film.",  # a lone user-review rating is not a title page
    ],
)
def test_title_page_detection_does_not_fire(text):
    assert is_imdb_title_page(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "Heat\n\nDirector: Michael Mann\n\nStars: Al Pacino, Robert De Niro",
        "Stars: Al Pacino\nRating: 8.3/10 (500,000 voted)",  # no title line, reordered
        "Heat (1995)\nBox Office Details\nBudget: $60,000,000 (estimated)",
        "Heat\nCritic's Score: 76/100\nRelease Year: 1995",
    ],
)
def test_title_page_detection_tolerates_missing_and_reordered_fields(text):
    assert is_imdb_title_page(text) is True
    assert is_imdb_reviews_page(text) is False


# --- the seed title page ----------------------------------------------------------------------


def test_title_and_year(title_page):
    assert title_page.title == "Leaving Las Vegas"
    assert title_page.release_year == 1995


def test_ratings_are_the_film_ratings_only(title_page):
    assert title_page.ratings == [
        Rating("IMDb", "user_rating", 7.6, 10, 54198),
        Rating("Metacritic", "score", 82, 100, None),
    ]
    # the trailing user review's "Rating: 9/10" has no "(n voted)": not the film's rating
    assert all(r.value != 9 for r in title_page.ratings)


def test_release_date_is_not_duplicated_by_the_date_under_the_title(title_page):
    # "October 27th, 1995" under the title and "Release Date: 27 October 1995" are one event
    assert len(title_page.releases) == 1
    (release,) = title_page.releases
    assert release.date == PartialDate(dt.date(1995, 10, 27), DAY)
    assert release.release_type == "theatrical"
    assert release.territory is None


def test_director(title_page):
    assert [(c.person.name, c.ordinal) for c in credits(title_page, "director")] == [("Mike Figgis", 1)]


def test_writers(title_page):
    assert [(c.person.name, c.ordinal) for c in credits(title_page, "writer")] == [
        ("John O'Brien", 1),
        ("Mike Figgis", 2),
    ]


def test_stars(title_page):
    assert [(c.person.name, c.ordinal) for c in credits(title_page, "starring")] == [
        ("Nicolas Cage", 1),
        ("Elisabeth Shue", 2),
        ("Julian Sands", 3),
    ]


SEED_CAST = [
    (1, "Nicolas Cage", "Ben Sanderson", None),
    (2, "Elisabeth Shue", "Sera", None),
    (3, "Julian Sands", "Yuri", None),
    (4, "Richard Lewis", "Peter", None),
    (5, "Steven Weber", "Marc Nussbaum", None),
    (6, "Kim Adams", "Sheila", None),
    (7, "Emily Procter", "Debbie", None),
    (8, "Stuart Regen", "Man at Bar", None),
    (9, "Valeria Golino", "Terri", None),
    (10, "Graham Beckel", "L.A. Bartender", None),
    (11, "Albert Henderson", "Man at Strip Bar", "as Al Henderson"),
    (12, "Shashi Bhatia", "Hispanic Prostitute", None),
    (13, "Carey Lowell", "Bank Teller", None),
    (14, "Anne Lange", "Business Colleague", None),
    (15, "Thomas Kopache", "Mr. Simpson", None),
]


def test_cast_count(title_page):
    assert len(credits(title_page, "cast")) == len(SEED_CAST) == 15


@pytest.mark.parametrize(("ordinal", "actor", "character", "note"), SEED_CAST)
def test_cast_line(title_page, ordinal, actor, character, note):
    cast = credits(title_page, "cast")
    c = cast[ordinal - 1]
    assert (c.ordinal, c.person.name, c.character, c.note) == (ordinal, actor, character, note)


def test_no_credit_keeps_a_note_in_its_name_or_character(title_page):
    for c in title_page.credits:
        assert "(" not in c.person.name and ")" not in c.person.name
        assert c.character is None or "(" not in c.character


def test_budget(title_page):
    budgets = [b for b in title_page.box_office if b.measure == "budget"]
    assert len(budgets) == 1
    a = budgets[0].amount
    assert (a.low, a.high, a.currency, a.is_estimate, a.bound) == (3_600_000, 3_600_000, "USD", True, None)
    assert budgets[0].territory is None


def test_gross(title_page):
    grosses = [b for b in title_page.box_office if b.measure == "gross"]
    assert len(grosses) == 1
    a = grosses[0].amount
    assert (a.low, a.high, a.currency, a.is_estimate) == (31_968_347, 31_968_347, "USD", False)
    assert grosses[0].territory == "United States"


def test_nothing_else_in_box_office(title_page):
    assert sorted(b.measure for b in title_page.box_office) == ["budget", "gross"]


def test_filming_locations():
    assert filming_locations(seed("002")) == [
        "Bally's Casino Resort - 3645 Las Vegas Boulevard South, Las Vegas, Nevada, USA"
    ]


def test_title_page_yields_no_problems(title_page):
    assert not title_page.problems


# --- variant pages ----------------------------------------------------------------------------

REORDERED = """Heat (1995)

Gross: $67,436,818 (USA)

Stars: Al Pacino, Robert De Niro | See full cast & crew

Rating: 8.3/10 (500,000 voted)

Director: Michael Mann

Director: Michael Mann

Writers: Michael Mann (written by)

Release Date: 15 December 1995 (USA)

Release Date: 23 February 1996 (UK)

Al Pacino - Lt. Vincent Hanna
Robert De Niro - Neil McCauley
John Smith (as Johnny Smith) - Bartender (uncredited)
Jane Roe - Radio Voice (voice)
"""


def test_reordered_and_repeated_fields():
    f = parse_imdb_title(REORDERED)
    assert f.title == "Heat"
    assert f.release_year == 1995  # from "Heat (1995)": no "Release Year:" line
    assert f.ratings == [Rating("IMDb", "user_rating", 8.3, 10, 500000)]
    assert [(c.person.name, c.ordinal) for c in credits(f, "director")] == [("Michael Mann", 1)]
    assert [(c.person.name, c.note) for c in credits(f, "writer")] == [("Michael Mann", "written by")]
    assert [c.person.name for c in credits(f, "starring")] == ["Al Pacino", "Robert De Niro"]
    assert [(r.date.date, r.territory) for r in f.releases] == [
        (dt.date(1995, 12, 15), "United States"),  # release territories are place names
        (dt.date(1996, 2, 23), "United Kingdom"),
    ]
    assert [(b.measure, b.amount.low, b.territory) for b in f.box_office] == [
        ("gross", 67_436_818, "United States")
    ]


def test_variant_cast_notes():
    cast = credits(parse_imdb_title(REORDERED), "cast")
    assert [(c.ordinal, c.person.name, c.character, c.note) for c in cast] == [
        (1, "Al Pacino", "Lt. Vincent Hanna", None),
        (2, "Robert De Niro", "Neil McCauley", None),
        (3, "John Smith", "Bartender", "as Johnny Smith; uncredited"),
        (4, "Jane Roe", "Radio Voice", "voice"),
    ]


USER_REVIEW_FIRST = """Some Film

User Review

Great stuff

Rating: 10/10

I loved it. The lead - a revelation.

Director: Jane Doe

Release Date: 3 June 2005

Cage - brilliant
"""


def test_user_review_block_before_the_fields():
    f = parse_imdb_title(USER_REVIEW_FIRST)
    assert f.title == "Some Film"
    assert f.ratings == []  # "Rating: 10/10" belongs to the user review
    assert f.release_year == 2005  # from the release date
    assert [c.person.name for c in credits(f, "director")] == ["Jane Doe"]
    assert credits(f, "cast") == []  # a lone "X - y" line is not a cast list
    assert [(r.date, r.release_type) for r in f.releases] == [
        (PartialDate(dt.date(2005, 6, 3), DAY), "theatrical")
    ]


def test_date_under_title_is_a_release_when_no_release_date_field():
    f = parse_imdb_title("Other Film\n\nMarch 3rd, 2001\n\nDirector: Ann Lee\nStars: Bo Diaz, Cy Young\n")
    assert f.title == "Other Film"
    assert f.release_year == 2001
    assert [(r.date, r.release_type) for r in f.releases] == [
        (PartialDate(dt.date(2001, 3, 3), DAY), "theatrical")
    ]


def test_missing_fields_give_empty_lists():
    f = parse_imdb_title("Quiet Film\n\nDirector: Ann Lee\n\nStars: Bo Diaz")
    assert f.title == "Quiet Film"
    assert f.release_year is None
    assert f.ratings == [] and f.releases == [] and f.box_office == []
    assert credits(f, "cast") == [] and credits(f, "writer") == []
    assert filming_locations("Quiet Film\n\nDirector: Ann Lee") == []


def test_unreadable_values_are_counted_not_raised():
    f = parse_imdb_title("Odd Film\nDirector: Ann Lee\nBudget: unknown\nRelease Date: someday")
    assert f.box_office == [] and f.releases == []
    assert sum(f.problems.values()) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "Rating:",
        "::::",
        "- - -",
        "Director:",
        "Stars: ,,,",
        "Budget: $",
        seed("001"),
        seed("003"),
        seed("004"),
    ],
)
def test_never_crashes(text):
    f = parse_imdb_title(text)
    assert isinstance(f.title, str)
    filming_locations(text)
