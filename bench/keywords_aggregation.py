"""Which way to get an outlet's keywords: fuse its articles' ranks, or run the extractor on
its joined text? Measured on ../shared/corpus-dev with each story standing for an outlet.

    python bench/keywords_aggregation.py [--data ../shared/corpus-dev]

The articles' keywords are read from their parses, as the pipeline makes them. For each
method and story: support = the share of the story's top-10 keywords that at least
two of its articles list among their own top 20 (a keyword of the outlet, not of one
article; keys compared in their lemma form, as outlet keywords merge them), and the seconds
taken. Last line: ``support fused=<v> joined=<v>``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from results import record as record_result

from analysis import schema as S
from analysis.actors import default_registry
from analysis.corpus import load_corpus
from analysis.doc_keywords import article_keywords
from analysis.keywords import (
    lemma_of,
    merged_by_lemma,
    normalise_term,
    outlet_keywords,
    word_keywords,
)
from analysis.parse import parse
from analysis.text import sentences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-dev"


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints each outlet's keywords both ways; with ``record``, writes the mean support into
    ``bench/results/keywords_aggregation.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not (args.data / "manifest.csv").is_file():
        print(f"No manifest.csv in {args.data}", file=sys.stderr)
        return 2
    registry = default_registry()
    corpus = load_corpus([args.data])
    story = pd.read_csv(args.data / "manifest.csv").set_index("url")["story"]
    articles = corpus.articles.assign(**{S.OUTLET: corpus.articles[S.URL].map(story)})
    docs = parse(articles, sentences(articles))
    keywords = article_keywords(articles, docs=docs, registry=registry)
    words = keywords[keywords[S.KIND] == "word"].merge(articles[[S.ARTICLE_ID, S.OUTLET]])
    # keys compared in their lemma form, as outlet_keywords merges them ("talks" lists "talk")
    words = words.assign(**{S.KEY: merged_by_lemma(words[S.KEY])})
    support = {"fused": [], "joined": []}
    for outlet, group in articles.groupby(S.OUTLET):
        listed = words[words[S.OUTLET] == outlet].groupby(S.KEY)[S.ARTICLE_ID].nunique()
        began = time.perf_counter()
        fused = outlet_keywords(keywords, group, top=10)[S.KEY].tolist()
        fused_time = time.perf_counter() - began
        began = time.perf_counter()
        joined_text = "\n\n".join(group[S.TEXT])
        found = word_keywords(joined_text, top=10)
        joined = [lemma_of(normalise_term(w, registry)) for w, _ in found]
        joined_time = time.perf_counter() - began
        for name, top, seconds in (("fused", fused, fused_time), ("joined", joined, joined_time)):
            share = sum(listed.get(k, 0) >= 2 for k in top) / len(top)
            support[name].append(share)
            print(f"{outlet:20s} {name:6s} support={share:.2f} {seconds:.2f} s  {', '.join(top)}")
    mean = {name: sum(v) / len(v) for name, v in support.items()}
    print(f"support fused={mean['fused']:.2f} joined={mean['joined']:.2f}")
    if record:
        figures = {f"support {name}": round(value, 2) for name, value in mean.items()}
        split = f"{args.data.name} ({len(articles)} articles, {len(support['fused'])} stories)"
        record_result("keywords_aggregation", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
