"""The star-schema frames between the clean and the load stage, as one Parquet file per table.

The clean stage writes them to a folder beside the working file; the load stage reads them back,
each checked against its table's columns in the registry: the frames never pass through the
IO manager.

The frames of the last build are also kept (``keep``) under a key of everything they are made of
(``inputs_key``: the code, the intake limits, every file and intake rejection, the identity of
every shard), with the clean stage's summary. A build with the same key takes them (``reuse``)
instead of reading every shard back and building every table again: an unchanged folder costs
no clean stage.

Otherwise ``build`` builds the frames film by film. Every part's documents are read as heads
(page, kind, title, year: ``ShardStore.read_heads``; a part whose shard is the one the last build
read comes from the kept heads, unread), grouped into films (``resolve.group``), and each film
keyed by its documents (``resolve.film_key``). A film whose key the last build had keeps its rows
(read from the kept frames; their source ids name files by path, so they hold when a file's
content changed around them); the others are
decoded part by part and built (``tables.film_rows``), each film's documents dropped once its
rows are made, ``_BATCH`` films a task: a build of many films runs its tasks on the build's
worker processes, a small one here, and the chunks are taken in task order either way.
``tables.combine`` makes the tables of both, as a full build does.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from etl.lib.pipeline import corpus, resolve
from etl.lib.pipeline import workers as workers_lib
from etl.lib.pipeline.corpus import Intake
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import Limits, Rejection
from etl.lib.pipeline.resolve import Group, Head
from etl.lib.pipeline.shards import (
    DOCUMENT,
    HEADS,
    REJECTED,
    InvalidShard,
    Part,
    ShardStore,
    StorePath,
    rejections_of,
)
from etl.lib.store import tables
from etl.lib.store.report import frame_markdown, rejections_markdown
from etl.lib.store.tables import CONTRIBUTIONS, FILM_TABLES, TABLE_SPECS, TABLES, Corpus

_KEY = "key"
_SUMMARY = "summary.json"
_EXTRA = "films."  # the kept frames ``build`` keeps films by: films.<name>.parquet
_FILMS = {"film_key": pl.String, "film_id": pl.String}
_KEPT_HEADS = {"part": pl.String, "identity": pl.String, **HEADS}
_BATCH = 500  # films whose rows are made into frames at once


class InvalidFrames(ValueError):
    """A frames folder that does not hold every registry table with its columns."""


def folder_for(working: Path) -> Path:
    """Where the frames of a build go: beside its working file."""
    return Path(working).with_name(Path(working).name + ".frames")


def write_frames(folder: Path, frames: Iterable[tuple[str, pl.DataFrame]]) -> dict[str, int]:
    """Every table's frame (``(table, frame)``, each table once, taken one at a time: a frame is
    let go once written) to ``folder/<table>.parquet``, replacing what was there; the rows of
    each."""
    folder = Path(folder)
    discard(folder)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    discard(tmp)
    tmp.mkdir(parents=True)
    heights = {}
    for table, frame in frames:
        frame.write_parquet(tmp / f"{table}.parquet")
        heights[table] = frame.height
        del frame
    if set(heights) != set(TABLES):
        raise ValueError(f"frames of {sorted(set(TABLES) - set(heights))} missing")
    os.replace(tmp, folder)
    return {table: heights[table] for table in TABLES}


def frame_files(folder: Path) -> dict[str, Path]:
    """Every table's Parquet file in ``folder``, each checked to hold its table's columns (its
    schema read, not its rows: the load stage hands the files to DuckDB)."""
    files = {}
    for table in TABLES:
        path = Path(folder) / f"{table}.parquet"
        try:
            schema = dict(pl.read_parquet_schema(path))
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise InvalidFrames(f"{path.name} could not be read ({type(exc).__name__})") from None
        if schema != TABLE_SPECS[table].schema:
            raise InvalidFrames(f"{path.name} does not hold the columns of {table}")
        files[table] = path
    return files


def read_frames(folder: Path) -> dict[str, pl.DataFrame]:
    return {table: pl.read_parquet(path) for table, path in frame_files(folder).items()}


def height(path: Path) -> int:
    """The rows of a frame's Parquet file, from its metadata."""
    return pl.scan_parquet(path).select(pl.len()).collect().item()


