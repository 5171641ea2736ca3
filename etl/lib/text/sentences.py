"""Plain-text helpers shared by the prose readers (extracts, Release and Home media sections)."""

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
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


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
            word = re.search(r"([\w.]+)$", line[start : m.start()])
            w = word.group(1).lower() if word else ""
            if w in _ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", w):
                continue
            piece = line[start : m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out
