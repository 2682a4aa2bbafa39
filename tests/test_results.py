"""An analysis as a folder of Parquet datasets: written, read back as written, queried with
DuckDB, reused by the next run with the same settings."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import results
from analysis import schema as S
from analysis.pipeline import DEFAULT_SETTINGS, Settings
from analysis.results import (
    ResultsError,
    previous_analysis,
    query,
    read_manifest,
    read_results,
    write_results,
)
from analysis.tables import TABLES, Analysis
from analysis.views import overview, stance

SETTINGS = DEFAULT_SETTINGS.fingerprint()


def test_every_table_reads_back_as_written(seeds_analysis: Analysis, tmp_path: Path) -> None:
    made = write_results(seeds_analysis, tmp_path, settings=SETTINGS)
    back = read_results(tmp_path)
    assert back.key == f"{tmp_path.resolve()}:{made['created']}"
    for name, frame in seeds_analysis.tables().items():
        if name == "articles":  # held without its texts, which are read when asked for
            frame = frame.drop(columns=list(results.TEXT_COLUMNS))
        pdt.assert_frame_equal(frame, getattr(back, name), obj=name)
    articles = seeds_analysis.articles
    pdt.assert_series_equal(
        back.texts(articles[S.ARTICLE_ID]), articles.set_index(S.ARTICLE_ID)[S.TEXT]
    )
    pdt.assert_frame_equal(
        back.rows("articles", **{S.ARTICLE_ID: articles[S.ARTICLE_ID]}), articles
    )
    manifest = read_manifest(tmp_path)
    assert manifest == json.loads(json.dumps(made, default=str))
    assert manifest["articles"] == 3 and manifest["outlets"] == 3
    assert manifest["analysed"] == 3 and manifest["reused"] == 0
    assert manifest["rows"]["mentions"] == len(seeds_analysis.mentions)
    assert manifest["versions"]["dask"] and manifest["versions"]["duckdb"]
    assert pd.read_csv(tmp_path / "mentions.csv")[S.ACTOR].tolist() == (
        seeds_analysis.mentions[S.ACTOR].tolist()
    )


def test_per_article_tables_are_cut_into_parts_of_whole_articles(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "ARTICLES_PER_PART", 2)
    made = write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    assert made["parts"]["mentions"] == 2 and made["parts"]["actor_summary"] == 1
    first, second = sorted((tmp_path / "mentions").glob("*.parquet"))
    ids = seeds_analysis.articles[S.ARTICLE_ID].tolist()
    assert set(pd.read_parquet(first)[S.ARTICLE_ID]) == set(ids[:2])
    assert set(pd.read_parquet(second)[S.ARTICLE_ID]) == set(ids[2:])
    pdt.assert_frame_equal(read_results(tmp_path).mentions, seeds_analysis.mentions)
    assert not list(tmp_path.glob("*.csv"))


def test_a_stored_analysis_reads_a_table_only_when_it_is_used(
    seeds_analysis: Analysis, tmp_path: Path
) -> None:
    write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    back = read_results(tmp_path)
    assert not any(back.loaded(name) for name in TABLES)
    actor = seeds_analysis.mentions[S.ACTOR].iloc[0]
    first = seeds_analysis.articles[S.ARTICLE_ID].iloc[0]
    where = {S.ACTOR: [actor], S.ARTICLE_ID: [first]}
    pdt.assert_frame_equal(back.rows("mentions", **where), seeds_analysis.rows("mentions", **where))
    assert not back.loaded("mentions")  # the rows asked for came from the folder
    pdt.assert_frame_equal(back.mentions, seeds_analysis.mentions)
    assert back.loaded("mentions") and not back.loaded("sentences")


def test_a_stored_analysis_of_some_outlets_reads_only_their_rows(
    seeds_analysis: Analysis, tmp_path: Path
) -> None:
    write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    outlet = seeds_analysis.articles[S.OUTLET].iloc[1]
    back = read_results(tmp_path).subset([outlet])
    expected = seeds_analysis.subset([outlet])
    for name in ("articles", "mentions", "quotes", "actor_summary", "distinctive_terms"):
        frame = getattr(expected, name)
        if name == "articles":
            frame = frame.drop(columns=list(results.TEXT_COLUMNS))
        pdt.assert_frame_equal(getattr(back, name), frame, obj=name)
    assert set(back.articles[S.OUTLET]) == {outlet}


def test_the_summaries_of_the_default_views_are_stored_with_the_analysis(
    seeds_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    assert "analysis.views.stance._summary()" in made["summaries"]
    expected_stance = stance.build(seeds_analysis).summary
    expected_cards = overview.compare(seeds_analysis).cards
    expected_proposed = stance.proposed(seeds_analysis)
    back = read_results(tmp_path)

    def not_made(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored summary was made again")

    monkeypatch.setattr(stance, "stance_summary", not_made)
    monkeypatch.setattr(overview, "differences", not_made)
    monkeypatch.setattr(stance, "object_counts", not_made)
    pdt.assert_frame_equal(stance.build(back).summary, expected_stance)
    pdt.assert_frame_equal(overview.compare(back).cards, expected_cards)
    proposed = stance.proposed(back)
    pdt.assert_frame_equal(proposed, expected_proposed)
    assert not proposed.empty
    assert not any(back.loaded(name) for name in ("stance", "stance_objects", "sentences"))


def test_sql_over_the_results_agrees_with_pandas(seeds_analysis: Analysis, tmp_path: Path) -> None:
    write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    counted = query(
        tmp_path,
        "SELECT outlet, count(*) AS quotes FROM quotes JOIN articles USING (article_id) "
        "GROUP BY outlet ORDER BY outlet",
    )
    quotes = seeds_analysis.quotes.merge(seeds_analysis.articles, on=S.ARTICLE_ID)
    expected = quotes.groupby(S.OUTLET).size().sort_index()
    assert counted["outlet"].tolist() == expected.index.tolist()
    assert counted["quotes"].tolist() == expected.tolist()


def test_a_folder_that_is_no_analysis_is_named_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match=r"manifest\.json is missing"):
        read_results(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ResultsError, match="cannot be read"):
        read_results(tmp_path)
    (tmp_path / "manifest.json").write_text('{"rows": {}}')
    with pytest.raises(ResultsError, match="not one presslens wrote"):
        read_results(tmp_path)
    (tmp_path / "manifest.json").write_text('{"parts": {"articles": 1}}')
    (tmp_path / "articles").mkdir()
    pd.DataFrame({S.ARTICLE_ID: ["a"]}).to_parquet(tmp_path / "articles" / "part-00000.parquet")
    with pytest.raises(ResultsError, match=r"another presslens version: .*rejected"):
        read_results(tmp_path)
    assert previous_analysis(tmp_path, SETTINGS) is None


def test_only_an_analysis_with_the_same_settings_is_reused(
    seeds_analysis: Analysis, tmp_path: Path
) -> None:
    write_results(seeds_analysis, tmp_path, settings=SETTINGS, csv=False)
    assert previous_analysis(tmp_path, Settings(coref=False).fingerprint()) is None
    reused = previous_analysis(tmp_path, SETTINGS)
    assert reused is not None
    pdt.assert_frame_equal(reused.stance, seeds_analysis.stance)
