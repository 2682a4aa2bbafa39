"""AppTest of the Keywords page: shared/unique heatmap, distinctive terms, keyword in context."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.views import keywords
from pages._ui import state
from tests.conftest import chart_specs, run_page


@pytest.fixture
def app() -> AppTest:
    return run_page("5_Keywords.py")


def test_page_shows_matrix_scatter_and_bars(app: AppTest) -> None:
    matrix, scatter, bars = chart_specs(app)
    assert matrix["data"][0]["type"] == "heatmap"
    assert len(matrix["data"][0]["x"]) == 3
    assert "zelensky" in matrix["data"][0]["y"]
    assert scatter["data"][0]["type"] == "scatter"
    assert bars["data"][0]["orientation"] == "h"
    assert not app.error


def test_2022_outlet_over_uses_invasion_words(app: AppTest) -> None:
    app.selectbox(key=state.KEYWORDS.outlet).set_value("World Bulletin (Anadolu Agency copy)")
    app.number_input(key=state.KEYWORDS.min_count).set_value(1).run()
    bars = chart_specs(app)[2]
    assert {"invasion", "europe"} & set(bars["data"][0]["y"])


def test_phrases_replace_words_in_the_matrix(app: AppTest) -> None:
    app.radio(key=state.KEYWORDS.kind).set_value("Phrases (2–3 words, YAKE)").run()
    keys = chart_specs(app)[0]["data"][0]["y"]
    assert "president putin" in keys
    # a phrase that is only a person's name becomes the person's key ("vladimir putin" -> putin)
    assert sum(" " in key for key in keys) > len(keys) / 2


def test_keyword_in_context_shows_every_spelling(app: AppTest) -> None:
    app.text_input(key=state.KEYWORDS.free_term).set_value("Zelensky").run()
    lines = " ".join(m.value for m in app.markdown if "orange-background" in m.value)
    for spelling in ("Zelenskyy", "Zelenskiy", "Zelensky"):
        assert f"[**{spelling}**]" in lines or f" {spelling}**]" in lines
    assert any("sentences use" in c.value for c in app.caption)


def test_unknown_term_says_so(app: AppTest) -> None:
    app.text_input(key=state.KEYWORDS.free_term).set_value("zeppelin").run()
    assert any("No sentence uses" in i.value for i in app.info)


def test_a_large_analysis_waits_for_a_keyword_to_be_chosen(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert any("sentences use" in c.value for c in app.caption)  # the first keyword's, unasked
    monkeypatch.setattr(keywords, "MAX_SENTENCES_SHOWN_UNASKED", 10)
    large = run_page("5_Keywords.py")
    term = large.selectbox(key=state.KEYWORDS.term)
    assert term.value is None and not any("sentences use" in c.value for c in large.caption)
    term.set_value(term.options[0]).run()
    assert any("sentences use" in c.value for c in large.caption)


def test_keyword_in_context_is_bounded_with_show_more_and_a_full_download(app: AppTest) -> None:
    """Issue 44: the list of a common word made the page 13,000 pixels long."""
    app.text_input(key=state.KEYWORDS.free_term).set_value("Putin").run()
    listed = [m for m in app.markdown if m.value.startswith("- ")]
    total = int(next(c.value for c in app.caption if "sentences use" in c.value).split()[0])
    assert total > 20 and len(listed) == 20
    assert any(
        c.value == f"First 20 of {total} sentences shown; the CSV has them all."
        for c in app.caption
    )
    assert any(b.label == "Download every sentence (CSV)" for b in app.get("download_button"))
    app.button(key=state.KEYWORDS.kwic_more).click().run()
    assert len([m for m in app.markdown if m.value.startswith("- ")]) == min(40, total)
