"""Watching feeds: new items' pages are fetched and ingested once, across restarts."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected
from sitroom.ingest.watch import PollResult, watch
from test_ingest_http import LocalSite

LOCAL = ReadOptions(allow_private=True, timeout=5)


def _article(title: str, para: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title>"
            "<meta property='article:published_time' content='2024-07-0{d}T10:00:00Z'></head><body>"
            "<nav><a href='/'>Home</a></nav><article>"
            f"<h1>{title}</h1><p>{para}</p><p>Residents said the situation remained tense late into the "
            "evening, and schools in the area were closed until further notice.</p></article>"
            "<footer>Contact us</footer></body></html>").replace("{d}", str(len(title) % 9 + 1))


STORIES = {
    "/news/1": ("Militia attacks market town",
                "Gunmen from a local militia attacked a market town in the eastern hills on Monday, "
                "burning shops and killing at least six traders, a district official said."),
    "/news/2": ("Students march against fee rise",
                "Thousands of students marched to the education ministry on Tuesday to protest a "
                "planned rise in university fees, chanting slogans and carrying banners."),
    "/news/3": ("Navy seizes weapons shipment",
                "The navy intercepted a fishing boat carrying rifles and ammunition off the southern "
                "coast on Wednesday and detained its crew of nine, a spokesman said."),
}


def _guid(path: str) -> str:
    return "hills" + path.replace("/", "-")


def _rss(site: LocalSite, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>{STORIES[p][0]}</title><link>{site.url(p)}</link><guid isPermaLink='false'>{_guid(p)}</guid>"
        f"<description>Teaser.</description></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hills wire</title>'
            f"<link>{site.base}/</link><description>x</description>{items}</channel></rss>")


def _serve(site: LocalSite, paths: list[str]) -> str:
    for p in STORIES:
        site.add(p, _article(*STORIES[p]))
    return site.add("/feed.xml", _rss(site, paths), "application/rss+xml")


class FakeStore:
    """Records what the watcher hands over (unit tests of the loop only)."""

    def __init__(self) -> None:
        self.ingested: list[Document | Rejected] = []
        self.seen: dict[str, set[str]] = {}

    def ingest(self, items: Any, pipeline: Any = None) -> Any:
        self.ingested.extend(items)
        return None

    def seen_items(self, feed: str) -> set[str]:
        return set(self.seen.get(feed, set()))

    def mark_seen(self, feed: str, keys: Any) -> None:
        self.seen.setdefault(feed, set()).update(keys)


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


def test_ingest_watch_ingests_new_items_pages_once(site: LocalSite) -> None:
    feed = _serve(site, ["/news/1", "/news/2"])
    store = FakeStore()
    watch([feed], store, None, 0.01, LOCAL, max_rounds=2)
    docs = [d for d in store.ingested if isinstance(d, Document)]
    assert [d.title for d in docs] == ["Militia attacks market town", "Students march against fee rise"]
    assert docs[0].text.startswith("Gunmen from a local militia")  # the page, not the teaser
    assert docs[0].url == site.url("/news/1")
    assert store.seen[feed] == {"hills-news-1", "hills-news-2"}
    assert site.hits.count("/news/1") == 1  # the second round fetched the feed only
    site.add("/feed.xml", _rss(site, ["/news/3", "/news/1", "/news/2"]), "application/rss+xml")
    watch([feed], store, None, 0.01, LOCAL, max_rounds=1)
    assert [d.title for d in store.ingested][-1] == "Navy seizes weapons shipment"
    assert len(store.ingested) == 3


def test_ingest_watch_transient_page_failure_is_retried(site: LocalSite) -> None:
    feed = _serve(site, ["/news/1"])
    site.add("/news/1", "server busy", "text/plain", status=503)
    store = FakeStore()
    results: list[PollResult] = []
    watch([feed], store, None, 0.01, LOCAL, max_rounds=1, on_poll=results.append)
    assert store.ingested == [] and store.seen.get(feed, set()) == set()
    assert results[0].retry_later == 1
    site.add("/news/1", _article(*STORIES["/news/1"]))
    watch([feed], store, None, 0.01, LOCAL, max_rounds=1)
    assert [d.title for d in store.ingested] == ["Militia attacks market town"]


def test_ingest_watch_unreadable_feed_is_reported_not_raised(site: LocalSite) -> None:
    broken = site.add("/broken.xml", "<rss><channel><<<", "application/rss+xml")
    missing = site.url("/nothing-here.xml")
    results: list[PollResult] = []
    watch([broken, missing], FakeStore(), None, 0.01, LOCAL, max_rounds=1, on_poll=results.append)
    assert [bool(r.error) for r in results] == [True, True]


def test_ingest_watch_stops_on_stop_event(site: LocalSite) -> None:
    feed = _serve(site, ["/news/1"])
    stop = threading.Event()
    polled = threading.Event()
    thread = threading.Thread(target=watch, args=([feed], FakeStore(), None, 3600, LOCAL),
                              kwargs={"stop": stop, "on_poll": lambda r: polled.set()})
    thread.start()
    assert polled.wait(10)
    t0 = time.monotonic()
    stop.set()
    thread.join(5)
    assert not thread.is_alive() and time.monotonic() - t0 < 5


def test_ingest_watch_stores_in_real_store_and_remembers_across_restarts(
        site: LocalSite, tmp_path: Path, pipeline) -> None:
    import sitroom

    feed = _serve(site, ["/news/1", "/news/2"])
    db = tmp_path / "watch.duckdb"
    with sitroom.open(db) as store:
        watch([feed], store, pipeline, 0.01, LOCAL, max_rounds=1)
        first = store.documents()
    assert sorted(d["title"] for d in first) == ["Militia attacks market town", "Students march against fee rise"]
    assert {d["url"] for d in first} == {site.url("/news/1"), site.url("/news/2")}
    hits_before = list(site.hits)
    with sitroom.open(db) as store:  # a restarted watcher
        assert store.seen_items(feed) == {"hills-news-1", "hills-news-2"}
        site.add("/feed.xml", _rss(site, ["/news/3", "/news/1", "/news/2"]), "application/rss+xml")
        watch([feed], store, pipeline, 0.01, LOCAL, max_rounds=1)
        titles = [d["title"] for d in store.documents()]
    assert sorted(titles) == sorted(t for t, _ in STORIES.values())
    assert site.hits[len(hits_before):] == ["/feed.xml", "/news/3"]
