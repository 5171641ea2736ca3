"""``{{Infobox film}}`` and the ``==Cast==`` list or table: the film record, credits, companies, the
infobox release dates and box office.

Parameter aliases follow Template:Infobox film/doc (``producers``, ``directors``,
``production companies``, ``based on``/``based_on``, ...): a parameter name is normalised
(lower case, ``_`` as space) before it is looked up in ``CREDIT_ROLES`` / ``COMPANY_ROLES``.
"""

from __future__ import annotations

import re
import typing

from mwparserfromhell.nodes import Template, Text, Wikilink
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

from etl.lib.model import BoxOffice, CompanyRole, Credit, FilmFacts, Name, Release
from etl.lib.text.keys import normalise
from etl.lib.text.money import parse_amounts
from etl.lib.wiki import wikitable
from etl.lib.wiki import wikitext as wt
from etl.lib.wiki.article import Article
from etl.lib.wiki.params import Param, Params

CREDIT_ROLES = {
    "director": "director",
    "directors": "director",
    "directed by": "director",
    "producer": "producer",
    "producers": "producer",
    "produced by": "producer",
    "writer": "writer",
    "writers": "writer",
    "written by": "writer",
    "screenplay": "screenplay",
    "screenplay by": "screenplay",
    "story": "story",
    "story by": "story",
    "based on": "based_on",
    "starring": "starring",
    "narrator": "narrator",
    "narrated by": "narrator",
    "music": "music",
    "music by": "music",
    "cinematography": "cinematography",
    "editing": "editing",
    "edited by": "editing",
    "editor": "editing",
}
COMPANY_ROLES = {
    "studio": "studio",
    "studios": "studio",
    "production company": "studio",
    "production companies": "studio",
    "production_companies": "studio",
    "distributor": "distributor",
    "distributors": "distributor",
    "distributed by": "distributor",
}
MONEY_FIELDS = {"budget": "budget", "gross": "gross", "box office": "gross"}

# Countries whose films give amounts in ``¥`` meaning yuan rather than yen.
_YUAN_COUNTRIES = {"china", "people's republic of china", "mainland china"}
# Signs several countries share ("Rs", "kr") mean the currency of the film's first country
# that uses them; "Rs" is the Indian rupee otherwise, "kr" then names none.
_RUPEE_COUNTRIES = {"pakistan": "PKR", "sri lanka": "LKR", "nepal": "NPR", "india": "INR"}
_KRONE_COUNTRIES = {"sweden": "SEK", "norway": "NOK", "denmark": "DKK", "iceland": "ISK"}


class _Signs(typing.TypedDict):
    yen: str
    rupee: str
    krone: str | None


def _local_signs(countries: list[str]) -> _Signs:
    """The ``yen`` / ``rupee`` / ``krone`` arguments of ``parse_amounts`` for a film's countries."""
    keys = [c.lower().strip() for c in countries]
    rupee = next((_RUPEE_COUNTRIES[k] for k in keys if k in _RUPEE_COUNTRIES), "INR")
    krone = next((_KRONE_COUNTRIES[k] for k in keys if k in _KRONE_COUNTRIES), None)
    return {
        "yen": "CNY" if any(k in _YUAN_COUNTRIES for k in keys) else "JPY",
        "rupee": rupee,
        "krone": krone,
    }


_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")


def _param_name(p: Param) -> str:
    return " ".join(p.name.replace("_", " ").lower().split())


def infobox_params(infobox: Params) -> dict[str, object]:
    """Non-blank parameters by normalised name (the first wins when a name repeats)."""
    out: dict[str, object] = {}
    for p in infobox.params:
        name = _param_name(p)
        if name not in out and str(p.value).strip():
            out[name] = p.value
    return out


def parse_article(page_title: str, text: Article | str, ctx: wt.Context | None = None) -> FilmFacts | None:
    """The infobox facts and cast of one article (its text, or the page already read), or None
    when the page has no film infobox."""
    ctx = ctx if ctx is not None else wt.Context()
    code = Article.of(text)
    box = code.infobox
    if box is None:
        return None
    params = infobox_params(box)
    title = _title(params, page_title, ctx)
    film = FilmFacts(title=title, wiki_title=page_title)
    film.countries = _plain_items(params.get("country") or params.get("countries"), ctx)
    film.languages = _plain_items(params.get("language") or params.get("languages"), ctx)
    film.runtime_minutes = _runtime(params.get("runtime"), ctx)
    if (
        film.runtime_minutes is None
        and "runtime" in params
        and wt.render(typing.cast(wt.Code, params["runtime"]), ctx)
    ):
        film.problems["unreadable runtime"] += 1
    people: dict[str, list[tuple[Name, str | None]]] = {}  # the names of each credit value, read once
    film.credits = _credits(params, ctx, people)
    film.companies = _companies(params, ctx, people)
    film.releases = infobox_releases(
        params.get("released") or params.get("release date") or params.get("release dates"), ctx, film
    )
    signs = _local_signs(film.countries)
    for key, measure in MONEY_FIELDS.items():
        if key in params:
            film.box_office.extend(money_facts(measure, params[key], ctx, film=film, **signs))
    dated = [r.date for r in film.releases if r.date is not None]
    film.release_year = min(d.year for d in dated) if dated else lead_year(code, ctx)
    film.credits.extend(parse_cast(code, ctx))
    film.unknown_templates.update(ctx.unknown)
    return film


def _title(params: dict, page_title: str, ctx: wt.Context) -> str:
    for key in ("name", "film name", "title"):
        if key in params:
            value = wt.render(params[key], ctx).split("\n")[0].strip()
            if value:
                return value
    return strip_disambiguation(page_title)


def strip_disambiguation(page_title: str) -> str:
    """``Batman (1989 film)`` -> ``Batman``."""
    return re.sub(r"\s*\([^()]*\b(film|movie)\)\s*$", "", page_title).strip()


def _plain_items(value, ctx: wt.Context) -> list[str]:
    if value is None:
        return []
    out = []
    for item in wt.split_items(value, ctx):
        text = wt.render(item, ctx).strip(" ,;")
        for part in re.split(r"\s*[,;]\s*", text) if "," in text or ";" in text else [text]:
            part = _NOTE.sub("", part).strip()
            if part and part not in out:
                out.append(part)
    return out


