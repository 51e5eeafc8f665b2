"""Debian's Chromium for tests and benchmarks, and what a page says to the Streamlit server.

Conditions instead of sleeps: :class:`Conversation` reads the websocket frames (Streamlit's
own protobuf messages), so a test can wait until every script run the page asked for has
finished, rather than waiting "long enough".
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page as AsyncPage
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Names of hosts off this machine do not resolve: a resolver rule rather than request
# interception, which would cost every request a round trip to the test process.
ONLY_THIS_MACHINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def chromium_path() -> str | None:
    """``$CHROMIUM_PATH`` if set, else Debian's Chromium."""
    configured = os.environ.get("CHROMIUM_PATH")
    for candidate in (configured, DEBIAN_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (tests and benchmarks refuse all others)."""
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


@dataclass(frozen=True)
class DrawnPart:
    """One element or block a delta drew: its kind (``markdown``, ``download_button``,
    ``flex_container``…; ``ref_hash`` for a large element sent again as a reference), the
    key it was given (``""`` if none), whether a fragment's run drew it, and the message's
    size in bytes."""

    kind: str
    key: str
    in_fragment: bool
    size: int


def drawn_part(message: ForwardMsg) -> DrawnPart:
    if message.WhichOneof("type") == "ref_hash":
        # An element of 10 kB or more sent again: a reference to the copy the browser has.
        return DrawnPart("ref_hash", "", False, message.ByteSize())
    delta = message.delta
    kind: str = delta.WhichOneof("type") or ""
    key = ""
    if kind == "new_element":
        kind = delta.new_element.WhichOneof("type") or ""
        key = getattr(getattr(delta.new_element, kind), "id", "")
    elif kind == "add_block":
        kind = delta.add_block.WhichOneof("type") or ""
        key = delta.add_block.id
    # A widget's id ends with its key: "$$ID-<hash>-<key>".
    key = key.split("-", 2)[2] if key.startswith("$$ID-") else ""
    return DrawnPart(kind, key, bool(delta.fragment_id), message.ByteSize())


@dataclass
class Conversation:
    """The script runs a page asked the server for, and the runs the server finished.

    Feed it every websocket frame; it parses Streamlit's protobuf messages. A run asked for
    while another is running can replace it, so "answered" means: a run finished after the
    last request, not as many finishes as requests.
    """

    requests: int = 0
    finished: int = 0
    bytes_received: int = 0
    frames_received: int = 0
    messages_sent: int = 0
    _last_request: int = 0
    _last_finish: int = 0
    _clock: int = 0
    # The widget states sent with the latest run request, in protobuf text format.
    last_widget_states: list[str] = field(default_factory=list)
    # Every element and block the server drew, in order: see :func:`drawn_part`.
    drawn: list[DrawnPart] = field(default_factory=list)

    def sent(self, payload: bytes | str) -> None:
        self._clock += 1
        self.messages_sent += 1
        if not isinstance(payload, bytes):
            return
        message = BackMsg.FromString(payload)
        if message.WhichOneof("type") == "rerun_script":
            self.requests += 1
            self._last_request = self._clock
            widgets = message.rerun_script.widget_states.widgets
            self.last_widget_states = [str(widget).replace("\n", " ") for widget in widgets]

    def received(self, payload: bytes | str) -> None:
        self._clock += 1
        self.bytes_received += len(payload)
        self.frames_received += 1
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg.FromString(payload)
        if message.WhichOneof("type") in ("delta", "ref_hash"):
            self.drawn.append(drawn_part(message))
        if message.WhichOneof("type") == "script_finished" and message.script_finished != (
            ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished += 1
            self._last_finish = self._clock

    def answered(self) -> bool:
        """Every run the page asked for so far has finished (and it asked for one)."""
        return self.requests > 0 and self._last_finish > self._last_request


async def until_answered(
    page: AsyncPage, conversation: Conversation, runs: int = 1, seconds: float = 120
) -> None:
    """Wait until the page has asked for at least ``runs`` script runs, every run it asked
    for has finished and the page shows the script as idle (the benchmarks' async pages)."""
    deadline = time.monotonic() + seconds
    while not (
        conversation.requests >= runs
        and conversation.answered()
        and await page.locator(APP_IDLE).count()
    ):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not answer within {seconds} s")
        await page.wait_for_timeout(25)  # lets Playwright deliver events between checks
