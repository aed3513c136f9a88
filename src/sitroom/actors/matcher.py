"""Find actor phrases in text: a lexicon lookup followed by a small phrase grammar.

An actor phrase is, in order (a leading determiner is left out of the span)::

    [modifier | country adjective | country noun | Country's]*  HEAD  [of|from Country|Group]
        [in Country] [(years)]

where HEAD is one of

* a group noun ("troops", "protesters"; ``head``/``weak`` rows of actors_roles.tsv),
  optionally followed by a second one ("army soldiers", "4th Division members");
* a title with the person's name after it when there is one ("President Volodymyr
  Zelensky", "Iran's foreign minister"); titles that are also common words ("general",
  "major", "justice") count only before a name;
* a named organisation ("Hamas", "NATO"), optionally followed by a group noun ("Hamas
  militants"), or a capitalised name ending in an organisation word that the lexicon does
  not know ("Russia's 810 Separate Naval Infantry Brigade", "Syrian Liberation Front"), or
  an unknown all-capital acronym ("NAF rebel forces");
* a known person ("Kim Jong-un", "Erdogan"), a people's plural ("Palestinians"), or a
  country adjective used as a noun ("the British said");
* after a country word only: a weapon or act of a state ("Israeli air strikes", "an
  Australian ultimatum").

The first country word gives the country (else the organisation's or person's country,
else "of/from/in Country" after the head); the head gives the sector (for weak heads such
as "forces" the organisation or modifier does). Weak heads with no sector and no country
alone ("members", "allies") are not actors, nor are modifier-heads before a thing noun
("military aid") or civilians owning a noun ("women's rights").

Countries and capitals named alone ("Russia", "Pyongyang", "the Kremlin") are actors
(capitals and buildings keep the sector of the part of the state they stand for: the
Pentagon -> MIL) except where they are places, which the geo stage handles:

* right after a location preposition, optionally with a determiner or direction word
  ("clashed in Ukraine", "near the Pentagon", "in northern Syria");
* inside brackets ("in Sucre (Chuquisaca)") or before a place noun ("Kabul city");
* the same holds for institutions used as places ("protested outside the ministry").

A state actor (GOV, MIL, COP, LEG, JUD) without a country takes the country of the only
country or capital named as a place in its sentence ("President Jean Mbala extended the
curfew in Chad").

Names that news writes its own way:

* a country's name that ends a natural feature's name ("Lake Chad", "Gulf of Guinea";
  ``feature`` rows) or follows "border with" names no actor;
* a country's word before its own institution is one actor ("the US State Department");
* a person named after a group and the lower-case words of their office ("UN chief
  Antonio Guterres", "Hamas leader Yahya Sinwar"), or after a head that is also a title
  ("foreign ministry spokesman Nasser Kanaani"), is one actor;
* a weak head of a state's force with nothing to qualify it ("officers", "commander")
  takes the sector of the force named nearest in its sentence, or COP where "police"
  stands there ("Police said two officers were wounded").

Coordinated country adjectives share the head: "US and British forces" gives two actors
("US" and "British forces", both MIL); lists of names ("the G7, South Korea, Australia
and New Zealand") give one actor per name.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import chain, compress
from operator import itemgetter
from typing import Any, Mapping

import numpy as np

from ..model import Actor, Mention, record_builder
from ..pipeline.wordscan import bmp_table
from .lexicon import ActorLexicon, Entry, scan_offsets

__all__ = ["ActorMatcher"]

log = logging.getLogger("sitroom.actors")

_DETERMINERS = frozenset({"the", "a", "an"})
_CONJ = frozenset({"and", "or", ",", "&"})
_POSS = "'s"
# Nouns after a country or capital that make it a place ("Kabul city").
_PLACE_NOUNS = frozenset({"city", "province", "region", "state", "district", "county",
                          "oblast", "governorate", "area", "areas", "capital", "town",
                          "village", "municipality", "department", "territory", "prefecture"})
# Capitalised words that never belong to a name (sentence openers, days, months).
_NOT_NAME = frozenset("""
the a an on in at of for to by from with when after before while during as but and or if
he she it they we i you his her its their our this that these those there here then than
meanwhile however also yet so since until last next earlier later today yesterday tomorrow
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december mr mrs ms dr according said says
""".split())
# Words that may join the capitalised words of one organisation's name.
_NAME_JOINERS = frozenset({"of", "for", "the", "and", "'s", "de", "del", "du", "des", "al",
                           "el", "la", "le", "in", "wal", "bin"})
# Lower-case particles inside a person's name.
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "di", "do", "dos", "du",
                             "van", "von", "der", "den", "le", "la"})
# Prepositions that tie a group to the country it is in ("security forces in Guinea").
_IN = frozenset({"in", "throughout", "across"})
# A title is followed by at most this many capitalised words of a person's name
# ("Secretary-General Antonio Guterres"; longer runs are lists or headlines).
_MAX_NAME_WORDS = 4
# An organisation's name spans at most this many items before its organisation word.
_MAX_ORG_ITEMS = 12
# Capitalised words allowed between a group's name and a group noun ("IS Sahel militants").
_MAX_QUALIFIER = 2
# Modifiers and country words allowed before a head ("senior U.S. defence officials").
_MAX_PREFIX = 5
# Unknown all-capital words of this many letters are taken as organisations' acronyms
# (two-letter ones are more often states, roads or units: "KP", "CA-2"; seven and more
# are shouted words).
_MIN_ACRONYM, _MAX_ACRONYM = 3, 6
_MAX_PARTY_WORDS = 4  # capitalised words of a party's name before "party"
# Lower-case words of an office between a group's name and its holder's ("IAEA chief",
# "Hamas political leader"): longer runs are phrases of their own.
_MAX_OFFICE = 3
# A wire dateline opening a line ("GOMA, Oct 20 -", "SRINAGAR/ISLAMABAD, May 4 -"): its
# capitalised place names are no acronyms of groups
_DATELINE = re.compile(r"[A-Z][A-Z .'’/-]{1,40}?"
                       r"(?:,\s*[A-Z][a-z]+(?:\s(?:[A-Z][a-z]+|of|and|the)){0,4}"
                       r"(?=\s*[-–—(]|,\s*(?:[A-Z][a-z]{2,9}\.?\s+\d|\d)))?"
                       r"(?:\s*\([^)\n]{1,20}\))?(?:,\s*(?:[A-Z][a-z]{2,9}"
                       r"\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,9}\.?))?(?:\s*\([^)\n]{1,20}\))?"
                       r"\s+[-–—]+\s")
DATELINE_REACH = 60  # chars from a line's start: a word farther in is in no dateline
# "(2021-)", "(2015-2023)": at most this many tokens inside the brackets.
_MAX_BRACKET = 5
# Case decisions remembered per (phrase, spelling) before the memo is emptied: far more
# than the distinct names of a day of news, small in memory.
ACCEPT_CACHE_SIZE = 50_000

# Organisation words that name a group even when every other word is known
# ("Syrian Liberation Front", "Labour Party"); others need an unknown word ("Kenya Police"
# is read by the grammar).
_NAMING_SECTORS = frozenset({"REB", "MLA", "PTY"})
# Words that follow a noun but not an adjective: after them "the British" is a noun.
_AFTER_NOUN = frozenset({"said", "says", "say", "have", "has", "had", "will", "would", "are",
                         "were", "can", "could", "may", "might", "did", "do", "must", "should",
                         "and", "or", ",", ".", ";", ":", ")", "who", "which", "also"})
# Words glued to a country word that make it someone else's ally, not the actor's country.
_STANCE = frozenset({"pro", "anti"})
_BACKED = frozenset({"backed", "supported", "sponsored", "funded", "trained", "allied",
                     "aligned", "affiliated", "armed"})
_TITLES = frozenset({"title", "nametitle"})
# Sectors of heads that are not actors when they own the next noun ("women's rights").
_NOT_OWNERS = frozenset({"CVL", "ETH"})
_IN_TARGETS = frozenset({"name", "capital"})
# Sectors of the state: an actor of one of these without a country of its own takes the
# country of the one place named in its sentence ("President Laurent Gbagbo extended the
# curfew in Abidjan"), reports of domestic affairs being the common case.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})
# The state's armed forces, whose weak heads ("officers") read the sector of their context.
_FORCE_SECTORS = frozenset({"MIL", "COP"})
# Words before "with" and a country that make it a neighbour, not where things happen.
_BORDERS = frozenset({"border", "borders", "frontier"})
# The end of a sentence between two actors.
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)")
_POLICE = re.compile(r"\bpolice\b", re.IGNORECASE)
POLICE_REACH = 150  # chars around a weak head searched for "police" (about a sentence)
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_COUNTRYISH = frozenset({"name", "demonym", "capital", "metonym"})
_HEADS = frozenset({"head", "weak"})
_FOLLOWERS = frozenset({"head", "weak", "arm"})
# Words for a state's forces that make the craft or weapon after them (an "arm" of the
# lexicon, not an act: "military offensive") the state's own ("military jets").
_STATE_FORCE_WORDS = frozenset({"military", "army", "regime", "junta"})
_STATE_CRAFT = frozenset({"jets", "jet", "warplane", "helicopters", "helicopter", "gunships",
                          "gunship", "drones", "drone", "tanks", "tank", "planes", "warships",
                          "warship", "artillery"})
_GROUPS = frozenset({"group", "orggroup"})
_OF_TARGETS = frozenset({"name", "capital", "group", "orggroup"})
# What may follow a modifier for it to stay a modifier.
_BEFORE_HEAD = frozenset({"mod", "head", "weak", "arm", "title", "nametitle", "group",
                          "person", "name", "demonym", "capital", "metonym", "people",
                          "orggroup"})
_EMPTY: tuple[Entry, ...] = ()
# Constructors of the output records, equal to ``Actor(...)`` and ``Mention(...)`` with every
# field given, cheaper (see ``record_builder``).
_ACTOR, _MENTION = record_builder(Actor), record_builder(Mention)
# Kinds that can open an actor phrase.
_STARTERS = frozenset({"name", "demonym", "capital", "metonym", "people", "group", "orggroup",
                       "person", "head", "weak", "title", "nametitle", "mod"})


def _get(entries: tuple[Entry, ...], kinds: frozenset[str]) -> Entry | None:
    for e in entries:
        if e.kind in kinds:
            return e
    return None


def _has(entries: tuple[Entry, ...], kind: str) -> Entry | None:
    for e in entries:
        if e.kind == kind:
            return e
    return None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    country: str | None
    sector: str | None
    headed: bool  # has a head noun, title or name (not a country named alone)
    weak: bool = False  # the sector is a weak head's own ("officers": MIL, or COP by context)


class _Items:
    """The text as items: single tokens, or several tokens matched as one lexicon phrase
    (parallel lists, for speed)."""

    __slots__ = ("text", "start", "end", "key", "ent", "n", "places", "words", "features",
                 "offsets", "codes", "base")

    def __init__(self, text: str, start: list[int], end: list[int], key: list[str],
                 ent: list[tuple[Entry, ...]], words: Mapping[str, frozenset[str]]) -> None:
        self.text, self.start, self.end, self.key, self.ent = text, start, end, key, ent
        self.words = words
        self.features = words["feature"]  # (looked up before every country's name)
        self.n = len(key)
        self.places: list[tuple[int, str | None]] = []  # countries named as places
        # the start offsets as an array of integers when the tokenizer gave one (kept
        # equal to ``start`` until the named organisations are merged), else None
        self.offsets: Any = None
        # the code points of the text from offset ``base`` on (as far as the items go) when
        # the tokenizer gave them, else None
        self.codes: Any = None
        self.base = 0

    def merge(self, i: int, j: int, ok: tuple[Entry, ...] | None) -> None:
        """Make items [i, j) one item (with entries ``ok``, or those of item i)."""
        self.end[i] = self.end[j - 1]
        self.key[i] = " ".join(self.key[i:j])
        if ok is not None:
            self.ent[i] = ok
        del self.start[i + 1:j], self.end[i + 1:j], self.key[i + 1:j], self.ent[i + 1:j]
        self.n = len(self.key)

    def kind_of(self, i: int, kind: str) -> bool:
        """Whether item i is a word (or phrase) of this kind."""
        return self.key[i] in self.words[kind] or _has(self.ent[i], kind) is not None

    def cap(self, i: int) -> bool:
        return self.text[self.start[i]].isupper()

    def num(self, i: int) -> bool:
        return self.text[self.start[i]].isdigit()


class ActorMatcher:
    """Reusable, thread-safe actor finder built once from the actor lexicon tables."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon
        # (phrase keys, first token as written) -> the entries whose case rules accept it
        self._accepted: dict[tuple[tuple[str, ...] | str, str], tuple[Entry, ...]] = {}
        # first key of a phrase -> (the second keys of the phrases of two tokens or more
        # that start with it, the entries of the one-token phrase or None, whether these
        # have case rules): most words that may open a phrase open none of two tokens, a
        # look-up of the next key in a small set (its hash known) tells them cheaply
        seconds: dict[str, set[str]] = {}
        for k, second in lexicon.pairs:
            seconds.setdefault(k, set()).add(second)
        self._first: dict[str, tuple[frozenset[str], tuple[Entry, ...] | None, bool]] = {
            k: (frozenset(seconds.get(k, ())), *lexicon.single.get(k, (None, False)))
            for k in lexicon.first_keys}
        log.debug("actor matcher: %d phrases", len(lexicon.phrases))

    def _accept(self, keys: tuple[str, ...] | str, entries: tuple[Entry, ...],
                surface: str) -> tuple[Entry, ...]:
        """The entries of a phrase that accept its first token as written (remembered:
        news repeats its names; the bound keeps a long-running process from growing)."""
        cache = self._accepted
        ok = cache.get((keys, surface))
        if ok is None:
            ok = tuple(e for e in entries if e.accepts(surface))
            if len(cache) >= ACCEPT_CACHE_SIZE:
                cache.clear()
            cache[keys, surface] = ok
        return ok

    @classmethod
    def from_lexicons(cls, lexicons: Any) -> ActorMatcher:
        return cls(ActorLexicon.from_lexicons(lexicons))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Actor]:
        """Actors in ``text[start:end]``, sorted by position, non-overlapping; mention
        offsets index ``text``."""
        items = self._items(text, start, end)
        _merge_named_orgs(items, self.lexicon.first_keys, self.lexicon.orghead_keys)
        if "party" in items.key:
            _merge_named_parties(items)
        found: list[_Found] = []
        ent = items.ent
        after = 0  # items before this one are taken
        for p in compress(range(items.n), ent):
            if p < after:
                continue
            here = ent[p]
            for e in here:  # (a Python loop here: cheaper than a call per item)
                if e.kind in _STARTERS:
                    break
            else:
                continue
            if e.kind == "mod" and len(here) == 1 and not _before_head(ent, p + 1):
                continue  # a modifier alone ("local", "armed") opens no phrase (most common)
            got, nxt = _parse(items, p)
            if got:
                found.extend(got)
                after = nxt
        if items.places and any(f.country is None and f.headed and f.sector in _STATE_SECTORS
                                for f in found):
            _countries_from_places(items, found)
        if any(f.weak for f in found):
            _forces_from_context(text, found)
        out = []
        actor, mention = _ACTOR, _MENTION
        for f in found:
            if _in_dateline(text, f.start):
                # "KIGALI (Reuters) -", "MANILA, Philippines —", "N'DJAMENA, Chad (AP) —":
                # the agency credits the story and the place files it; neither acts in it
                continue
            name = text[f.start:f.end]
            out.append(actor(name, f.country, f.sector, mention(f.start, f.end, name, "ACTOR")))
        return out

    def _items(self, text: str, start: int, end: int | None) -> _Items:
        phrases, pairs, first = self.lexicon.phrases, self.lexicon.pairs, self._first
        accepted = self._accepted
        starts, ends, keys, offsets, codes = scan_offsets(text, start, end)
        n = len(keys)
        ent: list[tuple[Entry, ...]] = [_EMPTY] * n
        merges: list[tuple[int, int]] = []
        covered = 0
        for i in compress(range(n), map(first.__contains__, keys)):
            if i < covered:
                continue
            k = keys[i]
            seconds, entries, proper = first[k]
            if i + 1 < n and keys[i + 1] in seconds:
                size = pairs[k, keys[i + 1]]
                surface = text[starts[i]:ends[i]]
                for length in range(min(size, n - i), 1, -1):
                    phrase = tuple(keys[i:i + length])
                    found = phrases.get(phrase)
                    if found:
                        ok = self._accept(phrase, found, surface)
                        if ok:
                            ent[i] = ok
                            covered = i + length
                            merges.append((i, length))
                            break
                else:
                    ok = None
                if ok:
                    continue
            if entries is not None:
                if proper:  # (the memo read here first: most words are seen before)
                    surface = text[starts[i]:ends[i]]
                    hit = accepted.get((k, surface))
                    entries = self._accept(k, entries, surface) if hit is None else hit
                ent[i] = entries
        items = _Items(text, starts, ends, keys, ent, self.lexicon.words)
        for i, length in reversed(merges):
            items.merge(i, i + length, ok=None)
        if offsets is not None and merges:  # (the tokens after a phrase's first are gone)
            keep = np.empty(n, np.bool_)
            keep.fill(True)
            for i, length in merges:
                keep[i + 1:i + length] = False
            offsets = offsets[keep]
        items.offsets, items.codes, items.base = offsets, codes, start
        return items


