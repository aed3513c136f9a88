"""Helpers shared by the benchmark scripts: corpus assembly and peak-RSS sampling.

Corpora are assembled at run time from ../shared/data (never copied into the repository).
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _texts(name: str, limit: int | None = None) -> list[str]:
    out = []
    with open(SHARED / "data" / name, encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if limit and len(out) >= limit:
                break
    return out


def assemble_articles(n: int, min_chars: int = 3000, max_chars: int = 5000,
                      seed: int = 7) -> list[str]:
    """``n`` distinct news-like articles of ``min_chars``..``max_chars`` characters, each
    mixing conflict notes (ACLED) with paragraphs of news articles (PolNeAR, LGL, GeoVirus)."""
    rng = random.Random(seed)
    notes = _texts("acled-dev.jsonl")
    paragraphs = [p.strip() for name in ("attrib-polnear-dev.jsonl", "geo-lgl.jsonl",
                                         "geo-geovirus.jsonl")
                  for t in _texts(name) for p in t.split("\n") if len(p.strip()) > 80]
    seen: set[str] = set()
    articles: list[str] = []
    while len(articles) < n:
        target = rng.randint(min_chars, max_chars)
        parts: list[str] = []
        size = 0
        while size < target:
            src = notes if rng.random() < 0.5 else paragraphs
            piece = rng.choice(src)
            parts.append(piece)
            size += len(piece) + 2
        text = "\n\n".join(parts)[:max_chars]
        if len(text) >= min_chars and text not in seen:
            seen.add(text)
            articles.append(text)
    return articles


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kb(pid: int) -> int:
    """RSS of one process in KB, from ``statm`` (constant time to read)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    """PSS of one process in KB. PSS splits pages shared by forked workers among them, so
    summing PSS over a process tree does not count shared data twice. The kernel walks
    the whole address space to produce it (~10 ms of CPU for a loaded pipeline)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


class PeakRSS:
    """Samples the summed RSS of this process and all its descendants every ``interval``
    seconds and their summed PSS every ``pss_interval`` seconds.

    Every reading takes CPU from the run it measures: at 50 ms, the RSS readings alone
    (the process tree found again, one ``statm`` per process) took ~2% of a core. Memory
    of forked workers grows smoothly, so a quarter of a second misses little of the peak.
    PSS is read far less often because each reading costs the kernel a walk of every
    process's address space: ~35 ms of CPU per reading over three loaded processes, so
    that reading it every second still took ~1.6% of the extraction bench's cycles
    (``smaps_account`` in a perf profile). The RSS sum, read every ``interval``, bounds the
    PSS sum from above: it counts each shared page once per process that maps it."""

    def __init__(self, interval: float = 0.25, pss_interval: float = 5.0) -> None:
        self.interval, self.peak_kb, self.peak_pss_kb = interval, 0, 0
        self.pss_every = max(1, round(pss_interval / interval))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree() -> list[int]:
        pids: list[int] = []
        todo = [os.getpid()]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo += _children(pid)
        return pids

    def _sample(self, with_pss: bool) -> None:
        pids = self._tree()
        self.peak_kb = max(self.peak_kb, sum(map(_rss_kb, pids)))
        if with_pss:
            self.peak_pss_kb = max(self.peak_pss_kb, sum(map(_pss_kb, pids)))

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            self._sample(with_pss=n % self.pss_every == 0)
            n += 1
            time.sleep(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample(with_pss=True)

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024

    @property
    def peak_pss_mb(self) -> float:
        return self.peak_pss_kb / 1024
