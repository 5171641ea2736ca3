"""Distinct film pages for benchmarks: copies of the shared development corpus, each copy with
its own page title and its own infobox ``name``, so every copy is a film of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = ("wikipedia-xml", "wikipedia-xml-more")
_INFOBOX_NAME = re.compile(
    r"(\{\{\s*infobox[ _]+film\b[^|]*\|(?:[^{}]|\{\{[^{}]*\}\})*?\|\s*name\s*=)([^\n|]*)", re.I | re.S
)


@dataclass(frozen=True)
class WikiPage:
    title: str
    text: str


def corpus_films(root: Path = SHARED_CORPUS) -> list[WikiPage]:
    """The film pages of the shared corpus (pages with an ``{{Infobox film}}``)."""
    pages = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.xml")):
            page = ET.parse(path).getroot()
            title = page.findtext("./title") or path.stem
            text = page.findtext("./revision/text") or ""
            if re.search(r"\{\{\s*infobox[ _]+film\b", text, re.I):
                pages.append(WikiPage(title, text))
    if not pages:
        raise SystemExit(f"no film pages under {root}: the shared corpus is needed")
    return pages


def film_copies(n: int, root: Path = SHARED_CORPUS) -> Iterator[WikiPage]:
    """``n`` distinct film pages: copy k of a page is titled "<title> (copy k)" and its infobox
    names the same."""
    films = corpus_films(root)
    for i in range(n):
        base = films[i % len(films)]
        k = i // len(films)
        if k == 0:
            yield base
            continue
        title = f"{base.title} (copy {k})"
        text, found = _INFOBOX_NAME.subn(lambda m, title=title: f"{m.group(1)} {title}\n", base.text, count=1)
        if not found:  # an infobox without a name: the page title names the film
            text = base.text
        yield WikiPage(title, text)


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
