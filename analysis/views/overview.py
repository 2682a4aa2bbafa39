"""The Overview page's view: the timeline of articles and sentiment toward an actor, and
(:func:`compare`) a card per outlet with the largest differences between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.charts import outlet_colours
from analysis.differences import Differences, differences
from analysis.omissions import carried, find_omissions, omission_evidence
from analysis.outlets import Outlets
from analysis.overview import (
    OutletSummaries,
    actors_by_mentions,
    outlet_cards,
    outlet_summaries,
    timeline,
    timeline_period,
)
from analysis.tables import Analysis
from analysis.timeline_charts import timeline_chart
from analysis.views import voice_kinds
from analysis.views.base import Chart, chosen_outlets, every_outlet, once, per_outlet

PAGE = "Overview"
#: Outlets compared before the user chooses: those with the most articles.
DEFAULT_CARDS = 6


@dataclass(frozen=True)
class Selection:
    """The Overview page's choices: the ``outlets`` compared (None: every outlet) and the
    ``actor`` whose sentiment the timeline follows (None: the most mentioned)."""

    outlets: tuple[str, ...] | None = None
    actor: str | None = None


class Tables(NamedTuple):
    """The timeline of the chosen outlets: every mentioned ``actors`` (most mentioned
    first), the ``actor`` followed ("" when none is mentioned), the ``period`` of the
    ``timeline`` (empty when no actor is mentioned), the outlets' ``colours`` and how many
    articles of the chosen outlets are ``undated`` (not in the timeline)."""

    actors: list[str]
    actor: str
    period: str
    timeline: pd.DataFrame
    colours: dict[str, str]
    undated: int = 0


class Comparison(NamedTuple):
    """The outlet ``cards`` and the largest ``differences`` between the outlets."""

    cards: pd.DataFrame
    differences: Differences


def timeline_actors(analysis: Analysis) -> list[str]:
    """The actors the timeline can follow: every actor mentioned, most mentioned first."""
    return actors_by_mentions(analysis.actor_summary)


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Overview page's timeline for ``selection`` (analysis.overview.timeline)."""
    actors = timeline_actors(analysis)
    actor = selection.actor or (actors[0] if actors else "")
    period = timeline_period(analysis.articles[S.PUBLISHED])
    frame = pd.DataFrame()
    outlets = chosen_outlets(analysis, selection.outlets)
    if actor:
        mentions = analysis.rows("actor_sentiment", **{S.ACTOR: [actor]})
        frame = timeline(analysis.articles, mentions, actor=actor, period=period)
        frame = frame[frame[S.OUTLET].isin(outlets)]
    chosen = analysis.articles[analysis.articles[S.OUTLET].isin(outlets)]
    undated = int(pd.to_datetime(chosen[S.PUBLISHED], errors="coerce").isna().sum())
    colours = outlet_colours(analysis.articles[S.OUTLET])
    return Tables(actors, actor, period, frame, colours, undated)


@per_outlet
def _summaries(analysis: Analysis) -> tuple[pd.DataFrame, ...]:
    return tuple(outlet_summaries(analysis))


def _cards(analysis: Analysis) -> pd.DataFrame:
    return outlet_cards(analysis, summaries=OutletSummaries(*once(analysis, _summaries)))


