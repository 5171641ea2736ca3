"""A fresh build of the seeds plus the whole shared corpus equals the golden copy, row for row.

An intended change of output is made by rewriting the golden files (``python -m tests.golden``);
the diff of ``tests/fixtures/golden/`` then shows exactly what changed."""

from __future__ import annotations

import difflib

import pytest

from tests import conftest, golden

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, str]:
    if not golden.corpus_available():
        pytest.skip(conftest.NEEDS_CORPUS)
    folder = tmp_path_factory.mktemp("golden")
    inputs = golden.gather_inputs(folder / "inputs")
    target = folder / "warehouse.duckdb"
    golden.build(inputs, target)
    return golden.dump(target)


def test_the_same_relations_as_the_golden_copy(fresh):
    assert sorted(fresh) == sorted(golden.read_golden())


@pytest.mark.parametrize("name", sorted(golden.read_golden()))
def test_relation_equals_the_golden_copy(fresh, name):
    expected = golden.read_golden()[name]
    actual = fresh.get(name, "")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=f"golden/{name}.csv",
                    tofile="fresh build",
                )
            )[:60]
        )
        pytest.fail(f"{name} differs from the golden copy:\n{diff}")
