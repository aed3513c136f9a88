"""Decide what an input is from its first bytes (and, only as a hint, its name)."""

from __future__ import annotations

import json
import re

from .decode import looks_binary
from .feeds import looks_like_feed

__all__ = ["sniff", "HEAD_BYTES", "KINDS"]

# Enough to see a WARC header, an XML prolog with a long DOCTYPE, or a CSV header row.
HEAD_BYTES = 64 * 1024
KINDS = ("empty", "binary", "gzip", "warc", "html", "feed", "jsonl", "json", "csv", "text")

_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|article|section|h1|h2|span|a|br|table|meta|title|script)\b[^>]*>", re.I)
# A page fragment with this many tags near its start is HTML even without <html>.
MIN_HTML_TAGS = 3


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def _is_jsonl(text: str) -> bool:
    line = _first_line(text)
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return "\n" in text.strip()  # a broken first line of a many-line file: still JSONL


def _is_csv(text: str, name: str, text_column: str) -> bool:
    if name.lower().endswith((".csv", ".tsv", ".tab")):
        return True
    header = [c.strip().strip('"').strip() for c in re.split(r"[,\t;]", _first_line(text))]
    return len(header) > 1 and text_column in header


def sniff(head: bytes, name: str = "", text_column: str = "text") -> str:
    """One of KINDS."""
    if not head.strip():
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if looks_binary(head):
        return "binary"
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        if looks_like_feed(text):
            return "feed"
        if _HTML_START.match(text) or len(_HTML_TAGS.findall(text[:4000])) >= MIN_HTML_TAGS:
            return "html"
        if text.startswith("<?xml"):
            return "html" if "<html" in text[:4000].lower() else "feed"
    if text.startswith("{"):
        return "jsonl" if _is_jsonl(text) else "json"
    if text.startswith("["):
        return "json"
    if _is_csv(text, name, text_column):
        return "csv"
    if name.lower().endswith((".html", ".htm", ".xhtml")) and _HTML_TAGS.search(text):
        return "html"
    return "text"
