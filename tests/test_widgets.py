"""The widgets pages share (pages/_ui/widgets.py): on a page of their own and on the pages
that edit a data file."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from pages._ui import state
from tests.conftest import run_page


def _shown() -> None:
    import pandas as pd

    from pages._ui import widgets

    widgets.first_shown(2, 2, " shown.")
    widgets.first_shown(2, 5, " sentences shown.")
    frame = pd.DataFrame({"line": [1], "text": ["removed"], "why": ["a menu"]})
    labels = {"line": "Line", "text": "Removed", "why": "Why"}
    widgets.labelled_table(frame, labels, large="text", numbers={"line"})


def test_only_the_rows_beyond_those_shown_are_mentioned_and_columns_get_their_labels() -> None:
    at = AppTest.from_function(_shown).run()
    assert not at.exception
    assert [caption.value for caption in at.caption] == ["First 2 of 5 sentences shown."]
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["line"]["label"] == "Line" and columns["line"]["type_config"]["type"] == "number"
    assert columns["text"]["width"] == "large" and "width" not in columns["why"]


@pytest.mark.parametrize(
    ("page", "keys"),
    [
        ("2_Actors.py", state.ACTORS),
        ("3_Stance.py", state.STANCE),
        ("6_Spelling.py", state.SPELLING),
        ("7_Framing.py", state.FRAMING),
    ],
)
def test_a_refused_data_file_change_is_explained_once(page: str, keys: state.PageKeys) -> None:
    at = run_page(page)
    at.session_state[keys.message] = ("error", "The entries were not changed: x")
    at.run()
    assert not at.exception
    assert [error.value for error in at.error] == ["The entries were not changed: x"]
    at.run()
    assert not at.error
