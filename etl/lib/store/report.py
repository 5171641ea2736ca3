"""Small renderers for run metadata and the command line (Markdown tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl


def markdown_table(columns: Sequence[str], rows: Iterable[Sequence[object]], limit: int = 50) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for n, row in enumerate(rows):
        if n >= limit:
            lines.append(f"| … | {' | '.join('' for _ in columns[1:])} |")
            break
        cells = ("" if v is None else str(v).replace("|", "\\|").replace("\n", " ") for v in row)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def frame_markdown(frame: pl.DataFrame, limit: int = 20) -> str:
    return markdown_table(frame.columns, frame.head(limit + 1).iter_rows(), limit)


def rejections_markdown(rejections) -> str:
    if not rejections:
        return "none"
    return markdown_table(["path", "page", "reason"], ((r.path, r.page_title, r.reason) for r in rejections))
