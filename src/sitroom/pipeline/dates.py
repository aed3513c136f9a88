"""Date expressions: explicit dates and relative ones resolved against the published date.

``DateStage`` fills ``Document.dates`` with one ``DateRange`` per date expression, in text
order. Explicit dates ("On 3 January 2022", "Nov. 6, 2024", "2022-01-03", "in March 2023",
"in 2021") resolve on their own. Expressions that need a reference point ("on Monday",
"last week", "yesterday", "6 November" without a year) resolve against
``Document.published``; with no published date they stay unresolved (``start`` and ``end``
None, precision "unknown") — never against today's date.

Month/weekday names and relative phrases are data: ``dates_names.tsv`` and
``dates_relative.tsv``.
"""

from __future__ import annotations

import bisect
import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable, ClassVar, Iterator

from ..config import Settings
from ..lexicons import Column
from ..model import DateRange, Document, Mention, record_builder, with_fields
from ..vocab import DATE_PRECISIONS
from .wordscan import WORD_MARKS, WordStarts, last_words, prefix_tree

__all__ = ["DateStage", "DateParser", "RelativeRule", "parse_dates",
           "resolve_relative", "scan"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_MENTION, _DATE_RANGE = record_builder(Mention), record_builder(DateRange)

log = logging.getLogger("sitroom.dates")

NAMES_COLUMNS = (Column("name"), Column("kind", choices=frozenset({"month", "weekday"})),
                 Column("number", convert=int))
RELATIVE_COLUMNS = (
    Column("phrase", pattern=r"[a-z' ]+"),
    Column("unit", choices=frozenset({"day", "week", "month", "year", "weekend"})),
    Column("start", convert=int), Column("end", convert=int),
    Column("clip", required=False, choices=frozenset({"past", "future"})),
    Column("precision", choices=frozenset(DATE_PRECISIONS)),
    Column("tense", choices=frozenset({"past", "present", "future"})),
)

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_DAY_SUFFIX_LETTERS = "stndrh"  # the letters of a _DAY's suffix
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                  "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3,
                  "several": 3, "a couple of": 2}
# How far back a future-tense cue ("will", "scheduled") may stand before a weekday name
# to make it refer to the coming weekday: about one clause of news prose.
FUTURE_CUE_WINDOW = 60
_FUTURE_CUE = re.compile(r"\b(?:will|shall|would|to be held|scheduled|expected|due|plans?|"
                         r"planned|set to|next)\b[^.;]*$", re.I)
# Words before a trigger word where a date expression may begin ("the day before
# yesterday", "in the next few days", "in early March"): the longest lexicon phrase.
TRIGGER_LOOKBACK = 4
LOOKBACK_CHARS = 48  # room for TRIGGER_LOOKBACK words
# What ``DateParser._number_opens`` reads after a number: how far, the characters that may
# follow its digits directly ("-", "–", "/", the "st", "nd", "rd", "th" of a day, "to",
# "and"), and the lower-cased starts of a word after white space ("to", "and", "of", the
# units of "3 days ago"; a dash or a month name are tested apart).
_NUMBER_PEEK = 32
_ASCII_DIGITS = "0123456789"
_AFTER_DAY_MARKS = frozenset("-–/sntra")
_NUMBER_FOLLOWERS = ("to", "and", "of", "day", "week", "month", "year")
_FOLLOWER_CHARS = max(map(len, _NUMBER_FOLLOWERS))
# Before a month or weekday name: "in early March", "late on Monday".
NAME_LOOKBACK = 2
_SCAN_TOKEN = re.compile(r"\w+")
# Words before a trigger found with string methods (``wordscan.last_words``) rather than the
# regex: up to as many as a relative phrase looks back.
MAX_SPLIT_WORDS = TRIGGER_LOOKBACK
# Words the alternatives of the date regex open with, besides month and weekday names,
# relative phrases and small numbers (lower-cased): its prepositions ("in", "since", "the
# end of"), parts of a month ("early", "mid") and weekday modifiers ("last", "on"). A
# match starts with a number or one of these words, so the words before a trigger that
# are neither need no attempt.
_LEAD_WORDS = frozenset("""in since during until by through throughout last next this early
mid late end the of from beginning on""".split())
# The prepositions of a year (the "py" alternative of the date regex), lower-cased.
_YEAR_PREPOSITIONS = frozenset("in since during until by throughout of from early late mid".split())
# News mostly looks back: a year-less date counts this many times farther away when it
# falls after the published date (so "May 5" in a November article is the past May).
FUTURE_GAP_WEIGHT = 2
# Months of a sub-range: "early March" = 1-10, "mid-March" = 11-20, "late March" = 21-end.
_PART_DAYS = {"early": (1, 10), "beginning of": (1, 10), "mid": (11, 20), "late": (21, 31),
              "end of": (21, 31), "the end of": (21, 31)}