def _runtime(value, ctx: wt.Context) -> int | None:
    if value is None:
        return None
    text = wt.render(value, ctx)
    m = re.search(r"\b(\d+):(\d\d):(\d\d)\b", text)  # {{Duration|h=2|m=22}}: 2:22:00
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.search(r"(\d+)\s*(?:h|hours?|hrs?)\.?\s*(\d+)\s*(?:m|min)", text, re.I)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.search(r"(\d+)\s*(?:minutes?|mins?\.?|min\.?)", text, re.I) or re.search(r"\b(\d+)\b", text)
    return int(m.group(1)) if m else None


def _credits(
    params: dict, ctx: wt.Context, people_of: dict[str, list[tuple[Name, str | None]]]
) -> list[Credit]:
    """The credits of the infobox; ``people_of`` keeps the names read of each value."""
    credits: list[Credit] = []
    seen: set[tuple[str, str]] = set()
    for key, value in params.items():
        role = CREDIT_ROLES.get(key)
        if role is None:
            continue
        if role == "based_on":
            people = _based_on_people(value, ctx)
        else:
            people = people_of[key] = _people(value, ctx)
        for name, note in people:
            if role == "producer" and _is_company_name(name.name):
                continue  # a company among the producers: a production company (_companies)
            # A writer labelled "Screenplay:" / "Story:", or noted "(screenplay)", has that credit.
            own_role = role
            if role == "writer" and note and _WRITING_NOTES.get(note.lower().strip(" :")):
                own_role, note = _WRITING_NOTES[note.lower().strip(" :")], None
            if (own_role, name.name) in seen:
                continue
            seen.add((own_role, name.name))
            credits.append(
                Credit(own_role, name, sum(1 for c in credits if c.role == own_role) + 1, note=note)
            )
    return credits


# Labels and notes of a ``writer`` value that name another writing credit.
_WRITING_NOTES = {
    "screenplay": "screenplay",
    "screenplay by": "screenplay",
    "screenwriter": "screenplay",
    "story": "story",
    "story by": "story",
    "original story": "story",
}


def _people(value, ctx: wt.Context) -> list[tuple[Name, str | None]]:
    """Names of a list value, each with a trailing parenthetical moved to a note:
    ``[[Palace Pictures]] (foreign)`` is Palace Pictures, note "foreign".

    - Names written on one line with commas (``[[A]], [[B]], [[C]] (French)``, ``Laurent
      Chalet, Jérôme Maison``) are one name each; a note after the last one is the note of all
      of them. A comma before "Jr.", "Inc.", "Ltd." and the like separates nothing.
    - A label item (bold ``Songs:``, ``Background score:``) is no name: the names after it, up
      to the next label, take it as their note (unless they have their own). ``Songs: [[X]]``
      on one line too."""
    out = []
    label = None
    for item in _unjoined_links(wt.split_items(value, ctx), ctx):
        own_label, item = _item_label(item, ctx)
        if own_label is not None and not item:
            label = own_label
            continue
        found = []
        for piece in (p for joined in _comma_pieces(item, ctx) for p in _joined_names(joined, ctx)):
            name = wt.name_of(piece, ctx)
            if name is None:
                continue
            text, note = name.name, None
            m = _NOTE.search(text)
            if m and m.start() > 0:
                text, note = text[: m.start()].strip(), m.group(1).strip()
                name = Name(text, wt.link_for(piece, text, ctx))
            m = _CREDENTIAL.search(text)  # "[[Roger Deakins]], ASC": the society is a note
            if m and m.start() > 0:
                text = text[: m.start()].strip()
                note = "; ".join(x for x in (m.group(1), note) if x)
                name = Name(text, wt.link_for(piece, text, ctx))
            found.append((name, note))
        if len(found) > 1 and found[-1][1] and not any(n for _, n in found[:-1]):
            found = [(name, found[-1][1]) for name, _ in found]  # "[[A]], [[B]] (French)"
        group = own_label or label
        out.extend((name, note or group) for name, note in found)
    return out


