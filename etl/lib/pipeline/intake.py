"""Document intake: scan a folder, detect each file's kind from its content, stream its pages.

A file's kind is never taken from its name. Compressed files (gzip, bzip2) are recognised by
their magic bytes and read as streams, so a whole MediaWiki dump is never held in memory: its
``<page>`` elements are yielded one at a time, and a page's text is counted as it streams and
dropped once it passes ``Limits.max_page_bytes``. Text is decoded as its byte order mark says
(UTF-8, UTF-16, UTF-32), XML also as its declaration says.

Nothing outside the input folder is read: a symbolic link is followed only when its target
stays inside. Every problem is a ``Rejection`` with a reason a person understands that quotes
none of the file's content; nothing here raises for bad input.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import hashlib
import json
import os
import re
import typing
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from etl.lib.pipeline import dumps
from etl.lib.text import kinds

# Kinds recorded in dim_source.kind.
API_JSON = "mediawiki_api_json"
XML = "mediawiki_xml"
WIKITEXT = "wikitext"
EXTRACT = "wikipedia_extract"
IMDB_TITLE = "imdb_title"
IMDB_REVIEWS = "imdb_reviews"
UNKNOWN = "unknown"
MULTISTREAM_INDEX = "mediawiki_multistream_index"  # read with its dump (etl.lib.pipeline.dumps)

WIKI_KINDS = (API_JSON, XML, WIKITEXT)

_HEAD_BYTES = 64 * 1024
_CHUNK = 1 << 20
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_REPEATS = 1000  # rows of one rejection reason per file for titled pages (untitled: 1)


@dataclass(frozen=True)
class Limits:
    """How much of a file intake reads before it rejects it (a hostile or broken file is
    rejected within these bounds, never read whole into memory).

    ``max_page_bytes``: the UTF-8 size of one wiki page's text; MediaWiki refuses to save a
    larger article (its ``$wgMaxArticleSize`` is 2048 KiB). A larger page is rejected unread.
    ``max_document_bytes``: a file that is read whole (a JSON response, an IMDb-style page, an
    extract), after decompression. ``max_file_bytes``: the bytes streamed out of one file after
    decompression (an XML dump), so a gzip or bzip2 bomb is rejected."""

    max_page_bytes: int = 2048 * 1024
    max_document_bytes: int = 16 * 1024 * 1024
    max_file_bytes: int = 1024 * 1024 * 1024

    def key(self) -> str:
        """A short fingerprint: results read under other limits are other results."""
        raw = f"{self.max_page_bytes}:{self.max_document_bytes}:{self.max_file_bytes}"
        return hashlib.sha256(raw.encode()).hexdigest()[:8]


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class SourceFile:
    """One input file: its path relative to the input folder, content hash and kind."""

    path: str
    sha256: str
    size: int
    kind: str
    compression: str | None = None


@dataclass(frozen=True)
class Page:
    """One document inside a file: a wiki page (title + wikitext) or a whole text file."""

    source: SourceFile
    kind: str
    text: str
    title: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    redirect: str | None = None
    namespace: int | None = None


@dataclass(frozen=True)
class Rejection:
    path: str
    sha256: str
    reason: str
    kind: str = UNKNOWN
    page_title: str | None = None


class _Refused(Exception):
    """A bound of ``Limits`` was reached, or the bytes are not text: the reason is readable."""


def scan(root: Path) -> list[Path]:
    """Every regular file under ``root``, recursively, in a stable order. Hidden files and
    folders (``.git``, editor swap files) are skipped. Symbolic links are listed (and judged
    by ``detect_file``) unless they name a folder inside ``root``, which is scanned where it
    is; links are never descended into."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in dirnames:
            path = Path(dirpath) / name
            if path.is_symlink() and not _inside(root, path):
                files.append(path)
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or name in _SKIP_NAMES:
                continue
            if path.is_symlink() or path.is_file():
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path``, its links followed, stays inside ``root``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_sha256(root: Path, path: Path) -> str:
    """The content hash of an input file; for a link that leaves ``root``, is broken, or names
    no regular file, the hash of the link's own target text (the target is never read)."""
    if Path(path).is_symlink() and (not _inside(root, path) or not Path(path).is_file()):
        return hashlib.sha256(os.fsencode(os.readlink(path))).hexdigest()
    return sha256_of(path)