@dataclass(frozen=True)
class RelativeRule:
    unit: str
    start: int
    end: int
    clip: str | None
    precision: str
    tense: str


def _alt(words: list[str], fold: bool = False) -> str:
    """The words as one alternation, longest first (``fold``: inside a case-insensitive
    group)."""
    return prefix_tree(words, fold, space=re.escape(" "))


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _closest_year(ref: date, month: int, day: int) -> int:
    """The year that puts month/day nearest the reference date, the future weighing more."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, min(day, calendar.monthrange(y, month)[1]))
        if d is None:
            continue
        gap = (d - ref).days * FUTURE_GAP_WEIGHT if d > ref else (ref - d).days
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


class DateParser:
    """Finds and resolves date expressions in a text (compiled once, reused per document)."""

    def __init__(self, names: Any, relative: Any,
                 compile_regex: Callable[..., re.Pattern[str]] = re.compile) -> None:
        """``compile_regex`` compiles the regexes built from the lexicons (a
        ``RegexCache``'s reuses the programs of earlier runs)."""
        self._compile_regex = compile_regex
        self.months: dict[str, int] = {}
        self.weekdays: dict[str, int] = {}
        for row in names.rows:
            table = self.months if row["kind"] == "month" else self.weekdays
            table[row["name"]] = int(row["number"])
        self.relative: dict[str, RelativeRule] = {}
        for row in relative.rows:
            self.relative[" ".join(str(row["phrase"]).split())] = RelativeRule(
                row["unit"], row["start"], row["end"], row["clip"], row["precision"], row["tense"])
        self._regex = self._compile()
        # the resolver of each alternative (named group) of the regex: _r_<name>
        self._resolvers = {name: getattr(self, f"_r_{name}") for name in self._regex.groupindex
                           if hasattr(self, f"_r_{name}")}
        # first characters of what may follow a number and white space in a date
        # expression: a dash ("3 - 5 March") or a month name (matched case-sensitively)
        self._number_followers = frozenset("-–") | frozenset(m[0] for m in self.months)
        # Words that may open a date expression going on past the number after them: a
        # month name ("March 3", "March 2022") or a preposition before a year ("in 2021").
        # (Expressions that open with another word have no number as their second word.)
        self._number_leads = _YEAR_PREPOSITIONS | frozenset(
            _SCAN_TOKEN.match(m).group().lower() for m in self.months)  # type: ignore[union-attr]
        self._leads = _LEAD_WORDS | frozenset(
            _SCAN_TOKEN.match(w).group().lower()  # type: ignore[union-attr]
            for w in (*self.months, *self.weekdays, *self.relative, *_SMALL_NUMBERS))

    def _compile(self) -> re.Pattern[str]:
        compile_regex = self._compile_regex
        mon = rf"(?:{_alt(list(self.months))})\.?"
        wd = _alt(list(self.weekdays))
        rel = prefix_tree(self.relative, fold=True)
        part = r"(?:early|mid|late|the\s+end\s+of|end\s+of|beginning\s+of)"
        small = _alt(list(_SMALL_NUMBERS), fold=True)
        alternatives = [
            rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)",
            rf"(?P<sl>\b(?P<sl_a>[0-3]?\d)/(?P<sl_b>[01]?\d)/(?P<sl_y>{_YEAR})\b)",
            rf"(?P<dmy>\b(?P<dmy_d1>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<dmy_d2>{_DAY}))?"
            rf"\s+(?:of\s+)?(?P<dmy_m>{mon})(?:,?\s+(?P<dmy_y>{_YEAR}))?(?![\w-]))",
            rf"(?P<mdy>\b(?P<mdy_m>{mon})\s+(?P<mdy_d1>{_DAY})(?:\s*(?:-|–)\s*(?P<mdy_d2>{_DAY}))?"
            rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?\b(?!\s*(?:%|percent|per\s+cent)))",
            rf"(?P<my>\b(?:(?P<my_part>{part})[\s-]+)?(?P<my_m>{mon}),?\s+(?:of\s+)?"
            rf"(?P<my_y>{_YEAR})\b)",
            rf"(?P<pm>\b(?P<pm_prep>(?i:in|since|during|until|by|through|throughout|last|next|"
            rf"this|early|mid|late|end\s+of|the\s+end\s+of))[\s-]+(?:(?P<pm_part>(?i:early|mid|"
            rf"late))[\s-]+)?(?P<pm_m>{mon})\b(?!,?\s+(?:of\s+)?{_YEAR}|\s+[0-3]?\d\b)"
            rf"(?:\s+(?P<pm_yr>(?i:last|next|this))\s+year\b)?)",
            rf"(?P<py>\b(?P<py_prep>(?i:in|since|during|until|by|throughout|of|from|early|late|"
            rf"mid))[\s-]+(?:(?P<py_part>(?i:early|mid|late))[\s-]+)?(?P<py_y>{_YEAR})\b"
            rf"(?![\s-]*(?:years?|yr|-old|%)))",
            rf"(?P<ago>\b(?i:(?P<ago_n>\d+|{small})\s+(?P<ago_u>day|week|month|year)s?\s+ago)\b)",
            rf"(?P<rel>\b(?i:{rel})\b)",
            rf"(?P<wd>\b(?:(?P<wd_mod>(?i:last|next|this|on|early|late))\s+)?(?P<wd_d>{wd})\b)",
        ]
        # Words that can anchor a date expression; matching is attempted only around them
        # (a regex scan of every position of the text costs ~10x more).
        heads = {p.split()[-1] for p in self.relative} | {"ago"}
        words = {m.rstrip(".") for m in self.months} | set(self.weekdays) | heads | \
            {h.capitalize() for h in heads}
        self._triggers = WordStarts(words, r"\d+", r"\d", compile_regex=compile_regex)
        # the same regex split by what a match starts with: at a decimal digit only the
        # alternatives that open with one can match (the others open with a letter), and
        # elsewhere only the others; each tried alone costs about half as much (the
        # alternatives keep their order and group names)
        unsorted = {_group_name(a) for a in alternatives} - (_AT_DIGIT | _AT_OTHER)
        if unsorted:  # pragma: no cover (a new alternative must be put in one or both)
            raise ValueError(f"date regex alternatives {sorted(unsorted)}: add them to "
                             "dates._AT_DIGIT or dates._AT_OTHER")
        self._by_first = (
            compile_regex("|".join(a for a in alternatives if _group_name(a) in _AT_DIGIT)),
            compile_regex("|".join(a for a in alternatives if _group_name(a) in _AT_OTHER)))
        return compile_regex("|".join(alternatives))

    def _number_opens(self, text: str, t: int) -> bool:
        """Whether a date expression may start at the number at t: the only ones that do
        ("2022-01-03", "3/4/2022", "3 March", "3rd of March", "3-5 March", "3 to 5
        March", "3 days ago") go on with a mark or a letter right after its digits, or
        with white space and then a dash, "to", "and", "of", a month name or a unit of
        time. Most numbers in news ("14 people", "1,200") fail this cheap test."""
        rest = text[t:t + _NUMBER_PEEK].lstrip(_ASCII_DIGITS)
        after = rest.lstrip()
        if not after:
            return t + _NUMBER_PEEK < len(text)  # (white space may run on further)
        c = rest[0]
        if not c.isspace():
            return c in _AFTER_DAY_MARKS or c.isdigit()
        # (the starts tested hold no white space: those of the word after it)
        return after[0] in self._number_followers or \
            after[:_FOLLOWER_CHARS].lower().startswith(_NUMBER_FOLLOWERS)

    # ---------------------------------------------------------------- resolution
    def find(self, text: str, published: date | None,
             sentence_starts: list[int] | None = None) -> list[DateRange]:
        out: list[DateRange] = []
        for m in scan(self._regex, text, self._triggers, TRIGGER_LOOKBACK, leads=self._leads,
                      number_opens=self._number_opens, number_leads=self._number_leads,
                      by_first=self._by_first):
            kind = m.lastgroup
            if kind is None:
                continue
            start, end = m.span()
            mention = _MENTION(start, end, text[start:end], "DATE")
            try:
                rng = self._resolvers[kind](m, published, text, sentence_starts)
            except ValueError:
                rng = None
            if rng is None:
                out.append(_DATE_RANGE(None, None, "unknown", mention))
                continue
            out.append(_DATE_RANGE(rng[0], rng[1], rng[2], mention))
        return out

    def _month(self, s: str) -> int:
        return self.months[s.rstrip(".")]

    def _r_iso(self, m, pub, text, ss):
        d = date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return d, d, "day"

    def _r_sl(self, m, pub, text, ss):
        a, b, y = int(m["sl_a"]), int(m["sl_b"]), int(m["sl_y"])
        if a > 12 >= b:
            d = date(y, b, a)
        elif b > 12 >= a:
            d = date(y, a, b)
        elif a == b:
            d = date(y, a, b)
        else:
            return None  # 03/04/2022: day-first or month-first cannot be told apart
        return d, d, "day"

    def _day_range(self, month: int, d1: str, d2: str | None, y: str | None,
                   pub: date | None) -> tuple[date, date, str] | None:
        day1 = int(d1.rstrip(_DAY_SUFFIX_LETTERS))  # "3rd" -> 3
        day2 = int(d2.rstrip(_DAY_SUFFIX_LETTERS)) if d2 else day1
        if y:
            year = int(y)
        elif pub is not None:
            year = _closest_year(pub, month, day1)
        else:
            return None
        start, end = date(year, month, day1), date(year, month, day2)
        if end < start:
            return None
        span = (end - start).days
        return start, end, "day" if span == 0 else ("week" if span <= 7 else "month")

    def _r_dmy(self, m, pub, text, ss):
        return self._day_range(self._month(m["dmy_m"]), m["dmy_d1"], m["dmy_d2"], m["dmy_y"], pub)

    def _r_mdy(self, m, pub, text, ss):
        return self._day_range(self._month(m["mdy_m"]), m["mdy_d1"], m["mdy_d2"], m["mdy_y"], pub)

    @staticmethod
    def _month_range(y: int, mo: int, part: str | None) -> tuple[date, date, str]:
        last = calendar.monthrange(y, mo)[1]
        if part:
            lo, hi = _PART_DAYS.get(" ".join(part.lower().split()), (1, last))
            return date(y, mo, lo), date(y, mo, min(hi, last)), "month"
        return date(y, mo, 1), date(y, mo, last), "month"

    def _r_my(self, m, pub, text, ss):
        return self._month_range(int(m["my_y"]), self._month(m["my_m"]), m["my_part"])

    def _r_pm(self, m, pub, text, ss):
        if pub is None:
            return None
        mo = self._month(m["pm_m"])
        prep = m["pm_prep"].lower()
        if m["pm_yr"]:  # "in April last year"
            y = pub.year + {"last": -1, "next": 1}.get(m["pm_yr"].lower(), 0)
        elif prep == "last":
            y = pub.year if mo < pub.month else pub.year - 1
        elif prep == "next":
            y = pub.year if mo > pub.month else pub.year + 1
        elif prep == "this":
            y = pub.year
        else:
            y = _closest_year(pub, mo, 15)
        part = m["pm_part"] or (prep if prep in ("early", "mid", "late") or "end" in prep else None)
        return self._month_range(y, mo, part)

    def _r_py(self, m, pub, text, ss):
        y = int(m["py_y"])
        part = m["py_part"] or (m["py_prep"].lower() if m["py_prep"].lower() in
                                ("early", "mid", "late") else None)
        if part == "early":
            return date(y, 1, 1), date(y, 4, 30), "year"
        if part == "mid":
            return date(y, 5, 1), date(y, 8, 31), "year"
        if part == "late":
            return date(y, 9, 1), date(y, 12, 31), "year"
        return date(y, 1, 1), date(y, 12, 31), "year"

    def _r_ago(self, m, pub, text, ss):
        if pub is None:
            return None
        raw = " ".join(m["ago_n"].lower().split())
        n = int(raw) if raw.isdigit() else _SMALL_NUMBERS.get(raw, 1)
        unit = m["ago_u"].lower()
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            d = pub - timedelta(weeks=n)
            return d - timedelta(days=3), d + timedelta(days=3), "week"
        if unit == "month":
            first = _add_months(pub, -n)
            return first, _month_end(first.year, first.month), "month"
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"

    def _r_rel(self, m, pub, text, ss):
        if pub is None:
            return None
        rule = self.relative[" ".join(m.group(0).lower().split())]
        return resolve_relative(rule, pub)

    def _r_wd(self, m, pub, text, ss):
        if pub is None:
            return None
        wd = self.weekdays[m["wd_d"]]
        mod = (m["wd_mod"] or "").lower()
        back = (pub.weekday() - wd) % 7
        if mod == "next" or (mod != "last" and self._future_context(text, m.start(), ss)):
            ahead = (wd - pub.weekday()) % 7 or 7
            d = pub + timedelta(days=ahead)
        elif mod == "last":
            d = pub - timedelta(days=back or 7)
        else:
            d = pub - timedelta(days=back)
        return d, d, "day"

    @staticmethod
    def _future_context(text: str, pos: int, ss: list[int] | None) -> bool:
        lo = max(0, pos - FUTURE_CUE_WINDOW)
        if ss:
            i = bisect.bisect_right(ss, pos) - 1
            if i >= 0:
                lo = max(lo, ss[i])
        return bool(_FUTURE_CUE.search(text, lo, pos))

