"""Small Markdown pieces several sections use: lists, footnote numbers, source lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import streamlit as st

from components.facts.citations import SourcedLine, SourceRef
from components.text.catalog import _
from components.text.escaping import escape_markdown, markdown_link


def strong(text: str) -> str:
    """Markdown bold, for a heading that a message gives (already safe Markdown)."""
    return f"**{text}**"


def bullets(items: Iterable[str]) -> str:
    """A Markdown list of ``items`` (already escaped)."""
    return "\n".join(f"- {item}" for item in items)


def paragraphs(*blocks: str) -> str:
    """Markdown blocks (already escaped) as paragraphs of one element; empty ones left out."""
    return "\n\n".join(block for block in blocks if block)


def cited(numbers: Iterable[int]) -> str:
    """ " [1, 3]": which sources of the panel's list back a fact (nothing for none)."""
    shown = ", ".join(str(number) for number in numbers)
    return f" \\[{shown}\\]" if shown else ""


def source_links(refs: Iterable[SourceRef]) -> str:
    """ "[TechCrunch](…) [1], [CNA](…) [4]": each source by its publisher, a link, with its
    number in the panel's list."""
    return ", ".join(
        f"{markdown_link(ref.publisher, ref.url)}{cited((ref.number,))}" for ref in refs
    )


def sourced_line(line: SourcedLine) -> str:
    """A difference or a later development: its date, its text and its sources as links."""
    when = f"{escape_markdown(line.date)}: " if line.date else ""
    return f"{when}{escape_markdown(line.text)} ({source_links(line.sources)})"


def render_differences(lines: Iterable[SourcedLine], lang: str) -> None:
    """ "Sources differ: …", each side's source linked."""
    for line in lines:
        differ = _("**Sources differ:** {line}", lang, line=sourced_line(line))
        st.markdown(f":material/compare_arrows: {differ}")


def render_source_list(refs: Iterable[SourceRef], lang: str) -> None:
    """The panel's sources, each once, numbered as the facts cite them, each a link."""
    items = []
    for ref in refs:
        note = f" — {escape_markdown(ref.note)}" if ref.note else ""
        items.append(f"{ref.number}. {markdown_link(ref.label, ref.url)}{note}")
    if items:
        st.caption(strong(_("Sources", lang)) + "\n\n" + "\n".join(items))


def keep_place(key: str, width: Literal["stretch", "content"] = "stretch") -> None:
    """The place of controls that come after the page's first screen, kept so that nothing
    below moves when they come (``static/page.css`` gives each its height). It holds an
    empty element: Streamlit does not draw an empty block at all."""
    st.container(key=key, width=width).empty()
