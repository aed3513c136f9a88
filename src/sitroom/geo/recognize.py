"""Toponym recognition and resolution over a document's text.

Recognition: longest gazetteer-name matches over runs of capitalised words, extended
by a following generic word ("Kursk region", "Laurel County"); other spellings by a
consonant skeleton where a cue makes a place likely ("in Nassriya city"). Filtered
out: names inside a person's name ("Gov. Jackson", "George Washington", "Robertson
said"), given names ("Taylor Smith"), firms ("Stevens & Wilkinson"), street names,
common words, demonyms (which only hint at a country), and small places named
without a locative cue.
Resolution: a population/kind prior plus evidence from the text: a generic word that
names the kind, the divisions named after a comma or in brackets ("Athens, Ga.",
"Galgala (Bossaso, Bari)"), the countries and first-level divisions the document
names, demonyms, and distance to its other places; three rounds, each using the
context the previous one settled. A division named in brackets or after a generic word
("Boni (Mopti region)", "X district, Kunar", "X village of Y district") binds the
place before it: only readings inside it count, and a weakly matched name with none
there is dropped as an unknown village, leaving the division to say where. The
country the demonyms and one-country actors point to ("Taliban") is returned as a
place without a mention: context for locating an event and its fallback location.
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from ..lexicons import Column, load_table
from ..model import Mention, Place
from .gazetteer import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Gazetteer, normalize, skeleton

__all__ = ["Geoparser", "Toponym", "WORD_ROLES"]

WORD_ROLES = frozenset({"stop", "title", "org", "street", "direction", "at", "path",
                        "admin1", "admin2", "city", "firstname"})

# Words; a possessive "'s" is left out of its word and is no word of its own.
_TOKEN = re.compile(r"[A-Z]\.[A-Z][a-z]{1,2}\.|(?:[A-Z]\.){2,}(?:[A-Z](?![a-z]))?"
                    r"|(?<!\w['’])[^\W\d_]\w*(?:['’](?!s\b)[^\W\d_]\w*)*")
_CONNECTORS = frozenset({"of", "de", "la", "el", "al", "upon", "du", "des", "del", "da", "do",
                         "on", "the", "and", "le", "les", "en", "sur", "am", "an", "der",
                         "di", "y", "i", "ad", "as", "ash", "ar", "az", "ul", "e", "es", "ez",
                         "ed", "er", "et", "bin", "ibn", "bani", "beni", "dos", "das", "van",
                         "von", "den", "aan", "lez", "au", "aux"})
_MAX_ABBREVIATED_TITLE = 4  # "Gov. X", "Sgt. X"; "Judge. X" is a sentence end
_SPEECH = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "wrote",
                     "asked", "recalled", "argued", "insisted", "acknowledged", "admitted"})
_GENERIC_ROLES = frozenset({"admin1", "admin2", "city"})
_DIVISION_ROLES = frozenset({"admin1", "admin2"})
# "Saudi-led", "Iran-backed": an actor's sponsor, not a sign of where the text is.
_COMPOUND_AFTER = re.compile(r"-(?:led|backed|allied|funded|supported|sponsored|brokered|"
                             r"aligned|affiliated|trained|armed)\b")
# Right before a name that holds the place named before it: "X district, Y", "X (Y".
_HOLDER_BEFORE = re.compile(r"(?:\b(?:district|province|city|town|village|county|region|area|"
                            r"subdivision|municipality|governorate|upazila|territory|"
                            r"zone|woreda|department|commune)\s*,\s*|\)\s*,\s*|"
                            r"[A-Z][\w'’\-]*(?:\s+[a-z]+)?\s+\((?:[^()]{0,40},\s*)?)$")
# Persian and Pashto joiners inside hyphenated names ("Dara-e-X", "Nahr-i-X").
_EZAFE = frozenset({"e", "i", "ye", "y", "o", "u"})
# "X in the Y region", "X village of Y district": the division that holds X.
_IN_DIVISION = re.compile(r"(?:\s+(?:city|town|village|area|locality|township))?"
                          r"(?:,\s*|\s+)(?:in|of)\s+(?:the\s+)?")
_PRIMARY_CACHE_SIZE = 50_000  # names remembered per parser (a few MB)
_NORM_CACHE_SIZE = 100_000  # normalized words and names remembered per parser (~10 MB)
_MAX_FUZZY_TOKENS = 3
_MIN_FUZZY_CHARS = 5  # shorter names have too many look-alikes
# What follows a place: an optional generic word, then ", " or " (" and up to three
# comma-separated names ending at a bracket, a full stop or a clause.
_NAME = (r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al|el|ez|es|ad|ar|as|de|del|la|of))*"
         r"(?:\s+(?:district|region|province|state|township|county|governorate|city|"
         r"municipality|division|countryside))?")
_AFTER = re.compile(r"(?:\s+(?:city|town|village|district|province|governorate|region|"
                    r"municipality|county|area|countryside|township|sub-district|camp))?"
                    r"(?:,\s*|\s+\(|\s*\()"
                    r"(" + _NAME + r"(?:\s*,\s*" + _NAME + r"){0,2})")
# A name in brackets right after a capitalised name (after other names and commas).
_CONTAINER = re.compile(r"[A-Z][\w'’\-]*(?:\s+[a-z]+)?\s+\((?:[^()]{0,60},\s*)?$")
# Between a place and the division that qualifies it: "Town, Region", "Town (Region".
_QUALIFIER_GAP = re.compile(r"(?:\s+(?:city|town|village|district|area|township|county))?"
                            r"(?:,\s*|\s*\()")
# Words before "of" that make "of X" locative.
_OF_HEADS = frozenset({"village", "town", "city", "outskirts", "province", "district", "region",
                       "north", "south", "east", "west", "northeast", "northwest", "southeast",
                       "southwest", "suburb", "suburbs", "centre", "center", "capital",
                       "parts", "part", "governorate", "municipality", "county", "state",
                       "area", "vicinity", "streets", "heart"})
_MAX_CONTEXT_CANDIDATES = 5  # towns of that name most likely meant
_ABBR_DOT = frozenset({"st", "ft", "mt", "pt"})
_MAX_TOKENS = 6

# Places smaller than this are read only with a locative cue or an admin name after a
# comma: below it, most single-word gazetteer hits in news are surnames or common
# words (chosen on the size where LGL-style local news stops naming towns bare).
MIN_BARE_POPULATION = 15_000
# Multi-word names are rarely accidental; the bar is lower for them.
MIN_BARE_POPULATION_MULTI = 1_000
# A name that is only an alternate name of its places ("Kiev" for Kyiv) is read bare
# only for large cities: alternate lists hold many transliterations that are English
# words or surnames ("Hamas" for Hamm).
MIN_BARE_POPULATION_ALTERNATE = 200_000
# A name shared by a given name and a place this large ("Georgia", "Paris") is read as
# the place even before another capitalised word.
WELL_KNOWN_POPULATION = 1_000_000
PLAUSIBLE_MARGIN = 3.0
# Candidates scored per name, most populous first: smaller homonyms than the 30th
# are too obscure to be meant even with context.
MAX_SCORED = 30
# A division or town named in brackets after a place lies within this distance of it.
NEAR_CONTEXT_KM = 60.0
# A place named with a division in brackets ("X (Y region)") but recorded under another
# division of the gazetteer still fits when this close to that division's point (the
# divisions of news and of GeoNames differ in places; large divisions span ~300 km).
BOUND_KM = 150.0
# A respelled division name read without a country to confirm it must be this close to
# the gazetteer's spelling (difflib ratio): one changed vowel in five letters ("Kunar"
# for Konar) is 0.8; unrelated names sharing consonants score below.
MIN_DIVISION_SIMILARITY = 0.8
# Towns are many more: a respelled town name read without context must be closer still
# (a dropped and a doubled letter in nine, "Nassriya" for Nasiriyah, is 0.82).
MIN_TOWN_SIMILARITY = 0.82
# A town this small named with a division it does not lie in is more likely an
# unknown homonym than the gazetteer's town (villages missing from cities500).
WEAK_POPULATION = 50_000
# Places within this distance of the document's other places count as "nearby".
NEAR_KM = 400.0

# Score weights (log10-population units): a kind named by a following generic word
# outweighs any population difference; an admin name after a comma nearly so.
_W_SUFFIX = 6.0
_W_COMMA = 6.0
_W_COUNTRY_CTX = 2.0
_W_ADMIN1_CTX = 2.5
_W_NEAR = 1.5
# Population counts a little over its log: tried 1.0-2.0 on the dev sets, 1.3 was best.
_W_POPULATION = 1.3
_W_DEMONYM = 1.0
# Mutual support of two ambiguous names in one division: tried 0.7-2.5 on the dev
# sets, 1.0 was best; readings within PLAUSIBLE_MARGIN (score units) of the best count.
_W_PLAUSIBLE = 1.0  # "Iraqi forces": weaker than a named place of that country
_W_CONTAINER = 2.0
_W_PRIMARY = 2.0
_W_CAPITAL = 2.5
_W_DIVISION_OF_CITY = 2.5  # national capitals are what a bare name usually means ("Washington")
# The most the document's context can add to a reading's score.
_MAX_CONTEXT_BONUS = _W_COUNTRY_CTX + _W_ADMIN1_CTX + _W_NEAR + _W_PLAUSIBLE + _W_DEMONYM
_KIND_BONUS = {COUNTRY: 1.5, ADMIN1: 1.0, REGION: 0.5, ADMIN2: -1.5, CITY: 0.0}


@dataclass
class Toponym:
    start: int
    end: int
    key: str
    cands: tuple[int, ...]
    suffix_kind: int | None = None  # ADMIN1 / ADMIN2 / CITY named by a generic word
    comma: tuple[int, ...] = ()  # places named after a comma ("Athens, Ga.")
    cue: str | None = None  # "at" or "path": the preposition before it
    primary: frozenset[int] = frozenset()
    fuzzy: bool = False  # matched by skeleton: another spelling of the name
    container: bool = False  # in brackets after a place: "Galgala (Bari)" names a division
    held: bool = False  # right after "district, " or "(": names a division holding a place
    linked: bool = False  # ``comma`` is the town named after "area of", "village of"
    strong: bool = False  # ``comma`` named in brackets or after a generic word: binding
    person: int = 0  # part of a person's name: 2 after a title or given name, 1 likely
    choice: int = -1
    score: float = 0.0
    margin: float = 0.0


def _signature(ctx: dict) -> tuple:
    """What of a context can change a choice: anchors, countries and divisions named."""
    return (ctx["anchor_sig"], tuple(sorted((k, len(v)) for k, v in ctx["countries"].items())),
            tuple(sorted((k, len(v)) for k, v in ctx["admin1s"].items())))


def _occurs(text: str, word: str) -> bool:
    """``word`` (lower case) stands as a whole word somewhere in ``text``."""
    at = text.find(word)
    n = len(word)
    while at >= 0:
        if (at == 0 or not text[at - 1].isalnum()) and not text[at + n:at + n + 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False


class Geoparser:
    """Finds and resolves toponyms; one per Pipeline (holds compiled data only)."""

    def __init__(self, gazetteer: Gazetteer, lexicons=None) -> None:
        self.gaz = gazetteer
        # Python lists: scalar access is several times faster than on numpy arrays.
        self.kind: list[int] = gazetteer.kind.tolist()
        self.pop: list[int] = gazetteer.population.tolist()
        self.country: list[int] = gazetteer.country.tolist()
        self.admin1: list[int] = gazetteer.admin1.tolist()
        self.capital: list[bool] = gazetteer.capital.tolist()
        self._primary_cache: dict[tuple[str, tuple[int, ...]], frozenset[int]] = {}
        self._norm_cache: dict[str, str] = {}
        cols = [Column("word"), Column("role", choices=WORD_ROLES)]
        table = (lexicons.table("geo_words.tsv", cols) if lexicons is not None
                 else load_table("geo_words.tsv", cols))
        roles: dict[str, set[str]] = {}
        for r in table.rows:
            roles.setdefault(str(r["word"]).lower(), set()).add(str(r["role"]))
        self.roles: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in roles.items()}
        dcols = [Column("word"), Column("country", required=False, pattern=r"[A-Z]{2}")]
        dtable = (lexicons.table("geo_demonyms.tsv", dcols) if lexicons is not None
                  else load_table("geo_demonyms.tsv", dcols))
        country_no = {iso2: n for n, (iso2, _) in enumerate(gazetteer.country_codes)}
        # demonym -> country number (-1: none): never a toponym, a hint of the country
        self.demonyms: Mapping[str, int] = {
            str(r["word"]).lower(): country_no.get(str(r["country"] or ""), -1)
            for r in dtable.rows}

    # ------------------------------------------------------------------ recognition
    def _norm(self, name: str) -> str:
        """``normalize`` remembered per parser: the same words recur in every text."""
        key = self._norm_cache.get(name)
        if key is None:
            if len(self._norm_cache) > _NORM_CACHE_SIZE:
                self._norm_cache.clear()
            key = self._norm_cache[name] = normalize(name)
        return key

    def _role(self, word: str, role: str) -> bool:
        return role in self.roles.get(word.lower(), ())

    def recognize(self, text: str, sentence_starts: Iterable[int] = (),
                  hints: dict[int, int] | None = None) -> list[Toponym]:
        """Toponym candidates in ``text``; countries named by demonyms go to ``hints``
        (country number -> times named)."""
        toks = [m.span() for m in _TOKEN.finditer(text)]
        starts = set(sentence_starts)
        found: list[Toponym] = []
        n = len(toks)
        nxt = 0  # first token not yet consumed by a match
        demonyms = self.demonyms
        first_words, norm = self.gaz.first_words, self._norm
        hints = {} if hints is None else hints
        for i in [k for k, (s, _) in enumerate(toks) if text[s].isupper()]:
            if i < nxt:
                continue
            s, e = toks[i]
            word = text[s:e]
            c = demonyms.get(word.lower())
            if first_words.get(norm(word)) or (text[e:e + 1] == "." and text[s - 2:s] == ", "):
                hit = self._longest(text, toks, i)
            else:
                hit = None
            if c is not None and (hit is None or hit[0] == i):
                if c >= 0 and not _COMPOUND_AFTER.match(text, toks[i][1]):  # "Saudi-led"
                    hints[c] = hints.get(c, 0) + 1  # "Czech Republic" is a place
                continue
            hit = hit or self._fuzzy(text, toks, i)
            if hit is None:
                continue
            j, top = hit
            nxt = j + 1
            if not self._keep(text, toks, i, j, top, toks[i][0] in starts):
                continue
            if found and found[-1].comma and _QUALIFIER_GAP.fullmatch(text, found[-1].end, top.start):
                top.container = True  # "Komsomolets, Donetsk": Donetsk qualifies the town
            found.append(top)
            if top.comma and nxt < n:
                abbr = self._abbreviation(text, toks[nxt], top.comma)
                if abbr is not None:
                    found.append(abbr)
                    nxt += 1
        return found

    def _gap_ok(self, text: str, a: int, b: int, prev_word: str) -> bool:
        gap = text[a:b]
        if gap in (" ", "-"):
            return True
        return gap == ". " and prev_word.lower() in _ABBR_DOT

    def _longest(self, text: str, toks: Sequence[tuple[int, int]], i: int
                 ) -> tuple[int, Toponym] | None:
        gaz = self.gaz
        s0 = toks[i][0]
        e0 = toks[i][1]
        if text[e0:e0 + 1] == "." and text[s0 - 2:s0] == ", ":
            abbr = gaz.context_index.get(normalize(text[s0:e0 + 1]))
            if abbr:  # "Athens, Ala.": the state, not a town called Ala
                return i, Toponym(s0, e0 + 1, normalize(text[s0:e0 + 1]), abbr, cue="at",
                                  primary=frozenset(abbr))
        span = gaz.first_words.get(self._norm(text[s0:e0]), 0)
        if not span:
            return None
        last = i
        limit = min(len(toks), i + span + 1, i + _MAX_TOKENS)
        ends = [i]
        while last + 1 < limit:
            ps, pe = toks[last]
            ns, ne = toks[last + 1]
            if not self._gap_ok(text, pe, ns, text[ps:pe]):
                break
            last += 1
            if text[ns].isupper():
                ends.append(last)
            elif text[ns:ne].lower() not in _CONNECTORS:
                break
        for j in reversed(ends):
            end = toks[j][1]
            key = self._norm(text[s0:end])
            cands = gaz.index.get(key, ())
            base = gaz.suffix_index.get(key, ())
            if not cands and not base:
                continue
            suffix = self._suffix_after(text, toks, j)
            skind = None
            if suffix is not None:
                skind, _ = suffix
                if base:
                    cands = tuple(dict.fromkeys(base + cands))

            if not cands:
                continue
            top = Toponym(s0, end, key, cands, skind)
            if suffix is not None and any(self.kind[c] in (ADMIN1, ADMIN2, REGION) for c in cands):
                top.end = suffix[1]
            top.primary = self._primary(key, cands)
            return j, top
        return None

    def _fuzzy(self, text: str, toks: Sequence[tuple[int, int]], i: int
               ) -> tuple[int, Toponym] | None:
        """Another spelling of a gazetteer name ("Nassriya"), by skeleton; tried only
        where a cue makes a place likely."""
        gaz = self.gaz
        s0, e0 = toks[i]
        first = text[s0:e0].lower()
        if e0 - s0 < 3 or first in self.roles or first in self.demonyms \
                or not self._cued(text, toks, i):
            return None
        last, ends = i, [i]
        while last + 1 < min(len(toks), i + _MAX_FUZZY_TOKENS):
            ps, pe = toks[last]
            ns, ne = toks[last + 1]
            if text[pe:ns] not in (" ", "-"):
                break
            last += 1
            if text[ns].isupper():
                if self._norm(text[ns:ne]) in gaz.first_words:
                    break  # a known name starts there
                ends.append(last)
            elif text[ns:ne].lower() not in _CONNECTORS:
                break
        for j in reversed(ends):
            end = toks[j][1]
            key = self._norm(text[s0:end])
            if len(key) < _MIN_FUZZY_CHARS or self._role(key, "stop"):
                continue
            cands = gaz.skeleton_index.get(skeleton(key), ())
            if cands:
                top = Toponym(s0, end, key, cands, fuzzy=True)
                top.held = _HOLDER_BEFORE.search(text, max(0, s0 - 30), s0) is not None
                suffix = self._suffix_after(text, toks, j)
                if suffix is not None:
                    top.suffix_kind = suffix[0]
                return j, top
        return None

    def _cued(self, text: str, toks: Sequence[tuple[int, int]], i: int) -> bool:
        """A locative word before token ``i``, or a generic word, comma or bracket after
        the capitalised words starting there: worth trying other spellings."""
        if i > 0 and text[toks[i - 1][1]:toks[i][0]] == " " and \
                self._role(text[toks[i - 1][0]:toks[i - 1][1]], "at"):
            return True
        s0 = toks[i][0]
        if text[s0 - 1:s0] == "(" or text[s0 - 2:s0] in (", ", " (") and \
                _HOLDER_BEFORE.search(text, max(0, s0 - 30), s0):
            return True
        k = i
        while k + 1 < len(toks) and k < i + _MAX_FUZZY_TOKENS and text[toks[k + 1][0]].isupper() \
                and text[toks[k][1]:toks[k + 1][0]] in (" ", "-"):
            k += 1
        after = text[toks[k][1]:toks[k][1] + 2]
        return after[:1] == "," or after == " (" or self._suffix_after(text, toks, k) is not None

    def _primary(self, key: str, cands: tuple[int, ...]) -> frozenset[int]:
        """The candidates whose main name (not an alternate one) is ``key``."""
        hit = self._primary_cache.get((key, cands))
        if hit is None:
            if len(self._primary_cache) > _PRIMARY_CACHE_SIZE:
                self._primary_cache.clear()
            names = self.gaz.names
            kind = self.kind
            bare = key.replace("'", "")  # "Dara" is the main name of Dar'a
            hit = frozenset(c for c in cands[:MAX_SCORED]
                            if kind[c] == REGION  # curated
                            or self._norm(names[c]).replace("'", "") == bare)
            self._primary_cache[(key, cands)] = hit
        return hit

    def _suffix_after(self, text: str, toks: Sequence[tuple[int, int]], j: int
                      ) -> tuple[int, int] | None:
        if j + 1 >= len(toks) or text[toks[j][1]:toks[j + 1][0]] != " ":
            return None
        s, e = toks[j + 1]
        roles = self.roles.get(text[s:e].lower(), ())
        for role, kind in (("admin1", ADMIN1), ("admin2", ADMIN2), ("city", CITY)):
            if role in roles:
                return kind, e
        return None

    def _keep(self, text: str, toks: Sequence[tuple[int, int]], i: int, j: int,
              top: Toponym, sentence_start: bool) -> bool:
        word = text[top.start:toks[j][1]]
        single = i == j
        lw = word.lower()
        if len(top.key) < 2 or self._role(top.key, "stop") or top.key in self.demonyms \
                or (single and self._role(lw, "title")) \
                or (single and self._role(lw, "direction")):
            return False
        if word.isupper() and " " not in word and "." not in word and not sentence_start \
                and not any(self.kind[c] in (COUNTRY, REGION) for c in top.cands) \
                and not any(self.kind[c] == ADMIN1 and (len(word) <= 2 or c not in top.primary)
                            for c in top.cands):
            return False  # an acronym ("NICE", "SUD"), not a place's name as written
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        prev_word = text[prev[0]:prev[1]] if prev else ""
        next_word = text[nxt[0]:nxt[1]] if nxt else ""
        prev_gap = text[prev[1]:top.start] if prev else ""
        next_gap = text[toks[j][1]:nxt[0]] if nxt else ""
        # Person: a title, a given name or an initial before it.
        if prev and prev_gap in (" ", ". ") and prev_word[0].isupper():
            if self._role(prev_word, "title") and not self._role(prev_word, "direction") \
                    and (prev_gap == " " or len(prev_word) <= _MAX_ABBREVIATED_TITLE):
                return self._mark_person(top)
            if prev_gap == ". " and len(prev_word) == 1:
                return self._mark_person(top)
            if prev_gap == " " and self._role(prev_word, "firstname"):
                return self._mark_person(top)
            if prev_gap == " " and not self._is_modifier(prev_word) and not self._well_known(top):
                top.person = 1  # "Haywood Turner", "Historic Dublin": not on its own a place
                return True
        if (next_gap == "-" and (next_word.lower() in _EZAFE or next_word in _CONNECTORS
                                  or _COMPOUND_AFTER.match(text, toks[j][1]))) or \
                (prev_gap == "-" and prev_word.lower() in _EZAFE):
            return False  # "Dara-e-Pech", "Saudi-led", "Kabul-based": not the place itself
        if "&" in prev_gap or "&" in next_gap:
            return False  # "Stevens & Wilkinson": a firm
        if (next_gap == "-" and next_word[:1].isupper() and not self._is_place_word(next_word)
                and next_word.lower() not in self.demonyms) or \
                (prev_gap == "-" and prev_word[:1].isupper() and not self._is_place_word(prev_word)
                 and prev_word.lower() not in self.demonyms):
            return False  # "Wal-Mart", "Coca-Cola": a compound name
        if nxt and next_gap == " " and next_word[0].isupper():
            after = toks[j + 2] if j + 2 < len(toks) else None
            run_ends = after is None or text[nxt[1]:after[0]] != " " or not text[after[0]].isupper()
            if self._role(next_word, "street") and run_ends:
                return False
            if single and top.suffix_kind is None and self._prefix_of_unknown_name(text, toks, j):
                return False  # "Lay" in "Lay Kay village": part of an unknown name
            if single and top.suffix_kind is None and self._first_of_two_word_name(text, toks, j, top):
                return False  # "Nadia Moayyad", "Chapman Valve": another name's first word
            if single and self._role(lw, "firstname") and top.suffix_kind is None \
                    and not self._role(next_word, "org") and (
                        not self._well_known(top) or len(next_word) == 1
                        or self._unknown_surname(text, toks, j)):
                return False  # "Taylor Smith", "Virginia L. Lane": a given name
        if prev and prev_gap == " " and i > 1 and self._role(prev_word, "direction") \
                and not prev_word[0].isupper() and text[toks[i - 2][1]:prev[0]] == " " \
                and self._role(text[toks[i - 2][0]:toks[i - 2][1]], "at"):
            top.cue = "at"  # "in central X", "near downtown X"
        elif prev and prev_gap == " ":
            pl = prev_word.lower()
            if pl == "of":
                if i > 1 and text[toks[i - 2][0]:toks[i - 2][1]].lower() in _OF_HEADS:
                    top.cue = "at"  # "village of X", "north of X"; not "Federation of X"
            elif self._role(pl, "at"):
                top.cue = "at"
            elif self._role(pl, "path"):
                top.cue = "path"
        if top.cue is None and nxt and next_gap == " " and next_word.lower() in _SPEECH \
                and (not prev or prev_word.lower() not in _CONNECTORS) \
                and not self._well_known(top) and not self._is_division(top):
            return self._mark_person(top)  # "Robertson said": a person
        top.comma, top.strong = self._after_context(text, top.end)
        lo = max(0, top.start - 80)
        if "(" in text[lo:top.start] and _CONTAINER.search(text, lo, top.start):
            top.container = True
            top.strong = bool(top.comma)  # "(Barh Koh, Moyen-Chari)": one hierarchy
        if sentence_start and single and _occurs(text, lw):
            return bool(top.cue == "at" or top.comma or top.suffix_kind is not None)
        return True

    def _abbreviation(self, text: str, tok: tuple[int, int], places: tuple[int, ...]
                      ) -> Toponym | None:
        """The state abbreviation in "Athens, Ga." as a toponym of its own."""
        s, e = tok
        word = text[s:e]
        if text[e:e + 1] == "." and not word.endswith("."):
            e += 1
        key = normalize(text[s:e])
        if text[s - 2:s] != ", ":
            return None
        cands = tuple(c for c in self.gaz.context_index.get(key, ()) if c in places)
        if not cands or key in self.gaz.index:
            return None
        return Toponym(s, e, key, cands, cue="at", comma=cands, primary=frozenset(cands))

    def _after_context(self, text: str, end: int) -> tuple[tuple[int, ...], bool]:
        """Divisions and countries named right after a place, after a comma or in
        brackets: "Athens, Ga.", "Subayra (Qaatabah, Ad Dali)"."""
        m = _AFTER.match(text, end)
        if not m:
            return (), False
        lead = text[end:m.start(1)]
        tail = m.group(1).rsplit(None, 1)[-1].lower()
        strong = "(" in lead or (lead[:1] == " " and lead.strip(" ,(") != "") \
            or bool(self.roles.get(tail, frozenset()) & _DIVISION_ROLES)
        gaz = self.gaz
        found: list[int] = []
        for chunk in m.group(1).split(","):
            words = chunk.split()
            generic = False
            while words and self._role(words[-1], "admin1") or words and self._role(words[-1], "admin2"):
                words.pop()
                generic = True
            if not words or not words[0][:1].isupper():
                break
            name = " ".join(words)
            key = normalize(name)
            hits = gaz.context_index.get(key, ())
            if generic and not hits:  # "Katha district": the division before the town
                hits = self._similar(key, [h for h in gaz.suffix_index.get(key, ())
                                           if self.kind[h] in (ADMIN1, ADMIN2)])
            hits = hits or gaz.index.get(key, ()) or gaz.suffix_index.get(key, ())
            if not hits and len(key) >= _MIN_FUZZY_CHARS:
                hits = self._similar(key, [h for h in gaz.skeleton_index.get(skeleton(key), ())
                                           if self.kind[h] == ADMIN1])
            named = (self._primary(key, hits) | frozenset(gaz.suffix_index.get(key, ()))
                     | frozenset(gaz.context_index.get(key, ()))) if hits else frozenset()
            big = tuple(h for h in hits if self.kind[h] in (COUNTRY, ADMIN1, REGION)
                        and (h in named or self.kind[h] == COUNTRY))
            found.extend(big or hits[:_MAX_CONTEXT_CANDIDATES])
        return tuple(found), strong and bool(found)

    def _similar(self, key: str, places: list[int]) -> tuple[int, ...]:
        """The places whose name (without a generic word) is spelt close to ``key``."""
        out = []
        for h in places:
            name = normalize(self.gaz.names[h])
            if name.startswith(key) or key.startswith(name) or \
                    SequenceMatcher(None, key, name).ratio() >= MIN_DIVISION_SIMILARITY:
                out.append(h)
        return tuple(out)

    def _is_modifier(self, word: str) -> bool:
        lw = word.lower()
        if (self._role(lw, "direction") or self._role(lw, "stop") or self._role(lw, "at")
                or self._role(lw, "path") or self._role(lw, "org") or lw in _CONNECTORS):
            return True
        return any(self.kind[c] in (COUNTRY, ADMIN1, REGION)
                   for c in self.gaz.index.get(self._norm(word), ()))

    def _prefix_of_unknown_name(self, text: str, toks: Sequence[tuple[int, int]], j: int) -> bool:
        """Capitalised words not in the gazetteer follow, then a generic place word."""
        k = j + 1
        while k < len(toks) and k <= j + 3 and text[toks[k - 1][1]:toks[k][0]] == " ":
            word = text[toks[k][0]:toks[k][1]]
            if not word[0].isupper():
                roles = self.roles.get(word.lower(), frozenset())
                return k > j + 1 and bool(roles & _GENERIC_ROLES)
            if self._role(word, "org") or self._is_division_name(word):
                return False
            k += 1
        return False

    def _first_of_two_word_name(self, text: str, toks: Sequence[tuple[int, int]], j: int,
                                top: Toponym) -> bool:
        if self._well_known(top) or self._is_division(top) or \
                max(self.pop[c] for c in top.cands) >= MIN_BARE_POPULATION_ALTERNATE:
            return False
        return self._unknown_surname(text, toks, j)

    def _unknown_surname(self, text: str, toks: Sequence[tuple[int, int]], j: int) -> bool:
        """The next word ends a two-word name and is no known place, role or demonym."""
        word = text[toks[j + 1][0]:toks[j + 1][1]]
        lw = word.lower()
        if lw in self.roles or self._norm(word) in self.gaz.first_words or lw in self.demonyms:
            return False
        after = toks[j + 2] if j + 2 < len(toks) else None
        return after is None or text[toks[j + 1][1]:after[0]] != " " or not text[after[0]].isupper()

    def _is_division_name(self, word: str) -> bool:
        return any(self.kind[c] in (COUNTRY, ADMIN1, REGION)
                   for c in self.gaz.index.get(self._norm(word), ()))

    def _is_division(self, top: Toponym) -> bool:
        return any(self.kind[c] in (COUNTRY, ADMIN1, REGION) for c in top.cands)

    def _well_known(self, top: Toponym) -> bool:
        """A country or a place of a million people: not read as a given name."""
        return any(self.kind[c] == COUNTRY or self.pop[c] >= WELL_KNOWN_POPULATION
                   for c in top.cands)

    def _is_place_word(self, word: str) -> bool:
        return bool(self.gaz.index.get(self._norm(word))) and not self._role(word, "stop")

    @staticmethod
    def _mark_person(top: Toponym) -> bool:
        top.person = 2
        return True  # kept so that other mentions of the name can be blocked

    # ------------------------------------------------------------------ resolution
    def parse(self, text: str, sentence_starts: Iterable[int] = ()) -> list[Place]:
        hints: dict[int, int] = {}
        tops = self.recognize(text, sentence_starts, hints)
        strong = {t.key for t in tops if t.person == 2}
        weak = {t.key for t in tops if t.person == 1 and " " not in t.key}
        tops = [t for t in tops if not t.person and (
            t.cue is not None or t.comma or t.suffix_kind is not None
            or (t.key not in strong and (t.key not in weak or self._well_known(t))))]
        tops = self._gate(tops)
        self._link_divisions(text, tops)
        tops = [t for t in tops if not t.strong or self._bind(t)]
        static: dict[tuple, Any] = {}
        self._resolve(tops, None, static)
        ctx = self._context([t for t in tops if not t.fuzzy])
        ctx["demonyms"] = hints
        ctx["plausible"] = self._plausible_admin1s(tops, static)
        tops = [t for t in tops if not t.fuzzy or self._fuzzy_fits(t, ctx)]
        self._resolve(tops, ctx, static)
        # Once more with the context the first round settled ("Georgia" read as the
        # state in a text about Atlanta now helps "Columbus" to Georgia's).
        ctx2 = self._context([t for t in tops if not t.fuzzy])
        if _signature(ctx2) != _signature(ctx):
            ctx2["demonyms"] = hints
            ctx2["plausible"] = ctx["plausible"]
            self._resolve(tops, ctx2, static)
        places = [self._place(text, t) for t in tops if t.choice >= 0]
        hint = self._hinted_country(hints)
        if hint is not None:
            places.append(hint)
        return places

    def _hinted_country(self, hints: dict[int, int]) -> Place | None:
        """The country the demonyms and actor names point to most ("Taliban fighters"),
        as a place without a mention: context for locating an event, and the event's
        country when the text names no place."""
        if not hints:
            return None
        best = max(hints, key=lambda c: hints[c])  # the first named among equals
        iso2 = self.gaz.country_codes[best][0]
        pid = self.gaz.country_place.get(iso2)
        if pid is None:
            return None
        gaz = self.gaz
        return Place(name=gaz.names[pid], country=gaz.iso3(pid),
                     lat=round(float(gaz.lat[pid]), 5), lon=round(float(gaz.lon[pid]), 5),
                     geonames_id=int(gaz.geonames_id[pid]) if gaz.geonames_id[pid] >= 0 else None,
                     precision="country", mention=None)

    def _gate(self, tops: list[Toponym]) -> list[Toponym]:
        """Drop small places named without a cue, unless the name is cued elsewhere."""
        evidenced: set[str] = set()
        for t in tops:
            if t.cue == "at" or t.comma or t.suffix_kind is not None:
                evidenced.add(t.key)
        out = []
        for t in tops:
            big = max(int(self.pop[c]) for c in t.cands)
            kinds = {int(self.kind[c]) for c in t.cands}
            multi = " " in t.key or "-" in t.key
            bar = MIN_BARE_POPULATION_MULTI if multi else MIN_BARE_POPULATION
            if not t.primary:
                bar = max(bar, MIN_BARE_POPULATION_ALTERNATE)
            if kinds & {COUNTRY, ADMIN1, REGION} or big >= bar or t.key in evidenced:
                out.append(t)
        return out

    def _link_divisions(self, text: str, tops: list[Toponym]) -> None:
        """"X in the Y region", "X village of Y district": Y binds X like brackets do."""
        for a, b in zip(tops, tops[1:]):
            if a.strong or b.suffix_kind not in (ADMIN1, ADMIN2, CITY) or a.suffix_kind is not None \
                    or b.start - a.end > 40 or not _IN_DIVISION.fullmatch(text, a.end, b.start):
                continue
            kinds = (CITY,) if b.suffix_kind == CITY else (ADMIN1, ADMIN2, REGION)
            held = tuple(c for c in b.cands[:_MAX_CONTEXT_CANDIDATES] if self.kind[c] in kinds)
            if held:  # "the X area of Kabul city": X lies in or near Kabul
                a.comma, a.strong = tuple(dict.fromkeys(a.comma + held)), True
                a.linked = b.suffix_kind == CITY

    def _bind(self, t: Toponym) -> bool:
        """Keep only the readings of ``t`` inside the divisions named in brackets or
        after a generic word ("Boni (Mopti region)", "X district, Kunar"). When none
        is, a weakly matched name (another spelling, an alternate name, a small town)
        is taken for an unknown one and dropped: the division alone says where."""
        kind, admin1, country = self.kind, self.admin1, self.country
        a1s = {c for c in t.comma if kind[c] == ADMIN1}
        ccs = {country[c] for c in t.comma
               if kind[c] in (COUNTRY, ADMIN1) or (kind[c] == REGION and country[c] >= 0)
               or t.linked}
        fit: tuple[int, ...] = ()
        if a1s:
            fit = tuple(c for c in t.cands if c in a1s or admin1[c] in a1s)
        if not fit and t.linked:
            fit = tuple(c for c in t.cands if any(
                self.gaz.distance_km(c, x) < BOUND_KM for x in t.comma))
        if not fit and ccs and not t.linked:
            # any named place's country: "Nord-Ouest" may be read in the wrong country
            named = ccs | {country[c] for c in t.comma}
            fit = tuple(c for c in t.cands if country[c] in named)
        if not fit and not ccs:
            fit = tuple(c for c in t.cands if any(
                self.gaz.distance_km(c, x) < BOUND_KM for x in t.comma))
        if fit:
            if len(fit) < len(t.cands):
                t.cands = fit
                t.primary = t.primary & frozenset(fit)
            return True
        return not ccs or not (t.fuzzy or not t.primary
                    or max(self.pop[c] for c in t.cands) < WEAK_POPULATION)

    def _fuzzy_fits(self, t: Toponym, ctx: dict) -> bool:
        """A respelled name counts only where the text places it: in a division the
        text names elsewhere or in brackets after it ("Nassriya city, Dhi Qar")."""
        if not (t.cue == "at" or t.comma or t.suffix_kind is not None or t.held):
            return False
        admin1s = ctx["admin1s"]
        fit = tuple(c for c in t.cands
                    if (t.comma and self._comma_bonus(c, t.comma) >= _W_COMMA)
                    or (self.kind[c] != ADMIN1 and self.admin1[c] in admin1s))
        if not fit and (t.held or t.suffix_kind == ADMIN1):
            # "X district, Kunar", "Nuristan province": a division, spelt otherwise
            divs = [c for c in t.cands if self.kind[c] == ADMIN1]
            known = set(ctx["countries"]) | set(ctx["demonyms"])
            fit = tuple(c for c in divs if self.country[c] in known)
            if not fit and divs:
                # the closest spelling: "Kunar" is Konar rather than Canar
                sim = [SequenceMatcher(None, t.key, normalize(self.gaz.names[c])).ratio()
                       for c in divs]
                fit = tuple(c for c, r in zip(divs, sim)
                            if r >= max(sim) - 1e-9 and r >= MIN_DIVISION_SIMILARITY)
                fit = fit or self._similar(t.key, divs)
                if len({self.country[c] for c in fit}) > 1:
                    fit = ()
        if not fit and (t.cue == "at" or t.held) and t.suffix_kind in (CITY, None):
            # "in Nassriya city": a large town spelt otherwise, the closest spelling
            known = set(ctx["countries"]) | set(ctx["demonyms"])
            towns = [c for c in t.cands if self.kind[c] == CITY and self.pop[c] >= WEAK_POPULATION
                     and (not known or self.country[c] in known)]
            fit = self._closest(t.key, towns, MIN_TOWN_SIMILARITY)
        t.cands = fit
        return bool(t.cands)

    def _closest(self, key: str, places: list[int], floor: float) -> tuple[int, ...]:
        """The places spelt closest to ``key`` (at least ``floor``), if of one country."""
        if not places:
            return ()
        sim = [SequenceMatcher(None, key, normalize(self.gaz.names[c])).ratio() for c in places]
        top = max(sim)
        fit = tuple(c for c, r in zip(places, sim) if r >= top - 1e-9 and r >= floor)
        return fit if len({self.country[c] for c in fit}) == 1 else ()

    def _plausible_admin1s(self, tops: list[Toponym], static: dict) -> dict[int, set[str]]:
        """For ambiguous names, the first-level divisions of their plausible readings
        (within PLAUSIBLE_MARGIN of the best): two names that can both lie in the same
        division ("Paris" and "Henry County" in Tennessee) support each other there."""
        out: dict[int, set[str]] = {}
        for t in tops:
            if len(t.cands) < 2:
                continue
            base = static.get((t.key, t.cands, t.suffix_kind, t.comma, t.container, t.primary))
            if not base:
                continue
            top_s = max(sc for _, sc in base)
            for c, sc in base:
                if sc >= top_s - PLAUSIBLE_MARGIN and self.kind[c] in (CITY, ADMIN2):
                    a1 = self.admin1[c]
                    if a1 >= 0:
                        out.setdefault(a1, set()).add(t.key)
        return out

    def _context(self, tops: list[Toponym]) -> dict:
        """What the confidently resolved places say: countries and first-level
        divisions named (with the names that named them) and anchor points."""
        countries: dict[int, set[str]] = {}
        admin1s: dict[int, set[str]] = {}
        a_keys, a_lat, a_lon, a_ids = [], [], [], []
        for t in tops:
            c = t.choice
            if c < 0:
                continue
            confident = len(t.cands) == 1 or t.margin >= 1.0 or self.kind[c] in (COUNTRY, ADMIN1)
            if not confident:
                continue
            countries.setdefault(int(self.country[c]), set()).add(t.key)
            a1 = c if self.kind[c] == ADMIN1 else int(self.admin1[c])
            if a1 >= 0:
                admin1s.setdefault(a1, set()).add(t.key)
            if self.kind[c] in (CITY, ADMIN2):
                a_keys.append(t.key)
                a_ids.append(c)
                a_lat.append(float(self.gaz.lat[c]))
                a_lon.append(float(self.gaz.lon[c]))
        return {"countries": countries, "admin1s": admin1s, "anchor_sig": tuple(a_ids),
                "anchor_keys": np.asarray(a_keys, dtype=object),
                "anchor_lat": np.radians(np.asarray(a_lat, dtype=np.float64)),
                "anchor_lon": np.radians(np.asarray(a_lon, dtype=np.float64))}

    def _near_all(self, tops: list[Toponym], ctx: dict) -> dict[str, set[int]]:
        """For each ambiguous name, its candidates within NEAR_KM of an anchor named
        otherwise (one matrix for the whole document)."""
        keys = ctx["anchor_keys"]
        if not len(keys):
            return {}
        rows: list[int] = []
        row_keys: list[str] = []
        seen: set[str] = set()
        for t in tops:
            if len(t.cands) > 1 and t.key not in seen:
                seen.add(t.key)
                rows.extend(t.cands[:MAX_SCORED])
                row_keys.extend([t.key] * min(len(t.cands), MAX_SCORED))
        if not rows:
            return {}
        cands = np.asarray(rows)
        lat = np.radians(self.gaz.lat[cands])[:, None]
        lon = np.radians(self.gaz.lon[cands])[:, None]
        alat, alon = ctx["anchor_lat"][None, :], ctx["anchor_lon"][None, :]
        x = (lon - alon) * np.cos((lat + alat) / 2)  # equirectangular: fine below 500 km
        close = (x * x + (lat - alat) ** 2) < (NEAR_KM / 6371.0) ** 2
        close &= np.asarray(row_keys, dtype=object)[:, None] != keys[None, :]
        out: dict[str, set[int]] = {}
        for c, k in zip(cands[close.any(axis=1)].tolist(),
                        np.asarray(row_keys, dtype=object)[close.any(axis=1)].tolist()):
            out.setdefault(k, set()).add(c)
        return out

    def _resolve(self, tops: list[Toponym], ctx: dict | None,
                 static: dict[tuple, Any]) -> None:
        """Choose each toponym's place; ``static`` keeps the context-free part of the
        scores across rounds (same name, same evidence, same scores)."""
        done: dict[tuple, tuple[int, float, float]] = {}
        for t in tops:
            if len(t.cands) == 1:
                t.choice, t.score, t.margin = t.cands[0], 0.0, 10.0
                continue
            memo = (t.key, t.cands, t.suffix_kind, t.comma, t.container, t.primary)
            if memo in done:
                t.choice, t.score, t.margin = done[memo]
                continue
            base = static.get(memo)
            if base is None:
                base = static[memo] = [(c, self._static_score(t, c)) for c in t.cands[:MAX_SCORED]]
            near: set[int] = set()
            if ctx is not None:
                nkey = ("near", ctx["anchor_sig"])
                if nkey not in static:
                    static[nkey] = self._near_all(tops, ctx)
                near = static[nkey].get(t.key, set())
            best, best_s, second = -1, -math.inf, -math.inf
            floor = max(sc for _, sc in base) - _MAX_CONTEXT_BONUS
            for c, s in base:
                if ctx is not None and s >= floor:  # below it, context cannot make c win
                    s += self._context_score(t.key, c, ctx, near)
                if s > best_s:
                    best, best_s, second = c, s, best_s
                elif s > second:
                    second = s
            t.choice, t.score = best, best_s
            t.margin = best_s - second if second > -math.inf else 10.0
            done[memo] = (t.choice, t.score, t.margin)

    def _static_score(self, t: Toponym, c: int) -> float:
        """Prior and local evidence: population, kind, name, generic word, comma."""
        kind = self.kind[c]
        s = _W_POPULATION * math.log10(self.pop[c] + 10) + _KIND_BONUS[kind]
        if c in t.primary:
            s += _W_PRIMARY
        if kind == CITY and self.capital[c]:
            s += _W_CAPITAL
        if kind == ADMIN1 and t.suffix_kind is None and any(
                self.kind[x] == CITY and self.admin1[x] == c for x in t.cands[:MAX_SCORED]):
            s -= _W_DIVISION_OF_CITY  # "Kharkiv", "Haifa": the city, unless "region" follows
        if t.suffix_kind is not None:
            if kind == t.suffix_kind or (t.suffix_kind == ADMIN1 and kind == REGION):
                s += _W_SUFFIX
        elif kind == ADMIN2:
            s -= 1.0
        if t.comma:
            s += self._comma_bonus(c, t.comma)
        if t.container and kind in (COUNTRY, ADMIN1, ADMIN2, REGION):
            s += _W_CONTAINER
        return s

    def _context_score(self, own: str, c: int, ctx: dict, near: set[int]) -> float:
        """What the document's other places say about candidate ``c`` of name ``own``."""
        s = 0.0
        keys = ctx["countries"].get(self.country[c])
        if keys and (len(keys) > 1 or own not in keys):
            s += _W_COUNTRY_CTX
        a1 = c if self.kind[c] == ADMIN1 else self.admin1[c]
        keys = ctx["admin1s"].get(a1) if a1 >= 0 else None
        if keys and (len(keys) > 1 or own not in keys):
            s += _W_ADMIN1_CTX
        if c in near:
            s += _W_NEAR
        if self.kind[c] in (CITY, ADMIN2) and a1 >= 0:
            keys = ctx["plausible"].get(a1)
            if keys and (len(keys) > 1 or own not in keys):
                s += _W_PLAUSIBLE
        if self.country[c] in ctx["demonyms"]:
            s += _W_DEMONYM

        return s

    def _comma_bonus(self, c: int, context: tuple[int, ...]) -> float:
        """How well place ``c`` fits the divisions named after it ("Athens, Ga.")."""
        gaz = self.gaz
        kc = int(self.kind[c])
        if kc in (COUNTRY, REGION):
            return 0.0  # a country followed by names is a list, not a hierarchy
        cc, a1 = int(self.country[c]), int(self.admin1[c])
        best = 0.0
        for x in context:
            if x == c or int(self.country[x]) != cc:
                continue
            kx = int(self.kind[x])
            if kx == COUNTRY:
                b = _W_COMMA
            elif kx == ADMIN1:
                b = 0.3 * _W_COMMA if kc == ADMIN1 else (_W_COMMA if a1 == x else 0.0)
            elif kx in (ADMIN2, CITY) and kc != ADMIN1:
                near = (a1 >= 0 and a1 == int(self.admin1[x])) or gaz.distance_km(c, x) < NEAR_CONTEXT_KM
                b = _W_COMMA if near else 0.0
            else:
                b = 0.0
            best = max(best, b)
        return best

    def _place(self, text: str, t: Toponym) -> Place:
        gaz = self.gaz
        c = t.choice
        gid = int(gaz.geonames_id[c])
        return Place(
            name=gaz.names[c], admin1=gaz.admin1_name(c), country=gaz.iso3(c),
            lat=round(float(self.gaz.lat[c]), 5), lon=round(float(self.gaz.lon[c]), 5),
            geonames_id=gid if gid >= 0 else None, precision=gaz.precision[c],
            mention=Mention(t.start, t.end, text[t.start:t.end], "PLACE"))
