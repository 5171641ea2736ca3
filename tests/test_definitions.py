"""The definitions `dagster dev` loads (etl.definitions, per pyproject's [tool.dagster])."""

from __future__ import annotations

import tomllib

import dagster as dg

from etl.lib.store.tables import TABLES, VIEWS
from tests.conftest import ROOT


def _defs() -> dg.Definitions:
    module = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["dagster"]["module_name"]
    assert module == "etl.definitions"
    from etl.definitions import defs

    return defs()


def test_definitions_load_with_every_stage_and_table():
    defs = _defs()
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"source_files", "parsed_documents", "star_schema_frames", *VIEWS, "published_warehouse"} | set(
        TABLES
    ) <= keys
    groups = {graph.get(dg.AssetKey(k)).group_name for k in keys}
    assert groups == {"extract", "clean", "warehouse", "views"}
    assert defs.resolve_job_def("build_warehouse") is not None
    assert set(defs.resources) == {"inputs", "parse_shards", "warehouse_db"}


def test_every_asset_has_a_description_and_kinds():
    graph = _defs().resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.kinds, key


def test_checks_guard_keys_files_and_amounts():
    graph = _defs().resolve_asset_graph()
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert ("dim_film", "unique_film_id") in checks
    assert ("fact_nomination", "foreign_keys_resolve") in checks
    assert ("dim_source", "every_input_file_accounted_for") in checks
    assert ("fact_box_office", "amount_low_not_above_high") in checks


def test_the_build_runs_in_six_steps_with_the_publication_guard_among_the_checks():
    job = _defs().resolve_job_def("build_warehouse")
    steps = sorted(node.name for node in job.graph.node_defs)
    assert steps == [
        "parsed_documents",
        "source_files",
        "star_schema_frames",
        "views_and_publication",
        "warehouse_checks",
        "warehouse_tables",
    ]
    checks = {
        k.name for k in job.asset_layer.asset_graph.asset_check_keys if k.asset_key == dg.AssetKey("dim_film")
    }
    assert "publication_keeps_films" in checks


def test_etl_build_runs_the_definitions_the_ui_loads():
    from etl.definitions import build_defs

    ui, cli = _defs(), build_defs()
    assert cli.resolve_asset_graph().get_all_asset_keys() == ui.resolve_asset_graph().get_all_asset_keys()
    assert cli.resolve_asset_graph().asset_check_keys == ui.resolve_asset_graph().asset_check_keys
    assert set(cli.resources) == set(ui.resources)
    job, ui_job = cli.resolve_job_def("build_warehouse"), ui.resolve_job_def("build_warehouse")
    assert job.executor_def is ui_job.executor_def is dg.in_process_executor
    assert sorted(n.name for n in job.graph.node_defs) == sorted(n.name for n in ui_job.graph.node_defs)
