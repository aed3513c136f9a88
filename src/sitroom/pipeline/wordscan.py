"""Fast regexes for finding listed words and phrases in text (shared by the date,
quantity and attribution stages), and character sets spelt out for the regex engine
(also used by the event phrase matcher and the actor tokenizer)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Iterable

import numpy as np

__all__ = ["last_words", "WORD_MARKS", "has_wide_digit", "prefix_tree", "word_regex", "WordStarts", "bmp_class", "bmp_plane", "bmp_table", "beyond_bmp",
           "ascii_words", "LETTERS_ONLY", "LOWER_LETTERS_ONLY", "is_word_char", "CHUNK_CACHE_SIZE", "chunk_tokenizer"]

# Distinct chunks of words and marks between white space ("said,", "U.S.", "al-Qaeda's")
# whose tokens a stage remembers in a bounded memo. The 2,000 benchmark articles hold
# 35,000 distinct such chunks among 215,000; 20,000 entries keep those that recur (the
# most frequent, "said," and "U.S.", always) in about 2 MB per memo.
CHUNK_CACHE_SIZE = 20_000

_WORD_CHARS = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_BMP_LAST = 0xFFFF
_FIRST_LOW_SURROGATE = 0xDC00
# Every byte but an ASCII letter becomes a space (see ``ascii_words``).
LETTERS_ONLY = bytes(b if chr(b).isascii() and chr(b).isalpha() else 0x20 for b in range(256))
# The same, the letters lower-cased (``bytes.lower`` of a translation by LETTERS_ONLY).
LOWER_LETTERS_ONLY = LETTERS_ONLY.lower()


def ascii_words(text: str) -> list[bytes]:
    """The runs of ASCII letters of ``text`` (other characters, non-ASCII ones included,
    separate them). A word of ASCII letters that stands in the text between characters
    that are not ASCII letters is one of them: a cheap test of which listed words a text
    holds (one pass in C, where a regex tries every position)."""
    return text.encode("ascii", "replace").translate(LETTERS_ONLY).split()


def chunk_tokenizer(token: re.Pattern[str], plain: Callable[[str], bool]
                    ) -> Callable[[str], list[str]]:
    """A function equal to ``token.findall`` for a token regex whose tokens never span white
    space nor depend on what lies beyond it, cheaper: the chunks between white space are
    cut alone, a chunk that ``plain`` accepts is one token, and the others go through the
    regex once each (a bounded memo: "said," and "U.S." recur). A regex costs about 2,000
    instructions a token, ``str.split`` a fifth of that."""

    def cut_uncached(chunk: str) -> tuple[str, ...]:
        return tuple(token.findall(chunk))

    # (wrapped, not decorated: mypyc cannot compile a decorated nested function)
    cut = lru_cache(maxsize=CHUNK_CACHE_SIZE)(cut_uncached)

    def tokens(text: str) -> list[str]:
        out: list[str] = []
        for chunk in text.split():
            if plain(chunk):
                out.append(chunk)
            else:
                out += cut(chunk)
        return out

    return tokens


def is_word_char(c: str) -> bool:
    """Whether the character ``c`` is one that ``\\w`` matches."""
    return c.isalnum() or c == "_"


@lru_cache(maxsize=1)
def bmp_plane() -> str:
    """Every character of the Basic Multilingual Plane, in order (U+0000 to U+FFFF), lone
    surrogates included: decoded from their UTF-16 code units in two pieces (the last high
    surrogate and the first low one would decode as one character beyond the plane), some
    ten times faster than a ``chr`` of each."""
    units = np.arange(_BMP_LAST + 1, dtype="<u2").tobytes()
    cut = 2 * _FIRST_LOW_SURROGATE
    return (units[:cut].decode("utf-16-le", "surrogatepass")
            + units[cut:].decode("utf-16-le", "surrogatepass"))


@lru_cache(maxsize=None)
def bmp_table(test: Callable[[str], bool]) -> np.ndarray:
    """Whether each character of the Basic Multilingual Plane passes ``test`` (a read-only
    array indexed by code point)."""
    table = np.frombuffer(bytes(map(test, bmp_plane())), np.bool_)
    table.flags.writeable = False
    return table


@lru_cache(maxsize=None)
def bmp_class(char_class: str) -> str:
    """``char_class`` (such as ``[^\\w-]``) spelt out as ranges of the characters of the
    Basic Multilingual Plane it matches. The regex engine tests such a set with one table
    look-up, where ``\\w`` costs a Unicode database query per character: scans that stop
    at separators run nearly twice as fast. Equivalent only on texts without characters
    beyond U+FFFF (see ``beyond_bmp``)."""
    runs = [(m.start(), m.end() - 1) for m in re.finditer(char_class + "+", bmp_plane())]
    return "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}"
                         for a, b in runs) + "]"


def beyond_bmp(text: str) -> bool:
    """Whether ``text`` has characters past U+FFFF (where ``bmp_class`` sets fall short)."""
    return not text.isascii() and \
        len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def prefix_tree(phrases: Iterable[str], fold: bool = False, space: str = r"\s+") -> str:
    """A regex alternation of ``phrases`` as a tree of shared prefixes: a position is
    tried against one branch per character rather than against every phrase. It matches
    what a flat alternation sorted longest first matches, in the same order of preference
    (of two phrases that match at one position, one is a prefix of the other, and the
    longer is tried first). White space between words matches ``space``; with ``fold``
    (inside a case-insensitive group) letters differing only in case share a branch."""
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch.lower() if fold else ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(space if ch == " " else re.escape(ch)) + emit(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


def _first_class(words: set[str], extra_firsts: str, flags: int) -> str:
    """The characters a match can start with, for a ``[...]`` lookahead."""
    firsts = {w[0] for w in words}
    if flags & re.I:
        firsts |= {c.swapcase() for c in firsts}
    return "".join(re.escape(c) for c in sorted(firsts)) + extra_firsts


def _alternatives(words: set[str], extra: str, flags: int) -> str:
    """``extra`` (if any), then the whole words."""
    alts = [r"(?:" + prefix_tree(words, bool(flags & re.I)) + r")(?!\w)"]
    if extra:
        alts.insert(0, extra)
    return "|".join(alts)


def word_regex(words: Iterable[str], extra: str = "", extra_firsts: str = "",
               flags: int = 0, compile_regex: Callable[..., re.Pattern[str]] = re.compile
               ) -> re.Pattern[str]:
    """A fast regex for whole words (or ``extra`` alternatives starting with one of
    ``extra_firsts``): a lookahead on the first character rejects most positions before
    the alternation (a tree of shared prefixes) is tried, which makes the scan several
    times faster. ``compile_regex`` compiles it (``re.compile`` or a ``RegexCache``'s)."""
    words = set(words)
    return compile_regex(r"(?<!\w)(?=[" + _first_class(words, extra_firsts, flags) + r"])(?:"
                      + _alternatives(words, extra, flags) + ")", flags)


class WordStarts:
    """Where the words of ``word_regex`` start in a text, found faster than by its
    ``finditer``: a scan that stops only at characters outside words tries far fewer
    positions than one that tests, at every position, whether a word starts there."""

    def __init__(self, words: Iterable[str], extra: str = "", extra_firsts: str = "",
                 flags: int = 0, compile_regex: Callable[..., re.Pattern[str]] = re.compile
                 ) -> None:
        words = set(words)
        self.regex = word_regex(words, extra, extra_firsts, flags, compile_regex)
        self._after: re.Pattern[str] | None = None
        self._wide_after: re.Pattern[str] | None = None
        # Words of ASCII letters, matched case-sensitively, and ``extra`` alternatives that
        # start where no word does, at a digit or a sign: found by one scan of a byte
        # translation of the text (see ``_listed_starts``).
        self._listed_text: frozenset[str] = frozenset()
        self._listed_scan: re.Pattern[bytes] | None = None
        self._extra: re.Pattern[str] | None = None
        self._extra_always = False
        # extras start with a digit or one of these signs (characters outside words that
        # stand for themselves in a character set)
        self._signs = extra_firsts[2:] if extra_firsts.startswith(r"\d") else ""
        if not flags and all(_ASCII_WORD.fullmatch(w) for w in words) and (
                not extra or extra_firsts == r"\d" + self._signs) and not any(
                is_word_char(c) or c in _CLASS_SPECIAL for c in self._signs):
            self._extra = compile_regex(extra) if extra else None
            self._listed_text = frozenset(words)
            digits = "0|" if extra else ""
            self._listed_scan = re.compile((r" (?:" + digits + "(?:" + prefix_tree(
                {w.lower() for w in words}) + r")(?![a-z0x]))").encode("ascii"))
            # an extra that matches wherever a digit or a sign stands needs no test
            self._extra_always = extra in (r"\d+", r"\d+|[" + self._signs + "]")
        if all(_WORD_CHARS.fullmatch(w) for w in words):
            # a word (of word characters only) starts after a non-word character (or at
            # the start of the text): no match can hide the start of another
            ahead = (r"(?=[" + _first_class(words, extra_firsts, flags) + r"])(?="
                     + _alternatives(words, extra, flags) + ")")
            self._wide_after = self._after = compile_regex(r"\W" + ahead, flags)
            if not flags & (re.IGNORECASE | re.ASCII):
                # the non-word characters as a set of the Basic Multilingual Plane: one
                # table look-up each instead of a Unicode database query (see bmp_class)
                self._after = compile_regex(bmp_class(r"\W") + ahead, flags)

    def starts(self, text: str) -> list[int]:
        """Start offsets of the matches of ``regex.finditer(text)``."""
        if self._listed_scan is not None:
            return self._listed_starts(text)
        return self._regex_starts(text)

    def _listed_starts(self, text: str) -> list[int]:
        """``starts`` for ASCII words: a match of ``regex`` is a run of word characters
        that is one of the words, or an ``extra`` alternative (starting with a digit or
        a sign), not after a word character. The text is encoded to ASCII and translated
        (``_TRIGGER_CLASSES``): letters lower-cased, digits to "0", "_" to "x", every other
        byte to a space. One regex opening with a space then finds the digits and the
        listed words after one (the engine skips to the next space in C and tries the rest
        only there); the case of each word found and the characters outside ASCII next to
        it are checked against the text, and signs are found with ``str.find``: ~1.3x
        cheaper than splitting the text into its words to find the listed ones."""
        ascii_only = text.isascii()
        raw = text.encode("ascii") if ascii_only else text.encode("ascii", "replace")
        if not ascii_only and has_wide_digit(text, raw):
            return self._regex_starts(text)
        words, scan = self._listed_text, self._listed_scan
        found: list[int] = []
        extras: list[int] = []  # digits and signs: where an ``extra`` alternative may start
        for m in scan.finditer(b" " + raw.translate(_TRIGGER_CLASSES)):  # type: ignore[union-attr]
            p, n = m.start(), m.end() - m.start() - 1  # (the text has one byte less before)
            if not ascii_only and p and raw[p - 1] == 0x3F and is_word_char(text[p - 1]):
                continue  # after a letter outside ASCII: "é5"
            if n == 1 and raw[p] <= 0x39:
                extras.append(p)  # a digit
            elif text[p:p + n] in words and (
                    ascii_only or p + n == len(raw) or raw[p + n] != 0x3F
                    or not is_word_char(text[p + n])):  # not "ONE", nor glued to "é"
                found.append(p)
        extras += [p for sign in self._signs if not ascii_only or sign.isascii()
                   for p in _positions(text, sign) if p == 0 or not is_word_char(text[p - 1])]
        if extras and not self._extra_always:
            match = self._extra.match  # type: ignore[union-attr]
            extras = [p for p in extras if match(text, p)]
        if extras:
            found = sorted(found + extras)
        return found

    def _regex_starts(self, text: str) -> list[int]:
        """``starts`` by the regex tried after every character outside words."""
        if self._after is None:
            return [m.start() for m in self.regex.finditer(text)]
        after = self._wide_after if beyond_bmp(text) else self._after
        found = [m.end() for m in after.finditer(text)]  # type: ignore[union-attr]
        if self.regex.match(text):
            found.insert(0, 0)
        return found


# Letters lower-cased, digits to "0", "_" to "x", every other byte to a space (for
# ``WordStarts._listed_starts``).
_TRIGGER_CLASSES = bytes(b | 0x20 if chr(b).isascii() and chr(b).isalpha() else
                         0x30 if chr(b).isascii() and chr(b).isdigit() else
                         0x78 if b == 0x5F else 0x20 for b in range(256))


def _positions(text: str, sub: str) -> list[int]:
    """Offsets of ``sub`` in ``text``."""
    out: list[int] = []
    p = text.find(sub)
    while p >= 0:
        out.append(p)
        p = text.find(sub, p + 1)
    return out


# Characters with a meaning inside a regex character set.
_CLASS_SPECIAL = frozenset("\\-^[]")


def has_wide_digit(text: str, raw: bytes) -> bool:
    """Whether ``text`` (``raw``: encoded to ASCII with "?" for the other characters)
    holds a decimal digit outside ASCII ("٣"): ``\\d`` matches it."""
    p = raw.find(b"?")
    while p >= 0:
        if text[p].isdecimal() and not text[p].isascii():
            return True
        p = raw.find(b"?", p + 1)
    return False


# Marks (characters outside words) that may stand around a word between white space: a
# chunk that is a word of letters and digits once they are stripped holds that one word.
WORD_MARKS = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~“”‘’—–…«»"


def last_words(text: str, lo: int, t: int, n: int, marks: str = WORD_MARKS
               ) -> list[tuple[int, str]] | None:
    """(start, word) of the last n matches of ``\\w+`` in text[lo:t] when each of the last
    n chunks between white space is one word of letters and digits between ``marks``
    (characters outside words; most windows), found with string methods rather than a
    regex (which makes a match object for every word of the window); else None."""
    seg = text[lo:t]
    chunks = seg.rsplit(None, n)
    if len(chunks) > n:
        del chunks[0]  # the rest of the window, before its last n chunks
    words: list[tuple[int, str]] = []
    end = len(seg.rstrip())
    for chunk in reversed(chunks):
        word = chunk.strip(marks)
        if not word or not word.isalnum():
            return None  # no word or several in the chunk: the regex finds them
        start = end - len(chunk)
        words.append((lo + start + len(chunk) - len(chunk.lstrip(marks)), word))
        end = len(seg[:start].rstrip())
    words.reverse()
    return words
