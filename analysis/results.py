"""An analysis as a folder of Parquet datasets with a ``manifest.json``: what
``python -m analysis analyze --out DIR`` writes and ``streamlit run dashboard.py -- --results
DIR`` opens.

    DIR/manifest.json                   what made it (see :func:`write_results`)
    DIR/<table>/part-00000.parquet ...  each table as a Parquet dataset: the per-article
                                        tables in parts of :data:`ARTICLES_PER_PART` articles
    DIR/<table>.csv                     each table, spreadsheet-safe (``csv=True``)

    DIR/summaries/<n>-<i>.parquet       the corpus-wide summaries the pages show in their
                                        default view (:func:`analysis.views.summarise`)

Any Parquet reader opens the datasets (``pandas.read_parquet("DIR/mentions")``, DuckDB's
``read_parquet('DIR/mentions/*.parquet')``, Spark); :func:`query` runs SQL over all of them
with DuckDB. :func:`read_results` opens the folder as a :class:`FolderStore`: the dashboard
reads a table only when a page uses it, fetches evidence rows with SQL, and takes the
summaries ready-made, so that opening an analysis of a large corpus costs little memory. An
analysis written here with the same settings and code is the ``previous`` of the next run
(:func:`previous_analysis`), so that a grown corpus costs only its new articles.
"""

from __future__ import annotations

import copy
import json
import os
import platform
import re
import shutil
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from analysis import schema as S
from analysis.bundles import write_csv
from analysis.cache import code_fingerprint
from analysis.settings import DATA_FILES, Settings
from analysis.tables import TABLES, Analysis, Matching, Where, folded_sql

#: Articles per part file of a per-article table.
ARTICLES_PER_PART = 10_000
MANIFEST = "manifest.json"
#: The manifest's record of the settings an analysis was made with (:func:`recorded_settings`).
MADE_WITH = "made_with"
#: The folder of the summaries (:func:`analysis.views.summarise`).
SUMMARIES = "summaries"
#: The columns of ``articles`` a stored analysis does not hold in memory (the texts: most of
#: a corpus's bytes); :meth:`Analysis.texts` reads them.
TEXT_COLUMNS = (S.TEXT, S.RAW_TEXT)
#: The libraries whose versions the manifest records (besides the code fingerprint's).
VERSIONS = ("presslens", "dask", "distributed", "duckdb", "pyarrow", "pandas", "spacy")


#: How deep below a root :func:`analysis_folders` looks for analyses.
SEARCH_DEPTH = 3
#: Most analysis folders :func:`analysis_folders` lists.
MAX_LISTED = 500
#: A table's name in the manifest, and a summary's file name: plain names, never a path.
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class ResultsError(Exception):
    """A folder that is not an analysis written by :func:`write_results` (the message says
    why, in words a user understands)."""


def not_opened(folder: str | Path) -> ResultsError:
    """The one error of every ``folder`` that cannot be opened: missing, unreadable, too
    long, not a folder, holding no manifest, outside the roots, hidden, reached by a
    symbolic link leaving its root. It says neither which nor whether the path exists."""
    return ResultsError(
        f"{folder} cannot be opened: it is not an analysis folder this server offers (a "
        f"folder written by python -m analysis analyze ... --out FOLDER, holding its {MANIFEST})."
    )


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and its missing parents) and let only this user enter it (0700), as
    the disk cache does: results hold the articles in full."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)


def make_private(folder: Path) -> None:
    """Let only this user read what is in ``folder``: folders 0700, files 0600 (symbolic
    links are left alone, and not followed)."""
    folder.chmod(0o700)
    for top, folders, files in os.walk(folder):
        for name in folders:
            path = Path(top, name)
            if not path.is_symlink():
                path.chmod(0o700)
        for name in files:
            path = Path(top, name)
            if not path.is_symlink():
                path.chmod(0o600)


