"""The whole Dagster graph built into a DuckDB file, as tests and the golden copy build it."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from etl.definitions import defs as load_defs
from etl.defs.resources import InputsResource, ShardsResource, WarehouseResource


def materialize_warehouse(
    inputs: Path,
    target: Path,
    *,
    raise_on_error: bool = True,
    shards: str | None = None,
    **warehouse_fields,
) -> dg.ExecuteInProcessResult:
    """Every asset and check, loaded through the same Definitions `dagster dev` loads, with
    the input folder ``inputs`` and the warehouse file ``target``; the shards beside it, or at
    ``shards`` (a folder or an fsspec URL)."""
    defs = load_defs()
    return dg.materialize(
        [*defs.assets, *defs.asset_checks],
        resources={
            "inputs": InputsResource(seeds_dir=str(inputs)),
            "parse_shards": ShardsResource(
                location=shards or str(WarehouseResource(path=str(target)).parse_cache_path())
            ),
            "warehouse_db": WarehouseResource(path=str(target), **warehouse_fields),
        },
        selection=dg.AssetSelection.all(),
        raise_on_error=raise_on_error,
    )


def load_mode(result: dg.ExecuteInProcessResult) -> str:
    """How the build's working file got its tables (``warehouse_tables``' ``load`` metadata, the
    same on every table): copied, patched or loaded."""
    (mode,) = {m.metadata["load"].value for m in result.asset_materializations_for_node("warehouse_tables")}
    return mode  # type: ignore[return-value]
