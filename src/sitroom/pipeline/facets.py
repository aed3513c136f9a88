"""Per-event facets: date, fatalities, quantities, status and attribution.

``FacetStage`` completes each event of ``Document.events`` (made by the events stage) from
what the earlier stages found:

* date — a resolved date in the event's sentence; else the nearest earlier date of the
  paragraph, then of the document ("On 3 January 2022, ..." opening a note); else the
  published date for an event told as having happened. Predictions keep their future
  range ("in the coming days") and get no date when none is stated.
* fatalities — deaths stated in the event's paragraph (a short report's deaths belong to
  its one event) or, in a long paragraph, in its sentence; only for violent events
  (a protest "over the killing of three students" has no fatalities of its own).
* quantities — those in the event's sentence.
* status — the status cue closest to the trigger in its clause ("will" -> predicted,
  "could" -> possible, "plans to" -> planned, "denied" -> denied, "claimed" -> claimed,
  "did not" -> negated; ``status_cues.tsv``), a future date (predicted), or the status
  the attribution cue lends ("X claimed ...").
* attribution — the attributions whose content covers the trigger or whose cue stands
  in the sentence, and those of the next sentence that refer back to the event
  ("An official described the engagement as limited").

Non-factual events keep a slightly lower confidence so that a document's primary event
(its most confident one) is an event that took place.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import AbstractSet, Any, ClassVar

from mypy_extensions import mypyc_attr

from ..config import Settings
from ..lexicons import Column
from ..model import (Attribution, DateRange, Document, Event, Mention, Quantity, record_builder,
                     with_fields)
from ..vocab import (ACLED_EVENT_TYPE_OF, EXCESSIVE_FORCE, FACTUAL_STATUSES,
                     STATUSES)
from .attribution import CUE_COLUMNS
from .dates import RELATIVE_COLUMNS
from .quantities import FatalityCounter
from .wordscan import chunk_tokenizer

__all__ = ["FacetStage", "StatusReader"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_EVENT, _DATE_RANGE = record_builder(Event), record_builder(DateRange)

log = logging.getLogger("sitroom.facets")

ANAPHORA_COLUMNS = (Column("noun", pattern=r"[a-z]+"),)
STATUS_COLUMNS = (Column("phrase", pattern=r"[a-z' ]+"),
                  Column("status", choices=frozenset(STATUSES)),
                  Column("position", choices=frozenset({"before", "after"})))

# How many words before a trigger a status cue may stand (same clause). Modal, planning
# and claim cues govern a verb phrase a few words on ("could potentially receive a
# transfer"); negation binds tightly ("did not attack", "no attack"). Chosen by hand on
# written examples.
STATUS_WINDOW = 10
NEGATION_WINDOW = 3
STATUS_CHARS = 160  # characters before a trigger that hold STATUS_WINDOW words
AFTER_CHARS = 60  # characters after a trigger that hold AFTER_WINDOW words
AFTER_WINDOW = 4
# Confidence of an event that is not stated to have happened, relative to a factual one:
# a small discount, so the primary event of a document is a factual one when both exist.
NON_FACTUAL_DISCOUNT = 0.9
# An event dated this many days or more before publication is background ("had been
# abducted in January last year"): it keeps this share of its confidence so that the
# document's primary event is a current one. News reports deeds of the last days; 60 days
# leaves room for a weekly or monthly round-up.
STALE_DAYS = 60
STALE_DISCOUNT = 0.85
# A paragraph longer than this (sentences) is an article's, not a one-event note's: its
# deaths are read from the event's own sentence only.
NOTE_MAX_SENTENCES = 8
# A line after a sentence ending in a colon is a list item of it when this short (a
# bullet such as "16,000 shipping containers of artillery shells").
LIST_ITEM_MAX_CHARS = 120

# ACLED event types whose deaths are the event's own; PLOVER ASSAULT when no ACLED type.
VIOLENT_ACLED_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                                 "Violence against civilians", "Riots"})
VIOLENT_SUB_EVENTS = frozenset({"Excessive force against protesters", "Disrupted weapons use"})
VIOLENT_PLOVER = frozenset({"ASSAULT"})
# ACLED sub-event types of violent events (those of the violent types and the others above)
_VIOLENT_SUBS = frozenset(sub for sub, kind in ACLED_EVENT_TYPE_OF.items()
                          if kind in VIOLENT_ACLED_TYPES) | VIOLENT_SUB_EVENTS
# Distinct triggers whose tense a stage remembers (a bounded memo: news repeats a few
# hundred trigger words; 5,000 entries take well under 1 MB).
PAST_TENSE_MEMO = 5000

_WORD = re.compile(r"\w[\w'’-]*|[^\w\s]")
_words = chunk_tokenizer(_WORD, str.isalnum)  # _WORD.findall, cheaper


# ASCII letters and digits lower-cased, every other byte a space ("_", marks, and the "?"
# that stands for a character beyond ASCII): ``bytes.split`` of a text so translated gives
# its runs of ASCII letters and digits, lower-cased (see ``StatusReader.status``).
_LOWER_RUNS = bytes(ord(chr(b).lower()) if chr(b).isalnum() and b < 128 else 0x20
                    for b in range(256))
# "May" capitalised inside a sentence or before a number is the month or a name ("BAMAKO,
# May 12 -", "Theresa May said"), not the modal verb
_APART = re.compile(r"\b(?:last|next) year\b|\byears? ago\b", re.IGNORECASE)
_MAY_NOT_MODAL = re.compile(r"(?<=[\w,] )May\b|\bMay\b(?!\s+[a-z])")
_SPACE = re.compile(r"\s")
_AFTER_STOPS = frozenset({".", ";", ",", ":"})
# Windows tried first: they hold STATUS_WINDOW (AFTER_WINDOW) words of news text, and the
# full windows are read when they do not (the answer is the same either way).
_NEAR_CHARS = 80
_NEAR_AFTER_CHARS = 32
_CLAUSE_BREAK = frozenset({";", ":", "—", "–", "but", "while", "whereas", "although", "though",
                           "because", "after", "before", "since"})


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    status: str
    position: str


def _runs(word: str) -> list[bytes]:
    """The runs of letters and digits of a cue word ("won't": "won", "t"), as ASCII."""
    return word.encode("ascii").translate(_LOWER_RUNS).split()


def _first_run(word: str) -> bytes:
    return _runs(word)[0]


# (a test subclass reads without the cue gate, to compare)
@mypyc_attr(allow_interpreted_subclasses=True)
class StatusReader:
    """Reads an event's status from the words around its trigger."""

    def __init__(self, table: Any) -> None:
        self.before: dict[str, list[_Cue]] = {}
        self.after: dict[str, list[_Cue]] = {}
        for r in table.rows:
            words = tuple(str(r["phrase"]).split())
            cue = _Cue(words, str(r["status"]), str(r["position"]))
            index = self.before if cue.position == "before" else self.after
            index.setdefault(words[0], []).append(cue)
        for index in (self.before, self.after):
            for cues in index.values():
                cues.sort(key=lambda c: len(c.words), reverse=True)
        # the longest word of each cue after a trigger: a window without any of them (as a
        # substring) holds no such cue, which most windows show with a few substring tests
        self._after_gates = tuple(sorted({max(c.words, key=len) for cues in self.after.values()
                                          for c in cues}))
        self._after_runs = frozenset(_first_run(w) for w in self._after_gates)
        # first run of a cue before a trigger -> the runs of all the words of each cue it
        # opens: a window holds such a cue only if it holds all of them ("is expected to"
        # needs "is", "expected" and "to"; most windows that hold "was" or "is" hold no cue)
        self._before_needs: dict[bytes, list[frozenset[bytes]]] = {}
        for first, cues in self.before.items():
            for c in cues:
                self._before_needs.setdefault(_first_run(first), []).append(
                    frozenset(r for w in c.words for r in _runs(w)))
        self._before_runs = frozenset(self._before_needs)

    @staticmethod
    def runs(text: str) -> tuple[bytes, bytes] | None:
        """What ``status`` reads of a text for each of its triggers: the text in ASCII
        ("?" for other characters) and its ASCII letters and digits lower-cased, every
        other character a space. A word of ASCII letters that the lower-cased text holds
        is a run of the latter (characters beyond ASCII only cut runs in more pieces),
        unless one of the two characters that ``str.lower`` turns into an ASCII letter
        stands in the text (None then)."""
        if not text.isascii() and ("\u0130" in text or "\u212a" in text):
            return None
        raw = text.encode("ascii", "replace")
        return raw, raw.translate(_LOWER_RUNS)

    def status(self, text: str, sent_start: int, trig_start: int, trig_end: int,
               runs: tuple[bytes, bytes] | None = None) -> str | None:
        """The status cue nearest the trigger in its clause, or None (``runs``: see
        ``runs``). Most triggers have no cue near them, which shows without their words
        being read: no run of letters and digits among the last STATUS_WINDOW chunks
        before the trigger is a cue's first word or its part before an apostrophe, nor
        one in the window after it a cue's longest word (a word a cue matches is such a
        run)."""
        tail = lo = max(sent_start, trig_start - STATUS_CHARS)
        if runs is None:
            seg = text[trig_end:trig_end + AFTER_CHARS]
            after_runs = seg.encode("ascii").translate(_LOWER_RUNS) if seg.isascii() \
                else None
            seg = text[lo:trig_start]
            before_runs = seg.encode("ascii").translate(_LOWER_RUNS) if seg.isascii() \
                else None
        else:
            raw, lowered = runs
            after_runs = lowered[trig_end:trig_end + AFTER_CHARS]
            # the last STATUS_WINDOW words lie in the last as many chunks between white
            # space (ASCII white space: the others only join chunks)
            chunks = raw[lo:trig_start].rsplit(None, STATUS_WINDOW)
            tail = lo + len(chunks[0]) if len(chunks) > STATUS_WINDOW else lo
            before_runs = lowered[tail:trig_start]
        if after_runs is None or not self._after_runs.isdisjoint(after_runs.split()):
            after = self._after_status(text, trig_end)
            if after is not None:
                return after
        if before_runs is None:
            return self._before_status(self._before_tokens(text, sent_start, trig_start))
        found = before_runs.split()
        firsts = self._before_runs.intersection(found)
        if not firsts or not self._may_hold_cue(firsts, found):
            return None
        seg = text[tail:trig_start]
        if "May" in seg:
            return self._before_status(self._before_tokens(text, sent_start, trig_start))
        # the words of those chunks: the last STATUS_WINDOW words of the window or more
        toks = _words(seg.lower())
        if tail == lo and lo > sent_start and toks:
            del toks[0]  # the window may cut the first word
        return self._before_status(toks)

    def _may_hold_cue(self, firsts: AbstractSet[bytes], found: list[bytes]) -> bool:
        """Whether the runs ``found`` in a window (``firsts``: those among them that open a
        cue before a trigger) hold every run of the words of a cue that one of them opens
        (else no cue stands in the window)."""
        present: frozenset[bytes] | None = None
        for first in firsts:
            for need in self._before_needs[first]:
                if len(need) == 1:
                    return True
                if present is None:
                    present = frozenset(found)
                if need <= present:
                    return True
        return False

    def _before_tokens(self, text: str, sent_start: int, trig_start: int) -> list[str]:
        """The words before the trigger (from at most STATUS_CHARS back; a word the window
        cuts is left out). Only the last STATUS_WINDOW count, so a shorter window that
        starts at a space and holds that many words gives the same answer for less work."""
        lo_char = max(sent_start, trig_start - STATUS_CHARS)
        near = trig_start - _NEAR_CHARS
        if near > lo_char:
            space = _SPACE.search(text, near, trig_start)
            if space is not None and not text[lo_char:space.start()].isspace():
                toks = _words(_lowered(text, space.start(), trig_start))
                if len(toks) >= STATUS_WINDOW:
                    return toks
        toks = _words(_lowered(text, lo_char, trig_start))
        if lo_char > sent_start and toks:
            toks = toks[1:]  # the window may cut the first word
        return toks

    def _before_status(self, toks: list[str]) -> str | None:
        n = len(toks)
        # the trigger's clause: after the last clause break (only the last STATUS_WINDOW
        # words are read, so a break before them changes nothing)
        i = first = max(0, n - STATUS_WINDOW)
        for k in range(n - 1, first - 1, -1):
            if toks[k] in _CLAUSE_BREAK:
                i = k + 1
                break
        best: str | None = None
        before = self.before
        while i < n:
            cue = self._match(before, toks, i) if toks[i] in before else None
            if cue is None:
                i += 1
                continue
            gap = n - (i + len(cue.words))
            window = NEGATION_WINDOW if cue.status == "negated" else STATUS_WINDOW
            if gap <= window:
                best = cue.status  # later cues are nearer the trigger
            i += len(cue.words)
        return best

    def _after_status(self, text: str, trig_end: int) -> str | None:
        """The status of a cue among the first AFTER_WINDOW words after the trigger. Most
        triggers have none: a window without the longest word of any cue (a substring
        test) or a short window shows that before the full one is read."""
        if not any(map(text[trig_end:trig_end + AFTER_CHARS].lower().__contains__,
                       self._after_gates)):
            return None
        hi = trig_end + _NEAR_AFTER_CHARS
        toks = _words(text[trig_end:hi].lower())
        if hi < len(text) and not text[hi].isspace() and toks:
            toks.pop()  # the window may cut the last word
        after = self.after
        for i in range(AFTER_WINDOW):
            if i == len(toks):
                break  # too few words seen: read the full window
            if toks[i] in _AFTER_STOPS:
                return None
            if toks[i] in after:
                break
        else:
            return None
        toks = _words(text[trig_end:trig_end + AFTER_CHARS].lower())
        for i in range(min(AFTER_WINDOW, len(toks))):
            if toks[i] in _AFTER_STOPS:
                break
            cue = self._match(after, toks, i) if toks[i] in after else None
            if cue is not None:
                return cue.status
        return None

    @staticmethod
    def _match(index: dict[str, list[_Cue]], toks: list[str], i: int) -> _Cue | None:
        for cue in index.get(toks[i], ()):
            if tuple(toks[i:i + len(cue.words)]) == cue.words:
                return cue
        return None


