"""Quantities (amounts with units) and fatality counts.

``QuantityStage`` fills ``Document.quantities``: numbers written in digits or words, with
their unit ("approximately 10,000 soldiers" -> 10000 soldiers, approximate; "$5 million"
-> 5000000 USD; "1-4 soldiers" -> 1 soldier, approximate: a range keeps its lower bound).
Names and designations ("810 Separate Naval Infantry Brigade", "3rd Battalion",
"Route 66"), years, ages, clock times, the numbers inside date expressions and numbers
with no unit (phone numbers, addresses) are not quantities.

Inexact amounts take a conventional value from ``quantities_numbers.tsv`` ("several" = 3,
"dozens" = 12, "hundreds" = 100), following ACLED's conservative coding, and are marked
approximate.

``fatalities_in(doc_or_text, start, end)`` counts the deaths a span states ("two civilians
were killed", "killed a man", "3 fatalities", "no casualties" = 0); injuries are not deaths.
"""

from __future__ import annotations

import functools
import logging
import re
import string
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, islice
from operator import itemgetter, or_
from typing import AbstractSet, Any, Callable, ClassVar, Iterable, NamedTuple

from ..config import Settings
from ..lexicons import Column, load_lexicons
from ..model import Document, Mention, Quantity, record_builder, with_fields
from .wordscan import (WORD_MARKS, WordStarts, chunk_tokenizer, is_word_char, last_words,
                       prefix_tree)

__all__ = ["QuantityStage", "QuantityReader", "FatalityCounter", "NumberReader",
           "fatalities_in", "quantities_in"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_MENTION, _QUANTITY = record_builder(Mention), record_builder(Quantity)

log = logging.getLogger("sitroom.quantities")

NUMBER_COLUMNS = (Column("word", pattern=r"[a-z ]+"), Column("value", convert=int),
                  Column("kind", choices=frozenset({"unit", "ten", "scale", "vague"})))
CUE_COLUMNS = (Column("cue", pattern=r"[a-z ]+"),
               Column("kind", choices=frozenset({"approx", "lower", "upper"})))
DESIGNATOR_COLUMNS = (Column("word"), Column("position", choices=frozenset({"before", "after"})))
UNIT_COLUMNS = (Column("word"), Column("unit", required=False),
                Column("kind", choices=frozenset({"person", "animal", "object", "distance", "area",
                                                  "weight", "volume", "percent", "time",
                                                  "money"})))
DEATH_COLUMNS = (Column("phrase", pattern=r"[a-z ]+"),
                 Column("role", choices=frozenset({"passive", "active", "total", "toll", "zero", "grievance"})))

# Words before a number where a quantity may begin: "no fewer than", "as many as".
TRIGGER_LOOKBACK = 3
_SCAN_TOKENS = re.compile(r"\w+|[$€£¥₹]")
# The marks stripped from a chunk to find its one word (see ``_match_before``): those of
# ``WORD_MARKS`` but the dollar sign, one of the tokens of _SCAN_TOKENS.
_LOOKBACK_MARKS = WORD_MARKS.replace("$", "")
_FIRST_RUN = re.compile(r"\w+")
LOOKBACK_CHARS = 40
# The word (or currency sign) right before a trigger: what a search for
# ``(?:([$€£¥₹])|\b([A-Za-z]+)\.?\s*\$?)$`` finds, read backwards (see ``_prev_word``).
_CURRENCY_SIGNS = frozenset("$€£¥₹")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_LETTER_CHARS = string.ascii_letters
_ASCII_DIGITS = frozenset("0123456789")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:\s*(?i:million|billion|trillion|thousand|hundred|bn|mn)\b)?"
_CURRENCY = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
             "rs.": "INR", "rs": "INR"}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "mn": 10**6,
                "billion": 10**9, "bn": 10**9, "trillion": 10**12}
# Words that end the noun phrase after a number: the unit is looked for before them.
_NP_STOP = frozenset("""of in at on and or to from by with who whom which that were was are is
had have has been be being for as per the a an into near after before during since while
when where than but nor across along over under against between among about around were
said says say told reported including such its their his her this these those""".split())
# How many words may stand between a number and its unit noun ("10,000 North Korean
# soldiers"): three covers nationality + adjective, chosen on hand-written examples.
UNIT_WINDOW = 4
# Words whose unit lookup is remembered (news vocabulary repeats; the bound keeps a
# long-running process from growing without limit).
UNIT_CACHE_SIZE = 50_000
_DIGIT_VALUE = re.compile(rf"({_DIGITS})\s*([a-z]+)?$")
_WORD_SPLIT = re.compile(r"[\s-]+")
_ATTACHED = re.compile(r"[A-Za-z]+\b")  # "10km"
_PERCENT_WORD = re.compile(r"\s+(?:per\s+cent|percent)\b", re.I)
_CAPS_RUN = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|&))+")
# After a number: ordinals, decades ("the 1990s"), fractions, codes.
_NOT_AMOUNT_AFTER = re.compile(r"(?:st|nd|rd|th)\b|s\b|/\d|\.\d|-\d")
_PLAIN_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|months?|weeks?)[\s-]*old\b|-year\b", re.I)
_TIME_AFTER = re.compile(r"(?::\d\d|\.\d\d\s*(?:a\.?m\.?|p\.?m\.?))|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|"
                         r"hrs\b|o'clock\b|GMT\b|UTC\b|local time\b)", re.I)
# The characters a match of _NOT_AMOUNT_AFTER starts with; those of the words of
# _TIME_AFTER (after white space), lower-cased (no other character matches one of them
# case-insensitively; "" for a tail of white space, where the regex decides).
_NOT_AMOUNT_FIRST = frozenset("snrt/.-")
_TIME_FIRST = "aphogul"
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*$", re.I)
_FIRST = itemgetter(0)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*|\d+(?:,\d{3})*(?:\.\d+)?|[$€£¥₹%]|"
                    r"[^\w\s]")
# _TOKEN.findall for an ASCII text, cheaper: a word of letters only is one token (the test
# a method of str, called in C; the other chunks' tokens are remembered)
_ascii_tokens = chunk_tokenizer(_TOKEN, str.isalpha)


def _singulars(word: str) -> Iterable[str]:
    yield word
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]


