"""The whole graph materialized in-process into a temporary DuckDB file: seeds plus the shared
corpus, broken files beside them, twice, and the published file opened by the DuckDB CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl.lib.store.tables import TABLES, VIEW_SPECS
from tests.builds import load_mode, materialize_warehouse

pytestmark = pytest.mark.slow

BROKEN = {
    "broken/empty.json": b"",
    "broken/picture.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "broken/truncated.json": b'{"query": {"pages": {"1": {"pageid": 1, "title": "Half',
    "broken/broken.xml": b"<mediawiki><page><title>Half</title><revision><text>{{Infobox film",
}


def materialize(inputs: Path, target: Path) -> dg.ExecuteInProcessResult:
    return materialize_warehouse(inputs, target)  # the Definitions `dagster dev` loads


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seeds_dir, corpus_dir) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(seeds_dir, folder / "seeds")
    shutil.copytree(corpus_dir, folder / "corpus")
    for rel, content in BROKEN.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def built(inputs, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    result = materialize(inputs, target)
    assert result.success
    failed = [
        e.check_name
        for e in result.get_asset_check_evaluations()
        if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    ]
    assert failed == []
    return target


def query(path: Path, sql: str, params=None):
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def rows(path: Path, table: str):
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.table(table).fetchall()


def test_thirteen_films_and_three_non_films_plus_broken_files(built):
    titles = [r[0] for r in query(built, "select title from dim_film order by title")]
    assert titles == [
        "Batman",
        "Cars 2",
        "Evil Dead II",
        "Hum Saath Saath Hain",
        "Leaving Las Vegas",
        "Lupin III: The Castle of Cagliostro",
        "Mamma Mia! Here We Go Again",
        "Midnight Cowboy",
        "Monty Python and the Holy Grail",
        "Rocky",
        "Spirited Away",
        "Taxi Driver",
        "X-Men: First Class",
    ]
    rejected = dict(query(built, "select path, reason from rejected_document"))
    assert set(rejected) == {
        "corpus/Matlock (TV series).xml",
        "corpus/Werner Herzog.xml",
        "corpus/redirect.xml",
        *BROKEN,
    }
    assert "television series" in rejected["corpus/Matlock (TV series).xml"]
    assert "a person" in rejected["corpus/Werner Herzog.xml"]
    assert rejected["corpus/redirect.xml"].startswith("redirect page (to 'Baazi (1968 film)')")
    assert rejected["broken/empty.json"] == "empty file (0 bytes)"
    assert rejected["broken/truncated.json"].startswith("invalid or truncated JSON")
    assert rejected["broken/broken.xml"].startswith("broken XML")
    assert rejected["broken/picture.bin"].startswith("binary content")


def test_every_file_is_a_source_with_its_kind(built, inputs):
    rows = dict(query(built, "select path, kind from dim_source"))
    assert len(rows) == 5 + 15 + len(BROKEN)
    assert rows["seeds/003_b6dd9beaf186b8b0.txt"] == "mediawiki_api_json"
    assert rows["seeds/004_6f20dbbd59d93bf6.txt"] == "imdb_reviews"
    assert rows["corpus/Rocky.xml"] == "mediawiki_xml"


def test_seed_documents_join_one_film(built):
    ((film_id, wiki_title, year, runtime, countries, languages, docs),) = query(
        built,
        "select film_id, wiki_title, release_year, runtime_minutes, countries, languages, documents "
        "from dim_film where title = 'Leaving Las Vegas'",
    )
    assert (wiki_title, year, runtime, countries, languages, docs) == (
        "Leaving Las Vegas",
        1995,
        111,
        ["United States"],
        ["English"],
        5,
    )


def test_seed_credits_in_the_warehouse(built):
    rows = query(
        built,
        """
        select c.role, p.name from fact_credit c join dim_person p using (person_id)
        join dim_film f using (film_id) join dim_source s on s.source_id = c.source_id
        where f.title = 'Leaving Las Vegas' and s.kind = 'mediawiki_api_json' and c.role <> 'cast'
        order by c.role, c.ordinal""",
    )
    assert rows == [
        ("based_on", "John O'Brien"),
        ("cinematography", "Declan Quinn"),
        ("director", "Mike Figgis"),
        ("editing", "John Smith"),
        ("music", "Anthony Marinelli"),
        ("music", "Mike Figgis"),
        ("producer", "Lila Cazès"),
        ("producer", "Annie Stewart"),
        ("screenplay", "Mike Figgis"),
        ("starring", "Nicolas Cage"),
        ("starring", "Elisabeth Shue"),
        ("starring", "Julian Sands"),
    ]
    cast = query(
        built,
        """
        select p.name, c.character from fact_credit c join dim_person p using (person_id)
        join dim_source s on s.source_id = c.source_id
        where c.role = 'cast' and s.kind = 'mediawiki_api_json' order by c.ordinal""",
    )
    assert len(cast) == 28 and cast[0] == ("Nicolas Cage", "Ben Sanderson")


def test_seed_companies_releases_money(built):
    companies = query(
        built,
        """
        select fc.role, c.name from fact_film_company fc join dim_company c using (company_id)
        join dim_film f using (film_id) where f.title = 'Leaving Las Vegas' and fc.role in ('studio')
        order by c.name""",
    )
    assert companies == [("studio", "Lumiére Pictures"), ("studio", "United Artists")]
    distributors = {
        r[0]
        for r in query(
            built,
            """
        select c.name from fact_film_company fc join dim_company c using (company_id) join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' and fc.role = 'distributor'""",
        )
    }
    assert "MGM/UA Distribution Co." in distributors
    releases = query(
        built,
        """
        select cast(r.release_date as varchar), r.date_precision, r.release_type from fact_release r
        join dim_film f using (film_id) join dim_source s using (source_id)
        where f.title = 'Leaving Las Vegas' and s.kind = 'mediawiki_api_json' order by r.release_date""",
    )
    assert releases == [("1995-10-27", "day", "limited"), ("1996-02-09", "day", "wide")]
    money = query(
        built,
        """
        select b.measure, b.amount_low, b.amount_high, b.currency from fact_box_office b
        join dim_film f using (film_id) join dim_source s using (source_id)
        where f.title = 'Leaving Las Vegas' and s.kind = 'mediawiki_api_json' and b.measure in ('budget', 'gross')
        order by b.measure""",
    )
    assert money == [("budget", 3_500_000, 4_000_000, "USD"), ("gross", 49_800_000, 49_800_000, "USD")]


