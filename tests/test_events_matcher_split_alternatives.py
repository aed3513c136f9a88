"""``split_alternatives`` against a character-at-a-time reference."""

import random

import pytest

from sitroom.events.matcher import split_alternatives
from sitroom.lexicons import Lexicons


def _reference(pattern: str) -> list[str]:
    parts, depth, cur, escaped, in_class = [], 0, [], False, False
    for ch in pattern:
        if escaped:
            cur.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return [p for p in parts if p]


@pytest.mark.parametrize("pattern, parts", [
    ("a|b(?:c|d)|e", ["a", "b(?:c|d)", "e"]),
    (r"shell\|x|y", [r"shell\|x", "y"]),
    ("[|]|z", ["[|]", "z"]),
    ("[]|]x", ["[]", "]x"]),
    ("||a||", ["a"]),
    ("", []),
    ("\\", ["\\"]),
    ("(a|b", ["(a|b"]),
])
def test_events_matcher_split_alternatives_cases(pattern, parts):
    assert split_alternatives(pattern) == parts == _reference(pattern)


def test_events_matcher_split_alternatives_agrees_on_random_patterns():
    rng = random.Random(7)
    for _ in range(5000):
        pattern = "".join(rng.choice("ab|()[]\\\n") for _ in range(rng.randrange(12)))
        assert split_alternatives(pattern) == _reference(pattern), pattern


def test_events_matcher_split_alternatives_agrees_on_shipped_patterns():
    from sitroom.events.lexicon import CONTEXT_COLUMNS, CUE_COLUMNS

    lex = Lexicons()
    patterns = [str(r["pattern"]) for r in lex.table("events_cues.tsv", CUE_COLUMNS).rows]
    patterns += [str(r["pattern"]) for r in lex.table("events_context.tsv", CONTEXT_COLUMNS).rows]
    for pattern in patterns:
        assert split_alternatives(pattern) == _reference(pattern), pattern