class NumberReader:
    """Reads numbers written in digits ("10,000", "1.5 million") or words ("twenty-five")."""

    def __init__(self, numbers: Any) -> None:
        self.simple: dict[str, tuple[int, str]] = {}
        self._values: dict[str, tuple[float | None, bool]] = {}  # raw -> value(raw)
        self.vague: dict[str, int] = {}
        for row in numbers.rows:
            if row["kind"] == "vague":
                self.vague[" ".join(str(row["word"]).split())] = int(row["value"])
            else:
                self.simple[str(row["word"])] = (int(row["value"]), str(row["kind"]))
        simple = prefix_tree(self.simple, fold=True, space=" ")
        vague = prefix_tree(self.vague, fold=True)
        words = rf"(?:{simple})(?:(?:\s+|-)(?:and\s+)?(?:{simple}))*"
        self.pattern = rf"(?:{_DIGITS}){_MULT}|\b(?i:{vague})\b|\b(?i:{words})\b"

    def value(self, raw: str) -> tuple[float | None, bool]:
        """(value, vague) of a number as matched by ``pattern`` (remembered: the same
        numbers recur)."""
        cache = self._values
        found = cache.get(raw)
        if found is None:
            found = self._value(raw)
            if len(cache) >= UNIT_CACHE_SIZE:
                cache.clear()
            cache[raw] = found
        return found

    def _value(self, raw: str) -> tuple[float | None, bool]:
        s = " ".join(raw.lower().split())
        if s in self.vague:
            return float(self.vague[s]), True
        m = _DIGIT_VALUE.match(s)
        if m:
            v = float(m.group(1).replace(",", ""))
            return v * _MULTIPLIERS.get(m.group(2) or "", 1), False
        total = current = 0
        for w in _WORD_SPLIT.split(s):
            if w == "and":
                continue
            if w not in self.simple:
                return None, False
            n, kind = self.simple[w]
            if kind == "scale":
                current = max(current, 1) * n
                if n >= 1000:
                    total, current = total + current, 0
            else:
                current += n
        return float(total + current), False


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


