"""An analysis written into a results folder by the workers, a part at a time: what
``python -m analysis analyze --out DIR`` does when DIR holds no analysis to build on.

:func:`analysis.pipeline.analyse` returns every table to the calling process, which then
writes them (:func:`analysis.results.write_results`): fine for a corpus that fits in its
memory, not for an archive of 10^5–10^6 articles. :func:`analyse_into` writes the same
tables, row for row, without this process ever holding a per-article table:

1. each part of the corpus (:func:`analysis.pipeline.article_tables` on a Dask worker)
   writes each of its tables as one Parquet file of a staging folder inside DIR, and
   returns only its counts: rows, column types, failures, the people it found. When DIR
   holds an analysis made before with the same settings and code (a grown corpus), the
   articles it analysed are not analysed again: their rows are read from its files (each
   part reads only the files that hold its articles) and join the part's new rows in the
   order of the articles, as a fresh analysis orders them;
2. the people counts added up give the names people are merged under
   (:func:`analysis.pipeline.people_renames`); a second pass on the workers renames them in
   the part files;
3. the outlet tables: the actor summary an outlet at a time (its mentions read with DuckDB),
   distinctive terms and spelling candidates from counts the workers make
   (:func:`analysis.pipeline.outlet_tables`);
4. the CSV copies are written a part at a time, the staging folder's tables replace those
   of DIR, then the summaries the pages show (read from the folder through DuckDB) and the
   manifest.

On a cluster (``--scheduler``), DIR must be a folder every worker can write at the same
path and this process can read (a shared volume): a part written where this process
cannot see it stops the work with :class:`PartsNotVisible`.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import actor_summary
from analysis.bundles import write_csv_parts
from analysis.cache import DiskCache
from analysis.corpus import Corpus
from analysis.engine import DEFAULT_ENGINE, Engine
from analysis.pipeline import (
    ACTOR_COLUMNS,
    ANALYSE,
    Timings,
    analysed_before,
    article_tables,
    errors_frame,
    outlet_tables,
    part_cuts,
    people_counts,
    people_renames,
    renamed_people,
    timed,
)
from analysis.results import (
    FolderStore,
    article_groups,
    dtypes_of,
    files_sql,
    finish,
    manifest,
    private_folder,
    table_parts,
    write_table,
)
from analysis.settings import Settings
from analysis.tables import ANALYSIS_ERRORS, ARTICLE_TABLES, Analysis

#: The folder inside DIR the parts are written to before they replace DIR's tables.
STAGING = ".writing"
#: The stage of :class:`~analysis.engine.Progress` that names people alike in the parts.
NAMING = "naming people alike"
#: The tables each part writes.
PART_TABLES = (*ARTICLE_TABLES, ANALYSIS_ERRORS)


class PartsNotVisible(RuntimeError):
    """The workers wrote their parts where this process cannot read them."""


class PartFacts(NamedTuple):
    """What a part's worker returns: the ``rows`` and column types (``dtypes``) of each
    table it wrote, its ``failures`` (its ``analysis_errors`` rows), the ``people`` and
    ``organisations`` found in its text (:func:`analysis.pipeline.people_counts`) and the
    seconds of each stage (``timings``)."""

    rows: dict[str, int]
    dtypes: dict[str, dict[str, str]]
    failures: pd.DataFrame
    people: Counter[str]
    organisations: Counter[str]
    timings: Timings


class Reused(NamedTuple):
    """The articles of a part analysed before (their ``ids``) and, for each per-article
    table, the ``files`` of the previous analysis that hold their rows, each with the ids of
    the articles whose rows it holds."""

    ids: frozenset[str]
    files: dict[str, list[tuple[str, list[str]]]]


def part_file(folder: Path, name: str, number: int) -> Path:
    """The Parquet file of part ``number`` of table ``name`` in ``folder``."""
    return folder / name / f"part-{number:05d}.parquet"


def _with_reused(
    tables: dict[str, pd.DataFrame], articles: pd.DataFrame, reused: Reused
) -> dict[str, pd.DataFrame]:
    """``tables`` (of the new ``articles``) with the rows of the ``reused`` ones read from
    their files, each table's rows in the order of ``articles``."""
    position = pd.Series(range(len(articles)), index=articles[S.ARTICLE_ID].to_numpy())
    joined = dict(tables)
    for name, files in reused.files.items():
        old = [pd.read_parquet(file, filters=[(S.ARTICLE_ID, "in", ids)]) for file, ids in files]
        frames = [frame for frame in (*old, tables[name]) if len(frame)] or [tables[name]]
        rows = pd.concat(frames, ignore_index=True)
        order = rows[S.ARTICLE_ID].map(position).argsort(kind="stable")
        joined[name] = rows.iloc[order].reset_index(drop=True)
    return joined


