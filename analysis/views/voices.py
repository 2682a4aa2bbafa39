"""The Voices page's view: whose words each outlet carries, and with which verbs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import voice_summary
from analysis.charts import loaded_verbs_heatmap, voice_share_bars
from analysis.tables import Analysis
from analysis.views.actors import TOP_ACTORS
from analysis.views.base import Chart, chosen_articles, limits

PAGE = "Voices"
#: Speakers on the loaded-verbs heatmap beyond those with a colour of their own.
MORE_VERB_SPEAKERS = 4


@dataclass(frozen=True)
class Selection:
    """The Voices page's choices: the ``outlets`` (None: every outlet) and the ``top``
    speakers that get a colour of their own."""

    outlets: tuple[str, ...] | None = None
    top: int = field(default=TOP_ACTORS, metadata=limits(3, 16))


class Tables(NamedTuple):
    """What the Voices page shows: the ``quotes`` of the chosen outlets, their ``voices``
    (analysis.aggregate.voice_summary) and the number of speakers with a colour."""

    quotes: pd.DataFrame
    voices: pd.DataFrame
    top: int


def verb_speakers(top: int) -> int:
    """Speakers the loaded-verbs heatmap shows when ``top`` speakers have their own colour."""
    return top + MORE_VERB_SPEAKERS


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Voices page's tables for ``selection``."""
    quotes = analysis.quotes
    kept = quotes[quotes[S.ARTICLE_ID].isin(chosen_articles(analysis, selection.outlets))]
    return Tables(kept, voice_summary(kept, analysis.articles), selection.top)


def charts(tables: Tables) -> list[Chart]:
    """The share of quoted words per speaker and the loaded verbs per speaker."""
    return [
        Chart(PAGE, "voice shares", voice_share_bars(tables.voices, top=tables.top)),
        Chart(
            PAGE,
            "loaded verbs",
            loaded_verbs_heatmap(tables.voices, top=verb_speakers(tables.top)),
        ),
    ]
