"""The parse pool: the same rows as the one-process build, and one page over its budget is
rejected with that reason while the rest loads."""

from pathlib import Path

import pytest

from etl.lib.pipeline import corpus, workers
from etl.lib.pipeline.intake import WIKI_KINDS, WIKITEXT, Page, Rejection, SourceFile
from etl.lib.pipeline.workers import Budget
from tests import conftest
from tests.conftest import CORPUS, SEEDS


def _rows(parsed: corpus.Parsed):
    return ([(d.source, d.kind, d.page_title, d.facts) for d in parsed.documents], parsed.rejections)


@pytest.mark.parametrize("folder", [SEEDS, CORPUS], ids=["seeds", "corpus"])
def test_a_two_worker_build_equals_the_one_process_build_row_for_row(folder: Path):
    if not folder.is_dir():
        pytest.skip(conftest.NEEDS_CORPUS)
    found = corpus.detect_all(folder)
    serial = corpus.parse_all(folder, found.sources, workers=1)
    pooled = corpus.parse_all(folder, found.sources, workers=2)
    assert serial.documents, "the folder holds films"
    assert _rows(pooled) == _rows(serial)
    assert pooled.files_parsed == serial.files_parsed == len(found.sources)


def _page(text: str, title: str) -> Page:
    return Page(SourceFile(f"{title}.txt", "0" * 64, len(text), WIKITEXT), WIKITEXT, text, title)


SMALL_FILM = (
    "{{Infobox film\n| name = Small Film\n| released = {{Film date|1999|5|1}}\n"
    "| budget = $2 million\n}}\n'''Small Film''' is a 1999 American drama film.\n"
)


def test_a_page_over_the_cpu_budget_is_rejected_and_the_next_one_loads(monkeypatch):
    # In-process path: a parser that never ends on one page, under a 0.2 s budget.
    real = workers.parse_page

    def parse(page):
        if page.title == "Endless":
            while True:
                pass
        return real(page)

    monkeypatch.setattr(workers, "parse_page", parse)
    items = [(0, _page("{{Infobox film}}", "Endless")), (1, _page(SMALL_FILM, "Small Film"))]
    out = list(workers.parse_stream(items, workers=1, budget=Budget(cpu_seconds=0.2)))
    assert [tag for tag, _ in out] == [0, 1]
    first, second = out[0][1], out[1][1]
    assert isinstance(first, Rejection) and workers.over_budget(first)
    assert first.reason == "over the CPU-time budget of 0.2 s per document"
    assert first.page_title == "Endless"
    assert second.facts.title == "Small Film"
    assert [a.low for a in (b.amount for b in second.facts.box_office)] == [2_000_000.0]


def test_the_pool_rejects_pages_over_the_cpu_budget_and_keeps_order():
    # A real seed article needs far more than a millisecond of CPU in any worker.
    articles = [s for s in corpus.detect_all(SEEDS).sources if s.kind in WIKI_KINDS]
    assert articles
    parsed = corpus.parse_all(SEEDS, articles, workers=2, budget=Budget(cpu_seconds=0.001))
    assert parsed.documents == []
    assert [r.path for r in parsed.rejections] == [s.path for s in articles]
    assert {r.reason for r in parsed.rejections} == {"over the CPU-time budget of 0.001 s per document"}


def test_a_page_too_big_for_the_worker_memory_is_rejected_and_the_rest_loads():
    huge = _page(SMALL_FILM + "x" * 150 * 1024**2, "Huge")  # 150 MiB of text, over a 128 MiB worker
    items = [(0, huge), (1, _page(SMALL_FILM, "Small Film"))]
    out = list(workers.parse_stream(items, workers=2, budget=Budget(memory_bytes=128 * 1024**2)))
    first, second = out[0][1], out[1][1]
    assert isinstance(first, Rejection) and workers.over_budget(first), first
    assert first.reason == "over the memory budget of 128 MiB per document"
    assert second.facts.title == "Small Film"
