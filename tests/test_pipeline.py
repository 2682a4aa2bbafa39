"""The whole analysis: the same tables on one core and on two, the disk cache, the settings,
and what sessions that analyse the same articles share (nothing of what each loaded)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import pipeline
from analysis import schema as S
from analysis.actors import Actor, default_registry
from analysis.cache import DiskCache, _read_entry
from analysis.corpus import Corpus, apply_edits, build_corpus
from analysis.engine import Engine
from analysis.ingest import read_paths, read_uploads
from analysis.keywords import distinctive_terms
from analysis.pipeline import (
    DEFAULT_SETTINGS,
    PARSE,
    Settings,
    analyse,
    analysis_key,
    own_analysis,
    shared_analysis,
    tables_hash,
)
from analysis.spelling import discover_variants
from analysis.tables import ARTICLE_TABLES, Analysis
from pages._ui import data, state
from tests.conftest import SEEDS


def _assert_same(left: Analysis, right: Analysis) -> None:
    assert left.key == right.key
    for name, frame in left.tables().items():
        pdt.assert_frame_equal(frame, getattr(right, name), obj=name)


def test_two_workers_make_the_tables_one_process_makes(
    corpus_dev_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MIN_PARALLEL_WORDS", 0)
    alone = analyse(corpus_dev_corpus, engine=Engine(workers=1))
    timings: dict[str, float] = {}
    shared = analyse(corpus_dev_corpus, engine=Engine(workers=2), timings=timings)
    _assert_same(alone, shared)
    assert set(ARTICLE_TABLES) <= set(timings)
    # the outlet tables that read texts are added up from the workers' counts of each part
    articles = corpus_dev_corpus.articles
    pdt.assert_frame_equal(shared.distinctive_terms, distinctive_terms(articles))
    pdt.assert_frame_equal(shared.spelling_candidates, discover_variants(articles))
    assert len(shared.mentions) > 500
    assert set(shared.mentions[S.ARTICLE_ID]) <= set(corpus_dev_corpus.articles[S.ARTICLE_ID])


def test_parallel_cleaning_builds_the_same_corpus(
    corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = read_paths([corpus_dev])
    alone = build_corpus(result, workers=1)
    monkeypatch.setattr("analysis.corpus.MIN_PARALLEL_CHARS", 0)
    shared = build_corpus(result, workers=2)
    for name in ("articles", "rejected", "removed"):
        pdt.assert_frame_equal(getattr(alone, name), getattr(shared, name), obj=name)


def _table_entries(folder: Path) -> list[Path]:
    """The cache entries of analysis tables (not the parses kept per article)."""
    return [
        path for path in folder.glob("*.entry") if "parse" not in _read_entry(path.read_bytes())
    ]


def test_a_corpus_analysed_once_is_read_back_from_disk(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    timings: dict[str, float] = {}
    first = analyse(seeds_corpus, cache=cache, timings=timings)
    assert "keywords" in timings
    assert len(_table_entries(tmp_path)) == 2  # per-article and outlet tables
    again: dict[str, float] = {}
    second = analyse(seeds_corpus, cache=DiskCache(tmp_path), timings=again)
    assert again == {}  # nothing was analysed
    _assert_same(first, second)


def test_edits_to_outlets_reuse_the_per_article_tables(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    analyse(seeds_corpus, cache=cache)
    first = seeds_corpus.articles[S.ARTICLE_ID].iloc[0]
    edited = Corpus(
        apply_edits(seeds_corpus.articles, {first: {S.OUTLET: "Renamed Outlet"}}),
        seeds_corpus.rejected,
        seeds_corpus.removed,
    )
    timings: dict[str, float] = {}
    tables = analyse(edited, cache=cache, timings=timings)
    assert "keywords" not in timings and "distinctive_terms" in timings
    assert "Renamed Outlet" in set(tables.actor_summary[S.OUTLET])


def test_each_stage_is_timed_in_cpu_seconds(
    seeds_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage's time is the CPU this process spent in it: an analyser that waits (on a
    machine other programs load, a worker waits for its turn) is not charged the wait."""
    real = pipeline.find_frames

    def find_frames(*args: object, **kwargs: object) -> pd.DataFrame:
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "find_frames", find_frames)
    timings: dict[str, float] = {}
    started = time.process_time()
    pipeline.article_tables(seeds_corpus.articles, timings=timings)
    assert timings["frames"] < 0.25  # the half-second sleep is not in it
    assert 0 < sum(timings.values()) <= time.process_time() - started
    assert timings[PARSE] > timings["frames"]


