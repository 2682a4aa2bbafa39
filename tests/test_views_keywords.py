"""Tests of the Keywords page's view (analysis/views/keywords.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.actors import default_registry
from analysis.keywords import MIN_DISTINCTIVE_WORDS, keyword_in_context
from analysis.pipeline import DEFAULT_SETTINGS
from analysis.results import read_results, write_results
from analysis.tables import Analysis
from analysis.views import (
    keywords,
)
from analysis.views.base import (
    chosen_outlets,
)
from tests.view_cases import GURU, chart_names


def test_keywords_chart_each_kind_and_each_outlets_distinctive_terms(
    seeds_analysis: Analysis,
) -> None:
    every = keywords.build(seeds_analysis)
    outlets = chosen_outlets(seeds_analysis, None)
    assert chart_names(keywords.keyword_charts(every)) == [
        "top words by outlet",
        "top phrases by outlet",
    ]
    assert len(keywords.distinctive_charts(every)) == 2 * len(outlets)
    one = keywords.build(seeds_analysis, keywords.Selection(keywords.WORD, 5, GURU, 1))
    assert list(one.outlet_keywords) == [keywords.WORD]
    assert one.outlets == [GURU]
    assert len(one.distinctive) > len(every.distinctive)  # a lower minimum scores more terms


def test_keywords_offer_the_unique_keywords_and_the_terms_to_show_in_context(
    seeds_analysis: Analysis,
) -> None:
    one = keywords.build(seeds_analysis, keywords.Selection(keywords.WORD, outlet=GURU))
    only = one.only[keywords.WORD]
    listed = one.outlet_keywords[keywords.WORD]
    assert set(only[S.KEY]) <= set(listed[S.KEY])
    assert all(listed[S.KEY].tolist().count(key) == 1 for key in only[S.KEY])
    offered = keywords.context_choices(one, keywords.WORD)
    assert len(offered) == len(set(offered))
    assert offered[: listed[S.KEY].nunique()] == list(dict.fromkeys(listed[S.KEY]))
    strongest = one.distinctive.nlargest(1, S.Z)[S.TERM].iloc[0]
    assert strongest in offered
    alone = one._replace(outlets=[])  # a single outlet: no distinctive terms are offered
    assert keywords.context_choices(alone, keywords.WORD) == list(dict.fromkeys(listed[S.KEY]))
    found = keywords.contexts(seeds_analysis, "Zelensky")
    by_outlet = keywords.by_outlet(found, 3)
    assert sum(by_outlet.counts.values()) == len(found)
    assert list(by_outlet.shown) == sorted(by_outlet.shown)
    assert sum(len(rows) for rows in by_outlet.shown.values()) == min(3, len(found))


def test_keyword_contexts_read_only_the_sentences_that_can_hold_the_term(
    corpus_dev_analysis: Analysis, tmp_path: Path
) -> None:
    analysis, registry = corpus_dev_analysis, default_registry()
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    stored = read_results(tmp_path)
    keys = analysis.keywords.drop_duplicates(S.KEY)[S.KEY].head(40).tolist()
    terms = analysis.distinctive_terms.drop_duplicates(S.TERM)[S.TERM].head(20).tolist()
    typed = ["zelensky", "Zelenskiy’s", "erdoğan", "Volodymyr Zelensky", "kiev", "said", "nobody"]
    for term in [*keys, *terms, *typed]:
        expected = keyword_in_context(
            analysis.sentences, analysis.articles, term, registry=registry
        )
        pd.testing.assert_frame_equal(keywords.contexts(analysis, term, registry), expected)
        pd.testing.assert_frame_equal(keywords.contexts(stored, term, registry), expected)
    assert not stored.loaded("sentences")  # only the sentences that match were read
    zelensky = keywords.contexts(analysis, "zelensky", registry)
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= {
        text[start:end].split()[-1]
        for text, start, end in zip(
            zelensky[S.TEXT], zelensky[S.START], zelensky[S.END], strict=True
        )
    }


def test_distinctive_terms_only_for_outlets_with_enough_text(
    corpus_dev_analysis: Analysis,
) -> None:
    """Issue 44: the distinctive terms of one-article outlets were noise."""
    from analysis.views import keywords as keywords_view

    enough, small = keywords_view.distinctive_outlets(corpus_dev_analysis)
    words = corpus_dev_analysis.articles.groupby(S.OUTLET)[S.N_WORDS].sum()
    assert enough and small
    assert all(words[o] < MIN_DISTINCTIVE_WORDS for o in small)
    tables = keywords_view.build(corpus_dev_analysis)
    assert tables.outlets == enough
    alone = keywords_view.build(corpus_dev_analysis, keywords_view.Selection(outlet=small[0]))
    assert alone.outlets == []
