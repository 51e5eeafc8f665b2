"""Capacity: how many readers at once the app serves with click → details p95 under 2 s.

    python -m bench.load [--replicas 1] [--levels 2 4 6 8 12 16 24 32] [--step-seconds 20]

Starts ``--replicas`` replicas behind nginx (``deploy/serve.py``) on loopback ports, records
one reader's session in Chromium (``bench/readers.py``), then steps the number of readers
at once: at each level that many readers each open the page and click three offices a
second apart, again and again, for ``--step-seconds``. It stops at the first level where
p95 click → details passes 2 s or a reader meets an error, or at the last level, or after
``--max-seconds``. Loopback only; bounded in readers and in time.

Per level it reports the readers' figures, the servers' CPU (replicas and nginx, as a share
of the machine's cores) and the load generator's own CPU (one process; if it were near one
core, it and not the app would be the limit), and the replicas' memory. Memory per reader is
measured apart: the replicas' resident memory with ``--idle-readers`` sessions open, less
the memory with none, divided by their number.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.readers import Recording, Tally, read, record
from deploy.serve import Deployment, deployment, free_ports
from testing.server import process_rss_mb

P95_LIMIT = 2.0  # seconds
HEADER = (
    "| readers at once | clicks | p50 | p95 | errors | server CPU | generator CPU | replicas' RSS |"
)
TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def server_pids(running: Deployment) -> list[int]:
    return running.server_pids()


@dataclass
class Step:
    readers: int
    tally: Tally
    seconds: float
    server_cpu: float  # share of the machine's cores
    generator_cpu: float  # share of one core
    replicas_rss: float

    @property
    def p50(self) -> float:
        return statistics.median(self.tally.clicks) if self.tally.clicks else 0.0

    @property
    def p95(self) -> float:
        return percentile(self.tally.clicks, 0.95)

    @property
    def passed(self) -> bool:
        return bool(self.tally.clicks) and not self.tally.errors and self.p95 <= P95_LIMIT


async def _reader_loop(url: str, recording: Recording, tally: Tally, until: float) -> None:
    while time.monotonic() < until:
        await read(url, recording, tally)


async def run_step(running: Deployment, recording: Recording, readers: int, seconds: float) -> Step:
    pids = server_pids(running)
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    own_before = own_cpu_seconds()
    start = time.monotonic()
    tally = Tally()
    until = start + seconds
    # Readers arrive spread over the first second, as a story's readers do.
    loops = []
    for index in range(readers):
        await asyncio.sleep(1.0 / readers)
        loops.append(
            asyncio.ensure_future(
                _reader_loop(running.url, recording, tally, until - index / readers)
            )
        )
    await asyncio.gather(*loops)
    elapsed = time.monotonic() - start
    replicas_rss = sum(process_rss_mb(pid) for pid in running.replica_pids())
    return Step(
        readers=readers,
        tally=tally,
        seconds=elapsed,
        server_cpu=(sum(cpu_seconds(pid) for pid in pids) - cpu_before) / elapsed / CORES,
        generator_cpu=(own_cpu_seconds() - own_before) / elapsed,
        replicas_rss=replicas_rss,
    )


async def memory_per_reader(running: Deployment, recording: Recording, count: int) -> float:
    """The replicas' extra resident memory per open session, in MB: ``count`` readers open
    the page, click their three offices and stay."""

    def total() -> float:
        return sum(process_rss_mb(pid) for pid in running.replica_pids())

    before = total()
    tally = Tally()
    hold = asyncio.Event()
    readers = [
        asyncio.ensure_future(read(running.url, recording, tally, think=0.2, hold=hold))
        for _ in range(count)
    ]
    expected = count * len(recording.clicks)
    while len(tally.clicks) + len(tally.errors) < expected and not all(r.done() for r in readers):
        await asyncio.sleep(0.2)  # polling the readers' progress
    after = total()
    hold.set()
    await asyncio.gather(*readers)
    return (after - before) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--levels", type=int, nargs="+", default=[2, 4, 6, 8, 12, 16, 24, 32])
    parser.add_argument("--step-seconds", type=float, default=20.0)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--idle-readers", type=int, default=20)
    args = parser.parse_args(argv)
    if max(args.levels) > 64 or args.step_seconds > 120:
        parser.error("at most 64 readers and 120 s per level")

    (port,) = free_ports(1)
    running = deployment(args.replicas, port)
    running.start()
    deadline = time.monotonic() + args.max_seconds
    steps: list[Step] = []
    try:
        recording = record(running.url)
        print(f"{args.replicas} replica(s) behind nginx at {running.url}; {CORES} cores")
        print(HEADER)
        print("|---|---|---|---|---|---|---|---|")
        for level in args.levels:
            if time.monotonic() + args.step_seconds > deadline:
                break
            step = asyncio.run(run_step(running, recording, level, args.step_seconds))
            steps.append(step)
            print(
                f"| {level} | {len(step.tally.clicks)} | {step.p50 * 1000:.0f} ms | "
                f"{step.p95 * 1000:.0f} ms | {len(step.tally.errors)} | "
                f"{step.server_cpu:.0%} of {CORES} cores | "
                f"{step.generator_cpu:.0%} of a core | "
                f"{step.replicas_rss:.0f} MB |"
            )
            sys.stdout.flush()
            if not step.passed:
                for error in sorted(set(step.tally.errors))[:5]:
                    print(f"  error: {error}")
                break
        per_reader = asyncio.run(memory_per_reader(running, recording, args.idle_readers))
    finally:
        running.stop()
    passed = [step.readers for step in steps if step.passed]
    capacity = max(passed) if passed else 0
    cores = min(args.replicas, CORES)
    print(
        f"capacity: {capacity} readers at once with p95 click → details ≤ {P95_LIMIT:.0f} s "
        f"({capacity / cores:.1f} per core used); memory per open session "
        f"{per_reader:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
