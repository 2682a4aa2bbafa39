"""Sentiment toward a target (an actor mention) in its sentence.

Two scores per target:

* :func:`lexicon_polarity`: TextBlob's polarity (-1.0 very negative .. +1.0 very positive) of
  the target's clause, widened to a window of words around it when the clause is short. It is
  transparent but knows only TextBlob's ~2,900 mostly adjectival entries.
* :func:`score_targets`: a target-dependent classifier trained on the NewsMTSC training set
  (Hamborg & Donnay, EACL 2021; political news, sentiment toward a person as the article
  portrays it), by one of two :data:`METHODS`:

  - ``transformer`` (the default): all-MiniLM-L6-v2 fine-tuned as a (sentence, target) pair
    classifier, run on the CPU through ONNX (:mod:`analysis.transformer`; trained by
    ``bench/train_transformer.py``);
  - ``classifier`` (the fallback, faster, no model file): a multinomial logistic regression over
    target-masked word n-grams of the sentence, of the target's clause and of a window on each
    side, TextBlob's per-word polarities weighted by distance to the target (with negation), and
    cues of the target's position (first in the sentence, speaker of "said", inside a quote);
    trained by ``bench/train_sentiment.py``, weights in ``analysis/data/sentiment_model.json.gz``.

  ``polarity`` is P(positive) - P(negative) in -1..1 (> 0 = portrayed positively);
  ``confidence`` is the probability of the predicted label (1/3..1, higher = surer).

:func:`actor_sentiment` scores every mention of the mentions table with both.
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis import transformer

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
#: Words on each side of the target whose n-grams are features.
WINDOW = 6
#: A clause shorter than this (words) is widened to the window for the lexicon score.
MIN_CLAUSE_WORDS = 6
MODEL_FILE = "data/sentiment_model.json.gz"
#: The target classifiers :func:`score_targets` can use (see the module notes).
TRANSFORMER, CLASSIFIER = "transformer", "classifier"
METHODS: tuple[str, ...] = (TRANSFORMER, CLASSIFIER)
#: What each method is, in words a user reads in the settings.
METHOD_LABELS = {
    TRANSFORMER: "fine-tuned MiniLM transformer (ONNX, more accurate)",
    CLASSIFIER: "n-gram logistic regression (faster, less accurate)",
}

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[0-9]+|[^\sA-Za-z0-9]")
_NEGATIONS = frozenset({"no", "not", "n't", "never", "without", "nor", "neither", "cannot"})
_SPEECH = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "stated",
        "wrote",
        "argued",
        "noted",
        "claimed",
        "insisted",
        "warned",
        "announced",
        "explained",
        "according",
    }
)
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "his", "their", "i", "we"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "while", "whereas", "although", "(", ")", "—"})
_TARGET = "<t>"


@cache
def _lexicon() -> dict[str, float]:
    """TextBlob's word polarities (its pattern lexicon, shipped with textblob)."""
    from textblob.en import sentiment

    return {w: d[None][0] for w, d in sentiment.items() if None in d and d[None][0] != 0}


def _tokens(sentence: str, start: int, end: int) -> tuple[list[str], int]:
    """Lower-case tokens with the target replaced by one ``<t>`` token, and its index (the
    end when no token overlaps the target)."""
    starts, ends, words = _sentence_tokens(sentence)
    first = bisect_right(ends, start)  # the tokens before it end at or before its start
    after = bisect_left(starts, end)  # the tokens after it start at or after its end
    if first >= after:
        return [*words, _TARGET], len(words)
    return [*words[:first], _TARGET, *words[after:]], first


