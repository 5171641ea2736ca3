"""Charts of the views as small SVG images: pure functions from a view's rows (a Polars frame)
to the bytes of an SVG document, built as text (no plotting library, no font files).

- ``leaderboard_chart``: the top award bodies' nominations and wins as horizontal bars;
- ``timeline_chart``: one film's life (releases, home media, soundtrack, ceremonies) on a
  date axis; ``busiest_film`` picks the film with most dated events;
- ``wins_chart``: the films with most wins, all award bodies together.

Every text of the rows goes through ``_text`` (XML-escaped, characters XML cannot hold
dropped, long labels shortened), so a title holding ``<`` or ``&`` is shown as written and
cannot change the document. Label widths are estimated from the number of characters (no font
metrics), which is enough to keep labels clear of the bars.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

import polars as pl

__all__ = ["busiest_film", "leaderboard_chart", "markdown_image", "timeline_chart", "wins_chart"]

_WINS, _NOMINATIONS = "#c8102e", "#9bb7d4"
_FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"
_CHAR_WIDTH = 0.6  # of the font size: a rough average width of a character
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object, limit: int = 60) -> str:
    """``value`` as SVG text content or attribute value: shortened, XML-safe, escaped."""
    text = _NOT_XML.sub("", str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _document(width: int, height: int, title: str, body: Iterable[str]) -> bytes:
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' {_FONT} font-size='12'>",
        f"<rect width='{width}' height='{height}' fill='white'/>",
        f"<text x='{width / 2:.0f}' y='22' text-anchor='middle' font-size='15'>{_text(title, 120)}</text>",
        *body,
        "</svg>",
    ]
    return "\n".join(parts).encode("utf-8")


def _empty(title: str, width: int = 600, height: int = 250) -> bytes:
    return _document(
        width,
        height,
        title,
        [
            f"<text x='{width / 2:.0f}' y='{height / 2:.0f}' text-anchor='middle' font-size='14'>"
            "no rows yet</text>"
        ],
    )


def _step(top: float, ticks: int = 6) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks to ``top``."""
    raw = max(top, 1) / ticks
    power = 10.0 ** max(0, math.floor(math.log10(raw)))
    return next(power * factor for factor in (1, 2, 5, 10) if power * factor >= raw)


def markdown_image(svg: bytes, alt: str) -> str:
    """The SVG embedded in markdown (a data URI), as Dagster's UI shows it."""
    label = alt.replace("[", "(").replace("]", ")")
    return "![" + label + "](data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii") + ")"