class FacetStage:
    """Completes each event's date, fatalities, quantities, status and attribution."""

    name: ClassVar[str] = "event_facets.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("events",)
    requires: ClassVar[tuple[str, ...]] = ("events", "dates", "quantities", "attributions")

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        lex = resources.lexicons
        self.status_reader = StatusReader(lex.table("status_cues.tsv", STATUS_COLUMNS))
        self.counter = FatalityCounter(lex, compile_regex=resources.regexes.compile)
        cues = lex.table("attribution_cues.tsv", CUE_COLUMNS)
        self.cue_status = {" ".join(str(r["form"]).split()): r["status"] for r in cues.rows
                           if r["status"]}
        relative = lex.table("dates_relative.tsv", RELATIVE_COLUMNS)
        self.future_phrases = frozenset(" ".join(str(r["phrase"]).split()) for r in relative.rows
                                        if r["tense"] == "future")
        self._past_tense: dict[str, bool] = {}  # trigger -> _past_tense(trigger), remembered
        # a word of each grievance phrase of the counter, shortened to what its forms share
        self._grievance_stems = _stems(max(phrase, key=len) for phrases in
                                       self.counter.phrases.get("grievance", {}).values()
                                       for phrase in phrases)
        ana = lex.table("attribution_anaphora.tsv", ANAPHORA_COLUMNS)
        self.anaphora = resources.regexes.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:" +
                                   "|".join(sorted(str(r["noun"]) for r in ana.rows)) + r")\b",
                                   re.I)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        ctx = _Context(doc)
        facet = self._facet
        return with_fields(doc, events=tuple([facet(doc, ctx, e) for e in doc.events]))

    # ------------------------------------------------------------------ one event
    def _facet(self, doc: Document, ctx: _Context, e: Event) -> Event:
        ev = e.evidence
        facts = ctx.facts.get((ev.start, ev.end))
        if facts is None:
            facts = ctx.sentence_facts(ev)
        sent_i, s_start, s_end = facts.i, facts.start, facts.end
        trig = e.trigger or ev
        t = trig.start
        found = self.status_reader.status(doc.text, s_start, t, trig.end, ctx.runs)
        status = found or (e.status if e.status in STATUSES else "reported")
        if status == "reported":
            past = self._past_tense.get(trig.text)
            if past is None:
                past = self._remember_past_tense(trig.text)
            if not past:
                if facts.future is None:
                    facts.future = self._future_in_sentence(doc, ctx, s_start, s_end)
                if facts.future:
                    status = "predicted"  # "next week", "in the coming days", a later date
        if doc.attributions:
            if s_start <= t < s_end:
                near = facts.attributions
                if near is None:
                    near = facts.attributions = self._sentence_attributions(
                        ctx, sent_i, s_start, s_end)
                # a trigger inside the sentence: only attributions whose content overlaps
                # it can cover the trigger
                chosen = [span for span in near if span[3] or span[1] <= t < span[2]] \
                    if near else near
            else:
                # a trigger outside the sentence: those that hold for the whole sentence or
                # whose content covers it
                chosen = [span for span in self._sentence_attributions(
                    ctx, sent_i, s_start, s_end, everyone=True)
                    if span[3] or span[1] <= t < span[2]]
            if found is None and status == "reported":
                for _, q_start, q_end, _, lent in chosen:
                    if lent and q_start <= t < q_end:
                        status = lent
                        break
            attributions = tuple([span[0] for span in chosen]) if chosen else ()
        else:
            attributions = ()
        # events of one sentence share its date: the status only decides between a past
        # and a future reading
        if status in _PAST_STATUSES:
            rng = facts.past_date
            if rng is _UNSEEN:
                rng = facts.past_date = self._date(doc, ctx, sent_i, s_start, s_end, True)
        else:
            rng = facts.future_date
            if rng is _UNSEEN:
                rng = facts.future_date = self._date(doc, ctx, sent_i, s_start, s_end, False)
        confidence = e.confidence
        if status not in FACTUAL_STATUSES:
            confidence *= NON_FACTUAL_DISCOUNT
        published = doc.published
        if (published is not None and rng is not None and rng.end is not None
                and (published - rng.end).days >= STALE_DAYS):
            confidence *= STALE_DISCOUNT
        sub = e.acled_sub_event_type
        if (sub in _VIOLENT_SUBS) if sub else (e.event_type in VIOLENT_PLOVER):
            span = facts.deaths_span
            if span is None:
                span = facts.deaths_span = ctx.deaths_span(sent_i, s_start, s_end)
            # a protest's deaths may be its cause (not those of force used on protesters:
            # "fired live rounds at people protesting ..., killing two")
            key = (span[0], span[1],
                   e.event_type not in VIOLENT_PLOVER and sub != EXCESSIVE_FORCE)
            if key in ctx.fatalities:
                fatalities = ctx.fatalities[key]
            else:
                fatalities = ctx.fatalities[key] = self._deaths(doc.text, ctx, key)
        else:
            fatalities = None
        quantities = facts.quantities
        if quantities is None:
            quantities = facts.quantities = ctx.quantities_in_scope(sent_i, s_start, s_end)
        # (``dataclasses.replace``, done faster: see _EVENT_FIELDS)
        return _EVENT(e.doc_id, e.event_type, e.evidence, e.mode, e.context, sub, e.actor1,
                     e.actor2, e.location, rng, fatalities, quantities or e.quantities, status,
                     attributions, confidence, e.trigger,
                     e.extractor, e.extractor_version)

    def _deaths(self, text: str, ctx: _Context, key: tuple[int, int, bool]) -> int | None:
        """The deaths stated in text[start:end] (key: start, end, whether the sentences
        that give a protest's cause are left out). Without a grievance word in the span
        none is left out: the count is the other one's."""
        start, end, grievances = key
        if grievances and not any(map(text[start:end].lower().__contains__,
                                      self._grievance_stems)):
            plain = (start, end, False)
            if plain not in ctx.fatalities:
                ctx.fatalities[plain] = self.counter.count(text, start, end, False)
            return ctx.fatalities[plain]
        return self.counter.count(text, start, end, grievances)

    def _remember_past_tense(self, trigger: str) -> bool:
        if len(self._past_tense) >= PAST_TENSE_MEMO:
            self._past_tense.clear()
        found = self._past_tense[trigger] = _past_tense(trigger)
        return found

    def _ahead_phrase(self, d: DateRange) -> bool:
        """Whether a date is told by a phrase that points ahead ("in the coming days")."""
        m = d.mention
        return m is not None and " ".join(m.text.lower().split()) in self.future_phrases

    def _future_in_sentence(self, doc: Document, ctx: _Context, s_start: int,
                            s_end: int) -> bool:
        for d in ctx.dates_in(s_start, s_end):
            if d.mention is None:
                continue
            if self._ahead_phrase(d):
                return True  # known to point ahead even with no published date
            if doc.published and d.start and d.start > doc.published:
                return True
        return False

    def _date(self, doc: Document, ctx: _Context, sent_i: int, s_start: int, s_end: int,
              past: bool) -> DateRange | None:
        found = ctx.dates_in(s_start, s_end)
        # (most sentences hold no date: no list is made for them)
        in_sentence = [d for d in found if d.start is not None] if found else found
        if past:
            # a phrase pointing past the report ("warned of attacks in the coming days")
            # dates what is expected, not the deed; read a year back it dated nothing
            if in_sentence:
                in_sentence = [d for d in in_sentence if not self._ahead_phrase(d)
                               and not _date_of_occasion(doc.text, d)]
            anchor = ctx.anchor_before(s_start, sent_i)
            if in_sentence:
                best = min(in_sentence, key=lambda d: _PRECISION_RANK.get(d.precision, 9))
                if anchor is not None and best.precision in ("month", "year") and \
                        anchor.precision in ("day", "week") and not _told_apart(best) and (
                            best.start <= anchor.start <= best.end or  # type: ignore[operator]
                            ctx.same_paragraph(anchor, sent_i)):
                    # "in March" after "On 3 March 2022,": the day is known; "killed in 1988"
                    # in a note dated by its opening words is background
                    return anchor
                first = in_sentence[0] if in_sentence[0].precision in ("day", "week") else best
                return _year_back(first, doc.published)
            if anchor is not None:
                return anchor
            if doc.published is not None:
                return _DATE_RANGE(doc.published, doc.published, "day", None)
            return None
        # a prediction's date lies ahead: a past date in its sentence is when it was said
        future = [d for d in in_sentence if doc.published is None or d.end is None or
                  d.end >= doc.published]
        return future[0] if future else None

    def _sentence_attributions(self, ctx: _Context, sent_i: int, s_start: int, s_end: int,
                               everyone: bool = False) -> list[_AttributionSpan]:
        """(attribution, content start, content end, whether it holds for every event of
        the sentence: its cue stands in the sentence, or it stands in the next one and its
        content refers back, "An official described the engagement as limited", the
        status its cue lends), for those that hold or whose content overlaps the sentence
        (``everyone``: for all)."""
        nxt = ctx.next_in_paragraph(sent_i)
        out: list[_AttributionSpan] = []
        for a, cue_start, q_start, q_end, lent in ctx.attribution_spans(self.cue_status):
            # (a passive cue's unnamed source says only what its content holds: "police
            # arrested 35 people after the results were announced")
            always = (a.source is not None or a.quote is None) and s_start <= cue_start < s_end or (
                nxt is not None and nxt[0] <= cue_start < nxt[1] and a.quote is not None
                and ctx.refers_back(a, self.anaphora))
            if everyone or always or (q_start < s_end and q_end > s_start):
                out.append((a, q_start, q_end, always, lent))
        return out


