"""The charts of the words outlets choose (the Keywords, Spelling and Framing pages): top
keywords by outlet, each outlet's distinctive terms, spellings and house styles, contested
terms and whose words they are, and news frames, in the template of :mod:`analysis.charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.charts import (
    CELL_FONT,
    CELLS_PIXELS,
    HEIGHT,
    SCORE_CELL_PIXELS,
    empty_figure,
    label,
    names_margin,
    names_on_top,
    new_figure,
    stacked_bars,
    unit_ticks,
)


def keyword_heatmap(matrix: pd.DataFrame, *, kind: str = "keywords") -> go.Figure:
    """Which outlet uses which of the top keywords: rows = keywords (shared by most outlets
    first), columns = outlets, colour = the outlet's keyword score (0..1, 0 = not among its
    keywords)."""
    title = f"Top {kind} by outlet: shared and unique (score 0..1, blank = not used)"
    if matrix.empty:
        return empty_figure(title, "No keywords to compare.")
    values = matrix.where(matrix > 0)
    # a score in each cell while the cells are wide enough to read it (the hover always has it)
    written = len(matrix.columns) * SCORE_CELL_PIXELS <= CELLS_PIXELS
    text = matrix.map(lambda v: f"{v:.2f}" if v > 0 and written else "")
    top_margin = names_margin(matrix.columns)
    figure = new_figure(
        title,
        height=max(HEIGHT, top_margin + 50 + 26 * len(matrix)),
        margin={"t": top_margin, "l": 80, "r": 40},
    )
    figure.add_trace(
        go.Heatmap(
            z=values.to_numpy(),
            x=[str(c) for c in matrix.columns],
            y=[str(k) for k in matrix.index],
            text=text.to_numpy(),
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            hovertemplate="%{x}<br>%{y}: score %{z:.2f}<extra></extra>",
            colorbar={"title": {"text": "score"}},
        )
    )
    names_on_top(figure)
    figure.update_yaxes(autorange="reversed", showgrid=False)
    return figure


#: Least distance between two labelled points of the distinctive scatter, as a share of the
#: plot's width (log counts) and height (z-scores): closer labels would print on each other.
LABEL_GAP = (0.12, 0.06)


def _spaced_labels(rows: pd.DataFrame, labels: int) -> set[str]:
    """The terms of ``rows`` to name on the scatter: the ``labels`` most extreme (largest
    absolute z) whose points are :data:`LABEL_GAP` apart from every point named before."""
    x = np.log10(rows[S.COUNT].astype(float).to_numpy())
    y = rows[S.Z].astype(float).to_numpy()
    width, height = max(float(np.ptp(x)), 1e-9), max(float(np.ptp(y)), 1e-9)
    named: set[str] = set()
    placed: list[tuple[float, float]] = []
    for position in np.argsort(-np.abs(y), kind="stable"):
        near = any(
            abs(x[position] - px) / width < LABEL_GAP[0]
            and abs(y[position] - py) / height < LABEL_GAP[1]
            for px, py in placed
        )
        if not near:
            placed.append((x[position], y[position]))
            named.add(str(rows[S.TERM].iloc[position]))
        if len(named) >= labels:
            break
    return named


def _label_sides(counts: pd.Series) -> list[str]:
    """Where each point's label goes: to the right of points in the left quarter of the log
    axis, to the left of those in the right quarter, above the others (a label centred on
    the edge would be cut)."""
    x = np.log10(counts.astype(float).to_numpy())
    low, span = float(x.min()), max(float(np.ptp(x)), 1e-9)
    share = (x - low) / span
    return [
        "middle right" if at < 0.25 else "middle left" if at > 0.75 else "top center"
        for at in share
    ]


def distinctive_scatter(
    distinctive: pd.DataFrame, outlet: str, *, colour: str, labels: int = 12
) -> go.Figure:
    """One outlet's terms: frequency in the outlet (log axis) against the log-odds z-score
    (> 0 = used more than by the other outlets); the ``labels`` most extreme terms named."""
    title = f"Distinctive terms of {outlet}: frequency vs z-score (log-odds, informative prior)"
    rows = distinctive[(distinctive[S.OUTLET] == outlet) & (distinctive[S.COUNT] > 0)]
    if rows.empty:
        return empty_figure(title, "No terms to compare (one outlet, or too little text).")
    named = _spaced_labels(rows, labels)
    figure = new_figure(title, height=HEIGHT)
    figure.add_trace(
        go.Scatter(
            x=rows[S.COUNT],
            y=rows[S.Z],
            mode="markers+text",
            text=[label(t) if t in named else "" for t in rows[S.TERM]],
            textposition=_label_sides(rows[S.COUNT]),
            cliponaxis=False,
            customdata=rows[[S.TERM]].to_numpy(),
            marker={"color": colour, "size": 8, "opacity": 0.6},
            hovertemplate="%{customdata[0]}<br>count %{x}, z %{y:.2f}<extra></extra>",
            name=outlet,
        )
    )
    for level in (-1.96, 1.96):
        figure.add_hline(y=level, line_dash="dot", line_color="#999999")
    figure.update_xaxes(title_text="count in the outlet (log scale)", type="log")
    figure.update_yaxes(title_text="z-score (> 0 over-used, < 0 under-used; ±1.96 dotted)")
    return figure


def distinctive_bars(
    distinctive: pd.DataFrame, outlet: str, *, colour: str, top: int = 15
) -> go.Figure:
    """The terms one outlet over-uses most (largest z), longest bar first."""
    title = f"Terms {outlet} uses more than the other outlets (top {top} by z-score)"
    rows = distinctive[(distinctive[S.OUTLET] == outlet) & (distinctive[S.Z] > 0)].nlargest(
        top, S.Z
    )
    if rows.empty:
        return empty_figure(title, "No term is over-used by this outlet.")
    figure = new_figure(title, height=max(HEIGHT // 2, 120 + 28 * len(rows)))
    figure.add_trace(
        go.Bar(
            x=rows[S.Z],
            y=rows[S.TERM],
            orientation="h",
            marker_color=colour,
            customdata=rows[[S.COUNT]].to_numpy(),
            hovertemplate="%{y}: z %{x:.2f}, count %{customdata[0]}<extra></extra>",
        )
    )
    figure.update_xaxes(title_text="z-score (log-odds with informative Dirichlet prior)")
    figure.update_yaxes(title_text="term", autorange="reversed")
    return figure


def _matrix(
    title: str,
    values: pd.DataFrame,
    text: pd.DataFrame,
    *,
    axis: str,
    colour: tuple[str, str, float],
    hover: str,
) -> go.Figure:
    """A heatmap of ``values`` (rows down, columns across the top) with ``text`` in the
    cells; ``axis`` = the columns' title (the rows, outlets, have none: Plotly sets a
    vertical title beside the labels of its own rows, where it reads as one of them),
    ``colour`` = (colour of the maximum, colour bar title, maximum), the minimum being 0 in
    light grey."""
    top, label, maximum = colour
    longest = max((len(str(c)) for c in values.columns), default=0)
    figure = new_figure(
        title,
        height=max(HEIGHT, 200 + 48 * len(values)),
        # room above the plot for the column labels, which the browser may slant
        margin={"t": 160 + 6 * min(longest, 30), "l": 80, "r": 40},
    )
    figure.add_trace(
        go.Heatmap(
            z=values.to_numpy(dtype=float),
            x=[str(c) for c in values.columns],
            y=[str(i) for i in values.index],
            text=text.to_numpy(),
            texttemplate="%{text}",
            textfont={"size": CELL_FONT},
            zmin=0,
            zmax=maximum,
            colorscale=[[0.0, "#F7F7F7"], [1.0, top]],
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": label}},
            hovertemplate=hover,
        )
    )
    figure.update_xaxes(title_text=axis, side="top", showgrid=False)
    figure.update_yaxes(autorange="reversed", showgrid=False)
    return figure


def spelling_title(group: str) -> str:
    """The title of :func:`spelling_heatmap` of ``group``."""
    return f"How outlets spell {group}: uses per outlet (colour = share, ★ = house style)"


def spelling_heatmap(summary: pd.DataFrame, group: str) -> go.Figure:
    """How each outlet spells one entity: rows = outlets, columns = variants, colour = the
    variant's share of the outlet's uses (0..1), cells = uses; the outlet's house style is
    marked with ★."""
    title = spelling_title(group)
    rows = summary[summary[S.GROUP] == group]
    if rows.empty:
        return empty_figure(title, f"No outlet names {group} in these articles.")
    share, text = _shown_and_cells(rows, S.VARIANT, ("share", "uses", "house_style"), _uses_text)
    hover = "%{y}<br>%{x}: %{text} uses (share %{z:.0%})<extra></extra>"
    colour = ("#0072B2", "share of uses", 1.0)
    return _matrix(title, share, text, axis="spelling", colour=colour, hover=hover)


def _shown_and_cells(
    rows: pd.DataFrame,
    column: str,
    values: tuple[str, str, str],
    text: Callable[[Any, Any], str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An outlet x ``column`` matrix of ``rows``: the table of the first of ``values`` (the
    colour; missing cells 0) and the cells' texts made by ``text`` of the other two, cell by
    cell; columns in order of their total of the second value (the count), largest first."""
    order = list(rows.groupby(column)[values[1]].sum().sort_values(ascending=False).index)
    shown, counts, marks = (
        rows.pivot(index=S.OUTLET, columns=column, values=value).reindex(columns=order)
        for value in values
    )
    return shown.fillna(0), _cells(counts, marks, text)


