"""Tests of the Voices page's view (analysis/views/voices.py)."""

from __future__ import annotations

import pandas as pd
import pytest

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
    chosen = voices.quotes(seeds_analysis, (GURU,), speaker, voices.DIRECT)
    expected = every[(every[S.OUTLET] == GURU) & (every[S.SPEAKER] == speaker) & every[S.DIRECT]]
    assert chosen[S.TEXT].tolist() == expected[S.TEXT].tolist()
    assert len(voices.quotes(seeds_analysis, None, None, None, 2)) == 2
    reported = voices.quotes(seeds_analysis, speech=voices.REPORTED)
    assert len(reported) + int(every[S.DIRECT].sum()) == len(every)
    assert not reported[S.DIRECT].any()


def test_voices_rank_the_speakers_and_count_their_quotes(seeds_analysis: Analysis) -> None:
    tables = voices.build(seeds_analysis)
    counts = list(tables.speakers.values())
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == voices.quote_count(tables) == len(seeds_analysis.quotes)
    speaker = next(iter(tables.speakers))
    quotes = voices.quotes(seeds_analysis, speaker=speaker)
    assert voices.quote_count(tables, speaker) == tables.speakers[speaker] == len(quotes)
    direct = voices.build(seeds_analysis, voices.Selection(speech=voices.DIRECT))
    assert voices.quote_count(direct, speaker) == int(quotes[S.DIRECT].sum())


def test_voices_show_direct_quotes_reported_speech_or_both(seeds_analysis: Analysis) -> None:
    """The seeds carry both kinds: each kind's voices count only its quotes, and the two
    add up to both."""
    both = voices.build(seeds_analysis)
    direct = voices.build(seeds_analysis, voices.Selection(speech=voices.DIRECT))
    reported = voices.build(seeds_analysis, voices.Selection(speech=voices.REPORTED))
    quotes = seeds_analysis.quotes
    assert (direct.speech, reported.speech, both.speech) == (voices.DIRECT, voices.REPORTED, None)
    assert voices.quote_count(direct) == int(quotes[S.DIRECT].sum()) > 0
    assert voices.quote_count(reported) == int((~quotes[S.DIRECT]).sum()) > 0
    assert (direct.voices["direct"] == direct.voices["quotes"]).all()
    assert (reported.voices["direct"] == 0).all()
    assert voices.quote_count(direct) + voices.quote_count(reported) == voices.quote_count(both)
    with pytest.raises(ValueError, match="speech"):
        voices.build(seeds_analysis, voices.Selection(speech="paraphrase"))
