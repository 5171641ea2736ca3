"""The table registry and the conforming of facts, on hand-made claims."""

from __future__ import annotations

import re

import pytest

from etl import paths
from etl.lib.store import warehouse
from etl.lib.store.tables import TABLE_SPECS, TABLES, VIEW_SPECS, Claim, _Conformer


@pytest.mark.parametrize("name", TABLES)
def test_every_table_and_column_is_described(name):
    spec = TABLE_SPECS[name]
    assert spec.description
    assert all(c.description for c in spec.columns), name
    names = [c.name for c in spec.columns]
    assert len(names) == len(set(names))
    assert set(spec.key) <= set(names)


@pytest.mark.parametrize("name", TABLES)
def test_every_reference_points_to_a_key(name):
    for column, parent, parent_column in TABLE_SPECS[name].references:
        assert column in TABLE_SPECS[name].schema
        # a dimension's key, or the calendar's date (unique by construction of dim_date)
        assert TABLE_SPECS[parent].key == (parent_column,) or (parent, parent_column) == ("dim_date", "date")


def test_every_dimension_has_a_primary_key_and_every_fact_a_fact_id():
    for name, spec in TABLE_SPECS.items():
        if name.startswith("dim_"):
            assert spec.key, name
        if name.startswith("fact_") and name != "fact_claim":
            assert {"source_id", "sources"} <= set(spec.schema), name
            assert len(spec.key) == 1, name


@pytest.mark.parametrize("name", list(VIEW_SPECS))
def test_each_view_reads_exactly_its_declared_tables(name):
    sql = (paths.SQL_VIEWS_DIR / (name + ".sql")).read_text()
    sql = re.sub(r"--[^\n]*", "", sql)
    read = set(re.findall(r"\b(?:from|join)\s+(\w+)", sql)) & set(TABLES)
    assert read == set(VIEW_SPECS[name].reads)
    assert all(description for _, description in VIEW_SPECS[name].columns)


def test_views_in_the_registry_are_the_sql_files():
    assert {p.stem for p in paths.SQL_VIEWS_DIR.glob("*.sql")} == set(VIEW_SPECS)


def test_table_ddl_declares_keys_and_references():
    ddl = warehouse.table_ddl(TABLE_SPECS["fact_release"])
    assert 'primary key ("fact_id")' in ddl
    assert 'foreign key ("territory_id") references "dim_territory" ("territory_id")' in ddl
    assert 'foreign key ("film_id") references "dim_film" ("film_id")' in ddl


def _release(date, kind, territory, value=None):
    return Claim(
        (date, kind, territory),
        {"release_date": date, "release_type": kind, "territory_id": territory, "territory": territory},
        "release date",
        value or date,
    )


def _releases() -> _Conformer:
    return _Conformer("fact_release", loose={2: ("territory_id", "territory")})


def test_two_documents_stating_one_fact_make_one_row_with_two_claims():
    facts = _releases()
    facts.add("film", "wiki", True, [_release("1995-10-27", "limited", "US")])
    facts.add("film", "imdb", False, [_release("1995-10-27", "limited", "US")])
    (row,) = facts.rows.values()
    assert (row["source_id"], row["sources"]) == ("wiki", 2)
    assert [c["source_id"] for c in facts.claims] == ["wiki", "imdb"]
    assert {c["fact_id"] for c in facts.claims} == {row["fact_id"]}


def test_different_values_make_two_rows():
    facts = _releases()
    facts.add("film", "wiki", True, [_release("1995-10-27", "limited", "US")])
    facts.add("film", "imdb", False, [_release("1995-11-03", "limited", "US")])
    assert sorted(r["release_date"] for r in facts.rows.values()) == ["1995-10-27", "1995-11-03"]


def test_an_unstated_territory_is_the_fact_another_document_states():
    facts = _releases()
    facts.add("film", "wiki", True, [_release("1995-10-27", "limited", None)])
    facts.add("film", "extract", False, [_release("1995-10-27", "limited", "US")])
    facts.add("film", "other", False, [_release("1995-10-27", "limited", None)])
    (row,) = facts.rows.values()
    assert (row["territory"], row["sources"], row["source_id"]) == ("US", 3, "wiki")


def test_an_unstated_territory_matching_two_facts_stays_its_own():
    facts = _releases()
    facts.add(
        "film",
        "wiki",
        True,
        [_release("1995-10-27", "limited", "US"), _release("1995-10-27", "limited", "Canada")],
    )
    facts.add("film", "extract", False, [_release("1995-10-27", "limited", None)])
    assert len(facts.rows) == 3


def test_an_entry_listed_twice_in_one_document_stays_two_rows():
    facts = _releases()
    twice = [_release("1995-10-27", "limited", "US"), _release("1995-10-27", "limited", "US")]
    facts.add("film", "wiki", True, twice)
    facts.add("film", "copy", False, twice)
    assert [r["sources"] for r in facts.rows.values()] == [2, 2]


def test_facts_of_different_films_never_merge():
    facts = _releases()
    facts.add("a", "wiki", True, [_release("1995-10-27", "limited", "US")])
    facts.add("b", "wiki2", True, [_release("1995-10-27", "limited", "US")])
    assert len(facts.rows) == 2