# "Songs:", "Background score:" (bold or not) before the names they label.
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][\w '&/-]{0,40}?)\s*:\s*$")
# Societies and honours written after a name ("[[Roger Deakins]], ASC").
_CREDENTIALS = r"A\.?S\.?C|B\.?S\.?C|A\.?C\.?E|C\.?S\.?C|I\.?S\.?C|A\.?F\.?C|OBE|CBE|MBE"
_CREDENTIAL = re.compile(rf",\s*((?:{_CREDENTIALS})\.?)$")
# Pieces after a comma that belong to the name before it.
_NAME_SUFFIX = re.compile(
    r"^(?:Jr|Sr|Inc|Ltd|Co|Corp|LLC|LLP|L\.L\.C|PLC|plc|S\.A|S\.p\.A|GmbH|AG|"
    rf"N\.V|B\.V|Pty|Pvt|Limited|II|III|IV|{_CREDENTIALS})\.?$"
)


def _item_label(item: str, ctx: wt.Context | None = None) -> tuple[str | None, str]:
    """(label, rest of the item) when the item opens with an unlinked label and a colon."""
    if ":" not in item:
        return None, item
    code = wt.parse(item, ctx)
    first = code.nodes[0] if code.nodes else None
    if not isinstance(first, Text) or ":" not in str(first):
        return None, item
    head, tail = str(first).split(":", 1)
    m = _LABEL.match(re.sub(r"'{2,}", "", head) + ":")
    if m is None:
        return None, item
    rest = tail + "".join(str(n) for n in code.nodes[1:])
    rest = re.sub(r"^\s*'{2,}", "", rest).strip()
    return m.group("label").strip(), rest


def _comma_pieces(item: str, ctx: wt.Context | None = None) -> list[str]:
    """An item cut at the commas of its plain text (never inside a link, a template or a
    parenthesis); "[[A]] and [[B]]" is cut too."""
    if "," not in item and "&" not in item and "and" not in item:
        return [item.strip()] if item.strip() else []  # nothing to cut at
    nodes = wt.parse(item, ctx).nodes
    quiet = wt.quiet(ctx)
    pieces = [""]
    depth = 0
    for k, node in enumerate(nodes):
        if not isinstance(node, Text):
            pieces[-1] += str(node)
            continue
        text = str(node)
        between_links = (
            0 < k < len(nodes) - 1
            and isinstance(nodes[k - 1], Wikilink)
            and isinstance(nodes[k + 1], Wikilink)
        )
        if between_links and re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s*", text):
            pieces.append("")
            continue
        for ch in text:
            if ch == "(":
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
            if ch == "," and depth == 0:
                pieces.append("")
            else:
                pieces[-1] += ch
    merged: list[str] = []
    for piece in pieces:
        if merged and _NAME_SUFFIX.match(_NOTE.sub("", wt.render(piece, quiet)).strip()):
            merged[-1] += "," + piece
        elif piece.strip():
            merged.append(piece.strip())
    if len(merged) > 1 and any(not re.search(r"\w", wt.render(p, quiet)) for p in merged):
        return [item]
    return merged


# Several people in one link or one value:
# - ``[[Coen brothers|Joel Coen<br />Ethan Coen]]``: a link whose text is several lines is one
#   name per line; the target names the group, not either person, so the names get no
#   wiki_title (the link is not rewritten: it is simply not either person's article).
# - Outside links, " / " always separates names; " and " and " & " separate them when each
#   side is a full name (two words or more, or a link): "Sam Jones and Ann Lee" is two,
#   "Simon & Garfunkel" or "Tom & Jerry Smith" is the whole value, one name.
_BREAK = re.compile(r"<br\s*/?>", re.I)
_SLASH = re.compile(r"\s+/\s+")
_AND = re.compile(r"\s+(?:and|&|&amp;)\s+")


def _unjoined_links(items: list[str], ctx: wt.Context | None = None) -> list[str]:
    """Items with each link whose text holds ``<br>`` replaced by its lines (see above)."""
    out: list[str] = []
    for item in items:
        if not _BREAK.search(item):
            out.append(item)
            continue
        code = wt.parse(item, ctx)
        links = [
            n
            for n in code.nodes
            if isinstance(n, Wikilink)
            and n.text is not None
            and _BREAK.search(str(n.text))
            and not _wrapped_target(n)
        ]
        if not links:
            out.append(item)
            continue
        text = "".join(
            _BREAK.sub("\n", str(getattr(n, "text", ""))) if n in links else str(n) for n in code.nodes
        )
        out.extend(line.strip() for line in text.split("\n") if line.strip())
    return out


def _wrapped_target(link: Wikilink) -> bool:
    """``[[Walt Disney Studios Motion Pictures|Walt Disney Studios<br>Motion Pictures]]``: the
    lines are the target's name wrapped over two lines, one name."""
    lines = " ".join(x.strip() for x in _BREAK.split(str(link.text)))
    return normalise(lines) == normalise(wt.link_target(link).split("#")[0])


def _split_text_nodes(piece: str, pattern: re.Pattern[str], ctx: wt.Context | None = None) -> list[str]:
    """``piece`` cut where ``pattern`` matches its plain text outside parentheses (never
    inside a link or a template)."""
    if not pattern.search(piece):
        return [piece.strip()] if piece.strip() else []  # nothing to cut at
    parts = [""]
    depth = 0
    for node in wt.parse(piece, ctx).nodes:
        if not isinstance(node, Text):
            parts[-1] += str(node)
            continue
        text, pos = str(node), 0
        for m in pattern.finditer(text):
            before = text[pos : m.start()]
            depth += before.count("(") - before.count(")")
            parts[-1] += before
            if depth > 0:
                parts[-1] += m.group(0)
            else:
                parts.append("")
            pos = m.end()
        tail = text[pos:]
        depth += tail.count("(") - tail.count(")")
        parts[-1] += tail
    return [p.strip() for p in parts if p.strip()]


def _full_name(piece: str, ctx: wt.Context | None = None) -> bool:
    if "[[" in piece and any(isinstance(n, Wikilink) for n in wt.parse(piece, ctx).nodes):
        return True
    return len(re.findall(r"[^\W\d_][\w.'’-]*", wt.render(piece, wt.quiet(ctx)))) >= 2


def _joined_names(piece: str, ctx: wt.Context | None = None) -> list[str]:
    """The names of one comma piece joined by " / ", " and ", " & " (see above)."""
    out: list[str] = []
    for part in _split_text_nodes(piece, _SLASH, ctx):
        sides = _split_text_nodes(part, _AND, ctx)
        out.extend(sides if len(sides) > 1 and all(_full_name(x, ctx) for x in sides) else [part])
    return out


def _based_on_people(value, ctx: wt.Context) -> list[tuple[Name, str | None]]:
    """Authors of the source works: ``{{Based on|''Work''|Author|Author 2}}`` (also several of
    them in a list) or ``''Work'' by [[Author]]``."""
    code = wt.read_without_refs(str(value), ctx)
    templates = [t for t in code.filter_templates(recursive=True) if wt.template_name(t) == "based on"]
    if templates:
        return [(n, None) for t in templates for a in wt.positional(t)[1:] for n in wt.names_of(a, ctx)]
    out = []
    for item in wt.split_items(code):
        m = re.search(r"\bby\b", item)
        if m:
            authors = re.sub(r"\s+(?:and|&)\s+|,\s*", "<br>", item[m.end() :])
            out.extend((n, None) for n in wt.names_of(authors, ctx))
    return out


def _companies(
    params: dict, ctx: wt.Context, people_of: dict[str, list[tuple[Name, str | None]]]
) -> list[CompanyRole]:
    """The companies of the infobox, and those among its producers (``people_of``: the names
    ``_credits`` read of each credit value)."""
    out: list[CompanyRole] = []
    for key, value in params.items():
        role = COMPANY_ROLES.get(key)
        if role is None:
            continue
        for name, note in _people(value, ctx):
            out.append(CompanyRole(role, name, territory=note if note and _is_place(note) else None))
    # "[[David Wilson (producer)|David Wilson]] / [[National Film Board of Canada]]" as the
    # producer: the company is a production company of the film, the person its producer.
    known = {(c.role, c.company.name) for c in out}
    for key, value in params.items():
        if CREDIT_ROLES.get(key) != "producer":
            continue
        for name, _ in people_of[key] if key in people_of else _people(value, ctx):
            if _is_company_name(name.name) and ("studio", name.name) not in known:
                known.add(("studio", name.name))
                out.append(CompanyRole("studio", name))
    return out


# Words that make a name a company's or an institution's, not a person's.
_COMPANY_WORDS = re.compile(
    r"\b(?:Films?|Pictures|Studios?|Productions?|Entertainment|Media|Corporation|Corp\.?|"
    r"Company|Co\.|Inc\.?|Ltd\.?|LLC|L\.L\.C\.|Limited|Pvt\.?|GmbH|Board|Network|Television|"
    r"Distribution|Releasing|Animation|Group|Cinemas?|Creations|Movies|Foundation|Institute|"
    r"Council|Channel|Broadcasting|Communications|Holdings|Ventures|Partners|Workshop|"
    r"Filmworks|Motion Pictures?)\b"
)


def _is_company_name(name: str) -> bool:
    return bool(_COMPANY_WORDS.search(name))


def _is_place(note: str) -> bool:
    """A distributor's note names its territory ("(United States)"), or says something else
    ("(foreign)", "(2004 re-release)") that stays out of the territory column."""
    return not re.search(
        r"\d|uncredited|original|re-?release|home|video|international|foreign|overseas|worldwide", note, re.I
    )


_DATE_TEMPLATES = {
    "film date",
    "movie date",
    "filmdate",
    "film release date",
    "start date",
    "release date",
    "start date and age",
    "start-date",
    "release date and age",
}


def infobox_releases(value, ctx: wt.Context, film: FilmFacts | None = None) -> list[Release]:
    """Every date of ``released``: ``{{Film date}}`` groups with their place or label,
    ``{{Start date}}`` and plain dates, with a place in parentheses after them (``{{Start
    date|1942|11|26}} ([[New York City]])``) or on the next line."""
    from etl.lib.text.dates import parse_date

    if value is None:
        return []
    code = wt.name_festivals(_without_refs(value, ctx), ctx)
    # (date, label) for a date, (None, place) for a line that only names a place.
    entries: list[tuple[object, str | None]] = []
    for item in wt.split_items(code, ctx):
        box = wt.only_template(item, ctx)
        if box is not None and wt.template_name(box) in _DATE_TEMPLATES:
            nodes, dated = [], [box]  # the item is its date template: nothing else to read
        else:
            nodes = wt.parse(item, ctx).nodes
            dated = [n for n in nodes if isinstance(n, Template) and wt.template_name(n) in _DATE_TEMPLATES]
        if dated:
            found = []
            for t in dated:
                got = wt.film_date_entries(t)
                if not got and film is not None:  # {{Film date|TBA}}
                    film.problems["unreadable release date"] += 1
                found.extend(got)
            # the item without its date templates (read, not edited: the tree may be shared)
            rest = wt.render(Wikicode(SmartList([n for n in nodes if not any(n is t for t in dated)])), ctx)
            rest = rest.strip()
            # What follows the template: its place ("(New York City)"), and maybe another
            # date ("(limited), October 1995 (wide)").
            m = re.match(r"\(([^()]*)\)\s*[,;]?\s*(.*)$", rest, re.S)
            place, rest = (m.group(1).strip(), m.group(2).strip()) if m else (None, rest)
            if place is None and rest and parse_date(rest) is None:
                place, rest = rest.strip("()-–—,;: ") or None, ""
            if place and len(found) == 1 and found[0][1] is None:
                found = [(found[0][0], place)]
            entries.extend(found)
            if rest and parse_date(rest) is not None:
                m = _NOTE.search(rest)
                entries.append((parse_date(rest), m.group(1) if m else None))
            elif rest and film is not None:
                film.problems["unread release text"] += 1
            continue
        for text in (ln.strip() for ln in wt.render(item, ctx).split("\n")):
            if not text:
                continue
            when = parse_date(text)
            if when is None:
                entries.append((None, _NOTE.sub("", text).strip() or text.strip("() ")))
            else:
                m = _NOTE.search(text)
                entries.append((when, m.group(1) if m else None))
    # A place line belongs to the date above it.
    releases: list[Release] = []
    place = None
    for when, label in reversed(entries):
        if when is None:
            if place is not None and film is not None:
                film.problems["release place without a date"] += 1
            place = label or place
            continue
        releases[:0] = _releases_of(when, label if label else place)
        place = None
    if not releases and film is not None and wt.render(code, ctx).strip():
        film.problems["unreadable release date"] += 1
    elif place is not None and film is not None:
        film.problems["release place without a date"] += 1  # a place line above every date
    return releases


_RELEASE_TYPES = {
    "limited": "limited",
    "wide": "wide",
    "premiere": "premiere",
    "world premiere": "premiere",
    "festival": "festival",
    "re-release": "re-release",
    "rerelease": "re-release",
    "theatrical": "theatrical",
    "nationwide": "wide",
}


def _releases_of(when, label: str | None) -> list[Release]:
    """One release, or one per place when the label joins places ("United States and United
    Kingdom", "UK, Ireland")."""
    from etl.lib.extract.releases import PLACE_RE

    if label:
        parts = [
            re.sub(r"^the\s+", "", p.strip(), flags=re.I)
            for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*", label)
        ]
        if len(parts) > 1 and all(re.fullmatch(PLACE_RE, p) for p in parts):
            return [_release(when, p) for p in parts]
    return [_release(when, label)]


def _release(when, label: str | None) -> Release:
    """A ``Film date`` label is either a release type (Limited, Wide, Premiere) or a place
    (a country, a city, a festival)."""
    if not label:
        return Release(when, "theatrical")
    low = label.lower().strip()
    for word, kind in _RELEASE_TYPES.items():
        if low == word or low.endswith(" " + word) and len(low.split()) <= 2:
            return Release(when, kind)
    if "festival" in low:
        return Release(when, "festival", note=label)
    if "premiere" in low:
        return Release(
            when, "premiere", territory=re.sub(r"\s*\(?premiere\)?", "", label, flags=re.I).strip() or None
        )
    return Release(when, "theatrical", territory=label)


def money_facts(
    measure: str,
    value,
    ctx: wt.Context,
    *,
    yen: str = "JPY",
    film: FilmFacts | None = None,
    rupee: str = "INR",
    krone: str | None = None,
) -> list[BoxOffice]:
    """Every amount of a budget / gross value, one fact each. An amount whose currency the
    text does not name is kept (currency NULL) and counted as a problem of the film."""
    text = wt.render(_without_refs(value, ctx), ctx)
    amounts = parse_amounts(text, yen=yen, rupee=rupee, krone=krone)
    if not amounts and text and film is not None:
        film.problems[f"unreadable {measure}"] += 1
    if film is not None:
        for a in amounts:
            if a.currency is None:
                film.problems[f"{measure} without a currency"] += 1
    # Template:Infobox film asks for the worldwide gross; a gross with no territory is that.
    default = "worldwide" if measure == "gross" else None
    return [BoxOffice(measure, a, territory=a.territory or default) for a in amounts]


def _without_refs(value: wt.Code, ctx: wt.Context) -> wt.Code:
    """``wt.read_without_refs(value)``; a text without a tag or a comment is itself (parsed
    when it is read, to the same tree)."""
    return value if isinstance(value, str) and "<" not in value else wt.read_without_refs(value, ctx)


def lead_year(code: Article | wt.Code, ctx: wt.Context) -> int | None:
    """``'''X''' is a 1995 American drama film`` when the infobox has no date."""
    text = wt.render(Article.of(code).lead, ctx)
    m = re.search(r"\bis an?\s+(?:[\w-]+\s+){0,3}?(\d{4})\b[^.]*?\bfilm\b", text)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------------------------
# Cast
# --------------------------------------------------------------------------------------------
#
# The cast of an article is read from the first section titled with the word "cast" ("Cast",
# "Voice cast", "Cast and characters", "Cast and crew"; not "Casting" nor "Broadcast"), or
# titled "Appearances" / "Performers" / "Voices" / "Featuring" (compilation films,
# documentaries), that gives one; when none does, from the "[[Actor]] as Character" lines of a
# "Casting", "Characters" or Production section (at any level). The starring field stays the
# film's "starring" credits either way: the fallback for a page with no cast at all.
# A section gives:
#
# - its list lines, ``* [[Actor]] as Character, description``, at any depth, with the group
#   labels, character-first voice lines and shared actors of the "Lists" notes below (lines
#   inside a table of the section are not lines of the section);
# - when it has none, its tables (``etl.lib.wiki.wikitable``). A table without a header row whose
#   cells are written like list lines (``| image || [[A]] as X || image || [[B]] as Y``) gives
#   one credit per such cell, left to right. Columns are found by header text:
#   person columns ("Actor", "Cast", "Performer", "Voice actor", "Japanese voice actor",
#   "Voiced by", ...), one character column ("Role", "Main role", "Character name", "Part"),
#   other-roles columns ("Other roles", "Additional roles") and note columns ("Notes"); other
#   columns are ignored, and a table without a person column is not a cast table. Stacked
#   header rows (``! colspan=2 | Voice actor`` over "Japanese" / "English") name a column
#   together. A row header (``! scope="row" |``) is a data cell like any other.
#
# Decisions for tables:
# - One credit per person of each person column, read row by row and left to right, ordinals
#   counting across the section's tables. A cell spanning rows (one actor for two characters)
#   gives a credit on each row it covers, with that row's character. Empty person cells and
#   cells without a letter ("—") give none; a cell listing several people (``<br>``, list
#   templates) gives one credit each.
# - With several person columns (original and dubbed voices), each credit's note starts with
#   its column's header ("Japanese voice actor"); with one, the header is not repeated.
# - The character is the rendered cell, lines joined with " / ", a trailing parenthetical
#   moved to the note (``Sir Robin (stand-in)``); unlike a bullet line nothing is cut at a
#   comma, as the cell holds the character only (``Frank, the Historian``).
# - A person cell's trailing parentheticals and ``''as X''`` are notes ("as The Wolf").
# - "Other roles" cells go to the note, after the header without its parenthetical
#   ("Other roles: Dead Collector / ..."): the credit keeps one character, the main one, and
#   nothing the table says is lost. "Notes" cells go to the note as they are.
# - Names and their links come from ``wt.render`` / ``wt.link_for``, which follow
#   ``{{ill|Target|ja|...|lt=Shown}}`` and ``{{sortname|First|Last|dab=actor}}``.

_CAST_SPLIT = re.compile(r"\s+(?:as(?: the voice of)?|plays|portrays)\s+|\s+[–—-]\s+|:\s+")
# A character's name ends where its description starts: a comma, a colon, a semicolon, a dash.
_CHARACTER_END = re.compile(r",\s|;\s|:(?:\s|$)|\s+[–—]\s")
_CAST_TITLE = re.compile(r"\bcast\b|^\s*(?:appearances|performers|voices|featuring)\s*$", re.I)
# Outside a Cast section only "[[Actor]] as Character" lines are cast ("Director: X" is crew).
_AS_CHARACTER = re.compile(r"\S\s+(?:as(?: the voice of)?|plays|portrays)\s+\S")
_CAST_FALLBACK_TITLE = re.compile(r"\bcasting\b|\bproduction\b|\bcharacters\b", re.I)
# A line of a list: its markers ("*", "**", ":*", ";", ":") and its text.
_LIST_LINE = re.compile(r"^([*#;:]+)\s*(.*)$")
# "Voiced by: X (Japanese); Y (English)" ({{Anime voice}}), "Portrayed by X": the people of the
# character named on the line above.
_VOICE_LINE = re.compile(
    r"^(?:(?:english|japanese|original|\w+ dub)\s+)?(?:voiced|portrayed|played|performed)\s+by\b\s*:?\s*"
    r"|^voices?\s*:\s*",
    re.I,
)
# "[[Jason Isaacs]] as:" over nested character lines: one actor, several characters.
_ACTOR_OF_NESTED = re.compile(r"^(?P<actor>.+?)\s+(?:as|voices|plays|portrays)\s*:?\s*$")
# Parentheticals after a character's description that are about the credit, not the character:
# "as Jan Brandel, Annina's husband (uncredited)".
_CREDIT_NOTE = re.compile(
    r"\b(?:uncredited|credited|cameo|appearance|voice|archive|archival|footage|deleted|version|"
    r"cut|segment|photograph|singing|speaking|stand-in|double|body)\b",
    re.I,
)


def parse_cast(code: Article | wt.Code, ctx: wt.Context | None = None) -> list[Credit]:
    """The cast of the first Cast section that gives one: its list lines, or else its cast
    tables (see the notes above), in order."""
    ctx = ctx if ctx is not None else wt.Context()
    article = Article.of(code)
    for section in article.nested(lambda title: bool(_CAST_TITLE.search(title))):
        credits = _section_cast(section, ctx)
        if credits:
            return credits
    # No Cast section gives one: a "Casting" section, or a Production subsection, whose list
    # lines are cast lines ("* [[A]] as X"); lines naming no character are not taken there
    # (a production section lists crew too).
    for section in article.nested(lambda title: bool(_CAST_FALLBACK_TITLE.search(title))):
        credits = _section_cast(section, ctx, characters_only=True)
        if credits:
            return credits
    return []


def _section_cast(section, ctx: wt.Context, characters_only: bool = False) -> list[Credit]:
    """The cast of one section: its list lines, else its cast tables."""
    text = wikitable.prepare(section.text)  # the text, never its tree: nothing here reads one
    tables = wikitable.find_tables(text)
    lines: list[tuple[str, str]] = []
    offset = 0
    for raw in text.split("\n"):
        inside = any(t.start <= offset < t.end for t in tables)
        offset += len(raw) + 1
        if inside:
            continue
        m = _LIST_LINE.match(raw)
        if m and characters_only and not _AS_CHARACTER.search(wt.render(m.group(2), ctx)):
            lines.append(("", raw.strip()))
        elif m:
            lines.append((m.group(1), m.group(2).strip()))
        elif raw.strip():
            lines.append(("", raw.strip()))  # prose or a layout template: ends a group
    credits = _list_cast(lines, ctx)
    if not credits and not characters_only:
        for table in tables:
            credits.extend(_table_cast(table, len(credits), ctx))
    return credits


# Lists ----------------------------------------------------------------------------------------
#
# Decisions for list lines (any depth: "*", "**", ":*" are all cast lines):
# - ``* [[Actor]] as Character, description``: one credit; the character ends at the
#   description; trailing parentheticals of the actor or the character are notes, also after
#   a description when they are about the credit ("(uncredited)", "(cameo)").
# - A line that only labels the lines under it ("* Manhattan Project:", "; Main cast") gives
#   no credit.
# - ``* [[Actor]] as:`` over ``** Character, description`` lines: one credit per character.
#   ``** Surname also plays X`` under an actor's line: another credit of that actor.
# - A character line (``* Character`` or ``; Character``) followed by ``: Voiced by: X
#   (Japanese); Y (English)`` (``{{Anime voice}}``) or "Portrayed by X": one credit per person,
#   the character from the line above, the parenthetical as the note.
# - ``* [[A]] and [[B]] as X and Y``: one credit each, paired when the counts agree.
# - Description lines (``:``) give nothing else.


def _kind(marker: str) -> str:
    if not marker:
        return "text"
    if marker.startswith(";"):
        return "term"
    if marker[-1] in "*#":
        return "item"
    return "desc"


def _children(lines: list[tuple[str, str]], i: int) -> list[int]:
    """Indexes of the lines under line ``i``: descriptions and deeper items, up to the next line
    of its level (or a prose line)."""
    marker = lines[i][0]
    out = []
    for j in range(i + 1, len(lines)):
        m = lines[j][0]
        kind = _kind(m)
        if kind == "desc" or (kind == "item" and len(m) > len(marker)):
            out.append(j)
            continue
        break
    return out


def _list_cast(lines: list[tuple[str, str]], ctx: wt.Context) -> list[Credit]:
    credits: list[Credit] = []
    consumed: set[int] = set()
    # The credit of the latest item at each depth, for "Surname also plays X" lines under it.
    parents: dict[int, Credit] = {}
    shown: dict[int, str] = {}  # each line rendered once: a line is read as an item and as a child

    def rendered(j: int) -> str:
        if j not in shown:
            # A description line is only rendered (never read for links): its refs, which
            # render drops, are cut out first when that needs no parse.
            marker, body = lines[j]
            shown[j] = wt.render(wt.without_refs(body, ctx) if _kind(marker) == "desc" else body, ctx)
        return shown[j]

    for i, (marker, body) in enumerate(lines):
        kind = _kind(marker)
        if i in consumed or kind in ("text", "desc"):
            continue
        text = rendered(i)
        if not text:
            continue
        for depth in [d for d in parents if d >= len(marker)]:
            del parents[depth]
        kids = _children(lines, i)
        voices = [j for j in kids if _VOICE_LINE.match(rendered(j))]
        if voices:
            character, notes = _character(text)
            for j in voices:
                consumed.add(j)
                credits.extend(_voice_credits(lines[j][1], character, notes, len(credits), ctx))
            continue
        if kind == "term" and _split_cast(text) is None:
            continue  # "; Main cast": a heading ("; [[Actor]] as X" is a cast line)
        nested = _ACTOR_OF_NESTED.match(text)
        if nested and any(_kind(lines[j][0]) == "item" for j in kids):
            actor, notes = _pop_notes(nested.group("actor").strip())
            person = Name(actor, wt.link_for(body, actor, ctx))
            for j in kids:
                if _kind(lines[j][0]) != "item" or _split_cast(rendered(j)) is not None:
                    continue
                consumed.add(j)
                character, character_notes = _character(rendered(j))
                credits.append(
                    Credit(
                        "cast",
                        person,
                        len(credits) + 1,
                        character=character,
                        note="; ".join(notes + character_notes) or None,
                    )
                )
            continue
        if text.endswith(":") and _split_cast(text[:-1]) is None:
            continue  # "* Manhattan Project:": a label of the lines under it
        if (
            kids
            and _split_cast(text) is None
            and not wt.wikilinks(wt.parse(body, ctx))
            and any(_split_cast(rendered(j)) is not None for j in kids)
        ):
            continue  # "* Villains" over "** [[A]] as X": a group label without its colon
        parent = max(parents.items())[1] if parents else None
        made = _cast_line(body, len(credits) + 1, ctx, parent, text)
        credits.extend(made)
        if made:
            parents[len(marker)] = made[0]
    return credits


def _pop_notes(text: str) -> tuple[str, list[str]]:
    """Trailing parentheticals moved out of a name: ``X (as Y) (uncredited)`` -> X, [as Y, uncredited]."""
    notes: list[str] = []
    while (m := _NOTE.search(text)) and m.start() > 0:
        notes.insert(0, m.group(1))
        text = text[: m.start()].strip()
    return text, notes


def _masked(text: str) -> str:
    """``text`` with what stands inside parentheses blanked out (same length), so that
    separators are only found outside them: "X (credited as Y) as Z"."""
    if "(" not in text:
        return text
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            out.append(ch)
            continue
        out.append("\x00" if depth and ch != "(" else ch)
    return "".join(out)


def _split_cast(text: str) -> tuple[str, str] | None:
    """(actor part, character part) at the first separator outside parentheses, or None."""
    m = _CAST_SPLIT.search(_masked(text))
    return (text[: m.start()], text[m.end() :]) if m else None


def _character(text: str) -> tuple[str | None, list[str]]:
    """A character as written after "as": the description cut off, its notes apart."""
    tail: list[str] = []
    # Notes about the credit may follow the description: "Jan Brandel, a refugee (uncredited)".
    while (
        (m := _NOTE.search(text))
        and m.start() > 0
        and _CREDIT_NOTE.search(m.group(1))
        and _CHARACTER_END.search(_masked(text[: m.start()]))
    ):
        tail.insert(0, m.group(1))
        text = text[: m.start()].strip()
    m = _CHARACTER_END.search(_masked(text))
    if m:
        text = text[: m.start()].strip()
    text = _first_sentence(text)
    character, notes = _pop_notes(text.strip())
    return character.strip(" .,") or None, notes + tail


# Words whose period ends no sentence: "Mr. Saito", "Dr. Viru", "Harry S. Truman".
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "prof",
    "gen",
    "col",
    "lt",
    "capt",
    "sgt",
    "rev",
    "hon",
    "gov",
    "sen",
    "rep",
    "pres",
    "mt",
    "ft",
    "no",
    "vs",
    "det",
    "insp",
    "supt",
    "cpl",
    "pvt",
    "adm",
    "cmdr",
    "maj",
    "fr",
    "sra",
    "mme",
    "mlle",
}


