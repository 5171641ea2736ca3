"""The DuckDB file: connections, loading frames, views, and publishing the finished file.

Only this module talks to DuckDB. Values always travel as bound parameters or as registered
relations (a table's Parquet file, which DuckDB reads as it inserts, or an Arrow table); the only identifiers in SQL text are table, view and column names of the registry
(``tables.TABLE_SPECS`` / ``VIEW_SPECS``), checked before use. Tables are created from the
registry with their primary keys, foreign keys and comments; DuckDB's ``COMMENT ON`` takes no
parameters, so the comments (registry constants, never input) are quoted as SQL literals.

The build writes a working file next to the published one and moves it into place with one
``os.replace`` after a checkpoint, so readers of the published file never see half a build and
never block the writer. A build whose frames, code and views are those the published file was
loaded from (``<warehouse>.load`` records them with the file's identity) starts from a copy of
that file instead of loading the frames again (``load_identity``, ``keep_published``); one of
the same code and views but other frames patches a copy, changing only the rows that differ
(``schema_identity``, ``patch_tables``: one page edited in a dump changes a few rows). One
build at a time holds ``<warehouse>.lock``; a build that would publish no films, or lose more
than half of them, is refused (``shrink_verdict``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import duckdb
import polars as pl

from etl.lib.store.tables import TABLE_SPECS, TABLES, VIEW_SPECS, TableSpec

# The stock DuckDB CLI users open the file with (duckdb-cli 1.5.x) reads storage up to v1.5.
STORAGE_COMPATIBILITY = "v1.5.0"
# What DuckDB's buffers may hold in a build's process (``WarehouseResource.memory_limit`` changes
# it): without a limit a load keeps about as much as it writes (up to 80% of the machine's
# memory), so the build's peak would grow with the dump; past the limit DuckDB writes its blocks
# out, and spills sorts, joins and aggregates to ``<file>.tmp``.
MEMORY_LIMIT = "128MB"


def build_path(published: Path) -> Path:
    """The working file a build writes before it is published to ``published``."""
    published = Path(published)
    return published.with_name(published.stem + ".building" + (published.suffix or ".duckdb"))


@contextlib.contextmanager
def connect(
    path: Path, *, read_only: bool = False, memory_limit: str = MEMORY_LIMIT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed, even when the body raises (a leaked connection
    keeps the file locked for the life of the process); a writer's buffers capped at
    ``memory_limit``."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `etl build` (or `make run`) first")
        conn = duckdb.connect(str(path), read_only=True)  # a reader's settings: any other reader's
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        config: dict[str, str | bool | int | float | list[str]] = {
            "storage_compatibility_version": STORAGE_COMPATIBILITY,
            "memory_limit": memory_limit,
        }
        conn = duckdb.connect(str(path), config=config)
    try:
        yield conn
    finally:
        conn.close()


def _table(name: str) -> str:
    if name not in TABLES:
        raise ValueError(f"{name!r} is not a warehouse table")
    return '"' + name + '"'


_SQL_TYPES = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
    pl.List(pl.String): "VARCHAR[]",
}


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"{name!r} is not an identifier of the registry")
    return '"' + name + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def declared_references(spec: TableSpec) -> list[tuple[str, str, str]]:
    """The references of ``spec`` declared as DuckDB foreign keys: those to a dimension's
    primary key (single column). Every reference is checked by an asset check either way."""
    return [
        (col, parent, pcol)
        for col, parent, pcol in spec.references
        if parent.startswith("dim_") and TABLE_SPECS[parent].key == (pcol,)
    ]


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
        parts.append(
            "foreign key (" + _ident(col) + ") references " + _ident(parent) + " (" + _ident(pcol) + ")"
        )
    return "create table " + _ident(spec.name) + " (\n    " + ",\n    ".join(parts) + "\n)"


def comment_statements(spec: TableSpec) -> list[str]:
    stmts = ["comment on table " + _ident(spec.name) + " is " + _literal(spec.description)]
    stmts += [
        "comment on column " + _ident(spec.name) + "." + _ident(c.name) + " is " + _literal(c.description)
        for c in spec.columns
    ]
    return stmts


Incoming = Path | pl.DataFrame  # a table's rows: its Parquet file, or a frame


def _relation(conn: duckdb.DuckDBPyConnection, rows: Incoming) -> duckdb.DuckDBPyRelation:
    """The rows of one table as a relation: a Parquet file is read by DuckDB as a statement runs
    (no copy of the table in this process), a frame through Arrow."""
    if isinstance(rows, pl.DataFrame):
        return conn.from_arrow(rows.to_arrow())
    return conn.read_parquet(str(rows))


def _numbered(conn: duckdb.DuckDBPyConnection, rows: Incoming) -> duckdb.DuckDBPyRelation:
    """``_relation`` with each row's position in ``file_row_number`` (0, 1, ...), so a table is
    loaded in order, a slice at a time."""
    if isinstance(rows, pl.DataFrame):
        return conn.from_arrow(rows.with_row_index(ROW_NUMBER).to_arrow())
    return conn.read_parquet(str(rows), file_row_number=True)


# The column DuckDB's Parquet reader numbers rows in (``_numbered`` gives a frame the same).
ROW_NUMBER = "file_row_number"
# Rows a table's load commits at a time: DuckDB holds what a transaction adds, its index entries
# included, in memory until it commits, so the memory a load needs is bounded by this and not by
# the largest table (at 10,000 films ``fact_claim`` has 426,296 rows).
LOAD_BATCH_ROWS = 100_000


def write_tables(conn: duckdb.DuckDBPyConnection, frames: Mapping[str, Incoming]) -> dict[str, int]:
    """Create every registry table (keys, references, comments) and load its rows (its Parquet
    file or frame), parents first, so each foreign key finds its rows. Each table is created in a
    transaction, then loaded in order ``LOAD_BATCH_ROWS`` rows a transaction, each commit followed
    by a checkpoint: DuckDB holds a transaction's rows and index entries in memory until it
    commits, and committed blocks until a checkpoint, so the memory a load needs does not grow
    with the warehouse or its largest table. (A load that fails leaves a working file that is
    never published; the next build starts from an empty one.)"""
    counts = {}
    order = _creation_order()
    with _transaction(conn):
        for name in reversed(order):
            conn.execute("drop table if exists " + _table(name))
    for name in order:
        spec = TABLE_SPECS[name]
        with _transaction(conn):
            conn.execute(table_ddl(spec))
            for stmt in comment_statements(spec):
                conn.execute(stmt)
        conn.register("incoming_frame", _numbered(conn, frames[name]))
        try:
            total = _count_of(conn, "select count(*) from incoming_frame")
            insert = (
                "insert into " + _table(name) + " select " + _columns(spec) + " from incoming_frame"
                " where " + ROW_NUMBER + " >= ? and " + ROW_NUMBER + " < ? order by " + ROW_NUMBER
            )
            counts[name] = 0
            for start in range(0, total, LOAD_BATCH_ROWS):
                with _transaction(conn):
                    counts[name] += _count_of(conn, insert, [start, start + LOAD_BATCH_ROWS])
                # Committed blocks stay in memory until a checkpoint writes them to the file;
                # after it they can be evicted, so the tables loaded so far do not add up.
                conn.execute("checkpoint")
        finally:
            conn.unregister("incoming_frame")
    return counts


def patch_tables(
    conn: duckdb.DuckDBPyConnection, frames: Mapping[str, Incoming]
) -> dict[str, dict[str, int]]:
    """Make every table of a warehouse of the same registry (a copy of the published file) hold
    exactly the rows of ``frames``, changing only the rows that differ: the result equals
    ``write_tables`` of the same frames as sets of rows, whatever the tables held before.
    Returns ``{table: {"inserted", "updated", "deleted"}}``.

    Each step goes table by table, each table's statements committed together (DuckDB holds a
    transaction's rows and index entries in memory until it commits):

    1. Parents first: rows of a new key are inserted; the keys whose row
       differs (every column compared, nulls as equal) are listed; changed rows are updated in
       place, except in a table with list columns (DuckDB updates those as a delete and an
       insert, which a referenced row refuses), where they are replaced in 2 and 3.
    2. Children first, one table at a time, each committed (DuckDB checks the delete of a parent
       row against its children's rows as they were when the transaction began): rows whose key
       is gone or replaced are deleted, with the rows that reference a deleted parent row; a
       table without a key (documents, issues, rejections: no index to keep) is emptied.
    3. Parents first: every incoming row of a key the table lacks (in a
       table 2 deleted from) is inserted, and every row of a table without a key."""
    order = _creation_order()
    changes = {name: {"inserted": 0, "updated": 0, "deleted": 0} for name in order}
    for name in order:
        conn.register(_patch_name("incoming", name), _relation(conn, frames[name]))
    try:
        for name in order:
            spec = TABLE_SPECS[name]
            if spec.key:
                with _transaction(conn):
                    changes[name]["inserted"] += _count_of(conn, _insert_new_keys(spec))
                    changes[name]["updated"] += _update_changed(conn, spec)
        for name in reversed(order):
            changes[name]["deleted"] += _count_of(conn, _delete_stale(TABLE_SPECS[name]))
        for name in order:
            spec = TABLE_SPECS[name]
            with _transaction(conn):
                if not spec.key:
                    changes[name]["inserted"] += _count_of(conn, _insert_all(spec))
                elif changes[name]["deleted"]:  # else every incoming key is there since step 1
                    changes[name]["inserted"] += _count_of(conn, _insert_new_keys(spec))
    finally:
        for name in order:
            conn.unregister(_patch_name("incoming", name))
            conn.execute("drop table if exists " + _ident(_patch_name("stale", name)))
    return changes


@contextlib.contextmanager
def _transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    conn.execute("begin transaction")
    try:
        yield
    except Exception:
        conn.execute("rollback")
        raise
    try:
        conn.execute("commit")
    except duckdb.Error:
        # A commit that fails (out of memory, say) leaves the transaction open and aborted:
        # rolled back here, the connection stays usable and the commit's own error is raised.
        with contextlib.suppress(duckdb.Error):
            conn.execute("rollback")
        raise


def _patch_name(role: str, name: str) -> str:
    """The name of the incoming frame (``incoming``) or of the stale keys (``stale``, a temp
    table) of table ``name`` while a patch runs."""
    _table(name)
    return role + "_" + name


def _columns(spec: TableSpec, alias: str = "") -> str:
    return ", ".join(alias + _ident(c.name) for c in spec.columns)


def _same_key(key: tuple[str, ...], left: str, right: str) -> str:
    return " and ".join(left + "." + _ident(k) + " = " + right + "." + _ident(k) for k in key)


def _insert_new_keys(spec: TableSpec) -> str:
    """``insert`` of the incoming rows of a key the table does not hold."""
    table, incoming = _table(spec.name), _ident(_patch_name("incoming", spec.name))
    lacking = "not exists (select 1 from " + table + " where " + _same_key(spec.key, table, "i") + ")"
    return " ".join(
        ["insert into", table, "select", _columns(spec, "i."), "from", incoming, "as i where", lacking]
    )


def _insert_all(spec: TableSpec) -> str:
    incoming = _ident(_patch_name("incoming", spec.name))
    return "insert into " + _table(spec.name) + " select " + _columns(spec) + " from " + incoming


def _update_changed(conn: duckdb.DuckDBPyConnection, spec: TableSpec) -> int:
    """List the keys whose row differs from the incoming one (``stale``), then update those
    rows in place and keep only the gone keys listed (not in a table with list columns, whose
    changed rows stay listed, to be replaced)."""
    table, incoming = _table(spec.name), _ident(_patch_name("incoming", spec.name))
    stale = _ident(_patch_name("stale", spec.name))
    keys = ", ".join(_ident(k) for k in spec.key)
    differing = " ".join(
        ["select", _columns(spec), "from", table, "except select", _columns(spec), "from", incoming]
    )
    conn.execute("create or replace temp table " + stale + " as select " + keys + " from (" + differing + ")")
    values = [c.name for c in spec.columns if c.name not in spec.key]
    if not values or any(isinstance(c.type, pl.List) for c in spec.columns):
        return 0
    changed = " ".join(["select", _columns(spec, "i."), "from", incoming, "as i join", stale, "as s on"])
    changed += " " + _same_key(spec.key, "i", "s")
    assign = ", ".join(_ident(c) + " = changed." + _ident(c) for c in values)
    where = _same_key(spec.key, table, "changed")
    updated = _count_of(
        conn, " ".join(["update", table, "set", assign, "from (", changed, ") as changed where", where])
    )
    kept = "exists (select 1 from " + incoming + " as i where " + _same_key(spec.key, "i", "s") + ")"
    conn.execute(" ".join(["delete from", stale, "as s where", kept]))  # updated: no longer stale
    return updated


def _delete_stale(spec: TableSpec) -> str:
    """``delete`` of the rows of a stale key, and of those that reference a stale parent row;
    every row of a table without a key."""
    table = _table(spec.name)
    if not spec.key:
        return "delete from " + table
    stale = _ident(_patch_name("stale", spec.name))
    doomed = ["exists (select 1 from " + stale + " as s where " + _same_key(spec.key, "s", table) + ")"]
    for column, parent, parent_column in declared_references(spec):
        parent_stale = _ident(_patch_name("stale", parent))
        refers = table + "." + _ident(column)
        doomed.append(refers + " in (select " + _ident(parent_column) + " from " + parent_stale + ")")
    return "delete from " + table + " where " + " or ".join(doomed)


def _count_of(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    """The count a statement returns (the rows an ``insert``, ``update`` or ``delete`` changed),
    read before the next statement replaces the connection's result; ``params`` are bound."""
    return int(conn.execute(sql, params).fetchall()[0][0])


def apply_view(conn: duckdb.DuckDBPyConnection, views_dir: Path, name: str) -> pl.DataFrame:
    """Create the view ``<name>.sql`` of ``views_dir`` with the comments of its registry entry
    and return its rows (the view run once, for its count, preview and chart)."""
    spec = VIEW_SPECS[name]
    conn.execute((Path(views_dir) / (name + ".sql")).read_text(encoding="utf-8"))
    conn.execute("comment on view " + _ident(name) + " is " + _literal(spec.description))
    for col, description in spec.columns:
        conn.execute("comment on column " + _ident(name) + "." + _ident(col) + " is " + _literal(description))
    return conn.table(name).pl()


def _count(conn: duckdb.DuckDBPyConnection, relation: str) -> int:
    return conn.table(relation).aggregate("count(*)").fetchall()[0][0]


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    _table(table)
    return _count(conn, table)


def discard(working: Path) -> None:
    """Remove a working file, its WAL and its load record (left by an earlier, maybe killed,
    build)."""
    for path in (Path(working), Path(str(working) + ".wal"), load_record(working)):
        path.unlink(missing_ok=True)


def publish(working: Path, published: Path) -> None:
    """Checkpoint the working file and rename it onto ``published``.

    The rename is atomic: a reader holding the old file keeps reading the old version; new
    readers see the new one. The working file is moved, not copied, so nothing as large as the
    warehouse is left behind. Nothing is moved while a WAL could hold unwritten rows (a file
    whose last connection closed cleanly has none: DuckDB checkpoints on close)."""
    working, published = Path(working), Path(published)
    wal = working.with_name(working.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        with connect(working) as conn:
            conn.execute("checkpoint")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{wal} still holds data after a checkpoint; not publishing")
    wal.unlink(missing_ok=True)
    published.parent.mkdir(parents=True, exist_ok=True)
    record, pending = load_record(published), load_record(working)
    record.unlink(missing_ok=True)  # the file it describes is about to be replaced
    os.replace(working, published)
    if pending.exists():
        loaded = json.loads(pending.read_text(encoding="utf-8"))
        _write_json(record, {**loaded, "file": _file_identity(published)})
        pending.unlink()


# ---------------------------------------------------------------- an unchanged rebuild


def load_record(path: Path) -> Path:
    """``<warehouse>.load``: what the file was loaded from (frames, code, views) and, once
    published, the published file's identity."""
    path = Path(path)
    return path.with_name(path.name + ".load")


def load_identity(frames_folder: Path, views_dir: Path, code: str) -> str:
    """A hash of everything a loaded warehouse is made of: the frames' Parquet files, the code
    version ``code`` and the views' SQL."""
    return _hash(code, ((Path(frames_folder), "*.parquet"), (Path(views_dir), "*.sql")))


def schema_identity(views_dir: Path, code: str) -> str:
    """A hash of what gives a warehouse its tables and views (the code version and the views'
    SQL), whatever rows it holds: two files of the same schema identity differ by rows only."""
    return _hash(code, ((Path(views_dir), "*.sql"),))


def _hash(code: str, files: tuple[tuple[Path, str], ...]) -> str:
    h = hashlib.sha256(code.encode())
    for folder, pattern in files:
        for path in sorted(folder.glob(pattern)):
            h.update(b"\0" + path.name.encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def _file_identity(path: Path) -> dict[str, int]:
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino, "device": st.st_dev}


def _write_json(path: Path, value: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


COPIED, PATCHED, LOADED = "copied", "patched", "loaded"  # how a working file got its tables


def keep_published(published: Path, working: Path, identity: str, schema: str) -> str:
    """Start ``working`` from the published file when that is still the very file published
    (same size, modification time and inode) and say how much of it holds:

    - ``COPIED``: it was loaded from ``identity`` (same frames, code and views): it is the build;
    - ``PATCHED``: it was loaded under ``schema`` (same code and views): its tables are those of
      the build and only rows differ, for ``patch_tables`` to change;
    - ``LOADED``: anything else (no record, other code or views, a file changed or replaced
      since): nothing is copied and the tables are loaded into an empty file."""
    published, record = Path(published), load_record(published)
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
        same_file = recorded["file"] == _file_identity(published)
        if recorded["identity"] == identity:
            how = COPIED
        elif recorded.get("schema") == schema:
            how = PATCHED
        else:
            how = LOADED
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return LOADED
    if not same_file or how == LOADED:
        return LOADED
    discard(working)
    shutil.copyfile(published, working)
    return how


def note_load(working: Path, identity: str, schema: str) -> None:
    """Record what the working file was loaded from, for ``publish`` to keep beside the
    published file."""
    _write_json(load_record(working), {"identity": identity, "schema": schema})


# ---------------------------------------------------------------- the publication guard

DEFAULT_MAX_FILM_LOSS = 0.5  # share of the published films a build may lose


def published_films(published: Path) -> int | None:
    """How many films the published warehouse holds (None when there is none yet)."""
    published = Path(published)
    if not published.exists():
        return None
    with connect(published, read_only=True) as conn:
        return count_rows(conn, "dim_film")


def shrink_verdict(
    before: int | None,
    after: int,
    *,
    max_loss: float = DEFAULT_MAX_FILM_LOSS,
    allow_shrink: bool = False,
    documents: int | None = None,
) -> tuple[bool, str]:
    """Whether a build of ``after`` films may replace a warehouse of ``before`` films, and why.

    A build with no films, or one that loses more than ``max_loss`` of the published films, is
    refused unless ``allow_shrink``. ``documents`` (the film documents loaded) names the usual
    cause of an empty build: an input folder with no readable files."""
    was = "no published warehouse" if before is None else f"{before} films published"
    comparison = f"{after} films built, {was}"
    if allow_shrink:
        return True, f"{comparison} (--allow-shrink: not compared)"
    if after == 0:
        cause = "; the input folder has no readable film documents" if documents == 0 else ""
        return (
            False,
            f"{comparison}: a build with no films is not published{cause} (etl build --allow-shrink to publish it anyway)",
        )
    if before and (before - after) > max_loss * before:
        return False, (
            f"{comparison}: {before - after} films lost, more than {max_loss:.0%} of them; "
            "not published (check the input folder, or etl build --allow-shrink)"
        )
    return True, comparison


# ---------------------------------------------------------------- one build at a time


class BuildLocked(RuntimeError):
    """Another build holds the warehouse's lock."""


def lock_path(published: Path) -> Path:
    published = Path(published)
    return published.with_name(published.name + ".lock")


def locked_message(published: Path, pid: int | None) -> str:
    who = f"pid {pid}" if pid else "pid unknown"
    return f"another build is running ({who}) on {published}; wait for it to finish"


def _pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or "0") or None
    except (OSError, ValueError):
        return None


def lock_holder(published: Path) -> int | None:
    """The pid of the build holding the warehouse's lock, or None when no build holds it (a
    lock file left by a killed build holds no lock: the kernel released it with the process)."""
    path = lock_path(published)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _pid_in(path) or 0
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextlib.contextmanager
def build_lock(published: Path) -> Iterator[Path]:
    """Hold the warehouse's build lock (``<warehouse>.lock``, holding the pid) for the body.

    The lock is an ``flock`` on the file, so a build that is killed releases it with its
    process: a stale file is taken over by the next build. Raises ``BuildLocked`` at once
    when another build holds it."""
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BuildLocked(locked_message(published, _pid_in(path))) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file as we opened it: take the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield path
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


SUMMARY = ("films", "nominations", "wins", "rejected_documents")
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
    row = cur.fetchone()
    assert row is not None  # an aggregate query always returns its row
    return dict(zip(names, row))
