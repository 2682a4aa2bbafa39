"""Plotly figures of presslens tables: one template for the screen and for PNG export.

Every figure uses the ``presslens`` template (white background, readable at 1200x700 and in
a PNG at scale 2) and the colour-blind-safe Okabe-Ito palette. Outlets keep their colour on
every chart: :func:`outlet_colours` assigns colours by the sorted list of all outlets of the
corpus, not by the ones a chart happens to show. Sentiment uses a diverging red-white-blue
scale fixed at -1..1 with white at 0, so colours mean the same thing on every chart.

This module holds what the charts share: the template and colours, inert labels and wrapped
titles, the layout of heatmap columns and count axes, stacked bars, and the export settings.
The charts themselves are grouped by page: :mod:`analysis.sentiment_charts` (Actors),
:mod:`analysis.position_charts` (Stance), :mod:`analysis.voice_charts` (Voices),
:mod:`analysis.word_charts` (Keywords, Spelling, Framing) and
:mod:`analysis.timeline_charts` (Overview).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

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


def titled(figure: go.Figure, title: str) -> go.Figure:
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
    return titled(figure, title)


def new_figure(title: str, **layout: object) -> go.Figure:
    """An empty figure in the presslens template with ``title`` (wrapped) and ``layout``:
    the start of a chart made outside this module."""
    return _figure(title, **layout)


def diverging(colorscale: object, title: str) -> dict[str, object]:
    """The heatmap settings of a score from -1 to +1 centred on 0 (sentiment, net stance):
    ``colorscale``, the range, gaps between cells and a colour bar titled ``title``."""
    return {
        "colorscale": colorscale,
        "zmin": -1,
        "zmax": 1,
        "zmid": 0,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": title}, "tickvals": [-1, -0.5, 0, 0.5, 1]},
    }


def interval_bars(value: pd.Series, low: pd.Series, high: pd.Series, colour: str) -> dict:
    """Plotly error bars from ``value`` down to ``low`` and up to ``high`` (a 95% interval
    about an estimate), drawn in ``colour``."""
    return {
        "type": "data",
        "symmetric": False,
        "array": high - value,
        "arrayminus": value - low,
        "color": colour,
    }


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


#: Most pixels above a chart kept for slanted axis labels.
MAX_LABEL_MARGIN = 420


def names_on_top(figure: go.Figure) -> None:
    """Columns named above the cells, without an axis title (Plotly draws it over long
    slanted names), the chart's title at the very top, above the names (the top margin is
    :func:`names_margin`)."""
    figure.update_xaxes(side="top", showgrid=False)
    figure.update_layout(title={"y": 1, "yanchor": "top", "pad": {"t": 16}})


#: Pixels above the cells for the title and one line of column names written level.
LEVEL_LABEL_MARGIN = 130
#: About how wide a character of an axis label is, in pixels.
LABEL_CHAR_PIXELS = 7


def names_margin(names: Iterable[object]) -> int:
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


#: Largest count whose axis is ticked at every whole number; above it Plotly chooses the
#: ticks (a tick per unit on an axis of thousands is thousands of ticks: the browser stalls).
MAX_UNIT_TICKS = 10


def unit_ticks(most: float) -> int | None:
    """The ``dtick`` of a count axis whose largest value is ``most``: 1 (whole numbers only)
    up to :data:`MAX_UNIT_TICKS`, else None (Plotly's own ticks)."""
    return 1 if most <= MAX_UNIT_TICKS else None


def stacked_bars(
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
    figure.update_xaxes(title_text=axes[0], dtick=unit_ticks(most))
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(legend_title_text=legend)
    return figure


#: Font size of a heatmap's cell text (Plotly shrinks it to fit a cell otherwise, unreadably
#: small once there are many outlets).
CELL_FONT = 13


#: Scale of exported PNGs: a 1200-pixel-wide chart becomes 2400 pixels, sharp in print.
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
