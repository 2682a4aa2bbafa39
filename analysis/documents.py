"""One article from one text, HTML page or PDF.

Each reader returns an :class:`~analysis.records.IngestResult` and never raises
(:func:`~analysis.records.never_raises`):

* :func:`read_text`: pasted or already-decoded text (empty text, and text over
  :data:`~analysis.records.MAX_ARTICLE_CHARS`, are rejected).
* :func:`read_html`: article text and metadata extracted with trafilatura (scripts, menus and
  comments are dropped by the extractor).
* :func:`read_pdf`: the text layer, read with pypdf; a scanned PDF without text is rejected.
"""

from __future__ import annotations

import io

from analysis.records import (
    MAX_ARTICLE_CHARS,
    Document,
    IngestResult,
    Rejection,
    clean_value,
    never_raises,
    normalise_text,
    too_long,
)


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
        "title": clean_value(getattr(doc, "title", None)),
        "outlet": clean_value(getattr(doc, "sitename", None)),
        "published": clean_value(getattr(doc, "date", None)),
        "url": url or clean_value(getattr(doc, "url", None)),
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
