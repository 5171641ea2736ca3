"""The golden copy of the warehouse: every table and view of a build of the seeds plus the whole
shared development corpus, sorted, one CSV per relation under ``tests/fixtures/golden/``.

``tests/test_golden.py`` compares a fresh build to it row for row, so any change of output shows
as a diff of these files. After an intended change, rewrite them and say why in the commit:

    .venv/bin/python -m tests.golden
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import duckdb

from tests.builds import materialize_warehouse

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FOLDERS = ("wikipedia-xml", "wikipedia-xml-more")

_RELATIONS = """
    select table_name from duckdb_tables() where schema_name = 'main' and not internal
    union all
    select view_name from duckdb_views() where schema_name = 'main' and not internal
    order by 1
"""


def corpus_available() -> bool:
    return all((SHARED_CORPUS / name).is_dir() for name in CORPUS_FOLDERS)


def gather_inputs(folder: Path) -> Path:
    """The seeds and both corpus folders side by side in ``folder``."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for name in CORPUS_FOLDERS:
        shutil.copytree(SHARED_CORPUS / name, folder / name)
    return folder


def build(inputs: Path, target: Path) -> None:
    result = materialize_warehouse(inputs, target, raise_on_error=False)
    if not result.success:
        raise RuntimeError("the golden build failed")


def _cell(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    return str(value)


def dump(warehouse: Path) -> dict[str, str]:
    """Every table and view of the warehouse as sorted CSV text, by relation name."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for (name,) in conn.execute(_RELATIONS).fetchall():
            relation = conn.table(name)
            rows = sorted([_cell(v) for v in row] for row in relation.fetchall())
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(relation.columns)
            writer.writerows(rows)
            out[name] = buffer.getvalue()
    return out


def read_golden() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.csv"))}


def write_golden(tables: dict[str, str]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.glob("*.csv"):
        old.unlink()
    for name, text in tables.items():
        (GOLDEN / f"{name}.csv").write_text(text, encoding="utf-8")


def main() -> int:
    import tempfile

    if not corpus_available():
        print(f"the shared corpus is not at {SHARED_CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        inputs = gather_inputs(Path(tmp) / "inputs")
        target = Path(tmp) / "golden.duckdb"
        build(inputs, target)
        tables = dump(target)
    write_golden(tables)
    print(f"wrote {len(tables)} relations to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
