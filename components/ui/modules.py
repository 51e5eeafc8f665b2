"""Streamlit components (``st.components.v2``) whose code is an ES module of the app's static
files (``static/office_map/``), drawn in the page itself (no frame of their own).

A component's code goes with every message that draws it: so it is a loader of a few dozen
bytes, and the module itself a file the browser fetches once from the app's static files
(its version in the address: a changed file is fetched anew).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import streamlit as st

STATIC = Path(__file__).resolve().parents[2] / "static"


def module_component(name: str, module: str, css: str | None = None) -> Any:
    """Register the component ``name`` whose code is ``static/<module>``'s default export."""
    version = hashlib.sha256((STATIC / module).read_bytes()).hexdigest()[:12]
    # Absolute, because the component's code runs from a blob: address; on several lines,
    # because Streamlit takes a one-line string naming a .js file for a file of a package.
    loader = (
        "export default (c) =>\n"
        f"  import(location.origin + '/app/static/{module}?v={version}')"
        ".then((m) => m.default(c));\n"
    )
    return st.components.v2.component(name, js=loader, css=css)
