"""AppTest of the Groups page: the seeds' proposals, and corpus-dev grouped by a label of an
outlets file (opened as a results folder), with its chart, findings and sentences; the
Overview lists the largest findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.outlets import outlets_to_toml
from analysis.results import write_results
from analysis.tables import Analysis
from pages._ui import data, state
from tests.conftest import ROOT, chart_specs, run_page
from tests.test_views_groups import by_story


def test_the_seeds_are_grouped_by_their_proposed_countries() -> None:
    at = run_page("5_Groups.py")
    infos = [info.value for info in at.info]
    assert any("proposals from the corpus" in text for text in infos)
    assert any("nothing to compare" in text for text in infos)
    assert at.selectbox(key=state.GROUPS.grouping).options == ["country", "language"]
    assert "Pakistan" in at.selectbox(key=state.GROUPS.group).options
    editor = at.dataframe[-1].value if at.dataframe else None
    assert editor is None or "proposed" in editor.columns


@pytest.fixture(scope="module")
def folder(corpus_dev_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("groups") / "results"
    write_results(corpus_dev_analysis, out, settings="made elsewhere", csv=False)
    return out


def _opened(page: str, folder: Path, corpus_dev: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(data.RESULTS_ROOTS, str(folder.parent))
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=300)
    at.session_state[state.RESULTS] = str(folder)
    at.session_state[state.DATA_FILE_KEYS["outlets"]] = outlets_to_toml(by_story(corpus_dev))
    at.run()
    assert not at.exception
    return at


def test_corpus_dev_by_story_draws_its_differences_and_their_sentences(
    folder: Path, corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _opened("5_Groups.py", folder, corpus_dev, monkeypatch)
    assert at.selectbox(key=state.GROUPS.grouping).value == "story"
    (spec,) = chart_specs(at)
    assert spec["layout"]["title"]["text"].startswith("Differences between groups by story")
    assert any("error_x" in trace for trace in spec["data"])
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Largest differences (q ≤ 0.05)" in markdown and "q = " in markdown
    finding = at.selectbox(key=state.GROUPS.finding)
    assert " vs " in finding.value
    evidence = at.dataframe[-2].value  # then the outlets editor
    assert len(evidence) and "outlet" in evidence.columns
    finding.select(finding.options[-1]).run()
    assert not at.exception
    at.selectbox(key=state.GROUPS.group).select("every group").run()
    assert not at.exception
    assert at.selectbox(key=state.GROUPS.versus).options == ["the rest"]


def test_the_overview_lists_the_largest_group_differences(
    folder: Path, corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _opened("1_Overview.py", folder, corpus_dev, monkeypatch)
    headers = [h.value for h in at.subheader]
    assert "Largest differences between groups of outlets" in headers
    lines = [m.value for m in at.markdown if "story" in m.value and "q = " in m.value]
    assert lines and all("q = " in line and " articles" in line for line in lines)


def test_an_uploaded_outlets_file_starts_the_comparison_again_from_its_groups() -> None:
    at = run_page("5_Groups.py")
    assert at.selectbox(key=state.GROUPS.versus).value == "the rest"  # one proposed country
    labels = {"World Bulletin (Anadolu Agency copy)": "a", "The Daily Intake": "b"}
    toml = "".join(
        f'[[outlet]]\nname = "{name}"\n[outlet.groups]\nlean = "{labels.get(name, "c")}"\n'
        for name in ["World Bulletin (Anadolu Agency copy)", "The Daily Intake", "News Guru"]
    )
    at.file_uploader(key=state.GROUPS.outlets_upload).set_value(
        [("outlets.toml", toml.encode(), "application/toml")]
    ).run()
    assert not at.exception
    assert at.selectbox(key=state.GROUPS.grouping).value == "lean"
    group, versus = at.selectbox(key=state.GROUPS.group), at.selectbox(key=state.GROUPS.versus)
    assert versus.options == [*(g for g in ("a", "b", "c") if g != group.value), "the rest"]
    assert versus.value == versus.options[0]  # the next group, as on a first visit
