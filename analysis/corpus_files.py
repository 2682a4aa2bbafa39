"""Corpus files: one article per row of a CSV/TSV or Parquet file, or per object of a JSON
or JSON Lines file, read within a reading budget.

The usual column names are recognised (see :data:`~analysis.records.COLUMN_ALIASES`); a row
whose text cell is empty, a line that is not a JSON object, is one rejection, named by its
number. Rows and characters are charged to a :class:`~analysis.budget.Budget` as they are
read, so a file over what the budget has left stops being read there (:func:`read_table`
reads a file's bytes whole; :func:`file_chunks` a :class:`Source` a chunk of rows at a time,
memory following the chunk, not the file).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import pandas as pd
import pyarrow as pa

from analysis.budget import MAX_COLUMNS, Budget, OverBudget, Tally
from analysis.documents import read_html
from analysis.records import (
    COLUMN_ALIASES,
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    Document,
    IngestError,
    IngestResult,
    Rejection,
    clean_value,
    decode_bytes,
    domain_of,
    find_column,
    never_raises,
    normalise_text,
    record_metadata,
)

# A CSV cell may hold a whole article (or more, before the article limit refuses it): Python's
# csv module would refuse cells over 131,072 characters and so the whole file.
csv.field_size_limit(MAX_FILE_BYTES)


def _used_columns(columns: Iterable[str]) -> list[str]:
    """The columns of a corpus file that become a document's text or metadata."""
    columns = list(columns)
    found = (find_column(columns, field_name) for field_name in COLUMN_ALIASES)
    return list(dict.fromkeys(column for column in found if column is not None))


def _no_text_column(name: str, columns: Iterable[str]) -> Rejection:
    """The rejection of the corpus file ``name`` whose ``columns`` hold no text column."""
    return Rejection(
        name,
        "No text column was found, so no article could be read.",
        "Columns present: "
        + ", ".join(list(columns)[:20])
        + ". Expected one of: "
        + ", ".join(COLUMN_ALIASES["text"])
        + ".",
    )


def _too_many_columns(count: int) -> IngestError:
    return IngestError(
        f"The file has {count:,} columns; a corpus file may have at most {MAX_COLUMNS:,}."
    )


def _decoded_size(array: pa.Array | pa.ChunkedArray) -> int:
    """Bytes the values of ``array`` take once decoded (a dictionary-encoded value counted at
    each row that holds it), computed without decoding them."""
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        return sum(_decoded_size(chunk) for chunk in array.chunks)
    if isinstance(array, pa.DictionaryArray):
        if len(array.dictionary) == 0:
            return 0
        sizes = pc.take(_decoded_size_each(array.dictionary), array.indices)
        return int(pc.sum(sizes).as_py() or 0)
    return int(pc.sum(_decoded_size_each(array)).as_py() or 0)


def _decoded_size_each(array: pa.Array) -> pa.Array:
    """Each value's decoded size in bytes: its length for text and bytes, its buffers'
    share for other types."""
    import pyarrow.compute as pc

    kind = array.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind):
        return pc.binary_length(array)
    if pa.types.is_large_binary(kind):
        return pc.binary_length(array)
    each = array.nbytes // max(1, len(array))
    return pa.array([each] * len(array), pa.int64())


#: Rows of a Parquet file decoded at a time (their sizes are checked before they are).
PARQUET_BATCH = 1_000


