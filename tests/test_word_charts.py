"""The charts of the Keywords, Spelling and Framing pages (analysis.word_charts)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.aggregate import term_summary
from analysis.charts import MAX_LABEL_MARGIN
from analysis.tables import Analysis
from analysis.word_charts import distinctive_scatter, keyword_heatmap, term_voice_bars


def test_count_axes_tick_whole_numbers_only_while_counts_are_small(
    seeds_analysis: Analysis,
) -> None:
    summary = term_summary(seeds_analysis.terms, seeds_analysis.articles)
    group = summary.groupby(S.GROUP)[S.COUNT].sum().idxmax()
    small = term_voice_bars(summary, group)
    assert small.layout.xaxis.dtick == 1
    # an archive's counts: a tick per use would be thousands of ticks (the browser stalls)
    large = term_voice_bars(summary.assign(own=summary["own"] * 1000), group)
    assert large.layout.xaxis.dtick is None


def test_heatmaps_keep_room_above_the_cells_for_long_slanted_outlet_names() -> None:
    short = pd.DataFrame([[0.5, 0.2]], index=["talks"], columns=["AP", "BBC"])
    names = [f"Capital Daily News (translation {n})" for n in range(30)]
    long = pd.DataFrame([[0.5] * 30], index=["talks"], columns=names)
    small, large = keyword_heatmap(short), keyword_heatmap(long)
    assert small.layout.margin.t < large.layout.margin.t <= MAX_LABEL_MARGIN
    assert large.layout.height >= large.layout.margin.t + 26
    for figure in (small, large):
        assert figure.layout.xaxis.side == "top" and figure.layout.xaxis.title.text is None
        assert figure.layout.title.y == 1  # the title above the names, not among them


def test_the_distinctive_scatter_labels_neither_overlap_nor_are_cut() -> None:
    """Issue 44: labels printed on each other, and those at the axis's edge were cut
    ("akistan agreed")."""
    terms = [f"term number {n}" for n in range(41)]
    distinctive = pd.DataFrame(
        {
            S.OUTLET: "A",
            S.TERM: terms,
            S.COUNT: [1 + n % 3 for n in range(41)],
            S.Z: [3.0 - n * 0.005 for n in range(40)] + [-3.0],
        }
    )
    trace = distinctive_scatter(distinctive, "A", colour="#000000").data[0]
    assert trace.cliponaxis is False
    named = [n for n, text in enumerate(trace.text) if text]
    assert len(named) == 4  # a label per cluster of points (3 counts) and the outlier
    sides = dict(zip(trace.x, trace.textposition, strict=True))
    assert sides[1] == "middle right" and sides[3] == "middle left"
