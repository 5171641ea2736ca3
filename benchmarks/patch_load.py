"""Patching a copy of a published warehouse against loading its tables into an empty file.

Takes a built warehouse file (e.g. one ``benchmarks/scale.py`` or ``etl build`` wrote), reads its
tables as frames, and in interleaved rounds times (wall seconds) ``warehouse.write_tables`` of
those frames into an empty file and ``warehouse.patch_tables`` of a copy of the file to the same
frames, with one film's facts removed (``--drop-film``, the default: the rows a 1-page change
deletes) or the frames unchanged (``--same``). Prints the medians and their ratio. Usage:

    .venv/bin/python benchmarks/patch_load.py WAREHOUSE.duckdb [--rounds 5] [--same]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

from etl.lib.store import warehouse
from etl.lib.store.tables import TABLE_SPECS, TABLES


def read_tables(path: Path) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: conn.table(t).pl().cast(TABLE_SPECS[t].schema) for t in TABLES}  # type: ignore[arg-type]


def without_one_film(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The frames without the facts of the first film (by id): its film row stays."""
    film = tables["dim_film"]["film_id"].sort()[0]
    out = {
        t: f.filter(pl.col("film_id") != film) if "film_id" in f.columns and t != "dim_film" else f
        for t, f in tables.items()
    }
    nominations = tables["fact_nomination"].filter(pl.col("film_id") == film)["nomination_id"].to_list()
    out["bridge_nomination_person"] = tables["bridge_nomination_person"].filter(
        ~pl.col("nomination_id").is_in(nominations)
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--same", action="store_true", help="patch to the very same frames")
    args = parser.parse_args()
    tables = read_tables(args.warehouse)
    frames = tables if args.same else without_one_film(tables)
    loads, patches = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            fresh, copy = Path(tmp) / f"fresh{n}.duckdb", Path(tmp) / f"copy{n}.duckdb"
            start = time.perf_counter()
            with warehouse.connect(fresh) as conn:
                warehouse.write_tables(conn, frames)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            shutil.copyfile(args.warehouse, copy)
            with warehouse.connect(copy) as conn:
                changes = warehouse.patch_tables(conn, frames)
            patches.append(time.perf_counter() - start)
            fresh.unlink()
            copy.unlink()
    rows = sum(f.height for f in frames.values())
    deleted = sum(c["deleted"] for t, c in changes.items() if TABLE_SPECS[t].key)
    print(f"{len(tables['dim_film'])} films, {rows} rows; keyed rows the patch deleted: {deleted}")
    print(f"load into an empty file: {statistics.median(loads):.2f} s (median of {args.rounds})")
    print(f"patch a copy (copy included): {statistics.median(patches):.2f} s")
    print(f"patch / load: {statistics.median(patches) / statistics.median(loads):.2f}")


if __name__ == "__main__":
    main()
