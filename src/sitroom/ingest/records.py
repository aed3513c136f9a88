"""Collections of documents: JSONL (one object per line), a JSON array, and CSV/TSV.

Only the id, text, title, published and url fields are read (their names are
configurable with ``ReadOptions.csv_columns``); other keys are ignored. Ids pass through
verbatim; a record without one gets ``<container id>-<line>``. A bad record becomes a
``Rejected`` naming the file and line, and reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from typing import IO, Any, Iterator, Mapping

from ..model import Document
from .common import ReadContext, normalise_newlines, parse_date
from .decode import LEGACY_ERRORS, DecodeError, decode_bytes
from .options import Rejected

__all__ = ["read_jsonl", "read_json_array", "read_csv"]

log = logging.getLogger("sitroom.ingest")
_CHUNK = 1 << 16


def _record(obj: Mapping[str, Any], ctx: ReadContext, *, source: str, line: int | None,
            default_id: str, raw: bytes) -> Document | Rejected:
    col = ctx.options.column
    text = obj.get(col("text"))
    if not isinstance(text, str):
        return Rejected(source, f"no text in field {col('text')!r}", line, raw, "malformed-json"
                        if text is not None else "empty")
    text = normalise_newlines(text).strip()
    if not text:
        return Rejected(source, "empty text", line, raw, "empty")
    raw_id = obj.get(col("id"))
    doc_id = str(raw_id) if raw_id not in (None, "") else default_id
    title = obj.get(col("title"))
    url = obj.get(col("url"))
    return ctx.document(doc_id=doc_id, text=text, source=source,
                        title=str(title) if title else None, url=str(url) if url else None,
                        published=parse_date(obj.get(col("published"))))


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line bytes, too_large) without ever holding more than max_bytes."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                more = stream.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield number, line[:max_bytes], True
            continue
        yield number, line, False


def read_jsonl(stream: IO[bytes], ctx: ReadContext, *, source: str,
               container_id: str) -> Iterator[Document | Rejected]:
    limit = ctx.options.max_bytes
    for number, line, too_large in _lines(stream, limit):
        if too_large:
            yield Rejected(source, f"line longer than {limit} bytes", number, line, "too-large")
            continue
        if not line.strip():
            continue
        try:
            text = decode_bytes(line)[0]
            obj = json.loads(text)
        except (DecodeError, ValueError) as exc:
            kind = "encoding" if isinstance(exc, DecodeError) else "malformed-json"
            yield Rejected(source, f"malformed JSON: {exc}", number, line, kind)
            continue
        if not isinstance(obj, dict):
            yield Rejected(source, f"expected a JSON object, got {type(obj).__name__}", number,
                           line, "malformed-json")
            continue
        yield _record(obj, ctx, source=source, line=number,
                      default_id=f"{container_id}-{number}", raw=line)


def read_json_array(data: bytes, ctx: ReadContext, *, source: str,
                    container_id: str) -> Iterator[Document | Rejected]:
    """A JSON array of document objects (or one object) held in memory (<= max_bytes)."""
    try:
        parsed = json.loads(decode_bytes(data)[0])
    except (DecodeError, ValueError) as exc:
        yield Rejected(source, f"malformed JSON: {exc}", None, data, "malformed-json")
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for i, obj in enumerate(items, 1):
        if not isinstance(obj, dict):
            yield Rejected(source, f"item {i}: expected a JSON object", None, None, "malformed-json")
            continue
        raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        doc_id = container_id if len(items) == 1 else f"{container_id}-{i}"
        yield _record(obj, ctx, source=source, line=None if len(items) == 1 else i,
                      default_id=doc_id, raw=raw)


def _csv_dialect(head: str, source: str) -> str:
    first = head.split("\n", 1)[0]
    if source.lower().endswith((".tsv", ".tab")) or first.count("\t") > first.count(","):
        return "\t"
    if first.count(";") > first.count(","):
        return ";"
    return ","


def read_csv(stream: IO[bytes], head: bytes, ctx: ReadContext, *, source: str,
             container_id: str) -> Iterator[Document | Rejected]:
    """CSV/TSV with a header row; the encoding is decided on the first 64 KB."""
    try:
        head_text, encoding = decode_bytes(head[:_CHUNK])
    except DecodeError as exc:
        yield Rejected(source, f"unreadable CSV: {exc}", None, head, "encoding")
        return
    errors = "replace"
    if encoding in ("utf-8", "utf-8+cp1252"):
        encoding, errors = "utf-8", LEGACY_ERRORS
    limit = ctx.options.max_bytes
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)  # the csv module's default (128 KB) is below our item limit
    text = io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
    try:
        yield from _csv_rows(text, ctx, head, source=source, container_id=container_id,
                             delimiter=_csv_dialect(head_text, source))
    finally:
        text.detach()  # leave the caller's stream open (it may be stdin)


def _csv_rows(text: IO[str], ctx: ReadContext, head: bytes, *, source: str, container_id: str,
              delimiter: str) -> Iterator[Document | Rejected]:
    limit = ctx.options.max_bytes
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except (csv.Error, UnicodeError) as exc:
        yield Rejected(source, f"malformed CSV header: {exc}", 1, head[:limit], "malformed-csv")
        return
    text_col = ctx.options.column("text")
    if text_col not in columns:
        yield Rejected(source, f"no {text_col!r} column (columns: {', '.join(columns)})", 1,
                       head[:limit], "malformed-csv")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(source, f"malformed CSV row: {exc}", reader.line_num, None, "malformed-csv")
            continue
        line = reader.line_num
        if None in row:  # more cells than columns
            row.pop(None)
        raw = json.dumps(row, ensure_ascii=False).encode("utf-8")[:limit]
        yield _record(row, ctx, source=source, line=line,
                      default_id=f"{container_id}-{line}", raw=raw)
