"""Poll RSS/Atom feeds (or plain pages) and ingest what is new, incrementally.

Each round fetches every feed; items not seen before (by guid, else link) have their
page fetched and read (falling back to the item's own content when the page cannot be
read), are ingested with ``store.ingest(items, pipeline)`` and then recorded with
``store.mark_seen(feed, keys)``, so a restarted watcher carries on where it stopped. A
watched page that is not a feed is offered to the store again whenever its main text
changes (keyed by its id and content hash).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence
from urllib.parse import urlsplit

from ..model import Document
from .common import ReadContext, url_id
from .feeds import FeedError, FeedItem, item_id, parse_feed
from .fetch import Fetcher, FetchError, is_url
from .options import ReadOptions, Rejected
from .reader import read_bytes
from .sniff import sniff

__all__ = ["watch", "poll_once", "PollResult", "FeedStore"]

log = logging.getLogger("sitroom.ingest.watch")

# Rejections that may go away by themselves (a server error, a timeout): such items are
# not marked as seen, so the next round tries them again.
TRANSIENT_KINDS = frozenset({"http"})


class FeedStore(Protocol):
    def ingest(self, items: Any, pipeline: Any = None) -> Any: ...
    def seen_items(self, feed: str) -> set[str]: ...
    def mark_seen(self, feed: str, keys: Any) -> None: ...


@dataclass
class PollResult:
    """What one poll of one feed did."""

    feed: str
    new_items: int = 0
    documents: int = 0
    rejected: int = 0
    retry_later: int = 0
    error: str | None = None
    report: Any = None  # what store.ingest returned
    problems: list[Rejected] = field(default_factory=list)


def watch(feeds: Sequence[str], store: FeedStore, pipeline: Any, every_seconds: float,
          options: ReadOptions, stop: threading.Event | None = None,
          max_rounds: int | None = None,
          on_poll: Callable[[PollResult], None] | None = None) -> None:
    """Poll ``feeds`` every ``every_seconds`` until ``stop`` is set, ``max_rounds`` rounds
    have run, or Ctrl-C. ``on_poll`` is called with the result of every poll."""
    stop = stop or threading.Event()
    ctx = ReadContext(options)
    rounds = 0
    with Fetcher(options) as fetcher:
        try:
            while not stop.is_set():
                for feed in feeds:
                    if stop.is_set():
                        break
                    result = poll_once(feed, store, pipeline, ctx, fetcher)
                    if on_poll is not None:
                        on_poll(result)
                rounds += 1
                if max_rounds is not None and rounds >= max_rounds:
                    break
                stop.wait(every_seconds)
        except KeyboardInterrupt:
            log.info("watch interrupted; stopping")


def _fetch_body(feed: str, fetcher: Fetcher, limit: int) -> tuple[bytes, str | None]:
    """(body, final URL or None for a local file); raises FetchError/OSError."""
    if is_url(feed):
        result = fetcher.fetch(feed)
        return result.body, result.url
    with Path(feed).open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FetchError(feed, f"larger than the {limit}-byte limit", "too-large")
    return data, None


def poll_once(feed: str, store: FeedStore, pipeline: Any, ctx: ReadContext,
              fetcher: Fetcher) -> PollResult:
    """Fetch ``feed`` once and ingest its new items."""
    result = PollResult(feed)
    try:
        body, final_url = _fetch_body(feed, fetcher, ctx.options.max_bytes)
    except FetchError as exc:
        result.error = exc.reason
        log.warning("%s: %s", feed, exc.reason)
        return result
    except OSError as exc:
        result.error = str(exc)
        log.warning("%s: %s", feed, exc)
        return result
    kind = sniff(body[:65536], urlsplit(feed).path)
    if kind == "feed":
        _poll_feed(feed, body, final_url, store, pipeline, ctx, fetcher, result)
    else:
        _poll_page(feed, body, final_url, store, pipeline, ctx, result)
    return result


def _poll_feed(feed: str, body: bytes, final_url: str | None, store: FeedStore, pipeline: Any,
               ctx: ReadContext, fetcher: Fetcher, result: PollResult) -> None:
    try:
        items, problem = parse_feed(body, base_url=final_url)
    except FeedError as exc:
        result.error = str(exc)
        log.warning("%s: %s", feed, exc)
        return
    if problem:
        log.warning("%s: %s", feed, problem)
    seen = store.seen_items(feed)
    fresh: dict[str, tuple[int, FeedItem]] = {}
    for position, item in enumerate(items, 1):
        if item.key not in seen and item.key not in fresh:
            fresh[item.key] = (position, item)
    result.new_items = len(fresh)
    if not fresh:
        return
    done: list[str] = []
    batch: list[Document | Rejected] = []
    container = url_id(final_url) if final_url else Path(feed).stem
    for key, (position, item) in fresh.items():
        got = _item_document(item, feed, ctx, fetcher, item_id(item, container, position))
        if isinstance(got, Rejected) and got.kind in TRANSIENT_KINDS:
            result.retry_later += 1
            result.problems.append(got)
            continue
        batch.append(got)
        done.append(key)
    _ingest(store, pipeline, batch, result)
    store.mark_seen(feed, done)


def _item_document(item: FeedItem, feed: str, ctx: ReadContext, fetcher: Fetcher,
                   doc_id: str) -> Document | Rejected:
    """The item's page as a Document, else its feed content, else why neither worked."""
    page: Document | Rejected | None = None
    if item.link and is_url(item.link):
        page = _first(_read_page(item.link, ctx, fetcher, doc_id))
        if isinstance(page, Document):
            return replace(page, title=page.title or item.title,
                           published=page.published or item.published)
    if len(item.text) >= ctx.options.min_text_chars or (item.text and page is None):
        return ctx.document(doc_id=doc_id, text=item.text, source=feed, title=item.title,
                            url=item.link, published=item.published)
    if page is not None:
        return page
    return Rejected(f"{feed}#{item.key}", "feed item without content, summary or link",
                    None, item.raw, "empty")


