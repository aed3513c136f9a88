"""Run the attribution stage over PolNeAR and score it with ../shared/eval/score.py attrib.

    python bench/eval_attrib.py [--every N] [--out FILE] [--json]

Only ``id`` and ``text`` of a gold record are given to the pipeline (sentences +
attribution stages). Prints score.py's table; with --json its metrics JSON last.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "attrib-polnear-dev.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from sitroom import Document  # noqa: E402
from sitroom.config import Settings  # noqa: E402
from sitroom.pipeline import Pipeline  # noqa: E402
from sitroom.pipeline.attribution import attribution_record  # noqa: E402

STAGES = ("sentences.rules@1", "attribution.rules@1")


def run(every: int = 1, out: Path | None = None, as_json: bool = False) -> int:
    pipe = Pipeline(Settings(stages=STAGES))
    tmp = Path(tempfile.mkdtemp(prefix="sitroom-attrib-"))
    pred = out or tmp / "pred.jsonl"
    gold = tmp / "gold.jsonl"
    n_docs, chars, elapsed = 0, 0, 0.0
    with open(GOLD, encoding="utf-8") as fh, open(pred, "w", encoding="utf-8") as pf, \
            open(gold, "w", encoding="utf-8") as gf:
        for n, line in enumerate(fh):
            if n % every:
                continue
            gf.write(line)
            r = json.loads(line)
            t0 = time.perf_counter()
            doc = pipe(Document(id=r["id"], text=r["text"]))
            elapsed += time.perf_counter() - t0
            n_docs += 1
            chars += len(r["text"])
            for a in doc.attributions:
                pf.write(json.dumps(attribution_record(doc.id, a)) + "\n")
    print(f"{n_docs} documents, {elapsed / max(1, chars) * 4000 * 1000:.2f} ms per 4 KB "
          f"(sentences + attribution)", file=sys.stderr)
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "attrib", str(gold), str(pred)]
    if as_json:
        cmd.append("--json")
    return subprocess.call(cmd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=1, help="take every Nth document")
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not GOLD.exists():
        print(f"no gold data at {GOLD}", file=sys.stderr)
        return 2
    return run(a.every, a.out, a.json)


if __name__ == "__main__":
    raise SystemExit(main())
