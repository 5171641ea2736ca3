"""Home-media releases and home-media distributors (etl.lib.extract.home_media).

Every expected row below was established by reading the article's wikitext (the seed's
"Home media" section, the corpus films' "Home media" / "Home video" sections), not by running
the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.lib.extract.home_media import (
    _formats,
    home_media_distributors,
    might_hold,
    parse_home_media,
    read_home_media,
)
from etl.lib.model import DAY, MONTH, YEAR, CompanyRole, HomeMedia, Name, PartialDate
from etl.lib.wiki.article import Article
from tests.conftest import FIXTURES as FIXTURE_ROOT
from tests.conftest import corpus_wikitext, seed_wikitext
from tests.parses import record_parses

FIXTURES = FIXTURE_ROOT / "releases"


def d(text: str) -> PartialDate:
    """'1996-11-12' (day), '1996-11' (month) or '1996' (year)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return PartialDate(dt.date(*parts), DAY)
    if len(parts) == 2:
        return PartialDate(dt.date(parts[0], parts[1], 1), MONTH)
    return PartialDate(dt.date(parts[0], 1, 1), YEAR)


def hm(
    fmt: str, date: str | None = None, *, languages=(), regions=(), company=None, wiki=None, note=None
) -> HomeMedia:
    return HomeMedia(
        fmt,
        d(date) if date else None,
        list(languages),
        list(regions),
        Name(company, wiki) if company else None,
        note,
    )


# --------------------------------------------------------------------------------------------
# The seed (exact, from the issue)
# --------------------------------------------------------------------------------------------

MGM = ("MGM Home Entertainment", "MGM Home Entertainment")
EDITIONS = "Australian and UK editions later were released"


def test_seed_home_media_rows():
    assert parse_home_media(seed_wikitext()) == [
        hm("VHS", "1996-11-12", languages=["English", "Russian"], company=MGM[0], wiki=MGM[1], note=EDITIONS),
        hm(
            "DVD",
            "1998-01-01",
            languages=["English"],
            regions=["USA", "Canada"],
            company=MGM[0],
            wiki=MGM[1],
            note=EDITIONS,
        ),
        # Cited with a 2016 news item: that is the citation's date, not a release date.
        hm("Blu-ray"),
        hm("HD DVD"),
        hm("LaserDisc"),
    ]


def test_seed_home_media_distributor():
    assert home_media_distributors(seed_wikitext()) == [
        CompanyRole("home_media_distributor", Name(*MGM), None),
    ]


# --------------------------------------------------------------------------------------------
# Corpus films
# --------------------------------------------------------------------------------------------

WDSHE = "Walt Disney Studios Home Entertainment"
LIONSGATE_HE = "Lionsgate Home Entertainment"
FOX_VIDEO = ("20th Century Fox Video", "20th Century Fox Home Entertainment")
SONY_HE = "Sony Pictures Home Entertainment"
BVHE = ("Buena Vista Home Entertainment", WDSHE)

