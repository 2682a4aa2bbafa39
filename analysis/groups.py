"""Groups of outlets compared with tests, articles the unit.

A *grouping* of :mod:`analysis.outlets` (country, language or a label of the user's) puts
each outlet's articles in a group (:func:`article_groups`). Each article is first reduced to
one value per measure (:func:`article_measures`: mentions, quotes and statements in one
article are not independent, so the article is the unit):

* ``sentiment``: the mean polarity (-1..1) of the article's mentions of an actor, over the
  articles that mention it;
* ``quote share``: the share (0..1) of the article's quotes whose speaker is one person, over
  the articles that quote anyone;
* ``stance``: how many statements of one holder toward one target with one stance the article
  reports (0 or more), over every article;
* ``frame``: the article's score (0..1) of one generic frame, over every article;
* ``term``: how often the article uses one contested term, per 1,000 words, over every article.

:func:`compare` tests the difference of the means of two groups (or of a group and the rest)
for each measure and item: a permutation test of the group labels over the articles (two-sided,
its p-value ``(1 + b) / (1 + P)`` of ``P`` permutations, sequentially: 199 first, up to 9,999
while the p-value could still be small), a 95% interval by the bootstrap over each group's
articles (percentiles of 999 resamples), Cohen's d as the effect size, and the q-values of
Benjamini and Hochberg over every comparison tested. An item carried by more than
:data:`EXACT_ARTICLES` articles is tested with the normal approximation of its permutation
distribution (its exact mean and variance) and given a normal interval: with that many
articles the two agree, and the Monte Carlo would cost seconds. Below :data:`MIN_OUTLETS`
outlets or :data:`MIN_ARTICLES` articles in a group an item is not tested, and ``reason`` says
why. :func:`distinctive_between` gives the distinctive terms of each group with the log-odds of
:func:`analysis.keywords.distinctive_from_counts`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.keywords import TermCounts, distinctive_from_counts
from analysis.outlets import Outlets, group_labels

SENTIMENT = "sentiment"
QUOTE_SHARE = "quote share"
STANCE = "stance"
FRAME = "frame"
TERM = "term"
#: The measures, in the order the Groups page lists them.
KINDS = (SENTIMENT, QUOTE_SHARE, STANCE, FRAME, TERM)
#: Measures over the articles that carry the item (the others count 0 where it is absent).
PRESENT_ONLY = frozenset({SENTIMENT})
#: The item of the row that puts an article among those a measure is over (quote share: the
#: articles that quote anyone; its value is the number of quotes).
BASE = ""
#: The group of every outlet outside a group (a group compared with the rest).
REST = "the rest"
#: Every group, each compared with the rest.
EVERY = "every group"
#: Fewest outlets and articles a group needs for a test of an item.
MIN_OUTLETS = 3
MIN_ARTICLES = 5
#: Most items of each measure compared (those carried by the most articles).
TOP_ITEMS = 20
#: Permutations of each stage of the sequential test, and the bootstrap's resamples.
STAGES = (199, 1_999, 9_999)
RESAMPLES = 999
#: Most articles carrying an item that the Monte Carlo runs on (more: normal approximation).
EXACT_ARTICLES = 1_000
#: The level of the intervals, and that of a finding (q).
LEVEL = 0.95
ALPHA = 0.05
_Z = 1.959963984540054


def article_measures(
    articles: pd.DataFrame,
    *,
    actor_sentiment: pd.DataFrame,
    quotes: pd.DataFrame,
    stance: pd.DataFrame,
    frames: pd.DataFrame,
    terms: pd.DataFrame,
) -> pd.DataFrame:
    """One value per article, measure (``kind``, one of :data:`KINDS`) and ``item`` (the
    actor, speaker, statement, frame or term): columns article_id, kind, item, value. Only
    the articles that carry an item have its row; quote share also has a :data:`BASE` row for
    every article that quotes anyone (value: its number of quotes). Articles without
    ``n_words`` have no term rates."""
    parts = [
        _sentiment(actor_sentiment),
        *_quote_shares(quotes),
        _stance(stance),
        _frames(frames),
        _terms(terms, articles),
    ]
    kept = [part for part in parts if len(part)]
    if not kept:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in S.MEASURE_COLUMNS})
    return pd.concat(kept, ignore_index=True).astype(_DTYPES)


_DTYPES = {S.ARTICLE_ID: "string", S.KIND: "string", S.ITEM: "string", S.VALUE: "float64"}


def _measure(frame: pd.DataFrame, kind: str, item: pd.Series, value: pd.Series) -> pd.DataFrame:
    rows = pd.DataFrame({S.ARTICLE_ID: frame[S.ARTICLE_ID], S.ITEM: item, S.VALUE: value})
    means = rows.dropna().groupby([S.ARTICLE_ID, S.ITEM], sort=False)[S.VALUE]
    return means.mean().reset_index().assign(**{S.KIND: kind})[list(S.MEASURE_COLUMNS)]


def _summed(frame: pd.DataFrame, kind: str, item: pd.Series, value: pd.Series) -> pd.DataFrame:
    rows = pd.DataFrame({S.ARTICLE_ID: frame[S.ARTICLE_ID], S.ITEM: item, S.VALUE: value})
    sums = rows.dropna().groupby([S.ARTICLE_ID, S.ITEM], sort=False)[S.VALUE].sum()
    return sums.reset_index().assign(**{S.KIND: kind})[list(S.MEASURE_COLUMNS)]


def _sentiment(sentiment: pd.DataFrame) -> pd.DataFrame:
    return _measure(sentiment, SENTIMENT, sentiment[S.ACTOR], sentiment[S.POLARITY])


def _quote_shares(quotes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    totals = quotes.groupby(S.ARTICLE_ID, sort=False).size()
    base = pd.DataFrame(
        {S.ARTICLE_ID: totals.index, S.KIND: QUOTE_SHARE, S.ITEM: BASE, S.VALUE: totals.values}
    )
    speakers = quotes[S.SPEAKER].astype("string").replace("", pd.NA)
    shares = 1.0 / quotes[S.ARTICLE_ID].map(totals)
    return base, _summed(quotes, QUOTE_SHARE, speakers, shares)


def stance_item(actor: str, topic: str, stance: str) -> str:
    """The item of one statement kind: ``holder → target: stance``."""
    return f"{actor} → {topic}: {stance}"


def _stance(stance: pd.DataFrame) -> pd.DataFrame:
    items = [
        stance_item(*row)
        for row in zip(stance[S.ACTOR], stance[S.TOPIC], stance[S.STANCE], strict=True)
    ]
    ones = pd.Series(1.0, index=stance.index)
    return _summed(stance, STANCE, pd.Series(items, index=stance.index, dtype="string"), ones)


def _frames(frames: pd.DataFrame) -> pd.DataFrame:
    scored = frames[frames[S.SCORE] > 0]
    return _measure(scored, FRAME, scored[S.FRAME], scored[S.SCORE].astype(float))


def term_item(term: str, group: str) -> str:
    """The item of one contested term: ``term (group)``."""
    return f"{term} ({group})"


def _terms(terms: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    if S.N_WORDS not in articles:
        return terms.iloc[0:0]
    words = terms[S.ARTICLE_ID].map(articles.set_index(S.ARTICLE_ID)[S.N_WORDS])
    rate = 1000.0 * terms[S.COUNT] / words.where(words > 0)
    items = [term_item(t, g) for t, g in zip(terms[S.TERM], terms[S.GROUP], strict=True)]
    return _summed(terms, TERM, pd.Series(items, index=terms.index, dtype="string"), rate)


def article_groups(articles: pd.DataFrame, outlets: Outlets, grouping: str) -> pd.DataFrame:
    """The articles whose outlet has a label in ``grouping`` (of :mod:`analysis.outlets`):
    columns article_id, outlet, group (the label)."""
    labels = group_labels(outlets, names=articles[S.OUTLET].drop_duplicates().astype(str))
    if grouping not in labels:
        return pd.DataFrame(columns=[S.ARTICLE_ID, S.OUTLET, S.GROUP]).astype("string")
    label = articles[S.OUTLET].astype(str).map(labels.set_index(S.OUTLET)[grouping])
    kept = articles.assign(**{S.GROUP: label})[[S.ARTICLE_ID, S.OUTLET, S.GROUP]].dropna()
    return kept.astype("string").reset_index(drop=True)


def group_sizes(groups: pd.DataFrame) -> pd.DataFrame:
    """Each group's outlets and articles (columns group, outlets, articles), most articles
    first (ties by name)."""
    sizes = groups.groupby(S.GROUP).agg(
        **{S.OUTLETS: (S.OUTLET, "nunique"), S.ARTICLES: (S.ARTICLE_ID, "size")}
    )
    ordered = sizes.reset_index().sort_values([S.ARTICLES, S.GROUP], ascending=[False, True])
    return ordered.reset_index(drop=True)


class Pair(NamedTuple):
    """Two groups compared: ``group`` and ``versus`` (a group, or :data:`REST`)."""

    group: str
    versus: str


def pairs_of(groups: pd.DataFrame, group: str, versus: str) -> list[Pair]:
    """The comparisons a choice asks for: ``group`` vs ``versus``; ``group`` vs :data:`REST`
    when ``versus`` is REST; every group vs the rest when ``group`` is :data:`EVERY` (each
    group with articles in ``groups``)."""
    if group != EVERY:
        return [Pair(group, versus)]
    return [Pair(str(g), REST) for g in group_sizes(groups)[S.GROUP]]


def benjamini_hochberg(p: Sequence[float] | np.ndarray) -> np.ndarray:
    """The q-values of Benjamini and Hochberg (1995) of p-values ``p`` (NaN: not tested, left
    out of the count and given NaN): the smallest false discovery rate at which each would be
    a finding. 0..1; q >= p."""
    values = np.asarray(p, dtype=float)
    q = np.full(values.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(values))
    if not len(tested):
        return q
    order = tested[np.argsort(values[tested], kind="stable")]
    m = len(order)
    scaled = values[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    return q


class Sample(NamedTuple):
    """One group's values of one item: ``values`` of the articles that carry it and
    ``articles``, how many articles the mean is over (the others count 0)."""

    values: np.ndarray
    articles: int

    @property
    def mean(self) -> float:
        return float(self.values.sum() / self.articles) if self.articles else math.nan

    @property
    def variance(self) -> float:
        """The sample variance over the ``articles`` (the absent ones 0)."""
        n = self.articles
        if n < 2:
            return math.nan
        total, squares = self.values.sum(), np.square(self.values).sum()
        return float(max(0.0, (squares - total * total / n) / (n - 1)))


class Difference(NamedTuple):
    """What :func:`difference_test` finds: the difference of the means (group minus
    versus), its interval, Cohen's d and the two-sided p-value."""

    difference: float
    low: float
    high: float
    effect: float
    p: float


