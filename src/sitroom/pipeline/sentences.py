"""Sentence segmentation: rules that respect abbreviations, initials and numbers."""

from __future__ import annotations

import re
import string
from operator import methodcaller
from typing import ClassVar, Iterator

from ..config import Settings
from ..model import Document, Sentence, record_builder, with_fields

__all__ = ["SentenceStage", "split_sentences"]

# Tokens after which a period does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig st sen rep gov pres
jr sr inc ltd co corp dept univ no vs etc al approx est fig jan feb mar apr jun jul aug
sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft km gen.
""".split())

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets: group 1) then
# space and an upper-case letter, digit or opening quote; or at a blank line. One regex
# per mark, each opening with a single character: the regex engine skips to that
# character in a tight loop (~7 instructions a character of text), where one pattern
# opening with the set [.!?\n] costs ~55 (the set is tested at every position).
_MARK_END = r"""(['"”’)\]]*)\s+(?=["“‘'(\[]?[A-Z0-9])"""
_PERIOD = re.compile(r"\." + _MARK_END)
_OTHER_ENDS = (("!", re.compile("!" + _MARK_END)), ("?", re.compile(r"\?" + _MARK_END)))
_BLANK_LINE = re.compile(r"\n\s*\n")
# ``Sentence(start, end, text)``, cheaper (see ``record_builder``): ~30 an article.
_SENTENCE = record_builder(Sentence)


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """The sentence ends (a mark, then white space before a new sentence), in order: those of
    ``_PERIOD``, merged with those of "!" and "?" when the text holds one (a match of
    one never overlaps one of another: it holds no mark)."""
    if "!" not in text and "?" not in text:
        return _PERIOD.finditer(text)
    found = list(_PERIOD.finditer(text))
    for mark, regex in _OTHER_ENDS:
        if mark in text:
            found += regex.finditer(text)
    found.sort(key=_START)
    return iter(found)


_START = methodcaller("start")


# The length of the longest word of _ABBREVIATIONS ("approx"): a longer word before a
# period is none (nor an initial or a dotted acronym).
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_LETTERS_AND_DOT = string.ascii_letters + "."


def _is_abbreviation(text: str, dot: int) -> bool:
    lo = max(0, dot - _LONGEST_ABBREVIATION - 1)
    before = text[lo:dot]
    if before.isascii():  # (an ASCII character is a letter for isalpha() when in A-Z, a-z)
        word = before[len(before.rstrip(_LETTERS_AND_DOT)):]
        if len(word) > _LONGEST_ABBREVIATION:
            return False  # a longer word (of letters and dots)
    else:
        start = dot
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        word = text[start:dot]
    word = word.lower()
    if word in _ABBREVIATIONS:
        return True
    # single initials ("John F. Kennedy") and dotted acronyms ("U.S.")
    return len(word) == 1 and word.isalpha() or ("." in word and len(word) <= 5)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``: the pieces between sentence ends and blank lines
    (white space around them left out), but at a period that ends an abbreviation or
    initial. Blank lines are sought only between sentence ends where a line break
    stands: a blank line, all white space, can neither hold a sentence end nor reach past
    one, and a sentence end's white space takes the blank lines in it."""
    spans: list[Sentence] = []
    start = last = 0  # where the next sentence starts; where the last boundary ended
    for m in _sentence_ends(text):
        dot = m.start()
        if text.find("\n", last, dot) >= 0:
            for blank in _BLANK_LINE.finditer(text, last, dot):
                _add(spans, text, start, blank.start())
                start = blank.end()
        last = m.end()
        if text[dot] == "." and not (  # (ASCII letters only, a long run, before the dot)
                dot > _LONGEST_ABBREVIATION and (word := text[
                    dot - _LONGEST_ABBREVIATION - 1:dot]).isalpha() and word.isascii()) and \
                _is_abbreviation(text, dot):
            continue
        end = m.end(1)
        piece = text[start:end]  # (``_add``, inline: most sentences end here)
        if piece and not piece[0].isspace() and not piece[-1].isspace():
            # (a sentence starts after the white space of the last end and stops at its
            # mark or closing quote: most pieces have no white space to strip)
            spans.append(_SENTENCE(start, end, piece))
        else:
            body = piece.strip()
            if body:
                first = start + len(piece) - len(piece.lstrip())
                spans.append(_SENTENCE(first, first + len(body), body))
        start = last
    if text.find("\n", last) >= 0:
        for blank in _BLANK_LINE.finditer(text, last):
            _add(spans, text, start, blank.start())
            start = blank.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Sentence], text: str, start: int, end: int) -> None:
    """The sentence text[start:end] without the white space around it, if any is left."""
    piece = text[start:end]
    body = piece.strip()  # (str.strip removes the characters for which isspace() holds)
    if body:
        start += len(piece) - len(piece.lstrip())
        spans.append(_SENTENCE(start, start + len(body), body))


class SentenceStage:
    name: ClassVar[str] = "sentences.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("sentences",)
    requires: ClassVar[tuple[str, ...]] = ("text",)

    def __init__(self, settings: Settings, resources: object) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return with_fields(doc, sentences=tuple(split_sentences(doc.text)))
