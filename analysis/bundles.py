"""What people download in one file: every chart as a PNG in a ZIP, every table as CSV and
Parquet in a ZIP with its manifest and the report's tables as CSV (the workspace file is
:mod:`analysis.workspace`)."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis.cache import code_fingerprint
from analysis.export import png_path
from analysis.outlets import Outlets
from analysis.render import PngRenderer
from analysis.report import KeyTable, key_tables
from analysis.tables import Analysis
from analysis.views.base import Chart


def charts_zip(charts: Sequence[Chart], renderer: PngRenderer) -> bytes:
    """Every chart as a PNG in one ZIP, in a folder per page (``actors/presslens-….png``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart in charts:
            archive.writestr(png_path(chart), renderer.png(chart.figure))
    return buffer.getvalue()


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV that a spreadsheet opens without running anything: a text cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe (the OWASP rule for CSV injection); numbers are written as they are."""
    return _inert(frame).to_csv(index=False)


#: Rows of a table made safe and written at a time by :func:`write_csv`.
CSV_ROWS = 100_000


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write :func:`csv_text` of ``frame`` into the file ``path``, :data:`CSV_ROWS` rows at a
    time (a large table is never copied whole)."""
    write_csv_parts([frame], path)


def write_csv_parts(parts: Iterable[pd.DataFrame], path: Path) -> None:
    """Write the rows of ``parts`` (frames with the same columns: the parts of one table,
    in order) into the CSV file ``path`` as :func:`write_csv` writes the whole table,
    holding one part at a time."""
    header = True
    with path.open("w", encoding="utf-8", newline="") as handle:
        for frame in parts:
            for start in range(0, max(1, len(frame)), CSV_ROWS):
                rows = _inert(frame.iloc[start : start + CSV_ROWS])
                if header or len(rows):
                    rows.to_csv(handle, index=False, header=header)
                    header = False


def _inert(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are inert in a spreadsheet (see :func:`csv_text`)."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].map(_inert_cell)
    return safe


def manifest(analysis: Analysis) -> dict[str, object]:
    """What describes an analysis beside its tables: the code fingerprint and its parts (see
    :func:`analysis.cache.code_fingerprint`), the row count of each table and the analysers
    that failed (from ``analysis_errors``)."""
    fingerprint = code_fingerprint()
    return {
        "fingerprint": fingerprint.digest,
        "fingerprint_parts": fingerprint.parts,
        "rows": {name: len(frame) for name, frame in analysis.tables().items()},
        "failed": analysis.analysis_errors.to_dict("records"),
    }


def tables_zip(analysis: Analysis, *, outlets: Outlets = ()) -> bytes:
    """Every table of ``analysis`` as ``NAME.csv`` (spreadsheet-safe, :func:`csv_text`) and
    ``NAME.parquet`` in one ZIP with ``manifest.json`` (:func:`manifest`): the files of
    ``python -m analysis analyze``; and the tables of the HTML report
    (:func:`analysis.report.key_tables`, the group differences with the groups of
    ``outlets``) as ``report_tables/NAME.csv``, their captions and notes in the manifest's
    ``report_tables``."""
    summaries = key_tables(analysis, outlets=outlets)
    described = manifest(analysis) | {REPORT_TABLES: described_tables(summaries)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(described, indent=1, default=str))
        for name, frame in analysis.tables().items():
            archive.writestr(f"{name}.csv", csv_text(frame))
            parquet = io.BytesIO()
            frame.to_parquet(parquet, index=False)
            archive.writestr(f"{name}.parquet", parquet.getvalue())
        _write_report_tables(archive, summaries)
    return buffer.getvalue()


#: The folder of a ZIP holding the report's tables (:func:`analysis.report.key_tables`).
REPORT_TABLES = "report_tables"


def described_tables(tables: Sequence[KeyTable]) -> dict[str, dict[str, object]]:
    """The caption, row count and note of each of the report's ``tables``, by name."""
    return {t.name: {"caption": t.caption, "rows": len(t.frame), "note": t.note} for t in tables}


def _write_report_tables(archive: zipfile.ZipFile, tables: Sequence[KeyTable]) -> None:
    for table in tables:
        archive.writestr(f"{REPORT_TABLES}/{table.name}.csv", csv_text(table.frame))


def folder_files(folder: Path) -> list[Path]:
    """The regular files of a results folder, sorted: hidden files and folders and symbolic
    links are left out (a link could lead anywhere the server can read)."""
    files: list[Path] = []
    for top, folders, names in os.walk(folder):  # os.walk does not enter linked folders
        folders[:] = sorted(n for n in folders if not n.startswith("."))
        for name in sorted(names):
            path = Path(top, name)
            if not name.startswith(".") and stat.S_ISREG(path.lstat().st_mode):
                files.append(path)
    return sorted(files)


def folder_zip(folder: Path, *, report_tables: Sequence[KeyTable] = ()) -> bytes:
    """Every file of a results folder (:func:`analysis.results.write_results`: its manifest,
    the tables' Parquet and CSV files, the stored summaries) in one ZIP, each under its path
    in the folder, copied from disk (no table is read): its regular files only
    (:func:`folder_files`: no symbolic link, no hidden file); and ``report_tables``
    (:func:`analysis.report.key_tables`) as ``report_tables/NAME.csv``, their captions and
    notes in ``report_tables/report_tables.json``, as :func:`tables_zip` has them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in folder_files(folder):
            archive.write(path, path.relative_to(folder).as_posix())
        if report_tables:
            described = json.dumps(described_tables(report_tables), indent=1, default=str)
            archive.writestr(f"{REPORT_TABLES}/{REPORT_TABLES}.json", described)
            _write_report_tables(archive, report_tables)
    return buffer.getvalue()