def _permutation_p(a: Sample, b: Sample, rng: np.random.Generator) -> float:
    """The two-sided p-value of the difference of means under permutations of the labels of
    the ``a.articles + b.articles`` articles (those without a value count 0)."""
    pooled = np.concatenate([a.values, b.values])
    k, n_a, n_b = len(pooled), a.articles, b.articles
    observed = abs(a.mean - b.mean) - 1e-12
    total = pooled.sum()
    exceed, done = 0, 0
    for stage in STAGES:
        size = stage - done
        # How many of the k articles with a value each permutation puts in a, then which.
        in_a = rng.hypergeometric(n_a, n_b, k, size=size) if k < n_a + n_b else np.full(size, n_a)
        chosen = rng.permuted(np.arange(k)[None, :] < in_a[:, None], axis=1)
        sums = chosen @ pooled
        exceed += int(np.count_nonzero(np.abs(sums / n_a - (total - sums) / n_b) >= observed))
        done = stage
        if exceed >= 10:
            break
    return (1 + exceed) / (1 + done)


def _bootstrap_means(sample: Sample, rng: np.random.Generator) -> np.ndarray:
    """The means of :data:`RESAMPLES` resamples (with replacement) of the sample's articles."""
    k, n = len(sample.values), sample.articles
    if k == 0:
        return np.zeros(RESAMPLES)
    drawn = rng.binomial(n, k / n, size=RESAMPLES) if k < n else np.full(RESAMPLES, n)
    most = int(drawn.max())
    picks = sample.values[rng.integers(0, k, size=(RESAMPLES, most))]
    picks[np.arange(most)[None, :] >= drawn[:, None]] = 0.0
    return picks.sum(axis=1) / n


