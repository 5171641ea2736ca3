"""Asset checks on the warehouse tables. Each guards one property, carries a severity, and the
ERROR ones block the views and the publication of a wrong warehouse."""


import dagster as dg
import polars as pl

from etl.defs.resources import InputsResource, WarehouseResource
from etl.lib import intake, quality
from etl.lib.tables import TABLE_SPECS
from etl.lib.report import frame_markdown


def _read(warehouse_db: WarehouseResource, *tables: str) -> list[pl.DataFrame]:
    with warehouse_db.connect() as conn:
        return [conn.table(t).pl() for t in tables]


def _result(bad: pl.DataFrame, what: str, severity=dg.AssetCheckSeverity.ERROR) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=bad.height == 0,
        severity=severity,
        description=f"{bad.height} {what}" if bad.height else f"no {what}",
        metadata={"offending_rows": bad.height, "examples": dg.MetadataValue.md(frame_markdown(bad, 10))},
    )


def _unique_key_check(table: str, key: list[str]) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table, name=f"unique_{'_'.join(key)}", blocking=True, pool="duckdb",
                    description=f"{', '.join(key)} is present and unique in {table}.")
    def check(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
        (frame,) = _read(warehouse_db, table)
        return _result(quality.duplicate_keys(frame, key), f"rows with a null or repeated {'/'.join(key)}")

    return check


def _foreign_keys_check(table: str, refs: list[tuple[str, str, str]]) -> dg.AssetChecksDefinition:
    parents = sorted({parent for _, parent, _ in refs})

    @dg.asset_check(asset=table, name="foreign_keys_resolve", blocking=True, pool="duckdb",
                    additional_deps=parents,
                    description=f"Every key of {table} that points to another table finds its row there.")
    def check(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
        child, *parent_frames = _read(warehouse_db, table, *parents)
        frames = dict(zip(parents, parent_frames))
        bad = {f"{col} -> {parent}.{pcol}": quality.orphans(child, col, frames[parent], pcol).height
               for col, parent, pcol in refs}
        broken = {k: v for k, v in bad.items() if v}
        return dg.AssetCheckResult(
            passed=not broken,
            severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(f"{v} rows with {k} missing" for k, v in broken.items()) or "all keys resolve",
            metadata={"orphans_by_key": dg.MetadataValue.json(bad)},
        )

    return check


# Keys and references from the table registry: every declared key is unique, every reference resolves.
unique_key_checks = [_unique_key_check(s.name, list(s.key)) for s in TABLE_SPECS.values() if s.key]
foreign_key_checks = [_foreign_keys_check(s.name, list(s.references)) for s in TABLE_SPECS.values() if s.references]


def _claims_check(table: str, id_column: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table, name="sources_match_claims", blocking=True, pool="duckdb",
                    additional_deps=["fact_claim"],
                    description=f"Each fact of {table} counts as sources exactly its rows in fact_claim.")
    def check(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
        facts, claims = _read(warehouse_db, table, "fact_claim")
        claims = claims.filter(pl.col("fact_table") == table)
        return _result(quality.sources_not_claims(facts, claims, id_column),
                       "facts whose sources differ from their claims")

    return check


claims_checks = [_claims_check(s.name, s.key[0]) for s in TABLE_SPECS.values()
                 if s.name.startswith("fact_") and "sources" in s.schema]


def _rule_check(rule: quality.Rule) -> dg.AssetChecksDefinition:
    severity = dg.AssetCheckSeverity.WARN if rule.warn_only else dg.AssetCheckSeverity.ERROR

    @dg.asset_check(asset=rule.table, name=rule.name, description=rule.description, pool="duckdb",
                    blocking=not rule.warn_only)  # an ERROR blocks the views and the publication
    def check(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
        (frame,) = _read(warehouse_db, rule.table)
        return _result(rule.find(frame), rule.what, severity)

    return check


rule_checks = [_rule_check(rule) for rule in quality.RULES]


@dg.asset_check(asset="dim_source", blocking=True, pool="duckdb")
def every_input_file_accounted_for(inputs: InputsResource, warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
    """Every file of the input folder is in dim_source and has loaded at least one document or
    has a row in rejected_document: nothing is dropped silently."""
    root = inputs.folder()
    scanned = [intake.relative_name(root, p) for p in intake.scan(root)]
    (sources,) = _read(warehouse_db, "dim_source")
    missing = quality.unaccounted_files(sources, scanned)
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{len(missing)} files neither loaded nor rejected" if missing else
        f"all {len(scanned)} files loaded or rejected",
        metadata={"files": len(scanned), "unaccounted": dg.MetadataValue.json(missing[:50])},
    )


@dg.asset_check(asset="extraction_issue", pool="duckdb")
def unknown_templates_are_few(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
    """Templates the extractors do not interpret, counted per name (a warning: the values they
    held may be missing from the facts)."""
    (issues,) = _read(warehouse_db, "extraction_issue")
    unknown = (issues.filter(pl.col("issue_kind") == "unknown template")
               .group_by("detail").agg(pl.col("count").sum()).sort(["count", "detail"], descending=[True, False]))
    return dg.AssetCheckResult(
        passed=unknown.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{unknown.height} unknown template names, {unknown['count'].sum()} uses",
        metadata={"top": dg.MetadataValue.md(frame_markdown(unknown, 25))},
    )


@dg.asset_check(asset="source_document", blocking=True, pool="duckdb")
def accolade_rows_accounted_for(warehouse_db: WarehouseResource) -> dg.AssetCheckResult:
    """Every accolades row or list entry seen was loaded or skipped with a reason (the reasons
    are in extraction_issue): nothing dropped silently."""
    (frame,) = _read(warehouse_db, "source_document")
    bad = quality.unaccounted_accolade_rows(frame)
    result = _result(bad, "documents whose accolade rows are not all accounted for")
    seen, skipped = int(frame["accolade_rows_seen"].sum()), int(frame["accolade_rows_skipped"].sum())
    return dg.AssetCheckResult(passed=result.passed, severity=result.severity, description=result.description,
                               metadata={**result.metadata, "rows_seen": seen, "rows_skipped": skipped,
                                         "entries_loaded": int(frame["nominations"].sum())})
