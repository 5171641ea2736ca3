"""Territories: the one normaliser of the place names facts are stated for.

``resolve(text)`` turns a territory as written ("US", "U.S.", "USA", "America", "the United
States", "domestic", "overseas", "Worldwide") into a ``Territory``: its display name, its ISO
3166-1 alpha-2 code when it is a country that has one, and its kind (``country``, ``region``,
``worldwide`` or ``market``). ``normalise(text)`` is the display name alone. Box office, releases,
distributors, home media and the countries of production all name territories through it, so
one territory is one ``dim_territory`` row whatever the spelling. A name the tables below do not
list keeps its spelling (without a leading "the") and has no kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ALIASES",
    "COUNTRIES",
    "MARKET_ALIASES",
    "PLACE_ALIASES",
    "PLACES",
    "Territory",
    "normalise",
    "resolve",
]


@dataclass(frozen=True)
class Territory:
    name: str
    iso_3166: str | None
    kind: str | None


# Countries (as film articles name them, current and historical) -> ISO 3166-1 alpha-2 (None
# for states that no longer have a code).
COUNTRIES: dict[str, str | None] = {
    "United States": "US",
    "United Kingdom": "GB",
    "England": None,
    "Scotland": None,
    "Wales": None,
    "Northern Ireland": None,
    "Ireland": "IE",
    "Canada": "CA",
    "Mexico": "MX",
    "Brazil": "BR",
    "Argentina": "AR",
    "Chile": "CL",
    "Colombia": "CO",
    "Peru": "PE",
    "Venezuela": "VE",
    "France": "FR",
    "Germany": "DE",
    "West Germany": None,
    "East Germany": None,
    "Austria": "AT",
    "Switzerland": "CH",
    "Italy": "IT",
    "Spain": "ES",
    "Portugal": "PT",
    "Netherlands": "NL",
    "Belgium": "BE",
    "Luxembourg": "LU",
    "Denmark": "DK",
    "Norway": "NO",
    "Sweden": "SE",
    "Finland": "FI",
    "Iceland": "IS",
    "Poland": "PL",
    "Czech Republic": "CZ",
    "Czechoslovakia": None,
    "Slovakia": "SK",
    "Hungary": "HU",
    "Romania": "RO",
    "Bulgaria": "BG",
    "Greece": "GR",
    "Turkey": "TR",
    "Russia": "RU",
    "Soviet Union": None,
    "Ukraine": "UA",
    "Israel": "IL",
    "Egypt": "EG",
    "Iran": "IR",
    "Iraq": "IQ",
    "Saudi Arabia": "SA",
    "United Arab Emirates": "AE",
    "India": "IN",
    "Pakistan": "PK",
    "Bangladesh": "BD",
    "Sri Lanka": "LK",
    "Nepal": "NP",
    "China": "CN",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Taiwan": "TW",
    "Japan": "JP",
    "South Korea": "KR",
    "North Korea": "KP",
    "Philippines": "PH",
    "Vietnam": "VN",
    "Thailand": "TH",
    "Malaysia": "MY",
    "Singapore": "SG",
    "Indonesia": "ID",
    "Australia": "AU",
    "New Zealand": "NZ",
    "South Africa": "ZA",
    "Nigeria": "NG",
    "Kenya": "KE",
    "Morocco": "MA",
}
REGIONS = (
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Europe",
    "Asia",
    "Southeast Asia",
    "East Asia",
    "South Asia",
    "Middle East",
    "Africa",
    "Oceania",
    "Scandinavia",
    "Benelux",
    "Australasia",
)
# Places release prose names as territories: countries and the regions above. Matched as
# whole words, case-sensitive.
PLACES = [
    "United States of America",
    "United States",
    "United Kingdom",
    "Great Britain",
    "Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Ireland",
    "Republic of Ireland",
    "Canada",
    "Mexico",
    "Brazil",
    "Argentina",
    "Chile",
    "Colombia",
    "Peru",
    "Venezuela",
    "France",
    "Germany",
    "West Germany",
    "East Germany",
    "Austria",
    "Switzerland",
    "Italy",
    "Spain",
    "Portugal",
    "Netherlands",
    "the Netherlands",
    "Belgium",
    "Luxembourg",
    "Denmark",
    "Norway",
    "Sweden",
    "Finland",
    "Iceland",
    "Poland",
    "Czech Republic",
    "Czechoslovakia",
    "Slovakia",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Greece",
    "Turkey",
    "Russia",
    "Soviet Union",
    "USSR",
    "Ukraine",
    "Israel",
    "Egypt",
    "Iran",
    "Iraq",
    "Saudi Arabia",
    "United Arab Emirates",
    "UAE",
    "India",
    "Pakistan",
    "Bangladesh",
    "Sri Lanka",
    "Nepal",
    "China",
    "Hong Kong",
    "Macau",
    "Taiwan",
    "Japan",
    "South Korea",
    "North Korea",
    "Korea",
    "Philippines",
    "the Philippines",
    "Vietnam",
    "Thailand",
    "Malaysia",
    "Singapore",
    "Indonesia",
    "Australia",
    "New Zealand",
    "South Africa",
    "Nigeria",
    "Kenya",
    "Morocco",
    "US",
    "U.S.",
    "USA",
    "U.S.A.",
    "UK",
    "U.K.",
    "America",
    *REGIONS,
]
WORLDWIDE = "worldwide"
MARKETS = ("overseas",)  # the market outside a film's home market

# How prose names a place: abbreviations and adjectives (lower case) -> the territory's name.
PLACE_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "america": "United States",
    "american": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "british": "United Kingdom",
    "republic of ireland": "Ireland",
    "european": "Europe",
    "north american": "North America",
    "south american": "South America",
    "latin american": "Latin America",
    "asian": "Asia",
    "african": "Africa",
    "scandinavian": "Scandinavia",
    "australian": "Australia",
    "canadian": "Canada",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "argentine": "Argentina",
    "french": "France",
    "german": "Germany",
    "west german": "West Germany",
    "austrian": "Austria",
    "swiss": "Switzerland",
    "italian": "Italy",
    "spanish": "Spain",
    "portuguese": "Portugal",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "danish": "Denmark",
    "norwegian": "Norway",
    "swedish": "Sweden",
    "finnish": "Finland",
    "polish": "Poland",
    "hungarian": "Hungary",
    "greek": "Greece",
    "turkish": "Turkey",
    "russian": "Russia",
    "soviet": "Soviet Union",
    "ussr": "Soviet Union",
    "israeli": "Israel",
    "indian": "India",
    "pakistani": "Pakistan",
    "chinese": "China",
    "taiwanese": "Taiwan",
    "japanese": "Japan",
    "korea": "South Korea",
    "korean": "South Korea",
    "south korean": "South Korea",
    "filipino": "Philippines",
    "thai": "Thailand",
    "vietnamese": "Vietnam",
    "malaysian": "Malaysia",
    "indonesian": "Indonesia",
    "irish": "Ireland",
    "english": "England",
    "scottish": "Scotland",
    "south african": "South Africa",
    "uae": "United Arab Emirates",
}
# How box-office figures name a market, never a place of release.
MARKET_ALIASES: dict[str, str] = {
    "domestic": "North America",
    "domestically": "North America",
    "us and canada": "North America",
    "usa and canada": "North America",
    "united states and canada": "North America",
    "canada and us": "North America",
    "canada and united states": "North America",
    "world": WORLDWIDE,
    "world-wide": WORLDWIDE,
    "world wide": WORLDWIDE,
    "global": WORLDWIDE,
    "globally": WORLDWIDE,
    "total": WORLDWIDE,
    "worldwide total": WORLDWIDE,
    "total worldwide": WORLDWIDE,
    "international": "overseas",
    "internationally": "overseas",
    "foreign": "overseas",
    "abroad": "overseas",
    "outside north america": "overseas",
    "rest of the world": "overseas",
    "rest of world": "overseas",
}
ALIASES: dict[str, str] = PLACE_ALIASES | MARKET_ALIASES
_NAMES = {n.lower(): n for n in (*COUNTRIES, *REGIONS, WORLDWIDE, *MARKETS)}


def _key(text: str) -> str:
    key = text.lower().replace("&", " and ").replace("/", " and ").replace(".", "")
    key = re.sub(r"\s+", " ", key).strip(" ,;:")
    key = re.sub(r"^the ", "", key)
    return re.sub(r" the (?=us\b|united states\b)", " ", key)


def normalise(text: str) -> str:
    """The territory's display name: an alias or spelling of a listed territory gives its
    name; anything else is kept as written (spaces collapsed, no leading "the", first letter
    upper case)."""
    key = _key(text)
    if key in _NAMES:
        return _NAMES[key]
    if key in ALIASES:
        return ALIASES[key]
    shown = re.sub(r"\s+", " ", text).strip(" ,;:")
    shown = re.sub(r"^the\s+", "", shown, flags=re.I)
    return shown[:1].upper() + shown[1:]


def resolve(text: str) -> Territory:
    name = normalise(text)
    if name in COUNTRIES:
        return Territory(name, COUNTRIES[name], "country")
    if name in REGIONS:
        return Territory(name, None, "region")
    if name == WORLDWIDE:
        return Territory(name, None, "worldwide")
    if name in MARKETS:
        return Territory(name, None, "market")
    return Territory(name, None, None)
