"""FatalityCounter reads a paragraph sentence by sentence: a sentence without the first
word of a death phrase adds nothing, and a count is read only before such a word of its
sentence. These shortcuts must not change any count (differential tests against the
counter with both turned off), and the helpers behind them must agree with plain
references."""

from __future__ import annotations

import random

import pytest

from sitroom.lexicons import load_lexicons
from sitroom.pipeline.quantities import (FatalityCounter, _sentence_starts, _sentences_of,
                                         fatalities_in)


class _Everything:
    """A set that holds every word: a counter given it for its shortcut sets keeps every
    sentence and reads a count before every word."""

    def __contains__(self, word: object) -> bool:
        return True


@pytest.fixture(scope="module")
def counters() -> tuple[FatalityCounter, FatalityCounter]:
    lex = load_lexicons()
    fast = FatalityCounter(lex)
    plain = FatalityCounter(lex, fast.reader)
    plain._deadly_or_end = plain._after_count = _Everything()  # type: ignore[assignment]
    return fast, plain


PARAGRAPHS = [
    "Rebels attacked the base at dawn. Two soldiers were killed and three were wounded.",
    "The governor visited the town on Monday. He said 14 houses had burned. "
    "A farmer died of his injuries on Tuesday.",
    "Five people were arrested. The army said it killed 6 fighters; the rebels denied it.",
    "The militia claimed it killed 9 soldiers. Officials said 4 soldiers were killed.",
    "Nobody was hurt. The market reopened. Shops were closed for 3 days.",
    "No one was killed in the blast. Two buildings were damaged.",
    "Gunmen opened fire on a bus carrying 30 passengers. 1 killed. Police are searching.",
    "The death toll from the floods rose to 41. Rescue teams found 3 bodies on Friday.",
    "Troops shot dead a man and his son near the river. The village mourned the two.",
    "The convoy of 12 trucks was ambushed. Its driver and a guard were shot and killed.",
    "Unknown assailants kidnapped 4 aid workers. They were released unharmed a week later.",
    "Police killed two protesters and injured five; the ministry said an inquiry was open.",
    "At least 7 people died. The bombing on the market, the third this month, was claimed "
    "by no group. Fatalities split between 2 events.",
    "The raid killed 9, bringing the death toll to 31. The fighting went on for 2 days.",
    "Three villagers were abducted. One of them was later found dead. The others escaped.",
    "Around 200 people marched in the capital. Nobody died. Police fired tear gas.",
    "A police officer was stabbed to death on Friday. Two suspects, aged 19 and 22, were "
    "detained.",
    "Officials said the blast killed 11 and wounded 40. Hospitals treated 25 of them.",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
@pytest.mark.parametrize("skip_grievances", [False, True])
def test_fatalities_shortcuts_change_no_count(counters, text, skip_grievances):
    fast, plain = counters
    assert fast.count(text, 0, len(text), skip_grievances) == \
        plain.count(text, 0, len(text), skip_grievances)


@pytest.mark.parametrize("text, expected", [
    # sentences without a death word around the one that states the toll
    ("Rebels attacked the base at dawn. Two soldiers were killed. The base was rebuilt.", 2),
    ("A convoy of 40 trucks crossed the border. Its 3 drivers were unhurt.", None),
    ("He said 14 houses had burned. A farmer died of his injuries.", 1),
    # a count after the last death word of its sentence is not a victim count
    ("Two soldiers were killed in an attack on 3 villages.", 2),
    ("Gunmen killed a man; 20 others fled across the river.", 1),
    # a sentence holding only a zero statement
    ("The storm hit 5 towns. No one was killed.", 0),
    # the regexes after the count, gated by the words they need, in any case
    ("Four people were killed, Split between 2 events.", 2),
    ("Four people were killed, spread over two days.", 2),
    ("Two soldiers were killed. Fatalities are CODED to the earlier event.", 0),
    # a long s matches "s" only case-insensitively: the regex still decides
    ("Four people were killed, \u017fplit between 2 events.", 2),
])
def test_fatalities_read_sentence_by_sentence(text, expected):
    assert fatalities_in(text) == expected


def _sentence_of(ends: list[int], size: int) -> list[int]:
    """The sentence number of each token index (a reference: one pass)."""
    out, sent = [], 0
    for i in range(size):
        out.append(sent)
        if i in ends:
            sent += 1
    return out


def _random_case(rng: random.Random) -> tuple[int, list[int], list[int], list[int]]:
    size = rng.randint(0, 40)
    ends = sorted(rng.sample(range(size), rng.randint(0, min(size, 6)))) if size else []
    others = [i for i in range(size) if i not in ends]
    notable = sorted(rng.sample(others, rng.randint(0, len(others))))
    deadly = sorted(rng.sample(others, rng.randint(0, min(len(others), 4))))
    return size, ends, notable, deadly


@pytest.mark.parametrize("seed", range(200))
def test_sentences_of_matches_reference(seed):
    size, ends, _, deadly = _random_case(random.Random(seed))
    sentence = _sentence_of(ends, size)
    wanted = sorted({sentence[d] for d in deadly})
    expected = [(min(i for i in range(size) if sentence[i] == k),
                 max(i for i in range(size) if sentence[i] == k) + 1) for k in wanted]
    assert _sentences_of(deadly, ends, size) == expected


@pytest.mark.parametrize("seed", range(200))
def test_sentence_starts_matches_reference(seed):
    size, ends, notable, _ = _random_case(random.Random(seed))
    sentence = _sentence_of(ends, size)
    first = {}
    for i in range(size):
        first.setdefault(sentence[i], i)
    assert _sentence_starts(ends, notable) == [first[sentence[i]] for i in notable]


def _claim_tokens_reference(toks: list[str]) -> set[int]:
    """The claim sentences' token indexes, read token by token."""
    out: set[int] = set()
    start = 0
    for i, w in enumerate(toks + ["."]):
        if w in (".", ";"):
            sent = toks[start:i]
            if any(t in ("claimed", "claiming", "claims", "claim") for t in sent) or any(
                    a == "said" and b in ("it", "they") for a, b in zip(sent, sent[1:])):
                out.update(range(start, i))
            start = i + 1
    return out


@pytest.mark.parametrize("text", [
    "the militia claimed it killed 9 soldiers . officials said 4 soldiers were killed .",
    "the army said it killed 6 fighters ; the rebels said they lost 2",
    "said it . . said they ; claims",
    "police said two people died .",
    "",
    ". ; .",
    "they said it",
])
def test_claim_tokens_matches_reference(text):
    toks = text.split()
    assert FatalityCounter._claim_tokens(toks) == _claim_tokens_reference(toks)
