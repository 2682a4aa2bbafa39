"""The Stance page's view: the position each outlet reports each actor taking, by topic, and
toward other actors (who takes positions toward whom: :func:`positions_of`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import stance_summary
from analysis.position_charts import pair_counts, position_matrix, ranked_pairs, stance_bars
from analysis.stance import (
    TARGET_ACTOR,
    TARGET_TOPIC,
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
    articles_where,
    chosen_outlets,
    once,
    per_outlet,
    ranked,
    with_sentences,
)

PAGE = "Stance"
#: The summary's count of statements of an outlet-actor-topic row.
STATEMENTS = "statements"
#: Most holders and most targets the matrix of positions between actors shows unless every
#: actor is asked for.
TOP_POSITION_ACTORS = 15


@dataclass(frozen=True)
class Selection:
    """The Stance page's choices: the ``topic`` (None: every topic with statements, a chart
    each), the ``outlets`` (None: every outlet) and the ``actors`` (None: on each topic the
    :data:`~analysis.views.actors.TOP_ACTORS` with the most statements); for the positions
    between actors, the ``position_outlet`` (None: the chosen outlets together) and whether
    ``every_actor`` is shown (else the :data:`TOP_POSITION_ACTORS` holders and targets with
    the most statements)."""

    topic: str | None = None
    outlets: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    position_outlet: str | None = None
    every_actor: bool = False


class Positions(NamedTuple):
    """The positions between actors the Stance page shows: the summary ``rows`` toward
    actors of the outlets ``where`` names, every ``holder`` and ``target`` (most statements
    first) and those ``shown`` in the matrix (``holders_shown``, ``targets_shown``)."""

    rows: pd.DataFrame
    where: str
    holders: list[str]
    targets: list[str]
    holders_shown: list[str]
    targets_shown: list[str]


class Tables(NamedTuple):
    """What the Stance page shows: the ``summary`` of every statement per outlet, actor and
    topic (or target actor), the ``topics`` charted, per topic its ``actors`` (most
    statements first) and the rows ``shown``, and the ``positions`` between actors."""

    summary: pd.DataFrame
    topics: list[str]
    actors: dict[str, list[str]]
    shown: dict[str, pd.DataFrame]
    positions: Positions


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


def _summary_of(analysis: Analysis) -> pd.DataFrame:
    """The summary of every statement, made once per analysis; that of a results folder
    written before targets had a kind holds topics only."""
    summary = once(analysis, _summary)
    if S.TARGET_KIND not in summary:
        return summary.assign(**{S.TARGET_KIND: TARGET_TOPIC})
    return summary


def _ranked(on_topic: pd.DataFrame) -> list[str]:
    return ranked(on_topic, S.ACTOR, STATEMENTS) if len(on_topic) else []


def _topics_of(summary: pd.DataFrame) -> list[str]:
    """The topics of the summary that are no actor, in order."""
    return list(dict.fromkeys(summary.loc[summary[S.TARGET_KIND] == TARGET_TOPIC, S.TOPIC]))


def topic_choices(analysis: Analysis, topics: Sequence[str]) -> list[str]:
    """The topics the Stance page offers: ``topics`` (those the analysis was made with), then
    any other topic its statements name (an analysis whose topic file is not recorded);
    the actors that are targets of their own are left to the positions between actors."""
    return list(dict.fromkeys([*topics, *_topics_of(_summary_of(analysis))]))


def opening_topic(analysis: Analysis, topics: Sequence[str]) -> str | None:
    """The topic the Stance page opens on: the one of ``topics`` with the most statements
    (the first in ``topics`` of those tied), the first topic when none has any, None when
    there is no topic."""
    summary = _summary_of(analysis)
    counts = summary.groupby(S.TOPIC)[STATEMENTS].sum()
    ranked_topics = sorted(topics, key=lambda topic: -int(counts.get(topic, 0)))
    return ranked_topics[0] if ranked_topics else None


def actor_choices(analysis: Analysis, topic: str) -> list[str]:
    """The actors the Stance page offers on ``topic``: those with statements on it, most
    statements first."""
    summary = _summary_of(analysis)
    return _ranked(summary[summary[S.TOPIC] == topic])


def position_outlets(analysis: Analysis, outlets: tuple[str, ...] | None) -> list[str]:
    """The outlets the matrix of positions between actors offers one by one: the chosen
    ``outlets`` (None: every outlet) whose articles hold a statement toward an actor."""
    summary = _summary_of(analysis)
    toward = set(summary.loc[summary[S.TARGET_KIND] == TARGET_ACTOR, S.OUTLET])
    return [outlet for outlet in chosen_outlets(analysis, outlets) if outlet in toward]


def positions_of(summary: pd.DataFrame, outlets: list[str], selection: Selection) -> Positions:
    """The positions between actors of ``summary`` in ``outlets`` (only
    ``selection.position_outlet`` when it is one of them)."""
    one = selection.position_outlet
    if one is not None and one in outlets:
        outlets = [one]
    where = outlets[0] if len(outlets) == 1 else f"{len(outlets)} outlets together"
    rows = summary[(summary[S.TARGET_KIND] == TARGET_ACTOR) & summary[S.OUTLET].isin(outlets)]
    holders, targets = ranked_pairs(pair_counts(rows))
    top = None if selection.every_actor else TOP_POSITION_ACTORS
    return Positions(rows, where, holders, targets, holders[:top], targets[:top])


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Stance page's tables for ``selection`` (analysis.aggregate.stance_summary)."""
    summary = _summary_of(analysis)
    every = _topics_of(summary)
    topics = every if selection.topic is None else [selection.topic]
    outlets = chosen_outlets(analysis, selection.outlets)
    actors, shown = {}, {}
    for topic in topics:
        on_topic = summary[summary[S.TOPIC] == topic]
        actors[topic] = _ranked(on_topic)
        chosen = actors[topic][:TOP_ACTORS] if selection.actors is None else selection.actors
        shown[topic] = on_topic[on_topic[S.OUTLET].isin(outlets) & on_topic[S.ACTOR].isin(chosen)]
    return Tables(summary, topics, actors, shown, positions_of(summary, outlets, selection))


