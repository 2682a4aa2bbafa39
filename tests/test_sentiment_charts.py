"""The sentiment charts of the Actors page (analysis.sentiment_charts)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.sentiment_charts import BAR_OUTLETS, sentiment_bars


def test_the_interval_chart_keeps_the_outlets_with_most_mentions_unless_asked() -> None:
    """Issue 44: with 19 outlets the interval chart was an unreadable thicket."""
    outlets = [f"Outlet {n:02d} with a rather long name" for n in range(30)]
    summary = pd.DataFrame(
        {
            S.OUTLET: outlets,
            S.ACTOR: "X",
            S.MENTIONS: range(1, 31),
            S.MEAN_POLARITY: 0.1,
            S.CI_LOW: 0.0,
            S.CI_HIGH: 0.2,
            S.ENOUGH: True,
        }
    )
    figure = sentiment_bars(summary, colours={})
    assert [trace.name for trace in figure.data] == sorted(outlets[-BAR_OUTLETS:])
    assert figure.layout.title.text.replace("<br>", " ").endswith(
        f": the {BAR_OUTLETS} of 30 outlets with the most mentions"
    )
    assert len(sentiment_bars(summary, colours={}, outlets=None).data) == 30
