"""Property tests: random and mutated input never raises out of the parsers, and what they
return stays within bounds (amounts finite and below 10^13). Deterministic (a derandomized
profile) and modest in examples, with no time-based deadline."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.lib.extract import accolades, imdb
from etl.lib.pipeline import intake
from etl.lib.text import dates, money
from etl.lib.text.money import MAX_AMOUNT
from etl.lib.wiki import wikitable, wikitext
from tests.conftest import SEEDS

FUZZ = settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Wikitext's structural tokens, money and date words, and hostile characters.
TOKENS = [
    "{{",
    "}}",
    "[[",
    "]]",
    "{|",
    "|}",
    "|-",
    "|",
    "!",
    "!!",
    "||",
    "=",
    "\n",
    " ",
    "'''",
    "<ref>",
    "</ref>",
    "<br>",
    "<!--",
    "-->",
    "&nbsp;",
    "$",
    "£",
    "€",
    "¥",
    "US$",
    "million",
    "billion",
    "crore",
    "lakh",
    "–",
    "-",
    ",",
    ".",
    "(",
    ")",
    "Infobox film",
    "Film date",
    "budget",
    "gross",
    "released",
    "January",
    "May",
    "1999",
    "2001",
    "31",
    "\x00",
    "\ufffd",
    "\ud800",
    "rowspan=2",
    "colspan=3",
    "Won",
    "Nominated",
    "Best Picture",
    "Academy Awards",
    "9" * 400,
    "\u00a0",
    "#REDIRECT",
    "IMDb",
    "Rating",
    "Release date",
]
wiki = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=60).map("".join)


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir())]


def _mutate(text: str, cuts: list[tuple[int, str]]) -> str:
    for at, piece in cuts:
        i = at % (len(text) + 1)
        text = text[:i] + piece + text[i:]
    return text


mutated = st.builds(
    _mutate,
    st.sampled_from(_seed_texts()),
    st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS)), max_size=12),
)
any_text = wiki | mutated


@FUZZ
@given(any_text)
def test_money_reads_any_text_into_finite_amounts_below_the_bound(text):
    for a in money.parse_amounts(text) + money.parse_amounts(text, yen="CNY"):
        assert math.isfinite(a.low) and math.isfinite(a.high)
        assert 0 <= a.low <= a.high < MAX_AMOUNT


@FUZZ
@given(any_text)
def test_dates_never_raise(text):
    dates.parse_date(text)
    dates.parse_date_range(text)
    for m in dates.find_dates(text, years=True):
        assert m is not None


@FUZZ
@given(any_text)
def test_wikitable_layout_never_raises(text):
    for table in wikitable.find_tables(text):
        rows = wikitable.layout(wikitable.parse_rows(table.lines))
        assert all(len(r.slots) == table.width for r in rows) or not rows
    for block in wikitable.blocks(text):
        assert block is not None


@FUZZ
@given(any_text)
def test_the_template_renderer_never_raises(text):
    ctx = wikitext.Context()
    assert isinstance(wikitext.render(text, ctx), str)


@FUZZ
@given(any_text, st.sampled_from(["Rocky", "", "{{", "Film"]))
def test_the_accolades_reader_never_raises(text, title):
    accolades.parse_accolades(text, title)


@FUZZ
@given(any_text)
def test_the_imdb_parsers_never_raise(text):
    imdb.is_imdb_title_page(text)
    imdb.is_imdb_reviews_page(text)
    imdb.parse_imdb_title(text)
    imdb.parse_imdb_reviews(text)
    imdb.filming_locations(text)


@FUZZ
@given(any_text)
def test_intake_detection_never_raises(text):
    assert isinstance(intake.detect_kind(text), str)
    intake.looks_like_wikitext(text)


@FUZZ
@given(st.binary(max_size=2000) | mutated.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_intake_reads_any_file_into_pages_or_rejections(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("in")
    (root / "doc.txt").write_bytes(data)
    src, rejection = intake.detect_file(root, root / "doc.txt")
    if rejection is None:
        for item in intake.pages(root, src):
            assert isinstance(item, (intake.Page, intake.Rejection))


def test_a_five_thousand_digit_budget_is_no_amount():
    assert money.parse_amounts("$" + "9" * 5000) == []
    assert money.parse_amounts("$12 trillion") == []
    assert [a.low for a in money.parse_amounts("$9.5 trillion")] == [9.5e12]
