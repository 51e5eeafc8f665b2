"""One replica of the app, warmed before its first reader.

    python -m deploy.replica --port 8502 [Streamlit's options…]

A server process's first reader pays for what every later reader shares: the imports, the
data file's validation, the map's data (at 50,000 offices 8.5 s against 3.3 s for the next
reader; ``python -m bench.scale --warm`` measures the difference). So a replica asks itself,
once it answers, to run the app once: Streamlit's script health check
(``server.scriptHealthCheckEnabled``), a run without a browser whose loaded dataset and map
data every session then shares. The warm-up runs in a detached process and this one becomes
``streamlit run app.py`` itself (same process id, as supervisord, the tests and
``bench.load`` expect); being the replica's own command, it warms a replica supervisord
restarted too. nginx does not pass the check's address on (``deploy/nginx.conf``): every
call is a whole run of the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence

from deploy.serve import REPO_ROOT, healthy

WARM_UP_PATH = "/_stcore/script-health-check"
START_SECONDS = 120.0  # for the server to answer its health check
RUN_SECONDS = 180.0  # for the app's first run


def streamlit_command(port: int, options: Sequence[str]) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"),
        "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
        "--server.scriptHealthCheckEnabled=true", *options,
    ]  # fmt: skip


def warm_up(port: int) -> str:
    """Wait for the server on ``port``, run the app once in it; what happened, in a line."""
    deadline = time.monotonic() + START_SECONDS
    while not healthy(port):
        if time.monotonic() > deadline:
            return f"replica {port}: not warmed, no answer in {START_SECONDS:.0f} s"
        time.sleep(0.2)  # the health check's polling interval
    start = time.monotonic()
    url = f"http://127.0.0.1:{port}{WARM_UP_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=RUN_SECONDS) as reply:
            outcome = reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:  # the run failed: readers will see why
        outcome = f"HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        outcome = f"no answer ({error})"
    return f"replica {port}: warmed in {time.monotonic() - start:.1f} s ({outcome})"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.replica")
    parser.add_argument("--port", type=int, required=True)
    args, options = parser.parse_known_args(argv)
    sys.stdout.flush()
    if os.fork() == 0:  # the warm-up, detached (its parent exits at once), so none waits on it
        if os.fork() == 0:
            print(warm_up(args.port), flush=True)
        os._exit(0)
    os.wait()
    command = streamlit_command(args.port, options)
    os.chdir(REPO_ROOT)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
