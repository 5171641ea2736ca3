"""The intake and parse stages over a whole folder (the loops the extract and load assets run).

A file is read in parts (``parts``): a whole file, or each unit of a multistream dump, so the
units of one dump spread over the parse stage's partitions (``in_buckets``).
``write_parts`` parses the parts whose content has no shard yet into the shard store
(``etl.lib.pipeline.shards``), one result at a time as the pages stream; only pages the store does
not know go to the parse pool. ``read_shards`` reads the results of a set of files back, in order
(the load stage), parsing again any file whose shard is missing or broken. ``parse_all`` is both,
or a parse held in memory when no store is given (tests, benchmarks).
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polars as pl

from etl.lib.pipeline import intake
from etl.lib.pipeline import workers as workers_lib
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import Rejection, SourceFile
from etl.lib.pipeline.shards import (
    REJECTED,
    REJECTION,
    InvalidShard,
    Part,
    Row,
    RowMaker,
    ShardStore,
    ShardWriter,
    page_key,
    unit_key,
    whole,
)

Progress = Callable[[str], None]
Result = ParsedDocument | Rejection
# Stands in the parse stream for a page whose result is copied from a shard: the pool passes
# rejections through untouched, in order.
_STORED = Rejection("", "", "read from the parse cache")


@dataclass
class Intake:
    sources: list[SourceFile]
    rejections: list[Rejection]

    def kinds(self) -> Counter:
        return Counter(s.kind for s in self.sources)


@dataclass
class ParseStats:
    # A part counts as a file here: a whole file, or one unit of a multistream dump.
    files_parsed: int = 0  # files read and parsed in this build
    files_cached: int = 0  # files whose content has a shard (not read at all)
    pages_parsed: int = 0  # pages sent to the parser
    pages_cached: int = 0  # pages of re-read files whose result was copied from the previous shard
    pages_over_budget: int = 0

    def __iadd__(self, other: ParseStats) -> ParseStats:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class Parsed:
    documents: list[ParsedDocument] = field(default_factory=list)
    held: list[Rejection] = field(default_factory=list)  # rejections as objects (a parse in memory)
    bulk: list[pl.DataFrame] = field(default_factory=list)  # rejections read from shards, as frames
    stats: ParseStats = field(default_factory=ParseStats)
    keys: list[str] = field(default_factory=list)  # the shards read (``ShardStore.finish`` keeps them)

    @property
    def rejections(self) -> list[Rejection]:
        """Every rejection as an object, in order (small builds, tests); a build over a whole dump
        reads ``rejected_rows`` instead."""
        out = list(self.held)
        for frame in self.bulk:
            out += [Rejection(**row) for row in frame.iter_rows(named=True)]
        return out

    def rejected_rows(self) -> pl.DataFrame:
        """Every rejection as one frame of ``shards.REJECTED`` columns, in order."""
        held = pl.DataFrame([{c: getattr(r, c) for c in REJECTED} for r in self.held], schema=REJECTED)
        return pl.concat([held, *self.bulk])

    @property
    def files_parsed(self) -> int:
        return self.stats.files_parsed

    @property
    def files_cached(self) -> int:
        return self.stats.files_cached

    def add(self, result: Result) -> None:
        if isinstance(result, Rejection):
            self.held.append(result)
        else:
            self.documents.append(result)

    def unknown_templates(self) -> Counter:
        total: Counter = Counter()
        for d in self.documents:
            total.update(d.facts.unknown_templates)
        return total

    def problems(self) -> Counter:
        total: Counter = Counter()
        for d in self.documents:
            total.update(d.facts.problems)
        return total


def detect_all(root: Path, progress: Progress | None = None) -> Intake:
    sources, rejections = [], []
    for n, path in enumerate(intake.scan(root), start=1):
        src, rejection = intake.detect_file(root, path)
        sources.append(src)
        if rejection is not None:
            rejections.append(rejection)
        if progress and n % 100 == 0:
            progress(f"detected {n} files")
    return Intake(sources, rejections)


def bucket(path: str, buckets: int) -> int:
    """The partition of the parse stage a file belongs to: a stable hash of its path, so a file
    stays in its bucket from build to build and on any machine. Unit ``n`` of a multistream
    dump is hashed as ``path#n``, so the units of one dump spread over every bucket."""
    return int(hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8], 16) % buckets


def _bucket_name(item: SourceFile | Part) -> str:
    if isinstance(item, SourceFile):
        return item.path
    return item.src.path if item.unit is None else f"{item.src.path}#{item.ordinal}"


_Item = TypeVar("_Item", SourceFile, Part)


