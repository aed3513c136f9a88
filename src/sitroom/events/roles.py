"""Who did what to whom: actor roles around one event trigger.

The doer (actor1) is the first actor of the trigger's clause that is not inside a
prepositional phrase; in a passive clause it is the actor after "by". The target (actor2)
is the first actor after the trigger in the same clause. Actors joined to the doer by
"and", commas or "along with" are co-doers (one event each); actors after "alongside",
"backed by" and the like are allies that take part in the same event.

Where no actor follows the trigger, the target is the subject of a complement clause
("demanded that Iran ..."), the receiver before a noun trigger ("will give Malawi a
loan"), else a place in the object ("imposed a curfew in Mandalay"), which stands for its
country. An actor of no stated country takes the country of the place or actor it is tied
to ("rebels in Kivu", "King Abdullah of Jordan"); a target of a state's own authorities
their state's (not what they act "against", nor whom a deed hits across a named foreign
place: "Russian forces shelled Kharkiv, wounding civilians"); else the country of where
the clause happens ("... in Dhaka"). A country across a border ("near the border with
Mali") is neither where the clause happens nor a target; a place inside an actor's phrase
("the US State Department said") is part of its name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Sequence

from ..model import Actor, Mention, Place, record_builder
from ..pipeline.wordscan import is_word_char

__all__ = ["AllyWords", "RoleIndex", "Roles", "Span", "assign_roles"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_MENTION, _ACTOR = record_builder(Mention), record_builder(Actor)

# A preposition just before an actor takes it out of the subject position.
_PREP_BEFORE = re.compile(
    r"(?:\b(?:of|with|against|from|to|at|in|near|on|into|for|towards?|between|among|"
    r"alongside|by|under|over|behind|including|like|about|via|and)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w’'-]+\s+){0,3})$|(?:'s|’s)\s+$|\w-$",
    re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:they|he|she|it|the group|the attackers"
                              r"|the assailants|the latter|(?:its|their|his) (?:members|fighters|"
                              r"forces|troops|soldiers|militants|men|leaders?|commanders?|units|"
                              r"gunmen|jets|warplanes|drones))\b", re.IGNORECASE)
# "A drone operated by X struck", "jets flown by X bombed": the doer is the agent of the
# participle that names the means in the subject
_MEANS_BY = re.compile(r"\b(?:operated|flown|piloted|controlled|fired|launched|deployed|"
                       r"manned|owned|driven|used)\s+by\s+(?:the\s+)?$|\bbelonging\s+to\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
MEANS_REACH = 40  # chars before the actor where the participle and "by" stand
# "..., a charge Kigali denies": a noun phrase after a comma and then an actor right before
# the verb opens a relative clause whose subject is that actor
_APPOSITION_SUBJECT = re.compile(r",\s+(?:an?|the|one)\s+(?:[a-z]+\s+){1,2}$")
APPOSITION_REACH = 40
# "clashes between X and Y", "fighting broke out between", "an attack by X"
_BETWEEN = re.compile(r"^\s*(?:(?:broke out|erupted|took place|ensued)\s+(?:(?:on\s+)?\w+day\s+)?)?"
                      r"between\b",
                      re.IGNORECASE)
_BY_NEAR = re.compile(r"^\s*(?:\w+\s+)?by\b", re.IGNORECASE)
_COORD_ONLY = re.compile(r"^(?:\s|,|\band\b|\bas well as\b|\balong with\b|\btogether with\b"
                         r"|\bthe\b|\bother\b|&|\b(?:nations|countries|states|governments|"
                         r"leaders|members|officials|forces|allies)\b)*$", re.IGNORECASE)
# Verbs whose subject is the receiving side: "X received aid from Y".
_RECIPIENT = re.compile(r"^(?:receiv|obtain|acquir|got\b|gets\b)", re.IGNORECASE)
_RECIPIENT_FIRST = frozenset("rRoOaAgG")
_ALLY_BEFORE = re.compile(r"\b(?:alongside|together with|backed by|supported by|with the support"
                          r" of|in coordination with|accompanied by|joined by|in cooperation"
                          r" with|fighting alongside)\s+(?:the\s+)?$", re.IGNORECASE)
# ("fighting with X" is fighting against X: "after two days of fighting with the army")


class Span(NamedTuple):
    """A stretch of the text (a named tuple: the stage makes several per trigger)."""

    start: int
    end: int
    governor: str | None = None  # for a topic: the event type of the trigger that opens it


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


# "Hundreds of soldiers stormed", "a crowd of residents lynched": the people after a
# quantity or a collective noun are the subject, unless that phrase is itself governed
# by a preposition ("the arrest of dozens of protesters")
_QUANTITY_OF = re.compile(
    r"\b(?:dozens|hundreds|thousands|scores|millions|tens of thousands|a (?:crowd|group|mob|band|"
    r"gang|number|handful|unit|contingent|column|squad|team|delegation)|groups|crowds|bands|"
    r"some|many|several|most|all|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+of\s+"
    r"(?:the\s+)?$", re.IGNORECASE)


def _is_prepositional(text: str, a: Actor, floor: int) -> bool:
    # look back past the clause start: "according to the ministry, X ..." ends a clause
    # at "according to", yet "the ministry" is still inside its phrase
    start = _start(a)
    qlo = max(0, start - 40)
    if _quantity_possible(text, qlo, start):
        q = _QUANTITY_OF.search(text, qlo, start)
        if q is not None and q.start() >= floor and not _PREP_JUST_BEFORE.search(
                text, max(0, q.start() - 20), q.start()):
            return False
    lo = max(0, min(floor, start) - 20, start - 40)
    if not _prep_possible(text, lo, start):
        return False
    m = _PREP_BEFORE.search(text, lo, start)
    # but "said on Tuesday that Sudan must ...": a phrase of the clause before does not
    # reach past the clause start unless the boundary is the preposition itself
    return m is not None and (m.start() >= floor or len(text[m.start():floor].split()) <= 1)


# The look-behind regexes above end at "$": the engine tries them at every position of
# their window. The two tests below reject, from the last words alone, the windows where
# they cannot match (most of them); a window they let through is searched as before.
_PREPOSITIONS = frozenset(
    "of with against from to at in near on into for toward towards between among alongside "
    "by under over behind including like about via and".split())
_ARTICLES = frozenset({"the", "a", "an"})


def _word_tail(token: str) -> str:
    """The word characters (``\\w``) that end ``token``."""
    k = len(token)
    while k and is_word_char(token[k - 1]):
        k -= 1
    return token[k:]


def _prep_possible(text: str, lo: int, hi: int) -> bool:
    """False when ``_PREP_BEFORE`` cannot match ``text[lo:hi]``: its phrases end in white
    space after a preposition and at most an article and three words (``[\\w’'-]+``), or
    in "'s" and white space, or in a hyphen after a word character (before "$", which
    also matches before a final newline)."""
    last = text[hi - 1:hi]
    if not last.isspace():
        return last == "-"
    if text[hi - 2:hi] == "-\n":
        return True
    return _tail_possible(text[lo:hi].split(), _PREPOSITIONS, _ARTICLES, possessive=True)


def _tail_possible(tokens: list[str], heads: frozenset[str], articles: frozenset[str],
                   possessive: bool = False) -> bool:
    """False when no phrase of a head word, an optional article and at most three words
    (of ``[\\w'-]`` characters) ends the white-space separated ``tokens`` (nor, with
    ``possessive``, a last token ending in "'s"). Tokens with other than ASCII characters,
    whose case-blind matching ``str.lower`` does not mirror, count as possible."""
    n = len(tokens)
    for j in range(n - 1, max(-1, n - 6), -1):
        token = tokens[j]
        if not token.isascii():
            return True
        if token.isalnum():
            word, wordlike = token, True
        else:
            if possessive and j == n - 1 and token[-2:].lower() == "'s":
                return True
            word = _word_tail(token)
            rest = token.replace("'", "").replace("-", "").replace("_", "")
            wordlike = not rest or rest.isalnum()
        if word.lower() in heads and (n - 1 - j <= 3 or tokens[j + 1].lower() in articles):
            return True
        if not wordlike:  # a head word before it would not reach the end
            return False
    return False


def _quantity_possible(text: str, lo: int, hi: int) -> bool:
    """False when ``_QUANTITY_OF`` cannot match ``text[lo:hi]``: its phrases end in "of"
    and white space, or "of the" and white space."""
    if not text[hi - 1:hi].isspace():
        return False
    words = text[lo:hi].rstrip()
    tail = words[-3:].lower()
    if tail.endswith("of"):
        return True
    if tail == "the":
        rest = words[:-3]
        return rest[-1:].isspace() and rest.rstrip()[-2:].lower() == "of"
    return False


# Every phrase of _ALLY_BEFORE holds "with", "by" or "alongside"; a span without them
# (nor the letters that case-blind matching equates with ASCII ones: İ ı ſ K) cannot match.
_CASE_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _no_allies(text: str, starts: list[int]) -> bool:
    """Whether ``_is_ally`` is False for every actor starting at ``starts`` (whatever the
    floor): the stretch that holds all their windows (from 40 characters before the
    first to the last) has none of the words every ally phrase holds (lower-casing, but
    for the final sigma, works one character at a time: a window's words are the
    stretch's)."""
    first = min(starts, default=-1)
    if first < 0:
        return False
    span = text[max(0, first - 40):max(starts)]
    low = span.lower()
    return not ("with" in low or "by" in low or "alongside" in low) and (
        span.isascii() or not any(c in span for c in _CASE_FOLDS))


_UNKNOWN = object()  # (a memo's mark for "not computed yet": None is a result)
_ALLY_WORDS = (("by", 2), ("with", 4), ("alongside", 9))


class AllyWords:
    """Where a document holds the words every ally phrase holds and the letters
    case-blind matching equates with ASCII ones: ``_no_allies`` of any stretch from a few
    bisections instead of lower-casing it (built once per document)."""

    __slots__ = ("_at", "_folds")

    def __init__(self, text: str, low: str, offset: int = 0) -> None:
        """``low``: ``text`` lower-cased one character at a time (a character whose lower
        case is longer kept as it is), from ``offset`` in ``low`` on."""
        self._at = [(_positions(low, w, offset), n) for w, n in _ALLY_WORDS]
        folds: list[int] = []
        if not text.isascii():
            for c in _CASE_FOLDS:
                folds += _positions(text, c, 0)
            folds.sort()
        self._folds = folds

    def no_allies(self, starts: list[int]) -> bool:
        """``_no_allies(text, starts)``."""
        if not starts:
            return False  # (as ``_no_allies``: no actor, no stretch to read)
        first = min(starts)
        if first < 0:
            return False
        lo, hi = (first - 40 if first > 40 else 0), max(starts)
        for found, n in self._at:
            if found:
                k = bisect_left(found, lo)
                if k < len(found) and found[k] + n <= hi:
                    return False
        folds = self._folds
        if folds:
            k = bisect_left(folds, lo)
            if k < len(folds) and folds[k] < hi:
                return False
        return True


def _positions(text: str, word: str, offset: int) -> list[int]:
    """The offsets of ``word`` in ``text`` (overlapping ones too), in order, minus
    ``offset``."""
    out = []
    k = text.find(word)
    while k >= 0:
        out.append(k - offset)
        k = text.find(word, k + 1)
    return out


def _is_ally(text: str, a: Actor, floor: int) -> bool:
    start = a.mention.start if a.mention else -1  # (``_start``)
    lo = max(floor, start - 40)
    span = text[lo:start]
    low = span.lower()
    if not ("with" in low or "by" in low or "alongside" in low) and (
            span.isascii() or not _holds_fold(span)):
        return False
    return bool(_ALLY_BEFORE.search(span))


def _holds_fold(span: str) -> bool:
    """Whether ``span`` holds one of ``_CASE_FOLDS``."""
    for c in _CASE_FOLDS:
        if c in span:
            return True
    return False


def _spans_ordered(starts: list[int], ends: list[int]) -> bool:
    """Whether every span ends where or after it starts."""
    for start, end in zip(starts, ends):
        if end < start:
            return False
    return True


class RoleIndex:
    """The actors and places of one sentence, indexed once for all its triggers: actor
    starts for bisection, the (start, country) pairs of actors and places in text order,
    and the look-behind tests of each actor memoised per clause start (triggers of one
    clause ask the same questions)."""

    def __init__(self, text: str, actors: Sequence[Actor], places: Sequence[Place],
                 spans: tuple[list[int], list[int], bool] | None = None,
                 ally_words: AllyWords | None = None) -> None:
        """``spans``, when given, are the actors' ``_start`` and ``_end`` (sorted by start)
        and whether every one ends where or after it starts: a caller that has them for
        the whole document passes slices; ``ally_words``, the document's ``AllyWords``."""
        self.text, self.actors, self.places = text, actors, places
        self._ally_words = ally_words
        if spans is not None:
            self.starts, self.ends, self.ordered_spans = spans
            self.sorted = True
        else:
            starts = self.starts = [a.mention.start if a.mention else -1 for a in actors]
            ends = self.ends = [a.mention.end if a.mention else -1 for a in actors]
            self.sorted = starts == sorted(starts)
            # whether every actor ends where or after it starts (lets ``_around`` stop at
            # the clause end)
            self.ordered_spans = _spans_ordered(starts, ends)
        self._countries: list[tuple[int, str]] | None = None  # built when first asked
        self._ally_free: bool | None = None  # (``_no_allies``, found when first asked)
        self._country_starts: list[int] = []
        self._ally: dict[tuple[int, int], bool] = {}
        self._prep: dict[tuple[int, int], bool] = {}
        self._speaker: dict[int, bool] = {}
        self._local: dict[tuple[Any, ...], str | None] = {}
        self._tie: dict[int, str | None] = {}

    def ally_free(self) -> bool:
        """Whether no actor of the sentence is an ally (``_no_allies``, found once)."""
        free = self._ally_free
        if free is None:
            words = self._ally_words
            free = self._ally_free = (words.no_allies(self.starts) if words is not None
                                      else _no_allies(self.text, self.starts))
        return free

    def is_ally(self, a: Actor, floor: int) -> bool:
        if self.ally_free():
            return False
        key = (a.mention.start if a.mention else -1, floor)  # (``_start``)
        found = self._ally.get(key)
        if found is None:
            found = self._ally[key] = _is_ally(self.text, a, floor)
        return found

    def is_prepositional(self, a: Actor, floor: int) -> bool:
        key = (a.mention.start if a.mention else -1, floor)  # (``_start``)
        found = self._prep.get(key)
        if found is None:
            found = self._prep[key] = _is_prepositional(self.text, a, floor)
        return found

    def is_speaker(self, a: Actor) -> bool:
        key = a.mention.end if a.mention else -1  # (``_end``)
        found = self._speaker.get(key)
        if found is None:
            found = self._speaker[key] = _is_speaker(self.text, a)
        return found

    def local_country(self, clause: Span, excluded: Sequence[Span]) -> str | None:
        if not self.places:
            return None  # (``_local_country`` finds none)
        key = (clause.start, clause.end, *excluded)  # (spans are tuples)
        found = self._local.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._local[key] = _local_country(self.text, self.places, clause, excluded)
        return found  # type: ignore[return-value]

    def _country_list(self) -> list[tuple[int, str]]:
        """(start, country) of the actors and places, in text order (built once)."""
        countries = self._countries
        if countries is None:
            found = []
            for a in self.actors:
                if a.country:
                    found.append((a.mention.start if a.mention else -1, a.country))  # (_start)
            for p in self.places:
                if p.mention is not None and p.country:
                    found.append((p.mention.start, p.country))
            found.sort()
            countries = self._countries = found  # type: ignore[assignment]
            starts = self._country_starts = []
            for c in found:
                starts.append(c[0])
        return countries

    def country_after(self, lo: int, hi: int) -> tuple[int, str] | None:
        """The first of ``countries_after(lo, hi)``, or None."""
        countries = self._countries
        if countries is None:
            countries = self._country_list()
        k = bisect_left(self._country_starts, lo)
        if k < len(countries) and countries[k][0] < hi:
            return countries[k]
        return None

    def tie(self, end: int) -> str | None:
        """The country an actor ending at ``end`` is tied to (``_TIE_GAP``), or None
        (memoised: the triggers of a sentence ask it of the same actors)."""
        found = self._tie.get(end, _UNKNOWN)
        if found is _UNKNOWN:
            first = self.country_after(end, end + TIE_REACH)
            found = self._tie[end] = (first[1] if first is not None
                                      and _TIE_GAP.match(self.text[end:first[0]]) else None)
        return found  # type: ignore[return-value]

    def tied(self, a: Actor, local: str | None = None) -> Actor:
        """``_with_tie(text, a, self, local)``, its memo read here first."""
        if a.country or a.mention is None:
            return a
        country = self._tie.get(a.mention.end, _UNKNOWN)
        if country is _UNKNOWN:
            country = self.tie(a.mention.end)
        if country is not None:
            return _ACTOR(a.name, country, a.sector, a.mention)  # type: ignore[arg-type]
        return _ACTOR(a.name, local, a.sector, a.mention) if local and a.sector not in \
            _STATELESS else a

    def countries_after(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """(start, country) of the actors and places that begin in [lo, hi), in text order."""
        countries = self._countries
        if countries is None:
            countries = self._country_list()
        k = bisect_left(self._country_starts, lo)
        out = []
        while k < len(countries) and countries[k][0] < hi:
            out.append(countries[k])
            k += 1
        return out


def assign_roles(text: str, actors: Sequence[Actor], trigger: Span, clause: Span,
                 passive: bool, excluded: Sequence[Span] = (),
                 places: Sequence[Place] = (), index: RoleIndex | None = None) -> Roles:
    """Roles of ``actors`` (sorted, of the trigger's sentence) for one trigger.

    ``clause`` bounds the search (from the last clause boundary before the trigger to the
    next one after it); actors inside ``excluded`` spans (what is only talked about) are
    not candidates. ``places`` (sorted; those of the sentence suffice) give a target when
    no actor follows the trigger and a country to an actor of none. ``index``, built once
    per sentence from the same ``text``, ``actors`` and ``places``, saves recomputing
    their positions for each trigger.
    """
    ix = index if index is not None else RoleIndex(text, actors, places)
    # (every phrase of ``_RECIPIENT`` starts with r, o, a or g, which case-blind matching
    # equates with no other character)
    receives = (text[trigger.start:trigger.start + 1] in _RECIPIENT_FIRST
                and _RECIPIENT.match(text[trigger.start:trigger.end]) is not None)
    roles = _assign(text, actors, trigger, clause, passive, excluded, ix, receives)
    if not passive and roles.actor2 is None and not receives:
        roles.actor2 = _object_target(text, actors, places, trigger, clause, excluded, roles)
    # (where the clause happens gives a country only to an actor of none)
    # (an actor of a country keeps it: ``_speakers_own`` and ``_with_tie`` return it)
    doers = roles.actor1
    countryless = roles.actor2 is not None and not roles.actor2.country
    for a in doers:
        if not a.country:
            countryless = True
            break
    local = ix.local_country(clause, excluded) if countryless and ix.places else None
    for k, a in enumerate(doers):
        if not a.country:
            if a.sector in _OWN_FORCES:  # (else ``_speakers_own`` keeps it)
                a = _speakers_own(a, ix, clause)
            doers[k] = ix.tied(a, local)
    if roles.actor2 is not None and not roles.actor2.country:
        roles.actor2 = ix.tied(roles.actor2)
        if not roles.actor2.country:
            roles.actor2 = _recipient(text, roles.actor2, ix, clause)
        if not roles.actor2.country:
            roles.actor2 = _beneficiary(text, roles.actor2, ix, clause)
        # whom an act targets is of the country where it happens before that of the doer
        # ("an Israeli strike in Khan Younis killed nine people": Palestinians)
        if not roles.actor2.country and local:
            roles.actor2 = _ACTOR(roles.actor2.name, local, roles.actor2.sector,
                                 roles.actor2.mention)
        if not roles.actor2.country and roles.actor1 and not _abroad(
                ix, roles.actor1[0], trigger, roles.actor2) and not _against(
                    text, _start(roles.actor2)):
            roles.actor2 = _domestic(roles.actor1[0], roles.actor2)
    return roles


def _against(text: str, start: int) -> bool:
    """Whether "against" (and an article) stands right before ``start``."""
    lo = max(0, start - AGAINST_REACH)
    return "against" in text[lo:start].lower() and _AGAINST.search(text, lo, start) is not None


# "sanctions against the junta": what a state acts against is not taken to be its own
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
AGAINST_REACH = 16  # chars before the target: "against" and an article


def _abroad(ix: RoleIndex, doer: Actor, trigger: Span, target: Actor) -> bool:
    """Whether a place of another country than the doer's stands between the doer (or the
    trigger) and the target ("Russian forces shelled Kharkiv, wounding civilians"): the
    target is where the deed lands, not the doer's own people."""
    lo, hi = sorted((trigger.start, _start(target)))
    if doer.mention is not None and doer.mention.end < lo:
        lo = doer.mention.end  # "Russian missiles slammed into Kharkiv, killing four people"
    for p in ix.places:
        m = p.mention
        if m is not None and lo <= m.start < hi and p.country and p.country != doer.country:
            return True
    return False


def _around(actors: Sequence[Actor], trigger: Span, clause: Span, excluded: Sequence[Span],
            ix: RoleIndex) -> tuple[list[Actor], list[Actor]]:
    """The usable actors of the clause before and after the trigger, in text order (an
    actor that starts inside an ``excluded`` span is on neither side)."""
    starts, ends = ix.starts, ix.ends
    t_start, t_end, c_start, c_end = trigger.start, trigger.end, clause.start, clause.end
    if ix.sorted:  # bisection gives the candidates; the tests below are the full ones
        lo, mid = bisect_left(starts, c_start), bisect_left(starts, t_start)
        first_after = bisect_left(starts, t_end, mid)
        # (past the clause end an actor, which ends after it starts, cannot end inside)
        last = bisect_right(starts, c_end, first_after) if ix.ordered_spans else len(starts)
    else:
        lo, mid, first_after, last = 0, len(starts), 0, len(starts)
    # a trigger may begin inside its doer's phrase ("police arrested" in "Turkish
    # police arrested ..."): that actor is before it
    before = []
    for k in range(lo, mid):
        at = starts[k]
        if c_start <= at < t_start and (ends[k] <= t_start or ends[k] < t_end) \
                and not (excluded and _in_spans(at, excluded)):
            before.append(actors[k])
    after: list[Actor] = []
    # an actor the trigger phrase holds: at its start the doer ("police arrested"),
    # further in (or from there on) the target ("summoned China's ambassador", "met
    # Houthi officials")
    if ix.sorted:
        for k in range(mid, first_after):
            at = starts[k]
            if (t_start < at < t_end and ends[k] <= c_end
                    or (at == t_start and ends[k] < t_end)) \
                    and not (excluded and _in_spans(at, excluded)):
                (before if at == t_start else after).append(actors[k])
    for k in range(first_after, last):
        at = starts[k]
        if t_end <= at and ends[k] <= c_end and not (excluded and _in_spans(at, excluded)):
            after.append(actors[k])
    return before, after


def _assign(text: str, actors: Sequence[Actor], trigger: Span, clause: Span,
            passive: bool, excluded: Sequence[Span], ix: RoleIndex, receives: bool) -> Roles:
    before, after = _around(actors, trigger, clause, excluded, ix)
    roles = Roles([], None, [], passive)
    floor = clause.start
    allies = []
    free = ix._ally_free
    if free is None:
        free = ix.ally_free()
    if not free:  # (``ix.is_ally``, its memo read here first)
        ally = ix._ally
        for side in (before, after):
            for a in side:
                found = ally.get((a.mention.start if a.mention else -1, floor))
                if found is None:
                    found = ix.is_ally(a, floor)
                if found:
                    allies.append(a)
    if allies:
        roles.allies = allies
        before = [a for a in before if a not in allies]
        after = [a for a in after if a not in allies]
    # the subject: the first actor before the trigger outside a prepositional phrase
    # (and not a modifier of the next: "the al Qaeda-linked group JNIM")
    subject = None
    prep = ix._prep  # (``ix.is_prepositional``, its memo read here first)
    # a trigger phrase that starts with its doer ("police arrested") names the subject
    # itself, whatever the clause holds before it
    if before and _start(before[-1]) == trigger.start:
        subject = before[-1]
    else:
        for a in before:
            m = a.mention
            found = prep.get((m.start if m is not None else -1, floor))
            if found is None:
                found = ix.is_prepositional(a, floor)
            # (``_modifier`` needs a hyphen right after the actor)
            if not found and not (m is not None and text[m.end:m.end + 1] == "-"
                                  and _modifier(text, a, before)):
                subject = a
                break
        else:
            for a in before:
                if not ix.is_prepositional(a, floor):
                    subject = a
                    break
            if subject is None and before and _named(before[0]) and _MEMBERS_OF.search(
                    text[floor:_start(before[0])]):
                subject = before[0]  # "Fighters from Sudan's RSF raped ...": the RSF did
    if subject is not None and subject.sector == "UAF":
        subject = _identified(text, subject, before)
    inverted = None
    if before and not passive:
        last = before[-1]
        if subject is None and _means_agent(text, last, trigger):
            subject = last
        elif subject is not None and last is not subject and _apposition_subject(
                text, last, trigger):
            subject = last
        elif subject is not None and last is not subject and _closing_speaker(
                text, last, trigger):
            inverted, subject = subject, last  # "..., the EU's foreign chief warned."
        elif subject is not None and last is not subject and _participle_subject(
                text, last, trigger):
            subject = last  # "police dispersed students demanding ...": the students
        elif subject is not None and last is not subject and \
                text[_end(last):trigger.start].lower() == " to " and _CONTROL_BEFORE.search(
                    text, max(floor, _start(last) - CONTROL_REACH), _start(last)):
            subject = last  # "analysts expect Russian forces to launch ...": the forces
    if passive:
        agent = _agent_after(text, after, trigger)
        if agent is not None:
            roles.actor1 = [agent]
        roles.actor2 = subject if subject is not None else (before[-1] if before else None)
        return roles
    if subject is not None:
        doers = _with_coordinated(text, subject, before)
        for k, a in enumerate(doers):
            if not a.country:  # (``_with_origin`` keeps an actor of a country)
                doers[k] = _with_origin(text, a, actors)
        roles.actor1 = doers
    elif _PRONOUN_SUBJECT.match(text[clause.start:trigger.start]):
        roles.pronoun_subject = True
    rest = after
    if not roles.actor1 and not roles.pronoun_subject and rest:
        tail = text[trigger.end:_start(rest[0])]
        if _BETWEEN.match(tail) or _BY_NEAR.match(tail):
            roles.actor1 = [rest[0]]
            rest = rest[1:]
    target = inverted
    if rest:
        names = set()
        for a in roles.actor1:
            names.add(a.name)
        for a in rest:
            if a.name in names:
                continue
            speaker = ix._speaker.get(a.mention.end if a.mention else -1)  # (its memo)
            if speaker is None:
                speaker = ix.is_speaker(a)
            if not speaker:
                target = a
                break
    if target is not None:
        roles.actor2 = target
    if receives:
        giver = target
        roles.actor2 = roles.actor1[0] if roles.actor1 else None
        roles.actor1 = [giver] if giver else []
    return roles


_ORIGIN_GAP = re.compile(r"^\s+(?:from|of)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(r"^[^,;.]{0,40}?\b(?:said|says|told|stated|reported|announced|"
                            r"confirmed|added|claimed)\b", re.IGNORECASE)


def _with_origin(text: str, a: Actor, actors: Sequence[Actor]) -> Actor:
    """"Doctors from two American aid groups": a doer without a country takes the
    country of the group it is said to come from."""
    if a.country:
        return a
    end = _end(a)
    for b in actors:
        if b.country and _start(b) >= end:
            if _ORIGIN_GAP.match(text[end:_start(b)]):
                return _ACTOR(a.name, b.country, a.sector, a.mention)
            break
    return a


# A verb whose object does what the infinitive after it says ("expect Russian forces to
# launch", "urged Germany to supply", "allowed the rebels to leave").
_CONTROL_BEFORE = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|allow(?:s|ed|ing)?|"
    r"want(?:s|ed)?|told|tells?|order(?:s|ed)?|forc(?:e|es|ed)|call(?:s|ed|ing)?\s+on|"
    r"encourag(?:e|es|ed)|press(?:es|ed)?|invit(?:e|es|ed)|permit(?:s|ted)?|authori[sz](?:e|es|ed))"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
CONTROL_REACH = 40  # chars before the object: the verb, an article and a few words
# A clause opening with members of a group named after "from" or "of" ("Fighters from
# Sudan's Rapid Support Forces", "Members of the Presidential Guard"): the group acts.
_MEMBERS_OF = re.compile(
    r"(?:^|(?<=[-–—] ))\s*(?:[\w-]+\s+){0,2}"
    r"(?:fighters|members|"
    r"militants|soldiers|troops|forces|units|elements|gunmen|militiamen|officers|agents|men|"
    r"combatants|operatives)\s+(?:from|of|belonging\s+to|loyal\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE)
# "Gunmen believed to be members of the ADF": unidentified men said to be of a named group
_IDENTIFIED_AS = re.compile(
    r",?\s+(?:who\s+(?:are|were)\s+|and\s+)?(?:(?:widely\s+)?(?:believed|suspected|thought|"
    r"said|alleged|presumed|reported|understood)\s+to\s+(?:be|have\s+been)|identified\s+as|"
    r"suspected\s+of\s+being|claiming\s+to\s+be)\s+(?:(?:members|fighters|militants|"
    r"elements|part)\s+of\s+)?(?:the\s+)?", re.IGNORECASE)


def _named(a: Actor) -> bool:
    """Whether an actor's mention holds a capitalised word (a name, not "the group")."""
    return a.mention is not None and any(w[:1].isupper() for w in a.mention.text.split())


def _identified(text: str, subject: Actor, before: Sequence[Actor]) -> Actor:
    """The named group that unidentified armed men are said to belong to, right after
    them ("Armed men believed to be members of the ADF killed ..."); else the men."""
    end = _end(subject)
    for b in before:
        if _start(b) >= end:
            if b.sector != "UAF" and identified_as(text, end, _start(b)):
                return b
            break
    return subject


def identified_as(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] says that what ends at ``start`` is what starts at ``end``
    (", believed to be members of the")."""
    return _IDENTIFIED_AS.fullmatch(text, start, end) is not None


# "Qaeda-linked", "Iran-backed", "Kenya-led": a sponsor named before the group it backs
# (not "PDF-Yinmarbin", a unit's name, nor "STC-affiliated", which names the group itself)
_MODIFIER_SUFFIX = re.compile(r"(?:linked|backed|supported|sponsored|funded|armed|trained|"
                              r"led|made|controlled|inspired)\b")


def _modifier(text: str, a: Actor, before: Sequence[Actor]) -> bool:
    """An actor joined by a hyphen to the next word ("Qaeda-linked", "Russian-backed")
    modifies a later actor of the phrase; it is not the subject itself."""
    end = a.mention.end if a.mention else -1  # (``_end``)
    return (text[end:end + 1] == "-" and _MODIFIER_SUFFIX.match(text, end + 1) is not None
            and any(_start(b) > end for b in before))


def _means_agent(text: str, a: Actor, trigger: Span) -> bool:
    """"A drone operated by X struck": the actor ends right before the trigger and is the
    agent of a participle naming the means."""
    return (not text[_end(a):trigger.start].strip()
            and _MEANS_BY.search(text, max(0, _start(a) - MEANS_REACH), _start(a)) is not None)


# "..., the European Union's foreign policy chief warned.": a speaker after a comma and a
# verb that closes the sentence
_CLOSING_GAP = re.compile(r"(?:['’]s(?:\s+[\w-]+){1,3})?\s+$")
_CLOSING_BEFORE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?$")
_CLOSING_AFTER = re.compile(r"\s*(?:on\s+\w+\s*)?[.;]")


def _closing_speaker(text: str, a: Actor, trigger: Span) -> bool:
    return (_CLOSING_AFTER.match(text, trigger.end) is not None
            and _CLOSING_GAP.fullmatch(text, _end(a), trigger.start) is not None
            and _CLOSING_BEFORE.search(text, max(0, _start(a) - 8), _start(a)) is not None)


def _apposition_subject(text: str, a: Actor, trigger: Span) -> bool:
    """"..., a charge Kigali denies": the actor right before the verb after a noun phrase
    that follows a comma is the subject of that relative clause."""
    return (not text[_end(a):trigger.start].strip()
            and text[trigger.start:trigger.end].lower().endswith(("s", "ed"))
            and _APPOSITION_SUBJECT.search(text, max(0, _start(a) - APPOSITION_REACH),
                                           _start(a)) is not None)


def bare_participle(word: str, suffix: str) -> bool:
    """Whether a trigger's text is one lower-case word ending in ``suffix`` ("-ing", "-ed"):
    a participle, not a phrase nor a capitalised name."""
    return " " not in word and word.endswith(suffix) and word[:1].islower()


def _participle_subject(text: str, a: Actor, trigger: Span) -> bool:
    """A trigger in "-ing" right after an actor qualifies it ("students demanding the
    rector's resignation"): the actor does what the participle says."""
    return (bare_participle(text[trigger.start:trigger.end], "ing")
            and text[_end(a):trigger.start] == " ")


def _is_speaker(text: str, a: Actor) -> bool:
    """An actor followed by "said" is the source of the report, not the target."""
    end = a.mention.end if a.mention else -1  # (``_end``)
    after = text[end:end + 60]
    if after.isascii():  # (the verbs, lower-cased, are in the span if the regex matches)
        low = after.lower()
        if not ("said" in low or "says" in low or "told" in low or "stated" in low
                or "reported" in low or "announced" in low or "confirmed" in low
                or "added" in low or "claimed" in low):
            return False
    return bool(_SPEAKER_AFTER.match(after))


def _agent_after(text: str, after: Sequence[Actor], trigger: Span) -> Actor | None:
    for a in after:
        gap = text[trigger.end:_start(a)]
        if re.search(r"\bby\b", gap, re.IGNORECASE) and len(gap) < 80:
            return a
    return None


def _with_coordinated(text: str, first: Actor, before: Sequence[Actor]) -> list[Actor]:
    out = [first]
    last_end = first.mention.end if first.mention else -1  # (``_end``)
    for a in before:
        m = a.mention
        start = m.start if m is not None else -1  # (``_start``)
        if start <= last_end:
            continue
        gap = text[last_end:start]
        if _COORD_ONLY.match(gap):
            if not gap.strip():
                break  # "A Houthi military spokesman": one phrase, not two doers
            if a.name not in {x.name for x in out}:
                out.append(a)
            last_end = m.end if m is not None else -1  # (``_end``)
        else:
            break
    return out


# A clause cut right after the trigger by a complementiser still holds the target:
# "demanded that Iran ...", "condemned as illegal Moscow's decision ...".
# ("as" only before "a"/"an": "withdrew as rebels advanced" says when, not whom; yet
# a place there is still where the deed lands: "imposed a curfew as riots spread in X")
_COMPLEMENT = re.compile(r"(?:that|as\s+an?)\b", re.IGNORECASE)
_COMPLEMENT_PLACE = re.compile(r"(?:that|as)\b", re.IGNORECASE)
# Reaches in characters, set by hand to a few short words: a day or date between trigger
# and complementiser ("demand on Friday that"), an article and adjectives before the
# target ("that the new Malian junta"); beyond them the clause is about something else.
COMPLEMENT_GAP = 20  # chars between trigger and complementiser
# A state named as the subject of its own complement clause is the speaker itself.
_OWN_STATE = frozenset({None, "GOV"})
COMPLEMENT_REACH = 50  # chars from the complementiser to the target actor
_NO_BREAK = re.compile(r"^[^,;:()]*$")
_BREAK = re.compile(r"[,;:()]")
COMPLEMENT_CLAUSE = 200  # chars of the complement clause searched for a place (one clause)


def _object_target(text: str, actors: Sequence[Actor], places: Sequence[Place],
                   trigger: Span, clause: Span, excluded: Sequence[Span],
                   roles: Roles) -> Actor | None:
    """A target where no actor follows the trigger in its clause: the subject of the
    complement clause, else the receiver before a noun trigger, else a place (standing for
    its country) in the object or the place the doer's verb leads to."""
    end = clause.end
    near = clause.end - trigger.end <= COMPLEMENT_GAP
    if near and _COMPLEMENT.match(text, clause.end, clause.end + 8):
        doers = {a.name for a in roles.actor1}
        own = {a.country for a in roles.actor1 if a.country and a.sector in STATE_ACTORS}
        for a in actors:
            if _start(a) < clause.end or a.name in doers:
                continue
            if a.country in own and a.sector in _OWN_STATE:
                return None  # "China warned that Beijing would ...": the doer speaks of itself
            gap = text[clause.end:_start(a)]
            if len(gap) <= COMPLEMENT_REACH and _NO_BREAK.match(gap):
                return a
            break
    if near and _COMPLEMENT_PLACE.match(text, clause.end, clause.end + 5):
        end = _break_after(text, clause.end)
    indirect = _indirect_object(text, actors, trigger, clause, excluded, roles)
    if indirect is not None:
        return indirect
    for p in places:
        m = p.mention
        if m is None or m.start < trigger.end or not p.country:
            continue
        if m.start >= end:
            break
        if not (excluded and _in_spans(m.start, excluded)) and not _in_actor(
                m.start, actors) and not _neighbour(text, m.start):
            return _place_actor(p)  # (a place inside an actor's phrase is part of its name)
    return _place_before_noun(text, actors, places, trigger, clause, excluded, roles)


# "near the border with Mali": the country named is the neighbour, not where it happens
_BORDER_WITH = re.compile(r"\b(?:borders?|frontier)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
BORDER_REACH = 24  # chars before the place: "border with the"


def _neighbour(text: str, start: int) -> bool:
    return "with" in text[max(0, start - BORDER_REACH):start] and _BORDER_WITH.search(
        text, max(0, start - BORDER_REACH), start) is not None


def _place_actor(p: Place) -> Actor:
    m = p.mention
    return _ACTOR(p.name, p.country, None,
                 _MENTION(m.start, m.end, m.text, "ACTOR") if m else None)


def _place_before_noun(text: str, actors: Sequence[Actor], places: Sequence[Place],
                       trigger: Span, clause: Span, excluded: Sequence[Span],
                       roles: Roles) -> Actor | None:
    """"X landed in Accra for a visit": with a noun trigger, a place the doer's verb
    leads to (not one the doer is tied to, "rebels in Kivu", nor one inside another
    actor's phrase, "fired at protesters in Nairobi") is the target."""
    if not roles.actor1:
        return None
    last = _last_end(roles.actor1)
    for p in places:
        m = p.mention
        if m is None or not p.country or m.start < max(last, clause.start):
            continue
        if m.end > trigger.start:
            break
        gap = text[last:m.start]
        if (_VERB_GAP.search(gap) and not _TIE_GAP.match(gap)
                and not (excluded and _in_spans(m.start, excluded))
                and not _in_actor(m.start, actors)):
            return _place_actor(p)
    return None


def _break_after(text: str, pos: int) -> int:
    m = _BREAK.search(text, pos, pos + COMPLEMENT_CLAUSE)
    return m.start() if m else pos + COMPLEMENT_CLAUSE


# "rebels in Kivu", "gunmen loyal to a warlord of Somalia", "a militia based in Ituri": an
# actor without a country takes that of the place or actor it is tied to.
# "King Abdullah of Jordan": the person's name may stand between the title and the tie,
# so may a noun ("militant cells in Mali") but not a verb ("landed in Accra");
# "NATO-member Estonia": a country right after the actor word is part of its name.
_TIE_GAP = re.compile(r"^(?:\s+|\)?,?\s+(?:(?:[A-Z][\w'.-]*\s+){0,2}|[a-z][\w-]*(?<!ed)\s+)"
                      r"(?i:from|of|in|inside|based in|"
                      r"operating in|loyal to|(?:stationed|deployed) in|affiliated (?:with|to)|"
                      r"belonging to|linked to|aligned with)\s+"
                      r"(?i:the\s+)?(?:[\w'-]+\s+){0,2})$")
TIE_REACH = 40  # chars after the actor where its tie may name the place (a short phrase)
# Whom a state's own authorities act on is, when no country is said, of the same state
# ("the government banned an opposition party", "police jailed members of ...").
STATE_ACTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# International bodies belong to no country: where they act does not give them one
# ("the UN Security Council called for a ceasefire in Sudan").
_STATELESS = frozenset({"IGO"})


def _with_tie(text: str, a: Actor, ix: RoleIndex, local: str | None = None) -> Actor:
    """The actor with the country it is tied to, else that of where the clause happens
    (``ix.tied``)."""
    return ix.tied(a, local)


# "in the Tigray region", "near the town of Kidal": where the clause's event happens; an actor
# of no stated country there is taken to be local ("against" or "to" a place is no where).
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|throughout|through|around)\s+"
                       r"(?:the\s+)?"
                       r"(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)


_LOCATIVE_HEADS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                             "through", "around"})
_THE = frozenset({"the"})


def _locative_possible(text: str, lo: int, hi: int) -> bool:
    """False when ``_LOCATIVE`` cannot match ``text[lo:hi]``: its phrases end in white space
    after a head word, an optional "the" and at most three words (``_tail_possible``)."""
    return text[hi - 1:hi].isspace() and _tail_possible(text[lo:hi].split(), _LOCATIVE_HEADS,
                                                        _THE)


def _local_country(text: str, places: Sequence[Place], clause: Span,
                   excluded: Sequence[Span]) -> str | None:
    for p in places:
        m = p.mention
        if m is None or not p.country or m.start < clause.start:
            continue
        if m.end > clause.end:
            break
        lo = max(clause.start, m.start - 40)
        if (_locative_possible(text, lo, m.start) and _LOCATIVE.search(text, lo, m.start)
                and not _neighbour(text, m.start)
                and not (excluded and _in_spans(m.start, excluded))):
            return p.country
    return None


# "supplying drones and training to Ukraine", "suspended all contacts with Colombia":
# a target of no country is what is given or cut; the country after it is whom.
_RECIPIENT_GAP = re.compile(r"^\s+(?:[\w'-]+\s+){0,2}(?:to|with)\s+(?:the\s+)?$",
                            re.IGNORECASE)
RECIPIENT_REACH = 40  # chars after the countryless target where its recipient may start
# (two or three words and the preposition, as in the examples above)


def _recipient(text: str, target: Actor, ix: RoleIndex, clause: Span) -> Actor:
    end = target.mention.end if target.mention else -1  # (``_end``)
    first = ix.country_after(end, min(clause.end, end + RECIPIENT_REACH))
    if first is None or not _RECIPIENT_GAP.match(text[end:first[0]]):
        return target
    start = first[0]
    for a in ix.actors:
        if _start(a) == start and a.country:
            return a
    for p in ix.places:
        if p.mention is not None and p.mention.start == start:
            return _place_actor(p)
    return target


# "sanctions on 30 companies accused of helping Iran sell oil": a target of no country
# stands for the state it is said to serve
_BENEFICIARY_GAP = re.compile(r"^[^.;:()]{0,60}?\b(?:accused of|suspected of|for|over|linked to)\s+"
                              r"(?:helping|aiding|supporting|assisting|financing|funding|"
                              r"supplying|arming|working for|spying for|acting for)\s+(?:the\s+)?$",
                              re.IGNORECASE)
BENEFICIARY_REACH = 100  # chars after the target where the served state may be named


# (the words ``_BENEFICIARY_GAP`` ends with, before an optional "the")
_SERVING_WORDS = frozenset({"helping", "aiding", "supporting", "assisting", "financing",
                            "funding", "supplying", "arming", "for"})


def _beneficiary(text: str, target: Actor, ix: RoleIndex, clause: Span) -> Actor:
    end = target.mention.end if target.mention else -1  # (``_end``)
    for start, country in ix.countries_after(end, min(clause.end, end + BENEFICIARY_REACH)):
        gap = text[end:start]
        if _last_word_in(gap, _SERVING_WORDS) and _BENEFICIARY_GAP.match(gap):
            return _ACTOR(target.name, country, target.sector, target.mention)
    return target


def _last_word_in(gap: str, words: frozenset[str]) -> bool:
    """False when ``gap`` does not end in white space after one of ``words`` (lower-case
    ASCII), alone or before "the": a cheap test before a regex ending so. Words with other
    than ASCII characters, which case-blind matching may equate with ASCII ones, pass."""
    if not gap[-1:].isspace():
        return False
    tokens = gap.split()
    if not tokens:
        return False
    last = tokens[-1]
    if not last.isascii():
        return True
    last = last.lower()
    if last in words:
        return True
    if last != "the" or len(tokens) < 2:
        return False
    return not tokens[-2].isascii() or tokens[-2].lower() in words


# "The Israeli army said soldiers had fired": forces of no stated country in what a state's
# army, police or government says are its own
_OWN_FORCES = frozenset({"MIL", "COP"})
_STATE_SPEAKERS = frozenset({"MIL", "COP", "GOV"})


def _speakers_own(a: Actor, ix: RoleIndex, clause: Span) -> Actor:
    if a.country or a.sector not in _OWN_FORCES:
        return a
    for b in ix.actors:
        if _start(b) >= clause.start or _start(b) >= _start(a):
            break
        if b.country and b.sector in _STATE_SPEAKERS and _end(b) <= clause.start \
                and ix.is_speaker(b):
            return _ACTOR(a.name, b.country, a.sector, a.mention)
    return a


def _domestic(doer: Actor, target: Actor) -> Actor:
    if doer.country and doer.sector in STATE_ACTORS:
        return _ACTOR(target.name, doer.country, target.sector, target.mention)
    return target


_VERB_GAP = re.compile(r"\b[a-z]{2,}\b")
_PREP_JUST_BEFORE = re.compile(
    r"(?:\b(?:of|with|against|from|to|at|in|near|on|into|for|towards?|between|among|by|"
    r"under|over|behind|including|like|about|via|and|or|than)\s+(?:the\s+|a\s+|an\s+)?"
    r"|(?:'s|’s)\s+|\w-)$", re.IGNORECASE)


def _indirect_object(text: str, actors: Sequence[Actor], trigger: Span, clause: Span,
                     excluded: Sequence[Span], roles: Roles) -> Actor | None:
    """"Japan will offer Kenya a loan": with a noun trigger, the actor between the
    doer's verb and the trigger receives it."""
    if not roles.actor1:
        return None
    last = _last_end(roles.actor1)
    floor = last if last > clause.start else clause.start
    t_start = trigger.start
    for a in actors:
        m = a.mention
        start, end = (m.start, m.end) if m is not None else (-1, -1)  # (``_start``, ``_end``)
        if start < floor or end > t_start:
            continue
        if excluded and _in_spans(start, excluded):
            continue
        if (_VERB_GAP.search(text, last, start)
                and not _PREP_JUST_BEFORE.search(text, max(0, start - 20), start)):
            return a
    return None


def _in_actor(pos: int, actors: Sequence[Actor]) -> bool:
    """Whether ``pos`` lies in the mention of one of ``actors``."""
    for a in actors:
        m = a.mention
        if m is not None and m.start <= pos < m.end:
            return True
    return False


def _last_end(actors: Sequence[Actor]) -> int:
    """``max(map(_end, actors))`` (of a non-empty list)."""
    last = -1
    for a in actors:
        end = a.mention.end if a.mention is not None else -1
        if end > last:
            last = end
    return last


def _in_spans(pos: int, spans: Sequence[Span]) -> bool:
    """Whether ``pos`` lies in one of ``spans``."""
    for x in spans:
        if x[0] <= pos < x[1]:
            return True
    return False
