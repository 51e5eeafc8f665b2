"""N replicas of the app on loopback ports, nginx in front, and a watch on their health.

    python -m deploy.serve [--replicas 3] [--port 8080] [--run-dir DIR]

Each replica is ``streamlit run app.py`` on 127.0.0.1, all with the same
``server.cookieSecret`` (``FOOTPRINT_COOKIE_SECRET``, or a new random one), so that a
reader's XSRF cookie is good on any of them. nginx (``deploy/nginx.conf``) listens on
``--port`` and keeps each browser on one replica. Every second the replicas'
``/_stcore/health`` is polled: a replica that fails is marked down in nginx (a reload; the
readers on it reconnect to another replica and keep their view, which their address holds)
and started again; once healthy it takes new readers again. Ctrl+C stops everything.

The run directory (default: a new temporary one) holds nginx's configuration, logs and
``state.json`` (the replicas' ports and process ids), which tests and benchmarks read.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
HEALTH_INTERVAL = 1.0  # seconds between health checks
START_TIMEOUT = 60.0  # seconds a replica may take to become healthy


def nginx_binary() -> str | None:
    """Debian's nginx (``apt-get install nginx``), on the path or in /usr/sbin."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def healthy(port: int, timeout: float = 1.0) -> bool:
    """Whether the server on this loopback port answers ``/_stcore/health`` with 200."""
    url = f"http://127.0.0.1:{port}/_stcore/health"
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


@dataclass
class Replica:
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None
    down: bool = False

    def start(self, cookie_secret: str, env: dict[str, str]) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", "app.py",
                    "--server.headless=true", f"--server.port={self.port}",
                    "--server.address=127.0.0.1", "--server.fileWatcherType=none",
                ],
                cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
                env={**env, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret},
            )  # fmt: skip

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process:
            stop_process(self.process)


def render_config(run_dir: Path, listen: str, replicas: Sequence[Replica]) -> str:
    """nginx's configuration for these replicas (a replica marked down takes no readers)."""
    servers = "\n".join(
        f"        server 127.0.0.1:{replica.port} max_fails=1 fail_timeout=5s"
        f"{' down' if replica.down else ''};"
        for replica in replicas
    )
    user = "user root;" if os.geteuid() == 0 else ""  # workers may write their temp files
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@@USER@@", user)
        .replace("@@RUN@@", str(run_dir))
        .replace("@@LISTEN@@", listen)
        .replace("@@SERVERS@@", servers)
    )


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


@dataclass
class Deployment:
    """The replicas, nginx and the run directory of one ``deploy.serve``."""

    run_dir: Path
    port: int
    replicas: list[Replica]
    cookie_secret: str
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    nginx: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def write_config(self) -> Path:
        path = self.run_dir / "nginx.conf"
        path.write_text(render_config(self.run_dir, f"127.0.0.1:{self.port}", self.replicas))
        return path

    def write_state(self) -> None:
        state = {
            "url": self.url,
            "nginx_pid": self.nginx.pid if self.nginx else None,
            "replicas": [
                {"port": r.port, "pid": r.process.pid if r.process else None, "down": r.down}
                for r in self.replicas
            ],
        }
        (self.run_dir / "state.json").write_text(json.dumps(state, indent=2))

    def start(self) -> None:
        nginx = nginx_binary()
        if nginx is None:
            raise SystemExit("nginx is not installed: apt-get install -y nginx")
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / name).mkdir(parents=True, exist_ok=True)
        for replica in self.replicas:
            replica.start(self.cookie_secret, self.env)
        deadline = time.monotonic() + START_TIMEOUT
        for replica in self.replicas:
            while not healthy(replica.port):
                if not replica.alive() or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(
                        f"replica on port {replica.port} did not start; see {replica.log}"
                    )
                time.sleep(0.2)  # the health check's polling interval
        config = self.write_config()
        self.nginx = subprocess.Popen(
            [nginx, "-p", str(self.run_dir), "-c", str(config),
             "-e", str(self.run_dir / "error.log")],
            stdout=subprocess.DEVNULL, stderr=(self.run_dir / "nginx.out").open("ab"),
        )  # fmt: skip
        while not healthy(self.port):
            if self.nginx.poll() is not None:
                error = (self.run_dir / "nginx.out").read_text(errors="replace")
                self.stop()
                raise SystemExit(f"nginx did not start:\n{error}")
            time.sleep(0.1)  # polling for nginx's listener
        self.write_state()

    def check(self) -> list[str]:
        """One round of health checks: a failing replica is marked down (and restarted), a
        restarted one that answers again is taken back. Returns what changed."""
        changes = []
        for replica in self.replicas:
            ok = replica.alive() and healthy(replica.port)
            if not ok and not replica.down:
                replica.down = True
                changes.append(f"replica :{replica.port} failed its health check: marked down")
                replica.stop()
                replica.start(self.cookie_secret, self.env)
            elif ok and replica.down:
                replica.down = False
                changes.append(f"replica :{replica.port} healthy again: back in")
            elif not replica.alive() and replica.down:
                replica.start(self.cookie_secret, self.env)
        if changes:
            self.write_config()
            self.reload()
            self.write_state()
        return changes

    def reload(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: open requests finish
            try:
                self.nginx.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        for replica in self.replicas:
            replica.stop()


def deployment(replicas: int, port: int, run_dir: Path | None = None) -> Deployment:
    """A deployment of ``replicas`` replicas behind nginx on ``port`` (not started)."""
    run_dir = run_dir or Path(tempfile.mkdtemp(prefix="footprint-deploy-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    secret = os.environ.get("FOOTPRINT_COOKIE_SECRET") or secrets.token_urlsafe(32)
    return Deployment(
        run_dir=run_dir,
        port=port,
        replicas=[
            Replica(replica_port, run_dir / f"replica-{replica_port}.log")
            for replica_port in free_ports(replicas)
        ],
        cookie_secret=secret,
    )


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
    ports = ", ".join(str(replica.port) for replica in running.replicas)
    print(f"{running.url}  ({args.replicas} replicas on 127.0.0.1: {ports}; {running.run_dir})")
    sys.stdout.flush()
    try:
        while not stopping:
            for change in running.check():
                print(change)
                sys.stdout.flush()
            time.sleep(HEALTH_INTERVAL)
    finally:
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
