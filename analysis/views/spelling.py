"""The Spelling page's view: how each outlet spells names written more than one way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import house_styles, mixed_spellings, spelling_summary
from analysis.tables import Analysis
from analysis.views.base import Chart, chosen_outlets, first_rows, of_group, once, per_outlet
from analysis.word_charts import candidate_bars, house_style_heatmap, spelling_heatmap

PAGE = "Spelling"
#: The summary's count of uses of a spelling by an outlet.
USES = "uses"
#: Fewest uses of a variant group drawn as a heatmap (fewer: the chart says so).
MIN_CHART_USES = 3


@dataclass(frozen=True)
class Selection:
    """The Spelling page's choices: the ``outlets`` (None: every outlet) and the variant
    ``group`` charted outlet by outlet (None: every group, a chart each)."""

    outlets: tuple[str, ...] | None = None
    group: str | None = None


class GroupCounts(NamedTuple):
    """A variant group's different ``spellings`` used and its ``uses`` (each 1 or more)."""

    spellings: int
    uses: int


class Tables(NamedTuple):
    """What the Spelling page shows, for the chosen outlets: the ``summary`` of spellings per
    outlet, the house ``styles``, the articles with ``mixed`` spellings, the variant
    ``groups`` in use (most spellings, then most uses, first) and those ``charted``; for
    the whole corpus the discovered ``candidates`` (each use is read when it is shown:
    :func:`uses`); and the ``counts`` of each group in use."""

    summary: pd.DataFrame
    styles: pd.DataFrame
    mixed: pd.DataFrame
    groups: list[str]
    charted: list[str]
    candidates: pd.DataFrame
    counts: dict[str, GroupCounts]


def _of(frame: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    return frame[frame[S.OUTLET].isin(outlets)]


def group_counts(summary: pd.DataFrame) -> dict[str, GroupCounts]:
    """The variant groups of ``summary`` with their counts: most spellings first, then most
    uses, then by name."""
    variety = summary.groupby(S.GROUP)[S.VARIANT].nunique()
    uses = summary.groupby(S.GROUP)[USES].sum()
    order = sorted(variety.index, key=lambda g: (-variety[g], -uses[g], g))
    return {str(group): GroupCounts(int(variety[group]), int(uses[group])) for group in order}


@per_outlet
def _summaries(analysis: Analysis) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    spellings, articles = analysis.spellings, analysis.articles
    return (
        spelling_summary(spellings, articles),
        house_styles(spellings, articles),
        mixed_spellings(spellings, articles),
    )


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Spelling page's tables for ``selection`` (analysis.aggregate)."""
    outlets = chosen_outlets(analysis, selection.outlets)
    summary, styles, mixed = (_of(frame, outlets) for frame in once(analysis, _summaries))
    counts = group_counts(summary)
    groups = list(counts)
    tables = Tables(summary, styles, mixed, groups, groups, analysis.spelling_candidates, counts)
    return of_group(tables, selection.group)


def group_rows(tables: Tables, group: str) -> pd.DataFrame:
    """The summary rows of ``group``: its spellings, outlet by outlet."""
    return tables.summary[tables.summary[S.GROUP] == group]


def uses(
    analysis: Analysis, group: str, outlets: tuple[str, ...] | None, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The uses of the spellings of ``group`` in the body text of the articles of
    ``outlets`` (None: every outlet), the first ``limit`` in table order (None: all), and
    how many there are in all."""
    return first_rows(analysis, "spelling_hits", outlets, limit, **{S.GROUP: [group]})


def style_charts(tables: Tables) -> list[Chart]:
    """The house styles heatmap; when no name of the variant groups is written more than
    one way here, the bars of the names the corpus writes so (the candidates), and no chart
    when there are none either (the page says so: :func:`no_styles`), so that the page never
    opens on an empty chart."""
    figure = house_style_heatmap(tables.styles, candidates=len(tables.candidates))
    if figure.data:
        return [Chart(PAGE, "house styles", figure)]
    if len(tables.candidates):
        return [Chart(PAGE, "spellings found", candidate_bars(tables.candidates))]
    return []


def no_styles() -> str:
    """What the page says instead of a chart when no name is written more than one way."""
    return "Every name is written one way in these articles: no house style to compare."


def too_few(counts: GroupCounts, group: str) -> str:
    """What the chart of ``group`` says instead of a heatmap when it has fewer than
    :data:`MIN_CHART_USES` uses ("" when it has enough)."""
    if counts.uses >= MIN_CHART_USES:
        return ""
    uses = "1 use" if counts.uses == 1 else f"{counts.uses} uses"
    return (
        f"Only {uses} of {group} in these articles: too few to compare outlets (a chart needs "
        f"{MIN_CHART_USES}); the table below lists {'it' if counts.uses == 1 else 'them'}."
    )


def too_few_of(tables: Tables, group: str) -> str:
    """:func:`too_few` of ``group`` in ``tables`` ("" for a group not in use: its chart says
    that no outlet names it)."""
    return too_few(tables.counts[group], group) if group in tables.counts else ""


def group_charts(tables: Tables) -> list[Chart]:
    """The spellings of each group charted, outlet by outlet; a group with too few uses has
    no chart (the page says why: :func:`too_few_of`), so that no empty chart is drawn."""
    return [
        Chart(PAGE, f"spelling {group}", spelling_heatmap(tables.summary, group))
        for group in tables.charted
        if not too_few_of(tables, group)
    ]


def charts(tables: Tables) -> list[Chart]:
    """The house styles heatmap and the spellings of each group charted."""
    return style_charts(tables) + group_charts(tables)
