"""Where an event happened: choose among the places the document names.

The place where an event stated in ``doc.text[start:end]`` happened is a place named in
that span and governed by a locative preposition ("in", "near", "outside", "through")
close to the trigger, rather than an origin or route ("from", "via"; a destination "to"
counts half as much against it), a landmark ("the X neighborhood", "X square") or the
subject of an institution or cause ("the embassy of X", "solidarity with X"). A note
saying where it codes the event ("coded to X") outweighs all of these. Among consistent
places the most specific wins ("Rustaq district, Takhar" -> Rustaq), and a division or
town named after a place ("X, Q", "X (Y, Q)", "X district of Q") only says where that
place is; but when the qualifier puts the place elsewhere than the gazetteer read it (a
town of another country, or of the same country far away), every mention of that
reading loses to the qualifier. Places of the country the span, the rest of the
document and its demonyms name most win ties.

A span without a place telling what displaced people say of their homes ("armed men
burned their villages") happened where the document says they fled from ("crossed from
Sudan's West Darfur into Chad"). Otherwise, without a place in the span, or with only
places that fit badly, the best place of the last sentence naming one among the two
before it stands in, then the document's dominant place; with no place named at all,
the country the demonyms and actors point to (a place without a mention).

What does not depend on the span (each place's cue, qualifiers and misreadings, the
countries the document names, the sentence starts, the dominant place) is computed once
per document by :class:`DocumentLocator` (``document_locator(doc)``): the events stage
prepares a document once for all its events; :func:`locate_event` prepares it per call.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import Any

from ..model import Document, Mention, Place
from .gazetteer import haversine_km

__all__ = ["locate_event", "DocumentLocator", "document_locator"]

# What the words right before a place say of it: where ("in", "near", "outside", "of"),
# an origin or route ("from", "via"), a destination ("to", "into"), where a note codes it
# ("coded to"), or only the subject of an institution or cause ("the embassy of X",
# "solidarity with X"). Read as words, not with a regex search per place.
_CUE_NONE, _CUE_LOCATIVE, _CUE_PATH, _CUE_NAMED_ONLY, _CUE_CODED, _CUE_DESTINATION = range(6)
_LOCATIVE_WORDS = frozenset({"in", "near", "at", "outside", "inside", "around", "across",
                             "throughout", "within", "of", "through"})
_PATH_WORDS = frozenset({"from", "via", "toward", "towards"})
# "marched to X", "moved into X": a destination, where a march or raid ends up, is often
# where it happened; weighs half as much against a place as an origin or route.
_DESTINATION_WORDS = frozenset({"to", "into"})
_PATH_BEFORE_FOR = frozenset({"bound", "headed"})
_NOT_WHERE_WORDS = frozenset({"embassy", "embassies", "consulate", "ambassador", "ministry",
                              "government", "president", "people", "nationals", "citizens",
                              "solidarity", "support", "flag", "war", "invasion", "defence",
                              "defense", "republic",
                              # institutions named after a place ("Bank of England")
                              "council", "university", "bank", "church", "union",
                              "association", "federation", "party", "parliament", "assembly",
                              "institute", "museum", "chamber", "commission", "committee",
                              "league", "confederation", "congress", "consulates",
                              "ambassadors", "minister", "ministers", "king", "queen",
                              "prince", "emir", "governor", "mayor", "independence"})
_NOT_WHERE_LINKS = frozenset({"of", "with", "for"})
# Words between a preposition and a place that keep the preposition's sense ("in
# downtown Dallas", "in northern Kivu").
_PLACE_ADJECTIVES = frozenset({"downtown", "central", "northern", "southern", "eastern",
                               "western", "north-eastern", "north-western", "south-eastern",
                               "south-western", "northeastern", "northwestern", "southeastern",
                               "southwestern", "rural", "urban", "suburban", "greater", "inner",
                               "upper", "lower", "old", "neighbouring", "neighboring",
                               "nearby"})
# Every word a cue can end with (before the place and an optional "the" or adjective).
_CUE_LAST_WORDS = (_LOCATIVE_WORDS | _PATH_WORDS | _DESTINATION_WORDS | _NOT_WHERE_WORDS
                   | _NOT_WHERE_LINKS | _PLACE_ADJECTIVES | {"the", "for", "to", "at"})
# Cue words no longer cue ends with ("in", "from"; not "of": "the embassy of").
_ONE_WORD_CUES = ({w: _CUE_LOCATIVE for w in _LOCATIVE_WORDS - {"of", "at"}}
                  | {w: _CUE_PATH for w in _PATH_WORDS} | {"into": _CUE_DESTINATION})
_PUNCT = "([{\"'“‘-—–/"
_LEFT_CONTEXT = 40  # characters before a place read for its preposition
# Demonyms and actors hint at a country half as strongly as a place named in the span,
# a place named elsewhere in the document a quarter as strongly.
_HINT_WEIGHT = 0.5
_DOCUMENT_WEIGHT = 0.25
_SPECIFICITY = {"exact": 2.0, "city": 1.5, "admin2": 1.0, "admin1": 0.5, "country": 0.0,
                "unknown": -0.5}
# Weights: a locative preposition outweighs one level of specificity; a route or
# origin preposition nearly rules a place out; each 100 characters away from the
# trigger costs about as much as one level of specificity.
_W_LOCATIVE = 1.5
_W_PATH = -2.5
_W_CONTAINED = 0.75
_W_FOREIGN = -1.0
_W_DISTANCE_PER_CHAR = 0.01
_MAX_TRIGGER_DISTANCE = 300  # characters: farther costs no more
_W_SENTENCE = 0.4  # each sentence after the first one in the span
_W_QUALIFIER = -2.0
_W_MISPLACED = -4.0
# A town or district qualifying a place ("X (Mocuba, Zambezia)") is its district or
# a neighbouring town: a reading of X farther away than this is another X.
_MAX_QUALIFIER_KM = 200.0
# A place this far from the reference point of the division named as its qualifier, and
# in another division by the gazetteer, is another place of the same name (division
# names differ between sources, so the name alone does not say it).
_MAX_DIVISION_KM = 300.0
# A place named as a neighbourhood, street or landmark ("the Santa Cruz neighborhood",
# "Liberty square", "the Jardim America neighborhood") is inside the town named with
# it, and often a homonym read elsewhere: weighs like a route preposition.
_W_LANDMARK = -2.5
# A place where a statement was made, not the event: in the closing attribution after
# the event's clause (", the government said in a statement read in Ouagadougou"). Weighs
# as a route preposition: it is kept when the sentence names no other place.
_W_SPEECH = _W_PATH
_LANDMARK_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’\-]*){0,2}\s+(?:neighbou?rhoods?|squares?|streets?|st\.|roads?|"
    r"avenues?|boulevard|highway|bridge|rivers?|parks?|cemetery|stadium|markets?|community|"
    r"quarter|plaza|schools?|university|hospitals?|centres?|centers?|mall|hotel|junction|"
    r"intersection|roundabout|supermarkets?|stores?|factory|plant|offices?|headquarters|"
    r"branch|company|mosque|church|temple|cathedral|prison|jail|court|courthouse|dollars?)\b", re.I)
# What each of _LANDMARK_AFTER's landmark words begins with (lower case): one of the
# three words after a place must begin as one does (``_LANDMARK_HEADS``), or the
# expression is not tried.
_LANDMARK_STEMS = ("neighbo", "square", "street", "st.", "road", "avenue", "boulevard",
                   "highway", "bridge", "river", "park", "cemetery", "stadium", "market",
                   "community", "quarter", "plaza", "school", "university", "hospital",
                   "centre", "center", "mall", "hotel", "junction", "intersection",
                   "roundabout", "supermarket", "store", "factory", "plant", "office",
                   "headquarters", "branch", "company", "mosque", "church", "temple",
                   "cathedral", "prison", "jail", "court", "courthouse", "dollar")
_LANDMARK_HEADS = frozenset(stem[:3] for stem in _LANDMARK_STEMS)
# (every alternative of _LANDMARK_AFTER's landmark words begins with one of the stems, so
# a word of plain ASCII that begins with none of them, lower-cased, is none of those words;
# the three-letter heads let through "officials", "state", "into" and the like)
_LANDMARK_WINDOW = 200  # characters after a place read for those three words
_LANDMARK_SHORT_WINDOW = 60  # characters first read for them (enough for most)
# Mentions that are the generic word for a neighbourhood ("Colonia X", "Barangay X").
_LANDMARK_WORDS = frozenset({"colonia", "barrio", "bairro", "jardim", "barangay",
                             "fraccionamiento", "quartier", "mahalla", "mohalla"})
# (their lengths: a mention of another length, lower-cased, is none of them)
_LANDMARK_WORD_LENGTHS = frozenset(len(w) for w in _LANDMARK_WORDS)
_LOOKBACK_SENTENCES = 2
_NO_SCORE = float("-inf")  # below every place's score
_MENTION_START = attrgetter("mention.start")  # sort key of places that have a mention
_DIVISIONS = frozenset({"admin1", "admin2", "country"})
_TOWNS = frozenset({"city", "admin2"})
_COARSE = frozenset({"country", "admin1"})
_ACROSS = re.compile(r"\b(?:across|throughout|all over|around|nationwide in)\s+(?:the\s+)?$",
                     re.I)
# A span whose best place fits this badly (a street, an origin, a name of a cause) is
# located like a span without a place when an earlier sentence offers a better place;
# the document's dominant place stands in only for a still worse fit. A place with no
# cue scores its specificity (0 to 2); each bad cue costs 2.5.
_MIN_FIT = -0.5
_MIN_FIT_OVER_DOMINANT = -2.0
# Between a place and the division or town that says where it is: "X, Q", "X city (Q",
# "X (Y township, Q", and, after words the gazetteer does not know, "X Kone village (Q",
# "X imeni Lenina, Q", "X city of Q", "(X district) of Q".
_QUALIFIER_GAP = re.compile(
    r"(?:(?:\s+(?:city|town|village|district|area|township|county|province|region|"
    r"governorate))?(?:,\s*|\s*\()"
    r"|(?:\s+(?:city|town|village|district|area|township|county|sub-district|region))?"
    r"\)?\s+of\s+(?:the\s+)?"
    r"|(?:[\s\-]+(?!(?:in|at|on|near|of|to|from|and|or|with|by|for|the|a|an|after|before|"
    r"during|when|where|while|which|who|that)\b)[\w'’]+){1,6}\s*(?:\(|,\s*))"
    r"(?:[^(),.;]{0,40},\s*){0,2}")
_MAX_QUALIFIER_GAP = 200  # characters: longer than any gap _QUALIFIER_GAP can match
# What every gap _QUALIFIER_GAP matches ends with, but for white space.
_QUALIFIER_ENDS = (",", "(", "of", "the")
# "(coded to Lahore)": a note saying where it places the event outweighs every
# other cue and a level of specificity.
_W_CODED = 3.0
_WHERE_CUES = frozenset({_CUE_NONE, _CUE_LOCATIVE, _CUE_CODED})
_CUE_WEIGHT = (0.0, _W_LOCATIVE, _W_PATH, _W_PATH, _W_CODED, _W_PATH / 2)
# "crossed from X into Y", "fled from X": where displaced people come from ...
_FLED_FROM = re.compile(r"\b(?:fled|flee|flees|fleeing|escaped|escaping|crossed|crossing|"
                        r"displaced|uprooted|driven|arrived|arriving|streamed|poured)"
                        r"(?:\s+[\w'’\-]+){0,3}?\s+from\s+", re.I)
# ... up to where the phrase turns to where they went ("into Chad") or ends.
_ORIGIN_END = re.compile(r"\b(?:into|to|towards?|across|for|since|after)\b|[.;:!?\n]")
_MAX_ORIGIN_CHARS = 80  # a place named farther after "from" is in another phrase
# ... and what they then tell of that place: their homes, their villages.
_THEIR_HOMES = re.compile(r"\btheir\s+(?:own\s+|home\s+)?(?:villages?|homes?|houses?|towns?|"
                          r"hometowns?|communities|farms|lands?|neighbou?rhoods?)\b", re.I)


class DocumentLocator:
    """A document prepared once for locating any number of its events."""

    __slots__ = ("doc", "places", "starts", "cue", "qualifier", "misplaced", "trusted",
                 "named", "base", "qualified", "voting",
                 "hints", "sent_starts", "_dominant", "_origin", "_named_top",
                 "_first_town", "_earlier_best")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        places = [p for p in doc.places if p.mention is not None]
        places.sort(key=_MENTION_START)
        self.places: list[Place] = places
        starts: list[int] = []
        cues: list[int] = []
        qualifier: list[bool] = []
        # the parts of each place's score that depend neither on the span nor on what
        # qualifies the place
        static: list[float] = []
        end = -1  # (the end of the place before)
        for p in places:
            at = p.mention.start  # type: ignore[union-attr]
            qualifier.append(end >= 0 and at - end <= _MAX_QUALIFIER_GAP
                             and _qualifies(text, end, at))
            end = p.mention.end  # type: ignore[union-attr]
            starts.append(at)
            c = _cue(text, at)
            cues.append(c)
            # (``_landmark_after``'s first test inline: most places end before punctuation)
            static.append(_SPECIFICITY.get(p.precision, 0.0) + _CUE_WEIGHT[c]
                          + _W_LANDMARK * ((text[end:end + 1].isspace()
                                            and _landmark_after(text, end)) or (
                              end - at in _LANDMARK_WORD_LENGTHS
                              and text[at:end].lower() in _LANDMARK_WORDS)))
        self.starts, self.cue, self.qualifier = starts, cues, qualifier
        hints: dict[str, float] = {}
        for p in doc.places:  # the country demonyms and actors point to: a tie-breaker
            if p.mention is None and p.country:
                hints[p.country] = hints.get(p.country, 0) + _HINT_WEIGHT
        self.hints = hints
        self.misplaced, self.trusted = self._misplaced()
        speech = _speech_spans(doc) if doc.attributions else ()
        self.base: list[float] = [st + _W_MISPLACED * m
                                  + (_W_SPEECH if speech and _inside(speech, at) else 0.0)
                                  for st, m, at in zip(static, self.misplaced, starts)]
        self.qualified: list[float] = [_W_QUALIFIER * (q and not t)
                                       for q, t in zip(qualifier, self.trusted)]
        # the country each place votes for: none when named only or misplaced
        self.voting: list[str | None] = [
            p.country if c != _CUE_NAMED_ONLY and not m else None
            for p, c, m in zip(places, cues, self.misplaced)]
        named: dict[str, float] = dict(hints)  # the countries the whole document names
        for country in self.voting:
            if country:
                named[country] = named.get(country, 0.0) + _DOCUMENT_WEIGHT
        self.named = named
        # the highest count of ``named`` (0.0 for none)
        self._named_top = max(named.values()) if named else 0.0
        sent_starts = [s.start for s in doc.sentences]
        sent_starts.sort()
        self.sent_starts: list[int] = sent_starts
        self._dominant: Place | None | bool = False  # computed when first needed
        self._origin: Place | None | bool = False  # computed when first needed
        # per country and (country, first-level division): the first town named as where
        # (``_refined``), found when first needed
        self._first_town: dict[Any, int] | None = None
        # ``_best`` of the places of an earlier sentence, per index range
        self._earlier_best: dict[tuple[int, int], tuple[Place, float]] = {}

    @property
    def dominant(self) -> Place | None:
        """The document's dominant place (``_dominant``)."""
        if self._dominant is False:
            self._dominant = _dominant(self.doc)
        return self._dominant  # type: ignore[return-value]

    def _misplaced(self) -> tuple[list[bool], list[bool]]:
        """Places whose qualifier puts them elsewhere ("Victoria (Mocuba, Zambezia)" read
        as a far Victoria, "Salem (Shan State)" read in the US) with every other mention of
        the same reading; and the qualifiers that are then trusted over the place: a
        town or district of the same country, or a division of the country the
        demonyms point to ("Jerusalem (West Bank)" read in Israel, with Palestinian actors)."""
        places, qual, hints = self.places, self.qualifier, self.hints
        out = [False] * len(places)
        trusted = [False] * len(places)
        wrong: set[tuple[str, str | None, str | None]] = set()
        for k in range(len(places) - 1):
            if not qual[k + 1]:
                continue
            p, q = places[k], places[k + 1]
            if p.name == q.name:
                continue  # "San Juan (San Juan)": a town and its province, one reading off
            if _outside(p, q, self._anchored(k + 1)):
                trusted[k + 1] = True
            elif not (q.country and p.country and p.country != q.country
                      and q.precision in _DIVISIONS):
                continue
            trusted[k + 1] = trusted[k + 1] or hints.get(q.country or "", 0.0) > hints.get(
                p.country or "", 0.0)
            out[k] = True
            wrong.add((p.name, p.country, p.precision))
        if wrong:
            out = [o or (p.name, p.country, p.precision) in wrong
                   for o, p in zip(out, places)]
        return out, trusted

    def _anchored(self, k: int) -> bool:
        """Whether place ``k`` is a district, or is itself qualified by its own division
        ("Mocuba, Zambezia") or a district near it: a reading trustworthy enough to
        move the place it qualifies."""
        p = self.places[k]
        if p.precision == "admin2":
            return True
        if k + 1 < len(self.places) and self.qualifier[k + 1]:
            q = self.places[k + 1]
            if q.country != p.country:
                return False
            if q.precision == "admin1":
                return p.admin1 == q.name
            return q.precision == "admin2" and not _outside(p, q, True)  # "Mawana, Meerut"
        return False

    def locate(self, start: int, end: int, trigger: Mention | None = None) -> Place | None:
        """The place where the event stated in ``doc.text[start:end]`` happened, or None."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if hi > lo:
            place, fit = self._best(lo, hi, trigger, start)
            if fit >= _MIN_FIT:
                return self._refined(place, lo)
        elif _may_say_their(self.doc.text, start, end) and _THEIR_HOMES.search(
                self.doc.text, start, end):
            origin = self.origin()
            if origin is not None:
                return origin  # "armed men burned their villages": where the people fled
        before = self._earlier(start, lo)
        if before is not None:
            found = self._earlier_best.get(before)
            if found is None:  # (the sentences after one with places ask for the same)
                found = self._earlier_best[before] = self._best(
                    before[0], before[1], None, self.starts[before[0]])
            earlier, fit_before = found
            if hi == lo or fit_before > fit:
                return self._refined(earlier, before[0])
        if hi > lo and (self.dominant is None or fit >= _MIN_FIT_OVER_DOMINANT):
            return place
        return self.dominant

    def origin(self) -> Place | None:
        """Where the people the document is about fled from: the most specific place
        named after "fled from", "crossed from" ("crossed from Sudan's West Darfur into
        Chad": Darfur), or None. What they tell of their homes happened there."""
        if self._origin is not False:
            return self._origin  # type: ignore[return-value]
        text, best, rank = self.doc.text, None, float("-inf")
        for m in _FLED_FROM.finditer(text):
            at = m.end()
            stop = _ORIGIN_END.search(text, at, at + _MAX_ORIGIN_CHARS)
            stop_at = stop.start() if stop else at + _MAX_ORIGIN_CHARS
            for k in range(bisect_left(self.starts, at), bisect_left(self.starts, stop_at)):
                r = _SPECIFICITY.get(self.places[k].precision, 0.0)
                if r >= rank:
                    best, rank = self.places[k], r
            if best is not None:
                break  # the first flight the document tells of
        self._origin = best
        return best

    def _refined(self, place: Place, lo: int) -> Place:
        """A country or first-level division named after the document has named a town in
        it ("... in Sacramento (California). Lawmakers of California ...") stands for that town:
        the first such town named before ``places[lo]`` as where, not misplaced; unless
        the whole of it is meant ("across Florida")."""
        if place.precision not in _COARSE or not place.country or place.mention is None:
            return place
        first = self._first_town
        if first is None:
            first = self._first_town = self._first_towns()
        k = first.get(place.country if place.precision == "country"
                      else (place.country, place.name))
        if k is None or k >= lo:
            return place  # no such town
        at = place.mention.start
        if _ACROSS.search(self.doc.text, max(0, at - _LEFT_CONTEXT), at):
            return place  # "rallies across Indonesia": the whole country, not one town
        return self.places[k]

    def _first_towns(self) -> dict[Any, int]:
        """The index of the first town or district named as where and not misplaced, per
        country and per (country, first-level division)."""
        first: dict[Any, int] = {}
        for k, p in enumerate(self.places):
            if (p.precision in _TOWNS and p.country and not self.misplaced[k]
                    and self.cue[k] in _WHERE_CUES):
                first.setdefault(p.country, k)
                first.setdefault((p.country, p.admin1), k)
        return first

    def _earlier(self, start: int, lo: int) -> tuple[int, int] | None:
        """The places (index range) of the last sentence that names any, among the few
        right before ``start``."""
        if lo == 0:
            return None
        n = bisect_left(self.sent_starts, start)  # sentences starting before the span
        floor = self.sent_starts[n - _LOOKBACK_SENTENCES] if n >= _LOOKBACK_SENTENCES else 0
        last = self.starts[lo - 1]
        if last < floor:
            return None
        sent = bisect_right(self.sent_starts, last) - 1  # the sentence of that place
        first = bisect_left(self.starts, self.sent_starts[sent]) if sent >= 0 else 0
        return max(first, 0), lo

    def _best(self, lo: int, hi: int, trigger: Mention | None, start: int
              ) -> tuple[Place, float]:
        """The best place among ``places[lo:hi]`` and how well it fits as where (its score
        before distance from the trigger)."""
        places = self.places
        if hi - lo == 1:  # one place: its fit, with no other place to rank it against
            return places[lo], self._fit_alone(lo)
        qual, starts, base, voting = self.qualifier, self.starts, self.base, self.voting
        qualified, misplaced = self.qualified, self.misplaced
        countries: dict[str, float] = dict(self.named)
        admin1s: set[str] | tuple[()] = ()
        top = self._named_top  # (the highest of countries' counts)
        for k in range(lo, hi):
            c = voting[k]
            if c:
                votes = countries[c] = countries.get(c, 0.0) + 1.0
                if votes > top:
                    top = votes
            p = places[k]
            if p.precision == "admin1":
                if not admin1s:
                    admin1s = set()
                admin1s.add(p.name)  # type: ignore[union-attr]
        several = len(countries) > 1
        if not several:
            top = 0.0
        t = trigger.start if trigger is not None else -1
        sent_starts = self.sent_starts
        later = -1  # the index in sent_starts of the span's second sentence (when needed)
        best, best_s, best_fit = places[lo], _NO_SCORE, _NO_SCORE
        for k in range(lo, hi):
            p = places[k]
            s = base[k]
            if k > lo:
                s += qualified[k]  # "Mariupol, Donetsk": Donetsk says where Mariupol is
            if k + 1 < hi and qual[k + 1] and not misplaced[k]:
                q = places[k + 1]
                if q.country and p.country != q.country and (
                        q.precision in _DIVISIONS
                        or countries.get(q.country, 0.0) >= countries.get(p.country or "", 0.0)):
                    s += _W_MISPLACED  # "Pale (Yangon)": the town of the qualifier's country
            if admin1s and p.admin1 in admin1s and p.precision in _TOWNS:
                s += _W_CONTAINED
            if several and p.country and countries.get(p.country, 0.0) < top:
                s += _W_FOREIGN
            fit = s
            at = starts[k]
            if t >= 0:
                gap = at - t if at >= t else t - at
                s -= _W_DISTANCE_PER_CHAR * (gap if gap < _MAX_TRIGGER_DISTANCE
                                             else _MAX_TRIGGER_DISTANCE)
            else:
                if later < 0:
                    later = bisect_left(sent_starts, start) + 1
                if later < len(sent_starts) and at >= sent_starts[later]:
                    s -= _W_SENTENCE * (bisect_right(sent_starts, at) - later)
            if s > best_s:
                best, best_s, best_fit = p, s, fit
        return best, best_fit

    def _fit_alone(self, k: int) -> float:
        """``_best``'s fit of place ``k`` in a span that names no other place."""
        p = self.places[k]
        named, vote = self.named, self.voting[k]
        fit = self.base[k]
        country = p.country
        if not country:
            return fit
        # (the span's countries: the document's, and the place's vote)
        if vote:
            votes = named.get(vote, 0.0) + 1.0
            top = self._named_top if self._named_top > votes else votes
            several = len(named) > 1 or (len(named) == 1 and vote not in named)
            own = votes if country == vote else named.get(country, 0.0)
        else:
            top, several = self._named_top, len(named) > 1
            own = named.get(country, 0.0)
        if several and own < top:
            fit += _W_FOREIGN
        return fit


_TAIL_STOP = re.compile(r"[,;)]")  # a closing attribution's clause ends there


def _speech_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans that say where a statement was made: what follows the cue of a closing
    attribution (its content before it) to the end of its clause. Sorted by start.

    (Places inside the source itself, "officials in Manila said", are left alone:
    sources that run too far, "protesters ... in Burgas against the continued", and
    officials of the place itself, "the governor of Kursk oblast reported", cost more
    event places on the ACLED dev notes than they saved.)"""
    sents = doc.sentences
    ends = [s.end for s in sents]
    out: list[tuple[int, int]] = []
    for a in doc.attributions:
        cue, content = a.cue, a.quote
        if cue is not None and content is not None and content.end <= cue.start:
            k = bisect_right(ends, cue.start)
            end = ends[k] if k < len(ends) else len(doc.text)
            stop = _TAIL_STOP.search(doc.text, cue.end, end)
            out.append((cue.end, stop.start() if stop else end))
    out.sort()
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted by start)."""
    for lo, hi in spans:
        if lo > pos:
            return False
        if pos < hi:
            return True
    return False


def _may_say_their(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold "their" as ``_THEIR_HOMES`` reads it (ignoring
    case, its "i" is also a dotless or dotted I): a cheap test before the expression."""
    low = text[start:end].lower()
    return "their" in low or "the\u0131r" in low or "thei\u0307r" in low


def _qualifies(text: str, end: int, at: int) -> bool:
    """``_QUALIFIER_GAP`` matches all of ``text[end:at]`` (the gap between two places);
    tried only on a gap ending as it would."""
    k = at
    while k > end and text[k - 1].isspace():
        k -= 1
    if k == end or not text.endswith(_QUALIFIER_ENDS, end, k):
        return False
    return _QUALIFIER_GAP.fullmatch(text, end, at) is not None


def _landmark_after(text: str, end: int) -> bool:
    """``_LANDMARK_AFTER`` matches at ``end`` ("X neighborhood", "X Main Street"). It
    starts with white space and ends in a landmark word among the next three words: where
    none of them begins as one may (in plain ASCII) the expression is not tried."""
    if not text[end:end + 1].isspace():
        return False  # (also at the end of the text)
    # (the three words are most often within a short window: split that first)
    words = text[end:end + _LANDMARK_SHORT_WINDOW].split(None, 3)
    if len(words) < 4:
        words = text[end:end + _LANDMARK_WINDOW].split(None, 3)
    if len(words) == 4 or end + _LANDMARK_WINDOW >= len(text):
        for word in words[:3]:
            if not word.isascii() or (word[:3].lower() in _LANDMARK_HEADS
                                      and word.lower().startswith(_LANDMARK_STEMS)):
                break  # perhaps a landmark word: the expression tells
        else:
            return False
    return _LANDMARK_AFTER.match(text, end) is not None


def _outside(p: Place, q: Place, anchored: bool) -> bool:
    """Whether qualifier ``q`` ("X, Q", "X (Q)") puts ``p`` elsewhere than p's reading:
    a first-level division of the same country that is not p's and far from it, or an
    ``anchored`` town or district farther than a town's qualifier can be."""
    if (p.precision not in _TOWNS or not p.country or p.country != q.country
            or None in (p.lat, p.lon, q.lat, q.lon)):
        return False
    # (the distance last: the other tests settle most pairs)
    if q.precision == "admin1":
        return (bool(p.admin1) and p.admin1 != q.name
                and haversine_km(p.lat, p.lon, q.lat, q.lon)  # type: ignore[arg-type]
                > _MAX_DIVISION_KM)
    return (anchored and q.precision in _TOWNS
            and haversine_km(p.lat, p.lon, q.lat, q.lon)  # type: ignore[arg-type]
            > _MAX_QUALIFIER_KM)


def _is_possessive_name(word: str) -> bool:
    """A capitalised word in the possessive ("Russia's", "Faso’s")."""
    return len(word) > 2 and word[-2] in "'’" and word[-1] == "s" and word[0].isupper()


def _name_start(text: str, at: int) -> int:
    """Start of the capitalised name whose last word starts at ``at`` ("Burkina Faso's")."""
    while at >= 2 and text[at - 1] == " ":
        prev_at = text.rfind(" ", max(0, at - _LEFT_CONTEXT), at - 1) + 1
        word = text[prev_at:at - 1]
        if not word[:1].isupper() or not word.isalpha() or word.lower() in _CUE_LAST_WORDS:
            break  # (a capitalised cue opening the sentence: "In Burkina Faso's ...")
        at = prev_at
    return at


def _cue(text: str, at: int) -> int:
    """The cue of the place named at ``at``: the words right before it, a cause or
    institution first ("the embassy of"), then a preposition after which "the" and an
    adjective may stand ("in the", "in downtown")."""
    if at == 0:
        return _CUE_NONE
    before = text[at - 1]
    if before != " " and not before.isspace():
        return _CUE_NONE  # every cue is a word followed by a space
    if at >= 2:
        # (the last character of ``last`` below, which is empty only after a space)
        before = text[at - 2]
        if before != " " and not before.isalpha():
            return _CUE_NONE  # "Kabul, X", "(Y) X": every cue ends in a word
    last_at = text.rfind(" ", at - _LEFT_CONTEXT if at > _LEFT_CONTEXT else 0, at - 1) + 1
    last = text[last_at:at - 1]
    if _is_possessive_name(last):
        # "in Russia's Ryazan region": the possessor's cue
        return _cue(text, _name_start(text, last_at))
    if last in _PLACE_ADJECTIVES and last_at >= 2:
        # "in Burkina Faso's northern Sahel region": the possessor's cue too
        prev_at = text.rfind(" ", max(0, last_at - _LEFT_CONTEXT), last_at - 1) + 1
        if _is_possessive_name(text[prev_at:last_at - 1]):
            return _cue(text, _name_start(text, prev_at))
    if last.isalpha():
        low = last.lower()
        if low not in _CUE_LAST_WORDS:
            return _CUE_NONE  # most places: no cue word right before them
        if low in _ONE_WORD_CUES:
            return _ONE_WORD_CUES[low]  # "in X", "from X": no longer cue ends so
    # (the last six words: ``rsplit`` cuts no more of the window than it needs)
    words = text[at - _LEFT_CONTEXT if at > _LEFT_CONTEXT else 0:at].lower().rsplit(None, 6)[-6:]
    for k, w in enumerate(words):
        if w[0] in _PUNCT:  # (``lstrip`` of any other word gives the word)
            words[k] = w.lstrip(_PUNCT)
    if not _NOT_WHERE_WORDS.isdisjoint(words) and _named_only(words):
        return _CUE_NAMED_ONLY
    while words and (words[-1] == "the" or words[-1] in _PLACE_ADJECTIVES):
        words.pop()  # "in the", "in downtown", "in northern"
    if not words:
        return _CUE_NONE
    if words[-1] in ("to", "at") and len(words) > 1 and words[-2] == "coded":
        return _CUE_CODED
    if words[-1] in _LOCATIVE_WORDS:
        return _CUE_LOCATIVE
    if words[-1] in _PATH_WORDS or (words[-1] == "for" and len(words) > 1
                                    and words[-2] in _PATH_BEFORE_FOR):
        return _CUE_PATH
    if words[-1] in _DESTINATION_WORDS:
        return _CUE_DESTINATION
    return _CUE_NONE


def _named_only(words: list[str]) -> bool:
    """Words ending "<institution or cause> [of|with|for] [the] [Republic of]"."""
    ends = [len(words)]
    if words[-2:] == ["republic", "of"]:
        ends.append(len(words) - 2)
    for options in (("the",), _NOT_WHERE_LINKS):
        ends += [k - 1 for k in ends if k > 0 and words[k - 1] in options]
    return any(k > 0 and words[k - 1] in _NOT_WHERE_WORDS for k in ends)


def document_locator(doc: Document) -> DocumentLocator:
    """``doc`` prepared for locating its events: call ``.locate(start, end, trigger)`` per
    event (the per-document work is done once)."""
    return DocumentLocator(doc)


def locate_event(doc: Document, start: int, end: int,
                 trigger: Mention | None = None) -> Place | None:
    """The place where the event stated in ``doc.text[start:end]`` happened, or None.
    (Prepares the document on every call: for many events use ``document_locator``.)"""
    return DocumentLocator(doc).locate(start, end, trigger)


def _dominant(doc: Document) -> Place | None:
    """The most often named place of the document's most often named country (of equal
    counts, the first named)."""
    counts: dict[str, int] = {}
    for p in doc.places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    cc, most = None, 0
    for country, n in counts.items():
        if n > most:
            cc, most = country, n
    named: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], Place] = {}
    for p in doc.places:
        if p.country == cc:
            key = (p.name, p.precision)
            if key in named:
                named[key] += 1
            else:
                named[key] = 1
                first[key] = p
    best, most = None, 0
    for key, n in named.items():
        if n > most:
            best, most = key, n
    return first[best]  # type: ignore[index]
