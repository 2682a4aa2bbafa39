"""What the keywords cost: CPU seconds per 1,000 articles, from the parse against from the text.

    python bench/keywords_cost.py [--data ../shared/bench/polnear/train/text] [--articles 200]

Reads ``--articles`` unique news articles (every 4th file of ``--data`` in name order: by
default PolNeAR train texts, nobody tuned on them), cleans and parses them once as the
pipeline does, then times the keywords step (:func:`analysis.doc_keywords.article_keywords`
with the built-in registry) in this process, in alternating rounds: "from the parse" (the
articles' parses given, as the pipeline runs it) and "from the text" (no parse: single words
from a tokenising regular expression and phrases from the ``yake`` package, the keywords
before they read the parse). Each figure is the median over the rounds after a first round
that fills the shared memos (word frequencies, stems) for both; the parse's own CPU seconds
are shown for scale. Last line: ``ratio=<text / parse>``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from results import record as record_result

from analysis import schema as S
from analysis.actors import default_registry
from analysis.corpus import load_corpus
from analysis.doc_keywords import article_keywords
from analysis.parse import parse
from analysis.text import sentences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "polnear" / "train"
ROUNDS = 3


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints the CPU seconds per 1,000 articles of each way; with ``record``, writes them
    into ``bench/results/keywords_cost.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "text")
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.txt"))[::4][: args.articles]
    if not files:
        print(f"No .txt files in {args.data}", file=sys.stderr)
        return 2
    articles = load_corpus([str(path) for path in files]).articles
    began = time.process_time()
    docs = parse(articles, sentences(articles))
    per_thousand = 1000 / len(articles)
    parse_cost = (time.process_time() - began) * per_thousand
    registry = default_registry()
    ways = {"from the parse": docs, "from the text": None}
    seconds: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(ROUNDS + 1):
        for way, given in ways.items():
            began = time.process_time()
            article_keywords(articles, docs=given, registry=registry)
            seconds[way].append((time.process_time() - began) * per_thousand)
    cost = {way: statistics.median(values[1:]) for way, values in seconds.items()}
    ratio = cost["from the text"] / cost["from the parse"]
    words = int(articles[S.N_WORDS].sum())
    print(f"{len(articles)} articles, {words} words; the parse {parse_cost:.1f} CPU-s per 1,000")
    for way, value in cost.items():
        first = seconds[way][0]
        print(f"  keywords {way:15s} {value:.2f} CPU-s per 1,000 articles (first {first:.2f})")
    print(f"ratio={ratio:.2f}")
    if record:
        figures = {
            "keywords from the parse, CPU-s per 1,000 articles": round(cost["from the parse"], 2),
            "keywords from the text, CPU-s per 1,000 articles": round(cost["from the text"], 2),
            "ratio (text / parse)": round(ratio, 2),
            "the parse, CPU-s per 1,000 articles": round(parse_cost, 1),
        }
        source = f"{args.data.parent.name}/{args.data.name}"
        split = f"{source} ({len(articles)} articles, {words} words)"
        record_result("keywords_cost", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
