"""The garbage collector paused while the app builds a large structure it keeps.

Validating 50,000 offices allocates millions of objects, and every so many allocations
Python runs a collection; the older generations' collections walk everything built so far,
so the work grows with the square of the size. Measured on the 50,000-office file
(``bench/generate.py``): pydantic's validation 2.0 s with collections on, 0.65 s paused.
Nothing these builders make is garbage in a cycle, so pausing frees nothing later than
it would have been; what they keep for the process is then frozen out of later collections
(:func:`components.data.current.keep_out_of_collections`).
"""

from __future__ import annotations

import gc
import threading
from contextlib import ContextDecorator
from typing import Any

_lock = threading.Lock()
_depth = 0  # builders under way, in any thread
_resume = False  # whether collections were on when the first of them began


class paused_collections(ContextDecorator):  # noqa: N801 (used as a decorator and a block)
    """Automatic collections off while any thread is inside one of these; back on (if they
    were on) when the last leaves."""

    def __enter__(self) -> paused_collections:
        global _depth, _resume
        with _lock:
            if _depth == 0:
                _resume = gc.isenabled()
                gc.disable()
            _depth += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        global _depth
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
