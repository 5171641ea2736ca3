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


# ---------------------------------------------------------------------------------------------
# Cast tables (expectations read from each article's ==Cast== table)
# ---------------------------------------------------------------------------------------------


def _cast(film):
    return [c for c in film.credits if c.role == "cast"]


def test_monty_python_cast_table_with_row_headers(corpus_dir):
    film = infobox.parse_article("Monty Python and the Holy Grail",
                                 corpus_wikitext("Monty Python and the Holy Grail"))
    cast = _cast(film)
    # 18 rows under "Actor / Main role / Other roles", each actor a row header {{sortname}}.
    assert len(cast) == 18
    assert [c.ordinal for c in cast] == list(range(1, 19))
    first = cast[0]
    assert (first.person, first.character) == (Name("Graham Chapman", "Graham Chapman"), "Arthur, King of the Britons")
    assert first.note == "Other roles: Voice of God / Middle Head of Three-Headed Knight / Hiccuping Guard at Swamp Castle"
    last = cast[-1]  # {{sort|Burton|[[Black Knight (Monty Python) #Performance difficulty|Richard Burton]]}}
    assert (last.person, last.character, last.note, last.ordinal) == (
        Name("Richard Burton", "Black Knight (Monty Python)#Performance difficulty"),
        "One-legged Black Knight", "stand-in", 18)
    by_name = {c.person.name: c for c in cast}
    assert by_name["Bee Duffell"].person.wiki_title is None  # nolink=y
    assert by_name["John Young"].person.wiki_title == "John Young (actor)"  # dab=actor
    assert (by_name["Connie Booth"].character, by_name["Connie Booth"].note) == ("Miss Islington, the Witch", None)
    assert (by_name["Mark Zycon"].character, by_name["Mark Zycon"].note) == (
        "Sir Robin", "stand-in; Other roles: Prisoner in Camelot Dungeon")
    assert by_name["Neil Innes"].character == "Leader of Robin's Minstrels"


def test_spirited_away_voice_cast_table_two_person_columns_and_rowspans(corpus_dir):
    film = infobox.parse_article("Spirited Away", corpus_wikitext("Spirited Away"))
    cast = _cast(film)
    # 16 character rows, each with a Japanese and an English voice actor.
    assert len(cast) == 32
    assert [c.ordinal for c in cast] == list(range(1, 33))
    assert sum(c.note.startswith("Japanese voice actor") for c in cast) == 16
    assert sum(c.note.startswith("English voice actor") for c in cast) == 16
    assert [(c.person, c.character, c.note) for c in cast[:2]] == [
        (Name("Rumi Hiiragi", "Rumi Hiiragi"), "Chihiro Ogino/Sen", "Japanese voice actor"),
        (Name("Daveigh Chase", "Daveigh Chase"), "Chihiro Ogino/Sen", "English voice actor"),
    ]
    assert [(c.person, c.character, c.note, c.ordinal) for c in cast[-2:]] == [
        (Name("Ken Yasuda", "Ken Yasuda (actor)"), "Radish Spirit", "Japanese voice actor", 31),
        (Name("Jack Angel", "Jack Angel"), "Radish Spirit", "English voice actor", 32),
    ]
    # Yubaba's row gives both actors rowspan="2": Zeniba, the row below, has the same two.
    assert [(c.person.name, c.character) for c in cast[4:8]] == [
        ("Mari Natsuki", "Yubaba"), ("Suzanne Pleshette", "Yubaba"),
        ("Mari Natsuki", "Zeniba"), ("Suzanne Pleshette", "Zeniba")]
    # Only the English actor spans No-Face and Aogaeru.
    assert [(c.person.name, c.character) for c in cast[16:20]] == [
        ("Akio Nakamura", "No-Face"), ("Bob Bergen", "No-Face"),
        ("Tatsuya Gashūin", "Aogaeru"), ("Bob Bergen", "Aogaeru")]
    # `|| lit. "reception desk frog" | [[Yo Oizumi|Yō Ōizumi]]`: the text before the pipe is attributes.
    assert (cast[20].person, cast[20].character) == (Name("Yō Ōizumi", "Yo Oizumi"), "Bandai-gaeru/Foreman")
    assert cast[14].person == Name("Takehiko Ono", "Takehiko Ono")  # {{Interlanguage link multi}}
    # "{{nihongo|Boh|坊|Bō}} (Baby)": the parenthetical is a note, as in a bullet line.
    assert [(c.person.name, c.character, c.note) for c in cast[22:24]] == [
        ("Ryūnosuke Kamiki", "Boh", "Japanese voice actor; Baby"), ("Tara Strong", "Boh", "English voice actor; Baby")]