def difference_test(a: Sample, b: Sample, *, seed: int = 0) -> Difference:
    """The difference of the means of ``a`` and ``b`` (a minus b) with its 95% interval (the
    bootstrap over each group's articles), Cohen's d (the difference over the pooled standard
    deviation; NaN when the values do not vary) and the permutation p-value (two-sided). With
    more than :data:`EXACT_ARTICLES` articles carrying the item: the normal approximation of
    both (the permutation distribution's exact mean and variance)."""
    rng = np.random.default_rng(seed)
    difference = a.mean - b.mean
    n_a, n_b = a.articles, b.articles
    pooled_variance = ((n_a - 1) * a.variance + (n_b - 1) * b.variance) / (n_a + n_b - 2)
    effect = difference / math.sqrt(pooled_variance) if pooled_variance > 0 else math.nan
    if len(a.values) + len(b.values) <= EXACT_ARTICLES:
        p = _permutation_p(a, b, rng)
        spread = _bootstrap_means(a, rng) - _bootstrap_means(b, rng)
        tail = 100 * (1 - LEVEL) / 2
        low, high = (float(x) for x in np.percentile(spread, [tail, 100 - tail]))
        return Difference(difference, low, high, effect, p)
    n = n_a + n_b
    together = Sample(np.concatenate([a.values, b.values]), n)
    scale = math.sqrt(together.variance * (1 / n_a + 1 / n_b))
    p = math.erfc(abs(difference) / scale / math.sqrt(2)) if scale > 0 else 1.0
    margin = _Z * math.sqrt(a.variance / n_a + b.variance / n_b)
    return Difference(difference, difference - margin, difference + margin, effect, p)


