"""``etl build`` and ``etl sql``: the warehouse from the command line.

``etl build`` runs the same Dagster job the web UI runs (``build_warehouse``), in this process,
recording the run in ``$DAGSTER_HOME`` when it is set. ``etl sql`` opens the published file
read-only, so it never takes the writer's lock.
"""

from __future__ import annotations

import argparse
import os
import sys

from etl import paths


def _build(args: argparse.Namespace) -> int:
    import dagster as dg

    from etl.definitions import defs
    from etl.lib import warehouse

    # The job resolves its paths when it runs; the flags override the defaults for this process.
    if args.seeds:
        os.environ[paths.SEEDS_ENV] = str(paths.seeds_dir(args.seeds))
    if args.warehouse:
        os.environ[paths.WAREHOUSE_ENV] = str(paths.warehouse_path(args.warehouse))
    target = paths.warehouse_path()
    seeds = paths.seeds_dir()
    if not seeds.is_dir():
        print(f"error: input folder {seeds} does not exist", file=sys.stderr)
        return 2
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    print(f"building {target} from {seeds} ...", flush=True)
    with instance:
        job = defs().resolve_job_def("build_warehouse")
        result = job.execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}})
    failed_checks = [f"{e.asset_key.to_user_string()}.{e.check_name} ({e.severity.value})"
                     for e in result.get_asset_check_evaluations() if not e.passed]
    if not result.success:
        print("build failed; the published warehouse was left as it was", file=sys.stderr)
        for event in result.all_events:
            if event.is_step_failure:
                print(f"  {event.step_key}: {event.event_specific_data.error.message.strip()}", file=sys.stderr)  # type: ignore[union-attr]
        return 1
    if failed_checks:
        print(f"checks that did not pass: {', '.join(sorted(set(failed_checks)))}")
    with warehouse.connect(target, read_only=True) as conn:
        summary = warehouse.summary(conn)
        rejected = conn.execute("select path, coalesce(page_title, ''), reason from rejected_document order by path, 2").fetchall()
    print(f"warehouse: {target}")
    print("  films: {films}\n  nominations: {nominations}\n  wins: {wins}\n  rejected documents: {rejected_documents}".format(**summary))
    for path, page, reason in rejected:
        print(f"    - {path}{' [' + page + ']' if page else ''}: {reason}")
    return 0


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from etl.lib import warehouse

    target = paths.warehouse_path(args.warehouse)
    try:
        with warehouse.connect(target, read_only=True) as conn:
            relation = conn.sql(args.query)
            if relation is None:
                print("ok")
            elif args.csv:
                relation.write_csv("/dev/stdout")
            else:
                relation.show(max_rows=args.max_rows, max_width=args.max_width)
    except (duckdb.Error, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="etl", description="Film awards and box-office warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the warehouse from a folder of documents")
    build.add_argument("--seeds", help=f"input folder (default: ${paths.SEEDS_ENV} or seeds/)")
    build.add_argument("--warehouse", help=f"DuckDB file to publish (default: ${paths.WAREHOUSE_ENV} or warehouse.duckdb)")
    build.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                       help="how much of the run's log to print (default: INFO)")
    build.set_defaults(func=_build)
    sql = sub.add_parser("sql", help="run read-only SQL against the warehouse")
    sql.add_argument("query")
    sql.add_argument("--warehouse", help=f"DuckDB file (default: ${paths.WAREHOUSE_ENV} or warehouse.duckdb)")
    sql.add_argument("--max-rows", type=int, default=100)
    sql.add_argument("--max-width", type=int, default=200)
    sql.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    sql.set_defaults(func=_sql)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