def _bars(frame: pl.DataFrame, label: str, title: str, top: int) -> bytes:
    if frame.is_empty():
        return _empty(title)
    rows = frame.head(top)  # the largest first, at the top
    labels = [_text(v, 48) for v in rows[label].to_list()]
    nominations = rows["nominations"].to_list()
    wins = rows["wins"].to_list()
    longest = max(len(str(v)) for v in rows[label].to_list())
    left = 20 + int(min(longest, 48) * 12 * _CHAR_WIDTH)
    plot, row, top_margin = 560, 34, 44
    width, height = left + plot + 40, top_margin + row * len(labels) + 70
    peak = max([*nominations, *wins, 1])
    step = _step(peak)
    scale = plot / (step * -(-peak // step))
    body = []
    tick = 0.0
    while tick * scale <= plot + 0.5:
        x = left + tick * scale
        body.append(
            f"<line x1='{_num(x)}' y1='{top_margin}' x2='{_num(x)}' y2='{top_margin + row * len(labels)}' "
            "stroke='#dddddd'/>"
            f"<text x='{_num(x)}' y='{top_margin + row * len(labels) + 16}' text-anchor='middle'>"
            f"{_num(tick)}</text>"
        )
        tick += step
    for n, (name, nom, won) in enumerate(zip(labels, nominations, wins)):
        y = top_margin + n * row
        body.append(
            f"<text x='{left - 6}' y='{y + row / 2 + 4:.0f}' text-anchor='end'>{name}</text>"
            f"<rect x='{left}' y='{y + 4}' width='{_num(nom * scale)}' height='12' fill='{_NOMINATIONS}'>"
            f"<title>{name}: {nom} nominations</title></rect>"
            f"<rect x='{left}' y='{y + 17}' width='{_num(won * scale)}' height='12' fill='{_WINS}'>"
            f"<title>{name}: {won} wins</title></rect>"
        )
    base = top_margin + row * len(labels)
    body.append(
        f"<line x1='{left}' y1='{top_margin}' x2='{left}' y2='{base}' stroke='#333333'/>"
        f"<text x='{left + plot / 2:.0f}' y='{base + 34}' text-anchor='middle'>entries</text>"
        f"<rect x='{left + plot - 190}' y='{base + 46}' width='12' height='12' fill='{_NOMINATIONS}'/>"
        f"<text x='{left + plot - 172}' y='{base + 57}'>nominations</text>"
        f"<rect x='{left + plot - 80}' y='{base + 46}' width='12' height='12' fill='{_WINS}'/>"
        f"<text x='{left + plot - 62}' y='{base + 57}'>wins</text>"
    )
    return _document(width, height, title, body)


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


def _year_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    years = range(first.year, last.year + 2)
    step = max(1, int(_step(len(years), 8)))
    return [dt.date(y, 1, 1) for y in years if y % step == 0]


def timeline_chart(timeline: pl.DataFrame, film_id: str | None = None) -> bytes:
    """One film's dated events of ``release_timeline`` on a date axis, one lane per kind of
    event, each labelled with its detail (and territory)."""
    film_id = film_id or busiest_film(timeline)
    rows = (
        timeline.filter((pl.col("film_id") == film_id) & pl.col("event_date").is_not_null())
        if film_id
        else timeline.clear()
    )
    if rows.is_empty():
        return _empty("Release timeline")
    title = str(rows["film_title"][0]) + ": " + str(rows.height) + " dated events"
    events = set(rows["event"])
    lanes = [e for e in _EVENT_COLOURS if e in events] + sorted(events - set(_EVENT_COLOURS))
    dates: list[dt.date] = rows["event_date"].to_list()
    first, last = min(dates), max(dates)
    ticks = _year_ticks(first, last)
    start = min(first, ticks[0]) if ticks else first
    end = max(last, dt.date(last.year + 1, 1, 1))
    left = 20 + int(max(len(lane) for lane in lanes) * 12 * _CHAR_WIDTH)
    plot, lane_height, top_margin = 900, 64, 50
    width, height = left + plot + 180, top_margin + lane_height * len(lanes) + 50
    days = max((end - start).days, 1)

    def x_of(day: dt.date) -> float:
        return left + plot * (day - start).days / days

    base = top_margin + lane_height * len(lanes)
    body = []
    for tick in ticks:
        if start <= tick <= end:
            x = x_of(tick)
            body.append(
                f"<line x1='{_num(x)}' y1='{top_margin}' x2='{_num(x)}' y2='{base}' stroke='#dddddd'/>"
                f"<text x='{_num(x)}' y='{base + 18}' text-anchor='middle'>{tick.year}</text>"
            )
    for n, lane in enumerate(lanes):
        y = top_margin + lane_height * (n + 0.5)
        body.append(
            f"<text x='{left - 6}' y='{y + 4:.0f}' text-anchor='end'>{_text(lane, 30)}</text>"
            f"<line x1='{left}' y1='{y:.0f}' x2='{left + plot}' y2='{y:.0f}' stroke='#f0f0f0'/>"
        )
    for n, row in enumerate(rows.iter_rows(named=True)):
        lane = lanes.index(row["event"])
        colour = _EVENT_COLOURS.get(row["event"], "#555555")
        x, y = x_of(row["event_date"]), top_margin + lane_height * (lane + 0.5)
        text = row["detail"] or row["event"]
        if row["territory"]:
            text += " (" + row["territory"] + ")"
        label = _text(text, 40)
        dy = -10 if n % 2 == 0 else 18
        body.append(
            f"<circle cx='{_num(x)}' cy='{y:.0f}' r='5' fill='{colour}'>"
            f"<title>{row['event_date'].isoformat()}: {label}</title></circle>"
            f"<text x='{_num(x + 4)}' y='{y + dy:.0f}' font-size='10' "
            f"transform='rotate(-20 {_num(x + 4)} {y + dy:.0f})'>{label}</text>"
        )
    body.append(
        f"<line x1='{left}' y1='{base}' x2='{left + plot}' y2='{base}' stroke='#333333'/>"
        f"<line x1='{left}' y1='{top_margin}' x2='{left}' y2='{base}' stroke='#333333'/>"
    )
    return _document(width, height, title, body)
