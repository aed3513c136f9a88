"""Rule-based event extraction: triggers -> typed, role-assigned, ranked events.

For each sentence: find event triggers and cues (``events_cues.tsv``); drop triggers that
are only talked about (after "to denounce", "accused of", inside the object of a
condemnation); decide each trigger's ACLED sub-event type by the ordered rules
(``events_acled_rules.tsv``) over the cues of the sentence, the next sentences' protest and
territory cues, the victim words on the object side and the actors' sectors; merge the
triggers of a sentence that describe one event; give one event per co-doer; rank events by
a confidence that puts deeds above words, the lead above the rest, facts above talk.

Raw news tells one deed with several words: a violent noun after a violent verb ("were
killed in an air strike") is that deed, with the verb's victims and doer; more casualties
("and five wounded") and the raid an arrest was made in add no event; a word that only
names the doer ("gunmen") is no event where another trigger has it as its doer; a unit's
noun ("convoy", "patrol") in a sentence of violence is whom it hit, not a deployment. Of
the triggers merged into one event, the kept one takes the doer or target only another
names ("a commander was killed when gunmen ambushed his convoy").
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import AbstractSet, Any, Callable, Sequence

from ..model import Actor, Document, Event, Mention, Place, Sentence, record_builder, with_fields
from ..vocab import EXCESSIVE_FORCE, SECTORS
from .lexicon import CueRow, EventLexicon, Rule
from .matcher import Hit, scan_text
from .roles import (AllyWords, RoleIndex, Roles, Span, _spans_ordered, assign_roles,
                    bare_participle, identified_as)

__all__ = ["EventExtractor", "Locator"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_MENTION, _ACTOR, _EVENT = record_builder(Mention), record_builder(Actor), record_builder(Event)

log = logging.getLogger("sitroom.events")

# Prepares one document (once) and returns where an event stated in text[start:end], with
# an optional trigger mention, happened: ``locator(doc)(start, end, trigger)``.
Locator = Callable[[Document], Callable[[int, int, Mention | None], Place | None]]

# Cues of the next sentences that still qualify an event (protest policing, riots, a
# territory change "without a fight"): ACLED notes and news leads put them one or two
# sentences after the event itself.
WINDOW_CUES = frozenset({"INTERVENE", "LIVEFIRE", "STONES", "RIOT", "DESTROY", "NOCLASH",
                         "ARREST", "ARREST_NOW", "KILL", "BEAT", "FIREARM", "MOB", "TYRES",
                         "CLASH", "MUTUAL", "BARRICADE", "VIOLENT_PROTEST"})
WINDOW_SENTENCES = 2  # how many following sentences; 2 covers ACLED's note layout
# A protest reads one sentence further: news stories tell the march first, its turn to
# violence or the police response after a sentence or two on its cause.
PROTEST_WINDOW_SENTENCES = 3
# Cues read in the window only for protest events (for others they are new events).
WINDOW_ONLY_PROTEST = frozenset({"ARREST", "ARREST_NOW", "KILL", "BEAT", "FIREARM", "CLASH"})

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
# Triggers of mutual action: co-doers act against each other (for an exchange of fire
# with a named target, only co-doers of two countries: "military and police forces of
# Pakistan exchanged fire with militants" are allies).
RECIPROCAL_CUES = frozenset({"CLASH", "ARMED_CLASH", "CONSULT", "AGREE", "COOPERATE"})
# Nouns of moving units ("convoy", "patrols"): in a sentence of violence they name whom
# it hit, not a deployment.
UNIT_CUES = frozenset({"UNIT"})
# Arrests and abductions: a raid named after them ("in raids") says how they were made
# (clashes or attacks named there are deeds of their own).
SEIZING_CUES = frozenset({"ARREST", "ARREST_NOW", "ABDUCT"})
RAID_CUES = frozenset({"OFFENSIVE"})
# Words of harm counted after a first passive deed ("and five wounded"): the same deed.
CASUALTY_CUES = frozenset({"KILL", "INJURE"})
# An accident or disaster named in a sentence ("a helicopter crashed during a training
# flight, killing five soldiers"): its deaths are no event where no weapon or other
# violence is named and no doer but a state's forces (whose craft it was).
ACCIDENT_CUE = "ACCIDENT"
ACCIDENT_WEAPONS = frozenset({"FIREARM", "SHELL", "IED", "IED_WITH", "LIVEFIRE", "PRIMITIVE",
                              "GRENADE", "RPG"})
# Verbs of blame that, right before "of" or "for", are reduced passives ("generals accused
# of fuelling the war"): an active one has its object first ("accused Russia of").
CHARGED = frozenset({"accused", "blamed", "criticised", "criticized", "condemned"})
# Triggers that name the doer of violence ("gunmen"), not the deed: they stand for an event
# only where no other trigger of the sentence has them as its doer.
DOER_CUES = frozenset({"GUNMEN"})
# Seizures and finds: the weapons named after them are objects, not attacks.
OBJECT_CUES = frozenset({"SEIZE", "DISRUPT"})
# Tag of a trigger whose sentence names other violence, even as background: a territory
# change "after a two-day battle" was not a non-violent transfer.
VIOLENCE_NEAR = "VIOLENCE_NEAR"
SIEGE_CUE = "SIEGE"  # a siege named in the sentence, background too: violence near
# Protest cues that make a protest violent: inside a topic ("the anniversary of the riots")
# they are what the protest is about, not part of it.
VIOLENT_PROTEST_CUES = frozenset({"RIOT", "VIOLENT_PROTEST", "STONES", "BARRICADE"})

# A stated intention turns a cooperative deed into AGREE and a hostile one into THREATEN
# (PLOVER/CAMEO: "X will send aid" is an agreement, "X will shell" a threat).
COOPERATIVE_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT",
                               "AGREE"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "REJECT"})
# Hostile deeds whose stated intention is a threat: not a deployment, which a state also
# announces to allies ("will send 2,000 troops to Poland": a planned MOBILIZE)
INTENT_HOSTILE_TYPES = HOSTILE_TYPES - {"MOBILIZE"}

# Confidence = PRIORITY_W * priority + WEIGHT_W * trigger weight + bonuses - penalties,
# chosen so that a violent event with both actors in the lead scores ~0.9 and a
# condemnation in the fifth sentence ~0.35; penalties move an event below the deeds it
# talks about without dropping it.
PRIORITY_W, WEIGHT_W = 0.6, 0.15
ACTOR1_BONUS, ACTOR2_BONUS = 0.08, 0.04
POSITION_BONUS = (0.15, 0.08, 0.04, 0.02)  # sentence 1, 2, 3, 4 of the document
FIRST_TRIGGER_BONUS = 0.02  # the first event of a sentence is usually its main verb
QUOTE_PENALTY = 0.25
NEGATION_PENALTY = 0.3
MODAL_PENALTY = 0.12  # hedged, predicted or planned
ALLY_PENALTY = 0.08
RELATIVE_PENALTY = 0.08  # "a man who was shot last week": background to the main clause
# Words that open a background clause: relative pronouns, the relative "where" ("in Kano,
# where 28 people have been killed"), "since" ("calm since the peace accord") and what
# led to the main deed ("when", "after", "because"). Chosen on the dev sets: each of them
# moved more primary events to the main clause's deed than away from it.
BACKGROUND_WORDS = ("who", "which", "whose", "whom", "where", "since", "when", "after",
                    "because")
# what had happened before the reported event ("..., where 28 people have been killed"),
# on top of RELATIVE_PENALTY: below the main clause's deed even when that is milder
HISTORY_PENALTY = 0.1
# a deed denied ranks below the denial itself, as a negated one does
DENIAL_PENALTY = NEGATION_PENALTY
CO_ACTOR_STEP = 0.001  # keeps co-doers in text order
# How many distinct confidences ``_rounded`` keeps (beyond that it starts afresh): a few
# thousand cover a long run of documents
CONFIDENCES_KEPT = 20000
# How many decisions ``_decide`` keeps per cue row (beyond that it starts afresh): the
# rules of a trigger read a handful of tags, so a few hundred sets of them are met at most
DECISIONS_KEPT = 4096
NEGATION_REACH = 30  # chars before a trigger where "not"/"no" negates it
MODAL_REACH = 90  # chars before a trigger where a modal or plan verb governs it

_PLACE_PHRASE = re.compile(r"\s(?:in|at|near|on|outside|inside|along|around|close to|from)\s|[,;(]",
                           re.IGNORECASE)
# "killed by", "shot dead by", "tortured to death by": the doer follows
_BY_AFTER = re.compile(r"\s+(?:(?:dead|to death|to dead|and \w+|up|down)\s+)?by\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:%s)$" % "|".join(BACKGROUND_WORDS), re.IGNORECASE)
# the last letters of BACKGROUND_WORDS, in either case
_BACKGROUND_LAST = frozenset("".join(w[-1] + w[-1].upper() for w in BACKGROUND_WORDS))
_LAST_WORD = re.compile(r"\b([A-Za-z][\w'-]*) $")
_NEXT_WORD = re.compile(r" ([A-Za-z][\w'-]*)")
_PREP_LOOKBACK = re.compile(r"\b(?:to|of|in|at|from|with|by|for|on)\s+(?:the\s+|an?\s+)?"
                            r"(?:(?-i:[a-z])[\w-]*\s+)?$"
                            r"|['’]s\s+(?:[\w-]+\s+){0,2}$",
                            re.IGNORECASE)
# How a participle before "by" ends (``_passive``), and the last letters of those endings
# in either case
_PARTICIPLE_ENDS = ("ed", "en", "ot", "ck", "ht")
_PARTICIPLE_LAST = frozenset("".join(e[-1] + e[-1].upper() for e in _PARTICIPLE_ENDS))
_AUX_START = re.compile(r"(?:were|was|have been|had been|has been|got)\b", re.IGNORECASE)
_MARKER = "marker"  # governor of the span inside a topic marker ("in protest over")
_DENIAL = "denial"  # governor of the span a denial opens ("denied shelling the town")
# Cues of a denial: the deed denied is an event of its own, with the status "denied"
# (read by the facets from the cue), ranked below the denial (DENIAL_PENALTY).
DENIAL_CUES = frozenset({"DENY"})
# What a denial may deny besides the deed: who did it ("denied responsibility for the
# bombing": the bombing is not denied, and is not reported by the denier).
_NOT_THE_DEED = re.compile(r"\s+(?:any\s+)?(?:responsibility|involvement|role|part|links?)\b",
                           re.IGNORECASE)
# Words of a report between a denial and the deed: "denied reports of an attack" does not
# say the denier would have attacked.
_REPORT_WORDS = re.compile(r"\b(?:reports?|claims?|allegations?|accusations?|suggestions?|"
                           r"rumou?rs?|accounts?)\b", re.IGNORECASE)
# "by" and up to two words before a victim word: the agent of a passive trigger, which
# coordinated participles may push past a comma ("was beaten, stabbed and killed by a mob")
_AGENT_BEFORE = re.compile(r"\bby\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
AGENT_REACH = 30  # chars before the victim word searched for "by" (two short words)
_OBJECT_PREP = re.compile(r"\s+(?:on|at|against|upon|towards|into)\b", re.IGNORECASE)
# The finite verbs that give a reporting verb's object a clause of its own
_OWN_VERB = r"\s+(?:had|has|have|was|were|is|are|would|will|could|did)\b"
# ("claimed the attack", "announced new sanctions", "confirmed deploying troops": the
# speaker's deed; "claimed the group had taken": a reported clause with a subject and a finite
# verb of its own)
_SPEAKER_IS_DOER = re.compile(
    r"\s+(?:to|responsibility|credit|(?:an?|the|new|fresh|further|additional|more|its|their|"
    r"(?!during\b|according\b|nothing\b|something\b|anything\b|everything\b)[a-z]+ing)"
    r"(?!(?:\s+[\w'-]+){1,3}?" + _OWN_VERB + r"))\s", re.IGNORECASE)
# Plain saying verbs never take the deed as their object: after "said the", "told a" the
# reported clause begins ("the ministry said the RSF had shelled ..."); only "is said to
# have" keeps the speaker's subject as the doer.
_SAYING = frozenset({"said", "says", "saying", "stated", "stating", "told", "tells", "added",
                     "noted", "wrote"})
_SAID_TO = re.compile(r"\s+to\s", re.IGNORECASE)
# Reporting verbs whose bare object is the speaker's own act: "declared martial law",
# "announced sanctions" (with an article ``_SPEAKER_IS_DOER`` already reads them so)
_PERFORMATIVE = frozenset({"declared", "announced", "proclaimed"})
# ... unless the object has a verb of its own: a reported clause
_OWN_VERB_AFTER = re.compile(r"(?:\s+[\w'-]+){1,3}?" + _OWN_VERB, re.IGNORECASE)
QUOTE_REACH = 600  # characters a quotation may hold (``_QUOTES``)
QUOTES_SCANNED = 16  # up to this many quotes in a document, ``_overlapping`` reads each
_QUOTES = re.compile(r"“[^”]{1,%d}”|\"[^\"\n]{1,%d}\"" % (QUOTE_REACH, QUOTE_REACH))
# "the strike" names a labour strike, unless the story tells of air or drone strikes, or of
# missiles, rockets or shells: there it refers back to one of them ("The strike was the
# latest in a series of ...", "The strike came in retaliation for a rocket attack")
_BARE_STRIKE = re.compile(r"(?:an?|the|this|that) strikes?", re.IGNORECASE)
AIR_CUES = frozenset({"AIR", "AIR_WEAK"})
STRIKE_SENSE_CUES = AIR_CUES | {"SHELL"}
# A protest said to be peaceful in its own sentence is not made violent or policed by what
# the next sentences tell (a later clash is another episode)
PEACEFUL_CUES = frozenset({"NOCLASH", "NOVIOLENCE"})
# "the accusations were baseless": a talk noun that is the subject of a copula governs no
# topic after it
_COPULA_AFTER = re.compile(r"\s+(?:were|was|are|is|had been|have been|has been)\b",
                           re.IGNORECASE)
# "condemned X and urged Y": a second verb joined by "and" ends the first one's object
_AND_BEFORE = re.compile(r"\band\s+$", re.IGNORECASE)
# "condemned it", "rejected the measures": the object refers back to an earlier deed, whose
# doer is the target
_ANAPHORIC_OBJECT = re.compile(
    r"\s+(?:it|them|this|these|the (?:latest |new |recent )?(?:strikes?|attacks?|measures?|"
    r"sanctions|move|decision|raids?|bombings?|shelling|killings?|arrests?|operation|"
    r"incidents?|assaults?|ban|detentions?|executions?|expulsions?|tariffs|duties))\b",
    re.IGNORECASE)
ANAPHORA_TYPES = frozenset({"ACCUSE", "REJECT"})
# Event types whose trigger word inside an actor's phrase only qualifies the actor
MODIFIER_TYPES = frozenset({"COOPERATE", "SUPPORT", "AGREE", "AID", "CONSULT"})
# "Moscow will face new sanctions": the subject of "face" is the target; the doer is whoever
# says so ("..., the EU's foreign policy chief warned"), if anyone
_FACE_BEFORE = re.compile(r"\b(?:face|faces|facing|faced)\b(?:\s+[\w-]+){0,4}\s+$",
                          re.IGNORECASE)
FACE_REACH = 50  # chars between "face" and the trigger (four short words)
_SPEAKER_VERB = re.compile(r"(?:['’]s(?:\s+[\w-]+){1,3})?\s+(?:said|says|warned|warns|told|"
                           r"added|announced|stated)\b", re.IGNORECASE)
DEED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# "The two sides agreed ...": the two parties of the previous event
_BOTH_SIDES = re.compile(r"\b(?:the two|both) (?:sides|countries|nations|governments|leaders|"
                         r"parties|delegations|presidents|ministers|blocs)\b", re.IGNORECASE)
# "X claimed responsibility", "X claimed the attack": X is the doer of the attack told just
# before, when that names none
_CLAIM = re.compile(r"\bclaim(?:ed|s|ing)?\s+(?:responsibility|credit|the (?:attack|assault|"
                    r"bombing|blast|ambush|killings?|raid|strike|explosion))\b", re.IGNORECASE)
ARREST_CUES = frozenset({"ARREST", "ARREST_NOW"})
CLAIM_SECTORS = frozenset({"REB", "MLA", "UAF", "CRM", "PMC"})
# "..., officials said, blaming FARC dissidents", "blamed the attack on al Shabaab"
_BLAME = re.compile(r"\bblam(?:ed|es|ing)\s+(?:(?:the|this|that)\s+(?:[\w-]+\s+){0,2}on\s+|on\s+)?"
                    r"(?:the\s+)?", re.IGNORECASE)
# "It was the latest in a series of attacks": a summary of earlier deeds, not a new one
_SERIES_BEFORE = re.compile(
    r"\b(?:latest|last|newest|most recent|first|second|third|fourth|fifth|another|one)\s+"
    r"(?:in|of)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:series|wave|string|spate|spree|rash)"
    r"\s+of\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_SERIES_AFTER = re.compile(
    r"\s+(?:was|is|were|are|marks?|marked)\s+(?:the\s+)?(?:latest|last|newest|most recent|first|"
    r"second|third|fourth|fifth|another|one)\s+(?:in|of)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:series|wave|string|spate|spree|rash)\s+of\b",
    re.IGNORECASE)
# "thwarted an arson attack", "foiled a plot to bomb": a deed that did not happen
_FOILED_BEFORE = re.compile(r"\b(?:thwart|foil|avert|prevent)(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,4}$",
                            re.IGNORECASE)
FOILED_REACH = 45  # chars before a trigger searched for "foiled" (four short words)
# "..., has lost 200 men since it was deployed in 2014": the clause dates the background
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:it|they|he|she|the|its|their|an?)\s+)?(?:[\w-]+\s+)?"
                           r"(?:was|were|had been|has been|have been|first)\s+$", re.IGNORECASE)
SINCE_REACH = 50  # chars before a trigger searched for "since" (four words)
SERIES_REACH = 90  # chars before a trigger searched for "the latest in a series of"
# Lower-case words whose presence in a sentence opens the checks of ``_candidates``
# (found once per document with str.find: a gate, the regular expressions decide)
MARK_WORDS = {
    "series": ("series of", "wave of", "string of", "spate of", "spree of", "rash of"),
    "foil": ("thwart", "foil", "avert", "prevent"),
    "since": ("since ",),
    "both": ("both ", "the two "),
}

_NO_MARKS: frozenset[str] = frozenset()
_UNDECIDED = object()  # (no decision memoised yet)
# Prefixes of the tags ``_side_tags`` and ``_add_actor_tags`` make
SIDE_TAG_PREFIXES = ("OBJ_", "SUBJ_")
ACTOR_TAG_PREFIXES = ("A1_", "A2_")
# Context roles that bear on an event's penalty (``_penalty``)
_PENALTY_ROLES = frozenset({"FUTURE", "HEDGE", "PLAN", "INTENT", "NEGATION"})
_new_tuple = tuple.__new__

_MENTION_START = attrgetter("mention.start")  # sort key of actors that have a mention
_SPAN_END = itemgetter(1)  # (``Span.end``)
_HIT_START = attrgetter("hit.start")  # sort key of candidates

# Generic speakers who speak for a body named after them ("a spokesman for the rebels")
SPOKESPERSONS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative",
                           "spokesmen", "spokespeople", "representatives"})
_FOR_BODY = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?", re.IGNORECASE)

# ", killing three civilians": a participle of consequence right after a comma
_CONSEQUENCE_BEFORE = re.compile(r",\s*(?:\w+ly\s+)?$")
CLAIM_REACH = 2  # sentences before the claim whose actorless violent events it names


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
    mention: Mention | None = None  # the trigger's mention, when made to locate the event

    def score(self) -> float:
        """Which of a sentence's triggers of one kind speaks for it: the kind's priority,
        then how plainly the trigger names the deed, then known actors."""
        return (self.priority + 0.2 * self.row.weight + 0.05 * bool(self.roles.actor1)
                + 0.03 * (self.roles.actor2 is not None))

    @property
    def key(self) -> str:
        return self.rule.sub_event if self.rule else self.event_type


class _Where:
    """One document's locator, prepared on the first event that needs a place."""

    def __init__(self, prepare: Locator, doc: Document) -> None:
        self._prepare, self._doc = prepare, doc
        self._locate: Callable[[int, int, Mention | None], Place | None] | None = None

    def __call__(self, start: int, end: int, trigger: Mention | None) -> Place | None:
        if self._locate is None:
            self._locate = self._prepare(self._doc)
        return self._locate(start, end, trigger)


