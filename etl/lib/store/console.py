"""The analyst's console behind ``etl sql``, ``etl tables`` and ``etl describe``.

The warehouse is opened read-only with DuckDB's ``enable_external_access = false`` and
``lock_configuration = true``: no statement can read or write any other file, download an
extension, or switch those settings back. ``allow_files`` names the one folder whose files a
user may read (DuckDB's ``allowed_directories``). Statements that write or attach files are
refused before they run, with one line that says what to use instead. Results are written by
this module (to stdout or to ``--output``), never by SQL ``COPY``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import decimal
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb
import pyarrow as pa

FORMATS = ("table", "csv", "json", "markdown")

HINT = "use --output FILE to write a result, --allow-files DIR to read your own files from one folder"

# Statements that write, attach or install files: refused whatever their target.
_REFUSED = {
    duckdb.StatementType.COPY: "COPY",
    duckdb.StatementType.COPY_DATABASE: "COPY FROM DATABASE",
    duckdb.StatementType.EXPORT: "EXPORT",
    duckdb.StatementType.ATTACH: "ATTACH",
    duckdb.StatementType.DETACH: "DETACH",
    duckdb.StatementType.LOAD: "INSTALL/LOAD",
    duckdb.StatementType.EXTENSION: "an extension statement",
}


_FILE_ACCESS_OFF = "disabled by configuration"


class Refused(Exception):
    """A statement the console does not run; the message is one line."""


@dataclass(frozen=True)
class Result:
    statement: str
    table: pa.Table | None  # None: the statement returned no rows (e.g. SET VARIABLE)


@contextlib.contextmanager
def open_console(path: Path, allow_files: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, read-only, cut off from every other file (except ``allow_files``)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `etl build` (or `make run`) first")
    conn = duckdb.connect(str(path), read_only=True)
    try:
        if allow_files is not None:
            # DuckDB accepts allowed_directories only once the database is open, and only while
            # external access is still on: set it first, then switch access off and lock.
            conn.execute("set allowed_directories = ?", [[str(Path(allow_files).resolve()) + "/"]])
        conn.execute("set enable_external_access = false")
        conn.execute("set lock_configuration = true")
        yield conn
    finally:
        conn.close()


def statements(sql: str) -> list:
    """The statements of ``sql``, refusing the whole text if any one would touch files."""
    try:
        parsed = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise Refused(_one_line(str(exc))) from None
    for statement in parsed:
        what = _REFUSED.get(statement.type)
        if what is not None:
            raise Refused(f"{what} is not allowed in the read-only console; {HINT}")
    return parsed


def run(conn: duckdb.DuckDBPyConnection, sql: str) -> list[Result]:
    """Every statement of ``sql`` run in order, each with its result."""
    results = []
    for statement in statements(sql):
        try:
            relation = conn.sql(statement.query)
            table = None if relation is None else relation.to_arrow_table()
        except duckdb.Error as exc:
            # File access refused by DuckDB itself, whatever the exception class (an extension
            # auto-install reports it as an I/O error).
            if not isinstance(exc, duckdb.PermissionException) and _FILE_ACCESS_OFF not in str(exc):
                raise
            raise Refused(f"{_one_line(str(exc))}; {HINT}") from None
        results.append(Result(statement.query.strip().rstrip(";"), table))
    return results


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- catalogue

_TABLES_SQL = """
select table_name as name, 'table' as kind, comment from duckdb_tables()
where database_name = current_database() and schema_name = 'main' and not internal
union all
select view_name, 'view', comment from duckdb_views()
where database_name = current_database() and schema_name = 'main' and not internal
order by name
"""

_COLUMNS_SQL = """
select column_name as "column", data_type as type, comment from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and table_name = ?
order by column_index
"""

_RELATION_SQL = """
select comment from duckdb_tables()
where database_name = current_database() and schema_name = 'main' and table_name = ?
union all
select comment from duckdb_views()
where database_name = current_database() and schema_name = 'main' and view_name = ?
"""


def tables(conn: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every table and view of the warehouse with its row count and comment."""
    rows = conn.execute(_TABLES_SQL).fetchall()
    counts = [conn.table(name).aggregate("count(*)").fetchall()[0][0] for name, _, _ in rows]
    return pa.table(
        {
            "name": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "rows": pa.array(counts, pa.int64()),
            "comment": [r[2] or "" for r in rows],
        }
    )


def describe(conn: duckdb.DuckDBPyConnection, name: str) -> tuple[str, pa.Table]:
    """The comment of table or view ``name`` and its columns with types and comments."""
    found = conn.execute(_RELATION_SQL, [name, name]).fetchall()
    if not found:
        raise LookupError(f"no table or view named {name!r}; `etl tables` lists them")
    rows = conn.execute(_COLUMNS_SQL, [name]).fetchall()
    return found[0][0] or "", pa.table(
        {"column": [r[0] for r in rows], "type": [r[1] for r in rows], "comment": [r[2] or "" for r in rows]}
    )


# ---------------------------------------------------------------- rendering


def _plain(value):
    """A JSON-ready value: dates as ISO text, decimals as numbers, non-finite floats as null."""
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(_plain(value))


def render(
    table: pa.Table,
    fmt: str,
    out: IO[str],
    *,
    max_rows: int = 100,
    max_width: int = 200,
    conn: duckdb.DuckDBPyConnection | None = None,
) -> None:
    """Write ``table`` to the text stream ``out`` as a box table, CSV, JSON or Markdown."""
    rows = table.to_pylist()
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([_cell(row[c]) for c in table.column_names] for row in rows)
    elif fmt == "json":
        out.write(json.dumps([_plain(row) for row in rows], ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        out.write("| " + " | ".join(table.column_names) + " |\n")
        out.write("|" + "|".join("---" for _ in table.column_names) + "|\n")
        for row in rows:
            out.write(
                "| "
                + " | ".join(_cell(row[c]).replace("|", "\\|").replace("\n", " ") for c in table.column_names)
                + " |\n"
            )
    elif fmt == "table":
        own = conn is None
        conn = conn or duckdb.connect()
        try:
            relation = conn.from_arrow(table)
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                relation.show(max_rows=max_rows, max_width=max_width)
            out.write(buffer.getvalue())
        finally:
            if own:
                conn.close()
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def output_format(path: Path, fmt: str | None) -> str:
    """The format of ``--output FILE``: Parquet for ``.parquet``, else from the suffix or ``fmt``."""
    by_suffix = {".parquet": "parquet", ".csv": "csv", ".json": "json", ".md": "markdown"}
    return by_suffix.get(Path(path).suffix.lower()) or fmt or "csv"


def write_output(table: pa.Table, path: Path, fmt: str | None) -> str:
    """Write ``table`` to ``path`` (replacing it) and return the format used."""
    kind = output_format(path, fmt)
    path = Path(path)
    if kind == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as out:
            render(table, kind, out)
    return kind
