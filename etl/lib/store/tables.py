"""The warehouse's one table registry and the builder of its rows.

``TABLE_SPECS`` holds one ``TableSpec`` per table: its columns (name, type, description), its
key, its references to other tables and its description. ``VIEW_SPECS`` does the same for the
views of ``sql/views/`` (with the tables each reads). The loader creates tables, keys and
comments from these specs; the Dagster assets take their column schemas and descriptions from
them; the checks take keys and references. Adding a table touches ``TABLE_SPECS`` and its row
builder only.

Rows are built film by film: ``film_rows`` gives one film's rows and what it says of the
dimensions films share (``CONTRIBUTIONS``); ``combine`` makes every table from the rows of every
film, however they were grouped (built now or kept from the last build), as one pass would.

Facts are conformed: a fact several documents of one film state is one row (``sources`` counts
the documents, ``source_id`` is the master record's when it states the fact, else the first
document's), and ``fact_claim`` keeps each document's statement of it. A fact is its grain
(e.g. film, person and role for a credit) plus its value: two documents stating different
values make two rows. The n-th statement of a fact in one document matches the n-th in another,
so an entry an article lists twice stays two rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from etl.lib.model import Name, PartialDate
from etl.lib.pipeline.intake import Rejection, SourceFile
from etl.lib.text import territory as territories
from etl.lib.text.keys import award_body_key, date_id, entity_key, make_id, normalise

if TYPE_CHECKING:  # the schema itself needs none of the parsers
    from etl.lib.pipeline.documents import ParsedDocument
    from etl.lib.pipeline.resolve import Film, Head, Superseded

S, I, F, B, D = pl.String, pl.Int64, pl.Float64, pl.Boolean, pl.Date
LS = pl.List(pl.String)


@dataclass(frozen=True)
class Column:
    name: str
    type: pl.DataType | type[pl.DataType]  # pl.String, pl.List(pl.String), ...
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # the primary key (declared in DuckDB and checked)
    references: tuple[tuple[str, str, str], ...] = ()  # (column, table, column); null allowed

    @property
    def schema(self) -> dict[str, pl.DataType | type[pl.DataType]]:
        return {c.name: c.type for c in self.columns}


@dataclass(frozen=True)
class ViewSpec:
    name: str
    description: str
    columns: tuple[tuple[str, str], ...]  # (name, description); types come from DuckDB
    reads: tuple[str, ...]  # the tables the view's SQL reads


def _c(name: str, dtype: pl.DataType | type[pl.DataType], description: str) -> Column:
    return Column(name, dtype, description)


FILM = _c("film_id", S, "The film (dim_film).")
SOURCE = _c(
    "source_id",
    S,
    "The input file whose document states the fact: the master record's "
    "when it states it, else the first document's (dim_source).",
)
SOURCES = _c("sources", I, "How many documents of the film state this fact (rows of fact_claim).")
FACT_ID = _c("fact_id", S, "Deterministic id of the fact; fact_claim.fact_id points here.")
TERRITORY_ID = _c("territory_id", S, "The territory (dim_territory), null when none is named.")
TERRITORY = _c("territory", S, "The territory's display name (dim_territory.name).")
DATE_PRECISION = _c("date_precision", S, "day, month or year: how much of the date the text gave.")
COMPANY = _c("company_id", S, "The company (dim_company), null when none is named.")

_FACT_REFS = (("film_id", "dim_film", "film_id"), ("source_id", "dim_source", "source_id"))
_TERRITORY_REF = (("territory_id", "dim_territory", "territory_id"),)
_COMPANY_REF = (("company_id", "dim_company", "company_id"),)
_DATE_REF = (("release_date", "dim_date", "date"),)  # checked; dim_date's key is date_id


def _fact(name: str, description: str, *columns: Column, refs=()) -> TableSpec:
    cols = (FACT_ID, *columns, SOURCE, SOURCES)
    return TableSpec(name, description, cols, ("fact_id",), _FACT_REFS + tuple(refs))


_SPECS = [
    TableSpec(
        "dim_film",
        "One row per film: Wikipedia is the master record; other documents join it.",
        (
            FILM,
            _c("title", S, "The film's title as the master record gives it."),
            _c("wiki_title", S, "The Wikipedia article's title, null when no article was loaded."),
            _c("release_year", I, "Year of first release."),
            _c("runtime_minutes", I, "Running time in minutes."),
            _c("countries", LS, "Countries of production, named as dim_territory names them."),
            _c("languages", LS, "Languages, as the master record lists them."),
            _c("page_id", I, "MediaWiki page id of the master record."),
            _c("revision_id", I, "MediaWiki revision id of the master record."),
            _c("master_source_id", S, "The input file of the master record (dim_source)."),
            _c("documents", I, "How many documents joined this film."),
        ),
        ("film_id",),
        (("master_source_id", "dim_source", "source_id"),),
    ),
    TableSpec(
        "dim_person",
        "People named in credits and accolades, keyed by their article when linked.",
        (
            _c("person_id", S, "Deterministic id of the person."),
            _c("name", S, "The most used spelling of the name."),
            _c("wiki_title", S, "The person's Wikipedia article, when a document links it."),
        ),
        ("person_id",),
    ),
    TableSpec(
        "dim_company",
        "Studios, distributors and home-media labels.",
        (
            _c("company_id", S, "Deterministic id of the company."),
            _c("name", S, "The most used spelling of the name."),
            _c("wiki_title", S, "The company's Wikipedia article, when a document links it."),
        ),
        ("company_id",),
    ),
    TableSpec(
        "dim_territory",
        "Territories facts are stated for: countries, regions, worldwide "
        "and markets, one row whatever the spelling (US, U.S., USA, America).",
        (
            _c("territory_id", S, "Deterministic id of the territory."),
            _c("name", S, "Display name (United States, North America, worldwide, overseas, ...)."),
            _c("iso_3166", S, "ISO 3166-1 alpha-2 code of a country that has one."),
            _c(
                "kind",
                S,
                "country, region, worldwide or market; null for a name the territory table does not list.",
            ),
        ),
        ("territory_id",),
    ),
    TableSpec(
        "dim_award_body",
        "Award bodies without edition or year (e.g. Academy Awards).",
        (
            _c("award_body_id", S, "Deterministic id of the award body."),
            _c("name", S, "The body's name, spelled out, without edition or year."),
            _c("wiki_title", S, "The body's Wikipedia article, when linked."),
        ),
        ("award_body_id",),
    ),
    TableSpec(
        "dim_award_category",
        "Award categories per body, as displayed.",
        (
            _c("award_category_id", S, "Deterministic id of the category."),
            _c("award_body_id", S, "The body that awards it (dim_award_body)."),
            _c("name", S, "The category as displayed (Best Actor, ...)."),
            _c("wiki_title", S, "The category's Wikipedia article, when linked."),
        ),
        ("award_category_id",),
        (("award_body_id", "dim_award_body", "award_body_id"),),
    ),
    TableSpec(
        "dim_ceremony",
        "Editions and years of award ceremonies.",
        (
            _c("ceremony_id", S, "Deterministic id of the ceremony."),
            _c("award_body_id", S, "The body holding it (dim_award_body)."),
            _c("edition", I, "Edition number (68 for the 68th Academy Awards)."),
            _c("year", I, "Year of the ceremony or of the films it honours, as the page gives it."),
            _c("ceremony_date", D, "Date of the ceremony, when a page gives it."),
        ),
        ("ceremony_id",),
        (("award_body_id", "dim_award_body", "award_body_id"),),
    ),
    TableSpec(
        "dim_date",
        "Calendar of every date the facts mention.",
        (
            _c("date_id", I, "The date as yyyymmdd."),
            _c("date", D, "The date."),
            _c("year", I, "Year."),
            _c("month", I, "Month, 1-12."),
            _c("day", I, "Day of the month."),
        ),
        ("date_id",),
    ),
    TableSpec(
        "dim_source",
        "Every input file with its kind, path and sha256.",
        (
            _c("source_id", S, "Deterministic id of the file (its path in the input folder)."),
            _c(
                "kind",
                S,
                "Detected kind: mediawiki_api_json, mediawiki_xml, wikitext, "
                "wikipedia_extract, imdb_title, imdb_reviews, ...",
            ),
            _c("path", S, "Path relative to the input folder."),
            _c("sha256", S, "SHA-256 of the file's bytes."),
            _c("bytes", I, "Size of the file in bytes."),
            _c("compression", S, "bz2 or gz when the file is compressed, else null."),
            _c("documents_loaded", I, "Documents of the file loaded into the warehouse."),
            _c("documents_rejected", I, "Documents of the file in rejected_document."),
        ),
        ("source_id",),
    ),
    TableSpec(
        "fact_nomination",
        "One row per accolade entry (film, body, category, ceremony, "
        "recipient, result), whatever the number of documents listing it.",
        (
            _c("nomination_id", S, "Deterministic id of the entry; fact_claim.fact_id points here."),
            FILM,
            _c("award_body_id", S, "The award body (dim_award_body)."),
            _c("award_category_id", S, "The category (dim_award_category)."),
            _c("ceremony_id", S, "The ceremony (dim_ceremony), null when no edition or year is given."),
            _c("recipient", S, "As displayed; the film's title when the film itself is the recipient."),
            _c("result", S, "won, nominated, runner-up, placed, honored or pending."),
            _c("placement", I, "The place for a placed result (2 for 2nd place)."),
            _c("is_win", B, "result = 'won'."),
            _c("note", S, "A note the entry carries (tied, shared with, ...)."),
            _c("entry_number", I, "Position of the entry among the accolades of its document."),
            SOURCE,
            SOURCES,
        ),
        ("nomination_id",),
        _FACT_REFS
        + (
            ("award_body_id", "dim_award_body", "award_body_id"),
            ("award_category_id", "dim_award_category", "award_category_id"),
            ("ceremony_id", "dim_ceremony", "ceremony_id"),
        ),
    ),
    TableSpec(
        "bridge_nomination_person",
        "People named in each accolade entry.",
        (
            _c("nomination_id", S, "The entry (fact_nomination)."),
            _c("person_id", S, "A person it names (dim_person)."),
            _c("ordinal", I, "Order of the person within the entry."),
        ),
        ("nomination_id", "ordinal"),
        (("nomination_id", "fact_nomination", "nomination_id"), ("person_id", "dim_person", "person_id")),
    ),
    _fact(
        "fact_credit",
        "Crew and cast credits: one row per film, person and role.",
        FILM,
        _c("person_id", S, "The person (dim_person)."),
        _c("role", S, "director, producer, writer, screenplay, starring, cast, music, ..."),
        _c("character", S, "The character played (cast), as the kept statement gives it."),
        _c("ordinal", I, "1-based order within the role."),
        _c("note", S, "A note the credit carries (uncredited, ...)."),
        refs=(("person_id", "dim_person", "person_id"),),
    ),
    _fact(
        "fact_film_company",
        "Companies per film, role and territory (studio, distributor, ...).",
        FILM,
        COMPANY,
        _c("role", S, "studio, distributor, home_media_distributor, ..."),
        TERRITORY_ID,
        TERRITORY,
        refs=_COMPANY_REF + _TERRITORY_REF,
    ),
    _fact(
        "fact_release",
        "Releases: one row per film, date, type and territory.",
        FILM,
        _c("release_date", D, "Date of the release, null when undated."),
        DATE_PRECISION,
        _c("release_type", S, "premiere, limited, wide, theatrical, festival, re-release, ..."),
        TERRITORY_ID,
        TERRITORY,
        COMPANY,
        _c("note", S, "Festival or event name, or a note."),
        refs=_COMPANY_REF + _TERRITORY_REF + _DATE_REF,
    ),
    _fact(
        "fact_home_media",
        "Home-media releases: one row per film, format, date and regions.",
        FILM,
        _c("format", S, "VHS, LaserDisc, DVD, HD DVD, Blu-ray, 4K Ultra HD, digital, ..."),
        _c("release_date", D, "Date of the release, null when undated."),
        DATE_PRECISION,
        _c("languages", LS, "Languages of the edition."),
        _c("regions", LS, "Territories (named as dim_territory) and disc regions of the edition."),
        _c("territory_id", S, "The territory (dim_territory) when the edition names exactly one."),
        _c("territory", S, "That territory's display name."),
        COMPANY,
        _c("note", S, "Edition notes (anniversary edition, ...)."),
        refs=_COMPANY_REF + _TERRITORY_REF + _DATE_REF,
    ),
    _fact(
        "fact_box_office",
        "Budget, gross and marketing amounts: one row per film, measure, territory, amount and currency.",
        FILM,
        _c("measure", S, "budget, gross or marketing."),
        TERRITORY_ID,
        TERRITORY,
        _c("amount_low", F, "Low end of the amount (the amount itself when not a range)."),
        _c("amount_high", F, "High end of the amount."),
        _c("currency", S, "ISO 4217 currency code, null when the text names none."),
        _c("is_estimate", B, "The text marks the amount as estimated or approximate."),
        _c("bound", S, "upper (less than ...), lower (over ...) or null."),
        _c("as_written", S, "The amount as the kept statement wrote it."),
        refs=_TERRITORY_REF,
    ),
    _fact(
        "fact_rating",
        "Critics' and audience scores: one row per film, source, metric and value.",
        FILM,
        _c("rating_source", S, "Rotten Tomatoes, Metacritic, IMDb, ..."),
        _c("metric", S, "approval, average, score, user_rating, ..."),
        _c("value", F, "The score."),
        _c("scale", F, "The score's maximum (100, 10, ...)."),
        _c("sample_size", I, "Reviews or votes the score counts."),
    ),
    _fact(
        "fact_review",
        "User reviews: one row per film, author, title and date.",
        FILM,
        _c("author", S, "The reviewer's user name."),
        _c("review_date", D, "Date of the review."),
        _c("title", S, "Title of the review."),
        _c("rating", F, "The reviewer's rating."),
        _c("rating_scale", F, "Its maximum."),
        _c("helpful_votes", I, "Readers who found it helpful."),
        _c("total_votes", I, "Readers who voted."),
        _c("body", S, "The review's text."),
        _c("date_ambiguous", B, "The date could be read day-first or month-first."),
    ),
    _fact(
        "fact_soundtrack_track",
        "Soundtrack album tracks: one row per film, number and title.",
        FILM,
        _c("track_number", I, "Track number."),
        _c("title", S, "Track title."),
        _c("writers", LS, "Writers of the track."),
        _c("performers", LS, "Performers."),
        _c("length_seconds", I, "Length in seconds."),
        _c("is_dialogue", B, "A dialogue excerpt of the film rather than a song."),
    ),
    _fact(
        "fact_soundtrack_release",
        "Soundtrack album release dates: one row per film and date.",
        FILM,
        _c("release_date", D, "Release date of the album."),
        DATE_PRECISION,
    ),
    TableSpec(
        "fact_claim",
        "Provenance of every fact: one row per fact and document that "
        "states it, with the value as that document wrote it.",
        (
            _c("fact_id", S, "The fact (fact_id or nomination_id of the fact table)."),
            _c("fact_table", S, "The fact table holding the fact."),
            FILM,
            _c("source_id", S, "The input file of the document stating it (dim_source)."),
            _c("is_master", B, "The document is the film's master record."),
            _c("fact", S, "What is stated: the measure, rating source and metric, role, format, ..."),
            _c("value", S, "The value as this document wrote it, for display."),
            _c("value_key", S, "The value normalised for comparison (sortable)."),
            _c("as_written", S, "The document's own text, when the extractor keeps it."),
        ),
        ("fact_id", "source_id"),
        _FACT_REFS,
    ),
    TableSpec(
        "source_document",
        "Every loaded document (a page of a file) with the film it joined.",
        (
            _c("source_id", S, "The input file (dim_source)."),
            _c("film_id", S, "The film it joined (dim_film)."),
            _c("kind", S, "Detected kind of the document."),
            _c("page_title", S, "Title of the page."),
            _c("page_id", I, "MediaWiki page id."),
            _c("revision_id", I, "MediaWiki revision id."),
            _c("is_master", B, "The document is the film's master record."),
            _c("accolade_rows_seen", I, "Accolade table rows and list entries seen."),
            _c("accolade_rows_skipped", I, "Of those, rows skipped with a reason (extraction_issue)."),
            _c("nominations", I, "Accolade entries the document states."),
        ),
        (),
        _FACT_REFS,
    ),
    TableSpec(
        "extraction_issue",
        "What the extractors could not interpret, counted per document.",
        (
            _c("source_id", S, "The input file (dim_source)."),
            _c("film_id", S, "The film (dim_film)."),
            _c("issue_kind", S, "unknown template or unreadable value."),
            _c("detail", S, "The template name or the field."),
            _c("count", I, "How many times."),
        ),
        (),
        _FACT_REFS,
    ),
    TableSpec(
        "rejected_document",
        "Every file or page not loaded, with the reason.",
        (
            _c("path", S, "Path of the file relative to the input folder."),
            _c("sha256", S, "SHA-256 of the file."),
            _c("reason", S, "Why it was not loaded, readable."),
            _c("kind", S, "Detected kind, when one was detected."),
            _c("page_title", S, "Title of the page, when known."),
        ),
    ),
]
TABLE_SPECS: dict[str, TableSpec] = {s.name: s for s in _SPECS}
TABLES: tuple[str, ...] = tuple(TABLE_SPECS)

_VIEWS = [
    ViewSpec(
        "wins_by_award_body",
        "One row per film and award body: every entry counted, won or not.",
        (
            ("film_id", "The film (dim_film)."),
            ("film_title", "The film's title."),
            ("award_body", "The award body's name."),
            ("nominations", "Entries of the film at that body, won or not."),
            ("wins", "Of those, entries won."),
            ("win_rate", "wins / nominations, 3 decimals."),
        ),
        ("fact_nomination", "dim_film", "dim_award_body"),
    ),
    ViewSpec(
        "award_body_leaderboard",
        "Award bodies across the whole warehouse: how many films, entries and wins each accounts for.",
        (
            ("award_body", "The award body's name."),
            ("wiki_title", "Its Wikipedia article."),
            ("films", "Films with at least one entry there."),
            ("nominations", "Entries, won or not."),
            ("wins", "Entries won."),
        ),
        ("fact_nomination", "dim_award_body"),
    ),
    ViewSpec(
        "source_disagreements",
        "Facts on which the documents of one film give different "
        "values (budget, gross, ratings, first release date), one row per source and value; "
        "built from fact_claim.",
        (
            ("film_id", "The film (dim_film)."),
            ("film_title", "The film's title."),
            (
                "fact",
                "What the sources disagree on: a measure, a rating source and metric, or first release date.",
            ),
            ("source", "Kind of the document (dim_source.kind)."),
            ("value", "What that document states, all its values joined by '; '."),
            ("source_path", "Path of the input file."),
            ("source_id", "The input file (dim_source)."),
        ),
        ("fact_claim", "dim_film", "dim_source"),
    ),
    ViewSpec(
        "release_timeline",
        "Every dated or undated event of a film's life in order: "
        "releases, home media, the soundtrack album and dated award ceremonies.",
        (
            ("film_id", "The film (dim_film)."),
            ("film_title", "The film's title."),
            ("event_date", "Date of the event, null when undated (listed last)."),
            ("date_precision", "day, month or year."),
            ("event", "theatrical, premiere, festival, home media, soundtrack or award."),
            ("detail", "Release type, home-media format, album or award body."),
            ("territory", "Territory or regions of the event."),
            ("company", "Distributor or label."),
            ("languages", "Languages of a home-media edition."),
            ("note", "Note or ceremony edition."),
            ("sources", "Documents stating the event."),
        ),
        (
            "fact_release",
            "fact_home_media",
            "fact_soundtrack_release",
            "fact_nomination",
            "dim_film",
            "dim_company",
            "dim_ceremony",
            "dim_award_body",
        ),
    ),
]
VIEW_SPECS: dict[str, ViewSpec] = {v.name: v for v in _VIEWS}
VIEWS: tuple[str, ...] = tuple(VIEW_SPECS)


@dataclass
class Corpus:
    """What the tables take of the parse stage besides the films: the files and rejections."""

    sources: list[SourceFile]
    rejections: list[Rejection]
    # Rejections in bulk (most pages of a dump), rejected_document's columns: no object per page
    # (a lazy frame is read when rejected_document is made).
    bulk_rejections: pl.DataFrame | pl.LazyFrame | None = None


def source_id(src: SourceFile) -> str:
    """A file's id: its path in the input folder, so an edit inside a file (one page of a dump)
    leaves the ids of the facts of its other documents as they were (``sha256`` says which
    content was read)."""
    return make_id("source", src.path)


class _Entities:
    """People or companies met while building a film's facts: the spellings of each key with
    their counts and its links (``combine`` names each by its most common spelling over every
    film, ties by alphabetical order, so the choice is deterministic)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.wiki: dict[str, set] = defaultdict(set)

    def id(self, name: Name) -> str:
        key = entity_key(name.name, name.wiki_title)
        self.names[key][name.name] += 1
        if name.wiki_title:
            self.wiki[key].add(name.wiki_title)
        return make_id(self.kind, key)


