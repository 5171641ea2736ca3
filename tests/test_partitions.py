"""The parse stage is partitioned (hash buckets of file paths), so the same definitions run on a
distributed executor: each partition run on Dagster's multiprocess executor, one after another,
then the load, give the tables of the one-process build. Parse partitions take no build lock."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl.definitions import defs as load_defs
from etl.defs.extract.assets import PARSE_BUCKETS, PARSE_PARTITIONS, parsed_documents, source_files
from etl.defs.resources import InputsResource, ShardsResource
from etl.lib.pipeline import corpus
from etl.lib.store import warehouse
from etl.lib.store.tables import TABLES
from tests.builds import materialize_warehouse

pytestmark = pytest.mark.slow

PARSE = dg.AssetSelection.assets("source_files", "parsed_documents")


def _definitions() -> dg.Definitions:
    defs = load_defs()
    return dg.Definitions(
        assets=defs.assets,
        asset_checks=defs.asset_checks,
        resources=defs.resources,
        jobs=[
            dg.define_asset_job("parse", selection=PARSE, executor_def=dg.multiprocess_executor),
            dg.define_asset_job(
                "load", selection=dg.AssetSelection.all() - PARSE, executor_def=dg.in_process_executor
            ),
        ],
    )


def parse_job() -> dg.JobDefinition:  # module level: the executor's processes rebuild it by name
    return _definitions().resolve_job_def("parse")


def load_job() -> dg.JobDefinition:
    return _definitions().resolve_job_def("load")


def table_rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: sorted(conn.table(t).fetchall(), key=repr) for t in TABLES}


def test_files_fall_in_stable_buckets():
    assert [corpus.bucket(p, 4) for p in ("000_003eaadb7e5ee350.txt", "002_42df566a22516ba3.txt")] == [2, 1]
    assert PARSE_PARTITIONS.get_partition_keys() == [str(b) for b in range(PARSE_BUCKETS)]


def test_partitions_on_the_multiprocess_executor_equal_the_in_process_build(tmp_path, seeds_dir, monkeypatch):
    in_process = tmp_path / "in-process" / "warehouse.duckdb"
    assert materialize_warehouse(seeds_dir, in_process).success

    target = tmp_path / "distributed" / "warehouse.duckdb"
    monkeypatch.setenv("ETL_SEEDS_DIR", str(seeds_dir))  # the executor's processes read these
    monkeypatch.setenv("ETL_WAREHOUSE", str(target))
    sources = corpus.detect_all(seeds_dir).sources
    with dg.instance_for_test() as instance:
        parsed = {}
        for key in PARSE_PARTITIONS.get_partition_keys():
            with dg.execute_job(
                dg.reconstructable(parse_job), instance, tags={"dagster/partition": key}
            ) as result:
                assert result.success
                (mat,) = result.asset_materializations_for_node("parsed_documents")
                assert mat.partition == key
                parsed[key] = mat.metadata["files_parsed"].value
        # each partition parsed the files of its bucket, and only those
        assert parsed == {
            str(b): len(corpus.in_buckets(sources, {b}, PARSE_BUCKETS)) for b in range(PARSE_BUCKETS)
        }
        assert sum(1 for n in parsed.values() if n) >= 2
        with dg.execute_job(dg.reconstructable(load_job), instance) as result:
            assert result.success
            (mat,) = result.asset_materializations_for_node("star_schema_frames")
            assert mat.metadata["files_parsed_again"].value == 0  # every shard was there
    assert table_rows(target) == table_rows(in_process)


def test_a_parse_partition_runs_while_a_build_holds_the_warehouse_lock(tmp_path, seeds_dir):
    parse = [source_files, parsed_documents]
    assert all("warehouse_db" not in a.required_resource_keys for a in parse)
    target = tmp_path / "warehouse.duckdb"
    shards = tmp_path / "shards"
    with warehouse.build_lock(target):  # a build of this warehouse is running
        result = dg.materialize(
            parse,
            resources={
                "inputs": InputsResource(seeds_dir=str(seeds_dir)),
                "parse_shards": ShardsResource(location=str(shards)),
            },
            partition_key="1",
        )
    assert result.success
    (mat,) = result.asset_materializations_for_node("parsed_documents")
    sources = corpus.detect_all(seeds_dir).sources
    assert mat.metadata["files_parsed"].value == len(corpus.in_buckets(sources, {1}, PARSE_BUCKETS)) > 0
    assert len(list(shards.rglob("*.parquet"))) == mat.metadata["files_parsed"].value
