"""The web UI end to end: `dagster dev` in a subprocess, driven through its GraphQL API.

One server (webserver + daemon + code server) is started for the module, on a free port of
127.0.0.1, with its own DAGSTER_HOME, input folder and warehouse under tmp; the whole process
group is terminated afterwards, whatever the outcome.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DAGSTER = Path(sys.executable).parent / "dagster"

STARTUP_TIMEOUT = 120  # webserver answering /server_info
LOAD_TIMEOUT = 120  # code location loaded (repositories visible)
RUN_TIMEOUT = 420  # our run reaching SUCCESS (it may queue behind a sensor run)
SENSOR_TIMEOUT = 300  # a document dropped into the input folder reaching the warehouse
SHUTDOWN_TIMEOUT = 20  # SIGTERM grace before SIGKILL

EXPECTED_ASSETS = {
    "source_files",
    "parsed_documents",
    "star_schema_frames",
    "dim_film",
    "fact_nomination",
    "rejected_document",
    "wins_by_award_body",
    "release_timeline",
    "published_warehouse",
}

# Only ever talk to 127.0.0.1, never through a proxy configured in the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DagsterDev:
    proc: subprocess.Popen
    port: int
    log: Path
    warehouse: Path
    inputs: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def tail(self, lines: int = 60) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n--- dagster dev log (tail) ---\n" + "\n".join(text.splitlines()[-lines:])

    def graphql(self, query: str, variables: dict | None = None, timeout: float = 60) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(
            f"{self.url}/graphql", data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                payload = json.loads(response.read().decode())
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"GraphQL HTTP {exc.code}: {exc.read()[:2000]!r}{self.tail()}") from exc
        assert not payload.get("errors"), f"GraphQL errors: {payload['errors']}{self.tail()}"
        return payload["data"]


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the whole process group, wait, then SIGKILL whatever is left of it."""
    pgid = proc.pid  # start_new_session: the leader's pid is the group id
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + SHUTDOWN_TIMEOUT
    try:
        proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
    except subprocess.TimeoutExpired:
        pass
    # The leader may be gone while children (daemon, code server, run worker) still exit.
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory, seeds_dir) -> DagsterDev:
    tmp = tmp_path_factory.mktemp("ui")
    home = tmp / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    inputs = tmp / "inputs"
    shutil.copytree(seeds_dir, inputs)
    warehouse = tmp / "out" / "films.duckdb"
    warehouse.parent.mkdir()
    log = tmp / "dagster-dev.log"
    port = _free_port()

    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "ETL_SEEDS_DIR": str(inputs),
        "ETL_WAREHOUSE": str(warehouse),
        "DAGSTER_DISABLE_TELEMETRY": "1",
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(DAGSTER), "dev", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = DagsterDev(proc=proc, port=port, log=log, warehouse=warehouse, inputs=inputs)
    try:
        _wait_until_up(server)
        yield server
    finally:
        _stop(proc)


