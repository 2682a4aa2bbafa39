"""The whole analysis of a corpus, on every core, remembered on disk.

Most tables depend only on each article's text and the settings (the actor registry, topics,
spelling and term groups, coreference): sentences, mentions, sentiment, quotes, stance,
keywords, spellings, contested terms, frames and labels. :func:`article_tables` makes them for
any set of articles; :func:`analyse` splits the corpus into parts and runs them on Dask
(:mod:`analysis.engine`: a local cluster of ``workers`` processes, the machine's cores by
default, or an existing cluster), then adds the tables that compare outlets (actor summary,
distinctive terms, spelling candidates: the last two added up from counts the workers make of
each part, :func:`corpus_counts`).

A :class:`~analysis.cache.DiskCache` keeps cleaned documents
(:func:`analysis.corpus.build_corpus`, keyed by the documents) and analyses: the per-article
tables keyed by the articles' ids (hashes of their cleaned text), their titles (headlines
count for spellings, terms and frames) and the settings, so that outlet and date edits reuse
them; the outlet tables keyed by the articles' ids, outlets, titles and dates
(:func:`tables_hash`) and the settings. A corpus analysed once opens again without analysis
work. An analysis in which an analyser failed (see ``analysis_errors``) is not stored. No
entry holds what a session loaded around its articles (raw text, sources, URLs, rejected
inputs, removed lines): the tables are made of the cleaned texts and those four columns only.
An analysis shared between sessions (the dashboard's memory cache) is stripped of them too
(:func:`shared_analysis`) and given each session's own corpus back (:func:`own_analysis`).

The worker processes are those of :mod:`analysis.engine` (read its note on scripts).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import TypeVar

import pandas as pd
from spacy.tokens import Doc

from analysis import schema as S
from analysis.actors import HOW_ENTITY, find_mentions, skeleton
from analysis.aggregate import actor_summary
from analysis.cache import DiskCache
from analysis.corpus import Corpus
from analysis.doc_keywords import article_keywords
from analysis.engine import (
    DEFAULT_ENGINE,
    PARTS_PER_WORKER,
    Engine,
    Stopped,
    default_workers,
    split,
)
from analysis.entities import ORGANISATION, PERSON
from analysis.framing import count_terms, find_frames, find_labels, frame_answers
from analysis.framing import term_hits as find_term_hits
from analysis.keywords import (
    TermCounts,
    add_term_counts,
    distinctive_from_counts,
    term_counts,
)
from analysis.parse import parse
from analysis.people import merge_people
from analysis.quotes import find_quotes
from analysis.sentiment import actor_sentiment
from analysis.settings import DEFAULT_SETTINGS, Settings
from analysis.speaker_kinds import article_roles
from analysis.spelling import Names, count_spellings, variant_hits, variants_from_names
from analysis.stance import TARGET_ACTOR, find_stance, stance_objects
from analysis.tables import ANALYSIS_ERRORS, ARTICLE_TABLES, OUTLET_TABLES, Analysis
from analysis.text import sentences

#: Below this many words a corpus is analysed in the calling process (starting workers and
#: moving tables between processes would cost more than it saves).
MIN_PARALLEL_WORDS = 20_000
#: Words per part of the articles analysed in this process (progress is told per part).
WORDS_PER_PART = 2_500
#: Most words in a part analysed by a worker: what a worker holds at once (its parses and
#: tables) stays the same whatever the size of the corpus.
MAX_WORDS_PER_PART = 100_000
#: The stage that parses the articles (its failures are rows of ``analysis_errors``).
PARSE = "parse"
#: The stage of :class:`~analysis.engine.Progress` that analyses articles.
ANALYSE = "analysing articles"
#: The stage of :class:`~analysis.engine.Progress` that compares outlets.
COMPARE = "comparing outlets"

LOG = logging.getLogger(__name__)
Timings = dict[str, float]


Part = TypeVar("Part")


@contextmanager
def timed(
    timings: Timings | None, stage: str, clock: Callable[[], float] = time.perf_counter
) -> Iterator[None]:
    """Adds the seconds of ``clock`` (default: wall time) the block took to
    ``timings[stage]``."""
    started = clock()
    yield
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + clock() - started


#: The columns of each per-article table (the shape of an empty one).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sentences": S.SENTENCE_COLUMNS,
    "mentions": S.MENTION_COLUMNS,
    "actor_sentiment": S.ACTOR_SENTIMENT_COLUMNS,
    "quotes": S.QUOTE_COLUMNS,
    "stance": S.STANCE_COLUMNS,
    "stance_objects": S.STANCE_OBJECT_COLUMNS,
    "keywords": S.KEYWORD_COLUMNS,
    "spelling_hits": S.VARIANT_HIT_COLUMNS,
    "spellings": S.SPELLING_COLUMNS,
    "term_hits": S.TERM_HIT_COLUMNS,
    "terms": S.TERM_COLUMNS,
    "frame_answers": S.FRAME_ANSWER_COLUMNS,
    "frames": S.FRAME_COLUMNS,
    "labels": S.LABEL_COLUMNS,
    "speaker_roles": S.SPEAKER_ROLE_COLUMNS,
}
#: An analyser: the articles and the tables made before it in, its table out.
Step = Callable[[pd.DataFrame, Mapping[str, pd.DataFrame]], pd.DataFrame]


def _steps(settings: Settings, docs: Mapping[str, Doc]) -> list[tuple[str, Step]]:
    """The analysers of :data:`~analysis.tables.ARTICLE_TABLES` after the sentences, in order, with
    ``settings`` resolved and ``docs`` the articles' parses."""
    resolved = settings.resolved()
    registry, topics, spellings, terms = (
        resolved.registry,
        resolved.topics,
        resolved.spellings,
        resolved.terms,
    )
    coref, method = resolved.coref, resolved.sentiment
    return [
        (
            "mentions",
            lambda a, m: find_mentions(
                a, m["sentences"], registry=registry, coref=coref, docs=docs
            ),
        ),
        (
            "actor_sentiment",
            lambda a, m: actor_sentiment(m["mentions"], m["sentences"], method=method),
        ),
        (
            "quotes",
            lambda a, m: find_quotes(
                a, m["sentences"], m["mentions"], registry=registry, docs=docs
            ),
        ),
        (
            "stance",
            lambda a, m: find_stance(
                a,
                m["sentences"],
                m["mentions"],
                m["quotes"],
                topics=topics,
                registry=registry,
                docs=docs,
                sentiment=method,
            ),
        ),
        ("stance_objects", lambda a, m: stance_objects(a, docs=docs)),
        ("keywords", lambda a, m: article_keywords(a, docs=docs, registry=registry)),
        ("spelling_hits", lambda a, m: variant_hits(a, groups=spellings)),
        ("spellings", lambda a, m: count_spellings(m["spelling_hits"], a, groups=spellings)),
        ("term_hits", lambda a, m: find_term_hits(a, m["sentences"], groups=terms)),
        ("terms", lambda a, m: count_terms(m["term_hits"], a, m["sentences"], groups=terms)),
        ("frame_answers", lambda a, m: frame_answers(a, m["sentences"])),
        ("frames", lambda a, m: find_frames(m["frame_answers"])),
        ("labels", lambda a, m: find_labels(a, m["sentences"], m["mentions"], registry=registry)),
        ("speaker_roles", lambda a, m: article_roles(m["quotes"], m["sentences"], m["labels"])),
    ]


