"""analysis.ingest: decoding, files and folders, tables, HTML, PDF and URLs."""

from __future__ import annotations

import http.server
import io
import json
import socket
import socketserver
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

from analysis import ingest
from analysis.ingest import (
    UNEXPECTED,
    Document,
    allowed_address,
    decode_bytes,
    fetch_url,
    normalise_text,
    read_bytes,
    read_paths,
    read_table,
    read_uploads,
    title_from_url,
)
from tests.conftest import SEEDS

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


# ----------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Erdoğan met Zelenskyy in Kyiv.".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Erdoğan met Zelenskyy.".encode(), "utf-8-sig"),
        ("\ufeffErdoğan met Zelenskyy in Kyiv.".encode("utf-16-le"), "utf-16-le"),
        ("\ufeffErdoğan met Zelenskyy in Kyiv.".encode("utf-16-be"), "utf-16-be"),
        ("Erdoğan met Zelenskyy in Kyiv on Thursday.".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert "Erdoğan met Zelenskyy" in decoded.text.lstrip("\ufeff")


def test_legacy_single_byte_encoding_is_detected_and_recorded() -> None:
    text = (
        "Le président français Emmanuel Macron a déclaré que l’Europe était prête à "
        "renforcer les sanctions contre la Russie si le cessez-le-feu n’était pas respecté."
    )
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.encoding != "utf-8"
    assert "président français" in decoded.text and "déclaré" in decoded.text


def test_binary_data_is_rejected() -> None:
    result = read_bytes("photo.txt", bytes(range(256)) * 40)
    assert not result.documents
    assert "binary" in result.rejected[0].reason


def test_invisible_and_control_characters_are_removed() -> None:
    text = "Zelen\u200bsky\u200d met\u00a0Erdoğan\x07 in\u202e Ankara.\r\nNext line\u2060."
    assert normalise_text(text) == "Zelensky met Erdoğan in Ankara.\nNext line."


def test_decomposed_characters_are_composed() -> None:
    assert normalise_text("Erdog\u0306an and Tu\u0308rkiye") == "Erdoğan and Türkiye"


# ----------------------------------------------------------------------------- files


def test_seed_folder_reads_three_documents_with_manifest_metadata() -> None:
    result = read_paths([SEEDS])
    assert result.rejected == []
    assert len(result.documents) == 3
    by_outlet = {d.outlet: d for d in result.documents}
    assert set(by_outlet) == {
        "World Bulletin (Anadolu Agency copy)",
        "The Daily Intake",
        "News Guru",
    }
    guru = by_outlet["News Guru"]
    assert guru.published == "2025-05-12"
    assert guru.domain == "newsguru.pk"
    assert guru.url.startswith("https://newsguru.pk/")


def test_one_path_alone_reads_as_a_list_of_it() -> None:
    as_list = read_paths([SEEDS])
    for alone in (SEEDS, str(SEEDS)):
        assert read_paths(alone).documents == as_list.documents


def test_single_file_uses_the_manifest_beside_it() -> None:
    result = read_paths([next(SEEDS.glob("001_*.txt"))])
    assert [d.outlet for d in result.documents] == ["The Daily Intake"]


def test_missing_path_and_unsupported_type_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    result = read_paths([tmp_path / "nope", tmp_path])
    reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in result.rejected}
    assert reasons["nope"] == "No such file or folder."
    assert "not supported" in reasons["slides.pptx"]


def test_uploads_with_a_manifest_take_its_metadata() -> None:
    manifest = b"file,outlet,url,published\na.txt,Reuters,https://reuters.com/x,2025-05-11\n"
    result = read_uploads([("manifest.csv", manifest), ("a.txt", STORY.encode())])
    assert result.rejected == []
    [doc] = result.documents
    assert (doc.outlet, doc.domain, doc.published) == ("Reuters", "reuters.com", "2025-05-11")


def test_title_from_url_slug() -> None:
    assert (
        title_from_url("https://a.com/world/putin-declines-to-meet-zelenskiy-123456")
        == "Putin declines to meet zelenskiy"
    )
    assert title_from_url("https://en.portnews.ru/news/376823/") is None
    assert title_from_url(None) is None


