"""The map's link to the page: the reader's view goes to the mounted map as a message, and
what the map reports (a click, a basemap) comes back as this component's state.

streamlit-folium can only change what it shows by sending new map code (remounting the
map, or resending it for every click); with this link the map's code is the same for every
view, and a click costs the fragment's details, not the map.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from components.map.view import View
from components.session import view as view_session

_SCRIPT = Path(__file__).resolve().parents[2] / "static" / "office_map" / "bridge.js"
_VERSION = hashlib.sha256(_SCRIPT.read_bytes()).hexdigest()[:12]
# The component's code goes with every message that draws it (each click): so it is a
# loader of a few dozen bytes, and the bridge itself a module the browser fetches once from
# the app's static files (the version in its address: a changed file is fetched anew).
# Absolute, because the component's code runs from a blob: address; on several lines,
# because Streamlit takes a one-line string naming a .js file for a file of a package.
_LOADER = (
    "export default function (component) {\n"
    f"  import(window.location.origin + '/app/static/office_map/bridge.js?v={_VERSION}')\n"
    "    .then((bridge) => bridge.default(component));\n"
    "}\n"
)
_bridge = st.components.v2.component("footprint_map_bridge", js=_LOADER)


def render_map_bridge(view: View) -> None:
    """Send ``view`` to the map; what it reports reaches
    :func:`components.session.view.explorer_snapshot`."""
    _bridge(
        data=view.map_message(),
        key=view_session.MAP_BRIDGE_KEY,
        on_select_change=view_session.on_map_event,
        on_basemap_change=view_session.on_map_event,
        on_arcs_change=view_session.on_map_event,
        width="content",
    )
