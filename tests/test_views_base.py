"""Tests of what every view builds on (analysis/views/base.py): selections, bounds, chosen
outlets, summaries made once and a few outlets at a time."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.aggregate import MIN_MENTIONS
from analysis.pipeline import DEFAULT_SETTINGS
from analysis.results import MANIFEST, FolderStore, read_results, write_results
from analysis.tables import ARTICLE_TABLES, OUTLET_TABLES, Analysis
from analysis.views import (
    actors,
    base,
    keywords,
    stance,
    summarise,
)
from analysis.views.base import (
    bounds,
    chosen_outlets,
    outlet_batches,
)
from tests.view_cases import GURU


def test_bounds_name_the_missing_number() -> None:
    assert bounds(actors.Selection, "min_mentions") == (1, 100, MIN_MENTIONS)
    assert bounds(keywords.Selection, "top") == (3, 30, keywords.TOP_KEYWORDS)
    with pytest.raises(KeyError, match="no number 'top'"):
        bounds(actors.Selection, "top")


def test_chosen_outlets_keep_the_corpus_order_and_drop_unknownchart_names(
    seeds_analysis: Analysis,
) -> None:
    every = sorted(seeds_analysis.articles[S.OUTLET].unique())
    assert chosen_outlets(seeds_analysis, None) == every
    assert chosen_outlets(seeds_analysis, (every[2], "Nobody", every[0])) == [every[0], every[2]]


def test_a_corpus_wide_summary_is_made_once_for_every_selection_that_filters_it(
    seeds_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = stance.stance_summary

    def counted(*args: object) -> object:
        made.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stance, "stance_summary", counted)
    fresh = replace(seeds_analysis)  # a new analysis: nothing made for it yet
    topic = stance.build(fresh).topics[0]
    for selection in (stance.Selection(topic), stance.Selection(topic, (GURU,), ("Putin",))):
        stance.build(fresh, selection)
    assert len(made) == 1
    stance.build(replace(seeds_analysis), stance.Selection(topic))
    assert len(made) == 2  # another analysis, its own summary


def test_outlet_batches_are_runs_of_outlets_in_name_order_of_at_most_so_many_articles(
    corpus_dev_analysis: Analysis,
) -> None:
    articles = corpus_dev_analysis.articles
    sizes = articles.groupby(S.OUTLET).size()
    for most in (1, 2, 3, 7, len(articles)):
        batches = outlet_batches(articles, most)
        assert [outlet for batch in batches for outlet in batch] == sorted(sizes.index)
        for batch in batches:
            assert len(batch) == 1 or sizes[batch].sum() <= most
        for before, after in pairwise(batches):
            assert sizes[[*before, after[0]]].sum() > most  # a run ends only when full
    assert outlet_batches(articles, len(articles)) == [sorted(sizes.index)]


def test_a_stored_analysis_is_summarised_a_few_outlets_at_a_time_as_the_whole_would_be(
    corpus_dev_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = corpus_dev_analysis
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    del manifest["summaries"]  # as an analysis stored without them: made from the tables
    (tmp_path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    whole: list[str] = []
    batches: list[list[str]] = []
    real = FolderStore.read

    def read(store: FolderStore, name: str) -> pd.DataFrame:
        if store.outlets is None:
            whole.append(name)
        elif name in ARTICLE_TABLES:
            batches.append(list(store.outlets))
        return real(store, name)

    monkeypatch.setattr(FolderStore, "read", read)
    monkeypatch.setattr(base, "BATCH_ARTICLES", 4)
    expected = summarise(analysis)
    found = summarise(read_results(tmp_path))
    assert list(found) == list(expected)
    for name, summary in expected.items():
        frames = summary if isinstance(summary, tuple) else (summary,)
        made = found[name] if isinstance(found[name], tuple) else (found[name],)
        for frame, other in zip(made, frames, strict=True):
            pd.testing.assert_frame_equal(frame, other)
    assert set(whole) <= {"articles", *OUTLET_TABLES}  # no per-article table read whole
    assert batches and {tuple(b) for b in batches} <= {
        tuple(b) for b in outlet_batches(analysis.articles, 4)
    }