CORPUS_ROWS = {
    # ===Home media=== under ==Release==.
    "Cars 2": [
        hm("DVD", "2011-11-01", company=WDSHE, wiki=WDSHE),
        hm("Blu-ray", "2011-11-01", company=WDSHE, wiki=WDSHE),
        hm("3D Blu-ray", "2011-11-01", company=WDSHE, wiki=WDSHE),
        hm("digital", "2011-11-01", company=WDSHE, wiki=WDSHE),  # "digital download"
        # The packages, "Movie Download", sales and chart sentences add no release.
        hm("4K Ultra HD", "2019"),  # "In 2019, ... released on 4K Ultra HD Blu-ray."
    ],
    # ==Home media== at level 2; several re-releases of the same format.
    "Evil Dead II": [
        hm("VHS", "1998-02-17", company="Anchor Bay Entertainment", wiki="Anchor Bay Entertainment"),
        # "numerous DVD releases" (undated) is the DVD released on August 29, 2000.
        hm("DVD", "2000-08-29", company="Anchor Bay", note="Limited Edition Tin"),
        hm("DVD", "2005-09-27", company="Anchor Bay"),  # "..., and was re-released by Anchor Bay"
        hm("Blu-ray", "2007-10-02"),
        hm("Blu-ray", "2011-11-15", company=LIONSGATE_HE, wiki=LIONSGATE_HE, note="25th Anniversary Edition"),
        hm("DVD", "2011-11-15", company=LIONSGATE_HE, wiki=LIONSGATE_HE, note="25th Anniversary Edition"),
        hm("Blu-ray", "2016-09-13", company="Lionsgate"),
        hm("DVD", "2003", regions=["UK", "Region 2"], note="Evil Dead trilogy box set"),
        hm("Blu-ray", "2013", regions=["UK"], company="StudioCanal", wiki="StudioCanal"),
        hm("Blu-ray", "2014", regions=["Australia"], note="Evil Dead Anthology box set"),
        # "A 25th Anniversary Wood Edition was released in Germany" names no format: no row.
        hm("4K Ultra HD", "2018-12-11"),  # "4k Ultra HD Blu-ray ... set to release on"
    ],
    # ==Home media== at level 2.
    "Mamma Mia! Here We Go Again": [
        hm("digital", "2018-10-09"),
        hm("DVD", "2018-10-23"),
        hm("Blu-ray", "2018-10-23"),
        hm("4K Ultra HD", "2018-10-23"),  # "4K UHD Combo Pack"
        # "the week ending on October 27, 2018" is a chart week, not a release.
    ],
    # ===Home media=== under ==Release==.
    "Monty Python and the Holy Grail": [
        hm(
            "LaserDisc",
            regions=["Region 1"],
            company="The Criterion Collection",
            wiki="The Criterion Collection",
            note="Criterion Collection",
        ),
        hm(
            "DVD",
            "2001",
            company="Columbia Tristar",
            wiki="Columbia Tristar",
            note="two-disc Special Edition",
        ),
        hm("DVD", note="limited-edition"),  # "A limited-edition DVD release"
        hm("Blu-ray", "2012-03-06", regions=["US"], note="35th anniversary edition"),
    ],
    # ===Home media=== under ==Legacy==: a list, each item opening with its date.
    "Rocky": [
        # "1982 – CED Videodisc and VHS; VHS release is rental only; 20th Century Fox Video
        # release"
        hm("CED", "1982", company=FOX_VIDEO[0], wiki=FOX_VIDEO[1]),
        hm("VHS", "1982", company=FOX_VIDEO[0], wiki=FOX_VIDEO[1], note="rental"),
        hm("VHS", "1990-10-27"),
        hm("LaserDisc", "1990-10-27"),
        hm("VHS", "1996-04-16"),
        hm("LaserDisc", "1996-04-16"),
        hm("DVD", "1997-03-24"),
        hm("DVD", "2001-04-24", note="Five-Disc Boxed Set"),
        hm("VHS", "2001", note="25th anniversary edition"),
        hm("DVD", "2004-12-14", note="Rocky Anthology box set"),
        hm("DVD", "2005-02-08", note="Rocky Anthology box set"),
        # "the DVD was the first version released by Fox ... the Blu-ray was the first version
        # released by Sony Pictures Home Entertainment"
        hm("DVD", "2006-12-05", company="Fox", note="2-Disc Collector's Edition"),
        hm("Blu-ray", "2006-12-05", company=SONY_HE, wiki=SONY_HE, note="2-Disc Collector's Edition"),
        hm("DVD", "2007-12-04", note="box set"),
        hm("Blu-ray", "2009-11-03", note="box set"),
        hm("Blu-ray", "2015-10-13", note="box set; Rocky Heavyweight Collection 40th Anniversary Edition"),
    ],
    # ===Home media=== under ==Release== (the page's unbalanced '' hides it from a naive
    # section split).
    "Spirited Away": [
        hm("VHS", "2002-07-19", regions=["Japan"], company=BVHE[0], wiki=BVHE[1]),
        hm("DVD", "2002-07-19", regions=["Japan"], company=BVHE[0], wiki=BVHE[1]),
        hm("DVD", "2003-04-15", regions=["North America"], company="Walt Disney Home Entertainment"),
        hm("VHS", "2003-04-15", regions=["North America"], company="Walt Disney Home Entertainment"),
        # "The film was released nationwide in the UK by Optimum Releasing on 12 September 2003
        # [theatrical: no format, no row] and was later released on DVD and VHS as a rental
        # release through independent distributor High Fliers Films PLC"
        hm("DVD", regions=["UK"], company="High Fliers Films PLC", note="rental"),
        hm("VHS", regions=["UK"], company="High Fliers Films PLC", note="rental"),
        hm("DVD", "2004-03-29", regions=["UK"], company="Optimum Releasing", wiki="Optimum Releasing"),
        hm("Blu-ray", "2014", regions=["Japan", "UK"]),
        hm("Blu-ray", "2015-06-16", regions=["North America"]),
        hm("Blu-ray", "2017-10-17", company="GKIDS", wiki="GKIDS"),
        hm("DVD", "2017-10-17", company="GKIDS", wiki="GKIDS"),
    ],
    # ==Home media== at level 2.
    "Taxi Driver": [
        hm("DVD", "1999", note="Collector's Edition; single-disc edition"),
        hm("DVD", "2006", note="30th-anniversary 2-disc Collector's Edition"),
        hm("Blu-ray", "2011-04-05"),
        # "an audio commentary by Scorsese released in 1991 for the Criterion Collection,
        # previously released on Laserdisc"; the screenings on "March 19 and 22" are not a
        # release.
        hm("LaserDisc", "1991", note="Criterion Collection"),
    ],
    # ===Home media=== under ==Release and reception==.
    "X-Men: First Class": [
        hm("DVD", "2011-09-09", regions=["US"]),
        hm("Blu-ray", "2011-09-09", regions=["US"]),
        hm("DVD", "2011-10-31", regions=["UK"]),  # "..., and in the UK on October 31, 2011"
        hm("Blu-ray", "2011-10-31", regions=["UK"]),
        hm("4K Ultra HD", "2016-10-04"),  # "4K UHD Blu-ray"
    ],
    # No home-media section at all.
    "Midnight Cowboy": [],
    "Hum Saath-Saath Hain": [],
}


