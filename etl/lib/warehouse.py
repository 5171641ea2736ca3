"""The DuckDB file: connections, loading frames, views, and publishing the finished file.

Only this module talks to DuckDB. Values always travel as bound parameters or as registered
Arrow tables; the only identifiers in SQL text are table names from ``tables.TABLES``, checked
by ``_table`` before use.

The build writes a working file next to the published one and publishes it with one
``os.replace`` after a checkpoint, so readers of the published file never see half a build and
never block the writer.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterator

import duckdb
import polars as pl

from etl.lib.tables import TABLES

# The stock DuckDB CLI users open the file with (duckdb-cli 1.5.x) reads storage up to v1.5.
STORAGE_COMPATIBILITY = "v1.5.0"


def build_path(published: Path) -> Path:
    """The working file a build writes before it is published to ``published``."""
    published = Path(published)
    return published.with_name(published.stem + ".building" + (published.suffix or ".duckdb"))


@contextlib.contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed, even when the body raises (a leaked connection
    keeps the file locked for the life of the process)."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `etl build` (or `make run`) first")
        conn = duckdb.connect(str(path), read_only=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    try:
        yield conn
    finally:
        conn.close()


def _table(name: str) -> str:
    if name not in TABLES:
        raise ValueError(f"{name!r} is not a warehouse table")
    return '"' + name + '"'


def write_tables(conn: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Replace every table with its frame, all in one transaction."""
    counts = {}
    conn.execute("begin transaction")
    try:
        for name, frame in frames.items():
            conn.register("incoming_frame", frame.to_arrow())
            conn.execute("create or replace table " + _table(name) + " as select * from incoming_frame")
            conn.unregister("incoming_frame")
            counts[name] = frame.height
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    return counts


def apply_views(conn: duckdb.DuckDBPyConnection, views_dir: Path) -> dict[str, int]:
    """Create every ``<name>.sql`` view of ``views_dir`` (one ``create or replace view`` per
    file, named after the file) and return each view's row count."""
    counts = {}
    for path in sorted(Path(views_dir).glob("*.sql")):
        conn.execute(path.read_text(encoding="utf-8"))
        counts[path.stem] = _count(conn, path.stem)
    return counts


def _count(conn: duckdb.DuckDBPyConnection, relation: str) -> int:
    return conn.table(relation).aggregate("count(*)").fetchall()[0][0]


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    _table(table)
    return _count(conn, table)


def discard(working: Path) -> None:
    """Remove a working file and its WAL (left by an earlier, maybe killed, build)."""
    for path in (Path(working), Path(str(working) + ".wal")):
        path.unlink(missing_ok=True)


def publish(working: Path, published: Path) -> None:
    """Checkpoint the working file, copy it beside ``published`` and rename it into place.

    The rename is atomic: a reader holding the old file keeps reading the old version; new
    readers see the new one. Nothing is copied while a WAL could hold unwritten rows."""
    working, published = Path(working), Path(published)
    with connect(working) as conn:
        conn.execute("checkpoint")
    wal = working.with_name(working.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{wal} still holds data after a checkpoint; not publishing")
    tmp = published.with_name(published.name + ".publishing")
    shutil.copyfile(working, tmp)
    os.replace(tmp, published)


SUMMARY_SQL = """
select
    (select count(*) from dim_film) as films,
    (select count(*) from fact_nomination) as nominations,
    (select count(*) from fact_nomination where result = 'won') as wins,
    (select count(*) from rejected_document) as rejected_documents
"""


def summary(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    cur = conn.execute(SUMMARY_SQL)
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone()))