def _error_row(articles: pd.DataFrame, analyser: str, error: Exception) -> dict[str, str]:
    """A row of ``analysis_errors``: ``analyser`` failed on the one article of ``articles``
    (on the whole corpus when ``articles`` is empty); the traceback goes to the log."""
    LOG.error("%s failed", analyser, exc_info=error)
    lines = str(error).strip().splitlines()
    first = articles.iloc[0] if len(articles) == 1 else None
    return {
        S.ARTICLE_ID: "" if first is None else str(first[S.ARTICLE_ID]),
        S.OUTLET: "" if first is None else str(first[S.OUTLET]),
        S.TITLE: "" if first is None else str(first[S.TITLE]),
        S.ANALYSER: analyser,
        S.ERROR: type(error).__name__,
        S.MESSAGE: (lines[0] if lines else type(error).__name__)[:300],
    }


def errors_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """The ``analysis_errors`` table of ``rows`` (columns :data:`S.ANALYSIS_ERROR_COLUMNS`)."""
    return pd.DataFrame(rows, columns=list(S.ANALYSIS_ERROR_COLUMNS), dtype=object)


def _guarded(
    name: str,
    step: Step,
    articles: pd.DataFrame,
    made: Mapping[str, pd.DataFrame],
    errors: list[dict[str, str]],
) -> pd.DataFrame:
    """``step`` over ``articles``; when it raises, over each article alone, so that an article
    it fails on costs only its own rows of this table (and a row of ``errors``)."""
    try:
        return step(articles, made)
    except Exception:
        LOG.warning("%s failed on a batch of %d articles; retrying one by one", name, len(articles))
    kept = []
    for position in range(len(articles)):
        one = articles.iloc[position : position + 1]
        identifier = one[S.ARTICLE_ID].iloc[0]
        own = {table: rows[rows[S.ARTICLE_ID] == identifier] for table, rows in made.items()}
        try:
            kept.append(step(one, own))
        except Exception as error:
            errors.append(_error_row(one, name, error))
    kept = [frame for frame in kept if len(frame)]
    if kept:
        return pd.concat(kept, ignore_index=True)
    try:  # the analyser's own empty table, with its column types, for the analysers after it
        return step(articles.iloc[0:0], {table: rows.iloc[0:0] for table, rows in made.items()})
    except Exception:
        return pd.DataFrame(columns=list(TABLE_COLUMNS[name]))