class EventExtractor:
    def __init__(self, lexicon: EventLexicon, locate: Locator | None = None,
                 version: str = "1") -> None:
        self.lex = lexicon
        self.locate = locate
        self.version = version
        # per cue row: the tags its trigger brings to the ACLED decision (None: no trigger)
        self._trigger_tags = [_trigger_tags(r.cue, r.event_type) if r.event_type else None
                              for r in lexicon.cue_rows]
        self._is_trigger = [bool(r.event_type) for r in lexicon.cue_rows]
        self._strike_sense = [r.cue in STRIKE_SENSE_CUES for r in lexicon.cue_rows]
        self._window_cue = [r.cue in WINDOW_CUES for r in lexicon.cue_rows]
        self._is_protest = [r.event_type == "PROTEST" for r in lexicon.cue_rows]
        self._is_assault = [r.event_type == "ASSAULT" for r in lexicon.cue_rows]
        self._is_arrest_now = [r.cue == "ARREST_NOW" for r in lexicon.cue_rows]
        # per victim row: the kind of victim (its cue after VICTIM_), whether a site, a mob
        self._victim_kind = [r.cue.split("_", 1)[1] for r in lexicon.victim_rows]
        self._victim_site = [r.cue == "VICTIM_SITE" for r in lexicon.victim_rows]
        self._victim_mob = [r.cue == "VICTIM_MOB" for r in lexicon.victim_rows]
        # per cue row: whether its trigger talks of what follows it (``_topical``)
        self._talks = [bool(r.event_type) and (r.event_type in TALK_TYPES
                                               or r.cue in OBJECT_CUES)
                       for r in lexicon.cue_rows]
        # per cue row: whether the rules its trigger admits read victim words on either
        # side (tags of ``_side_tags``) or actors' sectors (``_add_actor_tags``); where they
        # do not, those tags cannot change the rule decided and are not made
        named = [lexicon.condition_tags(t[0]) if t else frozenset() for t in self._trigger_tags]
        self._reads_sides = [any(x.startswith(SIDE_TAG_PREFIXES) for x in n) for n in named]
        self._reads_actors = [any(x.startswith(ACTOR_TAG_PREFIXES) for x in n) for n in named]
        # per cue row: the tags the rules its trigger admits read (``decide`` gives the same
        # rule for two sets of tags that agree on these) and the rules decided so far, per
        # set of those tags (few: the rules read few tags)
        self._condition_tags = named
        self._decided: list[dict[frozenset[str], Rule | None]] = [{} for _ in named]
        self._confidences: dict[float, float] = {}  # (``_rounded``)
        # per context row: its role if it opens a topic, else None
        self._topic_role = [r if r in ("TOPIC", "TOPIC_GOV") else None
                            for r in lexicon.context_roles]

    # ------------------------------------------------------------------ document
    def __call__(self, doc: Document) -> tuple[Event, ...]:
        text = doc.text
        sents: Sequence[Sentence] = doc.sentences or (Sentence(0, len(text), text),)
        low = scan_text(text)  # lower-cased once for the three scans
        lex = self.lex
        cues = lex.cues.hits(text, low)
        rows = lex.cue_rows
        strike_sense = self._strike_sense
        for h in cues:
            if strike_sense[h.row]:
                cues = [h for h in cues if rows[h.row].cue != "STRIKE"
                        or not _BARE_STRIKE.fullmatch(text, h.start, h.end)]
                break
        cue_starts = [h.start for h in cues]
        # context is read only in sentences with cues, victims only in those with triggers
        # whose rules read them (``_reads_sides``): scan those
        s_starts, s_ends = [s.start for s in sents], [s.end for s in sents]
        ordered = _in_text_order(s_starts, s_ends)
        # (per sentence: the (lo, hi) index range of its cues)
        cue_at = _ranges(cue_starts, s_starts, s_ends, ordered)
        spans = ([(s.start, s.end) for s, (lo, hi) in zip(sents, cue_at) if lo < hi]
                 if ordered else None)  # (the sentences with cues)
        if spans is None:
            victims, ctx = lex.victims.hits(text, low), lex.context.hits(text, low)
        else:
            reads_sides = self._reads_sides
            side_starts = [h.start for h in cues if reads_sides[h.row]]
            sided: list[tuple[int, int]] = []  # (the spans with such a cue: ``_starts_in``)
            if side_starts:
                last = len(side_starts)
                for span in spans:
                    k = bisect_left(side_starts, span[0])
                    if k < last and side_starts[k] < span[1]:
                        sided.append(span)
            victims = lex.victims.hits_around(text, low, sided)
            ctx = lex.context.hits_around(text, low, spans)
        quotes = _quotes(text)
        actors = [a for a in doc.actors if a.mention is not None]
        actors.sort(key=_MENTION_START)
        placed = sorted([(p.mention.start, k) for k, p in enumerate(doc.places) if p.mention])
        # the sorted starts of the context hits, victim words, actors and places: a
        # sentence that needs them finds its (lo, hi) index range in each by bisection
        ctx_starts = [h.start for h in ctx]
        vic_starts = [h.start for h in victims]
        a_starts = [a.mention.start for a in actors]  # type: ignore[union-attr]
        a_ends = [a.mention.end for a in actors]  # type: ignore[union-attr]
        a_ordered = _spans_ordered(a_starts, a_ends)
        place_starts = [at for at, _ in placed]
        n = len(sents)
        act_at: list[tuple[int, int]] = [(0, 0)] * n  # (of the sentences with cues)
        no_cues: tuple[list[Hit], list[Hit], list[Hit], list[Actor]] = ([], [], [], [])
        per_sentence = [no_cues] * n
        topical: list[list[Span]] = [[]] * n  # (shared empty lists: never changed)
        # per sentence: its window cues and whether it reports a protest (not a topic)
        wcues: list[set[str] | None] = [None] * n
        protest = [False] * n
        window_cue, is_protest = self._window_cue, self._is_protest
        has_trigger = [False] * n
        is_trigger = self._is_trigger
        for j in range(n):
            lo, hi = cue_at[j]
            if lo == hi:
                continue
            # the rest is read only where there are cues (triggers, topics, window cues);
            # a sentence without cues has no trigger and no window cue: its topics are moot
            s = sents[j]
            c = cues[lo:hi]
            s_lo, s_hi = s_starts[j], s_ends[j]
            x = ctx[bisect_left(ctx_starts, s_lo):bisect_left(ctx_starts, s_hi)]
            alo, ahi = act_at[j] = bisect_left(a_starts, s_lo), bisect_left(a_starts, s_hi)
            a = actors[alo:ahi]
            per_sentence[j] = (c, x, victims[bisect_left(vic_starts, s_lo):
                                             bisect_left(vic_starts, s_hi)]
                               if vic_starts else victims, a)
            top = topical[j] = self._topical(text, s, c, x, a)
            found: set[str] | None = None
            for h in c:
                r = h.row
                if is_trigger[r]:
                    has_trigger[j] = True
                if top and _inside(h.start, top):
                    continue
                if window_cue[r]:
                    if found is None:
                        found = set()
                    found.add(rows[r].cue)
                if is_protest[r]:
                    protest[j] = True
            if found:
                wcues[j] = found | {"W_" + w for w in found}  # W_: seen in a later sentence
        events: list[Event] = []
        memory = _Memory()
        first_event: list[int] = []  # per sentence: index of its first event in events
        marks_of = _sentence_marks(_mark_positions(low), sents, ordered)
        where = _Where(self.locate, doc) if self.locate is not None else None
        ally_words = AllyWords(text, low, 1)
        places = doc.places
        for i in range(n):
            first_event.append(len(events))
            if not has_trigger[i]:
                s = sents[i]
                if events and ("laim" in s.text or "blam" in s.text):
                    # "Al Shabaab claimed responsibility.": no trigger of its own
                    _credit_doers(text, s, actors[bisect_left(a_starts, s.start):
                                                  bisect_left(a_starts, s.end)],
                                  events, first_event, i)
                continue
            s = sents[i]
            s_cues, s_ctx, s_vic, s_act = per_sentence[i]
            window: set[str] = set()
            for j in range(i + 1, i + 1 + WINDOW_SENTENCES if i + 1 + WINDOW_SENTENCES < n
                           else n):
                w = wcues[j]
                if w:
                    window |= w
            far: set[str] = set()
            for j in range(i + 1 + WINDOW_SENTENCES,
                           i + 1 + PROTEST_WINDOW_SENTENCES
                           if i + 1 + PROTEST_WINDOW_SENTENCES < n else n):
                w = wcues[j]
                if w:
                    far |= w
            for j in range(i - WINDOW_SENTENCES if i > WINDOW_SENTENCES else 0, i):
                if protest[j]:
                    window.add("PROTEST_CTX")
                    break
            plo, phi = bisect_left(place_starts, s.start), bisect_left(place_starts, s.end)
            if phi - plo == 1:
                s_places = [places[placed[plo][1]]]
            elif phi > plo:  # (in the order of doc.places)
                order = []
                for _, k in placed[plo:phi]:
                    order.append(k)
                order.sort()
                s_places = []
                for k in order:
                    s_places.append(places[k])
            else:
                s_places = []
            alo, ahi = act_at[i]
            cands = self._candidates(doc, s, i, s_cues, s_ctx, s_vic, s_act, topical[i],
                                     window, far, quotes, memory, s_places, where,
                                     marks_of[i], (a_starts[alo:ahi], a_ends[alo:ahi], a_ordered),
                                     ally_words)
            if cands:
                evidence = _MENTION(s.start, s.end, s.text, "EVIDENCE")
                for cand in (_consequences(text, _merge(cands)) if len(cands) > 1 else cands):
                    events.extend(self._events(doc, evidence, i, cand))
                    if cand.roles.actor1:  # (else ``update`` keeps what it has)
                        memory.update(cand)
            _credit_doers(text, s, s_act, events, first_event, i)
        return tuple(events)

    # ------------------------------------------------------------------ sentence parts
    def _topical(self, text: str, s: Sentence, cues: list[Hit], ctx: list[Hit],
                 actors: list[Actor]) -> list[Span]:
        """Spans of a sentence that only say what an event is about."""
        out: list[Span] = []
        topic_role, talks = self._topic_role, self._talks
        for h in ctx:
            if topic_role[h.row] is not None:
                break
        else:  # no topic marker: only a trigger of talk opens a topic
            for h in cues:
                if talks[h.row]:
                    break
            else:
                return out
        rows = self.lex.cue_rows
        is_trigger, s_start = self._is_trigger, s.start
        # a trigger word inside a name ("Citizen Solidarity for ...") governs no topic
        triggers = []
        for h in cues:
            if is_trigger[h.row] and not (h.start != s_start and text[h.start].isupper()
                                          and _in_name(text, h, actors, s_start)):
                triggers.append(h)
        for h in ctx:
            role = topic_role[h.row]
            if role is None:
                continue
            last = None  # the last trigger before the marker
            for t in triggers:
                if t.end <= h.start:
                    last = t
            if role == "TOPIC_GOV":
                if last is None or rows[last.row].event_type not in TOPIC_GOVERNORS:
                    continue
                if rows[last.row].event_type == "COERCE" and rows[last.row].cue != "ARREST":
                    continue
            gov = rows[last.row].event_type if last is not None else None
            out.append(_new_tuple(Span, (h.end, _topic_end(text, h.end, s.end, triggers), gov)))
            if role == "TOPIC":  # "against the arrest of": the word inside is the topic too
                out.append(_new_tuple(Span, (h.start + 1, h.end, _MARKER)))
        for a in triggers:
            # what is condemned, rejected or demanded is talked about, not reported
            if rows[a.row].event_type in TALK_TYPES or rows[a.row].cue in OBJECT_CUES:
                if _COPULA_AFTER.match(text, a.end):
                    continue  # "the accusations were baseless": no object follows
                denial = rows[a.row].cue in DENIAL_CUES and not _NOT_THE_DEED.match(text, a.end)
                end = _topic_end(text, a.end, s.end, triggers)
                toll = _TOLL_AFTER.match(text, end, s.end)
                if toll and rows[a.row].event_type == "ACCUSE":
                    # "accused X of shelling villages, wounding three civilians": the toll
                    # is part of the deed charged
                    end = _clause_stop(text, toll.end(), s.end)
                out.append(_new_tuple(Span, (a.end, end, _DENIAL if denial else None)))
        return out

    def _candidates(self, doc: Document, s: Sentence, i: int, cues: list[Hit],
                    ctx: list[Hit], victims: list[Hit], actors: list[Actor],
                    topical: list[Span], window: set[str], far: set[str],
                    quotes: list[Span], memory: _Memory, s_places: list[Place],
                    where: _Where | None, marks: AbstractSet[str],
                    mention_at: tuple[list[int], list[int], bool],
                    ally_words: AllyWords) -> list[_Candidate]:
        """The sentence's events to be: one candidate per trigger kept (``mention_at``: the
        starts and ends of ``actors``' mentions, and whether each ends after it starts;
        ``ally_words``: the document's)."""
        text = doc.text
        rows = self.lex.cue_rows
        serial, foiled, since = "series" in marks, "foil" in marks, "since" in marks
        both = "both" in marks
        s_start, s_end = s.start, s.end
        live = []
        sent_tags: set[str] = set()
        violent: list[int] = []  # violence named anywhere in the sentence, background too
        is_assault = self._is_assault
        for h in cues:
            r = h.row
            row = rows[r]
            if is_assault[r] or row.cue == SIEGE_CUE:  # (a siege is violence too)
                violent.append(h.start)
            if topical and _topical_hit(h, row, topical):
                continue
            if foiled and row.event_type in DEED_TYPES and _FOILED_BEFORE.search(
                    text, h.start - FOILED_REACH if h.start - FOILED_REACH > s_start
                    else s_start, h.start):
                continue
            if since and _SINCE_BEFORE.search(
                    text, h.start - SINCE_REACH if h.start - SINCE_REACH > s_start
                    else s_start, h.start):
                continue
            if serial and (_SERIES_BEFORE.search(
                    text, h.start - SERIES_REACH if h.start - SERIES_REACH > s_start
                    else s_start, h.start) or _SERIES_AFTER.match(text, h.end, s_end)):
                continue
            # (``_in_name`` only for a capital inside the sentence: most triggers have none)
            if h.start != s_start and text[h.start].isupper() and _in_name(
                    text, h, actors, s_start):
                continue
            if row.event_type in MODIFIER_TYPES and _in_actor_phrase(text, h, actors):
                continue
            live.append(h)
            sent_tags.add(row.cue)
        # the sentence's clause bounds, passive markers and the markers ``_penalty`` reads
        # (the others it passes over), in text order
        croles = self.lex.context_roles
        bounds: list[Hit] = []
        speeches: list[Hit] = []
        passives: list[Hit] = []
        modals: list[tuple[Hit, str]] = []
        for c in ctx:
            role = croles[c.row]
            if role == "CLAUSE":
                bounds.append(c)
            elif role == "SPEECH":
                if not _speaker_acts(s, c, live):  # "claimed to have killed": the speaker acts
                    bounds.append(c)
                speeches.append(c)
            elif role == "PASSIVE":
                passives.append(c)
            elif role in _PENALTY_ROLES:
                modals.append((c, role))
        # cues of a background clause telling what had happened ("..., where 28 people
        # have been killed") do not type the triggers outside it
        history = _history(text, bounds, s) if bounds else []
        main_tags = sent_tags
        if history:
            main_tags = set()
            for h in live:
                if not _inside(h.start, history):
                    main_tags.add(rows[h.row].cue)
        out: list[_Candidate] = []
        first = True
        prev_doers: list[Actor] = []  # the doers of the sentence's last trigger so far
        places: dict[int, Place | None] = {}
        s_quotes = _overlapping(quotes, s_start, s_end) if quotes else quotes
        # (the spans a denial opens: ``_denied`` reads no other)
        denials = topical
        if topical:
            denials = []
            for x in topical:
                if x.governor == _DENIAL:
                    denials.append(x)
        index = RoleIndex(text, actors, s_places, mention_at, ally_words)
        reads_sides, reads_actors = self._reads_sides, self._reads_actors
        # window cues: all for a protest trigger; the protest-only ones need a protest
        window_any = (window if not window or "PROTEST_CTX" in window
                      else window - WINDOW_ONLY_PROTEST)
        folded: list[_Candidate] = []  # verbs whose deed a noun after them names
        # the trigger's clause where the sentence has no clause bounds
        whole = _new_tuple(Span, (s_start, s_end, None))
        is_trigger, arrest_now = self._is_trigger, self._is_arrest_now
        decided, condition_tags = self._decided, self._condition_tags
        accident = ACCIDENT_CUE in sent_tags and self._accident_only(live, sent_tags)
        for h in live:
            if not is_trigger[h.row]:
                continue
            row = rows[h.row]
            if violent and row.cue in UNIT_CUES:
                continue  # "gunmen ambushed his convoy": the convoy is whom the deed hit
            if bounds:
                clause = _clause(bounds, s, h)
                # (``_main_clause``'s first tests inline: most clauses are kept)
                if clause.start != s_start and "," in text[clause.start:h.start]:
                    clause = _main_clause(text, bounds, s, h, clause)
            else:
                clause = whole
            if passives or arrest_now[h.row]:
                passive = _passive(text, passives, h, arrest_now[h.row])
            else:  # (``_passive``'s last test, its first test inline)
                last = text[h.end - 1]
                passive = ((last in _PARTICIPLE_LAST or not last.isascii())
                           and _passive(text, passives, h, False))
            # topics opened before this trigger hide their actors; its own topic holds
            # its target ("condemned the cooperation between X and Y")
            hidden = topical
            if topical:
                for t in topical:
                    if t.start >= h.start:  # (one opened at or after it: keep those before)
                        hidden = []
                        for x in topical:
                            if x.start < h.start:
                                hidden.append(x)
                        break
            roles = assign_roles(text, actors, _new_tuple(Span, (h.start, h.end, None)), clause,
                                 passive, hidden, s_places, index)
            if accident and row.cue in CASUALTY_CUES and all(
                    a.sector in STATE_SECTORS or a.sector is None or a.sector in CIVILIAN_SECTORS
                    for a in roles.actor1):
                # "a (military) helicopter crashed ..., killing five soldiers": no doer
                # but the state whose craft it was, the country it struck or civilians
                continue
            if row.cue in CASUALTY_CUES and _war_toll(text, h.start, s_start):
                continue  # "the 1975-1990 civil war, which killed 150,000": a war's toll
            if row.event_type == "ACCUSE" and roles.actor2 is None \
                    and text.startswith(("blam", "Blam"), h.start):
                continue  # "the army said, blaming a technical fault": no one is blamed
            if not roles.actor1 and speeches:
                # "..., the minister said Tuesday, warning the United States ...": the
                # speaker does what the participle after the report says
                reporter = _speaker_of_participle(text, h, speeches, actors, s_start)
                if reporter is not None:
                    roles.actor1 = [reporter]
            if row.event_type == "MOBILIZE" and passive and not roles.actor1 and \
                    roles.actor2 is not None and roles.actor2.sector in ARMED_SECTORS:
                # "Ugandan troops were deployed to Congo": the troops move
                roles.actor1, roles.actor2 = [roles.actor2], None
            if row.event_type == "ACCUSE" and not passive and _reduced_charge(text, h):
                # "sanctions on two generals accused of fuelling the war": whoever accuses
                # them is not said; the accused are the noun before
                roles.actor1 = []
                roles.actor2 = next((a for a in actors if a.mention is not None
                                     and not text[a.mention.end:h.start].strip()), None)
                roles.pronoun_subject = False
            if row.cue == "MUST":  # "X said that Y must ...": X asks it of Y
                speaker = [a for a in actors if _astart(a) < clause.start]
                if speaker:
                    subject = roles.actor1[0] if roles.actor1 else roles.actor2
                    roles.actor1, roles.actor2 = [speaker[0]], subject
            if not roles.actor1 and roles.pronoun_subject:
                earlier = [a for a in actors if _astart(a) < clause.start
                           and not _after_preposition(text, a)]
                if earlier:  # "Iraq said it would ...": the speaker just before the clause
                    if len(earlier) > 1 and _APPOSITION_GAP.fullmatch(
                            text, _aend(earlier[-2]), _astart(earlier[-1])):
                        earlier.pop()  # "The Arakan Army, an ethnic armed group, said it ..."
                    roles.actor1 = [_represented(text, earlier[-1], actors, clause.start)]
                elif memory.doers:
                    roles.actor1 = list(memory.doers)
            if (not roles.actor1 or roles.actor1[0].name.lower() in BODY_WORDS) and \
                    _BODY_SUBJECT.match(text, clause.start, h.start):
                body = _last_body(doc.actors, s.start)  # "The agency airlifted tents"
                if body is not None:
                    roles.actor1 = [body]
            denied = _denied(h, denials) if denials else None
            alleged = denied is not None and _REPORT_WORDS.search(text, denied, h.start)
            if alleged and roles.actor1 == prev_doers:
                roles.actor1 = []  # "X denied reports of an attack": not X's attack
            if not roles.actor1 and prev_doers and (denied is not None and not alleged
                                                    or _and_verb(text, h)):
                # "X condemned it and urged Y": X urged; "X denied shelling": X, if anyone
                roles.actor1 = list(prev_doers)
            if not roles.actor1 and memory.pair and both and _BOTH_SIDES.search(
                    text, clause.start, h.start):
                roles.actor1, roles.actor2 = [memory.pair[0]], memory.pair[1]
            if row.cue in ARREST_CUES and not roles.actor1 and passive:
                # "Police spokeswoman X said 27 people had been arrested": the police did
                police = [a for a in actors if _astart(a) < h.start and (
                    a.sector == "COP" or "police" in a.name.lower())]
                if police:
                    roles.actor1 = [police[-1]]
            if row.event_type == "SANCTION" and _FACE_BEFORE.search(
                    text, max(clause.start, h.start - FACE_REACH), h.start):
                _faced(text, roles, actors, h)  # "Moscow will face sanctions, X warned"
            if (row.event_type in ANAPHORA_TYPES and memory.deed_doers
                    and _ANAPHORIC_OBJECT.match(text, h.end)):
                doer = memory.deed_doers[0]
                if not roles.actor1 or roles.actor1[0].country != doer.country:
                    roles.actor2 = doer  # "condemned it": the doer of the deed condemned
            if out and _qualifies_object(text, out[-1].hit, h):
                continue  # "released 153 detainees captured from government forces"
            if out and row.event_type == "ASSAULT" and row.cue not in DOER_CUES:
                prev = out[-1]
                if _same_deed(text, prev, row, h, actors):
                    continue  # "arrested 15 people in raids", "were killed and five wounded"
                if prev.row.event_type == "ASSAULT" and (
                        _IN_DEED.fullmatch(text, prev.hit.end, h.start) or (
                            not prev.roles.passive and prev.row.cue in CASUALTY_CUES
                            and _OBJECT_IN_DEED.fullmatch(text, prev.hit.end, h.start))):
                    # "five civilians were killed in an air strike": one deed, its doer and
                    # victims those of the verb
                    roles = _deed_roles(text, roles, prev.roles, row.cue, actors, h)
                    folded.append(prev)
            if row.event_type == "ASSAULT" and roles.actor1 and _died_in(text, h, s_start):
                # "three soldiers died in a roadside bomb blast": the subject is the victim
                roles = _deed_roles(text, roles, Roles([], roles.actor1[0]), row.cue, actors, h)
            trig = (_MENTION(h.start, h.end, text[h.start:h.end], "TRIGGER")
                    if where is not None and s.start not in places else None)
            location = (self._locate(where, doc, s, trig, places)  # type: ignore[arg-type]
                        if trig is not None
                        else places.get(s.start))
            in_history = bool(history) and _inside(h.start, history)
            tags = set(sent_tags if in_history else main_tags)
            if len(violent) > 1 or (violent and violent[0] != h.start):  # (distinct starts)
                tags.add(VIOLENCE_NEAR)
            if row.event_type == "PROTEST":
                if not sent_tags & PEACEFUL_CUES:
                    tags.update(window)
                    tags.update(far)
            else:
                tags.update(window_any)
            if victims and reads_sides[h.row]:
                self._side_tags(tags, text, victims, h, clause, passive)
            if reads_actors[h.row]:
                _add_actor_tags(tags, roles, location)
            trigger_tags, trig_only = self._trigger_tags[h.row]  # type: ignore[misc]
            tags.update(trig_only)
            # (``_decide``, its memo read here first)
            # (a frozenset's intersection is a frozenset: the key, made without a set first)
            key = condition_tags[h.row].intersection(tags)
            # (Any: the memo's miss marker is no Rule, and compiled code checks declared types)
            rule: Any = decided[h.row].get(key, _UNDECIDED)  # type: ignore[arg-type]
            if rule is _UNDECIDED:
                rule = self._decide(h.row, trigger_tags, tags, key)
            etype = (rule.event_type if rule and rule.event_type else row.event_type)
            if rule is not None and rule.sub_event == EXCESSIVE_FORCE and roles.actor1 and \
                    not any(a.sector in STATE_SECTORS for a in roles.actor1):
                # "security forces fired at young people protesting ..., killing two": the
                # protesters the trigger names are the target, the forces the doer
                force = _last_state_force(actors, h.start, clause.start)
                if force is not None:
                    roles.actor1, roles.actor2 = [force], roles.actor1[0]
            mode = (rule.mode if rule and rule.mode else row.mode)
            cs = clause.start  # (``_may_follow_relative`` inline)
            if modals or s_quotes or cs >= 2 and (
                    text[cs - 1] in _BACKGROUND_LAST or not text[cs - 1].isascii()
                    or text[cs - 1] == "\n" and (text[cs - 2] in _BACKGROUND_LAST
                                                or not text[cs - 2].isascii())):
                penalty, intent = self._penalty(text, modals, h, clause, s_quotes, s_start)
            else:
                penalty, intent = 0.0, False  # (no quote, marker or background clause)
            if in_history:
                penalty += HISTORY_PENALTY
            if denied is not None:
                penalty += DENIAL_PENALTY
            if intent and (etype in COOPERATIVE_TYPES or etype in INTENT_HOSTILE_TYPES):
                threat = etype in HOSTILE_TYPES or self._conditional(ctx, h)
                etype = "THREATEN" if threat else "AGREE"
                rule, mode, penalty = None, None, max(0.0, penalty - MODAL_PENALTY)
            # (a trigger row always has an event type)
            priority = (rule.priority if rule
                        else self.lex.type_priority.get(etype, 0.4))  # type: ignore[arg-type]
            out.append(_Candidate(h, row, rule, etype,  # type: ignore[arg-type]
                                  mode, priority, roles, location, penalty, first, trig))
            first = False
            if roles.actor1 and not roles.passive:
                prev_doers = roles.actor1
            elif roles.passive:
                prev_doers = []  # "was shot and killed": the next verb is passive too
        if folded:
            out = _without(out, [c for c in out if any(c is f for f in folded)])
        if not DOER_CUES.isdisjoint(sent_tags):
            out = _without(out, _named_doers(text, out))
        return out

    def _accident_only(self, live: list[Hit], sent_tags: set[str]) -> bool:
        """Whether the violence a sentence with an accident cue names is only its deaths
        and injuries: no weapon, and no violent trigger but those of casualties."""
        if not ACCIDENT_WEAPONS.isdisjoint(sent_tags):
            return False
        rows, is_assault = self.lex.cue_rows, self._is_assault
        return not any(is_assault[h.row] and rows[h.row].cue not in CASUALTY_CUES
                       for h in live)

    def _rounded(self, confidence: float) -> float:
        """``round(confidence, 4)``, memoised (events take few distinct confidences)."""
        found = self._confidences.get(confidence)
        if found is None:
            if len(self._confidences) >= CONFIDENCES_KEPT:
                self._confidences.clear()
            found = self._confidences[confidence] = round(confidence, 4)
        return found

    def _decide(self, row: int, trigger_tags: frozenset[str], tags: set[str],
                key: frozenset[str] | None = None) -> Rule | None:
        """``lex.decide(trigger_tags, tags)`` for a trigger of cue row ``row``, memoised on
        the tags its rules read (``key``: those of ``tags``, when the caller has them)."""
        if key is None:
            key = self._condition_tags[row].intersection(tags)
        decided = self._decided[row]
        rule = decided.get(key, _UNDECIDED)
        if rule is not _UNDECIDED:
            return rule  # type: ignore[return-value]
        if len(decided) >= DECISIONS_KEPT:
            decided.clear()
        rule = decided[key] = self.lex.decide(trigger_tags, key)  # type: ignore[arg-type]
        return rule

    def _conditional(self, ctx: list[Hit], h: Hit) -> bool:
        roles = self.lex.context_roles
        return any(roles[c.row] == "CONDITION" and c.start > h.end for c in ctx)

    def _side_tags(self, tags: set[str], text: str, victims: list[Hit], h: Hit,
                   clause: Span, passive: bool) -> None:
        """Add to ``tags`` the victim words on the object side (after an active trigger up
        to the first place phrase; before a passive one) and on the subject side."""
        obj_end = -1  # found when a victim word after the trigger asks for it
        kinds, sites, mobs = self._victim_kind, self._victim_site, self._victim_mob
        c_start, c_end = clause.start, clause.end
        for v in victims:
            if not c_start <= v.start < c_end:
                continue
            if h.end <= v.start:
                if obj_end < 0:
                    lead = _OBJECT_PREP.match(text, h.end, c_end)  # "opened fire on X"
                    m = _PLACE_PHRASE.search(text, lead.end() if lead else h.end, c_end)
                    obj_end = m.start() if m else c_end
                if v.start >= obj_end and not (passive and _AGENT_BEFORE.search(
                        text, max(h.end, v.start - AGENT_REACH), v.start)):
                    continue  # (the agent of a passive one: "beaten, stabbed by residents")
            after = v.start >= h.end
            obj = after != passive
            r = v.row  # (VICTIM_CIV / _ARMED / _SITE / _MOB)
            if obj or not sites[r]:  # a site before the trigger is where, not who
                side = "OBJ_" if obj else "SUBJ_"
                tags.add(side + kinds[r])
                if mobs[r]:  # residents, villagers: civilians, who may form a mob
                    tags.add(side + "CIV")

    def _penalty(self, text: str, ctx_roles: list[tuple[Hit, str]], h: Hit, clause: Span,
                 quotes: list[Span], sent_start: int) -> tuple[float, bool]:
        """Penalty for talk (quotes), negation and modality; and whether the doer states
        an intention (INTENT not under a prediction or hedge of someone else).
        ``ctx_roles``: the sentence's markers of ``_PENALTY_ROLES`` in text order."""
        p = 0.0
        for q in quotes:
            if q.start < h.start < q.end:
                p += QUOTE_PENALTY
                break
        modal = neg = intent = predicted = reduced = False
        for c, role in ctx_roles:
            if c.start >= h.start:
                break
            if role in ("FUTURE", "HEDGE") and c.start >= sent_start:
                predicted = True
            if c.start < clause.start and role != "INTENT":
                continue
            near = h.start - c.end
            if role == "NEGATION" and near <= NEGATION_REACH:
                neg = True
            elif (role in ("HEDGE", "FUTURE", "PLAN", "INTENT") and near <= MODAL_REACH
                  and not _in_capitalised_name(text, c, sent_start)):
                modal = True
                if _participle_between(text, c.end, h.end):
                    reduced = True  # "will help refugees fleeing the fighting"
                elif role == "INTENT" and _after_comma_by(text, h):
                    pass  # "agreed to a swap, mediated by the UAE": the mediation is done
                else:
                    intent = intent or (role == "INTENT" and c.start >= sent_start)
        if reduced or (_may_follow_relative(text, clause.start)
                       and _in_background(text, clause.start, h.start, sent_start)):
            p += RELATIVE_PENALTY
        return (p + NEGATION_PENALTY * neg + MODAL_PENALTY * modal,
                intent and not predicted and not neg)

    def _locate(self, where: _Where, doc: Document, s: Sentence, trig: Mention,
                cache: dict[int, Place | None]) -> Place | None:
        """The event's place: asked once per sentence (events of a sentence share it)."""
        if s.start in cache:
            return cache[s.start]
        try:
            cache[s.start] = where(s.start, s.end, trig)
            return cache[s.start]
        except Exception:  # a geocoder failure must not lose the event
            log.exception("locate_event failed for %s", doc.id)
            return None

    # ------------------------------------------------------------------ events
    def _events(self, doc: Document, evidence: Mention, i: int, c: _Candidate) -> list[Event]:
        roles = c.roles
        doers1 = roles.actor1
        base = (PRIORITY_W * c.priority + WEIGHT_W * c.row.weight
                + (ACTOR1_BONUS if doers1 else 0.0)
                + (ACTOR2_BONUS if roles.actor2 is not None else 0.0)
                + (POSITION_BONUS[i] if i < len(POSITION_BONUS) else 0.0)
                + (FIRST_TRIGGER_BONUS if c.first else 0.0) - c.penalty)
        location = c.location
        loc_country = location.country if location else None
        actor2 = roles.actor2  # (``_localise`` inline)
        if (actor2 is not None and loc_country and not actor2.country
                and actor2.sector in LOCAL_SECTORS):
            actor2 = _ACTOR(actor2.name, loc_country, actor2.sector, actor2.mention)
        trig = c.mention or _MENTION(c.hit.start, c.hit.end, doc.text[c.hit.start:c.hit.end],
                                     "TRIGGER")
        if not doers1:
            doers: list[tuple[Actor | None, float]] = [(None, 0.0)]
        elif len(doers1) == 1:
            doers = [(doers1[0], 0.0)]
        else:
            doers = [(a, -CO_ACTOR_STEP * k) for k, a in enumerate(doers1)]
        if c.row.cue in RECIPROCAL_CUES and len(doers1) >= 2 and (
                c.row.cue != "ARMED_CLASH" or _opponents(roles)):
            # "X and Y clashed": one event between them, not one each against a third
            actor2 = _localise(doers1[1], loc_country)
            doers = [(doers1[0], 0.0)]
        if roles.allies:
            doers += [(a, -ALLY_PENALTY - CO_ACTOR_STEP * k) for k, a in enumerate(roles.allies)]
        sub_event = c.rule.sub_event if c.rule else None
        doc_id, event_type, mode, version = doc.id, c.event_type, c.mode, self.version
        rounded = self._confidences  # (``_rounded``, its memo read here first)
        out = []
        for actor1, delta in doers:
            a2 = actor2 if actor2 is None or actor1 is None or actor2.name != actor1.name else None
            if (actor1 is not None and loc_country and not actor1.country
                    and actor1.sector in LOCAL_SECTORS):  # (``_localise``)
                actor1 = _ACTOR(actor1.name, loc_country, actor1.sector, actor1.mention)
            confidence = base + delta  # (clipped to [0.01, 0.99], rounded)
            confidence = confidence if confidence > 0.01 else 0.01
            confidence = confidence if confidence < 0.99 else 0.99
            confidence = rounded.get(confidence) or self._rounded(confidence)
            out.append(_EVENT(
                doc_id, event_type, evidence, mode, None, sub_event, actor1, a2, location, None,
                None, (), "reported", (),
                confidence, trig, "sitroom.rules", version))
        return out


