"""Resources, registered once: where the input documents are and where the warehouse goes."""


import contextlib
from pathlib import Path
from typing import Iterator, Optional

import dagster as dg
import duckdb

from etl import paths
from etl.lib import warehouse


class InputsResource(dg.ConfigurableResource):
    """The folder of input documents (scanned recursively). Default: ``ETL_SEEDS_DIR``, else
    the project's ``seeds/``."""

    seeds_dir: Optional[str] = None

    def folder(self) -> Path:
        return paths.seeds_dir(self.seeds_dir)


class WarehouseResource(dg.ConfigurableResource):
    """The published DuckDB file users query, and the working file a build writes first.
    Default: ``ETL_WAREHOUSE``, else ``warehouse.duckdb`` in the project."""

    path: Optional[str] = None

    def published_path(self) -> Path:
        return paths.warehouse_path(self.path)

    def working_path(self) -> Path:
        return warehouse.build_path(self.published_path())

    def parse_cache_path(self) -> Path:
        return paths.parse_cache_dir(self.published_path())

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the working file, closed on exit."""
        with warehouse.connect(self.working_path()) as conn:
            yield conn


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"inputs": InputsResource(), "warehouse_db": WarehouseResource()})