# ----------------------------------------------------------------------------- tables


def test_csv_with_usual_column_names() -> None:
    data = (
        "headline,body,publisher,date,link\n"
        f'Talks in Istanbul,"{STORY}\nSecond paragraph, with a comma.",AP,2025-05-15,'
        "https://apnews.com/a\n"
    ).encode()
    [doc] = read_table("export.csv", data).documents
    assert doc.title == "Talks in Istanbul"
    assert doc.outlet == "AP" and doc.published == "2025-05-15"
    assert doc.domain == "apnews.com"
    assert "Second paragraph, with a comma." in doc.text  # quoted newline kept
    assert doc.title_in_text is False


def test_a_parquet_corpus_is_read_row_by_row_with_its_dates_and_gaps() -> None:
    frame = pd.DataFrame(
        {
            "text": [STORY, None, STORY + " More."],
            "outlet": ["AP", "AP", None],
            "published": pd.to_datetime(["2025-05-15", "2025-05-16", None]),
            "url": ["https://apnews.com/a", None, "https://www.reuters.com/b"],
        }
    )
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    result = read_bytes("archive.parquet", buffer.getvalue())
    first, third = result.documents
    assert first.outlet == "AP" and first.published.startswith("2025-05-15")
    assert third.outlet is None and third.published is None
    assert third.domain == "reuters.com"
    assert [r.source for r in result.rejected] == ["archive.parquet row 2"]
    damaged = read_bytes("archive.parquet", b"PAR1 not really parquet")
    assert "Parquet file is damaged" in damaged.rejected[0].reason


def test_csv_without_text_column_is_rejected_naming_the_columns() -> None:
    result = read_table("export.csv", b"title,outlet\nA,B\n")
    assert not result.documents
    assert "No text column" in result.rejected[0].reason
    assert "title, outlet" in result.rejected[0].detail


def test_csv_row_with_empty_text_is_rejected_by_number() -> None:
    result = read_table("export.csv", f"text,outlet\n{STORY},AP\n,AP\n".encode())
    assert len(result.documents) == 1
    assert result.rejected[0].source == "export.csv row 2"


def test_broken_jsonl_line_is_rejected_and_the_rest_kept() -> None:
    lines = [
        json.dumps({"content": STORY, "source": "A"}),
        "{broken",
        json.dumps({"content": STORY + " More.", "source": "B"}),
        "[1, 2]",
    ]
    result = read_table("feed.jsonl", "\n".join(lines).encode())
    assert [d.outlet for d in result.documents] == ["A", "B"]
    assert [r.reason for r in result.rejected] == [
        "Line 2 is not valid JSON.",
        "Line 4 is not a JSON object.",
    ]
    assert result.documents[1].source == "feed.jsonl line 3"


def test_json_array_and_wrapped_list() -> None:
    array = json.dumps([{"text": STORY, "outlet": "A"}]).encode()
    wrapped = json.dumps({"articles": [{"text": STORY, "outlet": "B"}]}).encode()
    assert [d.outlet for d in read_table("a.json", array).documents] == ["A"]
    assert [d.outlet for d in read_table("b.json", wrapped).documents] == ["B"]


def test_malformed_json_is_rejected() -> None:
    result = read_table("a.json", b'{"text": "unterminated')
    assert "malformed" in result.rejected[0].reason


# ----------------------------------------------------------------------------- HTML and PDF

HTML = f"""<!doctype html><html><head><title>Fidan meets delegation | The Paper</title>
<meta property="og:site_name" content="The Paper">
<script>alert("hijack")</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Fidan meets Russian delegation</h1><p>{STORY}</p>
<p>The meeting at Dolmabahce Palace lasted two hours, according to the Turkish Foreign
Ministry, which said further meetings would follow on Friday.</p></article>
<footer>Copyright 2025</footer></body></html>"""


