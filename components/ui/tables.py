"""The map's accessible twins: a summary, the office table, the from-headquarters table and
the timeline, the last three drawn only once their section is opened."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from functools import partial

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from components.data.schema import Dataset, Office
from components.facts.queries import filter_offices, highlighted_offices
from components.facts.summary import summary_paragraph
from components.facts.tables import from_headquarters_rows, table_dates, table_row
from components.facts.timeline import SELECTION, timeline_chart
from components.session import view as view_session
from components.text.catalog import _
from components.text.escaping import escape_markdown
from components.text.formatting import format_km, format_partial_date
from components.text.names import date_name
from components.ui import downloads

HIGHLIGHT_STYLE = "background-color: #fde68a; color: #1a1a1a"


@contextmanager
def lazy_section(key: str, label: str, icon: str) -> Iterator[bool]:
    """A collapsed expander whose content is drawn only while it is open.

    The table and the chart bring the largest parts of Streamlit's front end (the data grid
    and Vega, about 2 MB of JavaScript); drawn at load, the browser fetched and compiled them
    before the map's own code and the map appeared about 0.3 s later. Opening reruns the app.
    """
    section = st.expander(label, key=key, icon=icon, on_change="rerun")
    with section:
        yield bool(section.open)


def render_office_table(dataset: Dataset, ui: view_session.UIState) -> None:
    """A summary, the offices shown as files and as a table; choosing a row selects that
    office, as a marker click does. Outside the panel's fragment, so a click on the map does
    not resend it."""
    lang = ui.lang
    shown = filter_offices(dataset, ui.view.status, ui.view.region)
    with st.container(key="office-table"):
        st.subheader(_("All offices at a glance", lang), anchor=False)
        st.markdown(escape_markdown(summary_paragraph(dataset, shown, lang)))
        downloads.render_office_downloads(dataset, ui.view)
        with lazy_section(
            view_session.TABLE_OPEN_KEY,
            _("Table of the offices shown", lang),
            ":material/table_rows:",
        ) as open_:
            if open_:
                _office_table(dataset, shown, ui)
        if dataset.company.headquarters_stated:  # none from a stand-in
            with lazy_section(
                view_session.HQ_TABLE_OPEN_KEY, _("From headquarters", lang), ":material/schedule:"
            ) as open_:
                if open_:
                    _from_headquarters_table(dataset, lang)


def office_table(
    dataset: Dataset,
    shown: tuple[Office, ...],
    lang: str,
    marked: frozenset[str] = frozenset(),
) -> Styler:
    """The office table as the reader sees it: each date in its own column, its ISO value
    sorting in time and its cell written as the details write it; the rows of ``marked``
    offices (a highlighted leader's or partnership's) in the highlight colour."""
    ids = [office.id for office in shown]
    dates = table_dates(shown)
    rows = pd.DataFrame([table_row(dataset, office, lang, dates) for office in shown])
    date_columns: list[Hashable] = [date_name(name, lang) for name in dates]
    table = rows.style.format(partial(_date_cell, lang=lang), subset=date_columns)
    if "planned_opening" in dates:
        column = _("Planned opening", lang)
        for index, office in enumerate(shown):
            if office.dates.planned_opening_label:  # "end of 2024", as the source words it
                label = office.dates.planned_opening_label.get(lang)
                table = table.format(partial(_fixed, label), subset=([index], [column]))
    if marked & set(ids):
        table = table.apply(
            lambda row: [HIGHLIGHT_STYLE if ids[row.name] in marked else ""] * len(row),
            axis=1,
        )
    return table


def _office_table(dataset: Dataset, shown: tuple[Office, ...], ui: view_session.UIState) -> None:
    lang = ui.lang
    ids = [office.id for office in shown]
    # The offices of a highlighted leader or partnership, as on the map. The selected
    # office is not marked: that would resend the table with every click on the map
    # (measured in bench/table_marking.py).
    table = office_table(dataset, shown, lang, highlighted_offices(dataset, ui.highlight))
    date_columns = [date_name(name, lang) for name in table_dates(shown)]
    key = view_session.remount_key("office-table", *ids)
    st.dataframe(
        table,
        hide_index=True,
        on_select=partial(view_session.on_table_row, key, tuple(ids)),
        selection_mode="single-row",
        key=key,
        width="stretch",
        column_config={
            **{column: st.column_config.TextColumn(width=125) for column in date_columns},
            _("Source", lang): st.column_config.LinkColumn(
                display_text=r"https?://(?:www\.)?([^/]+)"
            ),
        },
    )


def _date_cell(value: str, lang: str) -> str:
    return format_partial_date(value, lang) if value else ""


def _fixed(label: str, _value: object) -> str:
    return label


def _from_headquarters_table(dataset: Dataset, lang: str) -> None:
    """Distances as numbers (they sort as numbers), written as the details write them."""
    rows = pd.DataFrame(from_headquarters_rows(dataset, lang))
    distance = _("Distance (km)", lang)
    table = rows.style.format(partial(format_km, lang=lang), subset=[distance])
    st.dataframe(table, hide_index=True)


def render_timeline(dataset: Dataset, ui: view_session.UIState) -> None:
    """The expansion over time; clicking a point selects that office. Drawn once opened."""
    lang = ui.lang
    with st.container(key="timeline"):
        st.subheader(_("Expansion over time", lang), anchor=False)
        with lazy_section(
            view_session.TIMELINE_OPEN_KEY,
            _("Timeline of founding, announcements and openings", lang),
            ":material/timeline:",
        ) as open_:
            if not open_:
                return
            st.caption(
                _("Hover a point for its date and source; click it to select the office.", lang)
            )
            key = view_session.remount_key("timeline-chart", ui.selected)
            st.altair_chart(
                timeline_chart(dataset, lang, ui.selected, st.context.theme.type or "light"),
                on_select=partial(view_session.on_timeline_point, key, SELECTION),
                selection_mode=SELECTION,
                key=key,
                width="stretch",
            )