def _parquet_records(
    name: str, source: IO[bytes] | pa.NativeFile, tally: Tally, chunk_rows: int
) -> Iterator[list[dict[str, Any]]]:
    """The records of a Parquet file, ``chunk_rows`` at a time (missing cells as None): only
    the columns that become a document's text or metadata, its row count and decompressed
    size checked against ``tally`` from the file's metadata before any row is decoded, each
    batch's decoded size before it becomes Python strings (text columns are read as
    dictionaries, so a value repeated by ten million rows is decoded once)."""
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(source)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise IngestError("The Parquet file is damaged and could not be read.", str(exc)) from exc
    schema, metadata = reader.schema_arrow, reader.metadata
    if len(schema.names) > MAX_COLUMNS:
        raise _too_many_columns(len(schema.names))
    if find_column(schema.names, "text") is None:
        rejection = _no_text_column(name, schema.names)
        raise IngestError(rejection.reason, rejection.detail)
    used = _used_columns(schema.names)
    decompressed = sum(
        group.column(leaf).total_uncompressed_size
        for group in (metadata.row_group(i) for i in range(metadata.num_row_groups))
        for leaf in range(group.num_columns)
        if group.column(leaf).path_in_schema.split(".")[0] in used
    )
    tally.check(metadata.num_rows, decompressed, what="bytes of text once decompressed")
    textual = [
        column
        for column in used
        if pa.types.is_string(schema.field(column).type)
        or pa.types.is_large_string(schema.field(column).type)
    ]
    if textual:
        reader = pq.ParquetFile(source, read_dictionary=textual)
    records: list[dict[str, Any]] = []
    for batch in reader.iter_batches(batch_size=min(PARQUET_BATCH, chunk_rows), columns=used):
        size = sum(_decoded_size(column) for column in batch.columns)
        tally.add(batch.num_rows, size)
        records.extend(_records_of(batch.to_pandas()))
        if len(records) >= chunk_rows:
            yield records
            records = []
    if records:
        yield records


def _records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame read from Parquet as records, missing cells as None."""
    frame.columns = [str(column) for column in frame.columns]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _delimiter(sample: str) -> str:
    """The delimiter of a CSV file that starts with ``sample`` (comma when unsure)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _read_csv(source: Any, delimiter: str, **options: Any) -> Any:
    """pandas' C reader of a CSV/TSV ``source`` (text or a binary file) with every cell as
    text (empty cells as ""), a malformed row an error; ``options`` are more of
    :func:`pandas.read_csv`'s (``chunksize``, ``encoding``)."""
    return pd.read_csv(
        source,
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        on_bad_lines="error",
        engine="c",
        **options,
    )


def _check_header(head: str, delimiter: str) -> None:
    """Refuse a CSV file whose first line (in ``head``) has more than :data:`MAX_COLUMNS`
    columns (counted by delimiters, quoted ones too)."""
    end = head.find("\n")
    count = head.count(delimiter, 0, end if end >= 0 else len(head)) + 1
    if count > MAX_COLUMNS:
        raise _too_many_columns(count)


def _csv_records(
    source: Any, delimiter: str, tally: Tally, chunk_rows: int, **options: Any
) -> Iterator[list[dict[str, Any]]]:
    """The rows of a CSV/TSV ``source``, ``chunk_rows`` at a time, each chunk's rows counted
    in ``tally`` (a full chunk may have more after it; the characters are the caller's to
    count)."""
    for frame in _read_csv(source, delimiter, chunksize=chunk_rows, **options):
        tally.add(len(frame), 0, more=len(frame) == chunk_rows)
        yield frame.to_dict("records")


#: Values a JSON file (not JSON Lines) may hold, and so one line of a JSON Lines file: each
#: becomes a Python object when parsed, so the count bounds the memory parsing takes.
MAX_JSON_VALUES = 5_000_000
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _json_values(text: str) -> int:
    """An upper bound of the values (keys included) that parsing the JSON ``text`` makes:
    every value but the outermost follows a ``[``, ``{``, ``,`` or ``:`` outside strings."""
    bare = _JSON_STRING.sub("", text)
    return sum(bare.count(mark) for mark in ",:[{") + 1


def _bounded_json(text: str, where: str) -> Any:
    """``text`` parsed as JSON, refused unparsed when it would make more than
    :data:`MAX_JSON_VALUES` values (``where`` names it in the reason)."""
    if len(text) > MAX_JSON_VALUES and _json_values(text) > MAX_JSON_VALUES:
        raise IngestError(
            f"{where} holds more than {MAX_JSON_VALUES:,} JSON values; save a large corpus as "
            "JSON Lines or CSV (one article a line)."
        )
    return json.loads(text)


