"""The bare baseline for the benchmark: a circle marker for each office the dashboard opens
with (nine: ``bench.compare`` names them), on self-hosted Leaflet, and the clicked office's
name echoed in a keyed container. Nothing else.

    streamlit run bench/baseline_app.py      (from the repository root)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

DATA = Path(__file__).resolve().parent.parent / "data" / "offices.json"

st.set_page_config(page_title="Baseline map", layout="wide")
if os.environ.get("BENCH_BASELINE_TCP_NODELAY") == "1":  # python -m bench.compare --baseline-...
    from components.server.sockets import enable_nodelay_on_untyped_listeners

    enable_nodelay_on_untyped_listeners()
offices = json.loads(DATA.read_text(encoding="utf-8"))["offices"]
if shown := os.environ.get("BENCH_BASELINE_OFFICES"):  # the dashboard's opening footprint
    offices = [office for office in offices if office["id"] in shown.split(",")]

office_map = folium.Map(location=(30.0, 8.6), zoom_start=2, tiles=None)
office_map.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
office_map.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
for office in offices:
    folium.CircleMarker(
        (office["lat"], office["lon"]),
        radius=9,
        tooltip=office["city"]["en"],
        class_name=f"office-marker office-{office['id']}",
        fill=True,
    ).add_to(office_map)

value = st_folium(
    office_map,
    key="map",
    height=520,
    use_container_width=True,
    returned_objects=["last_object_clicked_tooltip"],
)
with st.container(key="office-details"):
    name = (value or {}).get("last_object_clicked_tooltip")
    if name:
        st.subheader(name, anchor=False)
