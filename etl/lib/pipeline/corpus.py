"""The intake and parse stages over a whole folder (the loops the extract assets run)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from etl.lib.pipeline import intake
from etl.lib.pipeline import workers as workers_lib
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import Rejection, SourceFile
from etl.lib.pipeline.parse_cache import ParseCache

Progress = Callable[[str], None]


@dataclass
class Intake:
    sources: list[SourceFile]
    rejections: list[Rejection]

    def kinds(self) -> Counter:
        return Counter(s.kind for s in self.sources)


@dataclass
class Parsed:
    documents: list[ParsedDocument] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    files_parsed: int = 0  # files read and parsed in this build
    files_cached: int = 0  # files whose content was parsed before (results from the cache)

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


def parse_all(
    root: Path,
    sources: list[SourceFile],
    progress: Progress | None = None,
    cache: ParseCache | None = None,
    *,
    workers: int = 1,
    limits: intake.Limits = intake.DEFAULT_LIMITS,
    budget: workers_lib.Budget = workers_lib.DEFAULT_BUDGET,
) -> Parsed:
    """Parse every page of every readable source; keep only the facts (a dump's text is
    streamed and dropped page by page). With a cache, a file parsed before with the same
    content and the same parser code is read back instead of parsed again. Pages are parsed
    on ``workers`` processes, each within ``budget`` (see etl.lib.pipeline.workers); the result is the
    same, in the same order, for any number of workers. ``limits`` bound what intake reads
    of each file."""
    parsed = Parsed()
    readable = [src for src in sources if src.kind != intake.UNKNOWN]
    results: dict[int, list] = {}
    for i, src in enumerate(readable):
        items = cache.get(src, limits) if cache is not None else None
        if items is not None:
            parsed.files_cached += 1
            results[i] = items

    fresh: list[int] = []  # files read and parsed in this build

    def to_parse():
        for i, src in enumerate(readable):
            if i not in results:
                results[i] = []
                fresh.append(i)
                for item in intake.pages(root, src, limits):
                    yield i, item

    pages = 0
    for i, result in workers_lib.parse_stream(to_parse(), workers=workers, budget=budget):
        results[i].append(result)
        pages += 1
        if progress and pages % 200 == 0:
            progress(f"parsed {pages} pages")
    parsed.files_parsed = len(fresh)
    for i in fresh:
        if cache is not None:
            cache.put(readable[i], results[i], limits)
    for i in range(len(readable)):
        for result in results[i]:
            if isinstance(result, Rejection):
                parsed.rejections.append(result)
            else:
                parsed.documents.append(result)
    return parsed
