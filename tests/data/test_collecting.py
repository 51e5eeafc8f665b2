"""Collections pause while a builder runs, and come back as they were."""

from __future__ import annotations

import gc
import threading

import pytest

from components.data.collecting import paused_collections


def test_collections_pause_inside_and_resume_after_the_outermost_block() -> None:
    assert gc.isenabled()
    with paused_collections():
        assert not gc.isenabled()
        with paused_collections():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer builder is still under way
    assert gc.isenabled()


def test_collections_resume_after_a_builder_fails() -> None:
    @paused_collections()
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        failing()
    assert gc.isenabled()


def test_collections_stay_off_if_they_were_off() -> None:
    gc.disable()
    try:
        with paused_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collections_resume_only_when_every_thread_is_done() -> None:
    inside, release = threading.Event(), threading.Event()

    def builder() -> None:
        with paused_collections():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=builder)
    thread.start()
    inside.wait(10)
    with paused_collections():
        pass
    assert not gc.isenabled()  # the other thread's builder is still under way
    release.set()
    thread.join(10)
    assert gc.isenabled()
