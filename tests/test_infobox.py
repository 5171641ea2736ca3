"""``{{Infobox film}}`` and ``==Cast==``: exact facts of the seed and of corpus films, each read
by hand from the wikitext."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib import infobox
from etl.lib.model import DAY, Name
from tests.conftest import corpus_wikitext, seed_wikitext


def _credits(film, role):
    return [(c.person.name, c.person.wiki_title) for c in film.credits if c.role == role]


def _companies(film, role):
    return [(c.company.name, c.company.wiki_title) for c in film.companies if c.role == role]


def _releases(film):
    return [(r.date.date, r.date.precision, r.release_type, r.territory) for r in film.releases]


def _money(film):
    return [(b.measure, b.amount.low, b.amount.high, b.amount.currency, b.territory) for b in film.box_office]


@pytest.fixture(scope="module")
def seed():
    return infobox.parse_article("Leaving Las Vegas", seed_wikitext())


def test_seed_film_record(seed):
    assert (seed.title, seed.wiki_title, seed.release_year, seed.runtime_minutes) == (
        "Leaving Las Vegas", "Leaving Las Vegas", 1995, 111)
    assert (seed.countries, seed.languages) == (["United States"], ["English"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("director", [("Mike Figgis", "Mike Figgis")]),
        ("producer", [("Lila Cazès", None), ("Annie Stewart", None)]),
        ("screenplay", [("Mike Figgis", None)]),
        ("based_on", [("John O'Brien", "John O'Brien (novelist)")]),
        ("starring", [("Nicolas Cage", "Nicolas Cage"), ("Elisabeth Shue", "Elisabeth Shue"),
                      ("Julian Sands", "Julian Sands")]),
        ("music", [("Anthony Marinelli", "Anthony Marinelli"), ("Mike Figgis", None)]),
        ("cinematography", [("Declan Quinn", "Declan Quinn")]),
        ("editing", [("John Smith", None)]),
        ("writer", []),
    ],
)
def test_seed_credits(seed, role, expected):
    assert _credits(seed, role) == expected


def test_seed_companies(seed):
    assert _companies(seed, "studio") == [("United Artists", "United Artists"),
                                          ("Lumiére Pictures", "StudioCanal#Film library")]
    assert _companies(seed, "distributor") == [("MGM/UA Distribution Co.", "MGM/UA Distribution Co.")]


def test_seed_releases_and_money(seed):
    assert _releases(seed) == [(dt.date(1995, 10, 27), DAY, "limited", None),
                               (dt.date(1996, 2, 9), DAY, "wide", None)]
    assert _money(seed) == [("budget", 3_500_000, 4_000_000, "USD", None),
                            ("gross", 49_800_000, 49_800_000, "USD", "worldwide")]
    assert [b.amount.as_written for b in seed.box_office] == ["$3.5–4 million", "$49.8 million"]


def test_seed_cast(seed):
    cast = [c for c in seed.credits if c.role == "cast"]
    assert len(cast) == 28
    assert (cast[0].person, cast[0].character, cast[0].ordinal) == (Name("Nicolas Cage", "Nicolas Cage"), "Ben Sanderson", 1)
    assert (cast[3].person, cast[3].character) == (Name("Richard Lewis", "Richard Lewis (comedian)"), "Peter")
    goorjian = cast[24]
    assert (goorjian.person.name, goorjian.character, goorjian.note) == ("Michael Goorjian", "College Boy #1", "as Michael A. Goorjian")
    assert (cast[-1].person.name, cast[-1].character, cast[-1].ordinal) == ("Lou Rawls", "Concerned Cabbie", 28)


def test_rocky(corpus_dir):
    film = infobox.parse_article("Rocky", corpus_wikitext("Rocky"))
    assert (film.title, film.release_year, film.runtime_minutes) == ("Rocky", 1976, 119)
    assert _credits(film, "producer") == [("Irwin Winkler", "Irwin Winkler"), ("Robert Chartoff", "Robert Chartoff")]
    assert _credits(film, "editing") == [("Richard Halsey", "Richard Halsey"), ("Scott Conrad", None)]
    assert _companies(film, "studio") == [("Chartoff-Winkler Productions", None)]
    assert _releases(film) == [(dt.date(1976, 11, 21), DAY, "theatrical", "New York City"),
                               (dt.date(1976, 12, 3), DAY, "theatrical", "United States")]
    # "$225 million<br />(equivalent to ${{Inflation|...}} million in ...)": the equivalent is no amount.
    assert _money(film) == [("budget", 1_000_000, 1_000_000, "USD", None),
                            ("gross", 225_000_000, 225_000_000, "USD", "worldwide")]


def test_spirited_away_yen_and_dollars(corpus_dir):
    film = infobox.parse_article("Spirited Away", corpus_wikitext("Spirited Away"))
    assert (film.countries, film.languages) == (["Japan"], ["Japanese"])
    assert _money(film) == [
        ("budget", 1.9e9, 1.9e9, "JPY", None),
        ("budget", 15e6, 19e6, "USD", None),
        ("gross", 30.4e9, 30.4e9, "JPY", "worldwide"),
        ("gross", 289.1e6, 289.1e6, "USD", "worldwide"),
    ]
    assert _releases(film)[0] == (dt.date(2001, 7, 20), DAY, "theatrical", "Japan")


def test_castle_of_cagliostro_currency_templates_and_territories(corpus_dir):
    film = infobox.parse_article("The Castle of Cagliostro", corpus_wikitext("The Castle of Cagliostro"))
    assert film.title == "Lupin III: The Castle of Cagliostro"
    assert _companies(film, "studio") == [("Tokyo Movie Shinsha", "TMS Entertainment")]
    assert _money(film) == [("budget", 500e6, 500e6, "JPY", None),
                            ("gross", 600e6, 600e6, "JPY", "Japan"),
                            ("gross", 7.82e6, 7.82e6, "USD", "worldwide")]


def test_hum_saath_saath_hain_inr_and_br_inside_a_list(corpus_dir):
    film = infobox.parse_article("Hum Saath-Saath Hain", corpus_wikitext("Hum Saath-Saath Hain"))
    assert _credits(film, "producer") == [("Ajit Kumar Barjatya", None), ("Kamal Kumar Barjatya", None),
                                          ("Rajkumar Barjatya", None)]
    assert _releases(film) == [(dt.date(1999, 11, 5), DAY, "theatrical", None)]
    assert _money(film) == [("budget", 170e6, 170e6, "INR", None), ("gross", 817e6, 817e6, "INR", "worldwide")]


def test_taxi_driver_plain_list_with_space(corpus_dir):
    film = infobox.parse_article("Taxi Driver", corpus_wikitext("Taxi Driver"))
    assert _credits(film, "editing") == [("Marcia Lucas", "Marcia Lucas"), ("Tom Rolf", "Tom Rolf"), ("Melvin Shapiro", None)]
    assert _companies(film, "studio") == [("Bill/Phillips Productions", None), ("Italo/Judeo Productions", None)]
    assert _credits(film, "narrator") == []  # the parameter holds only a comment


def test_x_men_range_budget_and_linked_companies(corpus_dir):
    film = infobox.parse_article("X-Men: First Class", corpus_wikitext("X-Men: First Class"))
    assert _money(film)[0] == ("budget", 140e6, 160e6, "USD", None)
    assert _companies(film, "studio")[1] == ("The Donners' Company", "Lauren Shuler Donner")
    assert _releases(film) == [(dt.date(2011, 5, 25), DAY, "theatrical", "Ziegfeld Theatre"),
                               (dt.date(2011, 6, 3), DAY, "theatrical", "United States")]


def test_evil_dead_ii_infobox_the_page_parse_misses(corpus_dir):
    film = infobox.parse_article("Evil Dead II", corpus_wikitext("Evil Dead II"))
    assert film is not None and (film.title, film.release_year, film.runtime_minutes) == ("Evil Dead II", 1987, 84)
    assert _companies(film, "distributor") == [
        ("Embassy Communications", "Embassy Communications"),
        ("De Laurentiis Entertainment Group", "De Laurentiis Entertainment Group"),
        ("Palace Pictures", "Palace Pictures")]
    assert _money(film) == [("budget", 3.6e6, 3.6e6, "USD", None), ("gross", 5.9e6, 5.9e6, "USD", "US")]


def test_batman_based_on_inside_a_list(corpus_dir):
    film = infobox.parse_article("Batman (1989 film)", corpus_wikitext("Batman (1989 film)"))
    assert film.title == "Batman"
    assert _credits(film, "based_on") == [("DC Comics", "DC Comics"), ("Bob Kane", "Bob Kane")]


def test_not_a_film_has_no_record(corpus_dir):
    assert infobox.parse_article("Werner Herzog", corpus_wikitext("Werner Herzog")) is None


def test_strip_disambiguation():
    assert infobox.strip_disambiguation("Batman (1989 film)") == "Batman"
    assert infobox.strip_disambiguation("Matlock (TV series)") == "Matlock (TV series)"
