"""Placing rows, offline and with Nominatim through a fake geopy adapter (no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter

from components.yourdata.columns import ColumnMap
from components.yourdata.placing import (
    USER_AGENT,
    OnlineGeocoder,
    locate,
    locate_row,
    main,
)

PLACES = ColumnMap(name="name", city="city", country="country", state="state")
COORDINATES = ColumnMap(name="name", lat="lat", lon="lon", country="country")
MUNICH = [{"lat": "48.1371", "lon": "11.5754", "display_name": "München, Bayern, Deutschland"}]


class FakeNominatim(BaseSyncAdapter):  # type: ignore[misc]  # geopy ships no types
    """Answers Nominatim's search with canned JSON, or fails like a network that is down."""

    answers: ClassVar[dict[str, list[dict[str, str]]]] = {}
    down: ClassVar[bool] = False
    requests: ClassVar[list[str]] = []
    headers: ClassVar[list[dict[str, str]]] = []
    slept: ClassVar[list[float]] = []  # what geopy's RateLimiter would have waited

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        FakeNominatim.requests.append(url)
        FakeNominatim.headers.append(headers)
        if FakeNominatim.down:
            raise GeocoderUnavailable("no network")
        for query, answer in FakeNominatim.answers.items():
            if query in url:
                return answer
        return []

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        return json.dumps(self.get_json(url, timeout=timeout, headers=headers))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeNominatim]:
    FakeNominatim.answers, FakeNominatim.down = {}, False
    FakeNominatim.requests, FakeNominatim.headers, FakeNominatim.slept = [], [], []
    monkeypatch.setattr(
        RateLimiter, "_sleep", lambda self, seconds: FakeNominatim.slept.append(seconds)
    )
    return FakeNominatim


def online(tmp_path: Path) -> OnlineGeocoder:
    return OnlineGeocoder(tmp_path / "cache.json", adapter_factory=FakeNominatim)


def row(**values: str) -> dict[str, str]:
    return {"name": "", "city": "", "country": "", "state": "", **values}


def test_rows_with_a_city_are_placed_offline_with_how_and_where() -> None:
    located = locate_row(2, row(city="München", country="Deutschland"), PLACES)
    assert (located.outcome, located.how, located.country) == ("matched", "gazetteer", "DE")
    assert located.place == "Munich, DE" and located.timezone == "Europe/Berlin"
    assert located.lat == pytest.approx(48.137, abs=0.01)


def test_an_ambiguous_city_is_placed_and_says_so_with_its_alternatives() -> None:
    located = locate_row(3, row(city="Springfield", country="US"), PLACES)
    assert located.outcome == "ambiguous" and located.placed
    assert located.alternatives and "check it" in located.reason


def test_a_country_alone_is_placed_at_its_capital_and_marked() -> None:
    located = locate_row(4, row(country="Japan"), PLACES)
    assert (located.outcome, located.how) == ("matched", "country")
    assert "capital" in located.place and "Tokyo" in located.place


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"city": "Atlantisxx", "country": "DE"}, "not among the offline gazetteer's cities"),
        ({"city": "Berlin", "country": "Narnia"}, "not a country this app knows"),
        ({}, "no coordinates, city or country"),
    ],
)
def test_rows_that_cannot_be_placed_say_why(values: dict[str, str], reason: str) -> None:
    located = locate_row(5, row(**values), PLACES)
    assert located.outcome == "unmatched" and not located.placed
    assert reason in located.reason


def test_coordinates_are_used_and_checked() -> None:
    rows = [
        {"name": "a", "lat": "48,137", "lon": "11.575", "country": ""},
        {"name": "b", "lat": "139.65", "lon": "35.67", "country": ""},
        {"name": "c", "lat": "200", "lon": "300", "country": ""},
        {"name": "d", "lat": "north", "lon": "east", "country": ""},
    ]
    first, swapped, out_of_range, words = locate(rows, COORDINATES)
    assert (first.how, first.country, first.timezone) == ("column", "DE", "Europe/Berlin")
    assert "look swapped" in swapped.reason and not swapped.placed
    assert "out of range" in out_of_range.reason
    assert "is not a number" in words.reason
    assert [item.row for item in (first, swapped, out_of_range, words)] == [2, 3, 4, 5]


def test_online_geocoding_finds_what_the_gazetteer_lacks(
    fake: type[FakeNominatim], tmp_path: Path
) -> None:
    fake.answers = {"Schwabing": MUNICH}
    geocoder = online(tmp_path)
    located = locate_row(2, row(city="Schwabing", country="DE"), PLACES, geocoder)
    assert (located.outcome, located.how) == ("matched", "nominatim")
    assert located.place == "München, Bayern, Deutschland" and located.country == "DE"
    assert fake.headers[0]["User-Agent"] == USER_AGENT
    not_found = locate_row(3, row(city="Nowhere-at-all", country="DE"), PLACES, geocoder)
    assert "not found online either" in not_found.reason


def test_online_requests_keep_to_one_a_second(fake: type[FakeNominatim], tmp_path: Path) -> None:
    geocoder = online(tmp_path)
    geocoder.lookup("first place")
    geocoder.lookup("second place")
    assert len(fake.requests) == 2 and fake.slept and max(fake.slept) > 0.9


def test_the_cache_answers_again_after_a_restart_and_holds_only_queries(
    fake: type[FakeNominatim], tmp_path: Path
) -> None:
    fake.answers = {"Schwabing": MUNICH}
    assert online(tmp_path).lookup("Schwabing, DE") is not None
    assert online(tmp_path).lookup("Nowhere, DE") is None
    requests = len(fake.requests)
    again = online(tmp_path)  # a new process, as after a restart
    assert again.lookup("schwabing,  de") == (48.1371, 11.5754, "München, Bayern, Deutschland")
    assert again.lookup("Nowhere, DE") is None
    assert len(fake.requests) == requests  # both from the cache
    cache = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert cache == {
        "schwabing, de": [48.1371, 11.5754, "München, Bayern, Deutschland"],
        "nowhere, de": None,
    }


def test_with_no_network_it_gives_up_at_once_and_says_so_once(
    fake: type[FakeNominatim], tmp_path: Path
) -> None:
    fake.down = True
    geocoder = online(tmp_path)
    rows = [row(name=str(i), city=f"Unknown{i}", country="DE") for i in range(20)]
    located = locate(rows, PLACES, geocoder)
    assert len(fake.requests) == 1  # one attempt, no retries, no attempt per row
    assert geocoder.failure and "unavailable" in geocoder.failure
    assert all("online geocoding is unavailable" in item.reason for item in located)


def test_the_command_writes_a_valid_dataset_and_a_report(tmp_path: Path) -> None:
    table = tmp_path / "offices.csv"
    table.write_text(
        "name,city,country\nBerlin office,Berlin,DE\nNowhere,Atlantisxx,DE\n", encoding="utf-8"
    )
    output = tmp_path / "out.json"
    assert main([str(table), "-o", str(output), "--company", "Example"]) == 1  # one unplaced
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [office["city"]["en"] for office in data["offices"]] == ["Berlin office"]
    report = (tmp_path / "out.report.csv").read_text(encoding="utf-8-sig")
    assert "3,unmatched" in report
    table.write_text("name,city,country\nBerlin office,Berlin,DE\n", encoding="utf-8")
    assert main([str(table), "-o", str(output)]) == 0
