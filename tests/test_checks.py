"""The check step reads each table whole only while a check still needs it: every check says which
tables it reads, and the step lets the others go (it never holds the whole warehouse)."""

from __future__ import annotations

import duckdb
import pytest

from etl.defs.resources import InputsResource, WarehouseResource
from etl.defs.warehouse.checks import ALL_CHECKS, JUDGED, Frames, Resources
from etl.lib.store.tables import TABLE_SPECS
from tests.builds import materialize_warehouse

pytestmark = pytest.mark.slow


class Recording(Frames):
    """Frames that remember which tables were read whole since the last ``take``."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        super().__init__(conn)
        self.read: set[str] = set()

    def __getitem__(self, table: str):
        self.read.add(table)
        return super().__getitem__(table)

    def take(self) -> set[str]:
        read, self.read = self.read, set()
        return read


@pytest.fixture(scope="module")
def published(tmp_path_factory, seeds_dir):
    target = tmp_path_factory.mktemp("checks") / "warehouse.duckdb"
    assert materialize_warehouse(seeds_dir, target).success
    return seeds_dir, target


def test_every_check_is_judged_once_with_the_other_checks_of_its_table():
    assert sorted(c.spec.name + "@" + c.spec.asset_key.path[-1] for c in JUDGED) == sorted(
        c.spec.name + "@" + c.spec.asset_key.path[-1] for c in ALL_CHECKS
    )
    order = list(TABLE_SPECS)
    tables = [order.index(c.spec.asset_key.path[-1]) for c in JUDGED]
    assert tables == sorted(tables)


def test_every_check_reads_only_the_tables_it_names(published):
    seeds, target = published
    resources = Resources(InputsResource(seeds_dir=str(seeds)), WarehouseResource(path=str(target)))
    with duckdb.connect(str(target), read_only=True) as conn:
        frames = Recording(conn)
        held = []
        for n, check in enumerate(JUDGED):
            check.judge(frames, resources)
            assert frames.take() <= set(check.reads), check.spec.name
            frames.release({t for later in JUDGED[n + 1 :] for t in later.reads})
            held.append(set(frames._frames))
    assert held[-1] == set()
    # the fact tables (the warehouse's bulk) are let go table by table: never two held at once
    assert max(len({t for t in h if t.startswith("fact_")}) for h in held) == 1
