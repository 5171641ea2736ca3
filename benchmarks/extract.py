"""CPU cost of the project's extraction of a film article against one plain parse of it.

Takes N film articles (default 1000): copies of the film pages of the shared corpus
(``../shared/corpus/wikipedia-xml`` and ``wikipedia-xml-more``), each copy with its own page
title and its own infobox ``name`` so that the copies are distinct films. For every page, in
one run and interleaved, it times (CPU time) the parse stage of the project
(``documents.parse_page``) and a plain ``mwparserfromhell.parse(text)``, then prints:

- CPU ms per page of both, and their ratio (of the medians);
- mwparserfromhell parse calls per page and parsed characters per page character during the
  project's extraction (counted by wrapping mwparserfromhell's parser entry point here only).

Usage::

    .venv/bin/python benchmarks/extract.py [-n 1000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import mwparserfromhell
from mwparserfromhell.parser import Parser

from etl.lib.pipeline import documents
from etl.lib.pipeline.intake import XML, Page, SourceFile

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = ("wikipedia-xml", "wikipedia-xml-more")


def film_pages(corpus: Path) -> list[tuple[str, str]]:
    """(title, wikitext) of every film article of the corpus folders, in name order."""
    out = []
    for folder in FOLDERS:
        for path in sorted((corpus / folder).glob("*.xml")):
            for page in ET.parse(path).getroot().iter():
                if not page.tag.endswith("page"):
                    continue
                title = next((e.text for e in page.iter() if e.tag.endswith("title")), None)
                text = next((e.text for e in page.iter() if e.tag.endswith("text")), None)
                if title and text and documents.not_a_film_reason(_page(title, text)) is None:
                    out.append((title, text))
    return out


_INFOBOX = re.compile(r"\{\{\s*infobox[ _]+film", re.I)
_NAME = re.compile(r"\|\s*name\s*=[^\n|}]*")


def distinct_copy(title: str, text: str, k: int) -> tuple[str, str]:
    """Copy ``k`` of a page: its own title and its own infobox name (replaced when the
    infobox gives one, added first otherwise)."""
    new_title = f"{title} (copy {k})"
    box = _INFOBOX.search(text)
    if box is None:
        return new_title, text
    m = _NAME.search(text, box.end(), box.end() + 3000)
    if m is not None:
        return new_title, text[: m.start()] + f"| name = {new_title}" + text[m.end() :]
    return new_title, text[: box.end()] + f"\n| name = {new_title}\n" + text[box.end() :]


def _page(title: str, text: str) -> Page:
    src = SourceFile(f"{title}.xml", "0" * 64, len(text), XML)
    return Page(src, XML, text, title)


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
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    films = film_pages(args.corpus)
    if not films:
        raise SystemExit(f"no film page under {args.corpus}")
    pages = [distinct_copy(*films[i % len(films)], i // len(films)) for i in range(args.n)]
    counter = ParseCounter()
    ours, plain, page_chars, failed = [], [], 0, 0
    for title, text in pages:
        page = _page(title, text)
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


if __name__ == "__main__":
    main()
