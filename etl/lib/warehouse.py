"""The DuckDB file: connections, loading frames, views, and publishing the finished file.

Only this module talks to DuckDB. Values always travel as bound parameters or as registered
Arrow tables; the only identifiers in SQL text are table names from ``tables.TABLES``, checked
by ``_table`` before use.

The build writes a working file next to the published one and moves it into place with one
``os.replace`` after a checkpoint, so readers of the published file never see half a build and
never block the writer. One build at a time holds ``<warehouse>.lock``; a build that would
publish no films, or lose more than half of them, is refused (``shrink_verdict``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
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
    """Checkpoint the working file and rename it onto ``published``.

    The rename is atomic: a reader holding the old file keeps reading the old version; new
    readers see the new one. The working file is moved, not copied, so nothing as large as the
    warehouse is left behind. Nothing is moved while a WAL could hold unwritten rows."""
    working, published = Path(working), Path(published)
    with connect(working) as conn:
        conn.execute("checkpoint")
    wal = working.with_name(working.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{wal} still holds data after a checkpoint; not publishing")
    wal.unlink(missing_ok=True)
    published.parent.mkdir(parents=True, exist_ok=True)
    os.replace(working, published)


# ---------------------------------------------------------------- the publication guard

DEFAULT_MAX_FILM_LOSS = 0.5  # share of the published films a build may lose


def published_films(published: Path) -> int | None:
    """How many films the published warehouse holds (None when there is none yet)."""
    published = Path(published)
    if not published.exists():
        return None
    with connect(published, read_only=True) as conn:
        return count_rows(conn, "dim_film")


def shrink_verdict(before: int | None, after: int, *, max_loss: float = DEFAULT_MAX_FILM_LOSS,
                   allow_shrink: bool = False, documents: int | None = None) -> tuple[bool, str]:
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
        return False, f"{comparison}: a build with no films is not published{cause} (etl build --allow-shrink to publish it anyway)"
    if before and (before - after) > max_loss * before:
        return False, (f"{comparison}: {before - after} films lost, more than {max_loss:.0%} of them; "
                       "not published (check the input folder, or etl build --allow-shrink)")
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
