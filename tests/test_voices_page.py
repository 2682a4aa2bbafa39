"""AppTest of the Voices page on the seeds."""

from __future__ import annotations

from tests.conftest import chart_specs, run_page, values


def test_voices_page_shows_shares_verbs_and_quotes() -> None:
    at = run_page("4_Voices.py")
    shares, verbs, _ = chart_specs(at)
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


def test_voices_page_shows_the_kinds_of_voices_and_their_diversity() -> None:
    at = run_page("4_Voices.py")
    kinds = chart_specs(at)[2]
    assert kinds["layout"]["title"]["text"] == (
        "Whose voices: share of each outlet's quoted words by kind of speaker"
    )
    # the seeds quote heads of state and their officials
    assert {"politician", "official"} <= {trace["name"] for trace in kinds["data"]}
    for outlet_index in range(len(kinds["data"][0]["y"])):
        total = sum(values(t["x"])[outlet_index] for t in kinds["data"])
        assert abs(total - 100) < 1e-6
    assert "Kinds of voices" in [header.value for header in at.subheader]
    diversity = next(d.value for d in at.dataframe if "kind_diversity" in d.value.columns)
    assert len(diversity) == 3
    assert (diversity["speakers"] >= 2).all()