def _before_head(ent: list[tuple[Entry, ...]], q: int) -> bool:
    """Whether item q may follow a modifier that stays a modifier (``_BEFORE_HEAD``): else
    ``_parse`` of a modifier alone before it finds nothing."""
    if q >= len(ent):
        return False
    for e in ent[q]:
        if e.kind in _BEFORE_HEAD:
            return True
    return False


def _countries_from_places(items: _Items, found: list[_Found]) -> None:
    """Give state actors without a country the country of the only place in their sentence."""
    ends = _sentence_ends(items)
    by_sentence: dict[int, set[str | None]] = {}
    for at, country in items.places:
        by_sentence.setdefault(bisect_right(ends, at), set()).add(country)
    for f in found:
        if f.country is None and f.headed and f.sector in _STATE_SECTORS:
            countries = by_sentence.get(bisect_right(ends, f.start))
            if countries and len(countries) == 1:
                f.country = next(iter(countries))


def _sentence_ends(items: _Items) -> list[int]:
    """Start offsets of the items ".", "!" and "?", in order: the marks are found in the
    text by ``str.find`` (a few dozen, where a pass over the items costs per item) and
    kept where an item of that key starts."""
    text, starts, keys = items.text, items.start, items.key
    found: list[int] = []
    for mark in _SENTENCE_ENDS:
        p = text.find(mark)
        while p >= 0:
            i = bisect_left(starts, p)
            if i < items.n and starts[i] == p and keys[i] == mark:
                found.append(p)
            p = text.find(mark, p + 1)
    found.sort()
    return found


