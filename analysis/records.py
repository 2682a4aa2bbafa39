"""What every input becomes, and how its bytes become text.

Every input ends up as either a :class:`Document` (decoded text plus whatever metadata the
input carried) or a :class:`Rejection` (a reason a person understands); an
:class:`IngestResult` holds both. This module holds those records, the limits of one input,
the decoding of bytes (:func:`decode_bytes`, :func:`normalise_text`), the metadata found in a
URL or a corpus record, and :func:`never_raises`, which turns any failure of a reader into a
rejection. The readers are :mod:`analysis.documents` (text, HTML, PDF),
:mod:`analysis.corpus_files` (CSV/TSV/JSON/JSONL/Parquet), :mod:`analysis.fetch` (URLs) and
:mod:`analysis.ingest` (files, folders and uploads of any kind).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Concatenate, NamedTuple, ParamSpec

LOG = logging.getLogger(__name__)
#: Largest single input read (bytes). A CSV/JSONL corpus may be this big.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Largest text accepted as one article (characters): about 150 times a long news story.
MAX_ARTICLE_CHARS = 1_000_000


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
    """Raised inside the readers for an input that cannot be read; carries the user's reason."""

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


def clean_value(value: Any) -> str | None:
    """A metadata cell as a stripped string, None for empty or missing values."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    text = normalise_text(str(value)).strip()
    return text or None


def find_column(columns: Iterable[str], field_name: str) -> str | None:
    """The first column of ``columns`` that names ``field_name`` (case-insensitive)."""
    lowered = {c.strip().lower(): c for c in columns}
    for alias in COLUMN_ALIASES[field_name]:
        if alias in lowered:
            return lowered[alias]
    return None


def record_metadata(record: Mapping[str, Any], columns: Iterable[str]) -> dict[str, str | None]:
    """Document metadata fields taken from one CSV/JSON record."""
    columns = list(columns)
    found: dict[str, str | None] = {}
    for name in ("title", "outlet", "published", "url", "domain"):
        column = find_column(columns, name)
        found[name] = clean_value(record.get(column)) if column else None
    return found


# --------------------------------------------------------------------------- readers' guard


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


def too_long(source: str, size: int) -> Rejection:
    """The rejection of a text of ``size`` characters, over :data:`MAX_ARTICLE_CHARS`."""
    return Rejection(
        source,
        f"The text is too large for one article ({size:,} characters; the limit is "
        f"{MAX_ARTICLE_CHARS:,}). Split it, or load it as a CSV/JSONL corpus.",
    )
