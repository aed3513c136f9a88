"""Compile lexicon rows of regular-expression fragments into one scanner.

Each row's pattern is split into its top-level alternatives (a leading optional group is
distributed: ``(?:a |the )?mine`` -> ``a mine``, ``the mine``, ``mine``); all alternatives
of all rows go into one compiled regex, longest shortest-match first, so that "suicide
bomber" wins over "bomber" at the same position. A match reports the row it came from.
"""

from __future__ import annotations

import re
import sys
from operator import itemgetter
from typing import Any, Callable, Collection, Iterator, NamedTuple, Sequence

from ..errors import LexiconError
from ..pipeline.wordscan import beyond_bmp, bmp_class

try:  # the regex parser gives a pattern's shortest and longest match
    import re._constants as _sre_c  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older layout
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["Hit", "PhraseMatcher", "TextKind", "split_alternatives", "expand_leading",
           "literal_prefix", "scan_text"]


# From this many phrases on, a matcher scans without a capturing group per phrase and names
# each match afterwards (``_Namers``, which remembers the names of the texts found): copying
# a group per phrase into every match object costs more. Measured in instructions on the
# event lexicons: cues (~1100 phrases) and context (~310) scan faster this way (context by
# a tenth), victims (~180) a little slower.
NAMED_AFTER = 250

# ``hits_around`` scans on through a gap of up to this many characters between two spans
# rather than seek a barrier and start a new scan after it: scanning a character costs
# ~250 instructions, a new scan ~20,000. Measured on the context markers over news
# articles: any gap from 30 to 100 saves a sixth of the instructions (scanning only white
# space between sentences, gap 2, saves most of it); longer gaps cost more again.
MERGE_GAP = 60


class Hit(NamedTuple):
    """One phrase found: a named tuple, as documents yield hundreds of them."""

    start: int
    end: int
    row: int  # index of the lexicon row that matched


# what ``split_alternatives`` reads of a pattern: an escape (a lone backslash at the end),
# a set up to its first unescaped "]" (or to the end), a parenthesis, a bar, or a run of
# other characters
_ALT_TOKEN = re.compile(r"\\.?|\[(?:\\.?|[^\]\\])*\]?|[()|]|[^\\\[()|]+", re.DOTALL)


def split_alternatives(pattern: str) -> list[str]:
    """Split ``a|b(?:c|d)|e`` at top-level bars: ``['a', 'b(?:c|d)', 'e']``."""
    if "|" not in pattern:
        return [pattern] if pattern else []
    parts, depth, start = [], 0, 0
    for m in _ALT_TOKEN.finditer(pattern):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif tok == "|" and depth == 0:
            parts.append(pattern[start:m.start()])
            start = m.end()
    parts.append(pattern[start:])
    return [p for p in parts if p]


def _specificity(alt: str) -> tuple[int, int]:
    """Sort key: phrases with longer shortest matches first (then longer longest ones),
    so that at one position the longer phrase wins ("shoot-out" over "shoot")."""
    found = _width(alt)
    lo, hi = found if found is not None else (len(_literal(alt)),) * 2
    return (-lo, -min(hi, 1000))


def _width(alt: str) -> tuple[int, int] | None:
    """The shortest and longest match of ``alt`` as the regex parser gives them (None if
    it fails). Common patterns are measured by ``_quick_width``: parsing is slow."""
    if _META.isdisjoint(alt):
        return len(alt), len(alt)  # (plain text)
    found = _quick_width(alt)
    if found is not None:
        return found
    try:
        return _sre_parse.parse(alt).getwidth()  # type: ignore[no-any-return]
    except Exception:  # the private parser changed
        return None


# Where the parser caps widths: Python 3.11.5 and later cap both at MAXWIDTH and count an
# unbounded repeat of a non-empty item as MAXWIDTH; earlier versions cap the lower width at
# MAXREPEAT - 1 and the upper at MAXREPEAT, and count such a repeat as MAXREPEAT times.
_MAXWIDTH: int | None = getattr(_sre_parse, "MAXWIDTH", None)
_REPEAT_CAP: int | None = getattr(_sre_parse, "MAXREPEAT", None)
_LOW_CAP, _HIGH_CAP = ((_MAXWIDTH, _MAXWIDTH) if _MAXWIDTH is not None
                       else (_REPEAT_CAP - 1, _REPEAT_CAP) if _REPEAT_CAP is not None
                       else (None, None))
# one token of a pattern: an escape, a set (a "]" right after its "[" or "[^" is one of its
# characters), a group opening, a quantifier, a run of plain characters, or one character
_SET_BODY = r"(?:\](?:\\.|[^\]\\\[])*|(?:\\.|[^\]\\\[])+)\]"
_TOKEN = re.compile(rf"\\(.)|\[(?!\^){_SET_BODY}|\[\^{_SET_BODY}|\(\?(?::|-i:|=|!|<=|<!)|[()|]"
                    r"|(\{(\d*)(?:(,)(\d*))?\}|[?*+])([?+]?)|([^\\.^$*+?{}\[\]()|]+)|.",
                    re.DOTALL)