def _forces_from_context(text: str, found: list[_Found]) -> None:
    """"Police said two officers were wounded": a weak head of a state's force ("officers",
    "commander") that no word qualifies is of the force named nearest before it in its
    sentence, else nearest after it (else its lexicon sector stands)."""
    named = [f for f in found if not f.weak and f.sector in _FORCE_SECTORS]
    starts = [g.start for g in named]  # (found is in text order, so is named)
    for f in found:
        if not (f.weak and f.sector in _FORCE_SECTORS):
            continue
        k = bisect_right(starts, f.start)
        if k and not _SENTENCE_BREAK.search(text, named[k - 1].end, f.start):
            f.sector = named[k - 1].sector
        elif k < len(named) and not _SENTENCE_BREAK.search(text, f.end, named[k].start):
            f.sector = named[k].sector
        elif _police_near(text, f):
            f.sector = "COP"  # "a bomb attack on a police station killed five officers"


def _police_near(text: str, f: _Found) -> bool:
    """Whether "police" (in a place's or a thing's name: "police station") stands in the
    actor's sentence."""
    lo, hi = max(0, f.start - POLICE_REACH), f.end + POLICE_REACH
    for m in _POLICE.finditer(text, lo, hi):
        a, b = (m.end(), f.start) if m.end() <= f.start else (f.end, m.start())
        if not _SENTENCE_BREAK.search(text, a, b):
            return True
    return False