def article_tables(
    articles: pd.DataFrame,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    cache: DiskCache | None = None,
    timings: Timings | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> dict[str, pd.DataFrame]:
    """The per-article tables (:data:`~analysis.tables.ARTICLE_TABLES`) of ``articles``, in
    this process.

    The articles are parsed once (:func:`analysis.parse.parse`, the parses kept in ``cache``
    when one is given) and every analyser reads the same parse.

    Each table has the columns its analyser documents. Every analyser runs under a guard: an
    exception on one article leaves that article without that analyser's rows and adds a row
    to ``analysis_errors`` (columns :data:`S.ANALYSIS_ERROR_COLUMNS`); the other articles and
    analysers are not affected. ``timings``, when given, gains the CPU seconds this process
    spent in each stage (added to what it holds: on a machine other programs load, wall time
    would count their turns too). When ``should_stop()`` turns true between two analysers,
    :class:`~analysis.engine.Stopped` is raised.
    """
    made: dict[str, pd.DataFrame] = {}
    errors: list[dict[str, str]] = []
    with timed(timings, "sentences", time.process_time):
        made["sentences"] = _guarded("sentences", lambda a, m: sentences(a), articles, made, errors)
    if should_stop():
        raise Stopped
    with timed(timings, PARSE, time.process_time):
        docs = _parsed(articles, made["sentences"], cache, errors)
    for name, step in _steps(settings, docs):
        if should_stop():
            raise Stopped
        with timed(timings, name, time.process_time):
            made[name] = _guarded(name, step, articles, made, errors)
    made[ANALYSIS_ERRORS] = errors_frame(errors)
    return made


def _parsed(
    articles: pd.DataFrame,
    sentences_: pd.DataFrame,
    cache: DiskCache | None,
    errors: list[dict[str, str]],
) -> dict[str, Doc]:
    """The parses of ``articles`` (:func:`analysis.parse.parse`); an article that cannot be
    parsed is left out (its analysers then work from the text alone) and adds a row to
    ``errors``."""
    try:
        return parse(articles, sentences_, cache=cache)
    except Exception:
        LOG.warning("parsing failed on a batch of %d articles; retrying one by one", len(articles))
    docs: dict[str, Doc] = {}
    for position in range(len(articles)):
        one = articles.iloc[position : position + 1]
        own = sentences_[sentences_[S.ARTICLE_ID] == one[S.ARTICLE_ID].iloc[0]]
        try:
            docs.update(parse(one, own, cache=cache))
        except Exception as error:
            errors.append(_error_row(one, PARSE, error))
    return docs


def _part_tables(
    articles: pd.DataFrame, settings: Settings, cache: DiskCache | None
) -> tuple[dict[str, pd.DataFrame], Timings]:
    """What a worker process runs: one part's tables and its stage timings."""
    timings: Timings = {}
    return article_tables(articles, settings, cache=cache, timings=timings), timings


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Each table's rows from every part, in order (empty parts left out: their columns may
    carry a looser dtype than the filled ones). The parts' frames are dropped from ``parts``
    as each table is joined, so that a table is held twice only while it is joined."""
    joined = {}
    for name in (*ARTICLE_TABLES, ANALYSIS_ERRORS):
        frames = [part[name] for part in parts if len(part[name])] or [parts[0][name]]
        joined[name] = pd.concat(frames, ignore_index=True)
        del frames
        for part in parts:
            del part[name]
    return joined


def part_cuts(
    articles: pd.DataFrame, workers: int | None, scheduler: str | None
) -> tuple[int, list[tuple[int, int]]]:
    """The workers to use and the parts of ``articles`` (runs of positions) to give them:
    small corpora (< :data:`MIN_PARALLEL_WORDS` words, unless a ``scheduler`` is given) and
    ``workers=1`` stay in this process, in parts of about :data:`WORDS_PER_PART` words;
    else :data:`~analysis.engine.PARTS_PER_WORKER` parts per worker or more, each of at most
    about :data:`MAX_WORDS_PER_PART` words."""
    workers, words = workers or default_workers(), int(articles[S.N_WORDS].sum())
    if scheduler is None and (workers <= 1 or words < MIN_PARALLEL_WORDS):
        workers, count = 1, 1 + words // WORDS_PER_PART
    else:
        count = max(workers * PARTS_PER_WORKER, 1 + words // MAX_WORDS_PER_PART)
    return workers, split(articles[S.N_WORDS].tolist(), count)


def _on_parts(
    function: Callable[[pd.DataFrame], Part], articles: pd.DataFrame, engine: Engine, stage: str
) -> list[Part]:
    """``function`` of each part of ``articles`` that :func:`part_cuts` makes, in order, on
    ``engine`` (with the workers :func:`part_cuts` says; progress as ``stage``)."""
    workers, cuts = part_cuts(articles, engine.workers, engine.scheduler)
    return engine._replace(workers=workers).map(
        function,
        [articles.iloc[a:b] for a, b in cuts] or [articles],
        sizes=[b - a for a, b in cuts] or [0],
        stage=stage,
    )


def parallel_article_tables(
    articles: pd.DataFrame,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    engine: Engine = DEFAULT_ENGINE,
    cache: DiskCache | None = None,
    timings: Timings | None = None,
) -> dict[str, pd.DataFrame]:
    """:func:`article_tables` on Dask (:meth:`analysis.engine.Engine.map`: ``engine``'s
    local processes, default every core, or its cluster); the same tables, row for row, as
    one process makes, in the parts :func:`part_cuts` makes. ``timings`` gains the CPU seconds
    each stage took, summed over the workers; the engine's ``on_progress`` hears of the
    articles analysed (stage :data:`ANALYSE`)."""
    results = _on_parts(
        partial(_part_tables, settings=settings.resolved(), cache=cache), articles, engine, ANALYSE
    )
    if timings is not None:
        for _, spent in results:
            for stage, seconds in spent.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
    return _concat([tables for tables, _ in results])


#: The columns that name actors, by table (renamed together by :func:`merged_people`).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": (S.ACTOR,),
    "actor_sentiment": (S.ACTOR,),
    "quotes": (S.SPEAKER, S.ON_BEHALF_OF),
    "stance": (S.ACTOR,),
    "labels": (S.ACTOR,),
}


def people_counts(mentions: pd.DataFrame) -> tuple[Counter[str], Counter[str]]:
    """How often each person and each organisation found in the text (not through the
    registry) is mentioned in ``mentions``, in order of first mention: what
    :func:`analysis.people.merge_people` reads. Counts of parts of a corpus added up in
    order are those of the whole."""
    found = mentions[mentions[S.HOW] == HOW_ENTITY]
    people = found[found[S.ACTOR_KIND] == PERSON][S.ACTOR].tolist()
    return Counter(people), Counter(found[found[S.ACTOR_KIND] == ORGANISATION][S.ACTOR].tolist())


def people_renames(people: Counter[str], organisations: Counter[str]) -> dict[str, str]:
    """The full name each person's spellings and surname mentions become
    (:func:`analysis.people.merge_people` of :func:`people_counts`)."""
    return merge_people(people, skeleton, others=organisations)


def renamed_people(
    tables: Mapping[str, pd.DataFrame], renamed: Mapping[str, str]
) -> dict[str, pd.DataFrame]:
    """``tables`` (those of :data:`ACTOR_COLUMNS` at least, of a whole corpus or of a part
    of it) with the people of ``renamed`` named by their full name in every column that
    names actors, and in the topic of a statement toward an actor; a mention renamed so is
    a person's."""
    merged = dict(tables)
    if not renamed:
        return merged
    for name, columns in ACTOR_COLUMNS.items():
        frame = tables[name].copy(deep=False)  # the renamed columns are new, the others shared
        for column in columns:
            frame[column] = frame[column].replace(renamed)
        if name == "stance" and S.TARGET_KIND in frame:  # a target actor is named alike
            toward = frame[S.TARGET_KIND] == TARGET_ACTOR
            frame[S.TOPIC] = frame[S.TOPIC].where(~toward, frame[S.TOPIC].replace(renamed))
        merged[name] = frame
    mentions = merged["mentions"]
    became = mentions[S.ACTOR].isin(set(renamed.values())) & (mentions[S.HOW] == HOW_ENTITY)
    mentions.loc[became, S.ACTOR_KIND] = PERSON
    return merged


