"""Deterministic keys: every id is a hash of the natural key, so a rebuild gives the same ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise(text: str | None) -> str:
    """Case, accents, punctuation and spacing folded: ``Lumiére Pictures`` and
    ``lumiere  pictures`` compare equal; ``&`` reads as ``and``."""
    if not text:
        return ""
    if not text.isascii():  # ASCII has no accent to fold
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


_PUNCTUATION = re.compile(r"[^\w\s]")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")


def normalise_title(title: str | None) -> str:
    """A film title for joining documents: normalised, a leading article dropped."""
    return _LEADING_ARTICLE.sub("", normalise(title))


def make_id(kind: str, *parts: object) -> str:
    """16 hex characters of sha256 over the kind and the parts (None as empty). A part that is
    not valid Unicode text (a file name with a non-UTF-8 byte reads as lone surrogates) is
    hashed by its code points rather than refused; valid text hashes as plain UTF-8."""
    raw = "\x1f".join([kind, *("" if p is None else str(p) for p in parts)])
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entity_key(name: str, wiki_title: str | None) -> str:
    """People and companies are keyed by their article when linked to one (a link to a section,
    ``StudioCanal#Film library``, names a part of another entity, so the name is used).
    An unlinked ``Mike Figgis`` and a linked ``[[Mike Figgis]]`` get the same key."""
    if wiki_title and "#" not in wiki_title:
        return normalise(wiki_title)
    return normalise(name)


_AWARD_SUFFIX = re.compile(r"\s+(?:awards?|prizes?)$")


def award_body_key(name: str, wiki_title: str | None = None) -> str:
    """One key per award body, however an article writes it: singular or plural ("Academy
    Award" / "Academy Awards"), with or without "Awards" ("New York Film Critics Circle"), or as
    an acronym linked to the body's article ("[[British Academy Film Awards|BAFTA Award]]").
    The linked article wins over the displayed text; a disambiguation in parentheses and the
    award suffix are dropped."""
    base = wiki_title or name
    base = re.sub(r"\s*\([^()]*\)\s*$", "", base.split("#")[0]) or name
    return _AWARD_SUFFIX.sub("", re.sub(r"^the ", "", normalise(base)))


def date_id(value) -> int | None:
    return None if value is None else value.year * 10000 + value.month * 100 + value.day
