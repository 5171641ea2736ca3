"""Incremental builds: unchanged documents are not parsed again, changed ones replace their
facts, removed ones leave; the result always equals a from-scratch build. Readers of the
published file never block a run, and a killed run leaves the last good warehouse."""

from __future__ import annotations

import bz2
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl.defs.resources import WarehouseResource
from etl.lib.pipeline import corpus
from etl.lib.pipeline.intake import DEFAULT_LIMITS
from etl.lib.pipeline.shards import MANIFEST, InvalidShard, ShardStore
from etl.lib.store import frames
from etl.lib.store.tables import TABLES
from tests.builds import load_mode, materialize_warehouse
from tests.conftest import CORPUS, NEEDS_CORPUS

pytestmark = pytest.mark.slow

IMDB_TITLE = "002_42df566a22516ba3.txt"
REVIEWS = "004_6f20dbbd59d93bf6.txt"


def build(inputs: Path, target: Path) -> dg.ExecuteInProcessResult:
    result = materialize_warehouse(inputs, target)
    assert result.success
    return result


def parse_metadata(result: dg.ExecuteInProcessResult) -> dict:
    (mat,) = result.asset_materializations_for_node("parsed_documents")
    return {k: v.value for k, v in mat.metadata.items() if k.startswith(("documents_", "files_"))}


def table_rows(path: Path) -> dict[str, list]:
    """Every table's rows, sorted: a build that patched the published file holds the rows of a
    fresh build, but not in the order a fresh load stored them."""
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: sorted(conn.table(t).fetchall(), key=repr) for t in TABLES}


