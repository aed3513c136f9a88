"""Speed of geoparsing: gazetteer cache load and the places stage per 4 KB article.

    python bench/bench_geo.py [--articles 500] [--cache-dir DIR]

Assembles ~4 KB articles at run time from texts in ../shared/data (nothing is copied into
the repository), loads the compiled gazetteer from the cache (building it first if
absent, and timing that separately), then times the places stage alone (sentences are
split beforehand and not counted). Prints the figures: the targets are a cache load under
2 s and at most 5 ms of geoparsing per 4 KB article on average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import assemble_articles  # noqa: E402

from sitroom import Document, Settings  # noqa: E402
from sitroom.config import default_cache_dir  # noqa: E402
from sitroom.geo.gazetteer import cache_path, load_gazetteer  # noqa: E402
from sitroom.pipeline.base import Resources  # noqa: E402
from sitroom.pipeline.places import PlaceStage  # noqa: E402
from sitroom.pipeline.sentences import split_sentences  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    a = ap.parse_args()

    if not cache_path(a.cache_dir).exists():
        t0 = time.perf_counter()
        load_gazetteer(a.cache_dir)
        print(f"gazetteer build (first use): {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    gaz = load_gazetteer(a.cache_dir)
    load_s = time.perf_counter() - t0
    print(f"gazetteer cache load: {load_s:.2f} s ({len(gaz)} places, {len(gaz.index)} names)")

    settings = Settings(cache_dir=a.cache_dir)
    resources = Resources(settings)
    resources.__dict__["gazetteer"] = gaz  # reuse the loaded instance
    stage = PlaceStage(settings, resources)
    texts = assemble_articles(a.articles, min_chars=3800, max_chars=4200)
    docs = [Document(id=f"geo-{i}", text=t) for i, t in enumerate(texts)]
    docs = [replace(d, sentences=tuple(split_sentences(d.text))) for d in docs]
    stage(docs[0])  # warm up (compiles the parser)
    times, places = [], 0
    cpu0 = time.process_time()
    for d in docs:
        t0 = time.perf_counter()
        out = stage(d)
        times.append(time.perf_counter() - t0)
        places += len(out.places)
    cpu_ms = 1000 * (time.process_time() - cpu0) / len(docs)
    kb = statistics.mean(len(d.text) for d in docs) / 1024
    mean_ms = 1000 * statistics.mean(times)
    print(f"places stage: {len(docs)} articles of {kb:.1f} KB on average, "
          f"{places / len(docs):.1f} places each")
    print(f"  mean {mean_ms:.2f} ms/article, median {1000 * statistics.median(times):.2f} ms, "
          f"p95 {1000 * sorted(times)[int(0.95 * len(times))]:.2f} ms; "
          f"{mean_ms / kb * 4:.2f} ms per 4 KB (wall); CPU {cpu_ms:.2f} ms/article")
    print(f"  (machine load average while measuring: {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
