"""Fuzz the real parse stage with mutated copies of every page of the shared corpus.

Each corpus page is mutated N times (unbalanced braces and tables, unclosed templates and
links, huge spans, deep nesting, invalid bytes, NUL, giant numbers; a fixed seed, so a run
repeats exactly). Every mutant is a raw wikitext file in a temporary folder, so intake's
detection and decoding see the bytes too.
The mutants of one page go through ``corpus.detect_all`` + ``corpus.parse_all`` (the worker
pool with its per-page budgets) together. It reports crashes (an exception out of the stage:
the mutant is then retried alone to name it), budget rejections, peak RSS of this process and
of the largest worker, and how every page ended. Usage:

    .venv/bin/python benchmarks/fuzz.py [-n 100] [--workers 2] [--cpu-seconds 20] [--corpus DIR ...]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from etl.lib.pipeline import corpus, workers
from etl.lib.pipeline.workers import Budget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _wikitext(path: Path) -> tuple[str, str]:
    root = ET.parse(path).getroot()
    title = next((e.text for e in root.iter() if e.tag.endswith("title")), path.stem)
    text = next((e.text for e in root.iter() if e.tag.endswith("text") and e.text), "")
    return title or path.stem, text


def _pieces(rng: random.Random) -> bytes:
    kind = rng.randrange(12)
    n = rng.choice([10, 1000, 100_000])
    return [
        lambda: b"{{" * n,  # unclosed braces
        lambda: b"{{x|" * n,  # unclosed templates with a name and a parameter
        lambda: b"[[x|" * n,  # unclosed links with a title and a text
        lambda: b"}}" * n,  # unopened closers
        lambda: b"\n{|\n|" * min(n, 20_000),  # unclosed tables
        lambda: b"\n|}\n" * min(n, 20_000),  # table ends without tables
        lambda: b"[[" * n,  # unclosed links
        lambda: b"{{a|" * min(n, 5000) + b"}}" * min(n, 5000),  # deep nesting
        lambda: b"x" * (n * 10),  # a huge span
        lambda: bytes(rng.randrange(256) for _ in range(min(n, 4000))),  # invalid bytes
        lambda: b"\x00" * min(n, 1000),  # NUL
        lambda: b"| budget = $" + b"9" * min(n, 5000) + b" million\n",  # a giant number
    ][kind]()


def mutate(text: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(text) + 1)
        if rng.random() < 0.2 and text:  # cut a slice out: unbalances whatever it crossed
            text = text[:i] + text[i + rng.randrange(1, 2000) :]
        else:
            text = text[:i] + _pieces(rng) + text[i:]
    return text


def _ending(r) -> str:
    if isinstance(r, corpus.ParsedDocument):
        return "film document"
    if workers.over_budget(r):
        return r.reason
    if r.reason.startswith("parser failed"):  # an extractor raised: name the exception
        return "rejected: " + r.reason[:110].replace("\n", " ")
    return "rejected: " + r.reason.split(":")[0][:60].replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100, help="mutants per corpus page")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cpu-seconds", type=float, default=20.0)
    parser.add_argument(
        "--corpus", type=Path, nargs="*", default=[SHARED / "wikipedia-xml", SHARED / "wikipedia-xml-more"]
    )
    args = parser.parse_args()
    budget = Budget(cpu_seconds=args.cpu_seconds)
    files = sorted(p for d in args.corpus for p in d.glob("*.xml"))
    rng = random.Random(20261201)
    endings: Counter = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    total = 0
    for k, path in enumerate(files, start=1):
        title, text = _wikitext(path)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for j in range(args.n):
                (root / f"{j:04d}.txt").write_bytes(mutate(text.encode("utf-8"), rng))
            try:
                found = corpus.detect_all(root)
                parsed = corpus.parse_all(root, found.sources, workers=args.workers, budget=budget)
                results = found.rejections + parsed.documents + parsed.rejections
                endings.update(_ending(r) for r in results)
            except Exception:  # a crash of the stage: name the mutant that causes it
                for one in sorted(root.iterdir()):
                    try:
                        src, rej = corpus.intake.detect_file(root, one)
                        corpus.parse_all(root, [src], workers=1, budget=budget)
                    except Exception as exc:
                        crashes.append(
                            f"{title} mutant {one.name}: {type(exc).__name__}: {exc}\n"
                            + "".join(traceback.format_exc(limit=-3))
                        )
                        endings["crash"] += 1
        total += args.n
        print(
            f"[{k}/{len(files)}] {title}: {total} mutants, {time.perf_counter() - start:.0f} s, "
            f"{len(crashes)} crashes",
            flush=True,
        )
    wall = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n{total} mutants of {len(files)} pages (N={args.n}) in {wall:.0f} s, {args.workers} workers")
    print(
        f"crashes: {len(crashes)}; hangs: 0 (every page ended); budget rejections: "
        f"{sum(v for k, v in endings.items() if k.startswith('over the '))}"
    )
    print(f"peak RSS: parent {me:.0f} MiB, largest worker {child:.0f} MiB")
    print("how every page ended:")
    for ending, count in endings.most_common():
        print(f"  {count:6d}  {ending}")
    for c in crashes[:20]:
        print("\nCRASH", c)


if __name__ == "__main__":
    main()
