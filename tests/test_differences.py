"""analysis.differences: the largest differences between outlets and their evidence, on the
seeds and corpus-dev."""

from __future__ import annotations

from analysis import schema as S
from analysis.differences import KINDS, PER_KIND, differences
from analysis.tables import Analysis
from tests.test_overview import OUTLETS, WORLD_BULLETIN, article_of


def test_differences_name_the_three_zelensky_spellings_and_the_war_wording(
    seeds_analysis: Analysis,
) -> None:
    summary, evidence = differences(seeds_analysis)
    rows = summary.set_index([S.KIND, S.SUBJECT])
    zelensky = rows.loc[("spelling", "Zelensky")]
    for spelling, outlet in zip(
        ("Zelenskyy", "Zelenskiy", "Zelensky"), reversed(OUTLETS), strict=True
    ):
        assert f"{spelling} by {outlet}" in zelensky[S.STATEMENT]
    assert zelensky[S.SCORE] == 1.0
    war = rows.loc[("wording", "the war itself")]
    assert f"{WORLD_BULLETIN} says “invasion” 2 times (2 in quotes)" in war[S.STATEMENT]
    assert f"Only {WORLD_BULLETIN} says “military operation”" in war[S.STATEMENT]
    assert f"{WORLD_BULLETIN}: invasion 2, war 2, military operation 1" in war[S.DETAILS]
    shown = evidence[evidence[S.RANK] == war[S.RANK]].set_index([S.OUTLET, S.ITEM])
    example = shown.loc[(WORLD_BULLETIN, "military operation")]
    assert "military operation" in example[S.EXAMPLE]
    assert example[S.ARTICLE_ID] == article_of(seeds_analysis, WORLD_BULLETIN)


def test_every_difference_has_evidence_from_its_outlets(
    seeds_analysis: Analysis,
) -> None:
    summary, evidence = differences(seeds_analysis)
    assert summary[S.RANK].tolist() == list(range(1, len(summary) + 1))
    assert summary[S.SCORE].is_monotonic_decreasing
    assert set(evidence[S.RANK]) == set(summary[S.RANK])
    outlets = seeds_analysis.articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    for row in evidence[evidence[S.ARTICLE_ID] != ""].itertuples():
        assert outlets[row.article_id] == row.outlet
    spelled = evidence[evidence[S.RANK].isin(summary[summary[S.KIND] == "spelling"][S.RANK])]
    assert all(row.item in row.example for row in spelled.itertuples())


def test_no_difference_within_one_outlet(seeds_analysis: Analysis) -> None:
    summary, evidence = differences(seeds_analysis.subset(["News Guru"]))
    assert summary.empty and evidence.empty
    assert list(summary.columns) == list(S.DIFFERENCE_COLUMNS)


def test_differences_on_many_outlets_stay_short_and_in_range(
    corpus_dev_analysis: Analysis,
) -> None:
    summary, evidence = differences(corpus_dev_analysis)
    assert 0 < len(summary) <= 10
    assert summary[S.SCORE].between(0.2, 1.0).all()
    assert (summary[S.KIND].value_counts() <= PER_KIND).all()
    assert set(summary[S.KIND]) <= set(KINDS)
    assert "unattributed" not in set(summary[S.SUBJECT])
    assert all(len(statement) < 400 for statement in summary[S.STATEMENT])
    assert not evidence.empty
