"""Export: every chart as PNG, the whole analysis as tables, a report, a workspace file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.bundles import charts_zip, folder_files, folder_zip, tables_zip
from analysis.cache import MAX_AGE_DAYS, code_fingerprint
from analysis.corpus import Corpus
from analysis.export import png_path
from analysis.render import NO_BROWSER
from analysis.report import KeyTable, html_report, key_tables
from analysis.tables import TABLES
from analysis.views.base import outlets_of
from analysis.workspace import workspace_json
from pages._ui import data, guard, share, widgets
from pages._ui.safe import md

st.set_page_config(page_title="Export · presslens", page_icon="📰", layout="wide")


def charts_section(corpus: Corpus) -> None:
    """The list of charts and the ZIP of all of them as PNG."""
    st.subheader("Charts")
    charts = data.all_charts(corpus)
    listed = pd.DataFrame(
        {"page": [c.page for c in charts], "chart": [c.name for c in charts]}
    ).assign(file=[png_path(c) for c in charts])
    st.caption(
        f"{len(charts)} charts: every page in its default view (all outlets, the most "
        "mentioned actors, every topic, name and contested thing), 1200 px wide at scale 2, "
        "in the template the pages show."
    )
    st.dataframe(listed, hide_index=True, width="stretch", height=240)
    if not data.png_available():
        st.warning(NO_BROWSER)
        return
    widgets.file_download(
        st,
        "Download all charts (ZIP)",
        lambda: charts_zip(charts, data.renderer()),
        "presslens-charts.zip",
        "application/zip",
        icon=":material/folder_zip:",
        help="Drawn on the server when you click: about a third of a second per chart.",
    )


def tables_section(corpus: Corpus) -> None:
    """The whole analysis as one ZIP of CSV and Parquet files."""
    st.subheader("Tables")
    analysis = data.analysed(corpus)
    sizes = pd.DataFrame({"table": list(TABLES), "rows": [analysis.count(n) for n in TABLES]})
    folder = data.results_folder()
    outlets = data.outlets()
    if folder is not None:
        results_files(folder, sizes, lambda: key_tables(analysis, outlets=outlets))
        return
    st.caption(
        "Every table of the analysis with this session's settings, as CSV and Parquet: the "
        "same files as `python -m analysis analyze`; and the report's tables (the largest "
        "differences, omissions, kinds of voices, differences between groups…) as CSV in "
        "its `report_tables` folder."
    )
    st.dataframe(sizes, hide_index=True, width="content", height=240)
    widgets.file_download(
        st,
        "Download the whole analysis (ZIP: CSV + Parquet)",
        lambda: tables_zip(analysis, outlets=outlets),
        "presslens-tables.zip",
        "application/zip",
        icon=":material/table:",
    )


#: Largest results folder (bytes on disk) offered as one ZIP download: the ZIP is made in the
#: server's memory, and a larger one is better copied as the folder it is.
MAX_FOLDER_ZIP_BYTES = 256 * 2**20


def results_files(
    folder: Path, sizes: pd.DataFrame, report_tables: Callable[[], list[KeyTable]]
) -> None:
    """The tables of an analysis opened from a results folder: the folder's own files,
    zipped from disk when it is small enough (its regular files only), with the
    ``report_tables`` made when the user asks for the ZIP (as the tables ZIP of an analysis
    made here has them)."""
    size = sum(path.stat().st_size for path in folder_files(folder))
    st.caption(
        f"This analysis was opened from the results folder {md(str(folder))} "
        f"({size / 2**20:,.0f} MB): its tables are the Parquet datasets in it (CSV beside them "
        "when it was written with them), with its `manifest.json`; and the report's tables "
        "(the largest differences, omissions, kinds of voices, differences between groups…) "
        "as CSV in its `report_tables` folder."
    )
    st.dataframe(sizes, hide_index=True, width="content", height=240)
    if size > MAX_FOLDER_ZIP_BYTES:
        st.info(
            f"The folder is larger than {MAX_FOLDER_ZIP_BYTES // 2**20} MB: copy the folder "
            "itself rather than downloading it through the browser."
        )
        return
    widgets.file_download(
        st,
        "Download the results folder (ZIP)",
        lambda: folder_zip(folder, report_tables=report_tables()),
        f"{folder.name or 'results'}.zip",
        "application/zip",
        icon=":material/folder_zip:",
    )


def report_section(corpus: Corpus) -> None:
    """The self-contained HTML report."""
    st.subheader("Report")
    st.caption(
        "One HTML file that opens in any browser without a network: the corpus list, every "
        "chart (interactive), the key tables and notes on what each score means, its range "
        "and its limits."
    )
    title = st.text_input("Report title", value="presslens report", key="export.title")
    analysis = data.analysed(corpus)
    charts = data.all_charts(corpus)
    outlets = data.outlets()
    created = (
        f"Made by presslens on {date.today().isoformat()} from "
        f"{len(corpus.articles)} articles of {len(outlets_of(corpus.articles))} outlets."
    )
    widgets.file_download(
        st,
        "Download the report (HTML)",
        lambda: html_report(analysis, charts, title=title, created=created, outlets=outlets).encode(
            "utf-8"
        ),
        "presslens-report.html",
        "text/html",
        icon=":material/description:",
    )


#: Where the server keeps uploads, with and without its disk cache.
STORAGE = {
    False: "The server writes nothing of your uploads to disk: they live in your session, and "
    "in its in-memory analysis cache for at most an hour.",
    True: "The server keeps your corpus and its analysis (the text included) in its disk "
    f"cache, so that opening it again is quick; entries unused for {MAX_AGE_DAYS} days are "
    "deleted, and a host that must not keep uploads switches the cache off "
    "(PRESSLENS_DISK_CACHE=0).",
}


def _cache_on() -> bool:
    cache = data.disk_cache()
    return cache is not None and cache.enabled


def computed_section() -> None:
    """What made this analysis: the code fingerprint and its parts, and the disk cache."""
    st.subheader("How this was computed")
    fingerprint = code_fingerprint()
    st.write(
        f"Code fingerprint `{fingerprint.digest[:16]}`: a hash of presslens's analysis code, "
        "its data files and the versions of the libraries below. An analysis kept on disk is "
        "only reused by the same fingerprint."
    )
    parts = pd.DataFrame(
        {"part": list(fingerprint.parts), "value": list(fingerprint.parts.values())}
    )
    st.dataframe(parts, hide_index=True)
    cache = data.disk_cache()
    if cache is None:
        st.caption("The disk cache is switched off on this server (PRESSLENS_DISK_CACHE=0).")
    elif not cache.enabled:
        st.warning(f"The disk cache is off: {cache.problem}.")
    else:
        st.caption(
            f"{cache.other_versions()} cached analyses from other versions are on this "
            f"server's disk; they are deleted after {MAX_AGE_DAYS} days unused."
        )


def workspace_section() -> None:
    """The workspace file: this session's corpus, settings and selections."""
    st.subheader("Workspace file")
    workspace = share.current_workspace()
    st.caption(
        "One JSON file with your corpus (uploaded files and pasted text included), your "
        "edits, your actor registry, topics, spelling and term tables, the sentiment "
        "classifier and the selections of every page. A colleague opens it on the home page "
        "(Open a workspace file) and sees the same view. " + STORAGE[_cache_on()]
    )
    widgets.file_download(
        st,
        "Download the workspace file (JSON)",
        lambda: workspace_json(workspace),
        "presslens-workspace.json",
        "application/json",
        icon=":material/work:",
    )


def main() -> None:
    st.title("Export")
    st.write(
        "Take the analysis away: every chart as PNG, every table, a report to send, and a "
        "workspace file that gives a colleague the same corpus and view. Each chart on the "
        "other pages also has its own Download PNG button and a camera icon."
    )
    corpus = widgets.require_corpus()
    charts_section(corpus)
    tables_section(corpus)
    report_section(corpus)
    workspace_section()
    computed_section()


guard.run_page((), main)