def table_records(
    name: str, data: bytes, tally: Tally
) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """Rows of a CSV/TSV, Parquet or objects of a JSON/JSONL file, with rejections for broken
    parts; the rows and characters read are counted in ``tally`` as they are read, which
    raises :class:`~analysis.budget.OverBudget` once they are more than it has left."""
    suffix = Path(name).suffix.lower()
    if suffix == ".parquet":
        records = _parquet_records(name, pa.BufferReader(data), tally, CHUNK_ROWS)
        return [record for chunk in records for record in chunk], []
    text, _ = decode_bytes(data)
    text = text.lstrip("\ufeff")
    tally.add(0, len(text))
    if suffix in (".csv", ".tsv"):
        delimiter = "\t" if suffix == ".tsv" else _delimiter(text[:5000])
        _check_header(text, delimiter)
        chunks = _csv_records(io.StringIO(text), delimiter, tally, CHUNK_ROWS)
        try:
            return [record for chunk in chunks for record in chunk], []
        except (pd.errors.ParserError, csv.Error, ValueError) as exc:
            reason = "The CSV file is malformed and could not be read."
            raise IngestError(reason, str(exc)) from exc
    if suffix == ".json":
        try:
            payload = _bounded_json(text, "The file")
        except json.JSONDecodeError as exc:
            if "\n{" not in text:
                raise IngestError(
                    f"The JSON file is malformed (line {exc.lineno}, column {exc.colno}).", exc.msg
                ) from exc
            suffix = ".jsonl"  # a JSON Lines file saved as .json
        else:
            if isinstance(payload, dict):
                lists = [v for v in payload.values() if isinstance(v, list)]
                payload = lists[0] if len(lists) == 1 else [payload]
            if not isinstance(payload, list):
                raise IngestError("The JSON file holds no list of articles.")
            records = [r for r in payload if isinstance(r, dict)]
            tally.add(len(records), 0)
            skipped = len(payload) - len(records)
            rejected = (
                [Rejection(name, f"{skipped} JSON entries are not objects and were skipped.")]
                if skipped
                else []
            )
            return records, rejected
    return _json_lines(name, enumerate(text.split("\n"), start=1), tally)


def _json_lines(
    name: str, lines: Iterable[tuple[int, str]], tally: Tally
) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """The objects of the numbered JSON ``lines`` of the file ``name`` (each with its number
    in ``__line__``, only its keys that become a document's text or metadata), and a
    rejection for each line that is not a JSON object; each object is counted in ``tally``
    (its characters are the caller's to count)."""
    records, rejected = [], []
    keys: dict[str, None] = {}
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = _bounded_json(line, f"Line {number}")
        except json.JSONDecodeError as exc:
            rejected.append(
                Rejection(f"{name} line {number}", f"Line {number} is not valid JSON.", exc.msg)
            )
            continue
        except IngestError as exc:
            rejected.append(Rejection(f"{name} line {number}", exc.reason))
            continue
        if not isinstance(record, dict):
            rejected.append(
                Rejection(f"{name} line {number}", f"Line {number} is not a JSON object.")
            )
            continue
        tally.add(1, 0, more=True)
        keys.update(dict.fromkeys(map(str, record)))
        if len(keys) > MAX_COLUMNS:
            raise _too_many_columns(len(keys))
        used = _used_columns(map(str, record))
        kept = {key: record[key] for key in used} if used else {k: None for k in record}
        kept["__line__"] = number
        records.append(kept)
    return records, rejected


