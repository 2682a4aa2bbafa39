"""The Voices page's view: whose words each outlet carries, and with which verbs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import voice_summary
from analysis.charts import loaded_verbs_heatmap, voice_share_bars
from analysis.tables import Analysis
from analysis.views import base, voice_kinds
from analysis.views.actors import TOP_ACTORS
from analysis.views.base import Chart, chosen_articles, chosen_outlets, limits, once, per_outlet

PAGE = "Voices"
#: The voice summary's count of quotes of a speaker in an outlet (its direct ones: S.DIRECT).
QUOTES = "quotes"
#: Speakers on the loaded-verbs heatmap beyond those with a colour of their own.
MORE_VERB_SPEAKERS = 4


@dataclass(frozen=True)
class Selection:
    """The Voices page's choices: the ``outlets`` (None: every outlet) and the ``top``
    speakers that get a colour of their own."""

    outlets: tuple[str, ...] | None = None
    top: int = field(default=TOP_ACTORS, metadata=limits(3, 16))


class Tables(NamedTuple):
    """What the Voices page shows: the ``voices`` of the chosen outlets
    (analysis.aggregate.voice_summary), the number of speakers with a colour, and the
    ``speakers`` of those outlets with their quotes, most quoted first (ties by name), and
    the ``kinds`` of voices they carry (:mod:`analysis.views.voice_kinds`)."""

    voices: pd.DataFrame
    top: int
    speakers: dict[str, int]
    kinds: voice_kinds.KindTables


def verb_speakers(top: int) -> int:
    """Speakers the loaded-verbs heatmap shows when ``top`` speakers have their own colour."""
    return top + MORE_VERB_SPEAKERS


@per_outlet
def _voices(analysis: Analysis) -> pd.DataFrame:
    return voice_summary(analysis.quotes, analysis.articles)


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Voices page's tables for ``selection`` (an outlet's voices do not depend on the
    other outlets: the summary of every outlet is made once and filtered)."""
    voices = once(analysis, _voices)
    outlets = chosen_outlets(analysis, selection.outlets)
    kept = voices[voices[S.OUTLET].isin(outlets)]
    return Tables(
        kept.reset_index(drop=True),
        selection.top,
        base.ranked_totals(kept, S.SPEAKER, QUOTES),
        voice_kinds.kind_tables(analysis, outlets),
    )


def quote_count(tables: Tables, speaker: str | None = None, direct_only: bool = False) -> int:
    """How many quotes the chosen outlets carry (0 or more): of ``speaker`` only when one is
    given, direct quotes only when asked."""
    voices = tables.voices
    of_speaker = voices if speaker is None else voices[voices[S.SPEAKER] == speaker]
    return int(of_speaker[S.DIRECT if direct_only else QUOTES].sum())


def quotes(
    analysis: Analysis,
    outlets: tuple[str, ...] | None = None,
    speaker: str | None = None,
    direct_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """The quotes of the articles of ``outlets`` (None: every outlet), of ``speaker`` only
    when one is given, direct quotes only when asked, with their article's outlet and
    title: the first ``limit`` in table order (None: all)."""
    where: dict[str, Collection[object]] = {}
    if outlets is not None:
        where[S.ARTICLE_ID] = chosen_articles(analysis, outlets)
    if speaker is not None:
        where[S.SPEAKER] = [speaker]
    if direct_only:
        where[S.DIRECT] = [True]
    found = analysis.rows("quotes", limit, **where)
    return found.merge(analysis.articles[[S.ARTICLE_ID, S.OUTLET, S.TITLE]], on=S.ARTICLE_ID)


def charts(tables: Tables) -> list[Chart]:
    """The page's charts: :func:`speaker_charts`, then the kinds of voices."""
    return [*speaker_charts(tables), *voice_kinds.charts(tables.kinds)]


def speaker_charts(tables: Tables) -> list[Chart]:
    """The share of quoted words per speaker and the loaded verbs per speaker."""
    return [
        Chart(PAGE, "voice shares", voice_share_bars(tables.voices, top=tables.top)),
        Chart(
            PAGE,
            "loaded verbs",
            loaded_verbs_heatmap(tables.voices, top=verb_speakers(tables.top)),
        ),
    ]
