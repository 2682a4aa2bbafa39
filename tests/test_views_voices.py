"""Tests of the Voices page's view (analysis/views/voices.py)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.aggregate import voice_summary
from analysis.tables import Analysis
from analysis.views import (
    voices,
)
from tests.view_cases import GURU


def test_voices_count_the_quotes_of_the_chosen_outlets(seeds_analysis: Analysis) -> None:
    every = voices.build(seeds_analysis)
    guru = voices.build(seeds_analysis, voices.Selection((GURU,), top=3))
    assert every.voices["quotes"].sum() == len(seeds_analysis.quotes)
    assert set(guru.voices[S.OUTLET]) == {GURU}
    pd.testing.assert_frame_equal(
        guru.voices, voice_summary(voices.quotes(seeds_analysis, (GURU,)), seeds_analysis.articles)
    )
    assert voices.verb_speakers(guru.top) == 3 + voices.MORE_VERB_SPEAKERS


def test_the_quotes_listed_are_those_of_the_outlets_speaker_and_kind_chosen(
    seeds_analysis: Analysis,
) -> None:
    every = voices.quotes(seeds_analysis)
    assert len(every) == len(seeds_analysis.quotes)
    speaker = every.loc[every[S.DIRECT], S.SPEAKER].iloc[0]
    chosen = voices.quotes(seeds_analysis, (GURU,), speaker, True)
    expected = every[(every[S.OUTLET] == GURU) & (every[S.SPEAKER] == speaker) & every[S.DIRECT]]
    assert chosen[S.TEXT].tolist() == expected[S.TEXT].tolist()
    assert len(voices.quotes(seeds_analysis, None, None, False, 2)) == 2


def test_voices_rank_the_speakers_and_count_their_quotes(seeds_analysis: Analysis) -> None:
    tables = voices.build(seeds_analysis)
    counts = list(tables.speakers.values())
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == voices.quote_count(tables) == len(seeds_analysis.quotes)
    speaker = next(iter(tables.speakers))
    quotes = voices.quotes(seeds_analysis, speaker=speaker)
    assert voices.quote_count(tables, speaker) == tables.speakers[speaker] == len(quotes)
    assert voices.quote_count(tables, speaker, True) == int(quotes[S.DIRECT].sum())
