"""The "Your data" page: a reader's own table of places, its columns, every row placed or
told why not, and the whole dashboard for it, with a dataset file to keep.

Reading, placing and building are :mod:`components.yourdata.pipeline`'s (the command line
uses the same); this module draws the page's steps up to the placing, and
:mod:`components.ui.your_places` what came of it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.data.at_date import footprint_at
from components.data.loading import parse_dataset
from components.data.problems import DatasetError
from components.data.schema import Dataset
from components.facts.timeline import timeline_events
from components.session import view as view_session
from components.session import your_data as your_data_session
from components.text.catalog import _
from components.ui import as_of, explorer, page, tables, your_places
from components.yourdata import online as online_lookup
from components.yourdata.columns import FIELDS, ColumnMap, detect
from components.yourdata.isolation import read_isolated
from components.yourdata.messages import Message, render
from components.yourdata.pipeline import Choices, Placement, place_table
from components.yourdata.reading import PASTED, InputError, Table

# The paste box holds up to this many characters (its rows are read within the same limits
# as a file's).
MAX_PASTED_CHARACTERS = 2_000_000

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-offices.csv"


def render_page(lang: str) -> None:
    """The page below its title: the table, its columns, its places, its dashboard."""
    st.markdown(
        _(
            "Map your own list of places: upload a spreadsheet or paste its rows. Places are "
            "looked up **offline**, in GeoNames' cities; your data stays in this browser "
            "session and is not stored.",
            lang,
        )
    )
    _render_input(lang)
    table = your_data_session.user_table(lambda name, data: _read(name, data, lang))
    if table is None:
        return
    if isinstance(table, InputError):
        st.error(your_places.said(table.message, lang), icon=":material/error:")
        return
    for note in table.notes:
        st.info(your_places.said(note, lang), icon=":material/info:")
    if table.dataset_text is not None:
        _render_own_dataset(table.dataset_text, lang)
        return
    columns = _render_columns(table, lang)
    online, check_doubtful = _render_online_switch(lang)
    placement = _placement(table, columns, online, check_doubtful, lang)
    if placement.problems:
        problems = "; ".join(your_places.said(problem, lang) for problem in placement.problems)
        st.warning(_("To place rows:", lang) + f" {problems}.", icon=":material/warning:")
        return
    your_places.render_statuses(placement, lang)
    your_places.render_places(placement, lang)
    if placement.placed == 0:
        st.warning(
            _(
                "No row could be placed yet: check the columns above, or fix rows in the table.",
                lang,
            ),
            icon=":material/wrong_location:",
        )
        return
    dataset = your_places.render_dataset(placement, lang)
    if dataset is not None:
        _render_dashboard(dataset, lang)


def _read(name: str | None, data: bytes, lang: str) -> Table | InputError:
    """The table read in a process of its own (other readers' clicks go on meanwhile), with
    the seconds it takes shown; a new upload or a closed tab stops it at the next second."""
    progress = st.empty()
    shown = -1

    def tick(elapsed: float) -> None:
        nonlocal shown
        if int(elapsed) > shown:
            shown = int(elapsed)
            progress.caption(_("Reading the table… {seconds} s", lang, seconds=shown))

    try:
        return read_isolated(name, data, tick)
    except InputError as error:
        return error
    finally:
        progress.empty()


def _render_input(lang: str) -> None:
    upload_column, paste_column = st.columns(2, gap="medium")
    with upload_column:
        uploaded = st.file_uploader(
            _("Upload a table", lang),
            type=["csv", "tsv", "txt", "xlsx", "json", "geojson"],
            key=your_data_session.UPLOAD_KEY,
            help=_(
                "CSV, Excel (.xlsx), this app's JSON or GeoJSON points; up to 10,000 rows.", lang
            ),
        )
        session_note = _(
            "Your table lives only in this session, on the one server that holds it: if the "
            "connection to that server is lost (a restart, or the server going away), the map "
            "page reconnects with its view, but your table is gone. Upload it again, or keep "
            "the dataset download below.",
            lang,
        )
        st.caption(f":material/sync_problem: {session_note}")
        if uploaded is not None:
            your_data_session.use_upload(uploaded.name, uploaded.getvalue())
        st.download_button(
            _("Download a sample table", lang),
            data=SAMPLE.read_bytes(),
            file_name="offices-sample.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
    with paste_column:
        st.text_area(
            _("…or paste rows from a spreadsheet", lang),
            key=your_data_session.PASTE_KEY,
            height=120,
            placeholder="name\tcity\tcountry\nBerlin office\tBerlin\tDE",
            max_chars=MAX_PASTED_CHARACTERS,
        )
        st.button(_("Use these rows", lang), on_click=your_data_session.on_paste, key="use-paste")


def _render_own_dataset(dataset_text: str, lang: str) -> None:
    """The app's own dataset file, shown as it is (or every problem in it)."""
    source = your_data_session.user_source()
    name = source[0] if source and source[0] else render(PASTED, lang)
    try:
        dataset = parse_dataset(dataset_text, name)
    except DatasetError as error:
        page.render_data_error(error, lang)
        return
    _render_dashboard(dataset, lang)


def _render_columns(table: Table, lang: str) -> ColumnMap:
    """The mapping step: what each column was taken to hold, changeable."""
    columns = your_data_session.user_columns(detect(table.columns, table.rows))
    with st.expander(
        _("Columns: what each one holds", lang), expanded=True, icon=":material/view_column:"
    ):
        st.caption(
            _(
                "Detected from the column names; change any of them. Coordinates are used "
                "where a row has them, else city and country are looked up.",
                lang,
            )
        )
        options = [your_data_session.NO_COLUMN, *table.columns]
        with st.container(horizontal=True):
            for field in FIELDS:
                key = your_data_session.seed_column_choice(field, columns.column(field))
                st.selectbox(
                    _(your_places.FIELD_NAMES[field], lang),
                    options=options,
                    format_func=lambda column: (
                        _("— none —", lang) if column == your_data_session.NO_COLUMN else column
                    ),
                    key=key,
                    on_change=your_data_session.on_column_choice,
                    args=(field, key),
                    width=180,
                )
    return columns


def _render_online_switch(lang: str) -> tuple[bool, bool]:
    """The switch for online lookup: off by default, and only where the operator named a
    contact, as Nominatim's usage policy asks; with it on, a second one for checking online
    the rows the offline list placed with doubt."""
    allowed = online_lookup.contact() is not None
    on = st.toggle(
        _("Also look up places online (OpenStreetMap Nominatim)", lang),
        key=your_data_session.ONLINE_KEY,
        value=False,
        disabled=not allowed,
    )
    if allowed:
        st.caption(
            _(
                "Off by default: the places of rows the offline list lacks would be sent to "
                "OpenStreetMap's Nominatim, one a second, at most {limit} rows of a table. "
                "Answers are kept on this server for a while.",
                lang,
                limit=online_lookup.MAX_ONLINE_ROWS,
            )
        )
    else:
        reason = Message.of("online.no_contact", variable=online_lookup.CONTACT_ENV_VAR)
        st.caption(your_places.said(reason, lang))
    check = st.checkbox(
        _("Check the doubtful rows online too (ambiguous or approximate)", lang),
        key=your_data_session.CHECK_DOUBTFUL_KEY,
        value=False,
        disabled=not (on and allowed),
    )
    return on and allowed, check and on and allowed


def _placement(
    table: Table, columns: ColumnMap, online: bool, check_doubtful: bool, lang: str
) -> Placement:
    """The table placed with the reader's choices, again only when one of them changes."""
    source = your_data_session.user_source()
    digest = your_data_session.source_digest(source) if source else ""
    choices = Choices(
        columns=columns,
        statuses=your_data_session.user_statuses(),
        edits=your_data_session.user_edits(),
        picks=your_data_session.user_picks(),
        company=your_data_session.company(),
        headquarters_row=your_data_session.headquarters_row(),
        check_doubtful=check_doubtful,
    )
    edits = tuple((row, tuple(sorted(edit.items()))) for row, edit in sorted(choices.edits.items()))
    statuses = tuple(sorted(choices.statuses.items()))
    picks = tuple(sorted(choices.picks.items()))
    inputs = (
        digest, columns, statuses, edits, picks, online, check_doubtful, choices.company,
        choices.headquarters_row,
    )  # fmt: skip

    def place() -> Placement:
        if not online:
            return place_table(table, choices)
        geocoder = online_lookup.OnlineGeocoder()
        bar = st.progress(0.0, text=_("Looking up places online, one a second…", lang))

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1))

        try:
            return place_table(table, choices, geocoder, progress)
        finally:
            bar.empty()

    placed: Placement = your_data_session.user_placed(inputs, place)
    return placed


def _render_dashboard(catalog: Dataset, lang: str) -> None:
    """The same map, details, tables, timeline and downloads as for the shipped data, at
    the view's date where the data has events."""
    st.divider()
    view_session.apply_as_of_slider(catalog)
    dataset = footprint_at(catalog, view_session.snapshot().view.as_of)
    page.render_header(dataset, lang)
    as_of.render_as_of(catalog, lang)
    explorer.render_explorer(dataset, catalog)
    ui = view_session.snapshot()
    tables.render_office_table(dataset, ui)
    if timeline_events(dataset, lang):
        tables.render_timeline(dataset, ui)
