"""The Keywords page's view: what each outlet talks about, and the terms that set it apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.actors import Registry
from analysis.charts import outlet_colours
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
    outlets_with_words,
    unique_keywords,
)
from analysis.tables import Analysis, Matching
from analysis.views.base import Chart, every_outlet, limits, once, per_outlet
from analysis.word_charts import distinctive_bars, distinctive_scatter, keyword_heatmap

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
    ``outlets`` whose distinctive terms are charted (none with fewer than two outlets, none
    with too little text: :func:`distinctive_outlets`), the
    outlets' ``colours`` and, by kind, the keywords ``only`` one outlet lists
    (:func:`~analysis.keywords.unique_keywords`)."""

    outlet_keywords: dict[str, pd.DataFrame]
    top: int
    distinctive: pd.DataFrame
    outlets: list[str]
    colours: dict[str, str]
    only: dict[str, pd.DataFrame]


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


def distinctive_outlets(analysis: Analysis) -> tuple[list[str], list[str]]:
    """The outlets with enough text for distinctive terms
    (:func:`~analysis.keywords.outlets_with_words`) and those with too little, each
    sorted."""
    enough = outlets_with_words(analysis.articles)
    return sorted(enough.index[enough]), sorted(enough.index[~enough])


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
    enough, _ = distinctive_outlets(analysis)
    chosen = enough if selection.outlet is None else [selection.outlet]
    charted = [] if len(every) < 2 else [outlet for outlet in chosen if outlet in enough]
    colours = outlet_colours(analysis.articles[S.OUTLET])
    only = {kind: unique_keywords(frame) for kind, frame in by_kind.items()}
    return Tables(by_kind, selection.top, terms, charted, colours, only)


#: Most distinctive terms (highest z first) offered in context beside the keywords.
CONTEXT_TERMS = 20


def context_choices(tables: Tables, kind: str) -> list[str]:
    """The keywords and terms the page offers to show in context: the outlets' keywords of
    ``kind``, then the :data:`CONTEXT_TERMS` most distinctive terms (when outlets are
    compared), each once."""
    terms = tables.distinctive
    compared = bool(tables.outlets) and not terms.empty
    top_terms = terms.nlargest(CONTEXT_TERMS, S.Z)[S.TERM].tolist() if compared else []
    return list(dict.fromkeys(tables.outlet_keywords[kind][S.KEY].tolist() + top_terms))


class OutletContexts(NamedTuple):
    """The sentences using a term: how many each outlet has (``counts``, by outlet name)
    and the first ones ``shown``, by outlet in order of names."""

    counts: dict[str, int]
    shown: dict[str, pd.DataFrame]


def by_outlet(found: pd.DataFrame, limit: int) -> OutletContexts:
    """``found`` (:func:`contexts`) counted by outlet, and its first ``limit`` rows by
    outlet."""
    counts = found.groupby(S.OUTLET).size()
    shown = found.head(limit).groupby(S.OUTLET, sort=True)
    return OutletContexts(
        {str(outlet): int(count) for outlet, count in counts.items()},
        {str(outlet): rows for outlet, rows in shown},
    )


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