def _cells(
    first: pd.DataFrame, second: pd.DataFrame, text: Callable[[Any, Any], str]
) -> pd.DataFrame:
    """Cell texts made from two tables of the same shape, cell by cell."""
    return pd.DataFrame(
        [
            [text(a, b) for a, b in zip(row_a, row_b, strict=True)]
            for row_a, row_b in zip(first.to_numpy(), second.to_numpy(), strict=True)
        ],
        index=first.index,
        columns=first.columns,
    )


def _uses_text(uses: float, house_style: object) -> str:
    if pd.isna(uses) or uses == 0:
        return ""
    return f"{int(uses)}{' ★' if house_style is True else ''}"


def no_house_styles(candidates: int) -> str:
    """What the house-styles chart says when no name of the variant groups is written more
    than one way, ``candidates`` other names being found written so."""
    said = "No name of the variant groups is written more than one way here"
    if not candidates:
        return said + "."
    names = "1 other name is" if candidates == 1 else f"{candidates} other names are"
    return f"{said}; {names} (see “Spellings found in this corpus” below)."


def house_style_heatmap(styles: pd.DataFrame, *, candidates: int = 0) -> go.Figure:
    """Each outlet's house style for every entity spelled more than one way in the corpus:
    cells name the outlet's most used spelling, colour = how consistently it is used (share
    of the outlet's uses, 0..1; below 1 = the outlet mixes spellings). When no group of the
    variant groups is, the chart says so, and names the ``candidates`` (other names found
    written more than one way) so as never to say that every name is spelled one way."""
    title = "House styles: each outlet's spelling of names written more than one way"
    contested = styles.groupby(S.GROUP)["style"].nunique()
    variety = styles[S.VARIANTS].str.contains(";").groupby(styles[S.GROUP]).any()
    groups = [g for g in contested.index if contested[g] > 1 or variety[g]]
    rows = styles[styles[S.GROUP].isin(groups)]
    if rows.empty:
        return empty_figure(title, no_house_styles(candidates))
    share = rows.pivot(index=S.OUTLET, columns=S.GROUP, values="share")
    names = rows.pivot(index=S.OUTLET, columns=S.GROUP, values="style").reindex_like(share)
    return _matrix(
        title,
        share.fillna(0),
        names.fillna(""),
        axis="entity",
        colour=("#009E73", "consistency", 1.0),
        hover="%{y}<br>%{x}: %{text} (%{z:.0%} of uses)<extra></extra>",
    )


