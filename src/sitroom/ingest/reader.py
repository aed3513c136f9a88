"""``read_inputs``: files, directories, stdin and http(s) URLs -> Documents or Rejected."""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import IO, Iterator, Sequence, cast
from urllib.parse import urlsplit

from ..model import Document
from .common import ReadContext, stem_id, url_id
from .decode import DecodeError, charset_from_content_type, decode_bytes
from .feeds import read_feed
from .fetch import Fetcher, FetchError, is_url
from .html import HtmlError, read_html
from .options import ReadOptions, Rejected
from .records import read_csv, read_json_array, read_jsonl
from .sniff import HEAD_BYTES, sniff
from .text import read_text
from .warc import read_warc

__all__ = ["read_inputs", "read_bytes", "read_url"]

log = logging.getLogger("sitroom.ingest")

Item = Document | Rejected


class _Prefixed(io.RawIOBase):
    """A non-seekable stream with its already-read head put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_inputs(inputs: Sequence[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield a Document or a Rejected for every item of every input, in order.

    Inputs: "-" (stdin), files, directories (recursive; every file sniffed by content),
    and http(s) URLs. Bad items become ``Rejected`` records; reading never stops on them.
    """
    ctx = ReadContext(options or ReadOptions())
    fetcher: Fetcher | None = None
    try:
        for name in inputs:
            if name == "-":
                yield from _read_stdin(ctx)
            elif is_url(name):
                fetcher = fetcher or Fetcher(ctx.options)
                yield from read_url(name, ctx, fetcher)
            else:
                yield from _read_path(Path(name), ctx)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_stdin(ctx: ReadContext) -> Iterator[Item]:
    stream = sys.stdin.buffer
    head = stream.read(HEAD_BYTES)
    yield from _read_stream(io.BufferedReader(_Prefixed(head, stream)), head, ctx,
                            source="<stdin>", name="", doc_id="stdin")


def _read_path(path: Path, ctx: ReadContext) -> Iterator[Item]:
    if path.is_dir():
        yield from _read_dir(path, ctx)
    elif path.is_file():
        yield from _read_file(path, ctx, stem_id(path.name))
    else:
        yield Rejected(str(path), "no such file or directory", None, None, "unreadable")


def _read_dir(root: Path, ctx: ReadContext) -> Iterator[Item]:
    follow = ctx.options.follow_symlinks
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            path = Path(dirpath, fname)
            if path.is_symlink() and not follow:
                continue
            rel = path.relative_to(root).as_posix()
            parent = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
            yield from _read_file(path, ctx, parent + stem_id(fname))


def _read_file(path: Path, ctx: ReadContext, doc_id: str) -> Iterator[Item]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Rejected(str(path), f"cannot open: {exc.strerror or exc}", None, None, "unreadable")
        return
    with fh:
        try:
            head = fh.read(HEAD_BYTES)
            fh.seek(0)
        except OSError as exc:
            yield Rejected(str(path), f"cannot read: {exc.strerror or exc}", None, None, "unreadable")
            return
        yield from _read_stream(fh, head, ctx, source=str(path), name=path.name, doc_id=doc_id)


def read_url(url: str, ctx: ReadContext, fetcher: Fetcher) -> Iterator[Item]:
    try:
        result = fetcher.fetch(url)
    except FetchError as exc:
        yield Rejected(url, exc.reason, None, exc.raw, exc.kind)
        return
    kind_hint = "html" if "html" in result.content_type.lower() else None
    yield from read_bytes(result.body, ctx, source=url, name=urlsplit(result.url).path,
                          doc_id=url_id(result.url), url=result.url,
                          declared=charset_from_content_type(result.content_type),
                          kind_hint=kind_hint)


def read_bytes(data: bytes, ctx: ReadContext, *, source: str, name: str = "", doc_id: str,
               url: str | None = None, declared: str | None = None,
               kind_hint: str | None = None) -> Iterator[Item]:
    """Read one in-memory input (a fetched body, a decompressed file)."""
    yield from _read_stream(io.BytesIO(data), data[:HEAD_BYTES], ctx, source=source, name=name,
                            doc_id=doc_id, url=url, declared=declared, kind_hint=kind_hint)


