"""Sensors: a run when input documents are added, changed or removed, and downstream assets
that follow their parents (declarative automation) when someone materializes a part by hand."""

import dagster as dg

from etl.defs.jobs import build_warehouse
from etl.defs.resources import InputsResource
from etl.lib.folder_state import FolderState, read_state


@dg.sensor(job=build_warehouse, minimum_interval_seconds=30,
           default_status=dg.DefaultSensorStatus.RUNNING)
def input_folder_sensor(context: dg.SensorEvaluationContext, inputs: InputsResource):
    """Watches the input folder. The run key is the fingerprint of the folder's contents, so
    the same state never runs twice; the cursor keeps the last state seen."""
    root = inputs.folder()
    if not root.is_dir():
        return dg.SkipReason(f"input folder {root} does not exist")
    previous = FolderState.from_json(context.cursor)
    state = read_state(root, previous)
    changes = state.changes(previous)
    context.update_cursor(state.to_json())
    if context.cursor is not None and previous.files and not any(changes.values()):
        return dg.SkipReason(f"no change in {root} ({len(state.files)} files)")
    summary = ", ".join(f"{len(v)} {k}" for k, v in changes.items() if v) or "first look"
    return dg.RunRequest(run_key=state.fingerprint(),
                         tags={"etl/input_change": summary, "etl/files": str(len(state.files))})


follow_parents_sensor = dg.AutomationConditionSensorDefinition(
    "follow_parents_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Evaluates the assets' automation conditions: each stage after intake is eager, "
                "so materializing source_files in the UI rebuilds everything downstream.",
)
