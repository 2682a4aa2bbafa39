"""analysis.streamed: an analysis written into its results folder by the workers, part by part."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis import streamed
from analysis.corpus import Corpus, load_corpus
from analysis.engine import Progress
from analysis.pipeline import ANALYSE, COMPARE, DEFAULT_SETTINGS, Engine, analyse
from analysis.results import previous_analysis, read_manifest, read_results, write_results
from analysis.tables import ARTICLE_TABLES, TABLES, Analysis
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def streamed_folder(corpus_dev_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus-dev analysed into a folder on the local Dask workers (every core)."""
    out = tmp_path_factory.mktemp("streamed")
    streamed.analyse_into(
        corpus_dev_corpus, DEFAULT_SETTINGS, out, fingerprint=DEFAULT_SETTINGS.fingerprint()
    )
    return out


def test_the_workers_write_every_table_as_the_whole_analysis_would_be_written(
    corpus_dev_analysis: Analysis, streamed_folder: Path, tmp_path: Path
) -> None:
    written = write_results(corpus_dev_analysis, tmp_path, settings=DEFAULT_SETTINGS.fingerprint())
    made = read_manifest(streamed_folder)
    assert not (streamed_folder / streamed.STAGING).exists()
    assert max(made["parts"][name] for name in ARTICLE_TABLES) > 1  # written in parts
    for name in TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(streamed_folder / name), pd.read_parquet(tmp_path / name)
        )
        assert (streamed_folder / f"{name}.csv").read_bytes() == (
            tmp_path / f"{name}.csv"
        ).read_bytes()
        assert made["rows"][name] == written["rows"][name]
        assert made["dtypes"][name] == written["dtypes"][name]
    assert made["summaries"].keys() == written["summaries"].keys()
    ours, theirs = read_results(streamed_folder), read_results(tmp_path)
    for name in made["summaries"]:
        mine, other = ours.store.summary(name), theirs.store.summary(name)
        for frame, expected in zip(
            mine if isinstance(mine, tuple) else (mine,),
            other if isinstance(other, tuple) else (other,),
            strict=True,
        ):
            pd.testing.assert_frame_equal(frame, expected)
    renamed = set(ours.mentions[S.ACTOR])
    assert renamed == set(corpus_dev_analysis.mentions[S.ACTOR])


def test_worker_processes_of_a_cluster_write_the_same_folder(
    corpus_dev_corpus: Corpus, streamed_folder: Path, scheduler: str, tmp_path: Path
) -> None:
    heard: list[Progress] = []
    streamed.analyse_into(
        corpus_dev_corpus,
        DEFAULT_SETTINGS,
        tmp_path,
        fingerprint=DEFAULT_SETTINGS.fingerprint(),
        engine=Engine(scheduler=scheduler, on_progress=heard.append),
    )
    assert {progress.stage for progress in heard} >= {ANALYSE, COMPARE}
    assert heard[0] == Progress(ANALYSE, 0, len(corpus_dev_corpus.articles))
    for name in TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / name), pd.read_parquet(streamed_folder / name)
        )


def test_rows_asked_of_a_folder_in_parts_come_in_table_order(streamed_folder: Path) -> None:
    opened = read_results(streamed_folder)
    whole = pd.read_parquet(streamed_folder / "sentences")
    ids = set(whole[S.ARTICLE_ID].unique()[::2])
    expected = whole[whole[S.ARTICLE_ID].isin(ids)].reset_index(drop=True)
    for _ in range(10):  # DuckDB joins in parallel: an unordered answer varies run to run
        found = opened.rows("sentences", **{S.ARTICLE_ID: ids})
        pd.testing.assert_frame_equal(
            found[[S.ARTICLE_ID, S.SENT_ID]], expected[[S.ARTICLE_ID, S.SENT_ID]]
        )


def test_parts_written_where_this_machine_cannot_read_them_stop_the_work(
    seeds_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = streamed._write_part

    def elsewhere(
        numbered: tuple[int, pd.DataFrame, streamed.Reused], **options: object
    ) -> streamed.PartFacts:
        facts = real(numbered, **options)  # type: ignore[arg-type]
        streamed.part_file(Path(str(options["folder"])), "mentions", numbered[0]).unlink()
        return facts

    monkeypatch.setattr(streamed, "_write_part", elsewhere)
    with pytest.raises(streamed.PartsNotVisible, match="every worker and this machine share"):
        streamed.analyse_into(
            seeds_corpus, DEFAULT_SETTINGS, tmp_path, fingerprint="", engine=Engine(workers=1)
        )
    assert not (tmp_path / "manifest.json").exists()


def test_a_grown_corpus_keeps_the_rows_of_the_articles_analysed_before_and_analyses_the_rest(
    corpus_dev: Path, streamed_folder: Path, tmp_path: Path
) -> None:
    """corpus-dev analysed before into DIR, then the seeds and corpus-dev (the seeds first)
    into DIR: the workers analyse only the seeds, read the other rows from DIR's files, and
    the tables are those of a fresh analysis of the grown corpus, row for row."""
    shutil.copytree(streamed_folder, tmp_path / "out")
    grown = load_corpus([SEEDS, corpus_dev])
    fingerprint = DEFAULT_SETTINGS.fingerprint()
    previous = previous_analysis(tmp_path / "out", fingerprint)
    assert previous is not None and not previous.loaded("mentions")  # counted, not read
    made = streamed.analyse_into(
        grown, DEFAULT_SETTINGS, tmp_path / "out", fingerprint=fingerprint, previous=previous
    )
    assert made["reused"] == len(previous.articles) and made["analysed"] == 3
    fresh = write_results(analyse(grown), tmp_path / "fresh", settings=fingerprint, csv=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "out" / name), pd.read_parquet(tmp_path / "fresh" / name)
        )
    assert made["rows"] == fresh["rows"]
