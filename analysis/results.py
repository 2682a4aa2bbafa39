"""An analysis as a folder of Parquet datasets with a ``manifest.json``: what
``python -m analysis analyze --out DIR`` writes and ``streamlit run dashboard.py -- --results
DIR`` opens.

    DIR/manifest.json                   what made it (see :func:`write_results`)
    DIR/<table>/part-00000.parquet ...  each table as a Parquet dataset: the per-article
                                        tables in parts of :data:`ARTICLES_PER_PART` articles
    DIR/<table>.csv                     each table, spreadsheet-safe (``csv=True``)

Any Parquet reader opens the datasets (``pandas.read_parquet("DIR/mentions")``, DuckDB's
``read_parquet('DIR/mentions/*.parquet')``, Spark); :func:`query` runs SQL over all of them
with DuckDB. An analysis written here with the same settings and code is the ``previous`` of
the next run (:func:`previous_analysis`), so that a grown corpus costs only its new articles.
"""

from __future__ import annotations

import json
import platform
import shutil
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.bundles import csv_text
from analysis.cache import code_fingerprint
from analysis.tables import Analysis

#: Articles per part file of a per-article table.
ARTICLES_PER_PART = 10_000
MANIFEST = "manifest.json"
#: The libraries whose versions the manifest records (besides the code fingerprint's).
VERSIONS = ("presslens", "dask", "distributed", "duckdb", "pyarrow", "pandas", "spacy")


class ResultsError(Exception):
    """A folder that is not an analysis written by :func:`write_results` (the message says
    why, in words a user understands)."""


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _parts(frame: pd.DataFrame, groups: list[list[str]]) -> list[pd.DataFrame]:
    """``frame``'s rows of each group of article ids (every row in one part when ``frame``
    has no article id, or there is one group)."""
    if S.ARTICLE_ID not in frame.columns or len(groups) <= 1:
        return [frame]
    return [frame[frame[S.ARTICLE_ID].isin(set(group))] for group in groups]


def write_results(
    analysis: Analysis,
    out: Path,
    *,
    settings: str,
    csv: bool = True,
    reused: int = 0,
) -> dict[str, object]:
    """Write the tables of ``analysis`` into ``out`` (created if missing; the datasets of a
    previous analysis there are replaced) and return the manifest written with them:
    ``settings`` (the
    settings' fingerprint), the code fingerprint and its parts, the versions of
    :data:`VERSIONS` and Python, when, the row count and part files of each table, the
    articles, outlets and rejected inputs, how many articles were ``reused`` from the previous
    analysis, and the analysers that failed (``analysis_errors``)."""
    out.mkdir(parents=True, exist_ok=True)
    tables = analysis.tables()
    ids = analysis.articles[S.ARTICLE_ID].tolist()
    groups = [ids[n : n + ARTICLES_PER_PART] for n in range(0, len(ids), ARTICLES_PER_PART)]
    files: dict[str, int] = {}
    for name, frame in tables.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        parts = _parts(frame, groups)
        for number, part in enumerate(parts):
            part.to_parquet(folder / f"part-{number:05d}.parquet", index=False)
        files[name] = len(parts)
        if csv:
            (out / f"{name}.csv").write_text(csv_text(frame), encoding="utf-8")
    fingerprint = code_fingerprint()
    articles = analysis.articles
    made = {
        "settings": settings,
        "fingerprint": fingerprint.digest,
        "fingerprint_parts": fingerprint.parts,
        "versions": {"python": platform.python_version()}
        | {name: _version(name) for name in VERSIONS},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": len(articles),
        "outlets": int(articles[S.OUTLET].nunique()),
        "rejected": len(tables.get("rejected", ())),
        "reused": reused,
        "analysed": len(articles) - reused,
        "rows": {name: len(frame) for name, frame in tables.items()},
        "parts": files,
        "dtypes": {
            name: {str(column): str(dtype) for column, dtype in frame.dtypes.items()}
            for name, frame in tables.items()
        },
        "failed": analysis.analysis_errors.to_dict("records"),
    }
    (out / MANIFEST).write_text(json.dumps(made, indent=1, default=str), encoding="utf-8")
    return made


def read_manifest(folder: Path) -> dict[str, object]:
    """The manifest of the analysis in ``folder``; :class:`ResultsError` when there is none
    or it cannot be read."""
    path = folder / MANIFEST
    if not path.is_file():
        raise ResultsError(
            f"{folder} holds no analysis: {MANIFEST} is missing (write one with "
            "python -m analysis analyze ... --out FOLDER)."
        )
    try:
        made = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ResultsError(f"The {MANIFEST} of {folder} cannot be read: {error}") from error
    if not isinstance(made, dict) or "parts" not in made:
        raise ResultsError(f"The {MANIFEST} of {folder} is not one presslens wrote.")
    return made


def read_results(folder: Path) -> Analysis:
    """The analysis in ``folder``, every table with the column types it was written with
    (Parquet keeps dates to the millisecond at least: the manifest has the rest), keyed by
    the folder and when it was written; :class:`ResultsError` when a table is missing or
    damaged."""
    made = read_manifest(folder)
    dtypes: dict[str, dict[str, str]] = made.get("dtypes", {})  # type: ignore[assignment]
    tables = {}
    for name in made["parts"]:  # type: ignore[union-attr]
        try:
            frame = pd.read_parquet(folder / name)
        except (OSError, ValueError) as error:
            raise ResultsError(f"The {name} table in {folder} cannot be read: {error}") from error
        written = {
            column: dtype
            for column, dtype in dtypes.get(name, {}).items()
            if column in frame.columns and str(frame[column].dtype) != dtype
        }
        tables[name] = frame.astype(written) if written else frame
    try:
        return Analysis.from_tables(tables, key=f"{folder.resolve()}:{made.get('created')}")
    except KeyError as error:
        raise ResultsError(
            f"{folder} holds an analysis of another presslens version: {error.args[0]}"
        ) from error


def previous_analysis(folder: Path, settings: str) -> Analysis | None:
    """The analysis in ``folder`` when it was made with the ``settings`` fingerprint and this
    code (its rows can be reused), else None (also when there is none or it is damaged)."""
    try:
        made = read_manifest(folder)
        if made.get("settings") != settings or made.get("fingerprint") != (
            code_fingerprint().digest
        ):
            return None
        return read_results(folder)
    except ResultsError:
        return None


def query(folder: Path, sql: str) -> pd.DataFrame:
    """The result of ``sql`` run by DuckDB over the analysis in ``folder``, each table a view
    of its name (``SELECT outlet, count(*) FROM quotes JOIN articles USING (article_id)
    GROUP BY outlet``). DuckDB reads only the columns and row groups the query needs."""
    import duckdb

    made = read_manifest(folder)
    with duckdb.connect() as connection:
        for name in made["parts"]:  # type: ignore[union-attr]
            pattern = str(folder / name / "*.parquet").replace("'", "''")
            connection.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{pattern}')")
        return connection.execute(sql).df()
