"""``etl/lib`` is layered: each module imports only from its own layer or the layers below, there
is no import cycle, and nothing in it imports Dagster."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "etl" / "lib"
# Bottom to top: the records, wiki syntax, text parsing, the extractors, the pipeline, the store.
LAYERS = ["model", "wiki", "text", "extract", "pipeline", "store"]


def _module(path: Path) -> str:
    return ".".join(("etl", "lib", *path.relative_to(LIB).with_suffix("").parts)).removesuffix(".__init__")


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[2])


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "etl.lib":
                out.update(f"etl.lib.{a.name}" for a in node.names)
            else:
                out.add(node.module)
                out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


MODULES = {_module(p): p for p in sorted(LIB.rglob("*.py")) if p.parent != LIB or p.stem == "model"}
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}
# Sub-packages inside a layer (``extract/accolades/``): the modules below their ``__init__``.
PACKAGES = sorted({m.rsplit(".", 1)[0] for m in MODULES if len(m.split(".")) > 4})


def test_every_module_sits_in_a_layer():
    assert {m.split(".")[2] for m in MODULES} <= set(LAYERS)
    assert sorted(p.name for p in LIB.glob("*.py")) == ["__init__.py", "model.py"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_only(module):
    upward = sorted(i for i in GRAPH[module] if _layer(i) > _layer(module))
    assert upward == [], f"{module} imports from a layer above it"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_dagster_in_lib(module):
    assert not any(i == "dagster" or i.startswith("dagster.") for i in _imports(MODULES[module]))


def test_the_accolades_package_is_found():
    assert "etl.lib.extract.accolades" in PACKAGES


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_s_modules_never_import_its_init(package):
    """The ``__init__`` re-exports its modules: a module importing it would import itself."""
    inside = [m for m in MODULES if m.startswith(package + ".")]
    assert sorted(m for m in inside if package in GRAPH[m]) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_is_used_through_its_init(package):
    """Outside a sub-package, only the names its ``__init__`` exports are used."""
    outside = [m for m in MODULES if m != package and not m.startswith(package + ".")]
    assert sorted((m, i) for m in outside for i in GRAPH[m] if i.startswith(package + ".")) == []


def test_no_import_cycles():
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail + [m, n]))
            if n not in state:
                visit(n, trail + [m])
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [])


def _reaches(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for n in GRAPH[todo.pop()] - seen:
            seen.add(n)
            todo.append(n)
    return seen


def test_intake_detects_kinds_without_the_extractors():
    """Detection is pure string tests (``text/kinds.py``): reading a folder loads no extractor."""
    assert sorted(m for m in _reaches("etl.lib.pipeline.intake") if m.startswith("etl.lib.extract")) == []
