"""Ingestion benchmark: a WARC of realistic news pages -> read_inputs -> Pipeline -> DuckDB store.

Builds, at run time and into a temporary directory, a WARC.gz of N distinct HTML pages
(30-150 KB each: navigation, ads, sidebars, inline scripts and styles, reader comments;
article bodies assembled from sentences of the evaluation texts in ../shared/data, which
are read at run time and never written into the repository), then ingests it with the
full pipeline into a temporary store and reports pages/s and the peak RSS of the whole
process tree.

    .venv/bin/python bench/bench_ingest_warc.py [--pages 5000] [--jobs 0] [--keep DIR [--reuse]]

Prints one JSON object: pages/s of the full ingest (read + dedupe + all extraction stages
on --jobs worker processes + DuckDB storage), peak RSS of the process tree, the ingest
report, the throughput of the parts (reading alone; reading + dedupe + storage with no
extraction stages) and per-page timings of our HTML reading against trafilatura's modes.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PeakRSS  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
MIN_PAGE_BYTES = 30_000
MAX_PAGE_BYTES = 150_000

SECTIONS = ["World", "Africa", "Americas", "Asia", "Europe", "Middle East", "Politics", "Business",
            "Technology", "Science", "Health", "Sport", "Culture", "Opinion", "Video", "Podcasts"]
FIRST = ["Amina", "Daniel", "Sofia", "Kwame", "Lena", "Rahul", "Marta", "Tomas", "Yusuf", "Ines",
         "Pavel", "Grace", "Hugo", "Nadia", "Omar", "Clara", "Ivan", "Leila", "Samuel", "Zara"]
LAST = ["Okafor", "Mendes", "Kowalski", "Haddad", "Nguyen", "Schmidt", "Mwangi", "Rossi",
        "Petrov", "Suzuki", "Alvarez", "Johansson", "Farouk", "Brennan", "Dubois", "Tanaka"]
COMMENT_LINES = [
    "This is exactly what everyone expected would happen.", "Does anyone have a source for the figures?",
    "Great reporting, thank you for covering this.", "I was there last year and it was already tense.",
    "The headline is misleading, read the whole piece.", "Why is nobody talking about the economy?",
    "Sad news. Thoughts with the families.", "We will see how long this lasts.",
    "The government should have acted months ago.", "Another day, another crisis.",
]
AD_WORDS = ["Limited offer", "Subscribe now", "Best mortgage rates", "Win a holiday", "Top 10 gadgets",
            "Sponsored", "You won't believe", "Learn a language in 3 weeks", "Cheap flights"]


def load_sentences(limit_files: int = 5) -> list[str]:
    """Sentences of the evaluation texts (read at run time only)."""
    sentences: list[str] = []
    for path in sorted(SHARED.glob("*.jsonl"))[:limit_files]:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for s in SENTENCE_SPLIT.split(text.replace("\n", " ")):
                    s = s.strip()
                    if 40 <= len(s) <= 400:
                        sentences.append(s)
    return sentences


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _nav(rng: random.Random) -> str:
    items = "".join(f'<li class="nav-item"><a href="/section/{s.lower().replace(" ", "-")}">{s}</a>'
                    f'<ul class="sub">' + "".join(
                        f'<li><a href="/section/{s.lower()}/{k}">{s} {k}</a></li>' for k in range(rng.randint(3, 8)))
                    + "</ul></li>" for s in SECTIONS)
    return f'<header class="site-header"><div class="logo"><a href="/">The Daily Ledger</a></div><nav id="main-nav"><ul>{items}</ul></nav>' \
           '<form class="search" action="/search"><input name="q" placeholder="Search"/></form></header>'


def _ad(rng: random.Random, n: int) -> str:
    words = rng.choice(AD_WORDS)
    return (f'<div class="ad ad-slot-{n}" data-ad-unit="/1234/news/{n}" style="min-height:250px">'
            f'<span class="ad-label">Advertisement</span><a href="https://ads.example/click?id={rng.randint(1, 10**9)}">'
            f'{words} - {rng.randint(10, 99)}% off</a><script>window.adq=window.adq||[];adq.push({{slot:{n},'
            f'size:[300,250],targeting:{{section:"world",rnd:{rng.random():.6f}}}}});</script></div>')


def _sidebar(rng: random.Random, sentences: list[str]) -> str:
    items = "".join(f'<li><a href="/news/{rng.randint(10**6, 10**7)}">{_esc(rng.choice(sentences)[:80])}</a></li>'
                    for _ in range(10))
    return f'<aside class="most-read"><h3>Most read</h3><ol>{items}</ol></aside>'


def _comments(rng: random.Random) -> str:
    out = []
    for i in range(rng.randint(5, 30)):
        who = f"{rng.choice(FIRST)}{rng.randint(1, 999)}"
        text = " ".join(rng.choice(COMMENT_LINES) for _ in range(rng.randint(1, 4)))
        out.append(f'<li class="comment" id="c{i}"><div class="comment-author">{who}</div>'
                   f'<div class="comment-time">{rng.randint(1, 59)} minutes ago</div>'
                   f'<p class="comment-body">{_esc(text)}</p><button class="reply">Reply</button></li>')
    return f'<section id="comments" class="comments"><h3>Comments</h3><ol>{"".join(out)}</ol></section>'


def _footer(rng: random.Random) -> str:
    cols = "".join(f'<div class="col"><h4>{s}</h4><ul>' + "".join(
        f'<li><a href="/{s.lower()}/{k}">{s} link {k}</a></li>' for k in range(8)) + "</ul></div>"
        for s in SECTIONS[:8])
    return f'<footer class="site-footer">{cols}<p class="legal">&copy; The Daily Ledger. All rights reserved. ' \
           '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a> <a href="/cookies">Cookies</a></p></footer>'


def _style(rng: random.Random, target: int) -> str:
    rules = []
    size = 0
    while size < target:
        r = (f".c{rng.randint(0, 10**6)} .x{rng.randint(0, 999)}{{margin:{rng.randint(0, 40)}px;"
             f"padding:{rng.randint(0, 20)}px;color:#{rng.randint(0, 0xFFFFFF):06x};font-size:{rng.randint(10, 30)}px}}")
        rules.append(r)
        size += len(r)
    return "<style>" + "\n".join(rules) + "</style>"


def make_page(i: int, rng: random.Random, sentences: list[str]) -> tuple[str, bytes]:
    """One distinct news page (URL, HTML bytes) of 30-150 KB."""
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    title = rng.choice(sentences)[:90].rstrip(" ,;") + f" ({i})"
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    url = f"https://news.example/{day:%Y/%m/%d}/story-{i}"
    n_par = rng.randint(4, 12)  # 3-5 KB of article text on average, like real news
    paras, ads = [], 0
    for p in range(n_par):
        paras.append("<p>" + _esc(" ".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))) + "</p>")
        if p % 4 == 3:
            ads += 1
            paras.append(_ad(rng, ads))
    body = (f'<article class="story"><h1 class="headline">{_esc(title)}</h1>'
            f'<div class="byline">By <span class="author">{author}</span> '
            f'<time datetime="{day.isoformat()}T08:{rng.randint(10, 59)}:00Z">{day:%d %B %Y}</time></div>'
            f'<figure><img src="/img/{i}.jpg" alt="photo"/><figcaption>File photo.</figcaption></figure>'
            f'<div class="article-body">{"".join(paras)}</div>'
            f'<div class="share"><a href="#">Share on social</a> <a href="#">Email</a></div></article>')
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": day.isoformat(), "author": {"@type": "Person", "name": author}})
    head = (f'<head><meta charset="utf-8"/><title>{_esc(title)} | The Daily Ledger</title>'
            f'<meta property="og:title" content="{_esc(title)}"/>'
            f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z"/>'
            f'<meta name="author" content="{author}"/><link rel="canonical" href="{url}"/>'
            f'<script type="application/ld+json">{ld}</script>')
    page_core = (f'<body>{_nav(rng)}<div class="layout"><main>{body}{_comments(rng)}</main>'
                 f'{_sidebar(rng, sentences)}{_ad(rng, 99)}</div>{_footer(rng)}'
                 f'<script>(function(){{var t={rng.random()};window.analytics={{id:"UA-{i}",t:t}};}})();</script>'
                 '</body></html>')
    target = rng.randint(MIN_PAGE_BYTES, MAX_PAGE_BYTES)
    filler = max(0, target - len(head) - len(page_core) - 200)
    html = "<!DOCTYPE html><html lang=\"en\">" + head + _style(rng, filler) + "</head>" + page_core
    return url, html.encode("utf-8")


def build_warc(path: Path, pages: int, seed: int = 7) -> tuple[int, int]:
    """Write a WARC.gz of ``pages`` response records; returns (pages, total HTML bytes)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sentences = load_sentences()
    if not sentences:
        raise SystemExit(f"no texts found under {SHARED}")
    rng = random.Random(seed)
    total = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            url, html = make_page(i, rng, sentences)
            total += len(html)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(html)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
    return pages, total