def head(path: Path, n: int) -> pl.DataFrame:
    """The first ``n`` rows of a frame's Parquet file, the rest unread."""
    return pl.scan_parquet(path).head(n).collect()


def discard(folder: Path) -> None:
    if Path(folder).is_dir() and not Path(folder).is_symlink():
        shutil.rmtree(folder)
    else:
        Path(folder).unlink(missing_ok=True)


def inputs_key(store: ShardStore, intake: Intake) -> str:
    """What a build's frames are made of: the extractor code and intake limits (the name of the
    store's entries folder), every file and intake rejection, and the identity
    (``ShardStore.identity``) of the shard each file reads, so a shard written again or tampered
    with since gives another key."""
    h = hashlib.sha256(store.entries.name.encode())
    for src in intake.sources:
        shard = store.identity(src.sha256) or None
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


def keep(
    cache: Path,
    key: str,
    folder: Path,
    summary: dict,
    extra: dict[str, pl.DataFrame | pl.LazyFrame] | None = None,
) -> None:
    """Keep the frames in ``folder`` and the clean stage's summary (JSON values) as the frames of
    ``key``, replacing the ones kept before, with the ``extra`` frames the next build keeps films
    by (``build``). A failure only means the next build cannot reuse them."""
    cache = Path(cache)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        discard(tmp)
        tmp.mkdir(parents=True)
        _link_tables(Path(folder), tmp)
        for name, frame in (extra or {}).items():
            _write(frame, tmp / f"{_EXTRA}{name}.parquet")
        (tmp / _SUMMARY).write_text(json.dumps(summary), encoding="utf-8")
        (tmp / _KEY).write_text(key, encoding="utf-8")
        discard(cache)
        os.replace(tmp, cache)
    except OSError:
        discard(tmp)


def _write(frame: pl.DataFrame | pl.LazyFrame, path: Path) -> None:
    """A frame to a Parquet file; a lazy one streamed there, never collected whole."""
    if isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(path)
    else:
        frame.write_parquet(path)


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


Progress = Callable[[str], None]


@dataclass
class _Kept:
    """What the last build kept to build films by: its tables, each film's key, the films'
    contributions to the shared dimensions and every part's heads, under the store's code."""

    tables: dict[str, Path]  # each table's Parquet file, read for the kept films only
    films: pl.DataFrame
    contributions: dict[str, Path]
    heads: dict[str, pl.DataFrame]  # part key -> its heads (``HEADS``)
    identities: dict[str, str]  # part key -> the identity of the shard its heads were read from


def _extra_file(cache: Path, name: str, schema: dict) -> Path:
    path = cache / f"{_EXTRA}{name}.parquet"
    if dict(pl.read_parquet_schema(path)) != schema:
        raise InvalidFrames(f"{name} does not hold its columns")
    return path


def _read_extra(cache: Path, name: str, schema: dict) -> pl.DataFrame:
    return pl.read_parquet(_extra_file(cache, name, schema))


def _kept(cache: Path, version: str) -> _Kept | None:
    """The last build's kept frames, when they are of this code and hold what they should."""
    cache = Path(cache)
    try:
        if not cache.is_dir() or cache.is_symlink():
            return None
        if _read_extra(cache, "version", {"version": pl.String})["version"].to_list() != [version]:
            return None
        heads = _read_extra(cache, "heads", _KEPT_HEADS)
        by_part = heads.select("part", *HEADS).partition_by("part", as_dict=True, include_key=False)
        return _Kept(
            frame_files(cache),
            _read_extra(cache, "films", _FILMS),
            {t: _extra_file(cache, t, CONTRIBUTIONS[t]) for t in CONTRIBUTIONS},
            {str(k[0]): f for k, f in by_part.items()},
            dict(heads.select("part", "identity").unique("part").iter_rows()),
        )
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None


class _Broken(Exception):
    def __init__(self, part: Part, exc: InvalidShard):
        self.part, self.exc = part, exc


