"""The charts of the Stance page: the statements toward a topic, and who takes a position
toward whom.

:func:`stance_bars` stacks each actor's statements toward a topic by stance, per outlet.
:func:`position_matrix` draws a directed matrix, holders down, target actors across the
top, a cell per pair: its colour the net stance (−1 every statement opposes, +1 every
statement supports), its text the support and oppose counts, its hover every count. It
takes rows shaped like :func:`analysis.aggregate.stance_summary` (those toward actors).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.charts import (
    CELL_FONT,
    HEIGHT,
    TEMPLATE,
    diverging,
    empty_figure,
    label,
    stacked_bars,
)

#: Stance colours: blue support, light blue conditional, grey neutral, vermilion oppose
#: (Okabe-Ito; distinct for red-green colour-blind readers).
STANCE_COLOURS: dict[str, str] = {
    "support": "#0072B2",
    "conditional": "#56B4E9",
    "neutral": "#BBBBBB",
    "oppose": "#D55E00",
}

#: Counts of :func:`analysis.aggregate.stance_summary`, most committed first.
_COUNTS = ("support", "conditional", "neutral", "oppose")
#: Net stance colours: oppose (vermilion) through grey to support (blue), as the stance bars.
NET_SCALE = [
    [0.0, STANCE_COLOURS["oppose"]],
    [0.5, "#EEEEEE"],
    [1.0, STANCE_COLOURS["support"]],
]
#: Pixels per row of the matrix.
ROW_HEIGHT = 34


def position_title(where: str) -> str:
    """The title of :func:`position_matrix` for the outlets ``where`` names."""
    return f"Who takes positions toward whom ({where}): holders down, targets across"


def pair_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """The statements of ``rows`` (stance summary rows) added up per holder (actor) and
    target (topic) over outlets: actor, topic, the four counts, statements and net (−1..1)."""
    if rows.empty:
        return pd.DataFrame(columns=[S.ACTOR, S.TOPIC, *_COUNTS, "statements", "net"])
    pairs = rows.groupby([S.ACTOR, S.TOPIC], sort=True)[[*_COUNTS, "statements"]].sum()
    pairs["net"] = (pairs["support"] - pairs["oppose"]) / pairs["statements"]
    return pairs.reset_index()


def ranked_pairs(pairs: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The holders (by statements made) and targets (by statements received) of
    :func:`pair_counts`, most first, ties alphabetically."""

    def order(column: str) -> list[str]:
        totals = pairs.groupby(column)["statements"].sum()
        return sorted(totals.index, key=lambda name: (-int(totals[name]), str(name)))

    return order(S.ACTOR), order(S.TOPIC)


def _hover(holder: str, target: str, cell: pd.Series | None) -> str:
    if cell is None:
        return f"{label(holder)} → {label(target)}<br>no statement"
    counts = ", ".join(f"{name} {int(cell[name])}" for name in _COUNTS)
    return (
        f"{label(holder)} → {label(target)}<br>{int(cell['statements'])} statements: "
        f"{counts}<br>net {cell['net']:+.2f}"
    )


def position_matrix(
    rows: pd.DataFrame, *, where: str, holders: list[str], targets: list[str]
) -> go.Figure:
    """Holders (rows) by target actors (columns) of ``rows`` (stance summary rows toward
    actors, of the outlets ``where`` names), limited to ``holders`` and ``targets`` in that
    order: colour the net stance (−1..+1), text "+support −oppose", hover every count. An
    empty pair is blank; with no statement the figure says why."""
    title = position_title(where)
    pairs = pair_counts(rows)
    pairs = pairs[pairs[S.ACTOR].isin(holders) & pairs[S.TOPIC].isin(targets)]
    if pairs.empty:
        return empty_figure(
            title,
            "No actor takes a position toward another named actor in these articles "
            "(positions come from verbs such as endorse, praise, attack or criticise with "
            "the actor as their object).",
        )
    shown_holders = [h for h in holders if h in set(pairs[S.ACTOR])]
    targets_ = [t for t in targets if t in set(pairs[S.TOPIC])]
    grid = pairs.set_index([S.ACTOR, S.TOPIC])
    z, text, hover = [], [], []
    for holder in shown_holders:
        cells = [grid.loc[(holder, t)] if (holder, t) in grid.index else None for t in targets_]
        z.append([None if c is None else float(c["net"]) for c in cells])
        text.append(
            ["" if c is None else f"+{int(c['support'])} −{int(c['oppose'])}" for c in cells]
        )
        hover.append([_hover(holder, t, c) for t, c in zip(targets_, cells, strict=True)])
    longest = max((len(t) for t in targets_), default=0)
    figure = go.Figure()
    figure.update_layout(
        template=TEMPLATE,
        title={"text": label(title)},
        height=max(HEIGHT * 2 // 3, 240 + ROW_HEIGHT * len(shown_holders) + 6 * min(longest, 30)),
        margin={"t": 140 + 6 * min(longest, 30), "l": 80, "r": 40},
    )
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=targets_,
            y=shown_holders,
            text=text,
            texttemplate="%{text}",
            textfont={"size": CELL_FONT},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            **diverging(NET_SCALE, "net stance"),
        )
    )
    figure.update_xaxes(title_text="target", side="top", showgrid=False, tickangle=-40)
    figure.update_yaxes(
        title_text="holder", title_standoff=12, autorange="reversed", showgrid=False
    )
    return figure


def stance_bars(summary: pd.DataFrame, topic: str) -> go.Figure:
    """Statements toward one topic, one bar per actor and outlet, stacked by stance."""
    title = f"Stance toward {topic}: statements per actor and outlet"
    rows = summary[summary[S.TOPIC] == topic]
    if rows.empty:
        return empty_figure(title, f"No actor takes a position on {topic} in these articles.")
    rows = rows.sort_values([S.ACTOR, S.OUTLET])
    return stacked_bars(
        title,
        rows,
        [(stance, stance, colour) for stance, colour in STANCE_COLOURS.items()],
        bars=(S.ACTOR, S.OUTLET),
        axes=("statements (sentences)", "actor · outlet"),
        legend="stance",
        unit="statement(s)",
    )
