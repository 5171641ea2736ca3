"""The state of an input folder as content hashes, for the folder sensor.

Hashing every file on every tick would be slow for a dump, so a file is hashed again only when
its size or modification time changed since the last look (the previous state is the cursor).
The state's fingerprint hashes paths and contents only: the same content gives the same run
key, whatever the clocks say.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from etl.lib import intake


@dataclass(frozen=True)
class FolderState:
    files: dict[str, tuple[int, int, str]]  # relative path -> (size, mtime_ns, sha256)

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for path, (_size, _mtime, sha) in sorted(self.files.items()):
            h.update(f"{path}\x1f{sha}\n".encode())
        return h.hexdigest()[:16]

    def to_json(self) -> str:
        return json.dumps(self.files, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "FolderState":
        if not text:
            return cls({})
        return cls({k: tuple(v) for k, v in json.loads(text).items()})

    def changes(self, previous: "FolderState") -> dict[str, list[str]]:
        before, now = previous.files, self.files
        return {
            "added": sorted(set(now) - set(before)),
            "changed": sorted(p for p in set(now) & set(before) if now[p][2] != before[p][2]),
            "removed": sorted(set(before) - set(now)),
        }


def read_state(root: Path, previous: FolderState | None = None) -> FolderState:
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
    return FolderState(files)
