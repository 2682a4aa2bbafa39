"""Running a function over many items on every core.

:func:`split` cuts a run of items into parts of about equal work; :func:`map_parts` runs a
module-level function on each part in a pool of worker processes and returns the results in
order. One pool serves the whole program
and starts when first needed; its workers come from a fork server that has imported the
analysers once, so a worker starts in milliseconds and never inherits the threads of a web
server. Like every :mod:`multiprocessing` program, a script that analyses a large corpus needs
the ``if __name__ == "__main__":`` guard (the workers import the script's main module). Should
the workers die, the work runs in the calling process instead: the same results, one core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import pairwise
from multiprocessing import get_context
from typing import TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")

#: Parts per worker: more parts even out the work, fewer move less data between processes.
PARTS_PER_WORKER = 4
#: Modules the fork server imports before it forks a worker.
PRELOAD = ["analysis.pipeline"]

#: Seconds between two looks at ``should_stop`` while parts are running.
POLL_SECONDS = 0.5

_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def split(sizes: Sequence[int], count: int) -> list[tuple[int, int]]:
    """``(start, end)`` runs of consecutive positions, at most ``count`` of them, none empty,
    each holding about the same share of the total of ``sizes``."""
    if not sizes:
        return []
    total = sum(sizes) or 1
    cuts, running, part = [0], 0, 1
    for position, size in enumerate(sizes):
        running += size
        if part < count and running >= total * part / count and position + 1 < len(sizes):
            cuts.append(position + 1)
            part += 1
    cuts.append(len(sizes))
    return list(pairwise(cuts))


def _get_pool(workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    if _pool is None or workers != _pool_size:
        stop()
        context = get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _pool, _pool_size = ProcessPoolExecutor(max_workers=workers, mp_context=context), workers
    return _pool


def stop() -> None:
    """Shut the pool down (a later call starts a new one)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


class Stopped(Exception):
    """The work was stopped because ``should_stop`` said so (its requester is gone)."""


def _here(
    function: Callable[[Part], Result], parts: list[Part], should_stop: Callable[[], bool]
) -> list[Result]:
    results = []
    for part in parts:
        if should_stop():
            raise Stopped
        results.append(function(part))
    return results


def map_parts(
    function: Callable[[Part], Result],
    parts: list[Part],
    *,
    workers: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[Result]:
    """``function`` of each of ``parts``, in order, on ``workers`` processes. ``function``
    must be defined at module level (or be a :func:`functools.partial` of one): it is sent
    to the workers by name. With ``workers`` <= 1 or a single part, it runs here. When
    ``should_stop()`` turns true (it is asked every :data:`POLL_SECONDS` and between parts),
    the parts not started are cancelled and :class:`Stopped` is raised."""
    if workers <= 1 or len(parts) <= 1:
        return _here(function, parts, should_stop)
    try:
        futures = [_get_pool(workers).submit(function, part) for part in parts]
        waiting = set(futures)
        while waiting:
            if should_stop():
                for future in futures:
                    future.cancel()
                raise Stopped
            _, waiting = wait(waiting, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        return [future.result() for future in futures]
    except BrokenProcessPool:
        stop()
        return _here(function, parts, should_stop)
