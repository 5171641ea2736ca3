"""The scheduled rebuild. Cron string and timezone are settings (``ETL_BUILD_CRON``,
``ETL_BUILD_TIMEZONE``; daily at 03:00 UTC by default). On as soon as the daemon runs."""

import dagster as dg

from etl import paths
from etl.defs.jobs import build_warehouse


@dg.definitions
def schedules() -> dg.Definitions:
    cron, timezone = paths.schedule_settings()
    return dg.Definitions(
        schedules=[
            dg.ScheduleDefinition(
                name="rebuild_warehouse_schedule",
                job=build_warehouse,
                cron_schedule=cron,
                execution_timezone=timezone,
                default_status=dg.DefaultScheduleStatus.RUNNING,
                description=f"Rebuild and publish the warehouse ({cron}, {timezone}).",
            )
        ]
    )
