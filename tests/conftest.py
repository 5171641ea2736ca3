"""Shared fixtures: the seed folder, the shared development corpus, wiki pages by title."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "wikipedia-xml"
CORPUS_MORE = ROOT.parent / "shared" / "corpus" / "wikipedia-xml-more"
SEED_API_JSON = SEEDS / "003_b6dd9beaf186b8b0.txt"
FIXTURES = ROOT / "tests" / "fixtures"
# Every test that reads the shared development corpus skips with a reason that says so; the run
# ends with one line counting them (see pytest_terminal_summary).
NEEDS_CORPUS = "needs the shared development corpus (../shared/corpus beside this checkout)"


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    count = sum(1 for report in skipped if "shared development corpus" in str(report.longrepr))
    if count:
        terminalreporter.write_line(
            f"{count} tests need the shared development corpus and were skipped: put it at "
            f"{CORPUS.parent} (../shared/corpus beside this checkout) to run them"
        )


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(NEEDS_CORPUS)
    return CORPUS


def seed_wikitext() -> str:
    data = json.loads(SEED_API_JSON.read_text(encoding="utf-8"))
    (page,) = data["query"]["pages"].values()
    return page["revisions"][0]["*"]


def seed_text(prefix: str) -> str:
    """A seed document by its number prefix ("002" is the IMDb-style title page)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def corpus_wikitext(title: str) -> str:
    """The wikitext of one corpus page export (file named after the page title)."""
    path = CORPUS / f"{title.replace('/', '_')}.xml"
    if not path.exists():
        pytest.skip(f"{NEEDS_CORPUS}: page {title!r}")
    return ET.parse(path).getroot().find("./revision/text").text or ""


def corpus_more_wikitext(title: str) -> str:
    """The wikitext of one page export of the corpus's second folder (wikipedia-xml-more)."""
    path = CORPUS_MORE / f"{title.replace('/', '_')}.xml"
    if not path.exists():
        pytest.skip(f"{NEEDS_CORPUS}: page {title!r} of wikipedia-xml-more")
    return ET.parse(path).getroot().find("./revision/text").text or ""
