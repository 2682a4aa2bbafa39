"""Chart export settings shared by every page, and names from articles kept inert in charts."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.aggregate import actor_summary, term_summary
from analysis.charts import (
    BAR_OUTLETS,
    EXPORT_SCALE,
    MAX_LABEL_MARGIN,
    WIDTH,
    distinctive_scatter,
    empty_figure,
    export_config,
    file_stem,
    inert,
    keyword_heatmap,
    label,
    loaded_verbs_heatmap,
    sentiment_bars,
    term_voice_bars,
    timeline_chart,
    undated_said,
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


def test_count_axes_tick_whole_numbers_only_while_counts_are_small(
    seeds_analysis: Analysis,
) -> None:
    summary = term_summary(seeds_analysis.terms, seeds_analysis.articles)
    group = summary.groupby(S.GROUP)[S.COUNT].sum().idxmax()
    small = term_voice_bars(summary, group)
    assert small.layout.xaxis.dtick == 1
    # an archive's counts: a tick per use would be thousands of ticks (the browser stalls)
    large = term_voice_bars(summary.assign(own=summary["own"] * 1000), group)
    assert large.layout.xaxis.dtick is None


def test_heatmaps_keep_room_above_the_cells_for_long_slanted_outlet_names() -> None:
    short = pd.DataFrame([[0.5, 0.2]], index=["talks"], columns=["AP", "BBC"])
    names = [f"Capital Daily News (translation {n})" for n in range(30)]
    long = pd.DataFrame([[0.5] * 30], index=["talks"], columns=names)
    small, large = keyword_heatmap(short), keyword_heatmap(long)
    assert small.layout.margin.t < large.layout.margin.t <= MAX_LABEL_MARGIN
    assert large.layout.height >= large.layout.margin.t + 26
    for figure in (small, large):
        assert figure.layout.xaxis.side == "top" and figure.layout.xaxis.title.text is None
        assert figure.layout.title.y == 1  # the title above the names, not among them


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


def _many_outlets(count: int) -> pd.DataFrame:
    outlets = [f"Outlet {n:02d} with a rather long name" for n in range(count)]
    return pd.DataFrame({S.OUTLET: outlets})


def test_the_interval_chart_keeps_the_outlets_with_most_mentions_unless_asked() -> None:
    """Issue 44: with 19 outlets the interval chart was an unreadable thicket."""
    outlets = _many_outlets(30)[S.OUTLET]
    summary = pd.DataFrame(
        {
            S.OUTLET: outlets,
            S.ACTOR: "X",
            S.MENTIONS: range(1, 31),
            S.MEAN_POLARITY: 0.1,
            S.CI_LOW: 0.0,
            S.CI_HIGH: 0.2,
            S.ENOUGH: True,
        }
    )
    figure = sentiment_bars(summary, colours={})
    assert [trace.name for trace in figure.data] == sorted(outlets[-BAR_OUTLETS:])
    assert figure.layout.title.text.replace("<br>", " ").endswith(
        f": the {BAR_OUTLETS} of 30 outlets with the most mentions"
    )
    assert len(sentiment_bars(summary, colours={}, outlets=None).data) == 30


def test_voices_cells_are_readable_and_their_verbs_in_the_hover() -> None:
    """Issue 44: the Voices cell text was shrunk unreadably small at many outlets."""
    outlets = _many_outlets(30)[S.OUTLET]
    verbs = "said ×4, claimed ×2, insisted ×1, warned ×1"
    voices = pd.DataFrame(
        {S.OUTLET: outlets, S.SPEAKER: "A speaker", "quotes": 3, "verbs": verbs, "loaded": 0.5}
    )
    trace = loaded_verbs_heatmap(voices).data[0]
    assert trace.textfont.size >= 12
    assert trace.text[0][0] == "" and verbs in trace.customdata[0][0]  # 30 narrow cells
    assert loaded_verbs_heatmap(voices.head(12)).data[0].text[0][0] == "50%"  # room for 50%
    few = loaded_verbs_heatmap(voices.head(3)).data[0]
    assert "claimed ×2 …" in few.text[0][0]  # wide cells name the verbs
    assert "%{customdata}" in trace.hovertemplate


def test_the_distinctive_scatter_labels_neither_overlap_nor_are_cut() -> None:
    """Issue 44: labels printed on each other, and those at the axis's edge were cut
    ("akistan agreed")."""
    terms = [f"term number {n}" for n in range(41)]
    distinctive = pd.DataFrame(
        {
            S.OUTLET: "A",
            S.TERM: terms,
            S.COUNT: [1 + n % 3 for n in range(41)],
            S.Z: [3.0 - n * 0.005 for n in range(40)] + [-3.0],
        }
    )
    trace = distinctive_scatter(distinctive, "A", colour="#000000").data[0]
    assert trace.cliponaxis is False
    named = [n for n, text in enumerate(trace.text) if text]
    assert len(named) == 4  # a label per cluster of points (3 counts) and the outlier
    sides = dict(zip(trace.x, trace.textposition, strict=True))
    assert sides[1] == "middle right" and sides[3] == "middle left"


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