def test_one_person_row_per_person_across_documents(built):
    (n,) = query(built, "select count(*) from dim_person where name = 'Mike Figgis'")[0]
    assert n == 1


def test_seed_credits_are_one_row_per_person_and_role(built):
    rows = dict(
        query(
            built,
            """
        select c.role, count(*) from fact_credit c join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' group by c.role""",
        )
    )
    # Director, producers and stars as the article's infobox names them (the IMDb page names the
    # same director and stars); the cast: the article's 28, plus 4 of the IMDb page's 15 the
    # article does not list (Kim Adams, Stuart Regen, Shashi Bhatia, Anne Lange).
    assert (rows["director"], rows["producer"], rows["starring"], rows["cast"]) == (1, 2, 3, 32)
    claims = dict(
        query(
            built,
            """
        select c.fact, count(*) from fact_claim c join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' and c.fact_table = 'fact_credit' group by c.fact""",
        )
    )
    assert (claims["director"], claims["starring"], claims["cast"]) == (2, 6, 28 + 15)
    imdb_only = {
        r[0]
        for r in query(
            built,
            """
        select p.name from fact_credit c join dim_person p using (person_id) join dim_source s using (source_id)
        where c.role = 'cast' and s.kind = 'imdb_title'""",
        )
    }
    assert imdb_only == {"Kim Adams", "Stuart Regen", "Shashi Bhatia", "Anne Lange"}
    (sources,) = query(
        built,
        """
        select c.sources from fact_credit c join dim_person p using (person_id)
        where c.role = 'director' and p.name = 'Mike Figgis'""",
    )[0]
    assert sources == 2


