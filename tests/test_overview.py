"""analysis.overview: outlet cards and the timeline, on the seeds and corpus-dev."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as S
from analysis.aggregate import house_styles, term_summary, voice_summary
from analysis.keywords import outlet_keywords
from analysis.overview import (
    SECTIONS,
    actors_by_mentions,
    outlet_cards,
    shared_terms,
    timeline,
    timeline_period,
)
from analysis.tables import Analysis
from analysis.views.overview import default_outlets, default_said

WORLD_BULLETIN = "World Bulletin (Anadolu Agency copy)"
OUTLETS = ["News Guru", "The Daily Intake", WORLD_BULLETIN]


def article_of(analysis: Analysis, outlet: str) -> str:
    """The id of the (only) seed article of ``outlet``."""
    articles = analysis.articles
    return str(articles[articles[S.OUTLET] == outlet][S.ARTICLE_ID].iloc[0])


def _facts(cards: pd.DataFrame, outlet: str, section: str) -> pd.DataFrame:
    return cards[(cards[S.OUTLET] == outlet) & (cards[S.SECTION] == section)]


def test_three_cards_whose_facts_match_the_tables(seeds_analysis: Analysis) -> None:
    cards = outlet_cards(seeds_analysis)
    assert sorted(cards[S.OUTLET].unique()) == OUTLETS
    articles = seeds_analysis.articles
    styles = house_styles(seeds_analysis.spellings, articles)
    summary = seeds_analysis.actor_summary
    voices = voice_summary(seeds_analysis.quotes, articles)
    terms = term_summary(seeds_analysis.terms, articles)
    words = outlet_keywords(seeds_analysis.keywords, articles, top=4)
    for outlet in OUTLETS:
        own = articles[articles[S.OUTLET] == outlet]
        facts = _facts(cards, outlet, "articles").set_index(S.ITEM)
        assert facts.at["words", S.COUNT] == own[S.N_WORDS].sum()
        assert facts.at["dates", S.VALUE] == str(own[S.PUBLISHED].iloc[0].date())
        spelling = _facts(cards, outlet, "spelling")
        expected = styles[styles[S.OUTLET] == outlet]
        assert dict(
            zip(spelling[S.ITEM], spelling[S.VALUE].str.split(" ").str[0], strict=True)
        ) == dict(zip(expected[S.GROUP], expected["style"], strict=True))
        sentiment = _facts(cards, outlet, "sentiment")
        top = summary[summary[S.OUTLET] == outlet].nlargest(4, S.MENTIONS, keep="first")
        assert dict(zip(sentiment[S.ITEM], sentiment[S.COUNT], strict=True)) == dict(
            zip(top[S.ACTOR], top[S.MENTIONS].astype(float), strict=True)
        )
        quoted = _facts(cards, outlet, "quotes")
        speakers = voices[voices[S.OUTLET] == outlet].nlargest(4, S.WORDS, keep="first")
        assert quoted[S.ITEM].tolist() == speakers[S.SPEAKER].tolist()
        assert quoted[S.VALUE].tolist() == speakers["verbs"].tolist()
        used = _facts(cards, outlet, "contested terms")
        counts = terms[terms[S.OUTLET] == outlet].set_index(S.TERM)[S.COUNT]
        assert all(counts[row.item] == row.count for row in used.itertuples())
        assert _facts(cards, outlet, "keywords")[S.ITEM].tolist() == (
            words[words[S.OUTLET] == outlet][S.KEYWORD].tolist()
        )
    # the spellings the three seeds are known for
    spelling = cards[cards[S.SECTION] == "spelling"].set_index([S.OUTLET, S.ITEM])[S.VALUE]
    assert spelling[(WORLD_BULLETIN, "Zelensky")] == "Zelenskyy"
    assert spelling[("The Daily Intake", "Zelensky")] == "Zelenskiy"
    assert spelling[("News Guru", "Zelensky")] == "Zelensky"
    assert spelling[("The Daily Intake", "Türkiye")] == "Turkey (also Türkiye 1)"
    assert list(dict.fromkeys(cards[S.SECTION])) == list(SECTIONS)


def test_timeline_counts_articles_and_the_actor_per_period(
    seeds_analysis: Analysis,
) -> None:
    articles, sentiment = seeds_analysis.articles, seeds_analysis.actor_sentiment
    assert timeline_period(articles[S.PUBLISHED]) == "month"  # 2022 to 2025
    actor = actors_by_mentions(seeds_analysis.actor_summary)[0]
    assert actor == sentiment[S.ACTOR].value_counts().index[0]
    frame = timeline(articles, sentiment, actor="Zelensky")
    assert list(frame.columns) == list(S.TIMELINE_COLUMNS)
    assert frame[S.ARTICLES].sum() == 3
    assert frame[S.MENTIONS].sum() == (sentiment[S.ACTOR] == "Zelensky").sum()
    assert frame[S.DATE].tolist() == [pd.Timestamp("2022-02-01")] + [pd.Timestamp("2025-05-01")] * 2
    world = frame[frame[S.OUTLET] == WORLD_BULLETIN].iloc[0]
    own = sentiment[
        (sentiment[S.ARTICLE_ID] == article_of(seeds_analysis, WORLD_BULLETIN))
        & (sentiment[S.ACTOR] == "Zelensky")
    ]
    assert world[S.MEAN_POLARITY] == pytest.approx(own[S.POLARITY].mean())
    daily = timeline(articles, sentiment, actor="Zelensky", period="day")
    assert daily[S.DATE].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-02-25",
        "2025-05-12",
        "2025-05-12",
    ]


def test_timeline_leaves_out_undated_articles(seeds_analysis: Analysis) -> None:
    articles = seeds_analysis.articles.copy()
    articles.loc[0, S.PUBLISHED] = pd.NaT
    frame = timeline(articles, seeds_analysis.actor_sentiment, actor="Putin")
    assert frame[S.ARTICLES].sum() == 2
    assert timeline_period(articles[S.PUBLISHED]) == "day"  # both dates are 2025-05-12
    nothing = timeline(
        articles.assign(**{S.PUBLISHED: pd.NaT}), seeds_analysis.actor_sentiment, actor="Putin"
    )
    assert nothing.empty and list(nothing.columns) == list(S.TIMELINE_COLUMNS)


def test_cards_on_many_outlets_cover_every_outlet(corpus_dev_analysis: Analysis) -> None:
    cards = outlet_cards(corpus_dev_analysis)
    assert set(cards[S.OUTLET]) == set(corpus_dev_analysis.articles[S.OUTLET])


def test_a_contested_term_every_outlet_uses_is_no_card_fact(seeds_analysis: Analysis) -> None:
    """Issue 44: every card's contested term was the story's own word, used by all."""
    terms = term_summary(seeds_analysis.terms, seeds_analysis.articles)
    every = {t for t, rows in terms.groupby(S.TERM) if rows[S.OUTLET].nunique() == len(OUTLETS)}
    assert every  # the seeds have such a term
    cards = outlet_cards(seeds_analysis)
    shown = set(cards[cards[S.SECTION] == "contested terms"][S.ITEM])
    assert not shown & every
    one = seeds_analysis.articles[seeds_analysis.articles[S.OUTLET] == "News Guru"]
    single = term_summary(seeds_analysis.terms, one)
    assert shared_terms(single, 1).sum() == 0  # one outlet: its terms are its facts


def test_the_overview_opens_on_the_largest_outlets_and_says_so(
    corpus_dev_analysis: Analysis,
) -> None:
    """Issue 44: with one article an outlet, the Overview opened on the first six by name."""
    articles = corpus_dev_analysis.articles
    chosen = default_outlets(articles)
    words = articles.groupby(S.OUTLET)[S.N_WORDS].sum().sort_values(ascending=False)
    assert set(chosen) == set(words.index[: len(chosen)])
    assert chosen != sorted(articles[S.OUTLET].drop_duplicates())[: len(chosen)]
    said = default_said(articles)
    assert said.startswith("Shown first: the 6 of 30 outlets with the most articles")
    assert said.endswith("choose others below.")
    assert default_said(articles.head(3)) == ""
    two = pd.concat([articles, articles.head(1).assign(**{S.ARTICLE_ID: "x"})])
    assert articles[S.OUTLET].iloc[0] in default_outlets(two)


def test_no_card_shows_distinctive_terms_of_an_outlet_with_too_little_text(
    corpus_dev_analysis: Analysis,
) -> None:
    """Issue 44: the distinctive terms of one-article outlets are noise."""
    from analysis.keywords import outlets_with_words

    cards = outlet_cards(corpus_dev_analysis)
    enough = outlets_with_words(corpus_dev_analysis.articles)
    shown = set(cards[cards[S.SECTION] == "distinctive terms"][S.OUTLET])
    assert shown and shown <= set(enough.index[enough])
