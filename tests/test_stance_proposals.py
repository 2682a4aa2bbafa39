"""Objects and proposed topics (analysis.stance.proposals): what stance predicates are
about in the parse, counted per outlet, and the topics proposed from them."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.pipeline import Settings, analyse
from analysis.stance import add_topic, default_topics, proposed_topics
from analysis.stance.proposals import object_counts, object_terms, object_terms_of
from analysis.tables import Analysis


def test_counts_per_outlet_add_up_to_the_terms_of_all_articles(seeds_analysis: Analysis) -> None:
    objects, articles = seeds_analysis.stance_objects, seeds_analysis.articles
    counts = object_counts(objects, articles)
    assert set(counts.articles[S.OUTLET]) <= set(articles[S.OUTLET])
    assert counts.cues["statements"].sum() == len(objects)
    for least in (1, 2):
        pdt.assert_frame_equal(
            object_terms_of(counts, min_articles=least), object_terms(objects, min_articles=least)
        )
    every = object_terms(objects, min_articles=1)
    assert (every["statements"] >= every[S.ARTICLES]).all()
    assert len(object_terms(objects)) < len(every)  # most terms are in one article


def test_the_objects_of_stance_predicates_come_from_the_parse(seeds_analysis: Analysis) -> None:
    objects = seeds_analysis.stance_objects
    assert tuple(objects.columns) == S.STANCE_OBJECT_COLUMNS
    pairs = set(zip(objects[S.CUE].str.lower(), objects[S.TERM], strict=True))
    assert ("proposed", "ceasefire") in pairs and ("rejected", "draft framework") in pairs
    articles = seeds_analysis.articles
    text = dict(zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True))
    for row in objects.itertuples(index=False):  # the offsets point at the object's head
        assert (
            text[row.article_id][row.start : row.end].lower().startswith(row.term.split()[-1][:4])
        )


def test_topics_the_corpus_argues_about_are_proposed_and_added(corpus_dev_corpus: Corpus) -> None:
    """With only the built-in topics, the trade story's tariffs are proposed; accepted, the
    topic has statements."""
    tables = analyse(corpus_dev_corpus)
    proposed = proposed_topics(tables.stance_objects, topics=default_topics())
    assert "tariff" in set(proposed[S.TERM])
    assert not {"talk", "ceasefire", "negotiation"} & set(proposed[S.TERM])  # already topics
    assert (proposed[S.ARTICLES] >= 2).all()
    tariff = proposed[proposed[S.TERM] == "tariff"].iloc[0]
    topics = add_topic(default_topics(), "tariff", tariff["suggested"])
    stance = analyse(corpus_dev_corpus, Settings(topics=topics)).stance
    assert (stance[S.TOPIC] == "tariff").sum() >= 3
    assert add_topic(topics, "tariff", "x") == topics


def test_no_stance_objects_propose_no_topic() -> None:
    for objects in (pd.DataFrame(), pd.DataFrame(columns=list(S.STANCE_OBJECT_COLUMNS))):
        proposed = proposed_topics(objects)
        assert proposed.empty
        assert {S.TERM, "statements", S.ARTICLES, "cues", "suggested"} <= set(proposed.columns)
