"""AppTest of the Export page and of the download controls under every chart."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analysis import schema as S
from analysis.bundles import folder_zip
from analysis.charts import file_stem
from analysis.export import page_charts, png_path
from analysis.render import NO_BROWSER, find_browser
from analysis.results import read_manifest, write_results
from analysis.tables import Analysis
from pages._ui import data, state
from pages._ui.widgets import NO_SERVER_PNG
from tests.conftest import ROOT, run_page

CHART_PAGES = (
    "1_Overview.py",
    "2_Actors.py",
    "3_Stance.py",
    "4_Voices.py",
    "5_Keywords.py",
    "6_Spelling.py",
    "7_Framing.py",
)
EXPORT_BUTTONS = [
    "Download all charts (ZIP)",
    "Download the whole analysis (ZIP: CSV + Parquet)",
    "Download the report (HTML)",
    "Download the workspace file (JSON)",
]


def _buttons(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.label for button in at.get("download_button")]


def test_export_page_lists_every_chart_and_table_with_their_downloads(
    seeds_analysis: Analysis,
) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium for server-side PNG export")
    at = run_page("9_Export.py")
    assert _buttons(at) == EXPORT_BUTTONS
    charts, tables = (frame.value for frame in at.dataframe[:2])
    assert charts["file"].tolist() == [png_path(c) for c in page_charts(seeds_analysis)]
    assert dict(zip(tables["table"], tables["rows"], strict=True)) == {
        name: len(frame) for name, frame in seeds_analysis.tables().items()
    }


def test_every_page_chart_is_in_the_export_and_has_a_download_png_button(
    seeds_analysis: Analysis,
) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium for server-side PNG export")
    exported = {png_path(chart).split("/")[1] for chart in page_charts(seeds_analysis)}
    for page in CHART_PAGES:
        at = run_page(page)
        configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
        names = {f"{c['toImageButtonOptions']['filename']}.png" for c in configs}
        assert names and names <= exported, page
        assert _buttons(at).count("Download PNG") == len(configs), page


def test_each_page_draws_in_its_default_view_the_very_chart_the_export_makes(
    seeds_analysis: Analysis,
) -> None:
    """The page and the export (ZIP, report, CLI charts) build a default view apart: the
    figures must be the same, data, layout and template, not only the same names."""
    exported = {
        file_stem(c.name): json.loads(pio.to_json(c.figure)) for c in page_charts(seeds_analysis)
    }
    for page in CHART_PAGES:
        drawn = run_page(page).get("plotly_chart")
        assert drawn, page
        for chart in drawn:
            name = json.loads(chart.proto.config)["toImageButtonOptions"]["filename"]
            assert json.loads(chart.proto.spec) == exported[name], (page, name)


def test_without_a_browser_the_pages_explain_and_keep_the_modebar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run_page("9_Export.py")
    assert "Download all charts (ZIP)" not in _buttons(at)
    assert "Download the report (HTML)" in _buttons(at)
    assert [w.value for w in at.warning] == [NO_BROWSER]
    at = run_page("2_Actors.py")
    assert "Download PNG" not in _buttons(at)
    assert NO_SERVER_PNG in [c.value for c in at.caption]
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert len(configs) == 2 and all("toImageButtonOptions" in c for c in configs)


def test_how_this_was_computed_shows_the_code_fingerprint_and_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint and its parts, and the cached analyses of other versions counted."""
    import streamlit as st

    from analysis.cache import DiskCache, code_fingerprint

    monkeypatch.setenv("PRESSLENS_CACHE_DIR", str(tmp_path))
    (tmp_path / f"{'0' * 16}-{'1' * 64}.entry").write_bytes(b"made by another version")
    st.cache_resource.clear()
    try:
        at = run_page("9_Export.py")
        assert any(h.value == "How this was computed" for h in at.subheader)
        fingerprint = code_fingerprint()
        assert any(f"`{fingerprint.digest[:16]}`" in m.value for m in at.markdown)
        parts = at.dataframe[-1].value
        assert dict(zip(parts["part"], parts["value"], strict=True)) == fingerprint.parts
        assert any("1 cached analyses from other versions" in c.value for c in at.caption), [
            c.value for c in at.caption
        ]
        assert DiskCache(tmp_path).other_versions() == 1
    finally:
        st.cache_resource.clear()


