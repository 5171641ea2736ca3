"""Whole-dump scale: a bzip2 dump of N distinct film articles plus non-films in a realistic share,
built from scratch, then again with no change, then with one page changed.

Prints, all measured in this one run: pages/s (wall and CPU), peak RSS of the build, cores used
(CPU seconds / wall seconds), and the ratio of the build's CPU per film page to a plain
``mwparserfromhell.parse`` of the same film pages. Each build runs ``etl build`` in its own
process, so peak RSS is the build's own. Usage:

    .venv/bin/python benchmarks/scale.py [--films 1000] [--non-film-share 0.95]
"""

from __future__ import annotations

import argparse
import bz2
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mwparserfromhell

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import film_copies, non_film, page_xml

ETL = Path(sys.executable).with_name("etl")


def write_dump(path: Path, films: list, non_films: int, changed: int | None = None) -> None:
    """The dump: films spread evenly among the non-films; ``changed`` edits one film page."""
    every = max(1, round((len(films) + non_films) / max(1, len(films))))
    with bz2.open(path, "wt", encoding="utf-8") as out:
        out.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n')
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
            out.write(page_xml(page_id, page))
            page_id += 1
        out.write("</mediawiki>\n")


def build(inputs: Path, warehouse: Path) -> dict:
    """One ``etl build`` in a child process: wall and CPU seconds, peak RSS of that child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}  # an ephemeral instance
    proc = subprocess.run(
        [str(ETL), "build", "--seeds", str(inputs), "--warehouse", str(warehouse)],
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss_mib": after.ru_maxrss / 1024}


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
    args = parser.parse_args()
    films = list(film_copies(args.films))
    non_films = round(args.films * args.non_film_share / (1 - args.non_film_share))
    total = len(films) + non_films
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        dump = inputs / "enwiki-pages-articles.xml.bz2"
        write_dump(dump, films, non_films)
        size = dump.stat().st_size
        warehouse = Path(tmp) / "warehouse.duckdb"
        full = build(inputs, warehouse)
        same = build(inputs, warehouse)
        write_dump(dump, films, non_films, changed=len(films) // 2)
        one = build(inputs, warehouse)
    plain = plain_parse_cpu(films)
    print(f"dump: {len(films)} film pages + {non_films} non-films = {total} pages, {size / 1e6:.1f} MB bzip2")
    for name, run in (("full build", full), ("no change", same), ("1 page changed", one)):
        print(
            f"{name:>15}: {run['wall']:7.1f} s wall, {run['cpu']:7.1f} s CPU, "
            f"{total / run['wall']:7.0f} pages/s wall, {total / max(run['cpu'], 1e-9):7.0f} pages/s CPU, "
            f"cores used {run['cpu'] / run['wall']:.2f}, peak RSS {run['rss_mib']:.0f} MiB, "
            f"{run['wall'] / full['wall']:.1%} of the full build"
        )
    print(
        f"plain mwparserfromhell.parse of the film pages: {plain / len(films) * 1000:.1f} ms CPU per page; "
        f"full build CPU per film page / plain parse: {full['cpu'] / plain:.2f}x"
    )


if __name__ == "__main__":
    main()