_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
_LAST_WORD = re.compile(r"(\w+)$")


def _first_sentence(text: str) -> str:
    """``Uncle Topolino. Nero reprised the role ...`` -> ``Uncle Topolino``."""
    for m in _SENTENCE_END.finditer(_masked(text)):
        word = _LAST_WORD.search(text, 0, m.start())
        if word and len(word.group(1)) > 1 and word.group(1).lower() not in _TITLES:
            return text[: m.start()]
    return text


def _voice_credits(
    line: str, character: str | None, notes: list[str], done: int, ctx: wt.Context
) -> list[Credit]:
    """The people of a "Voiced by: X (Japanese); Y (English)" line."""
    text = wt.render(line, ctx)
    voice = _VOICE_LINE.match(text)
    text = text[voice.end() :] if voice else text
    masked = _masked(text)
    out: list[Credit] = []
    start = 0
    for m in list(re.finditer(r"\s*;\s*|,\s*(?:and\s+)?|\s+and\s+", masked)) + [None]:
        piece = text[start : m.start() if m else len(text)].strip(" .")
        start = m.end() if m else len(text)
        name, own = _pop_notes(piece)
        if not re.search(r"\w", name):
            continue
        out.append(
            Credit(
                "cast",
                Name(name, wt.link_for(line, name, ctx)),
                done + len(out) + 1,
                character=character,
                note="; ".join(own + notes) or None,
            )
        )
    return out


