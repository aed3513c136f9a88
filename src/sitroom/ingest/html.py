"""HTML pages -> main text and metadata.

The page is decoded (declared charset, <meta charset>, detection) and parsed once with
lxml. Metadata come from the usual tags (OpenGraph, article:*, JSON-LD, <link
rel=canonical>, <time>), with htmldate as the fallback for the publication date.

The main text comes from the page's marked article body when it has one (<article>,
itemprop=articleBody, the usual body classes; paragraph-like blocks only, minus ads,
share bars, captions, tag and link lists), else from trafilatura in its fast mode (no
fallback extractors, no comments). Measured on the benchmark pages of
bench/bench_ingest_warc.py (90 KB each, 100 pages): the marked-body path ~1 ms per page,
trafilatura's fast mode ~7-10 ms, its default mode ~12-23 ms (load-dependent); the two
paths' sentence sets overlap 0.98 on average (Jaccard), the gap being a page where
trafilatura found no text at all.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from ..model import Document
from .common import ReadContext, parse_date
from .decode import decode_bytes

__all__ = ["read_html", "html_fragment_to_text", "PageMeta", "HtmlError", "extract_page"]

log = logging.getLogger("sitroom.ingest")

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,40}$")
_DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate" or @name="publishdate" or @name="date" or @name="dc.date"'
    ' or @name="DC.date.issued" or @name="sailthru.date" or @name="parsely-pub-date"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//article//time/@datetime',
)
_TITLE_XPATHS = ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content')
_AUTHOR_XPATHS = ('//meta[@name="author"]/@content', '//meta[@property="article:author"]/@content',
                  '//*[@rel="author"]//text()')
# Where pages mark their article body: the tags first (cheap), then the usual classes.
_BODY_XPATHS = ('//article | //*[@itemprop="articleBody"]',
                '//*[@class and (contains(@class, "article-body") or contains(@class, "article__body")'
                ' or contains(@class, "story-body") or contains(@class, "entry-content")'
                ' or contains(@class, "post-content") or contains(@class, "articleBody"))]')
_TEXT_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
_NOISE_TAGS = frozenset({"nav", "aside", "figure", "figcaption", "footer", "header", "form",
                         "script", "style", "noscript", "button", "select", "iframe", "svg"})
_NOISE_MARKS = re.compile(
    r"(?<![a-z])(?:ad|ads|advert\w*|sponsor\w*|promo\w*|related|recommend\w*|share|sharing|"
    r"social|comment\w*|newsletter|subscri\w*|signup|byline|caption|credit|tags?|breadcrumbs?|"
    r"sidebar|most-read|popular|trending|cookie\w*|paywall|outbrain|taboola|author-bio)(?![a-z])", re.I)
# A block whose text is mostly link text is a list of links ("Read more: ...").
MAX_LINK_SHARE = 0.5
# A marked article body with less text than this is probably a teaser card or a stub:
# let trafilatura look at the whole page instead. 200 characters: two short sentences.
FAST_PATH_MIN_CHARS = 200
# trafilatura's time grows faster than linearly with the element count (a page of 200,000
# <p> took 20 s); real news pages have 1,000-20,000 elements. Bigger pages are read as
# plain paragraphs.
MAX_TRAFILATURA_ELEMENTS = 50_000
# Paragraph-like blocks read from one page at most (a long article has a few hundred);
# bounds the time a pathological page can take (~30 us per block).
MAX_BLOCKS = 20_000
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "tr", "section", "article", "pre", "ul", "ol", "table", "figure"})


class HtmlError(ValueError):
    """A page without usable main text (boilerplate only, empty, unparsable)."""

    def __init__(self, reason: str, kind: str = "empty") -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    published: date | None = None
    author: str | None = None
    url: str | None = None


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def parse_html(data: bytes | str, declared: str | None = None) -> Any:
    """An lxml tree of the page (raises HtmlError when nothing parses)."""
    import lxml.html
    from lxml.etree import ParserError

    text = data if isinstance(data, str) else decode_bytes(
        data, declared or _declared_charset(data))[0]
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses str input with an encoding prolog
    if not text.strip():
        raise HtmlError("empty page")
    try:
        return lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise HtmlError(f"unparsable HTML: {exc}", "html") from exc


def _first(tree: Any, xpaths: tuple[str, ...]) -> str | None:
    for xp in xpaths:
        for value in tree.xpath(xp):
            value = str(value).strip()
            if value:
                return value
    return None


def _json_ld(tree: Any) -> dict[str, Any]:
    for raw in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and ("datePublished" in item or "headline" in item):
                return item
    return {}


def _ld_author(ld: dict[str, Any]) -> str | None:
    a = ld.get("author")
    if isinstance(a, list) and a:
        a = a[0]
    if isinstance(a, dict):
        a = a.get("name")
    return str(a).strip() if isinstance(a, str) and a.strip() else None


def page_meta(tree: Any, base_url: str | None) -> PageMeta:
    ld = _json_ld(tree)
    title = _first(tree, _TITLE_XPATHS) or (str(ld["headline"]).strip() if ld.get("headline") else None)
    if not title:
        raw = " ".join(tree.xpath("//title//text()")).strip()
        title = _TITLE_SUFFIX.sub("", raw) if raw else (_first(tree, ("//h1//text()",)))
    published = parse_date(_first(tree, _DATE_XPATHS)) or parse_date(ld.get("datePublished"))
    if published is None:
        published = _htmldate(tree)
    author = _first(tree, _AUTHOR_XPATHS) or _ld_author(ld)
    canonical = _first(tree, ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'))
    url = urljoin(base_url or "", canonical) if canonical else base_url
    if url and not url.startswith(("http://", "https://")):
        url = base_url
    return PageMeta(title=" ".join(title.split()) if title else None, published=published,
                    author=author, url=url)


def _htmldate(tree: Any) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate must not stop reading a page
        log.debug("htmldate failed", exc_info=True)
        return None
    return parse_date(found)


def main_text(tree: Any, url: str | None, min_chars: int = 0) -> str:
    """Paragraphs of the article, separated by blank lines.

    Pages that mark their article body (<article>, itemprop=articleBody, the usual body
    classes) are read directly from it (~1 ms); other pages, and marked bodies that yield
    too little text, go through trafilatura's fast mode (~7-10 ms per page)."""
    text = _marked_body_text(tree)
    if len(text) >= max(min_chars, FAST_PATH_MIN_CHARS):
        return text
    body = tree.find("body")
    if body is not None and _count_elements(body, MAX_TRAFILATURA_ELEMENTS) >= MAX_TRAFILATURA_ELEMENTS:
        log.debug("page too large for trafilatura; reading its paragraphs")
        return _container_text(body)
    import trafilatura

    extracted = trafilatura.extract(tree, url=url, fast=True, include_comments=False,
                                    include_images=False, include_links=False, deduplicate=False)
    lines = [ln.strip() for ln in (extracted or "").split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def _count_elements(root: Any, stop: int) -> int:
    n = 0
    for _ in root.iter():
        n += 1
        if n >= stop:
            break
    return n


def _container_text(container: Any) -> str:
    paras = []
    for i, el in enumerate(container.iter(*_TEXT_BLOCKS)):
        if i >= MAX_BLOCKS:
            log.debug("page has more than %d text blocks; the rest is not read", MAX_BLOCKS)
            break
        text = _block_text(el, container)
        if text:
            paras.append(text)
    return "\n\n".join(paras)


def _marked_body_text(tree: Any) -> str:
    best = ""
    for xpath in _BODY_XPATHS:
        for container in tree.xpath(xpath):
            if _is_noise(container):
                continue
            text = _container_text(container)
            if len(text) > len(best):
                best = text
        if len(best) >= FAST_PATH_MIN_CHARS:
            break
    return best


def _is_noise(el: Any) -> bool:
    if el.tag in _NOISE_TAGS:
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(marks.strip()) and _NOISE_MARKS.search(marks) is not None


def _block_text(el: Any, container: Any) -> str:
    """The text of a paragraph-like element, or "" when it is noise or holds other blocks."""
    if any(True for _ in el.iterdescendants(*_TEXT_BLOCKS)):
        return ""  # its inner blocks are read on their own
    node = el
    while node is not None and node is not container:
        if _is_noise(node):
            return ""
        node = node.getparent()
    text = " ".join(el.text_content().split())
    if not text:
        return ""
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return "" if linked > MAX_LINK_SHARE * len(text) else text


def _without_headline(text: str, title: str | None) -> str:
    """Drop a first line that repeats the title (extractors keep the <h1>)."""
    first, sep, rest = text.partition("\n")
    if title and sep and _norm(first) == _norm(title):
        return rest.lstrip()
    return text


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", s.lower()).split())


def extract_page(data: bytes | str, *, url: str | None = None, declared: str | None = None,
                 min_chars: int = 80) -> tuple[str, PageMeta]:
    """(main text, metadata) of a page; raises HtmlError without enough main text."""
    tree = parse_html(data, declared)
    meta = page_meta(tree, url)
    text = _without_headline(main_text(tree, url, min_chars), meta.title)
    if len(text) < min_chars:
        raise HtmlError(f"no main text (boilerplate only or empty page; {len(text)} chars)")
    return text, meta


def read_html(data: bytes | str, ctx: ReadContext, *, doc_id: str, source: str,
              url: str | None = None, declared: str | None = None) -> Document:
    text, meta = extract_page(data, url=url, declared=declared,
                              min_chars=ctx.options.min_text_chars)
    return ctx.document(doc_id=doc_id, text=text, source=source, title=meta.title,
                        url=meta.url or url, published=meta.published,
                        meta={"author": meta.author} if meta.author else None)


def html_fragment_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed item's content): blocks become paragraphs."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    chunks: list[str] = []
    _walk(root, chunks)
    paras = ["".join(p).strip() for p in "".join(chunks).split("\n\n")]
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


def _walk(el: Any, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _BLOCK_TAGS:
        out.append("\n\n")
    if el.text and tag:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in _BLOCK_TAGS:
        out.append("\n\n")
