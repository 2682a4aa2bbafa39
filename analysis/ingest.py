"""Read articles from files, folders, pasted text, URLs and CSV/JSON(L) exports.

Every input ends up as either a :class:`Document` (decoded text plus whatever metadata the
input carried) or a :class:`Rejection` (a reason a person understands). Nothing is dropped
silently and nothing raises for bad input: reading functions return an :class:`IngestResult`.

Supported inputs:

* ``.txt`` / ``.md`` / ``.text``: plain text; a ``manifest.csv`` beside the files (columns
  ``file`` plus any of outlet, domain, url, published, title) supplies metadata.
* ``.html`` / ``.htm``: article text and metadata extracted with trafilatura (scripts, menus
  and comments are dropped by the extractor).
* ``.csv`` / ``.tsv`` / ``.json`` / ``.jsonl`` / ``.ndjson`` / ``.parquet``: one article per
  row or object; the usual column names are recognised (see :data:`COLUMN_ALIASES`).
* ``.pdf``: the text layer, read with pypdf; a scanned PDF without text is rejected.
* URLs (http/https only): fetched with a timeout and a size cap, then read as HTML.
"""

from __future__ import annotations

import csv
import functools
import http.client
import io
import ipaddress
import json
import logging
import re
import socket
import ssl
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Concatenate, NamedTuple, ParamSpec

import pandas as pd
import pyarrow as pa

from analysis.budget import MAX_COLUMNS, Budget, OverBudget, Tally

LOG = logging.getLogger(__name__)
#: Largest single input read (bytes). A CSV/JSONL corpus may be this big.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Largest text accepted as one article (characters): about 150 times a long news story.
MAX_ARTICLE_CHARS = 1_000_000
#: Largest HTTP response read when fetching a URL (bytes).
MAX_URL_BYTES = 5 * 1024 * 1024
#: Seconds a whole URL fetch may take (redirects and a slow server included).
URL_TIMEOUT = 15.0
#: Most article URLs one dashboard session fetches (the URL form, links and workspace files
#: alike): each fetch may take :data:`URL_TIMEOUT` seconds and :data:`MAX_URL_BYTES`.
MAX_URLS = 25
#: Redirects followed when fetching a URL.
MAX_REDIRECTS = 5
#: Characters left as they are when a URL's path and query are percent-encoded.
_URL_SAFE = "/%:@&=+$,;~!*'()?#[]"

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | PDF_SUFFIXES
MANIFEST_NAME = "manifest.csv"

#: Column names accepted in CSV/JSON corpora and manifests, by field (first match wins).
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "maintext",
        "article_text",
        "story",
        "body_text",
    ),
    "title": ("title", "headline", "heading", "head"),
    "outlet": (
        "outlet",
        "source",
        "publisher",
        "source_name",
        "site",
        "sitename",
        "site_name",
        "media",
        "newspaper",
        "publication",
        "medium",
    ),
    "published": (
        "published",
        "date",
        "publish_date",
        "published_date",
        "pubdate",
        "date_publish",
        "publication_date",
        "datetime",
        "timestamp",
        "time",
    ),
    "url": ("url", "link", "href", "article_url", "uri"),
    "domain": ("domain", "hostname", "host"),
}

_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters, soft hyphen
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"  # direction marks and embeddings
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # control characters except tab and newline
)
_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000\t]")


@dataclass(frozen=True)
class Document:
    """One input that decoded to text, with the metadata it carried (None when unknown)."""

    source: str
    text: str
    encoding: str = "utf-8"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    domain: str | None = None
    published: str | None = None
    title_in_text: bool = True


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, with a reason a person understands."""

    source: str
    reason: str
    detail: str = ""


@dataclass
class IngestResult:
    """Documents read and inputs rejected; results add up with ``+``."""

    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def __add__(self, other: IngestResult) -> IngestResult:
        return IngestResult(self.documents + other.documents, self.rejected + other.rejected)

    def __iadd__(self, other: IngestResult) -> IngestResult:
        # in place, so that adding up many results takes linear time
        self.documents.extend(other.documents)
        self.rejected.extend(other.rejected)
        return self


class Decoded(NamedTuple):
    """Text decoded from bytes and the encoding that decoded it."""

    text: str
    encoding: str


class IngestError(ValueError):
    """Raised inside this module for an input that cannot be read; carries the user's reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


