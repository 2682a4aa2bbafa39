"""Tests of analysis/omissions.py: what most outlets carry and one never does."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.corpus import load_corpus
from analysis.omissions import (
    ACTOR,
    CARRIED_COLUMNS,
    MAX_CHANCE,
    MIN_CARRIERS,
    MIN_SHARE,
    NONE_FOUND,
    OMISSION_COLUMNS,
    TOO_FEW,
    TOO_SHORT,
    carried,
    chance_absent,
    find_omissions,
    omission_evidence,
)
from analysis.pipeline import analyse
from analysis.tables import Analysis

STORY = "istanbul-talks"
PLANTED = "Planted Outlet"
COPY = "Copy Outlet"
BRIEF = "Brief Outlet"
LEFT_OUT = "Putin"


def _without(text: str, word: str) -> str:
    """``text`` with every sentence naming ``word`` taken out."""
    kept = []
    for paragraph in text.split("\n"):
        sentences = re.split(r"(?<=[.!?”\"])\s+", paragraph)
        kept.append(" ".join(s for s in sentences if word not in s and "Russian leader" not in s))
    return "\n".join(kept)


@pytest.fixture(scope="module")
def planted(corpus_dev: Path, tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """The Istanbul-talks articles of corpus-dev (one an outlet), with three more outlets: one
    with two of those articles, every sentence naming Putin taken out; one with the same two
    articles untouched (a sentence added, so they are no exact copies); and a brief."""
    folder = tmp_path_factory.mktemp("omissions")
    manifest = pd.read_csv(corpus_dev / "manifest.csv")
    story = manifest[manifest["story"] == STORY]
    for name in story["file"]:
        (folder / name).write_text((corpus_dev / name).read_text("utf-8"), "utf-8")
    sources = [
        name
        for name in story["file"]
        if (corpus_dev / name).read_text("utf-8").count(LEFT_OUT) >= 2
    ][:2]
    extra = []
    for number, name in enumerate(sources):
        text = (corpus_dev / name).read_text("utf-8")
        (folder / f"planted{number}.txt").write_text(_without(text, LEFT_OUT), "utf-8")
        (folder / f"copy{number}.txt").write_text(text + "\n\nThe talks went on.\n", "utf-8")
        extra += [(f"planted{number}.txt", PLANTED), (f"copy{number}.txt", COPY)]
    text = (corpus_dev / sources[0]).read_text("utf-8")
    (folder / "brief.txt").write_text(" ".join(text.split()[:60]), "utf-8")
    extra.append(("brief.txt", BRIEF))
    added = pd.DataFrame(extra, columns=["file", "outlet"])
    pd.concat([story[["file", "outlet"]], added]).to_csv(folder / "manifest.csv", index=False)
    return analyse(load_corpus([folder]))


def test_the_outlet_whose_article_never_names_putin_omits_him(planted: Analysis) -> None:
    counts = carried(planted)
    assert list(counts.columns) == list(CARRIED_COLUMNS)
    assert LEFT_OUT not in set(counts.loc[counts[S.OUTLET] == PLANTED, S.ITEM])
    found = find_omissions(counts, planted.articles)
    mine = found.found[found.found[S.OUTLET] == PLANTED]
    assert list(found.found.columns) == list(OMISSION_COLUMNS)
    putin = mine[(mine[S.KIND] == ACTOR) & (mine[S.ITEM] == LEFT_OUT)]
    assert len(putin) == 1, mine
    row = putin.iloc[0]
    assert row[S.CARRIERS] >= MIN_CARRIERS and row[S.SHARE] >= MIN_SHARE
    assert row[S.CHANCE] <= MAX_CHANCE
    assert row[S.STATEMENT].startswith("never mentions Putin;")
    # the same article untouched leaves nothing out that the planted one carries
    copy = found.found[found.found[S.OUTLET] == COPY]
    assert LEFT_OUT not in set(copy[S.ITEM])
    assert set(copy[S.ITEM]) <= set(mine[S.ITEM])
    units = found.units.set_index(S.OUTLET)
    assert units.at[BRIEF, S.STATUS] == TOO_SHORT
    evidence = omission_evidence(planted, putin)
    assert len(evidence) > 1
    assert evidence[S.TEXT].str.contains("Putin|Russian leader").mean() > 0.5
    assert PLANTED not in set(evidence[S.SOURCE])
    assert evidence[S.SOURCE].nunique() == len(evidence)  # one sentence an outlet first


def test_an_outlet_is_judged_only_against_enough_others(planted: Analysis) -> None:
    counts = carried(planted)
    three = sorted({PLANTED, COPY, *planted.articles[S.OUTLET]})[:3]
    found = find_omissions(counts, planted.articles, outlets=three)
    assert found.found.empty
    assert set(found.units[S.STATUS]) <= {TOO_FEW, TOO_SHORT}


def test_a_group_omits_what_none_of_its_outlets_carries(planted: Analysis) -> None:
    counts = carried(planted)
    outlets = sorted(planted.articles[S.OUTLET].unique())
    alone = {o: "others" for o in outlets} | {PLANTED: "left out"}
    found = find_omissions(counts, planted.articles, groups=alone)
    assert LEFT_OUT in set(found.found.loc[found.found[S.OUTLET] == "left out", S.ITEM])
    units = found.units.set_index(S.OUTLET)
    assert units.at["others", S.STATUS] == TOO_FEW  # one outlet outside it
    mixed = alone | {COPY: "left out"}
    found = find_omissions(counts, planted.articles, groups=mixed)
    assert LEFT_OUT not in set(found.found.loc[found.found[S.OUTLET] == "left out", S.ITEM])
    assert found.units.set_index(S.OUTLET).at["left out", S.ARTICLES] == 4


def test_nothing_left_out_says_so_and_chance_falls_with_articles() -> None:
    articles = pd.DataFrame(
        {
            S.ARTICLE_ID: list("abcd"),
            S.OUTLET: ["A", "B", "C", "D"],
            S.N_WORDS: [400, 400, 400, 400],
        }
    )
    counts = pd.DataFrame(
        {
            S.OUTLET: list("ABCD"),
            S.KIND: ACTOR,
            S.ITEM: "NATO",
            S.ARTICLES: 1,
            S.PROMINENT: 0,
        }
    )
    found = find_omissions(counts, articles)
    assert found.found.empty
    assert set(found.units[S.STATUS]) == {NONE_FOUND}
    assert chance_absent(0.5, 1) == pytest.approx(0.5)
    assert chance_absent(0.5, 3) == pytest.approx(0.125)
