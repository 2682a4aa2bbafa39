"""AppTest of the Framing page on the seeds."""

from __future__ import annotations

from analysis import schema as S
from analysis.framing import codebook_summary, frame_answers
from analysis.text import sentences
from pages._ui import state, widgets
from tests.conftest import chart_specs, run_page


def answers_of(corpus, article_id: str):  # type: ignore[no-untyped-def]
    """The codebook answers of one article, as the analysis makes them."""
    one = corpus.articles[corpus.articles[S.ARTICLE_ID] == article_id]
    return frame_answers(one, sentences(one))


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


def test_codebook_answers_of_an_article_chosen_by_outlet_then_date(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    at = run_page("7_Framing.py")
    articles = seeds_corpus.articles
    last = articles.iloc[-1]
    at.selectbox(key=state.FRAMING.article_outlet).select(last[S.OUTLET]).run()
    chosen = at.selectbox(key=state.FRAMING.article)
    assert chosen.options == [f"{last[S.TITLE]} ({last[S.PUBLISHED]:%Y-%m-%d})"]
    assert chosen.value == last[S.ARTICLE_ID]
    answers = answers_of(seeds_corpus, last[S.ARTICLE_ID])
    text = _markdown(at)
    assert all(f"**{question}**" in text for question in answers[S.QUESTION_ID])


def test_per_article_tables_list_their_first_rows(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(widgets, "ROW_LIMIT", 2)
    at = run_page("7_Framing.py")
    headlines = next(d.value for d in at.dataframe if "headline terms" in d.value.columns)
    assert len(headlines) == 2
    assert any("The first 2 of 3 articles are listed" in c.value for c in at.caption)
