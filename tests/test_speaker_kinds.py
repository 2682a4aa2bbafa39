"""Tests of analysis/speaker_kinds.py: the kind of voice of each quote, per outlet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema as S
from analysis.speaker_kinds import (
    ANONYMOUS,
    KIND_COLUMNS,
    KNOWN_ROLES,
    ROLES,
    UNATTRIBUTED,
    article_roles,
    context_role,
    normalised_entropy,
    outlet_roles,
    role_words,
    speaker_roles,
    voice_diversity,
    voice_kinds,
)
from analysis.tables import Analysis


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            '"It is over," Kremlin spokesman Dmitry Peskov told reporters.',
            "Dmitry Peskov",
            "official",
        ),
        (
            '"Rates will fall," said Jane Roe, a professor of economics at a university.',
            "Jane Roe",
            "expert",
        ),
        ("Senator John Doe said the bill would pass.", "John Doe", "politician"),
        (
            '"We lost everything," said Maria Lopez, a 45-year-old resident.',
            "Maria Lopez",
            "citizen",
        ),
        ("John Smith of the Brookings Institution said it was unlikely.", "John Smith", "expert"),
        (
            "Mary Major, a correspondent for the paper, wrote that it ended.",
            "Mary Major",
            "journalist",
        ),
    ],
)
def test_the_role_word_next_to_the_name_decides(sentence: str, name: str, role: str) -> None:
    found = context_role(sentence, name)
    assert found is not None
    assert found[0].role == role


def test_a_verb_phrase_after_a_comma_is_no_description() -> None:
    # "told reporters" is what the speaker did, not what the speaker is
    assert (
        context_role(
            "Vladimir Putin, speaking to reporters, said talks would go on.", "Vladimir Putin"
        )
        is None
    )
    assert context_role("Nobody here said anything.", "Vladimir Putin") is None


def test_the_role_words_are_generic() -> None:
    words = role_words()
    assert set(words.kinds) == set(KNOWN_ROLES) - {ANONYMOUS}
    every = [word for listed in words.kinds.values() for word in listed]
    assert all(word == word.lower() for word in every)
    assert len(every) == len(set(every))


def _quotes(analysis: Analysis) -> pd.DataFrame:
    roles = speaker_roles(analysis.quotes, analysis.sentences, analysis.labels, analysis.articles)
    # the pipeline's speaker_roles table is the same reading, article by article
    stored = outlet_roles(
        analysis.speaker_roles, analysis.quotes, analysis.labels, analysis.articles
    )
    pd.testing.assert_frame_equal(roles, stored)
    return roles


def test_seed_speakers_get_the_kind_their_titles_give(seeds_analysis: Analysis) -> None:
    roles = _quotes(seeds_analysis)
    assert len(roles) == len(seeds_analysis.quotes)
    assert set(roles[S.ROLE]) <= {*ROLES, UNATTRIBUTED}
    by_speaker = roles.groupby(S.SPEAKER)[S.ROLE].agg(lambda r: r.value_counts().index[0])
    heads = [s for s in ("Zelensky", "Putin", "Erdoğan", "Trump") if s in by_speaker.index]
    assert heads, "the seeds quote a head of state"
    assert all(by_speaker[s] == "politician" for s in heads)
    unnamed = seeds_analysis.quotes[S.SPEAKER_KIND] == ANONYMOUS
    assert (roles.loc[unnamed.to_numpy(), S.ROLE] == ANONYMOUS).all()


def test_corpus_dev_voices_are_mostly_officials_and_politicians(
    corpus_dev_analysis: Analysis,
) -> None:
    analysis = corpus_dev_analysis
    roles = _quotes(analysis)
    known = roles[roles[S.ROLE].isin(KNOWN_ROLES)]
    # talks between governments: officials and politicians speak most, few are unknown
    assert known[S.ROLE].isin(["official", "politician"]).mean() > 0.6
    assert (roles[S.ROLE] == "unknown").mean() < 0.1
    ministries = roles[roles[S.SPEAKER].str.contains("Ministry")]
    assert len(ministries) and (ministries[S.ROLE] == "official").all()
    kinds = voice_kinds(roles, analysis.quotes, analysis.articles)
    assert list(kinds.columns) == list(KIND_COLUMNS)
    sums = kinds.groupby(S.OUTLET)[[S.SHARE_QUOTES, S.SHARE_WORDS]].sum()
    assert np.allclose(sums.to_numpy(), 1.0)
    attributed = roles[S.ROLE] != UNATTRIBUTED
    assert kinds[S.QUOTES].sum() == attributed.sum()


def test_diversity_has_an_interval_around_it_and_groups_add_up(
    corpus_dev_analysis: Analysis,
) -> None:
    analysis = corpus_dev_analysis
    roles = _quotes(analysis)
    diversity = voice_diversity(roles, analysis.quotes, analysis.articles, resamples=200)
    rated = diversity.dropna(subset=[S.KIND_DIVERSITY])
    assert len(rated) > 10
    assert ((rated[S.KIND_DIVERSITY] >= 0) & (rated[S.KIND_DIVERSITY] <= 1)).all()
    # one article an outlet: no variation between articles, so no interval
    assert diversity[S.CI_LOW].isna().all()
    outlets = sorted(analysis.articles[S.OUTLET].unique())
    groups = {
        outlet: ("first half" if i < len(outlets) / 2 else "second half")
        for i, outlet in enumerate(outlets)
    }
    grouped = voice_kinds(roles, analysis.quotes, analysis.articles, groups=groups)
    assert set(grouped[S.OUTLET]) == {"first half", "second half"}
    assert (
        grouped[S.QUOTES].sum()
        == voice_kinds(roles, analysis.quotes, analysis.articles)[S.QUOTES].sum()
    )
    pooled = voice_diversity(
        roles, analysis.quotes, analysis.articles, groups=groups, resamples=200
    )
    # fifteen articles a group: an interval around the pooled diversity, not a point
    assert (pooled[S.CI_LOW] <= pooled[S.KIND_DIVERSITY] + 1e-9).all()
    assert (pooled[S.CI_HIGH] >= pooled[S.KIND_DIVERSITY] - 1e-9).all()
    assert (pooled[S.CI_HIGH] - pooled[S.CI_LOW] > 0.01).all()
    # a group has at least the distinct speakers of each of its outlets
    most = (
        diversity.assign(group=diversity[S.OUTLET].map(groups)).groupby("group")[S.SPEAKERS].max()
    )
    assert (pooled.set_index(S.OUTLET)[S.SPEAKERS] >= most).all()
    assert pooled[S.ARTICLES].sum() == len(analysis.articles)


def test_normalised_entropy_is_zero_for_one_kind_and_one_for_an_even_spread() -> None:
    assert normalised_entropy(np.array([5, 0, 0]), 3)[0] == pytest.approx(0.0)
    assert normalised_entropy(np.array([2, 2, 2]), 3)[0] == pytest.approx(1.0)
    assert np.isnan(normalised_entropy(np.array([0, 0, 0]), 3)[0])


def test_no_quotes_make_empty_tables() -> None:
    empty = pd.DataFrame(columns=list(S.QUOTE_COLUMNS))
    articles = pd.DataFrame({S.ARTICLE_ID: ["a"], S.OUTLET: ["X"]})
    roles = speaker_roles(
        empty,
        pd.DataFrame(columns=list(S.SENTENCE_COLUMNS)),
        pd.DataFrame(columns=list(S.LABEL_COLUMNS)),
        articles,
    )
    assert roles.empty
    assert voice_kinds(roles, empty, articles).empty
    assert voice_diversity(roles, empty, articles).empty


def test_a_speaker_for_a_body_with_no_role_word_is_an_official() -> None:
    quote = {
        S.ARTICLE_ID: "a",
        S.QUOTE_ID: 0,
        S.SENT_ID: 0,
        S.SPEAKER: "John Doe",
        S.SPEAKER_TEXT: "John Doe",
        S.SPEAKER_VIA: "actor",
        S.SPEAKER_KIND: "person",
        S.ON_BEHALF_OF: "",
    }
    sentences = pd.DataFrame(
        {S.ARTICLE_ID: ["a"], S.SENT_ID: [0], S.TEXT: ['"We will see," John Doe said.']}
    )
    labels = pd.DataFrame(columns=list(S.LABEL_COLUMNS))
    alone = article_roles(pd.DataFrame([quote]), sentences, labels)
    assert alone[S.ROLE].tolist() == ["unknown"]
    speaking = article_roles(
        pd.DataFrame([quote | {S.ON_BEHALF_OF: "Ministry"}]), sentences, labels
    )
    assert speaking[[S.ROLE, S.ROLE_CUE]].values.tolist() == [["official", "Ministry"]]
