"""Read articles from files, folders, pasted text, URLs and CSV/JSON(L) exports.

Every input ends up as either a :class:`~analysis.records.Document` (decoded text plus
whatever metadata the input carried) or a :class:`~analysis.records.Rejection` (a reason a
person understands). Nothing is dropped silently and nothing raises for bad input: reading
functions return an :class:`~analysis.records.IngestResult`. This module dispatches each input
to its reader and charges it to a reading budget; it is where the rest of presslens reads
from (its ``__all__`` names the readers of the modules below it too).

Supported inputs:

* ``.txt`` / ``.md`` / ``.text``: plain text; a ``manifest.csv`` beside the files (columns
  ``file`` plus any of outlet, domain, url, published, title) supplies metadata.
* ``.html`` / ``.htm``: article text and metadata extracted with trafilatura
  (:mod:`analysis.documents`).
* ``.csv`` / ``.tsv`` / ``.json`` / ``.jsonl`` / ``.ndjson`` / ``.parquet``: one article per
  row or object (:mod:`analysis.corpus_files`; the usual column names are recognised, see
  :data:`analysis.records.COLUMN_ALIASES`); large or remote ones read a chunk at a time
  (:func:`read_chunks`).
* ``.pdf``: the text layer, read with pypdf; a scanned PDF without text is rejected.
* URLs (http/https only): fetched under :mod:`analysis.fetch`'s policy (no private address,
  one deadline, a size cap), then read as HTML, text or PDF.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from analysis.budget import Budget, OverBudget
from analysis.corpus_files import (
    CHUNK_ROWS,
    HEAD_BYTES,
    Source,
    file_chunks,
    read_table,
    table_records,
)
from analysis.documents import read_html, read_pdf, read_text
from analysis.fetch import MAX_URLS, fetch_url
from analysis.records import MAX_ARTICLE_CHARS as MAX_ARTICLE_CHARS
from analysis.records import MAX_FILE_BYTES as MAX_FILE_BYTES
from analysis.records import Document as Document
from analysis.records import (
    IngestError,
    decode_bytes,
    never_raises,
    normalise_text,
    record_metadata,
)
from analysis.records import IngestResult as IngestResult
from analysis.records import Rejection as Rejection
from analysis.records import domain_of as domain_of
from analysis.records import title_from_url as title_from_url
from analysis.records import too_long as too_long

__all__ = [
    "CHUNK_ROWS",
    "HTML_SUFFIXES",
    "MANIFEST_NAME",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "MAX_URLS",
    "PDF_SUFFIXES",
    "STREAMED_SUFFIXES",
    "STREAM_BYTES",
    "SUPPORTED_SUFFIXES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "Chunk",
    "Document",
    "IngestResult",
    "Rejection",
    "admitted",
    "domain_of",
    "fetch_url",
    "input_of",
    "is_file_url",
    "read_bytes",
    "read_chunks",
    "read_html",
    "read_paths",
    "read_pdf",
    "read_table",
    "read_text",
    "read_uploads",
    "title_from_url",
    "too_long",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | PDF_SUFFIXES
MANIFEST_NAME = "manifest.csv"


_ROW_OF = re.compile(r"^(.*) (?:row|line) \d+$")


def input_of(source: str) -> str:
    """The input (file) a document's or rejection's ``source`` names: ``data.csv row 12`` is
    of ``data.csv``; a source without a row or line is an input of its own."""
    found = _ROW_OF.match(source)
    return found.group(1) if found else source


def _too_large(name: str, size: int) -> Rejection:
    return Rejection(
        name,
        f"The file is too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB).",
    )


@never_raises
def read_bytes(
    name: str, data: bytes, *, budget: Budget | None = None, **metadata: str | None
) -> IngestResult:
    """Read one named input of any supported kind (dispatch on the file name's suffix),
    charged to ``budget`` (default: a dashboard session's; see :func:`admitted`)."""
    suffix = Path(name).suffix.lower()
    budget = budget or Budget()
    if not data or not data.strip():
        return IngestResult(rejected=[Rejection(name, "The file is empty.")])
    if len(data) > MAX_FILE_BYTES:
        return IngestResult(rejected=[_too_large(name, len(data))])
    if suffix in TABLE_SUFFIXES:
        return read_table(name, data, budget=budget)
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        return admitted(read_pdf(name, data, **metadata), budget)
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        return IngestResult(
            rejected=[
                Rejection(
                    name,
                    f"Files of type {suffix} are not supported.",
                    "Supported: " + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ".",
                )
            ]
        )
    try:
        text, encoding = decode_bytes(data)
    except IngestError as exc:
        return IngestResult(rejected=[Rejection(name, exc.reason, exc.detail)])
    if len(text) > MAX_ARTICLE_CHARS:
        return IngestResult(rejected=[too_long(name, len(text))])
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I):
        return admitted(read_html(name, text, encoding=encoding, **metadata), budget)
    text = normalise_text(text)
    if not text.strip():
        return IngestResult(rejected=[Rejection(name, "The file holds only invisible characters.")])
    document = Document(source=name, text=text, encoding=encoding, **metadata)
    return admitted(IngestResult(documents=[document]), budget)


def _manifest_from_bytes(data: bytes) -> dict[str, dict[str, str | None]]:
    """The metadata of each file a ``manifest.csv`` names (empty when it names none, is
    malformed, or is larger than a session's budget)."""
    try:
        records, _ = table_records(MANIFEST_NAME, data, Budget().tally())
    except (IngestError, OverBudget):
        return {}
    columns = list(dict.fromkeys(key for record in records[:1] for key in record))
    if "file" not in columns:
        return {}
    columns.remove("file")
    return {row["file"]: record_metadata(row, columns) for row in records}


def admitted(result: IngestResult, budget: Budget) -> IngestResult:
    """``result`` with each document charged to ``budget`` (one article, its characters):
    from the first that does not fit on, its documents are one rejection that says why."""
    kept: list[Document] = []
    for position, document in enumerate(result.documents):
        try:
            budget.charge(1, len(document.text))
        except OverBudget as exc:
            rest = len(result.documents) - position - 1
            after = f" and the {rest:,} after it" if rest else ""
            reason = f"{exc.reason} This input{after} was not loaded."
            return IngestResult(kept, [*result.rejected, Rejection(document.source, reason)])
        kept.append(document)
    return result


def read_uploads(
    files: Iterable[tuple[str, bytes]], *, budget: Budget | None = None
) -> IngestResult:
    """Read uploaded ``(file name, bytes)`` pairs, charged to ``budget`` (default: a
    dashboard session's); an uploaded ``manifest.csv`` with a ``file`` column is metadata for
    the other files, not a corpus."""
    files = list(files)
    budget = budget or Budget()
    manifest: dict[str, dict[str, str | None]] = {}
    for name, data in files:
        if Path(name).name == MANIFEST_NAME:
            manifest.update(_manifest_from_bytes(data))
    result = IngestResult()
    for name, data in files:
        if Path(name).name == MANIFEST_NAME and manifest:
            continue
        found = read_bytes(name, data, budget=budget, **manifest.get(Path(name).name, {}))
        result += IngestResult(
            [replace(d, domain=d.domain or domain_of(d.url)) for d in found.documents],
            found.rejected,
        )
    return result


def read_paths(
    paths: str | Path | Iterable[str | Path], *, budget: Budget | None = None
) -> IngestResult:
    """Read files and folders (recursively, in name order) into documents and rejections:
    every :class:`Chunk` of :func:`read_chunks` (charged to ``budget``) added up.

    A ``manifest.csv`` with a ``file`` column in a folder is metadata for that folder's files,
    not a corpus. Hidden files are skipped; a path that does not exist is rejected. One path
    may be given alone.
    """
    result = IngestResult()
    for chunk in read_chunks(paths, budget=budget):
        result += chunk.result
    return result


# --------------------------------------------------------------------------- in chunks


#: Corpus files (CSV/TSV, JSON Lines, Parquet) larger than this many bytes, and those named by
#: a URL, are read a chunk of :data:`CHUNK_ROWS` rows at a time (a UTF-8 one; the others whole),
#: with no size limit: memory follows the chunk, not the file.
STREAM_BYTES = 16 * 2**20
STREAMED_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"})


class Chunk(NamedTuple):
    """A part of the input: what was read, and how many of the input's bytes were read so far
    (``done``) of how many (``total``; the bytes of every file, whole or streamed)."""

    result: IngestResult
    done: int
    total: int


def _url_source(url: str) -> Source:
    """A file named by an fsspec URL (``s3://``, ``gs://``, ``file://``, ``memory://``...)."""
    from fsspec.core import url_to_fs

    filesystem, path = url_to_fs(url)
    return Source(url, int(filesystem.size(path) or 0), lambda: filesystem.open(path, "rb"))


def _file_source(file: Path) -> Source:
    return Source(str(file), file.stat().st_size, lambda: file.open("rb"))


def is_file_url(path: str) -> bool:
    """Whether ``path`` is a URL of a file to read through fsspec (any scheme but http(s),
    which :func:`fetch_url` reads as web pages)."""
    scheme = urllib.parse.urlsplit(path).scheme.lower()
    return len(scheme) > 1 and scheme not in ("http", "https")


def read_chunks(
    paths: str | Path | Iterable[str | Path],
    *,
    chunk_rows: int = CHUNK_ROWS,
    allow_private_urls: bool = False,
    budget: Budget | None = None,
) -> Iterator[Chunk]:
    """Read files, folders, fsspec URLs of corpus files and http(s) URLs of web pages
    (:func:`fetch_url`, with ``allow_private_urls``) in order, a part at a time: each large
    (more than :data:`STREAM_BYTES`) or remote CSV/TSV, JSON Lines or Parquet corpus file in
    chunks of ``chunk_rows`` rows, the other files a folder at a time (as :func:`read_paths`
    does). Memory stays bounded by the chunk, whatever the file's size. Every input is charged
    to ``budget`` (default: a dashboard session's) as it is read: what does not fit is
    rejected with the reason. One path may be given alone."""
    budget = budget or Budget()
    if isinstance(paths, str | Path):
        paths = [paths]
    listed = [_listing(str(raw) if isinstance(raw, str) else raw) for raw in paths]
    total = sum(source.size for _, sources, _ in listed for source in sources) or 1
    done = 0
    for raw, sources, rejection in listed:
        if rejection is not None:
            yield Chunk(IngestResult(rejected=[rejection]), done, total)
        elif sources is None:
            page = fetch_url(str(raw), allow_private=allow_private_urls)
            yield Chunk(admitted(page, budget), done, total)
        whole: list[Source] = []
        for source in sources or ():
            if _streamed(source, remote=is_file_url(str(raw))):
                for result, position in file_chunks(source, chunk_rows, budget):
                    yield Chunk(result, done + position, total)
                done += source.size
            else:
                whole.append(source)
        if whole:
            done += sum(source.size for source in whole)
            yield Chunk(_read_whole(str(raw), whole, budget), done, total)


def _listing(raw: str | Path) -> tuple[str | Path, list[Source] | None, Rejection | None]:
    """What an input names: its files (None for a web page's URL), or why it cannot be read."""
    if isinstance(raw, str) and raw.lower().startswith(("http://", "https://")):
        return raw, None, None
    if isinstance(raw, str) and is_file_url(raw):
        try:
            return raw, [_url_source(raw)], None
        except (OSError, ValueError, ImportError) as exc:
            detail = f"{type(exc).__name__}: {exc}"
            return raw, [], Rejection(raw, "The URL could not be opened.", detail)
    path = Path(raw)
    if not path.exists():
        return raw, [], Rejection(str(raw), "No such file or folder.")
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    visible = [
        f for f in files if not any(p.startswith(".") for p in f.relative_to(path.parent).parts)
    ]
    return raw, [_file_source(file) for file in visible], None


def _streamed(source: Source, *, remote: bool) -> bool:
    """Whether ``source`` is read in chunks: a corpus file of a kind that streams, large or
    remote, and (unless Parquet) UTF-8 at its start."""
    suffix = Path(source.name).suffix.lower()
    if suffix not in STREAMED_SUFFIXES or not (remote or source.size > STREAM_BYTES):
        return False
    if suffix == ".parquet":
        return True
    try:
        with source.open() as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    cut = head.rfind(b"\n") if len(head) == HEAD_BYTES else len(head)
    try:
        head[: max(cut, 0)].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_whole(raw: str, sources: list[Source], budget: Budget) -> IngestResult:
    """The files ``sources`` of the input ``raw`` read whole, a folder at a time (a folder's
    ``manifest.csv`` applies to its files), charged to ``budget``."""
    result = IngestResult()
    folders: dict[str, list[tuple[str, bytes]]] = {}
    for source in sources:
        data, rejection = _read_source(source)
        if rejection is not None:
            result.rejected.append(rejection)
            continue
        folders.setdefault(str(Path(source.name).parent), []).append((source.name, data or b""))
    path = Path(raw)
    beside = path.parent / MANIFEST_NAME
    if (
        not is_file_url(raw)
        and path.is_file()
        and path != beside
        and beside.is_file()
        and str(path.parent) in folders
    ):
        manifest = beside.read_bytes()
        if _manifest_from_bytes(manifest):
            folders[str(path.parent)].append((str(beside), manifest))
    for group in folders.values():
        result += read_uploads(group, budget=budget)
    return result


def _read_source(source: Source) -> tuple[bytes | None, Rejection | None]:
    """The bytes of one file, or the reason it cannot be read (missing rights, too large)."""
    if source.size > MAX_FILE_BYTES:
        return None, _too_large(source.name, source.size)
    try:
        with source.open() as handle:
            return handle.read(), None
    except OSError as exc:
        return None, Rejection(source.name, "The file could not be read.", str(exc))