# ---------------------------------------------------------------------- helpers
@dataclass(slots=True)
class _Memory:
    """What earlier sentences of a document said about who acted: the last doers, the
    doers of the last deed (an act, not words) and the last doer-target pair."""

    doers: list[Actor] = field(default_factory=list)
    deed_doers: list[Actor] = field(default_factory=list)
    pair: tuple[Actor, Actor] | None = None

    def update(self, c: _Candidate) -> None:
        if not c.roles.actor1:
            return
        self.doers = c.roles.actor1
        if c.event_type in DEED_TYPES:
            self.deed_doers = c.roles.actor1
        if c.roles.actor2 is not None:
            self.pair = (c.roles.actor1[0], c.roles.actor2)


# A participle of harm right after a clause's comma: the toll of the deed that clause tells.
_TOLL_AFTER = re.compile(r",\s+(?:killing|wounding|injuring|leaving|maiming)\b", re.IGNORECASE)


def _topic_end(text: str, pos: int, limit: int, triggers: list[Hit]) -> int:
    """End of a topic opened at ``pos``: the clause stop, or a verb trigger joined by "and"
    before it ("condemned X and urged Y": the second verb is a deed of its own)."""
    end = _clause_stop(text, pos, limit)
    for b in triggers:
        if pos < b.start < end and _and_verb(text, b):
            return b.start
    return end