@lru_cache(maxsize=4_096)
def _sentence_tokens(sentence: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """Start and end offsets and lower-case forms of the tokens of ``sentence``, remembered:
    a sentence is read once for all the actors it mentions."""
    matches = list(_TOKEN.finditer(sentence))
    return (
        tuple(m.start() for m in matches),
        tuple(m.end() for m in matches),
        tuple(m.group().lower().replace("’", "'") for m in matches),
    )


def _clause(words: list[str], target: int) -> tuple[int, int]:
    """``(lo, hi)`` word indices (inclusive) of the clause around ``target``."""
    lo = target
    while lo > 0 and words[lo - 1] not in _CLAUSE_BREAKS:
        lo -= 1
    hi = target
    while hi + 1 < len(words) and words[hi + 1] not in _CLAUSE_BREAKS:
        hi += 1
    return lo, hi


@lru_cache(maxsize=50_000)
def text_polarity(text: str) -> float:
    """TextBlob's polarity of ``text`` (-1..1, > 0 = positive): the pattern analyser that
    ``TextBlob(text).sentiment`` runs, called directly and remembered per text (a sentence
    with several actors is scored once)."""
    from textblob.en import sentiment

    return float(sentiment(text)[0])


def features(sentence: str, start: int, end: int) -> Counter[str]:
    """Feature counts of the target ``sentence[start:end]`` for the classifier."""
    words, t = _tokens(sentence, start, end)
    n = len(words)
    f: Counter[str] = Counter()
    for i, word in enumerate(words):
        f["u:" + word] += 1
        if i + 1 < n:
            f["b:" + word + "_" + words[i + 1]] += 1
    for d in range(1, WINDOW + 1):
        if t - d >= 0:
            f["l:" + words[t - d]] += 1
            if d <= 2:
                f[f"l{d}:" + words[t - d]] += 1
        if t + d < n:
            f["r:" + words[t + d]] += 1
            if d <= 2:
                f[f"r{d}:" + words[t + d]] += 1
    if t + 2 < n:
        f["rb:" + words[t + 1] + "_" + words[t + 2]] += 1
    if t >= 2:
        f["lb:" + words[t - 2] + "_" + words[t - 1]] += 1
    lo, hi = _clause(words, t)
    for word in words[lo : hi + 1]:
        f["c:" + word] += 1
    _lexicon_features(words, t, f)
    polarity = text_polarity(sentence)
    f["sent_pol"] = polarity
    f[f"sent_bin:{round(polarity * 4)}"] = 1
    if t == 0:
        f["t_first"] = 1
    if t + 1 < n and words[t + 1] in _SPEECH:
        f["t_speaker"] = 1
    if t >= 1 and words[t - 1] in _SPEECH:
        f["t_after_speech"] = 1
    before = sentence[:start]
    if (before.count('"') + before.count("“") - before.count("”")) % 2 == 1:
        f["t_in_quote"] = 1
    if sentence[start:end].lower() in _PRONOUNS:
        f["t_pron"] = 1
    f[f"len:{min(n // 10, 5)}"] = 1
    return f


def _lexicon_features(words: list[str], t: int, f: Counter[str]) -> None:
    lexicon = _lexicon()
    near = {"pos": 0.0, "neg": 0.0}
    weighted = {"pos": 0.0, "neg": 0.0}
    for i, word in enumerate(words):
        value = lexicon.get(word)
        if value is None:
            continue
        if any(words[j] in _NEGATIONS for j in range(max(0, i - 3), i)):
            value = -0.5 * value
        side = "pos" if value > 0 else "neg"
        distance = abs(i - t)
        weighted[side] += abs(value) / (1 + distance / 3)
        if distance <= WINDOW:
            near[side] += abs(value)
    for side in ("pos", "neg"):
        f[f"lex_{side}_near"] = near[side]
        f[f"lex_{side}_w"] = weighted[side]


@dataclass(frozen=True)
class Model:
    """Weights of the target classifier: ``coef[i]`` are the three class weights of
    ``vocabulary``'s feature i, classes in :data:`LABELS` order."""

    vocabulary: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict[str, object]

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (weights rounded to 5 decimals)."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "labels": list(LABELS),
            "features": names,
            "coef": np.round(self.coef, 5).tolist(),
            "intercept": np.round(self.intercept, 5).tolist(),
            "meta": self.meta,
        }


def save_model(model: Model, path: str) -> None:
    """Writes ``model`` as gzipped JSON (stable bytes: no timestamp in the gzip header)."""
    data = json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True).encode()
    with open(path, "wb") as handle:
        handle.write(gzip.compress(data, mtime=0))