@pytest.mark.parametrize("title", sorted(CORPUS_ROWS))
def test_corpus_home_media_rows(title):
    assert parse_home_media(corpus_wikitext(title)) == CORPUS_ROWS[title]


CORPUS_DISTRIBUTORS = {
    "Cars 2": [(WDSHE, WDSHE, None)],
    "Evil Dead II": [
        ("Anchor Bay Entertainment", "Anchor Bay Entertainment", None),
        ("Anchor Bay", None, None),
        (LIONSGATE_HE, LIONSGATE_HE, None),
        ("Lionsgate", None, None),
        ("StudioCanal", "StudioCanal", "United Kingdom"),
    ],
    "Spirited Away": [
        (*BVHE, "Japan"),
        ("Walt Disney Home Entertainment", None, "North America"),
        ("High Fliers Films PLC", None, "United Kingdom"),
        ("Optimum Releasing", "Optimum Releasing", "United Kingdom"),
        ("GKIDS", "GKIDS", None),
    ],
    "Rocky": [(*FOX_VIDEO, None), ("Fox", None, None), (SONY_HE, SONY_HE, None)],
    "Mamma Mia! Here We Go Again": [],
    "X-Men: First Class": [],
}


@pytest.mark.parametrize("title", sorted(CORPUS_DISTRIBUTORS))
def test_corpus_home_media_distributors(title):
    expected = [
        CompanyRole("home_media_distributor", Name(n, w), t) for n, w, t in CORPUS_DISTRIBUTORS[title]
    ]
    assert home_media_distributors(corpus_wikitext(title)) == expected


def test_batman_home_video_section_at_level_three():
    # ===Home video=== under ==Reception==: "released on various formats, including VHS,
    # Laserdisc, DVD and Blu-ray"; a Blu-ray set "in 2009"; "DVD and Blu-ray set in 2012";
    # "Other Blu-ray reissues include a ... Digibook ..., and a steelcase edition; both also
    # include a Digital Copy". "November 15" has no year; "The 2005 Batman: The Motion
    # Picture Anthology 1989-1997" is a title, not a release date.
    rows = parse_home_media(corpus_wikitext("Batman (1989 film)"))
    assert [(r.format, r.date) for r in rows] == [
        ("VHS", None),
        ("LaserDisc", None),
        ("DVD", d("2012")),
        ("Blu-ray", d("2009")),
        ("Blu-ray", None),
        ("digital", None),
        ("Blu-ray", d("2012")),
    ]
    assert rows[4].note == "steelcase edition; Digibook"
    assert all(r.date is None or r.date.year >= 1989 for r in rows)


