"""Tests of the Stance page's view (analysis/views/stance.py)."""

from __future__ import annotations

from analysis import schema as S
from analysis.tables import Analysis
from analysis.views import (
    stance,
)
from tests.view_cases import GURU, chart_names


def test_stance_charts_every_topic_or_the_chosen_one(seeds_analysis: Analysis) -> None:
    every = stance.build(seeds_analysis)
    assert every.topics == list(dict.fromkeys(every.summary[S.TOPIC]))
    assert chart_names(stance.charts(every)) == [f"stance {topic}" for topic in every.topics]
    topic = every.topics[0]
    one = stance.build(seeds_analysis, stance.Selection(topic, (GURU,)))
    assert one.topics == [topic] and set(one.shown[topic][S.OUTLET]) <= {GURU}
