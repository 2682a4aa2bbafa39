"""Tests of the Stance page's view (analysis/views/stance.py)."""

from __future__ import annotations

import pytest

from analysis import schema as S
from analysis.corpus import build_corpus
from analysis.engine import Engine
from analysis.ingest import read_text
from analysis.pipeline import analyse
from analysis.records import IngestResult
from analysis.stance import TARGET_TOPIC
from analysis.tables import Analysis
from analysis.views import (
    stance,
)
from tests.view_cases import GURU, chart_names

#: Articles of three outlets in which named actors take positions toward each other.
POSITIONS = {
    "Daily Planet": (
        "Senator Ted Cruz endorsed Donald Trump on Friday after months of feuding.\n\n"
        "Donald Trump attacked Hillary Clinton over her emails at a rally in Ohio."
    ),
    "Gotham Times": (
        "Donald Trump attacked Hillary Clinton again on Monday in a speech in Denver.\n\n"
        "Barack Obama praised Hillary Clinton at a rally in Philadelphia on Tuesday."
    ),
    "Star City Post": "The candidates spoke about taxes and trade at the debate on Monday.",
}


@pytest.fixture(scope="module")
def positions_analysis() -> Analysis:
    read = IngestResult()
    for outlet, text in POSITIONS.items():
        read += read_text(f"{outlet}.txt", text, outlet=outlet)
    corpus = build_corpus(read, min_words=1, clean=False)
    return analyse(corpus, engine=Engine(workers=1))


def test_stance_charts_every_topic_or_the_chosen_one(seeds_analysis: Analysis) -> None:
    every = stance.build(seeds_analysis)
    summary = every.summary
    topics = summary[summary[S.TARGET_KIND] == TARGET_TOPIC][S.TOPIC]
    assert every.topics == list(dict.fromkeys(topics))
    assert chart_names(stance.charts(every)) == [
        *(f"stance {topic}" for topic in every.topics),
        stance.POSITIONS_CHART,
    ]
    topic = every.topics[0]
    one = stance.build(seeds_analysis, stance.Selection(topic, (GURU,)))
    assert one.topics == [topic] and set(one.shown[topic][S.OUTLET]) <= {GURU}


def test_the_matrix_shows_who_takes_positions_toward_whom(positions_analysis: Analysis) -> None:
    tables = stance.build(positions_analysis)
    shown = tables.positions
    assert shown.where == "3 outlets together"
    assert shown.holders[0] == "Trump" and shown.targets[0] == "Hillary Clinton"
    assert {"Ted Cruz", "Barack Obama"} <= set(shown.holders)
    assert stance.opening_pair(shown) == ("Trump", "Hillary Clinton")
    figure = stance.position_chart(tables).figure
    heatmap = figure.data[0]
    cell = heatmap.y.index("Trump"), heatmap.x.index("Hillary Clinton")
    assert heatmap.z[cell[0]][cell[1]] == -1.0 and heatmap.text[cell[0]][cell[1]] == "+0 −2"
    assert "2 statements" in heatmap.hovertext[cell[0]][cell[1]]
    cruz = heatmap.y.index("Ted Cruz"), heatmap.x.index("Trump")
    assert heatmap.z[cruz[0]][cruz[1]] == 1.0
    rows = stance.evidence(positions_analysis, "Hillary Clinton", "Trump")
    assert sorted(rows[S.OUTLET]) == ["Daily Planet", "Gotham Times"]
    assert set(rows[S.CUE]) == {"attacked"}


def test_the_matrix_of_one_outlet_and_its_limits(positions_analysis: Analysis) -> None:
    one = stance.build(positions_analysis, stance.Selection(position_outlet="Gotham Times"))
    assert one.positions.where == "Gotham Times"
    assert set(one.positions.holders) == {"Trump", "Barack Obama"}
    quiet = stance.build(positions_analysis, stance.Selection(position_outlet="Star City Post"))
    assert stance.position_outlets(positions_analysis, None) == ["Daily Planet", "Gotham Times"]
    assert quiet.positions.holders == [] and stance.opening_pair(quiet.positions) is None
    figure = stance.position_chart(quiet).figure
    assert not figure.data and "No actor takes a position" in figure.layout.annotations[0].text
    assert len(stance.build(positions_analysis).positions.holders_shown) <= (
        stance.TOP_POSITION_ACTORS
    )
