"""Marks on one article: at the offsets of the tables, cut into pieces that cover the text."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.framing import term_hits
from analysis.marks import ACTOR, KEYWORD, QUOTE, SPELLING, TERM, article_marks, segments
from analysis.spelling import variant_hits
from analysis.tables import Analysis
from tests.conftest import seed_id, seed_text


def _marks(corpus: Corpus, analysis: Analysis, number: str) -> pd.DataFrame:
    articles = corpus.articles
    return article_marks(
        seed_id(corpus, number),
        seed_text(corpus, number),
        sentiment=analysis.actor_sentiment,
        quotes=analysis.quotes,
        term_hits=term_hits(articles, analysis.sentences),
        variant_hits=variant_hits(articles),
        keywords=analysis.keywords,
    )


def test_every_mention_quote_and_variant_of_seed_001_is_marked_at_its_offsets(
    seeds_corpus: Corpus, seeds_analysis: Analysis
) -> None:
    marks = _marks(seeds_corpus, seeds_analysis, "001")
    text = seed_text(seeds_corpus, "001")
    article = seed_id(seeds_corpus, "001")
    for kind, table in (
        (ACTOR, seeds_analysis.actor_sentiment),
        (QUOTE, seeds_analysis.quotes),
        (SPELLING, variant_hits(seeds_corpus.articles)),
    ):
        expected = table[table[S.ARTICLE_ID] == article][[S.START, S.END]]
        got = marks[marks[S.KIND] == kind][[S.START, S.END]]
        assert sorted(map(tuple, got.to_numpy())) == sorted(map(tuple, expected.to_numpy()))
        assert len(got) > 0, kind
    spellings = marks[marks[S.KIND] == SPELLING]
    assert {text[s:e] for s, e in zip(spellings[S.START], spellings[S.END], strict=True)} >= {
        "Zelenskiy",
        "Turkey",
    }
    for row in marks[marks[S.KIND] == ACTOR].itertuples(index=False):
        assert "polarity" in row.detail
    assert {TERM, KEYWORD} <= set(marks[S.KIND])


def test_segments_cover_the_text_in_order_and_nest_overlaps() -> None:
    text = 'He said: "Putin met Zelenskyy" today.'
    marks = pd.DataFrame(
        {
            S.KIND: [QUOTE, ACTOR, SPELLING],
            S.START: [9, 10, 20],
            S.END: [30, 15, 29],
            S.LABEL: ["x", "Putin", "Zelensky"],
            S.DETAIL: ["", "", ""],
        }
    )
    pieces = segments(text, marks)
    assert "".join(text[p.start : p.end] for p in pieces) == text
    by_text = {text[p.start : p.end]: p.marks for p in pieces}
    assert by_text["Putin"] == (0, 1)
    assert by_text["Zelenskyy"] == (0, 2)
    assert by_text[" today."] == ()