def _merge_named_orgs(items: _Items, known: frozenset[str], orgheads: frozenset[str]) -> None:
    """Replace runs of capitalised words that end in an organisation word and hold at least
    one word the lexicon does not know (or start with a number) by one 'orggroup' item:
    "Syrian Democratic Forces", "810 Separate Naval Infantry Brigade". Unknown all-capital
    words ("NAF") become 'orggroup' items of their own."""
    text, ent, starts, ends = items.text, items.ent, items.start, items.end
    if not items.n:
        return
    codes, at = items.codes, items.offsets
    if codes is None or at is None or len(at) != items.n:  # (not given by the tokenizer)
        codes, at = _code_points(text), None
    if codes is None:  # characters beyond the Basic Multilingual Plane
        firsts = "".join(itemgetter(*starts)(text))  # first characters (of one item: itself)
        capitals = _first_chars_where(firsts, _UPPER, str.isupper)
        acronyms = _second_upper(text, starts, capitals)
    else:  # the same by array operations (a few calls in C instead of passes of ``map``)
        if at is None:
            at = np.fromiter(starts, np.intp, len(starts))
        elif items.base:
            at = at - items.base  # (the codes start at the tokenizer's start)
        first = codes.take(at)
        upper = _IS_UPPER.take(first).nonzero()[0]
        capitals = upper.tolist()
        # (past the last code the last one is read: an item starting there is of one
        # character, too short for an acronym, so this choice does not matter)
        acronyms = upper[_IS_UPPER.take(codes.take(at.take(upper) + 1, mode="clip"))].tolist()
    keys = items.key
    heads = [i for i in compress(capitals, map(orgheads.__contains__, map(keys.__getitem__,
                                                                          capitals)))
             if _has(ent[i], "orghead")]
    # Only items that may open a name (a capital or a number a few items before an
    # organisation word) or be an acronym (an unknown word of 3-6 characters whose second
    # is a capital) can change below; merges leave the items after them as they were.
    near: set[int] = set()
    for h in heads:
        near.update(range(h - _MAX_ORG_ITEMS + 1, h))
    if near:
        digits = _first_chars_where("".join(itemgetter(*starts)(text)), _DIGIT, str.isdigit) \
            if codes is None else _IS_DIGIT.take(first).nonzero()[0].tolist()
        near.intersection_update(chain(capitals, digits))
    near.update(c for c in acronyms if not ent[c] and
                _MIN_ACRONYM <= ends[c] - starts[c] <= _MAX_ACRONYM)
    candidates = sorted(near)
    shift = 0  # items removed by earlier merges
    skip_to = -1
    for c in candidates:
        if c < skip_to:
            continue
        i = c - shift
        k = bisect_right(heads, c)
        j = None
        if k < len(heads) and heads[k] - c < _MAX_ORG_ITEMS and i + 1 < items.n and (
                text[items.start[i + 1]].isupper() or items.key[i + 1] in _NAME_JOINERS):
            j = _org_end(items, i)
        if j is None:
            if not ent[i] and _MIN_ACRONYM <= items.end[i] - items.start[i] <= _MAX_ACRONYM \
                    and text[items.start[i] + 1].isupper() and _is_acronym(text, items, i) \
                    and items.key[i] not in known:
                ent[i] = (Entry(text[items.start[i]:items.end[i]], "orggroup", None, None),)
            continue
        _merge_org(items, i, j)
        skip_to = c + (j - i)
        shift += j - i - 1