_ZERO_ESCAPES = frozenset("bBAZ")
_ONE_ESCAPES = frozenset("dDsSwW")


def _quick_width(alt: str) -> tuple[int, int] | None:
    """What ``getwidth`` of the parsed ``alt`` gives, for patterns of literal characters,
    escaped punctuation, ``\\d \\s \\w \\b`` and their opposites, sets, ``.``,
    non-capturing groups, look-arounds and greedy or lazy quantifiers (None for any other,
    or a pattern the parser would reject)."""
    if _HIGH_CAP is None:
        return None  # (another parser: let it measure)
    # stack of groups: [lo of the finished alternatives, hi of them, lo and hi of the
    # current alternative, width of its last item (None after a quantifier), zero-width]
    stack: list[list[Any]] = [[None, 0, 0, 0, None, False]]
    for m in _TOKEN.finditer(alt):
        # the last group of the token tells its kind: 1 an escape, 6 a quantifier (whose
        # last group always takes part), 7 plain characters, None any other
        kind, top = m.lastindex, stack[-1]
        if kind == 1:  # an escape
            c = m.group(1)
            if c in _ZERO_ESCAPES:
                item = (0, 0)
            elif c in _ONE_ESCAPES or not (c.isalnum() or c == "_"):
                item = (1, 1)
            else:
                return None
        elif kind == 6:  # a quantifier
            last = top[4]
            if last is None or m.group(6) == "+":
                return None
            if m.group(3) is not None:  # ("{m,n}")
                if not m.group(3) and not m.group(4) or m.group(4) and not m.group(5):
                    return None  # ("{,}", "{2,}" are left to the parser)
                low = int(m.group(3) or 0)
                high = low if not m.group(4) else int(m.group(5))
                if high < low:
                    return None
            else:
                q = m.group(2)
                low = 0 if q in "?*" else 1
                high = 1 if q == "?" else -1  # (-1: no bound)
            top[2] += last[0] * low - last[0]
            if high < 0 and last[1]:  # (as the parser counts it)
                if _MAXWIDTH is not None:
                    top[3] = _MAXWIDTH
                else:
                    top[3] += last[1] * _HIGH_CAP - last[1]
            else:
                top[3] += last[1] * max(high, 0) - last[1]
            top[4] = None
            continue
        elif kind == 7:  # plain characters (a quantifier takes the last)
            run = m.end() - m.start() - 1
            top[2] += run
            top[3] += run
            item = (1, 1)
        else:
            tok = m.group()
            if tok == "|":
                _close_alternative(top)
                continue
            if tok[0] == "(":
                if tok == "(":
                    return None  # (a capturing group)
                stack.append([None, 0, 0, 0, None, tok[2] in "=!<"])
                continue
            if tok == ")":
                if len(stack) == 1:
                    return None
                _close_alternative(top)
                stack.pop()
                item = (0, 0) if top[5] else (top[0], top[1])
                top = stack[-1]
            elif tok in "[{}^$\\":
                return None  # (an unclosed set, a brace that is no quantifier, an anchor...)
            else:  # a set or "."
                item = (1, 1)
        top[2] += item[0]
        top[3] += item[1]
        top[4] = item
    if len(stack) != 1:
        return None
    _close_alternative(stack[0])
    return stack[0][0], stack[0][1]


def _close_alternative(group: list[Any]) -> None:
    """End the current alternative of a ``_quick_width`` group (the parser caps widths)."""
    lo, hi = min(group[2], _LOW_CAP), min(group[3], _HIGH_CAP)  # type: ignore[type-var]
    group[0] = lo if group[0] is None else min(group[0], lo)
    group[1] = max(group[1], hi)
    group[2] = group[3] = 0
    group[4] = None


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


def _literal(alt: str) -> str:
    return re.sub(r"\(\?[:!=<-]+(?:[a-zA-Z]*:)?|[()?*+{}\[\]|^$]", "", alt)


def _bounded(alt: str, head: bool = False) -> str:
    """Wrap one alternative in a capturing group with word boundaries where it starts
    (``head``) or ends with a word character (punctuation such as ';' takes none)."""
    lit = _literal(alt).replace("\\", "")
    head_re = "(?<![\\w-])" if head and lit[:1].isalnum() else ""
    tail = "(?!\\w)" if lit[-1:].isalnum() else ""
    return f"{head_re}({alt}){tail}"


