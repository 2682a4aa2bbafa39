"""Cutting work into parts and running the parts on worker processes."""

from __future__ import annotations

import time
from functools import partial
from itertools import pairwise
from pathlib import Path

import pytest

from analysis.cache import DiskCache
from analysis.corpus import Corpus
from analysis.pipeline import analyse
from analysis.workers import Stopped, map_parts, split


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


def _slow_sum(part: list[int]) -> int:
    time.sleep(0.3)
    return sum(part)


def test_work_stops_when_its_requester_has_gone() -> None:
    """should_stop turning true cancels the parts not started and raises Stopped, on two
    workers and in this process."""
    parts = [[n] for n in range(40)]
    for workers in (2, 1):
        asked = []

        def gone(asked: list[int] = asked) -> bool:
            asked.append(1)
            return len(asked) > 2

        with pytest.raises(Stopped):
            map_parts(_slow_sum, parts, workers=workers, should_stop=gone)
        assert len(asked) == 3  # stopped at the third look, the remaining parts cancelled


def test_an_analysis_whose_requester_has_gone_stores_nothing(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    with pytest.raises(Stopped):
        analyse(seeds_corpus, cache=cache, should_stop=lambda: True)
    assert not list(tmp_path.glob("*.entry"))
