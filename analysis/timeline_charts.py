"""The chart of coverage over time (the Overview page): articles per period and outlet, and
the sentiment toward an actor in each period, on a date axis without hours, in the template
of :mod:`analysis.charts`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import schema as S
from analysis.charts import HEIGHT, PALETTE, TEMPLATE, empty_figure, label, titled, unit_ticks

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
    titled(figure, title)
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
        title_text="articles", row=1, col=1, rangemode="tozero", dtick=unit_ticks(most)
    )
    figure.update_yaxes(title_text=label(f"sentiment toward {actor}"), range=[-1, 1], row=2, col=1)
    figure.update_xaxes(title_text=f"publication date (by {period})", type="date", row=2, col=1)
    figure.update_xaxes(**_date_axis(timeline[S.DATE], period))
    figure.update_layout(legend_title_text="outlet")
    return figure
