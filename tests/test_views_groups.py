"""The Groups view: proposals when no outlets file groups anything, the comparisons of a
grouping of corpus-dev with their sentences, evidence rows and chart, and the summaries a
results folder stores."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import groups as G
from analysis import schema as S
from analysis.datafile import toml_string
from analysis.outlets import Outlets, parse_outlets
from analysis.tables import Analysis
from analysis.views import groups as view
from analysis.views import summarise


def by_story(corpus_dev: Path) -> Outlets:
    """An outlets file of corpus-dev: each outlet's story as a label of the user's."""
    with (corpus_dev / "manifest.csv").open(encoding="utf-8") as file:
        rows = {row["outlet"]: row["story"] for row in csv.DictReader(file)}
    return parse_outlets(
        "".join(
            f"[[outlet]]\nname = {toml_string(outlet)}\n[outlet.groups]\n"
            f"story = {toml_string(story)}\n"
            for outlet, story in rows.items()
        )
    )


def test_without_an_outlets_file_the_corpus_proposes_the_groups(
    seeds_analysis: Analysis,
) -> None:
    tables = view.build(seeds_analysis)
    assert tables.proposed
    assert tables.groupings == ["country", "language"]
    assert tables.grouping == "country"
    assert tables.sizes[S.GROUP].tolist() == ["Pakistan"]  # News Guru: newsguru.pk
    assert "nothing to compare" in tables.notice
    assert tables.differences.empty
    assert view.charts(tables)[0].figure.layout.annotations[0].text.startswith("No comparison")


def test_an_outlets_file_without_groups_is_refused_politely(seeds_analysis: Analysis) -> None:
    outlets = parse_outlets('[[outlet]]\nname = "News Guru"\naliases = ["newsguru.pk"]\n')
    tables = view.build(seeds_analysis, outlets=outlets)
    assert tables.proposed  # nothing of the file groups: the proposals do
    mine = parse_outlets('[[outlet]]\nname = "News Guru"\n[outlet.groups]\nlean = "x"\n')
    tables = view.build(seeds_analysis, view.Selection("country"), outlets=mine)
    assert not tables.proposed
    assert tables.groupings == ["lean"] and tables.grouping == "lean"


@pytest.fixture(scope="module")
def grouped(corpus_dev_analysis: Analysis, corpus_dev: Path) -> tuple[Analysis, Outlets]:
    return corpus_dev_analysis, by_story(corpus_dev)


def test_two_stories_of_corpus_dev_differ_and_each_difference_has_its_sentences(
    grouped: tuple[Analysis, Outlets],
) -> None:
    analysis, outlets = grouped
    tables = view.build(analysis, view.Selection("story"), outlets=outlets)
    assert not tables.proposed and tables.grouping == "story"
    assert set(tables.sizes[S.GROUP]) == {"istanbul-talks", "geneva-trade-talks"}
    assert (tables.sizes[S.OUTLETS] >= G.MIN_OUTLETS).all()
    differences = tables.differences
    assert differences[S.TESTED].any()
    assert set(differences[S.KIND]) <= set(G.KINDS)
    tested = differences[differences[S.TESTED]]
    assert (tested[S.CI_LOW] <= tested[S.DIFFERENCE]).all()
    assert (tested[S.DIFFERENCE] <= tested[S.CI_HIGH]).all()
    assert (tested[S.Q_VALUE] >= tested[S.P_VALUE] - 1e-12).all()
    found = view.largest(tables)
    assert found, "two stories share no actor, frame or term at the same rates"
    assert f"{tables.group} (story): " in found[0]
    assert " vs " in found[0] and "q = " in found[0] and " outlets, " in found[0]
    top = view.largest_rows(tables).iloc[0]
    ids = view.side_articles(analysis, outlets, "story", top[S.GROUP], top[S.VERSUS])
    assert len(ids) == top[S.ARTICLES] + top[S.VERSUS_ARTICLES] or top[S.KIND] == G.SENTIMENT
    rows = view.evidence(analysis, top[S.KIND], top[S.ITEM], ids)
    assert len(rows) and set(rows[S.OUTLET]) <= set(analysis.articles[S.OUTLET])
    figure = view.charts(tables)[0].figure
    assert figure.layout.title.text.startswith("Differences between groups by story")
    assert any(trace.error_x.array is not None for trace in figure.data)


def test_every_group_against_the_rest(grouped: tuple[Analysis, Outlets]) -> None:
    analysis, outlets = grouped
    tables = view.build(analysis, view.Selection("story", view.EACH), outlets=outlets)
    assert tables.versus == G.REST
    assert set(tables.differences[S.VERSUS]) == {G.REST}
    assert set(tables.differences[S.GROUP]) == {"istanbul-talks", "geneva-trade-talks"}
    assert set(tables.terms[S.VERSUS]) == {G.REST}


def test_the_measures_are_a_stored_summary(seeds_analysis: Analysis) -> None:
    made = summarise(seeds_analysis)
    measures = [frame for name, frame in made.items() if "groups._measures" in name]
    assert len(measures) == 1
    assert list(measures[0].columns) == list(S.MEASURE_COLUMNS)
