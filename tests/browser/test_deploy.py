"""Three replicas behind nginx, run by supervisord (``deploy/serve.py``): six readers keep
their own selection through clicks, and when the replica under some of them is killed, their
pages reconnect through nginx to a healthy replica and show the same view, with no error
page. The app answers under a host name with a port; the answers name no version and no
replica; nginx's workers are not root; a replica that keeps failing is restarted with a
back-off and then given up on. And the load script measures a level of readers against the
same deployment."""

from __future__ import annotations

import itertools
import json
import os
import pwd
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.serve import NGINX_USER, healthy, nginx_binary, render_supervisor_config
from testing.browser import CHROMIUM_ARGS, chromium_path
from testing.pages import MAP_READY, expect_details_for, map_frame, map_frame_object
from testing.server import REPO_ROOT, free_port

pytestmark = pytest.mark.deploy

READERS = (
    ("london", "London", "tokyo", "Tokyo"),
    ("dublin", "Dublin", "paris", "Paris"),
    ("tokyo", "Tokyo", "new-york", "New York"),
    ("paris", "Paris", "seattle", "Seattle"),
    ("brussels", "Brussels", "singapore", "Singapore"),
    ("singapore", "Singapore", "london", "London"),
)


@dataclass
class Cluster:
    url: str
    run_dir: Path
    process: subprocess.Popen[bytes]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def state(self) -> dict[str, object]:
        state: dict[str, object] = json.loads((self.run_dir / "state.json").read_text())
        return state


@dataclass
class Reader:
    """A reader's page, the replica nginx gave it, and the details headings each of its
    websockets brought (a new websocket is a reconnection)."""

    page: Page
    replica: str
    office: str
    city: str
    sockets: list[set[str]]


def headings(payload: bytes | str) -> set[str]:
    message = ForwardMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
    element = message.delta.new_element if message.WhichOneof("type") == "delta" else None
    if element is not None and element.WhichOneof("type") == "heading":
        return {element.heading.body}
    return set()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if nginx_binary() is None:
        message = "nginx not found: apt-get install -y nginx"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    run_dir = tmp_path_factory.mktemp("deploy")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "deploy.serve", "--replicas", "3", "--port", str(port),
         "--run-dir", str(run_dir)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    # deploy.serve prints its address once every replica is healthy behind nginx: the log is
    # copied to a file by a thread, which says when that line has come (or the output ended).
    started = threading.Event()
    log = run_dir / "serve.out"

    def copy_log() -> None:
        assert process.stdout is not None
        with log.open("wb") as out:
            for line in process.stdout:
                out.write(line)
                out.flush()
                if line.startswith(url.encode()):
                    started.set()
        started.set()

    threading.Thread(target=copy_log, daemon=True).start()
    assert started.wait(timeout=120), "the deployment did not start in 120 s"
    assert process.poll() is None and healthy(port), log.read_text()
    yield Cluster(url, run_dir, process)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def open_reader(browser: Browser, cluster: Cluster, query: str, office: str, city: str) -> Reader:
    page = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
    sockets: list[set[str]] = []

    def watch(ws: WebSocket) -> None:
        seen: set[str] = set()
        sockets.append(seen)
        ws.on("framereceived", lambda payload: seen.update(headings(payload)))

    page.on("websocket", watch)
    response = page.goto(f"{cluster.url}/?{query}")
    assert response is not None
    assert "x-footprint-replica" not in response.headers  # which replica: in the log only
    expect(map_frame(page).locator(".office-marker")).to_have_count(9, timeout=60_000)
    map_frame_object(page).wait_for_function(MAP_READY, timeout=30_000)
    return Reader(page, replica_of(cluster, page), office, city, sockets)


def replica_of(cluster: Cluster, page: Page) -> str:
    """The replica nginx gave this page's browser, from nginx's log (by its affinity cookie):
    "127.0.0.1:<port>"."""
    (affinity,) = [c["value"] for c in page.context.cookies() if c["name"] == "footprint_affinity"]
    log = (cluster.run_dir / "nginx.log").read_text()
    upstreams = re.findall(rf"affinity={re.escape(affinity)} upstream=(127\.0\.0\.1:\d+)", log)
    assert upstreams, f"no request of affinity {affinity} in nginx's log"
    return str(upstreams[-1])


