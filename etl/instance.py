"""The Dagster instance's storage (``dagster_home/dagster.yaml``): Dagster's own SQLite storage,
same files and schema, with one open connection per database and commits that do not wait
for the disk.

Dagster's SQLite storage builds a new engine and connection for every read and write (about
five per event; a seed build logs ~320 events) and every commit waits for an fsync. Here each
database keeps its engine, and connections run with ``synchronous=NORMAL``: in WAL mode (the
mode Dagster creates these files in) a commit survives a crash of any process, and only a power
loss can drop the last commits; the files are never corrupted. The UI, the daemon and
``dagster instance migrate`` read the files as before. Because writes now land in the run's
``-wal`` file (the ``.db`` file changes only at a checkpoint), a UI watching a run's log is
woken by changes to either file.

Opening the storage does not load Dagster's migration scripts for a database that is already
stamped with a revision (Dagster only creates and stamps a database that has none; loading
the ~70 scripts to learn the head took ~50 ms each time, five times a build): a new run's
database is created with Dagster's tables and stamped at the head, the scripts read once per
process. ``dagster instance migrate`` still upgrades every database as Dagster does. A table or
an asset-key column found once is not looked up again (they are only ever added).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as db
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from dagster._core.storage.event_log import SqlEventLogStorageMetadata
from dagster._core.storage.event_log.sqlite import sqlite_event_log
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sql import get_alembic_config
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS, create_db_conn_string
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage
from dagster._serdes import ConfigurableClassData
from dagster._utils import mkdir_p
from sqlalchemy import event
from watchdog.events import FileSystemEvent

# Engines kept open by one process: the index, the runs database and the runs being written or
# read; the least recently used is closed past this (a UI reads many runs' databases).
MAX_OPEN_DATABASES = 8


def _engine(conn_string: str) -> db.Engine:
    engine = db.create_engine(conn_string, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _no_fsync_per_commit(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # before Dagster creates a new run's tables
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _stamped(path: str, *tables: str) -> bool:
    """Whether the SQLite file ``path`` holds ``tables`` and an alembic revision (read-only: a
    missing file is not created)."""
    if not os.path.exists(path):
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:
        return False
    try:
        names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        if "alembic_version" not in names or not set(tables) <= names:
            return False
        return conn.execute("select version_num from alembic_version limit 1").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


@functools.cache
def _scripts() -> ScriptDirectory:
    """Dagster's migration scripts, read once per process (the head revision a new database is
    stamped with)."""
    return ScriptDirectory.from_config(get_alembic_config(sqlite_event_log.__file__))


class _Engines:
    """One engine per database file, the least recently used closed beyond ``MAX_OPEN_DATABASES``."""

    def __init__(self) -> None:
        self._engines: OrderedDict[str, db.Engine] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conn_string: str) -> db.Engine:
        with self._lock:
            engine = self._engines.get(conn_string)
            if engine is None:
                engine = self._engines[conn_string] = _engine(conn_string)
                while len(self._engines) > MAX_OPEN_DATABASES:
                    self._engines.popitem(last=False)[1].dispose()
            self._engines.move_to_end(conn_string)
            return engine

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


class _RunLogWatchdog(SqliteEventLogStorageWatchdog):
    """Dagster's watcher of one run's database, woken by its ``-wal`` file too."""

    def __init__(self, event_log_storage: SqliteEventLogStorage, run_id: str, callback, cursor) -> None:
        super().__init__(event_log_storage, run_id, callback, cursor)
        self._patterns = [self._log_path, f"{self._log_path}-wal"]

    def on_modified(self, event: FileSystemEvent) -> None:
        self._process_log()


class EventLogStorage(SqliteEventLogStorage):
    """Dagster's SQLite event log (a database per run plus the index), with engines kept open."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines = _Engines()
        self._tables: set[str] = set()
        self._asset_key_columns: set[str] = set()
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> EventLogStorage:  # type: ignore[override]
        return cls(inst_data=inst_data, **config_value)

    def _initdb(self, engine: db.Engine, for_index_shard: bool = False) -> None:
        path = engine.url.database or ""
        if _stamped(path, "event_logs"):
            return
        if for_index_shard or os.path.exists(path):
            super()._initdb(engine, for_index_shard)  # the index, or a file left half made
            return
        # A new run's database: Dagster's tables, stamped at the head.
        SqlEventLogStorageMetadata.create_all(engine)
        with engine.connect() as conn, conn.begin():
            MigrationContext.configure(conn).stamp(_scripts(), "head")

    @contextmanager
    def _connect(self, shard: str) -> Iterator[db.Connection]:
        with self._db_lock:
            engine = self._engines.get(self.conn_string_for_shard(shard))
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def has_table(self, table_name: str) -> bool:
        # Asked before every asset-check event: on the index's kept engine (a second pooled
        # connection if one is in use), not on a new engine each time; a table found is kept.
        if table_name in self._tables:
            return True
        engine = self._engines.get(self.conn_string_for_shard(INDEX_SHARD_NAME))
        with engine.connect() as conn:
            found = bool(engine.dialect.has_table(conn, table_name))
        if found:
            self._tables.add(table_name)
        return found

    def _has_asset_key_col_on_connection(self, conn: db.Connection, column_name: str) -> bool:
        # Asked for every asset event (the index's asset_keys columns): a column found is kept.
        if column_name not in self._asset_key_columns:
            if not super()._has_asset_key_col_on_connection(conn, column_name):
                return False
            self._asset_key_columns.add(column_name)
        return True

    def watch(self, run_id: str, cursor: str | None, callback) -> None:
        from watchdog.observers import Observer

        if not self._obs:
            self._obs = Observer()
            self._obs.start()
        watchdog = _RunLogWatchdog(self, run_id, callback, cursor)
        self._watchers[run_id][callback] = (
            watchdog,
            self._obs.schedule(watchdog, self._base_dir, recursive=True),
        )

    def wipe(self) -> None:
        self._engines.dispose()
        self._tables.clear()
        self._asset_key_columns.clear()
        super().wipe()

    def dispose(self) -> None:
        super().dispose()
        self._engines.dispose()