def _open(path: Path) -> tuple[IO[bytes], str | None]:
    """The file's content as a byte stream, decompressed when its magic bytes say so."""
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic[:2] == b"\x1f\x8b":
        return typing.cast(IO[bytes], gzip.open(path, "rb")), "gzip"
    if magic == b"BZh":
        return bz2.open(path, "rb"), "bzip2"
    return open(path, "rb"), None


def relative_name(root: Path, path: Path) -> str:
    """A file's path relative to the input folder as storable text: the bytes of a name that
    are not UTF-8 are shown as ``\\xNN``."""
    rel = Path(path).relative_to(root).as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def detect_file(root: Path, path: Path) -> tuple[SourceFile, Rejection | None]:
    """Hash ``path`` and detect its kind from its first 64 KiB (decompressed when compressed).
    A file that cannot be read at all comes back with its rejection."""
    root, path = Path(root), Path(path)
    rel = path.relative_to(root).as_posix()
    shown = relative_name(root, path)

    def rejected(reason: str, digest: str, size: int, compression=None):
        return SourceFile(shown, digest, size, UNKNOWN, compression), Rejection(shown, digest, reason)

    try:
        if path.is_symlink():
            link = hashlib.sha256(os.fsencode(os.readlink(path))).hexdigest()
            if not _inside(root, path):
                return rejected("symbolic link to a place outside the input folder: not followed", link, 0)
            if not path.exists():
                return rejected("broken symbolic link: its target does not exist", link, 0)
            if not path.is_file():
                return rejected("symbolic link to something that is not a regular file: not read", link, 0)
        digest = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return rejected(f"file could not be read: {_fault(exc)}", "", 0)
    if shown != rel:
        return rejected("file name is not valid UTF-8: not read", digest, size)
    if size == 0:
        return rejected("empty file (0 bytes)", digest, size)
    try:
        stream, compression = _open(path)
        with stream:
            head = stream.read(_HEAD_BYTES)
    except Exception as exc:
        return rejected(f"unreadable or corrupt compressed file: {_fault(exc)}", digest, size)
    if not head.strip():
        return rejected("empty file (only whitespace)", digest, size, compression)
    text_head = _decode_head(head)
    if text_head is None:
        return rejected("binary content: not UTF-8 or UTF-16 text, JSON or XML", digest, size, compression)
    kind = detect_kind(text_head)
    src = SourceFile(rel, digest, size, kind, compression)
    if kind == UNKNOWN:
        return src, Rejection(rel, digest, _UNKNOWN_REASON, kind)
    return src, None


def multistream_units(root: Path, src: SourceFile) -> list[dumps.Unit] | None:
    """The units of a multistream dump with its index beside it; None for any other file."""
    if src.kind != XML or src.compression != "bzip2":
        return None
    path = Path(root) / src.path
    try:
        return dumps.units_beside(path, src.size)
    except (OSError, EOFError, ValueError):
        return None  # read whole, and rejected with its fault when it cannot be


