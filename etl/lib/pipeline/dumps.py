"""Wikipedia's multistream dumps as byte-range units that decompress on their own.

``…-pages-articles-multistream.xml.bz2`` is many bzip2 streams end to end: the first holds the
``<siteinfo>`` header, each next one about 100 ``<page>`` elements, the last ``</mediawiki>``.
Its index (``…-multistream-index.txt.bz2``, lines ``offset:page_id:title``) gives the byte
offset of the stream holding each page. A unit is one ``(start, end)`` byte range of the dump:
its bytes decompress alone, so units can be read in any order, by any process or machine.

Everything is told from content, never from names: ``looks_like_index`` recognises an index
by its lines, and ``index_beside`` finds the index of a dump in the same folder by checking
that its offsets point at bzip2 streams of that dump. The index is not a document: intake
records it in ``dim_source`` with its own kind, reads no page from it, and never rejects it.

Plain functions of paths and integers (no state), so a scheduler can hand units to workers:
``units(index, dump_size)`` lists them (``units_beside(dump, dump_size)`` finds the index too),
``unit_xml(dump, unit)`` is one unit as a small XML document (``intake.unit_pages`` yields its
pages).
"""

from __future__ import annotations

import bz2
import re
from collections.abc import Iterator
from pathlib import Path

Unit = tuple[int, int]  # [start, end) byte offsets of whole bzip2 streams in the dump

_LINE = re.compile(r"(\d{1,15}):(\d{1,15}):[^\n]*")
_BZ2_MAGIC = b"BZh"
_HEAD_LINES = 50
_CLOSE = b"</mediawiki>"


def looks_like_index(head: str) -> bool:
    """Whether decompressed text is a multistream index: its first lines (the last one may be
    cut by the head's end) are all ``offset:page_id:title``."""
    lines = head.lstrip("\ufeff").split("\n")[:_HEAD_LINES]
    if len(lines) > 1 and len(head) >= 1024:
        lines = lines[:-1]  # cut by the head's end
    lines = [line.rstrip("\r") for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return bool(lines) and all(_LINE.fullmatch(line) for line in lines)


def _open_text(path: Path):
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic == _BZ2_MAGIC:
        return bz2.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


_OFFSET = re.compile(rb"^(\d{1,15}):\d{1,15}:", re.M)
_CHUNK = 1 << 20


def offsets(index: Path) -> Iterator[int]:
    """The stream offsets of an index, streamed, each once, in the order they appear. Read a
    chunk at a time and matched line by line in C (a whole dump's index is ~24 million lines)."""
    last = None
    with _open_binary(index) as f:
        rest = b""
        while True:
            chunk = f.read(_CHUNK)
            data = rest + chunk
            cut = len(data) if not chunk else data.rfind(b"\n") + 1  # whole lines only
            for m in _OFFSET.finditer(data, 0, cut):
                offset = int(m.group(1))
                if offset != last:
                    yield offset
                    last = offset
            if not chunk:
                return
            rest = data[cut:]


def _open_binary(path: Path):
    with open(path, "rb") as f:
        magic = f.read(3)
    return bz2.open(path, "rb") if magic == _BZ2_MAGIC else open(path, "rb")


def units(index: Path, dump_size: int) -> list[Unit]:
    """The units of a dump of ``dump_size`` bytes, in file order: one per stream that holds
    pages; the last one runs to the end of the dump (its closing stream included)."""
    return _units(list(offsets(index)), dump_size)


def _units(found: list[int], dump_size: int) -> list[Unit]:
    starts = sorted({o for o in found if 0 <= o < dump_size})
    return [(s, e) for s, e in zip(starts, [*starts[1:], dump_size])]


def _stream_at(dump: Path, offset: int) -> bool:
    with open(dump, "rb") as f:
        f.seek(offset)
        return f.read(3) == _BZ2_MAGIC


def _offsets_of(index: Path, dump: Path) -> list[int] | None:
    """The offsets of ``index`` when its first and last point at bzip2 streams inside ``dump``."""
    size = dump.stat().st_size
    found = list(offsets(index))
    if not found or not (0 < found[0] <= found[-1] < size):
        return None
    return found if _stream_at(dump, found[0]) and _stream_at(dump, found[-1]) else None


def _head(path: Path, chars: int = 4096) -> str:
    try:
        with _open_text(path) as f:
            return f.read(chars)
    except (OSError, EOFError, ValueError):
        return ""


def index_beside(dump: Path) -> Path | None:
    """The multistream index of ``dump`` among the files of its folder, if there is one."""
    found = _index_and_offsets(dump)
    return found[0] if found is not None else None


def units_beside(dump: Path, dump_size: int) -> list[Unit] | None:
    """The units of ``dump`` (``dump_size`` bytes) from the multistream index beside it (None
    without one), reading the index once."""
    found = _index_and_offsets(dump)
    return _units(found[1], dump_size) if found is not None else None


def _index_and_offsets(dump: Path) -> tuple[Path, list[int]] | None:
    for path in sorted(Path(dump).parent.iterdir()):
        if path != dump and path.is_file() and looks_like_index(_head(path)):
            found = _offsets_of(path, dump)
            if found is not None:
                return path, found
    return None


def unit_xml(dump: Path, unit: Unit) -> bytes:
    """One unit's pages as a complete XML document (``<mediawiki>`` around its ``<page>``s)."""
    start, end = unit
    with open(dump, "rb") as f:
        f.seek(start)
        data = bz2.decompress(f.read(end - start))  # a stream, or the last ones, end to end
    data = data.rstrip()
    if data.endswith(_CLOSE):  # the closing stream of the dump
        data = data[: -len(_CLOSE)]
    return b"<mediawiki>" + data + _CLOSE
