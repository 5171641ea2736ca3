"""Asset checks on the warehouse tables. Each guards one property, carries a severity, and the
ERROR ones block the views and the publication of a wrong warehouse.

The checks run in one step (``@dg.multi_asset_check``) with one DuckDB connection that reads
each table once, the checks of one table together, and lets a table go once no check left reads
it (the step holds the largest table and the dimensions, not the whole warehouse): the keys and references of the table registry, the single-table rules of
``quality.RULES``, the accounting of files, templates and accolade rows, and the publication
guard. (Every check, step and asset writes events to the instance's event log; one step instead
of three saves their start, end and connection.)"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import dagster as dg
import duckdb
import polars as pl

from etl.defs.resources import InputsResource, WarehouseResource
from etl.lib.pipeline import intake
from etl.lib.store import quality, warehouse
from etl.lib.store.report import frame_markdown
from etl.lib.store.tables import TABLE_SPECS


class Frames:
    """The tables one check step reads, each read once through the step's connection and kept
    until ``release``."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn
        self._frames: dict[str, pl.DataFrame] = {}

    def __getitem__(self, table: str) -> pl.DataFrame:
        if table not in self._frames:
            self._frames[table] = self._conn.table(table).pl()
        return self._frames[table]

    def where(self, table: str, column: str, value: str) -> pl.DataFrame:
        """The rows of ``table`` whose ``column`` equals ``value`` (DuckDB filters them: the
        table is not read whole, nor kept)."""
        if table in self._frames:
            return self._frames[table].filter(pl.col(column) == value)
        match = duckdb.ColumnExpression(column) == duckdb.ConstantExpression(value)
        return self._conn.table(table).filter(match).pl()

    def release(self, keep: set[str]) -> None:
        """Let every table go but ``keep``."""
        for table in set(self._frames) - keep:
            del self._frames[table]


@dataclass(frozen=True)
class Resources:
    """The resources a judge may read besides the tables."""

    inputs: InputsResource
    warehouse_db: WarehouseResource


@dataclass(frozen=True)
class Check:
    """One asset check: its spec, and how it is judged from the tables."""

    spec: dg.AssetCheckSpec
    judge: Callable[[Frames, Resources], dict]  # the result's fields but its key and name
    reads: tuple[str, ...]  # the tables ``judge`` reads whole (``Frames[table]``)


def _rows(bad: pl.DataFrame, what: str, severity=dg.AssetCheckSeverity.ERROR) -> dict:
    return {
        "passed": bad.height == 0,
        "severity": severity,
        "description": f"{bad.height} {what}" if bad.height else f"no {what}",
        "metadata": {"offending_rows": bad.height, "examples": dg.MetadataValue.md(frame_markdown(bad, 10))},
    }


def _spec(table: str, name: str, description: str, blocking: bool = True, deps=()) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name, asset=table, description=description, blocking=blocking, additional_deps=list(deps)
    )


def _unique_key(table: str, key: list[str]) -> Check:
    return Check(
        _spec(table, f"unique_{'_'.join(key)}", f"{', '.join(key)} is present and unique in {table}."),
        lambda f, _: _rows(
            quality.duplicate_keys(f[table], key), f"rows with a null or repeated {'/'.join(key)}"
        ),
        (table,),
    )


def _foreign_keys(table: str, refs: list[tuple[str, str, str]]) -> Check:
    parents = sorted({parent for _, parent, _ in refs})

    def judge(f: Frames, _: Resources) -> dict:
        bad = {
            f"{col} -> {parent}.{pcol}": quality.orphans(f[table], col, f[parent], pcol).height
            for col, parent, pcol in refs
        }
        broken = {k: v for k, v in bad.items() if v}
        return {
            "passed": not broken,
            "severity": dg.AssetCheckSeverity.ERROR,
            "description": "; ".join(f"{v} rows with {k} missing" for k, v in broken.items())
            or "all keys resolve",
            "metadata": {"orphans_by_key": dg.MetadataValue.json(bad)},
        }

    return Check(
        _spec(
            table,
            "foreign_keys_resolve",
            f"Every key of {table} that points to another table finds its row there.",
            deps=parents,
        ),
        judge,
        (table, *parents),
    )


def _claims(table: str, id_column: str) -> Check:
    def judge(f: Frames, _: Resources) -> dict:
        claims = f.where("fact_claim", "fact_table", table)
        return _rows(
            quality.sources_not_claims(f[table], claims, id_column),
            "facts whose sources differ from their claims",
        )

    return Check(
        _spec(
            table,
            "sources_match_claims",
            f"Each fact of {table} counts as sources exactly its rows in fact_claim.",
            deps=["fact_claim"],
        ),
        judge,
        (table,),
    )


def _rule(rule: quality.Rule) -> Check:
    severity = dg.AssetCheckSeverity.WARN if rule.warn_only else dg.AssetCheckSeverity.ERROR
    # an ERROR blocks the views and the publication
    return Check(
        _spec(rule.table, rule.name, rule.description, blocking=not rule.warn_only),
        lambda f, _: _rows(rule.find(f[rule.table]), rule.what, severity),
        (rule.table,),
    )


