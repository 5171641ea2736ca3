"""Parse results kept between builds as Parquet shards: one shard per input file, one row per page.

The store is a folder (beside the warehouse, ``<warehouse>.parse-cache/``, or at an fsspec URL:
``s3://…``, ``gs://…``, ``memory://…``, ``file://…``, a ``UPath``)::

    manifest.json                       the last build's files (path -> sha256): what changed
    <code>-<limits>/<key>.parquet       the shard of a part's content: every result, in order

A part (``Part``) is a whole file, keyed by its sha256, or one unit of a multistream dump
(``etl.lib.pipeline.dumps``), keyed by a hash of the unit's compressed bytes: an unchanged unit
of a changed dump keeps its shard and is not even decompressed.

A shard's folder is named by the extractor-code fingerprint and the intake limits, so a change of
either starts from nothing and a build always equals a from-scratch build. A file whose content
has a shard is not read again. A file with new content is streamed, and each of its pages is keyed
by a hash of everything the parser reads of it (``page_key``): a page whose key is in the previous
shard of the same path is copied from it, not parsed, so a changed dump re-parses only its changed
pages.

A local folder is a ``pathlib.Path`` and is written as it always was: a shard or the manifest
goes to a temporary file beside its place and is moved in with one atomic rename. A store at a
URL goes through its fsspec filesystem (``UPath.fs``): a file is written to a local temporary file
first and uploaded whole (``put_file``, which an object store makes whole or absent; a
``file://`` store uploads beside the place and renames), and a shard is read through a file
object of the filesystem, so Parquet is read by pyarrow on any store and DuckDB never reads a
shard. A shard's identity (``ShardStore.identity``: what the kept frames are checked against) is
its size, inode and modification time on a local disk, and what ``fs.info`` says of it (size,
ETag, modification time, ...) elsewhere.

Shards hold data, never code: fixed columns checked against ``COLUMNS`` when read, a document's
facts as the validated JSON of ``payload.Schema``, and beside it the few fields films are joined
by (title, release year, page and revision id, supplementary), written where the page was parsed,
so the clean stage reads them without reading any payload. A shard that is not valid (corrupt, of another
shape, a folder where a file should be) is discarded with a warning and its file parsed again; a
broken store never fails a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem
from upath import UPath

from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.dumps import Unit
from etl.lib.pipeline.intake import Limits, Page, Rejection, SourceFile
from etl.lib.pipeline.payload import InvalidEntry, Schema, code_version

MANIFEST = "manifest.json"
FORMAT = "2"  # 2: the head columns beside the payload
SUFFIX = ".parquet"
DOCUMENT, REJECTION = "document", "rejection"
_ROWS_PER_GROUP = 1000
_FORMAT_KEY = b"etl_shard_format"
# What ``fs.info`` says of a file of a store at a URL that changes when it is written again: the
# keys of the filesystems in use (local, memory, S3, GCS, Azure), whichever a filesystem gives.
_INFO_IDENTITY = ("size", "ino", "mtime", "created", "ETag", "LastModified", "generation", "md5Hash", "etag")
StorePath = Path | UPath  # a local folder or file of the store, or one at an fsspec URL

COLUMNS = pa.schema(
    [
        ("page_key", pa.string()),  # null for a rejection of intake (a whole file, a count of pages)
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("ordinal", pa.int64()),
        ("kind", pa.string()),
        ("title", pa.string()),
        ("status", pa.string()),  # DOCUMENT or REJECTION
        ("reason", pa.string()),  # a rejection's reason
        ("payload", pa.string()),  # a document as payload.Schema JSON
        # A document's fields films are joined by (null for a rejection), as its payload holds them.
        ("film_title", pa.string()),
        ("release_year", pa.int64()),
        ("page_id", pa.int64()),
        ("revision_id", pa.int64()),
        ("supplementary", pa.bool_()),
    ]
)
_ROW = tuple(COLUMNS.names[4:])  # what a page's row says, wherever the page sits: kind ... supplementary
# Rejections read in bulk (``ShardStore.read_bulk``): the columns of a rejected_document row.
REJECTED = {c: pl.String for c in ("path", "sha256", "reason", "kind", "page_title")}
Row = tuple  # (kind, title, status, reason, payload, film_title, release_year, page_id, revision_id, supplementary)
_NO_HEAD = (None, None, None, None, None)
HEADS = {
    "page_key": pl.String,
    "ordinal": pl.Int64,
    **{c: pl.String for c in ("kind", "title", "status", "reason", "film_title")},
    **{c: pl.Int64 for c in ("release_year", "page_id", "revision_id")},
    "supplementary": pl.Boolean,
}


def rejected_rows(src: SourceFile, rows: pl.DataFrame) -> pl.DataFrame:
    """The rejections of a part's rows (a shard's, or its heads) as ``REJECTED`` rows of the file."""
    return rejections_of(rows, pl.lit(src.path, pl.String), pl.lit(src.sha256, pl.String))


def rejections_of(rows: pl.DataFrame, path: pl.Expr, sha256: pl.Expr) -> pl.DataFrame:
    """The rejections of ``rows`` as ``REJECTED`` rows, their file's ``path`` and ``sha256`` read
    by the given expressions (constants for one part, or looked up per row for many)."""
    return rows.filter(pl.col("status") == REJECTION).select(
        path.alias("path"),
        sha256.alias("sha256"),
        "reason",
        "kind",
        pl.col("title").alias("page_title"),
    )


@dataclass(frozen=True)
class Part:
    """The work of one shard: a whole file (``unit`` None), or unit ``ordinal`` of a multistream
    dump. ``key`` names its content: the file's sha256, or the hash of the unit's bytes."""

    src: SourceFile
    key: str
    unit: Unit | None = None
    ordinal: int = 0


def whole(src: SourceFile) -> Part:
    return Part(src, src.sha256)


def unit_key(data: bytes) -> str:
    """The key of a multistream unit: a hash of its compressed bytes (which it decompresses from)."""
    return hashlib.sha256(b"multistream unit\x00" + data).hexdigest()


class InvalidShard(ValueError):
    """A shard that does not hold what a parse of its file returns."""


def page_key(page: Page) -> str:
    """A page's identity for the store: a hash of everything ``parse_page`` reads of it. The text
    is hashed even when the page has a revision id: a local edit need not change it."""
    h = hashlib.sha256()
    fields = [page.kind, page.title, page.page_id, page.revision_id, page.redirect, page.namespace]
    h.update(json.dumps(fields).encode())
    h.update(b"\x00")
    h.update(page.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


class RowMaker:
    """What a shard keeps of one parse result: its ``Row``. A result that cannot be stored
    becomes the rejection that says so. Picklable (its schema is built where it is first
    used), so a parse worker turns its own results into rows and sends only those."""

    def __init__(self) -> None:
        self._schema: Schema | None = None

    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self._schema = None

    def __call__(self, result: ParsedDocument | Rejection) -> Row:
        if isinstance(result, Rejection):
            return (result.kind, result.page_title, REJECTION, result.reason, None, *_NO_HEAD)
        if self._schema is None:
            self._schema = Schema()
        try:
            payload = self._schema.dump([result])
            head = (
                result.facts.title,
                result.facts.release_year,
                result.page_id,
                result.revision_id,
                result.supplementary,
            )
            return (result.kind, result.page_title, DOCUMENT, None, payload, *head)
        except InvalidEntry as exc:
            src = result.source
            reason = f"parse results could not be stored: {exc}"
            return self(Rejection(src.path, src.sha256, reason, result.kind))


class ShardWriter:
    """Rows of one file's shard, written in row groups to a temporary file and moved into place
    by ``close``: a shard is whole or absent."""

    def __init__(self, store: ShardStore, part: Part):
        self.store, self.src, self.key = store, part.src, part.key
        self.path = store.shard(part)
        self.rows: list[tuple] = []
        self.count = 0
        store.make_entries()
        self.tmp = _staging(self.path)
        schema = COLUMNS.with_metadata({_FORMAT_KEY: FORMAT.encode(), b"sha256": part.key.encode()})
        self.writer = pq.ParquetWriter(self.tmp, schema)

    def add(self, key: str | None, row: Row) -> None:
        self.rows.append((key, self.src.path, self.key, self.count, *row))
        self.count += 1
        if len(self.rows) >= _ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            columns = list(zip(*self.rows))
            self.writer.write_table(pa.table(dict(zip(COLUMNS.names, columns)), schema=self.writer.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        _place(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            _remove(self.tmp)


class ShardStore:
    def __init__(self, folder: StorePath | str, limits: Limits):
        self.folder: StorePath = folder if isinstance(folder, Path | UPath) else Path(folder)
        self.limits = limits
        self.entries = self.folder / f"{code_version()}-{limits.key()}"
        self.schema = Schema()
        self.warnings: list[str] = []  # what was wrong with the store and was repaired

    def _warn(self, message: str) -> None:
        self.warnings.append(message)

    def _make_folder(self, path: StorePath) -> None:
        if _kind(path) not in (_MISSING, _FOLDER):
            self._warn(f"parse cache {path.name} was not a folder: replaced")
            _remove(path)
        if isinstance(path, Path):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.fs.makedirs(path.path, exist_ok=True)

    def make_entries(self) -> None:
        self._make_folder(self.folder)
        self._make_folder(self.entries)

    def shard(self, part: Part | SourceFile | str) -> StorePath:
        """The shard of a part (a file given alone is its whole part; a string is a part's key)."""
        key = part if isinstance(part, str) else part.key if isinstance(part, Part) else part.sha256
        return self.entries / f"{key}{SUFFIX}"

    def identity(self, key: str) -> str:
        """The identity of the shard of content ``key`` ("" when there is none): written again or
        tampered with since, it has another one."""
        path = self.shard(key)
        try:
            if isinstance(path, Path):
                st = os.lstat(path)
                return f"{st.st_size}:{st.st_ino}:{st.st_mtime_ns}"
            info = path.fs.info(path.path)
        except OSError:
            return ""
        return json.dumps([info.get(k) for k in _INFO_IDENTITY], default=str)

    @contextlib.contextmanager
    def _open(self, path: StorePath, sha256: str) -> Iterator[pq.ParquetFile]:
        kind = _kind(path)
        if kind == _MISSING:
            raise InvalidShard("missing")
        if kind != _FILE:
            raise InvalidShard("not a regular file")
        with contextlib.ExitStack() as stack:
            try:
                # pyarrow opens a local file itself; a file elsewhere is read through its filesystem
                source = path if isinstance(path, Path) else stack.enter_context(path.open("rb"))
                shard = pq.ParquetFile(source)
            except (OSError, pa.ArrowException) as exc:
                raise InvalidShard(f"not Parquet ({_describe(exc)})") from None
            stack.callback(shard.close)
            meta = shard.schema_arrow.metadata or {}
            if not shard.schema_arrow.remove_metadata().equals(COLUMNS):
                raise InvalidShard("not the columns of a shard")
            if meta.get(_FORMAT_KEY) != FORMAT.encode() or meta.get(b"sha256") != sha256.encode():
                raise InvalidShard("not a shard of this format and content")
            yield shard

    def discard(self, part: Part, exc: Exception) -> None:
        path = self.shard(part)
        if _kind(path) != _MISSING:
            what = part.src.path + (f" unit {part.ordinal}" if part.unit is not None else "")
            self._warn(f"parse cache shard {path.name} discarded ({_describe(exc)}); {what} parsed again")
            _remove(path)

    def ready(self, part: Part) -> bool:
        """Whether the part's content has a shard that opens as one (its rows are checked when read);
        a shard that does not is discarded with a warning."""
        try:
            with self._open(self.shard(part), part.key):
                pass
        except InvalidShard as exc:
            self.discard(part, exc)
            return False
        return True

    def _rows(self, path: StorePath, sha256: str) -> Iterator[dict]:
        try:
            with self._open(path, sha256) as shard:
                for batch in shard.iter_batches(batch_size=_ROWS_PER_GROUP):
                    yield from batch.to_pylist()
        except (OSError, pa.ArrowException) as exc:
            raise InvalidShard(f"unreadable ({_describe(exc)})") from None

    def known_pages(self, src: SourceFile, previous: dict[str, str]) -> dict[str, Row]:
        """The pages of the previous content of the file's path (from the last build), by key;
        empty when the path is new or its old shard is gone or not valid."""
        old = previous.get(src.path)
        if old is None or old == src.sha256:
            return {}
        path = self.shard(old)
        if _kind(path) == _MISSING:
            return {}
        try:
            return {r["page_key"]: tuple(r[c] for c in _ROW) for r in self._rows(path, old) if r["page_key"]}
        except InvalidShard as exc:
            self._warn(f"parse cache shard {path.name} not reused ({exc}); {src.path} parsed whole")
            return {}

    def _frame(self, part: Part, columns: list[str] | None = None) -> pl.DataFrame:
        """The rows of a part's shard (``columns`` of them), checked: in order, of this content,
        each a document or a rejection with its reason and kind (``InvalidShard`` if not)."""
        (frame,) = self._frames([part], columns)
        if isinstance(frame, InvalidShard):
            raise frame
        return frame

    def _frames(
        self, parts: list[Part], columns: list[str] | None = None
    ) -> list[pl.DataFrame | InvalidShard]:
        """``_frame`` of each part, or why its shard is not valid; the rows of all the parts are
        checked at once (a dump has thousands of parts, each a few hundred rows)."""
        out: list[pl.DataFrame | InvalidShard] = []
        read: list[pl.DataFrame] = []
        for part in parts:
            path = self.shard(part)
            try:
                with self._open(path, part.key):  # its footer checked
                    pass
                read.append(_read(path, columns))
                out.append(pl.DataFrame())  # its rows, once checked
            except (OSError, pa.ArrowException, pl.exceptions.PolarsError) as exc:
                out.append(InvalidShard(f"unreadable ({_describe(exc)})"))
            except InvalidShard as exc:
                out.append(exc)
        if not read:
            return out
        at = pl.Series("_at", [n for n, f in enumerate(read) for _ in range(f.height)], pl.Int64)
        good = [i for i, o in enumerate(out) if not isinstance(o, InvalidShard)]
        key = pl.Series("_key", [parts[i].key for i in good], pl.String).gather(at)
        checked = pl.concat(read).with_columns(at, key)
        if len(read) == 1:  # one part: no grouping
            faults = checked.select(pl.lit(0, pl.Int64).alias("_at"), *_faults())
        else:
            faults = checked.group_by("_at").agg(*_faults())
        del checked
        found = {
            row[0]: next((r for r, bad in zip(faults.columns[1:], row[1:]) if bad), None)
            for row in faults.iter_rows()
        }
        for n, (i, frame) in enumerate(zip(good, read)):
            reason = found.get(n)
            out[i] = InvalidShard(reason) if reason else frame
        return out

    def _documents(self, part: Part, payloads: list) -> list[ParsedDocument]:
        docs = []
        for payload in payloads:
            try:
                items = self.schema.load(payload) if isinstance(payload, str) else []
            except InvalidEntry as exc:
                raise InvalidShard(f"a document: {exc}") from None
            if len(items) != 1 or not isinstance(items[0], ParsedDocument):
                raise InvalidShard("a row is not one document")
            items[0].source = part.src  # the same content may now sit at another path
            docs.append(items[0])
        return docs

    def read_bulk(self, part: Part) -> tuple[list[ParsedDocument], pl.DataFrame]:
        """The results of a part from its shard: its documents, in order, and its rejections as
        one frame of ``REJECTED`` columns (no object per rejected page: most pages of a dump).
        ``InvalidShard`` when the shard is not valid: rows out of order or of another content,
        a row that is neither a valid document nor a rejection with its reason."""
        frame = self._frame(part)
        docs = self._documents(part, frame.filter(pl.col("status") == DOCUMENT)["payload"].to_list())
        return docs, rejected_rows(part.src, frame)

    def read_heads(self, part: Part) -> pl.DataFrame:
        """A part's rows without their facts: every column of the shard but the payload and the
        file's path and sha256 (checked), with each document's fields films are joined by
        (``HEADS``); no payload is read.
        ``InvalidShard`` as ``read_bulk``; a payload that does not decode is found when its
        document is read (``read_documents``)."""
        (heads,) = self.read_heads_of([part])
        if isinstance(heads, InvalidShard):
            raise heads
        return heads

    def read_heads_of(self, parts: list[Part]) -> list[pl.DataFrame | InvalidShard]:
        """``read_heads`` of each part, or why its shard is not valid, read and checked at once."""
        columns = [c for c in COLUMNS.names if c != "payload"]
        return [
            f if isinstance(f, InvalidShard) else f.select(_heads_of()).cast(HEADS)  # type: ignore[arg-type]
            for f in self._frames(parts, columns)
        ]

    def read_documents_of(
        self, wanted: list[tuple[Part, set[int]]]
    ) -> Iterator[dict[int, ParsedDocument] | InvalidShard]:
        """For each ``(part, ordinals)``, in order, the documents of those rows of the part, decoded
        and checked, by ordinal, or why its shard is not valid. The shards are read and checked at
        once; each part's documents are decoded when the caller reaches it."""
        for (part, ordinals), frame in zip(wanted, self._frames([p for p, _ in wanted])):
            if isinstance(frame, InvalidShard):
                yield frame
                continue
            picked = [
                (o, payload)
                for o, status, payload in zip(*(frame[c].to_list() for c in ("ordinal", "status", "payload")))
                if o in ordinals and status == DOCUMENT
            ]
            try:
                docs = self._documents(part, [payload for _, payload in picked])
            except InvalidShard as exc:
                yield exc
                continue
            found = dict(zip((o for o, _ in picked), docs))
            yield (
                found if set(found) == set(ordinals) else InvalidShard("a document is not where its row was")
            )

    def previous_files(self) -> dict[str, str]:
        path = self.folder / MANIFEST
        if _kind(path) == _MISSING:
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

    def finish(self, sources: list[SourceFile], keys: Iterable[str] = ()) -> None:
        """Record this build's files and drop shards of other code versions or limits, or of
        content no file (``keys``: no part besides whole files) has any more."""
        manifest = {s.path: s.sha256 for s in sources}
        path = self.folder / MANIFEST
        tmp: Path | None = None
        try:
            self._make_folder(self.folder)
            tmp = _staging(path)
            tmp.write_text(json.dumps(manifest, sort_keys=True, indent=0), encoding="utf-8")
            _place(tmp, path)
            for child in self.folder.iterdir():
                if child.name != self.entries.name and _kind(child) == _FOLDER:
                    _remove(child)
            keep = {f"{k}{SUFFIX}" for k in [*(s.sha256 for s in sources), *keys]}
            if _kind(self.entries) == _FOLDER:
                for entry in self.entries.iterdir():
                    if entry.name not in keep:
                        _remove(entry)
        except OSError as exc:
            self._warn(f"parse cache not tidied ({_describe(exc)})")
            if tmp is not None:
                _remove(tmp)


def _read(path: StorePath, columns: list[str] | None) -> pl.DataFrame:
    """The rows of a shard (``columns`` of them) as Polars reads them: a local file by its path, a
    file elsewhere through its filesystem. (Polars, not pyarrow: the heads of a dump's thousands
    of shards, read one by one, hold about half the memory.)"""
    if isinstance(path, Path):
        return pl.read_parquet(path, columns=columns)
    with path.open("rb") as f:
        return pl.read_parquet(f, columns=columns)


def _heads_of() -> list[pl.Expr]:
    """The ``HEADS`` of a part's checked rows: the file's path and sha256 (the same on every row,
    and the part's own) are left out."""
    return [pl.col("supplementary").fill_null(False) if c == "supplementary" else pl.col(c) for c in HEADS]


def _faults() -> list[pl.Expr]:
    """What is wrong with a shard's rows, each named by its reason, in the order they are told
    (true when the part's rows have that fault): over one part's rows, or aggregated per part."""
    rejection = pl.col("status") == REJECTION
    return [
        (pl.col("ordinal").is_null() | (pl.col("ordinal") != pl.int_range(pl.len())))
        .any()
        .alias("rows out of order"),
        (pl.col("path").is_null() | pl.col("sha256").is_null() | (pl.col("sha256") != pl.col("_key")))
        .any()
        .alias("rows of another file"),
        (pl.col("status").is_null() | ~pl.col("status").is_in([DOCUMENT, REJECTION]))
        .any()
        .alias("a row neither a document nor a rejection"),
        (rejection & (pl.col("reason").is_null() | pl.col("kind").is_null()))
        .any()
        .alias("a rejection without its reason or kind"),
    ]


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc.strerror or exc}"
    return str(exc) or type(exc).__name__


