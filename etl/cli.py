"""``etl build``, ``etl sql``, ``etl tables`` and ``etl describe``: the warehouse from the command line.

``etl build`` runs the same Dagster job the web UI runs (``build_warehouse``), in this process,
recording the run in ``$DAGSTER_HOME`` when it is set. The console commands open the published
file read-only and cut off from every other file (see ``etl.lib.store.console``).

Argument and path errors are reported before Dagster is imported (it takes seconds to load):
every heavy import happens inside the command that needs it.

A build's process keeps what loading Dagster and the definitions makes (~230,000 objects) for
its whole life, so the garbage collector is paused while they are made and they are then
frozen out of its reach (``_long_lived``); the console script leaves without tearing the
interpreter down (``console``). Both only skip collections of objects that are never garbage.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl import paths


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


@contextmanager
def _long_lived() -> Iterator[None]:
    """Imports and definitions made here live as long as the process: the collector is paused
    while they are made (it ran four full collections over them, ~0.25 s of a seed build) and
    freezes them afterwards, so later collections skip them. ``_build`` unfreezes them when it
    returns, for a process that goes on (a test calling ``main``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _build(args: argparse.Namespace) -> int:
    try:
        return _build_in_process(args)
    finally:
        gc.unfreeze()


def _build_in_process(args: argparse.Namespace) -> int:
    # Paths first: a missing folder or a running build is reported before Dagster loads.
    seeds = paths.seeds_dir(args.seeds)
    target = paths.warehouse_path(args.warehouse)
    if not seeds.is_dir():
        return _error(f"input folder {seeds} does not exist", 2)
    with _long_lived():
        from etl.lib.pipeline import intake
        from etl.lib.store import warehouse

    if not intake.scan(seeds):
        return _error(f"input folder {seeds} holds no files; nothing to build", 2)
    holder = warehouse.lock_holder(target)
    if holder is not None:
        return _error(warehouse.locked_message(target, holder), 3)

    # The job resolves its paths when it runs; the flags override the defaults for this process.
    os.environ[paths.SEEDS_ENV] = str(seeds)
    os.environ[paths.WAREHOUSE_ENV] = str(target)
    with _long_lived():
        import dagster as dg

        from etl.definitions import build_defs
        from etl.defs.extract.assets import every_partition_tags
        from etl.defs.views.assets import PUBLISHED_KEY as PUBLISHED

        job = build_defs().resolve_job_def("build_warehouse")
        instance = (
            dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
        )
    print(f"building {target} from {seeds} ...", flush=True)
    run_config = {"loggers": {"console": {"config": {"log_level": args.log_level}}}}
    if args.allow_shrink:
        run_config["resources"] = {"warehouse_db": {"config": {"allow_shrink": True}}}
    with instance:
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, run_config=run_config, tags=every_partition_tags()
        )
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if not result.success:
        print("build failed; the published warehouse was left as it was", file=sys.stderr)
        for line in _failures(result.all_events):
            print(f"  {line}", file=sys.stderr)
        for e in failed:
            if e.severity.value == "ERROR" and e.description:
                print(f"  {e.asset_key.to_user_string()}.{e.check_name}: {e.description}", file=sys.stderr)
        return 1
    if failed:
        names = sorted(
            {f"{e.asset_key.to_user_string()}.{e.check_name} ({e.severity.value})" for e in failed}
        )
        print(f"checks that did not pass: {', '.join(names)}")
    # The summary is the published file's, taken by the publication step (its metadata); the
    # file is opened only to list rejections.
    (published,) = [
        m for m in result.asset_materializations_for_node("views_and_publication") if m.asset_key == PUBLISHED
    ]
    summary = {name: published.metadata[name].value for name in warehouse.SUMMARY}
    lines = []
    if summary["rejected_documents"]:
        with warehouse.connect(target, read_only=True) as conn:
            lines = _rejections(conn, target)
    print(f"warehouse: {target}")
    print(
        "  films: {films}\n  nominations: {nominations}\n  wins: {wins}\n  rejected documents: {rejected_documents}".format(
            **summary
        )
    )
    for line in lines:
        print(line)
    return 0


LISTED_REJECTIONS = 20  # more than this (a dump's non-film pages) are printed as counts per reason
LISTED_REASONS = 10


