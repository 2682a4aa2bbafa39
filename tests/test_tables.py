"""The typed analysis result (analysis.tables)."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd
import pytest

from analysis import schema as S
from analysis.differences import differences
from analysis.pipeline import Settings, analysis_key
from analysis.tables import (
    ANALYSIS_ERRORS,
    ARTICLE_TABLES,
    CORPUS_TABLES,
    OUTLET_TABLES,
    TABLES,
    Analysis,
)

CHOSEN = ["News Guru", "The Daily Intake"]


def _rows(analysis: Analysis) -> dict[str, int]:
    return {name: len(frame) for name, frame in analysis.tables().items()}


def test_a_field_per_table_in_the_order_the_tables_are_written() -> None:
    assert (*CORPUS_TABLES, *ARTICLE_TABLES, *OUTLET_TABLES, ANALYSIS_ERRORS) == TABLES
    assert tuple(field.name for field in fields(Analysis)) == (*TABLES, "key", "store", "sentiment")


def test_the_analysis_of_the_seeds_is_keyed_by_corpus_and_settings(
    seeds_analysis: Analysis,
) -> None:
    corpus = seeds_analysis.corpus
    assert seeds_analysis.key == analysis_key(corpus, Settings())
    assert analysis_key(corpus, Settings(coref=False)) != seeds_analysis.key
    assert list(seeds_analysis.tables()) == list(TABLES)
    assert seeds_analysis.tables()["mentions"] is seeds_analysis.mentions
    assert len(corpus.articles) == 3 and corpus.rejected is seeds_analysis.rejected


def test_from_tables_round_trips_and_names_what_is_missing(seeds_analysis: Analysis) -> None:
    tables = seeds_analysis.tables()
    again = Analysis.from_tables({**tables, "extra": pd.DataFrame()}, key="k")
    assert again.key == "k" and _rows(again) == _rows(seeds_analysis)
    del tables["stance"], tables["labels"]
    with pytest.raises(KeyError, match="stance, labels"):
        Analysis.from_tables(tables)


def test_subset_keeps_the_outlets_rows_and_leaves_the_input(seeds_analysis: Analysis) -> None:
    before = _rows(seeds_analysis)
    chosen = seeds_analysis.subset(CHOSEN)
    assert _rows(seeds_analysis) == before
    assert set(chosen.articles[S.OUTLET]) == set(CHOSEN)
    assert set(chosen.actor_summary[S.OUTLET]) == set(CHOSEN)
    kept = set(chosen.articles[S.ARTICLE_ID])
    assert len(kept) == 2 and set(chosen.mentions[S.ARTICLE_ID]) <= kept
    assert len(chosen.mentions) < len(seeds_analysis.mentions)
    assert chosen.key != seeds_analysis.key and chosen.key.startswith(seeds_analysis.key)
    summary, _ = differences(chosen)
    assert "Zelenskyy" not in " ".join(summary[S.STATEMENT])


def test_rows_are_those_whose_columns_hold_a_value_asked_for(seeds_analysis: Analysis) -> None:
    mentions = seeds_analysis.mentions
    actor, article = mentions[S.ACTOR].iloc[0], mentions[S.ARTICLE_ID].iloc[-1]
    rows = seeds_analysis.rows("mentions", **{S.ACTOR: [actor], S.ARTICLE_ID: {article}})
    expected = mentions[(mentions[S.ACTOR] == actor) & (mentions[S.ARTICLE_ID] == article)]
    assert len(rows) > 0
    pd.testing.assert_frame_equal(rows, expected.reset_index(drop=True))
    texts = seeds_analysis.texts([article])
    assert texts.index.tolist() == [article]
    assert texts[article] == seeds_analysis.articles.set_index(S.ARTICLE_ID).at[article, S.TEXT]