class _AwardBodies:
    """Award bodies keyed by ``keys.award_body_key``, with their spellings and links counted.
    The name ``combine`` shows is one that spells the body out (not an acronym), then the most
    used over every film, then the longest: deterministic."""

    def __init__(self):
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.wiki: dict[str, Counter] = defaultdict(Counter)

    def id(self, name: str, wiki_title: str | None) -> str:
        key = award_body_key(name, wiki_title)
        self.names[key][name] += 1
        if wiki_title:
            self.wiki[key][wiki_title] += 1
        return make_id("award_body", key)


class _Territories:
    """Territories named by facts, through the one normaliser (``territory.resolve``)."""

    def __init__(self):
        self.rows: dict[str, dict] = {}

    def name(self, text: str | None) -> str | None:
        return self.ref(text)[1]

    def ref(self, text: str | None) -> tuple[str | None, str | None]:
        """(territory_id, display name), both None when no territory is named."""
        if not text:
            return None, None
        t = territories.resolve(text)
        tid = make_id("territory", t.name)
        self.rows.setdefault(
            tid, {"territory_id": tid, "name": t.name, "iso_3166": t.iso_3166, "kind": t.kind}
        )
        return tid, t.name


@dataclass
class Claim:
    """One document's statement of a fact: the fact's grain and value (``key``), the row it
    gives, and how fact_claim shows it."""

    key: tuple
    row: dict
    fact: str
    value: str | None
    value_key: str | None = None
    as_written: str | None = None
    persons: list[str] = field(default_factory=list)  # bridge rows (accolade entries)