# Past forms of verbs that do not end in "-ed" and are frequent event triggers.
_IRREGULAR_PAST = frozenset("""struck shot fought took overran stole threw beat broke
drove fell fled began met held sent led made blew burnt hid bit won lost swept
froze rode ran sank slew stung tore wrote spoke""".split())
_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b")

# Statuses whose event's date lies in the past (or would have).
_PAST_STATUSES = frozenset(FACTUAL_STATUSES) | {"negated", "denied"}
# (attribution, content start, content end, whether it holds for every event of a sentence)
# (attribution, content start, content end, whether it holds for every event of a sentence,
# the status its cue lends or None)
_AttributionSpan = tuple[Attribution, int, int, bool, "str | None"]
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_UNSEEN = object()  # a cache's mark for a key not computed yet (None is a value)

# Event's fields in constructor order: ``FacetStage._facet`` builds the changed copy with one
# positional call (half the work of ``dataclasses.replace``, run for every event).
_EVENT_FIELDS = ("doc_id", "event_type", "evidence", "mode", "context", "acled_sub_event_type",
                 "actor1", "actor2", "location", "date", "fatalities", "quantities", "status",
                 "attribution", "confidence", "trigger", "extractor", "extractor_version")
if tuple(f.name for f in fields(Event)) != _EVENT_FIELDS:  # pragma: no cover
    raise ImportError("sitroom.model.Event changed: update facets._EVENT_FIELDS and _facet")


