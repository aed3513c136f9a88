"""HTTP(S) fetching with timeouts, a redirect limit, a size limit and a refusal of
private, loopback, link-local and other non-public addresses (unless allowed).

Addresses are checked after DNS resolution before every request (the first one and each
redirect), and the address actually connected to is checked again once the response
headers arrive, so a DNS answer that changes between the check and the connection
(DNS rebinding) is caught too.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .options import ReadOptions

__all__ = ["Fetcher", "FetchError", "FetchResult", "check_address", "is_url"]

log = logging.getLogger("sitroom.ingest")

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched; ``kind`` is "http", "blocked" or "too-large"."""

    def __init__(self, url: str, reason: str, kind: str = "http", raw: bytes | None = None) -> None:
        super().__init__(reason)
        self.url, self.reason, self.kind, self.raw = url, reason, kind, raw


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    body: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def check_address(url: str, allow_private: bool) -> None:
    """Raise FetchError unless every address the URL's host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, f"not an http(s) URL: {url!r}", "http")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {parts.hostname}: {exc}", "http") from exc
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not _public(ip):
            raise FetchError(url, f"refused: {parts.hostname} resolves to the non-public address "
                                  f"{ip} (use allow_private to permit it)", "blocked")


def _check_peer(url: str, response: Any, allow_private: bool) -> None:
    if allow_private:
        return
    stream = response.extensions.get("network_stream")
    addr = stream.get_extra_info("server_addr") if stream is not None else None
    if addr:
        ip = ipaddress.ip_address(str(addr[0]).split("%", 1)[0])
        if not _public(ip):
            raise FetchError(url, f"refused: connected to the non-public address {ip}", "blocked")


class Fetcher:
    """A reusable HTTP client (one connection pool); close() it, or use it as a context."""

    def __init__(self, options: ReadOptions) -> None:
        import httpx

        self.options = options
        self._client = httpx.Client(
            follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(options.timeout),
            headers={"User-Agent": options.user_agent,
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                               "application/atom+xml,application/xml;q=0.9,*/*;q=0.8"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> FetchResult:
        """GET ``url`` following at most ``max_redirects`` redirects; raises FetchError."""
        import httpx

        current = url
        for _ in range(self.options.max_redirects + 1):
            check_address(current, self.options.allow_private)
            try:
                with self._client.stream("GET", current) as response:
                    _check_peer(current, response, self.options.allow_private)
                    if response.status_code in _REDIRECTS and response.headers.get("location"):
                        current = urljoin(current, response.headers["location"])
                        continue
                    return self._read(current, response)
            except httpx.HTTPError as exc:
                raise FetchError(current, f"{type(exc).__name__}: {exc}", "http") from exc
        raise FetchError(url, f"more than {self.options.max_redirects} redirects", "http")

    def _read(self, url: str, response: Any) -> FetchResult:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"body of {declared} bytes is over the {limit}-byte limit", "too-large")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"body over the {limit}-byte limit", "too-large")
        body = b"".join(chunks)
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code}", "http", body[:limit])
        return FetchResult(url=url, status=response.status_code,
                           content_type=response.headers.get("content-type", ""), body=body)