class _Conformer:
    """Facts of one table, one row per fact, with every document's claim of it.

    ``loose`` names the positions of the key a document may leave unstated (None), with the
    row columns they fill: a claim that leaves one unstated is the one fact of the film that
    agrees with it on everything else ("limited, 27 October 1995" is the fact "limited, 27
    October 1995, United States" another document states), and a fact left unstated takes the
    value of the first claim that states it."""

    def __init__(
        self, table: str, id_column: str = "fact_id", loose: dict[int, tuple[str, ...]] | None = None
    ):
        self.table, self.id_column, self.loose = table, id_column, loose or {}
        self.rows: dict[str, dict] = {}
        self.keys: dict[str, dict[str, tuple]] = defaultdict(dict)  # film -> fact id -> key
        self.persons: dict[str, list[str]] = {}
        self.claims: list[dict] = []

    def _agrees(self, a: tuple, b: tuple) -> bool:
        return all(
            x == y or (i in self.loose and (x is None or y is None)) for i, (x, y) in enumerate(zip(a, b))
        )

    def _match(self, fid: str, claim: Claim, taken: set[str]) -> str | None:
        if not self.loose:
            return None
        found = [f for f, key in self.keys[fid].items() if f not in taken and self._agrees(key, claim.key)]
        return found[0] if len(found) == 1 else None

    def add(self, fid: str, sid: str, is_master: bool, claims: Iterable[Claim]) -> None:
        seen: Counter = Counter()
        taken: set[str] = set()  # facts this document already stated
        for c in claims:
            seen[c.key] += 1
            fact_id = make_id(self.table.removeprefix("fact_"), fid, *c.key, seen[c.key])
            if fact_id not in self.rows or fact_id in taken:
                fact_id = self._match(fid, c, taken) or fact_id
            row = self.rows.get(fact_id)
            if row is None:
                self.rows[fact_id] = {
                    self.id_column: fact_id,
                    "film_id": fid,
                    **c.row,
                    "source_id": sid,
                    "sources": 1,
                }
                self.keys[fid][fact_id] = c.key
                self.persons[fact_id] = c.persons
            else:
                row["sources"] += 1
                self._fill(fid, fact_id, row, c)
            taken.add(fact_id)
            self.claims.append(
                {
                    "fact_id": fact_id,
                    "fact_table": self.table,
                    "film_id": fid,
                    "source_id": sid,
                    "is_master": is_master,
                    "fact": c.fact,
                    "value": c.value,
                    "value_key": c.value_key if c.value_key is not None else c.value,
                    "as_written": c.as_written,
                }
            )

    def _fill(self, fid: str, fact_id: str, row: dict, claim: Claim) -> None:
        key = list(self.keys[fid][fact_id])
        for i, columns in self.loose.items():
            if key[i] is None and claim.key[i] is not None:
                key[i] = claim.key[i]
                row.update({col: claim.row[col] for col in columns})
        self.keys[fid][fact_id] = tuple(key)