def test_html_article_text_and_metadata_extracted_without_scripts() -> None:
    [doc] = read_bytes("page.html", HTML.encode()).documents
    assert "Hakan Fidan met the Russian delegation" in doc.text
    assert "hijack" not in doc.text and "color: red" not in doc.text
    assert doc.outlet == "The Paper"
    assert "Fidan meets" in (doc.title or "")


def test_html_without_article_text_is_rejected() -> None:
    result = read_bytes("empty.html", b"<html><body><script>x()</script></body></html>")
    assert result.rejected and "No article text" in result.rejected[0].reason


def test_pdf_text_layer_is_read() -> None:
    [doc] = read_bytes("story.pdf", make_pdf("Putin proposed direct talks in Istanbul")).documents
    assert "Putin proposed direct talks in Istanbul" in doc.text
    assert doc.encoding == "pdf"


def test_scanned_or_broken_pdf_is_rejected_with_a_reason() -> None:
    scanned = read_bytes("scan.pdf", make_pdf(""))
    assert "no text layer" in scanned.rejected[0].reason
    broken = read_bytes("broken.pdf", b"%PDF-1.4\n garbage")
    assert broken.rejected and not broken.documents


def test_too_large_text_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("word " * 200 + "\n") * 1200)
    result = read_paths([big])
    assert "too large for one article" in result.rejected[0].reason


# ----------------------------------------------------------------------------- URLs


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/redirect-out":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data")
            self.end_headers()
            return
        status, content_type, body = self.pages.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving article pages; stopped after the tests."""
    _Handler.pages = {
        "/article": (200, "text/html; charset=utf-8", HTML.encode()),
        "/big": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        "/plain": (200, "text/plain; charset=utf-8", STORY.encode()),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_and_extracted(server: str) -> None:
    [doc] = fetch_url(server + "/article", allow_private=True).documents
    assert isinstance(doc, Document)
    assert "Hakan Fidan" in doc.text
    assert doc.url == server + "/article" and doc.domain == "127.0.0.1"


def test_plain_text_url(server: str) -> None:
    [doc] = fetch_url(server + "/plain", allow_private=True).documents
    assert doc.text == STORY


def test_loopback_is_refused_by_default(server: str) -> None:
    result = fetch_url(server + "/article")
    assert "private, loopback or local address" in result.rejected[0].reason


def test_redirect_to_metadata_address_is_refused(server: str) -> None:
    # the first hop is allowed (local use); the redirect target is checked again
    result = fetch_url(server + "/redirect-out", allow_private=False)
    assert result.rejected and not result.documents


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a.txt", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("http:///nohost", "no host name"),
    ],
)
def test_non_web_urls_are_refused(url: str, reason: str) -> None:
    assert reason in fetch_url(url).rejected[0].reason


def test_http_error_and_size_cap(server: str) -> None:
    missing = fetch_url(server + "/nothing", allow_private=True)
    assert missing.rejected[0].reason.startswith("The server answered 404")
    big = fetch_url(server + "/big", allow_private=True, max_bytes=100_000)
    assert "larger than" in big.rejected[0].reason


# ----------------------------------------------------------------------------- hostile servers

#: Raw answers of a misbehaving web server, by path; each ends the connection after.
RAW_ANSWERS: dict[str, list[bytes]] = {
    "/bad-status": [b"HTTP/1.1 twohundred OK\r\n\r\nhello"],
    "/broken-chunks": [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\nZZ\r\nnot a chunk"
    ],
    "/long-header": [b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\nhello"],
    "/many-headers": [
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(150)) + b"\r\nhi"
    ],
    "/slow": [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n"]
    + [b"x"] * 40,
}


class _RawHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        request = self.request.recv(65536).decode("latin-1")
        path = request.split(" ")[1] if " " in request else "/"
        pieces = RAW_ANSWERS.get(path, [b"HTTP/1.1 404 Not Found\r\n\r\n"])
        try:
            for number, piece in enumerate(pieces):
                if number and path == "/slow":
                    time.sleep(0.5)  # one byte every half second: 20 s for the whole body
                self.request.sendall(piece)
        except OSError:
            return


@pytest.fixture(scope="module")
def raw_server() -> Iterator[str]:
    """A misbehaving HTTP server on 127.0.0.1 (raw socket answers); stopped after the tests."""
    socketserver.ThreadingTCPServer.daemon_threads = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RawHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/bad-status", "/broken-chunks", "/long-header", "/many-headers"])
def test_a_misbehaving_server_is_a_rejected_input(raw_server: str, path: str) -> None:
    result = fetch_url(raw_server + path, allow_private=True)
    assert not result.documents
    [rejection] = result.rejected
    assert rejection.reason == "The page could not be fetched."
    assert rejection.detail


def test_a_slow_server_meets_one_overall_deadline(raw_server: str) -> None:
    result = fetch_url(raw_server + "/slow", allow_private=True, timeout=2)
    assert result.rejected[0].reason == "The page did not arrive within 2 seconds."


def test_the_fetch_connects_to_the_address_it_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the resolver answers a public address, then loopback. The host is
    resolved once and the connection goes to the checked address (the connection is
    faked: no traffic leaves the machine)."""
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    looked_up: list[str] = []
    connected: list[tuple[str, int]] = []

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        connected.append(address)
        raise ConnectionRefusedError("faked")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", connect)
    result = fetch_url("http://rebind.example/secret")
    assert looked_up == ["rebind.example"]
    assert connected == [("93.184.216.34", 80)]
    assert result.rejected[0].reason == "The page could not be fetched."


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "::1",
        "::127.0.0.1",
        "::ffff:10.0.0.1",
        "fe80::1",
        "2002:7f00:1::1",
        "224.0.0.1",
        "0.0.0.0",
    ],
)
def test_non_global_addresses_are_refused(address: str) -> None:
    assert not allowed_address(address)
    literal = f"[{address}]" if ":" in address else address
    result = fetch_url(f"http://{literal}/")
    assert "private, loopback or local address" in result.rejected[0].reason