def test_castle_of_cagliostro_three_voice_columns(corpus_dir):
    film = infobox.parse_article("The Castle of Cagliostro", corpus_wikitext("The Castle of Cagliostro"))
    cast = _cast(film)
    # 14 characters x 3 columns, and one cell with two actors (Clarisse and Young Clarisse).
    assert len(cast) == 43
    streamline = "English voice actor (Streamline Pictures, 1991)"
    assert [(c.person, c.note) for c in cast[4:7]] == [
        (Name("Joan-Carol O'Connell", "J.C. Henning"), streamline),
        (Name("Barbara Goodson", "Barbara Goodson"), streamline + "; as Young Clarisse"),
        (Name("Ruby Marlowe", "Bridget Hoffman"), "English voice actor (Animaze/Manga Entertainment, 2000)"),
    ]
    assert {c.character for c in cast[4:7]} == {"Lady Clarisse d'Cagliostro"}
    assert (cast[-1].person, cast[-1].character, cast[-1].ordinal) == (
        Name("Bambi Darro", "Dyanne DiRosario"), "Waitress", 43)


def _cast_of(section: str):
    return [(c.person.name, c.person.wiki_title, c.character, c.note, c.ordinal)
            for c in infobox.parse_cast(section)]


def test_cast_table_stacked_headers_and_empty_cells():
    code = ("==Cast==\n{| class=wikitable\n! rowspan=2 | Role !! colspan=2 | Voiced by !! rowspan=2 | Notes\n"
            "|-\n! Original !! Dub\n|-\n| [[Hero (character)|Hero]] || [[Ann Lee]] || || Lead\n"
            "|-\n| Villain (young) || — || [[Bo Chan]]<br>Cy Dee {{small|(uncredited)}} ||\n|}\n")
    assert _cast_of(code) == [
        ("Ann Lee", "Ann Lee", "Hero", "Voiced by, Original; Lead", 1),
        ("Bo Chan", "Bo Chan", "Villain", "Voiced by, Dub; young", 2),
        ("Cy Dee", None, "Villain", "Voiced by, Dub; uncredited; young", 3),
    ]


def test_cast_table_bold_header_row_and_several_tables():
    code = ("== Main cast ==\n{|\n| '''Actor''' || '''Character'''\n|-\n| [[Ann Lee]] || Alice\n|}\n"
            "{|\n! Performer !! Part\n|-\n| Bo Chan || Bob\n|}\n")
    assert _cast_of(code) == [("Ann Lee", "Ann Lee", "Alice", None, 1), ("Bo Chan", None, "Bob", None, 2)]


def test_cast_bullets_win_over_tables_and_table_lines_are_not_bullets():
    bullets = "==Cast==\n* [[Ann Lee]] as Alice\n{|\n! Actor !! Role\n|-\n| Bo Chan || Bob\n|}\n"
    assert _cast_of(bullets) == [("Ann Lee", "Ann Lee", "Alice", None, 1)]
    in_cells = "==Cast==\n{|\n! Actor !! Role\n|-\n| Bo Chan ||\n* Bob\n* Rob\n|}\n"
    assert _cast_of(in_cells) == [("Bo Chan", None, "Bob / Rob", None, 1)]


def test_cast_sections_are_titled_cast_not_casting_nor_broadcast():
    code = ("==Broadcast==\n* [[NBC]] as network\n==Production==\n===Casting===\n{|\n! Actor !! Role\n"
            "|-\n| Bo Chan || Bob\n|}\n==Voice cast==\n{|\n! Year !! Network\n|-\n| 1990 || NBC\n|}\n"
            "{|\n! Voice actor !! Character\n|-\n| {{ill|Ken Yasuda (actor)|ja|安田顕|lt=Ken Yasuda}} || Radish\n|}\n")
    assert _cast_of(code) == [("Ken Yasuda", "Ken Yasuda (actor)", "Radish", None, 1)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{{Plainlist|\n* {{Film date|2019|5|21|[[Cannes Film Festival|Cannes]]|2019|5|30|South Korea}}\n}}",
         [(dt.date(2019, 5, 21), DAY, "theatrical", "Cannes"), (dt.date(2019, 5, 30), DAY, "theatrical", "South Korea")]),
        ("{{ubl|May 19, 2019 (Cannes)|{{Start date|2019|5|30}} (South Korea)}}",
         [(dt.date(2019, 5, 19), DAY, "theatrical", "Cannes"), (dt.date(2019, 5, 30), DAY, "theatrical", "South Korea")]),
        ("27 October 1995<br>(United States)", [(dt.date(1995, 10, 27), DAY, "theatrical", "United States")]),
        ("1995<ref>{{cite web|date=May 2, 2001|title=x}}</ref>", [(dt.date(1995, 1, 1), "year", "theatrical", None)]),
    ],
)
def test_release_values_in_other_shapes(value, expected):
    from etl.lib import wikitext as wt

    rows = infobox.infobox_releases(wt.parse(value), wt.Context())
    assert [(r.date.date, r.date.precision, r.release_type, r.territory) for r in rows] == expected
