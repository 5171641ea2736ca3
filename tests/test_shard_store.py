"""The shard store at an fsspec URL (``memory://``, ``file://``; ``s3://`` and ``gs://`` in a
cluster) behaves as a local folder: shards read back equal, a broken one is parsed again with a
warning, the manifest round-trips, and a build with its shards at a URL gives the tables of a
build with a local shard folder."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from upath import UPath

from etl import paths
from etl.defs.resources import ShardsResource
from etl.lib.pipeline import corpus
from etl.lib.pipeline.intake import DEFAULT_LIMITS
from etl.lib.pipeline.shards import MANIFEST, ShardStore
from etl.lib.store.tables import TABLES
from tests.builds import materialize_warehouse


@pytest.fixture
def memory_root() -> Iterator[str]:
    """A memory:// root of the test's own (the memory filesystem is one per process), removed after."""
    root = UPath(f"memory://shards-{uuid.uuid4().hex}")
    yield str(root)
    if root.fs.exists(root.path):
        root.fs.rm(root.path, recursive=True)
    assert not root.fs.exists(root.path)


@pytest.fixture(params=["local", "memory", "file"])
def location(request, tmp_path) -> str:
    """Where the store is: a local folder, a memory:// URL or a file:// URL."""
    if request.param == "memory":
        return request.getfixturevalue("memory_root")
    if request.param == "file":
        return (tmp_path / "shards").as_uri()
    return str(tmp_path / "shards")


def parse(inputs: Path, location: str) -> tuple[corpus.Parsed, ShardStore]:
    store = ShardStore(paths.shards_dir(location), DEFAULT_LIMITS)
    found = corpus.detect_all(inputs)
    parsed = corpus.parse_all(inputs, found.sources, store=store)
    store.finish(found.sources)
    return parsed, store


def test_a_url_is_a_upath_and_anything_else_a_local_folder(tmp_path, monkeypatch):
    memory = paths.shards_dir("memory://bucket/shards")
    assert isinstance(memory, UPath) and not isinstance(memory, Path)
    assert (memory.protocol, memory.path) == ("memory", "/bucket/shards")
    s3 = paths.shards_dir("s3://bucket/~/shards")  # taken as written: no home folder, no resolve
    assert str(s3) == "s3://bucket/~/shards"
    local = paths.shards_dir(str(tmp_path / "a" / ".." / "shards"))
    assert isinstance(local, Path) and local == (tmp_path / "shards").resolve()
    monkeypatch.setenv(paths.SHARDS_ENV, "memory://from-env/shards")
    assert str(ShardsResource().folder()) == "memory://from-env/shards"
    assert str(ShardsResource(location=str(tmp_path)).folder()) == str(tmp_path.resolve())


def test_a_shard_written_is_read_back_equal(seeds_dir, location):
    fresh, store = parse(seeds_dir, location)
    assert (fresh.files_parsed, fresh.files_cached) == (5, 0)
    sources = corpus.detect_all(seeds_dir).sources
    assert all(store.shard(src).is_file() for src in sources)
    assert all(store.shard(src).read_bytes()[:4] == b"PAR1" for src in sources)
    cached, store = parse(seeds_dir, location)
    assert (cached.files_parsed, cached.files_cached, store.warnings) == (0, 5, [])
    assert cached.documents == fresh.documents and cached.rejections == fresh.rejections
    assert [d.facts.title for d in cached.documents].count("Leaving Las Vegas") == 5
    docs, rejected = store.read_bulk(corpus.parts(seeds_dir, sources)[0])
    assert docs == [d for d in fresh.documents if d.source.path == sources[0].path]
    assert rejected.height == 0


def test_a_shard_has_an_identity_that_changes_when_it_is_written_again(seeds_dir, location):
    _, store = parse(seeds_dir, location)
    src = corpus.detect_all(seeds_dir).sources[0]
    first = store.identity(src.sha256)
    assert first != "" and store.identity(src.sha256) == first
    assert store.identity("0" * 64) == ""
    store.shard(src).write_bytes(store.shard(src).read_bytes() + b"\0")
    assert store.identity(src.sha256) not in ("", first)


