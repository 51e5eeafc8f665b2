from __future__ import annotations

import pytest

from components.map.view import View
from components.session.link import (
    language_from_locale,
    parse_query,
    share_link,
    to_query,
)

OFFICES = {"paris", "tokyo"}


def test_a_full_link_is_read() -> None:
    view, notices = parse_query(
        {
            "office": ["paris"],
            "lang": ["de"],
            "status": ["announced"],
            "region": ["EMEA"],
            "basemap": ["osm"],
        },
        OFFICES,
    )
    assert view == View("paris", "de", "announced", "EMEA", "osm")
    assert notices == ()


def test_no_parameters_give_the_defaults() -> None:
    assert parse_query({}, OFFICES) == (View(), ())


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"office": ["atlantis"]}, "invalid"),
        ({"lang": ["fr"]}, "invalid"),
        ({"status": ["ALL"]}, "invalid"),
        ({"region": ["emea"]}, "invalid"),
        ({"basemap": ["satellite"]}, "invalid"),
        ({"as_of": ["yesterday"]}, "invalid"),
        ({"as_of": ["2025-02-30"]}, "invalid"),
        ({"as_of": ["2025-13"]}, "invalid"),
        ({"as_of": ["<script>"]}, "invalid"),
        ({"as_of": ["2025-05-26", "latest"]}, "repeated"),
        ({"office": ["paris", "tokyo"]}, "repeated"),
        ({"office": ["x" * 65]}, "oversized"),
    ],
)
def test_unusable_values_fall_back_with_a_notice(params: dict[str, list[str]], reason: str) -> None:
    view, notices = parse_query(params, OFFICES)
    assert view == View()
    assert [notice.reason for notice in notices] == [reason]
    assert len(notices[0].value) <= 40


def test_the_same_value_twice_is_not_a_conflict() -> None:
    view, notices = parse_query({"office": ["paris", "paris"]}, OFFICES)
    assert view.office == "paris" and notices == ()


def test_an_empty_value_counts_as_absent() -> None:
    assert parse_query({"office": [""]}, OFFICES) == (View(), ())


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("de-DE", "de"),
        ("de_AT", "de"),
        ("DE", "de"),
        ("en-GB", "en"),
        ("fr-FR", "en"),
        (None, "en"),
    ],
)
def test_language_from_the_browser_locale(locale: str | None, lang: str) -> None:
    assert language_from_locale(locale) == lang
    view, _ = parse_query({}, OFFICES, locale)
    assert view.lang == lang


def test_the_link_language_beats_the_browser() -> None:
    view, _ = parse_query({"lang": ["en"]}, OFFICES, "de-DE")
    assert view.lang == "en"


@pytest.mark.parametrize("as_of", ["latest", "2025", "2025-05", "2025-05-26", "2024-10-09"])
def test_a_link_names_the_date_shown_as_latest_or_an_iso_date(as_of: str) -> None:
    view, notices = parse_query({"as_of": [as_of]}, OFFICES)
    assert (view.as_of, notices) == (as_of, ())
    assert to_query(view)["as_of"] == as_of


def test_to_query_leaves_out_defaults_but_keeps_the_language() -> None:
    assert to_query(View()) == {"lang": "en"}
    assert to_query(View("tokyo", "de", "existing", "APAC", "carto-dark")) == {
        "office": "tokyo",
        "lang": "de",
        "status": "existing",
        "region": "APAC",
        "basemap": "carto-dark",
    }


def test_a_view_survives_the_round_trip() -> None:
    view = View("paris", "de", "announced", "EMEA", "osm")
    params = {key: [value] for key, value in to_query(view).items()}
    assert parse_query(params, OFFICES) == (view, ())


def test_share_link() -> None:
    view = View(office="paris", lang="de")
    assert share_link("https://x.streamlit.app/", view) == (
        "https://x.streamlit.app/?office=paris&lang=de"
    )
    assert share_link(None, view) == "?office=paris&lang=de"
