"""What every view shares: the :class:`Chart` it draws, the limits of a selection's numbers,
the outlets and articles a selection keeps, evidence rows with their sentences
(:func:`with_sentences`), values ranked by a count (:func:`ranked`), and :func:`once`, which
makes a corpus-wide summary once per analysis for every selection that filters it (or takes
it from the analysis's store, where :func:`analysis.views.summarise` made it).

A summary whose maker is marked :func:`per_outlet` is made of each outlet's rows alone. That
of a stored analysis of many articles is made a few outlets at a time (their rows read from
the store, then let go: :func:`outlet_batches`) and concatenated, so making it needs the
memory of :data:`BATCH_ARTICLES` articles or of the largest outlet, not of the corpus."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import NamedTuple, Protocol, Self, TypeVar
from weakref import WeakKeyDictionary

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as S
from analysis.tables import Analysis

#: A summary: a frame, or a tuple of frames.
Summary = TypeVar("Summary", pd.DataFrame, tuple[pd.DataFrame, ...])
#: What :func:`once` made, per analysis (gone with the analysis), by summary name.
_MADE: WeakKeyDictionary[Analysis, dict[str, object]] = WeakKeyDictionary()
_LOCK = threading.Lock()
#: Most articles whose rows a :func:`per_outlet` summary of a stored analysis reads at a time
#: (unless one outlet has more): making the summaries of 100,000 articles at once took 8 GB.
BATCH_ARTICLES = 5_000
#: The makers marked :func:`per_outlet`.
_PER_OUTLET: set[Callable[..., object]] = set()
Maker = TypeVar("Maker", bound=Callable[..., object])


def per_outlet(make: Maker) -> Maker:
    """Mark ``make`` as a summary maker whose summary of several outlets is its summaries
    of each (of an analysis of that outlet alone, :meth:`Analysis.subset`) concatenated in
    the order of the outlets' names: its rows are in outlet order and each is made of its
    outlet's rows alone."""
    _PER_OUTLET.add(make)
    return make


def _concatenated(parts: list[Summary]) -> Summary:
    """``parts`` (frames, or tuples of frames) concatenated, frame by frame; the empty
    frames of some parts are left out (their columns may have no type)."""
    if isinstance(parts[0], pd.DataFrame):
        kept = [part for part in parts if len(part)] or parts[:1]
        return pd.concat(kept, ignore_index=True)  # type: ignore[return-value]
    return tuple(_concatenated(list(frames)) for frames in zip(*parts, strict=True))  # type: ignore[return-value]


def outlet_batches(articles: pd.DataFrame, most: int) -> list[list[str]]:
    """The outlets of ``articles`` in order of their names, cut into runs of at most
    ``most`` articles (an outlet with more is a run of its own)."""
    batches: list[list[str]] = []
    size = 0
    for outlet, count in articles.groupby(S.OUTLET, sort=True).size().items():
        if not batches or size + count > most:
            batches.append([])
            size = 0
        batches[-1].append(str(outlet))
        size += int(count)
    return batches


def _made(
    analysis: Analysis, make: Callable[..., Summary], arguments: tuple[Hashable, ...]
) -> Summary:
    """``make(analysis, *arguments)``; a stored analysis's summary of a :func:`per_outlet`
    maker is made a batch of outlets at a time (:func:`outlet_batches` of at most
    :data:`BATCH_ARTICLES`)."""
    if analysis.store is None or make not in _PER_OUTLET:
        return make(analysis, *arguments)
    batches = outlet_batches(analysis.articles, BATCH_ARTICLES)
    if len(batches) < 2:
        return make(analysis, *arguments)
    return _concatenated([make(analysis.subset(batch), *arguments) for batch in batches])


def _name(make: Callable[..., Summary], arguments: tuple[Hashable, ...]) -> str:
    return f"{make.__module__}.{make.__qualname__}{arguments!r}"


def once(analysis: Analysis, make: Callable[..., Summary], *arguments: Hashable) -> Summary:
    """``make(analysis, *arguments)``, made once per ``analysis`` (for as long as it lives),
    ``make`` and ``arguments``: a summary of the whole corpus that each selection only
    filters (a page's choices change the selection, not the summary). ``make`` must be a
    module-level function returning a frame or a tuple of frames. A stored analysis whose
    store holds the summary (written by :func:`analysis.results.write_results`) is not
    asked for its tables."""
    with _LOCK:
        made = _MADE.setdefault(analysis, {})
    name = _name(make, arguments)
    if name not in made:
        stored = None if analysis.store is None else analysis.store.summary(name)
        made[name] = _made(analysis, make, arguments) if stored is None else stored
    return made[name]  # type: ignore[return-value]