#: Most proposed names :func:`candidate_bars` draws (the most used).
CANDIDATE_BARS = 15
#: Colours of a proposed name's spellings, most used first.
SPELLING_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")


def candidate_bars(candidates: pd.DataFrame, *, top: int = CANDIDATE_BARS) -> go.Figure:
    """The names the corpus writes more than one way that no variant group lists yet
    (:func:`analysis.spelling.discover_variants`), the ``top`` most used: a bar per name,
    its parts the uses of each spelling (named on the bar), most used first."""
    title = "Names written more than one way here (proposed below, not yet counted as one)"
    if candidates.empty:
        return empty_figure(title, "No name is written more than one way in these articles.")
    rows = candidates.head(top)
    counts = [
        [(form.rsplit(" ", 1)[0], int(form.rsplit(" ", 1)[1])) for form in str(c).split("; ")]
        for c in rows[S.COUNTS]
    ]
    names = [str(group) for group in rows[S.GROUP]]
    figure = new_figure(title, barmode="stack", height=max(HEIGHT // 2, 160 + 36 * len(rows)))
    for rank in range(max(len(c) for c in counts)):
        parts = [c[rank] if rank < len(c) else ("", 0) for c in counts]
        figure.add_trace(
            go.Bar(
                name=f"spelling {rank + 1}",
                y=names,
                x=[uses for _, uses in parts],
                orientation="h",
                text=[label(form) for form, _ in parts],
                textposition="inside",
                insidetextanchor="middle",
                marker_color=SPELLING_COLOURS[rank % len(SPELLING_COLOURS)],
                hovertemplate="%{text}: %{x} use(s)<extra></extra>",
                showlegend=False,
            )
        )
    most = max(sum(uses for _, uses in c) for c in counts)
    figure.update_xaxes(title_text="uses in the corpus", dtick=unit_ticks(most))
    figure.update_yaxes(autorange="reversed")
    return figure


def term_heatmap(summary: pd.DataFrame, group: str) -> go.Figure:
    """Which words each outlet uses for one contested thing: rows = outlets, columns =
    terms, colour = uses per 1,000 words of the outlet's articles, cells = uses (of which
    inside quotes)."""
    title = f"Contested terms for {group}: uses per 1,000 words (cells: uses, quoted)"
    rows = summary[summary[S.GROUP] == group]
    if rows.empty:
        return empty_figure(title, f"No term for {group} is used in these articles.")
    rate, text = _shown_and_cells(rows, S.TERM, ("per_1000", S.COUNT, S.QUOTED), _quoted_text)
    colour = ("#D55E00", "per 1,000 words", max(float(rate.max().max()), 0.1))
    hover = "%{y}<br>%{x}: %{z:.2f} per 1,000 words (%{text})<extra></extra>"
    return _matrix(title, rate, text, axis="term", colour=colour, hover=hover)


def _quoted_text(count: float, quoted: float) -> str:
    if pd.isna(count) or count == 0:
        return ""
    return f"{int(count)}<br>({int(quoted)} quoted)" if quoted else str(int(count))


def term_voice_bars(summary: pd.DataFrame, group: str) -> go.Figure:
    """Whose words the contested terms are: per term and outlet, uses in the outlet's own
    voice and inside quotation marks (a source's words)."""
    title = f"Own voice or quoted: uses of the terms for {group}"
    rows = summary[(summary[S.GROUP] == group) & (summary[S.COUNT] > 0)]
    if rows.empty:
        return empty_figure(title, f"No term for {group} is used in these articles.")
    return stacked_bars(
        title,
        rows.sort_values([S.TERM, S.OUTLET]),
        [("own voice", "own", "#0072B2"), ("inside quotes", S.QUOTED, "#E69F00")],
        bars=(S.TERM, S.OUTLET),
        axes=("uses in the body text", "term · outlet"),
        legend="whose words",
        unit="use(s)",
    )


def frame_heatmap(summary: pd.DataFrame) -> go.Figure:
    """Generic news frames by outlet (Semetko & Valkenburg 2000): colour = mean frame score
    of the outlet's articles (share of the frame's codebook questions answered yes, 0..1,
    higher = more strongly framed so); cells show the score and the headline's score."""
    title = "News frames by outlet: share of each frame's questions answered yes (0..1)"
    if summary.empty:
        return empty_figure(title, "No articles to score.")
    score = summary.pivot(index=S.OUTLET, columns=S.FRAME, values=S.SCORE)
    headline = summary.pivot(index=S.OUTLET, columns=S.FRAME, values=S.HEADLINE)
    order = [f for f in score.mean().sort_values(ascending=False).index]
    score, headline = score[order], headline[order]
    text = _cells(score, headline, lambda a, b: f"{a:.2f}<br>headline {b:.2f}")
    return _matrix(
        title,
        score,
        text,
        axis="frame",
        colour=("#CC79A7", "frame score", 1.0),
        hover="%{y}<br>%{x}: %{z:.2f}<extra></extra>",
    )
