"""Group comparisons: articles the unit, a planted difference found, the null kept at its
level across many corpora, Benjamini-Hochberg, the minimums, the normal approximation, the
distinctive terms between groups, and the measures of a real analysis."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import groups as G
from analysis import schema as S
from analysis.outlets import parse_outlets
from analysis.tables import Analysis


def synthetic(
    rng: np.random.Generator,
    *,
    outlets: int = 4,
    articles: int = 5,
    items: int = 5,
    shift: float = 0.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A corpus's per-article measures and groups: two groups of ``outlets`` outlets of
    ``articles`` articles; each article has a sentiment value toward each of ``items`` actors
    (normal, sd 0.3) and a frame score; group A's value toward actor 0 is ``shift`` higher."""
    rows, group_rows = [], []
    for group in ("A", "B"):
        for o in range(outlets):
            for a in range(articles):
                article = f"{group}{o}-{a}"
                group_rows.append((article, f"{group}{o}", group))
                for i in range(items):
                    value = rng.normal(shift if (group == "A" and i == 0) else 0.0, 0.3)
                    rows.append((article, G.SENTIMENT, f"actor {i}", value))
                rows.append((article, G.FRAME, "conflict", rng.uniform(0, 1)))
    measures = pd.DataFrame(rows, columns=list(S.MEASURE_COLUMNS))
    groups = pd.DataFrame(group_rows, columns=[S.ARTICLE_ID, S.OUTLET, S.GROUP]).astype("string")
    return measures, groups


AB = [G.Pair("A", "B")]


def test_benjamini_hochberg_by_hand() -> None:
    q = G.benjamini_hochberg([0.01, 0.04, 0.03, 0.005, math.nan])
    assert np.allclose(q[:4], [0.02, 0.04, 0.04, 0.02])
    assert math.isnan(q[4])
    assert G.benjamini_hochberg([0.5, 0.9]).tolist() == [0.9, 0.9]
    assert np.isnan(G.benjamini_hochberg([math.nan])).all()


def test_a_planted_difference_is_found_at_its_level() -> None:
    measures, groups = synthetic(np.random.default_rng(1), shift=0.5)
    found = G.compare(measures, groups, AB)
    top = found.iloc[0]
    assert (top[S.KIND], top[S.ITEM]) == (G.SENTIMENT, "actor 0")
    assert top[S.Q_VALUE] <= 0.05 and top[S.TESTED]
    assert top[S.CI_LOW] > 0 and top[S.CI_LOW] < 0.5 < top[S.CI_HIGH]
    assert top[S.EFFECT] > 1
    assert (top[S.ARTICLES], top[S.VERSUS_ARTICLES]) == (20, 20)
    assert (top[S.GROUP_OUTLETS], top[S.VERSUS_OUTLETS]) == (4, 4)
    assert G.findings(found)[S.ITEM].tolist() == ["actor 0"]
    # the q-values are sorted, the untested last
    assert found[S.Q_VALUE].is_monotonic_increasing


def test_the_null_is_kept_at_its_level_across_200_corpora() -> None:
    """A test of the test: 200 corpora without any group difference (six comparisons each,
    articles drawn afresh for each). The false-positive rate at q <= 0.05 (comparisons
    called findings, every one of them false) is at most 5%; so is the share of corpora with
    any finding (which the false discovery rate equals when every null is true) within its
    sampling error (two standard errors of a binomial share of 200); and the p-values are
    uniform: about 5% of them fall at or below 0.05."""
    rng = np.random.default_rng(2026)
    corpora = 200
    false_positives, comparisons, any_finding, p_values = 0, 0, 0, []
    for number in range(corpora):
        measures, groups = synthetic(rng)
        found = G.compare(measures, groups, AB, seed=number)
        flagged = len(G.findings(found))
        false_positives += flagged
        comparisons += int(found[S.TESTED].sum())
        any_finding += bool(flagged)
        p_values += found[S.P_VALUE].tolist()
    assert comparisons == corpora * 6
    assert false_positives / comparisons <= 0.05
    assert any_finding / corpora <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / corpora)
    below = np.mean(np.asarray(p_values) <= 0.05)
    assert 0.025 <= below <= 0.075


