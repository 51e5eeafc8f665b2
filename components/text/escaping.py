"""Escaping for untrusted text that reaches HTML (the published page's header, footer and
title) or Markdown (everything Streamlit draws from data)."""

from __future__ import annotations

import html

# Text that a template places inside a JavaScript template literal (`…`) would break out of
# it at a backslash, a backtick or "${"; as HTML character references they are inert there and
# still display as typed, so markup escaped here is safe in both places.
_TEMPLATE_LITERAL_REFERENCES = str.maketrans({"\\": "&#92;", "`": "&#96;", "$": "&#36;"})


# Embedding, override and isolate controls: a right-to-left override (U+202E) in a name
# would otherwise reverse the text after it ("…exe.cod" for "doc.exe…") beyond the name.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolate_bidi(text: str) -> str:
    """Text holding bidirectional controls, isolated (first-strong isolate … pop directional
    isolate): its controls end where it ends, whatever they open. Other text as it is."""
    if BIDI_CONTROLS.isdisjoint(text):
        return text
    return _FIRST_STRONG_ISOLATE + text + _POP_DIRECTIONAL_ISOLATE


def escape_markup(value: object) -> str:
    """Text made safe as HTML content or attribute value and inside a JS template literal,
    its bidirectional controls isolated."""
    escaped = html.escape(isolate_bidi(str(value)), quote=True)
    return escaped.translate(_TEMPLATE_LITERAL_REFERENCES)


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~$:")


def escape_markdown(value: str) -> str:
    """Text made safe for Streamlit Markdown: every special character is backslashed, so it
    shows exactly as written (no links, emphasis, HTML, LaTeX or emoji shortcodes), and its
    bidirectional controls isolated."""
    escaped = "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in value)
    return isolate_bidi(escaped)


# Characters that could end a Markdown link's address or start markup in it; the schema
# already allows only http(s) addresses without spaces.
_URL_UNSAFE = str.maketrans({"(": "%28", ")": "%29", "<": "%3C", ">": "%3E", " ": "%20"})


def markdown_link(label: str, url: str | None) -> str:
    """``[label](url)`` with the label shown exactly as written and the address unable to
    break out of the link; the escaped label alone where there is no address, or where
    the address is not http(s)."""
    shown = escape_markdown(label)
    if not url or not url.startswith(("https://", "http://")):
        return shown
    return f"[{shown}]({url.translate(_URL_UNSAFE)})"
