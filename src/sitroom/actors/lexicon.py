"""The actor lexicon: every phrase of the ``actors_*.tsv`` tables, indexed by its tokens.

Text and lexicon forms are cut into tokens the same way (``tokenize``), so a phrase is
found by looking its lower-cased token keys up in one dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from typing import Any, Iterator, Mapping, NamedTuple

import numpy as np

from ..errors import LexiconError
from ..lexicons import ISO3, SECTOR, Column
from ..pipeline.wordscan import CHUNK_CACHE_SIZE, bmp_class, bmp_plane

__all__ = ["Entry", "Token", "ActorLexicon", "tokenize", "scan", "scan_offsets", "form_keys", "TABLES",
           "COUNTRY_KINDS", "ROLE_KINDS", "WORD_KINDS"]

COUNTRY_KINDS = frozenset({"name", "demonym", "people", "capital", "metonym"})
ROLE_KINDS = frozenset({"head", "weak", "arm", "title", "nametitle", "mod", "site", "prep",
                        "placemod", "orghead", "thing", "notorg", "feature"})

# Kinds only looked at around other phrases: their one-word forms are kept as word sets.
WORD_KINDS = frozenset({"prep", "placemod", "thing", "feature"})

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
# Over lower-cased text, as the separator of ``re.split``: the same tokens, so that the
# pieces alternate white space and token.
_WIDE_SPLIT_RE = re.compile(r"((?:[a-z]\.){2,}(?![a-z])|['’]s\b|[-'’‐‑]"
                            r"|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|\w+|[^\w\s])")
# The same for texts within the Basic Multilingual Plane, a third faster: a token starting
# with a letter a-z is an acronym or else a word (one branch, where trying the acronym first
# cost a failed attempt per word); the other alternatives start with a character set (the
# engine skips a failing one after a single test); the Unicode classes are spelt out as sets
# of the plane (one table look-up per character instead of a Unicode database query).
_W, _D = bmp_class(r"\w"), bmp_class(r"\d")
_SPLIT_RE = re.compile(r"([a-z](?:\.[a-z]\.(?:[a-z]\.)*(?![a-z])|" + _W + r"*)|['’]s\b"
                       r"|[-'’‐‑]|" + _D + _D + r"*(?:[.,]\d+)*(?:st|nd|rd|th)?\b|"
                       + _W + _W + "*|" + bmp_class(r"[^\w\s]") + ")")
# Joiners dropped when glued to a token on both sides: "al-Qaeda" == "al Qaeda".
_JOINERS = frozenset("-'’‐‑")
_SPECIAL = _JOINERS | {"'s", "’s"}
# White space other than the space, within the Basic Multilingual Plane (what ``\s`` matches).
_PLANE = bmp_plane()
_SPACES = tuple(re.findall(r"[^\S ]", _PLANE))
# True for the characters of the Basic Multilingual Plane that are neither letters nor digits
# (``str.isalnum``) nor the space: a chunk between spaces holding one is cut into tokens.
_MARK = np.frombuffer(bytes(map(str.isalnum, _PLANE)), np.bool_) ^ True
_MARK[ord(" ")] = False
_MARK.flags.writeable = False
# Each character of the Basic Multilingual Plane by what it is to the tokenizer: a letter
# or digit (0), white space (``_SPACE``) or a mark (``_MARKED``, what ``_MARK`` holds but
# white space). A character and its lower case are the same of these.
_SPACE, _MARKED = 1, 2
_CLASS = _MARK.astype(np.uint8) * _MARKED
_CLASS[[ord(c) for c in _SPACES + (" ",)]] = _SPACE
_CLASS.flags.writeable = False


def _plane_lower(plane: str) -> np.ndarray:
    """``ord(chr(c).lower()[0])`` for each character of ``plane`` (the whole Basic
    Multilingual Plane in order), from one ``str.lower`` of all of it: the plane's one
    character that lower-cases to two ("İ" -> "i̇") is cut back to its first, and the
    capital sigma, which the whole string lower-cases by its place in a word, is set to
    what it gives alone."""
    low = plane.lower().replace("i\u0307", "i")
    if len(low) != len(plane):  # (another Unicode version: one character at a time)
        return np.fromiter((ord(c.lower()[0]) for c in plane), np.uint16, len(plane))
    table = np.frombuffer(low.encode("utf-16-le", "surrogatepass"), np.uint16).copy()
    table[ord(_SIGMA)] = ord(_SIGMA.lower())
    return table


_SIGMA = "\u03a3"  # lower-cased by its place in the word ("ΟΔΟΣ" -> "οδος")
# The lower case of each character of the plane (the first character of it, for the one
# that lower-cases to two: see ``_lower``).
_LOWER = _plane_lower(_PLANE)
_LOWER.flags.writeable = False
# Marks that do not split off the word after them: the possessive ("'s") and "_" (a word
# character).
_NOT_LEADING = frozenset("_'’")
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
    starts, ends, keys, _, _ = scan_offsets(text, start, end, False)
    return starts, ends, keys


def scan_offsets(text: str, start: int = 0, end: int | None = None, array: bool = True
                 ) -> tuple[list[int], list[int], list[str], Any, Any]:
    """``scan``, and where the scan has them at hand (texts within the Basic Multilingual
    Plane; else None): (with ``array``) the start offsets as an array of integers too (one
    built from the list costs ~200 instructions an offset), and the code points of
    ``text[start:end]`` as written, an array."""
    end = len(text) if end is None else end
    piece = text[start:end]
    if piece.isascii():
        codes = np.frombuffer(piece.encode("ascii"), np.uint8)
        return (*_chunk_scan(piece.lower(), codes, start, array), codes)
    raw = piece.encode("utf-16-le", "surrogatepass")
    if len(raw) != 2 * len(piece):  # characters beyond the Basic Multilingual Plane
        return (*_split_scan(_WIDE_SPLIT_RE.split, _lower(piece), start), None, None)
    # lower-cased by a table over the code points: ``str.lower`` looks every character of
    # a text that is not all ASCII up in the Unicode database (three times the cost); the
    # table gives each character its own lower case, which is what ``str.lower`` does
    # except for the final sigma, whose texts take ``str.lower``
    codes = np.frombuffer(raw, np.uint16)
    low = _LOWER.take(codes).tobytes().decode("utf-16-le", "surrogatepass")
    if _SIGMA in piece or len(low) != len(piece):  # (two surrogates make one character)
        low = _lower(piece)
    return (*_chunk_scan(low, codes, start, array), codes)


def _lower(piece: str) -> str:
    """``piece`` lower-cased with its length kept (a few characters lower-case to two:
    their first stands for them)."""
    low = piece.lower()
    if len(low) != len(piece):
        low = "".join(c.lower()[0] for c in piece)
    return low


def _chunk_scan(low: str, codes: Any, start: int, array: bool
                ) -> tuple[list[int], list[int], list[str], Any]:
    """``scan`` of a lower-cased text within the Basic Multilingual Plane (``codes``: the
    code points of the text before lower-casing), cut at white space first: no
    token spans white space and none depends on what lies beyond it, so a chunk of letters
    and digits alone is one token, and a word with one mark before or after it is two. The
    chunks' offsets and which of them hold a mark are found by array operations over the
    code points (a few calls in C, where a pass of ``map`` over the chunks costs as much per
    chunk); only the chunks with a mark (about one in seven) are cut again, from the last to
    the first, each replaced in place by its tokens (a memo: "said," recurs); the offsets of
    the tokens after a chunk's first are added in one sort (an insertion each moved the
    rest of the list)."""
    keys = low.split()
    if not keys:
        return [], [], [], None
    kind = _CLASS.take(codes)  # (white space and marks are the same before lower-casing)
    space = np.empty(len(codes) + 2, np.bool_)
    space[0] = space[-1] = True
    np.equal(kind, _SPACE, out=space[1:-1])
    edges = np.not_equal(space[1:], space[:-1]).nonzero()[0]
    # chunk i is low[edges[2 * i]:edges[2 * i + 1]]; a mark at p lies in the chunk whose
    # start is the last edge at or before p: searchsorted gives 2 * i + 1
    at = edges.searchsorted(np.equal(kind, _MARKED).nonzero()[0], "right")
    if start:
        edges += start
    starts, ends = edges[0::2].tolist(), edges[1::2].tolist()
    if not len(at):
        return starts, ends, keys, edges[0::2] if array else None
    new = np.empty(len(at), np.bool_)  # the first mark of each chunk
    new[0] = True
    np.not_equal(at[1:], at[:-1], out=new[1:])
    cut = _cut_chunk
    more_starts: list[int] = []  # offsets of the tokens after a chunk's first
    more_ends: list[int] = []  # offsets of the ends of the tokens before a chunk's last
    for i in reversed((at[new] >> 1).tolist()):  # (the chunks before i keep their indexes)
        tokens, inner_starts, inner_ends = cut(keys[i])
        keys[i:i + 1] = tokens
        pos = starts[i]
        if len(inner_starts) == 1:  # (most often: "said,", "(reuters")
            more_starts.append(pos + inner_starts[0])
            more_ends.append(pos + inner_ends[0])
        else:
            more_starts += map(pos.__add__, inner_starts)
            more_ends += map(pos.__add__, inner_ends)
    offsets = None
    if array:
        offsets = np.concatenate((edges[0::2], np.array(more_starts, edges.dtype)))
        offsets.sort()
    # each chunk's tokens lie within it and in order: sorting the offsets places them
    starts += more_starts
    starts.sort()
    ends += more_ends
    ends.sort()
    return starts, ends, keys, offsets


@lru_cache(maxsize=CHUNK_CACHE_SIZE)
def _cut_chunk(chunk: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The token keys of a lower-cased chunk without white space, the start offsets in it
    of all its tokens but the first, and the end offsets of all but the last (the first
    starts and the last ends where the chunk does; a key may be shorter than its text:
    "u.s." -> "us"). Remembered: news repeats "said," and "U.S."."""
    head, last = chunk[:-1], chunk[-1]
    if last != "_" and head.isalnum():  # "said,"
        return (head, last), (len(head),), (len(head),)
    first, tail = chunk[0], chunk[1:]
    if first not in _NOT_LEADING and tail.isalnum():  # "(reuters"
        return (first, tail), (1,), (1,)
    starts, ends, keys = _split_scan(_SPLIT_RE.split, chunk, 0)
    return tuple(keys), tuple(starts[1:]), tuple(ends[:-1])


