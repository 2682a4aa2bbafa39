"""analysis.documents: one article from a pasted text, an HTML page or a PDF."""

from __future__ import annotations

import zlib

from analysis.documents import read_html, read_pdf, read_text
from analysis.records import MAX_ARTICLE_CHARS

STORY = (
    "Turkish Foreign Minister Hakan Fidan met the Russian delegation in Istanbul on "
    "Thursday, diplomatic sources said, before talks with Ukraine on Friday."
)


def make_pdf(text: str, *, bomb_mb: int = 0) -> bytes:
    """A minimal one-page PDF whose text layer says ``text`` (empty: no text layer); with
    ``bomb_mb``, its page content is a Flate stream that expands to that many megabytes."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    length = b"/Length %d" % len(content)
    if bomb_mb:
        packer = zlib.compressobj(9)
        zeros = b" " * 1_000_000
        content = b"".join(packer.compress(zeros) for _ in range(bomb_mb)) + packer.flush()
        length = b"/Length %d /Filter /FlateDecode" % len(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + length + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


HTML = f"""<!doctype html><html><head><title>Fidan meets delegation | The Paper</title>
<meta property="og:site_name" content="The Paper">
<script>alert("hijack")</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Fidan meets Russian delegation</h1><p>{STORY}</p>
<p>The meeting at Dolmabahce Palace lasted two hours, according to the Turkish Foreign
Ministry, which said further meetings would follow on Friday.</p></article>
<footer>Copyright 2025</footer></body></html>"""


def test_html_article_text_and_metadata_extracted_without_scripts() -> None:
    [doc] = read_html("page.html", HTML).documents
    assert "Hakan Fidan met the Russian delegation" in doc.text
    assert "hijack" not in doc.text and "color: red" not in doc.text
    assert doc.outlet == "The Paper"
    assert "Fidan meets" in (doc.title or "")


def test_html_without_article_text_is_rejected() -> None:
    result = read_html("empty.html", "<html><body><script>x()</script></body></html>")
    assert result.rejected and "No article text" in result.rejected[0].reason


def test_pdf_text_layer_is_read() -> None:
    [doc] = read_pdf("story.pdf", make_pdf("Putin proposed direct talks in Istanbul")).documents
    assert "Putin proposed direct talks in Istanbul" in doc.text
    assert doc.encoding == "pdf"


def test_scanned_or_broken_pdf_is_rejected_with_a_reason() -> None:
    scanned = read_pdf("scan.pdf", make_pdf(""))
    assert "no text layer" in scanned.rejected[0].reason
    broken = read_pdf("broken.pdf", b"%PDF-1.4\n garbage")
    assert broken.rejected and not broken.documents


def test_a_pdf_that_expands_too_far_is_rejected() -> None:
    bomb = make_pdf("", bomb_mb=400)  # about 400 kB that expand to 400 MB
    assert len(bomb) < 1_000_000
    result = read_pdf("bomb.pdf", bomb)
    assert "far more data than an article holds" in result.rejected[0].reason


def test_pasted_text_is_one_document_and_empty_or_huge_text_is_rejected() -> None:
    [doc] = read_text("pasted", STORY + "\r\n").documents
    assert doc.text == STORY + "\n"  # Windows line end made Unix
    assert doc.source == "pasted" and doc.title_in_text
    assert read_text("pasted", " \u200b\n ").rejected[0].reason == "The text is empty."
    huge = read_text("pasted", "word " * (MAX_ARTICLE_CHARS // 5 + 1))
    assert not huge.documents and "too large for one article" in huge.rejected[0].reason