# The alternatives of the date regex (by group name) that may match where a decimal digit
# stands (a day, a year, "3 days ago") and those that may match elsewhere (they open with
# a month or weekday name, a preposition, a relative phrase or a number word).
_AT_DIGIT = frozenset({"iso", "sl", "dmy", "ago"})
_AT_OTHER = frozenset({"mdy", "my", "pm", "py", "ago", "rel", "wd"})


def _group_name(alternative: str) -> str:
    """The name of the group an alternative of the date regex opens with."""
    return alternative[alternative.index("<") + 1:alternative.index(">")]


def scan(regex: re.Pattern[str], text: str, triggers: WordStarts,
         lookback: int, short_lookback: int = 1,
         tokens: re.Pattern[str] | None = None,
         leads: frozenset[str] | None = None,
         number_opens: Callable[[str, int], bool] | None = None,
         number_leads: frozenset[str] | None = None,
         by_first: tuple[re.Pattern[str], re.Pattern[str]] | None = None
         ) -> Iterator[re.Match[str]]:
    """Matches of ``regex`` that cover a start of ``triggers`` (the words an expression
    needs), tried at the trigger and the ``lookback`` words before it (``short_lookback``
    before a number), earliest first, never overlapping. With ``leads`` (lower-cased
    words), a word before the trigger is tried only if it is one of them, starts with
    something other than a letter, or is not ASCII (which a case-insensitive regex may
    match as ASCII letters): the words that can open a match of ``regex``. With
    ``number_opens``, a trigger that is a number is tried itself only where it says a
    match can start there (a cheap test of the text after the number), and with
    ``number_leads`` the word before a number is tried only if it is one of them (or
    starts with something other than a letter, or is not ASCII). With ``by_first``, two
    regexes that match as ``regex`` does where a decimal digit stands and elsewhere:
    each is tried where it applies."""
    last_end = 0
    match_digit = match_other = regex.match
    if by_first is not None:
        match_digit, match_other = by_first[0].match, by_first[1].match
    before_number = number_leads if number_leads is not None else leads
    last_word_only = short_lookback == 1 and tokens is None
    for t in triggers.starts(text):
        if t < last_end:
            continue
        lo = t - LOOKBACK_CHARS
        if lo < last_end:
            lo = last_end
        if text[t].isdigit():
            if last_word_only:
                starts = _last_word_start(text, lo, t, before_number)
            else:
                starts = _word_starts(text, lo, t, short_lookback, tokens, before_number) \
                    if short_lookback else []
            if number_opens is not None:
                if starts:  # (a number before it opens a match only where it opens one)
                    starts = [s for s in starts if not text[s].isdigit() or number_opens(text, s)]
                if number_opens(text, t):
                    starts.append(t)
            else:
                starts.append(t)
        else:
            n = NAME_LOOKBACK if text[t].isupper() else lookback
            starts = _word_starts(text, lo, t, n, tokens, leads) if n else []
            if starts and number_opens is not None:
                starts = [s for s in starts if not text[s].isdigit() or number_opens(text, s)]
            starts.append(t)
        for s in starts:
            m = (match_digit if text[s].isdecimal() else match_other)(text, s)
            if m and m.end() > t:
                last_end = m.end()
                yield m
                break


