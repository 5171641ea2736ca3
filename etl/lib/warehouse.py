"""The DuckDB file: connections, loading frames, views, and publishing the finished file.

Only this module talks to DuckDB. Values always travel as bound parameters or as registered
Arrow tables; the only identifiers in SQL text are table, view and column names of the registry
(``tables.TABLE_SPECS`` / ``VIEW_SPECS``), checked before use. Tables are created from the
registry with their primary keys, foreign keys and comments; DuckDB's ``COMMENT ON`` takes no
parameters, so the comments (registry constants, never input) are quoted as SQL literals.

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

from etl.lib.tables import TABLE_SPECS, TABLES, VIEW_SPECS, TableSpec

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


_SQL_TYPES = {pl.String: "VARCHAR", pl.Int64: "BIGINT", pl.Float64: "DOUBLE", pl.Boolean: "BOOLEAN",
              pl.Date: "DATE", pl.List(pl.String): "VARCHAR[]"}


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"{name!r} is not an identifier of the registry")
    return '"' + name + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def declared_references(spec: TableSpec) -> list[tuple[str, str, str]]:
    """The references of ``spec`` declared as DuckDB foreign keys: those to a dimension's
    primary key (single column). Every reference is checked by an asset check either way."""
    return [(col, parent, pcol) for col, parent, pcol in spec.references
            if parent.startswith("dim_") and TABLE_SPECS[parent].key == (pcol,)]


def _creation_order() -> list[str]:
    """Tables with their referenced tables first (foreign keys need their parent)."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for _, parent, _ in declared_references(TABLE_SPECS[name]):
            if parent != name:
                visit(parent)
        order.append(name)

    for name in TABLES:
        visit(name)
    return order


def table_ddl(spec: TableSpec) -> str:
    """``create table`` of one registry table with its primary and foreign keys."""
    parts = [_ident(c.name) + " " + _SQL_TYPES[c.type] for c in spec.columns]
    if spec.key:
        parts.append("primary key (" + ", ".join(_ident(k) for k in spec.key) + ")")
    for col, parent, pcol in declared_references(spec):
        parts.append("foreign key (" + _ident(col) + ") references " + _ident(parent) + " (" + _ident(pcol) + ")")
    return "create table " + _ident(spec.name) + " (\n    " + ",\n    ".join(parts) + "\n)"


def comment_statements(spec: TableSpec) -> list[str]:
    stmts = ["comment on table " + _ident(spec.name) + " is " + _literal(spec.description)]
    stmts += ["comment on column " + _ident(spec.name) + "." + _ident(c.name) + " is " + _literal(c.description)
              for c in spec.columns]
    return stmts


def write_tables(conn: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Create every registry table (keys, references, comments) and load its frame, all in one
    transaction: parents first, so each foreign key finds its rows."""
    counts = {}
    order = _creation_order()
    conn.execute("begin transaction")
    try:
        for name in reversed(order):
            conn.execute("drop table if exists " + _table(name))
        for name in order:
            spec = TABLE_SPECS[name]
            conn.execute(table_ddl(spec))
            for stmt in comment_statements(spec):
                conn.execute(stmt)
            frame = frames[name]
            conn.register("incoming_frame", frame.select(list(spec.schema)).to_arrow())
            conn.execute("insert into " + _table(name) + " select * from incoming_frame")
            conn.unregister("incoming_frame")
            counts[name] = frame.height
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    return counts


def apply_view(conn: duckdb.DuckDBPyConnection, views_dir: Path, name: str) -> int:
    """Create the view ``<name>.sql`` of ``views_dir`` with the comments of its registry entry
    and return its row count."""
    spec = VIEW_SPECS[name]
    conn.execute((Path(views_dir) / (name + ".sql")).read_text(encoding="utf-8"))
    conn.execute("comment on view " + _ident(name) + " is " + _literal(spec.description))
    for col, description in spec.columns:
        conn.execute("comment on column " + _ident(name) + "." + _ident(col) + " is " + _literal(description))
    return _count(conn, name)


def apply_views(conn: duckdb.DuckDBPyConnection, views_dir: Path) -> dict[str, int]:
    """Create every view of the registry from ``views_dir`` and return each view's row count."""
    return {name: apply_view(conn, views_dir, name) for name in VIEW_SPECS}


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
