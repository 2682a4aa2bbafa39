"""Helpers of the stance tests (``tests/test_stance*.py``): the stance table of one article
made of a text, and a stance table's statements as (actor, topic, stance) triples."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.actors import find_mentions
from analysis.corpus import build_corpus
from analysis.ingest import read_text
from analysis.parse import parse
from analysis.quotes import find_quotes
from analysis.stance import Topics, default_topics, find_stance
from analysis.tables import Analysis
from analysis.text import sentences


def stance_of(text: str, topics: Topics | None = None) -> pd.DataFrame:
    """The stance table of one article made of ``text``, parsed as the analysis parses it
    (the default topics unless given)."""
    corpus = build_corpus(read_text("article.txt", text), min_words=1, clean=False)
    found = sentences(corpus.articles)
    docs = parse(corpus.articles, found)
    mentions = find_mentions(corpus.articles, found, docs=docs)
    quotes = find_quotes(corpus.articles, found, mentions, docs=docs)
    return find_stance(
        corpus.articles, found, mentions, quotes, topics=topics or default_topics(), docs=docs
    )


def rows_of(stance: pd.DataFrame) -> set[tuple[str, str, str]]:
    """The (actor, topic, stance) triples of a stance table."""
    return set(zip(stance[S.ACTOR], stance[S.TOPIC], stance[S.STANCE], strict=True))


def stances_in(analysis: Analysis, sentence: str) -> set[tuple[str, str, str]]:
    """The (actor, topic, stance) triples of the statements whose evidence holds
    ``sentence``."""
    stance = analysis.stance
    return rows_of(stance[stance[S.EVIDENCE].str.contains(sentence, regex=False)])