def _rejections(conn, target: Path) -> list[str]:
    """The rejected documents as the build's summary lists them: each one when there are at most
    ``LISTED_REJECTIONS``; otherwise the commonest reasons with their counts, and where to read
    the rest (a dump's pages without a film infobox are tens of thousands of lines)."""
    (total,) = conn.execute("select count(*) from rejected_document").fetchone() or (0,)
    if total <= LISTED_REJECTIONS:
        rows = conn.execute(
            "select path, coalesce(page_title, ''), reason from rejected_document order by path, 2"
        ).fetchall()
        return [f"    - {path}{' [' + page + ']' if page else ''}: {reason}" for path, page, reason in rows]
    reasons = conn.execute(
        "select reason, count(*) from rejected_document group by reason order by 2 desc, 1 limit ?",
        [LISTED_REASONS + 1],
    ).fetchall()
    lines = [f"    - {n} × {reason}" for reason, n in reasons[:LISTED_REASONS]]
    if len(reasons) > LISTED_REASONS:
        lines.append("    - … and other reasons")
    lines.append(f'    (every one: etl sql "select * from rejected_document" --warehouse {target})')
    return lines


def _failures(events) -> list[str]:
    """One line per failed step or resource (e.g. the build lock), with its innermost cause."""
    lines = []
    for event in events:
        error = getattr(event.event_specific_data, "error", None)
        if error is None or not (event.is_step_failure or event.event_type_value == "RESOURCE_INIT_FAILURE"):
            continue
        while error.cause is not None:
            error = error.cause
        message = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name
        line = f"{event.step_key}: {message}" if event.step_key else message
        if line not in lines:
            lines.append(line)
    return lines


def _console_args(args: argparse.Namespace) -> tuple[Path, Path | None] | int:
    target = paths.warehouse_path(args.warehouse)
    if not target.exists():
        return _error(f"no warehouse at {target}: run `etl build` (or `make run`) first", 1)
    allow = getattr(args, "allow_files", None)
    if allow is not None:
        allow = Path(allow).expanduser().resolve()
        if not allow.is_dir():
            return _error(f"--allow-files {allow} is not a folder", 2)
    return target, allow


def _print(table, args, conn) -> None:
    from etl.lib.store import console

    # Written through sys.stdout, never by reopening /dev/stdout (that truncates `>> file`).
    console.render(
        table, args.format, sys.stdout, max_rows=args.max_rows, max_width=args.max_width, conn=conn
    )
    sys.stdout.flush()


def _sql(args: argparse.Namespace) -> int:
    checked = _console_args(args)
    if isinstance(checked, int):
        return checked
    target, allow = checked
    import duckdb

    from etl.lib.store import console

    try:
        with console.open_console(target, allow) as conn:
            results = console.run(conn, args.query)
            with_rows = [r for r in results if r.table is not None]
            if args.output:
                if len(with_rows) != 1:
                    return _error(f"--output takes one statement that returns rows, not {len(with_rows)}", 2)
                table = with_rows[0].table
                assert table is not None
                kind = console.write_output(table, Path(args.output), args.format_given)
                print(f"wrote {table.num_rows} rows to {args.output} ({kind})", file=sys.stderr)
                return 0
            for i, result in enumerate(results):
                if result.table is None:
                    print("ok")
                    continue
                if len(results) > 1 and args.format in ("table", "markdown"):
                    print(("\n" if i else "") + f"-- {result.statement}")
                _print(result.table, args, conn)
    except console.Refused as exc:
        return _error(str(exc), 1)
    except duckdb.Error as exc:
        return _error(" ".join(str(exc).split()), 1)
    return 0


def _tables(args: argparse.Namespace) -> int:
    checked = _console_args(args)
    if isinstance(checked, int):
        return checked
    from etl.lib.store import console

    with console.open_console(checked[0]) as conn:
        _print(console.tables(conn), args, conn)
    return 0


def _describe(args: argparse.Namespace) -> int:
    checked = _console_args(args)
    if isinstance(checked, int):
        return checked
    from etl.lib.store import console

    with console.open_console(checked[0]) as conn:
        try:
            comment, columns = console.describe(conn, args.name)
        except LookupError as exc:
            return _error(str(exc), 1)
        if comment and args.format in ("table", "markdown"):
            print(f"{args.name}: {comment}")
        _print(columns, args, conn)
    return 0


