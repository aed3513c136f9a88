"""The actor tables are validated on load, and a bad row names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.actors import ActorLexicon, ActorMatcher, tokenize
from sitroom.actors.lexicon import TABLES
from sitroom.errors import LexiconError
from sitroom.lexicons import Lexicons, load_lexicons

GOOD_ROWS = {
    "actors_countries.tsv": "form\tcountry\tkind\tsector\nFreedonia\tFRE\tname\t\n"
                            "Freedonian\tFRE\tdemonym\t\n",
    "actors_groups.tsv": "form\tcountry\tsector\nRed Hand Brigade\tFRE\tREB\n",
    "actors_persons.tsv": "form\tcountry\tsector\nRufus Firefly\tFRE\tGOV\n",
    "actors_roles.tsv": "form\tkind\tsector\ntroops\thead\tMIL\n",
}


def _tables(tmp_path: Path, replace: dict[str, str]) -> Lexicons:
    paths = {}
    for name, body in {**GOOD_ROWS, **replace}.items():
        path = tmp_path / name
        path.write_text("# test table\n# version: 1\n" + body, encoding="utf-8")
        paths[name] = path
    return Lexicons(paths)


def test_actors_lexicon_override_tables_are_used(tmp_path: Path) -> None:
    matcher = ActorMatcher.from_lexicons(_tables(tmp_path, {}))
    found = [(a.name, a.country, a.sector)
             for a in matcher.find("Freedonian troops fought the Red Hand Brigade.")]
    assert found == [("Freedonian troops", "FRE", "MIL"), ("Red Hand Brigade", "FRE", "REB")]


@pytest.mark.parametrize("table,body,line,reason", [
    ("actors_countries.tsv", "form\tcountry\tkind\tsector\nFreedonia\tFreedonia\tname\t\n",
     4, "does not match"),
    ("actors_countries.tsv", "form\tcountry\tkind\tsector\nFreedonia\tFRE\tnation\t\n",
     4, "is not one of"),
    ("actors_groups.tsv", "form\tcountry\tsector\nRed Hand\tFRE\tTERRORIST\n",
     4, "is not one of"),
    ("actors_groups.tsv", "form\tcountry\tsector\nRed Hand\tFRE\t\n", 4, "is empty"),
    ("actors_persons.tsv", "form\tcountry\tsector\n\tFRE\tGOV\n", 4, "is empty"),
    ("actors_roles.tsv", "form\tkind\tsector\ntroops\tnoun\tMIL\n", 4, "is not one of"),
    ("actors_roles.tsv", "form\tkind\tsector\ntroops\thead\tMIL\textra\n", 4, "at most"),
    ("actors_roles.tsv", "kind\tform\tsector\nhead\ttroops\tMIL\n", 3, "header"),
])
def test_actors_lexicon_bad_row_names_file_and_line(tmp_path: Path, table: str, body: str,
                                                    line: int, reason: str) -> None:
    with pytest.raises(LexiconError) as err:
        ActorMatcher.from_lexicons(_tables(tmp_path, {table: body}))
    assert err.value.path.endswith(table)
    assert err.value.line == line
    assert reason in err.value.reason
    assert f"{table}:{line}" in str(err.value)


def test_actors_lexicon_blank_form_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as err:
        ActorMatcher.from_lexicons(_tables(tmp_path, {
            "actors_roles.tsv": "form\tkind\tsector\ntroops\thead\tMIL\n \u3000\thead\tMIL\n"}))
    assert err.value.line == 5


def test_actors_lexicon_packaged_tables_load() -> None:
    lexicon = ActorLexicon.from_lexicons(load_lexicons())
    assert set(TABLES) == {"actors_countries.tsv", "actors_groups.tsv", "actors_persons.tsv",
                           "actors_roles.tsv"}
    assert ("north", "korean") in lexicon.phrases


@pytest.mark.parametrize("text,keys", [
    ("al-Qaeda", ["al", "qaeda"]),
    ("al Qaeda", ["al", "qaeda"]),
    ("U.S.-led", ["us", "led"]),
    ("Russia’s army", ["russia", "'s", "army"]),
    ("Kim Jong-un", ["kim", "jong", "un"]),
    ("north - south", ["north", "-", "south"]),
])
def test_actors_lexicon_tokens_match_spelling_variants(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys
    assert all(text[t.start:t.end] == t.text for t in tokenize(text))


@pytest.mark.parametrize("text", [
    "U.S.-led forces and the D.R. Congo's army; 3rd brigade, 1,200.5 troops",
    "Kim Jong-un’s envoy met al-Qaeda’s O'Brien — in Bogotá, naïve café-owners",
    "İstanbul ǅemal ﬁghters: 12th, x.y. and a.b.c.d.e",
    "U.S.A.F. e.g.x a.b.cd a.b.c1 z. y.z_ I.S.I.S.'s",  # acronyms and near-acronyms
    "tabs\tand\u00a0spaces\u2009and\nlines",
    "Straße (Reuters) said, \"troops\" left; Mosul's west-bank",  # a mark before/after a word
    "broken \ud800 surrogate and zero\u200dwidth\u200cjoiners \u2060here",
    "«Hamas» ¿qué? ‘Kyiv’ [UN] {ICRC} 12:30 50% $5",
    "",
])
def test_actors_lexicon_tokens_same_past_the_basic_plane(text: str) -> None:
    # a character past U+FFFF switches the tokenizer to its plain Unicode regex: the
    # tokens before it must not change
    plain = [(t.start, t.end, t.key) for t in tokenize(text)]
    wide = [(t.start, t.end, t.key) for t in tokenize(text + " 😀")]
    assert wide[:len(plain)] == plain
    assert [k for _, _, k in wide[len(plain):]] == ["😀"]
