"""What a test reads through mwparserfromhell's parser: every text handed to it, recorded."""

from __future__ import annotations

import pytest
from mwparserfromhell.parser import Parser


def record_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the parser is handed from now on (for the rest of the test), in order."""
    parsed: list[str] = []
    original = Parser.parse

    def recording(parser, wikitext, *args, **kwargs):
        parsed.append(wikitext)
        return original(parser, wikitext, *args, **kwargs)

    monkeypatch.setattr(Parser, "parse", recording)
    return parsed