def titles(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return [r[0] for r in conn.execute("select title from dim_film order by title").fetchall()]


def test_adds_changes_and_removals_equal_a_fresh_build(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    target = tmp_path / "live" / "warehouse.duckdb"

    first = build(inputs, target)
    assert parse_metadata(first) == {
        "documents_new": 5,
        "documents_changed": 0,
        "documents_unchanged": 0,
        "documents_removed": 0,
        "files_parsed": 5,
        "files_from_cache": 0,
    }

    shutil.copy(corpus_dir / "Rocky.xml", inputs / "Rocky.xml")  # add a film
    page = (inputs / IMDB_TITLE).read_text()  # change a document: another rating
    (inputs / IMDB_TITLE).write_text(
        page.replace("Rating: 7.6/10 (54,198 voted)", "Rating: 7.5/10 (60,000 voted)")
    )
    (inputs / REVIEWS).unlink()  # remove a document

    second = build(inputs, target)
    assert parse_metadata(second) == {
        "documents_new": 1,
        "documents_changed": 1,
        "documents_unchanged": 3,
        "documents_removed": 1,
        "files_parsed": 2,
        "files_from_cache": 3,
    }
    assert titles(target) == ["Leaving Las Vegas", "Rocky"]
    with duckdb.connect(str(target), read_only=True) as conn:
        assert conn.execute("select count(*) from fact_review").fetchall() == [(0,)]
        assert conn.execute(
            "select value, sample_size from fact_rating where rating_source = 'IMDb'"
        ).fetchall() == [(7.5, 60000)]

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    build(inputs, fresh)
    assert table_rows(target) == table_rows(fresh)


def frames_reused(result: dg.ExecuteInProcessResult) -> bool:
    (mat,) = result.asset_materializations_for_node("star_schema_frames")
    return mat.metadata["frames_reused"].value


def test_unchanged_folder_parses_nothing(tmp_path, seeds_dir):
    target = tmp_path / "warehouse.duckdb"
    first = build(seeds_dir, target)
    tables = table_rows(target)
    again = build(seeds_dir, target)
    meta = parse_metadata(again)
    assert (meta["documents_unchanged"], meta["files_parsed"], meta["files_from_cache"]) == (5, 0, 5)
    assert (frames_reused(first), frames_reused(again)) == (False, True)  # no shard read back
    assert table_rows(target) == tables


def test_kept_frames_that_are_not_valid_are_built_again(tmp_path, seeds_dir):
    target = tmp_path / "warehouse.duckdb"
    build(seeds_dir, target)
    tables = table_rows(target)
    kept = WarehouseResource(path=str(target)).frames_cache_path()
    (kept / "dim_film.parquet").unlink()
    (kept / "dim_film.parquet").write_bytes(b"not parquet")
    again = build(seeds_dir, target)
    assert not frames_reused(again)
    assert table_rows(target) == tables
    assert frames_reused(build(seeds_dir, target))  # kept again, whole


READER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
print(conn.execute("select count(*) from dim_film").fetchall()[0][0], flush=True)
sys.stdin.readline()  # hold the file open until told
print(conn.execute("select count(*) from dim_film").fetchall()[0][0], flush=True)
"""


def test_a_reader_holding_the_file_never_blocks_a_run(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    target = tmp_path / "warehouse.duckdb"
    build(inputs, target)

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        shutil.copy(corpus_dir / "Taxi Driver.xml", inputs / "Taxi Driver.xml")
        build(inputs, target)  # succeeds while the reader holds the old file open
        assert titles(target) == ["Leaving Las Vegas", "Taxi Driver"]  # new readers see the new build
        out, _ = reader.communicate("go\n", timeout=60)
        assert out.strip() == "1"  # the old reader still sees the version it opened
    finally:
        reader.kill()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_run_leaves_the_last_good_warehouse(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs / "seeds")
    target = tmp_path / "warehouse.duckdb"
    build(inputs, target)
    good = sha(target)

    for n in range(4):  # enough documents that the run is still busy when it is killed
        shutil.copytree(corpus_dir, inputs / f"copy{n}")
    etl = Path(sys.executable).with_name("etl")
    proc = subprocess.Popen(
        [str(etl), "build", "--seeds", str(inputs), "--warehouse", str(target)],
        env={**os.environ, "DAGSTER_HOME": ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    log = []
    try:
        # Kill it once it is parsing the documents (its log says so), well before publishing.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            log.append(line)
            if "parsed_documents - parsing" in line or not line:
                break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL, "".join(log[-20:])
    assert sha(target) == good
    assert titles(target) == ["Leaving Las Vegas"]

    build(inputs, target)  # the next run recovers from whatever the killed one left
    assert len(titles(target)) == 13


# --- a page changed inside a dump is the only page parsed again ------------------------------


def write_dump(path: Path, pages: list[Path], edit: str | None = None) -> None:
    """A bzip2 MediaWiki dump of corpus pages; ``edit`` (a title) gets one sentence more."""
    body = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if edit is not None and f"<title>{edit}</title>" in text:
            text = text.replace("</text>", "\nThis page was edited.</text>", 1)
        body.append(text)
    xml = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n' + "\n".join(body) + "</mediawiki>\n"
    )
    path.write_bytes(bz2.compress(xml.encode("utf-8")))


def page_metadata(result: dg.ExecuteInProcessResult) -> tuple[int, int, int, int]:
    """(files parsed, files from the cache, pages parsed, pages copied from the previous shard)"""
    (mat,) = result.asset_materializations_for_node("parsed_documents")
    keys = ("files_parsed", "files_from_cache", "pages_parsed", "pages_from_cache")
    return tuple(mat.metadata[k].value for k in keys)  # type: ignore[return-value]


DUMP_PAGES = ["Rocky", "Taxi Driver", "Werner Herzog", "redirect", "Midnight Cowboy", "Cars 2"]


def test_a_page_changed_inside_a_dump_is_the_only_page_parsed_again(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    pages = [corpus_dir / f"{title}.xml" for title in DUMP_PAGES]
    dump = inputs / "enwiki-pages-articles.xml.bz2"
    write_dump(dump, pages)
    target = tmp_path / "live" / "warehouse.duckdb"
    first = build(inputs, target)
    assert page_metadata(first) == (6, 0, 11, 0)

    write_dump(dump, pages, edit="Midnight Cowboy")
    second = build(inputs, target)
    assert page_metadata(second) == (1, 5, 1, 5)  # one page of the dump
    with duckdb.connect(str(target), read_only=True) as conn:
        assert conn.execute("select count(*) from dim_film").fetchall() == [(5,)]  # the seed film + 4
    # The published file was patched: the edit adds a sentence to the page, which changes no
    # fact, so only the dump's own rows differ: its dim_source row (sha256, bytes) and its
    # rejections (the dump's sha256: the non-film pages and the redirect).
    assert load_mode(second) == "patched"
    changed = {
        m.asset_key.to_user_string(): (
            m.metadata["rows_inserted"].value,
            m.metadata["rows_updated"].value,
            m.metadata["rows_deleted"].value,
        )
        for m in second.asset_materializations_for_node("warehouse_tables")
    }
    assert changed["dim_source"] == (0, 1, 0)
    assert changed["fact_credit"] == changed["fact_claim"] == changed["dim_film"] == (0, 0, 0)
    assert changed["rejected_document"] == (2, 0, 2)  # a table without a key: loaded again

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    fresh_build = build(inputs, fresh)
    assert load_mode(fresh_build) == "loaded"
    assert table_rows(target) == table_rows(fresh)


# --- the shards hold data, never code ---------------------------------------------------------


def parse_with_cache(inputs: Path, cache_dir: Path) -> tuple[corpus.Parsed, ShardStore]:
    store = ShardStore(cache_dir, DEFAULT_LIMITS)
    found = corpus.detect_all(inputs)
    parsed = corpus.parse_all(inputs, found.sources, store=store)
    store.finish(found.sources)
    return parsed, store


def cache_entries(cache_dir: Path) -> list[Path]:
    """Every shard the store wrote, whatever it names them (the manifest aside)."""
    return sorted(p for p in cache_dir.rglob("*") if p.is_file() and p.name != MANIFEST)


def test_a_cached_parse_equals_a_fresh_one(tmp_path, seeds_dir):
    fresh, _ = parse_with_cache(seeds_dir, tmp_path / "cache")
    cached, cache = parse_with_cache(seeds_dir, tmp_path / "cache")
    assert (fresh.files_parsed, cached.files_parsed, cached.files_cached) == (5, 0, 5)
    assert cached.documents == fresh.documents and cached.rejections == fresh.rejections
    assert [d.facts.title for d in cached.documents].count("Leaving Las Vegas") == 5
    assert cache.warnings == []
    assert all(p.suffix == ".parquet" for p in cache_entries(tmp_path / "cache"))


def test_the_corpus_round_trips_through_the_cache(tmp_path, corpus_dir):
    fresh, _ = parse_with_cache(corpus_dir, tmp_path / "cache")
    cached, cache = parse_with_cache(corpus_dir, tmp_path / "cache")
    assert cached.files_parsed == 0 and cache.warnings == []
    assert cached.documents == fresh.documents and cached.rejections == fresh.rejections
    assert cached.documents == corpus.parse_all(corpus_dir, corpus.detect_all(corpus_dir).sources).documents


def test_a_shard_has_one_row_per_page_in_order(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_dump(inputs / "dump.xml.bz2", [corpus_dir / f"{title}.xml" for title in DUMP_PAGES])
    _, store = parse_with_cache(inputs, tmp_path / "cache")
    (shard,) = cache_entries(tmp_path / "cache")
    rows = pq.read_table(shard).to_pylist()
    assert [(r["ordinal"], r["title"], r["status"]) for r in rows] == [
        (0, "Rocky", "document"),
        (1, "Taxi Driver", "document"),
        (2, "Werner Herzog", "rejection"),
        (3, "(Baazi (1968 film)", "rejection"),
        (4, "Midnight Cowboy", "document"),
        (5, "Cars 2", "document"),
    ]
    assert all(r["path"] == "dump.xml.bz2" and len(r["page_key"]) == 32 for r in rows)
    assert rows[3]["reason"] == "redirect page (to 'Baazi (1968 film)'), not a film article"
    assert json.loads(rows[0]["payload"])["items"][0]["document"]["facts"]["title"] == "Rocky"


class _Payload:
    """Unpickling this creates the file it names: the proof that a pickle was run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_crafted_pickle_in_the_cache_is_never_loaded(tmp_path, seeds_dir):
    import pickle

    cache_dir = tmp_path / "cache"
    fresh, _ = parse_with_cache(seeds_dir, cache_dir)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    entries = cache_entries(cache_dir)
    for entry in entries:  # every shard overwritten, and a .pickle beside each
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    cached, cache = parse_with_cache(seeds_dir, cache_dir)
    assert not marker.exists()
    assert cached.documents == fresh.documents and cached.files_parsed == 5
    assert len(cache.warnings) == len(entries)
    assert not list(cache_dir.rglob("*.pickle"))  # tidied away by finish


def _rewrite(entry: Path, change) -> None:
    """The shard with ``change(rows)`` applied, written back with its own metadata."""
    table = pq.read_table(entry)
    rows = table.to_pylist()
    change(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), entry)


def _wrong_types(entry: Path) -> None:
    def change(rows):
        data = json.loads(rows[0]["payload"])
        data["items"][0]["document"]["facts"]["title"] = 5
        rows[0]["payload"] = json.dumps(data)

    _rewrite(entry, change)


def _into_folder(entry: Path) -> None:
    entry.unlink()
    (entry / "inside").mkdir(parents=True)


def _other_columns(entry: Path) -> None:
    table = pq.read_table(entry)
    pq.write_table(table.drop_columns(["reason"]).replace_schema_metadata(table.schema.metadata), entry)


def _another_files_shard(entry: Path) -> None:
    table = pq.read_table(entry)
    other = {**table.schema.metadata, b"sha256": b"0" * 64}
    pq.write_table(table.replace_schema_metadata(other), entry)


def _out_of_order(entry: Path) -> None:
    _rewrite(entry, lambda rows: rows[0].update(ordinal=7))


CORRUPTIONS = {
    "a number": lambda e: e.write_text("5"),
    "truncated Parquet": lambda e: e.write_bytes(e.read_bytes()[:100]),
    "a field of the wrong type": _wrong_types,
    "binary bytes": lambda e: e.write_bytes(b"\x80\x04\x95\xff\x00"),
    "deeply nested JSON": lambda e: e.write_text("[" * 100_000 + "]" * 100_000),
    "a folder": _into_folder,
    "other columns": _other_columns,
    "another file's shard": _another_files_shard,
    "rows out of order": _out_of_order,
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_bad_shard_is_parsed_again_with_a_warning(tmp_path, seeds_dir, corrupt):
    cache_dir = tmp_path / "cache"
    fresh, _ = parse_with_cache(seeds_dir, cache_dir)
    for entry in cache_entries(cache_dir):
        corrupt(entry)
    cached, cache = parse_with_cache(seeds_dir, cache_dir)
    assert cached.files_parsed == 5
    assert cached.documents == fresh.documents
    assert len(cache.warnings) == 5 and all("discarded" in w for w in cache.warnings)
    again, cache = parse_with_cache(seeds_dir, cache_dir)  # repaired: read back next time
    assert (again.files_parsed, again.files_cached, cache.warnings) == (0, 5, [])


def _first_rejection(rows: list[dict], **change) -> None:
    next(r for r in rows if r["status"] == "rejection").update(change)


ROW_FAULTS = {
    "rows out of order": lambda rows: rows[0].update(ordinal=7),
    "rows of another file": lambda rows: rows[-1].update(sha256="0" * 64),
    "a row neither a document nor a rejection": lambda rows: rows[0].update(status="draft"),
    "a rejection without its reason or kind": lambda rows: _first_rejection(rows, reason=None),
}


def test_shards_read_at_once_tell_each_broken_one_by_its_own_fault(tmp_path):
    # The 12 films and 3 non-films of the corpus: one shard per file, one fault in each of four.
    if not CORPUS.is_dir():
        pytest.skip(NEEDS_CORPUS)
    _, store = parse_with_cache(CORPUS, tmp_path / "cache")
    found = corpus.detect_all(CORPUS)
    every = corpus.parts(CORPUS, found.sources)
    statuses = {p: pq.read_table(store.shard(p))["status"].to_pylist() for p in every}
    rejecting = [p for p in every if "rejection" in statuses[p]]
    films = [p for p in every if "document" in statuses[p]]
    assert (len(rejecting), len(films)) == (3, 12)
    broken = dict(zip(ROW_FAULTS, [films[0], films[5], films[11], rejecting[1]]))
    good = [store.read_heads(p) for p in every if p not in broken.values()]
    for fault, part in broken.items():
        _rewrite(store.shard(part), ROW_FAULTS[fault])
    read = store.read_heads_of(every)
    assert [str(r) for r in read if not isinstance(r, pl.DataFrame)] == [
        fault for part in every for fault, p in broken.items() if p == part
    ]
    kept = [r for r in read if isinstance(r, pl.DataFrame)]
    assert len(kept) == len(every) - 4
    assert all(a.equals(b) for a, b in zip(kept, good))
    for fault, part in broken.items():  # one part alone tells the same
        with pytest.raises(InvalidShard, match=fault):
            store.read_heads(part)


@pytest.mark.parametrize(
    "manifest", ["5", '{"a": 5}', "{", None], ids=["number", "wrong values", "truncated", "folder"]
)
def test_a_bad_manifest_counts_every_file_as_new(tmp_path, seeds_dir, manifest):
    cache_dir = tmp_path / "cache"
    parse_with_cache(seeds_dir, cache_dir)
    path = cache_dir / MANIFEST
    if manifest is None:
        path.unlink()
        (path / "x").mkdir(parents=True)
    else:
        path.write_text(manifest)
    cache = ShardStore(cache_dir, DEFAULT_LIMITS)
    assert cache.previous_files() == {}
    assert len(cache.warnings) == 1 and MANIFEST in cache.warnings[0]
    found = corpus.detect_all(seeds_dir)
    cache.finish(found.sources)
    assert ShardStore(cache_dir, DEFAULT_LIMITS).previous_files() == {s.path: s.sha256 for s in found.sources}


def test_no_pickle_in_the_parse_store_code():
    from etl.lib.pipeline import payload, shards
    from etl.lib.store import frames

    for module in (payload, shards, corpus, frames):
        assert "pickle" not in Path(module.__file__).read_text()


def test_a_build_over_a_broken_cache_succeeds_and_says_so(tmp_path, seeds_dir):
    target = tmp_path / "live" / "warehouse.duckdb"
    build(seeds_dir, target)
    cache_dir = WarehouseResource(path=str(target)).parse_cache_path()
    for entry in cache_entries(cache_dir):
        _into_folder(entry)
    (cache_dir / MANIFEST).write_text("5")
    again = build(seeds_dir, target)
    (mat,) = again.asset_materializations_for_node("parsed_documents")
    warnings = mat.metadata["parse_cache_warnings"].value
    assert len(warnings) == 6 and warnings[0].startswith("parse cache manifest.json discarded")
    assert parse_metadata(again)["files_parsed"] == 5
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    build(seeds_dir, fresh)
    assert table_rows(target) == table_rows(fresh)


def test_a_shard_broken_inside_is_parsed_again_by_the_load_stage(tmp_path, seeds_dir):
    target = tmp_path / "live" / "warehouse.duckdb"
    build(seeds_dir, target)
    for entry in cache_entries(WarehouseResource(path=str(target)).parse_cache_path()):
        _wrong_types(entry)  # the shard opens: the parse stage cannot tell, the load stage can
    again = build(seeds_dir, target)
    assert parse_metadata(again)["files_from_cache"] == 5
    (mat,) = again.asset_materializations_for_node("star_schema_frames")
    assert mat.metadata["files_parsed_again"].value == 5
    assert all("discarded" in w for w in mat.metadata["parse_cache_warnings"].value)
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    build(seeds_dir, fresh)
    assert table_rows(target) == table_rows(fresh)


@pytest.mark.parametrize("where", ["cache folder", "entries folder"])
def test_a_file_where_a_cache_folder_should_be_is_replaced(tmp_path, seeds_dir, where):
    cache_dir = tmp_path / "cache"
    fresh, first = parse_with_cache(seeds_dir, cache_dir)
    blocked = cache_dir if where == "cache folder" else first.entries
    shutil.rmtree(blocked)
    blocked.write_text("5")
    parsed, cache = parse_with_cache(seeds_dir, cache_dir)
    assert parsed.documents == fresh.documents and parsed.files_parsed == 5
    assert cache.warnings == [f"parse cache {blocked.name} was not a folder: replaced"]
    again, cache = parse_with_cache(seeds_dir, cache_dir)
    assert (again.files_cached, cache.warnings) == (5, [])


def _document_entry(cache_dir: Path) -> dict:
    rows = pq.read_table(cache_entries(cache_dir)[0]).to_pylist()
    return json.loads(next(r["payload"] for r in rows if r["status"] == "document"))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("facts", "release_year"), True),  # a bool is not an int
        (("facts", "release_year"), "1995"),
        (("facts", "soundtrack_release"), {"date": "1995-13-40", "precision": "day"}),
        (("facts", "problems"), {"x": "many"}),
        (("facts", "credits"), [{"role": "director"}]),  # fields missing
        (("source",), {"path": "a", "sha256": "b", "size": 1, "kind": "k", "compression": None, "extra": 1}),
        (("supplementary",), 0),
    ],
)
def test_the_schema_refuses_values_of_the_wrong_type(tmp_path, seeds_dir, path, value):
    from etl.lib.pipeline.payload import InvalidEntry, Schema

    parse_with_cache(seeds_dir, tmp_path / "cache")
    data = _document_entry(tmp_path / "cache")
    target = data["items"][0]["document"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InvalidEntry):
        Schema().load(json.dumps(data))


