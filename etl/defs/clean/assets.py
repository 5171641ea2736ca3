"""Clean and shape: the documents read back from their shards, joined to films, names linked,
deterministic ids, star-schema frames written as Parquet for the load stage."""

import dagster as dg

from etl.defs.extract.assets import shard_store
from etl.defs.resources import InputsResource, ShardsResource, WarehouseResource
from etl.lib.pipeline.corpus import Intake
from etl.lib.store import frames as frames_lib


@dg.asset(
    group_name="clean",
    kinds={"polars", "parquet"},
    deps=["parsed_documents"],
    automation_condition=dg.AutomationCondition.eager(),
)
def star_schema_frames(
    context: dg.AssetExecutionContext,
    inputs: InputsResource,
    parse_shards: ShardsResource,
    warehouse_db: WarehouseResource,
    source_files: Intake,
) -> dg.MaterializeResult:
    """Every warehouse table as a Polars frame with deterministic keys, written as Parquet beside
    the working file, built film by film: the documents of every file read back from its shard
    as heads, joined into films (Wikipedia is the master record), and the rows of each film kept
    from the last build when its documents did not change (``films_kept``), else decoded part by
    part and built (``films_built``). A shard missing or broken is parsed again here, with a
    warning. When the inputs, the code and every shard are those of the last build, its frames
    are taken as they are (``frames_reused``) and no shard is read."""
    store = shard_store(inputs, parse_shards)
    folder = frames_lib.folder_for(warehouse_db.working_path())
    summary = frames_lib.build(
        inputs.folder(),
        source_files,
        store,
        warehouse_db.frames_cache_path(),
        folder,
        workers=inputs.workers(),
        budget=inputs.budget(),
        progress=context.log.info,
    )
    return dg.MaterializeResult(
        metadata={
            **{k: summary[k] for k in ("films", "film_documents", "rejected_pages", "pages_over_budget")},
            **{k: summary[k] for k in ("films_built", "films_kept", "files_parsed_again", "frames_reused")},
            "parse_cache_warnings": dg.MetadataValue.json(store.warnings),
            "unknown_templates": summary["unknown_templates"],
            **{k: dg.MetadataValue.json(summary[k]) for k in ("unknown_templates_top", "unreadable_values")},
            "rejections": dg.MetadataValue.md(summary["rejections"]),
            "rows": dg.MetadataValue.json(summary["rows"]),
            "frames": dg.MetadataValue.path(str(folder)),
            "films_preview": dg.MetadataValue.md(summary["films_preview"]),
        }
    )