def test_seed_limited_release_is_one_fact_from_three_documents(built):
    rows = query(
        built,
        """
        select cast(r.release_date as varchar), r.release_type, r.territory, t.iso_3166, r.sources
        from fact_release r join dim_film f using (film_id) left join dim_territory t using (territory_id)
        where f.title = 'Leaving Las Vegas' order by all""",
    )
    # The article: limited 27 October 1995, wide 9 February 1996; both extracts: the same, the
    # limited one "in the United States"; the IMDb page: "Release Date: 27 October 1995".
    assert rows == [
        ("1995-10-27", "limited", "United States", "US", 3),
        ("1995-10-27", "theatrical", None, None, 1),
        ("1996-02-09", "wide", None, None, 3),
    ]


def test_one_territory_row_per_territory(built):
    rows = query(
        built,
        """select name, iso_3166, kind from dim_territory
                           where name in ('United States', 'worldwide', 'North America', 'Europe') order by name""",
    )
    assert rows == [
        ("Europe", None, "region"),
        ("North America", None, "region"),
        ("United States", "US", "country"),
        ("worldwide", None, "worldwide"),
    ]
    assert query(
        built, "select count(*) from dim_territory where name in ('US', 'USA', 'U.S.', 'America')"
    ) == [(0,)]


def test_building_twice_gives_identical_tables(built, inputs, tmp_path):
    again = tmp_path / "again.duckdb"
    assert materialize(inputs, again).success
    for table in TABLES:  # row for row, in stored order
        assert rows(built, table) == rows(again, table), table


