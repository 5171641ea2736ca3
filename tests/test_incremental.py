"""Incremental builds: unchanged documents are not parsed again, changed ones replace their
facts, removed ones leave; the result always equals a from-scratch build. Readers of the
published file never block a run, and a killed run leaves the last good warehouse."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl.defs.resources import InputsResource, WarehouseResource
from etl.definitions import defs as load_defs
from etl.lib.tables import TABLES

pytestmark = pytest.mark.slow

IMDB_TITLE = "002_42df566a22516ba3.txt"
REVIEWS = "004_6f20dbbd59d93bf6.txt"


def build(inputs: Path, target: Path) -> dg.ExecuteInProcessResult:
    defs = load_defs()
    result = dg.materialize(
        [*defs.assets, *defs.asset_checks],
        resources={"inputs": InputsResource(seeds_dir=str(inputs)),
                   "warehouse_db": WarehouseResource(path=str(target))},
    )
    assert result.success
    return result


def parse_metadata(result: dg.ExecuteInProcessResult) -> dict:
    (mat,) = result.asset_materializations_for_node("parsed_documents")
    return {k: v.value for k, v in mat.metadata.items()
            if k.startswith(("documents_", "files_"))}


def table_rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: conn.table(t).fetchall() for t in TABLES}


def titles(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return [r[0] for r in conn.execute("select title from dim_film order by title").fetchall()]


def test_adds_changes_and_removals_equal_a_fresh_build(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    target = tmp_path / "live" / "warehouse.duckdb"

    first = build(inputs, target)
    assert parse_metadata(first) == {"documents_new": 5, "documents_changed": 0, "documents_unchanged": 0,
                                     "documents_removed": 0, "files_parsed": 5, "files_from_cache": 0}

    shutil.copy(corpus_dir / "Rocky.xml", inputs / "Rocky.xml")  # add a film
    page = (inputs / IMDB_TITLE).read_text()  # change a document: another rating
    (inputs / IMDB_TITLE).write_text(page.replace("Rating: 7.6/10 (54,198 voted)", "Rating: 7.5/10 (60,000 voted)"))
    (inputs / REVIEWS).unlink()  # remove a document

    second = build(inputs, target)
    assert parse_metadata(second) == {"documents_new": 1, "documents_changed": 1, "documents_unchanged": 3,
                                      "documents_removed": 1, "files_parsed": 2, "files_from_cache": 3}
    assert titles(target) == ["Leaving Las Vegas", "Rocky"]
    with duckdb.connect(str(target), read_only=True) as conn:
        assert conn.execute("select count(*) from fact_review").fetchall() == [(0,)]
        assert conn.execute("select value, sample_size from fact_rating where rating_source = 'IMDb'").fetchall() \
            == [(7.5, 60000)]

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    build(inputs, fresh)
    assert table_rows(target) == table_rows(fresh)


def test_unchanged_folder_parses_nothing(tmp_path, seeds_dir):
    target = tmp_path / "warehouse.duckdb"
    build(seeds_dir, target)
    again = build(seeds_dir, target)
    meta = parse_metadata(again)
    assert (meta["documents_unchanged"], meta["files_parsed"], meta["files_from_cache"]) == (5, 0, 5)


READER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
print(conn.execute("select count(*) from dim_film").fetchall()[0][0], flush=True)
sys.stdin.readline()  # hold the file open until told
print(conn.execute("select count(*) from dim_film").fetchall()[0][0], flush=True)
"""


def test_a_reader_holding_the_file_never_blocks_a_run(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    target = tmp_path / "warehouse.duckdb"
    build(inputs, target)

    reader = subprocess.Popen([sys.executable, "-c", READER, str(target)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "1"
        shutil.copy(corpus_dir / "Taxi Driver.xml", inputs / "Taxi Driver.xml")
        build(inputs, target)  # succeeds while the reader holds the old file open
        assert titles(target) == ["Leaving Las Vegas", "Taxi Driver"]  # new readers see the new build
        out, _ = reader.communicate("go\n", timeout=60)
        assert out.strip() == "1"  # the old reader still sees the version it opened
    finally:
        reader.kill()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_run_leaves_the_last_good_warehouse(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs / "seeds")
    target = tmp_path / "warehouse.duckdb"
    build(inputs, target)
    good = sha(target)

    for n in range(4):  # enough documents that the run is still busy when it is killed
        shutil.copytree(corpus_dir, inputs / f"copy{n}")
    etl = Path(sys.executable).with_name("etl")
    proc = subprocess.Popen([str(etl), "build", "--seeds", str(inputs), "--warehouse", str(target)],
                            env={**os.environ, "DAGSTER_HOME": ""}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    log = []
    try:
        # Kill it once it is parsing the documents (its log says so), well before publishing.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            log.append(line)
            if "parsed_documents - parsing" in line or not line:
                break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL, "".join(log[-20:])
    assert sha(target) == good
    assert titles(target) == ["Leaving Las Vegas"]

    build(inputs, target)  # the next run recovers from whatever the killed one left
    assert len(titles(target)) == 13
