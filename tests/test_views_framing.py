"""Tests of the Framing page's view (analysis/views/framing.py)."""

from __future__ import annotations

from analysis import schema as S
from analysis.tables import Analysis
from analysis.views import (
    framing,
    spelling,
)
from analysis.views.base import (
    chosen_articles,
)
from tests.view_cases import GURU


def test_uses_labels_and_answers_are_read_for_what_is_shown(seeds_analysis: Analysis) -> None:
    hits = seeds_analysis.spelling_hits
    group = hits[S.GROUP].value_counts().index[0]
    every, total = spelling.uses(seeds_analysis, group, None)
    assert total == len(every) == (hits[S.GROUP] == group).sum()
    first, total = spelling.uses(seeds_analysis, group, (GURU,), 1)
    guru = chosen_articles(seeds_analysis, [GURU])
    assert total == ((hits[S.GROUP] == group) & hits[S.ARTICLE_ID].isin(guru)).sum()
    assert len(first) == min(total, 1)
    term = seeds_analysis.term_hits[S.TERM].iloc[0]
    rows, total = framing.uses(seeds_analysis, term, None)
    assert total == len(rows) == (seeds_analysis.term_hits[S.TERM] == term).sum()
    actor = seeds_analysis.labels[S.ACTOR].iloc[0]
    rows, total = framing.labels(seeds_analysis, actor, None, 2)
    assert len(rows) <= 2 and total == (seeds_analysis.labels[S.ACTOR] == actor).sum()
    answers = seeds_analysis.frame_answers
    article = answers[S.ARTICLE_ID].iloc[0]
    assert len(framing.answers(seeds_analysis, article)) == (answers[S.ARTICLE_ID] == article).sum()
    assert framing.answers(seeds_analysis)[S.HEADLINE].all()