# "following last week's coup", "after Sunday's vote": a date that only says when the
# occasion of the event was (its possessive after a preposition of sequence or cause)
_OCCASION_BEFORE = re.compile(r"\b(?:following|after|since|before|ahead\s+of|in\s+the\s+wake\s+of|"
                              r"in\s+response\s+to|in\s+retaliation\s+for|over|amid)\s+(?:the\s+)?$",
                              re.IGNORECASE)
OCCASION_REACH = 30  # chars before the date: the preposition and an article


def _date_of_occasion(text: str, d: DateRange) -> bool:
    m = d.mention
    return (m is not None and text[m.end:m.end + 2] in ("'s", "’s")
            and _OCCASION_BEFORE.search(text, max(0, m.start - OCCASION_REACH), m.start)
            is not None)


def _stems(words: Any) -> tuple[str, ...]:
    """The words, each left out where a shorter one is part of it (a text holding a word
    holds that part): what a substring test for any of them needs."""
    found = sorted(set(words), key=len)
    out: list[str] = []
    for w in found:
        if not any(part in w for part in out):
            out.append(w)
    return tuple(out)


def _past_tense(trigger: str) -> bool:
    """Whether a trigger's last word is a verb's past form ("shelled", "struck"): what it
    reports was done, whatever year a date without one was read in."""
    word = trigger.rsplit(None, 1)[-1].lower() if trigger.strip() else ""
    return word.endswith("ed") or word in _IRREGULAR_PAST


