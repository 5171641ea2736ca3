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
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
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
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> EventLogStorage:  # type: ignore[override]
        return cls(inst_data=inst_data, **config_value)

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
        # connection if one is in use), not on a new engine each time.
        engine = self._engines.get(self.conn_string_for_shard(INDEX_SHARD_NAME))
        with engine.connect() as conn:
            return bool(engine.dialect.has_table(conn, table_name))

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
        super().wipe()

    def dispose(self) -> None:
        super().dispose()
        self._engines.dispose()


class RunStorage(SqliteRunStorage):
    """Dagster's SQLite run storage (``runs.db``), with its engine kept open."""

    def __init__(self, conn_string: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines = _Engines()
        super().__init__(conn_string, inst_data)

    @contextmanager
    def connect(self) -> Iterator[db.Connection]:
        with self._engines.get(self._conn_string).connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        super().dispose()
        self._engines.dispose()


class SqliteStorage(DagsterSqliteStorage):
    """The instance's storage: ``base_dir`` laid out as Dagster's default SQLite storage
    (``history/runs.db``, ``history/runs/<run>.db`` and ``index.db``, ``schedules/``)."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self.base_dir = base_dir
        self._run_storage = RunStorage.from_local(os.path.join(base_dir, "history", ""))
        self._event_log_storage = EventLogStorage(os.path.join(base_dir, "history", "runs", ""))
        self._schedule_storage = SqliteScheduleStorage.from_local(os.path.join(base_dir, "schedules"))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> SqliteStorage:  # type: ignore[override]
        mkdir_p(config_value["base_dir"])
        return cls(config_value["base_dir"], inst_data=inst_data)