class _Coded(NamedTuple):
    """The measures as arrays, sorted by kind and item: each row's article (a code of
    ``articles``), kind, item and value, and where each (kind, item) run starts."""

    article: np.ndarray
    kind: np.ndarray
    item: np.ndarray
    value: np.ndarray
    kinds: list[str]
    items: list[str]


def _coded(measures: pd.DataFrame, articles: pd.Index) -> _Coded:
    kind_codes, kinds = pd.factorize(measures[S.KIND])
    item_codes, items = pd.factorize(measures[S.ITEM])
    ids = measures[S.ARTICLE_ID].astype("category")
    position = articles.get_indexer(ids.cat.categories.astype(str))
    codes = ids.cat.codes.to_numpy()
    article = np.where(codes >= 0, position[codes], -1) if len(position) else codes
    order = np.lexsort((item_codes, kind_codes))
    order = order[article[order] >= 0]
    return _Coded(
        article[order],
        kind_codes[order],
        item_codes[order],
        measures[S.VALUE].to_numpy(float)[order],
        [str(k) for k in kinds],
        [str(i) for i in items],
    )


def compare(
    measures: pd.DataFrame,
    groups: pd.DataFrame,
    pairs: Iterable[Pair],
    *,
    top: int = TOP_ITEMS,
    min_outlets: int = MIN_OUTLETS,
    min_articles: int = MIN_ARTICLES,
    seed: int = 0,
) -> pd.DataFrame:
    """The differences between groups: for each of ``pairs`` and each measure's ``top`` items
    (those the most articles of the pair carry), a row of the columns of
    :data:`~analysis.schema.GROUP_DIFFERENCE_COLUMNS`: the means of the group and of
    ``versus`` over their articles, the difference (group minus versus) with its 95% interval
    (``ci_low``, ``ci_high``), Cohen's d (``effect``: 0.2 small, 0.5 medium, 0.8 large), the
    permutation p-value and the Benjamini-Hochberg q-value over every row tested, how many
    articles and outlets each side has. A side with fewer than ``min_outlets`` outlets or
    ``min_articles`` articles is not tested (``tested`` false, ``reason`` says why). Sorted
    by q, then by the size of the effect. ``measures``: :func:`article_measures`;
    ``groups``: :func:`article_groups`. Reproducible: the same inputs and ``seed`` give the
    same p-values and intervals."""
    articles = pd.Index(groups[S.ARTICLE_ID].astype(str))
    outlet = pd.factorize(groups[S.OUTLET])[0]
    label = groups[S.GROUP].astype(str).to_numpy()
    coded = _coded(measures, articles)
    rows: list[dict[str, object]] = []
    for pair in pairs:
        in_group = label == pair.group
        in_versus = ~in_group if pair.versus == REST else label == pair.versus
        side = np.where(in_group, 1, np.where(in_versus, 0, -1))
        for kind in range(len(coded.kinds)):
            rows += _compare_kind(
                coded, kind, side, outlet, pair, top, min_outlets, min_articles, seed
            )
    frame = pd.DataFrame(rows, columns=list(S.GROUP_DIFFERENCE_COLUMNS))
    frame[S.Q_VALUE] = benjamini_hochberg(frame[S.P_VALUE].to_numpy(dtype=float))
    frame = frame.astype(
        {
            S.TESTED: bool,
            **{c: "float64" for c in (S.MEAN, S.VERSUS_MEAN, S.DIFFERENCE, S.P_VALUE)},
            **{c: "float64" for c in (S.CI_LOW, S.CI_HIGH, S.EFFECT)},
        }
    )
    order = frame.assign(size=-frame[S.EFFECT].abs()).sort_values(
        [S.Q_VALUE, "size", S.KIND, S.ITEM], na_position="last", kind="stable"
    )
    return order.drop(columns="size").reset_index(drop=True)


