"""bench/gold.py: quotes, stance and sentiment scored against ../shared/bench/gold-dev, story by
story (figures pinned where they stand now, as regressions to beat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.actors import parse_registry
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
    # 110 statements carry neither tag, alone nor in one bracket with the other (the README)
    assert everything["core_rows"] == 110
    # before the parse backbone (2026-12-01): quotes 0.865 / 0.871, scored 0.849, stance 0.156
    assert stories["istanbul-talks"]["quotes"] >= 0.92  # 0.946 with the parse
    assert stories["geneva-trade-talks"]["quotes"] >= 0.92  # 0.935
    assert everything["scored"] >= 0.9  # 0.918
    assert everything["stance"] >= 0.19  # 0.204
    assert everything["false_stances"] <= 5  # 5 of 27
    assert everything["support_oppose_swaps"] == 0
    assert everything["sentiment"] >= 0.55  # 0.600 by the transformer (0.448 by the n-grams)


def test_without_a_registry_the_speakers_are_still_found(corpus_dev: Path) -> None:
    """An empty registry: every actor comes from the text (0.338 of the quotes had the right
    speaker before the parse backbone, 0.956 with it)."""
    if not (GOLD / "quotes_gold.csv").exists():
        pytest.skip("../shared/bench/gold-dev is not beside the project")
    trade = parse_topics((ROOT / "bench" / "trade_topics.toml").read_text(encoding="utf-8"))
    settings = Settings(registry=parse_registry(""), topics=(*default_topics(), *trade))
    everything = run(GOLD, SHARED, settings)[-1]
    assert everything["quotes"] >= 0.92
    assert everything["scored"] >= 0.85  # 0.877 (0.0 before: no actor without the registry)
    assert everything["sentiment"] >= 0.53  # 0.582
