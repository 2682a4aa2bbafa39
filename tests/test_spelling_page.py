"""AppTest of the Spelling page on the seeds."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, chart_specs, run_page, values


def test_spelling_page_shows_house_styles_and_the_zelensky_heatmap() -> None:
    at = run_page("6_Spelling.py")
    specs = chart_specs(at)
    assert [s["layout"]["title"]["text"] for s in specs] == [
        "House styles: each outlet's spelling of names written more than one way",
        "How outlets spell Zelensky: uses per outlet (colour = share, ★ = house style)",
    ]
    styles = specs[0]["data"][0]
    assert {"Zelensky", "Türkiye"} <= set(styles["x"])
    cells = {text for row in styles["text"] for text in row}
    assert {"Zelenskyy", "Zelenskiy", "Zelensky", "Turkey", "Türkiye"} <= cells
    heatmap = specs[1]["data"][0]
    assert set(heatmap["x"]) == {"Zelenskiy", "Zelensky", "Zelenskyy"}
    assert all(text.endswith("★") for row in heatmap["text"] for text in row if text)
    assert any("Turkey" in str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())


def test_choosing_another_name_and_editing_the_table() -> None:
    at = run_page("6_Spelling.py")
    at.selectbox(key="spelling.group").select("Türkiye").run()
    assert not at.exception
    heatmap = chart_specs(at)[1]["data"][0]
    assert set(heatmap["x"]) == {"Turkey", "Türkiye"}
    shares = values(heatmap["z"])  # a 2-D array, decoded flat
    assert any(0 < v < 1 for v in shares)  # both outlets mix the two spellings
    at.session_state["corpus.spellings"] = (
        '[[group]]\nname = "Kyiv"\nkind = "place"\nvariants = ["Kyiv", "Kiev"]\nnote = ""\n'
    )
    at.run()
    assert not at.exception
    assert at.selectbox(key="spelling.group").value == "Kyiv"


def test_every_chart_downloads_as_a_named_png_at_scale_2() -> None:
    at = run_page("6_Spelling.py")
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    names = [c["toImageButtonOptions"]["filename"] for c in configs]
    assert names == ["presslens-house-styles", "presslens-spelling-zelensky"]
    assert all(c["toImageButtonOptions"]["format"] == "png" for c in configs)
    assert all(c["toImageButtonOptions"]["scale"] == 2 for c in configs)


def test_a_group_note_with_a_newline_is_kept_and_the_page_draws() -> None:
    """The reported bug: such a note was written as invalid TOML and the page raised."""
    import pandas as pd

    from analysis.settings import DATA_FILES
    from pages._ui import state

    kind = DATA_FILES["spellings"]
    row = {"name": "Kyiv", "kind": "place", "variants": "Kyiv; Kiev", "note": "one\ntwo"}
    entries, toml = kind.toml_from_frame(pd.DataFrame([row]))
    at = AppTest.from_file(str(ROOT / "pages" / "6_Spelling.py"), default_timeout=120)
    at.session_state[state.SPELLINGS] = toml
    at.run()
    assert not at.exception
    assert entries[0].note == "one\ntwo"
