"""Actors as targets (analysis.stance.targets): who attacks, praises, endorses whom, on
sentences as news reports them."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.pipeline import ACTOR_COLUMNS, renamed_people
from analysis.stance import TARGET_ACTOR, TARGET_TOPIC, default_topics, parse_topics
from analysis.stance.targets import Target, actor_targets
from tests.stance_text import rows_of, stance_of

#: Two candidates as topics, as a user writes them for an election story.
CANDIDATES = parse_topics(
    '[[topic]]\nname = "Hillary Clinton"\ncues = ["Hillary Clinton", "Clinton"]\n'
    '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump", "Trump campaign"]\n'
)


def test_attack_praise_and_endorsement_between_two_named_actors() -> None:
    stance = stance_of(
        "Donald Trump attacked Hillary Clinton over her emails on Monday.\n\n"
        "Barack Obama praised Hillary Clinton at a rally in Philadelphia on Tuesday.\n\n"
        "Senator Ted Cruz endorsed Donald Trump on Friday, after months of feuding."
    )
    assert rows_of(stance) == {
        ("Trump", "Hillary Clinton", "oppose"),
        ("Barack Obama", "Hillary Clinton", "support"),
        ("Ted Cruz", "Trump", "support"),
    }
    assert set(stance[S.TARGET_KIND]) == {TARGET_ACTOR}
    assert stance[S.CUE].tolist() == ["attacked", "praised", "endorsed"]


def test_criticism_by_a_noun_a_prepositional_object_and_a_passive() -> None:
    stance = stance_of(
        "Senator Elizabeth Warren lashed out at Donald Trump in a speech on Thursday.\n\n"
        "Hillary Clinton was criticized by Bernie Sanders for her speeches to Wall Street.\n\n"
        "The criticism of Hillary Clinton by Jeb Bush came late in the primary season."
    )
    assert ("Elizabeth Warren", "Trump", "oppose") in rows_of(stance)
    assert ("Bernie Sanders", "Hillary Clinton", "oppose") in rows_of(stance)


def test_no_actor_opposes_itself() -> None:
    """The reported bug: "Trump has denied the charge" read as Trump opposing Trump; the
    verbs of praise and attack give no position toward oneself at all."""
    stance = stance_of(
        "Donald Trump has denied the charge.\n\nTrump defended himself on Twitter on Friday.",
        CANDIDATES,
    )
    assert ("Trump", "Donald Trump", "oppose") not in rows_of(stance)
    assert stance_of("Donald Trump has denied the charge.").empty
    assert stance_of("Donald Trump praised Donald Trump at the rally in Ohio.").empty


def test_a_relative_clause_says_nothing_of_the_main_clause() -> None:
    """The reported bug: "Clinton, who drew support from 50 percent ..." read as Clinton
    supporting Trump; support drawn from voters is no position of Clinton's either."""
    text = (
        "Hillary Clinton, who drew support from 50 percent of Latino voters in the poll, "
        "leads Donald Trump by six points."
    )
    assert stance_of(text).empty
    cues = stance_of(text, CANDIDATES)[S.CUE].str.lower()
    assert not cues.str.contains("support").any()


def test_a_refused_endorsement_opposes_and_a_received_one_is_the_giver_s() -> None:
    stance = stance_of(
        "Paul Ryan refused to endorse Donald Trump in May.\n\n"
        "Trump won the endorsement of the National Rifle Association in Louisville."
    )
    assert rows_of(stance) == {
        ("Paul Ryan", "Trump", "oppose"),
        ("National Rifle Association", "Trump", "support"),
    }


def test_a_topic_named_after_an_actor_takes_the_actor_s_mentions() -> None:
    """The topic "Donald Trump" is the registry's Trump (an alias): its rows are toward an
    actor, and a position toward him by pronoun counts ("attacked him")."""
    stance = stance_of(
        "Donald Trump spoke in Ohio on Monday.\n\n"
        "Senator Ted Cruz endorsed Donald Trump on Friday.\n\n"
        "Hillary Clinton attacked him in a speech in Denver on Saturday.",
        (*default_topics(), *CANDIDATES),
    )
    assert ("Ted Cruz", "Donald Trump", "support") in rows_of(stance)
    toward = stance[stance[S.TOPIC] == "Donald Trump"]
    assert set(toward[S.TARGET_KIND]) == {TARGET_ACTOR}


def test_actor_targets_of_an_article() -> None:
    mentions = pd.DataFrame(
        {
            S.ACTOR: ["Trump", "Hillary Clinton", "Hillary Clinton", "Ohio", "NATO"],
            S.ACTOR_KIND: ["person", "person", "person", "place", "organisation"],
        }
    )
    found = actor_targets((*default_topics(), *CANDIDATES), mentions)
    assert found[:2] == [
        Target("Hillary Clinton", frozenset({"Hillary Clinton"})),
        Target("Donald Trump", frozenset({"Trump"})),
    ]
    assert [target.topic for target in found[2:]] == ["NATO"]  # not a place, not covered
    assert [target.topic for target in actor_targets((), mentions)] == [
        "Hillary Clinton",
        "NATO",
        "Trump",
    ]


def test_topics_are_topics_and_a_target_actor_is_renamed_with_its_people() -> None:
    stance = stance_of("Ukraine rejected the ceasefire.\n\nHillary attacked Trump on Monday.")
    kinds = dict(zip(stance[S.TOPIC], stance[S.TARGET_KIND], strict=True))
    assert kinds["ceasefire"] == TARGET_TOPIC
    tables = {
        name: pd.DataFrame({column: [] for column in columns})
        for name, columns in ACTOR_COLUMNS.items()
    }
    tables["mentions"] = pd.DataFrame(
        {S.ACTOR: ["Hillary"], S.HOW: ["entity"], S.ACTOR_KIND: ["person"]}
    )
    tables["stance"] = pd.DataFrame(
        {
            S.ACTOR: ["Hillary", "Ukraine"],
            S.TOPIC: ["Hillary", "Hillary"],
            S.TARGET_KIND: [TARGET_ACTOR, TARGET_TOPIC],
        }
    )
    renamed = renamed_people(tables, {"Hillary": "Hillary Clinton"})["stance"]
    assert renamed[S.TOPIC].tolist() == ["Hillary Clinton", "Hillary"]
