"""analysis.fetch: article pages fetched from a local server, refused addresses and
misbehaving servers."""

from __future__ import annotations

import http.server
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest

from analysis.fetch import allowed_address, fetch_url
from analysis.records import Document
from tests.test_documents import HTML, STORY


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


def test_a_url_with_non_ascii_characters_is_fetched(server: str) -> None:
    _Handler.pages["/caf%C3%A9?q=%C3%BC"] = (200, "text/plain; charset=utf-8", STORY.encode())
    [doc] = fetch_url(server + "/café?q=ü", allow_private=True).documents
    assert doc.text == STORY
