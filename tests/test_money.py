"""Tests of etl.lib.text.money: tables of (input, expected), one case per row.

Expected amounts are worked out by hand from the input text ("$3.5–4 million" is 3,500,000 to
4,000,000 US dollars).
"""

from __future__ import annotations

import pytest

from etl.lib.model import Amount
from etl.lib.text.money import normalize_territory, parse_amounts


def A(
    low: float,
    high: float | None = None,
    currency: str | None = None,
    as_written: str = "",
    *,
    est: bool = False,
    bound: str | None = None,
    territory: str | None = None,
) -> Amount:
    """An expected amount; ``high`` defaults to ``low`` (a single figure)."""
    return Amount(
        low=low,
        high=low if high is None else high,
        currency=currency,
        as_written=as_written,
        is_estimate=est,
        bound=bound,
        territory=territory,
    )


# (label, input, expected amounts). Calls use the default yen="JPY".
CASES = [
    # --- Real-world infobox values ---
    ("range en dash", "$3.5–4 million", [A(3_500_000, 4_000_000, "USD", "$3.5–4 million")]),
    ("decimal million", "$49.8 million", [A(49_800_000, None, "USD", "$49.8 million")]),
    ("yen billion", "¥30.4 billion", [A(30_400_000_000, None, "JPY", "¥30.4 billion")]),
    ("US dollar prefix", "US$275 million", [A(275_000_000, None, "USD", "US$275 million")]),
    ("rupee crore", "₹150 crore", [A(1_500_000_000, None, "INR", "₹150 crore")]),
    ("nbsp before scale", "$836.8\xa0million", [A(836_800_000, None, "USD", "$836.8\xa0million")]),
    ("thousands separators", "$1,234,567", [A(1_234_567, None, "USD", "$1,234,567")]),
    ("over", "over $100 million", [A(100_000_000, None, "USD", "over $100 million", bound="lower")]),
    ("less than", "less than $2 million", [A(2_000_000, None, "USD", "less than $2 million", bound="upper")]),
    (
        "north america",
        "$55 million (North America)",
        [A(55_000_000, None, "USD", "$55 million (North America)", territory="North America")],
    ),
    (
        "worldwide note",
        "$411.6 million (worldwide)",
        [A(411_600_000, None, "USD", "$411.6 million (worldwide)", territory="worldwide")],
    ),
    ("pound sign", "£5 million", [A(5_000_000, None, "GBP", "£5 million")]),
    # --- Ranges ---
    ("range hyphen", "$3.5-4 million", [A(3_500_000, 4_000_000, "USD", "$3.5-4 million")]),
    ("range em dash", "$3.5—4 million", [A(3_500_000, 4_000_000, "USD", "$3.5—4 million")]),
    ("range spaced en dash", "$3.5 – 4 million", [A(3_500_000, 4_000_000, "USD", "$3.5 – 4 million")]),
    ("range to", "$3.5 to 4 million", [A(3_500_000, 4_000_000, "USD", "$3.5 to 4 million")]),
    (
        "range between and",
        "between $3.5 and $4 million",
        [A(3_500_000, 4_000_000, "USD", "between $3.5 and $4 million")],
    ),
    (
        "range both scaled",
        "$3.5 million–$4 million",
        [A(3_500_000, 4_000_000, "USD", "$3.5 million–$4 million")],
    ),
    (
        "range first figure complete",
        "$500,000–1 million",
        [A(500_000, 1_000_000, "USD", "$500,000–1 million")],
    ),
    ("range pounds", "£3 to £4 million", [A(3_000_000, 4_000_000, "GBP", "£3 to £4 million")]),
    ("range without scale", "$500–600", [A(500, 600, "USD", "$500–600")]),
    (
        "range estimate",
        "$10–12 million (est.)",
        [A(10_000_000, 12_000_000, "USD", "$10–12 million (est.)", est=True)],
    ),
    # --- Scales and number formats ---
    ("thousand", "$5 thousand", [A(5_000, None, "USD", "$5 thousand")]),
    ("k", "$500k", [A(500_000, None, "USD", "$500k")]),
    ("m attached", "$5m", [A(5_000_000, None, "USD", "$5m")]),
    ("M attached", "$5M", [A(5_000_000, None, "USD", "$5M")]),
    ("mil", "$2 mil", [A(2_000_000, None, "USD", "$2 mil")]),
    ("mn", "$4.4 mn", [A(4_400_000, None, "USD", "$4.4 mn")]),
    ("bn", "€2.5bn", [A(2_500_000_000, None, "EUR", "€2.5bn")]),
    ("b", "$1.2 b", [A(1_200_000_000, None, "USD", "$1.2 b")]),
    ("trillion", "₩1 trillion", [A(1_000_000_000_000, None, "KRW", "₩1 trillion")]),
    ("lakh", "₹50 lakh", [A(5_000_000, None, "INR", "₹50 lakh")]),
    ("lakh crore", "₹1.5 lakh crore", [A(1_500_000_000_000, None, "INR", "₹1.5 lakh crore")]),
    ("crores plural", "₹120 crores", [A(1_200_000_000, None, "INR", "₹120 crores")]),
    ("indian grouping", "₹1,23,45,678", [A(12_345_678, None, "INR", "₹1,23,45,678")]),
    ("separators and decimals", "$12,500,000.50", [A(12_500_000.5, None, "USD", "$12,500,000.50")]),
    ("adjectival hyphen", "a $5-million budget", [A(5_000_000, None, "USD", "$5-million")]),
    ("bare number with separators", "1,234,567", [A(1_234_567, None, None, "1,234,567")]),
    ("bare indian grouping", "1,23,45,678", [A(12_345_678, None, None, "1,23,45,678")]),
    ("scale word without currency", "5 million", [A(5_000_000, None, None, "5 million")]),
    # --- Currencies ---
    ("US$ with space", "US$ 12.3 million", [A(12_300_000, None, "USD", "US$ 12.3 million")]),
    ("USD prefix", "USD 5 million", [A(5_000_000, None, "USD", "USD 5 million")]),
    ("USD suffix", "5 million USD", [A(5_000_000, None, "USD", "5 million USD")]),
    ("A$", "A$10 million", [A(10_000_000, None, "AUD", "A$10 million")]),
    ("AU$", "AU$10 million", [A(10_000_000, None, "AUD", "AU$10 million")]),
    ("C$", "C$5 million", [A(5_000_000, None, "CAD", "C$5 million")]),
    ("CA$", "CA$5 million", [A(5_000_000, None, "CAD", "CA$5 million")]),
    ("HK$", "HK$5 million", [A(5_000_000, None, "HKD", "HK$5 million")]),
    ("NZ$", "NZ$3 million", [A(3_000_000, None, "NZD", "NZ$3 million")]),
    ("R$", "R$3 million", [A(3_000_000, None, "BRL", "R$3 million")]),
    ("S$", "S$1.2 million", [A(1_200_000, None, "SGD", "S$1.2 million")]),
    ("GBP", "GBP 5 million", [A(5_000_000, None, "GBP", "GBP 5 million")]),
    ("euro sign", "€2.5 million", [A(2_500_000, None, "EUR", "€2.5 million")]),
    ("EUR", "EUR 2.5 million", [A(2_500_000, None, "EUR", "EUR 2.5 million")]),
    ("Rs", "Rs 150 crore", [A(1_500_000_000, None, "INR", "Rs 150 crore")]),
    ("Rs.", "Rs. 150 crore", [A(1_500_000_000, None, "INR", "Rs. 150 crore")]),
    ("Rs attached", "Rs150 crore", [A(1_500_000_000, None, "INR", "Rs150 crore")]),
    ("INR", "INR 150 crore", [A(1_500_000_000, None, "INR", "INR 150 crore")]),
    ("CN¥", "CN¥100 million", [A(100_000_000, None, "CNY", "CN¥100 million")]),
    ("RMB", "RMB 100 million", [A(100_000_000, None, "CNY", "RMB 100 million")]),
    ("CNY", "CNY 100 million", [A(100_000_000, None, "CNY", "CNY 100 million")]),
    ("JPY", "JPY 3 billion", [A(3_000_000_000, None, "JPY", "JPY 3 billion")]),
    ("won sign", "₩5 billion", [A(5_000_000_000, None, "KRW", "₩5 billion")]),
    ("DM", "DM 20 million", [A(20_000_000, None, "DEM", "DM 20 million")]),
    ("other ISO code", "CHF 5 million", [A(5_000_000, None, "CHF", "CHF 5 million")]),
    ("not an ISO code", "XYZ 5 million", [A(5_000_000, None, None, "5 million")]),
    ("FF is too ambiguous", "FF 20 million", [A(20_000_000, None, None, "20 million")]),
    ("francs", "20 million francs", [A(20_000_000, None, "FRF", "20 million francs")]),
    ("swiss francs", "5 million Swiss francs", [A(5_000_000, None, "CHF", "5 million Swiss francs")]),
    ("dollars word", "5 million dollars", [A(5_000_000, None, "USD", "5 million dollars")]),
    (
        "australian dollars",
        "5 million Australian dollars",
        [A(5_000_000, None, "AUD", "5 million Australian dollars")],
    ),
    ("pounds word", "5 million pounds", [A(5_000_000, None, "GBP", "5 million pounds")]),
    ("euros word", "5 million euros", [A(5_000_000, None, "EUR", "5 million euros")]),
    ("yen word", "3 billion yen", [A(3_000_000_000, None, "JPY", "3 billion yen")]),
    ("rupees word", "150 crore rupees", [A(1_500_000_000, None, "INR", "150 crore rupees")]),
    ("yuan word", "100 million yuan", [A(100_000_000, None, "CNY", "100 million yuan")]),
    ("milestone mark", "crossed the $100 million mark", [A(100_000_000, None, "USD", "$100 million")]),
    # --- Bounds and estimates ---
    ("more than", "more than $5 million", [A(5_000_000, None, "USD", "more than $5 million", bound="lower")]),
    (
        "in excess of",
        "in excess of $5 million",
        [A(5_000_000, None, "USD", "in excess of $5 million", bound="lower")],
    ),
    ("at least", "at least $5 million", [A(5_000_000, None, "USD", "at least $5 million", bound="lower")]),
    (
        "upwards of",
        "upwards of $5 million",
        [A(5_000_000, None, "USD", "upwards of $5 million", bound="lower")],
    ),
    ("plus suffix", "$100 million+", [A(100_000_000, None, "USD", "$100 million+", bound="lower")]),
    ("plus before scale", "$100+ million", [A(100_000_000, None, "USD", "$100+ million", bound="lower")]),
    (
        "Over capitalised",
        "Over $100 million",
        [A(100_000_000, None, "USD", "Over $100 million", bound="lower")],
    ),
    ("under", "under $5 million", [A(5_000_000, None, "USD", "under $5 million", bound="upper")]),
    ("up to", "up to $5 million", [A(5_000_000, None, "USD", "up to $5 million", bound="upper")]),
    ("below", "below $5 million", [A(5_000_000, None, "USD", "below $5 million", bound="upper")]),
    (
        "nearly",
        "nearly $5 million",
        [A(5_000_000, None, "USD", "nearly $5 million", est=True, bound="upper")],
    ),
    (
        "almost",
        "almost $5 million",
        [A(5_000_000, None, "USD", "almost $5 million", est=True, bound="upper")],
    ),
    ("est.", "est. $5 million", [A(5_000_000, None, "USD", "est. $5 million", est=True)]),
    ("estimated", "estimated $5 million", [A(5_000_000, None, "USD", "estimated $5 million", est=True)]),
    (
        "an estimated",
        "an estimated $5 million",
        [A(5_000_000, None, "USD", "an estimated $5 million", est=True)],
    ),
    ("approx.", "approx. $5 million", [A(5_000_000, None, "USD", "approx. $5 million", est=True)]),
    (
        "approximately",
        "approximately $5 million",
        [A(5_000_000, None, "USD", "approximately $5 million", est=True)],
    ),
    ("about", "about $5 million", [A(5_000_000, None, "USD", "about $5 million", est=True)]),
    ("around", "around $5 million", [A(5_000_000, None, "USD", "around $5 million", est=True)]),
    ("tilde", "~$5 million", [A(5_000_000, None, "USD", "~$5 million", est=True)]),
    ("c.", "c. $5 million", [A(5_000_000, None, "USD", "c. $5 million", est=True)]),
    ("est. note after", "$5 million (est.)", [A(5_000_000, None, "USD", "$5 million (est.)", est=True)]),
    (
        "estimated note after",
        "$5 million (estimated)",
        [A(5_000_000, None, "USD", "$5 million (estimated)", est=True)],
    ),
    # --- Territories ---
    ("world", "$5 million (world)", [A(5_000_000, None, "USD", "$5 million (world)", territory="worldwide")]),
    (
        "global",
        "$5 million (global)",
        [A(5_000_000, None, "USD", "$5 million (global)", territory="worldwide")],
    ),
    ("total", "$5 million (total)", [A(5_000_000, None, "USD", "$5 million (total)", territory="worldwide")]),
    (
        "domestic",
        "$55 million (domestic)",
        [A(55_000_000, None, "USD", "$55 million (domestic)", territory="North America")],
    ),
    ("US", "$5 million (US)", [A(5_000_000, None, "USD", "$5 million (US)", territory="United States")]),
    (
        "U.S.",
        "$5 million (U.S.)",
        [A(5_000_000, None, "USD", "$5 million (U.S.)", territory="United States")],
    ),
    ("USA", "$5 million (USA)", [A(5_000_000, None, "USD", "$5 million (USA)", territory="United States")]),
    (
        "United States",
        "$5 million (United States)",
        [A(5_000_000, None, "USD", "$5 million (United States)", territory="United States")],
    ),
    (
        "US and Canada",
        "$5 million (US and Canada)",
        [A(5_000_000, None, "USD", "$5 million (US and Canada)", territory="North America")],
    ),
    (
        "United States and Canada",
        "$5 million (United States and Canada)",
        [A(5_000_000, None, "USD", "$5 million (United States and Canada)", territory="North America")],
    ),
    ("Japan", "¥3 billion (Japan)", [A(3_000_000_000, None, "JPY", "¥3 billion (Japan)", territory="Japan")]),
    ("India", "₹150 crore (India)", [A(1_500_000_000, None, "INR", "₹150 crore (India)", territory="India")]),
    (
        "overseas capitalised",
        "$5 million (overseas)",
        [A(5_000_000, None, "USD", "$5 million (overseas)", territory="overseas")],
    ),
    (
        "leading worldwide label",
        "Worldwide: $411.6 million",
        [A(411_600_000, None, "USD", "Worldwide: $411.6 million", territory="worldwide")],
    ),
    (
        "leading north america label",
        "North America: $55 million",
        [A(55_000_000, None, "USD", "North America: $55 million", territory="North America")],
    ),
    ("label that is not a territory", "Budget: $5 million", [A(5_000_000, None, "USD", "$5 million")]),
    (
        "trailing worldwide",
        "$411.6 million worldwide",
        [A(411_600_000, None, "USD", "$411.6 million worldwide", territory="worldwide")],
    ),
    (
        "trailing in north america",
        "$5 million in North America",
        [A(5_000_000, None, "USD", "$5 million in North America", territory="North America")],
    ),
    (
        "note that is not a territory",
        "$5 million (first run)",
        [A(5_000_000, None, "USD", "$5 million (first run)")],
    ),
    (
        "note with a year",
        "$5 million (1997 re-release)",
        [A(5_000_000, None, "USD", "$5 million (1997 re-release)")],
    ),
    (
        "estimate and territory",
        "$1–2 million (est.) (Japan)",
        [A(1_000_000, 2_000_000, "USD", "$1–2 million (est.) (Japan)", est=True, territory="Japan")],
    ),
    # --- Several amounts in one value ---
    (
        "lines",
        "$25 million (North America)\n$40 million (worldwide)",
        [
            A(25_000_000, None, "USD", "$25 million (North America)", territory="North America"),
            A(40_000_000, None, "USD", "$40 million (worldwide)", territory="worldwide"),
        ],
    ),
    (
        "semicolon",
        "$5 million; $10 million",
        [A(5_000_000, None, "USD", "$5 million"), A(10_000_000, None, "USD", "$10 million")],
    ),
    (
        "nett and gross",
        "₹55 crore (nett) / ₹80 crore (gross)",
        [A(550_000_000, None, "INR", "₹55 crore (nett)"), A(800_000_000, None, "INR", "₹80 crore (gross)")],
    ),
    (
        "and is not a range without between",
        "$5 million and $6 million",
        [A(5_000_000, None, "USD", "$5 million"), A(6_000_000, None, "USD", "$6 million")],
    ),
    (
        "conversion in parentheses is a note of the first amount, not a second one",
        "¥1.5 billion (US$13 million)",
        [A(1_500_000_000, None, "JPY", "¥1.5 billion (US$13 million)")],
    ),
    (
        "labels per line",
        "North America: $55 million\nWorldwide: $411.6 million",
        [
            A(55_000_000, None, "USD", "North America: $55 million", territory="North America"),
            A(411_600_000, None, "USD", "Worldwide: $411.6 million", territory="worldwide"),
        ],
    ),
    # --- Inflation equivalents are skipped ---
    (
        "equivalent in parentheses",
        "$3 million (equivalent to $44 million in 2019)",
        [A(3_000_000, None, "USD", "$3 million")],
    ),
    (
        "equivalent after comma",
        "$3 million, equivalent to $44 million in 2019",
        [A(3_000_000, None, "USD", "$3 million")],
    ),
    (
        "in year dollars",
        "$3 million ($44 million in 2020 dollars)",
        [A(3_000_000, None, "USD", "$3 million")],
    ),
    (
        "adjusted for inflation after",
        "$3 million ($44 million adjusted for inflation)",
        [A(3_000_000, None, "USD", "$3 million")],
    ),
    (
        "adjusted for inflation before",
        "$3 million (adjusted for inflation: $44 million)",
        [A(3_000_000, None, "USD", "$3 million")],
    ),
    ("only an inflation figure", "$44 million in 2020 dollars", []),
    # --- Spaces ---
    # as_written stays verbatim, so callers can find it in their text.
    ("literal nbsp entity", "$836.8&nbsp;million", [A(836_800_000, None, "USD", "$836.8&nbsp;million")]),
    (
        "nbsp before a note",
        "£5\xa0million\xa0(UK)",
        [A(5_000_000, None, "GBP", "£5\xa0million\xa0(UK)", territory="United Kingdom")],
    ),
    (
        "entities and a second amount",
        "$1&ndash;2&nbsp;million (US); £3&nbsp;million (UK)",
        [
            A(1_000_000, 2_000_000, "USD", "$1&ndash;2&nbsp;million (US)", territory="United States"),
            A(3_000_000, None, "GBP", "£3&nbsp;million (UK)", territory="United Kingdom"),
        ],
    ),
    # --- Negative cases ---
    ("empty", "", []),
    ("a year", "1995", []),
    ("a year in prose", "Released in 1995", []),
    ("a year range", "1995–2000", []),
    ("a runtime", "120 minutes", []),
    ("not available", "N/A", []),
    ("to be announced", "TBA", []),
    ("a count with separators inside prose", "1,234,567 people attended", []),
    ("a count with separators", "2,000 prints", []),
    ("a plain number", "1234567", []),
    ("an abbreviation needs a currency", "a statue 5 m tall", []),
    ("a currency sign alone", "$", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_amounts(text, expected):
    assert parse_amounts(text) == expected


# The yen argument decides what "¥" means; other markers ignore it.
YEN_CASES = [
    ("default JPY", "¥30.4 billion", "JPY", [A(30_400_000_000, None, "JPY", "¥30.4 billion")]),
    ("CNY for a Chinese film", "¥30.4 billion", "CNY", [A(30_400_000_000, None, "CNY", "¥30.4 billion")]),
    ("CN¥ is always CNY", "CN¥100 million", "JPY", [A(100_000_000, None, "CNY", "CN¥100 million")]),
    ("the word yen is always JPY", "3 billion yen", "CNY", [A(3_000_000_000, None, "JPY", "3 billion yen")]),
    ("dollars unaffected", "$5 million", "CNY", [A(5_000_000, None, "USD", "$5 million")]),
]


@pytest.mark.parametrize(
    ("text", "yen", "expected"), [c[1:] for c in YEN_CASES], ids=[c[0] for c in YEN_CASES]
)
def test_parse_amounts_yen(text, yen, expected):
    assert parse_amounts(text, yen=yen) == expected


def test_yen_is_keyword_only():
    with pytest.raises(TypeError):
        parse_amounts("¥5 billion", "CNY")  # type: ignore[misc]


TERRITORY_CASES = [
    ("worldwide", "worldwide"),
    ("Worldwide", "worldwide"),
    ("world", "worldwide"),
    ("global", "worldwide"),
    ("total", "worldwide"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("United States", "United States"),
    ("the United States", "United States"),
    ("North America", "North America"),
    ("domestic", "North America"),
    ("US and Canada", "North America"),
    ("US & Canada", "North America"),
    ("United States and Canada", "North America"),
    ("Japan", "Japan"),
    ("overseas", "overseas"),
    ("international", "overseas"),
]


@pytest.mark.parametrize(("raw", "expected"), TERRITORY_CASES, ids=[c[0] for c in TERRITORY_CASES])
def test_normalize_territory(raw, expected):
    assert normalize_territory(raw) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_as_written_is_verbatim(text, expected):
    # Every as_written is a piece of the input, in order, so callers can locate amounts.
    cursor = 0
    for amount in parse_amounts(text):
        pos = text.find(amount.as_written, cursor)
        assert pos >= 0
        cursor = pos + len(amount.as_written)


# --- Unseen articles: infobox values of tests/fixtures/unseen/*.wiki as wikitext.render gives
# them (templates already rendered), amounts worked out by hand --------------------------------

UNSEEN_CASES = [
    # label, text, yen, expected
    (
        "INRConvert rendered, estimate",
        "est. INR 460 crore",
        "JPY",
        [A(4_600_000_000, None, "INR", "est. INR 460 crore", est=True)],
    ),
    ("rupee sign and crore", "₹55 crore", "JPY", [A(550_000_000, None, "INR", "₹55 crore")]),
    ("rupee sign, crore range", "₹55–60 crore", "JPY", [A(550_000_000, 600_000_000, "INR", "₹55–60 crore")]),
    ("Rs. and crore", "Rs. 55 crore", "JPY", [A(550_000_000, None, "INR", "Rs. 55 crore")]),
    (
        "yuan with a dollar conversion on the next line",
        "¥5.69 billion\n(US$870.3 million)",
        "CNY",
        [A(5_690_000_000, None, "CNY", "¥5.69 billion"), A(870_300_000, None, "USD", "US$870.3 million")],
    ),
    (
        "domestic and worldwide lines",
        "$77.4 million (domestic)\n$127.4 million (worldwide)",
        "JPY",
        [
            A(77_400_000, None, "USD", "$77.4 million (domestic)", territory="North America"),
            A(127_400_000, None, "USD", "$127.4 million (worldwide)", territory="worldwide"),
        ],
    ),
    (
        "a note and an emptied inflation equivalent",
        "$3.7 million (initial release)\n(equivalent to $ million in )",
        "JPY",
        [A(3_700_000, None, "USD", "$3.7 million (initial release)")],
    ),
    (
        "range of full figures",
        "$878,000–1,039,000",
        "JPY",
        [A(878_000, 1_039_000, "USD", "$878,000–1,039,000")],
    ),
    (
        "JPY code, then dollars",
        "JPY 25.03 billion (Japan)\nUS$382.2 million (worldwide)",
        "JPY",
        [
            A(25_030_000_000, None, "JPY", "JPY 25.03 billion (Japan)", territory="Japan"),
            A(382_200_000, None, "USD", "US$382.2 million (worldwide)", territory="worldwide"),
        ],
    ),
    ("euro sign", "€9.5 million", "JPY", [A(9_500_000, None, "EUR", "€9.5 million")]),
    ("euro code after the number", "9.5 million EUR", "JPY", [A(9_500_000, None, "EUR", "9.5 million EUR")]),
    (
        "decimal after nbsp rendered as a space",
        "$836.8 million",
        "JPY",
        [A(836_800_000, None, "USD", "$836.8 million")],
    ),
]


@pytest.mark.parametrize(
    ("text", "yen", "expected"), [c[1:] for c in UNSEEN_CASES], ids=[c[0] for c in UNSEEN_CASES]
)
def test_parse_amounts_unseen_articles(text, yen, expected):
    assert parse_amounts(text, yen=yen) == expected


# --- Every currency: signs and prefixes, shared signs resolved by the film's country, and a
# conversion in parentheses kept with the first amount. Hand-written shapes. ----------------------

CURRENCY_CASES = [
    # label, text, keyword arguments, expected
    (
        "rupiah prefix with a dollar conversion",
        "Rp 5 billion ($600,000)",
        {},
        [A(5_000_000_000, None, "IDR", "Rp 5 billion ($600,000)")],
    ),
    ("peso sign with centavos", "₱3,000,000.00", {}, [A(3_000_000, None, "PHP", "₱3,000,000.00")]),
    ("real", "R$ 2 million", {}, [A(2_000_000, None, "BRL", "R$ 2 million")]),
    ("Australian dollar", "A$5 million", {}, [A(5_000_000, None, "AUD", "A$5 million")]),
    ("Canadian dollar", "C$3 million", {}, [A(3_000_000, None, "CAD", "C$3 million")]),
    ("Hong Kong dollar", "HK$10 million", {}, [A(10_000_000, None, "HKD", "HK$10 million")]),
    ("New Taiwan dollar", "NT$50 million", {}, [A(50_000_000, None, "TWD", "NT$50 million")]),
    ("won sign", "₩2 billion", {}, [A(2_000_000_000, None, "KRW", "₩2 billion")]),
    ("ringgit prefix", "RM 3 million", {}, [A(3_000_000, None, "MYR", "RM 3 million")]),
    ("taka prefix", "Tk 2 crore", {}, [A(20_000_000, None, "BDT", "Tk 2 crore")]),
    ("taka sign", "৳1.5 crore", {}, [A(15_000_000, None, "BDT", "৳1.5 crore")]),
    ("Rs. of a Pakistani film", "Rs. 4 crore", {"rupee": "PKR"}, [A(40_000_000, None, "PKR", "Rs. 4 crore")]),
    ("Rs. defaults to the Indian rupee", "Rs. 4 crore", {}, [A(40_000_000, None, "INR", "Rs. 4 crore")]),
    (
        "kr of a Swedish film, after the number",
        "12 million kr",
        {"krone": "SEK"},
        [A(12_000_000, None, "SEK", "12 million kr")],
    ),
    (
        "kr of a Danish film, before",
        "kr 8 million",
        {"krone": "DKK"},
        [A(8_000_000, None, "DKK", "kr 8 million")],
    ),
    (
        "kr without a country names no currency",
        "kr 8 million",
        {},
        [A(8_000_000, None, None, "kr 8 million")],
    ),
    ("Swiss franc code", "CHF 4.2 million", {}, [A(4_200_000, None, "CHF", "CHF 4.2 million")]),
    ("złoty after the number", "7 million zł", {}, [A(7_000_000, None, "PLN", "7 million zł")]),
    (
        "conversion with approx. kept as the note",
        "₩3.5 billion (approx. US$3 million) (South Korea)",
        {},
        [
            A(
                3_500_000_000,
                None,
                "KRW",
                "₩3.5 billion (approx. US$3 million) (South Korea)",
                territory="South Korea",
            )
        ],
    ),
    (
        "two currencies on two lines stay two amounts",
        "₱20 million\n$400,000",
        {},
        [A(20_000_000, None, "PHP", "₱20 million"), A(400_000, None, "USD", "$400,000")],
    ),
    (
        "an inflation equivalent is no conversion",
        "RM 2 million (equivalent to RM 3 million in 2020)",
        {},
        [A(2_000_000, None, "MYR", "RM 2 million")],
    ),
    ("feet are not a currency", "5 ft", {}, []),
    ("a code doubled by the dollar sign", "USD$1 million", {}, [A(1_000_000, None, "USD", "USD$1 million")]),
]


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"), [c[1:] for c in CURRENCY_CASES], ids=[c[0] for c in CURRENCY_CASES]
)
def test_every_currency(text, kwargs, expected):
    assert parse_amounts(text, **kwargs) == expected


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{Philippine peso|3,000,000.00}}", [A(3_000_000, None, "PHP", "PHP 3,000,000.00")]),
        ("{{GBP|2.5 million}}", [A(2_500_000, None, "GBP", "GBP 2.5 million")]),
        ("{{EUR|900,000}}", [A(900_000, None, "EUR", "EUR 900,000")]),
        ("{{KRW|4 billion}}", [A(4_000_000_000, None, "KRW", "KRW 4 billion")]),
        ("{{INRConvert|12|c}}", [A(120_000_000, None, "INR", "INR 12 crore")]),
        ("{{Swedish krona|15 million}}", [A(15_000_000, None, "SEK", "SEK 15 million")]),
        (
            "{{Indonesian rupiah|5 billion}} ({{US$|600,000}})",
            [A(5_000_000_000, None, "IDR", "IDR 5 billion (US$600,000)")],
        ),
    ],
    ids=["Philippine peso", "GBP", "EUR", "KRW", "INRConvert", "Swedish krona", "rupiah with a conversion"],
)
def test_currency_templates(wikitext, expected):
    from etl.lib.wiki import wikitext as wt

    ctx = wt.Context()
    assert parse_amounts(wt.render(wt.parse(wikitext), ctx)) == expected
    assert not ctx.unknown
