"""Online lookup of places the offline list lacks, by OpenStreetMap's Nominatim, on its terms.

Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/) asks for
at most one request a second from an application, an identifying user agent, and no bulk
lists; so:

- **A contact or nothing.** Lookups are refused unless the operator names a contact
  (``FOOTPRINT_CONTACT``, an e-mail address or a web page), which goes into the user agent.
- **One request a second for the whole deployment.** Every request first takes a slot in a
  small SQLite database (:class:`Answers`, beside the answers); each slot is one second after
  the last one taken by any session of any process that shares the file.
- **A cap per table.** At most :data:`MAX_ONLINE_ROWS` rows of one table go online; the page
  says how many did not.
- **One try, one deadline.** Each request has :data:`TIMEOUT_SECONDS` in all (a network that
  accepts but never answers costs that, once): no retries, and after the first failure of
  the service none of the table's other rows are sent.
- **Answers kept, privately and briefly.** Found places are kept :data:`KEEP_FOUND_DAYS` days,
  "not found" :data:`KEEP_NOT_FOUND_DAYS` day, at most :data:`MAX_ANSWERS` of them, in a file
  only the server's user can read; a reader only ever sees answers to their own rows.

geopy builds the request and reads the answer; its adapter is geopy's plain urllib one, which
does not retry.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderRateLimited, GeocoderServiceError
from geopy.geocoders import Nominatim

from components.yourdata.messages import Message

CONTACT_ENV_VAR = "FOOTPRINT_CONTACT"
CACHE_ENV_VAR = "FOOTPRINT_GEOCODE_CACHE"
ATTRIBUTION = "© OpenStreetMap contributors, ODbL; geocoding by Nominatim"
TIMEOUT_SECONDS = 2.0
SECONDS_BETWEEN_REQUESTS = 1.0
MAX_ONLINE_ROWS = 100
KEEP_FOUND_DAYS = 90
KEEP_NOT_FOUND_DAYS = 1
MAX_ANSWERS = 20_000
_DAY = 86_400.0

log = logging.getLogger(__name__)
Clock = Callable[[], float]
Sleep = Callable[[float], None]


def contact() -> str | None:
    """The operator's contact for Nominatim, if set."""
    value = os.environ.get(CONTACT_ENV_VAR, "").strip()
    return value or None


def user_agent(contact: str) -> str:
    return f"footprint-map/1.0 (interactive map of a company's offices; {contact})"


def default_cache_path() -> Path:
    """``$FOOTPRINT_GEOCODE_CACHE``, else ``~/.cache/footprint-map/nominatim.sqlite3``."""
    configured = os.environ.get(CACHE_ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "footprint-map" / "nominatim.sqlite3"


@dataclass(frozen=True)
class Found:
    lat: float
    lon: float
    name: str


class Answers:
    """Nominatim's answers and the request slots, in one SQLite file that every process of
    the deployment on this machine shares (WAL: readers never wait for a writer)."""

    def __init__(
        self, path: Path | None = None, clock: Clock = time.time, max_answers: int = MAX_ANSWERS
    ) -> None:
        self.path = path or default_cache_path()
        self._clock = clock
        self._max_answers = max_answers
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Created readable by the server's user only: it holds what readers looked up.
        os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
        os.chmod(self.path, 0o600)
        with self._connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, found INTEGER, "
                "lat REAL, lon REAL, name TEXT, stored_at REAL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS slots (id INTEGER PRIMARY KEY, next_at REAL)")
            db.execute("INSERT OR IGNORE INTO slots (id, next_at) VALUES (1, 0)")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    def get(self, query: str) -> Found | bool | None:
        """The kept answer to ``query``: a place, ``None`` (known not to be found), or
        ``False`` (not kept, or expired)."""
        with self._connection() as db:
            row = db.execute(
                "SELECT found, lat, lon, name, stored_at FROM answers WHERE query = ?", (query,)
            ).fetchone()
        if row is None:
            return False
        found, lat, lon, name, stored_at = row
        keep = (KEEP_FOUND_DAYS if found else KEEP_NOT_FOUND_DAYS) * _DAY
        if not isinstance(stored_at, int | float) or self._clock() - stored_at > keep:
            return False
        if not found:
            return None
        if not (isinstance(lat, float) and isinstance(lon, float) and isinstance(name, str)):
            log.warning("ignored an unreadable answer in %s", self.path)
            return False
        return Found(lat, lon, name)

    def put(self, query: str, answer: Found | None) -> None:
        row: tuple[object, ...] = (query, 0, None, None, None, self._clock())
        if answer is not None:
            row = (query, 1, answer.lat, answer.lon, answer.name, self._clock())
        with self._connection() as db:
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)", row)
            db.execute(
                "DELETE FROM answers WHERE query IN (SELECT query FROM answers "
                "ORDER BY stored_at DESC LIMIT -1 OFFSET ?)",
                (self._max_answers,),
            )

    def take_slot(self, every: float = SECONDS_BETWEEN_REQUESTS) -> float:
        """Reserve the next request slot of the deployment; returns how long to wait for it.
        A transaction that locks the file first: two processes never get the same slot."""
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            (next_at,) = db.execute("SELECT next_at FROM slots WHERE id = 1").fetchone()
            now = self._clock()
            start = max(now, float(next_at or 0))
            db.execute("UPDATE slots SET next_at = ? WHERE id = 1", (start + every,))
            db.execute("COMMIT")
        return start - now