def _date(d: PartialDate | None):
    return (d.date, d.precision) if d is not None else (None, None)


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def _num(x: float | None) -> str:
    return "?" if x is None else format(x, ".15g")


class _Builder:
    """Dimensions met while reading facts, and the row builders of each fact family."""

    def __init__(self):
        self.people, self.companies = _Entities("person"), _Entities("company")
        self.bodies = _AwardBodies()
        self.territories = _Territories()
        self.categories: dict[str, dict] = {}
        self.ceremonies: dict[str, dict] = {}
        self.dates: set = set()

    def company(self, name: Name | None) -> str | None:
        return self.companies.id(name) if name else None

    def credits(self, f) -> Iterable[Claim]:
        for c in f.credits:
            pid = self.people.id(c.person)
            yield Claim(
                (pid, c.role),
                {
                    "person_id": pid,
                    "role": c.role,
                    "character": c.character,
                    "ordinal": c.ordinal,
                    "note": c.note,
                },
                c.role,
                c.character or c.person.name,
            )

    def film_companies(self, f) -> Iterable[Claim]:
        for c in f.companies:
            cid = self.companies.id(c.company)
            tid, name = self.territories.ref(c.territory)
            yield Claim(
                (cid, c.role, tid),
                {"company_id": cid, "role": c.role, "territory_id": tid, "territory": name},
                c.role,
                c.company.name,
            )

    def releases(self, f) -> Iterable[Claim]:
        for r in f.releases:
            d, p = _date(r.date)
            self.dates.add(d)
            tid, name = self.territories.ref(r.territory)
            yield Claim(
                (d, r.release_type, tid),
                {
                    "release_date": d,
                    "date_precision": p,
                    "release_type": r.release_type,
                    "territory_id": tid,
                    "territory": name,
                    "company_id": self.company(r.company),
                    "note": r.note,
                },
                "release date",
                _iso(d),
            )

    def home_media(self, f) -> Iterable[Claim]:
        for h in f.home_media:
            d, p = _date(h.date)
            self.dates.add(d)
            regions = [r if r.startswith("Region ") else self.territories.name(r) for r in h.regions]
            places = [r for r in h.regions if not r.startswith("Region ")]
            tid, name = self.territories.ref(places[0]) if len(places) == 1 else (None, None)
            yield Claim(
                (h.format, d, tuple(regions)),
                {
                    "format": h.format,
                    "release_date": d,
                    "date_precision": p,
                    "languages": h.languages,
                    "regions": regions,
                    "territory_id": tid,
                    "territory": name,
                    "company_id": self.company(h.company),
                    "note": h.note,
                },
                h.format,
                _iso(d),
            )

    def box_office(self, f) -> Iterable[Claim]:
        for b in f.box_office:
            a = b.amount
            tid, name = self.territories.ref(b.territory or a.territory)
            shown = (
                (a.currency + " " if a.currency else "")
                + _money(a.low)
                + ("–" + _money(a.high) if (a.high or 0) > (a.low or 0) else "")
                + {"upper": " (upper bound)", "lower": " (lower bound)"}.get(a.bound or "", "")
                + (" (estimated)" if a.is_estimate else "")
                + (" (" + name + ")" if name else "")
            )
            yield Claim(
                (b.measure, tid, a.low, a.high, a.currency),
                {
                    "measure": b.measure,
                    "territory_id": tid,
                    "territory": name,
                    "amount_low": a.low,
                    "amount_high": a.high,
                    "currency": a.currency,
                    "is_estimate": a.is_estimate,
                    "bound": a.bound,
                    "as_written": a.as_written,
                },
                b.measure,
                shown,
                (a.currency or "?") + " " + _sortable(a.low) + "-" + _sortable(a.high),
                a.as_written,
            )

    def ratings(self, f) -> Iterable[Claim]:
        for r in f.ratings:
            yield Claim(
                (r.rating_source, r.metric, r.value, r.scale),
                {
                    "rating_source": r.rating_source,
                    "metric": r.metric,
                    "value": r.value,
                    "scale": r.scale,
                    "sample_size": r.sample_size,
                },
                r.rating_source + " " + r.metric,
                _num(r.value) + ("/" + _num(r.scale) if r.scale is not None else ""),
                _sortable(r.value / (r.scale or 1)),
            )

    def reviews(self, f) -> Iterable[Claim]:
        for r in f.reviews:
            self.dates.add(r.review_date)
            yield Claim(
                (r.author, r.title, r.review_date),
                {
                    "author": r.author,
                    "review_date": r.review_date,
                    "title": r.title,
                    "rating": r.rating,
                    "rating_scale": r.rating_scale,
                    "helpful_votes": r.helpful_votes,
                    "total_votes": r.total_votes,
                    "body": r.body,
                    "date_ambiguous": r.date_ambiguous,
                },
                "review",
                None if r.rating is None else _num(r.rating),
            )

    def tracks(self, f) -> Iterable[Claim]:
        for t in f.tracks:
            yield Claim(
                (t.number, t.title),
                {
                    "track_number": t.number,
                    "title": t.title,
                    "writers": t.writers,
                    "performers": t.performers,
                    "length_seconds": t.length_seconds,
                    "is_dialogue": t.is_dialogue,
                },
                "track",
                None if t.length_seconds is None else str(t.length_seconds),
            )

    def soundtrack_release(self, f) -> Iterable[Claim]:
        if f.soundtrack_release is not None:
            d, p = _date(f.soundtrack_release)
            self.dates.add(d)
            yield Claim((d,), {"release_date": d, "date_precision": p}, "soundtrack release", _iso(d))

    def nominations(self, f, fid: str) -> Iterable[Claim]:
        for number, n in enumerate(f.nominations, start=1):
            body_id = self.bodies.id(n.award_body, n.award_body_wiki_title)
            cat_id = make_id("award_category", body_id, normalise(n.category))
            self.categories.setdefault(
                cat_id,
                {
                    "award_category_id": cat_id,
                    "award_body_id": body_id,
                    "name": n.category,
                    "wiki_title": n.category_wiki_title,
                },
            )
            ceremony_id = None
            cdate, _ = _date(n.ceremony_date)
            year = n.ceremony_year or (cdate.year if cdate else None)
            if n.edition is not None or year is not None:
                ceremony_id = make_id("ceremony", body_id, n.edition, year)
                cer = self.ceremonies.setdefault(
                    ceremony_id,
                    {
                        "ceremony_id": ceremony_id,
                        "award_body_id": body_id,
                        "edition": n.edition,
                        "year": year,
                        "ceremony_date": cdate,
                    },
                )
                cer["ceremony_date"] = cer["ceremony_date"] or cdate
                self.dates.add(cdate)
            yield Claim(
                (body_id, cat_id, ceremony_id, normalise(n.recipient), n.result),
                {
                    "award_body_id": body_id,
                    "award_category_id": cat_id,
                    "ceremony_id": ceremony_id,
                    "recipient": n.recipient,
                    "result": n.result,
                    "placement": n.placement,
                    "is_win": n.result == "won",
                    "note": n.note,
                    "entry_number": number,
                },
                n.award_body + ": " + n.category,
                n.result,
                persons=[self.people.id(p) for p in n.persons],
            )


