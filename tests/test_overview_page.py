"""The Overview page in AppTest: cards with the tables' facts, the differences, the timeline,
items that open their page, and the view in the link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import schema as S
from analysis.differences import differences
from analysis.outlets import outlets_to_toml
from analysis.results import write_results
from analysis.tables import Analysis
from pages._ui import data, state
from pages._ui.safe import md
from tests.conftest import ROOT, chart_specs, run_page
from tests.test_views_groups import by_story

WORLD_BULLETIN = "World Bulletin (Anadolu Agency copy)"


def _group(at: AppTest, outlet_position: int, label: str):  # type: ignore[no-untyped-def]
    """The card section ``label`` of the card at ``outlet_position`` (0 = first card)."""
    groups = [g for g in at.get("button_group") if g.proto.label == label]
    return groups[outlet_position]


def test_three_cards_differences_and_timeline_on_the_seeds(
    seeds_analysis: Analysis,
) -> None:
    at = run_page("1_Overview.py")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [
        "#### News Guru",
        "#### The Daily Intake",
        "#### World Bulletin \\(Anadolu Agency copy\\)",
    ]
    spelling = _group(at, 2, "Spelling it uses")
    assert "Zelensky → Zelenskyy (4 uses)" in [o.content for o in spelling.proto.options]
    listed = " ".join(m.value for m in at.markdown)
    summary, _ = differences(seeds_analysis)
    numbered = [m for m in at.markdown if re.match(r"\d+\. \*\*", m.value)]
    assert len(numbered) == len(summary)
    assert "Zelenskiy by The Daily Intake" in listed
    assert "“military operation”" in listed
    (timeline,) = chart_specs(at)
    assert timeline["layout"]["title"]["text"].startswith("Articles by date and outlet")
    assert at.selectbox(key=state.OVERVIEW.actor).value == "Ukraine"
    cards = at.dataframe[0].value
    assert set(cards[S.OUTLET]) == {"News Guru", "The Daily Intake", WORLD_BULLETIN}


def test_choosing_outlets_narrows_cards_and_differences() -> None:
    at = run_page("1_Overview.py")
    at.multiselect(key=state.OVERVIEW.outlets).set_value(["News Guru", "The Daily Intake"]).run()
    assert not at.exception
    listed = " ".join(m.value for m in at.markdown)
    assert "World Bulletin" not in listed
    assert "Türkiye by News Guru; Turkey by The Daily Intake" in listed
    at.multiselect(key=state.OVERVIEW.outlets).set_value(["News Guru"]).run()
    assert not any("Largest differences" in s.value for s in at.subheader)
    at.multiselect(key=state.OVERVIEW.outlets).set_value([]).run()
    assert "Choose at least one outlet." in [i.value for i in at.info]


def test_an_item_opens_its_page_showing_it() -> None:
    # from the app's entry point, as in the browser: page paths are relative to it
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/1_Overview.py").run()
    sentiment = _group(at, 0, "Sentiment toward the main actors (−1..+1)")
    zelensky = next(
        i for i, o in enumerate(sentiment.proto.options) if o.content.startswith("Zelensky")
    )
    sentiment.set_value(zelensky).run()
    assert not at.exception
    assert at.title[0].value == "Actors"
    assert at.session_state[state.ACTORS.pair_outlet] == "News Guru"
    assert at.session_state[state.ACTORS.pair_actor] == "Zelensky"


def test_the_link_restores_outlets_and_actor() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "1_Overview.py"), default_timeout=120)
    at.query_params[state.OVERVIEW.outlets] = ["News Guru", WORLD_BULLETIN, "Nowhere Daily"]
    at.query_params[state.OVERVIEW.actor] = "Putin"
    at.run()
    assert not at.exception
    assert at.multiselect(key=state.OVERVIEW.outlets).value == ["News Guru", WORLD_BULLETIN]
    assert at.selectbox(key=state.OVERVIEW.actor).value == "Putin"
    (timeline,) = chart_specs(at)
    assert "sentiment toward Putin" in timeline["layout"]["title"]["text"]


def test_widget_changes_rerun_without_analysing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = data.analyse

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "analyse", counted)
    at = AppTest.from_file(str(ROOT / "pages" / "1_Overview.py"), default_timeout=120)
    at.session_state[state.PASTED] = (
        (
            "pasted 1",
            "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul, "
            "while European leaders demanded a ceasefire first, officials in Kyiv said. "
            "This copy belongs to the rerun test.",
            "Rerun Times",
            "",
            "",
        ),
    )
    at.run()
    assert not at.exception and calls == [1]
    actors = list(at.selectbox(key=state.OVERVIEW.actor).options)
    for actor in actors[1:3]:
        at.selectbox(key=state.OVERVIEW.actor).set_value(actor).run()
    at.multiselect(key=state.OVERVIEW.outlets).set_value(["Rerun Times", "News Guru"]).run()
    assert not at.exception
    assert calls == [1]  # three reruns, no analysis


def test_the_overview_says_what_each_outlet_leaves_out() -> None:
    at = run_page("1_Overview.py")
    assert "What each outlet leaves out" in [header.value for header in at.subheader]
    # three outlets: each has two others, too few to call anything an omission
    lines = [c.value for c in at.caption if c.value.startswith("**Leaves out:**")]
    assert lines == ["**Leaves out:** too few other outlets"] * 3
    assert any("No omission" in info.value for info in at.info)


@pytest.fixture(scope="module")
def folder(corpus_dev_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("overview") / "results"
    write_results(corpus_dev_analysis, out, settings="made elsewhere", csv=False)
    return out


def test_each_story_of_corpus_dev_leaves_out_the_others_people(
    folder: Path, corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.RESULTS_ROOTS, str(folder.parent))
    at = AppTest.from_file(str(ROOT / "pages" / "1_Overview.py"), default_timeout=300)
    at.session_state[state.RESULTS] = str(folder)
    at.session_state[state.DATA_FILE_KEYS["outlets"]] = outlets_to_toml(by_story(corpus_dev))
    at.run()
    assert not at.exception
    assert len([c for c in at.caption if c.value.startswith("**Leaves out:**")]) == 6
    at.selectbox(key=state.OVERVIEW.omission_grouping).select("story").run()
    assert not at.exception
    said = [m.value for m in at.markdown if m.value.startswith(f"**{md('istanbul-talks')}**")]
    assert said and all("never" in line or "no statement" in line for line in said)