def _side_counts(
    members: np.ndarray, side: np.ndarray, outlet: np.ndarray
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The articles and outlets of each side (group, versus) among the articles ``members``."""
    sides = side[members]
    a, b = members[sides == 1], members[sides == 0]
    return (len(a), len(b)), (len(np.unique(outlet[a])), len(np.unique(outlet[b])))


def _compare_kind(
    coded: _Coded,
    kind: int,
    side: np.ndarray,
    outlet: np.ndarray,
    pair: Pair,
    top: int,
    min_outlets: int,
    min_articles: int,
    seed: int,
) -> list[dict[str, object]]:
    """The rows of :func:`compare` of one measure and one pair."""
    name = coded.kinds[kind]
    rows = np.flatnonzero((coded.kind == kind) & (side[coded.article] >= 0))
    base_item = coded.items.index(BASE) if BASE in coded.items else -1
    if name in PRESENT_ONLY:
        base = None
    elif name == QUOTE_SHARE:
        base = np.unique(coded.article[rows[coded.item[rows] == base_item]])
    else:
        base = np.flatnonzero(side >= 0)
    base_counts = _side_counts(base, side, outlet) if base is not None else None
    rows = rows[coded.item[rows] != base_item]
    items, starts, counts = np.unique(coded.item[rows], return_index=True, return_counts=True)
    chosen = sorted(range(len(items)), key=lambda i: (-counts[i], coded.items[items[i]]))[:top]
    found = []
    for i in chosen:
        run = rows[starts[i] : starts[i] + counts[i]]
        members = coded.article[run]
        sides = side[members]
        values = coded.value[run]
        articles, outlets = base_counts or _side_counts(members, side, outlet)
        a = Sample(values[sides == 1], articles[0])
        b = Sample(values[sides == 0], articles[1])
        row: dict[str, object] = {
            S.KIND: name,
            S.ITEM: coded.items[items[i]],
            S.GROUP: pair.group,
            S.VERSUS: pair.versus,
            S.MEAN: a.mean,
            S.VERSUS_MEAN: b.mean,
            S.DIFFERENCE: a.mean - b.mean,
            S.ARTICLES: articles[0],
            S.VERSUS_ARTICLES: articles[1],
            S.GROUP_OUTLETS: outlets[0],
            S.VERSUS_OUTLETS: outlets[1],
        }
        reason = _too_few(pair, articles, outlets, min_outlets, min_articles)
        if reason:
            found.append(row | {S.TESTED: False, S.REASON: reason})
            continue
        test = difference_test(a, b, seed=seed + len(found))
        found.append(
            row
            | {
                S.CI_LOW: test.low,
                S.CI_HIGH: test.high,
                S.EFFECT: test.effect,
                S.P_VALUE: test.p,
                S.TESTED: True,
                S.REASON: "",
            }
        )
    return found


def _too_few(
    pair: Pair,
    articles: tuple[int, int],
    outlets: tuple[int, int],
    min_outlets: int,
    min_articles: int,
) -> str:
    """Why a pair's item is not tested ("" when it is)."""
    for name, n_articles, n_outlets in zip(pair, articles, outlets, strict=True):
        if n_outlets < min_outlets:
            return (
                f"{name} has {n_outlets} outlet{'s' * (n_outlets != 1)} with it; a test "
                f"needs {min_outlets} in each group"
            )
        if n_articles < min_articles:
            return (
                f"{name} has {n_articles} article{'s' * (n_articles != 1)} with it; a test "
                f"needs {min_articles} in each group"
            )
    return ""


def findings(differences: pd.DataFrame, *, alpha: float = ALPHA) -> pd.DataFrame:
    """The rows of ``differences`` (:func:`compare`) that are findings: tested, q <= ``alpha``,
    in the order of ``differences``."""
    kept = differences[differences[S.TESTED] & (differences[S.Q_VALUE] <= alpha)]
    return kept.reset_index(drop=True)


def distinctive_between(
    distinctive: pd.DataFrame, groups_of_outlets: pd.Series, pairs: Iterable[Pair]
) -> pd.DataFrame:
    """The terms each group of each pair over- and under-uses against the other side, with
    the log-odds of :func:`analysis.keywords.distinctive_from_counts` on the outlets'
    counts added up per side (``distinctive``: the distinctive_terms table, which holds every
    outlet's count of every term it scores; ``groups_of_outlets``: outlet -> group).
    Columns group, versus, term, count, z (> 0: used more by the group than by the other
    side), the group's rows only, by pair and z descending."""
    mapped = distinctive[S.OUTLET].map(groups_of_outlets)
    grouped = mapped.notna().to_numpy(dtype=bool)
    label = mapped.astype("string").fillna("").to_numpy(dtype=object)
    frames = []
    for pair in pairs:
        in_group = grouped & (label == pair.group)
        in_versus = grouped & ~in_group if pair.versus == REST else grouped & (label == pair.versus)
        counts: TermCounts = {}
        for name, keep in ((pair.group, in_group), (pair.versus, in_versus)):
            summed = distinctive[keep.astype(bool)].groupby(S.TERM, sort=False)[S.COUNT].sum()
            counts[name] = Counter({str(t): int(n) for t, n in summed.items() if n > 0})
        if not all(counts.values()):
            continue
        scored = distinctive_from_counts(counts, min_count=1)
        own = scored[scored[S.OUTLET] == pair.group].rename(columns={S.OUTLET: S.GROUP})
        frames.append(own.assign(**{S.VERSUS: pair.versus}))
    columns = [S.GROUP, S.VERSUS, S.TERM, S.COUNT, S.Z]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
