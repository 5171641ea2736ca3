"""Distinct film pages for benchmarks: copies of the shared development corpus, each copy with
its own page title and its own infobox ``name``, so every copy is a film of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.lib.pipeline import documents
from etl.lib.pipeline.intake import XML, Page, SourceFile

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = ("wikipedia-xml", "wikipedia-xml-more")
_INFOBOX = re.compile(r"\{\{\s*infobox[ _]+film", re.I)
_NAME = re.compile(r"\|\s*name\s*=[^\n|}]*")


@dataclass(frozen=True)
class WikiPage:
    title: str
    text: str


def page_of(page: WikiPage) -> Page:
    """The page as intake hands it to the parse stage."""
    src = SourceFile(f"{page.title}.xml", "0" * 64, len(page.text), XML)
    return Page(src, XML, page.text, page.title)


def corpus_films(root: Path = SHARED_CORPUS) -> list[WikiPage]:
    """The film articles of the shared corpus, in name order (what the parse stage loads as films)."""
    pages = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.xml")):
            page = ET.parse(path).getroot()
            title = page.findtext("./title") or path.stem
            text = page.findtext("./revision/text") or ""
            if documents.not_a_film_reason(page_of(WikiPage(title, text))) is None:
                pages.append(WikiPage(title, text))
    if not pages:
        raise SystemExit(f"no film pages under {root}: the shared corpus is needed")
    return pages


def distinct_copy(page: WikiPage, k: int) -> WikiPage:
    """Copy ``k`` of a page: its own title and its own infobox name (replaced when the infobox
    gives one, added first otherwise)."""
    title = f"{page.title} (copy {k})"
    box = _INFOBOX.search(page.text)
    if box is None:
        return WikiPage(title, page.text)
    m = _NAME.search(page.text, box.end(), box.end() + 3000)
    if m is not None:
        return WikiPage(title, page.text[: m.start()] + f"| name = {title}" + page.text[m.end() :])
    return WikiPage(title, page.text[: box.end()] + f"\n| name = {title}\n" + page.text[box.end() :])


def film_copies(n: int, root: Path = SHARED_CORPUS) -> Iterator[WikiPage]:
    """``n`` distinct film pages: the corpus films, then their copies 1, 2, ..."""
    films = corpus_films(root)
    for i in range(n):
        base, k = films[i % len(films)], i // len(films)
        yield base if k == 0 else distinct_copy(base, k)


def non_film(i: int) -> WikiPage:
    """A small non-film article, like most pages of a real dump."""
    title = f"Village {i}"
    text = (
        f"{{{{Infobox settlement\n| name = {title}\n| population_total = {100 + i}\n}}}}\n"
        f"'''{title}''' is a village with a population of {100 + i}.\n\n== History ==\n"
        "It was first mentioned in 1250.\n"
    )
    return WikiPage(title, text)


def page_xml(page_id: int, page: WikiPage) -> str:
    """One ``<page>`` element of a MediaWiki export."""
    title = ET.Element("title")
    title.text = page.title
    text = ET.Element("text")
    text.text = page.text
    return (
        f"<page>{ET.tostring(title, encoding='unicode')}<ns>0</ns><id>{page_id}</id>"
        f"<revision><id>{page_id}</id>{ET.tostring(text, encoding='unicode')}</revision></page>\n"
    )