def test_the_stock_duckdb_cli_opens_the_published_file(built):
    cli = Path(sys.executable).with_name("duckdb")
    assert cli.exists(), "duckdb-cli is a dev dependency"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.5")
    out = subprocess.run(
        [str(cli), "-readonly", "-csv", str(built), "-c", "select count(*) from dim_film"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["count_star()", "13"]


def test_no_working_files_left_beside_the_published_one(built):
    names = sorted(p.name for p in built.parent.iterdir())
    assert "warehouse.duckdb" in names and not any(n.endswith(".publishing") for n in names)
    # The working file is moved into place, not copied and left behind; the lock is released.
    assert not any(n.endswith((".building.duckdb", ".wal", ".lock")) for n in names), names


# ------------------------------------------------------------------ guarded publication


def build_onto(inputs: Path, target: Path, **warehouse_fields) -> dg.ExecuteInProcessResult:
    return materialize_warehouse(inputs, target, raise_on_error=False, **warehouse_fields)


def guard(result: dg.ExecuteInProcessResult) -> dg.AssetCheckEvaluation:
    (evaluation,) = [
        e for e in result.get_asset_check_evaluations() if e.check_name == "publication_keeps_films"
    ]
    return evaluation


def test_a_build_that_loses_most_films_publishes_nothing(built, seeds_dir, tmp_path):
    """13 films published, then a build of the seed folder alone (1 film): 12 lost."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built, target)
    refused = build_onto(seeds_dir, target)
    assert not refused.success
    assert guard(refused).description.startswith(
        "1 films built, 13 films published: 12 films lost, more than 50%"
    )
    assert query(target, "select count(*) from dim_film") == [(13,)]

    # The threshold is the resource's field; --allow-shrink publishes whatever the loss.
    assert build_onto(seeds_dir, target, max_film_loss=0.95).success
    assert query(target, "select count(*) from dim_film") == [(1,)]


def test_a_folder_with_no_film_publishes_nothing_unless_allowed(seeds_dir, tmp_path):
    target = tmp_path / "warehouse.duckdb"
    assert build_onto(seeds_dir, target).success
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.txt").write_text("shopping list: milk, eggs\n")
    refused = build_onto(nothing, target)
    assert not refused.success
    assert "0 films built, 1 films published" in guard(refused).description
    assert "no readable film documents" in guard(refused).description
    assert query(target, "select title from dim_film") == [("Leaving Las Vegas",)]

    assert build_onto(nothing, target, allow_shrink=True).success
    assert query(target, "select count(*) from dim_film") == [(0,)]


def test_a_second_build_on_the_same_warehouse_is_refused(seeds_dir, tmp_path):
    from etl.lib.store import warehouse

    target = tmp_path / "warehouse.duckdb"
    with warehouse.build_lock(target):
        result = build_onto(seeds_dir, target)
    assert not result.success
    from etl.cli import _failures

    messages = " ".join(_failures(result.all_events))
    assert f"another build is running (pid {os.getpid()})" in messages
    assert not target.exists() and not warehouse.build_path(target).exists()


@pytest.mark.parametrize("left_in_wal", [False, True])
def test_publish_moves_every_row_onto_the_published_path(tmp_path, left_in_wal):
    from etl.lib.store import warehouse

    target = tmp_path / "warehouse.duckdb"
    working = warehouse.build_path(target)
    conn = duckdb.connect(str(working))
    if left_in_wal:  # a connection that closed without its checkpoint
        conn.execute("pragma disable_checkpoint_on_shutdown")
    conn.execute("create table t as select range as i from range(1000)")
    conn.close()
    assert Path(str(working) + ".wal").exists() == left_in_wal
    warehouse.publish(working, target)
    assert query(target, "select count(*), sum(i) from t") == [(1000, 499500)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


# ------------------------------------------------------------------ an unchanged rebuild


def tables_reused(result: dg.ExecuteInProcessResult) -> bool:
    (mat,) = [
        m
        for m in result.asset_materializations_for_node("warehouse_tables")
        if m.asset_key == dg.AssetKey("dim_film")
    ]
    return mat.metadata["tables_reused"].value


def test_an_unchanged_rebuild_keeps_the_published_tables_and_a_changed_input_loads_them(seeds_dir, tmp_path):
    folder = tmp_path / "inputs"
    shutil.copytree(seeds_dir, folder)
    target = tmp_path / "warehouse.duckdb"
    first = build_onto(folder, target)
    assert first.success and not tables_reused(first) and load_mode(first) == "loaded"
    assert (tmp_path / "warehouse.duckdb.load").is_file()
    view_rows = {
        m.asset_key.to_user_string(): m.metadata["dagster/row_count"].value
        for m in first.asset_materializations_for_node("views_and_publication")
        if m.asset_key.to_user_string() in VIEW_SPECS
    }
    assert view_rows == {v: len(rows(target, v)) for v in VIEW_SPECS}  # each view read once, counted
    tables = {table: rows(target, table) for table in TABLES}

    again = build_onto(folder, target)
    assert again.success and tables_reused(again) and load_mode(again) == "copied"
    assert {table: rows(target, table) for table in TABLES} == tables
    errors = [e for e in again.get_asset_check_evaluations() if e.severity == dg.AssetCheckSeverity.ERROR]
    assert len(errors) > 50 and [e.check_name for e in errors if not e.passed] == []  # judged as ever

    # The IMDb title page removed: its credits, claims and source are deleted from a copy of
    # the published file (same code and views, other rows).
    (folder / "002_42df566a22516ba3.txt").unlink()
    changed = build_onto(folder, target)
    assert changed.success and not tables_reused(changed) and load_mode(changed) == "patched"
    assert query(target, "select count(*) from dim_source") == [(4,)]
    assert query(target, "select count(*) from dim_source where kind = 'imdb_title'") == [(0,)]
    assert len(rows(target, "fact_claim")) < len(tables["fact_claim"])


def test_a_published_file_changed_since_its_load_is_loaded_again(seeds_dir, tmp_path):
    target = tmp_path / "warehouse.duckdb"
    assert build_onto(seeds_dir, target).success
    credits = rows(target, "fact_credit")
    assert len(credits) == 46
    with duckdb.connect(str(target)) as conn:  # someone edits the published file in place
        conn.execute("delete from fact_credit")
    again = build_onto(seeds_dir, target)
    assert again.success and not tables_reused(again) and load_mode(again) == "loaded"
    assert rows(target, "fact_credit") == credits


SEED_BODIES = {  # (entries, wins) per body, counted by hand in the seed's accolades table
    "Academy Awards": (4, 1),
    "Independent Spirit Awards": (6, 4),
    "Los Angeles Film Critics Association Awards": (5, 4),
    "Dallas-Fort Worth Film Critics Association Awards": (4, 4),
    "National Society of Film Critics Awards": (3, 3),
    "Golden Globe Awards": (4, 1),
    "New York Film Critics Circle Awards": (4, 2),
}


def test_seed_wins_by_award_body(built):
    rows = {
        r[0]: (r[1], r[2])
        for r in query(
            built,
            """
        select award_body, nominations, wins from wins_by_award_body where film_title = 'Leaving Las Vegas'""",
        )
    }
    assert len(rows) == 23
    assert sum(n for n, _ in rows.values()) == 61
    assert {body: rows[body] for body in SEED_BODIES} == SEED_BODIES


def test_seed_results_and_placements(built):
    results = dict(
        query(
            built,
            """
        select result, count(*) from fact_nomination n join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' group by result""",
        )
    )
    assert results == {"won": 31, "nominated": 25, "runner-up": 1, "placed": 4}
    placements = [
        r[0]
        for r in query(
            built,
            """
        select placement from fact_nomination n join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' and result = 'placed' order by placement""",
        )
    ]
    assert placements == [2, 2, 4, 10]


