"""Workaround: Streamlit's listening socket leaves Nagle's algorithm on for every connection.

Streamlit 1.67 binds its listener itself, as ``socket.socket(family=family)``
(``streamlit/web/server/starlette/starlette_server.py``, ``_bind_socket``), so the Python
socket's ``proto`` reads 0. asyncio turns Nagle's algorithm off only on sockets whose
``proto`` reads ``IPPROTO_TCP``, and an accepted socket copies its listener's ``proto``; so
every keep-alive response sends its headers and its body waits for the browser's delayed ACK,
about 40 ms a request (the same bug as Kludex/uvicorn#3149). A first visit fetches about a
hundred small files, so the wait added about a quarter of a second to a cold load.

The fix belongs upstream (``docs/upstream/streamlit-listener-nodelay.md``: one line,
``socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)``). Until it lands, this sets
``TCP_NODELAY`` on listening TCP sockets whose ``proto`` still reads 0; on Linux an accepted
socket inherits the option from its listener. Once Streamlit binds its listener as TCP, no
socket matches and this does nothing: asyncio sets the option itself.
"""

from __future__ import annotations

import gc
import socket

_TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def _is_untyped_tcp_listener(sock: socket.socket) -> bool:
    """A listening TCP socket created without naming its protocol (``proto == 0``)."""
    try:
        return (
            sock.fileno() >= 0
            and sock.family in _TCP_FAMILIES
            and sock.type == socket.SOCK_STREAM
            and sock.proto == 0
            and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1
        )
    except OSError:
        return False


def enable_nodelay_on_untyped_listeners() -> int:
    """Set ``TCP_NODELAY`` on this process's listening TCP sockets whose ``proto`` reads 0.

    Returns how many it set. Never raises; touches no connected socket and no listener
    created as ``IPPROTO_TCP``. The sockets are found among the objects the garbage collector
    tracks (Streamlit keeps no public reference to its listener).
    """
    changed = 0
    for candidate in gc.get_objects():
        if isinstance(candidate, socket.socket) and _is_untyped_tcp_listener(candidate):
            try:
                candidate.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                continue
            changed += 1
    return changed