def _represented(text: str, speaker: Actor, actors: list[Actor], limit: int) -> Actor:
    """"A spokesman for the rebels said they ...": a spokesperson speaks for the body named
    right after it, which is who "they" or "the group" refers to."""
    if speaker.mention is None or speaker.name.lower() not in SPOKESPERSONS:
        return speaker
    for a in actors:
        start = _astart(a)
        if speaker.mention.end < start < limit:
            if _FOR_BODY.fullmatch(text, speaker.mention.end, start):
                return a
            break
    return speaker


def _opponents(roles: Roles) -> bool:
    """Whether the first two co-doers of an exchange of fire fight each other: no other
    side is named (or only a place), or they are of two different countries."""
    a, b = roles.actor1[0], roles.actor1[1]
    return (roles.actor2 is None or roles.actor2.sector is None
            or (a.country is not None and b.country is not None and a.country != b.country))


def _faced(text: str, roles: Roles, actors: list[Actor], h: Hit) -> None:
    target = roles.actor1[0] if roles.actor1 else roles.actor2
    speaker = next((a for a in actors if a is not target and a.mention is not None
                    and _SPEAKER_VERB.match(text, a.mention.end)), None)
    roles.actor1 = [speaker] if speaker is not None else []
    roles.actor2 = target


def _finite(text: str, h: Hit) -> bool:
    """Whether a trigger phrase opens with a finite verb form ("urged", "accuses")."""
    return text[h.start:h.end].split()[0].lower().endswith(("ed", "es"))