@never_raises
def read_table(name: str, data: bytes, *, budget: Budget | None = None) -> IngestResult:
    """A CSV/TSV/JSON/JSONL/Parquet corpus: one document per row, rejected rows listed by
    number. Its rows and characters are charged to ``budget`` (default: a dashboard
    session's) as they are read: a file over what the budget has left is one rejection that
    says so, and nothing of it is kept."""
    tally = (budget or Budget()).tally()
    try:
        records, rejected = table_records(name, data, tally)
    except IngestError as exc:
        return IngestResult(rejected=[Rejection(name, exc.reason, exc.detail)])
    except OverBudget as exc:
        return IngestResult(rejected=[Rejection(name, f"{exc.reason} Not loaded.")])
    tally.close()
    if not records:
        return IngestResult(rejected=rejected or [Rejection(name, "The file holds no articles.")])
    lines = Path(name).suffix.lower() in (".jsonl", ".ndjson") or "__line__" in records[0]
    return _documents(name, records, rejected, lines=lines)


def _documents(
    name: str,
    records: list[dict[str, Any]],
    rejected: list[Rejection],
    *,
    lines: bool,
    before: int = 0,
) -> IngestResult:
    """The documents of the rows (``lines``: lines, numbered in ``__line__``) ``records`` of
    the corpus file ``name``, the ``before`` rows before them read already; an empty text cell
    is a rejection, added to ``rejected``."""
    columns = list(dict.fromkeys(key for record in records for key in record if key != "__line__"))
    text_column = find_column(columns, "text")
    if text_column is None:
        return IngestResult(rejected=[*rejected, _no_text_column(name, columns)])
    result = IngestResult(rejected=rejected)
    for index, record in enumerate(records, start=before + 1):
        where = f"line {record['__line__']}" if lines else f"row {index}"
        source = f"{name} {where}"
        body = clean_value(record.get(text_column))
        if body is None:
            result.rejected.append(
                Rejection(source, f"The {text_column!r} cell of {where} is empty.")
            )
            continue
        meta = record_metadata(record, columns)
        if meta["domain"] is None:
            meta["domain"] = domain_of(meta["url"])
        if re.search(r"<(p|div|article|body|br)\b", body[:2000], re.IGNORECASE):
            result += read_html(source, body, **meta)
        else:
            result.documents.append(
                Document(source=source, text=normalise_text(body), title_in_text=False, **meta)
            )
    return result


# --------------------------------------------------------------------------- in chunks


#: Rows (CSV/TSV, Parquet) or lines (JSON Lines) per chunk of a corpus file read in chunks.
CHUNK_ROWS = 5_000
#: Bytes of a corpus file read to tell its encoding and its CSV delimiter.
HEAD_BYTES = 64 * 1024


class Source(NamedTuple):
    """A file to read: its name, size in bytes and how to open it (binary)."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]


#: Parts of a corpus file: what was read, and how many of its bytes were read so far.
Chunks = Iterator[tuple[IngestResult, int]]


def file_chunks(source: Source, chunk_rows: int, budget: Budget) -> Chunks:
    """The documents and rejections of the corpus file ``source``, ``chunk_rows`` rows at a
    time, each with the bytes read so far; its rows and characters are charged to
    ``budget``. A chunk that cannot be read, or is over what the budget has left, ends the
    file with one rejection that says from which row on nothing was read."""
    name, suffix = source.name, Path(source.name).suffix.lower()
    tally = budget.tally()
    kind = "Parquet" if suffix == ".parquet" else "CSV"
    try:
        with source.open() as handle:
            if suffix == ".parquet":
                chunks = _parquet_chunks(name, handle, source.size, chunk_rows, tally)
            elif suffix in (".jsonl", ".ndjson"):
                kind, chunks = "JSON Lines", _json_chunks(name, handle, chunk_rows, tally)
            else:
                chunks = _csv_chunks(name, handle, suffix, chunk_rows, tally)
            yield from chunks
    except OverBudget as exc:
        rest = f"Rows after row {tally.rows:,} were not read." if tally.rows else "Not loaded."
        reason = f"{exc.reason} {rest}"
        yield IngestResult(rejected=[Rejection(name, reason)]), source.size
    except IngestError as exc:
        yield IngestResult(rejected=[Rejection(name, exc.reason, exc.detail)]), source.size
    except (OSError, ValueError, UnicodeDecodeError, pa.ArrowException, csv.Error) as exc:
        reason = (
            f"The {kind} file could not be read after row {tally.rows:,}: the rest of it was "
            "not read."
            if tally.rows
            else f"The {kind} file is malformed and could not be read."
        )
        yield IngestResult(rejected=[Rejection(name, reason, str(exc)[:300])]), source.size
    else:
        if not tally.rows:
            yield (
                IngestResult(rejected=[Rejection(name, "The file holds no articles.")]),
                source.size,
            )
    tally.close()


def _csv_chunks(name: str, handle: IO[bytes], suffix: str, chunk_rows: int, tally: Tally) -> Chunks:
    """A CSV/TSV file's chunks: documents, bytes read (counted as characters in ``tally``)."""
    head = handle.read(HEAD_BYTES).decode("utf-8", "replace").lstrip("\ufeff")
    delimiter = "\t" if suffix == ".tsv" else _delimiter(head[:5000])
    _check_header(head, delimiter)
    handle.seek(0)
    before, read = 0, 0
    for records in _csv_records(handle, delimiter, tally, chunk_rows, encoding="utf-8-sig"):
        position = handle.tell()
        tally.add(0, position - read)
        read = position
        yield _documents(name, records, [], lines=False, before=before), position
        before += len(records)


