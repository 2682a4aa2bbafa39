"""The Framing page's view: contested terms, news frames and labels, outlet by outlet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import (
    LabelCounts,
    frame_summary,
    label_counts,
    label_summary_of,
    term_summary,
)
from analysis.tables import Analysis
from analysis.views.base import Chart, chosen_outlets, first_rows, of_group, once, per_outlet
from analysis.word_charts import frame_heatmap, term_heatmap, term_voice_bars

PAGE = "Framing"


@dataclass(frozen=True)
class Selection:
    """The Framing page's choices: the ``outlets`` (None: every outlet) and the contested
    ``group`` charted (None: every group in use, two charts each)."""

    outlets: tuple[str, ...] | None = None
    group: str | None = None


class Tables(NamedTuple):
    """What the Framing page shows, for the chosen outlets: the ``term_summary``, the
    contested ``groups`` in use (most used first) and those ``charted``, the
    ``frame_summary`` and the ``label_summary`` (the per-article tables are read when they
    are shown: :func:`article_scores`, :func:`headlines`, :func:`uses`, :func:`labels`,
    :func:`answers`); the body ``uses`` of each group in use, and the labelled ``actors``,
    most labels first."""

    term_summary: pd.DataFrame
    groups: list[str]
    charted: list[str]
    frame_summary: pd.DataFrame
    label_summary: pd.DataFrame
    uses: dict[str, int]
    actors: list[str]


def _of(frame: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    return frame[frame[S.OUTLET].isin(outlets)]


@per_outlet
def _summaries(analysis: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = analysis.articles
    return term_summary(analysis.terms, articles), frame_summary(analysis.frames, articles)


@per_outlet
def _label_counts(analysis: Analysis) -> tuple[pd.DataFrame, ...]:
    return tuple(label_counts(analysis.labels, analysis.articles))


def _label_summary(analysis: Analysis) -> pd.DataFrame:
    return label_summary_of(LabelCounts(*once(analysis, _label_counts)))


def group_uses(terms: pd.DataFrame) -> dict[str, int]:
    """The body uses (0 or more) of each contested group of ``terms`` (a term summary): most
    used first, then by name."""
    uses = terms.groupby(S.GROUP)[S.COUNT].sum()
    order = sorted(uses.index, key=lambda group: (-uses[group], group))
    return {str(group): int(uses[group]) for group in order}


def labelled_actors(labels: pd.DataFrame) -> list[str]:
    """The actors of ``labels`` (a label summary), most labels first."""
    if labels.empty:
        return []
    counts = labels.groupby(S.ACTOR)[S.COUNT].sum().sort_values(ascending=False)
    return [str(actor) for actor in counts.index]


def group_terms(tables: Tables, group: str) -> list[str]:
    """The terms of contested ``group`` the chosen outlets use, by name."""
    summary = tables.term_summary
    return [str(term) for term in sorted(set(summary.loc[summary[S.GROUP] == group, S.TERM]))]


def term_groups(analysis: Analysis) -> dict[tuple[str, str], str]:
    """The contested group of each term an outlet uses, by (outlet, term)."""
    terms = once(analysis, _summaries)[0]
    return {(row.outlet, row.term): row.group for row in terms.itertuples()}


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Framing page's tables for ``selection`` (analysis.aggregate)."""
    outlets = chosen_outlets(analysis, selection.outlets)
    terms, frames = (_of(frame, outlets) for frame in once(analysis, _summaries))
    labels = _of(once(analysis, _label_summary), outlets)
    uses = group_uses(terms)
    groups = list(uses)
    tables = Tables(terms, groups, groups, frames, labels, uses, labelled_actors(labels))
    return of_group(tables, selection.group)


