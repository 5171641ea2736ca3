"""Hostile and broken input: every fault of a file is a rejection with a readable reason that
quotes none of its content, intake reads within bounds, and nothing outside the input folder
is read. Every fixture is written here, in tmp_path."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from etl.defs.resources import InputsResource
from etl.lib.pipeline import corpus, intake
from etl.lib.pipeline.intake import Limits, Page, Rejection
from etl.lib.text import keys
from tests.builds import materialize_warehouse
from tests.test_intake import PAGE_XML

FILM = (
    "{{Infobox film\n| name = Hostile Film\n| released = {{Film date|2001|5|4}}\n}}\n"
    "'''''Hostile Film''''' is a 2001 [[drama film]].\n"
)


def export(*pages: str) -> str:
    return (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n'
        + "\n".join(pages)
        + "\n</mediawiki>\n"
    )


def xml_page(n: int, text: str = "x", page_id: object = None) -> str:
    return PAGE_XML.format(title=f"Film {n}", id=n if page_id is None else page_id, rev=100 + n, text=text)


def api_json(title: str, text: str) -> dict:
    return {
        "query": {
            "pages": {"1": {"pageid": 1, "ns": 0, "title": title, "revisions": [{"revid": 7, "*": text}]}}
        }
    }


def items_of(root: Path, name: str, limits: Limits = intake.DEFAULT_LIMITS):
    src, rejection = intake.detect_file(root, root / name)
    return src, [rejection] if rejection else list(intake.pages(root, src, limits))


def kinds(items) -> list[tuple[str, str | None]]:
    return [(type(i).__name__, i.title if isinstance(i, Page) else i.page_title) for i in items]


# --- faults that crashed the whole build ------------------------------------------------------

# Larger than the 64 KiB detection reads and than one 900 kB bzip2 block, so the truncation is
# met only while parsing.
LONG_WIKITEXT = FILM + "\n".join(f"== Section {n} ==\nSome [[prose]] line {n}." for n in range(40_000))
LONG_JSON = json.dumps(api_json("Hostile Film", LONG_WIKITEXT))


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress], ids=["gzip", "bzip2"])
@pytest.mark.parametrize(
    ("content", "kind"),
    [(LONG_WIKITEXT, intake.WIKITEXT), (LONG_JSON, intake.API_JSON)],
    ids=["wikitext", "json"],
)
def test_a_truncated_compressed_file_is_a_rejection(tmp_path, compress, content, kind):
    data = compress(content.encode())
    (tmp_path / "cut").write_bytes(data[: len(data) - 20])
    src, items = items_of(tmp_path, "cut")
    assert src.kind == kind
    (rejection,) = items
    assert isinstance(rejection, Rejection)
    assert rejection.reason == (
        "file could not be read: the compressed data is truncated (it ends before its end-of-stream marker)"
    )


def test_api_json_whose_query_is_a_list_is_a_rejection(tmp_path):
    (tmp_path / "q.json").write_text(json.dumps({"query": [{"pages": []}]}))
    _, (rejection,) = items_of(tmp_path, "q.json")
    assert rejection.reason == "JSON is not a MediaWiki API response with pages (no query.pages)"


def test_json_nested_200000_deep_is_a_rejection(tmp_path):
    (tmp_path / "deep.json").write_text('{"query": ' + "[" * 200_000 + "]" * 200_000 + "}")
    _, (rejection,) = items_of(tmp_path, "deep.json")
    assert rejection.reason == "invalid JSON: nested too deeply to read"


@pytest.mark.parametrize(
    "pages",
    [
        [{"pageid": "12abc", "title": "Film A", "revisions": [{"*": FILM}]}],
        [{"pageid": 1, "title": "Film A", "revisions": [{"revid": 1.5, "*": FILM}]}],
        [{"title": "Film A", "revisions": [{"slots": ["main"]}]}],
        ["Film A"],
    ],
)
def test_api_json_pages_of_the_wrong_shape_are_rejections(tmp_path, pages):
    (tmp_path / "p.json").write_text(json.dumps({"query": {"pages": pages}}))
    _, (rejection,) = items_of(tmp_path, "p.json")
    assert isinstance(rejection, Rejection)


def test_an_xml_page_id_that_is_not_a_number_loses_only_that_page(tmp_path):
    (tmp_path / "ids.xml").write_text(export(xml_page(1), xml_page(2, page_id="12abc"), xml_page(3)))
    _, items = items_of(tmp_path, "ids.xml")
    assert kinds(items) == [("Page", "Film 1"), ("Rejection", "Film 2"), ("Page", "Film 3")]
    assert items[1].reason == "page id is not a number"
    assert (items[2].page_id, items[2].revision_id) == (3, 103)


def test_a_file_name_with_a_non_utf8_byte_is_a_rejection(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.wiki"
    with open(name, "wb") as f:
        f.write(FILM.encode())
    result = corpus.detect_all(tmp_path)
    (src,) = result.sources
    (rejection,) = result.rejections
    assert (src.path, src.kind) == ("caf\\xe9.wiki", intake.UNKNOWN)
    assert rejection.reason == "file name is not valid UTF-8: not read"
    assert src.path.encode("utf-8")  # storable text


def test_make_id_takes_a_name_that_is_not_valid_unicode():
    name = os.fsdecode(b"caf\xe9.wiki")  # as os.listdir returns it: "caf\udce9.wiki"
    expected = hashlib.sha256(b"source\x1fcaf" + b"\xed\xb3\xa9.wiki").hexdigest()[:16]
    assert keys.make_id("source", name) == expected
    assert (
        keys.make_id("source", "café.wiki") == hashlib.sha256("source\x1fcafé.wiki".encode()).hexdigest()[:16]
    )


def test_a_file_deleted_between_scan_and_detection_is_a_rejection(tmp_path):
    (tmp_path / "gone.wiki").write_text(FILM)
    (path,) = intake.scan(tmp_path)
    path.unlink()
    _, rejection = intake.detect_file(tmp_path, path)
    assert rejection.reason == "file could not be read: the file disappeared after the folder was scanned"


def test_a_file_deleted_between_detection_and_parse_is_a_rejection(tmp_path):
    (tmp_path / "gone.wiki").write_text(FILM)
    result = corpus.detect_all(tmp_path)
    (tmp_path / "gone.wiki").unlink()
    parsed = corpus.parse_all(tmp_path, result.sources)
    assert [r.reason for r in parsed.rejections] == [
        "file could not be read: the file disappeared after the folder was scanned"
    ]
    assert parsed.documents == []


# --- encodings --------------------------------------------------------------------------------


def test_invalid_utf8_in_page_4_of_6_loses_only_page_4(tmp_path):
    body = export(*(xml_page(n, text=f"text of page {n}") for n in range(1, 7))).encode()
    body = body.replace(b"text of page 4", b"text of \xff\xfe page 4")
    (tmp_path / "dump.xml").write_bytes(body)
    _, items = items_of(tmp_path, "dump.xml")
    assert kinds(items) == [
        ("Page", "Film 1"),
        ("Page", "Film 2"),
        ("Page", "Film 3"),
        ("Rejection", None),
        ("Page", "Film 5"),
        ("Page", "Film 6"),
    ]
    assert items[3].reason == "page holds bytes that are not valid text in the file's encoding"
    assert [p.text for p in items if isinstance(p, Page)] == [f"text of page {n}" for n in (1, 2, 3, 5, 6)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("what", ["wikitext", "json", "xml"])
def test_utf16_and_bom_files_are_decoded(tmp_path, encoding, what):
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-8-sig": b""}[encoding]
    content = {
        "wikitext": FILM,
        "json": json.dumps(api_json("Hostile Film", FILM), ensure_ascii=False),
        "xml": '<?xml version="1.0" encoding="UTF-16"?>\n' + export(xml_page(1, text="Caf\u00e9 ok")),
    }[what]
    (tmp_path / "doc").write_bytes(bom + content.encode(encoding))
    src, (page,) = items_of(tmp_path, "doc")
    assert isinstance(page, Page), page
    assert src.kind == {"wikitext": intake.WIKITEXT, "json": intake.API_JSON, "xml": intake.XML}[what]
    assert page.text == ("Caf\u00e9 ok" if what == "xml" else FILM)


def test_invalid_utf8_in_a_text_file_is_a_rejection(tmp_path):
    (tmp_path / "bad.wiki").write_bytes(LONG_WIKITEXT.encode() + b"\xff\xfe tail")
    _, (rejection,) = items_of(tmp_path, "bad.wiki")
    assert rejection.reason == "file could not be read: not valid utf-8 text"


# --- inside the folder only -------------------------------------------------------------------


def test_a_symlink_leaving_the_folder_is_rejected_without_reading_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.wiki").write_text("root:x:0:0:" + FILM)
    (outside / "dir").mkdir()
    (outside / "dir" / "b.wiki").write_text(FILM)
    inputs = tmp_path / "inputs"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "film.wiki").write_text(FILM)
    (inputs / "leak").symlink_to(outside / "secret.wiki")
    (inputs / "leakdir").symlink_to(outside / "dir")
    (inputs / "inner").symlink_to(inputs / "sub" / "film.wiki")
    (inputs / "innerdir").symlink_to(inputs / "sub")
    (inputs / "dangling").symlink_to(inputs / "nothing")
    result = corpus.detect_all(inputs)
    assert {r.path: r.reason for r in result.rejections} == {
        "dangling": "broken symbolic link: its target does not exist",
        "leak": "symbolic link to a place outside the input folder: not followed",
        "leakdir": "symbolic link to a place outside the input folder: not followed",
    }
    assert {s.path: s.kind for s in result.sources if s.kind != intake.UNKNOWN} == {
        "inner": intake.WIKITEXT,
        "sub/film.wiki": intake.WIKITEXT,
    }
    secret = hashlib.sha256((outside / "secret.wiki").read_bytes()).hexdigest()
    assert secret not in {s.sha256 for s in result.sources}
    parsed = corpus.parse_all(inputs, result.sources)
    assert [d.source.path for d in parsed.documents] == ["inner", "sub/film.wiki"]


def test_a_reason_never_quotes_the_content(tmp_path):
    (tmp_path / "list").write_text("Secret shopping list:\neggs\nmilk\n")
    _, (rejection,) = items_of(tmp_path, "list")
    assert rejection.reason == (
        "unrecognised document kind (not MediaWiki JSON/XML, wikitext, "
        "a Wikipedia extract or an IMDb-style page)"
    )


# --- bounds -----------------------------------------------------------------------------------


def test_the_page_limit_is_mediawikis_and_settable_on_the_resource():
    assert intake.DEFAULT_LIMITS.max_page_bytes == 2 * 1024 * 1024  # $wgMaxArticleSize = 2048 KiB
    assert InputsResource(max_page_bytes=10, max_file_bytes=20).limits() == Limits(
        max_page_bytes=10, max_document_bytes=intake.DEFAULT_LIMITS.max_document_bytes, max_file_bytes=20
    )


SMALL = Limits(max_page_bytes=4000, max_document_bytes=100_000, max_file_bytes=1_000_000)
TOO_LARGE = "page text is larger than 4,000 bytes (the wiki article size limit, $wgMaxArticleSize): not read"


def test_an_xml_page_over_the_limit_is_rejected_and_the_next_pages_load(tmp_path):
    (tmp_path / "big.xml").write_text(
        export(xml_page(1), xml_page(2, text="é" * 2001), xml_page(3, text="y" * 4000))
    )
    _, items = items_of(tmp_path, "big.xml", SMALL)
    assert kinds(items) == [("Page", "Film 1"), ("Rejection", "Film 2"), ("Page", "Film 3")]
    assert items[1].reason == TOO_LARGE  # 2,001 × "é" is 4,002 bytes of UTF-8


@pytest.mark.parametrize("what", ["wikitext", "json"])
def test_a_wiki_page_over_the_limit_is_rejected(tmp_path, what):
    text = FILM + "x" * 4000
    (tmp_path / "big").write_text(text if what == "wikitext" else json.dumps(api_json("Big", text)))
    _, (rejection,) = items_of(tmp_path, "big", SMALL)
    assert rejection.reason == TOO_LARGE


def test_a_compression_bomb_is_rejected(tmp_path):
    body = export(xml_page(1, text="x" * 3_000_000)).encode()
    (tmp_path / "bomb").write_bytes(gzip.compress(body))
    _, (rejection,) = items_of(tmp_path, "bomb", SMALL)
    assert rejection.reason == (
        "XML read after 0 page(s) stopped: file decompressed content is "
        "larger than 1,000,000 bytes: not read further"
    )


def test_a_json_document_over_the_limit_is_rejected(tmp_path):
    (tmp_path / "big.json").write_bytes(gzip.compress(json.dumps(api_json("Big", "x" * 200_000)).encode()))
    _, (rejection,) = items_of(tmp_path, "big.json", SMALL)
    assert rejection.reason == "file decompressed content is larger than 100,000 bytes: not read further"


def test_a_huge_page_is_never_held_in_memory(tmp_path):
    """40 MB of <text> against the 2 MiB default: what intake keeps stays a few MiB."""
    body = export(xml_page(1, text="x" * 40_000_000), xml_page(2)).encode()
    (tmp_path / "huge.xml.gz").write_bytes(gzip.compress(body))
    del body
    src, rejection = intake.detect_file(tmp_path, tmp_path / "huge.xml.gz")
    tracemalloc.start()
    try:
        items = list(intake.pages(tmp_path, src))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kinds(items) == [("Rejection", "Film 1"), ("Page", "Film 2")]
    assert peak < 12 * 1024 * 1024


def test_a_huge_raw_wikitext_file_is_refused_while_it_streams(tmp_path):
    """A one-page file is refused as soon as its text passes the page limit: it is never read
    (nor decoded) whole, nor up to four times the limit."""
    (tmp_path / "huge.txt.gz").write_bytes(gzip.compress((FILM + "x" * 40_000_000).encode()))
    src, rejection = intake.detect_file(tmp_path, tmp_path / "huge.txt.gz")
    assert (src.kind, rejection) == (intake.WIKITEXT, None)
    tracemalloc.start()
    try:
        (item,) = intake.pages(tmp_path, src)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(item, Rejection) and item.reason.startswith("page text is larger than 2,097,152 bytes")
    assert peak < 2 * intake.DEFAULT_LIMITS.max_page_bytes + 4 * intake._CHUNK


# --- through a whole build --------------------------------------------------------------------


@pytest.mark.slow
def test_a_folder_of_hostile_files_builds_and_rejects_each(tmp_path, seeds_dir):
    import shutil

    import duckdb

    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs / "seeds")
    bad = inputs / "bad"
    bad.mkdir()
    wikitext = LONG_WIKITEXT.encode()
    (bad / "cut.wiki.gz").write_bytes(gzip.compress(wikitext)[:-20])
    (bad / "cut.json.bz2").write_bytes(bz2.compress(LONG_JSON.encode())[:-20])
    (bad / "query-list.json").write_text(json.dumps({"query": []}))
    (bad / "deep.json").write_text('{"query": ' + "[" * 200_000 + "]" * 200_000 + "}")
    (bad / "ids.xml").write_text(export(xml_page(1, page_id="12abc")))
    with open(os.fsencode(bad) + b"/caf\xe9.wiki", "wb") as f:
        f.write(FILM.encode())
    (bad / "leak").symlink_to("/etc/passwd")
    target = tmp_path / "warehouse.duckdb"
    result = materialize_warehouse(inputs, target)
    assert result.success
    with duckdb.connect(str(target), read_only=True) as conn:
        rejected = dict(
            conn.execute("select path, reason from rejected_document where path like 'bad/%'").fetchall()
        )
        films = conn.execute("select title from dim_film").fetchall()
    assert films == [("Leaving Las Vegas",)]
    assert rejected == {
        "bad/caf\\xe9.wiki": "file name is not valid UTF-8: not read",
        "bad/cut.json.bz2": "file could not be read: the compressed data is truncated (it ends before its end-of-stream marker)",
        "bad/cut.wiki.gz": "file could not be read: the compressed data is truncated (it ends before its end-of-stream marker)",
        "bad/deep.json": "invalid JSON: nested too deeply to read",
        "bad/ids.xml": "page id is not a number",
        "bad/leak": "symbolic link to a place outside the input folder: not followed",
        "bad/query-list.json": "JSON is not a MediaWiki API response with pages (no query.pages)",
    }


def test_the_folder_state_takes_odd_names_links_and_vanished_files(tmp_path):
    from etl.lib.pipeline import folder_state

    with open(os.fsencode(tmp_path) + b"/caf\xe9.wiki", "wb") as f:
        f.write(FILM.encode())
    (tmp_path / "leak").symlink_to("/etc/passwd")
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    state = folder_state.read_state(tmp_path)
    assert sorted(state.files) == ["caf\\xe9.wiki", "dangling", "leak"]
    assert state.files["leak"][2] == hashlib.sha256(b"/etc/passwd").hexdigest()  # the link, not its target
    assert len(state.fingerprint()) == 16


def test_millions_of_empty_entries_are_a_few_rows_not_millions(tmp_path):
    pages = [{}] * 5000 + [{"title": f"T{n}", "missing": True} for n in range(1500)]
    (tmp_path / "many.json").write_text(json.dumps({"query": {"pages": pages}}))
    _, items = items_of(tmp_path, "many.json")
    assert len(items) == 1 + 1000 + 2
    assert [i.reason for i in items[-2:]] == [
        "4,999 more pages rejected for the same reason: page has no revision content",
        "500 more pages rejected for the same reason: page is missing from the API response",
    ]
    assert [i.page_title for i in items[1:4]] == ["T0", "T1", "T2"]


def test_a_page_history_is_bounded_per_revision_and_the_last_revision_wins(tmp_path):
    revisions = "".join(
        f"<revision><id>{n}</id><text>{c * 3000}</text></revision>" for n, c in ((1, "a"), (2, "b"))
    )
    (tmp_path / "history.xml").write_text(
        export(f"<page><title>H</title><ns>0</ns><id>9</id>{revisions}</page>")
    )
    _, (page,) = items_of(tmp_path, "history.xml", SMALL)
    assert (page.title, page.page_id, page.revision_id, page.text) == ("H", 9, 2, "b" * 3000)


def test_an_xml_export_in_its_declared_encoding_is_decoded(tmp_path):
    body = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + export(xml_page(1, text="Caf\u00e9 cr\u00e8me"))
    (tmp_path / "latin1.xml").write_bytes(body.encode("latin-1"))
    _, (page,) = items_of(tmp_path, "latin1.xml")
    assert page.text == "Caf\u00e9 cr\u00e8me"
