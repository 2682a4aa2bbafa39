"""The analysis of a corpus as one typed result: :class:`Analysis`, a field per table.

:func:`analysis.pipeline.analyse` makes it, :func:`analysis.results.read_results` reads one
back from a results folder; the pages, the exports and the command line read its fields
(``analysis.mentions``), never tables by a string. Each table's columns are documented by
the function that makes it (see ``docs/ARCHITECTURE.md``) and named in
:mod:`analysis.schema`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

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
)
#: The tables that compare outlets, made from the per-article ones and the articles.
OUTLET_TABLES: tuple[str, ...] = ("actor_summary", "distinctive_terms", "spelling_candidates")
#: The table of analysers that failed on an article or on the whole corpus.
ANALYSIS_ERRORS = "analysis_errors"
#: Every table of an :class:`Analysis`, in the order it is written.
TABLES: tuple[str, ...] = (*CORPUS_TABLES, *ARTICLE_TABLES, *OUTLET_TABLES, ANALYSIS_ERRORS)


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every table of the analysis of one corpus, and ``key``: what made it (the corpus's
    content and the settings; two analyses with one key hold the same tables).

    The fields are named as the files of ``python -m analysis analyze`` (:data:`TABLES`);
    the library never modifies them, and neither may a caller.
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
    actor_summary: pd.DataFrame
    distinctive_terms: pd.DataFrame
    spelling_candidates: pd.DataFrame
    analysis_errors: pd.DataFrame
    key: str = ""

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
        names the outlets kept."""
        chosen = set(outlets)
        articles = self.articles
        kept = set(articles.loc[articles[S.OUTLET].isin(chosen), S.ARTICLE_ID])
        result = {}
        for name, frame in self.tables().items():
            if S.ARTICLE_ID in frame.columns:
                frame = frame[frame[S.ARTICLE_ID].isin(kept)]
            elif S.OUTLET in frame.columns:
                frame = frame[frame[S.OUTLET].isin(chosen)]
            result[name] = frame.reset_index(drop=True)
        return replace(Analysis.from_tables(result), key="\t".join([self.key, *sorted(chosen)]))
