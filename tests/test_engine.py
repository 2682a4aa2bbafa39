"""Cutting work into parts and running them on Dask: here, on a local cluster, on a cluster
started apart (as an existing cluster would be), through the death of a worker."""

from __future__ import annotations

import os
import signal
import time
from functools import partial
from itertools import pairwise
from pathlib import Path

import pandas.testing as pdt
import pytest

from analysis import pipeline
from analysis.cache import DiskCache
from analysis.corpus import Corpus
from analysis.engine import Engine, Progress, Stopped, map_parts, split
from analysis.pipeline import ANALYSE, analyse, article_tables, parallel_article_tables


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
        analyse(seeds_corpus, engine=Engine(should_stop=lambda: True), cache=cache)
    assert not list(tmp_path.glob("*.entry"))


def test_progress_is_told_after_every_part() -> None:
    parts = [list(range(n)) for n in (3, 1, 4)]
    for workers in (1, 2):
        heard: list[Progress] = []
        map_parts(
            sum, parts, workers=workers, sizes=[3, 1, 4], stage="adding", on_progress=heard.append
        )
        assert heard[0] == Progress("adding", 0, 8)
        assert len(heard) == 4
        assert [p.done for p in heard] == sorted(p.done for p in heard)
        assert heard[-1] == Progress("adding", 8, 8)


def test_an_engine_maps_on_its_workers_and_tells_its_listener() -> None:
    heard: list[Progress] = []
    engine = Engine(workers=1, on_progress=heard.append)
    assert engine.map(sum, [[1, 2], [3]], sizes=[2, 1], stage="adding") == [3, 3]
    assert heard == [Progress("adding", 0, 3), Progress("adding", 2, 3), Progress("adding", 3, 3)]
    with pytest.raises(Stopped):
        Engine(workers=1, should_stop=lambda: True).map(sum, [[1], [2]])


def test_a_cluster_makes_the_tables_one_process_makes_through_a_killed_worker(
    corpus_dev_corpus: Corpus, scheduler: str
) -> None:
    """The articles of corpus-dev analysed on a cluster whose worker is killed after the
    first part is done: Dask runs that worker's parts again, and every table is the same,
    row for row, as in one process."""
    from distributed import Client

    articles = corpus_dev_corpus.articles
    alone = article_tables(articles)
    with Client(scheduler) as watcher:
        pids = watcher.run(os.getpid)
    killed: list[int] = []

    def kill_one(progress: Progress) -> None:
        if not killed:
            killed.append(next(iter(pids.values())))
            os.kill(killed[0], signal.SIGKILL)

    heard: list[Progress] = []
    shared = parallel_article_tables(
        articles,
        engine=Engine(scheduler=scheduler, on_progress=lambda p: (kill_one(p), heard.append(p))),
    )
    assert killed
    assert heard[-1] == Progress(ANALYSE, len(articles), len(articles))
    assert shared.keys() == alone.keys()
    for name in alone:
        pdt.assert_frame_equal(alone[name], shared[name], obj=name)
    assert len(shared["mentions"]) > 500


def test_a_small_corpus_reports_its_articles_analysed(
    seeds_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[Progress] = []
    monkeypatch.setattr(pipeline, "MIN_PARALLEL_WORDS", 10**9)
    analyse(seeds_corpus, engine=Engine(on_progress=heard.append))
    assert heard[:2] == [Progress(ANALYSE, 0, 3), Progress(ANALYSE, 3, 3)]
    assert heard[-1] == Progress(pipeline.COMPARE, 3, 3)
