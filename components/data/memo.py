"""Results kept per object, for the immutable dataset.

``functools.lru_cache`` would hash the dataset on every call, and hashing a frozen model of
5,000 offices walks all of them; the dataset the app shows is one object for as long as its
file is unchanged (``st.cache_resource``), so its identity is the cheaper key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_object(maxsize: int = 8) -> Callable[[Callable[[T], R]], Callable[[T], R]]:
    """Cache a one-argument function's result by the identity of its argument (the object is
    kept alive while cached, so its identity is never reused for another object).

    Safe across the server's threads: the cache is read and changed under a lock (a lookup
    followed by another thread's eviction raised ``KeyError``); the function itself runs
    outside it, so two threads may compute the same value once each, never a wrong one."""

    def decorate(function: Callable[[T], R]) -> Callable[[T], R]:
        cache: OrderedDict[int, tuple[T, R]] = OrderedDict()
        lock = threading.Lock()

        @wraps(function)
        def cached(value: T) -> R:
            with lock:
                hit = cache.get(id(value))
                if hit is not None and hit[0] is value:
                    cache.move_to_end(id(value))
                    return hit[1]
            result = function(value)
            with lock:
                cache[id(value)] = (value, result)
                cache.move_to_end(id(value))
                while len(cache) > maxsize:
                    cache.popitem(last=False)
            return result

        return cached

    return decorate
