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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.lib.model import Name
from etl.lib.pipeline.documents import ParsedDocument
from etl.lib.text.keys import make_id, normalise, normalise_title


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
class Superseded:
    document: ParsedDocument
    master: ParsedDocument


def _order(doc: ParsedDocument):
    return (doc.source.path, doc.page_title or "", doc.page_id or 0)


def _titles(doc: ParsedDocument) -> set[str]:
    from etl.lib.extract.infobox import strip_disambiguation

    titles = {normalise_title(doc.facts.title)}
    if doc.page_title:
        titles.add(normalise_title(strip_disambiguation(doc.page_title)))
    return titles - {""}


def join_films(docs: list[ParsedDocument]) -> tuple[list[Film], list[Superseded]]:
    wiki = sorted((d for d in docs if d.is_wikipedia_article), key=_order)
    other = sorted((d for d in docs if not d.is_wikipedia_article), key=_order)
    films: dict[tuple[str, int | None], Film] = {}
    superseded: list[Superseded] = []

    for doc in wiki:
        key = (normalise_title(doc.facts.title), doc.facts.release_year)
        film = films.get(key)
        if film is None:
            films[key] = Film(make_id("film", *key), doc, [doc])
            continue
        newer = (doc.revision_id or 0) > (film.master.revision_id or 0)
        old, film.master = (film.master, doc) if newer else (doc, film.master)
        film.documents = [d for d in film.documents if d is not old] + ([doc] if newer else [])
        superseded.append(Superseded(old, film.master))

    wiki_films = list(films.values())
    for doc in other:
        film = _match(doc, wiki_films) or _match(doc, [f for f in films.values() if f not in wiki_films])
        if film is None:
            key = (normalise_title(doc.facts.title), doc.facts.release_year)
            film = films.setdefault(key, Film(make_id("film", *key), doc, []))
        film.documents.append(doc)

    result = sorted(films.values(), key=lambda f: (normalise_title(f.title), f.year or 0, f.film_id))
    for film in result:
        link_names(film)
    return result, superseded


def _match(doc: ParsedDocument, films: list[Film]) -> Film | None:
    titles = _titles(doc)
    year = doc.facts.release_year
    same_title = [f for f in films if titles & _titles(f.master)]
    for f in same_title:
        if year is not None and f.year == year:
            return f
    for f in same_title:
        if year is not None and f.year is not None and abs(f.year - year) == 1:
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
