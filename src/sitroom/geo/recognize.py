"""Toponym recognition and resolution over a document's text.

Recognition: longest gazetteer-name matches over runs of capitalised words, extended
by a following generic word ("Kursk region", "Laurel County"), then filtered: names
inside a person's name ("Gov. Jackson", "George Washington"), first names ("Paris
Hilton"), street names, common words, and small places without a locative cue.
Resolution: a population/kind prior plus evidence from the text: a generic word that
names the kind, an admin name after a comma ("Athens, Ga."), the countries and
first-level divisions the document mentions, and distance to its other places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..lexicons import Column, load_table
from ..model import Mention, Place
from .gazetteer import (ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Gazetteer, haversine_km,
                        normalize, skeleton)

__all__ = ["Geoparser", "Toponym", "WORD_ROLES"]

WORD_ROLES = frozenset({"stop", "title", "org", "street", "direction", "at", "path",
                        "admin1", "admin2", "city", "demonym", "firstname"})

_TOKEN = re.compile(r"[A-Z]\.[A-Z][a-z]{1,2}\.|(?:[A-Z]\.){2,}(?:[A-Z](?![a-z]))?"
                    r"|[^\W\d_]\w*(?:['’][^\W\d_]\w*)*")
_CONNECTORS = frozenset({"of", "de", "la", "el", "al", "upon", "du", "des", "del", "da", "do",
                         "on", "the", "and", "le", "les", "en", "sur", "am", "an", "der",
                         "di", "y", "i", "ad", "as", "ash", "ar", "az", "ul", "e", "es", "ez",
                         "ed", "er", "et", "bin", "ibn", "bani", "beni", "dos", "das", "van",
                         "von", "den", "aan", "lez"})
_MAX_FUZZY_TOKENS = 3
_MIN_FUZZY_CHARS = 5  # shorter names have too many look-alikes
# What follows a place: an optional generic word, then ", " or " (" and up to three
# comma-separated names ending at a bracket, a full stop or a clause.
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al|el|ez|es|ad|ar|as|de|del|la|of))*"
_AFTER = re.compile(r"(?:\s+(?:city|town|village|district|province|governorate|region|"
                    r"municipality|county|area|countryside|township|sub-district|camp))?"
                    r"(?:,\s*|\s+\(|\s*\()"
                    r"(" + _NAME + r"(?:\s*,\s*" + _NAME + r"){0,2})")
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
# A division or town named in brackets after a place lies within this distance of it.
NEAR_CONTEXT_KM = 60.0
# Places within this distance of the document's other places count as "nearby".
NEAR_KM = 400.0

# Score weights (log10-population units): a kind named by a following generic word
# outweighs any population difference; an admin name after a comma nearly so.
_W_SUFFIX = 6.0
_W_COMMA = 6.0
_W_COUNTRY_CTX = 2.0
_W_ADMIN1_CTX = 2.5
_W_NEAR = 1.5
_W_PRIMARY = 2.0
_W_CAPITAL = 1.5  # national capitals are what a bare name usually means ("Washington")
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
    choice: int = -1
    score: float = 0.0
    margin: float = 0.0
    scores: dict[int, float] = field(default_factory=dict)


class Geoparser:
    """Finds and resolves toponyms; one per Pipeline (holds compiled data only)."""

    def __init__(self, gazetteer: Gazetteer, lexicons=None) -> None:
        self.gaz = gazetteer
        cols = [Column("word"), Column("role", choices=WORD_ROLES)]
        table = (lexicons.table("geo_words.tsv", cols) if lexicons is not None
                 else load_table("geo_words.tsv", cols))
        roles: dict[str, set[str]] = {}
        for r in table.rows:
            roles.setdefault(str(r["word"]).lower(), set()).add(str(r["role"]))
        self.roles: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in roles.items()}

    # ------------------------------------------------------------------ recognition
    def _role(self, word: str, role: str) -> bool:
        return role in self.roles.get(word.lower(), ())

    def recognize(self, text: str, sentence_starts: Iterable[int] = ()) -> list[Toponym]:
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        toks = [(s, e - 2) if text[e - 2:e] in ("'s", "’s") and e - s > 3 else (s, e)
                for s, e in toks]
        starts = set(sentence_starts)
        found: list[Toponym] = []
        i = 0
        n = len(toks)
        while i < n:
            s, e = toks[i]
            word = text[s:e]
            if not word[0].isupper():
                i += 1
                continue
            hit = self._longest(text, toks, i) or self._fuzzy(text, toks, i)
            if hit is None:
                i += 1
                continue
            j, top = hit
            if not self._keep(text, toks, i, j, top, s in starts):
                i = j + 1
                continue
            found.append(top)
            i = j + 1
            if top.comma and i < n:
                abbr = self._abbreviation(text, toks[i], top.comma)
                if abbr is not None:
                    found.append(abbr)
                    i += 1
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
        last = i
        limit = min(len(toks), i + _MAX_TOKENS)
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
            key = normalize(text[s0:end])
            suffix = self._suffix_after(text, toks, j)
            cands = gaz.index.get(key, ())
            skind = None
            if suffix is not None:
                skind, _ = suffix
                base = gaz.suffix_index.get(key, ())
                if base:
                    cands = tuple(dict.fromkeys(base + cands))
            if not cands:
                continue
            top = Toponym(s0, end, key, cands, skind)
            if suffix is not None and any(gaz.kind[c] in (ADMIN1, ADMIN2, REGION) for c in cands):
                top.end = suffix[1]
            top.primary = frozenset(c for c in cands if normalize(gaz.names[c]) == key)
            return j, top
        return None

    def _fuzzy(self, text: str, toks: Sequence[tuple[int, int]], i: int
               ) -> tuple[int, Toponym] | None:
        """Another spelling of a gazetteer name ("Nassriya"), by skeleton."""
        gaz = self.gaz
        s0 = toks[i][0]
        last, ends = i, [i]
        while last + 1 < min(len(toks), i + _MAX_FUZZY_TOKENS):
            ps, pe = toks[last]
            ns, ne = toks[last + 1]
            if text[pe:ns] not in (" ", "-"):
                break
            last += 1
            if text[ns].isupper():
                ends.append(last)
            elif text[ns:ne].lower() not in _CONNECTORS:
                break
        first = text[s0:toks[i][1]].lower()
        if any(self._role(first, r) for r in ("stop", "title", "direction", "firstname", "org")):
            return None
        ends = [k for n, k in enumerate(ends)
                if n == 0 or self._longest(text, toks, k) is None]
        for j in reversed(ends):
            end = toks[j][1]
            key = normalize(text[s0:end])
            if len(key) < _MIN_FUZZY_CHARS or self._role(key, "stop") or self._role(key, "title"):
                continue
            cands = gaz.skeleton_index.get(skeleton(key), ())
            if cands:
                top = Toponym(s0, end, key, cands, fuzzy=True)
                suffix = self._suffix_after(text, toks, j)
                if suffix is not None:
                    top.suffix_kind = suffix[0]
                return j, top
        return None

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
        gaz = self.gaz
        word = text[top.start:toks[j][1]]
        single = i == j
        lw = word.lower()
        if len(top.key) < 2 or self._role(top.key, "stop") or self._role(top.key, "demonym") \
                or (single and self._role(lw, "title")) \
                or (single and self._role(lw, "direction")):
            return False
        if word.isupper() and " " not in word and "." not in word and not sentence_start \
                and not any(gaz.kind[c] in (COUNTRY, ADMIN1, REGION) for c in top.cands):
            return False  # an acronym ("NICE"), not a town's name as written
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        prev_word = text[prev[0]:prev[1]] if prev else ""
        next_word = text[nxt[0]:nxt[1]] if nxt else ""
        prev_gap = text[prev[1]:top.start] if prev else ""
        next_gap = text[toks[j][1]:nxt[0]] if nxt else ""
        # Person: a title, a given name or an initial before it.
        if prev and prev_gap in (" ", ". ") and prev_word[0].isupper():
            if self._role(prev_word, "title") and not self._role(prev_word, "direction"):
                return self._mark_person(top)
            if prev_gap == ". " and len(prev_word) == 1:
                return self._mark_person(top)
            if prev_gap == " " and (self._role(prev_word, "firstname")
                                    or not self._is_modifier(prev_word)):
                return self._mark_person(top)
        if "&" in prev_gap or "&" in next_gap:
            return False  # "Stevens & Wilkinson": a firm
        if (next_gap == "-" and next_word[:1].isupper() and not self._is_place_word(next_word)) or \
                (prev_gap == "-" and prev_word[:1].isupper() and not self._is_place_word(prev_word)):
            return False  # "Wal-Mart", "Coca-Cola": a compound name
        if nxt and next_gap == " " and next_word[0].isupper():
            after = toks[j + 2] if j + 2 < len(toks) else None
            run_ends = after is None or text[nxt[1]:after[0]] != " " or not text[after[0]].isupper()
            if self._role(next_word, "street") and run_ends:
                return False
            if single and self._role(lw, "firstname") and top.suffix_kind is None \
                    and not self._role(next_word, "org") and not self._well_known(top):
                return False  # "Taylor Smith", "George Washington": a given name
        if prev and prev_gap == " ":
            pl = prev_word.lower()
            if self._role(pl, "at"):
                top.cue = "at"
            elif self._role(pl, "path"):
                top.cue = "path"
        top.comma = self._after_context(text, top.end)
        if sentence_start and single and re.search(r"\b" + re.escape(lw) + r"\b", text):
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

    def _after_context(self, text: str, end: int) -> tuple[int, ...]:
        """Divisions and countries named right after a place, after a comma or in
        brackets: "Athens, Ga.", "Subayra (Qaatabah, Ad Dali)"."""
        m = _AFTER.match(text, end)
        if not m:
            return ()
        gaz = self.gaz
        found: list[int] = []
        for chunk in m.group(1).split(","):
            words = chunk.split()
            while words and self._role(words[-1], "admin1") or words and self._role(words[-1], "admin2"):
                words.pop()
            if not words or not words[0][:1].isupper():
                break
            name = " ".join(words)
            key = normalize(name)
            hits = (gaz.context_index.get(key, ()) or gaz.index.get(key, ())
                    or gaz.suffix_index.get(key, ()))
            if not hits and len(key) >= _MIN_FUZZY_CHARS:
                hits = gaz.skeleton_index.get(skeleton(key), ())
            big = tuple(h for h in hits if gaz.kind[h] in (COUNTRY, ADMIN1, REGION))
            found.extend(big or hits[:_MAX_CONTEXT_CANDIDATES])
        return tuple(found)

    def _is_modifier(self, word: str) -> bool:
        lw = word.lower()
        if (self._role(lw, "direction") or self._role(lw, "stop") or self._role(lw, "at")
                or self._role(lw, "path") or self._role(lw, "org") or lw in _CONNECTORS):
            return True
        return any(self.gaz.kind[c] in (COUNTRY, ADMIN1, REGION)
                   for c in self.gaz.index.get(normalize(word), ()))

    def _well_known(self, top: Toponym) -> bool:
        """A country or a place of a million people: not read as a given name."""
        gaz = self.gaz
        return any(gaz.kind[c] == COUNTRY or gaz.population[c] >= WELL_KNOWN_POPULATION
                   for c in top.cands)

    def _is_place_word(self, word: str) -> bool:
        return bool(self.gaz.index.get(normalize(word))) and not self._role(word, "stop")

    @staticmethod
    def _mark_person(top: Toponym) -> bool:
        top.cands = ()
        return True  # kept so that other mentions of the name can be blocked

    # ------------------------------------------------------------------ resolution
    def parse(self, text: str, sentence_starts: Iterable[int] = ()) -> list[Place]:
        tops = self.recognize(text, sentence_starts)
        persons = {t.key for t in tops if not t.cands}
        tops = [t for t in tops if t.cands and not (t.key in persons and t.cue is None
                                                    and not t.comma)]
        tops = self._gate(tops)
        self._resolve(tops, None)
        ctx = self._context([t for t in tops if not t.fuzzy])
        tops = [t for t in tops if not t.fuzzy or self._fuzzy_fits(t, ctx)]
        self._resolve(tops, ctx)
        return [self._place(text, t) for t in tops if t.choice >= 0]

    def _gate(self, tops: list[Toponym]) -> list[Toponym]:
        """Drop small places named without a cue, unless the name is cued elsewhere."""
        gaz = self.gaz
        evidenced: set[str] = set()
        for t in tops:
            if t.cue == "at" or t.comma or t.suffix_kind is not None:
                evidenced.add(t.key)
        out = []
        for t in tops:
            big = max(int(gaz.population[c]) for c in t.cands)
            kinds = {int(gaz.kind[c]) for c in t.cands}
            multi = " " in t.key or "-" in t.key
            bar = MIN_BARE_POPULATION_MULTI if multi else MIN_BARE_POPULATION
            if not t.primary:
                bar = max(bar, MIN_BARE_POPULATION_ALTERNATE)
            if kinds & {COUNTRY, ADMIN1, REGION} or big >= bar or t.key in evidenced:
                out.append(t)
        return out

    def _fuzzy_fits(self, t: Toponym, ctx: dict) -> bool:
        """A respelled name counts only with a cue and in a country the text names."""
        if not (t.cue == "at" or t.comma or t.suffix_kind is not None):
            return False
        gaz = self.gaz
        known = {x for (_, x) in ctx["countries"]}
        t.cands = tuple(c for c in t.cands if gaz.kind[c] == ADMIN1 or int(gaz.country[c]) in known
                        or (t.comma and self._comma_bonus(c, t.comma) >= _W_COMMA))
        return bool(t.cands)

    def _context(self, tops: list[Toponym]) -> dict:
        gaz = self.gaz
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        anchors: list[tuple[str, int]] = []
        for t in tops:
            c = t.choice
            if c < 0:
                continue
            confident = len(t.cands) == 1 or t.margin >= 1.0 or gaz.kind[c] in (COUNTRY, ADMIN1)
            if not confident:
                continue
            anchors.append((t.key, c))
            countries[(t.key, int(gaz.country[c]))] += 1
            if gaz.kind[c] == ADMIN1:
                admin1s[(t.key, c)] += 1
            elif gaz.admin1[c] >= 0:
                admin1s[(t.key, int(gaz.admin1[c]))] += 1
        return {"countries": countries, "admin1s": admin1s, "anchors": anchors}

    def _resolve(self, tops: list[Toponym], ctx: dict | None) -> None:
        for t in tops:
            best, best_s, second = -1, -math.inf, -math.inf
            for c in t.cands:
                s = self._score(t, c, ctx)
                if s > best_s:
                    best, best_s, second = c, s, best_s
                elif s > second:
                    second = s
            t.choice, t.score = best, best_s
            t.margin = best_s - second if second > -math.inf else 10.0

    def _score(self, t: Toponym, c: int, ctx: dict | None) -> float:
        gaz = self.gaz
        kind = int(gaz.kind[c])
        s = math.log10(int(gaz.population[c]) + 10) + _KIND_BONUS[kind]
        if kind == CITY:
            if c in t.primary:
                s += _W_PRIMARY
            if gaz.capital[c]:
                s += _W_CAPITAL
        if t.suffix_kind is not None:
            if kind == t.suffix_kind or (t.suffix_kind == ADMIN1 and kind == REGION):
                s += _W_SUFFIX
        elif kind == ADMIN2:
            s -= 1.0
        if t.comma:
            s += self._comma_bonus(c, t.comma)
        if ctx is None:
            return s
        cc = int(gaz.country[c])
        own = t.key
        if any(n for (k, x), n in ctx["countries"].items() if x == cc and k != own):
            s += _W_COUNTRY_CTX
        a1 = c if kind == ADMIN1 else int(gaz.admin1[c])
        if a1 >= 0 and any(n for (k, x), n in ctx["admin1s"].items() if x == a1 and k != own):
            s += _W_ADMIN1_CTX
        if kind in (CITY, ADMIN2):
            lat, lon = float(gaz.lat[c]), float(gaz.lon[c])
            for k, x in ctx["anchors"]:
                if k != own and gaz.kind[x] in (CITY, ADMIN2) and \
                        haversine_km(lat, lon, float(gaz.lat[x]), float(gaz.lon[x])) < NEAR_KM:
                    s += _W_NEAR
                    break
        return s

    def _comma_bonus(self, c: int, context: tuple[int, ...]) -> float:
        """How well place ``c`` fits the divisions named after it ("Athens, Ga.")."""
        gaz = self.gaz
        kc = int(gaz.kind[c])
        if kc in (COUNTRY, REGION):
            return 0.0  # a country followed by names is a list, not a hierarchy
        cc, a1 = int(gaz.country[c]), int(gaz.admin1[c])
        best = 0.0
        for x in context:
            if x == c or int(gaz.country[x]) != cc:
                continue
            kx = int(gaz.kind[x])
            if kx == COUNTRY:
                b = _W_COMMA
            elif kx == ADMIN1:
                b = 0.3 * _W_COMMA if kc == ADMIN1 else (_W_COMMA if a1 == x else 0.0)
            elif kx in (ADMIN2, CITY) and kc != ADMIN1:
                near = (a1 >= 0 and a1 == int(gaz.admin1[x])) or gaz.distance_km(c, x) < NEAR_CONTEXT_KM
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
            lat=round(float(gaz.lat[c]), 5), lon=round(float(gaz.lon[c]), 5),
            geonames_id=gid if gid >= 0 else None, precision=gaz.precision[c],
            mention=Mention(t.start, t.end, text[t.start:t.end], "PLACE"))