def merged_people(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with every person found in the text (not through the registry) named
    alike in every article (:func:`analysis.people.merge_people`: one full name for each
    person's spellings and surname mentions), in every table that names actors."""
    return renamed_people(tables, people_renames(*people_counts(tables["mentions"])))


def _failed(tables: Mapping[str, pd.DataFrame]) -> bool:
    return bool(len(tables.get(ANALYSIS_ERRORS, ())))


def _remembered(
    cache: DiskCache | None,
    key: Callable[[], str],
    make: Callable[[], dict[str, pd.DataFrame]],
    *,
    keep: Callable[[dict[str, pd.DataFrame]], bool] = lambda made: not _failed(made),
) -> dict[str, pd.DataFrame]:
    """``make()``, or what ``cache`` holds under ``key()``; stored only when ``keep`` says so
    (by default: when nothing failed)."""
    if cache is None:
        return make()
    return cache.remember(key(), make, keep=keep)


def _part_counts(articles: pd.DataFrame) -> tuple[TermCounts, Names]:
    """What a worker process runs: the partial counts of one part that the outlet tables
    add up (:func:`analysis.keywords.term_counts`, :class:`analysis.spelling.Names`)."""
    return term_counts(articles), Names.of(articles)


def corpus_counts(
    articles: pd.DataFrame, engine: Engine = DEFAULT_ENGINE
) -> tuple[TermCounts, Names]:
    """The term counts of each outlet and the names of ``articles`` (what distinctive terms
    and spelling candidates are made of), counted on Dask a part at a time (the parts of
    :func:`part_cuts`; progress as stage :data:`COMPARE`) and added up in order: the same counts
    as one process makes of the whole corpus."""
    partials = _on_parts(_part_counts, articles, engine, COMPARE)
    terms: TermCounts = {}
    names = Names()
    for part_terms, part_names in partials:
        add_term_counts(terms, part_terms)
        names.add(part_names)
    return terms, names


def outlet_tables(
    corpus: Corpus,
    summary: Callable[[], pd.DataFrame],
    settings: Settings,
    timings: Timings | None,
    engine: Engine = DEFAULT_ENGINE,
) -> dict[str, pd.DataFrame]:
    """:data:`~analysis.tables.OUTLET_TABLES` (the actor summary is ``summary()``), each
    under a guard: a failure costs that table (left empty) and adds a row to
    ``analysis_errors`` with an empty article id. The tables that read the texts are made of
    :func:`corpus_counts` (counted by the workers), so this process never reads every
    text."""
    articles = corpus.articles
    counted: list[tuple[TermCounts, Names]] = []

    def counts() -> tuple[TermCounts, Names]:
        if not counted:
            with timed(timings, "outlet counts"):
                counted.append(corpus_counts(articles, engine))
        return counted[0]

    steps: dict[str, Callable[[], pd.DataFrame]] = {
        "actor_summary": summary,
        "distinctive_terms": lambda: distinctive_from_counts(counts()[0]),
        "spelling_candidates": lambda: variants_from_names(
            counts()[1], groups=settings.resolved().spellings
        ),
    }
    made: dict[str, pd.DataFrame] = {}
    errors: list[dict[str, str]] = []
    for name, step in steps.items():
        with timed(timings, name):
            try:
                made[name] = step()
            except Stopped:
                raise
            except Exception as error:
                errors.append(_error_row(articles.iloc[0:0], name, error))
                made[name] = pd.DataFrame()
    made[ANALYSIS_ERRORS] = errors_frame(errors)
    return made


def analyse(
    corpus: Corpus,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    cache: DiskCache | None = None,
    timings: Timings | None = None,
    engine: Engine = DEFAULT_ENGINE,
) -> Analysis:
    """The analysis of ``corpus``: every table (the files of ``python -m analysis
    analyze``), the corpus's own, :data:`~analysis.tables.ARTICLE_TABLES` (made on Dask:
    ``engine``'s local processes or cluster, see :func:`parallel_article_tables`),
    :data:`~analysis.tables.OUTLET_TABLES` and ``analysis_errors`` (one row per analyser that
    failed on an article; empty when everything was analysed), and its key
    (:func:`analysis_key`).

    With a ``cache``, the per-article tables are stored under the articles' ids and titles
    and the settings, the outlet tables under the articles' :func:`tables_hash` and the
    settings, and read from there when present; an analysis in which anything failed is
    not stored. ``timings`` gains the seconds of each stage that ran (of the per-article
    stages: CPU seconds summed over the workers; of the outlet tables: wall seconds). The engine's
    ``on_progress`` hears how many articles are analysed (stage :data:`ANALYSE`) and when the
    outlets are compared (stage :data:`COMPARE`). When its ``should_stop()`` turns true (the
    person who asked has gone), the work stops with :class:`~analysis.engine.Stopped` and
    nothing is stored. (A grown corpus analysed into a results folder costs its new articles:
    :func:`analysis.streamed.analyse_into`.)
    """
    articles = corpus.articles
    fingerprint = settings.fingerprint()

    def article_key() -> str:
        titles = zip(articles[S.ARTICLE_ID], articles[S.TITLE].astype(str), strict=True)
        return DiskCache.key("articles", fingerprint, *(f"{i}\t{t}" for i, t in titles))

    def analysed(some: pd.DataFrame) -> dict[str, pd.DataFrame]:
        return parallel_article_tables(some, settings, engine=engine, cache=cache, timings=timings)

    per_article = _remembered(
        cache,
        article_key,
        lambda: merged_people(analysed(articles)),
    )
    compared = _remembered(
        cache,
        lambda: DiskCache.key("outlets", fingerprint, tables_hash(articles)),
        lambda: outlet_tables(
            corpus,
            lambda: actor_summary(per_article["actor_sentiment"], articles),
            settings,
            timings,
            engine,
        ),
        keep=lambda made: not _failed(made) and not _failed(per_article),
    )
    errors = [per_article[ANALYSIS_ERRORS], compared[ANALYSIS_ERRORS]]
    return Analysis(
        articles,
        corpus.rejected,
        corpus.removed,
        **{name: per_article[name] for name in ARTICLE_TABLES},
        **{name: compared[name] for name in OUTLET_TABLES},
        analysis_errors=pd.concat([e for e in errors if len(e)] or errors[:1], ignore_index=True),
        key=analysis_key(corpus, settings),
        sentiment=settings.sentiment,
    )


def analysis_key(corpus: Corpus, settings: Settings) -> str:
    """The key of the analysis of ``corpus`` with ``settings``: the corpus's
    :attr:`~Corpus.content_hash` (every column of its articles, raw text and sources among
    them, its rejected inputs and removed lines) and the settings' fingerprint. It does not
    name the code: it keys analyses made in one process (the disk cache's entries are named
    by :func:`analysis.cache.code_fingerprint` too)."""
    return f"{corpus.content_hash}:{settings.fingerprint()}"


#: The columns of the articles that the tables of an analysis are made of, besides the
#: cleaned text (named by the id): what :func:`tables_hash` covers, and all a
#: :func:`shared_analysis` keeps of the articles.
SHARED_COLUMNS: tuple[str, ...] = (S.ARTICLE_ID, S.OUTLET, S.TITLE, S.PUBLISHED)
#: The first part of the key of a :func:`shared_analysis`.
SHARED = "shared"


def tables_hash(articles: pd.DataFrame) -> str:
    """A hash (SHA-256, hex) of what the tables an analysis makes of ``articles`` are made
    of, besides the settings: each article's id (its cleaned text), outlet, title and date
    (:data:`SHARED_COLUMNS`), in order. Corpora that differ only in what each session loaded
    around the same articles (raw text, sources, URLs, rejected inputs, removed lines)
    share it, and their analyses the same tables."""
    digest = hashlib.sha256()
    for column in SHARED_COLUMNS:
        part = repr((column, articles[column].tolist())).encode()
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def shared_analysis(analysis: Analysis, settings: Settings) -> Analysis:
    """``analysis`` (of :func:`analyse` with ``settings``) as it may be shared between
    sessions: its articles reduced to :data:`SHARED_COLUMNS` and its rejected inputs and
    removed lines empty, so that it holds nothing a session loaded beyond its articles' cleaned
    texts and metadata (no raw text, source, URL, rejected input or removed line); keyed by
    :func:`tables_hash` and the settings. Not an analysis to show: :func:`own_analysis` gives
    it the corpus of the session that asks."""
    articles = analysis.articles
    fingerprint = settings.fingerprint()
    return replace(
        analysis,
        articles=articles[list(SHARED_COLUMNS)],
        rejected=analysis.rejected.iloc[0:0],
        removed=analysis.removed.iloc[0:0],
        key=f"{SHARED}:{tables_hash(articles)}:{fingerprint}",
    )


def own_analysis(shared: Analysis, corpus: Corpus) -> Analysis:
    """The analysis of ``corpus``: ``shared`` (a :func:`shared_analysis` of a corpus with
    the same :func:`tables_hash`) with ``corpus``'s own articles, rejected inputs and removed
    lines, and key :func:`analysis_key` (with the settings ``shared`` was made with).
    :class:`ValueError` when ``shared`` is not a shared analysis of ``corpus``'s articles."""
    kind, tables, fingerprint = shared.key.split(":")
    if kind != SHARED or tables != tables_hash(corpus.articles):
        raise ValueError("the shared analysis was made of other articles")
    return replace(
        shared,
        articles=corpus.articles,
        rejected=corpus.rejected,
        removed=corpus.removed,
        key=f"{corpus.content_hash}:{fingerprint}",
    )


def analysed_before(articles: pd.DataFrame, previous: Analysis) -> pd.Series:
    """For each of ``articles``, whether the ``previous`` analysis holds it (the same id, so
    the same cleaned text, and the same title) with no analyser failed on it."""
    before = previous.articles
    failed = set(previous.analysis_errors[S.ARTICLE_ID])
    known = {
        (identifier, title)
        for identifier, title in zip(before[S.ARTICLE_ID], before[S.TITLE].astype(str), strict=True)
        if identifier not in failed
    }
    pairs = zip(articles[S.ARTICLE_ID], articles[S.TITLE].astype(str), strict=True)
    return pd.Series([pair in known for pair in pairs], index=articles.index, dtype=bool)


def error_summary(errors: pd.DataFrame) -> str:
    """One sentence for people on what ``analysis_errors`` holds ("" when it is empty), e.g.
    "2 articles could not be analysed for stance and 1 for quotes; everything else is
    shown."."""
    if errors.empty:
        return ""
    parts = []
    per_article = errors[errors[S.ARTICLE_ID] != ""]
    counts = per_article.groupby(S.ANALYSER, sort=False)[S.ARTICLE_ID].nunique()
    for number, (analyser, count) in enumerate(counts.items()):
        what = analyser.replace("_", " ")
        noun = (
            ("article" if count == 1 else "articles") + " could not be analysed "
            if not number
            else ""
        )
        parts.append(f"{count} {noun}for {what}")
    whole = errors[errors[S.ARTICLE_ID] == ""][S.ANALYSER].map(lambda a: a.replace("_", " "))
    sentence = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    if len(whole):
        table = ", ".join(whole)
        sentence += ("; " if sentence else "") + f"the {table} could not be computed"
    return sentence[0].upper() + sentence[1:] + "; everything else is shown."
