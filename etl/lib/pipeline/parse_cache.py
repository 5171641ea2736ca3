"""Parsed documents kept between builds, keyed by file content and by the parser code.

A file whose bytes are unchanged is not parsed again: its parse results are read back from the
cache. The key includes a fingerprint of the extractor code (every module under ``etl/lib/``) and of the intake
limits, so a change of the parsers invalidates every entry and a build always equals a
from-scratch build. The cache also remembers the last build's files (path -> sha256) to report
what changed.

The cache holds data, never code: each entry is JSON of the parse results' dataclasses, and it
is checked field by field against their type annotations when read. Nothing in the cache
folder is ever executed or turned into objects other than these dataclasses, whoever wrote it.
An entry that is not valid (corrupt, of another shape, a folder where a file should be) is
discarded with a warning and the file is parsed again; a broken cache never fails a build.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import types
import typing
from functools import lru_cache
from pathlib import Path

from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import DEFAULT_LIMITS, Limits, Rejection, SourceFile

MANIFEST = "manifest.json"
FORMAT = 1
_ENTRY_SUFFIX = ".json"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the extractor code: every module of ``etl.lib``, in every layer."""
    h = hashlib.sha256()
    lib = Path(__file__).resolve().parent.parent
    for path in sorted(lib.rglob("*.py")):
        h.update(path.relative_to(lib).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class InvalidEntry(ValueError):
    """A cache entry that does not hold what a parse of the file returns."""


class Schema:
    """Parse results to JSON and back, checked against the dataclasses' type annotations."""

    ROOTS = {"document": ParsedDocument, "rejection": Rejection}

    def __init__(self):
        self.hints: dict[object, dict[str, object]] = {}
        for cls in self.ROOTS.values():
            self._learn(cls)

    def _learn(self, tp) -> None:
        if dataclasses.is_dataclass(tp) and tp not in self.hints:
            self.hints[tp] = typing.get_type_hints(tp)
            for hint in self.hints[tp].values():
                self._learn(hint)
        for arg in typing.get_args(tp):
            self._learn(arg)

    def dump(self, items: list) -> str:
        out = []
        for item in items:
            tag = next((t for t, cls in self.ROOTS.items() if type(item) is cls), None)
            if tag is None:
                raise InvalidEntry(f"cannot cache a {type(item).__name__}")
            out.append({tag: self._encode(item)})
        return json.dumps({"format": FORMAT, "items": out})

    def _encode(self, value):
        if dataclasses.is_dataclass(value):
            return {f.name: self._encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, (list, tuple)):
            return [self._encode(v) for v in value]
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                raise InvalidEntry("a mapping with keys that are not text")
            return {k: self._encode(v) for k, v in value.items()}
        if isinstance(value, dt.date):
            return value.isoformat()
        if value is None or isinstance(value, (str, int, float)):
            return value
        raise InvalidEntry(f"cannot cache a value of type {type(value).__name__}")

    def load(self, text: str) -> list:
        try:
            data = json.loads(text)
        except RecursionError:
            raise InvalidEntry("nested too deeply") from None
        except ValueError as exc:
            raise InvalidEntry(f"not JSON ({exc})") from None
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("items"), list)
        ):
            raise InvalidEntry("not a parse cache entry of this format")
        items = []
        for n, item in enumerate(data["items"]):
            if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in self.ROOTS:
                raise InvalidEntry(f"item {n} is neither a document nor a rejection")
            ((tag, value),) = item.items()
            items.append(self._decode(self.ROOTS[tag], value, f"item {n}"))
        return items

    def _decode(self, tp, value, where: str):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            for arm in args:
                try:
                    return self._decode(arm, value, where)
                except InvalidEntry:
                    continue
            raise InvalidEntry(f"{where}: no type of {tp} fits")
        if tp is type(None):
            if value is None:
                return None
        elif tp in self.hints:
            hints = self.hints[tp]
            if not isinstance(value, dict) or set(value) != set(hints):
                raise InvalidEntry(f"{where}: not the fields of {tp.__name__}")
            return tp(**{k: self._decode(hints[k], v, f"{where}.{k}") for k, v in value.items()})
        elif tp is str:
            if isinstance(value, str):
                return value
        elif tp is bool:
            if isinstance(value, bool):
                return value
        elif tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        elif tp is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
        elif tp is dt.date:
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass
        elif origin is list or tp is list:
            if isinstance(value, list):
                arg = args[0] if args else typing.Any
                return [self._decode(arg, v, f"{where}[{i}]") for i, v in enumerate(value)]
        elif origin is tuple:
            if isinstance(value, list):
                arms = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
                if len(arms) == len(value):
                    return tuple(
                        self._decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(arms, value))
                    )
        elif tp is collections.Counter or origin is collections.Counter:
            if isinstance(value, dict) and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value.values()
            ):
                return collections.Counter(value)
        elif tp is dict or origin is dict:
            if isinstance(value, dict):
                arg = args[1] if args else typing.Any
                return {k: self._decode(arg, v, f"{where}.{k}") for k, v in value.items()}
        elif tp is typing.Any:
            if value is None or isinstance(value, (str, int, float)):
                return value
        raise InvalidEntry(f"{where}: not a {getattr(tp, '__name__', tp)}")


class ParseCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.entries = self.folder / code_version()
        self.schema = Schema()
        self.warnings: list[str] = []  # what was wrong with the cache and was repaired

    def _warn(self, message: str) -> None:
        self.warnings.append(message)

    def _make_folder(self, path: Path) -> None:
        if os.path.lexists(path) and (path.is_symlink() or not path.is_dir()):
            self._warn(f"parse cache {path.name} was not a folder: replaced")
            _remove(path)
        path.mkdir(parents=True, exist_ok=True)

    def _entry(self, src: SourceFile, limits: Limits) -> Path:
        return self.entries / f"{src.sha256}-{limits.key()}{_ENTRY_SUFFIX}"

    def get(self, src: SourceFile, limits: Limits = DEFAULT_LIMITS) -> list | None:
        """The cached results of a file's content, or None (never cached, or discarded)."""
        path = self._entry(src, limits)
        if not os.path.lexists(path):
            return None
        try:
            if path.is_symlink() or not path.is_file():
                raise InvalidEntry("not a regular file")
            items = self.schema.load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, InvalidEntry) as exc:
            self._warn(f"parse cache entry {path.name} discarded ({_describe(exc)}); {src.path} parsed again")
            _remove(path)
            return None
        return [_restamp(item, src) for item in items]

    def put(self, src: SourceFile, items: list, limits: Limits = DEFAULT_LIMITS) -> None:
        path = self._entry(src, limits)
        try:
            text = self.schema.dump(items)
        except (InvalidEntry, ValueError) as exc:
            self._warn(f"results of {src.path} not cached ({_describe(exc)})")
            return
        tmp = self.entries / f".{path.name}.{os.getpid()}.tmp"
        try:
            self._make_folder(self.folder)
            self._make_folder(self.entries)
            tmp.write_text(text, encoding="utf-8")
            if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
                _remove(path)
            os.replace(tmp, path)
        except OSError as exc:
            self._warn(f"results of {src.path} not cached ({_describe(exc)})")
            _remove(tmp)

    def previous_files(self) -> dict[str, str]:
        path = self.folder / MANIFEST
        if not os.path.lexists(path):
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in data.items()
            ):
                raise InvalidEntry("not a mapping of paths to content hashes")
        except (OSError, ValueError, RecursionError) as exc:
            self._warn(f"parse cache {MANIFEST} discarded ({_describe(exc)}); every file counts as new")
            return {}
        return data

    def finish(self, sources: list[SourceFile]) -> None:
        """Record this build's files and drop entries of other code versions or of content no
        file has any more."""
        manifest = {s.path: s.sha256 for s in sources}
        path = self.folder / MANIFEST
        tmp = self.folder / f".{MANIFEST}.{os.getpid()}.tmp"
        try:
            self._make_folder(self.folder)
            tmp.write_text(json.dumps(manifest, sort_keys=True, indent=0), encoding="utf-8")
            if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
                _remove(path)
            os.replace(tmp, path)
            for child in self.folder.iterdir():
                if child.is_dir() and not child.is_symlink() and child != self.entries:
                    shutil.rmtree(child, ignore_errors=True)
            keep = {s.sha256 for s in sources}
            if self.entries.is_dir():
                for entry in self.entries.iterdir():
                    if not (entry.name.endswith(_ENTRY_SUFFIX) and entry.name.split("-")[0] in keep):
                        _remove(entry)
        except OSError as exc:
            self._warn(f"parse cache not tidied ({_describe(exc)})")
            _remove(tmp)


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc.strerror or exc}"
    return str(exc) or type(exc).__name__


def _remove(path: Path) -> None:
    """Delete a file, link or folder, whichever it is; a failure leaves it (and is harmless)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


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
