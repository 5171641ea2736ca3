"""Accolades tables and lists: the seed article, every corpus film, and one small hand-written
layout per case the parser must handle.

The expected figures of the corpus films were counted by hand from each article's wikitext
(the accolades section read row by row), not copied from the parser's output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from etl.lib.accolades import AccoladesResult, parse_accolades
from etl.lib.model import DAY, RESULTS, Name, PartialDate
from etl.lib.wikitext import Context
from tests.conftest import FIXTURES as FIXTURE_ROOT, corpus_wikitext, seed_wikitext

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
    return [(n.award_body, n.category, n.recipient, n.result, n.placement)
            for n in result.nominations]


def people(n) -> list[str]:
    return [p.name for p in n.persons]


def by_body(result: AccoladesResult) -> Counter:
    return Counter(n.award_body for n in result.nominations)


def wins_by_body(result: AccoladesResult) -> Counter:
    return Counter(n.award_body for n in result.nominations if n.result == "won")


def entry(result: AccoladesResult, body: str, category: str, recipient: str | None = None):
    found = [n for n in result.nominations if n.award_body == body and n.category == category
             and (recipient is None or n.recipient == recipient)]
    assert len(found) == 1, (body, category, recipient, found)
    return found[0]


def one_row_table(result_cell: str) -> AccoladesResult:
    code = ("==Accolades==\n{| class=\"wikitable\"\n! Award !! Category !! Nominee !! Result\n"
            f"|-\n| [[Empire Awards]] || Best Actor || Jim Smith || {result_cell}\n|}}\n")
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
        "won": 31, "nominated": 25, "runner-up": 1, "placed": 4}
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
    sag = entry(seed, "Screen Actors Guild Awards",
                "Outstanding Performance by a Male Actor in a Leading Role")
    assert people(sag) == ["Nicolas Cage"] and sag.result == "won"


def test_seed_film_as_recipient(seed):
    for body, category in [("Dallas-Fort Worth Film Critics Association Awards", "Best Picture"),
                           ("Turkish Film Critics Association Awards", "Best Foreign Film")]:
        n = entry(seed, body, category)
        assert n.recipient == "Leaving Las Vegas" and n.persons == []
    turkish = entry(seed, "Turkish Film Critics Association Awards", "Best Foreign Film")
    assert (turkish.result, turkish.placement) == ("placed", 10)


def test_seed_bodies_editions_and_links(seed):
    oscar = entry(seed, "Academy Awards", "Best Actor")
    assert (oscar.award_body_wiki_title, oscar.edition, oscar.category_wiki_title) == (
        "Academy Awards", 68, "Academy Award for Best Actor")
    boston = entry(seed, "Boston Society of Film Critics Awards", "Best Actor")
    assert (boston.award_body_wiki_title, boston.ceremony_year) == (
        "Boston Society of Film Critics Awards", 1995)
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
    assert (runner_up.result, runner_up.placement, people(runner_up)) == (
        "runner-up", 2, ["Mike Figgis"])


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
    "Cars 2": (14, {"won": 1, "nominated": 13}, {
        "British Academy Children's Awards": 1, "People's Choice Awards": 1,
        "Golden Globe Awards": 1, "Annie Awards": 7, "Kids Choice Awards": 1,
        "Saturn Awards": 1, "ASCAP Award": 1, "Visual Effects Society Awards": 1}),
    # Headers "Award / Subject / Nominee / Result": "Subject" holds the categories.
    "Evil Dead II": (5, {"nominated": 5}, {
        "Saturn Awards": 3, "Sitges - Catalan International Film Festival": 1,
        "Fantasporto Awards": 1}),
    # "| rowspan="1" {{nom}}" result cells.
    "Hum Saath-Saath Hain": (3, {"won": 1, "nominated": 2}, {
        "Filmfare Awards": 1, "Zee Cine Awards": 1,
        "International Indian Film Academy Awards": 1}),
    # Row headers, "Date of ceremony" and "Ref." columns.
    "Mamma Mia! Here We Go Again": (7, {"nominated": 7}, {
        "Costume Designers Guild Awards": 1, "European Film Awards": 1,
        "Hollywood Music in Media Awards": 2, "People's Choice Awards": 3}),
    # Bullet lists under bold body names. The Berlin "OCIC Award" bullet states no result: it
    # is seen and skipped ("no result"), never guessed. The closing prose sentence about the
    # DGA and WGA awards is prose, not an entry.
    "Midnight Cowboy": (27, {"won": 14, "nominated": 11, "placed": 2}, {
        "Academy Awards": 7, "Golden Globe Awards": 7, "British Academy Film Awards": 6,
        "Berlin International Film Festival": 1, "David di Donatello Awards": 2,
        "National Board of Review": 1, "New York Film Critics Circle": 3}),
    # "Award !! Result !! Nominee": the result in the 2nd column and no body column; the body
    # comes from the category links ("Academy Award for Best Picture"), the edition from the
    # prose above the table ("[[49th Academy Awards]]"). The AFI "100 Years" bullets below
    # are list rankings ("#78"); the two marked "Nominated" name no award body and are skipped.
    "Rocky": (10, {"won": 3, "nominated": 7}, {"Academy Awards": 10}),
    # Year column with rowspan=5/19/12, a "||2004" row, "25th [[Japan Academy Prize...]]".
    "Spirited Away": (37, {"won": 34, "nominated": 3}, {
        "Animation Kobe": 1, "Blue Ribbon Awards": 1, "Mainichi Film Awards": 3,
        "Japan Academy Award": 2, "Berlin International Film Festival": 1,
        "Cinekid Festival": 1, "Hong Kong Film Awards": 1, "Tokyo Anime Award": 8,
        "Utah Film Critics Association Awards": 4, "National Board of Review": 1,
        "New York Film Critics Online": 1, "Academy Awards": 1, "Annie Awards": 4,
        "Critics' Choice Awards": 1, "Saturn Awards": 3, "Golden Satellite Awards": 1,
        "Amsterdam Fantastic Film Festival": 1, "Christopher Awards": 1,
        "British Academy Film Awards": 1}),
    # Inline "||" cells; recipient cells spanning two awards (Cannes/Hochi, David/DGA).
    "Taxi Driver": (34, {"won": 16, "nominated": 18}, {
        "Cannes Film Festival": 1, "Hochi Film Award": 1, "LAFCA Award": 3, "Academy Award": 4,
        "BAFTA Award": 7, "Blue Ribbon Award": 1, "David di Donatello Award": 2,
        "DGA Award": 1, "Golden Globe Award": 2, "Grammy Award": 1, "Kinema Junpo Award": 1,
        "NSFC Award": 5, "NYFCC Award": 4, "WGA Award": 1}),
    # "Year of ceremony" with rowspan="21" and rowspan="6".
    "X-Men: First Class": (27, {"won": 5, "nominated": 22}, {
        "National Board of Review Awards": 1, "Los Angeles Film Critics Association Awards": 1,
        "Teen Choice Awards": 5, "Scream Awards": 14, "People's Choice Awards": 4,
        "Saturn Awards": 2}),
}


@pytest.mark.parametrize("title", sorted(CORPUS_COUNTS))
def test_corpus_counts(title):
    result = corpus_film(title)
    entries, results, bodies = CORPUS_COUNTS[title]
    assert len(result.nominations) == entries
    assert Counter(n.result for n in result.nominations) == results
    assert by_body(result) == bodies
    assert not result.unknown_results


@pytest.mark.parametrize("title", ["Batman (1989 film)", "The Castle of Cagliostro",
                                   "Monty Python and the Holy Grail", "Matlock (TV series)",
                                   "Werner Herzog"])
def test_corpus_without_accolades(title):
    # Batman names its awards in prose and lists AFI rankings under "Legacy"; Cagliostro and
    # Monty Python have prose only; their cast tables are not accolades.
    result = corpus_film(title)
    assert result.nominations == [] and result.rows_seen == 0


def test_corpus_skips_are_reported():
    assert corpus_film("Midnight Cowboy").skipped == {"no result": 1}
    assert corpus_film("Rocky").skipped == {"no award body": 2}


def test_corpus_cars_2_rowspan_result_and_missing_cells():
    result = corpus_film("Cars 2")
    assert entry(result, "Saturn Awards", "Best Animated Film").recipient == "Cars 2"
    assert entry(result, "British Academy Children's Awards", "Favorite Film").persons == []
    assert entry(result, "Annie Awards", "Best Animated Feature").edition == 39
    ascap = entry(result, "ASCAP Award", "Top Box Office Films")
    assert (ascap.result, people(ascap)) == ("won", ["Michael Giacchino"])
    assert ascap.award_body_wiki_title == "American Society of Composers, Authors and Publishers"
    ves = entry(result, "Visual Effects Society Awards",
                "Outstanding Virtual Cinematography in an Animated Feature Motion Picture")
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
    assert entry(result, "Costume Designers Guild Awards",
                 "Excellence in Contemporary Film").ceremony_year == 2019
    assert entry(result, "European Film Awards", "Best European Film").persons == []


def test_corpus_midnight_cowboy_lists():
    result = corpus_film("Midnight Cowboy")
    second = entry(result, "New York Film Critics Circle", "Best Actor", "Dustin Hoffman")
    assert (second.result, second.placement) == ("placed", 2)
    third = entry(result, "New York Film Critics Circle", "Best Supporting Actor")
    assert (third.result, third.placement) == ("placed", 3)
    picture = entry(result, "Academy Awards", "Best Picture")
    assert picture.persons == [Name("Jerome Hellman", "Jerome Hellman")]
    assert entry(result, "National Board of Review", "Top Ten Films").recipient == "Midnight Cowboy"
    assert wins_by_body(result)["British Academy Film Awards"] == 6


def test_corpus_rocky_body_from_category_links():
    result = corpus_film("Rocky")
    assert {(n.award_body_wiki_title, n.edition) for n in result.nominations} == {("Academy Awards", 49)}
    song = entry(result, "Academy Awards", "Best Music (Original Song)")
    assert people(song) == ["Bill Conti", "Carol Connors", "Ayn Robbins"]
    assert "Gonna Fly Now" in song.note
    assert people(entry(result, "Academy Awards", "Best Picture")) == [
        "Robert Chartoff", "Irwin Winkler"]


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
    assert picture.persons == [Name("Michael Phillips", "Michael Phillips (producer)"),
                               Name("Julia Phillips", "Julia Phillips")]
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
        "Chicago Film Critics Association Awards", 1999)
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
        ("Academy Awards", "Best Music (Original Song)", "Bill Con, Carol Con and Ayn Rob", "nominated", None),
        ("Academy Awards", "Best Sound", "Harry Warren Tet, William Mc", "nominated", None),
    ]
    picture, song, sound = result.nominations
    assert {(n.award_body_wiki_title, n.edition) for n in result.nominations} == {("Academy Awards", 49)}
    assert song.persons == [Name("Bill Con", "Bill Con"), Name("Carol Con", "Carol Con (singer)"),
                            Name("Ayn Rob")]
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


@pytest.mark.parametrize("cell, expected", [
    ("{{won}}", ("won", None)), ("{{Won}}", ("won", None)), ("{{nom}}", ("nominated", None)),
    ("{{Nom}}", ("nominated", None)), ("{{nominated}}", ("nominated", None)),
    ("{{pending}}", ("pending", None)), ("{{TBA}}", ("pending", None)),
    ("{{Runner-up}}", ("runner-up", 2)), ("{{draw|2nd Place}}", ("placed", 2)),
    ("{{yes|2nd place}}", ("placed", 2)), ("{{yes|Honored}}", ("honored", None)),
    ("{{won|place=1st}}", ("won", 1)), ("Won", ("won", None)), ("Nominated", ("nominated", None)),
    ("'''Winner'''", ("won", None)), ("Runner-up", ("runner-up", 2)),
    ("2nd runner-up", ("runner-up", 3)), ("3rd place", ("placed", 3)),
    ("Third place", ("placed", 3)), ("1st place", ("won", 1)),
    ("Won<ref>{{cite web|title=x}}</ref>", ("won", None)),
    ("rowspan=\"1\" {{nom}}", ("nominated", None)),
])
def test_result_mapping(cell, expected):
    result = one_row_table(cell)
    assert [(n.result, n.placement) for n in result.nominations] == [expected]


def test_result_notes():
    result = one_row_table("{{won}} <br /> {{small|(tied with ''Other Film'')}}")
    assert result.nominations[0].note == "tied with Other Film"
    result = one_row_table("Won (shared)")
    assert (result.nominations[0].result, result.nominations[0].note) == ("won", "shared")


def test_two_recipient_headers_make_the_first_the_category():
    code = ("===Accolades===\n{| class=\"wikitable\"\n! Award\n! Subject\n! Nominee\n! Result\n"
            "|-\n|rowspan=2|[[Saturn Awards]]\n|Best Horror Film\n|[[Sam Raimi]]\n|{{Nom}}\n"
            "|-\n|Best Make-up\n|[[Mark Shos]]\n|{{won}}\n|}\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Saturn Awards", "Best Horror Film", "Sam Raimi", "nominated", None),
        ("Saturn Awards", "Best Make-up", "Mark Shos", "won", None),
    ]


def test_table_outside_accolades_section_read_by_its_header():
    code = ("==Release==\nText.\n{| class=\"wikitable\"\n! Award !! Category !! Result\n"
            "|-\n| [[Golden Lion]] Festival || Best Film || {{won}}\n|}\n"
            "==Cast==\n{| class=\"wikitable\"\n! Actor !! Role\n|-\n| [[Jim Smith]] || Hero\n|}\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [("Golden Lion Festival", "Best Film", "Test Film", "won", None)]


def test_heading_names_the_body_of_a_list_or_table():
    code = ("==Accolades==\n===Academy Awards===\n"
            "{| class=\"wikitable\"\n! Category !! Nominee !! Result\n"
            "|-\n| Best Actor || Jim Smith || {{won}}\n|}\n"
            "===Cannes Film Festival===\n* Palme d'Or – Nominated\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Cannes Film Festival", "Palme d'Or", "Test Film", "nominated", None),
    ]


def test_unknown_templates_are_counted_in_context():
    ctx = Context()
    code = ("==Accolades==\n{| class=\"wikitable\"\n! Award !! Category !! Nominee !! Result\n"
            "|-\n| [[Empire Awards]] || Best Actor || {{mystery name|Jim Smith}} || {{won}}\n|}\n")
    result = parse_accolades(code, "Test Film", ctx)
    assert ctx.unknown["mystery name"] >= 1
    assert len(result.nominations) == 1


def test_wikicode_input_and_no_accolades():
    from etl.lib.wikitext import parse
    assert parse_accolades(parse("==Plot==\nA story.\n"), "Test Film").nominations == []
    assert parse_accolades("", "Test Film").rows_seen == 0


def test_recipient_named_in_the_category_cell_without_recipient_column():
    code = ("==Awards==\n{| class=\"wikitable\"\n! Year !! Award !! Category !! Result\n"
            "|-\n| 1997 || [[Academy Awards]] || [[Academy Award for Best Actress|Best Actress]]"
            " – [[Frances McD]] || {{won}}\n"
            "|-\n| 1997 || [[Golden Globe Awards]] || Best Motion Picture – Drama || {{nom}}\n"
            "|-\n| 1997 || [[Empire Awards]] || Best Actor ([[Bill Mac]]) || {{nom}}\n|}\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actress", "Frances McD", "won", None),
        ("Golden Globe Awards", "Best Motion Picture – Drama", "Test Film", "nominated", None),
        ("Empire Awards", "Best Actor", "Bill Mac", "nominated", None),
    ]
    assert result.nominations[0].persons == [Name("Frances McD", "Frances McD")]


def test_two_level_header_and_bold_header_row():
    code = ("==Accolades==\n{| class=\"wikitable\"\n"
            "! rowspan=\"2\" | Award !! colspan=\"2\" | Nomination !! rowspan=\"2\" | Result\n"
            "|-\n! Category !! Recipient\n"
            "|-\n| [[Empire Awards]] || Best Actor || [[Jim Smith]] || {{won}}\n|}\n"
            "==Awards==\n{| class=\"wikitable\"\n| '''Award''' || '''Category''' || '''Result'''\n"
            "|-\n| [[Saturn Awards]] || Best Film || Won\n|}\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Empire Awards", "Best Actor", "Jim Smith", "won", None),
        ("Saturn Awards", "Best Film", "Test Film", "won", None),
    ]
    assert result.rows_seen == 2


def test_award_column_found_by_edition_links_when_header_is_wrong():
    code = ("==Accolades==\n{| class=\"wikitable\"\n! Category !! Award !! Recipient !! Outcome\n"
            "|-\n| [[68th Academy Awards|Academy Awards]] || Best Actor || [[Jim Smith]] || {{won}}\n"
            "|-\n| [[53rd Golden Globe Awards]] || Best Director || Ann Lee || {{nom}}\n|}\n")
    result = parse_accolades(code, "Test Film")
    assert rows(result) == [
        ("Academy Awards", "Best Actor", "Jim Smith", "won", None),
        ("Golden Globe Awards", "Best Director", "Ann Lee", "nominated", None),
    ]
    assert [n.edition for n in result.nominations] == [68, 53]
