"""The star-schema frames between the clean and the load stage, as one Parquet file per table.

The clean stage writes them to a folder beside the working file; the load stage reads them back,
each checked against its table's columns in the registry: the frames never pass through the
IO manager.

The frames of the last build are also kept (``keep``) under a key of everything they are made of
(``inputs_key``: the code, the intake limits, every file and intake rejection, the identity of
every shard), with the clean stage's summary. A build with the same key takes them (``reuse``)
instead of reading every shard back and building every table again: an unchanged folder costs
no clean stage.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import polars as pl

from etl.lib.pipeline.corpus import Intake
from etl.lib.pipeline.shards import ShardStore
from etl.lib.store.tables import TABLE_SPECS, TABLES

_KEY = "key"
_SUMMARY = "summary.json"


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


def inputs_key(store: ShardStore, intake: Intake) -> str:
    """What a build's frames are made of: the extractor code and intake limits (the name of the
    store's entries folder), every file and intake rejection, and the identity (size, inode,
    modification time) of the shard each file reads, so a shard written again or tampered with
    since gives another key."""
    h = hashlib.sha256(store.entries.name.encode())
    for src in intake.sources:
        try:
            st = os.lstat(store.shard(src))
            shard = [st.st_size, st.st_ino, st.st_mtime_ns]
        except OSError:
            shard = None
        fields = [src.path, src.sha256, src.size, src.kind, src.compression, shard]
        h.update(json.dumps(fields).encode("utf-8", "surrogateescape") + b"\n")
    for r in intake.rejections:
        fields = [r.path, r.sha256, r.reason, r.kind, r.page_title]
        h.update(json.dumps(fields).encode("utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()


def _link_tables(source: Path, target: Path) -> None:
    """Every table's file of ``source`` into the folder ``target`` (hard links when possible)."""
    for table in TABLES:
        name = f"{table}.parquet"
        try:
            os.link(source / name, target / name)
        except OSError:
            shutil.copyfile(source / name, target / name)


def keep(cache: Path, key: str, folder: Path, summary: dict) -> None:
    """Keep the frames in ``folder`` and the clean stage's summary (JSON values) as the frames of
    ``key``, replacing the ones kept before. A failure only means the next build cannot reuse them."""
    cache = Path(cache)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        discard(tmp)
        tmp.mkdir(parents=True)
        _link_tables(Path(folder), tmp)
        (tmp / _SUMMARY).write_text(json.dumps(summary), encoding="utf-8")
        (tmp / _KEY).write_text(key, encoding="utf-8")
        discard(cache)
        os.replace(tmp, cache)
    except OSError:
        discard(tmp)


def reuse(cache: Path, key: str, folder: Path) -> dict | None:
    """The summary of the frames kept under ``key``, their files placed in ``folder`` as
    ``write_frames`` places them; None (and the kept frames discarded) when none are kept for
    that key or they do not hold every table with its columns."""
    cache = Path(cache)
    try:
        if not cache.is_dir() or cache.is_symlink() or (cache / _KEY).read_text(encoding="utf-8") != key:
            return None
        summary = json.loads((cache / _SUMMARY).read_text(encoding="utf-8"))
        for table in TABLES:
            path = cache / f"{table}.parquet"
            if path.is_symlink() or dict(pl.read_parquet_schema(path)) != TABLE_SPECS[table].schema:
                raise InvalidFrames(f"{path.name} does not hold the columns of {table}")
        if not isinstance(summary, dict):
            raise InvalidFrames("not a summary")
        discard(folder)
        tmp = Path(folder).with_name(f".{Path(folder).name}.{os.getpid()}.tmp")
        discard(tmp)
        tmp.mkdir(parents=True)
        _link_tables(cache, tmp)
        os.replace(tmp, folder)
    except (OSError, ValueError, pl.exceptions.PolarsError):
        try:
            discard(cache)
        except OSError:
            pass
        return None
    return summary