def _close_paren(alt: str, i: int) -> int:
    """Index of the parenthesis closing the one opened at ``alt[i]``."""
    depth, k = 0, i
    while k < len(alt):
        ch = alt[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def expand_leading(alt: str, depth: int = 0) -> list[str]:
    """Distribute a leading ``(?:a|b)`` group: ``(?:a|b)?c`` -> ``ac``, ``bc``, ``c``, so
    that every alternative starts with a literal character where possible."""
    if depth > 3 or not alt.startswith("(?:"):
        return [alt]
    j = _close_paren(alt, 0)
    if j < 0:
        return [alt]
    inner, after = alt[3:j], alt[j + 1:]
    if after[:1] in ("*", "+", "{"):
        return [alt]
    optional = after[:1] == "?"
    rest = after[1:] if optional else after
    outs = [a + rest for a in split_alternatives(inner)] + ([rest] if optional and rest else [])
    return [x for o in outs for x in expand_leading(o, depth + 1)]


_META = set("\\.^$*+?{}[]()|")


def literal_prefix(alt: str) -> str:
    """The literal text every match of ``alt`` starts with (lower-cased, may be empty)."""
    body = alt[5:] if alt.startswith("(?-i:") else alt
    out: list[str] = []
    for ch in body:
        if ch in _META:
            if ch in "?*{" and out:
                out.pop()  # the previous character is optional
            break
        out.append(ch)
    return "".join(out).lower()


_ESCAPE = re.compile(r"\\.", re.DOTALL)


def lower_pattern(alt: str) -> str:
    """Lower-case the literal letters of a pattern (escapes such as ``\\W`` kept) and drop
    ``(?-i:`` scopes: the scan runs case-blind over lower-cased text."""
    if alt.isascii() and "(?-i:" not in alt:  # (the same, one run of text at a time)
        parts: list[str] = []
        k = 0
        for m in _ESCAPE.finditer(alt):
            parts += (alt[k:m.start()].lower(), m.group())
            k = m.end()
        parts.append(alt[k:].lower())
        return "".join(parts)
    out, k = [], 0
    while k < len(alt):
        ch = alt[k]
        if ch == "\\" and k + 1 < len(alt):
            out.append(alt[k:k + 2])
            k += 2
            continue
        if alt.startswith("(?-i:", k):
            out.append("(?:")
            k += 5
            continue
        out.append(ch.lower())
        k += 1
    return "".join(out)


# The ASCII bytes: what ``bytes.translate`` deletes to leave a text's other characters
_ASCII_BYTES = bytes(range(128))


def _lowered(text: str) -> str:
    """``text`` lower-cased, each character kept where it stands (one whose lower case is
    longer than one character, such as "İ", is left as it is)."""
    if not text.isascii():
        # Lower-casing a text of wide characters queries the Unicode database per
        # character; when none of its non-ASCII characters has a lower case of its own
        # (news: quotes, dashes, accented small letters) lower-casing its UTF-8 bytes,
        # which changes only the ASCII letters, gives the same text at a third of the cost.
        raw = text.encode("utf-8", "surrogatepass")
        others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if others.lower() == others:
            return raw.lower().decode("utf-8", "surrogatepass")
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def scan_text(text: str) -> str:
    """The form of ``text`` the matchers scan: lower-cased (offsets kept) after one
    separator. Compute it once per document and pass it to ``PhraseMatcher.hits``."""
    return " " + _lowered(text)


_LEAD_REPEAT = re.compile(r"(?:\\[dws]|\[(?:\\.|[^\]\\])+\])\+(?![?+])")


def _lead_once(rest: str) -> str:
    """``\\d+ ?mm`` -> ``\\d\\d* ?mm``: the same matches, but an alternative that starts with
    a character set is skipped after one test where a repeat is entered and left (the
    alternatives not factored on a letter are tried at every separator)."""
    m = _LEAD_REPEAT.match(rest)
    if m is None:
        return rest
    atom = m.group()[:-1]
    return atom + atom + "*" + rest[m.end():]


def _head(rest: str) -> str:
    """The literal first character ``_trie`` factors out of ``rest`` ('' if none)."""
    c = rest[:1]
    if c and (c.isalnum() or c in ",;:&-' ") and rest[1:2] not in ("?", "*", "{", "+"):
        return c
    return ""


def _trie(members: list[tuple[int, str, str]], order: list[int], depth: int = 0,
          mark: str = "()") -> str:
    """Factor the first two literal characters out of the alternatives so that the regex
    engine's branch look-up rejects a position after one comparison per letter (further
    characters are factored where that keeps the order, ``_ordered_trie``). Appends
    each alternative's index to ``order`` in the order its capturing group (``mark``)
    appears."""
    if depth >= 2:
        return _ordered_trie(members, order, mark)
    heads: dict[str, list[tuple[int, str, str]]] = {}
    loose: list[tuple[int, str, str]] = []
    for k, rest, tail in members:
        c = _head(rest)
        if c:
            heads.setdefault(c, []).append((k, rest[1:], tail))
        else:
            loose.append((k, rest, tail))
    parts = [f"{re.escape(c)}(?:{_trie(sub, order, depth + 1, mark)})"
             for c, sub in heads.items()]
    order.extend(k for k, _, _ in loose)
    parts += [f"(?:{rest}){mark}{tail}" for _, rest, tail in loose]
    return "|".join(parts)


def _ordered_trie(members: list[tuple[int, str, str]], order: list[int], mark: str) -> str:
    """The alternatives in their order, those of a run without an unfactored one between
    them grouped on their first literal character (recursively): two alternatives that
    start with different characters cannot both match at a position, so the engine tries
    the same alternative first that the plain list would, after one comparison per
    group instead of one per alternative."""
    parts: list[str] = []
    run: dict[str, list[tuple[int, str, str]]] = {}

    def close_run() -> None:
        for c, sub in run.items():
            if len(sub) == 1:
                k, rest, tail = sub[0]
                order.append(k)
                parts.append(f"{re.escape(c)}(?:{rest}){mark}{tail}")
            else:
                parts.append(f"{re.escape(c)}(?:{_ordered_trie(sub, order, mark)})")
        run.clear()

    for k, rest, tail in members:
        c = _head(rest)
        if c:
            run.setdefault(c, []).append((k, rest[1:], tail))
            continue
        close_run()
        order.append(k)
        parts.append(f"(?:{rest}){mark}{tail}")
    close_run()
    return "|".join(parts)


class TextKind:
    """Whether the last text scanned has characters past the Basic Multilingual Plane
    (``beyond_bmp``, which reads the whole text): matchers that scan the same texts share
    one, so that each text is measured once, not once per matcher."""

    __slots__ = ("low", "wide")

    def __init__(self) -> None:
        self.low: str | None = None
        self.wide = False

    def beyond_bmp(self, low: str) -> bool:
        if low is not self.low:
            self.low, self.wide = low, beyond_bmp(low)
        return self.wide


class PhraseMatcher:
    """Finds every row's phrases in a text in one left-to-right pass.

    The text is lower-cased once and scanned with one regex whose alternatives are
    factored on their first letters (a small trie), so the engine rejects most positions
    with a few comparisons. Matches do not overlap; at one position the most specific
    phrase (longer shortest match) wins. Phrases with case-sensitive parts (``(?-i:...)``)
    are sought apart, on the original text, where their literal start occurs.

    Phrases of ``unread_rows`` still keep other phrases from matching inside them but are
    not reported (the caller never reads them). A matcher made with ``regions`` can scan
    only the parts of a text its caller reads (``hits_around``); others scan it all.
    ``compile_regex`` compiles the scanners (``re.compile``, or a ``RegexCache``'s, which reuses
    what earlier runs compiled); ``kind`` is a ``TextKind`` shared with other matchers of
    the same texts.
    """

    def __init__(self, patterns: Sequence[str], source: str = "",
                 lines: Sequence[int] | None = None, unread_rows: Collection[int] = (),
                 regions: bool = False,
                 compile_regex: Callable[..., re.Pattern[str]] = re.compile,
                 kind: TextKind | None = None) -> None:
        self._compile = compile_regex
        self._kind = kind if kind is not None else TextKind()
        # Compiling each row to check it costs as much as compiling the scanner: rows that
        # ``_surely_valid`` passes are checked by compiling the scanner; anything amiss
        # there, and the rows are checked one by one, so that an error names its row.
        if _surely_valid(patterns):
            try:
                self._build(patterns, unread_rows, regions)
                if self._groups_as_built():
                    return
            except Exception:  # (a bad row: ``_validate`` names it)
                pass
        _validate(patterns, source, lines)
        self._build(patterns, unread_rows, regions)

    def _groups_as_built(self) -> bool:
        """Whether the compiled scanners have only the groups the matcher made (a row
        with a capturing group adds some)."""
        made = len(self._row_of_group)
        if self._named is not None:
            if self._named._grouped.groups != made:
                return False
            made = 0
        return self._regex.groups == made and all(rx.groups == 1 for _, rx, _ in self._cased)

    def _build(self, patterns: Sequence[str], unread_rows: Collection[int],
               regions: bool) -> None:
        alts: list[tuple[tuple[int, int], int, str, tuple[int, int] | None]] = []
        for i, pat in enumerate(patterns):
            for top in split_alternatives(pat):
                for alt in expand_leading(top):
                    width = _width(alt)
                    lo, hi = width if width is not None else (len(_literal(alt)),) * 2
                    alts.append(((-lo, -min(hi, _WIDEST)), i, alt, width))
        # a stable order: most specific first; the trie keeps it within each branch
        alts.sort(key=_first)
        members: list[tuple[int, str, str]] = []
        rows: list[int] = []
        cased: list[tuple[int, str]] = []
        widths: list[tuple[int, int]] = []  # (shortest, longest) match per member
        for _, row, alt, width in alts:
            if "(?-i:" in alt:  # case matters: scanned apart on the original text
                cased.append((row, alt))
                continue
            lit = _literal(alt).replace("\\", "")
            tail = "(?!\\w)" if lit[-1:].isalnum() else ""
            members.append((len(rows), _lead_once(lower_pattern(alt)), tail))
            widths.append(width or (0, sys.maxsize))
            rows.append(row)
        order: list[int] = []
        body = _trie(members, order)
        self._row_of_group = [rows[k] for k in order]
        # A big lexicon is scanned without a group per phrase (every match would copy them
        # all); the phrase found is then named by the same alternatives with a group each,
        # matched where the scan found it (``_Namers``).
        self._named: _Namers | None = None
        if len(order) >= NAMED_AFTER:
            grouped = self._compile(f"(?:{body})")
            body = _trie(members, [], mark="")
            self._named = _Namers(members, rows, widths, order, grouped)
        # The match starts at the character before a word (a separator): the engine then
        # skips letters in a tight loop instead of trying the phrases at every position.
        # The separators are spelt out as a set of the Basic Multilingual Plane, tested by
        # one table look-up per character (``[^\w-]`` queries the Unicode database for each
        # one); a text with characters past it is scanned with ``[^\w-]`` itself.
        self._body = body or "(?!)"
        self._regex = self._compile(bmp_class(r"[^\w-]") + "(?:" + self._body + ")")
        self._wide_regex: re.Pattern[str] | None = None
        # each case-sensitive phrase is sought where its lower-cased literal start occurs
        self._cased = [(literal_prefix(alt), self._compile(_bounded(alt, head=True), re.IGNORECASE),
                        row) for row, alt in cased]
        group_of = {k: g for g, k in enumerate(order)}
        self._punct_group = {rest: group_of[k] for k, rest, _ in members
                             if rest in (",", ";", ":", "&")}
        self._reported = [i not in unread_rows for i in range(len(patterns))]
        self._all_reported = all(self._reported)
        # An unread one-character phrase needs no search: it could only keep out a phrase
        # starting on the same character, which is longer (and wins) or comes first in the
        # resolution order -- unless a case-sensitive phrase can be one character long.
        if all(-_specificity(alt)[0] > 1 for _, alt in cased):
            self._punct_group = {c: g for c, g in self._punct_group.items()
                                 if self._reported[self._row_of_group[g]]}
        # per barrier character: the (literal start, longest match) of each phrase that can
        # hold it; characters some phrase of unknown start or length can hold are left out
        # (found for a matcher made to scan ``regions`` of texts: ``hits_around``)
        self._holders = (_holders([a[2] for a in alts], [alt for _, alt in cased])
                         if regions else {})

    def _wide(self) -> re.Pattern[str]:
        """The scanner for texts with characters past the Basic Multilingual Plane
        (compiled on first use: such texts are rare)."""
        if self._wide_regex is None:
            self._wide_regex = self._compile(r"[^\w-](?:" + self._body + ")")
        return self._wide_regex

    @staticmethod
    def _named_hits(regex: re.Pattern[str], low: str, pos: int, end: int, stop: int,
                    named: _Namers) -> list[Hit]:
        """The scan's matches that start before ``stop``, each named by ``_Namers.name``; a
        phrase found again, followed by the same character, is named from memory where
        that is sure to give the same row."""
        new = tuple.__new__
        seen = named.seen
        hits = []
        for m in regex.finditer(low, pos, end + 1):
            s, e = m.span()
            if s >= stop:
                break
            # (what the scan read after the phrase: nothing at the end of its range)
            key = low[s + 1:e + 1] if e <= end else (low[s + 1:e],)
            row = seen.get(key)
            if row is None:
                row = named.name(low, s + 1, end + 1, key)
            hits.append(new(Hit, (s, e - 1, row)))
        return hits

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Hit]:
        return iter(self.hits(text, None, pos, endpos))

    def hits(self, text: str, low: str | None = None, pos: int = 0,
             endpos: int | None = None) -> list[Hit]:
        """The phrases of ``text[pos:endpos]`` in text order; ``low`` is
        ``scan_text(text)`` when the caller has it already."""
        end = len(text) if endpos is None else endpos
        if low is None:
            low = scan_text(text)  # a separator before the first word
        return self._scan(text, low, pos, end, end, self._scanner(low))

    def hits_around(self, text: str, low: str, spans: Sequence[tuple[int, int]]) -> list[Hit]:
        """The hits of ``hits(text, low)`` that start inside the sorted, disjoint ``spans``
        (and some others, between them), found without scanning the whole text.

        A barrier is a character that no phrase, look-ahead included, can hold where it
        stands (``_barrier_at``): no hit of the whole scan runs across it. So a scan
        starting right after a barrier finds what the whole scan finds from there on, and
        a scan reading up to a barrier finds all that the whole scan finds before it. Each
        run of spans is scanned from the barrier before it (the end of the sentence
        before, else the run goes on from the previous one) to the barrier that ends it
        (its last sentence's end, else the next run's start). A span that starts at most
        ``MERGE_GAP`` characters after the previous one ends continues its run."""
        holders = self._holders
        if not holders:
            return self.hits(text, low)
        ranges: list[list[int]] = []
        floor = 0  # (the end of the last range)
        gap = MERGE_GAP
        for start, end in spans:
            if start - floor <= gap and ranges:
                ranges[-1][1] = end
                floor = end
                continue
            k = start - 1
            # the position after a barrier that only white space separates from the
            # span's start (not before the last range's end) starts a new range
            while k >= floor:
                c = text[k]
                held = holders.get(c)
                if held is not None and _barrier_at(low, k, held):
                    ranges.append([k + 1, end])
                    break
                if not c.isspace():
                    k = floor - 1
                    break
                k -= 1
            if k < floor:
                if ranges:
                    ranges[-1][1] = end
                else:
                    ranges.append([0, end])
            floor = end
        out: list[Hit] = []
        regex = self._scanner(low)
        for k, (begin, stop) in enumerate(ranges):
            ceiling = ranges[k + 1][0] if k + 1 < len(ranges) else len(text)
            limit = self._barrier_after(text, low, stop, ceiling)
            out += self._scan(text, low, begin, limit, stop, regex)
        return out

    def _barrier_after(self, text: str, low: str, stop: int, ceiling: int) -> int:
        """The position after a barrier that ends ``text[:stop]`` or that only white space
        separates from ``stop`` (before ``ceiling``), else ``ceiling``."""
        holders = self._holders
        k = stop - 1
        while 0 <= k < ceiling:
            c = text[k]
            held = holders.get(c)
            if held is not None and _barrier_at(low, k, held):
                return k + 1
            if k >= stop and not c.isspace():
                break
            k += 1
        return ceiling

    def _scanner(self, low: str) -> re.Pattern[str]:
        return self._wide() if self._kind.beyond_bmp(low) else self._regex

    def _scan(self, text: str, low: str, pos: int, end: int, stop: int,
              regex: re.Pattern[str]) -> list[Hit]:
        """The phrases starting in ``text[pos:stop]`` and ending by ``end``."""
        rows = self._row_of_group
        new = tuple.__new__  # Hit(...) without the Python-level constructor frame
        if self._named is not None:
            hits = self._named_hits(regex, low, pos, end, stop, self._named)
        elif stop >= end:
            hits = [new(Hit, (m.start(), m.end() - 1, rows[m.lastindex - 1]))  # type: ignore
                    for m in regex.finditer(low, pos, end + 1)]
        else:
            hits = []
            for m in regex.finditer(low, pos, end + 1):
                if m.start() >= stop:
                    break
                hits.append(new(Hit, (m.start(), m.end() - 1,
                                      rows[m.lastindex - 1])))  # type: ignore[operator]
        extra: list[Hit] = []
        if self._punct_group:
            # str.find skips to the next mark far faster than a regex tests each character
            groups = self._punct_group
            marks: list[int] = []
            for c in groups:
                at = text.find(c, pos, stop)
                while at >= 0:
                    marks.append(at)
                    at = text.find(c, at + 1, stop)
            marks.sort()
            extra.extend(Hit(a, a + 1, rows[groups[text[a]]]) for a in marks)
        for prefix, rx, row in self._cased:
            if not prefix:
                for found in rx.finditer(text, pos, end):
                    if found.start() >= stop:
                        break
                    extra.append(Hit(found.start(), found.end(), row))
                continue
            at = low.find(prefix, pos + 1, end + 1)
            while 0 <= at <= stop:
                one = rx.match(text, at - 1, end)
                if one is not None:
                    extra.append(Hit(one.start(), one.end(), row))
                at = low.find(prefix, at + 1, end + 1)
        if extra:
            hits = _resolve(hits + extra)
        if not self._all_reported:
            reported = self._reported
            hits = [h for h in hits if reported[h.row]]
        return hits


