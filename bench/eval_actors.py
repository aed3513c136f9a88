"""Measure the actor stage alone on the dev sets, before (or apart from) the events stage.

    python bench/eval_actors.py acled  [--every N] [--limit N] [--misses FILE]
    python bench/eval_actors.py plover [--every N]
    python bench/eval_actors.py acled --speed     # CPU ms per 4 KB of text, no scoring

For each document it runs the sentence and actor stages and writes one pseudo-event whose
actor1/actor2 are the first two actors with different names (the first two of the first
sentence that has any), then runs ../shared/eval/score.py on it. It also prints the
"oracle" actor recall (a gold actor counts as found when any actor of the document matches
it, by score.py's own rule), an upper bound for what the events stage can pick, and the
actor stage's time per document. --misses writes the gold actors no actor matched, with the
document's actors, for looking at (keep that file out of the repository).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from sitroom import Document, Settings  # noqa: E402
from sitroom.model import Actor  # noqa: E402
from sitroom.pipeline.base import Resources  # noqa: E402
from sitroom.pipeline.actors import ActorStage  # noqa: E402
from sitroom.pipeline.sentences import SentenceStage  # noqa: E402

SETS = {"acled": SHARED / "data" / "acled-dev.jsonl",
        "plover": SHARED / "data" / "plover-gsr.jsonl"}


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("sitroom_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def pick(doc: Document) -> tuple[Actor | None, Actor | None]:
    """The first two actors with different names, within the first sentence that has any
    actor when it has two, else across the document."""
    actors = list(doc.actors)
    for s in doc.sentences:
        inside = [a for a in actors if a.mention and s.start <= a.mention.start < s.end]
        if inside:
            first = inside[0]
            other = next((a for a in inside[1:] if a.name.lower() != first.name.lower()), None)
            if other is None:
                other = next((a for a in actors if a.name.lower() != first.name.lower()
                              and a.mention and a.mention.start > first.mention.start), None)
            return first, other
    return None, None


def actor_dict(a: Actor | None) -> dict[str, Any] | None:
    return None if a is None else {"name": a.name, "country": a.country, "sector": a.sector}


def speed(path: Path, stage: ActorStage, size: int = 4096, docs: int = 150) -> int:
    """CPU time of the actor stage per ~4 KB document made of consecutive records' texts
    (best of three passes, to damp other processes on a shared machine)."""
    chunks, cur = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cur.append(json.loads(line)["text"])
            if sum(map(len, cur)) >= size:
                chunks.append(Document(id=str(len(chunks)), text="\n\n".join(cur)))
                cur = []
                if len(chunks) >= docs:
                    break
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        for doc in chunks:
            stage(doc)
        best = min(best, (time.process_time() - t) / len(chunks))
    mean = sum(len(d.text) for d in chunks) / len(chunks)
    print(f"actor stage: {1000 * best:.2f} CPU ms per document of {mean:.0f} characters "
          f"({len(chunks)} documents, best of 3 passes)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task", choices=sorted(SETS))
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--misses", type=Path, default=None)
    ap.add_argument("--speed", action="store_true", help="time the stage on 4 KB documents")
    a = ap.parse_args()
    score = load_scorer()
    settings = Settings()
    resources = Resources(settings)
    sentences, stage = SentenceStage(settings, resources), ActorStage(settings, resources)
    if a.speed:
        return speed(SETS[a.task], stage)
    tmp = Path(tempfile.mkdtemp(prefix="sitroom-actors-"))
    gold_path, pred_path = tmp / "gold.jsonl", tmp / "pred.jsonl"
    n_gold = n_any = n_docs = 0
    elapsed = 0.0
    misses = []
    with open(SETS[a.task], encoding="utf-8") as fh, open(gold_path, "w") as gf, \
            open(pred_path, "w") as pf:
        for n, line in enumerate(fh):
            if n % a.every:
                continue
            r = json.loads(line)
            doc = sentences(Document(id=r["id"], text=r["text"], title=r.get("title")))
            t = time.perf_counter()
            doc = stage(doc)
            elapsed += time.perf_counter() - t
            n_docs += 1
            gf.write(line)
            a1, a2 = pick(doc)
            pf.write(json.dumps({"doc_id": doc.id, "event_type": "ASSAULT", "confidence": 0.5,
                                 "actor1": actor_dict(a1), "actor2": actor_dict(a2)}) + "\n")
            if a.task == "acled":
                names = [score.norm_actor(x.name) for x in doc.actors]
                for g in score.gold_actors(r):
                    n_gold += 1
                    hit = score.actor_found(g, names)
                    n_any += hit
                    if not hit:
                        misses.append({"id": r["id"], "gold": g, "actors": names,
                                       "text": r["text"][:400]})
            if a.limit and n_docs >= a.limit:
                break
    if a.task == "acled":
        print(f"oracle actor recall (any actor of the doc): {n_any / max(n_gold, 1):.3f} "
              f"({n_any}/{n_gold})")
    print(f"actor stage: {1000 * elapsed / max(n_docs, 1):.3f} ms/doc over {n_docs} docs")
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as mf:
            for m in misses:
                mf.write(json.dumps(m, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), a.task,
                            str(gold_path), str(pred_path)])


if __name__ == "__main__":
    raise SystemExit(main())
