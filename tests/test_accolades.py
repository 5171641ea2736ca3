"""Accolades tables and lists: the seed article, every corpus film, and one small hand-written
layout per case the parser must handle.

The expected figures of the corpus films were counted by hand from each article's wikitext
(the accolades section read row by row), not copied from the parser's output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from etl.lib.extract.accolades import AccoladesResult, parse_accolades
from etl.lib.model import DAY, RESULTS, Name, PartialDate
from etl.lib.wiki.wikitext import Context
from tests.conftest import FIXTURES as FIXTURE_ROOT
from tests.conftest import corpus_wikitext, seed_wikitext

FIXTURES = FIXTURE_ROOT / "accolades"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def check_invariants(result: AccoladesResult) -> None:
    assert result.rows_seen == len(result.nominations) + sum(result.skipped.values())
    assert sum(result.unknown_results.values()) == result.skipped["unknown result"]
    for n in result.nominations:
        assert n.result in RESULTS
        assert n.award_body and n.category and n.recipient
        assert "  " not in n.award_body and "[[" not in n.award_body and "{{" not in n.category


def fixture(name: str, film: str = "Test Film") -> AccoladesResult:
    result = parse_accolades((FIXTURES / f"{name}.wiki").read_text(encoding="utf-8"), film)
    check_invariants(result)
    return result


def rows(result: AccoladesResult) -> list[tuple]:
    return [(n.award_body, n.category, n.recipient, n.result, n.placement) for n in result.nominations]


def people(n) -> list[str]:
    return [p.name for p in n.persons]


def by_body(result: AccoladesResult) -> Counter:
    return Counter(n.award_body for n in result.nominations)


def wins_by_body(result: AccoladesResult) -> Counter:
    return Counter(n.award_body for n in result.nominations if n.result == "won")


def entry(result: AccoladesResult, body: str, category: str, recipient: str | None = None):
    found = [
        n
        for n in result.nominations
        if n.award_body == body and n.category == category and (recipient is None or n.recipient == recipient)
    ]
    assert len(found) == 1, (body, category, recipient, found)
    return found[0]


def one_row_table(result_cell: str) -> AccoladesResult:
    code = (
        '==Accolades==\n{| class="wikitable"\n! Award !! Category !! Nominee !! Result\n'
        f"|-\n| [[Empire Awards]] || Best Actor || Jim Smith || {result_cell}\n|}}\n"
    )
    result = parse_accolades(code, "Test Film")
    check_invariants(result)
    return result


# ---------------------------------------------------------------------------------------------
# The seed article
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> AccoladesResult:
    result = parse_accolades(seed_wikitext(), "Leaving Las Vegas")
    check_invariants(result)
    return result


def test_seed_totals(seed):
    assert len(seed.nominations) == 61
    assert seed.rows_seen == 61 and not seed.skipped and not seed.unknown_results
    assert len(by_body(seed)) == 23
    assert Counter(n.result for n in seed.nominations) == {
        "won": 31,
        "nominated": 25,
        "runner-up": 1,
        "placed": 4,
    }
    assert sorted(n.placement for n in seed.nominations if n.result == "placed") == [2, 2, 4, 10]
    assert [n.placement for n in seed.nominations if n.result == "runner-up"] == [2]


def test_seed_counts_per_body(seed):
    expected = {  # body: (entries, wins)
        "Academy Awards": (4, 1),
        "Independent Spirit Awards": (6, 4),
        "Los Angeles Film Critics Association Awards": (5, 4),
        "Dallas-Fort Worth Film Critics Association Awards": (4, 4),
        "National Society of Film Critics Awards": (3, 3),
        "Golden Globe Awards": (4, 1),
        "New York Film Critics Circle Awards": (4, 2),
    }
    for body, (entries, wins) in expected.items():
        assert (by_body(seed)[body], wins_by_body(seed)[body]) == (entries, wins), body


def test_seed_spans_across_bodies(seed):
    # The 20/20 Awards' last recipient cell (rowspan=2) also fills the Academy Awards' first row.
    director = entry(seed, "Academy Awards", "Best Director")
    assert people(director) == ["Mike Figgis"] and director.result == "nominated"
    # "Nicolas Cage" (rowspan=3) runs from San Sebastián over Sant Jordi to the SAG Awards.
    assert people(entry(seed, "Sant Jordi Awards", "Best Foreign Actor")) == ["Nicolas Cage"]
    sag = entry(
        seed, "Screen Actors Guild Awards", "Outstanding Performance by a Male Actor in a Leading Role"
    )
    assert people(sag) == ["Nicolas Cage"] and sag.result == "won"


def test_seed_film_as_recipient(seed):
    for body, category in [
        ("Dallas-Fort Worth Film Critics Association Awards", "Best Picture"),
        ("Turkish Film Critics Association Awards", "Best Foreign Film"),
    ]:
        n = entry(seed, body, category)
        assert n.recipient == "Leaving Las Vegas" and n.persons == []
    turkish = entry(seed, "Turkish Film Critics Association Awards", "Best Foreign Film")
    assert (turkish.result, turkish.placement) == ("placed", 10)


def test_seed_bodies_editions_and_links(seed):
    oscar = entry(seed, "Academy Awards", "Best Actor")
    assert (oscar.award_body_wiki_title, oscar.edition, oscar.category_wiki_title) == (
        "Academy Awards",
        68,
        "Academy Award for Best Actor",
    )
    boston = entry(seed, "Boston Society of Film Critics Awards", "Best Actor")
    assert (boston.award_body_wiki_title, boston.ceremony_year) == (
        "Boston Society of Film Critics Awards",
        1995,
    )
    assert entry(seed, "Los Angeles Film Critics Association Awards", "Best Film").ceremony_year == 1995
    chlotrudis = entry(seed, "Chlotrudis Awards", "Best Actor")
    assert chlotrudis.award_body_wiki_title == "Chlotrudis Society for Independent Film"
    jupiter = entry(seed, "Jupiter Awards", "Best International Actor")
    assert jupiter.award_body_wiki_title == "Jupiter Award (film award)"
    assert jupiter.recipient == "Nicolas Cage" and jupiter.note == "also for The Rock"
    assert by_body(seed)["British Academy Film Awards"] == 3  # "Film  Awards" collapsed
    assert entry(seed, "20/20 Awards", "Best Actor").award_body_wiki_title is None


def test_seed_persons(seed):
    picture = entry(seed, "Awards Circuit Community Awards", "Best Motion Picture")
    assert picture.recipient == "Lila Cazès and Annie Stewart"
    assert people(picture) == ["Lila Cazès", "Annie Stewart"]
    cage = entry(seed, "20/20 Awards", "Best Actor")
    assert cage.persons == [Name("Nicolas Cage", "Nicolas Cage")]
    runner_up = entry(seed, "Los Angeles Film Critics Association Awards", "Best Screenplay")
    assert (runner_up.result, runner_up.placement, people(runner_up)) == ("runner-up", 2, ["Mike Figgis"])


# ---------------------------------------------------------------------------------------------
# The development corpus (counted by hand from each article)
# ---------------------------------------------------------------------------------------------


def corpus_film(title: str) -> AccoladesResult:
    result = parse_accolades(corpus_wikitext(title), title)
    check_invariants(result)
    return result


# film: (entries, results, entries per body)
CORPUS_COUNTS = {
    # Awards table: title row "Awards", rows starting with "||", "|rowspan=12 {{nom}}" covering
    # the first twelve rows (the Saturn row has no recipient cell at all: the film).
    "Cars 2": (
        14,
        {"won": 1, "nominated": 13},
        {
            "British Academy Children's Awards": 1,
            "People's Choice Awards": 1,
            "Golden Globe Awards": 1,
            "Annie Awards": 7,
            "Kids Choice Awards": 1,
            "Saturn Awards": 1,
            "ASCAP Award": 1,
            "Visual Effects Society Awards": 1,
        },
    ),
    # Headers "Award / Subject / Nominee / Result": "Subject" holds the categories.
    "Evil Dead II": (
        5,
        {"nominated": 5},
        {"Saturn Awards": 3, "Sitges - Catalan International Film Festival": 1, "Fantasporto Awards": 1},
    ),
    # "| rowspan="1" {{nom}}" result cells.
    "Hum Saath-Saath Hain": (
        3,
        {"won": 1, "nominated": 2},
        {"Filmfare Awards": 1, "Zee Cine Awards": 1, "International Indian Film Academy Awards": 1},
    ),
    # Row headers, "Date of ceremony" and "Ref." columns.
    "Mamma Mia! Here We Go Again": (
        7,
        {"nominated": 7},
        {
            "Costume Designers Guild Awards": 1,
            "European Film Awards": 1,
            "Hollywood Music in Media Awards": 2,
            "People's Choice Awards": 3,
        },
    ),
    # Bullet lists under bold body names. The Berlin "OCIC Award" bullet states no result: it
    # is seen and skipped ("no result"), never guessed. The closing prose sentence "''Midnight
    # Cowboy'' won the [[Directors Guild of America Award for ...]] and the [[Writers Guild of
    # America Award for ...]]" is two wins. The National Board of Review's "Top Ten Films" is a
    # best-of list, not an award: skipped with that reason.
    "Midnight Cowboy": (
        28,
        {"won": 15, "nominated": 11, "placed": 2},
        {
            "Academy Awards": 7,
            "Golden Globe Awards": 7,
            "British Academy Film Awards": 6,
            "Berlin International Film Festival": 1,
            "David di Donatello Awards": 2,
            "New York Film Critics Circle": 3,
            "Directors Guild of America Awards": 1,
            "Writers Guild of America Awards": 1,
        },
    ),
    # "Award !! Result !! Nominee": the result in the 2nd column and no body column; the body
    # comes from the category links ("Academy Award for Best Picture"), the edition from the
    # prose above the table ("[[49th Academy Awards]]"). The AFI "100 Years" bullets below
    # are list rankings ("#78", also the ten bullets of lines 215-227 marked "Nominated" or
    # nested under a list's name): skipped as rankings.
    "Rocky": (10, {"won": 3, "nominated": 7}, {"Academy Awards": 10}),
    # Year column with rowspan=5/19/12, a "||2004" row, "25th [[Japan Academy Prize...]]".
    "Spirited Away": (
        37,
        {"won": 34, "nominated": 3},
        {
            "Animation Kobe": 1,
            "Blue Ribbon Awards": 1,
            "Mainichi Film Awards": 3,
            "Japan Academy Award": 2,
            "Berlin International Film Festival": 1,
            "Cinekid Festival": 1,
            "Hong Kong Film Awards": 1,
            "Tokyo Anime Award": 8,
            "Utah Film Critics Association Awards": 4,
            "National Board of Review": 1,
            "New York Film Critics Online": 1,
            "Academy Awards": 1,
            "Annie Awards": 4,
            "Critics' Choice Awards": 1,
            "Saturn Awards": 3,
            "Golden Satellite Awards": 1,
            "Amsterdam Fantastic Film Festival": 1,
            "Christopher Awards": 1,
            "British Academy Film Awards": 1,
        },
    ),
    # Inline "||" cells; recipient cells spanning two awards (Cannes/Hochi, David/DGA).
    "Taxi Driver": (
        34,
        {"won": 16, "nominated": 18},
        {
            "Cannes Film Festival": 1,
            "Hochi Film Award": 1,
            "LAFCA Award": 3,
            "Academy Award": 4,
            "BAFTA Award": 7,
            "Blue Ribbon Award": 1,
            "David di Donatello Award": 2,
            "DGA Award": 1,
            "Golden Globe Award": 2,
            "Grammy Award": 1,
            "Kinema Junpo Award": 1,
            "NSFC Award": 5,
            "NYFCC Award": 4,
            "WGA Award": 1,
        },
    ),
    # "Year of ceremony" with rowspan="21" and rowspan="6".
    "X-Men: First Class": (
        27,
        {"won": 5, "nominated": 22},
        {
            "National Board of Review Awards": 1,
            "Los Angeles Film Critics Association Awards": 1,
            "Teen Choice Awards": 5,
            "Scream Awards": 14,
            "People's Choice Awards": 4,
            "Saturn Awards": 2,
        },
    ),
}


@pytest.mark.parametrize("title", sorted(CORPUS_COUNTS))
def test_corpus_counts(title):
    result = corpus_film(title)
    entries, results, bodies = CORPUS_COUNTS[title]
    assert len(result.nominations) == entries
    assert Counter(n.result for n in result.nominations) == results
    assert by_body(result) == bodies
    assert not result.unknown_results


@pytest.mark.parametrize(
    "title",
    [
        "Batman (1989 film)",
        "The Castle of Cagliostro",
        "Monty Python and the Holy Grail",
        "Matlock (TV series)",
        "Werner Herzog",
    ],
)
def test_corpus_without_accolades(title):
    # Batman names its awards in prose and lists AFI rankings under "Legacy"; Cagliostro and
    # Monty Python have prose only; their cast tables are not accolades.
    result = corpus_film(title)
    assert result.nominations == [] and result.rows_seen == 0


def test_corpus_skips_are_reported():
    assert corpus_film("Midnight Cowboy").skipped == {"no result": 1, "ranking or best-of list": 1}
    # The ten AFI bullets: 7 at the top level with a rank or "Nominated", 3 nested under a list.
    assert corpus_film("Rocky").skipped == {"ranking or best-of list": 10}


def test_corpus_cars_2_rowspan_result_and_missing_cells():
    result = corpus_film("Cars 2")
    assert entry(result, "Saturn Awards", "Best Animated Film").recipient == "Cars 2"
    assert entry(result, "British Academy Children's Awards", "Favorite Film").persons == []
    assert entry(result, "Annie Awards", "Best Animated Feature").edition == 39
    ascap = entry(result, "ASCAP Award", "Top Box Office Films")
    assert (ascap.result, people(ascap)) == ("won", ["Michael Giacchino"])
    assert ascap.award_body_wiki_title == "American Society of Composers, Authors and Publishers"
    ves = entry(
        result,
        "Visual Effects Society Awards",
        "Outstanding Virtual Cinematography in an Animated Feature Motion Picture",
    )
    assert people(ves) == ["Mahyar Abousaeedi", "Jeremy Lasky", "Jonathan Pytko"]


def test_corpus_evil_dead_subject_column_is_the_category():
    result = corpus_film("Evil Dead II")
    assert people(entry(result, "Saturn Awards", "Best Horror Film")) == ["Sam Raimi"]
    assert people(entry(result, "Fantasporto Awards", "Best Film")) == ["Sam Raimi"]
    effects = entry(result, "Saturn Awards", "Best Special Effects")
    assert people(effects) == ["Vern Hyde", "Doug Beswick", "Tom Sullivan"]


def test_corpus_mamma_mia_dates():
    result = corpus_film("Mamma Mia! Here We Go Again")
    star = entry(result, "People's Choice Awards", "Female Movie Star")
    assert star.ceremony_date == PartialDate(dt.date(2018, 11, 11), DAY)
    assert (star.edition, star.ceremony_year) == (44, 2018)
    assert (
        entry(result, "Costume Designers Guild Awards", "Excellence in Contemporary Film").ceremony_year
        == 2019
    )
    assert entry(result, "European Film Awards", "Best European Film").persons == []


def test_corpus_midnight_cowboy_lists():
    result = corpus_film("Midnight Cowboy")
    second = entry(result, "New York Film Critics Circle", "Best Actor", "Dustin Hoffman")
    assert (second.result, second.placement) == ("placed", 2)
    third = entry(result, "New York Film Critics Circle", "Best Supporting Actor")
    assert (third.result, third.placement) == ("placed", 3)
    picture = entry(result, "Academy Awards", "Best Picture")
    assert picture.persons == [Name("Jerome Hellman", "Jerome Hellman")]
    assert not [n for n in result.nominations if n.award_body == "National Board of Review"]
    assert wins_by_body(result)["British Academy Film Awards"] == 6


def test_corpus_rocky_body_from_category_links():
    result = corpus_film("Rocky")
    assert {(n.award_body_wiki_title, n.edition) for n in result.nominations} == {("Academy Awards", 49)}
    song = entry(result, "Academy Awards", "Best Music (Original Song)")
    assert people(song) == ["Bill Conti", "Carol Connors", "Ayn Robbins"]
    assert "Gonna Fly Now" in song.note
    assert people(entry(result, "Academy Awards", "Best Picture")) == ["Robert Chartoff", "Irwin Winkler"]


def test_corpus_spirited_away_years_and_notes():
    result = corpus_film("Spirited Away")
    bear = entry(result, "Berlin International Film Festival", "Golden Bear")
    assert (bear.edition, bear.ceremony_year, bear.note) == (52, 2002, "together with Bloody Sunday")
    assert entry(result, "Academy Awards", "Best Animated Feature").edition == 75
    bafta = entry(result, "British Academy Film Awards", "Best Film Not in the English Language")
    assert (bafta.result, bafta.ceremony_year, bafta.edition) == ("nominated", 2004, 57)
    assert Counter(n.ceremony_year for n in result.nominations) == {2001: 5, 2002: 19, 2003: 12, 2004: 1}
    voice = entry(result, "Tokyo Anime Award", "Best Voice Actor")
    assert (voice.recipient, voice.note) == ("Rumi Hiiragi", "as Chihiro")
    screenplay = entry(result, "Utah Film Critics Association Awards", "Best Screenplay")
    assert people(screenplay) == ["Hayao Miyazaki", "Cindy Davis Hewitt", "Donald H. Hewitt"]
    japan = entry(result, "Japan Academy Award", "Best Film")
    assert (japan.edition, japan.award_body_wiki_title) == (25, "Japan Academy Prize (film)")


def test_corpus_taxi_driver_spans():
    result = corpus_film("Taxi Driver")
    assert people(entry(result, "Hochi Film Award", "Best Foreign Film")) == ["Martin Scorsese"]
    dga = entry(result, "DGA Award", "Outstanding Directorial Achievement in Motion Pictures")
    assert (people(dga), dga.result) == (["Martin Scorsese"], "nominated")
    assert entry(result, "BAFTA Award", "Best Film").recipient == "Taxi Driver"
    picture = entry(result, "Academy Award", "Best Picture")
    assert picture.persons == [
        Name("Michael Phillips", "Michael Phillips (producer)"),
        Name("Julia Phillips", "Julia Phillips"),
    ]
    score = entry(result, "Academy Award", "Best Music, Original Score")
    assert (score.recipient, score.note) == ("Bernard Herrmann", "posthumous nomination")


def test_corpus_x_men_year_rowspans_and_film_word():
    result = corpus_film("X-Men: First Class")
    assert Counter(n.ceremony_year for n in result.nominations) == {2011: 21, 2012: 6}
    spotlight = entry(result, "National Board of Review Awards", "Spotlight Award")
    assert spotlight.recipient == "Michael Fassbender"
    assert spotlight.note.startswith("Also for Shame")
    assert entry(result, "Scream Awards", "Best Fantasy Movie").recipient == "X-Men: First Class"
    assert len(entry(result, "Teen Choice Awards", "Choice Movie: Chemistry").persons) == 6


# ---------------------------------------------------------------------------------------------
# Hand-written layouts
# ---------------------------------------------------------------------------------------------


def test_rowspan_across_bodies_and_colspan_recipient():
    result = fixture("rowspan_across_bodies")
    assert rows(result) == [
        ("Chicago Film Critics Association", "Best Director", "Jane Doe", "won", None),
        ("Chicago Film Critics Association", "Best Screenplay", "John Roe and Mary Poe", "nominated", None),
        ("Academy Awards", "Best Original Screenplay", "John Roe and Mary Poe", "nominated", None),
        ("Gotham Awards", "Breakthrough Actor", "Sam Loe", "won", None),
        ("Gotham Awards", "Best Feature", "Test Film", "won", None),  # colspan=2, rowspan=2 {{won}}
    ]
    chicago, _, oscar, gotham, feature = result.nominations
    assert (chicago.award_body_wiki_title, chicago.ceremony_year) == (
        "Chicago Film Critics Association Awards",
        1999,
    )
    assert oscar.persons == [Name("John Roe", "John Roe"), Name("Mary Poe")]
    assert (oscar.edition, oscar.category_wiki_title) == (72, "Academy Award for Best Original Screenplay")
    assert gotham.award_body_wiki_title is None and feature.persons == []


def test_title_rows_give_years():
    result = fixture("title_rows")
    assert rows(result) == [
        ("Annie Awards", "Best Animated Feature", "Test Film", "won", 1),  # {{won|place=1st}}
        ("Kids' Choice Awards", "Favorite Voice", "Jane Doe", "pending", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2012, 2013]
    assert result.nominations[1].note == "as the Fox"


def test_title_rows_give_bodies_when_no_award_column():
    result = fixture("title_row_bodies")
    assert rows(result) == [
        ("Golden Globe Awards", "Best Actor – Drama", "Jim Smith", "nominated", None),
        ("Golden Globe Awards", "Best Screenplay", "Ann Lee", "won", None),
        ("Saturn Awards", "Best Fantasy Film", "Test Film", "nominated", None),
    ]
    assert [n.edition for n in result.nominations] == [54, 54, None]
    assert result.nominations[2].award_body_wiki_title == "Saturn Award"


def test_row_headers_date_and_ref_columns():
    result = fixture("row_headers_date_ref")
    assert rows(result) == [
        ("Empire Awards", "Best Comedy", "Test Film", "nominated", None),
        ("Empire Awards", "Best Actress", "Ann Lee", "won", None),
        ("Teen Choice Awards", "Choice Movie", "Test Film", "nominated", None),
    ]
    empire, actress, teen = result.nominations
    assert empire.ceremony_date == actress.ceremony_date == PartialDate(dt.date(2019, 3, 18), DAY)
    assert (teen.ceremony_date, teen.ceremony_year) == (PartialDate(dt.date(2019, 8, 11), DAY), 2019)
    assert actress.note is None  # {{efn}} is a footnote, not part of the entry


def test_inline_cells():
    result = fixture("inline_cells")
    assert rows(result) == [
        ("Cannes Film Festival", "Palme d'Or", "Jane Doe", "won", None),
        ("Hochi Film Award", "Best Foreign Film", "Jane Doe", "won", None),
        ("BAFTA Award", "Best Film", "Test Film", "nominated", None),
        ("BAFTA Award", "Best Editing", "Ann Lee, Tom Rolf", "nominated", None),
    ]
    assert result.nominations[2].award_body_wiki_title == "British Academy Film Awards"
    assert result.nominations[3].persons == [Name("Ann Lee", "Ann Lee"), Name("Tom Rolf")]


def test_rows_starting_with_pipes_and_attributes_before_template():
    result = fixture("rows_start_with_pipes")
    assert rows(result) == [
        ("British Academy Children's Awards", "Favorite Film", "Test Film", "nominated", None),
        ("People's Choice Awards", "Favorite Voice", "Owen Smith", "nominated", None),
        ("Saturn Awards", "Best Animated Film", "Test Film", "nominated", None),
        ("ASCAP Award", "Top Box Office Films", "Mike Jones", "won", None),
    ]
    assert [n.edition for n in result.nominations] == [None, 38, 38, None]


def test_result_in_second_column_and_body_from_category_links():
    result = fixture("result_second_column")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Bob Chart and Irwin Wink", "won", None),
        (
            "Academy Awards",
            "Best Music (Original Song)",
            "Bill Con, Carol Con and Ayn Rob",
            "nominated",
            None,
        ),
        ("Academy Awards", "Best Sound", "Harry Warren Tet, William Mc", "nominated", None),
    ]
    picture, song, sound = result.nominations
    assert {(n.award_body_wiki_title, n.edition) for n in result.nominations} == {("Academy Awards", 49)}
    assert song.persons == [
        Name("Bill Con", "Bill Con"),
        Name("Carol Con", "Carol Con (singer)"),
        Name("Ayn Rob"),
    ]
    assert song.note == "music; lyrics; Fly Now"
    assert sound.persons[0] == Name("Harry Warren Tet", "Harry W. Tet")
    assert sound.note == "posthumous"


def test_year_columns_rowspans_and_editions():
    result = fixture("year_columns")
    assert rows(result) == [
        ("National Board of Review Awards", "Spotlight Award", "Mike Fass", "won", None),
        ("Japan Academy Award", "Best Film", "Test Film", "won", None),
        ("Japan Academy Award", "Best Song", "Youmi Kim", "won", None),
        ("MTV Movie Awards", "Best Kiss", "Ann Lee and Bob Ray", "nominated", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2011, 2011, 2011, 1996]
    assert [n.edition for n in result.nominations] == [None, 25, 25, None]
    assert result.nominations[0].note == "Also for Shame"
    assert result.nominations[3].award_body_wiki_title == "MTV Movie Awards"


def test_center_wrapped_table_with_odd_headers():
    result = fixture("center_wrapped")
    assert rows(result) == [
        ("Venice Film Festival", "Golden Lion", "Jane Doe", "nominated", None),
        ("Venice Film Festival", "Volpi Cup for Best Actor", "Tom Roe", "won", None),
    ]


def test_bullet_lists():
    result = fixture("bullet_lists")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Jerome Hell", "won", None),
        ("Academy Awards", "Best Actor", "Dustin Hoff", "nominated", None),
        ("New York Film Critics Circle", "Best Actor", "Dustin Hoff", "placed", 2),
        ("Academy Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("MTV Movie Awards", "Best Kiss", "Ann Lee and Bob Ray", "nominated", None),
        ("Golden Globe Awards", "Best Actor in a Motion Picture", "Nicolas Cage", "won", None),
        ("Golden Globe Awards", "Best Director", "Mike Figg", "nominated", None),
        ("Golden Globe Awards", "Best Film", "Test Film", "nominated", None),
    ]
    # The OCIC bullet states no result; the critics' top-ten bullets after the prose are not
    # award entries at all.
    assert result.rows_seen == 9 and result.skipped == {"no result": 1}
    assert result.nominations[0].persons == [Name("Jerome Hell", "Jerome Hell")]
    assert result.nominations[0].category_wiki_title == "Academy Award for Best Picture"
    assert result.nominations[3].award_body_wiki_title is None  # only a category page is linked
    assert result.nominations[4].ceremony_year == 1996


def test_bullet_lists_grouped_by_result():
    result = fixture("bullet_result_groups")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("Golden Globe Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("Academy Awards", "Best Director", "Mike Figgis", "nominated", None),
        ("Filmfare Awards", "Best Film", "Raj Barjatya", "won", None),
        ("Filmfare Awards", "Best Supporting Actor", "Mohnish Behl", "nominated", None),
    ]
    assert result.nominations[1].ceremony_year == 1996


def test_recipients_lists_songs_and_works():
    result = fixture("recipients")
    song, score, cast, album = result.nominations
    assert (song.recipient, song.note) == ("Ann Lee and Bob Ray", "Lonely Tears")
    assert song.persons == [Name("Ann Lee", "Ann Lee"), Name("Bob Ray")]
    assert score.persons == [Name("Joe Hisa", "Joe Hisa"), Name("Tom Rolf")]
    assert people(cast) == ["Jim Smith", "Sammy Davis, Jr."]
    assert (album.recipient, album.persons, album.note) == ("Test Film: the Soundtrack", [], None)


def test_awards_table_template_without_header():
    result = fixture("awards_table_template")
    assert rows(result) == [
        ("Empire Awards", "Best Newcomer", "Ann Lee", "won", None),
        ("Academy Awards", "Best Actress", "Ann Lee", "nominated", None),
    ]
    assert [(n.ceremony_year, n.edition) for n in result.nominations] == [(1996, None), (1997, 68)]


def test_unknown_results_are_counted_not_loaded():
    result = fixture("unknown_result")
    assert rows(result) == [
        ("Saturn Awards", "Best Film", "Test Film", "honored", None),  # {{yes|Honored}}
        ("Saturn Awards", "Best Score", "Ann Lee", "placed", 2),  # {{yes|2nd place}}
    ]
    assert result.unknown_results == {"Finalist": 1, "Shortlisted": 1, "Draw": 1}
    assert result.skipped == {"unknown result": 3, "no result": 1}
    assert result.rows_seen == 6


def test_non_accolade_tables_yield_nothing():
    result = fixture("non_accolade_tables")
    assert result.nominations == [] and result.rows_seen == 0


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("{{won}}", ("won", None)),
        ("{{Won}}", ("won", None)),
        ("{{nom}}", ("nominated", None)),
        ("{{Nom}}", ("nominated", None)),
        ("{{nominated}}", ("nominated", None)),
        ("{{pending}}", ("pending", None)),
        ("{{TBA}}", ("pending", None)),
        ("{{Runner-up}}", ("runner-up", 2)),
        ("{{draw|2nd Place}}", ("placed", 2)),
        ("{{yes|2nd place}}", ("placed", 2)),
        ("{{yes|Honored}}", ("honored", None)),
        ("{{won|place=1st}}", ("won", 1)),
        ("Won", ("won", None)),
        ("Nominated", ("nominated", None)),
        ("'''Winner'''", ("won", None)),
        ("Runner-up", ("runner-up", 2)),
        ("2nd runner-up", ("runner-up", 3)),
        ("3rd place", ("placed", 3)),
        ("Third place", ("placed", 3)),
        ("1st place", ("won", 1)),
        ("Won<ref>{{cite web|title=x}}</ref>", ("won", None)),
        ('rowspan="1" {{nom}}', ("nominated", None)),
    ],
)
def test_result_mapping(cell, expected):
    result = one_row_table(cell)
    assert [(n.result, n.placement) for n in result.nominations] == [expected]


def test_result_notes():
    result = one_row_table("{{won}} <br /> {{small|(tied with ''Other Film'')}}")
    assert result.nominations[0].note == "tied with Other Film"
    result = one_row_table("Won (shared)")
    assert (result.nominations[0].result, result.nominations[0].note) == ("won", "shared")


def test_two_recipient_headers_make_the_first_the_category():
    code = (
        '===Accolades===\n{| class="wikitable"\n! Award\n! Subject\n! Nominee\n! Result\n'
        "|-\n|rowspan=2|[[Saturn Awards]]\n|Best Horror Film\n|[[Sam Raimi]]\n|{{Nom}}\n"
        "|-\n|Best Make-up\n|[[Mark Shos]]\n|{{won}}\n|}\n"
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Saturn Awards", "Best Horror Film", "Sam Raimi", "nominated", None),
        ("Saturn Awards", "Best Make-up", "Mark Shos", "won", None),
    ]


def test_table_outside_accolades_section_read_by_its_header():
    code = (
        '==Release==\nText.\n{| class="wikitable"\n! Award !! Category !! Result\n'
        "|-\n| [[Golden Lion]] Festival || Best Film || {{won}}\n|}\n"
        '==Cast==\n{| class="wikitable"\n! Actor !! Role\n|-\n| [[Jim Smith]] || Hero\n|}\n'
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [("Golden Lion Festival", "Best Film", "Test Film", "won", None)]


def test_heading_names_the_body_of_a_list_or_table():
    code = (
        "==Accolades==\n===Academy Awards===\n"
        '{| class="wikitable"\n! Category !! Nominee !! Result\n'
        "|-\n| Best Actor || Jim Smith || {{won}}\n|}\n"
        "===Cannes Film Festival===\n* Palme d'Or – Nominated\n"
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Cannes Film Festival", "Palme d'Or", "Test Film", "nominated", None),
    ]


def test_unknown_templates_are_counted_in_context():
    ctx = Context()
    code = (
        '==Accolades==\n{| class="wikitable"\n! Award !! Category !! Nominee !! Result\n'
        "|-\n| [[Empire Awards]] || Best Actor || {{mystery name|Jim Smith}} || {{won}}\n|}\n"
    )
    result = parse_accolades(code, "Test Film", ctx)
    assert ctx.unknown["mystery name"] >= 1
    assert len(result.nominations) == 1


def test_wikicode_input_and_no_accolades():
    from etl.lib.wiki.wikitext import parse

    assert parse_accolades(parse("==Plot==\nA story.\n"), "Test Film").nominations == []
    assert parse_accolades("", "Test Film").rows_seen == 0


def test_recipient_named_in_the_category_cell_without_recipient_column():
    code = (
        '==Awards==\n{| class="wikitable"\n! Year !! Award !! Category !! Result\n'
        "|-\n| 1997 || [[Academy Awards]] || [[Academy Award for Best Actress|Best Actress]]"
        " – [[Frances McD]] || {{won}}\n"
        "|-\n| 1997 || [[Golden Globe Awards]] || Best Motion Picture – Drama || {{nom}}\n"
        "|-\n| 1997 || [[Empire Awards]] || Best Actor ([[Bill Mac]]) || {{nom}}\n|}\n"
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actress", "Frances McD", "won", None),
        ("Golden Globe Awards", "Best Motion Picture – Drama", "Test Film", "nominated", None),
        ("Empire Awards", "Best Actor", "Bill Mac", "nominated", None),
    ]
    assert result.nominations[0].persons == [Name("Frances McD", "Frances McD")]


def test_two_level_header_and_bold_header_row():
    code = (
        '==Accolades==\n{| class="wikitable"\n'
        '! rowspan="2" | Award !! colspan="2" | Nomination !! rowspan="2" | Result\n'
        "|-\n! Category !! Recipient\n"
        "|-\n| [[Empire Awards]] || Best Actor || [[Jim Smith]] || {{won}}\n|}\n"
        "==Awards==\n{| class=\"wikitable\"\n| '''Award''' || '''Category''' || '''Result'''\n"
        "|-\n| [[Saturn Awards]] || Best Film || Won\n|}\n"
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Empire Awards", "Best Actor", "Jim Smith", "won", None),
        ("Saturn Awards", "Best Film", "Test Film", "won", None),
    ]
    assert result.rows_seen == 2


def test_award_column_found_by_edition_links_when_header_is_wrong():
    code = (
        '==Accolades==\n{| class="wikitable"\n! Category !! Award !! Recipient !! Outcome\n'
        "|-\n| [[68th Academy Awards|Academy Awards]] || Best Actor || [[Jim Smith]] || {{won}}\n"
        "|-\n| [[53rd Golden Globe Awards]] || Best Director || Ann Lee || {{nom}}\n|}\n"
    )
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Golden Globe Awards", "Best Director", "Ann Lee", "nominated", None),
    ]
    assert [n.edition for n in result.nominations] == [68, 53]


# ---------------------------------------------------------------------------------------------
# Unseen layouts: styles of real English Wikipedia film articles (2005-2024) that are not in the
# corpus, written as fixtures (``unseen_*.wiki``). Every expected value below was read by hand
# from the fixture's markup, following the contract (body without edition, category and
# recipient as displayed, the film's title when the film itself is the recipient).
# ---------------------------------------------------------------------------------------------


def date(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), DAY)


def test_unseen_modern_plainrowheaders_table():
    # Row headers with rowspan, {{dts}} dates, "Recipient(s) and nominee(s)", {{abbr|Ref.}},
    # colspan=2 "Best Picture" (the film), {{sortname}}, {{Plainlist}}, an empty trailing row.
    result = fixture("unseen_plainrowheaders")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Test Film", "won", None),
        ("Academy Awards", "Best Director", "Bong Joon-ho", "won", None),
        ("Academy Awards", "Best Original Screenplay", "Bong Joon-ho and Han Jin-won", "won", None),
        (
            "Academy Awards",
            "Best Production Design",
            "Lee Ha-jun; Set Decoration: Cho Won-woo",
            "nominated",
            None,
        ),
        (
            "British Academy Film Awards",
            "Best Film Not in the English Language",
            "Kwak Sin-ae and Bong Joon-ho",
            "won",
            None,
        ),
        (
            "British Academy Film Awards",
            "Best Original Screenplay",
            "Bong Joon-ho and Han Jin-won",
            "won",
            None,
        ),
        ("Cannes Film Festival", "Palme d'Or", "Test Film", "won", None),
        ("Golden Globe Awards", "Best Foreign Language Film", "Test Film", "won", None),
        (
            "Screen Actors Guild Awards",
            "Outstanding Performance by a Cast in a Motion Picture",
            "Song Kang-ho, Lee Sun-kyun, Cho Yeo-jeong",
            "won",
            None,
        ),
    ]
    assert result.rows_seen == 9 and not result.skipped
    picture, director, screenplay, design, bafta, _, cannes, globe, sag = result.nominations
    assert (picture.persons, picture.edition, picture.award_body_wiki_title) == ([], 92, "Academy Awards")
    assert picture.category_wiki_title == "Academy Award for Best Picture"
    assert {n.ceremony_date for n in result.nominations[:4]} == {date(2020, 2, 9)}
    assert director.persons == [Name("Bong Joon-ho", "Bong Joon-ho")]
    assert screenplay.persons == [Name("Bong Joon-ho", "Bong Joon-ho"), Name("Han Jin-won", "Han Jin-won")]
    assert people(design) == ["Lee Ha-jun", "Cho Won-woo"]  # "Set Decoration:" labels a role
    assert (bafta.edition, bafta.ceremony_date) == (73, date(2020, 2, 2))
    assert (cannes.edition, cannes.ceremony_year, cannes.ceremony_date) == (None, 2019, date(2019, 5, 25))
    assert cannes.award_body_wiki_title == "Cannes Film Festival" and cannes.persons == []
    assert (globe.edition, globe.ceremony_date) == (77, date(2020, 1, 5))
    assert sag.persons == [
        Name("Song Kang-ho", "Song Kang-ho"),
        Name("Lee Sun-kyun", "Lee Sun-kyun"),
        Name("Cho Yeo-jeong", "Cho Yeo-jeong"),
    ]
    assert all(n.note is None for n in result.nominations)


def test_unseen_tables_split_per_year_under_sub_headings():
    # "===2019===" / "===2020===" give the ceremony year to rows whose body names none.
    result = fixture("unseen_year_subheadings")
    assert rows(result) == [
        ("Gotham Awards", "Best Feature", "Test Film", "won", None),
        ("New York Film Critics Circle", "Best Actress", "Ann Lee", "won", None),
        ("New York Film Critics Circle", "Best Screenplay", "Bob Ray", "runner-up", 2),
        ("Independent Spirit Awards", "Best Female Lead", "Ann Lee", "nominated", None),
        ("Critics' Choice Movie Awards", "Best Actress", "Ann Lee", "nominated", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2019, 2019, 2019, 2020, 2020]
    assert result.nominations[0].award_body_wiki_title == "Gotham Independent Film Awards"
    assert result.rows_seen == 5 and not result.skipped


def test_unseen_awards_table_template_closed_by_awards_table_end():
    # {{Awards table}} writes the header "Year / Nominee / work / Award / Result"; the rows
    # give "[[X Award for Y]]" in the award column; {{Awards table end}} closes the table (the
    # home media table and headings after it are not award rows).
    result = fixture("unseen_awards_table_end")
    assert rows(result) == [
        ("Saturn Awards", "Best Fantasy Film", "Test Film", "nominated", None),
        ("Saturn Awards", "Best Actor", "Jim Smith", "won", None),
        ("Empire Awards", "Best Female Newcomer", "Ann Lee", "nominated", None),
        ("Kids' Choice Awards", "Favorite Movie", "Test Film", "pending", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2012, 2012, 2012, 2013]
    assert result.nominations[0].category_wiki_title == "Saturn Award for Best Fantasy Film"
    assert result.nominations[1].persons == [Name("Jim Smith", "Jim Smith")]
    assert result.rows_seen == 4 and not result.skipped


def test_unseen_year_column_spanning_bodies():
    result = fixture("unseen_year_column")
    assert len(result.nominations) == 8 and result.rows_seen == 8
    assert by_body(result) == {"Filmfare Awards": 4, "IIFA Awards": 3, "Zee Cine Awards": 1}
    assert wins_by_body(result) == {"Filmfare Awards": 3, "IIFA Awards": 1, "Zee Cine Awards": 1}
    assert {n.ceremony_year for n in result.nominations[:7]} == {2002}
    assert {n.edition for n in result.nominations[:4]} == {47}
    iifa = entry(result, "IIFA Awards", "Best Supporting Actress")
    assert iifa.award_body_wiki_title == "International Indian Film Academy Awards"
    singer = entry(result, "IIFA Awards", "Best Male Playback Singer")
    assert (singer.recipient, singer.persons, singer.note) == (
        "Sonu Nigam",
        [Name("Sonu Nigam", "Sonu Nigam")],
        "Suraj Hua Maddham",
    )
    lyricist = entry(result, "IIFA Awards", "Best Lyricist")
    assert lyricist.recipient == "Javed Akhtar" and "Suraj Hua Maddham" in lyricist.note
    zee = entry(result, "Zee Cine Awards", "Best Film")  # "—": nobody named, the film
    assert (zee.recipient, zee.persons, zee.ceremony_year) == ("Test Film", [], 2003)


def test_unseen_result_column_before_category_and_text_results():
    result = fixture("unseen_result_before_category")
    assert rows(result) == [
        ("Los Angeles Film Critics Association", "Best Actor", "Sean Penn", "won", None),
        ("Los Angeles Film Critics Association", "Best Film", "Test Film", "runner-up", 2),
        ("National Board of Review", "Top Ten Films", "Test Film", "honored", None),
        ("Boston Society of Film Critics", "Best Director", "Gus Van Sant", "placed", 2),
        ("Chicago Film Critics Association", "Best Supporting Actor", "Josh Brolin", "won", 1),
        ("Toronto Film Critics Association", "Best Screenplay", "Dustin Lance Black", "won", None),
    ]
    assert result.nominations[0].note == "tie"
    assert result.nominations[0].award_body_wiki_title == "Los Angeles Film Critics Association Awards"
    assert result.nominations[2].award_body_wiki_title == "National Board of Review of Motion Pictures"
    assert {n.ceremony_year for n in result.nominations} == {2008}


def test_unseen_recipient_cells():
    result = fixture("unseen_recipients")
    assert len(result.nominations) == 9 and by_body(result) == {
        "Academy Awards": 6,
        "Screen Actors Guild Award": 2,
        "Grammy Awards": 1,
    }
    picture, actress, supporting, song, adapted, sound, ledger, cast, grammy = result.nominations
    assert picture.recipient == "Bradley Cooper, Bill Gerber and Lynette Howell Taylor"
    assert picture.persons == [
        Name("Bradley Cooper", "Bradley Cooper"),
        Name("Bill Gerber", "Bill Gerber"),
        Name("Lynette Howell Taylor", "Lynette Howell Taylor"),
    ]
    assert (actress.recipient, actress.note, people(actress)) == ("Lady Gaga", "as Ally Maine", ["Lady Gaga"])
    assert (supporting.recipient, supporting.note) == ("Sam Elliott", "Bobby Maine")
    assert song.recipient == "Lady Gaga, Mark Ronson, Anthony Rossomando and Andrew Wyatt"
    assert people(song) == ["Lady Gaga", "Mark Ronson", "Anthony Rossomando", "Andrew Wyatt"]
    assert song.note == "Shallow" and song.result == "won" and song.edition == 91
    assert adapted.persons == [
        Name("Eric Roth", "Eric Roth"),
        Name("Bradley Cooper"),
        Name("Will Fetters", "Will Fetters"),
    ]
    assert people(sound) == ["Tom Ozanich", "Dean Zupancic", "Jason Ruder", "Steve Morrow"]
    assert sound.recipient == "Tom Ozanich, Dean Zupancic, Jason Ruder and Steve Morrow"
    assert (ledger.recipient, ledger.note, ledger.result) == ("Heath Ledger", "posthumous", "won")
    assert people(cast) == ["Bradley Cooper", "Dave Chappelle", "Sam Elliott", "Lady Gaga"]
    assert (grammy.recipient, people(grammy)) == ("Lady Gaga and Mark Ronson", ["Lady Gaga", "Mark Ronson"])
    assert "Shallow" in grammy.note


def test_unseen_result_templates_and_unreadable_rows():
    # {{Sho|Shortlisted}} and {{draw|Finalist}} are no contract result (shortlisted is not
    # nominated): counted, skipped. A row without a category is skipped with its reason.
    result = fixture("unseen_results")
    assert rows(result) == [
        ("Saturn Awards", "Best Horror Film", "Test Film", "pending", None),
        ("Golden Globe Awards", "Best Actor – Motion Picture Drama", "Ralph Fiennes", "pending", None),
        ("Empire Awards", "Best Thriller", "Test Film", "nominated", None),
        ("Critics' Choice Movie Awards", "Best Acting Ensemble", "The cast of Test Film", "nominated", None),
        ("National Board of Review", "Top Ten Films", "Test Film", "won", None),
        ("San Diego Film Critics Society", "Best Ensemble", "The cast", "honored", None),
        ("Florida Film Critics Circle", "Best Actor", "Ralph Fiennes", "nominated", None),
        (
            "Washington D.C. Area Film Critics Association",
            "Best Adapted Screenplay",
            "Peter Straughan",
            "won",
            None,
        ),
    ]
    assert result.rows_seen == 11
    assert result.skipped == {"unknown result": 2, "no category": 1}
    assert result.unknown_results == {"Shortlisted": 1, "Finalist": 1}
    globe = result.nominations[1]
    assert (globe.edition, globe.ceremony_date, people(globe)) == (82, date(2025, 1, 5), ["Ralph Fiennes"])
    empire = result.nominations[2]
    assert (empire.ceremony_date, empire.ceremony_year) == (None, None)
    # "The cast (of ...)" names no person.
    assert result.nominations[3].persons == [] and result.nominations[5].persons == []


def test_unseen_list_of_accolades_page():
    # The {{Infobox awards list}} and the lead's summary box (counts per body) are no entries.
    result = parse_accolades(
        (FIXTURES / "unseen_list_of_accolades.wiki").read_text(encoding="utf-8"), "Test Film"
    )
    check_invariants(result)
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Jane Doe and Bob Ray", "won", None),
        ("Academy Awards", "Best Director", "Jane Doe", "won", None),
        ("Academy Awards", "Best Film Editing", "Sam Loe", "nominated", None),
        ("British Academy Film Awards", "Best Director", "Jane Doe", "won", None),
        ("Golden Globe Awards", "Best Motion Picture – Drama", "Test Film", "nominated", None),
    ]
    assert result.rows_seen == 5 and not result.skipped
    assert [n.edition for n in result.nominations] == [92, 92, 92, 73, 77]
    assert result.nominations[0].ceremony_date == date(2020, 2, 9)
    assert people(result.nominations[0]) == ["Jane Doe", "Bob Ray"]
    assert result.nominations[4].persons == []


def test_unseen_nested_bullet_lists():
    result = fixture("unseen_bullets_nested")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Test Film", "won", None),
        ("Academy Awards", "Best Director", "Jane Doe", "nominated", None),
        ("Academy Awards", "Best Original Screenplay", "John Roe", "won", None),
        ("Golden Globe Awards", "Best Motion Picture – Musical or Comedy", "Test Film", "won", None),
        ("Golden Globe Awards", "Best Actress – Musical or Comedy", "Ann Lee", "nominated", None),
        ("British Academy Film Awards", "Best Film", "Test Film", "won", None),
        ("British Academy Film Awards", "Best Actress", "Ann Lee", "won", None),
        ("British Academy Film Awards", "Best Cinematography", "Sam Loe", "nominated", None),
    ]
    assert result.rows_seen == 8
    assert [n.edition for n in result.nominations[3:5]] == [79, 79]
    assert result.nominations[1].persons == [Name("Jane Doe", "Jane Doe")]


def test_unseen_festival_prizes():
    result = fixture("unseen_festivals")
    assert rows(result) == [
        ("Cannes Film Festival", "Palme d'Or", "Céline Sciamma", "nominated", None),
        ("Cannes Film Festival", "Best Screenplay", "Céline Sciamma", "won", None),
        ("Cannes Film Festival", "Queer Palm", "Test Film", "won", None),
        ("Venice Film Festival", "Golden Lion", "Jane Doe", "nominated", None),
        ("European Film Awards", "European Screenwriter", "Céline Sciamma", "won", None),
        ("Berlin International Film Festival", "Golden Bear", "Test Film", "nominated", None),
        (
            "Berlin International Film Festival",
            "Silver Bear for Best Director",
            "Céline Sciamma",
            "won",
            None,
        ),
    ]
    palme, screenplay, queer, venice, efa, bear, silver = result.nominations
    assert (palme.award_body_wiki_title, palme.ceremony_year, palme.ceremony_date) == (
        "Cannes Film Festival",
        2019,
        date(2019, 5, 25),
    )
    assert palme.category_wiki_title == "Palme d'Or"
    assert screenplay.persons == [Name("Céline Sciamma", "Céline Sciamma")]
    assert (venice.edition, venice.award_body_wiki_title, venice.ceremony_date) == (
        76,
        "Venice International Film Festival",
        date(2019, 9, 7),
    )
    assert (bear.edition, bear.award_body_wiki_title) == (70, "Berlin International Film Festival")
    assert silver.category_wiki_title == "Silver Bear for Best Director"


def test_unseen_editions_in_link_text_plural_links_and_nbsp():
    result = fixture("unseen_edition_text")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Test Film", "nominated", None),
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Academy Awards", "Best Original Score", "Ann Lee", "nominated", None),
        ("Golden Globe Awards", "Best Motion Picture – Drama", "Test Film", "nominated", None),
        ("Golden Globe Awards", "Best Actor – Motion Picture Drama", "Jim Smith", "won", None),
        ("BAFTA Awards", "Best Actor in a Leading Role", "Jim Smith", "nominated", None),
        ("Critics' Choice Movie Awards", "Best Actor", "Jim Smith", "won", None),
    ]
    assert result.rows_seen == 7 and not result.skipped  # the empty trailing row is no entry
    oscar, _, _, globe, _, bafta, _ = result.nominations
    assert (oscar.award_body_wiki_title, oscar.edition) == ("Academy Award", None)
    assert (globe.award_body_wiki_title, globe.edition) == ("Golden Globe Awards", 76)
    assert bafta.award_body_wiki_title == "British Academy Film Awards"


def test_unseen_wins_and_nominations_sub_headings():
    result = fixture("unseen_wins_nominations_lists")
    assert rows(result) == [
        ("Academy Awards", "Best Director", "Ang Lee", "won", None),
        ("Academy Awards", "Best Adapted Screenplay", "Larry McMurtry and Diana Ossana", "won", None),
        ("Golden Globe Awards", "Best Director – Motion Picture", "Ang Lee", "won", None),
        ("Venice Film Festival", "Golden Lion", "Test Film", "won", None),
        ("Academy Awards", "Best Actor", "Heath Ledger", "nominated", None),
        ("BAFTA Awards", "Best Film", "Test Film", "nominated", None),
    ]
    assert result.rows_seen == 6 and not result.unknown_results
    # The section links one Academy Awards edition only (the 78th): the entry naming none
    # ("[[Academy Award for Best Adapted Screenplay]]") is of that ceremony too.
    assert [n.edition for n in result.nominations] == [78, 78, None, None, 78, None]
    assert result.nominations[1].category_wiki_title == "Academy Award for Best Adapted Screenplay"
    assert people(result.nominations[1]) == ["Larry McMurtry", "Diana Ossana"]


def test_unseen_coloured_text_results_and_ceremony_column():
    result = fixture("unseen_old_colors")
    assert rows(result) == [
        ("Independent Spirit Award", "Best First Feature", "Test Film", "won", None),
        ("Independent Spirit Award", "Best Supporting Female", "Ann Lee", "nominated", None),
        ("Sundance Film Festival", "Grand Jury Prize: Dramatic", "Bob Ray", "won", None),
        ("Gotham Award", "Breakthrough Director", "Bob Ray", "nominated", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2005, 2005, 2005, 2006]
    assert result.nominations[0].award_body_wiki_title == "Independent Spirit Awards"


def test_unseen_date_column_first_and_interlanguage_links():
    result = fixture("unseen_date_first_ill")
    assert rows(result) == [
        ("Blue Dragon Film Awards", "Best Film", "Test Film", "won", None),
        ("Blue Dragon Film Awards", "Best Actress", "Jo Yeo-jeong", "won", None),
        ("Blue Dragon Film Awards", "Best Supporting Actor", "Lee Sun-kyun", "nominated", None),
        ("Asian Film Awards", "Best Film", "Test Film", "won", None),
        ("Kinema Junpo Awards", "Best Foreign Language Film", "Test Film", "won", None),
    ]
    film, actress, supporting, asian, kinema = result.nominations
    assert (film.edition, film.ceremony_date) == (40, date(2019, 11, 21))
    assert actress.persons == [Name("Jo Yeo-jeong", "Jo Yeo-jeong")]
    assert supporting.note == "as Park Dong-ik"
    assert (asian.edition, asian.ceremony_date) == (14, date(2020, 3, 18))
    assert kinema.award_body_wiki_title == "Kinema Junpo Best Ten" and kinema.persons == []


def test_unseen_body_sub_headings_with_year_column():
    result = fixture("unseen_body_subsections")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Scott Rudin, Ethan Coen and Joel Coen", "won", None),
        ("Academy Awards", "Best Supporting Actor", "Javier Bardem", "won", None),
        ("BAFTA Awards", "Best Director", "Joel Coen and Ethan Coen", "won", None),
    ]
    assert [(n.edition, n.ceremony_year) for n in result.nominations] == [(80, 2008), (80, 2008), (61, 2008)]
    assert result.nominations[2].persons == [Name("Joel Coen and Ethan Coen", "Coen brothers")]


def test_unseen_bullets_with_parenthesised_results():
    result = fixture("unseen_bullets_parenthesised")
    assert rows(result) == [
        ("Teen Choice Awards", "Choice Movie: Fantasy", "Test Film", "won", None),
        ("Teen Choice Awards", "Choice Movie Actress: Fantasy", "Kristen Stewart", "won", None),
        ("Teen Choice Awards", "Choice Movie: Villain", "Bryce Dallas Howard", "nominated", None),
        ("MTV Movie Awards", "Best Movie", "Test Film", "nominated", None),
        ("MTV Movie Awards", "Best Kiss", "Kristen Stewart and Robert Pattinson", "won", None),
        ("People's Choice Awards", "Favorite Movie", "Test Film", "won", None),
    ]
    assert [n.ceremony_year for n in result.nominations[:5]] == [2010] * 5
    assert result.nominations[5].edition == 37
    assert result.nominations[0].award_body_wiki_title == "Teen Choice Awards"


def test_unseen_tables_under_wins_and_nominations_headings():
    # No result column: the sub-heading ("===Wins===", "===Nominations===") is the result.
    result = fixture("unseen_wins_tables")
    assert rows(result) == [
        ("Academy Awards", "Best Visual Effects", "Joe Letteri, Dan Lemmon", "won", None),
        ("Saturn Awards", "Best Science Fiction Film", "Test Film", "won", None),
        ("British Academy Film Awards", "Best Special Visual Effects", "Joe Letteri", "nominated", None),
        # {{N/A}} names nobody: the film is the recipient.
        ("Critics' Choice Movie Awards", "Best Action Movie", "Test Film", "nominated", None),
    ]
    assert people(result.nominations[0]) == ["Joe Letteri", "Dan Lemmon"]
    assert result.nominations[3].persons == []
    assert result.rows_seen == 4


def test_unseen_ceremony_column_beside_the_award_column():
    # "Award | Ceremony | Category": the ceremony column gives the edition, not the category.
    result = fixture("unseen_ceremony_column")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Jane Doe and Bob Ray", "nominated", None),
        ("Academy Awards", "Best Director", "Jane Doe", "won", None),
        ("Golden Globe Awards", "Best Director", "Jane Doe", "nominated", None),
        ("FAMAS Award", "Best Actress", "Ann Lee", "won", None),
        ("Gawad Urian Award", "Best Actress", "Ann Lee", "nominated", None),
    ]
    assert [n.edition for n in result.nominations] == [92, 92, 77, None, None]
    assert [n.ceremony_year for n in result.nominations[3:]] == [2020, 2020]


def test_unseen_bullets_grouped_by_year_and_introduced_by_prose():
    result = fixture("unseen_bullets_years")
    assert rows(result) == [
        # "At the [[68th Academy Awards]], the film received the following nominations:"
        ("Academy Awards", "Best Picture", "Test Film", "nominated", None),
        ("Academy Awards", "Best Director", "Mike Figgis", "nominated", None),
        # '''1996''' heads the bullets below it: a year, not an award body.
        ("Golden Globe Awards", "Best Actor – Motion Picture Drama", "Nicolas Cage", "won", None),
        ("Independent Spirit Awards", "Best Feature", "Test Film", "won", None),
        # "* 1997 – [[Empire Award for ...]]": a leading year segment.
        ("Empire Awards", "Best Actor", "Nicolas Cage", "nominated", None),
    ]
    assert [n.edition for n in result.nominations] == [68, 68, None, None, None]
    assert [n.ceremony_year for n in result.nominations[2:]] == [1996, 1996, 1997]
    assert result.nominations[0].award_body_wiki_title == "Academy Awards"


def test_unseen_awards_table_template_under_body_headings():
    # {{Awards table}} rows: Year / Nominee / work / Award (the category, linked to
    # "[[X Award for Y|Y]]") / Result, closed by "|}".
    result = fixture("unseen_awards_table_per_body")
    assert rows(result) == [
        ("Academy Awards", "Best Animated Feature", "Test Film", "won", None),
        ("Academy Awards", "Best Original Song", "Randy Newman", "nominated", None),
        ("Annie Awards", "Directing in a Feature Production", "Lee Unkrich", "won", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2010, 2010, 2011]
    assert result.nominations[0].category_wiki_title == "Academy Award for Best Animated Feature"
    assert result.nominations[1].persons == [Name("Randy Newman", "Randy Newman")]


def test_unseen_ditto_rows_plain_row_headers_and_lost():
    # An empty award cell repeats the award above it (rows written without rowspan); "! [[X]]
    # || ..." rows are data (they hold results); "Lost" is "nominated"; the title row above the
    # header gives the year ("2006 (78th)": its edition is not said to be any body's).
    result = fixture("unseen_ditto_rows")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Academy Awards", "Best Supporting Actress", "Ann Lee", "nominated", None),
        ("Academy Awards", "Best Director", "Bob Ray", "nominated", None),
        ("BAFTA Awards", "Best Actor in a Leading Role", "Jim Smith", "won", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2006] * 4
    assert result.rows_seen == 4


def test_unseen_table_captions_name_the_body():
    result = fixture("unseen_caption_bodies")
    assert rows(result) == [
        ("Academy Awards", "Best Picture", "Sam Mendes", "won", None),
        ("Academy Awards", "Best Cinematography", "Conrad Hall", "nominated", None),
        ("Golden Globe Awards", "Best Screenplay", "Alan Ball", "won", None),
    ]
    assert [n.ceremony_year for n in result.nominations] == [2000] * 3
    assert result.nominations[1].note == "posthumous"
    assert result.nominations[0].award_body_wiki_title == "Academy Awards"
    assert result.rows_seen == 3


def test_unseen_song_credits_with_role_prefixes():
    # "Music and Lyrics by", "Music by ...; Lyrics by ...": roles, not parts of the names.
    result = fixture("unseen_song_credits")
    assert rows(result) == [
        (
            "Golden Globe Awards",
            "Best Original Song",
            "Kristen Anderson-Lopez and Robert Lopez",
            "nominated",
            None,
        ),
        ("Golden Globe Awards", "Best Original Score", "Christophe Beck", "nominated", None),
        (
            "Grammy Awards",
            "Best Song Written for Visual Media",
            "Kristen Anderson-Lopez; Robert Lopez",
            "won",
            None,
        ),
    ]
    song, score, grammy = result.nominations
    assert song.persons == [
        Name("Kristen Anderson-Lopez", "Kristen Anderson-Lopez"),
        Name("Robert Lopez", "Robert Lopez"),
    ]
    assert song.note == "Let It Go" and song.edition == 71
    assert score.persons == [Name("Christophe Beck", "Christophe Beck")]
    assert people(grammy) == ["Kristen Anderson-Lopez", "Robert Lopez"] and grammy.note == "Let It Go"


def test_unseen_bullets_category_colon_recipient():
    result = fixture("unseen_bullets_category_colon")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("Academy Awards", "Best Director", "Mike Figgis", "nominated", None),
        ("Golden Globe Awards", "Best Actor – Drama", "Nicolas Cage", "won", None),
    ]
    assert result.nominations[0].persons == [Name("Nicolas Cage", "Nicolas Cage")]


def test_unseen_title_rows_with_ceremony_dates():
    result = fixture("unseen_title_rows_with_dates")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("Academy Awards", "Best Director", "Mike Figgis", "nominated", None),
        ("Golden Globe Awards", "Best Actor – Drama", "Nicolas Cage", "won", None),
    ]
    assert [(n.edition, n.ceremony_date) for n in result.nominations] == [
        (68, date(1996, 3, 25)),
        (68, date(1996, 3, 25)),
        (53, date(1996, 1, 21)),
    ]
    assert result.nominations[2].award_body_wiki_title == "Golden Globe Awards"


def test_unseen_group_sub_headings_are_not_bodies():
    # "===Critics' awards===" / "===Guild awards===" group bodies, they name none: the body of
    # each entry is its own ("[[X Award for Y]]"). A "†" footnote mark is not part of a result;
    # {{won|Honorary}} is an honorary award.
    result = fixture("unseen_group_subheadings")
    assert rows(result) == [
        ("Los Angeles Film Critics Association Awards", "Best Actor", "Daniel Day-Lewis", "won", None),
        ("New York Film Critics Circle Awards", "Best Film", "Test Film", "runner-up", 2),
        (
            "Screen Actors Guild Awards",
            "Outstanding Performance by a Male Actor in a Leading Role",
            "Daniel Day-Lewis",
            "won",
            None,
        ),
        (
            "Directors Guild of America Awards",
            "Outstanding Directing – Feature Film",
            "Paul Thomas Anderson",
            "nominated",
            None,
        ),
        ("Governors Awards", "Academy Honorary Award", "Jane Doe", "honored", None),
    ]
    assert result.rows_seen == 5


def test_unseen_result_groups_with_counts_and_blank_result_cells():
    # "===Wins (2)===", "* Nominated (3)": the count is no note. A blank result cell under a
    # "Wins" heading is a win.
    result = fixture("unseen_counted_groups")
    assert rows(result) == [
        ("Saturn Awards", "Best Horror Film", "Test Film", "won", None),
        ("Empire Awards", "Best Horror", "Test Film", "won", None),
        ("Golden Globe Awards", "Best Actress – Motion Picture Drama", "Ann Lee", "nominated", None),
        ("Critics' Choice Awards", "Best Actress", "Ann Lee", "nominated", None),
        ("Gotham Award", "Best Feature", "Test Film", "nominated", None),
        ("Independent Spirit Awards", "Best Female Lead", "Ann Lee", "won", None),
    ]
    assert all(n.note is None for n in result.nominations)
    assert [n.ceremony_year for n in result.nominations[:2]] == [2015, 2015]


def test_unseen_bodies_linked_to_category_pages_and_date_title_rows():
    # "[[Academy Award for Best Actor|Academy Awards]]" shows the body but links a category
    # page: no body wiki title. An award cell showing only the body of an "X Award for Y" link
    # (no category column) has the category of the link. A title row that is a ceremony date
    # gives its year.
    result = fixture("unseen_category_linked_bodies")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Nicolas Cage", "won", None),
        ("Academy Awards", "Best Director", "Mike Figgis", "nominated", None),
        ("Golden Globe Awards", "Best Actor – Motion Picture Drama", "Nicolas Cage", "won", None),
    ]
    assert [n.award_body_wiki_title for n in result.nominations] == [None, None, None]
    assert [n.ceremony_year for n in result.nominations] == [1996, 1996, 1996]
    assert (
        result.nominations[2].category_wiki_title
        == "Golden Globe Award for Best Actor – Motion Picture Drama"
    )


# --- Accolades in prose bullets; rankings and preservation honours skipped with their reason.
# Hand-written shapes (no corpus page writes them this way). ------------------------------------

PROSE_BULLETS = """==Awards and honours==
* 1965 BAFTA Award for Best British Film – won
* Won: [[Palme d'Or]], [[2019 Cannes Film Festival]]
* Nominated – Academy Award for Best Actress (Audrey Hepburn)
* The film won the [[Golden Bear]] at the [[69th Berlin International Film Festival]].
* [[Bernard Herrmann]] was nominated for the [[Academy Award for Best Original Score]].
* 2006: [[AFI's Greatest Movie Musicals]] – Nominated
* Ranked #12 in ''Empire''{{'}}s 500 greatest films
* [[Sight & Sound]] critics' poll (2012)
** #41
* In 2004 the film was selected for preservation in the [[National Film Registry]].
"""


def test_prose_bullets_are_entries():
    result = parse_accolades(PROSE_BULLETS, "Foo")
    got = [
        (n.award_body, n.category, n.result, n.recipient, n.edition, n.ceremony_year)
        for n in result.nominations
    ]
    assert got == [
        ("BAFTA Awards", "Best British Film", "won", "Foo", None, 1965),
        ("Cannes Film Festival", "Palme d'Or", "won", "Foo", None, 2019),
        ("Academy Awards", "Best Actress", "nominated", "Audrey Hepburn", None, None),
        ("Berlin International Film Festival", "Golden Bear", "won", "Foo", 69, None),
        ("Academy Awards", "Best Original Score", "nominated", "Bernard Herrmann", None, None),
    ]
    assert people(result.nominations[4]) == ["Bernard Herrmann"]


def test_rankings_and_preservation_are_skipped_with_their_reason():
    result = parse_accolades(PROSE_BULLETS, "Foo")
    assert result.skipped == {"ranking or best-of list": 3, "preservation honour": 1}
    assert result.rows_seen == len(result.nominations) + 4


def test_award_name_then_best_category_is_one_category():
    page = (
        "==Awards==\n* [[Golden Rooster Awards]] (2004)\n** Won: Jury Prize - Best Debut Film\n"
        "** Nominated: Golden Rooster Award - Outstanding Score – Drama ([[Li Wei]])\n"
    )
    got = [
        (n.award_body, n.category, n.result, n.recipient) for n in parse_accolades(page, "Foo").nominations
    ]
    assert got == [
        ("Golden Rooster Awards", "Jury Prize – Best Debut Film", "won", "Foo"),
        ("Golden Rooster Awards", "Golden Rooster Award – Outstanding Score – Drama", "nominated", "Li Wei"),
    ]


# --- Accolades tables of unusual structure (hand-written shapes) ------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The header row written as ordinary "|" cells in bold.
        (
            "longtail_pipe_header",
            [
                ("Filmfare Awards", 63, "Best Supporting Actress", "Rima Sen", "won"),
                ("Screen Awards", None, "Best Film", "Test Film", "nominated"),
            ],
        ),
        # "Award" holds the categories, "Organization" the bodies: decided by content.
        (
            "longtail_mismatched_headers",
            [
                ("Asianet Film Awards", None, "Best Director", "Ravi Nair", "won"),
                ("Vanitha Film Awards", None, "Best Music Director", "Lata Rao", "nominated"),
                ("Kerala Film Critics Awards", None, "Most Popular Film", "Test Film", "won"),
            ],
        ),
        # No body column: the body is named by the sentence just above each table.
        (
            "longtail_sentence_before_table",
            [
                ("Tamil Nadu State Film Awards", 12, "Best Film", "Test Film", "won"),
                ("Tamil Nadu State Film Awards", 12, "Best Actor", "Bob Ray", "won"),
                ("Filmfare Awards South", None, "Best Director – Tamil", "Ann Lee", "nominated"),
                ("Filmfare Awards South", None, "Best Actress – Tamil", "Mia Roy", "nominated"),
            ],
        ),
    ],
)
def test_unusual_table_structures(name, expected):
    result = fixture(name)
    assert [
        (n.award_body, n.edition, n.category, n.recipient, n.result) for n in result.nominations
    ] == expected
    assert result.rows_seen == len(expected) and not result.skipped


@pytest.mark.parametrize(
    ("heading", "result"),
    [("Awards", "won"), ("Honours", "won"), ("Awards and nominations", None), ("Accolades", None)],
)
def test_entries_without_result_are_wins_only_under_an_awards_heading(heading, result):
    page = (
        f"=={heading}==\n;[[Golden Calf]]<ref>{{{{cite web|title=x\n}}}}\n</ref>\n* Best Editing - Ann Lee\n"
        "* Best Score - Bob Ray (nominated)\n"
    )
    got = parse_accolades(page, "Foo")
    assert [(n.category, n.result) for n in got.nominations] == (
        [("Best Editing", result), ("Best Score", "nominated")] if result else [("Best Score", "nominated")]
    )
    assert got.skipped == ({} if result else {"no result": 1})


PROSE_PARAGRAPHS = """==Awards and honours==
[[Ann Lee]] won the [[Academy Awards|Academy Award]] for [[Academy Award for Best Original Score|Best Score]] and Bob Ray was nominated for [[Academy Award for Best Actor]].<ref>x</ref> The film was nominated for four [[Golden Globe Awards]], including Best Picture. It won the Golden Shell at the [[54th San Sebastián International Film Festival]], and the producers were nominated for the [[Producers Guild of America Award for Best Theatrical Motion Picture]]. Critics placed it on many top ten lists.

''Foo'' won the [[Saturn Award for Best Fantasy Film]], the [[Hugo Award for Best Dramatic Presentation]] and the [[Nebula Award for Best Script]].
"""


def test_prose_sentences_of_an_accolades_section():
    result = parse_accolades(PROSE_PARAGRAPHS, "Foo")
    got = [(n.award_body, n.edition, n.category, n.recipient, n.result) for n in result.nominations]
    assert got == [
        ("Academy Award", None, "Best Score", "Ann Lee", "won"),
        ("Academy Awards", None, "Best Actor", "Bob Ray", "nominated"),
        ("San Sebastián International Film Festival", 54, "Golden Shell", "Foo", "won"),
        ("Saturn Awards", None, "Best Fantasy Film", "Foo", "won"),
        ("Hugo Awards", None, "Best Dramatic Presentation", "Foo", "won"),
        ("Nebula Awards", None, "Best Script", "Foo", "won"),
    ]
    # The summary with a count, the producers' clause and the top-ten lists are prose.
    assert result.rows_seen == 6 and not result.skipped


# ---------------------------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------------------------


def test_one_result_vocabulary_maps_to_the_contract_values():
    from etl.lib.extract import accolades

    assert set(accolades.RESULT_WORDS.values()) <= set(RESULTS)
    assert {result for result, _ in accolades.RESULT_TEMPLATES.values()} <= set(RESULTS)
    assert accolades.RESULT_TEMPLATES["runner-up"] == ("runner-up", 2)


def test_the_package_exports_its_public_names():
    from etl.lib.extract import accolades

    assert accolades.split_edition("68th Academy Awards") == ("Academy Awards", 68, None)
    assert accolades.split_edition("Boston Society of Film Critics Awards 1995") == (
        "Boston Society of Film Critics Awards",
        None,
        1995,
    )
    assert accolades.parse_accolades is parse_accolades


@pytest.mark.parametrize("title", ["Taxi Driver", "Cars 2", "Midnight Cowboy"])
def test_no_text_is_parsed_twice_for_a_page(monkeypatch, title):
    """The reader hands every text it parses to the page's Context: a text met again (a
    rowspan cell read for each row, a heading, a segment tested then read) is not parsed
    again, and refs are left out of the page's tree of a text instead of a private parse."""
    from mwparserfromhell.parser import Parser

    texts: list[str] = []
    original = Parser.parse

    def counting(parser, wikitext, *args, **kwargs):
        texts.append(wikitext)
        return original(parser, wikitext, *args, **kwargs)

    text = corpus_wikitext(title)
    monkeypatch.setattr(Parser, "parse", counting)
    result = parse_accolades(text, title, Context())
    assert result.nominations
    assert [t for t, n in Counter(texts).items() if n > 1] == []


def test_cells_without_markup_are_not_parsed(monkeypatch):
    """A table whose cells hold plain words (spaces around them, as the cell syntax leaves
    them) is read without a single parser call, and the sections without accolades nor
    tables are not read at all."""
    from mwparserfromhell.parser import Parser

    calls: list[str] = []
    original = Parser.parse

    def counting(parser, wikitext, *args, **kwargs):
        calls.append(wikitext)
        return original(parser, wikitext, *args, **kwargs)

    code = (
        "== Plot ==\nA man drives a cab.\n"
        "== Accolades ==\n"
        '{| class="wikitable"\n! Award !! Category !! Nominee !! Result\n'
        "|-\n| Empire Awards || Best Actor || Jim Smith || Won\n"
        "|-\n| Saturn Awards || Best Director || Ann Lee || Nominated\n|}\n"
    )
    monkeypatch.setattr(Parser, "parse", counting)
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Empire Awards", "Best Actor", "Jim Smith", "won", None),
        ("Saturn Awards", "Best Director", "Ann Lee", "nominated", None),
    ]
    assert calls == []


def test_the_page_is_cut_into_lines_and_tables_once(monkeypatch):
    """The Article keeps the lines and laid-out tables of the parts of the page the reader
    reads: a second reader of the same page does not cut them again, and prose sections
    without a table (the plot) are never laid out."""
    from etl.lib.wiki import wikitable
    from etl.lib.wiki.article import Article

    cuts: list[str] = []
    original = wikitable.prepared_blocks

    def counting(text):
        cuts.append(text)
        return original(text)

    monkeypatch.setattr(wikitable, "prepared_blocks", counting)
    article = Article("Taxi Driver", corpus_wikitext("Taxi Driver"))
    first = parse_accolades(article, "Taxi Driver", article.ctx)
    n = len(cuts)
    again = parse_accolades(article, "Taxi Driver", article.ctx)
    assert n >= 1 and len(cuts) == n
    assert rows(first) == rows(again) and first.nominations
    plot = article.titled("plot")[0].text.strip()
    assert plot and not any(plot[:200] in cut for cut in cuts)
    assert any("==Accolades==" in cut.replace(" ", "") for cut in cuts)


def test_refs_left_out_of_the_page_tree_read_as_a_private_copy_would():
    from etl.lib.wiki.wikitext import read_without_refs, remove_refs, without_refs

    texts = [
        "[[68th Academy Awards]]<ref>{{cite web|title=The 68th}}</ref> <!-- seen -->",
        "{{won}}<ref name=a/>",
        "{{nom|Special <ref>x</ref> Jury}}",  # a ref inside a template: a private copy edits it
        "[[Name]]<!-- comment --> (as ''Role'')",
    ]
    ctx = Context()
    for text in texts:
        assert without_refs(text, ctx) == without_refs(text) == str(remove_refs(text))
        assert str(read_without_refs(text, ctx)) == str(remove_refs(text))
    assert without_refs(texts[0], ctx) == "[[68th Academy Awards]] "
    assert without_refs(texts[2], ctx) == "{{nom|Special  Jury}}"


@pytest.mark.parametrize(
    "cells, mostly, read",
    [
        ("YYNN", True, 2),  # half passed after two cells: decided
        ("NNYY", True, 4),  # half is enough, and only the last cell decides it
        ("NNNY", False, 3),  # three of four failed: the last cannot change it
        ("NYN", False, 3),
        ("YNY", True, 3),
        ("YYYYYYYYYN", True, 5),
        ("", False, 0),
    ],
)
def test_a_column_share_is_decided_as_soon_as_the_rest_cannot_change_it(cells, mostly, read):
    from etl.lib.extract.accolades.entries import Env
    from etl.lib.extract.accolades.tables import _mostly, _share
    from etl.lib.wiki.wikitable import find_tables

    body = "".join(f"|-\n| {k} {mark}\n" for k, mark in enumerate(cells))
    tables = find_tables("{|\n" + body + "|}")
    rows = tables[0].rows if tables else []
    asked: list[str] = []

    def test(code: str, ctx: Context) -> bool:
        asked.append(code)
        return code.strip().endswith("Y")

    assert (_share(rows, 0, test, Env(set(), "", Context(), AccoladesResult())) >= 0.5) is mostly
    asked.clear()
    assert _mostly(rows, 0, test, Env(set(), "", Context(), AccoladesResult())) is mostly
    assert len(asked) == read