def _money(x: float | None) -> str:
    return "?" if x is None else format(x, ",.0f")


def _sortable(x: float | None) -> str:
    return "?" if x is None else format(x, "020.6f")


_TERRITORY_COLUMNS = ("territory_id", "territory")

# fact table -> (row builder of the fact family, key positions a document may leave unstated)
_FAMILIES = {
    "fact_credit": (_Builder.credits, {}),
    "fact_film_company": (_Builder.film_companies, {}),
    "fact_release": (_Builder.releases, {2: _TERRITORY_COLUMNS}),
    "fact_home_media": (_Builder.home_media, {}),
    "fact_box_office": (_Builder.box_office, {1: _TERRITORY_COLUMNS}),
    "fact_rating": (_Builder.ratings, {}),
    "fact_review": (_Builder.reviews, {}),
    "fact_soundtrack_track": (_Builder.tracks, {}),
    "fact_soundtrack_release": (_Builder.soundtrack_release, {}),
}


# Tables whose rows belong to one film (``film_rows``); every other table is ``combine``'s.
FILM_TABLES = (
    "dim_film",
    "source_document",
    "extraction_issue",
    "fact_claim",
    "fact_nomination",
    "bridge_nomination_person",
    *_FAMILIES,
)
# What one film says of the dimensions films share (its rows' names, links and first sightings):
# ``combine`` chooses each dimension row from these, whichever films were built in this build.
CONTRIBUTIONS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_names": {"film_id": S, "person_id": S, "name": S, "count": I},
    "person_links": {"film_id": S, "person_id": S, "wiki_title": S},
    "company_names": {"film_id": S, "company_id": S, "name": S, "count": I},
    "company_links": {"film_id": S, "company_id": S, "wiki_title": S},
    "body_names": {"film_id": S, "award_body_id": S, "name": S, "count": I, "spelled_out": B},
    "body_links": {"film_id": S, "award_body_id": S, "wiki_title": S, "count": I},
    "categories": {"film_id": S, "seen": I, **TABLE_SPECS["dim_award_category"].schema},
    "ceremonies": {"film_id": S, "seen": I, **TABLE_SPECS["dim_ceremony"].schema},
    "territories": {"film_id": S, **TABLE_SPECS["dim_territory"].schema},
    "dates": {"film_id": S, "date": D},
}
FilmRows = dict[str, list[dict]]  # FILM_TABLES and CONTRIBUTIONS -> rows


