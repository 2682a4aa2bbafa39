"""The ZIP of chart PNGs, the ZIP of tables with its manifest, spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import bundles
from analysis import schema as S
from analysis.bundles import charts_zip, csv_text, tables_zip
from analysis.cache import code_fingerprint
from analysis.charts import EXPORT_SCALE, WIDTH
from analysis.export import page_charts, png_path
from analysis.outlets import parse_outlets
from analysis.render import PngRenderer
from analysis.report import key_tables
from analysis.tables import TABLES, Analysis
from tests.conftest import png_size


def test_charts_zip_has_a_png_per_chart_in_a_folder_per_page(
    seeds_analysis: Analysis, renderer: PngRenderer
) -> None:
    charts = [c for c in page_charts(seeds_analysis) if c.page in {"Actors", "Voices"}]
    with zipfile.ZipFile(io.BytesIO(charts_zip(charts, renderer))) as archive:
        names = archive.namelist()
        assert names == [png_path(chart) for chart in charts]
        assert "actors/presslens-sentiment-heatmap.png" in names
        for name in names:
            assert png_size(archive.read(name))[0] == WIDTH * EXPORT_SCALE


def test_tables_zip_round_trips_csv_and_parquet(seeds_analysis: Analysis) -> None:
    with zipfile.ZipFile(io.BytesIO(tables_zip(seeds_analysis))) as archive:
        names = set(archive.namelist())
        tables = {f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")}
        summaries = {f"report_tables/{t.name}.csv" for t in key_tables(seeds_analysis)}
        assert names == tables | summaries | {"manifest.json"}
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["fingerprint"] == code_fingerprint().digest
        assert manifest["rows"]["quotes"] == len(seeds_analysis.quotes)
        assert manifest["failed"] == []
        quotes = pd.read_parquet(io.BytesIO(archive.read("quotes.parquet")))
        assert len(quotes) == len(seeds_analysis.quotes) > 0
        articles = pd.read_csv(io.BytesIO(archive.read("articles.csv")))
        assert sorted(articles[S.ARTICLE_ID]) == sorted(seeds_analysis.articles[S.ARTICLE_ID])


def test_tables_zip_has_the_reports_tables_with_the_group_differences_of_the_outlets(
    seeds_analysis: Analysis,
) -> None:
    """The report's tables as CSV, the omissions, kinds of voices and group differences
    among them: those of the outlets file's grouping when one is given, else the notes say
    why nothing is compared."""
    lean = parse_outlets(
        '[[outlet]]\nname = "News Guru"\n[outlet.groups]\nlean = "left"\n'
        '[[outlet]]\nname = "The Daily Intake"\n[outlet.groups]\nlean = "right"\n'
    )
    with zipfile.ZipFile(io.BytesIO(tables_zip(seeds_analysis, outlets=lean))) as archive:
        names = set(archive.namelist())
        assert {"report_tables/omissions.csv", "report_tables/voice_kinds.csv"} <= names
        groups = pd.read_csv(io.BytesIO(archive.read("report_tables/group_differences.csv")))
        summaries = json.loads(archive.read("manifest.json"))["report_tables"]
    assert set(groups[S.GROUP]) == {"left"} and set(groups[S.VERSUS]) == {"right"}
    assert summaries["group_differences"]["caption"] == "Differences between groups by lean"
    assert summaries["group_differences"]["rows"] == len(groups) > 0
    with zipfile.ZipFile(io.BytesIO(tables_zip(seeds_analysis))) as archive:
        summaries = json.loads(archive.read("manifest.json"))["report_tables"]
        groups = pd.read_csv(io.BytesIO(archive.read("report_tables/group_differences.csv")))
    assert groups.empty and "nothing to compare" in summaries["group_differences"]["note"]


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


def test_a_table_written_a_part_at_a_time_is_its_csv_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = pd.DataFrame(
        {"cell": ["=1+1", "plain", "-2", "@x", "tab\\there"], "n": [1, 2, 3, 4, 5]}
    )
    monkeypatch.setattr(bundles, "CSV_ROWS", 2)
    bundles.write_csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == bundles.csv_text(frame)
    bundles.write_csv(frame.iloc[0:0], tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8") == "cell,n\n"