def test_power_grows_with_the_difference() -> None:
    rng = np.random.default_rng(7)
    found = {
        shift: sum(
            bool(len(G.findings(G.compare(*synthetic(rng, shift=shift), AB, seed=k))))
            for k in range(20)
        )
        for shift in (0.15, 0.6)
    }
    assert found[0.6] == 20
    assert found[0.15] < found[0.6]


def test_below_the_minimum_it_does_not_test_and_says_why() -> None:
    measures, groups = synthetic(np.random.default_rng(3), outlets=2, shift=2.0)
    found = G.compare(measures, groups, AB)
    assert not found[S.TESTED].any()
    assert found[S.Q_VALUE].isna().all()
    assert "A has 2 outlets with it; a test needs 3 in each group" in set(found[S.REASON])
    few, groups = synthetic(np.random.default_rng(3), outlets=3, articles=1)
    reasons = set(G.compare(few, groups, AB)[S.REASON])
    assert reasons == {"A has 3 articles with it; a test needs 5 in each group"}


def test_articles_are_the_unit_not_mentions() -> None:
    """Ten mentions in one article count once: the article's mean."""
    sentiment = pd.DataFrame(
        {
            S.ARTICLE_ID: ["a"] * 10 + ["b"],
            S.ACTOR: ["Putin"] * 11,
            S.POLARITY: [1.0] * 10 + [-1.0],
        }
    )
    measures = G.article_measures(
        pd.DataFrame({S.ARTICLE_ID: ["a", "b"], S.N_WORDS: [500, 2000]}),
        actor_sentiment=sentiment,
        quotes=pd.DataFrame({S.ARTICLE_ID: ["a", "a", "a", "b"], S.SPEAKER: ["X", "X", "Y", ""]}),
        stance=pd.DataFrame(
            {S.ARTICLE_ID: ["b"], S.ACTOR: ["X"], S.TOPIC: ["talks"], S.STANCE: ["support"]}
        ),
        frames=pd.DataFrame(
            {S.ARTICLE_ID: ["a", "b"], S.FRAME: ["conflict"] * 2, S.SCORE: [0.5, 0]}
        ),
        terms=pd.DataFrame(
            {S.ARTICLE_ID: ["b"], S.GROUP: ["war"], S.TERM: ["invasion"], S.COUNT: [3]}
        ),
    )
    got = {
        (row.article_id, row.kind, row.item): round(row.value, 3) for row in measures.itertuples()
    }
    assert got == {
        ("a", G.SENTIMENT, "Putin"): 1.0,
        ("b", G.SENTIMENT, "Putin"): -1.0,
        ("a", G.QUOTE_SHARE, G.BASE): 3.0,
        ("b", G.QUOTE_SHARE, G.BASE): 1.0,
        ("a", G.QUOTE_SHARE, "X"): 0.667,
        ("a", G.QUOTE_SHARE, "Y"): 0.333,
        ("b", G.STANCE, "X → talks: support"): 1.0,
        ("a", G.FRAME, "conflict"): 0.5,
        ("b", G.TERM, "invasion (war)"): 1.5,
    }


def test_absent_items_count_zero_over_their_base() -> None:
    """A term rate is over every article of a group, a quote share over those that quote."""
    rng = np.random.default_rng(4)
    rows, group_rows = [], []
    for group, rate in (("A", 3.0), ("B", 0.0)):
        for o in range(3):
            for a in range(4):
                article = f"{group}{o}{a}"
                group_rows.append((article, f"{group}{o}", group))
                if a % 2 == 0:
                    rows.append((article, G.TERM, "invasion (war)", rate + rng.uniform(0, 1)))
    measures = pd.DataFrame(rows, columns=list(S.MEASURE_COLUMNS))
    groups = pd.DataFrame(group_rows, columns=[S.ARTICLE_ID, S.OUTLET, S.GROUP])
    row = G.compare(measures, groups, AB).iloc[0]
    assert (row[S.ARTICLES], row[S.VERSUS_ARTICLES]) == (12, 12)
    assert 1.5 < row[S.MEAN] < 2.0 and 0 < row[S.VERSUS_MEAN] < 0.5
    assert row[S.Q_VALUE] <= 0.05


