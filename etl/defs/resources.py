"""Resources, registered once: where the input documents are, where the parse stage keeps its
shards, and where the warehouse goes."""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
from upath import UPath

from etl import paths
from etl.lib.pipeline import intake
from etl.lib.pipeline.workers import Budget
from etl.lib.store import warehouse


class InputsResource(dg.ConfigurableResource):
    """The folder of input documents (scanned recursively). Default: ``ETL_SEEDS_DIR``, else
    the project's ``seeds/``. The ``max_*`` fields bound what intake reads (``intake.Limits``)."""

    seeds_dir: str | None = None
    max_page_bytes: int = intake.DEFAULT_LIMITS.max_page_bytes
    max_document_bytes: int = intake.DEFAULT_LIMITS.max_document_bytes
    max_file_bytes: int = intake.DEFAULT_LIMITS.max_file_bytes
    parse_workers: int | None = None  # processes that parse pages; None: one per core, 1: in-process
    page_cpu_seconds: float = 20.0  # CPU-time budget per document; over it, the page is rejected
    worker_memory_mb: int = 1024  # address-space cap of one parse worker (a page over it is rejected)

    def folder(self) -> Path:
        return paths.seeds_dir(self.seeds_dir)

    def limits(self) -> intake.Limits:
        return intake.Limits(self.max_page_bytes, self.max_document_bytes, self.max_file_bytes)

    def workers(self) -> int:
        return self.parse_workers or os.cpu_count() or 1

    def budget(self) -> Budget:
        return Budget(cpu_seconds=self.page_cpu_seconds, memory_bytes=self.worker_memory_mb * 1024**2)


class ShardsResource(dg.ConfigurableResource):
    """Where the parse stage keeps its results between builds: a folder of Parquet shards,
    keyed by content, on a local disk or at an fsspec URL (``s3://…``, ``gs://…``: object
    storage every machine of a cluster reaches). Default: ``ETL_SHARDS``, else beside the
    warehouse (``<warehouse>.parse-cache``). The parse stage uses only this and the inputs, never the
    warehouse: its partition runs take no build lock and run side by side; only the load and
    the publication hold the warehouse's lock."""

    location: str | None = None

    def folder(self) -> Path | UPath:
        return paths.shards_dir(self.location)


class WarehouseResource(dg.ConfigurableResource):
    """The published DuckDB file users query, and the working file a build writes first.
    Default: ``ETL_WAREHOUSE``, else ``warehouse.duckdb`` in the project.

    A run that uses it holds the warehouse's build lock from start to end, so two builds never
    share the working file. ``max_film_loss`` is the share of the published films a build may
    lose before its publication is refused; ``allow_shrink`` (``etl build --allow-shrink``)
    publishes it anyway. ``memory_limit`` caps DuckDB's buffers in a build's process (past it
    DuckDB writes blocks out and spills to disk; raise it if a very large warehouse's build
    reports DuckDB out of memory)."""

    path: str | None = None
    max_film_loss: float = warehouse.DEFAULT_MAX_FILM_LOSS
    allow_shrink: bool = False
    memory_limit: str = warehouse.MEMORY_LIMIT

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        with warehouse.build_lock(self.published_path()):
            yield self

    def published_path(self) -> Path:
        return paths.warehouse_path(self.path)

    def working_path(self) -> Path:
        return warehouse.build_path(self.published_path())

    def parse_cache_path(self) -> Path:
        return paths.parse_cache_dir(self.published_path())

    def frames_cache_path(self) -> Path:
        return paths.frames_cache_dir(self.published_path())

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the working file, closed on exit."""
        with warehouse.connect(self.working_path(), memory_limit=self.memory_limit) as conn:
            yield conn


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "inputs": InputsResource(),
            "parse_shards": ShardsResource(),
            "warehouse_db": WarehouseResource(),
        }
    )
