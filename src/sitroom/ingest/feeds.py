"""RSS and Atom feeds (feedparser): each item's content (or summary) is a document, its
link the document's url."""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from ..model import Document
from .common import ReadContext, url_id
from .html import html_fragment_to_text
from .options import Rejected

__all__ = ["FeedItem", "parse_feed", "read_feed", "FeedError", "looks_like_feed"]

log = logging.getLogger("sitroom.ingest")


class FeedError(ValueError):
    """Bytes that are not a usable RSS/Atom feed."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # what identifies the item across polls: guid, else link, else content hash
    title: str | None
    link: str | None
    published: date | None
    text: str  # the item's content or summary as plain text
    raw: bytes


def looks_like_feed(head: str) -> bool:
    h = head[:2000].lower()
    return "<rss" in h or "<rdf:rdf" in h or ("<feed" in h and "atom" in h)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    return html_fragment_to_text(best if len(best) >= len(summary) else summary)


def parse_feed(data: bytes, *, base_url: str | None = None) -> tuple[list[FeedItem], str | None]:
    """(the items of a feed, a problem found in a feed that was still partly readable);
    raises FeedError for bytes that are not a feed."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    version = parsed.get("version") or ""
    if not parsed.entries and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception") or "no RSS/Atom items"
        raise FeedError(f"broken feed: {reason}")
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and exc is not None and not isinstance(
            exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        problem = f"broken feed, {len(parsed.entries)} item(s) recovered: {exc}"
    with warnings.catch_warnings():
        # feedparser warns when "updated" falls back to "published"; that fallback is fine.
        warnings.simplefilter("ignore", DeprecationWarning)
        return [_item(entry) for entry in parsed.entries], problem


def _item(entry: Any) -> FeedItem:
    text = _entry_text(entry)
    link = entry.get("link") or None
    guid = entry.get("id") or link
    key = guid or hashlib.sha1(f"{entry.get('title')}|{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return FeedItem(key=str(key), title=(entry.get("title") or "").strip() or None,
                    link=link, published=_entry_date(entry), text=text, raw=_raw(entry, text))


def _raw(entry: Any, text: str) -> bytes:
    fields = {k: str(entry.get(k)) for k in ("id", "title", "link", "published", "updated")
              if entry.get(k)}
    return json.dumps({**fields, "text": text}, ensure_ascii=False).encode("utf-8", "replace")


def item_id(item: FeedItem, container_id: str, position: int) -> str:
    if item.link:
        return url_id(item.link)
    if item.key and not item.key.startswith(("http://", "https://")) and len(item.key) < 80:
        return f"{container_id}-{item.key}"
    return f"{container_id}-{position}"


def read_feed(data: bytes, ctx: ReadContext, *, source: str, container_id: str,
              base_url: str | None = None) -> Iterator[Document | Rejected]:
    try:
        items, problem = parse_feed(data, base_url=base_url)
    except FeedError as exc:
        yield Rejected(source, str(exc), None, data[: ctx.options.max_bytes], "feed")
        return
    if problem:
        yield Rejected(source, problem, None, data[: ctx.options.max_bytes], "feed")
    for position, item in enumerate(items, 1):
        where = f"{source}#{item.link or position}"
        if not item.text.strip():
            yield Rejected(where, "feed item without content or summary", None, item.raw, "empty")
            continue
        yield ctx.document(doc_id=item_id(item, container_id, position), text=item.text,
                           source=source, title=item.title, url=item.link, published=item.published)
