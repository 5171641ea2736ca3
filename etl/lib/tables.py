"""The star schema as Polars frames: one schema per contract table, one builder for them all.

``SCHEMAS`` is the single definition of every warehouse table (name, columns, types, order);
the loader creates DuckDB tables from these frames, so an empty table still has its columns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from etl.lib.intake import Rejection, SourceFile
from etl.lib.keys import award_body_key, date_id, entity_key, make_id, normalise
from etl.lib.model import Name, PartialDate

if TYPE_CHECKING:  # the schema itself needs none of the parsers
    from etl.lib.documents import ParsedDocument
    from etl.lib.resolve import Film, Superseded

S, I, F, B, D = pl.String, pl.Int64, pl.Float64, pl.Boolean, pl.Date
LS = pl.List(pl.String)

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "dim_film": {"film_id": S, "title": S, "wiki_title": S, "release_year": I,
                 "runtime_minutes": I, "countries": LS, "languages": LS, "page_id": I,
                 "revision_id": I, "master_source_id": S, "documents": I},
    "dim_person": {"person_id": S, "name": S, "wiki_title": S},
    "dim_company": {"company_id": S, "name": S, "wiki_title": S},
    "dim_award_body": {"award_body_id": S, "name": S, "wiki_title": S},
    "dim_award_category": {"award_category_id": S, "award_body_id": S, "name": S, "wiki_title": S},
    "dim_ceremony": {"ceremony_id": S, "award_body_id": S, "edition": I, "year": I,
                     "ceremony_date": D},
    "dim_date": {"date_id": I, "date": D, "year": I, "month": I, "day": I},
    "dim_source": {"source_id": S, "kind": S, "path": S, "sha256": S, "bytes": I,
                   "compression": S, "documents_loaded": I, "documents_rejected": I},
    "fact_nomination": {"nomination_id": S, "film_id": S, "award_body_id": S,
                        "award_category_id": S, "ceremony_id": S, "recipient": S, "result": S,
                        "placement": I, "is_win": B, "note": S, "entry_number": I, "source_id": S},
    "bridge_nomination_person": {"nomination_id": S, "person_id": S, "ordinal": I},
    "fact_credit": {"film_id": S, "person_id": S, "role": S, "character": S, "ordinal": I,
                    "note": S, "source_id": S},
    "fact_film_company": {"film_id": S, "company_id": S, "role": S, "territory": S, "source_id": S},
    "fact_release": {"film_id": S, "release_date": D, "date_precision": S, "release_type": S,
                     "territory": S, "company_id": S, "note": S, "source_id": S},
    "fact_home_media": {"film_id": S, "format": S, "release_date": D, "date_precision": S,
                        "languages": LS, "regions": LS, "company_id": S, "note": S, "source_id": S},
    "fact_box_office": {"film_id": S, "measure": S, "territory": S, "amount_low": F,
                        "amount_high": F, "currency": S, "is_estimate": B, "bound": S,
                        "as_written": S, "source_id": S},
    "fact_rating": {"film_id": S, "rating_source": S, "metric": S, "value": F, "scale": F,
                    "sample_size": I, "source_id": S},
    "fact_review": {"review_id": S, "film_id": S, "author": S, "review_date": D, "title": S,
                    "rating": F, "rating_scale": F, "helpful_votes": I, "total_votes": I,
                    "body": S, "date_ambiguous": B, "source_id": S},
    "fact_soundtrack_track": {"film_id": S, "track_number": I, "title": S, "writers": LS,
                              "performers": LS, "length_seconds": I, "is_dialogue": B,
                              "source_id": S},
    "fact_soundtrack_release": {"film_id": S, "release_date": D, "date_precision": S,
                                "source_id": S},
    "source_document": {"source_id": S, "film_id": S, "kind": S, "page_title": S, "page_id": I,
                        "revision_id": I, "is_master": B, "accolade_rows_seen": I,
                        "accolade_rows_skipped": I, "nominations": I},
    "extraction_issue": {"source_id": S, "film_id": S, "issue_kind": S, "detail": S, "count": I},
    "rejected_document": {"path": S, "sha256": S, "reason": S, "kind": S, "page_title": S},
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)


@dataclass
class Corpus:
    """Everything the parse stage produced."""

    sources: list[SourceFile]
    documents: list["ParsedDocument"]
    rejections: list[Rejection]


def source_id(src: SourceFile) -> str:
    return make_id("source", src.path, src.sha256)


class _Entities:
    """People or companies met while building facts; one row per key, the most common
    spelling as the name (ties by alphabetical order) so the choice is deterministic."""

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

    def rows(self, id_col: str) -> list[dict]:
        rows = []
        for key, names in self.names.items():
            name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            wiki = sorted(self.wiki[key])[0] if self.wiki[key] else None
            rows.append({id_col: make_id(self.kind, key), "name": name, "wiki_title": wiki})
        return rows


class _AwardBodies:
    """Award bodies keyed by ``keys.award_body_key``. The name shown is one that spells the
    body out (not an acronym), then the most used, then the longest: deterministic."""

    def __init__(self):
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.wiki: dict[str, Counter] = defaultdict(Counter)

    def id(self, name: str, wiki_title: str | None) -> str:
        key = award_body_key(name, wiki_title)
        self.names[key][name] += 1
        if wiki_title:
            self.wiki[key][wiki_title] += 1
        return make_id("award_body", key)

    def rows(self) -> list[dict]:
        rows = []
        for key, names in self.names.items():
            name = min(names, key=lambda n: (award_body_key(n) != key, -names[n], -len(n), n))
            wiki = min(self.wiki[key], key=lambda w: (-self.wiki[key][w], w)) if self.wiki[key] else None
            rows.append({"award_body_id": make_id("award_body", key), "name": name, "wiki_title": wiki})
        return rows


def _date(d: PartialDate | None):
    return (d.date, d.precision) if d is not None else (None, None)


def build_tables(corpus: Corpus, films: list["Film"], superseded: list["Superseded"]) -> dict[str, pl.DataFrame]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    people, companies = _Entities("person"), _Entities("company")
    bodies = _AwardBodies()
    categories: dict[str, dict] = {}
    ceremonies: dict[str, dict] = {}
    dates: set = set()
    loaded: Counter = Counter()

    for film in films:
        fid = film.film_id
        m = film.master
        rows["dim_film"].append({
            "film_id": fid, "title": m.facts.title, "wiki_title": m.facts.wiki_title,
            "release_year": m.facts.release_year,
            "runtime_minutes": m.facts.runtime_minutes or _first(film, "runtime_minutes"),
            "countries": m.facts.countries, "languages": m.facts.languages,
            "page_id": m.page_id, "revision_id": m.revision_id, "master_source_id": source_id(m.source),
            "documents": len(film.documents)})
        for doc in film.documents:
            sid = source_id(doc.source)
            loaded[doc.source.path] += 1
            f = doc.facts
            rows["source_document"].append({
                "source_id": sid, "film_id": fid, "kind": doc.kind, "page_title": doc.page_title,
                "page_id": doc.page_id, "revision_id": doc.revision_id, "is_master": doc is m,
                "accolade_rows_seen": doc.accolade_rows_seen,
                "accolade_rows_skipped": sum(doc.accolade_rows_skipped.values()),
                "nominations": len(f.nominations)})
            for c in f.credits:
                rows["fact_credit"].append({"film_id": fid, "person_id": people.id(c.person),
                                            "role": c.role, "character": c.character,
                                            "ordinal": c.ordinal, "note": c.note, "source_id": sid})
            for c in f.companies:
                rows["fact_film_company"].append({"film_id": fid, "company_id": companies.id(c.company),
                                                  "role": c.role, "territory": c.territory,
                                                  "source_id": sid})
            for r in f.releases:
                d, p = _date(r.date)
                dates.add(d)
                rows["fact_release"].append({"film_id": fid, "release_date": d, "date_precision": p,
                                             "release_type": r.release_type, "territory": r.territory,
                                             "company_id": companies.id(r.company) if r.company else None,
                                             "note": r.note, "source_id": sid})
            for h in f.home_media:
                d, p = _date(h.date)
                dates.add(d)
                rows["fact_home_media"].append({"film_id": fid, "format": h.format, "release_date": d,
                                                "date_precision": p, "languages": h.languages,
                                                "regions": h.regions,
                                                "company_id": companies.id(h.company) if h.company else None,
                                                "note": h.note, "source_id": sid})
            for b in f.box_office:
                a = b.amount
                rows["fact_box_office"].append({"film_id": fid, "measure": b.measure,
                                                "territory": b.territory or a.territory,
                                                "amount_low": a.low, "amount_high": a.high,
                                                "currency": a.currency, "is_estimate": a.is_estimate,
                                                "bound": a.bound, "as_written": a.as_written,
                                                "source_id": sid})
            for r in f.ratings:
                rows["fact_rating"].append({"film_id": fid, "rating_source": r.rating_source,
                                            "metric": r.metric, "value": r.value, "scale": r.scale,
                                            "sample_size": r.sample_size, "source_id": sid})
            for n, r in enumerate(f.reviews, start=1):
                dates.add(r.review_date)
                rows["fact_review"].append({
                    "review_id": make_id("review", fid, sid, n), "film_id": fid, "author": r.author,
                    "review_date": r.review_date, "title": r.title, "rating": r.rating,
                    "rating_scale": r.rating_scale, "helpful_votes": r.helpful_votes,
                    "total_votes": r.total_votes, "body": r.body, "date_ambiguous": r.date_ambiguous,
                    "source_id": sid})
            for t in f.tracks:
                rows["fact_soundtrack_track"].append({
                    "film_id": fid, "track_number": t.number, "title": t.title, "writers": t.writers,
                    "performers": t.performers, "length_seconds": t.length_seconds,
                    "is_dialogue": t.is_dialogue, "source_id": sid})
            if f.soundtrack_release is not None:
                d, p = _date(f.soundtrack_release)
                dates.add(d)
                rows["fact_soundtrack_release"].append({"film_id": fid, "release_date": d,
                                                        "date_precision": p, "source_id": sid})
            _nominations(rows, fid, sid, f, people, bodies, categories, ceremonies, dates)
            for name, n in sorted(f.unknown_templates.items()):
                rows["extraction_issue"].append({"source_id": sid, "film_id": fid,
                                                 "issue_kind": "unknown template", "detail": name,
                                                 "count": n})
            for name, n in sorted(f.problems.items()):
                rows["extraction_issue"].append({"source_id": sid, "film_id": fid,
                                                 "issue_kind": "unreadable value", "detail": name,
                                                 "count": n})

    rejected = list(corpus.rejections) + [
        Rejection(s.document.source.path, s.document.source.sha256,
                  f"superseded: the same article ({s.master.page_title!r}) is also in "
                  f"{s.master.source.path}, used as the master record", s.document.kind,
                  s.document.page_title)
        for s in superseded]
    rejected_by_path = Counter(r.path for r in rejected)
    for r in rejected:
        rows["rejected_document"].append({"path": r.path, "sha256": r.sha256, "reason": r.reason,
                                          "kind": r.kind, "page_title": r.page_title})
    for src in corpus.sources:
        rows["dim_source"].append({"source_id": source_id(src), "kind": src.kind, "path": src.path,
                                   "sha256": src.sha256, "bytes": src.size,
                                   "compression": src.compression,
                                   "documents_loaded": loaded[src.path],
                                   "documents_rejected": rejected_by_path[src.path]})

    rows["dim_person"] = people.rows("person_id")
    rows["dim_company"] = companies.rows("company_id")
    rows["dim_award_body"] = bodies.rows()
    rows["dim_award_category"] = list(categories.values())
    rows["dim_ceremony"] = list(ceremonies.values())
    rows["dim_date"] = [{"date_id": date_id(d), "date": d, "year": d.year, "month": d.month,
                         "day": d.day} for d in dates if d is not None]
    return {t: _frame(t, rows[t]) for t in TABLES}


def _first(film: "Film", attr: str):
    for doc in film.documents:
        value = getattr(doc.facts, attr)
        if value:
            return value
    return None


def _nominations(rows, fid, sid, f, people, bodies, categories, ceremonies, dates) -> None:
    seen: Counter = Counter()
    for number, n in enumerate(f.nominations, start=1):
        body_id = bodies.id(n.award_body, n.award_body_wiki_title)
        cat_id = make_id("award_category", body_id, normalise(n.category))
        categories.setdefault(cat_id, {"award_category_id": cat_id, "award_body_id": body_id,
                                       "name": n.category, "wiki_title": n.category_wiki_title})
        ceremony_id = None
        cdate, _ = _date(n.ceremony_date)
        year = n.ceremony_year or (cdate.year if cdate else None)
        if n.edition is not None or year is not None:
            ceremony_id = make_id("ceremony", body_id, n.edition, year)
            cer = ceremonies.setdefault(ceremony_id, {"ceremony_id": ceremony_id,
                                                      "award_body_id": body_id, "edition": n.edition,
                                                      "year": year, "ceremony_date": cdate})
            cer["ceremony_date"] = cer["ceremony_date"] or cdate
            dates.add(cdate)
        natural = (fid, body_id, cat_id, ceremony_id, normalise(n.recipient), n.result)
        seen[natural] += 1
        nid = make_id("nomination", *natural, seen[natural])
        rows["fact_nomination"].append({
            "nomination_id": nid, "film_id": fid, "award_body_id": body_id,
            "award_category_id": cat_id, "ceremony_id": ceremony_id, "recipient": n.recipient,
            "result": n.result, "placement": n.placement, "is_win": n.result == "won",
            "note": n.note, "entry_number": number, "source_id": sid})
        for i, person in enumerate(n.persons, start=1):
            rows["bridge_nomination_person"].append({"nomination_id": nid,
                                                     "person_id": people.id(person), "ordinal": i})


def _frame(table: str, rows: list[dict]) -> pl.DataFrame:
    schema = SCHEMAS[table]
    frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    order = [c for c, t in schema.items() if t != LS]  # a stable row order for a stable file
    return frame.sort(order, nulls_last=True, maintain_order=True)