def _barrier_at(low: str, at: int, holders: tuple[tuple[str, int], ...]) -> bool:
    """Whether no phrase runs across ``text[at]``: none of the phrases that can hold its
    character (each known by its literal start and longest match) starts close enough
    before it."""
    for prefix, width in holders:
        # a phrase starting at text[h] (low[h + 1]) with h in (at - width, at]
        if low.find(prefix, max(1, at - width + 2), at + 1 + len(prefix)) >= 0:
            return False
    return True


def _surely_valid(patterns: Sequence[str]) -> bool:
    """Whether every pattern can match no empty text and, if ``_quick_width`` cannot
    measure it, compiles without capturing groups. (The others may still be invalid
    regexes, which compiling the scanner finds, or hold capturing groups, which it
    counts: ``_quick_width`` measures none.)"""
    for pat in patterns:
        width = _quick_width(pat)
        if width is None:
            try:
                compiled = re.compile(pat)
            except re.error:
                return False
            if compiled.groups or compiled.fullmatch(""):
                return False
        elif width[0] == 0:
            return False
    return True


def _validate(patterns: Sequence[str], source: str, lines: Sequence[int] | None) -> None:
    """Raise a ``LexiconError`` naming the first row whose pattern is not a regex, has a
    capturing group or matches an empty text."""
    for i, pat in enumerate(patterns):
        line = lines[i] if lines else None
        try:
            compiled = re.compile(pat)
        except re.error as exc:
            raise LexiconError(source, line, f"bad pattern {pat!r}: {exc}") from None
        if compiled.groups:
            raise LexiconError(source, line, f"pattern {pat!r} has a capturing group; "
                                             "use (?:...)")
        if compiled.fullmatch(""):
            raise LexiconError(source, line, f"pattern {pat!r} matches an empty string "
                                             "(an empty alternative such as 'a||b'?)")


