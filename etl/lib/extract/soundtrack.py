"""The soundtrack album of a film: its release date and its tracks.

API:

- ``parse_soundtrack(code, ctx=None) -> tuple[PartialDate | None, list[Track]]``.

Release date (first found wins):

1. the ``released`` field of an ``{{Infobox album}}`` on the page whose ``type`` is a soundtrack
   or a score, or that sits in a Soundtrack / Music section (an infobox inside an HTML comment is
   not on the page);
2. otherwise the first sentence of a Soundtrack / Music / Score / Album section (any level,
   with its subsections) that names the album ("soundtrack", "album", "score", "OST") and says it
   was released/issued/published/came out, with a date after that word (``dates.find_dates``;
   a bare year only after "in"/"on" and the like). A re-release ("re-released", "reissued") is
   not the release; a sentence about a single is not about the album.

Tracks: every ``{{Track listing}}`` on the page (also ``{{Tracklist}}``, ``{{Track list}}``), in
page order. Rules (chosen here):

- Numbers run on across templates: the second template's first track is numbered after the last
  track of the first, so (film, track number) stays unique; within a template a track keeps its
  parameter number (``title7`` is track 7 of a one-template page).
- A track needs a ``titleN``; blank slots (``title8 =`` with nothing) are skipped.
- Writers: a track's own ``writerN`` (plus its own ``lyricsN``/``musicN``) when it has one.
  Otherwise its lyricists then composers, each role taken from the track (``lyricsN``,
  ``musicN``) or, when blank, from the template (``all_lyrics``, ``all_music``); when that gives
  nobody, ``all_writing``. No name twice. Qualifiers such as "except as noted" / "except where
  noted" / "unless otherwise noted" are dropped from the ``all_*`` values (the track's own field
  is the noted exception). This applies to dialogue tracks too (the template says "all
  writing").
- Performers: ``extraN`` when ``extra_column`` names performers ("Performer(s)", "Artist(s)",
  "Singer(s)", "Vocals", "Performed by", "Band"); otherwise none. When it names writers
  ("Composer(s)", "Lyricist(s)", "Music by") ``extraN`` adds to the track's writers.
- A name linked somewhere in the listing ("[[Earth, Wind & Fire]]") stays whole where it is
  written again without the link.
- Names are split on list templates, ``<br>``, line breaks, ",", " and ", "&", ";" and
  "featuring"/"feat."/"ft." (a linked
  name, or any template, is never split inside) and kept as displayed (the link's text); a role after " as "
  ("Nicolas Cage as Ben") is not part of the name.
- ``lengthN`` "m:ss" or "h:mm:ss" -> seconds; unreadable -> None.
- ``is_dialogue``: ``noteN`` says "dialogue"/"dialog", or the title ends in "(dialogue)".
"""

from __future__ import annotations

import re
from collections import Counter

from mwparserfromhell.nodes import Tag, Template, Wikilink
from mwparserfromhell.wikicode import Wikicode

from etl.lib.model import PartialDate, Track
from etl.lib.text import dates
from etl.lib.text.sentences import sentences
from etl.lib.wiki import paragraphs
from etl.lib.wiki import wikitext as W
from etl.lib.wiki.article import Article
from etl.lib.wiki.params import Params

__all__ = ["parse_soundtrack", "TRACK_LISTING_TEMPLATES"]

TRACK_LISTING_TEMPLATES = {
    "track listing",
    "tracklist",
    "track list",
    "tracklisting",
    "track listing/sandbox",
}
ALBUM_INFOBOXES = {"infobox album", "infobox soundtrack"}

_SOUNDTRACK_TITLE = re.compile(r"\b(?:soundtracks?|music(?:al)?|score|album|songs?)\b", re.I)
_PERFORMER_COLUMN = re.compile(r"perform|artist|singer|vocal|band|musician|sung|played", re.I)
# An extra column of writers ("Composer(s)", "Lyricist", "Music by"): its names are writers.
_WRITER_COLUMN = re.compile(r"compos|writ|lyric|music\s+by|songwriter", re.I)


def _soundtrack_sections(code: Article | W.Code):
    return Article.of(code).select(lambda t: bool(_SOUNDTRACK_TITLE.search(t)))


# --------------------------------------------------------------------------------------------
# Release date
# --------------------------------------------------------------------------------------------

_ALBUM_WORD = re.compile(r"\b(?:soundtrack|album|score|OST|LP|record)\b", re.I)
_RELEASED = re.compile(r"\b(?:released|issued|published|came out|put out|hit stores|available)\b", re.I)
_RERELEASED = re.compile(r"\b(?:re-?released|re-?issued|remastered)\b", re.I)
_SINGLE = re.compile(
    r"\b(?:as (?:a|the|its) (?:\w+ )?|lead |(?:the|a|first|second) )"
    r"single\b(?![- ]?(?:disc|cd|album|lp))",
    re.I,
)
_YEAR_CUE = re.compile(r"(?:\b(?:in|on|from|of|during|circa|around)\s+|\(\s*)$", re.I)


