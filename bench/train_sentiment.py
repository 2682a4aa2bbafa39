"""Train the target-dependent sentiment classifier shipped in analysis/data.

    python bench/train_sentiment.py [--data ../shared/bench/newsmtsc/train.jsonl]
                                    [--out analysis/data/sentiment_model.json.gz]

Multinomial logistic regression (scikit-learn, lbfgs, deterministic) over the features of
analysis.sentiment.features; features seen fewer than --min-count times in training are
dropped to keep the shipped file small. The same data and settings give the same file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from newsmtsc import DATA, ROOT, read_targets
from sklearn import __version__ as sklearn_version
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from analysis.sentiment import LABELS, MODEL_FILE, Model, features, save_model

#: Inverse regularisation strength, chosen on dev_rw/dev_mt (0.03 .. 1 tried).
C = 0.3
SEED = 13


def train(path: Path, *, min_count: int = 2, c: float = C) -> Model:
    """Fits the classifier on a NewsMTSC JSONL file."""
    data = read_targets(path)
    rows = [
        features(s, a, b)
        for s, a, b in zip(data["sentence"], data["start"], data["end"], strict=True)
    ]
    seen: Counter[str] = Counter(k for row in rows for k in row)
    rows = [{k: v for k, v in row.items() if seen[k] >= min_count} for row in rows]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(
        C=c, class_weight="balanced", max_iter=5000, random_state=SEED
    ).fit(matrix, data["gold"])
    order = [list(classifier.classes_).index(label) for label in LABELS]
    return Model(
        vocabulary={name: i for i, name in enumerate(vectorizer.get_feature_names_out())},
        coef=np.asarray(classifier.coef_[order].T),
        intercept=np.asarray(classifier.intercept_[order]),
        meta={
            "trained_on": path.name,
            "targets": len(data),
            "C": c,
            "min_count": min_count,
            "class_weight": "balanced",
            "sklearn": sklearn_version,
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "train.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "analysis" / MODEL_FILE)
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"No training file at {args.data}", file=sys.stderr)
        return 2
    model = train(args.data, min_count=args.min_count)
    save_model(model, str(args.out))
    size = args.out.stat().st_size
    print(f"{len(model.vocabulary)} features, {size / 1e6:.2f} MB -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
