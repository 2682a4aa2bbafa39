"""The charts people take away: every chart of every page in its default view.

The exports (the ZIP of PNGs, the HTML report, ``python -m analysis charts``) are the views
of :mod:`analysis.views` with their default selections: :func:`page_charts` builds them from
an :class:`~analysis.tables.Analysis`. Their names are the pages' chart names, so a PNG from
the command line and one from the dashboard get the same file name (:func:`png_path`). They
are drawn as PNG by :mod:`analysis.render`, bundled by :mod:`analysis.bundles` and written
into the HTML report by :mod:`analysis.report`.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from analysis.charts import file_stem, inert
from analysis.outlets import Outlets
from analysis.tables import Analysis
from analysis.views import VIEWS, groups
from analysis.views.base import Chart


def _default(view: ModuleType, analysis: Analysis, outlets: Outlets) -> Any:
    """``view`` built with its default ``Selection`` (the Groups view with ``outlets``)."""
    if view is groups:
        return groups.build(analysis, outlets=outlets)
    return view.build(analysis, view.Selection())


def page_charts(analysis: Analysis, outlets: Outlets = ()) -> list[Chart]:
    """Every chart of every page in its default view (each view of
    :data:`analysis.views.VIEWS` built with its default ``Selection``; the groups of
    ``outlets``, :mod:`analysis.outlets`), in page order, each made inert
    (:func:`analysis.charts.inert`)."""
    return [
        Chart(chart.page, chart.name, inert(chart.figure))
        for view in VIEWS
        for chart in view.charts(_default(view, analysis, outlets))
    ]


def png_path(chart: Chart) -> str:
    """Where ``chart`` goes as PNG in a folder of charts: a folder per page and the modebar
    button's file name (``actors/presslens-sentiment-heatmap.png``)."""
    folder = file_stem(chart.page).removeprefix("presslens-")
    return f"{folder}/{file_stem(chart.name)}.png"
