"""Data-quality rules on warehouse frames. The asset checks call these; tests call them on a
good and a bad frame. Each returns the offending rows (empty when the rule holds). Keys and
references come from the table registry (``tables.TABLE_SPECS``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from etl.lib.model import RESULTS
from etl.lib.pipeline import intake


def duplicate_keys(frame: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """Rows whose key is null or appears more than once."""
    nulls = frame.filter(pl.any_horizontal(pl.col(c).is_null() for c in key))
    dupes = frame.filter(pl.struct(key).is_duplicated())
    return pl.concat([nulls, dupes]).unique(maintain_order=True)


def orphans(child: pl.DataFrame, column: str, parent: pl.DataFrame, parent_column: str) -> pl.DataFrame:
    """Child rows whose non-null ``column`` has no ``parent_column`` value in ``parent``."""
    keys = parent.select(pl.col(parent_column).alias(column)).unique()
    return child.filter(pl.col(column).is_not_null()).join(keys, on=column, how="anti")


def sources_not_claims(facts: pl.DataFrame, claims: pl.DataFrame, id_column: str) -> pl.DataFrame:
    """Facts whose ``sources`` count differs from their rows in fact_claim (every document
    stating a fact has its claim, and each claim counts once)."""
    counted = claims.group_by("fact_id").agg(pl.len().alias("claims")).rename({"fact_id": id_column})
    return (
        facts.select(id_column, "sources")
        .join(counted, on=id_column, how="left")
        .filter(pl.col("claims").is_null() | (pl.col("claims") != pl.col("sources")))
        .sort(id_column)
    )


def inverted_amounts(box_office: pl.DataFrame) -> pl.DataFrame:
    """Amounts whose low bound is above the high bound."""
    return box_office.filter(pl.col("amount_low") > pl.col("amount_high"))


def amounts_without_currency(box_office: pl.DataFrame) -> pl.DataFrame:
    """Amounts whose currency the extractor could not name (also counted as extraction issues)."""
    return box_office.filter(pl.col("currency").is_null())


def unaccounted_files(sources: pl.DataFrame, scanned_paths: list[str]) -> list[str]:
    """Input files neither loaded nor rejected: missing from dim_source, or in it with no
    document loaded and no rejection recorded (a multistream index holds no document: its
    dump's pages are read through it)."""
    known = set(sources["path"].to_list())
    missing = [p for p in scanned_paths if p not in known]
    silent = sources.filter(
        ((pl.col("documents_loaded") + pl.col("documents_rejected")) == 0)
        & (pl.col("kind") != intake.MULTISTREAM_INDEX)
    )
    return sorted(missing + silent["path"].to_list())


def incomplete_entries(nominations: pl.DataFrame) -> pl.DataFrame:
    """Accolade entries without a body, a category, or with a result outside the contract."""
    return nominations.filter(
        pl.col("award_body_id").is_null()
        | pl.col("award_category_id").is_null()
        | ~pl.col("result").is_in(RESULTS)
        | pl.col("result").is_null()
    )


def duplicate_entries(nominations: pl.DataFrame) -> pl.DataFrame:
    """The same film, body, category, ceremony, recipient and result listed more than once."""
    key = ["film_id", "award_body_id", "award_category_id", "ceremony_id", "recipient", "result"]
    return nominations.filter(pl.struct(key).is_duplicated()).sort(key, nulls_last=True)


def wins_above_nominations(nominations: pl.DataFrame) -> pl.DataFrame:
    """Film and body pairs with more wins than entries (impossible unless counting is wrong)."""
    return (
        nominations.group_by("film_id", "award_body_id")
        .agg(pl.len().alias("nominations"), (pl.col("result") == "won").sum().alias("wins"))
        .filter(pl.col("wins") > pl.col("nominations"))
    )


def unaccounted_accolade_rows(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents where accolade rows seen != entries loaded + rows skipped with a reason."""
    return documents.filter(
        pl.col("accolade_rows_seen") != pl.col("nominations") + pl.col("accolade_rows_skipped")
    )


def ratings_out_of_scale(ratings: pl.DataFrame, value: str = "value", scale: str = "scale") -> pl.DataFrame:
    """Ratings below zero or above their scale."""
    return ratings.filter(
        pl.col(value).is_not_null()
        & ((pl.col(value) < 0) | (pl.col(scale).is_not_null() & (pl.col(value) > pl.col(scale))))
    )


def reviews_without_author_or_date(reviews: pl.DataFrame) -> pl.DataFrame:
    """Reviews with no author, or with neither a date nor the ambiguous-date flag."""
    return reviews.filter(
        pl.col("author").is_null()
        | (pl.col("author") == "")
        | (pl.col("review_date").is_null() & ~pl.col("date_ambiguous").fill_null(False))
    )


@dataclass(frozen=True)
class Rule:
    """A rule on one table: the asset check reads the table and reports what ``find`` finds."""

    table: str
    name: str  # the check's name: what it guards
    find: Callable[[pl.DataFrame], pl.DataFrame]  # the offending rows
    what: str  # "amounts with low above high"
    description: str
    warn_only: bool = False  # a warning does not block the views and the publication


RULES = [
    Rule(
        "fact_box_office",
        "amount_low_not_above_high",
        inverted_amounts,
        "amounts with low above high",
        "Every money amount has amount_low <= amount_high.",
    ),
    Rule(
        "fact_box_office",
        "amounts_have_a_currency",
        amounts_without_currency,
        "amounts without a currency",
        "Every money amount names its currency (a warning: the article may not say which).",
        warn_only=True,
    ),
    Rule(
        "fact_nomination",
        "entries_have_body_category_and_known_result",
        incomplete_entries,
        "entries without body, category or known result",
        "Every accolade entry has an award body, a category and a result of the contract.",
    ),
    Rule(
        "fact_nomination",
        "no_duplicate_entries",
        duplicate_entries,
        "repeated entries",
        "No entry is listed twice for the same film, body, category, ceremony and recipient "
        "(a warning: articles sometimes repeat a row).",
        warn_only=True,
    ),
    Rule(
        "fact_nomination",
        "wins_not_above_nominations",
        wins_above_nominations,
        "film/body pairs with more wins than entries",
        "Per film and award body, wins never exceed entries.",
    ),
    Rule(
        "fact_rating",
        "ratings_within_scale",
        ratings_out_of_scale,
        "ratings outside their scale",
        "Every score lies between 0 and its scale.",
    ),
    Rule(
        "fact_review",
        "review_ratings_within_scale",
        lambda f: ratings_out_of_scale(f.drop("body"), "rating", "rating_scale"),
        "review ratings outside their scale",
        "Every reviewer's rating lies between 0 and its scale.",
    ),
    Rule(
        "fact_review",
        "reviews_have_author_and_date",
        lambda f: reviews_without_author_or_date(f.drop("body")),
        "reviews without author or date",
        "Every review has an author, and a date or the flag saying its date is ambiguous (a warning: "
        "a page may lack them).",
        warn_only=True,
    ),
]
