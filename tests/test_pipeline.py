"""The whole analysis: the same tables on one core and on two, the disk cache, the settings."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import pipeline
from analysis import schema as S
from analysis.actors import Actor, default_registry
from analysis.corpus import Corpus, apply_edits, build_corpus
from analysis.ingest import read_paths
from analysis.pipeline import (
    ARTICLE_TABLES,
    CORPUS_TABLES,
    DiskCache,
    Settings,
    analyse,
    cached_corpus,
)
from tests.conftest import SEEDS


def _assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        pdt.assert_frame_equal(left[name], right[name], obj=name)


def test_two_workers_make_the_tables_one_process_makes(
    corpus_dev_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MIN_PARALLEL_WORDS", 0)
    alone = analyse(corpus_dev_corpus, workers=1)
    timings: dict[str, float] = {}
    shared = analyse(corpus_dev_corpus, workers=2, timings=timings)
    _assert_same(alone, shared)
    assert set(ARTICLE_TABLES) <= set(timings)
    assert len(shared["mentions"]) > 500
    assert set(shared["mentions"][S.ARTICLE_ID]) <= set(corpus_dev_corpus.articles[S.ARTICLE_ID])


def test_parallel_cleaning_builds_the_same_corpus(
    corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = read_paths([corpus_dev])
    alone = build_corpus(result, workers=1)
    monkeypatch.setattr("analysis.corpus.MIN_PARALLEL_CHARS", 0)
    shared = build_corpus(result, workers=2)
    for name in ("articles", "rejected", "removed"):
        pdt.assert_frame_equal(getattr(alone, name), getattr(shared, name), obj=name)


def test_a_corpus_analysed_once_is_read_back_from_disk(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    timings: dict[str, float] = {}
    first = analyse(seeds_corpus, cache=cache, timings=timings)
    assert "keywords" in timings
    assert len(list(tmp_path.glob("*.pickle"))) == 2  # per-article and outlet tables
    again: dict[str, float] = {}
    second = analyse(seeds_corpus, cache=DiskCache(tmp_path), timings=again)
    assert again == {}  # nothing was analysed
    _assert_same(first, second)


def test_edits_to_outlets_reuse_the_per_article_tables(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    analyse(seeds_corpus, cache=cache)
    first = seeds_corpus.articles[S.ARTICLE_ID].iloc[0]
    edited = Corpus(
        apply_edits(seeds_corpus.articles, {first: {S.OUTLET: "Renamed Outlet"}}),
        seeds_corpus.rejected,
        seeds_corpus.removed,
    )
    timings: dict[str, float] = {}
    tables = analyse(edited, cache=cache, timings=timings)
    assert "keywords" not in timings and "distinctive_terms" in timings
    assert "Renamed Outlet" in set(tables["actor_summary"][S.OUTLET])


def test_new_settings_are_a_new_analysis(seeds_corpus: Corpus, tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    plain = analyse(seeds_corpus, cache=cache)
    registry = (*default_registry(), Actor("Istanbul", "place", ("Istanbul",)))
    timings: dict[str, float] = {}
    more = analyse(seeds_corpus, Settings(registry=registry), cache=cache, timings=timings)
    assert "mentions" in timings
    assert "Istanbul" in set(more["mentions"][S.ACTOR])
    assert "Istanbul" not in set(plain["mentions"][S.ACTOR])
    assert Settings().fingerprint() == Settings(registry=default_registry()).fingerprint()
    assert Settings().fingerprint() != Settings(coref=False).fingerprint()


def test_built_corpora_are_kept_too(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    result = read_paths([SEEDS])
    built = cached_corpus(result, cache=cache)
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    again = cached_corpus(read_paths([SEEDS]), cache=cache)
    pdt.assert_frame_equal(built.articles, again.articles)
    unclean = cached_corpus(result, clean=False, cache=cache)
    assert len(list(tmp_path.glob("*.pickle"))) == 2
    assert unclean.removed.empty and not built.removed.empty


def test_a_damaged_or_foreign_entry_is_made_again(seeds_corpus: Corpus, tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    analyse(seeds_corpus, cache=cache)
    for path in tmp_path.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    timings: dict[str, float] = {}
    tables = analyse(seeds_corpus, cache=cache, timings=timings)
    assert "keywords" in timings and set(CORPUS_TABLES) <= set(tables)
    key = DiskCache.key("x")
    cache.put(key, ["a list"])
    assert cache.remember(key, lambda: {"made": 1}, dict) == {"made": 1}


def test_two_writers_at_once_leave_one_whole_entry(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    frame = pd.DataFrame({"n": range(200_000)})
    key = DiskCache.key("race")
    writers = [threading.Thread(target=cache.put, args=(key, {"t": frame})) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert [p.name for p in tmp_path.iterdir()] == [f"{key}.pickle"]
    stored = cache.get(key)
    assert isinstance(stored, dict)
    pdt.assert_frame_equal(stored["t"], frame)


def test_an_unwritable_folder_only_means_no_cache(seeds_corpus: Corpus, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    tables = analyse(seeds_corpus, cache=DiskCache(blocked / "cache"))
    assert len(tables["mentions"]) > 0


def test_old_entries_are_forgotten(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_age_days=0)
    cache.put(DiskCache.key("old"), 1)
    cache.put(DiskCache.key("new"), 2)
    assert cache.get(DiskCache.key("old")) is None