def _write_part(
    numbered: tuple[int, pd.DataFrame, Reused],
    *,
    settings: Settings,
    cache: DiskCache | None,
    folder: str,
) -> PartFacts:
    """What a worker runs: the tables of one part (its new articles analysed, the rows of
    those analysed before read from their files), each written as its part file (an empty
    table too: the first part's gives an empty table its columns)."""
    number, articles, reused = numbered
    timings: Timings = {}
    new = articles[~articles[S.ARTICLE_ID].isin(reused.ids)] if reused.ids else articles
    tables = article_tables(new, settings, cache=cache, timings=timings)
    if reused.ids:
        tables = _with_reused(tables, articles, reused)
    for name in PART_TABLES:
        tables[name].to_parquet(part_file(Path(folder), name, number), index=False)
    people, organisations = people_counts(tables["mentions"])
    return PartFacts(
        {name: len(tables[name]) for name in PART_TABLES},
        {name: dtypes_of(tables[name]) for name in PART_TABLES},
        tables[ANALYSIS_ERRORS],
        people,
        organisations,
        timings,
    )


def _rename_part(number: int, *, folder: str, renamed: dict[str, str]) -> int:
    """What a worker runs: the people of ``renamed`` named by their full name in part
    ``number``'s files of the tables that name actors."""
    paths = {name: part_file(Path(folder), name, number) for name in ACTOR_COLUMNS}
    tables = {name: pd.read_parquet(path) for name, path in paths.items()}
    for name, frame in renamed_people(tables, renamed).items():
        frame.to_parquet(paths[name], index=False)
    return number


def _reused_rows(
    folder: Path, articles: pd.DataFrame, cuts: list[tuple[int, int]], reused: pd.Series
) -> list[Reused]:
    """For each part of ``articles`` (``cuts``), the files of the analysis in ``folder``
    that hold the rows of its articles analysed there before (``reused``), per table: which
    files hold which article is asked of DuckDB once per table (the ids and file names
    only)."""
    import duckdb

    if not reused.any():
        return [Reused(frozenset(), {}) for _ in cuts]
    parts = [
        Reused(frozenset(articles[S.ARTICLE_ID].iloc[a:b][reused.iloc[a:b].to_numpy()]), {})
        for a, b in cuts
    ]
    part_of = pd.Series(
        [n for n, (a, b) in enumerate(cuts) for _ in range(a, b)],
        index=articles[S.ARTICLE_ID].to_numpy(),
    )
    kept = pd.DataFrame({S.ARTICLE_ID: articles.loc[reused, S.ARTICLE_ID].to_numpy()})
    with duckdb.connect() as connection:
        connection.register("kept", kept)
        for name in ARTICLE_TABLES:
            held = connection.sql(
                f"SELECT DISTINCT {S.ARTICLE_ID}, filename FROM read_parquet("
                f"{files_sql(folder, name)}, filename = true) JOIN kept USING ({S.ARTICLE_ID})"
            ).df()
            held["part"] = held[S.ARTICLE_ID].map(part_of)
            for (part, file), rows in held.groupby(["part", "filename"], sort=True):
                parts[int(part)].files.setdefault(name, []).append(
                    (str(file), rows[S.ARTICLE_ID].tolist())
                )
    return parts


def _kept_files(facts: list[PartFacts], name: str) -> list[int]:
    """The parts whose file of table ``name`` the dataset keeps: those with rows, or the
    first part's when no part has any (how :func:`analysis.pipeline.analyse` joins parts)."""
    filled = [number for number, part in enumerate(facts) if part.rows[name]]
    return filled or [0]


