"""Benchmark: keyword extraction on 500N-KPCrowd news stories (P@10, R@10, F1@10).

    python bench/keywords_kpcrowd.py [--data ../shared/bench/kpcrowd-dev]

Matching: predicted and gold keyphrases lower-cased and Porter-stemmed word by word, exact
phrase match; predictions deduplicated after stemming; P, R and F1 computed per document
and averaged, over all documents and over each half: "tune" (the 1st, 3rd, ... documents of
keys.jsonl: the choices of analysis.doc_keywords were made on it) and "held-out" (the 2nd,
4th, ...: the half that decides). Rows: plain YAKE 0.7.3 with n=1 and with its default n=3
(reference points); presslens's keywords from the parse as the pipeline makes them
(analysis.doc_keywords, each document parsed once: its phrases, its words with a person's
name of two or more words one keyword, and its words with names as single words, as
KPCrowd's gold lists them); and the same three from the text alone, as an article without
a parse gets them (YAKE phrases, analysis.keywords.word_keywords). Last line:
``F1@10=<value>`` of the single words from the parse over all documents.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yake
from nltk.stem.porter import PorterStemmer
from results import record as record_result
from spacy.tokens import Doc

from analysis import schema as S
from analysis.doc_keywords import doc_phrases, doc_words
from analysis.keywords import extract_keywords, word_keywords
from analysis.parse import parse
from analysis.text import sentences

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


#: An extractor: a document's text and its parse in, its keyphrases out, best first.
Extractor = Callable[[str, Doc], list[str]]


def _yake(n: int) -> Extractor:
    extractor = yake.KeywordExtractor(lan="en", n=n, top=TOP * 2)
    return lambda text, doc: [k for k, _ in extractor.extract_keywords(text)]


EXTRACTORS: dict[str, Extractor] = {
    "yake n=1": _yake(1),
    "yake n=3 (default)": _yake(3),
    "presslens phrases, from the parse": lambda text, doc: [
        k for k, _ in doc_phrases(doc, top=TOP * 2)
    ],
    # the list the dashboard shows: a person's name of two or more words is one keyword
    "presslens words, names whole, from the parse": lambda text, doc: [
        w for w, _ in doc_words(doc, top=TOP)
    ],
    "presslens phrases, from the text": lambda text, doc: [
        k for k, _ in extract_keywords(text, top=TOP * 4) if len(k.split()) > 1
    ],
    "presslens words, names whole, from the text": lambda text, doc: [
        w for w, _ in word_keywords(text, top=TOP, names=True)
    ],
    "presslens words, from the text": lambda text, doc: [
        w for w, _ in word_keywords(text, top=TOP)
    ],
    "presslens words, from the parse": lambda text, doc: [
        w for w, _ in doc_words(doc, top=TOP, names=False)
    ],
}
#: The halves of the documents (positions in keys.jsonl): choices were made on "tune".
HALVES = {"tune": slice(0, None, 2), "held-out": slice(1, None, 2)}


def parsed(texts: dict[str, str]) -> dict[str, Doc]:
    """The parse of each text (line ends made Unix ones, as reading an article makes them),
    by id, as the pipeline makes it."""
    articles = pd.DataFrame(
        {S.ARTICLE_ID: list(texts), S.TEXT: [t.replace("\r\n", "\n") for t in texts.values()]}
    )
    return parse(articles, sentences(articles))


def _mean(values: list[tuple[float, float, float]]) -> tuple[float, ...]:
    return tuple(sum(column) / len(values) for column in zip(*values, strict=True))


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints P@10 and F1@10 of every extractor (all documents, each half); with ``record``,
    writes them into ``bench/results/keywords_kpcrowd.json``."""
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
    print(f"{len(documents)} documents, top {TOP}; parsing them")
    docs = parsed(texts)
    result = 0.0
    figures: dict[str, float] = {}
    for name, extract in EXTRACTORS.items():
        began = time.process_time()
        per_doc = [scores(extract(texts[d["id"]], docs[d["id"]]), d["keys"]) for d in documents]
        seconds = time.process_time() - began
        p, _, f = _mean(per_doc)
        halves = {half: _mean(per_doc[cut])[2] for half, cut in HALVES.items()}
        shown = " ".join(f"{half}={value:.4f}" for half, value in halves.items())
        print(f"  {name:45s} P@10={p:.3f} F1@10={f:.4f} ({shown}; {seconds:.1f} CPU-s)")
        result = f
        figures = {
            f"{name} F1@10": round(f, 4),
            **{f"{name} F1@10 {half}": round(v, 4) for half, v in halves.items()},
            f"{name} P@10": round(p, 3),
            **figures,
        }
    print(f"F1@10={result:.4f}")
    if record:
        split = f"{args.data.name} ({len(documents)} documents; halves: odd and even positions)"
        record_result("keywords_kpcrowd", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
