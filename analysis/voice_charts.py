"""The charts of who gets a voice (the Voices page): each outlet's quoted words by speaker,
and the loaded attribution verbs (claimed, insisted...) per speaker and outlet, in the
template of :mod:`analysis.charts`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.charts import (
    CELL_FONT,
    CELLS_PIXELS,
    HEIGHT,
    PALETTE,
    SCORE_CELL_PIXELS,
    empty_figure,
    label,
    names_margin,
    names_on_top,
    new_figure,
)


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
    figure = new_figure(title, barmode="stack", height=max(HEIGHT, 160 + 40 * len(outlets)))
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


#: About how wide a character of a cell's text is, in pixels (:data:`~analysis.charts.CELL_FONT`).
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
    top_margin = names_margin(outlets)
    figure = new_figure(
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
    names_on_top(figure)
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def _short(verbs: str, limit: int = 2) -> str:
    """The first ``limit`` entries of a "said ×4, wrote ×2, ..." list."""
    parts = verbs.split(", ")
    return ", ".join(parts[:limit]) + (" …" if len(parts) > limit else "")
