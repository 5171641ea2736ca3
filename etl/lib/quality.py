"""Data-quality rules on warehouse frames. The asset checks call these; tests call them on a
good and a bad frame. Each returns the offending rows (empty when the rule holds)."""

from __future__ import annotations

import polars as pl

# Primary keys of the dimensions (and of the facts that have one).
PRIMARY_KEYS: dict[str, list[str]] = {
    "dim_film": ["film_id"],
    "dim_person": ["person_id"],
    "dim_company": ["company_id"],
    "dim_award_body": ["award_body_id"],
    "dim_award_category": ["award_category_id"],
    "dim_ceremony": ["ceremony_id"],
    "dim_date": ["date_id"],
    "dim_source": ["source_id"],
    "fact_nomination": ["nomination_id"],
    "fact_review": ["review_id"],
}

# (fact table, column) -> (dimension table, key column). A null foreign key is allowed.
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "dim_film": [("master_source_id", "dim_source", "source_id")],
    "dim_award_category": [("award_body_id", "dim_award_body", "award_body_id")],
    "dim_ceremony": [("award_body_id", "dim_award_body", "award_body_id")],
    "fact_nomination": [("film_id", "dim_film", "film_id"),
                        ("award_body_id", "dim_award_body", "award_body_id"),
                        ("award_category_id", "dim_award_category", "award_category_id"),
                        ("ceremony_id", "dim_ceremony", "ceremony_id"),
                        ("source_id", "dim_source", "source_id")],
    "bridge_nomination_person": [("nomination_id", "fact_nomination", "nomination_id"),
                                 ("person_id", "dim_person", "person_id")],
    "fact_credit": [("film_id", "dim_film", "film_id"), ("person_id", "dim_person", "person_id"),
                    ("source_id", "dim_source", "source_id")],
    "fact_film_company": [("film_id", "dim_film", "film_id"),
                          ("company_id", "dim_company", "company_id"),
                          ("source_id", "dim_source", "source_id")],
    "fact_release": [("film_id", "dim_film", "film_id"), ("company_id", "dim_company", "company_id"),
                     ("release_date", "dim_date", "date"), ("source_id", "dim_source", "source_id")],
    "fact_home_media": [("film_id", "dim_film", "film_id"),
                        ("company_id", "dim_company", "company_id"),
                        ("release_date", "dim_date", "date"), ("source_id", "dim_source", "source_id")],
    "fact_box_office": [("film_id", "dim_film", "film_id"), ("source_id", "dim_source", "source_id")],
    "fact_rating": [("film_id", "dim_film", "film_id"), ("source_id", "dim_source", "source_id")],
    "fact_review": [("film_id", "dim_film", "film_id"), ("source_id", "dim_source", "source_id")],
    "fact_soundtrack_track": [("film_id", "dim_film", "film_id"),
                              ("source_id", "dim_source", "source_id")],
    "fact_soundtrack_release": [("film_id", "dim_film", "film_id"),
                                ("source_id", "dim_source", "source_id")],
}


def duplicate_keys(frame: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """Rows whose key is null or appears more than once."""
    nulls = frame.filter(pl.any_horizontal(pl.col(c).is_null() for c in key))
    dupes = frame.filter(pl.struct(key).is_duplicated())
    return pl.concat([nulls, dupes]).unique(maintain_order=True)


def orphans(child: pl.DataFrame, column: str, parent: pl.DataFrame, parent_column: str) -> pl.DataFrame:
    """Child rows whose non-null ``column`` has no ``parent_column`` value in ``parent``."""
    keys = parent.select(pl.col(parent_column).alias(column)).unique()
    return child.filter(pl.col(column).is_not_null()).join(keys, on=column, how="anti")


def inverted_amounts(box_office: pl.DataFrame) -> pl.DataFrame:
    """Amounts whose low bound is above the high bound."""
    return box_office.filter(pl.col("amount_low") > pl.col("amount_high"))


def unaccounted_files(sources: pl.DataFrame, scanned_paths: list[str]) -> list[str]:
    """Input files neither loaded nor rejected: missing from dim_source, or in it with no
    document loaded and no rejection recorded."""
    known = set(sources["path"].to_list())
    missing = [p for p in scanned_paths if p not in known]
    silent = sources.filter((pl.col("documents_loaded") + pl.col("documents_rejected")) == 0)
    return sorted(missing + silent["path"].to_list())