def test_readers_keep_their_view_when_their_replica_dies(
    cluster: Cluster, browser: Browser
) -> None:
    readers = []
    for first, first_city, second, second_city in READERS:
        reader = open_reader(browser, cluster, f"office={first}", second, second_city)
        expect_details_for(reader.page, first_city)
        map_frame(reader.page).locator(f".office-marker.office-{second}").click()
        expect_details_for(reader.page, second_city)
        expect(reader.page).to_have_url(re.compile(f"office={second}"))
        readers.append(reader)
    # Each reader's own view, not another's: all six still show theirs.
    for reader in readers:
        expect_details_for(reader.page, reader.city)
    assert len({reader.replica for reader in readers}) > 1  # nginx spreads the readers

    victim = max(
        {r.replica for r in readers}, key=lambda rep: sum(r.replica == rep for r in readers)
    )
    port = int(victim.rsplit(":", 1)[1])
    replicas = cluster.state()["replicas"]
    assert isinstance(replicas, list)
    (pid,) = [r["pid"] for r in replicas if r["port"] == port]
    cut_off = [reader for reader in readers if reader.replica == victim]
    # Each cut-off page reconnects (a new websocket, through nginx): waited for from before
    # the kill, so that none is missed.
    with ExitStack() as waiting:
        reconnections = [
            waiting.enter_context(reader.page.expect_websocket(timeout=60_000))
            for reader in cut_off
        ]
        os.kill(pid, signal.SIGKILL)
    for reader, reconnection in zip(cut_off, reconnections, strict=True):
        # The new session, started from the address, draws the same office's details. The
        # frames that came before this wait were kept by the reader's watcher; Playwright
        # delivers the rest only while it waits, so none falls between the two.
        socket = reconnection.value
        if reader.city not in reader.sockets[-1]:
            socket.wait_for_event(
                "framereceived",
                predicate=lambda payload, city=reader.city: city in headings(payload),
                timeout=60_000,
            )
        page = reader.page
        expect_details_for(page, reader.city)
        expect(page).to_have_url(re.compile(f"office={reader.office}"))
    for reader in readers:
        page = reader.page
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)  # no "connection error"
        # Every reader's session answers: a click on the map is answered as before.
        map_frame(page).locator(".office-marker.office-dublin").click()
        expect_details_for(page, "Dublin")
        page.context.close()


def test_the_app_answers_through_nginx_under_a_host_name_with_a_port(
    cluster: Cluster, browser: Browser
) -> None:
    # A host name with a port (not 127.0.0.1, which Streamlit lets through whatever the
    # Host): the websocket's origin must match the Host nginx passes on, port included.
    path = chromium_path()
    assert path is not None
    named = browser.browser_type.launch(
        executable_path=path,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP example.test 127.0.0.1"],
    )
    try:
        page = named.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"http://example.test:{cluster.port}/?office=tokyo")
        expect(map_frame(page).locator(".office-marker")).to_have_count(9, timeout=60_000)
        expect_details_for(page, "Tokyo")
        expect(page.get_by_role("dialog")).to_have_count(0)  # no "connection error"
        assert errors == []
    finally:
        named.close()


def answer(url: str, headers: dict[str, str] | None = None) -> Message:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as reply:
        answered: Message = reply.headers
        return answered


def test_answers_name_no_version_or_replica_and_say_how_they_may_be_used(
    cluster: Cluster,
) -> None:
    for path in ("/", "/_stcore/health", "/app/static/office_map/footprint.js"):
        headers = answer(cluster.url + path)
        assert headers["Server"] == "nginx", path  # no version
        assert "X-Footprint-Replica" not in headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self'", path
    plain = answer(cluster.url + "/")["Set-Cookie"]
    assert plain.startswith("footprint_affinity=") and "Secure" not in plain
    behind_tls = answer(cluster.url + "/", {"X-Forwarded-Proto": "https"})["Set-Cookie"]
    assert behind_tls.endswith("; Secure")


