"""The topic file: which topics the stance finder looks for and the cue words that put each
in a sentence.

A topic file is TOML shaped like ``analysis/data/topics.toml`` (the defaults): ``[[topic]]``
tables with a ``name`` and a list of ``cues`` (a trailing * matches any ending). The
dashboard edits it as a table with one row per topic (:func:`topics_frame`,
:func:`topics_from_frame`); every refusal is a :class:`TopicError` whose message says what
to fix, within the limits of :mod:`analysis.datafile`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis import datafile


class TopicError(datafile.DataFileError):
    """A topic list that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Topic:
    """A topic and the cue words that put it in a sentence (see ``topics.toml``)."""

    name: str
    cues: tuple[str, ...]


Topics = tuple[Topic, ...]


def parse_topics(text: str) -> Topics:
    """Topics from TOML text shaped like ``analysis/data/topics.toml``; raises
    :class:`TopicError` with a sentence that says what to fix (within the limits of
    :mod:`analysis.datafile`)."""
    entries = datafile.toml_tables(text, "topic", what="topic", error=TopicError)
    return _validated(
        tuple(
            _topic(entry.get("name"), entry.get("cues"), number)
            for number, entry in enumerate(entries, 1)
        )
    )


def _topic(name: object, cues: object, number: int) -> Topic:
    with datafile.refused_as(TopicError):
        name = datafile.cell(name, what=f"The name of topic {number}")
        if not name:
            raise TopicError(f"Topic {number} has no name.")
        kept = tuple(datafile.split_list(cues, what=f"The cues of {name!r}"))
    if not kept:
        raise TopicError(f"Topic {name!r} has no cue words.")
    return Topic(name, kept)


def _validated(topics: Topics) -> Topics:
    with datafile.refused_as(TopicError):
        datafile.check_entries(len(topics), "topics")
        datafile.check_items(sum(len(t.cues) for t in topics), "cue words")
    counts = Counter(t.name for t in topics)
    twice = sorted(name for name, count in counts.items() if count > 1)
    if twice:
        raise TopicError(f"The topic {twice[0]!r} is listed twice; keep one.")
    return topics


def default_topics_text() -> str:
    """The default topics' TOML, with its comments."""
    return datafile.built_in_text("topics.toml")


@cache
def default_topics() -> Topics:
    """The topics shipped in ``analysis/data/topics.toml``."""
    return parse_topics(default_topics_text())


def topics_to_toml(topics: Topics) -> str:
    """Topic TOML that :func:`parse_topics` reads back to the same topics."""
    return datafile.toml_file(
        "topic",
        ({"name": topic.name, "cues": topic.cues} for topic in topics),
        header="# presslens stance topics (see analysis/data/topics.toml for the format)",
    )


def topics_frame(topics: Topics) -> pd.DataFrame:
    """The topics as a table: name and cues (joined by the one separator of
    :mod:`analysis.datafile`)."""
    return pd.DataFrame(
        [(t.name, datafile.join_list(t.cues)) for t in topics], columns=["name", "cues"]
    )


def topics_from_frame(frame: pd.DataFrame) -> Topics:
    """Topics from a table shaped like :func:`topics_frame` (blank rows skipped)."""
    with datafile.refused_as(TopicError):
        kept = datafile.rows(frame)
    topics = tuple(
        _topic(row.get("name"), row.get("cues"), number) for number, row in enumerate(kept, 1)
    )
    if not topics:
        raise TopicError("Give at least one topic with a name and cue words.")
    return _validated(topics)


def add_topic(topics: Topics, name: str, cue: str) -> Topics:
    """``topics`` with a new topic ``name`` found by ``cue``; unchanged when a topic of that
    name exists."""
    if any(topic.name == name for topic in topics):
        return topics
    return _validated((*topics, _topic(name, [cue], len(topics) + 1)))
