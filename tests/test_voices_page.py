"""AppTest of the Voices page on the seeds."""

from __future__ import annotations

from tests.conftest import chart_specs, run_page, values


def test_voices_page_shows_shares_verbs_and_quotes() -> None:
    at = run_page("4_Voices.py")
    shares, verbs = chart_specs(at)
    assert shares["layout"]["title"]["text"] == (
        "Who gets a voice: share of each outlet's quoted words by speaker"
    )
    assert verbs["layout"]["title"]["text"] == (
        "How speakers are introduced: share of loaded attribution verbs"
    )
    speakers = {trace["name"] for trace in shares["data"]}
    assert {"Zelensky", "Trump"} <= speakers
    for outlet_index in range(len(shares["data"][0]["y"])):
        total = sum(values(t["x"])[outlet_index] for t in shares["data"])
        assert abs(total - 100) < 1e-6
    quotes = at.dataframe[-1].value
    assert {"Yermak", "Trump", "Zelensky"} <= set(quotes["speaker"])


def test_filtering_quotes_by_speaker() -> None:
    at = run_page("4_Voices.py")
    at.selectbox(key="voices.speaker").select("Trump").run()
    assert not at.exception
    quotes = at.dataframe[-1].value
    assert set(quotes["speaker"]) == {"Trump"}
    assert "wrote" in set(quotes["verb"])
    at.toggle(key="voices.direct_only").set_value(True).run()
    assert set(at.dataframe[-1].value["direct"]) == {True}