def _split_scan(split: Any, low: str, start: int) -> tuple[list[int], list[int], list[str]]:
    """``scan`` of a lower-cased text by a token regex's ``split``."""
    pieces = split(low)  # space, token, space, token, ..., space
    keys = pieces[1::2]
    if not keys:
        return [], [], []
    offsets = list(accumulate(map(len, pieces), initial=start))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    special = list(compress(range(len(keys)), map(_SPECIAL.__contains__, keys)))
    if low.count(".") != keys.count("."):  # a dot inside a token: acronyms (or decimals)
        special = sorted(chain(special, compress(range(len(keys)),
                                                 map(str.endswith, keys, repeat(".")))))
    last = len(keys) - 1
    for i in reversed(special):
        tok = keys[i]
        if tok in _JOINERS:
            if 0 < i < last and ends[i - 1] == starts[i] and ends[i] == starts[i + 1]:
                del keys[i], starts[i], ends[i]
                last -= 1
        elif len(tok) > 2 and tok[-1] == ".":
            keys[i] = tok.replace(".", "")
        elif tok[0] in "'’":
            keys[i] = "'s"
    return starts, ends, keys


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (see ``scan``)."""
    starts, ends, keys = scan(text, start, end)
    return [Token(s, e, k, text[s:e]) for s, e, k in zip(starts, ends, keys)]


def form_keys(form: str) -> tuple[str, ...]:
    """The keys of ``scan(form)``, for a lexicon's form: a form of ASCII words of letters
    and digits alone (most of them) is its lower-cased words, without the array set-up of
    a scan (which costs more than the scanning of such a short text)."""
    low = form.lower()
    words = low.split()
    if form.isascii() and "".join(words).isalnum():
        return tuple(words)
    return tuple(scan(form)[2])


class ActorLexicon:
    """Phrases of all actor tables: ``phrases[token keys] -> entries``."""

    def __init__(self, rows: Iterator[tuple[str, str, int, Entry]]) -> None:
        phrases: dict[tuple[str, ...], list[Entry]] = {}
        longest: dict[str, int] = {}
        words: dict[str, set[str]] = {kind: set() for kind in WORD_KINDS}
        for path, form, line, entry in rows:
            keys = form_keys(form)
            if entry.kind in _PROPER and not entry.accepts(entry.first):
                raise LexiconError(path, line, f"form {form!r} of a name must start with a "
                                   "capital letter or a lower-case particle")
            if entry.kind in WORD_KINDS and len(keys) == 1:
                words[entry.kind].add(keys[0])  # looked up by key, not matched as phrases
                continue
            phrases.setdefault(keys, []).append(entry)
            longest[keys[0]] = max(longest.get(keys[0], 0), len(keys))
        self.phrases: Mapping[tuple[str, ...], tuple[Entry, ...]] = {
            k: tuple(v) for k, v in phrases.items()}
        self.longest: Mapping[str, int] = longest
        # one-token phrases by their key, and whether any of their entries has case rules
        self.single: Mapping[str, tuple[tuple[Entry, ...], bool]] = {
            k[0]: (v, any(e.kind in _PROPER for e in v))
            for k, v in self.phrases.items() if len(k) == 1}
        self.first_keys: frozenset[str] = frozenset(longest)
        # keys (tokens joined by spaces) of the phrases that can be organisation words
        self.orghead_keys: frozenset[str] = frozenset(
            " ".join(k) for k, v in self.phrases.items() if any(e.kind == "orghead" for e in v))
        # first two keys of phrases of two tokens or more -> their greatest length
        pairs: dict[tuple[str, str], int] = {}
        for k in self.phrases:
            if len(k) > 1:
                pair = (k[0], k[1])
                pairs[pair] = max(pairs.get(pair, 0), len(k))
        self.pairs: Mapping[tuple[str, str], int] = pairs
        # one-word prepositions, place modifiers and thing nouns, by kind
        self.words: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in words.items()}

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
