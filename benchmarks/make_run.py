"""`make run` side by side: the seed build of two checkouts, interleaved, in one run.

Each round builds ``seeds/`` into a fresh temporary warehouse with each checkout's code, run by
the checkout's own locked environment (``CHECKOUT/.venv``, as ``make run`` does; the running
interpreter for a checkout without one; ``--python`` runs both with one interpreter, so only the
project's code differs), with a persistent Dagster instance as ``make run`` has, and records the
wall time and the CPU time of the build process (user + system: steadier than wall time on a
busy machine); the medians and their ratios are printed. The build runs through the function
each checkout's ``pyproject.toml`` names as its ``etl`` console script, as ``make run`` does.
Each checkout's ``etl/`` is byte-compiled once first, as ``make run`` does, so neither compiles
its modules on every round. Usage:

    .venv/bin/python benchmarks/make_run.py OLD_CHECKOUT [NEW_CHECKOUT] [--rounds 5] [--python PYTHON]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _python(checkout: Path, python: str | None) -> str:
    own = checkout / ".venv" / "bin" / "python"
    return python or (str(own) if own.exists() else sys.executable)


def _entry_point(checkout: Path) -> str:
    """The ``etl`` console script's code for the checkout: ``module:function`` as a statement."""
    project = tomllib.loads((checkout / "pyproject.toml").read_text(encoding="utf-8"))
    module, function = project["project"]["scripts"]["etl"].split(":")
    return f"import sys; from {module} import {function}; sys.exit({function}())"


def build_seconds(checkout: Path, scratch: Path, python: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one seed build."""
    warehouse = scratch / f"{checkout.name}-{time.monotonic_ns()}.duckdb"
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "ETL_SEEDS_DIR", "ETL_WAREHOUSE")}
    env["PYTHONPATH"] = str(checkout)
    # As `make run` does: a persistent instance (run and event storage on disk).
    home = scratch / f"home-{checkout.name}"
    if not home.exists():
        home.mkdir()
        shutil.copy(checkout / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env["DAGSTER_HOME"] = str(home)
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [
            _python(checkout, python),
            "-c",
            _entry_point(checkout),
            "build",
            "--seeds",
            str(checkout / "seeds"),
            "--warehouse",
            str(warehouse),
        ],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=HERE)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--python", help="one interpreter for both checkouts instead of their own .venv")
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    for name in ("old", "new"):
        checkout = getattr(args, name).resolve()
        subprocess.run(
            [_python(checkout, args.python), "-m", "compileall", "-q", "etl"], cwd=checkout, check=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for name in ("old", "new"):
                times[name].append(build_seconds(getattr(args, name).resolve(), Path(tmp), args.python))
    for n, what in enumerate(("wall", "CPU")):
        old = statistics.median(t[n] for t in times["old"])
        new = statistics.median(t[n] for t in times["new"])
        print(
            f"seed build {what}, median of {args.rounds}: old {old:.1f} s, new {new:.1f} s, new/old {new / old:.2f}"
        )


if __name__ == "__main__":
    main()
