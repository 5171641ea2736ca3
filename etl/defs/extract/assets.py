"""Intake and parse: from a folder of files to the film facts each document states."""

import dagster as dg

from etl.defs.resources import InputsResource, WarehouseResource
from etl.lib.pipeline import corpus, parse_cache, workers
from etl.lib.pipeline.corpus import Intake, Parsed
from etl.lib.store.report import rejections_markdown


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


@dg.asset(group_name="extract", kinds={"python"}, automation_condition=dg.AutomationCondition.eager())
def parsed_documents(
    context: dg.AssetExecutionContext,
    inputs: InputsResource,
    warehouse_db: WarehouseResource,
    source_files: Intake,
) -> Parsed:
    """Every page of every readable file, parsed into the facts it states about a film.
    Pages that are not films (redirects, people, TV series) are rejected with a reason.
    Templates the extractors do not know are counted, never silently dropped. A file whose
    content was parsed before (by the same parser code) is read back from the parse cache.
    Pages are parsed on ``inputs.parse_workers`` processes, each page within a CPU-time and a
    memory budget: one over it is rejected with that reason and the rest loads."""
    cache = parse_cache.ParseCache(warehouse_db.parse_cache_path())
    changed = parse_cache.changes(cache.previous_files(), source_files.sources)
    context.log.info(f"parsing {len(source_files.sources)} files from {inputs.folder()}")
    parsed = corpus.parse_all(
        inputs.folder(),
        source_files.sources,
        progress=context.log.info,
        cache=cache,
        limits=inputs.limits(),
        workers=inputs.workers(),
        budget=inputs.budget(),
    )
    cache.finish(source_files.sources)
    context.log.info(", ".join(f"{len(v)} {k}" for k, v in changed.items()) + " documents")
    unknown = parsed.unknown_templates()
    context.add_output_metadata(
        {
            "documents_new": len(changed["new"]),
            "documents_changed": len(changed["changed"]),
            "documents_unchanged": len(changed["unchanged"]),
            "documents_removed": len(changed["removed"]),
            "changes": dg.MetadataValue.json({k: v[:100] for k, v in changed.items() if k != "unchanged"}),
            "files_parsed": parsed.files_parsed,
            "files_from_cache": parsed.files_cached,
            "parse_cache_warnings": dg.MetadataValue.json(cache.warnings),
            "film_documents": len(parsed.documents),
            "rejected_pages": len(parsed.rejections),
            "parse_workers": inputs.workers(),
            "pages_over_budget": sum(map(workers.over_budget, parsed.rejections)),
            "unknown_templates": sum(unknown.values()),
            "unknown_templates_top": dg.MetadataValue.json(dict(unknown.most_common(25))),
            "unreadable_values": dg.MetadataValue.json(dict(parsed.problems().most_common(25))),
            "rejections": dg.MetadataValue.md(
                rejections_markdown(source_files.rejections + parsed.rejections)
            ),
        }
    )
    return parsed
