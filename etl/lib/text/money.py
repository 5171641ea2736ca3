"""The one money parser of the project.

API:

- ``parse_amounts(text: str, *, yen="JPY", rupee="INR", krone=None) -> list[Amount]``: every amount in a plain-text
  value (wikitext already rendered to text by ``etl.lib.wiki.wikitext``), one ``Amount`` each.
- ``normalize_territory(raw: str) -> str``: the territory names of ``territory.normalise`` ("worldwide",
  "United States", "North America", else as written, capitalised), for callers that read a territory
  elsewhere (a table heading, a field name).

How it works: one regular expression finds the core of an amount (qualifiers such as "over",
a currency prefix, a number, a scale word, an optional second number for a range, a currency word
or code after it). Python code then reads the words around that core: a "+" suffix, notes in
parentheses ("(North America)", "(est.)", "(nett)"), a trailing "worldwide", a leading
"Worldwide:" label, and drops amounts that are inflation equivalents.

Rules of thumb:

- An amount needs a currency marker or a scale word ("5 million"); a bare number is only an
  amount when it is the whole value and has thousands separators ("1,234,567"). Scale
  abbreviations ("5m", "5bn", "500k") count only next to a currency, since "5 m" is a length.
- Currencies are never guessed from context and never converted: no marker means
  ``currency=None`` (the caller counts such an amount as a problem). Signs several countries
  share follow the caller's arguments, which come from the film's country: "¥" (Japan or
  China) the ``yen`` argument, "Rs" (India, Pakistan, Sri Lanka, Nepal) ``rupee``, "kr"
  (Sweden, Norway, Denmark, Iceland) ``krone``. Other signs and prefixes name one currency:
  "Rp" IDR, "RM" MYR, "Tk" / "৳" BDT, "zł" PLN, "R$" BRL, "NT$" TWD, "₱" PHP, "₩" KRW, ...
- A conversion given in parentheses on the same line ("Rp 5 billion ($600,000)") is no second
  amount: it stays in the first amount's ``as_written`` (the note of the figure), in the first
  currency. On its own line it is an amount in its own right. Inflation equivalents ("equivalent to $44 million in
  2019", "$x in 2020 dollars", "adjusted for inflation") are skipped.

Pure Python: no Dagster, no Polars.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from etl.lib.model import Amount
from etl.lib.text import territory

__all__ = ["ISO_CODES", "normalize_territory", "parse_amounts"]

# --- Currencies -------------------------------------------------------------------------------

# ISO 4217 codes accepted as a prefix ("USD 5 million", "JPY 3 billion") or suffix
# ("3 billion JPY"): the current ones films are budgeted and reported in, plus the pre-euro and
# other retired codes older films use. Case-sensitive: "the" is not a code.
ISO_CODES = frozenset(
    """
    AED ARS AUD BDT BGN BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR IRR ISK
    JPY KES KRW KZT LKR MAD MXN MYR NGN NOK NPR NZD PEN PHP PKR PLN QAR RON RSD RUB SAR SEK SGD
    THB TRY TWD UAH USD VND ZAR
    ATS BEF DEM ESP FIM FRF GRD IEP ITL NLG PTE SUR YUG
    """.split()
)

# Letters written before "$" and the dollar they mean; a bare "$" is USD.
_DOLLAR_PREFIXES = {
    "US": "USD", "U.S.": "USD",
    "A": "AUD", "AU": "AUD", "Aus": "AUD",
    "C": "CAD", "CA": "CAD", "Can": "CAD", "CDN": "CAD",
    "HK": "HKD", "NZ": "NZD", "R": "BRL", "S": "SGD", "SG": "SGD",
    "NT": "TWD", "MX": "MXN", "Mex": "MXN",
    # A code doubled by the sign ("[[USD]]$1 million" renders "USD$1 million").
    "USD": "USD", "AUD": "AUD", "CAD": "CAD", "HKD": "HKD", "NZD": "NZD", "SGD": "SGD",
    "TWD": "TWD", "MXN": "MXN", "BRL": "BRL",
}  # fmt: skip

# Currency signs other than dollars. "¥" alone is resolved with the ``yen`` argument.
_SIGNS = {
    "£": "GBP", "€": "EUR", "₹": "INR", "₩": "KRW", "₱": "PHP", "₽": "RUB", "₺": "TRY",
    "₪": "ILS", "฿": "THB", "₦": "NGN", "₫": "VND", "₴": "UAH",
    "CN¥": "CNY", "JP¥": "JPY", "RMB": "CNY", "DM": "DEM",
    "Rp": "IDR", "Rp.": "IDR", "RM": "MYR", "Tk": "BDT", "Tk.": "BDT", "৳": "BDT", "zł": "PLN",
    "SKr": "SEK", "NKr": "NOK", "DKr": "DKK", "ISK": "ISK", "Kč": "CZK",
}  # fmt: skip
# Signs shared by several countries: resolved by the caller's ``rupee`` and ``krone`` arguments
# (the film's country), like "¥" by ``yen``. "Rs" is the rupee of India, Pakistan, Sri Lanka and
# Nepal; "kr" the crown of Sweden, Norway, Denmark and Iceland. Without an argument "kr" names
# no currency (the amount is then counted as a problem by the caller).
_RUPEE_SIGNS = {"Rs", "Rs."}
_KRONE_SIGNS = {"kr", "kr."}
# Signs written after the number: "5 million zł", "10 million kr".
_SUFFIX_SIGNS = {"zł": "PLN", "Kč": "CZK", "kr": None, "kr.": None}

# Currency words written after the number, with the adjectives that pick a country's unit.
# (word, adjective or "") -> code. Plurals are folded to the singular before lookup.
_WORDS = {
    ("dollar", ""): "USD", ("dollar", "us"): "USD", ("dollar", "u.s."): "USD",
    ("dollar", "american"): "USD", ("dollar", "australian"): "AUD",
    ("dollar", "canadian"): "CAD", ("dollar", "hong kong"): "HKD",
    ("dollar", "new zealand"): "NZD", ("dollar", "singapore"): "SGD",
    ("dollar", "taiwan"): "TWD", ("dollar", "new taiwan"): "TWD",
    ("pound", ""): "GBP", ("pound", "british"): "GBP", ("pound sterling", ""): "GBP",
    ("sterling", ""): "GBP",
    ("euro", ""): "EUR",
    ("yen", ""): "JPY", ("yen", "japanese"): "JPY",
    ("yuan", ""): "CNY", ("yuan", "chinese"): "CNY", ("renminbi", ""): "CNY",
    ("rupee", ""): "INR", ("rupee", "indian"): "INR", ("rupee", "pakistani"): "PKR",
    ("rupee", "sri lankan"): "LKR", ("rupee", "nepalese"): "NPR",
    ("won", ""): "KRW", ("won", "south korean"): "KRW", ("won", "korean"): "KRW",
    ("franc", ""): "FRF", ("franc", "french"): "FRF", ("franc", "swiss"): "CHF",
    ("franc", "belgian"): "BEF",
    ("mark", ""): "DEM", ("mark", "deutsche"): "DEM", ("mark", "german"): "DEM",
    ("deutsche mark", ""): "DEM", ("deutschmark", ""): "DEM",
    ("lira", ""): "ITL", ("lire", ""): "ITL", ("lira", "italian"): "ITL",
    ("lira", "turkish"): "TRY",
    ("peseta", ""): "ESP", ("guilder", ""): "NLG",
    ("ruble", ""): "RUB", ("rouble", ""): "RUB",
    ("peso", "mexican"): "MXN", ("peso", "philippine"): "PHP", ("peso", "argentine"): "ARS",
    ("peso", "chilean"): "CLP", ("peso", "colombian"): "COP",
    ("baht", ""): "THB", ("rand", ""): "ZAR", ("ringgit", ""): "MYR", ("rupiah", ""): "IDR",
    ("naira", ""): "NGN", ("reais", ""): "BRL",
}  # fmt: skip

# --- Scales -----------------------------------------------------------------------------------

# Spelled-out scale words: enough on their own to make a number an amount.
_SCALE_WORDS = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    "crore": 10**7, "crores": 10**7,
}  # fmt: skip
# Abbreviations: only next to a currency marker.
_SCALE_ABBREVIATIONS = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mil": 10**6, "mil.": 10**6,
    "b": 10**9, "bn": 10**9, "tn": 10**12, "cr": 10**7, "cr.": 10**7,
}  # fmt: skip
_LAKH_CRORE = 10**12  # "1.5 lakh crore" = 1.5 × 10^5 × 10^7
# Amounts from here up are not read (in any currency): see parse_amounts.
MAX_AMOUNT = 10**13

# --- The core pattern -------------------------------------------------------------------------


def _alt(options) -> str:
    """Regex alternation of literal strings, longest first."""
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


def _prefix(g: str) -> str:
    """A currency written before the number, captured as group ``g``."""
    return (
        rf"(?P<{g}>"
        # "US$", "A$", "HK$", "US $"; a bare "$" must not follow a letter ("Mex$" is listed,
        # an unknown "Z$" is not read as US dollars).
        rf"(?<![A-Za-z])(?:{_alt(_DOLLAR_PREFIXES)})\s?\$|(?<![A-Za-z$])\$"
        rf"|(?<![A-Za-z])(?:CN|JP)¥|¥"
        rf"|(?<![A-Za-z])(?:RMB|DM|Rs\.?|Rp\.?|RM|Tk\.?|SKr|NKr|DKr|kr\.?|zł|Kč)(?![A-Za-z])"
        rf"|[£€₹₩₱₽₺₪฿₦₫₴৳]"
        rf"|(?<![A-Za-z])(?:{_alt(ISO_CODES)})(?![A-Za-z])"
        r")\s*"
    )


# A number: Indian grouping (1,23,45,678), western grouping (1,234,567) or plain digits, with an
# optional decimal part; never the tail of a longer number.
_NUMBER = r"(?:\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|,\d)"


def _number(g: str, prefix_group: str) -> str:
    # Without a currency prefix the number must not follow a letter ("A5", "x10").
    return rf"(?<![\d.,])(?({prefix_group})|(?<![A-Za-z]))(?P<{g}>{_NUMBER}|\.\d+)"


def _scale(g: str) -> str:
    words = _alt([*_SCALE_WORDS, *_SCALE_ABBREVIATIONS])
    # "5 million", "5million", "5-million" (adjectival); "lakh crore" before "lakh".
    return rf"(?:-|\s*)(?P<{g}>(?i:lakh\s+crores?|{words}))(?![A-Za-z])"


_QUALIFIER = (
    r"(?:(?i:more\s+than|less\s+than|in\s+excess\s+of|at\s+least|at\s+most|upwards\s+of|up\s+to"
    r"|just\s+over|just\s+under|over|under|above|below|nearly|almost|an\s+estimated|estimated"
    r"|approximately|approx|about|around|roughly|circa|some)\b\.?"
    r"|(?i:est|approx|ca|c)\.|~)"
)

_ADJECTIVES = sorted({adj for _, adj in _WORDS if adj}, key=len, reverse=True)
# Currency words as written -> the base word of ``_WORDS``. Plurals take an "s"; a few units do
# not change. The singular "mark" is left out: "the $100 million mark" is a milestone.
_INVARIANT = {"yen", "yuan", "won", "renminbi", "baht", "rand", "ringgit", "rupiah", "naira",
              "reais", "sterling", "lira", "lire", "pound sterling"}  # fmt: skip
_WORD_FORMS = {w: w for w, _ in _WORDS if w != "mark"}
_WORD_FORMS |= {w + "s": w for w, _ in _WORDS if w not in _INVARIANT}
_WORD_FORMS["pounds sterling"] = "pound sterling"

_RANGE_SEPARATOR = (
    r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014\u2015]\s*|\s+(?i:to)\s+|(?(between)\s+(?i:and)\s+|(?!)))"
)


def _core(*, with_range: bool, with_suffix: bool) -> re.Pattern[str]:
    """The core of an amount: [qualifiers] [between] [currency] number [+] [scale]
    [range separator [currency] number [scale]] [currency word or code] [+]."""
    pattern = (
        r"(?<![A-Za-z])(?P<quals>(?:" + _QUALIFIER + r"\s*)*)"
        r"(?P<between>(?i:between)\s+)?"
        + "(?:"
        + _prefix("cur")
        + ")?"
        + _number("low", "cur")
        + r"(?P<plus0>\+)?"  # "$100+ million"
        + "(?:"
        + _scale("scale")
        + ")?"
    )
    if with_range:
        pattern += (
            "(?:" + _RANGE_SEPARATOR
            + "(?:" + _prefix("cur2") + ")?"
            + _number("high", "cur2")
            + "(?:" + _scale("scale2") + ")?"
            + ")?"
        )  # fmt: skip
    if with_suffix:
        # "dollars", "Australian dollars", "yen", "JPY" after the number.
        pattern += (
            r"(?:\s+(?:(?P<adj>(?i:" + "|".join(re.escape(a) for a in _ADJECTIVES) + r"))\s+)?"
            r"(?P<word>(?i:" + _alt(_WORD_FORMS) + r"))(?![A-Za-z])"
            r"|\s*(?P<isosuffix>" + _alt(ISO_CODES | {"DM"} | set(_SUFFIX_SIGNS)) + r")(?![A-Za-z]))?"
        )
    pattern += r"(?P<plus>\+(?![\d$£€¥₹]))?"
    return re.compile(pattern)


# Readings tried in turn at one position: the full one, then (when the range or the currency
# word contradicts the rest: different currencies, a low figure above the high one) simpler ones.
_CORES = [
    _core(with_range=True, with_suffix=True),
    _core(with_range=False, with_suffix=True),
    _core(with_range=False, with_suffix=False),
]

# --- Bounds, estimates, territories -----------------------------------------------------------

_LOWER = {"over", "more than", "in excess of", "at least", "upwards of", "above", "just over"}
_UPPER = {"less than", "under", "up to", "below", "at most", "just under"}
_UPPER_ESTIMATE = {"nearly", "almost"}
_ESTIMATE = {
    "est.", "estimated", "an estimated", "approx.", "approx", "approximately", "about", "around",
    "roughly", "circa", "ca.", "c.", "~", "some",
}  # fmt: skip
_EST_NOTE = re.compile(r"(?i)^(?:est\.?|estimated|approx\.?|approximate|approximately)$")

# Words that make a parenthesis a note about the figure rather than a territory.
_NOTE_WORDS = {
    "nett", "net", "gross", "share", "rental", "rentals", "opening", "weekend", "lifetime",
    "first", "run", "release", "re-release", "rerelease", "original", "distributor",
    "distributors", "theatrical", "version", "dubbed", "est", "estimated", "approx", "budget",
    "box", "office", "cost", "costs", "revenue", "earnings", "including", "excluding", "incl",
    "excl", "tax", "taxes", "prints", "advertising", "marketing", "production",
}  # fmt: skip


def normalize_territory(raw: str) -> str:
    """The territory's display name (``territory.normalise``): "worldwide", "United States",
    "North America", "overseas", ...; anything else as written with its first letter upper case."""
    return territory.normalise(raw)


def _as_territory(raw: str) -> str | None:
    """The territory a note names, or None when the note is something else ("nett", "2019")."""
    known = territory.resolve(raw)
    if known.kind is not None:
        return known.name
    key = re.sub(r"\s+", " ", raw.lower()).strip()
    if not key:
        return None
    words = re.findall(r"[a-z][a-z'-]*", key)
    # Otherwise a place name: capitalised, a few words, no digits, no note words.
    if (
        raw.strip()[:1].isupper()
        and not re.search(r"\d", raw)
        and len(words) <= 5
        and not set(words) & _NOTE_WORDS
    ):
        return normalize_territory(raw)
    return None


# A parenthesis right after an amount (no nesting, no line breaks).
_PAREN = re.compile(r"[ \t]*\(([^()\n]*)\)")
# A parenthesis we must not swallow as a note: it holds another amount or an inflation note.
_MONEYISH = re.compile(
    r"[$£€¥₹₩₱₽₺₪฿₦₫₴]|\d\s*(?i:million|billion|crore|lakh|thousand)|(?i:equivalent|inflation)"
)
_TRAILING_TERRITORY = re.compile(
    r"[ \t]+(?i:(worldwide|world-wide|globally|domestically|overseas|internationally)"
    r"|in\s+(north\s+america|the\s+united\s+states(?:\s+and\s+canada)?|the\s+u\.?s\.?(?:\s+and\s+canada)?))\b"
)
# "Worldwide: $x" at the start of the text or of a segment of it.
_LEADING_LABEL = re.compile(r"(?:^|[\n;,|()])\s*(?P<label>[A-Za-z][A-Za-z .&'/-]{0,40}?)\s*:\s*$")

# Inflation equivalents: the amount is dropped when preceded or followed by these.
_INFLATION_BEFORE = re.compile(
    r"(?i:(?:equivalent|equal)\s+to|adjusted\s+for\s+inflation|inflation[- ]adjusted(?:\s+\w+){0,3}"
    r"|in\s+\d{4}\s+(?:us\s+)?(?:dollars|terms|prices))\s*(?:of\s+|to\s+)?[:,]?\s*$"
)
_INFLATION_PHRASE = (
    r"(?:(?:when\s+)?adjusted\s+for\s+inflation|inflation[- ]adjusted|after\s+inflation"
    r"|in\s+(?:\d{4}|today'?s|current|present[- ]day)\s+(?:us\s+)?(?:dollars|terms|prices|money|value))"
)
# "$44 million in 2019 dollars", "($44 million adjusted for inflation)"; but not
# "$3 million (adjusted for inflation: $44 million)", where the phrase introduces the next figure.
_INFLATION_AFTER = re.compile(r"(?i:\s*,?\s*\(?\s*" + _INFLATION_PHRASE + r")(?![^()\n]{0,20}\d)")
# "in 2020 dollars" names a year, not an amount: blanked out before the search.
_IN_YEAR_MONEY = re.compile(r"(?i:\bin\s+\d{4}\s+(?:us\s+)?dollars)\b")

_ENTITIES = {"&nbsp;": " ", "&#160;": " ", "&ndash;": "–", "&mdash;": "—", "&minus;": "−"}
_SPACES = str.maketrans({c: " " for c in "\xa0\u2007\u2009\u200a\u202f"})


# --- Reading one match ------------------------------------------------------------------------


def _currency(prefix: str | None, local: dict[str, str | None]) -> str | None:
    """The code a sign or code names; ``local`` resolves the shared signs ("¥", "Rs", "kr")."""
    if not prefix:
        return None
    prefix = re.sub(r"\s+", "", prefix)
    if prefix == "¥":
        return local["¥"]
    if prefix in _RUPEE_SIGNS:
        return local["Rs"]
    if prefix in _KRONE_SIGNS:
        return local["kr"]
    if prefix in _SUFFIX_SIGNS:
        return _SUFFIX_SIGNS[prefix]
    if prefix.endswith("$"):
        return _DOLLAR_PREFIXES.get(prefix[:-1], "USD") if prefix != "$" else "USD"
    return _SIGNS.get(prefix) or (prefix if prefix in ISO_CODES else None)


def _word_currency(word: str | None, adj: str | None) -> str | None:
    """The currency a word after the number names: "dollars" USD, "Australian dollars" AUD;
    None for a word that needs an adjective it lacks ("pesos")."""
    if not word:
        return None
    base = _WORD_FORMS[re.sub(r"\s+", " ", word.lower())]
    a = re.sub(r"\s+", " ", (adj or "").lower())
    return _WORDS.get((base, a))


def _scale_of(scale: str | None) -> tuple[int, bool]:
    """(multiplier, is_word) for a scale as written; (1, False) when there is none."""
    if not scale:
        return 1, False
    s = re.sub(r"\s+", " ", scale.lower())
    if s.startswith("lakh crore"):
        return _LAKH_CRORE, True
    if s in _SCALE_WORDS:
        return _SCALE_WORDS[s], True
    return _SCALE_ABBREVIATIONS[s], False


def _value(number: str, scale: int) -> float:
    # Decimal keeps 836.8 × 10^6 at exactly 836800000.
    return float(Decimal(number.replace(",", "")) * scale)


def _read(m: re.Match[str], local: dict[str, str | None]) -> tuple[float, float, str | None, bool] | None:
    """(low, high, currency, has_scale_word) of a core match; None when the reading is
    inconsistent: two different currencies, or a range that is no range ("$3 million – 2001",
    a low figure above the high one). The caller then tries a simpler reading."""
    g = m.groupdict()
    low_scale, low_word = _scale_of(g["scale"])
    high_scale, high_word = _scale_of(g.get("scale2"))
    cur_low = _currency(g["cur"], local)
    cur_high = _currency(g.get("cur2"), local)
    cur_after = _currency(g.get("isosuffix"), local) or _word_currency(g.get("word"), g.get("adj"))
    currencies = {c for c in (cur_low, cur_high, cur_after) if c}
    if len(currencies) > 1:
        return None
    currency = currencies.pop() if currencies else None

    low = _value(g["low"], low_scale)
    if g.get("high") is None:
        return low, low, currency, low_word
    if g["scale"] is None and g["scale2"] is not None and "," not in g["low"]:
        # "$3.5–4 million": the first figure borrows the scale of the second;
        # "$500,000–1 million" is already complete.
        low = _value(g["low"], high_scale)
    elif g["scale"] is not None and g["scale2"] is None:
        # "$3 million – 2001" is not a range: the second figure needs its own scale.
        return None
    high = _value(g["high"], high_scale)
    if low > high:
        return None
    return low, high, currency, low_word or high_word


def _qualifiers(quals: str) -> tuple[bool, str | None]:
    """(is_estimate, bound) from the words before an amount."""
    is_estimate, bound = False, None
    for q in re.findall(_QUALIFIER, quals):
        q = re.sub(r"\s+", " ", q.lower())
        if q in _LOWER:
            bound = "lower"
        elif q in _UPPER:
            bound = "upper"
        elif q in _UPPER_ESTIMATE:
            bound, is_estimate = "upper", True
        elif q in _ESTIMATE or q.rstrip(".") in _ESTIMATE:
            is_estimate = True
    return is_estimate, bound


def _normalize(text: str) -> tuple[str, list[int]]:
    """The text with entities and non-breaking spaces made plain, and for every index of it
    (plus one past the end) the matching index of ``text``, so spans map back to the original."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        if text[i] == "&":
            entity = next((e for e in _ENTITIES if text.startswith(e, i)), None)
            if entity:
                out.append(_ENTITIES[entity])
                origin.append(i)
                i += len(entity)
                continue
        out.append(text[i].translate(_SPACES))
        origin.append(i)
        i += 1
    origin.append(len(text))
    return "".join(out), origin