class RunStorage(SqliteRunStorage):
    """Dagster's SQLite run storage (``runs.db``), with its engine kept open."""

    def __init__(self, conn_string: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines = _Engines()
        super().__init__(conn_string, inst_data)

    @classmethod
    def from_local(cls, base_dir: str, inst_data: ConfigurableClassData | None = None) -> RunStorage:
        if _stamped(os.path.join(base_dir, "runs.db"), "runs", "instance_info"):
            return cls(create_db_conn_string(base_dir, "runs"), inst_data)
        return super().from_local(base_dir, inst_data)

    @contextmanager
    def connect(self) -> Iterator[db.Connection]:
        with self._engines.get(self._conn_string).connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        super().dispose()
        self._engines.dispose()


class ScheduleStorage(SqliteScheduleStorage):
    """Dagster's SQLite schedule storage (``schedules/schedules.db``), opened without the
    migration scripts once stamped."""

    @classmethod
    def from_local(
        cls, base_dir: str, inst_data: ConfigurableClassData | None = None
    ) -> SqliteScheduleStorage:
        if _stamped(os.path.join(base_dir, "schedules.db"), "jobs", "job_ticks"):
            return cls(create_db_conn_string(base_dir, "schedules"), inst_data)
        return super().from_local(base_dir, inst_data)


class SqliteStorage(DagsterSqliteStorage):
    """The instance's storage: ``base_dir`` laid out as Dagster's default SQLite storage
    (``history/runs.db``, ``history/runs/<run>.db`` and ``index.db``, ``schedules/``)."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self.base_dir = base_dir
        self._run_storage = RunStorage.from_local(os.path.join(base_dir, "history", ""))
        self._event_log_storage = EventLogStorage(os.path.join(base_dir, "history", "runs", ""))
        self._schedule_storage = ScheduleStorage.from_local(os.path.join(base_dir, "schedules"))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> SqliteStorage:  # type: ignore[override]
        mkdir_p(config_value["base_dir"])
        return cls(config_value["base_dir"], inst_data=inst_data)
