"""Parse throughput and memory on a streamed, compressed MediaWiki dump.

Builds a bzip2 <mediawiki> dump of the development corpus pages repeated N times (films and
non-films alike) in a temporary folder, then runs intake + parse (no Dagster, no DuckDB) and
prints pages per second and the peak resident memory. Usage:

    .venv/bin/python benchmarks/parse_throughput.py [--copies 20] [--corpus ../shared/corpus/wikipedia-xml]
"""

from __future__ import annotations

import argparse
import bz2
import resource
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from etl.lib.pipeline import corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikipedia-xml",
    )
    args = parser.parse_args()
    pages = [
        ET.tostring(ET.parse(p).getroot(), encoding="unicode") for p in sorted(args.corpus.glob("*.xml"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with bz2.open(root / "dump.xml.bz2", "wt", encoding="utf-8") as f:
            f.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n')
            for _ in range(args.copies):
                for page in pages:
                    f.write(page + "\n")
            f.write("</mediawiki>\n")
        size = (root / "dump.xml.bz2").stat().st_size
        start = time.perf_counter()
        intake = corpus.detect_all(root)
        parsed = corpus.parse_all(root, intake.sources)
        elapsed = time.perf_counter() - start
    total = len(pages) * args.copies
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{total} pages ({size / 1e6:.1f} MB bzip2) in {elapsed:.1f} s: {total / elapsed:.1f} pages/s; "
        f"{len(parsed.documents)} film documents, {len(parsed.rejections)} rejected; peak RSS {peak_mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()