def pages(
    root: Path, src: SourceFile, limits: Limits = DEFAULT_LIMITS, unit: dumps.Unit | None = None
) -> Iterator[Page | Rejection]:
    """The documents of a detected file, streamed: wiki pages of a JSON response or an XML
    export one at a time, or the whole text of a text file; with ``unit``, the pages of that
    unit of a multistream dump. Nothing here raises: a file that breaks while it is read
    (truncated, deleted, too large) ends with its rejection, after the pages read before the
    fault."""
    path = Path(root) / src.path
    seen: Counter = Counter()  # page rejections by reason: a few rows each, then a count
    kept: Counter = Counter()
    if src.kind == MULTISTREAM_INDEX:  # not a document: the pages are read from its dump
        return
    units = [unit] if unit is not None else multistream_units(root, src)
    try:
        if src.kind in (API_JSON, XML):
            if units is not None:  # a multistream dump: unit by unit
                read = (p for u in units for p in unit_pages(root, src, u, limits))
            else:
                read = (_json_pages if src.kind == API_JSON else _xml_pages)(src, path, limits)
            for item in read:
                if isinstance(item, Rejection):
                    seen[item.reason] += 1
                    if kept[item.reason] >= (_REPEATS if item.page_title else 1):
                        continue
                    kept[item.reason] += 1
                yield item
        elif src.kind == WIKITEXT:
            yield Page(src, src.kind, _read_page(path, limits))
        else:
            yield Page(src, src.kind, _read_text(path, limits.max_document_bytes))
    except _Refused as exc:
        yield Rejection(src.path, src.sha256, str(exc), src.kind)
    except Exception as exc:
        yield Rejection(src.path, src.sha256, f"file could not be read: {_fault(exc)}", src.kind)
    for reason, n in seen.items():
        if n > kept[reason]:  # a file of millions of empty entries is a few rows, not millions
            yield Rejection(
                src.path,
                src.sha256,
                f"{n - kept[reason]:,} more pages rejected for the same reason: {reason}",
                src.kind,
            )


def _fault(exc: BaseException) -> str:
    """What went wrong, in words that quote nothing of the file's content."""
    if isinstance(exc, FileNotFoundError):
        return "the file disappeared after the folder was scanned"
    if isinstance(exc, EOFError):
        return "the compressed data is truncated (it ends before its end-of-stream marker)"
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid {exc.encoding} text"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{type(exc).__name__}: {exc.strerror}"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return f"{type(exc).__name__} while reading"


def _too_large_page(limits: Limits) -> str:
    return (
        f"page text is larger than {limits.max_page_bytes:,} bytes (the wiki article size "
        "limit, $wgMaxArticleSize): not read"
    )


def _utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _encoding(head: bytes) -> str:
    """The text encoding a byte order mark announces; UTF-8 without one."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


# Stands for bytes that are not text in the file's encoding (a noncharacter, which no real page
# holds), so a dump loses only the page they sit in.
_INVALID = "\U0010ffff"
_MARK_ERRORS = "etl-intake-mark-invalid"


def _mark_invalid(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _INVALID, exc.end


codecs.register_error(_MARK_ERRORS, _mark_invalid)


def _byte_chunks(path: Path, limit: int) -> Iterator[bytes]:
    """The (decompressed) bytes of a file in chunks, refused once more than ``limit`` came out."""
    stream, compression = _open(path)
    total = 0
    with stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                what = "decompressed content" if compression else "content"
                raise _Refused(f"file {what} is larger than {limit:,} bytes: not read further")
            yield chunk


_XML_DECLARATION = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


def _declared_encoding(head: bytes) -> str:
    """The encoding of XML bytes: the byte order mark's, else the XML declaration's (a
    ``<?xml ... encoding="ISO-8859-1"?>`` export), else UTF-8."""
    encoding = _encoding(head)
    m = _XML_DECLARATION.match(head.lstrip())
    if encoding == "utf-8" and m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            pass
    return encoding


def _text_chunks(path: Path, limit: int, errors: str = "strict", xml: bool = False) -> Iterator[str]:
    """The text of a file in chunks, decoded as its byte order mark (or for XML, its
    declaration) says; UTF-8 by default."""
    decoder = None
    for chunk in _byte_chunks(path, limit):
        if decoder is None:
            encoding = _declared_encoding(chunk) if xml else _encoding(chunk)
            decoder = codecs.getincrementaldecoder(encoding)(errors)
        if text := decoder.decode(chunk):
            yield text
    if decoder is not None and (text := decoder.decode(b"", final=True)):
        yield text


def _read_text(path: Path, limit: int) -> str:
    return "".join(_text_chunks(path, limit))


def _read_page(path: Path, limits: Limits) -> str:
    """A file that is one wiki page, refused as soon as its text passes ``max_page_bytes`` of
    UTF-8: never more than the limit and one chunk is held, whatever the file's size."""
    parts, size = [], 0
    try:  # a UTF-32 page takes at most 4 bytes per character of UTF-8
        for chunk in _text_chunks(path, 4 * limits.max_page_bytes):
            size += _utf8_size(chunk)
            if size > limits.max_page_bytes:
                raise _Refused(_too_large_page(limits))
            parts.append(chunk)
    except _Refused:
        raise _Refused(_too_large_page(limits)) from None
    return "".join(parts)