def _word_starts(text: str, lo: int, t: int, n: int, tokens: re.Pattern[str] | None,
                 leads: frozenset[str] | None) -> list[int]:
    """Starts of the last n words of text[lo:t] (a word the window cuts in two left out)
    that may open a match (see ``scan``)."""
    words = last_words(text, lo, t, n) if tokens is None and n <= MAX_SPLIT_WORDS \
        else None
    if words is None:
        found = list((tokens or _SCAN_TOKEN).finditer(text, lo, t))[-n:]
        words = [(w.start(), w.group()) for w in found]
    if lo > 0 and words and words[0][0] == lo and text[lo - 1].isalnum():
        del words[0]  # the window cut a word in two
    return [start for start, word in words
            if leads is None or not word[0].isalpha() or not word.isascii()
            or word.lower() in leads]


def _last_word_start(text: str, lo: int, t: int, leads: frozenset[str] | None) -> list[int]:
    """``_word_starts`` for the last word only, the word tested before its start is
    computed (most words before a number open no match)."""
    seg = text[lo:t]
    chunks = seg.rsplit(None, 1)
    if not chunks:
        return []
    chunk = chunks[-1]
    word = chunk.strip(WORD_MARKS)
    if not word or not word.isalnum():
        return _word_starts(text, lo, t, 1, None, leads)
    if leads is not None and word[0].isalpha() and word.isascii() and \
            word.lower() not in leads:
        return []
    start = lo + len(seg.rstrip()) - len(chunk.lstrip(WORD_MARKS))
    if lo > 0 and start == lo and text[lo - 1].isalnum():
        return []  # the window cut a word in two
    return [start]




