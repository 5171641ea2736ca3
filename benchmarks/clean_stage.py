"""The clean stage alone (``frames.build``: shards to star-schema frames), from scratch and after one
page of a dump changed, side by side.

It writes the multistream dump of ``scale.py`` (N distinct film articles plus non-films), runs the
parse stage once, and builds the frames once to have the last build's kept frames. Then it
changes one film page, parses it, and, round after round, times the clean stage on the changed
dump from scratch (nothing kept) and incrementally (the kept frames of the unchanged dump), so
both see the same machine load. With ``--workers N`` (N > 1) each round also builds from scratch
with the films built on N processes, as a build with N workers does (wall seconds; the CPU
figure counts this process only). It also times reading every part's documents as heads against
decoding them. Prints medians of wall and CPU seconds and their ratio. Usage:

    .venv/bin/python benchmarks/clean_stage.py [--films 500] [--non-film-share 0.95] [--rounds 3] [--workers 1]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import film_copies
from scale import write_dump

from etl.lib.pipeline import corpus
from etl.lib.pipeline.intake import DEFAULT_LIMITS
from etl.lib.pipeline.shards import ShardStore
from etl.lib.store import frames


def timed(run: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def parse(inputs: Path, store: ShardStore) -> corpus.Intake:
    found = corpus.detect_all(inputs)
    every = corpus.parts(inputs, found.sources)
    corpus.write_parts(inputs, every, store, previous=store.previous_files(), workers=2)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--films", type=int, default=500)
    parser.add_argument("--non-film-share", type=float, default=0.95)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    films = list(film_copies(args.films))
    non_films = round(args.films * args.non_film_share / (1 - args.non_film_share))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        inputs.mkdir()
        write_dump(inputs, films, non_films)
        store = ShardStore(work / "shards", DEFAULT_LIMITS)
        found = parse(inputs, store)
        before = work / "kept-before"
        first = frames.build(inputs, found, store, before, work / "frames")

        every = corpus.parts(inputs, found.sources)
        heads = timed(lambda: [store.read_heads(p) for p in every])[2]
        decoded = timed(lambda: [store.read_bulk(p) for p in every])[2]
        documents = first["film_documents"]

        write_dump(inputs, films, non_films, changed=len(films) // 2)
        found = parse(inputs, store)
        full, one, spread = [], [], []
        summary = {}
        for n in range(args.rounds):
            scratch = work / f"kept-scratch-{n}"
            full.append(timed(lambda: frames.build(inputs, found, store, scratch, work / "frames"))[1:])
            if args.workers > 1:
                apart = work / f"kept-apart-{n}"
                build = lambda: frames.build(
                    inputs, found, store, apart, work / "frames", workers=args.workers
                )
                spread.append(timed(build)[1:])
            kept = work / f"kept-{n}"
            shutil.copytree(before, kept)
            summary, wall, cpu = timed(lambda: frames.build(inputs, found, store, kept, work / "frames"))
            one.append((wall, cpu))
    assert isinstance(summary, dict)
    print(
        f"dump: {len(films)} film pages + {non_films} non-films; {documents} documents, "
        f"{first['films']} films; after the change {summary['films_built']} built, {summary['films_kept']} kept"
    )
    print(
        f"documents read as heads: {heads / documents * 1000:.2f} ms CPU per document; "
        f"decoded: {decoded / documents * 1000:.2f} ms"
    )
    medians = {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in (
            ("from scratch", full),
            (f"{args.workers} workers", spread),
            ("1 page changed", one),
        )
        if runs
    }
    for name, (wall, cpu) in medians.items():
        print(f"{name:>15}: {wall:6.2f} s wall, {cpu:6.2f} s CPU (median of {args.rounds})")
    ratio = medians["1 page changed"][1] / medians["from scratch"][1]
    print(f"1 page changed / from scratch: {ratio:.1%} of the clean stage's CPU")
    if spread:
        ratio = medians[f"{args.workers} workers"][0] / medians["from scratch"][0]
        print(f"from scratch on {args.workers} workers / in this process: {ratio:.2f}x the wall time")


if __name__ == "__main__":
    main()
