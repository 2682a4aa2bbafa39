"""AppTest of the Actors page: filters, charts, evidence, registry editing and discovery."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages._ui import state
from tests.conftest import chart_specs, run_page


@pytest.fixture
def app() -> AppTest:
    return run_page("2_Actors.py")


def test_page_shows_heatmap_bars_and_evidence_on_the_seeds(app: AppTest) -> None:
    heatmap, bars = chart_specs(app)
    assert heatmap["data"][0]["type"] == "heatmap"
    assert {"Zelensky", "Putin", "Russia"} <= set(heatmap["data"][0]["x"])
    assert len(heatmap["data"][0]["y"]) == 3
    assert {trace["name"] for trace in bars["data"]} == {
        "News Guru",
        "The Daily Intake",
        "World Bulletin (Anadolu Agency copy)",
    }
    evidence = [m.value for m in app.markdown if "orange-background" in m.value]
    assert evidence and all("polarity" in text for text in evidence)
    assert not app.error


def test_filters_narrow_the_charts(app: AppTest) -> None:
    app.multiselect(key=state.ACTORS.outlets).set_value(["The Daily Intake"]).run()
    app.multiselect(key=state.ACTORS.actors).set_value(["Putin", "Trump"]).run()
    heatmap, bars = chart_specs(app)
    assert heatmap["data"][0]["y"] == ["The Daily Intake"]
    assert set(heatmap["data"][0]["x"]) == {"Putin", "Trump"}
    assert [trace["name"] for trace in bars["data"]] == ["The Daily Intake"]


def test_minimum_mentions_turns_cells_into_too_few(app: AppTest) -> None:
    app.number_input(key=state.ACTORS.min_mentions).set_value(50).run()
    heatmap, bars = chart_specs(app)
    texts = [cell for row in heatmap["data"][0]["text"] for cell in row if cell != "n=0"]
    assert texts and all("too few" in cell for cell in texts)
    assert "No outlet mentions an actor often enough" in str(bars["layout"]["annotations"])


def test_the_sentiment_classifier_can_be_chosen(app: AppTest) -> None:
    assert app.radio(key=state.SENTIMENT).value == "transformer"
    before, _ = chart_specs(app)
    app.radio(key=state.SENTIMENT).set_value("classifier").run()
    after, _ = chart_specs(app)
    assert not app.exception
    assert after["data"][0]["x"] == before["data"][0]["x"]
    assert after["data"][0]["z"] != before["data"][0]["z"]
    assert any("the classifier sentiment model" in c.value for c in app.caption)
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(app)]
    assert all("(classifier polarity" in title for title in titles)


def test_chart_titles_name_the_model_that_scored_them(app: AppTest) -> None:
    """Issue 44: the heatmap said "classifier polarity" while the transformer scored it."""
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(app)]
    assert titles and all("(transformer polarity, -1..+1)" in title for title in titles)


def test_evidence_follows_the_chosen_pair(app: AppTest) -> None:
    app.selectbox(key=state.ACTORS.pair_outlet).set_value("The Daily Intake").run()
    app.selectbox(key=state.ACTORS.pair_actor).set_value("Zelensky").run()
    evidence = [m.value for m in app.markdown if "orange-background" in m.value]
    assert any("Zelenskiy" in text for text in evidence)
    assert any("mentions of Zelensky in The Daily Intake" in c.value for c in app.caption)


def test_actors_found_in_the_text_can_be_dropped_and_renamed(app: AppTest) -> None:
    """The table of actors found outside the registry: a drop and a new name, saved into
    the registry, change the actors of every chart."""
    assert "Telegram" in app.multiselect(key=state.ACTORS.actors).options
    editor = next(e for e in app.data_editor if "new name" in e.value.columns)
    found = editor.value
    assert {"Telegram", "Ukrainian Armed Forces"} <= set(found["actor"])
    assert not found["drop"].any()
    assert "Putin" not in set(found["actor"])  # the registry's actors are not listed
    telegram = int(found.index[found["actor"] == "Telegram"][0])
    forces = int(found.index[found["actor"] == "Ukrainian Armed Forces"][0])
    app.session_state[state.ACTORS.found_editor] = {
        "edited_rows": {telegram: {"drop": True}, forces: {"new name": "Ukraine"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in app.button if b.label == "Save to the registry").click().run()
    assert not app.exception and not app.error
    assert any("Saved 2 changes" in s.value for s in app.success)
    registry = app.session_state[state.REGISTRY]
    assert 'name = "Telegram"\nkind = "ignored"' in registry
    assert "Ukrainian Armed Forces" in registry  # an alias of Ukraine now
    options = app.multiselect(key=state.ACTORS.actors).options
    assert "Telegram" not in options and "Ukrainian Armed Forces" not in options
    after = next(e for e in app.data_editor if "new name" in e.value.columns).value
    assert "Telegram" not in set(after["actor"]) and not after["drop"].any()  # a fresh table


def test_a_broken_registry_upload_is_refused_with_a_reason(app: AppTest) -> None:
    before = app.session_state[state.REGISTRY]
    app.file_uploader(key=state.ACTORS.registry_upload).set_value(
        [("actors.toml", b"[[actor]]\nkind = 'person'\n", "application/toml")]
    ).run()
    assert any("actors.toml was not loaded" in e.value and "no name" in e.value for e in app.error)
    assert app.session_state[state.REGISTRY] == before
    assert not app.exception


def test_an_uploaded_registry_replaces_the_actors(app: AppTest) -> None:
    registry = b'[[actor]]\nname = "Kremlin"\nkind = "organisation"\n'
    app.file_uploader(key=state.ACTORS.registry_upload).set_value(
        [("mine.toml", registry, "application/toml")]
    ).run()
    assert any("Loaded 1 actors from mine.toml" in s.value for s in app.success)
    options = app.multiselect(key=state.ACTORS.actors).options
    assert "Kremlin" in options  # the registry's actor, as the registry names it ...
    assert "Vladimir Putin" in options  # ... beside the actors found in the text
    # the selection starts again from the most mentioned actors of the new analysis
    assert app.multiselect(key=state.ACTORS.actors).value == options[:8]
