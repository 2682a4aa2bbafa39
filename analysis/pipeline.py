"""The whole analysis of a corpus, on every core, remembered on disk.

Most tables depend only on each article's text and the settings (the actor registry, topics,
spelling and term groups, coreference): sentences, mentions, sentiment, quotes, stance,
keywords, spellings, contested terms, frames and labels. :func:`article_tables` makes them for
any set of articles; :func:`analyse` splits the corpus into parts and runs them in worker
processes (``workers`` of them; the machine's cores by default), then adds the tables that
compare outlets (actor summary, distinctive terms, spelling candidates).

A :class:`DiskCache` keeps built corpora (:func:`cached_corpus`, keyed by the documents) and
analyses: the per-article tables keyed by the articles' ids (hashes of their cleaned text),
their titles (headlines count for spellings, terms and frames) and the settings, so that
outlet and date edits reuse them; the outlet tables keyed by the whole corpus. A corpus
analysed once opens again without analysis work.

The worker processes are those of :mod:`analysis.workers` (read its note on scripts).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

import pandas as pd
import platformdirs

from analysis import schema as S
from analysis.actors import Registry, default_registry, find_mentions
from analysis.aggregate import actor_summary
from analysis.corpus import MIN_WORDS, Corpus, build_corpus
from analysis.framing import count_terms, default_terms, find_frames, find_labels, frame_answers
from analysis.framing import term_hits as find_term_hits
from analysis.ingest import IngestResult
from analysis.keywords import article_keywords, distinctive_terms
from analysis.lexicon import Groups
from analysis.quotes import find_quotes
from analysis.sentiment import actor_sentiment
from analysis.spelling import count_spellings, default_groups, discover_variants, variant_hits
from analysis.stance import Topics, default_topics, find_stance
from analysis.text import sentences
from analysis.workers import PARTS_PER_WORKER, default_workers, map_parts, split

#: Bump when an analyser changes its output, so that older cached tables are not reused.
VERSION = "1"
#: Days a disk-cache entry may go unused before it is deleted.
MAX_AGE_DAYS = 30
#: Below this many words a corpus is analysed in the calling process (starting workers and
#: moving tables between processes would cost more than it saves).
MIN_PARALLEL_WORDS = 20_000
#: The per-article tables, in the order they are made.
ARTICLE_TABLES: tuple[str, ...] = (
    "sentences",
    "mentions",
    "actor_sentiment",
    "quotes",
    "stance",
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
CORPUS_TABLES: tuple[str, ...] = ("actor_summary", "distinctive_terms", "spelling_candidates")

Timings = dict[str, float]
Value = TypeVar("Value")


class Settings(NamedTuple):
    """What the user can change about the analysis; None means the built-in data file."""

    registry: Registry | None = None
    topics: Topics | None = None
    spellings: Groups | None = None
    terms: Groups | None = None
    coref: bool = True

    def resolved(self) -> Settings:
        """The settings with every None replaced by the built-in data."""
        return Settings(
            self.registry if self.registry is not None else default_registry(),
            self.topics if self.topics is not None else default_topics(),
            self.spellings if self.spellings is not None else default_groups(),
            self.terms if self.terms is not None else default_terms(),
            self.coref,
        )

    def fingerprint(self) -> str:
        """A stable hash of the resolved settings (the same on every run and machine)."""
        return hashlib.sha256(repr(self.resolved()).encode()).hexdigest()[:24]


#: The built-in registry, topics, spelling and term groups, with coreference.
DEFAULT_SETTINGS = Settings()


@contextmanager
def _timed(timings: Timings | None, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def article_tables(
    articles: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, timings: Timings | None = None
) -> dict[str, pd.DataFrame]:
    """The per-article tables (:data:`ARTICLE_TABLES`) of ``articles``, in this process.

    Each table has the columns its analyser documents. ``timings``, when given, gains the
    seconds spent in each stage (added to what it holds).
    """
    registry, topics, spellings, terms, coref = settings.resolved()
    made: dict[str, pd.DataFrame] = {}
    steps: list[tuple[str, Callable[[], pd.DataFrame]]] = [
        ("sentences", lambda: sentences(articles)),
        (
            "mentions",
            lambda: find_mentions(articles, made["sentences"], registry=registry, coref=coref),
        ),
        ("actor_sentiment", lambda: actor_sentiment(made["mentions"], made["sentences"])),
        (
            "quotes",
            lambda: find_quotes(articles, made["sentences"], made["mentions"], registry=registry),
        ),
        (
            "stance",
            lambda: find_stance(
                articles,
                made["sentences"],
                made["mentions"],
                made["quotes"],
                topics=topics,
                registry=registry,
            ),
        ),
        ("keywords", lambda: article_keywords(articles, registry=registry)),
        ("spelling_hits", lambda: variant_hits(articles, groups=spellings)),
        ("spellings", lambda: count_spellings(made["spelling_hits"], articles, groups=spellings)),
        ("term_hits", lambda: find_term_hits(articles, made["sentences"], groups=terms)),
        (
            "terms",
            lambda: count_terms(made["term_hits"], articles, made["sentences"], groups=terms),
        ),
        ("frame_answers", lambda: frame_answers(articles, made["sentences"])),
        ("frames", lambda: find_frames(made["frame_answers"])),
        (
            "labels",
            lambda: find_labels(articles, made["sentences"], made["mentions"], registry=registry),
        ),
    ]
    for name, step in steps:
        with _timed(timings, name):
            made[name] = step()
    return made


def _part_tables(
    articles: pd.DataFrame, settings: Settings
) -> tuple[dict[str, pd.DataFrame], Timings]:
    """What a worker process runs: one part's tables and its stage timings."""
    timings: Timings = {}
    return article_tables(articles, settings, timings=timings), timings


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Each table's rows from every part, in order (empty parts left out: their columns may
    carry a looser dtype than the filled ones)."""
    joined = {}
    for name in ARTICLE_TABLES:
        frames = [part[name] for part in parts if len(part[name])] or [parts[0][name]]
        joined[name] = pd.concat(frames, ignore_index=True)
    return joined


def parallel_article_tables(
    articles: pd.DataFrame,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int | None = None,
    timings: Timings | None = None,
) -> dict[str, pd.DataFrame]:
    """:func:`article_tables` on ``workers`` processes (default: every core); the same
    tables, row for row, as one process makes. Small corpora
    (< :data:`MIN_PARALLEL_WORDS` words) and ``workers=1`` stay in this process. ``timings``
    gains the seconds each stage took, summed over the workers."""
    workers = workers or default_workers()
    if workers <= 1 or int(articles[S.N_WORDS].sum()) < MIN_PARALLEL_WORDS:
        return article_tables(articles, settings, timings=timings)
    cuts = split(articles[S.N_WORDS].tolist(), workers * PARTS_PER_WORKER)
    parts = [articles.iloc[a:b] for a, b in cuts]
    results = map_parts(partial(_part_tables, settings=settings.resolved()), parts, workers=workers)
    if timings is not None:
        for _, spent in results:
            for stage, seconds in spent.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
    return _concat([tables for tables, _ in results])


class DiskCache:
    """Analyses stored as files under ``folder`` (default: the user's cache folder,
    ``$PRESSLENS_CACHE_DIR`` when set), one file per :meth:`key`.

    A writer writes a temporary file in the same folder and renames it into place, so two
    sessions writing the same entry at once leave one whole file and a reader never sees half
    of one. The files hold the analysis of the user's articles (their text and sentences among
    it): delete the folder to forget them; entries unused for ``max_age_days`` are deleted
    whenever a new entry is written.
    """

    def __init__(self, folder: Path | None = None, *, max_age_days: float = MAX_AGE_DAYS) -> None:
        default = os.environ.get("PRESSLENS_CACHE_DIR") or platformdirs.user_cache_dir("presslens")
        self.folder = Path(folder) if folder is not None else Path(default)
        self.max_age_days = max_age_days

    @staticmethod
    def key(*parts: str | bytes) -> str:
        """The entry name for what ``parts`` describe (with :data:`VERSION`: a new version of
        the analysers never reads an older entry)."""
        digest = hashlib.sha256(VERSION.encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()[:40]

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> object | None:
        """What is stored under ``key``, or None (never stored, or unreadable)."""
        path = self._path(key)
        try:
            with path.open("rb") as file:
                value = pickle.load(file)
            os.utime(path)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        return value

    def put(self, key: str, value: object) -> None:
        """Store ``value`` under ``key``; a folder that cannot be written is skipped."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path(key))
        except OSError:
            return
        self._forget_old()

    def remember(self, key: str, make: Callable[[], Value], kind: type) -> Value:
        """What is stored under ``key`` when it is a ``kind``, else ``make()``, stored."""
        value = self.get(key)
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
        value = make()
        self.put(key, value)
        return value

    def _forget_old(self) -> None:
        oldest = time.time() - self.max_age_days * 86_400
        for path in self.folder.glob("*.pickle"):
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink()
            except OSError:
                continue