def film_rows(film: Film) -> FilmRows:
    """The rows of one film: its own tables' rows (``FILM_TABLES``) and what it says of the
    shared dimensions (``CONTRIBUTIONS``). They depend on this film's documents alone, so the
    rows of a film whose documents did not change can be kept from the last build."""
    rows = empty_rows()
    b = _Builder()
    facts = {t: _Conformer(t, loose=loose) for t, (_, loose) in _FAMILIES.items()}
    nominations = _Conformer("fact_nomination", "nomination_id")
    fid, m = film.film_id, film.master
    rows["dim_film"].append(_film_row(film, b))
    # The master record first: it is the source of every fact it states.
    for doc in sorted(film.documents, key=lambda d: d is not m):
        sid = source_id(doc.source)
        rows["source_document"].append(_document_row(doc, fid, sid, doc is m))
        for table, (builder, _) in _FAMILIES.items():
            facts[table].add(fid, sid, doc is m, builder(b, doc.facts))
        nominations.add(fid, sid, doc is m, b.nominations(doc.facts, fid))
        rows["extraction_issue"] += _issue_rows(doc, fid, sid)

    for table, conformer in (*facts.items(), ("fact_nomination", nominations)):
        rows[table] = list(conformer.rows.values())
        rows["fact_claim"] += conformer.claims
    rows["bridge_nomination_person"] = [
        {"nomination_id": nid, "person_id": pid, "ordinal": i}
        for nid, persons in nominations.persons.items()
        for i, pid in enumerate(persons, start=1)
    ]
    for kind, entities in (("person", b.people), ("company", b.companies)):
        for key, names in entities.names.items():
            eid = make_id(kind, key)
            rows[f"{kind}_names"] += [
                {"film_id": fid, f"{kind}_id": eid, "name": n, "count": c} for n, c in names.items()
            ]
            rows[f"{kind}_links"] += [
                {"film_id": fid, f"{kind}_id": eid, "wiki_title": w} for w in sorted(entities.wiki[key])
            ]
    for key, names in b.bodies.names.items():
        bid = make_id("award_body", key)
        rows["body_names"] += [
            {
                "film_id": fid,
                "award_body_id": bid,
                "name": n,
                "count": c,
                "spelled_out": award_body_key(n) == key,
            }
            for n, c in names.items()
        ]
        rows["body_links"] += [
            {"film_id": fid, "award_body_id": bid, "wiki_title": w, "count": c}
            for w, c in b.bodies.wiki[key].items()
        ]
    rows["categories"] = [{"film_id": fid, "seen": i, **r} for i, r in enumerate(b.categories.values())]
    rows["ceremonies"] = [{"film_id": fid, "seen": i, **r} for i, r in enumerate(b.ceremonies.values())]
    rows["territories"] = [{"film_id": fid, **r} for r in b.territories.rows.values()]
    rows["dates"] = [{"film_id": fid, "date": d} for d in b.dates if d is not None]
    return rows


