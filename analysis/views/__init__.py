"""One view per page: the page's :class:`Selection` (its choices, with their defaults and
ranges), ``build(analysis, selection)`` (the tables the page shows, outlets filtered) and
``charts(tables)`` (its figures, each a :class:`~analysis.views.base.Chart`).

The page draws its widgets from the selection, builds its tables through one cache and draws
the charts ``charts`` returns; the exports (the ZIP, the report, ``python -m analysis
charts``) are :data:`VIEWS` built with their default selections
(:func:`analysis.export.page_charts`), so a page and its export draw the same figures.
"""

from analysis.views import actors, framing, keywords, overview, spelling, stance, voices

#: Every view, in the order of the pages.
VIEWS = (overview, actors, stance, voices, keywords, spelling, framing)

__all__ = ["VIEWS", "actors", "framing", "keywords", "overview", "spelling", "stance", "voices"]
