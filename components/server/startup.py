"""What the server process does once, before the first page: see :func:`once_per_process`."""

from __future__ import annotations

import streamlit as st

from components.server.sockets import enable_nodelay_on_untyped_listeners


@st.cache_resource(show_spinner=False)
def once_per_process() -> int:
    """Run the start-up steps once per server process (cached as a resource).

    Today one step: small responses go out at once (the listener workaround in
    :mod:`components.server.sockets`). Returns how many sockets it set.
    """
    return enable_nodelay_on_untyped_listeners()