def _evidence_where(
    analysis: Analysis, topic: str, actor: str, outlets: tuple[str, ...] | None
) -> dict[str, Collection[str]]:
    return {S.ACTOR: [actor], S.TOPIC: [topic], **articles_where(analysis, outlets)}


def evidence(
    analysis: Analysis,
    topic: str,
    actor: str,
    outlets: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The statements of ``actor`` on ``topic`` (or toward the target actor ``topic``) in the
    articles of ``outlets`` (None: every outlet): the columns of the stance table, the
    statement's sentence start (``sentence_start``), its article's outlet and title; the
    first ``limit`` in table order (None: every one; only their articles' sentences are
    read)."""
    where = _evidence_where(analysis, topic, actor, outlets)
    return with_sentences(analysis.rows("stance", limit, **where), analysis)


def evidence_count(
    analysis: Analysis, topic: str, actor: str, outlets: tuple[str, ...] | None = None
) -> int:
    """How many statements :func:`evidence` has without a limit (counted, not read)."""
    return analysis.count("stance", **_evidence_where(analysis, topic, actor, outlets))


def opening_pair(positions: Positions) -> tuple[str, str] | None:
    """The holder and target whose statements the page lists first: the pair of the matrix
    with the most statements, the first in the matrix's order of those tied (None when it
    has none)."""
    pairs = pair_counts(positions.rows)
    pairs = pairs[
        pairs[S.ACTOR].isin(positions.holders_shown) & pairs[S.TOPIC].isin(positions.targets_shown)
    ]
    if pairs.empty:
        return None
    holders = {holder: n for n, holder in enumerate(positions.holders_shown)}
    targets = {target: n for n, target in enumerate(positions.targets_shown)}
    first = min(
        zip(pairs["statements"], pairs[S.ACTOR], pairs[S.TOPIC], strict=True),
        key=lambda pair: (-int(pair[0]), holders[pair[1]], targets[pair[2]]),
    )
    return str(first[1]), str(first[2])


#: The name of the matrix of positions between actors (its PNG's file name).
POSITIONS_CHART = "positions between actors"


def position_chart(tables: Tables) -> Chart:
    """The matrix of positions between actors."""
    positions = tables.positions
    figure = position_matrix(
        positions.rows,
        where=positions.where,
        holders=positions.holders_shown,
        targets=positions.targets_shown,
    )
    return Chart(PAGE, POSITIONS_CHART, figure)


def topic_charts(tables: Tables) -> list[Chart]:
    """The stance bars of each topic charted."""
    return [
        Chart(PAGE, f"stance {topic}", stance_bars(tables.shown[topic], topic))
        for topic in tables.topics
    ]


def charts(tables: Tables) -> list[Chart]:
    """The stance bars of each topic charted, then the matrix of positions between
    actors."""
    return [*topic_charts(tables), position_chart(tables)]