def _heads(every: list[Part], rows: pl.DataFrame) -> list[Head]:
    """The heads of the documents of ``rows`` (every part's rows, with its ``part_index``);
    the first part holding a document without its title or page key is broken."""
    docs = rows.filter(pl.col("status") == DOCUMENT)
    bad = docs.filter(pl.col("film_title").is_null() | pl.col("page_key").is_null())
    if bad.height:
        raise _Broken(every[bad["part_index"][0]], InvalidShard("a document without its title or page key"))
    columns = ("page_key", "ordinal", "kind", "title", "film_title", "release_year", "page_id", "revision_id")
    out = []
    for index, key, ordinal, kind, title, film, year, pid, rev, supp in docs.select(
        "part_index", *columns, "supplementary"
    ).iter_rows():
        src = every[index].src
        out.append(
            Head(src.path, src.sha256, kind, film, year, title, pid, rev, bool(supp), key, index, ordinal)
        )
    return out


def _rejected(every: list[Part], rows: pl.DataFrame) -> pl.DataFrame:
    """The rejections of ``rows`` (every part's rows, with its ``part_index``) as ``REJECTED``
    rows of their files, in part order: ``rejected_rows`` of every part at once."""
    if not rows.height:
        return pl.DataFrame(schema=REJECTED)
    index = pl.col("part_index")
    paths = index.replace_strict({i: p.src.path for i, p in enumerate(every)}, return_dtype=pl.String)
    shas = index.replace_strict({i: p.src.sha256 for i, p in enumerate(every)}, return_dtype=pl.String)
    return rejections_of(rows, paths, shas)


def build(
    root: Path,
    intake: Intake,
    store: ShardStore,
    cache: Path,
    folder: Path,
    *,
    workers: int = 1,
    budget: workers_lib.Budget = workers_lib.DEFAULT_BUDGET,
    progress: Progress | None = None,
) -> dict:
    """The frames of ``intake``'s files into ``folder``, from their shards in ``store``, and the
    clean stage's summary. The frames kept in ``cache`` are taken whole when nothing changed
    (``frames_reused``), else the rows of every film they hold whose documents did not change
    (``films_kept``; ``films_built`` are decoded and built). A shard missing or broken is parsed
    again here (``files_parsed_again``), with a warning in ``store.warnings``, on ``workers``
    processes, which also build the films' rows of a large build (``_built_rows``)."""
    key = inputs_key(store, intake)
    summary = reuse(cache, key, folder)
    if summary is not None:
        return {
            **summary,
            "frames_reused": True,
            "files_parsed_again": 0,
            "films_built": 0,
            "films_kept": summary["films"],
        }
    every = corpus.parts(root, intake.sources)
    kept = _kept(cache, store.entries.name)
    chunks = _Chunks(Path(folder).with_name(f".{Path(folder).name}.chunks"))
    try:
        return _build_kept(root, intake, store, cache, folder, every, kept, chunks, workers, budget, progress)
    finally:
        chunks.discard()


def _build_kept(
    root: Path,
    intake: Intake,
    store: ShardStore,
    cache: Path,
    folder: Path,
    every: list[Part],
    kept: _Kept | None,
    chunks: _Chunks,
    workers: int,
    budget: workers_lib.Budget,
    progress: Progress | None,
) -> dict:
    """``build`` once the kept frames are known: the frames built (each broken part parsed again
    and the build started over), then kept for the next build."""
    parsed_again = 0
    repaired: set[str] = set()
    for _ in range(len(every) + 1):
        try:
            summary, extra = _build(
                root, intake, store, every, kept, repaired, folder, chunks, progress, workers
            )
            break
        except _Broken as broken:
            store.discard(broken.part, broken.exc)
            stats = corpus.write_parts(
                root, [broken.part], store, workers=workers, budget=budget, progress=progress
            )
            parsed_again += stats.files_parsed
            repaired.add(broken.part.key)
    else:  # pragma: no cover - each attempt repairs one part
        raise RuntimeError("shards could not be repaired")
    summary["files_parsed_again"] = parsed_again
    store.finish(intake.sources, [p.key for p in every])
    parts = extra["heads"].lazy().select(pl.col("part").unique()).collect()["part"].to_list()
    identities = {k: store.identity(k) for k in parts}  # one per shard
    extra["heads"] = extra["heads"].with_columns(
        pl.col("part").replace_strict(identities, return_dtype=pl.String).alias("identity")
    )
    keep(cache, inputs_key(store, intake), folder, {**summary, "frames_reused": False}, extra)
    return {**summary, "frames_reused": False}


