"""Benchmark: sentiment toward a target on NewsMTSC (macro-F1 over 3 classes and accuracy).

    python bench/sentiment_newsmtsc.py [--data FILE ...]

Default data: dev_rw.jsonl and dev_mt.jsonl of ../shared/bench/newsmtsc. For each file it
prints three scorers: (i) TextBlob polarity of the whole sentence (the baseline), (ii) the
lexicon-in-context score (analysis.sentiment.lexicon_polarity), (iii) the trained classifier
(analysis.sentiment.score_targets), and the classifier's throughput on one core. Lexicon
scores > 0 are positive, < 0 negative, 0 neutral. Last line: ``F1m=<value>`` of the
classifier on the first file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from newsmtsc import DATA, read_targets
from textblob import TextBlob

from analysis.sentiment import LABELS, lexicon_polarity, score_targets


def macro_f1(gold: pd.Series, predicted: pd.Series) -> float:
    """Mean over the three classes of F1 (a class never predicted nor present counts 0)."""
    scores = []
    for label in LABELS:
        tp = int(((predicted == label) & (gold == label)).sum())
        fp = int(((predicted == label) & (gold != label)).sum())
        fn = int(((predicted != label) & (gold == label)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _label(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def evaluate(path: Path) -> float:
    """Prints the three scorers' figures on one file; returns the classifier's F1m."""
    data = read_targets(path)
    gold = data["gold"].astype(str)
    sentence = pd.Series([_label(TextBlob(s).sentiment.polarity) for s in data["sentence"]])
    lexicon = pd.Series(
        [
            _label(lexicon_polarity(s, a, b))
            for s, a, b in zip(data["sentence"], data["start"], data["end"], strict=True)
        ]
    )
    score_targets(data.head(1))  # load the weights and the lexicon before timing
    began = time.perf_counter()
    classifier = score_targets(data)["label"].astype(str).reset_index(drop=True)
    rate = len(data) / (time.perf_counter() - began)
    print(f"{path.name}: {len(data)} targets")
    results = {}
    for name, predicted in [
        ("textblob-sentence", sentence),
        ("lexicon-in-context", lexicon),
        ("classifier", classifier),
    ]:
        results[name] = macro_f1(gold, predicted)
        accuracy = float((predicted == gold).mean())
        print(f"  {name:20s} F1m={results[name]:.3f} accuracy={accuracy:.3f}")
    print(f"  classifier throughput: {rate:,.0f} targets/s (one core)")
    return results["classifier"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, nargs="+", default=[DATA / "dev_rw.jsonl", DATA / "dev_mt.jsonl"]
    )
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.data if not p.is_file()]
    if missing:
        print(f"No data at {', '.join(missing)}", file=sys.stderr)
        return 2
    first = [evaluate(path) for path in args.data]
    print(f"F1m={first[0]:.3f}")

    return 0


if __name__ == "__main__":
    sys.exit(main())
