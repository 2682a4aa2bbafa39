"""Plotly figures of presslens tables: one template for the screen and for PNG export.

Every figure uses the ``presslens`` template (white background, readable at 1200x700 and in
a PNG at scale 2) and the colour-blind-safe Okabe-Ito palette. Outlets keep their colour on
every chart: :func:`outlet_colours` assigns colours by the sorted list of all outlets of the
corpus, not by the ones a chart happens to show. Sentiment uses a diverging red-white-blue
scale fixed at -1..1 with white at 0, so colours mean the same thing on every chart.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from analysis import schema as S

#: Okabe & Ito (2008) colour-blind-safe palette, then Paul Tol's muted scheme for more outlets.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
#: Red (negative) - white (0) - blue (positive), readable by red-green colour-blind readers.
POLARITY_SCALE: list[list[float | str]] = [
    [0.0, "#B2182B"],
    [0.25, "#EF8A62"],
    [0.5, "#F7F7F7"],
    [0.75, "#67A9CF"],
    [1.0, "#2166AC"],
]
WIDTH = 1200
HEIGHT = 700
TEMPLATE = "presslens"

pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        "font": {"family": "Arial, Helvetica, sans-serif", "size": 14, "color": "#222222"},
        "title": {"font": {"size": 20}, "x": 0.01, "xanchor": "left"},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "colorway": list(PALETTE),
        "xaxis": {
            "gridcolor": "#E5E5E5",
            "linecolor": "#444444",
            "zerolinecolor": "#999999",
            "automargin": True,
        },
        "yaxis": {
            "gridcolor": "#E5E5E5",
            "linecolor": "#444444",
            "zerolinecolor": "#999999",
            "automargin": True,
        },
        "legend": {"bgcolor": "rgba(255,255,255,0.8)"},
        "margin": {"l": 80, "r": 40, "t": 80, "b": 80},
        "hoverlabel": {"font": {"size": 13}},
    }
)


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """A colour per outlet, stable for a given set of outlets (assigned in sorted order)."""
    names = sorted({str(o) for o in outlets})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def label(text: object) -> str:
    """``text`` made inert for Plotly, which reads a few HTML tags in every label (``<a
    href>`` makes a link, ``<b>``, ``<br>``): ``&``, ``<`` and ``>`` escaped, so that Plotly
    shows the characters as written. For names, terms and titles that come from articles or
    from the user."""
    return html.escape(str(text), quote=False)


def _escaped(values: Any) -> Any:
    """Strings escaped by :func:`label`, in a value, a list or a list of rows."""
    if values is None or isinstance(values, str):
        return values if values is None else label(values)
    if isinstance(values, Iterable):
        items = [_escaped(item) if not isinstance(item, int | float) else item for item in values]
        return items if any(item is not None for item in items) else values
    return values


def inert(figure: go.Figure) -> go.Figure:
    """``figure`` with every category, legend name and category order escaped by
    :func:`label` (the chart functions escape the names they put into titles, texts and hover
    templates themselves). Pages and exports show every figure through this."""
    figure = go.Figure(figure)
    for trace in figure.data:
        for field in ("x", "y", "name", "legendgroup", "customdata"):
            if field in trace and trace[field] is not None:
                trace[field] = _escaped(trace[field])
    for name in figure.layout:
        axis = figure.layout[name]
        if name.startswith(("xaxis", "yaxis")) and axis is not None:
            if axis.categoryarray is not None:
                axis.categoryarray = _escaped(axis.categoryarray)
            if axis.ticktext is not None:
                axis.ticktext = _escaped(axis.ticktext)
    return figure


#: Most characters on one line of a chart's title (about 900 pixels at its font size: a chart
#: beside the dashboard's sidebar); a longer title goes on two or more lines.
TITLE_CHARS = 90
#: Most characters on one line of the message of an empty chart.
MESSAGE_CHARS = 100
#: Pixels a title's second and later lines add above the plot.
TITLE_LINE_PIXELS = 26


def wrapped(text: str, width: int = TITLE_CHARS) -> str:
    """``text`` made inert (:func:`label`) and broken into lines of at most ``width``
    characters at spaces (Plotly's ``<br>``), so that no title or message runs past the edge
    of its chart, where it would be cut."""
    return "<br>".join(label(line) for line in textwrap.wrap(text, width) or [""])


def _titled(figure: go.Figure, title: str) -> go.Figure:
    """``figure`` with ``title`` on as many lines as :func:`wrapped` makes, the top margin
    grown by the lines after the first."""
    text = wrapped(title)
    more = text.count("<br>") * TITLE_LINE_PIXELS
    top = figure.layout.margin.t
    figure.update_layout(title={"text": text})
    if more:
        figure.update_layout(margin={"t": (80 if top is None else top) + more})
    return figure


def _figure(title: str, **layout: object) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE, **layout)
    return _titled(figure, title)


def new_figure(title: str, **layout: object) -> go.Figure:
    """An empty figure in the presslens template with ``title`` (wrapped) and ``layout``:
    the start of a chart made outside this module."""
    return _figure(title, **layout)


def empty_figure(title: str, message: str) -> go.Figure:
    """A figure that says why there is nothing to plot."""
    figure = _figure(title)
    figure.add_annotation(
        text=wrapped(message, MESSAGE_CHARS),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


#: The sentiment method the charts name when none is given (analysis.settings' default).
DEFAULT_METHOD = "transformer"


def _polarity(method: str) -> str:
    """What a sentiment chart's title calls its scale: "transformer polarity" for the
    ``method`` that scored the mentions, "polarity" when it is not known ("")."""
    return f"{method} polarity" if method else "polarity"


def sentiment_heatmap(
    summary: pd.DataFrame, *, min_mentions: int, method: str = DEFAULT_METHOD
) -> go.Figure:
    """Outlet x actor heatmap of mean polarity (colour) with the number of mentions as the
    cell text; cells below ``min_mentions`` are blank and say "too few". The title names the
    sentiment ``method`` that scored the mentions."""
    title = f"Mean sentiment toward each actor, by outlet ({_polarity(method)}, -1..+1)"
    if summary.empty:
        return empty_figure(title, "No actor mentions in the selection.")
    actors = summary.groupby(S.ACTOR)[S.MENTIONS].sum().sort_values(ascending=False).index
    outlets = sorted(summary[S.OUTLET].unique())
    grid = summary.set_index([S.OUTLET, S.ACTOR])
    z, text, hover = [], [], []
    for outlet in outlets:
        z_row, text_row, hover_row = [], [], []
        for actor in actors:
            if (outlet, actor) not in grid.index:
                z_row.append(None)
                text_row.append("n=0")
                hover_row.append(f"{label(outlet)} · {label(actor)}<br>no mentions")
                continue
            cell = grid.loc[(outlet, actor)]
            n = int(cell[S.MENTIONS])
            if bool(cell[S.ENOUGH]):
                z_row.append(float(cell[S.MEAN_POLARITY]))
                text_row.append(f"{cell[S.MEAN_POLARITY]:+.2f}<br>n={n}")
                hover_row.append(
                    f"{label(outlet)} · {label(actor)}<br>mean polarity "
                    f"{cell[S.MEAN_POLARITY]:+.2f} "
                    f"(95% CI {cell[S.CI_LOW]:+.2f} to {cell[S.CI_HIGH]:+.2f})<br>"
                    f"{n} mentions, {cell[S.SHARE_NEGATIVE]:.0%} negative, "
                    f"{cell[S.SHARE_POSITIVE]:.0%} positive"
                )
            else:
                z_row.append(None)
                text_row.append(f"n={n}<br>too few")
                hover_row.append(
                    f"{label(outlet)} · {label(actor)}<br>{n} mentions: too few "
                    f"(minimum {min_mentions})"
                )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    figure = _figure(title, height=max(HEIGHT * 2 // 3, 200 + 60 * len(outlets)))
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=list(actors),
            y=outlets,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=POLARITY_SCALE,
            zmin=-1,
            zmax=1,
            zmid=0,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "polarity"}, "tickvals": [-1, -0.5, 0, 0.5, 1]},
        )
    )
    figure.update_xaxes(title_text="actor", showgrid=False)
    figure.update_yaxes(showgrid=False, autorange="reversed", automargin=True, ticksuffix=" ")
    return figure


#: Outlets the interval chart shows unless asked for all: those with the most mentions.
BAR_OUTLETS = 8


def sentiment_bars(
    summary: pd.DataFrame,
    *,
    colours: dict[str, str],
    method: str = DEFAULT_METHOD,
    outlets: int | None = BAR_OUTLETS,
) -> go.Figure:
    """Mean polarity per actor, one bar per outlet, with 95% bootstrap intervals; only the
    outlet-actor cells with enough mentions, of the ``outlets`` outlets with the most such
    mentions (None: every outlet; the title says how many of how many). The title names the
    sentiment ``method``."""
    title = f"Sentiment toward each actor with 95% intervals ({_polarity(method)}, -1..+1)"
    shown = summary[summary[S.ENOUGH]]
    if shown.empty:
        return empty_figure(title, "No outlet mentions an actor often enough to compare.")
    by_outlet = shown.groupby(S.OUTLET)[S.MENTIONS].sum().sort_values(ascending=False)
    if outlets is not None and len(by_outlet) > outlets:
        title += f": the {outlets} of {len(by_outlet)} outlets with the most mentions"
        shown = shown[shown[S.OUTLET].isin(set(by_outlet.index[:outlets]))]
    actors = list(shown.groupby(S.ACTOR)[S.MENTIONS].sum().sort_values(ascending=False).index)
    figure = _figure(title, barmode="group", height=HEIGHT)
    for outlet, rows in shown.groupby(S.OUTLET, sort=True):
        rows = rows.set_index(S.ACTOR).reindex([a for a in actors if a in set(rows[S.ACTOR])])
        figure.add_trace(
            go.Bar(
                name=str(outlet),
                x=rows.index.tolist(),
                y=rows[S.MEAN_POLARITY],
                marker_color=colours.get(str(outlet), PALETTE[0]),
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows[S.CI_HIGH] - rows[S.MEAN_POLARITY],
                    "arrayminus": rows[S.MEAN_POLARITY] - rows[S.CI_LOW],
                    "color": "#444444",
                },
                customdata=rows[[S.MENTIONS]].to_numpy(),
                hovertemplate=f"{label(outlet)}<br>%{{x}}: %{{y:+.2f}} (n=%{{customdata[0]}})"
                "<extra></extra>",
            )
        )
    figure.update_xaxes(title_text="actor", categoryorder="array", categoryarray=actors)
    figure.update_yaxes(title_text="mean polarity (−1 negative … +1 positive)", range=[-1, 1])
    figure.update_layout(legend_title_text="outlet")
    return figure


#: Most pixels above a chart kept for slanted axis labels.
MAX_LABEL_MARGIN = 420


def _names_on_top(figure: go.Figure) -> None:
    """Columns named above the cells, without an axis title (Plotly draws it over long
    slanted names), the chart's title at the very top, above the names (the top margin is
    :func:`_top_margin`)."""
    figure.update_xaxes(side="top", showgrid=False)
    figure.update_layout(title={"y": 1, "yanchor": "top", "pad": {"t": 16}})


#: Pixels above the cells for the title and one line of column names written level.
LEVEL_LABEL_MARGIN = 130
#: About how wide a character of an axis label is, in pixels.
LABEL_CHAR_PIXELS = 7


def _top_margin(names: Iterable[object]) -> int:
    """Pixels above the cells for the chart's title and the column names ``names``: one
    line when each name fits the width of its column, else room for the names Plotly
    slants (more for longer names, at most :data:`MAX_LABEL_MARGIN`)."""
    lengths = [len(str(name)) for name in names]
    longest = max(lengths, default=0)
    if longest * LABEL_CHAR_PIXELS <= WIDTH * 0.8 / max(1, len(lengths)):
        return LEVEL_LABEL_MARGIN
    return min(MAX_LABEL_MARGIN, 110 + LABEL_CHAR_PIXELS * longest)


#: Pixels the cells of a row of a heatmap have at the least (a chart beside the dashboard's
#: sidebar): a cell's text is written only when it fits (the hover always has it), so that
#: no cell's text runs into the next.
CELLS_PIXELS = 600
#: Pixels a cell needs for a score ("0.25") written in it.
SCORE_CELL_PIXELS = 40


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
    top_margin = _top_margin(matrix.columns)
    figure = _figure(
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
    _names_on_top(figure)
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
    figure = _figure(title, height=HEIGHT)
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
    figure = _figure(title, height=max(HEIGHT // 2, 120 + 28 * len(rows)))
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


#: Stance colours: blue support, light blue conditional, grey neutral, vermilion oppose
#: (Okabe-Ito; distinct for red-green colour-blind readers).
STANCE_COLOURS: dict[str, str] = {
    "support": "#0072B2",
    "conditional": "#56B4E9",
    "neutral": "#BBBBBB",
    "oppose": "#D55E00",
}


def stance_bars(summary: pd.DataFrame, topic: str) -> go.Figure:
    """Statements toward one topic, one bar per actor and outlet, stacked by stance."""
    title = f"Stance toward {topic}: statements per actor and outlet"
    rows = summary[summary[S.TOPIC] == topic]
    if rows.empty:
        return empty_figure(title, f"No actor takes a position on {topic} in these articles.")
    rows = rows.sort_values([S.ACTOR, S.OUTLET])
    return _stacked_bars(
        title,
        rows,
        [(stance, stance, colour) for stance, colour in STANCE_COLOURS.items()],
        bars=(S.ACTOR, S.OUTLET),
        axes=("statements (sentences)", "actor · outlet"),
        legend="stance",
        unit="statement(s)",
    )


#: Largest count whose axis is ticked at every whole number; above it Plotly chooses the
#: ticks (a tick per unit on an axis of thousands is thousands of ticks: the browser stalls).
MAX_UNIT_TICKS = 10


def _unit_ticks(most: float) -> int | None:
    """The ``dtick`` of a count axis whose largest value is ``most``: 1 (whole numbers only)
    up to :data:`MAX_UNIT_TICKS`, else None (Plotly's own ticks)."""
    return 1 if most <= MAX_UNIT_TICKS else None


def _stacked_bars(
    title: str,
    rows: pd.DataFrame,
    segments: list[tuple[str, str, str]],
    *,
    bars: tuple[str, str],
    axes: tuple[str, str],
    legend: str,
    unit: str,
) -> go.Figure:
    """Horizontal stacked bars, one per row of ``rows`` labelled "first · second" from the
    ``bars`` columns; ``segments`` = (legend name, column, colour) of each stacked part;
    ``axes`` = (the x axis's title, what the labels are: in the hover, not beside them)."""
    first, second = bars
    labels = [f"{a} · {b}" for a, b in zip(rows[first], rows[second], strict=True)]
    figure = _figure(title, barmode="stack", height=max(HEIGHT, 120 + 28 * len(rows)))
    for name, column, colour in segments:
        figure.add_trace(
            go.Bar(
                name=name,
                y=labels,
                x=rows[column],
                orientation="h",
                marker_color=colour,
                hovertemplate=f"{axes[1]}: %{{y}}<br>{name}: %{{x}} {unit}<extra></extra>",
            )
        )
    most = rows[[column for _, column, _ in segments]].sum(axis=1).max()
    figure.update_xaxes(title_text=axes[0], dtick=_unit_ticks(most))
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(legend_title_text=legend)
    return figure


def voice_share_bars(voices: pd.DataFrame, *, top: int = 8) -> go.Figure:
    """Share of each outlet's quoted words by speaker (100% stacked bars); the ``top``
    speakers by words over all outlets get their own colour, the rest are "others"."""
    title = "Who gets a voice: share of each outlet's quoted words by speaker"
    if voices.empty or voices[S.WORDS].sum() == 0:
        return empty_figure(title, "No quotes found in these articles.")
    leaders = voices.groupby(S.SPEAKER)[S.WORDS].sum().sort_values(ascending=False)
    named = [s for s in leaders.index if s != "unattributed"][:top]
    frame = voices.assign(
        **{S.SPEAKER: voices[S.SPEAKER].where(voices[S.SPEAKER].isin(named), "others")}
    )
    shares = frame.groupby([S.OUTLET, S.SPEAKER])["share"].sum().unstack(fill_value=0.0)
    outlets = sorted(shares.index)
    figure = _figure(title, barmode="stack", height=max(HEIGHT, 160 + 40 * len(outlets)))
    colours = {**dict(zip(named, PALETTE, strict=False)), "others": "#BBBBBB"}
    for speaker in [*named, "others"]:
        if speaker not in shares.columns:
            continue
        figure.add_trace(
            go.Bar(
                name=speaker,
                y=outlets,
                x=shares.loc[outlets, speaker] * 100,
                orientation="h",
                marker_color=colours[speaker],
                hovertemplate=f"%{{y}}<br>{label(speaker)}: %{{x:.0f}}% of quoted words"
                "<extra></extra>",
            )
        )
    figure.update_xaxes(title_text="share of the outlet's quoted words (%)", range=[0, 100])
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(legend_title_text="speaker")
    return figure


#: Font size of a heatmap's cell text (Plotly shrinks it to fit a cell otherwise, unreadably
#: small once there are many outlets).
CELL_FONT = 13
#: About how wide a character of a cell's text is, in pixels (:data:`CELL_FONT`).
CELL_CHAR_PIXELS = 8


def _verbs_shown(verbs: pd.DataFrame) -> int:
    """How many verbs each cell of the loaded-verbs heatmap of ``verbs`` (speaker x outlet)
    names: 2 or 1 when the longest such list fits its cell, else 0."""
    written = [str(v) for v in verbs.to_numpy().ravel() if not pd.isna(v)]
    cell = CELLS_PIXELS / max(1, verbs.shape[1])
    for limit in (2, 1):
        if max((len(_short(v, limit)) for v in written), default=0) * CELL_CHAR_PIXELS <= cell:
            return limit
    return 0


def loaded_verbs_heatmap(voices: pd.DataFrame, *, top: int = 12) -> go.Figure:
    """Share of loaded attribution verbs (claimed, insisted...) per speaker and outlet, the
    ``top`` speakers by quotes; cells show the share and as many of the verbs used as fit
    (:func:`_verbs_shown`; the hover always names them all)."""
    title = "How speakers are introduced: share of loaded attribution verbs"
    attributed = voices[voices["verbs"] != ""]
    if attributed.empty:
        return empty_figure(title, "No attributed quotes found in these articles.")
    speakers = list(
        attributed.groupby(S.SPEAKER)["quotes"].sum().sort_values(ascending=False).index[:top]
    )
    rows = attributed[attributed[S.SPEAKER].isin(speakers)]
    outlets = sorted(rows[S.OUTLET].unique())
    share = rows.pivot(index=S.SPEAKER, columns=S.OUTLET, values="loaded").reindex(
        index=speakers, columns=outlets
    )
    verbs = rows.pivot(index=S.SPEAKER, columns=S.OUTLET, values="verbs").reindex(
        index=speakers, columns=outlets
    )
    shown = _verbs_shown(verbs)
    share_fits = len(outlets) * SCORE_CELL_PIXELS <= CELLS_PIXELS  # else the hover says it
    text = [
        [
            ""
            if pd.isna(value) or not (shown or share_fits)
            else f"{value:.0%}<br>{label(_short(str(verbs.iat[i, j]), shown))}"
            if shown
            else f"{value:.0%}"
            for j, value in enumerate(row)
        ]
        for i, row in enumerate(share.to_numpy())
    ]
    top_margin = _top_margin(outlets)
    figure = _figure(
        title,
        height=max(HEIGHT, top_margin + 48 * len(speakers)),
        margin={"t": top_margin, "l": 140},
    )
    figure.add_trace(
        go.Heatmap(
            z=share.to_numpy(dtype=float),
            x=outlets,
            y=speakers,
            text=text,
            texttemplate="%{text}",
            textfont={"size": CELL_FONT},
            customdata=verbs.fillna("").map(label).to_numpy(),
            zmin=0,
            zmax=1,
            colorscale=[[0.0, "#F7F7F7"], [1.0, "#D55E00"]],
            colorbar={"title": {"text": "loaded share"}, "tickformat": ".0%"},
            hovertemplate="%{y} in %{x}<br>loaded verbs: %{z:.0%}<br>%{customdata}<extra></extra>",
        )
    )
    _names_on_top(figure)
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def _short(verbs: str, limit: int = 2) -> str:
    """The first ``limit`` entries of a "said ×4, wrote ×2, ..." list."""
    parts = verbs.split(", ")
    return ", ".join(parts[:limit]) + (" …" if len(parts) > limit else "")


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
    figure = _figure(
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
    figure = _figure(title, barmode="stack", height=max(HEIGHT // 2, 160 + 36 * len(rows)))
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
    figure.update_xaxes(title_text="uses in the corpus", dtick=_unit_ticks(most))
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
    return _stacked_bars(
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


#: Scale of exported PNGs: a 1200-pixel-wide chart becomes 2400 pixels, sharp in print.
#: Length of a timeline period in milliseconds (Plotly's unit for bar widths on a date axis).
PERIOD_MS = {"day": 86_400_000, "week": 7 * 86_400_000, "month": 30 * 86_400_000}


#: Most date ticks of a timeline.
MAX_DATE_TICKS = 12


def undated_said(undated: int) -> str:
    """ "3 articles have no date" ("" for none): what a dated chart says of those it leaves
    out."""
    if not undated:
        return ""
    return f"{undated} article{'s have' if undated != 1 else ' has'} no date"


def _date_axis(dates: pd.Series, period: str) -> dict[str, Any]:
    """A date axis by ``period`` without hours: whole periods from one before the first date
    to one after the last, at most :data:`MAX_DATE_TICKS` ticks, each a whole number of
    periods apart (a one-day corpus is three days wide, not an axis of hours)."""
    first, last = pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
    if period == "month":
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        margin: Any = pd.DateOffset(months=1)
        ticks: dict[str, Any] = {"dtick": f"M{-(-months // MAX_DATE_TICKS)}", "tickformat": "%b %Y"}
    else:
        margin = pd.Timedelta(days=1 if period == "day" else 7)
        count = int((last - first) / margin) + 1
        step = -(-count // MAX_DATE_TICKS) * PERIOD_MS[period]
        ticks = {"dtick": step, "tick0": str(first.date()), "tickformat": "%Y-%m-%d"}
    return {"range": [str((first - margin).date()), str((last + margin).date())], **ticks}


def timeline_chart(
    timeline: pd.DataFrame,
    actor: str,
    *,
    period: str,
    colours: dict[str, str],
    undated: int = 0,
) -> go.Figure:
    """Articles per ``period`` (day, week, month) and outlet (stacked bars, top) and the mean
    sentiment toward ``actor`` in each period (markers sized by mentions, bottom; -1..+1,
    > 0 = more positive), from :func:`analysis.overview.timeline`, on a date axis without
    hours; ``undated`` articles (not charted) are counted in the title. Outlets keep their
    colour."""
    title = f"Articles by date and outlet, and sentiment toward {actor}"
    said = undated_said(undated)
    if timeline.empty:
        return empty_figure(title, "No article has a publication date.")
    if said:
        title += f" ({said}: not shown)"
    figure = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.45, 0.55]
    )
    figure.update_layout(template=TEMPLATE, barmode="stack", height=HEIGHT)
    _titled(figure, title)
    largest = max(int(timeline[S.MENTIONS].max()), 1)
    # each bar and marker in the middle of its period (weeks start on Monday 2000-01-03)
    periods = {
        "xperiod": "M1" if period == "month" else PERIOD_MS[period],
        "xperiod0": "2000-01-03",
        "xperiodalignment": "middle",
    }
    for outlet, rows in timeline.groupby(S.OUTLET, sort=True):
        colour = colours.get(str(outlet), PALETTE[0])
        figure.add_trace(
            go.Bar(
                name=str(outlet),
                legendgroup=str(outlet),
                x=rows[S.DATE],
                y=rows[S.ARTICLES],
                width=0.8 * PERIOD_MS[period],
                marker_color=colour,
                **periods,
                hovertemplate=f"{label(outlet)}<br>%{{x|%Y-%m-%d}}: %{{y}} article(s)"
                "<extra></extra>",
            ),
            row=1,
            col=1,
        )
        toned = rows[rows[S.MENTIONS] > 0]
        figure.add_trace(
            go.Scatter(
                name=str(outlet),
                legendgroup=str(outlet),
                showlegend=False,
                x=toned[S.DATE],
                y=toned[S.MEAN_POLARITY],
                **periods,
                mode="lines+markers",
                line={"color": colour, "width": 1.5},
                marker={"color": colour, "size": 8 + 16 * toned[S.MENTIONS] / largest},
                customdata=toned[[S.MENTIONS]].to_numpy(),
                hovertemplate=f"{label(outlet)}<br>%{{x|%Y-%m-%d}}: %{{y:+.2f}} "
                "(%{customdata[0]} mentions)<extra></extra>",
            ),
            row=2,
            col=1,
        )
    most = int(timeline.groupby(S.DATE)[S.ARTICLES].sum().max())
    figure.update_yaxes(
        title_text="articles", row=1, col=1, rangemode="tozero", dtick=_unit_ticks(most)
    )
    figure.update_yaxes(title_text=label(f"sentiment toward {actor}"), range=[-1, 1], row=2, col=1)
    figure.update_xaxes(title_text=f"publication date (by {period})", type="date", row=2, col=1)
    figure.update_xaxes(**_date_axis(timeline[S.DATE], period))
    figure.update_layout(legend_title_text="outlet")
    return figure


EXPORT_SCALE = 2


def file_stem(name: str) -> str:
    """A file name (without extension) for a chart called ``name``: lower case, words joined
    by hyphens, only letters, digits and hyphens ("Stance: direct talks" ->
    "stance-direct-talks")."""
    words = re.findall(r"[^\W_]+", name.casefold())
    return "presslens-" + "-".join(words) if words else "presslens-chart"


def export_config(name: str, figure: go.Figure) -> dict[str, Any]:
    """The Plotly config of a chart on screen: the modebar's camera button downloads a PNG
    named after the chart, at :data:`WIDTH` pixels wide by the figure's height, scale
    :data:`EXPORT_SCALE`, in the same template as the server-side export."""
    height = figure.layout.height or HEIGHT
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_stem(name),
            "width": WIDTH,
            "height": height,
            "scale": EXPORT_SCALE,
        },
    }
