"""Who did what to whom: actor roles around one event trigger.

The doer (actor1) is the first actor of the trigger's clause that is not inside a
prepositional phrase; in a passive clause it is the actor after "by". The target (actor2)
is the first actor after the trigger in the same clause. Actors joined to the doer by
"and", commas or "along with" are co-doers (one event each); actors after "alongside",
"backed by" and the like are allies that take part in the same event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..model import Actor

__all__ = ["Roles", "Span", "assign_roles"]

# A preposition just before an actor takes it out of the subject position.
_PREP_BEFORE = re.compile(
    r"(?:\b(?:of|with|against|from|to|at|in|near|on|into|for|towards?|between|among|"
    r"alongside|by|under|over|behind|including|like|about|via|and)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:\w+\s+){0,2})$|'s\s+$",
    re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:they|he|she|it|the group|the attackers"
                              r"|the assailants|the latter|its members)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"^\s*(?:\w+\s+){0,3}?between\b", re.IGNORECASE)
_BY_NEAR = re.compile(r"^\s*(?:\w+\s+){0,3}?by\b", re.IGNORECASE)
_COORD_ONLY = re.compile(r"^(?:\s|,|\band\b|\bas well as\b|\balong with\b|\btogether with\b"
                         r"|\bthe\b|\bother\b|&)*$", re.IGNORECASE)
_ALLY_BEFORE = re.compile(r"\b(?:alongside|together with|backed by|supported by|with the support"
                          r" of|in coordination with|accompanied by|joined by|in cooperation"
                          r" with|fighting with)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Roles:
    actor1: list[Actor] = field(default_factory=list)  # the doer and its co-doers
    actor2: Actor | None = None
    allies: list[Actor] = field(default_factory=list)
    passive: bool = False
    pronoun_subject: bool = False


def _start(a: Actor) -> int:
    return a.mention.start if a.mention else -1


def _end(a: Actor) -> int:
    return a.mention.end if a.mention else -1


def _is_prepositional(text: str, a: Actor, floor: int) -> bool:
    lo = max(floor, _start(a) - 40)
    return bool(_PREP_BEFORE.search(text[lo:_start(a)]))


def _is_ally(text: str, a: Actor, floor: int) -> bool:
    lo = max(floor, _start(a) - 40)
    return bool(_ALLY_BEFORE.search(text[lo:_start(a)]))


def assign_roles(text: str, actors: Sequence[Actor], trigger: Span, clause: Span,
                 passive: bool, excluded: Sequence[Span] = ()) -> Roles:
    """Roles of ``actors`` (sorted, of the trigger's sentence) for one trigger.

    ``clause`` bounds the search (from the last clause boundary before the trigger to the
    next one after it); actors inside ``excluded`` spans (what is only talked about) are
    not candidates.
    """
    def usable(a: Actor) -> bool:
        return not any(x.start <= _start(a) < x.end for x in excluded)

    before = [a for a in actors if clause.start <= _start(a) and _end(a) <= trigger.start
              and usable(a)]
    after = [a for a in actors if trigger.end <= _start(a) and _end(a) <= clause.end
             and usable(a)]
    roles = Roles(passive=passive)
    allies = [a for a in before + after if _is_ally(text, a, clause.start)]
    roles.allies = allies
    before = [a for a in before if a not in allies]
    after = [a for a in after if a not in allies]
    if passive:
        agent = _agent_after(text, after, trigger)
        if agent is not None:
            roles.actor1 = [agent]
        subj = [a for a in before if not _is_prepositional(text, a, clause.start)]
        roles.actor2 = subj[0] if subj else (before[-1] if before else None)
        return roles
    subjects = [a for a in before if not _is_prepositional(text, a, clause.start)]
    if subjects:
        roles.actor1 = _with_coordinated(text, subjects[0], before)
    elif _PRONOUN_SUBJECT.match(text[clause.start:trigger.start]):
        roles.pronoun_subject = True
    rest = after
    if not roles.actor1 and rest:
        tail = text[trigger.end:_start(rest[0])]
        if _BETWEEN.match(tail) or _BY_NEAR.match(tail):
            roles.actor1 = [rest[0]]
            rest = rest[1:]
    names = {a.name for a in roles.actor1}
    rest = [a for a in rest if a.name not in names]
    if rest:
        roles.actor2 = rest[0]
    return roles


def _agent_after(text: str, after: Sequence[Actor], trigger: Span) -> Actor | None:
    for a in after:
        gap = text[trigger.end:_start(a)]
        if re.search(r"\bby\b", gap, re.IGNORECASE) and len(gap) < 80:
            return a
    return None


def _with_coordinated(text: str, first: Actor, before: Sequence[Actor]) -> list[Actor]:
    out = [first]
    last = first
    for a in before:
        if _start(a) <= _end(last):
            continue
        if _COORD_ONLY.match(text[_end(last):_start(a)]):
            if a.name not in {x.name for x in out}:
                out.append(a)
            last = a
        else:
            break
    return out
