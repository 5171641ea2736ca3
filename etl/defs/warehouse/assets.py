"""The warehouse tables: every frame written to the working DuckDB file (loaded in one
transaction, or patched into a copy of the published file), with the keys, references and
comments of the table registry."""

import dagster as dg

from etl import paths
from etl.defs.resources import WarehouseResource
from etl.lib.pipeline import payload
from etl.lib.store import frames as frames_lib
from etl.lib.store import warehouse
from etl.lib.store.report import frame_markdown
from etl.lib.store.tables import TABLE_SPECS, TABLES


def _column_schema(table: str) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[
            dg.TableColumn(c.name, str(c.type), description=c.description) for c in TABLE_SPECS[table].columns
        ]
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            table,
            description=TABLE_SPECS[table].description,
            group_name="warehouse",
            kinds={"duckdb"},
            deps=["star_schema_frames"],
            metadata={"dagster/column_schema": _column_schema(table), "dagster/table_name": f"main.{table}"},
            automation_condition=dg.AutomationCondition.eager(),
        )
        for table in TABLES
    ],
    pool="duckdb",
)
def warehouse_tables(warehouse_db: WarehouseResource):
    """Make every table of the working DuckDB file hold the clean stage's Parquet frames, each
    checked against its registry columns and read by DuckDB as it loads (no table is held in
    this process); the frames are removed once loaded. When the frames,
    code and views are those the published file was loaded from and the file is unchanged since,
    the working file is a copy of it (``load: copied``, ``tables_reused``); when only the frames
    differ, a copy of it with the rows that differ inserted, updated or deleted (``load:
    patched``: a page edited in a dump changes its film's rows, not the whole warehouse);
    otherwise every table is loaded into an empty file, a transaction a table (``load: loaded``).
    The checks judge the result as any other build."""
    working = warehouse_db.working_path()
    folder = frames_lib.folder_for(working)
    files = frames_lib.frame_files(folder)
    identity = warehouse.load_identity(folder, paths.SQL_VIEWS_DIR, payload.code_version())
    schema = warehouse.schema_identity(paths.SQL_VIEWS_DIR, payload.code_version())
    how = warehouse.keep_published(warehouse_db.published_path(), working, identity, schema)
    changes: dict[str, dict[str, int]] = {}
    if how == warehouse.PATCHED:
        with warehouse_db.connect() as conn:
            changes = warehouse.patch_tables(conn, files)
    elif how == warehouse.LOADED:
        warehouse.discard(working)  # every load starts from an empty file
        with warehouse_db.connect() as conn:
            warehouse.write_tables(conn, files)
    warehouse.note_load(working, identity, schema)
    results = [
        dg.MaterializeResult(
            asset_key=table,
            metadata={
                "dagster/row_count": frames_lib.height(files[table]),
                "load": how,
                "tables_reused": how == warehouse.COPIED,
                **{f"rows_{change}": n for change, n in changes.get(table, {}).items()},
                "preview": dg.MetadataValue.md(
                    frame_markdown(frames_lib.head(files[table], 11).drop("body", strict=False), limit=10)
                ),
            },
        )
        for table in TABLES
    ]
    frames_lib.discard(folder)
    yield from results