def _differences(
    analysis: Analysis, outlets: tuple[str, ...] | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    summaries = OutletSummaries(*once(analysis, _summaries))
    found = differences(analysis, summaries if outlets is None else summaries.of(outlets))
    return found.summary, found.evidence


def _outlet_sizes(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet, the largest first (ties: first by name)."""
    sizes = articles.groupby(S.OUTLET).agg(articles=(S.OUTLET, "size"), words=(S.N_WORDS, "sum"))
    return sizes.sort_values(["articles", "words"], ascending=False, kind="stable")


def default_outlets(articles: pd.DataFrame) -> list[str]:
    """The :data:`DEFAULT_CARDS` outlets with the most articles (ties: the most words, then
    first by name), sorted: those the Overview compares before the user chooses."""
    return sorted(_outlet_sizes(articles).index[:DEFAULT_CARDS])


def default_said(articles: pd.DataFrame) -> str:
    """What the Overview says of the outlets it opens on (:func:`default_outlets`): "" when
    they are every outlet."""
    sizes = _outlet_sizes(articles)
    if len(sizes) <= DEFAULT_CARDS:
        return ""
    chosen = sizes.iloc[:DEFAULT_CARDS]
    tied = chosen["articles"].min() == sizes["articles"].iloc[DEFAULT_CARDS]
    most = "the most articles" + (" (ties: the most words)" if tied else "")
    return (
        f"Shown first: the {DEFAULT_CARDS} of {len(sizes)} outlets with {most}; "
        "choose others below."
    )


def compare(analysis: Analysis, outlets: tuple[str, ...] | None = None) -> Comparison:
    """The cards of ``outlets`` (None: every outlet) and the largest differences between
    them (analysis.overview.outlet_cards, analysis.differences.differences). Both are made of
    the outlets' summaries (:class:`~analysis.overview.OutletSummaries`, made once per
    analysis, an outlet at a time for a stored one): a card holds facts of its outlet alone,
    so the cards of the chosen outlets are taken from those of every outlet, and their
    differences, made once per choice of outlets, read only the evidence of those listed."""
    chosen = chosen_outlets(analysis, outlets)
    key = None if chosen == every_outlet(analysis) else tuple(chosen)
    every = once(analysis, _cards)
    cards = every if key is None else every[every[S.OUTLET].isin(chosen)].reset_index(drop=True)
    summary, evidence = once(analysis, _differences, key)
    return Comparison(cards, Differences(summary, evidence))


class OmissionTables(NamedTuple):
    """What each chosen outlet leaves out (analysis.omissions): the omissions ``found`` (at
    most a few per outlet, ranked), each outlet's ``units`` row (its size and status: omissions,
    no omission, too little text, too few other outlets) and the ``evidence`` sentences of the
    outlets that carry each omission."""

    found: pd.DataFrame
    units: pd.DataFrame
    evidence: pd.DataFrame


@per_outlet
def _carried(analysis: Analysis) -> pd.DataFrame:
    return carried(analysis)


def _omissions(
    analysis: Analysis, outlets: tuple[str, ...] | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    found = find_omissions(once(analysis, _carried), analysis.articles, outlets=outlets)
    evidence = omission_evidence(analysis, found.found, outlets=outlets)
    return found.found, found.units, evidence


def omissions(analysis: Analysis, outlets: tuple[str, ...] | None = None) -> OmissionTables:
    """What each of ``outlets`` (None: every outlet) leaves out that most of the others carry,
    with the evidence: made once per choice of outlets, of the outlets' counts (made once per
    analysis, an outlet at a time for a stored one)."""
    chosen = chosen_outlets(analysis, outlets)
    key = None if chosen == every_outlet(analysis) else tuple(chosen)
    return OmissionTables(*once(analysis, _omissions, key))


def group_omissions(
    analysis: Analysis,
    outlets_file: Outlets,
    grouping: str,
    outlets: tuple[str, ...] | None = None,
) -> OmissionTables:
    """What each group of ``grouping`` (a grouping of the outlets file ``outlets_file``)
    leaves out: what none of its outlets among ``outlets`` (None: every outlet) carries while
    most of the others do (``outlet`` names the group)."""
    groups = voice_kinds.grouping_map(analysis, outlets_file, grouping)
    found = find_omissions(
        once(analysis, _carried), analysis.articles, outlets=outlets, groups=groups
    )
    evidence = omission_evidence(analysis, found.found, outlets=outlets)
    return OmissionTables(found.found, found.units, evidence)


def outlet_omissions(tables: OmissionTables, outlet: str) -> tuple[str, list[str]]:
    """The status of ``outlet`` ("" when it is not among the units) and the statements of
    its omissions, most telling first."""
    units = tables.units[tables.units[S.OUTLET] == outlet]
    found = tables.found[tables.found[S.OUTLET] == outlet]
    status = str(units[S.STATUS].iloc[0]) if len(units) else ""
    return status, found[S.STATEMENT].astype(str).tolist()


def card_sections(cards: pd.DataFrame, outlet: str) -> list[tuple[str, pd.DataFrame]]:
    """The facts of ``outlet``'s card (``cards``: :attr:`Comparison.cards`), section by
    section in the order of the cards."""
    facts = cards[cards[S.OUTLET] == outlet]
    return [(str(section), rows) for section, rows in facts.groupby(S.SECTION, sort=False)]


def charts(tables: Tables) -> list[Chart]:
    """The timeline of the actor followed (none when no actor is mentioned)."""
    if not tables.actor:
        return []
    figure = timeline_chart(
        tables.timeline,
        tables.actor,
        period=tables.period,
        colours=tables.colours,
        undated=tables.undated,
    )
    return [Chart(PAGE, f"timeline {tables.actor}", figure)]
