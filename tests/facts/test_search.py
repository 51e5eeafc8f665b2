from __future__ import annotations

from collections.abc import Callable

import pytest

from components.data.schema import Dataset
from components.facts.search import search

Found = Callable[..., list[tuple[str, str]]]


@pytest.fixture
def found(dataset: Dataset) -> Found:
    """What a search finds, as (kind, office id) pairs."""

    def search_for(query: str, lang: str = "en") -> list[tuple[str, str]]:
        return [(result.kind, result.office_id) for result in search(dataset, query, lang)]

    return search_for


@pytest.mark.parametrize("query", ["Tokyo", "tokio", "TOK", "  tokyo  "])
def test_offices_are_found_by_either_name(query: str, found: Found) -> None:
    assert found(query)[0] == ("office", "tokyo")


def test_accents_do_not_matter(found: Found) -> None:
    assert found("brussel") == [("office", "brussels")]
    assert found("Brüssel") == [("office", "brussels")]


def test_countries_in_either_language_find_their_offices(found: Found) -> None:
    assert found("Vereinigte Staaten") == [
        ("country", "san-francisco"), ("country", "new-york"), ("country", "seattle"),
    ]  # fmt: skip
    assert found("ireland") == found("Irland") == [("country", "dublin")]


def test_people_and_partners_find_their_office(found: Found) -> None:
    assert found("oliver") == [("person", "singapore")]
    assert found("Kunvatanagarn") == [("person", "singapore")]
    assert found("nagasaki") == [("person", "tokyo")]
    assert ("partner", "singapore") in found("AI Singapore")


def test_names_that_start_with_the_query_come_first(found: Found) -> None:
    kinds = [kind for kind, _ in found("singap")]
    assert kinds[0] == "office" and kinds[-1] == "partner"


def test_labels_are_in_the_reader_language(dataset: Dataset) -> None:
    labels = [result.label for result in search(dataset, "japan", "de")]
    assert labels == ["Japan · Tokio"]


@pytest.mark.parametrize("query", ["", "   ", "zzzz", "<script>", "x" * 10_000])
def test_nothing_or_no_match_finds_nothing(query: str, found: Found) -> None:
    assert found(query) == []