def test_results_read_under_other_limits_are_not_reused(tmp_path, seeds_dir):
    from etl.lib.pipeline.intake import Limits

    cache_dir = tmp_path / "cache"
    parse_with_cache(seeds_dir, cache_dir)
    found = corpus.detect_all(seeds_dir)
    small = ShardStore(cache_dir, Limits(max_page_bytes=1000))
    parsed = corpus.parse_all(seeds_dir, found.sources, store=small)
    assert (parsed.files_parsed, parsed.files_cached) == (5, 0)
    # the seed article (API JSON) is far over 1,000 bytes: refused under the small limit
    assert [r.path for r in parsed.rejections] == ["003_b6dd9beaf186b8b0.txt"]


# --- the clean stage, film by film: an incremental build equals a from-scratch one ------------


def clean(inputs: Path, work: Path) -> tuple[dict, dict[str, pl.DataFrame]]:
    """The parse and clean stages over ``inputs`` with the shards and kept frames in ``work``:
    the clean stage's summary and the frames it wrote."""
    store = ShardStore(work / "shards", DEFAULT_LIMITS)
    found = corpus.detect_all(inputs)
    corpus.write_parts(inputs, corpus.parts(inputs, found.sources), store, previous=store.previous_files())
    summary = frames.build(inputs, found, store, work / "kept", work / "frames")
    return summary, frames.read_frames(work / "frames")


