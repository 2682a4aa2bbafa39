"""bench/scale.py's corpus of unique articles: real news of ../shared, each text once, in the
same order every run (skipped when ../shared is absent)."""

from __future__ import annotations

import json

import pytest

from bench import scale


@pytest.fixture(scope="module")
def records() -> list[dict[str, str | None]]:
    if not all(folder.is_dir() for folder in scale.UNIQUE_FOLDERS):
        pytest.skip("../shared (PolNeAR, 500N-KPCrowd dev, corpus-dev) is not beside the project")
    return scale.unique_records()


def test_the_unique_articles_are_over_a_thousand_and_none_repeats(records) -> None:
    texts = [record["text"] for record in records]
    assert len(texts) >= 1_000
    assert len(set(texts)) == len(texts)
    assert all(record["outlet"] and len(record["text"].split()) > 20 for record in records)
    outlets = {record["outlet"] for record in records}
    assert {"nyt", "breitbart", scale.KPCROWD_OUTLET} <= outlets  # PolNeAR and KPCrowd both in
    assert len(outlets) > 20  # and corpus-dev's many outlets


def test_a_size_is_the_first_articles_of_one_seeded_order(records) -> None:
    assert scale.unique_records()[:50] == records[:50]
    lines = scale.unique_export(5).decode().splitlines()
    assert [json.loads(line)["title"] for line in lines] == [r["title"] for r in records[:5]]
    with pytest.raises(ValueError, match="unique ones exist"):
        scale.unique_export(len(records) + 1)
