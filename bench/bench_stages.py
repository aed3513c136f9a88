"""Milliseconds per article spent in each stage of the default pipeline (one process).

    python bench/bench_stages.py [--articles 300] [--save-inputs DIR] [--profile N]

Assembles distinct 3-5 KB articles at run time from ../shared/data (as bench_extract.py
does) and times each stage separately. ``--save-inputs DIR`` pickles, per stage, the
documents as that stage receives them, so a stage can be re-timed or its output compared
on fixed inputs while the stages before it change. ``--profile N`` prints the N most
expensive functions (cProfile, by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import assemble_articles  # noqa: E402

from sitroom import Document, Settings  # noqa: E402
from sitroom.pipeline import Pipeline  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--save-inputs", type=Path)
    ap.add_argument("--profile", type=int, default=0)
    a = ap.parse_args()
    texts = assemble_articles(a.articles)
    pipe = Pipeline(Settings())
    pipe(Document(id="warm-up", text="Soldiers clashed with rebels near Goma on Monday."))
    docs = [Document(id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
    spent = {s.name: 0.0 for s in pipe.stages}
    inputs: dict[str, list[Document]] = {s.name: [] for s in pipe.stages}
    prof = cProfile.Profile() if a.profile else None
    n_events = 0
    if prof:
        prof.enable()
    for doc in docs:
        for stage in pipe.stages:
            if a.save_inputs:
                inputs[stage.name].append(doc)
            t0 = time.perf_counter()
            doc = stage(doc)
            spent[stage.name] += time.perf_counter() - t0
        n_events += len(doc.events)
    if prof:
        prof.disable()
    n = len(docs)
    kb = sum(len(t.encode()) for t in texts) / n / 1024
    print(f"{n} articles, mean {kb:.1f} KB, {n_events / n:.1f} events per article")
    for name, secs in spent.items():
        print(f"  {name:24s} {secs / n * 1000:6.2f} ms")
    print(f"  {'total':24s} {sum(spent.values()) / n * 1000:6.2f} ms")
    if a.save_inputs:
        a.save_inputs.mkdir(parents=True, exist_ok=True)
        for name, batch in inputs.items():
            (a.save_inputs / f"{name}.pkl").write_bytes(pickle.dumps(batch))
        print(f"stage inputs saved in {a.save_inputs}")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(a.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
