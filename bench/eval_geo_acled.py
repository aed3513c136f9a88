"""Score event location on the ACLED dev notes with the places stage alone.

    python bench/eval_geo_acled.py [--every N] [--limit N]

Runs the sentence and places stages over each note, takes one event per note located
with ``sitroom.geo.locate_event(doc, 0, len(doc.text))`` (the event type is a
placeholder), and runs ``score.py acled``: only the country and location rows of its
table measure geolocation. Prints the scorer's table.
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

from sitroom import Pipeline, Settings  # noqa: E402
from sitroom.evaluation import read_gold_inputs, score  # noqa: E402
from sitroom.geo import locate_event  # noqa: E402

GOLD = SHARED / "data" / "acled-dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=None, help="folder for gold and predictions")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="sitroom-geo-acled-"))
    out.mkdir(parents=True, exist_ok=True)
    pipe = Pipeline(Settings(stages=("sentences.rules@1", "places.gazetteer@1")))
    docs, gold_lines = read_gold_inputs(GOLD, a.every, a.limit)
    with open(out / "pred.jsonl", "w", encoding="utf-8") as fh:
        for doc in pipe.pipe(docs):
            place = locate_event(doc, 0, len(doc.text))
            ev = {"doc_id": doc.id, "event_type": "ASSAULT", "acled_sub_event_type": None,
                  "location": place.to_dict() if place else None, "confidence": 0.5}
            fh.write(json.dumps(ev) + "\n")
    (out / "gold.jsonl").write_text("".join(gold_lines), encoding="utf-8")
    score(SHARED / "eval" / "score.py", "acled", out / "gold.jsonl", out / "pred.jsonl", table_to=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
