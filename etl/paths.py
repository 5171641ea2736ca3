"""Where things are. The one place that resolves default paths and their overrides.

Resolution happens when a run asks (never at import time): an explicit value (a resource field,
a CLI flag) wins, then the environment (``ETL_SEEDS_DIR``, ``ETL_WAREHOUSE``, ``ETL_SHARDS``),
then the project's defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

from upath import UPath

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_VIEWS_DIR = PROJECT_ROOT / "sql" / "views"
DEFAULT_SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse.duckdb"

SEEDS_ENV = "ETL_SEEDS_DIR"
WAREHOUSE_ENV = "ETL_WAREHOUSE"
SHARDS_ENV = "ETL_SHARDS"


def seeds_dir(explicit: str | os.PathLike | None = None) -> Path:
    value = explicit or os.environ.get(SEEDS_ENV) or DEFAULT_SEEDS_DIR
    return Path(value).expanduser().resolve()


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    value = explicit or os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE
    return Path(value).expanduser().resolve()


SCHEDULE_CRON_ENV = "ETL_BUILD_CRON"
SCHEDULE_TIMEZONE_ENV = "ETL_BUILD_TIMEZONE"
DEFAULT_SCHEDULE_CRON = "0 3 * * *"  # daily at 03:00
DEFAULT_SCHEDULE_TIMEZONE = "UTC"


def schedule_settings() -> tuple[str, str]:
    """The rebuild schedule's cron string and timezone (read when definitions load)."""
    return (
        os.environ.get(SCHEDULE_CRON_ENV) or DEFAULT_SCHEDULE_CRON,
        os.environ.get(SCHEDULE_TIMEZONE_ENV) or DEFAULT_SCHEDULE_TIMEZONE,
    )


def parse_cache_dir(published: Path) -> Path:
    """Where parsed documents are kept between builds, keyed by content: beside the warehouse."""
    return published.with_name(published.name + ".parse-cache")


def shards_dir(explicit: str | os.PathLike | None = None) -> Path | UPath:
    """The parse stage's shard folder: the explicit one, else ``ETL_SHARDS``, else beside the
    default warehouse (``parse_cache_dir``). A URL (``s3://bucket/shards``, ``memory://…``,
    ``file://…``: anything with ``://``) is an fsspec location, taken as written; anything else
    is a local folder."""
    value = explicit or os.environ.get(SHARDS_ENV)
    if not value:
        return parse_cache_dir(warehouse_path())
    if "://" in str(value):
        return UPath(str(value))
    return Path(value).expanduser().resolve()


def frames_cache_dir(published: Path) -> Path:
    """Where the frames of the last build are kept for a build of the same inputs: beside the warehouse."""
    return published.with_name(published.name + ".frames-cache")
