"""The corpus's second folder, ``wikipedia-xml-more/``: 47 real film articles the extractors
were not written against. Every page loads as exactly one film; the values asserted below were
read from the page text by hand (the line of the export is given where it helps)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from etl.lib.pipeline import documents, intake, resolve
from etl.lib.pipeline.documents import ParsedDocument
from tests import conftest
from tests.conftest import CORPUS_MORE


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedDocument]:
    if not CORPUS_MORE.is_dir():
        pytest.skip(conftest.NEEDS_CORPUS)
    out: dict[str, object] = {}
    for path in intake.scan(CORPUS_MORE):
        src, rejected = intake.detect_file(CORPUS_MORE, path)
        assert rejected is None, rejected
        for item in intake.pages(CORPUS_MORE, src):
            item = item if isinstance(item, intake.Rejection) else documents.parse_page(item)
            out.setdefault(Path(src.path).stem, []).append(item)
    return out


def test_every_page_loads_as_exactly_one_film(parsed):
    assert len(parsed) == 47
    failures = {
        name: [d.reason for d in docs if not isinstance(d, ParsedDocument)] for name, docs in parsed.items()
    }
    assert {name: reasons for name, reasons in failures.items() if reasons} == {}
    docs = [d for items in parsed.values() for d in items]
    assert all(len(items) == 1 for items in parsed.values())
    films, superseded = resolve.join_films(docs)
    assert len(films) == 47 and not superseded


def test_no_amount_without_a_currency(parsed):
    missing = [
        (name, b.amount.as_written)
        for name, (doc,) in parsed.items()
        for b in doc.facts.box_office
        if b.amount.currency is None
    ]
    assert missing == []


def test_unknown_templates_are_counted_and_real(parsed):
    """What the extractors could not interpret is counted per page, and each counted name is
    a template the page really uses (never an artefact of the reader)."""
    total = Counter()
    for name, (doc,) in parsed.items():
        text = (CORPUS_MORE / f"{name}.xml").read_text(encoding="utf-8").lower()
        for template, count in doc.facts.unknown_templates.items():
            assert count > 0
            assert "{{" + template.split(":")[0] in text.replace("{{ ", "{{").replace(
                "_", " "
            ) or template.startswith("#"), (name, template)
        total.update(doc.facts.unknown_templates)
    assert sum(total.values()) < 47  # fewer than one per page


def facts(parsed, name):
    (doc,) = parsed[name]
    return doc.facts


def credits(f, role):
    return [(c.person.name, c.person.wiki_title) for c in f.credits if c.role == role]


def cast(f):
    return [(c.person.name, c.character) for c in f.credits if c.role == "cast"]


def money(f):
    return sorted((b.measure, b.amount.low, b.amount.currency) for b in f.box_office)


# --- Infobox values, amounts and currencies ---------------------------------------------------


def test_baadshaho_infobox_and_accolade(parsed):
    f = facts(parsed, "Baadshaho")
    assert credits(f, "director") == [("Milan Luthria", "Milan Luthria")]
    # "{{INR}}90 crore" and "{{Estimation}} {{INR}}123.50 crore".
    assert money(f) == [("budget", 900_000_000, "INR"), ("gross", 1_235_000_000, "INR")]
    assert [(c.company.name, c.company.wiki_title) for c in f.companies if c.role == "studio"] == [
        ("T-Series", "T-Series (company)"),
        ("Vertex Motion Pictures", None),
    ]
    (n,) = f.nominations  # one row: 10th Mirchi Music Awards, Male Vocalist of The Year, {{nom}}
    assert (n.award_body, n.edition, n.category, n.result) == (
        "Mirchi Music Awards",
        10,
        "Male Vocalist of The Year",
        "nominated",
    )
    assert [p.name for p in n.persons] == ["Rahat Fateh Ali Khan"]


def test_ra_one_link_target_kept_exactly(parsed):
    # "| music = [[Vishal-Shekhar]]" (a hyphen, not the dash of the article's current title).
    f = facts(parsed, "Ra.One")
    assert credits(f, "music") == [("Vishal-Shekhar", "Vishal-Shekhar")]
    assert credits(f, "producer") == [("Gauri Khan", "Gauri Khan")]


def test_welcome_crores(parsed):
    # "{{INR}}40 crores", "{{Estimation}} {{INR}}122 crores".
    assert money(facts(parsed, "Welcome (2007 film)")) == [
        ("budget", 400_000_000, "INR"),
        ("gross", 1_220_000_000, "INR"),
    ]


def test_dekh_magar_pyaar_say_rupees_of_pakistan(parsed):
    # "| country = Pakistan", "| gross = [[Rupee|Rs]]2.42 [[crore]] (Pakistan)".
    f = facts(parsed, "Dekh Magar Pyaar Say")
    (b,) = f.box_office
    assert (b.amount.low, b.amount.currency, b.territory) == (24_200_000, "PKR", "Pakistan")


def test_the_shortcut_code_doubled_by_the_sign(parsed):
    # "| budget = [[USD]]$1 million{{fact|date=May 2018}}".
    assert money(facts(parsed, "The Shortcut")) == [("budget", 1_000_000, "USD")]


def test_milo_and_otis_yen(parsed):
    # "| budget = {{¥|0.8 billion}}" for a Japanese film.
    assert ("budget", 800_000_000, "JPY") in money(facts(parsed, "The Adventures of Milo and Otis"))


def test_mahadevan_company_as_producer(parsed):
    # "| producer = Aishwarya Productions": a production company, not a person.
    f = facts(parsed, "C. I. Mahadevan 5 Adi 4 Inchu")
    assert credits(f, "producer") == []
    assert ("studio", "Aishwarya Productions") in [(c.role, c.company.name) for c in f.companies]
    assert money(f) == [("budget", 25_000_000, "INR"), ("gross", 60_000_000, "INR")]  # ₹ 2.5 / 6 Crore


def test_henry_paris_section_link_kept_as_written(parsed):
    # "| producer = [[Radley Metzger#Career|Audubon Films]]".
    f = facts(parsed, "The World of Henry Paris")
    assert ("Audubon Films", "Radley Metzger#Career") in [
        (c.company.name, c.company.wiki_title) for c in f.companies
    ]


def test_film_series_page_is_its_film(parsed):
    f = facts(parsed, "Alpha and Omega (film series)")
    assert f.title == "Alpha and Omega"
    assert credits(f, "director")[:2] == [("Ben Gluck", None), ("Anthony Bell", "Anthony Bell (director)")]


# --- Cast ---------------------------------------------------------------------------------------


def test_kadvi_hawa_cast(parsed):
    assert cast(facts(parsed, "Kadvi Hawa")) == [
        ("Sanjay Mishra", "Hedu"),
        ("Ranvir Shorey", "Gunu Babu"),
        ("Tillotama Shome", None),
        ("Bhupesh Singh", "Mukund"),
        ("Ekta Sawant", "Kuhu"),
        ("Tanya Sejwal", "Pihu"),
        ("Shrikant Verma", "Teacher"),
    ]


def test_kelviyum_naane_cast(parsed):
    got = cast(facts(parsed, "Kelviyum Naane Pathilum Naane"))
    assert got[0] == ("Karthik", "Nirmal / Babu")
    assert [name for name, _ in got] == [
        "Karthik",
        "Aruna Mucherla",
        "Poornima Devi",
        "Srividya",
        "Jaishankar",
        "Vadivukkarasi",
    ]


def test_aayiram_vaasal_idhayam_cast_without_characters(parsed):
    f = facts(parsed, "Aayiram Vaasal Idhayam")
    assert [(c.person.name, c.person.wiki_title) for c in f.credits if c.role == "cast"] == [
        ("Sudhakar", "Betha Sudhakar"),
        ("Raadhika", "Raadhika"),
        ("Roja Ramani", "Roja Ramani"),
    ]


def test_thats_entertainment_appearances_in_div_col(parsed):
    # "==Appearances==" then {{div col}} with 124 bullet lines, some "(uncredited)".
    got = [c for c in facts(parsed, "That's Entertainment!").credits if c.role == "cast"]
    assert len(got) == 124
    assert (got[0].person.name, got[-1].person.name) == ("June Allyson", "Robert Young")
    assert got[-1].note == "uncredited"


# --- Accolades ----------------------------------------------------------------------------------


def test_till_the_clouds_roll_by_afi_list_is_skipped(parsed):
    (doc,) = parsed["Till the Clouds Roll By"]
    # "* 2006: [[AFI's Greatest Movie Musicals]] – Nominated": a list, not an award.
    assert doc.facts.nominations == []
    assert doc.accolade_rows_skipped == {"ranking or best-of list": 1}
    # "| budget = $3,316,000", "| gross = $6,724,000".
    assert money(doc.facts) == [("budget", 3_316_000, "USD"), ("gross", 6_724_000, "USD")]


def test_milo_and_otis_nested_award_bullets(parsed):
    # "* The Japanese Academy (1987)" over "** 'Won': Popularity Award - Most Popular Film" and
    # "** Nominated: Award of the Japanese Academy - Best Music Score ([[Ryuichi Sakamoto]])";
    # "* [[Young Artist Awards]] (1990)" over "** Nominated: Young Artist Award - Best Family
    # Motion Picture - Adventure". An award's name then "Best ..." is one category (dash: "–").
    got = [
        (n.award_body, n.category, n.result, n.ceremony_year, n.recipient)
        for n in facts(parsed, "The Adventures of Milo and Otis").nominations
    ]
    film = "The Adventures of Milo and Otis"
    assert got == [
        ("The Japanese Academy", "Popularity Award – Most Popular Film", "won", 1987, film),
        (
            "The Japanese Academy",
            "Award of the Japanese Academy – Best Music Score",
            "nominated",
            1987,
            "Ryuichi Sakamoto",
        ),
        (
            "Young Artist Awards",
            "Young Artist Award – Best Family Motion Picture – Adventure",
            "nominated",
            1990,
            film,
        ),
    ]


def test_thira_awards_section_lists_wins(parsed):
    # "==Awards==", ";[[Vanitha Film Awards]]<ref>...\n</ref>" over "*Best Actress - Shobhana",
    # ";[[Asianet Film Awards]]" over "*Best Debut Actor - Dhyan Sreenivasan": no result written,
    # under a heading that says only "Awards": wins.
    got = [
        (n.award_body, n.category, n.recipient, n.result) for n in facts(parsed, "Thira (film)").nominations
    ]
    assert got == [
        ("Vanitha Film Awards", "Best Actress", "Shobhana", "won"),
        ("Asianet Film Awards", "Best Debut Actor", "Dhyan Sreenivasan", "won"),
    ]


def test_devil_and_daniel_webster_prose_awards(parsed):
    # "[[Bernard Herrmann]] won the [[Academy Awards|Academy Award]] for [[Academy Award for
    # Original Music Score|Best Music, Scoring of a Dramatic Picture]] and Walter Huston was
    # nominated for [[Academy Award for Best Actor]]."
    got = [
        (n.award_body_wiki_title, n.category, n.recipient, n.result)
        for n in facts(parsed, "The Devil and Daniel Webster (film)").nominations
    ]
    assert got == [
        ("Academy Awards", "Best Music, Scoring of a Dramatic Picture", "Bernard Herrmann", "won"),
        ("Academy Awards", "Best Actor", "Walter Huston", "nominated"),
    ]


def test_blackkklansman_prose_accolades(parsed):
    # The section points to the list of accolades; its prose names a few: the Cannes Grand Prix,
    # Lee's DGA nomination, the Academy Award for Best Adapted Screenplay. Sentences that only
    # count nominations ("nominated for four Golden Globes, including ...") are not entries.
    got = {(n.award_body, n.category, n.result) for n in facts(parsed, "BlacKkKlansman").nominations}
    assert got == {
        ("Cannes Film Festival", "Grand Prix", "won"),
        ("Directors Guild of America", "Outstanding Feature Film", "nominated"),
        ("Academy Awards", "Best Adapted Screenplay", "won"),
    }
