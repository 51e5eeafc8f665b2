"""Fixtures shared by every test, and the ``browser`` marker for real-browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.at_date import dataset_at, default_step
from components.data.loading import load_dataset
from components.data.schema import Dataset

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under ``tests/browser/`` is a real-browser test: ``-m "not browser"``
    then runs without starting Chromium or a server."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def catalog() -> Dataset:
    """The shipped ``data/offices.json``, every office at every date, loaded once (it is
    immutable)."""
    return load_dataset()


@pytest.fixture(scope="session")
def dataset(catalog: Dataset) -> Dataset:
    """The shipped data as the page opens: the footprint at the data's date (the nine
    offices of 9 October 2024)."""
    return dataset_at(catalog, default_step(catalog))