def _cast_line(
    line: str, ordinal: int, ctx: wt.Context, parent: Credit | None = None, text: str | None = None
) -> list[Credit]:
    """The credits of one cast line (``text``: the line rendered already)."""
    text = wt.render(line, ctx) if text is None else text
    if not text:
        return []
    split = _split_cast(text)
    actor_part = (split[0] if split else text).strip()
    character, notes = _character(split[1]) if split else (None, [])
    # "[[Shah Rukh Khan]] in a dual role as ...": the phrase is a note of the credit.
    m = _ROLE_PHRASE.search(actor_part)
    if m:
        actor_part, notes = actor_part[: m.start()].strip(), [m.group(1)] + notes
    if _is_prose(actor_part):
        return []  # "* Clips of X are from the 1950 film Y": a note in the list, not a credit
    actors = _several_actors(line, actor_part, ctx)
    if not actors:
        return []
    if (
        parent is not None
        and len(actors) == 1
        and re.search(r"\s+also$", actors[0][0].name)
        and actors[0][0].wiki_title is None
    ):
        # "** Skarsgard also plays Kurt Anderson" under Stellan Skarsgård's line.
        return [Credit("cast", parent.person, ordinal, character=character, note="; ".join(notes) or None)]
    characters = [character] * len(actors)
    if len(actors) > 1 and character:
        pieces = re.split(r"\s+and\s+|\s*&\s*", split[1] if split else "")
        pieces = [_character(p)[0] for p in pieces]
        if len(pieces) == len(actors) and all(pieces):
            characters = pieces
    return [
        Credit("cast", person, ordinal + k, character=characters[k], note="; ".join(own + notes) or None)
        for k, (person, own) in enumerate(actors)
    ]