def _build(
    root: Path,
    intake: Intake,
    store: ShardStore,
    every: list[Part],
    kept: _Kept | None,
    repaired: set[str],
    folder: Path,
    chunks: _Chunks,
    progress: Progress | None,
    workers: int = 1,
) -> tuple[dict, dict[str, pl.DataFrame | pl.LazyFrame]]:
    chunks.clear()
    part_heads: dict[str, pl.DataFrame] = {}
    untrusted: set[int] = set()  # parts whose shard is not the one the kept films were built from
    to_read: dict[str, Part] = {}  # parts whose heads are read from their shards, by key
    for i, part in enumerate(every):
        old = kept.heads.get(part.key) if kept and part.key not in repaired else None
        same = (
            old is not None and kept is not None and kept.identities.get(part.key) == store.identity(part.key)
        )
        if old is not None and not same:
            untrusted.add(i)
        if part.key in part_heads or part.key in to_read:
            continue
        if old is not None and same:
            part_heads[part.key] = old
        else:
            to_read[part.key] = part
    for part, rows in zip(to_read.values(), store.read_heads_of(list(to_read.values()))):
        if isinstance(rows, InvalidShard):
            raise _Broken(part, rows)
        part_heads[part.key] = rows.cast(HEADS).select(list(HEADS))  # type: ignore[arg-type]
    chosen = [part_heads[part.key] for part in every]  # each part's rows, in order
    del part_heads
    # Every part's rows as one frame, read at once (a dump has thousands of parts).
    index = pl.Series("part_index", [i for i, r in enumerate(chosen) for _ in range(r.height)], pl.Int64)
    every_rows = pl.concat([pl.DataFrame(schema=HEADS), *chosen]).with_columns(index)
    del chosen
    first = {part.key: i for i, part in reversed(list(enumerate(every)))}  # each content's first part
    heads = _heads(every, every_rows)
    # The rejections and every part's heads wait on disk (most rows of a dump are rejections).
    pages = chunks.put("rejected", _rejected(every, every_rows))
    kept_heads = chunks.put("heads", _kept_heads(every, first, every_rows))
    del every_rows
    groups, superseded = resolve.group(heads)
    code = store.entries.name
    keys = [resolve.film_key(g, code) for g in groups]
    known = dict(kept.films.iter_rows()) if kept else {}
    keep_ids = {
        g.film_id
        for g, k in zip(groups, keys)
        if k is not None and known.get(k) == g.film_id and not any(h.part in untrusted for h in g.documents)
    }
    todo = [g for g in groups if g.film_id not in keep_ids]
    if kept and keep_ids:
        chunks.add(_kept_rows(kept, keep_ids))
    _built_rows(store, every, todo, chunks, progress, workers)
    frames = tables.combine(
        Corpus(intake.sources, intake.rejections, pages),
        [g.film_id for g in groups],
        chunks.rows_of,
        superseded,
    )
    heights = write_frames(folder, frames)
    summary = _summary(intake, folder, heights, pages, len(heads), len(groups), len(todo))
    extra: dict[str, pl.DataFrame | pl.LazyFrame] = {
        "version": pl.DataFrame({"version": [code]}),
        "films": pl.DataFrame(
            [(k, g.film_id) for g, k in zip(groups, keys) if k is not None], schema=_FILMS, orient="row"
        ),
        **{t: chunks.scan(t) for t in CONTRIBUTIONS},
        "heads": kept_heads,
    }
    return summary, extra


def _kept_heads(every: list[Part], first: dict[str, int], rows: pl.DataFrame) -> pl.DataFrame:
    """Every part's heads as one ``_KEPT_HEADS`` frame, once per content (``first``: the index of
    the first part of each content key; the identities are filled in by ``build``)."""
    keys = {i: every[i].key for i in first.values()}
    return (
        rows.filter(pl.col("part_index").is_in(sorted(keys)))
        .with_columns(
            pl.col("part_index").replace_strict(keys, return_dtype=pl.String).alias("part"),
            pl.lit("", pl.String).alias("identity"),
        )
        .select(list(_KEPT_HEADS))
    )


