"""Soundtrack album release date and tracks (etl.lib.extract.soundtrack).

Expected values were established by reading the wikitext ({{Track listing}} parameters,
{{Infobox album}} fields, the Soundtrack / Music sections' prose), not by running the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract.soundtrack import parse_soundtrack
from etl.lib.model import DAY, YEAR, PartialDate, Track
from etl.lib.wiki.article import Article
from tests.conftest import FIXTURES as FIXTURE_ROOT
from tests.conftest import corpus_wikitext, seed_wikitext
from tests.parses import record_parses

FIXTURES = FIXTURE_ROOT / "releases"


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), DAY)


# --------------------------------------------------------------------------------------------
# The seed
# --------------------------------------------------------------------------------------------

FIGGIS = ["Mike Figgis"]
BEN_SERA = ["Nicolas Cage", "Elisabeth Shue"]
# (number, title, writers, performers, "m:ss", dialogue), read from the seed's {{Track listing}}
# (all_writing = "Mike Figgis except as noted"; extra_column = Performer).
SEED_TRACKS = [
    (1, "Intro Dialogue", FIGGIS, BEN_SERA, "0:32", True),
    (2, "Angel Eyes", ["Matt Dennis", "Earl Brent"], ["Sting"], "4:02", False),
    (3, "Are You Desirable?", FIGGIS, FIGGIS, "2:43", False),
    (4, "Ben & Bill", FIGGIS, ["Nicolas Cage"], "0:30", True),
    (5, "Leaving Las Vegas", FIGGIS, FIGGIS, "3:12", False),
    (6, "Sera's Dark Side", FIGGIS, FIGGIS, "1:26", False),
    (7, "Mara", FIGGIS, FIGGIS, "4:28", False),
    (8, "Burlesque", FIGGIS, FIGGIS, "2:40", False),
    (9, "On The Street", FIGGIS, BEN_SERA, "0:28", True),
    (10, "Bossa Vega", FIGGIS, FIGGIS, "3:14", False),
    (11, "Ben Pawns His Rolex/Sera Talks to Her Shrink", FIGGIS, BEN_SERA, "0:37", True),
    (12, "My One and Only Love", ["Robert Mellin", "Guy Wood"], ["Sting"], "3:36", False),
    (13, "Sera Invites Ben to Stay", FIGGIS, BEN_SERA, "0:31", True),
    (14, "Come Rain or Come Shine", ["Harold Arlen", "Johnny Mercer"], ["Don Henley"], "3:41", False),
    (15, "Ben and Sera – Theme", FIGGIS, BEN_SERA, "2:18", True),
    (16, "Ridiculous", ["Phil Roy", "Nicolas Cage"], ["Nicolas Cage"], "1:03", False),
    (17, "Biker Bar", FIGGIS, FIGGIS, "3:44", False),
    (18, "Ben's Hell", FIGGIS, FIGGIS, "1:37", False),
    (19, "It's a Lonesome Old Town", ["Harry Tobias", "Charles Kisco"], ["Sting"], "2:37", False),
    (20, "Blues For Ben", FIGGIS, FIGGIS, "1:56", False),
    (21, "Get Out", FIGGIS, FIGGIS, "1:49", False),
    (22, "Reunited", FIGGIS, FIGGIS, "3:28", False),
    (23, "Sera Talks to the Cab Driver", FIGGIS, ["Elisabeth Shue", "Lou Rawls"], "0:23", True),
    (24, "She Really Loved Him", FIGGIS, FIGGIS, "1:17", False),
    (25, "I Won't Be Going South For a While", ["Angelo Palladino"], ["The Palladinos"], "4:27", False),
]


def seconds(length: str) -> int:
    m, s = length.split(":")
    return int(m) * 60 + int(s)


def test_seed_release_date():
    # "A soundtrack album ... was released November 7, 1995." (the cited page's access-date,
    # December 9, 2006, is not it)
    when, _ = parse_soundtrack(seed_wikitext())
    assert when == day(1995, 11, 7)


def test_seed_track_two_from_the_issue():
    _, tracks = parse_soundtrack(seed_wikitext())
    assert len(tracks) == 25
    assert tracks[1] == Track(2, "Angel Eyes", ["Matt Dennis", "Earl Brent"], ["Sting"], 242, False)


@pytest.mark.parametrize("number, title, writers, performers, length, dialogue", SEED_TRACKS)
def test_seed_tracks(number, title, writers, performers, length, dialogue):
    _, tracks = parse_soundtrack(seed_wikitext())
    assert tracks[number - 1] == Track(number, title, writers, performers, seconds(length), dialogue)


# --------------------------------------------------------------------------------------------
# Corpus films: release dates
# --------------------------------------------------------------------------------------------

CORPUS_DATES = {
    # {{Infobox album}} | released = June 14, 2011 (and the prose says the same)
    "Cars 2": day(2011, 6, 14),
    # {{Infobox album}} | released = May 19, 1998 (its "recorded" field carries a citation)
    "Taxi Driver": day(1998, 5, 19),
    # {{Infobox album}} | released = July 12, 2011
    "X-Men: First Class": day(2011, 7, 12),
    # ===Music===: "A soundtrack album was released on November 12, 1976 by United Artists
    # Records." (then "re-released in 1988")
    "Rocky": day(1976, 11, 12),
    # ==Soundtrack==: "The soundtrack album was released by United Artists Records in 1969."
    "Midnight Cowboy": PartialDate(dt.date(1969, 1, 1), YEAR),
    # ==Musical numbers==: "A soundtrack album was released on July 13, 2018 by Capitol ..."
    "Mamma Mia! Here We Go Again": day(2018, 7, 13),
    # The {{Infobox album}} (Released = 1999) is inside an HTML comment: not on the page.
    "Hum Saath-Saath Hain": None,
    # The score album's date is only in a citation.
    "Spirited Away": None,
    # "one of the first films to spawn two soundtracks": no date given.
    "Batman (1989 film)": None,
    "Monty Python and the Holy Grail": None,
}


@pytest.mark.parametrize("title", sorted(CORPUS_DATES))
def test_corpus_release_dates(title):
    when, _ = parse_soundtrack(corpus_wikitext(title))
    assert when == CORPUS_DATES[title]


# --------------------------------------------------------------------------------------------
# Corpus films: tracks
# --------------------------------------------------------------------------------------------

GIACCHINO = ["Michael Giacchino"]
CARS2_SCORE = [  # tracks 6-26: no writer, no artist; all_music = Michael Giacchino
    ("Turbo Transmission", "0:52"),
    ("It's Finn McMissile!", "5:54"),
    ("Mater the Waiter", "0:43"),
    ("Radiator Reunion", "1:40"),
    ("Cranking Up the Heat", "1:59"),
    ("Towkyo Takeout", "5:40"),
    ("Tarmac the Magnificent", "3:27"),
    ("Whose Engine Is This?", "1:22"),
    ("History's Biggest Loser Cars", "2:26"),
    ("Mater of Disguise", "0:48"),
    ("Porto Corsa", "2:55"),
    ("The Lemon Pledge", "2:13"),
    ("Mater's Getaway", "0:59"),
    ("Mater Warns McQueen", "1:31"),
    ("Going to the Backup Plan", "2:24"),
    ("Mater's the Bomb", "3:17"),
    ("Blunder and Lightning", "2:17"),
    ("The Other Shoot", "1:03"),
    ("Axlerod Exposed", "2:22"),
    ("The Radiator Springs Grand Prix", "1:30"),
    ("The Turbomater", "0:50"),
]
CARS2_TRACKS = [
    Track(1, "You Might Think", ["Ric Ocasek"], ["Weezer"], 187),
    Track(2, "Collision of Worlds", ["Robbie Williams", "Brad Paisley"], ["Williams", "Paisley"], 216),
    Track(
        3,
        "Mon Cœur Fait Vroum (My Heart Goes Vroom)",
        ["Michael Giacchino", "Scott Langteau"],
        ["Bénabar"],
        169,
    ),
    Track(4, "Nobody's Fool", ["Paisley"], ["Paisley"], 257),
    Track(5, "Polyrhythm", ["Yasutaka Nakata"], ["Perfume"], 249),
] + [Track(n, t, GIACCHINO, [], seconds(length)) for n, (t, length) in enumerate(CARS2_SCORE, 6)]

XMEN_TITLES = [
    ("First Class", "3:20"),
    ("Pain and Anger", "2:58"),
    ("Would You Date Me?", "1:44"),
    ("Not That Sort of Bank", "3:27"),
    ("Frankenstein's Monster", "3:03"),
    ("What Am I Thinking", "2:10"),
    ("Cerebro", "2:23"),
    ("Mobilise for Russia", "1:18"),
    ("Rise Up to Rule", "5:56"),
    ("Cold War", "3:20"),
    ("X-Training", "4:27"),
    ("Rage and Serenity", "2:06"),
    ("To Beast or Not to Beast", "4:47"),
    ("True Colors", "1:51"),
    ("Let Battle Commence", "4:45"),
    ("Sub Lift", "2:19"),
    ("Coup d'état", "2:15"),
    ("Mutant and Proud", "3:28"),
    ("X-Men", "2:59"),
    ("Magneto", "1:53"),
]
# No extra_column: no performers; all_music = Henry Jackman.
XMEN_TRACKS = [
    Track(n, t, ["Henry Jackman"], [], seconds(length)) for n, (t, length) in enumerate(XMEN_TITLES, 1)
]

KK, KS, AY, HH, AP, UN = (
    "Kavita Krishnamurthy",
    "Kumar Sanu",
    "Alka Yagnik",
    "Hariharan",
    "Anuradha Paudwal",
    "Udit Narayan",
)
# extra_column = Singer(s); all_writing is blank; title8..title20 are empty slots.
HUM_TRACKS = [
    Track(1, "Hum Saath Saath Hain", [], [KK, KS, AY, HH, AP, UN], seconds("3:57")),
    Track(
        2,
        "Yeh To Sach Hai Ki Bhagwan Hai",
        [],
        [HH, "Pratima Rao", "Ghanshyam Vaswani", "Santosh Tiwari", "Ravinder Rawal"],
        seconds("6:33"),
    ),
    Track(3, "Chhote Chhote Bhaiyon Ke", [], [KK, UN, KS], seconds("4:15")),
    Track(
        4, "Sunoji Dulhan", [], [KK, UN, "Sonu Nigam", "Roop Kumar Rathod", "Pratima Rao"], seconds("12:11")
    ),
    Track(5, "A B C D", [], [UN, HH, "Hema Sardesai", "Shankar Mahadevan"], seconds("4:32")),
    Track(6, "Mhare Hiwda", [], [KK, HH, KS, AY, UN, AP], seconds("6:22")),
    Track(7, "Maiyya Yashoda", [], [KK, AY, AP], seconds("6:19")),
]

CORPUS_TRACKS = {
    "Cars 2": CARS2_TRACKS,
    "X-Men: First Class": XMEN_TRACKS,
    "Hum Saath-Saath Hain": HUM_TRACKS,
    # A numbered list, not a {{Track listing}}: no tracks read.
    "Mamma Mia! Here We Go Again": [],
    "Rocky": [],
    "Taxi Driver": [],
}


@pytest.mark.parametrize("title", sorted(CORPUS_TRACKS))
def test_corpus_tracks(title):
    _, tracks = parse_soundtrack(corpus_wikitext(title))
    assert tracks == CORPUS_TRACKS[title]


# --------------------------------------------------------------------------------------------
# Rules, on a small fixture
# --------------------------------------------------------------------------------------------


def test_fixture_rules():
    text = (FIXTURES / "soundtrack_rules.wiki").read_text(encoding="utf-8")
    when, tracks = parse_soundtrack(text)
    # The commented-out infobox (1999) is ignored; the re-release (2008) is not the release.
    assert when == day(1998, 3, 3)
    assert tracks == [
        # all_lyrics and all_music fill the blank roles ("except where noted" dropped).
        Track(1, "Opening Theme", ["Ann Writer", "Ben Composer"], ["The Example Band", "Guest Singer"], 210),
        # Its own music2 replaces all_music; the lyrics are still all_lyrics'.
        Track(2, "Second Song", ["Ann Writer", "Carl Other"], ["Dana Voice", "Eli Voice"], 240),
        # note3 = Dialogue; "Actor One as Hero": the role is not part of the name.
        Track(3, "Night Talk", ["Ann Writer", "Ben Composer"], ["Actor One", "Actor Two"], 45, True),
        # title4 is blank: no track 4. A linked name with a comma and "&" stays whole.
        Track(5, "Long Suite", ["Earth, Wind & Fire"], ["Earth, Wind & Fire"], 3723),
        # The second {{Track listing}} numbers on after the first one's last track.
        Track(6, "Reprise", ["Fay Writer", "Gus Writer"], [], 130),
        Track(7, "Finale", ["Hal Writer"], [], 301),
    ]


def test_no_soundtrack():
    assert parse_soundtrack("==Plot==\nNothing about music.\n") == (None, [])


@pytest.mark.parametrize(
    "section, expected",
    [
        (
            "==Soundtrack==\nThe soundtrack album was released as a single-disc CD on May 1, 1999.\n",
            day(1999, 5, 1),
        ),
        # A single's date is not the album's.
        ("==Music==\nThe song was released as a single from the soundtrack album on May 1, 1999.\n", None),
        (
            "==Music==\nThe lead single from the album was released on 2 June 1990. The album was "
            "released on 1 July 1990.\n",
            day(1990, 7, 1),
        ),
        # The re-release is not the release; a bare year needs "in".
        ("==Soundtrack==\nThe album was re-released in 2004.\n", None),
        (
            "==Soundtrack==\nThe 1999 album was released by [[Example Records]] in 1998.\n",
            PartialDate(dt.date(1998, 1, 1), YEAR),
        ),
        # An infobox album of type soundtrack, wherever it is; {{Start date}} is read.
        (
            "==Legacy==\n{{Infobox album\n| name = X\n| type = soundtrack\n"
            "| released = {{Start date|2001|4|3}}\n}}\n",
            day(2001, 4, 3),
        ),
        # An infobox album that is neither a soundtrack nor in a music section: another album.
        ("==Legacy==\n{{Infobox album\n| name = Tribute\n| type = studio\n| released = 2010\n}}\n", None),
    ],
)
def test_release_date_rules(section, expected):
    when, _ = parse_soundtrack(section)
    assert when == expected


# --------------------------------------------------------------------------------------------
# Unseen articles (tests/fixtures/unseen/*.wiki), read by hand from each {{Track listing}}
# --------------------------------------------------------------------------------------------

UNSEEN = FIXTURE_ROOT / "unseen"


def _unseen(name: str):
    return parse_soundtrack((UNSEEN / f"{name}.wiki").read_text(encoding="utf-8"))


def _rows(tracks):
    return [(t.number, t.title, t.writers, t.performers, t.length_seconds, t.is_dialogue) for t in tracks]


def test_unseen_inception_score_album():
    when, tracks = _unseen("inception")
    assert when == day(2010, 7, 13)
    assert len(tracks) == 12
    assert _rows(tracks)[:2] == [
        (1, "Half Remembered Dream", ["Hans Zimmer"], [], 72, False),
        (2, "We Built Our Own World", ["Hans Zimmer"], [], 115, False),
    ]
    assert _rows(tracks)[5] == (6, "528491", ["Hans Zimmer"], [], 143, False)
    assert _rows(tracks)[-1] == (12, "Time", ["Hans Zimmer"], [], 275, False)


def test_unseen_three_idiots_music_and_lyrics_credits():
    when, tracks = _unseen("three_idiots")
    assert when == day(2009, 12, 1)  # "released = 1 December 2009"
    kirkire, moitra = "Swanand Kirkire", "Shantanu Moitra"
    assert _rows(tracks) == [
        (1, "Aal Izz Well", [kirkire, moitra], ["Sonu Nigam", "Shaan", kirkire], 275, False),
        (2, "Zoobi Doobi", [kirkire, moitra], ["Sonu Nigam", "Shreya Ghoshal"], 249, False),
        (3, "Behti Hawa Sa Tha Woh", [kirkire, moitra], ["Shaan", moitra], 303, False),
        (4, "Give Me Some Sunshine", [kirkire, moitra], ["Suraj Jagan", "Sharman Joshi"], 244, False),
        (5, "Jaane Nahin Denge Tujhe", [kirkire, moitra], ["Sonu Nigam"], 259, False),
    ]


def test_unseen_your_name_notes_are_not_dialogue():
    when, tracks = _unseen("your_name")
    assert when == day(2016, 8, 24)
    assert _rows(tracks) == [
        (1, "Yume Tōrō", ["Yojiro Noda"], ["Radwimps"], 131, False),
        (2, "Zenzenzense", ["Yojiro Noda"], ["Radwimps"], 286, False),
        (3, "Sparkle", ["Yojiro Noda"], ["Radwimps"], 534, False),
        (4, "Nandemonaiya", ["Yojiro Noda"], ["Radwimps"], 344, False),
    ]


def test_unseen_the_intouchables_prose_date_and_a_band_name_written_again_unlinked():
    when, tracks = _unseen("the_intouchables")
    assert when == day(2011, 10, 31)  # "The soundtrack album was released on 31 October 2011 by ..."
    ewf = "Earth, Wind & Fire"
    assert _rows(tracks) == [
        (1, "Fly", ["Ludovico Einaudi"], ["Ludovico Einaudi"], 200, False),
        (2, "September", ["Maurice White", "Al McKay", "Allee Willis"], [ewf], 215, False),
        # extra3 = "Earth, Wind & Fire" without the link: still one band.
        (3, "Boogie Wonderland", ["Jon Lind", "Allee Willis"], [ewf], 288, False),
        (4, "Una Mattina", ["Ludovico Einaudi"], ["Ludovico Einaudi"], 397, False),
    ]


def test_unseen_whiplash_writer_credits():
    when, tracks = _unseen("whiplash")
    assert when == day(2014, 10, 7)
    assert _rows(tracks) == [
        (1, "Snare Liftoff", ["Justin Hurwitz"], ["Justin Hurwitz"], 9, False),
        (2, "Whiplash", ["Hank Levy"], ["Tim Simonec"], 163, False),
        (3, "Caravan", ["Juan Tizol", "Duke Ellington", "Irving Mills"], ["Tim Simonec"], 232, False),
        (4, "Good Deeds", ["Justin Hurwitz"], ["Justin Hurwitz"], 119, False),
    ]


def test_unseen_oppenheimer_plain_release_date_in_the_album_infobox():
    when, tracks = _unseen("oppenheimer")
    assert when == day(2023, 7, 21)
    assert [(t.number, t.title, t.writers, t.length_seconds) for t in tracks] == [
        (1, "Fission", ["Ludwig Göransson"], 234),
        (2, "Can You Hear the Music", ["Ludwig Göransson"], 111),
        (3, "Gravity Swallows Light", ["Ludwig Göransson"], 168),
        (4, "Destroyer of Worlds", ["Ludwig Göransson"], 187),
    ]


@pytest.mark.parametrize("name", ["casablanca", "wolf_warrior_2", "suzume", "march_of_the_penguins"])
def test_unseen_articles_without_a_soundtrack(name):
    assert _unseen(name) == (None, [])


def test_unseen_om_shanti_om_duration_lengths_and_a_composer_column():
    when, tracks = _unseen("om_shanti_om")
    assert when == day(2007, 9, 24)
    vs = "Vishal–Shekhar"
    assert _rows(tracks) == [
        (1, "Ajab Si", ["Vishal Dadlani", vs], ["KK"], 248, False),  # length1 = {{Duration|m=4|s=08}}
        (
            2,
            "Dard-E-Disco",
            ["Javed Akhtar", vs],
            ["Sukhwinder Singh", "Marianne D'Cruz", "Nisha", "Caralisa"],
            346,
            False,
        ),
        (
            3,
            "Deewangi Deewangi",
            ["Vishal Dadlani", vs],
            ["Shaan", "Udit Narayan", "Shreya Ghoshal", "Sunidhi Chauhan", "Rahul Saxena"],
            360,
            False,
        ),
        # The second listing's extra column is "Composer(s)": its names are writers.
        (4, "Om Shanti Om Theme", ["Sandeep Chowta"], [], 130, False),
        (5, "Shanti's Death", ["Sandeep Chowta"], [], 182, False),
    ]


def test_unseen_coco_featuring():
    when, tracks = _unseen("coco")
    assert when == day(2017, 11, 10)
    kal = ["Kristen Anderson-Lopez", "Robert Lopez"]
    assert _rows(tracks) == [
        (1, "Remember Me (Ernesto de la Cruz)", kal, ["Benjamin Bratt"], 127, False),
        (2, "Everyone Knows Juanita", kal, ["Gael García Bernal"], 88, False),
        (
            3,
            "Un Poco Loco",
            ["Germaine Franco", "Adrian Molina"],
            ["Anthony Gonzalez", "Gael García Bernal"],
            111,
            False,
        ),
        (4, "Remember Me (Dueto)", kal, ["Miguel", "Natalia Lafourcade"], 208, False),
    ]


def test_unreadable_track_lengths_are_counted():
    from collections import Counter

    page = (
        "==Soundtrack==\n{{Track listing\n| title1 = One\n| length1 = 3:05\n"
        "| title2 = Two\n| length2 = about three minutes\n| title3 = Three\n}}"
    )
    problems = Counter()
    _, tracks = parse_soundtrack(page, None, problems)
    assert [(t.title, t.length_seconds) for t in tracks] == [("One", 185), ("Two", None), ("Three", None)]
    assert problems == {"unreadable track length": 1}  # a blank length is no problem


def test_the_album_date_is_read_from_the_one_paragraph_that_can_hold_it(monkeypatch):
    """Only a paragraph that names the album, says it was released and holds a digit is parsed:
    the album is named here only by a link's text; the paragraph before it (album words, no
    date) is never parsed, and its unknown template is still counted."""
    text = (
        "==Music==\n"
        "The score by {{mystery composer}} [[John Doe]] was released to acclaim.\n\n"
        "The [[Soundtrack album|album]] was released on March 5, 1999, by [[Some Records]].\n"
    )
    parsed = record_parses(monkeypatch)
    article = Article(None, text)
    assert parse_soundtrack(article, article.ctx) == (PartialDate(dt.date(1999, 3, 5), DAY), [])
    assert article.ctx.unknown == {"mystery composer": 1}
    assert not any("acclaim" in t for t in parsed)