# --------------------------------------------------------------------------------------------
# Rules, on a small fixture
# --------------------------------------------------------------------------------------------


def test_fixture_rules():
    text = (FIXTURES / "home_media_rules.wiki").read_text(encoding="utf-8")
    assert parse_home_media(text) == [
        # "first released on home video in Japan in 1990": "home video" is not a format.
        # The citation's date (March 3, 2015) is not a release date.
        hm("VHS", "1991", company="Example Home Video", wiki="Example Home Video"),
        hm("Betamax", "1991", company="Example Home Video", wiki="Example Home Video"),
        # "The LaserDisc followed on March 3, 1992, and the DVD on May 5, 2001": each format
        # its nearest date.
        hm("LaserDisc", "1992-03-03"),
        hm("DVD", "2001-05-05"),
        hm(
            "DVD",
            "2004-04-04",
            languages=["English", "French"],
            regions=["Region 2", "France"],
            company="Example Vidéo",
            wiki="Example Vidéo",
            note="Special and collector's editions were later released",
        ),
        # "in the United Kingdom and in Germany in 2010, and in Region A on 1 February 2011"
        hm("Blu-ray", "2010", regions=["United Kingdom", "Germany"]),
        hm("Blu-ray", "2011-02-01", regions=["Region A"]),
        # The 4K restoration's festival premiere is another event; "4K" alone is no format.
        hm("4K Ultra HD", "2019-12-10"),
        # "on November 26" takes the year of the sentence's previous date.
        hm("digital", "2019-11-26"),
        # "DVD player" is not a DVD; "sold 2 million video cassettes by June 1995" is sales.
    ]
    assert home_media_distributors(text) == [
        CompanyRole("home_media_distributor", Name("Example Home Video", "Example Home Video")),
        CompanyRole("home_media_distributor", Name("Example Vidéo", "Example Vidéo"), "France"),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "It was released on DVD and Blu-ray in the United Kingdom on 5 June 2010 by "
            "[[Entertainment One]].",
            [
                hm(
                    "DVD",
                    "2010-06-05",
                    regions=["United Kingdom"],
                    company="Entertainment One",
                    wiki="Entertainment One",
                ),
                hm(
                    "Blu-ray",
                    "2010-06-05",
                    regions=["United Kingdom"],
                    company="Entertainment One",
                    wiki="Entertainment One",
                ),
            ],
        ),
        (
            "[[Universal Pictures Home Entertainment]] released the film on Blu-ray, DVD and digital HD "
            "on March 1, 2016.",
            [
                hm(
                    f,
                    "2016-03-01",
                    company="Universal Pictures Home Entertainment",
                    wiki="Universal Pictures Home Entertainment",
                )
                for f in ("Blu-ray", "DVD", "digital")
            ],
        ),
        (
            "The film was released on video cassette in 1985 by [[Vestron Video]] and on Betamax.",
            [
                hm("VHS", "1985", company="Vestron Video", wiki="Vestron Video"),
                hm("Betamax", "1985", company="Vestron Video", wiki="Vestron Video"),
            ],
        ),
        (
            "The DVD was released in Region 2 on 12 March 2002 and in Region 1 on 3 September 2002.",
            [hm("DVD", "2002-03-12", regions=["Region 2"]), hm("DVD", "2002-09-03", regions=["Region 1"])],
        ),
        (
            "The film was released on UMD on 15 November 2005. A Video CD came out in 1997 in Hong Kong.",
            [hm("UMD", "2005-11-15"), hm("Video CD", "1997", regions=["Hong Kong"])],
        ),
        (
            "It was made available for streaming on [[Netflix]] on June 1, 2020.",
            [hm("digital", "2020-06-01")],
        ),
        (
            "A Blu-ray 3D was released in 2012. The film has never been released on HD DVD.",
            [hm("3D Blu-ray", "2012")],
        ),
    ],
)
def test_sentences(sentence, expected):
    text = f"==Release==\n===Home media===\n{sentence}\n\n==Reception==\nGood.\n"
    assert parse_home_media(text) == expected