def test_global_addresses_are_allowed() -> None:
    assert allowed_address("93.184.216.34") and allowed_address("2606:2800:220:1::1")


def test_a_pdf_that_expands_too_far_is_rejected() -> None:
    bomb = make_pdf("", bomb_mb=400)  # about 400 kB that expand to 400 MB
    assert len(bomb) < 1_000_000
    result = read_bytes("bomb.pdf", bomb)
    assert "far more data than an article holds" in result.rejected[0].reason


def test_an_unexpected_failure_rejects_one_input_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ingest.decode_bytes

    def decode(data: bytes) -> object:
        if b"BOOM" in data:
            raise RecursionError("maximum recursion depth exceeded")
        return real(data)

    monkeypatch.setattr(ingest, "decode_bytes", decode)
    result = read_uploads([("bad.txt", b"BOOM " + STORY.encode()), ("story.txt", STORY.encode())])
    assert [d.source for d in result.documents] == ["story.txt"]
    [rejection] = result.rejected
    assert rejection.source == "bad.txt" and rejection.reason == UNEXPECTED
    assert rejection.detail.startswith("RecursionError")


def test_a_csv_cell_larger_than_the_csv_default_limit_is_read() -> None:
    body = ("Officials said the talks would resume. " * 3_700)[:140_600]
    data = ('title,outlet,text\nA long one,Outlet,"' + body + '"\n').encode()
    result = read_bytes("long.csv", data)
    assert not result.rejected
    assert len(result.documents[0].text) > 131_072


def test_a_url_with_non_ascii_characters_is_fetched(server: str) -> None:
    _Handler.pages["/caf%C3%A9?q=%C3%BC"] = (200, "text/plain; charset=utf-8", STORY.encode())
    [doc] = fetch_url(server + "/café?q=ü", allow_private=True).documents
    assert doc.text == STORY


# ----------------------------------------------------------------------- corpus files in chunks


