"""The reader's own table on the "Your data" page, kept in this session only: another
reader's session never sees it, and nothing of it is written to disk. With
:mod:`components.session.view`, the only code that reads or writes ``st.session_state``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import streamlit as st

from components.yourdata.columns import Status
from components.yourdata.gazetteer import Place

T = TypeVar("T")


UPLOAD_KEY = "upload"
PASTE_KEY = "paste"
ONLINE_KEY = "geocode-online"
CHECK_DOUBTFUL_KEY = "geocode-check-doubtful"
COMPANY_KEY = "your-company"
HEADQUARTERS_KEY = "your-headquarters"
_USER_SOURCE_KEY = "_user_source"  # (file name or None for pasted rows, bytes) in use
_USER_TABLE_KEY = "_user_table"  # (digest, Table or InputError)
_USER_COLUMNS_KEY = "_user_columns"
_USER_STATUSES_KEY = "_user_statuses"
_USER_EDITS_KEY = "_user_edits"
_USER_PICKS_KEY = "_user_picks"  # {row: Place} the reader chose
_USER_PLACED_KEY = "_user_placed"  # (inputs, result)


Source = tuple[str | None, bytes]


def use_upload(name: str, data: bytes) -> None:
    """The uploaded file is the table (when it differs from the one in use)."""
    if st.session_state.get(_USER_SOURCE_KEY) != (name, data):
        _new_source(name, data)


def on_paste() -> None:
    """Callback of "Use these rows": the pasted text is the table."""
    text = str(st.session_state.get(PASTE_KEY) or "")
    if text.strip():
        _new_source(None, text.encode("utf-8"))


def _new_source(name: str | None, data: bytes) -> None:
    """A new table: everything chosen for the old one is forgotten."""
    st.session_state[_USER_SOURCE_KEY] = (name, data)
    for key in (_USER_TABLE_KEY, _USER_COLUMNS_KEY, _USER_STATUSES_KEY, _USER_EDITS_KEY,
                _USER_PICKS_KEY, _USER_PLACED_KEY, COMPANY_KEY, HEADQUARTERS_KEY):  # fmt: skip
        st.session_state.pop(key, None)


def source_digest(source: Source) -> str:
    """A content hash of a table: its key wherever a result of it is kept."""
    name = (source[0] or "").encode()
    return hashlib.sha256(name + b"\0" + source[1]).hexdigest()


def user_source() -> Source | None:
    """The file name (``None`` for pasted rows) and content of the reader's table, if any."""
    source = st.session_state.get(_USER_SOURCE_KEY)
    return source if isinstance(source, tuple) else None


def remembered(key: str, inputs: object, compute: Callable[[], T]) -> T:
    """``compute()``'s result, kept in this session while ``inputs`` stay equal (reading
    and placing a table are worth doing once, not on every rerun)."""
    kept = st.session_state.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        result: T = kept[1]
        return result
    result = compute()
    st.session_state[key] = (inputs, result)
    return result


def user_table(read: Callable[[str | None, bytes], T]) -> T | None:
    """The reader's table as ``read`` makes it, read once per table."""
    source = user_source()
    if source is None:
        return None
    return remembered(_USER_TABLE_KEY, source_digest(source), lambda: read(*source))


def user_placed(inputs: object, compute: Callable[[], T]) -> T:
    """The table placed, again only when something it depends on (``inputs``: the table's
    digest and the reader's choices) changes."""
    return remembered(_USER_PLACED_KEY, inputs, compute)


def user_columns(detected: T) -> T:
    """The column mapping in use: the detected one until the reader changes it."""
    if _USER_COLUMNS_KEY not in st.session_state:
        st.session_state[_USER_COLUMNS_KEY] = detected
    result: T = st.session_state[_USER_COLUMNS_KEY]
    return result


# "No column" in a mapping select box: None would read as "nothing chosen yet", and no
# column can be named this (a table with a NUL character is refused).
NO_COLUMN = "\x00"


def column_choice_key(field: str) -> str:
    return f"column-{field}"


def seed_column_choice(field: str, column: str | None) -> str:
    """Prepare the select box of one field of the mapping; returns its key."""
    key = column_choice_key(field)
    st.session_state[key] = column or NO_COLUMN
    return key


def on_column_choice(field: str, key: str) -> None:
    """Callback of a mapping select box: the reader's choice of column for ``field``."""
    current = st.session_state.get(_USER_COLUMNS_KEY)
    if current is not None:
        chosen = st.session_state[key]
        chosen = None if chosen == NO_COLUMN else chosen
        st.session_state[_USER_COLUMNS_KEY] = current.with_column(field, chosen)


def user_statuses() -> dict[str, Status]:
    """Status values as the reader mapped them (the others as guessed)."""
    return dict(st.session_state.get(_USER_STATUSES_KEY) or {})


def company() -> str:
    """The company's name as the reader wrote it (empty: not given)."""
    return str(st.session_state.get(COMPANY_KEY) or "").strip()[:80]


def headquarters_row() -> int | None:
    """The row the reader chose as headquarters, if any."""
    chosen = st.session_state.get(HEADQUARTERS_KEY)
    return chosen if isinstance(chosen, int) else None


def on_status_values(key: str, values: Sequence[str]) -> None:
    """Callback of the status table: the status chosen for each value."""
    edited = st.session_state[key].get("edited_rows", {})
    kept = dict(st.session_state.get(_USER_STATUSES_KEY) or {})
    for index, change in edited.items():
        status = change.get("status")
        if status in ("existing", "announced") and 0 <= int(index) < len(values):
            kept[values[int(index)]] = status
    st.session_state[_USER_STATUSES_KEY] = kept


def user_edits() -> dict[int, dict[str, str]]:
    """The reader's fixes to rows, by row number: ``{row: {column: text}}``."""
    edits: dict[int, dict[str, str]] = st.session_state.get(_USER_EDITS_KEY) or {}
    return edits


def on_results_edit(key: str, rows: Sequence[int], columns: Mapping[str, str]) -> None:
    """Callback of the results table: a fixed cell becomes an edit of its row
    (``columns``: the results table's column → the table's own column)."""
    edited = st.session_state[key].get("edited_rows", {})
    edits = {row: dict(fields) for row, fields in user_edits().items()}
    for index, change in edited.items():
        if not 0 <= int(index) < len(rows):
            continue
        row = rows[int(index)]
        for shown, value in change.items():
            if shown in columns:
                edits.setdefault(row, {})[columns[shown]] = "" if value is None else str(value)
    st.session_state[_USER_EDITS_KEY] = edits


def user_picks() -> dict[int, Place]:
    """The places the reader chose for doubtful rows, by row."""
    picks: dict[int, Place] = st.session_state.get(_USER_PICKS_KEY) or {}
    return picks


def on_pick(key: str, row: int, places: Sequence[Place]) -> None:
    """Callback of a doubtful row's choice of place: the chosen one is the row's (none
    chosen: the row goes back to what was found)."""
    index = st.session_state.get(key)
    picks = dict(user_picks())
    if index is None:
        picks.pop(row, None)
    else:
        picks[row] = places[int(index)]
    st.session_state[_USER_PICKS_KEY] = picks


def pick_key(row: int) -> str:
    """The key of a row's choice of place, for the table in use (a new table, new choices)."""
    source = user_source()
    digest = source_digest(source)[:16] if source else "none"
    return f"pick-{digest}-{row}"