# Lower-case words that may stand in a person's name.
_NAME_PARTICLES = {
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "du",
    "al",
    "el",
    "bin",
    "bint",
    "ibn",
    "y",
    "e",
    "and",
    "&",
    "dos",
    "das",
    "ten",
    "ter",
}


_PARENTHETICAL = re.compile(r"\([^()]*\)")


def _is_prose(actor_part: str) -> bool:
    """A sentence where a name should be: six words or more, three of them lower-case words
    that no name has."""
    words = _PARENTHETICAL.sub(" ", actor_part).split() if "(" in actor_part else actor_part.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in _NAME_PARTICLES]
    return len(words) >= 6 and len(lower) >= 3


# "in a dual role", "in a special appearance", "in a cameo": about the credit, before "as".
_ROLE_PHRASE = re.compile(
    r"\s+in\s+(?:(?:a|an|his|her|their)\s+)?((?:(?:dual|double|triple|special|cameo|guest|extended|"
    r"brief|friendly|uncredited|voice|supporting|lead|title)\s+)+(?:roles?|appearances?|cameo)|"
    r"cameo(?:\s+(?:role|appearance))?)\s*$",
    re.I,
)


_ACTOR_CUTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


def _several_actors(line: str, actor: str, ctx: wt.Context | None = None) -> list[tuple[Name, list[str]]]:
    """``[[A]] (Japanese) and [[B]] (English)``: each a linked name with its own notes;
    otherwise the one name as written, its trailing parentheticals as notes."""
    masked = _masked(actor)
    cuts = list(_ACTOR_CUTS.finditer(masked))
    if cuts:
        parts, start = [], 0
        for m in cuts + [None]:
            parts.append(actor[start : m.start() if m else len(actor)].strip())
            start = m.end() if m else len(actor)
        popped = [_pop_notes(p) for p in parts]
        links = [wt.link_for(line, name, ctx) for name, _ in popped]
        if all(name for name, _ in popped) and all(links):
            return [(Name(name, t), own) for (name, own), t in zip(popped, links)]
    name, own = _pop_notes(actor)
    return [(Name(name, wt.link_for(line, name, ctx)), own)] if name else []


