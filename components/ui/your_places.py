"""What came of placing a reader's table: status values, every row's outcome with fixes in
place, the company and headquarters, and the dataset to keep. Messages of the pipeline are
rendered in the reader's language and escaped (a file's or sheet's name is text, not
Markdown).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import pandas as pd
import streamlit as st

from components.data.schema import Dataset
from components.session import your_data as your_data_session
from components.text.catalog import N_, _, n_
from components.text.escaping import escape_markdown as md
from components.yourdata import online as online_lookup
from components.yourdata.columns import Field
from components.yourdata.gazetteer import ATTRIBUTION as GAZETTEER_ATTRIBUTION
from components.yourdata.messages import Message, render
from components.yourdata.pipeline import Placement
from components.yourdata.placing import DOUBTFUL, Located, alternative_message, place_message

# Fields the reader can edit in the results table.
_FIXABLE: tuple[Field, ...] = ("city", "country", "lat", "lon")


FIELD_NAMES: dict[Field, str] = {
    "name": N_("Name"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "city": N_("City"),
    "country": N_("Country"),
    "state": N_("State or province"),
    "address": N_("Address"),
    "status": N_("Status"),
    "region": N_("Region"),
    "founded": N_("Founded"),
    "announced": N_("Announced"),
    "opened": N_("Opened"),
    "planned_opening": N_("Planned opening"),
    "notes": N_("Notes"),
    "url": N_("Web address"),
}


def said(message: Message, lang: str) -> str:
    """A message of the pipeline as Markdown that shows it exactly as written."""
    return md(render(message, lang))


def render_statuses(placement: Placement, lang: str) -> None:
    """Each status value of the table as existing or announced, changeable."""
    statuses = placement.statuses
    column = placement.columns.status
    if not statuses or column is None:
        return
    counts = Counter(row.get(column, "").strip() for row in placement.rows)
    values = list(statuses)
    frame = pd.DataFrame(
        {
            "value": [value or _("(empty)", lang) for value in values],
            "rows": [counts[value] for value in values],
            "status": [statuses[value] for value in values],
        }
    )
    key = "status-values-" + hashlib.sha256("\0".join(values).encode()).hexdigest()[:12]
    with st.expander(_("Status values: existing or announced", lang), icon=":material/label:"):
        st.data_editor(
            frame,
            key=key,
            hide_index=True,
            disabled=["value", "rows"],
            column_config={
                "value": st.column_config.TextColumn(_("Value in your table", lang)),
                "rows": st.column_config.NumberColumn(_("Rows", lang)),
                "status": st.column_config.SelectboxColumn(
                    _("Status", lang), options=["existing", "announced"], required=True
                ),
            },
            on_change=your_data_session.on_status_values,
            args=(key, values),
        )


def render_places(placement: Placement, lang: str) -> None:
    """Every row placed or told why not: a count, the notes, a table to fix rows in, and
    the sources of the places."""
    for note in placement.notes[len(placement.table.notes) :]:
        st.warning(said(note, lang), icon=":material/cloud_off:")
    outcomes = placement.outcomes
    summary = [
        _("{placed} of {total} rows on the map.", lang,
          placed=placement.placed, total=len(placement.located))
    ]  # fmt: skip
    if outcomes["ambiguous"]:
        summary.append(
            n_("{count} placed at the likeliest of several places: check it.",
               "{count} placed at the likeliest of several places: check them.",
               outcomes["ambiguous"], lang)
        )  # fmt: skip
    if outcomes["approximate"]:
        summary.append(
            n_("{count} placed approximately: check it.",
               "{count} placed approximately: check them.",
               outcomes["approximate"], lang)
        )  # fmt: skip
    if outcomes["unmatched"]:
        summary.append(
            n_("{count} not placed: see why below, fix it in the table.",
               "{count} not placed: see why below, fix them in the table.",
               outcomes["unmatched"], lang)
        )  # fmt: skip
    with st.container(key="your-data-count"):
        st.markdown(f"**{md(' '.join(summary))}**")
    _render_picks(placement, lang)
    _render_results(placement, lang)
    attributions = [GAZETTEER_ATTRIBUTION]
    if any(item.how == "nominatim" for item in placement.located):
        attributions.append(online_lookup.ATTRIBUTION)
    st.caption(_("Places:", lang) + " " + md(" · ".join(attributions)))


def _note(item: Located, lang: str) -> str:
    """Why a row was not placed, or what to check, and the other places it could be."""
    parts = [render(item.reason, lang)] if item.reason else []
    parts += [render(alternative_message(other), lang) for other in item.alternatives]
    parts += [
        render(Message.of("place.suggestion", place=place_message(place)), lang)
        for place in item.suggestions
    ]
    return "; ".join(parts)


# The doubtful rows offered a choice of place on the page at once (the others: in the table).
MAX_PICKS = 20


def _render_picks(placement: Placement, lang: str) -> None:
    """Each doubtful row with other places it could mean (alternatives of that name, or
    suggestions for a name not found): one click takes one of them for the row."""
    choices = [
        item
        for item in _doubtful_first(placement.located)
        if item.doubtful and (item.alternatives or item.suggestions)
    ]
    if not choices:
        return
    label_column = placement.columns.label
    rows = placement.rows_by_line()
    title = _("Check these rows: choose the place each one means", lang)
    with st.expander(title, expanded=True, icon=":material/where_to_vote:"):
        for item in choices[:MAX_PICKS]:
            places = [other.place for other in item.alternatives] + list(item.suggestions)
            labels = [render(place_message(place), lang) for place in places]
            if item.chosen is not None:
                places.insert(0, item.chosen)
                labels.insert(0, render(place_message(item.chosen), lang))
            name = rows[item.row].get(label_column, "") if label_column else ""
            heading = _("Row {row}: {name}", lang, row=item.row, name=name)
            if item.reason:
                heading += f" ({render(item.reason, lang)})"
            key = your_data_session.pick_key(item.row)
            st.pills(
                md(heading),
                options=range(len(places)),
                format_func=lambda index, labels=labels: md(labels[index]),
                default=0 if item.chosen is not None else None,
                key=key,
                on_change=your_data_session.on_pick,
                args=(key, item.row, tuple(places)),
            )
        if len(choices) > MAX_PICKS:
            more = len(choices) - MAX_PICKS
            st.caption(
                n_("{count} more row like these: fix it in the table below.",
                   "{count} more rows like these: fix them in the table below.", more, lang)
            )  # fmt: skip


def _doubtful_first(located: tuple[Located, ...]) -> list[Located]:
    """The rows the reader should look at first: not placed, then approximate, then
    ambiguous, then the rest, each in the table's order."""
    rank = {outcome: index for index, outcome in enumerate(DOUBTFUL)}
    return sorted(located, key=lambda item: rank.get(item.outcome, len(DOUBTFUL)))


