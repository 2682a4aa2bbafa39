"""The topic file (analysis.stance.topics): reading, writing, the editor's table, and the
refusals that say what to fix."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.stance import topics as file


def test_topics_round_trip() -> None:
    topics = file.default_topics()
    assert [t.name for t in topics][:2] == ["direct talks", "ceasefire"]
    assert file.parse_topics(file.topics_to_toml(topics)) == topics
    assert file.topics_from_frame(file.topics_frame(topics)) == topics


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[topic]]\nname = "tariffs"\ncues = []\n', "no cue words"),
        (
            '[[topic]]\nname = "a"\ncues = ["x"]\n[[topic]]\nname = "a"\ncues = ["y"]\n',
            "listed twice",
        ),
        ("[[topic", "not valid TOML"),
        ("", r"no \[\[topic\]\] tables"),
        ('topic = ["ceasefire"]\n', "must be a table"),
        ('[[topic]]\ncues = ["tariff*"]\n', "Topic 1 has no name"),
        ('[[topic]]\nname = "trade"\ncues = ["tariff; duty"]\n', "may not contain ';'"),
    ],
)
def test_a_topic_file_that_cannot_be_used_says_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(file.TopicError, match=message):
        file.parse_topics(text)


def test_the_default_topics_come_from_the_commented_data_file() -> None:
    text = file.default_topics_text()
    assert text.lstrip().startswith("#")
    assert file.parse_topics(text) == file.default_topics()
    assert all(topic.cues for topic in file.default_topics())


def test_the_editor_table_skips_blank_rows_and_needs_one_topic() -> None:
    frame = pd.DataFrame(
        {"name": ["tariffs", None, " visas "], "cues": ["tariff*; duties", "", "visa*"]}
    )
    assert file.topics_from_frame(frame) == (
        file.Topic("tariffs", ("tariff*", "duties")),
        file.Topic("visas", ("visa*",)),
    )
    with pytest.raises(file.TopicError, match="at least one topic"):
        file.topics_from_frame(pd.DataFrame({"name": [""], "cues": [""]}))


def test_a_proposed_topic_is_added_once() -> None:
    topics = file.add_topic(file.default_topics(), "tariff", "tariff*")
    assert topics[-1] == file.Topic("tariff", ("tariff*",))
    assert file.add_topic(topics, "tariff", "duty") == topics
    assert file.parse_topics(file.topics_to_toml(topics)) == topics
