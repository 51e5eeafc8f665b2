"""N replicas of the app on loopback ports, nginx in front, both kept running by supervisord.

    python -m deploy.serve [--replicas 3] [--port 8080] [--run-dir DIR]

Each replica is ``streamlit run app.py`` on 127.0.0.1, all with the same
``server.cookieSecret`` (``FOOTPRINT_COOKIE_SECRET``, or a new random one), so that a
reader's XSRF cookie is good on any of them. nginx (``deploy/nginx.conf``) listens on
``--port``, keeps each browser on one replica and stops sending readers to a replica that
fails (``max_fails``), passing their requests to the next. supervisord
(``deploy/supervisord.conf``, from PyPI) starts them all, restarts a process that exits,
backing off between tries and giving up on one that keeps failing, and rotates their logs
by size. Ctrl+C (or SIGTERM) stops everything.

The run directory (default: a new temporary one) holds the rendered configurations, the logs
and ``state.json`` (the address, and each program's state and process id, refreshed every
second from supervisord), which tests and benchmarks read.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xmlrpc.client
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supervisor.xmlrpc import SupervisorTransport

REPO_ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
START_TIMEOUT = 90.0  # seconds for every replica and nginx to answer
STATE_INTERVAL = 1.0  # seconds between refreshes of state.json
# nginx's workers run as this user when started as root (Debian's web server user).
NGINX_USER = "www-data"


def nginx_binary() -> str | None:
    """Debian's nginx (``apt-get install nginx``), on the path or in /usr/sbin."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def healthy(port: int, timeout: float = 1.0, host: str = "127.0.0.1") -> bool:
    """Whether the server on this loopback port answers ``/_stcore/health`` with 200."""
    url = f"http://{host}:{port}/_stcore/health"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def stop_process(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """Ask a process to end (SIGTERM); kill it if it has not within ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _fill(template: str, fields: dict[str, str]) -> str:
    for name, value in fields.items():
        template = template.replace(f"@@{name}@@", value)
    return template


def render_nginx_config(
    run_dir: Path, temp_dir: Path, listen: str, ports: Sequence[int], user: str | None
) -> str:
    """nginx's configuration: the replicas on ``ports``, workers as ``user`` (when root)."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in ports
    )
    return _fill(
        (HERE / "nginx.conf").read_text(encoding="utf-8"),
        {
            "USER": f"user {user};" if user else "",
            "RUN": str(run_dir),
            "TEMP": str(temp_dir),
            "LISTEN": listen,
            "SERVERS": servers,
        },
    )


def render_supervisor_config(
    run_dir: Path, ports: Sequence[int], cookie_secret: str, nginx: str
) -> str:
    """supervisord's configuration: a program per replica and one for nginx."""
    replica = (HERE / "supervisord-replica.conf").read_text(encoding="utf-8")
    replicas = "\n".join(
        _fill(
            replica,
            {
                "PORT": str(port),
                "PYTHON": sys.executable,
                "REPO": str(REPO_ROOT),
                "RUN": str(run_dir),
                "COOKIE_SECRET": cookie_secret,
            },
        )
        for port in ports
    )
    return _fill(
        (HERE / "supervisord.conf").read_text(encoding="utf-8"),
        {"RUN": str(run_dir), "NGINX": nginx, "REPLICAS": replicas},
    )


