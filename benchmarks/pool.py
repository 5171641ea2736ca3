"""Pages per second of the parse stage with 1 worker (in-process) and with 2 or more, on the
same input in one run, and whether the results are identical. Usage:

    .venv/bin/python benchmarks/pool.py [--copies 3] [--workers 2] [--corpus DIR] [--rounds 1]
    .venv/bin/python benchmarks/pool.py --films 200 [--workers 2] [--rounds 2]

The input is the corpus pages written ``copies`` times as separate files (so one file is one
page), or with ``--films N`` the dump of ``benchmarks/scale.py`` (N distinct films among 95%
non-films, multistream with its index), parsed into a shard store as a build's parse stage
does. ``--rounds`` repeats the pair, interleaved; the medians are printed. Other processes on
the machine skew both figures; the ratio is what to read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from etl.lib.pipeline import corpus, intake
from etl.lib.pipeline.shards import ShardStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import film_copies
from scale import cores_free, write_dump

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikipedia-xml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--films", type=int, default=0, help="a scale.py dump of N films instead")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "inputs"
        root.mkdir()
        if args.films:
            write_dump(root, list(film_copies(args.films)), round(args.films * 19))
        else:
            for c in range(args.copies):
                for p in sorted(args.corpus.glob("*.xml")):
                    shutil.copy(p, root / f"{c:02d}-{p.name}")
        print(f"cores the shared machine gave a busy loop on 2 processes, before: {cores_free():.2f}")
        found = corpus.detect_all(root)
        figures: dict[int, list[float]] = {1: [], args.workers: []}
        results = {}
        for r in range(args.rounds):
            for n in (1, args.workers):
                store = (
                    ShardStore(Path(tmp) / f"store-{r}-{n}", intake.DEFAULT_LIMITS) if args.films else None
                )
                wall = time.perf_counter()
                parsed = corpus.parse_all(root, found.sources, store=store, workers=n)
                wall = time.perf_counter() - wall
                pages = len(parsed.documents) + len(parsed.rejections)
                figures[n].append(pages / wall)
                results[n] = ([d.facts for d in parsed.documents], parsed.rejections)
                print(
                    f"round {r + 1}, {n} worker(s): {pages} pages in {wall:.1f} s wall = {pages / wall:.2f} pages/s"
                )
        print(f"cores the shared machine gave a busy loop on 2 processes, after: {cores_free():.2f}")
        one, many = statistics.median(figures[1]), statistics.median(figures[args.workers])
        print(
            f"median pages/s: 1 worker {one:.2f}, {args.workers} workers {many:.2f}; "
            f"ratio {many / one:.2f}x; identical results: {results[1] == results[args.workers]}"
        )


if __name__ == "__main__":
    main()
