"""The expansion over time: one point per dated event of each office, as an Altair chart.

The axis spends its width where the events are: an event long before the rest (OpenAI's
founding in 2015, eight years before its next office) is drawn at the axis's start with its
date written beside it, instead of leaving most of the chart empty.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import altair as alt
from babel import Locale

from components.data.dates import partial_date_start
from components.data.schema import STATUSES, Dataset, DateName
from components.facts.citations import source_label
from components.facts.details import office_date
from components.map.style import STATUS_COLOURS, STATUS_SHAPES
from components.text.catalog import _, babel_locale
from components.text.names import date_name, status_name

EVENTS: tuple[DateName, ...] = ("founded", "announced", "opened", "planned_opening")
SELECTION = "office"  # the chart's point selection, by office id
# An event this much earlier than the rest, and more than half of the whole span before
# them, is drawn at the axis's start instead of stretching the axis.
EARLY_GAP = timedelta(days=2 * 365)
PADDING = timedelta(days=45)


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
    """Where the axis starts when the first events stand far apart from the rest: the first
    day after the widest gap, if that gap is longer than ``EARLY_GAP`` and than half of the
    whole span; ``None`` when the events need the whole span."""
    ordered = sorted(set(days))
    if len(ordered) < 3:
        return None
    gaps = [(later - earlier, later) for earlier, later in pairwise(ordered)]
    widest, after = max(gaps)
    span = ordered[-1] - ordered[0]
    if widest > EARLY_GAP and widest * 2 > span:
        return after
    return None


# Babel's date pattern letters and d3's directives for them.
_D3_DIRECTIVES = (("yyyy", "%Y"), ("yy", "%y"), ("y", "%Y"), ("MM", "%m"), ("M", "%-m"),
                  ("dd", "%d"), ("d", "%-d"))  # fmt: skip


def _d3_date_pattern(locale: Locale) -> str:
    """The language's short date ("09.10.24", "09/10/2024") as a d3 time format."""
    pattern = str(locale.date_formats["short"].pattern)
    for letters, directive in _D3_DIRECTIVES:
        pattern = re.sub(rf"(?<![A-Za-z%]){letters}(?![A-Za-z])", directive, pattern)
    return pattern


def _time_locale(lang: str) -> dict[str, Any]:
    """d3's time-format locale for ``lang`` (month and day names), from Babel's data."""
    locale = Locale.parse(babel_locale(lang))
    months = locale.months["format"]
    days = locale.days["format"]
    order = [6, 0, 1, 2, 3, 4, 5]  # d3 starts the week on Sunday, Babel's 0 is Monday
    return {
        "dateTime": "%x, %X",
        "date": _d3_date_pattern(locale),
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days["wide"][i] for i in order],
        "shortDays": [days["abbreviated"][i] for i in order],
        "months": [months["wide"][i] for i in range(1, 13)],
        "shortMonths": [str(months["abbreviated"][i]).rstrip(".") for i in range(1, 13)],
    }


def timeline_chart(dataset: Dataset, lang: str = "en") -> alt.LayerChart:
    """Offices (rows) against time; colour and shape by status as on the map; a planned
    date is drawn hollow; an event far before the rest sits at the axis's start with its
    date beside it. Clicking a point selects its office (selection ``office``)."""
    rows = timeline_events(dataset, lang)
    days = [date.fromisoformat(row["date"]) for row in rows]
    start = axis_start(days)
    first = start or min(days, default=date.today())
    last = max(days, default=date.today())
    for row in rows:
        early = start is not None and date.fromisoformat(row["date"]) < start
        # Drawn at the axis's start, where its written date says how much earlier it is.
        row["x"] = (first - PADDING).isoformat() if early else row["date"]
        row["note"] = f"← {row['event']}: {row['date_label']}" if early else ""
    span = last - first
    axis = alt.Axis(
        format="%Y" if span > timedelta(days=3 * 365) else "%b %Y",
        tickCount="year" if span > timedelta(days=3 * 365) else "month",
        labelOverlap=True,
    )
    order = list(dict.fromkeys(row["city"] for row in rows))
    # One legend for every symbol drawn: each status filled, and hollow where a date is
    # only planned.
    symbols: list[tuple[str, str, str, str]] = []  # name, colour, fill, shape
    for status in STATUSES:
        label = status_name(status, lang)
        colour, shape = STATUS_COLOURS[status], STATUS_SHAPES[status]
        symbols.append((label, colour, colour, shape))
        if any(row["planned"] and row["status"] == status for row in rows):
            symbols.append(
                (
                    _("{status}: date planned (hollow)", lang, status=label),
                    colour,
                    "transparent",
                    shape,
                )
            )
    names = [symbol[0] for symbol in symbols]
    legend = alt.Legend(orient="bottom", title=None, labelLimit=0)
    pick = alt.selection_point(name=SELECTION, fields=["office_id"], on="click")
    x = alt.X(
        "x:T",
        title=None,
        axis=axis,
        scale=alt.Scale(domain=[(first - 2 * PADDING).isoformat(), (last + PADDING).isoformat()]),
    )
    y = alt.Y("city:N", title=None, sort=order)
    base = alt.Chart(alt.Data(values=rows)).properties(height=alt.Step(26))
    points = (
        base.mark_point(size=140, strokeWidth=2, filled=False)
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
    notes = (
        base.transform_filter("datum.note != ''")
        .mark_text(align="left", dx=12, fontSize=12)
        .encode(x=x, y=y, text="note:N")
    )
    chart: alt.LayerChart = alt.layer(points, notes).configure(locale={"time": _time_locale(lang)})
    return chart
