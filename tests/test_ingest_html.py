"""HTML pages: main text without boilerplate, and page metadata."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.ingest.html import HtmlError, extract_page, html_fragment_to_text

P1 = ("Artillery fire hit a fuel depot on the edge of the port city overnight, starting a blaze that "
      "burned for hours, the regional governor said on Wednesday.")
P2 = "Firefighters contained the fire by morning and no casualties were reported, he added."


def _page(head: str = "", body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


ARTICLE = (f"<article><h1>Depot ablaze after shelling</h1><div class='share'><a href='#'>Share</a></div>"
           f"<p>{P1}</p><aside class='related'><p>Related: markets fall on war fears and other news</p></aside>"
           f"<div class='ad-slot'><p>Advertisement: buy gold coins now, limited offer for readers</p></div>"
           f"<figure><img src='a.jpg'><figcaption>Smoke over the port, photographed by a resident.</figcaption></figure>"
           f"<p>{P2}</p><p class='tags'><a href='/t/war'>war</a> <a href='/t/port'>port</a></p></article>")
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
COMMENTS = "<section id='comments'><p>Great article, thanks for the update from the port!</p></section>"


def test_ingest_html_marked_article_body_without_boilerplate() -> None:
    text, meta = extract_page(_page("<title>Depot ablaze after shelling | The Courier</title>",
                                    NAV + ARTICLE + COMMENTS))
    assert text == f"{P1}\n\n{P2}"
    assert meta.title == "Depot ablaze after shelling"


def test_ingest_html_unmarked_page_goes_through_trafilatura() -> None:
    body = (NAV + f"<div id='main'><h1>Depot ablaze after shelling</h1><div class='txt'><p>{P1}</p><p>{P2}</p>"
            "<p>Port authorities said shipping would resume on Thursday once inspections were complete.</p>"
            "</div></div><footer><p>Copyright The Courier. All rights reserved.</p></footer>")
    text, _ = extract_page(_page("<title>Depot ablaze after shelling</title>", body))
    assert text.startswith(P1) and P2 in text and "Copyright" not in text and "Home" not in text
    assert "\n\n" in text  # paragraphs stay apart


@pytest.mark.parametrize("head,body,published", [
    ("<meta property='article:published_time' content='2024-10-03T07:00:00+02:00'>", "", date(2024, 10, 3)),
    ("<meta name='date' content='2023-01-15'>", "", date(2023, 1, 15)),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2022-06-30\"}</script>",
     "", date(2022, 6, 30)),
    ("", "<time datetime='2021-12-24T18:00:00Z'>24 Dec</time>", date(2021, 12, 24)),
    ("", "<p class='dateline'>Published 5 March 2020</p>", date(2020, 3, 5)),  # htmldate fallback
])
def test_ingest_html_published_date(head: str, body: str, published: date) -> None:
    _, meta = extract_page(_page(head, ARTICLE.replace("<h1>", body + "<h1>")))
    assert meta.published == published


def test_ingest_html_metadata_from_tags() -> None:
    head = ("<title>ignored | Site</title><meta property='og:title' content='Depot ablaze'>"
            "<meta name='author' content='Ana Ruiz'><link rel='canonical' href='/2024/depot'>")
    _, meta = extract_page(_page(head, ARTICLE), url="https://courier.example/amp/depot?x=1")
    assert (meta.title, meta.author, meta.url) == ("Depot ablaze", "Ana Ruiz", "https://courier.example/2024/depot")


@pytest.mark.parametrize("page", [
    _page("<title>Home</title>", NAV + "<footer>Contact</footer>"),
    _page("<title>Teaser</title>", "<article><p>Short teaser.</p></article>"),
    "<html></html>",
])
def test_ingest_html_boilerplate_only_page_raises(page: str) -> None:
    with pytest.raises(HtmlError) as info:
        extract_page(page)
    assert info.value.kind == "empty"


def test_ingest_html_fragment_to_text_keeps_paragraphs() -> None:
    frag = f"<p>{P1}</p><script>var x=1;</script><ul><li>one</li><li>two</li></ul>Tail <b>bold</b> text"
    assert html_fragment_to_text(frag) == f"{P1}\n\none\n\ntwo\n\nTail bold text"