def test_the_normal_approximation_agrees_with_the_permutations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(5)
    a = G.Sample(rng.normal(0.05, 1.0, 600), 600)
    b = G.Sample(rng.normal(-0.05, 1.0, 400), 700)
    exact = G.difference_test(a, b, seed=1)
    monkeypatch.setattr(G, "EXACT_ARTICLES", 10)
    normal = G.difference_test(a, b)
    assert normal.difference == exact.difference
    assert abs(normal.p - exact.p) < 0.03
    assert abs(normal.low - exact.low) < 0.03 and abs(normal.high - exact.high) < 0.03


def test_each_group_against_the_rest() -> None:
    measures, groups = synthetic(np.random.default_rng(6), shift=0.6)
    pairs = G.pairs_of(groups, G.EVERY, G.REST)
    assert pairs == [G.Pair("A", G.REST), G.Pair("B", G.REST)]
    found = G.compare(measures, groups, pairs)
    planted = found[found[S.ITEM] == "actor 0"].set_index(S.GROUP)
    assert planted.loc["A", S.DIFFERENCE] > 0 > planted.loc["B", S.DIFFERENCE]
    assert G.pairs_of(groups, "B", "A") == [G.Pair("B", "A")]


def test_groups_of_articles_from_the_outlets_file() -> None:
    outlets = parse_outlets(
        '[[outlet]]\nname = "Dawn"\ncountry = "Pakistan"\n[outlet.groups]\nlean = "left"\n'
        '[[outlet]]\nname = "Mint"\ncountry = "India"\nproposed = true\n'
    )
    articles = pd.DataFrame({S.ARTICLE_ID: ["1", "2", "3"], S.OUTLET: ["Dawn", "Mint", "X"]})
    assert G.article_groups(articles, outlets, "country")[S.GROUP].tolist() == ["Pakistan"]
    assert G.article_groups(articles, outlets, "lean")[S.ARTICLE_ID].tolist() == ["1"]
    assert G.article_groups(articles, outlets, "owner").empty
    sizes = G.group_sizes(G.article_groups(articles, outlets, "country"))
    assert sizes.to_dict("records") == [{S.GROUP: "Pakistan", S.OUTLETS: 1, S.ARTICLES: 1}]


def test_distinctive_terms_between_groups() -> None:
    distinctive = pd.DataFrame(
        {
            S.OUTLET: ["o1", "o1", "o2", "o2", "o3", "o3"],
            S.TERM: ["invasion", "operation"] * 3,
            S.COUNT: [30, 2, 25, 1, 1, 40],
            S.Z: [0.0] * 6,
        }
    )
    groups = pd.Series({"o1": "West", "o2": "West", "o3": "East"})
    terms = G.distinctive_between(distinctive, groups, [G.Pair("West", "East")])
    top = terms.iloc[0]
    assert (top[S.GROUP], top[S.VERSUS], top[S.TERM], top[S.COUNT]) == (
        "West",
        "East",
        "invasion",
        55,
    )
    assert top[S.Z] > 1.96 > terms.iloc[-1][S.Z]
    assert G.distinctive_between(distinctive, groups, [G.Pair("West", "South")]).empty


def test_measures_of_the_seeds(seeds_analysis: Analysis) -> None:
    a = seeds_analysis
    measures = G.article_measures(
        a.articles,
        actor_sentiment=a.actor_sentiment,
        quotes=a.quotes,
        stance=a.stance,
        frames=a.frames,
        terms=a.terms,
    )
    assert set(measures[S.KIND]) <= set(G.KINDS)
    assert {G.SENTIMENT, G.QUOTE_SHARE, G.FRAME} <= set(measures[S.KIND])
    assert not measures.duplicated([S.ARTICLE_ID, S.KIND, S.ITEM]).any()
    sentiment = measures[measures[S.KIND] == G.SENTIMENT][S.VALUE]
    assert sentiment.between(-1, 1).all()
    shares = measures[(measures[S.KIND] == G.QUOTE_SHARE) & (measures[S.ITEM] != G.BASE)]
    per_article = shares.groupby(S.ARTICLE_ID)[S.VALUE].sum()
    assert (per_article <= 1 + 1e-9).all()
