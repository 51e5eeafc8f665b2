from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from components.server.sockets import enable_nodelay_on_untyped_listeners


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def listening(sock: socket.socket) -> socket.socket:
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


@pytest.fixture
def untyped_listener() -> Iterator[socket.socket]:
    """Bound the way Streamlit 1.67 binds its server socket: protocol left at 0."""
    with listening(socket.socket(socket.AF_INET)) as sock:
        yield sock


@pytest.fixture
def tcp_listener() -> Iterator[socket.socket]:
    """Bound the way the upstream fix binds it: protocol IPPROTO_TCP."""
    with listening(socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)) as sock:
        yield sock


def test_a_listener_with_protocol_0_is_set_and_its_connections_inherit_it(
    untyped_listener: socket.socket,
) -> None:
    assert nodelay(untyped_listener) == 0
    assert enable_nodelay_on_untyped_listeners() >= 1
    assert nodelay(untyped_listener) != 0
    with socket.create_connection(untyped_listener.getsockname()):
        accepted, _ = untyped_listener.accept()
        with accepted:
            assert nodelay(accepted) != 0  # what asyncio would not have set (proto 0)


def test_a_tcp_listener_and_a_connected_socket_are_left_alone(
    untyped_listener: socket.socket, tcp_listener: socket.socket
) -> None:
    with socket.create_connection(tcp_listener.getsockname()) as client:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)
        untyped_client = socket.socket(socket.AF_INET)  # proto 0, but connected, not listening
        untyped_client.connect(untyped_listener.getsockname())
        with untyped_client:
            enable_nodelay_on_untyped_listeners()
            assert nodelay(tcp_listener) == 0  # once Streamlit binds as TCP, nothing is done
            assert nodelay(client) == 0
            assert nodelay(untyped_client) == 0
            assert nodelay(untyped_listener) != 0  # the same call did act where it should


def test_closed_and_other_sockets_do_not_break_it() -> None:
    closed = socket.socket(socket.AF_INET)
    closed.close()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as datagram:
        datagram.bind(("127.0.0.1", 0))
        local_pair = socket.socketpair()
        enable_nodelay_on_untyped_listeners()
        local_pair[0].send(b"x")
        assert local_pair[1].recv(1) == b"x"
        for sock in local_pair:
            sock.close()