def _infobox_date(code: Article | W.Code, ctx: W.Context | None) -> PartialDate | None:
    article = Article.of(code)
    spans = [(sec.start, sec.end) for sec in _soundtrack_sections(article)]
    for start, end, t in article.template_spans(ALBUM_INFOBOXES):
        kind = W.render(W.named(t, "type", "Type") or "", ctx).lower()
        in_section = any(lo <= start and end <= hi for lo, hi in spans)
        if not (re.search(r"soundtrack|score", kind) or in_section):
            continue
        value = W.named(t, "released", "Released", "release_date", "release date")
        if value:
            when = dates.parse_date(W.render(value, ctx))
            if when is not None:
                return when
    return None


# Looser than the words the reader looks for (no word boundaries, any case): a paragraph
# whose shown text lacks one of them has no sentence that dates the album.
_ALBUM_HINT = re.compile(r"soundtrack|album|score|OST|LP|record", re.I)
_RELEASED_HINT = re.compile(r"released|issued|published|came out|put out|hit stores|available", re.I)
_DIGIT = re.compile(r"\d")


def _might_date_album(view: str) -> bool:
    """A cheap test on a paragraph's view: can one of its sentences date the album? It must
    name the album, say it was released, and hold a date (every date has a digit)."""
    return bool(_DIGIT.search(view) and _ALBUM_HINT.search(view) and _RELEASED_HINT.search(view))


def _prose_date(code: Article | W.Code, ctx: W.Context | None) -> PartialDate | None:
    for sec in _soundtrack_sections(code):
        # Each kept paragraph rendered (its unknown templates counted) before any is read.
        text = paragraphs.render_where(sec.text, _might_date_album, ctx)
        for sentence in sentences(text):
            if not (_ALBUM_WORD.search(sentence) and _RELEASED.search(sentence)):
                continue
            if _SINGLE.search(sentence):
                continue  # a single's release, not the album's
            for m in dates.find_dates(sentence, years=True):
                before = sentence[: m.start]
                if re.fullmatch(r"\d{4}", m.text) and not _YEAR_CUE.search(before[-12:]):
                    continue
                # The date must follow the release verb in the same clause, and not a
                # re-release.
                verb = None
                for v in _RELEASED.finditer(before):
                    verb = v
                if verb is None or re.search(r"[;]", before[verb.end() :]):
                    continue
                if _RERELEASED.search(before[max(0, verb.start() - 3) : verb.end()]):
                    continue
                return m.date
    return None


# --------------------------------------------------------------------------------------------
# Tracks
# --------------------------------------------------------------------------------------------

_QUALIFIER = re.compile(r",?\s*\(?\s*(?:except|unless|save)\b.*$|,?\s*\(?\s*other(?:wise)?\s+noted.*$", re.I)
_TRACK_PARAM = re.compile(r"^(title|writer|lyrics|music|extra|length|note)(\d+)$", re.I)


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _split_names(value: str, ctx: W.Context | None, known: frozenset[str] = frozenset()) -> list[str]:
    """Names in a track-listing value, as displayed. ``known`` are names linked elsewhere in the
    listing ("Earth, Wind & Fire"): written again without the link, they stay whole too."""
    if "<!--" in value:
        value = _COMMENT.sub("", value)
    out: list[str] = []
    if not value.strip():
        return out  # an empty field (most tracks leave some blank)
    for item in W.split_items(value, ctx):
        # Protect links, so "[[Earth, Wind & Fire]]" stays whole, then split the rest.
        code = W.parse(item, ctx)  # the tree _linked_names read of the same value
        pieces: list[str] = [""]
        for node in code.nodes:
            if isinstance(node, (Wikilink, Template)):
                pieces[-1] += str(node)
                continue
            if isinstance(node, Tag) and str(node.tag).lower() == "br":
                pieces.append("")
                continue
            text, protected = _protect(str(node), known)
            parts = [
                _restore(p, protected)
                for p in re.split(r"\s*(?:,|;|&|\band\b|\bfeaturing\b|\bfeat\.|\bft\.)\s*", text)
            ]
            pieces[-1] += parts[0]
            pieces.extend(parts[1:])
        for piece in pieces:
            text = W.render(piece, ctx).strip(" ,;.")
            text = re.sub(r"\s+as\s+.+$", "", text).strip()
            if text and text.lower() not in ("various", "n/a", "—", "-"):
                out.append(text)
    return out


def _protect(text: str, known: frozenset[str]) -> tuple[str, dict[str, str]]:
    protected: dict[str, str] = {}
    for i, name in enumerate(sorted(known, key=len, reverse=True)):
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, text):
            key = f"\x00{i}\x00"
            text = re.sub(pattern, key, text)
            protected[key] = name
    return text, protected