def _and_verb(text: str, h: Hit) -> bool:
    """Whether a trigger is a second finite verb joined by "and" ("condemned X and urged
    Y"); not a plural noun that ends a list ("seizing explosives and rifles,")."""
    return (bool(_AND_BEFORE.search(text, h.start - 6, h.start)) and _finite(text, h)
            and not (text[h.start:h.end].endswith("es") and text[h.end:h.end + 1] in ",.;"))


def _after_preposition(text: str, a: Actor) -> bool:
    """Whether an actor is inside a prepositional or possessive phrase ("to the rebels",
    "the army's ... "): not the subject of what follows."""
    return _PREP_LOOKBACK.search(text, max(0, _astart(a) - 25), _astart(a)) is not None


# A war's or conflict's toll told in a relative clause ("the civil war, which killed an
# estimated 150,000 people", "a conflict that has killed thousands"): no event of its own.
_WAR_TOLL_BEFORE = re.compile(
    r"\b(?:wars?|conflicts?|genocide|insurgency|uprising|revolution|crisis|occupation|"
    r"violence|fighting|massacres?)(?:\s+(?:against|in|of)\s+(?:the\s+)?[\w-]+)?"
    r"(?:\s*\([^()]{0,30}\))?\s*,?\s+"
    r"(?:(?:which|that)\s+(?:has\s+|have\s+|had\s+)?(?:so\s+far\s+|since\s+then\s+|already\s+|"
    r"now\s+)?|(?:in|during)\s+which\s+(?:(?!,\s)[^;.]){0,60}?)$", re.IGNORECASE)
