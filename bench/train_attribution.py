"""Train the speaker ranker of :mod:`analysis.attribution` on PolNeAR's train split and
measure it on the dev split.

    python bench/train_attribution.py [--train DIR] [--dev DIR] [--cache DIR] [--seed N]

(``make train-attribution``.) Each split is read (``clean=False``, as
``bench/quotes_polnear.py`` reads it), split into sentences and parsed once; the parse is
kept as spaCy ``DocBin`` bytes under ``--cache`` (default ``/tmp/presslens-attribution``)
keyed by the split's texts, so a second run does not parse again. The analysis then runs
with an empty actor registry (``bench/empty.toml``), as the benchmark's held-out figures do.

**Examples.** Every direct quote of the quotes table (the rules alone, ``ranked=False``)
that overlaps an annotated direct quote whose source is known (a pronoun source resolved
as the benchmark resolves it, :func:`quotes_polnear.gold_sources`) gives one example per
candidate speaker (:meth:`analysis.attribution.SpeakerRanker.candidates`): positive when
the candidate names the source as the benchmark judges it (:func:`quotes_polnear.names`,
with the candidate's surfaces in the article). Quotes with no positive candidate are left
out of training (nothing to learn) but counted.

**Model.** scikit-learn's L2 logistic regression (``C`` = :data:`C`, lbfgs) on the
examples; the threshold a best candidate must reach is the one that attributes most quotes
rightly among the train split's quotes the rules leave unattributed, out of fold (five
folds by article, :data:`FOLDS`), with at least :data:`MIN_PRECISION` of those it takes
right. Written to ``analysis/data/attribution_model.json``: the weights by feature, the
bias, the threshold and the record (data, split sizes, seed, features, train scores out of
fold, dev scores of the benchmark with and without the ranker, date, code version).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import Article, read_split
from quotes_polnear import (
    EMPTY_REGISTRY,
    UNATTRIBUTED,
    by_file,
    gold_sources,
    mapped,
    names,
    offset_map,
    score_split,
)
from results import code_version

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "bench" / "polnear"
CACHE = Path("/tmp/presslens-attribution")
SEED = 38
#: Inverse L2 strength of the logistic regression.
C = 1.0
#: Folds (by article) of the out-of-fold train scores and threshold.
FOLDS = 5
#: Least share of rightly attributed quotes among those the ranker attributes (train, out of
#: fold) at the chosen threshold.
MIN_PRECISION = 0.55


class Parsed(NamedTuple):
    """A split read, split into sentences and parsed."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    docs: dict


def parsed_split(folder: Path, cache: Path) -> Parsed:
    """The split's articles, sentences and parses, from ``cache`` when it holds them."""
    from spacy.tokens import DocBin

    from analysis import schema as S
    from analysis.corpus import load_corpus
    from analysis.parse import model_version, nlp, parse
    from analysis.text import sentences

    corpus = load_corpus(sorted((folder / "text").glob("*.txt")), clean=False)
    articles = corpus.articles
    digest = hashlib.sha256("\n".join(articles[S.ARTICLE_ID]).encode()).hexdigest()[:16]
    path = cache / f"{folder.name}-{digest}-{model_version()}.pkl"
    made = sentences(articles)
    if path.is_file():
        stored = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(stored).get_docs(nlp().vocab))
        return Parsed(articles, made, dict(zip(articles[S.ARTICLE_ID], docs, strict=True)))
    docs = parse(articles, made)
    store = DocBin(store_user_data=False)
    for identifier in articles[S.ARTICLE_ID]:
        store.add(docs[identifier])
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(store.to_bytes()))
    return Parsed(articles, made, docs)


def tables(parsed: Parsed, *, ranked: bool) -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """The mentions and quotes tables of a parsed split (empty registry) and the registry."""
    from analysis.actors import find_mentions, parse_registry
    from analysis.quotes import find_quotes

    registry = parse_registry(EMPTY_REGISTRY.read_text(encoding="utf-8"))
    mentions = find_mentions(parsed.articles, parsed.sentences, registry=registry, docs=parsed.docs)
    quotes = find_quotes(
        parsed.articles,
        parsed.sentences,
        mentions,
        registry=registry,
        docs=parsed.docs,
        ranked=ranked,
    )
    return mentions, quotes, registry


