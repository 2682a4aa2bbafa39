"""The Stance page's view: the position each outlet reports each actor taking, by topic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import stance_summary
from analysis.charts import stance_bars
from analysis.stance import (
    ObjectCounts,
    Topics,
    object_counts,
    object_terms_of,
    proposed_from_terms,
)
from analysis.tables import Analysis
from analysis.views.actors import TOP_ACTORS
from analysis.views.base import (
    Chart,
    chosen_articles,
    chosen_outlets,
    once,
    per_outlet,
    ranked,
    with_sentences,
)

PAGE = "Stance"
#: The summary's count of statements of an outlet-actor-topic row.
STATEMENTS = "statements"


@dataclass(frozen=True)
class Selection:
    """The Stance page's choices: the ``topic`` (None: every topic with statements, a chart
    each), the ``outlets`` (None: every outlet) and the ``actors`` (None: on each topic the
    :data:`~analysis.views.actors.TOP_ACTORS` with the most statements)."""

    topic: str | None = None
    outlets: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None


class Tables(NamedTuple):
    """What the Stance page shows: the ``summary`` of every statement per outlet, actor and
    topic, the ``topics`` charted, and per topic its ``actors`` (most statements first) and
    the rows ``shown``."""

    summary: pd.DataFrame
    topics: list[str]
    actors: dict[str, list[str]]
    shown: dict[str, pd.DataFrame]


@per_outlet
def _object_counts(analysis: Analysis) -> tuple[pd.DataFrame, ...]:
    return tuple(object_counts(analysis.stance_objects, analysis.articles))


def _object_terms(analysis: Analysis) -> pd.DataFrame:
    return object_terms_of(ObjectCounts(*once(analysis, _object_counts)))


def proposed(analysis: Analysis, topics: Topics | None = None) -> pd.DataFrame:
    """Topics the corpus argues about that ``topics`` (None: the built-in ones) miss
    (:func:`analysis.stance.proposed_from_terms`; the terms are counted once per analysis
    and stored with it)."""
    return proposed_from_terms(once(analysis, _object_terms), topics=topics)


@per_outlet
def _summary(analysis: Analysis) -> pd.DataFrame:
    return stance_summary(analysis.stance, analysis.articles)


def _ranked(on_topic: pd.DataFrame) -> list[str]:
    return ranked(on_topic, S.ACTOR, STATEMENTS) if len(on_topic) else []


def topic_choices(analysis: Analysis, topics: Sequence[str]) -> list[str]:
    """The topics the Stance page offers: ``topics`` (those the analysis was made with), then
    any other topic its statements name (an analysis whose topic file is not recorded)."""
    return list(dict.fromkeys([*topics, *once(analysis, _summary)[S.TOPIC]]))


def opening_topic(analysis: Analysis, topics: Sequence[str]) -> str | None:
    """The topic the Stance page opens on: the one of ``topics`` with the most statements
    (the first in ``topics`` of those tied), the first topic when none has any, None when
    there is no topic."""
    summary = once(analysis, _summary)
    counts = summary.groupby(S.TOPIC)[STATEMENTS].sum()
    ranked_topics = sorted(topics, key=lambda topic: -int(counts.get(topic, 0)))
    return ranked_topics[0] if ranked_topics else None


def actor_choices(analysis: Analysis, topic: str) -> list[str]:
    """The actors the Stance page offers on ``topic``: those with statements on it, most
    statements first."""
    summary = once(analysis, _summary)
    return _ranked(summary[summary[S.TOPIC] == topic])


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Stance page's tables for ``selection`` (analysis.aggregate.stance_summary)."""
    summary = once(analysis, _summary)
    every = list(dict.fromkeys(summary[S.TOPIC]))
    topics = every if selection.topic is None else [selection.topic]
    outlets = chosen_outlets(analysis, selection.outlets)
    actors, shown = {}, {}
    for topic in topics:
        on_topic = summary[summary[S.TOPIC] == topic]
        actors[topic] = _ranked(on_topic)
        chosen = actors[topic][:TOP_ACTORS] if selection.actors is None else selection.actors
        shown[topic] = on_topic[on_topic[S.OUTLET].isin(outlets) & on_topic[S.ACTOR].isin(chosen)]
    return Tables(summary, topics, actors, shown)


def evidence(
    analysis: Analysis, topic: str, actor: str, outlets: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Every statement of ``actor`` on ``topic`` in the articles of ``outlets`` (None: every
    outlet): the columns of the stance table, the statement's sentence start
    (``sentence_start``), its article's outlet and title."""
    kept = chosen_articles(analysis, outlets)
    where = {S.ACTOR: [actor], S.TOPIC: [topic], S.ARTICLE_ID: kept}
    return with_sentences(analysis.rows("stance", **where), analysis)


def charts(tables: Tables) -> list[Chart]:
    """The stance bars of each topic charted."""
    return [
        Chart(PAGE, f"stance {topic}", stance_bars(tables.shown[topic], topic))
        for topic in tables.topics
    ]
