"""Tests of the Overview's view (analysis/views/overview.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.differences import differences
from analysis.omissions import MIN_SHARE, TOO_FEW, TOO_SHORT, carried
from analysis.overview import outlet_cards
from analysis.pipeline import DEFAULT_SETTINGS
from analysis.results import read_results, write_results
from analysis.tables import Analysis
from analysis.views import (
    overview,
)
from tests.test_views_groups import by_story
from tests.view_cases import GURU, chart_names


def test_the_timeline_follows_the_most_mentioned_actor_unless_one_is_chosen(
    seeds_analysis: Analysis,
) -> None:
    tables = overview.build(seeds_analysis)
    assert tables.actor == tables.actors[0]
    chosen = overview.build(seeds_analysis, overview.Selection((GURU,), tables.actors[1]))
    assert chosen.actor == tables.actors[1] and set(chosen.timeline[S.OUTLET]) <= {GURU}
    assert chart_names(overview.charts(chosen)) == [f"timeline {tables.actors[1]}"]
    comparison = overview.compare(seeds_analysis, (GURU,))
    assert set(comparison.cards[S.OUTLET]) == {GURU} and comparison.differences.summary.empty


def test_a_card_is_its_outlets_facts_section_by_section(seeds_analysis: Analysis) -> None:
    cards = overview.compare(seeds_analysis).cards
    sections = overview.card_sections(cards, GURU)
    assert sections[0][0] == "articles"
    assert len({section for section, _ in sections}) == len(sections)
    assert all(set(rows[S.OUTLET]) == {GURU} for _, rows in sections)
    assert sum(len(rows) for _, rows in sections) == int((cards[S.OUTLET] == GURU).sum())


def test_the_cards_of_chosen_outlets_are_theirs_taken_from_those_of_every_outlet(
    corpus_dev_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = corpus_dev_analysis
    outlets = sorted(set(analysis.articles[S.OUTLET]))
    overview.compare(analysis)  # the cards of every outlet are at hand from now on
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    stored = read_results(tmp_path)
    made: list[Analysis] = []

    def counted(chosen: Analysis, **options: object) -> pd.DataFrame:
        made.append(chosen)
        return outlet_cards(chosen, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(overview, "outlet_cards", counted)
    for chosen in (tuple(outlets[:5]), tuple(outlets[3:12]), tuple(outlets[::2])):
        expected = outlet_cards(analysis.subset(chosen))
        found = differences(analysis.subset(chosen))
        for opened in (analysis, stored):
            comparison = overview.compare(opened, chosen)
            pd.testing.assert_frame_equal(comparison.cards, expected)
            pd.testing.assert_frame_equal(comparison.differences.summary, found.summary)
            pd.testing.assert_frame_equal(comparison.differences.evidence, found.evidence)
    assert made == []  # every card came from the cards of every outlet


def test_omissions_of_the_seeds_say_there_are_too_few_outlets(seeds_analysis: Analysis) -> None:
    tables = overview.omissions(seeds_analysis)
    assert tables.found.empty and tables.evidence.empty
    assert set(tables.units[S.STATUS]) == {TOO_FEW}
    outlet = tables.units[S.OUTLET].iloc[0]
    assert overview.outlet_omissions(tables, outlet) == (TOO_FEW, [])
    assert overview.outlet_omissions(tables, "no such outlet") == ("", [])


def test_omissions_on_corpus_dev_come_with_the_sentences_of_other_outlets(
    corpus_dev_analysis: Analysis,
) -> None:
    analysis = corpus_dev_analysis
    tables = overview.omissions(analysis)
    assert set(tables.units[S.OUTLET]) == set(analysis.articles[S.OUTLET])
    # one article an outlet, two stories: few items pass, and only for judged outlets
    judged = tables.units[tables.units[S.STATUS] != TOO_SHORT]
    assert set(tables.found[S.OUTLET]) <= set(judged[S.OUTLET])
    for row in tables.found.itertuples():
        shown = tables.evidence[
            (tables.evidence[S.OUTLET] == row.outlet) & (tables.evidence[S.ITEM] == row.item)
        ]
        assert len(shown) and row.outlet not in set(shown[S.SOURCE])
    chosen = tuple(sorted(analysis.articles[S.OUTLET].unique())[:4])
    assert set(overview.omissions(analysis, chosen).units[S.OUTLET]) == set(chosen)


def test_a_story_omits_what_none_of_its_outlets_carries(
    corpus_dev_analysis: Analysis, corpus_dev: Path
) -> None:
    analysis = corpus_dev_analysis
    tables = overview.group_omissions(analysis, by_story(corpus_dev), "story")
    assert set(tables.units[S.OUTLET]) == {"istanbul-talks", "geneva-trade-talks"}
    # two stories: each leaves out the other's people and topics
    assert set(tables.found[S.OUTLET]) == {"istanbul-talks", "geneva-trade-talks"}
    stories = {o.name: o.label("story") for o in by_story(corpus_dev)}
    counts = carried(analysis)
    for row in tables.found.itertuples():
        own = [outlet for outlet, story in stories.items() if story == row.outlet]
        mine = counts[counts[S.OUTLET].isin(own)]
        assert not ((mine[S.KIND] == row.kind) & (mine[S.ITEM] == row.item)).any()
        assert row.share >= MIN_SHARE
