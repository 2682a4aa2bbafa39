"""The self-contained HTML report and its method notes."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis import schema as S
from analysis.export import page_charts
from analysis.keywords import YAKE_WORDS
from analysis.report import html_report, method_notes
from analysis.tables import Analysis


def test_the_report_is_self_contained_and_escapes_article_text(
    seeds_analysis: Analysis,
) -> None:
    articles = seeds_analysis.articles.copy()
    articles.loc[articles.index[0], S.TITLE] = "<script>alert('title')</script>"
    charts = page_charts(seeds_analysis)
    report = html_report(
        replace(seeds_analysis, articles=articles),
        charts,
        title="Talks <coverage>",
        created="2026-11-22",
    )
    assert "<script>alert(" not in report and "&lt;script&gt;alert(" in report
    assert "<h1>Talks &lt;coverage&gt;</h1>" in report
    assert not re.search(r"<script[^>]+src=", report), "the report must not load scripts"
    assert report.count("<figure class='chart'") == len(charts)
    assert report.count("Plotly.newPlot") == len(charts)
    for note in method_notes():
        assert note.measure in report
    for outlet in articles[S.OUTLET].unique():
        assert outlet in report


def test_method_notes_come_from_their_data_file_with_the_models_figures() -> None:
    """Every note has its four parts; the sentiment note carries the shipped model's dev
    macro-F1 (from its training record), not a placeholder."""
    from analysis import transformer

    notes = method_notes()
    assert len(notes) >= 9 and all(all(note) for note in notes)
    assert not any("{" in field for note in notes for field in note)
    scores = transformer.meta()["onnx"][transformer.meta()["ships"]]
    sentiment = next(note for note in notes if note.measure.startswith("Sentiment"))
    assert f"Macro-F1 {scores['dev_rw']:.2f}" in sentiment.limits
    keywords = next(note for note in notes if note.measure.startswith("Keywords"))
    assert f"first {YAKE_WORDS} words" in keywords.meaning
