"""The SQL views, one asset each, and the publication of the finished warehouse.

Each view asset depends on exactly the tables its SQL reads (``tables.VIEW_SPECS``), so the
blocking checks of those tables gate it, and the lineage shows which tables feed which view.
Publication depends on every table and view: any failed blocking check stops it."""

import dagster as dg
import polars as pl

from etl import paths
from etl.defs.resources import WarehouseResource
from etl.lib.store import charts, warehouse
from etl.lib.store.report import frame_markdown
from etl.lib.store.tables import TABLES, VIEW_SPECS, ViewSpec

# view -> (chart of its rows, what the chart shows)
_CHARTS = {
    "award_body_leaderboard": (charts.leaderboard_chart, "top award bodies' wins and nominations"),
    "release_timeline": (charts.timeline_chart, "the life of the film with most dated events"),
    "wins_by_award_body": (charts.wins_chart, "films with most wins"),
}


def _view_asset(spec: ViewSpec) -> dg.AssetsDefinition:
    schema = dg.TableSchema(
        columns=[dg.TableColumn(name, description=description) for name, description in spec.columns]
    )

    @dg.asset(
        name=spec.name,
        group_name="views",
        kinds={"duckdb", "sql"},
        deps=list(spec.reads),
        description=spec.description,
        pool="duckdb",
        metadata={"dagster/column_schema": schema, "dagster/table_name": f"main.{spec.name}"},
        automation_condition=dg.AutomationCondition.eager(),
    )
    def view(context: dg.AssetExecutionContext, warehouse_db: WarehouseResource) -> dg.MaterializeResult:
        with warehouse_db.connect() as conn:
            rows = warehouse.apply_view(conn, paths.SQL_VIEWS_DIR, spec.name)
            frame: pl.DataFrame = conn.table(spec.name).pl()
        metadata = {
            "dagster/row_count": rows,
            "preview": dg.MetadataValue.md(frame_markdown(frame, limit=10)),
        }
        if spec.name in _CHARTS:
            render, what = _CHARTS[spec.name]
            metadata["chart"] = dg.MetadataValue.md(charts.markdown_image(render(frame), what))
        context.log.info(f"created view {spec.name}: {rows} rows")
        return dg.MaterializeResult(metadata=metadata)

    return view


view_assets = [_view_asset(spec) for spec in VIEW_SPECS.values()]


@dg.asset(
    group_name="views",
    kinds={"duckdb"},
    deps=[*TABLES, *VIEW_SPECS],
    pool="duckdb",
    automation_condition=dg.AutomationCondition.eager(),
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse_db: WarehouseResource
) -> dg.MaterializeResult:
    """The finished warehouse, checkpointed and moved onto the published path in one atomic
    rename: readers holding the old file keep reading it; a failed run publishes nothing."""
    target = warehouse_db.published_path()
    warehouse.publish(warehouse_db.working_path(), target)
    with warehouse.connect(target, read_only=True) as conn:
        summary = warehouse.summary(conn)
    context.log.info(f"published {target}: {summary}")
    return dg.MaterializeResult(metadata={"path": str(target), **summary})
