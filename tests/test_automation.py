"""The schedule and the input-folder sensor, evaluated without a daemon."""

from __future__ import annotations

import dagster as dg

from etl import paths
from etl.definitions import defs as load_defs
from etl.defs.resources import InputsResource
from etl.defs.sensors import input_folder_sensor


def test_schedule_rebuilds_daily_and_is_on_by_default():
    schedule = load_defs().get_schedule_def("rebuild_warehouse_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 3 * * *", "UTC")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert schedule.job_name == "build_warehouse"


def test_schedule_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(paths.SCHEDULE_CRON_ENV, "30 5 * * 1")
    monkeypatch.setenv(paths.SCHEDULE_TIMEZONE_ENV, "Europe/Paris")
    assert paths.schedule_settings() == ("30 5 * * 1", "Europe/Paris")


def tick(folder, cursor):
    context = dg.build_sensor_context(
        cursor=cursor, resources={"inputs": InputsResource(seeds_dir=str(folder))}
    )
    result = input_folder_sensor(context)
    return result, context.cursor


def test_sensor_requests_a_run_per_new_folder_state(tmp_path):
    assert input_folder_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    (tmp_path / "a.txt").write_text("one")

    first, cursor = tick(tmp_path, None)
    assert isinstance(first, dg.RunRequest)

    same, cursor = tick(tmp_path, cursor)
    assert isinstance(same, dg.SkipReason)

    (tmp_path / "b.txt").write_text("two")
    added, cursor = tick(tmp_path, cursor)
    assert isinstance(added, dg.RunRequest) and added.run_key != first.run_key
    assert added.tags["etl/input_change"] == "1 added"

    (tmp_path / "a.txt").write_text("one, edited")
    changed, cursor = tick(tmp_path, cursor)
    assert changed.tags["etl/input_change"] == "1 changed"

    (tmp_path / "b.txt").unlink()
    (tmp_path / "a.txt").write_text("one")
    back, cursor = tick(tmp_path, cursor)
    # Back to the first state is a change too: a new run key, so the warehouse follows it.
    assert isinstance(back, dg.RunRequest)
    assert back.run_key not in {first.run_key, added.run_key, changed.run_key}
    assert back.tags["etl/input_change"] == "1 changed, 1 removed"


def test_a_file_added_then_removed_makes_three_runs(tmp_path):
    """A -> A+B -> A: three states, three runs with three keys (the removed film must go)."""
    (tmp_path / "a.txt").write_text("one")
    a, cursor = tick(tmp_path, None)
    (tmp_path / "b.txt").write_text("two")
    a_b, cursor = tick(tmp_path, cursor)
    (tmp_path / "b.txt").unlink()
    a_again, cursor = tick(tmp_path, cursor)
    assert all(isinstance(r, dg.RunRequest) for r in (a, a_b, a_again))
    assert len({a.run_key, a_b.run_key, a_again.run_key}) == 3
    assert a_again.tags["etl/input_change"] == "1 removed"
    # And nothing more until the folder changes again.
    quiet, cursor = tick(tmp_path, cursor)
    assert isinstance(quiet, dg.SkipReason)


def test_a_touched_file_with_the_same_content_is_no_change(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    first, cursor = tick(tmp_path, None)
    (tmp_path / "a.txt").write_text("one")  # rewritten: new mtime, same bytes
    again, cursor = tick(tmp_path, cursor)
    assert isinstance(first, dg.RunRequest) and isinstance(again, dg.SkipReason)


def test_sensor_skips_an_empty_folder(tmp_path):
    """A missing mount often shows as an empty folder: no run that would publish no films."""
    result, cursor = tick(tmp_path, None)
    assert isinstance(result, dg.SkipReason) and "no files" in str(result.skip_message)


def test_sensor_skips_a_missing_folder(tmp_path):
    result, _ = tick(tmp_path / "missing", None)
    assert isinstance(result, dg.SkipReason)


def test_downstream_stages_follow_their_parents(tmp_path, seeds_dir):
    """Materializing intake by hand makes the next stage due; a full build leaves nothing due."""
    from etl.defs.extract.assets import every_partition_tags
    from etl.defs.resources import ShardsResource, WarehouseResource

    defs = load_defs()
    resources = {
        "inputs": InputsResource(seeds_dir=str(seeds_dir)),
        "parse_shards": ShardsResource(location=str(tmp_path / "shards")),
        "warehouse_db": WarehouseResource(path=str(tmp_path / "w.duckdb")),
    }
    with dg.DagsterInstance.ephemeral() as instance:
        everything = [*defs.assets, *defs.asset_checks]
        full = every_partition_tags()  # what `etl build` and the sensor run: every partition
        assert dg.materialize(everything, instance=instance, resources=resources, tags=full).success
        settled = dg.evaluate_automation_conditions(defs=defs, instance=instance)
        assert settled.total_requested == 0

        assert dg.materialize(
            everything, instance=instance, resources=resources, selection=["source_files"]
        ).success
        due = dg.evaluate_automation_conditions(defs=defs, instance=instance, cursor=settled.cursor)
        every_key = defs.resolve_asset_graph().get_all_asset_keys()
        # One request for every stage after intake: they run together, in one run.
        requested = {k for k in every_key if due.get_requested_partitions(k)}
        assert requested == every_key - {dg.AssetKey("source_files")}


def test_a_cursor_from_before_sequences_still_reads(tmp_path):
    """The cursor used to hold only the files; a sensor upgraded in place carries on."""
    import json

    (tmp_path / "a.txt").write_text("one")
    _, cursor = tick(tmp_path, None)
    old_style = json.dumps(json.loads(cursor)["files"])
    same, cursor = tick(tmp_path, old_style)
    assert isinstance(same, dg.SkipReason)
    (tmp_path / "b.txt").write_text("two")
    added, _ = tick(tmp_path, cursor)
    assert isinstance(added, dg.RunRequest) and added.tags["etl/input_change"] == "1 added"
