"""Reading http(s) URLs from a real local HTTP server (127.0.0.1, started per test)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected, read_inputs
from sitroom.ingest import fetch as fetch_mod

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ceasefire holds in northern valley | Harbour Times</title>
<meta property="og:title" content="Ceasefire holds in northern valley">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
<meta name="author" content="Lucia Ferrante">
<link rel="canonical" href="/news/ceasefire-holds">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ceasefire holds in northern valley</h1>
<p>A ceasefire between government troops and the Valley Liberation Front held for a third day
on Thursday, local officials said, allowing aid convoys to reach villages cut off since January.</p>
<p>The truce, brokered by church leaders, followed weeks of fighting in which at least 40 people
were killed. Both sides accused each other of minor violations overnight but no casualties were
reported.</p>
<p>Aid workers said more than 3,000 families were waiting for food and medicine in the hills
above the river town of Calder.</p>
</article>
<footer>Copyright Harbour Times. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


class LocalSite:
    """A tiny HTTP server on 127.0.0.1 serving ``routes``: path -> (status, headers, body)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                site.hits.append(self.path)
                status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = (status, {"Location": to}, b"")
        return self.url(path)

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as s:
        yield s


LOCAL = ReadOptions(allow_private=True, timeout=5)


def test_ingest_http_reads_article_page_with_metadata(site: LocalSite) -> None:
    url = site.add("/news/ceasefire-holds", ARTICLE)
    [doc] = list(read_inputs([url], LOCAL))
    assert isinstance(doc, Document)
    assert doc.title == "Ceasefire holds in northern valley"
    assert str(doc.published) == "2024-03-14"
    assert doc.meta["author"] == "Lucia Ferrante"
    assert doc.url == url  # canonical link resolved against the page URL
    assert doc.source == url
    assert doc.language == "en"
    assert doc.text.startswith("A ceasefire between government troops")
    assert "Privacy" not in doc.text and "Sport" not in doc.text


def test_ingest_http_follows_redirects_and_uses_final_url(site: LocalSite) -> None:
    site.add("/news/ceasefire-holds", ARTICLE)
    start = site.redirect("/short/1", "/go/2", 301)
    site.redirect("/go/2", site.url("/news/ceasefire-holds"), 307)
    [doc] = list(read_inputs([start], LOCAL))
    assert isinstance(doc, Document)
    assert doc.url == site.url("/news/ceasefire-holds")


def test_ingest_http_redirect_loop_is_rejected(site: LocalSite) -> None:
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    [rej] = list(read_inputs([site.url("/a")], ReadOptions(allow_private=True, max_redirects=3)))
    assert isinstance(rej, Rejected) and rej.kind == "http"
    assert "redirects" in rej.reason
    assert len(site.hits) == 4  # the first request and three redirects, no more


@pytest.mark.parametrize("status", [404, 500])
def test_ingest_http_error_status_is_rejected(site: LocalSite, status: int) -> None:
    url = site.add("/gone", "<html><body>Gone</body></html>", status=status)
    [rej] = list(read_inputs([url], LOCAL))
    assert isinstance(rej, Rejected)
    assert (rej.kind, rej.source) == ("http", url)
    assert str(status) in rej.reason


def test_ingest_http_body_over_size_limit_is_rejected(site: LocalSite) -> None:
    url = site.add("/big", "<html><body>" + "<p>word word word</p>" * 2000 + "</body></html>")
    [rej] = list(read_inputs([url], ReadOptions(allow_private=True, max_bytes=10_000)))
    assert isinstance(rej, Rejected) and rej.kind == "too-large"


def test_ingest_http_loopback_refused_without_allow_private(site: LocalSite) -> None:
    url = site.add("/news/ceasefire-holds", ARTICLE)
    items = list(read_inputs([url, "http://localhost:9/x", "http://[::1]:9/x"], ReadOptions()))
    assert [type(i).__name__ for i in items] == ["Rejected"] * 3
    assert {i.kind for i in items} == {"blocked"}
    assert site.hits == []  # refused before any request was sent