# Names --------------------------------------------------------------------------------------


# Tables -------------------------------------------------------------------------------------

_COLUMN_KINDS = [  # first match wins, on the lower-cased header
    (
        "other",
        re.compile(
            r"\b(other|additional|also|further|more|minor|secondary)\b.*"
            r"\b(roles?|parts?|characters?)\b"
        ),
    ),
    ("note", re.compile(r"^(notes?|remarks?|comments?)$")),
    ("character", re.compile(r"\b(characters?|roles?|parts?)\b")),
    (
        "person",
        re.compile(
            r"\b(actors?|actress(es)?|cast|cast members?|performers?|voiced by|"
            r"voices?|played by|portrayed by|dub|dubbing|starring|stars?)\b"
        ),
    ),
]


def _column_kind(texts: list[str]) -> str | None:
    """Kind of a column from its header texts, the lowest (most specific) first."""
    for text in reversed(texts):
        low = wt.collapse_spaces(text.lower()).strip(" :")
        for kind, pattern in _COLUMN_KINDS:
            if pattern.search(low):
                return kind
    return None


_LANGUAGE_HEADER = re.compile(
    r"(?i:original|(?:english|japanese|mandarin|cantonese|chinese|korean|french|german|spanish|"
    r"italian|portuguese|russian|hindi|tamil|telugu|malayalam|polish|swedish|danish|norwegian|"
    r"finnish|dutch|arabic|hebrew|turkish|thai|vietnamese|indonesian|tagalog|filipino|"
    r"czech|hungarian|greek|persian|ukrainian|romanian|catalan|latin american spanish|"
    r"brazilian portuguese|european portuguese)(?:\s+(?:dub|dubbing|version|voice|voices|cast))?)"
)


