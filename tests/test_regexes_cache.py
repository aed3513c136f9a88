"""The regex cache: patterns rebuilt from cached programs match as re.compile's do."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sitroom.pipeline import regexes
from sitroom.pipeline.regexes import RegexCache

WORDS = ("shelled", "shelling", "airstrike", "air strike", "ambushed", "clashed with",
         "opened fire on", "detonated", "abducted", "kidnapped", "protested", "rallied",
         "marched", "condemned", "denounced", "signed", "agreed to", "deployed", "withdrew",
         "seized", "captured", "looted", "torched", "bombed", "fired rockets at")


def _alternation(prefix: str = "") -> str:
    body = "|".join(re.escape(w) for w in WORDS * 3)
    pattern = prefix + r"\b(?:" + body + r")\b"
    return pattern


PATTERNS = [
    (_alternation(), 0),
    (_alternation(), re.IGNORECASE),
    (r"(?P<who>[A-Z]\w+) " + _alternation(), 0),
    (r"(?<![\w-])" + _alternation() + r"(?=\s+(?:the|a)\b)", 0),
    ("(" + ")|(".join(re.escape(w) for w in WORDS * 2) + ")" + "x?" * 40, 0),
]

TEXTS = [
    "Rebels ambushed a convoy and Troops shelled the village before the army withdrew.",
    "PROTESTERS MARCHED and Police opened fire on the crowd; a mob looted shops.",
    "Gunmen kidnapped two aid workers; the ministry condemned the attack.",
    "Nothing happened here at all.",
    "the air strike hit a school; Militants fired rockets at the base",
]


def _behaviour(p: re.Pattern[str]) -> list[object]:
    out: list[object] = [p.pattern, p.flags, p.groups, dict(p.groupindex)]
    for text in TEXTS:
        out.append([(m.span(), m.groups(), m.groupdict()) for m in p.finditer(text)])
    return out


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_regexes_cached_program_matches_like_re(tmp_path: Path, pattern: str, flags: int) -> None:
    first = RegexCache(tmp_path)
    fresh = first.compile(pattern, flags)
    first.save()
    second = RegexCache(tmp_path)
    cached = second.compile(pattern, flags)
    assert _behaviour(cached) == _behaviour(re.compile(pattern, flags)) == _behaviour(fresh)


def test_regexes_second_run_does_not_parse_again(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = _alternation()
    first = RegexCache(tmp_path)
    first.compile(pattern)
    first.save()
    written = first.path.stat().st_mtime_ns

    def no_parsing(*args: object, **kw: object) -> None:
        raise AssertionError("the pattern was parsed again")

    monkeypatch.setattr(re._parser, "parse", no_parsing)  # type: ignore[attr-defined]
    second = RegexCache(tmp_path)
    assert second.compile(pattern).search("they clashed with police")
    second.save()
    assert first.path.stat().st_mtime_ns == written  # nothing new: not rewritten


def test_regexes_damaged_cache_falls_back_and_is_rewritten(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pattern = _alternation()
    cache = RegexCache(tmp_path)
    cache.compile(pattern)
    cache.save()
    cache.path.write_bytes(b"\x00not a marshal stream")
    again = RegexCache(tmp_path)
    assert "unreadable" in caplog.text
    assert again.compile(pattern).search("Troops shelled the town")
    again.save()
    assert RegexCache(tmp_path).compile(pattern).pattern == pattern


def test_regexes_unwritable_cache_dir_still_compiles(tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = RegexCache(blocker / "cache")
    assert cache.compile(_alternation()).search("the army withdrew")
    cache.save()
    assert "not written" in caplog.text


def test_regexes_short_patterns_are_kept_too(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Short patterns (a stage builds hundreds) are reused from the cache as well."""
    short = r"\bshell(?:ed|ing)\b"
    cache = RegexCache(tmp_path)
    assert cache.compile(short, re.I).search("they Shelled it")
    cache.save()
    assert list(tmp_path.glob("regexes-*.marshal"))
    monkeypatch.setattr(regexes, "_program", lambda *a: pytest.fail("parsed again"))
    again = RegexCache(tmp_path).compile(short, re.I)
    assert again.search("they Shelled it") and not again.search("a shell")
    assert again.flags == re.compile(short, re.I).flags


def test_regexes_no_cache_dir_uses_re() -> None:
    assert RegexCache(None).compile(_alternation()).search("rebels seized the town")


def test_regexes_cache_keeps_only_patterns_of_the_last_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _alternation(), _alternation(r"(?i)")
    first = RegexCache(tmp_path)
    first.compile(old)
    first.save()
    second = RegexCache(tmp_path)
    second.compile(new)
    second.save()
    parsed: list[str] = []
    real_parse = re._parser.parse  # type: ignore[attr-defined]

    def counting(pattern: str, *args: object) -> object:
        parsed.append(pattern)
        return real_parse(pattern, *args)

    monkeypatch.setattr(re._parser, "parse", counting)  # type: ignore[attr-defined]
    third = RegexCache(tmp_path)
    third.compile(new)
    third.compile(old)
    assert parsed == [old]  # the file kept the last run's pattern, not the dropped one


REPORTS = [
    "Rebels ambushed an army convoy near Goma on Monday, killing four soldiers, the army said.",
    "Police fired tear gas at protesters in Nairobi on Tuesday; 12 people were arrested.",
    "The G7 condemned the missile launch and said more troops would arrive in the coming days.",
]


def test_regexes_pipeline_from_cache_extracts_the_same_events(tmp_path: Path, pipeline) -> None:
    """A pipeline whose phrase scanners come from the regex cache (a second run) finds the
    events a freshly compiled one finds."""
    from sitroom import Document, Pipeline, Settings
    from sitroom.config import default_cache_dir
    from sitroom.geo.gazetteer import cache_path

    gazetteer = cache_path(default_cache_dir())  # built by the session's pipeline
    (tmp_path / gazetteer.name).symlink_to(gazetteer)
    first = Pipeline(Settings(cache_dir=tmp_path))
    assert list(tmp_path.glob("regexes-*.marshal"))  # the first run kept its programs
    second = Pipeline(Settings(cache_dir=tmp_path))
    for k, text in enumerate(REPORTS):
        doc = Document(id=f"r{k}", text=text, published=date(2026, 3, 2))
        expected = first(doc).events
        assert expected
        assert second(doc).events == expected == pipeline(doc).events
