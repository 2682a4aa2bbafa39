"""The charts people take away: every chart of every page in its default view.

The charts are those of the dashboard's pages in their default view (every outlet, the most
mentioned actors, every topic, name and contested thing), built by :func:`page_charts` from
an :class:`~analysis.tables.Analysis`; their names are the pages' chart names, so a
PNG from the command line and one from the dashboard get the same file name
(:func:`png_path`). They are drawn as PNG by :mod:`analysis.render`, bundled by
:mod:`analysis.bundles` and written into the HTML report by :mod:`analysis.report`.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.aggregate import (
    MIN_MENTIONS,
    frame_summary,
    house_styles,
    spelling_summary,
    stance_summary,
    term_summary,
    voice_summary,
)
from analysis.charts import (
    distinctive_bars,
    distinctive_scatter,
    file_stem,
    frame_heatmap,
    house_style_heatmap,
    inert,
    keyword_heatmap,
    loaded_verbs_heatmap,
    outlet_colours,
    sentiment_bars,
    sentiment_heatmap,
    spelling_heatmap,
    stance_bars,
    term_heatmap,
    term_voice_bars,
    timeline_chart,
    voice_share_bars,
)
from analysis.keywords import keyword_matrix, outlet_keywords
from analysis.overview import actors_by_mentions, timeline, timeline_period
from analysis.tables import Analysis

#: Actors and speakers a chart shows by default (the pages' defaults).
TOP_ACTORS = 8
#: Keywords per outlet on the keyword heatmaps (the Keywords page's default).
TOP_KEYWORDS = 10
#: Speakers on the loaded-verbs heatmap beyond those with a colour of their own.
MORE_VERB_SPEAKERS = 4


def verb_speakers(top: int) -> int:
    """Speakers the loaded-verbs heatmap shows when ``top`` speakers have their own colour."""
    return top + MORE_VERB_SPEAKERS


class Chart(NamedTuple):
    """One chart of a page: the ``page`` it is on, its ``name`` (which gives the file name,
    see :func:`analysis.charts.file_stem`) and the Plotly ``figure``."""

    page: str
    name: str
    figure: go.Figure


def _top(frame: pd.DataFrame, column: str, by: str, top: int) -> list[str]:
    """The ``top`` values of ``column`` with the largest sum of ``by``."""
    totals = frame.groupby(column)[by].sum().sort_values(ascending=False, kind="stable")
    return totals.index[:top].tolist()


def _overview_charts(analysis: Analysis, colours: dict[str, str]) -> list[Chart]:
    actors = actors_by_mentions(analysis.actor_summary)
    if not actors:
        return []
    articles = analysis.articles
    period = timeline_period(articles[S.PUBLISHED])
    frame = timeline(articles, analysis.actor_sentiment, actor=actors[0], period=period)
    figure = timeline_chart(frame, actors[0], period=period, colours=colours)
    return [Chart("Overview", f"timeline {actors[0]}", figure)]


def _actor_charts(analysis: Analysis, colours: dict[str, str]) -> list[Chart]:
    summary = analysis.actor_summary
    if summary.empty:
        return []
    shown = summary[summary[S.ACTOR].isin(_top(summary, S.ACTOR, S.MENTIONS, TOP_ACTORS))]
    return [
        Chart("Actors", "sentiment heatmap", sentiment_heatmap(shown, min_mentions=MIN_MENTIONS)),
        Chart("Actors", "sentiment bars", sentiment_bars(shown, colours=colours)),
    ]


def _stance_charts(analysis: Analysis) -> list[Chart]:
    summary = stance_summary(analysis.stance, analysis.articles)
    charts = []
    for topic in dict.fromkeys(summary[S.TOPIC]):
        on_topic = summary[summary[S.TOPIC] == topic]
        shown = on_topic[on_topic[S.ACTOR].isin(_top(on_topic, S.ACTOR, "statements", TOP_ACTORS))]
        charts.append(Chart("Stance", f"stance {topic}", stance_bars(shown, topic)))
    return charts


def _voice_charts(analysis: Analysis) -> list[Chart]:
    voices = voice_summary(analysis.quotes, analysis.articles)
    return [
        Chart("Voices", "voice shares", voice_share_bars(voices, top=TOP_ACTORS)),
        Chart(
            "Voices", "loaded verbs", loaded_verbs_heatmap(voices, top=verb_speakers(TOP_ACTORS))
        ),
    ]


def _keyword_charts(analysis: Analysis, colours: dict[str, str]) -> list[Chart]:
    charts = []
    for kind, label in (("word", "words"), ("phrase", "phrases")):
        outlet_frame = outlet_keywords(
            analysis.keywords, analysis.articles, kind=kind, top=TOP_KEYWORDS
        )
        matrix = keyword_matrix(outlet_frame, top=TOP_KEYWORDS)
        charts.append(
            Chart("Keywords", f"top {label} by outlet", keyword_heatmap(matrix, kind=label))
        )
    terms = analysis.distinctive_terms
    if len(colours) > 1:
        for outlet, colour in colours.items():
            charts.append(
                Chart(
                    "Keywords",
                    f"distinctive terms {outlet}",
                    distinctive_scatter(terms, outlet, colour=colour),
                )
            )
            charts.append(
                Chart(
                    "Keywords",
                    f"distinctive bars {outlet}",
                    distinctive_bars(terms, outlet, colour=colour),
                )
            )
    return charts


def _spelling_charts(analysis: Analysis) -> list[Chart]:
    spellings, articles = analysis.spellings, analysis.articles
    charts = [
        Chart("Spelling", "house styles", house_style_heatmap(house_styles(spellings, articles)))
    ]
    summary = spelling_summary(spellings, articles)
    variety = summary.groupby(S.GROUP)[S.VARIANT].nunique()
    uses = summary.groupby(S.GROUP)["uses"].sum()
    for group in sorted(variety.index, key=lambda g: (-variety[g], -uses[g], g)):
        charts.append(Chart("Spelling", f"spelling {group}", spelling_heatmap(summary, group)))
    return charts


def _framing_charts(analysis: Analysis) -> list[Chart]:
    articles = analysis.articles
    summary = term_summary(analysis.terms, articles)
    charts = []
    for group in dict.fromkeys(analysis.terms[S.GROUP]):
        charts.append(Chart("Framing", f"terms {group}", term_heatmap(summary, group)))
        charts.append(Chart("Framing", f"terms own voice {group}", term_voice_bars(summary, group)))
    frames = frame_summary(analysis.frames, articles)
    charts.append(Chart("Framing", "news frames", frame_heatmap(frames)))
    return charts


def page_charts(analysis: Analysis) -> list[Chart]:
    """Every chart of every page in its default view, in page order, from the tables of
    ``analysis`` (articles, actor_sentiment, actor_summary, stance,
    quotes, keywords, distinctive_terms, spellings, terms, frames), each made inert
    (:func:`analysis.charts.inert`)."""
    colours = outlet_colours(analysis.articles[S.OUTLET])
    charts = [
        *_overview_charts(analysis, colours),
        *_actor_charts(analysis, colours),
        *_stance_charts(analysis),
        *_voice_charts(analysis),
        *_keyword_charts(analysis, colours),
        *_spelling_charts(analysis),
        *_framing_charts(analysis),
    ]
    return [Chart(chart.page, chart.name, inert(chart.figure)) for chart in charts]


def png_path(chart: Chart) -> str:
    """Where ``chart`` goes as PNG in a folder of charts: a folder per page and the modebar
    button's file name (``actors/presslens-sentiment-heatmap.png``)."""
    folder = file_stem(chart.page).removeprefix("presslens-")
    return f"{folder}/{file_stem(chart.name)}.png"
