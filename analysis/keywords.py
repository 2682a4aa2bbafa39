"""Keywords per article (YAKE) and distinctive terms per outlet ("Fightin' Words").

* :func:`article_keywords` runs YAKE on each article's cleaned text. YAKE scores are
  "lower = more important"; ``rank`` counts from 1 (1 = most important).
* :func:`distinctive_terms` compares each outlet's word use with all other outlets with the
  log-odds ratio and an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
  Words: Lexical Feature Selection and Evaluation for Identifying the Content of Political
  Conflict", Political Analysis 16(4)). ``z > 0`` means the outlet uses the term more than the
  others once frequency is accounted for; |z| > 1.96 is the conventional 95% threshold.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from functools import cache
from importlib import resources

import pandas as pd

from analysis import schema as S

#: Longest keyword phrase YAKE returns (words).
MAX_NGRAM = 3
#: Keywords kept per article.
TOP_KEYWORDS = 20
#: A term must occur at least this often in the whole corpus to be scored as distinctive.
MIN_COUNT = 3
#: Total weight of the corpus-wide prior (pseudo-counts spread over the vocabulary).
PRIOR_WEIGHT = 500.0

_TOKEN = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


@cache
def stopwords() -> frozenset[str]:
    """English stopwords: YAKE's own list (shipped in the yake package), lower-case."""
    text = (
        resources.files("yake")
        .joinpath("core/StopwordsList/stopwords_en.txt")
        .read_text(encoding="utf-8", errors="ignore")
    )
    return frozenset(word.strip().lower() for word in text.split() if word.strip())


def normalise_term(term: str) -> str:
    """Comparison key of a keyword: lower case, typographic apostrophes folded, possessive
    "'s" dropped, single spaces."""
    term = term.lower().replace("’", "'")
    term = re.sub(r"'s\b", "", term)
    return " ".join(term.split())


def extract_keywords(
    text: str, *, top: int = TOP_KEYWORDS, max_ngram: int = MAX_NGRAM
) -> list[tuple[str, float]]:
    """YAKE keywords of one text as ``(keyword, score)``; lower scores are more important.

    Phrases of up to ``max_ngram`` words; near-identical phrases are deduplicated by YAKE.
    Empty or stopword-only text gives an empty list.
    """
    import yake

    if not _TOKEN.search(text):
        return []
    extractor = yake.KeywordExtractor(lan="en", n=max_ngram, top=top)
    return [(str(keyword), float(score)) for keyword, score in extractor.extract_keywords(text)]


def article_keywords(
    articles: pd.DataFrame, *, top: int = TOP_KEYWORDS, max_ngram: int = MAX_NGRAM
) -> pd.DataFrame:
    """The keywords frame: one row per article keyword.

    Columns: article_id, keyword (as written), key (:func:`normalise_term`, for comparing
    articles), yake_score (>= 0, lower = more important), rank (1 = most important). Keywords
    whose key repeats within an article are kept once, at their best rank.
    """
    rows = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        seen: set[str] = set()
        for keyword, score in extract_keywords(text, top=top, max_ngram=max_ngram):
            key = normalise_term(keyword)
            if key in seen:
                continue
            seen.add(key)
            rows.append((identifier, keyword, key, score, len(seen)))
    frame = pd.DataFrame(rows, columns=list(S.KEYWORD_COLUMNS))
    return frame.astype({S.YAKE_SCORE: "float64", S.RANK: "int64"})


def terms(text: str, *, bigrams: bool = True) -> list[str]:
    """Terms of a text for frequency comparison: lower-case words that are not stopwords and
    have at least two letters, plus (when ``bigrams``) pairs of such adjacent words not split
    by punctuation."""
    stop = stopwords()
    found: list[str] = []
    for chunk in re.split(r"[.,;:!?()\[\]\"“”‘’«»—–]+|\n", text):
        words = [normalise_term(w) for w in _TOKEN.findall(chunk)]
        kept = [w if w not in stop and len(w) > 1 else None for w in words]
        found.extend(w for w in kept if w)
        if bigrams:
            found.extend(f"{a} {b}" for a, b in itertools.pairwise(kept) if a and b)
    return found


def distinctive_terms(
    articles: pd.DataFrame,
    *,
    group: str = S.OUTLET,
    min_count: int = MIN_COUNT,
    prior_weight: float = PRIOR_WEIGHT,
    bigrams: bool = True,
) -> pd.DataFrame:
    """Terms each outlet (or other ``group`` column) over- and under-uses against all others.

    Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008): the prior of a
    term is its share of the whole corpus times ``prior_weight``. ``z`` is the log-odds
    difference divided by its standard deviation: > 0 = used more by this outlet than by the
    others, < 0 = less; |z| > 1.96 is significant at the usual 95% level. Only terms with at
    least ``min_count`` occurrences in the whole corpus are scored.

    Returns columns outlet (the group value), term, count (in this outlet), z, sorted by
    outlet and z descending. With a single group there is nothing to compare: empty frame.
    """
    counts: dict[str, Counter[str]] = {}
    for value, text in zip(articles[group], articles[S.TEXT], strict=True):
        counts.setdefault(str(value), Counter()).update(terms(text, bigrams=bigrams))
    columns = list(S.DISTINCTIVE_COLUMNS)
    if len(counts) < 2:
        return pd.DataFrame(columns=columns)
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    vocabulary = [term for term, n in total.items() if n >= min_count]
    n_total = sum(total.values())
    rows = []
    for outlet, own in counts.items():
        n_own = sum(own.values())
        n_rest = n_total - n_own
        for term in vocabulary:
            prior = prior_weight * total[term] / n_total
            y_own = own.get(term, 0)
            y_rest = total[term] - y_own
            delta = _log_odds(y_own, n_own, prior, prior_weight) - _log_odds(
                y_rest, n_rest, prior, prior_weight
            )
            variance = 1.0 / (y_own + prior) + 1.0 / (y_rest + prior)
            rows.append((outlet, term, y_own, delta / math.sqrt(variance)))
    frame = pd.DataFrame(rows, columns=columns).astype({S.COUNT: "int64", S.Z: "float64"})
    return frame.sort_values([S.OUTLET, S.Z], ascending=[True, False]).reset_index(drop=True)


def _log_odds(count: float, size: float, prior: float, prior_weight: float) -> float:
    return math.log((count + prior) / (size + prior_weight - count - prior))