def test_section_titles():
    for title in (
        "Home media",
        "Home video",
        "Home release",
        "Home media release",
        "Video release",
        "Home entertainment",
    ):
        text = f"==Plot==\nA DVD.\n\n=={title}==\nA DVD was released in 2001.\n"
        assert parse_home_media(text) == [hm("DVD", "2001")], title
    # Not a home-media section: nothing is read there.
    assert parse_home_media("==Release==\nA DVD was released in 2001.\n") == []


def test_list_items_and_table_rows():
    # List items and table rows need no release word; a bare year counts after a dash or in
    # its own cell.
    text = """==Home media==
Releases:
* DVD – March 24, 1997
* Blu-ray (Region B) – 2010
{| class="wikitable"
! Format !! Region !! Date
|-
| DVD || Region 1 || April 8, 2008
|-
| Blu-ray || Region 2 || 2009
|}
"""
    assert parse_home_media(text) == [
        hm("DVD", "1997-03-24"),
        hm("Blu-ray", "2010", regions=["Region B"]),
        hm("DVD", "2008-04-08", regions=["Region 1"]),
        hm("Blu-ray", "2009", regions=["Region 2"]),
    ]


# --------------------------------------------------------------------------------------------
# Unseen articles (tests/fixtures/unseen/*.wiki), each row read by hand from the fixture's
# "Home media" section
# --------------------------------------------------------------------------------------------

UNSEEN = FIXTURE_ROOT / "unseen"


def unseen(name: str) -> str:
    return (UNSEEN / f"{name}.wiki").read_text(encoding="utf-8")


def hmd(name: str, wiki: str | None, territory: str | None = None) -> CompanyRole:
    return CompanyRole("home_media_distributor", Name(name, wiki), territory)


WHV = ("Warner Home Video", "Warner Home Video")


def test_unseen_inception_home_media():
    assert parse_home_media(unseen("inception")) == [
        hm("DVD", "2010-12-07", company=WHV[0], wiki=WHV[1]),
        hm("Blu-ray", "2010-12-07", company=WHV[0], wiki=WHV[1]),
        hm("4K Ultra HD", "2017-12-19"),
        # "In 2020, the film was made available for streaming on [[HBO Max]]."
        hm("digital", "2020"),
    ]
    assert home_media_distributors(unseen("inception")) == [hmd(*WHV)]


def test_unseen_casablanca_home_media():
    criterion = ("The Criterion Collection", "The Criterion Collection")
    assert parse_home_media(unseen("casablanca")) == [
        hm("LaserDisc", "1989", company=criterion[0], wiki=criterion[1], note="Criterion Collection"),
        hm("DVD", "2003-02-04", company=WHV[0], wiki=WHV[1], note="two-disc Special Edition"),
        hm("Blu-ray", "2008-12-02"),
        hm("4K Ultra HD", "2021-11-30"),
    ]
    assert home_media_distributors(unseen("casablanca")) == [hmd(*criterion), hmd(*WHV)]


def test_unseen_three_idiots_home_media():
    reliance = ("Reliance Big Home Video", "Reliance Big Home Video")
    assert parse_home_media(unseen("three_idiots")) == [
        hm("DVD", "2010-03-26", company=reliance[0], wiki=reliance[1]),
        hm("Blu-ray", "2010-05"),  # "A Blu-ray edition followed in May 2010."
    ]
    assert home_media_distributors(unseen("three_idiots")) == [hmd(*reliance)]


def test_unseen_your_name_home_media_same_day_and_two_regions():
    toho = ("Toho", "Toho")
    assert parse_home_media(unseen("your_name")) == [
        hm("DVD", "2017-07-26", regions=["Japan"], company=toho[0], wiki=toho[1]),
        hm("Blu-ray", "2017-07-26", regions=["Japan"], company=toho[0], wiki=toho[1]),
        # "released on 4K Ultra HD Blu-ray in Japan on the same day": the day of the sentence before.
        hm("4K Ultra HD", "2017-07-26", regions=["Japan"]),
        # "In North America, Funimation released the film on Blu-ray and DVD on November 21, 2017."
        hm("Blu-ray", "2017-11-21", regions=["North America"], company="Funimation"),
        hm("DVD", "2017-11-21", regions=["North America"], company="Funimation"),
    ]
    assert home_media_distributors(unseen("your_name")) == [
        hmd("Toho", "Toho", "Japan"),
        hmd("Funimation", None, "North America"),
    ]


