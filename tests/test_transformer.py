"""The transformer sentiment model: its input encoding, the shipped ONNX file and its scores."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from analysis import transformer as T
from analysis.sentiment import LABELS, target_probabilities
from tests.conftest import ROOT

SENTENCE = "Putin is a terrible liar, but Zelensky is a wonderful leader."


def _tokenizer():
    return T.load_tokenizer(ROOT / "analysis" / T.TOKENIZER_FILE)


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


def test_the_target_is_marked_and_repeated_as_the_second_segment() -> None:
    first, second = T.marked(SENTENCE, *_span(SENTENCE, "Zelensky"))
    assert (
        first == "Putin is a terrible liar, but [unused0] Zelensky [unused1] is a wonderful leader."
    )
    assert second == "Zelensky"


def test_the_target_mask_covers_the_targets_word_pieces() -> None:
    tokenizer = _tokenizer()
    batch = T.encode(tokenizer, [T.marked(SENTENCE, *_span(SENTENCE, "Zelensky"))])
    ids = batch.input_ids[0][batch.target_mask[0] == 1]
    assert tokenizer.decode(ids.tolist()).replace(" ", "") == "zelensky"
    assert batch.attention_mask.sum() == len(batch.input_ids[0])
    assert set(batch.token_type_ids[0]) == {0, 1}


def test_a_long_sentence_is_cut_around_the_target() -> None:
    sentence = "Officials met again. " * 60 + "Critics condemned Smith. " + "Talks went on. " * 60
    start, end = _span(sentence, "Smith")
    first, second = T.marked(sentence, start, end)
    assert len(first) <= T.MAX_CHARS + 30
    assert "[unused0] Smith [unused1]" in first
    batch = T.encode(_tokenizer(), [(first, second)])
    assert batch.input_ids.shape[1] <= T.MAX_TOKENS
    assert batch.target_mask.sum() >= 1


def test_batching_and_padding_do_not_change_a_score() -> None:
    sentences = [
        SENTENCE,
        SENTENCE,
        "The minister, who has been accused of corruption by three separate inquiries and "
        "faces a vote of no confidence next week, denied everything on Monday.",
        "Smith spoke.",
    ]
    spans = [
        _span(SENTENCE, "Putin"),
        _span(SENTENCE, "Zelensky"),
        _span(sentences[2], "minister"),
        (0, 5),
    ]
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    together = T.probabilities(sentences, starts, ends)
    alone = np.vstack(
        [T.probabilities([s], [a], [b]) for s, a, b in zip(sentences, starts, ends, strict=True)]
    )
    assert together.shape == (4, 3)
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(together.sum(axis=1), 1.0, atol=1e-6)
    repeated = T.probabilities([SENTENCE] * 3, [0] * 3, [5] * 3)
    np.testing.assert_allclose(repeated, np.tile(together[0], (3, 1)), atol=1e-6)


def _keys(cases: list[tuple[str, str]]) -> list[T.Pair]:
    return [(sentence, *_span(sentence, target)) for sentence, target in cases]


def test_pairs_of_one_length_are_scored_together_bit_for_bit_as_alone() -> None:
    keys = _keys(
        [
            ("Critics attacked Smith and praised Jones on Monday.", "Smith"),
            ("Critics attacked Smith and praised Jones on Monday.", "Jones"),
            ("The crowd cheered Brown and booed Green.", "Green"),
        ]
    )
    tokenizer = _tokenizer()
    (group,) = T.batches(tokenizer, keys)
    assert [key for key, _ in group] == keys  # one call of three pairs of the same length
    encodings = [encoding for _, encoding in group]
    together = T._logits(T._session(), tokenizer, encodings)
    alone = np.vstack([T._logits(T._session(), tokenizer, [e]) for e in encodings])
    np.testing.assert_array_equal(together, alone)
    T.forget()
    probs = T.probabilities(*map(list, zip(*keys, strict=True)))
    T.forget()
    one_by_one = [T.probabilities([s], [a], [b]) for s, a, b in keys]
    np.testing.assert_array_equal(probs, np.vstack(one_by_one))


def test_pairs_of_different_lengths_are_never_padded_together() -> None:
    keys = _keys(
        [
            ("Smith spoke.", "Smith"),
            (SENTENCE, "Putin"),
            (SENTENCE, "Zelensky"),
            (
                "The committee, chaired for years by the veteran lawmaker Ana Ortiz, met.",
                "Ana Ortiz",
            ),
            ("Officials praised Smith on Monday.", "Smith"),
        ]
    )
    tokenizer = _tokenizer()
    groups = list(T.batches(tokenizer, keys, size=2))
    assert sorted(key for group in groups for key, _ in group) == sorted(keys)
    for group in groups:
        assert len({len(encoding.ids) for _, encoding in group}) == 1
        assert T.padded(tokenizer, [e for _, e in group]).attention_mask.all()
    lengths = [len(group[0][1].ids) for group in groups]
    assert lengths == sorted(lengths) and len(set(lengths)) >= 3
    T.forget()
    mixed = T.probabilities(*map(list, zip(*keys, strict=True)), batch=64)
    for key, row in zip(keys, mixed, strict=True):
        T.forget()
        np.testing.assert_array_equal(row, T.probabilities(*map(lambda v: [v], key))[0])


# labels of the dynamically quantised model that shipped before the static one (one call
# per pair); the static model must keep them
BEFORE = [
    (
        "The governor was cheered by thousands of supporters as she unveiled the new hospital.",
        "governor",
        "positive",
    ),
    (
        "Prosecutors accused the former mayor of taking bribes from developers for a decade.",
        "former mayor",
        "negative",
    ),
    ("The company said its quarterly report would be published on Thursday.", "company", "neutral"),
    ("Critics slammed the senator's plan as reckless and cruel.", "senator", "negative"),
    (
        "Experts praised the central bank for acting swiftly to calm the markets.",
        "central bank",
        "positive",
    ),
    ("The minister arrived in Brussels on Tuesday for two days of talks.", "minister", "neutral"),
    (
        "Voters blamed the president for soaring prices and a string of broken promises.",
        "president",
        "negative",
    ),
    ("The coach thanked his players after a hard-fought win.", "coach", "positive"),
]


def test_the_static_model_keeps_the_labels_of_the_dynamic_one() -> None:
    keys = _keys([(sentence, target) for sentence, target, _ in BEFORE])
    probs = T.probabilities(*map(list, zip(*keys, strict=True)), threads=2)
    assert [LABELS[i] for i in probs.argmax(axis=1)] == [label for *_, label in BEFORE]


@pytest.mark.parametrize(
    ("sentence", "negative", "positive"),
    [
        (
            "Critics condemned Putin as a brutal dictator, while Zelensky was praised for his "
            "courageous leadership.",
            "Putin",
            "Zelensky",
        ),
        (
            "The senator praised Garcia for her courage and attacked Lopez as corrupt.",
            "Lopez",
            "Garcia",
        ),
    ],
)
def test_the_score_depends_on_the_target(sentence: str, negative: str, positive: str) -> None:
    spans = [_span(sentence, negative), _span(sentence, positive)]
    probs = target_probabilities([sentence, sentence], [a for a, _ in spans], [b for _, b in spans])
    assert [LABELS[i] for i in probs.argmax(axis=1)] == ["negative", "positive"]


def test_the_shipped_model_is_small_and_documented() -> None:
    model = ROOT / "analysis" / T.MODEL_FILE
    assert model.stat().st_size <= 30_000_000
    meta = T.meta()
    assert meta["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()
    assert "NewsMTSC" in meta["trained_on"]
    assert meta["ships"] == "int8-static"
    chosen, before = meta["onnx"]["int8-static"], meta["onnx"]["int8"]
    assert chosen["dev_rw"] >= 0.78 and chosen["dev_mt"] >= 0.73  # the targets
    # static quantisation (batch-invariant) cost 0.010 (rw) and 0.006 (mt) of the dynamic
    # model's F1m when it was made (bench/quantise_static.py)
    assert chosen["dev_rw"] >= before["dev_rw"] - 0.012
    assert chosen["dev_mt"] >= before["dev_mt"] - 0.012
    assert "NewsMTSC train" in meta["static_quantisation"]["calibration"]
    assert len(meta["quantised_from"]["sha256"]) == 64
    assert 0.5 <= meta["temperature"] <= 4
    assert {run["seed"] for run in meta["runs"]} >= {meta["chosen"]["seed"]}
    assert json.loads((ROOT / "analysis" / T.META_FILE).read_text()) == meta


@pytest.mark.parametrize("threads", [1, 2])
def test_threads_do_not_change_the_labels(threads: int) -> None:
    probs = T.probabilities([SENTENCE], [0], [5], threads=threads)
    assert LABELS[int(probs.argmax())] == "negative"


def test_a_pair_seen_before_is_not_scored_again() -> None:
    sentence = "The mayor, Anna Berg, opened the new bridge on Friday."
    start, end = _span(sentence, "Anna Berg")
    first = T.probabilities([sentence], [start], [end])
    before = T._remembered.cache_info()
    again = T.probabilities([sentence, sentence], [start, start], [end, end])
    after = T._remembered.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses
    np.testing.assert_array_equal(again, np.vstack([first, first]))
