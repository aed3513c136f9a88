"""The actor lexicon: every phrase of the ``actors_*.tsv`` tables, indexed by its tokens.

Text and lexicon forms are cut into tokens the same way (``tokenize``), so a phrase is
found by looking its lower-cased token keys up in one dictionary.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import add, sub
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, NamedTuple

from ..errors import LexiconError
from ..lexicons import ISO3, SECTOR, Column

__all__ = ["Entry", "Token", "ActorLexicon", "tokenize", "scan", "TABLES", "COUNTRY_KINDS", "ROLE_KINDS"]

COUNTRY_KINDS = frozenset({"name", "demonym", "people", "capital", "metonym"})
ROLE_KINDS = frozenset({"head", "weak", "arm", "title", "nametitle", "mod", "site", "prep", "placemod", "orghead",
                        "thing", "notorg"})

# table name -> (columns, kind given to its rows or None when the table has a kind column)
TABLES: Mapping[str, tuple[tuple[Column, ...], str | None]] = {
    "actors_countries.tsv": ((Column("form"), ISO3("country", required=True),
                              Column("kind", choices=COUNTRY_KINDS), SECTOR()), None),
    "actors_groups.tsv": ((Column("form"), ISO3(), SECTOR(required=True)), "group"),
    "actors_persons.tsv": ((Column("form"), ISO3(), SECTOR(required=True)), "person"),
    "actors_roles.tsv": ((Column("form"), Column("kind", choices=ROLE_KINDS), SECTOR()), None),
}

# Dotted acronyms (U.S., D.R.), numbers and ordinals (810, 3rd), words, possessive 's,
# and any other single character.
_TOKEN = (r"(?:[A-Za-z]\.){2,}(?![A-Za-z])|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|\w+|['’]s\b|\S")
_FIRST_RE = re.compile(_TOKEN)
# Over lower-cased text: the white space before each token, then the token in group 2 when
# it needs a second look (acronym, possessive, joiner) or else in group 3.
_SCAN_RE = re.compile(
    r"(\s*)(?:((?:[a-z]\.){2,}(?![a-z])|['’]s\b|[-'’‐‑])|(\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|\w+|\S))")
# Joiners dropped when glued to a token on both sides: "al-Qaeda" == "al Qaeda".
_JOINERS = frozenset("-'’‐‑")
# Mixed-case names this short match only as written ("LeT").
_SHORT = 6
# A name that is not an acronym, written in capitals from this length on ("KABUL —"), is a
# dateline or a shouted headline, not an actor.
_SHOUTED = 3
# Kinds whose forms are proper names: they must be written with a capital letter.
_PROPER = frozenset({"name", "demonym", "people", "capital", "metonym", "group", "person",
                     "orghead"})


class Token(NamedTuple):
    start: int
    end: int
    key: str  # lower-cased, dots removed from acronyms, curly apostrophe straightened
    text: str


@dataclass(frozen=True, slots=True)
class Entry:
    form: str
    kind: str
    country: str | None
    sector: str | None

    first: str = field(default="", compare=False)  # the form's first token as written

    def __post_init__(self) -> None:
        if not self.first:
            m = _FIRST_RE.match(self.form.strip())
            object.__setattr__(self, "first", m.group() if m else self.form)

    def accepts(self, surface: str) -> bool:
        """Whether the first token as written may be this entry (case rules)."""
        if self.kind not in _PROPER:
            return True
        first = self.first
        if _all_caps(first):
            # all-capital forms only as written; long ones also in title case ("Nato")
            flat = surface.replace(".", "")
            return flat == first.replace(".", "") or (
                len(flat) >= 4 and flat.isalpha() and flat == first.title())
        if len(first) <= _SHORT and any(c.isupper() for c in first[1:]):
            return surface == first  # "LeT", "FAMa": not "Let"
        if len(surface) >= _SHOUTED and surface.isupper():
            return False  # "WASHINGTON —": a dateline or a shouted headline
        return first[0].islower() or surface[0].isupper() or surface[0].isdigit()


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and len(word) > 1


def scan(text: str, start: int = 0, end: int | None = None
         ) -> tuple[list[int], list[int], list[str]]:
    """Token start offsets, end offsets and keys of ``text[start:end]`` (offsets index
    ``text``). Keys are lower-cased, acronym dots removed ("us" for "U.S."), the possessive
    is "'s"; joiners glued on both sides are dropped."""
    end = len(text) if end is None else end
    piece = text[start:end]
    low = piece.lower()
    if len(low) != len(piece):  # a few characters lower-case to two; keep offsets exact
        low = "".join(c.lower()[0] for c in piece)
    found = _SCAN_RE.findall(low)
    if not found:
        return [], [], []
    spaces, special_col, plain = zip(*found)
    keys = list(map(max, special_col, plain))  # the non-empty one of the two groups
    key_lens = list(map(len, keys))
    ends = list(accumulate(map(add, map(len, spaces), key_lens), initial=start))[1:]
    starts = list(map(sub, ends, key_lens))
    special = list(compress(range(len(keys)), special_col))
    last = len(keys) - 1
    for i in reversed(special):
        tok = keys[i]
        if tok in _JOINERS:
            if 0 < i < last and ends[i - 1] == starts[i] and ends[i] == starts[i + 1]:
                del keys[i], starts[i], ends[i]
                last -= 1
        elif len(tok) > 2 and "." in tok:
            keys[i] = tok.replace(".", "")
        elif len(tok) == 2:
            keys[i] = "'s"
    return starts, ends, keys


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (see ``scan``)."""
    starts, ends, keys = scan(text, start, end)
    return [Token(s, e, k, text[s:e]) for s, e, k in zip(starts, ends, keys)]


class ActorLexicon:
    """Phrases of all actor tables: ``phrases[token keys] -> entries``."""

    def __init__(self, rows: Iterator[tuple[str, str, int, Entry]]) -> None:
        phrases: dict[tuple[str, ...], list[Entry]] = {}
        longest: dict[str, int] = {}
        for path, form, line, entry in rows:
            keys = tuple(scan(form)[2])
            if entry.kind in _PROPER and not entry.accepts(entry.first):
                raise LexiconError(path, line, f"form {form!r} of a name must start with a "
                                   "capital letter or a lower-case particle")
            phrases.setdefault(keys, []).append(entry)
            longest[keys[0]] = max(longest.get(keys[0], 0), len(keys))
        self.phrases: Mapping[tuple[str, ...], tuple[Entry, ...]] = {
            k: tuple(v) for k, v in phrases.items()}
        self.longest: Mapping[str, int] = longest
        # one-token phrases by their key, and whether any of their entries has case rules
        self.single: Mapping[str, tuple[tuple[Entry, ...], bool]] = {
            k[0]: (v, any(e.kind in _PROPER for e in v))
            for k, v in self.phrases.items() if len(k) == 1}
        # first keys of phrases of two tokens or more -> their greatest length
        self.multi: Mapping[str, int] = {
            k: n for k, n in longest.items() if n > 1}
        self.first_keys: frozenset[str] = frozenset(longest)

    @classmethod
    def from_lexicons(cls, lexicons: Any) -> ActorLexicon:
        """Build from a ``sitroom.lexicons.Lexicons`` (tables loaded and validated there)."""
        def rows() -> Iterator[tuple[str, str, int, Entry]]:
            for name, (columns, kind) in TABLES.items():
                table = lexicons.table(name, columns)
                for row, line in zip(table.rows, table.lines):
                    form = str(row["form"])
                    yield table.path, form, line, Entry(
                        form, kind or str(row["kind"]), row.get("country"), row.get("sector"))
        return cls(rows())
