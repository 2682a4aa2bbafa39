"""AppTest of the Framing page on the seeds."""

from __future__ import annotations

from analysis.framing import codebook_summary
from tests.conftest import chart_specs, run_page


def _markdown(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.value for m in at.markdown)


def test_framing_page_shows_terms_frames_and_labels() -> None:
    at = run_page("7_Framing.py")
    titles = [s["layout"]["title"]["text"] for s in chart_specs(at)]
    assert titles[-1].startswith("News frames by outlet")
    frames = chart_specs(at)[-1]["data"][0]
    assert set(frames["x"]) == {
        "responsibility",
        "human interest",
        "conflict",
        "morality",
        "economic consequences",
    }
    text = _markdown(at)
    assert any(codebook_summary() in caption.value for caption in at.caption)
    assert "✅ **R3**" in text and "➖ **H5**" in text  # codebook answers with evidence
    labels = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    trump = labels.set_index("actor").loc["Trump"]
    assert sum("former U.S. President" in cell for cell in trump) == 2


def test_the_war_itself_in_the_2022_article() -> None:
    at = run_page("7_Framing.py")
    at.selectbox(key="framing.group").select("the war itself").run()
    assert not at.exception
    heatmap, voices = chart_specs(at)[:2]
    assert heatmap["layout"]["title"]["text"].startswith("Contested terms for the war itself")
    assert {"invasion", "military operation"} <= set(heatmap["data"][0]["x"])
    own = next(t for t in voices["data"] if t["name"] == "own voice")
    assert any(label.startswith("military operation · World Bulletin") for label in own["y"])
    at.selectbox(key="framing.term").select("military operation").run()
    assert ":blue[own voice] · World Bulletin" in _markdown(at)


def test_a_users_own_terms() -> None:
    at = run_page("7_Framing.py")
    at.session_state["corpus.terms"] = '[[group]]\nname = "talks"\nterms = ["talks", "meeting"]\n'
    at.run()
    assert not at.exception
    assert at.selectbox(key="framing.group").value == "talks"
