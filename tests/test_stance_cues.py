"""The cue matcher (analysis.stance.cues): whole-word phrases with a trailing *, the cue
lists of stance_cues.toml, and the spans the finder keeps."""

from __future__ import annotations

from analysis.stance.cues import (
    Phrases,
    cue_lists,
    longest,
    one_topic_per_span,
    split_negations,
    tokens_of,
    topic_cues,
)
from analysis.stance.topics import default_topics, parse_topics


def test_phrases_match_whole_words_with_a_trailing_star_for_any_ending() -> None:
    phrases = Phrases(["cease*", "direct talks", "talks"])
    words = tokens_of("Putin rejects CEASEFIRE calls and direct talks")
    assert phrases.find(words) == [
        (2, 3, "cease*"),
        (5, 7, "direct talks"),  # the longest of the phrases starting at one word
        (6, 7, "talks"),
    ]
    assert phrases.find(tokens_of("a decease and talk")) == []  # whole words, from the start


def test_a_negation_written_into_a_word_is_its_own_token() -> None:
    words = split_negations(tokens_of("Moscow didn't and Kyiv doesn’t agree"))
    assert words == ["moscow", "n't", "and", "kyiv", "n't", "agree"]
    assert cue_lists().negation.find(words) == [(1, 2, "n't"), (4, 5, "n't")]


def test_every_cue_list_of_the_data_file_is_read() -> None:
    cues = cue_lists()
    for field in cues._fields:
        assert getattr(cues, field).find([]) == []
        assert getattr(cues, field).exact or getattr(cues, field).prefixed, field
    assert cues.support.find(["accepted"]) and cues.oppose.find(["rejected"])
    assert cues.hedge.find(["formally"]) and not cues.support.find(["formally"])


def test_overlapping_spans_keep_the_earlier_and_longer() -> None:
    assert longest([(0, 2, "a"), (0, 3, "b"), (2, 4, "c"), (3, 5, "d")]) == [
        (0, 3, "b"),
        (3, 5, "d"),
    ]
    # of two topics on the same words, the longer cue, then the one ranked first
    assert one_topic_per_span([(2, 3, "y"), (1, 3, "x"), (5, 6, "y"), (5, 6, "z")]) == [
        (1, 3, "x"),
        (5, 6, "y"),
    ]


def test_topic_cues_are_made_once_per_topic_list() -> None:
    topics = (*default_topics(), *parse_topics('[[topic]]\nname = "visas"\ncues = ["visa*"]\n'))
    cues = topic_cues(topics)
    assert cues is topic_cues(topics)
    assert [name for name, _ in cues][-1] == "visas"
    assert dict(cues)["visas"].find(tokens_of("cancel visas for Ukrainians")) == [(1, 2, "visa*")]
