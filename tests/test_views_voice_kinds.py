"""Tests of the kinds of voices on the Voices page (analysis/views/voice_kinds.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.speaker_kinds import ROLES, outlet_roles, voice_kinds
from analysis.tables import Analysis
from analysis.views import voice_kinds as view
from analysis.views import voices
from tests.test_views_groups import by_story
from tests.view_cases import GURU


def test_the_kinds_of_the_chosen_outlets_are_those_of_each_outlet_alone(
    seeds_analysis: Analysis,
) -> None:
    analysis = seeds_analysis
    every = view.kind_tables(analysis, sorted(analysis.articles[S.OUTLET].unique()))
    guru = view.kind_tables(analysis, [GURU])
    assert set(guru.kinds[S.OUTLET]) == {GURU} == set(guru.diversity[S.OUTLET])
    alone = analysis.subset([GURU])
    roles = outlet_roles(alone.speaker_roles, alone.quotes, alone.labels, alone.articles)
    pd.testing.assert_frame_equal(guru.kinds, voice_kinds(roles, alone.quotes, alone.articles))
    assert len(every.kinds) == len(ROLES) * every.kinds[S.OUTLET].nunique()


def test_the_voices_view_carries_the_kinds_and_draws_them_last(seeds_analysis: Analysis) -> None:
    tables = voices.build(seeds_analysis, voices.Selection((GURU,), top=3))
    assert set(tables.kinds.kinds[S.OUTLET]) == {GURU}
    drawn = voices.charts(tables)
    assert [chart.name for chart in drawn] == [
        *(chart.name for chart in voices.speaker_charts(tables)),
        view.CHART,
    ]
    bars = drawn[-1].figure
    assert {trace.name for trace in bars.data} >= {"politician"}


def test_no_quotes_draw_a_figure_that_says_so() -> None:
    empty = pd.DataFrame(
        columns=[S.OUTLET, S.ROLE, S.QUOTES, S.WORDS, S.SHARE_QUOTES, S.SHARE_WORDS]
    )
    figure = view.kind_bars(empty)
    assert not figure.data
    assert "No attributed quotes" in figure.layout.annotations[0].text


def test_groups_of_outlets_pool_their_quotes(
    corpus_dev_analysis: Analysis, corpus_dev: Path
) -> None:
    analysis = corpus_dev_analysis
    stories = by_story(corpus_dev)
    grouped = view.group_kind_tables(analysis, stories, "story")
    each = view.kind_tables(analysis, sorted(analysis.articles[S.OUTLET].unique()))
    assert set(grouped.kinds[S.OUTLET]) == {"istanbul-talks", "geneva-trade-talks"}
    assert grouped.kinds[S.QUOTES].sum() == each.kinds[S.QUOTES].sum()
    # about fifteen articles a story: each group's diversity has an interval
    assert grouped.diversity[S.CI_LOW].notna().all()
    assert (grouped.diversity[S.ARTICLES] >= 10).all()
    assert view.group_kind_tables(analysis, stories, "no such grouping").kinds.empty
