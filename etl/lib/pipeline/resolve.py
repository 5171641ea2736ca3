"""Join the documents of one film to one film record, with Wikipedia as the master record.

Rules, in order, for a document that is not a Wikipedia article (IMDb pages, extracts):
1. the Wikipedia film with the same normalised title and release year;
2. else the one with the same normalised title and a year one off (festival vs release year);
3. else, when the document states no year, the only Wikipedia film with that title;
4. else the document starts a film of its own (the first such document is its master).

Two Wikipedia documents of the same article (same normalised title and year) are one film: the
one with the newest revision (then the first path) is the master, the others are reported as
superseded, so the same accolades are never counted twice.

People and companies named without a link take the link of the same name elsewhere in the
same film (an unlinked "Richard Lewis" in the IMDb cast is the linked
``Richard Lewis (comedian)`` of the article's cast).

The rules read only a document's ``Head`` (its page, kind, title and year), so the load stage
groups documents into films without decoding their facts (``group``), and decodes a film's
documents only when its rows are built. ``film_key`` names what a film's rows are made of.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from etl.lib.model import Name
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.pipeline.intake import WIKI_KINDS
from etl.lib.text.keys import make_id, normalise, normalise_title

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Head:
    """What the join rules read of a document: where it sits, its page and the film it names.
    ``page_key`` is the page's identity in the shards; ``part`` and ``ordinal`` locate its row;
    ``ref`` is whatever the caller wants back (the document itself, in ``join_films``)."""

    path: str
    sha256: str  # of the file
    kind: str
    title: str  # the film's title, as the document's facts give it
    release_year: int | None = None
    page_title: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    supplementary: bool = False
    page_key: str | None = None
    part: int = 0
    ordinal: int = 0
    ref: object = None

    @property
    def is_wikipedia_article(self) -> bool:
        return self.kind in WIKI_KINDS and not self.supplementary

    @classmethod
    def of(cls, doc: ParsedDocument) -> Head:
        return cls(
            doc.source.path,
            doc.source.sha256,
            doc.kind,
            doc.facts.title,
            doc.facts.release_year,
            doc.page_title,
            doc.page_id,
            doc.revision_id,
            doc.supplementary,
            ref=doc,
        )


@dataclass
class Group(Generic[T]):
    """The documents of one film (heads or documents), its master first among equals."""

    film_id: str
    master: T
    documents: list[T] = field(default_factory=list)


@dataclass
class Film:
    film_id: str
    master: ParsedDocument
    documents: list[ParsedDocument] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.master.facts.title

    @property
    def year(self) -> int | None:
        return self.master.facts.release_year


@dataclass
class Superseded(Generic[T]):
    document: T
    master: T


def _order(doc: Head):
    return (doc.path, doc.page_title or "", doc.page_id or 0)


def _titles(doc: Head) -> set[str]:
    from etl.lib.extract.infobox import strip_disambiguation

    titles = {normalise_title(doc.title)}
    if doc.page_title:
        titles.add(normalise_title(strip_disambiguation(doc.page_title)))
    return titles - {""}


def group(heads: list[Head]) -> tuple[list[Group[Head]], list[Superseded[Head]]]:
    """The films of these documents, in film order (normalised title, year, id), by the rules
    above, and the Wikipedia documents superseded by a newer revision of the same article."""
    wiki = sorted((d for d in heads if d.is_wikipedia_article), key=_order)
    other = sorted((d for d in heads if not d.is_wikipedia_article), key=_order)
    films: dict[tuple[str, int | None], Group[Head]] = {}
    superseded: list[Superseded[Head]] = []

    for doc in wiki:
        key = (normalise_title(doc.title), doc.release_year)
        film = films.get(key)
        if film is None:
            films[key] = Group(make_id("film", *key), doc, [doc])
            continue
        newer = (doc.revision_id or 0) > (film.master.revision_id or 0)
        old, film.master = (film.master, doc) if newer else (doc, film.master)
        film.documents = [d for d in film.documents if d is not old] + ([doc] if newer else [])
        superseded.append(Superseded(old, film.master))

    wiki_films = list(films.values())
    for doc in other:
        film = _match(doc, wiki_films) or _match(doc, [f for f in films.values() if f not in wiki_films])
        if film is None:
            key = (normalise_title(doc.title), doc.release_year)
            film = films.setdefault(key, Group(make_id("film", *key), doc, []))
        film.documents.append(doc)

    order = lambda f: (normalise_title(f.master.title), f.master.release_year or 0, f.film_id)
    return sorted(films.values(), key=order), superseded


def join_films(docs: list[ParsedDocument]) -> tuple[list[Film], list[Superseded[ParsedDocument]]]:
    """``group`` over documents already decoded, their names linked within each film."""
    groups, superseded = group([Head.of(d) for d in docs])
    films = [film_of(g, lambda h: h.ref) for g in groups]
    for film in films:
        link_names(film)
    return films, [Superseded(s.document.ref, s.master.ref) for s in superseded]  # type: ignore[arg-type]


def film_of(heads: Group[Head], document) -> Film:
    """The film of a group of heads, each head's document given by ``document(head)``."""
    return Film(heads.film_id, document(heads.master), [document(h) for h in heads.documents])


def film_key(heads: Group[Head], code: str) -> str | None:
    """What the rows of a film are made of: the code, the film and its documents in order
    (each page's key and path, and which is the master). None when a document has no page key."""
    if any(h.page_key is None for h in heads.documents):
        return None
    docs = [[h.page_key, h.path, h is heads.master] for h in heads.documents]
    text = json.dumps([code, heads.film_id, docs], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _match(doc: Head, films: list[Group[Head]]) -> Group[Head] | None:
    titles = _titles(doc)
    year = doc.release_year
    same_title = [f for f in films if titles & _titles(f.master)]
    for f in same_title:
        if year is not None and f.master.release_year == year:
            return f
    for f in same_title:
        if year is not None and f.master.release_year is not None and abs(f.master.release_year - year) == 1:
            return f
    if year is None and len(same_title) == 1:
        return same_title[0]
    return None


def link_names(film: Film) -> None:
    """Give unlinked names the wiki title their linked namesake has in the same film."""
    links: dict[str, set[str]] = {}
    for name in _names(film):
        if name.wiki_title:
            links.setdefault(normalise(name.name), set()).add(name.wiki_title)
    unique = {k: next(iter(v)) for k, v in links.items() if len(v) == 1}

    def fix(name: Name) -> Name:
        if name.wiki_title:
            return name
        target = unique.get(normalise(name.name))
        return Name(name.name, target) if target else name

    for doc in film.documents:
        f = doc.facts
        for c in f.credits:
            c.person = fix(c.person)
        for c in f.companies:
            c.company = fix(c.company)
        for n in f.nominations:
            n.persons = [fix(p) for p in n.persons]
        for r in f.releases:
            r.company = fix(r.company) if r.company is not None else None
        for h in f.home_media:
            h.company = fix(h.company) if h.company is not None else None


def _names(film: Film):
    for doc in film.documents:
        f = doc.facts
        yield from (c.person for c in f.credits)
        yield from (c.company for c in f.companies)
        for n in f.nominations:
            yield from n.persons