def _render_results(placement: Placement, lang: str) -> None:
    """Each row's outcome, the doubtful ones first; city, country and coordinates can be
    fixed in place."""
    columns = placement.columns
    located = _doubtful_first(placement.located)
    row_of = placement.rows_by_line()
    rows = [row_of[item.row] for item in located]
    shown: dict[Field, str] = {
        field: column for field in _FIXABLE if (column := columns.column(field)) is not None
    }
    label = columns.label
    data: dict[str, list[object]] = {
        "row": [item.row for item in located],
        "name": [row.get(label, "") if label else "" for row in rows],
    }
    data.update({field: [row.get(column, "") for row in rows] for field, column in shown.items()})
    data["outcome"] = [render(Message.of(f"outcome.{item.outcome}"), lang) for item in located]
    data["how"] = [
        render(Message.of(f"how.{item.how}"), lang) if item.how else "" for item in located
    ]
    data["place"] = [render(item.place, lang) if item.place else "" for item in located]
    data["note"] = [_note(item, lang) for item in located]
    config: dict[str, Any] = {
        "row": st.column_config.NumberColumn(_("Row", lang), width="small"),
        "name": st.column_config.TextColumn(_("Name", lang)),
    }
    config.update(
        {field: st.column_config.TextColumn(_(FIELD_NAMES[field], lang) + " ✎") for field in shown}
    )
    config["outcome"] = st.column_config.TextColumn(_("Result", lang))
    config["how"] = st.column_config.TextColumn(_("How", lang))
    config["place"] = st.column_config.TextColumn(_("Found", lang))
    config["note"] = st.column_config.TextColumn(_("Note", lang), width="large")
    key = "results-" + hashlib.sha256(repr((columns, len(rows))).encode()).hexdigest()[:12]
    st.data_editor(
        pd.DataFrame(data),
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[name for name in data if name not in shown],
        column_config=config,
        on_change=your_data_session.on_results_edit,
        args=(key, [item.row for item in located], shown),
    )
    st.caption(
        _(
            "Fix a row in place: correct its city or country, or give its coordinates "
            "(columns marked ✎). The map follows.",
            lang,
        )
    )


def render_dataset(placement: Placement, lang: str) -> Dataset | None:
    """The company's name and headquarters, the dataset, and its file to keep."""
    label_column = placement.columns.label
    labels = {
        item.row: (row.get(label_column, "") if label_column else "")
        or (render(item.place, lang) if item.place else "")
        for item, row in zip(placement.located, placement.rows, strict=True)
        if item.placed
    }
    company_column, hq_column = st.columns(2, gap="medium")
    with company_column:
        st.text_input(_("Company", lang), key=your_data_session.COMPANY_KEY, max_chars=80)
    with hq_column:
        st.selectbox(
            _("Headquarters", lang),
            options=list(labels),
            format_func=lambda row: _("{place} (row {row})", lang, place=labels[row], row=row),
            key=your_data_session.HEADQUARTERS_KEY,
        )
    built = placement.built
    if built is None:
        return None
    for warning in built.warnings:
        st.caption(f":material/warning: {said(warning, lang)}")
    st.download_button(
        _("Download as dataset (offices.json)", lang),
        data=built.json_text,
        file_name="offices.json",
        mime="application/json",
        icon=":material/dataset:",
        on_click="ignore",
        key="download-dataset",
    )
    st.caption(
        _(
            "A file of this app's own format: run it with OFFICES_DATA=offices.json streamlit "
            "run app.py, or commit it for a hosted link.",
            lang,
        )
    )
    return built.dataset