def _wait_until_up(server: DagsterDev) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"dagster dev exited with {server.proc.returncode}{server.tail()}")
        try:
            with _OPENER.open(f"{server.url}/server_info", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
        time.sleep(1)
    pytest.fail(
        f"no answer on {server.url}/server_info after {STARTUP_TIMEOUT}s ({last_error}){server.tail()}"
    )


REPOSITORIES = """
query {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection {
      nodes {
        name
        location { name }
        jobs { name }
        schedules { name scheduleState { status } }
        sensors { name sensorState { status } }
      }
    }
    ... on Error { message }
  }
}
"""


def _repository(server: DagsterDev) -> dict:
    """The repository holding `build_warehouse`, once the code location has loaded."""
    deadline = time.monotonic() + LOAD_TIMEOUT
    result: dict = {}
    while time.monotonic() < deadline:
        result = server.graphql(REPOSITORIES)["repositoriesOrError"]
        assert result["__typename"] == "RepositoryConnection", f"{result}{server.tail()}"
        for repo in result["nodes"]:
            if "build_warehouse" in {job["name"] for job in repo["jobs"]}:
                return repo
        time.sleep(2)
    pytest.fail(f"no repository with build_warehouse after {LOAD_TIMEOUT}s: {result}{server.tail()}")


def test_assets_schedule_and_sensor_are_listed(dagster_dev):
    nodes = dagster_dev.graphql("query { assetNodes { assetKey { path } } }")["assetNodes"]
    keys = {"/".join(node["assetKey"]["path"]) for node in nodes}
    assert EXPECTED_ASSETS <= keys, f"missing {EXPECTED_ASSETS - keys} in {sorted(keys)}"

    repo = _repository(dagster_dev)
    schedules = {s["name"]: s["scheduleState"]["status"] for s in repo["schedules"]}
    sensors = {s["name"]: s["sensorState"]["status"] for s in repo["sensors"]}
    assert schedules.get("rebuild_warehouse_schedule") == "RUNNING", schedules
    assert sensors.get("input_folder_sensor") == "RUNNING", sensors


LAUNCH_RUN = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on PythonError { message stack }
    ... on Error { message }
  }
}
"""

RUN_STATUS = """
query RunStatus($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run { status }
    ... on Error { message }
  }
}
"""


def test_launching_build_warehouse_publishes_the_seed_film(dagster_dev):
    repo = _repository(dagster_dev)
    selector = {
        "repositoryLocationName": repo["location"]["name"],
        "repositoryName": repo["name"],
        "jobName": "build_warehouse",
    }
    launched = dagster_dev.graphql(LAUNCH_RUN, {"executionParams": {"selector": selector}})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", f"{launched}{dagster_dev.tail()}"
    run_id = launched["run"]["runId"]

    deadline = time.monotonic() + RUN_TIMEOUT
    seen = []
    while True:
        result = dagster_dev.graphql(RUN_STATUS, {"runId": run_id})["runOrError"]
        assert result["__typename"] == "Run", f"{result}{dagster_dev.tail()}"
        status = result["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == "SUCCESS":
            break
        assert status not in {"FAILURE", "CANCELED", "CANCELING"}, (
            f"run {run_id} ended {status} (statuses seen: {seen}){dagster_dev.tail()}"
        )
        assert time.monotonic() < deadline, (
            f"run {run_id} still {status} after {RUN_TIMEOUT}s (seen: {seen}){dagster_dev.tail()}"
        )
        time.sleep(2)

    conn = duckdb.connect(str(dagster_dev.warehouse), read_only=True)
    try:
        films = conn.execute("select title, release_year from dim_film").fetchall()
        nominations = conn.execute("select count(*) from fact_nomination").fetchall()
    finally:
        conn.close()
    assert films == [("Leaving Las Vegas", 1995)]
    assert nominations == [(61,)]


def _titles(path: Path) -> list[str]:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return [r[0] for r in conn.execute("select title from dim_film order by title").fetchall()]
    finally:
        conn.close()


SENSOR_RUNS = """
query SensorRuns($change: String!) {
  runsOrError(filter: {tags: [{key: "etl/input_change", value: $change},
                              {key: "dagster/sensor_name", value: "input_folder_sensor"}]}) {
    __typename
    ... on Runs { results { runId status } }
  }
}
"""

TERMINAL = {"SUCCESS", "FAILURE", "CANCELED"}


def _sensor_run(server: DagsterDev, change: str) -> dict:
    """The sensor's run for ``change`` (e.g. "1 added"), once it has reached a terminal state:
    a run can publish its warehouse while Dagster still reports it STARTED."""
    deadline = time.monotonic() + SENSOR_TIMEOUT + RUN_TIMEOUT
    runs: list[dict] = []
    while time.monotonic() < deadline:
        runs = server.graphql(SENSOR_RUNS, {"change": change})["runsOrError"]["results"]
        if runs and all(r["status"] in TERMINAL for r in runs):
            assert len(runs) == 1, f"one run per change, got {runs}"
            return runs[0]
        time.sleep(3)
    pytest.fail(
        f"no terminal sensor run for {change!r} after {SENSOR_TIMEOUT + RUN_TIMEOUT}s: {runs}{server.tail()}"
    )


def test_a_document_dropped_into_the_input_folder_adds_exactly_that_film(dagster_dev, corpus_dir):
    """Runs after the launched build: the sensor sees the new file and its run publishes it."""
    shutil.copy(corpus_dir / "Rocky.xml", dagster_dev.inputs / "Rocky.xml")
    run = _sensor_run(dagster_dev, "1 added")
    assert run["status"] == "SUCCESS", f"{run}{dagster_dev.tail()}"
    assert _titles(dagster_dev.warehouse) == ["Leaving Las Vegas", "Rocky"]


def test_removing_it_again_removes_the_film(dagster_dev, corpus_dir):
    """Back to the first folder state: the same fingerprint as the start, still a new run."""
    (dagster_dev.inputs / "Rocky.xml").unlink()
    run = _sensor_run(dagster_dev, "1 removed")
    assert run["status"] == "SUCCESS", f"{run}{dagster_dev.tail()}"
    assert _titles(dagster_dev.warehouse) == ["Leaving Las Vegas"]
