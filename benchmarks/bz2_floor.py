"""The bzip2 decompression floor of one core: how fast a multistream dump can be read at all.

Builds a multistream file in memory from real wiki text (the development corpus when it is
beside the checkout, else the seeds), about 100 pages per stream as Wikipedia's are, then times
``bz2.decompress`` of each stream on this core and prints compressed and decompressed MB/s.
Usage: ``.venv/bin/python benchmarks/bz2_floor.py [--mb 64]``.
"""

from __future__ import annotations

import argparse
import bz2
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _texts() -> list[bytes]:
    files = sorted(CORPUS.rglob("*")) if CORPUS.is_dir() else sorted((ROOT / "seeds").iterdir())
    return [p.read_bytes() for p in files if p.is_file()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=64, help="decompressed megabytes to build (default 64)")
    args = parser.parse_args()
    texts = [bz2.decompress(t) if t[:3] == b"BZh" else t for t in _texts()]
    plain, n = [], 0
    while sum(map(len, plain)) < args.mb * 1024**2:
        # ~100 pages a stream; each copy gets its own title line so streams differ
        plain.append(
            b"".join(b"<page><title>%d</title>" % (n + i) + texts[(n + i) % len(texts)] for i in range(100))
        )
        n += 100
    start = time.process_time()
    streams = [bz2.compress(p, 9) for p in plain]
    compress = time.process_time() - start
    start = time.process_time()
    for s in streams:
        bz2.decompress(s)
    seconds = time.process_time() - start
    size, raw = sum(map(len, streams)), sum(map(len, plain))
    print(
        f"{len(streams)} streams, {raw / 1e6:.0f} MB -> {size / 1e6:.1f} MB bz2 (ratio {raw / size:.1f}); compress {compress:.1f} s"
    )
    print(
        f"decompress on one core: {seconds:.2f} CPU s = {size / 1e6 / seconds:.1f} MB/s compressed, {raw / 1e6 / seconds:.1f} MB/s decompressed"
    )


if __name__ == "__main__":
    main()