def _year_back(d: DateRange, published: date | None) -> DateRange:
    """A past event's date written without its year ("On March 3, troops shelled ...")
    read after the published date lies in the year before."""
    if published is None or d.start is None or d.end is None or d.start <= published or \
            d.mention is None or _YEAR.search(d.mention.text) or \
            d.precision not in ("day", "week", "month"):
        return d
    start, end = _minus_year(d.start), _minus_year(d.end)
    return d if end > published else _DATE_RANGE(start, end, d.precision, d.mention)


def _minus_year(d: date) -> date:
    return d.replace(year=d.year - 1, day=min(d.day, 28)) if (d.month, d.day) == (2, 29) \
        else d.replace(year=d.year - 1)


def _told_apart(d: DateRange) -> bool:
    """A date said to lie a year or more away ("in April last year", "two years ago"):
    its own, not the day a report opens with."""
    return d.mention is not None and _APART.search(d.mention.text) is not None


def _lowered(text: str, start: int, end: int) -> str:
    """text[start:end] lower-cased for the status cues, the month "May" kept apart."""
    seg = text[start:end]
    if "May" in seg:
        seg = _MAY_NOT_MODAL.sub("Mai", seg)
    return seg.lower()


class _SentenceFacts:
    """What the events of one sentence share, computed for the first that needs it."""

    __slots__ = ("i", "start", "end", "attributions", "future", "past_date", "future_date",
                 "quantities", "deaths_span")

    def __init__(self, i: int, start: int, end: int) -> None:
        self.i, self.start, self.end = i, start, end  # sentence index, span
        self.attributions: list[_AttributionSpan] | None = None  # see _sentence_attributions
        self.future: bool | None = None  # whether a date of the sentence lies ahead
        self.past_date: Any = _UNSEEN  # the date of an event of the past (or None)
        self.future_date: Any = _UNSEEN  # the date of a prediction (or None)
        self.quantities: tuple[Quantity, ...] | None = None
        self.deaths_span: tuple[int, int] | None = None  # see _Context.deaths_span


