"""Clean and shape: the documents read back from their shards, joined to films, names linked,
deterministic ids, star-schema frames written as Parquet for the load stage."""

import dagster as dg

from etl.defs.extract.assets import shard_store
from etl.defs.resources import InputsResource, ShardsResource, WarehouseResource
from etl.lib.pipeline import corpus, resolve, workers
from etl.lib.pipeline.corpus import Intake
from etl.lib.pipeline.intake import Rejection
from etl.lib.store import frames as frames_lib
from etl.lib.store.report import frame_markdown, rejections_markdown
from etl.lib.store.tables import Corpus, build_tables


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
    """The documents of every file read back from its shard (the facts of all documents are
    held while films are joined), the documents of each film joined into one film (Wikipedia is
    the master record), and every warehouse table as a Polars frame with deterministic keys,
    written as Parquet beside the working file. A shard missing or broken is parsed again here,
    with a warning. When the inputs, the code and every shard are those of the last build, its
    frames are taken as they are (``frames_reused``) and no shard is read."""
    store = shard_store(inputs, parse_shards)
    folder = frames_lib.folder_for(warehouse_db.working_path())
    cache, key = warehouse_db.frames_cache_path(), frames_lib.inputs_key(store, source_files)
    summary = frames_lib.reuse(cache, key, folder)  # the same inputs as the last build: its frames
    reused, parsed_again = summary is not None, 0
    if summary is None:
        parsed = corpus.read_shards(
            inputs.folder(),
            source_files.sources,
            store,
            workers=inputs.workers(),
            budget=inputs.budget(),
            progress=context.log.info,
        )
        films, superseded = resolve.join_films(parsed.documents)
        rejected = parsed.rejected_rows()  # in bulk: most pages of a dump
        frames = build_tables(
            Corpus(source_files.sources, parsed.documents, source_files.rejections, rejected),
            films,
            superseded,
        )
        frames_lib.write_frames(folder, frames)
        unknown = parsed.unknown_templates()
        parsed_again = parsed.stats.files_parsed
        summary = {
            "films": len(films),
            "film_documents": len(parsed.documents),
            "rejected_pages": rejected.height,
            "pages_over_budget": sum(
                n
                for reason, n in rejected.group_by("reason").len().iter_rows()
                if workers.over_budget(reason)
            ),
            "unknown_templates": sum(unknown.values()),
            "unknown_templates_top": dict(unknown.most_common(25)),
            "unreadable_values": dict(parsed.problems().most_common(25)),
            "rejections": rejections_markdown(  # the table shows the first 50
                [*source_files.rejections, *(Rejection(**r) for r in rejected.head(51).iter_rows(named=True))]
            ),
            "rows": {name: f.height for name, f in frames.items()},
            "films_preview": frame_markdown(
                frames["dim_film"].select("title", "release_year", "runtime_minutes", "documents")
            ),
        }
        store.finish(source_files.sources, parsed.keys)
        del parsed, films, superseded, frames
        frames_lib.keep(cache, frames_lib.inputs_key(store, source_files), folder, summary)
    return dg.MaterializeResult(
        metadata={
            **{k: summary[k] for k in ("films", "film_documents", "rejected_pages", "pages_over_budget")},
            "files_parsed_again": parsed_again,
            "frames_reused": reused,
            "parse_cache_warnings": dg.MetadataValue.json(store.warnings),
            "unknown_templates": summary["unknown_templates"],
            **{k: dg.MetadataValue.json(summary[k]) for k in ("unknown_templates_top", "unreadable_values")},
            "rejections": dg.MetadataValue.md(summary["rejections"]),
            "rows": dg.MetadataValue.json(summary["rows"]),
            "frames": dg.MetadataValue.path(str(folder)),
            "films_preview": dg.MetadataValue.md(summary["films_preview"]),
        }
    )
