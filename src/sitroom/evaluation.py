"""Run the pipeline over a labelled set and score it with an external scorer.

The scorer (``score.py`` of the evaluation kit) is run as a separate process; only
``id, text, title, published`` of a gold record are given to the pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any, Iterable

from .config import Settings
from .model import Document, event_to_dict

__all__ = ["read_gold_inputs", "write_predictions", "score", "evaluate", "KINDS"]

# scorer subcommand -> what the system must write for it
KINDS = {"acled": "events", "plover": "events", "golden": "events", "case": "events",
         "geo": "toponyms", "attrib": "attributions"}


def read_gold_inputs(path: str | Path, every: int = 1, limit: int | None = None
                     ) -> tuple[list[Document], list[str]]:
    """The input side of a gold JSONL file, and the raw gold lines taken (for sampling)."""
    docs, lines = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if every > 1 and n % every:
                continue
            r = json.loads(line)
            pub = r.get("published")
            docs.append(Document(id=r["id"], text=r["text"], title=r.get("title"),
                                 published=date.fromisoformat(pub[:10]) if pub else None))
            lines.append(line)
            if limit and len(docs) >= limit:
                break
    return docs, lines


def _records(doc: Document, what: str) -> Iterable[dict[str, Any]]:
    if what == "events":
        yield from (event_to_dict(e) for e in doc.events)
    elif what == "toponyms":
        from .geo import toponym_record

        yield from (toponym_record(doc.id, p) for p in doc.places if p.mention is not None)
    elif what == "attributions":
        from .pipeline.attribution import attribution_record

        yield from (attribution_record(doc.id, a) for a in doc.attributions)
    else:
        raise ValueError(f"unknown prediction kind {what!r}")


def write_predictions(docs: Iterable[Document], what: str, out: IO[str]) -> int:
    n = 0
    for doc in docs:
        for rec in _records(doc, what):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def score(score_py: str | Path, kind: str, gold: str | Path, pred: str | Path,
          table_to: IO[str] | None = None) -> dict[str, Any]:
    """Run the scorer with --json and return its metrics; its table goes to ``table_to``."""
    proc = subprocess.run([sys.executable, str(score_py), kind, str(gold), str(pred), "--json"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"score.py {kind} failed: {proc.stderr.strip()[-500:]}")
    if table_to is not None:
        table_to.write(proc.stdout.rsplit("\n", 2)[0] + "\n")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def evaluate(score_py: str | Path, kind: str, gold: str | Path, workdir: str | Path,
             inputs: str | Path | None = None, every: int = 1, limit: int | None = None,
             jobs: int = 1, settings: Settings | None = None,
             table_to: IO[str] | None = None
             ) -> dict[str, Any]:
    """Extract from ``inputs`` (default: the gold file itself), then score against gold.

    When sampling (``every``/``limit``), a gold file with just the sampled records is
    written to ``workdir`` so the scorer does not count the rest as misses."""
    from .parallel import extract_documents

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    docs, lines = read_gold_inputs(inputs or gold, every, limit)
    if (every > 1 or limit) and kind != "golden":
        gold = workdir / "gold.jsonl"
        Path(gold).write_text("".join(lines), encoding="utf-8")
    pred = workdir / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        done = (d for d in extract_documents(docs, settings or Settings(), jobs)
                if isinstance(d, Document))
        write_predictions(done, KINDS[kind], fh)
    return score(score_py, kind, gold, pred, table_to)
