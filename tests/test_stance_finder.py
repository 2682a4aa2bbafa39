"""The stance finder (analysis.stance.finder): which topics a sentence counts for, and the
table it returns."""

from __future__ import annotations

from analysis import schema as S
from analysis.stance import default_topics, parse_topics
from tests.stance_text import rows_of, stance_of


def test_a_sentence_without_a_topic_cue_states_no_position() -> None:
    stance = stance_of("Putin rejected the proposal of the Turkish president on Friday.")
    assert stance.empty
    assert tuple(stance.columns) == S.STANCE_COLUMNS
    assert {str(stance[c].dtype) for c in (S.SENT_ID, S.START, S.END)} == {"int64"}


def test_a_word_two_topics_share_goes_to_the_topic_the_article_is_about() -> None:
    """ "talks" is a cue of the default "direct talks" and of a user's "trade talks": in an
    article about trade the trade talks win (the word of its name no other topic has), in one
    about direct talks the direct talks."""
    trade = parse_topics('[[topic]]\nname = "trade talks"\ncues = ["talks", "trade deal*"]\n')
    topics = (*default_topics(), *trade)
    on_trade = rows_of(
        stance_of(
            "Trade between the two economies fell by half this year.\n\n"
            "China welcomed the talks in Geneva on Sunday.",
            topics,
        )
    )
    on_war = rows_of(
        stance_of(
            "Ukraine proposed direct negotiations in Istanbul.\n\n"
            "Russia welcomed the talks on Sunday.",
            topics,
        )
    )
    assert ("China", "trade talks", "support") in on_trade
    assert ("Russia", "direct talks", "support") in on_war


def test_staying_silent_on_a_topic_is_non_committal() -> None:
    headline = "Putin stays silent on ceasefire and offers ‘direct talks’ with Ukraine in Istanbul"
    rows = rows_of(stance_of(headline))
    assert rows == {("Putin", "ceasefire", "neutral"), ("Putin", "direct talks", "support")}


#: The two candidates of PolNeAR's US election 2016 articles as topics.
CANDIDATES = parse_topics(
    '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump"]\n'
    '[[topic]]\nname = "Hillary Clinton"\ncues = ["Hillary Clinton", "Clinton"]\n'
)


def test_a_holder_never_opposes_itself() -> None:
    """ "Trump has denied the charge" was read as Trump opposing Trump: denying a charge
    against oneself is no opposition to oneself."""
    stance = stance_of(
        "Donald Trump spoke in Ohio on Friday. Trump has denied the charge.", CANDIDATES
    )
    assert ("Trump", "Donald Trump", "oppose") not in rows_of(stance)
    assert ("Donald Trump", "Donald Trump", "oppose") not in rows_of(stance)
    assert not ({"Trump", "Donald Trump"} & set(stance[stance[S.STANCE] == "neutral"][S.ACTOR]))


def test_a_topic_in_an_event_beside_what_a_speaker_says_is_not_spoken_of() -> None:
    """The clause "after Donald Trump unleashed a series of tweets" has its own subject: it is
    another event, not what the speaker says (it was read as Warren opposing Trump)."""
    stance = stance_of(
        "Senator Elizabeth Warren spoke to reporters on Friday after Donald Trump unleashed a "
        "series of tweets about the bombing.",
        CANDIDATES,
    )
    assert "Elizabeth Warren" not in set(stance[S.ACTOR])


def test_a_possessive_names_the_topic() -> None:
    """ "Trump's offer" mentions the topic "Trump" (PolNeAR train)."""
    stance = stance_of("London Mayor Sadiq Khan rejected Trump's offer Tuesday.", CANDIDATES)
    assert any(
        actor.endswith("Khan") and (topic, position) == ("Donald Trump", "oppose")
        for actor, topic, position in rows_of(stance)
    )


def test_a_directive_to_a_person_is_no_support_of_them() -> None:
    """ "called on Trump to get his act together or drop out" (a PolNeAR train sentence)
    asks Trump to act: no support of Trump (it was read as support before the directive's
    addressee was told apart); what it says of him is the model's reading: oppose."""
    candidates = parse_topics(
        '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump"]\n'
    )
    stance = stance_of(
        "In a scathing opinion piece, The Wall Street Journal called on Trump to get his act "
        "together or drop out in favor of his running mate.",
        candidates,
    )
    assert ("Wall Street Journal", "Donald Trump", "support") not in rows_of(stance)
    assert ("Wall Street Journal", "Donald Trump", "oppose") in rows_of(stance)


def test_speaking_of_a_person_with_no_reading_is_no_position() -> None:
    """A speaker who mentions a person ("would cover Trump's campaign", a PolNeAR train
    sentence) takes no neutral position toward them, as one who speaks of talks does: only a
    reading the model commits to is a position toward a person (before: neutral)."""
    candidates = parse_topics(
        '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump"]\n'
    )
    stance = stance_of(
        "Huffington Post, which originally said it would cover Trump\u2019s campaign in its "
        "entertainment section, said it would treat the Trump campaign as news.",
        candidates,
    )
    assert stance.empty
