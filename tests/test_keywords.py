"""analysis.keywords: keywords of a text (words, YAKE phrases), outlet keywords merged by lemma,
keywords in context and Fightin' Words distinctive terms."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import schema as S
from analysis.actors import default_registry
from analysis.keywords import (
    WORD,
    YAKE_WORDS,
    add_term_counts,
    context_pattern,
    distinctive_from_counts,
    distinctive_terms,
    extract_keywords,
    frequent_terms,
    keyword_in_context,
    lead,
    merged_by_lemma,
    normalise_term,
    outlet_keywords,
    term_counts,
    terms,
    word_keywords,
)
from tests.conftest import SHARED


def test_word_keywords_weigh_rare_words_above_common_ones() -> None:
    text = "Officials said talks said talks. Medinsky Medinsky said the delegation would stay."
    ranked = [word for word, _ in word_keywords(text)]
    assert ranked[0] == "medinsky"
    assert "said" not in ranked  # too common in English to be a keyword
    assert ranked.index("talks") < ranked.index("delegation")


def test_outlet_keywords_average_over_an_outlets_articles() -> None:
    articles = pd.DataFrame({S.ARTICLE_ID: ["a", "b"], S.OUTLET: ["X", "X"]})
    keywords = pd.DataFrame(
        [
            ("a", "talks", "talks", "word", None, 3.0, 1),
            ("b", "truce", "truce", "word", None, 2.0, 2),
        ],
        columns=list(S.KEYWORD_COLUMNS),
    )
    frame = outlet_keywords(keywords, articles).set_index(S.KEY)
    assert frame.loc["talk", S.SCORE] == 0.5 and frame.loc["truce", S.SCORE] == 0.25


def test_keyword_in_context_finds_every_spelling(seeds_corpus, seeds_sentences) -> None:  # type: ignore[no-untyped-def]
    found = keyword_in_context(
        seeds_sentences, seeds_corpus.articles, "zelensky", registry=default_registry()
    )
    assert found[S.OUTLET].nunique() == 3
    surfaces = {t[a:b] for t, a, b in zip(found[S.TEXT], found[S.START], found[S.END], strict=True)}
    assert {"Zelenskyy", "Zelenskiy", "Zelensky"} <= {s.split()[-1] for s in surfaces}
    phrase = keyword_in_context(seeds_sentences, seeds_corpus.articles, "direct talks")
    assert not phrase.empty
    for text, start, end in zip(phrase[S.TEXT], phrase[S.START], phrase[S.END], strict=True):
        assert text[start:end].lower() == "direct talks"


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


def test_yake_reads_the_lead_up_to_a_sentence_end() -> None:
    text = 'Putin spoke first. Zelensky said "no." Erdogan waited.\nThe talks ended.'
    assert lead(text, 3) == "Putin spoke first."
    assert lead(text, 4) == 'Putin spoke first. Zelensky said "no."'
    assert lead(text, 7) == 'Putin spoke first. Zelensky said "no." Erdogan waited.'
    assert lead(text, 100) == text
    long = " ".join(f"Sentence number {i} about the Istanbul talks." for i in range(200))
    phrases = {k for k, _ in extract_keywords(long)}
    assert phrases == {k for k, _ in extract_keywords(lead(long, YAKE_WORDS), max_words=None)}


def test_terms_used_more_often_are_those_scored_with_a_higher_minimum(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    articles = seeds_corpus.articles
    scored = distinctive_terms(articles)
    for minimum in (4, 7):
        made = distinctive_terms(articles, min_count=minimum)
        assert 0 < len(made) < len(scored)
        pd.testing.assert_frame_equal(frequent_terms(scored, minimum), made)


def test_term_counts_of_parts_add_up_to_the_whole(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    articles = seeds_corpus.articles
    total: dict = {}
    for position in range(len(articles)):
        add_term_counts(total, term_counts(articles.iloc[position : position + 1]))
    whole = term_counts(articles)
    assert total == whole
    assert [list(c) for c in total.values()] == [list(c) for c in whole.values()]  # same order
    pd.testing.assert_frame_equal(distinctive_from_counts(total), distinctive_terms(articles))


NAMES_TEXT = (
    "Pakistan Confirms Ceasefire With India\n\n"
    "Foreign Minister Ishaq Dar said on Saturday that Pakistan and India agreed to a "
    "ceasefire. Dar said the deal holds. Prime Minister Shehbaz Sharif thanked the mediators."
)


def test_a_persons_name_is_one_keyword() -> None:
    """Issue 44: "ishaq" and "dar" were two keywords."""
    found = dict(word_keywords(NAMES_TEXT, names=True))
    assert "ishaq dar" in found and "shehbaz sharif" in found
    assert not {"ishaq", "dar", "shehbaz", "sharif"} & set(found)
    assert found["ishaq dar"] > found["shehbaz sharif"]  # "Dar" alone counts for him
    assert "confirms ceasefire" not in found  # a title-case headline's capitals are no name
    assert "ishaq" in dict(word_keywords(NAMES_TEXT))  # the single words, as benchmarked
    text = "Officials said on Tuesday that Russia's Vladimir Putin spoke with reporters."
    possessive = dict(word_keywords(text, names=True))
    assert "vladimir putin" in possessive and "russia's vladimir putin" not in possessive


def test_outlet_keywords_merge_the_forms_of_a_word() -> None:
    """Issue 44: "agree" and "agreed" were two keywords."""
    keywords = pd.DataFrame(
        {
            S.ARTICLE_ID: ["a", "b", "c"],
            S.KEYWORD: ["agreed", "agree", "agreed"],
            S.KEY: ["agreed", "agree", "agreed"],
            S.KIND: WORD,
            S.YAKE_SCORE: float("nan"),
            S.WEIGHT: 1.0,
            S.RANK: 1,
        }
    )
    articles = pd.DataFrame({S.ARTICLE_ID: ["a", "b", "c"], S.OUTLET: ["X", "Y", "Y"]})
    merged = outlet_keywords(keywords, articles)
    assert merged[S.KEY].tolist() == ["agree", "agree"]
    assert merged_by_lemma(pd.Series(["stated", "stating"])).nunique() == 1
    assert merged_by_lemma(pd.Series(["united"])).tolist() == ["united"]  # no form of "unit"


def test_a_merged_keyword_finds_every_form_in_context(seeds_corpus, seeds_sentences) -> None:  # type: ignore[no-untyped-def]
    found = keyword_in_context(seeds_sentences, seeds_corpus.articles, "agree")
    surfaces = {t[a:b] for t, a, b in zip(found[S.TEXT], found[S.START], found[S.END], strict=True)}
    assert {"agree", "agreed"} <= surfaces
    assert re.search(context_pattern("state") or "", "stating")


COMMON_NAMES_TEXT = (
    "Republican nominee Donald Trump attacked Hillary Clinton on Monday. Trump's campaign "
    "said Clinton's record was weak, and Hillary answered that President Barack Obama backed "
    "her. Democrat Hillary Clinton leads in the polls, Obama's aides said."
)


def test_a_name_of_common_words_is_one_keyword_with_its_parts() -> None:
    """Issue 44: a name of words common in general English ("Donald Trump": "trump" is a
    word) was split, and a first name ("hillary") or a possessive ("clinton's") stood as a
    keyword beside the full name."""
    found = dict(word_keywords(COMMON_NAMES_TEXT, names=True))
    assert {"donald trump", "hillary clinton", "barack obama"} <= set(found)
    alone = {"donald", "trump", "hillary", "clinton", "barack", "obama", "trump's", "clinton's"}
    assert not alone & set(found)
    assert not {k for k in found if k.startswith(("president ", "democrat "))}
    assert found["hillary clinton"] > found["donald trump"]  # "Clinton's", "Hillary" count


def test_no_first_name_or_surname_beside_the_full_name_on_polnear() -> None:
    """The same on a real article nobody tuned for (PolNeAR dev)."""
    path = (
        SHARED / "bench/polnear/dev/text/wash-post_2016-09-29_the-real-trump-showed-up-at-deba.txt"
    )
    if not path.exists():
        pytest.skip(f"{path} is absent (PolNeAR in ../shared/bench)")
    found = [word for word, _ in word_keywords(path.read_text(encoding="utf-8"), names=True)]
    assert {"donald trump", "hillary clinton"} <= set(found)
    assert not {"donald", "trump", "hillary", "clinton"} & set(found)
