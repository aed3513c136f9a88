"""Where an event happened: choose among the places the document names.

The place where an event stated in ``doc.text[start:end]`` happened is a place named in
that span and governed by a locative preposition ("in", "near", "outside") close to
the trigger, rather than an origin or route ("from", "via", "to"). Among consistent
places the most specific wins ("Rustaq district, Takhar" -> Rustaq). Without a place in
the span, the nearest earlier place in the two sentences before it, then the document's
dominant place, stand in; with no place named at all, the country the demonyms and
actors point to (a place without a mention). A place named as the subject of an
institution or cause ("the embassy of X", "solidarity with X") is not where.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Mention, Place

__all__ = ["locate_event"]

_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|inside|around|across|throughout|within|outskirts of|"
    r"village of|town of|city of|district of|province of|area of|vicinity of|"
    r"region of|parts of|north of|south of|east of|west of|of)\s+(?:the\s+)?$", re.I)
_PATH = re.compile(r"\b(?:from|via|to|toward|towards|into|through|back to|bound for|"
                   r"en route to|headed for)\s+(?:the\s+)?$", re.I)
# A place named as the subject of an institution or of a cause, not as a location.
_NOT_WHERE = re.compile(
    r"\b(?:embassy|embassies|consulate|ambassador|ministry|government|president|people|"
    r"nationals|citizens|solidarity|support|flag|war|invasion|defen[cs]e|"
    r"Republic)\s+(?:of|with|for)?\s*(?:the\s+)?(?:Republic\s+of\s+)?$", re.I)
# Demonyms and actors hint at a country half as strongly as a place named.
_HINT_WEIGHT = 0.5
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
_W_SENTENCE = 0.4  # each sentence after the first one in the span
_W_QUALIFIER = -2.0
_W_MISPLACED = -4.0
_LOOKBACK_SENTENCES = 2
_QUALIFIER_GAP = re.compile(r"(?:\s+(?:city|town|village|district|area|township|county|"
                            r"province|region|governorate))?(?:,\s*|\s*\()(?:[^(),.]{0,40},\s*)?")


def locate_event(doc: Document, start: int, end: int,
                 trigger: Mention | None = None) -> Place | None:
    """The place where the event stated in ``doc.text[start:end]`` happened, or None."""
    inside = [p for p in doc.places if p.mention and start <= p.mention.start < end]
    if inside:
        return _best(doc, inside, trigger, start)
    before = _earlier(doc, start)
    if before:
        return _best(doc, before, None, start)
    return _dominant(doc)


def _best(doc: Document, places: list[Place], trigger: Mention | None, start: int) -> Place:
    lefts = {p.mention.start: doc.text[max(0, p.mention.start - 40):p.mention.start]
             for p in places if p.mention}
    named_only = {at for at, left in lefts.items() if _NOT_WHERE.search(left)}
    countries: Counter[str] = Counter()
    for p in places:
        if p.country and p.mention and p.mention.start not in named_only:
            countries[p.country] += 1.0
    for p in doc.places:  # the country demonyms and actors point to: a tie-breaker
        if p.mention is None and p.country:
            countries[p.country] += _HINT_WEIGHT
    top_country = countries.most_common(1)[0][0] if countries else None
    names = {(p.name, p.precision) for p in places}
    sent_starts = [s.start for s in doc.sentences if s.start >= start] or [start]
    best, best_s = places[0], float("-inf")
    ordered = sorted(places, key=lambda q: q.mention.start if q.mention else 0)
    qualifier = [k > 0 and _QUALIFIER_GAP.fullmatch(doc.text, ordered[k - 1].mention.end,
                                                    p.mention.start) is not None
                 for k, p in enumerate(ordered)]
    for k, p in enumerate(ordered):
        m = p.mention
        assert m is not None
        left = lefts[m.start]
        s = _SPECIFICITY.get(p.precision, 0.0)
        if qualifier[k]:
            s += _W_QUALIFIER  # "Mariupol, Donetsk": Donetsk only says where Mariupol is
        q = ordered[k + 1] if k + 1 < len(ordered) and qualifier[k + 1] else None
        if q is not None and q.country and p.country != q.country and (
                q.precision in ("admin1", "admin2", "country")
                or countries[q.country] >= countries[p.country]):
            s += _W_MISPLACED  # "Pale (Sagaing region)" read as a town of another country
        if m.start in named_only:
            s += _W_PATH  # "the embassy of X", "solidarity with X": X is not where
        elif _LOCATIVE.search(left):
            s += _W_LOCATIVE
        elif _PATH.search(left):
            s += _W_PATH
        if p.admin1 and (p.admin1, "admin1") in names and p.precision in ("city", "admin2"):
            s += _W_CONTAINED
        if top_country and p.country and p.country != top_country and len(countries) > 1:
            s += _W_FOREIGN * (countries[p.country] < countries[top_country])
        if trigger is not None:
            s -= _W_DISTANCE_PER_CHAR * min(abs(m.start - trigger.start), 300)
        else:
            s -= _W_SENTENCE * sum(1 for st in sent_starts[1:] if st <= m.start)
        if s > best_s:
            best, best_s = p, s
    return best


def _earlier(doc: Document, start: int) -> list[Place]:
    starts = [s.start for s in doc.sentences if s.start < start]
    lo = starts[-_LOOKBACK_SENTENCES] if len(starts) >= _LOOKBACK_SENTENCES else 0
    found = [p for p in doc.places if p.mention and lo <= p.mention.start < start]
    return found[-1:] if found else []


def _dominant(doc: Document) -> Place | None:
    """The most often named place of the document's most often named country."""
    if not doc.places:
        return None
    countries = Counter(p.country for p in doc.places if p.country)
    if not countries:
        return None
    cc = countries.most_common(1)[0][0]
    named = Counter((p.name, p.precision) for p in doc.places if p.country == cc)
    (name, precision), _ = named.most_common(1)[0]
    for p in doc.places:
        if p.country == cc and p.name == name and p.precision == precision:
            return p
    return None
