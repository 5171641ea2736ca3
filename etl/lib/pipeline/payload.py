"""Parse results as JSON and back, checked field by field against their dataclasses.

The shards (``etl.lib.pipeline.shards``) keep each document's facts as this JSON. It is data,
never code: reading it only ever builds ``ParsedDocument`` / ``Rejection`` and the dataclasses
they hold, with every value checked against the type annotations; anything else (another shape,
a wrong type, nesting too deep) is an ``InvalidEntry``. ``code_version`` fingerprints the
extractor code, so results of other code are never read back as this code's.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib
import json
import sys
import types
import typing
from functools import lru_cache
from pathlib import Path

from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import Rejection

FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the extractor code: every module of ``etl.lib``, in every layer."""
    h = hashlib.sha256()
    lib = Path(__file__).resolve().parent.parent
    for path in sorted(lib.rglob("*.py")):
        h.update(path.relative_to(lib).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _at(where) -> str:
    """A value's path (``item 3.facts.credits[2]``) from its nested (parent, key) pairs."""
    keys = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return where + "".join(reversed(keys))


class InvalidEntry(ValueError):
    """Stored results that do not hold what a parse returns."""


class Schema:
    """Parse results to JSON and back, checked against the dataclasses' type annotations."""

    ROOTS = {"document": ParsedDocument, "rejection": Rejection}

    def __init__(self):
        self.hints: dict[object, dict[str, object]] = {}
        self._shapes: dict[object, tuple] = {}
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
                raise InvalidEntry(f"cannot store a {type(item).__name__}")
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
        raise InvalidEntry(f"cannot store a value of type {type(value).__name__}")

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
            raise InvalidEntry("not parse results of this format")
        items = []
        for n, item in enumerate(data["items"]):
            if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in self.ROOTS:
                raise InvalidEntry(f"item {n} is neither a document nor a rejection")
            ((tag, value),) = item.items()
            items.append(self._decode(self.ROOTS[tag], value, f"item {n}"))
        return items

    def _decode(self, tp, value, where):
        # ``where`` is the value's path as nested (parent, key) pairs, formatted by ``_at`` only
        # for an error; a type's origin and arguments are looked up once per Schema.
        shape = self._shapes.get(tp)
        if shape is None:
            shape = self._shapes[tp] = (typing.get_origin(tp), typing.get_args(tp))
        origin, args = shape
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            for arm in args:
                try:
                    return self._decode(arm, value, where)
                except InvalidEntry:
                    continue
            raise InvalidEntry(f"{_at(where)}: no type of {tp} fits")
        if tp is type(None):
            if value is None:
                return None
        elif tp in self.hints:
            hints = self.hints[tp]
            if not isinstance(value, dict) or set(value) != set(hints):
                raise InvalidEntry(f"{_at(where)}: not the fields of {tp.__name__}")
            return tp(**{k: self._decode(hints[k], v, (where, k)) for k, v in value.items()})
        elif tp is str:
            if isinstance(value, str):
                # A build holds every document's facts while films are joined: the short strings
                # that recur (roles, results, places, names) are kept once, not once per fact.
                return sys.intern(value) if len(value) <= 64 else value
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
                return [self._decode(arg, v, (where, i)) for i, v in enumerate(value)]
        elif origin is tuple:
            if isinstance(value, list):
                arms = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
                if len(arms) == len(value):
                    return tuple(self._decode(a, v, (where, i)) for i, (a, v) in enumerate(zip(arms, value)))
        elif tp is collections.Counter or origin is collections.Counter:
            if isinstance(value, dict) and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value.values()
            ):
                return collections.Counter(value)
        elif tp is dict or origin is dict:
            if isinstance(value, dict):
                arg = args[1] if args else typing.Any
                return {k: self._decode(arg, v, (where, k)) for k, v in value.items()}
        elif tp is typing.Any:
            if value is None or isinstance(value, (str, int, float)):
                return value
        raise InvalidEntry(f"{_at(where)}: not a {getattr(tp, '__name__', tp)}")
