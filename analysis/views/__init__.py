"""One view per page: the page's :class:`Selection` (its choices, with their defaults and
ranges), ``build(analysis, selection)`` (the tables the page shows, outlets filtered) and
``charts(tables)`` (its figures, each a :class:`~analysis.views.base.Chart`).

The page draws its widgets from the selection, builds its tables through one cache and draws
the charts ``charts`` returns; the exports (the ZIP, the report, ``python -m analysis
charts``) are :data:`VIEWS` built with their default selections
(:func:`analysis.export.page_charts`), so a page and its export draw the same figures.
:func:`summarise` makes the corpus-wide summaries behind the default views, which a results
folder stores so that the dashboard does not make them from the per-article tables.
"""

import pandas as pd

from analysis.tables import Analysis
from analysis.views import actors, framing, groups, keywords, overview, spelling, stance, voices
from analysis.views.base import afresh

#: Every view, in the order of the pages.
VIEWS = (overview, actors, stance, voices, groups, keywords, spelling, framing)


def summarise(analysis: Analysis) -> dict[str, pd.DataFrame | tuple[pd.DataFrame, ...]]:
    """Every summary the views make of the whole corpus (:func:`analysis.views.base.once`,
    made anew: :func:`analysis.views.base.afresh`) for their default selections, the
    Overview's comparisons of every outlet and of the outlets it shows first, the terms
    the Stance page proposes as topics, the per-article measures the Groups page compares
    and the names the Actors page lists as found in the text, by name."""
    with afresh(analysis) as summaries:
        for view in VIEWS:
            view.build(analysis, view.Selection())
        overview.compare(analysis)
        overview.compare(analysis, tuple(overview.default_outlets(analysis.articles)))
        overview.omissions(analysis)
        overview.omissions(analysis, tuple(overview.default_outlets(analysis.articles)))
        stance.proposed(analysis)
        groups.measures(analysis)
        actors.found(analysis)
    return summaries


__all__ = [
    "VIEWS",
    "actors",
    "framing",
    "groups",
    "keywords",
    "overview",
    "spelling",
    "stance",
    "summarise",
    "voices",
]
