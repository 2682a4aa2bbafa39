"""Every chart of every page in its default view, with unique PNG paths."""

from __future__ import annotations

from dataclasses import replace

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.export import page_charts, png_path
from analysis.tables import Analysis


def test_page_charts_of_the_seeds_cover_every_page_with_unique_names(
    seeds_analysis: Analysis,
) -> None:
    charts = page_charts(seeds_analysis)
    pages = list(dict.fromkeys(chart.page for chart in charts))
    assert pages == [
        "Overview",
        "Actors",
        "Stance",
        "Voices",
        "Groups",
        "Keywords",
        "Spelling",
        "Framing",
    ]
    paths = [png_path(chart) for chart in charts]
    assert len(set(paths)) == len(paths)
    names = {chart.name for chart in charts}
    assert {"timeline Ukraine", "sentiment heatmap", "house styles", "news frames"} <= names
    assert "spelling Zelensky" in names and "spelling Türkiye" in names
    outlets = seeds_analysis.articles[S.OUTLET].unique()
    assert {f"distinctive terms {outlet}" for outlet in outlets} <= names
    for chart in charts:
        assert chart.figure.layout.title.text, chart.name
        assert chart.figure.layout.template.layout.font.family.startswith("Arial")


def test_exported_sentiment_charts_name_the_model_that_scored_them(seeds_corpus: Corpus) -> None:
    """Issue 44: the exports (the ZIP, the report, ``python -m analysis charts``) said
    "transformer polarity" whatever model had scored the mentions."""
    from analysis.pipeline import Settings, analyse

    classified = analyse(seeds_corpus, Settings(sentiment="classifier"))
    titles = [c.figure.layout.title.text for c in page_charts(classified) if c.page == "Actors"]
    assert titles and all("(classifier polarity" in title for title in titles)
    unknown = replace(classified, sentiment="")  # a results folder that does not record it
    titles = [c.figure.layout.title.text for c in page_charts(unknown) if c.page == "Actors"]
    assert titles and all("(polarity, -1..+1)" in t.replace("<br>", " ") for t in titles)
