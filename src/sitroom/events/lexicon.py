"""The event lexicons: cues and triggers, context markers, ACLED decision rules, type ranks.

All four are versioned TSV files in ``sitroom/lexicons/data`` (``events_*.tsv``), loaded and
validated through ``Resources.lexicons`` and compiled once per pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..lexicons import Column, Table
from ..vocab import ACLED_SUB_EVENT_TYPES, PLOVER_EVENT_TYPES, PLOVER_MODES
from .matcher import PhraseMatcher, TextKind

__all__ = ["CueRow", "Rule", "EventLexicon", "CONTEXT_ROLES", "UNREAD_CONTEXT_ROLES"]

_TAG = r"[A-Z][A-Z0-9_]*"
_TAGS = rf"(?:{_TAG}|\*)(?:,{_TAG})*"
_TYPES = frozenset(PLOVER_EVENT_TYPES)
_MODES = frozenset(PLOVER_MODES)

CONTEXT_ROLES = frozenset({"SPEECH", "CLAUSE", "HEDGE", "FUTURE", "PLAN", "INTENT", "NEGATION",
                           "CONDITION",
                           "TOPIC",
                           "TOPIC_GOV", "ALLY", "COORD", "PASSIVE", "BY"})
# Roles whose markers the extractor does not read (roles.py finds allies, co-doers and
# agents with its own patterns): their phrases only keep other markers from matching
# inside them, so the context matcher does not report them. A role the extractor starts
# reading must leave this set.
UNREAD_CONTEXT_ROLES = frozenset({"ALLY", "COORD", "BY"})

CUE_COLUMNS = (
    Column("pattern"),
    Column("cue", pattern=_TAG),
    Column("event_type", required=False, choices=_TYPES),
    Column("mode", required=False, choices=_MODES),
    Column("weight", required=False, convert=float),
)
CONTEXT_COLUMNS = (Column("pattern"), Column("role", choices=CONTEXT_ROLES))
RULE_COLUMNS = (
    Column("sub_event", choices=frozenset(ACLED_SUB_EVENT_TYPES)),
    Column("family", pattern=_TAGS),
    Column("all_of", required=False, pattern=_TAGS),
    Column("any_of", required=False, pattern=_TAGS),
    Column("none_of", required=False, pattern=_TAGS),
    Column("event_type", required=False, choices=_TYPES),
    Column("mode", required=False, choices=_MODES),
    Column("priority", convert=float),
)
TYPE_COLUMNS = (Column("event_type", choices=_TYPES), Column("priority", convert=float))


@dataclass(frozen=True, slots=True)
class CueRow:
    cue: str
    event_type: str | None
    mode: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Rule:
    sub_event: str
    family: frozenset[str]
    all_of: frozenset[str]
    any_of: frozenset[str]
    none_of: frozenset[str]
    event_type: str | None
    mode: str | None
    priority: float

    def holds(self, tags: frozenset[str] | set[str]) -> bool:
        """Whether the rule's conditions hold for the tags of a trigger and its sentence."""
        return (self.all_of <= tags and (not self.any_of or not self.any_of.isdisjoint(tags))
                and self.none_of.isdisjoint(tags))


def _cue_row(r: Any) -> CueRow:
    return CueRow(str(r["cue"]), r["event_type"], r["mode"], float(r["weight"] or 0.0))


def _tags(v: Any) -> frozenset[str]:
    return frozenset(str(v).split(",")) if v else frozenset()


class EventLexicon:
    """Compiled event lexicons (one per pipeline)."""

    def __init__(self, lexicons: Any,
                 compile_regex: Callable[..., re.Pattern[str]] = re.compile) -> None:
        """``compile_regex`` compiles the phrase scanners (``RegexCache.compile`` reuses
        what earlier runs compiled: most of the pipeline's start-up otherwise)."""
        cues: Table = lexicons.table("events_cues.tsv", CUE_COLUMNS)
        ctx: Table = lexicons.table("events_context.tsv", CONTEXT_COLUMNS)
        rules: Table = lexicons.table("events_acled_rules.tsv", RULE_COLUMNS)
        types: Table = lexicons.table("events_types.tsv", TYPE_COLUMNS)
        self.version = "+".join(t.version for t in (cues, ctx, rules, types))
        main = [k for k, r in enumerate(cues.rows) if not str(r["cue"]).startswith("VICTIM_")]
        side = [k for k, r in enumerate(cues.rows) if str(r["cue"]).startswith("VICTIM_")]
        self.cue_rows = tuple(_cue_row(cues.rows[k]) for k in main)
        kind = TextKind()  # (the three matchers scan the same texts)
        self.cues = PhraseMatcher([str(cues.rows[k]["pattern"]) for k in main], cues.path,
                                  [cues.lines[k] for k in main], compile_regex=compile_regex,
                                  kind=kind)
        # victim words are matched apart: they overlap trigger words ("gunmen", "military")
        self.victim_rows = tuple(_cue_row(cues.rows[k]) for k in side)
        self.victims = PhraseMatcher([str(cues.rows[k]["pattern"]) for k in side], cues.path,
                                     [cues.lines[k] for k in side], regions=True,
                                     compile_regex=compile_regex, kind=kind)
        self.context_roles = tuple(str(r["role"]) for r in ctx.rows)
        unread = {k for k, r in enumerate(self.context_roles) if r in UNREAD_CONTEXT_ROLES}
        self.context = PhraseMatcher(_col(ctx.rows, "pattern"), ctx.path, ctx.lines, unread,
                                     regions=True, compile_regex=compile_regex, kind=kind)
        self.rules = tuple(Rule(str(r["sub_event"]), _tags(r["family"]), _tags(r["all_of"]),
                                _tags(r["any_of"]), _tags(r["none_of"]),
                                r["event_type"], r["mode"], float(r["priority"]))  # type: ignore[arg-type]
                           for r in rules.rows)
        # rule indexes by the trigger tags of their family, to test only the rules that apply
        self._by_family: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for t in rule.family - {"*"}:
                self._by_family.setdefault(t, []).append(i)
        self._any_family = tuple(i for i, r in enumerate(self.rules) if "*" in r.family)
        self._family_rules: dict[frozenset[str], tuple[Rule, ...]] = {}
        self.type_priority = {str(r["event_type"]): float(r["priority"])  # type: ignore[arg-type]
                              for r in types.rows}

    def decide(self, trigger_tags: frozenset[str], tags: frozenset[str] | set[str]) -> Rule | None:
        """The first rule (in file order) whose family and conditions hold."""
        for rule in self._applicable(trigger_tags):
            if rule.holds(tags):
                return rule
        return None

    def condition_tags(self, trigger_tags: frozenset[str]) -> frozenset[str]:
        """The tags the conditions of the rules ``trigger_tags`` admit name: ``decide``
        gives the same rule for two sets of tags that agree on these."""
        return frozenset().union(*(r.all_of | r.any_of | r.none_of
                                   for r in self._applicable(trigger_tags)))

    def _applicable(self, trigger_tags: frozenset[str]) -> tuple[Rule, ...]:
        """The rules whose family admits ``trigger_tags``, in file order (computed once
        per set of trigger tags: there are as many as cue rows)."""
        found = self._family_rules.get(trigger_tags)
        if found is None:
            ids = sorted({i for t in trigger_tags for i in self._by_family.get(t, ())}
                         | set(self._any_family))
            found = tuple(self.rules[i] for i in ids)
            self._family_rules[trigger_tags] = found
        return found


def _col(rows: Iterable[Any], name: str) -> list[str]:
    return [str(r[name]) for r in rows]
