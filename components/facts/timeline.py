"""The expansion over time: one point per dated event of each office, as an Altair chart.

Every point stands at its own date. Where the first events stand far apart from the rest
(OpenAI's founding in 2015, eight years before its next office), the axis is broken: a
narrow first part for them, a visible break, and the rest of the width for the others,
each part with its own ticks, so that no position reads as another date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from babel.dates import format_skeleton

from components.data.at_date import steps
from components.data.dates import partial_date_end, partial_date_start
from components.data.schema import STATUSES, Dataset, DateName
from components.facts.citations import source_label
from components.facts.details import office_date
from components.map.style import STATUS_COLOURS, STATUS_SHAPES
from components.text.catalog import _, babel_locale
from components.text.formatting import format_partial_date
from components.text.names import date_name, status_name

if TYPE_CHECKING:
    import altair as alt

EVENTS: tuple[DateName, ...] = ("founded", "announced", "opened", "planned_opening")
SELECTION = "office"  # the chart's point selection, by office id
# An event this much earlier than the rest, and more than half of the whole span before
# them, gets a narrow part of the axis of its own, before a break, instead of stretching it.
EARLY_GAP = timedelta(days=2 * 365)
PADDING = timedelta(days=45)
# The date shown: a line across the chart, in the page's accent colour (the slider's).
CURSOR_LAYER = "as_of"
BREAK_LAYER = "axis_break"
# The page's text and background colours in each theme (Streamlit's, which the browser's
# contrast test reads back). The chart draws on a canvas that no contrast check reads, and
# Streamlit greys its words (3.7:1 measured from a screenshot, WCAG AA asks 4.5:1): its
# axes and legend take the page's own text colour instead.
PAGE_COLOURS = {"light": ("#2f2d2b", "#ffffff"), "dark": ("#edebe8", "#171614")}
CURSOR_COLOUR = "#c2185b"


def timeline_events(dataset: Dataset, lang: str = "en") -> list[dict[str, Any]]:
    """Every known date of every office, oldest first, with its label and its sources."""
    rows = []
    for office in dataset.offices:
        dates = office.dates
        for event in EVENTS:
            value: str | None = getattr(dates, event)
            if not value:
                continue
            source_ids = dates.sources.get(event) or office.sources
            status = status_name(office.status, lang)
            rows.append(
                {
                    "office_id": office.id,
                    "city": office.city.get(lang),
                    "status": office.status,
                    "status_label": status,
                    "event": date_name(event, lang),
                    "planned": event == "planned_opening",
                    # The symbol's name in the legend: a planned date is drawn hollow.
                    "symbol": _("{status}: date planned (hollow)", lang, status=status)
                    if event == "planned_opening" else status,
                    # The first day a partial date can mean, a day Vega-Lite can place.
                    "date": partial_date_start(value).isoformat(),
                    "date_label": office_date(office, event, lang),
                    "source": "; ".join(
                        source_label(dataset.sources_by_id[s], lang) for s in source_ids
                    ),
                }
            )  # fmt: skip
    return sorted(rows, key=lambda row: (row["date"], row["city"]))


def axis_start(days: list[date]) -> date | None:
    """Where the axis's main part starts when the first events stand far apart from the
    rest: the first day after the widest gap, if that gap is longer than ``EARLY_GAP`` and
    than half of the whole span; ``None`` when the events need the whole span."""
    ordered = sorted(set(days))
    if len(ordered) < 3:
        return None
    gaps = [(later - earlier, later) for earlier, later in pairwise(ordered)]
    widest, after = max(gaps)
    span = ordered[-1] - ordered[0]
    if widest > EARLY_GAP and widest * 2 > span:
        return after
    return None


# The broken axis: the first part's share of the width, and the gap drawn between the parts.
EARLY_SHARE = 0.1
BREAK_GAP = 0.04


@dataclass(frozen=True)
class Segment:
    """A stretch of time drawn on a stretch of the axis (positions 0 to 1)."""

    start: date
    end: date
    left: float
    right: float

    def position(self, day: date) -> float:
        share = (day - self.start) / (self.end - self.start) if self.end > self.start else 0.5
        return self.left + share * (self.right - self.left)


def axis_segments(days: list[date]) -> tuple[Segment, ...]:
    """One segment for the whole span, or two (the early events, then the rest) where
    :func:`axis_start` breaks the axis."""
    first = min(days, default=date.today())
    last = max(days, default=date.today())
    start = axis_start(days)
    if start is None:
        return (Segment(first - PADDING, last + PADDING, 0.0, 1.0),)
    early_last = max(day for day in days if day < start)
    return (
        Segment(first - PADDING, early_last + PADDING, 0.0, EARLY_SHARE),
        Segment(start - PADDING, last + PADDING, EARLY_SHARE + BREAK_GAP, 1.0),
    )


def position(segments: tuple[Segment, ...], day: date) -> float:
    """Where ``day`` stands on the axis: in the last segment that begins before it."""
    segment = next((s for s in reversed(segments) if s.start <= day), segments[0])
    return round(segment.position(day), 6)


def axis_ticks(segments: tuple[Segment, ...], lang: str) -> list[tuple[float, str]]:
    """Ticks and their labels, written in the page's language: the month of the first event
    in a narrow first part; years in a part longer than three years; else quarters."""
    locale = babel_locale(lang)
    ticks: list[tuple[float, str]] = []
    for index, segment in enumerate(segments):
        if len(segments) > 1 and index == 0:
            first = segment.start + PADDING
            day = date(first.year, first.month, 1)
            label = format_skeleton("yMMM", day, locale=locale)
            ticks.append((round(segment.position(day), 6), label))
            continue
        yearly = segment.end - segment.start > timedelta(days=3 * 365)
        for year in range(segment.start.year, segment.end.year + 1):
            for month in (1,) if yearly else (1, 4, 7, 10):
                day = date(year, month, 1)
                if segment.start <= day <= segment.end:
                    label = format_skeleton("y" if yearly else "yMMM", day, locale=locale)
                    ticks.append((round(segment.position(day), 6), label))
    return ticks


def timeline_chart(
    dataset: Dataset, lang: str = "en", selected: str | None = None, theme: str = "light"
) -> alt.LayerChart:
    """Offices (rows) against time; colour and shape by status as on the map; a planned
    date is drawn hollow; the selected office's points larger; the axis broken where the
    first events stand far apart (a dashed line at the break); its words in the page's
    text colour for ``theme``. Clicking a point selects its office (selection
    ``office``).

    Altair is imported here, when the timeline is first opened: at the module's import it
    cost the first reader's first screen 0.37 s (``python -X importtime``)."""
    import altair as alt

    rows = timeline_events(dataset, lang)
    days = [date.fromisoformat(row["date"]) for row in rows]
    # Data with events is shown at a date: a cursor stands there (the axis reaches it).
    cursor = partial_date_end(dataset.as_of) if steps(dataset) and rows else None
    segments = axis_segments(sorted([*days, *([cursor] if cursor else [])]))
    for row in rows:
        row["x"] = position(segments, date.fromisoformat(row["date"]))
        row["selected"] = row["office_id"] == selected
    ticks = axis_ticks(segments, lang)
    # Each tick's label, looked up by its position (Vega's expression language).
    label_of = " : ".join(
        f"abs(datum.value - {value}) < 1e-6 ? {json.dumps(label)}" for value, label in ticks
    )
    axis = alt.Axis(
        values=[value for value, _label in ticks],
        labelExpr=f"{label_of} : ''" if ticks else "''",
        labelOverlap=True,
        grid=True,
    )
    order = list(dict.fromkeys(row["city"] for row in rows))
    # One legend for every symbol drawn: each status filled, and hollow where a date is
    # only planned.
    symbols: list[tuple[str, str, str, str]] = []  # name, colour, fill, shape
    planned = {row["status"] for row in rows if row["planned"]}
    for status in STATUSES:
        label = status_name(status, lang)
        colour, shape = STATUS_COLOURS[status], STATUS_SHAPES[status]
        symbols.append((label, colour, colour, shape))
        if status in planned:
            # The short form where one status has planned dates: it fits a phone.
            hollow = (
                _("Date planned (hollow)", lang)
                if len(planned) == 1
                else _("{status}: date planned (hollow)", lang, status=label)
            )
            symbols.append((hollow, colour, "transparent", shape))
            for row in rows:
                if row["planned"] and row["status"] == status:
                    row["symbol"] = hollow
    names = [symbol[0] for symbol in symbols]
    legend = alt.Legend(orient="bottom", title=None, labelLimit=0, columns=1)  # fits a phone
    pick = alt.selection_point(name=SELECTION, fields=["office_id"], on="click")
    x = alt.X("x:Q", title=None, axis=axis, scale=alt.Scale(domain=[0, 1], nice=False))
    y = alt.Y("city:N", title=None, sort=order)
    base = alt.Chart(alt.Data(values=rows)).properties(height=alt.Step(26))
    points = (
        base.mark_point(filled=False)
        .encode(
            x=x,
            y=y,
            stroke=alt.Stroke(
                "symbol:N",
                scale=alt.Scale(domain=names, range=[s[1] for s in symbols]),
                legend=legend,
            ),
            fill=alt.Fill(
                "symbol:N",
                scale=alt.Scale(domain=names, range=[s[2] for s in symbols]),
                legend=legend,
            ),
            shape=alt.Shape(
                "symbol:N",
                scale=alt.Scale(domain=names, range=[s[3] for s in symbols]),
                legend=legend,
            ),
            size=alt.condition("datum.selected", alt.value(300), alt.value(140)),
            strokeWidth=alt.condition("datum.selected", alt.value(3.5), alt.value(2)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("city:N", title=_("City", lang)),
                alt.Tooltip("event:N", title=_("Event", lang)),
                alt.Tooltip("date_label:N", title=_("Date", lang)),
                alt.Tooltip("source:N", title=_("Sources", lang)),
            ],
        )
        .add_params(pick)
    )
    layers: list[alt.Chart] = [points]
    if len(segments) > 1:  # the break, drawn where the axis jumps
        gap = (segments[0].right + segments[1].left) / 2
        layers.append(
            alt.Chart(alt.Data(values=[{"x": gap}]))
            .mark_rule(strokeDash=[4, 4], color="#8a8f98", strokeWidth=1.5)
            .encode(x=x)  # the points' axis: one axis for both layers
            .properties(name=BREAK_LAYER)
        )
    if cursor is not None:
        shown = format_partial_date(dataset.as_of, lang)
        layers.append(
            alt.Chart(alt.Data(values=[{"x": position(segments, cursor), "as_of": shown}]))
            .mark_rule(color=CURSOR_COLOUR, strokeWidth=2)
            .encode(x=x, tooltip=[alt.Tooltip("as_of:N", title=_("As of", lang))])
            .properties(name=CURSOR_LAYER)
        )
    ink = PAGE_COLOURS.get(theme, PAGE_COLOURS["light"])[0]
    chart: alt.LayerChart = (
        alt.LayerChart(layer=layers)
        .configure_axis(labelColor=ink, titleColor=ink)
        .configure_legend(labelColor=ink, titleColor=ink)
    )
    return chart
