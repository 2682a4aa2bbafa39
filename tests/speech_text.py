"""One article's quotes and speech lookup, made of a text parsed as the analysis parses it
with an empty registry (every actor found in the text): shared by the tests of quotes,
attribution and coreference."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.actors import find_mentions, parse_registry
from analysis.corpus import build_corpus
from analysis.ingest import Document, IngestResult
from analysis.parse import parse
from analysis.quotes import find_quotes
from analysis.speech import ArticleSpeech
from analysis.text import sentences


def quotes_and_speech(
    text: str, *, ranked: bool = True, **speech: bool
) -> tuple[pd.DataFrame, ArticleSpeech]:
    """The quotes of one article made of ``text`` (``ranked``: with the learned speaker
    ranker) and its speech lookup (``speech``: options of :meth:`ArticleSpeech.build`)."""
    document = Document(text=text, source="inline.txt", outlet="Test")
    corpus = build_corpus(IngestResult([document]), clean=False, min_words=1)
    found = sentences(corpus.articles)
    docs = parse(corpus.articles, found)
    empty = parse_registry("")
    mentions = find_mentions(corpus.articles, found, docs=docs, registry=empty)
    quotes = find_quotes(corpus.articles, found, mentions, docs=docs, registry=empty, ranked=ranked)
    identifier = corpus.articles[S.ARTICLE_ID].iloc[0]
    lookup = ArticleSpeech.build(
        corpus.articles[S.TEXT].iloc[0], found, mentions, empty, docs[identifier], **speech
    )
    return quotes, lookup
