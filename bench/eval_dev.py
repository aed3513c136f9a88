"""Run the default pipeline over a gold set and score it with ../shared/eval/score.py.

    python bench/eval_dev.py acled   [--every N] [--limit N] [--out FILE]
    python bench/eval_dev.py plover
    python bench/eval_dev.py golden
    python bench/eval_dev.py geo-lgl | geo-geovirus

Only ``id, text, title, published`` of a gold record are given to the pipeline.
Prints score.py's table; with --json prints its metrics JSON as the last line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from sitroom import Document, Pipeline, event_to_dict  # noqa: E402

SETS = {
    "acled": ("acled", SHARED / "data" / "acled-dev.jsonl"),
    "plover": ("plover", SHARED / "data" / "plover-gsr.jsonl"),
    "golden": ("golden", SHARED / "examples" / "kursk-2024-11-06.jsonl"),
    "geo-lgl": ("geo", SHARED / "data" / "geo-lgl.jsonl"),
    "geo-geovirus": ("geo", SHARED / "data" / "geo-geovirus.jsonl"),
}


def read_docs(path: Path, every: int, limit: int | None) -> tuple[list[Document], list[str]]:
    docs, gold_lines = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n % every:
                continue
            r = json.loads(line)
            pub = r.get("published")
            docs.append(Document(id=r["id"], text=r["text"], title=r.get("title"),
                                 published=date.fromisoformat(pub[:10]) if pub else None))
            gold_lines.append(line)
            if limit and len(docs) >= limit:
                break
    return docs, gold_lines


def run(task: str, every: int = 1, limit: int | None = None, out: Path | None = None,
        as_json: bool = False) -> int:
    kind, path = SETS[task]
    docs, gold_lines = read_docs(path, every, limit)
    tmp = Path(tempfile.mkdtemp(prefix="sitroom-eval-"))
    pred = out or tmp / "pred.jsonl"
    pipe = Pipeline()
    with open(pred, "w", encoding="utf-8") as fh:
        for doc in pipe.pipe(docs):
            if kind == "geo":
                for p in doc.places:
                    if p.mention is None:
                        continue
                    fh.write(json.dumps({"doc_id": doc.id, "start": p.mention.start,
                                         "end": p.mention.end, "name": p.mention.text,
                                         "lat": p.lat, "lon": p.lon,
                                         "geonames_id": p.geonames_id}) + "\n")
            else:
                for e in doc.events:
                    fh.write(json.dumps(event_to_dict(e)) + "\n")
    if kind == "golden":
        gold = SHARED / "gold"
    else:
        gold = tmp / "gold.jsonl"
        gold.write_text("".join(gold_lines), encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), kind, str(gold), str(pred)]
    if as_json:
        cmd.append("--json")
    return subprocess.call(cmd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task", choices=sorted(SETS))
    ap.add_argument("--every", type=int, default=1, help="take every Nth record")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    return run(a.task, a.every, a.limit, a.out, a.json)


if __name__ == "__main__":
    raise SystemExit(main())
