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
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter
from typing import Any, ClassVar

from ..config import Settings
from ..lexicons import Column
from ..model import Attribution, DateRange, Document, Event, Mention, Quantity
from ..vocab import ACLED_EVENT_TYPE_OF, FACTUAL_STATUSES, STATUSES
from .attribution import CUE_COLUMNS
from .dates import RELATIVE_COLUMNS
from .quantities import FatalityCounter
from .wordscan import chunk_tokenizer

__all__ = ["FacetStage", "StatusReader"]

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

_WORD = re.compile(r"\w[\w'’-]*|[^\w\s]")
_words = chunk_tokenizer(_WORD, str.isalnum)  # _WORD.findall, cheaper
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
        self._after_firsts = tuple(self.after)

    def status(self, text: str, sent_start: int, trig_start: int, trig_end: int) -> str | None:
        """The status cue nearest the trigger in its clause, or None."""
        after = self._after_status(text, trig_end)
        if after is not None:
            return after
        return self._before_status(self._before_tokens(text, sent_start, trig_start))

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
        triggers have none: a window without the first word of any cue (a substring test)
        or a short window shows that before the full one is read."""
        if not any(map(text[trig_end:trig_end + AFTER_CHARS].lower().__contains__,
                       self._after_firsts)):
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
        self.counter = FatalityCounter(lex)
        cues = lex.table("attribution_cues.tsv", CUE_COLUMNS)
        self.cue_status = {" ".join(str(r["form"]).split()): r["status"] for r in cues.rows
                           if r["status"]}
        relative = lex.table("dates_relative.tsv", RELATIVE_COLUMNS)
        self.future_phrases = frozenset(" ".join(str(r["phrase"]).split()) for r in relative.rows
                                        if r["tense"] == "future")
        ana = lex.table("attribution_anaphora.tsv", ANAPHORA_COLUMNS)
        self.anaphora = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:" +
                                   "|".join(sorted(str(r["noun"]) for r in ana.rows)) + r")\b",
                                   re.I)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        ctx = _Context(doc)
        events = tuple(self._facet(doc, ctx, e) for e in doc.events)
        return replace(doc, events=events)

    # ------------------------------------------------------------------ one event
    def _facet(self, doc: Document, ctx: _Context, e: Event) -> Event:
        sent_i = ctx.sentence_index(e.evidence.start)
        s_start, s_end = ctx.sentence_span(sent_i, e.evidence)
        trig = e.trigger or e.evidence
        found = self.status_reader.status(doc.text, s_start, trig.start, trig.end)
        status = found or (e.status if e.status in STATUSES else "reported")
        if status == "reported" and not _past_tense(trig.text) and \
                self._future_cached(doc, ctx, s_start, s_end):
            status = "predicted"  # "next week", "in the coming days", a date after publication
        attributions = self._attributions(doc, ctx, sent_i, s_start, s_end, trig)
        if found is None and status == "reported":
            for a in attributions:
                lent = self.cue_status.get(" ".join(a.cue.text.lower().split())) if a.cue else None
                if lent and a.quote and a.quote.start <= trig.start < a.quote.end:
                    status = lent
                    break
        # events of one sentence share its date: the status only decides between a past
        # and a future reading
        key = (sent_i, s_start, s_end, status in _PAST_STATUSES)
        if key in ctx.date_of:
            rng = ctx.date_of[key]
        else:
            rng = ctx.date_of[key] = self._date(doc, ctx, sent_i, s_start, s_end, status)
        confidence = e.confidence
        if status not in FACTUAL_STATUSES:
            confidence *= NON_FACTUAL_DISCOUNT
        if (doc.published is not None and rng is not None and rng.end is not None
                and (doc.published - rng.end).days >= STALE_DAYS):
            confidence *= STALE_DISCOUNT
        return _updated(
            e, date=rng, status=status, attribution=attributions, confidence=confidence,
            fatalities=self._fatalities(doc, ctx, e, sent_i, s_start, s_end),
            quantities=ctx.quantities_in_scope(sent_i, s_start, s_end) or e.quantities)

    def _future_cached(self, doc: Document, ctx: _Context, s_start: int, s_end: int) -> bool:
        key = (s_start, s_end)
        found = ctx.future_of.get(key)
        if found is None:
            found = ctx.future_of[key] = self._future_in_sentence(doc, ctx, s_start, s_end)
        return found

    def _future_in_sentence(self, doc: Document, ctx: _Context, s_start: int,
                            s_end: int) -> bool:
        for d in ctx.dates_in(s_start, s_end):
            m = d.mention
            if m is None:
                continue
            if " ".join(m.text.lower().split()) in self.future_phrases:
                return True  # known to point ahead even with no published date
            if doc.published and d.start and d.start > doc.published:
                return True
        return False

    def _date(self, doc: Document, ctx: _Context, sent_i: int, s_start: int, s_end: int,
              status: str) -> DateRange | None:
        in_sentence = [d for d in ctx.dates_in(s_start, s_end) if d.start is not None]
        if status in _PAST_STATUSES:
            anchor = ctx.anchor_before(s_start, doc.published)
            if in_sentence:
                best = min(in_sentence, key=lambda d: _PRECISION_RANK.get(d.precision, 9))
                if anchor is not None and best.precision in ("month", "year") and \
                        anchor.precision in ("day", "week") and not _told_apart(best) and (
                            best.start <= anchor.start <= best.end or
                            ctx.same_paragraph(anchor, sent_i)):
                    # "in March" after "On 3 March 2022,": the day is known; "killed in 1988"
                    # in a note dated by its opening words is background
                    return anchor
                first = in_sentence[0] if in_sentence[0].precision in ("day", "week") else best
                return _year_back(first, doc.published)
            if anchor is not None:
                return anchor
            if doc.published is not None:
                return DateRange(doc.published, doc.published, "day", None)
            return None
        # a prediction's date lies ahead: a past date in its sentence is when it was said
        future = [d for d in in_sentence if doc.published is None or d.end is None or
                  d.end >= doc.published]
        return future[0] if future else None

    def _fatalities(self, doc: Document, ctx: _Context, e: Event, sent_i: int, s_start: int,
                    s_end: int) -> int | None:
        if not _violent(e):
            return None
        p_start, p_end, n_sent = ctx.paragraph(sent_i)
        grievances = e.event_type not in VIOLENT_PLOVER  # a protest's deaths may be its cause
        span = (p_start, p_end) if n_sent <= NOTE_MAX_SENTENCES else (s_start, s_end)
        key = (*span, grievances)
        if key not in ctx.fatalities:
            ctx.fatalities[key] = self.counter.count(doc.text, span[0], span[1], grievances)
        return ctx.fatalities[key]

    def _attributions(self, doc: Document, ctx: _Context, sent_i: int, s_start: int, s_end: int,
                      trig: Mention) -> tuple[Attribution, ...]:
        if not doc.attributions:
            return ()
        key = (sent_i, s_start, s_end)
        spans = ctx.attributions_of.get(key)
        if spans is None:
            spans = ctx.attributions_of[key] = self._sentence_attributions(
                ctx, sent_i, s_start, s_end)
        t = trig.start
        near, every = spans
        # a trigger inside the sentence: only attributions whose content overlaps it
        # can cover the trigger
        candidates = near if s_start <= t < s_end else every
        return tuple(a for a, q_start, q_end, always in candidates
                     if always or q_start <= t < q_end)

    def _sentence_attributions(self, ctx: _Context, sent_i: int, s_start: int, s_end: int
                               ) -> tuple[list[_AttributionSpan], list[_AttributionSpan]]:
        """(attribution, content start, content end, whether it holds for every event of
        the sentence: its cue stands in the sentence, or it stands in the next one and its
        content refers back, "An official described the engagement as limited"), for
        those that hold or whose content overlaps the sentence, and for all."""
        nxt = ctx.next_in_paragraph(sent_i)
        near: list[_AttributionSpan] = []
        every: list[_AttributionSpan] = []
        for a, cue_start, q_start, q_end in ctx.attribution_spans():
            always = s_start <= cue_start < s_end or (
                nxt is not None and nxt[0] <= cue_start < nxt[1] and a.quote is not None
                and self.anaphora.search(a.quote.text) is not None)
            span = (a, q_start, q_end, always)
            every.append(span)
            if always or (q_start < s_end and q_end > s_start):
                near.append(span)
        return near, every


# Past forms of verbs that do not end in "-ed" and are frequent event triggers.
_IRREGULAR_PAST = frozenset("""struck shot fought took overran stole threw beat broke
drove fell fled began met held sent led made blew burnt hid bit won lost swept
froze rode ran sank slew stung tore wrote spoke""".split())
_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b")

# Statuses whose event's date lies in the past (or would have).
_PAST_STATUSES = frozenset(FACTUAL_STATUSES) | {"negated", "denied"}
# (attribution, content start, content end, whether it holds for every event of a sentence)
_AttributionSpan = tuple[Attribution, int, int, bool]
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}

# Event's fields in constructor order: ``_updated`` builds the changed copy positionally,
# ~2x faster than ``dataclasses.replace`` (which runs for every event of every document).
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_EVENT_VALUES = attrgetter(*_EVENT_FIELDS)
_EVENT_INDEX = {name: i for i, name in enumerate(_EVENT_FIELDS)}


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
    return d if end > published else DateRange(start, end, d.precision, d.mention)


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


def _updated(e: Event, **changes: Any) -> Event:
    """``dataclasses.replace(e, **changes)``, faster."""
    values = list(_EVENT_VALUES(e))
    for name, value in changes.items():
        values[_EVENT_INDEX[name]] = value
    return Event(*values)


def _violent(e: Event) -> bool:
    sub = e.acled_sub_event_type
    if sub:
        return ACLED_EVENT_TYPE_OF.get(sub) in VIOLENT_ACLED_TYPES or sub in VIOLENT_SUB_EVENTS
    return e.event_type in VIOLENT_PLOVER


class _Context:
    """Sentence, paragraph and date indexes of one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        text = doc.text
        # paragraph number of each sentence: a blank line (or a line break) separates them
        self.para: list[int] = []
        p = 0
        prev_end = 0
        for s in doc.sentences:
            if "\n" in text[prev_end:s.start]:
                p += 1
            self.para.append(p)
            prev_end = s.end
        self.dates = sorted((d for d in doc.dates if d.mention and d.start is not None),
                            key=lambda d: d.mention.start)  # type: ignore[union-attr]
        self.date_starts = [d.mention.start for d in self.dates]  # type: ignore[union-attr]
        self.fatalities: dict[tuple[int, int, bool], int | None] = {}
        self.quantities = sorted((q for q in doc.quantities if q.mention is not None),
                                 key=lambda q: q.mention.start)  # type: ignore[union-attr]
        self.quantity_starts = [q.mention.start for q in self.quantities]  # type: ignore[union-attr]
        self._attribution_spans: list[tuple[Attribution, int, int, int]] | None = None
        self._dates_in: dict[tuple[int, int], list[DateRange]] = {}
        # what events of one sentence share, remembered for the next event
        self.attributions_of: dict[tuple[int, int, int],
                                   tuple[list[_AttributionSpan], list[_AttributionSpan]]] = {}
        self.date_of: dict[tuple[int, int, int, bool], DateRange | None] = {}
        self.future_of: dict[tuple[int, int], bool] = {}
        self._quantities_of: dict[tuple[int, int, int], tuple[Quantity, ...]] = {}

    def dates_in(self, start: int, end: int) -> list[DateRange]:
        """The dates whose mention starts in [start, end), in document order (events of
        one sentence share the list)."""
        found = self._dates_in.get((start, end))
        if found is None:
            found = [d for d in self.doc.dates if d.mention and start <= d.mention.start < end]
            self._dates_in[start, end] = found
        return found

    def quantities_in_scope(self, i: int, start: int, end: int) -> tuple[Quantity, ...]:
        """The quantities of sentence i (span start..end) and of the list items it opens."""
        key = (i, start, end)
        found = self._quantities_of.get(key)
        if found is None:
            found = self._quantities_of[key] = self.quantities_between(
                start, self.scope_end(i, end))
        return found

    def quantities_between(self, start: int, end: int) -> tuple[Quantity, ...]:
        lo = bisect.bisect_left(self.quantity_starts, start)
        hi = bisect.bisect_left(self.quantity_starts, end)
        return tuple(self.quantities[lo:hi])

    def attribution_spans(self) -> list[tuple[Attribution, int, int, int]]:
        """(attribution, cue start, content start, content end), -1 where absent."""
        if self._attribution_spans is None:
            self._attribution_spans = [
                (a, a.cue.start if a.cue else -1, a.quote.start if a.quote else -1,
                 a.quote.end if a.quote else -1) for a in self.doc.attributions]
        return self._attribution_spans

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentence_span(self, i: int, evidence: Mention) -> tuple[int, int]:
        if not self.starts:
            return evidence.start, evidence.end
        s = self.doc.sentences[i]
        return min(s.start, evidence.start), max(s.end, evidence.end)

    def paragraph(self, i: int) -> tuple[int, int, int]:
        if not self.starts:
            return 0, len(self.doc.text), 1
        p = self.para[i]
        lo = i
        while lo > 0 and self.para[lo - 1] == p:
            lo -= 1
        hi = i
        while hi + 1 < len(self.para) and self.para[hi + 1] == p:
            hi += 1
        return self.doc.sentences[lo].start, self.doc.sentences[hi].end, hi - lo + 1

    def paragraph_first_sentence(self, i: int) -> tuple[int, int]:
        p = self.para[i]
        while i > 0 and self.para[i - 1] == p:
            i -= 1
        s = self.doc.sentences[i]
        return s.start, s.end

    def same_paragraph(self, d: DateRange, i: int) -> bool:
        if d.mention is None or not self.starts:
            return False
        return self.para[self.sentence_index(d.mention.start)] == self.para[i]

    def next_in_paragraph(self, i: int) -> tuple[int, int] | None:
        if i + 1 >= len(self.para) or self.para[i + 1] != self.para[i]:
            return None
        s = self.doc.sentences[i + 1]
        return s.start, s.end

    def scope_end(self, i: int, end: int) -> int:
        """End of a sentence's scope: a sentence ending in a colon ("aid to Russia,
        including:") also covers the short list items that follow it."""
        text, sents = self.doc.text, self.doc.sentences
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

    def anchor_before(self, pos: int, published: date | None = None) -> DateRange | None:
        """The date a sentence at pos inherits: the date opening its paragraph ("On 3
        January 2022, ..."), else the nearest resolved date before it, preferring day or
        week precision; never one after the published date."""
        k = bisect.bisect_left(self.date_starts, pos)
        candidates = [d for d in self.dates[:k] if published is None or
                      d.start is not None and d.start <= published]
        if candidates and self.starts:
            first = self.paragraph_first_sentence(self.sentence_index(pos))
            for d in candidates:
                if d.precision in ("day", "week") and first[0] <= d.mention.start < first[1]:
                    return d  # type: ignore[union-attr]
        for d in reversed(candidates):
            if d.precision in ("day", "week"):
                return d
        return candidates[-1] if candidates else None

