"""Document intake: scan a folder, detect each file's kind from its content, stream its pages.

A file's kind is never taken from its name. Compressed files (gzip, bzip2) are recognised by
their magic bytes and read as streams, so a whole MediaWiki dump is never held in memory: its
``<page>`` elements are yielded one at a time and cleared after use.

Every problem is a ``Rejection`` with a reason a person understands; nothing here raises for
bad input.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from etl.lib import imdb, prose

# Kinds recorded in dim_source.kind.
API_JSON = "mediawiki_api_json"
XML = "mediawiki_xml"
WIKITEXT = "wikitext"
EXTRACT = "wikipedia_extract"
IMDB_TITLE = "imdb_title"
IMDB_REVIEWS = "imdb_reviews"
UNKNOWN = "unknown"

WIKI_KINDS = (API_JSON, XML, WIKITEXT)

_HEAD_BYTES = 64 * 1024
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


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


def scan(root: Path) -> list[Path]:
    """Every regular file under ``root``, recursively, in a stable order. Hidden files and
    folders (``.git``, editor swap files) are skipped."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
    files = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.name in _SKIP_NAMES:
            continue
        if path.is_file():
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open(path: Path) -> tuple[IO[bytes], str | None]:
    """The file's content as a byte stream, decompressed when its magic bytes say so."""
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb"), "gzip"
    if magic == b"BZh":
        return bz2.open(path, "rb"), "bzip2"
    return open(path, "rb"), None


def detect_file(root: Path, path: Path) -> tuple[SourceFile, Rejection | None]:
    """Hash ``path`` and detect its kind from its first 64 KiB (decompressed when compressed).
    A file that cannot be read at all comes back with its rejection."""
    rel = Path(path).relative_to(root).as_posix()
    digest = sha256_of(path)
    size = Path(path).stat().st_size

    def rejected(reason: str, compression=None):
        return SourceFile(rel, digest, size, UNKNOWN, compression), Rejection(rel, digest, reason)

    if size == 0:
        return rejected("empty file (0 bytes)")
    try:
        stream, compression = _open(path)
        with stream:
            head = stream.read(_HEAD_BYTES)
    except (OSError, EOFError) as exc:
        return rejected(f"unreadable or corrupt compressed file: {exc}")
    if not head.strip():
        return rejected("empty file (only whitespace)", compression)
    text_head = _decode_head(head)
    if text_head is None:
        return rejected("binary content: not UTF-8 text, JSON or XML", compression)
    kind = detect_kind(text_head)
    src = SourceFile(rel, digest, size, kind, compression)
    if kind == UNKNOWN:
        return src, Rejection(rel, digest, _unknown_reason(text_head), kind)
    return src, None


def pages(root: Path, src: SourceFile) -> Iterator[Page | Rejection]:
    """The documents of a detected file, streamed: wiki pages of a JSON response or an XML
    export one at a time, or the whole text of a text file."""
    path = Path(root) / src.path
    if src.kind == API_JSON:
        yield from _json_pages(src, path)
    elif src.kind == XML:
        yield from _xml_pages(src, path)
    else:
        stream, _ = _open(path)
        with stream:
            raw = stream.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejection(src.path, src.sha256, f"not valid UTF-8 text: {exc}", src.kind)
            return
        yield Page(src, src.kind, text.lstrip("\ufeff"))


