"""Multistream dumps: a dump built here from bzip2 streams end to end, with the index written
beside it, is read unit by unit (each unit decompresses alone) and gives the same pages as the
same XML read whole; the index is known by its content and is no document; pages that are
plainly not films are rejected before any parse, with the reason the full parse gives. Each
unit is a part with its own shard, so a dump spreads over the partitions and a changed unit is
the only one read again."""

from __future__ import annotations

import bz2
from pathlib import Path

from etl.lib.pipeline import corpus, documents, dumps, intake, workers
from etl.lib.pipeline.shards import ShardStore

HEADER = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xml:lang="en">\n  <siteinfo><sitename>Wikipedia</sitename></siteinfo>\n'
FILM = (
    "{{Infobox film\n| name = Small Film\n| released = {{Film date|1999|5|1}}\n"
    "| budget = $2 million\n}}\n'''Small Film''' is a 1999 American drama film.\n"
)


def _page(page_id: int, title: str, text: str, ns: int = 0, redirect: str | None = None) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    redirect_tag = f'<redirect title="{redirect}" />' if redirect else ""
    return (
        f"  <page><title>{title}</title><ns>{ns}</ns><id>{page_id}</id>{redirect_tag}"
        f"<revision><id>{page_id * 10}</id><text>{text}</text></revision></page>\n"
    )


PAGES = [
    _page(1, "Small Film", FILM),
    _page(2, "Smallfilm", "#REDIRECT [[Small Film]]", redirect="Small Film"),
    _page(3, "Category:Films", "Films.", ns=14),
    _page(4, "Jane Doe", "{{Infobox person\n| name = Jane Doe\n}}\n'''Jane Doe''' is an actress."),
    _page(5, "Paris", "'''Paris''' is a city."),
]


def _write_multistream(
    folder: Path, per_stream: int = 2, pages: list[str] | None = None
) -> tuple[Path, Path, list[tuple[int, int]]]:
    pages = PAGES if pages is None else pages
    streams = [bz2.compress(HEADER.encode())]
    index_lines, offset = [], len(streams[0])
    expected = []
    for n in range(0, len(pages), per_stream):
        chunk = "".join(pages[n : n + per_stream]).encode()
        data = bz2.compress(chunk)
        for i in range(n, min(n + per_stream, len(pages))):
            index_lines.append(f"{offset}:{i + 1}:title {i + 1}")
        expected.append((offset, offset + len(data)))
        streams.append(data)
        offset += len(data)
    streams.append(bz2.compress(b"</mediawiki>\n"))
    dump = folder / "dump.bin"  # names say nothing: kinds come from content
    dump.write_bytes(b"".join(streams))
    index = folder / "offsets.bin"
    index.write_bytes(bz2.compress(("\n".join(index_lines) + "\n").encode()))
    last_start = expected[-1][0]
    expected[-1] = (last_start, dump.stat().st_size)  # the last unit runs to the end
    return dump, index, expected


def test_units_are_the_streams_of_the_index_and_each_decompresses_alone(tmp_path):
    dump, index, expected = _write_multistream(tmp_path)
    assert dumps.units(index, dump.stat().st_size) == expected
    assert len(expected) == 3
    xml = dumps.unit_xml(dump, expected[1])
    assert xml.count(b"<page>") == 2 and b"Category:Films" in xml and b"Jane Doe" in xml
    assert dumps.unit_xml(dump, expected[2]).count(b"<page>") == 1  # the closing stream is dropped


def test_the_index_is_found_by_content_and_is_no_document(tmp_path):
    dump, index, _ = _write_multistream(tmp_path)
    assert dumps.index_beside(dump) == index
    found = corpus.detect_all(tmp_path)
    kinds = {s.path: s.kind for s in found.sources}
    assert kinds == {"dump.bin": intake.XML, "offsets.bin": intake.MULTISTREAM_INDEX}
    assert found.rejections == []
    index_src = next(s for s in found.sources if s.path == "offsets.bin")
    assert list(intake.pages(tmp_path, index_src)) == []