def _corpus_frame(corpus_dev: Path) -> pd.DataFrame:
    """corpus-dev's articles as the rows of a corpus export (text, outlet, url, published)."""
    manifest = pd.read_csv(corpus_dev / "manifest.csv", dtype=str, keep_default_na=False)
    texts = [(corpus_dev / name).read_text(encoding="utf-8") for name in manifest["file"]]
    return pd.DataFrame(
        {
            "text": texts,
            "outlet": manifest["outlet"],
            "url": manifest["url"],
            "published": manifest["published"],
        }
    )


def _whole_and_chunked(
    name: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[ingest.IngestResult, list[ingest.Chunk]]:
    """The file at ``path`` read whole (its bytes, as an upload) and read in chunks of 7 rows
    (every file streams)."""
    whole = read_table(name, path.read_bytes())
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    return whole, list(ingest.read_chunks([path], chunk_rows=7))


def _sources_and_texts(documents: list[Document]) -> list[tuple[str, str, str | None]]:
    return [(Path(d.source).name, d.text, d.outlet) for d in documents]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_large_corpus_file_is_read_in_chunks_with_the_documents_of_a_whole_read(
    corpus_dev: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    frame = _corpus_frame(corpus_dev)
    path = tmp_path / f"export{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    whole, chunks = _whole_and_chunked(path.name, path, monkeypatch)
    assert len(chunks) == -(-len(frame) // 7)
    streamed = [doc for chunk in chunks for doc in chunk.result.documents]
    assert _sources_and_texts(streamed) == _sources_and_texts(whole.documents)
    assert len(streamed) == len(frame)
    assert streamed[-1].source.endswith(f" {len(frame)}")
    done = [chunk.done for chunk in chunks]
    assert done == sorted(done) and done[-1] == chunks[-1].total == path.stat().st_size


def test_a_malformed_row_ends_a_streamed_csv_with_a_reason_and_keeps_the_rows_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f'"{STORY} Number {n}.",Outlet {n}' for n in range(20)]
    rows[15] = '"a row","with","too many cells"'
    path = tmp_path / "broken.csv"
    path.write_text("text,outlet\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    chunks = list(ingest.read_chunks([path], chunk_rows=5))
    documents = [doc for chunk in chunks for doc in chunk.result.documents]
    [rejection] = [r for chunk in chunks for r in chunk.result.rejected]
    assert [d.outlet for d in documents] == [f"Outlet {n}" for n in range(15)]
    assert "could not be read after row 15" in rejection.reason
    assert "the rest of it was not read" in rejection.reason


def test_a_parquet_corpus_is_read_from_an_fsspec_url(corpus_dev: Path) -> None:
    import fsspec

    frame = _corpus_frame(corpus_dev)
    filesystem = fsspec.filesystem("memory")
    with filesystem.open("/presslens-test/archive.parquet", "wb") as handle:
        frame.to_parquet(handle, index=False)
    try:
        result = read_paths(["memory://presslens-test/archive.parquet"])
        missing = read_paths(["memory://presslens-test/none.parquet"])
    finally:
        filesystem.rm("/presslens-test", recursive=True)
    assert [d.outlet for d in result.documents] == frame["outlet"].tolist()
    assert result.documents[0].source == "memory://presslens-test/archive.parquet row 1"
    assert not result.rejected
    assert missing.rejected[0].reason == "The URL could not be opened."


def test_a_streamed_json_lines_file_rejects_a_line_that_is_not_utf8_by_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad byte past the start of the file (its start is UTF-8, so it streams)."""
    lines = [json.dumps({"text": f"{STORY} Number {n}.", "outlet": f"O{n}"}) for n in range(999)]
    data = "\n".join(lines).encode().replace(b"Number 900.", b"Number \xff900.")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data + b"\n")
    assert data.index(b"\xff") > ingest._HEAD_BYTES
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    result = read_paths([path])
    assert [d.outlet for d in result.documents] == [f"O{n}" for n in range(999) if n != 900]
    [rejection] = result.rejected
    assert rejection.source == f"{path} line 901"
    assert rejection.reason == "Line 901 is not UTF-8 text."