_MISSING, _FILE, _FOLDER, _OTHER = "missing", "file", "folder", "other"


def _kind(path: StorePath) -> str:
    """What is at ``path``: nothing, a regular file, a folder, or something else (a link, a
    device); one ``fs.info`` call for a store at a URL."""
    if isinstance(path, Path):
        if not os.path.lexists(path):
            return _MISSING
        if path.is_symlink():
            return _OTHER
        return _FILE if path.is_file() else _FOLDER if path.is_dir() else _OTHER
    try:
        info = path.fs.info(path.path)
    except FileNotFoundError:
        return _MISSING
    if info.get("islink"):
        return _OTHER
    kind = info.get("type")
    return _FILE if kind == "file" else _FOLDER if kind == "directory" else _OTHER


def _remove(path: StorePath) -> None:
    """Delete a file, link or folder, whichever it is; a failure leaves it (and is harmless)."""
    try:
        if isinstance(path, Path):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        elif (kind := _kind(path)) != _MISSING:
            path.fs.rm(path.path, recursive=kind == _FOLDER)
    except OSError:
        pass


def _staging(target: StorePath) -> Path:
    """Where a file bound for ``target`` is written first, always on the local disk: beside it in
    a local store (``_place`` renames it into place), else a temporary file (uploaded whole)."""
    if isinstance(target, Path):
        return target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    return Path(name)


def _place(staged: Path, target: StorePath) -> None:
    """Move the local file ``staged`` to ``target``, whole or not at all, replacing a file there
    (or anything that is not a file). A local store renames it; a store at a URL uploads it:
    one ``put_file`` to an object store, which makes the object whole or not at all, or to a
    temporary name and a rename on a ``file://`` store (a shared disk)."""
    if _kind(target) not in (_MISSING, _FILE):
        _remove(target)
    if isinstance(target, Path):
        os.replace(staged, target)
        return
    try:
        fs = target.fs
        if isinstance(fs, LocalFileSystem):
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            fs.put_file(str(staged), tmp.path)
            fs.mv(tmp.path, target.path)
        else:
            fs.put_file(str(staged), target.path)
    finally:
        staged.unlink(missing_ok=True)


def changes(previous: dict[str, str], sources: list[SourceFile]) -> dict[str, list[str]]:
    now = {s.path: s.sha256 for s in sources}
    return {
        "new": sorted(set(now) - set(previous)),
        "changed": sorted(p for p in set(now) & set(previous) if now[p] != previous[p]),
        "unchanged": sorted(p for p in set(now) & set(previous) if now[p] == previous[p]),
        "removed": sorted(set(previous) - set(now)),
    }