def _decode_head(head: bytes) -> str | None:
    """The first characters of a file, or None when they are not text. A few invalid bytes
    (a dump with one bad page) still make text; binary content is mostly not text, and the
    bytes after a UTF-16 byte order mark always decode but to unassigned or control
    characters."""
    encoding = _declared_encoding(head)
    # not final: the 64 KiB cut may split a multi-byte character
    text = codecs.getincrementaldecoder(encoding)(_MARK_ERRORS).decode(head, final=False)
    if "\x00" in text:
        return None
    if not encoding.startswith(("utf-16", "utf-32")):
        odd = text.count(_INVALID)
    else:
        odd = sum(
            1
            for c in text
            if unicodedata.category(c) in ("Cn", "Cs")
            or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
        )
    return None if odd > len(text) // 100 else text


def detect_kind(head: str) -> str:
    """The document kind from the first characters of its (decompressed) content."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if dumps.looks_like_index(stripped):
        return MULTISTREAM_INDEX
    if _JSON_START.match(stripped):
        return API_JSON
    if stripped.startswith("<") and re.search(r"<(mediawiki|page)[\s>]", stripped[:4096]):
        return XML
    if looks_like_wikitext(stripped):
        return WIKITEXT
    if kinds.is_imdb_reviews_page(stripped):
        return IMDB_REVIEWS
    if kinds.is_imdb_title_page(stripped):
        return IMDB_TITLE
    if kinds.is_wikipedia_extract(stripped):
        return EXTRACT
    return UNKNOWN


# A JSON object or array, not a wikitext template ("{{") or link ("[[").
_JSON_START = re.compile(r'\{\s*["}]|\[\s*[\[{"\]\d-]')

_WIKI_MARKERS = (
    re.compile(r"^\s*#\s*redirect\s*\[\[", re.I),
    re.compile(r"\{\{\s*(infobox|short description|use [dm]+y dates|about|other uses)", re.I),
    re.compile(r"^==+[^=\n]+==+\s*$", re.M),
    re.compile(r"'''[^'\n]+'''"),
)


def looks_like_wikitext(text: str) -> bool:
    """Raw wikitext: a redirect, a leading template, headings or bold-title markup, and links."""
    if _WIKI_MARKERS[0].match(text):
        return True
    hits = sum(1 for rx in _WIKI_MARKERS[1:] if rx.search(text))
    return hits >= 1 and "[[" in text


_UNKNOWN_REASON = (
    "unrecognised document kind (not MediaWiki JSON/XML, wikitext, a Wikipedia extract or an IMDb-style page)"
)


# --------------------------------------------------------------------------------------------
# MediaWiki API JSON
# --------------------------------------------------------------------------------------------


def _json_pages(src: SourceFile, path: Path, limits: Limits) -> Iterator[Page | Rejection]:
    text = _read_text(path, limits.max_document_bytes)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(src.path, src.sha256, f"invalid or truncated JSON: {exc}", src.kind)
        return
    except RecursionError:
        yield Rejection(src.path, src.sha256, "invalid JSON: nested too deeply to read", src.kind)
        return
    del text
    query = data.get("query") if isinstance(data, dict) else None
    pages = query.get("pages") if isinstance(query, dict) else None
    if isinstance(pages, dict):
        pages = list(pages.values())
    if not isinstance(pages, list) or not pages:
        yield Rejection(
            src.path, src.sha256, "JSON is not a MediaWiki API response with pages (no query.pages)", src.kind
        )
        return
    for page in pages:
        yield _json_page(src, page, limits)


def _json_page(src: SourceFile, page, limits: Limits) -> Page | Rejection:
    def rejected(reason: str, title: str | None = None) -> Rejection:
        return Rejection(src.path, src.sha256, reason, src.kind, title)

    if not isinstance(page, dict):
        return rejected("an entry of query.pages is not a page object")
    title = page.get("title") if isinstance(page.get("title"), str) else None
    if "missing" in page or "invalid" in page:
        return rejected("page is missing from the API response", title)
    text = _revision_text(page)
    if text is None:
        return rejected("page has no revision content", title)
    if _utf8_size(text) > limits.max_page_bytes:
        return rejected(_too_large_page(limits), title)
    rev = page["revisions"][0]
    numbers = {}
    for name, obj, key in (
        ("page id", page, "pageid"),
        ("revision id", rev, "revid"),
        ("namespace", page, "ns"),
    ):
        value = obj.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return rejected(f"{name} is not a number", title)
        numbers[key] = value
    return Page(src, src.kind, text, title, numbers["pageid"], numbers["revid"], namespace=numbers["ns"])


def _revision_text(page: dict) -> str | None:
    """Legacy ``revisions[0]["*"]`` and current ``revisions[0].slots.main.content``."""
    revisions = page.get("revisions")
    if not isinstance(revisions, list) or not revisions or not isinstance(revisions[0], dict):
        return None
    rev = revisions[0]
    if isinstance(rev.get("*"), str):
        return rev["*"]
    if isinstance(rev.get("content"), str):
        return rev["content"]
    slots = rev.get("slots")
    main = slots.get("main") if isinstance(slots, dict) else None
    if not isinstance(main, dict):
        return None
    for key in ("content", "*"):
        if isinstance(main.get(key), str):
            return main[key]
    return None


# --------------------------------------------------------------------------------------------
# MediaWiki XML (a single <page>, or a <mediawiki> export / dump), streamed
# --------------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_NUMBER = re.compile(r"\s*-?\d{1,18}\s*")
_FIELD_CHARS = 4096  # a title, id or namespace longer than this is not one


class _PageReader:
    """An ElementTree parser target that keeps only what a page needs: no tree is built, and a
    page's text is counted as it arrives and dropped once it is larger than the limit, so a
    huge ``<text>`` never sits in memory. Finished pages wait in ``done``."""

    def __init__(self, src: SourceFile, limits: Limits):
        self.src, self.limits = src, limits
        self.stack: list[str] = []
        # What the character data arriving now belongs to, set as elements open and close
        # (``_aim``): None outside a page, else "text" (the revision's text), "field" (a title,
        # id or namespace) or "other". Expat hands a page's text over line by line: each piece
        # is routed by this one value, not by reading the stack again.
        self.aim: str | None = None
        self.done: list[Page | Rejection] = []
        self.count = 0
        self._new_page()

    def _new_page(self) -> None:
        self.fields: dict[str, str | None] = {}
        self.text: list[str] | None = None
        self.text_bytes = 0
        self.too_large = self.invalid = self.field_too_long = False
        self.chars: list[str] = []

    def start(self, tag: str, attrib: dict) -> None:
        name = _local(tag)
        parent = self.stack[-1] if self.stack else None
        self.stack.append(name)
        self.chars = []
        if name == "page":
            self._new_page()
        elif name == "redirect" and parent == "page":
            self.fields["redirect"] = attrib.get("title")
            self.invalid |= _INVALID in (attrib.get("title") or "")
        elif name == "text" and parent == "revision":  # the last revision of a history wins
            self.text, self.text_bytes, self.too_large = [], 0, False
        self._aim()

    def _aim(self) -> None:
        stack = self.stack
        if "page" not in stack:
            self.aim = None
        elif stack[-1] == "text" and stack[-2:-1] == ["revision"]:
            self.aim = "text"
        elif stack[-1] in ("title", "id", "ns"):
            self.aim = "field"
        else:
            self.aim = "other"

    def data(self, data: str) -> None:
        aim = self.aim
        if aim is None:
            return
        if _INVALID in data:
            self.invalid = True
        if aim == "text":
            if self.too_large or self.text is None:
                return
            self.text_bytes += _utf8_size(data)
            if self.text_bytes > self.limits.max_page_bytes:
                self.too_large, self.text = True, None
            else:
                self.text.append(data)
        elif aim == "field":
            if sum(map(len, self.chars)) + len(data) > _FIELD_CHARS:
                self.field_too_long = True
            else:
                self.chars.append(data)

    def end(self, tag: str) -> None:
        name = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent == "page" and name in ("title", "id", "ns"):
            self.fields[name] = "".join(self.chars)
        elif parent == "revision" and name == "id":
            self.fields["revid"] = "".join(self.chars)
        elif name == "page":
            self.count += 1
            self.done.append(self._page())
        self.chars = []
        self._aim()

    def close(self) -> None:
        pass

    def drain(self) -> list[Page | Rejection]:
        done, self.done = self.done, []
        return done

    def _page(self) -> Page | Rejection:
        src, fields = self.src, self.fields
        title = None if self.invalid else fields.get("title")

        def rejected(reason: str) -> Rejection:
            return Rejection(src.path, src.sha256, reason, src.kind, title)

        if self.invalid:
            return rejected("page holds bytes that are not valid text in the file's encoding")
        if self.field_too_long:
            return rejected(f"page title, id or namespace is longer than {_FIELD_CHARS} characters")
        if self.too_large:
            return rejected(_too_large_page(self.limits))
        if self.text is None:
            return rejected("page has no revision text")
        numbers = {}
        for key, name in (("id", "page id"), ("revid", "revision id"), ("ns", "namespace")):
            value = fields.get(key)
            if value is None or not value.strip():
                numbers[key] = None
            elif _NUMBER.fullmatch(value):
                numbers[key] = int(value)
            else:
                return rejected(f"{name} is not a number")
        text = "".join(self.text)
        return Page(
            src,
            src.kind,
            text,
            title,
            numbers["id"],
            numbers["revid"],
            redirect=fields.get("redirect"),
            namespace=numbers["ns"],
        )


def unit_pages(root: Path, src: SourceFile, unit: dumps.Unit, limits: Limits = DEFAULT_LIMITS):
    """The pages of one unit (a byte range of bzip2 streams, ``dumps.units``) of a multistream
    dump, read as ``pages`` reads a whole XML file."""

    def chunks():
        yield dumps.unit_xml(Path(root) / src.path, unit).decode("utf-8", _MARK_ERRORS)

    return _xml_pages(src, Path(root) / src.path, limits, chunks())


def _xml_pages(
    src: SourceFile, path: Path, limits: Limits, chunks: Iterator[str] | None = None
) -> Iterator[Page | Rejection]:
    reader = _PageReader(src, limits)
    parser = ET.XMLParser(target=reader)
    if chunks is None:
        chunks = _text_chunks(path, limits.max_file_bytes, errors=_MARK_ERRORS, xml=True)
    try:
        for chunk in chunks:
            parser.feed(chunk)
            yield from reader.drain()
        parser.close()
    except ET.ParseError as exc:
        yield from reader.drain()
        where = f" after {reader.count} page(s)" if reader.count else ""
        yield Rejection(src.path, src.sha256, f"broken XML{where}: {exc}", src.kind)
        return
    except Exception as exc:
        yield from reader.drain()
        reason = str(exc) if isinstance(exc, _Refused) else _fault(exc)
        yield Rejection(
            src.path, src.sha256, f"XML read after {reader.count} page(s) stopped: {reason}", src.kind
        )
        return
    yield from reader.drain()
    if reader.count == 0:
        yield Rejection(src.path, src.sha256, "XML holds no <page> element", src.kind)
