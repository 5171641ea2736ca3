"""Clean and shape: documents joined to films, names linked, deterministic ids, star-schema frames."""

import dagster as dg
import polars as pl

from etl.lib.pipeline import resolve
from etl.lib.pipeline.corpus import Intake, Parsed
from etl.lib.store.report import frame_markdown
from etl.lib.store.tables import Corpus, build_tables


@dg.asset(group_name="clean", kinds={"polars"}, automation_condition=dg.AutomationCondition.eager())
def star_schema_frames(
    context: dg.AssetExecutionContext, source_files: Intake, parsed_documents: Parsed
) -> dict[str, pl.DataFrame]:
    """The documents of each film joined into one film (Wikipedia is the master record), and
    every warehouse table as a Polars frame with deterministic keys."""
    films, superseded = resolve.join_films(parsed_documents.documents)
    frames = build_tables(
        Corpus(
            source_files.sources,
            parsed_documents.documents,
            source_files.rejections + parsed_documents.rejections,
        ),
        films,
        superseded,
    )
    context.add_output_metadata(
        {
            "films": len(films),
            "rows": dg.MetadataValue.json({name: f.height for name, f in frames.items()}),
            "films_preview": dg.MetadataValue.md(
                frame_markdown(
                    frames["dim_film"].select("title", "release_year", "runtime_minutes", "documents")
                )
            ),
        }
    )
    return frames
