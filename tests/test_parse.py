"""The parse backbone: spaCy's English pipeline, our sentences, the parse kept on disk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import parse as P
from analysis import schema as S
from analysis.actors import parse_registry
from analysis.cache import DiskCache
from analysis.corpus import Corpus
from analysis.pipeline import Settings, analyse
from analysis.text import sentences


def test_a_run_of_punctuation_is_parsed_in_bounded_time() -> None:
    """spaCy's tokeniser takes time growing with the square of a token's length (100,000
    apostrophes took minutes): such runs are blanked before parsing, offsets kept."""
    text = "Officials said. " + "'" * 100_000 + " The talks end."
    articles = pd.DataFrame({S.ARTICLE_ID: ["a"], S.TEXT: [text]})
    doc = P.parse(articles, sentences(articles))["a"]
    assert len(doc.text) == len(text) and doc.text.endswith("The talks end.")


def test_the_model_is_the_official_release_or_its_re_upload() -> None:
    assert P.model_package() in P.MODEL_PACKAGES
    meta = P.nlp().meta
    assert meta["name"].startswith("core_web_sm") and meta["version"].startswith("3.8")
    assert not set(P.UNUSED_COMPONENTS) & set(P.nlp().pipe_names)
    assert {"parser", "ner", "tagger", "lemmatizer"} <= set(P.nlp().pipe_names)


def test_the_parse_keeps_the_sentences_and_offsets_of_the_text(seeds_corpus: Corpus) -> None:
    articles = seeds_corpus.articles
    table = sentences(articles)
    docs = P.parse(articles, table)
    assert set(docs) == set(articles[S.ARTICLE_ID])
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        doc = docs[identifier]
        assert doc.text == text
        own = table[table[S.ARTICLE_ID] == identifier]
        assert [s.start_char for s in doc.sents] == own[S.START].tolist()
        for entity in doc.ents:
            assert text[entity.start_char : entity.end_char] == entity.text


def test_the_parse_finds_people_and_places_of_real_news(seeds_corpus: Corpus) -> None:
    articles = seeds_corpus.articles
    docs = P.parse(articles, sentences(articles))
    labels = {(e.text, e.label_) for doc in docs.values() for e in doc.ents}
    assert ("Vladimir Putin", "PERSON") in labels
    assert any(label == "GPE" and text == "Ukraine" for text, label in labels)


def test_a_reopened_corpus_is_not_parsed_again(
    seeds_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parses are kept by article: an analysis with other settings (a registry edited on
    the Actors page) reads them from the disk cache instead of parsing."""
    cache = DiskCache(tmp_path)
    first = analyse(seeds_corpus, cache=cache)
    assert first.analysis_errors.empty

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(P, "_with_sentences", no_parsing)
    timings: dict[str, float] = {}
    other = analyse(
        seeds_corpus, Settings(registry=parse_registry("")), cache=cache, timings=timings
    )
    assert "mentions" in timings  # analysed again (other settings) ...
    assert other.analysis_errors.empty  # ... from the stored parses
    assert len(other.mentions)
