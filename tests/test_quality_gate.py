"""Quality gate: the default extractor over the dev sets in ../shared, scored by the
evaluation kit's score.py, must not fall below pinned floors.

Floors are the figures measured when they were last raised, less a small tolerance
(QUALITY_TOLERANCE) for noise from sampling-free but order-dependent ties. Raise them
when quality improves; never lower them to make a change pass.
Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.evaluation import evaluate

# Absolute points subtracted from each measured figure to get its floor.
QUALITY_TOLERANCE = 0.01

GEO_STAGES = ("sentences.rules@1", "places.gazetteer@1")
ATTRIB_STAGES = ("sentences.rules@1", "attribution.rules@1")

# task: (scorer kind, gold, inputs, stages, {metric: measured value})
# Measured 2026-11-28 with `python bench/eval_dev.py TASK --jobs 2` on the full dev sets.
MEASURED = {
    "acled": ("acled", "data/acled-dev.jsonl", None, None, {
        "sub_event_type_accuracy": 0.932, "sub_event_type_macro_f1": 0.850,
        "event_type_accuracy": 0.945, "date_accuracy": 0.995, "country_accuracy": 0.953,
        "location_acc_161km": 0.914, "location_acc_25km": 0.763,
        "fatalities_accuracy": 0.984, "actor_recall": 0.790, "coverage": 0.995,
    }),
    "plover": ("plover", "data/plover-gsr.jsonl", None, None, {
        "event_accuracy": 0.8323, "event_macro_f1": 0.8034,
        "actor1_country_accuracy": 0.809, "actor2_country_accuracy": 0.784,
    }),
    "golden": ("golden", "gold", "examples/kursk-2024-11-06.jsonl", None, {
        "recall": 1.0,
    }),
    "geo-lgl": ("geo", "data/geo-lgl.jsonl", None, GEO_STAGES, {
        "f1": 0.873, "resolution_acc_161km": 0.882, "end_to_end_acc_161km": 0.758,
    }),
    "geo-geovirus": ("geo", "data/geo-geovirus.jsonl", None, GEO_STAGES, {
        "f1": 0.917, "resolution_acc_161km": 0.911, "end_to_end_acc_161km": 0.854,
    }),
    "attrib": ("attrib", "data/attrib-polnear-dev.jsonl", None, ATTRIB_STAGES, {
        "attribution_f1": 0.6425, "attribution_strict_f1": 0.5822, "source_f1": 0.6678,
        "cue_f1": 0.6614, "content_f1": 0.6431,
    }),
}


# Counts that must not rise above these values.
CEILINGS = {"golden": {"forbidden_hits": 0}}


@pytest.mark.parametrize("task", sorted(MEASURED))
def test_quality_gate_dev_set_floors(task: str, shared_dir: Path, tmp_path: Path) -> None:
    kind, gold, inputs, stages, measured = MEASURED[task]
    settings = Settings(stages=stages) if stages else Settings()
    metrics = evaluate(shared_dir / "eval" / "score.py", kind, shared_dir / gold, tmp_path,
                       shared_dir / inputs if inputs else None, jobs=2, settings=settings)
    below = {k: (round(metrics[k], 4), v) for k, v in measured.items()
             if metrics[k] < v - QUALITY_TOLERANCE}
    assert not below, f"{task}: metric (now, pinned) below floor: {below}"
    above = {k: (metrics[k], v) for k, v in CEILINGS.get(task, {}).items() if metrics[k] > v}
    assert not above, f"{task}: count (now, allowed) above ceiling: {above}"
