"""A stand-in for Nominatim on loopback: a real HTTP server that answers ``/search`` with
canned places, records every request (its time, query and user agent), and can be told to
accept connections and never answer, as a network that swallows packets does."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class Request:
    at: float  # time.monotonic() when it arrived
    query: str
    user_agent: str


@dataclass
class FakeNominatim:
    domain: str
    answers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    silent: bool = False  # accept, then never answer
    _release: threading.Event = field(default_factory=threading.Event)


@contextmanager
def fake_nominatim() -> Iterator[FakeNominatim]:
    """A fake Nominatim on a free loopback port, for as long as the block runs."""
    state: list[FakeNominatim] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            fake = state[0]
            query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
            fake.requests.append(
                Request(time.monotonic(), query, self.headers.get("User-Agent", ""))
            )
            if fake.silent:
                fake._release.wait(10)  # holds the connection open, answers nothing
                return
            body = json.dumps(
                next((places for key, places in fake.answers.items() if key in query), [])
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass  # quiet in test output

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.append(FakeNominatim(domain=f"127.0.0.1:{server.server_address[1]}"))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state[0]
    finally:
        state[0]._release.set()
        server.shutdown()
        server.server_close()