# Characters that end sentences and paragraphs: where a scan of part of a text may start
BARRIER_CANDIDATES = ".!?\n\"”“"
_CATEGORY_CHARS = {_sre_c.CATEGORY_DIGIT: r"\d", _sre_c.CATEGORY_NOT_DIGIT: r"\D",
                   _sre_c.CATEGORY_SPACE: r"\s", _sre_c.CATEGORY_NOT_SPACE: r"\S",
                   _sre_c.CATEGORY_WORD: r"\w", _sre_c.CATEGORY_NOT_WORD: r"\W"}
_WIDEST = 1000  # a phrase that can be longer gives no barrier


def _holders(alts: Sequence[str], cased: Sequence[str]
             ) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each character of ``BARRIER_CANDIDATES`` that a match of the phrases ``alts``
    can hold only in phrases with a literal start and a bounded length: those (start,
    longest match) pairs. A character that a case-sensitive phrase (``cased``) can hold
    is left out (those are matched case-blind on the original text)."""
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    try:  # (parsing is slow: phrases of plain words and safe escapes hold none of them)
        parsed = [(alt, _sre_parse.parse(lower_pattern(alt))) for alt in alts
                  if not _plain(alt)]
        cased_parsed = [_sre_parse.parse(alt) for alt in cased if not _plain(alt)]
    except Exception:  # the private parser changed: no barriers
        return {}
    for ch in BARRIER_CANDIDATES:
        if any(_may_hold(p, ch) for p in cased_parsed):
            continue
        found: list[tuple[str, int]] = []
        for alt, p in parsed:
            if not _may_hold(p, ch):
                continue
            prefix, width = literal_prefix(alt), p.getwidth()[1]
            # (the width leaves out what a look-around reads, which may lie past the barrier)
            if not prefix or width > _WIDEST or "(?=" in alt or "(?!" in alt:
                break
            found.append((prefix, width))
        else:
            out[ch] = tuple(found)
    return out


# Escapes, group openings and sets of letters or digits that match no character of
# ``BARRIER_CANDIDATES``; a pattern made of them, ASCII letters and digits, white space and
# ``()?:|*+{},'-_`` cannot hold one
_PLAIN_TOKENS = re.compile(r"\\[wdb\-' ]|\(\?(?:[:!=]|<[!=]|-i:)"
                           r"|\[(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9]|[A-Za-z0-9])+\]"
                           r"|[A-Za-z0-9 ()?:|*+{},'_-]")


def _plain(pattern: str) -> bool:
    """Whether ``pattern`` is made only of ``_PLAIN_TOKENS`` (so cannot hold a barrier)."""
    return len(_PLAIN_TOKENS.sub("", pattern)) == 0


def _in_set(items: Any, ch: str) -> bool:
    """Whether a parsed character set (``[...]``) admits ``ch`` (True when unsure)."""
    negate, hit = False, False
    for op, av in items:
        if op is _sre_c.NEGATE:
            negate = True
        elif op is _sre_c.LITERAL:
            hit = hit or chr(av) == ch
        elif op is _sre_c.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op is _sre_c.CATEGORY and av in _CATEGORY_CHARS:
            hit = hit or re.match(_CATEGORY_CHARS[av], ch) is not None
        else:
            return True
    return hit != negate


def _may_hold(seq: Any, ch: str) -> bool:
    """Whether a match of the parsed pattern ``seq`` can contain or look at ``ch``, or
    reads the end of the text (True when unsure)."""
    for op, av in seq:
        if op is _sre_c.LITERAL:
            if chr(av) == ch:
                return True
        elif op is _sre_c.NOT_LITERAL:
            if chr(av) != ch:
                return True
        elif op is _sre_c.IN:
            if _in_set(av, ch):
                return True
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
            if _may_hold(av[2], ch):
                return True
        elif op is _sre_c.SUBPATTERN:
            if _may_hold(av[-1], ch):
                return True
        elif op is _sre_c.BRANCH:
            if any(_may_hold(b, ch) for b in av[1]):
                return True
        elif op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT):
            if _may_hold(av[1], ch):  # (a look-ahead must not read past a barrier)
                return True
        elif op is _sre_c.AT:
            if av in (_sre_c.AT_END, _sre_c.AT_END_STRING):
                return True  # (a scan ending after a barrier would end a text there)
        else:
            return True  # any character, a back-reference, a possessive repeat...
    return False


class _Namers:
    """Names the phrase a scan found at a position: the first phrase, in the scan's order,
    that matches there. ``grouped`` is the scan's alternatives with a capturing group
    after each (the trie ``_trie`` builds with its ``mark``, compiled once): matched where
    the scan found a phrase, it takes the same alternative, and its last group names it.

    A name is remembered by the text found and the character after it (``seen``) when no
    phrase up to the one found, in the scan's order, that can match that text reads beyond
    it and the character after it (a look-around, an anchor): then any position with the
    same text and next character, where the scan found that text, has the same first
    matching phrase. (An earlier phrase matching there would match the same text here;
    the phrase found here matches there.)"""

    def __init__(self, members: list[tuple[int, str, str]], rows: list[int],
                 widths: list[tuple[int, int]], order: list[int],
                 grouped: re.Pattern[str]) -> None:
        self._grouped = grouped
        self._group_rows = [rows[k] for k in order]
        rank = {k: g for g, k in enumerate(order)}
        # the phrases that read beyond what they match, by the first character of their
        # literal start (each: its rank in the scan's order, literal start, shortest and
        # longest match; "" holds those without a literal start)
        self._nonlocal: dict[str, list[tuple[int, str, int, int]]] = {}
        for k, rest, _ in members:
            if not _local(rest):
                prefix = literal_prefix(rest)
                self._nonlocal.setdefault(prefix[:1], []).append((rank[k], prefix, *widths[k]))
        self.seen: dict[str | tuple[str], int] = {}  # text found and next character -> row

    def name(self, low: str, start: int, end: int, key: str | tuple[str]) -> int:
        """The row of the phrase the scan found at ``low[start:]`` (read up to ``end``);
        ``key`` is the text found and the character after it (the text alone in a tuple
        at ``end``)."""
        found = self._grouped.match(low, start, end)
        if found is None:
            raise AssertionError(f"no phrase matches what the scan found at {start}")
        rank = found.lastindex - 1  # type: ignore[operator]
        row = self._group_rows[rank]
        if self._nonlocal and not self._sure(low, start, key, rank):
            return row
        if len(self.seen) >= SEEN_LIMIT:
            self.seen.clear()  # (texts with free words in them are many)
        self.seen[key] = row
        return row

    def _sure(self, low: str, start: int, key: str | tuple[str], rank: int) -> bool:
        """Whether no phrase that reads beyond what it matches comes up to ``rank`` in the
        scan's order and can match the text found (its literal start is there, the text's
        length lies within its shortest and longest match)."""
        width = len(key) - 1 if isinstance(key, str) else len(key[0])
        for part in (low[start:start + 1], ""):
            for k, prefix, lo, hi in self._nonlocal.get(part, ()):
                if k <= rank and lo <= width <= hi and low.startswith(prefix, start):
                    return False
        return True


# Names remembered at most (a few megabytes): 300 news articles give ~1,200 (set by hand)
SEEN_LIMIT = 50_000


# Parts of a pattern that read beyond what it matches (and the character after it)
_NONLOCAL = ("(?=", "(?!", "(?<", "$", "^", "\\Z", "\\A")


def _local(pattern: str) -> bool:
    """Whether a match of ``pattern`` depends only on the text it matches and the next
    character (no look-around nor anchor; ``\\b`` at its start reads a separator)."""
    return not any(x in pattern for x in _NONLOCAL)


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, left to right; at one start the longer wins (of two alike,
    the earlier in ``hits``)."""
    # (ordered by start, then longest first: two stable sorts on C-level keys)
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)
    out: list[Hit] = []
    last = -1
    for h in hits:
        if h.start < last:
            continue
        out.append(h)
        last = h.end
    return out


_START = itemgetter(0)
_END = itemgetter(1)
