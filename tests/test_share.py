"""Shareable views (pages/_ui/share.py): the URL restores a page's selections and a small
corpus; what a link cannot carry is said; a workspace restores everything."""

from __future__ import annotations

from dataclasses import fields

import pytest
from streamlit.testing.v1 import AppTest

from analysis.stance import default_topics_text
from analysis.views import actors, framing, keywords, overview, spelling, stance, voices
from analysis.views.base import bounds
from analysis.workspace import Workspace, workspace_json
from pages._ui import state
from tests.conftest import ROOT


def _page(file_name: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / file_name), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _sidebar_link(at: AppTest) -> str:
    return at.sidebar.code[0].value


def test_a_link_restores_the_selections_of_the_actors_page() -> None:
    at = _page(
        "pages/2_Actors.py",
        **{
            "actors.outlets": ["News Guru", "No Such Outlet"],
            "actors.actors": ["Putin", "Zelensky"],
            "actors.min_mentions": "500",
            "actors.pair_actor": "Zelensky",
        },
    )
    at.run()
    assert not at.exception
    assert at.multiselect[0].value == ["News Guru"]
    assert at.multiselect[1].value == ["Putin", "Zelensky"]
    assert at.number_input[0].value == 100  # kept in the widget's range
    assert at.selectbox[1].value == "Zelensky"
    link = _sidebar_link(at)
    assert "actors.outlets=News+Guru" in link and "No+Such+Outlet" not in link
    assert "actors.min_mentions=100" in link


def test_unreadable_values_fall_back_to_the_defaults() -> None:
    at = _page(
        "pages/4_Voices.py", **{"voices.top": "many", "voices.speaker": "<script>", "seeds": "1"}
    )
    at.run()
    assert not at.exception
    assert at.number_input[0].value == 8
    assert at.selectbox[0].value == "All speakers"


def test_the_link_is_read_once_so_later_changes_stay() -> None:
    at = _page("pages/2_Actors.py", **{"actors.min_mentions": "2"})
    at.run()
    at.number_input[0].set_value(5).run()
    assert at.number_input[0].value == 5
    assert "actors.min_mentions=5" in _sidebar_link(at)


def test_a_link_carries_a_url_corpus_and_the_sample_switch() -> None:
    at = _page("dashboard.py", url=["http://127.0.0.1:9/story", "ftp://x"], seeds="0")
    at.run()
    assert not at.exception
    assert at.session_state[state.URLS] == ("http://127.0.0.1:9/story",)
    assert at.session_state[state.INCLUDE_SEEDS] is False
    link = _sidebar_link(at)
    assert "url=http%3A%2F%2F127.0.0.1%3A9%2Fstory" in link and "seeds=0" in link
    # the private address is refused on a hosted dashboard, and listed as rejected
    assert "http://127.0.0.1:9/story" in at.dataframe[-1].value["source"].tolist()


def test_a_link_carries_the_sentiment_classifier() -> None:
    at = _page("pages/2_Actors.py", sentiment="classifier")
    at.run()
    assert not at.exception
    assert at.radio(key=state.SENTIMENT).value == "classifier"
    assert "sentiment=classifier" in _sidebar_link(at)
    at.radio(key=state.SENTIMENT).set_value("transformer").run()
    assert "sentiment=" not in _sidebar_link(at)  # the default is not written


def test_uploaded_text_never_goes_into_the_link() -> None:
    at = _page("pages/2_Actors.py")
    at.session_state[state.PASTED] = (("pasted text 1", "secret " * 80, "Mine", "", ""),)
    at.run()
    assert "secret" not in _sidebar_link(at)
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Uploaded files and pasted text do not travel in a link" in captions
    assert "workspace file" in captions


def test_opening_a_workspace_restores_corpus_files_and_selections() -> None:
    script = """
import streamlit as st
from analysis.workspace import read_workspace
from pages._ui import share

share.open_workspace(read_workspace(st.session_state["file"]))
st.session_state["back"] = share.current_workspace()
"""
    workspace = Workspace(
        pasted=(("pasted text 1", "Putin spoke. " * 40, "Mine", "Talks", "2025-05-12"),),
        include_seeds=False,
        edits={"abc": {"outlet": "Reuters"}},
        files={"topics": default_topics_text() + "\n# my edit\n"},
        view={
            "actors.min_mentions": 2,
            "voices.speech": "reported speech",
            "spelling.group": "Kyiv",
        },
    )
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state["file"] = workspace_json(workspace)
    at.run()
    assert not at.exception
    assert at.session_state["back"] == workspace