class _Context:
    """Sentence, paragraph, date and attribution indexes of one document, and what events
    of one sentence share (remembered for the next event)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.runs = StatusReader.runs(doc.text)
        self.published = doc.published
        self.sents = sents = doc.sentences
        self.starts = [s.start for s in sents]
        # paragraph number of each sentence (never decreasing): a blank line (or a line
        # break) separates them
        text = doc.text
        self.para: list[int] = []
        p = 0
        prev_end = 0
        for s in sents:
            if text.find("\n", prev_end, s.start) >= 0:
                p += 1
            self.para.append(p)
            prev_end = s.end
        self.quantities = sorted((q for q in doc.quantities if q.mention is not None),
                                 key=lambda q: q.mention.start)  # type: ignore[union-attr]
        self.quantity_starts = [q.mention.start for q in self.quantities]  # type: ignore[union-attr]
        self.fatalities: dict[tuple[int, int, bool], int | None] = {}
        # (evidence start, evidence end) -> what the events of that sentence share
        self.facts: dict[tuple[int, int], _SentenceFacts] = {}
        self._dates_in: dict[tuple[int, int], list[DateRange]] = {}
        # built when first asked for (see the methods that use them)
        self._mentioned: list[DateRange] | None = None
        self._mentioned_starts: list[int] | None = None
        self._anchors: list[DateRange] | None = None
        self._anchor_starts: list[int] = []
        self._last_precise: list[int] = []
        self._attribution_spans: list[tuple[Attribution, int, int, int, str | None]] | None = None
        self._refers_back: dict[int, bool] = {}

    # ------------------------------------------------------------------ sentences
    def sentence_facts(self, evidence: Mention) -> _SentenceFacts:
        """The facts shared by the events whose evidence is this span: those of the
        sentence it starts in, the span widened to cover the evidence."""
        starts = self.starts
        if not starts:
            facts = _SentenceFacts(0, evidence.start, evidence.end)
        else:
            i = bisect.bisect_right(starts, evidence.start) - 1
            if i < 0:
                i = 0
            s = self.sents[i]
            facts = _SentenceFacts(i, s.start if s.start < evidence.start else evidence.start,
                                   s.end if s.end > evidence.end else evidence.end)
        self.facts[evidence.start, evidence.end] = facts
        return facts

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def paragraph(self, i: int) -> tuple[int, int, int]:
        """(start, end, number of sentences) of the paragraph of sentence i."""
        if not self.starts:
            return 0, len(self.doc.text), 1
        p = self.para[i]
        lo = bisect.bisect_left(self.para, p)
        hi = bisect.bisect_right(self.para, p) - 1
        return self.sents[lo].start, self.sents[hi].end, hi - lo + 1

    def deaths_span(self, i: int, start: int, end: int) -> tuple[int, int]:
        """Where the deaths of a violent event of sentence i (span start..end) are read: its
        paragraph, or its sentence in a long paragraph."""
        p_start, p_end, n_sent = self.paragraph(i)
        return (p_start, p_end) if n_sent <= NOTE_MAX_SENTENCES else (start, end)

    def same_paragraph(self, d: DateRange, i: int) -> bool:
        if d.mention is None or not self.starts:
            return False
        return self.para[self.sentence_index(d.mention.start)] == self.para[i]

    def next_in_paragraph(self, i: int) -> tuple[int, int] | None:
        if i + 1 >= len(self.para) or self.para[i + 1] != self.para[i]:
            return None
        s = self.sents[i + 1]
        return s.start, s.end

    # ------------------------------------------------------------------ quantities
    def quantities_in_scope(self, i: int, start: int, end: int) -> tuple[Quantity, ...]:
        """The quantities of sentence i (span start..end) and of the list items it opens."""
        if not self.quantity_starts:
            return ()
        last = self.doc.text[end - 1:end]
        if last and last != ":" and not last.isspace():
            # (most sentences end in a mark other than a colon: the scope is the sentence)
            return self.quantities_between(start, end)
        return self.quantities_between(start, self.scope_end(i, end))

    def quantities_between(self, start: int, end: int) -> tuple[Quantity, ...]:
        lo = bisect.bisect_left(self.quantity_starts, start)
        hi = bisect.bisect_left(self.quantity_starts, end)
        return tuple(self.quantities[lo:hi])

    def scope_end(self, i: int, end: int) -> int:
        """End of a sentence's scope: a sentence ending in a colon ("aid to Russia,
        including:") also covers the short list items that follow it."""
        text, sents = self.doc.text, self.sents
        if not sents:
            return end
        k = end - 1  # the last character before end that is not white space
        while k >= 0 and text[k].isspace():
            k -= 1
        if k < 0 or text[k] != ":":
            return end
        k = i + 1
        while k < len(sents) and len(sents[k].text) <= LIST_ITEM_MAX_CHARS and \
                not sents[k].text.endswith((".", ":", "?", "!")):
            end = sents[k].end
            k += 1
        return end

    # ------------------------------------------------------------------ dates
    def dates_in(self, start: int, end: int) -> list[DateRange]:
        """The dates whose mention starts in [start, end), in document order (events of
        one sentence share the list)."""
        found = self._dates_in.get((start, end))
        if found is None:
            if self._mentioned is None:
                self._mentioned = [d for d in self.doc.dates if d.mention]
                at = [d.mention.start for d in self._mentioned]  # type: ignore[union-attr]
                # the date stage gives them in text order: found by bisection then
                self._mentioned_starts = at if at == sorted(at) else None
            mentioned_starts = self._mentioned_starts
            if mentioned_starts is not None:
                found = self._mentioned[bisect.bisect_left(mentioned_starts, start):
                                        bisect.bisect_left(mentioned_starts, end)]
            else:
                found = [d for d in self._mentioned
                         if start <= d.mention.start < end]  # type: ignore[union-attr]
            self._dates_in[start, end] = found
        return found

    def anchor_before(self, pos: int, i: int | None = None) -> DateRange | None:
        """The date a sentence at pos inherits: the date opening its paragraph ("On 3
        January 2022, ..."), else the nearest resolved date before it, preferring day or
        week precision; never one after the published date. ``i``: the index of the
        sentence at pos (``sentence_index(pos)``), when known."""
        anchors = self._anchors
        if anchors is None:
            anchors = self._index_anchors()
        starts = self._anchor_starts
        k = bisect.bisect_left(starts, pos)  # anchors[:k]: those before pos
        if not k:
            return None
        if self.starts:
            if i is None:
                i = self.sentence_index(pos)
            s = self.sents[bisect.bisect_left(self.para, self.para[i])]
            for j in range(bisect.bisect_left(starts, s.start),
                           min(k, bisect.bisect_left(starts, s.end))):
                if anchors[j].precision in ("day", "week"):
                    return anchors[j]
        j = self._last_precise[k - 1]
        return anchors[j if j >= 0 else k - 1]

    def _index_anchors(self) -> list[DateRange]:
        """The resolved dates (not after the published date) in text order, their
        starts, and for each the index of the last one of day or week precision up to it
        (-1 for none)."""
        pub = self.published
        anchors = sorted((d for d in self.doc.dates if d.mention and d.start is not None and
                          (pub is None or d.start <= pub)),
                         key=lambda d: d.mention.start)  # type: ignore[union-attr]
        self._anchor_starts = [d.mention.start for d in anchors]  # type: ignore[union-attr]
        last = -1
        for j, d in enumerate(anchors):
            if d.precision in ("day", "week"):
                last = j
            self._last_precise.append(last)
        self._anchors = anchors
        return anchors

    # ------------------------------------------------------------------ attributions
    def attribution_spans(self, cue_status: dict[str, str]
                          ) -> list[tuple[Attribution, int, int, int, str | None]]:
        """(attribution, cue start, content start, content end, the status its cue lends),
        -1 where absent."""
        if self._attribution_spans is None:
            self._attribution_spans = [
                (a, a.cue.start if a.cue else -1, a.quote.start if a.quote else -1,
                 a.quote.end if a.quote else -1,
                 cue_status.get(" ".join(a.cue.text.lower().split())) if a.cue else None)
                for a in self.doc.attributions]
        return self._attribution_spans

    def refers_back(self, a: Attribution, anaphora: re.Pattern[str]) -> bool:
        """Whether an attribution's content refers back to an event ("the attack")."""
        found = self._refers_back.get(id(a))
        if found is None:
            found = self._refers_back[id(a)] = \
                anaphora.search(a.quote.text) is not None  # type: ignore[union-attr]
        return found
