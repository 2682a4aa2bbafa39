"""Sentiment toward a target with a small fine-tuned transformer, run through ONNX.

The model is sentence-transformers' all-MiniLM-L6-v2 (6 layers, 22.7M parameters, Apache-2.0)
fine-tuned on the NewsMTSC training set as a pair classifier by ``bench/train_transformer.py``:

* segment A is the sentence with the target wrapped in two marker tokens (``[unused0]`` and
  ``[unused1]`` of the vocabulary, registered as special tokens so they are never split);
* segment B is the target's words;
* the head reads the mean of all token vectors and the mean of the target's token vectors.

It ships as an int8 ONNX file in ``analysis/data`` with its tokenizer; inference needs only
onnxruntime and the ``tokenizers`` package (no torch, nothing downloaded). :func:`encode` is
shared by training and inference, so both see the same input.

The shipped file is quantised statically (``bench/quantise_static.py``): each activation is
quantised with a scale fixed once on the NewsMTSC training pairs, so nothing in the graph reads
another row of the batch. :func:`probabilities` scores pairs of the same token length together
(never padded), so a pair's score is bit for bit its score alone.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

#: Most tokens one (sentence, target) pair is given (the training length).
MAX_TOKENS = 128
#: A sentence longer than this (characters) is cut to a window around the target first.
MAX_CHARS = 600
#: Marker tokens of the vocabulary placed before and after the target.
OPEN, CLOSE = "[unused0]", "[unused1]"
MODEL_FILE = "data/sentiment_minilm.onnx"
TOKENIZER_FILE = "data/sentiment_minilm_tokenizer.json"
META_FILE = "data/sentiment_minilm.json"
#: (sentence, start, end) pairs whose logits a process remembers (about 100 MB at most).
REMEMBERED = 200_000
#: Most pairs of one model call (all of the same token length; more gains nothing measurable,
#: bench/sentiment_throughput.py).
BATCH = 16
#: A target: its sentence and the character offsets of the mention in it (end exclusive).
Pair = tuple[str, int, int]
#: Input names of the ONNX graph, in order.
INPUTS: tuple[str, ...] = ("input_ids", "attention_mask", "token_type_ids", "target_mask")


@dataclass(frozen=True)
class Encoded:
    """Token arrays of a batch of pairs, padded to the longest (all int64, n x length)."""

    input_ids: np.ndarray
    attention_mask: np.ndarray
    token_type_ids: np.ndarray
    target_mask: np.ndarray

    def feeds(self) -> dict[str, np.ndarray]:
        """The arrays by ONNX input name."""
        return dict(zip(INPUTS, self.arrays(), strict=True))

    def arrays(self) -> tuple[np.ndarray, ...]:
        """The arrays in :data:`INPUTS` order."""
        return (self.input_ids, self.attention_mask, self.token_type_ids, self.target_mask)


def load_tokenizer(path: str | Path):  # -> tokenizers.Tokenizer
    """The BERT word-piece tokenizer of ``path`` set up for :func:`encode`: markers
    registered as special tokens, truncation at :data:`MAX_TOKENS`, no padding."""
    from tokenizers import AddedToken, Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.add_special_tokens([AddedToken(OPEN), AddedToken(CLOSE)])
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


def _window(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """``sentence`` cut to at most about :data:`MAX_CHARS` characters around the target (at
    spaces), with the target's new offsets; a shorter sentence is returned as it is."""
    if len(sentence) <= MAX_CHARS:
        return sentence, start, end
    side = max(0, (MAX_CHARS - (end - start)) // 2)
    lo = max(0, start - side)
    hi = min(len(sentence), end + side)
    if lo > 0:
        space = sentence.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(sentence):
        space = sentence.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return sentence[lo:hi], start - lo, end - lo


def marked(sentence: str, start: int, end: int) -> tuple[str, str]:
    """Segment A (the sentence, windowed, with the target between the markers) and segment B
    (the target's words) of one pair."""
    sentence, start, end = _window(sentence, start, end)
    target = sentence[start:end]
    return f"{sentence[:start]}{OPEN} {target} {CLOSE}{sentence[end:]}", target


def encode(tokenizer, pairs: list[tuple[str, str]]) -> Encoded:
    """Token arrays of ``pairs`` (from :func:`marked`). The target mask marks the tokens
    between the markers; when truncation cut them off, the tokens of segment B."""
    return padded(tokenizer, tokenizer.encode_batch(pairs))


def padded(tokenizer, encodings: list) -> Encoded:
    """Token arrays of ``encodings`` (the tokenizer's output for pairs of :func:`marked`)."""
    width = max((len(e.ids) for e in encodings), default=0)
    n = len(encodings)
    ids = np.zeros((n, width), dtype=np.int64)
    attention = np.zeros((n, width), dtype=np.int64)
    types = np.zeros((n, width), dtype=np.int64)
    target = np.zeros((n, width), dtype=np.int64)
    opened, closed = tokenizer.token_to_id(OPEN), tokenizer.token_to_id(CLOSE)
    for i, encoding in enumerate(encodings):
        row = np.asarray(encoding.ids, dtype=np.int64)
        size = len(row)
        ids[i, :size] = row
        attention[i, :size] = 1
        types[i, :size] = encoding.type_ids
        where_open = np.flatnonzero(row == opened)
        where_close = np.flatnonzero(row == closed)
        if len(where_open) and len(where_close) and where_close[0] > where_open[0] + 1:
            target[i, where_open[0] + 1 : where_close[0]] = 1
        else:
            second = np.asarray(encoding.type_ids) == 1
            second[size - 1] = False
            target[i, :size] = second
    return Encoded(ids, attention, types, target)


@cache
def _session():  # -> onnxruntime.InferenceSession
    """The model's session, one core per call (calls may run in several threads at once)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    model = resources.files("analysis").joinpath(MODEL_FILE).read_bytes()
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


@cache
def _tokenizer():  # -> tokenizers.Tokenizer
    with resources.as_file(resources.files("analysis").joinpath(TOKENIZER_FILE)) as path:
        return load_tokenizer(path)


@cache
def meta() -> dict[str, object]:
    """What the shipped model was trained on and how it scored (from its JSON file)."""
    return json.loads(resources.files("analysis").joinpath(META_FILE).read_text())


def probabilities(
    sentences: list[str],
    starts: list[int],
    ends: list[int],
    *,
    threads: int = 1,
    session=None,  # onnxruntime.InferenceSession
    tokenizer=None,  # tokenizers.Tokenizer
    temperature: float | None = None,
    batch: int = BATCH,
) -> np.ndarray:
    """Class probabilities (n x 3: negative, neutral, positive) toward each target
    ``sentences[i][starts[i]:ends[i]]``; identical pairs are scored once.

    Pairs of the same token length are scored together, at most ``batch`` per call of the
    model, and nothing is padded: with the shipped (statically quantised) model a pair's
    logits are then bit for bit those of the pair alone, whatever the other pairs. A model
    that quantises its activations per call (``quantize_dynamic``) must be given
    ``batch=1``, its scores shifting with their neighbours' by up to 0.06. The shipped
    model's logits of a pair are remembered per process. ``threads`` calls run side by side,
    each on one core. ``session`` and ``tokenizer`` default to the shipped model's (training
    scores its own candidates with them); the logits are divided by ``temperature``
    (default: the shipped model's, fitted on NewsMTSC dev so that the confidence matches the
    accuracy) before the softmax."""
    keys = list(zip(sentences, starts, ends, strict=True))
    if not keys:
        return np.zeros((0, 3))
    unique = list(dict.fromkeys(keys))
    shipped = session is None and tokenizer is None
    tokenizer = tokenizer or _tokenizer()
    session = session or _session()
    logits = _remembered.get(unique) if shipped else {}
    todo = [key for key in unique if key not in logits]
    groups = list(batches(tokenizer, todo, size=batch))

    def score(group: list[tuple[Pair, object]]) -> np.ndarray:
        return _logits(session, tokenizer, [encoding for _, encoding in group])

    if threads > 1 and len(groups) > 1:
        with ThreadPoolExecutor(threads) as pool:
            scored = list(pool.map(score, groups))
    else:
        scored = [score(group) for group in groups]
    for group, rows in zip(groups, scored, strict=True):
        fresh = {key: row for (key, _), row in zip(group, rows, strict=True)}
        logits |= fresh
        if shipped:
            _remembered.put(fresh)
    if temperature is None:
        temperature = float(meta().get("temperature", 1.0))
    out = softmax(np.vstack([logits[key] for key in unique]).astype(np.float64) / temperature)
    index = {key: i for i, key in enumerate(unique)}
    return out[[index[key] for key in keys]]


def batches(
    tokenizer, keys: list[Pair], *, size: int = BATCH
) -> Iterator[list[tuple[Pair, object]]]:
    """``keys`` with their encodings, in groups of at most ``size`` pairs of the same token
    length (shortest first), so that a group needs no padding."""
    by_length: dict[int, list[tuple[Pair, object]]] = {}
    for key in keys:
        encoding = tokenizer.encode(*marked(*key))
        by_length.setdefault(len(encoding.ids), []).append((key, encoding))
    for length in sorted(by_length):
        same = by_length[length]
        for lo in range(0, len(same), max(1, size)):
            yield same[lo : lo + max(1, size)]


def _logits(session, tokenizer, encodings: list) -> np.ndarray:
    """The model's logits (n x 3) of ``encodings`` in one call."""
    (logits,) = session.run(None, padded(tokenizer, encodings).feeds())
    return logits


