"""How the phrase matcher names what its scan finds, measures phrases and checks rows."""

from __future__ import annotations

import pytest

from sitroom.errors import LexiconError
from sitroom.events import matcher as matcher_module
from sitroom.events.lexicon import CONTEXT_COLUMNS, CUE_COLUMNS
from sitroom.events.matcher import PhraseMatcher, expand_leading, split_alternatives
from sitroom.lexicons import Lexicons


def rows_found(m: PhraseMatcher, text: str) -> list[tuple[str, int]]:
    return [(text[h.start:h.end], h.row) for h in m.hits(text)]


@pytest.mark.parametrize("patterns,text,expected", [
    # the same text names different phrases where what follows it differs (look-ahead)
    (["shells?(?= the)", "shells?"], "Guns shell the town. The shell fell. They shell the port.",
     [("shell", 0), ("shell", 1), ("shell", 0)]),
    # and where the next character differs (a phrase bounded by a word end)
    (["kill", "kill-?zone"], "kill-zone, kill, kill-zone and kill.",
     [("kill-zone", 1), ("kill", 0), ("kill-zone", 1), ("kill", 0)]),
    # a phrase ending at the end of the text, then inside it
    (["strike(?:s|d)?", "strike force"], "a strike force strike", [("strike force", 1),
                                                                   ("strike", 0)]),
])
def test_events_matcher_names_repeated_texts_by_their_context(monkeypatch, patterns, text,
                                                              expected):
    monkeypatch.setattr(matcher_module, "NAMED_AFTER", 0)  # name every match afterwards
    m = PhraseMatcher(patterns)
    assert rows_found(m, text) == expected
    assert rows_found(m, text) == expected  # again, with the names remembered


@pytest.mark.parametrize("pattern", [
    "kill(?:s|ed)?", "a{2,3}b", "x*?y", "(?:ab|c)+d", "(?=ab)c", "(?<!a)b", r"\bfoo\b",
    r"[^\]a]b", "a.b", "(?-i:May)", "a{,3}", "(?:a|)b", r"a\-b", r"\d+ ?mm", "a|bc|def",
    "(?:a|bb){2,5}?", "[]a]x", "[^]]", r"(?:\w+ ){0,3}(?:war|raid)", "(?:a+|b){2}",
])
def test_events_matcher_quick_width_agrees_with_the_parser(pattern):
    quick = matcher_module._quick_width(pattern)
    assert quick is not None
    assert quick == tuple(matcher_module._sre_parse.parse(pattern).getwidth())


@pytest.mark.parametrize("pattern", ["[]", "[^]", "a{x", "(a)", r"\1", "a**", "(?:a", "a)"])
def test_events_matcher_quick_width_leaves_unusual_patterns_to_the_parser(pattern):
    assert matcher_module._quick_width(pattern) is None


def test_events_matcher_quick_width_agrees_on_shipped_lexicons():
    lex = Lexicons()
    patterns = [str(r["pattern"]) for r in lex.table("events_cues.tsv", CUE_COLUMNS).rows]
    patterns += [str(r["pattern"]) for r in lex.table("events_context.tsv",
                                                      CONTEXT_COLUMNS).rows]
    alts = [a for p in patterns for top in split_alternatives(p) for a in expand_leading(top)]
    for alt in alts + patterns:
        quick = matcher_module._quick_width(alt)
        if quick is not None:
            assert quick == tuple(matcher_module._sre_parse.parse(alt).getwidth()), alt


@pytest.mark.parametrize("patterns,line,message", [
    (["clash(?:ed)?", "a)(?:b"], 2, "unbalanced parenthesis"),
    (["(?<=a+)b", "clash"], 1, "look-behind"),
    (["clash", "bomb", "[z-a]x"], 3, "bad character range"),
    (["clash", "(?-i:May)|(b)"], 2, "capturing group"),
    (["ok|(?:x|y)?"], 1, "empty string"),
])
def test_events_matcher_bad_row_is_named(patterns, line, message):
    with pytest.raises(LexiconError, match=message) as err:
        PhraseMatcher(patterns, "cues.tsv", list(range(1, len(patterns) + 1)))
    assert f"cues.tsv:{line}" in str(err.value)


def test_events_matcher_names_the_same_with_a_full_memory(monkeypatch):
    # the memory of names is emptied when full: the names stay the same
    monkeypatch.setattr(matcher_module, "NAMED_AFTER", 0)
    text = "Troops shell the port and shells fell; they shell the town, then the shell."
    patterns = ["shells?(?= the)", "shells?", "troops"]
    expected = [("Troops", 2), ("shell", 0), ("shells", 1), ("shell", 0), ("shell", 1)]
    monkeypatch.setattr(matcher_module, "SEEN_LIMIT", 1)
    m = PhraseMatcher(patterns)
    assert rows_found(m, text) == rows_found(m, text) == expected
