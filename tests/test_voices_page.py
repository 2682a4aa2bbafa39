"""AppTest of the Voices page on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.outlets import outlets_to_toml
from analysis.results import write_results
from analysis.tables import Analysis
from pages._ui import data, state
from tests.conftest import ROOT, chart_specs, run_page, values
from tests.test_views_groups import by_story


def test_voices_page_shows_shares_verbs_and_quotes() -> None:
    at = run_page("4_Voices.py")
    shares, verbs, _ = chart_specs(at)
    assert shares["layout"]["title"]["text"] == (
        "Who gets a voice: share of each outlet's quoted words by speaker"
    )
    assert verbs["layout"]["title"]["text"] == (
        "How speakers are introduced: share of loaded attribution verbs"
    )
    speakers = {trace["name"] for trace in shares["data"]}
    assert {"Zelensky", "Trump"} <= speakers
    for outlet_index in range(len(shares["data"][0]["y"])):
        total = sum(values(t["x"])[outlet_index] for t in shares["data"])
        assert abs(total - 100) < 1e-6
    quotes = at.dataframe[-1].value
    assert {"Yermak", "Trump", "Zelensky"} <= set(quotes["speaker"])


def test_filtering_quotes_by_speaker() -> None:
    at = run_page("4_Voices.py")
    at.selectbox(key="voices.speaker").select("Trump").run()
    assert not at.exception
    quotes = at.dataframe[-1].value
    assert set(quotes["speaker"]) == {"Trump"}
    assert "wrote" in set(quotes["verb"])
    at.radio(key="voices.speech").set_value("direct quotes").run()
    assert set(at.dataframe[-1].value["direct"]) == {True}


def test_voices_page_shows_the_kinds_of_voices_and_their_diversity() -> None:
    at = run_page("4_Voices.py")
    kinds = chart_specs(at)[2]
    assert kinds["layout"]["title"]["text"] == (
        "Whose voices: share of each outlet's quoted words by kind of speaker"
    )
    # the seeds quote heads of state and their officials
    assert {"politician", "official"} <= {trace["name"] for trace in kinds["data"]}
    for outlet_index in range(len(kinds["data"][0]["y"])):
        total = sum(values(t["x"])[outlet_index] for t in kinds["data"])
        assert abs(total - 100) < 1e-6
    assert "Kinds of voices" in [header.value for header in at.subheader]
    diversity = next(d.value for d in at.dataframe if "kind_diversity" in d.value.columns)
    assert len(diversity) == 3
    assert (diversity["speakers"] >= 2).all()


@pytest.fixture(scope="module")
def folder(corpus_dev_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("voices") / "results"
    write_results(corpus_dev_analysis, out, settings="made elsewhere", csv=False)
    return out


def test_the_kinds_of_voices_of_each_story_of_corpus_dev(
    folder: Path, corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.RESULTS_ROOTS, str(folder.parent))
    at = AppTest.from_file(str(ROOT / "pages" / "4_Voices.py"), default_timeout=300)
    at.session_state[state.RESULTS] = str(folder)
    at.session_state[state.DATA_FILE_KEYS["outlets"]] = outlets_to_toml(by_story(corpus_dev))
    at.run()
    assert not at.exception
    assert len(chart_specs(at)[2]["data"][0]["y"]) > 20  # every outlet that quotes anyone
    at.selectbox(key=state.VOICES.kind_grouping).select("story").run()
    assert not at.exception
    kinds = chart_specs(at)[2]
    assert set(kinds["data"][0]["y"]) == {"istanbul-talks", "geneva-trade-talks"}
    diversity = next(d.value for d in at.dataframe if "kind_diversity" in d.value.columns)
    assert set(diversity["outlet"]) == {"istanbul-talks", "geneva-trade-talks"}
    assert diversity["ci_low"].notna().all()


def test_the_page_switches_between_direct_quotes_reported_speech_and_both() -> None:
    """Reported speech is listed beside direct quotes by default; each choice lists its own
    kind only, and the choice is part of the view a link carries."""
    at = run_page("4_Voices.py")
    assert at.radio(key="voices.speech").value == "direct and reported"
    assert set(at.dataframe[-1].value["direct"]) == {True, False}
    assert "on_behalf_of" in at.dataframe[-1].value.columns
    at.radio(key="voices.speech").set_value("reported speech").run()
    assert not at.exception
    assert set(at.dataframe[-1].value["direct"]) == {False}
    assert at.query_params["voices.speech"] == "reported speech"
