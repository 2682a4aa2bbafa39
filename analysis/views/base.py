"""What every view shares: the :class:`Chart` it draws, the limits of a selection's numbers,
the outlets a selection keeps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.tables import Analysis


class Chart(NamedTuple):
    """One chart of a page: the ``page`` it is on, its ``name`` (which gives the file name,
    see :func:`analysis.charts.file_stem`) and the Plotly ``figure``."""

    page: str
    name: str
    figure: go.Figure


def limits(low: int, high: int) -> dict[str, int]:
    """The metadata of a number of a selection: the range it may take (its widget's bounds,
    and what a shared link is checked against)."""
    return {"low": low, "high": high}


def bounds(selection: type, name: str) -> tuple[int, int, int]:
    """``(low, high, default)`` of the number ``name`` of the selection class ``selection``."""
    for field in fields(selection):
        if field.name == name:
            return int(field.metadata["low"]), int(field.metadata["high"]), int(field.default)
    raise KeyError(f"{selection.__name__} has no number {name!r}")


def every_outlet(analysis: Analysis) -> list[str]:
    """The outlets of ``analysis``, sorted."""
    return sorted(analysis.articles[S.OUTLET].unique())


def chosen_outlets(analysis: Analysis, outlets: Iterable[str] | None) -> list[str]:
    """The outlets of ``analysis`` a selection keeps, sorted (``None``: every outlet)."""
    every = every_outlet(analysis)
    if outlets is None:
        return every
    kept = set(outlets)
    return [outlet for outlet in every if outlet in kept]


def chosen_articles(analysis: Analysis, outlets: Iterable[str] | None) -> set[str]:
    """The ids of the articles of the chosen ``outlets`` (``None``: every article)."""
    articles = analysis.articles
    if outlets is None:
        return set(articles[S.ARTICLE_ID])
    return set(articles.loc[articles[S.OUTLET].isin(set(outlets)), S.ARTICLE_ID])


def ranked(frame: pd.DataFrame, column: str, by: str) -> list[str]:
    """The values of ``column`` by the sum of ``by``, largest first (ties alphabetically)."""
    totals = frame.groupby(column)[by].sum()
    return totals.sort_values(ascending=False, kind="stable").index.tolist()
