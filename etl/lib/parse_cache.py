"""Parsed documents kept between builds, keyed by file content and by the parser code.

A file whose bytes are unchanged is not parsed again: its parse results are read back from the
cache. The key includes a fingerprint of the extractor code (``etl/lib/*.py``), so a change of
the parsers invalidates every entry and a build always equals a from-scratch build. The cache
also remembers the last build's files (path -> sha256) to report what changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path

from etl.lib.intake import Rejection, SourceFile

MANIFEST = "manifest.json"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the extractor code: every module of ``etl.lib``."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ParseCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.entries = self.folder / code_version()

    def get(self, src: SourceFile) -> list | None:
        path = self.entries / f"{src.sha256}.pickle"
        try:
            with open(path, "rb") as f:
                items = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return [_restamp(item, src) for item in items]

    def put(self, src: SourceFile, items: list) -> None:
        self.entries.mkdir(parents=True, exist_ok=True)
        tmp = self.entries / f".{src.sha256}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(items, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.entries / f"{src.sha256}.pickle")

    def previous_files(self) -> dict[str, str]:
        try:
            return json.loads((self.folder / MANIFEST).read_text())
        except (OSError, ValueError):
            return {}

    def finish(self, sources: list[SourceFile]) -> None:
        """Record this build's files and drop entries of other code versions or of content no
        file has any more."""
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = {s.path: s.sha256 for s in sources}
        tmp = self.folder / f".{MANIFEST}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(manifest, sort_keys=True, indent=0))
        os.replace(tmp, self.folder / MANIFEST)
        for child in self.folder.iterdir():
            if child.is_dir() and child != self.entries:
                shutil.rmtree(child, ignore_errors=True)
        keep = {f"{s.sha256}.pickle" for s in sources}
        if self.entries.is_dir():
            for entry in self.entries.iterdir():
                if entry.name not in keep:
                    entry.unlink(missing_ok=True)


def _restamp(item, src: SourceFile):
    """Cached results name the file they came from; the same content may now sit elsewhere."""
    if isinstance(item, Rejection):
        return dataclasses.replace(item, path=src.path, sha256=src.sha256)
    item.source = src
    return item


def changes(previous: dict[str, str], sources: list[SourceFile]) -> dict[str, list[str]]:
    now = {s.path: s.sha256 for s in sources}
    return {
        "new": sorted(set(now) - set(previous)),
        "changed": sorted(p for p in set(now) & set(previous) if now[p] != previous[p]),
        "unchanged": sorted(p for p in set(now) & set(previous) if now[p] == previous[p]),
        "removed": sorted(set(previous) - set(now)),
    }