def test_new_settings_are_a_new_analysis(seeds_corpus: Corpus, tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    plain = analyse(seeds_corpus, cache=cache)
    registry = (*default_registry(), Actor("Istanbul", "place", ("Istanbul",)))
    timings: dict[str, float] = {}
    more = analyse(seeds_corpus, Settings(registry=registry), cache=cache, timings=timings)
    assert "mentions" in timings
    assert "Istanbul" in set(more.mentions[S.ACTOR])
    assert "Istanbul" not in set(plain.mentions[S.ACTOR])
    assert Settings().fingerprint() == Settings(registry=default_registry()).fingerprint()
    assert Settings().fingerprint() != Settings(coref=False).fingerprint()
    assert Settings().fingerprint() != Settings(sentiment="classifier").fingerprint()


def test_built_corpora_are_kept_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cleaned documents and the near-duplicates found are kept: the same input built
    again neither cleans nor compares articles."""
    from analysis import corpus

    cache = DiskCache(tmp_path)
    result = read_paths([SEEDS])
    built = build_corpus(result, cache=cache)
    assert len(list(tmp_path.glob("*.entry"))) == 2  # the cleaning, the copies
    with monkeypatch.context() as patched:
        for name in ("_article_rows", "find_copies"):
            patched.setattr(corpus, name, lambda *a, **k: pytest.fail("not read from the cache"))
        again = build_corpus(read_paths([SEEDS]), cache=cache)
    pdt.assert_frame_equal(built.articles, again.articles)
    pdt.assert_frame_equal(built.removed, again.removed)
    unclean = build_corpus(result, clean=False, cache=cache)
    assert len(list(tmp_path.glob("*.entry"))) == 4
    assert unclean.removed.empty and not built.removed.empty


def test_an_article_that_breaks_an_analyser_costs_only_its_rows(
    seeds_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stance bug on one article: that article has no stance rows and an error row; the
    other articles' stance and every other table are as usual; nothing is cached."""
    broken = seeds_corpus.articles[S.ARTICLE_ID].iloc[1]
    real = pipeline.find_stance

    def find_stance(articles: pd.DataFrame, *args: object, **kwargs: object) -> pd.DataFrame:
        if broken in set(articles[S.ARTICLE_ID]):
            raise TypeError("'int' object is not iterable")
        return real(articles, *args, **kwargs)

    whole = analyse(seeds_corpus)
    monkeypatch.setattr(pipeline, "find_stance", find_stance)
    cache = DiskCache(tmp_path)
    tables = analyse(seeds_corpus, cache=cache)
    errors = tables.analysis_errors
    assert tuple(errors.columns) == S.ANALYSIS_ERROR_COLUMNS
    assert errors[[S.ARTICLE_ID, S.ANALYSER, S.ERROR]].values.tolist() == [
        [broken, "stance", "TypeError"]
    ]
    assert errors[S.MESSAGE].iloc[0] == "'int' object is not iterable"
    assert errors[S.TITLE].iloc[0] == seeds_corpus.articles[S.TITLE].iloc[1]
    assert broken not in set(tables.stance[S.ARTICLE_ID])
    others = whole.stance[whole.stance[S.ARTICLE_ID] != broken].reset_index(drop=True)
    pdt.assert_frame_equal(tables.stance, others, check_dtype=False)
    for name in ("mentions", "quotes", "keywords", "frames"):
        pdt.assert_frame_equal(getattr(tables, name), getattr(whole, name), obj=name)
    assert whole.analysis_errors.empty
    assert not _table_entries(tmp_path)  # a failed analysis is not kept as a success
    monkeypatch.setattr(pipeline, "find_stance", real)
    assert analyse(seeds_corpus, cache=cache).analysis_errors.empty


def test_a_failed_comparison_costs_one_table(
    seeds_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> pd.DataFrame:
        raise ValueError("broken\nsecond line")

    monkeypatch.setattr(pipeline, "distinctive_from_counts", fail)
    tables = analyse(seeds_corpus)
    errors = tables.analysis_errors
    assert errors[[S.ARTICLE_ID, S.ANALYSER, S.MESSAGE]].values.tolist() == [
        ["", "distinctive_terms", "broken"]
    ]
    assert tables.distinctive_terms.empty and not tables.actor_summary.empty


#: The function behind each per-article table, as analysis.pipeline names it.
ANALYSERS = {
    "sentences": "sentences",
    "mentions": "find_mentions",
    "actor_sentiment": "actor_sentiment",
    "quotes": "find_quotes",
    "stance": "find_stance",
    "stance_objects": "stance_objects",
    "keywords": "article_keywords",
    "spelling_hits": "variant_hits",
    "spellings": "count_spellings",
    "term_hits": "find_term_hits",
    "terms": "count_terms",
    "frame_answers": "frame_answers",
    "frames": "find_frames",
    "labels": "find_labels",
    "speaker_roles": "article_roles",
}


def test_an_article_that_cannot_be_parsed_is_still_analysed_from_its_text(
    seeds_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse failing on every article: one error row per article, and every table is
    still made (the actors of the registry, the speakers next to their verbs)."""

    def broken(*args: object, **kwargs: object) -> dict[str, object]:
        raise RuntimeError("no parse")

    monkeypatch.setattr(pipeline, "parse", broken)
    tables = analyse(seeds_corpus, engine=Engine(workers=1))
    errors = tables.analysis_errors
    assert set(errors[S.ANALYSER]) == {PARSE}
    assert len(errors) == len(seeds_corpus.articles)
    assert {"Putin", "Zelensky"} <= set(tables.mentions[S.ACTOR])
    assert (tables.mentions[S.HOW] != "entity").all()  # no entities without a parse
    assert len(tables.quotes) and len(tables.stance)
    assert tables.stance_objects.empty


@pytest.mark.parametrize("table", ARTICLE_TABLES)
def test_an_analyser_that_always_fails_costs_only_its_own_table(
    seeds_corpus: Corpus, table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with one analyser failing on every article (and on none at all), the analysers
    after it run on its empty table without failing themselves."""

    def broken(*args: object, **kwargs: object) -> pd.DataFrame:
        raise RuntimeError("broken")

    monkeypatch.setattr(pipeline, ANALYSERS[table], broken)
    tables = analyse(seeds_corpus, engine=Engine(workers=1))
    errors = tables.analysis_errors
    assert set(errors[S.ANALYSER]) == {table}
    assert len(errors) == len(seeds_corpus.articles)
    assert getattr(tables, table).empty
    assert set(ANALYSERS) == set(ARTICLE_TABLES)


BODY = (
    "The city council voted on Tuesday to expand the harbour, after months of debate between "
    "Mayor Anna Berg and the port authority about costs, jobs and the fishing fleet. "
    '"We listened to everyone," Berg said. Residents welcomed the decision but worried about '
    "traffic on the coast road.\n"
)
#: What the first visitor loaded around the article: a file that was rejected and a line that
#: cleaning removed (neither may ever reach another visitor).
PRIVATE = ("layoffs-2026-board-minutes.docx", "intranet.example.com")
FIRST_UPLOADS = (
    ("layoffs-2026-board-minutes.docx", b"board minutes, not a real docx"),
    (
        "story-a.txt",
        f"Harbour vote passes\n\n{BODY}\nRead more: https://intranet.example.com/hr/layoffs\n".encode(),
    ),
)
#: The second visitor's upload: the same article, cleaned to the same text.
SECOND_UPLOADS = (("story-b.txt", f"Harbour vote passes\n\n{BODY}".encode()),)


def _leaks(analysis: Analysis) -> list[str]:
    """The tables of ``analysis`` holding any of :data:`PRIVATE` in any cell."""
    return [
        name
        for name, frame in analysis.tables().items()
        if any(
            p in str(cell) for column in frame.columns for cell in frame[column] for p in PRIVATE
        )
    ]


def test_sessions_with_the_same_cleaned_texts_share_no_inputs(tmp_path: Path) -> None:
    """Two visitors load the same article: the first with a rejected file and a line that
    cleaning removed. Their analyses share the tables (and the disk cache's entries), never
    the first one's raw text, sources, rejected inputs or removed lines."""
    first = build_corpus(read_uploads(FIRST_UPLOADS))
    second = build_corpus(read_uploads(SECOND_UPLOADS))
    assert first.articles[S.TEXT].tolist() == second.articles[S.TEXT].tolist()
    assert set(first.rejected[S.SOURCE]) == {PRIVATE[0]} and len(first.removed) == 1
    assert tables_hash(first.articles) == tables_hash(second.articles)
    assert first.content_hash != second.content_hash
    assert analysis_key(first, DEFAULT_SETTINGS) != analysis_key(second, DEFAULT_SETTINGS)

    cache = DiskCache(tmp_path)
    made = analyse(first, cache=cache)
    assert _leaks(made) == ["articles", "rejected", "removed"]  # the first visitor's own
    shared = shared_analysis(made, DEFAULT_SETTINGS)
    assert _leaks(shared) == []
    assert not any(
        p in str(cell)
        for path in tmp_path.glob("*.entry")
        for frame in _read_entry(path.read_bytes()).values()
        for column in frame.columns
        for cell in frame[column]
        for p in PRIVATE
    )
    timings: dict[str, float] = {}
    from_disk = analyse(second, cache=cache, timings=timings)
    assert timings == {}  # the tables were read from the disk cache
    from_memory = own_analysis(shared, second)
    for theirs in (from_disk, from_memory):
        assert _leaks(theirs) == []
        assert theirs.rejected.empty and theirs.removed.empty
        assert theirs.articles[S.SOURCE].tolist() == ["story-b.txt"]
        assert theirs.key == analysis_key(second, DEFAULT_SETTINGS)
        pdt.assert_frame_equal(theirs.mentions, made.mentions)
    assert len(made.mentions) and own_analysis(shared, first).key == made.key
    with pytest.raises(ValueError, match="other articles"):
        own_analysis(shared, Corpus(second.articles.iloc[0:0], second.rejected, second.removed))


def _session_page() -> None:
    """A page that shows what the session's analysis holds of its corpus."""
    import streamlit as st

    from analysis import schema as S
    from pages._ui import data

    analysis = data.analysed(data.current_corpus())
    st.dataframe(analysis.rejected)
    st.dataframe(analysis.removed)
    st.dataframe(analysis.articles[[S.SOURCE, S.RAW_TEXT]])


def test_two_browser_sessions_with_the_same_article_see_only_their_own_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two AppTest sessions in one server process (one memory cache, one disk cache), the
    second loading the article the first analysed: it is served the first one's tables from
    memory, and sees its own inputs only."""
    from streamlit.testing.v1 import AppTest

    analysed: list[Corpus] = []

    def counted(corpus: Corpus, *args: object, **kwargs: object) -> Analysis:
        analysed.append(corpus)
        return analyse(corpus, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "analyse", counted)
    shown = []
    for uploads in (FIRST_UPLOADS, SECOND_UPLOADS):
        session = AppTest.from_function(_session_page, default_timeout=180)
        session.session_state[state.INCLUDE_SEEDS] = False
        session.session_state[state.UPLOADS] = uploads
        session.run()
        assert not session.exception
        shown.append([frame.value for frame in session.dataframe])
    (rejected, removed, articles), (their_rejected, their_removed, their_articles) = shown
    assert rejected[S.SOURCE].tolist() == [PRIVATE[0]] and len(removed) == 1
    assert articles[S.SOURCE].tolist() == ["story-a.txt"]
    assert their_rejected.empty and their_removed.empty
    assert their_articles[S.SOURCE].tolist() == ["story-b.txt"]
    assert PRIVATE[1] not in their_articles[S.RAW_TEXT].iloc[0]
    assert len(analysed) == 1  # the second session was served the shared tables
