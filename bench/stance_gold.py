"""Stance accuracy on the hand-labelled fixture ``tests/data/stance_gold.csv``.

Each fixture row names a sentence (a unique piece of it), an actor, a topic and the label a
person gave it (support / oppose / conditional / neutral, or none: the sentence states no
position of this actor on this topic). The fixture was written before the stance rules were
tuned. The "trade deal" topic is added the way a user would add a topic.

    python bench/stance_gold.py        # accuracy, confusion matrix, the misses

Needs ../shared/corpus-dev beside the project (the fixture quotes it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.actors import find_mentions
from analysis.corpus import load_corpus
from analysis.parse import parse
from analysis.quotes import find_quotes
from analysis.stance import Topic, default_topics, find_stance
from analysis.text import sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stance_gold.csv"
CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"
LABELS = ("support", "conditional", "neutral", "oppose", "none")
#: The user topic of the fixture's Geneva trade-talks rows.
TRADE_DEAL = Topic("trade deal", ("deal", "agreement", "consensus", "joint statement"))


def predictions(gold: pd.DataFrame) -> pd.DataFrame:
    """``gold`` with a ``predicted`` column (a stance, or "none")."""
    corpus = load_corpus([ROOT / "seeds", CORPUS_DEV])
    articles = corpus.articles
    sents = sentences(articles)
    docs = parse(articles, sents)
    mentions = find_mentions(articles, sents, docs=docs)
    quotes = find_quotes(articles, sents, mentions, docs=docs)
    stance = find_stance(
        articles, sents, mentions, quotes, topics=(*default_topics(), TRADE_DEAL), docs=docs
    )
    source = articles.set_index("article_id")["source"]
    sents = sents.assign(key=sents["article_id"].map(source).map(_key))
    predicted = []
    for row in gold.itertuples():
        hits = sents[
            (sents["key"] == row.file) & sents["text"].str.contains(row.sentence, regex=False)
        ]
        if len(hits) != 1:
            raise SystemExit(f"{row.file}: {len(hits)} sentences contain {row.sentence!r}")
        hit = hits.iloc[0]
        found = stance[
            (stance["article_id"] == hit["article_id"])
            & (stance["sent_id"] == hit["sent_id"])
            & (stance["actor"] == row.actor)
            & (stance["topic"] == row.topic)
        ]
        predicted.append(found["stance"].iloc[0] if len(found) else "none")
    return gold.assign(predicted=predicted)


def _key(source: str) -> str:
    path = Path(source)
    prefix = "seeds" if path.parent.name == "seeds" else "dev"
    return f"{prefix}/{path.name[:3]}"


def report(scored: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    """Accuracy and the confusion matrix (rows: gold label, columns: predicted)."""
    accuracy = float((scored["label"] == scored["predicted"]).mean())
    matrix = pd.crosstab(scored["label"], scored["predicted"]).reindex(
        index=LABELS, columns=LABELS, fill_value=0
    )
    return accuracy, matrix


def main(*, record: bool = False) -> None:
    """Prints the misses, the confusion matrix and the accuracy; with ``record``, writes the
    accuracy into ``bench/results/stance_gold.json``."""
    if not (CORPUS_DEV / "manifest.csv").exists():
        raise SystemExit("../shared/corpus-dev is not beside the project.")
    scored = predictions(pd.read_csv(GOLD))
    accuracy, matrix = report(scored)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 70)
    misses = scored[scored["label"] != scored["predicted"]]
    print(misses[["file", "sentence", "actor", "topic", "label", "predicted"]].to_string())
    print(matrix.to_string())
    print(f"rows={len(scored)} accuracy={accuracy:.3f}")
    if record:
        figures = {"accuracy": round(accuracy, 3), "rows": len(scored)}
        record_result("stance_gold", figures, split="tests/data/stance_gold.csv")
    sys.exit(0)


if __name__ == "__main__":
    main(record=True)
