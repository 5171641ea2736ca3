"""The one territory normaliser: spellings to one name, its ISO code and its kind."""

from __future__ import annotations

import pytest

from etl.lib.extract import releases
from etl.lib.text import money, territory
from etl.lib.text.territory import Territory

US = Territory("United States", "US", "country")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USA", US),
        ("US", US),
        ("U.S.", US),
        ("United States", US),
        ("America", US),
        ("the United States", US),
        ("United States of America", US),
        ("American", US),
        ("UK", Territory("United Kingdom", "GB", "country")),
        ("British", Territory("United Kingdom", "GB", "country")),
        ("the Netherlands", Territory("Netherlands", "NL", "country")),
        ("Japanese", Territory("Japan", "JP", "country")),
        ("West Germany", Territory("West Germany", None, "country")),
        ("North America", Territory("North America", None, "region")),
        ("domestic", Territory("North America", None, "region")),
        ("US and Canada", Territory("North America", None, "region")),
        ("U.S. & Canada", Territory("North America", None, "region")),
        ("European", Territory("Europe", None, "region")),
        ("Worldwide", Territory("worldwide", None, "worldwide")),
        ("global", Territory("worldwide", None, "worldwide")),
        ("overseas", Territory("overseas", None, "market")),
        ("international", Territory("overseas", None, "market")),
        ("outside North America", Territory("overseas", None, "market")),
        ("Quebec", Territory("Quebec", None, None)),
        ("the  Ziegfeld Theatre", Territory("Ziegfeld Theatre", None, None)),
    ],
)
def test_resolve(text, expected):
    assert territory.resolve(text) == expected


@pytest.mark.parametrize("text", ["USA", "U.S.", "US", "America", "United States", "the United States"])
def test_money_and_releases_name_territories_through_it(text):
    assert money.normalize_territory(text) == releases.normalise_territory(text) == "United States"
