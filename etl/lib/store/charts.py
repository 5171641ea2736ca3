"""Charts of the views, rendered to PNG bytes with matplotlib (Agg canvas, no display, no
global pyplot state): pure functions from a view's rows (a Polars frame) to an image.

- ``leaderboard_chart``: the top award bodies' nominations and wins as horizontal bars;
- ``timeline_chart``: one film's life (releases, home media, soundtrack, ceremonies) on a
  date axis; ``busiest_film`` picks the film with most dated events;
- ``wins_chart``: the films with most wins, all award bodies together.

matplotlib is imported by the first chart drawn, not with this module: loading the definitions
(every run, every UI code-server start) does not pay for it.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["busiest_film", "leaderboard_chart", "markdown_image", "timeline_chart", "wins_chart"]

_WINS, _NOMINATIONS = "#c8102e", "#9bb7d4"


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _png(fig: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100, bbox_inches="tight")
    return out.getvalue()


def _empty(fig: Figure, title: str) -> bytes:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, "no rows yet", ha="center", va="center", fontsize=14)
    ax.set_title(title)
    return _png(fig)


def markdown_image(png: bytes, alt: str) -> str:
    """The PNG embedded in markdown (a data URI), as Dagster's UI shows it."""
    return "![" + alt + "](data:image/png;base64," + base64.b64encode(png).decode("ascii") + ")"


def _bars(frame: pl.DataFrame, label: str, title: str, top: int) -> bytes:
    fig = _figure(9, 0.45 * max(top, 4) + 1.2)
    if frame.is_empty():
        return _empty(fig, title)
    rows = frame.head(top).reverse()  # the largest at the top
    labels = rows[label].to_list()
    y = list(range(len(labels)))
    ax = fig.add_subplot()
    ax.barh(
        [i + 0.2 for i in y],
        rows["nominations"].to_list(),
        height=0.4,
        color=_NOMINATIONS,
        label="nominations",
    )
    ax.barh([i - 0.2 for i in y], rows["wins"].to_list(), height=0.4, color=_WINS, label="wins")
    ax.set_yticks(y, labels)
    ax.set_xlabel("entries")
    ax.set_title(title)
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def leaderboard_chart(leaderboard: pl.DataFrame, top: int = 12) -> bytes:
    """Rows of ``award_body_leaderboard`` (already ordered by wins, then nominations)."""
    return _bars(leaderboard, "award_body", f"Top {top} award bodies: wins and nominations", top)


def wins_chart(wins_by_body: pl.DataFrame, top: int = 12) -> bytes:
    """Rows of ``wins_by_award_body``, summed per film: the films with most wins."""
    films = (
        wins_by_body.group_by("film_id", "film_title")
        .agg(pl.col("wins").sum(), pl.col("nominations").sum())
        .sort(["wins", "nominations", "film_title"], descending=[True, True, False])
    )
    return _bars(films, "film_title", f"Films with most wins (top {top}, all award bodies)", top)


def busiest_film(timeline: pl.DataFrame) -> str | None:
    """The film of ``release_timeline`` with most dated events (ties: title, then id)."""
    dated = timeline.filter(pl.col("event_date").is_not_null())
    if dated.is_empty():
        return None
    counts = (
        dated.group_by("film_id", "film_title")
        .len()
        .sort(["len", "film_title", "film_id"], descending=[True, False, False])
    )
    return counts["film_id"][0]


_EVENT_COLOURS = {
    "theatrical": "#c8102e",
    "premiere": "#ff8c00",
    "festival": "#8e44ad",
    "home media": "#1f77b4",
    "soundtrack": "#2ca02c",
    "award": "#b8860b",
}


def timeline_chart(timeline: pl.DataFrame, film_id: str | None = None) -> bytes:
    """One film's dated events of ``release_timeline`` on a date axis, one lane per kind of
    event, each labelled with its detail (and territory)."""
    film_id = film_id or busiest_film(timeline)
    fig = _figure(11, 4.8)
    rows = (
        timeline.filter((pl.col("film_id") == film_id) & pl.col("event_date").is_not_null())
        if film_id
        else timeline.clear()
    )
    if rows.is_empty():
        return _empty(fig, "Release timeline")
    title = rows["film_title"][0]
    lanes = [e for e in _EVENT_COLOURS if e in set(rows["event"])] + sorted(
        set(rows["event"]) - set(_EVENT_COLOURS)
    )
    ax = fig.add_subplot()
    for n, row in enumerate(rows.iter_rows(named=True)):
        lane = lanes.index(row["event"])
        colour = _EVENT_COLOURS.get(row["event"], "#555555")
        ax.scatter([row["event_date"]], [lane], color=colour, s=60, zorder=3)
        text = row["detail"] or row["event"]
        if row["territory"]:
            text += " (" + row["territory"] + ")"
        ax.annotate(
            text,
            (row["event_date"], lane),
            xytext=(4, 8 if n % 2 == 0 else -14),
            textcoords="offset points",
            fontsize=8,
            rotation=20,
        )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title + ": " + str(rows.height) + " dated events")
    fig.autofmt_xdate()
    return _png(fig)