@contextmanager
def afresh(analysis: Analysis) -> Iterator[dict[str, pd.DataFrame | tuple[pd.DataFrame, ...]]]:
    """The summaries :func:`once` makes of ``analysis`` inside the ``with`` block, by name,
    each made anew (or read from its store) as if none had been made: every summary asked
    in the block, those it is made of included. They are kept with those made before."""
    fresh: dict[str, object] = {}
    with _LOCK:
        before = _MADE.get(analysis, {})
        _MADE[analysis] = fresh
    try:
        yield fresh  # type: ignore[misc]
    finally:
        with _LOCK:
            _MADE[analysis] = {**before, **fresh}


class Chart(NamedTuple):
    """One chart of a page: the ``page`` it is on, its ``name`` (which gives the file name,
    see :func:`analysis.charts.file_stem`) and the Plotly ``figure``."""

    page: str
    name: str
    figure: go.Figure


#: Columns :func:`with_sentences` adds: where the row's sentence starts, and its text.
SENTENCE_START = "sentence_start"
SENTENCE = "sentence"


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


def outlets_of(articles: pd.DataFrame) -> list[str]:
    """The outlets of ``articles``, sorted: the choices of a page's outlet filter."""
    return sorted(articles[S.OUTLET].unique())


def every_outlet(analysis: Analysis) -> list[str]:
    """The outlets of ``analysis``, sorted."""
    return outlets_of(analysis.articles)


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


def articles_where(analysis: Analysis, outlets: Iterable[str] | None) -> dict[str, set[str]]:
    """The condition of :meth:`Analysis.rows` that keeps the rows of the articles of
    ``outlets``: none when they are every outlet (None, or all of them), so that a stored
    analysis is not sent the ids of every article."""
    if outlets is None:
        return {}
    kept = set(outlets)
    if kept >= set(every_outlet(analysis)):
        return {}
    return {S.ARTICLE_ID: chosen_articles(analysis, kept)}


def with_sentences(rows: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
    """``rows`` (with article_id, sent_id) and where their sentence starts
    (``sentence_start``), its ``sentence`` text, and their article's outlet and title ("" when
    it has none), in the order of ``rows``."""
    found = analysis.rows("sentences", **{S.ARTICLE_ID: set(rows[S.ARTICLE_ID])})
    sentences = found[[S.ARTICLE_ID, S.SENT_ID, S.START, S.TEXT]].rename(
        columns={S.START: SENTENCE_START, S.TEXT: SENTENCE}
    )
    articles = analysis.articles[[S.ARTICLE_ID, S.OUTLET, S.TITLE]]
    joined = rows.merge(sentences, on=[S.ARTICLE_ID, S.SENT_ID], how="left")
    joined = joined.merge(articles, on=S.ARTICLE_ID, how="left", suffixes=("", "_article"))
    return joined.assign(**{S.TITLE: joined[S.TITLE].fillna("")})


def first_rows(
    analysis: Analysis,
    name: str,
    outlets: Iterable[str] | None,
    limit: int | None,
    **where: Collection[object],
) -> tuple[pd.DataFrame, int]:
    """The rows of table ``name`` in the articles of ``outlets`` (None: every outlet) whose
    columns hold a value of ``where``: the first ``limit`` in table order (None: all), and
    how many there are in all."""
    where = {**where, **articles_where(analysis, outlets)}
    return analysis.rows(name, limit, **where), analysis.count(name, **where)


def ranked(frame: pd.DataFrame, column: str, by: str) -> list[str]:
    """The values of ``column`` by the sum of ``by``, largest first (ties alphabetically)."""
    return list(ranked_totals(frame, column, by))


def ranked_totals(frame: pd.DataFrame, column: str, by: str) -> dict[str, int]:
    """The sum of ``by`` (a count, 0 or more) per value of ``column``, largest first (ties
    alphabetically)."""
    totals = frame.groupby(column)[by].sum().sort_values(ascending=False, kind="stable")
    return {str(value): int(total) for value, total in totals.items()}


class GroupedTables(Protocol):
    """A view's tables of groups (of spellings, of contested terms), some of them charted."""

    @property
    def groups(self) -> list[str]: ...

    def _replace(self, *, charted: list[str]) -> Self: ...


Grouped = TypeVar("Grouped", bound=GroupedTables)


def of_group(tables: Grouped, group: str | None) -> Grouped:
    """``tables`` with ``group`` alone charted (None: as they are), as the view builds them
    for a selection of that group."""
    if group is None:
        return tables
    return tables._replace(charted=[group] if group in tables.groups else [])