def _unknown_templates(f: Frames, _: Resources) -> dict:
    unknown = (
        f["extraction_issue"]
        .filter(pl.col("issue_kind") == "unknown template")
        .group_by("detail")
        .agg(pl.col("count").sum())
        .sort(["count", "detail"], descending=[True, False])
    )
    return {
        "passed": unknown.height == 0,
        "severity": dg.AssetCheckSeverity.WARN,
        "description": f"{unknown.height} unknown template names, {unknown['count'].sum()} uses",
        "metadata": {"top": dg.MetadataValue.md(frame_markdown(unknown, 25))},
    }


def _accolade_rows(f: Frames, _: Resources) -> dict:
    frame = f["source_document"]
    result = _rows(
        quality.unaccounted_accolade_rows(frame), "documents whose accolade rows are not all accounted for"
    )
    result["metadata"] |= {
        "rows_seen": int(frame["accolade_rows_seen"].sum()),
        "rows_skipped": int(frame["accolade_rows_skipped"].sum()),
        "entries_loaded": int(frame["nominations"].sum()),
    }
    return result


def _files_accounted(f: Frames, r: Resources) -> dict:
    root = r.inputs.folder()
    scanned = [intake.relative_name(root, p) for p in intake.scan(root)]
    missing = quality.unaccounted_files(f["dim_source"], scanned)
    return {
        "passed": not missing,
        "severity": dg.AssetCheckSeverity.ERROR,
        "description": f"{len(missing)} files neither loaded nor rejected"
        if missing
        else f"all {len(scanned)} files loaded or rejected",
        "metadata": {"files": len(scanned), "unaccounted": dg.MetadataValue.json(missing[:50])},
    }


def _publication_keeps_films(f: Frames, r: Resources) -> dict:
    db = r.warehouse_db
    films = f["dim_film"].height
    before = warehouse.published_films(db.published_path())
    passed, comparison = warehouse.shrink_verdict(
        before,
        films,
        max_loss=db.max_film_loss,
        allow_shrink=db.allow_shrink,
        documents=f["source_document"].height,
    )
    return {
        "passed": passed,
        "severity": dg.AssetCheckSeverity.ERROR,
        "description": comparison,
        "metadata": {
            "films_built": films,
            "films_published": before if before is not None else -1,
            "max_film_loss": db.max_film_loss,
            "allow_shrink": db.allow_shrink,
        },
    }


KEY_CHECKS = (
    # Keys and references from the table registry: every declared key is unique, every reference resolves.
    [_unique_key(s.name, list(s.key)) for s in TABLE_SPECS.values() if s.key]
    + [_foreign_keys(s.name, list(s.references)) for s in TABLE_SPECS.values() if s.references]
    + [
        _claims(s.name, s.key[0])
        for s in TABLE_SPECS.values()
        if s.name.startswith("fact_") and "sources" in s.schema
    ]
)
RULE_CHECKS = [_rule(rule) for rule in quality.RULES]
ACCOUNTING_CHECKS = [
    Check(
        _spec(
            "dim_source",
            "every_input_file_accounted_for",
            "Every file of the input folder is in dim_source and has loaded at least one document or has "
            "a row in rejected_document: nothing is dropped silently.",
        ),
        _files_accounted,
        ("dim_source",),
    ),
    Check(
        _spec(
            "extraction_issue",
            "unknown_templates_are_few",
            "Templates the extractors do not interpret, counted per name (a warning: the values they held "
            "may be missing from the facts).",
            blocking=False,
        ),
        _unknown_templates,
        ("extraction_issue",),
    ),
    Check(
        _spec(
            "source_document",
            "accolade_rows_accounted_for",
            "Every accolades row or list entry seen was loaded or skipped with a reason (the reasons are in "
            "extraction_issue): nothing dropped silently.",
        ),
        _accolade_rows,
        ("source_document",),
    ),
    Check(
        _spec(
            "dim_film",
            "publication_keeps_films",
            "The publication guard: a build with no films, or one that loses more than the allowed share "
            "(max_film_loss) of the published warehouse's films, is not published unless allow_shrink "
            "(etl build --allow-shrink). A missing mount or a mistyped folder must not replace a good "
            "warehouse.",
            deps=["source_document"],
        ),
        _publication_keeps_films,
        ("dim_film", "source_document"),
    ),
]


ALL_CHECKS = KEY_CHECKS + RULE_CHECKS + ACCOUNTING_CHECKS
# The order the step judges them in: the checks of one table together, in registry order.
_TABLE_ORDER = {name: i for i, name in enumerate(TABLE_SPECS)}
JUDGED = sorted(ALL_CHECKS, key=lambda c: _TABLE_ORDER[c.spec.asset_key.path[-1]])


@dg.multi_asset_check(
    specs=[c.spec for c in ALL_CHECKS],
    pool="duckdb",
    name="warehouse_checks",
    description="Keys unique, references resolving, sources matching claims, the single-table rules of "
    "quality.RULES, every input file, template and accolade row accounted for, and the publication "
    "guard (no build that loses the published warehouse's films).",
)
def warehouse_checks(
    inputs: InputsResource, warehouse_db: WarehouseResource
) -> Iterator[dg.AssetCheckResult]:
    resources = Resources(inputs, warehouse_db)
    with warehouse_db.connect() as conn:
        frames = Frames(conn)
        for n, check in enumerate(JUDGED):
            fields = check.judge(frames, resources)
            frames.release({t for later in JUDGED[n + 1 :] for t in later.reads})
            yield dg.AssetCheckResult(asset_key=check.spec.asset_key, check_name=check.spec.name, **fields)
