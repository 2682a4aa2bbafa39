"""Chart export settings shared by every page, and names from articles kept inert in charts."""

from __future__ import annotations

import json
from dataclasses import replace

import plotly.graph_objects as go

from analysis import schema as S
from analysis.aggregate import actor_summary
from analysis.charts import (
    EXPORT_SCALE,
    WIDTH,
    empty_figure,
    export_config,
    file_stem,
    inert,
    label,
)
from analysis.export import page_charts
from analysis.tables import Analysis


def test_file_stems_are_safe_file_names() -> None:
    assert file_stem("Stance: direct talks") == "presslens-stance-direct-talks"
    assert file_stem("spelling Türkiye") == "presslens-spelling-türkiye"
    assert file_stem("../../etc/passwd <script>") == "presslens-etc-passwd-script"
    assert file_stem("***") == "presslens-chart"


def test_export_config_uses_the_figure_height_and_scale_2() -> None:
    figure = empty_figure("Nothing", "nothing to show")
    figure.update_layout(height=950)
    options = export_config("news frames", figure)["toImageButtonOptions"]
    assert options == {
        "format": "png",
        "filename": "presslens-news-frames",
        "width": WIDTH,
        "height": 950,
        "scale": EXPORT_SCALE,
    }


HOSTILE_OUTLET = '<a href="http://x">Evil</a> &amp; <img src=x onerror=alert(1)>'


def test_names_from_articles_reach_plotly_as_text_not_markup(seeds_analysis: Analysis) -> None:
    articles = seeds_analysis.articles
    first = articles[S.OUTLET].iloc[0]
    articles = articles.assign(**{S.OUTLET: articles[S.OUTLET].replace(first, HOSTILE_OUTLET)})
    hostile = replace(
        seeds_analysis,
        articles=articles,
        actor_summary=actor_summary(seeds_analysis.actor_sentiment, articles),
    )
    shown = json.dumps([json.loads(chart.figure.to_json()) for chart in page_charts(hostile)])
    assert "<a href" not in shown and "<img" not in shown
    assert "Evil&lt;/a&gt; &amp;amp; &lt;img src=x onerror=alert(1)&gt;" in shown
    assert label("<b>Kyiv</b> & co") == "&lt;b&gt;Kyiv&lt;/b&gt; &amp; co"


def test_inert_escapes_categories_names_and_their_order_only() -> None:
    figure = go.Figure(go.Bar(x=["<i>a</i>", "b"], y=[1, 2], name="<b>n</b>", text=["1<br>2", ""]))
    figure.update_xaxes(categoryorder="array", categoryarray=["b", "<i>a</i>"])
    shown = inert(figure)
    assert list(shown.data[0].x) == ["&lt;i&gt;a&lt;/i&gt;", "b"]
    assert shown.layout.xaxis.categoryarray == ("b", "&lt;i&gt;a&lt;/i&gt;")
    assert shown.data[0].name == "&lt;b&gt;n&lt;/b&gt;"
    assert list(shown.data[0].text) == ["1<br>2", ""]  # the chart's own markup stays
    assert list(figure.data[0].x) == ["<i>a</i>", "b"]  # the figure given is not changed


def test_a_long_title_or_message_goes_on_several_lines() -> None:
    """Issue 44: a long chart title ran past the chart's right edge and was cut."""
    from analysis.charts import TITLE_CHARS, empty_figure

    long = "Sentiment toward each actor with 95% intervals (transformer polarity, -1..+1): " * 2
    figure = empty_figure(long, "Why <b>nothing</b> is drawn. " * 8)
    lines = figure.layout.title.text.split("<br>")
    assert len(lines) >= 2 and all(len(line) <= TITLE_CHARS for line in lines)
    assert " ".join(lines) == long.strip()
    assert figure.layout.margin.t > 80  # room above the plot for the second line
    message = figure.layout.annotations[0].text
    assert "<br>" in message and "&lt;b&gt;nothing&lt;/b&gt;" in message
