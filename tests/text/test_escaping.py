from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from components.text.escaping import (
    BIDI_CONTROLS,
    escape_markdown,
    escape_markup,
    markdown_link,
)
from tests.helpers import HOSTILE_TEXT


def test_markup_is_escaped() -> None:
    assert escape_markup('<b a="1">&</b>') == "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"


def test_template_literal_breakers_are_escaped() -> None:
    escaped = escape_markup(HOSTILE_TEXT)
    for breaker in ("`", "${", "\\", "<", ">"):
        assert breaker not in escaped


def test_escaped_text_reads_back_as_the_original() -> None:
    assert html.unescape(escape_markup(HOSTILE_TEXT)) == HOSTILE_TEXT


def test_plain_text_is_unchanged() -> None:
    assert escape_markup("Brüssel") == "Brüssel"


@pytest.mark.parametrize(
    "value", ["[link](http://x)", "**bold** _it_", "<b>x</b>", "$x^2$", ":smile:", "# h", "a|b"]
)
def test_markdown_specials_are_backslashed(value: str) -> None:
    escaped = escape_markdown(value)
    # Every special character is preceded by a backslash; removing them restores the text.
    assert re.sub(r"\\(.)", r"\1", escaped) == value
    assert all(escaped[i - 1] == "\\" for i, char in enumerate(escaped) if char in "[]*_<>$:#|")


def test_markdown_escaping_leaves_plain_text_alone() -> None:
    assert escape_markdown("Brüssel, Belgien") == "Brüssel, Belgien"


def test_a_markdown_link_shows_its_label_as_written_and_keeps_its_address_inside() -> None:
    link = markdown_link("[x](javascript:alert(1)) *b*", "https://example.com/a_(b)?q=<c> d")
    assert link == (
        "[\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*b\\*]"
        "(https://example.com/a_%28b%29?q=%3Cc%3E%20d)"
    )


@pytest.mark.parametrize("url", [None, "", "javascript:alert(1)", "file:///etc/passwd"])
def test_a_markdown_link_without_an_http_address_is_its_label(url: str | None) -> None:
    assert markdown_link("Reuters", url) == "Reuters"


@pytest.mark.parametrize("escape", [escape_markdown, escape_markup])
def test_bidirectional_controls_end_where_the_text_ends(escape: Callable[[str], str]) -> None:
    for control in BIDI_CONTROLS:
        shown = escape(f"Paris{control}x")
        assert shown.startswith("\u2068") and shown.endswith("\u2069")
    assert escape("Tel Aviv \u05ea\u05dc") == "Tel Aviv \u05ea\u05dc"  # Hebrew itself is text
