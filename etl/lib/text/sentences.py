"""Plain-text helpers shared by the prose readers (extracts, Release and Home media sections):
citation marks, sentences, and the one clause splitter.

A clause reader builds its splitter with ``clause_breaks``: the breaks every reader shares
(``CLAUSE_BREAKS``: a semicolon, "while"/"whereas"/"but", and an "and" that opens a new
statement) plus the breaks of its own subject; ``clauses`` cuts a sentence with it."""

from __future__ import annotations

import re

# Citation markers left in plain-text extracts: "[13]", "[a]", "[citation needed]".
_CITATION = re.compile(r"\[(?:\d+|[a-z]|note \d+|citation needed|clarification needed|when\?|who\?)\]", re.I)
# Words whose trailing period ends no sentence ("Mr. Jones", "U.S. release", "Oct. 27").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "nos", "vol", "vols", "inc", "ltd",
    "co", "corp", "bros", "approx", "ca", "c", "est", "u.s", "u.k", "l.a", "d.c", "n.y", "e.g",
    "i.e", "etc", "a.d", "b.c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "pp", "p", "ed", "eds", "fig", "mt", "ft", "prof", "gen", "col", "lt",
    "sgt", "rev",
}  # fmt: skip
# An initial or dotted initials ("J", "j.r", "Ö"): a letter of any script, not only a-z.
_INITIALS = re.compile(r"[^\W\d_]|(?:[^\W\d_]\.)+[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _last_word(line: str, start: int, end: int) -> str:
    """The run of word characters and periods that ends ``line[start:end]`` (maybe empty)."""
    k = end
    while k > start and (line[k - 1].isalnum() or line[k - 1] in "._"):
        k -= 1
    return line[k:end]


def strip_citations(text: str) -> str:
    return _CITATION.sub("", text or "")


def sentences(text: str) -> list[str]:
    """Lines (list items, paragraphs) split into sentences, each keeping its end punctuation;
    abbreviations and initials ("R. Lee Ermey") end no sentence; citation markers are dropped."""
    out: list[str] = []
    for line in strip_citations(text).split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            w = _last_word(line, start, m.start()).lower()
            if w in _ABBREVIATIONS or _INITIALS.fullmatch(w):
                continue
            piece = line[start : m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


# Where a new clause starts: a semicolon; "while", "whereas", "but"; an "and" that opens a new
# statement (", and in 2010 ...", ", and it was ...", " and was re-released ...", " and on ...").
CLAUSE_BREAKS = (
    r"\s*;\s*",
    r",?\s+(?:while|whereas|but)\s+",
    r",\s+and\s+(?=(?:then\s+|later\s+|also\s+)?(?:in|on|it|they|was|were|is|are|has|had|have|"
    r"the film|re-?released|released|reissued|re-issued|distributed)\b)",
    r"\s+and\s+(?=(?:then\s+|later\s+|also\s+)?(?:in|on)\s)",
    r"\s+and\s+(?=(?:then\s+|later\s+|also\s+)?(?:was|were|re-?released|released|reissued|"
    r"re-issued|distributed|it was|it has)\b)",
)
SEMICOLON = re.compile(";")


def clause_breaks(*own: str, ignore_case: bool = False) -> re.Pattern[str]:
    """The shared ``CLAUSE_BREAKS`` and a reader's ``own`` breaks (patterns without groups),
    as one pattern for ``clauses``."""
    return re.compile("|".join((*CLAUSE_BREAKS, *own)), re.I if ignore_case else 0)


def clauses(sentence: str, breaks: re.Pattern[str]) -> list[str]:
    """The clauses of a sentence cut at ``breaks`` (the breaks dropped, blank pieces too)."""
    return [c for c in breaks.split(sentence) if c and c.strip()]


def clause_spans(sentence: str, breaks: re.Pattern[str] = SEMICOLON) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the clauses of a sentence cut at ``breaks`` (blank
    ones kept, so every offset of the sentence lies in one)."""
    spans, start = [], 0
    for m in breaks.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return spans