@cache
def load_model() -> Model:
    """The shipped classifier (loaded once)."""
    raw = resources.files("analysis").joinpath(MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return Model(
        vocabulary={name: i for i, name in enumerate(data["features"])},
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=np.asarray(data["intercept"], dtype=np.float64),
        meta=data["meta"],
    )


def probabilities(rows: list[Counter[str]], model: Model) -> np.ndarray:
    """Class probabilities (n x 3, :data:`LABELS` order) of feature counts."""
    scores = np.tile(model.intercept, (len(rows), 1))
    for i, counts in enumerate(rows):
        known = [(model.vocabulary[k], v) for k, v in counts.items() if k in model.vocabulary]
        if known:
            index, values = zip(*known, strict=True)
            scores[i] += np.asarray(values) @ model.coef[list(index)]
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def target_probabilities(
    sentences: list[str],
    starts: list[int],
    ends: list[int],
    *,
    method: str = TRANSFORMER,
    threads: int = 1,
) -> np.ndarray:
    """Class probabilities (n x 3, :data:`LABELS` order) toward each target
    ``sentences[i][starts[i]:ends[i]]`` by ``method`` (one of :data:`METHODS`); ``threads``:
    the CPU threads the transformer may use."""
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r} (one of {', '.join(METHODS)})")
    if method == TRANSFORMER:
        return transformer.probabilities(sentences, starts, ends, threads=threads)
    if not sentences:
        return np.zeros((0, 3))
    rows = [features(*row) for row in zip(sentences, starts, ends, strict=True)]
    return probabilities(rows, load_model())


def score_targets(
    frame: pd.DataFrame, *, method: str = TRANSFORMER, threads: int = 1
) -> pd.DataFrame:
    """Sentiment toward each target: ``frame`` has columns sentence, start, end (the target is
    ``sentence[start:end]``, end exclusive); ``method`` and ``threads`` as in
    :func:`target_probabilities`.

    Returns a frame on the same index with label (negative / neutral / positive), polarity
    (P(positive) - P(negative), -1..1, > 0 = portrayed positively) and confidence (probability
    of the label, 1/3..1, higher = surer).
    """
    probs = target_probabilities(
        [str(s) for s in frame["sentence"]],
        [int(a) for a in frame["start"]],
        [int(b) for b in frame["end"]],
        method=method,
        threads=threads,
    )
    best = probs.argmax(axis=1)
    return pd.DataFrame(
        {
            S.LABEL: pd.Series([LABELS[i] for i in best], index=frame.index, dtype="string"),
            S.POLARITY: probs[:, 2] - probs[:, 0],
            S.CONFIDENCE: probs.max(axis=1) if len(probs) else np.zeros(0),
        },
        index=frame.index,
    )


def lexicon_polarity(sentence: str, start: int, end: int) -> float:
    """TextBlob polarity (-1..1, > 0 = positive) of the clause around ``sentence[start:end]``,
    widened to :data:`WINDOW` words on each side when the clause is shorter than
    :data:`MIN_CLAUSE_WORDS` words. 0.0 when no lexicon word is near."""

    words, t = _tokens(sentence, start, end)
    return _context_polarity(words, t)


def _context_polarity(words: list[str], t: int) -> float:
    lo, hi = _clause(words, t)
    if hi - lo + 1 < MIN_CLAUSE_WORDS:
        lo, hi = max(0, t - WINDOW), min(len(words) - 1, t + WINDOW)
    context = " ".join(w for w in words[lo : hi + 1] if w != _TARGET)
    return text_polarity(context)


def actor_sentiment(
    mentions: pd.DataFrame, sentences: pd.DataFrame, *, method: str = TRANSFORMER
) -> pd.DataFrame:
    """The actor_sentiment table: one row per mention.

    Columns: article_id, sent_id, actor, surface, start, end (as in mentions), lexicon_polarity
    (:func:`lexicon_polarity`), polarity, label, confidence (:func:`score_targets` with
    ``method``).
    """
    joined = mentions.merge(
        sentences[[S.ARTICLE_ID, S.SENT_ID, S.START, S.TEXT]].rename(
            columns={S.START: "sent_start", S.TEXT: "sentence"}
        ),
        on=[S.ARTICLE_ID, S.SENT_ID],
        how="left",
        validate="many_to_one",
    )
    local = pd.DataFrame(
        {
            "sentence": joined["sentence"].fillna(""),
            "start": joined[S.START] - joined["sent_start"].fillna(0).astype("int64"),
            "end": joined[S.END] - joined["sent_start"].fillna(0).astype("int64"),
        }
    )
    scores = score_targets(local, method=method)
    lexicon = [
        lexicon_polarity(s, a, b)
        for s, a, b in zip(local["sentence"], local["start"], local["end"], strict=True)
    ]
    out = joined[[S.ARTICLE_ID, S.SENT_ID, S.ACTOR, S.SURFACE, S.START, S.END]].copy()
    out[S.LEXICON_POLARITY] = pd.Series(lexicon, index=out.index, dtype="float64")
    out[S.POLARITY] = scores[S.POLARITY]
    out[S.LABEL] = scores[S.LABEL]
    out[S.CONFIDENCE] = scores[S.CONFIDENCE]
    return out.reset_index(drop=True)