def in_buckets(items: list[_Item], keys: set[int], buckets: int) -> list[_Item]:
    return [x for x in items if bucket(_bucket_name(x), buckets) in keys]


def _readable(sources: list[SourceFile]) -> list[SourceFile]:
    return [src for src in sources if src.kind != intake.UNKNOWN]


def parts(root: Path, sources: list[SourceFile]) -> list[Part]:
    """The parts of every readable file, in order: the units of a multistream dump with its
    index beside it (each keyed by its compressed bytes), any other file whole."""
    out: list[Part] = []
    for src in _readable(sources):
        units = intake.multistream_units(root, src)
        if units is None:
            out.append(whole(src))
            continue
        try:
            with open(Path(root) / src.path, "rb") as f:
                keyed = []
                for n, (start, end) in enumerate(units):
                    f.seek(start)
                    keyed.append(Part(src, unit_key(f.read(end - start)), (start, end), n))
        except OSError:
            keyed = [whole(src)]  # read whole, and rejected with its fault
        out.extend(keyed)
    return out


@dataclass(frozen=True)
class _UnitPages(workers_lib.Batch):
    """One unit of a multistream dump, read by the worker it is sent to: its pages and their keys
    (intake's rejections have none), as the parent would read them."""

    root: Path
    src: SourceFile
    unit: tuple[int, int]
    limits: intake.Limits

    def read(self):
        for item in intake.pages(self.root, self.src, self.limits, self.unit):
            yield (None if isinstance(item, Rejection) else page_key(item)), item


def _batched(files: list[Part], workers: int) -> bool:
    """Whether the units of ``files`` go to the workers whole (each worker decompresses and reads
    its own units, so this process does not read every page of a dump): when there are
    workers, and more units than the pool holds in flight. A few changed units are read here,
    page by page, and may be parsed here too (``_few_to_parse``)."""
    units = sum(part.unit is not None for part in files)
    return workers > 1 and units >= workers * workers_lib.IN_FLIGHT_PER_WORKER


def _results(
    root: Path,
    files: list[Part],
    known: Callable[[Part], dict[str, Row]],
    *,
    workers: int,
    limits: intake.Limits,
    budget: workers_lib.Budget,
    progress: Progress | None,
    rows: RowMaker | None = None,
) -> Iterator[tuple[int, str | None, Result | Row, bool]]:
    """``(index of the file, page key, result, stored)`` of every document of ``files``, in
    order. A page whose key ``known(file)`` holds comes back as that stored row, unparsed
    (``stored``); intake's rejections have no key. With ``rows``, a parsed page comes back as its
    row, made where it was parsed; rejections that need no parse come back as they are, except
    those of a unit a worker read (``_batched``), which come back as rows too."""

    batched = _batched(files, workers)

    def items():
        for i, src in enumerate(files):
            if batched and src.unit is not None:  # nothing stored: a unit's shard is whole or absent
                yield (i, None, None), _UnitPages(root, src.src, src.unit, limits)
                continue
            stored = known(src)
            for item in intake.pages(root, src.src, limits, src.unit):
                if isinstance(item, Rejection):
                    yield (i, None, None), item
                    continue
                key = page_key(item)
                row = stored.get(key)
                yield (i, key, row), (item if row is None else _STORED)

    stream, workers = _few_to_parse(items(), workers)
    n = 0
    for (i, key, row), result in workers_lib.parse_stream(
        stream, workers=workers, budget=budget, convert=rows
    ):
        if isinstance(result, list):  # a unit read by a worker: its pages' keys and results
            got, stored = result, False
        else:
            got, stored = [(key, result if row is None else row)], row is not None
        for page, one in got:
            n += 1
            yield i, page, one, stored
            if progress and n % 200 == 0:
                progress(f"parsed {n} pages")


def _few_to_parse(items: Iterator, workers: int) -> tuple[Iterator, int]:
    """The stream, and how many workers it deserves. A pool costs seconds to start: when files
    are read again for a few changed pages (the rest copied from their previous shards) and
    fewer pages need a parse than the pool would hold in flight, they are parsed in this process
    (the CPU budget holds, the worker memory cap does not apply). While looking, only the pages
    to parse are held; stored ones are rows already in memory."""
    if workers <= 1:
        return items, workers
    ahead, misses, stored = [], 0, False
    for tagged in items:
        ahead.append(tagged)
        misses += not isinstance(tagged[1], Rejection)
        stored |= tagged[0][2] is not None
        if misses >= workers * workers_lib.IN_FLIGHT_PER_WORKER:
            return itertools.chain(ahead, items), workers
    return iter(ahead), (1 if stored else workers)


