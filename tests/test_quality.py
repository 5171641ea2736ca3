"""The rules behind the asset checks, each on a good and a bad frame."""

from __future__ import annotations

import polars as pl

from etl.lib.store import quality


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
    sources = pl.DataFrame(
        {
            "path": ["a.txt", "b.xml", "c.bin", "i.bz2"],
            "kind": ["wikitext", "mediawiki_xml", "unknown", "mediawiki_multistream_index"],
            "documents_loaded": [1, 0, 0, 0],
            "documents_rejected": [0, 1, 0, 0],
        }
    )
    assert quality.unaccounted_files(sources.head(2), ["a.txt", "b.xml"]) == []
    # a multistream index holds no document of its own, and is accounted for
    assert quality.unaccounted_files(sources, ["a.txt", "b.xml", "c.bin", "d.json", "i.bz2"]) == [
        "c.bin",
        "d.json",
    ]


def test_sources_match_claims_good_and_bad():
    facts = pl.DataFrame({"fact_id": ["a", "b"], "sources": [3, 1]})
    claims = pl.DataFrame({"fact_id": ["a", "a", "a", "b"], "source_id": ["s1", "s2", "s3", "s1"]})
    assert quality.sources_not_claims(facts, claims, "fact_id").height == 0
    assert quality.sources_not_claims(facts, claims.head(2), "fact_id")["fact_id"].to_list() == ["a", "b"]


def _nominations(**overrides):
    base = {
        "film_id": ["f", "f"],
        "award_body_id": ["b", "b"],
        "award_category_id": ["c1", "c2"],
        "ceremony_id": [None, None],
        "recipient": ["X", "X"],
        "result": ["won", "nominated"],
    }
    base.update(overrides)
    return pl.DataFrame(base)


def test_incomplete_entries_good_and_bad():
    assert quality.incomplete_entries(_nominations()).height == 0
    bad = _nominations(award_body_id=["b", None], result=["won", "maybe"])
    assert quality.incomplete_entries(bad).height == 1
    assert quality.incomplete_entries(_nominations(result=["won", "maybe"])).height == 1


def test_duplicate_entries_good_and_bad():
    assert quality.duplicate_entries(_nominations()).height == 0
    assert (
        quality.duplicate_entries(_nominations(award_category_id=["c1", "c1"], result=["won", "won"])).height
        == 2
    )


def test_wins_above_nominations_cannot_happen_in_a_good_frame():
    assert quality.wins_above_nominations(_nominations()).height == 0
    assert quality.wins_above_nominations(_nominations(result=["won", "won"])).height == 0


def test_unaccounted_accolade_rows_good_and_bad():
    docs = pl.DataFrame(
        {"accolade_rows_seen": [61, 12], "nominations": [61, 10], "accolade_rows_skipped": [0, 2]}
    )
    assert quality.unaccounted_accolade_rows(docs).height == 0
    bad = docs.with_columns(pl.Series("accolade_rows_skipped", [0, 1]))
    assert quality.unaccounted_accolade_rows(bad).height == 1


def test_ratings_out_of_scale_good_and_bad():
    good = pl.DataFrame({"value": [7.6, 91.0, 82.0], "scale": [10.0, 100.0, None]})
    bad = pl.DataFrame({"value": [11.0, -1.0], "scale": [10.0, 10.0]})
    assert quality.ratings_out_of_scale(good).height == 0
    assert quality.ratings_out_of_scale(bad).height == 2


def test_reviews_without_author_or_date_good_and_bad():
    import datetime as dt

    good = pl.DataFrame(
        {"author": ["a", "b"], "review_date": [dt.date(2005, 5, 15), None], "date_ambiguous": [True, True]}
    )
    bad = pl.DataFrame(
        {"author": [None, "b"], "review_date": [dt.date(2005, 5, 15), None], "date_ambiguous": [False, False]}
    )
    assert quality.reviews_without_author_or_date(good).height == 0
    assert quality.reviews_without_author_or_date(bad).height == 2


def test_every_rule_guards_a_warehouse_table_under_a_unique_name():
    from etl.lib.store.tables import TABLE_SPECS

    names = [r.name for r in quality.RULES]
    assert len(names) == len(set(names))
    for rule in quality.RULES:
        empty = pl.DataFrame(schema=TABLE_SPECS[rule.table].schema)
        assert rule.find(empty).height == 0, rule.name  # runs on the real columns


def test_amounts_without_currency_good_and_bad():
    good = pl.DataFrame({"currency": ["USD", "INR"], "as_written": ["$5 million", "₹3 crore"]})
    bad = pl.DataFrame({"currency": ["USD", None], "as_written": ["$5 million", "5 million"]})
    assert quality.amounts_without_currency(good).height == 0
    assert quality.amounts_without_currency(bad)["as_written"].to_list() == ["5 million"]