def test_link_edits_of_a_column_that_cannot_be_edited_are_refused_with_a_message() -> None:
    for edits, reason in (
        ('{"0123abcd": {"text": "x"}}', "the column 'text' cannot be edited"),
        ("[" * 5_000 + "]" * 5_000, "nested too deeply"),
        ("{not json", "not a JSON file"),
    ):
        for page in ("pages/1_Overview.py", "pages/2_Actors.py"):
            at = _page(page, edits=edits)
            at.run()
            assert not at.exception
            assert any(reason in w.value for w in at.warning), (page, reason)
            assert at.session_state[state.EDITS] == {}


def test_number_inputs_are_drawn_from_the_range_and_default_a_link_is_checked_against() -> None:
    pages = {
        "pages/2_Actors.py": [state.ACTORS.view_key("min_mentions")],
        "pages/4_Voices.py": [state.VOICES.view_key("top")],
        "pages/5_Keywords.py": [
            state.KEYWORDS.view_key("top"),
            state.KEYWORDS.view_key("min_count"),
        ],
    }
    for file_name, views in pages.items():
        at = _page(file_name)
        at.run()
        assert not at.exception
        for view in views:
            widget = at.number_input(key=view.key)
            assert (widget.min, widget.max, widget.value) == (view.low, view.high, view.default)
            assert view in state.ALL_VIEWS


def test_every_choice_of_a_view_is_a_widget_and_a_link_parameter() -> None:
    """The keys a link carries for a page are its view's Selection fields (analysis.views),
    and each is the key of the widget that makes that choice."""
    selections = {
        state.OVERVIEW: overview.Selection,
        state.ACTORS: actors.Selection,
        state.STANCE: stance.Selection,
        state.VOICES: voices.Selection,
        state.KEYWORDS: keywords.Selection,
        state.SPELLING: spelling.Selection,
        state.FRAMING: framing.Selection,
    }
    for page, selection in selections.items():
        names = [f.name for f in fields(selection)]
        keys = state.selection_keys(page.page, selection)
        assert [key.key for key in keys] == [f"{page.page}.{name}" for name in names]
        assert [key.key for key in keys] == [getattr(page, name) for name in names]
        assert keys == page.view[: len(keys)] and set(keys) <= set(state.ALL_VIEWS)
    low, high, default = bounds(voices.Selection, "top")
    assert state.ViewKey("voices.top", "int", low, high, default) == state.VOICES.view_key("top")


def test_a_pages_keys_are_named_by_field_and_keep_the_strings_old_links_use() -> None:
    assert state.ACTORS.min_mentions == "actors.min_mentions"
    assert state.ACTORS.registry_upload == "actors.registry_upload"
    assert state.ACTORS.view_key("min_mentions").kind == "int"
    assert state.VOICES.view_key("speech") == state.ViewKey("voices.speech", "text")
    with pytest.raises(AttributeError, match="no key 'typo'"):
        _ = state.ACTORS.typo
    with pytest.raises(KeyError):
        state.ACTORS.view_key("editor")  # a key of the page that a link does not carry
    assert [view.key for view in state.ALL_VIEWS] == [
        "overview.outlets", "overview.actor",
        "actors.outlets", "actors.actors", "actors.min_mentions", "actors.pair_outlet",
        "actors.pair_actor",
        "stance.topic", "stance.outlets", "stance.actors", "stance.position_outlet",
        "stance.every_actor", "stance.evidence_actor", "stance.holder", "stance.target",
        "voices.outlets", "voices.top", "voices.speech", "voices.speaker",
        "groups.grouping", "groups.group", "groups.versus", "groups.finding",
        "keywords.kind", "keywords.top", "keywords.outlet", "keywords.min_count",
        "keywords.term", "keywords.free_term",
        "spelling.outlets", "spelling.group",
        "framing.outlets", "framing.group", "framing.term", "framing.article", "framing.actor",
        "article.id", "article.kinds", "article.other",
    ]  # fmt: skip


def test_the_sidebar_link_is_one_line_and_says_what_it_carries() -> None:
    """Issue 44: the "Copy link" box filled half the sidebar with a wrapped raw URL."""
    at = _page("pages/2_Actors.py", **{"actors.outlets": ["News Guru"]})
    at.run()
    box = at.sidebar.code[0].proto
    assert not box.wrap_lines
    assert any("opens this page with its" in c.value for c in at.sidebar.caption)