def test_seed_recipients(built):
    def people(body: str, category_like: str):
        return [
            r[0]
            for r in query(
                built,
                """
            select p.name from fact_nomination n join dim_film f using (film_id)
            join dim_award_body b using (award_body_id) join dim_award_category c using (award_category_id)
            left join bridge_nomination_person bp using (nomination_id) left join dim_person p using (person_id)
            where f.title = 'Leaving Las Vegas' and b.name = ? and c.name like ? order by bp.ordinal""",
                [body, category_like],
            )
        ]

    assert people("Academy Awards", "Best Director") == ["Mike Figgis"]
    assert people("Sant Jordi Awards", "%") == ["Nicolas Cage"]
    assert people("Screen Actors Guild Awards", "%Male Actor%") == ["Nicolas Cage"]
    assert people("Dallas-Fort Worth Film Critics Association Awards", "Best Picture") == [None]
    assert people("Turkish Film Critics Association Awards", "%") == [None]
    (recipient,) = query(
        built,
        """
        select n.recipient from fact_nomination n join dim_award_body b using (award_body_id)
        where b.name = 'Turkish Film Critics Association Awards'""",
    )[0]
    assert recipient == "Leaving Las Vegas"
    assert people("Awards Circuit Community Awards", "Best Motion Picture") == ["Lila Cazès", "Annie Stewart"]


def test_one_award_body_row_across_films(built):
    rows = query(
        built,
        """
        select b.name, count(distinct n.film_id) from fact_nomination n join dim_award_body b using (award_body_id)
        where b.name in ('Academy Awards', 'British Academy Film Awards') group by b.name order by 1""",
    )
    # Academy: Leaving Las Vegas, Midnight Cowboy, Rocky, Taxi Driver ("Academy Award"), Spirited Away.
    # BAFTA: Leaving Las Vegas, Midnight Cowboy, Taxi Driver ("BAFTA Award"), Spirited Away (57th).
    assert rows == [("Academy Awards", 5), ("British Academy Film Awards", 4)]


