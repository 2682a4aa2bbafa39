"""The public API of ``analysis``: what a notebook user imports from the package."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import analysis
from analysis.tables import Analysis


def test_every_public_name_resolves_and_none_is_shadowed_by_a_submodule() -> None:
    submodules = {info.name for info in pkgutil.iter_modules(analysis.__path__)}
    before = {name: getattr(analysis, name) for name in analysis.__all__}
    assert not set(before) & submodules  # such a name would turn into the submodule
    importlib.import_module("analysis.quotes")
    assert all(getattr(analysis, name) is value for name, value in before.items())


def test_a_notebook_gets_the_analysis_and_its_charts_from_the_package(
    seeds_analysis: Analysis,
) -> None:
    from analysis import analyse, page_charts
    from analysis.pipeline import analyse as pipeline_analyse

    assert analyse is pipeline_analyse
    assert {chart.page for chart in page_charts(seeds_analysis)} >= {"Actors", "Stance", "Voices"}


def test_importing_one_module_loads_no_analysis_engine() -> None:
    """``import analysis.text`` stays light: the pipeline (spaCy, Dask, onnxruntime) loads
    only when ``analysis.analyse`` is first used."""
    code = "import sys, analysis.text; print('analysis.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
