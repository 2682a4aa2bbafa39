"""The documentation: docs/benchmarks.md is what bench/render_benchmarks.py makes of the recorded
results, every recorded result is complete, the README stays short and its links resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import render_benchmarks, results

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_benchmarks_page_is_rendered_from_the_recorded_results() -> None:
    page = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert page == render_benchmarks.render(results.read_all()), (
        "docs/benchmarks.md differs from bench/results/: run python bench/render_benchmarks.py"
    )


def test_every_recorded_result_is_complete_and_known() -> None:
    known = {benchmark.name for benchmark in render_benchmarks.BENCHMARKS}
    recorded = results.read_all()
    assert recorded, "bench/results/ holds no result"
    for name, entry in recorded.items():
        assert name in known, f"{name} is not in render_benchmarks.BENCHMARKS"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"])
        assert entry["code_version"] == "unknown" or re.fullmatch(
            r"[0-9a-f]{4,40}(\+modified)?", entry["code_version"]
        )
        assert entry["split"]
        assert entry["command"].startswith(("python bench/", "make "))
        assert entry["figures"]


def test_record_writes_the_latest_figures_and_render_lists_what_is_missing(
    tmp_path: Path,
) -> None:
    results.record(
        "gold", {"quotes": 0.5}, split="old", command="python bench/gold.py", directory=tmp_path
    )
    path = results.record(
        "gold",
        {"quotes": 0.941, "core_rows": 1100},
        split="gold-dev (15 articles)",
        command="python bench/gold.py --topics bench/trade_topics.toml",
        directory=tmp_path,
    )
    entry = json.loads(path.read_text(encoding="utf-8"))
    assert entry["figures"] == {"quotes": 0.941, "core_rows": 1100}
    assert entry["split"] == "gold-dev (15 articles)"
    page = render_benchmarks.render(results.read_all(tmp_path))
    assert "| [gold](#gold) | gold-dev (15 articles) | quotes = 0.941 |" in page
    assert "| core_rows | 1,100 |" in page
    assert "0.5 |" not in page
    assert "## Not yet recorded" in page
    assert "Run `make bench`." in page


def test_record_refuses_a_result_without_figures(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no figures"):
        results.record("gold", {}, split="gold-dev", directory=tmp_path)
    assert not list(tmp_path.iterdir())


def test_readme_is_short_and_its_local_links_resolve() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local, "the README links to no document"
    for target in local:
        assert (ROOT / target).exists(), f"README links to {target}, which does not exist"
