"""The Actors page's view: sentiment toward each actor, outlet by outlet."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.actors import HOW_ENTITY, Registry, entity_counts, found_from_counts
from analysis.aggregate import MIN_MENTIONS, actor_summary, at_least
from analysis.charts import outlet_colours
from analysis.sentiment_charts import BAR_OUTLETS, sentiment_bars, sentiment_heatmap
from analysis.tables import Analysis
from analysis.views.base import (
    Chart,
    articles_where,
    chosen_outlets,
    limits,
    once,
    per_outlet,
    ranked,
    with_sentences,
)

PAGE = "Actors"
#: Actors shown when none are chosen: the most mentioned.
TOP_ACTORS = 8


@dataclass(frozen=True)
class Selection:
    """The Actors page's choices: ``outlets`` and ``actors`` shown (None: every outlet, the
    :data:`TOP_ACTORS` most mentioned actors) and ``min_mentions``, below which an
    outlet-actor pair shows "too few" instead of a score."""

    outlets: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    min_mentions: int = field(default=MIN_MENTIONS, metadata=limits(1, 100))


class Tables(NamedTuple):
    """What the Actors page shows: the outlet x actor ``summary`` (every outlet and actor),
    its ``actors`` most mentioned first, the rows ``shown`` for the selection, and what the
    charts need: ``method``, the sentiment method that scored the mentions (the analysis's,
    "" when not known)."""

    summary: pd.DataFrame
    actors: list[str]
    shown: pd.DataFrame
    min_mentions: int
    colours: dict[str, str]
    method: str = ""


@per_outlet
def _summary(analysis: Analysis, min_mentions: int) -> pd.DataFrame:
    if min_mentions >= MIN_MENTIONS:  # the analysis's summary holds every figure needed
        return at_least(analysis.actor_summary, min_mentions)
    return actor_summary(analysis.actor_sentiment, analysis.articles, min_mentions=min_mentions)


def _ranked(summary: pd.DataFrame) -> list[str]:
    return ranked(summary, S.ACTOR, S.MENTIONS) if len(summary) else []


def actor_choices(analysis: Analysis, min_mentions: int = MIN_MENTIONS) -> list[str]:
    """The actors the Actors page offers when pairs need ``min_mentions``: every actor
    mentioned, most mentioned first (none when no actor is)."""
    return _ranked(once(analysis, _summary, min_mentions))


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Actors page's tables for ``selection`` (analysis.aggregate.actor_summary)."""
    summary = once(analysis, _summary, selection.min_mentions)
    actors = _ranked(summary)
    chosen = actors[:TOP_ACTORS] if selection.actors is None else list(selection.actors)
    outlets = chosen_outlets(analysis, selection.outlets)
    shown = summary[summary[S.OUTLET].isin(outlets) & summary[S.ACTOR].isin(chosen)]
    colours = outlet_colours(analysis.articles[S.OUTLET])
    return Tables(summary, actors, shown, selection.min_mentions, colours, analysis.sentiment)


@per_outlet
def _entities(analysis: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The :func:`entity_counts` of each outlet, concatenated in the order of the outlets'
    names (as :func:`per_outlet` promises: a stored analysis makes them a few outlets at a
    time, and :func:`found_from_counts` adds them up)."""
    mentions = analysis.rows("mentions", **{S.HOW: [HOW_ENTITY]})
    outlets = mentions[S.ARTICLE_ID].map(analysis.articles.set_index(S.ARTICLE_ID)[S.OUTLET])
    parts = [entity_counts(rows) for _, rows in mentions.groupby(outlets, sort=True)]
    if not parts:
        return entity_counts(mentions)
    return tuple(pd.concat(frames, ignore_index=True) for frames in zip(*parts, strict=True))  # type: ignore[return-value]


def found(analysis: Analysis, registry: Registry | None = None) -> pd.DataFrame:
    """The actors found in the text outside ``registry`` (None: the built-in one), most
    mentioned first (:func:`analysis.actors.found_actors`), of the names found counted once
    per analysis (stored with a results folder: the page reads no mention to list them)."""
    return found_from_counts(once(analysis, _entities), registry=registry)


def _evidence_where(analysis: Analysis, outlet: str, actor: str) -> dict[str, Collection[str]]:
    return {S.ACTOR: [actor], **articles_where(analysis, [outlet])}


def evidence(analysis: Analysis, outlet: str, actor: str, limit: int | None = None) -> pd.DataFrame:
    """The mentions of ``actor`` in ``outlet``'s articles with their sentiment (the columns
    of actor_sentiment), their sentence (``sentence``, ``sentence_start``) and their
    article's title: the first ``limit`` in table order (None: every one; only their
    articles' sentences are read)."""
    rows = analysis.rows("actor_sentiment", limit, **_evidence_where(analysis, outlet, actor))
    return with_sentences(rows, analysis)


def evidence_count(analysis: Analysis, outlet: str, actor: str) -> int:
    """How many mentions :func:`evidence` has without a limit (counted, not read)."""
    return analysis.count("actor_sentiment", **_evidence_where(analysis, outlet, actor))


def charts(tables: Tables, *, every_outlet: bool = False) -> list[Chart]:
    """The sentiment heatmap and bars of the rows shown (none when no actor is mentioned),
    their titles naming the sentiment method that scored the mentions (the analysis's: on
    the page, in the exports and on the command line alike); the bars of the
    :data:`~analysis.sentiment_charts.BAR_OUTLETS` outlets with the most mentions unless
    ``every_outlet``."""
    if tables.summary.empty:
        return []
    return [
        Chart(
            PAGE,
            "sentiment heatmap",
            sentiment_heatmap(tables.shown, min_mentions=tables.min_mentions, method=tables.method),
        ),
        Chart(
            PAGE,
            "sentiment bars",
            sentiment_bars(
                tables.shown,
                colours=tables.colours,
                method=tables.method,
                outlets=None if every_outlet else BAR_OUTLETS,
            ),
        ),
    ]
