"""The views of the pages (analysis.views): selections, tables and charts, and the export as
the views with their default selections."""

from __future__ import annotations

import json
from dataclasses import fields

import plotly.io as pio
import pytest

from analysis import schema as S
from analysis.export import page_charts
from analysis.tables import Analysis
from analysis.views import VIEWS, actors, base, overview, stance
from analysis.views.base import bounds
from tests.view_cases import GURU, chart_names


def test_the_export_is_every_view_with_its_default_selection(seeds_analysis: Analysis) -> None:
    expected = [c for v in VIEWS for c in v.charts(v.build(seeds_analysis, v.Selection()))]
    exported = page_charts(seeds_analysis)
    assert chart_names(exported) == chart_names(expected)
    assert {chart.page for chart in exported} == {view.PAGE for view in VIEWS}
    first = json.loads(pio.to_json(expected[0].figure))["data"]
    assert json.loads(pio.to_json(exported[0].figure))["data"] == first


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.PAGE)
def test_selections_are_hashable_and_numbers_carry_their_range(view) -> None:  # type: ignore[no-untyped-def]
    selection = view.Selection()
    assert hash(selection) == hash(view.Selection())
    for field in fields(view.Selection):
        if field.type == "int":
            low, high, default = bounds(view.Selection, field.name)
            assert low <= default <= high


def test_the_choices_a_page_offers_are_those_its_view_builds(seeds_analysis: Analysis) -> None:
    assert actors.actor_choices(seeds_analysis) == actors.build(seeds_analysis).actors
    fewer = actors.build(seeds_analysis, actors.Selection(min_mentions=1)).actors
    assert actors.actor_choices(seeds_analysis, 1) == fewer
    topic = stance.build(seeds_analysis).topics[0]
    on_topic = stance.build(seeds_analysis, stance.Selection(topic)).actors[topic]
    assert stance.actor_choices(seeds_analysis, topic) == on_topic
    assert stance.actor_choices(seeds_analysis, "no such topic") == []
    assert overview.timeline_actors(seeds_analysis) == overview.build(seeds_analysis).actors
    outlets = base.outlets_of(seeds_analysis.articles)
    assert outlets == sorted(set(seeds_analysis.articles[S.OUTLET])) and GURU in outlets