def test_seed_ratings_from_every_source(built):
    # Each document's statement is a claim; a score two documents state alike is one fact.
    rows = query(
        built,
        """
        select s.kind, c.fact, c.value from fact_claim c join dim_source s using (source_id)
        join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' and c.fact_table = 'fact_rating' and s.path like 'seeds/%'
        order by all""",
    )
    assert rows == [
        ("imdb_title", "IMDb user_rating", "7.6/10"),
        ("imdb_title", "Metacritic score", "82/100"),
        ("mediawiki_api_json", "Metacritic score", "82/100"),
        ("mediawiki_api_json", "Rotten Tomatoes approval", "91/100"),
        ("mediawiki_api_json", "Rotten Tomatoes average", "7.6/10"),
        ("wikipedia_extract", "Metacritic score", "82/100"),
        ("wikipedia_extract", "Rotten Tomatoes approval", "91/100"),
        ("wikipedia_extract", "Rotten Tomatoes average", "7.7/10"),
    ]
    facts = query(
        built,
        """
        select r.rating_source, r.metric, r.value, r.sources from fact_rating r join dim_film f using (film_id)
        where f.title = 'Leaving Las Vegas' order by all""",
    )
    # Metacritic 82 on all three pages; RT 91% in the article and the full extract; the
    # average 7.6 in the article, 7.7 in the full extract.
    assert facts == [
        ("IMDb", "user_rating", 7.6, 1),
        ("Metacritic", "score", 82, 3),
        ("Rotten Tomatoes", "approval", 91, 2),
        ("Rotten Tomatoes", "average", 7.6, 1),
        ("Rotten Tomatoes", "average", 7.7, 1),
    ]


def test_seed_reviews_join_the_one_film(built):
    ((n, films, rated),) = query(
        built,
        """
        select count(*), count(distinct film_id), count(rating)
        from fact_review r join dim_source s using (source_id) where s.path like 'seeds/%'""",
    )
    assert (n, films, rated) == (25, 1, 8)
    review = query(
        built,
        """
        select author, cast(review_date as varchar), helpful_votes, total_votes, date_ambiguous
        from fact_review where title = 'Powerful Film About Loneliness And Acceptance'""",
    )
    assert review == [("flipgirl38", "2005-05-15", 231, 268, True)]


def test_seed_disagreements(built):
    rows = query(
        built,
        """
        select fact, source, value from source_disagreements where film_title = 'Leaving Las Vegas'
        and source_path like 'seeds/%' order by fact, source, value""",
    )
    assert rows == [
        ("Rotten Tomatoes average", "mediawiki_api_json", "7.6/10"),
        ("Rotten Tomatoes average", "wikipedia_extract", "7.7/10"),
        ("budget", "imdb_title", "USD 3,600,000 (estimated)"),
        ("budget", "mediawiki_api_json", "USD 3,500,000–4,000,000"),
        ("gross", "imdb_title", "USD 31,968,347 (United States)"),
        ("gross", "mediawiki_api_json", "USD 49,800,000 (worldwide)"),
        ("gross", "wikipedia_extract", "USD 49,800,000"),
    ]


def test_seed_release_timeline_in_order(built):
    rows = query(
        built,
        """
        select cast(event_date as varchar), event, detail, territory, languages
        from release_timeline where film_title = 'Leaving Las Vegas'""",
    )
    assert rows == [
        ("1995-10-27", "theatrical", "limited", "United States", None),
        ("1995-11-07", "soundtrack", "album", None, None),
        ("1996-02-09", "theatrical", "wide", None, None),
        ("1996-11-12", "home media", "VHS", None, "English, Russian"),
        ("1998-01-01", "home media", "DVD", "United States, Canada", "English"),
        (None, "home media", "Blu-ray", None, None),
        (None, "home media", "HD DVD", None, None),
        (None, "home media", "LaserDisc", None, None),
    ]


def test_seed_soundtrack_tracks(built):
    rows = query(
        built,
        """
        select t.track_number, t.title, t.writers, t.performers, t.length_seconds
        from fact_soundtrack_track t join dim_film f using (film_id) where f.title = 'Leaving Las Vegas'
        order by t.track_number""",
    )
    assert len(rows) == 25
    assert rows[1] == (2, "Angel Eyes", ["Matt Dennis", "Earl Brent"], ["Sting"], 242)


