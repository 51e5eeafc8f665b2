"""Fixtures shared by every test, and the ``browser`` marker for real-browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

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
def dataset() -> Dataset:
    """The shipped ``data/offices.json``, loaded once (it is immutable)."""
    return load_dataset()
