"""WARC and WARC.gz archives written with warcio."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected, read_inputs

PAGES = {
    "https://daily.example/2024/06/01/dam": (
        "Dam breach floods farmland", "2024-06-01",
        "<p>A dam on the upper river gave way before dawn on Saturday, flooding farmland in two "
        "districts and forcing about 4,000 people from their homes, the disaster agency said.</p>"
        "<p>Engineers had warned last year that the structure needed urgent repairs.</p>"),
    "https://daily.example/2024/06/02/talks": (
        "Talks resume in the capital", "2024-06-02",
        "<p>Negotiators for the government and the rebel alliance resumed talks in the capital on "
        "Sunday, a week after a prisoner exchange collapsed amid mutual accusations.</p>"
        "<p>Mediators said both delegations had agreed on an agenda for the first session.</p>"),
}


def _page(title: str, day: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title} - Daily</title>"
            f"<meta property='article:published_time' content='{day}T06:00:00Z'></head><body>"
            "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<aside class='ad'>Advertisement: cheap flights</aside></body></html>").encode("utf-8")


def write_warc(path: Path, gzip: bool, extra: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def response(url: str, payload: bytes, ctype: str = "text/html; charset=utf-8",
                     status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))

        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))
        for url, (title, day, body) in PAGES.items():
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "daily.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=req))
            response(url, _page(title, day, body))
        if extra:
            response("https://daily.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
            response("https://daily.example/missing", b"<html><body>Not found</body></html>",
                     status="404 Not Found")
            response("https://daily.example/menu", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_ingest_warc_reads_html_responses(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    write_warc(path, gzip)
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Rejected)]
    assert [d.url for d in docs] == list(PAGES)
    assert [d.title for d in docs] == [t for t, _, _ in PAGES.values()]
    assert [str(d.published) for d in docs] == [p for _, p, _ in PAGES.values()]
    assert docs[0].text.startswith("A dam on the upper river gave way")
    assert "Advertisement" not in docs[0].text and "Home" not in docs[0].text
    assert all(d.source == str(path) for d in docs)
    assert len({d.id for d in docs}) == 2
    # the image and the 404 are not pages; the navigation-only page is boilerplate
    assert [(r.source.rsplit("#", 1)[1], r.kind) for r in rejects] == [
        ("https://daily.example/menu", "empty")]


def test_ingest_warc_ids_are_stable_across_reads(tmp_path: Path) -> None:
    a, b = tmp_path / "a.warc.gz", tmp_path / "b.warc"
    write_warc(a, True)
    write_warc(b, False)
    ids_a = [i.id for i in read_inputs([str(a)]) if isinstance(i, Document)]
    ids_b = [i.id for i in read_inputs([str(b)]) if isinstance(i, Document)]
    assert ids_a == ids_b


def test_ingest_warc_truncated_gz_yields_pages_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, True, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # cut inside the last response record
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Document) and items[0].url == next(iter(PAGES))
    assert isinstance(items[-1], Rejected)
    assert items[-1].kind == "truncated" and items[-1].source == str(path)


def test_ingest_warc_record_over_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    write_warc(path, False, extra=False)
    items = list(read_inputs([str(path)], ReadOptions(max_bytes=300)))
    assert [i.kind for i in items] == ["too-large", "too-large"]