def _kept_rows(kept: _Kept, keep_ids: set[str]) -> dict[str, pl.LazyFrame]:
    """The rows of the kept films, read from the kept files as they are written out (their
    source ids name files by path, so they hold when a file's content changed around them)."""
    ids = sorted(keep_ids)
    out = {}
    for t in FILM_TABLES:
        if t == "bridge_nomination_person":
            continue
        out[t] = pl.scan_parquet(kept.tables[t]).filter(pl.col("film_id").is_in(ids))
    nominations = out["fact_nomination"].select("nomination_id").collect()["nomination_id"].to_list()
    out["bridge_nomination_person"] = pl.scan_parquet(kept.tables["bridge_nomination_person"]).filter(
        pl.col("nomination_id").is_in(nominations)
    )
    for t in CONTRIBUTIONS:
        out[t] = pl.scan_parquet(kept.contributions[t]).filter(pl.col("film_id").is_in(ids))
    return out


class _Chunks:
    """The rows of the films of a build, chunk by chunk (the kept films', then each task's), as
    Parquet files in ``folder/<chunk>/<table>.parquet``, written as each chunk comes: the clean
    stage never holds every film's rows, and ``tables.combine`` reads one table of every chunk,
    in chunk order, when it makes that table."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.count = 0

    def clear(self) -> None:
        discard(self.folder)
        self.folder.mkdir(parents=True)
        self.count = 0

    def discard(self) -> None:
        discard(self.folder)

    def add(self, rows: dict[str, pl.DataFrame] | dict[str, pl.LazyFrame]) -> None:
        chunk = self.folder / f"{self.count:06d}"
        chunk.mkdir()
        for table, frame in rows.items():
            _write(frame, chunk / f"{table}.parquet")
        self.count += 1

    def _files(self, table: str) -> list[Path]:
        return [self.folder / f"{i:06d}" / f"{table}.parquet" for i in range(self.count)]

    def rows_of(self, table: str) -> pl.DataFrame:
        empty = tables.rows_frames(tables.empty_rows())[table]
        return pl.concat([empty, *(pl.read_parquet(path) for path in self._files(table))])

    def put(self, name: str, frame: pl.DataFrame) -> pl.LazyFrame:
        """A frame the build needs again later, written beside the chunks and read back lazily."""
        path = self.folder / f"{name}.parquet"
        frame.write_parquet(path)
        return pl.scan_parquet(path)

    def scan(self, table: str) -> pl.LazyFrame:
        empty = tables.rows_frames(tables.empty_rows())[table].lazy()
        return pl.concat([empty, *(pl.scan_parquet(path) for path in self._files(table))])


# A clean stage that builds at least this many films builds them on ``workers`` processes; fewer
# (a 1-page change, a folder of articles) are built here: a spawned process costs its imports.
PARALLEL_FILMS = 4 * _BATCH


@dataclass(frozen=True)
class _Task:
    """Up to ``_BATCH`` films to build, in build order, with the documents they need: each
    part's index in the build's parts and the ordinals of its documents read."""

    groups: list[Group[Head]]
    parts: dict[int, Part]
    needed: dict[int, frozenset[int]]


def _by_last_part(groups: list[Group[Head]]) -> dict[int, list[Group[Head]]]:
    """The films by the last part holding one of their documents (when they can be built), in
    their order."""
    ready: dict[int, list[Group[Head]]] = defaultdict(list)
    for g in groups:
        ready[max(h.part for h in g.documents)].append(g)
    return ready


def _tasks(every: list[Part], todo: list[Group[Head]]) -> list[_Task]:
    """The films ``todo`` in ``_BATCH``-film tasks: films in the order of the last part holding
    one of their documents, as the parts are read, so every task reads its parts in order."""
    ready = _by_last_part(todo)
    order = [g for i in sorted(ready) for g in ready[i]]
    tasks = []
    for start in range(0, len(order), _BATCH):
        groups = order[start : start + _BATCH]
        needed: dict[int, set[int]] = defaultdict(set)
        for g in groups:
            for h in g.documents:
                needed[h.part].add(h.ordinal)
        tasks.append(
            _Task(groups, {i: every[i] for i in needed}, {i: frozenset(o) for i, o in needed.items()})
        )
    return tasks


def _task_rows(store: ShardStore, task: _Task) -> dict[str, pl.DataFrame] | tuple[int, str]:
    """The rows of a task's films as frames, their documents decoded part by part: a film is
    built once the last part holding one of its documents is read, and its documents dropped.
    A part whose shard does not hold what its heads said gives ``(its index, why)``."""
    ready = _by_last_part(task.groups)
    docs: dict[tuple[int, int], ParsedDocument] = {}
    rows = tables.empty_rows()
    order = sorted(task.needed)
    read = store.read_documents_of([(task.parts[i], set(task.needed[i])) for i in order])
    for i, found in zip(order, read):
        if isinstance(found, InvalidShard):
            return i, str(found)
        docs.update(((i, o), d) for o, d in found.items())
        for g in ready[i]:
            film = resolve.film_of(g, lambda h: docs[(h.part, h.ordinal)])
            for h in g.documents:
                del docs[(h.part, h.ordinal)]
            resolve.link_names(film)
            for t, r in tables.film_rows(film).items():
                rows[t] += r
    return tables.rows_frames(rows)


def _readable_apart(folder: StorePath) -> bool:
    """Whether another process reads the same shards at ``folder``: a local folder or an
    fsspec URL, but not fsspec's in-process ``memory`` filesystem."""
    if isinstance(folder, Path):
        return True
    protocol = folder.fs.protocol
    return "memory" not in ((protocol,) if isinstance(protocol, str) else protocol)


