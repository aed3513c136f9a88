"""Run the default pipeline over a dev set and score it with ../shared/eval/score.py.

    python bench/eval_dev.py {acled,plover,golden,geo-lgl,geo-geovirus,attrib}
                             [--every N] [--limit N] [--jobs N] [--out DIR] [--json]

Prints score.py's table (and with --json the metrics object as the last line).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from sitroom.config import Settings  # noqa: E402
from sitroom.evaluation import evaluate  # noqa: E402

GEO_STAGES = ("sentences.rules@1", "places.gazetteer@1")
ATTRIB_STAGES = ("sentences.rules@1", "attribution.rules@1")

# task -> (scorer subcommand, gold, inputs or None, stages or None)
SETS = {
    "acled": ("acled", SHARED / "data" / "acled-dev.jsonl", None, None),
    "plover": ("plover", SHARED / "data" / "plover-gsr.jsonl", None, None),
    "golden": ("golden", SHARED / "gold", SHARED / "examples" / "kursk-2024-11-06.jsonl", None),
    "geo-lgl": ("geo", SHARED / "data" / "geo-lgl.jsonl", None, GEO_STAGES),
    "geo-geovirus": ("geo", SHARED / "data" / "geo-geovirus.jsonl", None, GEO_STAGES),
    "attrib": ("attrib", SHARED / "data" / "attrib-polnear-dev.jsonl", None, ATTRIB_STAGES),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task", choices=sorted(SETS))
    ap.add_argument("--every", type=int, default=1, help="take every Nth record")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="keep predictions in this folder")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    kind, gold, inputs, stages = SETS[a.task]
    settings = Settings(stages=stages) if stages else Settings()
    workdir = a.out or Path(tempfile.mkdtemp(prefix=f"sitroom-{a.task}-"))
    metrics = evaluate(SHARED / "eval" / "score.py", kind, gold, workdir, inputs, a.every,
                       a.limit, a.jobs, settings, table_to=sys.stdout)
    print(f"predictions: {workdir / 'pred.jsonl'}")
    if a.json:
        print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