def test_unseen_suzume_home_media():
    assert parse_home_media(unseen("suzume")) == [
        hm("Blu-ray", "2023-09-20", regions=["Japan"]),
        hm("DVD", "2023-09-20", regions=["Japan"]),
    ]


def test_unseen_march_of_the_penguins_home_media():
    assert parse_home_media(unseen("march_of_the_penguins")) == [
        hm("DVD", "2005-11-29", regions=["United States"], company=WHV[0], wiki=WHV[1]),
        hm("HD DVD", "2006-10-10"),
        hm("Blu-ray", "2011-03-22"),
    ]
    assert home_media_distributors(unseen("march_of_the_penguins")) == [hmd(*WHV, "United States")]


def test_unseen_the_intouchables_home_media():
    assert parse_home_media(unseen("the_intouchables")) == [
        hm("DVD", "2012-04-04", regions=["France"], company="Gaumont", wiki="Gaumont"),
        hm("Blu-ray", "2012-04-04", regions=["France"], company="Gaumont", wiki="Gaumont"),
    ]
    assert home_media_distributors(unseen("the_intouchables")) == [hmd("Gaumont", "Gaumont", "France")]


def test_unseen_whiplash_home_media_through_a_company():
    sphe = ("Sony Pictures Home Entertainment", "Sony Pictures Home Entertainment")
    assert parse_home_media(unseen("whiplash")) == [
        hm("digital", "2015-02-10", company=sphe[0], wiki=sphe[1]),
        hm("Blu-ray", "2015-02-24", company=sphe[0], wiki=sphe[1]),
        hm("DVD", "2015-02-24", company=sphe[0], wiki=sphe[1]),
    ]
    assert home_media_distributors(unseen("whiplash")) == [hmd(*sphe)]


def test_unseen_oppenheimer_home_media_and_streaming_starts():
    uphe = ("Universal Pictures Home Entertainment", "Universal Pictures Home Entertainment")
    assert parse_home_media(unseen("oppenheimer")) == [
        hm("digital", "2023-11-21", company=uphe[0], wiki=uphe[1]),
        hm("4K Ultra HD", "2023-11-21", company=uphe[0], wiki=uphe[1]),
        hm("Blu-ray", "2023-11-21", company=uphe[0], wiki=uphe[1]),
        hm("DVD", "2023-11-21", company=uphe[0], wiki=uphe[1]),
        # "The film began streaming on [[Peacock]] on February 16, 2024, and on [[Amazon Prime
        # Video]] in the United Kingdom on March 8, 2024."
        hm("digital", "2024-02-16"),
        hm("digital", "2024-03-08", regions=["United Kingdom"]),
    ]
    assert home_media_distributors(unseen("oppenheimer")) == [hmd(*uphe)]


@pytest.mark.parametrize("name", ["wolf_warrior_2"])
def test_unseen_articles_without_home_media(name):
    assert parse_home_media(unseen(name)) == []


def test_unseen_om_shanti_om_home_media_and_streaming():
    eros = ("Eros International", "Eros International")
    assert parse_home_media(unseen("om_shanti_om")) == [
        hm("DVD", "2008-01-08", company=eros[0], wiki=eros[1]),
        hm("digital", "2016"),  # "became available to stream on [[Netflix]] in 2016"
    ]
    assert home_media_distributors(unseen("om_shanti_om")) == [hmd(*eros)]


