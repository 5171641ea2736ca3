"""The console script as users run it: `etl build` then `etl sql`, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ETL = str(Path(sys.executable).with_name("etl"))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ETL, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_build_then_sql_on_the_seeds(seeds_dir, tmp_path):
    target = tmp_path / "out" / "seeds.duckdb"
    build = run("build", "--seeds", str(seeds_dir), "--warehouse", str(target),
                env={"DAGSTER_HOME": ""})
    assert build.returncode == 0, build.stderr
    assert "films: 1\n" in build.stdout
    assert "rejected documents: 0\n" in build.stdout
    assert target.exists()

    sql = run("sql", "select title, release_year from dim_film", "--warehouse", str(target), "--csv")
    assert sql.returncode == 0, sql.stderr
    assert sql.stdout.splitlines() == ["title,release_year", "Leaving Las Vegas,1995"]

    write = run("sql", "drop table dim_film", "--warehouse", str(target))
    assert write.returncode == 1 and "read-only" in write.stderr


def test_sql_reports_a_missing_warehouse(tmp_path):
    missing = run("sql", "select 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no warehouse at" in missing.stderr


def test_build_reports_a_missing_input_folder(tmp_path):
    result = run("build", "--seeds", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb"),
                 env={"DAGSTER_HOME": ""})
    assert result.returncode == 2 and "does not exist" in result.stderr
