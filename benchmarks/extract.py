"""CPU cost of the project's extraction of a film article against one plain parse of it.

Takes N film articles (default 1000): copies of the film pages of the shared corpus
(``../shared/corpus/wikipedia-xml`` and ``wikipedia-xml-more``), each copy with its own page
title and its own infobox ``name`` so that the copies are distinct films. For every page, in
one run and interleaved, it times (CPU time) the parse stage of the project
(``documents.parse_page``) and a plain ``mwparserfromhell.parse(text)``, then prints:

- CPU ms per page of both, and their ratio (of the medians);
- mwparserfromhell parse calls per page and parsed characters per page character during the
  project's extraction (counted by wrapping mwparserfromhell's parser entry point here only).

With ``--profile``, the extraction is run once more under ``cProfile`` after the timed run
and the functions that take the most cumulative time are printed (the timings above stay free
of the profiler's overhead).

Usage::

    .venv/bin/python benchmarks/extract.py [-n 1000] [--profile [--top 40]]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
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
    ap.add_argument("--profile", action="store_true", help="profile the extraction afterwards")
    ap.add_argument("--top", type=int, default=40, help="functions the profile prints (default 40)")
    args = ap.parse_args()
    pages = list(film_copies(args.n, args.corpus))
    films = {p.title.split(" (copy ")[0] for p in pages}
    counter = ParseCounter()
    ours, plain, page_chars, failed = [], [], 0, 0
    for wiki in pages:
        page, text = page_of(wiki), wiki.text
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
    if args.profile:
        profile(pages, args.top)


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