def assert_same_frames(built: dict[str, pl.DataFrame], fresh: dict[str, pl.DataFrame]) -> None:
    for table in TABLES:
        assert built[table].to_dicts() == fresh[table].to_dicts(), table


def fresh_frames(inputs: Path, tmp_path: Path) -> dict[str, pl.DataFrame]:
    work = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    summary, built = clean(inputs, work)
    assert (summary["films_kept"], summary["frames_reused"]) == (0, False)
    return built


def write_multistream(path: Path, pages: list[Path], edit: str | None = None) -> None:
    """A multistream dump of corpus pages, two pages a bzip2 stream, with its index beside it;
    ``edit`` (a title) gets one sentence more."""
    streams = [bz2.compress(b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n')]
    lines, offset = [], len(streams[0])
    for n in range(0, len(pages), 2):
        texts = []
        for i, page in enumerate(pages[n : n + 2], start=n + 1):
            text = page.read_text(encoding="utf-8")
            if edit is not None and f"<title>{edit}</title>" in text:
                text = text.replace("</text>", "\nThis page was edited.</text>", 1)
            texts.append(text)
            lines.append(f"{offset}:{i}:{page.stem}")
        data = bz2.compress("\n".join(texts).encode("utf-8"))
        streams.append(data)
        offset += len(data)
    streams.append(bz2.compress(b"</mediawiki>\n"))
    path.write_bytes(b"".join(streams))
    index = path.with_name(path.name.replace(".xml.bz2", "-index.txt.bz2"))
    index.write_bytes(bz2.compress(("\n".join(lines) + "\n").encode()))


def test_one_page_edited_in_a_dump_builds_that_film_alone(tmp_path, corpus_dir):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    dump = inputs / "enwiki-pages-articles-multistream.xml.bz2"
    pages = [corpus_dir / f"{title}.xml" for title in DUMP_PAGES]
    write_multistream(dump, pages)
    first, _ = clean(inputs, tmp_path / "work")
    assert (first["films"], first["films_built"], first["films_kept"]) == (4, 4, 0)

    write_multistream(dump, pages, edit="Midnight Cowboy")
    second, built = clean(inputs, tmp_path / "work")
    assert (second["films"], second["films_built"], second["films_kept"]) == (4, 1, 3)
    assert_same_frames(built, fresh_frames(inputs, tmp_path))
    # The kept films' rows name the dump's new content as their source.
    (source,) = built["dim_source"].filter(pl.col("path") == dump.name)["source_id"].to_list()
    rocky = built["dim_film"].filter(pl.col("title") == "Rocky")
    assert rocky["master_source_id"].to_list() == [source]


def test_an_imdb_page_gained_and_lost_by_a_film(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    shutil.copy(corpus_dir / "Rocky.xml", inputs / "Rocky.xml")
    imdb = (inputs / IMDB_TITLE).read_bytes()
    (inputs / IMDB_TITLE).unlink()
    clean(inputs, tmp_path / "work")

    (inputs / IMDB_TITLE).write_bytes(imdb)  # Leaving Las Vegas gains its IMDb page
    gained, built = clean(inputs, tmp_path / "work")
    assert (gained["films_built"], gained["films_kept"]) == (1, 1)  # Rocky kept
    assert built["dim_film"].filter(pl.col("title") == "Leaving Las Vegas")["documents"].to_list() == [5]
    assert_same_frames(built, fresh_frames(inputs, tmp_path))

    (inputs / IMDB_TITLE).unlink()  # and loses it
    lost, built = clean(inputs, tmp_path / "work")
    assert (lost["films_built"], lost["films_kept"]) == (1, 1)
    assert built["dim_film"].filter(pl.col("title") == "Leaving Las Vegas")["documents"].to_list() == [4]
    assert_same_frames(built, fresh_frames(inputs, tmp_path))


def test_a_film_removed_leaves_with_its_rows(tmp_path, seeds_dir, corpus_dir):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    for title in ("Rocky", "Taxi Driver"):
        shutil.copy(corpus_dir / f"{title}.xml", inputs / f"{title}.xml")
    clean(inputs, tmp_path / "work")
    (inputs / "Rocky.xml").unlink()
    summary, built = clean(inputs, tmp_path / "work")
    assert (summary["films"], summary["films_built"], summary["films_kept"]) == (2, 0, 2)
    assert sorted(built["dim_film"]["title"].to_list()) == ["Leaving Las Vegas", "Taxi Driver"]
    assert "Rocky" not in built["fact_claim"].join(built["dim_film"], on="film_id")["title"].to_list()
    assert_same_frames(built, fresh_frames(inputs, tmp_path))


def academy_name(built: dict[str, pl.DataFrame], film: str) -> list[str]:
    """The names of the Academy's award body as ``film``'s nominations name it."""
    rows = (
        built["fact_nomination"]
        .join(built["dim_film"].select("film_id", "title"), on="film_id")
        .join(built["dim_award_body"].rename({"name": "body"}), on="award_body_id")
        .filter((pl.col("title") == film) & pl.col("body").str.starts_with("Academy Award"))
    )
    return sorted(set(rows["body"].to_list()))


def test_a_film_added_elsewhere_flips_the_award_body_name_a_kept_film_gets(tmp_path, corpus_dir):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for title in ("Taxi Driver", "Spirited Away"):  # "Academy Award" 4 times, "Academy Awards" once
        shutil.copy(corpus_dir / f"{title}.xml", inputs / f"{title}.xml")
    _, built = clean(inputs, tmp_path / "work")
    assert academy_name(built, "Taxi Driver") == ["Academy Award"]

    shutil.copy(corpus_dir / "Rocky.xml", inputs / "Rocky.xml")  # "Academy Awards" 10 times
    summary, built = clean(inputs, tmp_path / "work")
    assert (summary["films_built"], summary["films_kept"]) == (1, 2)  # Taxi Driver is not rebuilt
    assert academy_name(built, "Taxi Driver") == ["Academy Awards"]
    assert_same_frames(built, fresh_frames(inputs, tmp_path))

    (inputs / "Rocky.xml").unlink()
    summary, built = clean(inputs, tmp_path / "work")
    assert academy_name(built, "Taxi Driver") == ["Academy Award"]
    assert_same_frames(built, fresh_frames(inputs, tmp_path))


def test_the_heads_of_a_shard_are_its_documents_without_their_facts(tmp_path, seeds_dir):
    store = ShardStore(tmp_path / "shards", DEFAULT_LIMITS)
    found = corpus.detect_all(seeds_dir)
    every = corpus.parts(seeds_dir, found.sources)
    corpus.write_parts(seeds_dir, every, store)
    heads = pl.concat([store.read_heads(part) for part in every])
    docs = [d for part in every for d in store.read_bulk(part)[0]]
    assert heads.filter(pl.col("status") == "document").select(
        "kind", "title", "film_title", "release_year", "page_id", "revision_id", "supplementary"
    ).to_dicts() == [
        {
            "kind": d.kind,
            "title": d.page_title,
            "film_title": d.facts.title,
            "release_year": d.facts.release_year,
            "page_id": d.page_id,
            "revision_id": d.revision_id,
            "supplementary": d.supplementary,
        }
        for d in docs
    ]
    article = heads.filter(pl.col("kind") == "mediawiki_api_json").row(0, named=True)
    fields = ("film_title", "release_year", "title", "page_id", "revision_id", "supplementary")
    assert tuple(article[f] for f in fields) == (
        "Leaving Las Vegas",
        1995,
        "Leaving Las Vegas",
        54160,
        None,
        False,
    )
    assert heads["film_title"].null_count() == heads.filter(pl.col("status") == "rejection").height


def test_films_built_on_worker_processes_equal_films_built_here(tmp_path, corpus_dir, monkeypatch):
    """The clean stage's films built on two spawned processes, two films a task, give the same
    frames as one build in this process, row for row, and the same counts."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    pages = sorted(corpus_dir.glob("*.xml"))  # 12 films and 3 pages that are not
    write_multistream(inputs / "enwiki-pages-articles-multistream.xml.bz2", pages)
    store = ShardStore(tmp_path / "shards", DEFAULT_LIMITS)
    found = corpus.detect_all(inputs)
    corpus.write_parts(inputs, corpus.parts(inputs, found.sources), store)
    here = frames.build(inputs, found, store, tmp_path / "kept-here", tmp_path / "here")
    monkeypatch.setattr(frames, "_BATCH", 2)
    monkeypatch.setattr(frames, "PARALLEL_FILMS", 1)

    def not_here(store, task):  # a spawned process imports frames afresh: this is never its own
        raise AssertionError("films built in the parent process")

    monkeypatch.setattr(frames, "_task_rows", not_here)
    apart = frames.build(inputs, found, store, tmp_path / "kept-apart", tmp_path / "apart", workers=2)
    assert (apart["films"], apart["films_built"]) == (here["films"], here["films_built"]) == (12, 12)
    assert_same_frames(frames.read_frames(tmp_path / "apart"), frames.read_frames(tmp_path / "here"))