def test_a_dump_read_unit_by_unit_gives_the_pages_of_the_dump_read_whole(tmp_path):
    dump, index, expected = _write_multistream(tmp_path)
    src = next(s for s in corpus.detect_all(tmp_path).sources if s.path == "dump.bin")
    by_units = [p for u in expected for p in intake.unit_pages(tmp_path, src, u)]
    index.unlink()  # without its index, the same file is read as one XML stream
    whole = list(intake.pages(tmp_path, src))
    assert [(p.title, p.page_id, p.revision_id, p.namespace, p.redirect, p.text) for p in by_units] == [
        (p.title, p.page_id, p.revision_id, p.namespace, p.redirect, p.text) for p in whole
    ]
    assert [p.page_id for p in whole] == [1, 2, 3, 4, 5]


def test_plain_non_films_are_rejected_before_any_parse_with_the_full_reason(tmp_path, monkeypatch):
    _write_multistream(tmp_path)
    found = corpus.detect_all(tmp_path)
    src = next(s for s in found.sources if s.path == "dump.bin")
    pages = [p for p in intake.pages(tmp_path, src) if isinstance(p, intake.Page)]
    quick = {p.title: workers.without_parse(p) for p in pages}
    assert quick["Small Film"] is None  # a film infobox: it must be parsed
    full = {p.title: documents.parse_page(p) for p in pages}
    for title in ("Smallfilm", "Category:Films", "Jane Doe", "Paris"):
        assert quick[title] == full[title], title
    assert quick["Category:Films"].reason == "not an article (namespace 14)"
    assert quick["Smallfilm"].reason == "redirect page (to 'Small Film'), not a film article"

    parsed = []
    real = workers.parse_page

    def counting(page):
        parsed.append(page.title)
        return real(page)

    monkeypatch.setattr(workers, "parse_page", counting)
    result = corpus.parse_all(tmp_path, found.sources, workers=1)
    assert parsed == ["Small Film"]  # the four others never reach the parser
    assert [d.page_title for d in result.documents] == ["Small Film"]
    assert [r.page_title for r in result.rejections] == ["Smallfilm", "Category:Films", "Jane Doe", "Paris"]


def test_a_dump_is_read_in_parts_one_per_unit_spread_over_the_buckets(tmp_path):
    _, _, expected = _write_multistream(tmp_path)
    found = corpus.detect_all(tmp_path)
    parts = corpus.parts(tmp_path, found.sources)
    dump_parts = [p for p in parts if p.src.path == "dump.bin"]
    assert [p.unit for p in dump_parts] == expected
    assert [p.ordinal for p in dump_parts] == [0, 1, 2]
    assert len({p.key for p in dump_parts}) == 3  # each unit's bytes have their own key
    buckets = {b: corpus.in_buckets(dump_parts, {b}, 4) for b in range(4)}
    assert sorted(p.ordinal for ps in buckets.values() for p in ps) == [0, 1, 2]
    assert sum(1 for ps in buckets.values() if ps) >= 2  # one file, more than one partition


def test_a_dump_in_unit_shards_equals_the_dump_parsed_in_memory(tmp_path):
    _write_multistream(tmp_path)
    found = corpus.detect_all(tmp_path)
    store = ShardStore(tmp_path / ".cache", intake.DEFAULT_LIMITS)
    stored = corpus.parse_all(tmp_path, found.sources, store=store)
    held = corpus.parse_all(tmp_path, found.sources)
    assert (
        [d.page_title for d in stored.documents] == [d.page_title for d in held.documents] == ["Small Film"]
    )
    assert stored.rejections == held.rejections
    assert len(stored.keys) == 4  # three units and the index file
    assert sorted(p.name for p in store.entries.iterdir()) == sorted(f"{k}.parquet" for k in stored.keys)


