"""The map page's first screen: until its map is drawn, the title, the figures and the map,
the other controls' places kept; then the whole page, the map untouched (AppTest)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.data.current import DATA_ENV_VAR
from components.session.view import LANG_KEY, MAP_BRIDGE_KEY
from testing.server import REPO_ROOT
from tests.helpers import component_data, map_drawn

APP = str(REPO_ROOT / "app.py")
PLACES_KEPT = ("title-controls-pending", "filters-pending", "as-of-pending")
# What comes only once the map is drawn: the controls, the details' column, what is below.
THE_REST = ("filters", "as-of", "office-details", "exports", "leaders", "partnerships")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def keyed(at: AppTest, key: str) -> bool:
    try:
        at.get_by_key(key)
    except KeyError:
        return False
    return True


def the_map(at: AppTest) -> tuple[int, str]:
    """Where the map is among the page's top-level elements, and its code."""
    for index, child in at.main.children.items():
        found = [node for node in _walk(child) if getattr(node, "type", "") == "component_instance"]
        if found:
            return index, json.loads(found[0].proto.json_args)["script"]
    raise AssertionError("no map on the page")


def _walk(node: Any) -> list[Any]:
    children = getattr(node, "children", {}) or {}
    return [node, *(n for child in children.values() for n in _walk(child))]


def report_map_drawn(at: AppTest) -> AppTest:
    """What the map's bridge reports once the map is drawn, and the rerun it causes."""
    reported = dict(at.session_state[MAP_BRIDGE_KEY]) if MAP_BRIDGE_KEY in at.session_state else {}
    reported["drawn"] = {"drawn": True, "at": 1}
    at.session_state[MAP_BRIDGE_KEY] = reported
    return at.run()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_first_screen_is_the_title_the_figures_and_the_map(app: AppTest, lang: str) -> None:
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception
    assert len(app.title) == 1
    assert app.get_by_key("figures").markdown[0].value.startswith("**4**")
    assert the_map(app)
    assert all(keyed(app, key) for key in PLACES_KEPT)
    assert not any(keyed(app, key) for key in THE_REST)
    assert component_data(app, "footprint_map_bridge")["firstScreen"] is True
    assert not app.button_group and not app.selectbox and not app.text_input


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_map_drawn_brings_the_whole_page_and_leaves_the_map_as_it_was(
    app: AppTest, lang: str
) -> None:
    app.query_params["lang"] = lang
    first = the_map(app.run())
    report_map_drawn(app)
    assert not app.exception
    assert all(keyed(app, key) for key in THE_REST)
    assert not any(keyed(app, key) for key in PLACES_KEPT)
    assert app.session_state[LANG_KEY] == lang
    # The same place among the page's elements and the same code: the browser keeps the map.
    assert the_map(app) == first
    assert "firstScreen" not in component_data(app, "footprint_map_bridge")


def notes(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if ":material/info:" in c.value]


def test_a_notice_about_the_link_stays_until_the_whole_page_is_drawn(app: AppTest) -> None:
    app.query_params["status"] = "<b>closed</b>"
    assert len(notes(app.run())) == 1
    assert len(notes(report_map_drawn(app))) == 1
    app.run()  # shown once the page is whole; not again
    assert notes(app) == []


def test_once_drawn_every_later_run_draws_the_whole_page(app: AppTest) -> None:
    report_map_drawn(app.run())
    app.run()
    assert keyed(app, "leaders") and keyed(app, "filters")


def test_a_map_drawn_again_does_not_rerun_the_page_again(app: AppTest) -> None:
    """A later report (another page load's) reruns only the explorer, as any bridge report."""
    report_map_drawn(app.run())
    before = app.session_state[MAP_BRIDGE_KEY]
    app.session_state[MAP_BRIDGE_KEY] = {**before, "drawn": {"drawn": True, "at": 2}}
    app.run()
    assert not app.exception and keyed(app, "leaders")


def test_the_tests_helper_gives_the_whole_page_from_the_first_run(app: AppTest) -> None:
    map_drawn(app).run()
    assert keyed(app, "leaders") and not keyed(app, "as-of-pending")
