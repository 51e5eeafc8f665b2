"""The page's frame: title and language, date and headline figures, notices, filters."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from components.data.problems import DatasetError
from components.data.schema import Dataset
from components.facts.history import later_developments
from components.facts.queries import filter_offices, office_metrics
from components.facts.summary import figures_line
from components.map.view import REGION_FILTERS, STATUS_FILTERS
from components.session import pages
from components.session import view as view_session
from components.session.link import Notice
from components.text.catalog import LANGUAGES, N_, _, format_number, n_, native_language_name
from components.text.escaping import escape_markdown
from components.text.formatting import format_partial_date
from components.text.names import region_name, status_filter_name
from components.ui.blocks import bullets, keep_place, render_source_list, sourced_line

PAGE_CSS = Path(__file__).resolve().parents[2] / "static" / "page.css"


def render_data_error(error: DatasetError, lang: str = "en") -> None:
    """Every problem of a data file that cannot be used, instead of the page."""
    problems = "\n".join(f"- {escape_markdown(str(problem))}" for problem in error.problems)
    intro = _("The data file cannot be used. Fix these problems and reload:", lang)
    st.error(
        f"{intro}\n\n**{escape_markdown(error.source)}**\n\n{problems}", icon=":material/error:"
    )


# The pages a phone reader reaches from the title's row (Streamlit folds the navigation
# into its sidebar below 768 px; static/page.css shows these links only there).
OTHER_PAGES = {
    "offices": ("views/your_data.py", N_("Your data"), ":material/upload_file:"),
    "your-data": ("views/offices.py", N_("Map"), ":material/map:"),
}


def render_title_and_language(title: str, first_screen: bool = False) -> None:
    """The page title (plain text: a company's name is the data's), and beside it English or
    German for every text (``?lang=``) and, on a phone, the other page (but on the first
    screen: :func:`components.session.pages.first_screen_only`). One row that wraps (the
    switch goes under a title too long for the screen), never cut."""
    lang = view_session.language()
    with st.container(key="title-row", horizontal=True, vertical_alignment="center"):
        st.title(escape_markdown(title), anchor=False, width="stretch")
        if first_screen:
            keep_place("title-controls-pending", width="content")
            return
        path, label, icon = OTHER_PAGES[pages.current_page()]
        with st.container(key="other-page-link", width="content"):
            st.page_link(path, label=_(label, lang), icon=icon)
        st.segmented_control(
            "Language / Sprache",
            options=list(LANGUAGES),
            format_func=native_language_name,
            required=True,
            key=view_session.LANG_KEY,
            label_visibility="collapsed",
        )


def render_page_style() -> None:
    """The page's own stylesheet (a tighter top, a smaller title), sent once per run to
    Streamlit's event container, where it takes no space."""
    st.html(PAGE_CSS)


def render_header(dataset: Dataset, lang: str, first_screen: bool = False) -> None:
    """Date of the data and the headline figures in one line each, and beside them the
    filters (on the first screen, their place): the map starts high on the page."""
    figures_column, filters_column = st.columns([4, 5], vertical_alignment="bottom")
    with figures_column:
        with st.container(key="figures"):
            more = dataset.people or dataset.partnerships or dataset.funding
            as_of = format_partial_date(dataset.as_of, lang)
            if more:
                subtitle = _(
                    "Offices, leaders, partnerships and funding; statuses as of {as_of}.",
                    lang,
                    as_of=as_of,
                )
            else:
                subtitle = _("Offices as of {as_of}.", lang, as_of=as_of)
            st.caption(subtitle)
            ui = view_session.snapshot()
            shown = filter_offices(dataset, ui.view.status, ui.view.region)
            metrics = office_metrics(shown)
            total = len(dataset.offices)
            st.markdown(figures_line(metrics, lang, number="**{}**", total=total))
        render_since(dataset, lang)
    with filters_column:
        if first_screen:
            keep_place("filters-pending")
        else:
            render_filters(lang)


# The later developments listed, at the most (oldest first): thousands of lines would hold
# up the page (50,000 offices with events: 76 s in the browser at the first date).
SINCE_SHOWN = 50


def render_since(dataset: Dataset, lang: str) -> None:
    """Later developments, collapsed: the map's statuses stay those of the data's date."""
    later = later_developments(dataset, lang)
    if not later:
        return
    as_of = escape_markdown(format_partial_date(dataset.as_of, lang))
    label = n_(
        "Since {as_of}: {count} later development",
        "Since {as_of}: {count} later developments",
        len(later),
        lang,
        as_of=as_of,
    )
    with st.expander(label, icon=":material/update:"):
        st.caption(
            _("The map shows the offices as of {as_of}; these came later.", lang, as_of=as_of)
        )
        shown = later[:SINCE_SHOWN]
        lines = []
        for item in shown:
            place = f"**{escape_markdown(item.place)}** · " if item.place else ""
            if not item.on_map:
                place += _("*not yet on the map* · ", lang)
            lines.append(place + sourced_line(item.line))
        st.markdown(bullets(lines))
        if len(later) > len(shown):
            st.caption(
                _(
                    "And {count} more: move the date forward to see them on the map.",
                    lang,
                    count=format_number(len(later) - len(shown), lang),
                )
            )
        render_source_list(
            {ref.number: ref for item in shown for ref in item.line.sources}.values(), lang
        )


# Why a part of the link was not used.
NOTICES = {
    "invalid": N_("Ignored “{parameter}={value}” in the link: not a known value."),
    "repeated": N_("Ignored “{parameter}” in the link: it was given more than once."),
    "oversized": N_("Ignored “{parameter}” in the link: the value is too long."),
}


def render_notices(notices: tuple[Notice, ...], lang: str) -> None:
    """A small note for each part of the link that could not be used."""
    for notice in notices:
        message = _(NOTICES[notice.reason], lang, parameter=notice.parameter, value=notice.value)
        st.caption(f":material/info: {escape_markdown(message)}")


def region_label(value: str, lang: str) -> str:
    """A region button's short label: "All", "Americas", "EMEA", "Asia-Pacific"."""
    return region_name(value, lang, short=True)


def render_filters(lang: str) -> None:
    """Status and region filters (``?status=``, ``?region=``) for the map and the table."""
    with st.container(key="filters", horizontal=True):
        status_key = view_session.view_widget("status", lang)
        st.segmented_control(
            _("Status", lang),
            options=list(STATUS_FILTERS),
            format_func=partial(status_filter_name, lang=lang),
            required=True,
            key=status_key,
            on_change=view_session.on_view_widget,
            args=("status", status_key),
        )
        region_key = view_session.view_widget("region", lang)
        st.segmented_control(
            _("Region", lang),
            options=list(REGION_FILTERS),
            format_func=partial(region_label, lang=lang),
            required=True,
            key=region_key,
            on_change=view_session.on_view_widget,
            args=("region", region_key),
        )