def uses(
    analysis: Analysis, term: str, outlets: tuple[str, ...] | None, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The uses of contested ``term`` in the articles of ``outlets`` (None: every outlet):
    the first ``limit`` (None: all) and how many there are."""
    return first_rows(analysis, "term_hits", outlets, limit, **{S.TERM: [term]})


def labels(
    analysis: Analysis, actor: str, outlets: tuple[str, ...] | None, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The labels given to ``actor`` in the articles of ``outlets`` (None: every outlet):
    the first ``limit`` (None: all) and how many there are."""
    return first_rows(analysis, "labels", outlets, limit, **{S.ACTOR: [actor]})


def answers(analysis: Analysis, article_id: str | None = None) -> pd.DataFrame:
    """The codebook answers of the article ``article_id`` (None: of every article's
    headline)."""
    if article_id is None:
        return analysis.rows("frame_answers", **{S.HEADLINE: [True]})
    return analysis.rows("frame_answers", **{S.ARTICLE_ID: [article_id]})


def article_scores(analysis: Analysis, outlets: tuple[str, ...]) -> pd.DataFrame:
    """The frame scores of each article of ``outlets``: a column per frame (0..1, higher =
    more of its codebook questions answered yes), then outlet and title."""
    articles = analysis.articles[analysis.articles[S.OUTLET].isin(outlets)]
    return (
        analysis.rows("frames", **{S.ARTICLE_ID: articles[S.ARTICLE_ID]})
        .pivot(index=S.ARTICLE_ID, columns=S.FRAME, values=S.SCORE)
        .reset_index()
        .merge(articles[[S.ARTICLE_ID, S.OUTLET, S.TITLE]], on=S.ARTICLE_ID)
        .drop(columns=S.ARTICLE_ID)
    )


def headlines(
    analysis: Analysis, outlets: tuple[str, ...], limit: int | None = None
) -> pd.DataFrame:
    """Each article of ``outlets`` (the first ``limit``; None: all): outlet, title, the
    contested terms and frame cues of its headline and the contested terms of its body (each
    joined by ", ")."""
    articles = analysis.articles[analysis.articles[S.OUTLET].isin(outlets)].head(limit)
    ids = set(articles[S.ARTICLE_ID])
    terms = analysis.rows("terms", **{S.ARTICLE_ID: ids})
    in_title = terms[terms[S.HEADLINE] > 0].groupby(S.ARTICLE_ID)[S.TERM].agg(", ".join)
    answers = analysis.rows("frame_answers", **{S.HEADLINE: [True]})
    answers = answers[answers[S.ARTICLE_ID].isin(ids)]
    frames = answers.groupby(S.ARTICLE_ID)[S.FRAME].agg(lambda f: ", ".join(sorted(set(f))))
    body_terms = terms[terms[S.COUNT] > 0].groupby(S.ARTICLE_ID)[S.TERM].agg(", ".join)
    order = articles[S.ARTICLE_ID].tolist()
    return pd.DataFrame(
        {
            S.OUTLET: articles[S.OUTLET].to_numpy(),
            S.TITLE: articles[S.TITLE].to_numpy(),
            "headline terms": [in_title.get(i, "") for i in order],
            "headline frames": [frames.get(i, "") for i in order],
            "body terms": [body_terms.get(i, "") for i in order],
        }
    )


def term_charts(tables: Tables) -> list[Chart]:
    """Per contested group charted, its terms per outlet and their share in the outlet's own
    voice."""
    found = []
    for group in tables.charted:
        summary = tables.term_summary
        found += [
            Chart(PAGE, f"terms {group}", term_heatmap(summary, group)),
            Chart(PAGE, f"terms own voice {group}", term_voice_bars(summary, group)),
        ]
    return found


def frame_charts(tables: Tables) -> list[Chart]:
    """The news frames per outlet."""
    return [Chart(PAGE, "news frames", frame_heatmap(tables.frame_summary))]


def charts(tables: Tables) -> list[Chart]:
    """The charts of the contested terms, then the news frames."""
    return term_charts(tables) + frame_charts(tables)
