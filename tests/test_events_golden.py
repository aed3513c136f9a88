"""Golden articles (tests/golden/*.json, written for these tests) through the full default
pipeline: every expected event among the document's K highest-confidence events, no
forbidden event at all, and the expected primary event.

Each file: ``id``, ``published``, ``title``, ``text``, ``expect`` and ``forbid`` (lists of
constraints in the style of the evaluation kit's golden files: event_type,
acled_sub_event_type, status, actor1_country, actor2_country, actor_contains, fatalities,
date / date_between, quantity, attribution_contains, attribution_anonymous, any_actor_order;
a list means "any of") and ``primary`` (constraints on the highest-confidence event).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.model import Document, Event

GOLDEN = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*.json"))


def _any(v) -> list:
    return v if isinstance(v, list) else [v]


def _quantity_ok(e: Event, want: dict) -> bool:
    for q in e.quantities:
        unit = (q.unit or "").lower()
        if (abs(q.value - want["value"]) < 1e-9
                and ("unit" not in want or want["unit"].lower() in unit)
                and ("unit_any" not in want
                     or any(u.lower() in unit for u in want["unit_any"]))
                and ("approximate" not in want or q.approximate == want["approximate"])):
            return True
    return False


def _facets_ok(e: Event, want: dict) -> bool:
    """Status, fatalities, date, quantity and attribution constraints."""
    if "status" in want and e.status not in _any(want["status"]):
        return False
    if "fatalities" in want and e.fatalities != want["fatalities"]:
        return False
    start = e.date and (e.date.start or e.date.end)
    end = e.date and (e.date.end or start)
    if "date" in want and not (start and str(start) <= want["date"] <= str(end)):
        return False
    lo_hi = want.get("date_between")
    if lo_hi and not (start and lo_hi[0] <= str(start) <= lo_hi[1]):
        return False
    if "quantity" in want and not _quantity_ok(e, want["quantity"]):
        return False
    sources = [(a.source or "").lower() for a in e.attribution]
    if "attribution_contains" in want and not any(
            s.lower() in src for s in _any(want["attribution_contains"]) for src in sources):
        return False
    if "attribution_anonymous" in want and not any(
            a.anonymous == want["attribution_anonymous"] for a in e.attribution):
        return False
    return True


def satisfies(e: Event, want: dict) -> bool:
    if "event_type" in want and e.event_type not in _any(want["event_type"]):
        return False
    if ("acled_sub_event_type" in want
            and e.acled_sub_event_type not in _any(want["acled_sub_event_type"])):
        return False
    if not _facets_ok(e, want):
        return False
    c1 = e.actor1.country if e.actor1 else None
    c2 = e.actor2.country if e.actor2 else None
    checks = [(k, _any(want[k])) for k in ("actor1_country", "actor2_country") if k in want]
    if checks:
        direct = all((c1 if k == "actor1_country" else c2) in v for k, v in checks)
        swapped = all((c2 if k == "actor1_country" else c1) in v for k, v in checks)
        if not (direct or (want.get("any_actor_order") and swapped)):
            return False
    if "actor_contains" in want:
        names = [(a.name if a else "").lower() for a in (e.actor1, e.actor2)]
        if not any(s.lower() in n for s in _any(want["actor_contains"]) for n in names):
            return False
    return True


@pytest.fixture(scope="module", params=FILES, ids=[f.stem for f in FILES])
def case(request, pipeline):
    spec = json.loads(request.param.read_text(encoding="utf-8"))
    doc = pipeline(Document(id=spec["id"], text=spec["text"], title=spec.get("title"),
                            published=date.fromisoformat(spec["published"])))
    ranked = sorted(doc.events, key=lambda e: -e.confidence)
    return spec, ranked


def test_events_golden_expected_events_found(case):
    spec, ranked = case
    top = ranked[:max(20, 3 * len(spec["expect"]))]
    missing = [x["note"] for x in spec["expect"] if not any(satisfies(e, x) for e in top)]
    assert not missing, f"{spec['id']}: not found: {missing}"


def test_events_golden_no_forbidden_event(case):
    spec, ranked = case
    hits = [x["note"] for x in spec["forbid"] if any(satisfies(e, x) for e in ranked)]
    assert not hits, f"{spec['id']}: forbidden: {hits}"


def test_events_golden_primary_event(case):
    spec, ranked = case
    assert ranked and satisfies(ranked[0], spec["primary"])


def test_events_golden_files_are_well_formed():
    assert FILES, "no golden files"
    for f in FILES:
        spec = json.loads(f.read_text(encoding="utf-8"))
        assert {"id", "published", "text", "expect", "forbid", "primary"} <= set(spec), f.name