def _restore(text: str, protected: dict[str, str]) -> str:
    for key, name in protected.items():
        text = text.replace(key, name)
    return text


def _linked_names(t: Params, ctx: W.Context | None) -> frozenset[str]:
    """Displayed names of the listing's links that a split would cut ("Earth, Wind & Fire")."""
    out = set()
    links: list[Wikilink] = []
    for p in t.params:
        value = p.value if isinstance(p.value, Wikicode) else p.value.strip()  # as the tracks read it
        if "[[" in (raw := str(value)) and _CUT_HINT.search(raw):
            links.extend(W.wikilinks(W.parse(value, ctx)))
    for link in links:
        shown = W.render(Wikicode([link])).strip()
        if _CUT.search(shown):
            out.add(shown)
    return frozenset(out)


_CUT = re.compile(r",|;|&|\band\b")  # where _split_names cuts a value
_CUT_HINT = re.compile(r"[,;&]|and", re.I)  # a value without one shows no link that _CUT cuts


def _seconds(value: str) -> int | None:
    m = re.fullmatch(r"\s*(?:(\d+):)?(\d{1,3}):(\d{2})\s*", value)
    if not m:
        return None
    h, mins, secs = m.groups()
    return int(h or 0) * 3600 + int(mins) * 60 + int(secs)


def _all(t: Params, name: str, ctx: W.Context | None, known: frozenset[str] = frozenset()) -> list[str]:
    value = W.named(t, name)
    if not value:
        return []
    text = W.render(value, ctx)
    if not _QUALIFIER.search(text):
        return _split_names(value, ctx, known)
    # Cut the qualifier from the wikitext: render piece by piece up to it.
    cut = _QUALIFIER.search(value)
    return _split_names(value[: cut.start()] if cut else value, ctx, known)


def _tracks_of(t: Params, offset: int, ctx: W.Context | None, problems: Counter | None = None) -> list[Track]:
    fields: dict[int, dict[str, str]] = {}
    for p in t.params:
        m = _TRACK_PARAM.match(str(p.name).strip())
        if m:
            fields.setdefault(int(m.group(2)), {})[m.group(1).lower()] = str(p.value).strip()
    column = W.render(W.named(t, "extra_column", "extra column") or "", ctx)
    performers_column = bool(_PERFORMER_COLUMN.search(column))
    writers_column = not performers_column and bool(_WRITER_COLUMN.search(column))
    known = _linked_names(t, ctx)
    all_writing = _all(t, "all_writing", ctx, known)
    all_lyrics = _all(t, "all_lyrics", ctx, known)
    all_music = _all(t, "all_music", ctx, known)
    tracks = []
    for n in sorted(fields):
        f = fields[n]
        title = W.render(f.get("title", ""), ctx).strip()
        if not title:
            continue
        writer = _split_names(f.get("writer", ""), ctx, known)
        lyrics = _split_names(f.get("lyrics", ""), ctx, known)
        music = _split_names(f.get("music", ""), ctx, known)
        if writer:
            writers = writer + lyrics + music
        else:
            writers = (lyrics or all_lyrics) + (music or all_music) or all_writing
        if writers_column:
            writers = writers + _split_names(f.get("extra", ""), ctx, known)
        writers = list(dict.fromkeys(writers))
        performers = _split_names(f.get("extra", ""), ctx, known) if performers_column else []
        note = W.render(f.get("note", ""), ctx)
        dialogue = bool(re.search(r"\bdialog(?:ue)?s?\b", note, re.I)) or bool(
            re.search(r"\(dialog(?:ue)?\)\s*$", title, re.I)
        )
        length_text = W.render(f.get("length", ""), ctx)
        length = _seconds(length_text)
        if length is None and length_text.strip() and problems is not None:
            problems["unreadable track length"] += 1
        tracks.append(
            Track(
                number=offset + n,
                title=title,
                writers=writers,
                performers=list(dict.fromkeys(performers)),
                length_seconds=length,
                is_dialogue=dialogue,
            )
        )
    return tracks


def _tracks(code: Article | W.Code, ctx: W.Context | None, problems: Counter | None = None) -> list[Track]:
    out: list[Track] = []
    for t in Article.of(code).templates(TRACK_LISTING_TEMPLATES):
        offset = out[-1].number if out else 0
        out.extend(_tracks_of(t, offset, ctx, problems))
    return out


def parse_soundtrack(
    code: Article | W.Code, ctx: W.Context | None = None, problems: Counter | None = None
) -> tuple[PartialDate | None, list[Track]]:
    """The soundtrack album's release date (None when the page gives none) and its tracks.
    Track lengths that cannot be read are counted in ``problems`` when given."""
    article = Article.of(code)
    when = _infobox_date(article, ctx) or _prose_date(article, ctx)
    return when, _tracks(article, ctx, problems)
