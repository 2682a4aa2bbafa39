"""The library stays free of Streamlit: importing analysis must not import streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_importing_analysis_does_not_import_streamlit() -> None:
    code = (
        "import sys, analysis, analysis.cli, analysis.clean, analysis.corpus, "
        "analysis.ingest, analysis.keywords, analysis.text; print('streamlit' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"
