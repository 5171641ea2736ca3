"""Sensors: a run when input documents are added, changed or removed, and downstream assets
that follow their parents (declarative automation) when someone materializes a part by hand."""

import dagster as dg

from etl.defs.extract.assets import every_partition_tags
from etl.defs.jobs import build_warehouse
from etl.defs.resources import InputsResource
from etl.lib.pipeline.folder_state import FolderState, next_state, read_state


@dg.sensor(job=build_warehouse, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def input_folder_sensor(context: dg.SensorEvaluationContext, inputs: InputsResource):
    """Watches the input folder. A run per change: the run key is the fingerprint of the
    folder's contents plus a sequence kept in the cursor, so going back to an earlier state
    (a file added, then removed) runs again. An empty or missing folder is skipped (a missing
    mount must not replace the warehouse). The run parses every partition, in one step."""
    root = inputs.folder()
    if not root.is_dir():
        return dg.SkipReason(f"input folder {root} does not exist")
    first_look = not context.cursor
    previous = FolderState.from_json(context.cursor)
    state = read_state(root, previous)
    if not state.files:
        return dg.SkipReason(f"input folder {root} holds no files")
    changes = state.changes(previous)
    if not first_look and not any(changes.values()):
        context.update_cursor(state.to_json())  # new mtimes, same content
        return dg.SkipReason(f"no change in {root} ({len(state.files)} files)")
    state = next_state(state)
    context.update_cursor(state.to_json())
    summary = ", ".join(f"{len(v)} {k}" for k, v in changes.items() if v) or "first look"
    tags = {"etl/input_change": summary, "etl/files": str(len(state.files)), **every_partition_tags()}
    return dg.RunRequest(run_key=state.run_key(), tags=tags)


follow_parents_sensor = dg.AutomationConditionSensorDefinition(
    "follow_parents_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Evaluates the assets' automation conditions: each stage after intake is eager, "
    "so materializing source_files in the UI rebuilds everything downstream.",
)
