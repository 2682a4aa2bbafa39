"""Benchmark: sentiment toward a target on NewsMTSC (macro-F1 over 3 classes and accuracy).

    python bench/sentiment_newsmtsc.py [--data FILE ...] [--method transformer|classifier]

Default data: dev_rw.jsonl and dev_mt.jsonl of ../shared/bench/newsmtsc (any file in the same
format, e.g. a test split, with --data). For each file it prints every scorer with a 95%
bootstrap interval of its macro-F1: (i) TextBlob polarity of the whole sentence (the
baseline), (ii) the lexicon-in-context score (analysis.sentiment.lexicon_polarity), (iii) the
n-gram classifier and (iv) the transformer (analysis.sentiment.score_targets), with the
expected calibration error of the two classifiers (lower = its confidence is its accuracy),
the transformer's confusion matrix, and each classifier's throughput with one and two
threads. Lexicon scores > 0 are positive, < 0 negative, 0 neutral. Last line:
``F1m=<value>`` of the default method (the transformer) on the first file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from newsmtsc import DATA, read_targets
from results import record as record_result
from textblob import TextBlob

from analysis import transformer
from analysis.sentiment import (
    LABELS,
    METHODS,
    TRANSFORMER,
    lexicon_polarity,
    target_probabilities,
)

#: Bootstrap resamples of the targets for the 95% interval.
RESAMPLES = 1000
SEED = 7


def confusion(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """3 x 3 counts (rows gold, columns predicted, LABELS order) of label indices."""
    return np.bincount(gold * 3 + predicted, minlength=9).reshape(3, 3)


def f1_of(counts: np.ndarray) -> float:
    """Macro-F1 of a :func:`confusion` matrix (a class never predicted nor present counts 0)."""
    hits = np.diag(counts)
    denominator = counts.sum(0) + counts.sum(1)
    return float(np.mean(np.divide(2 * hits, denominator, out=np.zeros(3), where=hits > 0)))


def _indices(labels: pd.Series) -> np.ndarray:
    return np.asarray([LABELS.index(label) for label in labels])


def macro_f1(gold: pd.Series, predicted: pd.Series) -> float:
    """Mean over the three classes of F1 (a class never predicted nor present counts 0)."""
    return f1_of(confusion(_indices(gold), _indices(predicted)))


def calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error (0 = the confidence is the accuracy; lower is better): the
    mean over equal-width confidence bins of |accuracy - mean confidence|, weighted by the
    bin's share of targets. ``probs`` is n x 3 in LABELS order, ``gold`` the label indices."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == gold
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in np.unique(which):
        inside = which == b
        total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def bootstrap(gold: pd.Series, predicted: pd.Series) -> tuple[float, float]:
    """The 95% percentile bootstrap interval of the macro-F1 (targets resampled)."""
    generator = np.random.default_rng(SEED)
    truth, guess = _indices(gold), _indices(predicted)
    scores = np.zeros(RESAMPLES)
    for r in range(RESAMPLES):
        pick = generator.integers(0, len(truth), len(truth))
        scores[r] = f1_of(confusion(truth[pick], guess[pick]))
    low, high = np.percentile(scores, [2.5, 97.5])
    return float(low), float(high)


def _label(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def method_probabilities(data: pd.DataFrame, method: str, *, threads: int = 1) -> np.ndarray:
    """Class probabilities (n x 3, LABELS order) of ``method`` for the targets of ``data``."""
    return target_probabilities(
        data["sentence"].tolist(),
        data["start"].tolist(),
        data["end"].tolist(),
        method=method,
        threads=threads,
    )


def throughput(data: pd.DataFrame, method: str, threads: int) -> float:
    """Targets per second of ``method`` on ``data`` with ``threads`` threads (models loaded
    before timing, no pair remembered from an earlier run; the median of three runs)."""
    method_probabilities(data.head(2), method, threads=threads)
    rates = []
    for _ in range(3):
        transformer.forget()
        began = time.perf_counter()
        method_probabilities(data, method, threads=threads)
        rates.append(len(data) / (time.perf_counter() - began))
    return float(np.median(rates))


def evaluate(path: Path, default: str) -> dict[str, float]:
    """Prints every scorer's figures on one file; returns those of the two classifiers and the
    baseline (``<file> <method> F1m`` ...), the F1m of ``default`` first."""
    data = read_targets(path)
    gold = data["gold"].astype(str)
    indices = np.asarray([LABELS.index(g) for g in gold])
    predictions = {
        "textblob-sentence": pd.Series(
            [_label(TextBlob(s).sentiment.polarity) for s in data["sentence"]]
        ),
        "lexicon-in-context": pd.Series(
            [
                _label(lexicon_polarity(s, a, b))
                for s, a, b in zip(data["sentence"], data["start"], data["end"], strict=True)
            ]
        ),
    }
    probs = {method: method_probabilities(data, method) for method in METHODS}
    for method in METHODS:
        predictions[method] = pd.Series([LABELS[i] for i in probs[method].argmax(1)])
    print(f"{path.name}: {len(data)} targets")
    results = {}
    split = path.stem
    figures: dict[str, float] = {}
    for name, predicted in predictions.items():
        results[name] = macro_f1(gold, predicted)
        low, high = bootstrap(gold, predicted)
        accuracy = float((predicted == gold).mean())
        extra = ""
        if name in (*METHODS, "textblob-sentence"):
            figures[f"{split} {name} F1m"] = round(results[name], 3)
        if name == default:
            figures[f"{split} {name} F1m 95% low"] = round(low, 3)
            figures[f"{split} {name} F1m 95% high"] = round(high, 3)
        if name in probs:
            error = calibration_error(probs[name], indices)
            extra = f" ECE={error:.3f}"
            figures[f"{split} {name} ECE"] = round(error, 3)
        print(
            f"  {name:20s} F1m={results[name]:.3f} [{low:.3f}, {high:.3f}] "
            f"accuracy={accuracy:.3f}{extra}"
        )
    matrix = pd.crosstab(gold.rename("gold"), predictions[default].rename(default))
    print("  " + matrix.to_string().replace("\n", "\n  "))
    for method in METHODS:
        rates = {n: throughput(data, method, n) for n in (1, 2)}
        shown = ", ".join(f"{rate:,.0f} ({n} thread{'s' * (n > 1)})" for n, rate in rates.items())
        print(f"  {method} throughput, targets/s: {shown}")
        figures |= {f"{split} {method} targets/s {n} threads": round(r) for n, r in rates.items()}
    own = {key: value for key, value in figures.items() if f" {default} " in key}
    return own | figures


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints the figures of every file; with ``record``, writes them into ``bench/results/``
    (``sentiment_newsmtsc-<method>``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, nargs="+", default=[DATA / "dev_rw.jsonl", DATA / "dev_mt.jsonl"]
    )
    parser.add_argument("--method", choices=METHODS, default=TRANSFORMER)
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.data if not p.is_file()]
    if missing:
        print(f"No data at {', '.join(missing)}", file=sys.stderr)
        return 2
    figures = [evaluate(path, args.method) for path in args.data]
    print(f"F1m={next(iter(figures[0].values())):.3f}")
    if record:
        splits = ", ".join(path.stem for path in args.data)
        every = {key: value for one in figures for key, value in one.items()}
        record_result(f"sentiment_newsmtsc-{args.method}", every, split=f"NewsMTSC {splits}")
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
