"""When the parse pool starts: a small build is parsed in this process (no worker is spawned),
a larger one or one long page goes to the pool, and both give the same rows in the same order."""

from __future__ import annotations

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
