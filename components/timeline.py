"""The expansion over time: one point per dated event of each office, as an Altair chart."""

from __future__ import annotations

from typing import Any

import altair as alt

from components.dataset import STATUSES, Dataset, DateName, partial_date_start
from components.facts import office_date, source_label
from components.i18n import text
from components.map_style import STATUS_COLOURS, STATUS_SHAPES

EVENTS: tuple[DateName, ...] = ("founded", "announced", "opened", "planned_opening")
SELECTION = "office"  # the chart's point selection, by office id


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
            rows.append(
                {
                    "office_id": office.id,
                    "city": office.city.get(lang),
                    "status": office.status,
                    "status_label": text(f"status_{office.status}", lang),
                    "event": text(f"date_{event}", lang),
                    "planned": event == "planned_opening",
                    # The first day a partial date can mean, a day Vega-Lite can place.
                    "date": partial_date_start(value).isoformat(),
                    "date_label": office_date(office, event, lang),
                    "source": "; ".join(
                        source_label(dataset.sources_by_id[s], lang) for s in source_ids
                    ),
                }
            )
    return sorted(rows, key=lambda row: (row["date"], row["city"]))


def timeline_chart(dataset: Dataset, lang: str = "en") -> alt.Chart:
    """Offices (rows) against time; colour and shape by status as on the map; a planned
    opening is drawn hollow. Clicking a point selects its office (selection ``office``)."""
    rows = timeline_events(dataset, lang)
    order = list(dict.fromkeys(row["city"] for row in rows))
    labels = [text(f"status_{status}", lang) for status in STATUSES]
    colours = alt.Scale(domain=labels, range=[STATUS_COLOURS[s] for s in STATUSES])
    pick = alt.selection_point(name=SELECTION, fields=["office_id"], on="click")
    chart: alt.Chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_point(size=140, strokeWidth=2)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("city:N", title=None, sort=order),
            color=alt.Color(
                "status_label:N", title=None, scale=colours, legend=alt.Legend(orient="bottom")
            ),
            shape=alt.Shape(
                "status_label:N",
                scale=alt.Scale(domain=labels, range=[STATUS_SHAPES[s] for s in STATUSES]),
                legend=None,
            ),
            fill=alt.condition(
                "datum.planned",
                alt.value("transparent"),
                alt.Fill("status_label:N", scale=colours, legend=None),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("city:N", title=text("column_city", lang)),
                alt.Tooltip("event:N", title=text("column_event", lang)),
                alt.Tooltip("date_label:N", title=text("column_date", lang)),
                alt.Tooltip("source:N", title=text("column_sources", lang)),
            ],
        )
        .add_params(pick)
        .properties(height=alt.Step(26))
    )
    return chart