def resolve_relative(rule: RelativeRule, pub: date) -> tuple[date, date, str]:
    """The range a relative rule denotes for a document published on ``pub``."""
    if rule.unit == "day":
        start, end = pub + timedelta(days=rule.start), pub + timedelta(days=rule.end)
    elif rule.unit == "week":
        monday = pub - timedelta(days=pub.weekday())
        start = monday + timedelta(weeks=rule.start)
        end = monday + timedelta(weeks=rule.end, days=6)
    elif rule.unit == "weekend":
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        start = saturday + timedelta(weeks=rule.start)
        end = saturday + timedelta(weeks=rule.end, days=1)
    elif rule.unit == "month":
        start = _add_months(pub, rule.start)
        last = _add_months(pub, rule.end)
        end = _month_end(last.year, last.month)
    else:
        start, end = date(pub.year + rule.start, 1, 1), date(pub.year + rule.end, 12, 31)
    if rule.clip == "past":
        end = min(end, pub)
    elif rule.clip == "future":
        start = max(start, pub + timedelta(days=1))
        end = max(end, start)
    return start, end, rule.precision


class DateStage:
    """Fills ``Document.dates`` with every date expression, resolved where possible."""

    name: ClassVar[str] = "dates.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("dates",)
    requires: ClassVar[tuple[str, ...]] = ("sentences",)

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        lex = resources.lexicons
        self.parser = DateParser(lex.table("dates_names.tsv", NAMES_COLUMNS),
                                 lex.table("dates_relative.tsv", RELATIVE_COLUMNS),
                                 resources.regexes.compile)

    def __call__(self, doc: Document) -> Document:
        starts = [s.start for s in doc.sentences]
        return with_fields(doc, dates=tuple(self.parser.find(doc.text, doc.published, starts)))


def parse_dates(text: str, published: date | None = None,
                resources: Any = None) -> list[DateRange]:
    """Convenience: the date expressions of a text (loads the lexicons on each call)."""
    from ..lexicons import load_lexicons

    lex = resources.lexicons if resources is not None else load_lexicons()
    parser = DateParser(lex.table("dates_names.tsv", NAMES_COLUMNS),
                        lex.table("dates_relative.tsv", RELATIVE_COLUMNS))
    return parser.find(text, published)