def results_roots(text: str) -> tuple[Path, ...]:
    """The folders named in ``text`` (separated by :data:`os.pathsep`, as in
    ``PRESSLENS_RESULTS_ROOTS``), resolved; relative and missing ones are left out."""
    roots = []
    for part in text.split(os.pathsep):
        path = Path(part.strip())
        if not part.strip() or not path.is_absolute():
            continue
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if resolved.is_dir() and resolved not in roots:
            roots.append(resolved)
    return tuple(roots)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def confined(folder: str | Path, roots: Sequence[Path]) -> Path:
    """``folder`` resolved, when it is an analysis folder (a folder holding a
    :data:`MANIFEST`) inside one of ``roots``: no ``..``, no hidden folder below the root,
    no symbolic link leading out of it. Any other path raises the one :func:`not_opened`
    error."""
    text = str(folder)
    if not text or "\x00" in text or ".." in Path(text).parts:
        raise not_opened(folder)
    try:
        resolved = Path(text).resolve(strict=True)
        inside = [
            resolved.relative_to(root)
            for root in (Path(root).resolve() for root in roots)
            if resolved.is_relative_to(root)
        ]
        if (
            not inside
            or _hidden(inside[0])
            or not stat.S_ISREG((resolved / MANIFEST).lstat().st_mode)
        ):
            raise not_opened(folder)
    except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: a loop of links
        raise not_opened(folder) from error
    return resolved


def analysis_folders(roots: Sequence[Path], depth: int = SEARCH_DEPTH) -> list[Path]:
    """The analysis folders (holding a :data:`MANIFEST`) in ``roots`` and their folders down
    to ``depth`` levels, sorted, at most :data:`MAX_LISTED`. Hidden folders and symbolic
    links are not entered; an analysis folder's own folders are not searched; a folder that
    cannot be read is skipped."""
    found: list[Path] = []
    waiting = [(root, 0) for root in roots]
    while waiting and len(found) < MAX_LISTED:
        folder, level = waiting.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue
        if any(e.name == MANIFEST and e.is_file(follow_symlinks=False) for e in listed):
            found.append(folder)
            continue
        if level < depth:
            waiting.extend(
                (Path(e.path), level + 1)
                for e in listed
                if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
            )
    return sorted(found)


def _inside(folder: Path, *names: str) -> Path:
    """``folder / names...`` when each name is a plain name (no separator, no ``..``, not
    hidden) and the path, links followed, stays in ``folder``; else the manifest that named
    it is not one presslens wrote."""
    path = folder.joinpath(*names)
    if not all(isinstance(name, str) and _PLAIN.fullmatch(name) for name in names):
        raise _foreign(folder)
    try:
        if not path.resolve().is_relative_to(folder.resolve()):
            raise _foreign(folder)
    except (OSError, RuntimeError) as error:
        raise _foreign(folder) from error
    return path


def _foreign(folder: Path) -> ResultsError:
    return ResultsError(f"The {MANIFEST} of {folder} is not one presslens wrote.")


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def table_parts(frame: pd.DataFrame, groups: list[list[str]]) -> Iterator[pd.DataFrame]:
    """``frame``'s rows of each group of article ids, one part at a time (every row in one
    part when ``frame`` has no article id, or there is one group)."""
    if S.ARTICLE_ID not in frame.columns or len(groups) <= 1:
        yield frame
        return
    for group in groups:
        yield frame[frame[S.ARTICLE_ID].isin(set(group))]


def write_results(
    analysis: Analysis,
    out: Path,
    *,
    settings: str,
    csv: bool = True,
    made_with: Settings | None = None,
) -> dict[str, object]:
    """Write the tables of ``analysis`` into ``out`` (created if missing; the datasets of a
    previous analysis there are replaced) and return the manifest written with them (see
    :func:`manifest`, with the ``summaries`` written: their part files by name). Only this
    user may read them: folders 0700, files 0600 (:func:`make_private`)."""
    private_folder(out)
    tables = analysis.tables()
    groups = article_groups(analysis.articles)
    files: dict[str, int] = {}
    for name, frame in tables.items():
        files[name] = write_table(out / name, table_parts(frame, groups))
        if csv:
            write_csv(frame, out / f"{name}.csv")
    made = manifest(
        settings=settings,
        articles=analysis.articles,
        rejected=len(tables.get("rejected", ())),
        rows={name: len(frame) for name, frame in tables.items()},
        parts=files,
        dtypes={name: dtypes_of(frame) for name, frame in tables.items()},
        failed=analysis.analysis_errors,
        made_with=made_with,
    )
    return finish(out, made, analysis)


