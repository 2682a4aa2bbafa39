"""The Keywords page's view: what each outlet talks about, and the terms that set it apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.actors import Registry
from analysis.charts import distinctive_bars, distinctive_scatter, keyword_heatmap, outlet_colours
from analysis.keywords import (
    MIN_COUNT,
    PHRASE,
    WORD,
    context_pattern,
    distinctive_terms,
    frequent_terms,
    keyword_in_context,
    keyword_matrix,
    outlet_keywords,
)
from analysis.tables import Analysis, Matching
from analysis.views.base import Chart, every_outlet, limits, once, per_outlet

PAGE = "Keywords"
#: Keywords per outlet on the keyword heatmaps by default.
TOP_KEYWORDS = 10
#: Each kind of keyword as the charts name it.
KIND_LABELS = {WORD: "words", PHRASE: "phrases"}


@dataclass(frozen=True)
class Selection:
    """The Keywords page's choices: the ``kind`` of keyword (None: both, a heatmap each), the
    ``top`` keywords per outlet, the ``outlet`` whose distinctive terms are charted (None:
    every outlet) and the ``min_count`` a term needs in the corpus to be scored as
    distinctive."""

    kind: str | None = None
    top: int = field(default=TOP_KEYWORDS, metadata=limits(3, 30))
    outlet: str | None = None
    min_count: int = field(default=MIN_COUNT, metadata=limits(1, 50))


class Tables(NamedTuple):
    """What the Keywords page shows: each outlet's top keywords of each kind charted
    (``outlet_keywords``, by kind), the ``distinctive`` terms of every outlet, the
    ``outlets`` whose distinctive terms are charted (none with fewer than two outlets) and
    the outlets' ``colours``."""

    outlet_keywords: dict[str, pd.DataFrame]
    top: int
    distinctive: pd.DataFrame
    outlets: list[str]
    colours: dict[str, str]


@per_outlet
def _outlet_keywords(analysis: Analysis, kind: str, top: int) -> pd.DataFrame:
    return outlet_keywords(analysis.keywords, analysis.articles, kind=kind, top=top)


def _distinctive(analysis: Analysis, min_count: int) -> pd.DataFrame:
    if min_count >= MIN_COUNT:  # the analysis's terms hold every term needed
        return frequent_terms(analysis.distinctive_terms, min_count)
    articles = analysis.articles
    texts = analysis.texts(articles[S.ARTICLE_ID])
    return distinctive_terms(
        articles.assign(**{S.TEXT: articles[S.ARTICLE_ID].map(texts)}), min_count=min_count
    )


#: Most sentences an analysis may have for the Keywords page to show the sentences of its
#: first keyword unasked (finding them all costs about 35 µs a sentence that may hold it).
MAX_SENTENCES_SHOWN_UNASKED = 100_000


def contexts_unasked(analysis: Analysis) -> bool:
    """Whether the page shows the sentences of its first keyword before one is chosen (not
    on an analysis of more than :data:`MAX_SENTENCES_SHOWN_UNASKED` sentences)."""
    return analysis.count("sentences") <= MAX_SENTENCES_SHOWN_UNASKED


def contexts(analysis: Analysis, term: str, registry: Registry | None = None) -> pd.DataFrame:
    """Every sentence of ``analysis`` using ``term``
    (:func:`~analysis.keywords.keyword_in_context`), looked for only in the sentences that
    match its :func:`~analysis.keywords.context_pattern` (a stored analysis reads only
    those)."""
    pattern = context_pattern(term, registry)
    sentences = (
        analysis.sentences
        if pattern is None
        else analysis.rows("sentences", **{S.TEXT: Matching(pattern)})
    )
    return keyword_in_context(sentences, analysis.articles, term, registry=registry)


def build(analysis: Analysis, selection: Selection = Selection()) -> Tables:
    """The Keywords page's tables for ``selection`` (analysis.keywords.outlet_keywords,
    analysis.keywords.distinctive_terms)."""
    kinds = list(KIND_LABELS) if selection.kind is None else [selection.kind]
    by_kind = {kind: once(analysis, _outlet_keywords, kind, selection.top) for kind in kinds}
    terms = once(analysis, _distinctive, selection.min_count)
    every = every_outlet(analysis)
    charted = [] if len(every) < 2 else every if selection.outlet is None else [selection.outlet]
    colours = outlet_colours(analysis.articles[S.OUTLET])
    return Tables(by_kind, selection.top, terms, charted, colours)


def keyword_charts(tables: Tables) -> list[Chart]:
    """A heatmap of the top keywords by outlet, per kind."""
    found = []
    for kind, frame in tables.outlet_keywords.items():
        label = KIND_LABELS[kind]
        matrix = keyword_matrix(frame, top=tables.top)
        found.append(Chart(PAGE, f"top {label} by outlet", keyword_heatmap(matrix, kind=label)))
    return found


def distinctive_charts(tables: Tables) -> list[Chart]:
    """The distinctive terms of each outlet charted: a scatter and bars."""
    found = []
    for outlet in tables.outlets:
        colour, terms = tables.colours[outlet], tables.distinctive
        found += [
            Chart(
                PAGE,
                f"distinctive terms {outlet}",
                distinctive_scatter(terms, outlet, colour=colour),
            ),
            Chart(
                PAGE, f"distinctive bars {outlet}", distinctive_bars(terms, outlet, colour=colour)
            ),
        ]
    return found


def charts(tables: Tables) -> list[Chart]:
    """The keyword heatmaps, then the distinctive terms of each outlet charted."""
    return keyword_charts(tables) + distinctive_charts(tables)
