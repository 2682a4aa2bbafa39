"""The budget of one load: articles and characters, checked as an input is read."""

from __future__ import annotations

import pytest

from analysis.budget import CORPUS_CHARS, READ_CHARS, Budget, OverBudget


def test_a_charge_within_the_budget_is_taken_and_one_over_it_takes_nothing() -> None:
    budget = Budget(articles=10, chars=1_000)
    budget.charge(4, 400)
    assert (budget.articles, budget.chars) == (6, 600)
    with pytest.raises(OverBudget) as refused:
        budget.charge(7, 10)
    assert refused.value.reason == (
        "7 rows: more than the 6 articles left of the 10 a dashboard session holds."
    )
    assert (budget.articles, budget.chars) == (6, 600)


def test_a_tally_names_the_whole_input_and_charges_only_what_was_kept() -> None:
    budget = Budget(articles=100, chars=10_000, holder="this command reads (--max-articles)")
    tally = budget.tally()
    tally.add(60, 100)
    with pytest.raises(OverBudget) as refused:
        tally.add(60, 100, more=True)
    assert refused.value.reason == (
        "More than 120 rows: more than the 100 articles this command reads (--max-articles)."
    )
    assert budget.articles == 100  # nothing is charged before the input is kept
    tally.close()
    assert (budget.articles, budget.chars) == (40, 9_900)


def test_a_check_counts_nothing_and_names_what_the_characters_are() -> None:
    tally = Budget(articles=5, chars=1_000).tally()
    with pytest.raises(OverBudget, match="2,000 bytes of text once decompressed: more than"):
        tally.check(1, 2_000, what="bytes of text once decompressed")
    assert (tally.rows, tally.chars) == (0, 0)


def test_a_corpus_budget_reads_four_characters_for_each_it_keeps() -> None:
    budget = Budget.of_corpus(max_articles=7, max_chars=1_000, holder="h")
    assert (budget.articles, budget.chars) == (7, 1_000 * READ_CHARS // CORPUS_CHARS)
    assert READ_CHARS // CORPUS_CHARS == 4
