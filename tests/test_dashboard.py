"""AppTest of the home page (dashboard.py): loading, uploading, pasting, URLs and edits."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import schema as S
from analysis.results import not_opened, write_results
from analysis.settings import Settings
from analysis.tables import Analysis
from pages._ui import state
from pages._ui.data import RESULTS_ROOTS, results_argument
from tests.conftest import ROOT, chart_specs

STORY = (
    "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul on "
    "Thursday, while European leaders demanded an unconditional ceasefire first, "
    "officials in Kyiv said on Sunday."
)


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_seeds_load_by_default(app: AppTest) -> None:
    metrics = _metrics(app)
    assert metrics["Articles"] == "3" and metrics["Outlets"] == "3"
    assert int(metrics["Lines removed"]) >= 20
    assert metrics["Rejected inputs"] == "0"
    table = app.dataframe[0].value
    assert set(table["outlet"]) == {
        "World Bulletin (Anadolu Agency copy)",
        "The Daily Intake",
        "News Guru",
    }
    assert [s.value for s in app.success] == ["Every input became an article."]
    assert not app.error


def test_cleaning_record_is_shown_per_article(app: AppTest) -> None:
    app.selectbox(key=state.REMOVED_OUTLET).select("The Daily Intake").run()
    select = app.selectbox(key=state.REMOVED_ARTICLE)
    assert len(select.options) == 1  # the outlet's articles, by date
    removed = app.dataframe[1].value
    assert "Recent News" in removed["removed"].tolist()
    assert "list of links to other stories (heading)" in removed["reason"].tolist()


def test_bad_upload_is_listed_as_rejected(app: AppTest) -> None:
    app.file_uploader(key=state.UPLOADER).set_value(
        [
            ("good.txt", STORY.encode(), "text/plain"),
            ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "image/jpeg"),
            ("broken.jsonl", b'{"text": "oops"\n', "application/json"),
        ]
    ).run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics["Articles"] == "4" and metrics["Rejected inputs"] == "2"
    rejected = app.dataframe[-1].value
    assert set(rejected["source"]) == {"photo.jpg", "broken.jsonl line 1"}
    assert rejected["reason"].str.len().gt(10).all()


def test_uploads_stay_until_removed(app: AppTest) -> None:
    app.file_uploader(key=state.UPLOADER).set_value(
        ("good.txt", STORY.encode(), "text/plain")
    ).run()
    assert _metrics(app)["Articles"] == "4"
    _button(app, "Remove uploaded files").click().run()
    assert _metrics(app)["Articles"] == "3"


def test_pasted_article_is_added_with_its_outlet(app: AppTest) -> None:
    app.text_input(key=state.PASTE_OUTLET).input("Pasted Times")
    app.text_input(key=state.PASTE_TITLE).input("Putin offers talks")
    app.text_input(key=state.PASTE_DATE).input("2025-05-11")
    app.text_area(key=state.PASTE_TEXT).input(STORY)
    _button(app, "Add article").click().run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("outlet")
    assert table.loc["Pasted Times", "title"] == "Putin offers talks"
    assert str(table.loc["Pasted Times", "published"])[:10] == "2025-05-11"
    assert _metrics(app)["Articles"] == "4"


def test_a_5_mb_paste_is_refused_with_a_reason(app: AppTest) -> None:
    app.text_area(key=state.PASTE_TEXT).input("word " * 1_000_000)
    _button(app, "Add article").click().run()
    assert not app.exception
    assert _metrics(app)["Articles"] == "3"
    rejected = app.dataframe[-1].value
    assert rejected["reason"].str.contains("too large for one article").any()


def test_empty_paste_shows_an_error(app: AppTest) -> None:
    _button(app, "Add article").click().run()
    assert [e.value for e in app.error] == ["Paste the article's text before adding it."]


def test_refused_urls_are_listed_with_reasons(app: AppTest) -> None:
    app.text_area(key=state.URL_TEXT).input("ftp://example.org/story.txt\nhttp://127.0.0.1:9/story")
    _button(app, "Fetch").click().run()
    assert not app.exception
    rejected = app.dataframe[-1].value.set_index("source")["reason"]
    assert "Only http:// and https://" in rejected["ftp://example.org/story.txt"]
    assert "loopback" in rejected["http://127.0.0.1:9/story"]


def test_edits_flow_into_the_table(app: AppTest) -> None:
    first = app.session_state[state.EDITOR_IDS][0]
    app.session_state[state.EDITS] = {first: {"outlet": "Anadolu Agency"}}
    app.run()
    assert app.dataframe[0].value["outlet"].iloc[0] == "Anadolu Agency"
    assert _metrics(app)["Outlets"] == "3"
    _button(app, "Undo my edits (1 article(s))").click().run()
    assert app.dataframe[0].value["outlet"].iloc[0] != "Anadolu Agency"


def test_cleaning_switch_and_seed_switch(app: AppTest) -> None:
    app.toggle(key=state.CLEAN).set_value(False).run()
    assert _metrics(app)["Lines removed"] == "0"
    app.toggle(key=state.INCLUDE_SEEDS).set_value(False).run()
    assert _metrics(app)["Articles"] == "0"
    assert "No article is loaded" in app.warning[0].value
    _button(app, "Start over").click().run()
    assert _metrics(app)["Articles"] == "3"


def test_articles_an_analyser_failed_on_are_named_on_home_and_overview(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stance bug on one seed: the home page and the Overview say so in words and list it;
    everything else is drawn."""
    import analysis.pipeline as pipeline

    real = pipeline.find_stance

    def find_stance(articles: pd.DataFrame, *args: object, **kwargs: object) -> pd.DataFrame:
        if articles[S.SOURCE].str.contains("/001_").any():
            raise TypeError("'int' object is not iterable")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_stance", find_stance)
    monkeypatch.setenv("PRESSLENS_DISK_CACHE", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        for script in (ROOT / "dashboard.py", ROOT / "pages" / "1_Overview.py"):
            at = AppTest.from_file(str(script), default_timeout=120)
            at.run()
            assert not at.exception
            warnings = [w.value for w in at.warning]
            assert "1 article could not be analysed for stance; everything else is shown." in (
                warnings
            )
            assert "What could not be analysed" in [e.label for e in at.expander]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_an_analysis_folder_opens_as_it_was_made_and_closes(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder written by ``analyze --out`` (three seeds, one outlet renamed in the folder
    only): the home page and the Actors page show its tables, read-only, without analysing;
    closing it brings the sample articles back, and it is opened again from the list."""
    articles = seeds_analysis.articles.copy()
    articles.loc[0, S.OUTLET] = "Archive Outlet"
    write_results(replace(seeds_analysis, articles=articles), tmp_path, settings="made elsewhere")
    monkeypatch.setenv(RESULTS_ROOTS, str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state[state.RESULTS] = str(tmp_path)
    at.run()
    assert not at.exception
    assert _metrics(at)["Articles"] == "3"
    assert "Archive Outlet" in set(at.dataframe[0].value[S.OUTLET])
    assert "Showing the analysis in" in at.sidebar.info[0].value
    assert not at.sidebar.get("file_uploader")  # its sources are the folder's
    page = AppTest.from_file(str(ROOT / "pages" / "2_Actors.py"), default_timeout=120)
    page.session_state[state.RESULTS] = str(tmp_path)
    page.run()
    assert not page.exception
    assert chart_specs(page)  # the Actors page draws from the folder's tables
    assert any("in Archive Outlet" in caption.value for caption in page.caption)
    _button(at, "Close the analysis").click().run()
    assert "Archive Outlet" not in set(at.dataframe[0].value[S.OUTLET])
    at.sidebar.selectbox(key=state.RESULTS_TEXT).select(str(tmp_path.resolve()))
    _button(at, "Open").click().run()
    assert "Archive Outlet" in set(at.dataframe[0].value[S.OUTLET])


def test_no_folder_of_the_server_is_offered_unless_the_operator_names_its_roots(
    app: AppTest,
) -> None:
    """Finding 3 of issue 42: a visitor typed another user's results folder and read it."""
    assert "Open an analysis folder" not in [e.label for e in app.sidebar.expander]
    boxes = [*app.sidebar.text_input, *app.sidebar.selectbox]
    assert state.RESULTS_TEXT not in [box.key for box in boxes]
    assert not [box for box in boxes if "folder" in box.label.lower()]


def test_only_the_analysis_folders_of_the_roots_are_offered_and_opened(
    seeds_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folders of PRESSLENS_RESULTS_ROOTS are listed to choose from; a folder outside
    them (set in the session as a crafted link would) is refused with the one message, and
    so is a path too long to exist."""
    root = tmp_path / "root"
    for name in ("b", "team/a", ".hidden"):
        shutil.copytree(seeds_folder, root / name)
    monkeypatch.setenv(RESULTS_ROOTS, str(root))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    box = at.sidebar.selectbox(key=state.RESULTS_TEXT)
    assert box.options == [str(root / "b"), str(root / "team" / "a")]
    box.select(str(root / "team" / "a"))
    _button(at, "Open").click().run()
    assert not at.exception
    assert "Showing the analysis in" in at.sidebar.info[0].value
    for outside in (seeds_folder, root / ".hidden", root / ("x" * 300)):
        at.session_state[state.RESULTS] = str(outside)
        at.run()
        assert not at.exception
        assert [e.value for e in at.error] == [str(not_opened(outside))]
        assert not at.sidebar.info


def test_the_analysis_folder_of_the_command_line_is_read_from_its_arguments() -> None:
    assert results_argument(["--results", "/data/results"]) == "/data/results"
    assert results_argument(["--other", "x"]) == ""
    assert results_argument([]) == ""


@pytest.fixture(scope="module")
def seeds_folder(seeds_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("results")
    # made with the default settings, as the in-memory analysis: the sentiment chart's title
    # names the model from the manifest
    write_results(
        seeds_analysis, folder, settings="made elsewhere", csv=False, made_with=Settings()
    )
    return folder


@pytest.mark.parametrize("page", sorted(path.name for path in (ROOT / "pages").glob("[0-9]_*.py")))
def test_every_page_draws_from_an_analysis_folder_as_from_the_same_analysis_in_memory(
    page: str, seeds_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's analysis is read through DuckDB (articles without their texts, tables
    when used, evidence by query): each page shows the very charts and tables it shows for
    the sample articles analysed in this process, and texts where it shows them."""
    monkeypatch.setenv(RESULTS_ROOTS, str(seeds_folder))
    shown = []
    for folder in ("", str(seeds_folder)):
        at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=300)
        at.session_state[state.RESULTS] = folder
        at.run()
        assert not at.exception, at.exception
        assert at.session_state[state.RESULTS] == folder  # the folder was opened
        shown.append(at)
    memory, stored = shown
    assert chart_specs(stored) == chart_specs(memory)
    assert [m.value for m in stored.markdown] == [m.value for m in memory.markdown]
    assert len(stored.dataframe) == len(memory.dataframe)
    for left, right in zip(stored.dataframe, memory.dataframe, strict=True):
        pd.testing.assert_frame_equal(left.value, right.value)