@dataclass
class Deployment:
    """The replicas, nginx and supervisord of one ``deploy.serve``, and its run directory."""

    run_dir: Path
    port: int
    ports: list[int]
    cookie_secret: str
    supervisord: subprocess.Popen[bytes] | None = None
    temp_dir: Path | None = None
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def socket(self) -> Path:
        return self.run_dir / "supervisor.sock"

    def control(self) -> Any:
        """supervisord's XML-RPC interface, over its unix socket."""
        transport = SupervisorTransport(None, None, f"unix://{self.socket}")
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport).supervisor

    def programs(self) -> list[dict[str, Any]]:
        """Each program's name, state (RUNNING, BACKOFF, FATAL, …) and process id."""
        info: list[dict[str, Any]] = self.control().getAllProcessInfo()
        return [{"name": p["name"], "state": p["statename"], "pid": p["pid"]} for p in info]

    def replica_pids(self) -> list[int]:
        return [p["pid"] for p in self.programs() if p["name"].startswith("replica-") and p["pid"]]

    def server_pids(self) -> list[int]:
        """Every process serving readers: the replicas, nginx's master and its workers."""
        pids = [p["pid"] for p in self.programs() if p["pid"]]
        return pids + [child for pid in pids for child in _children(pid)]

    def write_state(self) -> None:
        state = {
            "url": self.url,
            "replicas": [
                {"port": port, "program": f"replica-{port}", **_program(self, f"replica-{port}")}
                for port in self.ports
            ],
            "nginx": _program(self, "nginx"),
        }
        path = self.run_dir / "state.json"
        path.with_suffix(".tmp").write_text(json.dumps(state, indent=2))
        path.with_suffix(".tmp").replace(path)

    def start(self) -> None:
        nginx = nginx_binary()
        if nginx is None:
            raise SystemExit("nginx is not installed: apt-get install -y nginx")
        user = NGINX_USER if os.geteuid() == 0 else None
        self.temp_dir = _nginx_temp_dir(user)
        (self.run_dir / "nginx.conf").write_text(
            render_nginx_config(
                self.run_dir, self.temp_dir, f"127.0.0.1:{self.port}", self.ports, user
            )
        )
        config = self.run_dir / "supervisord.conf"
        config.write_text(
            render_supervisor_config(self.run_dir, self.ports, self.cookie_secret, nginx)
        )
        command = [sys.executable, "-m", "supervisor.supervisord", "-c", str(config)]
        self.supervisord = subprocess.Popen(
            command, cwd=REPO_ROOT, env=self.env, stdout=subprocess.DEVNULL,
            stderr=(self.run_dir / "supervisord.out").open("ab"),
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while not (all(healthy(port) for port in self.ports) and healthy(self.port)):
            if self.supervisord.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"the deployment did not start; see {self.run_dir}")
            time.sleep(0.2)  # the health check's polling interval
        self.write_state()

    def stop(self) -> None:
        if self.supervisord is not None:
            stop_process(self.supervisord, grace=30)  # it stops its programs first
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)


def _program(running: Deployment, name: str) -> dict[str, Any]:
    for program in running.programs():
        if program["name"] == name:
            return {"state": program["state"], "pid": program["pid"]}
    return {"state": "UNKNOWN", "pid": 0}


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed]


def _nginx_temp_dir(user: str | None) -> Path:
    """nginx's temporary files, in a directory its workers (``user``) can write; the run
    directory may be one they cannot enter."""
    temp = Path(tempfile.mkdtemp(prefix="footprint-nginx-"))
    temp.chmod(0o711)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir()
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(temp / name, entry.pw_uid, entry.pw_gid)
    return temp


def deployment(replicas: int, port: int, run_dir: Path | None = None) -> Deployment:
    """A deployment of ``replicas`` replicas behind nginx on ``port`` (not started)."""
    run_dir = run_dir or Path(tempfile.mkdtemp(prefix="footprint-deploy-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    secret = os.environ.get("FOOTPRINT_COOKIE_SECRET") or secrets.token_urlsafe(32)
    return Deployment(run_dir=run_dir, port=port, ports=free_ports(replicas), cookie_secret=secret)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--run-dir", type=Path)
    args = parser.parse_args(argv)
    running = deployment(args.replicas, args.port, args.run_dir)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    running.start()
    ports = ", ".join(str(port) for port in running.ports)
    print(f"{running.url}  ({args.replicas} replicas on 127.0.0.1: {ports}; {running.run_dir})")
    sys.stdout.flush()
    try:
        while not stopping and running.supervisord and running.supervisord.poll() is None:
            running.write_state()
            time.sleep(STATE_INTERVAL)
    finally:
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
