"""Shared helpers of the readers: ids, dates, and building a Document."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from ..model import Document
from .options import ReadOptions

__all__ = ["ReadContext", "parse_date", "url_id", "stem_id", "normalise_newlines"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def parse_date(value: Any) -> date | None:
    """A date from an ISO date/datetime string (or a date), else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DATE.match(str(value).strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def url_id(url: str) -> str:
    """A stable, readable id for a URL: host, last path segment, and a short hash."""
    parts = urlsplit(url)
    tail = PurePosixPath(parts.path).name or "index"
    slug = _SLUG.sub("-", f"{parts.hostname or 'url'}-{tail}").strip("-")[:60]
    return f"{slug}-{hashlib.sha1(url.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def stem_id(name: str) -> str:
    """A file's id: its name without directories and extension(s) like .html or .warc.gz."""
    base = PurePosixPath(name.replace("\\", "/")).name
    for suffix in (".gz", ".bz2", ".xz"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return stem or base or "document"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class ReadContext:
    """Per-run state of the readers (options and the lazily-loaded language detector)."""

    options: ReadOptions
    _detector: Callable[[str], str | None] | None = field(default=None, repr=False)

    def language(self, text: str) -> str | None:
        if not self.options.detect_language:
            return None
        if self._detector is None:
            from .language import detect_language

            self._detector = detect_language
        return self._detector(text)

    def document(self, *, doc_id: str, text: str, source: str, title: str | None = None,
                 url: str | None = None, published: date | None = None,
                 meta: Mapping[str, Any] | None = None) -> Document:
        return Document(id=doc_id, text=text, title=title or None, url=url or None,
                        published=published, language=self.language(text), source=source,
                        meta=dict(meta or {}))
