"""WARC and WARC.gz archives (warcio): every 2xx HTML response (or resource) record is a
page; other records (requests, metadata, images, scripts) are skipped."""

from __future__ import annotations

import logging
import zlib
from typing import IO, Any, Iterator

from ..model import Document
from .common import ReadContext, url_id
from .decode import DecodeError, charset_from_content_type
from .html import HtmlError, read_html
from .options import Rejected

__all__ = ["read_warc"]

log = logging.getLogger("sitroom.ingest")

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(content_type: str, payload_head: bytes) -> bool:
    ct = content_type.lower()
    if any(t in ct for t in _HTML_TYPES):
        return True
    if ct and not ct.startswith(("text/plain", "application/octet-stream")):
        return False
    head = payload_head[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _record_page(record: Any) -> tuple[str, str, int] | None:
    """(target URI, content type, status) of a page-carrying record, else None."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = int((record.http_headers.get_statuscode() or "0")[:3] or 0)
        return uri, record.http_headers.get_header("Content-Type") or "", status
    if record.rec_type == "resource":
        return uri, record.rec_headers.get_header("Content-Type") or "", 200
    return None


def read_warc(stream: IO[bytes], ctx: ReadContext, *, source: str,
              container_id: str) -> Iterator[Document | Rejected]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = ctx.options.max_bytes
    position = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            page = _record_page(record)
            if page is None:
                continue
            uri, content_type, status = page
            position += 1
            if not 200 <= status < 300:
                continue
            payload = record.content_stream().read(limit + 1)
            if not _is_html(content_type, payload):
                continue
            where = f"{source}#{uri or position}"
            if len(payload) > limit:
                yield Rejected(where, f"record larger than {limit} bytes", None, None, "too-large")
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing > 0:  # the archive ends inside this record
                yield Rejected(source, f"WARC truncated inside the record of {uri or position} "
                                       f"({missing} bytes missing)", None, payload, "truncated")
                return
            yield _page(payload, ctx, uri=uri, where=where, source=source,
                        declared=charset_from_content_type(content_type),
                        fallback_id=f"{container_id}-{position}")
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        kind = "truncated" if isinstance(exc, (EOFError, zlib.error)) or "truncat" in str(exc).lower() \
            else "malformed-warc"
        yield Rejected(source, f"WARC reading stopped after {position} page records: "
                               f"{type(exc).__name__}: {exc}", None, None, kind)


def _page(payload: bytes, ctx: ReadContext, *, uri: str, where: str, source: str,
          declared: str | None, fallback_id: str) -> Document | Rejected:
    url = uri if uri.startswith(("http://", "https://")) else None
    try:
        return read_html(payload, ctx, doc_id=url_id(url) if url else fallback_id,
                         source=source, url=url, declared=declared)
    except HtmlError as exc:
        return Rejected(where, str(exc), None, payload, exc.kind)
    except DecodeError as exc:
        return Rejected(where, str(exc), None, payload, "encoding")