def test_seed_distributors_per_territory(built):
    rows = query(
        built,
        """
        select c.name, fc.territory from fact_film_company fc join dim_company c using (company_id)
        join dim_source s on s.source_id = fc.source_id
        where s.path like 'seeds/%' and fc.role = 'distributor' and fc.territory is not null order by all""",
    )
    assert rows == [
        ("21st Century Film Corporation", "Australia"),
        ("Atalanta Filmes", "Europe"),
        ("RCV Film Distribution", "Europe"),
        ("United Artists", "North America"),
    ]
    (home,) = query(
        built,
        """
        select c.name from fact_film_company fc join dim_company c using (company_id)
        where fc.role = 'home_media_distributor' and c.name like 'MGM%'""",
    )[0]
    assert home == "MGM Home Entertainment"


def test_same_articles_in_other_shapes_give_the_same_facts(built, tmp_path, corpus_dir, seeds_dir):
    """The corpus as one bzip2 <mediawiki> dump and the seed article as a formatversion=2 API
    response load exactly as the loose files did."""
    import bz2
    import json
    import xml.etree.ElementTree as ET

    folder = tmp_path / "shapes"
    folder.mkdir()
    pages = [ET.tostring(ET.parse(p).getroot(), encoding="unicode") for p in sorted(corpus_dir.glob("*.xml"))]
    dump = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
        + "\n".join(pages)
        + "\n</mediawiki>"
    )
    (folder / "dump").write_bytes(bz2.compress(dump.encode("utf-8")))
    legacy = json.loads((seeds_dir / "003_b6dd9beaf186b8b0.txt").read_text())
    (page,) = legacy["query"]["pages"].values()
    current = {
        "batchcomplete": True,
        "query": {
            "pages": [
                {
                    "pageid": page["pageid"],
                    "ns": 0,
                    "title": page["title"],
                    "revisions": [
                        {
                            "slots": {
                                "main": {"contentmodel": "wikitext", "content": page["revisions"][0]["*"]}
                            }
                        }
                    ],
                }
            ]
        },
    }
    (folder / "api.json").write_text(json.dumps(current))

    target = tmp_path / "shapes.duckdb"
    assert materialize(folder, target).success

    sql = """select f.title, f.release_year, count(n.nomination_id), count(*) filter (where n.result = 'won')
             from dim_film f left join fact_nomination n using (film_id) group by all order by all"""
    assert query(target, sql) == query(built, sql)
    credits = "select count(*) from fact_credit c join dim_source s using (source_id) where s.kind like 'mediawiki%'"
    assert query(target, credits) == query(built, credits)
    assert {r[0] for r in query(target, "select path from rejected_document")} == {"dump"}
    assert query(target, "select count(*) from rejected_document")[0][0] == 3


def test_a_killed_builds_lock_is_recovered(tmp_path):
    """A build killed with SIGKILL leaves its lock file; the kernel released the lock with the
    process, so the next build takes it over."""
    from etl.lib.store import warehouse

    target = tmp_path / "warehouse.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nfrom etl.lib.store import warehouse\n"
            f"with warehouse.build_lock({str(target)!r}):\n    print('held', flush=True)\n    time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert warehouse.lock_holder(target) == holder.pid
    holder.kill()
    holder.wait(timeout=30)
    assert warehouse.lock_path(target).read_text().strip() == str(holder.pid)  # stale file left
    assert warehouse.lock_holder(target) is None
    with warehouse.build_lock(target):
        assert warehouse.lock_path(target).read_text().strip() == str(os.getpid())
    assert not warehouse.lock_path(target).exists()


@pytest.mark.parametrize(
    "before, after, max_loss, allowed",
    [
        (None, 1, 0.5, True),  # first build
        (None, 0, 0.5, False),  # a first build with no films
        (13, 0, 0.5, False),
        (2, 1, 0.5, True),  # half lost: not more than half
        (13, 6, 0.5, False),  # 7 of 13 lost
        (13, 7, 0.5, True),
        (13, 1, 0.95, True),  # the threshold is the caller's
        (13, 14, 0.0, True),  # growth is always fine
    ],
)
def test_shrink_verdict(before, after, max_loss, allowed):
    from etl.lib.store import warehouse

    assert warehouse.shrink_verdict(before, after, max_loss=max_loss)[0] is allowed
    assert warehouse.shrink_verdict(before, after, max_loss=max_loss, allow_shrink=True)[0] is True
