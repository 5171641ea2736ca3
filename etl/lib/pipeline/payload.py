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
from collections.abc import Callable
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
        self._decoders: dict[object, Callable[[object, object], object]] = {}
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
        # for an error.
        return self._decoder(tp)(value, where)

    def _decoder(self, tp) -> Callable[[object, object], object]:
        """The function that checks and decodes a value of type ``tp``, made once per type."""
        found = self._decoders.get(tp)
        if found is None:
            # A stand-in while it is made, for a type that holds itself.
            self._decoders[tp] = lambda value, where: self._decoders[tp](value, where)
            found = self._decoders[tp] = self._make_decoder(tp)
        return found

    def _make_decoder(self, tp) -> Callable[[object, object], object]:
        origin, args = typing.get_origin(tp), typing.get_args(tp)

        def wrong(where) -> typing.NoReturn:
            raise InvalidEntry(f"{_at(where)}: not a {getattr(tp, '__name__', tp)}")

        if origin in (typing.Union, types.UnionType):
            arms = [self._decoder(arm) for arm in args]
            optional = type(None) in args

            def union(value, where):
                if value is None and optional:
                    return None
                for arm in arms:
                    try:
                        return arm(value, where)
                    except InvalidEntry:
                        continue
                raise InvalidEntry(f"{_at(where)}: no type of {tp} fits")

            return union
        if tp is type(None):

            def none(value, where):
                return None if value is None else wrong(where)

            return none
        if tp in self.hints:
            hints = self.hints[tp]
            fields = {k: self._decoder(h) for k, h in hints.items()}
            names = set(hints)

            def record(value, where):
                if not isinstance(value, dict) or set(value) != names:
                    raise InvalidEntry(f"{_at(where)}: not the fields of {tp.__name__}")
                return tp(**{k: fields[k](v, (where, k)) for k, v in value.items()})

            return record
        if tp is str:
            intern = sys.intern

            def text(value, where):
                if isinstance(value, str):
                    # A build holds every document's facts while films are joined: the short
                    # strings that recur (roles, results, places, names) are kept once.
                    return intern(value) if len(value) <= 64 else value
                return wrong(where)

            return text
        if tp is bool:
            return lambda value, where: value if isinstance(value, bool) else wrong(where)
        if tp is int:
            return lambda value, where: (
                value if isinstance(value, int) and not isinstance(value, bool) else wrong(where)
            )
        if tp is float:
            return lambda value, where: (
                value if isinstance(value, (int, float)) and not isinstance(value, bool) else wrong(where)
            )
        if tp is dt.date:

            def date(value, where):
                if isinstance(value, str):
                    try:
                        return dt.date.fromisoformat(value)
                    except ValueError:
                        pass
                return wrong(where)

            return date
        if origin is list or tp is list:
            item = self._decoder(args[0] if args else typing.Any)

            def items(value, where):
                if isinstance(value, list):
                    return [item(v, (where, i)) for i, v in enumerate(value)]
                return wrong(where)

            return items
        if origin is tuple:
            repeated = len(args) == 2 and args[1] is Ellipsis
            each = self._decoder(args[0]) if repeated else None
            fixed = [] if repeated else [self._decoder(a) for a in args]

            def pieces(value, where):
                if isinstance(value, list):
                    arms = [each] * len(value) if each is not None else fixed
                    if len(arms) == len(value):
                        return tuple(a(v, (where, i)) for i, (a, v) in enumerate(zip(arms, value)))
                return wrong(where)

            return pieces
        if tp is collections.Counter or origin is collections.Counter:

            def counts(value, where):
                if isinstance(value, dict) and all(
                    isinstance(v, int) and not isinstance(v, bool) for v in value.values()
                ):
                    return collections.Counter(value)
                return wrong(where)

            return counts
        if tp is dict or origin is dict:
            entry = self._decoder(args[1] if args else typing.Any)

            def mapping(value, where):
                if isinstance(value, dict):
                    return {k: entry(v, (where, k)) for k, v in value.items()}
                return wrong(where)

            return mapping
        if tp is typing.Any:
            return lambda value, where: (
                value if value is None or isinstance(value, (str, int, float)) else wrong(where)
            )
        return lambda value, where: wrong(where)