# --------------------------------------------------------------------------- decoding


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with Unix newlines, without zero-width or control characters.

    Non-breaking and other special spaces become plain spaces; trailing spaces are stripped
    from every line. Letters, punctuation and line structure are otherwise untouched.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _looks_like_utf16(data: bytes) -> str | None:
    """Guess a BOM-less UTF-16 byte order from where the zero bytes sit in ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zeros = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    """True when decoded text is mostly not readable characters (an image, an archive...)."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\n\t\r"
    )
    return bad / len(sample) > 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes of a text file, detecting the encoding; raises :class:`IngestError`.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then BOM-less UTF-16,
    then charset-normalizer's best guess among legacy encodings (cp1252, Latin-1, cp1251...).
    Files that are mostly control bytes are rejected as binary.
    """
    from charset_normalizer import from_bytes

    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"It starts with a {encoding} byte-order mark but is not valid {encoding}.",
                    str(exc),
                ) from exc
            return Decoded(text, encoding)
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8000]:
        raise IngestError("This is a binary file, not text (it contains NUL bytes).")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise IngestError(
                "The text encoding could not be recognised; save the file as UTF-8.", str(exc)
            ) from exc
        text, encoding = str(best), best.encoding
    if _is_binary(text):
        raise IngestError("This is a binary file, not text (most characters are control bytes).")
    return Decoded(text, encoding)


# --------------------------------------------------------------------------- metadata helpers


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lower-cased; None when there is no host."""
    if not url:
        return None
    host = urllib.parse.urlsplit(url.strip()).hostname
    if not host:
        return None
    return host.removeprefix("www.").lower()


