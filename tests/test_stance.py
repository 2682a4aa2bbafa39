"""Stance end to end: the package's table on the seeds, a user's topic, and accuracy on
the hand-labelled fixture (each step's own tests are in tests/test_stance_<module>.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.quotes import find_quotes
from analysis.stance import find_stance, parse_topics
from bench.stance_gold import GOLD, predictions, report
from tests.conftest import seed_id


@pytest.fixture(scope="module")
def seeds_stance(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> pd.DataFrame:
    quotes = find_quotes(seeds_corpus.articles, seeds_sentences, seeds_mentions)
    return find_stance(seeds_corpus.articles, seeds_sentences, seeds_mentions, quotes)


def _stances(stance: pd.DataFrame, article: str, actor: str, topic: str) -> set[str]:
    rows = stance[
        (stance[S.ARTICLE_ID] == article) & (stance[S.ACTOR] == actor) & (stance[S.TOPIC] == topic)
    ]
    return set(rows[S.STANCE])


def test_columns_and_evidence(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    assert tuple(seeds_stance.columns) == S.STANCE_COLUMNS
    texts = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in seeds_stance.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.cue or row.cue in row.evidence
        assert row.evidence in texts[row.article_id]
    assert set(seeds_stance[S.STANCE]) <= {"support", "oppose", "conditional", "neutral"}


def test_done_means_on_the_seeds(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    s000, s001, s002 = (seed_id(seeds_corpus, n) for n in ("000", "001", "002"))
    zelensky = _stances(seeds_stance, s000, "Zelensky", "direct talks")
    assert "support" in zelensky and "oppose" not in zelensky
    not_accepting = _stances(seeds_stance, s001, "Putin", "ceasefire") | _stances(
        seeds_stance, s002, "Putin", "ceasefire"
    )
    assert not_accepting & {"oppose", "conditional"} and "support" not in not_accepting
    assert "support" in _stances(seeds_stance, s001, "Putin", "direct talks")
    assert "support" in _stances(seeds_stance, s002, "Putin", "direct talks")


def test_hedged_refusal_and_condition_keep_their_words(
    seeds_corpus: Corpus, seeds_stance: pd.DataFrame
) -> None:
    s002 = seeds_stance[seeds_stance[S.ARTICLE_ID] == seed_id(seeds_corpus, "002")]
    hedged = s002[(s002[S.ACTOR] == "Putin") & (s002[S.TOPIC] == "ceasefire")].iloc[0]
    assert (hedged[S.STANCE], hedged[S.MODIFIER]) == ("conditional", "not explicitly")
    provided = s002[(s002[S.ACTOR] == "Zelensky") & (s002[S.TOPIC] == "direct talks")]
    assert "conditional" in set(provided[S.STANCE])
    assert (s002[S.ACTOR] == "Russia").sum() == 0 or "Russia agrees" not in " ".join(
        s002[s002[S.ACTOR] == "Russia"][S.CUE]
    )


def test_the_one_urged_takes_no_position(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    s000 = seeds_stance[seeds_stance[S.ARTICLE_ID] == seed_id(seeds_corpus, "000")]
    first = s000[s000[S.SENT_ID] == 0]
    assert list(first[S.ACTOR]) == ["Zelensky"]


def test_user_topic_finds_stances(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    topics = parse_topics('[[topic]]\nname = "visas"\ncues = ["visa*", "airspace"]\n')
    quotes = find_quotes(seeds_corpus.articles, seeds_sentences, seeds_mentions)
    stance = find_stance(
        seeds_corpus.articles, seeds_sentences, seeds_mentions, quotes, topics=topics
    )
    assert set(stance[S.TOPIC]) == {"visas"}
    # "Zelenskyy stressed that Ukraine expects European states to 'cancel visas ...'"
    assert _stances(stance, seed_id(seeds_corpus, "000"), "Ukraine", "visas") == {"support"}


def test_accuracy_on_the_hand_labelled_fixture(corpus_dev: object) -> None:
    gold = pd.read_csv(GOLD)
    assert len(gold) >= 60
    assert set(gold["label"]) == {"support", "oppose", "conditional", "neutral", "none"}
    accuracy, matrix = report(predictions(gold))
    assert accuracy >= 0.7
    assert matrix.loc["none", "support"] == 0  # no position invented for the one urged
    # One known confusion, measured since the fixture is scored with the parse as the
    # analysis is: "Ukrainian officials demand a full Russian withdrawal from occupied
    # territories" reads as support of the topic's words; the label is Ukraine's opposition
    # to conceding territory (who concedes is not in the topic's cues).
    assert matrix.loc["support", "oppose"] == 0 and matrix.loc["oppose", "support"] <= 1
