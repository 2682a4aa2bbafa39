"""The timeline chart of the Overview page (analysis.timeline_charts)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.tables import Analysis
from analysis.timeline_charts import timeline_chart, undated_said


def _one_day_timeline() -> pd.DataFrame:
    day = pd.Timestamp("2025-05-10")
    return pd.DataFrame(
        {
            S.DATE: [day, day],
            S.OUTLET: ["A", "B"],
            S.ARTICLES: [2, 1],
            S.MENTIONS: [1, 0],
            S.MEAN_POLARITY: [0.2, float("nan")],
        }
    )


def test_a_one_day_timeline_is_a_day_axis_not_hours() -> None:
    """Issue 44: one day's articles were drawn on an axis of hours."""
    figure = timeline_chart(_one_day_timeline(), "X", period="day", colours={}, undated=3)
    axis = figure.layout.xaxis2
    assert axis.tickformat == "%Y-%m-%d" and axis.dtick == 86_400_000
    assert list(axis.range) == ["2025-05-09", "2025-05-11"]
    assert figure.layout.title.text.endswith("(3 articles have no date: not shown)")
    plain = timeline_chart(_one_day_timeline(), "X", period="day", colours={})
    assert plain.layout.title.text == "Articles by date and outlet, and sentiment toward X"
    assert undated_said(1) == "1 article has no date"


def test_a_long_timeline_keeps_at_most_a_dozen_date_ticks() -> None:
    days = pd.date_range("2025-01-01", periods=60, freq="D")
    frame = pd.DataFrame(
        {S.DATE: days, S.OUTLET: "A", S.ARTICLES: 1, S.MENTIONS: 0, S.MEAN_POLARITY: 0.0}
    )
    axis = timeline_chart(frame, "X", period="day", colours={}).layout.xaxis
    assert 60 / (axis.dtick / 86_400_000) <= 12 and axis.dtick % 86_400_000 == 0
    months = frame.assign(**{S.DATE: pd.date_range("2020-01-01", periods=60, freq="MS")})
    assert timeline_chart(months, "X", period="month", colours={}).layout.xaxis.dtick == "M5"


def test_the_overview_timeline_counts_the_undated_articles(
    corpus_dev_analysis: Analysis,
) -> None:
    from analysis.views import overview

    tables = overview.build(corpus_dev_analysis)
    undated = int(corpus_dev_analysis.articles[S.PUBLISHED].isna().sum())
    assert undated and tables.undated == undated
    (chart,) = overview.charts(tables)
    title = chart.figure.layout.title.text.replace("<br>", " ")
    assert f"({undated} articles have no date: not shown)" in title
