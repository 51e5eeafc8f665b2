"""Results kept per object: computed once per object, evicted oldest first, and safe when the
server's threads call at once."""

from __future__ import annotations

import sys
import threading
from collections import Counter

from components.data.memo import per_object


class Thing:
    def __init__(self, n: int) -> None:
        self.n = n


def test_a_result_is_computed_once_per_object_and_the_oldest_is_evicted() -> None:
    calls: Counter[int] = Counter()

    @per_object(maxsize=2)
    def square(thing: Thing) -> int:
        calls[thing.n] += 1
        return thing.n * thing.n

    one, two, three = Thing(1), Thing(2), Thing(3)
    assert [square(one), square(two), square(one)] == [1, 4, 1]
    assert calls == {1: 1, 2: 1}
    square(three)  # evicts two, the least recently used
    square(one)
    square(two)
    assert calls == {1: 1, 2: 2, 3: 1}


def test_threads_calling_at_once_get_right_results_and_no_error() -> None:
    @per_object(maxsize=3)  # four things, three places: hits and evictions interleave
    def double(thing: Thing) -> int:
        return thing.n * 2

    things = [Thing(n) for n in range(4)]
    errors: list[BaseException] = []
    wrong: list[int] = []

    def work(offset: int) -> None:
        try:
            for round_ in range(20_000):
                thing = things[(round_ * 7 + offset) % len(things)]
                if double(thing) != thing.n * 2:
                    wrong.append(thing.n)
        except BaseException as error:  # the test reports any
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can: races show
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and wrong == []