def title_from_url(url: str | None) -> str | None:
    """A readable title from a URL slug (``/peace-talks-end-in-istanbul`` -> "Peace talks end
    in istanbul"), or None when the last path segment is not made of at least three words."""
    if not url:
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rstrip("/")
    slug = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(html?|php|aspx?)$", "", slug)
    words = [w for w in re.split(r"[-_+]+", slug) if w]
    words = [
        w for w in words if not re.fullmatch(r"[0-9a-f]{8,}|[a-z]{0,3}\d{5,}|[b-hj-z]", w.lower())
    ]
    if sum(bool(re.search(r"[^\W\d_]", w)) for w in words) < 3:
        return None
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _clean_value(value: Any) -> str | None:
    """A metadata cell as a stripped string, None for empty or missing values."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    text = normalise_text(str(value)).strip()
    return text or None


def _find_column(columns: Iterable[str], field_name: str) -> str | None:
    """The first column of ``columns`` that names ``field_name`` (case-insensitive)."""
    lowered = {c.strip().lower(): c for c in columns}
    for alias in COLUMN_ALIASES[field_name]:
        if alias in lowered:
            return lowered[alias]
    return None


def _metadata(record: Mapping[str, Any], columns: Iterable[str]) -> dict[str, str | None]:
    """Document metadata fields taken from one CSV/JSON record."""
    columns = list(columns)
    found: dict[str, str | None] = {}
    for name in ("title", "outlet", "published", "url", "domain"):
        column = _find_column(columns, name)
        found[name] = _clean_value(record.get(column)) if column else None
    return found


# --------------------------------------------------------------------------- readers

#: The reason given for an input whose reading failed in an unexpected way.
UNEXPECTED = (
    "This input could not be read because of an unexpected problem in presslens; the other "
    "inputs were read."
)
Params = ParamSpec("Params")


def never_raises(
    reader: Callable[Concatenate[str, Params], IngestResult],
) -> Callable[Concatenate[str, Params], IngestResult]:
    """``reader`` (whose first argument names the input) made to return a :class:`Rejection`
    instead of raising, whatever goes wrong inside it: one bad input never ends a run."""

    @functools.wraps(reader)
    def guarded(source: str, *args: Params.args, **kwargs: Params.kwargs) -> IngestResult:
        try:
            return reader(source, *args, **kwargs)
        except Exception as exc:
            LOG.exception("reading %s failed", source)
            detail = f"{type(exc).__name__}: {exc}"[:300]
            return IngestResult(rejected=[Rejection(str(source), UNEXPECTED, detail)])

    return guarded


@never_raises
def read_text(source: str, text: str, **metadata: str | None) -> IngestResult:
    """One pasted or already-decoded text as a document (empty text, and text of more than
    :data:`MAX_ARTICLE_CHARS` characters, are rejected)."""
    if len(text) > MAX_ARTICLE_CHARS:
        return IngestResult(rejected=[too_long(source, len(text))])
    text = normalise_text(text)
    if not text.strip():
        return IngestResult(rejected=[Rejection(source, "The text is empty.")])
    return IngestResult(documents=[Document(source=source, text=text, **metadata)])


@never_raises
def read_html(
    source: str,
    html: str,
    *,
    url: str | None = None,
    encoding: str = "utf-8",
    **metadata: str | None,
) -> IngestResult:
    """Extract an article's text and metadata from an HTML page with trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        return IngestResult(
            rejected=[
                Rejection(
                    source, "The HTML page could not be parsed.", f"{type(exc).__name__}: {exc}"
                )
            ]
        )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return IngestResult(
            rejected=[
                Rejection(
                    source,
                    "No article text was found in this HTML page.",
                    "The page may be a menu, a paywall or rendered by JavaScript.",
                )
            ]
        )
    extracted = {
        "title": _clean_value(getattr(doc, "title", None)),
        "outlet": _clean_value(getattr(doc, "sitename", None)),
        "published": _clean_value(getattr(doc, "date", None)),
        "url": url or _clean_value(getattr(doc, "url", None)),
    }
    merged = {k: metadata.get(k) or extracted.get(k) for k in set(extracted) | set(metadata)}
    return IngestResult(
        documents=[
            Document(
                source=source,
                text=normalise_text(text),
                encoding=encoding,
                title_in_text=False,
                **merged,
            )
        ]
    )


@never_raises
def read_pdf(source: str, data: bytes, **metadata: str | None) -> IngestResult:
    """The text layer of a PDF, page by page; scanned PDFs without text are rejected."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return IngestResult(
                rejected=[
                    Rejection(source, "The PDF is password-protected; save an unprotected copy.")
                ]
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except LimitReachedError as exc:
        return IngestResult(
            rejected=[
                Rejection(
                    source,
                    "The PDF expands to far more data than an article holds, so it was not "
                    "read (it may be built to overload readers).",
                    str(exc),
                )
            ]
        )
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        return IngestResult(
            rejected=[
                Rejection(
                    source,
                    "The PDF is damaged and could not be read.",
                    f"{type(exc).__name__}: {exc}",
                )
            ]
        )
    text = "\n\n".join(pages)
    if not text.strip():
        return IngestResult(
            rejected=[
                Rejection(
                    source,
                    "The PDF has no text layer (it is a scanned image); run OCR on it first.",
                )
            ]
        )
    return IngestResult(
        documents=[Document(source=source, text=normalise_text(text), encoding="pdf", **metadata)]
    )


# A CSV cell may hold a whole article (or more, before the article limit refuses it): Python's
# csv module would refuse cells over 131,072 characters and so the whole file.
csv.field_size_limit(MAX_FILE_BYTES)


def _used_columns(columns: Iterable[str]) -> list[str]:
    """The columns of a corpus file that become a document's text or metadata."""
    columns = list(columns)
    found = (_find_column(columns, field_name) for field_name in COLUMN_ALIASES)
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
    if _find_column(schema.names, "text") is None:
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


