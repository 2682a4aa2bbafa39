"""The Voices page's view: whose words each outlet carries, and with which verbs: direct
quotes, reported speech, or both."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import voice_summary
from analysis.tables import Analysis
from analysis.views import base, voice_kinds
from analysis.views.actors import TOP_ACTORS
from analysis.views.base import Chart, articles_where, chosen_outlets, limits, once, per_outlet
from analysis.voice_charts import loaded_verbs_heatmap, voice_share_bars

PAGE = "Voices"
#: The voice summary's count of quotes of a speaker in an outlet (its direct ones: S.DIRECT).
QUOTES = "quotes"
#: Speakers on the loaded-verbs heatmap beyond those with a colour of their own.
MORE_VERB_SPEAKERS = 4
#: The kinds of speech a selection may show (None: both), as the page names them.
DIRECT, REPORTED = "direct", "reported"
SPEECH = {None: "direct and reported", DIRECT: "direct quotes", REPORTED: "reported speech"}


@dataclass(frozen=True)
class Selection:
    """The Voices page's choices: the ``outlets`` (None: every outlet), the ``top``
    speakers that get a colour of their own and the ``speech`` shown: :data:`DIRECT` quotes
    (in quotation marks), :data:`REPORTED` speech ("X said that ...") or both (None)."""

    outlets: tuple[str, ...] | None = None
    top: int = field(default=TOP_ACTORS, metadata=limits(3, 16))
    speech: str | None = None


class Tables(NamedTuple):
    """What the Voices page shows: the ``voices`` of the chosen outlets and kind of speech
    (analysis.aggregate.voice_summary), the number of speakers with a colour, the
    ``speakers`` of those outlets with their quotes, most quoted first (ties by name), the
    ``kinds`` of voices they carry (:mod:`analysis.views.voice_kinds`, of every kind of
    speech) and the kind of ``speech`` shown (None: both)."""

    voices: pd.DataFrame
    top: int
    speakers: dict[str, int]
    kinds: voice_kinds.KindTables
    speech: str | None = None


def verb_speakers(top: int) -> int:
    """Speakers the loaded-verbs heatmap shows when ``top`` speakers have their own colour."""
    return top + MORE_VERB_SPEAKERS


def _directness(speech: str | None) -> list[bool]:
    """The values of the quotes table's ``direct`` column that ``speech`` shows."""
    if speech is not None and speech not in SPEECH:
        raise ValueError(f"speech is {DIRECT!r}, {REPORTED!r} or None, not {speech!r}")
    return {DIRECT: [True], REPORTED: [False]}.get(speech or "", [True, False])


@per_outlet
def _voices(analysis: Analysis, speech: str | None = None) -> pd.DataFrame:
    quoted = analysis.quotes
    if speech is not None:
        quoted = quoted[quoted[S.DIRECT].isin(_directness(speech))]
    return voice_summary(quoted, analysis.articles)


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Voices page's tables for ``selection`` (an outlet's voices do not depend on the
    other outlets: the summary of every outlet is made once per kind of speech and
    filtered)."""
    _directness(selection.speech)
    voices = once(analysis, _voices, selection.speech)
    outlets = chosen_outlets(analysis, selection.outlets)
    kept = voices[voices[S.OUTLET].isin(outlets)]
    return Tables(
        kept.reset_index(drop=True),
        selection.top,
        base.ranked_totals(kept, S.SPEAKER, QUOTES),
        voice_kinds.kind_tables(analysis, outlets),
        selection.speech,
    )


def quote_count(tables: Tables, speaker: str | None = None) -> int:
    """How many quotes of the kind shown the chosen outlets carry (0 or more): of
    ``speaker`` only when one is given."""
    voices = tables.voices
    of_speaker = voices if speaker is None else voices[voices[S.SPEAKER] == speaker]
    return int(of_speaker[QUOTES].sum())


def quotes(
    analysis: Analysis,
    outlets: tuple[str, ...] | None = None,
    speaker: str | None = None,
    speech: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The quotes of the articles of ``outlets`` (None: every outlet), of ``speaker`` only
    when one is given, of the kind of ``speech`` (:data:`DIRECT`, :data:`REPORTED`, None:
    both), with their article's outlet and title: the first ``limit`` in table order (None:
    all)."""
    where: dict[str, Collection[object]] = {**articles_where(analysis, outlets)}
    if speaker is not None:
        where[S.SPEAKER] = [speaker]
    if speech is not None:
        where[S.DIRECT] = _directness(speech)
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
