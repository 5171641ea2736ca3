"""Reading the shards back from a local folder, from ``memory://`` and from ``file://``.

Parses a folder (the seeds by default) once into a local shard store, copies that store to a
``memory://`` and a ``file://`` location, then, round after round and store after store (so
every store sees the same machine load), times reading every part's shard back, ``--reads``
times per sample: as heads (``ShardStore.read_heads``: no document decoded, mostly the read
itself) and whole (``ShardStore.read_bulk``: documents decoded, rejections as one frame). Prints
the median wall milliseconds of one read of every shard and each store's ratio to the local
folder. Usage:

    .venv/bin/python benchmarks/shard_store.py [--inputs seeds] [--rounds 7] [--reads 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from upath import UPath

from etl import paths
from etl.lib.pipeline import corpus
from etl.lib.pipeline.intake import DEFAULT_LIMITS
from etl.lib.pipeline.shards import Part, ShardStore


def read_bulk(store: ShardStore, every: list[Part]) -> int:
    return sum(len(store.read_bulk(part)[0]) for part in every)


def read_heads(store: ShardStore, every: list[Part]) -> int:
    return sum(store.read_heads(part).height for part in every)


READS = {"heads": read_heads, "whole": read_bulk}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=Path, default=paths.DEFAULT_SEEDS_DIR)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--reads", type=int, default=20)
    args = parser.parse_args()
    found = corpus.detect_all(args.inputs)
    every = corpus.parts(args.inputs, found.sources)
    memory = UPath(f"memory://shard-bench-{uuid.uuid4().hex}")
    with tempfile.TemporaryDirectory() as tmp:
        local = ShardStore(Path(tmp) / "local", DEFAULT_LIMITS)
        corpus.write_parts(args.inputs, every, local, previous={})
        local.finish(found.sources, [p.key for p in every])
        file_url = UPath((Path(tmp) / "file").as_uri())
        for target in (memory, file_url):
            target.fs.put(str(local.folder), target.path, recursive=True)
        stores = {
            "local": local,
            "memory://": ShardStore(memory, DEFAULT_LIMITS),
            "file://": ShardStore(file_url, DEFAULT_LIMITS),
        }
        docs = {name: read_bulk(store, every) for name, store in stores.items()}
        assert len(set(docs.values())) == 1 and all(not s.warnings for s in stores.values()), docs
        times: dict[tuple[str, str], list[float]] = {(r, s): [] for r in READS for s in stores}
        for _ in range(args.rounds):
            for read, run in READS.items():
                for name, store in stores.items():
                    start = time.perf_counter()
                    for _ in range(args.reads):
                        run(store, every)
                    times[read, name].append((time.perf_counter() - start) / args.reads)
        memory.fs.rm(memory.path, recursive=True)
    print(f"{len(every)} shards, {docs['local']} documents; medians of {args.rounds} rounds:")
    for read in READS:
        base = statistics.median(times[read, "local"])
        for name in stores:
            median = statistics.median(times[read, name])
            print(f"  {read:6} {name:10} {median * 1000:8.2f} ms   {median / base:5.2f}x local")


if __name__ == "__main__":
    main()
