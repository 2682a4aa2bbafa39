"""The self-contained HTML report and its method notes."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis import schema as S
from analysis.export import page_charts
from analysis.keywords import YAKE_WORDS
from analysis.outlets import parse_outlets
from analysis.report import html_report, key_tables, method_notes
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


#: A grouping of the three seeds' outlets by a label of the user's.
SEEDS_LEAN = parse_outlets(
    '[[outlet]]\nname = "News Guru"\n[outlet.groups]\nlean = "left"\n'
    '[[outlet]]\nname = "The Daily Intake"\n[outlet.groups]\nlean = "right"\n'
    '[[outlet]]\nname = "World Bulletin (Anadolu Agency copy)"\n[outlet.groups]\nlean = "right"\n'
)


def test_the_report_tables_the_group_differences_of_the_outlets_file(
    seeds_analysis: Analysis,
) -> None:
    """With an outlets file that groups, the report has the Groups chart and the table of
    its differences (each untested one with its reason); without one, it says why the
    groups are the corpus's proposals and why nothing is compared."""
    charts = page_charts(seeds_analysis, SEEDS_LEAN)
    report = html_report(seeds_analysis, charts, outlets=SEEDS_LEAN)
    assert "data-name='group differences'" in report
    assert "<h3>Differences between groups by lean</h3>" in report
    table = next(
        t for t in key_tables(seeds_analysis, outlets=SEEDS_LEAN) if t.name == "group_differences"
    )
    assert len(table.frame) > 0 and set(table.frame[S.GROUP]) | set(table.frame[S.VERSUS]) == {
        "left",
        "right",
    }
    assert not table.frame[S.TESTED].any(), "1 vs 2 outlets are too few to test"
    assert table.frame[S.REASON].iloc[0] in report
    plain = html_report(seeds_analysis, page_charts(seeds_analysis))
    assert "<h3>Differences between groups by country</h3>" in plain
    assert "the corpus&#x27;s proposals" in plain and "nothing to compare" in plain