def test_units_read_by_the_workers_equal_units_read_here(tmp_path, monkeypatch):
    # Ten units, more than two workers hold in flight: each worker reads its own units.
    films = [
        _page(10 + n, f"Small Film {n}", FILM.replace("Small Film", f"Small Film {n}")) for n in range(5)
    ]
    _write_multistream(tmp_path, per_stream=1, pages=PAGES + films)
    found = corpus.detect_all(tmp_path)
    assert len([p for p in corpus.parts(tmp_path, found.sources) if p.unit is not None]) == 10
    here = corpus.parse_all(tmp_path, found.sources, workers=1)

    read_here = []
    real = intake.pages

    def pages(root, src, limits=intake.DEFAULT_LIMITS, unit=None):
        read_here.append(unit)
        return real(root, src, limits, unit)

    monkeypatch.setattr(intake, "pages", pages)  # this process only: spawned workers read for real
    pooled = corpus.parse_all(tmp_path, found.sources, workers=2)
    stored = corpus.parse_all(
        tmp_path, found.sources, ShardStore(tmp_path / ".cache", intake.DEFAULT_LIMITS), workers=2
    )
    assert [u for u in read_here if u is not None] == []  # no unit was read in this process
    titles = ["Small Film"] + [f"Small Film {n}" for n in range(5)]
    for other in (pooled, stored):
        assert [d.page_title for d in other.documents] == [d.page_title for d in here.documents] == titles
        assert [d.facts for d in other.documents] == [d.facts for d in here.documents]
        assert other.rejections == here.rejections
    assert [r.page_title for r in here.rejections] == ["Smallfilm", "Category:Films", "Jane Doe", "Paris"]


def test_a_changed_unit_is_the_only_part_read_again(tmp_path):
    dump, index, _ = _write_multistream(tmp_path)
    found = corpus.detect_all(tmp_path)
    store = ShardStore(tmp_path / ".cache", intake.DEFAULT_LIMITS)
    corpus.parse_all(tmp_path, found.sources, store=store)
    store.finish(found.sources, corpus.read_shards(tmp_path, found.sources, store).keys)

    PAGES[4] = _page(5, "Paris", "'''Paris''' is the capital of France.")  # in the last unit
    try:
        _write_multistream(tmp_path)
    finally:
        PAGES[4] = _page(5, "Paris", "'''Paris''' is a city.")
    again = corpus.detect_all(tmp_path)
    stats = corpus.write_parts(
        tmp_path, corpus.parts(tmp_path, again.sources), store, previous=store.previous_files()
    )
    assert (stats.files_parsed, stats.files_cached) == (1, 3)  # units 0 and 1, and the index
    fresh = corpus.parse_all(tmp_path, again.sources)
    read = corpus.read_shards(tmp_path, again.sources, store)
    assert [d.page_title for d in read.documents] == [d.page_title for d in fresh.documents]
    assert read.rejections == fresh.rejections


def test_offsets_are_read_across_chunks_once_each_in_order(tmp_path, monkeypatch):
    lines = ["\ufeff7:1:BOM line, not an offset"] + [
        f"{100 + 10 * (n // 3)}:{n}:Title {n}: with colons" for n in range(1, 40)
    ]
    lines += ["not an index line", "9999:40:Carriage return\r", "9999:41:Last line, no newline"]
    index = tmp_path / "index.txt.bz2"
    index.write_bytes(bz2.compress("\n".join(lines).encode()))
    expected = [100 + 10 * k for k in range(14)] + [9999]  # 3 pages a stream, 1..39
    monkeypatch.setattr(dumps, "_CHUNK", 7)  # lines cut by every chunk's end
    assert list(dumps.offsets(index)) == expected
    monkeypatch.setattr(dumps, "_CHUNK", 1 << 20)
    assert list(dumps.offsets(index)) == expected
    plain = tmp_path / "index.txt"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert list(dumps.offsets(plain)) == expected


def test_units_beside_a_dump_read_its_index_once(tmp_path, monkeypatch):
    dump, index, expected = _write_multistream(tmp_path)
    reads = []
    real = dumps.offsets
    monkeypatch.setattr(dumps, "offsets", lambda path: reads.append(path) or real(path))
    assert dumps.units_beside(dump, dump.stat().st_size) == expected
    assert reads == [index]
    (tmp_path / "offsets.bin").unlink()
    assert dumps.units_beside(dump, dump.stat().st_size) is None
