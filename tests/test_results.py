"""An analysis as a folder of Parquet datasets: written, read back as written, queried with
DuckDB, reused by the next run with the same settings."""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import results, streamed
from analysis import schema as S
from analysis.corpus import load_corpus
from analysis.pipeline import DEFAULT_SETTINGS, Engine, Settings
from analysis.results import (
    MANIFEST,
    ResultsError,
    analysis_folders,
    confined,
    not_opened,
    previous_analysis,
    query,
    read_manifest,
    read_results,
    results_roots,
    table_files,
    write_results,
)
from analysis.tables import TABLES, Analysis
from analysis.views import overview, stance
from tests.conftest import SEEDS

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
    with pytest.raises(ResultsError, match=r"not an analysis folder .* holding its manifest\.json"):
        read_results(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ResultsError, match="cannot be read: it is damaged"):
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


@pytest.fixture(scope="module")
def written(seeds_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' analysis written once for this module's tests of folders and paths."""
    folder = tmp_path_factory.mktemp("written") / "seeds"
    write_results(seeds_analysis, folder, settings=SETTINGS, csv=False)
    return folder


def _renamed_copy(seeds_analysis: Analysis, folder: Path, outlet: str) -> None:
    """The seeds' analysis with every article's outlet renamed ``outlet``, in ``folder``."""
    articles = seeds_analysis.articles.assign(**{S.OUTLET: outlet})
    write_results(replace(seeds_analysis, articles=articles), folder, settings=SETTINGS, csv=False)


@pytest.mark.parametrize("name", ["run[1]", "star*", "back\\slash", "q?"])
def test_a_folder_reads_its_own_tables_whatever_its_name(
    seeds_analysis: Analysis, written: Path, tmp_path: Path, name: str
) -> None:
    """Finding 6 of issue 42: the tables of ``run[1]`` were read from ``run1``, those of
    ``star*`` from every sibling starting with star."""
    folder = tmp_path / name
    shutil.copytree(written, folder)
    for sibling in ("run1", "starling", "back", "qz"):
        _renamed_copy(seeds_analysis, tmp_path / sibling, "Sibling Outlet")
    back = read_results(folder)
    assert back.articles[S.OUTLET].tolist() == seeds_analysis.articles[S.OUTLET].tolist()
    assert len(back.mentions) == len(seeds_analysis.mentions)
    assert query(folder, "SELECT count(*) AS n FROM articles")["n"].tolist() == [3]


def test_a_manifest_naming_files_outside_its_folder_is_refused(
    written: Path, tmp_path: Path
) -> None:
    """Finding 3: a manifest's summary entries named ../../other/… and were read."""
    (tmp_path / "other").mkdir()
    pd.DataFrame({"secret": ["from another analysis"]}).to_parquet(tmp_path / "other" / "x.parquet")
    made = json.loads((written / MANIFEST).read_text())
    for bad in ("../../other/x.parquet", "/etc/passwd", ".hidden.parquet"):
        folder = tmp_path / f"case{len(bad)}"
        shutil.copytree(written, folder)
        summaries = {name: {**entry, "files": [bad]} for name, entry in made["summaries"].items()}
        (folder / MANIFEST).write_text(json.dumps({**made, "summaries": summaries}))
        with pytest.raises(ResultsError, match="not one presslens wrote"):
            read_results(folder)
    folder = tmp_path / "linked"
    shutil.copytree(written, folder)
    shutil.rmtree(folder / "quotes")
    (folder / "quotes").symlink_to(tmp_path / "other")
    with pytest.raises(ResultsError, match="not one presslens wrote"):
        read_results(folder)
    (folder / MANIFEST).write_text(json.dumps({**made, "parts": {'x" AS SELECT 1; --': 1}}))
    with pytest.raises(ResultsError, match="not one presslens wrote"):
        read_manifest(folder)


def test_a_table_reads_only_its_regular_parquet_files(written: Path, tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(written, folder)
    (folder / "mentions" / ".part-hidden.parquet").symlink_to(
        next((folder / "mentions").glob("*.parquet"))
    )
    (folder / "mentions" / "part-linked.parquet").symlink_to(
        next((folder / "mentions").glob("part-*.parquet"))
    )
    assert [path.name for path in table_files(folder, "mentions")] == ["part-00000.parquet"]
    assert len(read_results(folder).mentions) == len(read_results(written).mentions)


def test_only_analysis_folders_inside_the_roots_are_opened(written: Path, tmp_path: Path) -> None:
    """Finding 3: a visitor opened any folder the server could read; and finding 7: every
    path that cannot be opened gets one message, which says neither why nor whether it
    exists."""
    root = tmp_path / "root"
    (root / "team").mkdir(parents=True)
    shutil.copytree(written, root / "team" / "inside")
    shutil.copytree(written, root / ".hidden")
    shutil.copytree(written, tmp_path / "outside")
    (root / "escape").symlink_to(tmp_path / "outside")
    (root / "team" / "alias").symlink_to(root / "team" / "inside")
    (root / "plain").mkdir()
    assert confined(root / "team" / "inside", [root]) == (root / "team" / "inside").resolve()
    assert confined(str(root / "team" / "alias"), [root]) == (root / "team" / "inside").resolve()
    refused = [
        tmp_path / "outside",
        root / "escape",
        root / ".hidden",
        root / "team" / ".." / "team" / "inside",
        root / "plain",
        root / "missing",
        root / ("x" * 300),
        root / "team" / "inside" / MANIFEST,
        f"{root}/team\x00",
        "",
    ]
    for path in refused:
        with pytest.raises(ResultsError) as raised:
            confined(path, [root])
        assert str(raised.value) == str(not_opened(path))


def test_a_path_that_cannot_be_read_gets_the_one_message_without_details(
    written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 7: a 300-character name raised an unhandled OSError, a folder without
    permission said so where a missing one said it held no analysis, and a damaged
    manifest echoed the JSON decoder's words."""
    for path in (tmp_path / "missing", tmp_path / ("x" * 300), tmp_path / "a" / ("y" * 300)):
        with pytest.raises(ResultsError) as raised:
            read_results(path)
        assert str(raised.value) == str(not_opened(path))
    locked = tmp_path / "locked"
    shutil.copytree(written, locked)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", denied)
        with pytest.raises(ResultsError) as raised:
            read_results(locked)
    assert str(raised.value) == str(not_opened(locked))
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / MANIFEST).symlink_to(locked / MANIFEST)
    with pytest.raises(ResultsError) as raised:
        read_results(linked)
    assert str(raised.value) == str(not_opened(linked))
    said = set()
    for damaged in (b"{not json", b"\xff\xfe{}", b"[" * 100_000):
        (locked / MANIFEST).write_bytes(damaged)
        with pytest.raises(ResultsError) as raised:
            read_results(locked)
        said.add(str(raised.value))
    assert said == {
        f"The {MANIFEST} of {locked} cannot be read: it is damaged (not the JSON "
        "text presslens writes)."
    }


def test_the_analysis_folders_of_the_roots_are_listed(written: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    for place in ("a", "team/b", "team/deeper/c", ".hidden/d", "1/2/3/too-deep"):
        shutil.copytree(written, root / place)
    (root / "linked").symlink_to(root / "a")
    (root / "notes").mkdir()
    assert analysis_folders([root]) == [root / "a", root / "team" / "b", root / "team/deeper/c"]
    assert analysis_folders([root / "a", tmp_path / "missing"]) == [root / "a"]
    assert results_roots(f"{root}{os.pathsep}relative{os.pathsep}{tmp_path / 'missing'}") == (
        root.resolve(),
    )
    assert results_roots("") == ()


def _modes(folder: Path) -> set[tuple[str, int]]:
    return {
        ("folder" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode))
        for path in (folder, *folder.rglob("*"))
    }


def test_results_are_written_for_this_user_only(written: Path, tmp_path: Path) -> None:
    """Finding 3: the command wrote results 0755/0644 while the cache is 0700."""
    assert _modes(written) == {("folder", 0o700), ("file", 0o600)}
    out = tmp_path / "streamed"
    streamed.analyse_into(
        load_corpus([SEEDS]),
        DEFAULT_SETTINGS,
        out,
        fingerprint=SETTINGS,
        engine=Engine(workers=1),
    )
    assert _modes(out) == {("folder", 0o700), ("file", 0o600)}


def test_the_manifest_records_the_data_files_the_analysis_was_made_with(tmp_path: Path) -> None:
    """Issue 44: a folder made with ``analyze --topics FILE`` did not say which topics."""
    from analysis.outlets import parse_outlets
    from analysis.results import settings_of
    from analysis.stance import parse_topics

    topics = parse_topics('[[topic]]\nname = "peace talks"\ncues = ["talks", "negotiat*"]\n')
    outlets = parse_outlets('[[outlet]]\nname = "Wire"\ncountry = "Kenya"\n')
    chosen = Settings(topics=topics, outlets=outlets, sentiment="classifier")
    streamed.analyse_into(
        load_corpus([SEEDS]), chosen, tmp_path, fingerprint="f", engine=Engine(workers=1)
    )
    made = read_manifest(tmp_path)
    assert 'name = "peace talks"' in made["made_with"]["files"]["topics"]
    assert set(made["made_with"]["files"]) == {
        "registry",
        "topics",
        "spellings",
        "terms",
        "outlets",
    }
    assert 'country = "Kenya"' in made["made_with"]["files"]["outlets"]
    back = settings_of(made)
    assert back is not None and back.resolved() == chosen.resolved()
    assert settings_of({}) is None  # a folder written before: not recorded