class MemoInfo(NamedTuple):
    """How often the memo answered (``hits``) and how often the model did (``misses``)."""

    hits: int
    misses: int
    size: int


class _Memo:
    """The shipped model's logits of up to :data:`REMEMBERED` pairs, the least recently used
    forgotten first (safe to share between threads): a pair's score depends on nothing else,
    so a sentence seen before (wire copy, an analysis rerun with another registry in a
    long-lived worker) costs nothing."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rows: OrderedDict[Pair, np.ndarray] = OrderedDict()
        self.hits = self.misses = 0
        self.lock = threading.Lock()

    def get(self, keys: list[Pair]) -> dict[Pair, np.ndarray]:
        with self.lock:
            found = {}
            for key in keys:
                row = self.rows.get(key)
                if row is not None:
                    self.rows.move_to_end(key)
                    found[key] = row
            self.hits += len(found)
            self.misses += len(keys) - len(found)
            return found

    def put(self, rows: dict[Pair, np.ndarray]) -> None:
        with self.lock:
            self.rows.update(rows)
            while len(self.rows) > self.limit:
                self.rows.popitem(last=False)

    def cache_info(self) -> MemoInfo:
        with self.lock:
            return MemoInfo(self.hits, self.misses, len(self.rows))

    def cache_clear(self) -> None:
        with self.lock:
            self.rows.clear()
            self.hits = self.misses = 0


_remembered = _Memo(REMEMBERED)


def forget() -> None:
    """Empties the pairs this process remembers (a benchmark times the model, not the memo)."""
    _remembered.cache_clear()


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax of ``logits`` (n x classes)."""
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
