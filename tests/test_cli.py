"""The console script as users run it: `etl build`, then `etl sql`, `etl tables` and
`etl describe` on what it built -- and everything the read-only console must refuse."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from etl import cli

pytestmark = pytest.mark.slow

ETL = str(Path(sys.executable).with_name("etl"))
COMMANDS = ("build", "sql", "tables", "describe")


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ETL, *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}, **kwargs
    )


@pytest.fixture(scope="module")
def seeds_warehouse(seeds_dir, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("cli") / "out" / "seeds.duckdb"
    build = run("build", "--seeds", str(seeds_dir), "--warehouse", str(target), env={"DAGSTER_HOME": ""})
    assert build.returncode == 0, build.stderr
    assert "films: 1\n" in build.stdout
    assert "rejected documents: 0\n" in build.stdout
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_then_sql_on_the_seeds(seeds_warehouse):
    assert not seeds_warehouse.with_name("seeds.building.duckdb").exists(), (
        "the working file is moved, not copied"
    )
    sql = run("sql", "select title, release_year from dim_film", "--warehouse", str(seeds_warehouse), "--csv")
    assert sql.returncode == 0, sql.stderr
    assert sql.stdout.splitlines() == ["title,release_year", "Leaving Las Vegas,1995"]

    write = run("sql", "drop table dim_film", "--warehouse", str(seeds_warehouse))
    assert write.returncode == 1 and "read-only" in write.stderr


def test_sql_reports_a_missing_warehouse(tmp_path):
    missing = run("sql", "select 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no warehouse at" in missing.stderr


def test_build_reports_a_missing_input_folder(tmp_path):
    result = run(
        "build",
        "--seeds",
        str(tmp_path / "nope"),
        "--warehouse",
        str(tmp_path / "w.duckdb"),
        env={"DAGSTER_HOME": ""},
    )
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_argument_and_path_errors_come_before_dagster_is_imported(tmp_path):
    """`etl build --seeds /no/such/dir` must answer at once: Dagster takes seconds to import."""
    probe = textwrap.dedent(f"""
        import sys
        from etl import cli
        rc = cli.main(["build", "--seeds", {str(tmp_path / "no" / "such" / "dir")!r},
                       "--warehouse", {str(tmp_path / "w.duckdb")!r}])
        print(rc, "dagster" in sys.modules, "duckdb" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["2", "False", "False"], out.stderr
    assert "does not exist" in out.stderr


def test_an_input_folder_with_no_files_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", "--seeds", str(tmp_path / "empty"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2 and "holds no files" in result.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_a_running_build_is_named_with_its_pid(tmp_path, seeds_dir):
    target = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom etl.lib.store import warehouse\n"
            f"with warehouse.build_lock({str(target)!r}):\n    print('held', flush=True)\n    time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run("build", "--seeds", str(seeds_dir), "--warehouse", str(target))
        assert result.returncode == 3
        assert f"another build is running (pid {holder.pid})" in result.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert not target.exists()


# The console script leaves without the interpreter's teardown: what a normal exit does for
# others must still happen.
CONSOLE_EXIT = """
import atexit, sys, tempfile
from pathlib import Path
from etl import cli
scratch = tempfile.TemporaryDirectory()  # removed by a finalizer that runs at exit
Path(scratch.name, "mark").write_text("x")
print(scratch.name)
atexit.register(lambda: print("handler ran"))
sys.stdout.write("not yet flushed")  # buffered: no newline, no flush
sys.argv = ["etl", *sys.argv[1:]]
cli.console()
print("never printed")
"""


def test_the_console_script_exits_with_the_handlers_run_and_the_output_flushed(seeds_warehouse):
    ok = subprocess.run(
        [
            sys.executable,
            "-c",
            CONSOLE_EXIT,
            "sql",
            "select 6 * 7 as answer",
            "--warehouse",
            str(seeds_warehouse),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    scratch, rest = ok.stdout.split("\n", 1)
    assert "not yet flushed" in rest and "42" in rest and "handler ran" in rest
    assert "never printed" not in rest
    assert not Path(scratch).exists()  # the temporary folder's finalizer ran

    failed = subprocess.run(
        [
            sys.executable,
            "-c",
            CONSOLE_EXIT,
            "sql",
            "select * from no_such_table",
            "--warehouse",
            str(seeds_warehouse),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1 and "no_such_table" in failed.stderr
    assert failed.stdout.rstrip().endswith("handler ran")


def test_a_build_in_process_leaves_the_collector_as_it_found_it(tmp_path, seeds_dir):
    """`etl build` freezes what it imports out of the collector's reach; a caller that goes on
    (here a test calling `main`) gets every object back, and the collector enabled."""
    probe = textwrap.dedent(f"""
        import gc, sys
        from etl import cli
        rc = cli.main(["build", "--seeds", {str(seeds_dir)!r}, "--warehouse", {str(tmp_path / "w.duckdb")!r}])
        print(rc, gc.get_freeze_count(), gc.isenabled(), "dagster" in sys.modules)
    """)
    env = {**os.environ, "DAGSTER_HOME": ""}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, env=env)
    assert out.stdout.split()[-4:] == ["0", "0", "True", "True"], out.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_and_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "example:\n  etl " + command in text
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 5, description


# ------------------------------------------------------------------ the console touches nothing else


def refused_statements(tmp: Path, warehouse: Path) -> list[str]:
    """Every statement of the security report, aimed at real paths."""
    secret = tmp / "secret.csv"
    return [
        f"copy (select 'x') to '{warehouse}'",
        f"copy dim_film to '{tmp / 'films.csv'}'",
        f"copy (select 1) to '{tmp / 'allowed' / 'inside.csv'}'",
        f"export database '{tmp / 'export'}'",
        f"attach '{tmp / 'new.duckdb'}' as new (read_only false)",
        f"attach '{tmp / 'new.duckdb'}' as new; create table new.t (a int)",
        "install httpfs",
        "load httpfs",
        "force install httpfs",
        f"select * from read_text('{secret}')",
        "select * from read_text('/etc/shadow')",
        "select * from read_blob('/proc/self/environ')",
        "select * from glob('/**')",
        f"select * from read_csv('{secret}')",
        f"select * from '{secret}'",
        f"select * from read_parquet('{tmp / 'x.parquet'}')",
        f"select * from read_json('{secret}')",
        f"import database '{tmp}'",
        f"select * from sqlite_scan('{tmp / 'x.db'}', 't')",  # would auto-install an extension
        "select 1; copy (select 2) to 'later.csv'",  # one refused statement refuses the whole text
        "set enable_external_access = true",
        "set lock_configuration = false",
    ]


def test_every_file_statement_is_refused_and_nothing_is_touched(seeds_warehouse, tmp_path, capsys):
    (tmp_path / "secret.csv").write_text("root:x:0:0\n")
    (tmp_path / "allowed").mkdir()
    before = sha(seeds_warehouse)
    for statement in refused_statements(tmp_path, seeds_warehouse):
        rc = cli.main(
            [
                "sql",
                statement,
                "--warehouse",
                str(seeds_warehouse),
                "--allow-files",
                str(tmp_path / "allowed"),
            ]
        )
        captured = capsys.readouterr()
        assert rc == 1, statement
        assert captured.out == "" and "root:x" not in captured.err, statement
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (statement, captured.err)
        if not statement.startswith("set "):
            assert "--output" in lines[0] and "--allow-files" in lines[0], (statement, lines[0])
    assert sha(seeds_warehouse) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["allowed", "secret.csv"]
    assert list((tmp_path / "allowed").iterdir()) == []


def test_allow_files_reads_one_folder_only(seeds_warehouse, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "wishlist.csv").write_text("title\nLeaving Las Vegas\nRocky\n")
    (tmp_path / "other.csv").write_text("title\nsecret\n")
    query = (
        f"select w.title, f.release_year from read_csv('{mine / 'wishlist.csv'}') w "
        "left join dim_film f using (title) order by 1"
    )
    assert (
        cli.main(["sql", query, "--warehouse", str(seeds_warehouse), "--allow-files", str(mine), "--csv"])
        == 0
    )
    assert capsys.readouterr().out.splitlines() == ["title,release_year", "Leaving Las Vegas,1995", "Rocky,"]

    outside = f"select * from read_csv('{mine}/../other.csv')"
    assert cli.main(["sql", outside, "--warehouse", str(seeds_warehouse), "--allow-files", str(mine)]) == 1
    assert "secret" not in capsys.readouterr().err


# ------------------------------------------------------------------ for analysts

FILM = "select title, release_year, runtime_minutes from dim_film"


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("csv", "title,release_year,runtime_minutes\nLeaving Las Vegas,1995,111\n"),
        ("json", '[{"title": "Leaving Las Vegas", "release_year": 1995, "runtime_minutes": 111}]\n'),
        (
            "markdown",
            "| title | release_year | runtime_minutes |\n|---|---|---|\n| Leaving Las Vegas | 1995 | 111 |\n",
        ),
    ],
)
def test_sql_formats(seeds_warehouse, capsys, fmt, expected):
    # The seed article's infobox: "| runtime = 111 minutes", "| released = ... 1995".
    assert cli.main(["sql", FILM, "--warehouse", str(seeds_warehouse), "--format", fmt]) == 0
    assert capsys.readouterr().out == expected


def test_table_format_is_a_box(seeds_warehouse, capsys):
    assert cli.main(["sql", FILM, "--warehouse", str(seeds_warehouse)]) == 0
    out = capsys.readouterr().out
    assert "│ Leaving Las Vegas │" in out and "release_year" in out


def test_json_values_are_plain_json(seeds_warehouse, capsys):
    query = "select release_date, date_precision from fact_release where release_type = 'limited'"
    assert cli.main(["sql", query, "--warehouse", str(seeds_warehouse), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # The seed infobox: {{Film date|1995|10|27|limited}}.
    assert {"release_date": "1995-10-27", "date_precision": "day"} in rows


def test_several_statements_print_every_result(seeds_warehouse, capsys):
    query = "select count(*) as films from dim_film; select title from dim_film"
    assert cli.main(["sql", query, "--warehouse", str(seeds_warehouse), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["films", "1", "title", "Leaving Las Vegas"]


def test_output_writes_parquet_and_csv_by_the_program(seeds_warehouse, tmp_path, capsys):
    parquet = tmp_path / "films.parquet"
    assert cli.main(["sql", FILM, "--warehouse", str(seeds_warehouse), "--output", str(parquet)]) == 0
    assert pq.read_table(parquet).to_pylist() == [
        {"title": "Leaving Las Vegas", "release_year": 1995, "runtime_minutes": 111}
    ]
    text = tmp_path / "films.csv"
    assert cli.main(["sql", FILM, "--warehouse", str(seeds_warehouse), "--output", str(text)]) == 0
    assert text.read_text().splitlines() == [
        "title,release_year,runtime_minutes",
        "Leaving Las Vegas,1995,111",
    ]
    assert "wrote 1 rows" in capsys.readouterr().err


def test_appending_stdout_to_a_file_keeps_what_was_there(seeds_warehouse, tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("earlier line\n")
    for _ in range(2):
        with open(target, "a") as out:
            result = subprocess.run(
                [ETL, "sql", "select title from dim_film", "--warehouse", str(seeds_warehouse), "--csv"],
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
            )
        assert result.returncode == 0, result.stderr
    assert target.read_text().splitlines() == [
        "earlier line",
        "title",
        "Leaving Las Vegas",
        "title",
        "Leaving Las Vegas",
    ]


def test_tables_lists_every_table_and_view_with_its_rows(seeds_warehouse, capsys):
    assert cli.main(["tables", "--warehouse", str(seeds_warehouse), "--format", "json"]) == 0
    listed = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    conn = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        names = {
            r[0]
            for r in conn.execute(
                "select table_name from duckdb_tables() union select view_name from duckdb_views() where not internal"
            ).fetchall()
        }
    finally:
        conn.close()
    assert set(listed) == names
    assert listed["dim_film"]["rows"] == 1 and listed["dim_film"]["kind"] == "table"
    assert listed["wins_by_award_body"]["kind"] == "view"
    assert listed["fact_nomination"]["rows"] == 61  # the seed's accolades table: 61 entries
    assert all(set(row) == {"name", "kind", "rows", "comment"} for row in listed.values())


def test_describe_shows_columns_types_and_comments(tmp_path, capsys):
    path = tmp_path / "tiny.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("create table dim_film (film_id varchar, release_year integer)")
    conn.execute("comment on table dim_film is 'One row per film'")
    conn.execute("comment on column dim_film.release_year is 'Year of first release'")
    conn.close()
    assert cli.main(["describe", "dim_film", "--warehouse", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "column,type,comment",
        "film_id,VARCHAR,",
        "release_year,INTEGER,Year of first release",
    ]
    assert cli.main(["tables", "--warehouse", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "name,kind,rows,comment",
        "dim_film,table,0,One row per film",
    ]
    assert cli.main(["describe", "nope", "--warehouse", str(path)]) == 1
    assert "no table or view named 'nope'" in capsys.readouterr().err


def test_a_build_with_no_film_is_refused_unless_allow_shrink(seeds_warehouse, tmp_path):
    target = tmp_path / "films.duckdb"
    target.write_bytes(seeds_warehouse.read_bytes())
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("call the lab about the prints\n")
    refused = run("build", "--seeds", str(notes), "--warehouse", str(target), "--log-level", "ERROR")
    assert refused.returncode == 1
    assert "0 films built, 1 films published: a build with no films is not published" in refused.stderr
    assert "--allow-shrink" in refused.stderr
    assert sha(target) == sha(seeds_warehouse)

    allowed = run("build", "--seeds", str(notes), "--warehouse", str(target), "--allow-shrink")
    assert allowed.returncode == 0, allowed.stderr
    assert "films: 0\n" in allowed.stdout and "rejected documents: 1\n" in allowed.stdout


def test_a_build_lists_few_rejections_one_by_one_and_many_as_counts_per_reason(tmp_path):
    few, many = tmp_path / "few", tmp_path / "many"
    for folder, lists in ((few, 2), (many, 22)):
        folder.mkdir()
        for n in range(lists):
            (folder / f"list-{n:02d}.txt").write_text(f"Just a shopping list:\neggs\nmilk\n{n}\n")
        (folder / "cut.json").write_text('{"query": {"pages": {"1": {"title": "Trunc')
    built = run("build", "--seeds", str(few), "--warehouse", str(tmp_path / "few.duckdb"), "--allow-shrink")
    assert built.returncode == 0, built.stderr
    listed = [line for line in built.stdout.splitlines() if line.startswith("    - ")]
    assert [line.split(":")[0] for line in listed] == [
        "    - cut.json",
        "    - list-00.txt",
        "    - list-01.txt",
    ]

    built = run("build", "--seeds", str(many), "--warehouse", str(tmp_path / "many.duckdb"), "--allow-shrink")
    assert built.returncode == 0, built.stderr
    assert "rejected documents: 23\n" in built.stdout
    listed = [line for line in built.stdout.splitlines() if line.startswith("    ")]
    assert listed[0].startswith("    - 22 × unrecognised document kind")
    assert listed[1].startswith("    - 1 × invalid or truncated JSON")
    assert listed[2:] == [
        f'    (every one: etl sql "select * from rejected_document" --warehouse {tmp_path / "many.duckdb"})'
    ]
