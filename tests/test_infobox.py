"""``{{Infobox film}}`` and ``==Cast==``: exact facts of the seed and of corpus films, each read
by hand from the wikitext."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract import infobox
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
        "Leaving Las Vegas",
        "Leaving Las Vegas",
        1995,
        111,
    )
    assert (seed.countries, seed.languages) == (["United States"], ["English"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("director", [("Mike Figgis", "Mike Figgis")]),
        ("producer", [("Lila Cazès", None), ("Annie Stewart", None)]),
        ("screenplay", [("Mike Figgis", None)]),
        ("based_on", [("John O'Brien", "John O'Brien (novelist)")]),
        (
            "starring",
            [
                ("Nicolas Cage", "Nicolas Cage"),
                ("Elisabeth Shue", "Elisabeth Shue"),
                ("Julian Sands", "Julian Sands"),
            ],
        ),
        ("music", [("Anthony Marinelli", "Anthony Marinelli"), ("Mike Figgis", None)]),
        ("cinematography", [("Declan Quinn", "Declan Quinn")]),
        ("editing", [("John Smith", None)]),
        ("writer", []),
    ],
)
def test_seed_credits(seed, role, expected):
    assert _credits(seed, role) == expected


def test_seed_companies(seed):
    assert _companies(seed, "studio") == [
        ("United Artists", "United Artists"),
        ("Lumiére Pictures", "StudioCanal#Film library"),
    ]
    assert _companies(seed, "distributor") == [("MGM/UA Distribution Co.", "MGM/UA Distribution Co.")]


def test_seed_releases_and_money(seed):
    assert _releases(seed) == [
        (dt.date(1995, 10, 27), DAY, "limited", None),
        (dt.date(1996, 2, 9), DAY, "wide", None),
    ]
    assert _money(seed) == [
        ("budget", 3_500_000, 4_000_000, "USD", None),
        ("gross", 49_800_000, 49_800_000, "USD", "worldwide"),
    ]
    assert [b.amount.as_written for b in seed.box_office] == ["$3.5–4 million", "$49.8 million"]


def test_seed_cast(seed):
    cast = [c for c in seed.credits if c.role == "cast"]
    assert len(cast) == 28
    assert (cast[0].person, cast[0].character, cast[0].ordinal) == (
        Name("Nicolas Cage", "Nicolas Cage"),
        "Ben Sanderson",
        1,
    )
    assert (cast[3].person, cast[3].character) == (Name("Richard Lewis", "Richard Lewis (comedian)"), "Peter")
    goorjian = cast[24]
    assert (goorjian.person.name, goorjian.character, goorjian.note) == (
        "Michael Goorjian",
        "College Boy #1",
        "as Michael A. Goorjian",
    )
    assert (cast[-1].person.name, cast[-1].character, cast[-1].ordinal) == (
        "Lou Rawls",
        "Concerned Cabbie",
        28,
    )


def test_rocky(corpus_dir):
    film = infobox.parse_article("Rocky", corpus_wikitext("Rocky"))
    assert (film.title, film.release_year, film.runtime_minutes) == ("Rocky", 1976, 119)
    assert _credits(film, "producer") == [
        ("Irwin Winkler", "Irwin Winkler"),
        ("Robert Chartoff", "Robert Chartoff"),
    ]
    assert _credits(film, "editing") == [("Richard Halsey", "Richard Halsey"), ("Scott Conrad", None)]
    assert _companies(film, "studio") == [("Chartoff-Winkler Productions", None)]
    assert _releases(film) == [
        (dt.date(1976, 11, 21), DAY, "theatrical", "New York City"),
        (dt.date(1976, 12, 3), DAY, "theatrical", "United States"),
    ]
    # "$225 million<br />(equivalent to ${{Inflation|...}} million in ...)": the equivalent is no amount.
    assert _money(film) == [
        ("budget", 1_000_000, 1_000_000, "USD", None),
        ("gross", 225_000_000, 225_000_000, "USD", "worldwide"),
    ]


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
    assert _money(film) == [
        ("budget", 500e6, 500e6, "JPY", None),
        ("gross", 600e6, 600e6, "JPY", "Japan"),
        ("gross", 7.82e6, 7.82e6, "USD", "worldwide"),
    ]


def test_hum_saath_saath_hain_inr_and_br_inside_a_list(corpus_dir):
    film = infobox.parse_article("Hum Saath-Saath Hain", corpus_wikitext("Hum Saath-Saath Hain"))
    assert _credits(film, "producer") == [
        ("Ajit Kumar Barjatya", None),
        ("Kamal Kumar Barjatya", None),
        ("Rajkumar Barjatya", None),
    ]
    assert _releases(film) == [(dt.date(1999, 11, 5), DAY, "theatrical", None)]
    assert _money(film) == [
        ("budget", 170e6, 170e6, "INR", None),
        ("gross", 817e6, 817e6, "INR", "worldwide"),
    ]


def test_taxi_driver_plain_list_with_space(corpus_dir):
    film = infobox.parse_article("Taxi Driver", corpus_wikitext("Taxi Driver"))
    assert _credits(film, "editing") == [
        ("Marcia Lucas", "Marcia Lucas"),
        ("Tom Rolf", "Tom Rolf"),
        ("Melvin Shapiro", None),
    ]
    assert _companies(film, "studio") == [
        ("Bill/Phillips Productions", None),
        ("Italo/Judeo Productions", None),
    ]
    assert _credits(film, "narrator") == []  # the parameter holds only a comment


def test_x_men_range_budget_and_linked_companies(corpus_dir):
    film = infobox.parse_article("X-Men: First Class", corpus_wikitext("X-Men: First Class"))
    assert _money(film)[0] == ("budget", 140e6, 160e6, "USD", None)
    assert _companies(film, "studio")[1] == ("The Donners' Company", "Lauren Shuler Donner")
    assert _releases(film) == [
        (dt.date(2011, 5, 25), DAY, "theatrical", "Ziegfeld Theatre"),
        (dt.date(2011, 6, 3), DAY, "theatrical", "United States"),
    ]


def test_evil_dead_ii_infobox_the_page_parse_misses(corpus_dir):
    film = infobox.parse_article("Evil Dead II", corpus_wikitext("Evil Dead II"))
    assert film is not None and (film.title, film.release_year, film.runtime_minutes) == (
        "Evil Dead II",
        1987,
        84,
    )
    assert _companies(film, "distributor") == [
        ("Embassy Communications", "Embassy Communications"),
        ("De Laurentiis Entertainment Group", "De Laurentiis Entertainment Group"),
        ("Palace Pictures", "Palace Pictures"),
    ]
    assert _money(film) == [
        ("budget", 3.6e6, 3.6e6, "USD", None),
        ("gross", 5.9e6, 5.9e6, "USD", "United States"),
    ]


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
    film = infobox.parse_article(
        "Monty Python and the Holy Grail", corpus_wikitext("Monty Python and the Holy Grail")
    )
    cast = _cast(film)
    # 18 rows under "Actor / Main role / Other roles", each actor a row header {{sortname}}.
    assert len(cast) == 18
    assert [c.ordinal for c in cast] == list(range(1, 19))
    first = cast[0]
    assert (first.person, first.character) == (
        Name("Graham Chapman", "Graham Chapman"),
        "Arthur, King of the Britons",
    )
    assert (
        first.note
        == "Other roles: Voice of God / Middle Head of Three-Headed Knight / Hiccuping Guard at Swamp Castle"
    )
    last = cast[-1]  # {{sort|Burton|[[Black Knight (Monty Python) #Performance difficulty|Richard Burton]]}}
    assert (last.person, last.character, last.note, last.ordinal) == (
        Name("Richard Burton", "Black Knight (Monty Python)#Performance difficulty"),
        "One-legged Black Knight",
        "stand-in",
        18,
    )
    by_name = {c.person.name: c for c in cast}
    assert by_name["Bee Duffell"].person.wiki_title is None  # nolink=y
    assert by_name["John Young"].person.wiki_title == "John Young (actor)"  # dab=actor
    assert (by_name["Connie Booth"].character, by_name["Connie Booth"].note) == (
        "Miss Islington, the Witch",
        None,
    )
    assert (by_name["Mark Zycon"].character, by_name["Mark Zycon"].note) == (
        "Sir Robin",
        "stand-in; Other roles: Prisoner in Camelot Dungeon",
    )
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
        ("Mari Natsuki", "Yubaba"),
        ("Suzanne Pleshette", "Yubaba"),
        ("Mari Natsuki", "Zeniba"),
        ("Suzanne Pleshette", "Zeniba"),
    ]
    # Only the English actor spans No-Face and Aogaeru.
    assert [(c.person.name, c.character) for c in cast[16:20]] == [
        ("Akio Nakamura", "No-Face"),
        ("Bob Bergen", "No-Face"),
        ("Tatsuya Gashūin", "Aogaeru"),
        ("Bob Bergen", "Aogaeru"),
    ]
    # `|| lit. "reception desk frog" | [[Yo Oizumi|Yō Ōizumi]]`: the text before the pipe is attributes.
    assert (cast[20].person, cast[20].character) == (Name("Yō Ōizumi", "Yo Oizumi"), "Bandai-gaeru/Foreman")
    assert cast[14].person == Name("Takehiko Ono", "Takehiko Ono")  # {{Interlanguage link multi}}
    # "{{nihongo|Boh|坊|Bō}} (Baby)": the parenthetical is a note, as in a bullet line.
    assert [(c.person.name, c.character, c.note) for c in cast[22:24]] == [
        ("Ryūnosuke Kamiki", "Boh", "Japanese voice actor; Baby"),
        ("Tara Strong", "Boh", "English voice actor; Baby"),
    ]


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
        Name("Bambi Darro", "Dyanne DiRosario"),
        "Waitress",
        43,
    )


def _cast_of(section: str):
    return [
        (c.person.name, c.person.wiki_title, c.character, c.note, c.ordinal)
        for c in infobox.parse_cast(section)
    ]


def test_cast_table_stacked_headers_and_empty_cells():
    code = (
        "==Cast==\n{| class=wikitable\n! rowspan=2 | Role !! colspan=2 | Voiced by !! rowspan=2 | Notes\n"
        "|-\n! Original !! Dub\n|-\n| [[Hero (character)|Hero]] || [[Ann Lee]] || || Lead\n"
        "|-\n| Villain (young) || — || [[Bo Chan]]<br>Cy Dee {{small|(uncredited)}} ||\n|}\n"
    )
    assert _cast_of(code) == [
        ("Ann Lee", "Ann Lee", "Hero", "Voiced by, Original; Lead", 1),
        ("Bo Chan", "Bo Chan", "Villain", "Voiced by, Dub; young", 2),
        ("Cy Dee", None, "Villain", "Voiced by, Dub; uncredited; young", 3),
    ]


def test_cast_table_bold_header_row_and_several_tables():
    code = (
        "== Main cast ==\n{|\n| '''Actor''' || '''Character'''\n|-\n| [[Ann Lee]] || Alice\n|}\n"
        "{|\n! Performer !! Part\n|-\n| Bo Chan || Bob\n|}\n"
    )
    assert _cast_of(code) == [("Ann Lee", "Ann Lee", "Alice", None, 1), ("Bo Chan", None, "Bob", None, 2)]


def test_cast_bullets_win_over_tables_and_table_lines_are_not_bullets():
    bullets = "==Cast==\n* [[Ann Lee]] as Alice\n{|\n! Actor !! Role\n|-\n| Bo Chan || Bob\n|}\n"
    assert _cast_of(bullets) == [("Ann Lee", "Ann Lee", "Alice", None, 1)]
    in_cells = "==Cast==\n{|\n! Actor !! Role\n|-\n| Bo Chan ||\n* Bob\n* Rob\n|}\n"
    assert _cast_of(in_cells) == [("Bo Chan", None, "Bob / Rob", None, 1)]


def test_cast_sections_are_titled_cast_not_casting_nor_broadcast():
    code = (
        "==Broadcast==\n* [[NBC]] as network\n==Production==\n===Casting===\n{|\n! Actor !! Role\n"
        "|-\n| Bo Chan || Bob\n|}\n==Voice cast==\n{|\n! Year !! Network\n|-\n| 1990 || NBC\n|}\n"
        "{|\n! Voice actor !! Character\n|-\n| {{ill|Ken Yasuda (actor)|ja|安田顕|lt=Ken Yasuda}} || Radish\n|}\n"
    )
    assert _cast_of(code) == [("Ken Yasuda", "Ken Yasuda (actor)", "Radish", None, 1)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "{{Plainlist|\n* {{Film date|2019|5|21|[[Cannes Film Festival|Cannes]]|2019|5|30|South Korea}}\n}}",
            [
                (dt.date(2019, 5, 21), DAY, "festival", None),
                (dt.date(2019, 5, 30), DAY, "theatrical", "South Korea"),
            ],
        ),
        (
            "{{ubl|May 19, 2019 (Cannes)|{{Start date|2019|5|30}} (South Korea)}}",
            [
                (dt.date(2019, 5, 19), DAY, "theatrical", "Cannes"),
                (dt.date(2019, 5, 30), DAY, "theatrical", "South Korea"),
            ],
        ),
        ("27 October 1995<br>(United States)", [(dt.date(1995, 10, 27), DAY, "theatrical", "United States")]),
        (
            "1995<ref>{{cite web|date=May 2, 2001|title=x}}</ref>",
            [(dt.date(1995, 1, 1), "year", "theatrical", None)],
        ),
    ],
)
def test_release_values_in_other_shapes(value, expected):
    from etl.lib.wiki import wikitext as wt

    rows = infobox.infobox_releases(wt.parse(value), wt.Context())
    assert [(r.date.date, r.date.precision, r.release_type, r.territory) for r in rows] == expected


# ---------------------------------------------------------------------------------------------
# Unseen articles (tests/fixtures/unseen/*.wiki): shapes of real articles that the corpus lacks.
# Every expectation below was read by hand from the fixture's markup.
# ---------------------------------------------------------------------------------------------

from tests.conftest import FIXTURES  # noqa: E402

UNSEEN = FIXTURES / "unseen"


def unseen(name: str):
    return infobox.parse_article(_UNSEEN_TITLES[name], (UNSEEN / f"{name}.wiki").read_text(encoding="utf-8"))


_UNSEEN_TITLES = {
    "inception": "Inception",
    "casablanca": "Casablanca",
    "three_idiots": "3 Idiots",
    "wolf_warrior_2": "Wolf Warrior 2",
    "your_name": "Your Name",
    "suzume": "Suzume",
    "march_of_the_penguins": "March of the Penguins",
    "the_intouchables": "The Intouchables",
    "whiplash": "Whiplash (2014 film)",
    "oppenheimer": "Oppenheimer (film)",
    "om_shanti_om": "Om Shanti Om",
    "coco": "Coco (2017 film)",
}


def _noted(film, role):
    return [(c.person.name, c.note) for c in film.credits if c.role == role]


def _cast_rows(film):
    return [(c.person.name, c.person.wiki_title, c.character, c.note, c.ordinal) for c in _cast(film)]


def _territories(film, role):
    return [(c.company.name, c.company.wiki_title, c.territory) for c in film.companies if c.role == role]


@pytest.mark.parametrize("name", sorted(_UNSEEN_TITLES))
def test_unseen_articles_read_without_problems(name):
    film = unseen(name)
    assert film is not None
    assert film.problems == {}


def test_unseen_inception_blockbuster_infobox():
    film = unseen("inception")
    assert (film.title, film.wiki_title, film.release_year, film.runtime_minutes) == (
        "Inception",
        "Inception",
        2010,
        148,
    )
    assert (film.countries, film.languages) == (["United States", "United Kingdom"], ["English"])
    assert _credits(film, "writer") == [("Christopher Nolan", None)]
    assert _credits(film, "producer") == [("Emma Thomas", "Emma Thomas"), ("Christopher Nolan", None)]
    starring = _credits(film, "starring")
    assert len(starring) == 10 and starring[0] == ("Leonardo DiCaprio", "Leonardo DiCaprio")
    assert starring[-1] == ("Michael Caine", "Michael Caine")
    assert _credits(film, "editing") == [("Lee Smith", "Lee Smith (film editor)")]
    assert _companies(film, "studio") == [
        ("Legendary Pictures", "Legendary Pictures"),
        ("Syncopy", "Syncopy Inc."),
    ]
    assert _companies(film, "distributor") == [("Warner Bros. Pictures", "Warner Bros. Pictures")]
    # {{Film date|...|London|...|United States|ref2=<ref>...</ref>}}
    assert _releases(film) == [
        (dt.date(2010, 7, 8), DAY, "theatrical", "London"),
        (dt.date(2010, 7, 16), DAY, "theatrical", "United States"),
    ]
    # "$160&nbsp;million{{efn|... $200 million ...}}" and "$836.8{{nbsp}}million<ref>".
    assert _money(film) == [
        ("budget", 160e6, 160e6, "USD", None),
        ("gross", 836.8e6, 836.8e6, "USD", "worldwide"),
    ]


def test_unseen_inception_cast_descriptions_and_an_efn_after_the_actor():
    rows = _cast_rows(unseen("inception"))
    assert len(rows) == 13
    assert rows[0] == ("Leonardo DiCaprio", "Leonardo DiCaprio", "Dom Cobb", None, 1)
    assert rows[2] == ("Elliot Page", "Elliot Page", "Ariadne", None, 3)
    assert rows[4][2] == "Mr. Saito"
    assert rows[10][2] == "Professor Stephen Miles"
    assert rows[-1] == ("Talulah Riley", "Talulah Riley", "Blonde", None, 13)


def test_unseen_casablanca_1940s_classic():
    film = unseen("casablanca")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Casablanca", 1942, 102)
    assert _credits(film, "screenplay") == [
        ("Julius J. Epstein", "Julius and Philip Epstein"),
        ("Philip G. Epstein", "Julius and Philip Epstein"),
        ("Howard Koch", "Howard Koch (screenwriter)"),
    ]
    # {{Based on|''[[Everybody Comes to Rick's]]''|[[Murray Burnett]]|[[Joan Alison]]}}
    assert _credits(film, "based_on") == [
        ("Murray Burnett", "Murray Burnett"),
        ("Joan Alison", "Joan Alison"),
    ]
    assert _credits(film, "starring") == [
        ("Humphrey Bogart", "Humphrey Bogart"),
        ("Ingrid Bergman", "Ingrid Bergman"),
        ("Paul Henreid", "Paul Henreid"),
    ]
    assert _companies(film, "distributor") == [("Warner Bros. Pictures, Inc.", "Warner Bros. Pictures")]
    # "{{Start date|1942|11|26}} ([[New York City]])<br />{{Start date|1943|1|23}} (United States)":
    # each date keeps the place written after it.
    assert _releases(film) == [
        (dt.date(1942, 11, 26), DAY, "theatrical", "New York City"),
        (dt.date(1943, 1, 23), DAY, "theatrical", "United States"),
    ]
    # The {{Inflation}} equivalent in {{small|(equivalent to ...)}} is no amount.
    assert _money(film) == [
        ("budget", 878_000, 1_039_000, "USD", None),
        ("gross", 3.7e6, 3.7e6, "USD", "worldwide"),
    ]


def test_unseen_casablanca_cast_credited_as_and_uncredited_after_a_description():
    rows = _cast_rows(unseen("casablanca"))
    assert len(rows) == 18
    assert rows[2] == ("Paul Henreid", "Paul Henreid", "Victor Laszlo", None, 3)
    # "[[S. Z. Sakall]] (credited as S.K. Sakall) as Carl, the head waiter": the " as " inside
    # the parenthesis does not split the line.
    assert rows[7] == ("S. Z. Sakall", "S. Z. Sakall", "Carl", "credited as S.K. Sakall", 8)
    assert rows[13] == ("Curt Bois", "Curt Bois", "the pickpocket", None, 14)
    assert rows[14] == ("Marcel Dalio", "Marcel Dalio", "Emil the croupier", "uncredited", 15)
    # "as Jan Brandel, Annina's husband (uncredited)": the description is cut, the note is kept.
    assert rows[15] == ("Helmut Dantine", "Helmut Dantine", "Jan Brandel", "uncredited", 16)
    assert rows[16] == ("Dan Seymour", "Dan Seymour (actor)", "Abdul", "uncredited", 17)
    assert rows[17] == ("Ludwig Stössel", "Ludwig Stössel", "Mr. Leuchtag", "uncredited", 18)


def test_unseen_three_idiots_bollywood_crore_and_labelled_music_credits():
    film = unseen("three_idiots")
    assert (film.title, film.release_year, film.runtime_minutes) == ("3 Idiots", 2009, 170)
    assert (film.countries, film.languages) == (["India"], ["Hindi"])
    assert _credits(film, "screenplay") == [
        ("Abhijat Joshi", "Abhijat Joshi"),
        ("Rajkumar Hirani", None),
        ("Vidhu Vinod Chopra", "Vidhu Vinod Chopra"),
    ]
    assert _credits(film, "based_on") == [("Chetan Bhagat", "Chetan Bhagat")]
    assert _credits(film, "starring")[3] == ("Kareena Kapoor Khan", "Kareena Kapoor")
    assert _credits(film, "narrator") == [("R. Madhavan", "R. Madhavan")]
    # "'''Songs:'''<br />[[Shantanu Moitra]]<br />'''Background score:'''<br />...": the labels
    # are no people; each name keeps its label as a note.
    assert _noted(film, "music") == [
        ("Shantanu Moitra", "Songs"),
        ("Sanjay Wandrekar", "Background score"),
        ("Atul Raninga", "Background score"),
    ]
    assert _credits(film, "music")[0] == ("Shantanu Moitra", "Shantanu Moitra")
    assert _companies(film, "distributor") == [("Reliance Big Pictures", "Reliance Entertainment")]
    assert _releases(film) == [(dt.date(2009, 12, 25), DAY, "theatrical", "India")]
    # "₹55{{nbsp}}crore" and "est. {{INRConvert|460|c}}".
    assert _money(film) == [
        ("budget", 550e6, 550e6, "INR", None),
        ("gross", 4.6e9, 4.6e9, "INR", "worldwide"),
    ]
    assert [b.amount.is_estimate for b in film.box_office] == [False, True]


def test_unseen_three_idiots_cast():
    rows = _cast_rows(unseen("three_idiots"))
    assert len(rows) == 11
    assert rows[0][2] == 'Ranchhoddas "Rancho" Shamaldas Chanchad / Phunsukh Wangdu'
    assert rows[3] == ("Kareena Kapoor", "Kareena Kapoor", "Pia Sahastrabuddhe", None, 4)
    assert rows[4][2] == 'Dr. Viru "Virus" Sahastrabuddhe'
    assert rows[7][2] == "Mr. Qureshi"
    assert rows[9] == ("Rahul Kumar", "Rahul Kumar (actor)", 'Manmohan "Millimeter"', None, 10)
    assert rows[10] == ("Ali Fazal", "Ali Fazal", "Joy Lobo", "special appearance", 11)


def test_unseen_wolf_warrior_2_chinese_yuan():
    film = unseen("wolf_warrior_2")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Wolf Warrior 2", 2017, 123)
    assert (film.countries, film.languages) == (["China"], ["Mandarin", "English"])
    assert _credits(film, "director") == [("Wu Jing", "Wu Jing (actor)")]
    assert _credits(film, "writer") == [("Wu Jing", None), ("Liu Yi", None), ("Dong Qun", None)]
    assert _companies(film, "studio") == [
        ("Deng Feng International Media", None),
        ("Beijing Culture", "Beijing Culture"),
        ("China Film Co., Ltd.", "China Film Group Corporation"),
    ]
    assert _territories(film, "distributor") == [
        ("Beijing Culture", "Beijing Culture", None),
        ("China Film Co., Ltd.", "China Film Group Corporation", "China"),
        ("United Entertainment Partners", "United Entertainment Partners", "North America"),
    ]
    assert _releases(film) == [(dt.date(2017, 7, 27), DAY, "theatrical", "China")]
    # A Chinese film: "¥" is the yuan.
    assert _money(film) == [
        ("budget", 200e6, 200e6, "CNY", None),
        ("budget", 30e6, 30e6, "USD", None),
        ("gross", 5.69e9, 5.69e9, "CNY", "worldwide"),
        ("gross", 870.3e6, 870.3e6, "USD", "worldwide"),
    ]


def test_unseen_wolf_warrior_2_cast_with_chinese_names_in_parentheses():
    rows = _cast_rows(unseen("wolf_warrior_2"))
    assert len(rows) == 7
    assert rows[0] == ("Wu Jing", "Wu Jing (actor)", "Leng Feng", "冷锋", 1)
    assert rows[1] == ("Frank Grillo", "Frank Grillo", "Big Daddy", None, 2)
    assert rows[4] == ("Hans Zhang", "Hans Zhang", "Zhuo Yifan", "卓亦凡", 5)
    assert rows[6] == ("Yu Nan", "Yu Nan", "Long Xiaoyun", "龙小云; cameo", 7)


def test_unseen_your_name_anime():
    film = unseen("your_name")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Your Name", 2016, 106)
    assert (film.countries, film.languages) == (["Japan"], ["Japanese"])
    assert _credits(film, "based_on") == [("Makoto Shinkai", None)]
    assert _companies(film, "studio") == [("CoMix Wave Films", "CoMix Wave Films")]
    assert _releases(film) == [
        (dt.date(2016, 7, 3), DAY, "theatrical", "Anime Expo"),
        (dt.date(2016, 8, 26), DAY, "theatrical", "Japan"),
    ]
    # "{{JPY|25.03 billion}} (Japan)<br />US$382.2 million (worldwide)"
    assert _money(film) == [
        ("gross", 25.03e9, 25.03e9, "JPY", "Japan"),
        ("gross", 382.2e6, 382.2e6, "USD", "worldwide"),
    ]


def test_unseen_your_name_voice_cast_table_with_language_columns():
    rows = _cast_rows(unseen("your_name"))
    # "! Character !! Japanese !! English": two voice columns named by their language.
    assert len(rows) == 10
    assert rows[:2] == [
        ("Ryunosuke Kamiki", "Ryunosuke Kamiki", "Taki Tachibana", "Japanese", 1),
        ("Michael Sinterniklaas", "Michael Sinterniklaas", "Taki Tachibana", "English", 2),
    ]
    assert rows[-1] == ("Cassandra Lee Morris", "Cassandra Lee Morris", "Yotsuha Miyamizu", "English", 10)


def test_unseen_suzume_festival_label_and_production_companies():
    film = unseen("suzume")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Suzume", 2022, 122)
    assert _credits(film, "music") == [("Radwimps", "Radwimps"), ("Kazuma Jinnouchi", "Kazuma Jinnouchi")]
    assert _companies(film, "studio") == [
        ("CoMix Wave Films", "CoMix Wave Films"),
        ("Story Inc.", "Story Inc."),
    ]
    assert [(r.date.date, r.release_type, r.territory, r.note) for r in film.releases] == [
        (dt.date(2022, 11, 11), "theatrical", "Japan", None),
        (dt.date(2023, 2, 23), "festival", None, "73rd Berlin International Film Festival"),
    ]
    assert _money(film) == [
        ("gross", 14.79e9, 14.79e9, "JPY", "Japan"),
        ("gross", 323.6e6, 323.6e6, "USD", "worldwide"),
    ]


def test_unseen_suzume_voice_cast_as_a_definition_list_with_anime_voice():
    # "; {{nihongo|Suzume Iwato|...}}" then ": {{Anime voice|[[Nanoka Hara]]|[[Nichole Sakura]]}}"
    assert _cast_rows(unseen("suzume")) == [
        ("Nanoka Hara", "Nanoka Hara", "Suzume Iwato", "Japanese", 1),
        ("Nichole Sakura", "Nichole Sakura", "Suzume Iwato", "English", 2),
        ("Hokuto Matsumura", "Hokuto Matsumura", "Souta Munakata", "Japanese", 3),
        ("Josh Keaton", "Josh Keaton", "Souta Munakata", "English", 4),
        ("Eri Fukatsu", "Eri Fukatsu", "Tamaki Iwato", "Japanese", 5),
        ("Jennifer Sun Bell", "Jennifer Sun Bell", "Tamaki Iwato", "English", 6),
        ("Ann Yamane", None, "Daijin", "Japanese", 7),
        ("Lena Josephine Marano", "Lena Josephine Marano", "Daijin", "English", 8),
    ]


def test_unseen_march_of_the_penguins_documentary():
    film = unseen("march_of_the_penguins")
    assert (film.title, film.release_year, film.runtime_minutes) == ("March of the Penguins", 2005, 80)
    assert (film.countries, film.languages) == (["France"], ["French", "English"])
    assert _noted(film, "writer") == [
        ("Luc Jacquet", None),
        ("Michel Fessler", None),
        ("Jordan Roberts", "English adaptation"),
    ]
    # "[[Romane Bohringer]], [[Charles Berling]], [[Jules Sitruk]] (French)": three narrators,
    # the version note on each.
    assert _noted(film, "narrator") == [
        ("Morgan Freeman", "English"),
        ("Romane Bohringer", "French"),
        ("Charles Berling", "French"),
        ("Jules Sitruk", "French"),
    ]
    assert _credits(film, "narrator")[2] == ("Charles Berling", "Charles Berling")
    assert _noted(film, "music") == [("Émilie Simon", "French"), ("Alex Wurman", "English")]
    assert _credits(film, "cinematography") == [("Laurent Chalet", None), ("Jérôme Maison", None)]
    assert _companies(film, "studio") == [
        ("Bonne Pioche", "Bonne Pioche"),
        ("Wild Bunch", "Wild Bunch (company)"),
        ("APC", "Alliance de Production Cinématographique"),
    ]
    assert _territories(film, "distributor") == [
        ("Buena Vista International", "Buena Vista International", "France"),
        ("Warner Independent Pictures", "Warner Independent Pictures", "United States"),
    ]
    assert _releases(film) == [
        (dt.date(2005, 1, 21), DAY, "festival", None),
        (dt.date(2005, 1, 26), DAY, "theatrical", "France"),
        (dt.date(2005, 6, 24), DAY, "theatrical", "United States"),
    ]
    # "{{Plainlist|* $77.4 million (domestic) * $127.4 million (worldwide)}}"
    assert _money(film) == [
        ("budget", 2.8e6, 2.8e6, "EUR", None),
        ("gross", 77.4e6, 77.4e6, "USD", "North America"),
        ("gross", 127.4e6, 127.4e6, "USD", "worldwide"),
    ]


def test_unseen_march_of_the_penguins_dash_cast():
    assert _cast_rows(unseen("march_of_the_penguins")) == [
        ("Morgan Freeman", "Morgan Freeman", "Narrator", "English version", 1),
        ("Romane Bohringer", "Romane Bohringer", "the female penguin", "French version", 2),
        ("Charles Berling", "Charles Berling", "the male penguin", "French version", 3),
        ("Jules Sitruk", "Jules Sitruk", "the penguin chick", "French version", 4),
    ]


def test_unseen_the_intouchables_french_euros():
    film = unseen("the_intouchables")
    assert (film.title, film.release_year, film.runtime_minutes) == ("The Intouchables", 2011, 112)
    assert (film.countries, film.languages) == (["France"], ["French"])
    assert _credits(film, "director") == [
        ("Olivier Nakache", "Olivier Nakache & Éric Toledano"),
        ("Éric Toledano", "Olivier Nakache & Éric Toledano"),
    ]
    # production_companies (underscore) is the studio list.
    assert _companies(film, "studio") == [
        ("Quad Films", "Quad Productions"),
        ("Gaumont", "Gaumont Film Company"),
        ("TF1 Films Production", "TF1 Films Production"),
        ("Ten Films", None),
        ("Chaocorp", None),
    ]
    assert _releases(film) == [
        (dt.date(2011, 10, 23), DAY, "festival", None),
        (dt.date(2011, 11, 2), DAY, "theatrical", "France"),
    ]
    assert _money(film) == [
        ("budget", 9.5e6, 9.5e6, "EUR", None),
        ("gross", 426.6e6, 426.6e6, "USD", "worldwide"),
    ]
    rows = _cast_rows(film)
    assert len(rows) == 11
    assert rows[1] == ("Omar Sy", "Omar Sy", 'Bakary "Driss" Bassari', None, 2)
    assert rows[9] == ("Joséphine de Meaux", None, "Nathalie Lecomte", None, 10)


def test_unseen_whiplash_festival_premiere_plain_dates():
    film = unseen("whiplash")
    assert (film.title, film.wiki_title, film.release_year, film.runtime_minutes) == (
        "Whiplash",
        "Whiplash (2014 film)",
        2014,
        106,
    )
    assert _companies(film, "studio") == [
        ("Bold Films", "Bold Films"),
        ("Blumhouse Productions", "Blumhouse Productions"),
        ("Right of Way Films", None),
    ]
    assert _credits(film, "editing") == [("Tom Cross", "Tom Cross (film editor)")]
    assert _releases(film) == [
        (dt.date(2014, 1, 16), DAY, "festival", None),
        (dt.date(2014, 10, 10), DAY, "theatrical", "United States"),
    ]
    assert _money(film) == [("budget", 3.3e6, 3.3e6, "USD", None), ("gross", 49e6, 49e6, "USD", "worldwide")]
    rows = _cast_rows(film)  # inside {{div col}} ... {{div col end}}
    assert len(rows) == 10
    assert rows[0] == ("Miles Teller", "Miles Teller", "Andrew Neiman", None, 1)
    assert rows[7] == ("Damon Gupton", None, "Mr. Kramer", None, 8)
    assert rows[-1] == ("C. J. Vana", "C. J. Vana", "Metz", None, 10)


def test_unseen_oppenheimer_two_territories_in_one_film_date_label():
    film = unseen("oppenheimer")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Oppenheimer", 2023, 180)
    # {{Based on|''[[American Prometheus]]''|[[Kai Bird]]<br />[[Martin J. Sherwin]]}}
    assert _credits(film, "based_on") == [
        ("Kai Bird", "Kai Bird"),
        ("Martin J. Sherwin", "Martin J. Sherwin"),
    ]
    assert _companies(film, "studio") == [
        ("Syncopy", "Syncopy Inc."),
        ("Atlas Entertainment", "Atlas Entertainment"),
    ]
    # "|2023|07|21|United States and United Kingdom|": one release in each country.
    assert _releases(film) == [
        (dt.date(2023, 7, 11), DAY, "theatrical", "Le Grand Rex"),
        (dt.date(2023, 7, 21), DAY, "theatrical", "United States"),
        (dt.date(2023, 7, 21), DAY, "theatrical", "United Kingdom"),
    ]
    assert _money(film) == [
        ("budget", 100e6, 100e6, "USD", None),
        ("gross", 975.8e6, 975.8e6, "USD", "worldwide"),
    ]


def test_unseen_oppenheimer_grouped_cast_with_nested_bullets():
    rows = _cast_rows(unseen("oppenheimer"))
    # "* Manhattan Project:" and "* Other scientists:" label the "**" lines under them; they
    # are no actors, and the nested actors are cast like the others.
    assert [(name, character) for name, _, character, _, _ in rows] == [
        ("Cillian Murphy", "J. Robert Oppenheimer"),
        ("Emily Blunt", "Kitty Oppenheimer"),
        ("Matt Damon", "Leslie Groves"),
        ("Robert Downey Jr.", "Lewis Strauss"),
        ("Florence Pugh", "Jean Tatlock"),
        ("Benny Safdie", "Edward Teller"),
        ("Josh Hartnett", "Ernest Lawrence"),
        ("Dylan Arnold", "Frank Oppenheimer"),
        ("Kenneth Branagh", "Niels Bohr"),
        ("Tom Conti", "Albert Einstein"),
        ("Gary Oldman", "Harry S. Truman"),
        ("Rami Malek", "David L. Hill"),
        ("Casey Affleck", "Boris Pash"),
    ]
    assert [r[4] for r in rows] == list(range(1, 14))
    assert rows[10][3] == "cameo"


def test_corpus_nested_cast_lines():
    """Nested lines of corpus casts, read from their markup: young versions under the actor
    (``** [[Jessica Keenan Wynn]] as Young Tanya.``, X-Men's ``:*[[Laurence Belcher]] as young
    Charles Xavier``), an actor over character lines (``* [[Jason Isaacs]] as:``), another role
    of the same actor (``** Skarsgard also plays Kurt Anderson, ...``) and two actors for two
    characters (``* [[Joe Mantegna]] and [[Peter Jacobson]] as [[Grem]] and [[Acer]]: ...``)."""
    mamma = _cast_rows(
        infobox.parse_article("Mamma Mia! Here We Go Again", corpus_wikitext("Mamma Mia! Here We Go Again"))
    )
    assert len(mamma) == 22
    assert mamma[1] == ("Jessica Keenan Wynn", "Jessica Keenan Wynn", "Young Tanya", None, 2)
    assert [(r[0], r[2]) for r in mamma[11:14]] == [
        ("Stellan Skarsgård", "Bill Anderson"),
        ("Stellan Skarsgård", "Kurt Anderson"),
        ("Josh Dylan", "Young Bill"),
    ]
    cars = _cast_rows(infobox.parse_article("Cars 2", corpus_wikitext("Cars 2")))
    assert len(cars) == 49
    assert [(r[0], r[2]) for r in cars[7:9]] == [("Joe Mantegna", "Grem"), ("Peter Jacobson", "Acer")]
    assert [(r[0], r[2], r[4]) for r in cars[14:17]] == [
        ("Jason Isaacs", "Siddeley", 15),
        ("Jason Isaacs", "Leland Turbo", 16),
        ("David Hobbs", "David Hobbscap", 17),
    ]
    assert [(r[0], r[2]) for r in cars[18:20]] == [
        ("Lloyd Sherr", "Fillmore"),
        ("Lloyd Sherr", "Tony Trihull"),
    ]
    assert cars[23][2] == "Uncle Topolino"  # "... as [[Uncle Topolino]]. Nero reprised the role ..."
    assert cars[47] == ("Memo Rojas", "Memo Rojas", None, "Latin American release", 48)
    xmen = _cast_rows(infobox.parse_article("X-Men: First Class", corpus_wikitext("X-Men: First Class")))
    assert len(xmen) == 21
    assert xmen[1] == ("Laurence Belcher", "Laurence Belcher", "young Charles Xavier", None, 2)
    assert (xmen[7][0], xmen[7][2]) == ("Rebecca Romijn", "older Raven Darkhölme")


@pytest.mark.parametrize(
    ("value", "expected", "problems"),
    [
        # A Film date written over several lines.
        (
            "{{Film date|df=y\n|2019|05|21|[[Cannes Film Festival|Cannes]]\n|2019|05|30|South Korea}}",
            [
                (dt.date(2019, 5, 21), DAY, "festival", None),
                (dt.date(2019, 5, 30), DAY, "theatrical", "South Korea"),
            ],
            {},
        ),
        (
            "{{Film date|2019|5|30}} ([[South Korea]])<ref>x</ref>",
            [(dt.date(2019, 5, 30), DAY, "theatrical", "South Korea")],
            {},
        ),
        (
            "{{Start date|2010|7|16}} (limited), October 2010 (wide)",
            [(dt.date(2010, 7, 16), DAY, "limited", None), (dt.date(2010, 10, 1), "month", "wide", None)],
            {},
        ),
        (
            "{{Film date|2004|3|5|UK, Ireland}}",
            [
                (dt.date(2004, 3, 5), DAY, "theatrical", "UK"),
                (dt.date(2004, 3, 5), DAY, "theatrical", "Ireland"),
            ],
            {},
        ),
        # What cannot be read is counted.
        (
            "{{Film date|TBA}}<br>October 27, 1995 (Canada)",
            [(dt.date(1995, 10, 27), DAY, "theatrical", "Canada")],
            {"unreadable release date": 1},
        ),
        (
            "(United States)<br>October 27, 1995",
            [(dt.date(1995, 10, 27), DAY, "theatrical", None)],
            {"release place without a date": 1},
        ),
        ("TBA", [], {"unreadable release date": 1}),
    ],
)
def test_unseen_release_value_shapes(value, expected, problems):
    from etl.lib.model import FilmFacts
    from etl.lib.wiki import wikitext as wt

    film = FilmFacts("x")
    rows = infobox.infobox_releases(wt.parse(value), wt.Context(), film)
    assert [(r.date.date, r.date.precision, r.release_type, r.territory) for r in rows] == expected
    assert film.problems == problems


def test_unseen_unreadable_runtime_is_counted():
    text = "{{Infobox film\n| name = X\n| runtime = Unknown\n| released = 1995\n}}\n'''X''' is a film."
    film = infobox.parse_article("X", text)
    assert film.runtime_minutes is None and film.problems == {"unreadable runtime": 1}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Laurent Chalet, Jérôme Maison", [("Laurent Chalet", None), ("Jérôme Maison", None)]),
        ("[[Robert Downey Jr.|Robert Downey, Jr.]]", [("Robert Downey, Jr.", None)]),
        ("John Smith, Jr.", [("John Smith, Jr.", None)]),
        ("[[A Films]], Inc. (US)", [("A Films, Inc.", "US")]),
        (
            "[[Julius and Philip Epstein|Julius J. Epstein]] and [[Julius and Philip Epstein|Philip G. Epstein]]",
            [("Julius J. Epstein", None), ("Philip G. Epstein", None)],
        ),
        ("[[A. R. Rahman]] (songs, score)", [("A. R. Rahman", "songs, score")]),
        (
            "Songs: [[Pritam]]<br>Score: [[John Stewart Eduri]]",
            [("Pritam", "Songs"), ("John Stewart Eduri", "Score")],
        ),
        (
            "{{ubl|'''Songs:'''|[[Vishal–Shekhar]]|'''Score:'''|[[Sanchit Balhara]] (as Sanchit)}}",
            [("Vishal–Shekhar", "Songs"), ("Sanchit Balhara", "as Sanchit")],
        ),
    ],
)
def test_unseen_names_in_one_item_and_labels(value, expected):
    from etl.lib.wiki import wikitext as wt

    assert [(n.name, note) for n, note in infobox._people(wt.parse(value), wt.Context())] == expected


def test_unseen_om_shanti_om_writer_labels_dual_roles_and_a_duration():
    film = unseen("om_shanti_om")
    # runtime = {{Duration|h=2|m=49}}
    assert (film.title, film.release_year, film.runtime_minutes) == ("Om Shanti Om", 2007, 169)
    # writer = "* '''Screenplay:''' Farah Khan, [[Mushtaq Sheikh]] * '''Story:''' Farah Khan
    # * '''Dialogues:''' [[Mayur Puri]]": the labels that name a credit are that credit.
    assert _credits(film, "screenplay") == [("Farah Khan", None), ("Mushtaq Sheikh", "Mushtaq Sheikh")]
    assert _credits(film, "story") == [("Farah Khan", None)]
    assert _noted(film, "writer") == [("Mayur Puri", "Dialogues")]
    assert _noted(film, "music") == [("Vishal–Shekhar", "Songs"), ("Sandeep Chowta", "Score")]
    assert _releases(film) == [(dt.date(2007, 11, 9), DAY, "theatrical", "India")]
    # "₹35–40{{nbsp}}crore" and "{{est.}} ₹149{{nbsp}}crore"
    assert _money(film) == [
        ("budget", 350e6, 400e6, "INR", None),
        ("gross", 1.49e9, 1.49e9, "INR", "worldwide"),
    ]
    assert film.box_office[1].amount.is_estimate
    rows = _cast_rows(film)
    assert rows[:2] == [
        ("Shah Rukh Khan", "Shah Rukh Khan", 'Om Prakash Makhija / Om Kapoor "OK"', "dual role", 1),
        ("Deepika Padukone", "Deepika Padukone", 'Shantipriya / Sandhya "Sandy" Bansal', "dual role", 2),
    ]
    assert rows[6] == ("Bindu", "Bindu (actress)", "Kamini Kapoor", None, 7)
    # "; Special appearances in the song ..." heads four actors without characters.
    assert rows[8:] == [
        ("Salman Khan", "Salman Khan", None, None, 9),
        ("Rani Mukerji", "Rani Mukerji", None, None, 10),
        ("Kajol", "Kajol", None, None, 11),
        ("Dharmendra", "Dharmendra", None, None, 12),
    ]


def test_unseen_coco_animated_festival_world_premiere():
    film = unseen("coco")
    assert (film.title, film.release_year, film.runtime_minutes) == ("Coco", 2017, 105)
    assert _credits(film, "screenplay") == [
        ("Adrian Molina", "Adrian Molina"),
        ("Matthew Aldrich", "Matthew Aldrich"),
    ]
    assert _credits(film, "story") == [
        ("Lee Unkrich", None),
        ("Jason Katz", None),
        ("Matthew Aldrich", None),
        ("Adrian Molina", None),
    ]
    assert _credits(film, "cinematography") == [("Matt Aspbury", None), ("Danielle Feinberg", None)]
    assert [(r.date.date, r.release_type, r.territory, r.note) for r in film.releases] == [
        (dt.date(2017, 10, 20), "festival", None, "Morelia International Film Festival"),
        (dt.date(2017, 11, 22), "theatrical", "United States", None),
    ]
    assert _money(film) == [
        ("budget", 175e6, 225e6, "USD", None),
        ("gross", 814.6e6, 814.6e6, "USD", "worldwide"),
    ]
    rows = _cast_rows(film)
    assert len(rows) == 12
    assert rows[0] == ("Anthony Gonzalez", "Anthony Gonzalez (actor)", "Miguel Rivera", None, 1)
    assert rows[4] == ("Renée Victor", "Renée Victor", "Abuelita", "Elena", 5)
    assert rows[10] == ("Natalia Cordova-Buckley", "Natalia Cordova-Buckley", "Frida Kahlo", None, 11)
    assert rows[11] == ("John Ratzenberger", "John Ratzenberger", "Juan Ortodoncia", "uncredited", 12)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # A definition term that is a cast line, its description below it.
        (
            "==Cast==\n; [[Ann Lee]] as Alice\n: A student.\n; Others\n* Bo Chan as Bob\n",
            [("Ann Lee", "Ann Lee", "Alice", None, 1), ("Bo Chan", None, "Bob", None, 2)],
        ),
        # Two voices for one character on one line, each with its language.
        (
            "==Voice cast==\n* [[Ann Lee]] (Japanese) and [[Bo Chan]] (English) as Taki\n",
            [("Ann Lee", "Ann Lee", "Taki", "Japanese", 1), ("Bo Chan", "Bo Chan", "Taki", "English", 2)],
        ),
        # A character line with the actor below it.
        (
            "==Cast==\n* '''Nezha''', a boy born from the Demon Orb\n** Voiced by: [[Lü Yanting]]\n",
            [("Lü Yanting", "Lü Yanting", "Nezha", None, 1)],
        ),
        (
            "==Cast==\n* [[Salman Khan]] in a special appearance as himself\n",
            [("Salman Khan", "Salman Khan", "himself", "special appearance", 1)],
        ),
    ],
)
def test_unseen_cast_line_shapes(code, expected):
    assert _cast_of(code) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "{{Start date|1942|11|26}}, [[New York City]]",
            [(dt.date(1942, 11, 26), DAY, "theatrical", "New York City")],
        ),
        (
            "{{Film date|2017|07|27|China|2017|08|18|United States and Canada}}",
            [
                (dt.date(2017, 7, 27), DAY, "theatrical", "China"),
                (dt.date(2017, 8, 18), DAY, "theatrical", "United States"),
                (dt.date(2017, 8, 18), DAY, "theatrical", "Canada"),
            ],
        ),
    ],
)
def test_unseen_place_after_a_date_template(value, expected):
    from etl.lib.wiki import wikitext as wt

    rows = infobox.infobox_releases(wt.parse(value), wt.Context())
    assert [(r.date.date, r.date.precision, r.release_type, r.territory) for r in rows] == expected


def test_unseen_credential_after_a_comma_is_a_note():
    from etl.lib.wiki import wikitext as wt

    people = infobox._people(wt.parse("[[Roger Deakins]], ASC<br />Jane Doe, BSC"), wt.Context())
    assert [(n.name, n.wiki_title, note) for n, note in people] == [
        ("Roger Deakins", "Roger Deakins", "ASC"),
        ("Jane Doe", None, "BSC"),
    ]
    assert _cast_of("==Cast==\n* [[Ann Lee]] in dual roles as Alice / Alma\n") == [
        ("Ann Lee", "Ann Lee", "Alice / Alma", "dual roles", 1)
    ]


def test_a_release_label_linked_to_a_festival_names_the_festival():
    from etl.lib.wiki import wikitext as wt

    value = "{{Film date|2019|5|21|[[2019 Cannes Film Festival|Cannes]]|2019|5|30|[[South Korea]]}}"
    rows = infobox.infobox_releases(wt.parse(value), wt.Context())
    assert [(r.release_type, r.territory, r.note) for r in rows] == [
        ("festival", None, "2019 Cannes Film Festival"),
        ("theatrical", "South Korea", None),
    ]


# --- Currencies of an infobox: shared signs by the film's country; an amount without a
# currency is kept and counted as a problem (hand-written page). ------------------------------

_MONEY_PAGE = """{{Infobox film
| name = Test
| country = Pakistan
| budget = Rs. 3 crore
| gross = 4.5 million<ref>x</ref>
}}
'''Test''' is a 2015 film."""


def test_infobox_currency_follows_country_and_counts_unnamed_currency():
    film = infobox.parse_article("Test", _MONEY_PAGE)
    amounts = {b.measure: (b.amount.low, b.amount.currency) for b in film.box_office}
    assert amounts == {"budget": (30_000_000, "PKR"), "gross": (4_500_000, None)}
    assert film.problems["gross without a currency"] == 1


# --- Several people in one link or one value (hand-written page) -------------------------------

_JOINED_PAGE = """{{Infobox film
| name = Foo
| director = [[Coen brothers|Joel Coen<br />Ethan Coen]]
| producer = [[David Wilson (producer)|David Wilson]] / [[National Film Board of Canada]]
| writer = Anna Lee / Bob Ray
| music = [[Vishal–Shekhar|Vishal & Shekhar]]
| editing = Tom & Jerry Smith
| cinematography = Sam Jones and Ann Lee (second unit)
| starring = [[Simon & Garfunkel]], [[Ann Lee]] and Bob Ray
| studio = [[Walt Disney Pictures]] / [[Pixar]]
}}"""


def test_several_people_in_one_link_or_value():
    film = infobox.parse_article("Foo", _JOINED_PAGE)
    got = [(c.role, c.person.name, c.person.wiki_title) for c in film.credits]
    assert got == [
        ("director", "Joel Coen", None),
        ("director", "Ethan Coen", None),  # the link names the pair
        ("producer", "David Wilson", "David Wilson (producer)"),
        ("writer", "Anna Lee", None),
        ("writer", "Bob Ray", None),
        ("music", "Vishal & Shekhar", "Vishal–Shekhar"),  # one link: one name, target as written
        ("editing", "Tom & Jerry Smith", None),  # "Tom" is no full name: the value is one name
        ("cinematography", "Sam Jones", None),
        ("cinematography", "Ann Lee", None),
        ("starring", "Simon & Garfunkel", "Simon & Garfunkel"),
        ("starring", "Ann Lee", "Ann Lee"),
        ("starring", "Bob Ray", None),
    ]
    assert [c.note for c in film.credits if c.role == "cinematography"] == ["second unit"] * 2
    assert [(c.role, c.company.name, c.company.wiki_title) for c in film.companies] == [
        ("studio", "Walt Disney Pictures", "Walt Disney Pictures"),
        ("studio", "Pixar", "Pixar"),
        ("studio", "National Film Board of Canada", "National Film Board of Canada"),
    ]


# --- Cast sections in every shape (hand-written shapes no corpus page has) --------------------

_CAST_SHAPES = {
    "list after paragraphs of prose": (
        "==Cast==\nThe film has a large ensemble.\n\nCasting began in 2001, and the principal cast was:\n"
        "* [[Ann Lee]] as Mary\n* Bob Ray as John\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John")],
    ),
    "headerless table, two actors per row": (
        "==Cast==\n{| class=wikitable\n| [[File:a.jpg|50px|Ann]] || [[Ann Lee]] as Mary || "
        "[[File:b.jpg|50px]] || [[Bob Ray]] as John\n|-\n| [[File:c.jpg|50px]] || Carl Doe as Tim || ||\n|}\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John"), ("Carl Doe", "Tim")],
    ),
    "Cast and crew": ("==Cast and crew==\n* [[Ann Lee]] as Mary\n", [("Ann Lee", "Mary")]),
    "Voice cast, level 3": (
        "==Production==\n===Voice cast===\n* [[Ann Lee]] as Mary\n",
        [("Ann Lee", "Mary")],
    ),
    "Casting subsection only": (
        "==Production==\n===Casting===\nAuditions were held in May.\n* [[Ann Lee]] as Mary\n* Bob Ray as John\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John")],
    ),
    "only inside a Production subsection, crew lines ignored": (
        "==Production==\n===Crew===\n* Director: [[Q Zed]]\n===Filming===\nThe cast included:\n"
        "* [[Ann Lee]] as Mary\n* Bob Ray plays John\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John")],
    ),
    "group headings with and without a colon": (
        "==Cast==\n* Family:\n** [[Ann Lee]] as Mary\n** Bob Ray as John\n* Villains\n** Carl Doe as Tim\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John"), ("Carl Doe", "Tim")],
    ),
    "Cast listing wrapper": (
        "==Cast==\n{{Cast listing|\n* [[Ann Lee]] as Mary\n* Bob Ray as John\n}}\n",
        [("Ann Lee", "Mary"), ("Bob Ray", "John")],
    ),
    "div col wrapper under Appearances": (
        "==Appearances==\n{{div col|colwidth=20em}}\n* [[Ann Lee]]\n* Bob Ray (uncredited)\n{{div col end}}\n",
        [("Ann Lee", None), ("Bob Ray", None)],
    ),
}


@pytest.mark.parametrize("shape", sorted(_CAST_SHAPES))
def test_cast_shapes(shape):
    body, expected = _CAST_SHAPES[shape]
    page = "{{Infobox film|name=Foo|starring=[[Zed Zee]]}}\n'''Foo''' is a film.\n" + body
    film = infobox.parse_article("Foo", page)
    assert [(c.person.name, c.character) for c in film.credits if c.role == "cast"] == expected


def test_starring_is_the_fallback_without_a_cast_section():
    film = infobox.parse_article(
        "Foo", "{{Infobox film|name=Foo|starring=[[Zed Zee]]<br>Amy Wu}}\n==Plot==\nText."
    )
    assert [c for c in film.credits if c.role == "cast"] == []
    assert [c.person.name for c in film.credits if c.role == "starring"] == ["Zed Zee", "Amy Wu"]


def test_a_sentence_in_a_cast_list_is_no_credit():
    page = (
        "{{Infobox film|name=Foo}}\n==Cast==\n* [[Ann Lee]] as Mary\n"
        "* Clips of Bob Ray (as John) are taken from the 1950 film ''Bar''\n"
    )
    film = infobox.parse_article("Foo", page)
    assert [(c.person.name, c.character) for c in film.credits if c.role == "cast"] == [("Ann Lee", "Mary")]


def test_link_targets_are_kept_as_written_and_merged_in_the_key():
    from etl.lib.text.keys import entity_key

    page = (
        "{{Infobox film|name=Foo|music=[[Vishal–Shekhar]]|producer=[[Vishal-Shekhar|Vishal and Shekhar]]"
        "|studio=[[Smith & Jones Films]]|distributor=[[Smith and Jones Films]]}}"
    )
    film = infobox.parse_article("Foo", page)
    music, producer = [c.person for c in film.credits]
    assert (music.wiki_title, producer.wiki_title) == ("Vishal–Shekhar", "Vishal-Shekhar")
    assert entity_key(music.name, music.wiki_title) == entity_key(producer.name, producer.wiki_title)
    studio, distributor = [c.company for c in film.companies]
    assert (studio.wiki_title, distributor.wiki_title) == ("Smith & Jones Films", "Smith and Jones Films")
    assert entity_key(studio.name, studio.wiki_title) == entity_key(distributor.name, distributor.wiki_title)


def test_a_link_wrapped_over_two_lines_is_one_name():
    page = "{{Infobox film|name=Foo|distributor=[[Walt Disney Studios Motion Pictures|Walt Disney Studios<br />Motion Pictures]]}}"
    film = infobox.parse_article("Foo", page)
    assert [(c.company.name, c.company.wiki_title) for c in film.companies] == [
        ("Walt Disney Studios Motion Pictures", "Walt Disney Studios Motion Pictures")
    ]


def test_a_release_value_that_is_one_date_template_is_read_without_the_parser(monkeypatch):
    from etl.lib.wiki import wikitext as wt
    from tests.parses import record_parses

    calls = record_parses(monkeypatch)
    rows = infobox.infobox_releases(" {{Film date|1995|10|27|Limited|1996|2|9|Wide}}\n", wt.Context())
    assert [(r.date.date, r.release_type, r.territory) for r in rows if r.date] == [
        (dt.date(1995, 10, 27), "limited", None),
        (dt.date(1996, 2, 9), "wide", None),
    ]
    assert calls == []