def _actor_summary(folder: Path, articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.aggregate.actor_summary` of the ``actor_sentiment`` dataset in
    ``folder``, an outlet at a time (an outlet's rows read with DuckDB, in table order): the
    same rows as the summary of the whole table."""
    store = FolderStore(folder, {})
    summaries = [
        actor_summary(store.rows("actor_sentiment", {S.ARTICLE_ID: own[S.ARTICLE_ID]}), own)
        for _, own in articles[[S.ARTICLE_ID, S.OUTLET]].groupby(S.OUTLET, sort=True)
    ]
    kept = [summary for summary in summaries if len(summary)] or summaries[:1]
    return pd.concat(kept, ignore_index=True)


def _part_frames(folder: Path, name: str, numbers: list[int]) -> Iterator[pd.DataFrame]:
    for number in numbers:
        yield pd.read_parquet(part_file(folder, name, number))


def analyse_into(
    corpus: Corpus,
    settings: Settings,
    out: Path,
    *,
    fingerprint: str,
    engine: Engine = DEFAULT_ENGINE,
    cache: DiskCache | None = None,
    csv: bool = True,
    timings: Timings | None = None,
    previous: Analysis | None = None,
) -> dict[str, object]:
    """Analyse ``corpus`` with ``settings`` into the results folder ``out`` (created if
    missing; the tables of an analysis there are replaced) as this module's docstring says,
    on ``engine`` (progress as stages :data:`~analysis.pipeline.ANALYSE`, :data:`NAMING` and
    :data:`~analysis.pipeline.COMPARE`), with CSV copies when ``csv``; return the manifest
    written (:func:`analysis.results.manifest`, ``settings`` being ``fingerprint``). The
    parses are kept in ``cache``; ``timings`` gains the seconds of each stage. ``previous``
    is the analysis in ``out`` when it was made with the same settings and code
    (:func:`analysis.results.previous_analysis`): the rows of the articles it analysed are
    kept, only the others are analysed. Only this user may read ``out``: it is made 0700
    before anything is written in it, and its folders are 0700 and files 0600 when it is
    finished (:func:`analysis.results.make_private`)."""
    articles = corpus.articles
    private_folder(out)
    staging = out / STAGING
    if staging.exists():
        shutil.rmtree(staging)
    for name in PART_TABLES:
        (staging / name).mkdir(parents=True)
    workers, cuts = part_cuts(articles, engine.workers, engine.scheduler)
    cuts = cuts or [(0, len(articles))]
    before = pd.Series(False, index=articles.index)
    if previous is not None:
        before = analysed_before(articles, previous)
    reused = _reused_rows(out, articles, cuts, before)

    on_cuts = engine._replace(workers=workers)
    facts: list[PartFacts] = on_cuts.map(
        partial(_write_part, settings=settings.resolved(), cache=cache, folder=str(staging)),
        [(number, articles.iloc[a:b], reused[number]) for number, (a, b) in enumerate(cuts)],
        sizes=[int((~before.iloc[a:b]).sum()) for a, b in cuts],  # the articles analysed
        stage=ANALYSE,
    )
    missing = [n for n in range(len(cuts)) if not part_file(staging, "mentions", n).is_file()]
    if missing:
        raise PartsNotVisible(
            f"The workers wrote {len(missing)} of {len(cuts)} parts where this machine cannot "
            f"read them: give --out a folder that every worker and this machine share ({out})."
        )
    if timings is not None:
        for part in facts:
            for stage, seconds in part.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
    people: Counter[str] = Counter()
    organisations: Counter[str] = Counter()
    for part in facts:
        people.update(part.people)
        organisations.update(part.organisations)
    renamed = people_renames(people, organisations)
    if renamed:
        on_cuts.map(
            partial(_rename_part, folder=str(staging), renamed=renamed),
            list(range(len(cuts))),
            sizes=[b - a for a, b in cuts],
            stage=NAMING,
        )
    compared = outlet_tables(
        corpus, lambda: _actor_summary(staging, articles), settings, timings, engine
    )
    failures = [part.failures for part in facts if len(part.failures)]
    failures += [compared[ANALYSIS_ERRORS]] if len(compared[ANALYSIS_ERRORS]) else []
    whole = {
        "articles": articles,
        "rejected": corpus.rejected,
        "removed": corpus.removed,
        **{name: compared[name] for name in compared if name != ANALYSIS_ERRORS},
        ANALYSIS_ERRORS: pd.concat(failures, ignore_index=True) if failures else errors_frame([]),
    }
    groups = article_groups(articles)
    files: dict[str, int] = {}
    kept = {name: _kept_files(facts, name) for name in ARTICLE_TABLES}
    with timed(timings, "write"):
        for name, numbers in kept.items():
            for number in range(len(cuts)):
                if number not in numbers:
                    part_file(staging, name, number).unlink()
            files[name] = len(numbers)
            if csv:
                write_csv_parts(_part_frames(staging, name, numbers), out / f"{name}.csv")
        for name, frame in whole.items():
            files[name] = write_table(staging / name, table_parts(frame, groups))
            if csv:
                write_csv_parts([frame], out / f"{name}.csv")
        for name in (*kept, *whole):
            if (out / name).exists():
                shutil.rmtree(out / name)
            (staging / name).rename(out / name)
        shutil.rmtree(staging)
        made = manifest(
            settings=fingerprint,
            articles=articles,
            rejected=len(corpus.rejected),
            rows={
                **{name: sum(part.rows[name] for part in facts) for name in kept},
                **{name: len(frame) for name, frame in whole.items()},
            },
            parts=files,
            dtypes={
                **{name: facts[kept[name][0]].dtypes[name] for name in kept},
                **{name: dtypes_of(frame) for name, frame in whole.items()},
            },
            failed=whole[ANALYSIS_ERRORS],
            reused=int(before.sum()),
            made_with=settings,
        )
        return finish(out, made)
