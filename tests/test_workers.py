"""Cutting work into parts and running the parts on worker processes."""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from analysis.workers import map_parts, split


def test_parts_hold_about_the_same_work() -> None:
    sizes = [600] * 90 + [6000] * 10
    cuts = split(sizes, 8)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(sizes)
    assert all(a < b for a, b in cuts)
    assert all(b == c for (_, b), (c, _) in pairwise(cuts))
    work = [sum(sizes[a:b]) for a, b in cuts]
    assert max(work) <= 2 * sum(sizes) / len(cuts)
    assert split([], 4) == []
    assert split([5], 4) == [(0, 1)]
    assert split([0, 0, 0], 2) == [(0, 3)]


def test_results_come_back_in_order_on_two_workers() -> None:
    parts = [list(range(i, i + 5)) for i in range(0, 50, 5)]
    assert map_parts(partial(sorted, reverse=True), parts, workers=2) == [
        sorted(part, reverse=True) for part in parts
    ]
    assert map_parts(sum, parts, workers=1) == [sum(part) for part in parts]
