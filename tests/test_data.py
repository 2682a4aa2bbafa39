"""The pages' one view cache (pages/_ui/data.view): keyed by the analysis and the choices."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis import schema as S
from analysis.tables import Analysis
from analysis.views import actors
from pages._ui import data

built: Counter[tuple[str, int]] = Counter()


def _mentions_of_outlets(analysis: Analysis, top: int) -> pd.Series:
    built[(analysis.key, top)] += 1
    counts = analysis.mentions.merge(analysis.articles, on=S.ARTICLE_ID)[S.OUTLET].value_counts()
    return counts.head(top)


def test_a_view_is_built_once_per_analysis_and_choice(seeds_analysis: Analysis) -> None:
    built.clear()
    first = data.view(seeds_analysis, _mentions_of_outlets, 2)
    again = data.view(seeds_analysis, _mentions_of_outlets, 2, spinner="Counting…")
    assert again is first and len(first) == 2
    assert built == {(seeds_analysis.key, 2): 1}
    assert len(data.view(seeds_analysis, _mentions_of_outlets, 3)) == 3
    chosen = seeds_analysis.subset(["News Guru"])
    assert data.view(chosen, _mentions_of_outlets, 3).index.tolist() == ["News Guru"]
    assert built == {(seeds_analysis.key, 2): 1, (seeds_analysis.key, 3): 1, (chosen.key, 3): 1}


def test_builders_read_their_settings_from_the_choices_not_the_session(
    seeds_analysis: Analysis,
) -> None:
    found = data.view(seeds_analysis, data._found_actors, "")  # an empty registry
    assert not found.empty
    selection = actors.Selection(min_mentions=1)
    summary = data.view(seeds_analysis, actors.build, selection).summary
    assert len(summary) >= len(seeds_analysis.actor_summary)
