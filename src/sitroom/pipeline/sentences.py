"""Sentence segmentation: rules that respect abbreviations, initials and numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from ..config import Settings
from ..model import Document, Sentence

__all__ = ["SentenceStage", "split_sentences"]

# Tokens after which a period does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig st sen rep gov pres
jr sr inc ltd co corp dept univ no vs etc al approx est fig jan feb mar apr jun jul aug
sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft km gen.
""".split())

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets: group 1) then
# space and an upper-case letter, digit or opening quote; or at a blank line (group 1 does
# not take part). The pattern opens with a character set so that the regex engine skips
# to the next such character in one fast loop instead of trying the pattern at every
# position (a scan ~3x cheaper).
_BOUNDARY = re.compile(r"""[.!?\n](?:(?<=[.!?])(['"”’)\]]*)\s+(?=["“‘'(\[]?[A-Z0-9])"""
                       r"""|(?<=\n)\s*\n)""")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    # single initials ("John F. Kennedy") and dotted acronyms ("U.S.")
    return len(word) == 1 and word.isalpha() or ("." in word and len(word) <= 5)


def split_sentences(text: str) -> list[Sentence]:
    spans: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) is not None:
            dot = m.start()
            if text[dot] == "." and _is_abbreviation(text, dot):
                continue
            end = m.end(1)
        else:
            end = m.start()
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, text[start:end]))


class SentenceStage:
    name: ClassVar[str] = "sentences.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("sentences",)
    requires: ClassVar[tuple[str, ...]] = ("text",)

    def __init__(self, settings: Settings, resources: object) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return replace(doc, sentences=tuple(split_sentences(doc.text)))
