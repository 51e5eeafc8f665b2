"""Readers at the protocol level: a recorded browser session replayed over Streamlit's
websocket, so that one Python process can play dozens of readers without being the
bottleneck (a browser per reader would take more CPU than the server it measures).

``record(url)`` lets Debian's Chromium open the page and click three offices on the map,
and keeps the messages the page sent: the first script run and the three clicks (each the
fragment's rerun with the map's report). ``read(url, recording)`` is one reader: it fetches
the page (and nginx's affinity cookie), opens the websocket with that cookie, asks for the
first run, then replays the clicks, each with a new click number, and times each until the
server has finished the run and has sent that office's details.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

from testing.browser import CHROMIUM_ARGS, MAP_IFRAME, chromium_path

CLICKED = (("tokyo", "Tokyo"), ("paris", "Paris"), ("singapore", "Singapore"))
BRIDGE = "-map-bridge"  # the end of the map bridge's widget id
ANSWER_TIMEOUT = 30.0  # seconds: a click not answered by then counts as an error
FINISHED = (
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)


@dataclass(frozen=True)
class Recording:
    load: bytes  # the page's first script run
    clicks: tuple[tuple[str, bytes], ...]  # (the details' heading, the click's message)


def record(url: str) -> Recording:
    """Open the page in Chromium, click ``CLICKED`` on the map, keep the messages sent."""
    sent: list[bytes] = []
    executable = chromium_path()
    if executable is None:
        raise SystemExit("Chromium is needed to record a session: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framesent", lambda p: sent.append(p if isinstance(p, bytes) else p.encode())
            ),
        )
        page.goto(url)
        frame = page.frame_locator(MAP_IFRAME)
        frame.locator(".office-marker").first.wait_for(timeout=60_000)
        clicks = []
        for office_id, city in CLICKED:
            before = len(sent)
            frame.locator(f".office-marker.office-{office_id}").click()
            page.locator(".st-key-office-details h3", has_text=city).wait_for(timeout=30_000)
            message = next(m for m in sent[before:] if _is_click(m))
            clicks.append((city, message))
        browser.close()
    load = next(m for m in sent if BackMsg.FromString(m).WhichOneof("type") == "rerun_script")
    return Recording(load=load, clicks=tuple(clicks))


def _is_click(payload: bytes) -> bool:
    message = BackMsg.FromString(payload)
    return message.WhichOneof("type") == "rerun_script" and any(
        widget.id.endswith(BRIDGE) for widget in message.rerun_script.widget_states.widgets
    )


_click_numbers = iter(range(10**12))


def renumbered(payload: bytes) -> bytes:
    """The click's message with a click number never used before (the page sends the time
    of the click; the server takes an unchanged report for no click at all)."""
    message = BackMsg.FromString(payload)
    for widget in message.rerun_script.widget_states.widgets:
        if widget.id.endswith(BRIDGE):
            report = json.loads(widget.json_value)
            report["select"]["click"] = int(time.time() * 1000) * 1000 + next(_click_numbers)
            widget.json_value = json.dumps(report)
    payload_out: bytes = message.SerializeToString()
    return payload_out


@dataclass
class Tally:
    """What the readers saw: load and click times in seconds, and what went wrong."""

    loads: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _answer(ws: ClientConnection, heading: str | None) -> None:
    """Read until the run has finished (and, for a click, the office's heading came)."""
    seen = heading is None
    while True:
        payload = await ws.recv()
        message = ForwardMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
        kind = message.WhichOneof("type")
        if kind == "delta" and not seen:
            element = message.delta.new_element
            seen = element.WhichOneof("type") == "heading" and element.heading.body == heading
        elif kind == "script_finished" and message.script_finished in FINISHED:
            if not seen:
                raise AssertionError(f"the run finished without {heading}'s details")
            return


async def read(
    url: str,
    recording: Recording,
    tally: Tally,
    think: float = 1.0,
    hold: asyncio.Event | None = None,
) -> None:
    """One reader: open the page, then click the recorded offices ``think`` seconds apart;
    with ``hold``, stay on the page until it is set."""
    parts = urlsplit(url)
    try:
        start = time.perf_counter()
        # The page itself (and, behind nginx, the affinity cookie that keeps the reader on
        # one replica), as a browser's first request.
        headers = await asyncio.to_thread(_page_headers, url + "/")
        cookie: SimpleCookie = SimpleCookie()
        for header in headers:
            cookie.load(header)
        cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in cookie.items())
        async with connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers={"Cookie": cookies} if cookies else None,
            max_size=None,
        ) as ws:
            await ws.send(recording.load)
            await asyncio.wait_for(_answer(ws, None), ANSWER_TIMEOUT)
            tally.loads.append(time.perf_counter() - start)
            for heading, message in recording.clicks:
                await asyncio.sleep(think)
                sent = time.perf_counter()
                await ws.send(renumbered(message))
                await asyncio.wait_for(_answer(ws, heading), ANSWER_TIMEOUT)
                tally.clicks.append(time.perf_counter() - sent)
            if hold is not None:
                await hold.wait()
    except TimeoutError:
        tally.errors.append(f"no answer within {ANSWER_TIMEOUT:.0f} s")
    except Exception as error:
        tally.errors.append(f"{type(error).__name__}: {error}")


def _page_headers(url: str) -> list[str]:
    with urllib.request.urlopen(url, timeout=ANSWER_TIMEOUT) as reply:
        reply.read()
        return reply.headers.get_all("Set-Cookie") or []