def _schema(table: str) -> dict[str, pl.DataType | type[pl.DataType]]:
    return CONTRIBUTIONS[table] if table in CONTRIBUTIONS else TABLE_SPECS[table].schema


def rows_frames(rows: FilmRows) -> dict[str, pl.DataFrame]:
    """Rows of films (``film_rows``, one film's or many films' appended) as frames, in row order."""
    return {
        t: pl.DataFrame(r, schema=_schema(t)) if r else pl.DataFrame(schema=_schema(t))
        for t, r in rows.items()
    }


def empty_rows() -> FilmRows:
    return {t: [] for t in (*FILM_TABLES, *CONTRIBUTIONS)}


def concatenated(films: list[dict[str, pl.DataFrame]]) -> Callable[[str], pl.DataFrame]:
    """``combine``'s ``rows_of`` for frames of ``rows_frames`` held in memory, in any grouping."""
    return lambda table: pl.concat([rows_frames(empty_rows())[table], *(f[table] for f in films)])


def combine(
    corpus: Corpus,
    film_order: list[str],
    rows_of: Callable[[str], pl.DataFrame],
    superseded: list[Superseded[Head]],
) -> Iterator[tuple[str, pl.DataFrame]]:
    """Every table of ``TABLES`` once, as ``(name, frame)``, made one at a time so a caller can
    write each and let it go, from the rows of every film and the corpus. ``rows_of(table)``
    gives every film's rows of one of ``FILM_TABLES`` or ``CONTRIBUTIONS`` (frames of
    ``rows_frames``, each film's rows together, films in any order), read when that table is
    made. The dimensions films share are chosen from the films' contributions as one pass over
    every film in ``film_order`` would (the most used spelling of a name; a category's or
    ceremony's first sighting)."""
    loaded: Counter[str] = Counter()
    for table in FILM_TABLES:
        rows = rows_of(table)
        if table == "source_document":
            loaded.update(dict(rows.group_by("source_id").len().iter_rows()))
        yield table, _sorted(table, rows)
        del rows
    rank = pl.DataFrame(
        {"film_id": film_order, "rank": range(len(film_order))}, schema={"film_id": S, "rank": I}
    )

    def first_seen(table: str) -> pl.DataFrame:
        return rows_of(table).join(rank, on="film_id", how="left").sort("rank", "seen", maintain_order=True)

    for kind in ("person", "company"):
        eid = f"{kind}_id"
        names = (
            rows_of(f"{kind}_names")
            .group_by(eid, "name")
            .agg(pl.col("count").sum())
            .sort(eid, "count", "name", descending=[False, True, False])
            .unique(eid, keep="first", maintain_order=True)
            .select(eid, "name")
        )
        links = rows_of(f"{kind}_links").group_by(eid).agg(pl.col("wiki_title").min())
        yield f"dim_{kind}", _sorted(f"dim_{kind}", names.join(links, on=eid, how="left"))
    bodies = (
        rows_of("body_names")
        .group_by("award_body_id", "name", "spelled_out")
        .agg(pl.col("count").sum())
        .with_columns(pl.col("name").str.len_chars().alias("length"))
        .sort(
            "award_body_id",
            "spelled_out",
            "count",
            "length",
            "name",
            descending=[False, True, True, True, False],
        )
        .unique("award_body_id", keep="first", maintain_order=True)
        .select("award_body_id", "name")
    )
    body_links = (
        rows_of("body_links")
        .group_by("award_body_id", "wiki_title")
        .agg(pl.col("count").sum())
        .sort("award_body_id", "count", "wiki_title", descending=[False, True, False])
        .unique("award_body_id", keep="first", maintain_order=True)
        .select("award_body_id", "wiki_title")
    )
    yield "dim_award_body", _sorted("dim_award_body", bodies.join(body_links, on="award_body_id", how="left"))
    category = TABLE_SPECS["dim_award_category"].schema
    categories = first_seen("categories").unique("award_category_id", keep="first", maintain_order=True)
    yield "dim_award_category", _sorted("dim_award_category", categories.select(*category))
    ceremonies = (
        first_seen("ceremonies")
        .group_by("ceremony_id", maintain_order=True)
        .agg(
            pl.col("award_body_id", "edition", "year").first(),
            pl.col("ceremony_date").drop_nulls().first(),
        )
        .select(*TABLE_SPECS["dim_ceremony"].schema)
    )
    yield "dim_ceremony", _sorted("dim_ceremony", ceremonies)
    territories = rows_of("territories").unique("territory_id", keep="first", maintain_order=True)
    yield "dim_territory", _sorted("dim_territory", territories.select(*TABLE_SPECS["dim_territory"].schema))
    dates = rows_of("dates")["date"].unique().to_list()
    yield (
        "dim_date",
        _frame(
            "dim_date",
            [
                {"date_id": date_id(d), "date": d, "year": d.year, "month": d.month, "day": d.day}
                for d in dates
            ],
        ),
    )

    rejected = _rejections(corpus, superseded)
    rejected_by_path = Counter(r["path"] for r in rejected)
    bulk = corpus.bulk_rejections
    if isinstance(bulk, pl.LazyFrame):
        bulk = bulk.collect()
    if bulk is not None:
        rejected_by_path.update(dict(bulk.group_by("path").len().iter_rows()))
    yield "rejected_document", _frame("rejected_document", rejected, bulk)
    sources = [
        {
            "source_id": source_id(src),
            "kind": src.kind,
            "path": src.path,
            "sha256": src.sha256,
            "bytes": src.size,
            "compression": src.compression,
            "documents_loaded": loaded[source_id(src)],
            "documents_rejected": rejected_by_path[src.path],
        }
        for src in corpus.sources
    ]
    yield "dim_source", _frame("dim_source", sources)