WAR_TOLL_REACH = 70  # chars before the trigger: the war noun, a bracket and "which has"


def _war_toll(text: str, at: int, since: int) -> bool:
    """Whether the trigger at ``at`` tells a war's toll in a relative clause (its regex
    tried only where "which" or "that" stands within reach)."""
    lo = max(since, at - WAR_TOLL_REACH)
    window = text[lo:at]
    return ("hich" in window or "that" in window) and \
        _WAR_TOLL_BEFORE.search(text, lo, at) is not None
# Between a named actor and a description of it in apposition: ", an ethnic armed group".
_APPOSITION_GAP = re.compile(r"\s*,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# A reporting verb's tail before a participle of the speaker's: a day, then a comma.
_SPEECH_TAIL = re.compile(r"(?:\s+(?:on\s+)?(?-i:[A-Z])[a-z]+day)?\s*,\s+", re.IGNORECASE)


def _speaker_of_participle(text: str, h: Hit, speeches: list[Hit], actors: list[Actor],
                           since: int) -> Actor | None:
    """The speaker of a report right before an "-ing" trigger ("X said Tuesday, warning
    ..."): the actor that ends right before the reporting verb."""
    if not bare_participle(text[h.start:h.end], "ing"):
        return None
    for sp in speeches:
        if sp.end <= h.start and _SPEECH_TAIL.fullmatch(text, sp.end, h.start):
            for a in actors:
                m = a.mention
                if m is not None and since <= m.start and m.end <= sp.start \
                        and not text[m.end:sp.start].strip():
                    return a
    return None


# A participle that qualifies the plural noun the trigger before it ends with ("released
# 153 detainees captured from government forces"): the deed it names is background.
_OBJECT_BEFORE_PARTICIPLE = re.compile(r"\s+(?:[\w-]+\s+){0,2}")
_PREPOSITION_AFTER = re.compile(r"\s+(?:from|at|in|during|by|on|last|earlier|over|since)\b",
                                re.IGNORECASE)


def _qualifies_object(text: str, prev: Hit, h: Hit) -> bool:
    if not bare_participle(text[h.start:h.end], "ed"):
        return False
    if _OBJECT_BEFORE_PARTICIPLE.fullmatch(text, prev.end, h.start) is None:
        return False
    noun = text[prev.start:h.start].split()[-1]
    return noun.endswith("s") and not noun.endswith("ss") and \
        _PREPOSITION_AFTER.match(text, h.end) is not None


def _last_state_force(actors: list[Actor], before: int, since: int) -> Actor | None:
    """The last police or military actor named from ``since`` to ``before``."""
    found = None
    for a in actors:
        m = a.mention
        if m is not None and since <= m.start < before and a.sector in ("COP", "MIL"):
            found = a
    return found


def _credit_doers(text: str, s: Sentence, actors: list[Actor], events: list[Event],
                  first_event: list[int], i: int) -> None:
    """The armed group sentence ``i`` says claimed or is blamed for the violent events
    of the CLAIM_REACH sentences before it and of itself becomes the doer of those that
    name none (``first_event``: index of each sentence's first event in ``events``)."""
    s_text = s.text
    since = first_event[i - CLAIM_REACH if i > CLAIM_REACH else 0]
    if "laim" in s_text:
        _credit_claim(text, s, actors, events, since)
    if "lam" in s_text:  # ("blame", "Blamed": also capitalised)
        _credit_blame(text, s, actors, events, since)


def _credit_claim(text: str, s: Sentence, actors: list[Actor], events: list[Event],
                  since: int) -> None:
    """"Al Shabaab claimed responsibility": the claimant (an armed group, the subject of
    the claim) becomes the doer of the violent events told since ``since`` (the sentence
    before and this one) that name none."""
    m = _CLAIM.search(text, s.start, s.end)
    if m is None:
        return
    claimant = next((a for a in actors if _astart(a) < m.start()
                     and a.sector in CLAIM_SECTORS
                     and not _after_preposition(text, a)),
                    None)
    if claimant is not None:
        _credit(events, since, m.start(), claimant, localise=False)
    _drop_claimed_again(events, since, s, m.start(), m.end())


def _drop_claimed_again(events: list[Event], since: int, s: Sentence, lo: int,
                        hi: int) -> None:
    """Drop the attack a claim names ("claimed responsibility for the attack", "claimed
    the attack") when the sentences before it already told a violent event of the same
    place: the claim speaks of that event, it is no second one."""
    told = [e for e in events[since:] if e.event_type == "ASSAULT" and e.evidence.start < s.start]
    if not told:
        return
    places = {e.location.name for e in told if e.location is not None}
    events[since:] = [e for e in events[since:] if not (
        e.evidence.start == s.start and e.event_type == "ASSAULT" and e.trigger is not None
        and lo <= e.trigger.start <= hi + 1
        and (e.location is None or not places or e.location.name in places))]


def _credit_blame(text: str, s: Sentence, actors: list[Actor], events: list[Event],
                  since: int) -> None:
    """"..., the army said, blaming FARC dissidents": the armed group the authorities blame
    (named right after the verb) becomes the doer of the violent events told since
    ``since`` (the ``CLAIM_REACH`` sentences before and this one) that name none."""
    for m in _BLAME.finditer(text, s.start, s.end):
        blamed = next((a for a in actors if m.end() <= _astart(a) <= m.end() + 1), None)
        if blamed is None or blamed.sector not in CLAIM_SECTORS:
            continue
        _credit(events, since, m.start() + 1, blamed, localise=True)
        return


def _credit(events: list[Event], since: int, before: int, doer: Actor, localise: bool) -> None:
    """Make ``doer`` the doer of the violent events from index ``since`` on whose evidence
    starts before ``before`` and that name none; with ``localise``, a doer of no country
    takes that of where each event happens."""
    for k in range(since, len(events)):
        e = events[k]
        if e.event_type == "ASSAULT" and e.actor1 is None and e.evidence.start < before:
            a = doer
            if localise and a.country is None and e.location is not None and e.location.country:
                a = _ACTOR(a.name, e.location.country, a.sector, a.mention)
            events[k] = with_fields(e, actor1=a,
                                    confidence=round(min(0.99, e.confidence + ACTOR1_BONUS), 4))


def _consequences(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Drop a violent trigger that only tells the outcome of the sentence's violent deed
    before it ("an air strike hit a house, killing three civilians": one event, not two)."""
    out: list[_Candidate] = []
    deed: _Candidate | None = None  # the sentence's first violent event so far
    for c in cands:
        if (deed is not None and c.event_type == deed.event_type == "ASSAULT"
                and text[c.hit.start:c.hit.end].split()[0].lower().endswith("ing")
                and _CONSEQUENCE_BEFORE.search(text, max(0, c.hit.start - 12), c.hit.start)):
            continue
        if deed is None and c.event_type == "ASSAULT":
            deed = c
        out.append(c)
    return out


def _in_text_order(starts: list[int], ends: list[int]) -> bool:
    """Whether the sentences that start at ``starts`` and end at ``ends`` are in text
    order without overlaps (none starts before 0 or before the one before it ends)."""
    last = 0
    for start, end in zip(starts, ends):
        if start < last or end < start:
            return False
        last = end
    return True


def _mark_positions(low: str) -> dict[str, list[int]]:
    """Sorted offsets (in the document text) of the ``MARK_WORDS`` of each kind found in
    ``low`` (the lower-cased text after one separator)."""
    out: dict[str, list[int]] = {}
    for kind, words in MARK_WORDS.items():
        at: list[int] = []
        for w in words:
            i = low.find(w)
            while i >= 0:
                at.append(i - 1)
                i = low.find(w, i + 1)
        if at:
            at.sort()
            out[kind] = at
    return out


def _quotes(text: str) -> list[Span]:
    """The spans ``_QUOTES.finditer`` finds (a quotation in curly or straight quote
    marks), found with ``str.find``: the expression tries every character."""
    out = []
    curly, plain = text.find("\u201c"), text.find('"')
    while curly >= 0 or plain >= 0:
        if plain < 0 or 0 <= curly < plain:
            at = curly
            end = text.find("\u201d", at + 1, at + 2 + QUOTE_REACH)
            if end > at + 1:
                out.append(_new_tuple(Span, (at, end + 1, None)))
        else:
            at = plain
            end = text.find('"', at + 1, at + 2 + QUOTE_REACH)
            if end > at + 1 and text.find("\n", at + 1, end) >= 0:
                end = -1  # (a straight quotation ends with its line)
            if end > at + 1:
                out.append(_new_tuple(Span, (at, end + 1, None)))
        resume = end + 1 if end > at + 1 else at + 1
        if 0 <= curly < resume:
            curly = text.find("\u201c", resume)
        if 0 <= plain < resume:
            plain = text.find('"', resume)
    return out


def _overlapping(quotes: list[Span], start: int, end: int) -> list[Span]:
    """The quotes (sorted and disjoint: their ends are sorted too) that overlap
    ``[start, end)``."""
    if len(quotes) <= QUOTES_SCANNED:
        if quotes[0].start >= end or quotes[-1].end <= start:
            return []  # (all after or all before the span)
        out = []
        for q in quotes:
            if q.end > start and q.start < end:
                out.append(q)
        return out
    k = bisect_left(quotes, start + 1, key=_SPAN_END)  # (the first to end after start)
    out = []
    while k < len(quotes) and quotes[k].start < end:
        out.append(quotes[k])
        k += 1
    return out


def _starts_in(at: list[int], span: tuple[int, int]) -> bool:
    """Whether one of the sorted offsets ``at`` is in ``[start, end)``."""
    k = bisect_left(at, span[0])
    return k < len(at) and at[k] < span[1]


def _ranges(starts: list[int], s_starts: list[int], s_ends: list[int], ordered: bool
            ) -> list[tuple[int, int]]:
    """Per sentence (starting at ``s_starts``, ending at ``s_ends``), the index range of
    the sorted offsets ``starts`` in it: one walk when the sentences are in text order
    without overlaps (``ordered``), else bisection."""
    if not ordered:
        return [(bisect_left(starts, lo), bisect_left(starts, hi))
                for lo, hi in zip(s_starts, s_ends)]
    out = []
    k, m = 0, len(starts)
    for lo, hi in zip(s_starts, s_ends):
        while k < m and starts[k] < lo:
            k += 1
        first = k
        while k < m and starts[k] < hi:
            k += 1
        out.append((first, k))
    return out


def _sentence_marks(mark_at: dict[str, list[int]], sents: Sequence[Sentence],
                    ordered: bool) -> list[AbstractSet[str]]:
    """Per sentence, the kinds of ``MARK_WORDS`` found in it (offsets of each kind in
    ``mark_at``)."""
    n = len(sents)
    out: list[AbstractSet[str]] = [_NO_MARKS] * n
    if not mark_at:
        return out
    if not ordered:
        for j, s in enumerate(sents):
            kinds = {k for k, at in mark_at.items() if _starts_in(at, (s.start, s.end))}
            if kinds:
                out[j] = kinds
        return out
    starts = [s.start for s in sents]
    for kind, at in mark_at.items():
        for pos in at:
            j = bisect_right(starts, pos) - 1  # the only sentence that may hold it
            if j >= 0 and pos < sents[j].end:
                found = out[j]
                if found is _NO_MARKS:
                    found = out[j] = set()
                found.add(kind)  # type: ignore[attr-defined]
    return out


def _last_body(actors: Sequence[Actor], before: int) -> Actor | None:
    """The last international or non-governmental organisation named before ``before``."""
    found, at = None, -1
    for a in actors:
        if a.mention is not None and at < a.mention.start < before and a.sector in BODY_SECTORS:
            found, at = a, a.mention.start
    return found


def _aend(a: Actor) -> int:
    return a.mention.end if a.mention is not None else -1


def _astart(a: Actor) -> int:
    return a.mention.start if a.mention else -1


def _clause(bounds: list[Hit], s: Sentence, h: Hit) -> Span:
    """The trigger's clause: from the last clause boundary before it to the next one."""
    start, end = s.start, s.end
    for c in bounds:
        if c.end <= h.start:
            start = c.end
        elif c.start >= h.end:
            end = c.start
            break
    return _new_tuple(Span, (start, end, None))  # (Span(start, end) without its Python frame)


def _main_clause(text: str, bounds: list[Hit], s: Sentence, h: Hit, clause: Span) -> Span:
    """"A group of people who had come for fuel, assaulted a guard": a relative clause that
    a comma closes leaves the finite verb after it to the main clause, whose subject
    stands before the pronoun (a participle there, "..., killing five", still belongs
    to the relative clause)."""
    if (clause.start == s.start or "," not in text[clause.start:h.start]
            or text[h.start:h.end].lower().endswith("ing")
            or not _RELATIVE_PRONOUN.search(text, max(0, clause.start - 6), clause.start)):
        return clause
    k = text.rfind(",", clause.start, h.start)
    if _VERB_AFTER_COMMA.fullmatch(text, k + 1, h.start + 1) is None:
        return clause  # more than the verb after the comma: a new clause of its own
    pronoun = next((b for b in bounds if b.end == clause.start), None)
    return Span(_clause(bounds, s, pronoun).start, clause.end) if pronoun else clause


def _trigger_tags(cue: str, event_type: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tags a trigger row (its cue and event type) brings to the ACLED decision, and
    those of them that name the trigger itself (``TRIG_``), which also join the sentence
    tags."""
    tags = frozenset({event_type, cue, "TRIG_" + cue})
    return tags, frozenset(t for t in tags if t.startswith("TRIG_"))


def _inside(pos: int, spans: list[Span]) -> bool:
    for x in spans:
        if x.start <= pos < x.end:
            return True
    return False


def _topical_hit(h: Hit, row: CueRow, topical: list[Span]) -> bool:
    """Inside a topic, unless it continues the governing act ("gathered for a protest")."""
    pos = h.start
    for x in topical:
        if x.start <= pos < x.end and not (
                row.event_type == "PROTEST" and row.cue not in VIOLENT_PROTEST_CUES
                and x.governor in ("PROTEST", _MARKER)) and not (
                x.governor == _DENIAL and row.event_type in DEED_TYPES):
            return True
    return False


def _denied(h: Hit, topical: list[Span]) -> int | None:
    """Where what a denial denies starts, when a trigger lies in it ("denied shelling
    the town")."""
    for x in topical:
        if x.governor == _DENIAL and x.start <= h.start < x.end:
            return x.start
    return None


def _in_actor_phrase(text: str, h: Hit, actors: list[Actor]) -> bool:
    """A lower-case trigger word that modifies the head of an actor's phrase ("allied
    Wazalendo militias") names no event of its own (of ``MODIFIER_TYPES``: violent words
    there still tell what the actor did, "a suicide bomber", "a vigilante group")."""
    return not text[h.start].isupper() and any(
        a.mention.start <= h.start and h.end < a.mention.end  # type: ignore[union-attr]
        for a in actors)


def _in_name(text: str, h: Hit, actors: list[Actor], sent_start: int) -> bool:
    """A capitalised trigger inside a name ("Karen National Liberation Army", "Emergency
    Relief Coordinator") is part of the name, not an event."""
    if text[h.start:h.end].isupper() or not _capitalised_mid_sentence(text, h, sent_start):
        return False
    if any(a.mention.start <= h.start and h.end <= a.mention.end  # type: ignore[union-attr]
           for a in actors):
        return True
    return _next_to_capitalised(text, h, sent_start)


_AFTER_DASH = frozenset({"- ", "– ", "— "})


def _capitalised_mid_sentence(text: str, h: Hit, sent_start: int) -> bool:
    """Whether a phrase that does not open its sentence (nor follow the dash that ends a
    dateline: "MANDALAY (AP) — Military jets ...") starts with a capital."""
    return (h.start != sent_start and text[h.start].isupper()
            and text[h.start - 2:h.start] not in _AFTER_DASH)


def _next_to_capitalised(text: str, h: Hit, sent_start: int) -> bool:
    """Whether the word before the phrase (in its sentence) or the word after it is
    capitalised."""
    before = _LAST_WORD.search(text, max(sent_start, h.start - 30), h.start)
    after = _NEXT_WORD.match(text, h.end)
    return bool((before and before.group(1)[0].isupper())
                or (after and after.group(1)[0].isupper()))


def _passive(text: str, passives: list[Hit], h: Hit, arrest_now: bool) -> bool:
    """Whether the trigger is passive; ``passives``: the sentence's PASSIVE markers;
    ``arrest_now``: whether the trigger's cue is ARREST_NOW."""
    if arrest_now and _AUX_START.match(text, h.start, h.end):
        return True  # "were arrested": the trigger holds its auxiliary
    for c in passives:
        if c.end > h.start:
            break
        if ((c.end == h.start or text[c.end].isspace()) and not text[c.end:h.start].strip()
                and not text[h.start:h.end].split()[0].lower().endswith("ing")):
            return True  # "was killed" (but "is providing", "is sending troops" are not)
    last = text[h.end - 1]
    if last not in _PARTICIPLE_LAST and last.isascii():
        return False  # (a plain-ASCII letter lower-cases to itself)
    word = text[h.start:h.end].lower()
    return (word.endswith(_PARTICIPLE_ENDS)
            and bool(_BY_AFTER.match(text[h.end:h.end + 30])))


def _history(text: str, bounds: list[Hit], s: Sentence) -> list[Span]:
    """What had happened before the reported event: the clauses of a sentence (not at its
    start) opened by a word of ``BACKGROUND_WORDS`` whose verb is in the perfect."""
    out = []
    for k, b in enumerate(bounds):
        if (b.start > s.start and _after_relative(text, b.end)
                and text[s.start:b.start].strip()):
            end = bounds[k + 1].start if k + 1 < len(bounds) else s.end
            if _PERFECT.search(text, b.end, end) or (
                    text[b.start:b.end].lower() in _BEFORE_WORDS
                    and _ING_NEXT.match(text, b.end, end)):
                out.append(_new_tuple(Span, (b.end, end, None)))  # (or "after taking part in protests")
    return out


def _after_comma_by(text: str, h: Hit) -> bool:
    """A participle after a comma with its agent after "by" (", mediated by the UAE"):
    it says how the clause before came about."""
    return (text[h.start - 2:h.start] == ", " and text[h.start:h.end].endswith("ed")
            and text.startswith(" by ", h.end))


def _participle_between(text: str, start: int, end: int) -> bool:
    """Whether a participle after a noun ("will help refugees fleeing the fighting") opens
    a reduced clause between a modal marker and the trigger (or is the trigger): the
    marker's intention does not reach into it, and the clause is background."""
    for m in _PARTICIPLE.finditer(text, start, end):
        if (m.group(1).lower() not in _NOT_NOUN
                and m.group(2).lower() not in _NOT_PARTICIPLE):
            return True
    return False


def _in_background(text: str, clause_start: int, pos: int, sent_start: int) -> bool:
    """Whether the trigger at ``pos`` is in a background clause: one opened by a word of
    ``BACKGROUND_WORDS`` right before ``clause_start``. A sentence that opens with the word
    ("After looting the shop, the gang shot ...") has its main clause after the comma."""
    if not _after_relative(text, clause_start):
        return False
    sentence_initial = len(text[sent_start:clause_start].split()) == 1
    return not (sentence_initial and "," in text[clause_start:pos])


def _in_capitalised_name(text: str, h: Hit, sent_start: int) -> bool:
    """A capitalised marker word inside a name ("the We Will Stop Femicides Movement")
    is part of the name, not a modal of the sentence."""
    return (_capitalised_mid_sentence(text, h, sent_start)
            and _next_to_capitalised(text, h, sent_start))


def _may_follow_relative(text: str, pos: int) -> bool:
    """``_after_relative``'s quick test: false where no word of ``BACKGROUND_WORDS`` can end
    right before ``pos`` (or before a newline there): the character before, a plain-ASCII
    one, ends none of them."""
    if pos < 2:
        return False  # (a newline, at most: no word)
    last = text[pos - 1]
    if last == "\n":
        last = text[pos - 2]
    return last in _BACKGROUND_LAST or not last.isascii()


def _after_relative(text: str, pos: int) -> bool:
    """Whether a word opening a background clause (``BACKGROUND_WORDS``) ends right
    before ``pos``."""
    # (_RELATIVE ends with the pronoun, or with it and a final newline: a plain-ASCII
    # span that ends otherwise cannot match)
    if not _may_follow_relative(text, pos):
        return False
    before = text[pos - 8 if pos > 8 else 0:pos]
    if (before.isascii() and not before.endswith("\n")
            and not before.lower().endswith(BACKGROUND_WORDS)):
        return False
    return bool(_RELATIVE.search(text, max(0, pos - 8), pos))


# "The agency airlifted ...": an organisation named earlier, referred to by its kind
_BODY_SUBJECT = re.compile(r"\W*(?:\w+\W+){0,3}?the (?:agency|organi[sz]ation|charity|mission|"
                           r"alliance|programme|program)\b", re.IGNORECASE)
BODY_SECTORS = frozenset({"IGO", "NGO"})
BODY_WORDS = frozenset({"agency", "organisation", "organization", "charity", "mission",
                        "alliance", "programme", "program"})
_BEFORE_WORDS = frozenset({"after", "before"})
_ING_NEXT = re.compile(r"\s+[a-z]+ing\b")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:been|\w+ed|\w+en)\b",
                      re.IGNORECASE)
_RELATIVE_PRONOUN = re.compile(r"\b(?:who|which)$", re.IGNORECASE)
# After the comma that closes the relative clause: the trigger itself (an adverb may
# come first), not a subject of its own.
_VERB_AFTER_COMMA = re.compile(r"\s*(?:\w+ly\s+)?\S", re.IGNORECASE)
# A word and an -ing word after it: a participle, unless the word is an auxiliary, a
# catenative verb or a function word ("will be sending", "to start shelling", "the fighting").
_PARTICIPLE = re.compile(r"\b([A-Za-z]+)\s+([A-Za-z]{2,}ing)\b")
_NOT_NOUN = frozenset(
    "be been being is are was were am keep keeps kept start starts started begin begins "
    "began continue continues continued stop stops stopped resume resumes resumed avoid "
    "consider considering risk the a an of for in on at to by with from into its their his "
    "her our your my this that these those no any some and or but not".split())
_NOT_PARTICIPLE = frozenset("during thing something nothing anything everything morning "
                            "evening king bring spring ring string wing building".split())

# A short bracket after a name that the phrase goes on after ("against the NPFL (LPC) and
# its allies", "the killing of a chief (64) in Kano") is part of the phrase, not the end of
# the topic; a longer one (beyond a few words: BRACKET_REACH chars) is an aside, and one
# followed by anything else ("the Front (FLN) held a rally") ends the phrase.
BRACKET_REACH = 40
_CLAUSE_STOP = re.compile(r"\([^(),;:]{1,%d}\)(?=\s+(?:and|or|of|in|at|on|near|from|to|with|"
                          r"against|for|over|that)\s)|[,;:()]|\s-\s|\s—\s" % BRACKET_REACH)
# ``_CLAUSE_STOP`` in two parts, each quick to search: a stop (a punctuation mark or a
# dash between spaces: one character set first, which the search skips to) and the
# bracket read as part of the phrase
_STOP_CHAR = re.compile(r"[,;:()\s](?:(?<=[,;:()])|(?<=\s)[-—]\s)")
_BRACKET_IN_PHRASE = re.compile(_CLAUSE_STOP.pattern.split("|[,;:()]")[0])


def _clause_stop(text: str, pos: int, limit: int) -> int:
    """Where ``_CLAUSE_STOP`` first matches in ``text[pos:limit]`` with anything but a
    bracket the phrase goes on after (``limit`` if nowhere): a search for a stop
    character, then the bracket tried where one opens."""
    m = _STOP_CHAR.search(text, pos, limit)
    while m is not None:
        at = m.start()
        if text[at] != "(":
            return at
        bracket = _BRACKET_IN_PHRASE.match(text, at, limit)
        if bracket is None:
            return at
        m = _STOP_CHAR.search(text, bracket.end(), limit)
    return limit


def _sector_tags(prefix: str, sector: str) -> tuple[str, ...]:
    """The tags of an actor of ``sector`` on the side ``prefix`` ("A1_", "A2_")."""
    tags = [prefix + sector]
    if sector in ARMED_SECTORS:
        tags.append(prefix + "ARMED")
    if sector in STATE_SECTORS:
        tags.append(prefix + "STATE")
    if sector in CIVILIAN_SECTORS:
        tags.append(prefix + "CIV")
    return tuple(tags)


# (those of the closed vocabulary of sectors, made once)
_DOER_TAGS = MappingProxyType({s: _sector_tags("A1_", s) for s in SECTORS})
_TARGET_TAGS = MappingProxyType({s: _sector_tags("A2_", s) for s in SECTORS})


def _add_actor_tags(tags: set[str], roles: Roles, location: Place | None) -> None:
    """Add the tags of the actors' sectors (and the doer's country against where the event
    happened) to ``tags``."""
    if roles.actor1:
        actor = roles.actor1[0]
        sector = actor.sector
        if sector:
            found = _DOER_TAGS.get(sector)
            tags.update(found if found is not None else _sector_tags("A1_", sector))
        loc = location.country if location else None
        if loc and actor.country:
            tags.add("A1_LOCAL" if actor.country == loc else "A1_FOREIGN")
    actor = roles.actor2  # type: ignore[assignment]
    if actor is not None and actor.sector:
        found = _TARGET_TAGS.get(actor.sector)
        tags.update(found if found is not None else _sector_tags("A2_", actor.sector))


def _localise(actor: Actor | None, country: str | None) -> Actor | None:
    if actor is None or actor.country or not country or actor.sector not in LOCAL_SECTORS:
        return actor
    return _ACTOR(actor.name, country, actor.sector, actor.mention)


def _speaker_acts(s: Sentence, speech: Hit, triggers: list[Hit]) -> bool:
    """Whether what follows a reporting verb is the speaker's own deed, not a report."""
    word = s.text[speech.start - s.start:speech.end - s.start].lower()
    if word in _SAYING:
        return _SAID_TO.match(s.text, speech.end - s.start) is not None
    if _SPEAKER_IS_DOER.match(s.text, speech.end - s.start) is not None:
        return True
    return word in _PERFORMATIVE and _trigger_follows(s, speech.end, triggers)


def _trigger_follows(s: Sentence, at: int, triggers: list[Hit]) -> bool:
    """A trigger right after ``at`` ("declared martial law") that no verb of its own
    follows ("announced attacks had stopped": a report)."""
    rel = at - s.start
    gap = len(s.text) - len(s.text[rel:].lstrip()) - rel
    if gap == 0 or not any(h.start == at + gap for h in triggers):
        return False
    return _OWN_VERB_AFTER.match(s.text, rel) is None


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per kind per sentence: the best-scoring trigger of each kind, with the
    doer or target that only another trigger of the kind names ("a commander was killed
    when gunmen ambushed his convoy": the gunmen killed him)."""
    best: dict[str, _Candidate] = {}
    merged = False
    for c in cands:
        k = c.key
        if k in best:
            merged = True
        if k not in best or c.score() - c.penalty > best[k].score() - best[k].penalty:
            if k in best:
                c.first = c.first or best[k].first
            best[k] = c
    if not merged:
        return cands  # (in text order already)
    for c in cands:
        b = best[c.key]
        if c is not b and b.event_type in DEED_TYPES:
            _borrow_roles(b.roles, c.roles)
    return sorted(best.values(), key=_HIT_START)


def _borrow_roles(kept: Roles, other: Roles) -> None:
    """Fill the kept trigger's missing doer or target from another trigger of its event,
    unless that actor already plays the other part."""
    names = {a.name for a in kept.actor1}
    if kept.actor2 is not None:
        names.add(kept.actor2.name)
    if not kept.actor1 and other.actor1 and not any(a.name in names for a in other.actor1):
        kept.actor1 = list(other.actor1)
        names.update(a.name for a in other.actor1)
    if kept.actor2 is None and other.actor2 is not None and other.actor2.name not in names \
            and other.actor2.sector is not None:
        kept.actor2 = other.actor2


# "killed in an air strike", "wounded during the attack", "killed by a roadside bomb": the
# gap between a violent verb and a violent noun naming the same deed
_IN_DEED = re.compile(r"\s+(?:in|during|by)\s+(?:(?:an?|the|this|that|their|its|his|her)\s+)?"
                      r"(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# "killed a Hamas commander in an air strike": the verb's object, then the noun of its deed
_OBJECT_IN_DEED = re.compile(r"\s+(?:[\w'’.-]+\s+){1,6}?(?:in|during)\s+(?:an?|the)\s+"
                             r"(?:[\w-]+\s+){0,2}", re.IGNORECASE)
# "arrested 15 people in raids", "detained 40 people in a night raid": the object of the
# seizure and the raid it was made in (an adjective at most before it)
_SEIZED_IN = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?(?:[\w'’-]+,\s+(?:including|among\s+them)\s+"
                        r"[^,;.]{0,60},\s+)?(?:in|during)\s+"
                        r"(?:(?:an?|the|their|its|separate|joint)\s+)?(?:[\w-]+\s+)?",
                        re.IGNORECASE)
# "killed and five wounded", "killed, two others injured": more casualties of one deed
_AND_COUNT = re.compile(r"\s*(?:,|\band)\s+(?:[\w-]+\s+){0,3}", re.IGNORECASE)
# "died in a roadside bomb blast", "perished during the shelling"
_DIED_IN = re.compile(r"\b(?:died|die|dies|perished)\s+(?:in|during)\s+"
                      r"(?:(?:an?|the|this|that)\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
DIED_REACH = 40  # chars before the trigger: "died in" and an article and two words
_BY_GAP = re.compile(r"\s+by\s+(?:the\s+)?", re.IGNORECASE)


def _died_in(text: str, h: Hit, sent_start: int) -> bool:
    """Whether the trigger is a noun right after "died in" ("soldiers died in a blast")."""
    lo = max(sent_start, h.start - DIED_REACH)
    return ("die" in text[lo:h.start] or "perish" in text[lo:h.start]) and \
        _DIED_IN.search(text, lo, h.start) is not None


def _reduced_charge(text: str, h: Hit) -> bool:
    """A verb of blame right before "of" or "for" with no object between: a participle
    after the noun it qualifies ("generals accused of fuelling the war")."""
    return text[h.start:h.end].lower() in CHARGED and text.startswith((" of ", " for "), h.end)


def _same_deed(text: str, prev: _Candidate, row: CueRow, h: Hit, actors: list[Actor]) -> bool:
    """Whether a violent trigger only adds to the deed of the trigger before it: the raid
    an arrest or abduction was made in ("arrested 15 people in raids"), or more casualties
    of a passive deed ("three soldiers were killed and five wounded")."""
    if prev.row.cue in SEIZING_CUES:
        return row.cue in RAID_CUES and _SEIZED_IN.fullmatch(text, prev.hit.end,
                                                            h.start) is not None
    if row.cue in CASUALTY_CUES and prev.roles.passive and prev.row.event_type == "ASSAULT":
        gap = _AND_COUNT.fullmatch(text, prev.hit.end, h.start)
        return gap is not None and not any(
            a.mention is not None and prev.hit.end <= a.mention.start < h.start for a in actors)
    return False


def _deed_roles(text: str, own: Roles, verb: Roles, cue: str, actors: list[Actor],
                h: Hit) -> Roles:
    """Roles of a violent noun after a violent verb of the same deed: the verb's doer
    (else the agent after "by", else the state or group whose weapon the noun is:
    "an Israeli air strike") and the verb's target; an exchange of fire keeps its own
    two sides ("killed in clashes with rebels")."""
    if cue in RECIPROCAL_CUES:
        return own
    doers = list(verb.actor1)
    if not doers and own.actor2 is not None and own.actor2.mention is not None \
            and _BY_GAP.fullmatch(text, h.end, own.actor2.mention.start):
        doers = [own.actor2]
    if not doers:  # ("a Russian drone attack": the actor's phrase ends inside the trigger)
        doers = [a for a in actors if a.mention is not None and a.mention.start <= h.start
                 < a.mention.end and a.sector is not None][:1]
    target = verb.actor2
    if target is not None and any(a.name == target.name for a in doers):
        target = None
    return Roles(doers, target, own.allies, False, verb.pronoun_subject)


def _named_doers(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """The triggers that only name the doer ("gunmen") of another event of their sentence
    ("Gunmen abducted 20 students": an abduction, not an attack besides; "Gunmen believed
    to be ADF fighters killed ...": a killing by the ADF)."""
    spans = [(a.mention.start, a.mention.end) for c in cands if c.row.cue not in DOER_CUES
             for a in c.roles.actor1 if a.mention is not None]
    return [c for c in cands if c.row.cue in DOER_CUES
            and any(lo <= c.hit.start and c.hit.end <= hi
                    or c.hit.end <= lo and identified_as(text, c.hit.end, lo)
                    for lo, hi in spans)]


def _without(cands: list[_Candidate], dropped: list[_Candidate]) -> list[_Candidate]:
    """The candidates but the dropped ones; the sentence's first trigger, if dropped,
    hands its place to the first one left."""
    out = [c for c in cands if not any(c is d for d in dropped)]
    if out and any(d.first for d in dropped):
        out[0].first = True
    return out