class _Spans:
    """Spans to leave out, answering "does any overlap [start, end)?" by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(accumulate((e for _, e in ordered), max))  # running max of ends

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans [0, k) start before ``end``
        return k > 0 and self.max_end[k - 1] > start


class _Unit(NamedTuple):
    """A unit found after a number (a named tuple: ~3x cheaper to make than a frozen
    dataclass, and made for most numbers read)."""

    surface: str
    unit: str
    kind: str
    end: int


class QuantityReader:
    """Finds quantities in text (regexes compiled once)."""

    def __init__(self, lex: Any, compile_regex: Callable[..., re.Pattern[str]] = re.compile
                 ) -> None:
        """``compile_regex`` compiles the regexes built from the lexicons (a
        ``RegexCache``'s reuses the programs of earlier runs)."""
        self.numbers = NumberReader(lex.table("quantities_numbers.tsv", NUMBER_COLUMNS))
        cues = lex.table("quantities_cues.tsv", CUE_COLUMNS)
        self.cues = {" ".join(str(r["cue"]).split()): str(r["kind"]) for r in cues.rows}
        des = lex.table("quantities_designators.tsv", DESIGNATOR_COLUMNS)
        self.designator_before = {str(r["word"]).lower() for r in des.rows if r["position"] == "before"}
        self.designator_after = {str(r["word"]).lower() for r in des.rows if r["position"] == "after"}
        units = lex.table("quantities_units.tsv", UNIT_COLUMNS)
        self.units = {str(r["word"]).lower(): (r["unit"] or "", str(r["kind"])) for r in units.rows}
        self._unit_cache: dict[str, tuple[str, str] | None] = {}  # word -> unit_of(word)
        heads = {w for v in self.numbers.vague for w in v.split()} - {"a", "of", "an"}
        heads |= set(self.numbers.simple)
        heads |= {w.capitalize() for w in heads}
        self.triggers = WordStarts(heads, r"\d+|[$€£¥₹]", r"\d$€£¥₹",
                                   compile_regex=compile_regex)
        self.cue_last_words = {c.split()[-1] for c in self.cues} | {"a", "an", "rs", "us"}
        # the first runs of word characters (lower-cased) that a match of ``regex`` may
        # open with at a word of letters: a cue's, a currency's ("US$", "Rs."), a number's
        self._openers = frozenset(_FIRST_RUN.match(w.lower()).group()  # type: ignore[union-attr]
                                  for w in (*self.cues, *self.numbers.vague,
                                            *self.numbers.simple, "us", "rs"))
        cue_alt = prefix_tree(self.cues, fold=True)
        num = self.numbers.pattern
        # (groups in this order in both regexes: cue, cur, n1, sep, n2; see ``_quantity``)
        second = rf"(?:\s*(?P<sep>-|–|(?i:to|or|and))\s*[$€£¥₹]?(?P<n2>{num}))?"
        self.regex = compile_regex(
            rf"(?:\b(?P<cue>(?i:{cue_alt}))\s+)?(?P<cur>(?i:US\$|Rs\.?\s?)|[$€£¥₹])?"
            rf"(?P<n1>{num}){second}")
        # ``regex`` at an ASCII digit, cheaper: no cue nor currency sign starts with one,
        # and of the number's alternatives only the digits' can match there (its groups
        # kept, those two never taking part)
        self.digit_regex = compile_regex(
            rf"(?P<cue>(?!))?(?P<cur>(?!))?(?P<n1>(?:{_DIGITS}){_MULT}){second}")

    def unit_of(self, word: str) -> tuple[str, str] | None:
        cache = self._unit_cache
        if word in cache:
            return cache[word]
        found = None
        for w in _singulars(word.lower()):
            if w in self.units:
                found = self.units[w]
                break
        if len(cache) >= UNIT_CACHE_SIZE:
            cache.clear()
        cache[word] = found
        return found

    def find_unit(self, text: str, pos: int) -> _Unit | None:
        """The unit noun after a number ending at ``pos`` (within a few words)."""
        if pos < len(text) and text[pos] == "%":
            return _Unit("%", "percent", "percent", pos + 1)
        nxt = text[pos:pos + 12]
        attached = _ATTACHED.match(text, pos, pos + 12) if nxt[:1] in _ASCII_LETTERS else None
        if attached:  # "10km"
            u = self.unit_of(attached.group(0))
            return _Unit(attached.group(0), u[0] or attached.group(0).lower(), u[1],
                         pos + attached.end()) if u else None
        first: tuple[str, int, int] | None = None
        # (after white space, only "p" or "P" starts the word "percent")
        m = _PERCENT_WORD.match(text, pos, pos + 12) if nxt[:1].isspace() and \
            nxt.lstrip()[:1] in ("p", "P") else None
        if m:
            return _Unit(m.group(0).strip(), "percent", "percent", pos + m.end())
        for n, tok in enumerate(_TOKEN.finditer(text, pos, min(len(text), pos + 80))):
            w = tok.group(0)
            if n >= UNIT_WINDOW or not w[0].isalpha() or w.lower() in _NP_STOP:
                break
            u = self.unit_of(w)
            if u:
                return _Unit(w, u[0] or w.lower(), u[1], tok.end())
            if first is None:
                first = (w, tok.start(), tok.end())
        if first and first[0].islower() and first[0].endswith("s") and len(first[0]) > 3:
            return _Unit(first[0], first[0], "object", first[2])
        return None

    def _is_designation(self, text: str, start: int, end: int, unit: _Unit | None) -> bool:
        if unit is None or unit.kind not in ("person", "object"):
            prev = _last_word(text[max(0, start - 20):start])
            if prev:
                w = prev.lower()
                if w in self.designator_before or w.rstrip(".") in self.designator_before:
                    return True
        if unit is not None and unit.kind in ("person", "money", "percent"):
            return False
        after = text[end:end + 80]
        if not after[:1].isspace():
            return False  # (the run opens with white space)
        first = after.lstrip()[:1]
        if not ("A" <= first <= "Z" or first == "o" or first == "&"):
            return False  # (nor a capital, "of" nor "&" after it)
        caps = _CAPS_RUN.match(text, end, end + 80)
        if caps:
            words = caps.group(0).split()
            while words and not words[-1][0].isupper():
                words.pop()
            return bool(words) and words[-1].lower() in self.designator_after
        return False

    def find(self, text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
        """The quantities of ``text``, none overlapping a ``skip`` span. Matches are tried
        only at trigger words (numbers, number words) and, when a cue, article or currency
        stands just before, at the words before them."""
        out: list[Quantity] = []
        spans = _Spans(skip or ())
        skip_starts, skip_ends = spans.starts, spans.max_end
        match, digit_match = self.regex.match, self.digit_regex.match
        cue_words = self.cue_last_words
        last_end = 0
        for t in self.triggers.starts(text):
            if t < last_end:
                continue
            # does a cue word or currency sign end just before t? (what ``_prev_word``
            # reads, with ``str.rstrip`` in C rather than a character at a time)
            lo = t - 24 if t - 24 > last_end else last_end
            head = text[lo:t]
            mark = head[-1:]
            if mark == "\n":  # (two places end the text before t: ``_prev_word`` reads both)
                word = _prev_word(text, lo, t)
                before = word is not None and bool(word[0] or word[1].lower() in cue_words)
            else:
                if mark == "$":
                    head = head[:-1]
                head = head.rstrip()
                if head[-1:] == ".":
                    head = head[:-1]
                k = len(head.rstrip(_ASCII_LETTER_CHARS))
                if k < len(head) and (lo + k == 0 or not (
                        (c := text[lo + k - 1]).isalnum() or c == "_")):
                    before = head[k:].lower() in cue_words
                else:
                    before = mark in _CURRENCY_SIGNS
            if before:
                m = self._match_before(text, last_end, t)
                if m is None:
                    continue
            elif text[t] in _ASCII_DIGITS:
                m = digit_match(text, t)  # (digits always match)
                k = bisect_left(skip_starts, t + 1)
                if k and skip_ends[k - 1] > t:
                    last_end = m.end()  # type: ignore[union-attr]
                    continue  # the number starts inside a date ("May 5, 2024")
            else:
                m = match(text, t)
                if m is None:
                    continue
            last_end = m.end()  # type: ignore[union-attr]
            q = self._quantity(text, m, spans)  # type: ignore[arg-type]
            if q is not None:
                out.append(q)
        return out

    def _match_before(self, text: str, last_end: int, t: int) -> re.Match[str] | None:
        """The match that reaches past trigger ``t`` from one of the last words before it
        (within LOOKBACK_CHARS, after ``last_end``) or from ``t`` itself, the earliest."""
        lo = max(last_end, t - LOOKBACK_CHARS)
        words = last_words(text, lo, t, TRIGGER_LOOKBACK, _LOOKBACK_MARKS)
        if words is None:
            starts = [w.start() for w in _SCAN_TOKENS.finditer(text, lo, t)][-TRIGGER_LOOKBACK:]
        else:
            # (a word of ASCII letters opens a match only if it opens a cue, a currency or
            # a number: the regex is not tried at the others)
            openers = self._openers
            starts = [p for p, w in words
                      if w.lower() in openers or not (w.isascii() and w.isalpha())]
        match = self.regex.match
        for s in (*starts, t):
            m = match(text, s)
            if m and m.end() > t:
                return m
        return None

    def _quantity(self, text: str, m: re.Match[str], skip: _Spans) -> Quantity | None:
        cue_raw, cur_raw, raw1, sep, n2 = m.groups()  # (one call for the five groups)
        n_start, n1_end = m.span(3)
        n_end = m.end(5) if n2 else n1_end
        sep = sep.lower() if sep else ""
        cue = " ".join(cue_raw.lower().split()) if cue_raw else ""
        if sep == "and" and cue != "between":
            n_end = n1_end
        k = bisect_left(skip.starts, n_end)
        if k and skip.max_end[k - 1] > n_start:
            return None  # (``skip.overlaps``, inline)
        is_digits = raw1[0].isdigit()
        prev = text[n_start - 1] if n_start else " "
        if is_digits and (prev.isalnum() or prev in "#/" or
                          (prev in "-–" and n_start > 1 and text[n_start - 2].isalpha())):
            return None  # "T-72", "PD8", "#3"
        tail = text[n_end:n_end + 24]
        # (each regex below is tried only where its first character, or a word it needs,
        # stands: most numbers are followed by a space and a noun)
        if is_digits and tail[:1] in _NOT_AMOUNT_FIRST and _NOT_AMOUNT_AFTER.match(tail):
            return None  # ordinals, decades ("the 1990s"), fractions, codes
        low = tail.lower()
        if ("year" in low or "month" in low or "week" in low) and _AGE_AFTER.match(tail) or \
                _age_before(text[max(0, n_start - 8):n_start]):
            return None
        if is_digits and (tail[:1] in ":." or tail.lstrip()[:1].lower() in _TIME_FIRST) and \
                _TIME_AFTER.match(tail):
            return None
        value, vague = self.numbers.value(raw1)
        if value is None:
            return None
        unit = self.find_unit(text, n_end)
        cur = cur_raw.lower().replace(" ", "") if cur_raw else ""
        if cur:
            unit = _Unit(cur_raw, _CURRENCY.get(cur, "USD"), "money", n_end) \
                if unit is None or unit.kind != "money" else unit
        if unit is None:
            return None  # a bare number: a phone number, an address, an age, a name part
        if not is_digits and text[n_end:n_end + 4].lower().strip() == "of" and not vague:
            return None  # "one of them"
        plain_year = (is_digits and _PLAIN_YEAR.fullmatch(raw1) and not cur and not cue)
        if plain_year and (unit is None or unit.kind not in ("person", "object", "money")):
            return None
        if self._is_designation(text, n_start, n1_end, unit):
            return None
        approximate = bool(cue) or vague or bool(n2 and sep != "and" or
                                                  sep == "and" and cue == "between")
        start = m.start(1) if cue_raw else (m.start(2) if cur_raw else n_start)
        end = max(n_end, unit.end) if unit else n_end
        return _QUANTITY(_num(value), unit.unit if unit else None, approximate,
                        _MENTION(start, end, text[start:end], "QUANTITY"))


def _age_before(before: str) -> bool:
    """Whether ``_AGE_BEFORE`` matches in ``before``; most texts lack "age" (no character
    but A, G and E matches those letters case-insensitively), and the regex, tried at
    every position, is left out for them."""
    return "age" in before.lower() and _AGE_BEFORE.search(before) is not None


def _last_word(before: str) -> str | None:
    r"""The last word of ``before`` (ASCII letters, a dot after them kept) before white
    space, or None: group 1 of a search for ``([A-Za-z]+\.?)\s*$`` (whose ``$`` also
    matches before a final line break), read backwards: that regex, tried at every
    position, cost ~5x more."""
    size = len(before)
    found: tuple[int, int] | None = None
    for end in ((size, size - 1) if size and before[-1] == "\n" else (size,)):
        k = end
        while k and before[k - 1].isspace():
            k -= 1
        stop = k
        if k and before[k - 1] == ".":
            k -= 1
        word_end = k
        while k and before[k - 1] in _ASCII_LETTERS:
            k -= 1
        if k < word_end and (found is None or k < found[0]):
            found = (k, stop)
    return None if found is None else before[found[0]:found[1]]


def _prev_word(text: str, lo: int, end: int) -> tuple[str, str] | None:
    r"""(currency sign, "") or ("", word) for what ends text[lo:end]: a currency sign,
    or an ASCII word (not glued to a word character before it) followed by an optional
    dot, white space and an optional "$" ("Rs. ", "US$"); None if neither. The same as the
    leftmost match of ``(?:([$€£¥₹])|\b([A-Za-z]+)\.?\s*\$?)$`` searched in [lo, end)
    (whose ``$`` also matches before a final line break), read backwards without a regex
    (~5x cheaper: the regex is tried at every position of the window)."""
    best: tuple[int, str, str] | None = None
    for e in ((end, end - 1) if end - 1 >= lo and text[end - 1] == "\n" else (end,)):
        if e - 1 >= lo and text[e - 1] in _CURRENCY_SIGNS and (best is None or e - 1 < best[0]):
            best = (e - 1, text[e - 1], "")
        k = e
        if k > lo and text[k - 1] == "$":
            k -= 1
        while k > lo and text[k - 1].isspace():
            k -= 1
        if k > lo and text[k - 1] == ".":
            k -= 1
        word_end = k
        while k > lo and text[k - 1] in _ASCII_LETTERS:
            k -= 1
        if k < word_end and (k == 0 or not is_word_char(text[k - 1])) \
                and (best is None or k < best[0]):
            best = (k, "", text[k:word_end])
    return None if best is None else (best[1], best[2])


class FatalityCounter:
    """Counts the deaths a span of text states.

    Victim counts are read before a death predicate ("two soldiers were killed"), after an
    active one ("killed a man and his son"), and toll statements ("3 fatalities", "death
    toll rose to 7") take precedence. Claims by a party yield to plain reports; a range
    counts its lower bound; injuries are never deaths.
    """

    def __init__(self, lex: Any, reader: QuantityReader | None = None,
                 compile_regex: Callable[..., re.Pattern[str]] = re.compile) -> None:
        self.reader = reader or QuantityReader(lex, compile_regex)
        self.nums = self.reader.numbers
        table = lex.table("quantities_deaths.tsv", DEATH_COLUMNS)
        # role -> first word -> phrases (longest first)
        self.phrases: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for r in table.rows:
            words = tuple(str(r["phrase"]).split())
            self.phrases.setdefault(str(r["role"]), {}).setdefault(words[0], []).append(words)
        for by_first in self.phrases.values():
            for v in by_first.values():
                v.sort(key=len, reverse=True)
        self.cue_words: dict[str, list[tuple[str, ...]]] = {}
        for c in self.reader.cues:
            words = tuple(c.split())
            self.cue_words.setdefault(words[0], []).append(words)
        for v in self.cue_words.values():
            v.sort(key=len, reverse=True)
        self.vague_first = {v.split()[0] for v in self.nums.vague}
        # first word of a vague amount -> the numbers of words of those starting with it
        self._vague_sizes: dict[str, frozenset[int]] = {
            w: frozenset(len(v.split()) for v in self.nums.vague if v.split()[0] == w)
            for w in self.vague_first}
        self.starters = (set(self.nums.simple) | self.vague_first | set(self.cue_words) |
                         _DETERMINERS | {"he", "she", "him", "her", "both", "all"})
        # first words of the roles read at every token of a span
        self._zero_first = frozenset(self.phrases.get("zero", ()))
        self._toll_first = frozenset(self.phrases.get("toll", ()))
        self._active_first = frozenset(self.phrases.get("active", ()))
        self._passive_first = frozenset(self.phrases.get("passive", ()))
        self._notable = (self._zero_first | self._toll_first | self._active_first
                         | frozenset(self.starters))
        # the words without which a sentence adds nothing to a count: the first words of
        # every role's phrases (a death predicate, a toll, a total, a zero statement) and
        # those a closing "1 killed." ends with (see ``_count``); a count matters only
        # before one of the words of ``_after_count`` in its sentence
        # (typed as any set: the differential tests put a set of every word in its place)
        self._after_count: AbstractSet[str] = (
            self._passive_first | frozenset(self.phrases.get("total", ())) | _CLOSING_DEATHS)
        self._deadly = (self._zero_first | self._toll_first | self._active_first
                        | self._after_count)
        self._deadly_or_end: AbstractSet[str] = self._deadly | _SENTENCE_ENDS
        self._persons: dict[str, bool] = {}  # word -> _is_person(word), remembered

    # ------------------------------------------------------------------ tokens
    @staticmethod
    def _tokens(text: str, start: int, end: int) -> list[str]:
        piece = text[start:end]
        if piece.isascii():  # lower-casing first changes no token (one pass, not one a token)
            return _ascii_tokens(piece.lower())
        return list(map(str.lower, _TOKEN.findall(text, start, end)))

    def _phrase_at(self, toks: list[str], i: int, role: str) -> int:
        """Length of the ``role`` phrase starting at token i (0 if none)."""
        index = self.phrases.get(role)
        candidates = index.get(toks[i]) if index is not None else None
        if candidates:
            for p in candidates:
                if tuple(toks[i:i + len(p)]) == p:
                    return len(p)
        return 0

    def _is_person(self, word: str) -> bool:
        known = self._persons.get(word)
        if known is None:
            bare = _POSSESSIVE.sub("", word)  # "a young man's body"
            u = self.reader.unit_of(bare) if bare[0].isalpha() else None
            known = bool(u and u[1] == "person" and bare not in ("dead", "injured", "wounded"))
            if len(self._persons) >= UNIT_CACHE_SIZE:
                self._persons.clear()
            self._persons[word] = known
        return known

    def _plural_form(self, word: str) -> bool:
        """A unit noun in a regular plural ("families"): a singular form of it is a unit
        too. (Irregular plurals such as "men" are not told apart.)"""
        units = self.reader.units
        return any(s in units for s in islice(_singulars(_POSSESSIVE.sub("", word)), 1, None))

    def _not_a_count(self, toks: list[str], k: int) -> bool:
        """The token after a number shows a date, time, age or measure, not a head count."""
        if k >= len(toks):
            return False
        w = toks[k]
        if w in _NOT_COUNT_AFTER or w in ("a", "p") and toks[k + 1:k + 2] == ["."]:
            return True
        unit_of = self.reader.unit_of
        for t in toks[k:k + 4]:
            if t[0].isalpha():
                u = unit_of(t)
                if u and u[1] == "animal":
                    return True  # "25 head of cattle"
                if u and u[1] == "person":
                    break  # "three children herding goats": the children are counted
        u = unit_of(w) if w[0].isalpha() else None
        return bool(u and u[1] not in ("person", "object"))

    def _toll_count(self, toks: list[str], k: int) -> int | None:
        """The count a toll phrase ending before token k states: right after it ("death
        toll rose to 7"), or after a linking word further on in its clause ("the death
        toll from Sunday's attack has risen to 23", "bringing the death toll to 40")."""
        for j in range(k, min(len(toks), k + _TOLL_REACH + 1)):
            if j > k and toks[j] in _CLAUSE_MARKS:
                break
            if j == k or toks[j - 1] in _TOLL_LINKS:
                c = self._count_at(toks, j)
                if c is not None and c[2] == "firm" and not (
                        c[1] < len(toks) and toks[c[1]] in _CLOCK_WORDS):
                    return c[0]
        return None

    def _count_at(self, toks: list[str], i: int) -> tuple[int, int, str] | None:
        """(value, end token index, kind) of a victim count starting at token i; kind is
        "firm", "definite" ("the soldier", "he") or "weak" ("a" + a noun not known to
        name people)."""
        w = toks[i]
        if not (w[0].isdigit() or w in self.starters):
            return None
        j = i
        for c in self.cue_words.get(w, ()):
            if tuple(toks[j:j + len(c)]) == c:
                j += len(c)
                break
        if j >= len(toks):
            return None
        w = toks[j]
        if w in self.vague_first:
            sizes = self._vague_sizes[w]
            left = len(toks) - j
            for k in (4, 3, 2, 1):
                if min(k, left) not in sizes:
                    continue  # no vague phrase of that many words starts with w
                phrase = " ".join(toks[j:j + k])
                if phrase in self.nums.vague:
                    return self.nums.vague[phrase], j + k, "firm"
        if w[0].isdigit():
            if j and (toks[j - 1] in self.reader.designator_before or
                      toks[j - 1] in self.reader.designator_after):
                return None  # "battalion 101", "Route 9"
            v, _ = self.nums.value(w)
            k = j + 1
            if k + 1 < len(toks) and toks[k] in ("-", "–", "to", "or") and toks[k + 1][0].isdigit():
                k += 2  # a range counts its lower bound
            if v is None or self._not_a_count(toks, k):
                return None  # dates, clock times, ages, distances
            return int(v), k, "firm"
        if w in self.nums.simple:
            k = j + 1
            while k < len(toks) and (toks[k] in self.nums.simple or toks[k] in ("-", "and") and
                                     toks[k + 1:k + 2] and toks[k + 1] in self.nums.simple):
                k += 1
            v, _ = self.nums.value(" ".join(t for t in toks[j:k] if t != "-"))
            if v is None or self._not_a_count(toks, k):
                return None
            return int(v), k, "firm"
        if w in ("both", "all") and toks[j + 1:j + 3] == ["of", "the"]:
            j += 2  # "both of the civilians"
            w = "both" if w == "both" else "the"
        if w in ("he", "she"):
            return 1, j + 1, "definite"
        if w == "him" or w == "her" and (j + 1 >= len(toks) or not self._is_person(toks[j + 1])):
            return 1, j + 1, "definite"
        if w not in _DETERMINERS and w != "both":
            return None
        # a determiner counts one person before a person noun ("a man", "the soldier")
        for n in range(j + 1, min(len(toks), j + 5)):
            t = toks[n]
            if self._is_person(t):
                if n + 1 < len(toks) and t[-2:] not in ("'s", "’s") \
                        and self._is_person(toks[n + 1]):
                    continue  # "displaced families": the last person word is the head
                if w in _SINGULAR_DETERMINERS and self._plural_form(t):
                    break  # "a school sheltering displaced families": not its head
                if w == "both":
                    return 2, n + 1, "firm"
                return 1, n + 1, "definite" if w in ("the", "his", "her") else "firm"
            if t in _NP_STOP or not (t[0].isalnum() or t in "-’'"):
                break
        if w == "both":
            return 2, j + 1, "firm"
        if j + 1 < len(toks) and toks[j + 1][0].isalpha() and toks[j + 1] not in _NP_STOP:
            return 1, j + 2, "weak"  # "a passer-by", "his cook"
        return None

    # ------------------------------------------------------------------ counting
    def count(self, text: str, start: int = 0, end: int | None = None,
              skip_grievances: bool = False) -> int | None:
        """Deaths stated in text[start:end]. With ``skip_grievances``, sentences that give
        a protest's cause ("demanding justice for a boy killed in March") are left out."""
        end = len(text) if end is None else end
        piece = text[start:end]
        low = piece.lower()
        if not _has_death_hint(text, start, end, piece, low):
            return None  # no death word at all: most spans
        n = self._count(text, start, end, skip_grievances,
                        _ascii_tokens(low) if piece.isascii() else None)
        if not n:
            return n
        # (each regex below is tried only where the lower-cased span holds a word it
        # needs, or a character that matches one of its letters only case-insensitively)
        odd = not piece.isascii() and any(c in piece for c in _FOLD_ODD)
        if ("coded" in low or odd) and _ELSEWHERE.search(text, start, end):
            return 0
        split = _SPLIT.search(text, start, end) \
            if "split" in low or "spread" in low or odd else None
        toll = _CODED.search(text, start, end) if split else None
        if split and toll and toll.start() > split.start():
            split = None  # "split across 2 events, coded as 2": the share is stated
        if n and split:
            parts = split.group(1).lower()
            k = int(parts) if parts.isdigit() else _SMALL[parts]
            return -(-n // max(k, 1))
        return n

    def _count(self, text: str, start: int, end: int, skip_grievances: bool = False,
               toks: list[str] | None = None) -> int | None:
        """``count`` without its checks of the whole span (``toks``: its tokens, if made)."""
        if toks is None:
            toks = self._tokens(text, start, end)
        if skip_grievances:
            toks = self._without_grievances(toks)
        totals: list[int] = []
        tolls: list[int] = []
        zero = False
        covered = -1  # tokens up to here belong to a count already read
        zero_first, toll_first = self._zero_first, self._toll_first
        active_first, starters = self._active_first, self.starters
        n_toks = len(toks)
        # (the tokens of both kinds, a few, found in one pass in C and told apart in Python)
        marks = list(compress(range(n_toks), map(self._deadly_or_end.__contains__, toks)))
        deadly = [i for i in marks if toks[i] not in _SENTENCE_ENDS]
        counted: dict[int, tuple[int, str]] = {}
        if "death" in toks:
            self._done_to_death(toks, counted)  # "a mob beat a man to death"
        if not deadly and not counted:
            return None  # no phrase of any role: nothing below can count a death
        ends = [i for i in marks if toks[i] in _SENTENCE_ENDS]
        # only tokens that open a phrase or a count do anything below: the others are
        # skipped in C (most of a span's tokens), and so are the sentences without a
        # phrase's first word (a count, a phrase and what is read after them never reach
        # past the "." or ";" that ends their sentence)
        notable: list[int] = []
        is_notable = self._notable.__contains__
        for lo, hi in _sentences_of(deadly, ends, n_toks):
            part = toks[lo:hi]
            notable += compress(range(lo, hi), map(
                or_, map(is_notable, part), map(str.isdigit, map(_FIRST, part))))
        # (both among the deadly tokens, a few: picked from them in Python)
        passive_first, after_count = self._passive_first, self._after_count
        passive = [i for i in deadly if toks[i] in passive_first]
        # a count is read only before one of these words of its sentence (a death
        # predicate, a total, a closing "killed"): (index, start of its sentence)
        readers = [i for i in deadly if toks[i] in after_count]
        reader_from = _sentence_starts(ends, readers)
        n_readers = len(readers)
        for i in notable:
            w = toks[i]
            if w in zero_first and self._phrase_at(toks, i, "zero"):
                zero = True
            if w in toll_first:
                n = self._phrase_at(toks, i, "toll")
                toll = self._toll_count(toks, i + n) if n else None
                if toll is not None:
                    tolls.append(toll)
            if w in active_first and not (i and toks[i - 1] in _BACKGROUND):
                # not "accused of killing a man", "the officer who killed a man"
                n = self._phrase_at(toks, i, "active")
                if n:
                    self._active_objects(toks, i + n, counted)
            if i <= covered or not (w in starters or w[0].isdigit()):
                continue  # (_count_at reads nothing there)
            b = bisect_right(readers, i)
            if b == n_readers or reader_from[b] > i:
                continue  # no word after i in its sentence makes a count there matter
            if w[0].isdigit() and ((i and toks[i - 1] in _MONTHS)
                                   or (i + 1 < len(toks) and toks[i + 1] in _MONTHS)):
                continue  # "MOGADISHU, Feb 14 - At least seven ...": a day, not a count
            c = self._count_at(toks, i)
            if c is None:
                continue
            value, k, kind = c
            covered = k - 1
            if kind == "firm" and k < len(toks) and self._total_after(toks, k):
                totals.append(value)
                continue
            if i and toks[i - 1] in ("no", "not", "nor"):
                continue  # "no one was killed"
            if i and toks[i - 1] in _PREPOSITIONS:
                continue  # "3 members of an armed group were killed": one count, not two
            if kind == "firm" and (i == 0 or toks[i - 1] in (".", ";")) and \
                    k + 1 < len(toks) and toks[k] in _CLOSING_DEATHS and \
                    toks[k + 1] in (".", ";"):
                tolls.append(value)  # a closing "1 killed." sums the report up
                continue
            # (a death predicate must start within reach for _passive_after to find one)
            b = bisect_left(passive, k)
            if b < len(passive) and passive[b] < k + _PASSIVE_REACH and \
                    self._passive_after(toks, k, weak=kind == "weak"):
                counted.setdefault(i, (value, "definite" if kind == "weak" and
                                       toks[i] in ("the", "his", "her") else kind))
        if tolls:
            return tolls[-1]
        if totals:
            return max(totals)
        claimed = self._claim_tokens(toks) if counted else set()
        firm = sum(v for i, (v, d) in counted.items() if d != "definite" and i not in claimed)
        if firm:
            return firm
        firm = sum(v for v, d in counted.values() if d != "definite")
        if firm:  # only a party's claim gives a count: keep it
            return firm
        if counted:
            return 1
        return 0 if zero else None

    def _done_to_death(self, toks: list[str], counted: dict[int, tuple[int, str]]) -> None:
        """The victims between a verb of violence and "to death" ("beat a man to death",
        "stabbed two guards to death"): the active phrases name the verb and its object
        apart, which the lexicon's phrases cannot."""
        for k in range(1, len(toks) - 1):
            if toks[k] != "to" or toks[k + 1] != "death":
                continue
            for j in range(k - 2, max(-1, k - TO_DEATH_REACH - 1), -1):
                if toks[j] in _TO_DEATH_VERBS:
                    c = self._count_at(toks, j + 1)
                    if c is not None and c[1] <= k and k - c[1] <= TO_DEATH_NOUN_WORDS and all(
                            t[0].isalpha() for t in toks[c[1]:k]):  # ("two suspected thieves")
                        counted.setdefault(j + 1, (c[0], "firm" if c[2] == "weak" else c[2]))
                    break

    def _without_grievances(self, toks: list[str]) -> list[str]:
        out: list[str] = []
        start = 0
        for i, w in enumerate(toks + ["."]):
            if w in (".", ";"):
                sent = toks[start:i + 1]
                if not any(self._phrase_at(toks, k, "grievance") for k in range(start, i)):
                    out.extend(sent)
                start = i + 1
        return out

    @staticmethod
    def _claim_tokens(toks: list[str]) -> set[int]:
        """Indexes of tokens in sentences that report a party's claim ("X claimed it killed")."""
        out: set[int] = set()
        start = 0
        # (the sentences found by their ends, and tested, with set and list methods in C)
        for end in [*compress(range(len(toks)), map(_SENTENCE_ENDS.__contains__, toks)),
                    len(toks)]:
            sent = toks[start:end]
            if not _CLAIM.isdisjoint(sent) or "said" in sent and any(
                    a == "said" and b in ("it", "they") for a, b in zip(sent, sent[1:])):
                out.update(range(start, end))
            start = end + 1
        return out

    def _total_after(self, toks: list[str], k: int) -> bool:
        for j in (k, k + 1):
            if j < len(toks) and self._phrase_at(toks, j, "total"):
                if j == k or toks[k][0].isalpha() and toks[k] not in _NP_STOP:
                    return True
        return False

    def _passive_after(self, toks: list[str], k: int, weak: bool = False) -> int:
        """Index of the death predicate the count at k is the subject of (0 if none)."""
        aux = False
        limit = min(len(toks), k + PASSIVE_WINDOW)
        skip_to = -1  # the closing comma of an apposition passed over
        for j in range(k, min(len(toks), k + PASSIVE_WINDOW + APPOSITION_TOKENS)):
            if j <= skip_to:
                continue
            if j >= limit:
                break
            w = toks[j]
            if w == "," and skip_to < 0 and j + 1 < len(toks) \
                    and toks[j + 1] in _APPOSITIVE_OPENERS:
                # "seven people, including four children, were killed": past the apposition
                skip_to = _apposition_end(toks, j + 2)
                if skip_to > 0:
                    limit = min(len(toks), limit + skip_to - j + 1)
                    continue
            n = self._phrase_at(toks, j, "passive")
            if n:
                nxt = toks[j + n] if j + n < len(toks) else "."
                if nxt == "or" and j + n + 1 < len(toks) and toks[j + n + 1] in (
                        "injured", "wounded", "hurt", "missing"):
                    return 0
                if weak and not aux:
                    return 0
                if not aux and toks[j + n - 1] not in _INTRANSITIVE:
                    # "two gunmen killed a man": the count is the killers', not the dead's
                    # ("two gunmen killed at least five": the count after it is the dead)
                    return j if nxt in _CLAUSE_END and (
                        nxt != "at" or self._count_at(toks, j + n) is None) else 0
                return j
            if w in _AUX:
                aux = True
                continue
            if w in _OUTCOMES and j + 1 < len(toks) and toks[j + 1] == "and":
                continue  # "were arrested and killed"
            if w in ("not", "never", "no") or w in _FATAL_BLOCK:
                return 0
            if w in _DETERMINERS and toks[j - 1] not in _DET_OK_AFTER:
                return 0
            if not w[0].isalnum() and w not in ("-", "–", "’", "'", "(", ")"):
                return 0
            if aux and w not in _AFTER_AUX and not w.endswith("ly"):
                # "was shot in the head and killed": a short phrase, then the death
                for n in range(j + 1, min(len(toks), j + 5)):
                    if toks[n] in _FATAL_BLOCK or not toks[n][0].isalnum():
                        break
                    if toks[n] == "and" and self._phrase_at(toks, n + 1, "passive"):
                        return n + 1
                return 0
        return 0

    @staticmethod
    def _outcome_first(toks: list[str], k: int) -> bool:
        """An injury/arrest word comes before the next "and" or punctuation after k."""
        for t in toks[k:k + COORDINATION_WINDOW]:
            if t in _OUTCOMES:
                return True
            if t in ("and", ",", ".", ";"):
                return False
        return False

    def _active_objects(self, toks: list[str], k: int, counted: dict[int, tuple[int, str]]) -> None:
        first = True
        while k < len(toks):
            c = self._count_at(toks, k)
            if c is None or any(t in _OUTCOMES for t in toks[c[1]:c[1] + COORDINATION_WINDOW]
                                if t not in ("and", ",")) and self._outcome_first(toks, c[1]):
                return
            # a victim coordinated with another ("a man and his son") is a second person
            counted.setdefault(k, (c[0], c[2] if first and c[2] == "definite" else "firm"))
            first = False
            j = c[1]
            # "killed a driver and his co-driver": coordinated victims count too
            while j < len(toks) and j < c[1] + COORDINATION_WINDOW and \
                    toks[j] not in ("and", ",", ".", ";"):
                j += 1
            if j + 1 < len(toks) and toks[j] == "and":
                k = j + 1
                continue
            return


# Verbs whose object "to death" follows ("beat a man to death"), and how far back from
# "to death" the verb may stand (an article, adjectives and the noun between).
# (finite forms only: "witnessing him stabbing his stepfather to death" tells background)
_TO_DEATH_VERBS = frozenset("beat stabbed hacked stoned burned burnt tortured clubbed kicked "
                            "trampled crushed starved shot".split())
TO_DEATH_REACH = 7
TO_DEATH_NOUN_WORDS = 3  # words after the count before "to death" ("two suspected thieves")


def _apposition_end(toks: list[str], i: int) -> int:
    """Index of the comma closing an apposition whose words start at token i (-1 if none
    within APPOSITION_TOKENS tokens)."""
    for j in range(i, min(len(toks), i + APPOSITION_TOKENS)):
        if toks[j] == ",":
            return j
        if toks[j] in _SENTENCE_ENDS:
            return -1
    return -1


_PREPOSITIONS = frozenset("of from to with in belonging among including".split())
# Words opening an apposition after a count ("seven people, including four children,"),
# and how many tokens it may hold before its closing comma.
_APPOSITIVE_OPENERS = frozenset("including among mostly mainly many most all some both".split())
APPOSITION_TOKENS = 8
# The words a closing count ends with ("1 killed."), read as the report's toll.
_CLOSING_DEATHS = frozenset({"killed", "dead", "died"})
# The tokens that end a sentence for the counter (its grievance and claim sentences too).
_SENTENCE_ENDS = frozenset({".", ";"})


def _sentences_of(deadly: list[int], ends: list[int], size: int) -> list[tuple[int, int]]:
    """The token ranges [lo, hi) of the sentences that hold an index of ``deadly`` (sorted),
    in order; ``ends``: the indexes (sorted) of the "." and ";" tokens that end sentences
    (each in its sentence), ``size``: the number of tokens."""
    out: list[tuple[int, int]] = []
    last = -1  # the sentence (index into ends) last kept
    for d in deadly:
        b = bisect_left(ends, d)  # the sentence of d ends at ends[b] (or the span's end)
        if b != last:
            last = b
            out.append((ends[b - 1] + 1 if b else 0, ends[b] + 1 if b < len(ends) else size))
    return out


def _sentence_starts(ends: list[int], positions: list[int]) -> list[int]:
    """The index of the first token of the sentence of each position (``ends``: the
    indexes of the tokens that end sentences, sorted)."""
    if not ends:
        return [0] * len(positions)
    out: list[int] = []
    for p in positions:
        b = bisect_left(ends, p)
        out.append(ends[b - 1] + 1 if b else 0)
    return out


# Month names (and their short forms): a number next to one is a day of the month
_MONTHS = frozenset("jan january feb february mar march apr april may jun june jul july aug "
                    "august sep sept september oct october nov november dec december".split())
_DETERMINERS = frozenset({"a", "an", "another", "the", "his", "her"})
_SINGULAR_DETERMINERS = frozenset({"a", "an", "another"})
_AUX = frozenset("was were been are is got have has had being".split())
_AFTER_AUX = frozenset("all both shot and then also later reportedly allegedly".split())
_CLAUSE_END = frozenset(". , ; and in on at when after while during by near as since ) "
                        "following".split())

# Death predicates that take no object: "two died" needs no auxiliary to be read passively.
_INTRANSITIVE = frozenset("died die dead perished lives life succumbed".split())
# "N fatalities split between M events": each event gets the rounded-up share.
_SPLIT = re.compile(r"\b(?:split|spread)\s+(?:between|among|across|over)\s+(\d+|two|three|four|five|six|"
                    r"seven|eight|nine|ten)\s+(?:events|locations|incidents|days)", re.I)
# Deaths stated to be recorded with another event.
_ELSEWHERE = re.compile(r"\b(?:fatalities|deaths)\s+(?:are\s+|were\s+)?coded\s+(?:to|with|in)\b"
                        r"[^.;]{0,60}\bevent", re.I)
_CODED = re.compile(r"\bcoded\s+as\b", re.I)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}

# Words after which a determiner continues the victims' noun phrase ("two members of the
# group were killed") rather than starting another one.
_DET_OK_AFTER = frozenset("and or of to from with in belonging".split())

# Words that make a sentence a party's claim, whose count yields to a plain report's.
_CLAIM = frozenset("claimed claiming claims claim".split())

# Tokens after a number that show it is not a head count.
_NOT_COUNT_AFTER = frozenset("""year years -year -year-old pm am p.m a.m : / january february
march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec percent %""".split())
# Words a coordinated victim may stand after the first ("killed a colonel of the X battalion
# and 40 of his soldiers"): long enough for a rank and unit name, chosen by hand.
COORDINATION_WINDOW = 8

# A span with none of these word stems states no deaths (a fast first check; the lexicon
# decides the rest). "casualt" is here for "no casualties" = 0.
_DEATH_STEMS = ("kill", "dead", "death", "die", "fatal", "body", "bodies", "lives", "life",
                "casualt", "slain", "hurt", "injur", "murder", "execut", "behead", "lynch",
                "assassin", "perish", "succumb", "toll")
_DEATH_HINT = re.compile("(?i:" + "|".join(_DEATH_STEMS) + ")")
# Characters that match an ASCII letter case-insensitively in a regex but that str.lower()
# does not turn into it (dotted/dotless i, long s): spans holding one use the regex.
_FOLD_ODD = frozenset("\u0130\u0131\u017f")


def _has_death_hint(text: str, start: int, end: int, piece: str | None = None,
                    low: str | None = None) -> bool:
    """Whether ``_DEATH_HINT`` matches in text[start:end]: the stems are looked for in the
    lower-cased span (substring searches cost ~10x less than a regex scan of every position
    of a paragraph). ``piece`` and ``low``: the span and its lower-cased form, if made."""
    if piece is None:
        piece = text[start:end]
    if low is None:
        low = piece.lower()
    for stem in _DEATH_STEMS:
        if stem in low:
            return True
    if not piece.isascii() and any(c in piece for c in _FOLD_ODD):
        return _DEATH_HINT.search(text, start, end) is not None
    return False

# How many words may stand between a victim count and its death predicate ("a police
# officer of the city's drug enforcement unit was shot dead"), chosen by hand.
PASSIVE_WINDOW = 12
# Tokens after a count within which ``_passive_after`` may find the first word of a death
# predicate: its window, then a short phrase and "and" ("was shot in the head and killed").
_PASSIVE_REACH = PASSIVE_WINDOW + 5
# How many words after a toll phrase its count may stand ("the death toll from Sunday's
# attack on the market has risen to 23": 8), and the words that lead to it there.
_TOLL_REACH = 10
_TOLL_LINKS = frozenset({"to", "at", "reached", "hit", "topped", "passed", "surpassed",
                         "exceeded"})
_CLAUSE_MARKS = frozenset({",", ".", ";", ":"})
_CLOCK_WORDS = frozenset({"pm", "am", "p.m", "a.m", "p.m.", "a.m.", "gmt", "hours", "hrs"})
# Words before an active death verb that make the killing background, not the event's.
_BACKGROUND = frozenset("of for who having".split())
_POSSESSIVE = re.compile(r"['’]s$")

# Outcomes other than death: a victim count followed by one of them is not of the dead.
_OUTCOMES = frozenset("""injured wounded hurt arrested abducted kidnapped detained missing
rescued released captured injuries injury""".split())

# Words that end the search for a death predicate after a count: other outcomes.
_FATAL_BLOCK = frozenset("""injured wounded hurt arrested abducted kidnapped detained missing
rescued released captured injuries injury who which that when while after before because but
whose""".split())


def quantities_in(text: str, resources: Any = None) -> list[Quantity]:
    """Convenience: the quantities of a text (date numbers are not excluded here)."""
    reader = QuantityReader(resources.lexicons) if resources is not None else _default_reader()
    return reader.find(text)


@functools.lru_cache(maxsize=1)
def _default_reader() -> QuantityReader:
    return QuantityReader(load_lexicons())


@functools.lru_cache(maxsize=1)
def _default_counter() -> FatalityCounter:
    return FatalityCounter(load_lexicons(), _default_reader())


def fatalities_in(doc_or_text: Document | str, start: int = 0, end: int | None = None,
                  counter: FatalityCounter | None = None) -> int | None:
    """Deaths stated in ``text[start:end]``: an int, 0 for "no casualties", None if unsaid."""
    text = doc_or_text.text if isinstance(doc_or_text, Document) else doc_or_text
    return (counter or _default_counter()).count(text, start, end)


class QuantityStage:
    """Fills ``Document.quantities`` (numbers inside date expressions are skipped)."""

    name: ClassVar[str] = "quantities.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("quantities",)
    requires: ClassVar[tuple[str, ...]] = ("sentences",)

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        self.reader = QuantityReader(resources.lexicons, resources.regexes.compile)

    def __call__(self, doc: Document) -> Document:
        skip = [(d.mention.start, d.mention.end) for d in doc.dates if d.mention]
        return with_fields(doc, quantities=tuple(self.reader.find(doc.text, skip)))
