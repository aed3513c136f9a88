"""Fast regexes for finding listed words and phrases in text (shared by the date,
quantity and attribution stages)."""

from __future__ import annotations

import re
from typing import Any, Iterable

__all__ = ["prefix_tree", "word_regex", "WordStarts"]

_WORD_CHARS = re.compile(r"\w+")


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
               flags: int = 0) -> re.Pattern[str]:
    """A fast regex for whole words (or ``extra`` alternatives starting with one of
    ``extra_firsts``): a lookahead on the first character rejects most positions before
    the alternation (a tree of shared prefixes) is tried, which makes the scan several
    times faster."""
    words = set(words)
    return re.compile(r"(?<!\w)(?=[" + _first_class(words, extra_firsts, flags) + r"])(?:"
                      + _alternatives(words, extra, flags) + ")", flags)


class WordStarts:
    """Where the words of ``word_regex`` start in a text, found faster than by its
    ``finditer``: a scan that stops only at characters outside words tries far fewer
    positions than one that tests, at every position, whether a word starts there."""

    def __init__(self, words: Iterable[str], extra: str = "", extra_firsts: str = "",
                 flags: int = 0) -> None:
        words = set(words)
        self.regex = word_regex(words, extra, extra_firsts, flags)
        self._after: re.Pattern[str] | None = None
        if all(_WORD_CHARS.fullmatch(w) for w in words):
            # a word (of word characters only) starts after a non-word character (or at
            # the start of the text): no match can hide the start of another
            self._after = re.compile(r"\W(?=[" + _first_class(words, extra_firsts, flags)
                                     + r"])(?=" + _alternatives(words, extra, flags) + ")",
                                     flags)

    def starts(self, text: str) -> list[int]:
        """Start offsets of the matches of ``regex.finditer(text)``."""
        if self._after is None:
            return [m.start() for m in self.regex.finditer(text)]
        found = [m.end() for m in self._after.finditer(text)]
        if self.regex.match(text):
            found.insert(0, 0)
        return found
