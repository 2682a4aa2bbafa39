"""Every chart of every page as PNG, the tables as a ZIP, the self-contained HTML report."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from analysis import schema as S
from analysis.cache import code_fingerprint
from analysis.charts import EXPORT_SCALE, WIDTH, empty_figure
from analysis.export import (
    METHOD_NOTES,
    NO_BROWSER,
    ExportError,
    PngRenderer,
    charts_zip,
    csv_text,
    find_browser,
    html_report,
    page_charts,
    png_path,
    tables_zip,
)
from tests.conftest import png_size


def test_page_charts_of_the_seeds_cover_every_page_with_unique_names(
    seeds_tables: dict[str, pd.DataFrame],
) -> None:
    charts = page_charts(seeds_tables)
    pages = list(dict.fromkeys(chart.page for chart in charts))
    assert pages == ["Overview", "Actors", "Stance", "Voices", "Keywords", "Spelling", "Framing"]
    paths = [png_path(chart) for chart in charts]
    assert len(set(paths)) == len(paths)
    names = {chart.name for chart in charts}
    assert {"timeline Ukraine", "sentiment heatmap", "house styles", "news frames"} <= names
    assert "spelling Zelensky" in names and "spelling Türkiye" in names
    outlets = seeds_tables["articles"][S.OUTLET].unique()
    assert {f"distinctive terms {outlet}" for outlet in outlets} <= names
    for chart in charts:
        assert chart.figure.layout.title.text, chart.name
        assert chart.figure.layout.template.layout.font.family.startswith("Arial")


def test_a_png_is_1200_px_at_scale_2_by_the_figure_height(renderer: PngRenderer) -> None:
    figure = empty_figure("Nothing", "nothing to show")
    figure.update_layout(height=450)
    assert png_size(renderer.png(figure)) == (WIDTH * EXPORT_SCALE, 450 * EXPORT_SCALE)


def test_concurrent_callers_each_get_their_own_chart(renderer: PngRenderer) -> None:
    heights = [300, 420, 510, 640]
    figures = []
    for height in heights:
        figure = empty_figure(f"{height}", "sized")
        figure.update_layout(height=height)
        figures.append(figure)
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda f: png_size(renderer.png(f)), figures))
    assert [height for _, height in sizes] == [h * EXPORT_SCALE for h in heights]


def test_without_a_browser_export_says_how_to_enable_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert find_browser() is None
    with pytest.raises(ExportError) as raised:
        PngRenderer()
    assert str(raised.value) == NO_BROWSER
    assert "packages.txt" in NO_BROWSER and "camera button" in NO_BROWSER


def test_charts_zip_has_a_png_per_chart_in_a_folder_per_page(
    seeds_tables: dict[str, pd.DataFrame], renderer: PngRenderer
) -> None:
    charts = [c for c in page_charts(seeds_tables) if c.page in {"Actors", "Voices"}]
    with zipfile.ZipFile(io.BytesIO(charts_zip(charts, renderer))) as archive:
        names = archive.namelist()
        assert names == [png_path(chart) for chart in charts]
        assert "actors/presslens-sentiment-heatmap.png" in names
        for name in names:
            assert png_size(archive.read(name))[0] == WIDTH * EXPORT_SCALE


def test_tables_zip_round_trips_csv_and_parquet(seeds_tables: dict[str, pd.DataFrame]) -> None:
    with zipfile.ZipFile(io.BytesIO(tables_zip(seeds_tables))) as archive:
        names = set(archive.namelist())
        tables = {f"{t}.{ext}" for t in seeds_tables for ext in ("csv", "parquet")}
        assert names == tables | {"manifest.json"}
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["fingerprint"] == code_fingerprint().digest
        assert manifest["rows"]["quotes"] == len(seeds_tables["quotes"])
        assert manifest["failed"] == []
        quotes = pd.read_parquet(io.BytesIO(archive.read("quotes.parquet")))
        assert len(quotes) == len(seeds_tables["quotes"]) > 0
        articles = pd.read_csv(io.BytesIO(archive.read("articles.csv")))
        assert sorted(articles[S.ARTICLE_ID]) == sorted(seeds_tables["articles"][S.ARTICLE_ID])


def test_the_report_is_self_contained_and_escapes_article_text(
    seeds_tables: dict[str, pd.DataFrame],
) -> None:
    tables = dict(seeds_tables)
    articles = tables["articles"].copy()
    articles.loc[articles.index[0], S.TITLE] = "<script>alert('title')</script>"
    tables["articles"] = articles
    charts = page_charts(seeds_tables)
    report = html_report(tables, charts, title="Talks <coverage>", created="2026-11-22")
    assert "<script>alert(" not in report and "&lt;script&gt;alert(" in report
    assert "<h1>Talks &lt;coverage&gt;</h1>" in report
    assert not re.search(r"<script[^>]+src=", report), "the report must not load scripts"
    assert report.count("<figure class='chart'") == len(charts)
    assert report.count("Plotly.newPlot") == len(charts)
    for note in METHOD_NOTES:
        assert note.measure in report
    for outlet in articles[S.OUTLET].unique():
        assert outlet in report


def test_csv_cells_a_spreadsheet_would_run_are_made_inert() -> None:
    """OWASP's rule: a cell starting with =, +, -, @, tab or carriage return gets a leading
    apostrophe; numbers stay numbers."""
    frame = pd.DataFrame(
        {
            S.OUTLET: ['=HYPERLINK("http://x","click")', "+1", "-cmd", "@SUM(A1)", "\tx", "ok"],
            S.POLARITY: [-0.5, 0.25, -1.0, 0.0, 1.0, -0.1],
        }
    )
    rows = list(csv.reader(io.StringIO(csv_text(frame))))
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("http://x","click")',
        "'+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "ok",
    ]
    assert [float(row[1]) for row in rows[1:]] == frame[S.POLARITY].tolist()
