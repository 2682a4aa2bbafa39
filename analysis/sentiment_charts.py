"""The charts of sentiment toward actors (the Actors page): an outlet x actor heatmap of mean
polarity and bars of mean polarity with 95% intervals, in the template of
:mod:`analysis.charts` (sentiment on its fixed -1..+1 red-white-blue scale).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.charts import (
    HEIGHT,
    PALETTE,
    POLARITY_SCALE,
    diverging,
    empty_figure,
    interval_bars,
    label,
    new_figure,
)

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
    figure = new_figure(title, height=max(HEIGHT * 2 // 3, 200 + 60 * len(outlets)))
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=list(actors),
            y=outlets,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            **diverging(POLARITY_SCALE, "polarity"),
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
    figure = new_figure(title, barmode="group", height=HEIGHT)
    for outlet, rows in shown.groupby(S.OUTLET, sort=True):
        rows = rows.set_index(S.ACTOR).reindex([a for a in actors if a in set(rows[S.ACTOR])])
        figure.add_trace(
            go.Bar(
                name=str(outlet),
                x=rows.index.tolist(),
                y=rows[S.MEAN_POLARITY],
                marker_color=colours.get(str(outlet), PALETTE[0]),
                error_y=interval_bars(
                    rows[S.MEAN_POLARITY], rows[S.CI_LOW], rows[S.CI_HIGH], "#444444"
                ),
                customdata=rows[[S.MENTIONS]].to_numpy(),
                hovertemplate=f"{label(outlet)}<br>%{{x}}: %{{y:+.2f}} (n=%{{customdata[0]}})"
                "<extra></extra>",
            )
        )
    figure.update_xaxes(title_text="actor", categoryorder="array", categoryarray=actors)
    figure.update_yaxes(title_text="mean polarity (−1 negative … +1 positive)", range=[-1, 1])
    figure.update_layout(legend_title_text="outlet")
    return figure