def _records_from_table(
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
        records, rejected = _records_from_table(name, data, tally)
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
    text_column = _find_column(columns, "text")
    if text_column is None:
        return IngestResult(rejected=[*rejected, _no_text_column(name, columns)])
    result = IngestResult(rejected=rejected)
    for index, record in enumerate(records, start=before + 1):
        where = f"line {record['__line__']}" if lines else f"row {index}"
        source = f"{name} {where}"
        body = _clean_value(record.get(text_column))
        if body is None:
            result.rejected.append(
                Rejection(source, f"The {text_column!r} cell of {where} is empty.")
            )
            continue
        meta = _metadata(record, columns)
        if meta["domain"] is None:
            meta["domain"] = domain_of(meta["url"])
        if re.search(r"<(p|div|article|body|br)\b", body[:2000], re.IGNORECASE):
            result += read_html(source, body, **meta)
        else:
            result.documents.append(
                Document(source=source, text=normalise_text(body), title_in_text=False, **meta)
            )
    return result


_ROW_OF = re.compile(r"^(.*) (?:row|line) \d+$")


def input_of(source: str) -> str:
    """The input (file) a document's or rejection's ``source`` names: ``data.csv row 12`` is
    of ``data.csv``; a source without a row or line is an input of its own."""
    found = _ROW_OF.match(source)
    return found.group(1) if found else source


def too_long(source: str, size: int) -> Rejection:
    """The rejection of a text of ``size`` characters, over :data:`MAX_ARTICLE_CHARS`."""
    return Rejection(
        source,
        f"The text is too large for one article ({size:,} characters; the limit is "
        f"{MAX_ARTICLE_CHARS:,}). Split it, or load it as a CSV/JSONL corpus.",
    )


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
        records, _ = _records_from_table(MANIFEST_NAME, data, Budget().tally())
    except (IngestError, OverBudget):
        return {}
    columns = list(dict.fromkeys(key for record in records[:1] for key in record))
    if "file" not in columns:
        return {}
    columns.remove("file")
    return {row["file"]: _metadata(row, columns) for row in records}


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


#: Corpus files (CSV/TSV, JSON Lines, Parquet) larger than this many bytes, and those named by
#: a URL, are read a chunk of :data:`CHUNK_ROWS` rows at a time (a UTF-8 one; the others whole),
#: with no size limit: memory follows the chunk, not the file.
STREAM_BYTES = 16 * 2**20
#: Rows (CSV/TSV, Parquet) or lines (JSON Lines) per chunk of a corpus file read in chunks.
CHUNK_ROWS = 5_000
STREAMED_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"})
#: Bytes of a corpus file read to tell its encoding and its CSV delimiter.
_HEAD_BYTES = 64 * 1024


class Chunk(NamedTuple):
    """A part of the input: what was read, and how many of the input's bytes were read so far
    (``done``) of how many (``total``; the bytes of every file, whole or streamed)."""

    result: IngestResult
    done: int
    total: int


class _Source(NamedTuple):
    """A file to read: its name, size in bytes and how to open it (binary)."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]


def _url_source(url: str) -> _Source:
    """A file named by an fsspec URL (``s3://``, ``gs://``, ``file://``, ``memory://``...)."""
    from fsspec.core import url_to_fs

    filesystem, path = url_to_fs(url)
    return _Source(url, int(filesystem.size(path) or 0), lambda: filesystem.open(path, "rb"))


def _file_source(file: Path) -> _Source:
    return _Source(str(file), file.stat().st_size, lambda: file.open("rb"))


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
        whole: list[_Source] = []
        for source in sources or ():
            if _streamed(source, remote=is_file_url(str(raw))):
                for result, position in _stream(source, chunk_rows, budget):
                    yield Chunk(result, done + position, total)
                done += source.size
            else:
                whole.append(source)
        if whole:
            done += sum(source.size for source in whole)
            yield Chunk(_read_whole(str(raw), whole, budget), done, total)


def _listing(raw: str | Path) -> tuple[str | Path, list[_Source] | None, Rejection | None]:
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


def _streamed(source: _Source, *, remote: bool) -> bool:
    """Whether ``source`` is read in chunks: a corpus file of a kind that streams, large or
    remote, and (unless Parquet) UTF-8 at its start."""
    suffix = Path(source.name).suffix.lower()
    if suffix not in STREAMED_SUFFIXES or not (remote or source.size > STREAM_BYTES):
        return False
    if suffix == ".parquet":
        return True
    try:
        with source.open() as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    cut = head.rfind(b"\n") if len(head) == _HEAD_BYTES else len(head)
    try:
        head[: max(cut, 0)].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_whole(raw: str, sources: list[_Source], budget: Budget) -> IngestResult:
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


def _read_source(source: _Source) -> tuple[bytes | None, Rejection | None]:
    """The bytes of one file, or the reason it cannot be read (missing rights, too large)."""
    if source.size > MAX_FILE_BYTES:
        return None, _too_large(source.name, source.size)
    try:
        with source.open() as handle:
            return handle.read(), None
    except OSError as exc:
        return None, Rejection(source.name, "The file could not be read.", str(exc))


def _stream(source: _Source, chunk_rows: int, budget: Budget) -> Iterator[tuple[IngestResult, int]]:
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


Chunks = Iterator[tuple[IngestResult, int]]


def _csv_chunks(name: str, handle: IO[bytes], suffix: str, chunk_rows: int, tally: Tally) -> Chunks:
    """A CSV/TSV file's chunks: documents, bytes read (counted as characters in ``tally``)."""
    head = handle.read(_HEAD_BYTES).decode("utf-8", "replace").lstrip("\ufeff")
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


# --------------------------------------------------------------------------- URLs


class _Refused(Exception):
    """A URL that policy refuses to fetch (scheme, private address, too many redirects)."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped ``::ffff:a.b.c.d``, compatible
    ``::a.b.c.d``, 6to4 and Teredo): each must pass the check too."""
    found = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        found += list(address.teredo)
    if int(address) >> 32 == 0:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [ip for ip in found if ip is not None]


def allowed_address(text: str) -> bool:
    """Whether a fetch may connect to the IP address ``text``: a global unicast address,
    also in every IPv4 address it embeds (so ``::127.0.0.1`` and ``::ffff:10.0.0.1`` are
    refused)."""
    address = ipaddress.ip_address(text.split("%")[0])
    inner = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else []
    return all(ip.is_global and not ip.is_multicast for ip in [address, *inner])


def _address(host: str, port: int, *, allow_private: bool) -> str:
    """The one address ``host`` is fetched from: resolved once, every answer checked (unless
    ``allow_private``), and the connection made to it (no second look-up to rebind)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _Refused(f"The host {host!r} could not be found.") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise _Refused(f"The host {host!r} could not be found.")
    if not allow_private:
        for address in addresses:
            if not allowed_address(address):
                raise _Refused(
                    f"The host {host!r} is a private, loopback or local address "
                    f"({address}); fetching it is not allowed."
                )
    return addresses[0]


class _Deadline:
    """Seconds left until one overall deadline."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the page took too long to arrive")
        return remaining


def _connection(
    scheme: str, host: str, port: int, address: str, deadline: _Deadline
) -> http.client.HTTPConnection:
    """A connection to ``address`` for ``host``: the Host header and the TLS server name
    (and certificate check) stay those of the URL's host."""
    sock = socket.create_connection((address, port), timeout=deadline.left())
    try:
        if scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, port, timeout=deadline.left()
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=deadline.left())
    except BaseException:
        sock.close()
        raise
    connection.sock = sock
    return connection


