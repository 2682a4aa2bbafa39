"""Tests of the Actors page's view (analysis/views/actors.py)."""

from __future__ import annotations

from pathlib import Path

import pandas.testing as pdt
import pytest

from analysis import schema as S
from analysis.actors import found_actors
from analysis.results import FolderStore, read_results, write_results
from analysis.tables import Analysis
from analysis.views import (
    actors,
    stance,
)
from analysis.views.base import (
    SENTENCE_START,
    chosen_articles,
)
from tests.view_cases import GURU, chart_names


def test_actors_default_to_the_most_mentioned_and_follow_the_choice(
    seeds_analysis: Analysis,
) -> None:
    tables = actors.build(seeds_analysis)
    assert set(tables.shown[S.ACTOR]) == set(tables.actors[: actors.TOP_ACTORS])
    chosen = actors.build(seeds_analysis, actors.Selection((GURU,), tuple(tables.actors[:2])))
    assert set(chosen.shown[S.OUTLET]) == {GURU}
    assert set(chosen.shown[S.ACTOR]) <= set(tables.actors[:2])
    assert chart_names(actors.charts(chosen)) == ["sentiment heatmap", "sentiment bars"]


def test_evidence_is_each_mention_or_statement_with_its_sentence_and_article(
    seeds_analysis: Analysis,
) -> None:
    actor = actors.build(seeds_analysis).actors[0]
    rows = actors.evidence(seeds_analysis, GURU, actor)
    guru = chosen_articles(seeds_analysis, [GURU])
    sentiment = seeds_analysis.actor_sentiment
    expected = sentiment[sentiment[S.ARTICLE_ID].isin(guru) & (sentiment[S.ACTOR] == actor)]
    assert len(rows) == len(expected) > 0 and set(rows[S.OUTLET]) == {GURU}
    for row in rows.itertuples(index=False):
        mention = row.sentence[row.start - row.sentence_start : row.end - row.sentence_start]
        assert mention == row.surface
    topics = stance.build(seeds_analysis)
    topic = topics.topics[0]
    holder = topics.actors[topic][0]
    said = stance.evidence(seeds_analysis, topic, holder)
    assert len(said) > 0 and set(said[S.ACTOR]) == {holder} and set(said[S.TOPIC]) == {topic}
    assert (said[SENTENCE_START] <= said[S.START]).all()
    assert stance.evidence(seeds_analysis, topic, holder, ()).empty


def test_a_stored_analysis_lists_the_actors_found_and_the_first_evidence_without_reading_all(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 43 item 4: the Actors page of a results folder lists the names found in the
    text from a summary stored with it, and reads the first mentions of a pair (with their
    articles' sentences) and counts the others."""
    write_results(seeds_analysis, tmp_path, settings="made here", csv=False)
    back = read_results(tmp_path)
    read: list[tuple[str, int | None]] = []
    rows = FolderStore.rows

    def recorded(self, name, where, limit=None):  # type: ignore[no-untyped-def]
        read.append((name, limit))
        return rows(self, name, where, limit)

    monkeypatch.setattr(FolderStore, "rows", recorded)
    expected = found_actors(seeds_analysis.mentions)
    assert len(expected) > 1
    pdt.assert_frame_equal(actors.found(back), expected)
    assert not read and not back.loaded("mentions")
    actor = actors.build(seeds_analysis).actors[0]
    every = actors.evidence(seeds_analysis, GURU, actor)
    first = actors.evidence(back, GURU, actor, 2)
    assert actors.evidence_count(back, GURU, actor) == len(every) > 2
    pdt.assert_frame_equal(first, every.head(2), check_dtype=False)
    assert read == [("actor_sentiment", 2), ("sentences", None)]
    assert not back.loaded("sentences") and not back.loaded("actor_sentiment")
