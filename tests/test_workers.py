"""When the parse pool starts: a small build is parsed in this process (no worker is spawned),
a larger one or one long page goes to the pool, and both give the same rows in the same order.
A batch (pages a worker reads itself) gives the rows of its pages sent one by one, even when
its worker dies on the way."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from etl.lib.pipeline import corpus, intake, workers
from tests.conftest import SEEDS


def _items():
    found = corpus.detect_all(SEEDS)
    readable = [s for s in found.sources if s.kind != intake.UNKNOWN]
    return [(n, item) for n, src in enumerate(readable) for item in intake.pages(SEEDS, src)]


def _rows(out):
    return [(tag, r.reason if isinstance(r, intake.Rejection) else r.facts) for tag, r in out]


class _NoPool(Exception):
    pass


def _refuse(*args, **kwargs):
    raise _NoPool


def test_the_seeds_are_a_small_build_parsed_without_a_pool(monkeypatch):
    items = _items()
    pages = [i for _, i in items if isinstance(i, intake.Page)]
    assert 0 < len(pages) <= workers.IN_PROCESS_PAGES
    assert max(len(p.text) for p in pages) <= workers.IN_PROCESS_PAGE_CHARS
    monkeypatch.setattr(workers, "_Worker", _refuse)  # any worker started would raise
    out = list(workers.parse_stream(items, workers=2))
    assert [tag for tag, _ in out] == [tag for tag, _ in items]


def test_one_page_more_than_a_small_build_starts_the_pool(monkeypatch):
    items = _items()
    pages = sum(isinstance(i, intake.Page) for _, i in items)
    monkeypatch.setattr(workers, "_Worker", _refuse)
    with pytest.raises(_NoPool):
        list(workers.parse_stream(items, workers=2, in_process_pages=pages - 1))


def test_a_build_parsed_in_the_pool_equals_the_one_parsed_in_process():
    items = _items()
    in_process = list(workers.parse_stream(items, workers=2))
    pooled = list(workers.parse_stream(items, workers=2, in_process_pages=0))
    assert _rows(pooled) == _rows(in_process)
    assert any(not isinstance(r, intake.Rejection) for _, r in pooled), "the seeds hold a film"


class _Pages(workers.Batch):
    """A batch of given pages; with ``die_at``, a worker reading it exits at that item (this
    process reads it whole)."""

    def __init__(self, items, die_at: int | None = None):
        self.items, self.die_at = items, die_at

    def read(self):
        for n, item in enumerate(self.items):
            if n == self.die_at and multiprocessing.current_process().name != "MainProcess":
                os._exit(9)
            yield item


@pytest.mark.parametrize("die_at", [None, 1], ids=["whole", "worker-dies"])
def test_a_batch_read_by_a_worker_gives_the_rows_of_its_pages_one_by_one(die_at):
    items = _items()
    pages = list(workers.parse_stream(items, workers=1))
    out = list(workers.parse_stream([("batch", _Pages(items, die_at))], workers=2))
    assert [tag for tag, _ in out] == ["batch"]
    assert _rows(out[0][1]) == _rows(pages)
    assert any(not isinstance(r, intake.Rejection) for _, r in pages), "the seeds hold a film"


def test_a_batch_in_this_process_gives_the_rows_of_its_pages():
    items = _items()
    pages = list(workers.parse_stream(items, workers=1))
    out = list(workers.parse_stream([("batch", _Pages(items))], workers=1))
    assert _rows(out[0][1]) == _rows(pages)
