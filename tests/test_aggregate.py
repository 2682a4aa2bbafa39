"""Outlet x actor summaries with bootstrap intervals and the minimum-mentions rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import aggregate
from analysis import schema as S
from analysis.aggregate import actor_summary, at_least, bootstrap_interval
from analysis.corpus import Corpus
from analysis.sentiment import actor_sentiment
from analysis.tables import Analysis


def test_bootstrap_interval_brackets_the_mean() -> None:
    values = np.array([-0.8, -0.2, 0.1, 0.4, 0.9, -0.5, 0.3])
    low, high = bootstrap_interval(values)
    assert low < values.mean() < high
    assert bootstrap_interval(values) == (low, high)
    assert all(np.isnan(bootstrap_interval(np.array([]))))


def _sentiment(polarities: dict[str, list[float]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for article, values in polarities.items():
        for value in values:
            label = "positive" if value > 0.2 else "negative" if value < -0.2 else "neutral"
            rows.append((article, 0, "Putin", "Putin", 0, 5, 0.0, value, label, 0.8))
    articles = pd.DataFrame({S.ARTICLE_ID: ["a", "b"], S.OUTLET: ["Outlet A", "Outlet B"]})
    return pd.DataFrame(rows, columns=list(S.ACTOR_SENTIMENT_COLUMNS)), articles


def test_summary_has_figures_only_above_the_minimum() -> None:
    sentiment, articles = _sentiment({"a": [-0.9, -0.6, -0.1, 0.5], "b": [0.6, 0.7]})
    summary = actor_summary(sentiment, articles, min_mentions=3).set_index(S.OUTLET)
    a, b = summary.loc["Outlet A"], summary.loc["Outlet B"]
    assert a[S.MENTIONS] == 4 and a[S.ENOUGH]
    assert a[S.MEAN_POLARITY] == np.mean([-0.9, -0.6, -0.1, 0.5])
    assert a[S.SHARE_NEGATIVE] == 0.5 and a[S.SHARE_POSITIVE] == 0.25
    assert a[S.CI_LOW] <= a[S.MEAN_POLARITY] <= a[S.CI_HIGH]
    assert b[S.MENTIONS] == 2 and not b[S.ENOUGH]
    assert np.isnan(b[S.MEAN_POLARITY]) and np.isnan(b[S.CI_LOW])


def test_seed_summary_counts_match_the_mentions(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    scored = actor_sentiment(seeds_mentions, seeds_sentences)
    summary = actor_summary(scored, seeds_corpus.articles)
    assert summary[S.MENTIONS].sum() == len(seeds_mentions)
    assert set(summary[S.OUTLET]) == set(seeds_corpus.articles[S.OUTLET])
    shown = summary[summary[S.ENOUGH]]
    assert shown[S.MEAN_POLARITY].between(-1, 1).all()
    assert (shown[S.CI_LOW] <= shown[S.CI_HIGH]).all()


def test_a_summary_with_a_higher_minimum_is_the_same_summary_with_fewer_figures(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    scored = actor_sentiment(seeds_mentions, seeds_sentences)
    summary = actor_summary(scored, seeds_corpus.articles)
    for minimum in (3, 5, 12):
        made = actor_summary(scored, seeds_corpus.articles, min_mentions=minimum)
        pd.testing.assert_frame_equal(at_least(summary, minimum), made)
    assert at_least(summary, 5)[S.ENOUGH].sum() < summary[S.ENOUGH].sum()


def test_the_interval_of_many_values_is_drawn_in_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = np.random.default_rng(1).normal(size=500)
    whole = bootstrap_interval(values)
    monkeypatch.setattr(aggregate, "BOOTSTRAP_CELLS", 500 * 64)  # batches of 64 resamples
    assert bootstrap_interval(values) == pytest.approx(whole, abs=0.02)
    monkeypatch.setattr(aggregate, "BOOTSTRAP_CELLS", 1)  # one resample at a time
    low, high = bootstrap_interval(values)
    assert low < values.mean() < high


def test_a_label_is_shown_in_its_most_used_form_whichever_outlet_uses_it(
    corpus_dev_analysis: Analysis,
) -> None:
    labels, articles = corpus_dev_analysis.labels, corpus_dev_analysis.articles
    summary = aggregate.label_summary(labels, articles)
    folded = summary[S.LABEL].str.casefold()
    assert summary.groupby(folded)[S.LABEL].nunique().max() == 1  # one form across outlets
    forms = labels.groupby([labels[S.LABEL].str.casefold(), S.LABEL]).size()
    for key, shown in zip(folded, summary[S.LABEL], strict=True):
        used = forms[key]
        assert used[shown] == used.max() and shown == min(used[used == used.max()].index)
    assert summary[S.COUNT].sum() == len(labels)
    per_outlet = [
        aggregate.label_counts(labels[labels[S.ARTICLE_ID].isin(own[S.ARTICLE_ID])], own)
        for _, own in articles.groupby(S.OUTLET)
    ]
    per_outlet = [counts for counts in per_outlet if len(counts.uses)]  # outlets with labels
    joined = aggregate.LabelCounts(
        *(pd.concat(frames, ignore_index=True) for frames in zip(*per_outlet, strict=True))
    )
    pd.testing.assert_frame_equal(aggregate.label_summary_of(joined), summary)
