"""Patching a copy of the published warehouse (``warehouse.patch_tables``, from the frames'
Parquet files, as the load stage does) gives the tables a fresh load of the same frames gives,
row for row, and changes only the rows that differ: a
film removed or added, a film row of list columns changed under its facts (replaced, with its
children), a file's row changed under every fact (updated in place), a fact moved to a new
person. Each case starts from the real tables of a build of the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl.lib.store import frames as frames_lib
from etl.lib.store import warehouse
from etl.lib.store.tables import TABLE_SPECS, TABLES
from tests.builds import materialize_warehouse

pytestmark = pytest.mark.slow

KEPT = {"inserted": 0, "updated": 0, "deleted": 0}


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir) -> tuple[Path, dict[str, pl.DataFrame]]:
    """The published file of a build of the seeds, and its tables as frames."""
    target = tmp_path_factory.mktemp("patch") / "warehouse.duckdb"
    assert materialize_warehouse(seeds_dir, target).success
    with duckdb.connect(str(target), read_only=True) as conn:
        tables = {t: conn.table(t).pl().cast(TABLE_SPECS[t].schema) for t in TABLES}  # type: ignore[arg-type]
    return target, tables


def patched(published: Path, frames: dict[str, pl.DataFrame], tmp_path: Path) -> dict[str, dict[str, int]]:
    """Patch a copy of ``published`` to ``frames`` (written as Parquet, read by DuckDB); check it
    holds what a fresh load of the frames themselves holds."""
    copy, fresh = tmp_path / "patched.duckdb", tmp_path / "fresh.duckdb"
    shutil.copyfile(published, copy)
    frames_lib.write_frames(tmp_path / "frames", frames.items())
    with warehouse.connect(copy) as conn:
        changes = warehouse.patch_tables(conn, frames_lib.frame_files(tmp_path / "frames"))
    with warehouse.connect(fresh) as conn:
        warehouse.write_tables(conn, frames)
    assert rows(copy) == rows(fresh)
    return changes


def rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: sorted(conn.table(t).fetchall(), key=repr) for t in TABLES}


def keyed_changes(changes: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The changes of the tables with a key (those without one are always loaded again)."""
    return {t: c for t, c in changes.items() if TABLE_SPECS[t].key and c != KEPT}


def film(tables: dict[str, pl.DataFrame], title: str) -> str:
    (film_id,) = tables["dim_film"].filter(pl.col("title") == title)["film_id"].to_list()
    return film_id


def test_a_load_from_the_parquet_files_equals_a_load_of_the_frames(built, tmp_path):
    published, tables = built
    frames_lib.write_frames(tmp_path / "frames", tables.items())
    files = frames_lib.frame_files(tmp_path / "frames")
    with warehouse.connect(tmp_path / "files.duckdb") as conn:
        counts = warehouse.write_tables(conn, files)
    with warehouse.connect(tmp_path / "frames.duckdb") as conn:
        warehouse.write_tables(conn, tables)
    assert rows(tmp_path / "files.duckdb") == rows(tmp_path / "frames.duckdb") == rows(published)
    assert counts == {t: tables[t].height for t in TABLES}
    assert counts["dim_film"] == 1 and counts["dim_source"] == 5  # the five seed files, one film


def test_a_table_whose_file_is_not_its_own_is_refused(built, tmp_path):
    _, tables = built
    swapped = {**tables, "dim_person": tables["dim_company"]}
    frames_lib.write_frames(tmp_path / "frames", swapped.items())
    with pytest.raises(frames_lib.InvalidFrames, match="dim_person.parquet does not hold the columns"):
        frames_lib.frame_files(tmp_path / "frames")


def test_the_same_frames_change_no_row_of_a_table_with_a_key(built, tmp_path):
    published, tables = built
    changes = patched(published, tables, tmp_path)
    assert keyed_changes(changes) == {}
    assert changes["rejected_document"]["inserted"] == tables["rejected_document"].height


def test_a_film_removed_takes_its_rows_and_only_them(built, tmp_path):
    published, tables = built
    gone = film(tables, "Leaving Las Vegas")
    nominations = tables["fact_nomination"].filter(pl.col("film_id") == gone)["nomination_id"]
    frames = {
        t: f.filter(pl.col("film_id") != gone) if "film_id" in f.columns and t != "dim_film" else f
        for t, f in tables.items()
    }
    frames["dim_film"] = tables["dim_film"].filter(pl.col("film_id") != gone)
    frames["bridge_nomination_person"] = tables["bridge_nomination_person"].filter(
        ~pl.col("nomination_id").is_in(nominations.to_list())
    )
    changes = keyed_changes(patched(published, frames, tmp_path))
    expected = {
        t: {"inserted": 0, "updated": 0, "deleted": tables[t].height - frames[t].height}
        for t in TABLES
        if TABLE_SPECS[t].key and tables[t].height != frames[t].height
    }
    assert changes == expected
    assert changes["dim_film"] == {"inserted": 0, "updated": 0, "deleted": 1}
    assert changes["fact_nomination"]["deleted"] == len(nominations) > 0


