"""Plain-text documents, optionally with a header.

Header forms (everything before the first blank line; the body follows it):

* ``key value`` or ``key: value`` lines with keys date/published, title, url/link, id,
  plus at most one line that is not a key line: the title;
* the one-line form `` date 2024-11-06 <title>``: a date followed by the title.

Without such a header the whole file is the text. Document.text is the body exactly as
returned here (newlines normalised to ``\\n``; offsets index it).
"""

from __future__ import annotations

import re

from ..model import Document
from .common import ReadContext, normalise_newlines, parse_date

__all__ = ["read_text", "split_header"]

_KEY_LINE = re.compile(
    r"^\s*(date|published|title|url|link|id|author|source|language|lang)\s*[:=]?\s+(.*?)\s*$", re.I)
_DATE_THEN_TITLE = re.compile(r"^\s*(?:date|published)\s*[:=]?\s+(\d{4}-\d{1,2}-\d{1,2})"
                              r"(?:T[\d:.+\-Z]*)?\s+(\S.*?)\s*$", re.I)
_KEY_ALIASES = {"published": "date", "link": "url", "lang": "language"}
# A header block is short; a first paragraph of 12+ lines is body text.
MAX_HEADER_LINES = 12
# A title longer than this is a first paragraph, not a title.
MAX_TITLE_CHARS = 300


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(header fields, body). Fields: date, title, url, id, author, language."""
    stripped = text.lstrip("\n")
    block, sep, rest = stripped.partition("\n\n")
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if not sep or not lines or len(lines) > MAX_HEADER_LINES:
        return {}, text.strip()
    fields: dict[str, str] = {}
    title_lines: list[str] = []
    for line in lines:
        m = _DATE_THEN_TITLE.match(line)
        if m and "date" not in fields:
            fields["date"], fields["title"] = m.group(1), m.group(2)
            continue
        km = _KEY_LINE.match(line)
        if km and km.group(2):
            key = _KEY_ALIASES.get(km.group(1).lower(), km.group(1).lower())
            fields.setdefault(key, km.group(2))
            continue
        title_lines.append(line.strip())
    if not fields or len(title_lines) > 1 or (title_lines and len(title_lines[0]) > MAX_TITLE_CHARS):
        return {}, text.strip()
    if title_lines:
        fields.setdefault("title", title_lines[0])
    if "date" in fields and parse_date(fields["date"]) is None:
        return {}, text.strip()
    return fields, rest.strip()


def read_text(text: str, ctx: ReadContext, *, doc_id: str, source: str,
              url: str | None = None) -> Document:
    fields, body = split_header(normalise_newlines(text))
    return ctx.document(doc_id=fields.get("id") or doc_id, text=body, source=source,
                        title=fields.get("title"), url=fields.get("url") or url,
                        published=parse_date(fields.get("date")),
                        meta={"author": fields["author"]} if "author" in fields else None)