def _second_upper(text: str, starts: list[int], capitals: list[int]) -> list[int]:
    """The items of ``capitals`` whose second character is upper-case too."""
    padded = text + " "
    return list(compress(capitals, map(str.isupper, map(padded.__getitem__, map(
        (1).__add__, map(starts.__getitem__, capitals))))))


_IS_UPPER = bmp_table(str.isupper)
_IS_DIGIT = bmp_table(str.isdigit)


def _code_points(text: str) -> Any:
    """The code points of ``text`` as an array, or None when it has characters beyond the
    Basic Multilingual Plane."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), np.uint8)
    raw = text.encode("utf-16-le", "surrogatepass")
    return np.frombuffer(raw, np.uint16) if len(raw) == 2 * len(text) else None


# ASCII upper-case letters (digits) -> 1, every other byte -> 0 (see _first_chars_where).
_UPPER = bytes(int(chr(b).isupper()) if b < 128 else 0 for b in range(256))
_DIGIT = bytes(int(chr(b).isdigit()) if b < 128 else 0 for b in range(256))


def _first_chars_where(firsts: str, table: bytes, test: Any) -> list[int]:
    """Indexes of the characters of ``firsts`` that pass ``test`` (``str.isupper`` or
    ``str.isdigit``; ``table`` marks the ASCII ones that do). The ASCII characters are
    classified by one translation in C, the others one by one: ~5x cheaper than calling
    ``test`` on every character."""
    raw = firsts.encode("ascii", "replace")
    found = list(compress(range(len(firsts)), raw.translate(table)))
    if not firsts.isascii():
        wide = []
        p = raw.find(b"?")
        while p >= 0:
            if test(firsts[p]):
                wide.append(p)
            p = raw.find(b"?", p + 1)
        if wide:
            found = sorted(found + wide)
    return found


def _merge_named_parties(items: _Items) -> None:
    """"the ruling Georgian Dream party": capitalised words (one at least unknown to the
    lexicon) right before a lower-case "party" name the party, one 'orggroup' item."""
    keys = items.key  # (merges change the list in place)
    j = 0
    while True:
        try:
            j = keys.index("party", j)  # the next "party", found in C
        except ValueError:
            return
        if items.cap(j):
            j += 1
            continue
        i = j
        while i > 0 and j - i < _MAX_PARTY_WORDS and items.cap(i - 1) \
                and items.key[i - 1] not in _NOT_NAME and not _get(items.ent[i - 1], _GROUPS):
            i -= 1
        if i < j and any(not items.ent[r] for r in range(i, j)) and not _starts_sentence(
                items, i):
            country = next((e.country for r in range(i, j) for e in items.ent[r]
                            if e.kind in ("name", "demonym", "capital")), None)
            form = items.text[items.start[i]:items.end[j]]
            items.merge(i, j + 1, (Entry(form, "orggroup", country, "PTY"),))
            j = i
        j += 1


def _starts_sentence(items: _Items, i: int) -> bool:
    """Whether item i is a sentence's first word and the only capitalised one before
    "party" ("Opposition party leaders ..." is no name)."""
    return (i == 0 or items.key[i - 1] in _SENTENCE_ENDS) and i + 1 < items.n and \
        not items.cap(i + 1)


def _merge_org(items: _Items, i: int, j: int) -> None:
    """Make items [i, j) one organisation: country from its first country word, sector from
    its last organisation word."""
    country = next((e.country for r in range(i, j) for e in items.ent[r]
                    if e.kind in ("name", "demonym", "capital")), None)
    head = next((e for r in range(j - 1, i - 1, -1) for e in items.ent[r]
                 if e.kind == "orghead"), None)
    sector = head.sector if head else None
    keys = set(items.key[i:j])
    if keys & {"liberation", "rebel", "rebels"}:
        sector = "REB"
    elif sector == "MIL" and items.key[j - 1] == "army" and country is None:
        sector = "REB"  # "Arakan Army"; a national army is named with its country
    form = items.text[items.start[i]:items.end[j - 1]]
    items.merge(i, j, (Entry(form, "orggroup", country, sector),))


def _is_acronym(text: str, items: _Items, i: int) -> bool:
    """An all-capital word of 3 to 6 letters the lexicon does not know ("NAF", "JWS"),
    not inside an all-capital headline."""
    if not _MIN_ACRONYM <= items.end[i] - items.start[i] <= _MAX_ACRONYM:
        return False
    word = text[items.start[i]:items.end[i]]
    if not (word.isupper() and word.isalpha()):
        return False
    if i + 1 < items.n and items.num(i + 1) and items.start[i + 1] <= items.end[i] + 1:
        return False  # "BM-21", "MQ-9": a model or road number, not a group
    if _in_dateline(text, items.start[i]):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < items.n:
            other = text[items.start[j]:items.end[j]]
            if len(other) > 1 and other.isupper() and other.isalpha() and not items.ent[j]:
                return False  # "POLICE RAID VILLAGE": a shouted headline, not an acronym
    return True


def _in_dateline(text: str, pos: int) -> bool:
    """Whether ``pos`` falls in the dateline that opens its line."""
    line = text.rfind("\n", max(0, pos - DATELINE_REACH - 1), pos) + 1
    if line == 0 and pos > DATELINE_REACH:
        return False  # (no line starts within reach)
    m = _DATELINE.match(text, line)
    return m is not None and pos < m.end()


def _org_end(items: _Items, i: int) -> int | None:
    """End (exclusive) of a capitalised organisation name starting at item i, if any."""
    ent, key, n = items.ent, items.key, items.n
    numbered = items.num(i)
    first = ent[i]
    if key[i] in _NOT_NAME or _get(first, _GROUPS):
        return None
    if not numbered and (items.kind_of(i, "prep") or (_has(first, "orghead")
                                                       and not _has(first, "mod"))):
        return None  # "Police ..." opens a phrase the grammar reads
    unknown = numbered or not first
    j, last_head = i + 1, None
    while j < n:
        if items.cap(j) and key[j] not in _NOT_NAME and not _get(ent[j], _GROUPS) \
                and not _has(ent[j], "person"):
            if _has(ent[j], "orghead"):
                last_head = j + 1
            elif not ent[j]:
                unknown = True
            j += 1
        elif key[j] in _NAME_JOINERS and j + 1 < n and items.cap(j + 1):
            j += 1
        else:
            break
    if last_head is None:
        return None
    head = _has(ent[last_head - 1], "orghead")
    if j > last_head and key[last_head] in ("of", "for") and all(
            not ent[r] or key[r] in _NAME_JOINERS for r in range(last_head, j)):
        last_head = j  # "National Institute of Migration"
    if not unknown and not (head is not None and head.sector in _NAMING_SECTORS
                            and last_head - i > 1):
        return None
    if numbered and (head is None or head.sector != "MIL"):
        return None
    return last_head


def _is_place(items: _Items, p: int, last: int | None = None) -> bool:
    """Whether a country or capital named alone at p (or a phrase p..last naming an
    institution) is a place, not an actor."""
    last = p if last is None else last
    if last + 1 < items.n and items.key[last + 1] in _PLACE_NOUNS:
        return True
    q = p - 1
    if q >= 0 and items.key[q] == "(":
        return True  # "in Luanda (Luanda, Maianga)": a qualifier of a place
    if q >= 0 and items.key[q] in _DETERMINERS:
        q -= 1
    if q >= 1 and items.key[q] == "with" and items.key[q - 1] in _BORDERS:
        return True  # "near the border with Mali"
    for _ in range(3):
        if q < 0:
            return False
        if items.kind_of(q, "prep"):
            return True
        if not (items.kind_of(q, "placemod") or items.key[q] in _DETERMINERS):
            return False
        q -= 1
    return False


def _bare(items: _Items, p: int, e: Entry) -> tuple[list[_Found], int]:
    if _is_place(items, p):
        if not (p > 1 and items.key[p - 1] == "with" and items.key[p - 2] in _BORDERS):
            items.places.append((items.start[p], e.country))  # (not "the border with Mali")
        return [], p + 1
    sector = e.sector if e.kind in ("capital", "metonym") else None
    return [_Found(items.start[p], items.end[p], e.country, sector, False)], p + 1


def _parse(items: _Items, p: int) -> tuple[list[_Found], int]:
    """Actor(s) starting at item p and the item index after them ([] if none)."""
    n, ent, key = items.n, items.ent, items.key
    if key[p] in _DETERMINERS:
        p += 1
    start = q = p
    country: str | None = None
    hint: str | None = None
    bare: Entry | None = None
    poss = False
    while q < n and q - start < _MAX_PREFIX:
        c = _get(ent[q], _COUNTRYISH)
        if c is not None and q == start and q > 0 and (
                key[q - 1] in items.features or key[q - 1] == "of") and _in_feature_name(items, q):
            return [], q + 1  # "near Lake Chad", "in the Gulf of Guinea": a place's name
        if c is not None and _is_foreign_backer(items, q):
            q += 2 if q + 1 < n and key[q + 1] in _BACKED else 1
            continue  # "pro-Iranian Hezbollah", "Syrian-backed militia": not their country
        if c is not None:
            nxt = key[q + 1] if q + 1 < n else ""
            if nxt == _POSS and country is None:
                country, poss = c.country, q == start
                if poss:
                    bare = c
                q += 2
                continue
            if q == start and nxt in _CONJ:
                coord = _coordinated(items, q, c)
                if coord:
                    return coord
            if q == start and c.kind != "demonym":
                bare = c
            country = country or c.country
            q += 1
            continue
        m = _has(ent[q], "mod")
        if m is not None and q + 1 < n and any(e.kind in _BEFORE_HEAD for e in ent[q + 1]):
            hint = m.sector or hint
            q += 1
            continue
        break
    if q < n:
        got = _head(items, q, start, country, hint)
        if got is not None:
            return got
    if bare is not None and (q == start + 1 or poss):
        return _bare(items, start, bare)
    if q - start >= 2 and not poss and country is not None:
        last = _get(ent[q - 1], _COUNTRYISH)
        if last is not None and last.kind == "metonym" and last.country == country:
            # "the US State Department": a country's word before its own institution
            if _is_place(items, start, q - 1):
                return [], q
            return [_Found(items.start[start], items.end[q - 1], country, last.sector,
                           False)], q
    if q == start + 1 and start > 0 and key[start - 1] == "the" and (
            q == n or key[q] in _AFTER_NOUN):
        c = _has(ent[start], "demonym")
        if c is not None:  # "the British said": an adjective used as a noun
            return [_Found(items.start[start], items.end[start], c.country, None, True)], q
    return [], start + 1


def _in_feature_name(items: _Items, p: int) -> bool:
    """Whether a country's name at p ends the name of a natural feature: after a
    capitalised feature word, or after one and "of" ("Lake Chad", "Gulf of Guinea")."""
    q = p - 1
    if items.key[q] == "of" and q > 0:
        q -= 1
    return items.key[q] in items.features and items.cap(q)


def _is_foreign_backer(items: _Items, q: int) -> bool:
    """A country word glued after "pro-"/"anti-" or before "-backed"/"-supported"."""
    key, start, end = items.key, items.start, items.end
    if q > 0 and key[q - 1] in _STANCE and end[q - 1] < start[q] <= end[q - 1] + 1:
        return True
    return q + 1 < items.n and key[q + 1] in _BACKED and start[q + 1] <= end[q] + 1


def _coordinated(items: _Items, q: int, c: Entry) -> tuple[list[_Found], int] | None:
    """'US and British forces', 'Hungarian, Romanian and Bulgarian officials'."""
    if q + 2 >= items.n or _get(items.ent[q + 2], _COUNTRYISH) is None:
        return None
    rest, nxt = _parse(items, q + 2)
    if not rest or not rest[0].headed or rest[0].start != items.start[q + 2]:
        return None
    return [_Found(items.start[q], items.end[q], c.country, rest[0].sector, True)] + rest, nxt


def _head(items: _Items, q: int, start: int, country: str | None,
          hint: str | None) -> tuple[list[_Found], int] | None:
    ent, n = items.ent, items.n
    here = ent[q]
    head = _get(here, _HEADS)
    if head is not None:
        if q + 1 < n and _has(here, "mod") and items.kind_of(q + 1, "thing"):
            return None  # "military aid": an adjective, not an actor
        sector = head.sector if head.kind == "head" else (hint or head.sector)
        if sector in _NOT_OWNERS and q + 1 < n and items.key[q + 1] == _POSS:
            return None  # "International Women's Day", "children's hospital"
        if _has(here, "site") and _is_place(items, start, q):
            return None  # "protested outside the ministry"
        end = q + 1
        if end < n and _get(ent[end], _HEADS) and not _has(ent[end], "mod"):
            nxt = _get(ent[end], _HEADS)
            end += 1  # "4th Division members", "army soldiers"
            if nxt is not None and nxt.kind == "head" and head.kind == "weak":
                sector = nxt.sector
        if end < n and items.text[items.start[end]].isupper():  # (``cap``, inlined)
            title = _get(ent[end - 1], _TITLES)
            if title is not None:  # "foreign ministry spokesman Nasser Kanaani"
                named = _title(items, end - 1, start, country, title)
                if named is not None and named[1] > end:
                    named[0][0].sector = sector or named[0][0].sector
                    return named
        got = _extend(items, end, start, country, sector)
        f = got[0][0]
        if f.sector is None and f.country is None and q == start and got[1] == q + 1:
            return None  # "members", "allies" alone name no one
        if head.kind == "weak" and hint is None and end == q + 1 and f.sector == head.sector:
            f.weak = True
        return got
    arm = _has(here, "arm")
    if arm is not None and q > start and (country is not None or (
            items.key[q - 1] in _STATE_FORCE_WORDS and items.key[q] in _STATE_CRAFT)):
        # "Israeli air strikes"; "military jets", "army drones": a state's, the country
        # of which the places around tell
        return _extend(items, q + 1, start, country, arm.sector)
    title = _get(here, _TITLES)
    if title is not None:
        return _title(items, q, start, country, title)
    group = _get(here, _GROUPS)
    if group is not None:
        country = country or group.country
        sector = group.sector
        end = q + 1
        k = end  # "IS Sahel militants": a group, a capitalised qualifier, a group noun
        while k < n and k - end < _MAX_QUALIFIER and not ent[k] and items.cap(k) \
                and items.key[k] not in _NOT_NAME:
            k += 1
        if k > end and k < n and _get(ent[k], _FOLLOWERS):
            end = k
        if end < n:
            follower = _get(ent[end], _FOLLOWERS)
            if follower is not None:
                end += 1
                if sector in (None, "IGO", "GOV") and follower.kind == "head" and not (
                        sector == "IGO" and follower.sector == "GOV"):
                    sector = follower.sector  # (an international body's leaders act for it)
                sector = sector or follower.sector
        title = _get(ent[end], _TITLES) if end < n and items.cap(end) else None
        if title is not None and end == q + 1:
            # "European Commission President Ursula von der Leyen": the organisation's head
            named = _title(items, end, start, country, title)
            if named is not None and named[0]:
                chief = named[0][0]
                chief.sector = sector or chief.sector
                if sector == "IGO":  # NATO's secretary general acts for NATO, not his country
                    chief.country = country
                return named
        if end < n and (ent[end] or end > q + 1):
            held = _office_holder(items, q, end, start, country, sector)
            if held is not None:
                return held
        return _extend(items, end, start, country, sector)
    person = _has(here, "person")
    if person is not None:
        return [_Found(items.start[start], items.end[q], country or person.country,
                       person.sector, True)], q + 1
    people = _has(here, "people")
    if people is not None and q == start:
        return [_Found(items.start[q], items.end[q], people.country, None, True)], q + 1
    return None


def _office_holder(items: _Items, q: int, end: int, start: int, country: str | None,
                   sector: str | None) -> tuple[list[_Found], int] | None:
    """"UN chief Antonio Guterres", "Hamas leader Yahya Sinwar", "IAEA chief Rafael Grossi":
    a person named right after a group (at q, its phrase ending at ``end``) and the
    lower-case words of their office is one actor, who acts for the group."""
    ent, n = items.ent, items.n
    k = end
    while k < n and k - end < _MAX_OFFICE and ent[k] and not items.cap(k) and (
            _has(ent[k], "mod") or _get(ent[k], _TITLES) or _get(ent[k], _HEADS)):
        k += 1
    if k >= n:
        return None
    person = _has(ent[k], "person")
    if k == q + 1 and (person is None or not items.text[
            items.start[q]:items.end[q]].split()[-1].islower()):
        return None  # (a group's name and a person's side by side: no office between)
    if person is None:
        title = _get(ent[k - 1], _TITLES) if items.cap(k) else None
        got = _title(items, k - 1, start, country, title) if title is not None else None
        if got is None or got[1] <= k:
            return None  # a lower-case office takes a name of two words or more
        found, nxt = got
    else:
        found, nxt = [_Found(items.start[start], items.end[k], country or person.country,
                             sector or person.sector, True)], k + 1
    found[0].sector = sector or found[0].sector
    found[0].country = country if sector == "IGO" else found[0].country
    return found, nxt


def _title(items: _Items, q: int, start: int, country: str | None,
           title: Entry) -> tuple[list[_Found], int] | None:
    """A title, with the person's name after it when there is one."""
    ent, key, n = items.ent, items.key, items.n
    end = q + 1
    person = _has(ent[end], "person") if end < n else None
    if person is not None:
        country = country or person.country
        end += 1
    else:
        k, words = end, 0
        while k < n and words < _MAX_NAME_WORDS and key[k] not in _NOT_NAME and (
                not ent[k] or (items.cap(q) and _given_name(items, k))):
            if items.cap(k):
                words += 1
                k += 1
            elif key[k] in _NAME_PARTICLES and k > end and k + 1 < n and items.cap(k + 1):
                k += 1  # "Omar Hassan al-Bashir"
            else:
                break
        # a lower-case title takes a name of two words or more ("prime minister Ana Brnabic")
        if items.cap(q) or words >= 2:
            end = k
    if end == q + 1 and title.kind == "nametitle":
        return None  # "a major attack", "demanded justice"
    return _extend(items, end, start, country, title.sector)


