"""Compile lexicon rows of regular-expression fragments into one scanner.

Each row's pattern is split into its top-level alternatives (a leading optional group is
distributed: ``(?:a |the )?mine`` -> ``a mine``, ``the mine``, ``mine``); all alternatives
of all rows go into one compiled regex, longest shortest-match first, so that "suicide
bomber" wins over "bomber" at the same position. A match reports the row it came from.
"""

from __future__ import annotations

import re
from typing import Collection, Iterator, NamedTuple, Sequence

from ..errors import LexiconError
from ..pipeline.wordscan import beyond_bmp, bmp_class

try:  # the regex parser gives a pattern's shortest and longest match
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older layout
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["Hit", "PhraseMatcher", "split_alternatives", "expand_leading", "literal_prefix",
           "scan_text"]


# From this many phrases on, a matcher scans without a capturing group per phrase and names
# each match afterwards (a second, small match): copying a group per phrase into every
# match object costs more. Measured on the event lexicons: cues (~1100 phrases) scan 12%
# faster this way, context (~280) and victims (~180) a little slower.
NAMED_AFTER = 500


class Hit(NamedTuple):
    """One phrase found: a named tuple, as documents yield hundreds of them."""

    start: int
    end: int
    row: int  # index of the lexicon row that matched


def split_alternatives(pattern: str) -> list[str]:
    """Split ``a|b(?:c|d)|e`` at top-level bars: ``['a', 'b(?:c|d)', 'e']``."""
    parts, depth, cur, escaped, in_class = [], 0, [], False, False
    for ch in pattern:
        if escaped:
            cur.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return [p for p in parts if p]


def _specificity(alt: str) -> tuple[int, int]:
    """Sort key: phrases with longer shortest matches first (then longer longest ones),
    so that at one position the longer phrase wins ("shoot-out" over "shoot")."""
    try:
        lo, hi = _sre_parse.parse(alt).getwidth()
    except Exception:  # the private parser changed: fall back on the literal length
        lo = hi = len(_literal(alt))
    return (-lo, -min(hi, 1000))


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


def lower_pattern(alt: str) -> str:
    """Lower-case the literal letters of a pattern (escapes such as ``\\W`` kept) and drop
    ``(?-i:`` scopes: the scan runs case-blind over lower-cased text."""
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


