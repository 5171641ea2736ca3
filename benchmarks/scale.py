"""Whole-dump scale: a bzip2 dump of N distinct film articles plus non-films in a realistic share,
built from scratch, then again with no change, then with one page changed.

The dump is written as Wikipedia publishes ``pages-articles-multistream``: bzip2 streams of 100
pages end to end, with its offsets index beside it (``--plain``: one bzip2 stream, no index).

Prints, all measured in this one run: pages/s (wall and CPU), peak RSS of the build, cores used
(CPU seconds / wall seconds), and the ratio of the build's CPU per film page to a plain
``mwparserfromhell.parse`` of the same film pages. Each build runs ``etl build`` in its own
process, so peak RSS is the build's own. Usage:

    .venv/bin/python benchmarks/scale.py [--films 1000] [--non-film-share 0.95] [--plain]
"""

from __future__ import annotations

import argparse
import bz2
import itertools
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mwparserfromhell

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import film_copies, non_film, page_xml

ETL = Path(sys.executable).with_name("etl")


PAGES_PER_STREAM = 100  # as in Wikipedia's multistream dumps


def pages_of(films: list, non_films: int, changed: int | None = None):
    """``(page id, page)``: films spread evenly among the non-films; ``changed`` edits one film."""
    every = max(1, round((len(films) + non_films) / max(1, len(films))))
    page_id, f, n = 1, 0, 0
    while f < len(films) or n < non_films:
        if f < len(films) and (page_id % every == 0 or n >= non_films):
            page = films[f]
            if changed == f:
                page = type(page)(page.title, page.text + "\n\nThis page was edited.\n")
            f += 1
        else:
            page = non_film(n)
            n += 1
        yield page_id, page
        page_id += 1


HEADER = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n'


def write_dump(folder: Path, films: list, non_films: int, changed: int | None = None, plain: bool = False):
    """The dump in ``folder``: one bzip2 stream, or (multistream) streams of ``PAGES_PER_STREAM``
    pages with the index of their offsets beside it, as ``offset:page_id:title`` lines."""
    pages = pages_of(films, non_films, changed)
    dump = folder / (
        "enwiki-pages-articles.xml.bz2" if plain else "enwiki-pages-articles-multistream.xml.bz2"
    )
    if plain:
        with bz2.open(dump, "wt", encoding="utf-8") as out:
            out.write(HEADER)
            for page_id, page in pages:
                out.write(page_xml(page_id, page))
            out.write("</mediawiki>\n")
        return
    index = folder / "enwiki-pages-articles-multistream-index.txt.bz2"
    with open(dump, "wb") as out, bz2.open(index, "wt", encoding="utf-8") as lines:
        out.write(bz2.compress(HEADER.encode()))
        while batch := list(itertools.islice(pages, PAGES_PER_STREAM)):
            offset = out.tell()
            out.write(bz2.compress("".join(page_xml(i, p) for i, p in batch).encode()))
            lines.writelines(f"{offset}:{i}:{p.title}\n" for i, p in batch)
        out.write(bz2.compress(b"</mediawiki>\n"))


def build(inputs: Path, warehouse: Path) -> dict:
    """One ``etl build`` in a child process: wall and CPU seconds, and the peak RSS of that
    child alone (``wait4`` gives its own usage; RUSAGE_CHILDREN's peak would be the peak of
    every build so far)."""
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}  # an ephemeral instance
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            [str(ETL), "build", "--seeds", str(inputs), "--warehouse", str(warehouse)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build failed:\n{log.read()[-4000:]}")
    cpu = usage.ru_utime + usage.ru_stime  # the build and the parse workers it waited for
    return {"wall": wall, "cpu": cpu, "rss_mib": usage.ru_maxrss / 1024}


def _busy(at: float) -> float:
    """Wall seconds of a fixed busy loop, started at the epoch time ``at`` (0: now)."""
    time.sleep(max(0.0, at - time.time()))
    start = time.perf_counter()
    x = 0
    for i in range(10_000_000):
        x += i
    return time.perf_counter() - start


def cores_free(processes: int = 2) -> float:
    """How many cores this machine gives now (it is shared): a busy loop on 1 process, then on
    ``processes`` at once; ``processes`` when nothing else runs."""
    alone = _busy(0)
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        # Every loop starts at the same moment, once the workers have started (spawned workers
        # import this module first, which must not count).
        pool.map(time.sleep, [0.5] * processes, chunksize=1)
        at = time.time() + 1.0
        walls = pool.map(_busy, [at] * processes, chunksize=1)
    return processes * alone / max(walls)


def plain_parse_cpu(films: list) -> float:
    start = time.process_time()
    for page in films:
        mwparserfromhell.parse(page.text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--films", type=int, default=1000)
    parser.add_argument("--non-film-share", type=float, default=0.95)
    parser.add_argument("--plain", action="store_true", help="one bzip2 stream, no multistream index")
    args = parser.parse_args()
    free_before = cores_free()
    films = list(film_copies(args.films))
    non_films = round(args.films * args.non_film_share / (1 - args.non_film_share))
    total = len(films) + non_films
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        write_dump(inputs, films, non_films, plain=args.plain)
        size = sum(p.stat().st_size for p in inputs.iterdir())
        warehouse = Path(tmp) / "warehouse.duckdb"
        full = build(inputs, warehouse)
        same = build(inputs, warehouse)
        write_dump(inputs, films, non_films, changed=len(films) // 2, plain=args.plain)
        one = build(inputs, warehouse)
    plain = plain_parse_cpu(films)
    free_after = cores_free()
    layout = (
        "one bzip2 stream"
        if args.plain
        else f"multistream, {PAGES_PER_STREAM} pages a stream, with its index"
    )
    print(
        f"dump: {len(films)} film pages + {non_films} non-films = {total} pages, "
        f"{size / 1e6:.1f} MB bzip2 ({layout})"
    )
    for name, run in (("full build", full), ("no change", same), ("1 page changed", one)):
        print(
            f"{name:>15}: {run['wall']:7.1f} s wall, {run['cpu']:7.1f} s CPU, "
            f"{total / run['wall']:7.0f} pages/s wall, {total / max(run['cpu'], 1e-9):7.0f} pages/s CPU, "
            f"cores used {run['cpu'] / run['wall']:.2f}, peak RSS {run['rss_mib']:.0f} MiB, "
            f"{run['wall'] / full['wall']:.1%} of the full build"
        )
    print(
        f"cores the shared machine gave a busy loop on 2 processes: {free_before:.2f} before, {free_after:.2f} after"
    )
    print(
        f"plain mwparserfromhell.parse of the film pages: {plain / len(films) * 1000:.1f} ms CPU per page; "
        f"full build CPU per film page / plain parse: {full['cpu'] / plain:.2f}x"
    )


if __name__ == "__main__":
    main()
