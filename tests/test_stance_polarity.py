"""Polarity (analysis.stance.polarity): the topic a cue governs and the label negation,
hedges, conditions and intentions give it."""

from __future__ import annotations

from spacy.tokens import Token

from analysis import schema as S
from analysis.corpus import build_corpus
from analysis.ingest import read_text
from analysis.parse import parse
from analysis.stance import parse_topics
from analysis.stance.cues import tokens_of
from analysis.stance.polarity import (
    acted_on,
    negated_above,
    particle,
    reduces_topic,
    topic_after,
)
from analysis.tables import Analysis
from analysis.text import sentences
from tests.stance_text import rows_of, stance_of, stances_in


def test_a_cue_governs_the_next_topic_in_its_clause_else_the_one_before() -> None:
    words = tokens_of("Trump urged Ukraine to accept Russia's proposal for direct talks")
    talks = (8, 10, "direct talks")
    assert topic_after(words, [talks], 1, 2) == talks
    words = tokens_of("Putin accepted the talks but Kyiv rejected a ceasefire")
    ceasefire, talks = (8, 9, "ceasefire"), (3, 4, "direct talks")
    assert topic_after(words, [talks, ceasefire], 1, 2) == talks
    assert topic_after(words, [ceasefire], 1, 2) is None  # "but" closes the clause
    words = tokens_of("a ceasefire Kyiv has consistently rejected")
    assert topic_after(words, [(1, 2, "ceasefire")], 5, 6) == (1, 2, "ceasefire")


def test_an_action_acts_on_the_topic_beside_it_and_a_reduction_turns_support() -> None:
    words = tokens_of("Bessent announced a 90-day tariff pause with China")
    tariffs = (4, 5, "tariffs")
    assert acted_on(words, [tariffs], 5, 6) == tariffs  # the topic right before the noun
    words = tokens_of("Trump imposed sweeping new tariffs on China")
    assert acted_on(words, [tariffs], 1, 2) == tariffs  # its object, two words on
    assert acted_on(tokens_of("Trump imposed them but tariffs rose"), [(4, 5, "t")], 1, 2) is None
    assert reduces_topic(tokens_of("both agreed to a pause in tariffs"), 2, (6, 7, "tariffs"))
    assert not reduces_topic(tokens_of("both agreed to hold talks"), 2, (4, 5, "direct talks"))


def test_a_hedged_support_cue_without_a_negation_is_conditional() -> None:
    """Regression (issue 18): a hedge before a support cue with no negation before it made
    ``cue_label`` call min() with one number; 4 of 50 real articles crashed on it."""
    stance = stance_of(
        "Putin formally accepted direct talks with Ukraine on Friday, officials said in Moscow."
    )
    row = stance[(stance[S.ACTOR] == "Putin") & (stance[S.TOPIC] == "direct talks")].iloc[0]
    assert (row[S.STANCE], row[S.MODIFIER]) == ("conditional", "formally")


def test_a_negated_intention_opposes_only_a_topic_its_clause_names(
    corpus_dev_analysis: Analysis,
) -> None:
    """A negated intention ("would not go to Istanbul") is no opposition to the ceasefire
    named in the clause coordinated with it."""
    found = stances_in(corpus_dev_analysis, "would also not now go to Istanbul")
    assert ("Zelensky", "ceasefire", "oppose") not in found


def test_an_intention_to_act_on_a_topic_is_support_for_every_party_to_it() -> None:
    """ "China and the United States would establish a consultation mechanism": a future
    auxiliary on a verb that is no cue, with the topic as its object, is support, and both
    parties coordinated in the parse hold it."""
    topics = parse_topics('[[topic]]\nname = "trade talks"\ncues = ["consultation mechanism"]\n')
    rows = rows_of(
        stance_of(
            "China and the United States would establish a consultation mechanism for trade "
            "issues and issue a joint statement on Monday.",
            topics,
        )
    )
    assert rows == {
        ("China", "trade talks", "support"),
        ("United States", "trade talks", "support"),
    }


def test_a_condition_ahead_of_an_intention_makes_it_conditional() -> None:
    """ "if Putin agrees to come to Istanbul, both he and Erdoğan will fly there to meet him":
    the intention to meet is conditional, and the one the condition is set on holds none;
    "he" is the one named outside the condition and not beside him (Zelensky)."""
    stance = stance_of(
        "Zelenskyy said he will meet Turkish President Recep Tayyip Erdoğan in Ankara, but if "
        "Russian ruler Vladimir Putin agrees to come to Istanbul, both he and Erdoğan will fly "
        "there to meet him."
    )
    rows = rows_of(stance)
    assert ("Erdoğan", "direct talks", "conditional") in rows
    assert ("Zelensky", "direct talks", "conditional") in rows  # "he": not Putin, not Erdoğan
    assert not {row for row in rows if row[0] == "Putin"}
    row = stance[stance[S.ACTOR] == "Erdoğan"].iloc[0]
    assert row[S.MODIFIER].startswith("if Russian ruler Vladimir Putin agrees")


def test_a_forecast_with_there_is_no_intention_of_the_speaker() -> None:
    """ "said there would be no movement without a meeting": a "would" clause whose subject
    is "there" forecasts; it states no intention of the speaker's side."""
    rows = rows_of(
        stance_of(
            "Hopes of a major breakthrough were further dented by US President Donald Trump who "
            "said there would be no movement without a meeting between himself and Putin."
        )
    )
    assert rows == {("Trump", "direct talks", "neutral")}


def _parsed(text: str) -> dict[str, Token]:
    """The tokens of ``text`` as the analysis parses it, by their words."""
    corpus = build_corpus(read_text("article.txt", text), min_words=1, clean=False)
    doc = next(iter(parse(corpus.articles, sentences(corpus.articles)).values()))
    return {token.lower_: token for token in doc}


def test_a_particle_is_no_cue_and_a_negation_above_a_cue_negates_it() -> None:
    """ "bounced back in the polls" (a PolNeAR train sentence): "back" is the verb's particle,
    no support; "does not endorse and support me" (another): "support" is coordinated with
    a negated verb."""
    bounced = _parsed(
        "Democratic presidential nominee Hillary Clinton has bounced back in the polls and is "
        "now leading Republican Donald Trump by an even greater margin."
    )
    assert particle(bounced["back"]) and not particle(bounced["leading"])
    endorse = _parsed(
        "But if he does not endorse and support me as the nominee, legally he cannot be on "
        "the ballot in many states."
    )
    assert negated_above(endorse["support"]) == "not"
    assert negated_above(endorse["endorse"]) is None  # its own negation: the word window's