# One thread pool for the deadlines of every lookup of the process: a request that does not
# answer in time is given up, not waited for.
_REQUESTS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="nominatim")


class OnlineGeocoder:
    """Looks places up in Nominatim for one table, on the terms above.

    ``failure`` says, once, why lookups stopped (no contact set, the service unreachable or
    asking to slow down); every later query of the table is then answered from the kept
    answers or not at all.
    """

    def __init__(
        self,
        answers: Answers | None = None,
        *,
        contact_address: str | None = None,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        sleep: Sleep = time.sleep,
        adapter_factory: Callable[..., Any] = URLLibAdapter,
        max_requests: int = MAX_ONLINE_ROWS,
        timeout: float = TIMEOUT_SECONDS,
        every: float = SECONDS_BETWEEN_REQUESTS,
    ) -> None:
        """``domain``, ``scheme``, ``sleep``, ``timeout`` and ``every`` are for tests, which
        talk to a stand-in on loopback and keep their own time; the defaults are the policy's."""
        self.answers = answers or Answers()
        self.contact = contact_address if contact_address is not None else contact()
        self.failure: Message | None = None
        self.requests = 0
        self.skipped = 0  # queries not sent: over the cap
        self.cap = max_requests
        self._timeout = timeout
        self._every = every
        self._sleep = sleep
        self._lock = threading.Lock()
        self._nominatim: Nominatim | None = None
        if self.contact is None:
            self.failure = Message.of("online.no_contact", variable=CONTACT_ENV_VAR)
        else:
            self._nominatim = Nominatim(
                user_agent=user_agent(self.contact),
                timeout=timeout,
                domain=domain,
                scheme=scheme,
                adapter_factory=adapter_factory,
            )

    def lookup(self, query: str) -> Found | None:
        """A place for ``query``, or ``None``: not found, or not looked up (then
        ``failure`` or ``skipped`` says why)."""
        key = " ".join(query.split()).casefold()
        kept = self.answers.get(key)
        if kept is not False:
            return kept  # type: ignore[return-value]  # a place or None, never True
        if self.failure or self._nominatim is None:
            return None
        if self.requests >= self.cap:
            self.skipped += 1
            return None
        with self._lock:
            self._sleep(self.answers.take_slot(self._every))
            self.requests += 1
            answer = self._ask(query)
        if self.failure is None:
            self.answers.put(key, answer)
        return answer

    def _ask(self, query: str) -> Found | None:
        assert self._nominatim is not None
        pending = _REQUESTS.submit(self._nominatim.geocode, query, exactly_one=True)
        try:
            location = pending.result(timeout=self._timeout)
        except FutureTimeout:
            self.failure = Message.of("online.unavailable", error="timed out")
            return None
        except GeocoderRateLimited:
            self.failure = Message.of("online.slow_down")
            return None
        except (GeocoderServiceError, OSError) as exc:
            # No network, a firewall, or the service down. "Not found" is no error (None).
            self.failure = Message.of("online.unavailable", error=type(exc).__name__)
            return None
        if location is None:
            return None
        return Found(float(location.latitude), float(location.longitude), str(location.address))