class _Help(argparse.RawDescriptionHelpFormatter):
    pass


def _command(sub, name: str, summary: str, description: str, example: str, func) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        name,
        help=summary,
        description=f"{summary}.\n\n{description}",
        epilog=f"example:\n  {example}",
        formatter_class=_Help,
    )
    parser.set_defaults(func=func)
    return parser


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", help=f"DuckDB file (default: ${paths.WAREHOUSE_ENV} or warehouse.duckdb)"
    )
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json", "markdown"),
        default=None,
        help="how to print results (default: table)",
    )
    parser.add_argument("--csv", action="store_true", help="the same as --format csv")
    parser.add_argument(
        "--max-rows", type=int, default=100, help="rows shown by --format table (default: 100)"
    )
    parser.add_argument("--max-width", type=int, default=200, help="width of --format table (default: 200)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="etl",
        formatter_class=_Help,
        description="Film awards and box-office warehouse: build it from a folder of documents, then query it.",
        epilog="examples:\n  etl build --seeds seeds/\n  etl tables\n  etl describe dim_film\n"
        '  etl sql "select title, release_year from dim_film"',
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = _command(
        sub,
        "build",
        "build the warehouse from a folder of documents",
        "Reads every file of the input folder, builds the tables, checks and views in a\n"
        "working file, and publishes it onto the warehouse path in one rename. A build\n"
        "that would publish no films, or lose more than half of the published films,\n"
        "fails and publishes nothing unless --allow-shrink is given. One build at a time\n"
        "per warehouse (a lock file beside it).",
        "etl build --seeds seeds/ --warehouse out/films.duckdb",
        _build,
    )
    build.add_argument("--seeds", help=f"input folder (default: ${paths.SEEDS_ENV} or seeds/)")
    build.add_argument(
        "--warehouse", help=f"DuckDB file to publish (default: ${paths.WAREHOUSE_ENV} or warehouse.duckdb)"
    )
    build.add_argument(
        "--allow-shrink",
        action="store_true",
        help="publish even when the build has no films or loses more than the allowed share",
    )
    build.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much of the run's log to print (default: INFO)",
    )

    sql = _command(
        sub,
        "sql",
        "run read-only SQL against the warehouse",
        "Runs every statement of QUERY and prints each result. The warehouse is opened\n"
        "read-only and cut off from other files: COPY, EXPORT, ATTACH, INSTALL, LOAD and\n"
        "file-reading functions are refused. Use --output to write a result to a file,\n"
        "--allow-files DIR to read your own files from one folder.",
        'etl sql "select title, release_year from dim_film" --format csv >> films.csv',
        _sql,
    )
    sql.add_argument("query", help="one or more SQL statements separated by ';'")
    _output_options(sql)
    sql.add_argument(
        "--output",
        metavar="FILE",
        help="write the result to FILE instead of printing it (Parquet when FILE ends in .parquet; "
        ".csv, .json and .md by their suffix; else --format)",
    )
    sql.add_argument("--allow-files", metavar="DIR", help="let the SQL read files from this folder only")

    tables = _command(
        sub,
        "tables",
        "list every table and view with its row count and comment",
        "One row per table and view of the published warehouse.",
        "etl tables --format markdown",
        _tables,
    )
    _output_options(tables)

    describe = _command(
        sub,
        "describe",
        "show the columns of a table or view with types and comments",
        "The comment of the table or view, then one row per column.",
        "etl describe fact_release",
        _describe,
    )
    describe.add_argument("name", help="a table or view name (see `etl tables`)")
    _output_options(describe)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "format"):
        args.format_given = "csv" if args.csv else args.format
        args.format = args.format_given or "table"
    return args.func(args)


def console() -> None:
    """The ``etl`` console script: ``main``, then the exit a finished command needs and no more.

    Everything a normal exit does for others still happens: the ``atexit`` handlers run (logs
    flushed and closed, temporary files removed, file locks released, worker processes joined)
    and standard output and error are flushed. What is skipped is the interpreter's teardown,
    which frees every object one by one and collects the whole heap several times: 0.65 s after
    a seed build, freeing memory the system takes back anyway. Files, the warehouse and the
    instance's databases are closed by the command itself before it returns."""
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120  # what Python's own exit answers when it cannot flush
    os._exit(code)


if __name__ == "__main__":
    console()
