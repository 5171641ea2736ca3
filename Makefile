# Everything sets itself up: a private uv in .uv/, the project's locked environment in .venv/.
# Nothing but python3 (3.11+) and make is needed on the machine.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
export DAGSTER_HOME := $(CURDIR)/dagster_home
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint format dev clean

setup: $(VENV)/.installed

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock $(UV)
	$(UV) sync --frozen --extra dev --compile-bytecode --python $(PYTHON)
	touch $@

# The project's own bytecode is written first (compileall writes it even where
# PYTHONDONTWRITEBYTECODE is set, and skips what is up to date), so a build does not compile its
# modules from source every time; setup does the same for the environment.
run: setup
	$(VENV)/bin/python -m compileall -q etl
	$(VENV)/bin/etl build

test: setup
	$(VENV)/bin/python -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pyright

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

dev: setup
	$(VENV)/bin/dagster dev --host 127.0.0.1 --port 3000

clean:
	rm -rf .uv $(VENV) .pytest_cache warehouse.duckdb warehouse.building.duckdb* warehouse.duckdb.parse-cache warehouse.duckdb.frames-cache warehouse.duckdb.load
