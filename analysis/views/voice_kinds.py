"""The kinds of voices each outlet carries (the Voices page's second part): the share of its
quoted words and quotes by speaker kind (official, politician, expert, journalist, citizen,
anonymous, unknown: :mod:`analysis.speaker_kinds`) and the diversity of those kinds with its
interval."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.charts import HEIGHT, PALETTE, empty_figure, new_figure
from analysis.outlets import Outlets, group_labels, groupings
from analysis.speaker_kinds import ROLES, UNKNOWN, outlet_roles, voice_diversity, voice_kinds
from analysis.tables import Analysis
from analysis.views.base import Chart, every_outlet, once, per_outlet

PAGE = "Voices"
#: The name of the chart (and of its PNG).
CHART = "voice kinds"
#: Each kind's colour (unknown in grey).
COLOURS: dict[str, str] = {
    **dict(zip(ROLES, PALETTE, strict=False)),
    UNKNOWN: "#BBBBBB",
}


class KindTables(NamedTuple):
    """The chosen outlets' ``kinds`` (:func:`analysis.speaker_kinds.voice_kinds`: one row per
    outlet and kind) and ``diversity`` (:func:`analysis.speaker_kinds.voice_diversity`: one
    row per outlet)."""

    kinds: pd.DataFrame
    diversity: pd.DataFrame


@per_outlet
def _kinds(analysis: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    quotes, articles = analysis.quotes, analysis.articles
    roles = outlet_roles(analysis.speaker_roles, quotes, analysis.labels, articles)
    return voice_kinds(roles, quotes, articles), voice_diversity(roles, quotes, articles)


def kind_tables(analysis: Analysis, outlets: Sequence[str]) -> KindTables:
    """The kinds of voices of ``outlets`` (each outlet's are made once per analysis, of its
    rows alone, and filtered)."""
    kinds, diversity = once(analysis, _kinds)
    return KindTables(
        kinds[kinds[S.OUTLET].isin(outlets)].reset_index(drop=True),
        diversity[diversity[S.OUTLET].isin(outlets)].reset_index(drop=True),
    )


@per_outlet
def _roles(analysis: Analysis) -> pd.DataFrame:
    quotes, articles = analysis.quotes, analysis.articles
    roles = outlet_roles(analysis.speaker_roles, quotes, analysis.labels, articles)
    keys = [S.ARTICLE_ID, S.QUOTE_ID]
    roles = roles.merge(quotes[[*keys, S.WORDS]], on=keys)
    outlet = roles[S.ARTICLE_ID].map(articles.set_index(S.ARTICLE_ID)[S.OUTLET])
    return roles.iloc[np.argsort(outlet.to_numpy(dtype=str), kind="stable")].reset_index(drop=True)


def grouping_map(analysis: Analysis, outlets: Outlets, grouping: str) -> dict[str, str]:
    """Each outlet of ``analysis`` that has a label in ``grouping`` of ``outlets`` (the
    outlets file) -> that label."""
    if grouping not in groupings(outlets):
        return {}
    labels = group_labels(outlets, names=every_outlet(analysis))
    pairs = zip(labels[S.OUTLET], labels[grouping], strict=True)
    return {str(outlet): str(label) for outlet, label in pairs if pd.notna(label)}


def group_kind_tables(analysis: Analysis, outlets: Outlets, grouping: str) -> KindTables:
    """The kinds of voices of each group of ``grouping`` (a grouping of the outlets file
    ``outlets``): the quotes of its outlets together, the diversity interval over its
    articles; outlets with no label in it are left out (``outlet`` names the group)."""
    groups = grouping_map(analysis, outlets, grouping)
    roles = once(analysis, _roles)
    words = roles[[S.ARTICLE_ID, S.QUOTE_ID, S.WORDS]]
    bare = roles.drop(columns=[S.WORDS])
    articles = analysis.articles
    return KindTables(
        voice_kinds(bare, words, articles, groups=groups),
        voice_diversity(bare, words, articles, groups=groups),
    )


def kind_bars(kinds: pd.DataFrame) -> go.Figure:
    """Share of each outlet's quoted words by kind of speaker (100% stacked bars, the share
    of quotes in the hover)."""
    title = "Whose voices: share of each outlet's quoted words by kind of speaker"
    if kinds.empty or kinds[S.WORDS].sum() == 0:
        return empty_figure(title, "No attributed quotes in these articles.")
    outlets = sorted(kinds[S.OUTLET].unique())
    figure = new_figure(title, barmode="stack", height=max(HEIGHT, 160 + 40 * len(outlets)))
    for role in ROLES:
        rows = kinds[kinds[S.ROLE] == role].set_index(S.OUTLET).reindex(outlets)
        if rows[S.QUOTES].fillna(0).sum() == 0:
            continue
        figure.add_trace(
            go.Bar(
                name=role,
                y=outlets,
                x=rows[S.SHARE_WORDS].fillna(0) * 100,
                customdata=rows[[S.SHARE_QUOTES, S.QUOTES]].fillna(0).to_numpy(),
                orientation="h",
                marker_color=COLOURS[role],
                hovertemplate=f"%{{y}}<br>{role}: %{{x:.0f}}% of quoted words, "
                "%{customdata[1]:.0f} quotes (%{customdata[0]:.0%})<extra></extra>",
            )
        )
    figure.update_xaxes(title_text="share of the outlet's quoted words (%)", range=[0, 100])
    figure.update_yaxes(autorange="reversed")  # no title beside the outlets' names
    figure.update_layout(legend_title_text="kind of speaker", legend_traceorder="normal")
    return figure


def charts(tables: KindTables) -> list[Chart]:
    """The stacked bars of the kinds of voices."""
    return [Chart(PAGE, CHART, kind_bars(tables.kinds))]