@pytest.mark.parametrize("corrupt", ["garbage", "truncated"])
def test_a_corrupt_shard_is_discarded_with_a_warning_and_parsed_again(seeds_dir, location, corrupt):
    fresh, store = parse(seeds_dir, location)
    sources = corpus.detect_all(seeds_dir).sources
    for src in sources:
        shard = store.shard(src)
        data = shard.read_bytes()
        shard.write_bytes(b"not a shard" if corrupt == "garbage" else data[: len(data) // 2])
    again, store = parse(seeds_dir, location)
    assert again.files_parsed == 5
    assert again.documents == fresh.documents and again.rejections == fresh.rejections
    assert len(store.warnings) == 5 and all("discarded" in w for w in store.warnings)
    repaired, store = parse(seeds_dir, location)
    assert (repaired.files_parsed, repaired.files_cached, store.warnings) == (0, 5, [])


def test_the_manifest_round_trips(seeds_dir, location):
    _, store = parse(seeds_dir, location)
    sources = corpus.detect_all(seeds_dir).sources
    expected = {s.path: s.sha256 for s in sources}
    assert ShardStore(paths.shards_dir(location), DEFAULT_LIMITS).previous_files() == expected
    (store.folder / MANIFEST).write_text("{")
    broken = ShardStore(paths.shards_dir(location), DEFAULT_LIMITS)
    assert broken.previous_files() == {}
    assert len(broken.warnings) == 1 and MANIFEST in broken.warnings[0]
    broken.finish(sources)
    assert ShardStore(paths.shards_dir(location), DEFAULT_LIMITS).previous_files() == expected


def test_finish_drops_shards_of_other_code_and_of_files_gone(seeds_dir, location):
    _, store = parse(seeds_dir, location)
    sources = corpus.detect_all(seeds_dir).sources
    stale = store.folder / "old-code-version"
    stale.mkdir()
    (stale / "x.parquet").write_bytes(b"old")
    store.finish(sources[1:])
    names = sorted(p.name for p in store.folder.iterdir())
    assert names == sorted([MANIFEST, store.entries.name])
    assert sorted(p.name for p in store.entries.iterdir()) == sorted(
        f"{s.sha256}.parquet" for s in sources[1:]
    )


def table_rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: sorted(conn.table(t).fetchall(), key=repr) for t in TABLES}


def parse_metadata(result, node: str, *keys: str) -> tuple:
    (mat,) = result.asset_materializations_for_node(node)
    return tuple(mat.metadata[k].value for k in keys)


@pytest.mark.slow
def test_a_build_with_its_shards_at_a_memory_url_equals_one_with_a_local_folder(
    tmp_path, seeds_dir, memory_root
):
    local = tmp_path / "local" / "warehouse.duckdb"
    assert materialize_warehouse(seeds_dir, local).success
    target = tmp_path / "memory" / "warehouse.duckdb"
    first = materialize_warehouse(seeds_dir, target, shards=memory_root)
    assert first.success
    assert parse_metadata(first, "parsed_documents", "files_parsed", "files_from_cache") == (5, 0)
    assert table_rows(target) == table_rows(local)
    with duckdb.connect(str(target), read_only=True) as conn:  # the equal tables are not empty ones
        assert conn.execute("select title from dim_film").fetchall() == [("Leaving Las Vegas",)]
        assert conn.execute("select count(*) from fact_nomination").fetchone()[0] > 0
    store = ShardStore(UPath(memory_root), DEFAULT_LIMITS)
    assert set(store.previous_files().values()) == {s.sha256 for s in corpus.detect_all(seeds_dir).sources}
    assert not (tmp_path / "memory" / "warehouse.duckdb.parse-cache").exists()  # nothing beside it
    again = materialize_warehouse(seeds_dir, target, shards=memory_root)  # the shards and frames reused
    assert parse_metadata(again, "parsed_documents", "files_parsed", "files_from_cache") == (0, 5)
    assert parse_metadata(again, "star_schema_frames", "frames_reused") == (True,)
    assert table_rows(target) == table_rows(local)
