"""The star-schema frames between the clean and the load stage, as one Parquet file per table.

The clean stage writes them to a folder beside the working file; the load stage reads them back,
each checked against its table's columns in the registry: the frames never pass through the
IO manager.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polars as pl

from etl.lib.store.tables import TABLE_SPECS, TABLES


class InvalidFrames(ValueError):
    """A frames folder that does not hold every registry table with its columns."""


def folder_for(working: Path) -> Path:
    """Where the frames of a build go: beside its working file."""
    return Path(working).with_name(Path(working).name + ".frames")


def write_frames(folder: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Every table's frame to ``folder/<table>.parquet``, replacing what was there."""
    folder = Path(folder)
    discard(folder)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    discard(tmp)
    tmp.mkdir(parents=True)
    for table in TABLES:
        frames[table].write_parquet(tmp / f"{table}.parquet")
    os.replace(tmp, folder)


def read_frames(folder: Path) -> dict[str, pl.DataFrame]:
    frames = {}
    for table in TABLES:
        path = Path(folder) / f"{table}.parquet"
        try:
            frame = pl.read_parquet(path)
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise InvalidFrames(f"{path.name} could not be read ({type(exc).__name__})") from None
        if dict(frame.schema) != TABLE_SPECS[table].schema:
            raise InvalidFrames(f"{path.name} does not hold the columns of {table}")
        frames[table] = frame
    return frames


def discard(folder: Path) -> None:
    if Path(folder).is_dir() and not Path(folder).is_symlink():
        shutil.rmtree(folder)
    else:
        Path(folder).unlink(missing_ok=True)