def _remembered(
    cache: DiskCache | None, key: Callable[[], str], make: Callable[[], Value], kind: type
) -> Value:
    return make() if cache is None else cache.remember(key(), make, kind)


def cached_corpus(
    result: IngestResult,
    *,
    clean: bool = True,
    min_words: int = MIN_WORDS,
    cache: DiskCache | None = None,
    workers: int | None = None,
) -> Corpus:
    """:func:`analysis.corpus.build_corpus` of ``result``, read from ``cache`` when the same
    documents were built with the same options before."""

    def key() -> str:
        parts: list[str] = [f"corpus clean={clean} min_words={min_words}"]
        parts += [repr(sorted(doc.__dict__.items())) for doc in result.documents]
        parts += [repr(sorted(rejection.__dict__.items())) for rejection in result.rejected]
        return DiskCache.key(*parts)

    return _remembered(
        cache,
        key,
        lambda: build_corpus(result, clean=clean, min_words=min_words, workers=workers),
        Corpus,
    )


def analyse(
    corpus: Corpus,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int | None = None,
    cache: DiskCache | None = None,
    timings: Timings | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the analysis of ``corpus``, by file name (the tables of
    ``python -m analysis analyze``): the corpus's own, :data:`ARTICLE_TABLES` (made on
    ``workers`` processes) and :data:`CORPUS_TABLES`.

    With a ``cache``, the per-article tables are stored under the articles' ids and titles
    and the settings, the outlet tables under the corpus's :attr:`~Corpus.content_hash` and
    the settings, and read from there when present. ``timings`` gains the seconds of each
    stage that ran.
    """
    articles = corpus.articles
    fingerprint = settings.fingerprint()

    def article_key() -> str:
        titles = zip(articles[S.ARTICLE_ID], articles[S.TITLE].astype(str), strict=True)
        return DiskCache.key("articles", fingerprint, *(f"{i}\t{t}" for i, t in titles))

    per_article: dict[str, pd.DataFrame] = _remembered(
        cache,
        article_key,
        lambda: parallel_article_tables(articles, settings, workers=workers, timings=timings),
        dict,
    )

    def outlet_tables() -> dict[str, pd.DataFrame]:
        made = {}
        with _timed(timings, "actor_summary"):
            made["actor_summary"] = actor_summary(per_article["actor_sentiment"], articles)
        with _timed(timings, "distinctive_terms"):
            made["distinctive_terms"] = distinctive_terms(articles)
        with _timed(timings, "spelling_candidates"):
            made["spelling_candidates"] = discover_variants(
                articles, groups=settings.resolved().spellings
            )
        return made

    compared: dict[str, pd.DataFrame] = _remembered(
        cache,
        lambda: DiskCache.key("outlets", fingerprint, corpus.content_hash),
        outlet_tables,
        dict,
    )
    return {
        "articles": articles,
        "rejected": corpus.rejected,
        "removed": corpus.removed,
        **per_article,
        **compared,
    }
