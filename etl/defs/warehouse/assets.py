"""The warehouse tables: every frame written to the working DuckDB file in one transaction."""


import dagster as dg
import polars as pl

from etl.defs.resources import WarehouseResource
from etl.lib import warehouse
from etl.lib.report import frame_markdown
from etl.lib.tables import SCHEMAS, TABLES

_DESCRIPTIONS = {
    "dim_film": "One row per film: Wikipedia is the master record; other documents join it.",
    "dim_person": "People named in credits and accolades, keyed by their article when linked.",
    "dim_company": "Studios, distributors and home-media labels.",
    "dim_award_body": "Award bodies without edition or year (e.g. Academy Awards).",
    "dim_award_category": "Award categories per body, as displayed.",
    "dim_ceremony": "Editions and years of award ceremonies.",
    "dim_date": "Calendar of every date the facts mention.",
    "dim_source": "Every input file with its kind, path and sha256.",
    "fact_nomination": "One row per entry of an accolades table or list.",
    "bridge_nomination_person": "People named in each accolade entry.",
    "fact_credit": "Crew and cast credits with character and order.",
    "fact_film_company": "Companies per film and role (studio, distributor, ...).",
    "fact_release": "Theatrical releases, premieres and festival screenings.",
    "fact_home_media": "Home-media releases by format.",
    "fact_box_office": "Budget, gross and marketing amounts, as written and parsed.",
    "fact_rating": "Critics' and audience scores per source.",
    "fact_review": "User reviews.",
    "fact_soundtrack_track": "Soundtrack album tracks.",
    "fact_soundtrack_release": "Soundtrack album release dates.",
    "source_document": "Every loaded document (a page of a file) with the film it joined.",
    "extraction_issue": "What the extractors could not interpret, counted per document.",
    "rejected_document": "Every file or page not loaded, with the reason.",
}


def _column_schema(table: str) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(name, str(dtype)) for name, dtype in SCHEMAS[table].items()])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            table,
            description=_DESCRIPTIONS[table],
            group_name="warehouse",
            kinds={"duckdb"},
            deps=["star_schema_frames"],
            metadata={"dagster/column_schema": _column_schema(table), "dagster/table_name": f"main.{table}"},
            automation_condition=dg.AutomationCondition.eager(),
        )
        for table in TABLES
    ],
    ins={"star_schema_frames": dg.AssetIn()},
    pool="duckdb",
)
def warehouse_tables(context: dg.AssetExecutionContext, warehouse_db: WarehouseResource,
                     star_schema_frames: dict[str, pl.DataFrame]):
    """Replace every table of the working DuckDB file in one transaction, so a failed load
    leaves the previous tables as they were."""
    warehouse.discard(warehouse_db.working_path())  # every build starts from an empty file
    with warehouse_db.connect() as conn:
        counts = warehouse.write_tables(conn, star_schema_frames)
    context.log.info(f"wrote {sum(counts.values())} rows into {len(counts)} tables at {warehouse_db.working_path()}")
    for table in TABLES:
        yield dg.MaterializeResult(
            asset_key=table,
            metadata={"dagster/row_count": counts[table],
                      "preview": dg.MetadataValue.md(frame_markdown(star_schema_frames[table].drop(
                          [c for c in ("body",) if c in star_schema_frames[table].columns]), limit=10))},
        )


@dg.asset_check(asset="dim_film", blocking=True, pool="duckdb")
def publication_keeps_films(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
    """The publication guard: a build with no films, or one that loses more than the allowed
    share (``max_film_loss``) of the published warehouse's films, is not published unless
    ``allow_shrink`` (``etl build --allow-shrink``). A missing mount or a mistyped folder must
    not replace a good warehouse. (source_document is written in the same step as dim_film.)"""
    with warehouse_db.connect() as conn:
        films = warehouse.count_rows(conn, "dim_film")
        documents = warehouse.count_rows(conn, "source_document")
    before = warehouse.published_films(warehouse_db.published_path())
    passed, comparison = warehouse.shrink_verdict(before, films, max_loss=warehouse_db.max_film_loss,
                                                  allow_shrink=warehouse_db.allow_shrink, documents=documents)
    return dg.AssetCheckResult(
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=comparison,
        metadata={"films_built": films, "films_published": before if before is not None else -1,
                  "max_film_loss": warehouse_db.max_film_loss, "allow_shrink": warehouse_db.allow_shrink},
    )