def write_parts(
    root: Path,
    todo_parts: list[Part],
    store: ShardStore,
    *,
    previous: dict[str, str] | None = None,
    workers: int = 1,
    budget: workers_lib.Budget = workers_lib.DEFAULT_BUDGET,
    progress: Progress | None = None,
) -> ParseStats:
    """Give every part a shard. A part whose content has one is not read; the others stream,
    their pages keyed, and a page of a whole file that the previous shard of the same path holds
    (``previous``: path -> sha256 of the last build) is copied from it instead of parsed. Pages
    are parsed on ``workers`` processes, each within ``budget``; the shards are the same for any
    number of workers."""
    stats = ParseStats()
    todo: list[Part] = []
    queued: set[str] = set()
    for part in todo_parts:
        if part.key in queued:
            stats.files_parsed += 1  # the same content as a part parsed now: one shard for both
        elif store.ready(part):
            stats.files_cached += 1
        else:
            stats.files_parsed += 1
            todo.append(part)
            queued.add(part.key)
    if not todo:
        return stats
    previous = previous or {}
    writer: ShardWriter | None = None
    current = -1  # the file of ``todo`` the writer writes

    def advance(to: int) -> ShardWriter:
        """The writer of file ``to``; the shards of the files before it are closed."""
        nonlocal writer, current
        while writer is None or current < to:
            if writer is not None:
                writer.close()
            current += 1
            writer = ShardWriter(store, todo[current])
        return writer

    rows = RowMaker()
    try:
        for i, key, result, stored in _results(
            root,
            todo,
            lambda part: store.known_pages(part.src, previous) if part.unit is None else {},
            workers=workers,
            limits=store.limits,
            budget=budget,
            progress=progress,
            rows=rows,
        ):
            w = advance(i)
            row = result if isinstance(result, tuple) else rows(result)
            if stored:
                stats.pages_cached += 1
                w.add(key, row)
                continue
            stats.pages_parsed += key is not None
            if row[2] == REJECTION and workers_lib.over_budget(row[3]):
                stats.pages_over_budget += 1
            w.add(key, row)
        if todo:
            advance(len(todo) - 1).close()  # files with no result still get their (empty) shard
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return stats


def read_shards(
    root: Path,
    sources: list[SourceFile],
    store: ShardStore,
    *,
    workers: int = 1,
    budget: workers_lib.Budget = workers_lib.DEFAULT_BUDGET,
    progress: Progress | None = None,
) -> Parsed:
    """Every result of the readable files of ``sources``, in file and page order, from their
    shards. A shard missing or not valid is discarded with a warning and its file parsed again
    here (``Parsed.stats`` counts that work): a broken store never fails a build."""
    parsed = Parsed()
    every = parts(root, sources)
    results: list[tuple[list[ParsedDocument], pl.DataFrame] | None] = []
    broken: list[Part] = []
    for part in every:
        try:
            results.append(store.read_bulk(part))
        except InvalidShard as exc:
            store.discard(part, exc)
            results.append(None)
            broken.append(part)
    if broken:
        parsed.stats = write_parts(root, broken, store, workers=workers, budget=budget, progress=progress)
    for part, items in zip(every, results):
        if items is None:
            items = store.read_bulk(part)
        parsed.documents += items[0]
        parsed.bulk.append(items[1])
    parsed.keys = [p.key for p in every]
    return parsed


def parse_all(
    root: Path,
    sources: list[SourceFile],
    progress: Progress | None = None,
    store: ShardStore | None = None,
    *,
    workers: int = 1,
    limits: intake.Limits = intake.DEFAULT_LIMITS,
    budget: workers_lib.Budget = workers_lib.DEFAULT_BUDGET,
) -> Parsed:
    """Parse every page of every readable source; keep only the facts (a dump's text is
    streamed and dropped page by page). With a store, the parse goes through its shards (under
    the store's limits) and is read back from them; without, it is held in memory. The result
    is the same, in the same order, for any number of workers. ``limits`` bound what intake
    reads of each file."""
    if store is not None:
        stats = write_parts(
            root,
            parts(root, sources),
            store,
            previous=store.previous_files(),
            workers=workers,
            budget=budget,
            progress=progress,
        )
        parsed = read_shards(root, sources, store, workers=workers, budget=budget, progress=progress)
        parsed.stats += stats
        return parsed
    parsed = Parsed()
    every = parts(root, sources)
    parsed.stats.files_parsed = len(every)
    for _, key, result, _ in _results(
        root, every, lambda part: {}, workers=workers, limits=limits, budget=budget, progress=progress
    ):
        assert not isinstance(result, tuple)  # nothing is stored, no rows made
        parsed.stats.pages_parsed += key is not None
        parsed.add(result)
    return parsed
