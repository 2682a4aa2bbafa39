"""Benchmark: keyword extraction on 500N-KPCrowd news stories (P@10, R@10, F1@10).

    python bench/keywords_kpcrowd.py [--data ../shared/bench/kpcrowd-dev]

Matching: predicted and gold keyphrases lower-cased and Porter-stemmed word by word, exact
phrase match; predictions deduplicated after stemming; P, R and F1 computed per document
and averaged. Rows: plain YAKE 0.7.3 with n=1 and with its default n=3 (reference points),
presslens's YAKE phrases (2-3 words, shown on the Keywords page beside the words), and
presslens's word keywords as the dashboard shows them (a person's name of two or more words
one keyword: KPCrowd's gold lists names as single words, so this costs a little F1), and the
same with names as single words (analysis.keywords.word_keywords). Last line:
``F1@10=<value>`` of the single-word list.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yake
from nltk.stem.porter import PorterStemmer
from results import record as record_result

from analysis.keywords import extract_keywords, word_keywords

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "kpcrowd-dev"
TOP = 10
_STEMMER = PorterStemmer()


def stem(phrase: str) -> str:
    return " ".join(_STEMMER.stem(word) for word in phrase.lower().split())


def scores(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    """P@10, R@10 and F1@10 of one document."""
    wanted = {stem(k) for k in gold}
    ranked: list[str] = []
    for phrase in predicted:
        key = stem(phrase)
        if key not in ranked:
            ranked.append(key)
    hits = sum(1 for key in ranked[:TOP] if key in wanted)
    precision = hits / TOP
    recall = hits / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def _yake(n: int) -> Callable[[str], list[str]]:
    extractor = yake.KeywordExtractor(lan="en", n=n, top=TOP * 2)
    return lambda text: [k for k, _ in extractor.extract_keywords(text)]


EXTRACTORS: dict[str, Callable[[str], list[str]]] = {
    "yake n=1": _yake(1),
    "yake n=3 (default)": _yake(3),
    "presslens phrases": lambda text: [
        k for k, _ in extract_keywords(text, top=TOP * 4) if len(k.split()) > 1
    ],
    # the list the dashboard shows: a person's name of two or more words is one keyword
    "presslens words, names whole": lambda text: [
        w for w, _ in word_keywords(text, top=TOP, names=True)
    ],
    "presslens words": lambda text: [w for w, _ in word_keywords(text, top=TOP)],
}


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints P@10, R@10 and F1@10 of every extractor; with ``record``, writes them into
    ``bench/results/keywords_kpcrowd.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    keys_file = args.data / "keys.jsonl"
    if not keys_file.is_file():
        print(f"No keys.jsonl in {args.data}", file=sys.stderr)
        return 2
    documents = [json.loads(line) for line in keys_file.read_text(encoding="utf-8").splitlines()]
    texts = {
        d["id"]: (args.data / "docs" / f"{d['id']}.txt").read_text(encoding="utf-8")
        for d in documents
    }
    print(f"{len(documents)} documents, top {TOP}")
    result = 0.0
    figures: dict[str, float] = {}
    for name, extract in EXTRACTORS.items():
        began = time.perf_counter()
        per_doc = [scores(extract(texts[d["id"]]), d["keys"]) for d in documents]
        seconds = time.perf_counter() - began
        p, r, f = (sum(values) / len(per_doc) for values in zip(*per_doc, strict=True))
        print(f"  {name:20s} P@10={p:.3f} R@10={r:.3f} F1@10={f:.4f} ({seconds:.1f} s)")
        result = f
        figures = {f"{name} F1@10": round(f, 4), f"{name} P@10": round(p, 3), **figures}
    print(f"F1@10={result:.4f}")
    if record:
        split = f"{args.data.name} ({len(documents)} documents)"
        record_result("keywords_kpcrowd", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
