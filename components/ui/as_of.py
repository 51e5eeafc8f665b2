"""The "as of" control: the footprint at any date where something happened, the data's own
date and the latest one click away, and the expansion played forward a step at a time."""

from __future__ import annotations

import streamlit as st

from components.data.at_date import (
    LATEST,
    default_step,
    earliest_step,
    requested_for,
    resolve_step,
    steps,
)
from components.data.dates import partial_date_start
from components.data.schema import Dataset
from components.map.builder import step_day
from components.session import view as view_session
from components.text.catalog import _
from components.text.formatting import format_partial_date
from components.ui.blocks import keep_place
from components.ui.modules import STATIC, module_component

# Seconds between two steps while the expansion plays.
PLAY_INTERVAL_S = 1.5
# A native range input, answered in the browser: the map shows each date as the reader moves
# it (static/office_map/as_of_slider.js); the page follows when the reader lets go.
_slider = module_component(
    "footprint_as_of",
    "office_map/as_of_slider.js",
    css=(STATIC / "as_of_slider.css").read_text(encoding="utf-8"),
)


def date_options(catalog: Dataset, shown: str) -> list[str]:
    """The dates the slider offers: every step, and the date shown if a link named another."""
    options = list(steps(catalog))
    if shown not in options:
        options.append(shown)
        options.sort(key=lambda step: (partial_date_start(step), len(step)))
    return options


def next_step(catalog: Dataset, shown: str) -> str | None:
    """The step after the date shown; ``None`` at the latest."""
    later = [s for s in steps(catalog) if partial_date_start(s) > partial_date_start(shown)]
    return later[0] if later else None


def render_as_of(catalog: Dataset, lang: str, first_screen: bool = False) -> None:
    """The slider over the dates at which something happened, with "Data's date", "Today"
    and "Play" (on the first screen, their place); nothing for data without events (every
    date shows the same)."""
    if not steps(catalog):
        return
    if first_screen:
        keep_place("as-of-pending")
        return
    view = view_session.snapshot().view
    shown = resolve_step(catalog, view.as_of)
    data_date, latest = default_step(catalog), resolve_step(catalog, LATEST)
    with st.container(key="as-of", horizontal=True, vertical_alignment="bottom"):
        options = date_options(catalog, shown)
        _slider(
            data={
                "label": _("As of", lang),
                "options": [
                    {
                        "step": step,
                        "text": format_partial_date(step, lang),
                        "day": step_day(step),
                    }
                    for step in options
                ],
                "index": options.index(shown),
            },
            key=view_session.AS_OF_SLIDER_KEY,
            # Streamlit keeps a component's state only with a callback; the page applies
            # the choice itself, first thing (view_session.apply_as_of_slider).
            on_as_of_change=_chosen_on_the_slider,
            width="stretch",
        )
        st.button(
            _("Data's date", lang),
            key="as-of-data-date",
            icon=":material/event:",
            help=format_partial_date(data_date, lang),
            disabled=shown == data_date,
            on_click=view_session.set_as_of,
            args=("",),
        )
        st.button(
            _("Today", lang),
            key="as-of-latest",
            icon=":material/today:",
            help=_("The latest event: {date}", lang, date=format_partial_date(latest, lang)),
            disabled=shown == latest,
            on_click=view_session.set_as_of,
            args=(LATEST,),
        )
        playing = view_session.is_playing()
        st.button(
            _("Pause", lang) if playing else _("Play", lang),
            key="as-of-play",
            icon=":material/pause:" if playing else ":material/play_arrow:",
            help=_("Step through the expansion, one date at a time", lang),
            on_click=_toggle_play,
            args=(catalog, shown),
        )
        if playing:
            # Inside the control's row: the page's later elements keep their places, so the
            # map (at the same place, with the same code) is never mounted anew while playing.
            st.fragment(run_every=PLAY_INTERVAL_S)(_play_step)(catalog)


def _chosen_on_the_slider() -> None:
    """Nothing to do before the run: each page applies the slider's state before it works
    out the footprint, in one place for a reader's choice and a test's."""


def _toggle_play(catalog: Dataset, shown: str) -> None:
    """Play from the date shown (from the first date when already at the latest), or pause."""
    if view_session.is_playing():
        view_session.set_playing(False)
        return
    if next_step(catalog, shown) is None:
        view_session.set_as_of(earliest_step(catalog) or "")
    view_session.set_playing(True)


def _play_step(catalog: Dataset) -> None:
    """One step of the expansion played forward: the next date, the whole page redrawn; at
    the latest date the play stops."""
    if not view_session.play_step_due(PLAY_INTERVAL_S):
        return
    shown = resolve_step(catalog, view_session.snapshot().view.as_of)
    following = next_step(catalog, shown)
    if following is None:
        view_session.set_playing(False)
    else:
        view_session.set_as_of(requested_for(catalog, following))
    st.rerun(scope="app")