def test_an_analysis_folder_is_exported_as_its_own_files_without_reading_a_table(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_results(seeds_analysis, tmp_path, settings="made elsewhere", csv=False)
    monkeypatch.setenv(data.RESULTS_ROOTS, str(tmp_path))
    at = AppTest.from_file(str(ROOT / "pages" / "9_Export.py"), default_timeout=300)
    at.session_state[state.RESULTS] = str(tmp_path)
    at.run()
    assert not at.exception
    tables = at.dataframe[1].value
    assert dict(zip(tables["table"], tables["rows"], strict=True)) == {
        name: len(frame) for name, frame in seeds_analysis.tables().items()
    }
    opened = data._results(str(tmp_path), str(read_manifest(tmp_path).get("created")))
    assert not any(opened.loaded(name) for name in ("sentences", "mentions", "keywords"))
    assert "Download the results folder (ZIP)" in _buttons(at)
    assert any(str(tmp_path) in caption.value.replace("\\", "") for caption in at.caption)
    with zipfile.ZipFile(io.BytesIO(folder_zip(tmp_path))) as archive:
        names = set(archive.namelist())
    assert "manifest.json" in names
    assert {name.split("/")[0] for name in names} >= {"mentions", "sentences", "articles"}


def test_an_analysis_folders_zip_has_the_reports_tables_with_the_groups_of_the_outlets(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 40: the tables ZIP of an analysis made here has the report's tables (the
    group differences among them); that of a results folder has them too."""
    made: dict[str, Callable[[], bytes]] = {}
    register = MediaFileManager.add_deferred

    def recorded(self, data, mimetype, coordinates, file_name=None, **kw):  # type: ignore[no-untyped-def]
        made[str(file_name)] = data
        return register(self, data, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recorded)
    folder = tmp_path / "results"
    write_results(seeds_analysis, folder, settings="made elsewhere", csv=False)
    monkeypatch.setenv(data.RESULTS_ROOTS, str(tmp_path))
    at = AppTest.from_file(str(ROOT / "pages" / "9_Export.py"), default_timeout=300)
    at.session_state[state.RESULTS] = str(folder)
    at.session_state[state.DATA_FILE_KEYS["outlets"]] = (
        '[[outlet]]\nname = "News Guru"\n[outlet.groups]\nlean = "left"\n'
        '[[outlet]]\nname = "The Daily Intake"\n[outlet.groups]\nlean = "right"\n'
    )
    at.run()
    assert not at.exception
    with zipfile.ZipFile(io.BytesIO(made["results.zip"]())) as archive:
        names = set(archive.namelist())
        groups = pd.read_csv(io.BytesIO(archive.read("report_tables/group_differences.csv")))
        described = json.loads(archive.read("report_tables/report_tables.json"))
    assert {
        "manifest.json",
        "report_tables/omissions.csv",
        "report_tables/voice_kinds.csv",
    } <= names
    assert set(groups[S.GROUP]) == {"left"} and set(groups[S.VERSUS]) == {"right"}
    assert described["group_differences"]["caption"] == "Differences between groups by lean"
    assert described["group_differences"]["rows"] == len(groups) > 0


def test_the_folder_zip_holds_only_the_folders_own_regular_files(
    seeds_analysis: Analysis, tmp_path: Path
) -> None:
    """Finding 3 of issue 42: a results folder holding a symbolic link gave
    /proc/self/environ and /etc/passwd in its ZIP, another its .env."""
    folder = tmp_path / "results"
    write_results(seeds_analysis, folder, settings="made elsewhere", csv=False)
    written = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    (tmp_path / "secret.txt").write_text("another user's secret")
    (folder / "environ").symlink_to("/proc/self/environ")
    (folder / "mentions" / "passwd.csv").symlink_to("/etc/passwd")
    (folder / "linked").symlink_to(tmp_path)
    (folder / ".env").write_text("TOKEN=secret")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("secret")
    with zipfile.ZipFile(io.BytesIO(folder_zip(folder))) as archive:
        assert set(archive.namelist()) == written