class _CastColumns:
    def __init__(self, header_rows: list[wikitable.Row], ctx: wt.Context):
        self.people: list[tuple[int, str]] = []  # column, its header
        self.character: int | None = None
        self.notes: list[tuple[int, str | None]] = []  # column, the label its text follows
        width = max(len(r.slots) for r in header_rows)
        for col in range(width):
            texts: list[str] = []
            for row in header_rows:
                cell = row.slots[col] if col < len(row.slots) else None
                text = wt.collapse_spaces(wt.render(cell.text, ctx)).strip() if cell is not None else ""
                if text and text not in texts:
                    texts.append(text)
            kind = _column_kind(texts)
            if kind == "person":
                self.people.append((col, ", ".join(texts)))
            elif kind == "character" and self.character is None:
                self.character = col
            elif kind == "other":
                self.notes.append((col, _NOTE.sub("", texts[-1]).strip(" :")))
            elif kind == "note":
                self.notes.append((col, None))
        if self.character is not None and not self.people:
            # "! Character !! Japanese !! English": voice columns named by their language only.
            for col in range(width):
                texts = [
                    wt.collapse_spaces(wt.render(slot.text, ctx)).strip()
                    for r in header_rows
                    if col < len(r.slots) and (slot := r.slots[col]) is not None
                ]
                if texts and _LANGUAGE_HEADER.fullmatch(texts[-1]):
                    self.people.append((col, texts[-1]))


def _header_like(row: wikitable.Row, ctx: wt.Context) -> bool:
    """A first row of plain cells that only name columns (bold "Actor", "Role")."""
    texts = [wt.render(c.text, ctx) for c in row.cells]
    return (
        len(texts) >= 2
        and all(texts)
        and all(_column_kind([t]) for t in texts)
        and any(_column_kind([t]) == "person" for t in texts)
    )


def _table_cast(table: wikitable.Table, done: int, ctx: wt.Context) -> list[Credit]:
    """Credits of one cast table; ``done`` credits came before it."""
    credits: list[Credit] = []
    columns: _CastColumns | None = None
    header_rows: list[wikitable.Row] = []
    for row in table.rows:
        kind = row.kind
        if kind == "data" and columns is None and not header_rows and _header_like(row, ctx):
            kind = "header"
        if kind == "header":
            header_rows.append(row)
            columns = _CastColumns(header_rows, ctx)
            continue
        header_rows = []
        if kind == "data" and columns is not None and columns.people:
            credits.extend(_row_credits(row, columns, done + len(credits), ctx))
        elif kind == "data" and columns is None:
            # No header: a gallery of cells written like list lines, several actors per row
            # ("| image || [[A]] as X || image || [[B]] as Y"); image and empty cells give none.
            for cell in row.cells:
                code = _FILE_LINK.sub("", cell.text)
                if _split_cast(wt.render(code, ctx)) is not None:
                    credits.extend(_cast_line(code, done + len(credits) + 1, ctx))
    return credits


_FILE_LINK = re.compile(r"\[\[\s*(?:File|Image)\s*:[^\[\]]*(?:\[\[[^\]]*\]\][^\[\]]*)*\]\]", re.I)


def _slot(row: wikitable.Row, col: int | None) -> wikitable.Cell | None:
    return row.slots[col] if col is not None and col < len(row.slots) else None


def _cell_text(cell: wikitable.Cell | None, ctx: wt.Context) -> str:
    if cell is None:
        return ""
    lines = (wt.collapse_spaces(ln).strip() for ln in wt.render(cell.text, ctx).split("\n"))
    return " / ".join(ln for ln in lines if ln)


def _row_credits(row: wikitable.Row, columns: _CastColumns, done: int, ctx: wt.Context) -> list[Credit]:
    character, character_notes = _pop_notes(_cell_text(_slot(row, columns.character), ctx))
    character = character.strip(" ,;") or None
    extra = []
    for col, label in columns.notes:
        text = _cell_text(_slot(row, col), ctx)
        if text:
            extra.append(f"{label}: {text}" if label else text)
    several = len(columns.people) > 1
    credits: list[Credit] = []
    for col, header in columns.people:
        cell = _slot(row, col)
        if cell is None:
            continue
        for item in wt.split_items(cell.text):
            person, notes = _table_person(item, ctx)
            if person is None:
                continue
            note = ([header] if several else []) + notes + character_notes + extra
            credits.append(
                Credit(
                    "cast", person, done + len(credits) + 1, character=character, note="; ".join(note) or None
                )
            )
    return credits


def _table_person(item: str, ctx: wt.Context) -> tuple[Name | None, list[str]]:
    """The person of one item of a person cell, and its notes (trailing parentheticals,
    ``''as X''``)."""
    code = wt.without_refs(item)
    text = wt.collapse_spaces(wt.render(code, ctx)).strip(" ,;")
    text, notes = _pop_notes(text)
    m = re.search(r"\s+(as\s+.+)$", text)
    if m:
        text, notes = text[: m.start()].strip(), [m.group(1)] + notes
    if not re.search(r"\w", text):
        return None, []
    return Name(text, wt.link_for(code, text, ctx)), notes
