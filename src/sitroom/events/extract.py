"""Rule-based event extraction: triggers -> typed, role-assigned, ranked events.

For each sentence: find event triggers and cues (``events_cues.tsv``); drop triggers that
are only talked about (after "to denounce", "accused of", inside the object of a
condemnation); decide each trigger's ACLED sub-event type by the ordered rules
(``events_acled_rules.tsv``) over the cues of the sentence, the next sentences' protest and
territory cues, the victim words on the object side and the actors' sectors; merge the
triggers of a sentence that describe one event; give one event per co-doer; rank events by
a confidence that puts deeds above words, the lead above the rest, facts above talk.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from ..model import Actor, Document, Event, Mention, Place, Sentence
from .lexicon import CueRow, EventLexicon, Rule
from .matcher import Hit
from .roles import Roles, Span, assign_roles

__all__ = ["EventExtractor", "Locator"]

log = logging.getLogger("sitroom.events")

Locator = Callable[[Document, int, int, Mention | None], Place | None]

# Cues of the next sentences that still qualify an event (protest policing, riots, a
# territory change "without a fight"): ACLED notes and news leads put them one or two
# sentences after the event itself.
WINDOW_CUES = frozenset({"INTERVENE", "LIVEFIRE", "STONES", "RIOT", "DESTROY", "NOCLASH",
                         "ARREST", "KILL", "BEAT", "FIREARM", "MOB", "TYRES", "CLASH"})
WINDOW_SENTENCES = 2  # how many following sentences; 2 covers ACLED's note layout
# Cues read in the window only for protest events (for others they are new events).
WINDOW_ONLY_PROTEST = frozenset({"ARREST", "KILL", "BEAT", "FIREARM", "CLASH"})

ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "MLA", "UAF", "PMC", "CRM", "SPY"})
STATE_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY"})
CIVILIAN_SECTORS = frozenset({"CVL", "JRN", "REF", "LAB", "EDU", "HLT", "AGR", "ELI", "REL",
                              "ACT", "ETH", "MED", "NGO", "BUS"})
# Generic local groups whose country is the country where the event took place.
LOCAL_SECTORS = frozenset({"COP", "PRO", "CVL", "RIO", "LAB", "EDU", "HLT", "AGR", "JRN", "REF",
                           "UAF", "CRM"})
# Triggers after which "against", "over", "for"... introduce a topic, not a new event.
TOPIC_GOVERNORS = frozenset({"PROTEST", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN",
                             "CONSULT", "AGREE", "COERCE", "SANCTION"})
# Triggers of speech acts: a trigger right after one (its object) is what is talked about.
TALK_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})
OBJECT_GAP_WORDS = 3  # "condemned the military cooperation": at most 3 words between
_OBJECT_GAP = re.compile(r"^\s+(?:the|a|an|its|their|his|her|this|that|these|any|all|what)\s",
                         re.IGNORECASE)

# Confidence = PRIORITY_W * priority + WEIGHT_W * trigger weight + bonuses - penalties,
# chosen so that a violent event with both actors in the lead scores ~0.9 and a
# condemnation in the fifth sentence ~0.35; penalties move an event below the deeds it
# talks about without dropping it.
PRIORITY_W, WEIGHT_W = 0.6, 0.15
ACTOR1_BONUS, ACTOR2_BONUS = 0.08, 0.04
POSITION_BONUS = (0.12, 0.07, 0.04, 0.02)  # sentence 1, 2, 3, 4 of the document
FIRST_TRIGGER_BONUS = 0.02  # the first event of a sentence is usually its main verb
QUOTE_PENALTY = 0.25
NEGATION_PENALTY = 0.3
MODAL_PENALTY = 0.2  # hedged, predicted or planned
ALLY_PENALTY = 0.08
CO_ACTOR_STEP = 0.001  # keeps co-doers in text order
NEGATION_REACH = 30  # chars before a trigger where "not"/"no" negates it
MODAL_REACH = 90  # chars before a trigger where a modal or plan verb governs it

_PLACE_PHRASE = re.compile(r"\s(?:in|at|near|on|outside|inside|along|around|close to|from)\s|[,;(]",
                           re.IGNORECASE)
_INFINITIVE = re.compile(r"\s+to\s")
_QUOTES = re.compile(r"“[^”]{1,600}”|\"[^\"\n]{1,600}\"")


@dataclass(slots=True)
class _Candidate:
    hit: Hit
    row: CueRow
    rule: Rule | None
    event_type: str
    mode: str | None
    priority: float
    roles: Roles
    location: Place | None
    penalty: float
    first: bool

    def score(self) -> float:
        return (self.priority + 0.2 * self.row.weight + 0.05 * bool(self.roles.actor1)
                + 0.03 * (self.roles.actor2 is not None))

    @property
    def key(self) -> str:
        return self.rule.sub_event if self.rule else self.event_type


class EventExtractor:
    def __init__(self, lexicon: EventLexicon, locate: Locator | None = None,
                 version: str = "1") -> None:
        self.lex = lexicon
        self.locate = locate
        self.version = version

    # ------------------------------------------------------------------ document
    def __call__(self, doc: Document) -> tuple[Event, ...]:
        text = doc.text
        sents: Sequence[Sentence] = doc.sentences or (Sentence(0, len(text), text),)
        cues = list(self.lex.cues.finditer(text))
        victims = list(self.lex.victims.finditer(text))
        ctx = list(self.lex.context.finditer(text))
        quotes = [Span(m.start(), m.end()) for m in _QUOTES.finditer(text)]
        actors = sorted((a for a in doc.actors if a.mention is not None), key=_astart)
        cue_starts = [h.start for h in cues]
        ctx_starts = [h.start for h in ctx]
        vic_starts = [h.start for h in victims]
        act_starts = [_astart(a) for a in actors]
        per_sentence = []
        for s in sents:
            per_sentence.append((
                _slice(cues, cue_starts, s), _slice(ctx, ctx_starts, s),
                _slice(victims, vic_starts, s), _slice(actors, act_starts, s)))
        topical = [self._topical(text, s, c, x) for s, (c, x, _, _) in zip(sents, per_sentence)]
        events: list[Event] = []
        last_doers: list[Actor] = []
        for i, s in enumerate(sents):
            s_cues, s_ctx, s_vic, s_act = per_sentence[i]
            window = self._window_tags(per_sentence, topical, i)
            cands = self._candidates(doc, s, i, s_cues, s_ctx, s_vic, s_act, topical[i],
                                     window, quotes, last_doers)
            for c in _merge(cands):
                events.extend(self._events(doc, s, i, c))
                if c.roles.actor1:
                    last_doers = c.roles.actor1
        return tuple(events)

    # ------------------------------------------------------------------ sentence parts
    def _topical(self, text: str, s: Sentence, cues: list[Hit], ctx: list[Hit]) -> list[Span]:
        """Spans of a sentence that only say what an event is about."""
        out: list[Span] = []
        rows = self.lex.cue_rows
        triggers = [h for h in cues if rows[h.row].event_type]
        for h in ctx:
            role = self.lex.context_roles[h.row]
            if role == "TOPIC_GOV":
                prev = [t for t in triggers if t.end <= h.start]
                if not prev or rows[prev[-1].row].event_type not in TOPIC_GOVERNORS:
                    continue
                if rows[prev[-1].row].event_type == "COERCE" and rows[prev[-1].row].cue != "ARREST":
                    continue
            elif role != "TOPIC":
                continue
            out.append(Span(h.end, _clause_stop(text, h.end, s.end)))
        for a, b in zip(triggers, triggers[1:]):
            if rows[a.row].event_type in TALK_TYPES and rows[b.row].event_type not in TALK_TYPES:
                gap = text[a.end:b.start]
                if (_OBJECT_GAP.match(gap) and "," not in gap
                        and len(gap.split()) <= OBJECT_GAP_WORDS):
                    out.append(Span(b.start, _clause_stop(text, b.start, s.end)))
        return out

    def _window_tags(self, per_sentence: list, topical: list[list[Span]], i: int) -> set[str]:
        tags: set[str] = set()
        rows = self.lex.cue_rows
        for j in range(i + 1, min(len(per_sentence), i + 1 + WINDOW_SENTENCES)):
            for h in per_sentence[j][0]:
                cue = rows[h.row].cue
                if cue in WINDOW_CUES and not _inside(h.start, topical[j]):
                    tags.add(cue)
        return tags

    def _candidates(self, doc: Document, s: Sentence, i: int, cues: list[Hit],
                    ctx: list[Hit], victims: list[Hit], actors: list[Actor],
                    topical: list[Span], window: set[str], quotes: list[Span],
                    last_doers: list[Actor]) -> list[_Candidate]:
        text = doc.text
        rows = self.lex.cue_rows
        live = [h for h in cues if not _inside(h.start, topical)]
        sent_tags = {rows[h.row].cue for h in live}
        out: list[_Candidate] = []
        first = True
        for h in live:
            row = rows[h.row]
            if not row.event_type:
                continue
            clause = self._clause(ctx, s, h)
            passive = self._passive(text, ctx, h)
            roles = assign_roles(text, actors, Span(h.start, h.end), clause, passive, topical)
            if not roles.actor1 and roles.pronoun_subject and last_doers:
                roles.actor1 = list(last_doers)
            trig = Mention(h.start, h.end, text[h.start:h.end], "TRIGGER")
            location = self._locate(doc, s, trig)
            tags = set(sent_tags)
            tags.update(t for t in window if row.event_type == "PROTEST" or
                        t not in WINDOW_ONLY_PROTEST)
            tags.update(self._side_tags(text, victims, h, clause, passive))
            tags.update(_actor_tags(roles, location))
            trigger_tags = frozenset({row.event_type, row.cue, "TRIG_" + row.cue})
            tags.update(t for t in trigger_tags if t.startswith("TRIG_"))
            rule = self.lex.decide(trigger_tags, tags)
            etype = (rule.event_type if rule and rule.event_type else row.event_type)
            mode = (rule.mode if rule and rule.mode else row.mode)
            priority = rule.priority if rule else self.lex.type_priority.get(etype, 0.4)
            out.append(_Candidate(h, row, rule, etype, mode, priority, roles, location,
                                  self._penalty(text, ctx, h, clause, quotes), first))
            first = False
        return out

    def _clause(self, ctx: list[Hit], s: Sentence, h: Hit) -> Span:
        start, end = s.start, s.end
        roles = self.lex.context_roles
        text = s.text
        for c in ctx:
            role = roles[c.row]
            if role not in ("CLAUSE", "SPEECH"):
                continue
            if role == "SPEECH" and _INFINITIVE.match(text, c.end - s.start):
                continue  # "claimed to have killed": the speaker is the doer
            if c.end <= h.start:
                start = c.end
            elif c.start >= h.end:
                end = c.start
                break
        return Span(start, end)

    def _passive(self, text: str, ctx: list[Hit], h: Hit) -> bool:
        roles = self.lex.context_roles
        for c in ctx:
            if c.end > h.start:
                break
            if roles[c.row] == "PASSIVE" and not text[c.end:h.start].strip():
                return True
        after = text[h.end:h.end + 20]
        word = text[h.start:h.end].lower()
        return bool(re.match(r"\s+(?:dead\s+|to death\s+)?by\b", after)) and word.endswith(
            ("ed", "en", "ot", "ck", "ht"))

    def _side_tags(self, text: str, victims: list[Hit], h: Hit, clause: Span,
                   passive: bool) -> set[str]:
        """Victim words on the object side (after an active trigger up to the first place
        phrase; before a passive one) and on the subject side."""
        tags: set[str] = set()
        m = _PLACE_PHRASE.search(text, h.end, clause.end)
        obj_end = m.start() if m else clause.end
        for v in victims:
            if not clause.start <= v.start < clause.end or h.end <= v.start >= obj_end:
                continue
            after = v.start >= h.end
            obj = after != passive
            cue = self.lex.victim_rows[v.row].cue  # VICTIM_CIV / _ARMED / _SITE
            if obj or cue != "VICTIM_SITE":  # a site before the trigger is where, not who
                tags.add(("OBJ_" if obj else "SUBJ_") + cue.split("_", 1)[1])
        return tags

    def _penalty(self, text: str, ctx: list[Hit], h: Hit, clause: Span,
                 quotes: list[Span]) -> float:
        p = 0.0
        if any(q.start < h.start < q.end for q in quotes):
            p += QUOTE_PENALTY
        roles = self.lex.context_roles
        modal = neg = False
        for c in ctx:
            if c.start >= h.start:
                break
            role = roles[c.row]
            if role == "NEGATION" and h.start - c.end <= NEGATION_REACH and c.start >= clause.start:
                neg = True
            elif (role in ("HEDGE", "FUTURE", "PLAN") and h.start - c.end <= MODAL_REACH
                  and c.start >= clause.start):
                modal = True
        return p + NEGATION_PENALTY * neg + MODAL_PENALTY * modal

    def _locate(self, doc: Document, s: Sentence, trig: Mention) -> Place | None:
        if self.locate is None:
            return None
        try:
            return self.locate(doc, s.start, s.end, trig)
        except Exception:  # a geocoder failure must not lose the event
            log.exception("locate_event failed for %s", doc.id)
            return None

    # ------------------------------------------------------------------ events
    def _events(self, doc: Document, s: Sentence, i: int, c: _Candidate) -> list[Event]:
        base = (PRIORITY_W * c.priority + WEIGHT_W * c.row.weight
                + ACTOR1_BONUS * bool(c.roles.actor1) + ACTOR2_BONUS * (c.roles.actor2 is not None)
                + (POSITION_BONUS[i] if i < len(POSITION_BONUS) else 0.0)
                + FIRST_TRIGGER_BONUS * c.first - c.penalty)
        loc_country = c.location.country if c.location else None
        actor2 = _localise(c.roles.actor2, loc_country)
        evidence = Mention(s.start, s.end, s.text, "EVIDENCE")
        trig = Mention(c.hit.start, c.hit.end, doc.text[c.hit.start:c.hit.end], "TRIGGER")
        doers: list[tuple[Actor | None, float]] = [
            (a, -CO_ACTOR_STEP * k) for k, a in enumerate(c.roles.actor1)] or [(None, 0.0)]
        doers += [(a, -ALLY_PENALTY - CO_ACTOR_STEP * k) for k, a in enumerate(c.roles.allies)]
        out = []
        for actor1, delta in doers:
            a2 = actor2 if actor2 is None or actor1 is None or actor2.name != actor1.name else None
            out.append(Event(
                doc_id=doc.id, event_type=c.event_type, evidence=evidence, mode=c.mode,
                acled_sub_event_type=c.rule.sub_event if c.rule else None,
                actor1=_localise(actor1, loc_country), actor2=a2, location=c.location,
                confidence=round(min(0.99, max(0.01, base + delta)), 4), trigger=trig,
                extractor="sitroom.rules", extractor_version=self.version))
        return out


# ---------------------------------------------------------------------- helpers
def _astart(a: Actor) -> int:
    return a.mention.start if a.mention else -1


def _slice(items: list[Any], starts: list[int], s: Sentence) -> list[Any]:
    return items[bisect_left(starts, s.start):bisect_left(starts, s.end)]


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(x.start <= pos < x.end for x in spans)


def _clause_stop(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[,;:()]|\s-\s|\s—\s").search(text, pos, limit)
    return m.start() if m else limit


def _actor_tags(roles: Roles, location: Place | None) -> set[str]:
    tags: set[str] = set()
    loc = location.country if location else None
    for prefix, actor in (("A1_", roles.actor1[0] if roles.actor1 else None),
                          ("A2_", roles.actor2)):
        if actor is None:
            continue
        sector = actor.sector
        if sector:
            tags.add(prefix + sector)
            if sector in ARMED_SECTORS:
                tags.add(prefix + "ARMED")
            if sector in STATE_SECTORS:
                tags.add(prefix + "STATE")
            if sector in CIVILIAN_SECTORS:
                tags.add(prefix + "CIV")
        if prefix == "A1_" and loc and actor.country:
            tags.add("A1_LOCAL" if actor.country == loc else "A1_FOREIGN")
    return tags


def _localise(actor: Actor | None, country: str | None) -> Actor | None:
    if actor is None or actor.country or not country or actor.sector not in LOCAL_SECTORS:
        return actor
    return replace(actor, country=country)


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per kind per sentence: the best-scoring trigger of each kind."""
    best: dict[str, _Candidate] = {}
    for c in cands:
        k = c.key
        if k not in best or c.score() - c.penalty > best[k].score() - best[k].penalty:
            if k in best:
                c.first = c.first or best[k].first
            best[k] = c
    return sorted(best.values(), key=lambda c: c.hit.start)
