"""The intake and parse stages over a whole folder (the loops the extract assets run)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from etl.lib import intake
from etl.lib.documents import ParsedDocument, parse_page
from etl.lib.intake import Rejection, SourceFile
from etl.lib.parse_cache import ParseCache

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


def parse_all(root: Path, sources: list[SourceFile], progress: Progress | None = None,
              cache: ParseCache | None = None,
              limits: intake.Limits = intake.DEFAULT_LIMITS) -> Parsed:
    """Parse every page of every readable source; keep only the facts (a dump's text is
    streamed and dropped page by page). With a cache, a file parsed before with the same
    content and the same parser code is read back instead of parsed again. ``limits`` bound
    what intake reads of each file."""
    parsed = Parsed()
    pages = 0
    for src in sources:
        if src.kind == intake.UNKNOWN:
            continue
        items = cache.get(src, limits) if cache is not None else None
        if items is not None:
            parsed.files_cached += 1
        else:
            items = []
            for item in intake.pages(root, src, limits):
                items.append(item if isinstance(item, Rejection) else parse_page(item))
                pages += 1
                if progress and pages % 200 == 0:
                    progress(f"parsed {pages} pages: {len(parsed.documents)} film documents, "
                             f"{len(parsed.rejections)} rejected")
            parsed.files_parsed += 1
            if cache is not None:
                cache.put(src, items, limits)
        for result in items:
            if isinstance(result, Rejection):
                parsed.rejections.append(result)
            else:
                parsed.documents.append(result)
    return parsed