def _task_rows_apart(
    folder: StorePath, limits: Limits, task: _Task
) -> dict[str, pl.DataFrame] | tuple[int, str]:
    """``_task_rows`` in a worker process, on its own handle of the same shards."""
    return _task_rows(ShardStore(folder, limits), task)


def _built_rows(
    store: ShardStore,
    every: list[Part],
    todo: list[Group[Head]],
    chunks: _Chunks,
    progress: Progress | None,
    workers: int = 1,
) -> None:
    """The rows of the films ``todo``, ``_BATCH`` films at a time (``_task_rows``), added to
    ``chunks`` as each task's come: in this process, or on ``workers`` spawned processes when
    there are at least ``PARALLEL_FILMS`` films and the shards are where another process can
    read them. The chunks are added in task order either way, so the frames are the same."""
    tasks = _tasks(every, todo)
    built = 0

    def take(i: int, result: dict[str, pl.DataFrame] | tuple[int, str]) -> None:
        nonlocal built
        if isinstance(result, tuple):
            raise _Broken(every[result[0]], InvalidShard(result[1]))
        chunks.add(result)
        built += len(tasks[i].groups)
        if progress and built % _BATCH == 0:
            progress(f"built {built} films")

    apart = workers > 1 and len(todo) >= PARALLEL_FILMS and len(tasks) > 1 and _readable_apart(store.folder)
    if not apart:
        for i, task in enumerate(tasks):
            take(i, _task_rows(store, task))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
            results = pool.map(
                _task_rows_apart, itertools.repeat(store.folder), itertools.repeat(store.limits), tasks
            )
            try:
                for i, result in enumerate(results):
                    take(i, result)
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise


def _summary(
    intake: Intake,
    folder: Path,
    heights: dict[str, int],
    pages: pl.LazyFrame,
    documents: int,
    films: int,
    built: int,
) -> dict:
    """The clean stage's summary, from the frames written to ``folder`` (with the rows of each)
    and the rejected pages."""
    issues = pl.read_parquet(Path(folder) / "extraction_issue.parquet")
    counts = {
        kind: Counter(
            dict(
                issues.filter(pl.col("issue_kind") == kind)
                .group_by("detail")
                .agg(pl.col("count").sum())
                .iter_rows()
            )
        )
        for kind in ("unknown template", "unreadable value")
    }

    def top(c: Counter) -> dict:
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:25])

    return {
        "films": films,
        "film_documents": documents,
        "rejected_pages": pages.select(pl.len()).collect().item(),
        "pages_over_budget": sum(
            n
            for reason, n in pages.group_by("reason").len().collect().iter_rows()
            if workers_lib.over_budget(reason)
        ),
        "unknown_templates": sum(counts["unknown template"].values()),
        "unknown_templates_top": top(counts["unknown template"]),
        "unreadable_values": top(counts["unreadable value"]),
        "rejections": rejections_markdown(  # the table shows the first 50
            [*intake.rejections, *(Rejection(**r) for r in pages.head(51).collect().iter_rows(named=True))]
        ),
        "rows": heights,
        "films_preview": frame_markdown(
            head(Path(folder) / "dim_film.parquet", 21).select(
                "title", "release_year", "runtime_minutes", "documents"
            )
        ),
        "films_built": built,
        "films_kept": films - built,
    }
