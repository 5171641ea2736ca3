"""The SQL views and the publication of the finished warehouse, in one step.

Every view is its own asset and depends on exactly the tables its SQL reads
(``tables.VIEW_SPECS``), so the lineage shows which tables feed which view; publication
depends on every table and view. They run as one step (a ``multi_asset``, subsettable from the
UI) with one DuckDB connection: the views are created, then the file is published. The step
starts only when every blocking check upstream has passed, so a failed check publishes nothing."""

import dagster as dg
import polars as pl

from etl import paths
from etl.defs.resources import WarehouseResource
from etl.lib.store import charts, warehouse
from etl.lib.store.report import frame_markdown
from etl.lib.store.tables import TABLES, VIEW_SPECS, ViewSpec

PUBLISHED = "published_warehouse"
PUBLISHED_KEY = dg.AssetKey(PUBLISHED)

# view -> (chart of its rows, what the chart shows)
_CHARTS = {
    "award_body_leaderboard": (charts.leaderboard_chart, "top award bodies' wins and nominations"),
    "release_timeline": (charts.timeline_chart, "the life of the film with most dated events"),
    "wins_by_award_body": (charts.wins_chart, "films with most wins"),
}


def _view_spec(spec: ViewSpec) -> dg.AssetSpec:
    schema = dg.TableSchema(
        columns=[dg.TableColumn(name, description=description) for name, description in spec.columns]
    )
    return dg.AssetSpec(
        spec.name,
        group_name="views",
        kinds={"duckdb", "sql"},
        deps=list(spec.reads),
        description=spec.description,
        metadata={"dagster/column_schema": schema, "dagster/table_name": f"main.{spec.name}"},
        automation_condition=dg.AutomationCondition.eager(),
    )


def _published_spec() -> dg.AssetSpec:
    return dg.AssetSpec(
        PUBLISHED,
        group_name="views",
        kinds={"duckdb"},
        deps=[*TABLES, *VIEW_SPECS],
        description="The finished warehouse, checkpointed and moved onto the published path in one atomic "
        "rename: readers holding the old file keep reading it; a failed run publishes nothing.",
        automation_condition=dg.AutomationCondition.eager(),
    )


def _view_metadata(name: str, rows: int, frame: pl.DataFrame) -> dict:
    metadata = {"dagster/row_count": rows, "preview": dg.MetadataValue.md(frame_markdown(frame, limit=10))}
    if name in _CHARTS:
        render, what = _CHARTS[name]
        metadata["chart"] = dg.MetadataValue.md(charts.markdown_image(render(frame), what))
    return metadata


@dg.multi_asset(
    specs=[*(_view_spec(spec) for spec in VIEW_SPECS.values()), _published_spec()],
    name="views_and_publication",
    pool="duckdb",
    can_subset=True,
)
def views_and_publication(context: dg.AssetExecutionContext, warehouse_db: WarehouseResource):
    """Create the selected views in the working file, then publish it (when selected)."""
    selected = {key.to_user_string() for key in context.selected_asset_keys}
    views = [name for name in VIEW_SPECS if name in selected]
    summary = {}
    with warehouse_db.connect() as conn:  # one connection; closing it checkpoints the file
        for name in views:
            frame = warehouse.apply_view(conn, paths.SQL_VIEWS_DIR, name)
            metadata = _view_metadata(name, frame.height, frame)
            yield dg.MaterializeResult(asset_key=name, metadata=metadata)
        if PUBLISHED in selected:
            summary = warehouse.summary(conn)  # of the file about to be published
    if PUBLISHED in selected:
        target = warehouse_db.published_path()
        warehouse.publish(warehouse_db.working_path(), target)
        yield dg.MaterializeResult(asset_key=PUBLISHED, metadata={"path": str(target), **summary})
