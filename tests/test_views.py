"""The warehouse documents itself: the seeds built in-process, then the published file read by
the stock DuckDB CLI (comments, keys), the view assets' lineage and the charts they attach."""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import dagster as dg
import duckdb
import polars as pl
import pytest

from etl.definitions import defs as load_defs
from etl.lib.store import charts
from etl.lib.store.tables import TABLE_SPECS, TABLES, VIEW_SPECS
from tests.builds import materialize_warehouse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(seeds_dir, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("views") / "warehouse.duckdb"
    result = materialize_warehouse(seeds_dir, target)
    assert result.success
    return target


def cli(path: Path, sql: str) -> list[list[str]]:
    exe = Path(sys.executable).with_name("duckdb")
    assert exe.exists(), "duckdb-cli is a dev dependency"
    out = subprocess.run(
        [str(exe), "-readonly", "-csv", "-noheader", str(path), "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split(",", 1) for line in out.splitlines() if line]


def test_the_stock_cli_sees_a_comment_on_every_table_view_and_column(built):
    assert cli(built, "select count(*) from duckdb_tables() where comment is null and not internal") == [
        ["0"]
    ]
    assert cli(built, "select count(*) from duckdb_views() where comment is null and not internal") == [["0"]]
    assert cli(built, "select count(*) from duckdb_columns() where comment is null and not internal") == [
        ["0"]
    ]
    (table,) = cli(built, "select table_name, comment from duckdb_tables() where table_name = 'fact_claim'")
    assert table == ["fact_claim", '"' + TABLE_SPECS["fact_claim"].description + '"']
    columns = dict(
        cli(
            built, "select column_name, comment from duckdb_columns() where table_name = 'wins_by_award_body'"
        )
    )
    assert columns["win_rate"] == '"wins / nominations, 3 decimals."'  # CSV quotes the comma
    assert int(cli(built, "select count(*) from duckdb_columns() where not internal")[0][0]) == (
        sum(len(s.columns) for s in TABLE_SPECS.values()) + sum(len(v.columns) for v in VIEW_SPECS.values())
    )


def test_every_dimension_has_a_primary_key_and_facts_reference_dimensions(built):
    keyed = {
        r[0]
        for r in cli(
            built, "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"
        )
    }
    assert {t for t in TABLES if t.startswith("dim_")} <= keyed
    refs = {
        tuple(r)
        for r in cli(
            built,
            """
        select table_name, referenced_table || '.' || referenced_column_names[1] from duckdb_constraints()
        where constraint_type = 'FOREIGN KEY'""",
        )
    }
    assert ("fact_release", "dim_territory.territory_id") in refs
    assert ("fact_credit", "dim_person.person_id") in refs
    assert ("fact_nomination", "dim_award_category.award_category_id") in refs


def test_each_view_asset_depends_on_exactly_the_tables_it_reads():
    graph = load_defs().resolve_asset_graph()
    for name, spec in VIEW_SPECS.items():
        parents = {k.to_user_string() for k in graph.get(dg.AssetKey(name)).parent_keys}
        assert parents == set(spec.reads), name
        schema = graph.get(dg.AssetKey(name)).metadata["dagster/column_schema"]
        assert [c.name for c in schema.columns] == [c for c, _ in spec.columns]
        assert all(c.description for c in schema.columns)
    published = {k.to_user_string() for k in graph.get(dg.AssetKey("published_warehouse")).parent_keys}
    assert published == set(TABLES) | set(VIEW_SPECS)


def test_table_assets_carry_column_descriptions():
    graph = load_defs().resolve_asset_graph()
    schema = graph.get(dg.AssetKey("dim_territory")).metadata["dagster/column_schema"]
    assert [(c.name, c.description) for c in schema.columns][2] == (
        "iso_3166",
        "ISO 3166-1 alpha-2 code of a country that has one.",
    )


SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: bytes) -> list[str]:
    """Every text and tooltip of an SVG chart, parsed as XML (a chart that is not XML fails)."""
    root = ElementTree.fromstring(svg)
    assert root.tag == SVG + "svg"
    return [e.text or "" for e in root.iter() if e.tag in (SVG + "text", SVG + "title")]


@pytest.mark.parametrize(
    ("view", "render", "shown"),
    [
        (
            "award_body_leaderboard",
            charts.leaderboard_chart,
            [
                "Top 12 award bodies: wins and nominations",
                "Independent Spirit Awards: 6 nominations",
                "Independent Spirit Awards: 4 wins",
                "National Board of Review Awards: 1 wins",
            ],
        ),
        (
            "release_timeline",
            charts.timeline_chart,
            ["Leaving Las Vegas: 5 dated events", "theatrical", "home media", "1996-02-09: wide"],
        ),
        (
            "wins_by_award_body",
            charts.wins_chart,
            ["Leaving Las Vegas: 61 nominations", "Leaving Las Vegas: 31 wins"],
        ),
    ],
)
def test_each_chart_renders_an_svg_from_the_built_warehouse(built, view, render, shown):
    with duckdb.connect(str(built), read_only=True) as conn:
        svg = render(conn.table(view).pl())
    texts = _texts(svg)
    assert [t for t in shown if t not in texts] == []
    root = ElementTree.fromstring(svg)
    assert int(root.get("width", "0")) >= 400 and int(root.get("height", "0")) >= 100
    image = charts.markdown_image(svg, view)
    assert image.startswith("![" + view + "](data:image/svg+xml;base64,")
    assert base64.b64decode(image[image.index(",") + 1 : -1]) == svg


@pytest.mark.parametrize(
    "title",
    ["<script>alert(1)</script>", 'Tom & Jerry\'s "Film"', "Bell\x07 ]]> <!-- x -->"],
)
def test_a_chart_shows_any_title_as_text(title):
    rows = pl.DataFrame(
        {"film_id": ["f1"], "film_title": [title], "award_body": ["A"], "nominations": [3], "wins": [2]}
    )
    timeline = pl.DataFrame(
        {
            "film_id": ["f1"],
            "film_title": [title],
            "event_date": [dt.date(1995, 10, 27)],
            "event": ["theatrical"],
            "detail": [title],
            "territory": [None],
        }
    )
    shown = title.replace("\x07", "")
    assert shown + ": 2 wins" in _texts(charts.wins_chart(rows))
    assert shown + ": 1 dated events" in _texts(charts.timeline_chart(timeline))
    assert b"<script" not in charts.wins_chart(rows) + charts.timeline_chart(timeline)


@pytest.mark.parametrize(
    "render", [charts.leaderboard_chart, charts.wins_chart, charts.timeline_chart], ids=lambda f: f.__name__
)
def test_a_chart_of_no_rows_says_so(built, render):
    view = {charts.leaderboard_chart: "award_body_leaderboard", charts.wins_chart: "wins_by_award_body"}.get(
        render, "release_timeline"
    )
    with duckdb.connect(str(built), read_only=True) as conn:
        empty = conn.table(view).pl().clear()
    assert "no rows yet" in _texts(render(empty))


def test_the_timeline_shows_the_film_with_most_dated_events(built):
    with duckdb.connect(str(built), read_only=True) as conn:
        timeline = conn.table("release_timeline").pl()
    # The seed film is the only film: 5 dated events (limited, soundtrack, wide, VHS, DVD).
    assert charts.busiest_film(timeline) == timeline["film_id"][0]
    assert timeline.filter(timeline["event_date"].is_not_null()).height == 5
