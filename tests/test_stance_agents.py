"""Agents (analysis.stance.agents): the holder of what a clause says or does about a topic,
whose position the sentiment model reads, on sentences of PolNeAR train articles (US
election 2016 coverage; none of the gold-dev-polnear articles) parsed as the analysis
parses them."""

from __future__ import annotations

from analysis import schema as S
from analysis.stance import parse_topics
from tests.stance_text import rows_of, stance_of

#: The two candidates as topics, the way gold-dev-polnear's topics.toml names them.
CANDIDATES = parse_topics(
    '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump"]\n'
    '[[topic]]\nname = "Hillary Clinton"\ncues = ["Hillary Clinton", "Clinton"]\n'
)


def test_the_subject_of_a_clause_about_a_topic_holds_the_position_the_model_reads() -> None:
    """The clause's subject holds the position toward the topic's mention (a possessive
    one: "Trump's comments"): "slammed" and "mocked" are attack cues (a position toward an
    actor, analysis.stance.targets)."""
    stance = stance_of(
        "Republican Carlos Curbelo, in particular, has slammed Trump's comments about "
        "immigrants and Muslims, and vowed not to vote for him even if he wins the nomination.",
        CANDIDATES,
    )
    row = stance[stance[S.ACTOR] == "Carlos Curbelo"].iloc[0]
    assert (row[S.TOPIC], row[S.STANCE], row[S.CUE]) == ("Donald Trump", "oppose", "slammed")
    assert row[S.MODIFIER] == ""  # the attack cue's, not the model's reading
    stance = stance_of(
        "Saudi Prince Alwaleed Bin Talal mocked Donald Trump's retweet of a digitally "
        "manipulated image of himself and his sister posing with Fox News anchor Megyn Kelly.",
        CANDIDATES,
    )
    assert any(
        actor.endswith("Talal") and (topic, position) == ("Donald Trump", "oppose")
        for actor, topic, position in rows_of(stance)
    )


def test_a_pronoun_holds_for_the_person_it_stands_for() -> None:
    """Holders across sentences: "He" resolves to the person named before, as the quotes'
    speakers do."""
    stance = stance_of(
        "Labor Secretary Tom Perez spoke in Philadelphia on Monday. He hammered Trump, "
        'calling him a "train wreck" and "outsourcer in chief."',
        CANDIDATES,
    )
    row = stance[stance[S.TOPIC] == "Donald Trump"].iloc[0]
    assert (row[S.ACTOR], row[S.HOLDER], row[S.STANCE]) == ("Tom Perez", "He", "oppose")


def test_a_position_stated_in_a_quote_belongs_to_its_speaker() -> None:
    """The quote's first sentence names no speaker; the quotes table gives it Warren."""
    stance = stance_of(
        "Senator Elizabeth Warren spoke in Boston on Monday. \u201cTrump has no business being "
        "anywhere near the Oval Office. He is a small, insecure money-grubber,\u201d Warren said.",
        CANDIDATES,
    )
    assert ("Elizabeth Warren", "Donald Trump", "oppose") in rows_of(stance)


def test_a_neutral_reading_of_what_an_actor_does_is_no_position() -> None:
    """A meeting is no position: the model reads no polarity toward the topic, and a clause
    with no speech verb and no cue gives no neutral row either."""
    stance = stance_of("Senator Tim Kaine met Hillary Clinton in Richmond on Tuesday.", CANDIDATES)
    assert stance.empty
