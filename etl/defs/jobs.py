"""One job builds everything: intake, parse, clean, tables, checks, views, publication."""

import dagster as dg

build_warehouse = dg.define_asset_job(
    name="build_warehouse",
    selection=dg.AssetSelection.all(include_sources=False),
    description="Build the whole warehouse from the input folder and publish it.",
    # Steps share one DuckDB file: run them one after another in a single process.
    executor_def=dg.in_process_executor,
)


@dg.definitions
def default_executor() -> dg.Definitions:
    """Runs started from the UI or by automation run in one process too."""
    return dg.Definitions(executor=dg.in_process_executor)