def _film_row(film: Film, b: _Builder) -> dict:
    m = film.master
    return {
        "film_id": film.film_id,
        "title": m.facts.title,
        "wiki_title": m.facts.wiki_title,
        "release_year": m.facts.release_year,
        "runtime_minutes": m.facts.runtime_minutes or _first(film, "runtime_minutes"),
        "countries": [b.territories.name(c) for c in m.facts.countries],
        "languages": m.facts.languages,
        "page_id": m.page_id,
        "revision_id": m.revision_id,
        "master_source_id": source_id(m.source),
        "documents": len(film.documents),
    }


def _document_row(doc: ParsedDocument, fid: str, sid: str, is_master: bool) -> dict:
    return {
        "source_id": sid,
        "film_id": fid,
        "kind": doc.kind,
        "page_title": doc.page_title,
        "page_id": doc.page_id,
        "revision_id": doc.revision_id,
        "is_master": is_master,
        "accolade_rows_seen": doc.accolade_rows_seen,
        "accolade_rows_skipped": sum(doc.accolade_rows_skipped.values()),
        "nominations": len(doc.facts.nominations),
    }


def _issue_rows(doc: ParsedDocument, fid: str, sid: str) -> list[dict]:
    f = doc.facts
    return [
        {"source_id": sid, "film_id": fid, "issue_kind": kind, "detail": name, "count": n}
        for kind, counts in (("unknown template", f.unknown_templates), ("unreadable value", f.problems))
        for name, n in sorted(counts.items())
    ]


def _rejections(corpus: Corpus, superseded: list[Superseded[Head]]) -> list[dict]:
    rejected = list(corpus.rejections) + [
        Rejection(
            s.document.path,
            s.document.sha256,
            f"superseded: the same article ({s.master.page_title!r}) is also in "
            f"{s.master.path}, used as the master record",
            s.document.kind,
            s.document.page_title,
        )
        for s in superseded
    ]
    return [
        {"path": r.path, "sha256": r.sha256, "reason": r.reason, "kind": r.kind, "page_title": r.page_title}
        for r in rejected
    ]


def _first(film: Film, attr: str):
    for doc in film.documents:
        value = getattr(doc.facts, attr)
        if value:
            return value
    return None


def _frame(table: str, rows: list[dict], bulk: pl.DataFrame | None = None) -> pl.DataFrame:
    schema = TABLE_SPECS[table].schema
    frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    if bulk is not None:
        frame = pl.concat([frame, bulk.select(pl.col(c).cast(t) for c, t in schema.items())])
    return _sorted(table, frame)


def _sorted(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    schema = TABLE_SPECS[table].schema
    order = [c for c, t in schema.items() if t != LS]  # a stable row order for a stable file
    return frame.select(*schema).sort(order, nulls_last=True, maintain_order=True)
