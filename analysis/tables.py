"""The analysis of a corpus as one typed result: :class:`Analysis`, a field per table.

:func:`analysis.pipeline.analyse` makes it, :func:`analysis.results.read_results` reads one
back from a results folder; the pages, the exports and the command line read its fields
(``analysis.mentions``), never tables by a string. Each table's columns are documented by
the function that makes it (see ``docs/ARCHITECTURE.md``) and named in
:mod:`analysis.schema`.

An analysis too large to hold in memory lives in a :class:`Store` (a results folder read
through DuckDB, :mod:`analysis.results`): its tables are read when a field is first used,
:meth:`Analysis.rows` fetches only the rows asked for, :meth:`Analysis.texts` the texts of
some articles (a stored analysis's ``articles`` has no text column), and the corpus-wide
summaries the views make (:func:`analysis.views.base.once`) come ready-made from the store.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

if TYPE_CHECKING:
    import duckdb

from analysis import schema as S
from analysis.corpus import Corpus

#: The corpus's own tables (:class:`~analysis.corpus.Corpus`).
CORPUS_TABLES: tuple[str, ...] = ("articles", "rejected", "removed")
#: The per-article tables, in the order they are made.
ARTICLE_TABLES: tuple[str, ...] = (
    "sentences",
    "mentions",
    "actor_sentiment",
    "quotes",
    "stance",
    "stance_objects",
    "keywords",
    "spelling_hits",
    "spellings",
    "term_hits",
    "terms",
    "frame_answers",
    "frames",
    "labels",
    "speaker_roles",
)
#: The tables that compare outlets, made from the per-article ones and the articles.
OUTLET_TABLES: tuple[str, ...] = ("actor_summary", "distinctive_terms", "spelling_candidates")
#: The table of analysers that failed on an article or on the whole corpus.
ANALYSIS_ERRORS = "analysis_errors"
#: Every table of an :class:`Analysis`, in the order it is written.
TABLES: tuple[str, ...] = (*CORPUS_TABLES, *ARTICLE_TABLES, *OUTLET_TABLES, ANALYSIS_ERRORS)


def folded_sql(column: str) -> str:
    """DuckDB SQL of the text of ``column`` folded for matching: lower case, accents
    stripped, typographic apostrophes straight, the dotless ı a plain i."""
    return f"replace(replace(strip_accents(lower(\"{column}\")), '’', ''''), 'ı', 'i')"


@dataclass(frozen=True)
class Matching:
    """A condition of :meth:`Analysis.rows`: the column's text, folded (:func:`folded_sql`),
    matches the regular expression ``pattern`` (RE2 syntax) somewhere."""

    pattern: str


def matching(texts: pd.Series, pattern: str) -> pd.Series:
    """For each of ``texts``, whether its folded text (:func:`folded_sql`) matches
    ``pattern`` (as :class:`Matching` asks; a missing text matches nothing)."""
    connection = _connection()
    connection.register("texts", pd.DataFrame({"text": texts.to_numpy()}))
    try:
        found = connection.sql(
            f"SELECT coalesce(regexp_matches({folded_sql('text')}, ?), false) AS found FROM texts",
            params=[pattern],
        ).fetchnumpy()["found"]
    finally:
        connection.unregister("texts")
    return pd.Series(found, index=texts.index, dtype=bool)


_LOCAL = threading.local()


def _connection() -> duckdb.DuckDBPyConnection:
    """This thread's DuckDB connection for :func:`matching` (opening one costs tens of ms)."""
    if not hasattr(_LOCAL, "connection"):
        import duckdb

        _LOCAL.connection = duckdb.connect()
    return _LOCAL.connection


#: What a column must hold for :meth:`Analysis.rows` to return a row, by column: one of some
#: values, or text :class:`Matching` a pattern.
Where = Mapping[str, "Collection[object] | Matching"]


class Store(Protocol):
    """Where the tables of a stored analysis live (:class:`analysis.results.FolderStore`)."""

    def read(self, name: str) -> pd.DataFrame:
        """The whole table ``name`` (``articles`` without its text column)."""

    def rows(self, name: str, where: Where, limit: int | None) -> pd.DataFrame:
        """The rows of table ``name`` whose columns hold one of the values of ``where``, the
        first ``limit`` (None: all)."""

    def count(self, name: str, where: Where) -> int:
        """How many rows of table ``name`` hold one of the values of ``where``."""

    def subset(self, outlets: Sequence[str]) -> Store:
        """The same store restricted to the articles and rows of ``outlets``."""

    def summary(self, name: str) -> pd.DataFrame | tuple[pd.DataFrame, ...] | None:
        """The summary ``name`` made when the analysis was stored (see
        :func:`analysis.views.base.once`), None when there is none."""