def _decode_head(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    for cut in range(4):  # the 64 KiB cut may split a multi-byte character
        try:
            return head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return None


def detect_kind(head: str) -> str:
    """The document kind from the first characters of its (decompressed) content."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if _JSON_START.match(stripped):
        return API_JSON
    if stripped.startswith("<") and re.search(r"<(mediawiki|page)[\s>]", stripped[:4096]):
        return XML
    if looks_like_wikitext(stripped):
        return WIKITEXT
    if imdb.is_imdb_reviews_page(stripped):
        return IMDB_REVIEWS
    if imdb.is_imdb_title_page(stripped):
        return IMDB_TITLE
    if prose.is_wikipedia_extract(stripped):
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


def _unknown_reason(head: str) -> str:
    first = head.strip().splitlines()[0][:80] if head.strip() else ""
    return f"unrecognised document kind (not MediaWiki JSON/XML, wikitext, a Wikipedia extract or an IMDb-style page); starts with {first!r}"


# --------------------------------------------------------------------------------------------
# MediaWiki API JSON
# --------------------------------------------------------------------------------------------


def _json_pages(src: SourceFile, path: Path) -> Iterator[Page | Rejection]:
    stream, _ = _open(path)
    try:
        with stream:
            data = json.load(io.TextIOWrapper(stream, encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Rejection(src.path, src.sha256, f"invalid or truncated JSON: {exc}", src.kind)
        return
    pages = data.get("query", {}).get("pages") if isinstance(data, dict) else None
    if isinstance(pages, dict):
        pages = list(pages.values())
    if not isinstance(pages, list) or not pages:
        yield Rejection(src.path, src.sha256,
                        "JSON is not a MediaWiki API response with pages (no query.pages)", src.kind)
        return
    for page in pages:
        title = page.get("title") if isinstance(page, dict) else None
        if not isinstance(page, dict) or "missing" in page or "invalid" in page:
            yield Rejection(src.path, src.sha256, f"page {title!r} is missing from the API response",
                            src.kind, title)
            continue
        text = _revision_text(page)
        if text is None:
            yield Rejection(src.path, src.sha256, f"page {title!r} has no revision content",
                            src.kind, title)
            continue
        rev = (page.get("revisions") or [{}])[0]
        yield Page(src, src.kind, text, title, page.get("pageid"), rev.get("revid"),
                   namespace=page.get("ns"))


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
    main = (rev.get("slots") or {}).get("main") or {}
    for key in ("content", "*"):
        if isinstance(main.get(key), str):
            return main[key]
    return None


# --------------------------------------------------------------------------------------------
# MediaWiki XML (a single <page>, or a <mediawiki> export / dump), streamed
# --------------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_pages(src: SourceFile, path: Path) -> Iterator[Page | Rejection]:
    stream, _ = _open(path)
    count = 0
    broken = False
    with stream:
        try:
            for _event, elem in ET.iterparse(stream, events=("end",)):
                if _local(elem.tag) != "page":
                    continue
                count += 1
                yield _xml_page(src, elem)
                elem.clear()
        except ET.ParseError as exc:
            broken = True
            where = f" after {count} page(s)" if count else ""
            yield Rejection(src.path, src.sha256, f"broken XML{where}: {exc}", src.kind)
        except (OSError, EOFError) as exc:
            broken = True
            yield Rejection(src.path, src.sha256, f"corrupt or truncated compressed XML after {count} page(s): {exc}", src.kind)
    if count == 0 and not broken:
        yield Rejection(src.path, src.sha256, "XML holds no <page> element", src.kind)


def _xml_page(src: SourceFile, elem: ET.Element) -> Page | Rejection:
    fields: dict[str, ET.Element] = {}
    for child in elem:
        fields[_local(child.tag)] = child
    title = fields["title"].text if "title" in fields else None
    revision = fields.get("revision")
    text_el = None
    rev_id = None
    if revision is not None:
        for child in revision:
            name = _local(child.tag)
            if name == "text":
                text_el = child
            elif name == "id" and child.text:
                rev_id = int(child.text)
    if text_el is None or text_el.text is None:
        return Rejection(src.path, src.sha256, f"page {title!r} has no revision text", src.kind, title)
    redirect = fields["redirect"].get("title") if "redirect" in fields else None
    page_id = int(fields["id"].text) if "id" in fields and fields["id"].text else None
    ns = int(fields["ns"].text) if "ns" in fields and fields["ns"].text else None
    return Page(src, src.kind, text_el.text, title, page_id, rev_id, redirect=redirect, namespace=ns)