def test_a_film_row_of_list_columns_changed_is_replaced_with_its_facts(built, tmp_path):
    published, tables = built
    changed = film(tables, "Leaving Las Vegas")
    frames = dict(tables)
    frames["dim_film"] = tables["dim_film"].with_columns(
        pl.when(pl.col("film_id") == changed)
        .then(pl.col("countries").list.concat(pl.lit(["Testland"])))
        .otherwise(pl.col("countries"))
        .alias("countries")
    )
    changes = keyed_changes(patched(published, frames, tmp_path))
    assert changes["dim_film"] == {"inserted": 1, "updated": 0, "deleted": 1}
    credits = tables["fact_credit"].filter(pl.col("film_id") == changed).height
    assert credits > 0
    # Its facts are deleted before it and inserted again after it, unchanged.
    assert changes["fact_credit"] == {"inserted": credits, "updated": 0, "deleted": credits}
    assert "dim_person" not in changes and "dim_source" not in changes


def test_a_file_row_changed_under_every_fact_is_updated_in_place(built, tmp_path):
    published, tables = built
    frames = dict(tables)
    first = tables["dim_source"]["source_id"].sort()[0]
    frames["dim_source"] = tables["dim_source"].with_columns(
        pl.when(pl.col("source_id") == first)
        .then(pl.lit("0" * 64))
        .otherwise(pl.col("sha256"))
        .alias("sha256")
    )
    changes = keyed_changes(patched(published, frames, tmp_path))
    assert changes == {"dim_source": {"inserted": 0, "updated": 1, "deleted": 0}}


def test_a_credit_moved_to_a_new_person_inserts_the_person_first(built, tmp_path):
    published, tables = built
    frames = dict(tables)
    person = pl.DataFrame(
        {"person_id": ["p-new"], "name": ["New Person"], "wiki_title": [None]},
        schema=TABLE_SPECS["dim_person"].schema,
    )
    frames["dim_person"] = pl.concat([tables["dim_person"], person.select(tables["dim_person"].columns)])
    moved = tables["fact_credit"]["fact_id"].sort()[0]
    frames["fact_credit"] = tables["fact_credit"].with_columns(
        pl.when(pl.col("fact_id") == moved)
        .then(pl.lit("p-new"))
        .otherwise(pl.col("person_id"))
        .alias("person_id")
    )
    changes = keyed_changes(patched(published, frames, tmp_path))
    assert changes == {
        "dim_person": {"inserted": 1, "updated": 0, "deleted": 0},
        "fact_credit": {"inserted": 0, "updated": 1, "deleted": 0},
    }


def test_a_load_in_batches_keeps_every_row_in_order(built, tmp_path, monkeypatch):
    """Committed a few rows at a time, from the Parquet files and from the frames, the tables are
    the published ones, row for row and in the same order."""
    published, tables = built
    monkeypatch.setattr(warehouse, "LOAD_BATCH_ROWS", 3)
    frames_lib.write_frames(tmp_path / "frames", tables.items())
    with warehouse.connect(tmp_path / "files.duckdb") as conn:
        counts = warehouse.write_tables(conn, frames_lib.frame_files(tmp_path / "frames"))
    with warehouse.connect(tmp_path / "frames.duckdb") as conn:
        warehouse.write_tables(conn, tables)
    assert counts == {t: tables[t].height for t in TABLES}
    in_order = {}
    for path in (tmp_path / "files.duckdb", tmp_path / "frames.duckdb"):
        with duckdb.connect(str(path), read_only=True) as conn:
            in_order[path.name] = {t: conn.table(t).fetchall() for t in TABLES}
    assert in_order["files.duckdb"] == in_order["frames.duckdb"]
    assert rows(tmp_path / "files.duckdb") == rows(published)
    # Tables of more rows than a batch holds took several.
    assert sum(n > 3 for n in counts.values()) >= 5


def test_a_table_larger_than_the_memory_limit_loads(built, tmp_path):
    """DuckDB holds a transaction's rows and index entries in memory until it commits: a keyed
    table of 400,000 rows in one transaction needs more than 32 MB, and failed the load that way
    (`failed to pin block`). Committed a batch at a time, with a checkpoint after each, it loads
    within that limit."""
    _, tables = built
    people = pl.DataFrame(
        {
            "person_id": [f"person-{n:07d}" for n in range(400_000)],
            "name": [f"Person number {n}" for n in range(400_000)],
            "wiki_title": [None] * 400_000,
        },
        schema=TABLE_SPECS["dim_person"].schema,
    )
    frames = dict(tables, dim_person=pl.concat([tables["dim_person"], people]))
    frames_lib.write_frames(tmp_path / "frames", frames.items())
    with warehouse.connect(tmp_path / "big.duckdb", memory_limit="32MB") as conn:
        counts = warehouse.write_tables(conn, frames_lib.frame_files(tmp_path / "frames"))
        (stored,) = conn.execute("select count(*) from dim_person where person_id like 'person-%'").fetchone()
    assert counts["dim_person"] == tables["dim_person"].height + 400_000
    assert stored == 400_000