class _Page(NamedTuple):
    data: bytes
    url: str
    charset: str | None
    content_type: str


def _get(url: str, *, deadline: _Deadline, max_bytes: int, allow_private: bool) -> _Page:
    """GET ``url`` following up to :data:`MAX_REDIRECTS` redirects, each hop checked and
    pinned (:func:`_address`), within ``deadline``; at most ``max_bytes`` + 1 bytes read."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused("Only http:// and https:// addresses can be fetched.")
        if not parts.hostname:
            raise _Refused("The address has no host name.")
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise _Refused(f"The host {parts.hostname!r} is not a valid host name.") from exc
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _address(host, port, allow_private=allow_private)
        connection = _connection(parts.scheme, host, port, address, deadline)
        sock = connection.sock
        try:
            path = urllib.parse.quote(parts.path or "/", safe=_URL_SAFE)
            if parts.query:
                path += "?" + urllib.parse.quote(parts.query, safe=_URL_SAFE)
            connection.request("GET", path, headers={"User-Agent": "presslens/0.1"})
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urllib.parse.urljoin(url, location)
                continue
            if response.status >= 400:
                raise urllib.error.HTTPError(url, response.status, response.reason, None, None)
            chunks, size = [], 0
            while size <= max_bytes:
                sock.settimeout(deadline.left())
                chunk = response.read1(64 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            return _Page(
                b"".join(chunks),
                url,
                response.headers.get_content_charset(),
                response.headers.get_content_type(),
            )
        finally:
            connection.close()
    raise _Refused(f"The address redirects more than {MAX_REDIRECTS} times.")


@never_raises
def fetch_url(
    url: str,
    *,
    timeout: float = URL_TIMEOUT,
    max_bytes: int = MAX_URL_BYTES,
    allow_private: bool = False,
    **metadata: str | None,
) -> IngestResult:
    """Fetch one article page and extract it; every failure becomes a :class:`Rejection`.

    Only http and https are fetched. Unless ``allow_private`` is true (local use and tests),
    hosts that resolve to private, loopback, link-local or reserved addresses are refused,
    also when reached through a redirect; each host is resolved once and connected to at the
    address that was checked. The whole fetch (redirects and a slow server included) gets
    ``timeout`` seconds; responses over ``max_bytes`` are refused.
    """
    url = url.strip()
    try:
        page = _get(
            url, deadline=_Deadline(timeout), max_bytes=max_bytes, allow_private=allow_private
        )
    except _Refused as exc:
        return IngestResult(rejected=[Rejection(url, str(exc))])
    except urllib.error.HTTPError as exc:
        return IngestResult(
            rejected=[Rejection(url, f"The server answered {exc.code} ({exc.reason}).")]
        )
    except TimeoutError:
        return IngestResult(
            rejected=[Rejection(url, f"The page did not arrive within {timeout:.0f} seconds.")]
        )
    except (http.client.HTTPException, OSError, ValueError) as exc:
        return IngestResult(
            rejected=[
                Rejection(url, "The page could not be fetched.", f"{type(exc).__name__}: {exc}")
            ]
        )
    data, final_url, charset, content_type = page
    if len(data) > max_bytes:
        return IngestResult(
            rejected=[
                Rejection(
                    url, f"The page is larger than {max_bytes / 1e6:.0f} MB and was not read."
                )
            ]
        )
    meta = {"url": final_url, "domain": domain_of(final_url), **metadata}
    if content_type == "application/pdf" or data.startswith(b"%PDF-"):
        return read_pdf(url, data, **meta)
    try:
        text = data.decode(charset) if charset else decode_bytes(data).text
    except (IngestError, LookupError, UnicodeDecodeError):
        try:
            text = decode_bytes(data).text
        except IngestError as exc:
            return IngestResult(rejected=[Rejection(url, exc.reason, exc.detail)])
    if content_type == "text/plain":
        return read_text(url, text, **meta)
    return read_html(url, text, **meta)
