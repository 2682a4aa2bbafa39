"""Fetch one article page from the web, under a policy that keeps the server safe.

:func:`fetch_url` fetches only http and https. Unless told to allow them (local use, tests),
hosts that resolve to private, loopback, link-local or reserved addresses are refused
(:func:`allowed_address`, which checks the IPv4 addresses an IPv6 address embeds too), also
when reached through a redirect (at most :data:`MAX_REDIRECTS`). Each host is resolved once
and connected to at the address that was checked (no second look-up a DNS rebinding could
answer differently). The whole fetch has one deadline (:data:`URL_TIMEOUT`) and reads at most
:data:`MAX_URL_BYTES`; the page is then read as HTML, plain text or PDF
(:mod:`analysis.documents`). Every failure is a :class:`~analysis.records.Rejection`.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.parse
from typing import NamedTuple

from analysis.documents import read_html, read_pdf, read_text
from analysis.records import (
    IngestError,
    IngestResult,
    Rejection,
    decode_bytes,
    domain_of,
    never_raises,
)

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
