"""The rules behind the asset checks, each on a good and a bad frame."""

from __future__ import annotations

import polars as pl

from etl.lib import quality


def test_duplicate_keys_good_and_bad():
    good = pl.DataFrame({"film_id": ["a", "b"], "title": ["A", "B"]})
    bad = pl.DataFrame({"film_id": ["a", "a", None], "title": ["A", "A2", "X"]})
    assert quality.duplicate_keys(good, ["film_id"]).height == 0
    assert sorted(quality.duplicate_keys(bad, ["film_id"])["title"].to_list()) == ["A", "A2", "X"]


def test_orphans_good_and_bad():
    films = pl.DataFrame({"film_id": ["a", "b"]})
    credits = pl.DataFrame({"film_id": ["a", "b", None], "person_id": ["p", "q", "r"]})
    assert quality.orphans(credits, "film_id", films, "film_id").height == 0
    broken = pl.DataFrame({"film_id": ["a", "zzz"], "person_id": ["p", "q"]})
    assert quality.orphans(broken, "film_id", films, "film_id")["film_id"].to_list() == ["zzz"]


def test_inverted_amounts_good_and_bad():
    good = pl.DataFrame({"amount_low": [3.5e6, 1.0], "amount_high": [4e6, 1.0]})
    bad = pl.DataFrame({"amount_low": [4e6], "amount_high": [3.5e6]})
    assert quality.inverted_amounts(good).height == 0
    assert quality.inverted_amounts(bad).height == 1


def test_unaccounted_files_good_and_bad():
    sources = pl.DataFrame({"path": ["a.txt", "b.xml", "c.bin"], "documents_loaded": [1, 0, 0],
                            "documents_rejected": [0, 1, 0]})
    assert quality.unaccounted_files(sources.head(2), ["a.txt", "b.xml"]) == []
    assert quality.unaccounted_files(sources, ["a.txt", "b.xml", "c.bin", "d.json"]) == ["c.bin", "d.json"]


def test_every_foreign_key_points_to_a_declared_key():
    for table, refs in quality.FOREIGN_KEYS.items():
        for _column, parent, parent_column in refs:
            assert parent in quality.PRIMARY_KEYS or parent == "dim_date", (table, parent)
