"""The learned quote-speaker ranker: its shipped model, and what it attributes on real text
that the rules leave unattributed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import attribution
from analysis import schema as S
from analysis.attribution import FEATURES, MODEL_FILE, RANKED, SpeakerRanker, model
from analysis.quotes import UNATTRIBUTED
from analysis.speech import ArticleSpeech
from analysis.text import Span
from tests.speech_text import quotes_and_speech

#: A quote-only paragraph whose speaker is named two sentences before it, with no
#: attribution verb in the sentence just before.
TWO_BACK = (
    "Maria Lopez, the mayor of Springfield, spoke at length about the budget on Tuesday. "
    "The city faces a shortfall of $40 million this year.\n\n"
    "“We cannot keep cutting the libraries and the parks. Families deserve better than "
    "that.”\n\n"
    "The council will vote on the plan next week."
)
#: A "he" whose person is named in the paragraph before, past a sentence that names nobody.
PRONOUN = (
    "Senator James Whitfield has opposed the bill since it was introduced in March.\n\n"
    "On Thursday, after a long meeting with union leaders in the capital, the mood was "
    "tense. “This bill will cost thousands of jobs in our state and I will not vote for "
    "it,” he told reporters."
)


def _tables(text: str, *, ranked: bool) -> tuple[pd.DataFrame, ArticleSpeech]:
    """The quotes of one article (parsed, empty registry) and its speech lookup."""
    return quotes_and_speech(text, ranked=ranked, spokespeople=True)


def test_the_shipped_model_loads_and_its_record_matches() -> None:
    entry = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    loaded = model()
    assert entry["features"] == list(FEATURES)
    assert loaded.weights.shape == (len(FEATURES),)
    assert 0 < loaded.threshold < 1
    record = loaded.record
    assert "PolNeAR" in record["data"] and record["train_split"].startswith("train")
    assert record["seed"] == 38 and record["registry"] == "empty"
    assert (
        record["dev"]["rules_and_ranker"]["direct_speaker_right"]
        > (record["dev"]["rules"]["direct_speaker_right"])
    )
    assert MODEL_FILE.stat().st_size < 100_000


def test_a_model_of_other_features_is_refused(tmp_path) -> None:
    entry = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    entry["features"] = entry["features"][:-1]
    stale = tmp_path / "model.json"
    stale.write_text(json.dumps(entry), encoding="utf-8")
    with pytest.raises(ValueError, match="train it again"):
        attribution.model(stale)


def test_a_quote_only_paragraph_gets_the_speaker_named_two_sentences_back() -> None:
    rules, _ = _tables(TWO_BACK, ranked=False)
    ranked, _ = _tables(TWO_BACK, ranked=True)
    assert rules[S.SPEAKER].tolist() == [UNATTRIBUTED]
    row = ranked.iloc[0]
    assert row[S.SPEAKER] == "Maria Lopez"
    assert row[S.ATTRIBUTION] == RANKED and row[S.VERB] == ""
    assert row[S.SPEAKER_KIND] == "person"


def test_a_pronoun_resolves_to_the_person_named_in_the_paragraph_before() -> None:
    """The rules now resolve it themselves (:mod:`analysis.coreference` looks past a
    sentence that names nobody), with or without the ranker."""
    for ranked in (False, True):
        quotes, _ = _tables(PRONOUN, ranked=ranked)
        row = quotes.iloc[0]
        assert row[S.SPEAKER] == "James Whitfield"
        assert row[S.SPEAKER_TEXT] == "he" and row[S.SPEAKER_VIA] == "pronoun"
        assert row[S.ATTRIBUTION] == "same sentence"


def test_the_candidates_and_their_features() -> None:
    _, speech = _tables(TWO_BACK, ranked=True)
    quote = speech.quotes[0]
    ranker = SpeakerRanker(speech)
    candidates = ranker.candidates(Span(quote.start, quote.end))
    assert "Maria Lopez" in [c.name for c in candidates]
    rows = ranker.features(Span(quote.start, quote.end), candidates, previous="Maria Lopez")
    assert rows.shape == (len(candidates), len(FEATURES))
    lopez = [c.name for c in candidates].index("Maria Lopez")
    named = dict(zip(FEATURES, rows[lopez], strict=True))
    assert named["before"] == 1 and named["before_sentences_2"] == 1
    assert named["previous_quote_speaker"] == 1 and named["quote_only_paragraph_before"] == 1
    scores = model().probabilities(rows)
    assert int(np.argmax(scores)) == lopez


def test_rules_keep_the_quotes_they_attribute() -> None:
    text = (
        "“We will not accept these terms,” said Anna Berg, the union's chief negotiator. "
        "Management declined to comment."
    )
    rules, _ = _tables(text, ranked=False)
    ranked, _ = _tables(text, ranked=True)
    pd.testing.assert_frame_equal(rules, ranked)
    assert ranked[S.SPEAKER].tolist() == ["Anna Berg"]
