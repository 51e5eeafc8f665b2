"""Small Markdown pieces several sections use."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from components.dataset import Dataset
from components.escaping import escape_markdown
from components.facts import source_label
from components.i18n import text


def bullets(items: Iterable[str]) -> str:
    """A Markdown list of ``items`` (already escaped)."""
    return "\n".join(f"- {item}" for item in items)


def sources_caption(dataset: Dataset, source_ids: Iterable[str], lang: str) -> None:
    """ "Sources: …" under a fact, each source named by its label."""
    labels = [source_label(dataset.sources_by_id[s], lang) for s in source_ids]
    st.caption(
        f"{text('field_sources', lang)}: " + "; ".join(escape_markdown(label) for label in labels)
    )
