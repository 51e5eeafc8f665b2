from __future__ import annotations

import html

from components.escaping import escape_markup
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
