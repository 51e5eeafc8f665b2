"""Online lookup on Nominatim's terms, against a fake Nominatim on loopback (no network):
a contact or nothing, one request a second for the whole deployment, one deadline and no
retries, answers kept privately and briefly."""

from __future__ import annotations

import stat
import threading
from itertools import pairwise
from pathlib import Path

import pytest

from components.yourdata.columns import ColumnMap
from components.yourdata.messages import render
from components.yourdata.online import (
    KEEP_NOT_FOUND_DAYS,
    TIMEOUT_SECONDS,
    Answers,
    Found,
    OnlineGeocoder,
)
from components.yourdata.placing import locate
from testing.nominatim import FakeNominatim, fake_nominatim

PLACES = ColumnMap(name="name", city="city", country="country")
MUNICH = [{"lat": "48.1371", "lon": "11.5754", "display_name": "München, Bayern, Deutschland"}]
CONTACT = "maps@example.org"


class Clock:
    """Time that passes only when the code sleeps (or a test says so)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def geocoder(fake: FakeNominatim, answers: Answers, **options: object) -> OnlineGeocoder:
    return OnlineGeocoder(
        answers,
        contact_address=CONTACT,
        domain=fake.domain,
        scheme="http",
        **options,  # type: ignore[arg-type]
    )


def test_without_a_contact_nothing_is_sent(tmp_path: Path) -> None:
    with fake_nominatim() as fake:
        lookup = OnlineGeocoder(
            Answers(tmp_path / "a.sqlite3"), contact_address=None, domain=fake.domain
        )
        assert lookup.contact is None
        assert lookup.lookup("Schwabing, DE") is None
        assert lookup.failure is not None and lookup.failure.code == "online.no_contact"
        assert fake.requests == []


def test_a_place_is_found_with_the_operators_contact_in_the_user_agent(tmp_path: Path) -> None:
    with fake_nominatim() as fake:
        fake.answers = {"Schwabing": MUNICH}
        found = geocoder(fake, Answers(tmp_path / "a.sqlite3")).lookup("Schwabing, DE")
    assert found == Found(48.1371, 11.5754, "München, Bayern, Deutschland")
    (request,) = fake.requests
    assert CONTACT in request.user_agent and "footprint-map" in request.user_agent


def test_slots_are_one_second_apart_for_every_caller_of_the_file(tmp_path: Path) -> None:
    clock = Clock()
    first, second = Answers(tmp_path / "a.sqlite3", clock), Answers(tmp_path / "a.sqlite3", clock)
    waits = [first.take_slot(), second.take_slot(), first.take_slot(), second.take_slot()]
    assert waits == [0.0, 1.0, 2.0, 3.0]
    clock.now += 10  # a quiet spell: the next request goes at once
    assert first.take_slot() == 0.0


def test_four_sessions_at_once_take_turns(tmp_path: Path) -> None:
    """Four sessions with their own geocoders, on real time: their requests go one slot
    apart (a quarter second here; the policy's second is the default, tested above)."""
    path = tmp_path / "shared.sqlite3"
    with fake_nominatim() as fake:
        sessions = [geocoder(fake, Answers(path), every=0.25) for _ in range(4)]
        threads = [
            threading.Thread(target=session.lookup, args=(f"place {index}",))
            for index, session in enumerate(sessions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    times = sorted(request.at for request in fake.requests)
    assert len(times) == 4
    # Sent a slot apart; received within a few hundredths of that (threads, a busy machine).
    assert all(later - earlier >= 0.2 for earlier, later in pairwise(times)), times


def test_a_network_that_never_answers_costs_one_deadline_and_no_retries(tmp_path: Path) -> None:
    clock = Clock()
    with fake_nominatim() as fake:
        fake.silent = True
        lookup = geocoder(
            fake, Answers(tmp_path / "a.sqlite3", clock), sleep=clock.sleep, timeout=0.3
        )
        rows = [{"name": str(i), "city": f"Unknown{i}", "country": "DE"} for i in range(20)]
        located = locate(rows, PLACES, lookup)
    assert len(fake.requests) == 1  # one attempt: no retry, no attempt per row
    assert lookup.failure is not None and lookup.failure.code == "online.unavailable"
    assert all(
        item.reason is not None and item.reason.code == "place.offline_and_unavailable"
        for item in located
    )
    assert TIMEOUT_SECONDS == 2.0  # the policy's deadline, shortened above


def test_rows_beyond_the_cap_are_not_sent_and_counted(tmp_path: Path) -> None:
    clock = Clock()
    with fake_nominatim() as fake:
        lookup = geocoder(
            fake, Answers(tmp_path / "a.sqlite3", clock), sleep=clock.sleep, max_requests=3
        )
        rows = [{"name": str(i), "city": f"Unknown{i}", "country": "DE"} for i in range(5)]
        located = locate(rows, PLACES, lookup)
    assert len(fake.requests) == 3 and lookup.skipped == 2
    assert [item.reason.code for item in located if item.reason][-1] == (
        "place.offline_and_over_the_cap"
    )
    assert clock.slept == [0.0, 1.0, 1.0]  # one a second, on the injected clock


def test_answers_are_kept_across_restarts_and_not_found_expires_sooner(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "a.sqlite3"
    with fake_nominatim() as fake:
        fake.answers = {"Schwabing": MUNICH}
        first = geocoder(fake, Answers(path, clock), sleep=clock.sleep)
        assert first.lookup("Schwabing, DE") is not None
        assert first.lookup("Nowhere, DE") is None
        sent = len(fake.requests)
        again = geocoder(fake, Answers(path, clock), sleep=clock.sleep)  # as after a restart
        assert again.lookup("schwabing,  de") == Found(
            48.1371, 11.5754, "München, Bayern, Deutschland"
        )
        assert again.lookup("Nowhere, DE") is None
        assert len(fake.requests) == sent  # both answered from the file
        clock.now += (KEEP_NOT_FOUND_DAYS + 1) * 86_400
        assert again.lookup("Nowhere, DE") is None
        assert again.lookup("schwabing, de") is not None
        assert len(fake.requests) == sent + 1  # "not found" asked again, the place kept


def test_the_file_is_private_bounded_and_shrugs_off_bad_entries(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "a.sqlite3"
    answers = Answers(path, max_answers=3)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for index in range(5):
        answers.put(f"q{index}", Found(1.0, 2.0, f"place {index}"))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone() == (3,)
        db.execute("INSERT INTO answers VALUES ('odd', 1, 'x', NULL, 5, 'yesterday')")
    assert answers.get("odd") is False  # ignored, not an error
    assert answers.get("q4") == Found(1.0, 2.0, "place 4")


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    Answers(path)

    def write(writer: int) -> None:
        answers = Answers(path)
        for index in range(25):
            answers.put(f"w{writer}-{index}", Found(float(writer), float(index), "x"))

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = Answers(path)
    assert all(answers.get(f"w{w}-{i}") is not False for w in range(4) for i in range(25))


@pytest.mark.parametrize("check_doubtful", [False, True])
def test_doubtful_rows_are_checked_online_only_when_asked(
    tmp_path: Path, check_doubtful: bool
) -> None:
    clock = Clock()
    illinois = [{"lat": "39.7990", "lon": "-89.6440", "display_name": "Springfield, Illinois"}]
    rows = [
        {"name": "HQ", "city": "Berlin", "country": "Germany"},  # matched: never sent
        {"name": "Plant", "city": "Springfield", "country": "US"},  # ambiguous offline
        {"name": "Lab", "city": "Atlantisxx", "country": "DE"},  # not found: sent anyway
    ]
    with fake_nominatim() as fake:
        fake.answers = {"Springfield": illinois}
        lookup = geocoder(fake, Answers(tmp_path / "a.sqlite3", clock), sleep=clock.sleep)
        berlin, springfield, lab = locate(rows, PLACES, lookup, check_doubtful=check_doubtful)
    sent = [request.query for request in fake.requests]
    assert berlin.how == "gazetteer" and lab.outcome == "unmatched"
    if check_doubtful:
        assert sent == ["Springfield, US", "Atlantisxx, DE"]
        assert (springfield.outcome, springfield.how) == ("matched", "nominatim")
        assert (springfield.lat, springfield.lon) == (39.799, -89.644)
        assert springfield.reason is not None
        said = render(springfield.reason, "en")
        assert said.startswith("checked online; the offline list had Springfield, Missouri")
    else:
        assert sent == ["Atlantisxx, DE"]
        assert (springfield.outcome, springfield.how) == ("ambiguous", "gazetteer")


@pytest.fixture(autouse=True)
def _no_contact_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOOTPRINT_CONTACT", raising=False)