def test_every_replica_runs_the_app_before_readers_and_readers_cannot_make_it_run(
    cluster: Cluster,
) -> None:
    """deploy/replica.py warms each replica with one run of the app (the imports, the data,
    the map's data), a restarted one too; that address runs the whole app, so nginx
    answers it with 404."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        answer(cluster.url + "/_stcore/script-health-check")
    assert refused.value.code == 404
    replicas = cluster.state()["replicas"]
    assert isinstance(replicas, list) and len(replicas) == 3
    for replica in replicas:
        log = cluster.run_dir / f"replica-{replica['port']}.log"
        deadline = time.monotonic() + 150
        while "warmed in" not in log.read_text(errors="replace"):
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
            time.sleep(0.5)  # the replica's log, polled
        warmed = re.findall(r"replica \d+: warmed in [\d.]+ s \((.*)\)", log.read_text())
        assert warmed and warmed[-1] == "ok", warmed


def test_nginx_workers_do_not_run_as_root(cluster: Cluster) -> None:
    nginx = cluster.state()["nginx"]
    assert isinstance(nginx, dict)
    children = Path(f"/proc/{nginx['pid']}/task/{nginx['pid']}/children").read_text().split()
    assert children, "nginx has no workers"
    for worker in children:
        status = Path(f"/proc/{worker}/status").read_text()
        (uid,) = re.findall(r"^Uid:\s+(\d+)", status, re.MULTILINE)
        assert int(uid) != 0
        if os.geteuid() == 0:
            assert int(uid) == pwd.getpwnam(NGINX_USER).pw_uid


def test_a_replica_that_keeps_failing_is_given_up_on_after_backing_off(tmp_path: Path) -> None:
    # A replica that cannot start (here: one that exits at once, as one that cannot bind its
    # port does), run by supervisord with the deployment's own configuration.
    config = render_supervisor_config(tmp_path, [9], "secret", "/usr/sbin/nginx")
    config = re.sub(r"\[program:nginx\].*?(?=\n\[program:)", "", config, flags=re.DOTALL)
    config = re.sub(
        r"^command=.*$",
        f"command={sys.executable} -c 'raise SystemExit(3)'",
        config,
        count=1,
        flags=re.MULTILINE,
    )
    (tmp_path / "supervisord.conf").write_text(config)
    process = subprocess.Popen(
        [sys.executable, "-m", "supervisor.supervisord", "-c", str(tmp_path / "supervisord.conf")],
        stdout=subprocess.PIPE,  # in the foreground it writes its log here too
        stderr=subprocess.STDOUT,
        text=True,
    )
    spawned: list[float] = []
    gave_up = threading.Event()

    def watch() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if "spawned: 'replica-9'" in line:
                spawned.append(time.monotonic())
            if "gave up: replica-9 entered FATAL state" in line:
                gave_up.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert gave_up.wait(timeout=60), "supervisord kept restarting the replica"
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert len(spawned) == 4  # the first start and three retries, then no more
    gaps = [later - earlier for earlier, later in itertools.pairwise(spawned)]
    # Each wait no shorter than the last (supervisord waits 1, 2, 3 s, on its own one-second
    # tick, so two waits can come out equal: 1.0, 3.03, 3.02 was seen) and the last longest.
    assert all(later > earlier - 0.5 for earlier, later in itertools.pairwise(gaps)), gaps
    assert gaps[-1] > gaps[0] + 1, gaps


def test_the_load_script_measures_a_level_of_readers() -> None:
    # Its own process: it records a session with Playwright, which this one already runs.
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--replicas", "1", "--levels", "2",
         "--step-seconds", "4", "--idle-readers", "2"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    out = done.stdout
    row = next(line for line in out.splitlines() if line.startswith("| 2 |"))
    clicks, _p50, _p95, errors = (cell.strip() for cell in row.split("|")[2:6])
    assert int(clicks) >= 2 and errors == "0", out
    assert re.search(r"capacity: \d+ readers at once", out), out