class _Deferred:
    """A table of a :class:`Store` not read yet (read once, by the first to use it)."""

    def __init__(self, store: Store, name: str) -> None:
        self.store, self.name = store, name
        self._lock = threading.Lock()
        self._frame: pd.DataFrame | None = None

    def load(self) -> pd.DataFrame:
        with self._lock:
            if self._frame is None:
                self._frame = self.store.read(self.name)
            return self._frame


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every table of the analysis of one corpus, and ``key``: what made it (the corpus's
    content and the settings; two analyses with one key hold the same tables).

    The fields are named as the files of ``python -m analysis analyze`` (:data:`TABLES`);
    the library never modifies them, and neither may a caller. An analysis with a ``store``
    (:meth:`from_store`) reads each table when it is first used.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    removed: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actor_sentiment: pd.DataFrame
    quotes: pd.DataFrame
    stance: pd.DataFrame
    stance_objects: pd.DataFrame
    keywords: pd.DataFrame
    spelling_hits: pd.DataFrame
    spellings: pd.DataFrame
    term_hits: pd.DataFrame
    terms: pd.DataFrame
    frame_answers: pd.DataFrame
    frames: pd.DataFrame
    labels: pd.DataFrame
    speaker_roles: pd.DataFrame
    actor_summary: pd.DataFrame
    distinctive_terms: pd.DataFrame
    spelling_candidates: pd.DataFrame
    analysis_errors: pd.DataFrame
    key: str = ""
    store: Store | None = None
    #: The sentiment method that scored ``actor_sentiment`` (analysis.sentiment.METHODS;
    #: "" when not known), named in the titles of the sentiment charts.
    sentiment: str = ""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if type(value) is _Deferred:
            value = value.load()
            object.__setattr__(self, name, value)
        return value

    @classmethod
    def from_store(cls, store: Store, *, key: str, sentiment: str = "") -> Analysis:
        """The analysis held by ``store``: each table is read from it when first used."""
        deferred: dict[str, Any] = {name: _Deferred(store, name) for name in TABLES}
        return cls(**deferred, key=key, store=store, sentiment=sentiment)

    def loaded(self, name: str) -> bool:
        """Whether table ``name`` is in memory (always, unless the analysis has a store)."""
        return type(object.__getattribute__(self, name)) is not _Deferred

    def rows(
        self, name: str, limit: int | None = None, **where: Collection[object] | Matching
    ) -> pd.DataFrame:
        """The rows of table ``name`` whose column holds one of the values given for it
        (``analysis.rows("mentions", actor=["NATO"], article_id=ids)``) or whose text
        matches (``analysis.rows("sentences", text=Matching("kyiv"))``), in table order, the
        first ``limit`` (None: all); a stored analysis reads them from its store (with every
        column: ``articles`` with its texts)."""
        if self.store is not None:
            return self.store.rows(name, where, limit)
        frame = getattr(self, name)
        keep = pd.Series(True, index=frame.index)
        for column, values in where.items():
            if not isinstance(values, Matching):
                keep &= frame[column].isin(list(values))
        for column, values in where.items():  # only the texts the values leave are matched
            if isinstance(values, Matching):
                keep[keep] = matching(frame.loc[keep, column], values.pattern)
        return frame[keep].head(limit).reset_index(drop=True)

    def count(self, name: str, **where: Collection[object] | Matching) -> int:
        """How many rows :meth:`rows` would return without a limit (a stored analysis
        counts them in its store: the table is not read)."""
        if self.store is not None:
            return self.store.count(name, where)
        return len(self.rows(name, **where)) if where else len(getattr(self, name))

    def texts(self, article_ids: Collection[str]) -> pd.Series:
        """The cleaned text of each of ``article_ids`` that is in the analysis, by article
        id (a stored analysis reads them from its store)."""
        found = self.rows("articles", **{S.ARTICLE_ID: article_ids})
        return found.set_index(S.ARTICLE_ID)[S.TEXT]

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame], *, key: str = "") -> Analysis:
        """The analysis of ``tables`` by name (every name of :data:`TABLES`; others are
        ignored); :class:`KeyError` naming the tables that are missing."""
        missing = [name for name in TABLES if name not in tables]
        if missing:
            raise KeyError(f"tables missing from the analysis: {', '.join(missing)}")
        return cls(**{name: tables[name] for name in TABLES}, key=key)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by file name, in the order of :data:`TABLES`."""
        return {name: getattr(self, name) for name in TABLES}

    @property
    def corpus(self) -> Corpus:
        """The corpus analysed: its articles, rejected inputs and removed lines."""
        return Corpus(self.articles, self.rejected, self.removed)

    def subset(self, outlets: Iterable[str]) -> Analysis:
        """This analysis restricted to the articles of ``outlets``: rows of tables with an
        article_id column keep the outlets' articles, tables with an outlet column (but no
        article_id) keep the outlets' rows; other tables are unchanged, and so is this
        analysis. Distinctive terms keep the z-scores computed against every outlet. The key
        names the outlets kept. A stored analysis reads only the outlets' rows, when they
        are used."""
        chosen = set(outlets)
        key = "\t".join([self.key, *sorted(chosen)])
        if self.store is not None:
            subset = self.store.subset(sorted(chosen))
            return Analysis.from_store(subset, key=key, sentiment=self.sentiment)
        articles = self.articles
        kept = set(articles.loc[articles[S.OUTLET].isin(chosen), S.ARTICLE_ID])
        result = {}
        for name, frame in self.tables().items():
            if S.ARTICLE_ID in frame.columns:
                frame = frame[frame[S.ARTICLE_ID].isin(kept)]
            elif S.OUTLET in frame.columns:
                frame = frame[frame[S.OUTLET].isin(chosen)]
            result[name] = frame.reset_index(drop=True)
        return replace(Analysis.from_tables(result), key=key, sentiment=self.sentiment)
