"""RSS and Atom files: items become documents, broken feeds become Rejected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom import Document
from sitroom.ingest import Rejected, read_inputs

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Coast Herald</title><link>https://herald.example/</link><description>News</description>
<item><title>Fishermen protest port fees</title><link>https://herald.example/port-fees</link>
<guid>herald-1001</guid><pubDate>Tue, 07 May 2024 08:15:00 +0000</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Hundreds of fishermen blocked the harbour entrance on Tuesday to
protest a rise in port fees.</p><p>The harbour master said talks would start on Thursday.</p>]]></content:encoded>
</item>
<item><title>Storm warning</title><link>https://herald.example/storm</link>
<pubDate>Wed, 08 May 2024 06:00:00 +0000</pubDate>
<description>The weather office issued a storm warning for the northern coast, advising boats to stay in port.</description>
</item>
<item><title>Photo gallery</title><link>https://herald.example/gallery</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Monitor</title><id>urn:bm</id>
<updated>2024-09-02T10:00:00Z</updated>
<entry><title>Checkpoint reopens</title><id>urn:bm:77</id>
<link href="https://monitor.example/checkpoint"/><published>2024-09-01T12:00:00Z</published>
<updated>2024-09-02T10:00:00Z</updated>
<summary type="html">&lt;p&gt;The northern checkpoint reopened to trucks on Sunday after a two-week
closure, customs officials said.&lt;/p&gt;</summary></entry>
</feed>"""


def test_ingest_feeds_rss_items_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "herald.xml"
    path.write_text(RSS, "utf-8")
    items = list(read_inputs([str(path)]))
    a, b, c = items
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.title, a.url, a.published) == ("Fishermen protest port fees", "https://herald.example/port-fees",
                                             date(2024, 5, 7))
    # content:encoded wins over the teaser; paragraphs are kept apart
    assert a.text == ("Hundreds of fishermen blocked the harbour entrance on Tuesday to protest a rise in "
                      "port fees.\n\nThe harbour master said talks would start on Thursday.")
    assert b.text.startswith("The weather office issued")
    assert a.id != b.id and a.source == str(path)
    assert isinstance(c, Rejected) and c.kind == "empty"


def test_ingest_feeds_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, "utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert (doc.title, doc.url, doc.published) == ("Checkpoint reopens", "https://monitor.example/checkpoint",
                                                   date(2024, 9, 1))
    assert doc.text.startswith("The northern checkpoint reopened")


@pytest.mark.parametrize("body,docs", [
    (RSS[: RSS.index("<item><title>Storm")] + "<item><title>Sto", 1),  # cut mid-item
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title>', 0),
    ("<rss><channel><<<>>></rss>", 0),
])
def test_ingest_feeds_broken_feed_is_reported(tmp_path: Path, body: str, docs: int) -> None:
    path = tmp_path / "broken.rss"
    path.write_text(body, "utf-8")
    items = list(read_inputs([str(path)]))
    assert sum(isinstance(i, Document) for i in items) == docs
    feed_rejects = [i for i in items if isinstance(i, Rejected) and i.kind == "feed"]
    assert len(feed_rejects) == 1 and feed_rejects[0].source == str(path)
    assert feed_rejects[0].raw == body.encode()