def _lowered(text: str) -> str:
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
    engine's branch look-up rejects a position after one comparison per letter. Appends
    each alternative's index to ``order`` in the order its capturing group (``mark``)
    appears."""
    if depth >= 2:
        order.extend(k for k, _, _ in members)
        return "|".join(f"(?:{rest}){mark}{tail}" for _, rest, tail in members)
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


class PhraseMatcher:
    """Finds every row's phrases in a text in one left-to-right pass.

    The text is lower-cased once and scanned with one regex whose alternatives are
    factored on their first letters (a small trie), so the engine rejects most positions
    with a few comparisons. Matches do not overlap; at one position the most specific
    phrase (longer shortest match) wins. Phrases with case-sensitive parts (``(?-i:...)``)
    are sought apart, on the original text, where their literal start occurs.

    Phrases of ``unread_rows`` still keep other phrases from matching inside them but are
    not reported (the caller never reads them).
    """

    def __init__(self, patterns: Sequence[str], source: str = "",
                 lines: Sequence[int] | None = None, unread_rows: Collection[int] = ()) -> None:
        alts: list[tuple[tuple[int, int], int, str]] = []
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
            for top in split_alternatives(pat):
                for alt in expand_leading(top):
                    alts.append((_specificity(alt), i, alt))
        # a stable order: most specific first; the trie keeps it within each branch
        alts.sort(key=lambda a: a[0])
        members: list[tuple[int, str, str]] = []
        rows: list[int] = []
        cased: list[tuple[int, str]] = []
        for _, row, alt in alts:
            if "(?-i:" in alt:  # case matters: scanned apart on the original text
                cased.append((row, alt))
                continue
            lit = _literal(alt).replace("\\", "")
            tail = "(?!\\w)" if lit[-1:].isalnum() else ""
            members.append((len(rows), _lead_once(lower_pattern(alt)), tail))
            rows.append(row)
        order: list[int] = []
        body = _trie(members, order)
        self._row_of_group = [rows[k] for k in order]
        # A big lexicon is scanned without a group per phrase (every match would copy them
        # all); the phrase found is then named by the phrases its first two characters allow.
        self._named: _Namers | None = None
        if len(order) >= NAMED_AFTER:
            body = _trie(members, [], mark="")
            self._named = _Namers(members, rows)
        # The match starts at the character before a word (a separator): the engine then
        # skips letters in a tight loop instead of trying the phrases at every position.
        # The separators are spelt out as a set of the Basic Multilingual Plane, tested by
        # one table look-up per character (``[^\w-]`` queries the Unicode database for each
        # one); a text with characters past it is scanned with ``[^\w-]`` itself.
        self._body = body or "(?!)"
        self._regex = re.compile(bmp_class(r"[^\w-]") + "(?:" + self._body + ")")
        self._wide_regex: re.Pattern[str] | None = None
        # each case-sensitive phrase is sought where its lower-cased literal start occurs
        self._cased = [(literal_prefix(alt), re.compile(_bounded(alt, head=True), re.IGNORECASE),
                        row) for row, alt in cased]
        group_of = {k: g for g, k in enumerate(order)}
        self._punct_group = {rest: group_of[k] for k, rest, _ in members
                             if rest in (",", ";", ":", "&")}
        self._reported = [i not in unread_rows for i in range(len(patterns))]
        # An unread one-character phrase needs no search: it could only keep out a phrase
        # starting on the same character, which is longer (and wins) or comes first in the
        # resolution order -- unless a case-sensitive phrase can be one character long.
        if all(-_specificity(alt)[0] > 1 for _, alt in cased):
            self._punct_group = {c: g for c, g in self._punct_group.items()
                                 if self._reported[self._row_of_group[g]]}

    def _wide(self) -> re.Pattern[str]:
        """The scanner for texts with characters past the Basic Multilingual Plane
        (compiled on first use: such texts are rare)."""
        if self._wide_regex is None:
            self._wide_regex = re.compile(r"[^\w-](?:" + self._body + ")")
        return self._wide_regex

    def prepare(self) -> None:
        """Compile now the namers that are otherwise compiled on first use (the scanner
        for text beyond the BMP stays lazy: such text is rare)."""
        if self._named is not None:
            self._named.prepare()

    @staticmethod
    def _named_hits(regex: re.Pattern[str], low: str, pos: int, end: int,
                    named: _Namers) -> list[Hit]:
        """The scan's matches, each named by the phrases its first characters allow: they
        try the alternatives in the scan's order, so the first to match is the one found."""
        new = tuple.__new__
        hits = []
        for m in regex.finditer(low, pos, end + 1):
            s = m.start()
            rx, rows = named(low[s + 1:s + 3])
            lastindex = rx.match(low, s + 1, end + 1).lastindex  # type: ignore[union-attr]
            hits.append(new(Hit, (s, m.end() - 1, rows[lastindex - 1])))  # type: ignore[operator]
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
        rows = self._row_of_group
        regex = self._wide() if beyond_bmp(low) else self._regex
        new = tuple.__new__  # Hit(...) without the Python-level constructor frame
        if self._named is not None:
            hits = self._named_hits(regex, low, pos, end, self._named)
        else:
            hits = [new(Hit, (m.start(), m.end() - 1, rows[m.lastindex - 1]))  # type: ignore
                    for m in regex.finditer(low, pos, end + 1)]
        extra: list[Hit] = []
        if self._punct_group:
            # str.find skips to the next mark far faster than a regex tests each character
            groups = self._punct_group
            marks: list[int] = []
            for c in groups:
                at = text.find(c, pos, end)
                while at >= 0:
                    marks.append(at)
                    at = text.find(c, at + 1, end)
            marks.sort()
            extra.extend(Hit(a, a + 1, rows[groups[text[a]]]) for a in marks)
        for prefix, rx, row in self._cased:
            if not prefix:
                extra.extend(Hit(m.start(), m.end(), row) for m in rx.finditer(text, pos, end))
                continue
            at = low.find(prefix, pos + 1, end + 1)
            while at >= 0:
                m = rx.match(text, at - 1, end)
                if m is not None:
                    extra.append(Hit(m.start(), m.end(), row))
                at = low.find(prefix, at + 1, end + 1)
        if extra:
            hits = _resolve(hits + extra)
        if not all(self._reported):
            reported = self._reported
            hits = [h for h in hits if reported[h.row]]
        return hits


class _Namers:
    """Regexes naming the phrase found at a position by the phrases its first two
    characters allow (compiled on first use), each with the row of each of its groups.
    They try the alternatives in the order of ``_trie``: those factored on both characters,
    then those factored on the first alone, then the rest."""

    def __init__(self, members: list[tuple[int, str, str]], rows: list[int]) -> None:
        loose: list[tuple[int, str, str]] = []
        firsts: dict[str, list[tuple[int, str, str]]] = {}  # factored on the first only
        pairs: dict[str, list[tuple[int, str, str]]] = {}
        for m in members:
            c = _head(m[1])
            if not c:
                loose.append(m)
            elif _head(m[1][1:]):
                pairs.setdefault(m[1][:2], []).append(m)
            else:
                firsts.setdefault(c, []).append(m)
        self._members = {c: sub + loose for c, sub in firsts.items()}
        self._members.update({c: sub + firsts.get(c[0], []) + loose for c, sub in pairs.items()})
        self._members[""] = loose
        self._rows = rows
        self._compiled: dict[str, tuple[re.Pattern[str], list[int]]] = {}

    def prepare(self) -> None:
        for key in self._members:
            self(key)

    def __call__(self, chars: str) -> tuple[re.Pattern[str], list[int]]:
        """The regex and group rows for a phrase starting with ``chars`` (two or fewer)."""
        key = chars if chars in self._members else chars[:1]
        if key not in self._members:
            key = ""
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = _namer(self._members[key], self._rows)
        return found


def _namer(members: list[tuple[int, str, str]], rows: list[int]
           ) -> tuple[re.Pattern[str], list[int]]:
    """A regex of ``members`` (matched at the phrase start) and the row of each group."""
    order: list[int] = []
    body = _trie(members, order)
    return re.compile(body or "(?!)"), [rows[k] for k in order]


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, left to right; at one start the longer wins."""
    hits.sort(key=_start_longest)
    out: list[Hit] = []
    last = -1
    for h in hits:
        if h.start < last:
            continue
        out.append(h)
        last = h.end
    return out


def _start_longest(h: Hit) -> tuple[int, int]:
    return (h.start, -h.end)
