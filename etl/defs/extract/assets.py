"""Intake and parse: from a folder of files to the film facts each document states, in shards."""

import dagster as dg

from etl.defs.resources import InputsResource, ShardsResource
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


def shard_store(inputs: InputsResource, parse_shards: ShardsResource) -> shards.ShardStore:
    """The store of parse results, under the run's intake limits."""
    return shards.ShardStore(parse_shards.folder(), inputs.limits())


# The parse stage's partitions: the parts of the files (a whole file, or one unit of a
# multistream dump) in hash buckets (corpus.bucket). Each partition parses its own parts into
# their shards and takes no lock, so partitions run side by side on any executor, on any number
# of machines; the load stage reads every shard.
PARSE_BUCKETS = 4
PARSE_PARTITIONS = dg.StaticPartitionsDefinition([str(b) for b in range(PARSE_BUCKETS)])


def every_partition_tags() -> dict[str, str]:
    """Run tags that make one run parse every partition, in one step (its backfill policy)."""
    keys = PARSE_PARTITIONS.get_partition_keys()
    return {"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}


def _buckets(context: dg.AssetExecutionContext) -> set[int]:
    """The buckets of this run: its partitions, or all of them in a run without partitions."""
    partitioned = context.has_partition_key or context.has_partition_key_range
    keys = context.partition_keys if partitioned else PARSE_PARTITIONS.get_partition_keys()
    return {int(k) for k in keys}


@dg.asset(
    group_name="extract",
    kinds={"python", "parquet"},
    partitions_def=PARSE_PARTITIONS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    automation_condition=dg.AutomationCondition.eager(),
)
def parsed_documents(
    context: dg.AssetExecutionContext,
    inputs: InputsResource,
    parse_shards: ShardsResource,
    source_files: Intake,
) -> dg.MaterializeResult:
    """Every page of every readable file, parsed into the facts it states about a film and
    written to its file's Parquet shard (one row per page) as it is parsed. Pages that are not
    films (redirects, people, TV series) are rejected with a reason. A file whose content has a
    shard is not read; in a changed file only the pages that changed are parsed again. Pages
    are parsed on ``inputs.parse_workers`` processes, each page within a CPU-time and a memory
    budget: one over it is rejected with that reason and the rest loads. Partitioned: each
    partition parses the parts of its hash bucket (a whole file, or one unit of a multistream
    dump, so a dump's units spread over every partition); a run of all partitions is one step.
    No build lock is taken: partition runs go side by side."""
    buckets = _buckets(context)
    parts = corpus.in_buckets(corpus.parts(inputs.folder(), source_files.sources), buckets, PARSE_BUCKETS)
    here = {p.src.path for p in parts} | {
        s.path for s in corpus.in_buckets(source_files.sources, buckets, PARSE_BUCKETS)
    }
    sources = [s for s in source_files.sources if s.path in here]
    store = shard_store(inputs, parse_shards)
    previous = {
        p: sha
        for p, sha in store.previous_files().items()
        if p in here or corpus.bucket(p, PARSE_BUCKETS) in buckets
    }
    changed = shards.changes(previous, sources)
    context.log.info(
        f"parsing {len(parts)} parts of {len(sources)} files from {inputs.folder()} (buckets {sorted(buckets)})"
    )
    stats = corpus.write_parts(
        inputs.folder(),
        parts,
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
