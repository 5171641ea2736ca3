"""IMDb-style user-reviews page (etl.lib.extract.imdb.parse_imdb_reviews).

Expected values are read by hand from seeds/004_*.txt, never copied from the parser's output.
The page holds 25 reviews (25 "found this helpful" lines, 25 "<author><date>" lines).
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract.imdb import is_imdb_reviews_page, is_imdb_title_page, parse_imdb_reviews
from tests.conftest import seed_text as seed


@pytest.fixture(scope="module")
def page():
    return parse_imdb_reviews(seed("004"))


def by_author(page, author):
    (review,) = [r for r in page.reviews if r.author == author]
    return review


def test_header(page):
    assert page.title == "Leaving Las Vegas"
    assert page.release_year == 1995


def test_review_count(page):
    assert len(page.reviews) == 25


@pytest.mark.parametrize(
    ("index", "title", "author", "date", "helpful", "total"),
    [
        (0, "Powerful Film About Loneliness And Acceptance", "flipgirl38", dt.date(2005, 5, 15), 231, 268),
        (1, "The dignity of love and the depths of despair", "mstomaso", dt.date(2005, 6, 3), 212, 255),
        (2, "Amazing, and gritty performances", "jguz58", dt.date(2003, 5, 3), 126, 151),
    ],
)
def test_first_three_reviews(page, index, title, author, date, helpful, total):
    r = page.reviews[index]
    assert (r.title, r.author, r.review_date, r.helpful_votes, r.total_votes) == (
        title,
        author,
        date,
        helpful,
        total,
    )


def test_last_review(page):
    r = page.reviews[-1]
    assert (r.title, r.author, r.review_date, r.helpful_votes, r.total_votes) == (
        "Beauty in the Brokenness",
        "truemythmedia",
        dt.date(2019, 8, 23),
        5,
        7,
    )
    # the page footer is not part of the last body
    assert r.body.endswith("even if that brokenness is hard to behold.")


def test_bodies_are_whole_and_clean(page):
    first = page.reviews[0]
    assert first.body.startswith("Remarkable. Touching. Riveting.")
    assert first.body.endswith("I highly recommend this film.")
    for r in page.reviews:
        assert r.body
        assert "found this helpful" not in r.body
        assert "Sign in to vote" not in r.body


def test_every_review_has_votes(page):
    assert all(r.helpful_votes is not None and r.total_votes is not None for r in page.reviews)
    assert all(r.helpful_votes <= r.total_votes for r in page.reviews)


# Every rating style present in the page, read by hand.
RATED = [
    ("film-critic", 5, 5),  # "Grade: ***** out of *****"
    ("hlcepeda", 9.5, 10),  # "9.5 out of 10."
    ("WCS0", 10, 10),  # "10 out of 10."
    ("hitchcockthelegend", 8, 10),  # "8/10"
    ("CurtMan@LVCM.com", 4, 4),  # "**** out of ****"
    ("Michael_Elliott", 4, 4),  # "**** (out of 4)"
    ("noahk", 1, 10),  # "Rating: 1/10"
    ("acedj", 10, 10),  # "as is evident with my 10 star rating"
]


@pytest.mark.parametrize(("author", "rating", "scale"), RATED)
def test_rating_styles(page, author, rating, scale):
    r = by_author(page, author)
    assert (r.rating, r.rating_scale) == (rating, scale)


@pytest.mark.parametrize(
    "author",
    [
        "flipgirl38",  # no rating at all
        "mstomaso",  # "did not receive a ten from me" is not a rating
        "george.schmidt",  # "(1995) ****": stars without a scale
        "JimS_8686",  # "24/7" is not a rating
        "RachelLone",  # "my top 100"
        "hortonaaron",  # "7 out of 10 found this helpful" is the vote line, not a rating
        "luke-a-mcgowan",  # "9 out of 10 found this helpful" likewise
    ],
)
def test_reviews_without_a_stated_rating(page, author):
    r = by_author(page, author)
    assert r.rating is None and r.rating_scale is None


def test_rated_review_count(page):
    assert sum(r.rating is not None for r in page.reviews) == len(RATED)


@pytest.mark.parametrize(
    ("author", "date", "ambiguous"),
    [
        # two valid splits: "flipgirl38" + 15 May or "flipgirl381" + 5 May -> two-digit day
        ("flipgirl38", dt.date(2005, 5, 15), True),
        # "WCS0" + 27 June or "WCS02" + 7 June -> two-digit day
        ("WCS0", dt.date(2005, 6, 27), True),
        ("hitchcockthelegend", dt.date(2009, 6, 17), True),
        ("k_28", dt.date(2014, 11, 19), True),
        ("JimS_8686", dt.date(2009, 4, 19), True),
        ("CurtMan@LVCM.com", dt.date(2004, 10, 22), True),
        # one valid split only
        ("mstomaso", dt.date(2005, 6, 3), False),  # "o3"
        ("jguz58", dt.date(2003, 5, 3), False),  # "83 May" is no date
        ("film-critic", dt.date(2005, 2, 3), False),
        ("kimjoh", dt.date(2005, 5, 1), False),
        ("Beyondtherain", dt.date(2020, 4, 9), False),
    ],
)
def test_author_date_split(page, author, date, ambiguous):
    r = by_author(page, author)
    assert r.review_date == date
    assert r.date_ambiguous is ambiguous


def test_ambiguity_flag_matches_the_digits(page):
    # the rule takes the two-digit day when valid; the one-digit reading is then also a date
    # unless the day ends in 0 ("10 May" cannot be "0 May"). One-digit days are unambiguous.
    for r in page.reviews:
        day = r.review_date.day
        assert r.date_ambiguous is (day >= 10 and day % 10 != 0)
    assert sum(r.date_ambiguous for r in page.reviews) == 19  # counted by hand: 25 - 6 one-digit days


# --- variant pages ----------------------------------------------------------------------------

NO_REVIEWS = """Some Film (2001) Poster

