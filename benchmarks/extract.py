"""CPU cost of the project's extraction of a film article against one plain parse of it.

Takes N film articles (default 1000): copies of the film pages of the shared corpus
(``../shared/corpus/wikipedia-xml`` and ``wikipedia-xml-more``), each copy with its own page
title and its own infobox ``name`` so that the copies are distinct films. For every page, in
one run and interleaved, it times (CPU time) the parse stage of the project
(``documents.parse_page``) and a plain ``mwparserfromhell.parse(text)``, then prints:

- CPU ms per page of both, and their ratio (of the medians);
- mwparserfromhell parse calls per page and parsed characters per page character during the
  project's extraction (counted by wrapping mwparserfromhell's parser entry point here only).

With ``--baseline DIR`` (another checkout of the project, e.g. an older commit unpacked with
``git archive``), the extraction of that checkout is timed too, page for page in the same run:
a child process imports the project from DIR and times each page when asked, between the two
timings here, and the same figures are printed for it with the ratio of the two extractions.

With ``--profile``, the extraction is run once more under ``cProfile`` after the timed run
and the functions that take the most cumulative time are printed (the timings above stay free
of the profiler's overhead).

Usage::

    .venv/bin/python benchmarks/extract.py [-n 1000] [--baseline DIR] [--profile [--top 40]]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

import mwparserfromhell
from mwparserfromhell.parser import Parser

from etl.lib.pipeline import documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import SHARED_CORPUS, film_copies, page_of


class ParseCounter:
    """Counts the calls and characters of mwparserfromhell's parser while ``on``."""

    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0
        self.on = False
        original = Parser.parse
        counter = self

        def parse(parser, text, *args, **kwargs):
            if counter.on:
                counter.calls += 1
                counter.chars += len(text)
            return original(parser, text, *args, **kwargs)

        setattr(Parser, "parse", parse)  # noqa: B010 - instrumenting the parser for this run only


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000, help="pages to time (default 1000)")
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--baseline", type=Path, help="another checkout of the project, timed alongside")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the baseline's child
    ap.add_argument("--profile", action="store_true", help="profile the extraction afterwards")
    ap.add_argument("--top", type=int, default=40, help="functions the profile prints (default 40)")
    args = ap.parse_args()
    pages = list(film_copies(args.n, args.corpus))
    if args.serve:
        serve(pages)
        return
    baseline = Baseline(args.baseline, args.n, args.corpus) if args.baseline else None
    films = {p.title.split(" (copy ")[0] for p in pages}
    counter = ParseCounter()
    ours, plain, base, page_chars, failed = [], [], [], 0, 0
    base_calls = base_chars = 0
    for k, wiki in enumerate(pages):
        page, text = page_of(wiki), wiki.text
        if baseline is not None:
            cpu, calls, chars = baseline.time(k)
            base.append(cpu)
            base_calls, base_chars = base_calls + calls, base_chars + chars
        counter.on = True
        t0 = time.process_time()
        result = documents.parse_page(page)
        t1 = time.process_time()
        counter.on = False
        mwparserfromhell.parse(text)
        t2 = time.process_time()
        ours.append(t1 - t0)
        plain.append(t2 - t1)
        page_chars += len(text)
        failed += not isinstance(result, documents.ParsedDocument)
    n = len(pages)
    med_ours, med_plain = statistics.median(ours), statistics.median(plain)
    print(f"{n} pages ({len(films)} distinct corpus films, {failed} not parsed as films)")
    print(f"extraction      : {1000 * med_ours:8.1f} ms/page median, {1000 * sum(ours) / n:8.1f} mean (CPU)")
    print(
        f"plain mwp.parse : {1000 * med_plain:8.1f} ms/page median, {1000 * sum(plain) / n:8.1f} mean (CPU)"
    )
    print(f"ratio           : {med_ours / med_plain:8.2f} (medians), {sum(ours) / sum(plain):.2f} (totals)")
    print(f"parse calls/page: {counter.calls / n:8.1f}")
    print(f"parsed chars per page char: {counter.chars / page_chars:.2f}")
    if baseline is not None:
        med_base = statistics.median(base)
        print(f"baseline ({args.baseline}):")
        print(
            f"  extraction    : {1000 * med_base:8.1f} ms/page median, {1000 * sum(base) / n:8.1f} mean (CPU)"
        )
        print(
            f"  ratio to plain: {med_base / med_plain:8.2f} (medians), {sum(base) / sum(plain):.2f} (totals)"
        )
        print(
            f"  parse calls/page: {base_calls / n:6.1f}, parsed chars per page char: {base_chars / page_chars:.2f}"
        )
        print(
            f"extraction / baseline: {med_ours / med_base:.2f} (medians), {sum(ours) / sum(base):.2f} (totals)"
        )
        baseline.close()
    if args.profile:
        profile(pages, args.top)


class Baseline:
    """A child process that imports the project from another checkout and times one page
    (by its index in the same list of copies) each time it is asked."""

    def __init__(self, checkout: Path, n: int, corpus: Path):
        env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
        command = [sys.executable, __file__, "--serve", "-n", str(n), "--corpus", str(corpus)]
        self.child = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.child.stdin is not None and self.child.stdout is not None
        self.stdin, self.stdout = self.child.stdin, self.child.stdout
        if self.stdout.readline().strip() != "ready":
            raise RuntimeError("the baseline process did not start")

    def time(self, k: int) -> tuple[float, int, int]:
        self.stdin.write(f"{k}\n")
        self.stdin.flush()
        cpu, calls, chars = self.stdout.readline().split()
        return float(cpu), int(calls), int(chars)

    def close(self) -> None:
        self.stdin.close()
        self.child.wait()


def serve(pages: list) -> None:
    """The baseline's side: for each index read, the CPU time, parse calls and parsed
    characters of that page's extraction."""
    counter = ParseCounter()
    page_list = [page_of(wiki) for wiki in pages]
    print("ready", flush=True)
    for line in sys.stdin:
        page = page_list[int(line)]
        counter.calls = counter.chars = 0
        counter.on = True
        t0 = time.process_time()
        documents.parse_page(page)
        t1 = time.process_time()
        counter.on = False
        print(f"{t1 - t0} {counter.calls} {counter.chars}", flush=True)


def profile(pages: list, top: int) -> None:
    """The extraction of ``pages`` under cProfile: the ``top`` functions by cumulative time."""
    page_list = [page_of(wiki) for wiki in pages]
    profiler = cProfile.Profile()
    profiler.enable()
    for page in page_list:
        documents.parse_page(page)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main()