def time_extraction(warc: Path, sample: int) -> dict[str, float]:
    """Per-page milliseconds of reading alone (decode, parse, metadata, main text), and of
    trafilatura's default mode on the same pages for comparison."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    from sitroom.ingest import ReadOptions, read_inputs

    payloads = []
    with warc.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                payloads.append(rec.content_stream().read())
            if len(payloads) >= sample:
                break
    t0 = time.perf_counter()
    n = sum(1 for _ in zip(range(sample), read_inputs([str(warc)], ReadOptions(detect_language=False))))
    ours = (time.perf_counter() - t0) / n * 1000
    t0 = time.perf_counter()
    for p in payloads:
        trafilatura.extract(p)
    default = (time.perf_counter() - t0) / len(payloads) * 1000
    t0 = time.perf_counter()
    for p in payloads:
        trafilatura.bare_extraction(p, with_metadata=True)
    full = (time.perf_counter() - t0) / len(payloads) * 1000
    return {"read_ms_per_page(ours, incl. WARC+metadata)": round(ours, 2),
            "trafilatura_default_ms": round(default, 2),
            "trafilatura_with_metadata_ms": round(full, 2)}


def time_phases(warc: Path, work: Path, pages: int) -> dict[str, float]:
    """Throughput of the parts: reading alone (WARC, HTML, metadata, language), and
    reading + near-duplicate signatures + storage with no extraction stages."""
    import sitroom
    from sitroom.config import Settings
    from sitroom.ingest import read_inputs
    from sitroom.pipeline import Pipeline

    t0 = time.perf_counter()
    n = sum(1 for _ in read_inputs([str(warc)]))
    read_s = time.perf_counter() - t0
    db = work / "bench-noextract.duckdb"
    if db.exists():
        db.unlink()
    with sitroom.open(db) as store:
        t0 = time.perf_counter()
        store.ingest(read_inputs([str(warc)]), Pipeline(Settings(stages=())), jobs=1)
        store_s = time.perf_counter() - t0
    return {"read_only_pages_per_s": round(n / read_s, 1),
            "read_dedupe_store_no_extraction_pages_per_s": round(pages / store_s, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=0, help="pipeline worker processes (0 = one per core)")
    ap.add_argument("--keep", type=Path, help="keep the WARC and the store in this directory")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: reuse a WARC built there before (same --pages)")
    ap.add_argument("--compare", type=int, default=200,
                    help="pages for the extraction-only timing comparison (0 = skip)")
    ap.add_argument("--no-phases", dest="phases", action="store_false",
                    help="skip the reading-only and no-extraction timings")
    args = ap.parse_args(argv)

    import sitroom
    from sitroom.ingest import read_inputs
    from sitroom.parallel import default_jobs
    from sitroom.pipeline import Pipeline

    jobs = args.jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        warc = work / "bench.warc.gz"
        db = work / "bench.duckdb"
        if db.exists():
            db.unlink()
        t0 = time.perf_counter()
        if args.keep and warc.exists() and args.reuse:
            pages = args.pages
            print(f"reusing {warc} ({pages} pages)", file=sys.stderr)
        else:
            pages, html_bytes = build_warc(warc, args.pages)
            build_s = time.perf_counter() - t0
            print(f"built {pages} pages ({html_bytes / 1e6:.0f} MB of HTML, "
                  f"{html_bytes / pages / 1e3:.0f} KB/page average; WARC.gz "
                  f"{warc.stat().st_size / 1e6:.0f} MB) in {build_s:.0f}s", file=sys.stderr)
        pipeline = Pipeline()
        pipeline(sitroom.Document(id="warmup", text="Police fired tear gas in Nairobi on Monday."))
        with PeakRSS(interval=0.2) as rss, sitroom.open(db) as store:
            t0 = time.perf_counter()
            report = store.ingest(read_inputs([str(warc)]), pipeline, jobs=jobs)
            elapsed = time.perf_counter() - t0
        result = {
            "pages": pages, "jobs": jobs, "seconds": round(elapsed, 1),
            "pages_per_s": round(pages / elapsed, 1),
            "peak_rss_tree_mb": round(rss.peak_mb),
            "peak_pss_tree_mb": round(rss.peak_pss_mb),
            "report": report.as_dict(),
        }
        if args.phases:
            result["phases"] = time_phases(warc, work, pages)
        if args.compare:
            result["extraction"] = time_extraction(warc, args.compare)
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
