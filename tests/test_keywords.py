"""analysis.keywords: YAKE keywords per article and Fightin' Words distinctive terms."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.keywords import (
    article_keywords,
    distinctive_terms,
    extract_keywords,
    normalise_term,
    terms,
)

BOILERPLATE_WORDS = (
    "recent news",
    "baloch",
    "catl",
    "pkk",
    "facebook",
    "whatsapp",
    "geneva trade talks",
    "read more",
    "breaking news",
)


def test_keywords_come_from_the_story_not_from_removed_boilerplate(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    keywords = article_keywords(seeds_corpus.articles)
    assert set(keywords[S.ARTICLE_ID]) == set(seeds_corpus.articles[S.ARTICLE_ID])
    for key in keywords["key"]:
        assert not any(word in key for word in BOILERPLATE_WORDS), key
    assert (keywords.groupby(S.ARTICLE_ID)["rank"].min() == 1).all()
    for _, group in keywords.groupby(S.ARTICLE_ID):
        assert group["yake_score"].is_monotonic_increasing  # lower = more important
        assert group["key"].is_unique
    assert "putin" in " ".join(keywords["key"])


def test_extract_keywords_handles_empty_text() -> None:
    assert extract_keywords("") == []
    assert extract_keywords("... 123 !!") == []


def test_normalise_term_folds_case_apostrophes_and_possessives() -> None:
    assert normalise_term("Putin’s  Offer") == "putin offer"
    assert normalise_term("KYIV") == "kyiv"


def test_terms_drop_stopwords_and_pair_adjacent_words() -> None:
    found = terms("The Kremlin rejected the ceasefire proposal, officials said.")
    assert "kremlin" in found and "the" not in found
    assert "ceasefire proposal" in found
    assert "proposal officials" not in found  # the comma separates them


def test_distinctive_terms_of_the_2022_article_are_about_the_invasion(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    articles = seeds_corpus.articles
    year = articles[S.PUBLISHED].dt.year.astype(str)
    frame = distinctive_terms(articles.assign(**{S.OUTLET: year}), min_count=1)
    assert list(frame.columns) == list(S.DISTINCTIVE_COLUMNS)
    z_2022 = frame[frame[S.OUTLET] == "2022"].set_index("term")["z"]
    for term in ("invasion", "swift", "europe", "war", "sanctions"):
        assert z_2022[term] > 0, term
    assert "europe" in set(z_2022.head(15).index)
    # words of the 2025 talks are under-used by the 2022 article
    assert z_2022["ceasefire"] < 0 and z_2022["trump"] < 0


def test_distinctive_terms_is_symmetric_for_two_groups() -> None:
    articles = pd.DataFrame(
        {
            S.OUTLET: ["A", "B"],
            S.TEXT: ["invasion invasion invasion war talks talks", "operation operation war talks"],
        }
    )
    frame = distinctive_terms(articles, min_count=1, bigrams=False).set_index([S.OUTLET, "term"])
    assert frame.loc[("A", "invasion"), "z"] > 0 > frame.loc[("B", "invasion"), "z"]
    assert abs(frame.loc[("A", "war"), "z"] + frame.loc[("B", "war"), "z"]) < 1e-9


def test_distinctive_terms_needs_two_groups() -> None:
    single = pd.DataFrame({S.OUTLET: ["A"], S.TEXT: ["some text here"]})
    assert distinctive_terms(single).empty