def _read_stream(stream: IO[bytes], head: bytes, ctx: ReadContext, *, source: str, name: str,
                 doc_id: str, url: str | None = None, declared: str | None = None,
                 kind_hint: str | None = None, depth: int = 0) -> Iterator[Item]:
    kind = sniff(head, name, ctx.options.column("text"))
    if kind_hint and kind in ("text", "html"):
        kind = kind_hint
    log.debug("%s: %s", source, kind)
    if kind == "warc":
        yield from read_warc(stream, ctx, source=source, container_id=doc_id)
    elif kind == "gzip" and _gunzip_head(head).startswith(b"WARC/"):
        yield from read_warc(stream, ctx, source=source, container_id=doc_id)  # warcio gunzips
    elif kind == "gzip":
        yield from _read_gzip(stream, ctx, source=source, name=name, doc_id=doc_id, depth=depth)
    elif kind == "jsonl":
        yield from read_jsonl(stream, ctx, source=source, container_id=doc_id)
    elif kind == "csv":
        yield from read_csv(stream, head, ctx, source=source, container_id=doc_id)
    else:
        yield from _read_single(stream, kind, ctx, source=source, doc_id=doc_id, url=url,
                                declared=declared)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def _read_gzip(stream: IO[bytes], ctx: ReadContext, *, source: str, name: str, doc_id: str,
               depth: int) -> Iterator[Item]:
    if depth > 0:
        yield Rejected(source, "nested compression is not read", None, None, "binary")
        return
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        head = inner.peek(HEAD_BYTES)[:HEAD_BYTES]
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(source, f"bad or truncated gzip: {exc}", None, None, "truncated")
        return
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    try:
        yield from _read_stream(cast(IO[bytes], inner), head, ctx, source=source, name=inner_name, doc_id=doc_id,
                                depth=depth + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(source, f"bad or truncated gzip: {exc}", None, None, "truncated")


def _read_single(stream: IO[bytes], kind: str, ctx: ReadContext, *, source: str, doc_id: str,
                 url: str | None, declared: str | None) -> Iterator[Item]:
    limit = ctx.options.max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield Rejected(source, f"larger than the {limit}-byte limit", None, data[:limit], "too-large")
        return
    if kind == "empty":
        yield Rejected(source, "empty input", None, data, "empty")
    elif kind == "binary":
        yield Rejected(source, "binary data, not text", None, data, "binary")
    elif kind == "feed":
        yield from read_feed(data, ctx, source=source, container_id=doc_id, base_url=url)
    elif kind == "json":
        yield from read_json_array(data, ctx, source=source, container_id=doc_id)
    elif kind == "html":
        yield _one_html(data, ctx, source=source, doc_id=doc_id, url=url, declared=declared)
    else:
        yield _one_text(data, ctx, source=source, doc_id=doc_id, url=url, declared=declared)


def _one_html(data: bytes, ctx: ReadContext, *, source: str, doc_id: str, url: str | None,
              declared: str | None) -> Item:
    try:
        return read_html(data, ctx, doc_id=doc_id, source=source, url=url, declared=declared)
    except HtmlError as exc:
        return Rejected(source, str(exc), None, data, exc.kind)
    except DecodeError as exc:
        return Rejected(source, str(exc), None, data, "encoding")


def _one_text(data: bytes, ctx: ReadContext, *, source: str, doc_id: str, url: str | None,
              declared: str | None) -> Item:
    try:
        text = decode_bytes(data, declared)[0]
    except DecodeError as exc:
        return Rejected(source, str(exc), None, data, "encoding")
    doc = read_text(text, ctx, doc_id=doc_id, source=source, url=url)
    if not doc.text.strip():
        return Rejected(source, "no text after the header", None, data, "empty")
    return doc