#: Bytes of one line of a JSON Lines file read in chunks (an article of
#: :data:`MAX_ARTICLE_CHARS` characters, four bytes each at most, and its metadata).
MAX_LINE_BYTES = 4 * MAX_ARTICLE_CHARS + 64 * 1024


def _bounded_lines(handle: IO[bytes], limit: int | None = None) -> Iterator[bytes | None]:
    """The lines of ``handle``, each read whole only up to ``limit`` bytes (default
    :data:`MAX_LINE_BYTES`): a longer line is skipped a block at a time and yields None."""
    limit = limit or MAX_LINE_BYTES
    while raw := handle.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield None


def _json_chunks(name: str, handle: IO[bytes], chunk_rows: int, tally: Tally) -> Chunks:
    """A JSON Lines file's chunks: documents, bytes read (a line that is not UTF-8 is
    rejected with its number; each line's characters are counted in ``tally``)."""
    lines: list[tuple[int, str]] = []
    undecoded: list[Rejection] = []

    def documents() -> tuple[IngestResult, int]:
        records, rejected = _json_lines(name, lines, tally)
        rejected = undecoded + rejected
        found = _documents(name, records, rejected, lines=True) if records else None
        return found or IngestResult(rejected=rejected), handle.tell()

    for number, raw in enumerate(_bounded_lines(handle), start=1):
        tally.add(0, len(raw or b""))
        where = f"{name} line {number}"
        if raw is None:
            reason = f"Line {number} is longer than {MAX_LINE_BYTES:,} bytes and was not read."
            undecoded.append(Rejection(where, reason))
            continue
        try:
            lines.append((number, raw.decode("utf-8").lstrip("\ufeff")))
        except UnicodeDecodeError:
            undecoded.append(Rejection(where, f"Line {number} is not UTF-8 text."))
        if len(lines) + len(undecoded) == chunk_rows:
            yield documents()
            lines, undecoded = [], []
    if lines or undecoded:
        yield documents()


def _parquet_chunks(
    name: str, handle: IO[bytes], size: int, chunk_rows: int, tally: Tally
) -> Chunks:
    """A Parquet file's chunks: documents, bytes read (in proportion to rows)."""
    import pyarrow.parquet as pq

    total = max(1, pq.ParquetFile(handle).metadata.num_rows)
    before = 0
    for records in _parquet_records(name, handle, tally, chunk_rows):
        found = _documents(name, records, [], lines=False, before=before)
        before += len(records)
        yield found, size * before // total
