"""CPU cost of the prose fact families of a film article (reception ratings, release prose,
home media, soundtrack), each timed on its own, against another checkout in the same run.

For every film article of the shared corpus, each family is run on a fresh ``Article`` whose
sections are cut beforehand (cutting them is shared by every family, so it is not counted),
and timed with CPU time. With ``--baseline DIR`` (another checkout of the project, e.g. an older
commit unpacked with ``git archive``), the same family of that checkout is timed right before
this one, page by page and round by round, so both see the same machine load. Both checkouts
are imported into this one process (the baseline's modules are loaded first, then set aside).

It prints, per family, the CPU ms per page (median over ``--rounds`` rounds of the mean over
the pages), the parser calls and parsed characters per page, and the ratio to the baseline.

``benchmarks/extract.py`` times the whole extraction; this times its prose part.

Usage::

    .venv/bin/python benchmarks/families.py [--rounds 7] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import SHARED_CORPUS, corpus_films
from extract import ParseCounter

Family = Callable[[Any], object]


def families() -> tuple[type, dict[str, Family]]:
    """The ``Article`` class and the prose families of the ``etl`` package importable now."""
    article = importlib.import_module("etl.lib.wiki.article")
    paragraphs = importlib.import_module("etl.lib.wiki.paragraphs")
    prose = importlib.import_module("etl.lib.extract.prose")
    releases = importlib.import_module("etl.lib.extract.releases")
    home_media = importlib.import_module("etl.lib.extract.home_media")
    soundtrack = importlib.import_module("etl.lib.extract.soundtrack")

    def reception(a):
        text = "\n".join(
            paragraphs.render_where(s.text, prose.might_rate, a.ctx, prose.might_carry)
            for s in a.titled("reception", "critical response")
        )
        return prose.ratings_from_prose(text)

    def release(a):
        found = releases.release_prose(a, a.ctx)
        text = releases.release_prose_text(found)
        return (
            releases.distributors_from_release_prose(a, found),
            prose.releases_from_prose(text),
            prose.box_office_from_prose(text),
        )

    return article.Article, {
        "reception": reception,
        "release prose": release,
        "home media": lambda a: home_media.read_home_media(a, a.ctx),
        "soundtrack": lambda a: soundtrack.parse_soundtrack(a, a.ctx, Counter()),
    }


def load_baseline(checkout: Path) -> tuple[type, dict[str, Family]]:
    """The families of another checkout, imported from it and then unregistered, so that the
    ``etl`` imported next is this checkout's."""
    own = [name for name in sys.modules if name == "etl" or name.startswith("etl.")]
    saved = {name: sys.modules.pop(name) for name in own}
    sys.path.insert(0, str(checkout.resolve()))
    try:
        found = families()
    finally:
        sys.path.remove(str(checkout.resolve()))
        for name in [n for n in sys.modules if n == "etl" or n.startswith("etl.")]:
            del sys.modules[name]
        sys.modules.update(saved)
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--baseline", type=Path, help="another checkout of the project, timed alongside")
    args = ap.parse_args()
    base = load_baseline(args.baseline) if args.baseline else None
    ours = families()
    pages = corpus_films(args.corpus)
    sides = {"ours": ours, **({"base": base} if base else {})}
    times = {(side, fam): [] for side in sides for fam in ours[1]}
    counts = {side: ParseCounter() for side in sides}
    parsed = {(side, fam): [0, 0] for side in sides for fam in ours[1]}
    for r in range(args.rounds):
        totals = dict.fromkeys(times, 0.0)
        for page in pages:
            for fam in ours[1]:
                for side in ("base", "ours") if base else ("ours",):
                    article_class, fams = sides[side]
                    article = article_class(page.title, page.text)
                    _ = article.sections
                    counter = counts[side]
                    counter.calls = counter.chars = 0
                    counter.on = r == 0
                    t0 = time.process_time()
                    fams[fam](article)
                    totals[side, fam] += time.process_time() - t0
                    counter.on = False
                    if r == 0:
                        parsed[side, fam][0] += counter.calls
                        parsed[side, fam][1] += counter.chars
        for key, total in totals.items():
            times[key].append(1000 * total / len(pages))
    n = len(pages)
    print(f"{n} corpus films, {args.rounds} rounds (CPU ms per page: median of the rounds' means)")
    for fam in ours[1]:
        line = f"{fam:14}: {statistics.median(times['ours', fam]):6.2f} ms"
        calls, chars = parsed["ours", fam]
        line += f", {calls / n:5.2f} parses, {chars / n:7.0f} chars"
        if base:
            b = statistics.median(times["base", fam])
            bcalls, bchars = parsed["base", fam]
            line += f" | baseline {b:6.2f} ms, {bcalls / n:5.2f} parses, {bchars / n:7.0f} chars"
            line += f" | ratio {statistics.median(times['ours', fam]) / b:.2f}"
        print(line)
    if base:
        ours_total = sum(statistics.median(times["ours", f]) for f in ours[1])
        base_total = sum(statistics.median(times["base", f]) for f in ours[1])
        print(
            f"{'all four':14}: {ours_total:6.2f} ms | baseline {base_total:6.2f} ms | ratio {ours_total / base_total:.2f}"
        )


if __name__ == "__main__":
    main()
