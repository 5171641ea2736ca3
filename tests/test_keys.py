"""Deterministic keys and the one-row-per-body rule for award bodies."""

from __future__ import annotations

import pytest

from etl.lib.text import keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Academy Awards", "Academy Awards"), ("Academy Award", "Academy Award")),
        (
            ("British Academy Film Awards", "British Academy Film Awards"),
            ("BAFTA Award", "British Academy Film Awards"),
        ),
        (("New York Film Critics Circle Awards", None), ("NYFCC Award", "New York Film Critics Circle")),
        (("Saturn Awards", "Saturn Awards"), ("Saturn Awards", "The Saturn Awards")),
        (("Jupiter Awards", "Jupiter Award (film award)"), ("Jupiter Award", None)),
        (("British Academy Film  Awards", None), ("British Academy Film Awards", None)),
        (
            ("Dallas-Fort Worth Film Critics Association Awards", None),
            ("Dallas–Fort Worth Film Critics Association Awards", None),
        ),
    ],
)
def test_one_body_however_written(a, b):
    assert keys.award_body_key(*a) == keys.award_body_key(*b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Golden Globe Awards", None), ("Golden Raspberry Awards", None)),
        (("Japan Academy Prize", None), ("Academy Awards", None)),
        (("British Academy Film Awards", None), ("British Academy Children's Awards", None)),
    ],
)
def test_different_bodies_stay_apart(a, b):
    assert keys.award_body_key(*a) != keys.award_body_key(*b)


def test_ids_are_stable_and_short():
    assert keys.make_id("film", "leaving las vegas", 1995) == keys.make_id("film", "leaving las vegas", 1995)
    assert keys.make_id("film", "leaving las vegas", 1995) != keys.make_id("film", "leaving las vegas", 1996)
    assert len(keys.make_id("x")) == 16


@pytest.mark.parametrize(
    ("name", "wiki", "expected"),
    [
        ("Mike Figgis", None, "mike figgis"),
        ("Mike Figgis", "Mike Figgis", "mike figgis"),
        ("Richard Lewis", "Richard Lewis (comedian)", "richard lewis comedian"),
        ("Lumiére Pictures", "StudioCanal#Film library", "lumiere pictures"),
    ],
)
def test_entity_key(name, wiki, expected):
    assert keys.entity_key(name, wiki) == expected


def test_normalise_title():
    assert keys.normalise_title("The Castle of Cagliostro") == keys.normalise_title("castle of cagliostro")
    assert keys.normalise_title("Hum Saath-Saath Hain") == keys.normalise_title("Hum Saath Saath Hain")