def _is_conversion(inner: str, local: dict[str, str | None]) -> bool:
    """A parenthesis on the amount's line that holds exactly one amount in a named currency and
    nothing else but a few words ("$600,000", "US$27 million approx.", "≈ €3 million") is a
    conversion of the amount before it, not a second budget. Inflation equivalents are not
    conversions (they are dropped by the caller)."""
    if _INFLATION_BEFORE.search(inner) or re.search(r"(?i)equivalent|inflation|\d{4}\s+dollars", inner):
        return False
    found = parse_amounts(inner, yen=local["¥"] or "JPY", rupee=local["Rs"] or "INR", krone=local["kr"])
    if len(found) != 1 or found[0].currency is None:
        return False
    rest = inner.replace(found[0].as_written, " ")
    return len(re.findall(r"[A-Za-z]+", rest)) <= 3 and not re.search(r"\d", rest)


# --- Public API -------------------------------------------------------------------------------


def parse_amounts(
    text: str, *, yen: str = "JPY", rupee: str = "INR", krone: str | None = None
) -> list[Amount]:
    """Every money amount in ``text``, in order, one ``Amount`` each.

    ``yen`` is the currency "¥" stands for (pass "CNY" for Chinese films), ``rupee`` the one of
    "Rs" ("PKR" for Pakistani films), ``krone`` the one of "kr" (SEK, NOK, DKK, ISK; None when
    the film's country does not say). ``as_written`` is the
    text of the one amount with its qualifiers and notes, exactly as in ``text`` (so
    ``text.find(amount.as_written)`` locates it), stripped.
    """
    if not text:
        return []
    local: dict[str, str | None] = {"¥": yen, "Rs": rupee, "kr": krone}
    original = text
    text, origin = _normalize(original)
    whole = text.strip()
    # What the patterns search: same length as ``text``, with "in 2020 dollars" blanked out.
    scan = _IN_YEAR_MONEY.sub(lambda b: " " * len(b[0]), text)
    amounts: list[Amount] = []
    pos = 0
    while (first := _CORES[0].search(scan, pos)) is not None:
        # The first reading that is consistent at this position (the last one always is).
        for core in _CORES:
            m = core.match(scan, first.start())
            read = _read(m, local) if m else None
            if read is not None:
                break
        assert m is not None and read is not None  # the last reading always matches
        low, high, currency, has_scale_word = read
        start, end = m.start(), m.end()
        pos = end
        # No film costs or earns 10^13 in any currency: a longer figure is a typo or hostile
        # input (5,000 digits would be inf), so it is an unreadable value, never an amount.
        if not (math.isfinite(high) and high < MAX_AMOUNT):
            continue

        # A number without currency or scale word is a year or a count, unless it is the whole
        # value and written with separators ("1,234,567").
        if currency is None and not has_scale_word:
            if not ("," in m["low"] and text[start:end].strip() == whole):
                continue
        # Inflation equivalents are not amounts of the film.
        if _INFLATION_BEFORE.search(text, max(0, start - 80), start) or _INFLATION_AFTER.match(text, end):
            continue

        is_estimate, bound = _qualifiers(m["quals"])
        if m["plus"] or m["plus0"]:
            bound = "lower"

        territory = None
        # Notes in parentheses and a trailing territory word, in any order.
        while True:
            p = _PAREN.match(text, end)
            if p and currency is not None and _is_conversion(p[1], local):
                end = p.end()  # "Rp 5 billion ($600,000)": the conversion stays in as_written
                continue
            if p and not _MONEYISH.search(p[1]):
                note = p[1].strip()
                if _EST_NOTE.match(note):
                    is_estimate = True
                elif territory is None:
                    territory = _as_territory(note)
                end = p.end()
                continue
            t = _TRAILING_TERRITORY.match(text, end)
            if t and territory is None:
                territory = normalize_territory(t[1] or t[2])
                end = t.end()
                continue
            break
        pos = end

        # A leading label: "Worldwide: $x", "North America: $x".
        label = _LEADING_LABEL.search(text, max(0, start - 60), start)
        if label and territory is None:
            territory = _as_territory(label["label"])
            if territory is not None:
                start = label.start("label")

        amounts.append(
            Amount(
                low=low,
                high=high,
                currency=currency,
                as_written=original[origin[start] : origin[end]].strip(),
                is_estimate=is_estimate,
                bound=bound,
                territory=territory,
            )
        )
    return amounts