@pytest.mark.parametrize("address,allowed", [
    ("10.1.2.3", False), ("192.168.0.10", False), ("172.16.5.4", False), ("169.254.169.254", False),
    ("127.0.0.1", False), ("::1", False), ("fe80::1", False), ("fd00::5", False), ("0.0.0.0", False),
    ("::ffff:10.0.0.1", False), ("93.184.216.34", True), ("2606:4700::6810:84e5", True),
])
def test_ingest_http_address_check_after_dns(monkeypatch: pytest.MonkeyPatch, address: str,
                                             allowed: bool) -> None:
    def fake_getaddrinfo(host, port, *a, **k):
        return [(None, None, None, "", (address, port))]

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", fake_getaddrinfo)
    if allowed:
        fetch_mod.check_address("http://news.example/a", allow_private=False)
    else:
        with pytest.raises(fetch_mod.FetchError) as info:
            fetch_mod.check_address("http://news.example/a", allow_private=False)
        assert info.value.kind == "blocked"


def test_ingest_http_redirect_to_private_address_is_refused(site: LocalSite,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every redirect target is checked: pretend only the first URL is public."""
    real_check = fetch_mod.check_address
    first = site.redirect("/start", site.url("/news/ceasefire-holds"))
    site.add("/news/ceasefire-holds", ARTICLE)
    monkeypatch.setattr(fetch_mod, "check_address",
                        lambda url, allow: None if url == first else real_check(url, allow))
    monkeypatch.setattr(fetch_mod, "_check_peer", lambda *a: None)
    [rej] = list(read_inputs([first], ReadOptions()))
    assert isinstance(rej, Rejected) and rej.kind == "blocked"
    assert site.hits == ["/start"]


def test_ingest_http_connected_peer_is_checked_against_dns_rebinding(
        site: LocalSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolved to a public address at check time but connects to loopback."""
    url = site.add("/news/ceasefire-holds", ARTICLE)
    monkeypatch.setattr(fetch_mod, "check_address", lambda url, allow: None)
    [rej] = list(read_inputs([url], ReadOptions()))
    assert isinstance(rej, Rejected) and rej.kind == "blocked"
    assert "127.0.0.1" in rej.reason


def test_ingest_http_unreachable_server_is_rejected() -> None:
    import socket

    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [rej] = list(read_inputs([f"http://127.0.0.1:{port}/x"], ReadOptions(allow_private=True, timeout=2)))
    assert isinstance(rej, Rejected) and rej.kind == "http"


def _rss(base: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley wire</title>
<link>{base}/</link><description>d</description>
<item><title>Convoy reaches Calder</title><link>{base}/news/convoy</link><guid>c-1</guid>
<pubDate>Fri, 15 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;An aid convoy reached the town of Calder on Friday after a three-day delay, the
Red Cross said.&lt;/p&gt;</description></item>
</channel></rss>"""


def _atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley wire</title><id>urn:vw</id><updated>2024-03-15T10:00:00Z</updated>
<entry><title>Convoy reaches Calder</title><id>urn:vw:c-1</id><link href="{base}/news/convoy"/>
<published>2024-03-15T10:00:00Z</published><updated>2024-03-15T10:00:00Z</updated>
<content type="html">&lt;p&gt;An aid convoy reached the town of Calder on Friday after a three-day
delay, the Red Cross said.&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize("make,ctype", [(_rss, "application/rss+xml"), (_atom, "application/atom+xml"),
                                        (_rss, "text/xml")])
def test_ingest_http_feed_url_yields_its_items(site: LocalSite, make, ctype: str) -> None:
    url = site.add("/feed", make(site.base), ctype)
    [doc] = list(read_inputs([url], LOCAL))
    assert isinstance(doc, Document)
    assert doc.title == "Convoy reaches Calder"
    assert doc.url == f"{site.base}/news/convoy"
    assert str(doc.published) == "2024-03-15"
    assert doc.text.startswith("An aid convoy reached the town of Calder")
    assert doc.source == url
