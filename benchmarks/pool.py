"""Pages per second of the parse stage with 1 worker (in-process) and with 2 or more, on the
same input in one run, and whether the results are identical. Usage:

    .venv/bin/python benchmarks/pool.py [--copies 3] [--workers 2] [--corpus DIR]

The input is the corpus pages written ``copies`` times as separate files (so one file is one
page). Other processes on the machine skew both figures; the ratio is what to read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from etl.lib.pipeline import corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikipedia-xml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--corpus", type=Path, default=SHARED)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for c in range(args.copies):
            for p in sorted(args.corpus.glob("*.xml")):
                shutil.copy(p, root / f"{c:02d}-{p.name}")
        found = corpus.detect_all(root)
        figures, results = {}, {}
        for n in (1, args.workers):
            wall = time.perf_counter()
            parsed = corpus.parse_all(root, found.sources, workers=n)
            wall = time.perf_counter() - wall
            pages = len(parsed.documents) + len(parsed.rejections)
            figures[n] = pages / wall
            results[n] = ([d.facts for d in parsed.documents], parsed.rejections)
            print(f"{n} worker(s): {pages} pages in {wall:.1f} s wall = {figures[n]:.2f} pages/s")
        print(
            f"ratio {args.workers} workers / 1: {figures[args.workers] / figures[1]:.2f}x; "
            f"identical results: {results[1] == results[args.workers]}"
        )


if __name__ == "__main__":
    main()
