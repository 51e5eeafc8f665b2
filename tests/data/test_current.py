"""The dataset the app shows: kept out of the garbage collector's walks once prepared."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from components.data.current import keep_out_of_collections
from components.data.loading import load_dataset


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_the_shipped_dataset_leaves_the_collectors_walks_once() -> None:
    dataset = load_dataset()
    assert gc.get_freeze_count() == 0
    assert keep_out_of_collections(dataset)
    frozen = gc.get_freeze_count()
    # Every record of the dataset is among the frozen objects (and more: what was alive).
    assert frozen > len(dataset.offices) + len(dataset.sources)
    assert sum(gc.get_count()) < 100  # nothing left for a collection to walk
    gc.unfreeze()
    keep_out_of_collections(dataset)  # the same dataset: done already
    assert gc.get_freeze_count() == 0
