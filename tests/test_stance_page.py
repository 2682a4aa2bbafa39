"""AppTest of the Stance page on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import streamed
from analysis.corpus import load_corpus
from analysis.pipeline import Engine, Settings
from analysis.stance import default_topics_text, parse_topics
from pages._ui import state
from pages._ui.data import RESULTS_ROOTS
from tests.conftest import ROOT, SEEDS, chart_specs, run_page, values


def test_stance_page_shows_the_chart_and_evidence() -> None:
    at = run_page("3_Stance.py")
    specs = chart_specs(at)
    assert len(specs) == 2
    assert specs[0]["layout"]["title"]["text"] == (
        "Stance toward direct talks: statements per actor and outlet"
    )
    assert specs[1]["layout"]["title"]["text"].startswith("Who takes positions toward whom")
    bars = {trace["name"]: trace for trace in specs[0]["data"]}
    assert set(bars) == {"support", "conditional", "neutral", "oppose"}
    labels = set(bars["support"]["y"])
    assert any(label.startswith("Putin · ") for label in labels)
    assert any("urged" in m.value or "proposal" in m.value for m in at.markdown)


def test_changing_topic_and_adding_a_topic() -> None:
    at = run_page("3_Stance.py")
    at.selectbox(key="stance.topic").select("ceasefire").run()
    assert not at.exception
    title = chart_specs(at)[0]["layout"]["title"]["text"]
    assert title.startswith("Stance toward ceasefire")
    oppose = next(t for t in chart_specs(at)[0]["data"] if t["name"] == "oppose")
    pairs = zip(oppose["y"], values(oppose["x"]), strict=True)
    assert any(label.startswith("Putin") and x > 0 for label, x in pairs)
    at.session_state["corpus.topics"] = '[[topic]]\nname = "visas"\ncues = ["visa*"]\n'
    at.run()
    assert not at.exception
    assert at.selectbox(key="stance.topic").value == "visas"


def test_a_topic_with_a_control_character_is_edited_and_used() -> None:
    """The reported bug: a cue with a control character broke the page on every rerun."""
    import pandas as pd

    from analysis.settings import DATA_FILES
    from pages._ui import state

    kind = DATA_FILES["topics"]
    at = run_page("3_Stance.py")
    _, toml = kind.toml_from_frame(pd.DataFrame([{"name": "visas", "cues": "vi\x07sa*; visas"}]))
    at.session_state[state.TOPICS] = toml
    at.run()
    assert not at.exception
    assert at.selectbox(key="stance.topic").options == ["visas"]


def test_a_proposed_topic_is_added_with_one_click() -> None:
    at = run_page("3_Stance.py")
    add = next(b for b in at.button if b.label.startswith("Add 'proposal' as a topic"))
    add.click().run()
    assert not at.exception
    assert 'name = "proposal"' in at.session_state["corpus.topics"]
    assert any("Added the topic 'proposal'" in s.value for s in at.success)
    at.selectbox(key="stance.topic").select("proposal").run()
    assert chart_specs(at)[0]["layout"]["title"]["text"].startswith("Stance toward proposal")


def test_a_results_folder_offers_the_topics_it_was_made_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 44: a folder made with ``analyze --topics`` listed the built-in topics and opened
    on one without statements. It offers its own topics, opening on the one with the most."""
    topics = parse_topics(
        '[[topic]]\nname = "sanctions talk"\ncues = ["sanction*"]\n\n'
        '[[topic]]\nname = "meeting"\ncues = ["meet*", "talks"]\n'
    )
    streamed.analyse_into(
        load_corpus([SEEDS]),
        Settings(topics=topics),
        tmp_path,
        fingerprint="own topics",
        engine=Engine(workers=1),
    )
    monkeypatch.setenv(RESULTS_ROOTS, str(tmp_path))
    at = AppTest.from_file(str(ROOT / "pages" / "3_Stance.py"), default_timeout=120)
    at.session_state[state.RESULTS] = str(tmp_path)
    at.run()
    assert not at.exception
    box = at.selectbox(key=state.STANCE.topic)
    assert box.options == ["sanctions talk", "meeting"]
    assert box.value == "meeting"  # the topic with the most statements
    bars = chart_specs(at)[0]["data"]
    assert sum(sum(values(trace["x"])) for trace in bars) > 0


def test_another_topic_keeps_a_valid_actor_choice() -> None:
    """Issue 44: a topic without statements emptied the actor choice, and the next topic
    said no actor takes a position on it while many did."""
    at = run_page("3_Stance.py")
    at.session_state[state.TOPICS] = default_topics_text() + (
        '\n[[topic]]\nname = "xylophones"\ncues = ["xylophone*"]\n'
    )
    at.run()
    at.selectbox(key=state.STANCE.topic).select("xylophones").run()
    assert at.multiselect(key=state.STANCE.actors).value == []
    at.selectbox(key=state.STANCE.topic).select("ceasefire").run()
    assert not at.exception
    assert at.multiselect(key=state.STANCE.actors).value  # the actors of ceasefire
    assert not any("No actor takes a position" in i.value for i in at.info)


def test_the_positions_between_actors_open_on_a_pair_and_its_sentences() -> None:
    """The seeds hold one position toward another actor (Ukraine accused Russia): the
    matrix draws it, the holder and target open on it, its sentence is listed; one outlet
    and every actor are choices a link carries."""
    at = run_page("3_Stance.py")
    matrix = chart_specs(at)[1]["data"][0]
    assert matrix["type"] == "heatmap" and "Russia" in matrix["x"] and "Ukraine" in matrix["y"]
    assert at.selectbox(key=state.STANCE.holder).value == "Ukraine"
    assert at.selectbox(key=state.STANCE.target).value == "Russia"
    assert any("accused" in m.value and "Ukraine" in m.value for m in at.markdown)
    outlets = at.selectbox(key=state.STANCE.position_outlet).options
    at.selectbox(key=state.STANCE.position_outlet).select(outlets[1]).run()
    at.checkbox(key=state.STANCE.every_actor).check().run()
    assert not at.exception
    title = chart_specs(at)[1]["layout"]["title"]["text"]
    assert title.startswith(f"Who takes positions toward whom ({outlets[1]})")