def article_groups(articles: pd.DataFrame) -> list[list[str]]:
    """The article ids of ``articles`` in runs of :data:`ARTICLES_PER_PART`: the parts of the
    tables :func:`write_results` writes whole."""
    ids = articles[S.ARTICLE_ID].tolist()
    return [ids[n : n + ARTICLES_PER_PART] for n in range(0, len(ids), ARTICLES_PER_PART)]


def write_table(folder: Path, parts: Iterable[pd.DataFrame]) -> int:
    """Write ``parts`` as the part files of one table's dataset in ``folder`` (made afresh);
    how many were written."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    written = 0
    for part in parts:
        part.to_parquet(folder / f"part-{written:05d}.parquet", index=False)
        written += 1
    return written


def manifest(
    *,
    settings: str,
    articles: pd.DataFrame,
    rejected: int,
    rows: Mapping[str, int],
    parts: Mapping[str, int],
    dtypes: Mapping[str, Mapping[str, str]],
    failed: pd.DataFrame,
    reused: int = 0,
    made_with: Settings | None = None,
) -> dict[str, object]:
    """What :data:`MANIFEST` says of an analysis: ``settings`` (the settings' fingerprint),
    the code fingerprint and its parts, the versions of :data:`VERSIONS` and Python, when,
    the row count, part files and column types of each table, the articles, outlets and
    ``rejected`` inputs, how many articles were ``reused`` from the previous analysis and
    the analysers that ``failed`` (``analysis_errors``), and the settings it was ``made_with``
    (:func:`recorded_settings`; None: not recorded)."""
    fingerprint = code_fingerprint()
    recorded = {} if made_with is None else {MADE_WITH: recorded_settings(made_with)}
    return recorded | {
        "settings": settings,
        "fingerprint": fingerprint.digest,
        "fingerprint_parts": fingerprint.parts,
        "versions": {"python": platform.python_version()}
        | {name: _version(name) for name in VERSIONS},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": len(articles),
        "outlets": int(articles[S.OUTLET].nunique()),
        "rejected": rejected,
        "reused": reused,
        "analysed": len(articles) - reused,
        "rows": dict(rows),
        "parts": dict(parts),
        "dtypes": {name: dict(columns) for name, columns in dtypes.items()},
        "failed": failed.to_dict("records"),
    }


def recorded_settings(settings: Settings) -> dict[str, object]:
    """``settings`` as :data:`MANIFEST` records them (``made_with``): the text of each data
    file of :data:`analysis.settings.DATA_FILES` (the built-in one when none was given), by
    name, coreference and the sentiment method."""
    resolved = settings.resolved()
    files = {name: kind.to_toml(getattr(resolved, name)) for name, kind in DATA_FILES.items()}
    return {"files": files, "coref": resolved.coref, "sentiment": resolved.sentiment}


def settings_of(made: Mapping[str, Any]) -> Settings | None:
    """The settings an analysis was made with, from its manifest ``made``
    (:func:`recorded_settings`); None when the manifest does not record them (an analysis
    written before they were, or by :func:`write_results` without ``made_with``) or a file
    recorded cannot be read back."""
    recorded = made.get(MADE_WITH)
    if not isinstance(recorded, dict) or not isinstance(recorded.get("files"), dict):
        return None
    try:
        files = {
            name: kind.parse_session(str(recorded["files"][name]))
            for name, kind in DATA_FILES.items()
            if name in recorded["files"]
        }
    except ValueError:
        return None
    sentiment = recorded.get("sentiment")
    extra = {"sentiment": sentiment} if isinstance(sentiment, str) else {}
    return Settings(**files, coref=bool(recorded.get("coref", True)), **extra)  # type: ignore[arg-type]


def finish(
    out: Path, made: dict[str, object], analysis: Analysis | None = None
) -> dict[str, object]:
    """Write the summaries of ``analysis`` (:func:`analysis.views.summarise`; by default of
    the tables in ``out``, read through DuckDB as ``made`` describes them) and then the
    manifest ``made`` with them (``summaries``: their part files by name) into ``out``, let
    only this user read the folder (:func:`make_private`); return it."""
    from analysis.views import summarise

    if analysis is None:
        analysis = _opened(out, made)
    made = {**made, "summaries": _write_summaries(summarise(analysis), out / SUMMARIES)}
    (out / MANIFEST).write_text(json.dumps(made, indent=1, default=str), encoding="utf-8")
    make_private(out)
    return made


def dtypes_of(frame: pd.DataFrame) -> dict[str, str]:
    """The column types of ``frame`` by column, as the manifest records them."""
    return {str(column): str(dtype) for column, dtype in frame.dtypes.items()}


def _write_summaries(
    made: Mapping[str, pd.DataFrame | tuple[pd.DataFrame, ...]], folder: Path
) -> dict[str, dict[str, object]]:
    """Write each summary of ``made`` (a frame, or a tuple of frames) into ``folder`` (made
    afresh) and return where: by name, its ``files``, whether it is ``one`` frame, and the
    ``dtypes`` of each."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    written: dict[str, dict[str, object]] = {}
    for number, (name, summary) in enumerate(made.items()):
        frames = (summary,) if isinstance(summary, pd.DataFrame) else summary
        files = [f"{number:04d}-{part}.parquet" for part in range(len(frames))]
        for file, frame in zip(files, frames, strict=True):
            frame.to_parquet(folder / file, index=False)
        written[name] = {
            "files": files,
            "one": isinstance(summary, pd.DataFrame),
            "dtypes": [dtypes_of(frame) for frame in frames],
        }
    return written


def _typed(frame: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with the column types it was written with (``dtypes``; Parquet keeps dates
    to the millisecond at least, DuckDB reads some text columns as objects)."""
    written = {
        column: dtype
        for column, dtype in dtypes.items()
        if column in frame.columns and str(frame[column].dtype) != dtype
    }
    return frame.astype(written) if written else frame


#: The columns DuckDB adds to each row of a table read (:meth:`FolderStore._source`): its
#: file and its number in the file, which give the table's order.
_ROW_PLACE = ("filename", "file_row_number")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def table_files(folder: Path, name: str) -> list[Path]:
    """The Parquet files of table ``name`` in ``folder``, sorted: regular files only (no
    hidden file, no symbolic link), listed by Python rather than globbed, so that a folder
    named ``run[1]`` or ``star*`` reads its own files and no one else's. A table's folder
    that links out of ``folder`` is :class:`ResultsError`."""
    table = _inside(folder, name)
    try:
        with os.scandir(table) as entries:
            return sorted(
                Path(entry.path)
                for entry in entries
                if entry.name.endswith(".parquet")
                and not entry.name.startswith(".")
                and entry.is_file(follow_symlinks=False)
            )
    except OSError:
        return []


def _glob_escaped(path: Path) -> str:
    """``path`` as DuckDB's file reader takes it literally: its glob characters each in a
    class of its own (``[`` as ``[[]``)."""
    return "".join(f"[{c}]" if c in "[*?" else c for c in str(path))


def files_sql(folder: Path, name: str) -> str:
    """The SQL text of the Parquet files of table ``name`` in ``folder`` (see
    :func:`table_files`): a list of quoted paths, each escaped from DuckDB's globbing
    (``[]`` when there is none, which DuckDB refuses to read: the table cannot be read)."""
    listed = ", ".join(_sql_text(_glob_escaped(path)) for path in table_files(folder, name))
    return f"[{listed}]"


class FolderStore:
    """The tables of a results folder, read through DuckDB (:class:`analysis.tables.Store`):
    a whole table (``articles`` without :data:`TEXT_COLUMNS`), the rows asked for (DuckDB
    reads only the row groups and columns it needs), the summaries written with it; with
    ``outlets``, only the rows of those outlets' articles (and outlet tables' rows)."""

    def __init__(
        self, folder: Path, made: Mapping[str, Any], outlets: Sequence[str] | None = None
    ) -> None:
        import duckdb

        self.folder, self.made, self.outlets = folder, made, outlets
        self._connection = duckdb.connect()
        self._lock = threading.Lock()

    def _source(self, name: str) -> str:
        """The files of table ``name``, each row with its file and its number in it (the
        columns filename and file_row_number)."""
        files = files_sql(self.folder, name)
        return f"read_parquet({files}, filename = true, file_row_number = true)"

    def _columns(self, name: str) -> dict[str, str]:
        return self.made.get("dtypes", {}).get(name, {})

    def _sql(
        self,
        name: str,
        where: Where,
        limit: int | None,
        *,
        exclude: Sequence[str] = (),
        count: bool = False,
    ) -> tuple[str, list[Any]]:
        """``SELECT`` the columns of table ``name`` but ``exclude`` (``count``: how many
        rows) ``WHERE`` the values of ``where`` and the outlets of this store, in table order
        (the order of the files and of the rows in each: a scan keeps it, but a condition is
        a join, whose rows DuckDB gives in any order unless sorted), the first ``limit``
        rows, and the values of its parameters."""
        columns = self._columns(name)
        conditions = [
            f"regexp_matches({folded_sql(column)}, ?)"
            if isinstance(chosen, Matching)
            else f'"{column}" IN (SELECT UNNEST(?))'
            for column, chosen in where.items()
        ]
        values: list[Any] = [
            chosen.pattern if isinstance(chosen, Matching) else list(chosen)
            for chosen in where.values()
        ]
        if self.outlets is not None:
            chosen = ", ".join(_sql_text(outlet) for outlet in self.outlets) or "NULL"
            if S.ARTICLE_ID in columns and name != "articles":
                conditions.append(
                    f"{S.ARTICLE_ID} IN (SELECT {S.ARTICLE_ID} FROM {self._source('articles')} "
                    f"WHERE {S.OUTLET} IN ({chosen}))"
                )
            elif S.OUTLET in columns:
                conditions.append(f"{S.OUTLET} IN ({chosen})")
        left_out = ", ".join(f'"{column}"' for column in (*exclude, *_ROW_PLACE))
        select = "count(*) AS n" if count else f"* EXCLUDE ({left_out})"
        sql = f"SELECT {select} FROM {self._source(name)}"
        if conditions:
            sql += f" WHERE {' AND '.join(conditions)}"
            if not count:
                sql += f" ORDER BY {', '.join(_ROW_PLACE)}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, values

    def _fetch(
        self,
        name: str,
        where: Where,
        limit: int | None = None,
        *,
        exclude: Sequence[str] = (),
        count: bool = False,
    ) -> pa.Table:
        sql, values = self._sql(name, where, limit, exclude=exclude, count=count)
        try:
            with self._lock:
                return self._connection.sql(sql, params=values).to_arrow_table()
        except Exception as error:  # duckdb's errors share no base class with OSError
            raise ResultsError(
                f"The {name} table in {self.folder} cannot be read: a file of it is missing "
                "or damaged."
            ) from error

    def read(self, name: str) -> pd.DataFrame:
        """The whole table ``name`` (``articles`` without :data:`TEXT_COLUMNS`)."""
        exclude = TEXT_COLUMNS if name == "articles" else ()
        return _typed(self._fetch(name, {}, exclude=exclude).to_pandas(), self._columns(name))

    def rows(self, name: str, where: Where, limit: int | None = None) -> pd.DataFrame:
        """The rows of table ``name`` whose columns hold one of the values of ``where``, the
        first ``limit`` (None: all), in table order."""
        return _typed(self._fetch(name, where, limit).to_pandas(), self._columns(name))

    def count(self, name: str, where: Where) -> int:
        """How many rows of table ``name`` hold one of the values of ``where``."""
        return int(self._fetch(name, where, count=True).column("n")[0].as_py())

    def subset(self, outlets: Sequence[str]) -> FolderStore:
        """This folder's tables restricted to ``outlets``, read through the same
        connection."""
        kept = list(outlets) if self.outlets is None else [o for o in outlets if o in self.outlets]
        narrowed = copy.copy(self)  # the same DuckDB connection
        narrowed.outlets = kept
        return narrowed

    def summary(self, name: str) -> pd.DataFrame | tuple[pd.DataFrame, ...] | None:
        """The summary ``name`` written with the folder (None for a subset, or when none)."""
        written = self.made.get(SUMMARIES, {}).get(name)
        if self.outlets is not None or written is None:
            return None
        try:
            frames = tuple(
                _typed(pd.read_parquet(_inside(self.folder, SUMMARIES, file)), dtypes)
                for file, dtypes in zip(written["files"], written["dtypes"], strict=True)
            )
        except (OSError, ValueError) as error:
            raise ResultsError(
                f"The summaries in {self.folder} cannot be read: a file of them is missing or "
                "damaged."
            ) from error
        return frames[0] if written["one"] else frames


def read_manifest(folder: Path) -> dict[str, object]:
    """The manifest of the analysis in ``folder``; :class:`ResultsError` when there is none
    or it cannot be read (one message, :func:`not_opened`, whatever the path's trouble, a
    manifest that is a symbolic link too), is damaged, or names a file outside the folder (a
    table or summary file that is not a plain name in it)."""
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(path.lstat().st_mode):  # a link could lead to any file
            raise not_opened(folder)
        text = path.read_bytes()
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise not_opened(folder) from error
    try:
        made = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ResultsError(
            f"The {MANIFEST} of {folder} cannot be read: it is damaged (not the JSON text "
            "presslens writes)."
        ) from error
    if not isinstance(made, dict) or not isinstance(made.get("parts"), dict):
        raise _foreign(folder)
    for name in made["parts"]:
        _inside(folder, name)
    summaries = made.get(SUMMARIES, {})
    if not isinstance(summaries, dict):
        raise _foreign(folder)
    for written in summaries.values():
        if not isinstance(written, dict) or not isinstance(written.get("files"), list):
            raise _foreign(folder)
        for file in written["files"]:
            _inside(folder, SUMMARIES, file)
    return made


def read_results(folder: Path) -> Analysis:
    """The analysis in ``folder``, keyed by the folder and when it was written, its tables
    read from the folder when first used (:class:`FolderStore`: ``articles`` without its
    texts, see :meth:`Analysis.texts`); :class:`ResultsError` when a table is missing (also
    when it is damaged, once it is read)."""
    made = read_manifest(folder)
    missing = [name for name in TABLES if name not in made["parts"]]
    if missing:
        raise ResultsError(
            f"{folder} holds an analysis of another presslens version: tables missing from "
            f"the analysis: {', '.join(missing)}"
        )
    return _opened(folder, made)


def _opened(folder: Path, made: Mapping[str, Any]) -> Analysis:
    """The analysis in ``folder`` as ``made`` (its manifest) describes it, keyed by the
    folder and when it was written, with the sentiment method it records."""
    recorded = made.get(MADE_WITH)
    sentiment = recorded.get("sentiment") if isinstance(recorded, dict) else None
    return Analysis.from_store(
        FolderStore(folder, made),
        key=f"{folder.resolve()}:{made.get('created')}",
        sentiment=sentiment if isinstance(sentiment, str) else "",
    )


def previous_analysis(folder: Path, settings: str) -> Analysis | None:
    """The analysis in ``folder`` when it was made with the ``settings`` fingerprint and this
    code (its rows can be reused), else None (also when there is none, or a table's files
    cannot be read or do not hold the rows its manifest counts). No table is read whole."""
    try:
        made = read_manifest(folder)
        if made.get("settings") != settings or made.get("fingerprint") != (
            code_fingerprint().digest
        ):
            return None
        found = read_results(folder)
        rows = made.get("rows", {})
        for name in TABLES:  # every table counted now: a damaged one is no previous analysis
            if found.count(name) != rows.get(name):
                return None
        return found
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
            pattern = files_sql(folder, name)
            connection.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet({pattern})')
        return connection.execute(sql).df()
