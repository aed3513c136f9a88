"""What reading yields besides documents (``Rejected``) and how reading is configured."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .._version import __version__

__all__ = ["Rejected", "ReadOptions", "DEFAULT_COLUMNS", "DEFAULT_MAX_BYTES"]

# 50 MB: ~10,000x a long news article; a larger single item is a mistake or an attack.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Field names read from JSONL objects and CSV columns: logical name -> name in the input.
DEFAULT_COLUMNS: Mapping[str, str] = MappingProxyType(
    {"id": "id", "text": "text", "title": "title", "published": "published", "url": "url"})


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input item that could not become a Document, and why.

    ``kind`` is a short machine-readable class of the problem: "binary", "encoding",
    "too-large", "empty", "malformed-json", "malformed-csv", "malformed-warc", "truncated",
    "http", "blocked" (a private address refused), "feed", "html", "unreadable".
    ``raw`` keeps the item's bytes (at most ``ReadOptions.max_bytes``) for a later retry;
    it is None when the bytes were never read (a file over the size limit, a refused URL).
    """

    source: str
    reason: str
    line: int | None = None
    raw: bytes | None = None
    kind: str = ""

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    ``max_bytes`` bounds every single item (a file, a JSONL line, a WARC record, an HTTP
    body); containers (JSONL, CSV, WARC) may be larger than that as a whole.
    ``columns`` maps the logical fields id/text/title/published/url to the column names of
    CSV files and the keys of JSONL objects (``csv_columns`` is the same mapping).
    ``min_text_chars``: HTML pages whose main text is shorter are rejected as
    boilerplate-only.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0
    max_redirects: int = 5
    csv_columns: Mapping[str, str] = field(default_factory=lambda: DEFAULT_COLUMNS)
    user_agent: str = f"sitroom/{__version__} (news event extraction)"
    # 80 characters: one short sentence. Navigation-only pages that trafilatura still
    # returns something for yield a few words ("Sign in", "Cookie settings").
    min_text_chars: int = 80
    detect_language: bool = True
    follow_symlinks: bool = False

    def column(self, name: str) -> str:
        """The input's name for the logical field ``name``."""
        return self.csv_columns.get(name, name)
