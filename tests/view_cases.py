"""What the view tests share: the seeds' outlet they choose and chart names."""

from __future__ import annotations

#: An outlet of the seeds.
GURU = "News Guru"


def chart_names(charts: list) -> list[str]:
    """The names of ``charts``, in order."""
    return [chart.name for chart in charts]