def _read_page(url: str, ctx: ReadContext, fetcher: Fetcher, doc_id: str
               ) -> Iterator[Document | Rejected]:
    try:
        result = fetcher.fetch(url)
    except FetchError as exc:
        yield Rejected(url, exc.reason, None, exc.raw, exc.kind)
        return
    yield from read_bytes(result.body, ctx, source=url, name=urlsplit(result.url).path,
                          doc_id=doc_id, url=result.url,
                          kind_hint="html" if "html" in result.content_type.lower() else None)


def _first(items: Iterator[Document | Rejected]) -> Document | Rejected | None:
    return next(iter(items), None)


def _poll_page(feed: str, body: bytes, final_url: str | None, store: FeedStore, pipeline: Any,
               ctx: ReadContext, result: PollResult) -> None:
    doc_id = url_id(final_url) if final_url else Path(feed).stem
    seen = store.seen_items(feed)
    batch: list[Document | Rejected] = []
    keys: list[str] = []
    for item in read_bytes(body, ctx, source=feed, name=urlsplit(feed).path, doc_id=doc_id,
                           url=final_url):
        key = f"{item.id}:{item.content_hash}" if isinstance(item, Document) else \
            f"rejected:{item.reason}"
        if key in seen:
            continue
        keys.append(key)
        batch.append(item)
    result.new_items = len(batch)
    if batch:
        _ingest(store, pipeline, batch, result)
        store.mark_seen(feed, keys)


def _ingest(store: FeedStore, pipeline: Any, batch: list[Document | Rejected],
            result: PollResult) -> None:
    result.documents += sum(1 for x in batch if isinstance(x, Document))
    rejected = [x for x in batch if isinstance(x, Rejected)]
    result.rejected += len(rejected)
    result.problems.extend(rejected)
    if batch:
        result.report = store.ingest(batch, pipeline)
