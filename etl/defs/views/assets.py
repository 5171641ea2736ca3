"""The SQL views, and the publication of the finished warehouse to the path users query."""


import dagster as dg

from etl import paths
from etl.defs.resources import WarehouseResource
from etl.lib import warehouse
from etl.lib.tables import TABLES


@dg.asset(group_name="views", kinds={"duckdb", "sql"}, deps=list(TABLES), pool="duckdb",
          automation_condition=dg.AutomationCondition.eager())
def warehouse_views(context: dg.AssetExecutionContext, warehouse_db: WarehouseResource) -> dg.MaterializeResult:
    """Every view of ``sql/views/`` (one file per view, named after it), created in the working
    file. Runs only after the blocking checks of the tables have passed."""
    with warehouse_db.connect() as conn:
        counts = warehouse.apply_views(conn, paths.SQL_VIEWS_DIR)
    context.log.info(f"created views {sorted(counts)}")
    return dg.MaterializeResult(metadata={"views": dg.MetadataValue.json(counts)})


@dg.asset(group_name="views", kinds={"duckdb"}, deps=[warehouse_views], pool="duckdb",
          automation_condition=dg.AutomationCondition.eager())
def published_warehouse(context: dg.AssetExecutionContext, warehouse_db: WarehouseResource) -> dg.MaterializeResult:
    """The finished warehouse, checkpointed and moved onto the published path in one atomic
    rename: readers holding the old file keep reading it; a failed run publishes nothing."""
    target = warehouse_db.published_path()
    warehouse.publish(warehouse_db.working_path(), target)
    with warehouse.connect(target, read_only=True) as conn:
        summary = warehouse.summary(conn)
    context.log.info(f"published {target}: {summary}")
    return dg.MaterializeResult(metadata={"path": str(target), **summary})