def _given_name(items: _Items, k: int) -> bool:
    """Whether a country's name at k is a person's given name: a capitalised word the
    lexicon does not know (the surname) follows it ("Major Israel Kambale")."""
    if _get(items.ent[k], _COUNTRYISH) is None or not items.cap(k):
        return False
    j = k + 1
    if j >= items.n or items.ent[j] or not items.cap(j) or items.key[j] in _NOT_NAME:
        return False
    word = items.text[items.start[j]:items.end[j]]
    return word.isalpha() and not word.isupper()


def _extend(items: _Items, end: int, start: int, country: str | None,
            sector: str | None) -> tuple[list[_Found], int]:
    """Take in 'of [the] Country' / 'from Country' / 'of Group' and '(2021-)' after a head."""
    ent, key, n = items.ent, items.key, items.n
    if end + 1 < n and key[end] in ("of", "from"):
        k = end + 1
        if key[k] == "the" and k + 1 < n:
            k += 1
        target = _get(ent[k], _OF_TARGETS)
        if target is not None and not (k + 1 < n and key[k + 1] == _POSS):
            country = country or target.country
            if target.kind in _GROUPS and sector in (None, "MIL"):
                sector = target.sector or sector
            end = k + 1
    elif country is None and end + 1 < n and key[end] in _IN:
        k = end + 1
        if key[k] == "the" and k + 1 < n:
            k += 1
        target = _get(ent[k], _IN_TARGETS)
        if target is not None and not (k + 1 < n and (key[k + 1] == _POSS
                                                      or key[k + 1] in _PLACE_NOUNS)):
            country = target.country
            end = k + 1
    if end + 2 < n and key[end] == "(":
        k = end + 1
        while k < n and k - end <= _MAX_BRACKET and key[k] != ")" and (
                items.num(k) or key[k] in ("-", "–", "present")):
            k += 1
        if k < n and key[k] == ")" and k > end + 1:
            end = k + 1
    return [_Found(items.start[start], items.end[end - 1], country, sector, True)], end
