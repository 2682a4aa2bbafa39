"""Shared fixtures: paths to the project's seeds and to ../shared (skipped when absent)."""

from __future__ import annotations

import base64
import json
import logging
import os
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.actors import find_mentions
from analysis.corpus import Corpus, load_corpus
from analysis.pipeline import analyse
from analysis.render import ExportError, PngRenderer
from analysis.tables import Analysis
from analysis.text import sentences

if TYPE_CHECKING:
    from distributed import LocalCluster

# Tests never read or fill the user's own cache: each run gets an empty one (servers started
# by the tests inherit it).
os.environ["PRESSLENS_CACHE_DIR"] = tempfile.mkdtemp(prefix="presslens-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS_DEV = SHARED / "corpus-dev"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def seeds_corpus() -> Corpus:
    """The three sample articles, loaded and cleaned."""
    return load_corpus([SEEDS])


@pytest.fixture(scope="session")
def corpus_dev() -> Path:
    """The development corpus of real articles in ../shared (skipped when it is absent)."""
    if not (CORPUS_DEV / "manifest.csv").exists():
        pytest.skip(
            "../shared/corpus-dev is not beside the project (it is in CI and on the "
            "developers' machines)"
        )
    return CORPUS_DEV


@pytest.fixture(scope="session")
def corpus_dev_corpus(corpus_dev: Path) -> Corpus:
    return load_corpus([corpus_dev])


@pytest.fixture(scope="session")
def corpus_dev_analysis(corpus_dev_corpus: Corpus) -> Analysis:
    """Every table of the analysis of corpus-dev (analysis.pipeline.analyse)."""
    return analyse(corpus_dev_corpus)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A Dask cluster of two worker processes started apart from the engine (as an existing
    cluster would be), on loopback; its address while the tests run, closed after."""
    with loopback_cluster(2) as cluster:
        yield cluster.scheduler_address


def loopback_cluster(workers: int, **options: Any) -> LocalCluster:
    """A Dask cluster of ``workers`` processes of one thread each, started apart from the
    engine (as an existing cluster would be), on loopback with its dashboard on a free port;
    ``options`` add to or replace those arguments of ``LocalCluster``."""
    from distributed import LocalCluster

    chosen: dict[str, Any] = {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": "127.0.0.1:0",
        "silence_logs": logging.WARNING,
    }
    return LocalCluster(**(chosen | options))


def seed_text(corpus: Corpus, number: str) -> str:
    """Cleaned text of the seed whose file name starts with ``number`` ("000", "001"...)."""
    row = corpus.articles[corpus.articles["source"].str.contains(f"/{number}_")].iloc[0]
    return str(row["text"])


def seed_id(corpus: Corpus, number: str) -> str:
    """article_id of the seed whose file name starts with ``number``."""
    return str(corpus.articles[corpus.articles["source"].str.contains(f"/{number}_")].iloc[0, 0])


@pytest.fixture(scope="session")
def seeds_sentences(seeds_corpus: Corpus) -> pd.DataFrame:
    return sentences(seeds_corpus.articles)


@pytest.fixture(scope="session")
def seeds_mentions(seeds_corpus: Corpus, seeds_sentences: pd.DataFrame) -> pd.DataFrame:
    return find_mentions(seeds_corpus.articles, seeds_sentences)


@pytest.fixture(scope="session")
def seeds_analysis(seeds_corpus: Corpus) -> Analysis:
    """Every table of the analysis of the seeds (analysis.pipeline.analyse)."""
    return analyse(seeds_corpus)


@pytest.fixture(scope="session")
def renderer() -> Iterator[PngRenderer]:
    """kaleido's PNG renderer with this machine's Chromium (skipped without one)."""
    try:
        started = PngRenderer()
    except ExportError as error:
        pytest.skip(f"no browser for server-side PNG export: {error}")
    yield started
    started.close()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image; fails when ``data`` is no PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def run_page(file_name: str) -> AppTest:
    """A page of pages/ run once in AppTest on the seeds; fails on an exception."""
    at = AppTest.from_file(str(ROOT / "pages" / file_name), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Plotly figure (as a dict) of every chart the page shows, in order."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array: Any) -> list[Any]:
    """A Plotly figure array as a list: plain lists as they are, typed arrays
    (``{"dtype": "i1", "bdata": ...}``, as Plotly serialises numpy data) decoded."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)
