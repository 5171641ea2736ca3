"""Accolades bullet lists, header lines and prose: entries split on dashes and colons, groups
headed by bodies, years and results, and sentences read as entries."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, replace

from etl.lib.extract.accolades.bodies import YEAR
from etl.lib.extract.accolades.entries import Env, Raw, add_entry
from etl.lib.extract.accolades.markup import DASH, first_link, links, norm_title, pull_top, split_top
from etl.lib.extract.accolades.results import (
    RESULT_TEMPLATES,
    TEXT_RESULT_TEMPLATES,
    looks_like_result,
    result_from_text,
)
from etl.lib.extract.accolades.sections import header_result, is_body_name, is_generic
from etl.lib.extract.accolades.tables import is_award_for_cell, is_year_cell, merge_qualifiers
from etl.lib.wiki.wikitable import Line
from etl.lib.wiki.wikitext import Context, parse, quiet, render, template_name, without_refs

_BULLET = re.compile(r"^([*#:]+)\s*(.*)$", re.S)

_DASH_TEMPLATES = re.compile(
    r"\{\{\s*(snd|spnd|spaced ndash|spaced en dash|ndash|en dash|mdash|spaced mdash|em dash|"
    r"dash|–|—)\s*\}\}",
    re.I,
)


@dataclass
class _Header:
    depth: int
    kind: str  # "body", "result" or "category"
    code: str


# A section titled only "Awards" (or "Awards won", "Prizes", "Honours") lists what the film
# won: its list entries that state no result of their own are wins. Under "Accolades",
# "Awards and nominations" and the like they are skipped ("no result"), never guessed.
WINS_HEADING = re.compile(r"^\s*(?:awards?(?: won)?|prizes?|honou?rs?)\s*$", re.I)


def read_lists(items: list, heading_body: str | None, heading_result: str | None, env: Env) -> None:
    base = [_Header(-1, "body", heading_body)] if heading_body else []
    base += [_Header(-1, "result", heading_result)] if heading_result else []
    stack = list(base)
    lines = [item if isinstance(item, Line) else None for item in items]
    for i, line in enumerate(lines):
        if line is None:
            stack = list(base)
            continue
        text = line.text.strip()
        bullet = _BULLET.match(text)
        if not text:
            continue
        if bullet is None:
            headers = _line_headers(text, env.ctx)
            if headers:
                stack = base + headers
            elif render(text, env.ctx):  # prose ends the list; layout templates do not
                stack = list(base)
                for raw in _prose_entries(text, env.film, env.ctx):
                    add_entry(raw, env)
            continue
        depth, content = len(bullet.group(1)), bullet.group(2)
        stack = [h for h in stack if h.depth < depth]
        if _has_children(lines, i, depth) and _heads_a_group(content, env.ctx):
            stack.append(_bullet_header(depth, content, env.ctx))
            continue
        raw = _bullet_raw(content, stack, env.ctx, env.film)
        if raw is not None:
            add_entry(raw, env)


_LABEL_SMALL_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "in",
    "at",
    "de",
    "du",
    "la",
    "le",
    "des",
    "del",
    "di",
    "da",
    "on",
    "a",
    "an",
    "by",
    "to",
    "&",
    "y",
    "et",
    "und",
}


def _line_headers(text: str, ctx: Context) -> list[_Header]:
    """A bold line, a ``;`` line or a short "Name:" line heading the bullets below it (a body,
    a result or a year); or a sentence introducing them ("At the [[68th Academy Awards]], the
    film received the following nominations:"): the body it links and the result it says."""
    text = without_refs(text, ctx).strip()  # a ref may run over several lines
    m = re.fullmatch(r";\s*(.+)", text) or re.fullmatch(r"'''((?:(?!''').)+)'''\s*:?", text)
    if m is None:
        m = re.fullmatch(r"([^.!?]{1,200}):", text)
        if m is None:
            return []
        if _is_sentence(m.group(1), ctx):
            return _sentence_headers(m.group(1), ctx)
        if len(m.group(1)) > 80 or not (is_body_name(m.group(1), ctx) or header_result(m.group(1), ctx)):
            return []
    code = m.group(1).strip()
    if is_year_cell(code, ctx):
        return [_Header(0, "year", code)]
    if is_generic(code, ctx) and not header_result(code, ctx):
        return []
    label = header_result(code, ctx)
    return [_Header(0, "result", label) if label else _Header(0, "body", code)]


def _is_sentence(code: str, ctx: Context) -> bool:
    """Prose rather than a name: a lower-case word other than "of", "the", "and", ..."""
    words = re.findall(r"[^\W\d_][\w'’-]*", render(code, quiet(ctx)))
    return any(w[0].islower() and w not in _LABEL_SMALL_WORDS for w in words)


def _sentence_headers(code: str, ctx: Context) -> list[_Header]:
    text = render(code, quiet(ctx)).lower()
    won = re.search(r"\b(won|wins?|winning|received the following awards)\b", text)
    nominated = re.search(r"\bnominat", text)
    headers = []
    for link in links(code, ctx):
        if is_body_name(str(link), ctx) and not is_award_for_cell(str(link), ctx):
            headers.append(_Header(0, "body", str(link)))
            break
    if bool(won) != bool(nominated):
        headers.append(_Header(0, "result", "Won" if won else "Nominated"))
    return headers


def intro_body(text: str, ctx: Context) -> str | None:
    """The body a prose line introducing a table links, when it links exactly one (an award
    body, not an "[[X Award for Y]]" category): "The film received the following honours at
    the [[12th Tamil Nadu State Film Awards]]:". None for other lines."""
    if not _is_sentence(text, ctx) or _BULLET.match(text.strip()):
        return None
    bodies = [
        str(link)
        for link in links(without_refs(text, ctx), ctx)
        if is_body_name(str(link), ctx) and not is_award_for_cell(str(link), ctx)
    ]
    return bodies[0] if len(bodies) == 1 else None


def _has_children(lines: list, i: int, depth: int) -> bool:
    for line in lines[i + 1 :]:
        if line is None:
            return False
        if not line.text.strip():
            continue
        bullet = _BULLET.match(line.text.strip())
        return bullet is not None and len(bullet.group(1)) > depth
    return False


def _heads_a_group(content: str, ctx: Context) -> bool:
    """A parent bullet heads its children ("* Golden Globe Awards", "** Won") unless it is an
    entry itself: a category with its result."""
    segments, result = _bullet_parts(content, ctx)
    return result is None or not segments


def _bullet_header(depth: int, content: str, ctx: Context) -> _Header:
    if result := header_result(content, ctx):
        return _Header(depth, "result", result)
    if is_year_cell(content, ctx):
        return _Header(depth, "year", content)
    return _Header(depth, "body" if is_body_name(content, ctx) else "category", content)


def _bullet_parts(content: str, ctx: Context) -> tuple[list[str], str | None]:
    """The entry's dash-separated segments and its result (template, last segment, trailing
    "(won)", or a leading "'''Won'''" / "Won:")."""
    code = _DASH_TEMPLATES.sub(" – ", without_refs(content, ctx))
    code = code.replace("&nbsp;", " ").replace("&ndash;", "–").replace("&mdash;", "—")
    for t in parse(code, ctx).filter_templates(recursive=False):
        if template_name(t) in RESULT_TEMPLATES or template_name(t) in TEXT_RESULT_TEMPLATES:
            rest = code.replace(str(t), " ", 1)
            return [s for s in split_top(rest, DASH) if s.strip(" :,")], str(t)
    segments = [s for s in split_top(code, DASH) if s.strip()]
    if not segments:
        return [], None
    if looks_like_result(segments[-1], ctx) and len(segments) > 1:
        return segments[:-1], segments[-1]
    rest, found = pull_top(segments[-1], r"\s*\(([^()\n]*)\)\s*$")
    if found and result_from_text(render(found[0], quiet(ctx))):
        return segments[:-1] + [rest], found[0]
    m = re.match(r"^\s*(?:'''(.+?)'''|([^:\[\]{}]+):)\s*(.*)$", segments[0], re.S)
    if m and looks_like_result(m.group(1) or m.group(2), ctx):
        return [m.group(3)] + segments[1:] if m.group(3).strip() else segments[1:], m.group(1) or m.group(2)
    if looks_like_result(segments[0], ctx) and len(segments) > 1:
        return segments[1:], segments[0]
    return segments, None


# Rankings, "best of" lists and preservation honours are listed among accolades but are not
# awards: an entry naming one is counted as skipped with the reason, never loaded.
_NOT_ACCOLADES = [
    (
        "preservation honour",
        re.compile(r"(?i)national film registry|film registry|selected for preservation|library of congress"),
    ),
    (
        "ranking or best-of list",
        re.compile(
            r"(?i)\bAFI'?s\b|100 years|\btop\s+(?:\d+|ten|twenty|fifty|hundred)\b|greatest|"
            r"\bbest (?:films|movies|pictures) of\b|critics'? (?:lists?|polls?)|\bpoll\b|"
            r"\branked\b|\branking\b|\blist of the\b|year-end lists?|(?<!\w)#\d+\b"
        ),
    ),
]


def _not_an_accolade(text: str) -> str | None:
    """The reason an entry is no award (see ``_NOT_ACCOLADES``), or None."""
    return next((reason for reason, pattern in _NOT_ACCOLADES if pattern.search(text)), None)


# "The film won the [[Golden Bear]] at the [[69th Berlin International Film Festival]]",
# "[[Name]] was nominated for the [[Academy Award for Best Actor]]": a sentence as an entry.
# The verb gives the result, the object the category, "at / from / by the X" the body, and a
# subject other than the film ("The film", "It", its title) the recipient.
_COUNT_START = re.compile(
    r"(?i)^(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|several|many|numerous|multiple)\b"
)

_SENTENCE_ENTRY = re.compile(
    r"^(?P<subject>.*?)\s*\b(?:(?P<won>won|received|was awarded|were awarded|took home)|"
    r"(?P<nom>(?:was|were) nominated for|received a nomination for|earned a nomination for))\s+"
    r"(?:the\s+|an?\s+)?(?P<object>.+?)(?:\s+(?:at|from|by|in)\s+(?:the\s+)?(?P<body>.+?))?\s*[.;]?\s*$",
    re.S,
)


def _sentence_raw(content: str, film: typing.AbstractSet[str], ctx: Context) -> Raw | None:
    """An entry written as a sentence (see ``_SENTENCE_ENTRY``); None for other sentences."""
    code = without_refs(content, ctx).strip()
    m = _SENTENCE_ENTRY.match(code)
    if m is None or not m.group("object").strip():
        return None
    obj = m.group("object").strip()
    if _COUNT_START.match(render(obj, quiet(ctx))):
        return None  # "nominated for four [[Golden Globe Awards]], including ...": a summary
    body = (m.group("body") or "").strip()
    # "the Asia Star award presented by [[Marie Claire]] at the [[Busan International Film
    # Festival]] 2019": "at" names the body where the award was given; what came before it is
    # the category with its note.
    at = split_top(f"{obj} {m.group(0)[m.end('object') :]}".strip(), r"\s+at\s+(?:the\s+)?")
    if len(at) == 2 and is_body_name(at[1], ctx):
        obj, body = at[0].strip(), at[1].strip().rstrip(". ")
    # "the [[Academy Awards|Academy Award]] for [[Academy Award for Best Score|Best Score]]":
    # the body, then its category.
    pieces = split_top(obj, r"\s+for\s+")
    if len(pieces) == 2 and is_body_name(pieces[0], ctx) and not body:
        body, obj = pieces[0], pieces[1]
    raw = Raw(result="Won" if m.group("won") else "Nominated", category=obj)
    if body and is_body_name(body, ctx):
        raw.body = body
    elif is_award_for_cell(obj, ctx):
        raw.body_in_category = True
    elif is_body_name(obj, ctx) and not body:
        raw.body = obj
    else:
        return None
    subject = m.group("subject").strip()
    subject_text = render(subject, quiet(ctx))
    shown = norm_title(subject_text)
    if (
        not subject
        or shown in film
        or re.fullmatch(r"(?i)(?:the )?(?:film|movie|picture|it)", subject_text.strip(" '"))
    ):
        raw.film_is_recipient = True
    elif subject_text[:1].isupper() and len(subject_text.split()) <= 5:
        raw.recipient = subject
    else:
        return None  # "the producers were nominated ...": no name to credit
    if first_link(obj, ctx) is None and len(render(obj, quiet(ctx)).split()) > 12:
        return None  # a clause, not a category
    year = re.search(rf"\b({YEAR})\b", render(code, quiet(ctx)))
    raw.year = year.group(1) if year else None
    return raw


# Prose of an accolades section: each sentence is cut into clauses ("[[A]] won the [[X Award
# for Y]] and [[B]] was nominated for [[Z]]"; "... and won [[X Award for Y|Y]]" keeps the
# subject before it), and a clause is an entry when ``_sentence_raw`` reads it with a linked
# body or "[[X Award for Y]]" category. Other sentences (summaries with counts, rankings,
# reviews) are prose and not counted.
_SENTENCE_END = r"(?<=[.!?])\s+(?=[A-Z\[']|$)"

_CLAUSE = re.compile(
    r",?\s+and\s+(?=[^,]{0,80}?\b(?:won|received|was nominated|were nominated)\b|"
    r"(?:won|was nominated|were nominated|received)\b)"
)


def _prose_entries(text: str, film: set[str], ctx: Context) -> list[Raw]:
    out: list[Raw] = []
    for sentence in split_top(without_refs(text, ctx), _SENTENCE_END):
        subject = None
        for clause in split_top(sentence.strip(), _CLAUSE.pattern):
            clause = clause.strip()
            if subject and re.match(r"(?:won|received|was|were)\b", clause):
                clause = f"{subject} {clause}"
            m = _SENTENCE_ENTRY.match(clause)
            subject = m.group("subject").strip() if m else subject
            if _not_an_accolade(render(clause, quiet(ctx))):
                continue
            raw = _sentence_raw(clause, film, ctx)
            if raw is None or not (
                raw.body_in_category
                or (raw.body and first_link(raw.body, ctx))
                or first_link(raw.category or "", ctx)
            ):
                continue
            # "won the [[X Award for Y]] and the [[Z Award for W]]": one entry each.
            objects = split_top(raw.category or "", r",?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?")
            if raw.body_in_category and len(objects) > 1 and all(is_award_for_cell(o, ctx) for o in objects):
                out.extend(replace(raw, category=o.strip()) for o in objects)
            else:
                out.append(raw)
    return out


def _bullet_raw(
    content: str, stack: list[_Header], ctx: Context, film: typing.AbstractSet[str] = frozenset()
) -> Raw | None:
    # The entry or a group heading it (``* [[AFI's 100 Years...100 Songs]]`` over ``** "Song" – #58``).
    reason = _not_an_accolade(
        " ".join(
            render(without_refs(c, ctx), ctx) for c in [content, *(h.code for h in stack if h.depth >= 0)]
        )
    )
    if reason is not None:
        return Raw(not_an_accolade=reason)
    if _is_sentence(content, ctx) and (sentence := _sentence_raw(content, film, ctx)) is not None:
        return sentence
    segments, result = _bullet_parts(content, ctx)
    headers = {h.kind: h.code for h in stack}
    result = result or headers.get("result")
    year = None
    for k, segment in enumerate(segments):
        segments[k], years = pull_top(segment, rf"\s*\(({YEAR})\)")
        year = year or (years[0] if years else None)
    raw = Raw(result=result, year=year or headers.get("year"), body=headers.get("body"))
    if segments:
        _bullet_body(raw, segments, ctx)
        segments = _split_category_colon(segments, ctx)
    if "category" in headers:
        segments.insert(0, headers["category"])
    segments = merge_qualifiers(segments, ctx)
    raw.category = segments[0] if segments else None
    raw.recipient = " – ".join(segments[1:]) or None
    if raw.recipient is None and raw.category:
        raw.category, found = pull_top(raw.category, r"\s*\(([^()\n]+)\)\s*$")
        raw.recipient = found[0] if found else None
    raw.film_is_recipient = raw.recipient is None
    if raw.result is None and raw.body is None and not raw.body_in_category:
        return None
    return raw


def _split_category_colon(segments: list[str], ctx: Context) -> list[str]:
    """ "Best Actor: [[Nicolas Cage]]" is a category and its recipient: the last segment
    written "text: [[link]]" is cut at its colon ("Choice Movie: Fantasy", with no link after
    the colon, stays one category)."""
    for k in range(len(segments) - 1, -1, -1):
        before, after = _colon_split(segments[k])
        if (
            after is not None
            and first_link(before, ctx) is None
            and first_link(after, ctx) is not None
            and render(before, quiet(ctx)).strip()
        ):
            return segments[:k] + [before, after] + segments[k + 1 :]
    return segments


def _bullet_body(raw: Raw, segments: list[str], ctx: Context) -> None:
    """The body named by the entry itself, taken out of its first segment: "1996: ...",
    "[[1996 MTV Movie Awards]]: Best Kiss", "[[Academy Award for Best Actor]]" or
    "Academy Awards – Best Actor – ..."."""
    if len(segments) > 1 and is_year_cell(segments[0], ctx):  # "1997 – [[Empire Award for ...]]"
        raw.year = segments.pop(0)
    before, after = _colon_split(segments[0])
    if after and is_year_cell(before, ctx):
        raw.year, segments[0] = before, after
        before, after = _colon_split(segments[0])
    if after and is_body_name(before, ctx):
        raw.body, segments[0] = before, after
    elif raw.body is None and is_award_for_cell(segments[0], ctx):
        raw.body_in_category = True
    elif raw.body is None and len(segments) > 1 and is_body_name(segments[0], ctx):
        raw.body = segments.pop(0)
    elif raw.body is None:
        # "[[Palme d'Or]], [[2019 Cannes Film Festival]]": the category, then the body (an
        # event linked with its edition or year) after a comma.
        pieces = split_top(segments[0], r",\s+")
        if (
            len(pieces) == 2
            and is_body_name(pieces[1], ctx)
            and not is_award_for_cell(pieces[0], ctx)
            and first_link(pieces[1], ctx) is not None
        ):
            raw.body, segments[0] = pieces[1], pieces[0]


def _colon_split(code: str) -> tuple[str, str | None]:
    pieces = split_top(code, r":\s")
    if len(pieces) < 2:
        return code, None
    return pieces[0], ": ".join(pieces[1:])
