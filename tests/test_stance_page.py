"""AppTest of the Stance page on the seeds."""

from __future__ import annotations

from tests.conftest import chart_specs, run_page, values


def test_stance_page_shows_the_chart_and_evidence() -> None:
    at = run_page("3_Stance.py")
    specs = chart_specs(at)
    assert len(specs) == 1
    assert specs[0]["layout"]["title"]["text"] == (
        "Stance toward direct talks: statements per actor and outlet"
    )
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
