"""python -m analysis analyze / charts / report: tables, PNGs and the report written, exit codes,
rejected inputs listed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.charts import EXPORT_SCALE, WIDTH
from analysis.cli import main
from analysis.export import page_charts, png_path
from analysis.render import find_browser
from analysis.stance import TARGET_ACTOR, TARGET_TOPIC
from analysis.tables import Analysis
from tests.conftest import ROOT, SEEDS, png_size

BOILERPLATE = (
    "Recent News",
    "Also Read",
    "Read more:",
    "Facebook",
    "WhatsApp",
    "Breaking News",
    "Baloch",
    "CATL",
    "Copenhagen",
)


def test_analyze_seeds_writes_every_table(tmp_path: Path) -> None:
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert list(articles.columns) == list(S.ARTICLE_COLUMNS)
    assert len(articles) == 3
    for text in articles[S.TEXT]:
        for phrase in BOILERPLATE:
            assert phrase not in text
    removed = pd.read_csv(tmp_path / "removed.csv")
    assert list(removed.columns) == list(S.REMOVED_COLUMNS)
    assert len(removed) >= 20
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert list(sentences.columns) == list(S.SENTENCE_COLUMNS)
    rejected = pd.read_csv(tmp_path / "rejected.csv")
    assert list(rejected.columns) == list(S.REJECTED_COLUMNS) and rejected.empty
    keywords = pd.read_csv(tmp_path / "keywords.csv")
    assert list(keywords.columns) == list(S.KEYWORD_COLUMNS)
    assert set(keywords[S.ARTICLE_ID]) == set(articles[S.ARTICLE_ID])
    distinctive = pd.read_csv(tmp_path / "distinctive_terms.csv")
    assert list(distinctive.columns) == list(S.DISTINCTIVE_COLUMNS)
    assert set(distinctive[S.OUTLET]) == set(articles[S.OUTLET])
    mentions = pd.read_csv(tmp_path / "mentions.csv")
    assert list(mentions.columns) == list(S.MENTION_COLUMNS)
    assert {"Zelensky", "Putin", "Trump"} <= set(mentions[S.ACTOR])
    sentiment = pd.read_csv(tmp_path / "actor_sentiment.csv")
    assert list(sentiment.columns) == list(S.ACTOR_SENTIMENT_COLUMNS)
    assert len(sentiment) == len(mentions)
    summary = pd.read_csv(tmp_path / "actor_summary.csv")
    assert summary[S.MENTIONS].sum() == len(mentions)
    stance = pd.read_csv(tmp_path / "stance.csv")
    assert list(stance.columns) == list(S.STANCE_COLUMNS)
    assert {"direct talks", "ceasefire"} <= set(stance[S.TOPIC])
    quotes = pd.read_csv(tmp_path / "quotes.csv", keep_default_na=False)
    assert list(quotes.columns) == list(S.QUOTE_COLUMNS)
    assert {"Zelensky", "Trump", "Yermak"} <= set(quotes[S.SPEAKER])
    assert (
        pd.read_parquet(tmp_path / "articles")[S.ARTICLE_ID].tolist()
        == articles[S.ARTICLE_ID].tolist()
    )


def test_no_usable_input_exits_2_naming_the_cause(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "analyze",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert "empty.txt: The file is empty." in done.stderr
    assert "no usable article" in done.stderr
    assert not (tmp_path / "out").exists()


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "analyze", str(SEEDS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2 and "--out" in done.stderr
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path), "--min-words", "0"]) == 2
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path), "--max-articles", "0"]) == 2


def test_a_tls_scheduler_without_its_certificates_exits_2_naming_them(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    arguments = ["analyze", str(SEEDS), "--out", str(tmp_path), "--scheduler", "tls://127.0.0.1:1"]
    assert main(arguments) == 2
    assert "distributed.comm.tls.ca-file" in capsys.readouterr().err


def test_max_articles_rejects_a_corpus_file_with_more_rows(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text()
    frame = pd.DataFrame({"text": [f"{story} Copy {n}." for n in range(3)]})
    frame.to_csv(tmp_path / "three.csv", index=False)
    frame.iloc[:1].to_csv(tmp_path / "one.csv", index=False)
    out = tmp_path / "out"
    arguments = ["analyze", str(tmp_path / "one.csv"), str(tmp_path / "three.csv")]
    assert main([*arguments, "--out", str(out), "--max-articles", "2", "--workers", "1"]) == 0
    assert "three.csv: 3 rows: more than the 1 articles left of the 2 this command reads" in (
        capsys.readouterr().err
    )
    assert len(pd.read_csv(out / "articles.csv")) == 1


def test_rejected_inputs_are_listed_and_written(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text(
        "Putin proposed direct talks with Ukraine in Istanbul while "
        "European leaders demanded a ceasefire first, officials in Kyiv and "
        "Moscow said on Sunday."
    )
    (bad / "bad.csv").write_text("title\nonly a title\n")
    assert main(["analyze", str(bad), "--out", str(tmp_path / "out")]) == 0
    assert "bad.csv: No text column" in capsys.readouterr().err
    assert len(pd.read_csv(tmp_path / "out" / "rejected.csv")) == 1


def test_analyze_uses_a_users_registry(tmp_path: Path) -> None:
    registry = tmp_path / "actors.toml"
    registry.write_text('[[actor]]\nname = "Kremlin"\nkind = "organisation"\n')
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--registry", str(registry)]) == 0
    mentions = pd.read_csv(out / "mentions.csv")
    kremlin = mentions[mentions[S.ACTOR] == "Kremlin"]
    assert len(kremlin) and set(kremlin[S.HOW]) == {"name"}  # the registry curates ...
    assert "Russia" not in set(mentions[mentions[S.SURFACE] == "Kremlin"][S.ACTOR])
    found = mentions[mentions[S.HOW] == "entity"]  # ... and the text's own actors are found
    assert {"Vladimir Putin", "Ukraine", "Russia"} <= set(found[S.ACTOR])


def test_analyze_scores_sentiment_with_the_chosen_classifier(tmp_path: Path) -> None:
    tables = {}
    for method in ("transformer", "classifier"):
        out = tmp_path / method
        assert main(["analyze", str(SEEDS), "--out", str(out), "--sentiment", method]) == 0
        tables[method] = pd.read_csv(out / "actor_sentiment.csv")
    a, b = tables["transformer"], tables["classifier"]
    assert a[[S.ARTICLE_ID, S.START, S.END]].equals(b[[S.ARTICLE_ID, S.START, S.END]])
    assert not a[S.POLARITY].equals(b[S.POLARITY])
    assert a[S.LEXICON_POLARITY].equals(b[S.LEXICON_POLARITY])  # the lexicon score is shared


def test_a_broken_registry_exits_2(tmp_path: Path, capsys) -> None:
    registry = tmp_path / "actors.toml"
    registry.write_text("[[actor]]\nkind = 'person'\n")
    code = main(["analyze", str(SEEDS), "--out", str(tmp_path), "--registry", str(registry)])
    assert code == 2
    assert "has no name" in capsys.readouterr().err


def test_analyze_uses_a_users_topics_and_refuses_broken_ones(tmp_path: Path, capsys) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text('[[topic]]\nname = "visas"\ncues = ["visa*"]\n')
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--topics", str(topics)]) == 0
    stance = pd.read_csv(out / "stance.csv")
    assert set(stance[stance[S.TARGET_KIND] == TARGET_TOPIC][S.TOPIC]) == {"visas"}
    assert set(stance[S.TARGET_KIND]) <= {TARGET_TOPIC, TARGET_ACTOR}  # and the actors
    topics.write_text('[[topic]]\nname = "visas"\n')
    code = main(["analyze", str(SEEDS), "--out", str(out), "--topics", str(topics)])
    assert code == 2
    assert "no cue words" in capsys.readouterr().err


def test_analyze_merges_an_outlets_aliases_records_the_file_and_refuses_broken_ones(
    tmp_path: Path, capsys
) -> None:
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(
        '[[outlet]]\nname = "Guru and Intake"\ncountry = "Nowhere"\n'
        'aliases = ["News Guru", "thedailyintake.online"]\n'
    )
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--outlets", str(outlets)]) == 0
    assert set(pd.read_csv(out / "articles.csv")[S.OUTLET]) == {
        "Guru and Intake",
        "World Bulletin (Anadolu Agency copy)",
    }
    made = json.loads((out / "manifest.json").read_text())
    assert 'country = "Nowhere"' in made["made_with"]["files"]["outlets"]
    outlets.write_text('[[outlet]]\nname = "A"\ncontry = "B"\n')
    code = main(["analyze", str(SEEDS), "--out", str(out), "--outlets", str(outlets)])
    assert code == 2
    assert "Outlet 1 ('A') has a field this file does not know, 'contry'" in (
        capsys.readouterr().err
    )


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env=env,
    )


def test_charts_writes_a_png_for_every_chart_of_every_page(
    tmp_path: Path, seeds_analysis: Analysis
) -> None:
    if find_browser() is None:
        pytest.skip("no Chrome or Chromium for server-side PNG export")
    done = _run("charts", str(SEEDS), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    expected = {png_path(chart) for chart in page_charts(seeds_analysis)}
    written = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.png")}
    assert written == expected
    assert {path.split("/")[0] for path in written} == {
        "overview",
        "actors",
        "stance",
        "voices",
        "groups",
        "keywords",
        "spelling",
        "framing",
    }
    for path in written:
        width, height = png_size((tmp_path / path).read_bytes())
        assert width == WIDTH * EXPORT_SCALE and height >= 400, path
    assert f"{len(expected)} charts written" in done.stderr


def test_charts_without_a_browser_exit_2_and_say_how_to_enable_it(tmp_path: Path) -> None:
    env = {**os.environ, "BROWSER_PATH": "/nonexistent/chromium"}
    done = _run("charts", str(SEEDS), "--out", str(tmp_path / "out"), env=env)
    assert done.returncode == 2
    assert "apt install chromium" in done.stderr
    assert not (tmp_path / "out").exists()


def test_report_writes_one_self_contained_html_file(
    tmp_path: Path, seeds_analysis: Analysis
) -> None:
    out = tmp_path / "reports" / "talks.html"
    assert main(["report", str(SEEDS), "--out", str(out), "--title", "Istanbul talks"]) == 0
    report = out.read_text(encoding="utf-8")
    assert "<title>Istanbul talks</title>" in report
    assert report.count("<figure class='chart'") == len(page_charts(seeds_analysis))
    assert len(report) > 3_000_000, "plotly.js is inlined"
    assert "<h3>Differences between groups by country</h3>" in report  # the proposals
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(
        '[[outlet]]\nname = "News Guru"\n[outlet.groups]\nlean = "left"\n'
        '[[outlet]]\nname = "The Daily Intake"\n[outlet.groups]\nlean = "right"\n'
    )
    assert main(["report", str(SEEDS), "--out", str(out), "--outlets", str(outlets)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "<h3>Differences between groups by lean</h3>" in report
    assert "Differences between groups by lean, with 95% intervals" in report  # the chart


FAILING_SENTENCES = ROOT / "tests" / "data" / "failing-sentences"


def test_seeds_corpus_dev_and_once_failing_sentences_analyse_with_exit_0(
    corpus_dev: Path, tmp_path: Path
) -> None:
    """Every input that ever broke an analyser is analysed in full: exit code 0, nothing in
    analysis_errors, a manifest with the code fingerprint."""
    for name, folder in (
        ("seeds", SEEDS),
        ("corpus-dev", corpus_dev),
        ("failing", FAILING_SENTENCES),
    ):
        out = tmp_path / name
        assert main(["analyze", str(folder), "--out", str(out), "--min-words", "5"]) == 0, name
        errors = pd.read_csv(out / "analysis_errors.csv")
        assert list(errors.columns) == list(S.ANALYSIS_ERROR_COLUMNS) and errors.empty, name
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["failed"] == [] and len(manifest["fingerprint"]) == 64
    assert len(pd.read_csv(tmp_path / "failing" / "stance.csv")) >= 2


def test_an_analyser_failure_is_summarised_and_the_run_exits_0(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from analysis import pipeline

    def broken(*args: object, **kwargs: object) -> pd.DataFrame:
        raise RuntimeError("quote finder broke")

    monkeypatch.setattr(pipeline, "find_quotes", broken)
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "3 articles could not be analysed for quotes; everything else is shown." in err
    assert "quotes failed on" in err and "RuntimeError: quote finder broke" in err
    errors = pd.read_csv(tmp_path / "analysis_errors.csv")
    assert len(errors) == 3 and set(errors[S.ANALYSER]) == {"quotes"}
    assert len(pd.read_csv(tmp_path / "mentions.csv")) > 0


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def test_a_grown_corpus_analyses_only_its_new_articles(
    corpus_dev: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The seeds analysed into DIR, then the seeds and one corpus-dev article into the same
    DIR: only the new article is analysed, and the tables hold the rows a fresh analysis of
    all four makes. A Parquet corpus is read like any other."""
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--no-cache"]) == 0
    capsys.readouterr()
    new = sorted(corpus_dev.glob("*.txt"))[0]
    corpus = tmp_path / "one.parquet"
    pd.DataFrame({"text": [new.read_text()], "outlet": ["Ukrainska Pravda"]}).to_parquet(corpus)
    assert main(["analyze", str(SEEDS), str(corpus), "--out", str(out), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "3 articles were analysed before" in err and "analysed 1 articles" in err
    assert "analysing articles" in err and "1/1" in err  # the progress bar
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"] == 4 and manifest["reused"] == 3 and manifest["analysed"] == 1
    assert main(["analyze", str(SEEDS), str(corpus), "--out", str(fresh), "--no-cache"]) == 0
    for name in ("mentions", "actor_sentiment", "quotes", "stance", "keywords", "frames"):
        grown, whole = pd.read_parquet(out / name), pd.read_parquet(fresh / name)
        pd.testing.assert_frame_equal(_sorted(grown), _sorted(whole), obj=name)
    assert len(pd.read_csv(out / "articles.csv")) == 4
