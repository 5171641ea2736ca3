"""Document intake: kinds detected from content (never the file name), every shape of the
contract, and bad files rejected with a reason instead of stopping anything."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest

from etl.lib.pipeline import intake
from etl.lib.pipeline.intake import Page, Rejection

PAGE_XML = """<page>
    <title>{title}</title>
    <ns>0</ns>
    <id>{id}</id>
    <revision>
      <id>{rev}</id>
      <text xml:space="preserve">{text}</text>
    </revision>
  </page>"""

FILM_WIKITEXT = "{{Infobox film\n| name = Test Film\n| released = {{Film date|2001|5|4}}\n}}\n'''''Test Film''''' is a 2001 [[drama film]]."


def _items(root: Path, name: str):
    src, rejection = intake.detect_file(root, root / name)
    items = [rejection] if rejection else list(intake.pages(root, src))
    return src, items


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("000_003eaadb7e5ee350.txt", intake.EXTRACT),
        ("001_38967449a4aba0fe.txt", intake.EXTRACT),
        ("002_42df566a22516ba3.txt", intake.IMDB_TITLE),
        ("003_b6dd9beaf186b8b0.txt", intake.API_JSON),
        ("004_6f20dbbd59d93bf6.txt", intake.IMDB_REVIEWS),
    ],
)
def test_seed_kinds_detected_from_content(seeds_dir, name, kind):
    src, items = _items(seeds_dir, name)
    assert src.kind == kind
    assert len(items) == 1 and isinstance(items[0], Page)


def test_seed_api_json_page(seeds_dir):
    src, (page,) = _items(seeds_dir, "003_b6dd9beaf186b8b0.txt")
    assert (page.title, page.page_id) == ("Leaving Las Vegas", 54160)
    assert page.text.startswith("{{Short description|1995 film by Mike Figgis}}")
    assert src.sha256 == intake.sha256_of(seeds_dir / "003_b6dd9beaf186b8b0.txt")


def test_json_formatversion_2_with_several_pages(tmp_path):
    doc = {
        "batchcomplete": True,
        "query": {
            "pages": [
                {
                    "pageid": 1,
                    "ns": 0,
                    "title": "Film A",
                    "revisions": [
                        {
                            "revid": 11,
                            "slots": {"main": {"contentmodel": "wikitext", "content": FILM_WIKITEXT}},
                        }
                    ],
                },
                {
                    "pageid": 2,
                    "ns": 0,
                    "title": "Film B",
                    "revisions": [{"revid": 12, "slots": {"main": {"content": "#REDIRECT [[Film A]]"}}}],
                },
                {"ns": 0, "title": "Gone", "missing": True},
            ]
        },
    }
    (tmp_path / "response.json").write_text(json.dumps(doc))
    src, items = _items(tmp_path, "response.json")
    assert src.kind == intake.API_JSON
    assert [(type(i).__name__, getattr(i, "title", None) or i.page_title) for i in items] == [
        ("Page", "Film A"),
        ("Page", "Film B"),
        ("Rejection", "Gone"),
    ]
    assert items[0].text == FILM_WIKITEXT and items[0].revision_id == 11
    assert "missing" in items[2].reason


def test_legacy_json_with_slots_star(tmp_path):
    doc = {
        "query": {
            "pages": {
                "5": {
                    "pageid": 5,
                    "title": "Film C",
                    "revisions": [{"slots": {"main": {"*": FILM_WIKITEXT}}}],
                }
            }
        }
    }
    (tmp_path / "a").write_text(json.dumps(doc))
    _, (page,) = _items(tmp_path, "a")
    assert page.title == "Film C" and page.text == FILM_WIKITEXT


@pytest.mark.parametrize("compress", [None, "gzip", "bzip2"])
def test_mediawiki_export_with_many_pages_streamed(tmp_path, compress):
    pages = "\n".join(
        PAGE_XML.format(title=f"Film {n}", id=n, rev=100 + n, text="x &amp; y") for n in range(3)
    )
    body = f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n{pages}\n</mediawiki>'.encode()
    name = "dump.data"  # the name says nothing: content decides
    data = {None: body, "gzip": gzip.compress(body), "bzip2": bz2.compress(body)}[compress]
    (tmp_path / name).write_bytes(data)
    src, items = _items(tmp_path, name)
    assert (src.kind, src.compression) == (intake.XML, compress)
    assert [(p.title, p.page_id, p.revision_id, p.text) for p in items] == [
        (f"Film {n}", n, 100 + n, "x & y") for n in range(3)
    ]


def test_corpus_redirect_page_carries_its_target(corpus_dir):
    _, (page,) = _items(corpus_dir, "redirect.xml")
    assert (page.title, page.redirect) == ("(Baazi (1968 film)", "Baazi (1968 film)")


def test_raw_wikitext_file(tmp_path):
    (tmp_path / "film.wiki").write_text(FILM_WIKITEXT)
    src, (page,) = _items(tmp_path, "film.wiki")
    assert src.kind == intake.WIKITEXT and page.text == FILM_WIKITEXT


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file (0 bytes)"),
        (b"  \n\n ", "empty file (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content: not UTF-8 or UTF-16 text, JSON or XML"),
        (b"\xff\xfe\xfa garbage \xc3\x28", "binary content: not UTF-8 or UTF-16 text, JSON or XML"),
        (b'{"query": {"pages": {"1": {"title": "Trunc', "invalid or truncated JSON"),
        (b'{"hello": "world"}', "JSON is not a MediaWiki API response with pages"),
        (b"<mediawiki><page><title>A</title><revision><text>x</text></revision>", "broken XML"),
        (b"<page><title>A</title></pag>", "broken XML"),
        (b"Just a shopping list:\neggs\nmilk\n", "unrecognised document kind"),
        (gzip.compress(b"{{Infobox film}}")[:12], "unreadable or corrupt compressed file"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, content, reason):
    (tmp_path / "bad").write_bytes(content)
    _, items = _items(tmp_path, "bad")
    assert items and all(isinstance(i, Rejection) for i in items)
    assert items[-1].reason.startswith(reason)


def test_scan_is_recursive_sorted_and_skips_hidden(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", ".git/x", "a/.hidden"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in intake.scan(tmp_path)] == [
        "a/b/c.txt",
        "a/z.txt",
        "b.txt",
    ]


def test_xml_page_fields_come_from_their_own_elements(tmp_path):
    """Character data is routed by the element it stands in: a contributor's ``<id>`` and
    ``<username>`` are neither the page's nor the revision's id, a title split by an entity
    is read whole, and only the revision's ``<text>`` is the page's text."""
    page = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">
  <page>
    <title>Tom &amp; Jerry: The Movie</title>
    <ns>0</ns>
    <id>4021</id>
    <revision>
      <id>1187000123</id>
      <contributor>
        <username>Some editor</username>
        <id>77</id>
      </contributor>
      <comment>copyedit</comment>
      <text bytes="29" xml:space="preserve">Line one.
Line &lt;two&gt;.
</text>
      <sha1>abc</sha1>
    </revision>
  </page>
</mediawiki>
"""
    (tmp_path / "dump.xml").write_text(page, encoding="utf-8")
    _, items = _items(tmp_path, "dump.xml")
    assert len(items) == 1
    (found,) = items
    assert isinstance(found, Page)
    assert found.title == "Tom & Jerry: The Movie"
    assert (found.page_id, found.revision_id, found.namespace) == (4021, 1187000123, 0)
    assert found.text == "Line one.\nLine <two>.\n"
