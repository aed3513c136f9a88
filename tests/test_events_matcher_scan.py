"""The phrase matcher's shortcuts find what the plain ways find: naming a scan's matches
afterwards (vs a group per phrase), scanning only some spans of a text (vs all of it),
lower-casing through UTF-8 (vs ``str.lower``) and a text-kind memory shared by matchers."""

from __future__ import annotations

import random
import re

import pytest

from sitroom.events import matcher as matcher_module
from sitroom.events.lexicon import CONTEXT_COLUMNS, CUE_COLUMNS
from sitroom.events.matcher import (PhraseMatcher, TextKind, expand_leading, scan_text,
                                    split_alternatives)
from sitroom.lexicons import Lexicons

FILLER = ("the", "a", "they", "said", "on", "in", "after", "police", "town", "Monday", "were",
          "had", "to", "not", "it", "with", "of", "and", "by", "is", "as", "so", "may", "May",
          "3", "12", "Al-Shabaab", "U.S.", "co-op", "’s")
MARKS = (" ", " ", " ", " ", ", ", ". ", "; ", ": ", "\n\n", " - ", ' "', '" ', " “", "” ",
         "(", ") ", "! ", "? ")


def shipped_patterns(table: str) -> list[str]:
    columns = CUE_COLUMNS if table == "events_cues.tsv" else CONTEXT_COLUMNS
    return [str(r["pattern"]) for r in Lexicons().table(table, columns).rows]


def sample(items, rng: random.Random) -> str:
    """A random text matching a parsed pattern (look-arounds and anchors left out)."""
    c = matcher_module._sre_c
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is c.IN:
            lits = [chr(v) for o, v in av if o is c.LITERAL]
            lits += [chr(v[0]) for o, v in av if o is c.RANGE]
            negated = any(o is c.NEGATE for o, _ in av)
            out.append("#" if negated else rng.choice(lits or ["a"]))
        elif op is c.ANY:
            out.append("x")
        elif op is c.CATEGORY:
            out.append({c.CATEGORY_DIGIT: "7", c.CATEGORY_SPACE: " "}.get(av, "x"))
        elif op is c.BRANCH:
            out.append(sample(rng.choice(av[1]), rng))
        elif op is c.SUBPATTERN:
            out.append(sample(av[-1], rng))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high = av[0], min(av[1], av[0] + 2)
            out += [sample(av[2], rng) for _ in range(rng.randint(low, high))]
    return "".join(out)


def phrase_texts(patterns: list[str]) -> list[str]:
    """Texts that match the phrases (some of them by their look-arounds too)."""
    rng = random.Random(3)
    alts = [a for p in patterns for top in split_alternatives(p) for a in expand_leading(top)]
    parsed = [matcher_module._sre_parse.parse(a) for a in alts]
    return [t for t in (sample(p, rng) for p in parsed for _ in range(2)) if t.strip()]


def random_text(rng: random.Random, phrases: list[str], words: int = 60) -> str:
    parts = []
    for _ in range(words):
        piece = rng.choice(phrases) if rng.random() < 0.3 else rng.choice(FILLER)
        if rng.random() < 0.15:
            piece = piece.capitalize() if rng.random() < 0.5 else piece.upper()
        parts += (piece, rng.choice(MARKS))
    return "".join(parts)


def triples(hits) -> list[tuple[int, int, int]]:
    return [(h.start, h.end, h.row) for h in hits]


@pytest.fixture(scope="module", params=["events_cues.tsv", "events_context.tsv"])
def shipped(request):
    """A shipped lexicon's matcher that names its matches afterwards, one that scans with
    a group per phrase (the reference), and texts made of its phrases."""
    patterns = shipped_patterns(request.param)
    named = PhraseMatcher(patterns)
    saved = matcher_module.NAMED_AFTER
    matcher_module.NAMED_AFTER = 10 ** 9
    try:
        grouped = PhraseMatcher(patterns)
    finally:
        matcher_module.NAMED_AFTER = saved
    assert named._named is not None and grouped._named is None
    rng = random.Random(7)
    phrases = phrase_texts(patterns)
    texts = [random_text(rng, phrases) for _ in range(100)]
    return named, grouped, texts


def test_events_matcher_named_scan_finds_what_a_group_per_phrase_finds(shipped):
    named, grouped, texts = shipped
    for text in texts + texts:  # (again: names now come from memory)
        low = scan_text(text)
        assert triples(named.hits(text, low)) == triples(grouped.hits(text, low)), text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def in_spans(hits, spans) -> list[tuple[int, int, int]]:
    return [t for t in triples(hits) if any(a <= t[0] < b for a, b in spans)]


@pytest.fixture(scope="module")
def context_matchers():
    patterns = shipped_patterns("events_context.tsv")
    return PhraseMatcher(patterns, regions=True), PhraseMatcher(patterns)


@pytest.mark.parametrize("gap", [0, 5, 60, 10 ** 6])
def test_events_matcher_hits_around_random_sentences(shipped, context_matchers, monkeypatch,
                                                     gap):
    # whatever runs of sentences are scanned together, the hits inside them are the
    # whole scan's
    _, _, texts = shipped
    regional, whole = context_matchers
    monkeypatch.setattr(matcher_module, "MERGE_GAP", gap)
    rng = random.Random(gap)
    for text in texts:
        low = scan_text(text)
        spans = [s for s in sentence_spans(text) if rng.random() < 0.5]
        assert in_spans(regional.hits_around(text, low, spans), spans) == \
            in_spans(whole.hits(text, low), spans)


def reference_lowered(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@pytest.mark.parametrize("text", [
    "Police FIRED tear gas",
    "“Troops” shelled the town — residents said",
    "Réfugiés à Goma: l’armée CONGOLAISE",
    "ÉTAT-MAJOR says ΣΟΣ and ΟΔΟΣ",  # capitals beyond ASCII, a final sigma
    "İstanbul PROTEST",  # a capital whose lower case is two characters
    "Straße and STRASSE, ẞ",
    "emoji 😀 RAID",
    "lone \ud800 SURROGATE",
    "",
])
def test_events_matcher_scan_text_lowers_like_str_lower(text):
    assert scan_text(text) == " " + reference_lowered(text)
    assert len(scan_text(text)) == len(text) + 1


def test_events_matcher_shared_text_kind_follows_each_text():
    # matchers sharing a TextKind scan texts past the Basic Multilingual Plane and others
    # alike, in any order
    kind = TextKind()
    a = PhraseMatcher(["clash(?:ed|es)?"], kind=kind)
    b = PhraseMatcher(["raid"], kind=kind, regions=True)
    for text in ["😀 Troops clashed in a raid", "Troops clashed in a raid", "𝐀 raid, clash"]:
        low = scan_text(text)
        assert [text[h.start:h.end] for h in a.hits(text, low)] == \
            [m.group() for m in re.finditer(r"(?i)\bclash(?:ed|es)?\b", text)]
        assert [text[h.start:h.end] for h in b.hits_around(text, low, [(0, len(text))])] \
            == ["raid"]


def reference_resolve(hits):
    out, last = [], -1
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if h.start >= last:
            out.append(h)
            last = h.end
    return out


def test_events_matcher_resolve_keeps_leftmost_longest():
    rng = random.Random(5)
    for _ in range(300):
        hits = [matcher_module.Hit(a, a + rng.randint(1, 6), rng.randint(0, 3))
                for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 12)))]
        assert matcher_module._resolve(list(hits)) == reference_resolve(hits)