User Reviews

Review this title
0 Reviews
Sort by:
Filter by Rating:
"""


def test_page_with_no_reviews():
    assert is_imdb_reviews_page(NO_REVIEWS)
    f = parse_imdb_reviews(NO_REVIEWS)
    assert (f.title, f.release_year, f.reviews) == ("Some Film", 2001, [])


VARIANT = """Other Film (1999)
User Reviews
Good one
alice12 March 2000
Short body with no rating and no helpful line.
Bad one
bob2 April 2000
Body. I'd say 3/10
12 out of 20 found this helpful. Was this review helpful? Sign in to vote.
Third
carol31 February 2001
Body three. ***½ out of ****
Fourth
dave10 May 2002
Solid. 7 stars out of 10.
1 out of 1 found this helpful.
Fifth
erin May 5, 2003
Body with a date in it: I saw it on 3 June 2003 at a festival.
0 out of 2 found this helpful.
See also
Awards | FAQ
"""


@pytest.fixture(scope="module")
def variant():
    return parse_imdb_reviews(VARIANT)


def test_variant_detection():
    assert is_imdb_reviews_page(VARIANT)
    assert not is_imdb_title_page(VARIANT)


def test_variant_reviews(variant):
    assert (variant.title, variant.release_year) == ("Other Film", 1999)
    got = [
        (
            r.title,
            r.author,
            r.review_date,
            r.rating,
            r.rating_scale,
            r.helpful_votes,
            r.total_votes,
            r.date_ambiguous,
        )
        for r in variant.reviews
    ]
    assert got == [
        # "alice12 March": "alice" + 12 March or "alice1" + 2 March -> two-digit day, ambiguous
        ("Good one", "alice", dt.date(2000, 3, 12), None, None, None, None, True),
        ("Bad one", "bob", dt.date(2000, 4, 2), 3, 10, 12, 20, False),
        # "31 February" is no date: only "carol3" + 1 February remains
        ("Third", "carol3", dt.date(2001, 2, 1), 3.5, 4, None, None, False),
        # "10 May" or "dave1" + "0 May": days are never 0 or zero-padded
        ("Fourth", "dave", dt.date(2002, 5, 10), 7, 10, 1, 1, False),
        ("Fifth", "erin", dt.date(2003, 5, 5), None, None, 0, 2, False),
    ]


def test_variant_bodies(variant):
    assert variant.reviews[0].body == "Short body with no rating and no helpful line."
    assert variant.reviews[2].body == "Body three. ***½ out of ****"  # the footer is not body
    assert "3 June 2003" in variant.reviews[4].body


def test_review_without_title_line():
    text = (
        "Film (2000)\nUser Reviews\nFirst title\nann3 May 2001\nFirst body. 6/10\n"
        "4 out of 5 found this helpful.\nbob4 May 2001\nSecond body, no title above.\n"
        "1 out of 3 found this helpful.\n"
    )
    got = [
        (r.title, r.author, r.body, r.rating, r.helpful_votes, r.total_votes)
        for r in parse_imdb_reviews(text).reviews
    ]
    assert got == [
        ("First title", "ann", "First body. 6/10", 6, 4, 5),
        (None, "bob", "Second body, no title above.", None, 1, 3),
    ]


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        ("user105 May 2005", "user10", 5),  # "05" is not a day
        ("bob30 April 2010", "bob", 30),
        ("someone 3 June 2005", "someone", 3),  # separated by a space: no split question
        ("JaneDoeJune 3, 2005", "JaneDoe", 3),  # month-first form
    ],
)
def test_author_date_forms(line, author, day):
    text = f"Film (2000)\nUser Reviews\nA title\n{line}\nA body.\n1 out of 2 found this helpful.\n"
    (r,) = parse_imdb_reviews(text).reviews
    assert (r.author, r.review_date.day) == (author, day)


@pytest.mark.parametrize(
    "text",
    ["", "\n", "User Reviews", "found this helpful", "x1 May 2005", seed("001"), seed("002"), seed("003")],
)
def test_never_crashes(text):
    f = parse_imdb_reviews(text)
    assert isinstance(f.reviews, list)


def test_title_page_is_not_a_reviews_page():
    assert not is_imdb_reviews_page(seed("002"))
