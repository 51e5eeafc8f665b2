from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.server_sockets import OPEN_FILES, enable_tcp_nodelay

needs_proc = pytest.mark.skipif(not OPEN_FILES.is_dir(), reason="needs Linux /proc")


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """Bound the way Streamlit 1.67 binds its server socket: protocol left at 0."""
    sock = socket.socket(socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def accept_one(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    return client, accepted


@needs_proc
def test_connections_accepted_afterwards_send_without_delay(listener: socket.socket) -> None:
    client, before = accept_one(listener)
    assert nodelay(before) == 0  # what asyncio leaves on a socket whose protocol reads 0
    assert enable_tcp_nodelay() >= 1
    later_client, later = accept_one(listener)
    assert nodelay(later) != 0
    assert nodelay(before) != 0  # connections already open are set too
    for sock in (client, before, later_client, later):
        sock.close()


@needs_proc
def test_the_sockets_stay_open_and_other_descriptors_are_left_alone(
    listener: socket.socket, tmp_path: Path
) -> None:
    datagram = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    local_pair = socket.socketpair()
    with (tmp_path / "file.txt").open("w") as regular_file:
        enable_tcp_nodelay()
        assert not regular_file.closed
    listener.getsockname()  # raises if the descriptor was closed
    datagram.getsockname()
    local_pair[0].send(b"x")
    assert local_pair[1].recv(1) == b"x"
    for sock in (datagram, *local_pair):
        sock.close()


def test_without_proc_it_does_nothing(tmp_path: Path) -> None:
    assert enable_tcp_nodelay(tmp_path / "missing") == 0
