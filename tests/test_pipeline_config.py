"""Stages are chosen by name from settings; misconfiguration fails early and clearly."""

from __future__ import annotations

import pytest

from sitroom import Document, Pipeline, Settings
from sitroom.errors import ConfigError
from sitroom.pipeline import BUILTIN_STAGES, Stage
from sitroom.pipeline.sentences import split_sentences


@pytest.mark.parametrize("stages,message", [
    (("sentences.rules@1", "nonsense@9"), "unknown stage 'nonsense@9'"),
    (("events.rules@1",), "needs"),
    (("places.gazetteer@1",), "needs"),
])
def test_pipeline_rejects_bad_stage_lists(stages: tuple[str, ...], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Pipeline(Settings(stages=stages))


def test_pipeline_builtin_stages_follow_the_protocol() -> None:
    pipe = Pipeline()
    assert [f"{s.name}@{s.version}" for s in pipe.stages] == list(Settings().stages)
    for stage in pipe.stages:
        assert isinstance(stage, Stage)
        assert stage.adds, f"{stage.name} declares nothing it adds"
    assert set(Settings().stages) <= set(BUILTIN_STAGES)


def test_pipeline_subset_runs_only_named_stages() -> None:
    pipe = Pipeline(Settings(stages=("sentences.rules@1",)))
    doc = pipe(Document(id="d", text="Troops clashed in Goma. Two people died."))
    assert len(doc.sentences) == 2 and doc.events == () and doc.actors == ()


@pytest.mark.parametrize("mapping,ok", [
    ({"stages": ["sentences.rules@1"]}, True),
    ({"max_doc_chars": 1000}, True),
    ({"stagez": []}, False),
])
def test_pipeline_settings_from_mapping(mapping: dict, ok: bool) -> None:
    if ok:
        assert isinstance(Settings.from_mapping(mapping), Settings)
    else:
        with pytest.raises(ConfigError, match="stagez"):
            Settings.from_mapping(mapping)


@pytest.mark.parametrize("text,expected", [
    ("Gen. Smith met U.S. officials on Monday. The talks failed.",
     ["Gen. Smith met U.S. officials on Monday.", "The talks failed."]),
    ('"No deal," he said. Then 3 people died!', ['"No deal," he said.', "Then 3 people died!"]),
    ("Headline without a full stop\n\nFirst paragraph here.",
     ["Headline without a full stop", "First paragraph here."]),
    ("President John F. Kennedy spoke. It was 1961.",
     ["President John F. Kennedy spoke.", "It was 1961."]),
    ("", []),
])
def test_sentences_split_respects_abbreviations(text: str, expected: list[str]) -> None:
    sents = split_sentences(text)
    assert [s.text for s in sents] == expected
    assert all(text[s.start:s.end] == s.text for s in sents)
