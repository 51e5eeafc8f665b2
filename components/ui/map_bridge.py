"""The map's link to the page: the reader's view goes to the mounted map as a message, and
what the map reports (a click, a basemap) comes back as this component's state.

streamlit-folium can only change what it shows by sending new map code (remounting the
map, or resending it for every click); with this link the map's code is the same for every
view, and a click costs the fragment's details, not the map.
"""

from __future__ import annotations

from components.map.view import View
from components.session import view as view_session
from components.ui.modules import module_component

_bridge = module_component("footprint_map_bridge", "office_map/bridge.js")


def render_map_bridge(view: View, first_screen: bool = False) -> None:
    """Send ``view`` to the map; what it reports reaches
    :func:`components.session.view.explorer_snapshot`. ``first_screen``: the page waits
    for the map to be drawn (the bridge reports it then)."""
    _bridge(
        # Sent only while true: every byte of it goes with every click.
        data=view.map_message() | ({"firstScreen": True} if first_screen else {}),
        key=view_session.MAP_BRIDGE_KEY,
        on_select_change=view_session.on_map_event,
        on_basemap_change=view_session.on_map_event,
        on_arcs_change=view_session.on_map_event,
        on_drawn_change=view_session.on_map_event,
        width="content",
    )
