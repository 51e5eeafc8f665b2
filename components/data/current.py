"""The dataset the app shows: the file ``OFFICES_DATA`` names, else ``data/offices.json``,
validated once per version of the file and shared by every session of the process."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import streamlit as st

from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.data.memo import per_object
from components.data.problems import DatasetError, Problem
from components.data.schema import Dataset

DATA_ENV_VAR = "OFFICES_DATA"


def data_path() -> Path:
    """The data file: ``$OFFICES_DATA`` if set, else ``data/offices.json`` (read every run)."""
    configured = os.environ.get(DATA_ENV_VAR, "").strip()
    return Path(configured) if configured else DEFAULT_DATA_PATH


@st.cache_resource(show_spinner=False, max_entries=8)
def _load_cached(path: str, modified_ns: int, size: int) -> Dataset:
    """Keyed on the file's path, modification time and size: an edited file is reread.

    A resource, not data: every session gets the same immutable object, where
    ``st.cache_data`` would unpickle a copy on every run (tens of milliseconds at thousands
    of offices), and results kept per dataset (:mod:`components.data.memo`) stay valid.
    """
    return load_dataset(path)


def load_current_dataset() -> Dataset:
    """The dataset the app shows; raises :class:`DatasetError` naming every problem."""
    path = data_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatasetError(str(path), [Problem("", "file not found")]) from None
    except OSError as exc:
        raise DatasetError(str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


@per_object()
def keep_out_of_collections(dataset: Dataset) -> bool:
    """Move the shipped dataset, and what was made from it for every reader, out of the
    garbage collector's reach: once prepared, it lives as long as the process.

    Streamlit collects garbage after every script run (``runner.postScriptGC``), and a full
    collection walks every object that may hold others: at 50,000 offices, 0.34 s per run
    (per click) with the interpreter lock held. ``gc.freeze()`` leaves them out of every
    later one. No collection first: one took 0.55 s at 50,000 offices and found nothing
    to free (the dataset is built with collections paused, :mod:`components.data.collecting`,
    and holds no garbage); what garbage other sessions hold at that moment stays, once per
    data file. Only for the data file's dataset: a reader's own table must be freed when
    the session ends, so it is never frozen.
    """
    dataset.offices_by_id, dataset.sources_by_id  # noqa: B018 (made now, to be frozen too)
    gc.freeze()
    return True
