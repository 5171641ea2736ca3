"""The instance storage of ``dagster_home/dagster.yaml`` (``etl.instance``): Dagster's SQLite
files, written through connections kept open, readable by Dagster's own storage, and a run's
log watcher woken by writes from another process's storage."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import dagster as dg
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage

from etl import instance as storage

ROOT = Path(__file__).resolve().parent.parent
WATCH_DEADLINE = 60  # seconds for a watcher to see a write (it is woken by the file change)


def _entry(run_id: str, message: str) -> EventLogEntry:
    return EventLogEntry(
        error_info=None, level=20, user_message=message, run_id=run_id, timestamp=time.time()
    )


def test_the_project_instance_uses_it(tmp_path, monkeypatch):
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, storage.EventLogStorage)
        assert isinstance(instance.run_storage, storage.RunStorage)
    # Dagster's default layout under DAGSTER_HOME
    assert (tmp_path / "history" / "runs.db").is_file()
    assert (tmp_path / "history" / "runs" / "index.db").is_file()
    assert (tmp_path / "schedules" / "schedules.db").is_file()


def test_commits_do_not_wait_for_an_fsync_and_stay_in_wal_mode(tmp_path):
    events = storage.EventLogStorage(str(tmp_path))
    events.store_event(_entry("r1", "hello"))
    with events.run_connection("r1") as conn:
        assert conn.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
    events.dispose()


def test_dagster_reads_what_it_wrote(tmp_path):
    events = storage.EventLogStorage(str(tmp_path))
    for message in ("one", "two"):
        events.store_event(_entry("r1", message))
    stock = SqliteEventLogStorage(str(tmp_path))
    assert [e.user_message for e in stock.get_logs_for_run("r1")] == ["one", "two"]
    events.dispose()
    stock.dispose()


def test_a_run_log_watcher_sees_writes_of_another_storage(tmp_path):
    writer = storage.EventLogStorage(str(tmp_path))
    reader = storage.EventLogStorage(str(tmp_path))
    writer.store_event(_entry("r1", "first"))
    seen: list[str] = []
    reader.watch("r1", None, lambda event, _cursor: seen.append(event.user_message))
    # Each write lands in r1.db-wal while the writer stays open; write until the watcher (whose
    # file watch starts on its own thread) has seen one.
    deadline, n = time.monotonic() + WATCH_DEADLINE, 0
    while not seen and time.monotonic() < deadline:
        writer.store_event(_entry("r1", f"write {n}"))
        n += 1
        time.sleep(0.2)
    assert seen[:2] == ["first", "write 0"]
    reader.dispose()
    writer.dispose()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("select version_num from alembic_version").fetchone()[0]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}


def test_a_new_run_database_is_the_one_dagster_creates(tmp_path):
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    events, dagster_events = storage.EventLogStorage(str(ours)), SqliteEventLogStorage(str(stock))
    events.store_event(_entry("r1", "hello"))
    dagster_events.store_event(_entry("r1", "hello"))
    assert _revision(ours / "r1.db") == _revision(stock / "r1.db") == _revision(stock / "index.db")
    assert _tables(ours / "r1.db") == _tables(stock / "r1.db")
    # Dagster's own storage reads it, and ours reads Dagster's
    assert [e.user_message for e in SqliteEventLogStorage(str(ours)).get_logs_for_run("r1")] == ["hello"]
    assert [e.user_message for e in storage.EventLogStorage(str(stock)).get_logs_for_run("r1")] == ["hello"]
    events.dispose()
    dagster_events.dispose()


def test_a_stamped_instance_opens_again_without_the_migration_scripts(tmp_path, monkeypatch):
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get():  # creates and stamps every database
        pass
    revisions = {p.name: _revision(p) for p in tmp_path.rglob("*.db")}
    assert set(revisions) == {"runs.db", "index.db", "schedules.db"}

    def no_scripts(*_args, **_kwargs):
        raise AssertionError("the migration scripts were loaded")

    monkeypatch.setattr(storage.ScriptDirectory, "from_config", no_scripts)
    with dg.DagsterInstance.get() as instance:
        assert instance.get_runs() == []
        assert instance.event_log_storage.has_table("asset_keys")
    assert {p.name: _revision(p) for p in tmp_path.rglob("*.db")} == revisions
