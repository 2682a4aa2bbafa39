"""The topic file: which topics the stance finder looks for and the cue words that put each
in a sentence.

A topic file is TOML shaped like ``analysis/data/topics.toml`` (the defaults): ``[[topic]]``
tables with a ``name`` and a list of ``cues`` (a trailing * matches any ending). The
dashboard edits it as a table with one row per topic (:func:`topics_frame`,
:func:`topics_from_frame`); every refusal is a :class:`TopicError` whose message says what
to fix, within the limits of :mod:`analysis.datafile`.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
    try:
        datafile.check_file(text, "topic")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TopicError(f"The topic file is not valid TOML: {error}.") from error
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    entries = data.get("topic")
    if not isinstance(entries, list) or not entries:
        raise TopicError("The topic file has no [[topic]] tables.")
    if not all(isinstance(entry, dict) for entry in entries):
        raise TopicError("Each [[topic]] must be a table.")
    return _validated(
        tuple(
            _topic(entry.get("name"), entry.get("cues"), number)
            for number, entry in enumerate(entries, 1)
        )
    )


def _topic(name: object, cues: object, number: int) -> Topic:
    try:
        name = datafile.cell(name, what=f"The name of topic {number}")
        if not name:
            raise TopicError(f"Topic {number} has no name.")
        kept = tuple(datafile.split_list(cues, what=f"The cues of {name!r}"))
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    if not kept:
        raise TopicError(f"Topic {name!r} has no cue words.")
    return Topic(name, kept)


def _validated(topics: Topics) -> Topics:
    try:
        datafile.check_entries(len(topics), "topics")
        datafile.check_items(sum(len(t.cues) for t in topics), "cue words")
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    counts = Counter(t.name for t in topics)
    twice = sorted(name for name, count in counts.items() if count > 1)
    if twice:
        raise TopicError(f"The topic {twice[0]!r} is listed twice; keep one.")
    return topics


def default_topics_text() -> str:
    """The default topics' TOML, with its comments."""
    return resources.files("analysis").joinpath("data/topics.toml").read_text(encoding="utf-8")


@cache
def default_topics() -> Topics:
    """The topics shipped in ``analysis/data/topics.toml``."""
    return parse_topics(default_topics_text())


def topics_to_toml(topics: Topics) -> str:
    """Topic TOML that :func:`parse_topics` reads back to the same topics."""
    lines = ["# presslens stance topics (see analysis/data/topics.toml for the format)", ""]
    for topic in topics:
        lines += [
            "[[topic]]",
            f"name = {datafile.toml_string(topic.name)}",
            f"cues = {datafile.toml_list(topic.cues)}",
            "",
        ]
    return "\n".join(lines)


def topics_frame(topics: Topics) -> pd.DataFrame:
    """The topics as a table: name and cues (joined by the one separator of
    :mod:`analysis.datafile`)."""
    return pd.DataFrame(
        [(t.name, datafile.join_list(t.cues)) for t in topics], columns=["name", "cues"]
    )


def topics_from_frame(frame: pd.DataFrame) -> Topics:
    """Topics from a table shaped like :func:`topics_frame` (blank rows skipped)."""
    try:
        kept = datafile.rows(frame)
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
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