def merged(mentions: pd.DataFrame, quotes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two tables with people merged as :func:`analysis.pipeline.merged_people` merges
    them (what the benchmark scores)."""
    from analysis import schema as S
    from analysis.pipeline import people_counts, people_renames

    renamed = people_renames(*people_counts(mentions))
    if not renamed:
        return mentions, quotes
    return (
        mentions.assign(**{S.ACTOR: mentions[S.ACTOR].replace(renamed)}),
        quotes.assign(**{S.SPEAKER: quotes[S.SPEAKER].replace(renamed)}),
    )


class Examples(NamedTuple):
    """Candidate rows: features, labels, the quote each belongs to, its article, whether its
    quote has a right candidate (only those train), and per quote whether the rules
    attributed it and got it right."""

    features: np.ndarray
    labels: np.ndarray
    quote: np.ndarray
    article: np.ndarray
    usable: np.ndarray
    ruled: dict[int, bool]
    rule_right: dict[int, bool]
    without_positive: int


def examples(split: Sequence[Article], parsed: Parsed) -> Examples:
    """The training examples of a split (see the module)."""
    from analysis import schema as S
    from analysis.attribution import FEATURES, SpeakerRanker
    from analysis.speech import ArticleSpeech
    from analysis.text import Span

    mentions, quotes, registry = tables(parsed, ranked=False)
    analysed = by_file(parsed.articles, quotes, mentions)
    names_of = dict(
        zip(
            parsed.articles[S.SOURCE].map(lambda s: Path(str(s)).stem),
            parsed.articles[S.ARTICLE_ID],
            strict=True,
        )
    )
    sentence_groups = dict(tuple(parsed.sentences.groupby(S.ARTICLE_ID)))
    rows, labels, quote_ids, article_ids, usable = [], [], [], [], []
    ruled, rule_right, without = {}, {}, 0
    for number, article in enumerate(split):
        identifier = names_of.get(article.name)
        if identifier is None or identifier not in sentence_groups:
            continue
        own = analysed[article.name]
        speech = ArticleSpeech.build(
            own.text,
            sentence_groups[identifier],
            own.mentions,
            registry,
            parsed.docs.get(identifier),
            spokespeople=True,  # as analysis.quotes builds it
            gendered=True,
        )
        ranker = SpeakerRanker(speech)
        to_text = offset_map(article.text, own.text)
        gold = [
            (mapped(a.content, to_text), source)
            for a, source in zip(article.attributions, gold_sources(article), strict=True)
            if a.direct and source.name is not None
        ]
        surfaces = own.mentions.groupby(S.ACTOR)[S.SURFACE].apply(list).to_dict()
        previous = None
        for _, row in own.quotes[own.quotes[S.DIRECT]].iterrows():
            start, end = int(row[S.START]), int(row[S.END])
            speaker = str(row[S.SPEAKER])
            best, most = None, 0
            for pieces, source in gold:
                overlap = sum(max(0, min(end, b) - max(start, a)) for a, b in pieces)
                if overlap > most:
                    best, most = source, overlap
            if best is not None:
                candidates = ranker.candidates(Span(start, end))
                right = [
                    names(best.name, [c.name, c.surface, *surfaces.get(c.name, [])])
                    for c in candidates
                ]
                key = len(ruled)
                ruled[key] = speaker.lower() not in UNATTRIBUTED
                forms = [speaker, str(row[S.SPEAKER_TEXT]), *surfaces.get(speaker, [])]
                rule_right[key] = ruled[key] and names(best.name, forms)
                if not any(right):
                    without += 1
                if candidates:
                    rows.append(
                        ranker.features(
                            Span(start, end),
                            candidates,
                            previous,
                            speaker if ruled[key] else None,
                        )
                    )
                    labels += right
                    quote_ids += [key] * len(candidates)
                    article_ids += [number] * len(candidates)
                    usable += [any(right)] * len(candidates)
            previous = None if speaker.lower() in UNATTRIBUTED else speaker
    return Examples(
        np.vstack(rows) if rows else np.zeros((0, len(FEATURES))),
        np.array(labels, dtype=int),
        np.array(quote_ids),
        np.array(article_ids),
        np.array(usable, dtype=bool),
        ruled,
        rule_right,
        without,
    )


def fit(features: np.ndarray, labels: np.ndarray, seed: int) -> object:
    """scikit-learn's logistic regression (see the module) fitted on the examples."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, random_state=seed).fit(features, labels)


def out_of_fold(data: Examples, seed: int) -> np.ndarray:
    """Each example's probability from a model trained on the other folds' articles."""
    folds = np.random.default_rng(seed).permutation(int(data.article.max()) + 1) % FOLDS
    scores = np.zeros(len(data.labels))
    for fold in range(FOLDS):
        held = folds[data.article] == fold
        learn = ~held & data.usable
        scores[held] = fit(data.features[learn], data.labels[learn], seed).predict_proba(
            data.features[held]
        )[:, 1]
    return scores


def best_of_quotes(data: Examples, scores: np.ndarray) -> dict[int, tuple[float, bool]]:
    """Per quote (with a positive candidate): the best candidate's score and whether it is
    right."""
    best: dict[int, tuple[float, bool]] = {}
    for quote, score, label in zip(data.quote, scores, data.labels, strict=True):
        if quote not in best or score > best[quote][0]:
            best[int(quote)] = (float(score), bool(label))
    return best


def threshold(data: Examples, scores: np.ndarray) -> tuple[float, dict]:
    """The threshold (see the module) and the out-of-fold figures at it."""
    best = best_of_quotes(data, scores)
    unattributed = [key for key, ruled in data.ruled.items() if not ruled]
    chosen, figures = 0.5, {}
    most = -1
    for cut in np.arange(0.05, 0.96, 0.05):
        taken = [best[k] for k in unattributed if k in best and best[k][0] >= cut]
        right = sum(r for _, r in taken)
        if taken and right / len(taken) >= MIN_PRECISION and right > most:
            most, chosen = right, round(float(cut), 2)
            figures = {
                "unattributed_quotes": len(unattributed),
                "taken": len(taken),
                "taken_right": right,
            }
    top1 = [r for s, r in best.values()]
    figures["top1_accuracy_all_quotes"] = round(sum(top1) / max(len(top1), 1), 3)
    return chosen, figures


def dev_scores(split: Sequence[Article], parsed: Parsed) -> dict[str, dict[str, float]]:
    """The benchmark's direct-quote and all-attribution figures on ``split``, the rules
    alone and with the ranker (the model file as written)."""
    found = {}
    for label, ranked in (("rules", False), ("rules_and_ranker", True)):
        mentions, quotes = merged(*tables(parsed, ranked=ranked)[:2])
        direct, every, _ = score_split(split, by_file(parsed.articles, quotes, mentions))
        found[label] = {
            "direct_speaker_right": round(direct.right.value, 3),
            "direct_speaker_right_ci95": f"{direct.right.low:.3f}–{direct.right.high:.3f}",
            "direct_found": round(direct.found.value, 3),
            "source_right": round(every.right.value, 3),
            "source_right_ci95": f"{every.right.low:.3f}–{every.right.high:.3f}",
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, default=POLNEAR / "train")
    parser.add_argument("--dev", type=Path, default=POLNEAR / "dev")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=None, help="default: the shipped model")
    args = parser.parse_args()
    for folder in (args.train, args.dev):
        if not (folder / "attributions").is_dir():
            parser.exit(2, f"no PolNeAR split at {folder}\n")
    from analysis import attribution

    out = args.out or attribution.MODEL_FILE
    train_split = read_split(args.train)
    data = examples(train_split, parsed_split(args.train, args.cache))
    print(
        f"train: {len(train_split)} articles, {len(data.ruled)} direct quotes matched, "
        f"{len(set(data.quote[data.usable].tolist()))} with a right candidate "
        f"({data.without_positive} without), {len(data.labels)} candidate rows"
    )
    scores = out_of_fold(data, args.seed)
    cut, train_figures = threshold(data, scores)
    print(f"threshold {cut}; out of fold: {train_figures}")
    model = fit(data.features[data.usable], data.labels[data.usable], args.seed)
    entry = {
        "features": list(attribution.FEATURES),
        "weights": {
            name: round(float(w), 6)
            for name, w in zip(attribution.FEATURES, model.coef_[0], strict=True)
        },
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": cut,
        "record": {
            "data": "PolNeAR (Newell, Margolin & Ruths, LREC 2018), direct quotes",
            "train_split": f"train ({len(train_split)} articles)",
            "train_quotes": len(data.ruled),
            "train_candidate_rows": len(data.labels),
            "model": f"logistic regression, L2, C={C} (scikit-learn lbfgs)",
            "seed": args.seed,
            "registry": "empty",
            "train_out_of_fold": train_figures,
            "date": dt.date.today().isoformat(),
            "code_version": code_version(),
        },
    }
    out.write_text(json.dumps(entry, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    attribution.model.cache_clear()
    dev_split = read_split(args.dev)
    entry["record"]["dev_split"] = f"dev ({len(dev_split)} articles)"
    entry["record"]["dev"] = dev_scores(dev_split, parsed_split(args.dev, args.cache))
    print(f"dev: {entry['record']['dev']}")
    out.write_text(json.dumps(entry, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
