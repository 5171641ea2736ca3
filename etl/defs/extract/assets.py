"""Intake and parse: from a folder of files to the film facts each document states, in shards."""

import dagster as dg

from etl.defs.resources import InputsResource, WarehouseResource
from etl.lib.pipeline import corpus, shards
from etl.lib.pipeline.corpus import Intake


@dg.asset(group_name="extract", kinds={"python"})
def source_files(context: dg.AssetExecutionContext, inputs: InputsResource) -> Intake:
    """Every file of the input folder (recursively) with its sha256 and its kind, detected
    from its content: MediaWiki API JSON or XML (plain, gzip, bzip2), wikitext, Wikipedia
    extract, IMDb-style title or reviews page. Unreadable files are rejected here."""
    root = inputs.folder()
    context.log.info(f"scanning {root}")
    result = corpus.detect_all(root, progress=context.log.info)
    context.add_output_metadata(
        {
            "input_folder": str(root),
            "files": len(result.sources),
            "rejected_files": len(result.rejections),
            "files_by_kind": dg.MetadataValue.json(dict(sorted(result.kinds().items()))),
        }
    )
    return result


def shard_store(inputs: InputsResource, warehouse_db: WarehouseResource) -> shards.ShardStore:
    """The store of parse results of this warehouse, under the run's intake limits."""
    return shards.ShardStore(warehouse_db.parse_cache_path(), inputs.limits())


@dg.asset(
    group_name="extract", kinds={"python", "parquet"}, automation_condition=dg.AutomationCondition.eager()
)
def parsed_documents(
    context: dg.AssetExecutionContext,
    inputs: InputsResource,
    warehouse_db: WarehouseResource,
    source_files: Intake,
) -> dg.MaterializeResult:
    """Every page of every readable file, parsed into the facts it states about a film and
    written to its file's Parquet shard (one row per page) as it is parsed. Pages that are not
    films (redirects, people, TV series) are rejected with a reason. A file whose content has a
    shard is not read; in a changed file only the pages that changed are parsed again. Pages
    are parsed on ``inputs.parse_workers`` processes, each page within a CPU-time and a memory
    budget: one over it is rejected with that reason and the rest loads."""
    store = shard_store(inputs, warehouse_db)
    previous = store.previous_files()
    changed = shards.changes(previous, source_files.sources)
    context.log.info(f"parsing {len(source_files.sources)} files from {inputs.folder()}")
    stats = corpus.write_shards(
        inputs.folder(),
        source_files.sources,
        store,
        previous=previous,
        workers=inputs.workers(),
        budget=inputs.budget(),
        progress=context.log.info,
    )
    context.log.info(", ".join(f"{len(v)} {k}" for k, v in changed.items()) + " documents")
    return dg.MaterializeResult(
        metadata={
            "documents_new": len(changed["new"]),
            "documents_changed": len(changed["changed"]),
            "documents_unchanged": len(changed["unchanged"]),
            "documents_removed": len(changed["removed"]),
            "changes": dg.MetadataValue.json({k: v[:100] for k, v in changed.items() if k != "unchanged"}),
            "files_parsed": stats.files_parsed,
            "files_from_cache": stats.files_cached,
            "pages_parsed": stats.pages_parsed,
            "pages_from_cache": stats.pages_cached,
            "pages_over_budget": stats.pages_over_budget,
            "parse_workers": inputs.workers(),
            "parse_cache_warnings": dg.MetadataValue.json(store.warnings),
            "shards": dg.MetadataValue.path(str(store.entries)),
        }
    )
