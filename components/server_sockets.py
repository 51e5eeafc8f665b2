"""Send small responses at once: TCP_NODELAY on the server's sockets.

Streamlit 1.67 binds its listening socket itself, as ``socket.socket(family)``, so the socket's
protocol reads 0, and asyncio only turns Nagle's algorithm off on accepted sockets whose protocol
reads ``IPPROTO_TCP`` (the same bug as uvicorn's pre-bound sockets, Kludex/uvicorn#3149). Every
keep-alive response then sends its headers, and its body waits for the browser's delayed ACK:
about 40 ms per request. A first visit fetches about a hundred small JavaScript chunks over six
connections, so that alone added about a quarter of a second to the dashboard's cold load.

On Linux an accepted socket inherits TCP_NODELAY from its listener, so setting it once on the
process's listening socket fixes every later connection. Elsewhere this finds nothing to do.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

OPEN_FILES = Path("/proc/self/fd")


def enable_tcp_nodelay(open_files: Path = OPEN_FILES) -> int:
    """Turn Nagle's algorithm off on every TCP socket this process has open, listeners
    included; returns how many sockets it set. Never raises: without ``/proc`` it does nothing.
    """
    try:
        descriptors = [int(name) for name in os.listdir(open_files) if name.isdigit()]
    except OSError:
        return 0
    changed = 0
    for descriptor in descriptors:
        try:
            if not stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                continue
            # Wraps the descriptor without taking it over: detach() below leaves it open.
            sock = socket.socket(fileno=descriptor)
        except OSError:
            continue
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                changed += 1
        except OSError:
            pass
        finally:
            sock.detach()
    return changed
