"""The state of an input folder as content hashes, for the folder sensor.

Hashing every file on every tick would be slow for a dump, so a file is hashed again only when
its size or modification time changed since the last look (the previous state is the cursor).
The state's fingerprint hashes paths and contents only. The cursor also keeps a sequence,
incremented at every change, so the run key (fingerprint + sequence) is new for every change:
going back to an earlier state (A -> A+B -> A) is a change too, and runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from etl.lib.pipeline import intake


@dataclass(frozen=True)
class FolderState:
    files: dict[str, tuple[int, int, str]]  # relative path -> (size, mtime_ns, sha256)
    sequence: int = 0  # how many changes have been seen (the cursor keeps it)

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for path, (_size, _mtime, sha) in sorted(self.files.items()):
            h.update(f"{path}\x1f{sha}\n".encode())
        return h.hexdigest()[:16]

    def run_key(self) -> str:
        """Unique per change: the same content seen again after a change gets a new key."""
        return f"{self.fingerprint()}-{self.sequence}"

    def to_json(self) -> str:
        return json.dumps({"sequence": self.sequence, "files": self.files}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> FolderState:
        if not text:
            return cls({})
        data = json.loads(text)
        if "files" not in data or "sequence" not in data:  # a cursor written before sequences
            return cls({k: tuple(v) for k, v in data.items()})
        return cls({k: tuple(v) for k, v in data["files"].items()}, int(data["sequence"]))

    def changes(self, previous: FolderState) -> dict[str, list[str]]:
        before, now = previous.files, self.files
        return {
            "added": sorted(set(now) - set(before)),
            "changed": sorted(p for p in set(now) & set(before) if now[p][2] != before[p][2]),
            "removed": sorted(set(before) - set(now)),
        }


def read_state(root: Path, previous: FolderState | None = None) -> FolderState:
    """The folder as it is now, with the sequence of ``previous`` (``next_state`` advances it)."""
    previous = previous or FolderState({})
    files = {}
    for path in intake.scan(root):
        rel = intake.relative_name(root, path)
        try:  # a link is judged by intake: its target is hashed only when inside the folder
            stat = path.stat() if path.exists() else path.lstat()
            old = previous.files.get(rel)
            if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
                files[rel] = old
            else:
                files[rel] = (stat.st_size, stat.st_mtime_ns, intake.file_sha256(root, path))
        except OSError:  # gone since the scan: the next look sees the folder without it
            continue
    return FolderState(files, previous.sequence)


def next_state(state: FolderState) -> FolderState:
    """``state`` counted as one more change."""
    return FolderState(state.files, state.sequence + 1)
