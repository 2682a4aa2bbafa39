"""bench/gold.py: quotes, stance and sentiment scored against ../shared/bench/gold-dev, story by
story (figures pinned where they stand now, as regressions to beat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.pipeline import Settings
from analysis.stance import default_topics, parse_topics
from bench.gold import run
from tests.conftest import ROOT, SHARED

GOLD = SHARED / "bench" / "gold-dev"


def test_gold_dev_is_scored_story_by_story(corpus_dev: Path) -> None:
    if not (GOLD / "quotes_gold.csv").exists():
        pytest.skip("../shared/bench/gold-dev is not beside the project")
    trade = parse_topics((ROOT / "bench" / "trade_topics.toml").read_text(encoding="utf-8"))
    results = run(GOLD, SHARED, Settings(topics=(*default_topics(), *trade)))
    stories = {result["story"]: result for result in results}
    assert set(stories) == {"istanbul-talks", "geneva-trade-talks", "all stories"}
    everything = stories["all stories"]
    assert everything["quotes_gold"] == 68 and everything["pairs"] == 73
    assert everything["none_rows"] == 27
    matrix = everything["matrix"]
    assert int(matrix.to_numpy().sum()) == 167 + 27  # every statement and none row scored
    assert stories["istanbul-talks"]["quotes"] >= 0.8  # 0.865 on 2026-12-01
    assert stories["geneva-trade-talks"]["quotes"] >= 0.8  # 0.871
    assert everything["scored"] >= 0.8  # 0.849
    assert everything["false_stances"] <= 5  # 4 of 27
