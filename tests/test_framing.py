"""Framing: contested terms, the generic frames codebook and the labels of actors."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.actors import find_mentions, parse_registry
from analysis.aggregate import frame_summary, label_matrix, label_summary, term_summary
from analysis.corpus import Corpus, load_corpus
from analysis.framing import (
    FRAMES,
    codebook_summary,
    default_terms,
    find_frames,
    find_labels,
    find_terms,
    frame_answers,
    frame_questions,
    term_hits,
)
from analysis.pipeline import Settings, analyse
from analysis.text import sentences
from tests.conftest import CORPUS_DEV, seed_id
from tests.test_spelling import body_words


def _articles(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.ARTICLE_ID: [f"a{i}" for i in range(len(texts))],
            S.OUTLET: ["Test"] * len(texts),
            S.TITLE: [""] * len(texts),
            S.TEXT: list(texts),
            S.N_WORDS: [len(t.split()) for t in texts],
        }
    )


@pytest.fixture(scope="module")
def seeds_terms(seeds_corpus: Corpus, seeds_sentences: pd.DataFrame) -> pd.DataFrame:
    return find_terms(seeds_corpus.articles, seeds_sentences)


@pytest.fixture(scope="module")
def seeds_labels(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> pd.DataFrame:
    return find_labels(seeds_corpus.articles, seeds_sentences, seeds_mentions)


def test_invasion_and_military_operation_in_the_2022_article(
    seeds_corpus: Corpus, seeds_terms: pd.DataFrame
) -> None:
    used = seeds_terms[seeds_terms[S.ARTICLE_ID] == seed_id(seeds_corpus, "000")].set_index(S.TERM)
    assert used.loc["invasion", S.COUNT] >= 1
    assert used.loc["military operation", S.COUNT] == 1
    assert used.loc["military operation", S.QUOTED] == 0  # the outlet's own voice
    assert used.loc["invasion", S.QUOTED] == used.loc["invasion", S.COUNT]  # Zelenskyy's words
    assert "military operation" in used.loc["military operation", S.EXAMPLE]


def test_term_hits_have_exact_offsets_and_sentences(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame
) -> None:
    hits = term_hits(seeds_corpus.articles, seeds_sentences)
    texts = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    spans = seeds_sentences.set_index([S.ARTICLE_ID, S.SENT_ID])
    for row in hits.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.surface
        sentence = spans.loc[(row.article_id, row.sent_id)]
        assert sentence[S.START] <= row.start < sentence[S.END]


def test_term_summary_rates_per_thousand_words(
    seeds_corpus: Corpus, seeds_terms: pd.DataFrame
) -> None:
    summary = term_summary(seeds_terms, seeds_corpus.articles)
    words = seeds_corpus.articles.groupby(S.OUTLET)[S.N_WORDS].sum()
    for row in summary.itertuples(index=False):
        assert row.per_1000 == pytest.approx(1000 * row.count / words[row.outlet])
        assert row.own + row.quoted == row.count


def test_longest_term_wins_and_plurals_count() -> None:
    articles = _articles(
        'A trade war, not a war. The "special military operation" and two invasions.'
    )
    terms = find_terms(articles, sentences(articles)).set_index(S.TERM)
    assert terms.loc["trade war", S.COUNT] == 1
    assert terms.loc["war", S.COUNT] == 1
    assert terms.loc["special military operation", S.QUOTED] == 1
    assert "military operation" not in terms.index
    assert terms.loc["invasion", S.COUNT] == 1


def test_term_counts_match_independent_whole_word_counts(corpus_dev_corpus: Corpus) -> None:
    """Single-word terms that are no part of a longer term, counted by splitting into words."""
    articles = corpus_dev_corpus.articles
    terms = find_terms(articles, sentences(articles))
    phrases = [t for g in default_terms() for t in g.phrases]
    inner = {w.casefold() for t in phrases if " " in t or "-" in t for w in re.split("[ -]", t)}
    single = [t for t in phrases if t.isalpha() and t.casefold() not in inner]
    expected = {}
    for identifier, tokens in body_words(articles):
        for term in single:
            n = sum(tokens[term.casefold() + ending] for ending in ("", "s", "es"))
            if n:
                expected[(identifier, term)] = n
    found = {
        (a, t): n
        for a, t, n in zip(terms[S.ARTICLE_ID], terms[S.TERM], terms[S.COUNT], strict=True)
        if t in single and n
    }
    assert found == expected
    assert sum(expected.values()) > 50


def test_frames_codebook_and_scores(seeds_corpus: Corpus, seeds_sentences: pd.DataFrame) -> None:
    questions = frame_questions()
    assert len(questions) == 20 and {q.frame for q in questions} == set(FRAMES)
    answers = frame_answers(seeds_corpus.articles, seeds_sentences)
    assert len(answers) == 20 * len(seeds_corpus.articles)
    for row in answers[answers[S.ANSWER]].itertuples(index=False):
        assert row.cue.casefold() in row.evidence.casefold()
    frames = find_frames(answers)
    assert len(frames) == 5 * len(seeds_corpus.articles)
    assert frames[S.SCORE].between(0, 1).all()
    assert (frames[S.SCORE] == frames[S.YES] / frames[S.QUESTIONS]).all()
    conflict = frames[frames[S.FRAME] == "conflict"]
    assert (conflict[S.SCORE] >= 0.5).all()  # every seed reports a standoff and reproaches


def test_codebook_summary_counts_the_questions_of_the_data_file() -> None:
    summary = codebook_summary()
    for frame in FRAMES:
        asked = [q for q in frame_questions() if q.frame == frame]
        scored = sum(q.scored for q in asked)
        told = f"{frame} {len(asked)}" + ("" if scored == len(asked) else f" ({scored} scored")
        assert told in summary
    assert summary.startswith(f"{frame_questions()[0].frame} ")


def test_trade_story_scores_higher_on_economic_consequences(corpus_dev_corpus: Corpus) -> None:
    manifest = pd.read_csv(CORPUS_DEV / "manifest.csv")
    story = dict(zip(manifest["file"], manifest["story"], strict=True))
    articles = corpus_dev_corpus.articles
    frames = find_frames(frame_answers(articles, sentences(articles)))
    stories = articles.set_index(S.ARTICLE_ID)[S.SOURCE].map(lambda s: story[s.rsplit("/", 1)[-1]])
    frames["story"] = frames[S.ARTICLE_ID].map(stories)
    means = frames.groupby([S.FRAME, "story"])[S.SCORE].mean()
    assert (
        means["economic consequences", "geneva-trade-talks"]
        > means["economic consequences", "istanbul-talks"]
    )
    summary = frame_summary(frames, articles)
    assert set(summary[S.FRAME]) == set(FRAMES)


def test_trump_is_the_former_us_president_in_001_and_002(
    seeds_corpus: Corpus, seeds_labels: pd.DataFrame
) -> None:
    trump = seeds_labels[
        (seeds_labels[S.ACTOR] == "Trump") & (seeds_labels[S.LABEL] == "former U.S. President")
    ]
    assert set(trump[S.ARTICLE_ID]) == {seed_id(seeds_corpus, "001"), seed_id(seeds_corpus, "002")}
    assert set(trump[S.SURFACE]) == {"former U.S. President", "former US President"}
    putin = seeds_labels[(seeds_labels[S.ACTOR] == "Putin") & (seeds_labels[S.KIND] == "title")]
    assert set(putin[S.LABEL]) == {"Russian President"}
    texts = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in seeds_labels.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.surface


def test_label_matrix_is_outlet_by_actor(seeds_corpus: Corpus, seeds_labels: pd.DataFrame) -> None:
    matrix = label_matrix(label_summary(seeds_labels, seeds_corpus.articles)).set_index(S.ACTOR)
    assert set(matrix.columns) == set(seeds_corpus.articles[S.OUTLET])
    outlet_001 = seeds_corpus.articles.set_index(S.ARTICLE_ID).loc[
        seed_id(seeds_corpus, "001"), S.OUTLET
    ]
    assert "former U.S. President ×1" in matrix.loc["Trump", outlet_001]


@pytest.mark.parametrize(
    ("text", "actor", "label", "kind"),
    [
        ("Vladimir Putin, the Russian leader, said no.", "Putin", "Russian leader", "apposition"),
        (
            "Talks stalled. Recep Tayyip Erdoğan, Turkey's president.",
            "Erdoğan",
            "Turkey's president",
            "apposition",
        ),
        ("Former U.S. President Donald Trump spoke.", "Trump", "former U.S. President", "title"),
        ("He is a close ally of President Vladimir Putin.", "Putin", "President", "title"),
        ("Vladimir Putin spoke on Friday. The dictator said no.", "Putin", "dictator", "epithet"),
    ],
)
def test_label_kinds(text: str, actor: str, label: str, kind: str) -> None:
    articles = _articles(text)
    sentence_frame = sentences(articles)
    labels = find_labels(articles, sentence_frame, find_mentions(articles, sentence_frame))
    assert (actor, label, kind) in set(
        zip(labels[S.ACTOR], labels[S.LABEL], labels[S.KIND], strict=True)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump, who spoke on Friday, said no.",
        "On Friday Vladimir Putin said no.",
        "They urged Vladimir Putin to talk.",
        "Vladimir Putin, 72, said no.",
    ],
)
def test_no_label_where_there_is_none(text: str) -> None:
    articles = _articles(text)
    sentence_frame = sentences(articles)
    assert find_labels(articles, sentence_frame, find_mentions(articles, sentence_frame)).empty


def test_people_found_in_the_text_get_their_labels(corpus_dev: Path) -> None:
    """With an empty registry, the descriptions of the people the parse finds are labels."""
    manifest = pd.read_csv(corpus_dev / "manifest.csv", dtype=str)
    files = manifest.loc[manifest["story"] == "geneva-trade-talks", "file"]
    corpus = load_corpus([corpus_dev / file for file in files])
    labels = analyse(corpus, Settings(registry=parse_registry(""))).labels
    bessent = labels[labels[S.ACTOR] == "Scott Bessent"]
    assert any("treasury secretary" in label.lower() for label in bessent[S.LABEL])


def test_a_title_with_of_is_the_whole_title_not_its_last_word() -> None:
    """ "Secretary of State Marco Rubio" is labelled "Secretary of State", never "State";
    "a close ally of President Vladimir Putin" is still labelled "President"."""
    from analysis.corpus import build_corpus
    from analysis.ingest import Document, IngestResult
    from analysis.parse import parse
    from analysis.text import sentences

    text = (
        "Secretary of State Marco Rubio said the truce held. Viktor Orban, a close ally of "
        "President Vladimir Putin, agreed."
    )
    document = Document(text=text, source="a.txt", outlet="T")
    corpus = build_corpus(IngestResult([document]), clean=False, min_words=1)
    found = sentences(corpus.articles)
    empty = parse_registry("")
    mentions = find_mentions(
        corpus.articles, found, docs=parse(corpus.articles, found), registry=empty
    )
    labels = find_labels(corpus.articles, found, mentions, registry=empty)
    pairs = set(zip(labels[S.ACTOR], labels["label"], strict=True))
    assert ("Marco Rubio", "Secretary of State") in pairs
    assert ("Marco Rubio", "State") not in pairs
    assert ("Vladimir Putin", "President") in pairs
