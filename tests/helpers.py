"""Shared test helpers: the real data as a mutable dict, and writing variants of it."""

from __future__ import annotations

import copy
import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loading import DEFAULT_DATA_PATH, parse_dataset
from components.data.problems import DatasetError
from components.data.schema import Dataset

HOSTILE_TEXT = "<img src=x onerror=alert(1)>`${1}` \\"


@cache
def _real_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEFAULT_DATA_PATH.read_text(encoding="utf-8"))
    return data


def raw_data() -> dict[str, Any]:
    """A fresh, mutable copy of ``data/offices.json``."""
    return copy.deepcopy(_real_data())


def dataset_from(raw: dict[str, Any]) -> Dataset:
    return parse_dataset(json.dumps(raw), "test.json")


def hostile_raw_data() -> dict[str, Any]:
    """The real data with London's city name (both languages) replaced by hostile markup."""
    raw = raw_data()
    london = next(office for office in raw["offices"] if office["id"] == "london")
    london["city"] = {"en": HOSTILE_TEXT, "de": HOSTILE_TEXT}
    return raw


def write_json(path: Path, raw: Any) -> Path:
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def problems_of(raw: object) -> list[str]:
    """The problems a data file with this content is rejected for (it must be rejected)."""
    with pytest.raises(DatasetError) as caught:
        parse_dataset(json.dumps(raw), "test.json")
    return [str(problem) for problem in caught.value.problems]


_CHOICES = itertools.count(1)  # each choice of the reader a new number, as Date.now() in the page


def component_data(at: Any, name: str) -> dict[str, Any]:
    """What the page sends the page component ``name`` (st.components.v2) in an AppTest run:
    the map's bridge (``footprint_map_bridge``), the "as of" slider (``footprint_as_of``)."""
    (component,) = (c for c in at.get("bidi_component") if c.proto.component_name == name)
    data: dict[str, Any] = json.loads(component.proto.json)
    return data


def map_drawn(at: AppTest) -> AppTest:
    """The AppTest ``at`` as the page is once its map has been drawn: the map's bridge has
    reported it (once per page load), so every run draws the whole page, not only its first
    screen (``components.session.view.first_screen_only``)."""
    from components.session.view import MAP_BRIDGE_KEY

    at.session_state[MAP_BRIDGE_KEY] = {"drawn": {"drawn": True, "at": 1}}
    return at


def choose_as_of(at: Any, step: str) -> None:
    """Let go of the "as of" slider at ``step``, as the browser reports it, and rerun."""
    from components.session.view import AS_OF_SLIDER_KEY

    at.session_state[AS_OF_SLIDER_KEY] = {"as_of": {"step": step, "choice": next(_CHOICES)}}
    at.run()