def test_unseen_coco_a_company_at_the_end_of_the_sentence_and_disney_plus():
    wdshe = ("Walt Disney Studios Home Entertainment", "Walt Disney Studios Home Entertainment")
    # "released on [[Digital HD]] on February 13, 2018, and on [[Ultra HD Blu-ray]], Blu-ray and
    # DVD on February 27, 2018, by [[Walt Disney Studios Home Entertainment]]."
    assert parse_home_media(unseen("coco")) == [
        hm("digital", "2018-02-13", company=wdshe[0], wiki=wdshe[1]),
        hm("4K Ultra HD", "2018-02-27", company=wdshe[0], wiki=wdshe[1]),
        hm("Blu-ray", "2018-02-27", company=wdshe[0], wiki=wdshe[1]),
        hm("DVD", "2018-02-27", company=wdshe[0], wiki=wdshe[1]),
        hm("digital", "2019-11-12"),  # "The film was released on [[Disney+]] on November 12, 2019."
    ]
    assert home_media_distributors(unseen("coco")) == [hmd(*wdshe)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The film was released on [[Disney+]] on November 12, 2019.", [hm("digital", "2019-11-12")]),
        ("It became available to stream on Netflix on June 15, 2020.", [hm("digital", "2020-06-15")]),
        (
            "It was released on DVD on March 5, 2019, and on iTunes on February 26, 2019.",
            [hm("DVD", "2019-03-05"), hm("digital", "2019-02-26")],
        ),
        (
            "It was released on DVD on March 5, 2019, and on Blu-ray simultaneously.",
            [hm("DVD", "2019-03-05"), hm("Blu-ray", "2019-03-05")],
        ),
    ],
)
def test_unseen_streaming_services_and_simultaneous_releases(text, expected):
    assert parse_home_media("==Home media==\n" + text) == expected


def test_only_paragraphs_that_can_hold_a_fact_are_parsed(monkeypatch):
    """A paragraph without a digit, a format word or "edition" is neither parsed nor rendered,
    yet its link still names the company a later paragraph writes without one, and its unknown
    template is counted; a format written only as a link's text and a date in a paragraph
    without a format (the one "on the same day" takes) are read."""
    text = (
        "==Home media==\n"
        "The label [[Arrow Films]] restored the picture from the {{mystery template}} original negative.\n\n"
        "Arrow Films released it on [[Blu-ray Disc|Blu-ray]] in the UK.\n"
        "The film was shown on television on March 3, 2001.\n"
        "It was released on VHS on the same day.\n"
    )
    parsed = record_parses(monkeypatch)
    article = Article(None, text)
    rows, companies = read_home_media(article, article.ctx)
    arrow = Name("Arrow Films", "Arrow Films")
    assert rows == [
        HomeMedia("Blu-ray", None, [], ["UK"], arrow, None),
        HomeMedia("VHS", d("2001-03-03"), [], [], None, None),
    ]
    assert companies == [CompanyRole("home_media_distributor", arrow, "United Kingdom")]
    assert article.ctx.unknown == {"mystery template": 1}
    assert not any("negative" in t for t in parsed)


@pytest.mark.parametrize(
    "spelling",
    [
        "VHS", "D-VHS", "videocassette", "video tapes", "Betamax", "LaserDisc", "laser disc",
        "CED videodisc", "Capacitance Electronic Disc", "SelectaVision", "Video CD", "VCD", "DVD",
        "DVD-Video", "HD DVD", "Blu-ray", "Blu-ray Disc", "3D Blu-ray", "Blu-ray 3D", "4K Ultra HD",
        "Ultra HD Blu-ray", "UHD Blu-ray", "4K UHD", "4K Blu-ray", "UMD", "Universal Media Disc",
        "digital download", "digital HD", "released digitally", "digital release", "download",
        "streaming", "to stream", "streamed", "video on demand", "VOD", "on-demand",
        "electronic sell-through", "Netflix", "Disney+", "Disney Plus", "Hulu", "Prime Video",
        "Amazon Video", "HBO Max", "Peacock", "Paramount+", "Apple TV+", "iTunes", "Google Play",
        "Vudu", "Fandango at Home", "Crunchyroll", "Hotstar", "JioCinema", "ZEE5", "SonyLIV", "MUBI",
        "Tubi", "Shudder", "Criterion Channel",
    ],
)  # fmt: skip
def test_every_format_spelling_passes_the_cheap_test(spelling):
    assert [label for label, _, _ in _formats(spelling)]  # a format the reader finds ...
    assert might_hold(spelling)  # ... in a paragraph the cheap test keeps
    assert not might_hold("The label restored it from the original negative.")
