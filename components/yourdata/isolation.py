"""Reading a reader's file in a process of its own, with a time limit.

Reading is bounded (:mod:`components.yourdata.reading`), but a large workbook can still take
seconds of pure Python (openpyxl scans a whole sheet that does not declare its size), and
Python runs one thread at a time: read in the server's process, it would stall every other
reader's clicks. So the page reads in a child process (``python -m
components.yourdata.isolation``: a fresh interpreter, about 0.3 s to start, never a fork of
the server's threads), waits for it in short steps, calling ``tick`` at each so that the page
can show progress and Streamlit can stop the run there (a new upload or a closed tab stops it
at its next element update), and stops the child when the run stops, fails or takes longer
than :data:`TIME_LIMIT`. The child's memory is its own and is returned when it exits.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from components.yourdata.messages import Message
from components.yourdata.reading import InputError, Table, read_table

TIME_LIMIT = 20.0  # seconds
_STEP = 0.1  # seconds between ticks while the child reads
_ROOT = Path(__file__).resolve().parents[2]


def read_isolated(
    name: str | None,
    data: bytes,
    tick: Callable[[float], None] = lambda _elapsed: None,
    time_limit: float = TIME_LIMIT,
) -> Table:
    """:func:`read_table` in a child process: its table, or its :class:`InputError`; an
    ``InputError`` too when the child takes longer than ``time_limit`` or fails."""
    source = Message.of("source.file", name=name) if name is not None else PASTED_SOURCE
    # The request and the answer go through unnamed temporary files, not pipes: neither side
    # ever waits for the other to make room.
    with tempfile.TemporaryFile() as request, tempfile.TemporaryFile() as answer:
        pickle.dump((name, data), request)
        request.seek(0)
        child = subprocess.Popen(
            [sys.executable, "-m", "components.yourdata.isolation"],
            cwd=_ROOT,
            stdin=request,
            stdout=answer,
            stderr=subprocess.DEVNULL,
        )
        started = time.monotonic()
        try:
            while True:
                try:
                    child.wait(timeout=_STEP)
                    break
                except subprocess.TimeoutExpired:
                    elapsed = time.monotonic() - started
                    if elapsed > time_limit:
                        raise InputError(
                            "read.too_slow", source=source, seconds=int(time_limit)
                        ) from None
                    tick(elapsed)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        answer.seek(0)
        output = answer.read()
    if child.returncode != 0 or not output:
        raise InputError("read.failed", source=source)
    outcome, value = pickle.loads(output)  # the child is this module: its own output
    if outcome == "error":
        message: Message = value
        raise InputError(message.code, **dict(message.values))
    table: Table = value
    return table


PASTED_SOURCE = Message.of("source.pasted")


def _main() -> None:
    """The child: a pickled ``(name, data)`` on stdin, a pickled outcome on stdout."""
    name, data = pickle.loads(sys.stdin.buffer.read())
    outcome: tuple[str, Any]
    try:
        outcome = ("table", read_table(name, data))
    except InputError as error:
        outcome = ("error", error.message)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    _main()
