"""Start and stop ``streamlit run`` for real-browser tests and benchmarks.

The way Streamlit's own e2e suite does it: a free port, ``/_stcore/health`` polled instead of
a sleep, and the server log written to a file (a pipe can fill up and deadlock the server).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from deploy.serve import free_ports, healthy, stop_process

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    (port,) = free_ports(1)
    return port


@dataclass
class StreamlitServer:
    url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_streamlit(
    log_path: Path,
    data_path: Path | None = None,
    script: str = "app.py",
    extra_env: dict[str, str] | None = None,
) -> StreamlitServer:
    """Start ``streamlit run SCRIPT`` from the repository root and wait until it is healthy."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    env.pop("OFFICES_DATA", None)
    if data_path is not None:
        env["OFFICES_DATA"] = str(data_path)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
                "--server.headless=true", f"--server.port={port}",
                "--server.address=127.0.0.1", "--server.fileWatcherType=none",
            ],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = StreamlitServer(f"http://127.0.0.1:{port}", log_path, process)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        if healthy(port, timeout=2):
            return server
        time.sleep(0.2)  # polling interval of the health check, not a wait for an outcome
    stop_streamlit(server)
    raise RuntimeError(
        f"streamlit did not become healthy in {START_TIMEOUT_SECONDS} s:\n{server.log()}"
    )


def stop_streamlit(server: StreamlitServer) -> None:
    stop_process(server.process)


def process_rss_mb(pid: int) -> float:
    """A process's resident memory (Linux ``/proc``), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def rss_mb(server: StreamlitServer) -> float:
    """The server process's resident memory, in MB."""
    return process_rss_mb(server.process.pid)
